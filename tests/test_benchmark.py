"""`extract benchmark` runs on a tiny input and reports what it promises. Timings are
measurements, never asserted: a slow or busy machine must not fail the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from extract.cli import app
from typer.testing import CliRunner

ARTICLES = [
    {"id": "a1", "published": "2020-01-04",
     "text": "Two rockets hit Balad Air Base on Saturday, killing two soldiers, officials said."},
    {"id": "a2", "published": "2020-01-05",
     "text": "Police arrested five protesters in Baghdad on Sunday, two days after the bombing."},
    {"id": "a3", "published": "2020-01-06", "text": "Markets were calm on Monday."},
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "tiny.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(tiny) -> dict:
    result = CliRunner().invoke(app, ["benchmark", str(tiny), "--json", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_benchmark_reports_both_pipelines_and_their_ratio(report):
    assert report["documents"] == 3 and report["words"] > 20
    for run in ("bare", "full"):
        assert {"seconds", "cpu_seconds", "words_per_second", "cpu_words_per_second",
                "components"} <= set(report[run])
        assert report[run]["words_per_second"] > 0
    assert report["ratio"] > 0 and report["cpu_ratio"] > 0
    assert report["peak_memory_mb"] > 0


def test_benchmark_times_every_component(report):
    bare, full = report["bare"]["components"], report["full"]["components"]
    assert {"tok2vec", "parser", "ner"} <= set(bare)
    assert not any(name.startswith("extract_") for name in bare)  # the model as shipped
    assert {"ner", "extract_triggers", "extract_events", "doc -> records",
            "records -> json"} <= set(full)


def test_benchmark_n_takes_the_first_articles(tiny):
    result = CliRunner().invoke(app, ["benchmark", str(tiny), "--n", "1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == 1


def test_benchmark_table_names_the_ratio(tiny):
    result = CliRunner().invoke(app, ["benchmark", str(tiny), "--n", "1"])
    assert result.exit_code == 0, result.output
    assert "ratio full/bare" in result.stdout and "extract_triggers" in result.stdout


def test_benchmark_without_articles_is_a_one_line_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["benchmark", str(empty)])
    assert result.exit_code == 2
    assert "no article could be read" in result.output
