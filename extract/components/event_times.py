"""extract_event_times: times counted from an event the story dates elsewhere.

News dates what happened around an incident by the incident itself: "a car was seen near the
house 10 days before the shooting", "the day after his death", "police arrested two men two
days after the bombing". The time expression ("10 days") is a length until the incident's
date is known; once extract_arguments has linked the story's other mentions of the incident
to their times ("was shot to death on Oct. 23", "the Oct. 23 slaying", "killed last fall"),
the length becomes a date counted from that one. Mentions the counted time places ("arrested
... two days after the bombing") take the new date.

The event is found by its trigger: the noun or clause (or the clause's subject) after
"before" / "after" / "following" must be a mention extract_triggers found. Its date is the
time that modifies it ("the Oct. 3 bombing"); for a violent incident (an attack with the
deaths, injuries and damage it caused) else that of the earliest mention of it told before
the length that names one, by the same word first, made more precise by a later one naming
a day within it ("last month" ... "Oct. 23"). Mentions whose victims or places share no
name, or whose death tolls differ, are other incidents; arrests, protests and threats
recur in a story, so only their own date counts. A time before the link dates the main
clause ("On June 28, three days after militants kidnapped a soldier"). A vague length ("in
the days before the slaying", "the weeks before the shooting") is the incident's month, or
its season or year when that is all the story says. A clock time on an incident ("was shot
dead at 10 p.m.") in a sentence naming no day is on the incident's day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract._extensions import register_extensions
from extract.components.merging import ATTACHED_TYPES
from extract.components.times import TIME_LABELS, TenseCues, clause_tense
from extract.normalize.timex import TimexNormalizer, default_lexicon
from extract.records import Mention

# The words that count a length from an event, as the offset word a story would use.
_OFFSETS = {"before": "earlier", "after": "later", "following": "later"}
# Mention types that tell one incident: an attack and what it did.
_INCIDENT_TYPES = frozenset({"attack", *ATTACHED_TYPES})
# A value an event can be dated by: a year, season, quarter, month, week or day (maybe a time).
_DATED = re.compile(r"^\d{4}(?:-(?:SP|SU|FA|WI|Q[1-4]|W\d\d|\d\d(?:-\d\d)?))?(?:T.*)?$")
# Words and dependencies by which a time dates an event word.
_PLACING_PREPOSITIONS = frozenset({"on", "in", "at", "during"})
_DATING_DEPS = frozenset({"compound", "nmod", "poss", "npadvmod", "amod", "tmod"})
# The roles that name whom an incident hit, and titles that name no one in particular.
_PARTICIPANT_ROLES = ("victim", "target")
_TITLES = frozenset({"the", "a", "an", "former", "prime", "minister", "president", "dr.", "mr.", "mrs.",
                     "ms.", "gen.", "col.", "sen.", "rep.", "gov."})
# A value naming one day (maybe at a time of it).
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# A year, month or day: what can be compared with the publication date.
_CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?![-\dWQ])")
# How many words a clock time may stand before the length it is on ("6 a.m. near the house").
_CLAUSE_GAP = 6
# A length with no number: "days", "the weeks", "hours".
_VAGUE_LENGTH = re.compile(r"^(?:the |those |these )?[a-z]+s$", re.I)


@Language.factory(
    "extract_event_times",
    default_config={},
    assigns=["span._.timex_value", "span._.timex_type", "doc._.mentions"],
    requires=["doc._.mentions"],
)
def make_event_times(nlp: Language, name: str) -> EventTimes:
    return EventTimes(nlp, name)


@dataclass
class _Counted:
    """A time expression counted from an event: its span, offset word and the event's head."""

    span: Span
    offset: str  # "earlier" / "later"
    link: Token  # "before" / "after"
    event: Token


class EventTimes:
    """The extract_event_times component (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "extract_event_times") -> None:
        register_extensions()
        self.name = name
        # Lengths are counted and tenses read with the packaged time lexicon's words.
        lexicon = default_lexicon()
        self.normalizer = TimexNormalizer(lexicon)
        self.tense_cues = TenseCues.from_lexicon(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc._.mentions or []
        if not mentions:
            return doc
        triggers: list[tuple[Mention, Span]] = []  # each mention with its trigger's tokens
        by_token: dict[int, Mention] = {}
        for mention in mentions:
            span = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
            if span is not None:
                triggers.append((mention, span))
                by_token.update(dict.fromkeys(range(span.start, span.end), mention))
        for counted in self._counted_times(doc, by_token):
            anchor = _event_date(counted.event, triggers, counted.span, counted.link)
            if anchor is None:
                continue
            value = self._count(counted, anchor)
            if value is None or self._is_past_told_as_future(counted.span, value):
                continue
            counted.span._.timex_value = value
            counted.span._.timex_type = "TIME" if "T" in value else "DATE"
            self._date_clock_before(counted.span, value)
            for mention in _placed_by(counted, triggers, by_token):
                mention.date = value
                mention.time = value if "T" in value else mention.time
        self._date_incident_clocks(triggers)
        return doc

    def _date_incident_clocks(self, triggers: list[tuple[Mention, Span]]) -> None:
        """'Slepian was shot to death at 10 p.m.': a clock time on an incident the story
        dated before is on that day, whatever day the story was telling in between."""
        for mention, span in triggers:
            if mention.type not in _INCIDENT_TYPES:
                continue
            clocks = [e for e in _times_on(span.root) if "T" in (e._.timex_value or "")
                      and self.normalizer.names_no_day(e.text)]
            if len(clocks) != 1 or _names_a_day(clocks[0].sent):
                continue
            clock = clocks[0]
            day = _event_date(span.root, triggers, clock)
            if day is None or _DAY.fullmatch(day) is None:
                continue
            value = _on_day(day, clock._.timex_value)
            clock._.timex_value = value
            if mention.date and "T" in mention.date and mention.date != value:
                mention.date = mention.time = value

    def _counted_times(self, doc: Doc, by_token: dict[int, Mention]) -> list[_Counted]:
        """Time expressions right before 'before/after <an event mention>'."""
        found = []
        for ent in doc.ents:
            if ent.label_ not in TIME_LABELS or ent.end >= len(doc):
                continue
            link = doc[ent.end]
            offset = _OFFSETS.get(link.lower_)
            if offset is None or not self._is_length(ent):
                continue
            event = _event_after(link)
            if event is not None and event.i not in by_token:
                # "a day after his death sparked riots": the clause's subject is the event
                event = next((c for c in event.children if c.dep_ in ("nsubj", "nsubjpass")
                              and c.i in by_token), None)
            if event is not None:
                found.append(_Counted(ent, offset, link, event))
        return found

    def _is_length(self, ent: Span) -> bool:
        """'10 days', 'the day', 'weeks': a length of time, not a date or a clock time."""
        value = ent._.timex_value or ""
        if value.startswith("P"):
            return True
        words = ent.text.lower().split()
        units = self.normalizer.lexicon.units
        return len(words) == 2 and words[0] in ("the", "a", "an", "one") and words[1] in units

    def _count(self, counted: _Counted, anchor: str) -> str | None:
        """The date `counted` names, `anchor` being the event's date."""
        text = counted.span.text
        timex = self.normalizer.normalize_from_story(f"{_counted_length(text)} {counted.offset}", anchor)
        if timex is not None:
            return timex.value
        if _VAGUE_LENGTH.match(text):
            # "the days before the shooting": around the incident, as precise as a month
            day = re.match(r"\d{4}-\d\d", anchor)
            return day.group() if day else anchor.split("T")[0]
        return None

    def _is_past_told_as_future(self, span: Span, value: str) -> bool:
        """A date after publication for a clause told in the past: the event's date is wrong."""
        published = span.doc._.published
        if published is None:
            return False
        if (week := re.fullmatch(r"(\d{4})-W(\d\d)", value)) is not None:
            later = date.fromisocalendar(int(week[1]), int(week[2]), 1) > published
        elif (day := _CALENDAR.match(value)) is not None:
            later = day.group() > published.isoformat()[: len(day.group())]
        else:
            return False
        return later and clause_tense(span, self.tense_cues) == "past"

    def _date_clock_before(self, span: Span, value: str) -> None:
        """'at 6 a.m. ten days before the shooting': the clock time is on the counted day."""
        doc = span.doc
        if _DAY.fullmatch(value) is None:
            return
        # the clock time of the same clause, before the length ("at 6 a.m. near the house")
        before = [e for e in doc.ents if e.label_ in TIME_LABELS and span.sent.start <= e.start
                  and e.end <= span.start and span.start - e.end <= _CLAUSE_GAP]
        clock = before[-1] if before else None
        if clock is not None and any(t.pos_ in ("VERB", "AUX") for t in doc[clock.end : span.start]):
            return
        clock_value = clock._.timex_value if clock is not None else None
        if clock_value and "T" in clock_value and self.normalizer.names_no_day(clock.text):
            clock._.timex_value = _on_day(value, clock_value)


def _on_day(day: str, clock_value: str) -> str:
    """A clock time's value ("1999-04-19T22:00") moved to `day` ("1998-10-23")."""
    return day + clock_value[clock_value.index("T"):]


def _names_a_day(sent: Span) -> bool:
    """Whether a sentence names a day ("on Friday", "Oct. 23"): its clock times are on it."""
    return any(e.label_ == "DATE" and _DAY.match(e._.timex_value or "") for e in sent.ents)


def _counted_length(text: str) -> str:
    """'one day' for 'the day' or 'a day' ("the day after his death" is one day after; "a
    year earlier" would read as a comparison of results)."""
    words = text.split()
    if len(words) == 2 and words[0].lower() in ("the", "a", "an") and not words[1].endswith("s"):
        return f"one {words[1]}"  # not "the weeks before the shooting": how many is not said
    return text


def _event_after(link: Token) -> Token | None:
    """The event 'before' / 'after' leads to: its object noun ("after the bombing") or the
    verb of the clause it introduces ("before Slepian was killed")."""
    for child in link.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    if link.dep_ == "mark" and link.head.i > link.i:
        return link.head
    return None


def _times_on(token: Token, depth: int = 0) -> list[Span]:
    """Time entities that date an event word: "the Oct. 23 slaying", "last month's
    shooting", "the bombing on Friday", "was killed last fall", "was shot at his home on
    Oct. 23" (the parser may hang the day on the place)."""
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _PLACING_PREPOSITIONS:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                if pobj.ent_type_ in TIME_LABELS:
                    found.append(_entity_at(pobj))
                elif depth == 0:
                    found.extend(_times_on(pobj, depth + 1))
        elif child.dep_ in _DATING_DEPS and child.ent_type_ in TIME_LABELS:
            found.append(_entity_at(child))
    return [e for e in found if e is not None]


def _entity_at(token: Token) -> Span | None:
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _event_date(
    event: Token, triggers: list[tuple[Mention, Span]], counted: Span, link: Token | None = None
) -> str | None:
    """The date of the event at `event`: the one it names itself; for a violent incident, else
    the earliest one a mention of it before `counted` names (by the same word first, else by
    a word of the same incident: "was shot on Oct. 23 ... 10 days before the murder"),
    refined by a later one naming a day within it."""

    def dated(token: Token, within: range | None = None) -> str | None:
        times = [e for e in _times_on(token)
                 if e.start != counted.start and (within is None or e.start in within)]
        return next((v for e in times if (v := e._.timex_value) and _DATED.match(v)), None)

    # The event's own time lies after the link: one before it dates what the length places,
    # however the parser hung it ("On June 28, three days after militants kidnapped a soldier").
    phrase = range(link.i, event.right_edge.i + 1) if link is not None else None
    if (own := dated(event, phrase)) is not None:
        return own  # "two days after the Oct. 23 bombing"
    told = next((m for m, span in triggers if span.root.i == event.i), None)
    if told is None or told.type not in _INCIDENT_TYPES:
        # arrests, protests, threats recur in one story ("the police coming to arrest them in
        # November 2004" ... "in the days before his arrest"): only their own date counts
        return None
    # News dates an incident when it first tells it; incidents told after are background
    # ("he is also sought for the January 1998 bombing of a Birmingham clinic").
    same_word, same_incident = [], []
    for mention, span in triggers:
        root = span.root
        if root.i >= counted.start or mention.type not in _INCIDENT_TYPES or mention.negated:
            continue
        if not _may_be_one_incident(told, mention):
            continue  # "302 days after the assassination of Hariri" is not Monday's killing
        if (value := dated(root)) is not None:
            (same_word if root.lemma_ == event.lemma_ else same_incident).append(value)
    found = None
    for value in same_word or same_incident:
        if found is None:
            found = value
        elif value.startswith(found) and len(value) > len(found):
            found = value  # "last month's shooting" ... "the Oct. 23 slaying"
    return found


def _may_be_one_incident(a: Mention, b: Mention) -> bool:
    """Whether two mentions can tell one incident: not when both name whom it hit, or where,
    and the names share no word, nor when both count their dead and the counts differ."""
    for roles in (_PARTICIPANT_ROLES, ("place",)):
        words_a, words_b = _argument_words(a, roles), _argument_words(b, roles)
        if words_a and words_b and not words_a & words_b:
            return False
    # "two civilians were killed on Saturday ... a week after five people were killed"
    return a.killed is None or b.killed is None or a.killed == b.killed


def _argument_words(mention: Mention, roles: tuple[str, ...]) -> set[str]:
    """The capitalized words of a mention's arguments in `roles` (names, not "a man")."""
    return {w.strip(".,'").lower() for arg in mention.arguments if arg.role in roles
            for w in arg.text.split() if w[:1].isupper() and w.lower() not in _TITLES}


def _placed_by(
    counted: _Counted, triggers: list[tuple[Mention, Span]], by_token: dict[int, Mention]
) -> list[Mention]:
    """Mentions the counted time places: the one its 'before/after' phrase modifies
    ("arrested two men two days after the bombing"), or whose verb it modifies."""
    head = counted.link.head if counted.link.dep_ != "mark" else counted.link.head.head
    if counted.span.start <= head.i < counted.span.end:
        head = counted.span.root.head  # "arrested ... [two days] before ...": on the length
    placed = []
    for mention, span in triggers:
        if by_token.get(counted.event.i) is mention:
            continue
        root = span.root
        if root.i == head.i or (root.head.i == head.i and root.dep_ in ("nsubj", "nsubjpass", "dobj")):
            placed.append(mention)
    return placed
