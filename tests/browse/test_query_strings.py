"""No query string produces a server error, on any page.

Hypothesis draws query strings from every parameter each page reads, mixed with
unknown names, and values that are valid, malformed, enormous, SQL-looking,
FTS5-syntax, odd unicode or NUL bytes. Every answer must be a page (200), a
redirect, a refusal (400) or a not-found (404): never a 500.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e9",
    str(10**9),
    str(10**30),
    "9" * 5000,
    "2023-02-30",
    "2023-13",
    "0000",
    "99999-01-01",
    "' OR 1=1 --",
    '"; DROP TABLE archive_call; --',
    "NEAR(a b)",
    'a" OR "b',
    "*",
    "^x",
    "col:x",
    '"',
    "-",
    "- -",
    "or",
    "AND NOT",
    "\x00",
    "a\x00b",
    "\ufffd",
    "\u202e\u0627\u0644\u0633\u0644\u0627\u0645",
    "😀 🇫🇷",
    "Ｉｒａｎ",
    "e\u0301lysee",
    "²³",
    "%00",
    "<script>alert(1)</script>",
    "emmanuel-macron",
    "ebrahim-raisi",
    "fr",
    "IR",
    "phone",
    "2022",
    "9",
    "Reuters",
    "nuclear",
    '"nuclear deal"',
    "relevance",
    "leader",
]

values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))

CALL_PARAMETERS = [
    "q",
    "leader",
    "country",
    "topic",
    "kind",
    "year",
    "month",
    "publisher",
    "from",
    "to",
    "sort",
    "page",
    "more",
    "size",
    "fq",
    "fpage",
]


def query_strings(names: list[str]):
    """Lists of (name, value) pairs: repeated names, unknown names, any values."""
    name = st.one_of(st.sampled_from(names), st.text(max_size=10))
    return st.lists(st.tuples(name, values), max_size=8)


def _check(client, url, pairs):
    response = client.get(url, pairs and _as_data(pairs))
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code in {200, 301, 302, 400, 404}, (url, pairs)


def _as_data(pairs):
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


@pytest.mark.parametrize(
    "url",
    [
        reverse("archive:calls"),
        reverse("archive:search"),
        reverse("archive:calls-export", args=["csv"]),
        reverse("archive:calls-export", args=["json"]),
        reverse("archive:search-json"),
    ],
)
def test_call_lists_never_fail(client, seed, url):
    @EXAMPLES
    @given(query_strings(CALL_PARAMETERS))
    def check(pairs):
        _check(client, url, pairs)

    check()


@pytest.mark.parametrize(
    "url_name",
    [
        "archive:home",
        "archive:leaders",
        "archive:topics",
        "archive:countries",
        "archive:sources",
        "archive:feed",
        "archive:sitemap",
        "archive:robots",
        "archive:leaders-json",
        "archive:topics-json",
        "archive:countries-json",
        "archive:sources-json",
        "archive:api",
        "archive:openapi",
    ],
)
def test_other_list_pages_never_fail(client, seed, url_name):
    url = reverse(url_name)

    @EXAMPLES
    @given(query_strings(["q", "page", "sort", "publisher", "country", "size"]))
    def check(pairs):
        _check(client, url, pairs)

    check()


def test_record_pages_never_fail(client, seed):
    pages = [
        seed.raisi_call.get_absolute_url(),
        reverse("archive:call-data", args=[seed.raisi_call.pk, "csv"]),
        reverse("archive:call-data", args=[seed.raisi_call.pk, "json"]),
        reverse("archive:call-cite", args=[seed.raisi_call.pk, "bib"]),
        seed.macron.get_absolute_url(),
        seed.ukraine.get_absolute_url(),
        seed.iran.get_absolute_url(),
        seed.raisi_source.get_absolute_url(),
        reverse("archive:leader-feed", args=["emmanuel-macron"]),
        reverse("archive:leader-pair", args=["emmanuel-macron", "vladimir-putin"]),
        reverse("archive:leader-json", args=["emmanuel-macron"]),
        reverse("archive:topic-json", args=[seed.ukraine.slug]),
        reverse("archive:country-json", args=["ir"]),
        reverse("archive:source-json", args=[seed.raisi_source.pk]),
    ]

    @EXAMPLES
    @given(st.sampled_from(pages), query_strings(["page", "q", "slug"]))
    def check(url, pairs):
        _check(client, url, pairs)

    check()


@pytest.mark.parametrize("number", [str(2**63), str(10**30), "9" * 5000])
@pytest.mark.parametrize(
    "template", ["/calls/{}/", "/calls/{}/a-slug/", "/calls/{}.json", "/calls/{}/cite.bib"]
)
def test_an_id_too_large_for_the_database_is_a_404(client, seed, number, template):
    # int() refuses numbers of more than 4,300 digits; the database, ids past a bigint.
    assert client.get(template.format(number)).status_code == 404


@EXAMPLES
@given(
    segment=st.one_of(
        st.sampled_from(NASTY),
        st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30),
    ),
    template=st.sampled_from(
        [
            "/calls/{}/",
            "/calls/1/{}/",
            "/leaders/{}/",
            "/topics/{}/",
            "/countries/{}/",
            "/sources/{}/",
            "/leaders/{}/feed/",
            "/leaders/{}/and/emmanuel-macron/",
            "/leaders/emmanuel-macron/and/{}/",
            "/calls/{}.json",
            "/sitemap-{}.xml",
        ]
    ),
)
def test_any_path_segment_is_a_page_a_redirect_or_a_404(client, seed, segment, template):
    from urllib.parse import quote

    response = client.get(template.format(quote(segment, safe="")))

    assert response.status_code in {200, 301, 302, 400, 404}


def test_a_nul_byte_is_refused_with_400(client, seed):
    response = client.get(reverse("archive:calls"), {"q": "iran\x00"})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_huge_query_string_is_refused_with_400(client, seed):
    response = client.get(reverse("archive:calls"), {"q": "x" * 5000})

    assert response.status_code == 400
