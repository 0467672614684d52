"""Files as an attacker or a careless editor leaves them: folders that link to themselves,
NUL late in a file, other encodings, files and records past the size limit, fields that
are not text. Each is read once, the same on both databases, and what was done is said."""

from __future__ import annotations

import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Leader, Source
from archive.readers import InputFile, collect_inputs
from tests.importing.conftest import import_articles

pytestmark = pytest.mark.django_db

ARTICLE = "Emmanuel Macron spoke by phone with Vladimir Putin on Monday, the Elysee said.\n"


def test_a_folder_with_two_links_to_itself_is_walked_once(tmp_path, knowledge):
    folder = tmp_path / "loop"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, "utf-8")
    os.symlink(".", folder / "x")
    os.symlink(".", folder / "y")
    os.symlink(folder / "a.txt", folder / "same.txt")

    found = [item for item in collect_inputs([folder]) if isinstance(item, InputFile)]
    run = import_articles(folder)

    assert [item.origin for item in found] == ["a.txt"]
    assert run.status == 0, run.output
    assert Source.objects.count() == 1


def test_a_link_to_a_parent_folder_does_not_walk_it_twice(tmp_path, knowledge):
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    (top / "a.txt").write_text(ARTICLE, "utf-8")
    (top / "sub" / "b.txt").write_text(ARTICLE.replace("Monday", "Tuesday"), "utf-8")
    os.symlink(top, top / "sub" / "up")

    found = [item.origin for item in collect_inputs([top]) if isinstance(item, InputFile)]

    assert found == ["a.txt", "sub/b.txt"]


def test_nul_late_in_a_text_file_is_removed_and_said(tmp_path, knowledge):
    text = ARTICLE + ("Filler sentence about the weather. " * 300) + "\x00\x00The end.\n"
    path = tmp_path / "late-nul.txt"
    path.write_bytes(text.encode("utf-8"))

    run = import_articles(path)

    source = Source.objects.get()
    assert run.status == 0, run.output
    assert "\x00" not in source.body
    assert source.body.endswith("The end.\n")
    assert "late-nul.txt: removed 2 control characters (such as NUL)" in run.stdout


def test_nul_in_json_fields_is_removed_the_same_way(tmp_path, knowledge):
    record = {"title": "A\u0000title", "publisher": "AFP\u0000", "body": ARTICLE + "\u0000"}
    (tmp_path / "nul.json").write_text(json.dumps(record), "utf-8")

    run = import_articles(tmp_path / "nul.json")

    source = Source.objects.get()
    assert run.status == 0, run.output
    assert (source.title, source.publisher, source.body) == ("Atitle", "AFP", ARTICLE)
    assert "nul.json: removed 3 control characters (such as NUL)" in run.stdout


def test_nul_at_the_start_of_a_text_file_is_still_a_binary_file(tmp_path, knowledge):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" + ARTICLE.encode())

    run = import_articles(tmp_path / "bin.txt")

    assert run.status == 1
    assert "bin.txt: binary file" in run.stderr


def test_a_cp1252_file_is_read_as_cp1252_and_the_guess_is_said(tmp_path, knowledge):
    # charset-normalizer's best guess for these bytes is cp1257 ("Pedro Sįnchez").
    text = "Pedro Sánchez spoke with Emmanuel Macron by phone on Monday."
    (tmp_path / "es.txt").write_bytes(text.encode("cp1252"))

    run = import_articles(tmp_path / "es.txt")

    assert Source.objects.get().body == text
    assert "es.txt: not UTF-8: decoded as cp1252, a guess" in run.stdout
    assert not Leader.objects.filter(name__contains="į").exists()


def test_a_json_lines_file_past_the_limit_is_refused(tmp_path, knowledge, settings):
    settings.DIPLO_MAX_ARTICLE_BYTES = 2_000
    lines = [json.dumps({"body": ARTICLE.replace("Monday", f"day {n}")}) for n in range(40)]
    (tmp_path / "big.jsonl").write_text("\n".join(lines), "utf-8")

    run = import_articles(tmp_path / "big.jsonl")

    assert run.status == 1
    assert "big.jsonl: too large (3,709 bytes; the limit is 2,000 bytes)" in run.stderr
    assert Source.objects.count() == 0


def test_an_upload_past_the_limit_is_refused_in_the_admin(editor_client, knowledge, settings):
    settings.DIPLO_MAX_ARTICLE_BYTES = 2_000
    lines = [json.dumps({"body": ARTICLE.replace("Monday", f"day {n}")}) for n in range(40)]
    upload = SimpleUploadedFile("big.jsonl", "\n".join(lines).encode())

    response = editor_client.post(reverse("admin:archive_source_import"), {"files": [upload]})

    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert Source.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("title", {"nested": "object"}, "an object"),
        ("url", ["https://example.org"], "a list"),
        ("publisher", 12, "a number"),
        ("published", 20230610, "a number"),
        ("body", True, "true or false"),
    ],
)
def test_a_field_that_is_not_text_refuses_its_record_by_name(
    tmp_path, knowledge, field, value, kind
):
    records = [{"body": ARTICLE}, {"body": ARTICLE.replace("Monday", "Friday"), field: value}]
    (tmp_path / "typed.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")

    run = import_articles(tmp_path / "typed.jsonl")

    assert run.status == 1
    assert f"typed.jsonl#2: the field '{field}' is {kind}, not text: record refused" in run.stderr
    assert Source.objects.count() == 1
