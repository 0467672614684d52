"""Server-side SVG pictures: a calls-per-month timeline and a counterpart network.

Pure functions from counts to markup, with no external assets; every picture has
an accessible name and description (``role="img"``, ``<title>``, ``<desc>``) and
every mark its own ``<title>``, so a screen reader and a tooltip say the numbers.
The pages show the same numbers as text next to the picture.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# More months than this are drawn as years.
MAX_MONTH_BARS = 240


def _plural(n: int, word: str = "call") -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _svg(width: int, height: int, ident: str, title: str, desc: str, body: list[str]) -> SafeString:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )
    return mark_safe(svg)  # every text interpolated above is escaped


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    year: int
    month: int | None


def _bars(counts: Iterable[tuple[int | None, int | None, int]]) -> list[Bar]:
    """Consecutive month (or year) bars from (year, month, count) rows, gaps as zeros."""
    by_month: dict[tuple[int, int], int] = {}
    for year, month, count in counts:
        if year is None:
            continue
        key = (year, month or 1)  # a call known only by its year counts in January
        by_month[key] = by_month.get(key, 0) + count
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if months < 12:
        # A short span is shown within its whole years, so that bars keep a month's width.
        first, last = (first[0], 1), (last[0], 12)
        months = (last[0] - first[0]) * 12 + 12
    if months > MAX_MONTH_BARS:
        by_year: dict[int, int] = {}
        for (year, _), count in by_month.items():
            by_year[year] = by_year.get(year, 0) + count
        return [Bar(str(y), by_year.get(y, 0), y, None) for y in range(first[0], last[0] + 1)]
    bars = []
    year, month = first
    for _ in range(months):
        label = f"{calendar.month_name[month]} {year}"
        bars.append(Bar(label, by_month.get((year, month), 0), year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return bars


def timeline(
    counts: Iterable[tuple[int | None, int | None, int]],
    title: str = "Calls per month",
    ident: str = "timeline",
) -> SafeString:
    """A bar chart of calls per month from (year, month, count) rows; "" when empty."""
    bars = _bars(counts)
    if not bars:
        return mark_safe("")
    width, height = 720, 170
    left, right, top, bottom = 34, 8, 10, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(bar.count for bar in bars) or 1
    step = plot_w / len(bars)
    gap = min(1.0, step * 0.15)
    unit = "month" if bars[0].month else "year"
    busiest = max(bars, key=lambda bar: bar.count)
    total = sum(bar.count for bar in bars)
    desc = (
        f"{_plural(total)} per {unit} from {bars[0].label} to {bars[-1].label}; "
        f"the busiest {unit} was {busiest.label}, with {_plural(busiest.count)}."
    )
    body = ['<g class="axis" font-size="11" fill="currentColor">']
    for value in sorted({0, peak // 2, peak}):
        y = top + plot_h - plot_h * value / peak
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>'
        )
    body.append('</g><g class="bars">')
    for index, bar in enumerate(bars):
        if not bar.count:
            continue
        h = max(plot_h * bar.count / peak, 1.5)
        x = left + index * step + gap / 2
        body.append(
            f'<rect x="{x:.2f}" y="{top + plot_h - h:.2f}" width="{max(step - gap, 0.8):.2f}" '
            f'height="{h:.2f}"><title>{escape(bar.label)}: {_plural(bar.count)}</title></rect>'
        )
    body.append('</g><g class="axis" font-size="11" fill="currentColor">')
    # Year labels, spaced so that they never overlap.
    years = [(i, bar.year) for i, bar in enumerate(bars) if bar.month in (None, 1) or i == 0]
    every = max(1, math.ceil(len(years) * 40 / plot_w))
    for n, (index, year) in enumerate(years):
        if n % every:
            continue
        x = left + index * step
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}"/>'
            f'<text x="{x + 2:.1f}" y="{height - 6}">{year}</text>'
        )
    body.append("</g>")
    return _svg(width, height, ident, title, desc, body)


def per_year(counts: Iterable[tuple[int | None, int | None, int]]) -> list[tuple[int, int]]:
    """(year, count) from (year, month, count) rows, oldest first: a timeline's numbers."""
    years: dict[int, int] = {}
    for year, _, count in counts:
        if year is not None:
            years[year] = years.get(year, 0) + count
    return sorted(years.items())


@dataclass(frozen=True)
class Node:
    label: str
    count: int
    url: str = ""


def network(
    centre: str, counterparts: list[Node], ident: str = "network", title: str = ""
) -> SafeString:
    """A star: ``centre`` linked to each counterpart, line width by number of calls."""
    if not counterparts:
        return mark_safe("")
    width, height = 640, 400
    cx, cy, radius = width / 2, height / 2, 140
    peak = max(node.count for node in counterparts) or 1
    title = title or f"Counterparts of {centre}"
    desc = f"{centre}'s calls by counterpart: " + "; ".join(
        f"{node.label}, {_plural(node.count)}" for node in counterparts
    )
    edges, nodes = ['<g class="edges">'], ['<g class="nodes" font-size="12">']
    for index, node in enumerate(counterparts):
        angle = -math.pi / 2 + 2 * math.pi * index / len(counterparts)
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        stroke = 1 + 7 * node.count / peak
        edges.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke-width="{stroke:.1f}">'
            f"<title>{escape(centre)} and {escape(node.label)}: {_plural(node.count)}</title>"
            "</line>"
        )
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if x > cx else "end")
        tx = x + (10 if anchor == "start" else -10 if anchor == "end" else 0)
        ty = y + (22 if y > cy + 10 and anchor == "middle" else -12 if anchor == "middle" else 4)
        label = f'{escape(node.label)} <tspan class="count">({node.count})</tspan>'
        mark = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7"/>'
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{label}</text>'
        )
        if node.url:
            mark = f'<a href="{escape(node.url)}">{mark}</a>'
        nodes.append(mark)
    centre_mark = (
        f'<circle cx="{cx}" cy="{cy}" r="11" class="centre"/>'
        f'<text x="{cx}" y="{cy + 28}" text-anchor="middle" class="centre-label">'
        f"{escape(centre)}</text>"
    )
    body = [*edges, "</g>", *nodes, centre_mark, "</g>"]
    return _svg(width, height, ident, title, desc, body)
