"""Exports of any list exactly as filtered, Atom feeds, sitemap.xml and robots.txt."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from archive.models import Call
from archive.serialization import CSV_COLUMNS
from tests.factories import CallFactory
from tests.shapes import expected_shape

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_csv_export_has_the_export_header_and_the_filtered_calls(client, seed):
    response = client.get(
        reverse("archive:calls-export", args=["csv"]), {"leader": "vladimir-putin"}
    )

    rows = _csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="diplo-calls.csv"'
    assert rows[0] == CSV_COLUMNS
    assert [int(row[0]) for row in rows[1:]] == [seed.putin_call.pk, seed.putin_2022.pk]
    assert rows[1][CSV_COLUMNS.index("participants")] == "Emmanuel Macron; Vladimir Putin"


def test_csv_export_follows_the_sort_order_including_relevance(client, seed):
    response = client.get(
        reverse("archive:calls-export", args=["csv"]), {"q": "raisi nuclear", "page": "3"}
    )

    assert [int(row[0]) for row in _csv(response)[1:]] == [seed.raisi_call.pk]


def test_json_export_has_count_filters_and_calls_in_the_export_shape(client, seed):
    response = client.get(
        reverse("archive:calls-export", args=["json"]), {"country": "ru", "sort": "oldest"}
    )

    data = json.loads(b"".join(response.streaming_content))
    by_pk = {call.pk: expected_shape(call) for call in (seed.putin_2022, seed.putin_call)}
    assert data == {
        "count": 2,
        "filters": {"country": ["ru"], "sort": ["oldest"]},
        "notices": [],
        "calls": [by_pk[seed.putin_2022.pk], by_pk[seed.putin_call.pk]],
    }


def test_json_export_of_nothing_is_an_empty_list(client, db):
    response = client.get(reverse("archive:calls-export", args=["json"]))

    assert json.loads(b"".join(response.streaming_content)) == {
        "count": 0,
        "filters": {},
        "notices": [],
        "calls": [],
    }


def test_exports_are_linked_from_the_list_with_its_filters(client, seed):
    content = client.get(reverse("archive:calls"), {"leader": "vladimir-putin", "page": "1"})

    assert 'href="/calls.csv?leader=vladimir-putin"' in content.content.decode()


def _entries(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_feed_lists_calls_in_the_order_they_were_archived(client, seed):
    response = client.get(reverse("archive:feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    assert _entries(response) == [
        seed.raisi_meeting.title,
        seed.putin_2022.title,
        seed.putin_call.title,
        seed.raisi_call.title,
    ]


def test_leader_feed_lists_only_their_calls(client, seed):
    response = client.get(reverse("archive:leader-feed", args=["ebrahim-raisi"]))

    assert _entries(response) == [seed.raisi_meeting.title, seed.raisi_call.title]


def test_topic_feed_lists_only_its_calls(client, seed):
    response = client.get(reverse("archive:topic-feed", args=["war-in-ukraine"]))

    assert _entries(response) == [seed.putin_call.title, seed.raisi_call.title]


def test_feed_of_an_unknown_leader_is_404(client, db):
    assert client.get(reverse("archive:leader-feed", args=["nobody"])).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "args", "feed"),
    [
        ("archive:home", [], "/calls/feed/"),
        ("archive:leader", ["vladimir-putin"], "/leaders/vladimir-putin/feed/"),
        ("archive:topic", ["drones"], "/topics/drones/feed/"),
    ],
)
def test_pages_advertise_their_feeds(client, seed, url_name, args, feed):
    content = client.get(reverse(url_name, args=args)).content.decode()

    assert 'type="application/atom+xml"' in content
    assert f'href="{feed}"' in content


def test_sitemap_index_names_every_section(client, seed):
    response = client.get(reverse("archive:sitemap"))

    root = ET.fromstring(response.content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert locations == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "calls", "leaders", "topics", "countries", "sources")
    ]


def test_sitemap_lists_every_call_permalink(client, seed):
    response = client.get(reverse("archive:sitemap-section", args=["calls"]))

    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert locations == {
        f"http://testserver{call.get_absolute_url()}" for call in Call.objects.all()
    }


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_facets(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /calls/?",
        "Disallow: /search/",
        "Disallow: /calls.csv",
        "Disallow: /calls.json",
        "Disallow: /admin/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_large_csv_exports_stream_in_chunks(client, db, django_assert_max_num_queries):
    for day in range(1, 6):
        CallFactory(date=datetime.date(2024, 1, day))

    with django_assert_max_num_queries(10):
        response = client.get(reverse("archive:calls-export", args=["csv"]))
        rows = _csv(response)

    assert len(rows) == 6
