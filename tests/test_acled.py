"""ACLED-style rows: ACLED's columns, codes and conventions, filled only with what we know."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.acled import (
    ACLED_COLUMNS,
    AcledTables,
    acled_row,
    acled_rows,
    event_date_precision,
)
from extract.records import DocumentResult, Event
from extract.resources import RuleFileError

SHELLING_SENTENCE = "Rockets hit the Al-Rashid base near Baghdad on Tuesday, the army said."


def shelling() -> Event:
    return Event("base:e1", "attack", "shelling", "Explosions/Remote violence",
                 "Shelling/artillery/missile attack", date="2021-06-08", place="Al-Rashid base",
                 country="IQ", admin1="Baghdad", latitude=33.27, longitude=44.49,
                 target="the Al-Rashid base", target_category="state forces",
                 weapon="Rockets", injured=1, source="the army",
                 sentence=SHELLING_SENTENCE, start=8, end=11)


def arrest() -> Event:
    return Event("base:e2", "arrest", None, "Strategic developments", "Arrests",
                 date="2021-06-09", place="Baghdad", country="IQ", admin1="Baghdad",
                 actor="Iraqi police", actor_category="state forces",
                 victim="two suspects", sentence="Police arrested two suspects.")


def test_acled_columns_follow_the_acled_export() -> None:
    assert len(ACLED_COLUMNS) == 30
    assert ACLED_COLUMNS[:6] == ("event_date", "year", "time_precision", "disorder_type",
                                 "event_type", "sub_event_type")
    assert ACLED_COLUMNS[-4:] == ("notes", "fatalities", "tags", "timestamp")


def test_acled_shelling_event_becomes_shelling_row() -> None:
    row = acled_row(shelling(), doc_id="base-2021", published="2021-06-09")
    assert list(row) == list(ACLED_COLUMNS)
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["disorder_type"] == "Political violence"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2021-06-08", 2021, 1)
    assert (row["location"], row["admin1"], row["latitude"], row["longitude"]) == (
        "Al-Rashid base", "Baghdad", 33.27, 44.49)
    assert (row["iso"], row["country"], row["region"]) == (368, "Iraq", "Middle East")
    assert row["geo_precision"] == 1
    assert row["notes"] == SHELLING_SENTENCE
    assert row["source"] == "the army; base-2021"


def test_acled_unknown_fields_stay_empty() -> None:
    row = acled_row(shelling(), doc_id=None, published=None)
    for column in ("actor1", "assoc_actor_1", "assoc_actor_2", "admin2", "admin3",
                   "source_scale", "tags", "timestamp"):
        assert row[column] is None


def test_acled_fatalities_zero_when_not_reported() -> None:
    assert acled_row(shelling(), doc_id=None, published=None)["fatalities"] == 0
    killed = shelling()
    killed.killed = 4
    assert acled_row(killed, doc_id=None, published=None)["fatalities"] == 4


def test_acled_inter_codes_and_interaction_lower_first() -> None:
    event = shelling()
    event.actor, event.actor_category = "Kataib Hezbollah", "identity militia"
    event.target_category = "external/other forces"
    row = acled_row(event, doc_id=None, published=None)
    assert (row["actor1"], row["inter1"]) == ("Kataib Hezbollah", 4)
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("the Al-Rashid base", 8, 48)


def test_acled_sole_actor_interaction() -> None:
    event = arrest()
    event.victim = None
    row = acled_row(event, doc_id=None, published=None)
    assert (row["inter1"], row["actor2"], row["interaction"]) == (1, None, 10)


def test_acled_victim_is_second_actor_when_no_target() -> None:
    row = acled_row(arrest(), doc_id=None, published=None)
    assert row["actor2"] == "two suspects"
    assert row["disorder_type"] == "Strategic developments" and row["sub_event_type"] == "Arrests"


def test_acled_civilian_targeting() -> None:
    event = shelling()
    event.target, event.target_category = "a market", "civilians"
    row = acled_row(event, doc_id=None, published=None)
    assert (row["inter2"], row["civilian_targeting"]) == (7, "Civilian targeting")
    assert acled_row(shelling(), doc_id=None, published=None)["civilian_targeting"] is None


@pytest.mark.parametrize(("value", "day", "precision", "year"), [
    ("2021-06-08", dt.date(2021, 6, 8), 1, 2021),
    ("2021-06-08TNI", dt.date(2021, 6, 8), 1, 2021),
    ("2021-W23", dt.date(2021, 6, 10), 2, 2021),  # middle of the week
    ("2021-06", dt.date(2021, 6, 15), 3, 2021),  # middle of the month
    ("2021", None, 3, 2021),
    ("XXXX-06-08", None, None, None),
    ("PAST_REF", None, None, None),
    ("2021-02-30", None, None, None),
    (None, None, None, None),
])
def test_acled_time_precision(value: str | None, day: dt.date | None, precision: int | None,
                              year: int | None) -> None:
    assert event_date_precision(value) == (day, precision, year)


def test_acled_undated_event_takes_publication_date_at_low_precision() -> None:
    event = shelling()
    event.date = None
    row = acled_row(event, doc_id=None, published="2021-06-09")
    assert (row["event_date"], row["time_precision"]) == ("2021-06-09", 3)


def test_acled_threat_is_not_a_row() -> None:
    threat = Event("base:e3", "threat", sentence="The group vowed revenge.")
    with pytest.raises(ValueError, match="not an ACLED event"):
        acled_row(threat, doc_id=None, published=None)
    doc = DocumentResult("base", "2021-06-09", events=[shelling(), threat])
    assert len(acled_rows([doc])) == 1


def test_acled_negated_event_is_not_exported() -> None:
    event = shelling()
    event.negated = True
    assert acled_rows([DocumentResult("base", None, events=[event, arrest()])]) == [
        acled_row(arrest(), doc_id="base", published=None)]


def test_acled_rows_read_batch_dicts() -> None:
    lines = [DocumentResult("a", "2021-06-09", events=[shelling()]).to_dict(),
             DocumentResult("b", None, events=[arrest()]).to_dict(),
             DocumentResult("c", None).to_dict()]
    rows = acled_rows(lines, timestamp=1_623_000_000)
    assert [r["sub_event_type"] for r in rows] == ["Shelling/artillery/missile attack", "Arrests"]
    assert {r["timestamp"] for r in rows} == {1_623_000_000}


def test_acled_tables_reject_unknown_keys() -> None:
    with pytest.raises(RuleFileError, match="unknown keys"):
        AcledTables.from_dict({"inter_codes": {}, "disorder_types": {},
                               "sub_event_disorder_types": {}, "regions": {},
                               "continent_regions": {}, "interaction": {}})


def test_acled_csv_keeps_codes_as_integers_when_some_are_empty():
    from extract.frames import acled_frame
    from extract.records import DocumentResult, Event

    events = [Event(event_id="d:e1", type="attack", subtype="shelling",
                    acled_event_type="Explosions/Remote violence",
                    acled_sub_event_type="Shelling/artillery/missile attack", date="2020-01-04",
                    actor="the army", actor_category="state forces"),
              Event(event_id="d:e2", type="attack", subtype="shelling",
                    acled_event_type="Explosions/Remote violence",
                    acled_sub_event_type="Shelling/artillery/missile attack", date="2020-01-04")]
    csv = acled_frame([DocumentResult(doc_id="d", published="2020-01-04", events=events)]).to_csv(
        index=False)
    header, first, second = csv.splitlines()[:3]
    inter1 = header.split(",").index("inter1")
    assert first.split(",")[inter1] == "1"
    assert second.split(",")[inter1] == ""
