"""Self-contained HTML pages for looking at results: one article, or a whole batch.

`render_document` shows the article with its entities highlighted in displaCy's entity
style (same `mark.entity` markup and look, our labels and colours from models/display.json),
the events as a table whose rows link to their evidence sentence, and a timeline.
`render_corpus` shows a batch: events per day, per type and per country, and all events.
Pages carry their own CSS and inline SVG (no scripts, fonts or CDN), so they open offline;
every piece of text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from extract.acled import country_name, event_date_precision
from extract.display import (
    DisplayConfig,
    as_result,
    casualty,
    display_config,
    event_kind,
    event_place,
    event_when,
)
from extract.records import DocumentResult, Entity, Event

EVENT_COLUMNS = ("type", "subtype", "date", "place", "actor", "target", "victim", "weapon",
                 "killed", "injured", "source")
MAX_CORPUS_ROWS = 5000  # events listed in a corpus page; the charts count them all

_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #222; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.2rem; margin: 1.8rem 0 .6rem; }
.meta { color: #666; margin: 0; }
table.events { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.events th, table.events td { border: 1px solid #ddd; padding: .35rem .5rem;
       vertical-align: top; text-align: left; }
table.events th { background: #f3f3f3; position: sticky; top: 0; }
table.events tr:target { background: #fff6cc; }
td.num { text-align: right; white-space: nowrap; }
.type-dot { display: inline-block; width: .7em; height: .7em; border-radius: 50%;
            margin-right: .35em; }
.flag { font-size: .75em; background: #eee; border-radius: .3em; padding: 0 .3em; }
.empty { color: #777; font-style: italic; }
.entities { line-height: 2.5; direction: ltr; white-space: pre-wrap; font-size: 1rem;
            border: 1px solid #eee; padding: 1rem; border-radius: .4rem; }
mark.entity { padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1;
              border-radius: 0.35em; color: inherit; }
mark.entity .ent-label { font-size: 0.8em; font-weight: bold; line-height: 1;
              border-radius: 0.35em; vertical-align: middle; margin-left: 0.5rem; }
.evidence { background: linear-gradient(transparent 60%, #fff3a8 60%); }
.trigger { text-decoration: underline 2px #c00; text-underline-offset: 3px; font-weight: 600; }
a.evref { font-size: .7em; vertical-align: super; color: #fff; background: #c00;
          border-radius: .3em; padding: 0 .3em; margin-left: .15em; text-decoration: none; }
a.anchor { scroll-margin-top: 4rem; }
.legend { margin: .3rem 0 .8rem; font-size: .85rem; }
.legend span { display: inline-block; padding: .1rem .5rem; border-radius: .35em;
               margin: 0 .4rem .3rem 0; }
svg text { font-family: inherit; font-size: 12px; fill: #333; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
"""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def render_document(result: DocumentResult | dict[str, Any], text: str, *,
                    title: str | None = None) -> str:
    """One HTML page for one article: highlighted text, events table, timeline.

    `text` is the document text the offsets in `result` refer to. Entities whose offsets
    do not match it are left out of the highlighting and counted in a note.
    """
    doc = as_result(result)
    config = display_config()
    title = title or doc.doc_id or "Article"
    sentences = [_evidence_span(text, event) for event in doc.events]
    article, skipped = _highlight(text, doc.entities, doc.events, sentences, config)
    meta = " · ".join(x for x in (
        f"id {doc.doc_id}" if doc.doc_id else "",
        f"published {doc.published}" if doc.published else "",
        f"{len(doc.events)} event(s)", f"{len(doc.entities)} entities") if x)
    note = (f'<p class="empty">{skipped} entities did not match the text and are not '
            "highlighted.</p>" if skipped else "")
    body = (
        f"<header><h1>{escape(title)}</h1><p class=\"meta\">{escape(meta)}</p></header>\n"
        f'<section id="events"><h2>Events</h2>\n'
        f"{_events_table(doc.events, config, linked=[s is not None for s in sentences])}"
        "</section>\n"
        f'<section id="timeline"><h2>Timeline</h2>\n{_timeline_svg(doc.events, config)}'
        "</section>\n"
        f'<section id="article"><h2>Article</h2>\n{_legend(doc.entities, config)}{note}'
        f"{article}</section>\n")
    return _page(title, body)


def render_corpus(results: Iterable[DocumentResult | dict[str, Any]], *,
                  title: str = "Events", max_rows: int = MAX_CORPUS_ROWS) -> str:
    """One HTML page for a batch: events per day, per type, per country, and an events table.

    Accepts records or their dict form (lines of batch JSONL). The table lists at most
    `max_rows` events so that a page over tens of thousands of articles still opens.
    """
    config = display_config()
    docs = 0
    events: list[tuple[str | None, Event]] = []
    for result in results:
        doc = as_result(result)
        docs += 1
        events.extend((doc.doc_id, event) for event in doc.events)
    by_day: Counter[dt.date] = Counter()
    for _, event in events:
        day, _, _ = event_date_precision(event.date)
        if day is not None:
            by_day[day] += 1
    by_type = Counter(event.type for _, event in events)
    by_country = Counter(country_name(event.country) or event.country or "unknown"
                         for _, event in events)
    undated = len(events) - sum(by_day.values())
    meta = (f"{docs} document(s) · {len(events)} event(s) · "
            f"{len({d for d, _ in events})} document(s) with events")
    if by_day:
        meta += f" · {min(by_day)} to {max(by_day)}"
    charts = (
        '<div class="charts">'
        f'<figure id="per-day"><figcaption>Events per day'
        f'{f" ({undated} undated)" if undated else ""}</figcaption>'
        f"{_day_chart_svg(by_day)}</figure>"
        f'<figure id="per-type"><figcaption>Events per type</figcaption>'
        f"{_bar_chart_svg(by_type.most_common(), config.event_color)}</figure>"
        f'<figure id="per-country"><figcaption>Events per country</figcaption>'
        f"{_bar_chart_svg(by_country.most_common(25), lambda _: '#4a78b5')}</figure>"
        "</div>")
    shown = events[:max_rows]
    more = (f'<p class="empty">Showing the first {len(shown)} of {len(events)} events.</p>'
            if len(events) > len(shown) else "")
    body = (f"<header><h1>{escape(title)}</h1><p class=\"meta\">{escape(meta)}</p></header>\n"
            f'<section id="charts"><h2>Overview</h2>{charts}</section>\n'
            f'<section id="events"><h2>Events</h2>{more}\n'
            f"{_events_table([e for _, e in shown], config, doc_ids=[d for d, _ in shown])}"
            "</section>\n")
    return _page(title, body)


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n{body}</body>\n</html>\n")


# --- events table ---------------------------------------------------------------------------

def _events_table(events: Sequence[Event], config: DisplayConfig, *,
                  linked: Sequence[bool] | None = None,
                  doc_ids: Sequence[str | None] | None = None) -> str:
    """The events as an HTML table; row i is `#row-i`, and links to `#ev-i` when `linked[i]`."""
    if not events:
        return '<p class="empty" id="no-events">No events were found.</p>\n'
    head = ["#"] + (["doc_id"] if doc_ids is not None else []) + list(EVENT_COLUMNS)
    rows = []
    for i, event in enumerate(events, start=1):
        number = f"E{i}"
        if linked is not None and linked[i - 1]:
            number = f'<a href="#ev-{i}" title="show in the text">E{i}</a>'
        flags = "".join(f' <span class="flag">{f}</span>' for f, on in
                        (("negated", event.negated), ("uncertain", event.uncertain)) if on)
        dot = (f'<span class="type-dot" style="background: '
               f'{escape(config.event_color(event.type))}"></span>')
        place = escape(event_place(event))
        if event.admin1:
            place += f'<br><small>{escape(event.admin1)}</small>'
        cells = [number]
        if doc_ids is not None:
            cells.append(escape(doc_ids[i - 1] or ""))
        cells += [
            f"{dot}{escape(event.type)}{flags}",
            escape(event.subtype or ""),
            escape(event_when(event)),
            place,
            *(escape(getattr(event, f) or "") for f in ("actor", "target", "victim", "weapon")),
            escape(casualty(event.killed, event.casualty_qualifier)),
            escape(casualty(event.injured)),
            escape(event.source or ""),
        ]
        num_cols = {len(cells) - 3, len(cells) - 2}
        tds = "".join(f'<td class="num">{c}</td>' if k in num_cols or k == 0 else f"<td>{c}</td>"
                      for k, c in enumerate(cells))
        sentence = escape(event.sentence or "", quote=True)
        rows.append(f'<tr id="row-{i}" title="{sentence}">{tds}</tr>')
    ths = "".join(f"<th>{escape(h)}</th>" for h in head)
    return (f'<table id="events-table" class="events">\n<thead><tr>{ths}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n")


# --- article with entities (displaCy "ent" style) -------------------------------------------

def _evidence_span(text: str, event: Event) -> _Span | None:
    """Where the event's evidence sentence is in the text: the occurrence holding the trigger."""
    trigger_ok = 0 <= event.start < event.end <= len(text)
    if event.sentence:
        found = text.find(event.sentence)
        first = found
        while found != -1:
            if not trigger_ok or found <= event.start < found + len(event.sentence):
                return _Span(found, found + len(event.sentence))
            found = text.find(event.sentence, found + 1)
        if first != -1 and not trigger_ok:
            return _Span(first, first + len(event.sentence))
    return _Span(event.start, event.end) if trigger_ok else None


def _choose_entities(text: str, entities: Sequence[Entity]) -> tuple[list[Entity], int]:
    """Entities to mark: offsets inside the text and matching it, longest first on overlap."""
    valid = [e for e in entities if 0 <= e.start < e.end <= len(text)
             and text[e.start:e.end] == e.text]
    chosen: list[Entity] = []
    for ent in sorted(valid, key=lambda e: (e.start, -(e.end - e.start))):
        if not chosen or ent.start >= chosen[-1].end:
            chosen.append(ent)
    return chosen, len(entities) - len(valid)


def _entity_tooltip(ent: Entity, config: DisplayConfig) -> str:
    parts = [config.category_name(ent.category)]
    for name in ("value", "long_form", "country", "admin1", "number", "qualifier"):
        value = getattr(ent, name)
        if value is not None:
            parts.append(f"{name}: {value}")
    if ent.latitude is not None and ent.longitude is not None:
        parts.append(f"lat/lon: {ent.latitude:.4f}, {ent.longitude:.4f}")
    return " · ".join(parts)


def _highlight(text: str, entities: Sequence[Entity], events: Sequence[Event],
               sentences: Sequence[_Span | None], config: DisplayConfig) -> tuple[str, int]:
    """The article as displaCy-style marks, with evidence sentences, triggers and anchors.

    The text is cut at every boundary; marks open and close at entity edges, while
    evidence and trigger styling wraps each piece, so the markup always nests.
    """
    chosen, skipped = _choose_entities(text, entities)
    triggers: list[_Span] = []
    badges: dict[int, list[int]] = {}  # trigger end -> event numbers
    for i, event in enumerate(events, start=1):
        if 0 <= event.start < event.end <= len(text):
            triggers.append(_Span(event.start, event.end))
            badges.setdefault(event.end, []).append(i)
        for mention in event.mentions:
            t = mention.trigger
            if 0 <= t.start < t.end <= len(text):
                triggers.append(_Span(t.start, t.end))
    anchors: dict[int, list[int]] = {}
    evidence = [s for s in sentences if s is not None]
    for i, span in enumerate(sentences, start=1):
        if span is not None:
            anchors.setdefault(span.start, []).append(i)
    starts = {e.start: e for e in chosen}
    ends = {e.end: e for e in chosen}
    cuts = sorted({0, len(text), *starts, *ends, *anchors, *badges,
                   *(p for s in triggers + evidence for p in (s.start, s.end))})

    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a in ends:
            out.append(_close_mark(ends[a]))
        out.extend(f'<a class="anchor" id="ev-{i}"></a>' for i in anchors.get(a, []))
        if a in starts:
            ent = starts[a]
            out.append(f'<mark class="entity" data-label="{escape(ent.label)}" '
                       f'style="background: {escape(config.entity_color(ent.label))}" '
                       f'title="{escape(_entity_tooltip(ent, config))}">')
        piece = escape(text[a:b])
        if any(s.start <= a and b <= s.end for s in triggers):
            piece = f'<span class="trigger">{piece}</span>'
        if any(s.start <= a and b <= s.end for s in evidence):
            piece = f'<span class="evidence">{piece}</span>'
        out.append(piece)
        out.extend(f'<a class="evref" href="#row-{i}">E{i}</a>' for i in badges.get(b, []))
    if len(text) in ends:
        out.append(_close_mark(ends[len(text)]))
    if not text:
        out.append('<span class="empty">(no text)</span>')
    return f'<div class="entities">{"".join(out)}</div>\n', skipped


def _close_mark(ent: Entity) -> str:
    return f'<span class="ent-label">{escape(ent.label)}</span></mark>'


def _legend(entities: Sequence[Entity], config: DisplayConfig) -> str:
    if not entities:
        return '<p class="empty">No entities were found.</p>\n'
    labels = Counter(e.label for e in entities)
    categories = {e.label: e.category for e in entities}
    spans = "".join(
        f'<span style="background: {escape(config.entity_color(label))}" '
        f'title="{escape(config.category_name(categories[label]))}">'
        f"{escape(label)} · {count}</span>"
        for label, count in sorted(labels.items()))
    return f'<div class="legend">{spans}</div>\n'


# --- charts (inline SVG) --------------------------------------------------------------------

def _timeline_svg(events: Sequence[Event], config: DisplayConfig) -> str:
    """Events placed on a date axis, stacked when they share a day; undated ones listed."""
    dated: list[tuple[dt.date, int, Event]] = []
    undated: list[int] = []
    for i, event in enumerate(events, start=1):
        day, _, _ = event_date_precision(event.date)
        if day is None:
            undated.append(i)
        else:
            dated.append((day, i, event))
    note = ""
    if undated:
        note = '<p class="empty">Undated: ' + ", ".join(
            f'<a href="#row-{i}">E{i}</a> ({escape(events[i - 1].type)})' for i in undated
        ) + "</p>\n"
    if not dated:
        return '<p class="empty" id="no-timeline">No dated events to place on a timeline.</p>\n' \
            + note
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    if first == last:
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    span = (last - first).days
    width, left, right, row = 1000, 70, 200, 22

    def x(day: dt.date) -> float:
        return left + (day - first).days / span * (width - left - right)

    stack: Counter[dt.date] = Counter()
    marks = []
    for day, i, event in sorted(dated, key=lambda t: (t[0], t[1])):
        level = stack[day]
        stack[day] += 1
        cy = 30 + level * row
        label = f"E{i} {event_kind(event)}"
        tip = " · ".join(x for x in (event_when(event), event_place(event), event.sentence) if x)
        marks.append(
            f'<a href="#row-{i}"><circle cx="{x(day):.1f}" cy="{cy}" r="7" '
            f'fill="{escape(config.event_color(event.type))}"><title>{escape(tip)}</title>'
            f'</circle><text x="{x(day) + 11:.1f}" y="{cy + 4}">{escape(label)}</text></a>')
    axis_y = 30 + max(stack.values()) * row
    ticks = []
    for k in range(min(span, 6) + 1):
        day = first + dt.timedelta(days=round(k * span / min(span, 6)))
        ticks.append(f'<line x1="{x(day):.1f}" y1="{axis_y - 4}" x2="{x(day):.1f}" '
                     f'y2="{axis_y + 4}" stroke="#666"/>'
                     f'<text x="{x(day):.1f}" y="{axis_y + 18}" text-anchor="middle">'
                     f"{day.isoformat()}</text>")
    height = axis_y + 30
    return (f'<svg id="timeline-svg" role="img" aria-label="timeline of events" '
            f'width="100%" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
            f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#666"/>'
            f'{"".join(ticks)}{"".join(marks)}</svg>\n{note}')


def _bar_chart_svg(items: Sequence[tuple[str, int]], color: Callable[[str], str]) -> str:
    """Horizontal bars, one per (label, count); `color(label)` gives each bar's colour."""
    if not items:
        return '<p class="empty">No events.</p>'
    width, label_w, row = 460, 170, 22
    top = max(count for _, count in items) or 1
    bars = []
    for k, (label, count) in enumerate(items):
        y = 5 + k * row
        w = count / top * (width - label_w - 50)
        bars.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">'
                    f"{escape(label[:28])}</text>"
                    f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" '
                    f'fill="{escape(color(label))}"><title>{escape(label)}: {count}</title></rect>'
                    f'<text x="{label_w + w + 5:.1f}" y="{y + 14}">{count}</text>')
    height = 10 + len(items) * row
    return (f'<svg role="img" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>')


def _day_chart_svg(by_day: Counter[dt.date]) -> str:
    """Vertical bars over consecutive days (zeros included); by month past ~13 months."""
    if not by_day:
        return '<p class="empty">No dated events.</p>'
    first, last = min(by_day), max(by_day)
    if (last - first).days <= 400:
        keys = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
        series = [(d.isoformat(), by_day.get(d, 0)) for d in keys]
    else:
        months: Counter[str] = Counter()
        for day, count in by_day.items():
            months[day.strftime("%Y-%m")] += count
        series = sorted(months.items())
    width, height, left, bottom = 560, 200, 30, 40
    plot_w, plot_h = width - left - 10, height - bottom - 10
    top = max(count for _, count in series) or 1
    bar_w = plot_w / len(series)
    step = max(1, len(series) // 6)
    parts = [f'<text x="{left - 4}" y="16" text-anchor="end">{top}</text>',
             f'<line x1="{left}" y1="{10 + plot_h}" x2="{width - 10}" y2="{10 + plot_h}" '
             'stroke="#666"/>']
    for k, (label, count) in enumerate(series):
        h = count / top * plot_h
        bx = left + k * bar_w
        parts.append(f'<rect x="{bx + bar_w * 0.1:.1f}" y="{10 + plot_h - h:.1f}" '
                     f'width="{max(bar_w * 0.8, 1):.1f}" height="{h:.1f}" fill="#4a78b5">'
                     f"<title>{escape(label)}: {count}</title></rect>")
        if count and len(series) <= 40:
            parts.append(f'<text x="{bx + bar_w / 2:.1f}" y="{6 + plot_h - h:.1f}" '
                         f'text-anchor="middle" font-size="10">{count}</text>')
        if k % step == 0 or k == len(series) - 1:
            parts.append(f'<text x="{bx + bar_w / 2:.1f}" y="{height - bottom + 22}" '
                         f'text-anchor="middle" font-size="10">{escape(label)}</text>')
    return (f'<svg role="img" width="{width}" height="{height}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')
