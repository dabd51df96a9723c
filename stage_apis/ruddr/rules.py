"""Ruddr's own facts about an opportunity stage, for every part that reads or writes one: the
statuses, the fields of its records, and the limits of its *Create an opportunity stage* page
(POST /opportunity-stages)."""

# Whether deals in the stage are still open, won or lost: the values of `statusId` (and of the
# unified `status`; schemas/ruddr_opportunity_stages.json and source_stages/schemas/stages.json
# list them too, and unit_tests/test_schemas.py holds both to this).
STATUSES = ("open", "won", "lost")

PIPELINE_FIELD = "opportunityPipelineId"
STATUS_FIELD = "statusId"
ACTIVE_FIELD = "isActive"
# The create page's body, less the pipeline, in the order Ruddr lists them.
CREATE_FIELDS = ("name", "description", "probability", STATUS_FIELD, ACTIVE_FIELD)

NAME_MAX = 255  # characters
DESCRIPTION_MAX = 5000  # characters
PROBABILITY_PLACES = 4  # decimal places
