"""TIMEX3 normalization: the case table reads as the spec of our news conventions."""

from __future__ import annotations

from datetime import date

import pytest

from extract.normalize.timex import (
    Timex,
    TimexNormalizer,
    default_lexicon,
    normalize_timex,
    split_value,
)

SAT = date(2020, 1, 4)  # the seed article's publication date, a Saturday
THU = date(1998, 2, 19)

# (phrase, reference date, expected value)
CASES = [
    # the seed article
    ("Jan. 4", SAT, "2020-01-04"),
    ("Saturday", SAT, "2020-01-04"),
    ("early Friday", SAT, "2020-01-03TMO"),
    ("late Friday", SAT, "2020-01-03"),
    ("late yesterday", SAT, "2020-01-03"),
    ("late Friday night", SAT, "2020-01-03TNI"),
    ("overnight", SAT, "2020-01-03TNI"),
    ("midnight Friday", SAT, "2020-01-03T24:00"),
    ("7:46 p.m.", SAT, "2020-01-04T19:46"),
    ("7:50 p.m.", SAT, "2020-01-04T19:50"),
    ("the past two months", SAT, "P2M"),
    # a part of every day
    ("every afternoon", SAT, "XXXX-XX-XXTAF"),
    ("each night", SAT, "XXXX-XX-XXTNI"),
    # the year just begun or about to begin
    ("in the new year", date(2005, 11, 16), "2006"),
    ("the new year", date(2006, 1, 10), "2006"),
    ("over the next decade", SAT, "P10Y"),
    # one more decade is ten years
    ("another decade", SAT, "P10Y"),
    ("a century-long", SAT, "P100Y"),
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
    ("13, 2007", THU, "2007"),  # a day with no month names only its year (not this month's 13th)
    ("1988", THU, "1988"),
    ("the 1990s", THU, "199"),
    ("the mid-1990s", THU, "199"),
    ("the nineties", THU, "199"),
    ("the early sixties", THU, "196"),
    ("the 1988 quarter", THU, "1988"),  # the same quarter of that year, when no quarter is named
    ("late November", THU, "1997-11"),
    # a quarter or half named by its months: the latest begun, unless a year is given
    ("the July-September quarter", THU, "1997-Q3"),
    ("the April-June period of 2006", THU, "2006-Q2"),
    ("the January-June period", THU, "1998-H1"),
    ("the first two quarters of 1990", THU, "1990-H1"),
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
    ("1,500 years ago", THU, "0498"),
    ("2,500 years ago", THU, "BC0503"),
    # counts spelled with a scale word are counted, not left unspecified
    ("more than two thousand years", THU, "P2000Y"),
    ("two hundred years", THU, "P200Y"),
    ("a hundred years ago", THU, "1898"),
    ("half an hour", THU, "PT30M"),
    ("two extra years", THU, "P2Y"),
    ("recent two years", THU, "P2Y"),
    ("a half-hour", THU, "PT30M"),
    ("half a year", THU, "P6M"),
    ("early on Friday", SAT, "2020-01-03TMO"),
    ("a year earlier", THU, "1997"),
    ("last fall", THU, "1997-FA"),
    ("this summer", THU, "1998-SU"),
    # a winter is named by the year of its January, whichever words name it
    ("this winter", date(2006, 11, 17), "2007-WI"),
    ("winter", date(2006, 11, 17), "2007-WI"),
    ("this winter", THU, "1998-WI"),
    ("third-quarter", THU, "1997-Q3"),
    ("the first quarter of 1999", THU, "1999-Q1"),
    ("the end of 1990", THU, "1990"),
    ("the week of March 6", THU, "1998-W10"),
    ("Election Day", date(1998, 10, 26), "1998-11-03"),
    ("the day Friday", SAT, "2020-01-03"),
    ("two days or so ago", SAT, "2020-01-02"),
    # durations
    ("90 days", SAT, "P90D"),
    ("two-year", SAT, "P2Y"),
    ("five-hour", SAT, "PT5H"),
    ("the first nine months", SAT, "P9M"),
    ("the past few weeks", SAT, "PXW"),
    ("years", SAT, "PXY"),
    ("two decades", SAT, "P20Y"),
    ("at least 20 more years", SAT, "P20Y"),
    ("5 1/2 hours", SAT, "PT5H30M"),
    ("2 1/2 years", SAT, "P2Y6M"),
    ("one hour and 48 minutes", SAT, "PT1H48M"),  # one length in two units
    ("4-hour, 37-minute", SAT, "PT4H37M"),  # a result's length, after a comma
    ("one hour, 16 minutes and 39 seconds", SAT, "PT1H16M39S"),
    ("two minutes 26.85 seconds", SAT, "PT2M26.85S"),
    ("10 years and one day", SAT, "P10Y1D"),
    ("an additional year", SAT, "P1Y"),
    ("eight trading days", SAT, "P8D"),
    # references and sets
    ("now", SAT, "PRESENT_REF"),
    ("currently", SAT, "PRESENT_REF"),
    ("recently", SAT, "PAST_REF"),
    ("the future", SAT, "FUTURE_REF"),
    ("daily", SAT, "P1D"),
    ("every week", SAT, "P1W"),
    ("each season", SAT, "P1SE"),
    ("every Monday", SAT, "XXXX-WXX-1"),
    ("on Monday", SAT, "2019-12-30"),
    ("Sunday mornings", SAT, "XXXX-WXX-7TMO"),
    ("each Friday night", SAT, "XXXX-WXX-5TNI"),
    ("weekly Friday", SAT, "XXXX-WXX-5"),
    # a month, season or holiday that comes back each year has no year
    ("each July", SAT, "XXXX-07"),
    ("every spring", SAT, "XXXX-SP"),
    ("every Christmas", SAT, "XXXX-12-25"),
    # months without a year: the occurrence nearest publication
    ("November", date(1989, 10, 30), "1989-11"),
    ("April", date(1998, 12, 5), "1999-04"),
    ("December", date(1999, 5, 6), "1998-12"),
    ("the middle of October", date(1998, 2, 23), "1997-10"),
    # broadcast transcripts spell years out
    ("nineteen ninety-six", THU, "1996"),
    ("the year two thousand", THU, "2000"),
    ("January nineteen ninety-seven", THU, "1997-01"),
    ("the winter of nineteen ninety-four", THU, "1994-WI"),
    # determiners and possessives NER takes into the span
    ("an Aug. 10, 1988", THU, "1988-08-10"),
    ("its fourth quarter", date(1989, 11, 2), "1989-Q4"),
    ("this year's third quarter", date(1989, 11, 1), "1989-Q3"),
    ("next year's first quarter", date(1989, 10, 31), "1990-Q1"),
    ("the current fiscal year", date(1989, 11, 2), "1989"),
    ("year-end", date(1989, 11, 2), "1989"),
    # the year under report (a year "ended June 30" is a length: see the component tests)
    ("the fiscal year", SAT, "2020"),
    ("for the full year", date(1989, 10, 30), "1989"),
    ("the year-earlier third quarter", date(1989, 10, 27), "1988-Q3"),
    ("the year-earlier nine months", date(1989, 10, 26), "P9M"),
    ("the fiscal-first quarter", date(1989, 10, 26), "1989-Q1"),
    # holidays: fixed days, nth weekdays and Easter, the latest unless "next" or the tense says
    ("Thanksgiving Day", date(2000, 1, 7), "1999-11-25"),
    ("last Thanksgiving", date(2000, 2, 10), "1999-11-25"),
    ("next Christmas", date(2000, 1, 7), "2000-12-25"),
    ("Christmas", date(1998, 12, 20), "1998-12-25"),
    ("Memorial Day 1998", THU, "1998-05-25"),
    ("Good Friday", date(2024, 3, 30), "2024-03-29"),
    ("Easter week", date(2000, 4, 17), "2000-W16"),
    ("Election Day", date(2024, 10, 1), "2024-11-05"),
    # spoken hours and days
    ("4 in the morning", SAT, "2020-01-04T04:00"),
    ("eight o'clock at night", SAT, "2020-01-04T20:00"),
    ("ten o'clock", SAT, "2020-01-04T10:00"),  # the hour in words
    ("Nov.18", SAT, "2019-11-18"),  # no space after the abbreviation
    ("the final minute", SAT, "PT1M"),  # a minute, not a month
    ("this coming Sunday, March eighth", date(1998, 3, 5), "1998-03-08"),
    ("the '80s", THU, "198"),
    ("the near term", THU, "FUTURE_REF"),
    ("a later date", THU, "FUTURE_REF"),
    # a part of a period is a length: "the first nine months of 1997"
    ("the first nine months of 1997", THU, "P9M"),
    ("recent weeks", THU, "PXW"),
    # a half of a year is H1/H2; of a decade, the decade
    ("the second half of the year", THU, "1998-H2"),
    ("the first half of last year", THU, "1997-H1"),
    ("the last half of the 1980s", THU, "198"),
    # a range of lengths is a length TimeML leaves unspecified
    ("10 to 15 years", THU, "PXY"),
    ("the next 12 to 18 months", THU, "PXM"),
    # an offset told from the story ("three days later") is only its length without a story day
    ("three days later", THU, "P3D"),
    ("a few days later", THU, "PXD"),
    ("just over an hour later", THU, "PT1H"),
    # wire-service clock times; the statistics office's "October 2005 month"
    ("1340 GMT", SAT, "2020-01-04T13:40"),
    # the clock as British and Asian papers write it, and wire copy's slips
    ("6.30 p.m.", SAT, "2020-01-04T18:30"),
    ("11.30pm", SAT, "2020-01-04T23:30"),
    ("17:56 p.m.", SAT, "2020-01-04T17:56"),
    ("around 18: 40", SAT, "2020-01-04T18:40"),
    ("mid-day Tuesday", THU, "1998-02-17T12:00"),
    # a year of the Middle Ages
    ("1204", SAT, "1204"),
    ("0800 GMT Tuesday", THU, "1998-02-17T08:00"),
    ("the October 2005 month", THU, "2005-10"),
    ("earlier in the day", SAT, "2020-01-04"),
    # a fiscal year or season named by the two years it spans is the first
    ("the year 2005/06", THU, "2005"),
    ("the 1970-71 season", THU, "1970"),
    ("the last financial year", THU, "1997"),
    # "the past decade" is the last ten years; "the last decade" the calendar one before
    ("the past decade", THU, "P10Y"),
    ("the past hour", THU, "PT1H"),
    ("the past century", THU, "P100Y"),
    ("the last decade", THU, "198"),
    ("centuries", THU, "PXY"),
    ("two centuries", THU, "P200Y"),
    # a century by its ordinal is its two leading digits
    ("the 20th century", THU, "19"),
    ("the seventh century", THU, "06"),
    ("15th-century", THU, "14"),
    # a fraction of a long unit
    ("half a century", THU, "P50Y"),
    ("a quarter of a century", THU, "P25Y"),
    ("a months-long", THU, "PXM"),
    # a day counted from a named day is that day's neighbour; a year bound is the year
    ("the day before last Tuesday", SAT, "2019-12-30"),
    ("the day after Jan. 4", SAT, "2020-01-05"),
    ("post-1959", THU, "1959"),
    # the first hours after midnight are that day's morning
    ("the early hours of Sunday", SAT, "2019-12-29TMO"),
    ("the small hours", SAT, "2020-01-04TMO"),
    ("pre-1990", THU, "1990"),
    ("the 2006/2007 season", THU, "2006"),
    # an offset with no count, or in seasons, is only before or after
    ("months ago", THU, "PAST_REF"),
    ("ten seasons ago", THU, "PAST_REF"),
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


def test_timex_weekend_is_the_one_past_unless_the_clause_looks_ahead() -> None:
    # a Thursday paper: "clashes over the weekend" were last week's, "will meet over the
    # weekend" and "the coming weekend" are two days off
    assert normalize_timex("the weekend", THU).value == "1998-W07-WE"  # type: ignore[union-attr]
    assert normalize_timex("the weekend", THU, tense="future").value == "1998-W08-WE"  # type: ignore[union-attr]
    assert normalize_timex("the coming weekend", THU).value == "1998-W08-WE"  # type: ignore[union-attr]
    assert normalize_timex("the coming weekend", SAT).value == "2020-W02-WE"  # type: ignore[union-attr]


def test_timex_weekday_same_day_counts_as_past() -> None:
    assert normalize_timex("Saturday", SAT, tense="past") == Timex("2020-01-04", "DATE")


def test_timex_month_in_past_clause_goes_back_only_when_months_ahead() -> None:
    # "June" in a January paper's past-tense clause is last June; a date a few weeks ahead
    # under a past-tense verb is nearly always a parse slip ("said ... payable Jan. 20").
    assert normalize_timex("June", SAT, tense="past").value == "2019-06"  # type: ignore[union-attr]
    assert normalize_timex("Jan. 20", SAT, tense="past").value == "2020-01-20"  # type: ignore[union-attr]
    # ... a few weeks, not two months: "elected in January", said in November, is this January
    assert normalize_timex("January", date(2006, 11, 3), tense="past").value == "2006-01"  # type: ignore[union-attr]


def test_timex_holiday_in_past_clause_is_read_as_its_date() -> None:
    # a holiday is read as its date is: a week ahead under a past-tense verb is a parse slip
    assert normalize_timex("Christmas", date(2006, 12, 19), tense="past").value == "2006-12-25"  # type: ignore[union-attr]
    assert normalize_timex("Christmas", date(2006, 11, 3), tense="past").value == "2005-12-25"  # type: ignore[union-attr]


def test_timex_year_inside_a_misread_is_not_moved() -> None:
    # dateparser reads "2005 month" as a day in 1859; a value must keep the year the text gives
    timex = normalize_timex("2005 month", THU)
    assert timex is None or timex.value.startswith("2005")


# (phrase, the time the story last named, expected value): offsets counted from the story
STORY_CASES = [
    ("Three days later", "2004-03-03", "2004-03-06"),
    ("a week before", "2004-03-03", "2004-W09"),
    ("two months after", "2004-03", "2004-05"),
    ("Two years later", "1990", "1992"),
    ("hours later", "2004-03-03", "2004-03-03"),
]


@pytest.mark.parametrize(("phrase", "story_time", "expected"), STORY_CASES)
def test_timex_offset_from_the_story_table(phrase: str, story_time: str, expected: str) -> None:
    timex = TimexNormalizer().normalize_from_story(phrase, story_time)
    assert timex is not None and timex.value == expected


@pytest.mark.parametrize(
    ("phrase", "story_time"),
    [("days later", "2004-03-03"), ("three days later", "2004"), ("three days later", None),
     ("three days ago", "2004-03-03"), ("a year earlier", "2004-03-03"), ("Friday", "2004-03-03")],
)
def test_timex_offset_from_the_story_needs_a_count_a_fine_enough_time_and_a_story_word(
    phrase: str, story_time: str | None
) -> None:
    # "ago" counts from publication; "a year earlier" compares periods; a year is no day
    assert TimexNormalizer().normalize_from_story(phrase, story_time) is None


# (phrase, the story's reference time, expected value): anchored on the narrative, not publication
REFERENCE_CASES = [
    ("a year earlier", "1989-Q3", "1988-Q3"),
    ("a year ago", "1989-Q3", "1988-Q3"),
    ("the year-ago quarter", "1989-Q3", "1988-Q3"),
    ("year-earlier", "1990-Q1", "1989-Q1"),
    ("the 1988 period", "1989-Q3", "1988-Q3"),
    ("that day", "1998-10-23", "1998-10-23"),
    ("Earlier that day", "1998-10-23", "1998-10-23"),
    ("same day", "2006-11-12", "2006-11-12"),  # NER leaves "the" out of "on the same day"
    ("that same day", "1998-10", "1998-10-XX"),  # after "last October": a day of it, unknown
    ("overnight", "1989-10-27", "1989-10-26TNI"),
    ("the next day", "1998-10-23", "1998-10-24"),
    ("the day before", "1998-10-23", "1998-10-22"),
    ("the next morning", "2000-02-22", "2000-02-23TMO"),
    ("that night", "1998-10-23", "1998-10-23TNI"),
    ("later that year", "1998-10-23", "1998"),
    ("the following year", "1995", "1996"),
    ("the previous year", "2004", "2003"),
    ("the following month", "1989-03", "1989-04"),
    ("that quarter", "1988-Q2", "1988-Q2"),
    ("10 p.m.", "1998-10-23", "1998-10-23T22:00"),
    ("the morning", "1989-10-27", "1989-10-27TMO"),
    ("the prior week", "2006-W45", "2006-W44"),
    ("the following week", "2006-11-15", "2006-W47"),
]


@pytest.mark.parametrize(("phrase", "reference", "expected"), REFERENCE_CASES)
def test_timex_reference_time_table(phrase: str, reference: str, expected: str) -> None:
    timex = TimexNormalizer().normalize_on_reference(phrase, reference)
    assert timex is not None and timex.value == expected


@pytest.mark.parametrize("phrase", ["that day", "the day", "the next day"])
def test_timex_loose_day_anaphor_after_a_month_has_no_value(phrase: str) -> None:
    # "during the day", "the day after <an event>": a month says too little to date them
    assert TimexNormalizer().normalize_on_reference(phrase, "1998-10") is None


@pytest.mark.parametrize(
    ("phrase", "reference"),
    [("a year earlier", "1989"), ("that day", "1998-10"), ("Friday", "1998-10-23"),
     ("tonight", "1998-10-23")],
)
def test_timex_reference_time_leaves_other_expressions_alone(phrase: str, reference: str) -> None:
    # a plain year keeps "a year earlier" deictic; "that day" needs a day to point at
    assert TimexNormalizer().normalize_on_reference(phrase, reference) is None


@pytest.mark.parametrize(
    ("phrase", "expected_type"),
    [
        ("7:46 p.m.", "TIME"),
        ("Jan. 4", "DATE"),
        ("90 days", "DURATION"),
        ("daily", "SET"),
        ("each July", "SET"),
    ],
)
def test_timex_types(phrase: str, expected_type: str) -> None:
    timex = normalize_timex(phrase, SAT)
    assert timex is not None and timex.type == expected_type


@pytest.mark.parametrize("phrase", ["22-year-old", "65", "rockets", "", "17:56 a.m.", "1: 48.60"])
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


def test_timex_compared_offset_counts_back_from_publication() -> None:
    # "up from 193 million a day earlier": the figure a day before publication
    normalizer = TimexNormalizer()
    assert normalizer.normalize_compared("a day earlier", THU) == Timex("1998-02-18", "DATE")
    assert normalizer.normalize_compared("three days later", THU) is None
    assert normalizer.normalize_compared("a day earlier", None) is None
