"""One-sided readouts on the calls list: a counted facet, a filter, its chip, and the
exports'."""

import json

import pytest

from archive.models import Call
from tests.factories import CallFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    one_sided = [CallFactory(one_sided=True) for _ in range(2)]
    others = [CallFactory() for _ in range(3)]
    for call in one_sided + others:
        ReportFactory(call=call)
    return one_sided, others


def test_choosing_one_sided_lists_those_calls_only_with_a_chip(client, calls):
    one_sided, _ = calls

    response = client.get("/calls/", {"readout": "one-sided"})

    html = response.content.decode()
    assert response.context["total"] == 2
    assert all(call.get_absolute_url() in html for call in one_sided)
    assert "One-sided" in html


def facet(response, name):
    return next(result for result in response.context["facets"] if result.name == name)


def test_the_readout_facet_counts_the_one_sided_calls_and_links_to_them(client, calls):
    one_sided, others = calls

    readout = facet(client.get("/calls/"), "readout")

    assert [(v.value, v.label, v.count, v.selected) for v in readout.values] == [
        ("one-sided", "One-sided", 2, False)
    ]
    assert "readout=one-sided" in readout.values[0].toggle_url
    # Among a filtered list's calls too, and chosen it reads as the list's total.
    kind = others[0].kind
    expected = sum(1 for call in one_sided if call.kind == kind)
    filtered = facet(client.get("/calls/", {"kind": kind}), "readout")
    assert sum(v.count for v in filtered.values) == expected
    chosen = facet(client.get("/calls/", {"readout": "one-sided"}), "readout")
    assert [(v.count, v.selected) for v in chosen.values] == [(2, True)]
    assert "readout=" not in chosen.values[0].toggle_url


def test_no_one_sided_call_no_readout_facet_value(client):
    ReportFactory(call=CallFactory())

    assert facet(client.get("/calls/"), "readout").values == []


def test_the_exports_take_the_readout_filter(client, calls):
    one_sided, _ = calls

    response = client.get("/calls.json", {"readout": "one-sided"})

    body = b"".join(response.streaming_content) if response.streaming else response.content
    data = json.loads(body)
    rows = data["calls"] if isinstance(data, dict) else data
    assert {row["id"] for row in rows} == {call.pk for call in one_sided}
    assert all(row["one_sided"] for row in rows)
    assert Call.objects.filter(one_sided=True).count() == 2
