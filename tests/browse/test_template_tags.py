"""The call card and the facet values, built in Python (archive/templatetags/diplo.py)."""

import datetime

import pytest
from django.utils.safestring import mark_safe

from archive.enums import CallKind, DatePrecision, DurationQualifier, ReviewStatus
from archive.facets import FacetResult, FacetValue
from archive.models import Call
from archive.templatetags.diplo import call_card, facet_items
from tests.factories import CallFactory, CountryFactory, LeaderFactory, TopicFactory

pytestmark = pytest.mark.django_db


def _card(call, snippets=None) -> str:
    listed = Call.objects.with_related().get(pk=call.pk)
    return str(call_card(listed, snippets))


def test_a_card_shows_what_the_call_list_shows():
    france = CountryFactory(code="FR", name="France")
    iran = CountryFactory(code="IR", name="Iran")
    ann = LeaderFactory(name="Ann Example", country=france)
    ben = LeaderFactory(name="Ben Example", country=iran)
    nuclear = TopicFactory(name="Nuclear programme")
    call = CallFactory(
        participants=[ben, ann],
        topics=[nuclear],
        date=datetime.date(2023, 6, 10),
        kind=CallKind.PHONE,
        duration_minutes=90,
        duration_qualifier=DurationQualifier.ABOUT,
        initiator=ann,
        status=ReviewStatus.REVIEWED,
    )

    html = _card(call)

    assert '<span class="kind kind-phone">Phone call</span>' in html
    assert '<time datetime="2023-06-10">10 June 2023</time> · about 90 minutes' in html
    assert '<span class="badge-reviewed">Reviewed</span>' in html
    # Participants by name, each with their country in the same order, and who called.
    assert f'<a href="{call.get_absolute_url()}">Ann Example – Ben Example</a>' in html
    assert "France · Iran — initiated by Ann Example" in html
    assert '<p class="summary">The leaders discussed bilateral relations.</p>' in html
    assert f'<li><a href="{nuclear.get_absolute_url()}">Nuclear programme</a></li>' in html


def test_a_card_without_date_participants_or_topics_says_so():
    call = CallFactory(participants=[], date=None, date_precision=DatePrecision.UNKNOWN, summary="")

    html = _card(call)

    assert "<span>Date unknown</span>" in html
    assert ">Unknown participants</a>" in html
    assert "initiated by" not in html
    assert 'class="summary"' not in html
    assert 'class="tags"' not in html
    assert "badge-reviewed" not in html


def test_a_card_escapes_names_and_summaries():
    leader = LeaderFactory(name="Ann <b>Example</b> & Co", country__name='"Quoted" Land')
    call = CallFactory(participants=[leader], summary="Talks on <script>alert(1)</script>")

    html = _card(call)

    assert "Ann &lt;b&gt;Example&lt;/b&gt; &amp; Co" in html
    assert "&quot;Quoted&quot; Land" in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "<b>" not in html


def test_a_card_shows_the_opening_words_of_a_long_summary():
    words = [f"word{n}" for n in range(60)]
    call = CallFactory(summary=" ".join(words))

    html = _card(call)

    assert f'<p class="summary">{" ".join(words[:40])} …</p>' in html
    assert "word40" not in html


def test_a_card_shows_a_search_passage_instead_of_the_summary():
    call = CallFactory(summary="The usual summary.")

    passage = mark_safe("talks on <mark>security</mark>")
    html = _card(call, {call.pk: passage})

    assert '<p class="snippet">talks on <mark>security</mark></p>' in html
    assert "The usual summary." not in html
    # A passage that is not marked safe is text like any other.
    assert "&lt;mark&gt;" in _card(call, {call.pk: "talks on <mark>security</mark>"})
    # Another call's passage is not this call's.
    assert "The usual summary." in _card(call, {call.pk + 1: passage})


def _facet(values, estimated=False):
    return FacetResult("leader", "Leader", values=values, estimated=estimated)


def test_facet_items_link_each_value_with_its_count():
    html = str(
        facet_items(
            _facet(
                [
                    FacetValue("ann", "Ann Example", 1200, True, "/calls/?"),
                    FacetValue("ben", "Ben <Example>", 3, False, "/calls/?leader=ann&leader=ben"),
                ]
            )
        )
    )

    selected, other = (line.strip() for line in html.split("\n"))
    assert selected.startswith('<li class="selected"><a href="/calls/?" rel="nofollow"')
    # The name starts with the visible text, label then count (WCAG 2.5.3, label in name).
    assert (
        'aria-current="true" aria-label="Ann Example, 1,200 calls, selected: remove this filter"'
        in selected
    )
    assert '<span class="count">1,200</span>' in selected
    assert other.startswith('<li><a href="/calls/?leader=ann&amp;leader=ben" rel="nofollow"')
    assert 'aria-label="Ben &lt;Example&gt;, 3 calls"' in other
    assert '<span class="facet-label">Ben &lt;Example&gt;</span>' in other
    assert "aria-current" not in other


def test_estimated_facet_counts_are_marked_as_such_but_selected_ones_are_not():
    html = str(
        facet_items(
            _facet(
                [
                    FacetValue("ann", "Ann", 40, True, "/calls/?"),
                    FacetValue("ben", "Ben", 1, False, "/calls/?leader=ben"),
                ],
                estimated=True,
            )
        )
    )

    selected, other = (line.strip() for line in html.split("\n"))
    assert '<span class="count">40</span>' in selected
    # The style sheet draws "≈" before an estimate, so the visible text stays in the name.
    assert 'aria-label="Ben, 1 call, estimated"' in other
    assert '<span class="count approx">1</span>' in other


def test_plural_counts_with_separators_and_spells_countries():
    from archive.templatetags.diplo import plural

    assert plural(1, "country") == "1 country"
    assert plural(2, "country") == "2 countries"
    assert plural(1200, "call") == "1,200 calls"
    assert plural(3, "day") == "3 days"
