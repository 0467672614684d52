"""The editors' admin: every model curated, merges, history, and who may get in."""

import pytest
import reversion
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Version

from archive.enums import ReviewStatus
from archive.models import Call, CallRedirect, Leader, LeaderRedirect

from .factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    StatementFactory,
    TermFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "country",
    "leader",
    "term",
    "topic",
    "source",
    "call",
    "report",
    "statement",
    "callredirect",
    "leaderredirect",
]


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/admin/archive/call/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "model", [m for m in MODELS if m not in {"term", "callredirect", "leaderredirect"}]
)
def test_editor_sees_every_curated_list_with_records(editor_client, model):
    report = ReportFactory(call=CallFactory(topics=[TopicFactory()]))
    StatementFactory(call=report.call, source=report.source)
    TermFactory(leader=report.call.participations.first().leader)

    response = editor_client.get(reverse(f"admin:archive_{model}_changelist"))

    assert response.status_code == 200


def test_editor_opens_a_call_with_its_inlines(editor_client):
    report = ReportFactory()
    StatementFactory(call=report.call, source=report.source)

    response = editor_client.get(reverse("admin:archive_call_change", args=[report.call.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Participations" in content
    assert "Reports" in content
    assert "Statements" in content


@pytest.mark.parametrize(
    "query", ["?status__exact=reviewed", "?kind__exact=phone", "?date__year=2024", "?q=Number"]
)
def test_call_list_filters_and_search(editor_client, query):
    CallFactory()

    response = editor_client.get(reverse("admin:archive_call_changelist") + query)

    assert response.status_code == 200


def test_editor_cannot_manage_users(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403


def test_leader_autocomplete_answers_editors(editor_client):
    LeaderFactory(name="Anne Exemple")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "Exem", "app_label": "archive", "model_name": "call", "field_name": "initiator"},
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Anne Exemple"]


def test_mark_reviewed_action(editor_client):
    calls = [CallFactory(), CallFactory()]

    editor_client.post(
        reverse("admin:archive_call_changelist"),
        {"action": "mark_reviewed", "_selected_action": [c.pk for c in calls]},
    )

    assert set(Call.objects.values_list("status", flat=True)) == {ReviewStatus.REVIEWED}


def test_merge_action_asks_which_call_survives_then_merges(editor_client):
    a, b = LeaderFactory(), LeaderFactory()
    first, second = CallFactory(participants=[a, b]), CallFactory(participants=[a, b])
    url = reverse("admin:archive_call_changelist")
    selected = {"action": "merge_calls", "_selected_action": [first.pk, second.pk]}

    confirmation = editor_client.post(url, selected)
    editor_client.post(url, {**selected, "survivor": second.pk})

    assert confirmation.status_code == 200
    assert b"Choose the call that survives" in confirmation.content
    assert list(Call.objects.values_list("pk", flat=True)) == [second.pk]
    assert CallRedirect.objects.get().old_id == first.pk


def test_merge_action_needs_exactly_two(editor_client):
    calls = [CallFactory(), CallFactory(), CallFactory()]

    response = editor_client.post(
        reverse("admin:archive_call_changelist"),
        {"action": "merge_calls", "_selected_action": [c.pk for c in calls]},
        follow=True,
    )

    assert b"Select exactly two calls to merge." in response.content
    assert Call.objects.count() == 3


def test_merge_leaders_action(editor_client):
    keep, drop = LeaderFactory(), LeaderFactory()
    url = reverse("admin:archive_leader_changelist")

    editor_client.post(
        url,
        {"action": "merge_leaders", "_selected_action": [keep.pk, drop.pk], "survivor": keep.pk},
    )

    assert list(Leader.objects.values_list("pk", flat=True)) == [keep.pk]
    assert LeaderRedirect.objects.get().old_slug == drop.slug


def test_renaming_a_leader_slug_keeps_the_old_permalink(editor_client, client):
    leader = LeaderFactory(name="Anne Exemple", country=CountryFactory(code="FR", name="France"))
    url = reverse("admin:archive_leader_change", args=[leader.pk])
    form = {
        "name": "Anne Exemple",
        "slug": "anne-exemple-fr",
        "country": "FR",
        "aliases": "Exemple",
        "verified": "on",
        "notes": "",
        "terms-TOTAL_FORMS": "0",
        "terms-INITIAL_FORMS": "0",
    }

    response = editor_client.post(url, form)
    old = client.get("/leaders/anne-exemple/")

    assert response.status_code == 302
    assert old.status_code == 301
    assert old["Location"] == "/leaders/anne-exemple-fr/"


def test_aliases_are_edited_one_a_line(editor_client):
    leader = LeaderFactory(aliases=["Exemple", "Eksempel"])

    response = editor_client.get(reverse("admin:archive_leader_change", args=[leader.pk]))

    assert "Exemple\nEksempel</textarea>" in response.content.decode()


def test_every_admin_edit_is_kept_in_a_history_that_can_be_reverted(editor_client):
    topic = TopicFactory(name="Trade", keywords=["trade"])
    url = reverse("admin:archive_topic_change", args=[topic.pk])
    form = {"name": "Trade", "slug": topic.slug, "description": "", "keywords": "trade\ntariffs"}

    editor_client.post(url, form)
    editor_client.post(url, {**form, "keywords": "trade\ntariffs\nexports"})
    versions = Version.objects.get_for_object(topic)
    oldest = versions.last()
    editor_client.post(reverse("admin:archive_topic_revision", args=[topic.pk, oldest.pk]), form)
    topic.refresh_from_db()

    assert versions.count() >= 2
    assert topic.keywords == ["trade", "tariffs"]
    history = editor_client.get(reverse("admin:archive_topic_history", args=[topic.pk]))
    assert history.status_code == 200


def test_the_history_of_an_imported_record_goes_back_to_what_was_imported(editor_client):
    topic = TopicFactory(name="Trade", keywords=["trade"])  # written without a version
    url = reverse("admin:archive_topic_change", args=[topic.pk])
    form = {"name": "Trade", "slug": topic.slug, "description": "", "keywords": "trade\ntariffs"}

    editor_client.post(url, form)
    versions = list(Version.objects.get_for_object(topic))
    first = versions[-1]
    # The revision page shows the form filled in with that version; the editor saves it.
    revert = reverse("admin:archive_topic_revision", args=[topic.pk, first.pk])
    shown = editor_client.get(revert)
    editor_client.post(revert, {**form, "keywords": "trade"})
    topic.refresh_from_db()

    assert ">\ntrade</textarea>" in shown.content.decode()
    assert len(versions) == 2
    assert first.revision.comment == "As it was before the first edit"
    assert first.field_dict["keywords"] == ["trade"]
    assert topic.keywords == ["trade"]


def test_actions_keep_the_state_before_and_after_in_the_history(editor_client):
    call = CallFactory()

    editor_client.post(
        reverse("admin:archive_call_changelist"),
        {"action": "mark_reviewed", "_selected_action": [call.pk]},
    )

    statuses = [v.field_dict["status"] for v in Version.objects.get_for_object(call)]
    assert statuses == [ReviewStatus.REVIEWED, ReviewStatus.EXTRACTED]


def test_a_call_merged_away_can_be_recovered_from_the_history(editor_client):
    a, b = LeaderFactory(), LeaderFactory()
    first, second = CallFactory(participants=[a, b]), CallFactory(participants=[a, b])
    url = reverse("admin:archive_call_changelist")
    selected = {"action": "merge_calls", "_selected_action": [first.pk, second.pk]}

    editor_client.post(url, {**selected, "survivor": second.pk})

    assert [v.object_id for v in Version.objects.get_deleted(Call)] == [str(first.pk)]


def test_source_history_page_for_a_record_created_in_code(editor_client):
    with reversion.create_revision():
        source = SourceFactory()

    response = editor_client.get(reverse("admin:archive_source_history", args=[source.pk]))

    assert response.status_code == 200


def test_superuser_can_manage_users(client):
    admin_user = User.objects.create_superuser("root", password="x" * 12)
    client.force_login(admin_user)

    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_an_editor_lists_possible_duplicates_and_marks_a_pair_not_the_same(editor_client):
    from archive.models import PossibleDuplicate

    first, second = CallFactory(), CallFactory()
    pair = PossibleDuplicate.objects.create(
        call=first, other=second, reason="an undated report that nothing ties to this call"
    )
    listing = editor_client.get(reverse("admin:archive_possibleduplicate_changelist"))

    response = editor_client.post(
        reverse("admin:archive_possibleduplicate_changelist"),
        {"action": "mark_not_same", "_selected_action": [pair.pk]},
    )

    assert listing.status_code == 200
    assert "an undated report that nothing ties to this call" in listing.content.decode()
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PossibleDuplicate.Status.NOT_SAME


def test_the_calls_participants_filter_finds_a_leader_rather_than_listing_them_all(
    editor_client,
):
    leaders = [LeaderFactory(name=f"Leader {n:02}") for n in range(30)]
    chosen = LeaderFactory(name="Emmanuel Macron")
    for leader in leaders:
        CallFactory(participants=[leader, chosen] if leader is leaders[0] else [leader])
    url = reverse("admin:archive_call_changelist")

    response = editor_client.get(url, {"status__exact": "draft"})

    content = response.content.decode()
    assert "Leader 29" not in content  # not listed: found by typing
    assert 'data-field-name="participants"' in content
    assert "admin/js/autocomplete.js" in content
    # The form keeps the other filters.
    assert '<input type="hidden" name="status__exact" value="draft">' in content

    filtered = editor_client.get(url, {"participants__id__exact": chosen.pk})
    assert filtered.context["cl"].result_count == 1
    assert f'<option value="{chosen.pk}" selected>Emmanuel Macron</option>' in (
        filtered.content.decode()
    )

    found = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "archive",
            "model_name": "call",
            "field_name": "participants",
            "term": "macr",
        },
    )
    assert [row["text"] for row in found.json()["results"]] == ["Emmanuel Macron"]
