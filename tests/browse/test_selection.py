"""The visitor's selection of calls: added and removed from lists and call pages, kept in
the session, shared as an address, downloaded whole as citations and as data."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from archive import selection
from archive.citations import cite_call
from archive.merging import merge_calls
from archive.models import Call
from archive.serialization import CSV_COLUMNS, call_dict
from tests.factories import CallFactory, LeaderFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
ADD = reverse("archive:selection-add")
REMOVE = reverse("archive:selection-remove")
CLEAR = reverse("archive:selection-clear")
ADOPT = reverse("archive:selection-adopt")
PAGE = reverse("archive:selection")


def post(client: Client, url: str, data: dict, origin: str | None = ORIGIN, **extra):
    if origin is not None:
        extra["HTTP_ORIGIN"] = origin
    return client.post(url, data, **extra)


def add(client: Client, *calls: Call, next_url: str = ""):
    for call in calls:
        response = post(client, ADD, {"id": call.pk, "next": next_url})
        assert response.status_code == 302
    return response


def selected_ids(client: Client) -> list[int]:
    return client.session.get(selection.SESSION_KEY, [])


def listed_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="call-card" id="call-(\d+)"', response.text)]


def download(client: Client, url: str, **params):
    response = client.get(url, params)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content.decode()


# -- adding, removing, clearing -----------------------------------------------------------


def test_calls_are_added_in_order_and_each_once(client, seed):
    add(client, seed.putin_call, seed.raisi_call, seed.putin_call)

    assert selected_ids(client) == [seed.putin_call.pk, seed.raisi_call.pk]
    response = client.get(PAGE)
    assert response.status_code == 200
    assert listed_ids(response) == [seed.putin_call.pk, seed.raisi_call.pk]
    assert "2 calls, in the order you added them." in response.text


def test_a_button_returns_to_the_page_it_was_on_at_the_call(client, seed):
    response = add(client, seed.raisi_call, next_url="/calls/?year=2023")

    assert response["Location"] == "/calls/?year=2023"


def test_a_button_never_returns_to_another_site(client, seed):
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = post(client, ADD, {"id": seed.raisi_call.pk, "next": target})
        assert response.status_code == 302
        assert response["Location"] == PAGE


def test_the_list_and_the_call_page_show_which_calls_are_selected(client, seed):
    add(client, seed.raisi_call)

    page = client.get(reverse("archive:calls")).text
    call_page = client.get(seed.raisi_call.get_absolute_url()).text
    other_page = client.get(seed.putin_call.get_absolute_url()).text

    raisi_card = page.split(f'id="call-{seed.raisi_call.pk}"')[1].split("</li>\n")[0]
    putin_card = page.split(f'id="call-{seed.putin_call.pk}"')[1].split("</li>\n")[0]
    assert f'action="{REMOVE}"' in raisi_card
    assert "In your selection" in raisi_card
    assert f'action="{ADD}"' in putin_card
    assert "In your selection" not in putin_card
    assert f'action="{REMOVE}"' in call_page
    assert ">Remove from selection</button>" in call_page
    assert f'action="{ADD}"' in other_page
    assert ">Add to selection</button>" in other_page
    assert 'Selection <span class="selection-count">(1)</span>' in page


def test_remove_and_clear(client, seed):
    add(client, seed.raisi_call, seed.putin_call, seed.putin_2022)

    post(client, REMOVE, {"id": seed.putin_call.pk})
    assert selected_ids(client) == [seed.raisi_call.pk, seed.putin_2022.pk]

    response = post(client, CLEAR, {})
    assert response.status_code == 302
    assert selected_ids(client) == []
    # An empty selection leaves no session behind: the page cache serves the visitor again.
    assert client.cookies["sessionid"].value == ""
    assert "No calls yet." in client.get(PAGE).text


def test_a_change_from_another_site_or_none_is_refused(client, seed):
    for origin, referer in (("https://evil.example", None), (None, None), ("null", None)):
        extra = {"HTTP_REFERER": referer} if referer else {}
        response = post(client, ADD, {"id": seed.raisi_call.pk}, origin=origin, **extra)
        assert response.status_code == 403
    response = post(
        client, ADD, {"id": seed.raisi_call.pk}, origin=None, HTTP_REFERER="https://evil.example/"
    )
    assert response.status_code == 403
    assert selected_ids(client) == []

    # A browser that sends no Origin but this site's Referer is one of ours.
    response = post(
        client, ADD, {"id": seed.raisi_call.pk}, origin=None, HTTP_REFERER=f"{ORIGIN}/calls/"
    )
    assert response.status_code == 302
    assert selected_ids(client) == [seed.raisi_call.pk]


def test_a_selection_is_changed_by_post_only(client, seed):
    assert client.get(ADD, {"id": seed.raisi_call.pk}).status_code == 405
    assert selected_ids(client) == []


def test_adding_what_is_not_a_call_says_why(client, seed):
    for value, reason in (
        ("abc", "“abc” is not a call number."),
        ("", "No call was given."),
        ("9" * 30, "is not a call number."),
        ("987654", "There is no call number 987654 in the archive."),
    ):
        response = post(client, ADD, {"id": value})
        assert response.status_code == 400
        assert reason in response.text
    assert selected_ids(client) == []


def test_a_merged_call_is_added_and_kept_as_the_call_it_was_merged_into(client, seed):
    duplicate = CallFactory(participants=[seed.macron, seed.raisi])
    old = duplicate.pk
    add(client, duplicate)
    merge_calls(seed.raisi_call, Call.objects.get(pk=old))

    response = client.get(PAGE)
    assert listed_ids(response) == [seed.raisi_call.pk]
    assert f"Call {old} was merged into call {seed.raisi_call.pk}" in response.text
    assert selected_ids(client) == [seed.raisi_call.pk]

    post(client, ADD, {"id": old})  # the old id again: the survivor is held already
    assert selected_ids(client) == [seed.raisi_call.pk]


def test_a_selection_holds_at_most_its_bound_and_says_so(client, seed, monkeypatch):
    monkeypatch.setattr(selection, "MAX_CALLS", 2)
    add(client, seed.raisi_call, seed.putin_call)

    response = post(client, ADD, {"id": seed.putin_2022.pk})

    assert response.status_code == 400
    assert "Your selection holds 2 calls, the most it can" in response.text
    assert selected_ids(client) == [seed.raisi_call.pk, seed.putin_call.pk]


def test_the_bound_is_500_and_a_longer_list_is_refused():
    assert selection.MAX_CALLS == 500
    with pytest.raises(selection.SelectionError) as error:
        selection.parse_ids(",".join(str(n) for n in range(1, 502)))
    assert "at most 500 calls; 501 were given" in error.value.reasons[0]


# -- two visitors, and the page cache -------------------------------------------------------


def test_two_visitors_have_selections_of_their_own(seed):
    ann, ben = Client(), Client()

    add(ann, seed.raisi_call)
    add(ben, seed.putin_call)

    assert listed_ids(ann.get(PAGE)) == [seed.raisi_call.pk]
    assert listed_ids(ben.get(PAGE)) == [seed.putin_call.pk]
    assert f'action="{ADD}"' in ben.get(seed.raisi_call.get_absolute_url()).text


@pytest.mark.django_db(transaction=True)
def test_the_page_cache_never_shows_one_visitors_selection_to_another(settings, tmp_path):
    from django.core.cache import caches

    from archive.caching import CACHE_ALIAS
    from tests.browse.conftest import build_seed

    settings.DIPLO_PAGE_CACHE_SECONDS = 60
    pages = {**settings.CACHES[CACHE_ALIAS], "LOCATION": str(tmp_path / "pages")}
    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: pages}
    seed = build_seed()
    url = reverse("archive:calls")
    call_url = seed.raisi_call.get_absolute_url()
    analyst, visitor = Client(), Client()

    # A visitor without a selection fills the cache; the analyst is never served from it.
    assert visitor.get(url)["X-Cache"] == "miss"
    assert visitor.get(call_url)["X-Cache"] == "miss"
    add(analyst, seed.raisi_call)
    mine = analyst.get(url)
    mine_call = analyst.get(call_url)
    assert "X-Cache" not in mine
    assert "X-Cache" not in mine_call
    assert "In your selection" in mine.text
    assert "In your selection" in mine_call.text

    # Nor is the analyst's page stored for anyone else.
    theirs = visitor.get(url)
    theirs_call = visitor.get(call_url)
    assert theirs["X-Cache"] == "hit"
    assert theirs_call["X-Cache"] == "hit"
    for response in (theirs, theirs_call):
        assert "In your selection" not in response.text
        assert f'action="{REMOVE}"' not in response.text
        assert 'class="selection-count"' not in response.text
    # And a third visitor, new, sees no selection either.
    assert "In your selection" not in Client().get(url).text
    caches[CACHE_ALIAS].clear()


def test_a_selection_page_and_its_downloads_are_never_cached(client, seed):
    add(client, seed.raisi_call)

    for url in (
        PAGE,
        reverse("archive:selection-cite", args=["ris"]),
        reverse("archive:selection-export", args=["csv"]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
        assert "private" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# -- sharing -------------------------------------------------------------------------------


def test_a_shared_address_shows_its_calls_in_order_to_anyone(client, seed):
    add(client, seed.putin_call, seed.raisi_call)
    page = client.get(PAGE).text
    share = f"{PAGE}?ids={seed.putin_call.pk},{seed.raisi_call.pk}"
    assert f'value="http://testserver{share}"' in page

    stranger = Client()
    response = stranger.get(share)

    assert response.status_code == 200
    assert listed_ids(response) == [seed.putin_call.pk, seed.raisi_call.pk]
    assert "A shared selection of calls" in response.text
    assert f'href="{reverse("archive:selection-cite", args=["ris"])}?ids=' in response.text
    assert selected_ids(stranger) == []  # looking is not adopting


def test_a_shared_selection_is_adopted_after_ones_own(client, seed):
    add(client, seed.putin_2022)

    response = post(client, ADOPT, {"ids": f"{seed.raisi_call.pk},{seed.putin_2022.pk}"})

    assert response.status_code == 302
    assert selected_ids(client) == [seed.putin_2022.pk, seed.raisi_call.pk]


def test_a_shared_address_with_garbage_is_a_400_page(client, seed):
    response = client.get(PAGE, {"ids": "12,<script>"})
    assert response.status_code == 400
    assert "“&lt;script&gt;” is not a call number." in response.text
    assert "<script>" not in response.text.split("<main", 1)[1]


def test_a_shared_address_notes_calls_the_archive_no_longer_holds(client, seed):
    response = client.get(PAGE, {"ids": f"{seed.raisi_call.pk},987654"})
    assert response.status_code == 200
    assert listed_ids(response) == [seed.raisi_call.pk]
    assert "There is no call number 987654 in the archive. It is left out." in response.text


# -- downloads -----------------------------------------------------------------------------


def test_the_citations_are_the_calls_own_in_the_order_added(client, seed):
    add(client, seed.putin_call, seed.raisi_call)
    today = timezone.localdate()
    own = [
        cite_call(call, "http://testserver" + call.get_absolute_url(), today)
        for call in Call.objects.with_related().filter(
            pk__in=[seed.putin_call.pk, seed.raisi_call.pk]
        )
    ]
    own.sort(key=lambda c: c.key != f"diplo-call-{seed.putin_call.pk}")

    response, bib = download(client, reverse("archive:selection-cite", args=["bib"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert 'filename="diplo-selection.bib"' in response["Content-Disposition"]
    assert re.findall(r"^@misc\{([^,]+),", bib, re.MULTILINE) == [c.key for c in own]
    assert bib == "\n".join(c.bibtex() for c in own)

    response, ris = download(client, reverse("archive:selection-cite", args=["ris"]))
    records = [r for r in ris.split("ER  - \r\n") if r.strip()]
    assert len(records) == 2
    assert [re.search(r"^ID  - (.+)\r$", r, re.MULTILINE).group(1) for r in records] == [
        c.key for c in own
    ]
    assert ris == "".join(c.ris() for c in own)

    response, csl = download(client, reverse("archive:selection-cite", args=["json"]))
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert json.loads(csl) == [c.csl()[0] for c in own]


def test_the_calls_as_csv_and_json_in_the_exports_shape(client, seed):
    add(client, seed.raisi_call, seed.putin_call)

    response, text = download(client, reverse("archive:selection-export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(text)))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == CSV_COLUMNS
    assert [row[0] for row in rows[1:]] == [str(seed.raisi_call.pk), str(seed.putin_call.pk)]
    # The same row the call's own CSV gives.
    _, own = download(client, reverse("archive:call-data", args=[seed.raisi_call.pk, "csv"]))
    assert rows[1] == list(csv.reader(io.StringIO(own)))[1]

    response, text = download(client, reverse("archive:selection-export", args=["json"]))
    data = json.loads(text)
    assert data["count"] == 2
    assert data["ids"] == [seed.raisi_call.pk, seed.putin_call.pk]
    assert data["calls"][0] == call_dict(seed.raisi_call.pk, "http://testserver")


def test_the_csv_neutralises_formulas_from_records(client, seed):
    hostile = LeaderFactory(name='=HYPERLINK("https://evil.example","x")')
    call = CallFactory(participants=[hostile])
    add(client, call)

    _, text = download(client, reverse("archive:selection-export", args=["csv"]))
    row = dict(zip(CSV_COLUMNS, list(csv.reader(io.StringIO(text)))[1], strict=True))

    assert row["participants"] == "'" + hostile.name


def test_a_shared_selections_downloads_take_its_ids(seed):
    stranger = Client()
    url = reverse("archive:selection-export", args=["csv"])

    _, text = download(stranger, url, ids=f"{seed.putin_2022.pk},{seed.raisi_call.pk}")

    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == [str(seed.putin_2022.pk), str(seed.raisi_call.pk)]


def test_an_empty_selection_downloads_empty_files(client, seed):
    _, bib = download(client, reverse("archive:selection-cite", args=["bib"]))
    _, csl = download(client, reverse("archive:selection-cite", args=["json"]))
    _, text = download(client, reverse("archive:selection-export", args=["csv"]))
    assert bib == ""
    assert json.loads(csl) == []
    assert list(csv.reader(io.StringIO(text))) == [CSV_COLUMNS]


@pytest.mark.parametrize(
    ("url", "params", "reason"),
    [
        (("archive:selection-cite", "bib"), {"ids": "1,two"}, "“two” is not a call number."),
        (("archive:selection-cite", "ris"), {"ids": "987654"}, "There is no call number 987654"),
        (("archive:selection-export", "csv"), {"leader": "x"}, "takes only ids=12,40,7"),
        (("archive:selection-export", "csv"), {"ids": "1\x00"}, "NUL"),
        (("archive:selection-export", "csv"), {"ids": "9" * 40}, "is not a call number"),
        (("archive:selection-cite", "bib"), {"ids": ",".join(["1"] * 5000)}, "too long"),
        (
            ("archive:selection-cite", "bib"),
            {"ids": ",".join(str(n) for n in range(1, 502))},
            "at most 500 calls",
        ),
    ],
)
def test_a_download_that_cannot_be_made_is_a_400_that_says_why(client, seed, url, params, reason):
    response = client.get(reverse(url[0], args=[url[1]]), params)

    assert response.status_code == 400
    assert reason in response.content.decode()


def test_a_shared_address_of_a_full_selection_is_read_even_with_its_commas_encoded(client, seed):
    # 500 ids of ten digits, the commas written "%2C": longer than any other question.
    ids = [seed.raisi_call.pk] + [10**9 + n for n in range(499)]

    response = client.get(reverse("archive:selection"), {"ids": ",".join(map(str, ids))})

    assert len(response.request["QUERY_STRING"]) > 4096
    assert response.status_code == 200
    assert seed.raisi_call.get_absolute_url() in response.content.decode()


def test_a_json_download_refuses_in_json(client, seed):
    response = client.get(reverse("archive:selection-cite", args=["json"]), {"ids": "x"})

    assert response.status_code == 400
    assert response.json()["reasons"] == ["“x” is not a call number."]


def test_a_merged_calls_id_in_a_shared_download_is_its_survivors(client, seed):
    duplicate = CallFactory(participants=[seed.macron, seed.raisi])
    old = duplicate.pk
    merge_calls(seed.raisi_call, duplicate)

    _, ris = download(client, reverse("archive:selection-cite", args=["ris"]), ids=str(old))

    assert f"ID  - diplo-call-{seed.raisi_call.pk}\r\n" in ris


# -- queries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        # The session, the calls (and the redirects of those missing: none), then a list's
        # participants and topics, or the exports' values.
        (PAGE, 6),
        (reverse("archive:selection-cite", args=["bib"]), 6),
        (reverse("archive:selection-export", args=["csv"]), 7),
        (reverse("archive:selection-export", args=["json"]), 7),
    ],
)
def test_a_selection_of_3_or_30_calls_takes_as_many_queries(
    client, many_calls, django_assert_max_num_queries, url, limit
):
    calls = many_calls(30)
    counts = []
    for held in (calls[:3], calls):
        selection_client = Client()
        post(selection_client, ADOPT, {"ids": ",".join(str(c.pk) for c in held)})
        with django_assert_max_num_queries(limit) as captured:
            response, _ = download(selection_client, url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_list_page_asks_nothing_more_of_a_visitor_without_a_selection(
    client, seed, django_assert_num_queries
):
    # The session is read only when a visitor has one: the same queries as before.
    url = reverse("archive:topics")
    with django_assert_num_queries(2):
        assert client.get(url).status_code == 200


def test_a_visitor_with_a_selection_costs_a_list_or_a_call_page_one_query_more(client, many_calls):
    """The session, read once: the buttons of every row come from it."""
    calls = many_calls(30)
    urls = [reverse("archive:calls"), reverse("archive:home"), calls[0].get_absolute_url()]
    without = [_count(Client(), url) for url in urls]
    post(client, ADOPT, {"ids": ",".join(str(call.pk) for call in calls[:20])})

    assert [_count(client, url) for url in urls] == [n + 1 for n in without]


def test_adding_a_call_takes_a_bounded_number_of_queries(
    client, seed, django_assert_max_num_queries
):
    add(client, seed.putin_call)
    with django_assert_max_num_queries(8):
        add(client, seed.raisi_call)


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_a_long_selection_is_shown_a_page_at_a_time_and_downloaded_whole(client, seed, monkeypatch):
    monkeypatch.setattr("archive.views.selection.PER_PAGE", 2)
    calls = [seed.raisi_call, seed.putin_call, CallFactory()]
    add(client, *calls)

    first = client.get(PAGE)
    second = client.get(PAGE, {"page": 2})
    _, text = download(client, reverse("archive:selection-export", args=["csv"]))

    assert listed_ids(first) == [calls[0].pk, calls[1].pk]
    assert listed_ids(second) == [calls[2].pk]
    assert "3 calls, in the order you added them" in first.text
    assert 'start="3"' in second.text
    assert len(list(csv.reader(io.StringIO(text)))) == 1 + 3
