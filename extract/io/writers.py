"""Write document results to files chunk by chunk, so a job of any size streams to disk.

A writer appends results (`write`), makes them durable at a checkpoint (`commit`) and
finishes the output (`close`). A checkpoint is a small dict that a batch job keeps in its
state file; given back to a new writer (`checkpoints=`) it restores the output to exactly
what was committed, dropping whatever a crash left half-written:

- `.jsonl`: one document a line (SPEC.md's JSON), appended; checkpoint = file size.
- `.csv`: events at OUTPUT, entities and mentions beside it (`sibling_path`), appended;
  checkpoint = the three file sizes.
- `.parquet`: committed chunks are finished Parquet part files in `OUTPUT.parts/`; `close`
  merges them, row group by row group, with what OUTPUT already holds into a temporary
  file renamed over OUTPUT. Each table file records in its metadata which parts it holds,
  so a merge interrupted between files is completed, never repeated, on resume.
- `.xlsx`: the same parts (kept in `OUTPUT.parts/`), written at `close` as one sheet per
  table with openpyxl's streaming (write-only) workbook; the parts stay, so a resumed job
  rebuilds the workbook from all of them.
"""

from __future__ import annotations

import json
import math
import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from extract.frames import column_types, sibling_path, table_frames
from extract.records import DocumentResult

OUTPUT_FORMATS = (".jsonl", ".csv", ".parquet", ".xlsx")
TABLES = ("events", "entities", "mentions")
# A Parquet part is cut after this many documents or seconds (sooner on interrupt): few
# enough files, little work held in memory, little lost if the process is killed outright.
PART_DOCUMENTS = 500
PART_SECONDS = 30.0
_PARTS_KEY = b"extract.batch.parts"


class ResultWriter(Protocol):
    def write(self, results: Sequence[DocumentResult]) -> None: ...

    def commit(self, *, force: bool = False) -> dict[str, Any] | None:
        """Make what was written durable; the checkpoint, or None when nothing was."""

    def close(self) -> list[Path]:
        """Finish the output; the files it consists of."""

    def abort(self) -> None:
        """Release files without finishing (a crash): committed work stays recoverable."""


def output_format(path: str | Path) -> str:
    """The output format named by a path's extension; ValueError for an unknown one."""
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise ValueError(f"{path}: unknown output format {suffix or '(no extension)'!r} "
                         f"(use {', '.join(OUTPUT_FORMATS)})")
    return suffix


def output_files(path: str | Path) -> list[Path]:
    """Every file and folder a writer may create for OUTPUT (to clear before a fresh job)."""
    path = Path(path)
    suffix = output_format(path)
    files = [path]
    if suffix in (".csv", ".parquet"):
        files += [sibling_path(path, table) for table in TABLES[1:]]
    if suffix in (".parquet", ".xlsx"):
        files.append(parts_dir(path))
    return files


def parts_dir(path: Path) -> Path:
    return path.with_name(f"{path.name}.parts")


def open_writer(path: str | Path, *, schema: str = "native",
                checkpoints: Sequence[dict[str, Any]] = ()) -> ResultWriter:
    """A writer for OUTPUT by its extension, restored to the last of `checkpoints` (a resumed
    job) or starting afresh (no checkpoints: existing output files are replaced)."""
    path = Path(path)
    suffix = output_format(path)
    if suffix == ".jsonl":
        return JsonlWriter(path, checkpoints=checkpoints)
    if suffix == ".csv":
        return CsvWriter(path, schema=schema, checkpoints=checkpoints)
    if suffix == ".parquet":
        return ParquetWriter(path, schema=schema, checkpoints=checkpoints)
    return XlsxWriter(path, schema=schema, checkpoints=checkpoints)


# --- appended text files -------------------------------------------------------------------


class _AppendedFiles:
    """Files appended to, committed by size: on restore each is cut back to its size at the
    last checkpoint, so a line or chunk written after it (perhaps half) disappears."""

    def __init__(self, paths: dict[str, Path], checkpoints: Sequence[dict[str, Any]]) -> None:
        sizes: dict[str, int] = {}
        for checkpoint in checkpoints:
            sizes.update(checkpoint.get("sizes", {}))
        self.paths = paths
        self.streams = {}
        for name, path in paths.items():
            if name in sizes and path.exists():
                with path.open("r+b") as stream:
                    stream.truncate(sizes[name])
                self.streams[name] = path.open("ab")
            else:
                self.streams[name] = path.open("wb")
        self.fresh = {name: name not in sizes for name in paths}
        self.dirty = False

    def commit(self, *, force: bool = False) -> dict[str, Any] | None:
        if not self.dirty:
            return None
        sizes = {}
        for name, stream in self.streams.items():
            stream.flush()
            os.fsync(stream.fileno())
            sizes[name] = stream.tell()
        self.dirty = False
        return {"sizes": sizes}

    def close(self) -> list[Path]:
        for stream in self.streams.values():
            stream.close()
        return list(self.paths.values())

    def abort(self) -> None:
        self.close()


class JsonlWriter(_AppendedFiles):
    """One SPEC.md JSON document a line."""

    def __init__(self, path: Path, *, checkpoints: Sequence[dict[str, Any]] = ()) -> None:
        super().__init__({"documents": path}, checkpoints)

    def write(self, results: Sequence[DocumentResult]) -> None:
        lines = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
        if lines:
            self.streams["documents"].write(lines.encode("utf-8"))
            self.dirty = True


class CsvWriter(_AppendedFiles):
    """The events table at OUTPUT, entities and mentions beside it, one header each."""

    def __init__(self, path: Path, *, schema: str = "native",
                 checkpoints: Sequence[dict[str, Any]] = ()) -> None:
        paths = {table: path if table == "events" else sibling_path(path, table)
                 for table in TABLES}
        super().__init__(paths, checkpoints)
        self.schema = schema
        for table, fresh in self.fresh.items():
            if fresh:  # the header, so that even an empty job leaves readable tables
                header = typed_frame(pd.DataFrame(), column_types(table, schema=schema))
                self.streams[table].write(header.to_csv(index=False).encode("utf-8"))
                self.dirty = True

    def write(self, results: Sequence[DocumentResult]) -> None:
        if not results:
            return
        for table, frame in table_frames(results, schema=self.schema).items():
            if len(frame):
                frame = typed_frame(frame, column_types(table, schema=self.schema))
                self.streams[table].write(frame.to_csv(index=False, header=False).encode("utf-8"))
        self.dirty = True


def typed_frame(frame: pd.DataFrame, types: dict[str, str]) -> pd.DataFrame:
    """The frame with exactly the table's columns, in order, each of its declared type
    (nullable integers stay integers in CSV: "368", not "368.0")."""
    frame = frame.reindex(columns=list(types))
    for column, kind in types.items():
        if kind == "int":
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        elif kind == "float":
            frame[column] = pd.to_numeric(frame[column]).astype("float64")
        elif kind == "bool":
            frame[column] = frame[column].astype("boolean")
        else:
            frame[column] = frame[column].astype(object)
    return frame


# --- Parquet parts -------------------------------------------------------------------------


def arrow_schema(types: dict[str, str]):
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(column, kinds[kind]) for column, kind in types.items()])


class _PartsWriter:
    """Committed chunks as finished Parquet files, one per table, in OUTPUT.parts/."""

    def __init__(self, path: Path, *, schema: str,
                 checkpoints: Sequence[dict[str, Any]]) -> None:
        self.path = path
        self.schema = schema
        self.types = {table: column_types(table, schema=schema) for table in TABLES}
        self.arrow = {table: arrow_schema(types) for table, types in self.types.items()}
        self.dir = parts_dir(path)
        self.parts: list[str] = [p for c in checkpoints for p in c.get("parts", [])]
        self.run = uuid.uuid4().hex[:8]
        self.seq = 0
        self.buffer: list[DocumentResult] = []
        self.documents = 0
        self.since = time.monotonic()
        if not checkpoints:
            for file in output_files(path):
                _remove(file)
        self.dir.mkdir(exist_ok=True)
        committed = {self._file(part, table).name for part in self.parts for table in TABLES}
        for file in self.dir.iterdir():  # parts written after the last checkpoint
            if file.name not in committed:
                _remove(file)

    def _file(self, part: str, table: str) -> Path:
        return self.dir / f"{part}.{table}.parquet"

    def write(self, results: Sequence[DocumentResult]) -> None:
        self.buffer.extend(results)
        self.documents += len(results)

    def commit(self, *, force: bool = False) -> dict[str, Any] | None:
        if not self.documents:
            return None
        if not force and (self.documents < PART_DOCUMENTS
                          and time.monotonic() - self.since < PART_SECONDS):
            return None
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.seq += 1
        part = f"{self.run}-{self.seq:05d}"
        for table, frame in table_frames(self.buffer, schema=self.schema).items():
            frame = typed_frame(frame, self.types[table])
            arrow = pa.Table.from_pandas(frame, schema=self.arrow[table], preserve_index=False)
            target = self._file(part, table)
            temporary = target.with_name(f"{target.name}.tmp")
            pq.write_table(arrow, temporary)
            _fsync(temporary)
            os.replace(temporary, target)
        _fsync(self.dir)
        self.parts.append(part)
        self.buffer, self.documents, self.since = [], 0, time.monotonic()
        return {"parts": [part]}

    def abort(self) -> None:
        self.buffer, self.documents = [], 0

    def _tables(self, table: str):
        """The committed parts of a table, as Arrow tables, one at a time."""
        import pyarrow.parquet as pq

        for part in self.parts:
            yield part, pq.read_table(self._file(part, table), schema=self.arrow[table])


class ParquetWriter(_PartsWriter):
    """One Parquet file per table at close, the committed parts merged in as row groups."""

    def __init__(self, path: Path, *, schema: str = "native",
                 checkpoints: Sequence[dict[str, Any]] = ()) -> None:
        super().__init__(path, schema=schema, checkpoints=checkpoints)

    def close(self) -> list[Path]:
        import pyarrow.parquet as pq

        written = []
        holds_all = True
        for table in TABLES:
            target = self.path if table == "events" else sibling_path(self.path, table)
            held = _held_parts(target)
            pending = [part for part in self.parts if part not in held]
            if pending or not target.exists():
                schema = self.arrow[table].with_metadata(
                    {_PARTS_KEY: json.dumps(held + pending).encode()})
                temporary = target.with_name(f".{target.name}.tmp")
                with pq.ParquetWriter(temporary, schema) as out:
                    if target.exists():
                        source = pq.ParquetFile(target)
                        for group in range(source.num_row_groups):
                            out.write_table(source.read_row_group(group).cast(schema))
                    for part in pending:
                        data = pq.read_table(self._file(part, table)).cast(schema)
                        if data.num_rows:
                            out.write_table(data)
                _fsync(temporary)
                os.replace(temporary, target)
            written.append(target)
            holds_all = holds_all and set(self.parts) <= set(_held_parts(target))
        if holds_all:  # every table holds every part: the parts are no longer needed
            _remove(self.dir)
        return written


def _held_parts(target: Path) -> list[str]:
    """The parts a finished table file already holds (from its Parquet metadata)."""
    if not target.exists():
        return []
    import pyarrow.parquet as pq

    metadata = pq.read_schema(target).metadata or {}
    return list(json.loads(metadata.get(_PARTS_KEY, b"[]")))


class XlsxWriter(_PartsWriter):
    """One sheet per table, streamed from the parts at close (they stay for a resume)."""

    def __init__(self, path: Path, *, schema: str = "native",
                 checkpoints: Sequence[dict[str, Any]] = ()) -> None:
        super().__init__(path, schema=schema, checkpoints=checkpoints)

    def close(self) -> list[Path]:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for table in TABLES:
            sheet = book.create_sheet(table)
            sheet.append(list(self.types[table]))
            for _, data in self._tables(table):
                for batch in data.to_batches():
                    for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                        sheet.append([_cell(value) for value in row])
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        book.save(temporary)
        _fsync(temporary)
        os.replace(temporary, self.path)
        return [self.path]


def _cell(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# --- files ---------------------------------------------------------------------------------


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            _remove(child)
        path.rmdir()
    elif path.exists() or path.is_symlink():
        path.unlink()
