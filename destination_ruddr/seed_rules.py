"""The rules of Ruddr's *Create an opportunity stage* page (POST /opportunity-stages), checked on
a record's body before anything is written:

- `name`: required, a string of 1 to 255 characters.
- `probability`: required, a number from 0 to 1 with at most 4 decimal places. A number with
  more is rounded to 4 (half up) rather than refused: 1/3 from a source is 0.3333 in Ruddr. A
  decimal in a string ("0.250000000", as PyAirbyte's DuckDB cache gives it) is sent as a number.
- `statusId`: open, won or lost.
- `description`: null or a string of at most 5000 characters ("" is null, as Ruddr stores it).
- `isActive`: true or false; true when the record has none (the page's default).
`opportunityPipelineId` is resolved and checked by pipelines.py.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from destination_ruddr.messages import shown
from stage_apis.ruddr.rules import ACTIVE_FIELD, DESCRIPTION_MAX, NAME_MAX, PROBABILITY_PLACES, STATUS_FIELD, STATUSES
from stage_apis.unified_stage import is_number

_PROBABILITY_STEP = Decimal(1).scaleb(-PROBABILITY_PLACES)


@dataclass(frozen=True)
class Problem:
    """A broken rule: the body field and what is wrong with its value."""

    field: str
    rule: str


@dataclass
class CheckedBody:
    body: dict[str, object] = field(default_factory=dict)  # the fields to send, when `problems` is empty
    problems: list[Problem] = field(default_factory=list)
    rounded: bool = False  # the probability had more than PROBABILITY_PLACES decimal places


def check_body(raw: dict[str, object]) -> CheckedBody:
    checked = CheckedBody()
    checked.body["name"] = _name(raw.get("name"), checked)
    checked.body["description"] = _description(raw.get("description"), checked)
    checked.body["probability"] = _probability(raw.get("probability"), checked)
    checked.body[STATUS_FIELD] = _status(raw.get(STATUS_FIELD), checked)
    checked.body[ACTIVE_FIELD] = _is_active(raw.get(ACTIVE_FIELD), checked)
    return checked


def _name(value: object, checked: CheckedBody) -> object:
    if value is None:
        checked.problems.append(Problem("name", "is required"))
    elif not isinstance(value, str):
        checked.problems.append(Problem("name", f"must be a string (got {shown(value)})"))
    elif not 1 <= len(value) <= NAME_MAX:
        checked.problems.append(Problem("name", f"must have 1 to {NAME_MAX} characters (has {len(value)})"))
    return value


def _description(value: object, checked: CheckedBody) -> object:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        checked.problems.append(Problem("description", f"must be a string or null (got {shown(value)})"))
    elif len(value) > DESCRIPTION_MAX:
        checked.problems.append(
            Problem("description", f"must have at most {DESCRIPTION_MAX} characters (has {len(value)})")
        )
    return value


def _probability(value: object, checked: CheckedBody) -> object:
    if value is None:
        checked.problems.append(Problem("probability", "is required"))
        return value
    number = _decimal(value)
    if number is None or not 0 <= number <= 1:
        checked.problems.append(Problem("probability", f"must be a number from 0 to 1 (got {shown(value)})"))
        return value
    exponent = number.as_tuple().exponent  # an int: the number is finite
    if isinstance(exponent, int) and exponent < -PROBABILITY_PLACES:
        checked.rounded = True
        number = number.quantize(_PROBABILITY_STEP, rounding=ROUND_HALF_UP)
    elif is_number(value):
        return value
    return int(number) if number == number.to_integral_value() else float(number)


def _status(value: object, checked: CheckedBody) -> object:
    if value not in STATUSES:
        checked.problems.append(Problem(STATUS_FIELD, f"must be one of {', '.join(STATUSES)} (got {shown(value)})"))
    return value


def _is_active(value: object, checked: CheckedBody) -> object:
    if value is None:
        return True
    if not isinstance(value, bool):
        checked.problems.append(Problem(ACTIVE_FIELD, f"must be true or false (got {shown(value)})"))
    return value


def _decimal(value: object) -> Decimal | None:
    """A number as the decimal its text shows (0.1 is 0.1, not the binary float), normalised (0.5000
    has one place); None for anything else, NaN and infinities included. A string holding a decimal
    counts: PyAirbyte's DuckDB cache hands decimals over as text ("0.250000000")."""
    if is_number(value):
        text = repr(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number.normalize() if number.is_finite() else None
