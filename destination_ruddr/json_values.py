"""Values that Python's `json` reads and writes but strict JSON does not hold: NaN, Infinity (also
what a number beyond a double's range becomes), an integer beyond a double's range, a string with
a lone surrogate. A source written in Python emits them without a word (`json.dumps` allows NaN);
orjson, which the CDK reads input with, refuses them.

A record holding one is invalid like a record that breaks a rule (validation.py), wherever the
value is: Ruddr cannot store it, and a record that carries it cannot be copied faithfully.
"""

import math
from typing import Any, Iterator, Tuple

_DOUBLE_MAX = 1.7976931348623157e308


def unstrict_values(value: Any, path: str = "") -> Iterator[Tuple[str, str]]:
    """(path, what it is) for each such value in `value`, depth first; `path` like `meta.scores[1]`."""
    if isinstance(value, float):
        if math.isnan(value):
            yield path, "is NaN, which is not a number"
        elif math.isinf(value):
            yield path, f"is {'-' if value < 0 else ''}Infinity (or beyond the range of a double), not a finite number"
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > _DOUBLE_MAX:
            digits = len(str(abs(value)))
            yield path, f"is an integer of {digits} digits, beyond the range of a double"
    elif isinstance(value, str):
        surrogate = _lone_surrogate(value)
        if surrogate is not None:
            yield path, f"holds a lone surrogate (U+{ord(surrogate):04X}), which is not text"
    elif isinstance(value, dict):
        for key, item in value.items():
            surrogate = _lone_surrogate(key)
            if surrogate is not None:
                yield path, f"has a key holding a lone surrogate (U+{ord(surrogate):04X}), which is not text"
            yield from unstrict_values(item, _joined(path, escape_surrogates(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from unstrict_values(item, f"{path}[{index}]")


def escape_surrogates(text: str) -> str:
    """The text with each lone surrogate written as its JSON escape (`\\ud800`): a message that
    quotes it can then be printed (orjson refuses to write a lone surrogate)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _lone_surrogate(text: str) -> Any:
    return next((char for char in text if "\ud800" <= char <= "\udfff"), None)


def _joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
