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
            result = doc_to_result(doc)
            if piece.offset:
                result = _shifted(result, piece.offset)
            pending.setdefault(piece.index, []).append(result)
            if piece.last:
                yield _joined(pending.pop(piece.index))

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
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(doc_id=f"doc{index + 1}", text=item, published=None)
    if isinstance(item, dict):
        text = item.get("text", item.get("body"))
        if not isinstance(text, str):
            raise ValueError(f"article {index + 1}: no 'text' field")
        published = item.get("published", item.get("date"))
        return Article(doc_id=str(item.get("id") or f"doc{index + 1}"), text=text,
                       published=str(published) if published else None,
                       title=item.get("title"), url=item.get("url"))
    raise TypeError(f"cannot process {type(item).__name__}: expected Article, str or dict")


def _split(text: str, limit: int) -> list[tuple[int, str]]:
    """Pieces of at most `limit` characters, cut after a newline (else a space) when possible."""
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
