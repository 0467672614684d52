"""A selection for a report, in a real browser: calls added from a list and from a call
page, the selection downloaded as RIS, and its page whole at a phone's width."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browse.conftest import build_seed
from tests.browser.test_pages import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def plain_http_session(settings):
    # The live server speaks plain HTTP; production's session cookie is HTTPS-only.
    settings.SESSION_COOKIE_SECURE = False


def test_add_two_calls_from_a_list_and_a_call_page_then_download_their_citations(page):
    seed = build_seed()

    page.goto("/calls/?leader=ebrahim-raisi&year=2023")
    card = page.locator(f"#call-{seed.raisi_call.pk}")
    card.get_by_role("button", name=re.compile(r"^Add to selection")).click()
    # Back on the same list, the call now marked as selected.
    assert "/calls/?leader=ebrahim-raisi&year=2023" in page.url
    expect(page.locator(f"#call-{seed.raisi_call.pk} .in-selection")).to_have_text(
        "In your selection"
    )
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Selection (1)")).to_be_visible()

    page.goto(seed.putin_call.get_absolute_url())
    page.get_by_role("complementary", name="Cite and download").get_by_role(
        "button", name=re.compile(r"^Add to selection")
    ).click()
    expect(page.get_by_role("button", name=re.compile(r"^Remove from selection"))).to_be_visible()

    nav.get_by_role("link", name="Selection (2)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your selection"
    hrefs = [page.locator(f".call-card >> nth={i} >> h3 a").get_attribute("href") for i in range(2)]
    assert hrefs == [seed.raisi_call.get_absolute_url(), seed.putin_call.get_absolute_url()]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="RIS").click()
    download = download_info.value
    assert download.suggested_filename == "diplo-selection.ris"
    ris = Path(download.path()).read_text(encoding="utf-8")
    records = [record for record in ris.split("ER  - ") if record.strip()]
    assert len(records) == 2
    assert re.findall(r"^ID  - (\S+)", ris, re.MULTILINE) == [
        f"diplo-call-{seed.raisi_call.pk}",
        f"diplo-call-{seed.putin_call.pk}",
    ]

    # The share address shows the same calls to a browser without the session.
    share = page.locator("#share-url").input_value()
    other = page.context.browser.new_context()
    try:
        stranger = other.new_page()
        stranger.goto(share)
        expect(stranger.locator(".call-card")).to_have_count(2)
        assert stranger.get_by_role("heading", level=1).inner_text() == (
            "A shared selection of calls"
        )
    finally:
        other.close()

    page.get_by_role("button", name="Clear your selection").click()
    expect(page.get_by_text("No calls yet.")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_selection_page_and_a_list_with_its_buttons_fit_the_screen(page, width):
    seed = build_seed()
    page.set_viewport_size({"width": width, "height": 900})
    # A list the call is surely on: in full runs this test once met /calls/ without the call
    # on its first page (pre-existing, not reproduced alone; see the session note).
    listed = "/calls/?leader=ebrahim-raisi"
    page.goto(listed)
    page.locator(f"#call-{seed.raisi_call.pk}").get_by_role("button").click()

    for url in (listed, seed.raisi_call.get_absolute_url(), "/selection/"):
        page.goto(url)
        assert axe_violations(page) == [], url
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
