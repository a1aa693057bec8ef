"""extract_triggers: words and phrases that report an event, checked against their context.

The lexicon (models/triggers.json) maps lemmas and multiword phrases to mention types and
attack subtypes. A match only counts when its part of speech fits and its context does not
veto it: a "heart attack", a "labour strike", a "photo shot" or a "fired employee" are not
events. Each accepted match becomes a `Mention` in `doc._.mentions`; extract_arguments then
attaches who, whom, where, when and with what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract._extensions import register_extensions
from extract.components._patterns import phrase_tokens
from extract.records import Mention, TextSpan
from extract.resources import RuleFileError, check_keys, load_rules, read_rules, save_rules

RULE_FILES = {"triggers.json": "triggers"}
_ENTRY_KEYS = {"phrase", "pos", "type", "subtype", "head", "not_after", "not_before",
               "not_objects", "needs"}
_CONTEXT_KEYS = {"harm_words", "person_words", "casualty_verbs", "armed_labels"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "obj"}
_NEIGHBOUR_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "prep", "pobj", "compound", "amod",
                   "nmod", "poss", "conj", "appos", "npadvmod"}


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row: a phrase, its mention type and the context that vetoes it."""

    phrase: str
    pos: tuple[str, ...]
    type: str
    subtype: str | None = None
    head: int = -1
    not_after: frozenset[str] = field(default_factory=frozenset)
    not_before: frozenset[str] = field(default_factory=frozenset)
    not_objects: frozenset[str] = field(default_factory=frozenset)
    needs: str | None = None

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> TriggerEntry:
        check_keys("triggers.json", row, _ENTRY_KEYS, {"phrase", "pos", "type"})
        if row.get("needs") is not None and row["needs"] not in CONTEXT_CHECKS:
            raise RuleFileError(f"triggers.json: rule {row['phrase']!r}: unknown check "
                                f"{row['needs']!r} (known: {sorted(CONTEXT_CHECKS)})")
        return cls(phrase=row["phrase"], pos=tuple(row["pos"]), type=row["type"],
                   subtype=row.get("subtype"), head=row.get("head", -1),
                   not_after=frozenset(w.lower() for w in row.get("not_after", [])),
                   not_before=frozenset(w.lower() for w in row.get("not_before", [])),
                   not_objects=frozenset(w.lower() for w in row.get("not_objects", [])),
                   needs=row.get("needs"))


@Language.factory(
    "extract_triggers",
    default_config={},
    assigns=["doc._.mentions"],
    requires=["token.lemma", "token.pos", "token.dep", "doc.ents"],
)
def make_triggers(nlp: Language, name: str) -> TriggerMatcher:
    return TriggerMatcher(nlp, name)


class TriggerMatcher:
    def __init__(self, nlp: Language, name: str = "extract_triggers", *,
                 rules: dict[str, Any] | None = None) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.rules = rules if rules is not None else {
            key: read_rules(file, key) for file, key in RULE_FILES.items()}
        self._compile()

    def _compile(self) -> None:
        data = self.rules["triggers"]
        check_keys("triggers.json", data, {"lexicon"} | _CONTEXT_KEYS, {"lexicon"} | _CONTEXT_KEYS)
        self.entries = [TriggerEntry.from_dict(row) for row in data["lexicon"]]
        self.context = {k: frozenset(data[k]) for k in _CONTEXT_KEYS}
        self.matcher = Matcher(self.nlp.vocab)
        for i, entry in enumerate(self.entries):
            words = phrase_tokens(self.nlp, entry.phrase)
            head = entry.head % len(words)
            pattern = []
            for j, word in enumerate(words):
                spec: dict[str, Any] = {"LEMMA": {"IN": sorted({word, word.capitalize(),
                                                                word.upper()})}}
                if j == head:
                    spec["POS"] = {"IN": list(entry.pos)}
                pattern.append(spec)
            self.matcher.add(f"trigger{i}", [pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            index = int(self.nlp.vocab.strings[match_id].removeprefix("trigger"))
            spans.append(Span(doc, start, end, label=str(index)))
        sent_index = {sent.start: i for i, sent in enumerate(doc.sents)} if doc.has_annotation(
            "SENT_START") else {}
        mentions = []
        for span in filter_spans(spans):
            entry = self.entries[int(span.label_)]
            words = len(span)
            head = span[entry.head % words]
            if not self._accepts(entry, span, head):
                continue
            mentions.append(Mention(
                type=entry.type, subtype=entry.subtype,
                trigger=TextSpan(span.text, span.start_char, span.end_char),
                sentence=sent_index.get(head.sent.start, 0) if sent_index else 0,
            ))
        doc._.mentions = mentions
        return doc

    def _accepts(self, entry: TriggerEntry, span: Span, head: Token) -> bool:
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and (before.lower_ in entry.not_after
                                   or before.lemma_.lower() in entry.not_after):
            return False
        if after is not None and (after.lower_ in entry.not_before
                                  or after.lemma_.lower() in entry.not_before):
            return False
        if entry.not_objects and any(
            c.dep_ in _OBJECT_DEPS and c.lemma_.lower() in entry.not_objects for c in head.children
        ):
            return False
        if entry.needs is not None:
            return CONTEXT_CHECKS[entry.needs](self, head)
        return True

    # -- context checks named by `needs` in the lexicon ---------------------------------------
    def _neighbours(self, head: Token) -> list[Token]:
        """The trigger's arguments in the parse: its dependents, prepositional objects, head."""
        out = []
        for child in head.children:
            if child.dep_ in _NEIGHBOUR_DEPS:
                out.append(child)
                out += [g for g in child.children if g.dep_ in ("pobj", "compound", "conj")]
        out.append(head.head)
        return out

    def _armed_context(self, head: Token) -> bool:
        """A weapon or armed group takes part, or the act kills or wounds."""
        armed = self.context["armed_labels"]
        return any(t.ent_type_ in armed or t.lemma_.lower() in self.context["casualty_verbs"]
                   for t in self._neighbours(head) if t.i != head.i)

    def _weapon_object(self, head: Token) -> bool:
        return any(c.dep_ in _OBJECT_DEPS and c.ent_type_ == "WEAPON" for c in head.children)

    def _person_object(self, head: Token) -> bool:
        people = self.context["person_words"]
        return any(c.dep_ in _OBJECT_DEPS and (c.ent_type_ in ("PERSON", "UNIT", "NORP")
                                               or c.lemma_.lower() in people)
                   for c in head.children)

    def _harm_complement(self, head: Token) -> bool:
        """"vowed retaliation", "vowed to avenge": a promise of harm, not of reform."""
        harm = self.context["harm_words"]
        return any(c.lemma_.lower() in harm for c in head.children
                   if c.dep_ in ("dobj", "xcomp", "ccomp", "prep"))

    def _no_clause(self, head: Token) -> bool:
        """"demonstrated that ..." and "demonstrated its resolve" are not protests."""
        return not any(c.dep_ in ("ccomp", "dobj", "mark") for c in head.children)

    def _not_month(self, head: Token) -> bool:
        return head.text != "March" or (head.i > 0 and head.doc[head.i - 1].lower_ == "the"
                                        and head.ent_type_ != "DATE")

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        save_rules(path, self.rules)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> TriggerMatcher:
        self.rules = load_rules(path, RULE_FILES)
        self._compile()
        return self


CONTEXT_CHECKS = {
    "armed_context": TriggerMatcher._armed_context,
    "weapon_object": TriggerMatcher._weapon_object,
    "person_object": TriggerMatcher._person_object,
    "harm_complement": TriggerMatcher._harm_complement,
    "no_clause": TriggerMatcher._no_clause,
    "not_month": TriggerMatcher._not_month,
}
