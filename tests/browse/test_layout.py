"""What the pages' markup must hold for their layout and for assistive technology; the
browser tests (tests/browser/test_pages.py) check the same pages as drawn."""

import re
from pathlib import Path

from archive.charts import Node, network

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_every_count_a_public_page_prints_has_thousands_separators():
    # A count printed bare ("{{ row.count }}") reads "1234" where the rest of the site says
    # "1,234": each goes through |thousands or |plural.
    bare = re.compile(r"\{\{\s*[\w.]*(?:count|n_calls|n_leaders|total)\s*\}\}")
    pages = [*TEMPLATES.glob("*.html"), *(TEMPLATES / "archive").glob("*.html")]

    found = [
        f"{path.name}: {match.group()}"
        for path in pages
        for match in bare.finditer(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def test_an_empty_ranking_is_a_sentence_not_a_numbered_item(client, db):
    response = client.get("/")

    content = response.content.decode()
    assert content.count('<p class="muted">None yet.</p>') == 2
    assert '<li class="muted">' not in content


def test_the_calls_timeline_says_as_filtered_only_when_filtered(client, seed):
    listed = client.get("/calls/")
    filtered = client.get("/calls/", {"leader": "emmanuel-macron"})

    assert listed.context["timeline"].title == "Calls per month"
    assert '-title">Calls per month</title>' in listed.content.decode()
    assert filtered.context["timeline"].title == "Calls per month, as filtered"
    assert '-title">Calls per month, as filtered</title>' in filtered.content.decode()


def test_a_linked_network_is_a_group_of_links_and_an_unlinked_one_an_image():
    # Links inside role="img" are hidden from a screen reader (axe: nested-interactive).
    linked = network("Ann", [Node("Ben", 1_200, "/leaders/ben/")])
    unlinked = network("Ann", [Node("Ben", 3)])

    assert 'role="group"' in linked
    assert "(1,200)" in linked
    assert 'role="img"' in unlinked


def test_the_calls_list_has_one_search_box(client, seed):
    content = client.get("/calls/").content.decode()

    assert content.count('type="search"') == 1
