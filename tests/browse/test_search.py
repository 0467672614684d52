"""Full-text search: the query language, both backends, and an index the database keeps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive import search
from archive.models import Call, CallSearchDocument, Leader, Source, Statement, Topic
from archive.search import Query, SQLiteBackend, parse
from tests.factories import CallFactory, LeaderFactory, ReportFactory, SourceFactory

# -- the query language (no database) ------------------------------------------


def test_parse_reads_words_phrases_alternatives_and_exclusions():
    query = parse('iran "nuclear deal" putin or raisi -sanctions')

    assert query == Query(
        groups=((("iran",),), (("nuclear", "deal"),), (("putin",), ("raisi",))),
        excluded=(("sanctions",),),
    )


def test_parse_lowercases_and_splits_punctuated_words_into_phrases():
    assert parse("E-mail Élysée's").groups == ((("e", "mail"),), (("élysée", "s"),))


def test_parse_drops_terms_without_words():
    assert parse('*** "" - or OR ^ :') == Query()


def test_parse_reads_an_unterminated_quote_as_a_phrase_to_the_end():
    assert parse('"nuclear deal').groups == ((("nuclear", "deal"),),)


def test_parse_ignores_a_leading_or():
    assert parse("or putin").groups == ((("putin",),),)


def test_parse_keeps_fts5_operators_as_plain_words():
    query = parse("NEAR(iran drones) AND NOT col:x*")

    assert query.groups == (
        (("near", "iran"),),
        (("drones",),),
        (("and",),),
        (("not",),),
        (("col", "x"),),
    )


def test_parse_truncates_long_queries_and_says_so():
    query = parse(" ".join(f"w{i}" for i in range(40)))

    assert len(query.groups) == search.MAX_TERMS
    assert query.truncated is True


def test_query_prints_in_canonical_syntax():
    assert str(parse('Iran   "Nuclear  deal" putin OR raisi -sanctions')) == (
        'iran "nuclear deal" putin or raisi -sanctions'
    )


def test_fts5_expression_quotes_every_phrase():
    expression = SQLiteBackend().match_expression(parse('iran "nuclear deal" a or b -x -"y z"'))

    assert expression == '(("iran") AND ("nuclear deal") AND ("a" OR "b")) NOT ("x" OR "y z")'


# -- searching the seed archive, on whichever database the suite runs -----------

SEARCHES = [
    ("nuclear", {"raisi_call"}),
    ('"nuclear deal"', {"raisi_call"}),
    ('"deal nuclear"', set()),
    ("drone", {"raisi_call"}),  # stemmed: finds "drones"
    ("drones ukraine", {"raisi_call"}),
    ("ukraine -drones", {"putin_call"}),
    ("putin or raisi", {"raisi_call", "raisi_meeting", "putin_call", "putin_2022"}),
    ("kremlin or elysee", {"raisi_call", "putin_call"}),
    ("iran -sanctions", {"raisi_meeting"}),
    ("iran drones -sanctions", set()),
    ("-sanctions", {"putin_call", "putin_2022", "raisi_meeting"}),
    ("Élysée", {"raisi_call"}),  # accents folded both ways
    ("raeisi", {"raisi_call", "raisi_meeting"}),  # a leader's alias
    ("france russia -iran", {"putin_call", "putin_2022"}),  # participants' countries
    ('"detained nationals"', {"raisi_call"}),  # a topic name, a summary, a source
    ('"new york"', {"raisi_call", "raisi_meeting"}),  # background evidence finds the meeting
    ("kremlin", {"putin_call"}),  # a background mention does not bring the whole article
    ("tass", {"putin_call"}),  # "/TASS/.": split at the slashes on both databases
    ('"paris july"', {"putin_call"}),
    ("NEAR(iran drones)", set()),
    ('"; DROP TABLE archive_call; --', set()),
]


def _names(seed, calls) -> set[str]:
    by_pk = {
        getattr(seed, name).pk: name
        for name in ("raisi_call", "putin_call", "putin_2022", "raisi_meeting")
    }
    return {by_pk[call.pk] for call in calls}


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_search_finds_the_same_calls_on_every_database(seed, text, expected):
    query = parse(text)

    found = search.search_calls(Call.objects.all(), query)

    assert _names(seed, found) == expected
    assert search.count_calls(query) == len(expected)


def test_relevance_puts_the_call_most_about_the_words_first(seed):
    query = parse("raisi nuclear")

    ranked = search.rank_calls(search.search_calls(Call.objects.all(), query), query)

    assert [c.pk for c in ranked.order_by("-search_rank")][:1] == [seed.raisi_call.pk]


def test_snippet_highlights_the_phrase(seed):
    query = parse('"nuclear deal"')

    snippets = search.call_snippets(query, [seed.raisi_call.pk])

    text = str(snippets[seed.raisi_call.pk])
    assert "nuclear deal" in text.replace("<mark>", "").replace("</mark>", "")
    assert text.count("<mark>") >= 1
    assert text.count("<mark>") == text.count("</mark>")


def test_snippet_escapes_the_archived_text(db):
    call = CallFactory(summary="Leaders discussed <script>alert(1)</script> tariffs & quotas.")

    snippet = str(search.call_snippets(parse("tariffs"), [call.pk])[call.pk])

    assert "<script>" not in snippet
    assert "<mark>tariffs</mark> &amp; quotas" in snippet


def test_a_snippet_comes_from_the_summary_before_the_sources(db):
    call = CallFactory(summary="The leaders agreed on grain corridors and tariffs.")
    ReportFactory(
        call=call,
        source=SourceFactory(
            body="Tariffs, tariffs and more tariffs. "
            + "A long report. " * 40
            + "Tariffs and tariffs again."
        ),
    )
    only_in_source = CallFactory(summary="The leaders spoke about energy.")
    ReportFactory(
        call=only_in_source,
        source=SourceFactory(body="Officials mentioned tariffs in passing."),
    )

    snippets = search.call_snippets(parse("tariffs"), [call.pk, only_in_source.pk])

    # The summary's passage alone: nothing of the report, though it says it more often.
    assert "grain corridors and <mark>tariffs</mark>" in str(snippets[call.pk])
    assert "report" not in str(snippets[call.pk]).lower()
    assert "mentioned <mark>tariffs</mark> in passing" in str(snippets[only_in_source.pk])


def test_call_found_only_by_a_name_gets_no_snippet(seed):
    assert search.call_snippets(parse("raeisi"), [seed.raisi_meeting.pk]) == {}


def test_sources_are_searchable_with_snippets(seed):
    query = parse('"detained nationals"')

    sources = search.search_sources(Source.objects.all(), query)
    snippets = search.source_snippets(query, [s.pk for s in sources])

    assert {s.pk for s in sources} == {seed.reuters_source.pk}
    assert "<mark>" in str(snippets[seed.reuters_source.pk])


# -- the database keeps the index current on every write path ----------------------


def _found(text: str) -> set[int]:
    return set(search.search_calls(Call.objects.all(), parse(text)).values_list("pk", flat=True))


def test_a_new_call_is_searchable_at_once(db):
    call = CallFactory(summary="The leaders discussed wheat corridors.")

    assert _found("wheat corridors") == {call.pk}


def test_queryset_update_of_a_summary_reindexes_the_call(seed):
    Call.objects.filter(pk=seed.putin_2022.pk).update(summary="Talks about Zaporizhzhia.")

    assert _found("zaporizhzhia") == {seed.putin_2022.pk}


def test_renaming_a_leader_reindexes_their_calls(seed):
    Leader.objects.filter(pk=seed.putin.pk).update(name="Vladimir Vladimirovich Putin")

    assert _found("vladimirovich") == {seed.putin_call.pk, seed.putin_2022.pk}


def test_renaming_a_topic_reindexes_its_calls(seed):
    Topic.objects.filter(pk=seed.drones.pk).update(name="Unmanned aerial vehicles")

    assert _found("unmanned") == {seed.raisi_call.pk}


def test_bulk_created_statements_are_searchable(seed):
    Statement.objects.bulk_create(
        [Statement(call=seed.putin_2022, speaker="the Kremlin", text="Grain deal discussed.")]
    )

    assert _found("grain") == {seed.putin_2022.pk}


def test_editing_a_source_body_reindexes_the_calls_it_reports(seed):
    Source.objects.filter(pk=seed.putin_source.pk).update(body="Macron and Putin spoke of Mali.")

    assert _found("mali") == {seed.putin_call.pk}
    assert _found("kremlin") == set()


def test_adding_and_removing_a_topic_reindexes_the_call(seed):
    topic = Topic.objects.create(name="Hostages", slug="hostages")
    seed.putin_call.topics.add(topic)
    assert _found("hostages") == {seed.putin_call.pk}

    seed.putin_call.topics.remove(topic)
    assert _found("hostages") == set()


def test_adding_a_report_indexes_the_source_text(seed):
    source = SourceFactory(body="A rare word: quadrilateral.")
    ReportFactory(call=seed.putin_2022, source=source)

    assert _found("quadrilateral") == {seed.putin_2022.pk}


def test_deleting_a_call_removes_its_document(seed):
    pk = seed.putin_call.pk
    seed.putin_call.delete()

    assert not CallSearchDocument.objects.filter(call_id=pk).exists()
    assert _found("kremlin") == set()
    assert search.count_calls(parse("macron")) == 3


def test_every_call_has_exactly_one_document(seed):
    CallFactory(participants=[LeaderFactory()])

    assert CallSearchDocument.objects.count() == Call.objects.count()


def test_a_search_alone_is_counted_from_its_hits_read_once_from_the_index(client, seed):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/calls/", {"q": "nuclear"})

    assert response.context["total"] == 1
    sql = [q["sql"] for q in captured]
    assert [s for s in sql if '"__count"' in s] == []
    index_reads = ("SELECT rowid FROM archive_callsearch_fts", "SELECT call_id FROM")
    # PostgreSQL's planner is asked how many to expect (search.call_hits): no rows read.
    sql = [s for s in sql if not s.startswith("EXPLAIN")]
    assert len([s for s in sql if index_reads[0] in s or index_reads[1] in s]) == 1


def _ranks(response) -> list[float]:
    return [round(call.search_rank, 9) for call in response.context["calls"]]


@pytest.mark.parametrize("page", ["1", "2", "9"])
def test_a_page_ranked_in_the_index_alone_is_the_page_of_the_full_ranking(
    client, many_calls, monkeypatch, page
):
    """A search alone ranks just its best matches in the index (archive.search.MAX_BEST);
    its pages must be those of ranking every match."""
    many_calls(40)
    params = {"q": "leaders report", "page": page}
    windowed = client.get("/search/", params)
    monkeypatch.setattr("archive.search.MAX_BEST", 0)
    full = client.get("/search/", params)

    assert windowed.context["total"] == full.context["total"] == 40
    assert windowed.context["page"].number == full.context["page"].number
    assert _ranks(windowed) == _ranks(full)
    assert len(_ranks(windowed)) == (25 if page == "1" else 15)
    source_ranks = [
        [round(s.search_rank, 9) for s in r.context["sources"]] for r in (windowed, full)
    ]
    assert source_ranks[0] == source_ranks[1]
    assert len(source_ranks[0]) == 5


def test_sources_without_a_word_are_every_source_but_those_with_it(seed):
    """Only exclusions: the records' own table, less what the index finds for them."""
    every = set(Source.objects.values_list("pk", flat=True))
    with_word = set(
        search.search_sources(Source.objects.all(), parse("sanctions")).values_list("pk", flat=True)
    )
    without = set(
        search.search_sources(Source.objects.all(), parse("-sanctions")).values_list(
            "pk", flat=True
        )
    )

    assert with_word
    assert without
    assert without == every - with_word
    assert search.sources_matching(parse("-sanctions"), sorted(every)) == without


# -- curly quotes, and words the archive does not hold ------------------------------------


@pytest.fixture
def merged_index(seed):
    """On PostgreSQL, the GIN index's pending entries merged: a test database written to by
    hundreds of tests keeps megabytes of them, and the lookups of words (held to 300 ms)
    then give up; what they find is what these tests are about."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('archive_callsearch_vector_idx')")
    return seed


@pytest.mark.parametrize("typed", ["“nuclear deal”", "„nuclear deal“", "«nuclear deal»"])
def test_typographic_quotes_quote_a_phrase_as_straight_ones_do(typed):
    assert parse(typed) == parse('"nuclear deal"')
    assert parse(f"iran -{typed}").excluded == (("nuclear", "deal"),)


@pytest.mark.django_db
def test_a_curly_quoted_phrase_finds_what_the_straight_one_finds(client, seed):
    """“nuclear deal” was two words, so it found calls holding them apart."""
    CallFactory(participants=[seed.macron], summary="The deal on nuclear plants was signed.")
    straight = client.get("/search/", {"q": '"nuclear deal"'})
    curly = client.get("/search/", {"q": "“nuclear deal”"})

    assert [c.pk for c in curly.context["calls"]] == [c.pk for c in straight.context["calls"]]
    assert [c.pk for c in straight.context["calls"]] == [seed.raisi_call.pk]


@pytest.mark.django_db
def test_a_word_no_call_holds_offers_the_nearest_words_calls_hold(client, merged_index):
    response = client.get("/search/", {"q": "raisi nucelar"})

    assert response.context["total"] == 0
    assert response.context["suggestions"] == [
        {"word": "nucelar", "nearest": [("nuclear", "raisi nuclear")]}
    ]
    assert response.context["corrected"] == "raisi nuclear"
    content = response.content.decode()
    assert 'Did you mean <a href="?q=raisi+nuclear">raisi nuclear</a>?' in content
    assert "No call holds “nucelar”; the nearest words the archive holds:" in content


@pytest.mark.django_db
def test_the_calls_list_offers_the_nearest_words_too(client, merged_index):
    response = client.get("/calls/", {"q": "sanctons or drnes", "year": "2023"})

    assert response.context["corrected"] == "sanctions or drones"
    assert [s["word"] for s in response.context["suggestions"]] == ["sanctons", "drnes"]


@pytest.mark.django_db
def test_a_word_nothing_is_near_says_so(client, merged_index):
    response = client.get("/search/", {"q": "zzqxjv"})

    assert response.context["suggestions"] == [{"word": "zzqxjv", "nearest": []}]
    assert response.context["corrected"] == ""
    assert "No call holds “zzqxjv”, nor any word one letter from it." in (response.content.decode())


@pytest.mark.django_db
def test_words_the_archive_holds_get_no_suggestion(client, seed):
    response = client.get("/search/", {"q": "nuclear or zzz -sanctions"})

    assert "suggestions" not in response.context


@pytest.mark.django_db
def test_the_nearest_words_are_ranked_by_how_many_calls_hold_them(merged_index):
    seed = merged_index
    # "drone" and "drones" are one word to the index (one stem): offered once.
    CallFactory(participants=[seed.macron], summary="Talks on trade and trades.")
    CallFactory(participants=[seed.macron], summary="Talks on trade.")

    found = search.suggestions(parse("tade dronez"))

    assert found == [
        search.Suggestion("tade", ("trade",)),
        search.Suggestion("dronez", ("drone",)),
    ]


@pytest.mark.django_db
def test_a_lookup_of_words_not_done_in_time_suggests_nothing(client, seed, monkeypatch):
    """A page never waits on a suggestion (nor says a word is missing when it could not
    tell)."""
    monkeypatch.setattr(type(search.backend()), "word_counts", lambda self, words: None)

    response = client.get("/search/", {"q": "raisi nucelar"})

    assert response.status_code == 200
    assert "suggestions" not in response.context


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL time limit")
def test_postgresql_stops_a_slow_lookup_of_words_and_keeps_the_pages_limit(seed, monkeypatch):
    monkeypatch.setattr(search, "SUGGESTION_TIME_MS", 1)
    words = [f"word{n}x" for n in range(20_000)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        before = cursor.fetchone()[0]

    assert search.PostgreSQLBackend().word_counts(words) is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('statement_timeout')")
        assert cursor.fetchone()[0] == before
    monkeypatch.setattr(search, "SUGGESTION_TIME_MS", 60_000)
    assert search.PostgreSQLBackend().word_counts(["nuclear", "nucelar"]) == {
        "nuclear": ("nuclear", 1)
    }


def _rum_indexed() -> bool:
    return connection.vendor == "postgresql" and (
        "archive_callsearchdocument" in search.rum_indexed_tables()
    )


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="RUM is a PostgreSQL index")
def test_postgresql_reads_a_searchs_best_page_from_the_rum_index(many_calls, seed):
    if not _rum_indexed():
        pytest.skip("this PostgreSQL server has no RUM extension (.ci/run installs it)")
    many_calls(30)
    query = parse("leaders report")
    sql, params = search.backend().best("calls", query, 25)
    with connection.cursor() as cursor:
        # A test's few rows would be read whole otherwise: what matters is that the index
        # can hand them over in order of relevance.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(sql, params)
        best = cursor.fetchall()

    assert "archive_callsearch_vector_rum" in plan
    assert "Order By" in plan  # the index's own order, not a sort of every match
    # The same calls, in the same order, as ranking every match with the same measure.
    ranked = search.rank_calls(search.search_calls(Call.objects.all(), query), query)
    everything = [(c.pk, c.search_rank) for c in ranked.order_by("-search_rank", "-pk")]
    assert [pk for pk, _ in best] == [pk for pk, _ in everything][:25]
    assert [round(r, 6) for _, r in best] == [round(r, 6) for _, r in everything][:25]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="RUM is a PostgreSQL index")
def test_postgresql_ranks_a_phrase_and_an_exclusion_in_the_rum_index(seed):
    if not _rum_indexed():
        pytest.skip("this PostgreSQL server has no RUM extension (.ci/run installs it)")
    for text in ['"nuclear deal"', "nuclear -sanctions", "raisi or putin"]:
        query = parse(text)
        sql, params = search.backend().best("calls", query, 10)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            best = [pk for pk, _ in cursor.fetchall()]

        assert set(best) == {c.pk for c in search.search_calls(Call.objects.all(), query)}
