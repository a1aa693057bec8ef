"""extract_events: mentions of one real-world event become one event record.

News tells an incident several times: headline, lead, quote, follow-up. The rules here
encode how those retellings relate:

- a death, injury or damage mention belongs to the attack told in the same sentence, or
  else in the sentence just before it ("Two rockets hit the base. No one was hurt.");
- attack mentions merge when nothing tells them apart: compatible subtype (a generic
  "attack" fits a "rocket attack"), the same town or a vaguer place containing it, the
  same day or no day;
- a plural mention naming several places ("two rocket attacks ... in Baghdad and Balad")
  becomes one event per place, with times paired in order when there are as many;
- other mentions (protests, arrests, threats) merge with an earlier one of their type at
  a compatible place and day.

Event fields are then read off the merged mentions: the most specific place, the linked
day (else a linked month or year that is no bound of a period, else the paragraph's day,
else the publication date, recorded in `date_source`), the most conservative casualty
count, as ACLED does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract._extensions import register_extensions
from extract.acled import inter_code
from extract.codebook import IncidentFacts, default_codebook
from extract.components._rules import RuleComponent
from extract.normalize.actors import ActorGazetteer, default_actors, interaction
from extract.normalize.gazetteer import geo_precision
from extract.normalize.timex import split_value
from extract.records import Event, Mention
from extract.resources import check_keys

ATTACHED_TYPES = ("death", "injury", "damage")  # parts of an attack told in its sentence
# ACLED event types whose doer, when the article names none, is an unidentified armed group.
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# Incidents a death or injury told in their sentence belongs to, besides attacks.
HOST_TYPES = ("protest", "kidnapping", "sexual_violence")
# Which mention names an incident, first to last: "protesters ... were arrested" is a protest.
ANCHOR_ORDER = ("attack", "protest", "kidnapping", "sexual_violence", "strategic", "arrest",
                "death", "injury", "damage", "threat")
_PRONOUN_WORDS = frozenset({"he", "she", "they", "him", "her", "them", "we", "us", "one", "it",
                            "who", "which", "that", "someone", "somebody"})
# Words before a time that make it a bound of a period, not the time of an event.
_BOUNDING_WORDS = frozenset({"since", "until", "till", "by", "before", "after", "from", "through"})
PLACE_PRECISION = {"facility": 4, "area": 4, "city": 3, "admin1": 2, "country": 1}


@Language.factory(
    "extract_events",
    default_config={},
    assigns=["doc._.events"],
    requires=["doc._.mentions"],
)
def make_events(nlp: Language, name: str) -> EventMerger:
    return EventMerger(name)


@dataclass
class _Slot:
    """A mention as it enters merging, with the place and times it stands for."""

    mention: Mention
    place: Span | None = None
    places: list[Span] = field(default_factory=list)


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)

    @property
    def anchor(self) -> Mention:
        """The mention that tells the incident best: its cause before its consequences."""
        return min(self.mentions, key=lambda m: (ANCHOR_ORDER.index(m.type)
                                                 if m.type in ANCHOR_ORDER else len(ANCHOR_ORDER)))

    @property
    def kind(self) -> str:
        kinds = {incident_kind(m) for m in self.mentions}
        return "attack" if "attack" in kinds else self.anchor.type


class EventMerger(RuleComponent):
    RULE_FILES = {"taxonomy.json": "taxonomy", "weapons.json": "weapons"}

    def __init__(self, name: str = "extract_events", *, rules: dict[str, Any] | None = None) -> None:
        register_extensions()
        self.name = name
        self._load_rules(rules)

    def _compile(self) -> None:
        taxonomy = self.rules["taxonomy"]
        check_keys("taxonomy.json", taxonomy, {"categories", "default_category", "events",
                                               "casualty_types"},
                   {"categories", "default_category", "events", "casualty_types"})
        self.events = taxonomy["events"]
        self.weapon_subtypes = {row["phrase"].lower(): row["subtype"] for row in self.rules["weapons"]}
        self.actors: ActorGazetteer = default_actors()
        self.codebook = default_codebook()
        self.cause_order: tuple[str, ...] = self.codebook.cause_precedence

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc._.mentions or []
        # doc.text and doc.ents are rebuilt on every access: read them once per document,
        # or paragraph look-ups make long documents quadratic.
        self._view = _DocView(doc.text, list(doc.ents))
        clusters = self.merge(doc, mentions)
        doc_id = doc._.doc_id or "doc"
        doc._.events = [self.to_event(doc, c, f"{doc_id}:e{i}")
                        for i, c in enumerate(clusters, 1)]
        return doc

    # -- merging ---------------------------------------------------------------------------------
    def merge(self, doc: Doc, mentions: list[Mention]) -> list[_Cluster]:
        """Incident frames (attacks, and deaths or injuries told with their own cause) seek a
        compatible incident or start one; a casualty or damage told without a cause attaches
        to the incident of its sentence, else to the last one its paragraph told."""
        clusters: list[_Cluster] = []
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        last: tuple[int, _Cluster] | None = None
        for sentence in sorted(by_sentence):
            group = by_sentence[sentence]
            here: list[_Cluster] = []
            for m in (m for m in group if incident_kind(m) == "attack"):
                here += self._add_frame(doc, clusters, m)
            if here:
                last = (sentence, here[0])
            # Incidents of other kinds first: "killed when a demonstration turned violent"
            rest = sorted((m for m in group if incident_kind(m) != "attack"),
                          key=lambda m: m.type in ATTACHED_TYPES)
            for m in rest:
                slot = _Slot(m, places=self._places(doc, m))
                target = None
                if m.type in ATTACHED_TYPES:
                    target = self._told_incident(here, last, sentence, m)
                elif m.type == "strategic" and here:
                    target = _nearest(here, m)  # "a police patrol was ambushed": the ambush
                if target is None:
                    target = self._find(doc, clusters, slot)
                if target is None:
                    target = _Cluster()
                    clusters.append(target)
                    if m.type in ATTACHED_TYPES:
                        here.append(target)  # "found dead with gunshot wounds": one incident
                if m.type in HOST_TYPES and target not in here:
                    here.append(target)
                target.mentions.append(m)
                target.places += slot.places
        return clusters

    def _add_frame(self, doc: Doc, clusters: list[_Cluster], m: Mention) -> list[_Cluster]:
        """Place an incident frame (each part of a plural one apart) in its clusters."""
        taken: list[_Cluster] = []  # the parts of one plural mention stay apart
        for slot in self.split(doc, m):
            cluster = self._find(doc, [c for c in clusters if c not in taken], slot)
            if cluster is None:
                cluster = _Cluster()
                clusters.append(cluster)
            cluster.mentions.append(slot.mention)
            cluster.places += slot.places
            taken.append(cluster)
        return taken

    def _told_incident(self, here: list[_Cluster], last: tuple[int, _Cluster] | None,
                       sentence: int, m: Mention) -> _Cluster | None:
        """The incident a casualty without a cause of its own reports: the nearest one of its
        sentence, else the last one told in the three sentences before, in its paragraph."""
        here = [c for c in here if _same_day(c, m)]
        if here:
            return _nearest(here, m)
        if last and sentence - last[0] <= 3 and self._same_paragraph(last[1], m) and (
                _same_day(last[1], m)):
            return last[1]
        return None

    def split(self, doc: Doc, mention: Mention) -> list[_Slot]:
        places = self._places(doc, mention)
        distinct = _distinct_places(places)
        if not mention.plural or len(distinct) < 2 or (mention.count and mention.count < 2):
            return [_Slot(mention, places=places)]
        # "at 7:46 p.m. and 7:50 p.m. ... near Balad and the Green Zone": paired in the order
        # written, whatever order the linking ranked the times in
        times = sorted(mention.args("time"), key=lambda a: a.start)
        distinct = sorted(distinct, key=lambda p: p.start_char)
        slots = []
        place_starts = {(p.start_char, p.end_char) for p in places}
        for i, place in enumerate(distinct):
            keep_time = times[i] if len(times) == len(distinct) else None
            args = [a for a in mention.arguments
                    if (a.role != "place" or (a.start, a.end) == (place.start_char, place.end_char))
                    and (a.role != "time" or keep_time is None or a is keep_time)
                    and ((a.start, a.end) in place_starts or a.role != "place")]
            part = replace(mention, arguments=args, count=1)
            if keep_time is not None:
                span = doc.char_span(keep_time.start, keep_time.end, alignment_mode="expand")
                value = span.ents[0]._.timex_value if span is not None and span.ents else None
                if value:
                    part.date = value
                    part.time = value if "T" in value else mention.time
            slots.append(_Slot(part, place=place, places=[place]))
        return slots

    def _find(self, doc: Doc, clusters: list[_Cluster], slot: _Slot) -> _Cluster | None:
        best, best_score = None, 0
        for cluster in clusters:
            score = self._compatibility(cluster, slot)
            if score > best_score:
                best, best_score = cluster, score
        return best

    def _compatibility(self, cluster: _Cluster, slot: _Slot) -> int:
        """0 when the slot cannot be the cluster's event; higher for a closer fit."""
        m = slot.mention
        if incident_kind(m) != cluster.kind and not self._cause_told_after(cluster, m):
            return 0
        subtypes = {x.subtype for x in cluster.mentions if x.type == m.type} - {None, "other"}
        if m.subtype not in (None, "other") and subtypes and m.subtype not in subtypes:
            return 0
        date = _day(m.date)
        dates = {_day(x.date) for x in cluster.mentions} - {None}
        if date and dates and date not in dates:
            return 0
        mine = [_geo(p) for p in slot.places if _geo(p) is not None]
        theirs = [_geo(p) for p in cluster.places if _geo(p) is not None]
        if not mine or not theirs:
            return 1
        if any(_same_place(a, b) for a in mine for b in theirs):
            return 3
        # Two different towns are two events; a country or province fits any town inside it.
        if _specific(mine) and _specific(theirs):
            return 0
        if any(_contains(a, b) or _contains(b, a) for a in mine for b in theirs):
            return 2
        return 0

    def _cause_told_after(self, cluster: _Cluster, m: Mention) -> bool:
        """"A man was found dead. He had been shot": an attack told just after a death or
        injury with no cause, in its paragraph, is that death's cause."""
        return (incident_kind(m) == "attack" and cluster.kind in ("death", "injury")
                and 0 <= m.sentence - max(x.sentence for x in cluster.mentions) <= 2
                and self._same_paragraph(cluster, m))

    def _places(self, doc: Doc, mention: Mention) -> list[Span]:
        """The mention's own places, else those its sentence names (inherited context)."""
        out = []
        for arg in mention.args("place"):
            span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
            if span is not None:
                ents = [e for e in span.ents] or [span]
                out.append(ents[0])
        return out or _sentence_places(doc, mention)

    def _same_paragraph(self, cluster: _Cluster, mention: Mention) -> bool:
        """No line break between the cluster's latest mention before this one and it."""
        before = [m.trigger.end for m in cluster.mentions if m.trigger.end <= mention.trigger.start]
        return bool(before) and "\n" not in self._view.text[max(before):mention.trigger.start]

    # -- event fields ------------------------------------------------------------------------------
    def to_event(self, doc: Doc, cluster: _Cluster, event_id: str) -> Event:
        anchor = cluster.anchor
        event = Event(event_id=event_id, type=cluster.kind, mentions=cluster.mentions)
        event.subtype = self._cause(cluster)
        self._date(doc, cluster, event)
        self._place(doc, cluster, event)
        self._sides(doc, cluster, event)
        event.killed, q_killed = _conservative(cluster.mentions, "killed")
        event.injured, q_injured = _conservative(cluster.mentions, "injured")
        event.casualty_qualifier = q_killed or q_injured
        event.negated = anchor.negated
        event.uncertain = anchor.uncertain
        trigger = doc.char_span(anchor.trigger.start, anchor.trigger.end, alignment_mode="expand")
        event.sentence = trigger.sent.text if trigger is not None else ""
        event.start, event.end = anchor.trigger.start, anchor.trigger.end
        self._code(doc, cluster, event)
        return event

    def _sides(self, doc: Doc, cluster: _Cluster, event: Event) -> None:
        """Who did it, to whom, with what, and who says so."""
        first = _first_argument
        actor = first(cluster, "actor", prefer="attack")
        event.actor_text = actor.text if actor else None
        event.actor_category = self._category(doc, actor)
        target = first(cluster, "target", prefer="attack")
        event.target = target.text if target else None
        event.target_category = self._category(doc, target)
        victim = first(cluster, "victim", prefer="death")
        event.victim = victim.text if victim else None
        weapon = first(cluster, "weapon", prefer="attack")
        event.weapon = weapon.text if weapon else None
        source = first(cluster, "source", prefer="attack")
        event.source = source.text if source else None

    def _cause(self, cluster: _Cluster) -> str | None:
        """The incident's sub-type: for an attack the most telling of what its triggers and
        weapons say (a "rocket explosion" is shelling, a "suicide" bomb a suicide bombing);
        for other kinds the first sub-type a mention gives beyond the default."""
        kind = cluster.kind
        if kind != "attack":
            spec = self.events.get(kind, {})
            subtypes = [m.subtype for m in cluster.mentions if m.type == kind and m.subtype]
            specific = [s for s in subtypes if s != spec.get("default_subtype")]
            return (specific or subtypes or [spec.get("default_subtype")])[0]
        causes = [m.subtype for m in cluster.mentions if m.type == "attack" and m.subtype]
        causes += [self._weapon_subtype(a.text) for m in cluster.mentions for a in m.args("weapon")]
        said = " ".join(a.text for m in cluster.mentions for a in m.arguments
                        if a.role in ("weapon", "actor")) + " " + " ".join(
            m.trigger.text for m in cluster.mentions)
        if "suicide" in said.lower():
            causes.append("suicide_bombing")
        ranked = [c for c in causes if c in self.cause_order]
        return min(ranked, key=self.cause_order.index) if ranked else "other"

    def _code(self, doc: Doc, cluster: _Cluster, event: Event) -> None:
        """ACLED's event type and sub-type from the codebook (models/codebook.json)."""
        reports = {"sentence": self._report(doc, cluster, paragraph=False),
                   "paragraph": self._report(doc, cluster, paragraph=True)}
        markers = self.codebook.markers_in(reports)
        if event.killed:
            markers |= {"lethal"}
        side1, side2 = self._coder_sides(event, role="protest" if event.type == "protest" else None)
        inter1 = side1.inter if side1 else inter_code(event.actor_category)
        inter2 = side2.inter if side2 else inter_code(
            event.target_category or self._category_of_text(event.victim))
        facts = IncidentFacts(event.type, event.subtype, inter1, inter2, markers)
        event.acled_event_type, event.acled_sub_event_type, event.codebook_rule = (
            self.codebook.decide(facts))
        if event.acled_event_type == "Riots":
            side1, side2 = self._coder_sides(event, role="riot")
        self._name_sides(event, side1, side2)

    def _coder_sides(self, event: Event, *, role: str | None) -> tuple[Any, Any]:
        """Both sides as a coder names them; protesters and rioters are named after what the
        incident is ("residents staged a protest": Protesters (Country))."""
        text1 = event.actor_text or ({"protest": "protesters", "riot": "rioters"}.get(role or ""))
        side1 = self.actors.coder_actor(text1, country=event.country)
        if side1 is None and event.actor_category == "state forces" and text1:
            # "a U.S. airstrike": a country named as acting is its forces
            side1 = self.actors.coder_actor(f"{text1} forces", country=event.country)
        if role and (side1 is None or side1.category in ("civilians", "protesters")):
            side1 = self.actors.coder_actor(text1, country=event.country, role=role)  # not a mob
        side2 = self.actors.coder_actor(event.target or event.victim, country=event.country)
        return side1, side2

    def _name_sides(self, event: Event, side1: Any, side2: Any) -> None:
        """The coder's actor1 and actor2 with their inter codes. Violence with no doer told is
        ACLED's Unidentified Armed Group; its victims with no side named are civilians."""
        violent = event.acled_event_type in VIOLENT_TYPES
        if side1 is None and violent:
            side1 = self.actors.coder_actor("unidentified gunmen", country=event.country)
        if side2 is None and event.acled_event_type == "Violence against civilians":
            side2 = self.actors.coder_actor("civilians", country=event.country)
        event.actor = side1.name if side1 else None
        event.actor2 = side2.name if side2 else None
        event.inter1 = side1.inter if side1 else None
        event.inter2 = side2.inter if side2 else None
        if side1 is not None:
            event.actor_category = side1.category
        event.interaction = interaction(side1, side2)

    def _report(self, doc: Doc, cluster: _Cluster, *, paragraph: bool) -> tuple[set[str], str]:
        """The words of the sentences telling the incident, or of their paragraphs (what the
        police did comes after the march), as forms and rough stems."""
        parts = []
        for m in cluster.mentions:
            if paragraph:
                start, end = _paragraph_of(self._view.text, m)
                parts.append(self._view.text[start:end])
                continue
            span = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
            if span is not None:
                parts.append(span.sent.text)
        text = " ".join(dict.fromkeys(parts)).lower()
        words = set()
        for word in re.findall(r"[a-z]+", text):
            words.update((word, word.removesuffix("s"), word.removesuffix("ed"),
                          word.removesuffix("d"), word.removesuffix("ing")))
        return words, text

    def _weapon_subtype(self, text: str) -> str | None:
        words = text.lower().split()
        for size in range(len(words), 0, -1):
            for i in range(len(words) - size + 1):
                phrase = " ".join(words[i:i + size])
                for form in (phrase, phrase.rstrip("s"), phrase.removesuffix("es")):
                    if form in self.weapon_subtypes:
                        return self.weapon_subtypes[form]
        return None

    def _date(self, doc: Doc, cluster: _Cluster, event: Event) -> None:
        linked = next((m for m in cluster.mentions if m.date and _day(m.date)), None)
        value, source = (linked.date, "linked") if linked else (None, None)
        if value is None:
            # "was killed last month": the month the text gives, not a day it does not; but
            # "have died since 1989", "before June" bound a period, they do not date an event
            value = next((m.date for m in cluster.mentions
                          if _calendar_period(m.date) and not _bounds_a_period(doc, m)), None)
            source = "linked" if value else None
        if value is None:
            value = _paragraph_time(self._view, cluster.anchor)
            source = "context" if value else None
        if value is None and doc._.published is not None:
            value, source = doc._.published.isoformat(), "published"
        if value:
            event.date, time = split_value(value)
            clock = (split_value(m.time)[1] for m in cluster.mentions if m.time)
            event.time = time or next((c for c in clock if c), None)
            event.date_source = source

    def _place(self, doc: Doc, cluster: _Cluster, event: Event) -> None:
        """The most specific place the incident's mentions name, a town itself before the town
        an unknown village was placed in; with none, the article's country."""
        candidates = cluster.places or _paragraph_places(self._view, cluster.anchor)
        best, best_rank = None, (-1, False)
        for span in candidates:
            place = _geo(span)
            rank = (PLACE_PRECISION.get(place.kind, 0), not place.fallback) if place else (0, False)
            if rank > best_rank:
                best, best_rank = span, rank
        place = _geo(best)
        if best is not None:
            event.place = best.text
        if place is None:
            event.country = doc._.place_country
            event.geo_precision = 3 if event.country else None
            return
        event.country, event.admin1, event.admin2 = place.country, place.admin1, place.admin2
        event.latitude, event.longitude = place.latitude, place.longitude
        event.geo_precision = geo_precision(place)

    def _category_of_text(self, text: str | None) -> str | None:
        return self.actors.categorize(text) if text else None

    def _category(self, doc: Doc, arg: Any) -> str | None:
        if arg is None:
            return None
        span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
        if span is not None and span.ents and span.ents[0].label_ in ("GPE",) and len(
                span.ents[0]) == len(span):
            return "state forces"  # a country named as acting: its government and forces
        return self.actors.categorize(arg.text)



def _geo(span: Span | None) -> Any:
    if span is None:
        return None
    try:
        return span._.place
    except AttributeError:
        return None


def _same_place(a: Any, b: Any) -> bool:
    if a.kind == "country" or b.kind == "country":
        return False
    if a.name == b.name and a.country == b.country:
        return True
    return (a.latitude is not None and b.latitude is not None
            and abs(a.latitude - b.latitude) < 0.05 and abs(a.longitude - b.longitude) < 0.05)


def _specific(places: list[Any]) -> bool:
    return any(p.kind not in ("country", "admin1") for p in places)


def _nearest(clusters: list[_Cluster], mention: Mention) -> _Cluster:
    """The attack of the sentence closest to a casualty mention ("killed in a US airstrike")."""
    def distance(cluster: _Cluster) -> int:
        return min(abs(m.trigger.start - mention.trigger.start) for m in cluster.mentions
                   if m.sentence == mention.sentence) if any(
            m.sentence == mention.sentence for m in cluster.mentions) else 10**9
    return min(clusters, key=distance)


def _contains(outer: Any, inner: Any) -> bool:
    """A vaguer place that includes the other: Iraq contains Baghdad."""
    if outer.kind == "country":
        return outer.country == inner.country
    if outer.kind == "admin1":
        return outer.country == inner.country and outer.admin1 == inner.admin1 and inner.kind != "admin1"
    return False


def _distinct_places(places: list[Span]) -> list[Span]:
    """Places of a plural mention that stand for different events (towns, not a country)."""
    out: list[Span] = []
    for span in places:
        geo = _geo(span)
        if geo is not None and geo.kind == "country":
            continue
        if any(_geo(o) is not None and geo is not None and _same_place(_geo(o), geo) for o in out):
            continue
        out.append(span)
    return out


def incident_kind(m: Mention) -> str:
    """What incident a mention tells: an attack, or a death or injury told with its own cause,
    a weapon or a named doer ("a car bomb killed five", "gunmen shot dead two"), is an attack,
    and so is damage a weapon did; any other mention is of its own type."""
    if m.type == "damage" and m.args("weapon"):
        return "attack"  # "an IED destroyed an army vehicle"; soldiers demolishing houses is not
    if m.type in ("death", "injury") and (m.args("weapon") or any(
            a.text.lower() not in _PRONOUN_WORDS for a in m.args("actor"))):
        return "attack"
    return m.type


def _day(value: str | None) -> str | None:
    """The calendar day of a TIMEX3 value, or None when it names no particular day."""
    if not value:
        return None
    date, _ = split_value(value)
    return date if date and len(date) == 10 else None


def _calendar_period(value: str | None) -> bool:
    """Whether a TIMEX3 value is a month or a year ("2020-01", "2020"): a date coarser than a
    day that still says when (not "P2M", "PAST_REF" or an unanchored "XXXX-01")."""
    return bool(value) and re.fullmatch(r"\d{4}(?:-\d\d)?", value) is not None


def _bounds_a_period(doc: Doc, mention: Mention) -> bool:
    """Whether the time `mention` is dated by follows 'since', 'until', 'by' and the like."""
    for arg in mention.args("time"):
        span = doc.char_span(arg.start, arg.end)
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in _BOUNDING_WORDS:
            return True
    return False




def _first_argument(cluster: _Cluster, role: str, *, prefer: str) -> Any:
    """The argument an event record shows: from the preferred mention type first, and a
    named one ("Taliban gunmen") before a pronoun standing for it ("they")."""
    ordered = sorted(cluster.mentions, key=lambda m: (m.type != prefer, m.negated))
    if role == "victim":  # "no US troops were harmed": nobody there is a victim
        ordered = [m for m in ordered if not m.negated]
    found = [a for m in ordered for a in m.args(role)]
    named = [a for a in found if a.text.lower() not in _PRONOUN_WORDS]
    return (named or found or [None])[0]


def _conservative(mentions: list[Mention], field_name: str) -> tuple[int | None, str | None]:
    """The incident's total: figures for different groups of victims add up ("four soldiers
    died ... six attackers were also killed" is 10), conflicting figures for the same group
    keep the lowest reported one (ACLED); 0 only if nobody says more."""
    groups: dict[str, list[tuple[int, str | None]]] = {}
    for m in mentions:
        count = getattr(m, field_name)
        if count is not None:
            groups.setdefault(_victim_group(m), []).append((count, m.casualty_qualifier))
    if not groups:
        return None, None
    headless = groups.pop("", [])
    lowest = [min((c for c in counts if c[0] > 0), key=lambda c: c[0], default=(0, None))
              for counts in groups.values()] or [min(
                  (c for c in headless if c[0] > 0), key=lambda c: c[0], default=(0, None))]
    total = sum(c[0] for c in lowest)
    return total, next((c[1] for c in lowest if c[1]), None) if total else None


def _same_day(cluster: _Cluster, m: Mention) -> bool:
    """No day told for the mention, or one the incident's mentions share ("the murder of a
    driver the day before" is not the fighting it set off)."""
    day = _day(m.date)
    days = {_day(x.date) for x in cluster.mentions} - {None}
    return day is None or not days or day in days


def _victim_group(m: Mention) -> str:
    """Who a casualty count is of, by the last word of its victim phrase ("soldiers")."""
    victim = m.first("victim")
    words = re.findall(r"[a-z]+", victim.text.lower()) if victim else []
    return words[-1].removesuffix("s") if words else ""


_WHO_DEPS = ("nsubj", "nsubjpass", "poss", "compound", "amod", "nmod")


def _sentence_places(doc: Doc, mention: Mention) -> list[Span]:
    """Where a mention happened when it names no place itself: the places its sentence
    names in a prepositional phrase after the trigger ("... killed five, police said in
    Kabul"), all of them for a plural trigger ("two attacks ... in Baghdad and Balad"),
    else the place nearest to the trigger. Places named as actors or owners say who."""
    trigger = doc.char_span(mention.trigger.start, mention.trigger.end, alignment_mode="expand")
    if trigger is None:
        return []
    head = trigger.root
    places = [e for e in head.sent.ents if e.label_ in ("GPE", "LOC", "FAC")
              and e.root.dep_ not in _WHO_DEPS]
    after = [e for e in places if e.start >= trigger.end and e.root.dep_ == "pobj"]
    keep = len(after) if mention.plural or head.tag_ in ("NNS", "NNPS") else 1
    return after[:keep] or sorted(places, key=lambda e: abs(e.start - head.i))[:1]


@dataclass
class _DocView:
    text: str
    ents: list[Span]


def _paragraph_of(text: str, mention: Mention) -> tuple[int, int]:
    start = text.rfind("\n", 0, mention.trigger.start) + 1
    end = text.find("\n", mention.trigger.end)
    return start, len(text) if end < 0 else end


def _paragraph_time(view: _DocView, mention: Mention) -> str | None:
    """The last day named before the trigger in its paragraph: the story's 'when'."""
    start, _ = _paragraph_of(view.text, mention)
    found = None
    for ent in view.ents:
        if ent.start_char >= mention.trigger.start:
            break
        if ent.start_char >= start and ent.label_ in ("DATE", "TIME") and _day(ent._.timex_value):
            found = ent._.timex_value
    return found


def _paragraph_places(view: _DocView, mention: Mention) -> list[Span]:
    start, end = _paragraph_of(view.text, mention)
    # Places named as actors or owners ("Iran has vowed", "Iran's Quds Force") or as
    # modifiers ("the U.S. airstrike") say who, not where.
    return [e for e in view.ents if e.label_ in ("GPE", "LOC", "FAC") and start <= e.start_char < end
            and e.root.dep_ not in ("nsubj", "poss", "compound", "amod", "nmod")]

