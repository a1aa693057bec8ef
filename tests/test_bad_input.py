"""Bad input never crashes a run or loses work: every input gives a result, or one clear
error naming the file and the reason, and the offsets of a result index the text as given
(whatever the encoding, line endings or characters)."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from extract.cli import app
from typer.testing import CliRunner

from extract.io import ReadError, read_articles

ARTICLE = ("A car bomb exploded in Baghdad on Monday, killing three soldiers.\n"
           "Police said 12 people were wounded.")


def offsets_true(text: str, result) -> bool:
    return all(text[start:end] == span for span, start, end in result.text_spans())


def read_one(path: Path):
    [item] = list(read_articles([path]))
    return item


# --- files that are not articles: one error line naming the file --------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("random.txt", bytes(range(256)) * 8, "binary file, not text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)),
         "binary file, not text"),
        ("broken.json", b'{"text": "Rockets hit the base.",', "malformed JSON"),
        ("empty.json", b"   \n", "empty file, no JSON article"),
        ("untitled.json", b'{"title": "Rockets", "url": "http://x"}',
         "no 'text' or 'body' field"),
        ("number.json", b'{"text": 5}', "'text' is a number, not a string"),
        ("list.json", b"[1, 2]", "item 1: expected a JSON object"),
        ("nav.html", b"<html><head><title>t</title></head><body></body></html>",
         "no article text found in HTML"),
    ],
    ids=["binary", "png", "malformed-json", "empty-json", "json-no-text", "json-text-number",
         "json-list-of-numbers", "html-no-main-text"],
)
def test_bad_input_file_is_one_named_error(tmp_path: Path, name, data, reason) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = next(iter(read_articles([path])))
    assert isinstance(error, ReadError)
    assert reason in str(error)
    assert str(error).startswith(str(path))
    assert "\n" not in str(error)


def test_bad_input_missing_and_directory_paths_are_errors(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    errors = list(read_articles([tmp_path / "missing.txt", tmp_path / "dangling.txt"]))
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'missing.txt'}: no such file or directory",
        f"{tmp_path / 'dangling.txt'}: no such file or directory",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_bad_input_unreadable_file_is_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    assert str(read_one(path)) == f"{path}: permission denied"


def test_bad_input_jsonl_bad_lines_cost_only_themselves(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "a", "text": ARTICLE}).encode(),
        b"{not json",
        b'{"title": "no text"}',
        b"[1, 2]",
        b"\x00\x01\x02\x03\x04\x05\x06\x07" * 4,
        json.dumps({"id": "b", "text": ARTICLE}).encode(),
    ]))
    items = list(read_articles([path]))
    assert [i.doc_id for i in items if not isinstance(i, ReadError)] == ["a", "b"]
    assert [str(i) for i in items if isinstance(i, ReadError)] == [
        f"{path}:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:3: no 'text' or 'body' field",
        f"{path}:4: expected a JSON object, got a list",
        f"{path}:5: malformed JSON: Expecting value (column 1)",
    ]


# --- texts that are articles, however odd: a result with true offsets ----------------------


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        (ARTICLE.encode("utf-8"), None),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), None),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), None),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), None),
        (ARTICLE.encode("utf-32"), None),
        (ARTICLE.encode("utf-16-le"), "decoded as utf-16-le (no byte-order mark)"),
        (("Caf\u00e9 \u2014 " + ARTICLE).encode("cp1252"), "decoded as cp1252, not UTF-8"),
        (ARTICLE.replace("\n", "\r\n").encode(), None),
        (b"\xc3\xa9t\xc3\xa9 \xff " + ARTICLE.encode(), "invalid UTF-8 bytes replaced"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-bom",
         "utf-16-no-bom", "cp1252", "crlf", "utf-8-broken"],
)
def test_bad_input_encodings_give_events_with_true_offsets(
        extractor, tmp_path: Path, data: bytes, warning) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    article = read_one(path)
    assert not isinstance(article, ReadError), article
    assert (warning is None and not article.warnings) or warning in article.warnings[0]
    result = extractor(article.text, published="2020-01-04")
    attack = next(e for e in result.events if e.type == "attack")
    assert (attack.place, attack.killed) == ("Baghdad", 3)
    assert offsets_true(article.text, result)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\r\n  ",
        "x" * 1_000_000,  # a 1 MB line without a space
        "." * 10_000,  # one token
        "-" * 10_000,  # one token
        "!" * 2_000,  # 2,000 tokens (10,000 take half a minute on a busy 2-core machine)
        "Gunmen\x07 killed\x1b three\x0b soldiers\x0c in Kabul.\x01",  # stray control characters
        "\U0001f4a3 A bomb \U0001f4a5 killed \U0001f468\u200d\U0001f469\u200d\U0001f467 five "
        "people in Kabul \U0001f1e6\U0001f1eb. " + ARTICLE,
        "\u0628\u063a\u062f\u0627\u062f: \u0647\u062c\u0648\u0645 \u0635\u0627\u0631\u0648\u062e"
        "\u064a \u202b" + ARTICLE + "\u202c \u200f",  # right-to-left script and marks
        "Cafe\u0301 e\u0301\u0301\u0301 Z\u0335\u0336\u0337 " + ARTICLE,  # combining marks
        "A\u200b car\u200d bomb\u2060 exploded\ufeff in Baghdad\u200c on Monday.",  # zero-width
        "Rockets hit Baghdad.\u2028Two were killed.\u2029\x85Police said.",  # Unicode line ends
    ],
    ids=["empty", "whitespace", "1mb-line", "10k-dots", "10k-dashes", "2k-bangs", "control-chars",
         "emoji", "rtl",
         "combining", "zero-width", "unicode-line-ends"],
)
def test_bad_input_pathological_text_returns_with_true_offsets(extractor, text: str) -> None:
    result = extractor(text, published="2020-01-04", doc_id="odd")
    assert result.doc_id == "odd"
    assert offsets_true(text, result)


def test_bad_input_control_characters_file_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(b"Gunmen\x07 killed three soldiers in Kabul.")
    assert read_one(path).text == "Gunmen\x07 killed three soldiers in Kabul."


@pytest.mark.parametrize("data", [b"", b"  \r\n\t \n"], ids=["empty", "whitespace"])
def test_bad_input_empty_file_is_an_empty_result_with_a_warning(
        extractor, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    article = read_one(path)
    assert article.warnings == ["empty text"]
    result = extractor(article.text)
    assert (result.entities, result.events) == ([], [])


def test_bad_input_text_over_max_length_in_pieces_with_true_offsets(
        extractor, monkeypatch) -> None:
    text = ("\u00e9\U0001f4a3\r\n" + ARTICLE.replace("\n", "\r\n") + "\r\n") * 20
    monkeypatch.setattr(extractor.nlp, "max_length", 300)
    result = extractor(text, published="2020-01-04")
    assert len(text) > 300 * 5
    assert sum(e.type == "attack" for e in result.events) >= 1
    assert max(e.end for e in result.entities) > len(text) - 100
    assert offsets_true(text, result)


# --- a run keeps every good document's result ------------------------------------------------


class _Choking:
    """The session extractor, except that articles holding `poison` raise (a component bug)
    and `interrupt_after` results are followed by Ctrl-C."""

    def __init__(self, extractor, *, poison: str | None = None,
                 interrupt_after: int | None = None) -> None:
        self.extractor, self.poison, self.interrupt_after = extractor, poison, interrupt_after

    def pipe(self, articles, **options):
        for n, result in enumerate(self.extractor.pipe(articles, **options)):
            if self.interrupt_after is not None and n == self.interrupt_after:
                raise KeyboardInterrupt
            if self.poison and any(self.poison in a.text for a in articles[n:n + 1]):
                raise RuntimeError(f"component failed\non {self.poison}")
            yield result


def write_three(tmp_path: Path, middle: str = ARTICLE) -> list[str]:
    paths = []
    for name, text in (("a.txt", ARTICLE), ("b.txt", middle), ("c.txt", ARTICLE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def test_bad_input_pipeline_error_skips_only_that_article(
        extractor, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("extract.cli.load_extractor",
                        lambda model: _Choking(extractor, poison="POISON"))
    paths = write_three(tmp_path, middle="POISON " + ARTICLE)
    result = CliRunner().invoke(app, ["run", *paths, "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a", "c"]
    assert result.stderr == (f"extract: {paths[1]}: extraction failed "
                             "(RuntimeError: component failed on POISON)\n")


def test_bad_input_interrupted_run_prints_what_is_done(
        extractor, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("extract.cli.load_extractor",
                        lambda model: _Choking(extractor, interrupt_after=1))
    result = CliRunner().invoke(app, ["run", *write_three(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a"]
    assert result.stderr == "extract: interrupted: 1 of 3 article(s) done, the rest skipped\n"


def test_bad_input_missing_file_among_others_keeps_their_results(
        extractor, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("extract.cli.load_extractor", lambda model: extractor)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "broken.json").write_text("{")
    result = CliRunner().invoke(app, [
        "run", str(good), str(tmp_path / "typo.txt"), str(tmp_path / "binary.txt"),
        str(tmp_path / "broken.json"), "--format", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["good"]
    assert result.stderr.splitlines() == [
        f"extract: {tmp_path / 'typo.txt'}: no such file or directory",
        f"extract: {tmp_path / 'binary.txt'}: binary file, not text",
        f"extract: {tmp_path / 'broken.json'}:1: malformed JSON: Expecting property name "
        "enclosed in double quotes (column 2)",
    ]
