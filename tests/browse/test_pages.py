"""Home, leader, topic, country and source pages."""

import datetime

import pytest
from django.urls import reverse

from archive.merging import merge_leaders
from archive.models import Call, LeaderRedirect
from tests.factories import CallFactory, CountryFactory, LeaderFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_home_shows_counts_latest_calls_timeline_and_most_active(client, seed):
    response = client.get(reverse("archive:home"))

    context = response.context
    assert context["counts"] == {
        "calls": 4,
        "leaders": 3,
        "countries": 3,
        "topics": 4,
        "sources": 3,
    }
    assert [c.pk for c in context["latest"]] == [
        seed.putin_call.pk,
        seed.raisi_call.pk,
        seed.putin_2022.pk,
        seed.raisi_meeting.pk,
    ]
    assert [(row.obj.name, row.count) for row in context["leaders"]] == [
        ("Emmanuel Macron", 4),
        ("Ebrahim Raisi", 2),
        ("Vladimir Putin", 2),
    ]
    assert [(row.obj.name, row.count) for row in context["topics"]] == [
        ("War in Ukraine", 2),
        # Equal counts by name, as the calls list's facets order them.
        ("Detained nationals", 1),
        ("Drones", 1),
        ("Nuclear programme", 1),
    ]
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in response.content.decode()
    assert context["timeline"].years == [(2022, 2), (2023, 1), (2025, 1)]
    assert 'action="/search/"' in response.content.decode()


def test_home_counts_the_leaders_countries_and_topics_that_have_calls(client, seed):
    # The reference lists hold more than the archive's calls involve.
    LeaderFactory(country=CountryFactory())
    TopicFactory()

    response = client.get(reverse("archive:home"))

    counts = response.context["counts"]
    assert (counts["leaders"], counts["countries"], counts["topics"]) == (3, 3, 4)
    content = response.content.decode()
    for label in ("Calls archived", "Leaders with calls", "Countries with calls"):
        assert f"<dt>{label}</dt>" in content


def test_home_of_an_empty_archive(client, db):
    response = client.get(reverse("archive:home"))

    assert response.status_code == 200
    assert not response.context["timeline"]
    assert "<svg" not in response.content.decode()


def test_leader_page_shows_counterparts_topics_timeline_and_calls(client, seed):
    response = client.get(seed.macron.get_absolute_url())

    context = response.context
    assert [(row.obj.name, row.count) for row in context["counterparts"]] == [
        ("Ebrahim Raisi", 2),
        ("Vladimir Putin", 2),
    ]
    assert [(row.obj.name, row.count) for row in context["topics"]] == [
        ("War in Ukraine", 2),
        # Equal counts by name, as the calls list's facets order them.
        ("Detained nationals", 1),
        ("Drones", 1),
        ("Nuclear programme", 1),
    ]
    assert [c.pk for c in context["page"]] == [
        seed.putin_call.pk,
        seed.raisi_call.pk,
        seed.putin_2022.pk,
        seed.raisi_meeting.pk,
    ]
    content = response.content.decode()
    assert '<title id="network-title">Counterparts of Emmanuel Macron</title>' in content
    assert 'href="/calls/?leader=emmanuel-macron&amp;leader=ebrahim-raisi"' in content


def test_merged_leader_slug_redirects_to_the_survivor(client, seed):
    duplicate = LeaderFactory(name="E. Macron", slug="e-macron", country=seed.france)
    merge_leaders(seed.macron, duplicate)
    assert LeaderRedirect.objects.filter(old_slug="e-macron").exists()

    response = client.get(reverse("archive:leader", args=["e-macron"]))

    assert response.status_code == 301
    assert response["Location"] == seed.macron.get_absolute_url()


def test_unknown_leader_is_404(client, db):
    assert client.get(reverse("archive:leader", args=["nobody"])).status_code == 404


def test_leader_list_sorts_by_calls_or_name(client, seed):
    by_calls = client.get(reverse("archive:leaders"))
    by_name = client.get(reverse("archive:leaders"), {"sort": "name"})

    assert [leader.name for leader in by_calls.context["page"]] == [
        "Emmanuel Macron",
        "Ebrahim Raisi",
        "Vladimir Putin",
    ]
    assert [leader.name for leader in by_name.context["page"]] == [
        "Ebrahim Raisi",
        "Emmanuel Macron",
        "Vladimir Putin",
    ]


def test_topic_page_shows_its_calls_and_leaders(client, seed):
    response = client.get(seed.ukraine.get_absolute_url())

    assert [c.pk for c in response.context["page"]] == [seed.putin_call.pk, seed.raisi_call.pk]
    assert [(r.obj.name, r.count) for r in response.context["leaders"]] == [
        ("Emmanuel Macron", 2),
        ("Ebrahim Raisi", 1),
        ("Vladimir Putin", 1),
    ]


def test_topic_list_nests_subtopics(client, seed):
    TopicFactory(name="Enrichment", slug="enrichment", parent=seed.nuclear)

    response = client.get(reverse("archive:topics"))

    tree = {topic.name: [c.name for c in children] for topic, children in response.context["tree"]}
    assert tree["Nuclear programme"] == ["Enrichment"]
    assert "Enrichment" not in tree


def test_country_page_shows_its_leaders_counterparts_and_calls(client, seed):
    response = client.get(reverse("archive:country", args=["ir"]))

    assert [c.pk for c in response.context["page"]] == [seed.raisi_call.pk, seed.raisi_meeting.pk]
    assert [(r.obj.name, r.count) for r in response.context["counterparts"]] == [("France", 2)]
    assert [leader.name for leader in response.context["leaders"]] == ["Ebrahim Raisi"]


def test_country_code_in_capitals_redirects_to_lower_case(client, seed):
    response = client.get("/countries/IR/")

    assert response.status_code == 301
    assert response["Location"] == "/countries/ir/"


@pytest.mark.parametrize("code", ["xx", "iran", "i1", "%00"])
def test_unknown_or_malformed_country_is_404(client, seed, code):
    assert client.get(f"/countries/{code}/").status_code == 404


def test_source_page_highlights_the_evidence_and_links_it_to_calls(client, seed):
    response = client.get(seed.raisi_source.get_absolute_url())

    content = response.content.decode()
    highlighted = [
        (segment.text, [e.call.pk for e in segment.evidence])
        for segment in response.context["segments"]
        if segment.evidence
    ]
    assert highlighted == [
        ("spoke by phone on Saturday for 90 minutes", [seed.raisi_call.pk]),
        ("Macron initiated the call.", [seed.raisi_call.pk]),
        ("Macron and Raisi last met in New York in September 2022.", [seed.raisi_meeting.pk]),
    ]
    assert "".join(s.text for s in response.context["segments"]) == seed.raisi_source.body
    assert f'<a href="{seed.raisi_meeting.get_absolute_url()}"' in content
    start = seed.raisi_source.body.index("Macron initiated the call.")
    assert f'id="at-{start}"' in content
    assert [r.role for r in response.context["reports"]] == ["background", "main"]


def test_source_list_searches_titles_and_text(client, seed):
    response = client.get(reverse("archive:sources"), {"q": "kremlin"})

    assert [s.pk for s in response.context["page"]] == [seed.putin_source.pk]
    assert "<mark>" in response.content.decode()


def test_source_list_filters_by_publisher(client, seed):
    response = client.get(reverse("archive:sources"), {"publisher": "Reuters"})

    assert {s.pk for s in response.context["page"]} == {
        seed.reuters_source.pk,
        seed.putin_source.pk,
    }


def test_unknown_source_is_404(client, db):
    response = client.get(reverse("archive:source", args=[424242]))

    assert response.status_code == 404
    assert "There is no source number 424242 in the archive." in response.content.decode()


def test_every_page_has_landmarks_and_a_skip_link(client, seed):
    for url in ["/", "/calls/", seed.raisi_call.get_absolute_url(), "/leaders/", "/sources/"]:
        content = client.get(url).content.decode()
        assert '<a class="skip" href="#main">' in content
        assert '<main id="main"' in content
        assert '<nav class="site-nav" aria-label="Main">' in content
        assert "<footer" in content


def test_posting_to_a_page_is_refused(client, db):
    assert client.post(reverse("archive:calls")).status_code == 405


@pytest.fixture
def busy_and_rare(db):
    """31 calls: 30 of a busy leader about one topic, with a partner each, and one of a rare
    leader. The busy leader's calls are read by walking the archive newest first (they are
    most of it), the rare one's by id (archive.views.queries._listable)."""
    busy = LeaderFactory(country=CountryFactory(code="BZ"))
    rare = LeaderFactory(country=CountryFactory(code="RR"))
    topic = TopicFactory()
    start = datetime.date(2020, 1, 1)
    for day in range(30):
        CallFactory(
            participants=[busy, LeaderFactory()],
            topics=[topic],
            date=start + datetime.timedelta(days=day),
        )
    CallFactory(participants=[rare, busy], date=start - datetime.timedelta(days=1))
    return busy, rare, topic


@pytest.mark.parametrize("page", ["leader", "rare leader", "topic", "country", "rare country"])
def test_a_pages_calls_are_listed_newest_first_however_many(client, busy_and_rare, page):
    busy, rare, topic = busy_and_rare
    url, expected = {
        "leader": (busy.get_absolute_url(), Call.objects.filter(participations__leader=busy)),
        "rare leader": (rare.get_absolute_url(), Call.objects.filter(participations__leader=rare)),
        "topic": (topic.get_absolute_url(), Call.objects.filter(topics=topic)),
        "country": ("/countries/bz/", Call.objects.filter(participations__leader=busy)),
        "rare country": ("/countries/rr/", Call.objects.filter(participations__leader=rare)),
    }[page]
    newest_first = list(expected.order_by("-date", "-id").values_list("pk", flat=True))

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert first.context["page"].paginator.count == len(newest_first)
    listed = [c.pk for c in first.context["page"]] + [c.pk for c in second.context["page"]]
    assert listed == newest_first if len(newest_first) > 25 else newest_first + newest_first


def test_counts_of_many_calls_are_exact(client, busy_and_rare, monkeypatch):
    busy, _rare, topic = busy_and_rare
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 10)

    response = client.get(busy.get_absolute_url())

    assert "≈" not in response.content.decode()
    assert [(row.obj, row.count) for row in response.context["topics"]] == [(topic, 30)]
    assert "estimated" not in response.context["timeline"].title


def test_counts_of_many_calls_are_estimated_while_the_bitmaps_are_unread(
    client, busy_and_rare, monkeypatch
):
    busy, rare, topic = busy_and_rare
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 10)
    monkeypatch.setattr("archive.facet_bitmaps.READ_INLINE", -1)
    monkeypatch.setattr("archive.facets.BITMAPS_WAIT_MS", 0)

    response = client.get(busy.get_absolute_url())

    content = response.content.decode()
    # Every 4th of the 31 ids: 8 of them.
    assert "Counts marked ≈ are estimated from an even sample of 8 calls of these 31 calls" in (
        content
    )
    # The busy leader is in every call: the one topic, in 30 of 31, is estimated from them.
    assert [(row.obj, row.count) for row in response.context["topics"]] == [(topic, 31)]
    assert "≈&#8239;31</span>" in content
    assert "(estimated from a sample)" in response.context["timeline"].title
    exact = client.get(rare.get_absolute_url())  # one call: counted, not estimated
    assert "≈" not in exact.content.decode()
    assert "estimated" not in exact.context["timeline"].title
