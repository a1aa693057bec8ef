"""Terminal table of events: readable, fits the window, folds when narrow."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from extract.display import events_table, print_results
from extract.records import DocumentResult, Entity, Event

TEXT = ("Militants ambushed a convoy on the Kestrel road on Monday morning, killing at least "
        "five police officers, the governor said. Later, protesters rallied in Dunmore.")


def make_result() -> DocumentResult:
    """Two events written for these tests: an ambush with casualties and a protest."""
    ambush = Event("kestrel:e1", "attack", "armed_clash", "Battles", "Armed clash",
                   date="2024-02-05", time="TMO", place="Kestrel road", country="XX",
                   actor="Militants", actor_category="rebel group",
                   target="a convoy of the regional police escorting supply trucks between the "
                          "northern depots and the Kestrel border crossing",
                   victim="police officers", weapon="small arms", killed=5,
                   casualty_qualifier="at_least", source="the governor",
                   sentence=TEXT.split(". ")[0], start=10, end=18)
    protest = Event("kestrel:e2", "protest", None, "Protests", "Peaceful protest",
                    date="2024-02-05", place="Dunmore", actor="protesters",
                    sentence="Later, protesters rallied in Dunmore.", start=TEXT.index("rallied"),
                    end=TEXT.index("rallied") + 7)
    entities = [Entity("Militants", "UNIT", "unit", 0, 9),
                Entity("Monday morning", "DATE", "time", TEXT.index("Monday"),
                       TEXT.index("Monday") + 14, value="2024-02-05TMO")]
    return DocumentResult("kestrel-2024", "2024-02-05", entities=entities,
                          events=[ambush, protest])


def render(renderable: object, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize("width", [60, 100, 160])
def test_display_table_fits_the_window(width: int) -> None:
    lines = render(events_table(make_result(), width=width), width).splitlines()
    assert lines and max(len(line) for line in lines) <= width


def test_display_wide_table_has_one_column_per_field() -> None:
    out = render(events_table(make_result(), width=180), 180)
    for header in ("#", "type/subtype", "date", "place", "actor", "target/victim", "weapon",
                   "killed", "injured", "source"):
        assert header in out


def test_display_folds_columns_when_narrow() -> None:
    table = events_table(make_result(), width=100)
    assert [c.header for c in table.columns][:3] == ["#", "type / date / place",
                                                     "actor → target/victim"]
    assert len(events_table(make_result(), width=60).columns) == 3


def test_display_shows_event_fields() -> None:
    out = render(events_table(make_result(), width=180), 180)
    for value in ("attack/armed_clash", "2024-02-05 morning", "Kestrel road, XX", "Militants",
                  "small arms", "at least 5", "governor", "protest"):
        assert value in out


def test_display_ellipsizes_long_cells() -> None:
    out = render(events_table(make_result(), width=180), 180)
    assert "…" in out and "Kestrel border crossing" not in out


def test_display_accepts_the_dict_form() -> None:
    result = make_result()
    assert render(events_table(result.to_dict(), width=120), 120) == render(
        events_table(result, width=120), 120)


def test_display_print_results_reports_documents_without_events() -> None:
    console = Console(width=120, file=io.StringIO(), color_system=None, record=True)
    print_results([make_result(), DocumentResult("empty-doc", None)], console)
    out = console.export_text()
    assert "kestrel-2024: 2 event(s)" in out
    assert "empty-doc: no events found" in out
    assert "UNIT 1" in out and "DATE 1" in out
