"""Records -> pandas DataFrames (events, entities, mentions, ACLED) and table files.

The one place rows become tables. Column names are the JSON field names of SPEC.md, with
`doc_id` first; the mentions table carries one column per argument role.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from extract.records import DocumentResult, Entity, Event

ROLES = ("actor", "target", "victim", "place", "time", "weapon", "source")
# Mentions-table column of each role's argument texts; the time role's text sits beside
# the mention's normalized `time`, so it gets a name of its own.
ROLE_COLUMNS = {role: ("time_text" if role == "time" else role) for role in ROLES}
EVENT_COLUMNS = ["doc_id"] + [f.name for f in fields(Event) if f.name != "mentions"]
ENTITY_COLUMNS = ["doc_id"] + [f.name for f in fields(Entity)]
MENTION_COLUMNS = ["doc_id", "event_id", "type", "subtype", "trigger", "start", "end",
                   "negated", "uncertain", "killed", "injured", "casualty_qualifier", "date",
                   "time", *ROLE_COLUMNS.values(), "arguments"]
TABLE_FORMATS = (".csv", ".parquet", ".xlsx")


@dataclass
class Frames:
    events: pd.DataFrame
    entities: pd.DataFrame
    mentions: pd.DataFrame

    def __iter__(self):  # events, entities, mentions = to_frames(...)
        return iter((self.events, self.entities, self.mentions))


def _as_result(item: DocumentResult | dict[str, Any]) -> DocumentResult:
    return item if isinstance(item, DocumentResult) else DocumentResult.from_dict(item)


def to_frames(results: Iterable[DocumentResult | dict[str, Any]]) -> Frames:
    """Flat tables of documents' events, entities and mentions (unpackable as a triple)."""
    events, entities, mentions = [], [], []
    for item in results:
        result = _as_result(item)
        for entity in result.entities:
            entities.append({"doc_id": result.doc_id, **entity.__dict__})
        for event in result.events:
            row = event.to_dict()
            row.pop("mentions")
            events.append({"doc_id": result.doc_id, **row})
            for mention in event.mentions:
                mrow: dict[str, Any] = {
                    "doc_id": result.doc_id, "event_id": event.event_id, "type": mention.type,
                    "subtype": mention.subtype, "trigger": mention.trigger.text,
                    "start": mention.trigger.start, "end": mention.trigger.end,
                    "negated": mention.negated, "uncertain": mention.uncertain,
                    "killed": mention.killed, "injured": mention.injured,
                    "casualty_qualifier": mention.casualty_qualifier,
                    "date": mention.date, "time": mention.time,
                    "arguments": json.dumps([a.to_dict() for a in mention.arguments],
                                            ensure_ascii=False)}
                for role, column in ROLE_COLUMNS.items():
                    texts = [a.text for a in mention.args(role)]
                    mrow[column] = "; ".join(texts) if texts else None
                mentions.append(mrow)
    return Frames(_frame(events, EVENT_COLUMNS, ints=("killed", "injured", "start", "end")),
                  _frame(entities, ENTITY_COLUMNS, ints=("start", "end")),
                  _frame(mentions, MENTION_COLUMNS, ints=("killed", "injured", "start", "end")))


def acled_frame(results: Iterable[DocumentResult | dict[str, Any]]) -> pd.DataFrame:
    """The events as ACLED rows: ACLED's columns, filled where we know, empty elsewhere."""
    from extract.acled import ACLED_COLUMNS, acled_rows

    frame = pd.DataFrame(list(acled_rows(results)), columns=list(ACLED_COLUMNS))
    for column in _ACLED_INTS:  # codes stay integers ("18", not "18.0") where some are empty
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    return frame


def _frame(rows: list[dict[str, Any]], columns: list[str], *, ints: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for column in ints:
        frame[column] = frame[column].astype("Int64")  # counts stay null where unknown
    return frame


def sibling_path(path: Path, table: str) -> Path:
    """Where a secondary table goes beside OUTPUT: events.csv -> events.entities.csv."""
    return path.with_name(f"{path.stem}.{table}{path.suffix}")


def write_tables(frames: Frames | dict[str, pd.DataFrame], path: str | Path) -> list[Path]:
    """Write tables by the output's extension: the events table at `path`, the others beside
    it (.csv, .parquet), or one sheet each (.xlsx). Returns the files written."""
    path = Path(path)
    tables = frames if isinstance(frames, dict) else {
        "events": frames.events, "entities": frames.entities, "mentions": frames.mentions}
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise ValueError(f"{path}: unknown table format {suffix!r} (use {', '.join(TABLE_FORMATS)})")
    if suffix == ".xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, frame in tables.items():
                frame.to_excel(writer, sheet_name=name, index=False)
        return [path]
    written = []
    for i, (name, frame) in enumerate(tables.items()):
        target = path if i == 0 else sibling_path(path, name)
        if suffix == ".csv":
            frame.to_csv(target, index=False)
        else:
            frame.to_parquet(target, index=False)
        written.append(target)
    return written


# Column types of each table, so chunks written apart (Parquet row groups, CSV appends) share
# one schema even when a chunk has a column that is all null.
_ACLED_INTS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
               "geo_precision", "fatalities", "timestamp")
_ACLED_FLOATS = ("latitude", "longitude")


def _annotation_type(annotation: Any) -> str:
    text = str(annotation)
    for name, kind in (("bool", "bool"), ("int", "int"), ("float", "float")):
        if text.split(" | ")[0] == name:
            return kind
    return "str"


def column_types(table: str, *, schema: str = "native") -> dict[str, str]:
    """Column -> "str", "int", "float" or "bool" for a table ("events", "entities",
    "mentions"); with schema "acled" the events table has ACLED's columns."""
    if table == "events" and schema == "acled":
        from extract.acled import ACLED_COLUMNS

        return {c: "int" if c in _ACLED_INTS else "float" if c in _ACLED_FLOATS else "str"
                for c in ACLED_COLUMNS}
    if table in ("events", "entities"):
        record = Event if table == "events" else Entity
        kinds = {f.name: _annotation_type(f.type) for f in fields(record)}
        columns = EVENT_COLUMNS if table == "events" else ENTITY_COLUMNS
        return {c: kinds.get(c, "str") for c in columns}
    if table == "mentions":
        kinds = {"start": "int", "end": "int", "killed": "int", "injured": "int",
                 "negated": "bool", "uncertain": "bool"}
        return {c: kinds.get(c, "str") for c in MENTION_COLUMNS}
    raise ValueError(f"unknown table {table!r}")


def table_frames(results: Iterable[DocumentResult | dict[str, Any]], *,
                 schema: str = "native") -> dict[str, pd.DataFrame]:
    """The tables an export holds, by name: events (ours or ACLED's), entities, mentions."""
    results = [_as_result(item) for item in results]
    frames = to_frames(results)
    events = acled_frame(results) if schema == "acled" else frames.events
    return {"events": events, "entities": frames.entities, "mentions": frames.mentions}
