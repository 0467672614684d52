"""The public change log: merges and editors' edits write it; /changes/, its feed and each
call's page show it, with public facts only."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from archive.enums import ChangeKind, DatePrecision
from archive.merging import merge_calls
from archive.models import Call, CallChange
from archive.review import EDITOR_MERGE
from tests.atom import atom_problems

from .factories import CallFactory, LeaderFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _admin_form(response) -> dict:
    """What the admin's change form would post back unchanged: its fields and inlines."""
    data = {}

    def put(form, prefix_name):
        for name in form.fields:
            value = form[name].value()
            key = prefix_name(name)
            if value is None or value is False:
                continue
            if isinstance(value, (list, tuple)):
                data[key] = [str(v) for v in value]
            else:
                data[key] = "on" if value is True else str(value)

    adminform = response.context["adminform"].form
    put(adminform, lambda name: name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        put(formset.management_form, formset.management_form.add_prefix)
        for form in formset.forms:
            put(form, form.add_prefix)
    return data


def test_a_merge_logs_into_which_call_and_why_on_both_calls():
    a, b = LeaderFactory(), LeaderFactory()
    survivor = CallFactory(participants=[a, b], date=None, date_precision=DatePrecision.UNKNOWN)
    duplicate = CallFactory(participants=[a, b], date=datetime.date(2024, 3, 5))
    duplicate_pk = duplicate.pk

    merge_calls(survivor, duplicate, reason="the same call")

    gone = CallChange.objects.get(call_id=duplicate_pk)
    assert (gone.kind, gone.other_call_id, gone.description) == (
        ChangeKind.MERGED,
        survivor.pk,
        f"merged into call {survivor.pk}: the same call",
    )
    kept = list(
        CallChange.objects.filter(call_id=survivor.pk)
        .order_by("id")
        .values_list("kind", "description")
    )
    assert kept == [
        ("dated", "date: date unknown → 5 March 2024"),
        ("absorbed", f"call {duplicate_pk} merged into it: the same call"),
    ]


def test_the_admin_merge_action_says_an_editor_judged_them_the_same(editor_client):
    a, b = LeaderFactory(), LeaderFactory()
    first, second = CallFactory(participants=[a, b]), CallFactory(participants=[a, b])
    url = reverse("admin:archive_call_changelist")
    selected = {"action": "merge_calls", "_selected_action": [first.pk, second.pk]}

    editor_client.post(url, {**selected, "survivor": second.pk})

    assert CallChange.objects.get(call_id=first.pk).description == (
        f"merged into call {second.pk}: {EDITOR_MERGE}"
    )


def test_an_editors_correction_is_logged_with_old_and_new_values_and_no_name(editor_client):
    call = CallFactory(duration_minutes=None)
    topic = TopicFactory(name="Energy")
    url = reverse("admin:archive_call_change", args=[call.pk])
    form = _admin_form(editor_client.get(url))
    form.update(date="2024-03-06", kind="video", duration_minutes="45", topics=[str(topic.pk)])

    response = editor_client.post(url, form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    log = list(
        CallChange.objects.filter(call_id=call.pk).order_by("id").values_list("kind", "description")
    )
    assert log == [
        ("redated", "date: 4 March 2024 → 6 March 2024"),
        (
            "corrected",
            "kind: Phone call → Video call; duration: none → 45 minutes; topics: none → Energy",
        ),
    ]
    page = editor_client.get(reverse("archive:changes")).content.decode()
    assert "editor@" not in page
    assert ">editor<" not in page


def test_an_edit_that_changes_no_public_fact_logs_nothing(editor_client):
    call = CallFactory()
    url = reverse("admin:archive_call_change", args=[call.pk])

    response = editor_client.post(url, _admin_form(editor_client.get(url)))

    assert response.status_code == 302
    assert not CallChange.objects.exists()


def test_a_deleted_call_keeps_its_history(editor_client, client):
    call = CallFactory()
    pk = call.pk
    CallChange.objects.create(call_id=pk, kind=ChangeKind.ADDED, description="added from X")

    editor_client.post(reverse("admin:archive_call_delete", args=[pk]), {"post": "yes"})

    assert not Call.objects.filter(pk=pk).exists()
    assert list(
        CallChange.objects.filter(call_id=pk).order_by("id").values_list("kind", flat=True)
    ) == [
        "added",
        "deleted",
    ]
    page = client.get(reverse("archive:changes")).content.decode()
    assert f"Call {pk}</td>" in page  # named, not linked: it has no page any more


def _logged(n: int, kind=ChangeKind.CORRECTED, at=None) -> list[CallChange]:
    calls = [CallFactory() for _ in range(n)]
    return CallChange.objects.bulk_create(
        CallChange(
            call_id=c.pk,
            kind=kind,
            description=f"kind: Phone call → Meeting ({c.pk})",
            at=at or timezone.now(),
        )
        for c in calls
    )


def test_the_call_page_lists_its_own_changes(client):
    call = CallFactory()
    CallChange.objects.create(
        call_id=call.pk,
        kind=ChangeKind.REDATED,
        description="date: 3 March 2024 → 4 March 2024",
        at=timezone.make_aware(datetime.datetime(2026, 12, 3, 12)),
    )

    page = client.get(call.get_absolute_url()).content.decode()

    assert "<strong>Date corrected</strong> on" in page
    assert "3 December 2026</time>: date: 3 March 2024 → 4 March 2024" in page


def test_the_log_filters_by_kind_and_by_date(client):
    old = timezone.make_aware(datetime.datetime(2026, 11, 1, 12))
    new = timezone.make_aware(datetime.datetime(2026, 12, 3, 12))
    (early,) = _logged(1, ChangeKind.REDATED, at=old)
    (late,) = _logged(1, ChangeKind.REDATED, at=new)
    (other,) = _logged(1, ChangeKind.CORRECTED, at=new)

    def ids(**params):
        response = client.get(reverse("archive:changes"), params)
        assert response.status_code == 200
        return [row.change.pk for row in response.context["rows"]]

    assert ids() == [other.pk, late.pk, early.pk]
    assert ids(kind="redated") == [late.pk, early.pk]
    assert ids(kind="redated", **{"from": "2026-12"}) == [late.pk]
    assert ids(to="2026-11-30") == [early.pk]


@pytest.mark.parametrize(
    "params", [{"kind": "nonsense"}, {"from": "yesterday"}, {"to": "2026-02-30"}, {"page": "x"}]
)
def test_a_bad_filter_on_the_log_is_a_notice_not_an_error(client, params):
    _logged(2)

    response = client.get(reverse("archive:changes"), params)

    assert response.status_code == 200
    assert len(response.context["rows"]) == 2
    assert response.context["notices"]


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"kind": "nonsense"}, "kind"),
        ({"from": "yesterday"}, "is not a date"),
        ({"leader": "x"}, "is not a filter"),
        ({"page": "2"}, "no pages"),
    ],
)
def test_the_feed_refuses_what_it_cannot_apply(client, params, reason):
    response = client.get(reverse("archive:changes-feed"), params)

    assert response.status_code == 400
    assert reason in response.content.decode()


def test_the_feed_is_valid_atom_with_one_entry_per_change(client):
    a, b = LeaderFactory(), LeaderFactory()
    survivor, duplicate = CallFactory(participants=[a, b]), CallFactory(participants=[a, b])
    merge_calls(survivor, duplicate, reason="<script>alert(1)</script>")
    _logged(2)

    response = client.get(reverse("archive:changes-feed"))

    assert response.status_code == 200
    body = response.content.decode()
    assert atom_problems(response.content) == []
    assert body.count("<entry>") == CallChange.objects.count() == 4
    assert "<script>" not in body
    assert (
        client.get(reverse("archive:changes-feed"), {"kind": "merged"})
        .content.decode()
        .count("<entry>")
        == 1
    )


def test_the_log_links_a_merged_call_to_the_call_it_went_into(client):
    a, b = LeaderFactory(), LeaderFactory()
    survivor, duplicate = CallFactory(participants=[a, b]), CallFactory(participants=[a, b])
    old = duplicate.pk
    merge_calls(survivor, duplicate, reason="the same call")

    response = client.get(reverse("archive:changes"), {"kind": "merged"})

    (row,) = response.context["rows"]
    assert row.call_url == reverse("archive:call-noslug", args=[old])
    assert row.other_url == survivor.get_absolute_url()
    assert client.get(row.call_url).status_code == 301


@pytest.mark.parametrize("n", [1, 30])
def test_the_log_reads_a_bounded_number_of_queries(client, django_assert_max_num_queries, n):
    _logged(n)
    a, b = LeaderFactory(), LeaderFactory()
    merge_calls(CallFactory(participants=[a, b]), CallFactory(participants=[a, b]))

    # The version, the count, the page, the calls (with participants and topics), the
    # redirects of calls no longer there; one more on PostgreSQL (the statement timeout).
    limit = 8 if connection.vendor == "sqlite" else 9
    with django_assert_max_num_queries(limit):
        response = client.get(reverse("archive:changes"))
    assert response.status_code == 200
    with django_assert_max_num_queries(limit):
        assert client.get(reverse("archive:changes-feed")).status_code == 200


def test_the_log_advertises_the_feed_of_what_it_shows(client):
    response = client.get(reverse("archive:changes"), {"kind": "redated", "from": "nonsense"})

    html = response.content.decode()
    feed = reverse("archive:changes-feed") + "?kind=redated"
    assert (
        f'type="application/atom+xml" title="Diplo: changes to the archive’s calls" href="{feed}">'
        in html
    )
    assert f'<a href="{feed}">Follow these changes (Atom feed)</a>' in html
    assert client.get(feed).status_code == 200
