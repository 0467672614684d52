"""`manage.py import_articles` and `export_calls`: formats, summary, idempotency, dry runs."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from archive.models import (
    Call,
    Country,
    Evidence,
    Leader,
    Participation,
    Report,
    Source,
    Statement,
    Term,
    Topic,
)
from archive.serialization import CSV_COLUMNS

from .conftest import SEEDS, export_json, import_articles, run_command, write

pytestmark = pytest.mark.django_db

PUTIN_CALL = (
    "French President Emmanuel Macron spoke by phone with Russian President Vladimir Putin "
    "on March 3, 2024, the Elysee said. The two leaders discussed the war in Ukraine."
)
NO_CALL = "The French government presented its budget on Tuesday. Markets were calm."
MODELS = (Country, Leader, Term, Topic, Source, Call, Participation, Report, Evidence, Statement)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def test_a_second_import_of_the_same_files_changes_nothing(seeds, knowledge):
    assert import_articles(seeds).status == 0
    before = counts()
    stamps = list(Call.objects.order_by("pk").values_list("pk", "updated_at", "slug"))

    run = import_articles(seeds)

    assert run.status == 0
    assert counts() == before
    assert list(Call.objects.order_by("pk").values_list("pk", "updated_at", "slug")) == stamps
    assert "Imported 0 source(s)." in run.stdout
    assert "skipped as already archived: 3" in run.stdout


def test_the_same_text_under_another_name_is_skipped(tmp_path, knowledge):
    text = PUTIN_CALL.replace(". ", ".\n\n")
    write(tmp_path, "a.txt", text)
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "b.txt").write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode())
    import_articles(tmp_path / "a.txt")

    run = import_articles(tmp_path / "copy", verbosity=2)

    assert "b.txt: skipped, already archived (source #" in run.stdout
    assert Source.objects.count() == 1


def test_the_summary_counts_sources_calls_leaders_and_sources_without_calls(seeds, knowledge):
    write(seeds, "nothing.txt", NO_CALL)
    write(seeds, "bad.json", "{")

    run = import_articles(seeds)

    assert run.stdout.splitlines() == [
        "Imported 4 source(s).",
        "  calls: 4 created, 1 merged into existing calls, 0 left for review",
        "  leaders created (unverified): 0",
        "  skipped as already archived: 0",
        "  ignored (not articles): expected.json",
        "  failed: 1",
        "  no call found in 1 source(s): nothing.txt",
    ]
    assert run.stderr.splitlines() == [
        "bad.json: malformed JSON (Expecting property name enclosed in double quotes at line 1)"
    ]
    assert run.status == 1
    assert run.error.startswith("1 of 5 article(s) or file(s) failed")


def test_verbosity_2_reports_each_article(seeds, knowledge):
    run = import_articles(seeds, verbosity=2)

    assert "000_4a83e60193c08f48.txt: imported, 2 call(s) created" in run.stdout
    assert "002_a0228c27b5a27831.txt: imported, 1 merged into existing calls" in run.stdout


def test_verbosity_0_prints_only_failures(tmp_path, knowledge):
    write(tmp_path, "good.txt", PUTIN_CALL)
    (tmp_path / "empty.txt").write_text("")

    run = import_articles(tmp_path, verbosity=0)

    assert run.stdout == ""
    assert run.stderr == "empty.txt: empty file\n"
    assert run.status == 1


def test_a_dry_run_writes_nothing_but_says_what_would_happen(seeds, knowledge):
    before = counts()

    run = import_articles(seeds, dry_run=True)

    assert counts() == before
    assert "Would import 3 source(s)." in run.stdout
    assert "calls: 4 created, 1 merged" in run.stdout
    assert "Dry run: nothing was written." in run.stdout


def test_a_dry_run_into_an_empty_archive_loads_nothing_either(seeds, knowledge_dir):
    run = import_articles(seeds, knowledge_dir=knowledge_dir, dry_run=True)

    assert "loaded the knowledge base first" in run.stdout
    assert "Would import 3 source(s)." in run.stdout
    assert counts() == dict.fromkeys(counts(), 0)


def test_an_empty_archive_gets_the_gazetteer_first(seeds, knowledge_dir):
    run = import_articles(seeds, knowledge_dir=knowledge_dir)

    assert run.stdout.startswith("The database had no leaders: loaded the knowledge base first")
    assert Leader.objects.verified().count() == 6
    assert Call.objects.count() == 4


def test_a_source_without_calls_is_said_so(tmp_path, knowledge):
    write(tmp_path, "budget.txt", NO_CALL)

    run = import_articles(tmp_path / "budget.txt")

    assert "no call found in 1 source(s): budget.txt" in run.stdout
    assert Source.objects.without_calls().count() == 1


def test_json_records_carry_their_metadata(tmp_path, knowledge):
    records = [
        {
            "body": PUTIN_CALL,
            "title": "Macron and Putin speak",
            "url": "https://example.org/a",
            "publisher": "Example Wire",
            "published": "2024-03-04T09:00:00Z",
        },
        {"body": NO_CALL},
    ]
    write(tmp_path, "batch.json", json.dumps(records))

    run = import_articles(tmp_path / "batch.json")

    assert run.status == 0, run.output
    source = Source.objects.get(origin="batch.json#1")
    assert (source.title, source.url, source.publisher, source.published.isoformat()) == (
        "Macron and Putin speak",
        "https://example.org/a",
        "Example Wire",
        "2024-03-04",
    )
    assert Source.objects.filter(origin="batch.json#2").exists()


def test_one_json_object_is_one_article(tmp_path, knowledge):
    write(tmp_path, "one.json", json.dumps({"body": PUTIN_CALL, "title": "T"}))

    assert import_articles(tmp_path / "one.json").status == 0

    assert Source.objects.get().origin == "one.json"


def test_json_lines_are_read_record_by_record(tmp_path, knowledge):
    lines = [json.dumps({"body": PUTIN_CALL}), "", "{not json", json.dumps({"body": NO_CALL})]
    write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")

    run = import_articles(tmp_path / "feed.jsonl")

    assert run.stderr.startswith("feed.jsonl#3: malformed JSON")
    assert sorted(Source.objects.values_list("origin", flat=True)) == [
        "feed.jsonl#1",
        "feed.jsonl#4",
    ]
    assert run.status == 1


def test_an_html_page_gives_its_main_text_title_and_date(tmp_path, knowledge):
    page = f"""<!DOCTYPE html><html><head><title>Macron and Putin speak | Example</title>
    <meta property="og:title" content="Macron and Putin speak">
    <meta property="og:site_name" content="Example News">
    <meta name="date" content="2024-03-04">
    </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Macron and Putin speak</h1><p>{PUTIN_CALL}</p>
    <p>The call lasted an hour, according to the French presidency, which gave no details.</p>
    </article><footer>Copyright Example News</footer></body></html>"""
    write(tmp_path, "page.html", page)

    run = import_articles(tmp_path / "page.html")

    assert run.status == 0, run.output
    source = Source.objects.get()
    assert source.title == "Macron and Putin speak"
    assert source.published.isoformat() == "2024-03-04"
    assert "Copyright" not in source.body
    assert "Home" not in source.body
    assert Call.objects.get().date.isoformat() == "2024-03-03"


def test_an_html_page_whose_story_opens_with_a_wire_dateline_keeps_it(tmp_path, knowledge):
    page = """<!DOCTYPE html><html><head><title>Macron and Putin speak | Example</title>
    <meta property="og:site_name" content="Example News"></head><body>
    <article><h1>Macron and Putin speak</h1>
    <p>PARIS, March 4 (Reuters) - French President Emmanuel Macron spoke by phone with
    Russian President Vladimir Putin on Monday, the Elysee said.</p>
    <p>The two leaders discussed the war in Ukraine and the safety of nuclear plants.</p>
    </article></body></html>"""
    path = write(tmp_path, "wire.html", page)

    run = import_articles(path)

    assert run.status == 0, run.output
    source = Source.objects.get()
    assert source.title == "Macron and Putin speak"
    assert source.body.startswith("PARIS, March 4 (Reuters) - French President")
    assert source.dateline == "PARIS"


def test_a_progress_bar_is_drawn_on_stderr_when_asked(tmp_path, knowledge):
    for number in range(3):
        write(tmp_path / "in", f"{number}.txt", PUTIN_CALL.replace("3", f"{number + 3}", 1))

    run = import_articles(tmp_path / "in", progress=True)

    assert "Importing" in run.stderr
    assert "3/3" in run.stderr


def test_no_progress_bar_when_stdout_is_not_a_terminal(tmp_path, knowledge):
    for number in range(25):
        write(
            tmp_path / "in", f"{number}.txt", PUTIN_CALL.replace("March 3", f"March {number + 1}")
        )

    run = import_articles(tmp_path / "in")

    assert run.stderr == ""
    assert "Imported 25 source(s)." in run.stdout


# --- export_calls -----------------------------------------------------------------------------


def test_export_json_is_a_list_of_every_call(seeds, knowledge):
    import_articles(seeds)

    calls = export_json()

    assert len(calls) == Call.objects.count() == 4
    assert set(calls[0]) == {
        "id",
        "url",
        "date",
        "date_precision",
        "date_inferred",
        "kind",
        "duration_minutes",
        "duration_qualifier",
        "initiator",
        "participants",
        "topics",
        "sources",
        "one_sided",
        "status",
        "cameo_code",
    }


def test_export_of_an_empty_archive_is_an_empty_list(db):
    assert export_json() == []


def test_export_jsonl_has_one_call_a_line(seeds, knowledge):
    import_articles(seeds)

    run = run_command("export_calls", format="jsonl")

    lines = run.stdout.splitlines()
    assert len(lines) == 4
    assert {json.loads(line)["id"] for line in lines} == set(
        Call.objects.values_list("pk", flat=True)
    )


def test_export_csv_has_the_export_columns(seeds, knowledge):
    import_articles(seeds)

    run = run_command("export_calls", format="csv", base_url="https://diplo.example.org/")

    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 4
    merged = next(row for row in rows if row["date"] == "2023-06-10")
    sources = Source.objects.filter(reports__call_id=merged["id"]).order_by("reports__role", "pk")
    assert merged["url"].startswith("https://diplo.example.org/calls/")
    assert merged["source_permalinks"].splitlines() == [
        f"https://diplo.example.org/sources/{source.pk}/" for source in sources
    ]
    assert merged["sources"].splitlines() == [str(source) for source in sources]
    assert ".txt" not in run.stdout
    assert run.stderr == ""


def test_export_without_a_site_says_its_permalinks_are_paths(seeds, knowledge):
    import_articles(seeds / "004_5c21ec6209ce2a68.txt")

    run = run_command("export_calls", format="jsonl")

    assert json.loads(run.stdout.splitlines()[0])["url"].startswith("/calls/")
    assert "give --base-url https://diplo.example.org, or set SITE_URL" in run.stderr


def test_export_refuses_a_base_url_that_is_no_site(db):
    run = run_command("export_calls", base_url="diplo.example.org")

    assert run.status == 1
    assert "--base-url must be a site such as https://diplo.example.org" in run.output


def test_an_untitled_wire_story_is_dated_by_its_dateline_and_named_honestly(seeds, knowledge):
    import_articles(seeds / "004_5c21ec6209ce2a68.txt")

    source = Source.objects.get()
    assert source.title == ""
    # "PARIS, July 1" and a previous call "near three years" before, on September 22, 2022.
    assert source.published.isoformat() == "2025-07-01"
    # Not its first sentence cut short ("PARIS, July 1. /TASS/. French President…").
    assert str(source) == "Report by TASS, 1 July 2025"


def test_a_call_no_report_dates_is_listed_for_an_editor(tmp_path, knowledge):
    path = write(tmp_path, "undated.txt", PUTIN_CALL.replace(" on March 3, 2024", " on Tuesday"))

    run = import_articles(path)

    call = Call.objects.get()
    assert call.date is None
    assert f"undated, for an editor to date: #{call.pk}" in run.stdout


def test_an_undated_report_merged_into_a_dated_call_is_not_listed(tmp_path, knowledge):
    # Undated, but published the next day: the call is the one of the week before.
    undated = write(
        tmp_path, "a.txt", "date 2024-03-04\n" + PUTIN_CALL.replace(" on March 3, 2024", "")
    )
    dated = write(tmp_path, "b.txt", PUTIN_CALL)

    run = import_articles(undated, dated)

    assert Call.objects.get().date.isoformat() == "2024-03-03"
    assert "for an editor to date" not in run.stdout
