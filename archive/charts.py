"""Server-side SVG pictures: a timeline of calls per month or year and a counterpart network.

Pure functions from counts to markup, with no external assets; every picture has
an accessible name and description (``role="img"``, ``<title>``, ``<desc>``) and
every mark its own ``<title>``, so a screen reader and a tooltip say the numbers.
The pages show the same numbers as text next to the picture.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# More months than this are drawn as years.
MAX_MONTH_BARS = 240

# The timeline's drawing, in the units of its viewBox. Its text is set at TEXT_SIZE and, on a
# narrow screen where the picture is drawn at half its size or less, at NARROW_TEXT_SIZE
# (static/css/diplo.css): each label says whether it is drawn at one size, the other or both
# (the classes ``wide-only`` and ``narrow-only``), so that labels never overlap at either.
WIDTH, PLOT_TOP, PLOT_HEIGHT, LABEL_ROW = 720, 30, 130, 32
TEXT_SIZE, NARROW_TEXT_SIZE = 11, 26
# The width of a character of the axis's text, as a part of its size (digits, short words).
CHAR_WIDTH = 0.62


def _plural(n: int, word: str = "call") -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _svg(
    width: int,
    height: int,
    ident: str,
    title: str,
    desc: str,
    body: list[str],
    role: str = "img",
    css_class: str = "chart",
) -> SafeString:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="{css_class}" role="{role}" aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )
    return mark_safe(svg)  # every text interpolated above is escaped


@dataclass(frozen=True)
class Bar:
    label: str  # "March 2024", or "2024" for a year's bar
    count: int
    year: int
    month: int | None  # None: the bar is a whole year


@dataclass(frozen=True)
class Periods:
    """What a timeline shows of (year, month, count) rows.

    ``bars`` are consecutive months, or years when the months would be too many to draw;
    calls known only to their year are in their year's bar, and when the bars are months they
    are in none (``year_only``: never in January); calls with no date (``undated``) are in no
    bar.
    """

    bars: list[Bar]
    year_only: list[tuple[int, int]]  # (year, calls) not drawn, the bars being months
    undated: int

    @property
    def unit(self) -> str:
        """ "month" or "year": what a bar stands for."""
        return "year" if self.bars and self.bars[0].month is None else "month"

    @property
    def drawn(self) -> int:
        """How many calls the bars hold."""
        return sum(bar.count for bar in self.bars)

    @property
    def total(self) -> int:
        return self.drawn + sum(n for _, n in self.year_only) + self.undated

    @property
    def with_calls(self) -> list[Bar]:
        return [bar for bar in self.bars if bar.count]

    @property
    def busiest(self) -> Bar | None:
        # The first of equals: the earliest.
        return max(self.with_calls, key=lambda bar: bar.count, default=None)


def periods(counts: Iterable[tuple[int | None, int | None, int]]) -> Periods:
    """The bars of a timeline, and the calls it cannot draw in them, from (year, month,
    count) rows (month None: known only to the year; year None: no date)."""
    by_month: dict[tuple[int, int], int] = {}
    by_year: dict[int, int] = {}
    year_only: dict[int, int] = {}
    undated = 0
    for year, month, count in counts:
        if not count:
            continue
        if year is None:
            undated += count
            continue
        by_year[year] = by_year.get(year, 0) + count
        if month is None:
            year_only[year] = year_only.get(year, 0) + count
        else:
            by_month[(year, month)] = by_month.get((year, month), 0) + count
    if not by_year:
        return Periods([], [], undated)
    months = 0
    if by_month:
        first, last = min(by_month), max(by_month)
        if year_only:
            # The span covers the years of the calls known only to their year too.
            first = min(first, (min(year_only), 1))
            last = max(last, (max(year_only), 12 if max(year_only) > last[0] else 1))
        months = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
        if months < 12:
            # A short span is shown within its whole years, so that bars keep a month's width.
            first, last = (first[0], 1), (last[0], 12)
            months = (last[0] - first[0]) * 12 + 12
    if not by_month or months > MAX_MONTH_BARS:
        first_year, last_year = min(by_year), max(by_year)
        bars = [Bar(str(y), by_year.get(y, 0), y, None) for y in range(first_year, last_year + 1)]
        return Periods(bars, [], undated)
    bars = []
    year, month = first
    for _ in range(months):
        label = f"{calendar.month_name[month]} {year}"
        bars.append(Bar(label, by_month.get((year, month), 0), year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Periods(bars, sorted(year_only.items()), undated)


def describe(shown: Periods, notes: bool = True) -> str:
    """The timeline in a sentence or three: its total as a total, its span, its busiest
    period, and (with ``notes``) what it does not draw."""
    unit = shown.unit
    bars = shown.with_calls
    if bars:
        span = (
            f"in {bars[0].label}" if len(bars) == 1 else f"from {bars[0].label} to {bars[-1].label}"
        )
        text = f"{_plural(shown.drawn)} in all {span}, drawn per {unit}"
        busiest = shown.busiest
        if len(bars) > 1:
            text += f"; the busiest {unit} was {busiest.label}, with {_plural(busiest.count)}"
        text += "."
    else:
        text = "No call is dated to its month."
    if not notes:
        return text
    if shown.year_only:
        years = ", ".join(f"{year}: {n:,}" for year, n in shown.year_only)
        n = sum(n for _, n in shown.year_only)
        text += (
            f" Not drawn: {_plural(n)} known only to {'its' if n == 1 else 'their'} year ({years})."
        )
    if shown.undated:
        text += f" Not drawn: {_plural(shown.undated)} with no date."
    return text


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _strides(widths: list[float], spacing: float) -> tuple[int, int]:
    """How many labels to step over so that labels ``spacing`` apart, as wide as ``widths``
    at the normal and the narrow size, never touch: (normal, narrow)."""
    widest = max(widths, default=0)
    normal = max(1, math.ceil((widest + 6) / spacing)) if spacing else 1
    narrow = max(1, math.ceil((widest * NARROW_TEXT_SIZE / TEXT_SIZE + 10) / spacing))
    return normal, narrow


def _fitting(
    labels: list[tuple[float, str]], stride: int, size: float, bounds: tuple[float, float]
) -> set[int]:
    """Which of ``labels`` (centre, text) to draw at ``size``: every ``stride``-th, counted
    from the last (the newest is always drawn), but for any that a label moved to stay
    within ``bounds`` would touch."""
    kept: set[int] = set()
    edge = math.inf  # the left edge of the label kept last
    for index in range(len(labels) - 1, -1, -1):
        if (len(labels) - 1 - index) % stride:
            continue
        centre, text = labels[index]
        half = _text_width(text, size) / 2
        centre = min(max(centre, bounds[0] + half), bounds[1] - half)
        if centre + half + size / 2 <= edge:
            kept.add(index)
            edge = centre - half
    return kept


def _label(
    centre: float, y: float, text: str, wide: bool, narrow: bool, bounds: tuple[float, float]
) -> str:
    """An axis label centred on ``centre``, drawn at either size or both (nothing when
    neither), moved at each size so as to stay within ``bounds``: two labels when the moves
    differ."""
    xs = {}
    for shown, size, css in (
        (wide, TEXT_SIZE, "wide-only"),
        (narrow, NARROW_TEXT_SIZE, "narrow-only"),
    ):
        if shown:
            half = _text_width(text, size) / 2
            xs[css] = round(min(max(centre, bounds[0] + half), bounds[1] - half), 1)
    if len(set(xs.values())) == 1 and len(xs) == 2:
        xs = {"": xs["wide-only"]}
    return "".join(
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle"'
        + (f' class="{css}"' if css else "")
        + f">{escape(text)}</text>"
        for css, x in xs.items()
    )


def timeline(
    counts: Iterable[tuple[int | None, int | None, int]],
    title: str = "Calls per month",
    ident: str = "timeline",
    link: Callable[[int, int | None], str] | None = None,
) -> SafeString:
    """A bar chart of calls per month (or per year, when the months are too many) from
    (year, month, count) rows; "" when no call has a year.

    ``link(year, month)`` gives each bar's address (month None: the year's); the picture is
    then a group of links, each named by its bar, rather than an image. Every month of a
    year's view is labelled, the years under them.
    """
    shown = periods(counts)
    bars = shown.bars
    if not bars:
        return mark_safe("")
    if shown.unit == "year":
        title = title.replace("per month", "per year")
    by_month = shown.unit == "month"
    label_rows = 2 if by_month and len(bars) <= 48 else 1
    height = PLOT_TOP + PLOT_HEIGHT + LABEL_ROW * label_rows + 8
    left, right = 4, 4
    plot_w, plot_h, base = WIDTH - left - right, PLOT_HEIGHT, PLOT_TOP + PLOT_HEIGHT
    peak = max(bar.count for bar in bars) or 1
    step = plot_w / len(bars)
    gap = min(1.5, step * 0.15)
    body = ['<g class="axis">']
    # Grid lines, their values above them at the left (drawn over the bars, haloed).
    for value in sorted({peak // 2, peak} - {0}):
        y = base - plot_h * value / peak
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        )
    body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{base}" y2="{base}"/>')
    body.append('</g><g class="bars">')
    for index, bar in enumerate(bars):
        if not bar.count:
            continue
        h = max(plot_h * bar.count / peak, 1.5)
        x = left + index * step + gap / 2
        name = f"{bar.label}: {_plural(bar.count)}"
        rect = (
            f'<rect x="{x:.2f}" y="{base - h:.2f}" width="{max(step - gap, 0.8):.2f}" '
            f'height="{h:.2f}"/>'
        )
        if link is None:
            body.append(rect.replace("/>", f"><title>{escape(name)}</title></rect>"))
            continue
        # The whole column is the link's target, so that a short bar is easy to hit.
        hit = (
            f'<rect class="hit" x="{left + index * step:.2f}" y="{PLOT_TOP}" '
            f'width="{step:.2f}" height="{plot_h}"/>'
        )
        body.append(
            f'<a href="{escape(link(bar.year, bar.month))}" aria-label="{escape(name)}">'
            f"<title>{escape(name)}</title>{hit}{rect}</a>"
        )
    body.append('</g><g class="axis labels">')
    for value in sorted({peak // 2, peak} - {0}):
        y = base - plot_h * value / peak
        body.append(f'<text x="{left + 2}" y="{y - 4:.1f}" class="value">{value:,}</text>')
    row = base + LABEL_ROW
    if by_month:
        body += _month_labels(bars, left, step, row, label_rows)
    else:
        body += _year_labels(bars, left, step, row)
    body.append("</g>")
    role = "img" if link is None else "group"
    return _svg(WIDTH, height, ident, title, describe(shown), body, role, "chart timeline")


def _month_labels(bars: list[Bar], left: float, step: float, row: float, rows: int) -> list[str]:
    """Each month's initials or name under its bar (when there is room for them), a tick at
    each year's start, and each year's number under its months."""
    marks = []
    base = row - LABEL_ROW
    if rows == 2:
        names = [calendar.month_abbr[bar.month] for bar in bars]
        initials = [name[0] for name in names]
        wide_name = step >= _text_width("May", TEXT_SIZE) + 6
        narrow_name = step >= _text_width("May", NARROW_TEXT_SIZE) + 8
        narrow_initial = step >= _text_width("M", NARROW_TEXT_SIZE) + 4
        for index, (name, initial) in enumerate(zip(names, initials, strict=True)):
            x = left + (index + 0.5) * step
            bounds = (left, left + len(bars) * step)
            marks.append(_label(x, row, name, wide_name, narrow_name, bounds))
            shown_initial_wide = not wide_name
            shown_initial_narrow = not narrow_name and narrow_initial
            marks.append(_label(x, row, initial, shown_initial_wide, shown_initial_narrow, bounds))
        row += LABEL_ROW
    # The years: a tick where each starts, its number under the middle of its months.
    spans: dict[int, list[int]] = {}
    for index, bar in enumerate(bars):
        spans.setdefault(bar.year, []).append(index)
    years = list(spans)
    for year in years[1:]:
        x = left + spans[year][0] * step
        marks.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{base}" y2="{row + 4}" class="tick"/>')
    labels = [
        (left + (spans[year][0] + spans[year][-1] + 1) / 2 * step, str(year)) for year in years
    ]
    marks += _labels(labels, 12 * step, row, (left, left + len(bars) * step))
    return marks


def _labels(
    labels: list[tuple[float, str]], spacing: float, row: float, bounds: tuple[float, float]
) -> list[str]:
    """Labels (centre, text) ``spacing`` apart, as many as fit at each size."""
    normal, narrow = _strides([_text_width(text, TEXT_SIZE) for _, text in labels], spacing)
    wide = _fitting(labels, normal, TEXT_SIZE, bounds)
    small = _fitting(labels, narrow, NARROW_TEXT_SIZE, bounds)
    return [
        _label(centre, row, text, index in wide, index in small, bounds)
        for index, (centre, text) in enumerate(labels)
    ]


def _year_labels(bars: list[Bar], left: float, step: float, row: float) -> list[str]:
    """Each year's number under its bar, as many as fit at each size."""
    labels = [(left + (index + 0.5) * step, bar.label) for index, bar in enumerate(bars)]
    return _labels(labels, step, row, (left, left + len(bars) * step))


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
        label = f'{escape(node.label)} <tspan class="count">({node.count:,})</tspan>'
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
    # Linked, the picture is a group of links, as a linked timeline is: an image's children are
    # presentational, and links inside one would be unreachable by a screen reader.
    role = "group" if any(node.url for node in counterparts) else "img"
    return _svg(width, height, ident, title, desc, body, role)
