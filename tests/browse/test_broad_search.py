"""A search that matches much of the archive: listed newest first unless ranking is asked
for (archive.search.MAX_RANKED), read by probing the index from the newest call
(search.calls_containing), with the sources of the calls listed beside it."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import idlists, search
from archive.filters import CallFilter
from archive.models import Call
from tests.factories import CallFactory, ReportFactory, SourceFactory


def _ids(response) -> list[int]:
    return [call.pk for call in response.context["calls"]]


def _newest_first(calls: list[Call]) -> list[int]:
    return [c.pk for c in sorted(calls, key=lambda c: (c.date, c.pk), reverse=True)]


@pytest.fixture
def broad(many_calls, monkeypatch):
    """40 calls that all match "leaders report", and a ranking limit of 10 matches."""
    monkeypatch.setitem(search.MAX_RANKED, connection.vendor, 10)
    return many_calls(40)


def test_a_search_matching_more_calls_than_are_ranked_lists_the_newest_first(client, broad):
    response = client.get("/search/", {"q": "leaders report"})

    assert response.context["total"] == 40
    assert response.context["sort"] == "newest"
    assert response.context["unranked"] is True
    assert _ids(response) == _newest_first(broad)[:25]
    html = response.content.decode()
    assert "listed newest first" in html
    assert "sort=relevance" in html


def test_a_broad_search_sorted_on_request_says_nothing_of_ranking(client, broad):
    response = client.get("/search/", {"q": "leaders report", "sort": "newest"})

    assert response.context["unranked"] is False
    assert _ids(response) == _newest_first(broad)[:25]
    assert "listed newest first" not in response.content.decode()


def test_ranking_a_broad_search_is_there_on_request(client, broad):
    response = client.get("/search/", {"q": "leaders report", "sort": "relevance"})

    assert response.context["sort"] == "relevance"
    assert response.context["unranked"] is False
    ranks = [call.search_rank for call in response.context["calls"]]
    assert len(ranks) == 25
    assert ranks == sorted(ranks, reverse=True)
    assert "listed newest first" not in response.content.decode()


def test_a_search_within_the_limit_is_ranked_by_relevance(client, many_calls, monkeypatch):
    monkeypatch.setitem(search.MAX_RANKED, connection.vendor, 40)
    many_calls(40)

    response = client.get("/search/", {"q": "leaders report"})

    assert response.context["sort"] == "relevance"
    assert response.context["unranked"] is False


def test_the_limit_counts_the_calls_as_filtered(client, broad):
    """Another filter that leaves few enough calls lets them be ranked."""
    response = client.get("/search/", {"q": "leaders report", "year": "2021"})

    assert response.context["total"] == 8
    assert response.context["sort"] == "relevance"


def test_a_broad_search_shows_the_matching_sources_of_the_calls_listed(client, broad):
    newest = Call.objects.get(pk=_newest_first(broad)[0])
    unrelated = ReportFactory(
        call=newest, source=SourceFactory(title="A note", body="Nothing of note here.")
    )

    response = client.get("/search/", {"q": "leaders report"})

    sources = response.context["sources"]
    assert response.context["sources_of_listed"] is True
    assert len(sources) == 5
    assert unrelated.source not in sources
    listed = _ids(response)
    reported = [source.reports.get().call_id for source in sources]
    assert reported == sorted(reported, key=listed.index)
    assert reported[0] == newest.pk
    assert "Sources of these calls that match" in response.content.decode()


def test_a_ranked_search_shows_the_best_sources_of_the_whole_archive(client, many_calls):
    many_calls(3)

    response = client.get("/search/", {"q": "leaders report"})

    assert "sources_of_listed" not in response.context
    assert len(response.context["sources"]) == 3


# -- reading a page by probing the index from the newest call ---------------------------


@pytest.mark.parametrize(
    "text", ["leaders report", '"spoke by phone"', "monday or tuesday", "report -nothing"]
)
def test_probing_the_index_finds_the_calls_a_search_collects(many_calls, text):
    calls = many_calls(12)
    CallFactory(summary="Nothing of note.")
    query = search.parse(text)

    probed = search.calls_containing(Call.objects.all(), query)
    collected = search.search_calls(Call.objects.all(), query)

    assert set(probed.values_list("pk", flat=True)) == {c.pk for c in calls}
    assert set(probed.values_list("pk", flat=True)) == set(collected.values_list("pk", flat=True))


def _page_sql(client, params) -> tuple[list[int], list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", params)
    return _ids(response), [q["sql"] for q in captured]


@pytest.mark.parametrize("listed_limit", [10, 20_000])
@pytest.mark.parametrize("page", ["1", "2"])
def test_a_broad_search_reads_its_newest_page_by_probing(
    client, broad, monkeypatch, page, listed_limit
):
    """Whether the matches' ids are handed on as a list or not (idlists.MAX_LISTED)."""
    monkeypatch.setattr("archive.idlists.MAX_LISTED", listed_limit)
    params = {"q": "leaders report", "page": page}

    probed, probing_sql = _page_sql(client, params)
    monkeypatch.setattr("archive.filters.MAX_PROBES", 0)
    collected, collecting_sql = _page_sql(client, params)

    assert probed == collected == _newest_first(broad)[(int(page) - 1) * 25 :][:25]
    assert any("EXISTS (SELECT 1 FROM" in sql for sql in probing_sql)
    assert not any("EXISTS (SELECT 1 FROM" in sql for sql in collecting_sql)


def test_a_rare_word_is_never_probed_for(rf, many_calls, monkeypatch):
    """Probing from the newest would read the whole archive to find a rare word's page."""
    monkeypatch.setattr("archive.idlists.MAX_LISTED", 1)
    monkeypatch.setattr("archive.filters.MAX_PROBES", 4)
    many_calls(30)
    CallFactory.create_batch(2, summary="A rare word: ceasefire.", date=datetime.date(2001, 1, 1))

    rare = CallFilter({"q": "ceasefire", "sort": "newest"}, queryset=Call.objects.all())
    common = CallFilter({"q": "leaders", "sort": "newest"}, queryset=Call.objects.all())

    # 2 matches of 32 calls: a page of 25 would take 400 probes; 30 of 32: about 27.
    assert rare._probe_newest(25) is False
    assert common._probe_newest(4) is True
    assert common._probe_newest(25) is False


def test_collected_ids_are_the_matches_whatever_their_number(many_calls):
    calls = many_calls(5)

    assert sorted(search.matching_call_ids(search.parse("leaders"))) == sorted(c.pk for c in calls)
    assert search.matching_call_ids(search.parse("absentword")) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage setting")
def test_postgresql_keeps_search_documents_out_of_line(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'archive_callsearchdocument'"
        )
        assert "toast_tuple_target=128" in cursor.fetchone()[0]


@pytest.fixture
def sampled(many_calls, monkeypatch):
    """40 matching calls, with at most 5 handed on as a list and samples of 8."""
    monkeypatch.setattr("archive.idlists.MAX_LISTED", 5)
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 8)
    return sorted(call.pk for call in many_calls(40))


def _expecting(monkeypatch, expected: int) -> None:
    """Make the database's guess of how many calls match `expected`."""
    monkeypatch.setattr(type(search.backend()), "estimate", lambda self, index, query: expected)


@pytest.mark.parametrize("expected", [None, 0, 3, 10**6])
def test_a_broad_search_gives_every_match_whatever_the_guess(sampled, monkeypatch, expected):
    """Every match is read (the facets count them all, archive.facet_bitmaps), in one query,
    whatever the database guessed; past MAX_LISTED they are not handed on as a list."""
    _expecting(monkeypatch, expected)
    with CaptureQueriesContext(connection) as captured:
        hits = search.call_hits(search.parse("leaders"))

    assert hits.count == 40
    assert sorted(hits.every) == sampled
    assert hits.ids is None  # more than MAX_LISTED
    reads = [q for q in captured if "SET LOCAL" not in q["sql"] and "SAVEPOINT" not in q["sql"]]
    assert len(reads) == 1


def test_a_guess_too_high_still_hands_few_matches_on_as_a_list(many_calls, monkeypatch):
    monkeypatch.setattr("archive.idlists.MAX_LISTED", 50)
    monkeypatch.setattr("archive.idlists.SAMPLE_SIZE", 8)
    calls = many_calls(40)
    _expecting(monkeypatch, 10**6)

    hits = search.call_hits(search.parse("leaders"))

    assert hits.count == 40
    assert sorted(hits.ids) == sorted(c.pk for c in calls)
    assert hits.every == hits.ids


def test_the_estimate_is_a_number_of_calls(many_calls):
    many_calls(5)
    for text in ("leaders", "absentword", "-leaders", "leaders or absentword"):
        estimate = search.backend().estimate("calls", search.parse(text))
        if connection.vendor == "sqlite":
            assert estimate is None  # FTS5 keeps no statistics: the ids are read
        else:
            assert isinstance(estimate, int)
            assert estimate >= 0


def test_a_broad_search_page_counts_every_match_and_its_facets_exactly(client, sampled):
    response = client.get("/search/", {"q": "leaders"})

    assert response.context["total"] == 40
    assert "facet_sample" not in response.context
    kinds = {
        v.value: v.count for f in response.context["facets"] if f.name == "kind" for v in f.values
    }
    expected = Counter(Call.objects.filter(pk__in=sampled).values_list("kind", flat=True))
    assert kinds == dict(expected)


def test_a_search_expected_to_be_far_too_broad_filters_without_reading_its_ids(
    many_calls, monkeypatch
):
    """With other filters, a search the database expects to match far more calls than are
    handed on as a list is applied as a subquery: the same calls, no ids read first."""
    calls = many_calls(12)
    year = calls[0].date.year
    params = {"q": "leaders", "year": str(year)}
    expected_calls = sorted(c.pk for c in calls if c.date.year == year)
    read_first = CallFilter(params, queryset=Call.objects.all())
    assert sorted(read_first.qs.values_list("pk", flat=True)) == expected_calls

    _expecting(monkeypatch, 10**6)
    with CaptureQueriesContext(connection) as captured:
        filtered = CallFilter(params, queryset=Call.objects.all())
        found = sorted(filtered.qs.values_list("pk", flat=True))

    assert found == expected_calls
    assert filtered.count() == len(expected_calls)
    assert not any(f"LIMIT {idlists.MAX_LISTED + 1}" in q["sql"] for q in captured)
