"""The facet counts the database keeps for the whole archive (archive.facet_totals).

Whatever writes the archive (factories through the ORM, merges, deletions, edits to a
leader's country or a source's publisher, raw SQL, a write batch; an import in
tests/importing/test_write_batch.py), the kept counts must equal what counting the rows
gives, each call's packed set of values must hold what its rows give, and the unfiltered
calls list must show the counts.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from archive import facet_totals
from archive.batches import write_batch
from archive.enums import CallKind
from archive.merging import merge_calls
from archive.models import Call, CallFacetSet, FacetTotal, Participation, Report, Topic
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def counted() -> dict[tuple[str, str], int]:
    """Every facet value's number of calls, counted from the rows themselves."""
    counts: Counter = Counter()
    # Only the columns every schema since 0008 has (the tests unapply migrations).
    for call in Call.objects.only("kind", "year", "month"):
        counts["all", ""] += 1
        counts["kind", call.kind] += 1
        counts["month", f"{call.year or ''}-{call.month or ''}"] += 1
    counts.update(
        ("leader", str(leader))
        for leader in Participation.objects.values_list("leader_id", flat=True)
    )
    countries = set(Participation.objects.values_list("call_id", "leader__country_id"))
    counts.update(("country", country) for _, country in countries)
    # A call counts towards its topics and their broader topics, once each.
    parents = dict(Topic.objects.values_list("id", "parent_id"))
    tagged = set()
    for call_id, topic in Call.topics.through.objects.values_list("call_id", "topic_id"):
        for _ in range(facet_totals.TOPIC_DEPTH + 1):
            if topic is None:
                break
            tagged.add((call_id, topic))
            topic = parents.get(topic)
    counts.update(("topic", str(topic)) for _, topic in tagged)
    publishers = set(
        Report.objects.exclude(source__publisher="").values_list("call_id", "source__publisher")
    )
    counts.update(("publisher", publisher) for _, publisher in publishers)
    # The calls every source of which is one side's, once the readout facet is counted.
    if facet_totals.counts_readout(connection):
        one_sided = Call.objects.filter(one_sided=True).count()
        if one_sided:
            counts["readout", "one-sided"] = one_sided
    return dict(counts)


def kept() -> dict[tuple[str, str], int]:
    return {(row.facet, row.value): row.calls for row in FacetTotal.objects.filter(calls__gt=0)}


def packed() -> dict[int, Counter]:
    """Each call's packed set, as (facet, value) pairs."""
    return {
        row.call_id: Counter(tuple(pair.split(":", 1)) for pair in row.facets.split("\x1f"))
        for row in CallFacetSet.objects.all()
    }


def assert_consistent():
    assert kept() == counted()
    assert not FacetTotal.objects.filter(calls__lt=0).exists()
    # Every call has its set, with each of its values once, and counting the sets of every
    # call gives the kept counts.
    sets = packed()
    assert set(sets) == set(Call.objects.values_list("pk", flat=True))
    assert all(max(values.values()) == 1 for values in sets.values())
    every = facet_totals.count_values(list(sets))
    assert every == sum(sets.values(), Counter())
    assert dict(every) == {key: n for key, n in counted().items() if key[0] != "all"}


def an_archive():
    """Calls with shared countries and publishers, topics, an undated call."""
    france = CountryFactory(code="FR", name="France")
    paris_a, paris_b = LeaderFactory(country=france), LeaderFactory(country=france)
    other = LeaderFactory()
    topic = TopicFactory()
    # Two French participants: France counts this call once.
    first = CallFactory(participants=[paris_a, paris_b, other], topics=[topic])
    second = CallFactory(participants=[paris_a, other], kind=CallKind.VIDEO)
    undated = CallFactory(participants=[paris_b, other], date=None, date_precision="unknown")
    # Two reports of one call by the same outlet: that outlet counts the call once.
    ReportFactory(call=first, source=SourceFactory(publisher="Wire One"))
    ReportFactory(call=first, source=SourceFactory(publisher="Wire One"))
    ReportFactory(call=second, source=SourceFactory(publisher=""))
    ReportFactory(call=undated, source=SourceFactory(publisher="Wire Two"))
    return first, second, undated


def test_every_write_keeps_the_counts_of_the_rows():
    first, second, undated = an_archive()
    assert_consistent()
    assert kept()["country", "FR"] == 3
    assert kept()["publisher", "Wire One"] == 1

    second.kind = CallKind.MEETING
    second.date = datetime.date(2019, 11, 2)
    second.save()
    assert_consistent()

    leader = first.participations.first().leader
    leader.country = CountryFactory(code="DE", name="Germany")
    leader.save()
    assert_consistent()

    source = first.reports.first().source
    source.publisher = "Wire Three"
    source.save()
    assert_consistent()

    first.reports.last().delete()
    Participation.objects.filter(call=undated).first().delete()
    assert_consistent()

    merge_calls(first, second)
    assert_consistent()

    undated.delete()
    assert_consistent()

    Call.objects.all().delete()
    assert kept() == {}
    assert packed() == {}


def test_a_broader_topic_counts_the_calls_of_its_narrower_topics_through_every_write():
    broad, other = TopicFactory(), TopicFactory()
    narrow = TopicFactory(parent=broad)
    narrower = TopicFactory(parent=narrow)
    CallFactory(topics=[broad])
    both = CallFactory(topics=[broad, narrow])  # counted once by the broader topic
    deep = CallFactory(topics=[narrower])
    assert_consistent()
    assert kept()["topic", str(broad.pk)] == 3
    assert kept()["topic", str(narrow.pk)] == 2

    both.topics.remove(narrow)
    assert_consistent()
    narrow.parent = other  # moved: its calls now count towards the other topic
    narrow.save()
    assert_consistent()
    assert kept()["topic", str(other.pk)] == 1
    assert kept()["topic", str(broad.pk)] == 2
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE archive_topic SET parent_id = %s WHERE id = %s", [broad.pk, narrower.pk]
        )
    assert_consistent()
    broad.delete()  # its narrower topic stands alone
    assert_consistent()
    assert kept()["topic", str(narrower.pk)] == 1
    deep.delete()
    assert_consistent()


def test_a_publisher_holding_the_separator_is_counted_under_a_readable_name():
    call = CallFactory()
    ReportFactory(call=call, source=SourceFactory(publisher="Wire\x1fOne"))

    (row,) = CallFacetSet.objects.all()

    assert "publisher:Wire One" in row.facets.split("\x1f")
    assert facet_totals.count_values([call.pk])["publisher", "Wire One"] == 1


def test_counting_the_values_of_no_calls_or_of_unknown_ones_gives_nothing():
    an_archive()

    assert facet_totals.count_values([]) == Counter()
    assert facet_totals.count_values([10**9]) == Counter()


def test_writes_inside_a_batch_are_counted_at_its_end():
    with write_batch():
        first, second, _ = an_archive()
        merge_calls(first, second)
        # Nothing is counted until the batch ends.
        assert kept() == {}

    assert_consistent()


def test_raw_sql_is_counted_too():
    first, *_ = an_archive()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE archive_call SET kind = 'other' WHERE id = %s", [first.pk])
        cursor.execute("DELETE FROM archive_call_topics WHERE call_id = %s", [first.pk])

    assert_consistent()


def test_missing_triggers_are_put_back_and_the_counts_rebuilt():
    an_archive()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER archive_facets_participation_ai")
        else:
            cursor.execute("DROP TRIGGER archive_participation_facets ON archive_participation")
    CallFactory()  # its participants are not counted: their trigger is gone
    assert kept() != counted()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_callfacetset")

    facet_totals.install_facet_triggers()

    assert_consistent()
    CallFactory()
    assert_consistent()


def test_the_unfiltered_list_shows_the_kept_counts(client):
    first, *_ = an_archive()

    response = client.get("/calls/")

    facets = {facet.name: facet for facet in response.context["facets"]}
    assert response.context["total"] == 3
    countries = {value.value: value.count for value in facets["country"].values}
    assert countries["fr"] == 3
    publishers = {value.value: value.count for value in facets["publisher"].values}
    assert publishers == {"Wire One": 1, "Wire Two": 1}
    kinds = {value.value: value.count for value in facets["kind"].values}
    assert kinds == {"phone": 2, "video": 1}
    years = {value.value: value.count for value in facets["year"].values}
    # The call with no date has a value of its own.
    assert years == {"2024": 2, "unknown": 1}
    leaders = {value.value: value.count for value in facets["leader"].values}
    assert leaders[Participation.objects.filter(call=first).last().leader.slug] == 3


def test_a_filtered_list_counts_its_own_calls(client):
    an_archive()

    response = client.get("/calls/", {"kind": "video"})

    facets = {facet.name: facet for facet in response.context["facets"]}
    assert response.context["total"] == 1
    assert {value.value: value.count for value in facets["country"].values}["fr"] == 1


def insert_call_as_of_then() -> None:
    """A call written with the columns the calls table had before migration 0012 (the model
    now has more, which an older schema lacks)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO archive_call (date, date_precision, year, month, kind, "
            "duration_minutes, duration_qualifier, initiator_id, summary, status, slug, "
            "created_at, updated_at) VALUES (%s, 'day', 2024, 3, 'phone', NULL, '', NULL, '', "
            "'extracted', 'a-call', %s, %s)",
            [datetime.date(2024, 3, 1), timezone.now(), timezone.now()],
        )


@pytest.mark.django_db(transaction=True)
def test_unapplying_the_facet_tables_leaves_no_trigger_behind_and_reapplying_recounts():
    from django.core.management import call_command

    an_archive()
    try:
        call_command("migrate", "archive", "0007", verbosity=0)
        # Without their tables, a write must not meet the facet triggers.
        insert_call_as_of_then()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name LIKE 'archive_facets_%'"
                )
            else:
                cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%_facets'")
            assert cursor.fetchone()[0] == 0
    finally:
        call_command("migrate", verbosity=0)

    assert_consistent()
    assert kept()["all", ""] == 4


@pytest.mark.django_db(transaction=True)
def test_unapplying_the_packed_sets_keeps_the_counts_and_reapplying_builds_them():
    from django.core.management import call_command

    an_archive()
    try:
        call_command("migrate", "archive", "0010", verbosity=0)
        # The triggers are back without the sets, and still count.
        insert_call_as_of_then()
        assert kept() == counted()
    finally:
        call_command("migrate", verbosity=0)

    assert_consistent()
    assert kept()["all", ""] == 4


def test_a_call_becoming_one_sided_and_back_is_counted_under_the_readout_facet():
    first, second, undated = an_archive()
    Call.objects.filter(pk__in=[first.pk, undated.pk]).update(one_sided=True)
    assert_consistent()
    assert kept()["readout", "one-sided"] == 2
    assert ("readout", "one-sided") in packed()[first.pk]

    Call.objects.filter(pk=first.pk).update(one_sided=False)
    assert_consistent()
    assert kept()["readout", "one-sided"] == 1
    assert ("readout", "one-sided") not in packed()[first.pk]

    # Inside a write batch the change is queued and counted at its end.
    with write_batch():
        Call.objects.filter(pk=second.pk).update(one_sided=True)
    assert_consistent()
    assert kept()["readout", "one-sided"] == 2


@pytest.mark.django_db(transaction=True)
def test_unapplying_the_one_sided_column_and_reapplying_recounts_the_readout_facet():
    from django.core.management import call_command

    first, _, _ = an_archive()
    Call.objects.filter(pk=first.pk).update(one_sided=True)
    try:
        # Back before the column: the triggers that name it must be gone first.
        call_command("migrate", "archive", "0012", verbosity=0)
        assert not facet_totals.counts_readout(connection)
        insert_call_as_of_then()
        assert ("readout", "one-sided") not in kept()
        assert kept()["all", ""] == 4
    finally:
        call_command("migrate", verbosity=0)

    assert facet_totals.counts_readout(connection)
    assert_consistent()
    # The column came back empty (0013 adds it false): the import sets it again.
    assert ("readout", "one-sided") not in kept()
    Call.objects.filter(pk=first.pk).update(one_sided=True)
    assert_consistent()
    assert kept()["readout", "one-sided"] == 1
