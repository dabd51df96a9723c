"""Schema drift: lossless conversions happen, anything else is emitted unchanged with a warning."""

import logging
from unittest import TestCase

import pytest
from airbyte_cdk.test.mock_http import HttpMocker

from stage_apis.normalize import SchemaNormalizer, lossless_convert
from test_support.mock_http.config import ConfigBuilder
from test_support.mock_http.reads import read_stream
from test_support.mock_http.request_builders import RuddrRequest, ZendeskSellRequest
from test_support.mock_http.responses import ruddr_ids, ruddr_page, zendesk_sell_page

INTEGER, NULLABLE_INTEGER = {"type": "integer"}, {"type": ["null", "integer"]}
NUMBER, BOOLEAN, STRING = {"type": "number"}, {"type": "boolean"}, {"type": ["null", "string"]}


@pytest.mark.parametrize(
    "value, schema, expected",
    [
        ("12", INTEGER, 12),
        ("-3", NULLABLE_INTEGER, -3),
        (12.0, INTEGER, 12),
        ("0.45", NUMBER, 0.45),
        ("0.4500", NUMBER, 0.45),
        ("1", NUMBER, 1),
        ("true", BOOLEAN, True),
        ("false", BOOLEAN, False),
        (12, STRING, "12"),
        (None, NULLABLE_INTEGER, None),
        (7, INTEGER, 7),
    ],
)
def test_lossless_conversions(value, schema, expected) -> None:
    converted = lossless_convert(value, schema)
    assert converted == expected and type(converted) is type(expected)


@pytest.mark.parametrize(
    "value, schema",
    [
        ("high", INTEGER),
        ("012", INTEGER),  # the leading zero would be lost
        (" 12", INTEGER),
        (12.5, INTEGER),  # the CDK's default normalisation would truncate this to 12
        ("0.12345678901234567890", NUMBER),  # more digits than a float keeps
        ("nan", NUMBER),
        ("yes", BOOLEAN),
        (1, BOOLEAN),
        (True, STRING),
        ({"a": 1}, STRING),
        ([1], INTEGER),
    ],
)
def test_lossy_or_impossible_conversions_keep_the_value(value, schema) -> None:
    assert lossless_convert(value, schema) is value


def test_records_of_the_right_types_are_left_alone_without_the_cdk_walk() -> None:
    schema = {"properties": {"id": INTEGER, "likelihood": NULLABLE_INTEGER, "name": STRING}}
    normalizer = SchemaNormalizer("s", schema)
    record = {"id": 1, "likelihood": None, "extra": [1]}
    normalizer.transform(record, schema)
    assert record == {"id": 1, "likelihood": None, "extra": [1]}
    assert normalizer._conforms({"id": 1}) and not normalizer._conforms({"id": "1"}) and not normalizer._conforms({"id": True})


class TestDriftDuringARead(TestCase):
    @HttpMocker()
    def test_zendesk_sell_strings_for_integers_are_normalised_and_extra_fields_pass(self, http_mocker: HttpMocker) -> None:
        fields = {1: {"id": "12", "likelihood": "50", "pipeline_id": "3", "surprise": {"x": 1}}}
        http_mocker.get(ZendeskSellRequest.stages().build(), zendesk_sell_page("zendesk_sell_stages", [1], fields=fields))

        output = read_stream(ConfigBuilder().with_zendesk_sell().build(), "zendesk_sell_stages")

        data = output.records[0].record.data
        assert (data["id"], data["likelihood"], data["pipeline_id"], data["surprise"]) == (12, 50, 3, {"x": 1})
        assert not output.is_in_logs("Failed to transform")

    @HttpMocker()
    def test_a_value_that_cannot_be_converted_is_emitted_unchanged_with_a_warning(self, http_mocker: HttpMocker) -> None:
        (record_id,) = ruddr_ids(1)
        fields = {record_id: {"probability": "about half", "isActive": "true"}}
        http_mocker.get(RuddrRequest.opportunity_stages().build(), ruddr_page("ruddr_opportunity_stages", [record_id], fields=fields))

        with self.assertLogs("airbyte", level=logging.WARNING) as logs:
            output = read_stream(ConfigBuilder().with_ruddr().build(), "ruddr_opportunity_stages")

        data = output.records[0].record.data
        assert (data["probability"], data["isActive"]) == ("about half", True)
        assert logs.output == [
            "WARNING:airbyte:ruddr_opportunity_stages: Failed to transform value from type 'string' to type "
            "'number' at path: 'probability'; the value is emitted unchanged"
        ]
