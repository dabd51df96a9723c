"""The Airbyte destination contract: an input STATE message goes back out only once every record
that came before it in the input is written, because the platform resumes after the last STATE it
got back. Records are written in the source's order (plan.py), not in input order, so each STATE
waits for the lowest-numbered record not yet written to pass it.
"""

from collections import deque
from collections.abc import Iterable, Sequence

from airbyte_cdk.models import AirbyteMessage


class StateRelease:
    def __init__(self, states: Sequence[tuple[int, AirbyteMessage]]):
        self._waiting = deque(states)  # (records before it, STATE), in input order
        self._written: set[int] = set()
        self._first_unwritten = 1  # record numbers start at 1

    def written(self, numbers: Iterable[int]) -> list[AirbyteMessage]:
        """The STATE messages that these records, now written, release."""
        self._written.update(numbers)
        while self._first_unwritten in self._written:
            self._written.remove(self._first_unwritten)
            self._first_unwritten += 1
        released = []
        while self._waiting and self._waiting[0][0] < self._first_unwritten:
            released.append(self._waiting.popleft()[1])
        return released
