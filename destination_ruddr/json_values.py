"""Values that Python's `json` reads and writes but strict JSON does not hold: NaN, Infinity (also
what a number beyond a double's range becomes), an integer beyond a double's range, a string with
a lone surrogate. A source written in Python emits them without a word (`json.dumps` allows NaN);
orjson, which the CDK reads input with, refuses them.

A record holding one is invalid like a record that breaks a rule (validation.py), wherever the
value is: Ruddr cannot store it, and a record that carries it cannot be copied faithfully.
"""

import math
from collections.abc import Iterator

import orjson

_DOUBLE_MAX = 1.7976931348623157e308


def unstrict_values(value: object) -> Iterator[tuple[str, str]]:
    """(path, what it is) for each such value in `value`, depth first (an object's keys before its
    values), at any depth; `path` like `meta.scores[1]` ("" for `value` itself)."""
    if _round_trips(value):
        return
    waiting = [("", value)]
    while waiting:
        path, value = waiting.pop()
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and (surrogate := _lone_surrogate(key)) is not None:
                    yield path, f"has a key holding a lone surrogate (U+{ord(surrogate):04X}), which is not text"
            waiting += [(_joined(path, escape_surrogates(str(key))), item) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            waiting += [(f"{path}[{index}]", item) for index, item in reversed(list(enumerate(value)))]
        elif (what := _unstrict(value)) is not None:
            yield path, what


def _round_trips(value: object) -> bool:
    """A quick first look, in C (the walk runs only when it fails): `value` comes back the same from
    strict JSON. orjson refuses lone surrogates and integers beyond 64 bits, and writes NaN and
    Infinity as null."""
    try:
        return bool(orjson.loads(orjson.dumps(value)) == value)
    except (TypeError, ValueError, RecursionError):  # orjson's errors are TypeError and ValueError
        return False


def _unstrict(value: object) -> str | None:
    """What a single value (not an object or array) is, if strict JSON does not hold it."""
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return "is NaN, which is not a number"
        return f"is {'-' if value < 0 else ''}Infinity (or beyond the range of a double), not a finite number"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > _DOUBLE_MAX:
        return f"is an integer of {len(str(abs(value)))} digits, beyond the range of a double"
    if isinstance(value, str) and (surrogate := _lone_surrogate(value)) is not None:
        return f"holds a lone surrogate (U+{ord(surrogate):04X}), which is not text"
    return None


def escape_surrogates(text: str) -> str:
    """The text with each lone surrogate written as its JSON escape (`\\ud800`): a message that
    quotes it can then be printed (orjson refuses to write a lone surrogate)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _lone_surrogate(text: str) -> str | None:
    if text.isascii():
        return None
    try:
        text.encode("utf-8")  # fails only on a lone surrogate; far faster than looking at each character
        return None
    except UnicodeEncodeError as error:
        return text[error.start]


def _joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
