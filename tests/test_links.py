"""Links made from each permalink's shape (archive.links) are the links reverse() makes."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from archive.links import link
from tests.factories import CallFactory, CountryFactory, LeaderFactory, SourceFactory, TopicFactory


@pytest.fixture
def prefix():
    """A deployment under a path: reverse() puts the script prefix first."""
    set_script_prefix("/archive/")
    yield "/archive/"
    set_script_prefix("/")


@pytest.mark.django_db
@pytest.mark.parametrize("script_prefix", [False, True])
def test_every_record_links_where_reverse_says(request, script_prefix):
    if script_prefix:
        request.getfixturevalue("prefix")
    call = CallFactory()
    topic, leader = TopicFactory(), LeaderFactory()
    country, source = CountryFactory(), SourceFactory()

    assert call.get_absolute_url() == reverse(
        "archive:call", kwargs={"pk": call.pk, "slug": call.slug}
    )
    assert topic.get_absolute_url() == reverse("archive:topic", kwargs={"slug": topic.slug})
    assert leader.get_absolute_url() == reverse("archive:leader", kwargs={"slug": leader.slug})
    assert country.get_absolute_url() == reverse(
        "archive:country", kwargs={"code": country.code.lower()}
    )
    assert source.get_absolute_url() == reverse("archive:source", kwargs={"pk": source.pk})
    assert call.get_absolute_url().startswith("/archive/" if script_prefix else "/calls/")


def test_the_shape_follows_the_script_prefix(prefix):
    assert link("archive:topic", slug="trade") == "/archive/topics/trade/"
    set_script_prefix("/")
    assert link("archive:topic", slug="trade") == "/topics/trade/"


@pytest.mark.parametrize("code", ["caf\u00e9", "a b", "x%2F", "{pk}", "a?b", "1e5"])
def test_values_that_need_quoting_are_left_to_reverse(code):
    """A country's page takes any text without a slash."""
    assert link("archive:country", code=code) == reverse("archive:country", kwargs={"code": code})


def test_an_unknown_link_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        link("archive:topic", pk=3)
    with pytest.raises(NoReverseMatch):
        link("archive:nowhere", slug="x")
