"""The calls list: facets, chips, combined filters, periods, sorting, pagination."""

import contextlib
import datetime

import pytest
from django.db import OperationalError
from django.urls import reverse

from tests.factories import CallFactory, LeaderFactory

pytestmark = pytest.mark.django_db

URL = reverse("archive:calls")


def facet(response, name):
    return next(f for f in response.context["facets"] if f.name == name)


def counts(response, name):
    return {v.label: v.count for v in facet(response, name).values}


def listed(response):
    return [call.pk for call in response.context["calls"]]


def test_facets_count_over_the_whole_archive(client, seed):
    response = client.get(URL)

    assert response.status_code == 200
    assert counts(response, "leader") == {
        "Emmanuel Macron": 4,
        "Ebrahim Raisi": 2,
        "Vladimir Putin": 2,
    }
    assert counts(response, "country") == {"France": 4, "Iran": 2, "Russia": 2}
    assert counts(response, "topic") == {
        "War in Ukraine": 2,
        "Detained nationals": 1,
        "Drones": 1,
        "Nuclear programme": 1,
    }
    assert counts(response, "kind") == {"Phone call": 3, "Meeting": 1}
    assert counts(response, "year") == {"2025": 1, "2023": 1, "2022": 2}
    # Reuters reports the 2025 call, which mentions the 2022 one, and the 2023 call.
    assert counts(response, "publisher") == {"Reuters": 3, "Agence France-Presse": 2}


def test_facets_count_over_the_filtered_calls(client, seed):
    response = client.get(URL, {"leader": "ebrahim-raisi"})

    assert counts(response, "leader") == {"Ebrahim Raisi": 2, "Emmanuel Macron": 2}
    assert counts(response, "topic") == {
        "Detained nationals": 1,
        "Drones": 1,
        "Nuclear programme": 1,
        "War in Ukraine": 1,
    }
    assert counts(response, "kind") == {"Phone call": 1, "Meeting": 1}


def test_facet_value_toggles_keep_every_other_parameter(client, seed):
    response = client.get(URL, {"leader": "ebrahim-raisi", "kind": "phone", "page": "1"})

    leaders = {v.label: v for v in facet(response, "leader").values}
    assert leaders["Ebrahim Raisi"].selected is True
    assert leaders["Ebrahim Raisi"].toggle_url == f"{URL}?kind=phone"
    assert leaders["Emmanuel Macron"].selected is False
    assert leaders["Emmanuel Macron"].toggle_url == (
        f"{URL}?leader=ebrahim-raisi&leader=emmanuel-macron&kind=phone"
    )


def test_single_valued_facets_replace_their_value(client, seed):
    response = client.get(URL, {"year": "2022"})

    years = {v.label: v for v in facet(response, "year").values}
    assert list(years) == ["2022"]
    assert years["2022"].toggle_url == URL
    assert response.context["total"] == 2


def test_facets_are_truncated_after_fetching_one_more_than_they_show(client, db):
    for i in range(12):
        CallFactory(participants=[LeaderFactory(name=f"Head Number{i}"), LeaderFactory()])

    response = client.get(URL)

    leaders = facet(response, "leader")
    assert len(leaders.values) == 10
    assert leaders.truncated is True
    assert leaders.more_url == f"{URL}?more=leader"
    assert len(facet(client.get(leaders.more_url), "leader").values) == 24


def test_year_drills_down_to_months(client, seed):
    response = client.get(URL, {"year": "2022"})

    assert counts(response, "month") == {"September": 2}
    month = facet(response, "month").values[0]
    assert month.toggle_url == f"{URL}?year=2022&month=9"
    assert listed(client.get(month.toggle_url)) == [seed.putin_2022.pk, seed.raisi_meeting.pk]


def test_month_without_a_year_is_ignored_with_a_notice(client, seed):
    response = client.get(URL, {"month": "9"})

    assert response.context["total"] == 4
    assert response.context["notices"] == ["Month: a month needs a year; it was ignored."]


def test_leaders_combine_into_the_calls_between_them(client, seed):
    response = client.get(URL, {"leader": ["emmanuel-macron", "vladimir-putin"]})

    assert listed(response) == [seed.putin_call.pk, seed.putin_2022.pk]


def test_every_facet_filter_combines(client, seed):
    response = client.get(
        URL,
        {
            "country": "fr",
            "topic": "war-in-ukraine",
            "kind": "phone",
            "year": "2023",
            "publisher": "Reuters",
        },
    )

    assert listed(response) == [seed.raisi_call.pk]


def test_country_codes_are_read_in_either_case(client, seed):
    assert listed(client.get(URL, {"country": "IR"})) == listed(client.get(URL, {"country": "ir"}))
    assert len(listed(client.get(URL, {"country": "ir"}))) == 2


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ({"from": "2023", "to": "2023"}, ["raisi_call"]),
        ({"from": "2022-09", "to": "2022-09"}, ["putin_2022", "raisi_meeting"]),
        ({"from": "2022-09-21"}, ["putin_call", "raisi_call", "putin_2022"]),
        ({"to": "2022-09-21"}, ["raisi_meeting"]),
    ],
)
def test_a_period_narrows_by_date(client, seed, period, expected):
    response = client.get(URL, period)

    assert listed(response) == [getattr(seed, name).pk for name in expected]


def test_chips_show_each_filter_with_a_link_removing_only_it(client, seed):
    response = client.get(
        URL, {"leader": ["emmanuel-macron", "ebrahim-raisi"], "year": "2023", "q": "nuclear"}
    )

    chips = [(c.title, c.label, c.remove_url) for c in response.context["chips"]]
    assert chips == [
        (
            "Search",
            "nuclear",
            f"{URL}?leader=emmanuel-macron&leader=ebrahim-raisi&year=2023",
        ),
        ("Leader", "Emmanuel Macron", f"{URL}?leader=ebrahim-raisi&year=2023&q=nuclear"),
        ("Leader", "Ebrahim Raisi", f"{URL}?leader=emmanuel-macron&year=2023&q=nuclear"),
        (
            "Year",
            "2023",
            f"{URL}?leader=emmanuel-macron&leader=ebrahim-raisi&q=nuclear",
        ),
    ]
    assert 'aria-label="Remove filter Leader: Emmanuel Macron"' in response.content.decode()


def test_unknown_values_are_ignored_with_notices(client, seed):
    response = client.get(
        URL, {"leader": ["nobody", "emmanuel-macron"], "year": "abc", "from": "2023-13-01"}
    )

    assert response.status_code == 200
    assert response.context["total"] == 4
    assert response.context["notices"] == [
        "Year: Enter a whole number. It was ignored.",
        "From: “2023-13-01” is not a date in the calendar. It was ignored.",
        "Leader: nothing in the archive is called “nobody”.",
    ]
    assert [c.label for c in response.context["chips"]] == ["Emmanuel Macron"]


def test_an_empty_result_says_why_and_offers_to_widen(client, seed):
    response = client.get(URL, {"leader": ["ebrahim-raisi", "vladimir-putin"]})

    content = response.content.decode()
    assert response.context["total"] == 0
    assert "No call matches all of these filters together." in content
    widen = [(o["chip"].label, o["count"], o["chip"].remove_url) for o in response.context["widen"]]
    assert widen == [
        ("Ebrahim Raisi", 2, f"{URL}?leader=vladimir-putin"),
        ("Vladimir Putin", 2, f"{URL}?leader=ebrahim-raisi"),
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["putin_call", "raisi_call", "putin_2022", "raisi_meeting"]),
        ("oldest", ["raisi_meeting", "putin_2022", "raisi_call", "putin_call"]),
        ("longest", ["putin_call", "raisi_call", "raisi_meeting", "putin_2022"]),
        ("archived", ["raisi_meeting", "putin_2022", "putin_call", "raisi_call"]),
    ],
)
def test_sorting(client, seed, sort, expected):
    response = client.get(URL, {"sort": sort})

    assert listed(response) == [getattr(seed, name).pk for name in expected]
    assert response.context["sort"] == sort


def test_searching_sorts_by_relevance_and_offers_it(client, seed):
    response = client.get(URL, {"q": "raisi nuclear"})

    assert response.context["sort"] == "relevance"
    assert listed(response)[0] == seed.raisi_call.pk
    assert "relevance" in dict(response.context["sort_choices"])


def test_relevance_without_a_search_falls_back_to_newest(client, seed):
    response = client.get(URL, {"sort": "relevance"})

    assert response.context["sort"] == "newest"
    assert "relevance" not in dict(response.context["sort_choices"])


def test_search_results_show_highlighted_snippets(client, seed):
    response = client.get(URL, {"q": '"nuclear deal"', "leader": "emmanuel-macron"})

    assert listed(response) == [seed.raisi_call.pk]
    assert "<mark>" in response.content.decode()


def test_pagination_links_keep_the_filters(client, db):
    leader = LeaderFactory(slug="anne-exemple", name="Anne Exemple")
    for day in range(1, 31):
        CallFactory(date=datetime.date(2024, 1, day), participants=[leader, LeaderFactory()])

    response = client.get(URL, {"leader": "anne-exemple", "page": "2"})

    assert response.context["page"].number == 2
    assert len(listed(response)) == 5
    content = response.content.decode()
    assert 'href="?leader=anne-exemple&amp;page=1"' in content
    assert "showing 26–30" in content


def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client, seed):
    response = client.get(URL, {"page": str(10**9)})

    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert response.context["notices"] == [
        "There is no page 1,000,000,000; showing the last page, 1."
    ]


def test_the_search_page_lists_matching_sources_too(client, seed):
    response = client.get(reverse("archive:search"), {"q": "kremlin"})

    assert [s.pk for s in response.context["sources"]] == [seed.putin_source.pk]
    assert listed(response) == [seed.putin_call.pk]


def test_the_search_page_without_a_query_explains_the_syntax(client, seed):
    response = client.get(reverse("archive:search"))

    assert response.status_code == 200
    assert "How to search" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"leader": "emmanuel-macron"},
        {"leader": "emmanuel-macron", "year": "2023"},
        {"country": "ir", "kind": "phone"},
        {"q": "ukraine", "leader": "vladimir-putin"},
    ],
)
def test_a_filter_gives_the_same_page_whether_its_calls_are_listed_or_not(
    client, seed, monkeypatch, query
):
    """Filtered calls are read once as a list of ids when they are few (archive.idlists);
    past the limit each query filters for itself. Both must show the same page."""
    listed_page = client.get(URL, query)
    monkeypatch.setattr("archive.idlists.MAX_LISTED", 0)
    filtered_page = client.get(URL, query)

    assert listed_page.context["total"] == filtered_page.context["total"] > 0
    assert listed(listed_page) == listed(filtered_page)
    for name in ("leader", "country", "topic", "kind", "year", "publisher"):
        assert counts(listed_page, name) == counts(filtered_page, name), name


@pytest.fixture
def bitmaps_unread(monkeypatch):
    """A large archive whose facet bitmaps are not read yet, and not in time for the page
    (archive.facet_bitmaps): its counts are estimated from a sample."""
    monkeypatch.setattr("archive.facet_bitmaps.READ_INLINE", -1)
    monkeypatch.setattr("archive.facets.BITMAPS_WAIT_MS", 0)


def test_facets_of_many_calls_are_counted_exactly(client, seed, monkeypatch):
    exact = client.get(URL, {"leader": "emmanuel-macron"})
    # Past SAMPLE_SIZE calls, facets are counted from every facet value's calls as bitmaps.
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 2)
    many = client.get(URL, {"leader": "emmanuel-macron"})

    assert exact.context["total"] == many.context["total"] == 4
    assert "facet_sample" not in many.context
    for name in ("leader", "country", "topic", "kind", "year", "publisher"):
        assert not facet(many, name).estimated
        assert counts(many, name) == counts(exact, name), name
    assert "≈" not in many.content.decode()


def test_facets_are_estimated_from_a_sample_only_while_the_bitmaps_are_unread(
    client, seed, monkeypatch, bitmaps_unread
):
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 4)
    exact = client.get(URL, {"leader": "emmanuel-macron"})
    # Past SAMPLE_SIZE calls, without the bitmaps, facets are estimated from an even sample.
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 3)
    estimated = client.get(URL, {"leader": "emmanuel-macron"})

    assert exact.context["total"] == estimated.context["total"] == 4
    assert "facet_sample" not in exact.context
    assert estimated.context["facet_sample"] == 2  # every second of the four
    for name in ("leader", "country", "topic", "kind", "year", "publisher"):
        assert facet(estimated, name).estimated
        assert not facet(exact, name).estimated
    html = estimated.content.decode()
    assert "estimated from an even sample of 2 calls" in html
    assert "≈" in html
    assert "≈" not in exact.content.decode()


@pytest.mark.parametrize("listed_limit", [0, 20_000])
def test_a_sampled_page_shows_the_same_calls_with_ids_handed_on_or_not(
    client, seed, monkeypatch, listed_limit, bitmaps_unread
):
    """Whether the calls' ids are handed on or each query filters (MAX_LISTED), a page whose
    facets are sampled lists the same calls, and a selected value counts them all."""
    exact = client.get(URL, {"leader": "emmanuel-macron"})
    monkeypatch.setattr("archive.idlists.MAX_LISTED", listed_limit)
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 2)
    sampled = client.get(URL, {"leader": "emmanuel-macron"})

    assert sampled.context["total"] == exact.context["total"] == 4
    assert listed(sampled) == listed(exact)
    assert counts(sampled, "leader")["Emmanuel Macron"] == 4


def test_an_estimate_scales_the_sample_up_to_every_call(client, seed, monkeypatch, bitmaps_unread):
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 2)

    response = client.get(URL, {"leader": "emmanuel-macron"})

    assert response.context["facet_sample"] == 2
    assert response.context["total"] == 4
    # Each sampled call stands for two: every kind's estimate is even, and they add up.
    kinds = counts(response, "kind")
    assert all(n % 2 == 0 for n in kinds.values())
    assert sum(kinds.values()) == 4
    # The selected leader is not estimated: every call has it.
    assert counts(response, "leader")["Emmanuel Macron"] == 4


def test_counts_that_take_too_long_are_reported_not_fatal(client, seed, monkeypatch):
    @contextlib.contextmanager
    def interrupted(milliseconds):
        raise OperationalError("interrupted")  # as SQLite's progress handler does
        yield

    monkeypatch.setattr("archive.facets.time_limit", interrupted)
    response = client.get(URL, {"leader": "emmanuel-macron"})

    assert response.status_code == 200
    assert response.context["total"] == 4
    assert all(f.timed_out for f in response.context["facets"])
    assert "These counts took too long and were skipped." in response.content.decode()
    # The selected leader still shows, with the exact total.
    assert counts(response, "leader") == {"Emmanuel Macron": 4}
