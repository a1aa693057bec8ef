"""The command line as users see it: `extract run` in every format, `extract show`, the help
texts, and the one-line errors (exit 2: nothing could be done; exit 1: some inputs failed).

Most tests hand the command the session extractor (loading a pipeline takes seconds); a few
load it for real, as a user's run does."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from extract.cli import app
from typer.testing import CliRunner

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
KABUL = str(SAMPLES / "kabul_market_bombing.txt")
WIRE = str(SAMPLES / "wire_roundup.jsonl")
SEED = str(SAMPLES / "000_fc4f55061e46ead2.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fast(extractor, monkeypatch) -> None:
    """Commands use the session extractor instead of loading a pipeline each."""
    monkeypatch.setattr("extract.cli.load_extractor", lambda model: extractor)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], ["run", "show", "batch"]),
        (["run", "--help"], ["--format", "--published", "--model", "--glob", "--schema"]),
        (["show", "--help"], ["--output", "HTML"]),
        (["batch", "--help"], ["--output", "--resume", "--workers"]),
    ],
    ids=["app", "run", "show", "batch"],
)
def test_cli_help_lists_commands_and_options(runner, args, words) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 2)  # no_args_is_help exits 2 in recent click
    assert all(word in result.stdout for word in words), result.stdout


def test_cli_run_json_loads_the_pipeline_and_prints_one_document(runner) -> None:
    result = runner.invoke(app, ["run", KABUL, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    text = Path(KABUL).read_text(encoding="utf-8")
    assert doc["doc_id"] == "kabul_market_bombing"
    assert any(e["type"] == "attack" for e in doc["events"])
    assert all(text[e["start"]:e["end"]] == e["text"] for e in doc["entities"])


def test_cli_run_jsonl_one_document_a_line(runner, fast) -> None:
    result = runner.invoke(app, ["run", WIRE, SEED, "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    seed_id = json.loads(Path(SEED).read_text(encoding="utf-8"))["id"]
    assert [d["doc_id"] for d in docs] == [
        "wire-2022-11-02-zamfara", "wire-2022-11-02-jilib", seed_id]
    assert docs[2]["published"] == "2020-01-04"


@pytest.mark.parametrize(("schema", "column"), [("native", "event_id"), ("acled", "event_type")])
def test_cli_run_csv_is_the_events_table(runner, fast, schema, column) -> None:
    result = runner.invoke(app, ["run", KABUL, "--format", "csv", "--schema", schema])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and column in rows[0]


def test_cli_run_table_shows_the_events(runner, fast) -> None:
    result = runner.invoke(app, ["run", KABUL, "--published", "2020-03-03"])
    assert result.exit_code == 0, result.stderr
    assert "Kabul" in result.stdout


def test_cli_run_reads_standard_input(runner, fast) -> None:
    record = {"id": "piped", "text": "Two rockets hit Balad Air Base on Saturday.",
              "published": "2020-01-04"}
    result = runner.invoke(app, ["run", "-", "--format", "json"], input=json.dumps(record))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["doc_id"], doc["events"][0]["date"]) == ("piped", "2020-01-04")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "no/such/article.txt"], "no/such/article.txt: no such file or directory"),
        (["run", KABUL, "--published", "last Tuesday"],
         "--published: invalid publication date 'last Tuesday': expected YYYY-MM-DD"),
        (["run", KABUL, "--published", "2020-02-30"],
         "--published: invalid publication date '2020-02-30': expected YYYY-MM-DD"),
        (["run", KABUL, "--model", "en_no_such_model"],
         "spaCy pipeline 'en_no_such_model' is not installed or not a pipeline folder"),
        (["run", KABUL, "--format", "xml"], None),  # typer's own usage error
    ],
    ids=["missing-path", "published-words", "published-no-such-day", "unknown-model",
         "unknown-format"],
)
def test_cli_run_errors_are_one_line_exit_2(runner, args, message) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    if message is not None:
        assert result.stderr == f"extract: error: {message}\n" or (
            message.startswith("spaCy") and result.stderr.startswith(f"extract: error: {message}")
            and result.stderr.count("\n") == 1)


def test_cli_run_bad_files_reported_good_ones_kept_exit_1(runner, fast, tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "data.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "nav.html").write_text("<html><body></body></html>")
    (tmp_path / "old.txt").write_bytes("Caf\u00e9 \u2014 a bomb exploded.".encode("cp1252"))
    result = runner.invoke(app, ["run", str(tmp_path), KABUL, "--format", "jsonl"])
    assert result.exit_code == 1
    ids = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert ids == ["empty", "old", "kabul_market_bombing"]
    assert result.stderr.splitlines() == [
        f"extract: {tmp_path / 'data.txt'}: binary file, not text",
        f"extract: warning: {tmp_path / 'empty.txt'}: empty text",
        f"extract: {tmp_path / 'nav.html'}: no article text found in HTML",
        f"extract: warning: {tmp_path / 'old.txt'}: decoded as cp1252, not UTF-8",
    ]


def test_cli_show_writes_a_page(runner, fast, tmp_path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["show", KABUL, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"extract: wrote {out}\n"
    assert "Kabul" in out.read_text(encoding="utf-8")


def test_cli_show_reads_a_saved_jsonl_output(runner, fast, tmp_path) -> None:
    saved = tmp_path / "events.jsonl"
    saved.write_text(runner.invoke(app, ["run", WIRE, "--format", "jsonl"]).stdout)
    out = tmp_path / "corpus.html"
    result = runner.invoke(app, ["show", str(saved), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "<html" in out.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("/nonexistent/dir/x.html", "/nonexistent/dir/x.html: cannot write (no such directory "
         "/nonexistent/dir)"),
        (".", ".: cannot write (is a directory)"),
    ],
    ids=["no-folder", "a-folder"],
)
def test_cli_show_unwritable_output_fails_before_the_work(
        runner, monkeypatch, output, message) -> None:
    def no_pipeline(model):
        raise AssertionError("the pipeline should not load")

    monkeypatch.setattr("extract.cli.load_extractor", no_pipeline)
    result = runner.invoke(app, ["show", KABUL, "-o", output])
    assert (result.exit_code, result.stderr) == (2, f"extract: error: {message}\n")


def test_cli_show_unreadable_article_is_an_error(runner, fast, tmp_path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = runner.invoke(app, ["show", str(path), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"extract: {path}: binary file, not text",
        f"extract: error: {path}: no article could be read",
    ]
    assert not (tmp_path / "x.html").exists()


def test_cli_batch_keeps_good_documents_and_logs_bad_ones(runner, tmp_path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(b"A car bomb exploded in Baghdad on Monday.\r\n")
    (inputs / "data.txt").write_bytes(bytes(range(256)) * 4)
    (inputs / "broken.json").write_text("{")
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["batch", str(inputs), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["good"]
    errors = (tmp_path / "events.jsonl.errors.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["reason"] for line in errors) == [
        "binary file, not text",
        "malformed JSON: Expecting property name enclosed in double quotes (column 2)",
    ]


def test_cli_batch_unwritable_output_is_one_line_exit_2(runner, tmp_path) -> None:
    result = runner.invoke(app, ["batch", KABUL, "-o", "/nonexistent/dir/out.jsonl"])
    assert result.exit_code == 2
    assert result.stderr == ("extract: error: /nonexistent/dir/out.jsonl: cannot write "
                             "(no folder /nonexistent/dir)\n")
