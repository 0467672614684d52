"""What an article says about itself: a date header, a title, a byline, a wire dateline.

Publishers are read only from dateline and byline conventions, recognised by shape:
``WASHINGTON (Agency) -``, ``CITY, Country (AP) —``, ``CITY, June 10 (Agency) --``,
``CITY, July 1. /AGENCY/.`` and ``By Jane Doe, Outlet``. An outlet merely named in the
text ("... reported") is not the publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .vocabulary import MONTH_PATTERN, MONTHS

_HEADER_RE = re.compile(
    r"\A\s*(?P<header>date:?[ \t]+(?P<date>\d{4}-\d{2}-\d{2}))\b[ \t]*", re.IGNORECASE
)
_PLACE = r"(?P<place>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})"
_MONTH_DAY = rf"(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})"
# CITY, July 1. /AGENCY/.
_SLASH_DATELINE_RE = re.compile(
    rf"{_PLACE},\s+{_MONTH_DAY}\.?\s*/(?P<agency>[A-Z][A-Za-z-]{{1,20}})/\s*\.?\s*"
)
# CITY (Agency) -   CITY, Country (AP) -   CITY, June 10 (Agency) --
_PAREN_DATELINE_RE = re.compile(
    rf"{_PLACE}(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){{0,2}}))?"
    rf"(?:,\s+{_MONTH_DAY})?\s+\((?P<agency>[A-Za-z][A-Za-z .&-]{{0,30}}?)\)\s*"
    r"(?:-{1,2}|:)\s*"
)
# CITY -  or  CITY, June 3 -  (a dateline without an agency)
_PLAIN_DATELINE_RE = re.compile(rf"{_PLACE}(?:,\s+{_MONTH_DAY})?\s*(?:-{{1,2}}|:)\s+(?=[A-Z\"])")
_BYLINE_RE = re.compile(
    r"By\s+(?P<author>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})"
    r"(?:\s*(?:,|\||-|/)\s*(?P<outlet>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}))?[ \t]*(?=\n)"
)
_TITLE_MAX = 160
_BLANK_LINE_RE = re.compile(r"\n[ \t\r]*\n")


@dataclass(slots=True)
class Metadata:
    """Header facts and where the article's body starts (an offset into the text)."""

    body_start: int
    header_date: date | None = None
    header_span: tuple[int, int] | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    agency: str | None = None
    byline_outlet: str | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    #: (month, day) when the dateline gives them; the year is worked out later.
    dateline_month_day: tuple[int, int] | None = None


def read_metadata(folded: str) -> Metadata:
    """Read the date header, title, byline and dateline at the top of ``folded``.

    ``folded`` is the folded text (same offsets as the original). The returned
    ``body_start`` is where the article's sentences begin.
    """
    meta = Metadata(body_start=0)
    position = 0
    header = _HEADER_RE.match(folded)
    if header:
        try:
            meta.header_date = date.fromisoformat(header.group("date"))
            meta.header_span = (header.start("header"), header.end("header"))
        except ValueError:
            meta.header_date = None
        position = header.end()
    position = _skip_blank(folded, position)

    title = _title_at(folded, position)
    if title is not None:
        meta.title_span = title
        meta.title = folded[title[0] : title[1]]
        position = _skip_blank(folded, title[1])

    byline = _BYLINE_RE.match(folded, position)
    if byline:
        meta.byline_outlet = byline.group("outlet")
        position = _skip_blank(folded, byline.end())

    position = _read_dateline(folded, position, meta)
    meta.body_start = position
    return meta


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _title_at(folded: str, position: int) -> tuple[int, int] | None:
    """A first short line without a final period, followed by a blank line."""
    line_end = folded.find("\n", position)
    if line_end < 0:
        return None
    line = folded[position:line_end].rstrip()
    if not line or len(line) > _TITLE_MAX or line[-1] in ".,;:":
        return None
    if not _BLANK_LINE_RE.match(folded, line_end):
        return None
    if len(line.split()) < 2 or _SLASH_DATELINE_RE.match(line) or _PAREN_DATELINE_RE.match(line):
        return None
    if _BYLINE_RE.match(line + "\n"):
        return None
    return (position, position + len(line))


def _read_dateline(folded: str, position: int, meta: Metadata) -> int:
    for pattern in (_SLASH_DATELINE_RE, _PAREN_DATELINE_RE, _PLAIN_DATELINE_RE):
        match = pattern.match(folded, position)
        if not match:
            continue
        place = match.group("place").strip()
        groups = match.groupdict()
        region = groups.get("region")
        meta.dateline = f"{place}, {region}" if region else place
        meta.dateline_span = (match.start(), len(folded[: match.end()].rstrip()))
        agency = groups.get("agency")
        if agency:
            meta.agency = agency.strip()
        if groups.get("month"):
            month = MONTHS[groups["month"].rstrip(".").lower()]
            meta.dateline_month_day = (month, int(groups["day"]))
        return match.end()
    return position
