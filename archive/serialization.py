"""Calls as plain data: the one shape shared by `export_calls`, the JSON/CSV exports and the API.

{"id": 12, "url": "https://diplo.example.org/calls/12/...", "date": "2023-06-10" | None,
 "date_precision": "day|month|year|unknown",
 "date_inferred": "'Saturday' counted from the article's date (12 June 2023)" | None,
 "kind": "phone|video|meeting|other",
 "duration_minutes": 90 | None, "duration_qualifier": "about|more than|less than" | None,
 "initiator": "Full Name" | None, "participants": [{"name": ..., "country": "FR"}],
 "topics": ["Topic name"],
 "sources": [{"title": "<headline>" | "Report by <publisher>, <date>",
              "publisher": ... | None, "published": "2023-06-10" | None,
              "url": "https://original.example/..." | None,
              "permalink": "https://diplo.example.org/sources/3/", "role": "main|background"}],
 "one_sided": true | false, "status": "extracted|reviewed",
 "cameo_code": "041|040"}

``one_sided``: every source of the call speaks for one of its participants' sides (its
government's page, or a report quoting that side's seat alone): what one side said it
discussed, not what the other did (``Call.one_sided``).

``cameo_code``: the call's event code in the CAMEO ontology, from its kind ("041" discuss
by telephone for phone and video calls, "040" consult for meetings, whose place the archive
does not record): `archive.event_codes` says why. The last column, so that files read by
position before it was added still read the same.

Permalinks are absolute (``site``: the scheme and host they are on), so that a row read
away from the archive still leads back to it. A source is named as every page names it
(`Source.name_of`: its headline, or "Report by <publisher>, <date>"), never by the file
it was imported from; ``url`` is the original's web address, when it has one.

In CSV, lists are joined with "; " (participants, countries, topics); a call's sources are
four columns of one line per source, in the same order (a title may hold "; ").

The shapes are built from the columns they show, read as values in four queries a chunk of
calls, never as model instances: an export of 12,000 calls made 150,000 of them, with every
source's text, and took 5 s (bench/README.md).
"""

import re
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from .enums import ParticipantRole
from .event_codes import cameo_code, plover_record
from .idlists import listed
from .links import link
from .models import Call, Leader, Participation, Report, Source, Term
from .untrusted import csv_cell, web_url

CSV_COLUMNS = [
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
    "countries",
    "topics",
    "sources",
    "source_publishers",
    "source_urls",
    "source_permalinks",
    "one_sided",
    "status",
    "cameo_code",
]
#: Calls read at a time: memory stays flat however many are exported.
CHUNK = 1000
#: An id and a slug no record has, standing for each record's in the shape of its permalink.
_PLACEHOLDER = 9_876_543_210_123
_PLACEHOLDER_SLUG = "zqplaceholderslug"
#: A slug that goes into a path as it is (others are left to reverse(), which quotes them).
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def call_dicts(ids: list[int], site: str = "") -> dict[int, dict[str, Any]]:
    """The calls ``ids`` in the export shape (see the module docstring), by id; ``site``
    ("https://diplo.example.org") begins every permalink."""
    calls: dict[int, dict[str, Any]] = {}
    rows = Call.objects.filter(pk__in=listed(ids)).values_list(
        "pk",
        "slug",
        "date",
        "date_precision",
        "date_inferred",
        "kind",
        "duration_minutes",
        "duration_qualifier",
        "initiator__name",
        "one_sided",
        "status",
    )
    # Each permalink is a shape with the record's values: reverse() for each of them (even
    # archive.links's, which reads the URLconf and script prefix each time) was a fifth of
    # an export's time.
    call_shape = (
        Call.url_of(_PLACEHOLDER, _PLACEHOLDER_SLUG)
        .replace(str(_PLACEHOLDER), "{pk}")
        .replace(_PLACEHOLDER_SLUG, "{slug}")
    )
    for (
        pk,
        slug,
        date,
        precision,
        inferred,
        kind,
        minutes,
        qualifier,
        initiator,
        one_sided,
        status,
    ) in rows:
        url = (
            call_shape.format(pk=pk, slug=slug)
            if slug and _PLAIN_SLUG.fullmatch(slug)
            else Call.url_of(pk, slug)
        )
        calls[pk] = {
            "id": pk,
            "url": site + url,
            "date": date.isoformat() if date else None,
            "date_precision": precision,
            # How the date was worked out where no source states it in full.
            "date_inferred": inferred or None,
            "kind": kind,
            "duration_minutes": minutes,
            "duration_qualifier": qualifier or None,
            "initiator": initiator,
            "participants": [],
            "topics": [],
            "sources": [],
            "one_sided": one_sided,
            "status": status,
            "cameo_code": cameo_code(kind),
        }
    participants = (
        Participation.objects.filter(call_id__in=listed(ids))
        .order_by("leader__name", "pk")
        .values_list("call_id", "leader__name", "leader__country_id")
    )
    # A call deleted since its row was read has no entry (each query reads the latest data).
    for call_id, name, country in participants:
        if call_id in calls:
            calls[call_id]["participants"].append({"name": name, "country": country})
    topics = Call.topics.through.objects.filter(call_id__in=listed(ids)).values_list(
        "call_id", "topic__name"
    )
    for call_id, name in topics:
        if call_id in calls:
            calls[call_id]["topics"].append(name)
    reports = (
        Report.objects.filter(call_id__in=listed(ids))
        .order_by("role", "source_id")
        .values_list(
            "call_id",
            "source_id",
            "source__title",
            "source__publisher",
            "source__published",
            "source__url",
            "role",
        )
    )
    shape = link("archive:source", pk=_PLACEHOLDER).replace(str(_PLACEHOLDER), "{}")
    for call_id, source_id, title, publisher, published, url, role in reports:
        if call_id in calls:
            calls[call_id]["sources"].append(
                {
                    "title": Source.name_of(title, publisher, published, url),
                    "publisher": publisher or None,
                    "published": published.isoformat() if published else None,
                    # Only a web address (a record's "javascript:..." is none).
                    "url": web_url(url) or None,
                    "permalink": site + shape.format(source_id),
                    "role": role,
                }
            )
    for data in calls.values():
        data["topics"].sort()  # by name as Python orders text, whatever the database's collation
    return calls


def call_dict(pk: int, site: str = "") -> dict[str, Any] | None:
    """Call ``pk`` in the export shape; None if there is no such call."""
    return call_dicts([pk], site).get(pk)


def iter_call_dicts(
    queryset: QuerySet[Call], chunk: int = CHUNK, site: str = ""
) -> Iterator[dict[str, Any]]:
    """Every call of ``queryset`` in the export shape, in the queryset's order (relevance
    included): the ids are read first, then each chunk's shapes, so memory stays flat."""
    for part, calls in _chunks(queryset, chunk, site):
        yield from (calls[pk] for pk in part if pk in calls)


def _chunks(
    queryset: QuerySet[Call], chunk: int, site: str
) -> Iterator[tuple[list[int], dict[int, dict[str, Any]]]]:
    """The ids of ``queryset`` in its order, a chunk at a time, each with its calls in the
    export shape: memory stays flat however many calls are exported."""
    ids = list(queryset.values_list("pk", flat=True))
    for offset in range(0, len(ids), chunk):
        part = ids[offset : offset + chunk]
        yield part, call_dicts(part, site)


def call_to_row(data: dict[str, Any]) -> dict[str, Any]:
    """One call's shape flattened for CSV: lists joined with "; " (sources one a line), and
    no cell a spreadsheet would run as a formula (a source or a leader named
    "=HYPERLINK(...)": see :func:`archive.untrusted.csv_cell`)."""
    row = {
        **{key: data[key] for key in CSV_COLUMNS if key in data},
        "participants": "; ".join(p["name"] for p in data["participants"]),
        "countries": "; ".join(p["country"] for p in data["participants"]),
        "topics": "; ".join(data["topics"]),
        "sources": "\n".join(s["title"] for s in data["sources"]),
        "source_publishers": "\n".join(s["publisher"] or "" for s in data["sources"]),
        "source_urls": "\n".join(s["url"] or "" for s in data["sources"]),
        "source_permalinks": "\n".join(s["permalink"] for s in data["sources"]),
    }
    return {key: csv_cell(value) for key, value in row.items()}


def iter_plover_records(
    queryset: QuerySet[Call], chunk: int = CHUNK, site: str = ""
) -> Iterator[dict[str, Any]]:
    """Every call of ``queryset`` as a PLOVER event record (`archive.event_codes`), in the
    queryset's order: the export shape of each chunk, and one query more for the
    participants' permalinks and which of them is the call's initiator."""
    for part, calls in _chunks(queryset, chunk, site):
        participants: dict[int, list[dict[str, Any]]] = {pk: [] for pk in part}
        rows = (
            Participation.objects.filter(call_id__in=listed(part))
            .order_by("leader__name", "pk")
            .values_list(
                "call_id",
                "leader_id",
                "leader__name",
                "leader__slug",
                "leader__country_id",
                "call__initiator_id",
            )
        )
        for call_id, leader_id, name, slug, country, initiator_id in rows:
            # The call's initiator, as its page and exports give it (an editor sets it there).
            role = (
                ParticipantRole.INITIATOR
                if leader_id == initiator_id
                else ParticipantRole.RECIPIENT
                if initiator_id is not None
                else ParticipantRole.PARTICIPANT
            )
            url = site + link("archive:leader", slug=slug)
            participants[call_id].append(
                {"name": name, "country": country, "url": url, "role": role}
            )
        yield from (plover_record(calls[pk], participants[pk]) for pk in part if pk in calls)


# --- leaders and sources, for the data releases (archive/releases.py) --------------------------

LEADER_COLUMNS = ["id", "url", "name", "country", "country_name", "aliases", "offices", "verified"]
SOURCE_COLUMNS = [
    "id",
    "permalink",
    "title",
    "publisher",
    "published",
    "url",
    "dateline",
    "language",
    "side",
    "calls",
]


def iter_leader_dicts(site: str = "") -> Iterator[dict[str, Any]]:
    """Every leader as plain data, by name: two queries, however many. Editors' notes stay
    in the admin."""
    offices: dict[int, list[dict[str, Any]]] = {}
    for leader_id, office, country, start, end in Term.objects.order_by(
        "leader_id", "start", "pk"
    ).values_list("leader_id", "office", "country_id", "start", "end"):
        offices.setdefault(leader_id, []).append(
            {
                "office": office,
                "country": country,
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
            }
        )
    rows = Leader.objects.order_by("name", "pk").values_list(
        "pk", "slug", "name", "country_id", "country__name", "aliases", "verified"
    )
    for pk, slug, name, country, country_name, aliases, verified in rows.iterator(CHUNK):
        yield {
            "id": pk,
            "url": site + link("archive:leader", slug=slug),
            "name": name,
            "country": country,
            "country_name": country_name,
            "aliases": list(aliases or []),
            "offices": offices.get(pk, []),
            "verified": verified,
        }


def leader_to_row(data: dict[str, Any]) -> dict[str, Any]:
    """One leader flattened for CSV (lists joined with "; "), no cell a formula."""
    row = {
        **data,
        "aliases": "; ".join(data["aliases"]),
        "offices": "; ".join(
            f"{o['office']} ({o['start'] or '?'} to {o['end'] or 'now'})" for o in data["offices"]
        ),
    }
    return {key: csv_cell(row[key]) for key in LEADER_COLUMNS}


def iter_source_dicts(site: str = "") -> Iterator[dict[str, Any]]:
    """Every source's particulars (never its text, which is its publisher's), by id, with
    the ids of the calls it reports: read a chunk at a time."""
    shape = link("archive:source", pk=_PLACEHOLDER).replace(str(_PLACEHOLDER), "{}")
    ids = list(Source.objects.order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(ids), CHUNK):
        part = ids[offset : offset + CHUNK]
        calls: dict[int, list[int]] = {}
        for source_id, call_id in (
            Report.objects.filter(source_id__in=listed(part))
            .order_by("call_id")
            .values_list("source_id", "call_id")
        ):
            calls.setdefault(source_id, []).append(call_id)
        rows = (
            Source.objects.filter(pk__in=listed(part))
            .order_by("pk")
            .values_list(
                "pk", "title", "publisher", "published", "url", "dateline", "language", "side_id"
            )
        )
        for pk, title, publisher, published, url, dateline, language, side in rows:
            yield {
                "id": pk,
                "permalink": site + shape.format(pk),
                "title": Source.name_of(title, publisher, published, url),
                "publisher": publisher or None,
                "published": published.isoformat() if published else None,
                "url": web_url(url) or None,
                "dateline": dateline or None,
                "language": language,
                "side": side,
                "calls": calls.get(pk, []),
            }


def source_to_row(data: dict[str, Any]) -> dict[str, Any]:
    """One source flattened for CSV (its calls' ids joined with "; "), no cell a formula."""
    row = {**data, "calls": "; ".join(str(pk) for pk in data["calls"])}
    return {key: csv_cell(row[key]) for key in SOURCE_COLUMNS}
