"""extract_arguments: who did it, to whom, where, when, with what, how many, who says so.

For each trigger found by extract_triggers this component walks the dependency parse the
way news sentences are built:

- verbs: active subject = actor, object = target or victim; passive subject = victim or
  target, "by" agent = actor; a relative clause ("the airstrike that killed X") takes its
  subject from the noun it modifies; conjoined verbs share a subject;
- nouns: a national or group modifier is the actor ("U.S. airstrike", "Taliban attack"),
  "by X" the actor, "on/against X" the target; "carried out / claimed responsibility for
  an attack" gives the actor from the light verb's subject;
- prepositional places ("in", "near", "north of", "on a busy street") and times attached to
  the trigger or its clause; a place in apposition after another ("Nice, southern France")
  only locates it. A place named elsewhere in the sentence is context: extract_events gives
  it to the event, the mention does not claim it;
- clashes: "a battle between X and Y" gives both sides; threats "given to" X name X;
  "including A, B and C" names the members of a group of victims;
- weapons anywhere an argument is a WEAPON entity or inside the trigger ("rocket attacks");
- the source: the subject of a reporting verb governing the trigger ("..., said Col. X").

Negation ("no troops were harmed") and hedging ("might have hurt") are marked; deaths and
injuries get a count with its qualifier (0 when the text says none).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract._extensions import register_extensions
from extract.components._rules import RuleComponent
from extract.records import Argument, Mention
from extract.resources import check_keys

_KEYS = {"report_verbs", "report_nouns", "light_verbs", "responsibility_words", "place_preps",
         "target_preps", "time_preps", "hedges", "negations", "no_one_words", "aggregate_words",
         "victim_head_types", "violence_words", "threat_verbs", "max_words", "place_nouns",
         "noun_place_preps", "series_nouns", "aim_verbs", "instrument_subject_verbs",
         "including_words", "remainder_words", "blame_verbs", "area_nouns", "give_verbs",
         "detonation_verbs"}
PLACE_LABELS = ("GPE", "LOC", "FAC")
TIME_LABELS = ("DATE", "TIME")
ACTOR_LABELS = ("PERSON", "ORG", "UNIT", "GPE", "NORP")
SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
OBJECTS = ("dobj", "obj", "attr", "oprd")
# Mention types whose patient is a victim (a person harmed or held) rather than a target.
_SUBJECT_PRONOUNS = {"they", "he", "she"}
# Kept as arguments: the text's own words; the event record prefers a named argument.
_PERSONAL_PRONOUNS = {"one", "he", "she", "they", "him", "her", "them", "we", "us"}
_QUANTITY_NOUNS = {"scores", "dozens", "hundreds", "thousands", "several", "many", "some"}
PATIENT_ROLE = {"death": "victim", "injury": "victim", "arrest": "victim", "kidnapping": "victim",
                "sexual_violence": "victim",
                "attack": "target", "damage": "target", "threat": "target", "protest": "target"}


@Language.factory(
    "extract_arguments",
    default_config={},
    assigns=["doc._.mentions"],
    requires=["doc._.mentions", "doc.ents", "token.dep"],
)
def make_arguments(nlp: Language, name: str) -> ArgumentLinker:
    return ArgumentLinker(nlp, name)


class ArgumentLinker(RuleComponent):
    RULE_FILES = {"arguments.json": "arguments"}

    def __init__(self, nlp: Language, name: str = "extract_arguments", *,
                 rules: dict[str, Any] | None = None) -> None:
        register_extensions()
        self.name = name
        self._load_rules(rules)

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
        span = self._phrase(tok)
        end = span.end
        if end < len(self.doc) and self.doc[end].lower_ in self.w["remainder_words"] and (
                span[-1].pos_ == "NUM" or span[-1].lower_ in _QUANTITY_NOUNS):
            return self.doc[span.start:end + 1]  # "injuring scores more", "some 130 more"
        return span

    def _phrase(self, tok: Token) -> Span:
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
        """A coordinated argument stands for all its members: "eight women, a girl and four
        men were injured" (the parser hangs the verb on the last one)."""
        return sorted({tok, *tok.conjuncts}, key=lambda t: t.i)

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
        if tok is None or tok.pos_ in ("PRON", "DET") and tok.lower_ not in _PERSONAL_PRONOUNS:
            return  # "it", "this", "something" name nothing; "they", "she" name someone
        if tok.ent_type_ in TIME_LABELS and role != "time":
            return  # "Around 7 May 2020 (as reported), a man was found dead": a date is no one
        if role == "target" and patient == "target" and tok.head.lemma_.lower() in self.w[
                "threat_verbs"] and tok.ent_type_ not in ACTOR_LABELS + PLACE_LABELS:
            return  # "vowed retaliation": the threatened act, not who is threatened
        if role == "actor" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return  # "no group has claimed it": nobody to name
        for conj in self.conjuncts(tok):
            if conj.i in self.triggers and role != "weapon":
                continue
            actual = "weapon" if self.is_weapon(conj) else role
            args.append((actual, self.phrase(conj)))
            # "leftists were arrested, including Eva Forest and ...": the named members too
            for prep in (c for c in conj.children if c.dep_ == "prep"
                         and c.lower_ in self.w["including_words"]):
                member = _pobj(prep)
                if member is not None:
                    args.extend((actual, self.phrase(m)) for m in self.conjuncts(member))

    def _verbal(self, mention: Mention, head: Token, args: list, patient: str) -> None:
        kids = list(head.children)
        subj = next((c for c in kids if c.dep_ in SUBJECTS), None)
        subjpass = next((c for c in kids if c.dep_ in PASSIVE_SUBJECTS), None)
        obj = next((c for c in kids if c.dep_ in OBJECTS), None)
        agent = next((g for c in kids if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj"), None)
        if subj is None and subjpass is None:
            subj, subjpass = self._inherited_subject(head)
            if subj is not None and lemma_in(subj.head, self.w["instrument_subject_verbs"]) and (
                    _child(subj.head, OBJECTS) is None):
                subj = None  # "the device went off, killing three": what blew up killed no one
        elif subj is not None and subj.tag_ in ("WDT", "WP") and head.dep_ == "relcl":
            subj = head.head  # "the airstrike that killed X": the pronoun stands for the noun
        elif subjpass is not None and subjpass.tag_ in ("WDT", "WP") and head.dep_ == "relcl":
            subjpass = head.head  # "the window, which was damaged by the blast"
        if subj is not None and subj.lower_ == "where" or subj is not None and subj.tag_ == "WRB":
            subj = None
        if subj is not None and (subj.ent_type_ in ("FAC", "LOC") or not subj.ent_type_ and (
                subj.lemma_.lower() in self.w["place_nouns"])):
            subj = None  # "the cafe, which killed 13": the parser's slip; a place kills no one
        if lemma_in(head, self.w["detonation_verbs"]):
            # "detonated the bomb", "devices were detonated": what was set off is the weapon
            for device in (obj, subjpass):
                if device is not None and device.i not in self.triggers:
                    self._add(args, "weapon", device, patient)
            obj = subjpass = None
        if subj is not None and obj is None and lemma_in(head, self.w["instrument_subject_verbs"]):
            # "a device exploded", "the bombs went off": what blew up, not who set it
            if subj.pos_ not in ("PRON", "DET") and subj.i not in self.triggers:
                args.append(("weapon", self.ent_at[subj.i] if self.is_weapon(subj)
                             else self.phrase(subj)))
            subj = None
        if subj is not None and self.is_weapon(subj) and mention.type in ("death", "injury"):
            # "the bombs killed three": what killed is the weapon, no doer
            args.append(("weapon", self.ent_at[subj.i]))
            subj = None
        if head.pos_ == "ADJ":  # "five people were dead", "the wounded soldiers"
            subjpass = subj or subjpass or (head.head if head.dep_ in ("amod",) else None)
            subj = None
            if subjpass is None and head.dep_ in ("oprd", "acomp", "xcomp", "advcl", "ccomp"):
                # "was shot dead", "gunned him dead": whom the act left dead
                subjpass = _child(head.head, PASSIVE_SUBJECTS + OBJECTS)
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
        if agent is not None and agent.i not in self.triggers:
            self._add(args, "actor", agent, patient)
        for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in self.w["including_words"]):
            member = _pobj(prep)  # "leftists were arrested, including Eva Forest, ..."
            if member is not None and (subjpass is not None or obj is not None):
                for tok in self._members(member):
                    self._add_one(args, patient, tok)
        exploded = lemma_in(head, self.w["instrument_subject_verbs"]) and obj is None
        for prep in (c for c in kids if c.dep_ == "prep" and c.lower_ in self.w["target_preps"]):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                if exploded and pobj.lemma_.lower() in self.w["place_nouns"]:
                    continue  # "a bomb exploded on a busy street": where, not whom
                if pobj.ent_type_ not in PLACE_LABELS + TIME_LABELS and mention.type in (
                        "attack", "protest", "threat"):
                    self._add(args, patient, pobj, patient)

    def _inherited_subject(self, verb: Token, depth: int = 0) -> tuple[Token | None, Token | None]:
        """(subject, passive subject) a verb without its own takes from the clause it hangs on:
        "the airstrike that killed X" (relative clause), "the general killed in the strike"
        (participle), "they killed 23 and injured 15" (coordination), "a bomb exploded,
        killing five" (participle clause), "the army claimed to have hit three gunmen"
        (control)."""
        if depth > 3:
            return None, None
        gov = verb.head
        if verb.dep_ == "relcl":
            return gov, None
        if verb.dep_ == "acl":
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                return None, None  # "the opportunity to attack X": no agent here
            return (None, gov) if verb.tag_ == "VBN" else (gov, None)
        if verb.dep_ in ("conj", "advcl", "xcomp") and gov.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VB", "VBN"):
                return None, None  # "when he answered": a clause with its own subject
            subj = _child(gov, SUBJECTS)
            subjpass = _child(gov, PASSIVE_SUBJECTS)
            if verb.dep_ != "conj" and subj is None and subjpass is not None:
                return None, None
            if subj is None and subjpass is None:
                return self._inherited_subject(gov, depth + 1)
            return subj, (subjpass if verb.dep_ == "conj" else None)
        return None, None

    def _antecedent(self, tok: Token | None) -> Token | None:
        """"They killed 23 soldiers": a subject pronoun stands for the previous sentence's
        subject when that names people or a group (news rarely strays further)."""
        if tok is None or tok.lower_ not in _SUBJECT_PRONOUNS:
            return tok
        sent = tok.sent
        if sent.start == 0:
            return tok
        prev = self.doc[sent.start - 1].sent
        subj = _child(prev.root, SUBJECTS)
        if subj is None or subj.pos_ == "PRON":
            return tok
        plural = tok.lower_ in ("they", "them")
        if (subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
                or subj.ent_type_ in ("UNIT", "NORP", "ORG")) != plural and subj.ent_type_ != "UNIT":
            return tok
        return subj

    def _nominal(self, mention: Mention, head: Token, args: list, patient: str) -> None:
        trigger_start = min(t.i for t in head.subtree if t.i in self.triggers or t.i == head.i)
        before = self.ent_at.get(trigger_start - 1)
        if before is not None and before.label_ == "UNIT" and before.end == trigger_start and (
                before.root.head.i != head.i):
            # "IS attacks" where the parser took the group for a verb: a group right before
            # a nominal trigger is who carried it out
            args.append(("actor", before))
        for child in head.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and (
                    child.ent_type_ in ACTOR_LABELS and child.ent_type_ != "GPE"
                    or child.ent_type_ == "GPE" and mention.type == "attack"):
                ent = self.ent_at.get(child.i)
                geo = ent._.place if ent is not None and ent.label_ == "GPE" else None
                if ent is not None and ent.label_ == "WEAPON":
                    pass
                elif geo is not None and geo.kind not in ("country",):
                    args.append(("place", ent))  # "the Manchester bombing": where, not who
                else:
                    self._add(args, "actor", child, patient)
            elif child.dep_ == "prep" and child.lower_ == "by":
                pobj = _pobj(child)
                if pobj is not None and pobj.ent_type_ not in TIME_LABELS:
                    self._add(args, "actor", pobj, patient)
            elif child.dep_ == "prep" and child.lower_ == "between" and mention.type == "attack":
                # "a battle between troops and terrorists": the sides, first named first
                sides = self.conjuncts(_pobj(child)) if _pobj(child) is not None else []
                if sides:
                    self._add_one(args, "actor", sides[0])
                    for other in sides[1:]:
                        self._add_one(args, patient, other)
            elif child.dep_ == "prep" and child.lower_ == "with" and mention.type == "attack" and (
                    mention.subtype == "armed_clash"):
                self._add(args, patient, _pobj(child), patient)  # "a gunfight with police"
            elif child.dep_ == "prep" and child.lower_ == "of" and mention.type == "attack":
                pobj = _pobj(child)  # "the bombing of the federal building", "of the city"
                if pobj is not None and pobj.ent_type_ not in TIME_LABELS:
                    role = "place" if (pobj.ent_type_ in ("GPE", "LOC") or pobj.lemma_.lower() in
                                       self.w["area_nouns"]) else patient
                    self._add(args, role, pobj, patient)
            elif child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                self._describing_clause(child, args, patient)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against") and mention.type in (
                    "attack", "protest", "damage"):
                pobj = _pobj(child)
                if pobj is not None and pobj.ent_type_ not in TIME_LABELS:
                    self._add(args, patient, pobj, patient)
            elif child.dep_ == "prep" and child.lower_ == "of" and mention.type in (
                    "death", "injury", "arrest", "kidnapping", "damage"):
                self._add(args, patient, _pobj(child), patient)
        gov = head.head
        if mention.type == "death" and head.dep_ == "pobj" and gov.lower_ == "to" and (
                gov.head.pos_ == "VERB"):
            # "tortured to death", "hacked to death": who died is whom the act was done to
            self._add(args, patient, _child(gov.head, PASSIVE_SUBJECTS + OBJECTS), patient)
        if mention.type == "threat" and head.dep_ in ("dobj", "nsubjpass", "obj") and lemma_in(
                gov, self.w["give_verbs"]):
            # "warnings were given to the police", "workers were given an ultimatum by X"
            for prep in (c for c in gov.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"):
                member = _pobj(prep)
                if member is not None:
                    for tok in self._members(member):
                        self._add_one(args, "target", tok)
            if head.dep_ in ("dobj", "obj"):
                self._add(args, "target", _child(gov, PASSIVE_SUBJECTS), patient)
            self._add(args, "actor", _agent(gov), patient)
        if head.dep_ == "pobj" and gov.lower_ == "of" and gov.head.lemma_.lower() in self.w[
                "series_nouns"] and gov.head.dep_ in ("dobj", "obj"):
            gov = gov.head.head  # "launched a series of attacks": the series was launched
            if lemma_in(gov, self.w["light_verbs"]):
                self._add(args, "actor", self._antecedent(_child(gov, SUBJECTS)), patient)
            gov = head.head
        if head.dep_ in ("dobj", "obj") and lemma_in(gov, self.w["light_verbs"]):
            # "militiamen staged protests", "the group carried out the attack"
            self._add(args, "actor", self._antecedent(_child(gov, SUBJECTS)), patient)
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
            if gov.i not in self.triggers and not lemma_in(gov, self.w["blame_verbs"]):
                self._add(args, patient, _child(gov, OBJECTS), patient)
        if head.dep_ == "pobj" and gov.lower_ == "by" and gov.dep_ == "agent" and (
                mention.type == "attack" and gov.head.i not in self.triggers):
            # "the building was shattered by an explosion": what the attack hit
            self._add(args, patient, _child(gov.head, PASSIVE_SUBJECTS), patient)
        if mention.type == "protest" and head.dep_ == "pobj" and gov.lower_ == "of":
            carrier = gov.head  # "two days of violent protests": the days were staged
            if carrier.dep_ in ("dobj", "obj") and lemma_in(carrier.head, self.w["light_verbs"]):
                self._add(args, "actor", _child(carrier.head, SUBJECTS), patient)

    def _members(self, tok: Token) -> list[Token]:
        """The people of a list: conjuncts, and names set off by commas after the first
        ("Eva Forest, wife of X, Juan Y and Z")."""
        out = self.conjuncts(tok)
        for t in list(tok.subtree):
            if t.dep_ in ("appos", "conj") and t.ent_type_ == "PERSON" and t not in out and (
                    self.ent_at.get(t.i) is None or self.ent_at[t.i].root.i == t.i):
                out.append(t)
        return sorted(out, key=lambda t: t.i)

    def _add_one(self, args: list, role: str, tok: Token) -> None:
        if tok.pos_ not in ("PRON", "DET") and tok.i not in self.triggers:
            args.append((role, self.phrase(tok)))

    def _describing_clause(self, verb: Token, args: list, patient: str) -> None:
        """A clause on a nominal trigger that tells who did it or what it was aimed at:
        "attacks carried out by militants", "bombings targeted at the military", "which
        seemed to be aimed at civilians"."""
        for tok in [verb, *(c for c in verb.children if c.dep_ == "xcomp")]:
            if lemma_in(tok, self.w["light_verbs"]):
                self._add(args, "actor", _agent(tok), patient)
            if lemma_in(tok, self.w["aim_verbs"]):
                for prep in (c for c in tok.children if c.dep_ == "prep"
                             and c.lower_ in self.w["target_preps"]):
                    self._add(args, patient, _pobj(prep), patient)
                obj = _child(tok, OBJECTS)
                if obj is not None and obj.tag_ not in ("WDT", "WP"):
                    self._add(args, patient, obj, patient)

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
                out.extend(self._outside_triggers(child, head))
        return out

    def _outside_triggers(self, tok: Token, head: Token) -> list[Token]:
        """The subtree of `tok` less what hangs on another trigger: in "killed in blasts in
        Kandahar" the place is the blasts' (they merge; the death keeps none of its own)."""
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            out.append(t)
            if t.i in self.triggers and t.i != head.i:
                continue
            stack.extend(t.children)
        return out

    def _place_and_time(self, mention: Mention, head: Token, args: list) -> None:
        seen_places, seen_times = set(), set()
        places, times = [], []
        durations = []
        for tok in self._clause_tokens(head):
            ent = self.ent_at.get(tok.i)
            if ent is None:
                if (tok.pos_ == "NOUN" and tok.lemma_.lower() in self.w["place_nouns"]
                        and tok.dep_ == "pobj" and (tok.head.lower_ in self.w["noun_place_preps"]
                                                    or tok.head.lower_ == "on" and head.pos_ == "VERB")
                        and tok.head.head.i in (head.i, head.head.i) and not places):
                    # "on a busy street", "in hospital": where, even without a name
                    places.append(self.phrase(tok))
                continue
            if self._modifies_trigger(ent) and ent.label_ not in TIME_LABELS:
                continue  # "US airstrike" (but "the 1992 assassinations" dates them)
            if (ent.label_ in PLACE_LABELS or ent._.place is not None) and ent.start not in seen_places:
                # an ORG-tagged "Halol check post" the place resolver placed is a place too
                if _under_place_prep(tok, self.w["place_preps"]) and not _container(ent):
                    seen_places.add(ent.start)
                    places.append(ent)
            elif ent.label_ in TIME_LABELS and ent.start not in seen_times:
                seen_times.add(ent.start)
                is_duration = str(ent._.timex_value or "").startswith("P")
                (durations if is_duration else times).append(ent)
        # A place only named elsewhere in the sentence is context, not an argument of this
        # mention: extract_events gives it to the event when no mention names a place.
        if not times:
            sent_times = [e for e in head.sent.ents if e.label_ in TIME_LABELS
                          and not str(e._.timex_value or "").startswith("P")]
            times = sorted(sent_times, key=lambda e: abs(e.start - head.i))[:1] or durations[:1]
        # A time on the trigger or its verb dates it before one deeper in their phrases: "Ford,
        # a president from August 1974 to January 1977 ..., died late Tuesday" died late
        # Tuesday, "the death toll rose on Monday in Sunday's blast": the blast was Sunday.
        near = sorted((t for t in times if _tree_distance(t.root, head) <= 2),
                      key=lambda e: (_tree_distance(e.root, head), abs(e.start - head.i)))
        times = near + [t for t in times if t not in near]
        args.extend(("place", p) for p in _most_specific(places))
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


def _most_specific(places: list[Span]) -> list[Span]:
    """The places attached to the trigger, less those that only locate another: a name inside
    a longer place phrase ("the London Bridge" in "the London Bridge district"), and a place
    hanging on another place ("at the cafe in Calle del Correo": the cafe is where)."""
    def locates_other(place: Span) -> bool:
        for other in places:
            if other is place:
                continue
            if other.start <= place.start and place.end <= other.end and len(other) > len(place):
                return True
            prep = next((a for a in list(place.root.ancestors)[:3]
                         if a.dep_ == "prep" and a.lower_ != "of"), None)
            if prep is not None and other.start <= prep.head.i < other.end:
                return True
        return False

    return [p for p in places if not locates_other(p)]


def _container(ent: Span) -> bool:
    """"in Strasbourg, eastern France", "Calle del Correo, Madrid, Spain": a place in
    apposition after another only says where that one lies."""
    root = ent.root
    if root.dep_ not in ("appos", "conj", "npadvmod") or root.head.ent_type_ not in PLACE_LABELS:
        return False
    between = ent.doc[root.head.i + 1:ent.start]
    return any(t.text == "," for t in between) and not any(t.dep_ == "cc" for t in between)


def _is_actor_like(ent: Span) -> bool:
    """A country named as the one acting ("Iran has vowed") is not where it happened."""
    return ent.root.dep_ in SUBJECTS + ("poss",)


def _tree_distance(tok: Token, head: Token) -> int:
    """How many links part `tok` from `head` in the parse, through their nearest common
    ancestor (a time hanging on the trigger is 1, one on its verb 2)."""
    up = {}
    for steps, t in enumerate([tok, *tok.ancestors]):
        up[t.i] = steps
    for steps, t in enumerate([head, *head.ancestors]):
        if t.i in up:
            return up[t.i] + steps
    return len(tok.doc)
