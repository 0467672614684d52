"""A facet of more values than it shows: every value can be reached, page by page or by
finding it by name (a form that works without JavaScript)."""

import html
import re

import pytest

from archive.batches import write_batch
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_topics(db):
    """130 topics on three calls: the first 30 on all three, the next 50 on two, the last
    50 on one; one call has a French leader."""
    # In one write batch, as an import writes: each call's facet values and search document
    # are made once, not again for each of its 130 topics (48 s on PostgreSQL).
    with write_batch():
        topics = [TopicFactory(slug=f"topic-{n:03}", name=f"Topic {n:03}") for n in range(130)]
        france = CountryFactory(code="FR", name="France")
        calls = [
            CallFactory(participants=[LeaderFactory(country=france), LeaderFactory()]),
            CallFactory(),
            CallFactory(),
        ]
        for call, share in zip(calls, (130, 80, 30), strict=True):
            call.topics.add(*topics[:share])
    return topics


def _facet(response, name):
    return next(f for f in response.context["facets"] if f.name == name)


def _values(response, name) -> list[str]:
    return [v.value for v in _facet(response, name).values]


def test_every_value_of_a_long_facet_is_reached_page_by_page(client, many_topics):
    first = client.get("/calls/")
    assert len(_values(first, "topic")) == 10
    more_url = _facet(first, "topic").more_url
    assert 'rel="nofollow">More topics…</a>' in first.content.decode()

    seen, url = [], more_url
    while url:
        response = client.get(url)
        facet = _facet(response, "topic")
        seen += [v.value for v in facet.values]
        assert facet.value_count == 130
        url = facet.next_url

    assert len(seen) == 130
    assert sorted(seen) == sorted(topic.slug for topic in many_topics)
    # Most calls first.
    assert seen[:30] == [f"topic-{n:03}" for n in range(30)]
    assert "Topics 101–130 of 130." in response.content.decode()


def test_a_facet_page_past_the_last_shows_the_last(client, many_topics):
    response = client.get("/calls/?more=topic&fpage=99")

    facet = _facet(response, "topic")
    assert (facet.first, facet.last) == (101, 130)
    assert facet.previous_url == "/calls/?more=topic"


def test_a_facets_values_are_found_by_name_on_the_server(client, many_topics):
    response = client.get("/calls/?more=topic&fq=topic 12")

    assert _values(response, "topic") == [f"topic-{n}" for n in range(120, 130)]
    assert _facet(response, "topic").value_count == 10
    nothing = client.get("/calls/?more=topic&fq=nuclear")
    assert _values(nothing, "topic") == []
    assert "No topic of these calls is called “nuclear”." in nothing.content.decode()


def test_the_find_form_keeps_the_filters_and_opens_its_facet(client, many_topics):
    response = client.get("/calls/?country=fr&more=topic&fq=x&fpage=2")

    content = response.content.decode()
    form = re.search(r'<form class="facet-find"[^>]*>(.*?)</form>', content, re.S).group(1)
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    assert hidden == [("country", "fr"), ("more", "topic")]
    assert 'name="fq" value="x"' in form


def test_found_values_are_counted_among_the_filtered_calls(client, many_topics):
    response = client.get("/calls/?country=fr&more=topic&fq=Topic 1")

    facet = _facet(response, "topic")
    # The French call has every topic; "Topic 1" names 100 to 129.
    assert facet.value_count == 30
    assert {v.count for v in facet.values} == {1}


def test_long_facets_say_more_in_the_plural(client, db):
    for n in range(11):
        CallFactory(participants=[LeaderFactory(country=CountryFactory(code=f"Q{chr(65 + n)}"))])

    content = client.get("/calls/").content.decode()

    assert "More countries…" in content
    assert "More countrys" not in content
    assert "More leaders…" in content


def test_publishers_are_found_among_the_counted_ones(client, db):
    for n in range(12):
        ReportFactory(source=SourceFactory(publisher=f"Wire {n}"))
    ReportFactory(source=SourceFactory(publisher="Agence Ã"))

    response = client.get("/calls/?more=publisher&fq=agence")

    assert _values(response, "publisher") == ["Agence Ã"]
    assert html.escape("Agence Ã") in response.content.decode()
