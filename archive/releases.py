"""Citable releases of the data: every call, leader and source, versioned, checksummed.

``python manage.py release_data`` writes one folder per release under
``DIPLO_RELEASES_DIR``, as the event-data projects publish theirs::

    2026.12.07/
        calls.csv, calls.json          the shape of the calls exports (archive/serialization.py)
        leaders.csv, leaders.json
        sources.csv, sources.json      each source's particulars and its calls (not its text)
        data-dictionary.md             what each field holds
        CITATION.cff                   the version and date, in Citation File Format 1.2.0
        SHA256SUMS                     the checksums of the files above (sha256sum -c)
        diplo-2026.12.07.zip           all of the above in one file
        release.json                   the manifest the site lists the release from

A release is never overwritten. The folder is written under another name and renamed
when complete, so a half-written release is never listed. The site reads the manifests
(no table: the folder is what is published, and a database restored from a backup cannot
list a release that is not there, or lose one that is).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import hashlib
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from .models import Call
from .serialization import (
    CSV_COLUMNS,
    LEADER_COLUMNS,
    SOURCE_COLUMNS,
    call_to_row,
    iter_call_dicts,
    iter_leader_dicts,
    iter_source_dicts,
    leader_to_row,
    source_to_row,
)

#: A release's version: a date (2026.12.07) or a semantic version (1.2.0, 1.2.0-rc.1).
VERSION = re.compile(
    r"[0-9]{1,4}\.[0-9]{1,4}\.[0-9]{1,4}(?:-[0-9A-Za-z]{1,20}(?:\.[0-9A-Za-z]{1,20})*)?"
)
#: A file of a release: a name, never a path.
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9]+)*")
MANIFEST = "release.json"
CHECKSUMS = "SHA256SUMS"
TITLE = "Diplo: an archive of leaders' phone calls, video calls and meetings"

CALL_FIELDS = {
    "id": "The call's number in the archive; its permalink ends with it.",
    "url": "The call's permalink.",
    "date": "The day the contact took place (YYYY-MM-DD); empty when unknown. Read with "
    "date_precision: a month's or a year's call is dated to its first day.",
    "date_precision": "How much of the date is known: day, month, year or unknown.",
    "date_inferred": "How the date was worked out where no source states it in full; empty "
    "when a source states it.",
    "kind": "phone, video, meeting or other.",
    "duration_minutes": "How long it lasted, in minutes, as a source gives it; empty when "
    "none does.",
    "duration_qualifier": "about, more than or less than; empty when exact or unknown.",
    "initiator": "The leader who made the call, when a source says so.",
    "participants": "The leaders who took part (JSON: name and country of each; CSV: names "
    'joined by "; ").',
    "countries": "CSV only: the participants' countries (ISO 3166-1 alpha-2), in the order "
    "of participants.",
    "topics": "The topics the call is tagged with.",
    "sources": "The sources that report the call (JSON: title, publisher, published, url, "
    "permalink and role of each; CSV: their titles, one a line).",
    "source_publishers": "CSV only: each source's publisher, one a line, in the order of sources.",
    "source_urls": "CSV only: each source's original web address, one a line.",
    "source_permalinks": "CSV only: each source's page in the archive, one a line.",
    "one_sided": "Whether every source speaks for one participant's side (its government's "
    "page, or a report quoting that side's seat of government alone).",
    "status": "extracted (read by the archive's software) or reviewed (checked by an editor).",
    "cameo_code": "The call's event code in the CAMEO ontology: 041 (discuss by telephone) for "
    "a phone or video call, 040 (consult) for a meeting or another contact, whose place the "
    "archive does not keep (archive/event_codes.py).",
}
LEADER_FIELDS = {
    "id": "The leader's number in the archive.",
    "url": "The leader's permalink.",
    "name": "The canonical full name in English.",
    "country": "The leader's country (ISO 3166-1 alpha-2; EU for the European Union).",
    "country_name": "Its name.",
    "aliases": "Other names articles use for the leader.",
    "offices": "Terms of office (JSON: office, country, start and end of each; CSV: "
    '"office (start to end)" joined by "; ").',
    "verified": "Whether an editor has checked the record.",
}
SOURCE_FIELDS = {
    "id": "The source's number in the archive.",
    "permalink": "The source's page in the archive.",
    "title": 'Its headline; without one, "Report by <publisher>, <date>".',
    "publisher": "Who published it.",
    "published": "When it was published (YYYY-MM-DD).",
    "url": "Its original web address (http or https only).",
    "dateline": "Its dateline, as written.",
    "language": "Its language (an IETF tag; und when unknown).",
    "side": "The country whose government the source speaks for (its page, or its seat of "
    "government alone quoted); empty when neither.",
    "calls": "The ids of the calls it reports.",
}
TABLES = (
    # name, columns, fields described, what it holds
    ("calls", CSV_COLUMNS, CALL_FIELDS, "every call, in the shape of the calls exports"),
    ("leaders", LEADER_COLUMNS, LEADER_FIELDS, "every leader"),
    ("sources", SOURCE_COLUMNS, SOURCE_FIELDS, "every source's particulars (not its text)"),
)


class ReleaseError(Exception):
    """A release cannot be written as asked (a bad version, one that exists already)."""


@dataclass
class ReleaseFile:
    name: str
    bytes: int
    sha256: str
    description: str = ""


@dataclass
class Release:
    """A release as its manifest describes it."""

    version: str
    date: datetime.date
    counts: dict[str, int]
    files: list[ReleaseFile] = field(default_factory=list)
    url: str = ""

    @property
    def zip_name(self) -> str:
        return f"diplo-{self.version}.zip"

    def file(self, name: str) -> ReleaseFile | None:
        return next((f for f in self.files if f.name == name), None)

    def citation(self, permalink: str) -> str:
        """How a report cites the release."""
        when = f"{self.date.day} {self.date:%B %Y}"
        return f"Diplo archive, release {self.version} ({when}), {permalink}"


def releases_dir() -> Path:
    return Path(settings.DIPLO_RELEASES_DIR)


def default_version(day: datetime.date) -> str:
    return f"{day:%Y.%m.%d}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_json(path: Path, records: Iterator[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[")
        for number, data in enumerate(records):
            handle.write(("," if number else "") + "\n" + json.dumps(data, ensure_ascii=False))
        handle.write("\n]\n")


def _dictionary(version: str, day: datetime.date, counts: dict[str, int]) -> str:
    lines = [
        f"# Diplo data release {version}",
        "",
        f"Released {day.isoformat()}. {TITLE}.",
        "",
        'Each table comes as CSV (UTF-8, a header line; lists joined by "; ", a call\'s '
        "sources one a line within a cell; a cell that would start a spreadsheet formula "
        "begins with an apostrophe) and as JSON (a list of records). Empty CSV cells are "
        "JSON nulls. SHA256SUMS holds each file's checksum (`sha256sum -c SHA256SUMS`).",
    ]
    for name, columns, fields, holds in TABLES:
        lines += [
            "",
            f"## {name}.csv, {name}.json",
            "",
            f"{counts[name]:,} records: {holds}.",
            "",
            "| field | meaning |",
            "| --- | --- |",
        ]
        lines += [f"| `{column}` | {fields[column]} |" for column in columns]
    return "\n".join(lines) + "\n"


def _cff_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def citation_cff(version: str, day: datetime.date, url: str = "") -> str:
    """The release's CITATION.cff (Citation File Format 1.2.0)."""
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use these data, please cite this release as below."',
        "type: dataset",
        f"title: {_cff_string(TITLE)}",
        f"version: {_cff_string(version)}",
        f"date-released: {day.isoformat()}",
        "authors:",
        '  - name: "Diplo"',
    ]
    if url:
        lines.append(f"url: {_cff_string(url)}")
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _consistent_reads() -> Iterator[None]:
    """A transaction in which every query of the release reads the same archive (SQLite's
    transactions read one snapshot; PostgreSQL's need REPEATABLE READ for it)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def write_release(
    version: str,
    day: datetime.date,
    *,
    site: str = "",
    root: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Release:
    """Write release ``version`` of the whole archive, dated ``day``, under ``root``
    (``DIPLO_RELEASES_DIR``); ``site`` begins its permalinks. Refuses a version that
    exists."""
    if not VERSION.fullmatch(version):
        raise ReleaseError(
            f"“{version[:40]}” is not a version: a date (2026.12.07) or a semantic version "
            "(1.2.0, 1.2.0-rc.1)."
        )
    root = root or releases_dir()
    root.mkdir(parents=True, exist_ok=True)
    target = root / version
    if target.exists():
        raise ReleaseError(f"Release {version} exists already ({target}); it is never rewritten.")
    url = f"{site}/releases/{version}/" if site else ""
    building = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=root))
    try:
        counts: dict[str, int] = {}
        # Each table's records (read twice: once for CSV, once for JSON) and its CSV rows.
        tables = {
            "calls": (lambda: iter_call_dicts(Call.objects.order_by("pk"), site=site), call_to_row),
            "leaders": (lambda: iter_leader_dicts(site), leader_to_row),
            "sources": (lambda: iter_source_dicts(site), source_to_row),
        }
        with _consistent_reads():
            for name, columns, _fields, _holds in TABLES:
                if progress:
                    progress(name)
                records, flatten = tables[name]
                rows = (flatten(data) for data in records())
                counts[name] = _write_csv(building / f"{name}.csv", columns, rows)
                _write_json(building / f"{name}.json", records())
        (building / "data-dictionary.md").write_text(_dictionary(version, day, counts), "utf-8")
        (building / "CITATION.cff").write_text(citation_cff(version, day, url), "utf-8")
        described = {
            **{f"{name}.csv": f"{holds} (CSV)" for name, _c, _f, holds in TABLES},
            **{f"{name}.json": f"{holds} (JSON)" for name, _c, _f, holds in TABLES},
            "data-dictionary.md": "what each field holds",
            "CITATION.cff": "how to cite the release (Citation File Format 1.2.0)",
        }
        names = [f"{t[0]}.{ext}" for t in TABLES for ext in ("csv", "json")]
        names += ["data-dictionary.md", "CITATION.cff"]
        sums = {name: _sha256(building / name) for name in names}
        (building / CHECKSUMS).write_text(
            "".join(f"{sums[name]}  {name}\n" for name in names), "utf-8"
        )
        described[CHECKSUMS] = "the SHA-256 checksum of each file (sha256sum -c SHA256SUMS)"
        release = Release(version=version, date=day, counts=counts, url=url)
        zip_path = building / release.zip_name
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name in [*names, CHECKSUMS]:
                bundle.write(building / name, f"diplo-{version}/{name}")
        described[release.zip_name] = "every file above, in one"
        for name in [*names, CHECKSUMS, release.zip_name]:
            path = building / name
            release.files.append(
                ReleaseFile(name, path.stat().st_size, _sha256(path), described[name])
            )
        manifest = {
            "version": version,
            "date_released": day.isoformat(),
            "url": url,
            "counts": counts,
            "files": [vars(f) for f in release.files],
        }
        (building / MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")
        building.rename(target)  # complete, or not there at all
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return release


def read_release(path: Path) -> Release | None:
    """The release in folder ``path`` from its manifest; None if it is not one."""
    try:
        data = json.loads((path / MANIFEST).read_text("utf-8"))
        release = Release(
            version=data["version"],
            date=datetime.date.fromisoformat(data["date_released"]),
            counts={k: int(v) for k, v in data["counts"].items()},
            files=[
                ReleaseFile(f["name"], int(f["bytes"]), f["sha256"], f.get("description", ""))
                for f in data["files"]
            ],
            url=data.get("url", ""),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if release.version != path.name or not all(FILE_NAME.fullmatch(f.name) for f in release.files):
        return None
    return release


def _version_key(version: str) -> tuple:
    core, _, pre = version.partition("-")
    # A pre-release comes before its release (1.2.0-rc.1 < 1.2.0).
    return (*(int(part) for part in core.split(".")), pre == "", pre)


def list_releases(root: Path | None = None) -> list[Release]:
    """Every complete release under ``root``, newest version first."""
    root = root or releases_dir()
    if not root.is_dir():
        return []
    found = []
    for path in root.iterdir():
        if path.is_dir() and VERSION.fullmatch(path.name):
            release = read_release(path)
            if release is not None:
                found.append(release)
    return sorted(found, key=lambda r: _version_key(r.version), reverse=True)


def find_release(version: str, root: Path | None = None) -> Release | None:
    if not VERSION.fullmatch(version):
        return None
    root = root or releases_dir()
    return read_release(root / version)


def file_path(release: Release, name: str, root: Path | None = None) -> Path | None:
    """The path of file ``name`` of ``release``: only a file its manifest lists, only inside
    the releases folder (no ``..``, no link out of it); None otherwise."""
    if not FILE_NAME.fullmatch(name) or release.file(name) is None:
        return None
    base = (root or releases_dir()).resolve()
    path = (base / release.version / name).resolve()
    if not path.is_relative_to(base / release.version) or not path.is_file():
        return None
    return path
