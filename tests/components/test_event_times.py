"""extract_event_times: lengths counted from an incident the story dates become dates."""

from __future__ import annotations

import pytest


def _times(result) -> dict[str, str | None]:
    return {e.text: e.value for e in result.entities if e.label in ("DATE", "TIME")}


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        # a length counted back from a shooting the lead dates
        ("The doctor was shot dead at his home in Amherst on Oct. 23. A jogger saw the "
         "suspect's car near the house 10 days before the shooting.", "10 days", "1998-10-13"),
        # "the day after": one day on
        ("The doctor was shot dead at his home on Oct. 23. Two men came to the house the day "
         "after his death.", "the day", "1998-10-24"),
        # the incident dated on its own word ("the Oct. 3 bombing")
        ("Police arrested two men two days after the Oct. 3 bombing.", "two days", "1998-10-05"),
        # a vague length is the incident's month
        ("Gunmen attacked the checkpoint on Oct. 23, killing four soldiers. The car had been "
         "seen in the weeks before the attack.", "the weeks", "1998-10"),
        # "the year before" an incident dated by its year
        ("Gunmen massacred 140 villagers in Dujail in 1982. The witness was arrested in 1981, "
         "the year before the massacre.", "the year", "1981"),
        # hours around the incident are on its day
        ("A car bomb exploded in the market in Hilla on Oct. 2. Hours before the blast, the "
         "police had closed the road.", "Hours", "1998-10-02"),
    ],
)
def test_event_times_length_from_a_dated_incident_is_a_date(extractor, text, phrase, expected):
    result = extractor(text, published="1998-11-20")
    assert _times(result)[phrase] == expected


def test_event_times_the_event_placed_by_the_length_takes_its_date(extractor):
    text = "A bomb exploded at the market on Oct. 3. Police arrested two men two days after the bombing."
    result = extractor(text, published="1998-11-20")
    arrest = next(e for e in result.events if e.type == "arrest")
    assert (arrest.date, arrest.date_source) == ("1998-10-05", "linked")


def test_event_times_clock_time_of_the_clause_moves_to_the_counted_day(extractor):
    text = ("The doctor was shot dead at his home on Oct. 23. A jogger saw the car at 6 a.m. "
            "near the house 10 days before the shooting.")
    assert _times(extractor(text, published="1999-05-05"))["6 a.m."] == "1998-10-13T06:00"


@pytest.mark.parametrize(
    ("text", "published", "phrase", "length"),
    [
        # no incident: an election is no event the story reports
        ("The president dissolved parliament on Oct. 3. The vote came two days after the "
         "election.", "1998-11-20", "two days", "P2D"),
        # the incident is not dated anywhere
        ("Police said the suspect's car was seen near the house 10 days before the shooting.",
         "1998-11-20", "10 days", "P10D"),
        # the only dated bombing is another one, told after the length
        ("Police said the suspect's car was seen 10 days before the bombing. He is also "
         "sought for the Jan. 29 bombing of a clinic in Birmingham.", "1998-11-20", "10 days", "P10D"),
        # the story's date for the killing is a year late; "one year after" it would put a
        # past memorial in the future
        ("The doctor was killed on Oct. 23, 1999 by a sniper. About 500 people attended a "
         "memorial service on Sunday, one year after he was killed.", "1999-10-24", "one year", "P1Y"),
        # the killing dated Monday is another man's
        ("A car bomb killed lawmaker Gebran Tueni in Beirut on Monday. Investigators are "
         "still searching for the killers 300 days after the assassination of Rafik Hariri.",
         "2005-12-13", "300 days", "P300D"),
        # arrests recur in a story: another arrest's month does not date "his arrest"
        ("Police came to arrest two members of the group in The Hague in November 2004. "
         "The suspect spoke of two politicians in the days before his arrest.", "2005-12-05",
         "the days", "PXD"),
        # a time before "after" dates the main clause, however the parser hangs it
        ("On June 28, three days after militants kidnapped a soldier, warplanes shelled the "
         "only power plant in Gaza.", "2006-11-25", "three days", "P3D"),
        # a different death toll is another incident
        ("Two civilians were killed on Saturday in El-Fasher. The attack came a week after "
         "five people were killed in fighting near the town.", "2006-12-10", "a week", "P1W"),
    ],
)
def test_event_times_without_a_dated_incident_the_length_stays(extractor, text, published, phrase, length):
    assert _times(extractor(text, published=published))[phrase] == length


def test_event_times_clock_on_an_incident_takes_the_incident_day(extractor):
    # the story has moved on to Monday, but the shooting it told first was on Oct. 23
    text = ("The doctor was shot dead at his home on Oct. 23. Prosecutors said on Monday they "
            "would present the case. The doctor was shot dead at 10 p.m. in his kitchen.")
    assert _times(extractor(text, published="1999-04-19"))["10 p.m."] == "1998-10-23T22:00"
