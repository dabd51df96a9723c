"""The ``default`` dataset: small, hand-written, awkward but legal.

Zendesk Sell: the documented seven default stages (Prospecting ... Unqualified, positions 1, 2,
3, 7, 8, 9, 10, likelihood null on won/lost/unqualified) in "Sales Pipeline", plus a second
pipeline whose stages have ids above 2^31, unicode/comma/quote/newline names and gappy
positions, plus a disabled third pipeline. Ruddr: a workspace with three pipelines and eleven
stages, each created through the same validation as ``POST /opportunity-stages``.
"""

from ..records import (ruddr_order, ruddr_pipeline, ruddr_stage, stable_uuid, zendesk_order,
                       zendesk_pipeline, zendesk_stage)
from ..ruddr_validation import validate_stage
from ..tables import Table
from .dataset import Dataset

SALES, PARTNERS, ARCHIVED = 1843215, 3000000017, 4294967311

ZENDESK_PIPELINES = [
    zendesk_pipeline(SALES, "Sales Pipeline", False, "2017-09-25T13:12:47Z", locale_key="sales_pipeline"),
    zendesk_pipeline(PARTNERS, 'Partners, "EMEA" & Zürich — 2nd', False, "2019-03-04T08:15:00Z",
                     "2023-11-30T17:45:09Z"),
    zendesk_pipeline(ARCHIVED, "Archived\nold deals", True, "2018-01-02T00:00:00Z", "2021-06-07T10:00:00Z"),
]

_CREATED = "2017-09-25T13:12:47Z"
ZENDESK_STAGES = [
    # The documented default pipeline (stages page table).
    zendesk_stage(9875401, "Prospecting", "incoming", True, 1, 5, SALES, _CREATED, locale_key="prospecting"),
    zendesk_stage(9875402, "Qualified", "in_progress", True, 2, 10, SALES, _CREATED, locale_key="qualified"),
    zendesk_stage(9875403, "Quote", "in_progress", True, 3, 20, SALES, _CREATED, locale_key="quote"),
    zendesk_stage(9875404, "Closure", "in_progress", True, 7, 50, SALES, _CREATED, locale_key="closure"),
    zendesk_stage(9875405, "Won", "won", False, 8, None, SALES, _CREATED, locale_key="won"),
    zendesk_stage(9875406, "Lost", "lost", False, 9, None, SALES, _CREATED, locale_key="lost"),
    zendesk_stage(9875407, "Unqualified", "unqualified", False, 10, None, SALES, _CREATED,
                  "2022-02-14T09:30:00Z", locale_key="unqualified"),
    # Custom stages: ids above 2^31, awkward names, gaps in positions, likelihood 0.
    zendesk_stage(2147483648, "Erstkontakt – “warm”", "incoming", True, 1, 0, PARTNERS, "2019-03-04T08:15:00Z"),
    zendesk_stage(2147483650, 'Negotiation, "final"', "in_progress", True, 4, 65, PARTNERS, "2019-03-04T08:15:01Z",
                  "2024-05-06T07:08:09Z"),
    zendesk_stage(3000000001, "Legal review\nand contract", "in_progress", True, 5, 80, PARTNERS,
                  "2019-03-04T08:15:02Z"),
    zendesk_stage(3000000002, "见面 / Meeting 🤝", "in_progress", True, 9, 90, PARTNERS, "2020-07-01T12:00:00Z"),
    zendesk_stage(3000000003, "Won ✅", "won", False, 12, None, PARTNERS, "2019-03-04T08:15:03Z"),
    zendesk_stage(3000000004, "Lost, 'no budget'", "lost", False, 13, None, PARTNERS, "2019-03-04T08:15:04Z"),
    zendesk_stage(3000000005, "Unqualified", "unqualified", False, 20, None, PARTNERS, "2019-03-04T08:15:05Z"),
    zendesk_stage(4294967296, "Old prospecting", "incoming", True, 1, 5, ARCHIVED, "2018-01-02T00:00:00Z"),
    zendesk_stage(4294967297, " Leading and trailing spaces ", "in_progress", True, 3, 33, ARCHIVED,
                  "2018-01-02T00:00:01Z"),
]

RUDDR_WORKSPACE = {"id": stable_uuid("ruddr-workspace"), "name": "Acme Consulting GmbH — Sandbox"}

_LONG_NAME = ("Long name, exactly 255 characters: " + "x" * 255)[:255]
_LONG_DESCRIPTION = ("Exactly 5000 characters, with \"quotes\", commas, and\nnewlines. " * 100)[:5000]

# (pipeline, name, description, is_active, created_at), oldest first.
RUDDR_PIPELINES = [
    ("sales", "Sales", "Default pipeline for new business.", True, "2024-01-15T09:00:00.000Z"),
    ("legacy", "Legacy – 旧パイプライン", "Kept for history.\nDo not use.", False, "2024-02-10T16:20:31.007Z"),
    ("renewals", 'Renewals, upsell & "expansion"', None, True, "2024-06-01T12:30:45.120Z"),
]

# (pipeline, POST body without opportunityPipelineId, created_at). Won and Lost in "sales" share
# a createdAt on purpose: the list order then depends on the id tie-break.
RUDDR_STAGES = [
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


def build_default() -> Dataset:
    pipelines = [ruddr_pipeline(stable_uuid(f"ruddr-pipeline-{key}"), name, description, active, created)
                 for key, name, description, active, created in RUDDR_PIPELINES]
    pipeline_ids = {row["id"] for row in pipelines}
    stages = []
    for number, (pipeline, body, created) in enumerate(RUDDR_STAGES):
        body = {**body, "opportunityPipelineId": stable_uuid(f"ruddr-pipeline-{pipeline}")}
        fields, errors = validate_stage(body, partial=False, pipeline_exists=pipeline_ids.__contains__)
        if errors:
            raise AssertionError(f"default dataset stage {body['name']!r} is invalid: {errors}")
        stages.append(ruddr_stage(stable_uuid(f"ruddr-stage-{number}"), fields, created))
    return Dataset(
        name="default",
        zendesk_stages=Table(sorted(ZENDESK_STAGES, key=zendesk_order), zendesk_order),
        zendesk_pipelines=Table(sorted(ZENDESK_PIPELINES, key=zendesk_order), zendesk_order),
        ruddr_stages=Table(sorted(stages, key=ruddr_order, reverse=True), ruddr_order, descending=True),
        ruddr_pipelines=Table(sorted(pipelines, key=ruddr_order, reverse=True), ruddr_order, descending=True),
        ruddr_workspace=dict(RUDDR_WORKSPACE),
    )
