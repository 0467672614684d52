"""Attributed statements and the side they speak for."""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction import extract


def statements(text: str, kb, published: date | None = date(2023, 6, 10)):
    record = extract(text, kb, published=published)
    return [(s.speaker, s.side_country, s.side_leader, s.text) for s in record.statements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"The talks were frank," the Kremlin said.',
            ("the Kremlin", "RU", None, "The talks were frank"),
        ),
        (
            "The two leaders agreed to stay in touch, the Elysee said.",
            ("the Elysee", "FR", None, "The two leaders agreed to stay in touch"),
        ),
        (
            "Raisi's office said in a statement that relations would improve.",
            ("Raisi's office", "IR", "ebrahim-raisi", "relations would improve."),
        ),
        (
            "According to the French presidency, Macron stressed the need for calm.",
            ("the French presidency", "FR", None, "Macron stressed the need for calm."),
        ),
        (
            "Relations will improve, according to a statement from Erdogan's office.",
            ("Erdogan's office", "TR", "recep-tayyip-erdogan", "Relations will improve"),
        ),
        (
            '"Both sides want peace," adds the Élysée.',
            ("the Élysée", "FR", None, "Both sides want peace"),
        ),
        (
            "The leaders discussed the deal, reported for his part an Iranian official.",
            ("an Iranian official", "IR", None, "The leaders discussed the deal"),
        ),
        (
            "The Russian president said that the West had ignored Moscow.",
            ("The Russian president", "RU", "vladimir-putin", "the West had ignored Moscow."),
        ),
    ],
)
def test_attribution_shapes_and_sides(kb, text, expected):
    assert statements(text, kb) == [expected]


def test_the_statement_and_he_carry_on_the_previous_speakers_side(kb):
    text = (
        "In a statement, Raisi's office said the talks were useful. "
        "Raisi stressed sovereignty, the statement noted. "
        "He said Tehran wanted good relations."
    )

    assert [(s[0], s[1], s[2]) for s in statements(text, kb)] == [
        ("Raisi's office", "IR", "ebrahim-raisi"),
        ("the statement", "IR", "ebrahim-raisi"),
        ("He", "IR", "ebrahim-raisi"),
    ]


def test_an_aide_speaks_for_the_leaders_country_but_is_not_the_leader(kb):
    text = (
        "Raisi's deputy chief of staff Mohammad Jamshidi said the two presidents spoke for 90 "
        "minutes."
    )

    assert [(s[0], s[1], s[2]) for s in statements(text, kb)] == [
        ("Raisi's deputy chief of staff Mohammad Jamshidi", "IR", None)
    ]


def test_statements_about_a_call_are_attached_to_it_with_the_seats_leader(kb):
    text = (
        "date 2023-06-10\n"
        "Macron and Raisi spoke by phone on Saturday, the Elysee said. "
        "Raisi called for respect of sovereignty, according to the Iranian presidency. "
        '"We are ready to help," a White House spokesman said of the talks.'
    )

    record = extract(text, kb)

    (found,) = record.calls
    assert [(s.speaker, s.side_country, s.side_leader) for s in found.statements] == [
        ("the Elysee", "FR", "emmanuel-macron"),
        ("the Iranian presidency", "IR", "ebrahim-raisi"),
    ]
    assert [e.detail for e in found.evidence if e.fact == "statement"] == [
        "the Elysee",
        "the Iranian presidency",
    ]
    assert len(record.statements) == 3


def test_a_sentence_without_attribution_is_not_a_statement(kb):
    assert statements("Macron and Raisi spoke by phone on Saturday.", kb) == []


def test_statement_spans_point_at_their_text(kb):
    text = '"The talks were frank and useful," the Kremlin said on Monday.'

    record = extract(text, kb)

    (found,) = record.statements
    assert found.span.text(text) == found.text == "The talks were frank and useful"


def test_a_quote_first_then_its_speaker_whatever_follows(kb):
    text = (
        '"We are expecting you next spring," Putin said in televised remarks at the start of '
        "the conversation."
    )

    assert statements(text, kb) == [
        ("Putin", "RU", "vladimir-putin", "We are expecting you next spring")
    ]


def test_one_leader_telling_another_is_not_an_attribution(kb):
    text = "Russian President Vladimir Putin told Chinese leader Xi Jinping that he was welcome."

    assert statements(text, kb) == []
