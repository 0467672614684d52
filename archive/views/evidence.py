"""Evidence as readers see it: each sentence once, with every fact it gave.

A source's text is shown a part at a time (`TEXT_PART` characters), with at most `MAX_MARKS`
highlighted spans a part: an article at the size limit that repeats one sentence a hundred
thousand times is a hundred thousand spans, and its page must still be a page.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from ..models import Evidence

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


def sentences(evidence: Iterable[Evidence], names: dict[str, str]) -> list[Sentence]:
    """Evidence grouped by span, in text order; ``names`` turns details (slugs) into names."""
    grouped: dict[tuple[int, int], Sentence] = {}
    for item in sorted(evidence, key=lambda e: (e.start, e.end, e.pk or 0)):
        sentence = grouped.setdefault(
            (item.start, item.end), Sentence(item.text, item.start, item.end)
        )
        label = item.get_fact_display()
        if item.detail:
            label += f" ({names.get(item.detail, item.detail)})"
        if label not in sentence.facts:
            sentence.facts.append(label)
    return list(grouped.values())


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
