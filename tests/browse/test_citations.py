"""Citations: exact text in Chicago and APA, and the BibTeX, RIS and CSL-JSON files."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.citations import Citation, cite_call, cite_source
from archive.enums import CallKind, DatePrecision
from tests.factories import (
    CallFactory,
    CountryFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

ACCESSED = datetime.date(2026, 11, 23)
PERMALINK = "https://diplo.example/calls/7/2023-06-10-ebrahim-raisi-emmanuel-macron-phone/"


@pytest.fixture
def call(db):
    france = CountryFactory(code="FR", name="France")
    iran = CountryFactory(code="IR", name="Iran")
    return CallFactory(
        date=datetime.date(2023, 6, 10),
        kind=CallKind.PHONE,
        participants=[
            LeaderFactory(name="Emmanuel Macron", slug="emmanuel-macron", country=france),
            LeaderFactory(name="Ebrahim Raisi", slug="ebrahim-raisi", country=iran),
        ],
    )


@pytest.fixture
def citation(call) -> Citation:
    return cite_call(call, PERMALINK, ACCESSED)


def test_chicago_citation_of_a_call(citation, call):
    assert citation.chicago() == (
        "“Phone call: Ebrahim Raisi and Emmanuel Macron, 10 June 2023.” Diplo. "
        f"Accessed November 23, 2026. {PERMALINK}."
    )


def test_apa_citation_of_a_call(citation):
    assert citation.apa() == (
        "Diplo. (2023, June 10). Phone call: Ebrahim Raisi and Emmanuel Macron, 10 June 2023 "
        f"[Archival record]. Retrieved November 23, 2026, from {PERMALINK}"
    )


def test_apa_citation_of_a_call_known_to_the_month(call):
    call.date_precision = DatePrecision.MONTH

    assert cite_call(call, PERMALINK, ACCESSED).apa().startswith("Diplo. (2023, June). ")


def test_bibtex_of_a_call(citation, call):
    assert citation.bibtex() == (
        f"@misc{{diplo-call-{call.pk},\n"
        "  title = {{Phone call: Ebrahim Raisi and Emmanuel Macron, 10 June 2023}},\n"
        "  howpublished = {Diplo},\n"
        "  year = {2023},\n"
        "  month = jun,\n"
        "  date = {2023-06-10},\n"
        f"  url = {{{PERMALINK}}},\n"
        "  urldate = {2026-11-23},\n"
        "  note = {Accessed 2026-11-23}\n"
        "}\n"
    )


def test_ris_of_a_call(citation, call):
    assert citation.ris().split("\r\n") == [
        "TY  - ELEC",
        f"ID  - diplo-call-{call.pk}",
        "TI  - Phone call: Ebrahim Raisi and Emmanuel Macron, 10 June 2023",
        "T2  - Diplo",
        "PB  - Diplo",
        "PY  - 2023",
        "DA  - 2023/06/10/",
        f"UR  - {PERMALINK}",
        "Y2  - 2026/11/23/",
        "DB  - Diplo",
        "ER  - ",
        "",
    ]


def test_csl_json_of_a_call(citation, call):
    assert json.loads(citation.csl_json()) == [
        {
            "id": f"diplo-call-{call.pk}",
            "type": "webpage",
            "title": "Phone call: Ebrahim Raisi and Emmanuel Macron, 10 June 2023",
            "container-title": "Diplo",
            "publisher": "Diplo",
            "URL": PERMALINK,
            "issued": {"date-parts": [[2023, 6, 10]]},
            "accessed": {"date-parts": [[2026, 11, 23]]},
        }
    ]


def test_bibtex_escapes_special_characters():
    citation = Citation("k", "R&D: 50% of {budget} #1_a", "https://x.example/a%20b", ACCESSED)

    assert "title = {{R\\&D: 50\\% of \\{budget\\} \\#1\\_a}}" in citation.bibtex()
    assert "url = {https://x.example/a\\%20b}" in citation.bibtex()


def test_chicago_and_apa_citations_of_a_source(db):
    source = SourceFactory(
        title="Macron and Raisi discuss nuclear programme by phone",
        publisher="Agence France-Presse",
        published=datetime.date(2023, 6, 10),
        url="https://example.org/afp/1",
    )
    citation = cite_source(source, "https://diplo.example/sources/3/", ACCESSED)

    assert citation.chicago() == (
        "“Macron and Raisi discuss nuclear programme by phone.” Agence France-Presse, "
        "June 10, 2023. https://example.org/afp/1. Archived in Diplo. "
        "Accessed November 23, 2026. https://diplo.example/sources/3/."
    )
    assert citation.apa() == (
        "Agence France-Presse. (2023, June 10). Macron and Raisi discuss nuclear programme "
        "by phone. https://example.org/afp/1. Archived in Diplo. Retrieved November 23, 2026, "
        "from https://diplo.example/sources/3/"
    )


def test_call_page_shows_citations_with_the_absolute_permalink_and_today(client, call):
    response = client.get(call.get_absolute_url())

    expected = cite_call(call, f"http://testserver{call.get_absolute_url()}", timezone.localdate())
    assert response.context["citation"] == expected
    assert expected.chicago() in response.content.decode().replace("&quot;", '"')


@pytest.mark.parametrize(
    ("extension", "content_type", "start"),
    [
        ("bib", "application/x-bibtex; charset=utf-8", "@misc{diplo-call-"),
        ("ris", "application/x-research-info-systems; charset=utf-8", "TY  - ELEC"),
        ("json", "application/vnd.citationstyles.csl+json; charset=utf-8", "["),
    ],
)
def test_citation_files_download(client, call, extension, content_type, start):
    response = client.get(reverse("archive:call-cite", args=[call.pk, extension]))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="diplo-call-{call.pk}.{extension}"'
    )
    assert response.content.decode().startswith(start)


def test_source_citation_file_downloads(client, seed):
    response = client.get(reverse("archive:source-cite", args=[seed.raisi_source.pk, "ris"]))

    assert response.content.decode().splitlines()[:2] == [
        "TY  - NEWS",
        f"ID  - diplo-source-{seed.raisi_source.pk}",
    ]


def test_chicago_citation_of_a_source_without_publisher_or_date(db):
    source = SourceFactory(
        title="", publisher="", published=None, url="", origin="a.txt", body="Leaders spoke."
    )
    citation = cite_source(source, "https://diplo.example/sources/4/", ACCESSED)

    # An untitled source is described, never named by the file it came from.
    assert citation.chicago() == (
        "“Unattributed report, undated.” n.d. Archived in Diplo. Accessed November 23, 2026. "
        "https://diplo.example/sources/4/."
    )


LONG_OPENING = (
    "French President Emmanuel Macron holds a bilateral meeting with Iranian President Ebrahim"
    " Raisi on the sidelines of the 77th U.N. General Assembly in New York City."
)


@pytest.mark.parametrize(
    ("publisher", "url", "published", "name"),
    [
        ("TASS", "", datetime.date(2025, 7, 1), "Report by TASS, 1 July 2025"),
        (
            "",
            "https://www.dailysabah.com/x",
            datetime.date(2023, 6, 10),
            "Report by dailysabah.com, 10 June 2023",
        ),
        ("", "", datetime.date(2023, 6, 10), "Unattributed report, 10 June 2023"),
        ("Reuters", "", None, "Report by Reuters, undated"),
    ],
)
def test_a_source_without_a_headline_is_never_named_by_a_cut_sentence(
    client, db, publisher, url, published, name
):
    """Its first sentence cut at 90 characters ("...Iranian President Ebrahim…") was the
    heading of its page and the title of every citation."""
    source = SourceFactory(
        title="", publisher=publisher, url=url, published=published, body=LONG_OPENING
    )
    call = CallFactory(participants=[])
    ReportFactory(call=call, source=source)
    StatementFactory(call=call, source=source, speaker="the Elysee", text="Leaders spoke.")

    page = client.get(source.get_absolute_url()).content.decode()
    call_page = client.get(call.get_absolute_url(), follow=True).content.decode()
    ris = client.get(reverse("archive:source-cite", args=[source.pk, "ris"])).content.decode()
    found = client.get("/search/", {"q": "bilateral meeting"}).content.decode()

    assert str(source) == name
    assert f'<h1 id="source-heading">{name}</h1>' in page
    assert f"“{name}.”" in page  # the Chicago citation
    assert f"TI  - {name}" in ris
    assert name in call_page
    # Its name holds its publisher and date: they are not said again beside it.
    assert f'<a href="{source.get_absolute_url()}">{name}</a>\n' in found
    for shown in (page, call_page, ris):
        assert "Ebrahim…" not in shown
