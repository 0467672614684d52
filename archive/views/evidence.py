"""Evidence as readers see it: each sentence once, with every fact it gave."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import Evidence


@dataclass
class Sentence:
    """A sentence of a source and the facts of one call taken from it."""

    text: str
    start: int
    end: int
    facts: list[str] = field(default_factory=list)


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


def segments(body: str, evidence: list[Evidence]) -> list[Segment]:
    """The body cut at every evidence boundary, so that overlapping spans all show."""
    spans = [e for e in evidence if 0 <= e.start < e.end <= len(body)]
    starts = {e.start for e in spans}
    cuts = sorted({0, len(body), *starts, *(e.end for e in spans)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [e for e in spans if e.start <= start and end <= e.end]
        pieces.append(Segment(body[start:end], covering, start if start in starts else None))
    return pieces
