"""The change log and the data releases in a real browser, at a desktop's width and a
phone's: axe-core finds nothing and nothing is wider than the screen; a release's file
downloads from its page."""

import datetime

import pytest

from archive.enums import ChangeKind
from archive.merging import merge_calls
from archive.models import CallChange
from archive.releases import write_release
from tests.browse.conftest import build_seed
from tests.factories import CallFactory

from .test_pages import WIDTHS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(settings, tmp_path):
    seed = build_seed()
    CallChange.objects.create(
        call_id=seed.raisi_call.pk,
        kind=ChangeKind.REDATED,
        description="date: 9 June 2023 → 10 June 2023",
    )
    leaders = [seed.macron, seed.raisi]
    merge_calls(
        CallFactory(participants=leaders),
        CallFactory(participants=leaders),
        reason="an editor judged them reports of the same call",
    )
    settings.DIPLO_RELEASES_DIR = tmp_path / "releases"
    write_release("2026.12.07", datetime.date(2026, 12, 7), site="http://127.0.0.1")
    return seed


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", ["/changes/", "/releases/", "/releases/2026.12.07/"])
def test_the_log_and_the_releases_pass_axe_and_fit_the_screen(page, history, url, width):
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(url)

    assert response.status == 200
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_releases_file_downloads_from_its_page(page, history, settings):
    page.goto("/releases/2026.12.07/")

    with page.expect_download() as info:
        page.get_by_role("link", name="calls.csv").click()

    download = info.value
    assert download.suggested_filename == "calls.csv"
    written = (settings.DIPLO_RELEASES_DIR / "2026.12.07" / "calls.csv").read_bytes()
    with open(download.path(), "rb") as handle:
        assert handle.read() == written
