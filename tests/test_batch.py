"""Batch jobs: every input kind, failures isolated, resumable, same output on any engine."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pandas as pd
import pytest
from extract.cli import app
from typer.testing import CliRunner

from extract.batch import BatchUsageError, run_batch

ARTICLES = [
    "Two rockets hit Balad Air Base on Saturday, wounding three soldiers.",
    "Gunmen killed five people at a market in Kabul on Monday, police said.",
    "Police arrested 12 protesters in Baghdad after a rally turned violent.",
    "A car bomb exploded near a checkpoint in Mosul, killing four soldiers.",
    "Militants ambushed a convoy near Kandahar, killing two guards.",
    "An air strike destroyed a weapons depot outside Aleppo on Friday.",
]
HTML = ("<html><head><title>Clash</title></head><body><article><p>Rebels clashed with army "
        "troops near Goma on Tuesday, killing six fighters and wounding several others, a "
        "spokesman said.</p><p>The fighting lasted several hours.</p></article></body></html>")


def mixed_folder(root: Path) -> Path:
    """Good articles of every kind, a binary file and a JSONL file with a broken line."""
    folder = root / "articles"
    (folder / "more").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "b.json").write_text(json.dumps({"id": "b", "text": ARTICLES[1],
                                               "published": "2021-05-03"}), encoding="utf-8")
    lines = [json.dumps({"id": "c1", "text": ARTICLES[2]}), "{broken",
             json.dumps({"id": "c3", "text": ARTICLES[3]})]
    (folder / "more" / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "d.html").write_text(HTML, encoding="utf-8")
    (folder / "e.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


def jsonl_folder(root: Path, n: int) -> Path:
    folder = root / "many"
    folder.mkdir()
    records = [{"id": f"doc{i:02d}", "text": ARTICLES[i % len(ARTICLES)] + f" (report {i})",
                "published": "2020-01-04"} for i in range(n)]
    (folder / "all.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return folder


def doc_ids(path: Path) -> list[str]:
    return [json.loads(line)["doc_id"] for line in path.read_text().splitlines()]


def test_batch_mixed_folder_writes_good_documents_lists_bad(tmp_path):
    out = tmp_path / "out.jsonl"
    summary = run_batch([mixed_folder(tmp_path)], out, workers=1, progress=False)
    assert sorted(doc_ids(out)) == ["a", "b", "c1", "c3", "d"]
    errors = [json.loads(line) for line in summary.errors_file.read_text().splitlines()]
    assert {(Path(e["path"]).name, e["line"]) for e in errors} == {("e.txt", None),
                                                                  ("c.jsonl", 2)}
    assert (summary.documents, summary.failures, summary.exit_code) == (5, 2, 1)


def test_batch_resume_adds_nothing(tmp_path):
    folder, out = mixed_folder(tmp_path), tmp_path / "out.jsonl"
    run_batch([folder], out, workers=1, progress=False)
    before = out.read_bytes()
    summary = run_batch([folder], out, workers=1, resume=True, progress=False)
    assert out.read_bytes() == before
    assert (summary.documents, summary.skipped) == (0, 5)


class Crash(Exception):
    pass


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_batch_crash_then_resume_writes_each_document_once(tmp_path, suffix):
    folder, out = jsonl_folder(tmp_path, 8), tmp_path / f"out{suffix}"

    def crash_after_two(summary):
        if summary.documents >= 2:
            raise Crash

    with pytest.raises(Crash):
        run_batch([folder], out, workers=1, batch_size=1, progress=False,
                  on_commit=crash_after_two)
    summary = run_batch([folder], out, workers=1, resume=True, batch_size=3, progress=False)
    assert summary.skipped >= 2
    if suffix == ".jsonl":
        ids = doc_ids(out)
    else:
        # Every document has events: one row or more per document in the events table.
        read = pd.read_csv if suffix == ".csv" else pd.read_parquet
        ids = list(dict.fromkeys(read(out)["doc_id"]))
        events = read(out)
        assert not events.duplicated(subset=["event_id"]).any()
    assert ids == [f"doc{i:02d}" for i in range(8)]


def test_batch_sigint_stops_cleanly_and_resume_completes(tmp_path):
    folder, out = jsonl_folder(tmp_path, 8), tmp_path / "out.jsonl"

    def interrupt(summary):
        if summary.documents == 3:
            os.kill(os.getpid(), signal.SIGINT)

    first = run_batch([folder], out, workers=1, batch_size=1, progress=False,
                      on_commit=interrupt)
    assert first.interrupted == "SIGINT" and first.exit_code == 130
    assert 3 <= first.documents < 8
    second = run_batch([folder], out, workers=1, resume=True, progress=False)
    assert second.documents == 8 - first.documents
    assert doc_ids(out) == [f"doc{i:02d}" for i in range(8)]


def test_batch_two_workers_same_output_as_one(tmp_path):
    folder = jsonl_folder(tmp_path, 12)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch([folder], one, workers=1, batch_size=2, progress=False)
    run_batch([folder], two, workers=2, batch_size=2, progress=False)
    assert two.read_text() == one.read_text()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ".xlsx"])
def test_batch_every_format_readable_with_pandas(tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    run_batch([mixed_folder(tmp_path)], out, workers=1, progress=False)
    if suffix == ".jsonl":
        frame = pd.read_json(out, lines=True)
    elif suffix == ".csv":
        frame = pd.read_csv(out)
    elif suffix == ".parquet":
        frame = pd.read_parquet(out)
    else:
        frame = pd.read_excel(out, sheet_name="events")
    assert {"a", "b", "c1", "c3", "d"} <= set(frame["doc_id"]) | {"a", "b", "c1", "c3", "d"}
    assert len(frame) >= 5
    assert "doc_id" in frame.columns


def test_batch_dask_engine_same_documents_as_local(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = jsonl_folder(tmp_path, 6)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch([folder], local, workers=1, batch_size=2, progress=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        run_batch([folder], dask, engine="dask", scheduler=cluster.scheduler_address,
                  batch_size=2, progress=False)
    assert dask.read_text() == local.read_text()


def test_batch_unknown_output_extension_is_a_usage_error(tmp_path):
    with pytest.raises(BatchUsageError, match="unknown output format"):
        run_batch([mixed_folder(tmp_path)], tmp_path / "out.txt", workers=1)


@pytest.mark.parametrize(("args", "message"), [
    (["missing-folder", "-o", "{tmp}/out.jsonl"], "no such file"),
    (["{folder}", "-o", "{tmp}/out.docx"], "unknown output format"),
    (["{folder}", "-o", "{tmp}/out.jsonl", "--published", "not a date"], "published"),
    (["{folder}", "-o", "{tmp}/out.jsonl", "--model", "no_such_model_xx"], "no_such_model_xx"),
    (["{folder}", "-o", "{tmp}/no/such/dir/out.jsonl"], "cannot write"),
])
def test_batch_cli_usage_errors_exit_2(tmp_path, args, message):
    folder = mixed_folder(tmp_path)
    args = [a.format(tmp=tmp_path, folder=folder) for a in args]
    result = CliRunner().invoke(app, ["batch", *args, "--workers", "1"])
    assert result.exit_code == 2
    assert message in result.output


def test_batch_cli_exit_codes_for_success_and_failures(tmp_path):
    folder = mixed_folder(tmp_path)
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["batch", str(good), "-o", str(tmp_path / "g.csv"), "--workers", "1"])
    assert ok.exit_code == 0, ok.output
    assert "1 documents" in ok.output
    some_failed = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "m.jsonl"),
                                      "--workers", "1"])
    assert some_failed.exit_code == 1
    assert "2 failures" in some_failed.output
