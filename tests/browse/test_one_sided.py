"""One-sided readouts on the calls list: a filter, its chip, and the exports'."""

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


def test_the_exports_take_the_readout_filter(client, calls):
    one_sided, _ = calls

    response = client.get("/calls.json", {"readout": "one-sided"})

    body = b"".join(response.streaming_content) if response.streaming else response.content
    data = json.loads(body)
    rows = data["calls"] if isinstance(data, dict) else data
    assert {row["id"] for row in rows} == {call.pk for call in one_sided}
    assert all(row["one_sided"] for row in rows)
    assert Call.objects.filter(one_sided=True).count() == 2
