"""extract_triggers: words and phrases that report an event, checked against their context.

The lexicon (models/triggers.json) maps lemmas and multiword phrases to mention types and
attack subtypes. A match only counts when its part of speech fits and its context does not
veto it: a "heart attack", a "labour strike", a "photo shot" or a "fired employee" are not
events. Each accepted match becomes a `Mention` in `doc._.mentions`; extract_arguments then
attaches who, whom, where, when and with what.

Beyond the lexicon, some readings are never events, whatever the word:
- a word in quotation marks being named ("Macron called it an 'attack'") is a label;
- an accidental or controlled explosion is a mishap, not an attack;
- deaths and injuries told of disease ("died of the disease") are not violence;
- a verb that only describes a trigger already told ("the blast targeted a bakery",
  "planted the bomb to target police") is part of that event, not a new one;
- Wikipedia-style lists after a "See also" or "References" heading name other articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract._extensions import register_extensions
from extract.components._patterns import phrase_tokens
from extract.components._rules import RuleComponent
from extract.records import Mention, TextSpan
from extract.resources import RuleFileError, check_keys

_ENTRY_KEYS = {"phrase", "pos", "type", "subtype", "head", "not_after", "not_before",
               "not_objects", "needs"}
_CONTEXT_KEYS = {"charge_words", "harm_words", "person_words", "casualty_verbs", "armed_labels",
                 "illness_words", "violence_words", "accident_words", "issue_verbs",
                 "skip_sections", "protester_words", "irrealis_heads", "place_words",
                 "unreal_governors", "unreal_auxiliaries", "condition_marks"}
_HEADING = re.compile(r"==+[ \t]*([^=\n]{1,40}?)[ \t]*==+")  # Wikipedia-style "== See also =="
_QUOTES = {'"', "“", "”", "'", "‘", "’", "«", "»"}
_CASUALTY_TYPES = ("death", "injury")
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


class TriggerMatcher(RuleComponent):
    RULE_FILES = {"triggers.json": "triggers"}

    def __init__(self, nlp: Language, name: str = "extract_triggers", *,
                 rules: dict[str, Any] | None = None) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self._load_rules(rules)

    def _compile(self) -> None:
        data = self.rules["triggers"]
        check_keys("triggers.json", data, {"lexicon"} | _CONTEXT_KEYS, {"lexicon"} | _CONTEXT_KEYS)
        self.entries = [TriggerEntry.from_dict(row) for row in data["lexicon"]]
        self.context = {k: frozenset(data[k]) for k in _CONTEXT_KEYS}
        self._matched: set[int] = set()
        # Entries indexed by the lemma of their first word: one dict look-up per token.
        # (spaCy's Matcher with one lemma set per entry evaluated every set on every token
        # and cost more than the parser.)
        self.by_first: dict[str, list[tuple[int, tuple[str, ...], int]]] = {}
        for i, entry in enumerate(self.entries):
            words = tuple(w.lower() for w in phrase_tokens(self.nlp, entry.phrase))
            self.by_first.setdefault(words[0], []).append((i, words, entry.head % len(words)))

    def _find(self, doc: Doc) -> list[Span]:
        """Every lexicon phrase whose words' lemmas follow each other, its head's POS fitting."""
        spans = []
        lemmas = [t.lemma_.lower() for t in doc]
        forms = [t.lower_ for t in doc]  # the small model's lemma slips: "raped" -> "rap"
        for i, lemma in enumerate(lemmas):
            for index, words, head in self.by_first.get(lemma, ()) or self.by_first.get(forms[i], ()):
                end = i + len(words)
                if end > len(doc) or any(w not in (lemmas[i + k], forms[i + k])
                                         for k, w in enumerate(words)):
                    continue
                if doc[i + head].pos_ in self.entries[index].pos:
                    spans.append(Span(doc, i, end, label=str(index)))
        return spans

    def __call__(self, doc: Doc) -> Doc:
        spans = self._find(doc)
        sent_index = {sent.start: i for i, sent in enumerate(doc.sents)} if doc.has_annotation(
            "SENT_START") else {}
        spans = filter_spans(spans)
        # Every matched word, accepted or not: a verb that describes one of them is no event.
        self._matched = {i for span in spans for i in range(span.start, span.end)}
        skipped = self._skipped_sections(doc.text)
        mentions = []
        for span in spans:
            entry = self.entries[int(span.label_)]
            words = len(span)
            head = span[entry.head % words]
            if any(start <= span.start_char < end for start, end in skipped):
                continue
            if not self._accepts(entry, span, head):
                continue
            kind, subtype = entry.type, entry.subtype
            if kind == "attack" and self._by_protesters(head):
                # "protesters clashed with police": ACLED codes a riot, not a battle
                kind, subtype = "protest", "violent_demonstration"
            mentions.append(Mention(
                type=kind, subtype=subtype,
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
        if _quoted(span):
            return False  # "called it an 'attack'": the word is named, not used
        if entry.type == "attack" and any(
                c.dep_ in ("amod", "advmod") and c.lemma_.lower() in self.context["accident_words"]
                for c in head.children):
            return False  # "two accidental explosions", "the device detonated accidentally"
        if entry.type in _CASUALTY_TYPES and self._illness(head):
            return False
        if entry.type == "attack" and any(
                t.lemma_.lower() in self.context["illness_words"]
                for t in (*list(head.ancestors)[:2], *head.children)):
            return False  # "fight the disease", "a disease to battle"
        # A coordinated noun shares its first conjunct's place: "a ban on gatherings and protests"
        first = head
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if head.pos_ == "NOUN" and first.dep_ == "pobj" and first.head.lower_ == "of" and (
                first.head.head.lemma_.lower() in self.context["charge_words"]):
            return False  # "on charges of murder": a crime named in court, not an event told
        if first.dep_ == "pobj" and first.head.head.lemma_.lower() in self.context["irrealis_heads"]:
            return False  # "a ban on protests" tells of none
        if entry.type != "threat" and self._unreal(head):
            return False
        if entry.needs is not None:
            return CONTEXT_CHECKS[entry.needs](self, head)
        return True

    def _unreal(self, head: Token) -> bool:
        """What has not happened is no incident: a demand, plan, threat or vow governing the
        act ("vowed to attack", "demanded the arrest of"), a future or obligation ("will be
        tried", "should be arrested") or a condition ("if police open fire")."""
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.context["unreal_auxiliaries"]
               for c in verb.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in self.context["condition_marks"] for c in verb.children):
            return True
        governors = self.context["unreal_governors"]
        for tok in (head, verb):
            if tok.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "advcl") and (
                    tok.head.lemma_.lower() in governors):
                return True
            if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in governors:
                return True  # "called for the arrest of", "demand for the release of"
        return False

    def _skipped_sections(self, text: str) -> list[tuple[int, int]]:
        """Character ranges under a "See also" or "References" heading, up to the next one."""
        if "==" not in text:
            return []
        headings = [(m.start(), m.end(), m.group(1).strip().lower())
                    for m in _HEADING.finditer(text)]
        out = []
        for i, (_, end, title) in enumerate(headings):
            if title in self.context["skip_sections"]:
                stop = headings[i + 1][0] if i + 1 < len(headings) else len(text)
                out.append((end, stop))
        return out

    def _by_protesters(self, head: Token) -> bool:
        words = self.context["protester_words"]
        # a capitalised "Protesters" in a caption is tagged PROPN and keeps its plural lemma
        return any(c.dep_ in ("nsubj", "compound") and (
            c.lemma_.lower() in words or c.lower_.removesuffix("s") in words)
            for c in head.children)

    def _illness(self, head: Token) -> bool:
        """"died of the disease", "deaths caused by bacteria": illness, not violence."""
        lemmas = {t.lemma_.lower() for t in head.sent}
        return bool(lemmas & self.context["illness_words"]) and not (
            lemmas & self.context["violence_words"])

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
        # "captured the group's territory": an owner is not who was taken
        return any(c.dep_ in _OBJECT_DEPS and (c.ent_type_ in ("PERSON", "UNIT", "NORP")
                                               or c.lemma_.lower() in people)
                   and not any(g.dep_ == "case" for g in c.children)
                   and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].text in ("'s", "’s", "’", "'"))
                   for c in head.children)

    def _harm_complement(self, head: Token) -> bool:
        """"vowed retaliation", "vowed to avenge": a promise of harm, not of reform."""
        harm = self.context["harm_words"]
        return any(c.lemma_.lower() in harm for c in head.children
                   if c.dep_ in ("dobj", "xcomp", "ccomp", "prep"))

    def _issued_threat(self, head: Token) -> bool:
        """A threat someone made: "the group's threat", "threats to kill", "issued a threat",
        not a risk ("the threat of terrorism") or a rhetorical "such threats"."""
        if any(c.dep_ in ("poss", "compound") and c.ent_type_ in ("PERSON", "ORG", "UNIT", "NORP",
                                                                  "GPE") for c in head.children):
            return True
        if any(c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children)
               or c.dep_ == "prep" and c.lower_ in ("against", "to", "by")
               for c in head.children):
            return True
        if any(c.dep_ == "relcl" and c.lemma_.lower() in self.context["issue_verbs"]
               for c in head.children):
            return True  # "the warnings which were received"
        return head.dep_ in ("dobj", "nsubjpass", "obj") and (
            head.head.lemma_.lower() in self.context["issue_verbs"])

    def _new_act(self, head: Token) -> bool:
        """"targeted" is its own attack unless it only describes one already told: its subject
        or the noun it modifies is a trigger or a weapon ("the blast targeted a bakery",
        "bombings targeted at troops"), or it is the purpose of another act ("planted an IED
        to target police")."""
        if head.dep_ in ("acl", "relcl") and (head.head.i in self._matched
                                             or head.head.ent_type_ == "WEAPON"):
            return False
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (subj.i in self._matched or subj.ent_type_ == "WEAPON"):
            return False
        if head.dep_ in ("advcl", "xcomp", "acl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            return False
        return self._armed_context(head)

    def _place_object(self, head: Token) -> bool:
        """"handed over the town of Kidal": what changes hands is a place."""
        return any(c.dep_ in _OBJECT_DEPS and (c.ent_type_ in ("GPE", "LOC", "FAC") or c.lemma_.lower()
                                               in self.context["place_words"])
                   for c in head.children)

    def _lives_object(self, head: Token) -> bool:
        """"the blast claimed the lives of nine people": a death, not a claim."""
        return any(c.dep_ in _OBJECT_DEPS and c.lemma_.lower() in ("life", "lives")
                   for c in head.children)

    def _no_clause(self, head: Token) -> bool:
        """"demonstrated that ..." and "demonstrated its resolve" are not protests."""
        return not any(c.dep_ in ("ccomp", "dobj", "mark") for c in head.children)

    def _not_month(self, head: Token) -> bool:
        return head.text != "March" or (head.i > 0 and head.doc[head.i - 1].lower_ == "the"
                                        and head.ent_type_ != "DATE")



def _quoted(span: Span) -> bool:
    """The trigger alone in quotation marks, maybe with the sentence's period inside."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    end = span.end
    if end < len(doc) - 1 and doc[end].text in (".", ",", "!", "?"):
        end += 1
    after = doc[end].text if end < len(doc) else ""
    return bool(before) and before[-1] in _QUOTES and bool(after) and after[0] in _QUOTES


CONTEXT_CHECKS = {
    "armed_context": TriggerMatcher._armed_context,
    "weapon_object": TriggerMatcher._weapon_object,
    "person_object": TriggerMatcher._person_object,
    "harm_complement": TriggerMatcher._harm_complement,
    "no_clause": TriggerMatcher._no_clause,
    "not_month": TriggerMatcher._not_month,
    "issued_threat": TriggerMatcher._issued_threat,
    "new_act": TriggerMatcher._new_act,
    "lives_object": TriggerMatcher._lives_object,
    "place_object": TriggerMatcher._place_object,
}
