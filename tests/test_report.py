"""HTML report: highlighted article, events table linked to evidence, timeline, corpus view."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.display import display_config
from extract.records import DocumentResult, Entity, Event, Mention, TextSpan
from extract.report import render_corpus, render_document

CHECK_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check_report.py"

TEXT = ("HARBOR CITY, May 3 — Mortar rounds hit the Eastgate barracks on Friday night, "
        "the army said. Three soldiers were hurt.\n\n"
        "On Saturday, guards detained two smugglers near Port Vela, a spokesman said.")


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _entity(part: str, label: str, category: str, **extra: object) -> Entity:
    start, end = _span(TEXT, part)
    return Entity(part, label, category, start, end, **extra)  # type: ignore[arg-type]


def _sentence(part: str) -> str:
    return next(s for s in re.split(r"(?<=\.)\s+", TEXT) if part in s)


def make_result() -> DocumentResult:
    """A two-event article written for these tests: a mortar attack and an arrest."""
    hit, detained = _span(TEXT, "hit"), _span(TEXT, "detained")
    events = [
        Event("harbor:e1", "attack", "shelling", "Explosions/Remote violence",
              "Shelling/artillery/missile attack", date="2023-05-02", time="TNI",
              place="Eastgate barracks", country="XX", weapon="Mortar rounds",
              target="the Eastgate barracks", injured=3, source="the army",
              sentence=_sentence("Mortar rounds"), start=hit[0], end=hit[1],
              mentions=[Mention("attack", TextSpan("hit", *hit), "shelling")]),
        Event("harbor:e2", "arrest", None, "Strategic developments", "Arrests",
              date="2023-05-03", place="Port Vela", actor="guards", victim="two smugglers",
              source="a spokesman", sentence=_sentence("detained"),
              start=detained[0], end=detained[1]),
    ]
    entities = [
        _entity("HARBOR CITY", "GPE", "place"),
        _entity("May 3", "DATE", "time", value="2023-05-03"),
        _entity("Mortar rounds", "WEAPON", "weapon"),
        _entity("Eastgate barracks", "FAC", "place"),
        _entity("Friday night", "TIME", "time", value="2023-05-02TNI"),
        _entity("army", "UNIT", "unit"),
        _entity("guards", "UNIT", "unit"),
        _entity("Port Vela", "GPE", "place"),
    ]
    return DocumentResult("harbor-2023-05-03", "2023-05-03", entities=entities, events=events)


def test_report_is_self_contained() -> None:
    html = render_document(make_result(), TEXT)
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html


def test_report_marks_every_entity_with_its_colour() -> None:
    html = render_document(make_result(), TEXT)
    marks = re.findall(r'<mark class="entity" data-label="(\w+)" style="background: ([^"]+)"',
                       html)
    assert len(marks) == len(make_result().entities)
    assert ("UNIT", display_config().entity_color("UNIT")) in marks
    assert ("WEAPON", display_config().entity_color("WEAPON")) in marks


def test_report_rows_link_to_evidence_sentences() -> None:
    html = render_document(make_result(), TEXT)
    assert '<tr id="row-1"' in html and 'href="#ev-1"' in html
    assert '<tr id="row-2"' in html and 'href="#ev-2"' in html
    # the anchor sits where the evidence sentence starts, followed by its first words
    after_anchor = html.split('id="ev-2"></a>', 1)[1]
    assert re.sub(r"<[^>]+>", "", after_anchor).startswith("On Saturday")
    assert 'href="#row-1">E1</a>' in html  # and the trigger links back to its row


def test_report_table_shows_event_fields() -> None:
    html = render_document(make_result(), TEXT)
    table = html.split('id="events-table"', 1)[1].split("</table>", 1)[0]
    for value in ("shelling", "2023-05-02 night", "Eastgate barracks", "Mortar rounds",
                  "two smugglers", "a spokesman", ">3<"):
        assert value in table


def test_report_timeline_places_events_by_date() -> None:
    html = render_document(make_result(), TEXT)
    svg = html.split('id="timeline-svg"', 1)[1].split("</svg>", 1)[0]
    assert "E1 attack/shelling" in svg and "E2 arrest" in svg
    assert "2023-05-02" in svg and "2023-05-03" in svg


def test_report_escapes_text() -> None:
    text = 'Gunmen <script>alert(1)</script> & "friends" attacked.'
    start, end = _span(text, "attacked")
    event = Event("x:e1", "attack", sentence=text, start=start, end=end,
                  actor="<b>Gunmen</b>")
    result = DocumentResult("<doc>", None, events=[event],
                            entities=[Entity("Gunmen", "UNIT", "unit", 0, 6)])
    html = render_document(result, text)
    assert "<script>" not in html and "<b>Gunmen" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html and "&lt;doc&gt;" in html


def test_report_handles_no_events() -> None:
    html = render_document(DocumentResult("quiet", None), "Nothing happened today.")
    assert 'id="no-events"' in html and 'id="events-table"' not in html
    assert 'id="no-timeline"' in html
    assert "Nothing happened today." in html


def test_report_skips_entities_that_do_not_match_the_text() -> None:
    result = make_result()
    result.entities.append(Entity("Atlantis", "GPE", "place", 5, 13))
    result.entities.append(Entity("Beyond", "GPE", "place", 10_000, 10_006))
    html = render_document(result, TEXT)
    assert html.count('<mark class="entity"') == len(result.entities) - 2
    assert "2 entities did not match the text" in html


def test_report_accepts_the_dict_form() -> None:
    result = make_result()
    assert render_document(result.to_dict(), TEXT) == render_document(result, TEXT)


def test_report_corpus_counts_per_day_type_and_country() -> None:
    other = DocumentResult("other", "2023-05-03", events=[
        Event("other:e1", "attack", "airstrike", date="2023-05-03", country="IQ")])
    html = render_corpus([make_result().to_dict(), other])
    assert "2 document(s) · 3 event(s)" in html
    assert "<title>2023-05-03: 2</title>" in html  # per day
    assert "<title>attack: 2</title>" in html and "<title>arrest: 1</title>" in html
    assert "<title>Iraq: 1</title>" in html
    assert html.count("<tr id=\"row-") == 3 and "harbor-2023-05-03" in html


def test_report_corpus_handles_no_results() -> None:
    html = render_corpus([])
    assert "0 document(s) · 0 event(s)" in html and 'id="no-events"' in html


def test_report_corpus_limits_table_rows() -> None:
    html = render_corpus([make_result()], max_rows=1)
    assert html.count('<tr id="row-') == 1 and "first 1 of 2 events" in html


def _run_check(html: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    return subprocess.run([sys.executable, str(CHECK_SCRIPT), "--html", str(page),
                           "--screenshot", str(tmp_path / "report.png")],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_report_renders_in_chromium(tmp_path: Path) -> None:
    done = _run_check(render_document(make_result(), TEXT), tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.png").stat().st_size > 10_000


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_report_check_fails_on_a_page_without_events(tmp_path: Path) -> None:
    done = _run_check("<!DOCTYPE html><html><body><p>oops</p></body></html>", tmp_path)
    assert done.returncode == 1
    assert "events table" in done.stderr
