"""The editors' upload page: the same import and summary as the command, for editors only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from archive.models import Call, Source

from .conftest import SEEDS

pytestmark = pytest.mark.django_db

URL = "/admin/archive/source/import/"


def seed_uploads(*names: str) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, (SEEDS / name).read_bytes()) for name in names]


def test_the_page_has_its_admin_name():
    assert reverse("admin:archive_source_import") == URL


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_anonymous_uploads_import_nothing(client, knowledge):
    response = client.post(URL, {"files": seed_uploads("000_4a83e60193c08f48.txt")})

    assert response.status_code == 302
    assert Source.objects.count() == 0


def test_staff_without_the_add_source_permission_are_refused(client, knowledge):
    user = User.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)

    assert client.get(URL).status_code == 403


def test_an_editor_sees_the_form(editor_client):
    response = editor_client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'type="file"' in content
    assert "multiple" in content
    assert 'enctype="multipart/form-data"' in content


def test_an_editor_imports_several_files_and_reads_the_summary(editor_client, knowledge):
    uploads = seed_uploads(
        "000_4a83e60193c08f48.txt", "002_a0228c27b5a27831.txt", "004_5c21ec6209ce2a68.txt"
    )
    uploads.append(SimpleUploadedFile("empty.txt", b""))

    response = editor_client.post(URL, {"files": uploads})

    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.counts() == {
        "imported": 3,
        "skipped": 0,
        "failed": 1,
        "ignored": 0,
        "calls_created": 4,
        "calls_merged": 1,
        "calls_for_review": 0,
        "leaders_created": 0,
        "without_calls": 0,
        "calls_undated": 0,
    }
    content = response.content.decode()
    assert "Import summary" in content
    assert "empty.txt" in content
    assert "empty file" in content
    assert Call.objects.count() == 4
    assert sorted(Source.objects.values_list("origin", flat=True)) == [
        "000_4a83e60193c08f48.txt",
        "002_a0228c27b5a27831.txt",
        "004_5c21ec6209ce2a68.txt",
    ]


def test_the_upload_is_kept_in_the_history_under_the_editors_name(editor_client, editor, knowledge):
    editor_client.post(URL, {"files": seed_uploads("004_5c21ec6209ce2a68.txt")})

    versions = Version.objects.get_for_model(Source)
    assert versions.count() == 1
    revision = versions.get().revision
    assert revision.user == editor
    assert revision.comment == "Imported from an upload: 004_5c21ec6209ce2a68.txt"


def test_a_second_upload_of_the_same_file_is_skipped(editor_client, knowledge):
    editor_client.post(URL, {"files": seed_uploads("004_5c21ec6209ce2a68.txt")})

    response = editor_client.post(URL, {"files": seed_uploads("004_5c21ec6209ce2a68.txt")})

    assert response.context["summary"].counts()["skipped"] == 1
    assert Source.objects.count() == 1


def test_a_preview_saves_nothing(editor_client, knowledge):
    response = editor_client.post(
        URL, {"files": seed_uploads("004_5c21ec6209ce2a68.txt"), "dry_run": "on"}
    )

    assert response.context["summary"].counts()["calls_created"] == 2
    assert "nothing was saved" in response.content.decode()
    assert Source.objects.count() == 0


def test_an_oversized_upload_is_refused_by_name(editor_client, knowledge, settings):
    settings.DIPLO_MAX_ARTICLE_BYTES = 1000
    big = SimpleUploadedFile("big.txt", b"Macron spoke with Putin. " * 100)

    response = editor_client.post(URL, {"files": [big]})

    failed = response.context["summary"].failed
    assert [(o.origin, o.reason) for o in failed] == [
        ("big.txt", "too large (2,500 bytes; the limit is 1,000 bytes)")
    ]


def test_an_upload_of_an_unsupported_type_is_refused_by_name(editor_client, knowledge):
    pdf = SimpleUploadedFile("readout.pdf", b"%PDF-1.7 Macron spoke with Putin on Friday.")

    response = editor_client.post(URL, {"files": [pdf]})

    failed = response.context["summary"].failed
    assert [o.origin for o in failed] == ["readout.pdf"]
    assert failed[0].reason.startswith("unsupported file type '.pdf'")
    assert Source.objects.count() == 0


def test_submitting_no_file_shows_the_form_again(editor_client, knowledge):
    response = editor_client.post(URL, {})

    assert response.status_code == 200
    assert response.context["summary"] is None
    assert "Choose at least one file." in response.content.decode()


def test_the_sources_list_has_an_import_button(editor_client):
    response = editor_client.get(reverse("admin:archive_source_changelist"))

    assert f'href="{URL}"' in response.content.decode()


def test_the_admin_index_links_to_the_upload_page(editor_client):
    response = editor_client.get(reverse("admin:index"))

    assert f'href="{URL}"' in response.content.decode()


def test_a_failed_upload_leaves_nothing_in_the_history(editor_client, knowledge, monkeypatch):
    from archive import importer

    editor_client.post(URL, {"files": seed_uploads("002_a0228c27b5a27831.txt")})
    undated = Call.objects.get()
    real = importer.Importer.link_calls

    def fail_after_dating_the_call(self, source, record, outcome):
        real(self, source, record, outcome)  # dates the undated call of 002
        raise RuntimeError("boom")

    monkeypatch.setattr(importer.Importer, "link_calls", fail_after_dating_the_call)

    response = editor_client.post(URL, {"files": seed_uploads("000_4a83e60193c08f48.txt")})

    assert [o.origin for o in response.context["summary"].failed] == ["000_4a83e60193c08f48.txt"]
    undated.refresh_from_db()
    assert undated.date is None
    # The history holds what the database holds: no version of the rolled-back changes.
    assert Version.objects.get_for_object(undated).count() == 1
    assert Version.objects.get_for_model(Source).count() == 1
