"""Merging duplicates: nothing is lost and every old permalink leads to the survivor."""

import datetime

import pytest

from archive.enums import DatePrecision, ReviewStatus
from archive.importer import import_paths
from archive.merging import MergeError, merge_calls, merge_leaders
from archive.models import Call, Leader, Statement

from .factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    StatementFactory,
    TermFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_merging_calls_unites_sources_statements_and_topics():
    a, b = LeaderFactory(), LeaderFactory()
    nuclear, trade = TopicFactory(name="Nuclear"), TopicFactory(name="Trade")
    survivor = CallFactory(participants=[a, b], topics=[nuclear], duration_minutes=None)
    duplicate = CallFactory(participants=[a, b], topics=[trade], duration_minutes=90)
    ReportFactory(call=survivor)
    ReportFactory(call=duplicate)
    StatementFactory(call=duplicate)

    merged = merge_calls(survivor, duplicate)

    assert merged.reports.count() == 2
    assert set(merged.topics.all()) == {nuclear, trade}
    assert Statement.objects.get().call == merged
    assert merged.duration_minutes == 90
    assert not Call.objects.filter(pk=duplicate.pk).exists()


def test_merged_call_permalink_redirects_to_the_survivor(client):
    a, b = LeaderFactory(), LeaderFactory()
    survivor = CallFactory(participants=[a, b])
    duplicate = CallFactory(participants=[a, b])
    old_url = duplicate.get_absolute_url()

    merge_calls(survivor, duplicate)
    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()


def test_a_call_merged_twice_still_redirects_in_one_hop(client):
    a, b = LeaderFactory(), LeaderFactory()
    first, second, third = (CallFactory(participants=[a, b]) for _ in range(3))
    first_url = first.get_absolute_url()

    merge_calls(second, first)
    merge_calls(third, second)
    response = client.get(first_url)

    assert response.status_code == 301
    assert response["Location"] == third.get_absolute_url()


def test_merging_an_undated_call_into_a_dated_one_keeps_the_date():
    a, b = LeaderFactory(), LeaderFactory()
    undated = CallFactory(participants=[a, b], date=None, date_precision=DatePrecision.UNKNOWN)
    dated = CallFactory(participants=[a, b], date=datetime.date(2023, 6, 10))

    merged = merge_calls(undated, dated)

    assert (merged.date, merged.date_precision) == (datetime.date(2023, 6, 10), "day")
    assert merged.slug.startswith("2023-06-10-")


def test_a_reviewed_duplicate_makes_the_survivor_reviewed():
    a, b = LeaderFactory(), LeaderFactory()
    survivor = CallFactory(participants=[a, b])
    duplicate = CallFactory(participants=[a, b], status=ReviewStatus.REVIEWED)

    assert merge_calls(survivor, duplicate).status == ReviewStatus.REVIEWED


def test_a_record_cannot_be_merged_into_itself():
    call = CallFactory()

    with pytest.raises(MergeError):
        merge_calls(call, call)


def test_merging_leaders_moves_calls_and_keeps_the_old_name_as_alias(client):
    survivor = LeaderFactory(name="Ebrahim Exemple", aliases=["Exemple"])
    duplicate = LeaderFactory(name="Ibrahim Exemple", aliases=["Exempel"], verified=False)
    other = LeaderFactory()
    call = CallFactory(participants=[duplicate, other], initiator=duplicate)
    old_url = duplicate.get_absolute_url()

    merge_leaders(survivor, duplicate)
    call.refresh_from_db()
    survivor.refresh_from_db()

    assert set(call.participants.all()) == {survivor, other}
    assert call.initiator == survivor
    assert survivor.aliases == ["Exemple", "Ibrahim Exemple", "Exempel"]
    assert not Leader.objects.filter(pk=duplicate.pk).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()


def test_merging_leaders_who_met_keeps_one_participation():
    survivor, duplicate, other = LeaderFactory(), LeaderFactory(), LeaderFactory()
    call = CallFactory(participants=[survivor, duplicate, other])

    merge_leaders(survivor, duplicate)

    assert sorted(call.participations.values_list("leader_id", flat=True)) == sorted(
        [survivor.pk, other.pk]
    )


def test_a_merged_leaders_names_are_matched_to_the_survivor_on_the_next_import(tmp_path):
    tanzania = CountryFactory(code="TZ", name="Tanzania", demonyms=["Tanzanian"])
    kenya = CountryFactory(code="KE", name="Kenya", demonyms=["Kenyan"])
    survivor = LeaderFactory(
        name="Samia Suluhu Hassan", country=tanzania, aliases=["Samia Suluhu", "Suluhu"]
    )
    TermFactory(leader=survivor, start=datetime.date(2021, 3, 19))
    TermFactory(
        leader=LeaderFactory(name="William Ruto", country=kenya), start=datetime.date(2022, 9, 13)
    )
    first = tmp_path / "first.txt"
    first.write_text(
        "date 2023-06-12\nTanzanian President Mama Samia spoke by phone with Kenyan "
        "President William Ruto on Monday.\n",
        encoding="utf-8",
    )
    import_paths([str(first)])
    duplicate = Leader.objects.get(name="Mama Samia")  # a nickname the engine cannot match
    assert not duplicate.verified

    merge_leaders(survivor, duplicate)
    second = tmp_path / "second.txt"
    second.write_text(
        "date 2023-07-14\nTanzanian President Mama Samia held a phone call with Kenyan "
        "President William Ruto on Friday.\n",
        encoding="utf-8",
    )
    import_paths([str(second)])

    survivor.refresh_from_db()
    assert "Mama Samia" in survivor.aliases
    assert not Leader.objects.filter(name="Mama Samia").exists()
    assert sorted(
        sorted(call.participants.values_list("name", flat=True)) for call in Call.objects.all()
    ) == [["Samia Suluhu Hassan", "William Ruto"], ["Samia Suluhu Hassan", "William Ruto"]]
