"""Server-side SVG: accessible, escaped, drawn from the counts it is given."""

import calendar
import itertools
import re

from archive import charts


def _bars(svg: str) -> list[str]:
    return re.findall(r"<rect[^>]*><title>([^<]*)</title></rect>", svg)


LABEL = re.compile(
    r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle"(?: class="([^"]+)")?>([^<]*)</text>'
)


def _labels(svg: str) -> list[tuple[float, str, str]]:
    """(x, class, text) of the axis labels under the bars."""
    return [(float(x), css, text) for x, css, text in LABEL.findall(svg)]


def test_timeline_draws_a_bar_per_month_with_calls_and_fills_gaps():
    svg = str(charts.timeline([(2023, 1, 2), (2023, 3, 1)]))

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img" aria-labelledby="timeline-title timeline-desc"' in svg
    assert _bars(svg) == ["January 2023: 2 calls", "March 2023: 1 call"]
    # A total is a total, over the months that have calls.
    assert (
        '<desc id="timeline-desc">3 calls in all from January 2023 to March 2023, drawn per '
        "month; the busiest month was January 2023, with 2 calls.</desc>"
    ) in svg


def test_a_years_view_labels_every_month_and_the_year_under_them():
    svg = str(charts.timeline([(2024, 2, 1), (2024, 11, 3)]))

    labels = [text for _, css, text in _labels(svg) if css != "narrow-only"]
    assert labels == [*(calendar.month_abbr[m] for m in range(1, 13)), "2024"]
    # On a narrow screen, where the text is drawn twice as large, still every month.
    narrow = [text for _, css, text in _labels(svg) if css != "wide-only"]
    assert narrow == [*(calendar.month_abbr[m] for m in range(1, 13)), "2024"]


def test_timeline_of_many_years_is_drawn_by_year_and_says_so():
    svg = str(charts.timeline([(1990, 5, 1), (2024, 2, 3)]))

    assert _bars(svg) == ["1990: 1 call", "2024: 3 calls"]
    assert "4 calls in all from 1990 to 2024, drawn per year" in svg
    assert "per month" not in svg


def test_calls_known_only_by_their_year_are_in_no_month_and_undated_ones_in_no_bar():
    rows = [(2024, None, 9), (2024, 1, 19), (2024, 3, 1), (None, None, 5)]

    svg = str(charts.timeline(rows))
    shown = charts.periods(rows)

    assert _bars(svg) == ["January 2024: 19 calls", "March 2024: 1 call"]
    assert shown.year_only == [(2024, 9)]
    assert shown.undated == 5
    assert shown.total == 34
    assert (
        "Not drawn: 9 calls known only to their year (2024: 9). Not drawn: 5 calls with no date."
    ) in svg


def test_calls_known_only_by_their_year_are_in_their_years_bar_when_bars_are_years():
    svg = str(charts.timeline([(1990, None, 2), (2024, 2, 3), (None, None, 1)]))

    assert _bars(svg) == ["1990: 2 calls", "2024: 3 calls"]
    assert "Not drawn: 1 call with no date." in svg


def test_no_label_leaves_the_picture():
    for rows in (
        [(2022, 9, 1), (2025, 7, 3)],  # months over four years
        [(1990, 1, 1), (2025, 7, 3)],  # years
        [(2024, 1, 1)],  # one year's months
    ):
        svg = str(charts.timeline(rows))
        for x, css, text in _labels(svg):
            size = charts.TEXT_SIZE if css == "wide-only" else charts.NARROW_TEXT_SIZE
            half = len(text) * size * charts.CHAR_WIDTH / 2
            assert half <= x <= charts.WIDTH - half, (rows, text, x)
        # The newest year is always labelled, at both sizes.
        newest = "2025" if len(rows) > 1 else "2024"
        assert {css for _, css, text in _labels(svg) if text == newest} in (
            {""},
            {"wide-only", "narrow-only"},
        )


def test_each_bar_links_to_its_period_and_the_picture_is_a_group_of_links():
    def link(year, month):
        return f"/calls/?year={year}" + (f"&month={month}" if month else "")

    svg = str(charts.timeline([(2024, 1, 2), (2024, 3, 1)], link=link))

    assert 'role="group"' in svg
    assert re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg) == [
        ("/calls/?year=2024&amp;month=1", "January 2024: 2 calls"),
        ("/calls/?year=2024&amp;month=3", "March 2024: 1 call"),
    ]
    years = str(charts.timeline([(1990, 1, 1), (2024, 3, 1)], link=link))
    assert re.findall(r'<a href="([^"]+)"', years) == ["/calls/?year=1990", "/calls/?year=2024"]


def test_empty_timeline_is_nothing():
    assert charts.timeline([]) == ""
    assert charts.timeline([(None, None, 3)]) == ""


def test_network_links_each_counterpart_and_escapes_names():
    svg = str(
        charts.network(
            "A <b>",
            [charts.Node("B & C", 3, "/leaders/b/"), charts.Node("D", 1, "/leaders/d/")],
        )
    )

    assert '<title id="network-title">Counterparts of A &lt;b&gt;</title>' in svg
    assert "A &lt;b&gt;&#x27;s calls by counterpart: B &amp; C, 3 calls; D, 1 call" in svg
    assert re.findall(r'<a href="([^"]+)">', svg) == ["/leaders/b/", "/leaders/d/"]
    assert "<b>" not in svg


def test_the_months_drawn_start_at_the_first_month_with_calls():
    shown = charts.periods([(2022, 9, 1), (2023, None, 2), (2025, 7, 1)])

    assert (shown.bars[0].label, shown.bars[-1].label) == ("September 2022", "July 2025")
    assert shown.year_only == [(2023, 2)]


def test_labels_never_touch_at_either_size():
    for rows in (
        [(1992, 1, 1), (2026, 7, 3)],
        [(1990, 1, 1), (2025, 7, 3)],
        [(2010, 1, 1), (2026, 12, 3)],
        [(2021, 5, 1), (2025, 7, 3)],
    ):
        labels = _labels(str(charts.timeline(rows)))
        for size, hidden in (
            (charts.TEXT_SIZE, "narrow-only"),
            (charts.NARROW_TEXT_SIZE, "wide-only"),
        ):
            shown = sorted((x, text) for x, css, text in labels if css != hidden and len(text) == 4)
            for (x1, a), (x2, b) in itertools.pairwise(shown):
                gap = x2 - x1 - (len(a) + len(b)) * size * charts.CHAR_WIDTH / 2
                assert gap > 0, (rows, size, a, b)
