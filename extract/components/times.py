"""extract_times: TimeML time expressions as DATE/TIME entities, each with a TIMEX3 value.

Runs after the pretrained "ner" (and after rule components adding UNIT/WEAPON/FAC). It
(a) fixes extents: adds expressions NER misses ("now", "the past two months", "daily"),
taking over a CARDINAL that NER cut out of one ("two" in "two days"),
trims mis-cut ones ("7:46 p.m. and"), splits coordinations ("7:46 p.m. and 7:50 p.m."),
and drops ages and counts passing as dates ("22-year-old", "65"); it never removes a
non-time entity. (b) Sets `span._.timex_value` / `span._.timex_type` on every DATE/TIME
entity, anchored on `doc._.published`, with the tense of the governing verb.
Rule data comes from models/ (time_lexicon.json, time_patterns.json) and is saved with the
pipeline by `to_disk`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import LIKE_NUM, LOWER, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract._extensions import register_extensions
from extract.normalize.timex import (
    LEXICON_FILE,
    SOME_DAY,
    STORY_OFFSETS,
    TimeLexicon,
    Timex,
    TimexNormalizer,
)
from extract.resources import RuleFileError, check_keys, read_rules

PATTERNS_FILE = "time_patterns.json"
TIME_LABELS = frozenset({"DATE", "TIME"})
PATTERN_LABELS = frozenset({"DATE", "TIME", "NOT_TIME"})

# Tokens a time entity should neither start nor end with ("7:46 p.m. and").
_EDGE_WORDS = frozenset(
    {"between", "and", "or", "to", "-", "--", ",", ";", ":", "(", ")", '"', "'", "«", "»", "—", "–"}
)
# Words joining two time expressions NER tags as one: "7:46 p.m. and 7:50 p.m.",
# "between 1994 and 1997", "the quarter ended Sept. 30" (TimeML marks each part).
_SPLITTERS = frozenset({"and", "or", "&", "to", "through", "until", "till", "ended", "ending", "-", "--"})
# Words between two expressions NER ran together: "three years from 1997 to 2000".
_JOINERS = _SPLITTERS | {"from", "between", ","}
# First words of rule matches whose article belongs to the expression ("the latest period").
_DETERMINED_STARTS = frozenset({"near", "short", "later", "latest", "just-ended"})
# A decade of someone's life after a possessive: "in their 30s", "his mid-50s".
_DECADE_OF_LIFE = re.compile(
    r"(?:(?:early|mid|late)[- ]?)?(?:[1-9]0'?s|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies)", re.I
)
# A DATE that is only a number other than a year is an age, count or score ("65", "3-1").
_NOT_A_YEAR = re.compile(r"^(?!(?:1[0-9]|20)\d\d$)[\d.,%\-/]+$")
# A race time to the hundredth of a second ("800m (Liu Qing, 2:00.11)"), or a road race's in
# hours, minutes and seconds ("broke the world record running 2:04:55").
_RACE_TIME = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d\d\.\d{1,3}|\d:\d\d:\d\d")
# A season or fiscal year named by the two years it spans: "1995-96", "2005/06".
_SPANNED_YEAR = re.compile(r"(?P<y>(?:1[0-9]|20)\d\d)[-/](?P<next>\d\d)")
# The words of a range of days ("Nov. 17 to 19", "Nov. 15-16") and a day of the month.
_RANGE_JOINERS = frozenset({"-", "to", "through", "and", "--", "\u2013"})
_YEAR_RANGE_JOINERS = _RANGE_JOINERS - {"and", "--"}  # not "1990 and 1995"
_RANGE_YEAR = re.compile(r"18\d\d|19\d\d|20[0-3]\d")  # not "1500-2000 people"
_MONTH_DAY_SHAPES = ("Xxx.d", "Xxx.dd", "Xxxx.d", "Xxxx.dd")  # "Nov.1", "Sept.12"
_DAY_NUMBER = re.compile(r"(?:[1-9]|[12]\d|3[01])")
# A number below 1000, which alone makes nothing a time ("between 35 and 40"); not "70s".
_SMALL_NUMBER = re.compile(r"(?<![\d.,:])\d{1,3}(?![\d.,:s])")
# A decade written without its century ("the 1960s, 70s and 80s").
_SHORT_DECADE = re.compile(r"'?(?P<d>\d)0'?s")

# A year (as a value, or written in a text); a month or day of a year.
_YEAR = re.compile(r"\d{4}")
# A year before, as figures are compared with it ("up 5 percent from a year earlier").
_A_YEAR_BACK = re.compile(
    r"(?:a|one) year (?:earlier|ago|before)|the (?:previous|prior) year|the year before"
)
# A year named by where it lies from publication: "December last year".
_YEAR_NAMED = re.compile(r"\b(?:last|this|next) year$", re.I)
_MONTH_OR_DAY = re.compile(r"\d{4}-\d\d(?:-\d\d)?")

# A value naming one day (maybe at a time of it); one day and no time.
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
_DAY_ONLY = re.compile(r"\d{4}-\d\d-\d\d")
_DAY_OR_ITS_PART = re.compile(r"\d{4}-\d\d-\d\d(?:T(?:MO|AF|EV|NI))?")
# A value naming one month.
_MONTH = re.compile(r"\d{4}-\d\d")
# A month named with nothing to place it: "January", "January's", "early January".
_BARE_MONTH = re.compile(
    r"(?:early |late |mid-?)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:'s)?", re.I
)
# A value naming one quarter of a year.
_QUARTER = re.compile(r"\d{4}-Q[1-4]")
# "the second half", "a first-half penalty", "late in the fourth quarter", "the third period":
# a part of a match, with no year or period named after it
_GAME_PART = re.compile(r"\b(?:first|second|third|fourth|final)[- ](?:half|quarter|period)\b(?! of)", re.I)
# A match's score: "a 28-3 lead", "close the third quarter 54-43" (not "3-4 percent", "$3-4",
# "10-15 years").
_SCORE = re.compile(r"(?<![\d.,$-])\d{1,3}-\d{1,3}(?![\d.,%-])(?!\s*(?:percent|per cent|[a-z]{2,}s\b))")
# "XXXX-WXX-2TNI", a part of day in every week ("Tuesday nights")
_WEEKLY_PART_OF_DAY = re.compile(r"XXXX-WXX-\d(?P<pod>T[A-Z]{2})")

# The period earnings news reports on, named without saying which.
_THE_REPORTED_PERIOD = re.compile(
    r"(?:the |that )?(?:latest |just-ended |most recent )?(?:quarter|period)", re.I
)
# What earnings news reports for a quarter: "fourth-quarter earnings", "third-quarter net".
_RESULTS = frozenset(
    ("earnings", "profit", "profits", "loss", "losses", "net", "income", "sales", "revenue", "results")
)
# Values that can be a story's reference time: a year, quarter, week, month or day (maybe with a time).
_ANCHORED = re.compile(r"^\d{4}(?:-Q[1-4]|-W\d\d|-\d\d(?:-\d\d)?)?(?:T|$)")
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
# Modals that, negated, report a refusal or failure already past ("could not be reached").
_PAST_MODALS = frozenset({"could", "would", "'d"})
_NEGATIONS = frozenset({"not", "n't", "never", "neither", "nor", "nobody", "none", "no"})
_PAST_PREPOSITIONS = frozenset({"since"})
# How a clause hangs from another (or heads the sentence): the verb at its top has one of these.
_CLAUSE_LINKS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "csubj", "parataxis"})
# The units whose time an apposition names, by the length of its value ("2012", "2006-11-01")
_APPOSED_UNITS = {"year": 4, "month": 7, "day": 10}
# A year or a century, and the words after one that put it before Christ
_YEAR_OR_CENTURY = re.compile(r"\d{4}|\d\d")
_BEFORE_CHRIST = frozenset({"BC", "BCE"})
# "11.30pm", "7:46pm": the tokenizer keeps a clock with its minutes and "am"/"pm" in one token
_ONE_WORD_CLOCK_SHAPES = ("d:ddxx", "dd:ddxx", "d.ddxx", "dd.ddxx")
_ONE_WORD_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d[ap]m")
# Words that place a clock time before it: "at 15:40", "at about 13:00", "from 07:00 to 16:00".
_BEFORE_CLOCK = frozenset({"at", "about", "around", "from", "to", "until", "till", "by", "after", "before"})
# Words between clock times and the day they fall on: "from 10 a.m. to 2 p.m. for November 27".
_CLOCK_TO_DAY = frozenset({"on", "for", "to", "and", "until", "till"})
# Words before a figure's point of comparison: "up from 12 a day earlier", "against 1.96"
# (and "compared with").
_COMPARING = frozenset({"from", "against", "than", "over"})
# Words of a figure's move before "from": "up from Thursday's quotes", "1.6 percent from Monday".
_FIGURE_WORDS = frozenset({"up", "down", "higher", "lower", "percent", "%", "points", "cents"})
# Words between a deferring verb and the day it defers to: "postponed until / to Tuesday".
_DEADLINE_PREPOSITIONS = frozenset({"until", "till", "through", "to"})
# Words before "midnight" that make it the end of its day ("shortly before midnight").
_MIDNIGHT_ENDERS = _DEADLINE_PREPOSITIONS | {"before", "by"}
# Words before a month that it closes a period ("the 12 months to last March").
_PERIOD_CLOSERS = _DEADLINE_PREPOSITIONS | {"ended", "ending"}
# Words after which a participle happens by or after the clause it hangs on: "by beating",
# "before leaving", "towards cutting off" ("after winning" may lie on either side of it).
_LATER_PREPOSITIONS = frozenset({"by", "before", "toward", "towards"})
# Words that place an event in a time ("in March", "on Friday", "during the war").
_PLACING_PREPOSITIONS = frozenset({"in", "on", "during"})
# Words of an expression that looks back from the story's time ("last year", "a year ago").
_LOOKING_BACK = re.compile(r"\b(?:last|ago|earlier|previous|prior)\b", re.I)
# An hour of the story's day told by its order: "Earlier in the day", "later in the afternoon".
_IN_THE_DAY = re.compile(r"(?:earlier|later) in the (?:day|morning|afternoon|evening)", re.I)
# What `_governing_tense` returns for the present perfect, which `clause_tense` settles.
_PERFECT = "perfect"
# A plan told in the past tense ("was scheduled for July 25"): ahead of the telling, which
# may lie on either side of publication (see `clause_tense`).
_PLANNED = "planned"
# Participles that give a name or title ("a film entitled ...", "a group called ...").
_NAMING_VERBS = frozenset({"entitle", "title", "call", "name", "dub"})
# How far up the parse (in words) to look for the verb governing a time expression; how far
# a past tense still dates it; how far is next to it ("on Friday" under "meet": two words).
_LONGEST_CLIMB = 8
_PAST_REACH = 4
_NEAR = 2
# Infinitives that take the tense of the clause over them (a purpose, a subject, a relative).
_CLAUSES_OF_THEIR_HEAD = frozenset({"advcl", "csubj", "relcl", "ccomp"})
# Words that order an event noun between a day and its verb rather than date the verb.
_AFTER = frozenset({"after", "following", "since"})
# Words before a unit that do not place it: "the day", "his year", "all week".
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "my", "all"})
# Verbs of a relative clause that bound the period it is on ("the week that ended Friday").
_PERIOD_BOUNDS = frozenset({"end", "begin", "start", "close", "open", "finish"})
# Spans longer than this are not searched for a time expression inside (a misparse, not a date).
_LONGEST_TIME = 8
# Labels NER gives holidays ("Thanksgiving Day" is an EVENT to it, a date to TimeML).
_HOLIDAY_LABELS = frozenset({"EVENT", "ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART"})
# Words too common to tell a sentence may hold a time expression ("a", "the", "last").
_UNSELECTIVE = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "last",
        "next",
        "past",
        "first",
        "one",
        "two",
        "each",
        "every",
        "per",
        "of",
        "and",
        "in",
        "on",
        "at",
        "for",
        "to",
        "from",
    }
)


def _selectivity(words: set[str]) -> tuple[float, int]:
    """Lower is better: the share of common words in a token's choices, then their number."""
    return len(words & _UNSELECTIVE) / len(words), len(words)


def _trigger_words(patterns: list[dict[str, Any]]) -> tuple[frozenset[str], bool]:
    """Words of which every match of some pattern contains one, and whether a number can be.

    No match lies away from them, so the Matcher (most of this component's time) runs only
    within a pattern's longest match of one of its words. For each pattern the most selective
    required token is taken: a unit, weekday or month word rather than "the".
    """
    words: set[str] = set()
    numbers = False
    for row in patterns:
        best: set[str] | None = None
        has_number = False
        for token in row["pattern"]:
            if token.get("OP") in ("?", "*"):
                continue
            lower = token.get("LOWER")
            values = (
                {lower}
                if isinstance(lower, str)
                else set(lower.get("IN", ()))
                if isinstance(lower, dict)
                else set()
            )
            if values and (best is None or _selectivity(values) < _selectivity(best)):
                best = values
            if token.get("LIKE_NUM") or token.get("IS_DIGIT") or "SHAPE" in token or "TEXT" in token:
                has_number = True
        if best is not None and not (best & _UNSELECTIVE and has_number):
            words |= best
        elif has_number:
            numbers = True
        else:
            raise RuleFileError(f"{PATTERNS_FILE}: pattern without a word or number to key on: {row!r}")
    return frozenset(words), numbers


def _longest_match(row: dict[str, Any]) -> int | None:
    """How many tokens a match of a pattern can span at most; None when it has no bound."""
    if any(token.get("OP") in ("*", "+") for token in row["pattern"]):
        return None
    return len(row["pattern"])


def _windows(positions: list[int], reach: int | None, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of a sentence [start, end) within `reach` tokens of a trigger word at one
    of `positions` (in order), overlapping ones merged; the whole sentence without a reach."""
    if reach is None:
        return [(start, end)]
    windows: list[tuple[int, int]] = []
    for position in positions:
        low, high = max(start, position - reach + 1), min(end, position + reach)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(high, windows[-1][1]))
        else:
            windows.append((low, high))
    return windows


def _validated_patterns(rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise RuleFileError(f"{PATTERNS_FILE}: expected a list of patterns")
    for row in rows:
        allowed = {"label", "pattern", "comment", "context_before"}
        check_keys(PATTERNS_FILE, row, allowed, {"label", "pattern"})
        if row["label"] not in PATTERN_LABELS:
            raise RuleFileError(f"{PATTERNS_FILE}: unknown label {row['label']!r} in {row!r}")
        context = row.get("context_before", 0)
        if not isinstance(context, int) or not 0 <= context < len(row["pattern"]):
            raise RuleFileError(f"{PATTERNS_FILE}: context_before must count leading tokens in {row!r}")
    return [dict(row) for row in rows]


@dataclass
class _Story:
    """What a story has said about time so far, read in order: the times later expressions
    ("that day", "three days later", "a year earlier") are counted from."""

    # The narrative's reference time: the last anchored day, month, quarter or year named,
    # publication until then; "that day", "a year earlier" (after a quarter) hang on it.
    reference: str | None
    published: date | None = None
    # The last time the text itself named (a week too) and its first token.
    time: str | None = None
    token: int = -1
    # Earnings news compares with the quarter it reports on, even after naming its last day
    # ("the quarter ended Sept. 30 ... up from $3 million a year ago").
    quarter: str | None = None
    days: dict[int, str] = field(default_factory=dict)  # token -> the day its expression names
    previous: str | None = None  # the value of the expression before
    clocks: bool = False  # whether any expression was a time of day
    # The tense read for an expression valued by its clause, by its first token.
    tenses: dict[int, str | None] = field(default_factory=dict)
    # Days named with their year, by month and day: "11-20" -> "1991-11-20".
    named_days: dict[str, str] = field(default_factory=dict)

    def follow(self, ent: Span, timex: Timex | None, aside: bool) -> None:
        """Take in the value just read for `ent`; an `aside` (a comparison, a day naming an
        event) does not move the story's time."""
        if timex is not None and ent.text.lower() == "overnight" and _DAY.match(timex.value):
            # "overnight" is the eve of the day the story goes on in ("continued its deadly
            # passage overnight ... was expected later in the day"): that day is told next
            timex = Timex((date.fromisoformat(timex.value[:10]) + timedelta(days=1)).isoformat(), "DATE")
        self.previous = timex.value if timex else None
        if timex is None:
            return
        self.clocks = self.clocks or "T" in timex.value
        if _DAY_ONLY.fullmatch(timex.value) and _YEAR.search(ent.text):
            self.named_days[timex.value[5:]] = timex.value
        if _DAY.match(timex.value):
            self.days.update(dict.fromkeys(range(ent.start, ent.end), timex.value[:10]))
        if timex.type in ("DATE", "TIME") and _ANCHORED.match(timex.value) and not aside:
            self.time, self.token = timex.value, ent.start
            if "-W" not in timex.value:  # "that day" needs a day, not a week
                self.reference = timex.value
            # A quarter before the one reported is background ("after a flat second quarter");
            # a fiscal one is numbered by its own company's year, so it takes over.
            before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            fiscal = "fiscal" in ent.text.lower() or before == "fiscal"
            later = timex.value > (self.quarter or "") or fiscal
            if "-Q" in timex.value and later and _is_reported_quarter(ent, timex.value, self.published):
                self.quarter = timex.value
        if re.fullmatch(r"\d{4}|P\d+M|P1Y", timex.value) and not _LOOKING_BACK.search(ent.text):
            # "For the nine months, ... a year earlier", "the year": the story now compares
            # longer periods, within the year of the quarter it reported ("the 16 cents it
            # reported last year" still compares the quarter).
            if self.quarter is not None and timex.type == "DURATION":
                self.time = self.reference = self.quarter[:4]
                self.token = ent.start
            self.quarter = None


def _ended_before(timex: Timex, published: date) -> Timex:
    """'the quarter ended Oct. 31': a period that has ended closed on or before publication;
    a closing day after it is the year before ("ended Oct. 31" in an Oct. 27 paper)."""
    value = timex.value
    if _MONTH_OR_DAY.fullmatch(value) is None or value <= published.isoformat()[: len(value)]:
        return timex
    return Timex(f"{int(value[:4]) - 1}{value[4:]}", timex.type)


def _recent_time(ent: Span, story: _Story, compared: bool) -> str | None:
    """The story's last named time, if named in the sentence of `ent` or the one before
    (only in its own sentence when `compared`: "from 193 million a day earlier")."""
    if story.time is None:
        return None
    doc, sentence = ent.doc, ent.sent.start
    before = doc[sentence - 1].sent.start if sentence and not compared else sentence
    return story.time if doc[story.token].sent.start in (sentence, before) else None


def _is_reported_quarter(ent: Span, value: str, published: date | None) -> bool:
    """Whether `ent` (valued `value`, "1989-Q3") is a quarter earnings news reports on: one
    over by publication, or one named with its closing day ("its fiscal fourth quarter ended
    Aug. 26"), not one forecast ("losses through the third quarter of 1990")."""
    if published is None or not _QUARTER.fullmatch(value):
        return True
    if _word_after(ent) in ("ended", "ending") or _names_past_results(ent):
        return True
    year, quarter = int(value[:4]), int(value[-1])
    return (year, quarter) < (published.year, (published.month - 1) // 3 + 1)


def _names_past_results(ent: Span) -> bool:
    """'reported a decline in fourth-quarter earnings' (early November): results already told
    are of a quarter that is over, numbered by the company's fiscal year."""
    noun = ent.root.head
    if noun is ent.root or noun.lower_ not in _RESULTS:
        return False
    verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and _is_simple_past(verb)


@dataclass(frozen=True)
class TenseCues:
    """Words that tell which way a clause looks in time (models/time_lexicon.json)."""

    reporting: frozenset[str] = frozenset()
    # Past tense that looks like the present ("hurt", "cut"): no tense can be read off them.
    same_form_past: frozenset[str] = frozenset()
    # Words that put what they govern ahead: "scheduled", "expected", "effective", "due".
    forward: frozenset[str] = frozenset()
    # Verbs that, with "until" or "to", defer to a day still to come: "postponed until Tuesday".
    deadline: frozenset[str] = frozenset()
    # Words just before the expression that look ahead: "as soon as", "as early as".
    forward_phrases: tuple[tuple[str, ...], ...] = ()
    # Verbs whose infinitive is still to come: "plans to leave Tuesday", "is to resume Monday".
    intention: frozenset[str] = frozenset()
    # Events planned ahead, named by their date before they happen ("the June elections").
    scheduled_events: frozenset[str] = frozenset()
    # Verbs of an event's start that, as a participle, announce it ("a summit opening Saturday").
    onset: frozenset[str] = frozenset()
    # Words that make a month a traded contract's, still to come ("crude for January delivery").
    delivery: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lexicon: TimeLexicon) -> TenseCues:
        return cls(
            _inflected(lexicon.reporting_verbs),
            frozenset(lexicon.same_form_past_verbs),
            _inflected(lexicon.forward_words),
            _inflected(lexicon.deadline_verbs),
            tuple(tuple(p.split()) for p in lexicon.forward_phrases),
            _inflected(lexicon.intention_verbs),
            frozenset(lexicon.scheduled_events),
            _inflected(lexicon.onset_verbs),
            frozenset(lexicon.delivery_words),
        )


def _inflected(verbs: list[str]) -> frozenset[str]:
    """`verbs` with their regular forms, so that a cue holds where the lemmatizer slips:
    it makes "hopes" and "hoped" "hop", "slated" "slat" (see `_is_cue`)."""
    forms = set(verbs)
    for verb in (v for v in verbs if len(v) > 2):  # "be" and "do" are irregular
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed", stem + "ing"}
    return frozenset(forms)


def _is_cue(word: Token, cues: frozenset[str]) -> bool:
    """Whether `word` is one of `cues`, by its lemma or, failing that, by its form."""
    return word.lemma_ in cues or word.lower_ in cues


def clause_tense(span: Span, cues: TenseCues = TenseCues()) -> str | None:
    """'past', 'present', 'future' or 'planned': how the clause governing `span` places it in
    time; None when it says nothing, and the news defaults hold. 'planned' is a plan told in
    the past tense ("was scheduled for July 25", "postponed until March"): a weekday is the
    coming one, a date the one nearest publication.

    This is what resolves a bare weekday: "said Tuesday" is the Tuesday before publication,
    while "will meet Tuesday", "plans to leave Tuesday", "agreed to meet Tuesday", "is to
    resume Tuesday", "could come as soon as Tuesday", "is leaving Tuesday", "meet Tuesday"
    (a schedule in the simple present), "has scheduled a news conference Thursday" and
    "postponed until Tuesday" are the coming one; "crossed the river to reach the town
    Tuesday" and "will miss three players after their defeat on Tuesday" are not.
    """
    doc, token = span.doc, span.root
    start = span.start
    while start > 0 and doc[start - 1].pos_ == "ADJ" and start > span.start - 2:
        start -= 1  # "ahead of the long weekend"
    if start < span.start and (start == 0 or doc[start - 1].lower_ != "the"):
        start = span.start
    before = [t.lower_ for t in doc[max(start - 3, 0) : start]]
    if before[-1:] == ["the"]:
        before = [t.lower_ for t in doc[max(start - 4, 0) : start - 1]]  # "ahead of the"
    last = before[-1] if before else ""
    if last in _PAST_PREPOSITIONS or _is_counted_since(token):
        return "past"  # "since Jan. 13", "since its win in the January polls"
    if any(tuple(before[-len(p) :]) == p for p in cues.forward_phrases):
        return "future"  # "as soon as Tuesday", "ahead of the Thanksgiving holiday"
    if _is_event_looked_ahead_to(token, cues):
        return "future"  # "ahead of a summit Thursday", "ahead of the June elections"
    if (plan := _plan_for_the_day(token, cues)) is not None:
        return _PLANNED if _is_simple_past(plan) else "future"  # "called a strike for Monday"
    if _is_contract_month(token, cues):
        return "future"  # "crude for January delivery fell", "for delivery in December"
    if token.dep_ in ("poss", "compound", "amod", "nmod"):
        if token.head.lemma_.lower() not in cues.scheduled_events:
            # "Wednesday's ruling", "a June agreement", "the Oct. 23 slaying": news names an
            # event by its date once it has happened, whatever the verb governing the noun.
            return "past"
        # "the June elections can be held", "boycotted the January 30 election": an event
        # that is planned ahead is named by its date before and after; the clause decides.
        token = token.head
    elif _dates_a_planned_event(token, cues):
        token = token.head.head  # "would discuss it at the meeting on Monday": the same
    until = last in _DEADLINE_PREPOSITIONS
    reporting = _reporting_verb_before(span, cues)
    if reporting is not None:
        # "said on Wednesday he will be presented with the award": the day is the saying's,
        # however the parser attached it.
        tense = _governing_tense(reporting, cues, until=False, depth=0)
        return "present" if tense == _PERFECT else tense  # "has said Tuesday"
    while token.dep_ == "conj" and token.head is not token and token.head.pos_ not in ("VERB", "AUX"):
        token = token.head  # "on Monday in Northern Ireland and Tuesday in Scotland"
    tense = _governing_tense(token, cues, until=until, depth=0)
    if tense == _PERFECT:
        # "won twice this season, Hornish in March", "has fluctuated, rising ... from $29.75 in
        # March": what the present perfect places in a time is past; what it is "for" or
        # "to", not ("have been pencilled in for May 23", "have geared up for the Dec. 15 polls")
        tense = "past" if last in _PLACING_PREPOSITIONS else "present"
    if tense == "present" and (last in ("until", "till") or _is_in_a_stretch_until(span.root)):
        # "the curfew remains in force until Monday", "talks continue until Sunday", "continue
        # until about midday on Sunday"
        return "future"
    return tense


def _is_counted_since(token: Token) -> bool:
    """Whether `token` dates what a time is counted from, a few words down a "since" phrase:
    "since its historic win in the January polls", "since winning the May elections", "the
    highest since the end of March". What something has gone on since is past."""
    for _ in range(_NEAR + 2):
        if token.head is token:
            return False
        token = token.head
        if token.lower_ in _PAST_PREPOSITIONS and token.dep_ == "prep":
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "pcomp":
            return False  # "since he said he would resign in March": the clause decides
    return False


def _is_in_a_stretch_until(token: Token) -> bool:
    """Whether `token` dates the end of a stretch that "until" opens a few words before it:
    "until about midday on Sunday", "till noon on Friday"."""
    for _ in range(_NEAR + 2):
        if token.dep_ not in ("pobj", "prep", "npadvmod", "nummod", "compound") or token.head is token:
            return False
        token = token.head
        if token.lower_ in ("until", "till"):
            return True
    return False


def _is_event_looked_ahead_to(token: Token, cues: TenseCues) -> bool:
    """Whether `token` dates an event that words before it look ahead to: "ahead of a summit
    Thursday", "ahead of the June elections", "ahead of a speech by Abbas on Saturday"."""
    if token.dep_ in ("npadvmod", "compound", "poss", "nmod"):
        event = token.head
        if event.lemma_.lower() not in cues.scheduled_events:
            return False
    elif (noun := _dated_through(token, "on")) is not None and noun.pos_ in ("NOUN", "PROPN"):
        event = noun
    else:
        return False
    start = event.left_edge.i
    before = tuple(t.lower_ for t in token.doc[max(start - 4, 0) : start])
    return any(before[-len(p) :] == p for p in cues.forward_phrases)


def _plan_for_the_day(token: Token, cues: TenseCues) -> Token | None:
    """The verb of planning that `token` is the day "for": "has called a mass strike for
    Monday", "rallies were announced for Sunday", "a hartal for Thursday was called", "is
    planned for Tuesday". Not a participle's ("a service planned for Saturday was canceled"
    may have been due the day before), nor a past perfect's (`_governing_tense`)."""
    verb = _dated_through(token, "for")
    if verb is None:
        return None
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "nsubjpass"):
        verb = verb.head  # the strike called, the hartal called
    if verb.pos_ != "VERB" or not _is_finite(verb) or _is_past_perfect(verb):
        return None
    # what is reported "for" a time is mostly a figure's ("reported a loss for March"); what
    # is announced for it, in the passive, is planned
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    planning = _is_cue(verb, cues.intention) or _is_cue(verb, cues.forward)
    return verb if planning or (passive and _is_cue(verb, cues.reporting)) else None


def _dates_a_planned_event(token: Token, cues: TenseCues) -> bool:
    """Whether `token` is the day "on" which a planned event falls: "the meeting on Monday",
    "a national funeral on Wednesday"."""
    event = _dated_through(token, "on")
    return event is not None and event.lemma_.lower() in cues.scheduled_events


def _dated_through(token: Token, preposition: str) -> Token | None:
    """The word a day hangs from through `preposition`: "meeting" for "Monday" in "the meeting
    on Monday" ("on"), "called" in "called a strike for Monday" ("for")."""
    head = token.head
    if token.dep_ != "pobj" or head.lower_ != preposition or head.head is head:
        return None
    return head.head


def _is_contract_month(token: Token, cues: TenseCues) -> bool:
    """Whether `token` names the month of a traded contract: "for January delivery", "for
    delivery in January", "the December Nikkei futures contract". Markets trade the months
    ahead, so the month is the coming one whatever the tense of the price's move."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "in":
        return head.head.lower_ in cues.delivery
    if token.dep_ in ("compound", "nmod", "amod"):
        while head.dep_ in ("compound", "nmod", "amod") and head.head is not head:
            head = head.head  # "the December Nikkei 225 index futures contract"
        return head.lower_ in cues.delivery or any(t.lower_ in cues.delivery for t in head.lefts)
    return False


def _reporting_verb_before(span: Span, cues: TenseCues) -> Token | None:
    """The reporting verb right before the expression ("said Tuesday", "announced on Monday")."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ == "on":
        i -= 1
    if i < 0:
        return None
    word = span.doc[i]
    return word if word.pos_ == "VERB" and _is_cue(word, cues.reporting) else None


def _governing_tense(token: Token, cues: TenseCues, *, until: bool, depth: int) -> str | None:
    """The tense of the verb governing `token` (see `clause_tense`).

    The further the verb, the less it says: an explicit future ("will") holds across a chain
    of nouns ("will be named commander for a mission in December"), a past tense only over a
    few words ("was a sign of the change of sovereignty on July 1" is not past), the simple
    present of a schedule only next to the day.
    """
    verb, hops = token, 0
    while verb.pos_ not in ("VERB", "AUX"):
        if verb is not token and _is_cue(verb, cues.forward) and not _is_followed_by(verb, "to"):
            return "future"  # "effective Feb. 1", "due Tuesday" (not "due to rain")
        if hops >= _NEAR and verb.lower_ in _AFTER:
            return None  # "will lose ... after their defeat on Saturday": ordered, not dated
        if verb.head is verb or hops == _LONGEST_CLIMB:
            return None
        verb, hops = verb.head, hops + 1
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_ in _NAMING_VERBS and depth < 2:
        # "will broadcast the documentary, entitled "Kyushu", on Saturday": the parser hangs
        # the day on the title's participle, which tells no time
        return _governing_tense(verb.head, cues, until=until, depth=depth + 1)
    near = hops <= _NEAR
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if _is_past_perfect(verb) or (verb.dep_ == "xcomp" and _is_past_perfect(_predicate(verb.head))):
        if _is_cue(verb, cues.forward) or (until and _is_cue(verb, cues.deadline)):
            # "had been scheduled for June 7-14", "had asked to prolong the mission till
            # Dec. 15": a plan made before, for a day on either side of publication
            return None
        return "past"  # "had been scheduled to expire at midnight Friday": a plan overtaken
    if verb.dep_ == "xcomp" and _is_cue(verb.head, cues.forward):
        # "is expected to hold its rates at a meeting on Thursday"; "was expected to ..."
        return _PLANNED if _is_simple_past(verb.head) else "future"
    if any(c.dep_ == "acomp" and _is_cue(c, cues.forward) for c in verb.children):
        # "is due in Kenya on Friday", "the board meeting due on Thursday" (but "was due on
        # Monday" may be overdue)
        return None if _is_simple_past(verb) else "future"
    if _is_cue(verb, cues.forward) or (until and _is_cue(verb, cues.deadline)):
        # "has scheduled a news conference Thursday", "postponed until Tuesday" (but
        # "postponed the vote Tuesday" is when it was postponed)
        return _PLANNED if _is_simple_past(verb) else "future"
    for child in aux:
        if child.lower_ in _FUTURE_AUX:
            return "future"
        if child.tag_ == "MD":
            if any(c.lemma_ == "have" for c in aux):
                return "past"  # "may have been responsible for a drop on Wednesday"
            if child.lower_ in _PAST_MODALS and _is_negated(verb):
                return "past"  # "could not be reached Tuesday", "would not say Friday"
            # "should" or "could" far from the day says little ("compliance with the
            # reduction in October should be observed").
            return "future" if hops <= _NEAR + 1 else None
        if child.tag_ == "TO":
            passive = any(c.dep_ == "auxpass" for c in aux)
            clause_over = verb.dep_ in _CLAUSES_OF_THEIR_HEAD and verb.head.pos_ in ("VERB", "AUX")
            # "crossed the river to reach the town Friday", "managed to escape Friday": an
            # infinitive under a verb of no intention happens when that verb does.
            clause_over |= verb.dep_ == "xcomp" and not _is_cue(verb.head, cues.intention)
            if not passive and clause_over and depth < 2:
                # "shed 3% to close on Friday", "gathered to celebrate its entry Friday",
                # "drove in to prepare for the handover on June 30": a purpose or result looks
                # ahead only if the clause over it does; far from the day, only an explicit
                # future counts ("will go back to Baidoa to present our laws to the parliament
                # on Sunday"), not a present read as a schedule ("marks a new beginning ... to
                # oust Saddam, ... and the adoption of a constitution in October").
                over = _governing_tense(verb.head, cues, until=until, depth=depth + 1)
                if over == "future" and (near or any(c.lower_ in _FUTURE_AUX for c in verb.head.children)):
                    return "future"
                return None
            # "plans to leave Thursday", "a meeting to be held Friday", "is to resume Monday";
            # further off ("refused to step down after the CBI on Sunday ...") it says nothing.
            # An intention told in the past is a plan ("decided to cut output in October").
            if hops > _NEAR + 1:
                return None
            told = verb.dep_ == "xcomp" and _is_cue(verb.head, cues.intention) and _is_simple_past(verb.head)
            return _PLANNED if told else "future"
    # A participle's own "Past" says nothing when an auxiliary carries the tense ("is heard").
    tenses = set() if aux and verb.tag_ == "VBN" else set(verb.morph.get("Tense"))
    for child in aux:
        if child.tag_ not in ("VBN", "VBG"):  # "have been pencilled in": "been" is no past
            tenses.update(child.morph.get("Tense"))
    if not aux and verb.dep_ == "xcomp" and verb.tag_ in ("VB", "VBG", "VBN") and depth < 2:
        # "will begin moving towards Mount Arafat at dawn Friday": the tense is the head's
        return _governing_tense(verb.head, cues, until=until, depth=depth + 1)
    if not aux and verb.dep_ == "conj" and verb.tag_ in ("VB", "VBG", "VBN") and depth < 2:
        # "will be presented and played by Birsak on Friday": verbs joined by "and" share
        # their auxiliaries, and a past says as little as ever far from the day ("was shocked
        # and horrified at the killings ... ahead of the celebrations in September")
        over = _governing_tense(verb.head, cues, until=until, depth=depth + 1)
        return None if over == "past" and hops > _PAST_REACH else over
    starting = verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "prep") and _is_cue(verb, cues.onset)
    if starting and not aux and depth < 2 and _starts_on(verb, token):
        # "a four-day match starting Thursday" under a schedule, "the talks, beginning Monday,
        # will focus on trade": an event that starts on the day is ahead unless its clause is
        # past ("the fighting, starting Sunday, killed 20 people"); a participle over it tells
        # no present ("an ultimatum demanding ..., starting at noon Saturday")
        over = _governing_tense(verb.head, cues, until=until, depth=depth + 1)
        if over != "present":
            return over
        clause = next((t for t in (verb.head, *verb.head.ancestors) if t.pos_ in ("VERB", "AUX")), None)
        return "future" if clause is not None and _is_finite(clause) else None
    if not aux and verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in _LATER_PREPOSITIONS:
        # "will be looking to bounce back by beating Atletico on Thursday", "is scheduled to
        # hold talks on Tuesday, before leaving Beijing on Wednesday", "would move towards
        # cutting off supplies from 0700 GMT Monday": the means, or what comes next, is ahead
        # when the clause over it is
        over = _governing_tense(verb.head, cues, until=until, depth=depth + 1) if depth < 2 else None
        if over in ("future", _PLANNED):
            return over
    if not aux and verb.dep_ == "advcl" and verb.tag_ == "VBG" and _is_finite(verb.head) and depth < 2:
        # "has fluctuated, rising to a high in June from $29.75 in March", "will fancy their
        # chances, opening their World Cup on June 13": a participle clause happens when the
        # clause over it does (but a simple present over it is no schedule: "needs a
        # consolidation after a run starting from 15,205 in June")
        over = _governing_tense(verb.head, cues, until=until, depth=depth + 1)
        if over in ("past", _PERFECT) or (
            over == "future" and any(c.lower_ in _FUTURE_AUX for c in verb.head.children)
        ):
            return over
    sequel = verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.lemma_ in ("follow", "precede")
    if sequel and not aux and _is_finite(verb.head) and depth < 2:
        # "France open against Italy on February 3, followed by Ireland on February 11": the
        # next in a sequence is dated as the clause over it ("the decision, announced
        # Wednesday" is not)
        return _governing_tense(verb.head, cues, until=until, depth=depth + 1)
    if verb.tag_ == "VBN" and any(c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in aux):
        # the present perfect: past or present by the word before the day (`clause_tense`)
        return _PERFECT if hops <= _PAST_REACH else "present"
    if "Past" in tenses:
        return "past" if hops <= _PAST_REACH else None
    if "Pres" in tenses:
        # "is leaving Tuesday" (present progressive) is a plan; "have been trying to broker
        # an agreement late Tuesday" (the perfect) is not.
        progressive = any(c.lemma_ == "be" for c in aux) and not any(c.lemma_ == "have" for c in aux)
        if verb.tag_ == "VBG" and progressive and not _is_cue(verb, cues.reporting):
            return "future"
        conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)
        if near and verb.tag_ in ("VBP", "VBZ") and not aux and conditional:
            return "future"  # "if they beat Deportivo at home on Wednesday", "unless it wins Sunday"
        if (
            near
            and verb.tag_ in ("VBP", "VBZ")
            and not aux
            and not _is_cue(verb, cues.reporting)
            and verb.lemma_ not in ("be", "have", "follow")  # "Friday's rally follows a protest Thursday"
            and verb.lower_ not in cues.same_form_past
        ):
            # news writes a schedule in the simple present: "Albright and Arafat meet Monday"
            return "future"
        return "present"
    return None


def _starts_on(verb: Token, time: Token) -> bool:
    """Whether `time` is when `verb` starts: "starting Thursday", "opening on Friday", not the
    start of a figure ("a run starting from 15,205 in June")."""
    between = [t.lower_ for t in time.doc[verb.i + 1 : time.i]]
    return verb.i < time.i and len(between) <= _NEAR and "from" not in between


def _word_after(span: Span) -> str:
    """The lower-cased word right after `span` ("" at the end of the text)."""
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _is_followed_by(token: Token, word: str) -> bool:
    return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == word


def _is_finite(verb: Token) -> bool:
    """Whether `verb` carries a tense: "fluctuated", "has fluctuated", not "located"."""
    return verb.tag_ in ("VBD", "VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _predicate(token: Token) -> Token:
    """The verb a predicate adjective belongs to: "been" for "due" in "had been due to"."""
    return token.head if token.dep_ == "acomp" else token


def _is_simple_past(verb: Token) -> bool:
    """'scheduled', 'was scheduled': a past tense with no perfect or modal over it."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not aux:
        return verb.tag_ == "VBD"
    return all(c.tag_ == "VBD" for c in aux)


def _is_told_as_done(ent: Span, cues: TenseCues) -> bool:
    """Whether the verb over `ent`, a few words up, is an active simple past or a past perfect
    ("killed", "stood", "had snubbed"), and no verb of planning ("scheduled", "planned")."""
    token, hops = ent.root, 0
    while token.pos_ not in ("VERB", "AUX"):
        if token.head is token or hops == _PAST_REACH:
            return False
        token, hops = token.head, hops + 1
    if _is_cue(token, cues.forward) or _is_cue(token, cues.intention):
        return False
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if _is_past_perfect(token):
        return token.tag_ == "VBN" and all(c.lower_ == "had" for c in aux)
    return token.tag_ == "VBD" and not aux


def _is_past_perfect(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in verb.children)


def _is_negated(verb: Token) -> bool:
    """Whether the clause is negated: "could not be reached", "neither he nor she could"."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    words = [*verb.children, *subjects, *(c for s in subjects for c in s.children)]
    return any(w.dep_ == "neg" or w.lower_ in _NEGATIONS for w in words)


class TimeTagger:
    """The extract_times component (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "extract_times",
        *,
        lexicon_file: str = LEXICON_FILE,
        patterns_file: str = PATTERNS_FILE,
        split_coordinations: bool = True,
    ) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.split_coordinations = split_coordinations
        self._set_rules(
            TimeLexicon.from_dict(read_rules(lexicon_file, "lexicon")),
            _validated_patterns(read_rules(patterns_file, "patterns")),
        )

    def _set_rules(self, lexicon: TimeLexicon, patterns: list[dict[str, Any]]) -> None:
        """Compile the rule data once: the normalizer's regexes and the token Matcher."""
        self.lexicon = lexicon
        self.patterns = patterns
        self.normalizer = TimexNormalizer(lexicon)
        self.tense_cues = TenseCues.from_lexicon(lexicon)
        # One Matcher per set of trigger words, run only near them: most sentences can match a
        # few patterns at most, and the Matcher's cost grows with each pattern and each token.
        # Patterns keyed on the same words ("daily" or "weekly") share a Matcher, run within the
        # longest reach of any of them.
        self._pattern_matchers: list[tuple[Matcher, int | None]] = []
        self._patterns_by_word: dict[int, list[int]] = {}
        self._number_patterns: list[int] = []
        self._pattern_order: dict[int, int] = {}  # match key -> the pattern's place in the file
        # match key -> how many of a match's first words are context, not the expression ("in"
        # of "in the afternoon")
        self._pattern_context: dict[int, int] = {}
        groups: dict[tuple[frozenset[str], bool], int] = {}
        for index, row in enumerate(patterns):
            words, numbers = _trigger_words([row])
            # a number-keyed pattern runs on the whole sentence: its number may be any token
            reach = None if numbers else _longest_match(row)
            group = groups.get((words, numbers))
            if group is None:
                group = groups[(words, numbers)] = len(self._pattern_matchers)
                self._pattern_matchers.append((Matcher(self.nlp.vocab), reach))
                for word in words:
                    self._patterns_by_word.setdefault(self.nlp.vocab.strings.add(word), []).append(group)
                if numbers:
                    self._number_patterns.append(group)
            matcher, widest = self._pattern_matchers[group]
            if widest is not None:
                self._pattern_matchers[group] = (matcher, None if reach is None else max(reach, widest))
            # Each pattern gets its own key so the label can be looked up; copy, never mutate.
            key = f"{row['label']}:{index}"
            matcher.add(key, [json.loads(json.dumps(row["pattern"]))])
            key_id = self.nlp.vocab.strings.add(key)
            self._pattern_order[key_id] = index
            self._pattern_context[key_id] = row.get("context_before", 0)
        self._trigger_ids = np.array(sorted(self._patterns_by_word), dtype=np.uint64)

    # -- the pipeline call ----------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        anchor = _as_date(doc._.published)
        ents = [
            Span(doc, e.start, e.end, label="DATE")
            if e.label_ in _HOLIDAY_LABELS and self.normalizer.is_holiday(e.text)
            else e
            for e in doc.ents
        ]
        others = [e for e in ents if e.label_ not in TIME_LABELS]
        times: list[Span] = []
        blocked: list[tuple[int, int]] = []
        added: list[Span] = []
        for match_id, start, end in self._match(doc):
            label = self.nlp.vocab.strings[match_id].split(":", 1)[0]
            if label == "NOT_TIME":
                blocked.append((start, end))
            else:
                added.append(Span(doc, start + self._pattern_context[match_id], end, label=label))
        shapes = doc.to_array(SHAPE)  # years and run-together dates are found by their shape
        added.extend(_years_of_ranges(doc, shapes))
        added.extend(_years_across(doc, shapes))
        added.extend(self._days_run_into_months(doc, shapes))
        added.extend(_clock_times(doc, shapes))
        for ent in ents:
            if ent.label_ in TIME_LABELS:
                times.extend(self._fix_extent(ent, anchor))
        times = [s for s in times if not _overlaps_any(s, blocked) and not self._is_no_time(s)]
        range_ends: set[int] = set()  # "19" of "Nov. 17 to 19": a day of the month before it
        times = [piece for s in times for piece in self._split_range(s, anchor, range_ends)]
        added = [s for s in added if not _overlaps_any(s, blocked) and not self._swallows(s, times, anchor)]
        chosen = self._join_time_and_date(self._choose(times, added, anchor), anchor)
        chosen = [self._with_modifier(s, anchor) for s in chosen if not self._is_part_of_game(s)]
        others = _release_time_suffixes(others, chosen)
        others = [
            e for e in others
            if not _is_part_of_time(e, chosen)
            and not _is_only_time(e, chosen)
            and not (e.label_ == "CARDINAL" and e.start in range_ends)  # the "2" of "January 1 and 2"
        ]
        occupied = [(e.start, e.end) for e in others]
        chosen = [s for s in chosen if not _overlaps_any(s, occupied)]
        doc.ents = sorted([*others, *chosen], key=lambda s: s.start)
        story = _Story(reference=anchor.isoformat() if anchor else None, published=anchor)
        time_ents = [e for e in doc.ents if e.label_ in TIME_LABELS]
        for i, ent in enumerate(time_ents):
            previous = time_ents[i - 1] if i else None
            timex = self._recalled_day(ent, self._value(ent, story, range_ends, anchor), story)
            timex = _apposed_time(ent, previous) or timex
            if timex is not None and _is_before_christ(ent) and _YEAR_OR_CENTURY.fullmatch(timex.value):
                timex = Timex("BC" + timex.value, timex.type)
                if previous is not None and _is_joined_by(previous, ent, _RANGE_JOINERS):
                    # "from 1354 to 1345 B.C.": the era the range ends in is the one it starts in
                    if _YEAR_OR_CENTURY.fullmatch(previous._.timex_value or ""):
                        previous._.timex_value = "BC" + previous._.timex_value
            ent._.timex_value = timex.value if timex else None
            ent._.timex_type = timex.type if timex else None
            if previous is not None and timex is not None and _closes_quarter(previous, ent):
                # "the second quarter ended Oct. 31" in an Oct. 27 paper is last year's fiscal
                # quarter, as the day is, and so is "that quarter" after it
                closed = timex.value[:4] + previous._.timex_value[4:]
                if story.quarter == previous._.timex_value:
                    story.quarter = closed
                previous._.timex_value = closed
            if previous is not None and timex is not None and self._opens_range_to(previous, ent):
                # "from November 20 to November 21, 1991": the range starts in the year it ends in
                started = timex.value[:4] + previous._.timex_value[4:]
                if started > timex.value[: len(started)]:
                    started = f"{int(timex.value[:4]) - 1:04d}{started[4:]}"  # "Dec. 20 to Jan. 5, 1992"
                previous._.timex_value = started
                if _DAY_ONLY.fullmatch(started):
                    story.named_days[started[5:]] = started
            # "a year earlier", "the 1988 period", "compared with Thursday's 5 p.m. quotes" look
            # back without moving the story's time ("It moved between 117.38 and 117.94 yen
            # during the day" is still the day of the report), and so does a day that names an
            # event ("the death toll from Saturday's bombing rose overnight")
            aside = timex is not None and bool(_ANCHORED.match(timex.value)) and (
                self.normalizer.is_comparison(ent.text)
                or self.normalizer.refers_to_period(ent.text)
                or _is_a_figures_past(ent)
                or ent.root.dep_ == "poss"
            )
            story.follow(ent, timex, aside)
        if story.clocks:
            self._date_by_the_day_after(time_ents)
            self._date_by_the_day_owning(time_ents)
        _date_by_the_year_after(time_ents, range_ends)
        self._date_the_counted_day(time_ents)
        self._date_the_event_day(time_ents)
        if anchor is not None:
            self._one_day_per_weekday(time_ents, story, anchor)
        self._share_weekly_part_of_day(time_ents)
        # With a publication date, a bare unit that still has no value ("the day belonged to
        # him", "his year in kindergarten", "day laborers") names no time of the story; "the
        # same period of" cut by NER from the "2005" after it is none either, and nor are
        # numbers no rule reads and no time word comes with (goal minutes "Drogba 38, 72",
        # "a bronze in 75. 59").
        dropped = [
            e for e in time_ents
            if (anchor is not None and self._is_unplaced_unit(e))
            or _is_cut_before_its_year(e)
            or (e._.timex_value is None and not self.normalizer.has_time_word(e.text, digits=False))
        ]
        if dropped:
            doc.ents = [e for e in doc.ents if e not in dropped]
        return doc

    def _one_day_per_weekday(self, times: list[Span], story: _Story, anchor: date) -> None:
        """'Iraq goes to the polls on Thursday' ... 'the coalition contesting Thursday's
        election': a story names one day by its weekday. An event named by its day, in a
        clause that tells nothing of its time (no tense, or the present), is on the coming day
        that a plan or schedule in the story names, when it names one."""
        published = anchor.isoformat()
        ahead: dict[str, set[str]] = {}
        for ent in times:
            value = ent._.timex_value
            if story.tenses.get(ent.start, "") in ("future", _PLANNED) and value and value > published:
                if ent.text.lower() in self.lexicon.weekdays and _DAY_ONLY.fullmatch(value):
                    ahead.setdefault(ent.text.lower(), set()).add(value)
        if not ahead:
            return
        for ent in times:
            days = ahead.get(ent.text.lower(), set())
            naming = ent.root.dep_ in ("poss", "compound")  # "Thursday's election", "the Thursday vote"
            untold = story.tenses.get(ent.start, "past") in (None, "present")
            if len(days) == 1 and naming and untold and (ent._.timex_value or "") < published:
                ent._.timex_value = next(iter(days))

    def _days_run_into_months(self, doc: Doc, shapes: np.ndarray) -> list[Span]:
        """'on Nov.13', 'from Nov.18 to 19': wire copy that drops the space after a month's
        abbreviation makes one word of month and day, which NER misses or takes for a place.
        Found by their shape (`shapes`, the doc's), as a pattern on the word would have to be a
        regular expression."""
        wanted = [doc.vocab.strings[shape] for shape in _MONTH_DAY_SHAPES]
        spans = []
        for i in np.flatnonzero(np.isin(shapes, wanted)).tolist():
            month, _, day = doc[i].lower_.partition(".")
            if month in self.lexicon.months and _DAY_NUMBER.fullmatch(day):
                spans.append(Span(doc, i, i + 1, label="DATE"))
        return spans

    def _names_a_month(self, ent: Span) -> bool:
        return any(t.lower_.rstrip(".") in self.lexicon.months for t in ent)

    def _recalled_day(self, ent: Span, timex: Timex | None, story: _Story) -> Timex | None:
        """'The massacre started on November 20' after 'November 20, 1991': a past day the
        story named with its year is the same day when named again without it. (A day still
        to come is the nearest: "stepping down on December 31" after a mandate "until
        December 31, 2007" in a 2006 paper.)"""
        if timex is None or not _DAY_ONLY.fullmatch(timex.value) or _YEAR.search(ent.text):
            return timex
        named = story.named_days.get(timex.value[5:])
        if named is None or story.published is None or not self._names_a_month(ent):
            return timex
        published = story.published.isoformat()
        return Timex(named, timex.type) if named < published and timex.value <= published else timex

    def _opens_range_to(self, first: Span, last: Span) -> bool:
        """Whether `first` is a month or day without a year that opens a range `last` closes
        with one: "from November 20 to November 21, 1991", "between June 3 and June 5, 1998",
        "held in August and December last year"."""
        if not _is_joined_by(first, last, _RANGE_JOINERS):
            return False
        value, closing = first._.timex_value, last._.timex_value
        return (
            value is not None
            and _MONTH_OR_DAY.fullmatch(value) is not None
            and _MONTH_OR_DAY.fullmatch(closing[:10]) is not None
            and (_YEAR.search(last.text) is not None or _YEAR_NAMED.search(last.text) is not None)
            and _YEAR.search(first.text) is None
            and self._names_a_month(first)
        )

    def _is_unplaced_unit(self, ent: Span) -> bool:
        """A time entity that is only a unit or part of day after a determiner, with no value."""
        if ent.label_ not in TIME_LABELS or ent._.timex_value is not None:
            return False
        words = ent.text.lower().split()
        while len(words) > 1 and words[0] in _DETERMINERS:
            words = words[1:]
        return len(words) == 1 and self._is_unit_word(words[0])

    def _is_unit_word(self, word: str) -> bool:
        """'day', 'year', 'night': a unit of time or a part of day, in lower case."""
        return word in self.lexicon.units or word in self.lexicon.parts_of_day

    def _value(self, ent: Span, story: _Story, range_ends: set[int], anchor: date | None) -> Timex | None:
        """The value of one time expression, read in the story told so far."""
        doc = ent.doc
        if _is_some_day(ent):
            return Timex("FUTURE_REF", "DATE")
        if (named := self._named_day(ent, anchor)) is not None:
            return named
        if self._is_told_by_its_clause(ent):
            return None
        if ent.text.islower() and self.normalizer.is_holiday(ent.text):
            return None  # "on the election day" of a Chechen poll is no U.S. Election Day
        timex = None
        if story.quarter is not None and self.normalizer.refers_to_period(ent.text):
            timex = self.normalizer.normalize_on_reference(ent.text, story.quarter)
        if story.quarter is not None and _THE_REPORTED_PERIOD.fullmatch(ent.text):
            # "the quarter", "the latest period": the quarter the story reports on, which it
            # may have named by its fiscal number ("in the fiscal first quarter")
            timex = Timex(story.quarter, "DATE")
        year_back = _A_YEAR_BACK.fullmatch(ent.text.lower()) is not None
        if timex is None and anchor is not None and year_back and _is_compared(ent):
            timex = self._year_before_the_figures(ent, anchor)
        offset = ent[-1].lower_ in STORY_OFFSETS
        compared = offset and _is_compared(ent)
        if timex is None and offset:
            # "Three days later" counts from a time named in this sentence or the one before;
            # a figure compared "from 193 million a day earlier", only from one in this.
            timex = self.normalizer.normalize_from_story(ent.text, _recent_time(ent, story, compared))
        if timex is None and ent.text.lower() == "overnight":
            # the night before the day told in this sentence or the one before, else before
            # publication (a day named paragraphs earlier is background)
            recent = _recent_time(ent, story, False) or (anchor.isoformat() if anchor else None)
            timex = self.normalizer.normalize_on_reference(ent.text, recent) if recent else None
        if timex is None and ent[-1].lower_ in ("earlier", "ago") and self.normalizer.is_comparison(ent.text):
            # "orders in February rose 9.9 percent from a year earlier": the same month of the
            # year before, as "a year ago" after a quarter is that quarter's
            # (a month named by its name: "reported last month that its profit slumped 44
            # percent from a year earlier" compares no months)
            month = _recent_time(ent, story, True)
            if month is not None and _MONTH.fullmatch(month):
                if ent.doc[story.token].lower_.rstrip(".") in self.lexicon.months:
                    timex = Timex(f"{int(month[:4]) - 1:04d}{month[4:]}", "DATE")
        if timex is None and compared:
            timex = self.normalizer.normalize_compared(ent.text, anchor)
        if ent.start in range_ends:
            timex = _last_day_of_range(ent.text, story.previous)
        if timex is None and story.previous and re.fullmatch(r"\d{3}", story.previous):
            if (decade := _SHORT_DECADE.fullmatch(ent.text)) is not None:
                timex = Timex(story.previous[:2] + decade["d"], "DATE")  # "the 1960s, 70s and 80s"
        if timex is None and story.time is not None and story.time != story.reference:
            # the story's last time is a week: "the prior week" after "last week"
            timex = self.normalizer.normalize_on_reference(ent.text, story.time)
        if timex is None:
            timex = self.normalizer.normalize_on_reference(ent.text, self._told_day(ent, story, anchor))
        if timex is None and ent.text.lower() == "a weekend" and ent[-1].dep_ in ("compound", "nmod", "amod"):
            # "a weekend attack", "ahead of a weekend election": the weekend of the event, not
            # a length of two days
            timex = self.normalizer.normalize("the weekend", anchor, tense=clause_tense(ent, self.tense_cues))
        if timex is None:
            tense = story.tenses[ent.start] = clause_tense(ent, self.tense_cues)
            timex = self.normalizer.normalize(ent.text, anchor, tense=tense)
            if tense == "past" and timex is not None and anchor is not None:
                timex = self._month_done(ent, timex, anchor)
        if timex is None:
            timex = self._day_of_the_subject(ent, story.days, anchor)
        if timex is not None and self._is_period_ended(ent):
            timex = Timex("P1Y", "DURATION")  # "the year ended Sept. 30"
        if timex is not None and anchor is not None and ent.start and doc[ent.start - 1].lower_ == "ended":
            timex = _ended_before(timex, anchor)
        if timex is not None and anchor is not None:
            timex = self._month_before_last(ent, timex, anchor)
        if timex is not None and timex.value.endswith("T00:00") and self._ends_its_day(ent):
            timex = Timex(timex.value[:-5] + "24:00", timex.type)
        return timex

    def _year_before_the_figures(self, ent: Span, anchor: date) -> Timex | None:
        """'its net profit slumped 44 percent from a year earlier to 3.06 billion Taiwan dollars
        in 1996', 'the fiscal 1998 budget, down from 42 percent a year earlier': figures compared
        with a year earlier are compared with the year before the one their sentence names
        (when it names one year, and not as another point of comparison: "compared with the
        previous year, ... a jump from 6 percent in 2003" in a report on 2004)."""
        years = set()
        for other in ent.sent.ents:
            if other.label_ not in TIME_LABELS or other.start == ent.start or _is_a_figures_past(other):
                continue
            if any(t.lower_ == "from" for t in ent.doc[max(other.start - _NEAR - 3, 0) : other.start]):
                continue  # "a jump from 6 percent in 2003"
            timex = self.normalizer.normalize(other.text, anchor)
            if timex is not None and _YEAR.fullmatch(timex.value):
                years.add(int(timex.value))
        return Timex(str(years.pop() - 1), "DATE") if len(years) == 1 else None

    def _month_before_last(self, ent: Span, timex: Timex, anchor: date) -> Timex:
        """'launched talks with Turkey last October' in a November paper: news calls the month
        just ended "last month", so "last October" then is the one a year before. (Not when it
        closes a period: "the 12 months to last March" in an April paper.)"""
        words = ent.text.lower().split()
        if len(words) != 2 or words[0] != "last" or words[1].rstrip(".") not in self.lexicon.months:
            return timex
        year, month = (anchor.year, anchor.month - 1) if anchor.month > 1 else (anchor.year - 1, 12)
        before = ent.doc[ent.start - 1].lower_ if ent.start else ""
        if timex.value != f"{year:04d}-{month:02d}" or before in _PERIOD_CLOSERS:
            return timex
        return Timex(f"{year - 1:04d}-{month:02d}", timex.type)

    def _ends_its_day(self, ent: Span) -> bool:
        """Whether `ent`, a midnight, is the one that ends its day (ISO 8601's 24:00), as
        "midnight Friday" is: "shortly before midnight", "had until midnight on Thursday",
        "released on Tuesday midnight" (not "shortly after midnight")."""
        if ent[-1].lower_ != "midnight" or ent.start == 0:
            return False
        before = ent.doc[ent.start - 1].lower_
        if before == "and":
            # "out of use between 9 pm and midnight": the end of a stretch that starts that day
            return any(t.lower_ == "between" for t in ent.doc[max(0, ent.start - 6) : ent.start - 1])
        return before in _MIDNIGHT_ENDERS or before in self.lexicon.weekdays

    def _told_day(self, ent: Span, story: _Story, anchor: date | None) -> str | None:
        """The time the story is telling, for `ent` to count from. "Earlier in the day" in a
        past-tense clause ("made the statements earlier in the day") is no earlier part of a
        day still to come that the story named before (a scheduled election), nor of a day
        weeks before publication: it is the day of publication."""
        reference = story.reference
        if anchor is None or reference is None or not _DAY.match(reference):
            return reference
        if reference[:10] > anchor.isoformat() and _LOOKING_BACK.search(ent.text):
            if clause_tense(ent, self.tense_cues) == "past":
                return anchor.isoformat()
        if reference[:10] < anchor.isoformat() and self.normalizer.has_clock(ent.text):
            if clause_tense(ent, self.tense_cues) == "future":
                # "was arrested on Thursday evening ... The polls will be closed at 1500 GMT" in
                # a Saturday paper: an hour still to come is on no day gone by
                return anchor.isoformat()
        if _IN_THE_DAY.fullmatch(ent.text) and (anchor - date.fromisoformat(reference[:10])).days > 7:
            # "which crashed through its gates on April 30, 1975 ... Earlier in the day Rubin
            # visited a school": news tells the hours of the days of its week, and a day long
            # before is background
            return anchor.isoformat()
        return reference

    def _month_done(self, ent: Span, timex: Timex, anchor: date) -> Timex:
        """A month not begun by publication is last year's when a simple past tells what
        happened in it: "Sunni Arabs who had snubbed an election in January", "attacks that
        killed 40 people during January's election" in a December paper, and so is what a
        time is counted from ("up 8 percent since January", "since its win in the January
        polls"). (The tense of a participle or passive is too often a parse slip for a plan:
        "a summit set for Washington in April", "was planned for early March".)"""
        if not _MONTH.fullmatch(timex.value) or timex.value <= anchor.isoformat()[:7]:
            return timex
        traded = _is_contract_month(ent.root, self.tense_cues) or ent.root.head.lower_ == "contract"
        if not _BARE_MONTH.fullmatch(ent.text) or traded:
            return timex  # "September 1998", "next February", "the January contract"
        before = ent.doc[ent.start - 1].lower_ if ent.start else ""
        since = before in _PAST_PREPOSITIONS or _is_counted_since(ent.root)
        done = since or _is_told_as_done(ent, self.tense_cues)
        if before in _DEADLINE_PREPOSITIONS or not done:
            return timex  # "had extended the cull until December"
        return Timex(f"{int(timex.value[:4]) - 1}{timex.value[4:]}", timex.type)

    def _is_told_by_its_clause(self, ent: Span) -> bool:
        """'the night TWA Flight 800 went down', 'the day the war began': a day or night that a
        relative clause names is the day of that event, not of publication."""
        words = ent.text.lower().split()
        if len(words) != 2 or words[0] not in ("the", "that"):
            return False
        if not self._is_unit_word(words[1]):
            return False
        clauses = [c for c in ent.root.children if c.dep_ == "relcl" and c.i >= ent.end]
        return any(not _bounds_its_period(clause) for clause in clauses)

    def _named_day(self, ent: Span, anchor: date | None) -> Timex | None:
        """'the Sept. 11 attacks', '9/11': a day that names an attack keeps naming it in the
        years after; the nearest September 11 would be the wrong year."""
        text = ent.text.lower().removeprefix("the ")
        day = self.lexicon.named_days.get(text)
        if day is None or anchor is None or anchor.isoformat() < day:
            return None
        if "/" in text or _word_after(ent) in self.lexicon.named_day_nouns:
            return Timex(day, "DATE")
        return None

    def _date_by_the_day_after(self, times: list[Span]) -> None:
        """'was killed at 11:30 p.m. (0830 GMT) on Tuesday', 'open from 10 a.m. to 2 p.m. for
        November 27': clock times take the day named right after them, not the story's day
        before."""
        waiting: list[Span] = []
        end = -1
        for ent in times:
            doc, value = ent.doc, ent._.timex_value
            gap = _outside_brackets(doc[end : ent.start]) if waiting else []
            if waiting and (len(gap) > 3 or any(not (t.is_punct or t.lower_ in _CLOCK_TO_DAY) for t in gap)):
                waiting = []
            if value and _DAY_OR_ITS_PART.fullmatch(value) and waiting:
                # "at 7:30 p.m. on Thursday night": the day, whose part the clock says more finely
                value = value[:10]
                for clock in waiting:
                    clock._.timex_value = value + clock._.timex_value[10:]
                waiting = []
            elif waiting and value and _DAY.match(value) and doc[ent.start - 1].text == "(" and not (
                self.normalizer.names_no_day(ent.text)
            ):
                # "at 4 in the morning (4 a.m. EDT Thursday)": the same hour told again with
                # its day (another zone's hour may fall on another day: "(0430 GMT Wednesday)")
                for clock in waiting:
                    if clock._.timex_value[10:] == value[10:]:
                        clock._.timex_value = value
                waiting = []
            elif value and _DAY.match(value) and "T" in value and self.normalizer.names_no_day(ent.text):
                waiting.append(ent)
            else:
                waiting = []
            end = ent.end

    def _date_by_the_day_owning(self, times: list[Span]) -> None:
        """"compared with Tuesday's 5 p.m. quotes", "up from Thursday's quotes of 118.75 yen at
        4 p.m. in London and 118.76 yen at 5 p.m. in Tokyo": clock times in the phrase a day's
        possessive opens (up to the next verb) are that day's."""
        owner: Span | None = None
        for ent in times:
            value = ent._.timex_value
            if owner is not None and value and _DAY.match(value) and "T" in value:
                between = ent.doc[owner.end : ent.start]
                in_phrase = ent.sent == owner.sent and not any(t.pos_ in ("VERB", "AUX") for t in between)
                if in_phrase and self.normalizer.names_no_day(ent.text):
                    ent._.timex_value = owner._.timex_value + value[10:]
                    continue
            possessive = ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("'s", "'")
            owner = ent if value and _DAY_ONLY.fullmatch(value) and possessive else None

    def _share_weekly_part_of_day(self, times: list[Span]) -> None:
        """'Monday and Tuesday nights': a weekday joined to a weekly part of day is one too."""
        for ent, following in reversed(list(itertools.pairwise(times))):  # back along a list
            day = self.lexicon.weekdays.get(ent.text.lower())
            if day is None or not 0 < following.start - ent.end <= 2:
                continue
            weekly = _WEEKLY_PART_OF_DAY.fullmatch(following._.timex_value or "")
            gap = ent.doc[ent.end : following.start]
            if weekly and all(t.lower_ in ("and", "or", ",") for t in gap):
                ent._.timex_value = f"XXXX-WXX-{day}{weekly['pod']}"
                ent._.timex_type = "SET"

    def _day_of_the_subject(self, ent: Span, days: dict[int, str], anchor: date | None) -> Timex | None:
        """'Today is the eighth day of Desert Shield', 'Tuesday was the third day of protests',
        "It's the second day of the offensive", '"This is a big day for us," he said': a day
        counted or told of in a story is the day the subject of its "be" names (publication
        for "it", "this" and "today" in the present)."""
        words = ent.text.lower().split()
        if len(words) < 2 or words[-1] != "day":
            return None
        if words[-2] not in self.lexicon.ordinals and words[0] not in ("a", "an"):
            return None
        root = ent.root
        if root.dep_ != "attr" or root.head.lemma_ != "be":
            return None
        # the parser often takes a weekday subject for an adverb ("Tuesday was ...")
        subject = next(
            (c for c in root.head.children if c.dep_ in ("nsubj", "npadvmod") and c.i < root.head.i), None
        )
        if subject is None:
            return None
        if subject.i in days:
            return Timex(days[subject.i], "DATE")
        present = "Pres" in root.head.morph.get("Tense")
        if subject.lower_ in ("it", "this") and present and anchor is not None:
            return Timex(anchor.isoformat(), "DATE")
        return None

    def _date_the_counted_day(self, times: list[Span]) -> None:
        """'Australia were 96-1 at lunch on the first day of the first Test ... Friday',
        'Indonesia on Monday entered the second day of its campaign': a day counted within an
        event is the one day its clause dates (not a day in a clause of its own: "on the final
        day of the summit, which kicked off on Wednesday")."""
        for ent in times:
            if ent._.timex_value is not None or not self._counts_a_day(ent):
                continue
            clause = _clause_of(ent.root)
            days = {
                other._.timex_value[:10]
                for other in times
                if other.sent == ent.sent
                and other._.timex_value
                and _DAY.match(other._.timex_value)
                and _clause_of(other.root) == clause
            }
            if len(days) == 1:
                ent._.timex_value, ent._.timex_type = days.pop(), "DATE"

    def _date_the_event_day(self, times: list[Span]) -> None:
        """'the poll gap will narrow as election day approaches' after 'the British general
        election on May 1', 'election day was calm' after 'Tuesday's runoff': the day of a
        planned event, named in lower case (no U.S. Election Day), is the one day the story
        dates such an event on."""
        events = self.tense_cues.scheduled_events
        named = [
            ent for ent in times
            if ent._.timex_value is None and 2 <= len(ent) <= 3 and ent[-1].lower_ == "day"
            and ent[-2].lemma_.lower() in events
        ]
        if not named:
            return
        days = set()
        for ent in times:
            value, token = ent._.timex_value, ent.root
            if not (value and _DAY.match(value)):
                continue
            naming = token.dep_ in ("poss", "compound", "nmod") and token.head.lemma_.lower() in events
            if naming or _dates_a_planned_event(token, self.tense_cues):
                days.add(value[:10])  # "Tuesday's runoff", "the election on May 1"
        if len(days) == 1:
            day = days.pop()
            for ent in named:
                ent._.timex_value, ent._.timex_type = day, "DATE"

    def _counts_a_day(self, ent: Span) -> bool:
        """'the second day', 'a first day', 'the opening day', 'day one'."""
        words = ent.text.lower().split()
        if len(words) < 2:
            return False
        if words[0] == "day":
            return len(words) == 2 and self.lexicon.numbers.get(words[1]) is not None
        return words[-1] == "day" and (words[-2] in self.lexicon.ordinals or words[-2] == "opening")

    def _is_period_ended(self, ent: Span) -> bool:
        """'the (fiscal) year ended Sept. 30', 'the year to March 1997', 'the year up to
        February': a year-long period closing on that day or with that month."""
        after = _word_after(ent)
        closing = after in ("ended", "ending", "ends", "through")
        month = ent.end + 1
        if after == "up" and month < len(ent.doc) and ent.doc[month].lower_ == "to":
            after, month = "to", month + 1
        if after == "to" and month < len(ent.doc):
            closing = ent.doc[month].lower_.rstrip(".") in self.lexicon.months
        return closing and self.normalizer.is_year_under_report(ent.text)

    def _match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's matches. Each pattern runs only where a match of it could be: within
        its longest match of one of its trigger words, in the sentence holding that word."""
        if len(doc) == 0:
            return []
        columns = doc.to_array([LOWER, LIKE_NUM])
        hit = np.isin(columns[:, 0], self._trigger_ids)
        numbers = columns[:, 1].astype(bool) if self._number_patterns else np.zeros(len(doc), dtype=bool)
        positions = np.flatnonzero(hit | numbers)
        if positions.size == 0:
            return []
        words, is_number = columns[positions, 0].tolist(), numbers[positions].tolist()
        spots = positions.tolist()
        sentences = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        matches: list[tuple[int, int, int]] = []
        first = 0
        for sent in sentences:
            while first < len(spots) and spots[first] < sent.start:
                first += 1
            triggered: dict[int, list[int]] = {}  # matcher -> its trigger words' positions
            last = first
            while last < len(spots) and spots[last] < sent.end:
                for index in self._patterns_by_word.get(words[last], ()):
                    triggered.setdefault(index, []).append(spots[last])
                if is_number[last]:
                    for index in self._number_patterns:
                        triggered.setdefault(index, []).append(spots[last])
                last += 1
            first = last
            for group, group_spots in triggered.items():
                matcher, reach = self._pattern_matchers[group]
                for start, end in _windows(group_spots, reach, sent.start, sent.end):
                    matches.extend((key, start + s, start + e) for key, s, e in matcher(doc[start:end]))
        order = self._pattern_order
        return sorted(matches, key=lambda m: (m[1], m[2], order[m[0]]))

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    # -- extents --------------------------------------------------------------------------------

    def _fix_extent(self, ent: Span, anchor: date | None) -> list[Span]:
        """Trim edge words and split coordinated expressions ('7:46 p.m. and 7:50 p.m.')."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and doc[start].lower_ in _EDGE_WORDS:
            start += 1
        while end > start and (
            doc[end - 1].lower_ in _EDGE_WORDS or doc[end - 1].lower_ == "'s" or doc[end - 1].is_punct
        ):
            end -= 1
        if end - start > 2 and doc[start].like_num and doc[start + 1].lower_ in ("a", "an"):
            start += 1  # "up from seven a year ago": the count is what is compared
        if start >= end:
            return []
        span = Span(doc, start, end, label=ent.label_)
        if not self.split_coordinations:
            return [span]
        for i in range(start + 1, end - 1):
            # "Dec. 11-13, 2007": one month and year for both days (`_split_range` splits it)
            if doc[i].lower_ in _SPLITTERS and not self._is_range_of_days(doc, i):
                left, right = Span(doc, start, i, label=ent.label_), Span(doc, i + 1, end, label=ent.label_)
                left_value = self.normalizer.normalize(left.text, anchor)
                right_value = self.normalizer.normalize(right.text, anchor)
                # Split only when both halves stand alone as time expressions, and not one
                # length in two units ("one hour and 48 minutes").
                if left_value is None or right_value is None:
                    continue
                lengths = left_value.type == right_value.type == "DURATION"
                if not (lengths and self._is_one_length(span, anchor)):
                    return [*self._fix_extent(left, anchor), *self._fix_extent(right, anchor)]
        if (parts := self._length_and_period(span, anchor)) is not None:
            return parts
        if not self._understood(span.text, anchor):
            return self._time_inside(span, anchor)
        return [span]

    def _length_and_period(self, span: Span, anchor: date | None) -> list[Span] | None:
        """'the first nine months of 1997', 'the first three weeks of January': TimeML marks the
        length and the period it is part of as two expressions; read as one, the year is lost."""
        doc = span.doc
        cut = next((t.i for t in span[1:-1] if t.lower_ in ("of", "in")), None)
        if cut is None:
            return None
        length = self.normalizer.normalize(doc[span.start : cut].text, anchor)
        period = self.normalizer.normalize(doc[cut + 1 : span.end].text, anchor)
        if length is None or period is None or length.type != "DURATION" or period.type != "DATE":
            return None
        if not _ANCHORED.match(period.value):
            return None
        if doc[cut + 1].lower_ == "the" and doc[span.start].lower_ != "the":
            return None  # "100 days of the year", "certain days of the week": any year or week
        whole = self.normalizer.normalize(span.text, anchor)
        if whole is not None and whole.type != "DURATION":
            return None  # "the first two quarters of 1990" is its first half
        return [Span(doc, span.start, cut, label=span.label_), Span(doc, cut + 1, span.end, label="DATE")]

    def _swallows(self, span: Span, times: list[Span], anchor: date | None) -> bool:
        """Whether a rule's match no rule can read would replace several of NER's times ("the
        January-September period" is no quarter or half: its two months stay). A comparison
        reads on the story's time, which is not known yet ("the same period of 2005")."""
        inside = sum(1 for t in times if span.start <= t.start and t.end <= span.end)
        readable = self._understood(span.text, anchor) or self.normalizer.is_comparison(span.text)
        return inside > 1 and not readable

    def _is_one_length(self, span: Span, anchor: date | None) -> bool:
        whole = self.normalizer.normalize(span.text, anchor)
        return whole is not None and whole.type == "DURATION" and not whole.value.startswith("PX")

    def _is_range_of_days(self, doc: Doc, i: int) -> bool:
        """Whether doc[i] joins two days of a month: the "-" of "Dec. 11-13", "and" of "Aug. 6 and 9"."""
        return i >= 2 and _joins_two_days(doc, i) and doc[i - 2].lower_.rstrip(".") in self.lexicon.months

    def _understood(self, text: str, anchor: date | None) -> bool:
        """Whether a rule reads `text`, on publication or on a story's reference day."""
        reference = (anchor or SOME_DAY).isoformat()
        return (
            self.normalizer.normalize(text, anchor) is not None
            or self.normalizer.normalize_on_reference(text, reference) is not None
        )

    def _split_range(self, span: Span, anchor: date | None, range_ends: set[int]) -> list[Span]:
        """'Nov. 17 to 19', 'Nov. 15-16', 'Dec. 11-13, 2007': TimeML marks the first day and the
        last as two expressions; the last (its start noted in `range_ends`) is a day of the
        first's month, and a year after it is the whole range's."""
        end = span.end
        doc = span.doc
        if (second := self._second_day_after(span)) is not None:
            range_ends.add(second.start)  # "open on January 1 and 2", NER's "January 1" alone
            return [span, second]
        if len(span) >= 6 and _YEAR.fullmatch(span[-1].text) and span[-2].lower_ in (",", "of"):
            end -= 2  # "Dec. 11-13, 2007", "Dec. 11-13 of 2007"
        if end - span.start < 4:
            return [span]
        if not _joins_two_days(doc, end - 2) or int(doc[end - 1].text) <= int(doc[end - 3].text):
            return [span]
        start = Span(doc, span.start, end - 2, label=span.label_)
        value = self.normalizer.normalize(start.text, anchor)
        if value is None or not (_DAY.match(value.value) or value.value.startswith("XXXX-")):
            return [span]
        range_ends.add(end - 1)
        return [start, Span(doc, end - 1, span.end, label="DATE")]

    def _second_day_after(self, span: Span) -> Span | None:
        """The later day number after a month and day, which NER leaves out: the "2" of "will
        open on January 1 and 2", the "9" of "April 7 and 9" (not "on March 3 and 4 people")."""
        doc, end = span.doc, span.end
        if len(span) not in (2, 3) or end + 1 >= len(doc) or not _joins_two_days(doc, end):
            return None
        month = span[-2].lower_.rstrip(".")
        if month not in self.lexicon.months or int(doc[end + 1].text) <= int(span[-1].text):
            return None
        after = doc[end + 2] if end + 2 < len(doc) else None
        if doc[end + 1].ent_type_ not in ("", "CARDINAL"):
            return None
        if after is not None and (after.like_num or after.pos_ in ("NOUN", "PROPN")):
            return None
        return Span(doc, end + 1, end + 2, label="DATE")

    def _time_inside(self, span: Span, anchor: date | None, *, rest: bool = False) -> list[Span]:
        """What to keep of a span no rule can read: the longest part that is a time expression
        ("last year" of "coup d'etat last year", "several months" of "an interview several
        months") and the time expressions in what is left ("three years", "1997" and "2000" of
        "three years from 1997 to 2000"); the span itself if it holds a time word and none of
        its parts reads; nothing if it holds none ("Stauber", "Olympic": NER's guesses)."""
        doc = span.doc
        if span.end - span.start <= _LONGEST_TIME:
            for size in range(span.end - span.start - 1, 0, -1):
                for start in range(span.end - size, span.start - 1, -1):  # later parts first
                    part = Span(doc, start, start + size, label=span.label_)
                    if part[0].lower_ in _EDGE_WORDS or part[-1].lower_ in _EDGE_WORDS:
                        continue
                    if part[0].pos_ in ("ADP", "CCONJ") or part[-1].pos_ in ("ADP", "CCONJ", "DET"):
                        continue  # "of years" out of "hundreds of years"
                    if self._understood(part.text, anchor):
                        # What is left holds more expressions only past a word that joins
                        # them ("from 1997 to 2000"); "the last half of" qualifies the part.
                        before = Span(doc, span.start, part.start, label=span.label_)
                        after = Span(doc, part.end, span.end, label=span.label_)
                        found = [part]
                        if len(before) and before[-1].lower_ in _JOINERS:
                            found[:0] = self._time_inside(before, anchor, rest=True)
                        if len(after) and after[0].lower_ in _JOINERS:
                            found += self._time_inside(after, anchor, rest=True)
                        return found
        if rest and len(span) == 1 and span[0].like_num and self._understood(span.text, anchor):
            return [span]  # "2000" of "to 2000"
        # a number below 1000 is no time word: "between 35 and 40" (ages), "99 cents"
        words = _SMALL_NUMBER.sub(" ", span.text)
        return [span] if not rest and self.normalizer.has_time_word(words) else []

    def _join_time_and_date(self, spans: list[Span], anchor: date | None) -> list[Span]:
        """'5 p.m. EST' + 'Nov. 9' -> '5 p.m. EST Nov. 9', 'Friday' + 'Oct. 23' -> 'Friday, Oct.
        23': TimeML marks a clock time or weekday and the date right after it as one
        expression, and the date is what dates it (not the weekday counted from publication).
        An unreadable piece joins the expression right after it when together they read."""
        spans = sorted(spans, key=lambda s: s.start)
        joined: list[Span] = []
        for span in spans:
            if joined:
                last = joined[-1]
                between = span.doc[last.end : span.start]
                if all(t.text == "," for t in between) and len(between) <= 1 and self._dated_by(last, span):
                    merged = Span(span.doc, last.start, span.end, label=last.label_)
                    value = self.normalizer.normalize(merged.text, anchor)
                    if value is not None and value.type in ("DATE", "TIME") and value.value[:1].isdigit():
                        joined[-1] = Span(span.doc, last.start, span.end, label=value.type)
                        continue
                if not between and not self._understood(last.text, anchor):
                    # NER cut one expression in two: "the comparable" + "year-ago quarter"
                    merged = Span(span.doc, last.start, span.end, label=span.label_)
                    if self._understood(merged.text, anchor):
                        joined[-1] = merged
                        continue
            if (counted := self._day_beside(span, anchor)) is not None:
                while joined and joined[-1].end > counted.start:
                    joined.pop()  # "the day after" NER took alone
                span = counted
            joined.append(span)
        return joined

    def _day_beside(self, span: Span, anchor: date | None) -> Span | None:
        """'the day before' + 'last Tuesday': TimeML marks a day counted from a named day as
        one expression, whose value is that day's neighbour (not publication's)."""
        doc = span.doc
        if span.start < 3 or [t.lower_ for t in doc[span.start - 3 : span.start - 1]] != ["the", "day"]:
            return None
        if doc[span.start - 1].lower_ not in ("before", "after"):
            return None
        counted = Span(doc, span.start - 3, span.end, label="DATE")
        value = self.normalizer.normalize(counted.text, anchor)
        return counted if value is not None and _DAY_ONLY.fullmatch(value.value) else None

    def _dated_by(self, first: Span, second: Span) -> bool:
        """Whether `second` is the date of `first`: a clock time or weekday, then a day."""
        if self.normalizer.has_clock(first.text) or self.normalizer.is_part_of_day(first.text):
            # "5 p.m. EST" + "Nov. 9", "mid-afternoon" + "yesterday"
            later = second.text
            return not self.normalizer.has_clock(later) and not self.normalizer.is_part_of_day(later)
        weekday, month = first[-1].lower_.rstrip("."), second[0].lower_.rstrip(".")
        return weekday in self.lexicon.weekdays and month in self.lexicon.months

    def _with_modifier(self, span: Span, anchor: date | None) -> Span:
        """The word beside it that belongs to the expression: 'last' of 'last Thanksgiving', 'the'
        of 'the near term' (rules start at the adjective so the Matcher skips every 'the'), the
        adverb of 'was buried the day after'."""
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.tag_ == "RB" and after.lower_ in ("before", "after"):
            # "was buried the day after", "the year before": counted from the story's time
            wider = Span(span.doc, span.start, span.end + 1, label=span.label_)
            if self.normalizer.normalize_on_reference(wider.text, SOME_DAY.isoformat()) is not None:
                span = wider
        if span.start == 0:
            return span
        before = span.doc[span.start - 1].lower_
        if before in ("last", "next", "this") and self.normalizer.is_holiday(span.text):
            return Span(span.doc, span.start - 1, span.end, label=span.label_)
        if before == "on" and span.start >= 2 and span.doc[span.start - 2].lower_ in self.lexicon.day_edges:
            # "early on Monday", "late on Friday": the edge of that day
            wider = Span(span.doc, span.start - 2, span.end, label=span.label_)
            if self.normalizer.normalize(wider.text, anchor) is not None:
                return wider
        if before in ("the", "a") and span[0].lower_ in _DETERMINED_STARTS:
            wider = Span(span.doc, span.start - 1, span.end, label=span.label_)
            if self.normalizer.normalize(wider.text, anchor) == self.normalizer.normalize(span.text, anchor):
                return wider
        return span

    def _is_part_of_game(self, span: Span) -> bool:
        """'the only goal six minutes into the second half', 'scored ... with 3:57 left in the
        fourth quarter': a half, quarter or period of a match, which sports news tells with its
        goals, plays and scores, is no part of the year."""
        if _GAME_PART.search(span.text) is None:
            return False
        sentence = span.sent
        played = any(t.lower_ in self.lexicon.game_words for t in sentence)
        return played or _SCORE.search(sentence.text) is not None

    def _is_no_time(self, span: Span) -> bool:
        """NER's DATE that is an age, count, score or common word, not a time."""
        return self._is_count(span) or self._is_common_word(span)

    def _is_count(self, span: Span) -> bool:
        """An age, count or score tagged DATE: '65', '3-1', '1,200', 'his mid-50s', '2:00.11'."""
        if _RACE_TIME.fullmatch(span.text):
            return True
        if _NOT_A_YEAR.match(span.text):
            spanned = _SPANNED_YEAR.fullmatch(span.text)
            return spanned is None or int(spanned["next"]) != (int(spanned["y"]) + 1) % 100
        numbers = [t for t in span if t.lower_ not in ("and", "or", "to")]
        if len(numbers) < len(span) and all(_NOT_A_YEAR.match(t.text) for t in numbers):
            return True  # "14,518.75 and 14,671": index levels
        # "in their 30s", "his mid-50s": a decade of someone's life, not of the calendar
        first = span.doc[span.start - 1] if span.start > 0 else None
        if span[0].tag_ == "PRP$":
            first, span = span[0], span[1:]
        return first is not None and first.tag_ == "PRP$" and bool(_DECADE_OF_LIFE.fullmatch(span.text))

    def _is_common_word(self, span: Span) -> bool:
        """A month name written in lower case is the word, not the month: 'a protest march'."""
        return len(span) == 1 and span.text.islower() and span.text in self.lexicon.months

    def _choose(self, times: list[Span], added: list[Span], anchor: date | None) -> list[Span]:
        """NER's time entities plus rule matches; of overlapping ones, the longest wins, or
        both as one when they cross and a rule reads the whole ("the night of Friday" and
        "Friday, Oct. 23" are "the night of Friday, Oct. 23"; two rules' "one day" and "day
        ago" are "one day ago")."""
        unions = []
        for i, rule_span in enumerate(added):
            for other in [*times, *added[i + 1 :]]:
                start, end = min(rule_span.start, other.start), max(rule_span.end, other.end)
                crossing = rule_span.start < other.end and other.start < rule_span.end
                either = ((rule_span.start, rule_span.end), (other.start, other.end))
                if crossing and (start, end) not in either:
                    union = Span(rule_span.doc, start, end, label=rule_span.label_)
                    if self._understood(union.text, anchor):
                        unions.append(union)
        return filter_spans([*unions, *times, *added])

    # -- serialization --------------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the rule data into the component's folder, so the saved pipeline is complete."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "lexicon.json").write_text(
            json.dumps({"lexicon": self.lexicon.to_dict()}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        with (folder / "patterns.jsonl").open("w", encoding="utf-8") as out:
            for row in self.patterns:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> TimeTagger:
        folder = Path(path)
        lexicon = TimeLexicon.from_dict(read_rules("lexicon.json", "lexicon", directory=folder))
        with (folder / "patterns.jsonl").open(encoding="utf-8") as lines:
            patterns = _validated_patterns([json.loads(line) for line in lines if line.strip()])
        self._set_rules(lexicon, patterns)
        return self


# NER often runs an amount into the date after it: "$10 million a year ago" as one MONEY.
_SHRINKABLE = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})


def _release_time_suffixes(others: list[Span], times: list[Span]) -> list[Span]:
    """Cut a trailing time expression off an amount entity; the amount itself stays."""
    result = []
    for ent in others:
        if ent.label_ in _SHRINKABLE:
            for span in times:
                if ent.start < span.start < ent.end and span.end >= ent.end:
                    ent = Span(ent.doc, ent.start, span.start, label=ent.label_)
                    break
        result.append(ent)
    return result


def _is_part_of_time(ent: Span, times: list[Span]) -> bool:
    """A bare number NER tagged inside a time expression (the "two" of "two days"), or a time
    zone it took for an organization (the "GMT" of "1340 GMT")."""
    is_zone = ent.end - ent.start == 1 and ent.label_ == "ORG" and ent.text.isupper() and len(ent.text) <= 4
    return (ent.label_ in ("CARDINAL", "ORDINAL") or is_zone) and any(
        t.start <= ent.start and ent.end <= t.end and t.end - t.start > ent.end - ent.start for t in times
    )


def _outside_brackets(span: Span) -> list[Token]:
    """The words of `span` outside a short bracketed aside: the "(3:05 GMT)" of "9:05 a.m.
    (3:05 GMT) Tuesday" stands between a clock time and its day."""
    words, depth, inside = [], 0, 0
    for t in span:
        if t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]") and depth:
            depth -= 1
        elif depth:
            inside += 1
        else:
            words.append(t)
    return list(span) if depth or inside > 4 else words


def _is_only_time(ent: Span, times: list[Span]) -> bool:
    """An entity that is a time expression and its determiner: "the Aug. 7" that NER took for
    an event in "the Aug. 7 embassy bombings", "several quarters", "9/11" or "8:20pm" it took
    for a number (but "a quarter" of "a quarter of a million" is one)."""
    for t in times:
        if t.start < ent.end and ent.start < t.end:
            clock = any(_ONE_WORD_CLOCK.fullmatch(w.lower_) for w in t)
            if ent.label_ in _SHRINKABLE and t[-1].tag_ != "NNS" and "/" not in t.text and not clock:
                return False
            outside = [w for w in ent if not t.start <= w.i < t.end]
            return all(w.pos_ == "DET" or w.is_punct for w in outside)
    return False


def _date_by_the_year_after(times: list[Span], range_ends: set[int]) -> None:
    """'first met in December in 1999': a month or day named without a year takes the year
    named right after it, not the one nearest publication; so does the first day of a range
    ending in a year ("Dec. 11" of "Dec. 11-13, 2007")."""
    for ent, following in itertools.pairwise(times):
        value, year = ent._.timex_value, following._.timex_value
        gap = ent.doc[ent.end : following.start]
        if following.start in range_ends and value and year and _DAY_ONLY.fullmatch(value):
            if _YEAR.search(following.text) and not _YEAR.search(ent.text):
                ent._.timex_value = year[:4] + value[4:]
            continue
        if not value or not year or not _YEAR.fullmatch(year) or not _MONTH_OR_DAY.fullmatch(value):
            continue
        if len(gap) <= 2 and all(t.lower_ in ("in", "of", ",") for t in gap) and not _YEAR.search(ent.text):
            ent._.timex_value = year + value[4:]


def _years_of_ranges(doc: Doc, shapes: np.ndarray) -> list[Span]:
    """Ranges of years, which NER often leaves out or cuts, as TimeML marks them: the first
    year and the last, each a DATE ("the period 2006-2008", "from 2010 to 2008", "(1879-1968)").
    Found by the shape of their years, as the Matcher keyed on every year would cost more.
    Wire copy that breaks the hyphen ("the 2007- 2011 period") leaves it on the first year.
    `shapes` are the doc's word shapes."""
    year, broken = doc.vocab.strings["dddd"], doc.vocab.strings["dddd-"]
    spans = []
    for i in np.flatnonzero((shapes == year) | (shapes == broken)).tolist():
        if shapes[i] == year and i + 2 < len(doc) and doc[i + 1].lower_ in _YEAR_RANGE_JOINERS:
            last = i + 2
        elif shapes[i] == broken and doc[i].whitespace_:
            last = i + 1
        else:
            continue
        if last < len(doc) and shapes[last] == year and _RANGE_YEAR.fullmatch(doc[i].text[:4]):
            if _RANGE_YEAR.fullmatch(doc[last].text):
                spans += [Span(doc, i, i + 1, label="DATE"), Span(doc, last, last + 1, label="DATE")]
    return spans


def _years_across(doc: Doc, shapes: np.ndarray) -> list[Span]:
    """A season or fiscal year named by the two years it spans, which NER often takes for a
    number: "the program for 2006/2007 farming season", "the 2003/04 budget". Found by their
    shape (`shapes`, the doc's); "2010/2020" is no such year."""
    wanted = [doc.vocab.strings[shape] for shape in ("dddd/dddd", "dddd/dd")]
    spans = []
    for i in np.flatnonzero(np.isin(shapes, wanted)).tolist():
        first, last = doc[i].text.split("/")
        if _RANGE_YEAR.fullmatch(first) and int(last) == (int(first) + 1) % 10 ** len(last):
            spans.append(Span(doc, i, i + 1, label="DATE"))
    return spans


def _clock_times(doc: Doc, shapes: np.ndarray) -> list[Span]:
    """Clock times that NER leaves out. On the 24-hour clock, after a word that places them:
    "At 15:40 (1340 GMT), the rand was bid at ...", "occurred at about 13:00 local time".
    Found by their shape (`shapes`, the doc's): two digits for the hour, as the 24-hour clock
    writes it ("at about 3:30" may be the afternoon's); "1:23:51" and "15:00.27" are race
    times, "2:1" a score, and none of them has this shape. And written in one word with its
    "am" or "pm" ("at around 11.30pm last night", "7:46pm"), which says it is a clock."""
    spans = []
    for i in np.flatnonzero(shapes == doc.vocab.strings["dd:dd"]).tolist():
        hour, minute = doc[i].text.split(":")
        if i and doc[i - 1].lower_ in _BEFORE_CLOCK and int(hour) <= 23 and int(minute) <= 59:
            spans.append(Span(doc, i, i + 1, label="TIME"))
    one_word = [doc.vocab.strings[shape] for shape in _ONE_WORD_CLOCK_SHAPES]
    for i in np.flatnonzero(np.isin(shapes, one_word)).tolist():
        if _ONE_WORD_CLOCK.fullmatch(doc[i].lower_):
            spans.append(Span(doc, i, i + 1, label="TIME"))
    return spans


def _apposed_time(ent: Span, previous: Span | None) -> Timex | None:
    """A year, month or day set after a comma beside the time before it names that time:
    "after 2012, the last year covered by the Kyoto rules", "on Nov. 1, the All Saints' Day",
    "on Tuesday, the first day of the talks" (the parser seldom marks the apposition)."""
    if previous is None or ent.start - previous.end != 1 or ent.doc[previous.end].text != ",":
        return None
    if ent[0].lower_ != "the":
        return None
    value = previous._.timex_value
    size = _APPOSED_UNITS.get(ent.root.lower_)
    if value is None or size is None or not _ANCHORED.match(value) or len(value) < size or "-W" in value:
        return None
    return Timex(value[:size], "DATE")


def _is_before_christ(ent: Span) -> bool:
    """Whether "B.C." (or "BC", "BCE") follows the expression: "governed Egypt from 1354 to 1345
    B.C.", "the 5th century BC"."""
    following = ent.doc[ent.end].text.upper().replace(".", "") if ent.end < len(ent.doc) else ""
    return following in _BEFORE_CHRIST


def _is_cut_before_its_year(ent: Span) -> bool:
    """A valueless time entity ending in "of" right before another time: "the same period of"
    with NER's "2005" after it."""
    if ent.label_ not in TIME_LABELS or ent._.timex_value is not None or ent[-1].lower_ != "of":
        return False
    return ent.end < len(ent.doc) and ent.doc[ent.end].ent_type_ in TIME_LABELS


def _clause_of(token: Token) -> Token:
    """The verb heading the clause `token` is in (the root, or a clause put under another)."""
    while token.dep_ not in _CLAUSE_LINKS and token.head is not token:
        token = token.head
    return token


def _is_joined_by(first: Span, last: Span, words: Iterable[str]) -> bool:
    """Whether one of `words` alone stands between `first` and `last`."""
    return last.start - first.end == 1 and first.doc[first.end].lower_ in words


def _closes_quarter(quarter: Span, day: Span) -> bool:
    """Whether `day` closes `quarter`, named without a year: "the second quarter ended Oct. 31"."""
    if not _is_joined_by(quarter, day, ("ended", "ending")):
        return False
    value, closing = quarter._.timex_value, day._.timex_value
    if not (value and closing and _QUARTER.fullmatch(value) and _DAY_ONLY.fullmatch(closing)):
        return False
    return not _YEAR.search(quarter.text)


def _joins_two_days(doc: Doc, i: int) -> bool:
    """Whether doc[i] is a "-", "to" or "and" between two day numbers ("11-13", "6 and 9")."""
    return (
        doc[i].lower_ in _RANGE_JOINERS
        and _DAY_NUMBER.fullmatch(doc[i - 1].text) is not None
        and _DAY_NUMBER.fullmatch(doc[i + 1].text) is not None
    )


def _last_day_of_range(text: str, first: str | None) -> Timex | None:
    """The "19" of "Nov. 17 to 19": that day of the month the range starts in (of the year
    after it: "13, 2007" of "Dec. 11-13, 2007")."""
    if first is None or not re.match(r"^(?:\d{4}|XXXX)-\d\d-\d\d", first):
        return None
    day, *rest = text.split()
    value = f"{rest[-1] if rest else first[:4]}{first[4:8]}{int(day.rstrip(',')):02d}"
    if first[0].isdigit():
        try:
            date.fromisoformat(value)
        except ValueError:
            return None
    return Timex(value, "DATE")


def _bounds_its_period(clause: Token) -> bool:
    """'(the week) that ended Friday', '(the year) which began Jan. 1': a clause on the
    period itself, whose subject is the relative pronoun, not an event ('the war began')."""
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    own = not subjects or all(c.lower_ in ("that", "which") for c in subjects)
    return own and clause.lemma_ in _PERIOD_BOUNDS


def _is_some_day(span: Span) -> bool:
    """'may one day help', 'hopes to one day return': "one day" between a modal (or "to") and
    its verb is some day to come, not a day's length."""
    doc = span.doc
    if span.text.lower() != "one day" or span.start == 0 or span.end == len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    # the parser often takes "to one day follow" for a preposition and a noun
    return (before.tag_ == "MD" and after.tag_ == "VB") or (
        before.lower_ == "to" and after.is_lower and after.pos_ in ("VERB", "NOUN") and after.tag_ != "NNS"
    )


def _is_compared(span: Span) -> bool:
    """Whether `span` is the point a figure is compared with: 'up from 193 million shares a
    day earlier', 'against 1.9647 a day earlier'."""
    return _comparing_word(span) is not None


def _comparing_word(span: Span) -> Token | None:
    """The word that makes `span` a point of comparison ("from", "against", the "with" of
    "compared with"), a few words before it with no verb or other preposition between (but
    the market's place: "fell to 1.3316 dollars from 1.3337 in New York Friday")."""
    doc = span.doc
    for i in range(span.start - 1, max(span.start - 6, -1), -1):
        if doc[i].lower_ in _COMPARING or (doc[i].lower_ == "with" and i and doc[i - 1].lemma_ == "compare"):
            return doc[i]
        if doc[i].lower_ == "in" and i + 1 < span.start:
            if all(t.pos_ == "PROPN" for t in doc[i + 1 : span.start]):
                continue  # the market's place: "from 1.3337 in New York Friday"
        if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX", "ADP", "PRON"):
            return None
    return None


def _is_a_figures_past(span: Span) -> bool:
    """Whether `span` is the time a figure is compared with, which the story does not move to:
    "compared with Thursday's 5 p.m. quotes", "against Tuesday's close", "up from Friday's
    level", "1.6 percent from Monday", "its lowest level since Sept. 25" (but a "from" that
    starts a period, "deployed from early Monday", "from 2010 to 2008", is a time of the
    story)."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ == "since":
        # "its lowest level since Sept. 25": a record is told against a day
        return any(t.tag_ in ("JJS", "RBS") for t in doc[max(span.start - 6, 0) : span.start - 1])
    word = _comparing_word(span)
    if word is None:
        return False
    if word.lower_ not in ("from", "over"):
        return True
    before = doc[max(word.i - 3, 0) : word.i]
    return any(t.like_num or t.lower_ in _FIGURE_WORDS for t in before)


def _overlaps_any(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(span.start < end and start < span.end for start, end in ranges)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@Language.factory(
    "extract_times",
    default_config={
        "lexicon_file": LEXICON_FILE,
        "patterns_file": PATTERNS_FILE,
        "split_coordinations": True,
    },
    assigns=["doc.ents", "span._.timex_value", "span._.timex_type"],
    requires=["doc.ents"],
)
def make_time_tagger(
    nlp: Language, name: str, lexicon_file: str, patterns_file: str, split_coordinations: bool
) -> TimeTagger:
    """Factory of extract_times; rule data is read from models/, never from the config."""
    return TimeTagger(
        nlp,
        name,
        lexicon_file=lexicon_file,
        patterns_file=patterns_file,
        split_coordinations=split_coordinations,
    )


__all__: list[str] = ["TimeTagger", "clause_tense", "make_time_tagger"]
