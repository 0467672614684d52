"""The JSON API: each list's paged twin, each record's JSON permalink, the OpenAPI document."""

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import URLPattern, get_resolver, reverse

from archive.facets import FACETS
from archive.filters import CallFilter
from archive.models import LeaderRedirect, Report
from archive.views.api import (
    CALL_PARAMETERS,
    COUNTRY_PARAMETERS,
    LEADER_PARAMETERS,
    MAX_SIZE,
    SOURCE_PARAMETERS,
    TOPIC_PARAMETERS,
)
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def _get(client, name: str, params=None, **kwargs):
    return client.get(reverse(name, kwargs=kwargs or None), params or {})


def _follow_all(client, first_url: str) -> tuple[list[dict], list[dict]]:
    """Every page from ``first_url`` to the last, following ``next``."""
    pages, url = [], first_url
    while url:
        assert url.startswith(SITE + "/")
        response = client.get(url.removeprefix(SITE))
        assert response.status_code == 200, response.content
        page = response.json()
        pages.append(page)
        url = page["next"]
        assert len(pages) < 100
    return pages, [row for page in pages for row in page["rows"]]


@pytest.fixture
def archive(seed, many_calls):
    """The seed's four calls and 23 more, each with two leaders of its own."""
    many_calls(23)
    return seed


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"leader": "emmanuel-macron"},
        {"year": "2021"},
        {"q": "bilateral"},
        {"sort": "oldest"},
        {"country": ["fr", "ir"], "sort": "longest"},
    ],
)
def test_following_next_to_the_end_yields_each_call_once_as_many_as_the_page_shows(
    client, archive, params
):
    html = client.get(reverse("archive:calls"), params)
    first = SITE + reverse("archive:search-json") + "?" + _encoded({**params, "size": "4"})

    pages, rows = _follow_all(client, first)

    ids = [row["id"] for row in rows]
    assert html.context["total"] > 0
    assert len(ids) == len(set(ids)) == html.context["total"]
    assert {page["total"] for page in pages} == {html.context["total"]}
    assert [page["page"] for page in pages] == list(range(1, len(pages) + 1))
    assert pages[-1]["pages"] == len(pages)
    assert pages[0]["previous"] is None
    assert pages[-1]["next"] is None
    # The same calls as the export of the list, in its order.
    export = client.get(reverse("archive:calls-export", args=["json"]), params)
    exported = json.loads(b"".join(export.streaming_content))
    assert ids == [call["id"] for call in exported["calls"]]


def _encoded(params: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(params, doseq=True)


def test_a_page_of_calls_is_in_the_export_shape_with_absolute_links(client, seed):
    response = _get(client, "archive:search-json", {"leader": "vladimir-putin", "size": "1"})

    page = response.json()
    assert response["Content-Type"] == "application/json"
    export = client.get(
        reverse("archive:calls-export", args=["json"]), {"leader": "vladimir-putin"}
    )
    first = json.loads(b"".join(export.streaming_content))["calls"][0]
    assert page["rows"] == [{**first, "json": f"{SITE}/calls/{first['id']}.json"}]
    assert page["total"] == 2
    assert page["url"] == f"{SITE}/search.json?leader=vladimir-putin&size=1"
    assert page["next"] == f"{SITE}/search.json?leader=vladimir-putin&size=1&page=2"
    assert page["html_url"] == f"{SITE}/calls/?leader=vladimir-putin"
    assert page["export_urls"] == {
        "csv": f"{SITE}/calls.csv?leader=vladimir-putin",
        "json": f"{SITE}/calls.json?leader=vladimir-putin",
    }
    assert page["filters"] == [
        {
            "name": "leader",
            "value": "vladimir-putin",
            "title": "Leader",
            "label": "Vladimir Putin",
            "remove_url": f"{SITE}/search.json?size=1",
        }
    ]
    assert client.get(page["rows"][0]["json"].removeprefix(SITE)).status_code == 200


def test_a_search_gives_each_call_its_snippet(client, seed):
    rows = _get(client, "archive:search-json", {"q": "drones"}).json()["rows"]

    assert [row["id"] for row in rows] == [seed.raisi_call.pk]
    assert "<mark>drones</mark>" in rows[0]["snippet"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"leader": "emmanuel-macron"},
        {"country": "ir", "kind": "phone"},
        {"topic": ["nuclear-programme", "drones"], "year": "2023"},
        {"q": "nuclear"},
        {"more": "leader", "fq": "a"},
    ],
)
def test_the_facets_are_the_pages_own_with_a_toggle_url_to_the_twin(client, archive, params):
    html = client.get(reverse("archive:calls"), params)
    page = _get(client, "archive:search-json", params).json()

    shown = html.context["facets"]
    assert [facet["name"] for facet in page["facets"]] == [facet.name for facet in shown]
    for facet, expected in zip(page["facets"], shown, strict=True):
        assert facet["truncated"] == expected.truncated
        assert facet["estimated"] == expected.estimated
        assert [(v["value"], v["label"], v["count"], v["selected"]) for v in facet["values"]] == [
            (v.value, v.label, v.count, v.selected) for v in expected.values
        ]
        assert [v["toggle_url"] for v in facet["values"]] == [
            SITE + "/search.json" + v.toggle_url.removeprefix("/calls/") for v in expected.values
        ]
    assert any(facet["values"] for facet in page["facets"])


def test_a_toggle_url_gives_the_calls_the_value_counts(client, seed):
    page = _get(client, "archive:search-json").json()
    leaders = next(facet for facet in page["facets"] if facet["name"] == "leader")

    for value in leaders["values"]:
        toggled = client.get(value["toggle_url"].removeprefix(SITE)).json()
        assert toggled["total"] == value["count"]
        assert [f["value"] for f in toggled["filters"]] == [value["value"]]


@pytest.mark.parametrize(
    ("name", "params", "words"),
    [
        ("archive:search-json", {"colour": "red"}, "“colour” is not a parameter"),
        ("archive:search-json", {"leader": "nobody-at-all"}, "nobody-at-all"),
        ("archive:search-json", {"from": "2023-13-45"}, "2023-13-45"),
        ("archive:search-json", {"kind": "telegram"}, "telegram"),
        ("archive:search-json", {"size": "0"}, "size: 0 is out of range"),
        ("archive:search-json", {"size": str(MAX_SIZE + 1)}, "size: 1,001 is out of range"),
        ("archive:search-json", {"size": "ten"}, "size: “ten” is not a whole number"),
        ("archive:search-json", {"page": "-1"}, "page: “-1” is not a whole number"),
        ("archive:search-json", {"page": "99"}, "there is no page 99; the last is 1"),
        ("archive:search-json", {"more": "colour"}, "more: “colour” is not a facet"),
        ("archive:search-json", {"fpage": "x"}, "fpage"),
        ("archive:search-json", {"sort": ["newest", "oldest"]}, "sort: give one value, not 2"),
        ("archive:leaders-json", {"sort": "height"}, "sort: “height” is not an order"),
        ("archive:leaders-json", {"country": "zz"}, "ZZ"),
        ("archive:leaders-json", {"leader": "x"}, "“leader” is not a parameter"),
        ("archive:topics-json", {"q": "x"}, "“q” is not a parameter"),
        ("archive:topics-json", {"page": "2"}, "there is no page 2"),
        ("archive:countries-json", {"sort": "size"}, "sort: “size” is not an order"),
        ("archive:sources-json", {"size": "5000"}, "size: 5,000 is out of range"),
        ("archive:sources-json", {"country": "fr"}, "“country” is not a parameter"),
        ("archive:openapi", {"x": "1"}, "takes no parameters"),
    ],
)
def test_an_unknown_parameter_or_value_is_a_400_saying_why(client, seed, name, params, words):
    response = _get(client, name, params)

    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "The archive cannot answer this request as asked."
    assert any(words in reason for reason in data["reasons"]), data["reasons"]


def test_a_record_with_a_parameter_is_a_400(client, seed):
    response = client.get(f"/leaders/{seed.macron.slug}.json", {"page": "2"})

    assert response.status_code == 400
    assert "takes no parameters" in response.json()["reasons"][0]


def test_a_nul_character_is_a_400_in_json(client, seed):
    response = client.get("/search.json", {"q": "a\x00b"})

    assert response.status_code == 400
    assert response.json()["reasons"] == ["The address holds a NUL character."]


def test_the_leaders_twin_lists_what_the_page_does_with_the_countries_as_a_facet(client, seed):
    LeaderFactory(name="Emma Nobody", slug="emma-nobody", country=seed.france)
    html = client.get(reverse("archive:leaders"), {"q": "emm", "sort": "name"})

    page = _get(client, "archive:leaders-json", {"q": "emm", "sort": "name"}).json()

    assert page["total"] == html.context["page"].paginator.count == 2
    assert [row["slug"] for row in page["rows"]] == ["emma-nobody", "emmanuel-macron"]
    assert page["rows"][1] == {
        "slug": "emmanuel-macron",
        "name": "Emmanuel Macron",
        "country": "FR",
        "country_name": "France",
        "calls": 4,
        "url": f"{SITE}/leaders/emmanuel-macron/",
        "json": f"{SITE}/leaders/emmanuel-macron.json",
    }
    [countries] = page["facets"]
    assert [(v["value"], v["count"], v["selected"]) for v in countries["values"]] == [
        ("fr", 2, False)
    ]
    toggled = client.get(countries["values"][0]["toggle_url"].removeprefix(SITE)).json()
    assert toggled["total"] == 2
    assert toggled["facets"][0]["values"][0]["selected"] is True


def test_the_leaders_twin_by_calls_pages_to_the_end(client, seed):
    pages, rows = _follow_all(client, f"{SITE}/leaders.json?size=2")

    assert [row["slug"] for row in rows] == [
        "emmanuel-macron",
        "ebrahim-raisi",
        "vladimir-putin",
    ]
    assert [row["calls"] for row in rows] == [4, 2, 2]
    assert len(pages) == 2


def test_the_topics_countries_and_sources_twins_total_what_their_pages_show(client, seed):
    topics = _get(client, "archive:topics-json").json()
    countries = _get(client, "archive:countries-json", {"sort": "calls"}).json()
    sources = _get(client, "archive:sources-json").json()
    searched = _get(client, "archive:sources-json", {"q": "drones"}).json()

    assert topics["total"] == client.get(reverse("archive:topics")).context["count"]
    ukraine = next(row for row in topics["rows"] if row["slug"] == "war-in-ukraine")
    assert ukraine["calls"] == 2
    html_countries = client.get(reverse("archive:countries"), {"sort": "calls"}).context
    assert [row["code"] for row in countries["rows"]] == [
        c.code for c in html_countries["countries"]
    ]
    assert [row["calls"] for row in countries["rows"]] == [
        c.n_calls for c in html_countries["countries"]
    ]
    html_sources = client.get(reverse("archive:sources")).context["page"]
    assert sources["total"] == html_sources.paginator.count == 3
    assert [row["id"] for row in sources["rows"]] == [s.pk for s in html_sources.object_list]
    assert [row["id"] for row in searched["rows"]] == [seed.raisi_source.pk]
    assert "<mark>" in searched["rows"][0]["snippet"]


def test_each_record_has_a_json_permalink(client, seed):
    leader = client.get(f"/leaders/{seed.macron.slug}.json").json()
    topic = client.get("/topics/war-in-ukraine.json").json()
    country = client.get("/countries/ir.json").json()
    source = client.get(f"/sources/{seed.raisi_source.pk}.json").json()

    assert leader["name"] == "Emmanuel Macron"
    assert leader["url"] == f"{SITE}/leaders/emmanuel-macron/"
    assert leader["calls"] == 4
    assert leader["calls_url"] == f"{SITE}/search.json?leader=emmanuel-macron"
    assert sorted((c["slug"], c["calls"]) for c in leader["counterparts"]) == [
        ("ebrahim-raisi", 2),
        ("vladimir-putin", 2),
    ]
    assert client.get(leader["calls_url"].removeprefix(SITE)).json()["total"] == 4
    assert topic["name"] == "War in Ukraine"
    assert topic["calls"] == 2
    assert client.get("/topics/war-in-ukraine/").context["counted"].count == 2
    assert [(row["slug"], row["calls"]) for row in topic["leaders"]] == [
        ("emmanuel-macron", 2),
        ("ebrahim-raisi", 1),
        ("vladimir-putin", 1),
    ]
    assert country["code"] == "IR"
    assert [leader["slug"] for leader in country["leaders"]] == ["ebrahim-raisi"]
    assert [c["code"] for c in country["counterparts"]] == ["FR"]
    assert source["id"] == seed.raisi_source.pk
    assert source["permalink"] == f"{SITE}/sources/{seed.raisi_source.pk}/"
    reports = Report.objects.filter(source=seed.raisi_source).order_by("role", "call__date")
    assert [(call["id"], call["role"]) for call in source["calls"]] == list(
        reports.values_list("call_id", "role")
    )
    assert len(source["calls"]) == 2
    for url in [
        leader["json"],
        topic["json"],
        country["json"],
        source["json"],
        *[c["json"] for c in leader["counterparts"]],
    ]:
        assert client.get(url.removeprefix(SITE)).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/leaders/no-such-leader.json",
        "/topics/no-such-topic.json",
        "/countries/zz.json",
        "/sources/987654321.json",
        "/calls/987654321.json",
    ],
)
def test_an_unknown_record_is_a_404(client, seed, path):
    response = client.get(path)

    assert response.status_code == 404


def test_a_merged_leaders_json_redirects_and_a_country_code_is_lowercased(client, seed):
    LeaderRedirect.objects.create(old_slug="e-macron", leader=seed.macron)

    moved = client.get("/leaders/e-macron.json")
    upper = client.get("/countries/IR.json")

    assert moved.status_code == upper.status_code == 301
    assert moved["Location"] == "/leaders/emmanuel-macron.json"
    assert upper["Location"] == "/countries/ir.json"


# -- query counts -------------------------------------------------------------------------------

QUERIES = [
    # (url name, kwargs, query, most queries allowed on SQLite)
    # The calls list's queries but for its page: the page's ids, then four for their shapes
    # (archive.serialization.call_dicts), where the HTML list reads three.
    ("archive:search-json", {}, {}, 10),
    # A filtered list's calls are found from the facet values' bitmaps, which a test's
    # transaction reads afresh each time, after the archive's size (archive.facet_bitmaps):
    # one query more than the database's own filtering, each time; served, they are read
    # once a version, and the version read replaces that of the ids.
    ("archive:search-json", {}, {"leader": "counted-leader", "size": "1000"}, 12),
    ("archive:search-json", {}, {"topic": "counted-topic", "country": "cx"}, 21),
    ("archive:search-json", {}, {"q": "bilateral relations"}, 11),
    ("archive:leaders-json", {}, {}, 4),
    ("archive:leaders-json", {}, {"q": "counted", "country": "cx"}, 4),
    ("archive:topics-json", {}, {}, 3),
    ("archive:countries-json", {}, {}, 3),
    ("archive:sources-json", {}, {"q": "bilateral"}, 4),
    ("archive:leader-json", {"slug": "counted-leader"}, {}, 11),
    ("archive:topic-json", {"slug": "counted-topic"}, {}, 10),
    ("archive:country-json", {"code": "cx"}, {}, 10),
    ("archive:openapi", {}, {}, 1),
    ("archive:api", {}, {}, 1),
]
# On PostgreSQL the facets run in a savepoint with a time limit, and a search asks the
# planner and keeps to the index (as tests/browse/test_query_counts.py counts them).
POSTGRESQL_OVERHEAD = 12


@pytest.mark.parametrize(("name", "kwargs", "query", "limit"), QUERIES)
def test_each_twin_and_permalink_makes_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, many_calls, name, kwargs, query, limit
):
    from django.db import connection

    from tests.factories import CountryFactory, TopicFactory

    leader = LeaderFactory(slug="counted-leader", country=CountryFactory(code="CX"))
    topic = TopicFactory(slug="counted-topic")
    if connection.vendor == "postgresql":
        limit += POSTGRESQL_OVERHEAD
    counted = []
    for n in (1, 3, 12):
        for call in many_calls(n):
            call.participations.create(leader=leader)
            call.topics.add(topic)
        with django_assert_max_num_queries(limit) as captured:
            response = client.get(reverse(name, kwargs=kwargs or None), query)
        assert response.status_code == 200, response.content
        counted.append(len(captured))
    # As many queries for 16 calls as for one: nothing is read call by call.
    assert counted[1] == counted[2]


# -- the OpenAPI document and the documentation page ---------------------------------------------


def _json_routes() -> set[str]:
    """The names of the URLconf's JSON routes."""
    names = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            if (
                isinstance(inner, URLPattern)
                and inner.name
                and (inner.name.endswith("-json") or inner.name in {"call-data", "openapi"})
            ):
                names.add(inner.name)
    return names


def test_the_openapi_document_is_valid_json_and_describes_every_route(client, seed):
    response = _get(client, "archive:openapi")

    document = json.loads(response.content)
    paths = document["paths"]
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": SITE}]
    expected = {
        "search-json": "/search.json",
        "leaders-json": "/leaders.json",
        "topics-json": "/topics.json",
        "countries-json": "/countries.json",
        "sources-json": "/sources.json",
        "leader-json": "/leaders/{slug}.json",
        "topic-json": "/topics/{slug}.json",
        "country-json": "/countries/{code}.json",
        "source-json": "/sources/{id}.json",
        "call-data": "/calls/{id}.json",
        "openapi": "/api/openapi.json",
    }
    assert _json_routes() == set(expected)
    # The unpaged exports: every call the filters select, as calls and as PLOVER events.
    exports = {"/calls.json", "/calls.plover.json", "/calls/{id}.plover.json"}
    assert set(expected.values()) | exports == set(paths)
    for name, known in [
        ("/search.json", CALL_PARAMETERS),
        ("/leaders.json", LEADER_PARAMETERS),
        ("/topics.json", TOPIC_PARAMETERS),
        ("/countries.json", COUNTRY_PARAMETERS),
        ("/sources.json", SOURCE_PARAMETERS),
        ("/calls.json", frozenset(CallFilter.base_filters)),
    ]:
        assert {p["name"] for p in paths[name]["get"]["parameters"]} == known, name
    # Every reference leads to a schema the document holds.
    refs = _refs(document)
    assert refs
    assert {ref.removeprefix("#/components/schemas/") for ref in refs} <= set(
        document["components"]["schemas"]
    )
    assert {facet.name for facet in FACETS} <= set(json.dumps(document).split('"'))


def _refs(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if "$ref" in node else set()
        for value in node.values():
            found |= _refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(_refs(item) for item in node)) if node else set()
    return set()


def test_the_api_page_is_linked_from_every_page_and_its_links_answer(client, seed):
    from html import unescape

    home = client.get("/")
    page = client.get(reverse("archive:api"))

    assert 'href="/api/"' in home.content.decode()
    html = page.content.decode()
    links = {unescape(link) for link in re.findall(r'href="(/[^"]*)"', html)}
    documented = {link for link in links if link.endswith(".json") or link.endswith(".csv")}
    assert documented >= {
        "/search.json",
        "/leaders.json",
        "/topics.json",
        "/countries.json",
        "/sources.json",
        "/api/openapi.json",
        "/calls.json",
        "/calls.csv",
    }
    for link in links:
        assert client.get(link).status_code == 200, link


def _example(html: str, name: str) -> str:
    import re
    from html import unescape

    return unescape(re.search(rf'<code id="example-{name}">(.*?)</code>', html, re.S).group(1))


@pytest.mark.django_db(transaction=True)
def test_the_curl_and_pandas_examples_run_against_the_server(live_server, monkeypatch):
    """The page's examples, as written, against a running archive: curl itself, and the
    pandas example with a stand-in for pandas (not installed) that keeps the rows."""
    import shlex
    import subprocess
    import sys
    import types
    from urllib.request import urlopen

    from tests.browse.conftest import build_seed

    build_seed()
    with urlopen(live_server.url + reverse("archive:api")) as response:
        html = response.read().decode()

    command = shlex.split(_example(html, "curl"))
    assert command[0] == "curl"
    assert command[-1].startswith(live_server.url + "/search.json?")
    done = subprocess.run(command, capture_output=True, timeout=30, check=True)
    first = json.loads(done.stdout)
    assert first["total"] == 3
    assert [row["kind"] for row in first["rows"]] == ["phone", "phone"]
    assert first["next"] == command[-1] + "&page=2"

    code = _example(html, "pandas")
    url = re.search(r'url = "([^"]+)"', code).group(1)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == live_server.url
    assert dict(parse_qsl(parts.query)) == {"kind": "phone", "size": "1000"}
    pandas = types.ModuleType("pandas")
    pandas.json_normalize = lambda rows: list(rows)
    monkeypatch.setitem(sys.modules, "pandas", pandas)
    namespace: dict = {}
    exec(compile(code, "pandas example", "exec"), namespace)
    assert [row["kind"] for row in namespace["calls"]] == ["phone"] * 3
    assert len({row["id"] for row in namespace["calls"]}) == 3


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/calls/?leader=emmanuel-macron&page=1", "/search.json?leader=emmanuel-macron"),
        ("/search/?q=drones&more=topic", "/search.json?q=drones&more=topic"),
        ("/leaders/?country=fr&sort=name", "/leaders.json?country=fr&sort=name"),
        ("/topics/", "/topics.json"),
        ("/countries/?sort=calls", "/countries.json?sort=calls"),
        ("/sources/?q=drones", "/sources.json?q=drones"),
        ("/leaders/emmanuel-macron/?page=1", "/leaders/emmanuel-macron.json"),
        ("/topics/drones/", "/topics/drones.json"),
        ("/countries/ir/", "/countries/ir.json"),
    ],
)
def test_each_page_links_to_its_json_twin_with_its_parameters(client, seed, page, twin):
    html = client.get(page).content.decode()

    escaped = twin.replace("&", "&amp;")
    head = (
        f'<link rel="alternate" type="application/json" title="This page as JSON" href="{escaped}">'
    )
    assert head in html
    assert f'(<a href="{escaped}">this page as JSON</a>)' in html
    assert client.get(twin).status_code == 200


def test_a_sources_page_links_to_its_json_permalink(client, seed):
    html = client.get(seed.raisi_source.get_absolute_url()).content.decode()

    assert f'href="/sources/{seed.raisi_source.pk}.json"' in html


@pytest.mark.parametrize(
    "path", ["/leaders/no-such-leader/", "/countries/iran/", "/countries/zz/", "/sources/98765/"]
)
def test_an_error_page_links_to_no_json_twin(client, seed, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "this page as JSON" not in response.content.decode()
    assert 'type="application/json"' not in response.content.decode()


def _fields(document: dict, schema: dict) -> set[str]:
    """The property names of ``schema`` (its $ref and allOf resolved)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        return _fields(document, document["components"]["schemas"][name])
    fields = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        fields |= _fields(document, part)
    return fields


def _schema_of(document: dict, path: str) -> dict:
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    return schema["schema"]


def test_every_answer_has_exactly_the_fields_the_openapi_document_names(client, seed):
    document = _get(client, "archive:openapi").json()
    schemas = document["components"]["schemas"]
    answers = {
        "/leaders/{slug}.json": f"/leaders/{seed.macron.slug}.json",
        "/topics/{slug}.json": f"/topics/{seed.ukraine.slug}.json",
        "/countries/{code}.json": "/countries/fr.json",
        "/sources/{id}.json": f"/sources/{seed.raisi_source.pk}.json",
        "/search.json": "/search.json?q=drones",
        "/leaders.json": "/leaders.json",
        "/topics.json": "/topics.json",
        "/countries.json": "/countries.json",
        "/sources.json": "/sources.json?q=drones",
    }
    for path, url in answers.items():
        data = client.get(url).json()
        schema = _schema_of(document, path)
        assert set(data) == _fields(document, schema), path
        if "rows" in data:
            [row_schema] = [
                part["properties"]["rows"]["items"]
                for part in schema["allOf"]
                if "rows" in part.get("properties", {})
            ]
            assert data["rows"], path
            for row in data["rows"]:
                assert set(row) == _fields(document, row_schema), path
            for facet in data["facets"]:
                assert set(facet) <= set(schemas["Facet"]["properties"]), path
                for value in facet["values"]:
                    assert set(value) == set(schemas["FacetValue"]["properties"]), path
    leader = client.get(answers["/leaders/{slug}.json"]).json()
    assert set(leader["terms"][0]) == set(
        schemas["LeaderRecord"]["allOf"][1]["properties"]["terms"]["items"]["properties"]
    )
