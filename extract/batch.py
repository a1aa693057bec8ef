"""Folder jobs: every article of the inputs through the pipeline into one output, streaming.

`run_batch(inputs, output)` reads the inputs lazily, sends chunks of articles to workers
(processes on this machine, or a Dask cluster) that each load the pipeline once, and writes
the results in input order as they come back, so memory stays flat whatever the job's size.

Nothing finished is lost and nothing is written twice:

- After each chunk the output is committed (`extract.io.writers`) and the documents it
  holds, by doc_id and content hash, are appended to a state file beside it
  (`OUTPUT.state.jsonl`). `resume=True` skips those documents and cuts the output back to
  the last commit, so a crashed job continues where it stopped.
- SIGINT (Ctrl-C) or SIGTERM stop reading new articles; work in flight is finished when
  the workers survive the signal, the output is committed and closed, and the summary says
  `interrupted`. A second Ctrl-C stops at once (the last commit still holds).
- A document that cannot be read or processed is a line in `OUTPUT.errors.jsonl` (file,
  line, doc_id, reason) and the job goes on.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from extract.io.readers import STDIN, Article, ReadError, count_inputs, read_articles
from extract.io.writers import open_writer, output_files, output_format
from extract.records import DocumentResult

log = logging.getLogger("extract.batch")

DEFAULT_BATCH_SIZE = 16
STATE_VERSION = 1
Engine = Literal["local", "dask"]
# What a worker gives back for each article of a chunk: its result, or why it failed.
Outcome = DocumentResult | str


class BatchUsageError(ValueError):
    """A job that cannot start: bad input path, output, date or model (CLI exit code 2)."""


class BatchError(RuntimeError):
    """A job that cannot go on: the pipeline fails to load in the workers, the Dask
    scheduler is gone. What was committed stays; `resume=True` continues from there."""


@dataclass
class BatchSummary:
    """What a job did. `documents` counts documents written by this run."""

    output: Path
    files: list[Path] = field(default_factory=list)
    errors_file: Path | None = None
    documents: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0  # already in the output (resume) or repeated in the inputs
    seconds: float = 0.0
    interrupted: str | None = None  # "SIGINT" or "SIGTERM" when stopped by a signal

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130 if self.interrupted == "SIGINT" else 143
        return 1 if self.failures else 0

    def line(self) -> str:
        text = (f"{self.documents} documents, {self.events} events, {self.failures} failures"
                f"{f', {self.skipped} skipped' if self.skipped else ''} in "
                f"{self.seconds:.1f} s ({self.docs_per_second:.1f} docs/s) -> {self.output}")
        if self.failures and self.errors_file:
            text += f"; errors in {self.errors_file}"
        if self.interrupted:
            text += f"; interrupted ({self.interrupted}): rerun with --resume to finish"
        return text


def state_path(output: Path) -> Path:
    return output.with_name(f"{output.name}.state.jsonl")


def errors_path(output: Path) -> Path:
    return output.with_name(f"{output.name}.errors.jsonl")


def run_batch(
    inputs: Sequence[str | Path],
    output: str | Path,
    *,
    workers: int | None = None,
    resume: bool = False,
    glob: str | None = None,
    published: str | date | None = None,
    model: str | None = None,
    schema: Literal["native", "acled"] = "native",
    engine: Engine = "local",
    scheduler: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool | None = None,
    on_commit: Callable[[BatchSummary], None] | None = None,
) -> BatchSummary:
    """Run the pipeline over every article of `inputs` into `output` (.jsonl, .csv, .parquet
    or .xlsx). `workers`: processes (default: all cores), or Dask workers of a LocalCluster
    when `engine="dask"` and no `scheduler` address is given. `progress`: a progress bar on
    a terminal (default: when stderr is one), else a log line every few seconds.
    `on_commit` is called after each commit (for callers that track a job).

    Raises BatchUsageError before any work when the job cannot start.
    """
    output = Path(output)
    workers = workers or os.cpu_count() or 1
    _check_job(inputs, output, workers=workers, published=published, model=model,
               schema=schema, engine=engine, batch_size=batch_size)
    started = time.monotonic()
    summary = BatchSummary(output=output, errors_file=errors_path(output))
    state = _State(state_path(output))
    done, checkpoints = state.load(schema=schema) if resume else (set(), [])
    if resume and not state.path.exists() and any(p.exists() for p in output_files(output)):
        raise BatchUsageError(f"{output}: exists but has no resume state "
                              f"({state.path.name}); run without --resume to replace it")
    if not checkpoints:
        done = set()
        state.start(schema=schema, output=output)
    writer = open_writer(output, schema=schema, checkpoints=checkpoints)
    errors = _ErrorLog(summary.errors_file)
    stop = _StopSignal()
    report = _Progress(count_inputs(inputs, glob=glob), enabled=progress)
    pending: list[str] = []  # keys written since the last commit

    def commit(*, force: bool = False) -> None:
        checkpoint = writer.commit(force=force)
        if checkpoint is not None:
            state.append(pending, checkpoint)
            pending.clear()
            errors.flush()
            if on_commit is not None:
                on_commit(summary)

    def chunks() -> Iterator[list[tuple[str, Article]]]:
        seen = done
        chunk: list[tuple[str, Article]] = []
        for item in read_articles(inputs, glob=glob, stdin=sys.stdin):
            if stop.reason:
                break
            if isinstance(item, ReadError):
                errors.add(path=item.path, line=item.line, doc_id=None, reason=item.reason)
                summary.failures += 1
                report.advance(failed=1)
                continue
            for warning in item.warnings:
                log.info("%s: %s", _where(item), warning)
            key = document_key(item)
            if key in seen:
                summary.skipped += 1
                report.advance(skipped=1)
                continue
            seen.add(key)
            chunk.append((key, item))
            if len(chunk) >= batch_size:
                yield chunk
                chunk = []
        if chunk and not stop.reason:
            yield chunk

    completed = False
    try:
        with stop, report, _engine(engine, workers=workers, model=model, published=published,
                                   batch_size=batch_size, scheduler=scheduler) as runner:
            for chunk, outcomes in runner.run(chunks(), stop):
                results = []
                for (key, article), outcome in zip(chunk, outcomes, strict=True):
                    if isinstance(outcome, str):
                        errors.add(path=article.path, line=article.line,
                                   doc_id=article.doc_id, reason=outcome)
                        summary.failures += 1
                        report.advance(failed=1)
                    else:
                        results.append(outcome)
                        pending.append(key)
                        summary.documents += 1
                        summary.events += len(outcome.events)
                        report.advance(documents=1, events=len(outcome.events))
                writer.write(results)
                commit()
        commit(force=True)
        completed = True
    finally:
        errors.close()
        state.close()
        if completed:
            summary.files = writer.close()
        else:
            writer.abort()
    summary.interrupted = stop.reason
    summary.seconds = time.monotonic() - started
    return summary


def document_key(article: Article) -> str:
    """A document's identity for resume: its doc_id and the hash of its text."""
    return f"{article.doc_id}\x00{article.content_hash}"


def process_chunk(extractor: Any, articles: Sequence[Article],
                  published: str | date | None) -> list[Outcome]:
    """Each article's result, or the reason it failed: one bad document fails alone."""
    try:
        return list(extractor.pipe(articles, published=published))
    except Exception:
        outcomes: list[Outcome] = []
        for article in articles:
            try:
                outcomes.append(next(iter(extractor.pipe([article], published=published))))
            except Exception as error:  # any failure of one document is that document's
                outcomes.append(f"processing failed: {type(error).__name__}: {error}")
        return outcomes


# --- checks --------------------------------------------------------------------------------


def _check_job(inputs: Sequence[str | Path], output: Path, *, workers: int,
               published: str | date | None, model: str | None, schema: str, engine: str,
               batch_size: int) -> None:
    if not inputs:
        raise BatchUsageError("no input given")
    for item in inputs:
        if str(item) != STDIN and not Path(item).exists():
            raise BatchUsageError(f"{item}: no such file or directory")
    try:
        suffix = output_format(output)
    except ValueError as error:
        raise BatchUsageError(str(error)) from None
    if schema not in ("native", "acled"):
        raise BatchUsageError(f"unknown schema {schema!r} (use native or acled)")
    if schema == "acled" and suffix == ".jsonl":
        raise BatchUsageError("the acled schema is a table layout: write .csv, .parquet or .xlsx")
    if engine not in ("local", "dask"):
        raise BatchUsageError(f"unknown engine {engine!r} (use local or dask)")
    if workers < 1 or batch_size < 1:
        raise BatchUsageError("workers and batch size must be at least 1")
    folder = output.parent if str(output.parent) else Path(".")
    if output.is_dir():
        raise BatchUsageError(f"{output}: is a directory")
    if not folder.is_dir():
        raise BatchUsageError(f"{output}: cannot write (no folder {folder})")
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise BatchUsageError(f"{output}: cannot write (permission denied)")
    if published is not None:
        from extract.normalize.published import resolve_published

        try:
            resolve_published(caller=published, metadata=None, text="", filename=None)
        except ValueError as error:
            raise BatchUsageError(f"published: {error}") from None
    _check_model(model)


def _check_model(model: str | None) -> None:
    """Whether the pipeline can load here, without loading it (workers do that)."""
    from extract.pipeline import ModelNotFoundError, default_model

    try:
        name = model or default_model()
    except ModelNotFoundError as error:
        raise BatchUsageError(str(error)) from None
    if Path(name).is_dir():
        return
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise BatchUsageError(f"spaCy pipeline {name!r} is not installed or not a pipeline folder")


def _where(article: Article) -> str:
    return f"{article.path}:{article.line}" if article.line else str(article.path)


# --- state and errors ----------------------------------------------------------------------


class _State:
    """The job's state file: a header line, then one line per commit with the keys of the
    documents it wrote and the writer's checkpoint. A torn last line (a crash while writing
    it) is ignored, and so is the work it would have committed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream: Any = None

    def load(self, *, schema: str) -> tuple[set[str], list[dict[str, Any]]]:
        done: set[str] = set()
        checkpoints: list[dict[str, Any]] = []
        if not self.path.exists():
            return done, checkpoints
        with self.path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    break
                if number == 1:
                    if record.get("schema", "native") != schema:
                        raise BatchUsageError(
                            f"{self.path}: the job was started with --schema "
                            f"{record.get('schema')}; resume it with the same schema")
                    continue
                done.update(record["docs"])
                checkpoints.append(record["checkpoint"])
        # Cut a torn last line off, so what we append next starts on a line of its own.
        self._truncate_to_valid()
        self.stream = self.path.open("a", encoding="utf-8")
        return done, checkpoints

    def _truncate_to_valid(self) -> None:
        valid = 0
        with self.path.open("rb") as stream:
            for line in stream:
                try:
                    json.loads(line)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    break
                if not line.endswith(b"\n"):
                    break
                valid += len(line)
        with self.path.open("r+b") as stream:
            stream.truncate(valid)

    def start(self, *, schema: str, output: Path) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = self.path.open("w", encoding="utf-8")
        self._write({"version": STATE_VERSION, "output": output.name, "schema": schema})

    def append(self, keys: Iterable[str], checkpoint: dict[str, Any]) -> None:
        self._write({"docs": list(keys), "checkpoint": checkpoint})

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()

    def _write(self, record: dict[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()
        os.fsync(self.stream.fileno())


class _ErrorLog:
    """OUTPUT.errors.jsonl: one failed document a line; rewritten by each run, because a
    resumed job tries the failed documents again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream = path.open("w", encoding="utf-8")

    def add(self, *, path: str | None, line: int | None, doc_id: str | None, reason: str) -> None:
        record = {"path": path, "line": line, "doc_id": doc_id, "reason": reason}
        log.info("failed: %s%s: %s", path, f":{line}" if line else "", reason)
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.stream.close()


# --- signals and progress ------------------------------------------------------------------


class _StopSignal:
    """While active, the first SIGINT/SIGTERM asks the job to stop cleanly; a second SIGINT
    raises KeyboardInterrupt as usual."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> _StopSignal:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.reason and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.reason = self.reason or signal.Signals(signum).name
        log.warning("%s: finishing the documents in flight, then stopping", self.reason)

    def __exit__(self, *exc: Any) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


class _Progress:
    """A rich progress bar on a terminal, else a log line every 10 seconds."""

    def __init__(self, total: int | None, *, enabled: bool | None) -> None:
        self.total = total
        self.bar = sys.stderr.isatty() if enabled is None else enabled
        self.documents = self.events = self.failed = self.skipped = 0
        self.started = self.logged = time.monotonic()
        self._progress: Any = None

    def __enter__(self) -> _Progress:
        if self.bar:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]extract[/]"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[events]} events, {task.fields[failed]} failed"),
                TextColumn("{task.fields[rate]:.1f} docs/s"), TimeElapsedColumn(),
                TextColumn("left"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False)
            self._progress.start()
            self._task = self._progress.add_task("documents", total=self.total, events=0,
                                                 failed=0, rate=0.0)
        return self

    def advance(self, *, documents: int = 0, events: int = 0, failed: int = 0,
                skipped: int = 0) -> None:
        self.documents += documents
        self.events += events
        self.failed += failed
        self.skipped += skipped
        now = time.monotonic()
        rate = self.documents / (now - self.started) if now > self.started else 0.0
        if self._progress is not None:
            self._progress.update(self._task, advance=documents + failed + skipped,
                                  events=self.events, failed=self.failed, rate=rate)
        elif now - self.logged >= 10:
            self.logged = now
            of = f"/{self.total}" if self.total else ""
            log.info("%d%s documents (%d skipped), %d events, %d failed, %.1f docs/s",
                     self.documents + self.failed + self.skipped, of, self.skipped,
                     self.events, self.failed, rate)

    def __exit__(self, *exc: Any) -> None:
        if self._progress is not None:
            self._progress.stop()


# --- engines -------------------------------------------------------------------------------

Chunk = list[tuple[str, Article]]


class _Runner:
    """Sends chunks to workers, at most `window` at a time, and yields their outcomes in
    input order."""

    window = 2

    def submit(self, articles: list[Article]) -> Future:
        raise NotImplementedError

    def run(self, chunks: Iterator[Chunk], stop: _StopSignal
            ) -> Iterator[tuple[Chunk, list[Outcome]]]:
        inflight: deque[tuple[Chunk, Future]] = deque()
        for chunk in chunks:
            inflight.append((chunk, self.submit([article for _, article in chunk])))
            while len(inflight) >= self.window:
                yield from self._collect(*inflight.popleft(), stop)
            if stop.reason:
                break
        while inflight:
            chunk, future = inflight.popleft()
            if stop.reason and future.cancel():
                continue  # not started: a resumed job does it
            yield from self._collect(chunk, future, stop)

    def _collect(self, chunk: Chunk, future: Future, stop: _StopSignal
                 ) -> Iterator[tuple[Chunk, list[Outcome]]]:
        try:
            yield chunk, future.result()
        except BrokenProcessPool as error:
            if stop.reason:  # the signal reached the workers too: the chunk is lost, not failed
                return
            reason = f"worker process died: {error}"
            yield chunk, [reason] * len(chunk)
        except BatchError:
            raise
        except Exception as error:  # a worker lost, or a task that could not be sent
            yield chunk, [f"worker failed: {type(error).__name__}: {error}"] * len(chunk)

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc: Any) -> None:
        pass


class _InProcess(_Runner):
    """One worker: the pipeline in this process."""

    def __init__(self, *, model: str | None, published: Any, batch_size: int) -> None:
        self.extractor = _load_extractor(model, batch_size)
        self.published = published

    def run(self, chunks: Iterator[Chunk], stop: _StopSignal
            ) -> Iterator[tuple[Chunk, list[Outcome]]]:
        for chunk in chunks:
            yield chunk, process_chunk(self.extractor, [a for _, a in chunk], self.published)


# One pipeline per worker process, loaded by the pool's initializer or on first use (Dask).
_worker_extractors: dict[tuple[str | None, int], Any] = {}


def _worker_extractor(model: str | None, batch_size: int) -> Any:
    key = (model, batch_size)
    if key not in _worker_extractors:
        from extract.extractor import Extractor

        _worker_extractors[key] = Extractor(model, batch_size=batch_size)
    return _worker_extractors[key]


def _load_extractor(model: str | None, batch_size: int) -> Any:
    try:
        return _worker_extractor(model, batch_size)
    except Exception as error:  # whatever stops the pipeline loading stops the job
        raise BatchError(f"the pipeline did not load: {type(error).__name__}: "
                         f"{' '.join(str(error).split())[:300]}") from None


def _init_worker(model: str | None, batch_size: int) -> None:
    # Ctrl-C goes to the whole process group: the parent decides when to stop, and the
    # worker finishes the chunk it holds.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _load_extractor(model, batch_size)
    except BatchError:
        pass  # raised again, with its reason, by the first chunk


def _process_in_worker(articles: list[Article], model: str | None, batch_size: int,
                       published: Any) -> list[Outcome]:
    return process_chunk(_load_extractor(model, batch_size), articles, published)


class _ProcessPool(_Runner):
    """Worker processes on this machine (forkserver, or spawn where there is none)."""

    def __init__(self, workers: int, *, model: str | None, published: Any,
                 batch_size: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                        initargs=(model, batch_size))
        self.window = 2 * workers
        self.args = (model, batch_size, published)

    def submit(self, articles: list[Article]) -> Future:
        try:
            return self.pool.submit(_process_in_worker, articles, *self.args)
        except BrokenProcessPool as error:
            raise BatchError(f"the worker processes stopped: {error}") from None

    def __exit__(self, *exc: Any) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask(_Runner):
    """A Dask cluster: the scheduler at `address`, else a LocalCluster of `workers`
    single-threaded processes. Workers need extract installed; each loads the pipeline
    on its first chunk and keeps it."""

    def __init__(self, workers: int, *, address: str | None, model: str | None,
                 published: Any, batch_size: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BatchUsageError("the dask engine needs dask: pip install "
                                  "'extract-events[dask]'") from None
        self.cluster = None
        if address is None:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            address = self.cluster.scheduler_address
        try:
            self.client = Client(address, timeout="30s")
        except OSError as error:
            raise BatchUsageError(f"cannot reach Dask scheduler {address}: {error}") from None
        self.window = 2 * max(sum(self.client.nthreads().values()), 1)
        self.args = (model, batch_size, published)

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(_process_in_worker, articles, *self.args, pure=False)

    def __exit__(self, *exc: Any) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


@contextlib.contextmanager
def _engine(engine: Engine, *, workers: int, model: str | None, published: Any,
            batch_size: int, scheduler: str | None) -> Iterator[_Runner]:
    runner: _Runner
    if engine == "dask":
        runner = _Dask(workers, address=scheduler, model=model, published=published,
                       batch_size=batch_size)
    elif workers == 1:
        runner = _InProcess(model=model, published=published, batch_size=batch_size)
    else:
        runner = _ProcessPool(workers, model=model, published=published,
                              batch_size=batch_size)
    with runner:
        yield runner
