"""Calls in the export shape, read as values (archive/serialization.py)."""

import datetime

import pytest

from archive.enums import CallKind, DatePrecision, DurationQualifier, SourceRole
from archive.models import Call
from archive.serialization import call_dict, call_dicts, call_to_row, iter_call_dicts
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    TopicFactory,
)
from tests.shapes import expected_shape

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls():
    france = CountryFactory(code="FR", name="France")
    ann = LeaderFactory(name="Ann Example", country=france)
    ben = LeaderFactory(name="Ben Example", country=CountryFactory(code="IR", name="Iran"))
    cid = LeaderFactory(name="Cid Example", country=france)
    full = CallFactory(
        participants=[cid, ann, ben],
        topics=[
            TopicFactory(name="beta"),
            TopicFactory(name="Émigrés"),
            TopicFactory(name="Alpha"),
        ],
        kind=CallKind.VIDEO,
        duration_minutes=45,
        duration_qualifier=DurationQualifier.MORE_THAN,
        initiator=ben,
    )
    ReportFactory(
        call=full,
        source=SourceFactory(title="", publisher="", url="javascript:alert(1)", origin=""),
        role=SourceRole.MAIN,
    )
    ReportFactory(
        call=full,
        source=SourceFactory(title="Wire story", origin="wire.txt", url="https://wire.example/1"),
        role=SourceRole.BACKGROUND,
    )
    ReportFactory(
        call=full,
        source=SourceFactory(title="", publisher="Kremlin", origin="readout.txt"),
        role=SourceRole.MAIN,
    )
    bare = CallFactory(participants=[], date=None, date_precision=DatePrecision.UNKNOWN, summary="")
    month = CallFactory(
        participants=[ann, ben], date=datetime.date(2021, 5, 1), date_precision="month"
    )
    return [full, bare, month]


def test_each_call_has_the_export_shape(calls):
    shapes = call_dicts([call.pk for call in calls])

    assert shapes == {call.pk: expected_shape(call) for call in calls}
    full = shapes[calls[0].pk]
    assert [p["name"] for p in full["participants"]] == [
        "Ann Example",
        "Ben Example",
        "Cid Example",
    ]
    assert full["topics"] == ["Alpha", "beta", "Émigrés"]  # as Python orders them
    # Each source by its headline or an honest description, never its import file name.
    assert [(s["role"], s["title"]) for s in full["sources"]] == [
        ("background", "Wire story"),
        ("main", "Unattributed report, 4 March 2024"),
        ("main", "Report by Kremlin, 4 March 2024"),
    ]
    assert full["sources"][1]["publisher"] is None
    assert [s["url"] for s in full["sources"]] == ["https://wire.example/1", None, None]
    assert [s["permalink"] for s in full["sources"]] == [
        report.source.get_absolute_url()
        for report in calls[0].reports.order_by("role", "source_id")
    ]
    assert full["initiator"] == "Ben Example"
    assert full["duration_qualifier"] == "more than"
    bare = shapes[calls[1].pk]
    assert (bare["date"], bare["participants"], bare["topics"], bare["sources"]) == (
        None,
        [],
        [],
        [],
    )


def test_one_call_and_a_missing_one(calls):
    assert call_dict(calls[2].pk) == expected_shape(calls[2])
    assert call_dict(max(call.pk for call in calls) + 1) is None


def test_every_call_in_the_querysets_order_across_chunks(calls):
    oldest_first = Call.objects.order_by("date", "pk")

    shapes = list(iter_call_dicts(oldest_first, chunk=2))

    assert [shape["id"] for shape in shapes] == list(oldest_first.values_list("pk", flat=True))
    assert shapes == [expected_shape(call) for call in oldest_first]


def test_permalinks_begin_with_the_site_they_are_given(calls):
    site = "https://diplo.example.org"

    shape = call_dict(calls[0].pk, site)

    assert shape == expected_shape(calls[0], site)
    assert shape["url"] == site + calls[0].get_absolute_url()
    assert all(s["permalink"].startswith(site + "/sources/") for s in shape["sources"])


def test_a_row_joins_the_lists(calls):
    row = call_to_row(call_dict(calls[0].pk, "https://diplo.example.org"))

    assert row["participants"] == "Ann Example; Ben Example; Cid Example"
    assert row["countries"] == "FR; IR; FR"
    assert row["topics"] == "Alpha; beta; Émigrés"
    # A source a line, in the same order in each of the four columns.
    assert row["sources"].split("\n") == [
        "Wire story",
        "Unattributed report, 4 March 2024",
        "Report by Kremlin, 4 March 2024",
    ]
    assert row["source_publishers"].split("\n") == ["Example Wire", "", "Kremlin"]
    assert row["source_urls"].split("\n") == ["https://wire.example/1", "", ""]
    assert [url.rsplit("/", 2)[1] for url in row["source_permalinks"].split("\n")] == [
        str(report.source_id) for report in calls[0].reports.order_by("role", "source_id")
    ]
    assert "txt" not in "".join(str(value) for value in row.values())
