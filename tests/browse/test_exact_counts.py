"""Every facet count is exact: the count a value shows is the number of calls its link lists.

The calls list counts many calls' facet values against each value's calls held as bitmaps
(archive.facet_bitmaps). Here, over random filters of a varied archive, with the bitmaps
used past a selection of two calls, every value each facet shows is checked against a plain
COUNT of the calls its filters and that value select, on whichever database runs the tests.
"""

from __future__ import annotations

import datetime
import random
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict

from archive import facet_bitmaps
from archive.enums import CallKind, DatePrecision
from archive.filters import CallFilter
from archive.models import Call
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    TopicFactory,
)

URL = "/calls/"
#: Facets whose several values each widen the choice (calls of any of them).
WIDENING = {"country", "topic", "publisher"}


@pytest.fixture
def varied(db):
    """60 calls among 9 leaders of 5 countries, with topics in a taxonomy, three kinds,
    three publishers, dates of three years (some known only to the year, some unknown)."""
    rng = random.Random(17)
    countries = [CountryFactory() for _ in range(5)]
    leaders = [LeaderFactory(country=countries[i % 5]) for i in range(9)]
    broad = [TopicFactory(), TopicFactory()]
    narrow = [TopicFactory(parent=broad[i % 2]) for i in range(4)]
    topics = broad + narrow
    publishers = ["Wire One", "Gazette Two", "Herald Three"]
    for i in range(60):
        undated, year_only = i % 13 == 0, i % 7 == 0
        call = CallFactory(
            date=None if undated else datetime.date(2021 + i % 3, 1 + i % 12, 1 + i % 28),
            date_precision=(
                DatePrecision.UNKNOWN
                if undated
                else DatePrecision.YEAR
                if year_only
                else DatePrecision.DAY
            ),
            kind=rng.choice(list(CallKind)),
            participants=rng.sample(leaders, rng.choice([2, 2, 2, 3])),
            topics=rng.sample(topics, rng.choice([0, 1, 2])),
        )
        for publisher in rng.sample(publishers, rng.choice([1, 1, 2])):
            ReportFactory(call=call, source=SourceFactory(publisher=publisher))
        if i % 5 == 0:
            Call.objects.filter(pk=call.pk).update(one_sided=True)
    return leaders, countries, topics, publishers


def _random_filters(rng: random.Random, leaders, countries, topics, publishers) -> list:
    params = []
    if rng.random() < 0.4:
        params += [("leader", leader.slug) for leader in rng.sample(leaders, rng.choice([1, 2]))]
    if rng.random() < 0.3:
        params += [("country", c.code.lower()) for c in rng.sample(countries, rng.choice([1, 2]))]
    if rng.random() < 0.3:
        params += [("topic", t.slug) for t in rng.sample(topics, rng.choice([1, 2]))]
    if rng.random() < 0.3:
        params += [("publisher", p) for p in rng.sample(publishers, 1)]
    if rng.random() < 0.3:
        params.append(("kind", rng.choice(list(CallKind)).value))
    if rng.random() < 0.3:
        params.append(("year", rng.choice(["2021", "2022", "2023", "unknown"])))
    if rng.random() < 0.15:
        params.append(("readout", "one-sided"))
    if not params or rng.random() < 0.2:
        params.append(("q", "leaders"))
    return params


def plain_count(params: list) -> int:
    """The number of calls ``params`` select, counted by the database (no ids, no bitmaps)."""
    query = QueryDict(mutable=True)
    for name, value in params:
        query.appendlist(name, value)
    filterset = CallFilter(query, queryset=Call.objects.all())
    filterset.is_valid()
    return filterset.filter_queryset(Call.objects.all()).distinct().count()


def value_params(params: list, facet: str, toggle_url: str, selected: bool) -> list:
    """The filters whose calls a value's count counts: a value not chosen, those of its
    link; a chosen value of a widening facet, the other filters and that value alone."""
    linked = parse_qsl(urlsplit(toggle_url).query)
    if not selected:
        if facet in WIDENING and any(name == facet for name, _ in params):
            # Counted among the calls of the other filters: the link adds it to the others.
            added = [pair for pair in linked if pair not in params]
            return [pair for pair in params if pair[0] != facet] + added
        return linked
    if facet in WIDENING:
        dropped = [pair for pair in params if pair not in linked]
        return [pair for pair in params if pair[0] != facet] + dropped
    return params


@pytest.mark.parametrize("seed_value", range(3))
def test_every_count_shown_is_a_plain_count(client, varied, monkeypatch, seed_value):
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 2)
    rng = random.Random(seed_value)
    for _ in range(12):
        params = _random_filters(rng, *varied)
        response = client.get(URL, params)
        assert response.status_code == 200
        total = response.context["total"]
        assert total == plain_count(params), params
        for result in response.context["facets"]:
            assert not result.estimated, (params, result.name)
            for value in result.values:
                wanted = value_params(params, result.name, value.toggle_url, value.selected)
                assert value.count == plain_count(wanted), (params, result.name, value.value)


def test_the_bitmaps_hold_every_calls_values(varied):
    bitmaps = facet_bitmaps.FacetBitmaps.read(keep=False)

    every = set(Call.objects.values_list("pk", flat=True))
    kinds = [bitmaps.calls_with("kind", kind.value) for kind in CallKind]
    assert set().union(*map(set, kinds)) == every
    for leader in varied[0]:
        having = set(Call.objects.filter(participants=leader).values_list("pk", flat=True))
        assert set(bitmaps.calls_with("leader", str(leader.pk))) == having
    assert not bitmaps.calls_with("leader", "no such leader")


def test_a_records_page_finds_the_same_calls_with_the_bitmaps_or_without(varied, monkeypatch):
    """A leader's, a country's and a topic's page (archive.views.queries.CallSet) takes its
    calls from the bitmaps when they are at hand, else from the database: the same calls."""
    from archive.views.leaders import leader_counted
    from archive.views.places import country_counted
    from archive.views.topics import topic_counted

    leaders, countries, topics, _ = varied
    pages = [
        *[lambda leader=leader: leader_counted(leader)[0] for leader in leaders[:3]],
        *[lambda country=country: country_counted(country) for country in countries[:2]],
        *[lambda topic=topic: topic_counted(topic) for topic in topics],  # broad ones first
    ]
    for page in pages:
        with_bitmaps = page()
        monkeypatch.setattr("archive.facet_bitmaps.for_counting", lambda *args, **kw: None)
        without = page()
        monkeypatch.undo()
        assert with_bitmaps.count == without.count > 0
        assert sorted(with_bitmaps.calls.values_list("pk", flat=True)) == sorted(
            without.calls.values_list("pk", flat=True)
        )
