"""Records with script in every text field, unsafe addresses, formula-leading names and
control characters: imported, and then every page, feed, CSV, JSON and citation checked."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from archive.models import Call, Leader, Source, Topic
from tests.importing.conftest import import_articles

from .conftest import SCRIPT, assert_nothing_runs, body_of, every_page

pytestmark = pytest.mark.django_db

BODY = (
    "Emmanuel Macron spoke by phone with Ebrahim Raisi on Saturday, the Elysee said. "
    f"{SCRIPT} The two leaders discussed the nuclear programme and drones.\x02 "
    "Raisi said: \"<img src=x onerror=alert('quote')> France must respect the deal.\"\x03 "
    "Macron urged Iran to return to its nuclear commitments.\x00"
)
RECORDS = [
    {
        "title": f"{SCRIPT} Macron and Raisi talk",
        "publisher": '=HYPERLINK("http://evil.example","click")',
        "url": "JaVaScRiPt:alert(document.cookie)",
        "published": "2023-06-10",
        "body": BODY,
    },
    {
        "title": "Macron and Raisi, again",
        "publisher": "@SUM(1+1)",
        "url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "published": "2023-06-11",
        "body": "Macron and Raisi spoke by phone on Saturday, Iranian media said. " + SCRIPT,
    },
    {
        "title": "<b>Putin</b>",
        "url": "java\tscript:alert(2)",
        "body": "Vladimir Putin spoke by phone with Emmanuel Macron on Tuesday.\x00",
    },
]


@pytest.fixture
def hostile(tmp_path, knowledge):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = "\n".join(json.dumps(record) for record in RECORDS)
    (folder / "records.jsonl").write_text(lines, "utf-8")
    (folder / "=1+2.txt").write_text(
        "Emmanuel Macron and Ebrahim Raisi spoke by phone on 2 July 2023.", "utf-8"
    )
    run = import_articles(folder)
    assert run.status == 0, run.output
    return run


def test_an_import_reports_every_address_that_is_not_a_web_one(hostile):
    out = hostile.stdout
    assert "records.jsonl#1: the address 'JaVaScRiPt:alert(document.cookie)' is not a web" in out
    assert "records.jsonl#2: the address 'data:text/html;base64," in out
    assert "records.jsonl#3: the address 'java script:alert(2)' is not a web" in out
    assert "removed 3 control characters (such as NUL)" in out


def test_records_are_kept_as_written_less_their_control_characters(hostile):
    first = Source.objects.get(origin="records.jsonl#1")
    # Nothing is lost: the markup, the formula and the address are kept as text.
    assert first.title == f"{SCRIPT} Macron and Raisi talk"
    assert first.publisher == '=HYPERLINK("http://evil.example","click")'
    assert first.url == "JaVaScRiPt:alert(document.cookie)"
    assert first.body == BODY.replace("\x02", "").replace("\x03", "").replace("\x00", "")


def test_every_page_feed_csv_json_and_citation_runs_nothing(client, hostile):
    leader = Leader.objects.get(slug="ebrahim-raisi")
    leader.name = "=cmd|' /C calc'!A0 <script>alert('leader')</script>"
    leader.save()
    topic = Topic.objects.filter(calls__isnull=False).first()
    topic.name = "<img src=x onerror=alert('topic')>"
    topic.save()
    checked = 0
    for source in Source.objects.all():
        for call in Call.objects.filter(reports__source=source):
            for url in every_page(call, source):
                assert_nothing_runs(url, client.get(url))
                checked += 1
    assert checked > 3 * 30


def test_an_unsafe_address_is_shown_as_text_and_never_cited(client, hostile):
    source = Source.objects.get(origin="records.jsonl#1")

    page = client.get(source.get_absolute_url()).content.decode()
    bib = client.get(f"/sources/{source.pk}/cite.bib").content.decode()
    ris = client.get(f"/sources/{source.pk}/cite.ris").content.decode()
    csl = json.loads(client.get(f"/sources/{source.pk}/cite.json").content)

    assert '<span class="unlinked-url">JaVaScRiPt:alert(document.cookie)</span>' in page
    assert f"url = {{http://testserver/sources/{source.pk}/}}" in bib
    assert "javascript" not in ris.lower()
    assert csl[0]["URL"] == f"http://testserver/sources/{source.pk}/"


def test_a_web_address_stays_a_link_and_the_citation_url(client, tmp_path, knowledge):
    record = {"url": "https://example.org/a?b=1", "title": "Fine", "body": RECORDS[2]["body"]}
    (tmp_path / "ok.json").write_text(json.dumps(record), "utf-8")
    import_articles(tmp_path / "ok.json")
    source = Source.objects.get()

    page = client.get(source.get_absolute_url()).content.decode()
    csl = json.loads(client.get(f"/sources/{source.pk}/cite.json").content)

    assert '<a href="https://example.org/a?b=1" rel="noopener noreferrer">' in page
    assert csl[0]["URL"] == "https://example.org/a?b=1"


def test_the_feed_gives_markup_as_text(client, hostile):
    Call.objects.update(summary=f"Summary {SCRIPT}")

    feed = client.get("/calls/feed/").content.decode()

    assert '<summary type="text">Summary &lt;script&gt;alert(' in feed
    assert 'type="html"' not in feed


def test_cells_that_would_start_a_formula_are_neutralised_but_readable(client, hostile):
    leader = Leader.objects.get(slug="ebrahim-raisi")
    leader.name = "-2+3 Raisi"
    leader.save()
    call = Call.objects.get(reports__source__origin="=1+2.txt")
    # Exports name a source by its title (never its file): a title that is a formula.
    Source.objects.filter(origin="=1+2.txt").update(title="=1+2 HYPERLINK")

    listed = body_of(client.get("/calls.csv")).decode()
    single = body_of(client.get(f"/calls/{call.pk}.csv")).decode()
    out = io.StringIO()
    call_command("export_calls", format="csv", stdout=out, stderr=io.StringIO())

    for text in (listed, single, out.getvalue()):
        rows = list(csv.DictReader(io.StringIO(text)))
        row = next(r for r in rows if r["id"] == str(call.pk))
        assert row["sources"].startswith("'=1+2 HYPERLINK")
        assert row["participants"] == "'-2+3 Raisi; Emmanuel Macron"
    # JSON is data, not a spreadsheet: the names as they are.
    data = json.loads(client.get(f"/calls/{call.pk}.json").content)
    assert data["participants"][0]["name"] == "-2+3 Raisi"


def test_control_characters_make_no_highlight(client, hostile):
    response = client.get("/search/?q=nuclear")

    html = response.content.decode()
    assert "<mark>nuclear</mark>" in html
    assert html.count("<mark>") == html.count("<mark>nuclear</mark>")
