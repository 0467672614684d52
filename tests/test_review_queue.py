"""The review queue: each reason's items enter it and leave it, with filters, one-click and
bulk resolutions, bounded queries; possible duplicates side by side."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive import review
from archive.enums import DatePrecision, ReviewStatus
from archive.models import Call, CallRedirect, DistinctReports, Leader, PossibleDuplicate

from .factories import (
    AnnouncementFactory,
    CallFactory,
    CountryFactory,
    EvidenceFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/archive/call/review/"


def reviewed_call(**fields) -> Call:
    """A call that needs no editor: reviewed, dated, with two sources."""
    call = CallFactory(status=ReviewStatus.REVIEWED, **fields)
    ReportFactory(call=call)
    ReportFactory(call=call)
    return call


def two_sourced(**fields) -> Call:
    call = CallFactory(**fields)
    ReportFactory(call=call)
    ReportFactory(call=call)
    return call


# Each reason: a way to make an item of it, and the pk the queue lists it by.
def undated():
    return two_sourced(date=None, date_precision=DatePrecision.UNKNOWN)


def inferred():
    return two_sourced(date_inferred="the page's own date, 4 March 2024")


def one_source():
    call = CallFactory()
    ReportFactory(call=call)
    return call


def one_side():
    return two_sourced(one_sided=True)


def duplicate():
    return PossibleDuplicate.objects.create(
        call=two_sourced(), other=two_sourced(), reason="2 calls fit an undated report"
    )


def leader():
    return LeaderFactory(verified=False)


def pronoun():
    call = reviewed_call()
    return StatementFactory(call=call, speaker="He", side_leader=call.participants.first())


def announcement():
    """An announced contact whose day is well past, with no call."""
    return AnnouncementFactory(expected=timezone.localdate() - datetime.timedelta(days=10))


MAKERS = {
    "undated": undated,
    "inferred": inferred,
    "one_source": one_source,
    "one_side": one_side,
    "duplicate": duplicate,
    "leader": leader,
    "pronoun": pronoun,
    "announcement": announcement,
}


def listed(reason: str) -> list[int]:
    return list(review.items(review.BY_KEY[reason]).values_list("pk", flat=True))


def test_a_reviewed_two_sourced_call_and_verified_leaders_need_no_editor():
    reviewed_call()

    assert review.counts() == {reason.key: 0 for reason in review.REASONS}


@pytest.mark.parametrize("reason", list(MAKERS))
def test_each_reason_holds_its_item_until_resolved_in_one_click(editor_client, reason):
    item = MAKERS[reason]()
    assert listed(reason) == [item.pk]

    response = editor_client.post(QUEUE, {"one": f"{reason}:{item.pk}"})

    assert response.status_code == 302
    assert listed(reason) == []


@pytest.mark.parametrize(
    ("reason", "fix"),
    [
        (
            "undated",
            lambda c: Call.objects.filter(pk=c.pk).update(
                date=datetime.date(2024, 1, 2), date_precision=DatePrecision.DAY
            ),
        ),
        ("inferred", lambda c: Call.objects.filter(pk=c.pk).update(date_inferred="")),
        ("one_source", lambda c: ReportFactory(call=c)),
        ("one_side", lambda c: Call.objects.filter(pk=c.pk).update(one_sided=False)),
        ("pronoun", lambda s: type(s).objects.filter(pk=s.pk).update(speaker="the presidency")),
        # Its call reported after all: tied to it, it is held.
        (
            "announcement",
            lambda a: type(a).objects.filter(pk=a.pk).update(call=CallFactory(), status="held"),
        ),
    ],
)
def test_an_item_leaves_the_queue_once_its_reason_no_longer_holds(reason, fix):
    item = MAKERS[reason]()

    fix(item)

    assert listed(reason) == []


def test_a_pronoun_tied_to_no_leader_stays_for_an_editor_to_name(editor_client):
    statement = StatementFactory(call=reviewed_call(), speaker="she")

    editor_client.post(QUEUE, {"one": f"pronoun:{statement.pk}"})

    assert listed("pronoun") == [statement.pk]


def test_a_rows_own_button_resolves_that_row_alone_and_the_bulk_button_the_ticked(
    editor_client,
):
    calls = [undated() for _ in range(3)]

    editor_client.post(QUEUE, {"one": f"undated:{calls[0].pk}", "item": [f"undated:{calls[1].pk}"]})
    assert sorted(listed("undated")) == sorted([calls[1].pk, calls[2].pk])

    editor_client.post(
        QUEUE, {"bulk": "1", "item": [f"undated:{calls[1].pk}", f"undated:{calls[2].pk}"]}
    )
    assert listed("undated") == []


def test_bulk_not_the_same_and_verify_across_reasons(editor_client):
    pairs = [duplicate(), duplicate()]
    leaders = [leader(), leader()]

    editor_client.post(
        QUEUE, {"item": [f"duplicate:{p.pk}" for p in pairs] + [f"leader:{x.pk}" for x in leaders]}
    )

    assert listed("duplicate") == []
    assert Leader.objects.filter(pk__in=[x.pk for x in leaders], verified=True).count() == 2
    assert DistinctReports.objects.count() == 2 * 2 * 2  # two pairs, two sources a side


def test_the_queue_filters_by_reason_country_and_age(editor_client):
    france = CountryFactory(code="FR", name="France")
    french = undated()
    french.participations.create(leader=LeaderFactory(country=france))
    elsewhere = undated()
    old = undated()
    Call.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=90))
    leader()

    by_country = editor_client.get(QUEUE, {"reason": "undated", "country": "fr"})
    by_age = editor_client.get(QUEUE, {"reason": "undated", "age": "older"})
    recent = editor_client.get(QUEUE, {"age": "week"})

    assert [row["item"].pk for row in by_country.context["sections"][0]["rows"]] == [french.pk]
    assert [row["item"].pk for row in by_age.context["sections"][0]["rows"]] == [old.pk]
    sections = {s["reason"].key: s["count"] for s in recent.context["sections"]}
    assert sections["undated"] == 2
    assert sections["leader"] == 1
    assert {s["reason"].key for s in by_country.context["sections"]} == {"undated"}
    assert elsewhere.pk not in [row["item"].pk for row in by_country.context["sections"][0]["rows"]]


def test_an_unverified_leader_is_shown_with_the_known_leaders_its_name_is_close_to(
    editor_client,
):
    iran = CountryFactory(code="IR", name="Iran")
    known = LeaderFactory(name="Ebrahim Raisi", country=iran, aliases=["Raisi", "Raeisi"])
    LeaderFactory(name="Hassan Rouhani", country=iran)
    LeaderFactory(name="Ebrahim Raeisi Elsewhere", country=CountryFactory(code="ZZ"))
    new = LeaderFactory(name="Ebrahim Raeisi", country=iran, verified=False)

    response = editor_client.get(QUEUE, {"reason": "leader"})

    (row,) = response.context["sections"][0]["rows"]
    assert row["item"] == new
    assert row["close"] == [known]
    assert "Close to" in response.content.decode()


def _queries_of_the_queue(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries)


def test_the_queue_reads_as_many_queries_for_three_items_a_reason_as_for_one(editor_client):
    for make in MAKERS.values():
        make()
    editor_client.get(QUEUE)  # the session and permissions, read once
    one = _queries_of_the_queue(editor_client)

    for make in MAKERS.values():
        make()
        make()
    three = _queries_of_the_queue(editor_client)

    assert three == one
    assert one <= 40


def test_the_admin_index_says_how_many_items_wait(editor_client):
    undated()
    leader()

    response = editor_client.get(reverse("admin:index"))

    assert response.context["request"] is not None
    html = response.content.decode()
    assert 'id="review-queue-total">2<' in html
    assert QUEUE in html


def test_the_queue_is_for_editors_only(client):
    response = client.get(QUEUE)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- possible duplicates side by side ---------------------------------------------------------


def compare_url(pair: PossibleDuplicate) -> str:
    return reverse("admin:archive_possibleduplicate_compare", args=[pair.pk])


def test_a_possible_duplicate_opens_side_by_side_with_sources_and_evidence(editor_client):
    pair = duplicate()
    first = SourceFactory(title="Leaders discuss the grain deal", body="Alpha spoke to Beta " * 3)
    report = ReportFactory(call=pair.call, source=first)
    EvidenceFactory(report=report, text="Alpha spoke to Beta about grain.")
    StatementFactory(call=pair.other, speaker="the presidency", text="They agreed on grain.")

    response = editor_client.get(compare_url(pair))

    html = response.content.decode()
    assert response.status_code == 200
    assert [call.pk for call in response.context["sides"]] == [pair.call_id, pair.other_id]
    assert "Leaders discuss the grain deal" in html
    assert "Alpha spoke to Beta about grain." in html
    assert "They agreed on grain." in html
    assert "2 calls fit an undated report" in html
    assert html.count("Merge the other into this one") == 2


def test_merge_into_this_one_merges_the_other_call_and_redirects_its_permalink(editor_client):
    pair = duplicate()
    survivor, merged = pair.other_id, pair.call_id

    response = editor_client.post(compare_url(pair), {"decision": "merge", "survivor": survivor})

    assert response.status_code == 302
    assert not Call.objects.filter(pk=merged).exists()
    assert CallRedirect.objects.get(old_id=merged).call_id == survivor
    assert Call.objects.get(pk=survivor).reports.count() == 4
    assert listed("duplicate") == []


def test_not_the_same_from_the_side_by_side_page_leaves_the_queue(editor_client):
    pair = duplicate()

    editor_client.post(compare_url(pair), {"decision": "not_same"})

    pair.refresh_from_db()
    assert pair.status == PossibleDuplicate.Status.NOT_SAME
    assert listed("duplicate") == []


def test_a_merge_needs_one_of_the_two_calls(editor_client):
    pair = duplicate()

    editor_client.post(compare_url(pair), {"decision": "merge", "survivor": "999999"})

    assert Call.objects.filter(pk__in=[pair.call_id, pair.other_id]).count() == 2


def test_an_unverified_leader_is_merged_into_the_known_one_in_one_click(editor_client):
    iran = CountryFactory(code="IR", name="Iran")
    known = LeaderFactory(name="Ebrahim Raisi", country=iran)
    new = LeaderFactory(name="Ebrahim Raeisi", country=iran, verified=False)
    call = CallFactory(participants=[new, LeaderFactory()])

    editor_client.post(QUEUE, {"merge_leader": f"{new.pk}:{known.pk}"})

    assert not Leader.objects.filter(pk=new.pk).exists()
    assert known.pk in set(call.participations.values_list("leader_id", flat=True))
    assert listed("leader") == []
