"""Several values of one facet: leaders all apply (the calls between them); countries,
topics and publishers each widen the choice (the calls of any of them), and their counts
are each value's calls among the other filters, so that a count says what choosing it
gives. Each facet says which it is."""

from urllib.parse import urlencode

import pytest

from archive.enums import CallKind
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
def archive(db):
    """Three calls: Ann with Bob (France, Iran; Wire One; topic a), Ann with Cy (France,
    Peru; Wire Two; topic b), Bob with Cy (Iran, Peru; both wires; topics a and b, a video)."""
    france, iran, peru = (
        CountryFactory(code="FR", name="France"),
        CountryFactory(code="IR", name="Iran"),
        CountryFactory(code="PE", name="Peru"),
    )
    ann = LeaderFactory(slug="ann", country=france)
    bob = LeaderFactory(slug="bob", country=iran)
    cy = LeaderFactory(slug="cy", country=peru)
    a, b = TopicFactory(slug="a"), TopicFactory(slug="b")
    one, two = SourceFactory(publisher="Wire One"), SourceFactory(publisher="Wire Two")
    first = CallFactory(participants=[ann, bob], topics=[a])
    second = CallFactory(participants=[ann, cy], topics=[b])
    third = CallFactory(participants=[bob, cy], topics=[a, b], kind=CallKind.VIDEO)
    ReportFactory(call=first, source=one)
    ReportFactory(call=second, source=two)
    ReportFactory(call=third, source=one)
    ReportFactory(call=third, source=SourceFactory(publisher="Wire Two"))


def _get(client, **params):
    pairs = [(k, v) for k, values in params.items() for v in values]
    return client.get(f"/calls/?{urlencode(pairs)}")


def _facet(response, name):
    return next(f for f in response.context["facets"] if f.name == name)


def _counts(response, name) -> dict[str, tuple[int, bool]]:
    return {v.value: (v.count, v.selected) for v in _facet(response, name).values}


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"publisher": ["Wire One", "Wire Two"]}, 3),  # was 1: both had to report it
        ({"country": ["fr", "ir"]}, 3),
        ({"topic": ["a", "b"]}, 3),
        ({"leader": ["ann", "bob"]}, 1),  # the calls between them
        ({"leader": ["ann"], "country": ["ir", "pe"]}, 2),  # different facets all apply
        ({"publisher": ["Wire Two"], "kind": ["video"]}, 1),
    ],
)
def test_values_of_one_facet_widen_the_choice_but_leaders_all_apply(client, archive, params, total):
    assert _get(client, **params).context["total"] == total


def test_a_widening_facet_counts_each_value_among_the_other_filters(client, archive):
    response = _get(client, publisher=["Wire One"])

    # Wire Two's count is what choosing it adds to: its calls, not those it shares.
    assert _counts(response, "publisher") == {"Wire One": (2, True), "Wire Two": (2, False)}
    wire_two = next(v for v in _facet(response, "publisher").values if v.value == "Wire Two")
    assert client.get(wire_two.toggle_url).context["total"] == 3
    # Other facets count the current calls.
    assert _counts(response, "kind") == {"phone": (1, False), "video": (1, False)}


def test_a_widening_facet_counts_within_the_other_filters(client, archive):
    response = _get(client, country=["fr"], kind=["video"])

    assert response.context["total"] == 0
    # Among the video calls, France has none; Iran and Peru one each.
    assert _counts(response, "country") == {"fr": (0, True), "ir": (1, False), "pe": (1, False)}


def test_a_chosen_leaders_count_is_the_calls_between_the_chosen(client, archive):
    response = _get(client, leader=["ann"])

    assert _counts(response, "leader") == {"ann": (2, True), "bob": (1, False), "cy": (1, False)}


def test_each_facet_says_how_its_values_combine(client, archive):
    content = _get(client).content.decode()

    assert "Several leaders: the calls between them." in content
    assert "Several countries: the calls of any of them." in content
    assert "Several topics: the calls of any of them." in content
    assert "Several publishers: the calls any of them reported." in content
