"""The values strict JSON does not hold, found wherever they are in a record and named by path."""

import pytest

from destination_ruddr.json_values import escape_surrogates, unstrict_values


@pytest.mark.parametrize("value", [
    {"name": "Lead", "probability": 0.25, "position": 3, "active": True, "description": None, "tags": ["a", "é", "見"]},
    {"id": 2 ** 64, "negative": -(2 ** 70), "tiny": 1e-300, "largest": 1.7976931348623157e308},  # valid JSON numbers
    {1: "an int key, as a record made in code may have"},
])
def test_strict_values_are_not_reported(value):
    assert list(unstrict_values(value)) == []


def test_each_value_is_named_by_its_path_an_objects_keys_first():
    record = {"a": "ok \ud800", "b\udc00": {"c": 1}, "list": [1.5, True, None, float("nan")], "big": -(10 ** 400),
              "deep": {"er": [{"inf": float("inf")}]}}

    assert list(unstrict_values(record)) == [
        ("", "has a key holding a lone surrogate (U+DC00), which is not text"),
        ("a", "holds a lone surrogate (U+D800), which is not text"),
        ("list[3]", "is NaN, which is not a number"),
        ("big", "is an integer of 401 digits, beyond the range of a double"),
        ("deep.er[0].inf", "is Infinity (or beyond the range of a double), not a finite number"),
    ]


def test_any_depth_is_walked_without_recursion():
    record = current = {}
    for _ in range(100_000):
        current["a"] = {}
        current = current["a"]
    current["x"] = float("-inf")

    ((path, what),) = unstrict_values(record)

    assert path == "a." * 100_000 + "x" and what.startswith("is -Infinity")


def test_a_lone_surrogate_is_escaped_for_messages():
    assert escape_surrogates("Half \ud800 a character, 見面") == "Half \\ud800 a character, 見面"
