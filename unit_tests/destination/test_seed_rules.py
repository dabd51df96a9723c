"""The create page's rules (seed_rules.py), each at its limit and just past it."""

import pytest

from destination_ruddr.seed_rules import DESCRIPTION_MAX, NAME_MAX, Problem, check_body

VALID = {"name": "Lead", "description": None, "probability": 0.25, "statusId": "open", "isActive": True}


def checked(**change):
    return check_body({**VALID, **change})


@pytest.mark.parametrize("name", ["x", "n" * NAME_MAX, "见面 / Meeting 🤝", " spaces kept "])
def test_a_name_of_1_to_255_characters_is_sent_as_it_is(name):
    result = checked(name=name)
    assert result.problems == [] and result.body["name"] == name


@pytest.mark.parametrize("name, rule", [
    (None, "is required"),
    ("", "must have 1 to 255 characters (has 0)"),
    ("n" * (NAME_MAX + 1), "must have 1 to 255 characters (has 256)"),
    (7, "must be a string (got 7)"),
])
def test_a_name_past_the_limits_is_invalid(name, rule):
    assert checked(name=name).problems == [Problem("name", rule)]


@pytest.mark.parametrize("probability", [0, 1, 0.0, 1.0, 0.5, 0.1234, 0.0001, 0.9999])
def test_a_probability_from_0_to_1_with_at_most_4_places_is_sent_as_it_is(probability):
    result = checked(probability=probability)
    assert result.problems == [] and not result.rounded
    assert result.body["probability"] == probability and type(result.body["probability"]) is type(probability)


@pytest.mark.parametrize("probability, sent", [
    (0.12345, 0.1235),  # half up
    (0.12344, 0.1234),
    (1 / 3, 0.3333),
    (0.99995, 1.0),
    (0.00004, 0.0),
])
def test_a_probability_with_more_places_is_rounded_to_4(probability, sent):
    result = checked(probability=probability)
    assert result.problems == [] and result.rounded and result.body["probability"] == sent


@pytest.mark.parametrize("text, sent", [("0.250000000", 0.25), ("1.000000000", 1), ("0E-9", 0), (" 0.5 ", 0.5)])
def test_a_decimal_in_a_string_as_pyairbytes_cache_gives_it_is_sent_as_a_number(text, sent):
    result = checked(probability=text)
    assert result.problems == [] and not result.rounded
    assert result.body["probability"] == sent and type(result.body["probability"]) is type(sent)


@pytest.mark.parametrize("probability, rule", [
    (None, "is required"),
    (-0.0001, "must be a number from 0 to 1 (got -0.0001)"),
    (1.0001, "must be a number from 0 to 1 (got 1.0001)"),
    (2, "must be a number from 0 to 1 (got 2)"),
    ("half", 'must be a number from 0 to 1 (got "half")'),
    ("1.5", 'must be a number from 0 to 1 (got "1.5")'),
    (True, "must be a number from 0 to 1 (got true)"),
    (float("nan"), "must be a number from 0 to 1 (got NaN)"),
])
def test_a_probability_past_the_limits_is_invalid(probability, rule):
    assert checked(probability=probability).problems == [Problem("probability", rule)]


@pytest.mark.parametrize("status", ["open", "won", "lost"])
def test_the_three_statuses(status):
    assert checked(statusId=status).problems == []


@pytest.mark.parametrize("status, shown", [("closed", '"closed"'), ("Open", '"Open"'), (None, "null")])
def test_any_other_status_is_invalid(status, shown):
    assert checked(statusId=status).problems == [Problem("statusId", f"must be one of open, won, lost (got {shown})")]


@pytest.mark.parametrize("description, sent", [(None, None), ("", None), ("d" * DESCRIPTION_MAX, "d" * DESCRIPTION_MAX)])
def test_a_description_is_null_or_at_most_5000_characters(description, sent):
    result = checked(description=description)
    assert result.problems == [] and result.body["description"] == sent


@pytest.mark.parametrize("description, rule", [
    ("d" * (DESCRIPTION_MAX + 1), "must have at most 5000 characters (has 5001)"),
    (["x"], 'must be a string or null (got ["x"])'),
])
def test_a_description_past_the_limits_is_invalid(description, rule):
    assert checked(description=description).problems == [Problem("description", rule)]


@pytest.mark.parametrize("is_active, sent", [(None, True), (True, True), (False, False)])
def test_is_active_defaults_to_true(is_active, sent):
    result = checked(isActive=is_active)
    assert result.problems == [] and result.body["isActive"] is sent


def test_is_active_must_be_a_boolean():
    assert checked(isActive="yes").problems == [Problem("isActive", 'must be true or false (got "yes")')]


def test_every_broken_rule_of_a_record_is_reported():
    fields = [problem.field for problem in check_body({}).problems]
    assert fields == ["name", "probability", "statusId"]
