"""ACLED's codebook as a decision table: an incident's facts -> event type and sub-type.

The table lives in `models/codebook.json`. Each row names the conditions it needs (the
incident's kind and cause, the inter codes of the side that acted and of the side it acted
on, the markers its report carries) and the ACLED type it gives; the first row that holds
decides. No spaCy here: the event side gathers the facts, this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from extract.resources import RuleFileError, check_keys, read_rules

RULES_FILE = "codebook.json"
_FILE_KEYS = {"about", "cause_precedence", "markers", "derived_markers", "rules"}
_ROW_KEYS = {"id", "when", "event_type", "sub_event_type", "example"}
SCOPES = ("sentence", "paragraph")
_CONDITIONS = {"kind", "cause", "inter1", "inter2", "markers_any", "markers_all"}


@dataclass(frozen=True)
class IncidentFacts:
    """What the codebook decides from.

    kind: the incident's type by its cause (attack, death, injury, protest, arrest, ...);
    cause: the sub-type of that kind (airstrike, shelling, armed_clash, mob_violence, ...);
    inter1 / inter2: ACLED inter codes of the side that acted and of the other, None unknown;
    markers: what the report says of its course ("intervention", "protester_violence", ...).
    """

    kind: str
    cause: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    markers: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class CodebookRule:
    """One row of the decision table."""

    id: str
    when: dict[str, tuple[Any, ...]]
    event_type: str | None
    sub_event_type: str | None
    example: dict[str, str]

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> CodebookRule:
        check_keys(RULES_FILE, row, _ROW_KEYS, _ROW_KEYS)
        check_keys(RULES_FILE, row["when"], _CONDITIONS, set())
        if not isinstance(row["example"], dict) or not row["example"].get("text"):
            raise RuleFileError(f"{RULES_FILE}: rule {row['id']!r} has no example text")
        when = {key: tuple(values) for key, values in row["when"].items()}
        return cls(row["id"], when, row["event_type"], row["sub_event_type"], row["example"])

    def holds(self, facts: IncidentFacts) -> bool:
        for key, allowed in self.when.items():
            if key == "markers_any":
                if not facts.markers & set(allowed):
                    return False
            elif key == "markers_all":
                if not set(allowed) <= facts.markers:
                    return False
            elif getattr(facts, key) not in allowed:
                return False
        return True


@dataclass(frozen=True)
class Marker:
    """Words whose presence in an incident's report marks its course ("tear gas": force)."""

    name: str
    words: frozenset[str]
    example: str
    scope: str  # "sentence": the incident's own sentences; "paragraph": their paragraphs


@dataclass(frozen=True)
class Codebook:
    rules: tuple[CodebookRule, ...]
    markers: tuple[Marker, ...]
    cause_precedence: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Codebook:
        check_keys(RULES_FILE, data, _FILE_KEYS, _FILE_KEYS - {"about"})
        markers = []
        for name, spec in data["markers"].items():
            check_keys(RULES_FILE, spec, {"words", "example", "scope"}, {"words", "example", "scope"})
            if spec["scope"] not in SCOPES:
                raise RuleFileError(f"{RULES_FILE}: marker {name!r}: scope must be one of {SCOPES}")
            markers.append(Marker(name, frozenset(w.lower() for w in spec["words"]), spec["example"],
                                  spec["scope"]))
        rules = tuple(CodebookRule.from_dict(row) for row in data["rules"])
        # Derived markers are set by the event side from the incident itself ("lethal").
        known = {m.name for m in markers} | set(data["derived_markers"])
        for rule in rules:
            unknown = set(rule.when.get("markers_any", ())) | set(rule.when.get("markers_all", ()))
            if unknown - known:
                raise RuleFileError(f"{RULES_FILE}: rule {rule.id!r}: unknown markers "
                                    f"{sorted(unknown - known)}")
        return cls(rules, tuple(markers), tuple(data["cause_precedence"]["order"]))

    def decide(self, facts: IncidentFacts) -> tuple[str | None, str | None, str | None]:
        """(event_type, sub_event_type, id of the deciding rule); Nones when no row holds."""
        for rule in self.rules:
            if rule.holds(facts):
                return rule.event_type, rule.sub_event_type, rule.id
        return None, None, None

    def markers_in(self, reports: dict[str, tuple[set[str], str]]) -> frozenset[str]:
        """The markers whose words occur in the incident's report, read at each marker's scope
        (`reports`: scope -> (word forms, lower-cased text)); phrases match in the text."""
        found = set()
        for marker in self.markers:
            words, text = reports[marker.scope]
            if any((w in text) if " " in w or "-" in w else (w in words) for w in marker.words):
                found.add(marker.name)
        return frozenset(found)


@cache
def default_codebook() -> Codebook:
    """The codebook of `models/codebook.json`, loaded once."""
    return Codebook.from_dict(read_rules(RULES_FILE, "codebook"))
