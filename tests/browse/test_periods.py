"""Calls known only to their year, and calls with no date: counted apart, never in a month,
and reachable from the timeline and the Year and Month facets."""

import datetime
import html
import re

import pytest

from archive.enums import DatePrecision
from tests.factories import CallFactory, LeaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated(db):
    """Two calls of 10 January 2024, one known only to 2024, one with no date; all with one
    leader."""
    leader = LeaderFactory(slug="the-leader")
    other = LeaderFactory()
    for _ in range(2):
        CallFactory(date=datetime.date(2024, 1, 10), participants=[leader, other])
    CallFactory(
        date=datetime.date(2024, 1, 1),
        date_precision=DatePrecision.YEAR,
        participants=[leader, other],
    )
    CallFactory(date=None, date_precision=DatePrecision.UNKNOWN, participants=[leader, other])
    return leader


def _links(svg: str) -> dict[str, str]:
    return {
        label: html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg)
    }


def _facet(response, name: str) -> dict[str, tuple[str, int]]:
    facet = next(f for f in response.context["facets"] if f.name == name)
    return {value.value: (value.label, value.count) for value in facet.values}


@pytest.mark.parametrize("query", ["", "leader=the-leader"])
def test_a_months_bar_counts_what_its_link_lists(client, dated, query):
    response = client.get(f"/calls/?{query}")

    timeline = response.context["timeline"].linked(response.wsgi_request)
    links = _links(str(timeline.svg))
    # The call known only to 2024 is not in January.
    assert next(iter(links)) == "January 2024: 2 calls"
    assert client.get(links["January 2024: 2 calls"]).context["total"] == 2
    ((year, count, url),) = timeline.year_only
    assert (year, count) == (2024, 1)
    assert client.get(url).context["total"] == 1
    assert timeline.undated == 1
    assert client.get(timeline.undated_url).context["total"] == 1
    content = response.content.decode()
    assert "Known only to their year, so in no month’s bar" in content
    assert "1 call with no date</a>" in content
    if query:  # the links keep the page's filters
        assert links["January 2024: 2 calls"] == "/calls/?leader=the-leader&year=2024&month=1"


@pytest.mark.parametrize("query", ["", "leader=the-leader"])
def test_undated_calls_have_a_year_value_and_year_only_calls_a_month_value(client, dated, query):
    years = _facet(client.get(f"/calls/?{query}"), "year")
    assert years == {"2024": ("2024", 3), "unknown": ("Date unknown", 1)}

    undated = client.get(f"/calls/?{query}&year=unknown")
    assert undated.context["total"] == 1
    assert [chip.label for chip in undated.context["chips"] if chip.name == "year"] == [
        "Date unknown"
    ]
    assert "month" not in {facet.name for facet in undated.context["facets"]}

    months = _facet(client.get(f"/calls/?{query}&year=2024"), "month")
    assert months == {"1": ("January", 2), "unknown": ("Month unknown", 1)}
    year_only = client.get(f"/calls/?{query}&year=2024&month=unknown")
    assert year_only.context["total"] == 1
    assert year_only.context["calls"][0].date_precision == DatePrecision.YEAR


def test_a_month_of_no_known_year_is_ignored_and_said_so(client, dated):
    response = client.get("/calls/?year=unknown&month=3")

    assert response.context["total"] == 1
    assert "Month: a month needs a year; it was ignored." in response.context["notices"]


def test_a_year_that_is_neither_a_number_nor_unknown_is_ignored_and_said_so(client, dated):
    response = client.get("/calls/?year=someday")

    assert response.context["total"] == 4
    assert any(notice.startswith("Year:") for notice in response.context["notices"])


def test_a_leaders_timeline_links_to_the_calls_list_of_that_leader(client, dated):
    response = client.get(dated.get_absolute_url())

    content = response.content.decode()
    assert 'href="/calls/?leader=the-leader&amp;year=2024&amp;month=1"' in content
    assert 'href="/calls/?leader=the-leader&amp;year=2024&amp;month=unknown"' in content
    assert 'href="/calls/?leader=the-leader&amp;year=unknown"' in content


def test_a_timeline_drawn_by_year_says_per_year(client, db):
    CallFactory(date=datetime.date(1990, 5, 1))
    CallFactory(date=datetime.date(2024, 5, 1))

    response = client.get("/")

    assert response.context["timeline"].title == "Calls per year in the archive"
    assert "per month" not in response.content.decode()
