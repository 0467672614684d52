"""Calls as event data: CAMEO codes on pages and in exports, PLOVER records (event_codes)."""

import csv
import io
import json

import pytest
from django.urls import reverse

from archive.enums import CallKind
from archive.event_codes import alpha3, cameo_code, cameo_name, plover_mode
from archive.merging import merge_calls
from archive.models import Call
from tests.browse.test_exports_and_feeds import REFUSED
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
)
from tests.shapes import expected_shape

SITE = "http://testserver"
PLOVER = reverse("archive:calls-plover")


def _plover(response) -> dict:
    return json.loads(b"".join(response.streaming_content))


def _record(client, call: Call) -> dict:
    response = client.get(reverse("archive:call-plover", args=[call.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.mark.parametrize(
    ("kind", "code", "name", "mode"),
    [
        (CallKind.PHONE, "041", "Discuss by telephone", "phone"),
        # CAMEO has no video code; PLOVER's "phone" mode is "phone or some other remote medium".
        (CallKind.VIDEO, "041", "Discuss by telephone", "phone"),
        # No place is stored, so not 042 (visit), 043 (host) or 044 (third location).
        (CallKind.MEETING, "040", "Consult, not specified below", None),
        (CallKind.OTHER, "040", "Consult, not specified below", None),
    ],
)
def test_each_kind_has_its_cameo_code_and_plover_mode(kind, code, name, mode):
    assert (cameo_code(kind), cameo_name(kind), plover_mode(kind)) == (code, name, mode)


def test_every_kind_has_a_code():
    assert {kind: cameo_code(kind) for kind in CallKind.values} == {
        "phone": "041",
        "video": "041",
        "meeting": "040",
        "other": "040",
    }


def test_actor_codes_are_iso_alpha3_and_none_where_iso_assigns_none():
    assert [alpha3(code) for code in ("FR", "IR", "RU", "us", "EU", "XK", "", None)] == [
        "FRA",
        "IRN",
        "RUS",
        "USA",
        None,
        None,
        None,
        None,
    ]


def test_the_initiator_is_the_source_actor_and_the_other_the_recipient(client, seed):
    record = _record(client, seed.raisi_call)

    assert record["id"] == SITE + seed.raisi_call.get_absolute_url()
    assert record["date"] == "2023-06-10"
    assert record["date_precision"] == "day"
    assert record["event"] == ["CONSULT"]
    assert record["mode"] == "phone"
    assert record["cameo_code"] == "041"
    assert record["kind"] == "phone"
    assert record["direction"] == "initiator known"
    assert record["source"] == [
        {
            "code": "FRA",
            "country_code": "FR",
            "actor_text": "Emmanuel Macron",
            "identifier_url": SITE + seed.macron.get_absolute_url(),
        }
    ]
    assert record["recipient"] == [
        {
            "code": "IRN",
            "country_code": "IR",
            "actor_text": "Ebrahim Raisi",
            "identifier_url": SITE + seed.raisi.get_absolute_url(),
        }
    ]
    sources = expected_shape(seed.raisi_call, SITE)["sources"]
    assert "https://example.org/afp/macron-raisi" in [s["url"] for s in sources]
    assert record["cite_info"] == [
        {
            "title": s["title"],
            "publication": s["publisher"],
            "published": s["published"],
            "url": s["url"],
            "permalink": s["permalink"],
            "role": s["role"],
        }
        for s in sources
    ]


def test_with_no_initiator_every_participant_is_a_source_and_the_direction_unknown(client, seed):
    assert seed.putin_call.initiator is None

    record = _record(client, seed.putin_call)

    assert record["direction"] == "unknown"
    assert [actor["actor_text"] for actor in record["source"]] == [
        "Emmanuel Macron",
        "Vladimir Putin",
    ]
    assert [actor["code"] for actor in record["source"]] == ["FRA", "RUS"]
    assert record["recipient"] == []


def test_a_meeting_is_040_with_no_mode(client, seed):
    meeting = Call.objects.get(kind=CallKind.MEETING)

    record = _record(client, meeting)

    assert (record["cameo_code"], record["mode"], record["event"]) == ("040", None, ["CONSULT"])
    assert record["date_precision"] == "month"


def test_an_initiator_set_by_an_editor_is_the_source(client, seed):
    Call.objects.filter(pk=seed.putin_call.pk).update(initiator=seed.putin)

    record = _record(client, seed.putin_call)

    assert [a["actor_text"] for a in record["source"]] == ["Vladimir Putin"]
    assert [a["actor_text"] for a in record["recipient"]] == ["Emmanuel Macron"]


def test_a_call_with_no_date_has_a_null_date(client, db):
    call = CallFactory(date=None, date_precision="unknown", kind=CallKind.VIDEO)

    record = _record(client, call)

    assert (record["date"], record["date_precision"], record["mode"]) == (None, "unknown", "phone")


def test_a_merged_calls_record_leads_to_the_call_it_became(client, seed):
    duplicate = CallFactory(participants=[seed.macron, seed.putin], date=seed.putin_call.date)
    old = duplicate.pk
    merge_calls(seed.putin_call, duplicate)

    response = client.get(reverse("archive:call-plover", args=[old]))

    assert response.status_code == 301
    assert response["Location"] == reverse("archive:call-plover", args=[seed.putin_call.pk])


def test_no_such_call_is_404(client, db):
    assert client.get(reverse("archive:call-plover", args=[987654])).status_code == 404


def test_the_plover_export_holds_the_filtered_calls_in_the_lists_order(client, seed):
    response = client.get(PLOVER, {"leader": "vladimir-putin"})

    data = _plover(response)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    putin_calls = Call.objects.filter(participants=seed.putin).order_by("-date", "-id")
    assert data["count"] == putin_calls.count() == 2
    assert data["filters"] == {"leader": ["vladimir-putin"]}
    assert data["codebook"] == "PLOVER 0.7b1 (draft)"
    assert [e["id"] for e in data["events"]] == [
        SITE + call.get_absolute_url() for call in putin_calls
    ]
    assert all(
        "Vladimir Putin" in [a["actor_text"] for a in e["source"] + e["recipient"]]
        for e in data["events"]
    )


def test_the_plover_export_takes_the_kind_filter(client, seed):
    data = _plover(client.get(PLOVER, {"kind": "meeting"}))

    assert [(e["kind"], e["cameo_code"], e["mode"]) for e in data["events"]] == [
        ("meeting", "040", None)
    ]


def test_the_plover_export_of_the_whole_archive_is_every_call(client, seed):
    data = _plover(client.get(PLOVER))

    assert data["count"] == len(data["events"]) == Call.objects.count()


@pytest.mark.parametrize(("params", "reason"), REFUSED)
def test_the_plover_export_refuses_a_filter_it_cannot_apply_saying_why(
    client, seed, params, reason
):
    response = client.get(PLOVER, params)

    assert response.status_code == 400
    body = json.loads(response.content)
    assert body["error"] == "The archive cannot export these calls as asked."
    assert any(line.startswith(reason) for line in body["reasons"])


def test_odd_query_strings_are_never_a_server_error(client, seed):
    for query in ("leader=%00", "kind=", "q=%22%22%22", "year=99999999999999999999", "from=0-0-0"):
        response = client.get(f"{PLOVER}?{query}")
        assert response.status_code in (200, 400), query


def test_csv_and_json_exports_end_with_the_cameo_code(client, seed):
    csv_response = client.get(reverse("archive:calls-export", args=["csv"]), {"sort": "oldest"})
    json_response = client.get(reverse("archive:calls-export", args=["json"]), {"sort": "oldest"})

    rows = list(csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    calls = _plover(json_response)["calls"]
    assert rows[0][-1] == "cameo_code"
    assert rows[0][:-1][:3] == ["id", "url", "date"]  # the old columns, where they were
    assert [(row[rows[0].index("kind")], row[-1]) for row in rows[1:]] == [
        (c["kind"], c["cameo_code"]) for c in calls
    ]
    assert sorted({(c["kind"], c["cameo_code"]) for c in calls}) == [
        ("meeting", "040"),
        ("phone", "041"),
    ]


def test_the_call_page_shows_the_code_linked_to_its_explanation(client, seed):
    response = client.get(seed.raisi_call.get_absolute_url())

    html = response.content.decode()
    assert '<a href="#event-code-note" aria-describedby="event-code-note">CAMEO 041</a>' in html
    assert '<span class="muted">Discuss by telephone</span>' in html
    assert 'id="event-code-note"' in html
    assert 'href="https://parusanalytics.com/eventdata/cameo.dir/04consult.html"' in html
    assert f'href="{reverse("archive:call-plover", args=[seed.raisi_call.pk])}"' in html


def test_a_meetings_page_shows_040(client, seed):
    meeting = Call.objects.get(kind=CallKind.MEETING)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert ">CAMEO 040</a>" in html
    assert "Consult, not specified below" in html


def test_hostile_text_stays_inert(client, db):
    country = CountryFactory(code="QQ", name="Qqland")
    hostile = LeaderFactory(
        name='<script>alert(1)</script>"=HYPERLINK("x")', slug="hostile", country=country
    )
    other = LeaderFactory(name="Plain Name", slug="plain-name", country=country)
    call = CallFactory(participants=[hostile, other], initiator=hostile)
    ReportFactory(
        call=call,
        source=SourceFactory(title="<img src=x onerror=alert(1)>", url="javascript:alert(1)"),
    )

    record = _record(client, call)
    page = client.get(call.get_absolute_url()).content.decode()

    assert record["source"][0]["actor_text"] == hostile.name  # data, as it is, in JSON
    assert record["source"][0]["code"] is None  # QQ is no ISO country
    assert record["cite_info"][0]["url"] is None  # not a web address
    assert "javascript:" not in json.dumps(record)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_plover_export_takes_as_many_queries_for_3_or_30_calls(
    client, db, django_assert_max_num_queries
):
    leaders = [LeaderFactory(), LeaderFactory()]
    counts = []
    for total in (3, 30):
        while Call.objects.count() < total:
            call = CallFactory(participants=leaders, initiator=leaders[0])
            ReportFactory(call=call, source=SourceFactory())
        with django_assert_max_num_queries(8) as captured:
            data = _plover(client.get(PLOVER))
        assert len(data["events"]) == total
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_calls_record_and_page_take_a_bounded_number_of_queries(
    client, seed, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        _record(client, seed.raisi_call)
    with django_assert_max_num_queries(12):
        assert client.get(seed.raisi_call.get_absolute_url()).status_code == 200
