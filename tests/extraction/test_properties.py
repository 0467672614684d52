"""Whatever the text, the engine returns a consistent record and never raises."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.extraction import KnowledgeBase, extract

from .conftest import COUNTRIES, LEADERS, TOPICS

KB = KnowledgeBase.from_dicts(COUNTRIES, LEADERS, TOPICS)
WORDS = [
    "Macron",
    "Putin",
    "Raïssi",
    "Erdoğan",
    "the",
    "French",
    "Russian",
    "president",
    "President",
    "his",
    "counterpart",
    "spoke",
    "by",
    "phone",
    "called",
    "met",
    "on",
    "Saturday",
    "September 22, 2022",
    "the Elysee",
    "said",
    "according to",
    "90-minute",
    "call",
    "two leaders",
    "will",
    "not",
    "and",
    "with",
    '"',
    "“",
    "”",
    ",",
    ".",
    "\n\n",
    "date 2023-06-10",
    "PARIS, July 1. /AGENCY/.",
    "(Agency) -",
    "nuclear",
    "drones",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))),
)
def test_records_are_consistent_for_any_text(text, published):
    record = extract(text, KB, published=published)

    assert record.text == text
    for found in record.calls:
        assert len({p.slug or p.name for p in found.participants}) >= 2
        assert found.kind in ("phone", "video", "meeting", "other")
        assert found.role in ("main", "background")
        assert (found.date is None) == (found.date_precision == "unknown")
        assert found.duration_qualifier is None or found.duration_minutes is not None
        assert found.initiator is None or found.initiator in found.participants
        assert all(0 <= e.span.start < e.span.end <= len(text) for e in found.evidence)
    for statement in record.statements:
        assert statement.span.text(text) == statement.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_is_read_without_error(text):
    record = extract(text, KB)

    assert record.language in ("en", "und")


def test_text_without_punctuation_is_cut_into_bounded_sentences():
    text = " ".join(["Macron spoke with Putin"] * 400)

    record = extract(text, KB)

    assert [(len(c.participants), c.kind) for c in record.calls] == [(2, "phone")]
    assert max(e.span.end - e.span.start for e in record.calls[0].evidence) <= 1500
