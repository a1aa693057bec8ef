"""spaCy component `extract_places`: resolve GPE, LOC and FAC entities to places, offline.

Each such entity gets `span._.place` (a `normalize.gazetteer.Place`, or None when unknown) and
`span._.place_chain`, the names written after it that locate it. News and ACLED coders place
a town by what follows it: "Laman area of Qala I Naw district, Badghis", "Mirpurkhas city
(Mirpurkhas, Sindh)", "Caripito, Monagas state", "Nahiyat Yathrib in Saladin province". The
later names pick among the town's namesakes; a village GeoNames lacks takes the place of the
next name (marked `fallback`), never a namesake abroad.

The document gets `doc._.place_country`: the dateline's country ("KABUL, May 3 (AP) -"), else
the country most of its places agree on. It settles the namesakes of places written alone, but a
region or country named beside a town wins, and a country merely mentioned ("talks with Iran")
counts for less than the article's towns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from extract._extensions import register_extensions
from extract.normalize.gazetteer import (
    RULES_FILE,
    Gazetteer,
    PlaceRules,
    fold,
    geo_precision,
)

DEFAULT_LABELS = ["GPE", "LOC", "FAC"]
DEFAULT_CONTEXT_LABELS = ["GPE"]
# Longest chain read: village, sub-district, district, region, country.
MAX_CHAIN = 5
# A country named in passing is weaker evidence of where the story is than a town.
COUNTRY_VOTE = 0.5
# Nationality words NER sometimes tags as places ("Afghan forces", "Turkish drones").
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
# Labels the small English model gives village and district names it does not know ("in Laman
# area" NORP, "Qala I Naw district" ORG, "Badghis" PERSON): places when written where a place is.
MISTAKEN_LABELS = frozenset({"NORP", "ORG", "PERSON"})
# Entities that never name a place: a chain ends at them.
NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "UNIT", "WEAPON"}
)

# A wire dateline opens the text: "KABUL, May 3 (AP) -", "Mosul, Iraq (Reuters) --",
# "BAGHDAD - ". Its place (and country, when written) is where the story was filed.
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][\w'\u2019. -]{1,40}?)"
    r"(?:,\s*(?P<country>[A-Z][\w'\u2019. -]{1,40}?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|\u2013|\u2014|:)\s"
)
# A capitalized place name, with the lowercase particles names carry ("Tecpan de Galeana",
# "Sangi-ye Pain", "Ras al Ain").
_NAME = (
    r"[^\W\d_a-z][\w'\u2019&-]*"
    r"(?:\s+(?:(?:de|do|da|dos|das|del|de la|la|el|al|i|e|y|ye|du|des|wa)\s+)?"
    r"[^\W\d_a-z][\w'\u2019&-]*)*"
)
# The rest of a name NER cut short: "San Jose| del Monte", "Dera Ismail| Khan".
_NAME_TAIL = re.compile(
    r"(?:\s+(?:(?:de|do|da|dos|das|del|la|el|al)\s+)?[^\W\d_a-z][\w'\u2019&-]*)+"
)
# How the next name of a chain is joined: ", Y", "(Y", ") Y", "of Y", "in the Y", "under Y".
_JOIN = re.compile(r"\s*\)?\s*(?:,|\()\s*|\s*\)?\s+(?:of|in|under)\s+(?:the\s+)?")
_LIST_AFTER = re.compile(r"\s*,?\s+(?:and|or|&)\s+[^\W\d_a-z]")
# A bare name ends where a clause does: "Cunduacan, Tabasco, a man" (not "Kabul, Police said").
_NAME_END = re.compile(r"\s*(?:[,.;:()]|\Z)")


@Language.factory(
    "extract_places",
    default_config={"labels": DEFAULT_LABELS, "context_labels": DEFAULT_CONTEXT_LABELS},
    assigns=["span._.place", "span._.place_chain", "doc._.place_country"],
    requires=["doc.ents"],
)
def make_places(
    nlp: Language, name: str, labels: list[str], context_labels: list[str]
) -> PlaceResolver:
    """Factory: the rule data comes from `models/places.json`, or from a saved pipeline."""
    register_extensions()
    return PlaceResolver(nlp, name, labels=labels, context_labels=context_labels)


class PlaceResolver:
    """Sets `span._.place` on every entity whose label is in `labels`."""

    def __init__(
        self,
        nlp: Language,
        name: str = "extract_places",
        *,
        labels: Iterable[str] = DEFAULT_LABELS,
        context_labels: Iterable[str] = DEFAULT_CONTEXT_LABELS,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.name = name
        self.labels = frozenset(labels)
        # Kept for configs written before the default country replaced per-label context.
        self.context_labels = frozenset(context_labels)
        # Loaded once per process and shared by every pipeline using the default rules.
        self.use(gazetteer or Gazetteer.default())

    def use(self, gazetteer: Gazetteer) -> None:
        """Adopt a gazetteer and compile the chain grammar from its rule words."""
        self.gazetteer = gazetteer
        rules = gazetteer.rules
        suffixes = _alternation(
            (*rules.area_suffixes, *rules.admin2_suffixes, *rules.facility_suffixes)
        )
        directions = _alternation(rules.direction_words)
        # A name of a chain: "Qala I Naw district", "the eastern Aleppo countryside".
        self._member = re.compile(
            rf"(?:(?i:{directions})\s+)?{_NAME}(?P<suffix>\s+(?i:{suffixes})\b)?"
        )
        # Words that may follow the entity itself before the chain: "Laman area of ...", and
        # the rest of a name NER cut short before its place word ("[Bala] Dasht village").
        self._lead = re.compile(
            rf"(?P<rest>(?:\s+[^\W\d_a-z][\w'\u2019-]*)*(?=\s+(?i:{suffixes})\b))?"
            rf"(?:\s+(?i:{suffixes})\b)*"
        )
        self._near = tuple(sorted(rules.near_words, key=len, reverse=True))
        self._text = ""  # the document being read (set per call)

    def __call__(self, doc: Doc) -> Doc:
        # Doc.text joins every token on each access: read it once per document, or reading
        # the chains after each place makes a long article quadratic.
        self._text = doc.text
        ents = [ent for ent in doc.ents if ent.label_ in self.labels]
        chains = {ent.start: self.chain_after(doc, ent) for ent in doc.ents}
        members = self._chain_member_starts(doc, chains)
        places = [
            ent
            for ent in doc.ents
            if not _is_nationality(ent)
            and (ent.label_ in self.labels or self._written_as_place(doc, ent, members))
        ]
        for ent in ents:
            ent._.place = None
        chains_of = [chains[ent.start] for ent in places]
        default = self.dateline_country(doc) or self._common_country(places, chains_of)
        doc._.place_country = default
        resolve = self.gazetteer.resolve_chain
        for ent, chain in zip(places, chains_of, strict=True):
            ent._.place_chain = chain[1:]
            place = resolve(tuple(chain), default_country=default)
            if place is not None:
                precision = geo_precision(place, near=self._is_near(doc, ent))
                place = replace(place, precision=precision)
            ent._.place = place
        return doc

    # -- reading the text ---------------------------------------------------------------------

    def chain_after(self, doc: Doc, ent: Span) -> list[str]:
        """The place's name as written, then the names after it that locate it, nearest first.

        The name runs on where NER cut it short ("Bala Dasht village"). A later name counts
        when NER calls it a place, when it carries a region word ("Kajran district", "Monagas
        state"), stands in brackets ("(Dori, Seno)") or ends a clause ("Tabasco, a man"); a
        list ("Baghdad, Basra and Najaf") is no chain.
        """
        text = self._text
        head = ent.text
        tail = _NAME_TAIL.match(text, ent.end_char)
        if tail is not None and self.gazetteer.candidates(head + tail.group(0)):
            head += tail.group(0)  # NER cut "San Jose [del Monte]" short
        lead = self._lead.match(text, ent.start_char + len(head))
        pos = lead.end()
        members: list[str] = [head + (lead.group("rest") or "")]
        bracket = False
        while len(members) < MAX_CHAIN:
            join = _JOIN.match(text, pos)
            if join is None:
                break
            bracket = bracket or "(" in join.group(0)
            found = self._member.match(text, join.end())
            if found is None or not self._is_place_text(doc, found, bracket):
                break
            members.append(found.group(0))
            pos = found.end()
        if len(members) > 1 and _LIST_AFTER.match(text, pos):
            return members[:1]
        return members

    def _is_place_text(self, doc: Doc, found: re.Match[str], bracket: bool) -> bool:
        """Whether a capitalized name after a place is a place too, not "Police said"."""
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        if span is None:
            return False
        labels = {ent.label_ for ent in span.ents}
        if labels & NOT_PLACE_LABELS:
            return False  # a date, a number, an armed group: the chain ends
        if labels & self.labels or bracket or found.group("suffix") is not None:
            return True
        return _NAME_END.match(self._text, found.end()) is not None

    def _chain_member_starts(self, doc: Doc, chains: dict[int, list[str]]) -> set[int]:
        """Character offsets where a chain member begins (they are places, whatever NER says)."""
        starts: set[int] = set()
        for start, chain in chains.items():
            pos = doc[start].idx + len(chain[0])
            for name in chain[1:]:
                pos = self._text.find(name, pos)
                starts.add(pos)
        return starts

    def _written_as_place(self, doc: Doc, ent: Span, members: set[int]) -> bool:
        """A mislabelled name where a place is written: "in Laman area", "Qala I Naw district,
        Badghis" (a member of a chain), "the village of Bambofa"."""
        if ent.label_ not in MISTAKEN_LABELS:
            return False
        if ent.start_char in members:
            return True
        return self._after_locative(ent)

    def _after_locative(self, ent: Span) -> bool:
        """Whether a name follows a word that introduces where: "in", "near", "village of"."""
        before = fold(self._text[max(0, ent.start_char - 30) : ent.start_char]).split()
        if not before:
            return False
        rules = self.gazetteer.rules
        if before[-1] in rules.split_prepositions or before[-1] in rules.near_words:
            return True
        return len(before) > 1 and before[-1] == "of" and before[-2] in rules.area_suffixes

    def dateline_country(self, doc: Doc) -> str | None:
        """The country of the dateline that opens the text, or None without one."""
        found = _DATELINE.match(self._text)
        if found is None:
            return None
        names = tuple(n for n in (found.group("place"), found.group("country")) if n)
        place = self.gazetteer.resolve_chain(names)
        return place.country if place is not None else None

    def _is_near(self, doc: Doc, ent: Span) -> bool:
        """"near Kamianka", "west of Rafah", "on the outskirts of Kabul": ACLED precision 2."""
        before = fold(self._text[max(0, ent.start_char - 30) : ent.start_char])
        before = before.removesuffix(" the").removesuffix(" of").strip()
        return any(before.endswith(word) for word in self._near)

    # -- the article's country ----------------------------------------------------------------

    def _common_country(self, places: list[Span], chains: list[list[str]]) -> str | None:
        """The country most of the article's places lie in, counting only clear evidence.

        A town whose namesakes lie in several countries ("Tripoli") votes only when a region
        or country named beside it settles which; a country named alone votes for less.
        """
        votes: Counter[str] = Counter()
        for ent, chain in zip(places, chains, strict=True):
            place = self.gazetteer.resolve_chain(tuple(chain))
            if place is None or place.country is None:
                continue
            if place.kind == "country":
                # "in Iraq" says where; "the US dollar", "talks with Iran" do not.
                votes[place.country] += COUNTRY_VOTE * self._after_locative(ent)
            elif len(chain) > 1 or self.gazetteer.home_country(chain[0]) == place.country:
                votes[place.country] += 1
        if not votes:
            return None
        (top, count), *rest = votes.most_common(2) + [("", 0.0)]
        return top if count > rest[0][1] else None

    # -- serialization ------------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the rule data (alias table and word lists) as `places.json` in `path`."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / RULES_FILE, self.gazetteer.rules.to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PlaceResolver:
        """Read the rule data written by `to_disk`; it is validated like `models/places.json`."""
        rules = PlaceRules.load(ensure_path(path))
        self.use(Gazetteer.for_rules(rules))
        return self

    def __repr__(self) -> str:
        return f"PlaceResolver(labels={sorted(self.labels)!r})"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of folded rule words, longest first; spaces match any blank."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)"


def _is_nationality(ent: Span) -> bool:
    """"Afghan", "Turkish": an adjective says whose, not where (ACLED codes the place)."""
    return len(ent) == 1 and (ent[0].tag_ in ADJECTIVE_TAGS or ent[0].dep_ == "amod")

