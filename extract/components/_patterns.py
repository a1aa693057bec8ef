"""Turning phrases from the rule files into spaCy Matcher token patterns."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from extract.normalize.inflect import plural


def phrase_tokens(nlp: Language, phrase: str) -> list[str]:
    """The tokens spaCy's tokenizer makes of a phrase, so patterns line up with real text."""
    return [t.text for t in nlp.make_doc(phrase)]


def noun_phrase_pattern(nlp: Language, phrase: str, *, pos: list[str]) -> list[dict[str, Any]]:
    """Pattern for a noun phrase whose last word may be plural: "car bomb" -> car bomb(s).

    Words in capitals (IED, AK-47) match case-sensitively, so that a lexicon entry for an
    acronym does not fire on an ordinary word.
    """
    words = phrase_tokens(nlp, phrase)
    pattern: list[dict[str, Any]] = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        forms = [word, plural(word)] if last else [word]
        if word.isupper() and len(word) > 1:
            spec: dict[str, Any] = {"ORTH": {"IN": forms + [w.upper() for w in forms[1:]]}}
        else:
            spec = {"LOWER": {"IN": sorted({f.lower() for f in forms})}}
        if last:
            spec["POS"] = {"IN": pos}
        pattern.append(spec)
    return pattern
