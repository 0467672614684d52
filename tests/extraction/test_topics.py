"""Topics of each call, from the sentences about it."""

from __future__ import annotations

from datetime import date

from archive.extraction import KnowledgeBase, extract


def test_keywords_match_whole_words_case_insensitively_with_accents_and_plurals(kb):
    text = (
        "date 2024-03-05\nMacron and Scholz spoke by phone on Monday about NUCLEAR safety, "
        "drones and the Middle East. Nuclearisation and dronesque are not words for it."
    )

    (found,) = extract(text, kb).calls

    assert found.topics == ["nuclear-programmes", "drones", "middle-east"]


def test_a_child_topic_does_not_bring_its_parent(kb):
    text = "date 2022-09-23\nMacron and Putin spoke by phone on Thursday about Zaporozhye."

    (found,) = extract(text, kb).calls

    assert found.topics == ["zaporizhzhia-plant"]


def test_a_background_call_only_has_the_topics_of_its_own_sentence(kb):
    text = (
        "date 2024-03-05\nMacron and Scholz spoke by phone on Monday about trade. "
        "They also discussed energy prices. Their previous call took place on May 3, 2023 "
        "and focused on climate change. Gas prices have fallen since."
    )

    main, background = extract(text, kb).calls

    assert (main.role, main.topics) == ("main", ["trade", "energy"])
    assert (background.role, background.topics) == ("background", ["climate"])


def test_the_lead_paragraph_before_the_call_sentence_counts_for_the_main_call(kb):
    text = (
        "date 2025-07-02\nMacron wants a ceasefire in Ukraine, the Elysee said. "
        "The two leaders, Macron and Putin, spoke for two hours on Tuesday."
    )

    (found,) = extract(text, kb).calls

    assert found.topics == ["ceasefire", "war-in-ukraine"]


def test_two_main_calls_share_the_article_in_order(kb):
    text = (
        "date 2024-03-05\nMacron spoke by phone with Scholz on Monday about trade. "
        "Scholz said exports matter. Macron later spoke by phone with Erdogan about Gaza. "
        "Erdogan wants a truce."
    )

    first, second = extract(text, kb).calls

    assert (first.topics, second.topics) == (["trade"], ["middle-east", "ceasefire"])


def test_topic_evidence_names_the_topic_and_the_words(kb):
    text = "date 2024-03-05\nMacron and Scholz spoke by phone on Monday about gas."

    (found,) = extract(text, kb).calls

    rows = [(e.detail, e.match.text(text)) for e in found.evidence if e.fact == "topic"]
    assert rows == [("energy", "gas")]


def test_a_topic_name_is_a_keyword_too():
    kb = KnowledgeBase.from_dicts(
        [{"code": "FR", "name": "France", "demonyms": ["French"]}],
        [
            {"name": "Ann A", "slug": "ann-a", "country": "FR", "aliases": ["Ann"], "terms": []},
            {"name": "Bob B", "slug": "bob-b", "country": "FR", "aliases": ["Bob"], "terms": []},
        ],
        [{"slug": "water", "name": "Water rights", "keywords": []}],
    )

    (found,) = extract("Ann A and Bob B spoke by phone about water rights.", kb).calls

    assert (found.topics, found.date, found.date_precision) == (["water"], None, "unknown")
    assert extract("x", kb, published=date(2024, 1, 1)).calls == []


def test_a_keyword_inside_a_longer_keyword_still_counts():
    kb = KnowledgeBase.from_dicts(
        [{"code": "FR", "name": "France", "demonyms": ["French"]}],
        [
            {"name": "Ann A", "slug": "ann-a", "country": "FR", "aliases": [], "terms": []},
            {"name": "Bob B", "slug": "bob-b", "country": "FR", "aliases": [], "terms": []},
        ],
        [
            {"slug": "nuclear", "name": "Nuclear", "keywords": ["nuclear"]},
            {
                "slug": "iran-deal",
                "name": "Deal",
                "parent": "nuclear",
                "keywords": ["Iran nuclear deal"],
            },
        ],
    )

    (found,) = extract("Ann A and Bob B spoke by phone about the Iran nuclear deal.", kb).calls

    assert found.topics == ["iran-deal", "nuclear"]
