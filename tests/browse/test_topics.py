"""A broader topic's calls are its own and its narrower topics': on its page, in the topics
list, in the Topic facet and in the filter, and each says so."""

import pytest
from django.urls import reverse

from tests.factories import CallFactory, LeaderFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    """A broader topic with one call of its own, a narrower topic with three (one of which
    has both), and a leader in every call."""
    leader = LeaderFactory(slug="the-leader")
    broad = TopicFactory(slug="broad", name="Broad")
    narrow = TopicFactory(slug="narrow", name="Narrow", parent=broad)
    other = LeaderFactory()
    CallFactory(topics=[broad], participants=[leader, other])
    CallFactory(topics=[broad, narrow], participants=[leader, other])
    CallFactory.create_batch(2, topics=[narrow], participants=[leader, other])
    return broad, narrow


def _topic_counts(response) -> dict[str, int]:
    facet = next(f for f in response.context["facets"] if f.name == "topic")
    return {value.value: value.count for value in facet.values}


@pytest.mark.parametrize("query", ["", "leader=the-leader"])
def test_the_topic_facet_counts_a_broader_topic_with_its_narrower_ones(client, tree, query):
    response = client.get(f"/calls/?{query}")

    assert _topic_counts(response) == {"broad": 4, "narrow": 3}
    assert "A broader topic counts the calls of its narrower topics." in (response.content.decode())


def test_filtering_by_a_broader_topic_gives_the_calls_of_its_narrower_ones(client, tree):
    assert client.get("/calls/?topic=broad").context["total"] == 4
    assert client.get("/calls/?topic=narrow").context["total"] == 3


def test_a_broader_topics_page_lists_its_narrower_topics_calls_and_says_so(client, tree):
    broad, narrow = tree

    response = client.get(broad.get_absolute_url())

    assert response.context["page"].paginator.count == 4
    assert len(response.context["page"].object_list) == 4
    content = response.content.decode()
    assert "4 calls about this topic or one of its narrower topics" in content
    top = response.context["leaders"][0]
    assert (top.obj.slug, top.count) == ("the-leader", 4)
    narrow_page = client.get(narrow.get_absolute_url()).content.decode()
    assert "It counts towards its broader topic" in narrow_page


def test_the_topics_list_counts_a_broader_topic_with_its_narrower_ones(client, tree):
    response = client.get(reverse("archive:topics"))

    ((topic, children),) = response.context["tree"]
    assert (topic.slug, topic.n_calls) == ("broad", 4)
    assert [(child.slug, child.n_calls) for child in children] == [("narrow", 3)]
    assert "includes those of its narrower topics" in response.content.decode()
