"""Check that a report page really renders, in headless Chromium.

    python scripts/check_report.py --result doc.json --text article.txt [--screenshot out.png]
    python scripts/check_report.py --result batch.jsonl          # corpus page
    python scripts/check_report.py --html report.html

Renders the page (or takes the given HTML), loads it in Debian's `chromium` with
`--dump-dom` and `--screenshot`, and exits 1 when the page did not render: the DOM lacks the
events table (or its "no events" note) or has fewer entity marks than the HTML, or the
screenshot is missing or blank. Exit 2 when chromium is not installed.
Rendering a result file imports `extract`: run it where the package is installed
(`make install`, or `python -m pip install -e .`); `--html` needs only the standard library.
"""

from __future__ import annotations

import argparse
import json
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

WINDOW = (1280, 2000)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
MARK = '<mark class="entity"'
MIN_DISTINCT_BYTES = 24  # a blank page's PNG data has a handful of byte values; text has many


class RenderError(Exception):
    """The page did not render as it should; the message says what is missing."""


class ChromiumMissing(RuntimeError):
    """No Chromium binary on PATH."""


def find_chromium() -> str | None:
    """Path of a Chromium binary, Debian's name first."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def render_html(result_path: Path, text_path: Path | None) -> str:
    """The report page for a result file: a document (.json) or a batch (.jsonl)."""
    from extract.report import render_corpus, render_document

    if result_path.suffix == ".jsonl":
        lines = result_path.read_text(encoding="utf-8").splitlines()
        return render_corpus(json.loads(line) for line in lines if line.strip())
    data = json.loads(result_path.read_text(encoding="utf-8"))
    if text_path is not None:
        text = text_path.read_text(encoding="utf-8")
    elif isinstance(data.get("text"), str):
        text = data["text"]
    else:
        raise RenderError(f"{result_path}: give the article with --text (offsets refer to it)")
    return render_document(data, text)


def run_chromium(chromium: str, html_path: Path, screenshot: Path, *,
                 timeout: float = 90) -> str:
    """Load the page headless: write the screenshot, return the DOM after load."""
    url = html_path.resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        base = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run([*base, "--dump-dom", url], capture_output=True, text=True,
                             timeout=timeout)
        if dom.returncode != 0:
            raise RenderError(f"chromium --dump-dom failed ({dom.returncode}): "
                              f"{dom.stderr.strip()[-500:]}")
        shot = subprocess.run([*base, f"--screenshot={screenshot}",
                               f"--window-size={WINDOW[0]},{WINDOW[1]}", url],
                              capture_output=True, text=True, timeout=timeout)
        if shot.returncode != 0:
            raise RenderError(f"chromium --screenshot failed ({shot.returncode}): "
                              f"{shot.stderr.strip()[-500:]}")
    return dom.stdout


def check_dom(html: str, dom: str) -> list[str]:
    """What the rendered DOM lacks compared with the HTML it was given."""
    problems = []
    if 'id="events-table"' in html and 'id="events-table"' not in dom:
        problems.append("the events table is missing from the rendered page")
    if 'id="events-table"' not in dom and 'id="no-events"' not in dom:
        problems.append("neither an events table nor a 'no events' note is on the page")
    expected, found = html.count(MARK), dom.count(MARK)
    if found < expected:
        problems.append(f"only {found} of {expected} entity marks rendered")
    return problems


def check_png(path: Path) -> list[str]:
    """Whether the screenshot exists, is a PNG of the window size, and is not blank."""
    if not path.is_file() or path.stat().st_size == 0:
        return [f"no screenshot at {path}"]
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return [f"{path} is not a PNG"]
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = bytearray(), 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    problems = []
    if (width, height) != WINDOW:
        problems.append(f"screenshot is {width}x{height}, expected {WINDOW[0]}x{WINDOW[1]}")
    distinct = len(set(zlib.decompress(bytes(idat))))
    if distinct < MIN_DISTINCT_BYTES:
        problems.append(f"screenshot looks blank ({distinct} distinct byte values)")
    return problems


def check_report(html: str, *, screenshot: Path, chromium: str | None = None) -> list[str]:
    """Render `html` in headless Chromium; the list of problems (empty when it rendered)."""
    chromium = chromium or find_chromium()
    if chromium is None:
        raise ChromiumMissing("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="check-report-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        screenshot.unlink(missing_ok=True)
        dom = run_chromium(chromium, page, screenshot)
    return check_dom(html, dom) + check_png(screenshot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--result", type=Path, help="DocumentResult .json, or batch .jsonl")
    source.add_argument("--html", type=Path, help="an HTML report to check as is")
    parser.add_argument("--text", type=Path, help="the article text the result refers to")
    parser.add_argument("--screenshot", type=Path, default=Path("/tmp/extract-report.png"))
    parser.add_argument("--save-html", type=Path, help="also write the rendered page here")
    args = parser.parse_args(argv)
    try:
        html = (args.html.read_text(encoding="utf-8") if args.html
                else render_html(args.result, args.text))
        if args.save_html:
            args.save_html.write_text(html, encoding="utf-8")
        problems = check_report(html, screenshot=args.screenshot)
    except ChromiumMissing as err:
        print(f"check_report: {err}", file=sys.stderr)
        return 2
    except (RenderError, OSError, ValueError, subprocess.TimeoutExpired) as err:
        print(f"check_report: {err}", file=sys.stderr)
        return 1
    if problems:
        for problem in problems:
            print(f"check_report: {problem}", file=sys.stderr)
        return 1
    print(f"check_report: page rendered; screenshot {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
