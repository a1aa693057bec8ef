"""Typed records of what the pipeline found: entities, mentions, events, one document.

The JSON document format of SPEC.md is exactly `DocumentResult.to_dict()`; `from_dict`
reads it back. Frames (frames.py) are built from these records and nowhere else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Optional attributes an entity carries only when a component set them; omitted from JSON
# when unset so that a UNIT entity does not come with a row of nulls.
ENTITY_EXTRAS = ("value", "timex_type", "long_form", "country", "admin1", "latitude", "longitude",
                 "number", "qualifier")


@dataclass
class Entity:
    text: str
    label: str
    category: str
    start: int
    end: int
    value: str | None = None  # TIMEX3 value (DATE/TIME)
    timex_type: str | None = None  # DATE, TIME, DURATION, SET
    long_form: str | None = None  # an acronym's long form
    country: str | None = None  # ISO 3166 alpha-2 (places)
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    number: float | None = None  # a quantity's value
    qualifier: str | None = None  # a quantity's qualifier: at_least, more_than, about, ...

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "label": self.label, "category": self.category,
               "start": self.start, "end": self.end}
        out.update({k: getattr(self, k) for k in ENTITY_EXTRAS if getattr(self, k) is not None})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(**_known(cls, data))


@dataclass
class TextSpan:
    """A piece of the document: its text and character offsets into the text as given."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextSpan:
        return cls(**_known(cls, data))


@dataclass
class Argument:
    role: str  # actor, target, victim, place, time, weapon, source
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Argument:
        return cls(**_known(cls, data))


@dataclass
class Mention:
    """One trigger in the text with the arguments linked to it."""

    type: str  # attack, death, injury, arrest, kidnapping, protest, threat, damage
    trigger: TextSpan
    subtype: str | None = None
    arguments: list[Argument] = field(default_factory=list)
    killed: int | None = None
    injured: int | None = None
    casualty_qualifier: str | None = None
    negated: bool = False
    uncertain: bool = False
    plural: bool = False  # "two rocket attacks": may stand for several events
    count: int | None = None  # how many events a plural mention says there were
    generic: bool = False  # an aggregate or habitual statement ("13 attacks in two months")
    sentence: int = 0  # index of the sentence holding the trigger
    date: str | None = None  # TIMEX3 value of the time linked to this mention
    time: str | None = None

    def args(self, role: str) -> list[Argument]:
        return [a for a in self.arguments if a.role == role]

    def first(self, role: str) -> Argument | None:
        found = self.args(role)
        return found[0] if found else None

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("type", "subtype")}
        out["trigger"] = self.trigger.to_dict()
        out["arguments"] = [a.to_dict() for a in self.arguments]
        out.update({k: getattr(self, k) for k in ("killed", "injured", "casualty_qualifier",
                                                  "negated", "uncertain", "date", "time")})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        kw = _known(cls, data)
        kw["trigger"] = TextSpan.from_dict(data["trigger"])
        kw["arguments"] = [Argument.from_dict(a) for a in data.get("arguments") or []]
        return cls(**kw)


@dataclass
class Event:
    """One real-world event: the merged mentions and the fields an analyst reads."""

    event_id: str
    type: str
    subtype: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    codebook_rule: str | None = None  # id of the models/codebook.json row that decided the type
    date: str | None = None
    time: str | None = None
    date_source: str | None = None  # linked, context, published
    place: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None  # the district the article names, where it names one
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED: 1 the town itself, 2 near it or part of a region, 3 region
    actor: str | None = None  # actor1 as an ACLED coder names it ("Military Forces of Nigeria")
    actor_category: str | None = None
    actor_text: str | None = None  # who did it, in the article's words
    actor2: str | None = None  # the other side as a coder names it ("Civilians (Nigeria)")
    inter1: int | None = None  # ACLED inter codes (1 state forces ... 8 external/other forces)
    inter2: int | None = None
    interaction: int | None = None
    target: str | None = None
    target_category: str | None = None
    victim: str | None = None
    weapon: str | None = None
    killed: int | None = None
    injured: int | None = None
    casualty_qualifier: str | None = None
    source: str | None = None
    negated: bool = False
    uncertain: bool = False
    sentence: str = ""
    start: int = 0
    end: int = 0
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "mentions"}
        out["mentions"] = [m.to_dict() for m in self.mentions]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        kw = _known(cls, data)
        kw["mentions"] = [Mention.from_dict(m) for m in data.get("mentions") or []]
        return cls(**kw)


@dataclass
class DocumentResult:
    """Everything extracted from one article: the JSON document of SPEC.md."""

    doc_id: str | None
    published: str | None
    published_source: str | None = None
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def text_spans(self) -> list[tuple[str, int, int]]:
        """(text, start, end) of every entity, trigger and argument: each should equal
        text[start:end] of the article, which is how a consumer checks the offsets."""
        spans = [(e.text, e.start, e.end) for e in self.entities]
        for event in self.events:
            for mention in event.mentions:
                spans.append((mention.trigger.text, mention.trigger.start, mention.trigger.end))
                spans += [(a.text, a.start, a.end) for a in mention.arguments]
        return spans

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "published": self.published,
                "published_source": self.published_source,
                "entities": [e.to_dict() for e in self.entities],
                "events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        kw = _known(cls, data)
        kw["entities"] = [Entity.from_dict(e) for e in data.get("entities") or []]
        kw["events"] = [Event.from_dict(e) for e in data.get("events") or []]
        return cls(**kw)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
