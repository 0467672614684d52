"""Topics: knowledge-base keywords found in the sentences about a contact.

Keywords match whole words or phrases, case-insensitively and accent-folded (a keyword
also matches its plural). A child topic says nothing about its parent: a parent is only
returned when its own keywords match.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .knowledge import KnowledgeBase
from .sentences import Sentence
from .text import TextView


@dataclass(frozen=True, slots=True)
class TopicHit:
    slug: str
    sentence: Sentence
    start: int
    end: int


def topics_in(view: TextView, kb: KnowledgeBase, sentences: list[Sentence]) -> list[TopicHit]:
    """Topic keyword hits in ``sentences`` (in text order), in one pass over the text."""
    if not sentences:
        return []
    starts = [s.start for s in sentences]
    first = bisect_left(view.starts, sentences[0].start)
    last = bisect_left(view.starts, sentences[-1].end)
    hits: list[TopicHit] = []
    # Every keyword counts, even inside a longer one ("nuclear" in "Iran nuclear deal").
    for match in kb.topic_index.scan(view, first, last, overlapping=True):
        index = bisect_right(starts, match.start) - 1
        if index < 0:
            continue
        sentence = sentences[index]
        if match.end > sentence.end:
            continue
        for _, slug in match.targets:
            hits.append(TopicHit(slug, sentence, match.start, match.end))
    return hits


def distinct_topics(hits: list[TopicHit]) -> list[TopicHit]:
    """The first hit of each topic, in order of first appearance."""
    seen: dict[str, TopicHit] = {}
    for hit in hits:
        seen.setdefault(hit.slug, hit)
    return list(seen.values())
