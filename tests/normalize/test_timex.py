"""TIMEX3 normalization: the case table reads as the spec of our news conventions."""

from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.timex import Timex, TimexNormalizer, default_lexicon, normalize_timex, split_value

SAT = date(2020, 1, 4)  # the seed article's publication date, a Saturday
THU = date(1998, 2, 19)

# (phrase, reference date, expected value)
CASES = [
    # the seed article
    ("Jan. 4", SAT, "2020-01-04"),
    ("Saturday", SAT, "2020-01-04"),
    ("early Friday", SAT, "2020-01-03TMO"),
    ("7:46 p.m.", SAT, "2020-01-04T19:46"),
    ("7:50 p.m.", SAT, "2020-01-04T19:50"),
    ("the past two months", SAT, "P2M"),
    ("The night of Jan. 4", SAT, "2020-01-04TNI"),
    ("Saturday evening local time", SAT, "2020-01-04TEV"),
    # weekdays: the latest such day on or before publication
    ("Friday", SAT, "2020-01-03"),
    ("Sunday", SAT, "2019-12-29"),
    ("last Friday", SAT, "2020-01-03"),
    ("next Monday", SAT, "2020-01-06"),
    ("Friday night", SAT, "2020-01-03TNI"),
    ("10 a.m. Monday", THU, "1998-02-16T10:00"),
    ("noon Thursday", THU, "1998-02-19T12:00"),
    # month and day: the year nearest publication
    ("Dec. 30", SAT, "2019-12-30"),
    ("Jan. 4, 2019", SAT, "2019-01-04"),
    ("4 January 2020", SAT, "2020-01-04"),
    ("December", SAT, "2019-12"),
    ("June last year", THU, "1997-06"),
    ("August 1988", THU, "1988-08"),
    ("1988", THU, "1988"),
    ("the 1990s", THU, "199"),
    ("the mid-1990s", THU, "199"),
    ("late November", THU, "1997-11"),
    # relative to publication
    ("today", SAT, "2020-01-04"),
    ("yesterday", SAT, "2020-01-03"),
    ("tomorrow", SAT, "2020-01-05"),
    ("tonight", SAT, "2020-01-04TNI"),
    ("this morning", SAT, "2020-01-04TMO"),
    ("last night", SAT, "2020-01-03TNI"),
    ("last year", THU, "1997"),
    ("this year", THU, "1998"),
    ("next year", THU, "1999"),
    ("earlier this month", THU, "1998-02"),
    ("last month", THU, "1998-01"),
    ("this week", SAT, "2020-W01"),
    ("last week", THU, "1998-W07"),
    ("two years ago", THU, "1996"),
    ("a year earlier", THU, "1997"),
    ("last fall", THU, "1997-FA"),
    ("this summer", THU, "1998-SU"),
    ("third-quarter", THU, "1997-Q3"),
    ("the first quarter of 1999", THU, "1999-Q1"),
    ("the end of 1990", THU, "1990"),
    ("the week of March 6", THU, "1998-W10"),
    # durations
    ("90 days", SAT, "P90D"),
    ("two-year", SAT, "P2Y"),
    ("five-hour", SAT, "PT5H"),
    ("the first nine months", SAT, "P9M"),
    ("the past few weeks", SAT, "PXW"),
    ("years", SAT, "PXY"),
    ("two decades", SAT, "P20Y"),
    ("at least 20 more years", SAT, "P20Y"),
    # references and sets
    ("now", SAT, "PRESENT_REF"),
    ("currently", SAT, "PRESENT_REF"),
    ("recently", SAT, "PAST_REF"),
    ("the future", SAT, "FUTURE_REF"),
    ("daily", SAT, "P1D"),
    ("every week", SAT, "P1W"),
    ("each season", SAT, "P1SE"),
    ("every Monday", SAT, "XXXX-WXX-1"),
]


@pytest.mark.parametrize(("phrase", "anchor", "expected"), CASES)
def test_timex_value_table(phrase: str, anchor: date, expected: str) -> None:
    timex = normalize_timex(phrase, anchor)
    assert timex is not None and timex.value == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("Jan. 4", "XXXX-01-04"), ("Friday", "XXXX-WXX-5"), ("P.M.", None), ("7:46 p.m.", "XXXX-XX-XXT19:46"),
     ("the past two months", "P2M"), ("2019", "2019")],
)
def test_timex_keeps_what_is_known_without_anchor(phrase: str, expected: str | None) -> None:
    timex = normalize_timex(phrase, None)
    assert (timex.value if timex else None) == expected


def test_timex_weekday_in_future_clause_is_the_coming_day() -> None:
    assert normalize_timex("Tuesday", SAT, tense="future") == Timex("2020-01-07", "DATE")


def test_timex_weekday_same_day_counts_as_past() -> None:
    assert normalize_timex("Saturday", SAT, tense="past") == Timex("2020-01-04", "DATE")


def test_timex_month_day_in_past_clause_is_not_in_the_future() -> None:
    assert normalize_timex("Jan. 20", SAT, tense="past").value == "2019-01-20"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("phrase", "expected_type"),
    [("7:46 p.m.", "TIME"), ("Jan. 4", "DATE"), ("90 days", "DURATION"), ("daily", "SET")],
)
def test_timex_types(phrase: str, expected_type: str) -> None:
    timex = normalize_timex(phrase, SAT)
    assert timex is not None and timex.type == expected_type


@pytest.mark.parametrize("phrase", ["22-year-old", "65", "rockets", ""])
def test_timex_not_a_time_gives_none(phrase: str) -> None:
    assert normalize_timex(phrase, SAT) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-04T19:46", ("2020-01-04", "19:46")),
        ("2020-01-04TEV", ("2020-01-04", None)),
        ("2020-01-04", ("2020-01-04", None)),
        ("2020-01", ("2020-01", None)),
        ("2020-W01", ("2020", None)),
        ("P2M", (None, None)),
        ("PRESENT_REF", (None, None)),
        ("XXXX-01-04", (None, None)),
    ],
)
def test_timex_split_value(value: str, expected: tuple[str | None, str | None]) -> None:
    assert split_value(value) == expected


def test_timex_lexicon_rejects_unknown_section() -> None:
    data = default_lexicon().to_dict() | {"monthz": {}}
    with pytest.raises(ValueError, match="unknown keys"):
        TimexNormalizer(type(default_lexicon()).from_dict(data))
