"""Writers: every output format readable with pandas, and restored to its last commit."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from extract.frames import sibling_path
from extract.io.writers import open_writer, output_format
from extract.records import DocumentResult

FORMATS = [".jsonl", ".csv", ".parquet", ".xlsx"]


def document(doc_id: str) -> DocumentResult:
    return DocumentResult.from_dict({
        "doc_id": doc_id, "published": "2020-01-04",
        "entities": [{"text": "Kabul", "label": "GPE", "category": "place", "start": 0,
                      "end": 5, "country": "AF", "latitude": 34.5, "longitude": 69.2}],
        "events": [{"event_id": f"{doc_id}:e1", "type": "attack", "place": "Kabul",
                    "killed": 3, "injured": None, "start": 6, "end": 12,
                    "mentions": [{"type": "attack", "trigger": {"text": "attack", "start": 6,
                                                                "end": 12},
                                  "arguments": [{"role": "place", "text": "Kabul",
                                                 "start": 0, "end": 5}]}]}],
    })


def read_doc_ids(path: Path) -> list[str]:
    """The doc_id of each event row (each document has one event), as pandas reads them."""
    if path.suffix == ".jsonl":
        return [json.loads(line)["doc_id"] for line in path.read_text().splitlines()]
    if path.suffix == ".csv":
        return pd.read_csv(path)["doc_id"].tolist()
    if path.suffix == ".parquet":
        return pd.read_parquet(path)["doc_id"].tolist()
    return pd.read_excel(path, sheet_name="events")["doc_id"].tolist()


@pytest.mark.parametrize("suffix", FORMATS)
def test_writers_write_tables_pandas_reads(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    writer = open_writer(path)
    writer.write([document("a"), document("b")])
    writer.commit(force=True)
    writer.write([document("c")])
    writer.commit(force=True)
    writer.close()
    assert read_doc_ids(path) == ["a", "b", "c"]
    if suffix in (".csv", ".parquet"):
        read = pd.read_csv if suffix == ".csv" else pd.read_parquet
        entities = read(sibling_path(path, "entities"))
        mentions = read(sibling_path(path, "mentions"))
        assert entities["doc_id"].tolist() == ["a", "b", "c"]
        assert mentions["trigger"].tolist() == ["attack"] * 3
        events = read(path)
        assert events["killed"].tolist() == [3, 3, 3]
    if suffix == ".xlsx":
        sheets = pd.read_excel(path, sheet_name=None)
        assert set(sheets) == {"events", "entities", "mentions"}


@pytest.mark.parametrize("suffix", FORMATS)
def test_writers_restore_drops_work_after_last_commit(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    writer = open_writer(path)
    writer.write([document("a")])
    checkpoints = [writer.commit(force=True)]
    writer.write([document("lost")])
    if suffix in (".jsonl", ".csv"):  # written to the file, never committed
        writer.streams[next(iter(writer.streams))].flush()
    writer.abort()  # a crash
    resumed = open_writer(path, checkpoints=checkpoints)
    resumed.write([document("b")])
    checkpoints.append(resumed.commit(force=True))
    resumed.close()
    assert read_doc_ids(path) == ["a", "b"]


def test_writers_parquet_merge_keeps_finished_output(tmp_path):
    path = tmp_path / "out.parquet"
    writer = open_writer(path)
    writer.write([document("a")])
    checkpoints = [writer.commit(force=True)]
    writer.close()
    resumed = open_writer(path, checkpoints=checkpoints)
    resumed.write([document("b")])
    checkpoints.append(resumed.commit(force=True))
    resumed.close()
    again = open_writer(path, checkpoints=checkpoints)  # nothing new: nothing doubled
    again.close()
    assert read_doc_ids(path) == ["a", "b"]
    assert not (tmp_path / "out.parquet.parts").exists()


def test_writers_unknown_extension_is_an_error():
    with pytest.raises(ValueError, match="unknown output format"):
        output_format("events.txt")
