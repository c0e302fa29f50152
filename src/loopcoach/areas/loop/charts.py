"""Server-side SVG charts for the readiness dashboard: radar, trend lines, topic heat map, due bars.

Each function returns a self-contained ``<svg>`` string (no JavaScript, no
external fonts) with ``role="img"``, a ``<title>`` and a ``<desc>`` that
states the data in words for screen readers, or ``""`` when there is
nothing to draw (the page shows an empty state instead). Every label is
XML-escaped. Scores are 0-100.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape
from itertools import count

PALETTE = ("#0b5cad", "#b42318", "#1a7f37", "#9a6700", "#6f42c1", "#0a7d8c", "#c2185b", "#57606a")
FONT = 'font-family="system-ui, sans-serif"'
_ids = count(1)


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, str]:
    n = next(_ids)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="chart-t{n} chart-d{n}" {FONT} font-size="13">'
            f'<title id="chart-t{n}">{escape(title)}</title><desc id="chart-d{n}">{escape(desc)}</desc>')
    return head, "</svg>"


def score_color(score: float | None) -> str:
    """Red (0) through amber (50) to green (100); grey for never tried."""
    if score is None:
        return "#e4e7eb"
    s = max(0.0, min(100.0, score)) / 100
    if s < 0.5:
        r, g, b = 214, int(80 + 260 * s), 70
    else:
        r, g, b = int(214 - 340 * (s - 0.5)), int(210 - 40 * (s - 0.5)), int(70 + 30 * (s - 0.5))
    return f"#{r:02x}{g:02x}{b:02x}"


def radar(points: list[tuple[str, float | None]], title: str) -> str:
    """A radar (spider) chart of scores by axis; None counts as 0 and is labelled 'not tried'."""
    if len(points) < 3 or all(v is None for _, v in points):
        return ""
    size, cx, cy, radius = 560, 280, 205, 130
    n = len(points)

    def at(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * value / 100 * math.cos(angle), cy + radius * value / 100 * math.sin(angle)

    desc = "; ".join(f"{label}: {'not tried' if v is None else f'{round(v)} of 100'}" for label, v in points)
    head, tail = _open(size, 410, title, desc)
    parts = [head]
    for ring in (25, 50, 75, 100):
        ring_pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{ring_pts}" fill="none" stroke="#d0d7de"/>')
        x, y = at(0, ring)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 4:.1f}" fill="#57606a" font-size="10">{ring}</text>')
    for i, (label, value) in enumerate(points):
        x, y = at(i, 100)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d0d7de"/>')
        lx, ly = at(i, 118)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        shown = "not tried" if value is None else str(round(value))
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="#1b1f24">'
                     f'{escape(label)}<tspan x="{lx:.1f}" dy="14" fill="#57606a">{shown}</tspan></text>')
    shape = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, v or 0) for i, (_, v) in enumerate(points)))
    parts.append(f'<polygon points="{shape}" fill="#0b5cad" fill-opacity="0.22" stroke="#0b5cad" '
                 'stroke-width="2"/>')
    for i, (label, value) in enumerate(points):
        x, y = at(i, value or 0)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#0b5cad"><title>{escape(label)}: '
                     f'{"not tried" if value is None else round(value)}</title></circle>')
    parts.append(tail)
    return "".join(parts)


def trend_lines(series: dict[str, list[tuple[date, float]]], title: str) -> str:
    """One line per series over time (x: dates, y: 0-100), with a legend."""
    series = {k: v for k, v in series.items() if v}
    if not series:
        return ""
    days = sorted({d for pts in series.values() for d, _ in pts})
    rows = (len(series) + 2) // 3
    width, left, right, top, plot_h = 520, 40, 16, 14, 220
    bottom = 34 + 22 * rows
    height = top + plot_h + bottom
    plot_w = width - left - right
    first, last = days[0], days[-1]
    span = max(1, (last - first).days)

    def xy(d: date, v: float) -> tuple[float, float]:
        x = left + (plot_w * (d - first).days / span if len(days) > 1 else plot_w / 2)
        return x, top + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    desc = "; ".join(f"{name}: " + ", ".join(f"{d.isoformat()} {round(v)}" for d, v in pts)
                     for name, pts in series.items())
    head, tail = _open(width, height, title, desc)
    parts = [head]
    for tick in (0, 25, 50, 75, 100):
        _, y = xy(first, tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eef1f4"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#57606a">{tick}</text>')
    ticks = days if len(days) <= 5 else [days[round(i * (len(days) - 1) / 4)] for i in range(5)]
    for d in ticks:
        x, _ = xy(d, 0)
        anchor = "end" if d == last and len(days) > 1 else "middle"
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 20}" text-anchor="{anchor}" fill="#57606a">'
                     f'{d.strftime("%b %d")}</text>')
    for i, (name, pts) in enumerate(series.items()):
        color = PALETTE[i % len(PALETTE)]
        coords = [xy(d, v) for d, v in pts]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        for (d, v), (x, y) in zip(pts, coords, strict=True):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}"><title>{escape(name)}, week of '
                         f'{d.isoformat()}: {round(v)}</title></circle>')
        lx, ly = left + (i % 3) * 160, top + plot_h + 44 + 22 * (i // 3)
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{color}"/>'
                     f'<text x="{lx + 18}" y="{ly}" fill="#1b1f24">{escape(name)}</text>')
    parts.append(tail)
    return "".join(parts)


def _move(delta: float | None) -> str:
    if delta is None or abs(delta) < 1:
        return ""
    return f" ▲{round(delta)}" if delta > 0 else f" ▼{round(-delta)}"


def heatmap(rows: list[tuple[str, dict[str, float | None]]], title: str,
            moves: dict[str, dict[str, float]] | None = None) -> str:
    """Tiles per topic, grouped by area, coloured by score (grey: never tried), with the recent move (▲/▼)."""
    rows = [(name, cells) for name, cells in rows if cells]
    if not rows or all(v is None for _, cells in rows for v in cells.values()):
        return ""
    per_line, cell_w, cell_h, gap = 4, 126, 40, 4
    width = per_line * (cell_w + gap) + 8
    y = 6
    body: list[str] = []
    desc_parts = []
    for name, cells in rows:
        body.append(f'<text x="4" y="{y + 14}" font-weight="700" fill="#1b1f24">{escape(name)}</text>')
        y += 22
        items = sorted(cells.items(), key=lambda kv: (kv[1] is None, kv[1] if kv[1] is not None else 0, kv[0]))
        for i, (topic, score) in enumerate(items):
            col, line = i % per_line, i // per_line
            x, ty = 4 + col * (cell_w + gap), y + line * (cell_h + gap)
            move = _move((moves or {}).get(name, {}).get(topic))
            shown = ("not tried" if score is None else str(round(score))) + move
            short = topic if len(topic) <= 16 else topic[:15] + "…"
            body.append(f'<g><title>{escape(name)} / {escape(topic)}: {shown}</title>'
                        f'<rect x="{x}" y="{ty}" width="{cell_w}" height="{cell_h}" rx="5" '
                        f'fill="{score_color(score)}"/>'
                        f'<text x="{x + 6}" y="{ty + 16}" fill="#1b1f24">'
                        f'{escape(short)}</text><text x="{x + 6}" y="{ty + 31}" fill="#1b1f24" '
                        f'font-weight="700">{shown}</text></g>')
        y += ((len(items) + per_line - 1) // per_line) * (cell_h + gap) + 10
        desc_parts.append(f"{name}: " + ", ".join(
            f"{t} {'not tried' if s is None else round(s)}{_move((moves or {}).get(name, {}).get(t))}"
            for t, s in items))
    head, tail = _open(width, y, title, "; ".join(desc_parts))
    return head + "".join(body) + tail


def due_bars(rows: list[tuple[str, int, int]], title: str) -> str:
    """Horizontal bars: cards due now (dark) and due within the week (light) per area."""
    if not rows:
        return ""
    width, bar_h, left = 520, 26, 120
    top = max(1, max(now + week for _, now, week in rows))
    height = 30 + len(rows) * (bar_h + 10)
    desc = "; ".join(f"{label}: {now} due now, {week} more this week" for label, now, week in rows)
    head, tail = _open(width, height, title, desc)
    parts = [head]
    scale = (width - left - 150) / top
    for i, (label, now, week) in enumerate(rows):
        y = 10 + i * (bar_h + 10)
        w_now, w_week = now * scale, week * scale
        parts.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" fill="#1b1f24">{escape(label)}</text>'
                     f'<rect x="{left}" y="{y}" width="{w_now:.1f}" height="{bar_h}" fill="#b42318"/>'
                     f'<rect x="{left + w_now:.1f}" y="{y}" width="{w_week:.1f}" height="{bar_h}" fill="#f1b5ae"/>'
                     f'<text x="{left + w_now + w_week + 6:.1f}" y="{y + 17}" fill="#1b1f24">{now} now, '
                     f'{week} this week</text>')
    parts.append(tail)
    return "".join(parts)
