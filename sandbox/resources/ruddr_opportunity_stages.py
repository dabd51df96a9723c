"""Ruddr opportunity stages: ``GET/POST /opportunity-stages``, ``GET/PATCH/DELETE
/opportunity-stages/{id}``.

Records: ``id``, ``name``, ``description``, ``probability``, ``statusId``, ``isActive``,
``opportunityPipelineId``, ``createdAt`` (no ``updatedAt``). Writes follow the create/update
pages: ``name`` required, at most 255 characters; ``probability`` required, 0 to 1, at most 4
decimal places; ``statusId`` one of open/won/lost; ``opportunityPipelineId`` required and must
name an existing pipeline; ``description`` string or null, at most 5000 characters; ``isActive`` a
boolean, true when not given. Empty strings are stored as null (Ruddr's JSON convention). Every
broken rule is reported, not only the first. Unknown properties (including ``id`` and
``createdAt``, which the server sets) are ignored. A PATCH checks only what it sends.

``default``: twelve stages in the three pipelines, made through those rules, two of them created at
the same millisecond (the list order then depends on the id tie-break). ``large:N``: N stages, ten
per pipeline (one per ``large_dataset.PLACES``), one second (and some milliseconds) older per index.
"""

import operator
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from itertools import chain, islice, repeat
from typing import Any

from ..apis.ruddr import canonical_uuid, stable_uuid
from ..apis.ruddr_collection import RuddrCollection
from ..large_dataset import (PLACES, RUDDR_NEWEST_MS, STAGES_PER_PIPELINE, Place, ReversibleIds, by_place, fixed,
                             timestamps)
from ..tables import LazyRows, Row
from .ruddr_opportunity_pipelines import DEFAULT as DEFAULT_PIPELINES
from .ruddr_opportunity_pipelines import LARGE_IDS as LARGE_PIPELINE_IDS
from .ruddr_opportunity_pipelines import RESOURCE as PIPELINES
from .ruddr_opportunity_pipelines import default_id as default_pipeline_id

STATUS_IDS = ("open", "won", "lost")
NAME_MAX = 255
DESCRIPTION_MAX = 5000
PROBABILITY_MAX_PLACES = 4


def validate(dataset, body: Any, partial: bool) -> tuple[Row, list[str]]:
    return validate_stage(body, partial=partial, pipeline_exists=lambda pid: dataset[PIPELINES].get(pid) is not None)


def validate_stage(body: Any, *, partial: bool, pipeline_exists: Callable[[str], bool]) -> tuple[Row, list[str]]:
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


_LONG_NAME = ("Long name, exactly 255 characters: " + "x" * 255)[:255]
_LONG_DESCRIPTION = ("Exactly 5000 characters, with \"quotes\", commas, and\nnewlines. " * 100)[:5000]

# (pipeline key, POST body without opportunityPipelineId, createdAt). Won and Lost in "sales" share
# a createdAt on purpose: the list order then depends on the id tie-break.
DEFAULT = [
    ("sales", {"name": "Lead", "probability": 0.1, "statusId": "open"}, "2024-01-15T09:01:00.000Z"),
    ("sales", {"name": "Qualified", "probability": 0.25, "statusId": "open",
               "description": "Budget, authority, need and timing confirmed."}, "2024-01-15T09:02:00.000Z"),
    ("sales", {"name": "Proposal Sent", "probability": 0.45, "statusId": "open",
               "description": "A formal proposal has been submitted to the prospective client for review."},
     "2024-01-15T09:03:00.000Z"),
    ("sales", {"name": "Negotiation", "probability": 0.75, "statusId": "open",
               "description": 'Terms, "redlines" and pricing under discussion;\nlegal involved.'},
     "2024-01-15T09:04:00.000Z"),
    ("sales", {"name": "Won", "probability": 1, "statusId": "won", "description": ""}, "2024-01-15T09:05:00.000Z"),
    ("sales", {"name": "Lost", "probability": 0, "statusId": "lost"}, "2024-01-15T09:05:00.000Z"),
    ("legacy", {"name": "Old stage, multi\nline", "probability": 0.2, "statusId": "open", "isActive": False,
                "description": _LONG_DESCRIPTION}, "2024-02-10T16:21:00.000Z"),
    ("legacy", {"name": _LONG_NAME, "probability": 0.05, "statusId": "open", "isActive": False},
     "2024-02-10T16:22:00.000Z"),
    ("renewals", {"name": "Renewal due", "probability": 0.5, "statusId": "open"}, "2024-06-01T12:31:00.000Z"),
    ("renewals", {"name": "Upsell 💰", "probability": 0.3333, "statusId": "open",
                  "description": "Ünïcödé description with émojis 🎉"}, "2024-06-01T12:32:00.000Z"),
    ("renewals", {"name": "Closed – renewed", "probability": 1, "statusId": "won"}, "2024-06-01T12:33:00.000Z"),
    ("renewals", {"name": "Churned", "probability": 0, "statusId": "lost", "isActive": False},
     "2024-06-01T12:34:00.000Z"),
]


def default_rows() -> list[Row]:
    pipeline_ids = {default_pipeline_id(key) for key, *_ in DEFAULT_PIPELINES}
    rows = []
    for number, (pipeline, body, created) in enumerate(DEFAULT):
        body = {**body, "opportunityPipelineId": default_pipeline_id(pipeline)}
        fields, errors = validate_stage(body, partial=False, pipeline_exists=pipeline_ids.__contains__)
        if errors:
            raise AssertionError(f"default dataset stage {body['name']!r} is invalid: {errors}")
        rows.append(RESOURCE.row(stable_uuid(f"ruddr-stage-{number}"), fields, created))
    return rows


LARGE_IDS = ReversibleIds(0x51A6E5)


def _template(place: Place) -> bytes:
    """A large stage's row at ``place``; takes the id's three parts, index, index again (printed by
    the description of odd places, consumed unprinted by the ``null`` of even ones), isActive,
    opportunityPipelineId, createdAt to the second, its milliseconds."""
    name_open = fixed(place.name)[:-1]  # '"Name' without the closing quote: ' #i"' follows
    description = f'"Stage %s, slot {place.position}: \\"awkward\\"\\ntext"' if place.position % 2 else "null%.0s"
    return (f'{{"id":"{LARGE_IDS.format}","name":{name_open} #%s","description":{description},'
            f'"probability":{fixed(place.probability)},"statusId":{fixed(place.status)},"isActive":%s,'
            f'"opportunityPipelineId":"%s","createdAt":"%s.%03dZ"}}').encode()


TEMPLATES = [_template(place) for place in PLACES]
ACTIVE = [b"false"] + [b"true"] * 12  # isActive by index mod 13
# createdAt (ms) of index i: RUDDR_NEWEST_MS - 1000 * i - (i * 7919) % 1000, strictly older as i
# grows, with varied milliseconds; the milliseconds repeat every 1000 indexes.
MILLIS = [(1000 - i * 7919 % 1000) % 1000 for i in range(1000)]


def large_rows(count: int) -> LazyRows:
    return LazyRows(count, large_rows_json, LARGE_IDS.index)


def large_rows_json(start: int, stop: int) -> list[bytes]:
    """Stages start..stop-1 (index 0 is the newest): ids from LARGE_IDS, ten per pipeline,
    createdAt as MILLIS describes."""
    count = stop - start
    # createdAt to the second: one second older per index, one more where the milliseconds are
    # not 0 (every index but the multiples of 1000).
    newest = RUDDR_NEWEST_MS // 1000
    created = timestamps(newest - start - 1, -1, count)
    for i in range(-(-start // 1000) * 1000, stop, 1000):
        created[i - start] = timestamps(newest - i, 1, 1)[0]
    numbers = list(map(b"%d".__mod__, range(start, stop)))
    pipeline_ids = LARGE_PIPELINE_IDS.make_many(start // STAGES_PER_PIPELINE, (stop - 1) // STAGES_PER_PIPELINE + 1)
    pipelines = islice(chain.from_iterable(map(repeat, pipeline_ids, repeat(STAGES_PER_PIPELINE))),
                       start % STAGES_PER_PIPELINE, None)
    return list(map(operator.mod, by_place(TEMPLATES, start, count), zip(
        *LARGE_IDS.columns(start, stop), numbers, numbers, by_place(ACTIVE, start, count), pipelines, created,
        by_place(MILLIS, start, count))))


def _inserted(dataset) -> Row:
    pipeline = dataset[PIPELINES].first()
    return {"name": "Inserted stage", "probability": 0.5, "statusId": "open",
            "opportunityPipelineId": pipeline["id"] if pipeline else None}


RESOURCE = RuddrCollection(
    key="opportunity_stages",
    path="/api/workspace/opportunity-stages",
    noun="opportunity stage",
    fields=("id", "name", "description", "probability", "statusId", "isActive", "opportunityPipelineId",
            "createdAt"),
    filters=("name",),
    default_rows=default_rows,
    large_rows=large_rows,
    inserted=_inserted,
    validate=validate,
)
