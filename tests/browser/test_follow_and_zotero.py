"""Following a search, and what a reference manager reads of a call, in a real browser."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs

import pytest

from tests.atom import atom_problems
from tests.browse.conftest import build_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATOM = "{http://www.w3.org/2005/Atom}"


def test_follow_a_filtered_search(page, live_server):
    seed = build_seed()

    page.goto("/calls/")
    page.get_by_label("Search within calls").fill("ukraine")
    page.get_by_label("Search within calls").press("Enter")
    page.goto(page.url + "&leader=emmanuel-macron&sort=oldest&page=1")
    follow = page.get_by_role("link", name="Follow (Atom feed)")

    assert follow.is_visible()
    href = follow.get_attribute("href")
    assert href == "/calls/feed/?q=ukraine&leader=emmanuel-macron"
    advertised = page.evaluate(
        "[...document.querySelectorAll('head link[rel=alternate]"
        "[type=\"application/atom+xml\"]')].map(l => [l.getAttribute('href'), l.title])"
    )
    assert advertised == [[href, "Diplo: calls matching “ukraine” with leader Emmanuel Macron"]]
    listed = page.locator("main .results a[href^='/calls/'][href$='/']").evaluate_all(
        "links => links.map(l => l.getAttribute('href'))"
    )
    listed_ids = {int(re.match(r"/calls/(\d+)/", link).group(1)) for link in listed}

    response = page.request.get(href)

    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    body = response.body()
    assert atom_problems(body) == []
    root = ET.fromstring(body)
    entries = [
        int(re.search(r"/calls/(\d+)/", e.find(f"{ATOM}id").text).group(1))
        for e in root.iter(f"{ATOM}entry")
    ]
    assert set(entries) == listed_ids == {seed.raisi_call.pk, seed.putin_call.pk}


def test_a_call_page_gives_zotero_its_date_permalink_and_coins(page, live_server):
    seed = build_seed()
    permalink = live_server.url + seed.raisi_call.get_absolute_url()

    page.goto(seed.raisi_call.get_absolute_url())

    # The Embedded Metadata translator's own selector: meta tags of the parsed <head>.
    read = page.evaluate(
        """names => Object.fromEntries(names.map(n => [n,
            document.querySelector(`html>head>meta[name$="${n}"]`)?.content]))""",
        ["citation_title", "citation_date", "citation_public_url", "citation_publisher"],
    )
    assert read == {
        "citation_title": seed.raisi_call.title,
        "citation_date": "2023/06/10",
        "citation_public_url": permalink,
        "citation_publisher": "Diplo",
    }
    coins = page.locator("span.Z3988").get_attribute("title")
    assert parse_qs(coins)["rft.identifier"] == [permalink]
    assert parse_qs(coins)["rft.date"] == ["2023-06-10"]
