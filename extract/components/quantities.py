"""extract_quantities: a number and qualifier on every CARDINAL entity ("at least 50")."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract._extensions import register_extensions
from extract.normalize.numbers import parse_quantity

QUANTITY_LABELS = ("CARDINAL", "QUANTITY")


@Language.factory("extract_quantities", assigns=["span._.quantity"], requires=["doc.ents"])
def make_quantities(nlp: Language, name: str) -> QuantityParser:
    return QuantityParser()


class QuantityParser:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            if ent.label_ in QUANTITY_LABELS:
                ent._.quantity = parse_quantity(ent.text)
        return doc
