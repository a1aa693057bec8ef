"""spaCy component `extract_places`: resolve GPE, LOC and FAC entities to places, offline.

Each such entity gets `span._.place` (a `normalize.gazetteer.Place`, or None when unknown).
Homonyms are settled by the article's other places: the countries its GPE entities resolve to
("Tripoli" in a story that names Lebanon is the Lebanese port, not the Libyan capital).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from extract._extensions import register_extensions
from extract.normalize.gazetteer import RULES_FILE, Gazetteer, Place, PlaceRules

DEFAULT_LABELS = ["GPE", "LOC", "FAC"]
DEFAULT_CONTEXT_LABELS = ["GPE"]


@Language.factory(
    "extract_places",
    default_config={"labels": DEFAULT_LABELS, "context_labels": DEFAULT_CONTEXT_LABELS},
    assigns=["span._.place"],
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
        self.context_labels = frozenset(context_labels)
        # Loaded once per process and shared by every pipeline using the default rules.
        self.gazetteer = gazetteer or Gazetteer.default()

    def __call__(self, doc: Doc) -> Doc:
        resolve = self.gazetteer.resolve
        ents = [ent for ent in doc.ents if ent.label_ in self.labels]
        # First pass without context: which countries does the article talk about?
        alone: dict[str, Place | None] = {ent.text: resolve(ent.text) for ent in ents}
        mentions: Counter[str] = Counter()
        for ent in ents:
            place = alone[ent.text]
            if ent.label_ in self.context_labels and place is not None and place.country:
                mentions[place.country] += 1
        # A name is no evidence for itself: "Tripoli" alone says Libya, and would vote so.
        own_votes: Counter[str] = Counter(
            ent.text for ent in ents if ent.label_ in self.context_labels
        )
        for ent in ents:
            counts = mentions.copy()
            own = alone[ent.text]
            if own is not None and own.country:
                counts[own.country] -= own_votes[ent.text]
            context = tuple(cc for cc, n in counts.most_common() if n > 0)
            ent._.place = resolve(ent.text, context_countries=context)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the rule data (alias table and word lists) as `places.json` in `path`."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / RULES_FILE, self.gazetteer.rules.to_dict())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PlaceResolver:
        """Read the rule data written by `to_disk`; it is validated like `models/places.json`."""
        rules = PlaceRules.load(ensure_path(path))
        self.gazetteer = Gazetteer.for_rules(rules)
        return self

    def __repr__(self) -> str:
        return f"PlaceResolver(labels={sorted(self.labels)!r})"
