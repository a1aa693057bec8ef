"""The library API: `Extractor()(text, published=, doc_id=)`, `.pipe` over str/dict/Article,
long texts in pieces, records round trips, and the whole pipeline saved and loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.extractor import _split
from extract.io.readers import Article
from extract.records import DocumentResult

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ATTACK = "A car bomb exploded in Baghdad on Monday, killing three soldiers."


def offsets_true(text: str, result) -> bool:
    return all(text[start:end] == span for span, start, end in result.text_spans())


def event_summary(result: DocumentResult) -> list[tuple]:
    return [(e.type, e.subtype, e.date, e.place, e.killed, e.injured, e.start, e.end)
            for e in result.events]


def test_extractor_call_returns_events_anchored_on_published(extractor) -> None:
    result = extractor(ATTACK, published="2020-01-04", doc_id="baghdad")
    assert result.doc_id == "baghdad"
    assert result.published == "2020-01-04"
    assert [e.type for e in result.events] == ["attack"]
    assert result.events[0].killed == 3
    assert result.events[0].date == "2019-12-30"  # the Monday on or before publication
    assert offsets_true(ATTACK, result)


def test_extractor_pipe_takes_str_dict_and_article_in_order(extractor) -> None:
    items = [
        ATTACK,
        {"id": "d", "text": ATTACK, "published": "2020-01-04"},
        {"id": 7, "text": None, "body": ATTACK},  # body-only record, numeric id
        Article(doc_id="a", text=ATTACK, published="2020-01-04"),
    ]
    results = list(extractor.pipe(items))
    assert [r.doc_id for r in results] == ["doc1", "d", "7", "a"]
    assert [r.published for r in results] == [None, "2020-01-04", None, "2020-01-04"]
    assert all(len(r.events) == 1 for r in results)


def test_extractor_pipe_published_overrides_metadata(extractor) -> None:
    [result] = extractor.pipe([{"text": ATTACK, "published": "2021-06-01"}],
                              published="2020-01-04")
    assert result.published == "2020-01-04"


@pytest.mark.parametrize(
    ("item", "error", "message"),
    [
        ({"title": "no text"}, ValueError, "article 1: no 'text' or 'body' field"),
        ({"text": 42}, ValueError, "article 1: 'text' is int, not str"),
        (b"bytes", TypeError, "cannot process bytes"),
        (None, TypeError, "cannot process NoneType"),
        (Article(doc_id="x", text=b"raw", published=None), TypeError,
         "article 1 (x): text is bytes"),
    ],
    ids=["no-text", "text-not-str", "bytes", "none", "article-bytes"],
)
def test_extractor_pipe_rejects_items_without_text(extractor, item, error, message) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(extractor.pipe([item]))


def test_extractor_call_rejects_invalid_published(extractor) -> None:
    with pytest.raises(ValueError, match="invalid publication date 'garbage'"):
        extractor(ATTACK, published="garbage")


def test_extractor_invalid_metadata_date_leaves_times_unanchored(extractor) -> None:
    [result] = extractor.pipe([{"text": ATTACK, "published": "31/31/2020"}])
    assert result.published is None
    assert result.events[0].type == "attack"


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("one two\nthree four\nfive six seven\n" * 5, 16),
        ("x" * 100, 7),  # no newline, no space: hard cuts
        ("a b " * 30, 10),
        ("\r\n" * 40, 9),
        ("", 5),
    ],
    ids=["lines", "one-token", "spaces", "crlf", "empty"],
)
def test_extractor_split_pieces_cover_the_text(text: str, limit: int) -> None:
    pieces = _split(text, limit)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= limit for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)


def test_extractor_split_prefers_newlines_and_caps_piece_size() -> None:
    text = "Rockets hit the base.\n" * 10_000  # 220,000 characters
    pieces = _split(text, 1_000_000)
    assert len(pieces) == 3  # capped at 100,000 characters a piece
    assert all(piece.endswith("\n") for _, piece in pieces)


def test_extractor_long_text_in_pieces_keeps_offsets_true(extractor, monkeypatch) -> None:
    paragraph = ATTACK + "\r\nGunmen wounded 12 people near Kabul on Tuesday.\r\n"
    text = "\ufeffHeadline\r\n" + paragraph * 30
    whole = extractor(text, published="2020-01-04")
    monkeypatch.setattr(extractor.nlp, "max_length", 500)
    pieces = extractor(text, published="2020-01-04", doc_id="long")
    assert len(text) > 5 * 500
    assert offsets_true(text, pieces)
    assert pieces.entities[-1].end > len(text) - len(paragraph)  # the last piece counted
    assert len(pieces.entities) == len(whole.entities)
    assert [e.event_id for e in pieces.events] == [
        f"long:e{n}" for n in range(1, len(pieces.events) + 1)]


def test_extractor_text_longer_than_max_length_does_not_raise(extractor, monkeypatch) -> None:
    monkeypatch.setattr(extractor.nlp, "max_length", 1_000)
    text = "x" * 5_000 + " " + ATTACK
    result = extractor(text, published="2020-01-04")
    assert [e.type for e in result.events] == ["attack"]
    assert offsets_true(text, result)


def test_extractor_records_round_trip(seed_result) -> None:
    data = seed_result.to_dict()
    assert DocumentResult.from_dict(json.loads(json.dumps(data))).to_dict() == data


def test_extractor_records_from_dict_ignores_unknown_keys(seed_result) -> None:
    data = seed_result.to_dict()
    data["extra"] = 1
    data["events"][0]["not_a_field"] = "x"
    again = DocumentResult.from_dict(data)
    assert again.events[0].event_id == seed_result.events[0].event_id


def test_extractor_pipeline_saved_and_loaded_gives_same_events(
        full_nlp, seed_result, tmp_path) -> None:
    import spacy

    from extract import Extractor

    full_nlp.to_disk(tmp_path / "pipeline")
    loaded = Extractor(nlp=spacy.load(tmp_path / "pipeline"))
    assert loaded.nlp.pipe_names == full_nlp.pipe_names
    article = json.loads((SAMPLES / "000_fc4f55061e46ead2.json").read_text(encoding="utf-8"))
    again = loaded(article["text"], published=article["published"], doc_id=article["id"])
    assert again.to_dict() == seed_result.to_dict()
