"""Citable releases: `release_data` writes a versioned, checksummed bundle; /releases/ lists
and serves it, and only it."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from archive.models import Call, Leader, Source
from archive.releases import CALL_FIELDS, LEADER_FIELDS, SOURCE_FIELDS, list_releases
from archive.serialization import CSV_COLUMNS, LEADER_COLUMNS, SOURCE_COLUMNS

from .factories import CallFactory, LeaderFactory, ReportFactory, SourceFactory, TermFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 7)
FILES = [
    "calls.csv",
    "calls.json",
    "leaders.csv",
    "leaders.json",
    "sources.csv",
    "sources.json",
    "data-dictionary.md",
    "CITATION.cff",
]


@pytest.fixture
def releases_dir(settings, tmp_path):
    settings.DIPLO_RELEASES_DIR = tmp_path / "releases"
    return settings.DIPLO_RELEASES_DIR


@pytest.fixture
def archive():
    """Three calls, one with a hostile source and leader (formula cells, a script address)."""
    hostile = LeaderFactory(name="=HYPERLINK(evil)", slug="hyperlink-evil")
    TermFactory(leader=hostile)
    other = LeaderFactory()
    calls = [CallFactory(participants=[hostile, other]) for _ in range(3)]
    ReportFactory(call=calls[0], source=SourceFactory(title="+cmd", url="javascript:alert(1)"))
    ReportFactory(call=calls[1])
    SourceFactory()  # a source of no call
    return calls


def release(*args, **options) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("release_data", *args, stdout=out, stderr=err, **options)
    return out.getvalue()


def test_a_release_holds_every_file_and_its_checksums_verify(releases_dir, archive):
    release("--date", "2026-12-07", "--base-url", "https://diplo.example.org")

    folder = releases_dir / "2026.12.07"
    sums = {}
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        sums[name] = digest
    assert sorted(sums) == sorted(FILES)
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    manifest = json.loads((folder / "release.json").read_text())
    for entry in manifest["files"]:
        data = (folder / entry["name"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"])
    with zipfile.ZipFile(folder / "diplo-2026.12.07.zip") as bundle:
        assert sorted(bundle.namelist()) == sorted(
            f"diplo-2026.12.07/{name}" for name in [*FILES, "SHA256SUMS"]
        )
        assert bundle.read("diplo-2026.12.07/calls.csv") == (folder / "calls.csv").read_bytes()


def test_the_tables_hold_every_record_in_the_exports_columns_and_no_formula(releases_dir, archive):
    release("--version", "1.0.0", "--date", "2026-12-07")

    folder = releases_dir / "1.0.0"

    def rows(name):
        return list(csv.DictReader((folder / f"{name}.csv").open(encoding="utf-8")))

    calls, leaders, sources = rows("calls"), rows("leaders"), rows("sources")
    assert list(calls[0]) == CSV_COLUMNS
    assert list(leaders[0]) == LEADER_COLUMNS
    assert list(sources[0]) == SOURCE_COLUMNS
    assert len(calls) == Call.objects.count() == 3
    assert len(leaders) == Leader.objects.count()
    assert len(sources) == Source.objects.count() == 3
    assert sorted(int(row["id"]) for row in calls) == sorted(c.pk for c in archive)
    assert len(json.loads((folder / "calls.json").read_text())) == 3
    assert {row["name"] for row in leaders} >= {"'=HYPERLINK(evil)"}
    assert "'+cmd" in {row["title"] for row in sources}
    assert "javascript" not in (folder / "sources.json").read_text()
    hostile = next(s for s in json.loads((folder / "sources.json").read_text()) if s["url"] is None)
    assert hostile["calls"] == [archive[0].pk]


def test_the_data_dictionary_describes_every_column(releases_dir, archive):
    release("--date", "2026-12-07")

    text = (releases_dir / "2026.12.07" / "data-dictionary.md").read_text()
    for columns, fields in (
        (CSV_COLUMNS, CALL_FIELDS),
        (LEADER_COLUMNS, LEADER_FIELDS),
        (SOURCE_COLUMNS, SOURCE_FIELDS),
    ):
        assert set(columns) == set(fields)
        for column in columns:
            assert f"| `{column}` | {fields[column]} |" in text
    assert "3 records: every call" in text


def test_the_citation_file_is_cff_1_2_0_with_the_version_and_date(releases_dir, archive):
    release("--version", "2.1.0-rc.1", "--date", "2026-12-07", "--base-url", "https://d.example")

    text = (releases_dir / "2.1.0-rc.1" / "CITATION.cff").read_text()
    # No YAML parser is installed: the keys CFF 1.2.0 requires, line by line.
    keys = dict(
        re.match(r"([a-z-]+): ?(.*)", line).groups()
        for line in text.splitlines()
        if re.match(r"[a-z]", line)
    )
    assert keys["cff-version"] == "1.2.0"
    assert keys["type"] == "dataset"
    assert json.loads(keys["version"]) == "2.1.0-rc.1"
    assert keys["date-released"] == "2026-12-07"
    assert json.loads(keys["url"]) == "https://d.example/releases/2.1.0-rc.1/"
    assert json.loads(keys["title"]).startswith("Diplo")
    assert keys["message"]
    assert keys["authors"] == ""
    assert '  - name: "Diplo"' in text.splitlines()


def test_an_existing_release_is_never_overwritten(releases_dir, archive):
    release("--date", "2026-12-07")
    before = (releases_dir / "2026.12.07" / "calls.csv").read_bytes()
    CallFactory()

    with pytest.raises(CommandError, match="exists already"):
        release("--date", "2026-12-07")

    assert (releases_dir / "2026.12.07" / "calls.csv").read_bytes() == before
    assert [p.name for p in releases_dir.iterdir()] == ["2026.12.07"]


@pytest.mark.parametrize("version", ["../evil", "1.0", "1.0.0/..", "x.y.z", "1.0.0-"])
def test_a_version_that_is_not_one_is_refused(releases_dir, version):
    with pytest.raises(CommandError, match="is not a version"):
        release("--version", version)
    assert not releases_dir.exists()


def test_the_site_lists_each_release_with_its_files_and_citation(client, releases_dir, archive):
    release("--date", "2026-12-06", "--version", "2026.12.06")
    release("--date", "2026-12-07")

    page = client.get(reverse("archive:releases"))
    detail = client.get(reverse("archive:release", args=["2026.12.07"]))

    assert page.status_code == detail.status_code == 200
    html = page.content.decode()
    assert html.index("Release 2026.12.07") < html.index("Release 2026.12.06")
    assert (
        "Diplo archive, release 2026.12.07 (7 December 2026), http://testserver/releases/2026.12.07/"
        in html
    )
    manifest = json.loads((releases_dir / "2026.12.07" / "release.json").read_text())
    for entry in manifest["files"]:
        assert entry["sha256"] in detail.content.decode()
        assert reverse("archive:release-file", args=["2026.12.07", entry["name"]]) in html
    assert [r.version for r in list_releases()] == ["2026.12.07", "2026.12.06"]


def test_a_file_downloads_as_written(client, releases_dir, archive):
    release("--date", "2026-12-07")

    response = client.get(reverse("archive:release-file", args=["2026.12.07", "calls.csv"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body == (releases_dir / "2026.12.07" / "calls.csv").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/releases/2026.12.07/release.json",  # on disk, not a file of the release
        "/releases/2026.12.07/secret.txt",  # in the folder, not in the manifest
        "/releases/2026.12.07/..%2Fsecret.txt",
        "/releases/2026.12.07/%2e%2e/secret.txt",
        "/releases/2026.12.07/../secret.txt",
        "/releases/..%2F..%2Fdiplo/settings.py",
        "/releases/2026.12.07/..%5C..%5Csecret.txt",
        "/releases/2026.12.06/calls.csv",  # no such release
        "/releases/9.9.9/",
        "/releases/..%2F/",
    ],
)
def test_nothing_outside_a_releases_files_is_served(client, releases_dir, archive, path):
    release("--date", "2026-12-07")
    (releases_dir / "secret.txt").write_text("outside")
    (releases_dir / "2026.12.07" / "secret.txt").write_text("inside, unlisted")

    response = client.get(path)

    assert response.status_code == 404


def test_a_linked_file_leading_out_of_the_folder_is_not_served(client, releases_dir, archive):
    release("--date", "2026-12-07")
    folder = releases_dir / "2026.12.07"
    (releases_dir / "outside.md").write_text("outside")
    (folder / "data-dictionary.md").unlink()
    (folder / "data-dictionary.md").symlink_to(releases_dir / "outside.md")

    response = client.get(
        reverse("archive:release-file", args=["2026.12.07", "data-dictionary.md"])
    )

    assert response.status_code == 404


def test_no_release_yet_is_said(client, releases_dir, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(reverse("archive:releases"))

    assert response.status_code == 200
    assert "No release has been published yet." in response.content.decode()
