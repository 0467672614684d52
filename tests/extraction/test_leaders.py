"""Who counts as a leader, and which leader a title or a reference stands for."""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction import LeaderRef, extract

from .conftest import summaries


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


def participants(record) -> list[list[str]]:
    return [call["participants"] for call in summaries(record)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sheikh Khalid bin Mohamed bin Zayed, Crown Prince of Abu Dhabi, took a telephone call "
        "on Tuesday from Prime Minister Narendra Modi of India.",
        "His Highness Sheikh Khalid bin. Mohamed bin Zayed, Crown Prince of Abu Dhabi, took a "
        "telephone call on Tuesday from Prime Minister Narendra Modi of India.",
        "Sheikh Hamdan bin Mohammed bin Rashid Al Maktoum, the Crown Prince of Dubai, had a "
        "phone call on Tuesday with Prime Minister Narendra Modi.",
        "Crown Prince Hussein bin Abdullah II took a phone call on Tuesday from Indian Prime "
        "Minister Narendra Modi.",
    ],
)
def test_a_leaders_name_after_bin_or_ibn_is_a_fathers_in_somebody_elses_name(project_kb, sentence):
    record = extract(sentence, project_kb, published=date(2023, 10, 10))

    assert (leader_keys(record), record.calls) == (["narendra-modi"], [])


@pytest.mark.parametrize(
    ("sentence", "leader"),
    [
        (
            "Sheikh Mohamed bin Zayed Al Nahyan took a telephone call on Tuesday from Prime "
            "Minister Narendra Modi of India.",
            "mohamed-bin-zayed-al-nahyan",
        ),
        (
            "Crown Prince Mohammed bin Salman bin Abdulaziz Al Saud took a telephone call on "
            "Tuesday from Prime Minister Narendra Modi of India.",
            "mohammed-bin-salman",
        ),
        (
            "King Abdullah II took a telephone call on Tuesday from Prime Minister Narendra Modi "
            "of India.",
            "abdullah-ii",
        ),
        (
            "The clerk put the old draft in the bin. Narendra Modi then phoned King Abdullah II "
            "on Tuesday.",
            "abdullah-ii",
        ),
    ],
)
def test_a_leader_named_with_his_own_lineage_is_still_that_leader(project_kb, sentence, leader):
    record = extract(sentence, project_kb, published=date(2023, 10, 10))

    assert participants(record) == [sorted([leader, "narendra-modi"])]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Jordan's King Abdullah talked by phone with U.S. President Joe Biden on Monday.",
            "phone",
        ),
        ("U.S. President Joe Biden phoned Jordan's King Abdullah on Monday.", "phone"),
        ("Biden hosted Jordan's King Abdullah at the White House on Monday.", "meeting"),
        ("Biden phoned Jordanian King Abdullah on Monday.", "phone"),
    ],
)
def test_a_country_before_an_alias_that_opens_with_a_title_is_part_of_the_mention(
    project_kb, sentence, kind
):
    record = extract(sentence, project_kb, published=date(2023, 10, 10))

    assert [(c["participants"], c["kind"]) for c in summaries(record)] == [
        (["abdullah-ii", "joe-biden"], kind)
    ]


def test_an_alias_with_a_title_after_another_countrys_name_is_somebody_else(project_kb):
    # "Crown Prince Salman" is the Saudi king's alias; Bahrain's crown prince is another man.
    text = "Bahraini Crown Prince Salman met Turkish President Recep Tayyip Erdogan on Monday."

    record = extract(text, project_kb, published=date(2018, 6, 12))

    assert (leader_keys(record), record.calls) == (["recep-tayyip-erdogan"], [])


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian President Vladimir Putin phoned acting Iranian President Mohammad Mokhber on "
        "Monday.",
        "Putin talked by phone on Monday with Iran's caretaker President Mohammad Mokhber.",
        "Interim Iranian President Mohammad Mokhber called Putin on Monday.",
        "Putin phoned the acting Iranian president on Monday.",
    ],
)
def test_acting_before_or_after_the_country_keeps_the_acting_holder_a_leader(project_kb, sentence):
    record = extract(sentence, project_kb, published=date(2024, 6, 11))

    assert participants(record) == [["mohammad-mokhber", "vladimir-putin"]]


def test_a_former_caretaker_is_not_the_holder_of_the_day(project_kb):
    text = "Putin phoned the former caretaker Iranian president on Monday."

    record = extract(text, project_kb, published=date(2024, 6, 11))

    assert (leader_keys(record), record.calls) == (["vladimir-putin"], [])


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        # A former prime minister of Kuwait, named as its crown prince (no leader's office
        # there), spelt as the gazetteer spells him and otherwise, dated and undated.
        (
            "Crown Prince Sheikh Sabah Al-Khaled Al-Hamad Al-Sabah took a phone call on Monday "
            "from Turkish President Recep Tayyip Erdogan.",
            date(2024, 6, 10),
        ),
        (
            "Kuwait's Crown Prince Sheikh Sabah Al-Khaled Al-Hamad Al-Sabah took a phone call on "
            "Monday from Turkish President Recep Tayyip Erdogan.",
            date(2024, 6, 10),
        ),
        (
            "Crown Prince Sheikh Sabah Al-Khalid Al-Hamad Al-Sabah took a phone call from "
            "Turkish President Recep Tayyip Erdogan.",
            None,
        ),
        # The Saudi crown prince is a leader only from when the gazetteer says he holds it.
        (
            "Crown Prince Mohammed bin Salman met Turkish President Recep Tayyip Erdogan on "
            "Friday.",
            date(2016, 6, 10),
        ),
    ],
)
def test_a_crown_prince_is_a_leader_only_where_and_when_the_gazetteer_says(
    project_kb, sentence, published
):
    record = extract(sentence, project_kb, published=published)

    assert (leader_keys(record), record.calls) == (["recep-tayyip-erdogan"], [])


def test_the_saudi_crown_prince_in_office_is_a_leader(project_kb):
    text = "Saudi Crown Prince Mohammed bin Salmaan took a phone call on Monday from Erdogan."

    record = extract(text, project_kb, published=date(2023, 6, 12))

    assert participants(record) == [["mohammed-bin-salman", "recep-tayyip-erdogan"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "His Highness Sheikh Tamim bin Hamad Al Thani, Amir of the State of Qatar, received a "
        "phone call from President of the Republic of Iran Ebrahim Raisi.",
        "Sheikh Tamim bin Hamad Al Thani, Amir of the State of Qatar, received a phone call "
        "from President of the Republic of Iran Ebrahim Raisi.",
        "His Highness Sheikh Tamim bin Hamad Al Thani, Amir of the State of Qatar, received a "
        "phone call from President of the Islamic Republic of Iran Ebrahim Raisi.",
        "President Vo Van Thuong phoned President of the Republic of Iran Ebrahim Raisi.",
    ],
)
def test_a_title_of_a_states_formal_name_goes_with_the_name_after_it(project_kb, sentence):
    record = extract(sentence, project_kb, published=date(2023, 6, 12))

    (call,) = participants(record)
    assert "ebrahim-raisi" in call


@pytest.mark.parametrize(
    "text",
    [
        # A headline that ends in a title, then the page's stamp line.
        "Prime Minister receives a telephone call from the President of France\n"
        "Posted On: 14 JUL 2023 8:05PM by Press Office\n"
        "The Prime Minister, Shri Narendra Modi, received a telephone call today from the "
        "President of France, H.E. Mr. Emmanuel Macron.",
        # The stamp run into the headline's line.
        "Call with the President of France Posted On 14 July 2023\n"
        "Prime Minister Narendra Modi spoke by phone with President Emmanuel Macron today.",
    ],
)
def test_a_stamp_word_or_the_next_line_is_no_name_after_a_title(project_kb, text):
    record = extract(text, project_kb, published=date(2023, 7, 14))

    assert leader_keys(record) == ["emmanuel-macron", "narendra-modi"]
    assert participants(record) == [["emmanuel-macron", "narendra-modi"]]


@pytest.mark.parametrize(
    ("text", "published", "call"),
    [
        (
            "President Kassym-Jomart Tokayev opened a session of the National Council. The "
            "President later had a telephone conversation with President of Kyrgyzstan Sadyr "
            "Japarov.",
            date(2023, 1, 12),
            ["kassym-jomart-tokayev", "sadyr-japarov"],
        ),
        (
            "President Emmanuel Macron visited a farm in the morning. The Head of State then "
            "spoke by telephone with President Joe Biden.",
            date(2024, 2, 26),
            ["emmanuel-macron", "joe-biden"],
        ),
        (
            "His Highness the Amir Sheikh Nawaf Al-Ahmad Al-Jaber Al-Sabah opened the new "
            "session of parliament. His Highness the Amir also received a phone call from Saudi "
            "Crown Prince Mohammed bin Salman.",
            date(2020, 12, 16),
            ["mohammed-bin-salman", "nawaf-al-ahmad-al-jaber-al-sabah"],
        ),
        (
            "His Majesty King Abdullah II toured a school in Amman. His Majesty later received a "
            "phone call from President Emmanuel Macron.",
            date(2023, 3, 1),
            ["abdullah-ii", "emmanuel-macron"],
        ),
        (
            "Prime Minister Imran Khan addressed the nation on Thursday. On May 3, the Prime "
            "Minister telephoned Canadian Prime Minister Justin Trudeau.",
            date(2020, 6, 25),
            ["imran-khan", "justin-trudeau"],
        ),
        (
            "President Obama opened a conference in New York. This morning the President also "
            "spoke by phone with Prime Minister Turnbull.",
            date(2016, 9, 20),
            ["barack-obama", "malcolm-turnbull"],
        ),
        (
            "Premier Li Qiang chaired a State Council meeting. The Premier later spoke by phone "
            "with Prime Minister Anthony Albanese.",
            date(2024, 3, 1),
            ["anthony-albanese", "li-qiang"],
        ),
    ],
)
def test_a_title_alone_as_a_later_subject_is_the_leader_last_named_as_subject(
    project_kb, text, published, call
):
    record = extract(text, project_kb, published=published)

    assert participants(record) == [call]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # The subject before holds another office.
        (
            "Prime Minister Imran Khan chaired a cabinet meeting on Thursday. The President later "
            "telephoned Canadian Prime Minister Justin Trudeau.",
            date(2020, 6, 25),
            [],
        ),
        # The subject before is the other party of this sentence.
        (
            "Vladimir Putin met Recep Tayyip Erdogan in Sochi. The President then spoke by phone "
            "with Vladimir Putin about grain.",
            date(2023, 10, 10),
            [["recep-tayyip-erdogan", "vladimir-putin"]],
        ),
        # The title is no subject.
        (
            "Prime Minister Imran Khan chaired a cabinet meeting on Thursday. Canadian Prime "
            "Minister Justin Trudeau later telephoned the Prime Minister.",
            date(2020, 6, 25),
            [],
        ),
    ],
)
def test_a_title_alone_names_nobody_of_another_office_or_party(
    project_kb, text, published, expected
):
    record = extract(text, project_kb, published=published)

    assert participants(record) == expected
    assert [call.kind for call in record.calls] == ["meeting"] * len(expected)


def test_a_government_page_keeps_its_own_leader_for_a_title_alone(project_kb):
    text = (
        "Prime Minister Giorgia Meloni visited Kyiv on Monday. The Prime Minister spoke to "
        "Chancellor Olaf Scholz this morning."
    )

    record = extract(
        text, project_kb, published=date(2023, 3, 1), url="https://www.gov.uk/government/news/x"
    )

    assert participants(record) == [["olaf-scholz", "rishi-sunak"]]


@pytest.mark.parametrize(
    "text",
    [
        "His Highness the Amir Sheikh Nawaf Al-Ahmad Al-Jaber Al-Sabah received a phone call on "
        "Tuesday from Custodian of the Two Holy Mosques King Salman bin Abdulaziz Al Saud.",
        "Custodian of the Two Holy Mosques King Salman bin Abdulaziz Al Saud made a phone call on "
        "Tuesday to His Highness Sheikh Nawaf Al-Ahmad Al-Jaber Al-Sabah.",
    ],
)
def test_a_style_before_a_kings_title_is_part_of_his_mention(project_kb, text):
    record = extract(text, project_kb, published=date(2020, 12, 16))

    (call,) = summaries(record)
    assert (call["participants"], call["initiator"]) == (
        ["nawaf-al-ahmad-al-jaber-al-sabah", "salman-bin-abdulaziz-al-saud"],
        "salman-bin-abdulaziz-al-saud",
    )


@pytest.mark.parametrize(
    ("text", "published", "call"),
    [
        (
            "French President François Hollande telephoned Federal Chancellor Angela Merkel today "
            "after the storm.",
            date(2016, 7, 23),
            (["angela-merkel", "francois-hollande"], "francois-hollande"),
        ),
        (
            "German Federal President Frank-Walter Steinmeier telephoned President Emmanuel Macron "
            "today.",
            date(2019, 10, 1),
            (["emmanuel-macron", "frank-walter-steinmeier"], "frank-walter-steinmeier"),
        ),
    ],
)
def test_federal_before_a_title_is_part_of_it(project_kb, text, published, call):
    record = extract(text, project_kb, published=published)

    assert [(c["participants"], c["initiator"]) for c in summaries(record)] == [call]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prime Minister Shehbaz Sharif on Sunday held a telephone conversation with President "
            "Recep Tayyip Erdogan. Meanwhile, the prime minister held a telephone conversation "
            "with President Ilham Aliyev.",
            [["ilham-aliyev", "shehbaz-sharif"], ["recep-tayyip-erdogan", "shehbaz-sharif"]],
        ),
        # A lower-case title nobody was the subject with names no one.
        (
            "Prime Minister Narendra Modi spoke with President Vladimir Putin on Monday. Later, "
            "the president spoke with President Recep Tayyip Erdogan.",
            [["narendra-modi", "vladimir-putin"]],
        ),
    ],
)
def test_a_lower_case_title_opening_a_sentence_is_the_last_subject_of_that_office(
    project_kb, text, expected
):
    calls = summaries(extract(f"Islamabad, 31 March 2025\n\n{text}\n", project_kb))

    assert sorted(c["participants"] for c in calls) == expected
