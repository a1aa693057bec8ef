"""TIMEX3 values for time expressions, anchored on the publication date (pure, no spaCy).

`normalize_timex("Saturday", date(2020, 1, 4))` gives `Timex("2020-01-04", "DATE")`.
Values follow TimeBank / TempEval-3 (see SPEC.md, "Time values"). The common shapes of
news time expressions are handled by our own regular-expression rules, which encode news
conventions (a bare weekday is the latest such day on or before publication, "Jan. 4" takes
the year nearest publication, ...); dateparser, restricted to English and cached, is only
the fallback for the rarer absolute shapes it parses well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any, Literal

from extract.normalize.numbers import parse_number
from extract.resources import check_keys, read_rules

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

LEXICON_FILE = "time_lexicon.json"
# A day to read a phrase against when no story gives one ("mid-afternoon" is a part of day).
SOME_DAY = date(2000, 1, 1)


@dataclass(frozen=True)
class Timex:
    """A normalized time expression: TIMEX3 value and type."""

    value: str
    type: TimexType


@dataclass(frozen=True)
class TimeLexicon:
    """The words time rules are made of (models/time_lexicon.json): data, not code."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: list[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    time_units: list[str]
    parts_of_day: dict[str, str]
    day_edges: dict[str, str]
    # Moments of a day that name a time with no article ("at dawn", "before nightfall"): of
    # the story's day, as "the afternoon" is (each is also a part of day above).
    day_moments: list[str]
    seasons: dict[str, str]
    season_months: dict[str, int]
    references: dict[str, str]
    day_offsets: dict[str, int]
    sets: dict[str, str]
    holidays: dict[str, str]
    reporting_verbs: list[str]
    # Verbs whose past tense looks like the present ("hurt", "cut"): no tense can be read off them.
    same_form_past_verbs: list[str]
    # Words that put what they govern ahead ("scheduled", "expected", "effective").
    forward_words: list[str]
    # Verbs that, with "until" or "to", defer to a day still to come ("postponed until Tuesday").
    deadline_verbs: list[str]
    # Verbs whose infinitive is still to come ("plans to leave Tuesday", "is to resume Monday").
    intention_verbs: list[str]
    # Words just before a time expression that look ahead ("as soon as Tuesday").
    forward_phrases: list[str]
    # Events planned ahead, named by their date before they happen ("the June elections").
    scheduled_events: list[str]
    # Verbs of an event's start that, as a participle, announce it ("a summit opening Saturday").
    onset_verbs: list[str]
    # Words of commodity trading that make a month a contract's, which is still to come
    # ("crude for January delivery", "the December futures contract").
    delivery_words: list[str]
    # Words that make a phrase temporal beyond the tables above ("ago", "era", "nineties").
    time_words: list[str]
    # Days that name an attack in news for years after ("the Sept. 11 attacks", "9/11"), and
    # the nouns after a month and day that make it that name.
    named_days: dict[str, str]
    named_day_nouns: list[str]
    # Words of a match report: a "second half" or "fourth quarter" in a sentence with one is the
    # game's.
    game_words: list[str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeLexicon:
        """Build from the rule file's content, rejecting unknown or missing sections."""
        names = {f.name for f in fields(cls)}
        check_keys(LEXICON_FILE, data, names, names)
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@cache
def default_lexicon() -> TimeLexicon:
    """The lexicon shipped in models/."""
    return TimeLexicon.from_dict(read_rules(LEXICON_FILE, "lexicon"))


# ---------------------------------------------------------------------------------------------
# Calendar helpers


def _shift_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(month: int) -> int:
    return (month - 1) // 3 + 1


def _reported_year(anchor: date, quarter: int) -> int:
    """The year of a quarter named without one. Business news reports on quarters that have
    begun: "fourth-quarter" in a January paper is last year's, in an October paper this year's."""
    return _year_begun(anchor, (quarter - 1) * 3 + 1)


def _year_begun(anchor: date, first_month: int) -> int:
    """The year of the latest period starting in `first_month` that has begun by `anchor`."""
    return anchor.year if first_month <= anchor.month else anchor.year - 1


# How far past publication a day or month told in the past tense may still lie: a clause's
# tense is read from a parse, which slips.
_PAST_SLACK = timedelta(days=31)


def _nearest_year(anchor: date, month: int, day: int | None = None, *, tense: str | None = None) -> int:
    """The year of a month (and day) given without one.

    News convention: the occurrence nearest publication ("Jan. 4" in a Jan. 5 paper is this
    year's, "Dec. 30" is last year's); a past-tense clause takes the latest one on or before
    publication (the future is left to "nearest": "will ... Jan. 14" in a Jan. 15 paper is a
    parse slip far more often than next year).
    """

    def span(year: int) -> tuple[date, date]:
        if day is not None:
            try:
                first = date(year, month, day)
            except ValueError:  # Feb. 29 outside a leap year
                first = date(year, month, 28)
            return first, first
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date(year, month, 1), following - timedelta(days=1)

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if tense == "past":
        return max(y for y in years if span(y)[0] <= anchor + _PAST_SLACK)
    if tense == "future":
        return min(y for y in years if span(y)[1] >= anchor - timedelta(days=31))

    def distance(year: int) -> int:
        first, last = span(year)
        return 0 if first <= anchor <= last else min(abs((first - anchor).days), abs((last - anchor).days))

    return min(years, key=lambda y: (distance(y), -y))


_WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def easter(year: int) -> date:
    """Western Easter Sunday (the Anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lw) // 433
    month = (h + lw - 7 * m + 90) // 25
    return date(year, month, (h + lw - 7 * m + 33 * month + 19) % 32)


def holiday_date(rule: str, year: int) -> date:
    """The date of a holiday in `year` from its rule in the lexicon.

    Rules: "12-25" (fixed day), "11:thu:4" (fourth Thursday of November), "05:mon:-1" (last
    Monday of May), "11:mon:1:+1" (the day after the first Monday of November),
    "easter" / "easter:-2" (days from Western Easter).
    """
    parts = rule.split(":")
    if parts[0] == "easter":
        return easter(year) + timedelta(days=int(parts[1]) if len(parts) > 1 else 0)
    if len(parts) == 1:
        month, day = map(int, rule.split("-"))
        return date(year, month, day)
    month, weekday, nth = int(parts[0]), _WEEKDAY_CODES.index(parts[1]), int(parts[2])
    shift = int(parts[3]) if len(parts) > 3 else 0
    if nth > 0:
        first = date(year, month, 1)
        found = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        found = last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))
    return found + timedelta(days=shift)


def resolve_weekday(anchor: date, weekday: int, *, direction: str = "past") -> date:
    """The weekday (1 = Monday) a news article means.

    direction "past": the latest such day on or before publication (same day included), the
    news default ("The U.S. military confirmed Saturday" in a Saturday paper is that day);
    "future": the earliest on or after publication ("will meet Tuesday");
    "last" / "next": strictly before / after publication.
    """
    delta = weekday - anchor.isoweekday()
    if direction == "past":
        return anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction == "future":
        return anchor + timedelta(days=delta if delta >= 0 else delta + 7)
    if direction == "last":
        return anchor + timedelta(days=delta if delta < 0 else delta - 7)
    return anchor + timedelta(days=delta if delta > 0 else delta + 7)


def _year_value(year: int) -> str:
    """A year as TIMEX3 writes it: four digits, "BC" before those of a year before Christ
    ("2,500 years ago" in 2006 is BC0495; there is no year 0)."""
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


def _unit_value(anchor: date, unit: str, offset: int) -> str | None:
    """The calendar unit (year, month, week, ...) `offset` units away from the anchor's."""
    if unit == "Y":
        return _year_value(anchor.year + offset)
    if unit == "M":
        year, month = _shift_months(anchor, offset)
        return f"{year:04d}-{month:02d}"
    if unit == "W":
        return _iso_week(anchor + timedelta(weeks=offset))
    if unit == "2D":  # weekend
        return _iso_week(anchor + timedelta(weeks=offset)) + "-WE"
    if unit == "D":
        return (anchor + timedelta(days=offset)).isoformat()
    if unit == "Q":
        year, month = _shift_months(anchor, 3 * offset)
        return f"{year}-Q{_quarter(month)}"
    if unit == "10Y":
        return str(anchor.year // 10 + offset)
    if unit == "100Y":
        return str(anchor.year // 100 + offset)
    return None


# A value that can serve as the narrative's reference time: a year, quarter, week, month or day.
_REFERENCE = re.compile(
    r"^(?P<y>\d{4})(?:-Q(?P<q>[1-4])|-W(?P<w>\d\d)|-(?P<m>\d\d)(?:-(?P<d>\d\d))?)?(?:T.*)?$"
)


# Offsets told from the story's time, not from publication ("three days later").
STORY_OFFSETS = frozenset({"earlier", "before", "previously", "later", "after"})

# Words of multi-word time phrases that are no sign of a time by themselves.
_GLUE_WORDS = frozenset({"the", "all", "per", "and", "for", "from", "with", "this", "that", "next", "last"})

# "the second half of the year", "the last half of the '80s"
_HALF_OF = re.compile(r"^(?:the )?(?P<ord>first|second|last|latter) half of (?P<rest>.+)$")

# "the year", "the full year", "the fiscal year": in news, the year under report.
_THE_YEAR = re.compile(r"the (?:full |whole |entire |fiscal |calendar |current )*year")

# "the day before last Tuesday", "the day after Jan. 4": a day counted from a named one.
_DAY_BESIDE = re.compile(r"^the day (?P<dir>before|after) (?P<rest>.+)$")

# "the early hours of Sunday", "in the small hours": the first hours after midnight.
_SMALL_HOURS = re.compile(r"^(?:the )?(?:early|small|wee) hours(?: of (?P<rest>.+))?$")

# "pre-1990 rules", "post-1959 politics": the year the period starts or ends at.
_YEAR_BOUND = re.compile(r"^(?:pre|post)-(?P<rest>(?:1[0-9]|20)\d\d)$")

# "the same month of 2001": the story's month, quarter or day in the year named
_SAME_OF_YEAR = re.compile(r"^(?:the )?same (?P<unit>day|week|month|quarter|period) (?:of|in) (?P<y>\d{4})$")


def _same_of_year(text: str) -> re.Match[str] | None:
    """`_SAME_OF_YEAR` on the words as written (cleaning drops the "same" it needs)."""
    return _SAME_OF_YEAR.match(" ".join(text.lower().split()))


# "the 1988 period", "the 1989 quarter": the quarter under report, in that year.
_YEAR_PERIOD = re.compile(r"^(?:the )?(?P<y>\d{4}) (?:period|quarter)$")

_DETERMINER = re.compile(
    r"^(?:a|an|its|their|his|her|our|both|each of|the comparable|last|this|that)\s+(?=\S)"
)


def _is_day_value(value: str) -> bool:
    return bool(re.fullmatch(r"(\d{4}|XXXX)-(\d\d|XX)-(\d\d|XX)|XXXX-WXX-\d", value))


# ---------------------------------------------------------------------------------------------
# The normalizer

_CLEAN_SUBS = [
    (re.compile(r"\bthe the\b", re.I), "the"),
    # "a week or so ago", "two days or so": the hedge leaves the value alone.
    (re.compile(r" or so\b", re.I), ""),
    # "the day Friday", "during the day Friday": the weekday carries the value.
    (re.compile(r"^(?:during |in )?the day (?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.I), ""),
    # "1340 GMT", "0800 GMT Tuesday": wire services write the clock in four digits with the zone.
    (re.compile(r"\b([01]\d|2[0-3])([0-5]\d) \(?(?:gmt|utc)\b\)?"), r"\1:\2"),
    # "the October 2005 month": statistics offices name the month so; it is the month.
    (re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}) month\b"), r"\1"),
    # "the financial year" is the fiscal year; "the year 2005/06", "the 1970-71 season", "the
    # 2006/2007 farming season": a fiscal year or season named by the two years it spans is
    # the first
    (re.compile(r"\bfinancial year\b"), "fiscal year"),
    (re.compile(r"\bweek-end\b"), "weekend"),
    (re.compile(r"\b(\d{4})[/-](\d\d)\b(?![-/]\d)"),
     lambda m: m[1] if int(m[2]) == (int(m[1]) + 1) % 100 else m[0]),
    (re.compile(r"\b(\d{4})/(\d{4})\b(?![-/]\d)"), lambda m: m[1] if int(m[2]) == int(m[1]) + 1 else m[0]),
    # "a quarter of a century", "half a century": the fraction is the unit's.
    (re.compile(r"\b(?:an? )?(quarter|half)(?: of)? an? (century|decade)\b"), r"a \1-\2"),
    # "half an hour", "a half-hour", "half a year": the half told in the next smaller unit
    (re.compile(r"\b(?:an? )?half(?: an?|-) ?(minute|hour|day|year)\b"),
     lambda m: {"minute": "30 seconds", "hour": "30 minutes", "day": "12 hours", "year": "6 months"}[m[1]]),
    # The unit rules make a plural with a plain "s".
    (re.compile(r"\bcenturies\b"), "centurys"),
    # "touched down around 18: 40": wire copy that puts a space after the clock's colon
    (re.compile(r"(?<![\w:.])(\d{1,2}): ([0-5]\d)(?![\w:.])"), r"\1:\2"),
    (re.compile(r"\bmid-day\b"), "midday"),
    # "Nov.18": wire copy that drops the space after a month's abbreviation
    (re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.(?=\d)"), r"\1. "),
    (re.compile(r"[\u2018\u2019`]"), "'"),
    (re.compile(r"[\u2013\u2014]"), "-"),
    # "a two- day meeting", "a year- long race": a compound broken after its hyphen at a line end
    (re.compile(r"(?<=\w)- (?=(?:(?:second|minute|hour|day|week|month|year|decade|century|quarter|night)s?"
                r"|long)\b)"), "-"),
    (re.compile(r"\s+"), " "),
]
# Time zones and "local time" say nothing about the value ("7:46 p.m. Baghdad time").
_ZONE = re.compile(r"(?: local time| [a-z]+ time| \(?(?:gmt|utc|edt|est|cst|cdt|pdt|pst|et|z)\)?)$")
# Hedges and frames around an expression that do not change its value.
_LEADING_WORDS = (
    "no earlier than",
    "no later than",
    "as recently as",
    "as early as",
    "as late as",
    "no more than",
    "no less than",
    "as long as",
    "as soon as",
    "just over",
    "just under",
    "approximately",
    "fewer than",
    "more than",
    "less than",
    "some time",
    "sometime",
    "at least",
    "at most",
    "up to",
    "as of",
    "roughly",
    "during",
    "around",
    "nearly",
    "almost",
    "within",
    "before",
    "since",
    "until",
    "about",
    "under",
    "after",
    "till",
    "from",
    "some",
    "just",
    "only",
    "over",
    "for",
    "all",
    "on",
    "in",
    "at",
    "between",
    "barely",
    "merely",
    "throughout",
    "through",
    "past the",
    "the same",
    "by",
    "of",
)  # longest first, so "at least" wins over "at"
_LEADING = re.compile("^(?:(?:" + "|".join(_LEADING_WORDS) + ") )+")
_TRAILING = re.compile(r"(?:'s|'|,|\.(?<!\b[ap]\.m\.)|;|:| and| or| to)$")


class TimexNormalizer:
    """Turn the text of a time expression into a TIMEX3 value, given the publication date."""

    def __init__(self, lexicon: TimeLexicon | None = None, *, cache_size: int = 8192) -> None:
        self.lexicon = lexicon or default_lexicon()
        lx = self.lexicon
        alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
        self._month = alt(lx.months)
        self._weekday = alt(lx.weekdays)
        self._number_words = alt([*lx.numbers, *lx.vague_numbers])
        self._unit = alt(lx.units)
        self._pod = alt(lx.parts_of_day)
        self._season_words = alt(lx.seasons)
        self._ordinal = alt(lx.ordinals)
        words = self._number_words
        num = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{words})(?:[- ](?:{words}))?)"
        self._num = num
        m, wd, u = self._month, self._weekday, self._unit
        # "Jan. 4", "January 4th, 2020", "4 January 2020", "Jan. 4-5"
        self._re_month_day = re.compile(
            rf"^(?:(?:this coming |this |next |last )?(?:{wd})\.?,? )?(?:the )?(?P<mon>{m})\.? "
            rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?:the )?(?P<dayw>{self._ordinal}))"
            rf"(?:(?:-| and | to | or )\d{{1,2}})?(?:,? (?P<year>\d{{4}}))?$"
        )
        self._re_day_month = re.compile(
            rf"^(?:(?:{wd}),? )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{m})\.?"
            rf"(?:,? (?P<year>\d{{4}}))?$"
        )
        self._re_month_year = re.compile(rf"^(?P<mon>{m})\.?(?:,? (?:of )?(?P<year>\d{{4}}|'\d\d))?$")
        self._re_year = re.compile(
            r"^(?:the )?(?:(?:fiscal|calendar|fy|model|school|year) )?(?P<year>1\d\d\d|20\d\d)"
            r"(?: (?:fiscal year|period|quarter|year|season|calendar year))?$"
        )
        # "the nineties" is the 1990s: the tens of "ninety" made plural.
        spelled = "|".join(w[:-1] + "ies" for w, n in lx.numbers.items() if 20 <= n <= 90 and n % 10 == 0)
        self._re_decade = re.compile(
            r"^(?:the )?(?:(?:early|late|mid|middle)[- ]?)?"
            rf"(?:(?P<dec>1[5-9]\d0|20\d0|'\d0)'?s|(?P<spelled>{spelled}))$"
        )
        # "the 20th century", "the seventh century", "15th-century": named by its ordinal
        ordinal_words = alt(w for w, n in lx.ordinals.items() if n > 0 and not w[0].isdigit())
        self._re_century = re.compile(
            rf"^(?:the )?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{ordinal_words}))[- ]century$"
        )
        self._re_quarter = re.compile(
            rf"^(?:the )?(?:(?P<y1>\d{{4}}) )?(?:fiscal[- ])?(?P<ord>{self._ordinal})[- ]"
            rf"(?:fiscal[- ])?quarter"
            rf"(?:,? (?:of )?(?:fiscal )?(?P<y2>\d{{4}}))?$|^q(?P<qn>[1-4])(?: (?P<y3>\d{{4}}))?$"
        )
        # "the July-September quarter", "the January-June period": a quarter or half by its months
        self._re_month_span = re.compile(
            rf"^(?:the )?(?P<m1>{self._month})\.?(?: ?- ?| to |-to-)(?P<m2>{self._month})\.? "
            rf"(?:quarter|period|half)(?:,? (?:of )?(?P<year>\d{{4}}))?$"
        )
        self._re_half = re.compile(
            r"^(?:the )?(?:(?P<ord>first|second|last|latter)[- ]half(?:,? (?:of )?(?P<year>\d{4}))?"
            r"|(?P<ord2>first|last) two quarters,? of (?P<year2>\d{4}))$"
        )
        self._re_iso = re.compile(r"^(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)$")
        self._re_slash = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})$")
        self._re_duration = re.compile(
            rf"^(?:the )?(?P<extra>(?:an additional|another|an extra|one more) )?"
            rf"(?:(?:past|last|next|first|previous|coming|following|final|latest|"
            rf"remaining|entire|whole|full|initial|year-earlier|same|recent) )?"
            rf"(?P<num>{num})?(?P<half> 1/2| and a half)?(?:(?: to | or |-)(?P<upto>{num}))?"
            rf"(?:[- ](?:more|additional|extra|straight|consecutive|full|long|whole|plus))?[- ]?"
            rf"(?:(?:fiscal|trading|business|working|calendar)[- ])?(?P<unit>{u})s?"
            rf"(?P<half2> and a half)?(?:[- ](?:long|old|ahead|running|in a row|straight|or so|since))?$"
        )
        self._re_ago = re.compile(
            rf"^(?P<num>{num})?[- ]?(?P<unit>{u})s? (?P<dir>ago|earlier|before|previously|"
            rf"later|after|from now|hence|since)$"
        )
        self._re_rel_unit = re.compile(
            rf"^(?:the )?(?P<mod>last|past|previous|prior|this|the current|current|present|next|"
            rf"coming|following|this past|this coming|same|earlier this|later this|"
            rf"the end of this|the end of last|the end of next)[- ](?:fiscal )?(?P<unit>{u})$"
        )
        self._re_rel_weekday = re.compile(
            rf"^(?P<mod>last|this past|past|this|next|this coming|coming) (?P<wd>{wd})$"
        )
        self._re_rel_month = re.compile(rf"^(?P<mod>last|this past|this|next|this coming) (?P<mon>{m})$")
        self._re_holiday = re.compile(
            rf"^(?:(?P<mod>last|this past|this|next|this coming) )?(?P<name>{alt(lx.holidays)})"
            rf"(?P<week> week)?(?:,? (?:of )?(?P<year>\d{{4}}))?$"
        )
        self._re_season = re.compile(
            rf"^(?:(?P<mod>last|this past|past|this|next|this coming|the coming) )?(?:the )?"
            rf"(?P<season>{self._season_words})(?:(?: of)? (?P<year>\d{{4}}))?$"
        )
        self._re_edge = re.compile(
            r"^(?:the )?(?:(?:very )?(?:early|late|middle|mid|end|beginning|start|first part|"
            r"latter part|last part|first days|final days|close|turn)(?:[- ]of)?)[- ]?(?:the )?(?P<rest>.+)$"
        )
        self._re_pod_of = re.compile(
            rf"^(?:the )?(?:(?P<edge>early|late) )?(?P<pod>{self._pod}) of (?P<rest>.+)$"
        )
        self._re_pod_after = re.compile(
            rf"^(?P<rest>.+?)(?:,)? (?:(?P<edge>early|late) )?(?P<pod>{self._pod})$"
        )
        self._re_pod_before = re.compile(
            rf"^(?:(?P<edge>early|late) )?(?P<pod>{self._pod})(?:,)? (?P<rest>.+)$"
        )
        self._re_pod_alone = re.compile(
            rf"^(?:this|the|that|tonight's)? ?(?:(?:early|late) )?(?P<pod>{self._pod})$"
        )
        self._re_month_of_year = re.compile(
            rf"^(?P<mon>{m})\.?(?: (?P<day>\d{{1,2}}))?,? (?:of )?(?P<mod>this|last|next) year$"
        )
        self._re_small_hours = re.compile(r"^(?:the )?(?:early|small|wee) hours of (?P<rest>.+)$")
        self._re_day_edge = re.compile(r"^(?P<edge>early|late) (?:on )?(?P<rest>.+)$")
        self._re_set_every = re.compile(
            rf"^(?:every|each|per|a|an)(?: (?P<num>{num}))?(?: other)? (?P<unit>{u})s?$"
        )
        pod = self._pod
        self._re_set_weekday = re.compile(
            rf"^(?:(?:every|each|weekly) (?P<wd1>{wd})(?: (?P<pod1>{pod}))?|(?:on )?(?P<wd2>{wd})s"
            rf"|(?P<wd3>{wd}) (?P<pod2>(?:morning|afternoon|evening|night)s))$"
        )
        self._re_set_recurring = re.compile(r"^(?:every|each) (?P<rest>.+)$")
        self._re_year_ago_period = re.compile(
            r"^(?:the )?(?:comparable |same |corresponding )?(?:year[- ](?:ago|earlier)|prior[- ]year|"
            r"previous[- ]year|last[- ]year's)(?: (?P<rest>.+))?$"
        )
        # Comparisons with the same period a year before ("a year earlier", "the year-ago
        # quarter") and anaphors of the narrative's reference time ("that day", "the next
        # morning", "the following year", "later that year", "the day before").
        self._re_comparison = re.compile(
            r"^(?:the )?(?:comparable |same |corresponding )?(?:a )?(?:year[- ](?:ago|earlier)|prior[- ]year|"
            r"previous[- ]year|last[- ]year's)(?: (?:(?:fiscal )?(?:first|second|third|fourth)[- ])?"
            r"(?:quarter|period))?$|^(?:the )?(?:quarter|same period|same quarter|corresponding period) "
            r"(?:a year (?:ago|earlier)|last year|of last year)$"
        )
        self._re_anaphor = re.compile(
            rf"^(?:(?:earlier|later|late|early)(?: in| on)? )?"
            rf"(?:(?:that|the same|that same|the very same|same) |"
            rf"the (?P<shift>following|next|previous|preceding|prior) )(?P<unit>day|week|month|quarter|year|"
            rf"{self._pod})$|^the (?P<unit2>day|night|week|month|quarter|year) (?P<shift2>before|after)$"
            rf"|^(?:(?:earlier|later) in )?the (?P<unit3>day)$"
        )
        self._time_words = frozenset(
            word
            for table in (lx.months, lx.weekdays, lx.units, lx.parts_of_day, lx.seasons, lx.references,
                          lx.day_offsets, lx.sets, lx.holidays, lx.day_edges)
            for phrase in table
            for word in re.findall(r"[a-z]+", phrase)
            # the glue of phrases ("the day before", "at night", "a year") is no time word
            if len(word) > 2 and word not in _GLUE_WORDS
        ) | frozenset(lx.time_words)
        # a clock time; "o'clock" follows the hour in words too ("ten o'clock")
        hours = alt(word for word, n in lx.numbers.items() if 1 <= n <= 12)
        self._re_clock = re.compile(
            r"(?<![\w:])(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?(?::\d\d)?\s*"
            r"(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])|(?<![\w:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\w:])|"
            rf"\b(?P<word>noon|midnight|midday)\b|\b(?P<oc>\d{{1,2}}|{hours}) o'clock"
        )
        self._re_spoken_hour = re.compile(
            rf"(?P<h>\d{{1,2}}|{alt(lx.numbers)})(?: o'clock)? "
            r"(?:in the (?P<pod>morning|afternoon|evening)|at (?P<pod2>night))"
        )
        self._re_weekday_anaphor = re.compile(
            rf"^the (?P<shift>previous|preceding|prior|following|next) (?P<wd>{wd})$"
        )
        self._holiday_words = frozenset(word for name in lx.holidays for word in name.split())
        self._clean = lru_cache(maxsize=cache_size)(self._clean)  # type: ignore[method-assign]
        self._normalize_cached = lru_cache(maxsize=cache_size)(self._normalize)
        self._on_reference_cached = lru_cache(maxsize=cache_size)(self._on_reference)

    # -- public --------------------------------------------------------------------------------

    def normalize(self, text: str, anchor: date | None, *, tense: str | None = None) -> Timex | None:
        """The TIMEX3 value of `text`, or None when no rule understands it."""
        return self._normalize_cached(text, anchor, tense)

    def normalize_on_reference(self, text: str, reference: str | None) -> Timex | None:
        """The value of an expression anchored on the story's reference time, not on publication.

        TimeML anchors "that day", "the following year", "the next morning" on the time the
        narrative last mentioned (`reference`, a TIMEX3 value such as "1998-10-23" or
        "1989-Q3"); earnings news compares like periods, so "a year earlier" after a quarter
        is the same quarter of the year before. None when `text` is not such an expression
        or the reference is too coarse for it.
        """
        if not reference:
            return None
        return self._on_reference_cached(text, reference)

    def normalize_from_story(self, text: str, story_time: str | None) -> Timex | None:
        """'three days later', 'a week earlier': counted from the time the story last named.

        News tells such offsets from the narrative, not from publication ("He was arrested on
        March 3. Three days later ..."). None when `text` is no such offset, when the story
        has named no time yet, or when that time is too coarse for the unit; the offset's
        length is then all the text says (`normalize` gives it as a duration).
        """
        if not story_time:
            return None
        s = self._clean(text)
        m = self._re_ago.match(s)
        ref = _REFERENCE.match(story_time)
        if m is None or ref is None or m["dir"] not in STORY_OFFSETS or self._re_comparison.match(s):
            return None
        if m["unit"] in self.lexicon.time_units:
            # "hours later", "30 minutes before": the story's day, when it named one.
            return Timex(f"{ref['y']}-{ref['m']}-{ref['d']}", "DATE") if ref["d"] else None
        plural = s[: m.start("dir")].strip().endswith("s")
        n = self._number(m["num"]) if m["num"] else None if plural else 1
        unit = self.lexicon.units[m["unit"]]
        if n is None or n != int(n):
            return None
        if unit in ("Y", "10Y") or (unit in ("M", "Q") and ref["m"]) or ref["d"]:
            day = date(int(ref["y"]), int(ref["m"] or 1), int(ref["d"] or 1))
            sign = -1 if m["dir"] in ("earlier", "before", "previously") else 1
            return self._shifted(day, unit, sign * int(n))
        return None

    def normalize_compared(self, text: str, anchor: date | None) -> Timex | None:
        """'up from 193 million a day earlier': a figure compared with one an offset before
        now, counted back from publication as "ago" is. None when `text` is no such offset."""
        s = self._clean(text)
        m = self._re_ago.match(s)
        if anchor is None or m is None or m["dir"] not in ("earlier", "before", "previously"):
            return None
        n = self._number(m["num"]) if m["num"] else 1
        if n is None or n != int(n):
            return None
        return self._shifted(anchor, self.lexicon.units[m["unit"]], -int(n))

    def is_comparison(self, text: str) -> bool:
        """'a year earlier', 'the year-ago quarter', 'the same month of 2001': a look back that
        leaves the reference time."""
        return bool(self._re_comparison.match(self._clean(text)) or _same_of_year(text))

    def refers_to_period(self, text: str) -> bool:
        """'a year ago', 'the year-ago quarter', 'the 1988 period': earnings news naming the
        quarter it reports on (or the same quarter a year before) without saying which."""
        s = self._clean(text)
        return bool(self._re_comparison.match(s) or _YEAR_PERIOD.match(s))

    def has_time_word(self, text: str, *, digits: bool = True) -> bool:
        """Whether `text` holds a word of the time lexicon, or a digit unless `digits` is
        False: NER sometimes labels a name DATE ("Stauber"); such a span is no time expression."""
        words = re.findall(r"[a-z]+|\d", self._clean(text) or text.lower())
        time_words = self._time_words
        return any((digits and w.isdigit()) or w in time_words or w.rstrip("s") in time_words for w in words)

    def is_part_of_day(self, text: str) -> bool:
        """Whether `text` is a part of day with no day named: 'mid-afternoon', 'the morning'."""
        if self.has_clock(text) or any(w in self.lexicon.weekdays for w in self._clean(text).split()):
            return False
        timex = self.normalize(text, SOME_DAY)
        return timex is not None and timex.value.startswith(f"{SOME_DAY.isoformat()}T")

    def names_no_day(self, text: str) -> bool:
        """Whether `text` is a clock time or part of day alone ('10 p.m.', '1340 GMT')."""
        return self._is_bare_time_of_day(self._clean(text))

    def has_clock(self, text: str) -> bool:
        """Whether `text` holds a clock time: '5 p.m.', '17:30', 'noon'."""
        return self._re_clock.search(self._clean(text)) is not None

    def is_year_under_report(self, text: str) -> bool:
        """'the year', 'the fiscal year': the current year, or a length when 'ended' follows."""
        return bool(_THE_YEAR.fullmatch(self._clean(text)))

    def is_holiday(self, text: str) -> bool:
        """'Thanksgiving Day', 'Easter week': a holiday, which NER often labels an EVENT."""
        if not self._holiday_words.intersection(text.lower().split()):
            return False  # the quick answer for the many names that are no holiday
        return bool(self._re_holiday.match(re.sub(r"^the ", "", self._clean(text))))

    def _is_bare_time_of_day(self, s: str) -> bool:
        """A clock time or part of day naming no day of its own ('10 p.m.', 'the morning')."""
        if (m := self._re_clock.search(s)) is not None:
            return not (s[: m.start()] + s[m.end() :]).strip(" ,")
        if self._re_spoken_hour.fullmatch(s):
            return True  # "4 in the morning"
        if (m := _SMALL_HOURS.fullmatch(s)) is not None:
            return s.startswith("the ") and m["rest"] is None  # "the early hours"
        # "a late-night ceasefire", "late evening": the night or evening of the story's day;
        # "the late afternoon", "at dawn": a part or moment of it
        late = r"late[- ](?:night|evening)"
        part = rf"(?:the|that|in the) (?:(?:early|late) )?(?:{self._pod})"
        return bool(re.fullmatch(rf"{part}|{late}", s)) or s in self.lexicon.day_moments

    def _on_reference(self, text: str, reference: str) -> Timex | None:
        s = self._clean(text)
        ref = _REFERENCE.match(reference)
        if not s or ref is None:
            return None
        year = int(ref["y"])
        if ref["d"] and self._is_bare_time_of_day(s):
            # "at 10 p.m.", "in the morning": the hour of the day the story is telling about.
            return self._parse(s, date(year, int(ref["m"]), int(ref["d"])), None, depth=0)
        if (m := _YEAR_PERIOD.match(s)) is not None:
            return Timex(f"{m['y']}-Q{ref['q']}", "DATE") if ref["q"] else None
        if s == "overnight" and ref["d"]:
            # the night leading into the day the story tells ("losses overnight in New York"
            # in a story of Friday's trading are Thursday night's)
            night = date(year, int(ref["m"]), int(ref["d"])) - timedelta(days=1)
            return Timex(f"{night.isoformat()}TNI", "TIME")
        if (m := self._re_weekday_anaphor.match(s)) is not None:
            # "the previous Friday", "the following Monday": counted from the story's day.
            if not ref["d"]:
                return None
            day = date(year, int(ref["m"]), int(ref["d"]))
            direction = "last" if m["shift"] in ("previous", "preceding", "prior") else "next"
            found = resolve_weekday(day, self.lexicon.weekdays[m["wd"]], direction=direction)
            return Timex(found.isoformat(), "DATE")
        if (m := _same_of_year(text)) is not None:
            # "fell 1.6 percent in October, tying with the record decline set in the same month
            # of 2001": October 2001
            unit, named = m["unit"], m["y"]
            if unit == "day" and ref["d"]:
                return Timex(f"{named}-{ref['m']}-{ref['d']}", "DATE")
            if unit in ("month", "period") and ref["m"] and not ref["d"]:
                return Timex(f"{named}-{ref['m']}", "DATE")
            if unit in ("quarter", "period") and ref["q"]:
                return Timex(f"{named}-Q{ref['q']}", "DATE")
            if unit == "week" and ref["w"]:
                return Timex(f"{named}-W{ref['w']}", "DATE")
            return Timex(named, "DATE")  # "the first ten months ... the same period of 2005": in 2005
        if self._re_comparison.match(s):
            if ref["q"]:
                return Timex(f"{year - 1}-Q{ref['q']}", "DATE")
            told_year = not (ref["m"] or ref["w"])
            if told_year and re.fullmatch(r"(?:the )?(?:previous|prior) year", s):
                # after a year the story tells ("the 2004 accounts ... compared with the
                # previous year"), the year before it ("a year earlier" stays deictic, and
                # "last year's quarter" the quarter's)
                return Timex(_year_value(year - 1), "DATE")
            return None
        if (m := self._re_anaphor.match(s)) is not None:
            unit = m["unit"] or m["unit2"] or m["unit3"]
            pod = self.lexicon.parts_of_day.get(unit)
            shift = m["shift"] or m["shift2"] or ""
            offset = (
                1
                if shift in ("following", "next", "after")
                else -1
                if shift in ("previous", "preceding", "before", "prior")
                else 0
            )
            if pod is not None or unit == "day":
                if not ref["d"]:
                    # "that same day" after "last October": a day of that month, not known
                    # (a bare "that day", "the day" after a month is too loose to say so)
                    same = " same " in f" {s} " and not offset
                    return Timex(f"{ref['y']}-{ref['m']}-XX", "DATE") if same and ref["m"] else None
                day = date(year, int(ref["m"]), int(ref["d"])) + timedelta(days=offset)
                return Timex(day.isoformat() + (f"T{pod}" if pod else ""), "TIME" if pod else "DATE")
            if unit == "week":
                # "the prior week" after "last week" is the week before that one
                if ref["w"]:
                    monday = date.fromisocalendar(year, int(ref["w"]), 1)
                elif ref["d"]:
                    monday = date(year, int(ref["m"]), int(ref["d"]))
                else:
                    return None
                return Timex(_iso_week(monday + timedelta(weeks=offset)), "DATE")
            if unit == "month":
                if not ref["m"]:
                    return None
                y, mo = _shift_months(date(year, int(ref["m"]), 1), offset)
                return Timex(f"{y:04d}-{mo:02d}", "DATE")
            if unit == "quarter":
                if not ref["q"]:
                    return None
                index = year * 4 + int(ref["q"]) - 1 + offset
                return Timex(f"{index // 4}-Q{index % 4 + 1}", "DATE")
            if unit == "year":
                return Timex(str(year + offset), "DATE")
        return None

    # -- rules ----------------------------------------------------------------------------------

    def _clean(self, text: str) -> str:
        s = text.lower().strip()
        for pattern, repl in _CLEAN_SUBS:
            s = pattern.sub(repl, s)
        s = s.strip(" ,;:-()\"'")
        for _ in range(3):
            before = s
            s = _ZONE.sub("", s)
            s = _TRAILING.sub("", s).strip()
            s = _LEADING.sub("", s).strip()
            if s == before:
                break
        return s

    def _normalize(self, text: str, anchor: date | None, tense: str | None) -> Timex | None:
        s = self._clean(text)
        if not s:
            return None
        found = self._parse(s, anchor, tense, depth=0)
        if found is None and (m := _DETERMINER.match(s)) is not None:
            # NER takes in the noun phrase's determiner: "an Aug. 10, 1988, agreement",
            # "its fourth quarter", "both 1990 and 1991".
            found = self._parse(s[m.end() :], anchor, tense, depth=0)
        if found is None and (m := re.fullmatch(r"(?P<head>.+?) (?:of|in) (?P<rest>.+)", s)) is not None:
            # "the first nine months of 1997": the length of a part of a period.
            head = self._parse(m["head"], anchor, tense, depth=1)
            if head is not None and head.type == "DURATION":
                found = head
        return found

    def _parse(self, s: str, anchor: date | None, tense: str | None, depth: int) -> Timex | None:
        lx = self.lexicon
        if s in lx.references:
            return Timex(lx.references[s], "DATE")
        if s in lx.sets:
            return Timex(lx.sets[s], "SET")
        if s in lx.day_offsets:
            return self._day_offset(s, anchor)
        for rule in (
            self._rule_clock,
            self._rule_absolute,
            self._rule_relative,
            self._rule_duration,
            self._rule_set,
            self._rule_weekday,
            self._rule_compound_duration,
        ):
            found = rule(s, anchor, tense)
            if found is not None:
                return found
        if depth < 2:
            found = self._rule_part_of_day(s, anchor, tense, depth)
            if found is not None:
                return found
            found = self._rule_edges(s, anchor, tense, depth)
            if found is not None:
                return found
        return self._rule_dateparser(s, anchor)

    def _day_offset(self, s: str, anchor: date | None) -> Timex | None:
        lx = self.lexicon
        pod = next((lx.parts_of_day[w] for w in s.split() if w in lx.parts_of_day), None)
        if s == "tonight":
            pod = "NI"
        if anchor is None:
            return Timex("XXXX-XX-XX" + (f"T{pod}" if pod else ""), "TIME" if pod else "DATE")
        day = (anchor + timedelta(days=lx.day_offsets[s])).isoformat()
        return Timex(day + f"T{pod}", "TIME") if pod else Timex(day, "DATE")

    def _rule_clock(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        """'7:46 p.m.' is that time on the publication date unless a day is named with it."""
        if (spoken := self._re_spoken_hour.fullmatch(s)) is not None:
            # "4 in the morning", "eight o'clock at night": the hour the part of day puts it at.
            hour = int(spoken["h"]) if spoken["h"].isdigit() else self.lexicon.numbers.get(spoken["h"], 0)
            if not 1 <= hour <= 12:
                return None
            pod = spoken["pod"] or spoken["pod2"]
            if pod in ("afternoon", "evening"):
                hour = hour if hour == 12 else hour + 12
            elif hour == 12:
                hour = 0  # "twelve at night", "12 in the morning": midnight
            elif pod == "night" and hour >= 6:
                hour += 12  # "eight at night"; "two at night" is the small hours
            day = anchor.isoformat() if anchor else "XXXX-XX-XX"
            return Timex(f"{day}T{hour:02d}:00", "TIME")
        match = self._re_clock.search(s)
        if match is None:
            return None
        if match["word"]:
            hour, minute = (0, 0) if match["word"] == "midnight" else (12, 0)
        elif match["oc"]:
            oc = match["oc"]
            hour, minute = (int(oc) if oc.isdigit() else self.lexicon.numbers[oc]), 0
        elif match["h24"]:
            hour, minute = int(match["h24"]), int(match["m24"])
        else:
            hour, minute = int(match["h"]), int(match["m"] or 0)
            if hour > 23 or minute > 59 or (hour > 12 and match["ampm"].startswith("a")):
                return None
            if match["ampm"].startswith("p") and hour < 12:  # "17:56 p.m.": the 24-hour clock
                hour += 12
            elif match["ampm"].startswith("a") and hour == 12:
                hour = 0
        rest = (s[: match.start()] + " " + s[match.end() :]).strip()
        rest = re.sub(r"^(?:at|on|,|about|around|-)\s*|\s*(?:,|on|at|-)$", "", rest).strip()
        rest = re.sub(r"(?:^|\s)(?:on|at|[a-z]?[ecmp][sd]t|gmt|utc|local time)(?=[\s,]|$)", " ", rest).strip(
            " ,"
        )
        clock = f"T{hour:02d}:{minute:02d}"
        if not rest or rest in ("today", "this"):
            day = anchor.isoformat() if anchor else "XXXX-XX-XX"
            return Timex(day + clock, "TIME")
        if rest in self.lexicon.parts_of_day or rest in (
            "this morning",
            "this afternoon",
            "this evening",
            "tonight",
            "in the morning",
            "in the evening",
            "in the afternoon",
            "at night",
        ):
            day = anchor.isoformat() if anchor else "XXXX-XX-XX"
            return Timex(day + clock, "TIME")
        inner = self._parse(rest, anchor, tense, depth=2)
        if inner is not None:
            day = inner.value.split("T")[0]
            if _is_day_value(day):
                if match["word"] == "midnight":
                    clock = "T24:00"  # "midnight Friday" ends Friday (ISO 8601's 24:00)
                return Timex(day + clock, "TIME")
        return None

    def _spelled_year(self, text: str) -> int | None:
        """A year read out in words, as broadcast transcripts write it: 'nineteen ninety-six'."""
        words = text.split(" ")
        numbers = self.lexicon.numbers
        if len(words) >= 2 and words[0] in numbers and words[1] == "thousand" and numbers[words[0]] in (1, 2):
            rest = [w for w in words[2:] if w != "and"]
            tail = self._number(" ".join(rest)) if rest else 0
            return None if tail is None else int(numbers[words[0]] * 1000 + tail)
        if len(words) == 2 and words[0] in numbers and 10 <= numbers[words[0]] <= 20:
            tail = self._number(words[1])
            if tail is not None and 10 <= tail < 100:
                return int(numbers[words[0]] * 100 + tail)
        return None

    def _rule_absolute(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        lx = self.lexicon
        if (m := re.fullmatch(r"(?:the year |the )?(?P<words>[a-z][a-z -]+[a-z])", s)) is not None:
            year = self._spelled_year(m["words"])
            if year is not None:
                return Timex(str(year), "DATE")
        if (
            m := re.fullmatch(
                rf"(?:the )?(?P<mon>{self._month}|{self._season_words})(?: of)? "
                rf"(?P<words>[a-z][a-z -]+[a-z])",
                s,
            )
        ) is not None:
            year = self._spelled_year(m["words"])
            if year is not None and m["mon"] in lx.months:
                return Timex(f"{year}-{lx.months[m['mon']]:02d}", "DATE")
            if year is not None:
                return Timex(f"{year}-{lx.seasons[m['mon']]}", "DATE")
        if (
            m := re.fullmatch(r"(?:the )?(?P<rel>this|last|next) year's (?P<rest>.+)", s)
        ) is not None and anchor:
            # "this year's third quarter", "next year's first quarter"
            year = anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
            inner = self._rule_absolute(f"{m['rest']} {year}", anchor, tense)
            if inner is not None:
                return inner
        if (m := self._re_iso.match(s)) is not None:
            return Timex(s, "DATE")
        if (m := self._re_month_day.match(s) or self._re_day_month.match(s)) is not None:
            month = lx.months[m["mon"]]
            day = int(m["day"]) if m["day"] else lx.ordinals.get(m["dayw"], 0)  # "March eighth"
            if not 1 <= day <= 31:
                return None
            if m["year"]:
                year: str = m["year"]
            elif anchor is not None:
                year = str(_nearest_year(anchor, month, day, tense=tense))
            else:
                year = "XXXX"
            return Timex(f"{year}-{month:02d}-{day:02d}", "DATE")
        if (m := self._re_month_year.match(s)) is not None:
            month = lx.months[m["mon"]]
            year_text = m["year"]
            if year_text:
                year = year_text if len(year_text) == 4 else f"19{year_text[1:]}"
            elif anchor is not None:
                year = str(_nearest_year(anchor, month, tense=tense))
            else:
                year = "XXXX"
            return Timex(f"{year}-{month:02d}", "DATE")
        if (m := self._re_year.match(s)) is not None:
            return Timex(m["year"], "DATE")
        if (m := self._re_decade.match(s)) is not None:
            if m["spelled"]:
                return Timex(f"19{lx.numbers[m['spelled'][:-3] + 'y'] // 10}", "DATE")
            dec = m["dec"]
            return Timex(dec[:3] if len(dec) == 4 else f"19{dec[1]}", "DATE")
        if (m := self._re_century.match(s)) is not None:
            number = int(m["n"]) if m["n"] else lx.ordinals[m["word"]]
            return Timex(f"{number - 1:02d}", "DATE")
        if (m := self._re_quarter.match(s)) is not None:
            if m["qn"]:
                q, year_text = int(m["qn"]), m["y3"]
            else:
                q, year_text = lx.ordinals[m["ord"]], m["y1"] or m["y2"]
            if q == -1:
                q = 4
            if not 1 <= q <= 4:
                return None
            if year_text:
                return Timex(f"{year_text}-Q{q}", "DATE")
            if anchor is None:
                return Timex(f"XXXX-Q{q}", "DATE")
            year_n = _reported_year(anchor, q)
            if tense == "future" and year_n < anchor.year:
                year_n += 1
            return Timex(f"{year_n}-Q{q}", "DATE")
        if (m := self._re_month_span.match(s)) is not None:
            return self._month_span(m, anchor)
        if (m := self._re_half.match(s)) is not None:
            half = 1 if (m["ord"] or m["ord2"]) == "first" else 2  # "the first two quarters of 1990"
            year = m["year"] or m["year2"] or (str(anchor.year) if anchor else "XXXX")
            return Timex(f"{year}-H{half}", "DATE")
        if (m := self._re_slash.match(s)) is not None:
            year = m["y"] if len(m["y"]) == 4 else ("20" if int(m["y"]) < 50 else "19") + m["y"]
            month, day = int(m["m"]), int(m["d"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return Timex(f"{year}-{month:02d}-{day:02d}", "DATE")
        if (found := self._holiday(s, anchor, tense)) is not None:
            return found
        if (m := self._re_season.match(s)) is not None:
            return self._season(m, anchor, tense)
        return None

    def _month_span(self, m: re.Match[str], anchor: date | None) -> Timex | None:
        """'the July-September quarter' is Q3, 'the January-June period' H1; without a year,
        the latest one begun by publication (the one an earnings report is about)."""
        first, last = self.lexicon.months[m["m1"]], self.lexicon.months[m["m2"]]
        if last - first == 2 and first % 3 == 1:
            part = f"Q{(first + 2) // 3}"
        elif last - first == 5 and first in (1, 7):
            part = f"H{(first + 5) // 6}"
        else:
            return None
        year = m["year"] or (str(_year_begun(anchor, first)) if anchor else "XXXX")
        return Timex(f"{year}-{part}", "DATE")

    def _holiday(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        """'Thanksgiving Day', 'last Christmas', 'Easter 1998', 'Easter week': the holiday's date
        (or week) in the year news means: the latest one unless the tense or a "next" looks ahead."""
        m = self._re_holiday.match(s)
        if m is None:
            return None
        rule = self.lexicon.holidays[m["name"]]
        if m["year"]:
            day = holiday_date(rule, int(m["year"]))
        elif anchor is None:
            return Timex(f"XXXX-{rule}", "DATE") if re.fullmatch(r"\d\d-\d\d", rule) else None
        else:
            years = (anchor.year - 1, anchor.year, anchor.year + 1)
            candidates = sorted(holiday_date(rule, y) for y in years)
            if m["week"]:  # a week has begun once its Monday has passed: "as Easter week began"
                candidates = [d - timedelta(days=d.weekday()) for d in candidates]
            mod = m["mod"] or ""
            if mod in ("next", "this coming"):
                day = next(d for d in candidates if d > anchor)
            elif mod in ("last", "this past"):
                day = max(d for d in candidates if d < anchor)
            elif tense == "future":
                day = next(d for d in candidates if d >= anchor)
            elif tense == "past":
                # as for a day named by its date (`_nearest_year`): "Christmas" is "Dec. 25"
                day = max(d for d in candidates if d <= anchor + _PAST_SLACK)
            else:  # the nearest one: "Christmas" in a Dec. 20 paper is five days ahead
                day = min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))
        if m["week"]:
            return Timex(_iso_week(day), "DATE")
        return Timex(day.isoformat(), "DATE")

    def _season(self, m: re.Match[str], anchor: date | None, tense: str | None) -> Timex | None:
        code = self.lexicon.seasons[m["season"]]
        if m["year"]:
            return Timex(f"{m['year']}-{code}", "DATE")
        if anchor is None:
            return Timex(f"XXXX-{code}", "DATE")
        month = self.lexicon.season_months[code]  # a month well inside the season
        mod = m["mod"] or ""
        this_year = date(anchor.year, month, 15)
        if mod in ("last", "past", "this past"):
            # "last fall" in an October paper is the fall of the year before.
            year = anchor.year if this_year < anchor - timedelta(days=60) else anchor.year - 1
        elif mod in ("next", "this coming", "the coming"):
            year = anchor.year if this_year > anchor + timedelta(days=45) else anchor.year + 1
        elif mod == "this" and code != "WI":
            year = anchor.year
        else:
            # "winter", "this winter": the one nearest, named by the year of its January (so a
            # November paper's "this winter" is next year's, as its "the coming winter" is)
            year = _nearest_year(anchor, month)
        return Timex(f"{year}-{code}", "DATE")

    def _rule_relative(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        lx = self.lexicon
        if (m := self._re_ago.match(s)) is not None:
            unit = lx.units[m["unit"]]
            if m["dir"] in STORY_OFFSETS and not self._re_comparison.match(s):
                # "three days later" with no day to count from: publication is no anchor for
                # it, so the value is the length the text gives.
                length = s[: m.start("dir")].strip()
                if not (m["num"] or length.endswith("s")):
                    length = f"one {length}"  # "day before": one day
                return self._rule_duration(length, anchor, tense)
            n = self._number(m["num"]) if m["num"] else 1
            if not m["num"] and s[: m.start("dir")].strip().endswith("s"):
                n = None  # "months ago", "years later": how many is not said
            # a season has no fixed length to count back: "ten seasons ago" is only before
            if anchor is None or n is None or unit.endswith("SE"):
                return Timex(
                    "PAST_REF" if m["dir"] in ("ago", "earlier", "before", "previously") else "FUTURE_REF",
                    "DATE",
                )
            sign = -1 if m["dir"] in ("ago", "earlier", "before", "previously", "since") else 1
            return self._shifted(anchor, unit, sign * n)
        if (m := self._re_year_ago_period.match(s)) is not None:
            if anchor is None:
                return None
            rest = m["rest"] or ""
            # Earnings reports compare with "the year-ago quarter": last year's same quarter.
            q = re.fullmatch(rf"(?:fiscal )?(?P<ord>{self._ordinal})[- ](?:fiscal )?quarter", rest)
            if q is not None:
                n = lx.ordinals[q["ord"]]
                if not 1 <= n <= 4:
                    return None
                return Timex(f"{_reported_year(anchor, n) - 1}-Q{n}", "DATE")
            if re.search(r"quarter|period", rest):
                year, month = _shift_months(anchor, -3)
                return Timex(f"{year - 1}-Q{_quarter(month)}", "DATE")
            if rest and (found := self._rule_duration(rest, anchor, tense)) is not None:
                return found  # "the year-earlier nine months": as long as this year's
            if rest:
                return None
            return Timex(str(anchor.year - 1), "DATE")
        if (m := self._re_rel_unit.match(s)) is not None:
            unit = lx.units[m["unit"]]
            mod = m["mod"]
            if m["unit"] in lx.time_units:
                # "in the past hour" is the hour up to now; a minute or hour has no calendar
                # name to give "this" or "next" one
                if mod not in ("last", "past", "previous"):
                    return None
                return Timex(f"PT1{unit}", "DURATION")
            lengths = {"past": ("decade", "century"), "next": ("decade",), "coming": ("decade",)}
            if m["unit"] in lengths.get(mod, ()):
                # "over the past decade", "the worst flood in the past century", "over the next
                # decade": the ten or hundred years up to or from now, not a calendar decade
                # ("the last decade" is the one before; "the next century" in 1998 the 21st).
                return Timex(f"P{unit}", "DURATION")
            offset = 0
            if mod in ("last", "past", "previous", "prior", "this past", "the end of last"):
                offset = -1
            elif mod in ("next", "coming", "following", "this coming", "the end of next"):
                offset = 1
            if anchor is None:
                return Timex({-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[offset], "DATE")
            if unit == "2D" and mod in ("coming", "this coming") and anchor.isoweekday() < 6:
                offset = 0  # "the coming weekend" in a Thursday paper is two days off, this week's
            if unit == "Q" and mod in ("last", "past", "previous", "latest"):
                offset = -1
            value = _unit_value(anchor, unit, offset)
            if unit == "D" and mod in ("last", "past", "previous"):
                return None
            return Timex(value, "DATE") if value else None
        if m := re.match(
            r"^(?:the )?(?:latest|most recent|recent|just-ended|just-completed|"
            r"recently completed|last reported) (?:fiscal )?(quarter|period|three months)$",
            s,
        ):
            if anchor is None:
                return None
            year, month = _shift_months(anchor, -3)
            return Timex(f"{year}-Q{_quarter(month)}", "DATE")
        if s in (
            "the quarter",
            "the period",
            "the latest period",
            "the current quarter",
            "the fiscal quarter",
        ):
            if anchor is None:
                return None
            # In earnings news "the quarter" is the one just reported, the last complete one.
            year, month = _shift_months(anchor, -3 if s != "the current quarter" else 0)
            return Timex(f"{year}-Q{_quarter(month)}", "DATE")
        if (m := self._re_rel_weekday.match(s)) is not None:
            wd = lx.weekdays[m["wd"]]
            if anchor is None:
                return Timex(f"XXXX-WXX-{wd}", "DATE")
            mod = m["mod"]
            if mod in ("last", "this past", "past"):
                direction = "last"
            elif mod == "next":
                direction = "next"
            elif mod in ("this coming", "coming"):
                direction = "future"
            else:
                direction = "past" if tense == "past" else "future"
            return Timex(resolve_weekday(anchor, wd, direction=direction).isoformat(), "DATE")
        if (m := self._re_rel_month.match(s)) is not None:
            month = lx.months[m["mon"]]
            if anchor is None:
                return Timex(f"XXXX-{month:02d}", "DATE")
            mod = m["mod"]
            if mod in ("last", "this past"):
                year = anchor.year if month < anchor.month else anchor.year - 1
            elif mod in ("next", "this coming"):
                year = anchor.year if month > anchor.month else anchor.year + 1
            else:
                year = anchor.year
            return Timex(f"{year}-{month:02d}", "DATE")
        if re.fullmatch(r"(?:the )?year[- ]end|year's end|the end of the year", s) and anchor:
            # "by year-end": the end of the current year, at the year's granularity.
            return Timex(str(anchor.year), "DATE")
        if s == "the new year" and anchor and not 3 <= anchor.month <= 9:
            # "early in the new year", "an election in the new year": the year that has just
            # begun or is about to (in spring or summer it is some other calendar's, and so is
            # "the lunar new year")
            return Timex(str(anchor.year + (anchor.month >= 10)), "DATE")
        if _THE_YEAR.fullmatch(s) and anchor:
            # "for the year", "the full year": the year under report. (A year "ended June 30"
            # is a length; the component sees the word after the expression and says so.)
            return Timex(str(anchor.year), "DATE")
        if s in ("the weekend", "this weekend", "weekend", "the week", "the month") and anchor:
            unit = {"weekend": "2D", "week": "W", "month": "M"}[s.split()[-1]]
            if unit == "2D":
                # the weekend just past, or from Friday on the one at hand; one a clause looks
                # ahead to ("ahead of a weekend election") is this week's
                ahead = anchor.isoweekday() >= 5 or tense in ("future", "planned")
                return Timex(_unit_value(anchor, unit, 0 if ahead else -1) or "", "DATE")
            return Timex(_unit_value(anchor, unit, 0) or "", "DATE")
        return None

    def _shifted(self, anchor: date, unit: str, n: float) -> Timex | None:
        """The date `n` units from the anchor, at the unit's granularity ('two years ago')."""
        if n != int(n):
            return None
        n = int(n)
        if unit in ("H", "M_T", "S"):
            return Timex(anchor.isoformat(), "DATE")
        if unit in ("Y", "M", "W", "D", "Q", "2D"):
            return Timex(_unit_value(anchor, unit, n) or "", "DATE")
        if unit == "10Y":
            return Timex(str(anchor.year - 10 * abs(n) if n < 0 else anchor.year + 10 * n), "DATE")
        return None

    def _number(self, text: str) -> float | None:
        """A count from digits or words ('two', 'twenty-five', 'a'); None when vague ('several')."""
        text = text.strip()
        if re.fullmatch(r"\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+", text):
            return float(text.replace(",", ""))  # "2,500 years"
        numbers = self.lexicon.numbers
        if text in numbers:
            return float(numbers[text])
        parts = re.split(r"[- ]", text)
        if len(parts) == 2 and parts[0] in ("a", "an") and parts[1] in numbers:
            return float(numbers[parts[1]])  # "a six-year term"
        if (
            len(parts) == 2
            and all(p in numbers for p in parts)
            and numbers[parts[0]] % 10 == 0 < numbers[parts[1]] < 10
        ):
            return float(numbers[parts[0]] + numbers[parts[1]])  # "twenty-five"
        if all(p in numbers for p in parts) and (n := parse_number(text)) is not None:
            return float(n)  # "two hundred", "three thousand"
        return None

    def _rule_duration(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        m = self._re_duration.match(s)
        if m is None:
            return None
        unit_word = m["unit"]
        unit = self.lexicon.units[unit_word]
        num_text = m["num"]
        if s.endswith("-old") and num_text is not None and num_text.strip() not in ("a", "an"):
            return None  # "22-year-old" is an age; "a year-old proposal" is one year old
        has_mod = bool(re.match(r"^(?:the )?(?:past|last|next|previous|coming|following|latest) ", s))
        plural = bool(re.search(rf"{re.escape(unit_word)}s\b", s))
        if num_text is None:
            if not plural and (m["extra"] or re.fullmatch(r"(?:the )?\S+-(?:long|old)", s)):
                # "an additional year", "another week": one more unit; "Blair's year-long
                # presidency", "their third day-long meeting": one unit long; "a year-old
                # proposal" one unit old.
                one = unit if unit[0].isdigit() else f"1{unit}"  # a decade is "10Y" already
                return Timex(f"PT{one}" if unit_word in self.lexicon.time_units else f"P{one}", "DURATION")
            if not plural:
                # "the past year" is the calendar unit before; "the year" a year-long period.
                if has_mod and anchor is not None:
                    offset = 1 if re.match(r"^(?:the )?(?:next|coming|following)", s) else -1
                    if unit == "D":
                        return Timex(_unit_value(anchor, unit, offset) or "", "DATE")
                    value = _unit_value(anchor, unit, offset)
                    return Timex(value, "DATE") if value else None
                if s.startswith("the ") and unit in ("Y", "M", "W", "Q"):
                    prefix = "PT" if unit_word in self.lexicon.time_units else "P"  # "the first minute"
                    return Timex(f"{prefix}1{unit}", "DURATION")
                return None
            n: float | None = None
        elif re.fullmatch(r"\d{4}", num_text) and not s.endswith("s"):
            return None  # "the October 2005 month": a year, not a count of months
        else:
            # "10 to 15 years", "two or three days": a length TimeML leaves unspecified.
            n = None if m["upto"] else self._number(num_text)
            if num_text.strip() in ("a", "an") and plural:
                n = None  # "a months-long standoff": the article is the noun's, the length vague
            # "recent weeks", "the coming months": TimeML annotates an unspecified length.
            if n is None and num_text.strip() in ("past", "last", "next", "coming"):
                n = None
        count_match = re.fullmatch(r"(\d+)?([A-Z]+)", unit)
        assert count_match is not None
        factor = int(count_match[1] or 1)
        code = count_match[2]
        is_time = unit_word in self.lexicon.time_units
        if code == "SE":
            return Timex("PXSE" if n is None else f"P{int(n)}SE", "DURATION")
        if n is None:
            amount = "X"
        else:
            total = n * factor
            if m["half"] or m["half2"]:
                total += 0.5 * factor
            amount = str(int(total)) if total == int(total) else str(total)
            # "2 1/2 years", "a minute and a half": TIMEX3 writes the half in the next smaller unit.
            smaller = {"Y": ("M", 12), "H": ("M", 60), "D": ("H", 24)}
            if is_time:
                smaller["M"] = ("S", 60)
            if total != int(total) and code in smaller and (code != "M" or is_time):
                small, per = smaller[code]
                whole = f"{int(total)}{code}" if int(total) else ""
                rest = f"{int(round((total - int(total)) * per))}{small}"
                if is_time or code == "D":
                    return Timex(f"P{whole}T{rest}" if code == "D" else f"PT{whole}{rest}", "DURATION")
                return Timex(f"P{whole}{rest}", "DURATION")
        if code == "D" and unit_word == "weekend":
            code = "D"
        return Timex(f"PT{amount}{code}" if is_time else f"P{amount}{code}", "DURATION")

    def _rule_compound_duration(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        """'one hour and 48 minutes', 'two minutes 26.85 seconds', 'a 4-hour, 37-minute match',
        'one hour, 16 minutes and 39 seconds': one length in units from the largest down."""
        words = _COMPOUND_GLUE.sub(" ", s).split()
        if len(words) < 4 or len(words) % 2:
            return None
        parts = []
        for i in range(0, len(words), 2):
            found = self._rule_duration(" ".join(words[i : i + 2]), anchor, tense)
            one = _ONE_UNIT.fullmatch(found.value) if found and found.type == "DURATION" else None
            if one is None:
                return None
            parts.append((one["t"] + one["unit"], one["n"]))
        order = [_UNIT_ORDER.index(unit) for unit, _ in parts]
        if order != sorted(set(order)):
            return None  # "48 minutes and one hour": no one ISO length
        if "," in s and not all(unit.startswith("T") for unit, _ in parts):
            return None  # "20 years, five days a week", "one year, 68 days": a list
        date_part = "".join(n + unit for unit, n in parts if not unit.startswith("T"))
        time_part = "".join(n + unit[1] for unit, n in parts if unit.startswith("T"))
        return Timex(f"P{date_part}" + (f"T{time_part}" if time_part else ""), "DURATION")

    def _rule_set(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        if (m := self._re_set_weekday.match(s)) is not None:
            # "Mondays", "every Friday night", "Sunday mornings": that day of every week
            pod = m["pod1"] or m["pod2"]
            part = f"T{self.lexicon.parts_of_day[pod]}" if pod else ""
            day = self.lexicon.weekdays[m["wd1"] or m["wd2"] or m["wd3"]]
            return Timex(f"XXXX-WXX-{day}{part}", "SET")
        if (m := self._re_set_every.match(s)) is not None:
            unit_word = m["unit"]
            unit = self.lexicon.units[unit_word]
            n = self._number(m["num"]) if m["num"] else 1
            if n is None:
                return None
            count = re.fullmatch(r"(\d+)?([A-Z]+)", unit)
            assert count is not None
            total = int(n * int(count[1] or 1))
            if "other" in s.split():
                total *= 2
            prefix = "PT" if unit_word in self.lexicon.time_units else "P"
            return Timex(f"{prefix}{total}{count[2]}", "SET")
        if (m := self._re_set_recurring.match(s)) is not None:
            # "each July", "every spring", "every Christmas": a day or period of no one year
            inner = self._parse(m["rest"], None, None, depth=2)
            if inner is not None and inner.type == "DATE" and inner.value.startswith("XXXX-"):
                return Timex(inner.value, "SET")
        return None

    def _rule_weekday(self, s: str, anchor: date | None, tense: str | None) -> Timex | None:
        wd = self.lexicon.weekdays.get(s.rstrip("."))
        if wd is None or len(s) < 3:
            return None
        if anchor is None:
            return Timex(f"XXXX-WXX-{wd}", "DATE")
        direction = "future" if tense in ("future", "planned") else "past"
        return Timex(resolve_weekday(anchor, wd, direction=direction).isoformat(), "DATE")

    def _rule_part_of_day(self, s: str, anchor: date | None, tense: str | None, depth: int) -> Timex | None:
        """'Friday night', 'the night of Jan. 4', 'early Friday': the day, marked with a part of day."""
        lx = self.lexicon
        if (m := self._re_small_hours.match(s)) is not None:
            # "the early hours of Thursday" is the small hours of that day: its morning.
            inner = self._parse(m["rest"], anchor, tense, depth + 1)
            if inner is not None and _is_day_value(inner.value.split("T")[0]):
                return Timex(inner.value.split("T")[0] + "TMO", "TIME")
        if (m := self._re_pod_alone.match(s)) is not None:
            day = anchor.isoformat() if anchor else "XXXX-XX-XX"
            return Timex(f"{day}T{lx.parts_of_day[m['pod']]}", "TIME")
        if s in ("last night", "overnight"):
            return self._day_offset(s, anchor)
        for pattern in (self._re_pod_of, self._re_pod_after, self._re_pod_before):
            m = pattern.match(s)
            if m is None:
                continue
            rest = m["rest"].strip(" ,")
            if rest == "last":  # "last night"
                rest = "yesterday"
            if rest in ("this", "that", "the", "same", "the same", "in the"):
                rest = "today"
            inner = self._parse(rest, anchor, tense, depth + 1)
            if inner is not None and _is_day_value(inner.value):
                return Timex(f"{inner.value}T{lx.parts_of_day[m['pod']]}", "TIME")
        if (m := self._re_day_edge.match(s)) is not None:
            inner = self._parse(m["rest"], anchor, tense, depth + 1)
            if inner is not None and _is_day_value(inner.value):
                # "early Friday" in news means the small hours or morning of that day; "late
                # Friday" is only the end of the day (TimeML gives it the day, as "late
                # yesterday" in TimeBank), unless the lexicon's `day_edges` say otherwise.
                part = lx.day_edges.get(m["edge"])
                return Timex(f"{inner.value}T{part}", "TIME") if part else Timex(inner.value, "DATE")
        return None

    def _rule_edges(self, s: str, anchor: date | None, tense: str | None, depth: int) -> Timex | None:
        """'early December', 'the end of 1990', 'mid-1990s': the value of the period itself."""
        if week := re.match(r"^(?:the )?week (?:of|beginning|starting|ending) (?P<rest>.+)$", s):
            inner = self._parse(week["rest"], anchor, tense, depth + 1)
            if inner is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value):
                return Timex(_iso_week(date.fromisoformat(inner.value)), "DATE")
            return None
        if (m := _SMALL_HOURS.match(s)) is not None:
            # "the early hours of Sunday (morning)": that day's morning; alone, publication's
            if m["rest"] is None:
                day = anchor.isoformat() if anchor else "XXXX-XX-XX"
            else:
                inner = self._parse(m["rest"], anchor, tense, depth + 1)
                if inner is None or not re.match(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", inner.value):
                    return None
                day = inner.value[:10]
            return Timex(f"{day}TMO", "TIME")
        if (m := _DAY_BESIDE.match(s)) is not None:
            # "the day before last Tuesday's hearing", "the day after Jan. 4": one day from it.
            inner = self._parse(m["rest"], anchor, tense, depth + 1)
            if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", inner.value):
                return None
            day = date.fromisoformat(inner.value[:10]) + timedelta(days=1 if m["dir"] == "after" else -1)
            return Timex(day.isoformat(), "DATE")
        if (m := self._re_month_of_year.match(s)) is not None:
            # "June last year", "February this year": the month in the year named relatively.
            if anchor is None:
                return None
            year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["mod"]]
            month = self.lexicon.months[m["mon"]]
            if m["day"]:
                return Timex(f"{year}-{month:02d}-{int(m['day']):02d}", "DATE")
            return Timex(f"{year}-{month:02d}", "DATE")
        if (m := _HALF_OF.match(s)) is not None:
            # "the second half of the year" is a half (H2) of a year; of a decade or century,
            # the period itself, as "the late 1980s" is.
            rest = "this year" if m["rest"] in ("the year", "this year") else m["rest"]
            inner = self._parse(rest, anchor, tense, depth + 1)
            if inner is None or inner.type != "DATE" or not re.fullmatch(r"\d{2,4}", inner.value):
                return None
            if len(inner.value) == 4:
                return Timex(f"{inner.value}-H{1 if m['ord'] == 'first' else 2}", "DATE")
            return inner
        if (m := _YEAR_BOUND.match(s)) is not None:
            return Timex(m["rest"], "DATE")
        if (m := re.match(r"^(?:earlier|later)(?: in| on)? (?P<rest>.+)$", s)) is not None:
            # "earlier Friday", "later today": the day itself.
            return self._parse(m["rest"], anchor, tense, depth + 1)
        m = self._re_edge.match(s)
        if m is None:
            return None
        rest = m["rest"].strip()
        if rest in ("year", "month", "week", "quarter", "decade", "century"):
            rest = f"this {rest}"
        if rest in ("the day",):
            rest = "today"
        inner = self._parse(rest, anchor, tense, depth + 1)
        if inner is None or inner.type not in ("DATE", "TIME"):
            return None
        return inner

    def _rule_dateparser(self, s: str, anchor: date | None) -> Timex | None:
        """Fallback for absolute shapes our rules do not know; only with an anchor and a hint."""
        # Only absolute dates with a year reach dateparser: relative ones are our rules' job.
        if anchor is None or not re.search(r"\b(?:1[0-9]|20)\d\d\b", s):
            return None
        if re.fullmatch(r"[\d.,]+", s) or re.search(r"\d+-year|years? old|\bage", s):
            return None
        if re.search(r"\b(?:seconds|minutes|hours|days|weeks|months|years|decades|centurys) (?:from|since|"
                     r"after|before|to|ago|later|earlier)\b", s):
            return None  # "four years from 1997": a length, which dateparser reads as a date
        return _parse_with_dateparser(s, anchor)


# A length in one unit as `_rule_duration` writes it ("P2Y", "PT26.85S"); no weeks, which ISO
# does not mix with other units. The units from the largest down ("TM" is minutes).
_ONE_UNIT = re.compile(r"P(?P<t>T?)(?P<n>\d+(?:\.\d+)?)(?P<unit>[YMDHS])")
_UNIT_ORDER = ("Y", "M", "D", "TH", "TM", "TS")
# What joins the parts of one length: "4-hour, 37-minute", "one hour and 48 minutes".
_COMPOUND_GLUE = re.compile(r",|\band\b|-(?=(?:second|minute|hour|day|week|month|year)s?\b)")


@cache
def _date_parser() -> Any:
    """One dateparser parser restricted to English (~0.25 ms a call instead of ~19 ms).

    It only ever sees texts carrying a full year, so no relative base is needed and one
    parser serves every anchor.
    """
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    )


@lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str, anchor: date) -> Timex | None:
    try:
        data = _date_parser().get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input: no value then
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if str(day.year) not in text:
        return None  # a misreading: the text gave its year ("2005 month" is no 1859)
    if data.period == "year" or not re.search(r"[a-z]{3}|\d[/.-]\d", text.lower()):
        return Timex(str(day.year), "DATE")  # "13, 2007" names no month: dateparser took ours
    if data.period == "month":
        return Timex(f"{day.year}-{day.month:02d}", "DATE")
    if data.period == "week":
        return Timex(_iso_week(day), "DATE")
    if data.period in ("time", "hour", "minute", "second"):
        return Timex(f"{day.isoformat()}T{data.date_obj:%H:%M}", "TIME")
    return Timex(day.isoformat(), "DATE")


@cache
def _default_normalizer() -> TimexNormalizer:
    return TimexNormalizer()


def normalize_timex(text: str, anchor: date | None, *, tense: str | None = None) -> Timex | None:
    """TIMEX3 value and type of a time expression, anchored on the publication date.

    `tense` ("past", "present", "future") is the tense of the governing verb: a bare weekday
    in a future-tense clause names the coming day, otherwise the latest one.
    """
    return _default_normalizer().normalize(text, anchor, tense=tense)


_VALUE_PARTS = re.compile(
    r"^(?P<date>\d{4}(?:-\d\d(?:-\d\d)?)?)(?:-[WQH]\w+|-(?:SP|SU|FA|WI))?"
    r"(?:T(?P<time>\d\d:\d\d)|T[A-Z]{2})?$"
)


def split_value(value: str) -> tuple[str | None, str | None]:
    """('YYYY-MM-DD' or a shorter date part, 'HH:MM' or None) of a TIMEX3 value.

    For the date and time fields of an event: '2020-01-04T19:46' -> ('2020-01-04', '19:46'),
    '2020-01-04TEV' -> ('2020-01-04', None), '2020-W01' -> ('2020', None), 'P2M' -> (None, None).
    """
    match = _VALUE_PARTS.match(value.strip()) if value else None
    if match is None:
        return None, None
    return match["date"], match["time"]
