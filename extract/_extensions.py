"""Every custom attribute our components set on Doc and Span, registered once from one table.

Components import `register_extensions()` and call it in their factory; registration is
idempotent (guarded with `has_extension`), so our components work in anyone's pipeline.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

# name -> default value. Doc-level context first, then what each component writes.
DOC_EXTENSIONS: dict[str, Any] = {
    "doc_id": None,  # caller's document id
    "published": None,  # datetime.date the article was published (anchor for relative times)
    "published_source": None,  # "caller", "metadata", "dateline", "filename" or None
    "acronyms": None,  # {short form: long form} found in the text (extract_entity_rules)
    "mentions": None,  # list[records.Mention] (extract_triggers, filled by extract_arguments)
    "events": None,  # list[records.Event] (extract_events)
    "place_country": None,  # the article's default country (ISO): dateline, else most places (extract_places)
}
SPAN_EXTENSIONS: dict[str, Any] = {
    "timex_value": None,  # TIMEX3 value of a DATE/TIME entity, e.g. "2020-01-04TEV" (extract_times)
    "timex_type": None,  # "DATE", "TIME", "DURATION" or "SET" (extract_times)
    "quantity": None,  # normalize.numbers.Quantity of a CARDINAL/QUANTITY entity (extract_quantities)
    "long_form": None,  # for an acronym entity, the long form it abbreviates (extract_entity_rules)
    "place": None,  # normalize.gazetteer.Place for a GPE/LOC/FAC entity (extract_places)
    "place_chain": None,  # names after a place locating it: ["Kajran district", "Daykundi"] (extract_places)
}


def register_extensions() -> None:
    """Register every extension in the tables above, once."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
