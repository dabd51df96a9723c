"""Ruddr's write validation for opportunity stages, as the create/update reference pages state it.

``name`` required, at most 255 characters; ``probability`` required, 0 to 1, at most 4 decimal
places; ``statusId`` one of open/won/lost; ``opportunityPipelineId`` required and must name an
existing pipeline; ``description`` string or null, at most 5000 characters; ``isActive`` a
boolean, true when not given. Empty strings are stored as null (Ruddr's JSON convention).
Every broken rule is reported, not only the first. Unknown properties (including ``id`` and
``createdAt``, which the server sets) are ignored.
"""

import uuid
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

STATUS_IDS = ("open", "won", "lost")
NAME_MAX = 255
DESCRIPTION_MAX = 5000
PROBABILITY_MAX_PLACES = 4


def canonical_uuid(value: Any) -> str | None:
    """The lower-case hyphenated form of a UUID string, or None if it is not one."""
    if not isinstance(value, str) or len(value) != 36:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def validate_stage(body: Any, *, partial: bool, pipeline_exists: Callable[[str], bool]) -> tuple[dict, list[str]]:
    """Check a POST (``partial=False``) or PATCH body; return (the fields to store, the errors)."""
    if not isinstance(body, dict):
        return {}, ["The request body must be a JSON object."]
    body = {key: None if value == "" else value for key, value in body.items()}
    fields: dict[str, Any] = {}
    errors: list[str] = []

    def required(name: str) -> bool:
        """True if the property should be checked further; records a missing/null error."""
        if name not in body:
            if not partial:
                errors.append(f"'{name}' is required")
            return False
        if body[name] is None:
            errors.append(f"'{name}' is required" if not partial else f"'{name}' cannot be null")
            return False
        return True

    if required("name"):
        _check_text(body["name"], "name", NAME_MAX, fields, errors)
    if required("probability"):
        _check_probability(body["probability"], fields, errors)
    if required("statusId"):
        if body["statusId"] in STATUS_IDS:
            fields["statusId"] = body["statusId"]
        else:
            errors.append(f"'statusId' must be one of: {', '.join(STATUS_IDS)}")
    if required("opportunityPipelineId"):
        pipeline_id = canonical_uuid(body["opportunityPipelineId"])
        if pipeline_id is None:
            errors.append("'opportunityPipelineId' must be a valid UUID")
        elif not pipeline_exists(pipeline_id):
            errors.append("'opportunityPipelineId' does not match an existing opportunity pipeline")
        else:
            fields["opportunityPipelineId"] = pipeline_id
    if "description" in body:
        if body["description"] is None:
            fields["description"] = None
        else:
            _check_text(body["description"], "description", DESCRIPTION_MAX, fields, errors)
    elif not partial:
        fields["description"] = None
    if body.get("isActive") is not None:
        if isinstance(body["isActive"], bool):
            fields["isActive"] = body["isActive"]
        else:
            errors.append("'isActive' must be a boolean")
    elif not partial:
        fields["isActive"] = True
    elif "isActive" in body:
        errors.append("'isActive' cannot be null")
    return fields, errors


def _check_text(value: Any, name: str, limit: int, fields: dict, errors: list[str]) -> None:
    if not isinstance(value, str):
        errors.append(f"'{name}' must be a string")
    elif len(value) > limit:
        errors.append(f"'{name}' must be at most {limit} characters")
    else:
        fields[name] = value


def _check_probability(value: Any, fields: dict, errors: list[str]) -> None:
    number = _as_decimal(value)
    if number is None:
        errors.append("'probability' must be a number")
    elif not 0 <= number <= 1:
        errors.append("'probability' must be between 0 and 1")
    elif number.normalize().as_tuple().exponent < -PROBABILITY_MAX_PLACES:
        errors.append(f"'probability' must have at most {PROBABILITY_MAX_PLACES} decimal places")
    else:
        # Stored the way a JSON (JavaScript) server would print it: 1 not 1.0, 0.45 not 0.4500.
        fields["probability"] = int(number) if number == number.to_integral_value() else float(number)


def _as_decimal(value: Any) -> Decimal | None:
    """JSON numbers arrive as Decimal (the body is parsed with parse_float=Decimal)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None
