import pytest

from extract.normalize.numbers import Quantity, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [("13", 13), ("two", 2), ("twenty-five", 25), ("1,200", 1200), ("three hundred", 300)],
)
def test_numbers_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 50", Quantity(50, "at_least")),
        ("more than 100", Quantity(100, "more_than")),
        ("about 20", Quantity(20, "about")),
        ("dozens", Quantity(12, "vague")),
        ("up to 30", Quantity(30, "at_most")),
    ],
)
def test_numbers_parse_quantity_with_qualifier(text, expected):
    assert parse_quantity(text) == expected


def test_numbers_unknown_words_are_not_numbers():
    assert parse_quantity("several hundred thousand reasons") is None
