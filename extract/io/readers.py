"""Read articles from every kind of input: text, JSON, JSONL, HTML, folders and stdin.

Readers never raise for a bad file: each problem is yielded as a `ReadError` naming the file
(and line) so a batch job goes on with the rest. The text of an `Article` is exactly what the
file holds once decoded (no stripping, no newline translation), because entity and event
offsets index it. A path that does not exist is reported the same way, as a `ReadError`
"no such file or directory", so one mistyped input among many does not stop the job.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, BinaryIO, TextIO

DEFAULT_GLOBS: tuple[str, ...] = ("*.txt", "*.json", "*.jsonl", "*.ndjson", "*.html", "*.htm")
STDIN = "-"

JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Formats that are never articles, recognised by their first bytes.
_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"7z\xbc\xaf\x27\x1c",
    b"\xfd7zXZ\x00",
    b"\x7fELF",
    b"BM",
)

# When several legacy encodings decode the bytes equally well, take the one most common in
# news on the web (WHATWG usage order): a short Western text is as "coherent" in cp1250 or
# mac_roman as in cp1252, and picking those garbles quotes, dashes and accents.
_PREFERRED_ENCODINGS: tuple[str, ...] = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "gb18030",
    "gbk",
    "cp932",
    "shift_jis",
    "euc_kr",
    "cp1250",
    "cp1256",
    "iso8859_2",
    "big5",
    "euc_jp",
    "cp1254",
    "cp1253",
    "cp1255",
    "cp1257",
    "koi8_r",
    "iso8859_5",
    "iso8859_6",
    "iso8859_7",
    "iso8859_8",
    "iso8859_9",
)

# C0 control characters that do not occur in text files (tab, newlines, form feed and
# escape do); more than a few of them and the file is data, not an article. A few stray
# ones (a BEL pasted into a short article) keep it text: over 1 % of the bytes AND more than
# _MAX_STRAY_CONTROLS of them make it binary.
_CONTROL_BYTES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})
_MAX_CONTROL_RATIO = 0.01
_MAX_STRAY_CONTROLS = 4


@dataclass
class Article:
    """One document to run the pipeline on, with where it came from."""

    doc_id: str
    text: str  # as given (decoded), never stripped or reflowed: offsets index it
    published: str | None  # from the record's metadata, as found (not parsed)
    title: str | None = None
    url: str | None = None
    path: str | None = None  # file it came from, "-" for stdin
    line: int | None = None  # 1-based line for JSONL records
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-1 hex of the text: lets a resumed job skip documents already done."""
        return hashlib.sha1(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class ReadError:
    """An input that could not be read; yielded, never raised, so a job goes on."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {' '.join(self.reason.split())}"


class _NotText(ValueError):
    """The bytes are binary data, not text in any encoding we can recognise."""


# --- public entry points -------------------------------------------------------------------


def read_articles(
    inputs: Sequence[str | Path],
    *,
    glob: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article | ReadError]:
    """Yield the articles of every input, in order: files, folders (recursive) and "-".

    Folders are walked in sorted order, skipping hidden files and folders; their files are
    filtered by `glob` (matched against the file name, or against the path relative to the
    folder when it holds a "/"), by default the kinds we read (DEFAULT_GLOBS). Files named
    directly are read whatever their name. A missing path yields a ReadError.
    """
    for item in inputs:
        if str(item) == STDIN:
            yield from read_stdin(sys.stdin if stdin is None else stdin)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, glob=glob)
        else:
            yield from read_article_file(path)


def read_article_file(path: str | Path) -> Iterator[Article | ReadError]:
    """Yield the article(s) of one file, read by its extension (and content when unknown)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _read_jsonl_stream(stream, name=str(path), stem=path.stem)
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(str(path), None, _os_reason(error))
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json_bytes(data, name=str(path), stem=path.stem)
    elif suffix in HTML_SUFFIXES or (suffix != ".txt" and _looks_like_html(data)):
        yield _read_html_bytes(data, name=str(path), stem=path.stem)
    else:
        yield _read_text_bytes(data, name=str(path), doc_id=path.stem)


def read_stdin(stream: TextIO | BinaryIO) -> Iterator[Article | ReadError]:
    """Yield the articles piped in: a JSON object (or list), JSON lines, or plain text.

    JSON lines are streamed; anything else is read whole. Bytes are read from the
    underlying buffer when there is one, so Windows line endings reach the text unchanged.
    """
    lines = _byte_lines(stream)
    head: list[bytes] = []
    for raw in lines:
        head.append(raw)
        if raw.strip():
            break
    first = head[-1] if head else b""
    if head and head[0].startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16/32 cannot be split on b"\n": read it whole.
        yield from _read_stdin_whole(b"".join(head) + b"".join(lines))
        return
    if _parses_as_object(first):
        more: list[bytes] = []
        for raw in lines:
            more.append(raw)
            if raw.strip():
                break
        if not any(raw.strip() for raw in more):
            yield from _read_json_bytes(b"".join(head + more), name=STDIN, stem="stdin")
            return
        numbered = enumerate(_chain(head, more, lines), start=1)
        yield from _read_jsonl_lines(numbered, name=STDIN, stem="stdin")
        return
    yield from _read_stdin_whole(b"".join(head) + b"".join(lines))


def count_inputs(inputs: Sequence[str | Path], *, glob: str | None = None) -> int | None:
    """Roughly how many results `read_articles` will yield, to size a progress bar.

    Counts files, and non-blank lines in JSONL files (a .json list counts as one);
    None when stdin is among the inputs, whose length is not known in advance.
    """
    total = 0
    for item in inputs:
        if str(item) == STDIN:
            return None
        path = Path(item)
        files = _walk_folder(path, glob=glob) if path.is_dir() else iter([path])
        for file in files:
            if isinstance(file, ReadError):
                total += 1
            elif file.suffix.lower() in JSONL_SUFFIXES:
                total += max(_count_nonblank_lines(file), 1)
            else:
                total += 1
    return total


# --- decoding ------------------------------------------------------------------------------


def _decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode file bytes to text, with warnings saying what was guessed.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then, each with
    a warning: UTF-8 with a few bad bytes replaced, Western text as cp1252, and otherwise
    charset-normalizer's best guess. Raises _NotText for binary data (NUL bytes, known
    binary formats, control characters).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                if encoding == "utf-32":  # FF FE 00 00 may be UTF-16 LE text starting with NUL
                    continue
                name = encoding.removesuffix("-sig").upper()
                return (
                    data.decode(encoding, errors="replace"),
                    [f"invalid {name} bytes replaced with U+FFFD"],
                )
    if b"\x00" in data:
        return _decode_bomless_utf16(data)
    if data.startswith(_BINARY_SIGNATURES) and not _is_utf8(data):
        raise _NotText
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _too_many_controls(data):
            raise _NotText
        return text, []
    if _too_many_controls(data):
        raise _NotText
    repaired = data.decode("utf-8", errors="replace")
    if _mostly_utf8(repaired):
        return repaired, ["invalid UTF-8 bytes replaced with U+FFFD"]
    encoding = "cp1252" if _plausible_cp1252(data) else _detect_encoding(data)
    if encoding is None:
        raise _NotText
    return data.decode(encoding), [f"decoded as {encoding}, not UTF-8"]


def _mostly_utf8(repaired: str) -> bool:
    """UTF-8 with a few broken bytes (a truncated or spliced file), not a legacy encoding:
    it has valid multi-byte characters, at least as many as the bytes that had to be
    replaced (Windows-1252 text almost never forms a valid UTF-8 sequence)."""
    replaced = repaired.count("\ufffd")
    decoded = sum(1 for char in repaired if char > "\x7f") - replaced
    return decoded > 0 and decoded >= replaced


def _plausible_cp1252(data: bytes) -> bool:
    """Western text in Windows-1252, the commonest legacy encoding of news in English.

    charset-normalizer alone is unreliable on short Western texts (measured: "£100 €5"
    came out as cp1251, a French sentence as cp775). Accented letters are a small share
    of the letters in Western languages; in Cyrillic, Greek or Arabic single-byte text read
    as cp1252 nearly every letter is one, so those still go to detection.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
        return False
    letters = [char for char in text if char.isalpha()]
    accented = sum(1 for char in letters if char > "\x7f")
    return bool(letters) and accented <= 0.3 * len(letters)


def _decode_bomless_utf16(data: bytes) -> tuple[str, list[str]]:
    """UTF-16 without a byte-order mark (mostly-ASCII text: every other byte is NUL)."""
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) / 2
    if len(data) % 2 == 0 and half:
        for encoding, nuls, others in (
            ("utf-16-le", odd_nuls, even_nuls),
            ("utf-16-be", even_nuls, odd_nuls),
        ):
            if nuls >= 0.6 * half and others <= 0.01 * half:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if not any(ord(char) in _CONTROL_BYTES for char in text):
                    return text, [f"decoded as {encoding} (no byte-order mark)"]
    raise _NotText


def _detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, preferring the encodings common in news on ties."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least_chaos = min(match.chaos for match in matches)
    candidates = [match for match in matches if match.chaos <= least_chaos + 0.01]

    def rank(encoding: str) -> int:
        try:
            return _PREFERRED_ENCODINGS.index(encoding)
        except ValueError:
            return len(_PREFERRED_ENCODINGS)

    def preference(match: Any) -> tuple[int, float]:
        return (min(rank(name) for name in match.could_be_from_charset), -match.coherence)

    best = min(candidates, key=preference)
    names = sorted(best.could_be_from_charset, key=rank)
    return names[0] if names else best.encoding


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _too_many_controls(data: bytes) -> bool:
    """Whether control bytes mark the data as binary (see _CONTROL_BYTES)."""
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > _MAX_STRAY_CONTROLS and controls > _MAX_CONTROL_RATIO * len(sample)


def _decode_record_line(raw: bytes | str, *, first: bool) -> tuple[str, list[str]]:
    """One JSONL line to text: UTF-8 (a BOM on the first line allowed), else detected."""
    if isinstance(raw, str):
        return (raw.removeprefix("\ufeff") if first else raw), []
    if first:
        raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        return _decode_text(raw)


# --- one kind each ---------------------------------------------------------------------------


def _read_text_bytes(data: bytes, *, name: str, doc_id: str) -> Article | ReadError:
    try:
        text, warnings = _decode_text(data)
    except _NotText:
        return ReadError(name, None, "binary file, not text")
    if not text.strip():
        warnings.append("empty text")
    return Article(doc_id=doc_id, text=text, published=None, path=name, warnings=warnings)


def _read_json_bytes(data: bytes, *, name: str, stem: str) -> Iterator[Article | ReadError]:
    """A .json file: one article object, or a list of them (ids default to "stem:N")."""
    try:
        source, warnings = _decode_text(data)
    except _NotText:
        yield ReadError(name, None, "binary file, not JSON")
        return
    if not source.strip():
        yield ReadError(name, None, "empty file, no JSON article")
        return
    try:
        value = json.loads(source)
    except json.JSONDecodeError as error:
        yield ReadError(name, error.lineno, f"malformed JSON: {error.msg} (column {error.colno})")
        return
    if isinstance(value, dict):
        yield _article_from_record(value, default_id=stem, name=name, line=None, warnings=warnings)
    elif isinstance(value, list):
        for index, record in enumerate(value, start=1):
            if isinstance(record, dict):
                yield _article_from_record(
                    record,
                    default_id=f"{stem}:{index}",
                    name=name,
                    line=None,
                    warnings=list(warnings),
                    item=index,
                )
            else:
                yield ReadError(
                    name, None, f"item {index}: expected a JSON object, got {_json_type(record)}"
                )
    else:
        yield ReadError(
            name, None, f"expected a JSON object or a list of objects, got {_json_type(value)}"
        )


def _read_jsonl_stream(stream: BinaryIO, *, name: str, stem: str) -> Iterator[Article | ReadError]:
    """A .jsonl file, streamed line by line; UTF-16/32 (with a BOM) decoded on the fly."""
    start = stream.read(4)
    stream.seek(0)
    encoding = next((enc for bom, enc in _BOMS if start.startswith(bom)), None)
    lines: Iterable[bytes | str]
    if encoding in ("utf-16", "utf-32"):
        lines = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="\n")
    else:
        lines = stream
    yield from _read_jsonl_lines(enumerate(lines, start=1), name=name, stem=stem)


def _read_jsonl_lines(
    numbered: Iterable[tuple[int, bytes | str]], *, name: str, stem: str
) -> Iterator[Article | ReadError]:
    """One article per non-blank line; a broken line is an error for that line only."""
    for number, raw in numbered:
        try:
            source, warnings = _decode_record_line(raw, first=number == 1)
        except _NotText:
            yield ReadError(name, number, "binary data, not a JSON line")
            continue
        if not source.strip():
            continue
        try:
            value = json.loads(source)
        except json.JSONDecodeError as error:
            yield ReadError(name, number, f"malformed JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(value, dict):
            yield ReadError(name, number, f"expected a JSON object, got {_json_type(value)}")
            continue
        yield _article_from_record(
            value, default_id=f"{stem}:{number}", name=name, line=number, warnings=warnings
        )


def _read_html_bytes(data: bytes, *, name: str, stem: str) -> Article | ReadError:
    """Main text, title, URL and publication date of a web page, extracted offline."""
    if not data.strip():
        return Article(
            doc_id=stem,
            text=data.decode("utf-8", errors="replace"),
            published=None,
            path=name,
            warnings=["empty text"],
        )
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ReadError(name, None, "binary file, not HTML")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            # Dates from the page's metadata only (meta tags, JSON-LD, <time>, URL): a date
            # mentioned in the body is the dateline's business, not the publication date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # trafilatura/lxml can fail on anything; one file, one error
        return ReadError(name, None, f"could not parse HTML: {error}")
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return ReadError(name, None, "no article text found in HTML")
    return Article(
        doc_id=stem,
        text=text,
        published=getattr(document, "date", None) or None,
        title=getattr(document, "title", None) or None,
        url=getattr(document, "url", None) or None,
        path=name,
    )


def _read_stdin_whole(data: bytes) -> Iterator[Article | ReadError]:
    """Piped input read whole: JSON when it parses as such, else JSON lines, else text."""
    try:
        source, _ = _decode_text(data)
    except _NotText:
        yield ReadError(STDIN, None, "binary data, not text")
        return
    head = source.lstrip()
    if head.startswith(("{", "[")):
        try:
            json.loads(source)
        except json.JSONDecodeError:
            if head.startswith("{"):
                # JSON strings may hold U+2028 or a form feed: split on "\n" only.
                lines = source.split("\n")
                if any(_parses_as_object(line) for line in lines):
                    yield from _read_jsonl_lines(
                        enumerate(lines, start=1), name=STDIN, stem="stdin"
                    )
                    return
                yield from _read_json_bytes(data, name=STDIN, stem="stdin")
                return
        else:
            yield from _read_json_bytes(data, name=STDIN, stem="stdin")
            return
    yield _read_text_bytes(data, name=STDIN, doc_id="stdin")


# --- records -------------------------------------------------------------------------------


def _article_from_record(
    record: dict[str, Any],
    *,
    default_id: str,
    name: str,
    line: int | None,
    warnings: list[str],
    item: int | None = None,
) -> Article | ReadError:
    """An article from a JSON record: `text` or `body`, optional id/title/published/url."""
    prefix = "" if item is None else f"item {item}: "
    key = "text" if record.get("text") is not None else "body"
    text = record.get(key)
    if text is None:
        return ReadError(name, line, f"{prefix}no 'text' or 'body' field")
    if not isinstance(text, str):
        return ReadError(name, line, f"{prefix}'{key}' is {_json_type(text)}, not a string")
    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        doc_id = default_id
    elif isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    elif not isinstance(doc_id, str):
        return ReadError(name, line, f"{prefix}'id' is {_json_type(doc_id)}, not a string")
    published_key = "published" if record.get("published") is not None else "date"
    metadata = {
        "published": (published_key, record.get(published_key)),
        "title": ("title", record.get("title")),
        "url": ("url", record.get("url")),
    }
    values: dict[str, str | None] = {}
    for attribute, (field_name, value) in metadata.items():
        if value is None or isinstance(value, str):
            values[attribute] = value
        else:
            values[attribute] = None
            warnings.append(f"ignored '{field_name}': {_json_type(value)}, not a string")
    if not text.strip():
        warnings.append("empty text")
    return Article(
        doc_id=doc_id,
        text=text,
        published=values["published"],
        title=values["title"],
        url=values["url"],
        path=name,
        line=line,
        warnings=warnings,
    )


def _json_type(value: Any) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "a list"
        case _:
            return "an object"


def _parses_as_object(raw: bytes | str) -> bool:
    """Whether one line is a whole JSON object (the sign of JSON lines on stdin)."""
    if isinstance(raw, bytes):
        try:
            raw = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        except UnicodeDecodeError:
            return False
    if not raw.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(raw), dict)
    except json.JSONDecodeError:
        return False


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


# --- folders and streams -------------------------------------------------------------------


def _read_folder(folder: Path, *, glob: str | None) -> Iterator[Article | ReadError]:
    for file in _walk_folder(folder, glob=glob):
        if isinstance(file, ReadError):
            yield file
        else:
            yield from read_article_file(file)


def _walk_folder(folder: Path, *, glob: str | None) -> Iterator[Path | ReadError]:
    """Files under `folder` matching the glob, depth first in name order, hidden ones skipped.

    Symlinked folders are not followed (no cycles); only one folder listing is in memory
    per level, so a folder of any size streams.
    """
    patterns = DEFAULT_GLOBS if glob is None else (glob,)

    def matches(path: Path) -> bool:
        relative = path.relative_to(folder).as_posix()
        return any(
            fnmatch(relative if "/" in pattern else path.name, pattern) for pattern in patterns
        )

    def walk(directory: Path) -> Iterator[Path | ReadError]:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            yield ReadError(str(directory), None, _os_reason(error))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError as error:
                yield ReadError(str(path), None, _os_reason(error))
                continue
            if is_dir:
                yield from walk(path)
            elif is_file and matches(path):
                yield path

    yield from walk(folder)


def _byte_lines(stream: TextIO | BinaryIO) -> Iterator[bytes]:
    """Lines of a stream as bytes, split on b"\\n" only, endings kept."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        yield from buffer
        return
    for line in stream:
        yield line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")


def _chain(*parts: Iterable[bytes]) -> Iterator[bytes]:
    for part in parts:
        yield from part


def _count_nonblank_lines(path: Path) -> int:
    try:
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip(b" \t\r\n\x00\xff\xfe"))
    except OSError:
        return 1


def _os_reason(error: OSError) -> str:
    """'no such file or directory', 'permission denied', ...: the OS reason, one line."""
    match error:
        case FileNotFoundError():
            return "no such file or directory"
        case PermissionError():
            return "permission denied"
        case IsADirectoryError():
            return "is a directory"
    return (error.strerror or str(error)).lower()
