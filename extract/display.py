"""How results look to a person: a terminal table of events, and the colours of the report.

`events_table` is what `extract run` prints: one row per event, sized to the terminal
(long cells wrap or end in an ellipsis; on a narrow terminal related columns fold into one).
The colours and category names shared with the HTML report are data in `models/display.json`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extract.records import DocumentResult, Event
from extract.resources import check_keys, read_rules

_RULES_FILE = "display.json"
_RULE_KEYS = {"entity_colors", "default_entity_color", "category_names", "event_colors",
              "default_event_color"}

# Terminal widths at which the table changes layout: full columns, folded, compact.
FULL_WIDTH = 150
FOLDED_WIDTH = 90
MAX_CELL = 60  # characters of a free-text cell (actor, target, place) before an ellipsis


@dataclass(frozen=True)
class DisplayConfig:
    """Colours by entity label and event type, and readable names of entity categories."""

    entity_colors: dict[str, str]
    default_entity_color: str
    category_names: dict[str, str]
    event_colors: dict[str, str]
    default_event_color: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DisplayConfig:
        check_keys(_RULES_FILE, data, _RULE_KEYS, _RULE_KEYS)
        return cls(**{k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()})

    def entity_color(self, label: str) -> str:
        return self.entity_colors.get(label, self.default_entity_color)

    def event_color(self, event_type: str) -> str:
        return self.event_colors.get(event_type, self.default_event_color)

    def category_name(self, category: str) -> str:
        return self.category_names.get(category, category.replace("_", " ").capitalize())


@cache
def display_config() -> DisplayConfig:
    """Load `models/display.json` once."""
    return DisplayConfig.from_dict(read_rules(_RULES_FILE, "display"))


def as_result(result: DocumentResult | dict[str, Any]) -> DocumentResult:
    """Accept a record or its JSON dict form (a line of batch JSONL output)."""
    return result if isinstance(result, DocumentResult) else DocumentResult.from_dict(result)


def _ellipsize(value: str | None, limit: int = MAX_CELL) -> str:
    if not value:
        return ""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def event_kind(event: Event) -> str:
    """'attack/shelling', with flags an analyst must not miss (negated, uncertain)."""
    kind = f"{event.type}/{event.subtype}" if event.subtype else event.type
    flags = [f for f, on in (("negated", event.negated), ("uncertain", event.uncertain)) if on]
    return f"{kind} ({', '.join(flags)})" if flags else kind


# TIMEX3 parts of day, as a reader says them.
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening",
                "NI": "night", "DT": "daytime"}


def event_when(event: Event) -> str:
    """Date and time of day as one cell: '2020-01-04 19:46', '2020-01-04 night'."""
    time = event.time
    if time:
        time = PARTS_OF_DAY.get(time.removeprefix("T"), time)
    return " ".join(x for x in (event.date, time) if x)


def event_place(event: Event) -> str:
    """Place with its country code: 'Balad Air Base, IQ'."""
    return ", ".join(x for x in (event.place, event.country) if x)


def event_whom(event: Event) -> str:
    """Target and victim in one cell, since most events name only one of them."""
    parts = [event.target, event.victim if event.victim != event.target else None]
    return " / ".join(_ellipsize(p) for p in parts if p)


def casualty(count: int | None, qualifier: str | None = None) -> str:
    """A casualty count as read: '' unknown, '0' none, 'at least 5'."""
    if count is None:
        return ""
    return f"{qualifier.replace('_', ' ')} {count}" if qualifier else str(count)


def events_table(result: DocumentResult | dict[str, Any], *, width: int | None = None) -> Table:
    """A table of the events of one document, laid out for a terminal `width` columns wide.

    Wide (or width None): one column per field. Narrower: place joins date, weapon and
    source fold under actor/target. Narrowest: one 'event' and one 'who' column.
    """
    doc = as_result(result)
    layout = "full" if width is None or width >= FULL_WIDTH else (
        "folded" if width >= FOLDED_WIDTH else "compact")
    title = f"{doc.doc_id or 'document'}: {len(doc.events)} event(s)"
    table = Table(title=title, width=width, show_lines=True, expand=False,
                  title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    if layout == "full":
        table.add_column("type/subtype", overflow="fold")
        table.add_column("date", no_wrap=True)
        for name, share in (("place", 2), ("actor", 2), ("target/victim", 3), ("weapon", 2)):
            table.add_column(name, overflow="fold", ratio=share, min_width=10)
        table.add_column("killed", justify="right", no_wrap=True)
        table.add_column("injured", justify="right", no_wrap=True)
        table.add_column("source", overflow="fold", ratio=2, min_width=10)
    elif layout == "folded":
        table.add_column("type / date / place", overflow="fold", ratio=2)
        table.add_column("actor → target/victim", overflow="fold", ratio=3)
        table.add_column("killed", justify="right", no_wrap=True)
        table.add_column("injured", justify="right", no_wrap=True)
    else:
        table.add_column("event", overflow="fold", ratio=1)
        table.add_column("who / casualties", overflow="fold", ratio=1)

    config = display_config()
    for number, event in enumerate(doc.events, start=1):
        kind = Text(event_kind(event), style=f"bold {config.event_color(event.type)}")
        killed = casualty(event.killed, event.casualty_qualifier)
        injured = casualty(event.injured)
        actor, whom = _ellipsize(event.actor), event_whom(event)
        if layout == "full":
            table.add_row(str(number), kind, event_when(event), _ellipsize(event_place(event)),
                          actor, whom, _ellipsize(event.weapon), killed, injured,
                          _ellipsize(event.source, 40))
            continue
        what = Text.assemble(kind, "\n", event_when(event), "\n",
                             _ellipsize(event_place(event)))
        who_lines = [f"{actor or '?'} → {whom or '?'}"]
        who_lines += [f"{k}: {_ellipsize(v, 40)}" for k, v in
                      (("weapon", event.weapon), ("source", event.source)) if v]
        if layout == "folded":
            table.add_row(str(number), what, "\n".join(who_lines), killed, injured)
        else:
            counts = ", ".join(f"{k} {v}" for k, v in (("killed", killed), ("injured", injured))
                               if v)
            table.add_row(str(number), what, "\n".join(who_lines + ([counts] if counts else [])))
    return table


def entity_summary(result: DocumentResult | dict[str, Any]) -> Text:
    """One line counting entities by label, coloured like the report: 'UNIT 3  GPE 2 ...'."""
    doc = as_result(result)
    config = display_config()
    line = Text("entities: ")
    for label, count in Counter(e.label for e in doc.entities).most_common():
        line.append(f" {label} {count} ", style=f"black on {config.entity_color(label)}")
        line.append(" ")
    return line


def print_results(results: Iterable[DocumentResult | dict[str, Any]], console: Console, *,
                  entities: bool = True) -> None:
    """Print each document's events table (sized to the console), or say it has none."""
    for result in results:
        doc = as_result(result)
        if doc.events:
            console.print(events_table(doc, width=console.width))
        else:
            console.print(f"[bold]{doc.doc_id or 'document'}[/]: no events found")
        if entities and doc.entities:
            console.print(entity_summary(doc))
