"""Server-side SVG: accessible, escaped, drawn from the counts it is given."""

import re

from archive import charts


def test_timeline_draws_a_bar_per_month_with_calls_and_fills_gaps():
    svg = str(charts.timeline([(2023, 1, 2), (2023, 3, 1)]))

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img" aria-labelledby="timeline-title timeline-desc"' in svg
    assert re.findall(r"<rect[^>]*><title>([^<]*)</title>", svg) == [
        "January 2023: 2 calls",
        "March 2023: 1 call",
    ]
    assert (
        '<desc id="timeline-desc">3 calls per month from January 2023 to December 2023; '
        "the busiest month was January 2023, with 2 calls.</desc>"
    ) in svg


def test_timeline_of_many_years_is_drawn_by_year():
    svg = str(charts.timeline([(1990, 5, 1), (2024, 2, 3)]))

    assert re.findall(r"<title>([^<]*)</title></rect>", svg) == ["1990: 1 call", "2024: 3 calls"]


def test_timeline_counts_calls_known_only_by_year_and_skips_undated_ones():
    svg = str(charts.timeline([(2023, None, 1), (2023, 1, 1), (None, None, 5)]))

    assert re.findall(r"<title>([^<]*)</title></rect>", svg) == ["January 2023: 2 calls"]


def test_empty_timeline_is_nothing():
    assert charts.timeline([]) == ""


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
