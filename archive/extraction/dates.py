"""Date expressions: finding them, resolving them against the article's date, and years.

Absolute dates ("September 22, 2022", "Sept. 20, 2022", "10 June 2023", "2023-06-10"),
dates without a year ("June 10"), months ("June 2023", "last August"), years ("in
2022") and relative days ("on Saturday", "yesterday", "today"). A relative day is the
latest such day on or before the article's date (the same day counts); without an
article date it stays unresolved and the caller warns. A day counted from another day the
text names ("the day before", "the next day") is resolved from that day, which the caller
finds (``ContactContext.reference_for``), never from the article's date.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from .text import TextView, positions_in
from .vocabulary import MONTH_PATTERN, MONTHS, NUMBER_PATTERN, WEEKDAYS, number_value

_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    (
        "mdy",
        re.compile(
            rf"\b(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}){_ORD}\b(?:,?\s+{_YEAR}\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<month>{MONTH_PATTERN})(?![a-z])"
            rf"(?:,?\s+{_YEAR}\b)?"
        ),
    ),
    ("my", re.compile(rf"\b(?P<month>{MONTH_PATTERN})(?:\s+of)?,?\s+{_YEAR}\b")),
    (
        "last_month",
        re.compile(rf"\b(?:[Ll]ast|[Tt]his|[Ee]arlier\s+this)\s+(?P<month>{MONTH_PATTERN})\b"),
    ),
    (
        "in_month",
        re.compile(
            rf"\b(?:in|In|early|late|mid-)\s+(?P<month>{MONTH_PATTERN})\b(?![\s,]+\d)"
            # "in August last year": the month of the year before the article's.
            r"(?:\s+(?:of\s+)?(?P<last_year>last\s+year)\b)?"
        ),
    ),
    (
        "year",
        re.compile(rf"\b(?:in|In|during|of|since|Since)\s+(?:(?:early|late|mid-)\s*)?{_YEAR}\b"),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<last>[Ll]ast)\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
            # Not "Monday, 10 July" (a full date); "Monday 10/7" is the weekday, its day
            # and month without a year only saying so again.
            r"(?!\s*,?\s+(?:" + MONTH_PATTERN + r"|(?!\d{1,2}/\d{1,2}\b(?!/))\d))"
            r"(?:\s+(?P<last_week>(?:of\s+)?last\s+week)\b)?"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<relative>[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast\s+(?:night|evening)|"
            r"[Tt]he\s+day\s+before\s+yesterday|"
            r"[Ee]arlier\s+today|[Ll]ater\s+today|(?:[Ll]ater|[Ee]arlier)\s+in\s+the\s+day|"
            r"[Tt]his\s+(?:morning|afternoon|evening))\b"
        ),
    ),
    (
        "anchored",
        re.compile(
            r"\b(?P<anchored>(?:[Tt]he|[Aa])\s+day\s+(?:before|earlier)|"
            r"[Tt]he\s+(?:previous|preceding)\s+day|[Tt]he\s+(?:next|following)\s+day|"
            r"[Aa]\s+day\s+later)\b"
        ),
    ),
    (
        # "two days ago": a day counted back from the article's date.
        "days_ago",
        re.compile(rf"\b(?P<count>{NUMBER_PATTERN}|a)\s+days?\s+ago\b"),
    ),
    (
        # Spans of days that name no one day: "last week", "earlier this week", "over the
        # weekend", "a week ago", "recently". A contact so dated is not the article's day.
        "span",
        re.compile(
            r"\b(?P<span>[Ll]ast\s+week|(?:[Ee]arlier\s+|[Ll]ater\s+)?[Tt]his\s+week|"
            r"(?:(?:[Oo]ver|[Aa]t|[Dd]uring|[Oo]n)\s+the|[Ll]ast|[Tt]his)\s+weekend|"
            rf"(?P<weeks>{NUMBER_PATTERN}|a)\s+weeks?\s+ago|"
            r"(?:a\s+)?few\s+days\s+ago|[Ii]n\s+recent\s+(?:days|weeks)|[Rr]ecently)\b"
            # "recently elected", "recently appointed": when the person took office.
            r"(?!\s+(?:elected|re-elected|appointed|sworn|installed|inaugurated|named|"
            r"designated|concluded|announced|signed|launched|completed|formed|released|"
            r"adopted|passed|established|created|opened|approved|agreed|returned))"
        ),
    ),
    (
        # "on the 18th", "from 9:00 pm on the 14th": a day of the article's month.
        "ordinal_day",
        re.compile(
            r"\b[Oo]n\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b"
            r"(?=\s*(?:[,.;:)(]|$|of\s+(?:this|the)\s+month\b|at\s+\d|in\s+the\s+"
            r"(?:morning|afternoon|evening)\b|(?:local|[A-Z]\w+)\s+time\b))"
        ),
    ),
    (
        # "18/12/2023", "18.12.2023": day first unless the second number cannot be a month.
        "numeric",
        re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
    ),
    (
        "relative_period",
        re.compile(
            r"\b(?P<period>[Ll]ast\s+(?:month|year)|[Tt]his\s+(?:month|year)|"
            r"[Ee]arlier\s+this\s+(?:month|year))\b"
        ),
    ),
]
_FORMS_BY_PRIORITY = (
    *("full", "month_day", "month_year", "month", "year"),
    *("weekday", "ordinal_day", "relative", "anchored", "period", "span"),
)
_PRIORITY = {form: rank for rank, form in enumerate(_FORMS_BY_PRIORITY)}


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression in the text, as read (not yet resolved)."""

    start: int
    end: int
    form: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    #: Days before the article date for "yesterday" (1), "today" (0); before the day it is
    #: counted from for "the day before" (1), "the next day" (-1).
    days_back: int | None = None
    #: "last" or "this" for months, "last-month", "this-month", "last-year", "this-year";
    #: "last" for a weekday of the week before ("last Wednesday"), "last-week" for one named
    #: with it ("Wednesday last week").
    relation: str | None = None
    #: For a span of days ("last week"): the first and last day of it as days before the
    #: article's date, or None when the words bound it no closer than "before" (recently).
    span: tuple[int, int] | None = None

    @property
    def is_relative(self) -> bool:
        """Whether the expression is a day relative to the article (weekday, yesterday) or
        to another day the text names (the day before)."""
        return self.form in ("weekday", "ordinal_day", "relative", "anchored", "span")


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: date | None
    precision: str
    basis: str | None
    year_inferred: bool = False
    warning: str | None = None
    #: How the day was counted, in words, where no one expression of the text gives it
    #: ("'three days after' 18 August 2025").
    explanation: str | None = None


UNKNOWN = ResolvedDate(None, "unknown", None)


_PATTERN_BY_NAME = dict(_PATTERNS)
_RELATIVE_WORDS = frozenset({"yesterday", "today", "tonight", "last", "this", "earlier", "later"})
#: Which patterns to try, and how many words before the anchor word they may start.
_TRIES_AT_MONTH = (("mdy", 0), ("my", 0), ("dmy", 1), ("dmy", 2), ("last_month", 1))
_TRIES_AT_MONTH += (("last_month", 2), ("in_month", 1), ("in_month", 2))
_TRIES_AT_YEAR = (("iso", 0), ("year", 1), ("year", 2))
_TRIES_AT_WEEKDAY = (("weekday", 0),)
_TRIES_AT_RELATIVE = (("relative", 0), ("relative_period", 0), ("span", 0), ("weekday", 0))
_TRIES_AT_DAY = (("anchored", 1), ("anchored", 2), ("relative", 1))
_TRIES_AT_AGO = (("days_ago", 2), ("span", 2), ("span", 3))


def _ordinal(n: int) -> str:
    """ "1st", "2nd", "3rd", "4th", "11th", "22nd"."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th") if n % 100 not in (11, 12, 13) else "th"
    return f"{n}{suffix}"


_TRIES_BY_WORD = {
    **dict.fromkeys(_RELATIVE_WORDS, _TRIES_AT_RELATIVE),
    "day": _TRIES_AT_DAY,
    "ago": _TRIES_AT_AGO,
    "weekend": (("span", 1), ("span", 2)),
    "recently": (("span", 0),),
    "recent": (("span", 1),),
    **dict.fromkeys(WEEKDAYS, _TRIES_AT_WEEKDAY),
    **dict.fromkeys(MONTHS, _TRIES_AT_MONTH),
    **dict.fromkeys((str(year) for year in range(1900, 2100)), (*_TRIES_AT_YEAR, ("numeric", 2))),
    **dict.fromkeys((_ordinal(n) for n in range(1, 32)), (("ordinal_day", 2),)),
}


def find_dates(view: TextView, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Every date expression in the text between ``start`` and ``end``, longest first where
    they overlap. Patterns are only tried next to a word that can be part of a date."""
    folded, words, starts = view.folded, view.lower_words, view.starts
    stop = len(folded) if end is None else end
    first = bisect_left(starts, start)
    last = bisect_left(starts, stop)
    found: dict[tuple[int, int], DateExpr] = {}
    for i in positions_in(words, _TRIES_BY_WORD, first, last):
        tries = _TRIES_BY_WORD[words[i]]
        for form, back in tries:
            j = i - back
            if j < first:
                continue
            match = _PATTERN_BY_NAME[form].match(folded, starts[j], stop)
            if match is None:
                continue
            expr = _read(form, match)
            if expr is not None:
                found.setdefault((expr.start, expr.end), expr)
    ordered = sorted(found.values(), key=lambda e: (e.start, -(e.end - e.start), _PRIORITY[e.form]))
    kept: list[DateExpr] = []
    last_end = -1
    for expr in ordered:
        if expr.start < last_end:
            continue
        kept.append(expr)
        last_end = expr.end
    return kept


def _read(form: str, match: re.Match[str]) -> DateExpr | None:
    groups = match.groupdict()
    start, end = match.start(), match.end()
    year = int(groups["year"]) if groups.get("year") else None
    month: int | None = None
    if groups.get("month"):
        raw = groups["month"].rstrip(".")
        month = int(raw) if raw.isdigit() else MONTHS.get(raw.lower())
    day = int(groups["day"]) if groups.get("day") else None
    if form in ("iso", "mdy", "dmy"):
        if month is None or day is None or not 1 <= month <= 12:
            return None
        try:
            date(year or 2000, month, day)
        except ValueError:
            return None
        return DateExpr(start, end, "full" if year else "month_day", year, month, day)
    if form == "my":
        return DateExpr(start, end, "month_year", year, month)
    if form == "last_month":
        word = match.group().split()[0].lower()
        return DateExpr(
            start, end, "month", None, month, relation="last" if word == "last" else "this"
        )
    if form == "in_month":
        if groups.get("last_year"):
            return DateExpr(start, end, "month", None, month, relation="last-year")
        return DateExpr(start, end, "month", None, month, relation="recent")
    if form == "year":
        return DateExpr(match.start("year"), end, "year", year)
    if form == "weekday":
        relation = (
            "last-week" if groups.get("last_week") else "last" if groups.get("last") else None
        )
        return DateExpr(
            start, end, "weekday", weekday=WEEKDAYS[groups["weekday"].lower()], relation=relation
        )
    if form == "days_ago":
        raw = groups["count"].lower()
        count = 1 if raw == "a" else number_value(raw)
        if not count or count > 31:
            return None
        return DateExpr(start, end, "relative", days_back=int(count))
    if form == "span":
        words = " ".join((groups["span"] or "").lower().split())
        relation = (
            "weekend"
            if "weekend" in words
            else "last-week"
            if words == "last week"
            else "earlier-this-week"
            if words == "earlier this week"
            else "this-week"
            if words.endswith("this week")
            else None
        )
        return DateExpr(start, end, "span", relation=relation, span=_span_of(words, groups))
    if form == "ordinal_day":
        assert day is not None
        return DateExpr(start, end, "ordinal_day", day=day) if 1 <= day <= 31 else None
    if form == "numeric":
        first, second = int(groups["a"]), int(groups["b"])
        if second > 12 and first <= 12 and groups["sep"] == "/":
            first, second = second, first  # "12/18/2023": a month first, as US pages write
        elif first <= 12 and second <= 12 and first != second and groups["sep"] == "/":
            return None  # "3/4/2023": 3 April or March 4, as the page's country writes
        try:
            date(int(groups["year"]), second, first)
        except ValueError:
            return None
        return DateExpr(start, end, "full", int(groups["year"]), second, first)
    if form == "relative":
        word = groups["relative"].lower()
        back = 1 if word.startswith(("yesterday", "last")) else 0
        if word.startswith("the day before"):
            back = 2
        return DateExpr(start, end, "relative", days_back=back)
    if form == "anchored":
        words = groups["anchored"].lower().split()
        later = words[-1] in ("day", "later") and words[1] in ("next", "following", "day")
        return DateExpr(start, end, "anchored", days_back=-1 if later else 1)
    if form == "relative_period":
        words = groups["period"].lower().split()
        relation = f"{'last' if words[0] == 'last' else 'this'}-{words[-1]}"
        return DateExpr(start, end, "period", relation=relation)
    return None


_WEEKS_RE = re.compile(r"weeks?\s+ago")


def _span_of(words: str, groups: dict[str, str | None]) -> tuple[int, int] | None:
    """Days before the article's date of a span's first and last day, as far as the words
    alone say (weeks and weekends are placed by the article's weekday, in `resolve`)."""
    if _WEEKS_RE.search(words):
        raw = (groups.get("weeks") or "a").lower()
        count = 1 if raw == "a" else number_value(raw)
        if not count:
            return None
        return (int(7 * count + 3), int(7 * count - 3))
    if "few days" in words:
        return (6, 2)
    return None  # the week's and weekend's bounds depend on the article's weekday


def _span_dates(expr: DateExpr, reference: date) -> tuple[date, date] | None:
    """The first and last day a span may stand for, counted from ``reference``; None when
    the words bound it no closer than "before the article" ("recently")."""
    if expr.span is not None:
        return reference - timedelta(days=expr.span[0]), reference - timedelta(days=expr.span[1])
    monday = reference - timedelta(days=reference.weekday())
    if expr.relation == "weekend":
        # The latest Saturday and Sunday on or before the article's date.
        saturday = reference - timedelta(days=(reference.weekday() - 5) % 7)
        return saturday, min(saturday + timedelta(days=1), reference)
    if expr.relation == "last-week":
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if expr.relation == "this-week":
        return monday, reference
    if expr.relation == "earlier-this-week":
        return monday, max(monday, reference - timedelta(days=1))
    return None


def resolve(expr: DateExpr, reference: date | None) -> ResolvedDate:
    """The date an expression stands for, given the article's date (if any)."""
    if expr.form == "full":
        assert expr.year is not None
        assert expr.month is not None
        assert expr.day is not None
        return ResolvedDate(date(expr.year, expr.month, expr.day), "day", "explicit")
    if expr.form == "month_year":
        assert expr.year is not None
        assert expr.month is not None
        return ResolvedDate(date(expr.year, expr.month, 1), "month", "explicit")
    if expr.form == "year":
        assert expr.year
        return ResolvedDate(date(expr.year, 1, 1), "year", "explicit")
    if reference is None:
        if expr.form == "anchored":
            return ResolvedDate(
                None, "unknown", None, warning="counts from no day the text names before it"
            )
        return ResolvedDate(
            None, "unknown", None, warning="cannot be placed in time: the article has no date"
        )
    if expr.form == "anchored":
        return ResolvedDate(reference - timedelta(days=expr.days_back or 0), "day", "relative")
    if expr.form == "month_day":
        assert expr.month is not None
        assert expr.day is not None
        value = most_recent_month_day(expr.month, expr.day, reference)
        if value is None:
            return UNKNOWN
        return ResolvedDate(value, "day", "explicit", year_inferred=True)
    if expr.form == "weekday":
        assert expr.weekday is not None
        back = (reference.weekday() - expr.weekday) % 7
        if expr.relation == "last" and back == 0:
            back = 7  # "last Wednesday" written on a Wednesday: the week before
        elif expr.relation == "last-week":
            back = reference.weekday() - expr.weekday + 7  # "Wednesday last week"
        return ResolvedDate(reference - timedelta(days=back), "day", "relative")
    if expr.form == "span":
        bounds = _span_dates(expr, reference)
        if bounds is None:
            return ResolvedDate(None, "unknown", "relative")
        first, last = bounds
        if first == last:
            return ResolvedDate(first, "day", "relative")
        if (first.year, first.month) == (last.year, last.month):
            return ResolvedDate(first.replace(day=1), "month", "relative")
        return ResolvedDate(None, "unknown", "relative")
    if expr.form == "ordinal_day":
        assert expr.day is not None
        for months_back in (0, 1):
            year, month = reference.year, reference.month - months_back
            if month == 0:
                year, month = year - 1, 12
            try:
                value = date(year, month, expr.day)
            except ValueError:
                continue
            if value <= reference + timedelta(days=1):
                return ResolvedDate(value, "day", "relative")
        return UNKNOWN
    if expr.form == "relative":
        return ResolvedDate(reference - timedelta(days=expr.days_back or 0), "day", "relative")
    if expr.form == "month":
        assert expr.month
        year = reference.year
        if expr.relation == "last-year":
            year -= 1
        elif expr.relation == "last":
            if expr.month >= reference.month:
                year -= 1
        elif expr.month > reference.month:
            year -= 1
        return ResolvedDate(date(year, expr.month, 1), "month", "relative")
    if expr.form == "period":
        relation = expr.relation or ""
        if relation.endswith("month"):
            first = reference.replace(day=1)
            if relation.startswith("last"):
                first = (first - timedelta(days=1)).replace(day=1)
            return ResolvedDate(first, "month", "relative")
        year = reference.year - (1 if relation.startswith("last") else 0)
        return ResolvedDate(date(year, 1, 1), "year", "relative")
    return UNKNOWN


def most_recent_month_day(month: int, day: int, reference: date) -> date | None:
    """The latest ``month``/``day`` on or before ``reference`` (a day of slack for time zones)."""
    for year in (reference.year, reference.year - 1):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value <= reference + timedelta(days=1):
            return value
    return None


# --- Years for datelines without one ------------------------------------------------------

_SPAN_RE = re.compile(
    r"\b(?:for\s+the\s+first\s+time\s+(?:in|since)|first\s+(?:call|conversation|talks|"
    r"meeting|contact|visit)s?\s+(?:in|since)|after\s+(?:a\s+)?(?:gap|break|hiatus|pause|"
    r"lull)\s+of|(?:not|never)\s+(?:spoken|talked|met)\s+(?:for|in))\s+"
    r"(?:(?:near(?:ly)?|almost|about|around|over|more\s+than|some|roughly|close\s+to|"
    r"just\s+over|just\s+under|a\s+little\s+over|well\s+over)\s+)?"
    rf"(?P<number>{NUMBER_PATTERN}|half\s+a)\s+(?P<unit>years?|months?)\b"
)


@dataclass(frozen=True, slots=True)
class YearInference:
    year: int
    explanation: str
    span: tuple[int, int]


def infer_year(
    month: int, day: int, lower: str, full_dates: list[tuple[int, date]], body_start: int = 0
) -> YearInference | None:
    """The year of a dateline's ``month``/``day`` from a stated gap after a dated event.

    ``lower`` is the folded, lower-cased text; ``full_dates`` are (offset, date) pairs of
    the complete dates in it. "for the first time in near three years" with an earlier
    call on 2022-09-22 and a July 1 dateline gives 2025: the year that makes the gap
    closest to the stated span.
    """
    if not full_dates:
        return None
    for match in _SPAN_RE.finditer(lower, body_start):
        raw = match.group("number")
        amount = 0.5 if raw.startswith("half") else number_value(raw)
        if not amount:
            continue
        span_days = amount * (365.25 if match.group("unit").startswith("year") else 30.44)
        # The dated event the span counts from: the complete date nearest to the phrase.
        _, anchor = min(full_dates, key=lambda item: abs(item[0] - match.start()))
        best: tuple[float, int] | None = None
        for year in range(anchor.year, anchor.year + math.ceil(amount) + 3):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= anchor:
                continue
            gap = abs((candidate - anchor).days - span_days)
            if best is None or gap < best[0]:
                best = (gap, year)
        if best is not None and best[0] <= max(span_days * 0.35, 45):
            phrase = lower[match.start() : match.end()]
            return YearInference(
                best[1],
                f"year {best[1]} inferred from '{phrase}' after {anchor.isoformat()}",
                (match.start(), match.end()),
            )
    return None
