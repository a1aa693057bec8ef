"""A processed spaCy Doc -> the DocumentResult record of SPEC.md."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from extract.records import DocumentResult, Entity
from extract.resources import read_rules


@cache
def _categories() -> tuple[dict[str, str], str]:
    """Entity label -> category ("UNIT" -> "unit"), from the taxonomy in models/."""
    taxonomy = read_rules("taxonomy.json", "taxonomy")
    return taxonomy["categories"], taxonomy["default_category"]


def entity_records(doc: Doc, *, offset: int = 0) -> list[Entity]:
    """Every entity of the Doc with what our components know of it."""
    categories, default = _categories()
    out = []
    for ent in doc.ents:
        record = Entity(text=ent.text, label=ent.label_,
                        category=categories.get(ent.label_, default),
                        start=ent.start_char + offset, end=ent.end_char + offset)
        record.value = ent._.timex_value
        record.timex_type = ent._.timex_type if ent._.timex_value else None
        record.long_form = ent._.long_form
        place = ent._.place
        if place is not None:
            record.country, record.admin1 = place.country, place.admin1
            record.latitude, record.longitude = place.latitude, place.longitude
        quantity = ent._.quantity
        if quantity is not None:
            record.number, record.qualifier = quantity.value, quantity.qualifier
        out.append(record)
    return out


def doc_to_result(doc: Doc) -> DocumentResult:
    published = doc._.published
    return DocumentResult(
        doc_id=doc._.doc_id,
        published=published.isoformat() if published is not None else None,
        published_source=doc._.published_source,
        entities=entity_records(doc),
        events=list(doc._.events or []),
    )
