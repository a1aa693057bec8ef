"""extract_entity_rules: UNIT and WEAPON entities, military facilities, acronyms.

The pretrained NER knows people, places and organisations but not who carries arms or with
what. This component adds, from the rule data in models/:

- UNIT: armed forces, units, security services, armed groups and militias, found three ways:
  a known group from the actor gazetteer ("the Taliban", "Hezbollah"); an organisation whose
  name ends in a unit word ("Iraqi Security Forces", "Quds Force"); and a noun phrase headed
  by a fighting-group noun with its modifiers ("Iran-backed militiamen", "coalition troops").
- WEAPON: weapon nouns and phrases ("rockets", "car bomb", "IED", "mortar rounds").
- FAC: named facilities ("Balad Air Base", "Camp Taji", "the Green Zone").
- Acronyms: "Combined Joint Task Force (CJTF)" links CJTF to its long form; every later
  "CJTF" gets the long form's label and `span._.long_form`.

Rule spans replace overlapping NER entities when they are at least as long.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract._extensions import register_extensions
from extract.components._patterns import phrase_tokens
from extract.components._rules import RuleComponent
from extract.normalize.inflect import plural
from extract.resources import check_keys

_ENTITY_RULE_KEYS = {"unit_nouns", "unit_heads", "facility_heads", "facility_prefix_heads",
                     "weapon_pos"}
# Words that count or quantify a group are not part of its name: "several senior militants".
_QUANTIFIERS = {"several", "many", "some", "few", "numerous", "other", "more", "most", "dozens",
                "hundreds", "scores", "multiple", "both", "all"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "punct"}
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,15})\s*\)")
_CONNECTORS = {"of", "the", "and", "for", "–", "-", "&", "de", "al"}
_UNIT_POS = {"NOUN", "PROPN"}


@Language.factory(
    "extract_entity_rules",
    default_config={"overwrite_ents": True},
    assigns=["doc.ents", "span._.long_form", "doc._.acronyms"],
    requires=["doc.ents", "token.pos", "token.dep"],
)
def make_entity_rules(nlp: Language, name: str, overwrite_ents: bool) -> EntityRules:
    return EntityRules(nlp, name, overwrite_ents=overwrite_ents)


class EntityRules(RuleComponent):
    RULE_FILES = {"entity_rules.json": "entity_rules", "weapons.json": "weapons", "actors.json": "actors"}

    def __init__(self, nlp: Language, name: str = "extract_entity_rules", *,
                 overwrite_ents: bool = True, rules: dict[str, Any] | None = None) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.overwrite_ents = overwrite_ents
        self._load_rules(rules)

    # -- rule data ---------------------------------------------------------------------------
    def _compile(self) -> None:
        ent_rules = self.rules["entity_rules"]
        check_keys("entity_rules.json", ent_rules, _ENTITY_RULE_KEYS, _ENTITY_RULE_KEYS)
        self.unit_nouns = {w.lower() for w in ent_rules["unit_nouns"]}
        self.unit_heads = {w.lower() for w in ent_rules["unit_heads"]}
        self.facility_heads = {w.lower() for w in ent_rules["facility_heads"]}

        # Weapons are looked up by their first word, one dict look-up per token: a Matcher
        # pattern per weapon evaluates every weapon's word set on every token.
        self.weapon_pos = frozenset(ent_rules["weapon_pos"])
        self.weapons: dict[str, list[list[tuple[frozenset[str], bool]]]] = {}
        for row in self.rules["weapons"]:
            check_keys("weapons.json", row, {"phrase", "subtype"}, {"phrase", "subtype"})
            words = phrase_tokens(self.nlp, row["phrase"])
            slots = []
            for i, word in enumerate(words):
                forms = [word, plural(word)] if i == len(words) - 1 else [word]
                exact = word.isupper() and len(word) > 1  # IED, AK-47: case matters
                slots.append((frozenset(forms + [f.upper() for f in forms[1:]]) if exact
                              else frozenset(f.lower() for f in forms), exact))
            for first in slots[0][0]:
                self.weapons.setdefault(first if slots[0][1] else first.lower(), []).append(slots)
        # Facilities are looked up by their head word's first form, then extended left over
        # the title-case proper nouns that name them ("Balad Air Base"); a prefix head
        # ("Camp", "Fort") takes the proper nouns to its right ("Camp Taji"). Every head word
        # may be plural and must be capitalised, as in a name.
        self.facility_heads_by_first: dict[str, list[list[frozenset[str]]]] = {}
        for phrase in ent_rules["facility_heads"]:
            slots = [frozenset((w, plural(w))) for w in phrase.split()]
            for first in slots[0]:
                self.facility_heads_by_first.setdefault(first, []).append(slots)
        self.facility_prefixes: dict[str, list[list[str]]] = {}
        for prefix in ent_rules["facility_prefix_heads"]:
            words = prefix.split()
            self.facility_prefixes.setdefault(words[0], []).append(words)

        # Known armed groups: names match case-insensitively, acronyms (TTP, ISIL) exactly.
        self.groups: dict[str, str] = {}
        self.group_lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.group_exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for row in self.rules["actors"]["groups"]:
            check_keys("actors.json", row, {"name", "aliases", "category"}, {"name", "category"})
            for form in [row["name"], *row.get("aliases", [])]:
                self.groups[form.lower()] = row["name"]
                target = self.group_exact if form.isupper() else self.group_lower
                target.add("UNIT", [self.nlp.make_doc(form)])

    # -- processing --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        rule_spans: list[Span] = []
        rule_spans += self._weapons(doc)
        rule_spans += self._facilities_and_units(doc)
        rule_spans += [Span(doc, s, e, label="UNIT") for _, s, e in self.group_lower(doc)]
        rule_spans += [Span(doc, s, e, label="UNIT") for _, s, e in self.group_exact(doc)
                       if not _in_capitals(doc, s, e)]
        ents = [self._relabel(ent) for ent in doc.ents]
        if self.overwrite_ents:
            merged = filter_spans(ents + rule_spans)
        else:
            taken = {i for ent in ents for i in range(ent.start, ent.end)}
            merged = ents + [s for s in filter_spans(rule_spans)
                             if not taken.intersection(range(s.start, s.end))]
        doc.ents = sorted(merged, key=lambda s: s.start)
        self._link_acronyms(doc)
        return doc

    def _facilities_and_units(self, doc: Doc) -> list[Span]:
        """Named facilities and unit noun phrases, in the order of the token that ends them."""
        found = []
        for tok in doc:
            if not tok.is_title:
                if tok.lower_ in self.unit_nouns and tok.pos_ in _UNIT_POS:
                    found.append(self._unit_phrase(tok))
                continue
            lower = tok.lower_
            for slots in self.facility_heads_by_first.get(lower, ()):
                end = tok.i + len(slots)
                if end <= len(doc) and all(t.is_title and t.lower_ in forms
                                           for t, forms in zip(doc[tok.i:end], slots, strict=True)):
                    start = tok.i
                    while start > 0 and _is_name_word(doc[start - 1]):
                        start -= 1
                        found.append(Span(doc, start, end, label="FAC"))
            for words in self.facility_prefixes.get(lower, ()):
                stop = tok.i + len(words)
                if stop > len(doc) or not all(t.is_title and t.lower_ == w
                                              for t, w in zip(doc[tok.i:stop], words, strict=True)):
                    continue
                end = stop
                while end < len(doc) and _is_name_word(doc[end]):
                    end += 1
                    found.append(Span(doc, tok.i, end, label="FAC"))
            if lower in self.unit_nouns and tok.pos_ in _UNIT_POS:
                found.append(self._unit_phrase(tok))
        # A span's place in the list breaks ties between equal spans in filter_spans: order by
        # the last token, a facility before a unit ending there, as spaCy's Matcher did.
        return sorted(found, key=lambda span: (span.end, span.label_ == "UNIT"))

    def _weapons(self, doc: Doc) -> list[Span]:
        """Weapon phrases whose last word is a noun: "car bomb(s)", "mortar rounds", "IED"."""
        found = []
        for tok in doc:
            candidates = self.weapons.get(tok.text, [])
            if tok.lower_ != tok.text:
                candidates = candidates + self.weapons.get(tok.lower_, [])
            for slots in candidates:
                end = tok.i + len(slots)
                if end > len(doc) or doc[end - 1].pos_ not in self.weapon_pos:
                    continue
                if all((t.text if exact else t.lower_) in forms
                       for t, (forms, exact) in zip(doc[tok.i:end], slots, strict=True)):
                    found.append(Span(doc, tok.i, end, label="WEAPON"))
        return found

    def _unit_phrase(self, head: Token) -> Span:
        """The group noun with the modifiers that name it: "Iran-backed militiamen"."""
        start = head.i
        for child in reversed(list(head.lefts)):
            subtree = list(child.subtree)
            if child.dep_ not in _MODIFIER_DEPS or subtree[-1].i != start - 1:
                break
            if any(t.pos_ in ("DET", "NUM", "PRON") or t.lower_ in _QUANTIFIERS for t in subtree):
                break
            start = subtree[0].i
        while start < head.i and head.doc[start].is_punct:
            start += 1
        return Span(head.doc, start, head.i + 1, label="UNIT")

    def _relabel(self, ent: Span) -> Span:
        """Organisations that are armed forces become UNIT; named bases and zones FAC."""
        words = ent.text.lower().removeprefix("the ").split()
        last = words[-1] if words else ""
        if ent.label_ in ("ORG", "NORP", "PERSON", "GPE") and (
            ent.text.lower().removeprefix("the ") in self.groups
        ):
            return Span(ent.doc, ent.start, ent.end, label="UNIT")
        if ent.label_ == "ORG" and (last in self.unit_heads or " ".join(words[-2:]) in self.unit_heads):
            return Span(ent.doc, ent.start, ent.end, label="UNIT")
        if ent.label_ in ("ORG", "GPE", "LOC") and ent[-1].is_title and (
            last in self.facility_heads or " ".join(words[-2:]) in self.facility_heads
        ):
            return Span(ent.doc, ent.start, ent.end, label="FAC")
        return ent

    def _link_acronyms(self, doc: Doc) -> None:
        """"Long Form (LF)": every occurrence of LF gets the long form's label and text."""
        acronyms: dict[str, str] = {}
        labels: dict[str, str] = {}
        for match in _ACRONYM.finditer(doc.text):
            short = match.group(1)
            if sum(c.isupper() for c in short) < 2:
                continue
            long_span = self._long_form(doc, match.start(), short)
            if long_span is None:
                continue
            acronyms[short] = long_span.text.removeprefix("the ").removeprefix("The ")
            labels[short] = next((e.label_ for e in doc.ents if e.start < long_span.end
                                  and long_span.start < e.end), "ORG")
            if labels[short] == "ORG" and long_span[-1].lower_ in self.unit_heads:
                labels[short] = "UNIT"
        doc._.acronyms = acronyms
        if not acronyms:
            return
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, acronyms)) + r")(?![\w-])")
        found = []
        for match in pattern.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), label=labels[match.group(1)],
                                 alignment_mode="expand")
            if span is not None:
                found.append(span)
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in found)]
        doc.ents = sorted(filter_spans(keep + found), key=lambda s: s.start)
        for ent in doc.ents:
            if ent.text in acronyms:
                ent._.long_form = acronyms[ent.text]

    def _long_form(self, doc: Doc, paren_char: int, short: str) -> Span | None:
        """The capitalised name right before "(SHORT)" whose initials fit the acronym."""
        before = doc.char_span(0, paren_char, alignment_mode="contract")
        if before is None or len(before) == 0:
            return None
        end = before.end
        while end > 0 and doc[end - 1].is_space:
            end -= 1
        start = end
        while start > 0:
            tok = doc[start - 1]
            if tok.is_title or tok.is_upper or tok.lower_ in _CONNECTORS:
                start -= 1
            else:
                break
        while start < end and doc[start].lower_ in _CONNECTORS:
            start += 1
        if start >= end:
            return None
        initials = "".join(t.text[0] for t in doc[start:end] if t.is_title or t.is_upper)
        letters = "".join(c for c in short if c.isupper())
        if not initials or initials[0] != letters[0] or not set(letters) <= set(initials.upper()):
            return None
        return doc[start:end]

    # -- serialization -----------------------------------------------------------------------


def _is_name_word(tok: Token) -> bool:
    """A word of a facility's name: a capitalised proper noun ("Balad", "Air")."""
    return tok.pos_ == "PROPN" and tok.is_title


def _in_capitals(doc: Doc, start: int, end: int) -> bool:
    """A short acronym ("IS") inside an all-capitals headline is an ordinary word."""
    if end - start > 1 or len(doc[start]) > 3:
        return False
    near = [t for t in (doc[start - 1] if start else None, doc[end] if end < len(doc) else None)
            if t is not None and t.is_alpha]
    return any(t.is_upper and len(t) > 1 for t in near)
