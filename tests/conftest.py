"""Shared fixtures: the full pipeline and an Extractor, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "000_fc4f55061e46ead2.json"


@pytest.fixture(scope="session")
def extractor():
    from extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def full_nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def seed_result(extractor):
    import json

    article = json.loads(SEED.read_text(encoding="utf-8"))
    return extractor(article["text"], published=article["published"], doc_id=article["id"])
