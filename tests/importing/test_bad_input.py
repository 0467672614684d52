"""Bad input: each file gets one clear message naming it and the reason; the batch goes on."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from archive.models import Source

from .conftest import import_articles, write

pytestmark = pytest.mark.django_db

GOOD = "Emmanuel Macron spoke by phone with Vladimir Putin on Monday, the Elysee said.\n"


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "articles"
    write(folder, "good.txt", GOOD)
    return folder


def failure_line(run, name: str) -> str:
    lines = [line for line in run.stderr.splitlines() if line.startswith(name + ":")]
    assert len(lines) == 1, run.output
    return lines[0]


def assert_batch_went_on(run) -> None:
    assert run.status == 1
    assert "failed" in run.error
    assert Source.objects.filter(origin="good.txt").count() == 1


def test_an_empty_file_is_refused_by_name(folder, knowledge):
    (folder / "empty.txt").write_bytes(b"")

    run = import_articles(folder)

    assert failure_line(run, "empty.txt") == "empty.txt: empty file"
    assert_batch_went_on(run)


def test_a_file_of_whitespace_is_refused(folder, knowledge):
    (folder / "blank.txt").write_bytes(b"  \n\t\n")

    run = import_articles(folder)

    assert failure_line(run, "blank.txt") == "blank.txt: no text (only whitespace)"
    assert_batch_went_on(run)


def test_a_binary_file_is_refused(folder, knowledge):
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    run = import_articles(folder)

    assert "binary file" in failure_line(run, "photo.txt")
    assert_batch_went_on(run)


def test_bytes_that_are_no_known_text_are_refused(folder, knowledge):
    noise = bytes((i * 97 + 31) % 256 for i in range(4000)).replace(b"\x00", b"\x01")
    (folder / "noise.txt").write_bytes(noise)

    run = import_articles(folder)

    line = failure_line(run, "noise.txt")
    assert "not UTF-8" in line or "binary" in line
    assert_batch_went_on(run)


def test_text_in_another_encoding_is_detected_and_decoded(folder, knowledge):
    text = (
        "Le président Emmanuel Macron s'est entretenu jeudi avec Vladimir Poutine. "
        "L'Élysée a précisé que la conversation a duré deux heures et a porté sur "
        "la sécurité de la centrale nucléaire. Cécile Kohler reste détenue en Iran. "
    ) * 3
    (folder / "latin.txt").write_bytes(text.encode("cp1252"))

    run = import_articles(folder, verbosity=3)

    assert run.stderr == ""
    source = Source.objects.get(origin="latin.txt")
    assert source.body == text
    assert "decoded as" in run.stdout


def test_a_utf16_file_with_a_byte_order_mark_is_read(folder, knowledge):
    (folder / "utf16.txt").write_bytes(GOOD.replace("Monday", "Friday").encode("utf-16"))

    run = import_articles(folder)

    assert run.status == 0, run.output
    assert "Friday" in Source.objects.get(origin="utf16.txt").body


def test_a_file_over_the_size_limit_is_refused_without_reading_it(folder, knowledge, settings):
    big = folder / "huge.txt"
    with big.open("wb") as handle:  # 50 MB, sparse: written in no time, never read
        handle.truncate(50 * 1024 * 1024)

    started = time.perf_counter()
    run = import_articles(folder)
    elapsed = time.perf_counter() - started

    line = failure_line(run, "huge.txt")
    assert "too large (50.0 MB; the limit is 5.0 MB)" in line
    assert elapsed < 5
    assert_batch_went_on(run)


def test_the_size_limit_comes_from_the_settings(folder, knowledge, settings):
    settings.DIPLO_MAX_ARTICLE_BYTES = 40
    run = import_articles(folder)

    assert "too large" in failure_line(run, "good.txt")
    assert run.status == 1


def test_malformed_json_is_refused(folder, knowledge):
    write(folder, "broken.json", '{"body": "Macron spoke with Putin", ')

    run = import_articles(folder)

    assert "broken.json: malformed JSON" in failure_line(run, "broken.json")
    assert_batch_went_on(run)


def test_a_json_record_without_a_body_is_refused(tmp_path, knowledge):
    path = write(tmp_path, "records.json", '[{"body": "' + GOOD.strip() + '"}, {"title": "x"}]')

    run = import_articles(path)

    assert failure_line(run, "records.json#2") == "records.json#2: no 'body' text in the record"
    assert Source.objects.filter(origin="records.json#1").count() == 1
    assert run.status == 1


def test_a_missing_path_is_reported(folder, knowledge, tmp_path):
    missing = tmp_path / "nowhere.txt"

    run = import_articles(missing, folder)

    assert failure_line(run, str(missing)) == f"{missing}: no such file or folder"
    assert_batch_went_on(run)


def test_an_unreadable_file_is_reported(folder, knowledge, monkeypatch):
    secret = write(folder, "secret.txt", GOOD.replace("Monday", "Sunday"))
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        if self.name == secret.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    # The suite may run as root, who reads anything: the denial is simulated.
    monkeypatch.setattr(Path, "open", guarded_open)

    run = import_articles(folder)

    assert failure_line(run, "secret.txt") == "secret.txt: permission denied"
    assert_batch_went_on(run)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_reported(folder, knowledge):
    secret = write(folder, "secret.txt", GOOD.replace("Monday", "Sunday"))
    secret.chmod(0)
    try:
        run = import_articles(folder)
    finally:
        secret.chmod(0o644)

    assert failure_line(run, "secret.txt") == "secret.txt: permission denied"


def test_an_unsupported_file_named_directly_is_refused(tmp_path, knowledge):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")

    run = import_articles(path)

    assert "scan.pdf: unsupported file type '.pdf'" in failure_line(run, str(path))


def test_other_files_in_a_folder_are_passed_over(folder, knowledge):
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")

    run = import_articles(folder)

    assert run.status == 0, run.output
    assert Source.objects.count() == 1


def test_a_json_file_of_other_data_in_a_folder_is_ignored_not_failed(folder, knowledge):
    write(folder, "expected.json", '{"calls": [], "leaders": []}')

    run = import_articles(folder)

    assert run.status == 0, run.output
    assert "ignored (not articles): expected.json" in run.stdout


def test_a_failure_inside_an_article_keeps_nothing_of_it(folder, knowledge, monkeypatch):
    from archive import importer
    from archive.models import Call, Evidence, Report

    write(folder, "second.txt", GOOD.replace("Monday", "Tuesday"))
    real = importer.Importer.link_calls

    def fail_after_the_source(self, source, record, outcome):
        calls = real(self, source, record, outcome)
        if source.origin == "second.txt":
            raise RuntimeError("disk on fire")
        return calls

    monkeypatch.setattr(importer.Importer, "link_calls", fail_after_the_source)

    run = import_articles(folder)

    line = failure_line(run, "second.txt")
    assert "disk on fire" in line
    assert "nothing of it was kept" in line
    assert list(Source.objects.values_list("origin", flat=True)) == ["good.txt"]
    assert Report.objects.exclude(source__origin="good.txt").count() == 0
    assert Call.objects.count() == 1
    assert Evidence.objects.exclude(report__source__origin="good.txt").count() == 0
    assert run.status == 1
