"""The leaders list is searched by name and kept to a country; the countries list counts
each country's calls."""

import pytest
from django.urls import reverse

from tests.factories import CallFactory, CountryFactory, LeaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    france = CountryFactory(code="FR", name="France")
    peru = CountryFactory(code="PE", name="Peru")
    CountryFactory(code="NO", name="Norway")  # no leader, no call
    macron = LeaderFactory(name="Emmanuel Macron", slug="emmanuel-macron", country=france)
    hollande = LeaderFactory(
        name="François Hollande", slug="francois-hollande", country=france, aliases=["Flanby"]
    )
    boluarte = LeaderFactory(name="Dina Boluarte", slug="dina-boluarte", country=peru)
    CallFactory.create_batch(2, participants=[macron, boluarte])
    CallFactory(participants=[macron, hollande])  # France counts this call once
    return macron, hollande, boluarte


def _names(response) -> list[str]:
    return [leader.name for leader in response.context["page"]]


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"q": "macron"}, ["Emmanuel Macron"]),
        ({"q": "Francois"}, ["François Hollande"]),  # without its accent, from the slug
        ({"q": "flanby"}, ["François Hollande"]),  # an alias
        ({"country": "fr"}, ["Emmanuel Macron", "François Hollande"]),
        ({"country": "FR", "q": "dina"}, []),
        ({"country": "pe", "sort": "name"}, ["Dina Boluarte"]),
        ({"q": "%"}, []),
    ],
)
def test_the_leaders_list_is_found_by_name_and_kept_to_a_country(client, people, params, names):
    response = client.get(reverse("archive:leaders"), params)

    assert _names(response) == names


def test_the_leaders_list_says_what_it_shows_and_keeps_its_choices(client, people):
    response = client.get(reverse("archive:leaders"), {"q": "an", "country": "fr"})

    content = response.content.decode()
    assert "2 leaders called “an” of France, by number of calls." in content
    assert '<option value="fr" selected>France</option>' in content
    assert 'name="q" value="an"' in content


def test_an_unknown_country_code_is_said_and_ignored(client, people):
    response = client.get(reverse("archive:leaders"), {"country": "zz"})

    assert len(_names(response)) == 3
    assert any("“ZZ”" in notice for notice in response.context["notices"])


def test_the_countries_list_counts_each_countrys_calls(client, people):
    response = client.get(reverse("archive:countries"))

    rows = {c.code: (c.n_leaders, c.n_calls) for c in response.context["countries"]}
    assert rows == {"FR": (2, 3), "PE": (1, 2), "NO": (0, 0)}
    content = response.content.decode()
    assert '<a href="/calls/?country=fr">3</a>' in content
    assert "3 countries, 2 of them with calls" in content
    by_calls = client.get(reverse("archive:countries"), {"sort": "calls"})
    assert [c.code for c in by_calls.context["countries"]] == ["FR", "PE", "NO"]
