"""Reading every kind of article input, and every way an input can be bad."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.io import Article, ReadError, count_inputs, read_article_file, read_articles

FIXTURES = Path(__file__).parent / "fixtures"

# Western news text with the characters that cp1252 and UTF-8 encode differently.
CP1252_TEXT = (
    "Caf\u00e9 owners in Bogot\u00e1 said the \u201cattack\u201d \u2014 the third this year \u2014 "
    "damaged the caf\u00e9\u2019s fa\u00e7ade; na\u00efve r\u00e9sum\u00e9s cost \u20ac5.\r\n"
)


def read_one(path: Path) -> Article | ReadError:
    results = list(read_article_file(path))
    assert len(results) == 1, results
    return results[0]


def read_ok(path: Path) -> Article:
    result = read_one(path)
    assert isinstance(result, Article), str(result)
    return result


def read_error(path: Path) -> ReadError:
    result = read_one(path)
    assert isinstance(result, ReadError), result
    return result


# --- plain text -------------------------------------------------------------------------------


def test_readers_txt_utf8(tmp_path: Path) -> None:
    path = tmp_path / "baghdad-2020.txt"
    path.write_bytes("Two rockets hit Balad \u2014 officials.\n".encode())
    article = read_ok(path)
    assert article.doc_id == "baghdad-2020"
    assert article.text == "Two rockets hit Balad \u2014 officials.\n"
    assert article.path == str(path)
    assert article.published is None
    assert article.warnings == []


def test_readers_txt_utf8_bom_removed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfKabul, May 3 \xe2\x80\x94 blast.")
    article = read_ok(path)
    assert article.text == "Kabul, May 3 \u2014 blast."
    assert article.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_readers_txt_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "Raqqa \u2014 \u0627\u0644\u0631\u0642\u0629 \u2014 clashes.\r\n"
    data = text.encode(encoding)
    if encoding.endswith(("-le", "-be")):  # the explicit codecs write no mark: add it
        data = "\ufeff".encode(encoding) + data
    path = tmp_path / "u16.txt"
    path.write_bytes(data)
    article = read_ok(path)
    assert article.text == text
    assert article.warnings == []


def test_readers_txt_utf16_without_bom_decoded_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "nobom.txt"
    path.write_bytes("Gunmen opened fire in the market.\n".encode("utf-16-le"))
    article = read_ok(path)
    assert article.text == "Gunmen opened fire in the market.\n"
    assert article.warnings == ["decoded as utf-16-le (no byte-order mark)"]


def test_readers_txt_cp1252_detected_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    article = read_ok(path)
    assert article.text == CP1252_TEXT
    assert article.warnings == ["decoded as cp1252, not UTF-8"]


def test_readers_txt_latin1_detected_with_warning(tmp_path: Path) -> None:
    text = "Stra\u00dfenk\u00e4mpfe in M\u00fcnchen: Polizei nahm f\u00fcnf M\u00e4nner fest.\n"
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    article = read_ok(path)
    assert article.text == text
    assert len(article.warnings) == 1
    assert article.warnings[0].endswith(", not UTF-8")


def test_readers_txt_crlf_and_cr_preserved_exactly(tmp_path: Path) -> None:
    text = "BAGHDAD, Jan. 5 (AP) \u2014 Rockets hit.\r\n\r\nSecond paragraph.\rOld Mac line.\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    article = read_ok(path)
    assert article.text == text
    assert article.text.index("Second") == text.index("Second")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00data\xff\xfe\xfd" * 20,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n",
        bytes(range(1, 32)) * 10,
    ],
    ids=["nul-bytes", "png", "jpeg", "pdf", "control-characters"],
)
def test_readers_txt_binary_file_is_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "not-text.txt"
    path.write_bytes(data)
    error = read_error(path)
    assert error.reason == "binary file, not text"
    assert str(error) == f"{path}: binary file, not text"


def test_readers_zip_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "articles.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "Rockets hit the base." * 50)
    assert read_error(path).reason == "binary file, not text"


@pytest.mark.parametrize("content", ["", "   \n\t\r\n"], ids=["empty", "whitespace"])
def test_readers_txt_empty_file_is_an_empty_article(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content.encode())
    article = read_ok(path)
    assert article.text == content
    assert article.warnings == ["empty text"]


def test_readers_unknown_extension_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.story"
    path.write_bytes(b"MOSUL, Iraq - A car bomb exploded.")
    article = read_ok(path)
    assert (article.doc_id, article.text) == ("wire", "MOSUL, Iraq - A car bomb exploded.")


def test_readers_unknown_extension_with_html_content_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes((FIXTURES / "article.html").read_bytes())
    article = read_ok(path)
    assert article.title == "Rockets strike near air base north of capital"
    assert "<p>" not in article.text


def test_readers_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    results = list(read_articles([missing]))
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert str(results[0]) == f"{missing}: no such file or directory"


def test_readers_missing_path_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Clashes in Aden.")
    results = list(read_articles([tmp_path / "nope.txt", good]))
    assert [type(result) for result in results] == [ReadError, Article]


def test_readers_permission_denied_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Classified.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user (root) who can read any file")
        assert read_error(path).reason == "permission denied"
    finally:
        path.chmod(0o644)


# --- JSON ---------------------------------------------------------------------------------------


def test_readers_json_article_with_all_fields() -> None:
    article = read_ok(FIXTURES / "article.json")
    assert article.doc_id == "checkpoint-blast"
    assert article.text.startswith("A roadside bomb exploded")
    assert article.title == "Blast at checkpoint"
    assert article.published == "2019-07-02"
    assert article.url == "https://news.example.org/checkpoint-blast"
    assert article.line is None
    assert article.warnings == []


def test_readers_json_body_and_date_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps({"body": "Two killed.\r\n", "date": "Jan. 4, 2020"}))
    article = read_ok(path)
    assert (article.doc_id, article.text, article.published) == (
        "story",
        "Two killed.\r\n",
        "Jan. 4, 2020",
    )


def test_readers_json_numeric_id_becomes_string(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"id": 42, "text": "Shelling in Donetsk."}))
    assert read_ok(path).doc_id == "42"


def test_readers_json_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "x", "text": "One."}, {"text": "Two."}, {"title": "t"}]))
    results = list(read_article_file(path))
    assert [r.doc_id for r in results if isinstance(r, Article)] == ["x", "batch:2"]
    assert isinstance(results[2], ReadError)
    assert results[2].reason == "item 3: no 'text' or 'body' field"


def test_readers_json_malformed_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "text": "Rockets hit.",\n  "title": \n}\n')
    error = read_error(path)
    assert error.line == 4
    assert error.reason.startswith("malformed JSON: Expecting value")
    assert "(column 1)" in error.reason
    assert str(error).startswith(f"{path}:4: malformed JSON")


def test_readers_json_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notext.json"
    path.write_text(json.dumps({"id": "a", "title": "Headline only"}))
    assert str(read_error(path)) == f"{path}: no 'text' or 'body' field"


@pytest.mark.parametrize("value", [5, ["a", "b"], {"en": "x"}, True])
def test_readers_json_non_string_text_is_an_error(tmp_path: Path, value: object) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"text": value}))
    error = read_error(path)
    assert error.reason.startswith("'text' is ") and error.reason.endswith(", not a string")


def test_readers_json_scalar_top_level_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scalar.json"
    path.write_text('"just a string"')
    assert read_error(path).reason == "expected a JSON object or a list of objects, got a string"


def test_readers_json_non_string_metadata_ignored_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "meta.json"
    path.write_text(json.dumps({"text": "Raid.", "published": 20200104}))
    article = read_ok(path)
    assert article.published is None
    assert article.warnings == ["ignored 'published': a number, not a string"]


def test_readers_json_empty_text_is_an_empty_article(tmp_path: Path) -> None:
    path = tmp_path / "blank.json"
    path.write_text(json.dumps({"text": "  "}))
    article = read_ok(path)
    assert (article.text, article.warnings) == ("  ", ["empty text"])


# --- JSON lines ---------------------------------------------------------------------------------


def test_readers_jsonl_broken_line_keeps_the_others() -> None:
    path = FIXTURES / "articles.jsonl"
    results = list(read_article_file(path))
    assert [type(result) for result in results] == [Article, ReadError, Article]
    first, error, last = results
    assert isinstance(first, Article) and isinstance(last, Article)
    assert isinstance(error, ReadError)
    assert (first.doc_id, first.line, first.published) == ("a1", 1, "2022-05-06")
    assert error.line == 3 and str(error).startswith(f"{path}:3: malformed JSON")
    assert (last.doc_id, last.line, last.published) == ("articles:4", 4, "2022-05-08")


def test_readers_jsonl_non_object_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('[1, 2]\n{"text": "ok"}\n')
    results = list(read_article_file(path))
    assert isinstance(results[0], ReadError)
    assert str(results[0]) == f"{path}:1: expected a JSON object, got a list"
    assert isinstance(results[1], Article) and results[1].line == 2


def test_readers_ndjson_crlf_lines_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "feed.ndjson"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\r\n{"text": "two\\r\\n"}\r\n')
    articles = list(read_article_file(path))
    assert [(a.doc_id, a.text) for a in articles if isinstance(a, Article)] == [
        ("feed:1", "one"),
        ("feed:2", "two\r\n"),
    ]


def test_readers_jsonl_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.jsonl"
    lines = '{"text": "Homs \u2014 shelling"}\n\n{"text": "Idlib"}\n'
    path.write_bytes(lines.encode("utf-16"))
    articles = list(read_article_file(path))
    assert [(a.text, a.line) for a in articles if isinstance(a, Article)] == [
        ("Homs \u2014 shelling", 1),
        ("Idlib", 3),
    ]


def test_readers_jsonl_line_in_cp1252_decoded_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.jsonl"
    record = json.dumps({"text": CP1252_TEXT}, ensure_ascii=False).encode("cp1252")
    path.write_bytes(b'{"text": "plain"}\n' + record + b"\n")
    first, second = read_article_file(path)
    assert isinstance(first, Article) and first.warnings == []
    assert isinstance(second, Article) and second.text == CP1252_TEXT
    assert second.warnings == ["decoded as cp1252, not UTF-8"]


def test_readers_jsonl_streams_without_reading_ahead(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": f"event {n}"}) + "\n" for n in range(1000)))
    records = read_article_file(path)
    first = next(records)
    assert isinstance(first, Article) and first.text == "event 0"
    path.unlink()  # the open file keeps streaming on POSIX: nothing was read whole
    assert sum(1 for _ in records) == 999


# --- HTML -----------------------------------------------------------------------------------------


def test_readers_html_main_text_and_metadata() -> None:
    article = read_ok(FIXTURES / "article.html")
    assert article.doc_id == "article"
    assert "Three rockets landed near an air base" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text
    assert article.published == "2021-03-15"
    assert article.title == "Rockets strike near air base north of capital"
    assert article.url == "https://news.example.org/world/rockets-air-base"


def test_readers_html_without_main_text_is_an_error() -> None:
    error = read_error(FIXTURES / "no_article.html")
    assert error.reason == "no article text found in HTML"


def test_readers_html_binary_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "image.htm"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert read_error(path).reason == "binary file, not HTML"


# --- folders ------------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for name in [
        "b.txt",
        "a.json",
        "sub/c.txt",
        "sub/deeper/d.jsonl",
        "z.html",
        "notes.csv",
        ".hidden.txt",
        ".git/e.txt",
        "sub/.cache/f.txt",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".json":
            path.write_text(json.dumps({"text": name}))
        elif path.suffix == ".jsonl":
            path.write_text(json.dumps({"text": name}) + "\n" + json.dumps({"text": "2"}) + "\n")
        elif path.suffix == ".html":
            path.write_bytes((FIXTURES / "article.html").read_bytes())
        else:
            path.write_text(name)


def test_readers_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_articles([tmp_path]))
    assert all(isinstance(result, Article) for result in results)
    relative = [Path(r.path).relative_to(tmp_path).as_posix() for r in results if r.path]
    assert relative == [
        "a.json",
        "b.txt",
        "sub/c.txt",
        "sub/deeper/d.jsonl",
        "sub/deeper/d.jsonl",
        "z.html",
    ]


def test_readers_folder_glob_filters_by_name(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_articles([tmp_path], glob="*.txt"))
    assert [r.doc_id for r in results if isinstance(r, Article)] == ["b", "c"]


def test_readers_folder_glob_with_slash_matches_relative_path(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_articles([tmp_path], glob="sub/*.txt"))
    assert [r.doc_id for r in results if isinstance(r, Article)] == ["c"]


def test_readers_file_named_directly_is_read_whatever_its_extension(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(read_articles([tmp_path / "notes.csv", tmp_path / ".hidden.txt"]))
    assert [r.text for r in results if isinstance(r, Article)] == ["notes.csv", ".hidden.txt"]


def test_readers_count_inputs_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert count_inputs([tmp_path]) == len(list(read_articles([tmp_path]))) == 6
    assert count_inputs([tmp_path, "-"]) is None


# --- stdin ----------------------------------------------------------------------------------------


def read_stdin_bytes(data: bytes) -> list[Article | ReadError]:
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")  # like sys.stdin
    return list(read_articles(["-"], stdin=stream))


def test_readers_stdin_plain_text_keeps_crlf() -> None:
    (article,) = read_stdin_bytes(b"KABUL \xe2\x80\x94 A blast.\r\nMore.\r\n")
    assert isinstance(article, Article)
    assert (article.doc_id, article.path) == ("stdin", "-")
    assert article.text == "KABUL \u2014 A blast.\r\nMore.\r\n"


def test_readers_stdin_text_starting_with_bracket_is_text() -> None:
    (article,) = read_stdin_bytes(b"[Reuters] Rockets hit Baghdad.\n")
    assert isinstance(article, Article) and article.text == "[Reuters] Rockets hit Baghdad.\n"


def test_readers_stdin_pretty_json_object_is_one_article() -> None:
    data = json.dumps({"id": "piped", "text": "Raid.", "published": "2020-01-04"}, indent=2)
    (article,) = read_stdin_bytes(data.encode())
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.published) == ("piped", "Raid.", "2020-01-04")


def test_readers_stdin_single_json_line_is_one_article() -> None:
    (article,) = read_stdin_bytes(b'\n{"text": "Raid."}\n\n')
    assert isinstance(article, Article)
    assert (article.doc_id, article.text, article.line) == ("stdin", "Raid.", None)


def test_readers_stdin_json_lines_are_streamed_as_jsonl() -> None:
    data = b'{"text": "one"}\n\n{"text": broken}\n{"id": "x", "text": "three"}\n'
    results = read_stdin_bytes(data)
    assert [type(result) for result in results] == [Article, ReadError, Article]
    assert [(r.doc_id, r.line) for r in results if isinstance(r, Article)] == [
        ("stdin:1", 1),
        ("x", 4),
    ]
    assert str(results[1]).startswith("-:3: malformed JSON")


def test_readers_stdin_broken_json_object_is_an_error() -> None:
    (error,) = read_stdin_bytes(b'{\n  "text": "unterminated\n')
    assert isinstance(error, ReadError) and error.reason.startswith("malformed JSON")


def test_readers_stdin_text_stream_without_buffer() -> None:
    (article,) = read_articles(["-"], stdin=io.StringIO("Clashes.\r\nMore.\n", newline=""))
    assert isinstance(article, Article) and article.text == "Clashes.\r\nMore.\n"


def test_readers_stdin_utf16_with_bom() -> None:
    (article,) = read_articles(["-"], stdin=io.BytesIO("Aleppo \u2014 strike.\n".encode("utf-16")))
    assert isinstance(article, Article) and article.text == "Aleppo \u2014 strike.\n"


# --- records ----------------------------------------------------------------------------------


def test_readers_read_error_is_one_line() -> None:
    assert str(ReadError("a.jsonl", 7, "malformed JSON")) == "a.jsonl:7: malformed JSON"
    assert str(ReadError("a.txt", None, "could not parse HTML:\n  bad tag")) == (
        "a.txt: could not parse HTML: bad tag"
    )


def test_readers_content_hash_is_sha1_of_text() -> None:
    article = Article(doc_id="d", text="Caf\u00e9\r\n", published=None)
    assert article.content_hash == hashlib.sha1("Caf\u00e9\r\n".encode()).hexdigest()


# --- properties -------------------------------------------------------------------------------

# Text as a news file can hold it: any Unicode except surrogates and the C0 controls that
# mark a file as binary (NUL, ...); tab, newlines, form feed and escape are text.
_TEXT_CHARACTERS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\x0b\x0c\r\x1b"],
)
_PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_PROPERTY_SETTINGS
@given(text=st.text(_TEXT_CHARACTERS))
def test_readers_property_utf8_text_reads_back_identical(tmp_path: Path, text: str) -> None:
    if text.startswith("\ufeff"):  # written as UTF-8 it is a byte-order mark, read as such
        text = "x" + text
    path = tmp_path / "prop.txt"
    path.write_bytes(text.encode("utf-8"))
    assert read_ok(path).text == text


@_PROPERTY_SETTINGS
@given(text=st.text(st.characters(blacklist_categories=("Cs",))))
def test_readers_property_utf16_with_bom_reads_back_identical(tmp_path: Path, text: str) -> None:
    if text.startswith("\x00"):  # BOM + NUL is the UTF-32 byte-order mark: no text starts so
        text = "x" + text
    path = tmp_path / "prop16.txt"
    path.write_bytes(text.encode("utf-16"))
    assert read_ok(path).text == text


@_PROPERTY_SETTINGS
@given(texts=st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=5))
def test_readers_property_jsonl_text_reads_back_identical(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "prop.jsonl"
    path.write_text(
        "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8"
    )
    assert [a.text for a in read_article_file(path) if isinstance(a, Article)] == texts


def test_readers_txt_mostly_utf8_keeps_utf8_and_replaces_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "spliced.txt"
    path.write_bytes("Mosul \u2014 \u201cclashes\u201d resumed".encode() + b" \xff\n")
    article = read_ok(path)
    assert article.text == "Mosul \u2014 \u201cclashes\u201d resumed \ufffd\n"
    assert article.warnings == ["invalid UTF-8 bytes replaced with U+FFFD"]


def test_readers_txt_cyrillic_cp1251_detected(tmp_path: Path) -> None:
    text = (
        "\u0412 \u0411\u0430\u0433\u0434\u0430\u0434\u0435 \u043f\u0440\u043e\u0433\u0440"
        "\u0435\u043c\u0435\u043b \u0432\u0437\u0440\u044b\u0432, \u0441\u043e\u043e\u0431"
        "\u0449\u0438\u043b\u0438 \u0432\u043b\u0430\u0441\u0442\u0438."
    )
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    article = read_ok(path)
    assert article.text == text
    assert article.warnings == ["decoded as cp1251, not UTF-8"]


def test_readers_unreadable_file_is_an_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Classified.")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert str(read_error(path)) == f"{path}: permission denied"


def test_readers_stdin_broken_first_json_line_still_read_as_jsonl() -> None:
    data = b'{"text": oops}\n{"text": "Line two \xe2\x80\xa8 with a separator."}\n'
    results = read_stdin_bytes(data)
    assert [type(result) for result in results] == [ReadError, Article]
    assert results[1].line == 2
    assert isinstance(results[1], Article) and "\u2028" in results[1].text
