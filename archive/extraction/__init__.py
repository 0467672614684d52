"""Diplo's text-extraction engine: one article in, one structured record out.

Pure Python (the standard library, and rapidfuzz for spellings of names; no Django): the
importer maps the records onto the archive's models. Everything particular (people,
countries, seats of government, topics) comes from a :class:`KnowledgeBase`; the engine
itself only knows English.

    kb = KnowledgeBase.from_json_dir(Path("fixtures/knowledge"))
    record = extract(text, kb, published=date(2023, 6, 10))
    for call in record.calls:
        print(call.role, call.kind, call.date, [p.name for p in call.participants])
"""

from .engine import extract
from .knowledge import CountryEntry, KnowledgeBase, LeaderEntry, Term, TopicEntry
from .records import (
    ArticleRecord,
    Evidence,
    ExtractedAnnouncement,
    ExtractedCall,
    ExtractedStatement,
    LeaderRef,
    Span,
)

__all__ = [
    "ArticleRecord",
    "CountryEntry",
    "Evidence",
    "ExtractedAnnouncement",
    "ExtractedCall",
    "ExtractedStatement",
    "KnowledgeBase",
    "LeaderEntry",
    "LeaderRef",
    "Span",
    "Term",
    "TopicEntry",
    "extract",
]
