"""Two leaders side by side (/leaders/<a>/and/<b>/): every call between them with the gaps
in words, the timeline, the topics per year, each side's statements; one address per pair,
a 404 for a pair who never spoke, and the links to it from call and leader pages."""

import datetime

import pytest
from django.urls import reverse

from archive import pairs, sitemaps
from archive.enums import DatePrecision
from archive.merging import merge_leaders
from archive.pairs import gap_words, months_between, span_words
from archive.views import pairs as pair_views
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

D = datetime.date
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR


# The wording of gaps: plain Python, no database.


@pytest.mark.parametrize(
    ("previous", "current", "words"),
    [
        (D(2024, 3, 4), D(2024, 3, 4), "the same day as the previous call"),
        (D(2024, 3, 4), D(2024, 3, 5), "the day after the previous call"),
        (D(2024, 3, 4), D(2024, 3, 7), "3 days after the previous call"),
        # Under two calendar months: counted in days.
        (D(2024, 1, 31), D(2024, 3, 30), "59 days after the previous call"),
        (D(2024, 1, 31), D(2024, 3, 31), "2 months after the previous call"),
        (D(2024, 1, 10), D(2024, 12, 9), "10 months after the previous call"),
        # A year or more: "first call in ...".
        (D(2024, 1, 10), D(2025, 1, 10), "first call in 1 year"),
        (D(2022, 9, 22), D(2025, 7, 1), "first call in 2 years and 9 months"),
        (D(2020, 2, 29), D(2023, 3, 1), "first call in 3 years"),
        (D(2010, 5, 1), D(2021, 6, 1), "first call in 11 years and 1 month"),
    ],
)
def test_gaps_between_days_are_in_days_months_or_years(previous, current, words):
    assert gap_words(previous, DAY, current, DAY) == words


@pytest.mark.parametrize(
    ("previous", "current", "words"),
    [
        ((D(2024, 3, 1), MONTH), (D(2024, 3, 20), DAY), "in the same month as the previous call"),
        ((D(2024, 3, 28), DAY), (D(2024, 4, 1), MONTH), "the month after the previous call"),
        ((D(2022, 9, 20), MONTH), (D(2023, 6, 10), DAY), "about 9 months after the previous call"),
        ((D(2020, 1, 1), MONTH), (D(2022, 10, 5), DAY), "first call in about 2 years and 9 months"),
        ((D(2020, 1, 1), YEAR), (D(2020, 12, 5), DAY), "in the same year as the previous call"),
        ((D(2020, 1, 1), YEAR), (D(2021, 2, 1), MONTH), "the year after the previous call"),
        ((D(2019, 6, 1), DAY), (D(2023, 1, 1), YEAR), "first call in about 4 years"),
    ],
)
def test_a_date_known_to_its_month_or_year_gives_an_approximate_gap(previous, current, words):
    assert gap_words(*previous, *current) == words


def test_months_between_counts_whole_calendar_months():
    assert months_between(D(2024, 3, 1), D(2024, 3, 31)) == 0
    assert months_between(D(2024, 3, 1), D(2024, 4, 1)) == 1
    assert months_between(D(2024, 3, 31), D(2024, 4, 30)) == 0
    assert months_between(D(2023, 12, 15), D(2025, 2, 15)) == 14


def test_span_words():
    assert [span_words(n) for n in (0, 1, 5, 12, 13, 24, 33)] == [
        "0 months",
        "1 month",
        "5 months",
        "1 year",
        "1 year and 1 month",
        "2 years",
        "2 years and 9 months",
    ]


# The page.

pytestmark_db = pytest.mark.django_db


def _url(a, b):
    return reverse("archive:leader-pair", kwargs={"slug": a, "other": b})


@pytestmark_db
def test_the_pair_page_lists_every_call_oldest_first_with_the_gap_before_each(client, seed):
    response = client.get(_url("emmanuel-macron", "vladimir-putin"))

    assert response.status_code == 200
    context = response.context
    assert [(row.pk, row.gap) for row in context["page"]] == [
        (seed.putin_2022.pk, "their first call in the archive"),
        (seed.putin_call.pk, "first call in 2 years and 9 months"),
    ]
    content = response.content.decode()
    assert '<p class="call-gap">First call in 2 years and 9 months</p>' in content
    assert "2 calls between them in the archive, from 22 September 2022 to 1 July 2025." in content
    assert (
        '<link rel="canonical" href="http://testserver/leaders/emmanuel-macron/and/vladimir-putin/">'
        in content
    )
    # The timeline of the pair, each bar leading to the calls of both in its month.
    assert (
        '<title id="timeline-title">Calls between Emmanuel Macron and Vladimir Putin per month'
        in content
    )
    assert (
        'href="/calls/?leader=emmanuel-macron&amp;leader=vladimir-putin&amp;year=2025&amp;month=7"'
        in content
    )
    assert 'href="/calls.csv?leader=emmanuel-macron&amp;leader=vladimir-putin"' in content


@pytestmark_db
def test_a_date_known_to_its_month_gives_an_approximate_gap_on_the_page(client, seed):
    response = client.get(_url("ebrahim-raisi", "emmanuel-macron"))

    assert [(row.pk, row.gap) for row in response.context["page"]] == [
        (seed.raisi_meeting.pk, "their first call in the archive"),
        (seed.raisi_call.pk, "about 9 months after the previous call"),
    ]
    content = response.content.decode()
    assert "from September 2022 to 10 June 2023" in content


@pytestmark_db
def test_topics_over_time_count_each_years_calls_per_topic(client, seed):
    CallFactory(date=D(2023, 11, 2), participants=[seed.macron, seed.raisi], topics=[seed.nuclear])

    response = client.get(_url("ebrahim-raisi", "emmanuel-macron"))

    rows = [(row.year, row.calls, row.topics) for row in response.context["topics"]]
    assert rows == [
        (2022, 1, []),
        (
            2023,
            2,
            [
                ("Nuclear programme", "nuclear-programme", 2),
                ("Detained nationals", "detained-nationals", 1),
                ("Drones", "drones", 1),
                ("War in Ukraine", "war-in-ukraine", 1),
            ],
        ),
    ]
    content = response.content.decode()
    assert (
        'href="/calls/?leader=ebrahim-raisi&amp;leader=emmanuel-macron&amp;year=2023'
        '&amp;topic=nuclear-programme">Nuclear programme <span class="count">(2)</span></a>'
    ) in content


@pytestmark_db
def test_each_side_s_statements_link_to_their_call_and_source(client, seed):
    response = client.get(_url("ebrahim-raisi", "emmanuel-macron"))

    sides = response.context["sides"]
    assert [side.leader for side in sides] == [seed.raisi, seed.macron]
    assert [[s.text for s in side.statements] for side in sides] == [
        ["The president called on France to respect the nuclear deal and to lift sanctions."],
        ["Macron urged Iran to return to its nuclear commitments."],
    ]
    content = response.content.decode()
    assert (
        f'on <a href="{seed.raisi_call.get_absolute_url()}">the call of 10 June 2023</a>, '
        f'in <a href="{seed.raisi_source.get_absolute_url()}">{seed.raisi_source}</a>'
    ) in content


@pytestmark_db
def test_a_side_s_statements_are_those_of_its_leader_or_its_country_alone(client, seed):
    # A statement of Iran's side with no leader is Raisi's side's; one of a third leader
    # (in a call of three) is neither side's.
    merkel = LeaderFactory(name="Angela Merkel", country=CountryFactory(code="DE", name="Germany"))
    call = CallFactory(date=D(2023, 9, 1), participants=[seed.macron, seed.raisi, merkel])
    StatementFactory(call=call, side_country=seed.iran, text="Tehran said it was ready.")
    StatementFactory(call=call, side_leader=merkel, text="Berlin urged restraint.")

    response = client.get(_url("ebrahim-raisi", "emmanuel-macron"))

    raisi, macron = response.context["sides"]
    assert [s.text for s in raisi.statements][-1] == "Tehran said it was ready."
    assert "Berlin urged restraint." not in [s.text for s in raisi.statements + macron.statements]


@pytestmark_db
def test_a_side_with_more_statements_than_shown_says_how_many_more(client, seed, monkeypatch):
    monkeypatch.setattr(pairs, "MAX_STATEMENTS", 1)
    StatementFactory(call=seed.raisi_call, side_leader=seed.macron, text="A second word.")
    StatementFactory(call=seed.raisi_call, side_leader=seed.macron, text="A third word.")

    response = client.get(_url("ebrahim-raisi", "emmanuel-macron"))

    macron = response.context["sides"][1]
    assert (len(macron.statements), macron.more) == (1, 2)
    assert "And 2 more statements in later calls" in response.content.decode()


@pytestmark_db
def test_a_call_of_three_leaders_counts_for_each_pair_of_them_and_says_so(client, seed):
    CallFactory(date=D(2024, 2, 1), participants=[seed.macron, seed.raisi, seed.putin])

    response = client.get(_url("ebrahim-raisi", "vladimir-putin"))

    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "1 call between them in the archive, on 1 February 2024, with other leaders too "
        "(every call both took part in counts)."
    ) in content
    assert "Ebrahim Raisi – Emmanuel Macron – Vladimir Putin" in content
    macron_putin = client.get(_url("emmanuel-macron", "vladimir-putin")).content.decode()
    assert "3 calls between them in the archive" in macron_putin
    assert "1 of them with other leaders too (every call both took part in counts)" in macron_putin


@pytestmark_db
def test_undated_calls_are_listed_apart_and_take_no_part_in_the_gaps(client, seed):
    undated = CallFactory(
        date=None, date_precision=DatePrecision.UNKNOWN, participants=[seed.macron, seed.putin]
    )

    response = client.get(_url("emmanuel-macron", "vladimir-putin"))

    context = response.context
    assert [row.pk for row in context["page"]] == [seed.putin_2022.pk, seed.putin_call.pk]
    assert context["page"][1].gap == "first call in 2 years and 9 months"
    assert [row.pk for row in context["undated"]] == [undated.pk]
    assert context["undated"][0].gap == ""
    content = response.content.decode()
    assert "3 calls between them in the archive" in content
    assert "1 call with no date is listed apart." in content
    assert '<h2 id="undated-heading">With no date</h2>' in content
    assert [(row.year, row.calls) for row in context["topics"]] == [(2022, 1), (2025, 1), (None, 1)]


@pytestmark_db
def test_an_inferred_date_is_shown_as_inferred(client, seed):
    CallFactory(
        date=D(2025, 7, 4),
        date_inferred="weekday counted from the page's date",
        participants=[seed.macron, seed.putin],
    )

    content = client.get(_url("emmanuel-macron", "vladimir-putin")).content.decode()

    assert '<time datetime="2025-07-04">4 July 2025</time> (inferred)' in content
    assert '<time datetime="2025-07-01">1 July 2025</time> ·' in content  # stated: no mark
    assert "3 days after the previous call" in content
    assert "a date worked out rather than stated by a source (1 call)" in content


@pytestmark_db
def test_gaps_run_across_the_pages_of_a_long_pair(client, seed, monkeypatch):
    monkeypatch.setattr(pair_views, "PER_PAGE", 1)

    response = client.get(_url("emmanuel-macron", "vladimir-putin"), {"page": "2"})

    assert [(row.pk, row.gap) for row in response.context["page"]] == [
        (seed.putin_call.pk, "first call in 2 years and 9 months")
    ]
    assert 'href="?page=1"' in response.content.decode()


# One address per pair.


@pytestmark_db
def test_the_other_order_redirects_permanently_to_the_one_address(client, seed):
    response = client.get(_url("vladimir-putin", "emmanuel-macron"))

    assert response.status_code == 301
    assert response["Location"] == _url("emmanuel-macron", "vladimir-putin")


@pytestmark_db
def test_a_merged_leader_s_old_slug_redirects_to_the_survivor_s_pair(client, seed):
    duplicate = LeaderFactory(name="V. Putin", slug="a-putin", country=seed.russia)
    merge_leaders(seed.putin, duplicate)

    response = client.get(_url("a-putin", "emmanuel-macron"))

    assert response.status_code == 301
    assert response["Location"] == _url("emmanuel-macron", "vladimir-putin")
    assert client.get(response["Location"]).status_code == 200


@pytestmark_db
@pytest.mark.parametrize(
    ("one", "other", "message"),
    [
        # Never spoke to each other.
        ("ebrahim-raisi", "vladimir-putin", "Ebrahim Raisi and Vladimir Putin have no call"),
        ("emmanuel-macron", "no-such-leader", "There is no leader “no-such-leader”"),
        ("emmanuel-macron", "emmanuel-macron", "Emmanuel Macron is one leader: a pair is two."),
    ],
)
def test_a_pair_who_never_spoke_or_is_not_a_pair_is_the_archive_s_404(
    client, seed, one, other, message
):
    response = client.get(_url(one, other))

    assert response.status_code == 404
    content = response.content.decode()
    assert "<h1>Not in the archive</h1>" in content
    assert message in content


@pytestmark_db
def test_a_merged_slug_and_its_survivor_are_one_leader_not_a_pair(client, seed):
    duplicate = LeaderFactory(name="E. Macron", slug="e-macron", country=seed.france)
    merge_leaders(seed.macron, duplicate)

    assert client.get(_url("e-macron", "emmanuel-macron")).status_code == 404


@pytestmark_db
def test_odd_query_strings_never_fail(client, seed):
    url = _url("emmanuel-macron", "vladimir-putin")
    for query in ({"page": "x"}, {"page": "99"}, {"page": "-1"}, {"leader": "z", "more": "q"}):
        assert client.get(url, query).status_code == 200


# Links to the page.


@pytestmark_db
def test_a_two_party_call_page_links_its_pair(client, seed):
    content = client.get(seed.raisi_call.get_absolute_url()).content.decode()

    assert (
        '<a href="/leaders/ebrahim-raisi/and/emmanuel-macron/">Ebrahim Raisi and Emmanuel Macron '
        "side by side</a>"
    ) in content


@pytestmark_db
def test_a_call_of_three_links_each_pair_of_its_participants(client, seed):
    call = CallFactory(date=D(2024, 2, 1), participants=[seed.macron, seed.raisi, seed.putin])

    response = client.get(call.get_absolute_url())

    assert [url for _, _, url in response.context["pairs"]] == [
        "/leaders/ebrahim-raisi/and/emmanuel-macron/",
        "/leaders/ebrahim-raisi/and/vladimir-putin/",
        "/leaders/emmanuel-macron/and/vladimir-putin/",
    ]
    content = response.content.decode()
    assert (
        '<a href="/leaders/ebrahim-raisi/and/vladimir-putin/">Ebrahim Raisi and Vladimir Putin</a>'
        in content
    )


@pytestmark_db
def test_the_counterparts_on_a_leader_page_link_to_each_pair(client, seed):
    content = client.get(seed.macron.get_absolute_url()).content.decode()

    for url, name in [
        ("/leaders/ebrahim-raisi/and/emmanuel-macron/", "Ebrahim Raisi"),
        ("/leaders/emmanuel-macron/and/vladimir-putin/", "Vladimir Putin"),
    ]:
        assert (
            f'<a class="pair-link" href="{url}" aria-label="Side by side: Emmanuel Macron and '
            f'{name}">Side by side</a>'
        ) in content


@pytestmark_db
def test_the_sitemap_lists_each_pair_once(client, seed):
    CallFactory(date=D(2024, 2, 1), participants=[seed.macron, seed.raisi, seed.putin])

    content = client.get(
        reverse("archive:sitemap-section", kwargs={"section": "pairs"})
    ).content.decode()

    locations = [part.split("</loc>")[0] for part in content.split("<loc>")[1:]]
    assert sorted(locations) == [
        "http://testserver/leaders/ebrahim-raisi/and/emmanuel-macron/",
        "http://testserver/leaders/ebrahim-raisi/and/vladimir-putin/",
        "http://testserver/leaders/emmanuel-macron/and/vladimir-putin/",
    ]
    index = client.get(reverse("archive:sitemap")).content.decode()
    assert "sitemap-pairs.xml" in index


@pytestmark_db
def test_the_pairs_sitemap_keeps_to_the_newest_calls(client, seed, monkeypatch):
    monkeypatch.setattr(sitemaps, "PAIR_SITEMAP_CALLS", 1)
    CallFactory(date=D(2020, 1, 1), participants=[seed.raisi, seed.putin])

    content = client.get(
        reverse("archive:sitemap-section", kwargs={"section": "pairs"})
    ).content.decode()

    locations = [part.split("</loc>")[0] for part in content.split("<loc>")[1:]]
    assert locations == ["http://testserver/leaders/ebrahim-raisi/and/vladimir-putin/"]


# Queries.


@pytestmark_db
@pytest.mark.parametrize("n", [1, 30])
def test_the_pair_page_reads_a_bounded_number_of_queries(client, django_assert_max_num_queries, n):
    one, two, third = LeaderFactory(), LeaderFactory(), LeaderFactory()
    topic = TopicFactory()
    for index in range(n):
        call = CallFactory(
            date=D(2000 + index % 20, 1 + index % 12, 1 + index % 27),
            participants=[one, two] + ([third] if index % 3 == 0 else []),
            topics=[topic, TopicFactory()],
        )
        source = SourceFactory()
        StatementFactory(call=call, source=source, side_leader=one)
        StatementFactory(call=call, source=source, side_country=two.country)
    CallFactory(date=None, date_precision=DatePrecision.UNKNOWN, participants=[one, two])

    # The leaders; the pair's calls (on SQLite, the leaders' kept counts first); the page's
    # calls, their participants and topics; the topics per year; each side's statements, and
    # how many more there are past the first pairs.MAX_STATEMENTS.
    with django_assert_max_num_queries(11):
        response = client.get(pairs.pair_url(one, two))

    assert response.status_code == 200
    assert len(response.context["page"]) == min(n, pair_views.PER_PAGE)


# The page cache (archive/caching.py): the page is kept until the archive changes.


@pytest.mark.django_db(transaction=True)
def test_the_pair_page_is_cached_until_a_new_call_between_them(client, settings, tmp_path):
    settings.DIPLO_PAGE_CACHE_SECONDS = 60
    pages = {**settings.CACHES["pages"], "LOCATION": str(tmp_path / "pages")}
    settings.CACHES = {**settings.CACHES, "pages": pages}
    one, two = LeaderFactory(), LeaderFactory()
    CallFactory(date=D(2024, 3, 4), participants=[one, two])
    url = pairs.pair_url(one, two)

    first, second = client.get(url), client.get(url)
    CallFactory(date=D(2024, 3, 7), participants=[two, one])
    third = client.get(url)
    other_order = client.get(_url(*sorted((one.slug, two.slug), reverse=True)))

    assert (first["X-Cache"], second["X-Cache"], third["X-Cache"]) == ("miss", "hit", "miss")
    assert "3 days after the previous call" in third.content.decode()
    assert (other_order.status_code, "X-Cache" in other_order) == (301, False)
