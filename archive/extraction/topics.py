"""Topics: knowledge-base keywords found in the sentences about a contact.

Keywords match whole words or phrases, case-insensitively and accent-folded (a keyword
also matches its plural). A child topic says nothing about its parent: a parent is only
returned when its own keywords match.
"""

from __future__ import annotations

from bisect import bisect_left
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
    """Topic keyword hits in ``sentences``, in text order."""
    hits: list[TopicHit] = []
    for sentence in sentences:
        first = bisect_left(view.starts, sentence.start)
        last = bisect_left(view.starts, sentence.end)
        for match in kb.topic_index.scan(view, first, last):
            for _, slug in match.targets:
                hits.append(TopicHit(slug, sentence, match.start, match.end))
    return hits


def distinct_topics(hits: list[TopicHit]) -> list[TopicHit]:
    """The first hit of each topic, in order of first appearance."""
    seen: dict[str, TopicHit] = {}
    for hit in hits:
        seen.setdefault(hit.slug, hit)
    return list(seen.values())
