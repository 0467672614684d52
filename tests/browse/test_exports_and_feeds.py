"""Exports of any list exactly as filtered, Atom feeds, sitemap.xml and robots.txt."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from archive.models import Call
from archive.serialization import CSV_COLUMNS
from tests.atom import atom_problems
from tests.factories import CallFactory
from tests.shapes import expected_shape

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://testserver"


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
    response = client.get(reverse("archive:calls-export", args=["csv"]), {"q": "raisi nuclear"})

    assert [int(row[0]) for row in _csv(response)[1:]] == [seed.raisi_call.pk]


def test_json_export_has_count_filters_and_calls_in_the_export_shape(client, seed):
    response = client.get(
        reverse("archive:calls-export", args=["json"]), {"country": "ru", "sort": "oldest"}
    )

    data = json.loads(b"".join(response.streaming_content))
    by_pk = {call.pk: expected_shape(call, SITE) for call in (seed.putin_2022, seed.putin_call)}
    assert data == {
        "count": 2,
        "filters": {"country": ["ru"], "sort": ["oldest"]},
        "calls": [by_pk[seed.putin_2022.pk], by_pk[seed.putin_call.pk]],
    }


def test_json_export_of_nothing_is_an_empty_list(client, db):
    response = client.get(reverse("archive:calls-export", args=["json"]))

    assert json.loads(b"".join(response.streaming_content)) == {
        "count": 0,
        "filters": {},
        "calls": [],
    }


REFUSED = [
    ({"leader": "nobody"}, "Leader: nothing in the archive is called “nobody”."),
    ({"topic": "no-such-topic"}, "Topic: nothing in the archive is called “no-such-topic”."),
    ({"country": "zz"}, "Country: nothing in the archive is called “ZZ”."),
    ({"country": "xyz"}, "Country: “xyz” is not a valid value."),
    ({"year": "abc"}, "Year: Enter a whole number."),
    ({"month": "3"}, "Month: a month needs a year."),
    ({"from": "2020-13"}, "From: “2020-13” is not a date in the calendar."),
    (
        {"kind": "telegram"},
        "Kind: Select a valid choice. telegram is not one of the available choices.",
    ),
    (
        {"sort": "random"},
        "Sort: Select a valid choice. random is not one of the available choices.",
    ),
    ({"leadr": "emmanuel-macron"}, "“leadr” is not a filter; the filters are"),
    ({"page": "2"}, "page: an export has no pages; it holds every matching call."),
]


@pytest.mark.parametrize(("params", "reason"), REFUSED)
def test_an_export_refuses_a_filter_it_cannot_apply_saying_why(client, seed, params, reason):
    """calls.csv?leader=nobody gave the whole archive: a filter it cannot apply is a 400."""
    csv_response = client.get(reverse("archive:calls-export", args=["csv"]), params)
    json_response = client.get(reverse("archive:calls-export", args=["json"]), params)

    assert csv_response.status_code == 400
    assert csv_response["Content-Type"] == "text/plain; charset=utf-8"
    assert reason in csv_response.content.decode()
    assert json_response.status_code == 400
    body = json.loads(json_response.content)
    assert body["error"] == "The archive cannot export these calls as asked."
    assert any(line.startswith(reason) for line in body["reasons"])


@pytest.mark.parametrize(("params", "reason"), REFUSED[:-1])
def test_the_feed_refuses_a_filter_it_cannot_apply_saying_why(client, seed, params, reason):
    response = client.get(reverse("archive:feed"), params)

    assert response.status_code == 400
    assert reason in response.content.decode()


def test_an_export_with_a_valid_value_of_every_filter_is_a_file(client, seed):
    params = {
        "q": "nuclear",
        "leader": "emmanuel-macron",
        "country": "ir",
        "topic": "nuclear-programme",
        "kind": "phone",
        "year": "2023",
        "month": "6",
        "from": "2023-01",
        "to": "2023",
        "publisher": "Reuters",
        "sort": "oldest",
    }

    response = client.get(reverse("archive:calls-export", args=["csv"]), params)

    assert response.status_code == 200
    assert [int(row[0]) for row in _csv(response)[1:]] == [seed.raisi_call.pk]


def test_the_list_page_keeps_its_notice_for_what_an_export_refuses(client, seed):
    response = client.get(reverse("archive:calls"), {"leader": "nobody"})

    assert response.status_code == 200
    assert "nothing in the archive is called “nobody”" in response.content.decode()


def test_csv_export_reads_as_a_spreadsheet_with_permalinks_and_named_sources(client, seed):
    response = client.get(
        reverse("archive:calls-export", args=["csv"]), {"leader": "ebrahim-raisi"}
    )

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    raisi = next(row for row in rows if row["id"] == str(seed.raisi_call.pk))
    assert raisi["url"] == SITE + seed.raisi_call.get_absolute_url()
    assert raisi["sources"].splitlines() == [
        "Macron and Raisi discuss nuclear programme by phone",
        "France's Macron presses Iran's Raisi on detained nationals",
    ]
    assert raisi["source_publishers"].splitlines() == ["Agence France-Presse", "Reuters"]
    assert raisi["source_urls"].split("\n") == ["https://example.org/afp/macron-raisi", ""]
    assert raisi["source_permalinks"].splitlines() == [
        SITE + seed.raisi_source.get_absolute_url(),
        SITE + seed.reuters_source.get_absolute_url(),
    ]
    # Never the files the sources were imported from.
    assert not any(".txt" in value for row in rows for value in row.values())


def test_one_calls_json_gives_absolute_permalinks(client, seed):
    response = client.get(reverse("archive:call-data", args=[seed.raisi_call.pk, "json"]))

    data = json.loads(response.content)
    assert data["url"] == SITE + seed.raisi_call.get_absolute_url()
    assert data["sources"][0] == {
        "title": "Macron and Raisi discuss nuclear programme by phone",
        "publisher": "Agence France-Presse",
        "published": "2023-06-10",
        "url": "https://example.org/afp/macron-raisi",
        "permalink": SITE + seed.raisi_source.get_absolute_url(),
        "role": "main",
    }


def test_the_lists_export_links_carry_its_filters_and_nothing_an_export_refuses(client, seed):
    params = {"leader": "vladimir-putin", "page": "1", "more": "topic", "fq": "nu", "fpage": "2"}

    response = client.get(reverse("archive:calls"), params)

    # The list's own links (the footer's are to the whole archive).
    links = re.findall(r'href="(/calls\.(?:csv|json)\?[^"]*)"', response.content.decode())
    assert links == ["/calls.csv?leader=vladimir-putin", "/calls.json?leader=vladimir-putin"]
    assert all(client.get(link.replace("&amp;", "&")).status_code == 200 for link in links)


def test_exports_are_linked_from_the_list_with_its_filters(client, seed):
    content = client.get(reverse("archive:calls"), {"leader": "vladimir-putin", "page": "1"})

    assert 'href="/calls.csv?leader=vladimir-putin"' in content.content.decode()


def _entries(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_feed_lists_calls_in_the_order_they_last_changed(client, seed):
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


def test_the_feed_takes_the_lists_filters(client, seed):
    response = client.get(reverse("archive:feed"), {"leader": "vladimir-putin", "year": "2025"})

    root = ET.fromstring(response.content)
    assert _entries(response) == [seed.putin_call.title]
    assert root.find(f"{ATOM}title").text == ("Diplo: calls with leader Vladimir Putin; year 2025")
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{SITE}/calls/feed/?leader=vladimir-putin&year=2025"


@pytest.mark.parametrize("url_name", ["archive:leader-feed", "archive:topic-feed"])
def test_a_records_feed_refuses_parameters(client, seed, url_name):
    slug = "vladimir-putin" if url_name == "archive:leader-feed" else "drones"

    response = client.get(reverse(url_name, args=[slug]), {"year": "2023"})

    assert response.status_code == 400
    assert "This feed takes no parameters" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "args", "params"),
    [
        ("archive:feed", [], {}),
        ("archive:feed", [], {"topic": "drones", "q": "nuclear"}),
        ("archive:leader-feed", ["ebrahim-raisi"], {}),
        ("archive:topic-feed", ["war-in-ukraine"], {}),
        ("archive:topic-feed", ["drones"], {}),
    ],
)
def test_every_feed_is_valid_atom(client, seed, url_name, args, params):
    """RFC 4287 asks for an atom:author (4.1.1): the feeds had none. Diplo offers Atom
    only (no RSS)."""
    response = client.get(reverse(url_name, args=args), params)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_problems(response.content) == []
    author = ET.fromstring(response.content).find(f"{ATOM}author")
    assert author.find(f"{ATOM}name").text == "Diplo"
    assert author.find(f"{ATOM}uri").text == f"{SITE}/"


def test_the_feed_of_an_empty_archive_is_valid_atom(client, db):
    response = client.get(reverse("archive:feed"))

    assert atom_problems(response.content) == []
    assert _entries(response) == []


def test_the_atom_checker_finds_what_rfc_4287_forbids():
    document = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        b"<updated>yesterday</updated><entry><title>e</title><id>/calls/1/</id>"
        b"<updated>2024-01-01T00:00:00Z</updated><summary type='text'>s</summary></entry></feed>"
    )

    assert atom_problems(document) == [
        "feed: needs exactly one atom:id",
        "feed: atom:updated 'yesterday' is not RFC 3339",
        "feed: no atom:link rel='self' (4.1.1 SHOULD)",
        "entry 1: atom:id '/calls/1/' is not an absolute IRI",
        "entry 1: no atom:author, and the feed names none",
        "entry 1: no atom:content and no alternate link",
    ]


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
        for section in ("pages", "calls", "leaders", "pairs", "topics", "countries", "sources")
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
        "Disallow: /selection",
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
