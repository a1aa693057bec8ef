"""The library entry point: `Extractor()(text, published=..., doc_id=...)` and `.pipe(...)`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.io.readers import Article
from extract.normalize.published import resolve_published
from extract.pipeline import build_pipeline
from extract.records import DocumentResult
from extract.results import doc_to_result

DEFAULT_BATCH_SIZE = 32


@dataclass(frozen=True)
class _Piece:
    """Where a piece of a long article sits in it: texts over spaCy's max_length are
    processed in paragraph-aligned pieces and put back together with true offsets."""

    index: int  # which input it belongs to
    offset: int  # character offset of the piece in the whole text
    last: bool  # the input's last piece


class Extractor:
    """Extracts events and entities from news articles.

    >>> result = Extractor()("Two rockets hit Balad Air Base on Saturday.", published="2020-01-04")
    >>> result.events[0].type
    'attack'
    """

    def __init__(self, model: str | None = None, *, nlp: Language | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.nlp = nlp if nlp is not None else build_pipeline(model)
        self.batch_size = batch_size

    def __call__(self, text: str, *, published: str | date | None = None,
                 doc_id: str | None = None) -> DocumentResult:
        """Process one article. `published` anchors relative times ("Saturday")."""
        return next(self.pipe([Article(doc_id=doc_id or "doc", text=text, published=None)],
                              published=published))

    def pipe(self, articles: Iterable[Article | str | dict[str, Any]], *,
             published: str | date | None = None,
             batch_size: int | None = None) -> Iterator[DocumentResult]:
        """Process many articles, streaming, in input order.

        Items are `extract.io.Article`s, plain texts, or dicts with "text" and optional
        "id", "published". `published` (the caller's date) overrides every article's own.
        """
        pending: dict[int, list[DocumentResult]] = {}
        stream = self.nlp.pipe(self._docs(articles, published), as_tuples=True,
                               batch_size=batch_size or self.batch_size)
        for doc, piece in stream:
            result = self._to_result(doc)
            if piece.offset:
                result = _shifted(result, piece.offset)
            pending.setdefault(piece.index, []).append(result)
            if piece.last:
                yield _joined(pending.pop(piece.index))

    def _to_result(self, doc: Doc) -> DocumentResult:
        """The record of one processed Doc (a method so the benchmark can time it)."""
        return doc_to_result(doc)

    def _docs(self, articles: Iterable[Article | str | dict[str, Any]],
              published: str | date | None) -> Iterator[tuple[Doc, _Piece]]:
        for index, item in enumerate(articles):
            article = _as_article(item, index)
            anchor, source = resolve_published(caller=published, metadata=article.published,
                                               text=article.text, filename=article.path)
            pieces = _split(article.text, self.nlp.max_length)
            for n, (offset, piece) in enumerate(pieces):
                doc = self.nlp.make_doc(piece)
                doc._.doc_id = article.doc_id
                doc._.published = anchor
                doc._.published_source = source
                yield doc, _Piece(index, offset, n == len(pieces) - 1)


def _as_article(item: Article | str | dict[str, Any], index: int) -> Article:
    """The Article for one input of `pipe`; a clear TypeError/ValueError naming the input
    (1-based position) when it has no text to process."""
    if isinstance(item, Article):
        if not isinstance(item.text, str):
            raise TypeError(f"article {index + 1} ({item.doc_id}): text is "
                            f"{type(item.text).__name__}, not str")
        return item
    if isinstance(item, str):
        return Article(doc_id=f"doc{index + 1}", text=item, published=None)
    if isinstance(item, dict):
        # "text": null with a "body" is a body-only record, as the file readers take it.
        key = "text" if item.get("text") is not None else "body"
        text = item.get(key)
        if text is None:
            raise ValueError(f"article {index + 1}: no 'text' or 'body' field")
        if not isinstance(text, str):
            raise ValueError(f"article {index + 1}: '{key}' is {type(text).__name__}, not str")
        doc_id = item.get("id")
        published = item.get("published") or item.get("date")
        return Article(doc_id=f"doc{index + 1}" if doc_id in (None, "") else str(doc_id),
                       text=text, published=str(published) if published else None,
                       title=item.get("title"), url=item.get("url"))
    raise TypeError(f"cannot process {type(item).__name__}: expected Article, str or dict")


def _split(text: str, limit: int, *, most: int = 100_000) -> list[tuple[int, str]]:
    """Pieces of at most `limit` (and at most `most`) characters, with their offsets, cut
    after a newline (else a space) when one falls in the piece's second half.

    `most` bounds a piece well below spaCy's default max_length: the parser and NER take
    about 1 GB per 100,000 characters (spaCy's E088 note), and argument linking and event
    merging grow faster than linearly with a document's length (measured: a 200,000-character
    text took 130 s in one piece).
    """
    limit = max(1, min(limit, most))
    if len(text) <= limit:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + limit // 2, end)
            end = cut + 1 if cut >= 0 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _shifted(result: DocumentResult, offset: int) -> DocumentResult:
    for entity in result.entities:
        entity.start += offset
        entity.end += offset
    for event in result.events:
        event.start += offset
        event.end += offset
        for mention in event.mentions:
            mention.trigger.start += offset
            mention.trigger.end += offset
            for arg in mention.arguments:
                arg.start += offset
                arg.end += offset
    return result


def _joined(parts: list[DocumentResult]) -> DocumentResult:
    if len(parts) == 1:
        return parts[0]
    whole = parts[0]
    for part in parts[1:]:
        whole.entities += part.entities
        whole.events += part.events
    for n, event in enumerate(whole.events, 1):
        event.event_id = f"{whole.doc_id}:e{n}"
    return whole
