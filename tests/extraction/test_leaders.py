"""Who counts as a leader, and which leader a title or a reference stands for."""

from __future__ import annotations

from datetime import date

from archive.extraction import LeaderRef, extract


def leader_keys(record) -> list[str]:
    return [leader.slug or leader.name for leader in record.leaders]


def test_names_and_aliases_match_case_sensitively_on_word_boundaries(kb):
    text = "Macron met reporters. The macron accent and Macronism are words; Putinesque too."

    assert leader_keys(extract(text, kb)) == ["emmanuel-macron"]


def test_transliterations_and_accents_match_the_same_leader(kb):
    text = "Ebrahim Raïssi spoke. Later Raeisi and Raisi were quoted, as was Erdoğan."

    assert leader_keys(extract(text, kb, published=date(2023, 6, 10))) == [
        "ebrahim-raisi",
        "recep-tayyip-erdogan",
    ]


def test_a_surname_after_somebody_elses_first_name_is_somebody_else(kb):
    text = "Mohammad Raisi, a lawmaker, spoke. Iranian President Ebrahim Raisi did not."

    record = extract(text, kb, published=date(2023, 6, 10))

    assert leader_keys(record) == ["ebrahim-raisi"]


def test_a_leader_is_returned_with_the_office_held_on_the_article_date(kb):
    record = extract("Vladimir Putin spoke.", kb, published=date(2010, 1, 5))

    assert record.leaders == [
        LeaderRef(
            slug="vladimir-putin",
            name="Vladimir Putin",
            country="RU",
            office="Prime Minister of Russia",
            known=True,
        )
    ]


def test_a_former_leader_named_outside_any_term_is_still_that_person(kb):
    record = extract(
        "Former president Dmitry Medvedev said the talks failed.", kb, published=date(2024, 1, 1)
    )

    assert record.leaders == [LeaderRef("dmitry-medvedev", "Dmitry Medvedev", "RU", None, True)]


def test_title_only_mentions_resolve_by_country_title_and_date(kb):
    text = (
        "The Turkish president spoke to the Israeli prime minister. "
        "Iran's president and the German chancellor were not there."
    )

    record = extract(text, kb, published=date(2023, 6, 10))

    assert leader_keys(record) == [
        "recep-tayyip-erdogan",
        "benjamin-netanyahu",
        "ebrahim-raisi",
        "olaf-scholz",
    ]


def test_the_same_title_names_another_leader_at_another_date(kb):
    text = "The Iranian president said the talks were useful."

    assert leader_keys(extract(text, kb, published=date(2023, 6, 10))) == ["ebrahim-raisi"]
    assert leader_keys(extract(text, kb, published=date(2025, 2, 1))) == ["masoud-pezeshkian"]


def test_without_a_date_a_title_names_the_leader_the_text_names_most(kb):
    text = "Macron spoke. Macron left. The French head of state said he was pleased."

    assert leader_keys(extract(text, kb)) == ["emmanuel-macron"]


def test_without_a_date_or_a_name_a_title_names_nobody(kb):
    record = extract("The Iranian president said the talks were useful.", kb)

    assert (record.leaders, len(record.warnings)) == ([], 1)


def test_a_generic_title_prefers_the_leader_in_context(kb):
    text = "Raisi's office said the Iranian leader referred to miscalculations."

    record = extract(text, kb, published=date(2023, 6, 10))

    assert leader_keys(record) == ["ebrahim-raisi"]


def test_a_presidency_or_a_seat_of_government_is_not_a_person(kb):
    text = "The French presidency said the Elysee and the Kremlin had spoken."

    assert leader_keys(extract(text, kb, published=date(2023, 6, 10))) == []


def test_his_counterpart_with_a_demonym_is_that_countrys_leader_of_the_same_rank(kb):
    text = "Turkish President Recep Tayyip Erdogan called his Israeli counterpart on Monday."

    record = extract(text, kb, published=date(2023, 10, 24))

    assert leader_keys(record) == ["recep-tayyip-erdogan", "isaac-herzog"]


def test_his_counterpart_without_a_demonym_is_the_other_leader_in_context(kb):
    text = "Putin met Erdogan in Sochi. Later, Putin thanked his counterpart for the visit."

    record = extract(text, kb, published=date(2023, 9, 5))

    assert [c.participants[0].slug for c in record.calls] == ["vladimir-putin"]
    assert leader_keys(record) == ["vladimir-putin", "recep-tayyip-erdogan"]


def test_a_ministers_counterpart_is_not_a_leader(kb):
    text = (
        "Iranian Foreign Minister Hossein Amir-Abdollahian spoke by phone with his French "
        "counterpart on Saturday."
    )

    record = extract(text, kb, published=date(2023, 6, 10))

    assert (record.leaders, record.calls) == ([], [])


def test_aides_spokespeople_ministers_and_detainees_are_never_leaders(kb):
    text = (
        "Kremlin spokesman Dmitry Peskov said Putin was ready. Deputy chief of staff Mohammad "
        "Jamshidi and Foreign Minister Sergei Lavrov agreed. Vice President Kamala Harris "
        "declined. Detainees Jacques Paris and Cecile Kohler remain in Tehran; Paris protested."
    )

    record = extract(text, kb, published=date(2023, 6, 10))

    assert leader_keys(record) == ["vladimir-putin"]


def test_a_head_of_state_title_before_an_unknown_name_discovers_a_leader(kb):
    text = (
        "Kenyan President William Ruto met Prime Minister Kyriakos Mitsotakis of Kenya's "
        "partner. President Hakainde Hichilema of Zambia also came. Ruto thanked them."
    )

    record = extract(text, kb, published=date(2024, 6, 18))

    assert record.leaders == [
        LeaderRef(None, "William Ruto", "KE", "President of Kenya", False),
        LeaderRef(None, "Kyriakos Mitsotakis", None, "Prime Minister", False),
        LeaderRef(None, "Hakainde Hichilema", None, "President", False),
    ]


def test_a_discovered_leaders_surname_later_is_the_same_leader(kb):
    text = "Kenyan President William Ruto arrived. President Ruto later spoke; Ruto left."

    record = extract(text, kb, published=date(2024, 6, 18))

    assert [leader.name for leader in record.leaders] == ["William Ruto"]


def test_first_names_the_knowledge_base_lacks_do_not_make_a_new_leader(kb):
    text = "President Joseph R. Biden Jr. spoke today with Prime Minister Narendra Modi of India."

    record = extract(text, kb, published=date(2023, 6, 22))

    assert leader_keys(record) == ["joe-biden", "narendra-modi"]


def test_the_russian_and_french_leaders_are_both_leaders(kb):
    text = "Macron called Putin. Contacts between the Russian and French leaders then halted."

    record = extract(text, kb, published=date(2022, 9, 22))

    assert leader_keys(record) == ["emmanuel-macron", "vladimir-putin"]
    assert [call.participants[0].slug for call in record.calls] == ["emmanuel-macron"]


def test_a_former_office_holder_by_title_alone_is_not_the_current_one(kb):
    text = "The former Iranian president and the then Russian president were not named."

    record = extract(text, kb, published=date(2023, 6, 10))

    assert record.leaders == []


def test_a_vice_president_or_deputy_prime_minister_is_not_a_leader(kb):
    text = (
        "The Iranian vice president met Deputy Prime Minister Anna Example and Vice-President "
        "John Example, and the president-elect of Turkey."
    )

    assert extract(text, kb, published=date(2023, 6, 10)).leaders == []


def test_a_dotted_abbreviation_is_a_country_before_a_title(kb):
    text = "The U.S. president spoke. U.S. President Joe Biden agreed."

    record = extract(text, kb, published=date(2023, 6, 10))

    assert leader_keys(record) == ["joe-biden"]
    assert extract("The U.S. president spoke.", kb, published=date(2023, 6, 10)).leaders == [
        LeaderRef("joe-biden", "Joe Biden", "US", "President of the United States", True)
    ]
