"""What an editor judged survives imports: "not the same" is remembered by the sources'
texts; a call reported by one side's government only is one-sided, until the other's
report arrives."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from archive import review
from archive.models import Call, PossibleDuplicate, Source

from .conftest import MACRON, PUTIN, call, export_json, import_articles, record, write

pytestmark = pytest.mark.django_db

JUNE_10 = datetime.date(2023, 6, 10)
JUNE_20 = datetime.date(2023, 6, 20)


def open_pairs() -> set[tuple[int, int]]:
    return set(review.items(review.DUPLICATE).values_list("call_id", "other_id"))


def imported(folder, name: str, text: str):
    write(folder, name, text)
    run = import_articles(folder / name, verbosity=2)
    assert run.status == 0, run.output
    return run


@pytest.fixture
def judged(tmp_path, knowledge, records):
    """Two dated calls, an undated report the import could not place, and an editor's
    judgement that it is neither of them."""
    texts = {
        "june10.txt": records.add(record("June 10.", call(MACRON, PUTIN, date=JUNE_10))).text,
        "june20.txt": records.add(record("June 20.", call(MACRON, PUTIN, date=JUNE_20))).text,
        "vague.txt": records.add(record("They spoke.", call(MACRON, PUTIN))).text,
    }
    for name, text in texts.items():
        imported(tmp_path, name, text)
    assert len(open_pairs()) == 2
    review.not_the_same(PossibleDuplicate.objects.all())
    assert open_pairs() == set()
    return texts


def test_importing_the_same_files_again_does_not_ask_again(tmp_path, judged):
    run = import_articles(tmp_path)

    assert run.status == 0, run.output
    assert open_pairs() == set()
    assert Call.objects.count() == 3


def test_a_call_imported_again_from_its_article_is_not_asked_about_again(tmp_path, judged):
    # An editor deletes the undated call and its source (to have it read afresh), then
    # imports the article again: the new call is the same text's, already judged.
    source = Source.objects.get(origin__endswith="vague.txt")
    Call.objects.filter(reports__source=source).delete()
    source.delete()

    run = import_articles(tmp_path / "vague.txt", verbosity=3)

    assert run.status == 0, run.output
    assert Call.objects.count() == 3
    assert open_pairs() == set()
    assert "which an editor judged to be other calls" in run.stdout


def test_a_judged_call_is_never_merged_into_even_when_it_is_the_one_candidate(tmp_path, judged):
    # With the June 20 call gone, the undated report would fit the June 10 call alone.
    Call.objects.filter(date=JUNE_20).delete()
    source = Source.objects.get(origin__endswith="vague.txt")
    Call.objects.filter(reports__source=source).delete()
    source.delete()

    import_articles(tmp_path / "vague.txt")

    assert Call.objects.count() == 2
    assert open_pairs() == set()


def test_another_article_is_still_asked_about(tmp_path, judged, records):
    other = records.add(record("They talked.", call(MACRON, PUTIN)))

    imported(tmp_path, "other.txt", other.text)

    assert len(open_pairs()) == 3  # the two dated calls and the judged undated one


# --- one-sided readouts -----------------------------------------------------------------------


def readout(records, text: str, side: str | None, day=JUNE_10):
    rec = record(text, call(MACRON, PUTIN, date=day))
    rec.host_country = side
    return records.add(rec)


def test_a_call_reported_by_one_sides_government_only_is_one_sided(tmp_path, knowledge, records):
    imported(tmp_path, "paris.txt", readout(records, "The French readout.", "FR").text)

    only = Call.objects.get()
    assert only.one_sided is True
    assert list(review.items(review.ONE_SIDE)) == [only]
    assert Source.objects.get().side_id == "FR"


def test_the_other_sides_report_ends_it(tmp_path, knowledge, records):
    imported(tmp_path, "paris.txt", readout(records, "The French readout.", "FR").text)
    imported(tmp_path, "moscow.txt", readout(records, "The Russian readout.", "RU").text)

    assert Call.objects.get().one_sided is False


def test_an_independent_report_ends_it_and_two_of_one_side_keep_it(tmp_path, knowledge, records):
    imported(tmp_path, "a.txt", readout(records, "The French readout.", "FR").text)
    imported(tmp_path, "b.txt", readout(records, "Another French text.", "FR").text)
    assert Call.objects.get().one_sided is True

    imported(tmp_path, "wire.txt", readout(records, "A wire's report.", None).text)

    assert Call.objects.get().one_sided is False


def test_a_side_that_took_no_part_does_not_make_a_call_one_sided(tmp_path, knowledge, records):
    imported(tmp_path, "ankara.txt", readout(records, "A Turkish page.", "TR").text)

    assert Call.objects.get().one_sided is False


def test_a_one_sided_call_says_so_on_its_page_and_in_every_export(
    client, tmp_path, knowledge, records
):
    imported(tmp_path, "paris.txt", readout(records, "The French readout.", "FR").text)
    imported(tmp_path, "wire.txt", readout(records, "Another call.", None, day=JUNE_20).text)
    one_sided = Call.objects.get(date=JUNE_10)
    other = Call.objects.get(date=JUNE_20)

    page = client.get(one_sided.get_absolute_url()).content.decode()
    other_page = client.get(other.get_absolute_url()).content.decode()
    exported = {row["id"]: row["one_sided"] for row in export_json()}
    body = b"".join(client.get("/calls.csv").streaming_content).decode()
    csv_rows = list(csv.DictReader(io.StringIO(body)))

    assert 'id="one-sided-note"' in page
    assert "One-sided" not in other_page
    assert exported == {one_sided.pk: True, other.pk: False}
    assert {row["id"]: row["one_sided"] for row in csv_rows} == {
        str(one_sided.pk): "True",
        str(other.pk): "False",
    }
