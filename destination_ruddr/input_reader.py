"""The whole input, read before anything is written: the records of the accepted streams as stages
to write, and each STATE message with the number of records before it.

A sync accepts at most MAX_RECORDS records: they are all held to be checked before the first
write (stage counts are small: a pipeline has a handful of stages). Past it, the sync fails with
a config_error before writing anything. Records of a stream the configured catalog does not
select (a source piped in with a wider catalog) are skipped with one warning per stream, as the
classic Python destinations do.
"""

import logging
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from airbyte_cdk.models import AirbyteMessage, Type

from destination_ruddr.input_stages import InputStage, input_stage
from destination_ruddr.messages import failure

MAX_RECORDS = 10_000


@dataclass
class Input:
    stages: list[InputStage] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # numbers of the records of streams not selected
    states: list[tuple[int, AirbyteMessage]] = field(default_factory=list)  # (records before it, STATE)


def read_input(messages: Iterable[AirbyteMessage], streams: Collection[str], logger: logging.Logger) -> Input:
    read = Input()
    numbered = 0
    unselected: Counter[str] = Counter()
    for message in messages:
        if message.type == Type.STATE:
            read.states.append((numbered, message))
        if message.type != Type.RECORD:
            continue
        numbered += 1
        if message.record is None:  # input_lines.py refuses such a line first
            raise failure(f"Input record {numbered} is a RECORD message without its `record` object.")
        stream = message.record.stream
        if stream not in streams:
            unselected[stream] += 1
            read.skipped.append(numbered)
            continue
        if len(read.stages) == MAX_RECORDS:
            raise failure(
                f"The input holds more than {MAX_RECORDS} stage records, the most one sync accepts (every record is "
                "checked before the first write, so all are held in memory). Nothing was written. Split the input, "
                "e.g. with the source's pipeline filters, and sync each part."
            )
        read.stages.append(input_stage(stream, message.record.data, numbered))
    for stream, count in sorted(unselected.items()):
        logger.warning(
            f"Skipped {count} record(s) of the stream {stream}, which the configured catalog does not select."
        )
    return read
