"""extract_arguments: who did it, to whom, where, when, with what, how many, who says so.

For each trigger found by extract_triggers this component walks the dependency parse the
way news sentences are built:

- verbs: active subject = actor, object = target or victim; passive subject = victim or
  target, "by" agent = actor; a relative clause ("the airstrike that killed X") takes its
  subject from the noun it modifies; conjoined verbs share a subject;
- nouns: a national or group modifier is the actor ("U.S. airstrike", "Taliban attack"),
  "by X" the actor, "on/against X" the target; "carried out / claimed responsibility for
  an attack" gives the actor from the light verb's subject;
- prepositional places ("in", "near", "north of") and times attached to the trigger or its
  clause; otherwise the sentence's place and time (marked as context);
- weapons anywhere an argument is a WEAPON entity or inside the trigger ("rocket attacks");
- the source: the subject of a reporting verb governing the trigger ("..., said Col. X").

Negation ("no troops were harmed") and hedging ("might have hurt") are marked; deaths and
injuries get a count with its qualifier (0 when the text says none).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract._extensions import register_extensions
from extract.records import Argument, Mention
from extract.resources import check_keys, load_rules, read_rules, save_rules

RULE_FILES = {"arguments.json": "arguments"}
_KEYS = {"report_verbs", "report_nouns", "light_verbs", "responsibility_words", "place_preps",
         "target_preps", "time_preps", "hedges", "negations", "no_one_words", "aggregate_words",
         "victim_head_types", "violence_words", "threat_verbs", "max_words"}
PLACE_LABELS = ("GPE", "LOC", "FAC")
TIME_LABELS = ("DATE", "TIME")
ACTOR_LABELS = ("PERSON", "ORG", "UNIT", "GPE", "NORP")
SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "obj", "attr", "oprd")
# Mention types whose patient is a victim (a person harmed or held) rather than a target.
PATIENT_ROLE = {"death": "victim", "injury": "victim", "arrest": "victim", "kidnapping": "victim",
                "attack": "target", "damage": "target", "threat": "target", "protest": "target"}


@Language.factory(
    "extract_arguments",
    default_config={},
    assigns=["doc._.mentions"],
    requires=["doc._.mentions", "doc.ents", "token.dep"],
)
def make_arguments(nlp: Language, name: str) -> ArgumentLinker:
    return ArgumentLinker(nlp, name)


class ArgumentLinker:
    def __init__(self, nlp: Language, name: str = "extract_arguments", *,
                 rules: dict[str, Any] | None = None) -> None:
        register_extensions()
        self.name = name
        self.rules = rules if rules is not None else {
            key: read_rules(file, key) for file, key in RULE_FILES.items()}
        self._compile()

    def _compile(self) -> None:
        data = self.rules["arguments"]
        check_keys("arguments.json", data, _KEYS, _KEYS)
        self.words = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
        self.max_words: int = data["max_words"]

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc._.mentions or []
        if not mentions:
            return doc
        ent_at = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ent_at[i] = ent
        triggers = {}
        for m in mentions:
            span = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
            if span is not None:
                triggers[span.root.i] = (m, span)
        context = _Context(doc, ent_at, triggers, self)
        kept = []
        for mention, span in triggers.values():
            context.link(mention, span)
            if not mention.generic:
                kept.append(mention)
        doc._.mentions = sorted(kept, key=lambda m: m.trigger.start)
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        save_rules(path, self.rules)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> ArgumentLinker:
        self.rules = load_rules(path, RULE_FILES)
        self._compile()
        return self


class _Context:
    """The parse of one document, with the look-ups the linking rules need."""

    def __init__(self, doc: Doc, ent_at: dict[int, Span], triggers: dict[int, tuple[Mention, Span]],
                 linker: ArgumentLinker) -> None:
        self.doc = doc
        self.ent_at = ent_at
        self.triggers = triggers
        self.w = linker.words
        self.max_words = linker.max_words

    # -- spans for argument tokens -------------------------------------------------------------
    def phrase(self, tok: Token) -> Span:
        """The entity holding a token, else its noun phrase (modifiers, head, "of" phrase)."""
        if tok.i in self.ent_at:
            ent = self.ent_at[tok.i]
            if ent.label_ == "UNIT" and tok.i == ent.root.i:
                # A group keeps its count: "four soldiers", "at least 12 civilians".
                counts = [c for c in tok.lefts if c.dep_ == "nummod" and c.i < ent.start]
                if counts:
                    return self.doc[list(counts[0].subtree)[0].i:ent.end]
            if ent.label_ not in ("CARDINAL", "ORDINAL", "QUANTITY") or tok.pos_ == "NUM":
                return ent
        start = tok.i
        for child in reversed(list(tok.lefts)):
            sub = list(child.subtree)
            if sub[-1].i != start - 1 or child.dep_ in ("punct", "cc", "preconj", "case"):
                break
            start = sub[0].i
        end = tok.i + 1
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
                sub = list(child.subtree)
                if sub[-1].i - start < self.max_words:
                    end = sub[-1].i + 1
            break
        while start < tok.i and self.doc[start].is_punct:
            start += 1
        return self.doc[start:end]

    def conjuncts(self, tok: Token) -> list[Token]:
        return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]

    def is_weapon(self, tok: Token) -> bool:
        ent = self.ent_at.get(tok.i)
        return ent is not None and ent.label_ == "WEAPON"

    # -- linking ---------------------------------------------------------------------------------
    def link(self, mention: Mention, span: Span) -> None:
        head = span.root
        args: list[tuple[str, Token | Span]] = []
        patient = PATIENT_ROLE.get(mention.type, "target")
        for tok in span:
            if self.is_weapon(tok):
                args.append(("weapon", self.ent_at[tok.i]))
        if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADJ" and head.dep_ != "amod"):
            self._verbal(mention, head, args, patient)
        else:
            self._nominal(mention, head, args, patient)
        self._with_weapon(head, args)
        self._place_and_time(mention, head, args)
        source = self._source(head)
        if source is not None:
            args.append(("source", source))
        mention.arguments = self._to_arguments(args, span)
        mention.negated = self._negated(head, mention)
        mention.uncertain = self._hedged(head)
        if mention.type == "protest" and any(
                c.dep_ == "amod" and c.lemma_.lower() in self.w["violence_words"] for c in head.children):
            mention.subtype = "violent_demonstration"  # "violent protests": ACLED's riots
        self._casualties(mention, head, args)
        self._plurality(mention, head)

    def _add(self, args: list, role: str, tok: Token | None, patient: str) -> None:
        if tok is None or tok.pos_ in ("PRON", "DET") and tok.lower_ not in ("one",):
            return
        if role == "target" and patient == "target" and tok.head.lemma_.lower() in self.w[
                "threat_verbs"] and tok.ent_type_ not in ACTOR_LABELS + PLACE_LABELS:
            return  # "vowed retaliation": the threatened act, not who is threatened
        for conj in self.conjuncts(tok):
            if conj.i in self.triggers and role != "weapon":
                continue
            actual = "weapon" if self.is_weapon(conj) else role
            args.append((actual, self.phrase(conj)))

    def _verbal(self, mention: Mention, head: Token, args: list, patient: str) -> None:
        kids = list(head.children)
        subj = next((c for c in kids if c.dep_ in SUBJECTS), None)
        subjpass = next((c for c in kids if c.dep_ in PASSIVE_SUBJECTS), None)
        obj = next((c for c in kids if c.dep_ in OBJECTS), None)
        agent = next((g for c in kids if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj"), None)
        # "the airstrike that killed X": the relative pronoun stands for the noun it follows.
        if head.dep_ in ("relcl", "acl") and (subj is None or subj.tag_ in ("WDT", "WP")):
            if head.tag_ == "VBN" and head.dep_ == "acl":
                subjpass = head.head  # "the general killed in the strike": the general died
            else:
                subj = head.head
        if subj is None and subjpass is None and head.dep_ == "conj":
            first = head.head
            subj = next((c for c in first.children if c.dep_ in SUBJECTS), None)
            subjpass = next((c for c in first.children if c.dep_ in PASSIVE_SUBJECTS), None)
        if subj is None and head.dep_ in ("advcl", "xcomp") and head.tag_ in ("VBG", "VB"):
            # "A bomb exploded, killing five": the main clause's subject did the killing.
            subj = next((c for c in head.head.children if c.dep_ in SUBJECTS), None)
        if head.pos_ == "ADJ":  # "five people were dead", "the wounded soldiers"
            subjpass = subj or (head.head if head.dep_ in ("amod",) else None)
            subj = None
        # "three soldiers died"; headlines drop the auxiliary: "no US troops harmed".
        intransitive_patient = mention.type in ("death", "injury") and obj is None
        if subj is not None:
            if intransitive_patient:
                self._add(args, patient, subj, patient)  # "three soldiers died"
            elif subj.i in self.triggers:
                pass  # "the attack killed five": linked by merging, not as an actor
            else:
                self._add(args, "actor", subj, patient)
        if subjpass is not None:
            self._add(args, patient, subjpass, patient)
        if obj is not None:
            self._add(args, patient, obj, patient)
        if agent is not None:
            self._add(args, "actor", agent, patient)
        for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in self.w["target_preps"]):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                if pobj.ent_type_ not in PLACE_LABELS + TIME_LABELS and mention.type in (
                        "attack", "protest", "threat"):
                    self._add(args, patient, pobj, patient)

    def _nominal(self, mention: Mention, head: Token, args: list, patient: str) -> None:
        for child in head.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and (
                    child.ent_type_ in ACTOR_LABELS and child.ent_type_ != "GPE"
                    or child.ent_type_ == "GPE" and mention.type == "attack"):
                if not (self.ent_at.get(child.i) and self.ent_at[child.i].label_ == "WEAPON"):
                    self._add(args, "actor", child, patient)
            elif child.dep_ == "prep" and child.lower_ == "by":
                self._add(args, "actor", _pobj(child), patient)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against") and mention.type in (
                    "attack", "protest", "damage"):
                pobj = _pobj(child)
                if pobj is not None and pobj.ent_type_ not in TIME_LABELS:
                    self._add(args, patient, pobj, patient)
            elif child.dep_ == "prep" and child.lower_ == "of" and mention.type in (
                    "death", "injury", "arrest", "kidnapping", "damage"):
                self._add(args, patient, _pobj(child), patient)
        gov = head.head
        if head.dep_ in ("dobj", "obj") and lemma_in(gov, self.w["light_verbs"]):
            # "militiamen staged protests", "the group carried out the attack"
            self._add(args, "actor", _child(gov, SUBJECTS), patient)
            self._add(args, "actor", _agent(gov), patient)
        if head.dep_ == "pobj" and gov.dep_ == "prep":
            noun = gov.head
            if noun.lemma_.lower() in self.w["responsibility_words"]:
                claimer = noun.head  # "X claimed responsibility for the attack"
                self._add(args, "actor", _child(claimer, SUBJECTS), patient)
            if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
                pass
            if mention.type == "attack" and noun.i in self.triggers:
                pass
            elif mention.type == "attack" and noun.pos_ == "VERB" and noun.lemma_.lower() in (
                    "kill", "wound", "injure", "die", "hurt"):
                # "killed in a US airstrike": the dead are the strike's target.
                victim = _child(noun, PASSIVE_SUBJECTS) or (
                    noun.head if noun.dep_ == "acl" else None)
                self._add(args, patient, victim, patient)
        if head.dep_ in SUBJECTS and gov.pos_ == "VERB":
            # "the attack targeted the base", "the blast killed five"
            if gov.i not in self.triggers:
                self._add(args, patient, _child(gov, OBJECTS), patient)
        if mention.type == "protest" and head.dep_ == "pobj" and gov.lower_ == "of":
            carrier = gov.head  # "two days of violent protests": the days were staged
            if carrier.dep_ in ("dobj", "obj") and lemma_in(carrier.head, self.w["light_verbs"]):
                self._add(args, "actor", _child(carrier.head, SUBJECTS), patient)

    def _with_weapon(self, head: Token, args: list) -> None:
        for tok in [head, head.head] if head.dep_ in SUBJECTS + OBJECTS else [head]:
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in (
                    "with", "by", "using", "from")):
                pobj = _pobj(prep)
                if pobj is not None and self.is_weapon(pobj):
                    args.append(("weapon", self.ent_at[pobj.i]))
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "nmod") and self.is_weapon(child):
                    args.append(("weapon", self.ent_at[child.i]))

    def _clause_tokens(self, head: Token) -> list[Token]:
        """Tokens whose places and times belong to the trigger: its own phrases, and those of
        the verb it is subject or object of ("the attacks occurred near Balad")."""
        roots = [head]
        if head.dep_ in SUBJECTS + PASSIVE_SUBJECTS + OBJECTS + ("pobj",) and head.head.pos_ in (
                "VERB", "AUX"):
            roots.append(head.head)
        elif head.dep_ == "pobj" and head.head.dep_ == "prep":
            roots.append(head.head.head)
        if head.dep_ in ("relcl", "acl"):
            roots.append(head.head)
        out = []
        for root in roots:
            for child in root.children:
                if child.i in self.triggers and child.i != head.i and child not in roots:
                    continue
                if child.dep_ in ("ccomp", "relcl", "advcl", "conj", "parataxis") and root is not head:
                    continue
                if child.dep_ in ("relcl", "ccomp", "parataxis"):
                    continue
                out.extend(child.subtree)
        return out

    def _place_and_time(self, mention: Mention, head: Token, args: list) -> None:
        seen_places, seen_times = set(), set()
        places, times = [], []
        durations = []
        for tok in self._clause_tokens(head):
            ent = self.ent_at.get(tok.i)
            if ent is None or self._modifies_trigger(ent):
                continue
            if ent.label_ in PLACE_LABELS and ent.start not in seen_places:
                if _under_place_prep(tok, self.w["place_preps"]):
                    seen_places.add(ent.start)
                    places.append(ent)
            elif ent.label_ in TIME_LABELS and ent.start not in seen_times:
                seen_times.add(ent.start)
                is_duration = str(ent._.timex_value or "").startswith("P")
                (durations if is_duration else times).append(ent)
        if not places:
            sent_places = [e for e in head.sent.ents if e.label_ in PLACE_LABELS
                           and not _is_actor_like(e) and not self._modifies_trigger(e)]
            after = [e for e in sent_places if e.start > head.i
                     and _under_place_prep(e.root, self.w["place_preps"])]
            # A plural trigger ("two attacks ... in Baghdad and Balad") keeps every place.
            keep = len(after) if mention.plural or head.tag_ in ("NNS", "NNPS") else 1
            places = after[:keep] or sorted(sent_places, key=lambda e: abs(e.start - head.i))[:1]
        if not times:
            sent_times = [e for e in head.sent.ents if e.label_ in TIME_LABELS
                          and not str(e._.timex_value or "").startswith("P")]
            times = sorted(sent_times, key=lambda e: abs(e.start - head.i))[:1] or durations[:1]
        args.extend(("place", p) for p in places)
        args.extend(("time", t) for t in times)
        event_times = [t for t in times if t._.timex_value and not t._.timex_value.startswith("P")]
        if event_times:
            mention.date = event_times[0]._.timex_value
            mention.time = next((t._.timex_value for t in event_times
                                 if "T" in (t._.timex_value or "")), None)

    def _modifies_trigger(self, ent: Span) -> bool:
        """"US" in "US airstrike" says who struck, not where."""
        return ent.root.dep_ in ("compound", "amod", "nmod", "poss") and ent.root.head.i in self.triggers

    def _reporter(self, verb: Token) -> Span | None:
        """The subject of a reporting verb; in «...,» said Col. X the parser may miss it."""
        subj = next((c for c in verb.children if c.dep_ in SUBJECTS and not c.is_punct), None)
        if subj is not None:
            return None if subj.pos_ == "PRON" else self.phrase(subj)
        for tok in self.doc[verb.i + 1:min(verb.i + 6, len(self.doc))]:
            ent = self.ent_at.get(tok.i)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "UNIT", "NORP", "GPE"):
                return ent
        return None

    def _source(self, head: Token) -> Span | None:
        """Who reports it: the subject of a reporting verb above the trigger, or "according to"."""
        for anc in [head, *head.ancestors]:
            if anc.pos_ == "VERB" and lemma_in(anc, self.w["report_verbs"]) and anc is not head:
                found = self._reporter(anc)
                if found is not None:
                    return found
        for tok in head.sent:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                pobj = _pobj(self.doc[tok.i + 1])
                if pobj is not None:
                    return self.phrase(pobj)
        root = head.sent.root
        if lemma_in(root, self.w["report_verbs"]) and root is not head:
            return self._reporter(root)
        return None

    def _to_arguments(self, args: list, trigger: Span) -> list[Argument]:
        out, seen = [], set()
        for role, item in args:
            span = item if isinstance(item, Span) else self.phrase(item)
            key = (role, span.start_char, span.end_char)
            if key in seen or len(span) == 0:
                continue
            if role != "weapon" and span.start < trigger.end and trigger.start < span.end:
                continue
            seen.add(key)
            out.append(Argument(role, span.text, span.start_char, span.end_char))
        return out

    def _negated(self, head: Token, mention: Mention) -> bool:
        if any(c.dep_ == "neg" for c in head.children):
            return True
        for arg in mention.arguments:
            if arg.role in ("victim", "target"):
                span = self.doc.char_span(arg.start, arg.end, alignment_mode="expand")
                if span is None:
                    continue
                before = self.doc[span.start - 1] if span.start > 0 else None
                if (span[0].lower_ in ("no", "none", "nobody")
                        or span.text.lower() in self.w["no_one_words"]
                        or any(c.dep_ == "det" and c.lower_ == "no" for c in span.root.children)
                        or (before is not None and before.lower_ == "no")):
                    return True
        return False

    def _hedged(self, head: Token) -> bool:
        hedges = self.w["hedges"]
        near = [*head.children, *(head.head.children if head.dep_ != "ROOT" else [])]
        return any(c.lower_ in hedges and c.dep_ in ("aux", "advmod", "amod") for c in near)

    def _casualties(self, mention: Mention, head: Token, args: list) -> None:
        field = {"death": "killed", "injury": "injured"}.get(mention.type)
        if field is None:
            return
        if mention.negated:
            setattr(mention, field, 0)
            return
        victims = [a for a in mention.arguments if a.role == "victim"]
        total, qualifier, known = 0, None, False
        for victim in victims:
            span = self.doc.char_span(victim.start, victim.end, alignment_mode="expand")
            if span is None:
                continue
            quantity = self._count(span)
            if quantity is None:
                continue
            value, qual = quantity
            total += value
            qualifier = qualifier or qual
            known = True
        if not known:
            # "the death toll rose to 15", "at least 50 dead"
            for child in head.children:
                for tok in [child, *child.children]:
                    ent = self.ent_at.get(tok.i)
                    if ent is not None and ent.label_ == "CARDINAL" and ent._.quantity is not None:
                        total, qualifier, known = ent._.quantity.value, ent._.quantity.qualifier, True
                        break
                if known:
                    break
        if known:
            setattr(mention, field, total)
            mention.casualty_qualifier = qualifier

    def _count(self, span: Span) -> tuple[int, str | None] | None:
        for ent in span.ents:
            if ent.label_ in ("CARDINAL",) and ent._.quantity is not None:
                return ent._.quantity.value, ent._.quantity.qualifier
        if span.label_ == "PERSON" or (span.root.ent_type_ == "PERSON"):
            return 1, None
        for tok in span:
            if tok.dep_ == "nummod" or tok.lower_ in ("several", "dozens", "scores", "hundreds"):
                from extract.normalize.numbers import parse_quantity

                quantity = parse_quantity(tok.text)
                if quantity is not None:
                    return quantity.value, quantity.qualifier
        if span.root.tag_ in ("NN", "NNP") and span.root.lower_ not in ("people", "police"):
            return 1, None
        return None

    def _plurality(self, mention: Mention, head: Token) -> None:
        """"two rocket attacks" may be two events; "13 attacks in two months" is a tally."""
        if mention.type != "attack" or head.tag_ not in ("NNS", "NNPS"):
            return
        mention.plural = True
        for child in head.children:
            ent = self.ent_at.get(child.i)
            if child.dep_ == "nummod" and ent is not None and ent._.quantity is not None:
                mention.count = ent._.quantity.value
        words = {t.lower_ for t in head.subtree} | {t.lower_ for t in head.head.children}
        words |= {t.lower_ for t in head.lefts}
        if head.i > 1:
            words.add(self.doc[head.i - 2].lower_)
        durations = [e for e in head.sent.ents if e.label_ in TIME_LABELS
                     and str(e._.timex_value or "").startswith("P") and e.start > head.i]
        tally = words & self.w["aggregate_words"]
        if (mention.count or 0) > 2 and (tally or durations):
            mention.generic = True


def lemma_in(tok: Token, words: frozenset[str]) -> bool:
    """The token's lemma is in `words`, allowing for the small model's lemma slips
    ("staged" -> "stag", headline capitals): the lemma, the word, or the word less -d/-ed."""
    low = tok.lower_
    return bool({tok.lemma_.lower(), low, low[:-1], low[:-2], low[:-3] + "y"} & words)


def _child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _agent(verb: Token) -> Token | None:
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj"), None)


def _under_place_prep(tok: Token, preps: frozenset[str]) -> bool:
    """A place named as where it happened: "in Baghdad", "near Balad Air Base", "north of X"."""
    if tok.dep_ == "poss":
        return False  # "Iran's elite Quds Force" names an owner, not a place
    for anc in [tok, *tok.ancestors][:4]:
        if anc.dep_ == "prep" and anc.lower_ == "of":
            if anc.head.lower_ in preps:  # "north of Baghdad", "outside of Kabul"
                return True
            continue
        if anc.dep_ == "prep" and anc.lower_ in preps:
            return True
        if anc.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT"):
            return False
    return False


def _is_actor_like(ent: Span) -> bool:
    """A country named as the one acting ("Iran has vowed") is not where it happened."""
    return ent.root.dep_ in SUBJECTS + ("poss",)
