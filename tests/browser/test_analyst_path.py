"""The analyst's path through the archive, in a real browser."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from archive.citations import cite_call
from archive.serialization import CSV_COLUMNS
from tests.browse.conftest import build_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def facet_link(page, facet: str, label: str):
    facets = page.get_by_role("complementary", name="Filter the calls")
    section = facets.get_by_role("region", name=facet, exact=True)
    return section.get_by_role("link", name=re.compile(rf"^{re.escape(label)}, "))


def test_facet_by_leader_topic_and_year_then_cite_and_download_a_call(page, live_server):
    seed = build_seed()

    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Calls").click()
    facet_link(page, "Leader", "Ebrahim Raisi").click()
    facet_link(page, "Topic", "Nuclear programme").click()
    facet_link(page, "Year", "2023").click()

    assert page.url == (
        f"{live_server.url}/calls/?leader=ebrahim-raisi&topic=nuclear-programme&year=2023"
    )
    chips = page.get_by_role("region", name="Active filters").get_by_role("listitem")
    assert [" ".join(text.split()) for text in chips.all_text_contents()] == [
        "Leader: Ebrahim Raisi ×",
        "Topic: Nuclear programme ×",
        "Year: 2023 ×",
    ]
    assert page.get_by_role("heading", name="1 call").is_visible()

    page.get_by_role("link", name="Ebrahim Raisi – Emmanuel Macron").click()
    assert page.url == live_server.url + seed.raisi_call.get_absolute_url()
    assert page.get_by_role("heading", level=1).inner_text() == "Ebrahim Raisi and Emmanuel Macron"

    expected = cite_call(
        seed.raisi_call, live_server.url + seed.raisi_call.get_absolute_url(), timezone.localdate()
    ).chicago()
    copy = page.locator('button[data-copy="cite-chicago"]')
    copy.click()
    expect(copy).to_have_text("Copied")  # the clipboard answers asynchronously
    assert copy.get_attribute("data-copied-text") == expected
    assert page.evaluate("navigator.clipboard.readText()") == expected

    with page.expect_download() as download_info:
        page.get_by_role("complementary", name="Cite and download").get_by_role(
            "link", name="CSV"
        ).click()
    download = download_info.value
    assert download.suggested_filename == f"diplo-call-{seed.raisi_call.pk}.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows[0] == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == [str(seed.raisi_call.pk)]


def test_search_a_phrase_and_see_it_highlighted(page):
    seed = build_seed()

    page.goto("/")
    page.get_by_role("searchbox", name="Search the archive").fill('"nuclear deal"')
    page.get_by_role("searchbox", name="Search the archive").press("Enter")

    assert page.get_by_role("heading", name="1 call").is_visible()
    result = page.locator(".call-card").first
    assert result.get_by_role("link").first.get_attribute("href") == (
        seed.raisi_call.get_absolute_url()
    )
    snippet = result.locator(".snippet").inner_html()
    # SQLite marks the phrase as one, PostgreSQL word by word.
    assert (
        "<mark>nuclear deal</mark>" in snippet
        or "<mark>nuclear</mark> <mark>deal</mark>" in snippet
    )
    assert result.locator(".snippet mark").first.is_visible()


def test_a_chip_removes_its_filter_and_the_facets_follow(page):
    build_seed()

    page.goto("/calls/?leader=ebrahim-raisi&leader=vladimir-putin")
    assert page.get_by_text("No call matches all of these filters together.").is_visible()

    page.get_by_role("link", name="Remove filter Leader: Vladimir Putin").click()

    assert page.get_by_role("heading", name="2 calls").is_visible()


def test_facets_work_from_the_keyboard(page):
    build_seed()

    page.goto("/calls/")
    link = facet_link(page, "Kind", "Meeting")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=meeting"))

    assert page.get_by_role("heading", name="1 call").is_visible()


def test_a_call_prints_without_navigation_or_facets(page):
    seed = build_seed()

    page.goto(seed.raisi_call.get_absolute_url())
    page.emulate_media(media="print")

    assert page.locator(".masthead").is_hidden()
    assert page.locator(".copy").first.is_hidden()
    assert page.get_by_role("heading", name="What each side said").is_visible()
