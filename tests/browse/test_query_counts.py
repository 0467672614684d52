"""Every list page issues the same, bounded number of queries whatever the number of calls."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import CountryFactory, LeaderFactory, TopicFactory

pytestmark = pytest.mark.django_db

PAGES = [
    # (url name, args, query, most queries allowed)
    ("archive:home", [], {}, 13),
    ("archive:calls", [], {}, 16),
    (
        "archive:calls",
        [],
        {"leader": "counted-leader", "topic": "counted-topic", "year": "2020", "kind": "phone"},
        20,
    ),
    # Two facets whose values widen the choice, each counted without its own filter: two
    # queries more each (their calls' ids, their values). Calls found from the facet values'
    # bitmaps, which a test's transaction reads afresh each time after the archive's size
    # (archive.facet_bitmaps), cost one query more each; served, they are read once a
    # version, and the version read replaces that of the ids.
    (
        "archive:calls",
        [],
        {"topic": "counted-topic", "country": "cx", "kind": "phone"},
        19,
    ),
    ("archive:calls", [], {"q": "leaders discussed", "sort": "relevance"}, 17),
    ("archive:calls", [], {"leader": "counted-leader", "page": "2"}, 18),
    ("archive:search", [], {"q": "bilateral relations"}, 19),
    ("archive:leaders", [], {}, 4),
    ("archive:leaders", [], {"q": "counted", "country": "cx"}, 4),
    ("archive:leader", ["counted-leader"], {}, 12),
    ("archive:topics", [], {}, 2),
    # Its calls from the facet values' bitmaps, read afresh in a test's transaction after the
    # archive's size (archive.facet_bitmaps): served, once a version, and no query for them.
    ("archive:topic", ["counted-topic"], {}, 11),
    ("archive:countries", [], {}, 3),
    ("archive:country", ["cx"], {}, 12),
    ("archive:sources", [], {}, 3),
    ("archive:sources", [], {"q": "leaders"}, 4),
    # The newest changed calls among the archive's most recently changed (archive.feeds
    # .newest_changed), and among all of them when those hold fewer than a feed's entries.
    ("archive:feed", [], {}, 5),
    # The leader, then their calls as the calls list filters them (which finds them again).
    ("archive:leader-feed", ["counted-leader"], {}, 9),
    ("archive:sitemap-section", ["calls"], {}, 2),
    ("archive:calls-export", ["csv"], {}, 6),
    ("archive:calls-export", ["json"], {"leader": "counted-leader"}, 8),
]

# On PostgreSQL the facets (of the calls list, and the counts of a leader's, a topic's or a
# country's page) run in a savepoint with a statement timeout: three more.
POSTGRESQL_FACET_OVERHEAD = 3
# The facets whose chosen values widen the choice: each is counted without its own filter.
WIDENING = {"country", "topic", "publisher"}
# On PostgreSQL a search asks the planner how many matches to expect (archive.search.
# call_hits) and reads them in a savepoint that keeps to the index: four more; and it looks
# its words up (whether the archive holds them: archive.search.suggestions) in a savepoint
# with a time limit of its own, set and put back: six in all.
POSTGRESQL_SEARCH_OVERHEAD = 6


def _queries(assert_at_most, client, url, query, limit) -> int:
    with assert_at_most(limit) as captured:
        response = client.get(url, query)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def grow(many_calls):
    """Adds calls to the archive, each with the counted leader and topic."""
    leader = LeaderFactory(slug="counted-leader", country=CountryFactory(code="CX"))
    topic = TopicFactory(slug="counted-topic")

    def add(n: int) -> None:
        for call in many_calls(n):
            call.participations.create(leader=leader)
            call.topics.add(topic)

    return add


@pytest.mark.parametrize(("name", "args", "query", "limit"), PAGES)
def test_list_pages_issue_as_many_queries_for_1_call_as_for_30(
    client, grow, django_assert_max_num_queries, name, args, query, limit
):
    url = reverse(name, args=args)
    counted = (
        "archive:calls",
        "archive:search",
        "archive:leader",
        "archive:topic",
        "archive:country",
    )
    if connection.vendor == "postgresql" and name in counted:
        # Once for the page's facets, once for each facet counted without its own filter.
        limit += POSTGRESQL_FACET_OVERHEAD * (1 + len(WIDENING & set(query)))
    if connection.vendor == "postgresql" and "q" in query:
        limit += POSTGRESQL_SEARCH_OVERHEAD

    grow(1)
    with_one = _queries(django_assert_max_num_queries, client, url, query, limit)
    grow(29)
    with_thirty = _queries(django_assert_max_num_queries, client, url, query, limit)

    assert with_one == with_thirty


def test_call_page_issues_a_bounded_number_of_queries(
    client, grow, seed, django_assert_max_num_queries
):
    grow(30)

    # On SQLite one more: the participants' call counts, so that the calls between them are
    # looked up from the leader with the fewest (Call.objects.between). One for the call's
    # own changes (the change log).
    limit = 10 if connection.vendor == "sqlite" else 9
    _queries(django_assert_max_num_queries, client, seed.raisi_call.get_absolute_url(), {}, limit)
