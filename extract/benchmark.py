"""Throughput of our pipeline against the bare pretrained model it builds on.

In the spirit of `spacy benchmark speed`: over the same articles, in one process, the bare
pretrained pipeline (the same model, its own components only) and our full pipeline (what a
user pays: our components, Doc -> records, JSON serialization) are both warmed up, then run
chunk by chunk, alternating, so that load from other processes on a shared machine falls on
both alike. Every pipe component is wrapped with a timer. Reported: words (spaCy tokens) per
second of each, wall clock and CPU, their ratio, seconds per component, peak memory (max RSS).

Articles are streamed: only one chunk is held at a time, so the peak memory of a long job
says whether anything grows with the corpus.

Timings are measurements, never tests: a busy or slow machine changes them.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from extract.extractor import DEFAULT_BATCH_SIZE, Extractor, _split
from extract.io import Article, ReadError, read_articles
from extract.pipeline import ModelNotFoundError, build_pipeline, default_model
from extract.records import DocumentResult

# Articles per alternation between the two pipelines: large enough that each nlp.pipe call
# fills several batches, small enough that both see the same machine load.
CHUNK_BATCHES = 4
WARMUP_DOCS = 16
# Stages of the full pipeline outside the spaCy components.
TOKENIZER, RECORDS, SERIALIZE = "tokenizer", "doc -> records", "records -> json"


@dataclass
class RunTimes:
    """Totals of one pipeline over all benchmarked articles."""

    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # this process's CPU time, all threads
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds per component/stage

    def words_per_second(self, words: int) -> float:
        return words / self.seconds if self.seconds else 0.0

    def cpu_words_per_second(self, words: int) -> float:
        return words / self.cpu_seconds if self.cpu_seconds else 0.0


@dataclass
class BenchmarkReport:
    """What `extract benchmark` prints: see `to_dict` for the JSON form."""

    model: str
    documents: int
    words: int
    characters: int
    batch_size: int
    bare: RunTimes
    full: RunTimes
    peak_memory_mb: float
    unreadable: int = 0

    @property
    def ratio(self) -> float:
        """Full pipeline words/s over bare model words/s (wall clock); 1.0 = no overhead."""
        return self.bare.seconds / self.full.seconds if self.full.seconds else 0.0

    @property
    def cpu_ratio(self) -> float:
        """The same ratio in CPU time: steadier when other processes share the machine."""
        return self.bare.cpu_seconds / self.full.cpu_seconds if self.full.cpu_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        def run(times: RunTimes) -> dict[str, Any]:
            return {
                "seconds": round(times.seconds, 3),
                "cpu_seconds": round(times.cpu_seconds, 3),
                "words_per_second": round(times.words_per_second(self.words), 1),
                "cpu_words_per_second": round(times.cpu_words_per_second(self.words), 1),
                "components": {name: round(s, 3) for name, s in times.stages.items()},
            }

        return {
            "model": self.model,
            "documents": self.documents,
            "words": self.words,
            "characters": self.characters,
            "batch_size": self.batch_size,
            "bare": run(self.bare),
            "full": run(self.full),
            "ratio": round(self.ratio, 3),
            "cpu_ratio": round(self.cpu_ratio, 3),
            "peak_memory_mb": round(self.peak_memory_mb, 1),
            "unreadable": self.unreadable,
        }


class _Timer:
    """Accumulates wall seconds per stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.enabled = True

    def add(self, name: str, seconds: float) -> None:
        if self.enabled:
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds


class _TimedComponent:
    """A pipe component wrapped with a timer. `pipe` pulls a whole batch from upstream before
    starting the clock, so each component is charged for its own work only."""

    def __init__(self, name: str, component: Callable[[Doc], Doc], timer: _Timer) -> None:
        self.name = name
        self.component = component
        self.timer = timer

    def __call__(self, doc: Doc) -> Doc:
        start = time.perf_counter()
        doc = self.component(doc)
        self.timer.add(self.name, time.perf_counter() - start)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = DEFAULT_BATCH_SIZE,
             **kwargs: Any) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            start = time.perf_counter()
            if hasattr(self.component, "pipe"):
                done = list(self.component.pipe(batch, batch_size=batch_size, **kwargs))
            else:
                done = [self.component(doc) for doc in batch]
            self.timer.add(self.name, time.perf_counter() - start)
            yield from done


class _TimedTokenizer:
    def __init__(self, tokenizer: Callable[[str], Doc], timer: _Timer) -> None:
        self.tokenizer = tokenizer
        self.timer = timer

    def __call__(self, text: str) -> Doc:
        start = time.perf_counter()
        doc = self.tokenizer(text)
        self.timer.add(TOKENIZER, time.perf_counter() - start)
        return doc


def _instrument(nlp: Language) -> _Timer:
    """Wrap the tokenizer and every pipe component of `nlp` (in place) with one timer."""
    timer = _Timer()
    nlp.tokenizer = _TimedTokenizer(nlp.tokenizer, timer)
    components = nlp._components  # spaCy keeps (name, component) pairs here
    for i, (name, component) in enumerate(components):
        components[i] = (name, _TimedComponent(name, component, timer))
    return timer


class _TimedExtractor(Extractor):
    """The Extractor as users run it, with Doc -> records timed as a stage of its own."""

    def __init__(self, nlp: Language, timer: _Timer, batch_size: int) -> None:
        super().__init__(nlp=nlp, batch_size=batch_size)
        self.timer = timer

    def _to_result(self, doc: Doc) -> DocumentResult:
        start = time.perf_counter()
        result = super()._to_result(doc)
        self.timer.add(RECORDS, time.perf_counter() - start)
        return result


def _run_bare(nlp: Language, texts: list[str], batch_size: int) -> int:
    """Process texts with the bare model; the number of tokens."""
    pieces = (piece for text in texts for _, piece in _split(text, nlp.max_length))
    return sum(len(doc) for doc in nlp.pipe(pieces, batch_size=batch_size))


def _run_full(extractor: _TimedExtractor, articles: list[Article], sink: Callable[[str], Any]
              ) -> None:
    """Process articles as `extract run --format jsonl` does: records, then one JSON line each."""
    timer = extractor.timer
    for result in extractor.pipe(articles):
        start = time.perf_counter()
        sink(json.dumps(result.to_dict(), ensure_ascii=False))
        timer.add(SERIALIZE, time.perf_counter() - start)


def peak_memory_mb() -> float:
    """This process's peak resident set size so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs KB


def _articles(inputs: list[str], glob: str | None, n: int | None,
              on_error: Callable[[ReadError], None]) -> Iterator[Article]:
    """The first `n` readable articles; unreadable inputs go to `on_error`."""
    def readable() -> Iterator[Article]:
        for item in read_articles(inputs, glob=glob):
            if isinstance(item, ReadError):
                on_error(item)
            else:
                yield item

    return islice(readable(), n)


def run_benchmark(
    inputs: list[str],
    *,
    n: int | None = None,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    glob: str | None = None,
    on_error: Callable[[ReadError], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BenchmarkReport:
    """Benchmark the bare model and the full pipeline over the first `n` articles (all when
    None) of `inputs` (anything `read_articles` takes). Raises ModelNotFoundError, and
    ValueError when no article could be read."""
    name = model or default_model()
    try:
        bare = spacy.load(name)
    except OSError as err:
        raise ModelNotFoundError(f"spaCy pipeline {name!r} is not installed") from err
    full = build_pipeline(name)
    bare_timer, full_timer = _instrument(bare), _instrument(full)
    extractor = _TimedExtractor(full, full_timer, batch_size)
    unreadable = 0

    def count_error(error: ReadError) -> None:
        nonlocal unreadable
        unreadable += 1
        if on_error is not None:
            on_error(error)

    stream = _articles(inputs, glob, n, count_error)
    chunks = iter(lambda: list(islice(stream, CHUNK_BATCHES * batch_size)), [])
    bare_times, full_times = RunTimes(), RunTimes()
    documents = words = characters = 0
    discard: Callable[[str], Any] = len
    for chunk in chunks:
        if not documents:  # warm up both on the first articles, untimed
            bare_timer.enabled = full_timer.enabled = False
            warmup = chunk[:WARMUP_DOCS]
            _run_bare(bare, [a.text for a in warmup], batch_size)
            _run_full(extractor, warmup, discard)
            bare_timer.enabled = full_timer.enabled = True
        texts = [a.text for a in chunk]
        wall, cpu = time.perf_counter(), time.process_time()
        words += _run_bare(bare, texts, batch_size)
        bare_times.seconds += time.perf_counter() - wall
        bare_times.cpu_seconds += time.process_time() - cpu
        wall, cpu = time.perf_counter(), time.process_time()
        _run_full(extractor, chunk, discard)
        full_times.seconds += time.perf_counter() - wall
        full_times.cpu_seconds += time.process_time() - cpu
        documents += len(chunk)
        characters += sum(len(t) for t in texts)
        if on_progress is not None:
            on_progress(documents)
    if not documents:
        raise ValueError("no article could be read")
    bare_times.stages = _with_rest(bare_timer.seconds, bare_times.seconds,
                                   [TOKENIZER, *bare.pipe_names])
    full_times.stages = _with_rest(full_timer.seconds, full_times.seconds,
                                   [TOKENIZER, *full.pipe_names, RECORDS, SERIALIZE])
    return BenchmarkReport(model=name, documents=documents, words=words,
                           characters=characters, batch_size=batch_size, bare=bare_times,
                           full=full_times, peak_memory_mb=peak_memory_mb(),
                           unreadable=unreadable)


def _with_rest(stages: dict[str, float], total: float, order: list[str]) -> dict[str, float]:
    """Stages in pipeline order, plus "other": reading, batching, the Extractor's own work."""
    out = {name: stages.get(name, 0.0) for name in order}
    out["other"] = max(0.0, total - sum(out.values()))
    return out


def print_report(report: BenchmarkReport, console: Any) -> None:
    """The benchmark as rich tables: throughput, then seconds per component."""
    from rich.table import Table

    words = report.words
    summary = Table(title=f"{report.model}: {report.documents} articles, {words:,} words, "
                    f"batch size {report.batch_size}")
    summary.add_column("pipeline")
    for column in ("words/s", "seconds", "CPU words/s", "CPU seconds"):
        summary.add_column(column, justify="right")
    for label, times in (("bare model", report.bare), ("full pipeline", report.full)):
        summary.add_row(label, f"{times.words_per_second(words):,.0f}", f"{times.seconds:.1f}",
                        f"{times.cpu_words_per_second(words):,.0f}", f"{times.cpu_seconds:.1f}")
    summary.add_row("ratio full/bare", f"{report.ratio:.2f}", "", f"{report.cpu_ratio:.2f}", "",
                    style="bold")
    console.print(summary)

    components = Table(title="seconds per component (wall clock)")
    components.add_column("component")
    for column in ("bare", "full", "% of full"):
        components.add_column(column, justify="right")
    names = list(report.full.stages)
    names += [name for name in report.bare.stages if name not in names]
    for name in names:
        bare_s, full_s = report.bare.stages.get(name), report.full.stages.get(name)
        share = 100 * full_s / report.full.seconds if full_s and report.full.seconds else 0.0
        components.add_row(name, "" if bare_s is None else f"{bare_s:.2f}",
                           "" if full_s is None else f"{full_s:.2f}", f"{share:.1f}")
    console.print(components)
    console.print(f"peak memory (max RSS, both pipelines loaded): {report.peak_memory_mb:,.0f} MB")
    if report.unreadable:
        console.print(f"{report.unreadable} input(s) could not be read and were skipped")
