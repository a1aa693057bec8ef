"""The publication date of an article: the anchor of every relative time expression.

Sources, in order (SPEC.md "Time values"): the caller, the input record's metadata, a
dateline at the start of the text ("BAGHDAD, Jan. 5 (AP) —"), a date in the file name.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from extract.normalize.timex import default_lexicon

# ISO-like dates in metadata or file names: 2020-01-04, 2020_01_04, 2020.01.04, 20200104.
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_./]?(0[1-9]|1[0-2])[-_./]?(0[1-9]|[12]\d|3[01])(?!\d)")
# A wire dateline opens the text: a place in capitals, maybe a date, maybe the agency, a dash:
# "BAGHDAD, Jan. 5 (AP) —", "WASHINGTON (Reuters) -", "LONDON, 5 January 2020 --".
_DATELINE = re.compile(
    r"^\s*(?P<head>[A-Z][A-Z .'\-]{1,40}(?:,[^\n\u2014\u2013]{0,60}?)?(?:\s*\([A-Za-z .]{1,20}\))?)"
    r"\s*(?:\u2014|\u2013|--|-|_)\s"
)
_MONTH_DAY = r"(?P<mon>{names})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"


def _parse_date(text: str) -> date | None:
    """A full calendar date in `text`: ISO shapes first, then 'Jan. 5, 2020' / '5 January 2020'."""
    match = _ISO_DATE.search(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    months = default_lexicon().months
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    written = re.search(
        rf"\b(?P<mon>{names})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d)\b"
        rf"|\b(?P<day2>\d{{1,2}}) (?P<mon2>{names})\.?,? (?P<year2>(?:19|20)\d\d)\b",
        text.lower(),
    )
    if written:
        month = months[written["mon"] or written["mon2"]]
        try:
            return date(
                int(written["year"] or written["year2"]), month, int(written["day"] or written["day2"])
            )
        except ValueError:
            return None
    return None


def _dateline_date(text: str, filename: str | None) -> date | None:
    """The date a wire dateline gives, if the text opens with one.

    A full date in the dateline, or in the lead sentence right after it ("WASHINGTON (AP) —
    On Jan. 5, 2020, ..."), is used as is. A dateline day without a year ("BAGHDAD, Jan. 5
    (AP) —") takes its year from a date in the file name, when there is one.
    """
    match = _DATELINE.match(text)
    if match is None:
        return None
    head = match["head"]
    found = _parse_date(head) or _parse_date(text[match.end() : match.end() + 200])
    if found is not None:
        return found
    year_hint = _parse_date(filename) if filename else None
    months = default_lexicon().months
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day_match = re.search(_MONTH_DAY.format(names=names), head.lower())
    if day_match is None or year_hint is None:
        return None
    try:
        return date(year_hint.year, months[day_match["mon"]], int(day_match["day"]))
    except ValueError:
        return None


def _coerce_caller(value: str | date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"invalid publication date {value!r}: expected YYYY-MM-DD") from None


def resolve_published(
    *, caller: str | date | None, metadata: str | None, text: str, filename: str | None
) -> tuple[date | None, str | None]:
    """(publication date, where it came from: "caller", "metadata", "dateline", "filename").

    (None, None) when no source has a date. An invalid caller value is the user's error and
    raises ValueError with a one-line message; unreadable metadata falls through to the text.
    """
    if caller is not None and caller != "":
        return _coerce_caller(caller), "caller"
    if metadata:
        found = _parse_date(metadata)
        if found is not None:
            return found, "metadata"
    found = _dateline_date(text or "", filename)
    if found is not None:
        return found, "dateline"
    if filename:
        found = _parse_date(filename.replace("\\", "/").rsplit("/", 1)[-1])
        if found is not None:
            return found, "filename"
    return None, None
