"""Every page type at a desktop's width and a phone's, in a real browser: axe-core finds
nothing, nothing is wider than the screen, and the layout holds (content clear of the
header, ranking rows apart, a topic beside its narrower topics, counts in one column).

axe-core is vendored (tests/browser/vendor/axe.min.js, MPL-2.0, its licence beside it) and
run through Playwright's evaluate, which the pages' Content-Security-Policy does not block.
"""

import datetime
import itertools
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from archive.pairs import pair_url
from tests.browse.conftest import build_seed
from tests.factories import CallFactory, CountryFactory, LeaderFactory, SourceFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WIDTHS = [1280, 390]


def page_urls(seed) -> dict[str, str]:
    return {
        "home": "/",
        "list": "/calls/",
        "filtered list": "/calls/?leader=ebrahim-raisi&topic=nuclear-programme&year=2023",
        "search": "/search/?q=nuclear",
        "call": seed.raisi_call.get_absolute_url(),
        "leader": seed.macron.get_absolute_url(),
        "pair": pair_url(seed.macron, seed.raisi),
        "topic": seed.ukraine.get_absolute_url(),
        "country": seed.france.get_absolute_url(),
        "source": seed.raisi_source.get_absolute_url(),
        "leaders list": "/leaders/",
        "countries list": "/countries/",
        "topics list": "/topics/",
        "sources list": "/sources/",
        "api": "/api/",
        "404": "/no-such-page/",
    }


PAGE_TYPES = [
    "home",
    "list",
    "filtered list",
    "search",
    "call",
    "leader",
    "pair",
    "topic",
    "country",
    "source",
    "leaders list",
    "countries list",
    "topics list",
    "sources list",
    "api",
    "404",
]


def axe_violations(page) -> list[str]:
    """Each rule axe-core finds broken on the page, with the elements that break it."""
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']}: {rule['help']} at {[node['target'] for node in rule['nodes']]}"
        for rule in result["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_each_page_type_passes_axe_and_fits_the_screen(page, page_type, width):
    url = page_urls(build_seed())[page_type]
    page.set_viewport_size({"width": width, "height": 900})

    response = page.goto(url)

    assert response.status == (404 if page_type == "404" else 200)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The page's content starts clear of the header (a `.wrap` padding shorthand once set
    # main's top padding to 0).
    gap = page.evaluate(
        "document.querySelector('main > *').getBoundingClientRect().top"
        " - document.querySelector('.masthead').getBoundingClientRect().bottom"
    )
    assert gap >= 12


@pytest.mark.parametrize("width", WIDTHS)
def test_ranking_rows_keep_their_counts_apart(page, width):
    seed = build_seed()
    # A name long enough to wrap in the home page's side panel, with counts of two digits.
    italy = CountryFactory(code="IT", name="Italy", slug="italy")
    long_name = LeaderFactory(
        name="Sergio Mattarella di Castellammare del Golfo e Palermo", country=italy
    )
    for day in range(1, 12):
        CallFactory(date=datetime.date(2024, 1, day), participants=[long_name, seed.putin])
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/")

    rows = page.get_by_role("region", name="Most active leaders").locator("li")
    boxes = [(row.bounding_box(), row.locator(".count").bounding_box()) for row in rows.all()]
    assert len(boxes) == 4
    for (row, count), (_, next_count) in itertools.pairwise(boxes):
        # Each count on its row's first line (a long name wraps beside it), within the row,
        # below the one before it.
        assert row["y"] - 1 <= count["y"] < row["y"] + 12
        assert count["y"] + count["height"] <= row["y"] + row["height"] + 1
        assert next_count["y"] >= count["y"] + count["height"] - 1
    assert len({round(count["x"] + count["width"]) for _, count in boxes}) == 1


def test_a_selected_facet_value_keeps_its_count_in_the_column(page):
    build_seed()

    page.goto("/calls/?leader=ebrahim-raisi")

    leaders = page.get_by_role("region", name="Leader", exact=True)
    selected = leaders.get_by_role("link", name=re.compile(r"^Ebrahim Raisi, 2 calls, selected"))
    other = leaders.get_by_role("link", name="Emmanuel Macron, 2 calls", exact=True)
    right = [link.locator(".count").bounding_box() for link in (selected, other)]
    assert round(right[0]["x"] + right[0]["width"]) == round(right[1]["x"] + right[1]["width"])


@pytest.mark.parametrize("width", WIDTHS)
def test_a_broader_topic_shares_its_column_with_its_narrower_topics(page, width):
    broad = []
    for index in range(7):  # 35 lines: two columns would part a topic from its children
        parent = TopicFactory(name=f"Broad topic {index}")
        broad.append(parent)
        for child in range(4):
            TopicFactory(name=f"Narrow topic {index}.{child}", parent=parent)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/topics/")

    for parent in broad:
        item = page.locator(".topic-tree > li").filter(
            has=page.get_by_role("link", name=parent.name, exact=True)
        )
        top = item.get_by_role("link", name=parent.name, exact=True).bounding_box()
        last = item.locator("ul li").last.bounding_box()
        assert last["y"] > top["y"], f"{parent.name}'s narrower topics start another column"
        assert 0 <= last["x"] - top["x"] < 100


def test_a_source_without_a_publisher_shows_its_date_alone(page):
    SourceFactory(title="Leaders speak", publisher="", published=datetime.date(2023, 6, 10))

    page.goto("/sources/")

    assert page.locator(".source-list li .muted").first.inner_text() == "10 June 2023 · 0 calls"


def test_copying_a_citation_is_announced_in_a_live_region(page):
    seed = build_seed()
    page.goto(seed.raisi_call.get_absolute_url())

    page.locator('button[data-copy="cite-apa"]').click()

    expect(
        page.get_by_role("complementary", name="Cite and download").get_by_role("status")
    ).to_have_text("Copied")


def test_the_counterparts_table_fits_a_phone(page):
    country = CountryFactory(code="SA", name="Kingdom of Saudi Arabia", slug="saudi-arabia")
    centre = LeaderFactory(name="Mohammed bin Salman Al Saud", country=country)
    for index, name in enumerate(
        ["Muhammadu Buhari Adamu Garba", "Sheikh Mohamed bin Zayed Al Nahyan", "Recep Tayyip"]
    ):
        other = LeaderFactory(name=name, country=CountryFactory(name=f"Republic of {name}"))
        CallFactory(date=datetime.date(2024, 2, index + 1), participants=[centre, other])
    page.set_viewport_size({"width": 390, "height": 900})

    page.goto(centre.get_absolute_url())

    panel = page.get_by_role("region", name="Counterparts").bounding_box()
    table = page.get_by_role("table").first.bounding_box()
    assert table["x"] + table["width"] <= panel["x"] + panel["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
