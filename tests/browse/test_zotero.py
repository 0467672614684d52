"""Reference managers: call and source pages carry Highwire Press ``citation_*``, Dublin Core
and Open Graph meta tags and a COinS span, read back here as Zotero reads them
(tests/zotero.py mirrors its Embedded Metadata translator)."""

import datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs

import pytest

from archive.enums import CallKind, DatePrecision
from tests.factories import CallFactory, LeaderFactory, SourceFactory
from tests.zotero import zotero_item

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
HOSTILE = 'Talks "on" <script>alert(1)</script> & 1+1 <img src=x onerror=alert(2)>'


class _Coins(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "Z3988" in (attrs.get("class") or "").split():
            self.titles.append(attrs.get("title") or "")


def _coins(html: str) -> dict[str, list[str]]:
    parser = _Coins()
    parser.feed(html)
    (title,) = parser.titles
    return parse_qs(title, keep_blank_values=True, strict_parsing=True)


def _page(client, record) -> tuple[str, str]:
    url = SITE + record.get_absolute_url()
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), url


def test_zotero_saves_a_call_as_a_web_page_with_its_date_and_permalink(client, seed):
    html, url = _page(client, seed.raisi_call)

    assert zotero_item(html, url) == {
        "itemType": "webpage",
        "title": "Phone call: Ebrahim Raisi and Emmanuel Macron, 10 June 2023",
        "date": "2023/06/10",
        "url": url,
        "websiteTitle": "Diplo",
        "language": "en",
        "creators": [],
    }


@pytest.mark.parametrize(
    ("precision", "date"),
    [(DatePrecision.MONTH, "2022/09"), (DatePrecision.YEAR, "2022")],
)
def test_a_call_known_to_its_month_or_year_is_dated_as_far_as_known(client, seed, precision, date):
    call = CallFactory(
        date=datetime.date(2022, 9, 20),
        date_precision=precision,
        participants=[seed.macron, seed.raisi],
    )

    html, url = _page(client, call)

    assert zotero_item(html, url)["date"] == date


def test_an_undated_call_gives_no_date(client, seed):
    call = CallFactory(
        date=None, date_precision=DatePrecision.UNKNOWN, participants=[seed.macron, seed.putin]
    )

    html, url = _page(client, call)

    item = zotero_item(html, url)
    assert "date" not in item
    assert item["url"] == url
    assert "rft.date" not in _coins(html)


def test_zotero_saves_a_source_as_a_news_article_of_its_outlet(client, seed):
    html, url = _page(client, seed.raisi_source)

    assert zotero_item(html, url) == {
        "itemType": "newspaperArticle",
        "title": "Macron and Raisi discuss nuclear programme by phone",
        "date": "2023/06/10",
        "url": "https://example.org/afp/macron-raisi",
        "publicationTitle": "Agence France-Presse",
        "language": "en",
        "creators": [],
    }


def test_a_source_without_a_web_address_is_saved_with_its_permalink(client, db):
    source = SourceFactory(
        title="",
        publisher="TASS",
        url="javascript:alert(1)",
        published=datetime.date(2025, 7, 1),
        language="ru",
    )

    html, url = _page(client, source)

    assert zotero_item(html, url) == {
        "itemType": "newspaperArticle",
        "title": "Report by TASS, 1 July 2025",
        "date": "2025/07/01",
        "url": url,
        "publicationTitle": "TASS",
        "language": "ru",
        "creators": [],
    }
    assert "javascript:" not in _coins(html)["rft.identifier"][0]


def test_the_coins_of_a_call_read_back_as_its_citation(client, seed):
    html, url = _page(client, seed.putin_call)

    assert _coins(html) == {
        "ctx_ver": ["Z39.88-2004"],
        "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dc"],
        "rfr_id": ["info:sid/diplo"],
        "rft.type": ["webpage"],
        "rft.title": ["Phone call: Emmanuel Macron and Vladimir Putin, 1 July 2025"],
        "rft.date": ["2025-07-01"],
        "rft.publisher": ["Diplo"],
        "rft.identifier": [url],
        "rft.language": ["en"],
    }


def test_the_coins_of_a_source_name_its_outlet(client, seed):
    html, url = _page(client, seed.reuters_source)

    assert _coins(html) == {
        "ctx_ver": ["Z39.88-2004"],
        "rft_val_fmt": ["info:ofi/fmt:kev:mtx:dc"],
        "rfr_id": ["info:sid/diplo"],
        "rft.type": ["newspaperArticle"],
        "rft.title": ["France's Macron presses Iran's Raisi on detained nationals"],
        "rft.date": ["2023-06-11"],
        "rft.publisher": ["Reuters"],
        "rft.source": ["Reuters"],
        "rft.identifier": [url],
        "rft.language": ["en"],
    }


def test_hostile_titles_stay_text_in_the_meta_tags_and_the_coins(client, db):
    source = SourceFactory(title=HOSTILE, publisher='Wire "X" <b>', url="https://example.org/a")
    leader = LeaderFactory(name='Evil "><script>alert(3)</script>')
    call = CallFactory(kind=CallKind.PHONE, date=datetime.date(2024, 1, 2), participants=[leader])

    source_html, source_url = _page(client, source)
    call_html, call_url = _page(client, call)

    for html in (source_html, call_html):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    source_item = zotero_item(source_html, source_url)
    assert source_item["title"] == HOSTILE
    assert source_item["publicationTitle"] == 'Wire "X" <b>'
    assert _coins(source_html)["rft.title"] == [HOSTILE]
    assert "1%2B1" in source_html  # a "+" of the title is not a space
    assert _coins(source_html)["rft.publisher"] == ['Wire "X" <b>']
    call_title = 'Phone call: Evil "><script>alert(3)</script>, 2 January 2024'
    assert zotero_item(call_html, call_url)["title"] == call_title
    assert _coins(call_html)["rft.title"] == [call_title]


def test_the_reader_follows_the_translators_rules():
    """The helper itself: Highwire names win over Dublin Core, a journal title makes a
    journal article, authors split at semicolons, a webpage keeps no publisher."""
    page = (
        "<html><head>"
        '<meta name="DC.title" content="From DC">'
        '<meta name="citation_title" content="  From   Highwire ">'
        '<meta name="citation_journal_title" content="A Journal">'
        '<meta name="citation_author" content="Doe, Jane; John Smith">'
        '<meta name="citation_publication_date" content="2001/02/03">'
        '<meta name="citation_date" content="2004/05/06">'
        '<link rel="canonical" href="https://example.org/canonical">'
        "</head><body></body></html>"
    )
    webpage = (
        '<html><head><meta property="og:type" content="website">'
        '<meta name="citation_title" content="T"><meta name="DC.publisher" content="P">'
        '<meta name="DC.source" content="Site"></head><body></body></html>'
    )

    assert zotero_item(page, "https://example.org/page") == {
        "itemType": "journalArticle",
        "title": "From Highwire",
        "publicationTitle": "A Journal",
        "date": "2004/05/06",
        "url": "https://example.org/canonical",
        "creators": [
            {"firstName": "Jane", "lastName": "Doe", "creatorType": "author"},
            {"firstName": "John", "lastName": "Smith", "creatorType": "author"},
        ],
    }
    assert zotero_item(webpage, "https://example.org/w") == {
        "itemType": "webpage",
        "title": "T",
        "websiteTitle": "Site",
        "url": "https://example.org/w",
        "creators": [],
    }
