"""Evidence as readers see it: each sentence once, with every fact it gave.

A source's text is shown a part at a time (`TEXT_PART` characters), with at most `MAX_MARKS`
highlighted spans a part: an article at the size limit that repeats one sentence a hundred
thousand times is a hundred thousand spans, and its page must still be a page.
"""

from __future__ import annotations

import datetime
import heapq
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ..enums import CallKind, Fact
from ..models import Evidence, Statement, attribution_of, duration_text

#: Characters of a source's text on one page: the whole of any ordinary article.
TEXT_PART = 100_000
#: Evidence spans highlighted in one part of a source's text.
MAX_MARKS = 1_000
#: Evidence rows a call's or a source's page lists for one report.
MAX_SENTENCE_ROWS = 200


def evidence_count():
    """A report's evidence rows, counted for each report on its own (an annotation): a
    GROUP BY over the join carried every other column through 100,000 rows (10 s)."""
    rows = Evidence.objects.filter(report=OuterRef("pk")).order_by().values("report")
    return Coalesce(Subquery(rows.annotate(n=Count("*")).values("n")), 0)


def part_of(offset: int) -> int:
    """The part (1-based) of a source's text that shows the character at ``offset``."""
    return max(offset, 0) // TEXT_PART + 1


def parts_in(length: int) -> int:
    """How many parts a text of ``length`` characters is shown in (at least one)."""
    return max(1, -(-length // TEXT_PART))


def part_window(part: int) -> tuple[int, int]:
    """The offsets [start, end) of the text that ``part`` shows."""
    start = (part - 1) * TEXT_PART
    return start, start + TEXT_PART


def anchor_query(offset: int) -> str:
    """The query string (with its ``?``) of the part showing ``offset``; empty for part 1,
    so that the links of every ordinary source stay as they were."""
    part = part_of(offset)
    return f"?part={part}" if part > 1 else ""


@dataclass
class Sentence:
    """A sentence of a source and the facts of one call taken from it."""

    text: str
    start: int
    end: int
    facts: list[str] = field(default_factory=list)

    @property
    def part_query(self) -> str:
        return anchor_query(self.start)

    @property
    def quoted(self) -> str:
        """The sentence as a quotation holds it (`nested_quotes`)."""
        return nested_quotes(self.text)


_STRAIGHT_QUOTE = re.compile(r'"')


def nested_quotes(text: str) -> str:
    """``text`` with its double quotation marks made single, for a quotation (``<q>``, which
    adds the double ones) to hold: “‘The presidents agreed…,’ the presidency said”, where the
    marks doubled (“"The presidents agreed…"”). Straight marks open and close in turn."""
    text = text.replace("“", "‘").replace("”", "’")
    marks = iter(["‘", "’"] * (text.count('"') // 2 + 1))
    return _STRAIGHT_QUOTE.sub(lambda _: next(marks), text)


def sentences(
    evidence: Iterable[Evidence], names: dict[str, str], statements: Iterable[Statement] = ()
) -> list[Sentence]:
    """Evidence grouped by span, in text order, each fact labelled by `fact_label`."""
    grouped: dict[tuple[int, int], Sentence] = {}
    statements = list(statements)
    for item in sorted(evidence, key=lambda e: (e.start, e.end, e.pk or 0)):
        sentence = grouped.setdefault(
            (item.start, item.end), Sentence(item.text, item.start, item.end)
        )
        label = fact_label(item, names, statements)
        if label not in sentence.facts:
            sentence.facts.append(label)
    return list(grouped.values())


_DURATION_DETAIL = re.compile(r"(?:(?P<qualifier>\D+?)\s+)?(?P<minutes>\d+)")


def fact_detail(item: Evidence, names: dict[str, str], statements: list[Statement] = ()) -> str:
    """What an evidence row says of its fact, as a reader reads it: a leader's or a topic's
    name (``names``: by slug), a duration with its unit ("more than 2 hours", where the row
    keeps "more than 120"), a date written out, a kind by its name, a statement's speaker
    as the call's page attributes it (``statements``: of the same source)."""
    detail = item.detail or ""
    if not detail:
        return ""
    if item.fact == Fact.DURATION:
        match = _DURATION_DETAIL.fullmatch(detail)
        if match:
            return duration_text(int(match["minutes"]), match["qualifier"] or "")
    if item.fact == Fact.DATE:
        try:
            day = datetime.date.fromisoformat(detail)
        except ValueError:
            return detail
        return f"{day.day} {day:%B %Y}"
    if item.fact == Fact.KIND and detail in CallKind.values:
        return CallKind(detail).label.lower()
    if item.fact == Fact.STATEMENT:
        for statement in statements:
            if (
                statement.speaker == detail
                and statement.start is not None
                and item.start <= statement.start
                and statement.end <= item.end
            ):
                return statement.attribution
        return attribution_of(detail)
    return names.get(detail, detail)


def fact_label(item: Evidence, names: dict[str, str], statements: list[Statement] = ()) -> str:
    """ "The duration (90 minutes)", "A statement (the president’s office)"."""
    label = item.get_fact_display()
    detail = fact_detail(item, names, statements)
    if detail and detail != "Unattributed":
        label += f" ({detail})"
    return label


@dataclass
class Segment:
    """A stretch of a source's text, and the evidence (if any) that covers it.

    ``anchor`` is the offset where an evidence span starts, if one starts here: the
    fragment ``#at-<offset>`` that call pages link to.
    """

    text: str
    evidence: list = field(default_factory=list)
    anchor: int | None = None


def segments(body: str, evidence: list[Evidence], offset: int = 0) -> list[Segment]:
    """``body`` (the text from ``offset`` on) cut at every evidence boundary, so that
    overlapping spans all show; evidence offsets are those of the whole text.

    One sweep over the boundaries, in O((n + k) log n) for n spans and k pieces: cutting
    at each boundary and then testing every span for every piece took hours for the
    100,000 spans of one article.
    """
    end_of_body = offset + len(body)
    spans = sorted(
        (e for e in evidence if e.start < e.end and e.end > offset and e.start < end_of_body),
        key=lambda e: (e.start, e.end),
    )
    starts = {e.start for e in spans}
    cuts = sorted(
        {offset, end_of_body}
        | {max(e.start, offset) for e in spans}
        | {min(e.end, end_of_body) for e in spans}
    )
    pieces: list[Segment] = []
    active: list[tuple[int, int, Evidence]] = []  # a heap by end
    covering: dict[int, Evidence] = {}  # by position in ``spans``, in text order
    following = 0
    for start, end in itertools.pairwise(cuts):
        while following < len(spans) and spans[following].start <= start:
            heapq.heappush(active, (spans[following].end, following, spans[following]))
            covering[following] = spans[following]
            following += 1
        while active and active[0][0] <= start:
            _, index, _ = heapq.heappop(active)
            del covering[index]
        items = [covering[index] for index in sorted(covering)]
        text = body[start - offset : end - offset]
        pieces.append(Segment(text, items, start if start in starts else None))
    return pieces
