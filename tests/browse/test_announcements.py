"""Announced contacts on the pages: listed on the leaders' pages with their state, never
among the calls, their counts, facets or exports; the admin's pages read a bounded number
of queries."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.facet_totals import leader_calls
from archive.models import Announcement, CallFacet
from tests.factories import AnnouncementFactory, LeaderFactory, SourceFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def announce(seed, **fields) -> Announcement:
    return AnnouncementFactory(
        participants=[seed.macron, seed.raisi],
        source=SourceFactory(title="Macron to call Raisi", published=TODAY),
        **fields,
    )


def announcement_rows(response) -> list[Announcement]:
    return list(response.context["announcements"])


def test_a_leaders_page_lists_announced_contacts_with_whom_source_and_state(client, seed):
    pending = announce(seed, expected=TODAY + datetime.timedelta(days=3))
    past = announce(seed, expected=TODAY - datetime.timedelta(days=10))
    held = announce(seed, expected=seed.raisi_call.date, call=seed.raisi_call, status="held")

    response = client.get(seed.macron.get_absolute_url())

    html = response.content.decode()
    assert announcement_rows(response) == [pending, past, held]
    assert [row.state for row in announcement_rows(response)] == [
        "pending",
        "not held as far as the archive knows",
        "held",
    ]
    assert [[o.name for o in row.others] for row in announcement_rows(response)] == [
        ["Ebrahim Raisi"]
    ] * 3
    assert "Announced contacts" in html
    assert "not held, as far as the archive knows" in html
    assert f'href="{seed.raisi_call.get_absolute_url()}"' in html
    assert "Macron to call Raisi" in html


def test_a_leader_without_announcements_has_no_such_section(client, seed):
    response = client.get(seed.putin.get_absolute_url())

    assert announcement_rows(response) == []
    assert "Announced contacts" not in response.content.decode()


def test_the_sentence_of_an_announcement_is_shown_as_text(client, seed):
    announce(seed, sentence='Macron will call Raisi "><script>alert(1)</script>')

    html = client.get(seed.macron.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def exported(client, fmt: str) -> bytes:
    response = client.get(reverse("archive:calls-export", args=[fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_an_announcement_is_never_a_call_in_lists_counts_facets_or_exports(client, seed):
    counts = leader_calls()
    facets = sorted(CallFacet.objects.values_list("call_id", "facet", "value"))
    listed = client.get(reverse("archive:calls")).context["page"].paginator.count
    files = {fmt: exported(client, fmt) for fmt in ("json", "csv")}
    page = client.get(seed.raisi.get_absolute_url()).context["page"].paginator.count

    announce(seed, expected=TODAY)
    AnnouncementFactory(participants=[seed.putin, LeaderFactory()])

    assert leader_calls() == counts
    assert client.get(reverse("archive:calls")).context["page"].paginator.count == listed
    assert sorted(CallFacet.objects.values_list("call_id", "facet", "value")) == facets
    assert {fmt: exported(client, fmt) for fmt in ("json", "csv")} == files
    assert client.get(seed.raisi.get_absolute_url()).context["page"].paginator.count == page
    assert client.get(reverse("archive:calls"), {"leader": "ebrahim-raisi"}).context[
        "page"
    ].paginator.count == len(seed.raisi.calls.all())


#: The leader page's queries (tests/browse/test_query_counts.py) and two for its
#: announcements (the rows with their sources and calls, then their leaders); on PostgreSQL
#: its counts run in a savepoint with a time limit, three more.
LEADER_PAGE_QUERIES = 14


def _leader_page_queries(client, seed, assert_at_most) -> int:
    limit = LEADER_PAGE_QUERIES + (3 if connection.vendor == "postgresql" else 0)
    with assert_at_most(limit) as captured:
        response = client.get(seed.macron.get_absolute_url())
    assert response.status_code == 200
    return len(captured)


def test_a_leaders_page_reads_as_many_queries_for_three_announcements_as_for_one(
    client, seed, django_assert_max_num_queries
):
    announce(seed)
    one = _leader_page_queries(client, seed, django_assert_max_num_queries)

    announce(seed, expected=TODAY)
    AnnouncementFactory(participants=[seed.macron, seed.putin])
    three = _leader_page_queries(client, seed, django_assert_max_num_queries)

    assert three == one


def _admin_queries(client, url, assert_at_most) -> int:
    with assert_at_most(40) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", ["", "?state=past", "?state=held", "?wording=announced"])
def test_the_announcements_admin_reads_as_many_queries_for_three_as_for_one(
    editor_client, seed, django_assert_max_num_queries, query
):
    url = reverse("admin:archive_announcement_changelist") + query
    announce(seed, expected=TODAY - datetime.timedelta(days=10))
    editor_client.get(url)  # the session and permissions, read once
    one = _admin_queries(editor_client, url, django_assert_max_num_queries)

    announce(seed, expected=TODAY - datetime.timedelta(days=20))
    AnnouncementFactory(
        participants=[seed.macron, seed.putin], expected=TODAY - datetime.timedelta(days=5)
    )
    three = _admin_queries(editor_client, url, django_assert_max_num_queries)

    assert three == one


def test_the_announcements_admin_lists_them_by_state(editor_client, seed):
    past = announce(seed, expected=TODAY - datetime.timedelta(days=10))
    soon = announce(seed, expected=TODAY + datetime.timedelta(days=1))
    url = reverse("admin:archive_announcement_changelist")

    listed = {
        state: {a.pk for a in editor_client.get(url, {"state": state}).context["cl"].result_list}
        for state in ("past", "pending", "held")
    }

    assert listed == {"past": {past.pk}, "pending": {past.pk, soon.pk}, "held": set()}


def test_an_editor_tying_an_announcement_to_a_call_makes_it_held(editor_client, seed):
    announcement = announce(seed, expected=TODAY)
    url = reverse("admin:archive_announcement_change", args=[announcement.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name != "participants"
    }
    data.update(
        participants=[seed.macron.pk, seed.raisi.pk],
        source=announcement.source_id,
        call=seed.raisi_call.pk,
        status="pending",
        expected=TODAY.isoformat(),
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    announcement.refresh_from_db()
    assert (announcement.status, announcement.call_id) == ("held", seed.raisi_call.pk)
