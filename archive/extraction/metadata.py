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

from .sentences import BULLETS, wrapped_breaks
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
# Regional agencies' datelines, which give the day in many shapes, the place in capitals or
# not, the agency in brackets, between slashes or after a comma:
#   "Port City, April 19 (AGENCY) -"    "Port City, 14 Jan (AGENCY) ---"
#   "PORT CITY, APRIL 5, AGENCY."       "PORT CITY, Nov 12, 2020, AGENCY --"
#   "PORT CITY, 1st May, 2024 (AGENCY)" "PORT CITY, 24/03/2023 (AGENCY) -" (the day first)
#   "Port City, 4 June 2024, Agency."   "Port City /AGENCY/ January 25/2023"
#   "Port City June 27/2020 (AGENCY)"   "Port City, Aug. 13 (Agency Press)--"
_ANY_MONTH = rf"(?i:{MONTH_PATTERN})"
#   "Port City [Country], March 20 (AGENCY):"   (the country in square brackets)
#   "Place, Dhu al-Hijjah 11, 1445, June 17, 2024, AGENCY --"   (the Hijri date first)
_DATED_PLACE_RE = re.compile(
    r"(?P<place>[A-Z][\w'.-]*(?:[ -][A-Z][\w'.-]*){0,3}?)"
    r"(?:\s*\[[A-Z][\w .'-]{1,30}\])?"
    r"(?:\s*/(?P<agency0>[A-Z][A-Za-z]{1,15})/)?,?\s+"
    r"(?:[A-Z][\w'’-]*(?:[ -][A-Za-z][\w'’-]*){0,3}\s+\d{1,2},\s+1[34]\d\d(?:\s*A?H)?,\s+)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>" + _ANY_MONTH + r")"
    r"(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    r"|(?P<m2>" + _ANY_MONTH + r")\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:(?:,\s*|/)(?P<y2>(?:19|20)\d\d))?"
    r"|(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>(?:19|20)\d\d))"
    r"(?:\s*\((?P<agency1>[A-Z][^()\n]{0,30})\)"
    r"|,\s*(?P<agency2>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)(?=\s*[.,-]))?"
    r"\s*(?:-{1,3}|\u2013|\u2014|:|\.|,)?[ \t]*\n?[ \t]*(?=[A-Z\"\u201c])"
)
_BYLINE_RE = re.compile(
    r"By\s+(?P<author>[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})"
    r"(?:\s*(?:,|\||-|/)\s*(?P<outlet>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}))?[ \t]*(?=\n)"
)
_TITLE_MAX = 160

# A page's own date, as news sites and government pages print it on a line of its own near
# the top ("5 January 2016", "March 3, 2018", "Tuesday 4 March 2025 09:12:44",
# "03-11-2016 08:05", "Published Jan 9,2024", "Thu 07th October 2021 | 01:55 PM"), or at
# the end of a title ("PM call with Chancellor Merkel: 4 March 2018").
_WEEKDAY_WORD = (
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday|sday)?\.?,?"
)
# Month names in any case here ("31 march 2019", "24 MAR 2026"), but "may" the verb.
_ANY_CASE_MONTH = rf"(?!may\b)(?i:{MONTH_PATTERN})"
_HEADER_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_ANY_CASE_MONTH}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<m2>{_ANY_CASE_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<m5>{_ANY_CASE_MONTH})\s+(?P<d5>\d{{1,2}})\s+(?P<y5>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2})"
    r"|(?P<d4>\d{1,2})[-/.](?P<m4>\d{1,2})[-/.](?P<y4>(?:19|20)\d\d)"
    # "Thu Jul 2 06:19:35 EST 2009": a computer's clock, the year last.
    rf"|(?P<m6>{_ANY_CASE_MONTH})\s+(?P<d6>\d{{1,2}})\s+\d{{1,2}}:\d\d(?::\d\d)?"
    r"(?:\s+[A-Z]{2,5})?\s+(?P<y6>(?:19|20)\d\d)"
    # "June 27/2020": the year after a slash, as some agencies' datelines give it.
    rf"|(?P<m7>{_ANY_CASE_MONTH})\s+(?P<d7>\d{{1,2}})/(?P<y7>(?:19|20)\d\d))"
)
_CLOCK = (
    # "09:12:44", "8:45PM", "12h45" (as Portuguese and French pages write the hour).
    r"(?:\s*(?:[,|@-]|at)?\s*\(?\d{1,2}(?:[:.]|h(?=\d\d\b))\d{2}(?:[:.]\d{2})?\)?"
    r"\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*\(?[A-Z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\)?)?"
    # Morning or afternoon in another script ("9:30 م").
    r"(?:\s*[^\W\d_A-Za-z]{1,3}\b)?)?"
)
#: A computer's timestamp glued to its date: "2023-04-20T14:05:00+03:00", "...T14:05Z".
_ISO_CLOCK = r"T\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?(?:Z|[+-]\d\d:?\d\d)?"
#: "The press release issued by the Prime Minister's Office on 4 May 2023."
_ISSUED_ON_RE = re.compile(
    rf"\b(?:issued|published|released|posted|dated)\b[^.\n]{{0,60}}?\bon\s+{_HEADER_DATE}\.?\s*$"
)
#: A dateline that gives the full date: "Beijing, 2 April 2024 (Agency): ...".
_DATED_DATELINE_RE = re.compile(
    rf"[A-Z][\w'.-]+(?:[ -][A-Z][\w'.-]+){{0,3}},\s+{_HEADER_DATE}\s*(?:\([^)\n]{{0,30}}\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014|:)\s"
)
#: "Capital City June 27/2020 (AGENCY) ...": no comma, the agency's name in brackets closes it.
_AGENCY_DATELINE_RE = re.compile(
    rf"[A-Z][\w'.-]+(?:[ -][A-Z][\w'.-]+){{0,3}}\s+{_HEADER_DATE}\s*\([A-Z][^)\n]{{0,30}}\)"
    r"\s*(?:-{1,2}|\u2013|\u2014|:)?(?:\s|$)"
)
#: A place or a publisher's name: capitalised words ("Port City", "The Palace", "Press Office of
#: the President"), a few small words between them.
_NAME_WORDS = (
    r"[A-Z][\w.&'-]*(?:[ \t]+(?:of|the|for|and|de|du|des|la|le|[A-Z][\w.&'-]*)){0,5}(?<!\.)"
)
#: What a page may print after its date on the same line: " · pibtracker filter", " by
#: Press Office", " by the Press Office", and the two that sign it as the page's own stamp:
#: its place (", Port City", ", Capital City, The Palace") or its publisher after a separator
#: (" - Press Office", " / Agency").
_AFTER_DATE = (
    r"(?:\s*[·•|]\s*[^·•|\n]{0,40}"
    rf"|\s+by\s+(?:the\s+)?[A-Z][\w.&'-]*(?:[ \t]+[\w.&'-]+){{0,5}}"
    rf"|(?P<signed>(?:,[ \t]*{_NAME_WORDS}){{1,2}}|(?:[ \t]+(?:--?|\u2013|\u2014)|[ \t]*/)[ \t]*"
    rf"{_NAME_WORDS}))?"
)
_PUBLISHED_WORD = (
    r"(?:(?:Published|Posted|Released|Issued|Dated?|First\s+published|Last\s+updated|Updated)"
    r"(?:\s+(?:on|at))?\s*:?\s*(?:\([^)]{0,20}\)\s*)?)"
)
#: A line that is a date (and time) and little else, or ends in one.
_HEADER_LINE_RE = re.compile(
    rf"(?:^|[:|·•]\s*|\s)(?P<published>{_PUBLISHED_WORD})?(?:{_WEEKDAY_WORD}\s+)?{_HEADER_DATE}"
    rf"(?:{_ISO_CLOCK}|{_CLOCK})\s*\)?{_AFTER_DATE}\s*$"
)
#: A photo's caption gives the day and place of the picture, not of the page: "Photo: ...",
#: "(File photo) ...", "Pictured: ...".
_CAPTION_RE = re.compile(
    r"[(\[]?\s*(?:file\s+)?(?:photo(?:graph)?s?|pictures?|pictured|images?|captions?)\b",
    re.IGNORECASE,
)
#: Someone in a place on a day, as a caption says it: "President X in Port City, <date>" (but a
#: byline keeps its reporter's place: "By Jane Doe in Capital City, <date>").
_CAPTION_PLACE_RE = re.compile(r"(?!By\s)\S.*\sin\s+[A-Z][\w'.-]*(?:[ -][A-Z][\w'.-]*){0,3},?$")
#: A numbered release dated by its own heading: "Press release No. 112/2022 of <date>" (the
#: year of its number, when it has one, is the year of its date).
_NUMBERED_RELEASE_RE = re.compile(
    r"(?i:press\s+release|news\s+release|release|communiqu[eé]|press\s+statement|statement"
    r"|bulletin|readout)\s+(?i:no|nr|n°|number)\.?\s*\d+(?:[-/](?P<year>(?:19|20)\d\d))?"
    r"\s+(?:of|dated|from)"
)
#: How far down a page its own date is looked for (lines, and characters).
_HEADER_LINES = 12
_HEADER_REACH = 1200
_HEADER_LINE_MAX = 120
_BLANK_LINE_RE = re.compile(r"\n[ \t\r]*\n")
#: A headline without a blank line under it: three words or more, capitalised, and none of a
#: sentence's end ("PM call with President X of Y: 23 November 2025").
_HEADLINE_RE = re.compile(r"[A-Z\"'][^\n]*\s\S+\s[^\n]*[^.!?,;:\s]")


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
    #: The year, when the dateline gives it too.
    dateline_year: int | None = None


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
    else:
        found = find_page_date(folded)
        if found is not None:
            meta.header_date, meta.header_span = found
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


def find_page_date(folded: str) -> tuple[date, tuple[int, int]] | None:
    """The page's own date: a short line near the top that is (or ends in) a date, else a
    "Published <date>" line anywhere. Returns the date and the span of its line.

    A numeric date is read day first ("03-11-2016" is 3 November), as most of the world
    writes it, unless its first number cannot be a day of a month.
    """
    lines = list(_lines(folded))
    dated: list[tuple[date, tuple[int, int]]] = []
    for number, (start, end) in enumerate(lines):
        if number >= _HEADER_LINES or start > _HEADER_REACH:
            break
        line = folded[start:end]
        dateline = _DATED_DATELINE_RE.match(line) or _AGENCY_DATELINE_RE.match(line)
        if dateline is not None and not dated:
            found = _groups_date(dateline.groupdict())
            if found is not None:
                return found, (start, start + dateline.end())
        if len(line) > _HEADER_LINE_MAX:
            # A paragraph: the page's header is over (a date line may still follow a title).
            if number > 0:
                break
            continue
        found = _line_date(line)
        if found is not None:
            dated.append((found, (start, end)))
    if dated:
        # A site prints today's date above its pages ("Monday, December 29, 2025"); the
        # story's own stamp carries its time or its byline ("IANS, 09 Jan, 2019 01:49 AM").
        stamped = [d for d in dated if _is_stamp(folded[d[1][0] : d[1][1]])]
        return (stamped or dated)[0]
    for start, end in lines:
        line = folded[start:end]
        if len(line) <= _HEADER_LINE_MAX:
            match = _HEADER_LINE_RE.search(line)
            if match and match.group("published"):
                found = _line_date(line)
                if found is not None:
                    return found, (start, end)
            issued = _ISSUED_ON_RE.search(line)
            if issued is not None:
                found = _groups_date(issued.groupdict())
                if found is not None:
                    return found, (start, end)
    return None


_TIME_OF_DAY_RE = re.compile(r"\b\d{1,2}[:.]\d\d\b(?!\.\d)|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)


#: A list's item stamp: a line that ends in a date and its time of day, even glued to the
#: item's title ("PM call with Prime Minister of Spain12/06/2025 09:05:00").
_ITEM_STAMP_RE = re.compile(
    rf"{_HEADER_DATE}\s*(?:[,|@-]|at)?\s*\(?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\)?"
    r"\s*(?:[AaPp]\.?[Mm]\.?)?\s*$"
)


def item_stamps(folded: str, after: int) -> list[tuple[int, date]]:
    """The lines that date what follows them, each item of a page's list of news by its own
    line, not by the page's date: after ``after``, a line that ends in a date with its time
    of day ("Latest news": title, stamp, first lines) or that is a date and nothing else
    ("19 December 2024" above each item); anywhere, a title that ends in its date ("PM's call
    with X: 29 April 2025", then "spoke this evening"). Returns where each line ends, and
    its date."""
    stamps = []
    for start, end in _lines(folded):
        if end - start > _HEADER_LINE_MAX:
            continue
        found = None
        if start >= after:
            match = _ITEM_STAMP_RE.search(folded, start, end)
            if match is not None:
                found = _groups_date(match.groupdict())
            elif _DATE_ONLY_RE.fullmatch(folded, start, end):
                found = _line_date(folded[start:end])
        if found is None and (titled := _TITLE_DATE_RE.search(folded, start, end)):
            found = _groups_date(titled.groupdict())
        if found is not None:
            stamps.append((end, found))
    return stamps


#: A line that is a date and nothing else (with its weekday, perhaps).
_DATE_ONLY_RE = re.compile(rf"\s*(?:{_WEEKDAY_WORD}\s+)?{_HEADER_DATE}\s*")
#: A title that ends in its date after a colon: "PM's call with X: 29 April 2025".
_TITLE_DATE_RE = re.compile(rf"[A-Za-z][^\n]{{8,}}:\s+{_HEADER_DATE}\s*$")


def closing_stamps(folded: str) -> list[tuple[int, int, int, date]]:
    """The items of a page's bulleted list that each end in a line of their own with a date
    ("Ottawa, Ontario - January 30, 2019"), just before the next item's bullet or the end:
    a page that lists its readouts, each closed by its place and day, which is that item's
    date and never the next one's. Returns (where the item starts, where its date line
    starts and ends, the date) for each."""
    lines = list(_lines(folded))
    bullets = [n for n, (start, _) in enumerate(lines) if folded[start] in BULLETS]
    if len(bullets) < 2:
        return []
    found = []
    for n, (start, end) in enumerate(lines):
        if n <= bullets[0] or end - start > _HEADER_LINE_MAX or folded[start] in BULLETS:
            continue
        if n + 1 < len(lines) and folded[lines[n + 1][0]] not in BULLETS:
            continue  # a date line that opens what follows, not one that closes an item
        day = _line_date(folded[start:end])
        if day is None:
            continue
        item = max(b for b in bullets if b < n)
        found.append((lines[item][0], start, end, day))
    # One dated line at the end of a story with a bulleted summary closes no list.
    return found if len(found) >= 2 else []


def _is_stamp(line: str) -> bool:
    """A publication stamp: a date with its time of day, after a byline or "Published", or
    signed with its place or its publisher ("14 September 2021, Port City", "3 March 2022 -
    Press Office")."""
    if _TIME_OF_DAY_RE.search(line):
        return True
    match = _HEADER_LINE_RE.search(line)
    return bool(
        match
        and (
            match.group("published") or match.group("signed") or line[: match.start()].strip(" ,|-")
        )
    )


def _lines(text: str):
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            yield start, start + len(stripped)
        position += len(line)


def _line_date(line: str) -> date | None:
    match = _HEADER_LINE_RE.search(line)
    if match is None:
        return None
    groups = match.groupdict()
    # A sentence that happens to end in a date is not a header: it has a verb and a period
    # before it; a title or a byline line is short, or ends "title: date".
    before = line[: match.start()].strip()
    if _CAPTION_RE.match(before) or _CAPTION_PLACE_RE.match(before):
        return None  # a photo's day and place, not the page's
    numbered = _NUMBERED_RELEASE_RE.fullmatch(before)
    if numbered is not None:
        found = _groups_date(groups)
        year = numbered.group("year")
        return found if found is None or not year or int(year) == found.year else None
    if before and not (
        line[match.start() : match.start() + 1] in ":|·•"
        or before.endswith((":", "|", "-", "–", "—", "·", "•"))
        or match.group("published")
        or _looks_like_byline(before)
    ):
        return None
    return _groups_date(groups)


def _groups_date(groups: dict[str, str | None]) -> date | None:
    """The date a match of ``_HEADER_DATE`` stands for (None if it is no day)."""
    try:
        for suffix in "1234567":
            if groups.get(f"y{suffix}"):
                year = int(groups[f"y{suffix}"])
                month_raw = (groups[f"m{suffix}"] or "").rstrip(".")
                month = int(month_raw) if month_raw.isdigit() else MONTHS[month_raw.lower()]
                day = int(groups[f"d{suffix}"] or "")
                if suffix == "4" and month > 12 >= day:
                    day, month = month, day  # 11-23-2016: the month first
                return date(year, month, day)
    except (ValueError, KeyError):
        return None
    return None


def _looks_like_byline(text: str) -> bool:
    """A name, handle or "x minutes ago" before the date: not a sentence."""
    return "." not in text.rstrip(".") or "@" in text or text.endswith("ago")


def _skip_blank(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _title_at(folded: str, position: int) -> tuple[int, int] | None:
    """A first short line without a final period, followed by a blank line, or by a line of
    its own that reads as the story (many pages keep no blank line under their headline)."""
    line_end = folded.find("\n", position)
    if line_end < 0:
        return None
    line = folded[position:line_end].rstrip()
    if not line or len(line) > _TITLE_MAX or line[-1] in ".,;:":
        return None
    if line_end in wrapped_breaks(folded, position, min(len(folded), position + 2000)):
        return None  # the first line of a paragraph wrapped at a fixed width
    if not _BLANK_LINE_RE.match(folded, line_end) and not _HEADLINE_RE.fullmatch(line):
        return None
    if len(line.split()) < 2 or _SLASH_DATELINE_RE.match(line) or _PAREN_DATELINE_RE.match(line):
        return None
    if _BYLINE_RE.match(line + "\n"):
        return None
    return (position, position + len(line))


def _read_dateline(folded: str, position: int, meta: Metadata) -> int:
    dated = _read_dated_place(folded, position, meta)
    if dated is not None:
        return dated
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


def _read_dated_place(folded: str, position: int, meta: Metadata) -> int | None:
    """A dateline that gives its day (``_DATED_PLACE_RE``): where the story starts after it,
    or None."""
    match = _DATED_PLACE_RE.match(folded, position)
    if match is None:
        return None
    groups = match.groupdict()
    try:
        if groups["m3"]:
            month, day = int(groups["m3"]), int(groups["d3"])
        else:
            suffix = "1" if groups["m1"] else "2"
            month = MONTHS[groups[f"m{suffix}"].rstrip(".").lower()]
            day = int(groups[f"d{suffix}"])
        year_text = groups["y1"] or groups["y2"] or groups["y3"]
        year = int(year_text) if year_text else None
        date(year or 2000, month, day)  # a day of that month (2000: a leap year)
    except (KeyError, ValueError):
        return None
    place = match.group("place").strip()
    if place.lower() in MONTHS or place.lower().rstrip(".") in _WEEKDAY_NAMES:
        return None  # "On 4 June ...", "Monday, 4 June ...": a sentence, not a dateline
    meta.dateline = place
    meta.dateline_span = (match.start(), len(folded[: match.end()].rstrip()))
    agency = groups["agency0"] or groups["agency1"] or groups["agency2"]
    if agency:
        meta.agency = agency.strip()
    meta.dateline_month_day = (month, day)
    meta.dateline_year = year
    return match.end()


_WEEKDAY_NAMES = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on", "by"]
)


#: A line that opens a page's furniture: lists of links to other stories around the article.
_FURNITURE_RE = re.compile(
    r"\s*(?:sidebar\b|related\b|latest(?:\s+(?:news|stories|articles))?\s*(?::|$)|"
    r"more\s+(?:from|on|news|stories|in)\b|most\s+(?:read|popular|viewed|shared)\b|"
    r"read\s+(?:more|also|next)\b|also\s+read\b|see\s+also\b|trending\b|"
    r"recommended\b|you\s+may\s+also\s+like|other\s+news\b|top\s+stories\b)",
    re.IGNORECASE,
)
#: A line of headlines run together: "A leader calls another | Two leaders meet".
_LINKS_LINE_RE = re.compile(r"[^|\n]{8,}(?:\s\|\s[^|\n]{8,}){1,}")
#: The longest a headline of a list of links is.
_LINK_LINE_MAX = 140


def furniture_spans(folded: str) -> list[tuple[int, int]]:
    """The spans of a page's furniture: a line that opens a list of links to other stories
    ("Related news", "More from <outlet>: ...", "Most read") with the headline lines after it
    (short, no sentence's full stop) up to a blank line or prose, and a line of headlines run
    together with "|". Their contacts are other stories', never the article's."""
    spans: list[tuple[int, int]] = []
    in_list = False
    start = 0
    for line in folded.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if not stripped:
            in_list = False
        elif _FURNITURE_RE.match(line) and len(stripped) <= 400:
            spans.append((start, end))
            in_list = True
        elif (_LINKS_LINE_RE.fullmatch(stripped) and not stripped.endswith(".")) or (
            in_list and len(stripped) <= _LINK_LINE_MAX and not stripped.endswith(_STOPS)
        ):
            spans.append((start, end))
        else:
            in_list = False
        start = end + 1
    return spans


_STOPS = (".", '."', ".\u201d")
