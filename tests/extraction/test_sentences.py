"""The sentence splitter: abbreviations, initials, quotes, line breaks, exact offsets."""

from __future__ import annotations

import pytest

from archive.extraction.sentences import split_sentences
from archive.extraction.text import fold


def sentences(text: str) -> list[str]:
    folded = fold(text)
    return [text[s.start : s.end] for s in split_sentences(folded)]


def test_it_splits_on_final_punctuation_before_a_capital():
    text = "The leaders spoke. They agreed to meet! Did they? Yes."

    assert sentences(text) == ["The leaders spoke.", "They agreed to meet!", "Did they?", "Yes."]


def test_it_keeps_abbreviations_and_dotted_acronyms_inside_the_sentence():
    text = (
        "Mr. Smith met the U.N. envoy on Sept. 20, 2022 at the U.S. mission. "
        "Gen. Jones left in Jan. 2023. The talks ended."
    )

    assert sentences(text) == [
        "Mr. Smith met the U.N. envoy on Sept. 20, 2022 at the U.S. mission.",
        "Gen. Jones left in Jan. 2023.",
        "The talks ended.",
    ]


def test_it_keeps_initials_inside_a_name():
    text = "President Joseph R. Biden Jr. spoke with George W. Bush. Nothing else happened."

    assert sentences(text) == [
        "President Joseph R. Biden Jr. spoke with George W. Bush.",
        "Nothing else happened.",
    ]


def test_a_quotation_with_several_sentences_stays_with_its_attribution():
    text = (
        '"We spoke for an hour. We agreed on a lot," the presidency said. '
        "The call was the first in a year."
    )

    assert sentences(text) == [
        '"We spoke for an hour. We agreed on a lot," the presidency said.',
        "The call was the first in a year.",
    ]


def test_a_closing_curly_quote_belongs_to_the_sentence_it_closes():
    text = "He said: “The call went well.” Then he left."

    assert sentences(text) == ["He said: “The call went well.”", "Then he left."]


def test_paragraphs_and_headline_lines_are_separate_sentences():
    text = "Leaders talk by phone\n\nThe two presidents spoke.\nThey discussed trade"

    assert sentences(text) == [
        "Leaders talk by phone",
        "The two presidents spoke.",
        "They discussed trade",
    ]


def test_a_hard_wrapped_line_continues_the_sentence():
    text = "The two presidents spoke by phone\non Saturday about trade."

    assert sentences(text) == ["The two presidents spoke by phone\non Saturday about trade."]


def test_offsets_are_exact_in_text_with_accents_and_typographic_quotes():
    text = "  L’Élysée a parlé. “Raïssi” a répondu — longuement.  "
    folded = fold(text)

    spans = [(s.start, s.end) for s in split_sentences(folded)]

    assert len(folded) == len(text)
    assert [text[a:b] for a, b in spans] == [
        "L’Élysée a parlé.",
        "“Raïssi” a répondu — longuement.",
    ]


def test_paragraphs_a_page_ran_together_are_two_sentences():
    text = "He spoke with the Irish Taoiseach.The two leaders discussed trade."
    assert sentences(text) == [
        "He spoke with the Irish Taoiseach.",
        "The two leaders discussed trade.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Read it at www.example.Com today.",
        "The U.S.Army said so.",
        "He used Node.Js for it.",
        "Mr.Smith spoke.",
    ],
)
def test_a_period_inside_an_address_a_name_or_an_abbreviation_ends_nothing(text):
    assert sentences(text) == [text]


def test_a_list_item_behind_a_bullet_opens_a_sentence_after_a_line_without_a_stop():
    text = "Ottawa, Ontario - March 12, 2019\n  • Prime Minister speaks with the President\n"

    assert sentences(text) == [
        "Ottawa, Ontario - March 12, 2019",
        "• Prime Minister speaks with the President",
    ]
