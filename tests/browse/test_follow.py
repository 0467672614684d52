"""Following a question: every list, search, leader, topic and country page links to the
Atom feed of exactly its calls, new and changed, the most recently changed first."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from archive import feeds, search
from archive.models import Call
from tests.atom import atom_problems
from tests.factories import CallFactory, LeaderFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "http://testserver"


class _Links(HTMLParser):
    """The page's <link rel="alternate" type="application/atom+xml"> and its visible
    "Follow (Atom feed)" links, as (href, title or text)."""

    def __init__(self):
        super().__init__()
        self.alternates: list[tuple[str, str]] = []
        self.follows: list[str] = []
        self._open: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        is_feed = attrs.get("type") == "application/atom+xml"
        if tag == "link" and attrs.get("rel") == "alternate" and is_feed:
            self.alternates.append((attrs["href"], attrs.get("title", "")))
        if tag == "a":
            self._open, self._text = attrs.get("href"), ""

    def handle_data(self, data):
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            if self._text.strip() == "Follow (Atom feed)":
                self.follows.append(self._open)
            self._open = None


def _links(response) -> _Links:
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


def _feed_ids(response) -> list[int]:
    root = ET.fromstring(response.content)
    ids = []
    for entry in root.iter(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        ids.append(int(re.search(r"/calls/(\d+)/", href).group(1)))
    return ids


def _list_ids(client, params) -> set[int]:
    response = client.get(reverse("archive:calls-export", args=["json"]), params)
    assert response.status_code == 200
    return {call["id"] for call in json.loads(b"".join(response.streaming_content))["calls"]}


FILTERS = [
    {"q": "nuclear"},
    {"q": "ukraine", "leader": "vladimir-putin"},
    {"q": "putin or raisi", "year": "2022"},
    {"q": "macron -nuclear"},
    {"leader": ["emmanuel-macron", "ebrahim-raisi"]},
    {"country": "ru"},
    {"topic": "war-in-ukraine", "kind": "phone"},
    {"publisher": "Reuters"},
    {"year": "2022", "month": "9"},
    {"from": "2023", "to": "2025-06"},
    {"q": "nothing-matches-this"},
]


@pytest.mark.parametrize("params", FILTERS)
def test_a_filtered_feed_holds_exactly_the_lists_calls(client, seed, params):
    response = client.get(reverse("archive:feed"), params)

    assert response.status_code == 200
    assert atom_problems(response.content) == []
    ids = _feed_ids(response)
    assert len(ids) == len(set(ids))
    assert set(ids) == _list_ids(client, params)


def test_the_feed_is_the_lists_most_recently_changed_calls_up_to_its_size(
    client, seed, monkeypatch
):
    monkeypatch.setattr(feeds, "ENTRIES", 2)
    Call.objects.filter(pk=seed.raisi_call.pk).update(
        updated_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    )
    Call.objects.filter(pk=seed.putin_2022.pk).update(
        updated_at=datetime.datetime(2029, 1, 1, tzinfo=datetime.UTC)
    )

    response = client.get(reverse("archive:feed"), {"leader": "emmanuel-macron"})

    assert _feed_ids(response) == [seed.raisi_call.pk, seed.putin_2022.pk]


def test_a_changed_call_comes_first_with_its_change_as_updated(client, seed):
    oldest = Call.objects.order_by("created_at", "id").first()
    oldest.summary = "A corrected summary."
    oldest.save()

    response = client.get(reverse("archive:feed"))

    root = ET.fromstring(response.content)
    first = next(root.iter(f"{ATOM}entry"))
    assert _feed_ids(response)[0] == oldest.pk
    assert first.find(f"{ATOM}updated").text > first.find(f"{ATOM}published").text
    assert root.find(f"{ATOM}updated").text == first.find(f"{ATOM}updated").text


def test_the_feeds_title_says_what_it_follows_and_its_self_link_keeps_the_question(client, seed):
    params = {"q": "nuclear", "leader": "emmanuel-macron", "year": "2023"}

    response = client.get(reverse("archive:feed"), params)

    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}title").text == (
        "Diplo: calls matching “nuclear” with leader Emmanuel Macron; year 2023"
    )
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == f"{SITE}/calls/feed/?q=nuclear&leader=emmanuel-macron&year=2023"
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == f"{SITE}/calls/?q=nuclear&leader=emmanuel-macron&year=2023"


def test_the_feed_of_everything_says_so(client, seed):
    root = ET.fromstring(client.get(reverse("archive:feed")).content)

    assert root.find(f"{ATOM}title").text == "Diplo: new and changed calls"


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"q": "nuclear", "leadr": "x"}, "“leadr” is not a filter"),
        ({"q": "nuclear", "page": "2"}, "page: an export has no pages"),
        ({"q": "nuclear", "leader": "nobody"}, "nothing in the archive is called “nobody”"),
    ],
)
def test_a_followed_search_never_widens(client, seed, params, reason):
    response = client.get(reverse("archive:feed"), params)

    assert response.status_code == 400
    assert reason in response.content.decode()


def test_the_calls_list_links_to_the_feed_of_its_filters_without_page_or_order(client, seed):
    params = {
        "leader": "vladimir-putin",
        "year": "2025",
        "sort": "oldest",
        "page": "1",
        "more": "topic",
        "fq": "uk",
    }

    response = client.get(reverse("archive:calls"), params)

    links = _links(response)
    expected = "/calls/feed/?leader=vladimir-putin&year=2025"
    assert links.alternates == [(expected, "Diplo: calls with leader Vladimir Putin; year 2025")]
    assert links.follows == [expected]
    followed = client.get(expected)
    assert _feed_ids(followed) == [seed.putin_call.pk]


def test_the_search_page_links_to_the_feed_of_its_search(client, seed):
    response = client.get(reverse("archive:search"), {"q": "nuclear", "topic": "drones"})

    links = _links(response)
    expected = "/calls/feed/?q=nuclear&topic=drones"
    assert links.alternates == [(expected, "Diplo: calls matching “nuclear” with topic Drones")]
    assert links.follows == [expected]
    assert _feed_ids(client.get(expected)) == [seed.raisi_call.pk]


def test_a_search_with_no_result_can_be_followed(client, seed):
    response = client.get(reverse("archive:calls"), {"q": "ceasefire"})

    assert _links(response).follows == ["/calls/feed/?q=ceasefire"]
    followed = client.get("/calls/feed/?q=ceasefire")
    assert followed.status_code == 200
    assert _feed_ids(followed) == []


def test_the_unfiltered_list_follows_every_call(client, seed):
    links = _links(client.get(reverse("archive:calls")))

    assert links.alternates == [("/calls/feed/", "Diplo: new and changed calls")]
    assert links.follows == ["/calls/feed/"]


def test_the_follow_link_leaves_out_what_the_list_ignored(client, seed):
    """The list shows the calls of 2025 with a notice about "nobody": its feed follows the
    calls it shows (a feed given "nobody" would refuse it)."""
    response = client.get(reverse("archive:calls"), {"leader": "nobody", "year": "2025"})

    assert _links(response).follows == ["/calls/feed/?year=2025"]
    assert client.get("/calls/feed/?year=2025").status_code == 200


def test_a_search_of_too_many_terms_is_followed_by_the_terms_searched(client, seed):
    words = " ".join(f"word{n}" for n in range(search.MAX_TERMS + 5))

    response = client.get(reverse("archive:calls"), {"q": words})

    (follow,) = _links(response).follows
    followed = client.get(follow.replace("&amp;", "&"))
    assert followed.status_code == 200
    assert atom_problems(followed.content) == []


@pytest.mark.parametrize(
    ("url_name", "args", "feed", "title"),
    [
        (
            "archive:leader",
            ["vladimir-putin"],
            "/leaders/vladimir-putin/feed/",
            "Diplo: calls of Vladimir Putin",
        ),
        ("archive:topic", ["drones"], "/topics/drones/feed/", "Diplo: calls about Drones"),
        ("archive:country", ["ir"], "/countries/ir/feed/", "Diplo: calls of leaders of Iran"),
    ],
)
def test_record_pages_link_to_their_feed(client, seed, url_name, args, feed, title):
    response = client.get(reverse(url_name, args=args))

    links = _links(response)
    assert links.alternates == [(feed, title)]
    assert links.follows == [feed]
    followed = client.get(feed)
    assert ET.fromstring(followed.content).find(f"{ATOM}title").text == title


def test_a_countrys_feed_holds_its_leaders_calls(client, seed):
    response = client.get(reverse("archive:country-feed", args=["ir"]))

    assert response.status_code == 200
    assert atom_problems(response.content) == []
    assert set(_feed_ids(response)) == _list_ids(client, {"country": "ir"})
    assert set(_feed_ids(response)) == {seed.raisi_call.pk, seed.raisi_meeting.pk}


@pytest.mark.parametrize(("code", "status"), [("zz", 404), ("IR", 404), ("iran", 404)])
def test_a_country_feed_of_no_country_is_404(client, seed, code, status):
    assert client.get(f"/countries/{code}/feed/").status_code == status


def test_a_country_feed_refuses_parameters(client, seed):
    response = client.get(reverse("archive:country-feed", args=["ir"]), {"year": "2023"})

    assert response.status_code == 400
    assert "This feed takes no parameters" in response.content.decode()


def test_a_hostile_name_stays_text_in_the_follow_links_and_the_feed(client, seed):
    hostile = LeaderFactory(name='Evil"><script>alert(1)</script>', slug="evil")
    CallFactory(participants=[seed.macron, hostile])

    page = client.get(reverse("archive:calls"), {"leader": "evil"})
    feed = client.get(reverse("archive:feed"), {"leader": "evil"})

    assert "<script>alert(1)" not in page.content.decode()
    assert _links(page).alternates == [
        ("/calls/feed/?leader=evil", 'Diplo: calls with leader Evil"><script>alert(1)</script>')
    ]
    assert ET.fromstring(feed.content).find(f"{ATOM}title").text == (
        'Diplo: calls with leader Evil"><script>alert(1)</script>'
    )
    assert atom_problems(feed.content) == []


@pytest.mark.parametrize("n", [1, 3])
def test_followed_feeds_read_a_bounded_number_of_queries(
    client, many_calls, django_assert_max_num_queries, n
):
    calls = many_calls(n)
    topic = calls[0].topics.order_by("pk").first()
    country = calls[0].participations.first().leader.country

    # A search among the filters: on PostgreSQL, the lookups of the index and the reading
    # of the entries each run in a savepoint of their own kept to the index (seven queries
    # more than on SQLite). Each feed looks among the most recently changed calls first,
    # then among all of them when those hold too few (archive.feeds.newest_changed).
    with django_assert_max_num_queries(18):
        filtered = client.get(reverse("archive:feed"), {"topic": topic.slug, "q": "call"})
    # Its calls found from the facet values' bitmaps, read afresh in a test's transaction
    # after the archive's size (archive.facet_bitmaps): served, once a version.
    with django_assert_max_num_queries(9):
        by_country = client.get(reverse("archive:country-feed", args=[country.code.lower()]))

    assert filtered.status_code == 200
    assert by_country.status_code == 200
    assert len(_feed_ids(by_country)) >= 1


def test_the_newest_changed_calls_are_the_same_whether_found_among_the_recent_or_all(
    monkeypatch,
):
    calls = [CallFactory() for _ in range(8)]
    now = timezone.now()
    for age, call in enumerate(calls):  # calls[0] changed last
        Call.objects.filter(pk=call.pk).update(updated_at=now - datetime.timedelta(hours=age))
    wanted = Call.objects.filter(pk__in=[c.pk for c in calls[1::2]])  # 1, 3, 5, 7
    expected = [calls[1].pk, calls[3].pk]

    monkeypatch.setattr(feeds, "PROBE", 4)  # the 4 newest hold calls 1 and 3: enough
    assert feeds.newest_changed(wanted, 2) == expected
    monkeypatch.setattr(feeds, "PROBE", 2)  # the 2 newest hold only call 1: all are sorted
    assert feeds.newest_changed(wanted, 2) == expected
    assert feeds.newest_changed(wanted, 10) == [c.pk for c in calls[1::2]]
