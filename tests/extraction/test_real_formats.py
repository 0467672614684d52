"""The formats real readouts and wires use, each in an article written here in that format.

Every case is a rule of how such pages are written (found on official readouts, wires and
regional outlets; see bench/corpus), never a copy of one: the page's own date on a line of
its own, initiatives stated by a side, several calls in one sentence, and leaders who were not
in office on the day.
"""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction import extract
from archive.extraction.metadata import find_page_date

from .conftest import summaries


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Press release\n\nPM call with President Example: 4 March 2018\n\nThe PM spoke.",
            "2018-03-04",
        ),
        ("Summit Telephone Talk\nMay 10, 2018\nOn May 10, the two leaders spoke.", "2018-05-10"),
        ("Leaders speak\n17:01 | 26.02.2024\nThe leaders spoke.", "2024-02-26"),
        ("A headline\nTuesday 4 March 2025 09:12:44\nText of the story.", "2025-03-04"),
        ("03-11-2016 08:05\nText of the story.", "2016-11-03"),
        ("Published Jan 9,2024\nText of the story.", "2024-01-09"),
        (
            "A headline\nA. Writer (@writer) 2 minutes ago Thu 07th October 2021 | 01:55 PM\nText.",
            "2021-10-07",
        ),
        ("A story about a call.\n\nMore of it.\n\nPublished 4 March 2018", "2018-03-04"),
        ("Leaders talk\n\n31 march 2019, 22:50\n\nOn March 31, the leaders spoke.", "2019-03-31"),
        ("Leaders talk\n\nOther News 20 November 2016 21:42 (UTC +04:00)\nText.", "2016-11-20"),
        ("Office press release · 24 March 2026 · tracker\n\nThe leaders spoke.", "2026-03-24"),
        ("Last updated at: (Beijing Time) Tuesday, May 27, 2003\n\nText.", "2003-05-27"),
        ("King holds phone conversation\n\n2018-03-05 - 9:30 \u0645\n\nText.", "2018-03-05"),
        ("Leaders speak about summit\n\nThu Jul 2 06:19:35 EST 2009\n\nText.", "2009-07-02"),
        ("PM speaks\n\nPosted On: 03 MAR 2022 8:45PM by Press Office\n\nText.", "2022-03-03"),
        ("President talks\n\nPublished on 14/03/2023 12h45\n\nText.", "2023-03-14"),
        (
            "Leaders talk\n\nBeijing, 2 April 2024 (Agency): The President spoke on the phone "
            "with the President of another country on Tuesday, the first such call this year.",
            "2024-04-02",
        ),
    ],
)
def test_the_pages_own_date_is_read_from_its_header_lines(text, expected):
    found = find_page_date(text)

    assert found is not None
    assert found[0].isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "A long first paragraph that tells of a meeting held on 3 March 2018 in the capital, "
        "with enough words in it to read as the body of the story rather than its header.\nMore.",
        "The leaders met. They had met before on March 3, 2018",
        "Summit photo: the two presidents shake hands, Sept. 20, 2022. (File Photo)\nText.",
        "The President may 5 2020\nText.",
    ],
)
def test_a_date_inside_a_sentence_or_a_caption_is_not_the_pages_date(text):
    assert find_page_date(text) is None


def test_a_header_date_places_today_and_weekdays(project_kb):
    text = (
        "Telephone Conversation between PM and the President of France\n\n"
        "April 04, 2020\n\n"
        "Prime Minister Shri Narendra Modi had a telephonic conversation today with H.E. "
        "Emmanuel Macron, President of France."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["date"], c["kind"]) for c in summaries(record)] == [
        (["emmanuel-macron", "narendra-modi"], "2020-04-04", "phone")
    ]


@pytest.mark.parametrize(
    ("sentence", "initiator"),
    [
        ("The discussion was held on Finland's initiative.", "sauli-niinisto"),
        ("The call was initiated by Russia.", "vladimir-putin"),
        ("The conversation took place at the initiative of the Russian side.", "vladimir-putin"),
        ("At Finland's request, the leaders spoke.", "sauli-niinisto"),
    ],
)
def test_an_initiative_a_side_took_names_its_leader(project_kb, sentence, initiator):
    text = (
        "date 2021-12-14\nPresident of the Republic Sauli Niinistö had a telephone "
        f"conversation with President Vladimir Putin of Russia on Tuesday. {sentence}"
    )

    record = extract(text, project_kb)

    assert [c.initiator.slug for c in record.calls] == [initiator]


def test_at_the_request_of_the_latter_is_the_leader_named_last(project_kb):
    text = (
        "date 2022-07-28\nChinese President Xi Jinping spoke with U.S. President Joe Biden "
        "on the phone on Thursday at the request of the latter."
    )

    record = extract(text, project_kb)

    assert [c.initiator.slug for c in record.calls] == ["joe-biden"]


def test_phone_calls_with_several_leaders_are_one_contact_each(project_kb):
    text = (
        "date 2023-10-08\nToday, President Sheikh Mohamed bin Zayed made telephone calls with "
        "King Abdullah II of Jordan, President Abdel Fattah El Sisi of Egypt and Prime "
        "Minister Justin Trudeau of Canada."
    )

    record = extract(text, project_kb)

    assert sorted(tuple(c["participants"]) for c in summaries(record)) == [
        ("abdel-fattah-el-sisi", "mohamed-bin-zayed-al-nahyan"),
        ("abdullah-ii", "mohamed-bin-zayed-al-nahyan"),
        ("justin-trudeau", "mohamed-bin-zayed-al-nahyan"),
    ]
    assert {c["date"] for c in summaries(record)} == {"2023-10-08"}


def test_regular_phone_calls_with_one_leader_are_no_one_contact(project_kb):
    text = "date 2023-10-08\nErdogan has held regular phone calls with Putin since 2016."

    assert extract(text, project_kb).calls == []


def test_calls_received_from_several_leaders_were_each_initiated_by_the_caller(project_kb):
    text = (
        "date 2019-06-05\nPrime Minister Narendra Modi today received telephone calls from "
        "President Emmanuel Macron of France and Prime Minister Shinzo Abe of Japan."
    )

    record = extract(text, project_kb)

    assert sorted((c.participants[1].slug, c.initiator.slug) for c in record.calls) == [
        ("emmanuel-macron", "emmanuel-macron"),
        ("shinzo-abe", "shinzo-abe"),
    ]


def test_a_phone_call_received_on_a_day_from_a_leader(project_kb):
    text = (
        "date 2022-02-11\nSaudi Arabia's Crown Prince Mohammed bin Salman received a phone "
        "call on Friday from British Prime Minister Boris Johnson."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["boris-johnson", "mohammed-bin-salman"], "2022-02-11")
    ]
    assert record.calls[0].initiator.slug == "boris-johnson"


def test_a_telephone_talk_is_a_phone_call(project_kb):
    text = (
        "May 10, 2018\nOn May 10, Mr. Shinzo Abe, Prime Minister of Japan, held a telephone "
        "talk with the Honorable Donald Trump, President of the United States of America."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["date"], c["kind"]) for c in summaries(record)] == [
        (["donald-trump", "shinzo-abe"], "2018-05-10", "phone")
    ]


def test_a_day_is_the_date_of_a_call_even_beside_a_period_that_counts_calls(project_kb):
    text = (
        "date 2025-09-19\nUS President Donald Trump and Chinese President Xi Jinping held "
        "their third phone call this year on Friday."
    )

    record = extract(text, project_kb)

    assert [(c["date"], c["date_precision"]) for c in summaries(record)] == [("2025-09-19", "day")]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # A president-elect is not yet a head of state.
        (
            "Narendra Modi spoke by phone with US President-elect Joe Biden on Tuesday to "
            "congratulate him.",
            date(2020, 11, 17),
        ),
        # A former president no longer is.
        (
            "Vladimir Putin had a telephone conversation with Nursultan Nazarbayev to wish him "
            "a happy birthday.",
            date(2020, 7, 6),
        ),
    ],
)
def test_a_leader_not_in_office_on_the_day_makes_no_leaders_contact(project_kb, text, published):
    record = extract(text, project_kb, published=published)

    assert record.calls == []
    assert any("was not in office" in warning for warning in record.warnings)


def test_a_background_contact_is_checked_against_its_own_date_only(project_kb):
    text = (
        "date 2024-11-15\nChancellor Olaf Scholz spoke with President Vladimir Putin by "
        "phone on Friday. Scholz and Putin last spoke in December 2022."
    )

    record = extract(text, project_kb)

    assert sorted((c["date"], c["role"]) for c in summaries(record)) == [
        ("2022-12-01", "background"),
        ("2024-11-15", "main"),
    ]


def test_an_undated_contact_takes_the_day_the_lead_gives_its_leaders(project_kb):
    text = (
        "date 2020-09-18\nRussian President Vladimir Putin on Thursday extended greetings to "
        "Prime Minister Narendra Modi on his 70th birthday.\n\nDuring the telephone "
        "conversation, Modi thanked Putin for his personal commitment to the partnership."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["narendra-modi", "vladimir-putin"], "2020-09-17")
    ]
    assert record.calls[0].date_inferred == (
        "'Thursday' counted from the article's date (18 September 2020)"
    )


def test_a_lead_that_gives_two_days_dates_nothing(project_kb):
    text = (
        "date 2020-09-18\nPutin praised Modi on Tuesday and wrote to Modi on Thursday.\n\n"
        "During a telephone conversation, Modi thanked Putin."
    )

    record = extract(text, project_kb)

    # Neither day: the article's own, as inferred.
    assert [c.date for c in record.calls if c.role == "main"] == [date(2020, 9, 18)]
    assert record.calls[0].date_inferred.startswith("the article's date")


def test_a_day_long_before_the_articles_is_not_the_leads(project_kb):
    text = (
        "date 2025-07-01\nRussian President Vladimir Putin and French leader Emmanuel Macron "
        "held their first phone conversation in nearly three years.\n\nPutin and Macron were "
        "both in Paris on September 11, 2022, when the grain deal was discussed."
    )

    record = extract(text, project_kb)

    assert [(c["date"], c["role"]) for c in summaries(record)] == [("2025-07-01", "main")]


def test_the_last_reported_call_is_an_earlier_contact(project_kb):
    text = (
        "MOSCOW, July 1. /TASS/. Russian President Vladimir Putin and French leader Emmanuel "
        "Macron held their first phone conversation in nearly three years.\n\nThe last "
        "reported call between the two leaders took place on September 11, 2022."
    )

    record = extract(text, project_kb, published=date(2025, 7, 1))

    assert sorted((c["date"], c["role"]) for c in summaries(record)) == [
        ("2022-09-11", "background"),
        ("2025-07-01", "main"),
    ]


def test_asides_in_commas_between_the_subject_and_its_verb(project_kb):
    text = (
        "date 2023-10-08\nToday, Sheikh Mohamed bin Zayed Al Nahyan, President of the State, "
        '"may God protect him," made telephone calls with His Majesty King Abdullah II, King '
        "of the Hashemite Kingdom of Jordan, and His Excellency Justin Trudeau, Prime Minister "
        "of Canada."
    )

    record = extract(text, project_kb)

    assert sorted(tuple(c["participants"]) for c in summaries(record)) == [
        ("abdullah-ii", "mohamed-bin-zayed-al-nahyan"),
        ("justin-trudeau", "mohamed-bin-zayed-al-nahyan"),
    ]


@pytest.mark.parametrize(
    ("address", "country"),
    [
        ("https://www.gov.uk/government/news/pm-call", "GB"),
        ("https://www.whitehouse.gov/briefing-room/", "US"),
        ("https://www.mofa.go.jp/na/page.html", "JP"),
        ("https://pib.gov.in/PressRelease.aspx", "IN"),
        ("http://en.kremlin.ru/events/president/news/1", "RU"),
        ("https://www.bbc.co.uk/news/world", None),
        ("not an address", None),
    ],
)
def test_a_governments_address_names_its_country(project_kb, address, country):
    from archive.extraction.hosts import country_of_address

    assert country_of_address(project_kb, address) == country


@pytest.mark.parametrize(
    ("text", "url"),
    [
        # The seat the readout speaks for.
        (
            "date 2022-10-27\nThe Prime Minister spoke to the President of the United States, "
            "Joe Biden, this evening. A Downing Street spokesperson said they agreed.",
            None,
        ),
        # The address written into a reprint of the readout.
        (
            "date 2022-10-27\nThe Prime Minister spoke to the President of the United States, "
            "Joe Biden, this evening.\nOriginal article link: https://www.gov.uk/government/news",
            None,
        ),
        # The address the importer was given.
        (
            "date 2022-10-27\nThe Prime Minister spoke to the President of the United States, "
            "Joe Biden, this evening.",
            "https://www.gov.uk/government/news/pm-call-with-president-biden",
        ),
    ],
)
def test_the_prime_minister_of_a_readout_is_its_governments(project_kb, text, url):
    record = extract(text, project_kb, url=url)

    assert [c["participants"] for c in summaries(record)] == [["joe-biden", "rishi-sunak"]]


def test_the_prime_minister_of_a_page_nobody_published_stays_unknown(project_kb):
    text = (
        "date 2022-10-27\nThe Prime Minister spoke to the President of the United States, "
        "Joe Biden, this evening."
    )

    assert extract(text, project_kb).calls == []


def test_on_a_day_of_handover_the_office_is_the_newcomers(project_kb):
    text = (
        "date 2022-10-25\nThe Prime Minister spoke to the President of the United States, "
        "Joe Biden, this evening. A Downing Street spokesperson said so."
    )

    record = extract(text, project_kb)

    assert [c["participants"] for c in summaries(record)] == [["joe-biden", "rishi-sunak"]]


def test_a_call_told_as_one_with_two_leaders_is_not_split_when_retold(project_kb):
    text = (
        "date 2025-06-13\nThe Prime Minister's call with the President of France, Emmanuel "
        "Macron, and the German Chancellor, Friedrich Merz, this morning.\n\nThe Prime "
        "Minister spoke to the President of France, "
        "Emmanuel Macron, and the German Chancellor, Friedrich Merz, this morning. A Downing "
        "Street spokesperson said they called for restraint."
    )

    record = extract(text, project_kb)

    assert [c["participants"] for c in summaries(record)] == [
        ["emmanuel-macron", "friedrich-merz", "keir-starmer"]
    ]


@pytest.mark.parametrize(
    ("said", "minutes"),
    [
        ("two hours and seventeen minutes", 137),
        ("2 hours 17 minutes", 137),
        ("1 hour and 35 minutes", 95),
        ("twenty-five minutes", 25),
    ],
)
def test_durations_in_hours_and_minutes(project_kb, said, minutes):
    text = f"date 2025-05-19\nPutin and Trump spoke by phone on Monday for {said}."

    record = extract(text, project_kb)

    assert [c.duration_minutes for c in record.calls] == [minutes]


def test_a_duration_told_in_the_next_sentence(project_kb):
    text = (
        "date 2005-03-17\nPresident Bush welcomed Prime Minister Ahern to the White House "
        "today. The meeting was about 50 minutes long."
    )

    record = extract(text, project_kb)

    assert [(c.duration_minutes, c.duration_qualifier) for c in record.calls] == [(50, "about")]


@pytest.mark.parametrize(
    "text",
    [
        "Narendra Modi spoke by phone with US President-elect Joe Biden to congratulate him.",
        "Modi spoke by phone with Joe Biden, the president-elect, on Tuesday.",
        "Putin spoke by phone with former President Nursultan Nazarbayev.",
    ],
)
def test_a_leader_named_only_as_elect_or_former_makes_no_contact_even_undated(project_kb, text):
    assert extract(text, project_kb).calls == []


def test_a_call_that_may_take_place_did_not(project_kb):
    text = (
        "A telephone conversation between Turkish leader Recep Tayyip Erdogan and Russian "
        "President Vladimir Putin may take place if necessary, his office said."
    )

    assert extract(text, project_kb).calls == []


def test_a_leader_who_took_a_call_from_another_was_called(project_kb):
    text = (
        "date 2020-03-27\nOn 27 March, President Xi Jinping took a phone call from US "
        "President Donald Trump."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["initiator"]) for c in summaries(record)] == [
        (["donald-trump", "xi-jinping"], "donald-trump")
    ]


def test_called_a_newly_elected_leader(project_kb):
    text = (
        "date 2021-02-08\nPrime Minister Narendra Modi on Monday called newly elected US "
        "President Joe Biden and the two leaders discussed climate change."
    )

    record = extract(text, project_kb)

    assert [c["initiator"] for c in summaries(record)] == ["narendra-modi"]


def test_an_initiative_told_at_the_end_of_a_readout(project_kb):
    body = " ".join(f"The presidents also discussed topic number {n}." for n in range(6))
    text = (
        "date 2017-12-30\nPresident of the Republic Sauli Niinistö held a telephone "
        f"conversation with Russian President Vladimir Putin on 30 December. {body} "
        "The discussion was held on Finland's initiative."
    )

    record = extract(text, project_kb)

    assert [c["initiator"] for c in summaries(record)] == ["sauli-niinisto"]


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        (
            "date 2020-10-07\nThe Indian PM called Putin on the occasion to wish him.",
            ["narendra-modi", "vladimir-putin"],
        ),
        (
            "date 2025-11-23\nPM call with President Trump of the United States: 23 November "
            "2025\nThe leaders discussed Ukraine. A Downing Street spokesperson said so.",
            ["donald-trump", "keir-starmer"],
        ),
    ],
)
def test_pm_in_capitals_is_a_prime_minister(project_kb, text, participants):
    record = extract(text, project_kb)

    assert [c["participants"] for c in summaries(record)] == [participants]


def test_pm_after_a_number_is_a_time(project_kb):
    text = "date 2020-10-07\nModi and Putin spoke by phone at 3 PM about trade."

    record = extract(text, project_kb)

    assert [c["participants"] for c in summaries(record)] == [["narendra-modi", "vladimir-putin"]]


@pytest.mark.parametrize(
    "named",
    [
        "Tamim Bin Hamad al Thani",  # the particles in other cases than the gazetteer's
        "the Amir of Qatar",  # the title as Gulf outlets spell it
    ],
)
def test_names_and_titles_as_gulf_outlets_write_them(project_kb, named):
    text = (
        f"date 2020-03-26\nPrime Minister Narendra Modi on Thursday had a telephonic "
        f"conversation with {named}."
    )

    record = extract(text, project_kb)

    assert [c["participants"] for c in summaries(record)] == [
        ["narendra-modi", "tamim-bin-hamad-al-thani"]
    ]


def test_a_call_being_prepared_for_has_not_taken_place(project_kb):
    text = (
        "date 2025-09-19\nWASHINGTON, USA- President Donald Trump is preparing for a "
        "high-stakes phone call with Chinese President Xi Jinping."
    )

    assert extract(text, project_kb).calls == []


def test_calls_received_from_leaders_addressed_as_his_excellency(project_kb):
    text = (
        "date 2019-06-05\nPrime Minister Shri Narendra Modi today received telephone calls "
        "from H.E. Mr. Moon Jae-in, President of the Republic of Korea, and H.E. Emmerson "
        "Mnangagwa, President of Zimbabwe."
    )

    record = extract(text, project_kb)

    assert sorted((c["participants"][0], c["initiator"]) for c in summaries(record)) == [
        ("emmerson-mnangagwa", "emmerson-mnangagwa"),
        ("moon-jae-in", "moon-jae-in"),
    ]


def test_a_call_received_on_a_day_with_the_day_before_the_call(project_kb):
    text = (
        "date 2024-04-10\nHis Highness the Amir Sheikh Mishal Al-Ahmad Al-Jaber Al-Sabah "
        "received Tuesday evening a telephone call from Qatar's Amir Sheikh Tamim bin Hamad "
        "Al Thani."
    )

    record = extract(text, project_kb)

    assert [(c["date"], c["initiator"]) for c in summaries(record)] == [
        ("2024-04-09", "tamim-bin-hamad-al-thani")
    ]


def test_a_name_part_that_is_also_a_word_names_the_leader_once_named_in_full(project_kb):
    text = (
        "date 2018-06-11\nThe office of South Korean President Moon Jae-in confirmed on "
        "Monday that President Donald Trump had called Moon from Singapore."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["initiator"]) for c in summaries(record)] == [
        (["donald-trump", "moon-jae-in"], "donald-trump")
    ]


def test_a_name_part_before_the_full_name_is_not_the_leader(project_kb):
    text = (
        "date 2018-06-11\nThe Moon rose as Donald Trump spoke by phone with President "
        "Emmanuel Macron. Moon Jae-in was not on the call."
    )

    record = extract(text, project_kb)

    assert [c["participants"] for c in summaries(record)] == [["donald-trump", "emmanuel-macron"]]


def test_calling_a_leader_something_is_not_a_call(project_kb):
    text = (
        "date 2025-03-20\nEarlier, the speaker said that Erdogan called Putin his great "
        "friend and invited him to visit the republic again."
    )

    assert extract(text, project_kb).calls == []


def test_a_former_leader_named_in_another_office_is_no_party_to_a_leaders_contact(project_kb):
    text = (
        "Turkish President Erdogan had a phone call with Hamas Political Bureau Chief Ismail "
        "Haniyeh about the situation in Gaza."
    )

    assert extract(text, project_kb).calls == []


def test_a_readout_below_a_sites_menus_is_dated_by_its_date_line(project_kb):
    text = (
        "Site settings\n\nFont size:\nColours\n\nOfficial website of the President\n\n"
        "News /\n\nTelephone conversation with President of Finland Sauli Niinisto\n\n"
        "May 27, 2020\n\nVladimir Putin had a telephone conversation with President of "
        "Finland Sauli Niinisto.\n\nThe presidents discussed trade.\n"
    )

    record = extract(text, project_kb)

    assert [c["date"] for c in summaries(record)] == ["2020-05-27"]


def test_a_second_contact_of_the_same_leaders_is_not_dated_by_the_page(project_kb):
    text = (
        "date 2022-12-16 Leaders speak by phone\n"
        "New Delhi: Prime Minister Narendra Modi had a telephonic conversation with Russian "
        "President Vladimir Putin on Friday. Both leaders reviewed cooperation.\n"
        '"Following up on their meeting in Samarkand on the sidelines of the SCO Summit, '
        'the two leaders reviewed trade," the office said.\n'
    )

    record = extract(text, project_kb)

    dated = {c["kind"]: c["date"] for c in summaries(record)}
    assert dated["phone"] == "2022-12-16"
    assert dated.get("meeting") is None


def test_a_stories_own_stamp_wins_over_the_sites_date_of_today():
    text = (
        "Monday, December 29, 2025\nInternational\n\nLeaders talk over phone\n\n"
        "AGENCY, 09 Jan, 2019 01:49 AM\n\nThe two leaders held a conversation last evening.\n"
    )

    found = find_page_date(text)

    assert found is not None
    assert found[0] == date(2019, 1, 9)


def test_last_evening_is_the_day_before_the_article(project_kb):
    text = (
        "date 2019-01-09\nNarendra Modi and US President Donald Trump held a telephonic "
        "conversation last evening and exchanged New Year greetings.\n"
    )

    assert [c["date"] for c in summaries(extract(text, project_kb))] == ["2019-01-08"]


def test_a_leader_and_a_day_brought_in_with_another_event_are_that_events(project_kb):
    text = (
        "date 2025-10-16 U.S. President Donald Trump spoke with Russian President Vladimir "
        "Putin in a lengthy phone call ahead of Trump's planned meeting with Ukrainian "
        "President Volodymyr Zelenskyy on Friday.\n\n"
        "The call took place on Thursday and lasted nearly two and a half hours.\n\n"
        "Trump added that he will meet with President Zelenskyy on Friday in the Oval Office "
        "to discuss his conversation with Putin.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["date"], c["duration"][0]) for c in calls] == [
        (["donald-trump", "vladimir-putin"], "2025-10-16", 150)
    ]


def test_a_conversation_that_will_be_held_is_not_a_call(project_kb):
    text = (
        "date 2022-07-27 Agency: Joe Biden to phone Xi Jinping\n\n"
        "US President Joe Biden will phone Chinese leader Xi Jinping on July 28. According "
        "to the agency, the conversation between the American head of state and his Chinese "
        "counterpart will be a continuation of the administration's efforts.\n"
    )

    assert extract(text, project_kb).calls == []


def test_a_readouts_own_side_is_the_country_it_pairs_with_the_named_leaders(project_kb):
    text = (
        "date 2026-01-24 The Prime Minister spoke to the President of the United States, "
        "Donald Trump, this afternoon.\n\nThe leaders discussed the importance of the UK-US "
        "relationship.\n"
    )

    assert [c["participants"] for c in summaries(extract(text, project_kb))] == [
        ["donald-trump", "keir-starmer"]
    ]


def test_a_pair_of_two_countries_whose_leaders_are_not_named_says_no_side(project_kb):
    text = (
        "date 2026-01-24 The Prime Minister spoke to the President of the United States, "
        "Donald Trump, this afternoon.\n\nThey discussed France-Germany ties.\n"
    )

    assert extract(text, project_kb).calls == []


def test_talks_held_at_request_were_asked_for_by_the_other_party(project_kb):
    text = (
        "On October 25, 2017, President Xi Jinping held telephone talks with President "
        "Donald Trump of the United States at request.\n"
    )

    assert [c["initiator"] for c in summaries(extract(text, project_kb))] == ["donald-trump"]


def test_a_discussion_that_followed_a_leaders_request_was_his(project_kb):
    text = (
        "date 2025-08-08 President Cyril Ramaphosa has this afternoon, 7 August 2025, held a "
        "telephone discussion with President Vladimir Putin of the Russian Federation.\n"
        "The discussion followed President Putin's request to brief President Ramaphosa.\n"
    )

    assert [c["initiator"] for c in summaries(extract(text, project_kb))] == ["vladimir-putin"]


def test_the_president_alone_is_the_one_president_the_page_names_in_full(project_kb):
    text = (
        "Barack Obama photo\n\nReadout of the President's Call with Chancellor Merkel\n\n"
        "September 23, 2013\n\nThe President called Chancellor Merkel today to congratulate "
        "her on the election.\n\nBarack Obama, Readout of the President's Call\n"
    )

    assert [
        (c["participants"], c["date"], c["initiator"]) for c in summaries(extract(text, project_kb))
    ] == [(["angela-merkel", "barack-obama"], "2013-09-23", "barack-obama")]


def test_a_series_of_conversations_with_several_leaders_is_one_call_with_each(project_kb):
    text = (
        "date 2023-10-08 Abu Dhabi: President Sheikh Mohamed bin Zayed Al Nahyan engaged in a "
        "series of telephone conversations with world leaders, including King Abdullah II of "
        "Jordan, President Abdel Fattah El Sisi of Egypt and Canada's Prime Minister Justin "
        "Trudeau.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted(tuple(c["participants"]) for c in calls) == [
        ("abdel-fattah-el-sisi", "mohamed-bin-zayed-al-nahyan"),
        ("abdullah-ii", "mohamed-bin-zayed-al-nahyan"),
        ("justin-trudeau", "mohamed-bin-zayed-al-nahyan"),
    ]
    assert {c["kind"] for c in calls} == {"phone"}


def test_a_leaders_meetings_with_several_leaders_are_one_meeting_with_each(project_kb):
    text = (
        "Here is a look back at Marcos' meetings with Cambodian Prime Minister Hun Manet, "
        "Vietnamese Prime Minister Pham Minh Chinh and South Korean President Yoon Suk Yeol.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2023, 9, 9)))

    assert sorted(tuple(c["participants"]) for c in calls) == [
        ("ferdinand-marcos-jr", "hun-manet"),
        ("ferdinand-marcos-jr", "pham-minh-chinh"),
        ("ferdinand-marcos-jr", "yoon-suk-yeol"),
    ]
    assert {c["kind"] for c in calls} == {"meeting"}


def test_regular_calls_are_still_no_call(project_kb):
    text = "date 2023-10-08 Macron and Scholz hold regular phone calls with each other.\n"

    assert extract(text, project_kb).calls == []


def test_two_leaders_who_discussed_something_around_a_told_call_had_a_contact(project_kb):
    text = (
        "President Bush and Russian President Vladimir Putin on Wednesday discussed growing "
        "tensions over Iran's nuclear programme.\n\n"
        "A spokesman said that during the phone call, Bush emphasised the plan's purpose.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["kind"]) for c in calls] == [
        (["george-w-bush", "vladimir-putin"], "phone")
    ]


def test_two_leaders_who_discussed_something_with_no_contact_told_had_none(project_kb):
    text = (
        "Macron and Scholz discussed the budget in their speeches to parliament on "
        "Wednesday, each in his own capital.\n"
    )

    assert extract(text, project_kb).calls == []


def test_a_contact_that_discussed_an_upcoming_summit_took_place(project_kb):
    text = (
        "date 2008-03-07 Russian President Vladimir Putin and his US counterpart George W. "
        "Bush discussed an upcoming NATO-Russia summit in a telephone conversation Friday.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["george-w-bush", "vladimir-putin"], "2008-03-07")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ukrainian President Volodymyr Zelenskyy, during his phone call with Prime Minister "
            "Narendra Modi on Tuesday, stressed Modi's recent comment to Russian President "
            "Vladimir Putin.",
            [["narendra-modi", "volodymyr-zelensky"]],
        ),
        (
            "French President Emmanuel Macron informed his Ukrainian counterpart Volodymyr "
            "Zelensky about his conversation with the Russian leader, Vladimir Putin.",
            [["emmanuel-macron", "vladimir-putin"]],
        ),
        (
            "US President Donald Trump told reporters about the call between Russian President "
            "Vladimir Putin and Chinese President Xi Jinping.",
            [["vladimir-putin", "xi-jinping"]],
        ),
    ],
)
def test_a_contact_noun_is_of_its_subject_and_the_leaders_after_with(
    project_kb, sentence, expected
):
    record = extract(f"date 2022-10-04 {sentence}\n", project_kb)

    assert [c["participants"] for c in summaries(record)] == expected


def test_a_definite_call_followed_by_another_event_is_the_call_already_told(project_kb):
    text = (
        "date 2018-03-05 King Hamad bin Isa Al Khalifa held a telephone conversation with "
        "Emir of Kuwait Sabah Al Ahmed Al Jabir Al Sabah.\n\nThe king's call comes one day "
        "after he received a written letter from Emir of Kuwait, as the Emir sent letters to "
        "each of King of Saudi Arabia, King of Qatar and Emir of Qatar.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [c["participants"] for c in calls] == [
        ["hamad-bin-isa-al-khalifa", "sabah-al-ahmad-al-jaber-al-sabah"]
    ]


def test_a_conversation_with_two_leaders_is_one_contact_of_all_three(project_kb):
    text = (
        "date 2014-06-15 Vladimir Putin had a telephone conversation with Federal Chancellor "
        "of Germany Angela Merkel and President of France Francois Hollande.\n"
    )

    assert [c["participants"] for c in summaries(extract(text, project_kb))] == [
        ["angela-merkel", "francois-hollande", "vladimir-putin"]
    ]


def test_separate_talks_or_bare_conversation_with_several_leaders_are_one_each(project_kb):
    text = (
        "date 2021-02-12 Prime Minister Nguyen Xuan Phuc held separate phone talks with Lao "
        "Prime Minister Thongloun Sisoulith and Cambodian Prime Minister Hun Sen.\n"
    )

    assert sorted(c["participants"][0] for c in summaries(extract(text, project_kb))) == [
        "hun-sen",
        "nguyen-xuan-phuc",
    ]


def test_a_duration_told_between_two_sentences_of_the_call_is_its(project_kb):
    text = (
        "PM call with leaders: 15 October 2014\n"
        "The Prime Minister David Cameron had a video conference call with President Obama "
        "and Chancellor Merkel this afternoon. Discussions lasted about 75 minutes and "
        "focused on Ebola.\n\nThe bulk of the call focused on the outbreak.\n"
    )

    assert [c["duration"] for c in summaries(extract(text, project_kb))] == [(75, "about")]


def test_a_leader_meeting_an_envoy_has_no_contact_with_a_leader_named_after(project_kb):
    text = (
        "Russian President Vladimir Putin held a three-hour meeting on Wednesday with US "
        "envoy Steve Witkoff, two days before a deadline set by President Donald Trump.\n"
    )

    assert extract(text, project_kb).calls == []


def test_calls_with_an_official_and_a_leader_keep_the_leader(project_kb):
    text = (
        "date 2023-10-21 Erdogan on Saturday also held phone calls with NATO Secretary "
        "General Jens Stoltenberg and President Yoweri Museveni of Uganda.\n"
    )

    people = [c["participants"] for c in summaries(extract(text, project_kb))]

    assert ["recep-tayyip-erdogan", "yoweri-museveni"] in people


@pytest.mark.parametrize(
    "text",
    [
        "Sheikh Mohamed bin Zayed Al Nahyan, Crown Prince of Abu Dhabi and Deputy Supreme "
        "Commander of the Armed Forces, received a phone call from Imran Khan, Prime Minister "
        "of Pakistan.",
        "President Muhammadu Buhari has met behind closed doors with former Lagos State "
        "Governor, Bola Tinubu, at the Presidential Villa.",
    ],
)
def test_a_leader_named_in_another_office_in_an_undated_story_is_no_party(project_kb, text):
    assert extract(text, project_kb).calls == []


def test_names_a_wire_prints_in_capitals_are_read_as_names(project_kb):
    text = (
        "Thu Jul 2 06:19:35 EST 2009\n\nUS President BARACK OBAMA and Russian President "
        "DMITRY MEDVEDEV have discussed by phone issues set to dominate their summit. NATO "
        "and the UN were not discussed.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["barack-obama", "dmitry-medvedev"], "phone", "2009-07-02")
    ]


def test_a_headline_shouted_in_capitals_is_not_read_as_names(project_kb):
    text = "LEADERS OF THE WORLD MEET IN PARIS\n\nThe summit opened on Monday.\n"

    assert extract(text, project_kb).leaders == []


def test_a_leader_phoned_under_an_honorific_was_called(project_kb):
    text = (
        "date 2020-02-10 ONA - His Majesty Sultan Haitham Bin Tarik today phoned Sheikh Sabah "
        "Al Ahmed Al Jabir al-Sabah, Emir of the State of Kuwait.\n"
    )

    assert [(c["participants"], c["initiator"]) for c in summaries(extract(text, project_kb))] == [
        (["haitham-bin-tariq", "sabah-al-ahmad-al-jaber-al-sabah"], "haitham-bin-tariq")
    ]


def test_an_earlier_call_told_with_its_own_day_is_not_the_news_told_again(project_kb):
    text = (
        "NEW DELHI: Modi dialled Putin and congratulated him on his birthday.\n\n"
        "Putin had also called up Modi on September 17 to greet him on his birthday.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted((c["role"], c["initiator"]) for c in calls) == [
        ("background", "vladimir-putin"),
        ("main", "narendra-modi"),
    ]


def test_leaders_joined_with_an_epithet_are_one_subject(project_kb):
    text = (
        "date 2003-10-17 Japanese Prime Minister Junichiro Koizumi and visiting US President "
        "George W. Bush talked in Tokyo on Friday evening about Iraq.\n"
    )

    assert [(c["participants"], c["kind"]) for c in summaries(extract(text, project_kb))] == [
        (["george-w-bush", "junichiro-koizumi"], "meeting")
    ]


def test_a_wish_sent_by_phone_is_a_call(project_kb):
    text = (
        "date 2020-10-07 Later in the day, Kazakhstan's President Kassym-Jomart Tokayev also "
        "wished Vladimir Putin a happy birthday by phone.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["kind"], c["initiator"]) for c in calls] == [
        (["kassym-jomart-tokayev", "vladimir-putin"], "phone", "kassym-jomart-tokayev")
    ]


def test_a_wish_sent_by_letter_is_no_call(project_kb):
    text = "date 2020-10-07 Tokayev also wished Vladimir Putin a happy birthday in a letter.\n"

    assert extract(text, project_kb).calls == []


def test_a_release_says_when_it_was_issued():
    text = (
        "PRESS RELEASE : Call with Prime Minister of Spain\n\n"
        "    The press release issued by the Prime Minister's Office on 4 May 2023.\n\n"
        "    The Prime Minister spoke to the Prime Minister of Spain this morning.\n"
    )

    found = find_page_date(text)

    assert found is not None
    assert found[0] == date(2023, 5, 4)


def test_an_undated_storys_weekday_is_the_date_its_sentences_name_on_that_day(project_kb):
    text = (
        "UAE President Sheikh Mohamed bin Zayed Al Nahyan received a phone call Saturday from "
        "Saudi Crown Prince Mohammed bin Salman to discuss regional developments.\n"
        "The conversation, reported late February 28, 2026, came hours after the strikes.\n"
    )

    record = extract(text, project_kb)

    assert [c["date"] for c in summaries(record)] == ["2026-02-28"]
    assert record.calls[0].date_inferred.startswith("'Saturday': the one date")


def test_an_undated_storys_weekday_names_no_date_that_fell_on_another_day(project_kb):
    text = (
        "UAE President Sheikh Mohamed bin Zayed Al Nahyan received a phone call Friday from "
        "Saudi Crown Prince Mohammed bin Salman to discuss regional developments.\n"
        "The conversation, reported late February 28, 2026, came hours after the strikes.\n"
    )

    assert [c["date"] for c in summaries(extract(text, project_kb))] == [None]


def test_the_day_of_a_post_that_tells_of_a_call_is_not_the_calls(project_kb):
    text = (
        "date 2025-05-08 Islamabad, May 8, AGENCY\n\n"
        "Prime Minister Shehbaz Sharif received a telephone call from President Recep "
        "Tayyip Erdogan.\n\nIn a post on X on Thursday, Prime Minister Sharif noted that he "
        "had briefed President Erdogan on the attacks.\n"
    )

    record = extract(text, project_kb)

    assert len(record.calls) == 1
    assert not (record.calls[0].date_inferred or "").startswith("'Thursday'")


def test_a_contact_told_far_down_a_wire_is_not_dated_by_its_dateline(project_kb):
    text = (
        "MOSCOW, December 16. /AGENCY/. The spokesman was asked about the date of the "
        "latest telephone call between President Vladimir Putin and President Donald Trump. "
        "He said it was relatively recent. He gave no date. He referred to the announcement.\n"
        "The aide said after the call that the Putin-Trump conversation lasted two hours.\n"
    )

    assert [c["date"] for c in summaries(extract(text, project_kb))] == [None]


def test_later_in_the_day_is_the_articles_day(project_kb):
    text = (
        "date 2020-10-07 Leaders sent their wishes.\n\nLater in the day, Kazakhstan's "
        "President Kassym-Jomart Tokayev also wished Vladimir Putin a happy birthday by phone.\n"
    )

    assert [c["date"] for c in summaries(extract(text, project_kb))] == ["2020-10-07"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russian President Vladimir Putin and Chinese President Xi Jinping held talks via an "
        "encrypted video channel on Friday.",
        "Vladimir Putin and Xi Jinping held a meeting via a special video link on Friday.",
    ],
)
def test_talks_or_a_meeting_held_through_a_video_link_are_a_video_call(project_kb, sentence):
    calls = summaries(extract(f"date 2022-12-30 {sentence}\n", project_kb))

    assert [c["kind"] for c in calls] == ["video"]


def test_a_paragraph_wrapped_at_a_fixed_width_is_read_as_running_text(project_kb):
    text = (
        "Chinese President Hu Jintao and visiting Russian\n"
        "President Vladimir Putin began their talks at the Great Hall of the People in\n"
        "Beijing on Tuesday afternoon.\n"
        "In the opening address, Hu said this year marks the 10th anniversary of the\n"
        "establishment of the partnership between the two countries and their\n"
        "friendship treaty.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2006, 3, 21)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["hu-jintao", "vladimir-putin"], "meeting", "2006-03-21")
    ]


def test_short_lines_of_a_readouts_header_are_not_a_wrapped_paragraph(project_kb):
    text = (
        "Readout of the President's Call with Chancellor Merkel\n"
        "September 19, 2011\n"
        "The President and German Chancellor Angela Merkel spoke by phone today.\n"
    )

    record = extract(text, project_kb)

    assert record.title == "Readout of the President's Call with Chancellor Merkel"
    assert record.published == date(2011, 9, 19)


def test_one_who_made_calls_with_several_leaders_placed_them(project_kb):
    text = (
        "date 2023-10-08 President Sheikh Mohamed bin Zayed Al Nahyan made telephone calls "
        "with King Abdullah II of Jordan and President Isaac Herzog of Israel.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert {c["initiator"] for c in calls} == {"mohamed-bin-zayed-al-nahyan"}
    assert len(calls) == 2


def test_an_initiative_that_came_from_a_capital_was_its_leaders(project_kb):
    text = (
        "date 2022-02-12 Vladimir Putin and Joe Biden held a telephone conversation. As the "
        "spokesman said, the initiative to hold the conversation came from Washington.\n"
    )

    assert [c["initiator"] for c in summaries(extract(text, project_kb))] == ["joe-biden"]


def test_the_call_told_again_with_its_weekday_dates_it(project_kb):
    text = (
        "date 2025-09-17 US President Donald Trump called Indian Prime Minister Narendra Modi "
        "to wish him a happy birthday.\n\nThe phone call on Wednesday, a day before Modi "
        "turns 75, is seen as a sign of thawing ties.\n"
    )

    assert [c["date"] for c in summaries(extract(text, project_kb))] == ["2025-09-17"]


def test_a_leader_quoting_himself_on_a_series_of_calls_had_one_with_each(project_kb):
    text = (
        "date 2023-10-09 Turkish President Recep Tayyip Erdogan spoke of Gaza. In his "
        'statement, he said: "I held a series of phone calls yesterday. I discussed the latest '
        "developments with Palestinian President Mahmoud Abbas and Israeli President Isaac "
        'Herzog."\n'
    )

    calls = summaries(extract(text, project_kb))

    assert sorted(tuple(c["participants"]) for c in calls) == [
        ("isaac-herzog", "recep-tayyip-erdogan"),
        ("mahmoud-abbas", "recep-tayyip-erdogan"),
    ]


def test_a_call_placed_that_no_one_took_is_no_call(project_kb):
    text = (
        'date 2022-02-24 STEPANAKERT, FEBRUARY 24, AGENCY: "Today I initiated a telephone '
        'conversation with the President of the Russian Federation. The result: silence," '
        "President Volodymyr Zelenskyy said.\n"
    )

    assert extract(text, project_kb).calls == []


def test_a_day_in_a_pages_list_of_news_counts_from_its_items_stamp(project_kb):
    # A government page: its story, then its list of latest news, each item a title with
    # its stamp glued on and its first lines.
    text = (
        "10 Downing Street\n"
        "PM call with President of Finland: 20 March 2025\n"
        "The Prime Minister spoke to the President of Finland, Alexander Stubb, this morning.\n"
        "They agreed to speak again soon.\n"
        "Latest news\n"
        "PM call with Prime Minister of Norway17/03/2025 08:40:00\n"
        "The Prime Minister spoke to the Prime Minister of Norway, Jonas Gahr Støre, "
        "yesterday evening.\n"
    )

    record = extract(text, project_kb)
    dates = {c.summary.split(",")[1].strip(): c.date.isoformat() for c in record.calls}

    assert dates == {"Alexander Stubb": "2025-03-20", "Jonas Gahr Støre": "2025-03-16"}
    norway = next(c for c in record.calls if "Støre" in c.summary)
    assert "date of its item" in norway.date_inferred


def test_a_call_following_last_weeks_meeting_is_the_news_not_an_earlier_call(project_kb):
    text = (
        "date 2024-05-16 President Recep Tayyip Erdogan discussed trade with Russian President "
        "Vladimir Putin, his office said Thursday.\n"
        "The two leaders also talked about Syria in their first phone call following last "
        "week's meeting in Astana.\n"
    )

    calls = extract(text, project_kb).calls

    assert [(c.role, c.kind) for c in calls] == [("main", "phone")]


def test_the_contact_a_first_call_is_counted_since_is_an_earlier_one(project_kb):
    text = (
        "date 2025-09-17 Prime Minister Narendra Modi received a call from US President "
        "Donald Trump, who wished him a happy birthday.\n\n"
        "This was the first phone call between Trump and Modi since they spoke over the phone "
        "in June around the G7 summit.\n"
    )

    calls = extract(text, project_kb).calls

    assert [(c.role, c.date.isoformat(), c.date_precision) for c in calls] == [
        ("main", "2025-09-17", "day"),
        ("background", "2025-06-01", "month"),
    ]


def test_the_day_a_call_was_made_known_dates_it_when_nothing_else_does(project_kb):
    text = (
        "date 2025-09-17 The exchange comes after weeks of strained ties.\n\n"
        "US President Donald Trump on Tuesday said he had a wonderful phone call with Prime "
        "Minister Narendra Modi to wish him a happy birthday.\n"
    )

    (call,) = extract(text, project_kb).calls

    assert call.date.isoformat() == "2025-09-16"
    assert "the day it was made known" in call.date_inferred


@pytest.mark.parametrize(
    ("text", "initiator"),
    [
        (
            "date 2016-02-05 Chinese President Xi Jinping spoke with US President Barack Obama "
            "by phone on Friday at the latter's invitation.",
            "barack-obama",
        ),
        (
            "date 2025-07-01 French President Emmanuel Macron and Russian President Vladimir "
            "Putin spoke by phone on Tuesday. It was France that asked for the call, the "
            "Kremlin said.",
            "emmanuel-macron",
        ),
        (
            "date 2025-09-19 Chinese President Xi Jinping and US President Donald Trump spoke "
            "by phone on Friday. Trump's call to the Chinese President was their second this "
            "year.",
            "donald-trump",
        ),
    ],
)
def test_who_asked_for_the_call_in_words_a_readout_or_a_wire_uses(project_kb, text, initiator):
    assert [c["initiator"] for c in summaries(extract(text, project_kb))] == [initiator]


def test_a_call_with_someone_elses_possessive_names_no_caller(project_kb):
    text = (
        "date 2025-09-19 Chinese President Xi Jinping and US President Donald Trump spoke by "
        "phone on Friday. Trump's call with the Chinese President lasted two hours.\n"
    )

    assert [c["initiator"] for c in summaries(extract(text, project_kb))] == [None]


def test_a_list_of_readouts_each_closed_by_its_place_and_day_dates_each_by_its_own(project_kb):
    # A government's page of readouts: each item's title behind a bullet, its text, and a
    # line with the place and the day that closes it (never the next item's date).
    text = (
        "• Prime Minister Justin Trudeau speaks with the Prime Minister of Italy, Giuseppe "
        "Conte\n"
        "    Today, Prime Minister Justin Trudeau spoke with Giuseppe Conte, the Prime Minister "
        "of Italy.The two leaders discussed trade between their countries.\n"
        "    The Briefing Room\n"
        "    Ottawa, Ontario - March 12, 2019\n"
        "  • Prime Minister Justin Trudeau speaks with the Chancellor of Germany, Angela Merkel\n"
        "    Prime Minister Justin Trudeau spoke with Angela Merkel, Chancellor of Germany. The "
        "leaders discussed climate policy and agreed to stay in close contact.\n"
        "    The Briefing Room\n"
        "    Ottawa, Ontario - March 9, 2019\n"
        "  • Prime Minister Justin Trudeau speaks with the President of Mexico\n"
        "    Today, Prime Minister Justin Trudeau spoke with the President of Mexico, Andrés "
        "Manuel López Obrador. The leaders talked about the trade agreement.\n"
    )

    calls = extract(text, project_kb).calls

    assert [(c.participants[1].name, c.role, c.date and c.date.isoformat()) for c in calls] == [
        ("Giuseppe Conte", "main", "2019-03-12"),
        ("Angela Merkel", "main", "2019-03-09"),
        # The last item's line is not there: its "Today" counts from no day.
        ("Andrés Manuel López Obrador", "main", None),
    ]
    assert "its item in the page's list (12 March 2019)" in calls[0].date_inferred
    assert "its item in the page's list (9 March 2019)" in calls[1].date_inferred
    date_evidence = [e for e in calls[1].evidence if e.fact == "date"]
    assert [text[e.span.start : e.span.end] for e in date_evidence] == [
        "Ottawa, Ontario - March 9, 2019"
    ]


def test_a_story_with_a_bulleted_summary_and_a_dated_footer_is_no_list_of_readouts(project_kb):
    text = (
        "date 2019-03-14 Leaders speak about trade\n"
        "• The call lasted an hour\n"
        "• Trade was discussed\n"
        "Prime Minister Justin Trudeau spoke with Angela Merkel, Chancellor of Germany, on "
        "Wednesday.\n"
        "Ottawa - March 14, 2019\n"
    )

    (call,) = extract(text, project_kb).calls

    assert call.date.isoformat() == "2019-03-13"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "date 2025-09-17 Prime Minister Narendra Modi turns 75 on Wednesday (September 17). "
            "The day before, he received a call from US President Donald Trump, who wished him "
            "well.",
            "2025-09-16",
        ),
        (
            "date 2024-03-12 Chancellor Olaf Scholz arrived in Paris on March 4. The next day, "
            "he spoke by phone with President Vladimir Putin.",
            "2024-03-05",
        ),
        (
            "date 2024-03-12 President Emmanuel Macron spoke by phone with President Vladimir "
            "Putin the day before yesterday.",
            "2024-03-10",
        ),
    ],
)
def test_a_day_counted_from_another_day_the_text_names(project_kb, text, expected):
    (call,) = extract(text, project_kb).calls

    assert call.date.isoformat() == expected


def test_the_day_before_with_no_day_named_before_it_leaves_the_date_unknown(project_kb):
    # Never the article's date: "the day before" counts from a day the text does not name.
    text = (
        "date 2025-09-17 Prime Minister Narendra Modi received a call from US President Donald "
        "Trump the day before."
    )

    record = extract(text, project_kb)

    (call,) = record.calls
    assert call.date is None
    assert any("counts from no day the text names" in w for w in record.warnings)


def test_a_date_amid_which_the_call_came_is_not_the_calls(project_kb):
    text = (
        "President Recep Tayyip Erdogan and President Emmanuel Macron held a telephone "
        "conversation to discuss the crisis in Gaza.\n"
        "The conversation between the two leaders comes as the crisis continues to worsen amid "
        "the ongoing military offensive, which began on October 7, 2023.\n"
    )

    (call,) = extract(text, project_kb).calls

    assert call.date is None


def test_a_leader_named_after_another_event_is_not_in_a_contact_its_subject_made_whole(
    project_kb,
):
    text = (
        "date 2025-01-22 Chinese President Xi Jinping and Russian President Vladimir Putin "
        "held a video call on Monday, state media reported, hours after Donald Trump's "
        "inauguration as US President."
    )

    (call,) = extract(text, project_kb).calls

    assert [p.name for p in call.participants] == ["Xi Jinping", "Vladimir Putin"]
    assert call.date.isoformat() == "2025-01-20"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (
            "date 2025-10-17 A senior official said that when President Volodymyr Zelensky "
            "meets with President Donald Trump on Friday, their main topic will be missiles.",
            False,
        ),
        (
            "date 2025-10-17 If President Emmanuel Macron speaks with President Vladimir Putin "
            "this week, he will raise the plant's safety.",
            False,
        ),
        (
            "date 2025-10-17 When President Emmanuel Macron spoke with President Vladimir Putin "
            "on Tuesday, the two leaders discussed the plant's safety.",
            True,
        ),
    ],
)
def test_a_contact_told_in_the_present_after_when_or_if_is_still_to_come(project_kb, text, held):
    calls = extract(text, project_kb).calls

    assert bool(calls) is held


def test_a_leader_who_contacted_another_made_a_call_by_phone_unless_told_otherwise(project_kb):
    text = (
        "date 2025-05-07 Turkish President Recep Tayyip Erdogan contacted Prime Minister "
        "Shehbaz Sharif to express his condolences. The phone call took place on May 7."
    )

    (call,) = extract(text, project_kb).calls

    assert [p.name for p in call.participants] == ["Recep Tayyip Erdogan", "Shehbaz Sharif"]
    assert (call.kind, call.date.isoformat()) == ("phone", "2025-05-07")
    assert call.initiator.name == "Recep Tayyip Erdogan"
    video = extract(
        "date 2025-05-07 President Recep Tayyip Erdogan contacted Prime Minister Shehbaz "
        "Sharif by video link.",
        project_kb,
    ).calls
    assert [c.kind for c in video] == ["video"]


@pytest.mark.parametrize(
    "text",
    [
        "date 2025-09-17 Prime Minister Narendra Modi on Wednesday thanked Russian President "
        "Vladimir Putin for personally calling him on his 75th birthday.",
        "date 2025-09-17 Prime Minister Narendra Modi thanked Russian President Vladimir Putin "
        "for his phone call and warm wishes.",
    ],
)
def test_a_leader_thanked_for_calling_made_the_call(project_kb, text):
    (call,) = extract(text, project_kb).calls

    assert [p.name for p in call.participants] == ["Narendra Modi", "Vladimir Putin"]
    assert (call.kind, call.initiator.name) == ("phone", "Vladimir Putin")
    # The day of the thanks is not the call's: the article's date, marked as inferred.
    assert call.date.isoformat() == "2025-09-17"
    assert "the article's date" in call.date_inferred


def test_thanks_for_a_letter_or_for_calling_a_summit_are_no_call(project_kb):
    for text in (
        "date 2025-09-17 Prime Minister Narendra Modi thanked Russian President Vladimir Putin "
        "for his letter.",
        "date 2025-09-17 Prime Minister Narendra Modi thanked Russian President Vladimir Putin "
        "for calling a summit on energy.",
    ):
        assert extract(text, project_kb).calls == []


@pytest.mark.parametrize(
    "text",
    [
        "date 2023-10-21 Turkish President Recep Tayyip Erdogan discussed the crisis in Gaza in "
        "separate phone calls with NATO chief and Ukrainian President Volodymyr Zelensky on "
        "Saturday, his office said.",
        "date 2023-10-21 President Recep Tayyip Erdogan held separate phone calls with the "
        "NATO Secretary General and President Volodymyr Zelensky on Saturday.",
    ],
)
def test_separate_calls_with_an_official_and_a_leader_give_the_leaders_call(project_kb, text):
    (call,) = extract(text, project_kb).calls

    assert [p.name for p in call.participants] == ["Recep Tayyip Erdogan", "Volodymyr Zelensky"]
    assert call.date.isoformat() == "2023-10-21"


def test_separate_calls_with_one_leader_named_alone_are_still_no_one_contact(project_kb):
    text = (
        "date 2023-10-21 President Recep Tayyip Erdogan held separate phone calls with "
        "President Volodymyr Zelensky over the past year."
    )

    assert extract(text, project_kb).calls == []


def test_the_talks_of_the_last_time_they_spoke_are_an_earlier_call(project_kb):
    # The second sentence tells of the previous call: its "talks" and its day are not the
    # news's, and nothing of it may tie the news to that earlier call.
    text = (
        "The phone conversation between Putin and Trump lasted about two hours.\n"
        "The last time the presidents of Russia and the United States spoke was on February "
        "12, when the talks lasted about an hour and a half.\n"
    )

    calls = extract(text, project_kb).calls

    assert [(c.role, c.duration_minutes, c.month_day) for c in calls] == [
        ("main", 120, None),
        ("background", 90, "02-12"),
    ]


@pytest.mark.parametrize(
    ("day", "sentence", "expected"),
    [
        (
            # A group's name before "leaders'" is one more modifier of the summit.
            "2021-03-12",
            "President Joe Biden, Prime Minister Narendra Modi, Prime Minister Scott Morrison "
            "and Prime Minister Yoshihide Suga held the first Quad leaders' virtual summit on "
            "Friday.",
            ["joe-biden", "narendra-modi", "scott-morrison", "yoshihide-suga"],
        ),
        (
            # The host of a video conference, and the leaders who joined it.
            "2023-02-24",
            "Japanese Prime Minister Fumio Kishida hosted a video conference of the Group of "
            "Seven leaders on Friday, joined by U.S. President Joe Biden, German Chancellor Olaf "
            "Scholz and French President Emmanuel Macron.",
            ["emmanuel-macron", "fumio-kishida", "joe-biden", "olaf-scholz"],
        ),
        (
            "2023-02-24",
            "Japanese Prime Minister Fumio Kishida on Friday chaired a video call of G7 leaders "
            "with U.S. President Joe Biden and German Chancellor Olaf Scholz.",
            ["fumio-kishida", "joe-biden", "olaf-scholz"],
        ),
    ],
)
def test_a_video_summit_hosted_or_chaired_by_one_leader_is_one_contact_of_all(
    project_kb, day, sentence, expected
):
    calls = summaries(extract(f"date {day} {sentence}\n", project_kb))

    assert [(c["participants"], c["kind"]) for c in calls] == [(expected, "video")]


@pytest.mark.parametrize(
    "sentence",
    [
        # One leader hosting or chairing is no contact until another leader takes part.
        "Prime Minister Narendra Modi hosted the G20 leaders' summit in New Delhi on Saturday.",
        "President Vladimir Putin chaired a meeting of the Security Council on Friday.",
        # An in-person summit many leaders attend is an event, not a contact of them all.
        "Prime Minister Narendra Modi hosted the G20 leaders' summit in New Delhi on Saturday, "
        "attended by U.S. President Joe Biden and British Prime Minister Rishi Sunak.",
        # Still to come.
        "Japanese Prime Minister Fumio Kishida will host a video conference of G7 leaders "
        "with U.S. President Joe Biden next week.",
    ],
)
def test_hosting_or_chairing_alone_or_to_come_is_no_contact(project_kb, sentence):
    assert summaries(extract(f"date 2023-09-08 {sentence}\n", project_kb)) == []


def test_the_leaders_of_a_list_of_countries_are_one_contact_each(project_kb):
    text = (
        "ANKARA, Oct 12, 2023\n\nTurkish President Recep Tayyip Erdogan held phone talks on "
        "Thursday with the leaders of Germany, France and Italy, his office said.\n"
    )

    calls = summaries(extract(text, project_kb))

    # The leader of a country is whoever holds its effective office (the gazetteer's
    # leader_title): Germany's chancellor and Italy's prime minister, not their presidents.
    assert sorted(c["participants"] for c in calls) == [
        ["emmanuel-macron", "recep-tayyip-erdogan"],
        ["giorgia-meloni", "recep-tayyip-erdogan"],
        ["olaf-scholz", "recep-tayyip-erdogan"],
    ]
    assert {c["date"] for c in calls} == {"2023-10-12"}


def test_a_countrys_leader_is_the_holder_of_its_effective_office(project_kb):
    kb = project_kb
    assert kb.countries["DE"].leader_title == "chancellor"
    holders = kb.leaders_with_title("DE", "leader", date(2023, 10, 12))
    assert holders[0][0].slug == "olaf-scholz"
    # A title named outright is not reordered.
    assert kb.leaders_with_title("DE", "president", date(2023, 10, 12))[0][0].slug == (
        "frank-walter-steinmeier"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Narendra Modi received a telephone call today from Sheikh Tamim bin "
        "Hamad Al Thani, the Emir of Qatar.",
        "Prime Minister Narendra Modi received a telephone call today from His Highness Sheikh "
        "Tamim bin Hamad Al Thani, the Emir of Qatar.",
        "Prime Minister Narendra Modi received a phone call on Monday evening from His Highness "
        "Sheikh Tamim bin Hamad Al Thani, the Emir of Qatar.",
    ],
)
def test_a_call_received_from_a_leader_addressed_as_sheikh(project_kb, sentence):
    calls = summaries(extract(f"New Delhi, 8 June 2020\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["kind"], c["initiator"]) for c in calls] == [
        (["narendra-modi", "tamim-bin-hamad-al-thani"], "phone", "tamim-bin-hamad-al-thani")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Shinzo Abe was received by President Donald Trump at the White House "
        "on Friday.",
        "Prime Minister Shinzo Abe was welcomed by President Donald Trump on Friday.",
    ],
)
def test_a_leader_received_by_another_is_a_meeting_of_both(project_kb, sentence):
    calls = summaries(extract(f"Tokyo, 12 May 2019\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["donald-trump", "shinzo-abe"], "meeting", "2019-05-10")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The message was received by President Donald Trump on Friday.",
        "Prime Minister Shinzo Abe was received by Foreign Minister Taro Kono on Friday.",
    ],
)
def test_a_passive_with_no_leader_on_one_side_is_no_contact(project_kb, sentence):
    assert summaries(extract(f"Tokyo, 12 May 2019\n\n{sentence}\n", project_kb)) == []


@pytest.mark.parametrize("verb", ["met", "was received by"])
def test_a_contact_in_a_relative_clause_is_not_dated_by_the_main_clauses_day(project_kb, verb):
    text = (
        f"Moscow, 12 May 2019\n\nErdogan, who {verb} Putin in Sochi last year, spoke with "
        "Merkel on Wednesday.\n"
    )

    calls = {tuple(c["participants"]): c for c in summaries(extract(text, project_kb))}

    assert calls[("angela-merkel", "recep-tayyip-erdogan")]["date"] == "2019-05-08"
    earlier = calls[("recep-tayyip-erdogan", "vladimir-putin")]
    assert (earlier["date"], earlier["date_precision"]) == ("2018-01-01", "year")


def test_a_weekday_with_its_day_in_brackets_against_a_stamp_with_the_hour_as_12h45(project_kb):
    text = (
        "President talks to Ukraine\n\nPublished on 03/03/2023 12h45\n\nPresident Luiz Inácio "
        "Lula da Silva spoke by phone this Thursday (2) with the President of Ukraine, "
        "Volodymyr Zelensky.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["luiz-inacio-lula-da-silva", "volodymyr-zelensky"], "2023-03-02")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        'Ukrainian President Volodymyr Zelensky wrote on Twitter on Monday: "Spoke with Olaf '
        'Scholz about sanctions."',
        "Ukrainian President Volodymyr Zelensky wrote on Monday: \u201cHad a phone call with "
        "Olaf Scholz.\u201d",
    ],
)
def test_a_post_quoted_after_a_colon_that_opens_with_its_verb_is_its_authors(project_kb, sentence):
    calls = summaries(extract(f"Kyiv, 7 March 2022\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["olaf-scholz", "volodymyr-zelensky"], "2022-03-07")
    ]


def test_an_official_quoting_a_post_is_not_a_party_to_its_contact(project_kb):
    text = (
        'Moscow, 7 March 2022\n\nKremlin spokesman Dmitry Peskov said on Monday: "Spoke with '
        'the Turkish side about the talks."\n'
    )

    assert summaries(extract(text, project_kb)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        '"President Macron called me this morning," Ukrainian President Volodymyr Zelensky '
        "said on Monday.",
        '"Macron called me," Zelensky said on Monday, adding that Scholz would call him next week.',
    ],
)
def test_a_leader_quoted_saying_another_called_me(project_kb, sentence):
    calls = summaries(extract(f"Kyiv, 7 March 2022\n\n{sentence}\n", project_kb))

    # The call that was made, by its caller; the one still to come is none.
    assert [(c["participants"], c["initiator"]) for c in calls] == [
        (["emmanuel-macron", "volodymyr-zelensky"], "emmanuel-macron")
    ]


def test_what_a_speaker_adds_brings_no_one_into_the_contact(project_kb):
    text = (
        "Kyiv, 7 March 2022\n\nMacron called Zelensky on Monday, Zelensky said, adding that "
        "Scholz would call him next week.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [c["participants"] for c in calls] == [["emmanuel-macron", "volodymyr-zelensky"]]


def test_an_official_quoted_saying_a_leader_called_me_is_no_contact(project_kb):
    text = (
        'Kyiv, 7 March 2022\n\n"The President called me to say the shipment had left," the '
        "defence minister said on Monday.\n"
    )

    assert summaries(extract(text, project_kb)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Narendra Modi had a good conversation with President Emmanuel Macron "
        "on Tuesday.",
        'Prime Minister Narendra Modi wrote on X: "Had a very fruitful call with President '
        'Emmanuel Macron. We discussed Ukraine."',
        "Prime Minister Narendra Modi held a wide-ranging conversation with President Emmanuel "
        "Macron on Tuesday.",
    ],
)
def test_a_contact_noun_after_the_leaders_own_judgement_of_it(project_kb, sentence):
    calls = summaries(extract(f"New Delhi, 1 March 2022\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["emmanuel-macron", "narendra-modi"], "2022-03-01")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Narendra Modi said he hoped to have a good conversation with President "
        "Emmanuel Macron next week.",
        "Prime Minister Narendra Modi had a very fruitful meeting with a carmaker's chief "
        "executive on Tuesday.",
    ],
)
def test_a_judged_contact_still_to_come_or_with_no_leader_is_none(project_kb, sentence):
    assert summaries(extract(f"New Delhi, 1 March 2022\n\n{sentence}\n", project_kb)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Minister Boris Johnson held a series of calls yesterday with Chancellor Angela "
        "Merkel, President Emmanuel Macron and Prime Minister Giuseppe Conte.",
        'Prime Minister Boris Johnson said: "I held separate calls on Wednesday with Chancellor '
        'Merkel, President Macron and Prime Minister Conte."',
    ],
)
def test_several_calls_told_with_their_day_before_the_leaders(project_kb, sentence):
    calls = summaries(extract(f"London, 2 April 2020\n\n{sentence}\n", project_kb))

    assert sorted((c["participants"], c["date"]) for c in calls) == [
        (["angela-merkel", "boris-johnson"], "2020-04-01"),
        (["boris-johnson", "emmanuel-macron"], "2020-04-01"),
        (["boris-johnson", "giuseppe-conte"], "2020-04-01"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The week before 14 June 2024 (a Friday) lies in June: the month, not the day.
        (
            "British Prime Minister Rishi Sunak spoke to Ukrainian President Volodymyr "
            "Zelensky last week, a spokesperson said on Friday.",
            ("2024-06-01", "month"),
        ),
        (
            "British Prime Minister Rishi Sunak recently spoke to Ukrainian President "
            "Volodymyr Zelensky, a spokesperson said on Friday.",
            (None, "unknown"),
        ),
        (
            "British Prime Minister Rishi Sunak spoke to Ukrainian President Volodymyr "
            "Zelensky two days ago, a spokesperson said.",
            ("2024-06-12", "day"),
        ),
    ],
)
def test_a_contact_dated_by_a_span_of_days_is_not_given_the_articles_day(
    project_kb, sentence, expected
):
    calls = summaries(
        extract(f"LONDON, June 14 (Agency) - {sentence}\n", project_kb, published=date(2024, 6, 14))
    )

    assert [(c["participants"], (c["date"], c["date_precision"])) for c in calls] == [
        (["rishi-sunak", "volodymyr-zelensky"], expected)
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "President Xi Jinping held talks with President Vladimir Putin in Beijing on "
            "Wednesday.",
            "meeting",
        ),
        (
            "President Xi Jinping held talks with Russian President Vladimir Putin at the Great "
            "Hall of the People on Wednesday.",
            "meeting",
        ),
        (
            "Xi and Putin talked for more than five hours at the Great Hall of the People on "
            "Wednesday.",
            "meeting",
        ),
        (
            "President Xi Jinping held talks with President Vladimir Putin, who is on a state "
            "visit to China, on Wednesday.",
            "meeting",
        ),
        (
            "President Xi Jinping held a bilateral meeting with President Vladimir Putin in "
            "virtual format on Wednesday.",
            "video",
        ),
        # Where the talks were is not told: the kind stays unknown.
        ("President Xi Jinping held talks with President Vladimir Putin on Wednesday.", "other"),
        # A place of what they discussed is not where they were.
        (
            "President Xi Jinping spoke with President Vladimir Putin on Wednesday about the "
            "situation in Gaza.",
            "phone",
        ),
    ],
)
def test_where_the_leaders_were_gives_the_kind_of_talks(project_kb, sentence, kind):
    calls = summaries(extract(f"Beijing, 18 October 2023\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["kind"]) for c in calls] == [
        (["vladimir-putin", "xi-jinping"], kind)
    ]


@pytest.mark.parametrize(
    ("sentence", "kind", "initiator"),
    [
        # Passive: the one after "by" placed the call.
        (
            "Prime Minister Benjamin Netanyahu was called by President Emmanuel Macron on Friday.",
            "phone",
            "emmanuel-macron",
        ),
        # Returning a call is calling back.
        (
            "Prime Minister Benjamin Netanyahu on Friday returned the call of President Emmanuel "
            "Macron.",
            "phone",
            "benjamin-netanyahu",
        ),
        (
            "Prime Minister Benjamin Netanyahu exchanged a phone call on Friday with President "
            "Emmanuel Macron.",
            "phone",
            None,
        ),
        # "called on" a leader somewhere, or a courtesy call: a visit.
        (
            "Prime Minister Benjamin Netanyahu called on President Emmanuel Macron at the palace "
            "on Friday.",
            "meeting",
            None,
        ),
        (
            "Prime Minister Benjamin Netanyahu paid a courtesy call on President Emmanuel Macron "
            "on Friday.",
            "meeting",
            None,
        ),
        # The time between the call and "from", or before the call, in its local forms.
        (
            "Prime Minister Benjamin Netanyahu received a phone call this Friday morning from "
            "President Emmanuel Macron.",
            "phone",
            "emmanuel-macron",
        ),
        (
            "Prime Minister Benjamin Netanyahu received on Friday 13 October a telephone call "
            "from President Emmanuel Macron.",
            "phone",
            "emmanuel-macron",
        ),
        (
            "Prime Minister Benjamin Netanyahu held formal talks with President Emmanuel Macron "
            "in Jerusalem on Friday.",
            "meeting",
            None,
        ),
    ],
)
def test_more_ways_of_telling_a_contact(project_kb, sentence, kind, initiator):
    calls = summaries(extract(f"Jerusalem, 14 October 2023\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["kind"], c["date"], c["initiator"]) for c in calls] == [
        (["benjamin-netanyahu", "emmanuel-macron"], kind, "2023-10-13", initiator)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # An appeal, not a visit.
        "Prime Minister Benjamin Netanyahu called on President Emmanuel Macron to recognise "
        "the hostages' plight.",
        # A call placed by no one named in the passive: a meeting called by a leader.
        "The emergency session was called by President Emmanuel Macron on Friday.",
    ],
)
def test_an_appeal_or_a_convened_session_is_no_contact(project_kb, sentence):
    assert summaries(extract(f"Jerusalem, 14 October 2023\n\n{sentence}\n", project_kb)) == []


def test_a_possessors_call_is_the_possessors_not_the_sentences_subjects(project_kb):
    text = (
        "KYIV, May 19 (Agency) - Ukrainian President Volodymyr Zelensky spoke with U.S. "
        "President Donald Trump on Monday, before Trump's call with Russian President Vladimir "
        "Putin.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2025, 5, 20)))

    assert sorted(c["participants"] for c in calls) == [
        ["donald-trump", "vladimir-putin"],
        ["donald-trump", "volodymyr-zelensky"],
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "A conversation between Vladimir Putin and Emmanuel Macron is not on the agenda, the "
        "Kremlin said.",
        "Zelensky said a phone call with Vladimir Putin would not happen until the bombing "
        "stopped.",
        "A meeting between Vladimir Putin and Emmanuel Macron is off the table, aides said.",
    ],
)
def test_a_contact_ruled_out_for_now_is_none(project_kb, sentence):
    calls = summaries(
        extract(
            f"MOSCOW, March 15 (Agency) - {sentence}\n", project_kb, published=date(2024, 3, 15)
        )
    )

    assert calls == []


def test_i_outside_a_quotation_is_the_leader_who_signs_the_page(project_kb):
    text = (
        "Media statement\n\n"
        "Today I spoke with President Joe Biden about shipping in the Red Sea. I also spoke "
        "with Prime Minister Rishi Sunak.\n\n"
        "Anthony Albanese, Prime Minister\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 1, 12)))

    assert sorted(c["participants"] for c in calls) == [
        ["anthony-albanese", "joe-biden"],
        ["anthony-albanese", "rishi-sunak"],
    ]


def test_i_on_an_unsigned_page_is_no_leader_named_before(project_kb):
    text = (
        "Statement\n\nToday I spoke with President Joe Biden about shipping in the Red Sea. I "
        "also spoke with Prime Minister Rishi Sunak.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 1, 12)))

    # Whoever "I" is, Biden and Sunak did not speak to each other.
    assert calls == []


@pytest.mark.parametrize("verb", ["hosted", "welcomed", "received"])
def test_a_leader_who_hosts_the_leaders_of_several_countries_meets_each(project_kb, verb):
    text = (
        f"Washington, 24 September 2021\n\nPresident Joe Biden {verb} the leaders of Australia, "
        "India and Japan at the White House on Friday.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted((c["participants"], c["kind"]) for c in calls) == [
        (["joe-biden", "narendra-modi"], "meeting"),
        (["joe-biden", "scott-morrison"], "meeting"),
        (["joe-biden", "yoshihide-suga"], "meeting"),
    ]


def test_hosting_the_two_leaders_names_no_one(project_kb):
    text = (
        "Washington, 24 September 2021\n\nPresident Joe Biden hosted the two leaders on Friday.\n"
    )

    assert summaries(extract(text, project_kb)) == []


def test_the_length_of_another_contact_in_the_sentence_is_that_contacts(project_kb):
    text = (
        "Jerusalem, 9 March 2022\n\nPrime Minister Naftali Bennett spoke by phone with "
        "President Vladimir Putin on Tuesday, after flying to Moscow on Saturday for a "
        "three-hour meeting with him.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted((c["kind"], c["date"], c["duration"][0]) for c in calls) == [
        ("meeting", "2022-03-05", 180),
        ("phone", "2022-03-08", None),
    ]


@pytest.mark.parametrize(
    ("sentences", "minutes"),
    [
        # The exact figure a later sentence gives refines the rounded one.
        (
            "Putin and Macron spoke by phone for more than two hours on Sunday. An aide said "
            "the conversation lasted 2 hours and 17 minutes.",
            137,
        ),
        ("Putin and Macron held talks in Moscow on Sunday that lasted four-and-a-half hours.", 270),
        ("Putin and Macron held a four-and-a-half-hour meeting in Moscow on Sunday.", 270),
    ],
)
def test_how_long_a_contact_lasted_in_more_of_its_forms(project_kb, sentences, minutes):
    calls = summaries(extract(f"Moscow, 21 February 2022\n\n{sentences}\n", project_kb))

    assert [c["duration"] for c in calls] == [(minutes, None)]


@pytest.mark.parametrize(
    ("sentences", "initiator"),
    [
        (
            "President Emmanuel Macron made a phone call on Wednesday to President Vladimir Putin.",
            "emmanuel-macron",
        ),
        (
            "The telephone conversation between Vladimir Putin and Emmanuel Macron took place on "
            "Wednesday on the initiative of Mr Macron.",
            "emmanuel-macron",
        ),
        (
            "Vladimir Putin spoke with Emmanuel Macron by phone on Wednesday in response to a "
            "request from the French leader.",
            "emmanuel-macron",
        ),
        # A capital stands for its government.
        (
            "Emmanuel Macron spoke with Vladimir Putin by phone on Wednesday at Paris's request.",
            "emmanuel-macron",
        ),
        (
            "Emmanuel Macron spoke with Vladimir Putin by phone on Wednesday. The call was "
            "requested by Moscow.",
            "vladimir-putin",
        ),
    ],
)
def test_who_placed_the_call_in_more_of_its_forms(project_kb, sentences, initiator):
    calls = summaries(extract(f"Moscow, 12 October 2023\n\n{sentences}\n", project_kb))

    assert [(c["participants"], c["initiator"]) for c in calls] == [
        (["emmanuel-macron", "vladimir-putin"], initiator)
    ]


@pytest.mark.parametrize(
    ("opening", "url"),
    [
        ("", "http://en.kremlin.ru/events/president/news/1"),
        # No address: the seat the page names says whose it is.
        ("The Kremlin, Moscow\n", None),
    ],
)
def test_a_headline_without_a_subject_on_a_governments_page_is_its_leaders_contact(
    project_kb, opening, url
):
    text = (
        "Telephone conversation with President of Turkey Recep Tayyip Erdogan\n"
        f"February 18, 2022\n{opening}\n"
        "The conversation lasted about an hour. The two leaders exchanged views on trade.\n"
    )

    calls = summaries(extract(text, project_kb, url=url))

    assert [(c["participants"], c["date"], c["duration"]) for c in calls] == [
        (["recep-tayyip-erdogan", "vladimir-putin"], "2022-02-18", (60, "about"))
    ]


def test_a_headline_without_a_subject_on_a_page_of_no_known_government_names_no_one(
    project_kb,
):
    text = (
        "Telephone conversation with President of Turkey Recep Tayyip Erdogan\n"
        "February 18, 2022\n\nThe conversation lasted about an hour.\n"
    )

    assert summaries(extract(text, project_kb)) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Another occasion of the same leaders, on its own day: two calls, each on its day.
        (
            "Telephone conversation with President of Kazakhstan Kassym-Jomart Tokayev\n"
            "January 7, 2022\n\nVladimir Putin had a telephone conversation with President of "
            "Kazakhstan Kassym-Jomart Tokayev. On January 6, the two presidents also spoke by "
            "phone.\n",
            None,
            ["2022-01-06", "2022-01-07"],
        ),
        # The same moment in another time zone, in an aside.
        (
            "On November 15, commencing at 5:30 p.m. (local time; 7:30 a.m. on November 16, "
            "Tokyo time) for approximately 30 minutes, Prime Minister Shigeru Ishiba held a "
            "meeting with President Xi Jinping in Lima.\n",
            date(2024, 11, 16),
            ["2024-11-15"],
        ),
        # A title ("... of the United States") says nothing of what was stated.
        (
            "Prime Minister Justin Trudeau spoke by telephone with the President of the United "
            "States on Sunday.\n",
            date(2024, 2, 26),
            ["2024-02-25"],
        ),
        # The contact referred to in a relative clause of its own.
        (
            "President Abdel Fattah al-Sisi has held a phone conversation with President "
            "Emmanuel Macron. The call, which took place yesterday afternoon, focused on Sudan.\n",
            date(2023, 6, 10),
            ["2023-06-09"],
        ),
        # "then": the same day as the contact told before it.
        (
            "President Emmanuel Macron spoke with President Volodymyr Zelensky on Sunday. He then "
            "called President Joe Biden.\n",
            date(2023, 6, 10),
            ["2023-06-04", "2023-06-04"],
        ),
    ],
)
def test_the_day_of_a_contact_in_more_of_the_ways_readouts_tell_it(
    project_kb, text, published, expected
):
    calls = summaries(extract(text, project_kb, published=published))

    assert sorted(c["date"] for c in calls) == expected


def test_a_day_taken_from_the_contact_before_is_shown_as_inferred(project_kb):
    text = (
        "President Emmanuel Macron spoke with President Volodymyr Zelensky on Sunday. He then "
        "called President Joe Biden.\n"
    )

    record = extract(text, project_kb, published=date(2023, 6, 10))

    (then,) = [c for c in record.calls if any(p.slug == "joe-biden" for p in c.participants)]
    assert then.date_inferred == "'then': the day of the contact told before it (4 June 2023)"


@pytest.mark.parametrize(
    ("sentence", "earlier"),
    [
        (
            "President Donald Trump met President Volodymyr Zelensky at the White House on "
            "Monday, three days after his summit with President Vladimir Putin in Alaska.",
            ("2025-08-15", "'three days after' 18 August 2025"),
        ),
        (
            "President Volodymyr Zelensky spoke with President Donald Trump on Monday, a day "
            "after Trump spoke to President Vladimir Putin.",
            ("2025-08-17", "'a day after' 18 August 2025"),
        ),
    ],
)
def test_a_contact_told_as_days_before_another_is_counted_from_its_day(
    project_kb, sentence, earlier
):
    record = extract(
        f"WASHINGTON, Aug 19 (Agency) - {sentence}\n", project_kb, published=date(2025, 8, 19)
    )

    told = {
        tuple(sorted(p.slug for p in c.participants)): (c.role, c.date, c.date_inferred)
        for c in record.calls
    }
    assert told[("donald-trump", "vladimir-putin")] == (
        "background",
        date.fromisoformat(earlier[0]),
        earlier[1],
    )
    assert told[("donald-trump", "volodymyr-zelensky")][:2] == ("main", date(2025, 8, 18))


@pytest.mark.parametrize(
    ("sentence", "initiator"),
    [
        (
            "King Abdullah II received a phone call this evening from his brother, President "
            "Mahmoud Abbas.",
            "mahmoud-abbas",
        ),
        (
            "King Abdullah II received a phone call from his brother His Excellency President "
            "Mahmoud Abbas.",
            "mahmoud-abbas",
        ),
        (
            "King Abdullah II phoned his brother, President Mahmoud Abbas, on Wednesday.",
            "abdullah-ii",
        ),
    ],
)
def test_a_peer_named_as_a_brother_is_still_the_other_party(project_kb, sentence, initiator):
    calls = summaries(extract(f"Amman, 12 October 2023\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["initiator"]) for c in calls] == [
        (["abdullah-ii", "mahmoud-abbas"], initiator)
    ]


@pytest.mark.parametrize(
    ("sentence", "kind", "initiator"),
    [
        (
            "President Emmanuel Macron reached out to President Xi Jinping by telephone on Friday.",
            "phone",
            "emmanuel-macron",
        ),
        (
            "President Emmanuel Macron got on the phone with President Xi Jinping on Friday.",
            "phone",
            None,
        ),
        (
            "President Emmanuel Macron sat down with President Xi Jinping in Beijing on Friday.",
            "meeting",
            None,
        ),
        (
            "President Emmanuel Macron interacted with President Xi Jinping through video "
            "conferencing on Friday.",
            "video",
            None,
        ),
        (
            "President Emmanuel Macron had a telecon with President Xi Jinping on Friday.",
            "phone",
            None,
        ),
        (
            "Macron's call to President Xi Jinping on Friday lasted 30 minutes.",
            "phone",
            "emmanuel-macron",
        ),
        (
            "President Emmanuel Macron has held a discussion with the President of China, Xi "
            "Jinping, in Beijing on Friday.",
            "meeting",
            None,
        ),
        (
            "Talks between Emmanuel Macron and President of China Xi Jinping took place in "
            "Beijing on Friday.",
            "meeting",
            None,
        ),
        (
            "President Emmanuel Macron held a France-China Summit Meeting with President Xi "
            "Jinping on Friday.",
            "meeting",
            None,
        ),
        (
            "President Emmanuel Macron held a Summit video conference meeting with President Xi "
            "Jinping on Friday.",
            "video",
            None,
        ),
        (
            "President Xi Jinping said on Friday that Macron had called him.",
            "phone",
            "emmanuel-macron",
        ),
    ],
)
def test_still_more_ways_of_telling_a_contact(project_kb, sentence, kind, initiator):
    calls = summaries(extract(f"Beijing, 14 October 2023\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["kind"], c["date"], c["initiator"]) for c in calls] == [
        (["emmanuel-macron", "xi-jinping"], kind, "2023-10-13", initiator)
    ]


def test_a_meeting_said_later_to_be_held_by_video_is_a_video_contact(project_kb):
    text = (
        "Meeting with President of Finland Sauli Niinisto\n\nMoscow, 14 October 2023\n\n"
        "Vladimir Putin held a meeting with President of Finland Sauli Niinisto. The meeting "
        "took place via videoconference.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["kind"]) for c in calls] == [
        (["sauli-niinisto", "vladimir-putin"], "video")
    ]


def test_agreeing_to_meet_in_person_does_not_make_the_call_a_meeting(project_kb):
    text = (
        "Brasília, October 6, 2025. President Luiz Inácio Lula da Silva received a phone call "
        "this Monday morning from President Donald Trump. In a friendly tone, the two leaders "
        "talked for 30 minutes and agreed to meet in person soon.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["kind"], c["duration"], c["initiator"]) for c in calls] == [
        ("phone", (30, None), "donald-trump")
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # An upcoming visit the leaders discussed does not make their call a meeting.
        (
            "President Kassym-Jomart Tokayev held a telephone conversation with President Shavkat "
            "Mirziyoyev. The leaders discussed the agenda of the upcoming state visit.\n",
            ["phone"],
        ),
        # What follows a contact still to come is still to come.
        (
            "President Vladimir Putin has arrived in Beijing. President Xi Jinping and President "
            "Vladimir Putin will hold restricted-format talks on Thursday, followed by an expanded "
            "meeting with delegations.\n",
            [],
        ),
    ],
)
def test_a_visit_to_come_or_a_meeting_to_follow_one_is_no_meeting(project_kb, text, kinds):
    calls = summaries(extract(f"Capital, 3 November 2022\n\n{text}", project_kb))

    assert [c["kind"] for c in calls] == kinds


def test_talks_a_leader_briefs_another_on_are_his_earlier_contact_not_theirs(project_kb):
    text = (
        "Telephone conversation with President of Kazakhstan Kassym-Jomart Tokayev\n\n"
        "Moscow, 17 August 2025\n\nVladimir Putin had a telephone conversation with President "
        "of Kazakhstan Kassym-Jomart Tokayev. Vladimir Putin briefed his counterpart on the "
        "talks held in Alaska with Donald Trump.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted((c["participants"], c["kind"], c["role"]) for c in calls) == [
        (["donald-trump", "vladimir-putin"], "meeting", "background"),
        (["kassym-jomart-tokayev", "vladimir-putin"], "phone", "main"),
    ]


def test_when_the_two_last_spoke_is_an_earlier_call_on_its_day(project_kb):
    text = (
        "NEW DELHI, March 14 (Agency) - Prime Minister Narendra Modi on Wednesday spoke to "
        "Russian President Vladimir Putin. The two leaders last spoke on December 30, when they "
        "discussed the situation in Ukraine.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 3, 14)))

    assert sorted((c["date"], c["role"]) for c in calls) == [
        ("2023-12-30", "background"),
        ("2024-03-13", "main"),
    ]


def test_a_second_call_told_after_then_is_the_subjects_too(project_kb):
    text = (
        "PARIS, Feb 21 (Agency) - Macron spoke with Putin for 1 hour 45 minutes on Sunday, then "
        "spoke with Biden for 15 minutes.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2022, 2, 21)))

    assert sorted((c["participants"], c["date"], c["duration"]) for c in calls) == [
        (["emmanuel-macron", "joe-biden"], "2022-02-20", (15, None)),
        (["emmanuel-macron", "vladimir-putin"], "2022-02-20", (105, None)),
    ]


def test_a_readout_dated_in_its_first_sentence_dates_the_call_told_later(project_kb):
    text = (
        "PM speaks with world leaders\n\nPrime Minister Benjamin Netanyahu today (Saturday, 17 "
        "November 2012) spoke with President Barack Obama. Later he spoke with British Prime "
        "Minister David Cameron.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted((c["participants"], c["date"], c["role"]) for c in calls) == [
        (["barack-obama", "benjamin-netanyahu"], "2012-11-17", "main"),
        (["benjamin-netanyahu", "david-cameron"], "2012-11-17", "main"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind", "minutes"),
    [
        (
            "President Yamandú Orsi and his Brazilian colleague Luiz Inácio Lula da Silva held a "
            "telephone conversation on Thursday.",
            "phone",
            None,
        ),
        (
            "President Yamandú Orsi held talks with President Luiz Inácio Lula da Silva via Zoom "
            "on Thursday.",
            "video",
            None,
        ),
        (
            "President Yamandú Orsi held a telephonic contact with President Luiz Inácio Lula da "
            "Silva on Thursday.",
            "phone",
            None,
        ),
        (
            "President Yamandú Orsi spoke by phone with President Luiz Inácio Lula da Silva on "
            "Thursday. The exchange lasted 1h30.",
            "phone",
            90,
        ),
    ],
)
def test_regional_ways_of_telling_a_contact(project_kb, sentence, kind, minutes):
    calls = summaries(extract(f"Montevideo, 16 May 2025\n\n{sentence}\n", project_kb))

    assert [(c["participants"], c["kind"], c["duration"][0]) for c in calls] == [
        (["luiz-inacio-lula-da-silva", "yamandu-orsi"], kind, minutes)
    ]


def test_a_time_of_day_written_14h30_is_no_length(project_kb):
    text = (
        "Montevideo, 16 May 2025\n\nPresident Yamandú Orsi spoke by phone with President Luiz "
        "Inácio Lula da Silva at 14h30 on Thursday.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [c["duration"] for c in calls] == [(None, None)]


def test_a_call_made_on_behalf_of_a_leader_is_not_that_leaders(project_kb):
    text = (
        "Cairo, 2 October 2024\n\nPresident Abdel Fattah el-Sisi received a phone call from "
        "Prime Minister Mohammed bin Abdulrahman Al Thani of Qatar today. The call was made on "
        "behalf of the Emir of Qatar, Sheikh Tamim bin Hamad Al Thani, who conveyed his "
        "greetings to the President.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [c["participants"] for c in calls] == [
        ["abdel-fattah-el-sisi", "mohammed-bin-abdulrahman-al-thani"]
    ]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        # The second verb is the opening leader's ...
        (
            "Erdogan meets Sharif, calls Pezeshkian",
            [
                ["masoud-pezeshkian", "recep-tayyip-erdogan"],
                ["recep-tayyip-erdogan", "shehbaz-sharif"],
            ],
        ),
        # ... and never the first verb's object's, when the opening subject is no leader known.
        (
            "Shehbaz meets Erdogan, calls Iranian president",
            [["recep-tayyip-erdogan", "shehbaz-sharif"]],
        ),
    ],
)
def test_a_headlines_second_verb_is_its_first_subjects(project_kb, headline, expected):
    text = (
        f"{headline}\n\nNew York, 26 September 2024\n\nTurkish President Recep Tayyip Erdogan "
        "met Prime Minister Shehbaz Sharif in New York on Thursday.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert sorted(c["participants"] for c in calls) == expected


def test_surnames_written_in_capitals_after_a_given_name(project_kb):
    text = (
        "Yaounde, 10 January 2024\n\nPresident Paul BIYA had a telephone conversation on 9 "
        "January 2024 with President Emmanuel MACRON.\n"
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["emmanuel-macron", "paul-biya"], "2024-01-09")
    ]


@pytest.mark.parametrize(
    "furniture",
    [
        "Most read\n2. President Emmanuel Macron hosts Prime Minister Keir Starmer in Paris\n"
        "3. Erdogan and Putin discuss the Black Sea in a phone call\n",
        "More from Agency: Erdogan and Putin discuss Black Sea in phone call | Modi calls "
        "Zelensky after Kyiv visit\n",
        "Erdogan and Putin discuss Black Sea in phone call | Modi calls Zelensky after Kyiv "
        "visit\n",
        "Related news\nMacron hosts Starmer at the Elysee\nModi calls Zelensky\n",
    ],
)
def test_a_pages_links_to_other_stories_make_no_contact(project_kb, furniture):
    text = (
        "Prabowo meets Anwar in Jakarta\n\nJakarta, 10 March 2025\n\nIndonesian President "
        "Prabowo Subianto met Malaysian Prime Minister Anwar Ibrahim in Jakarta on Monday to "
        f"discuss border issues.\n\n{furniture}"
    )

    calls = summaries(extract(text, project_kb))

    assert [c["participants"] for c in calls] == [["anwar-ibrahim", "prabowo-subianto"]]


@pytest.mark.parametrize(
    "text",
    [
        # A transcript's speaker label.
        "Morning press conference\n\nClaudia Sheinbaum: Yesterday I spoke with Prime Minister "
        "Justin Trudeau, a short call.\n",
        # A speech's headline naming its speaker.
        "Address by President Claudia Sheinbaum on the occasion of the national day\n\n"
        "Yesterday I spoke with Prime Minister Justin Trudeau, a short call.\n",
    ],
)
def test_i_is_the_speaker_a_transcript_or_a_speech_names(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2024, 11, 8)))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["claudia-sheinbaum", "justin-trudeau"], "2024-11-07")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A live report: the talks are under way as the article is written.
        (
            "Ukrainian President Volodymyr Zelensky is holding talks with Polish President "
            "Andrzej Duda in Kyiv, his office said.",
            [(["andrzej-duda", "volodymyr-zelensky"], "meeting", "2023-05-02")],
        ),
        (
            "Ukrainian President Volodymyr Zelensky and Polish President Andrzej Duda are "
            "holding talks in Kyiv today.",
            [(["andrzej-duda", "volodymyr-zelensky"], "meeting", "2023-05-02")],
        ),
        # The past progressive tells talks that took place.
        (
            "Ukrainian President Volodymyr Zelensky was holding talks with Polish President "
            "Andrzej Duda in Kyiv on Monday when the sirens sounded.",
            [(["andrzej-duda", "volodymyr-zelensky"], "meeting", "2023-05-01")],
        ),
        # The present progressive with another day, or ahead, tells a plan.
        (
            "Ukrainian President Volodymyr Zelensky is holding talks with Polish President "
            "Andrzej Duda on Friday.",
            [],
        ),
        (
            "Ukrainian President Volodymyr Zelensky is holding talks with Polish President "
            "Andrzej Duda next week.",
            [],
        ),
    ],
)
def test_talks_in_the_progressive(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2023, 5, 2)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == expected


@pytest.mark.parametrize(
    "dateline",
    ["Addis Ababa June 27/2020 (AGENCY)\n", "Addis Ababa June 27/2020 (AGENCY) "],
)
def test_a_dateline_with_the_year_after_a_slash_dates_today(project_kb, dateline):
    text = (
        f"{dateline}Prime Minister Abiy Ahmed held a phone conversation today with "
        "Egyptian President Abdel Fattah el-Sisi on the dam."
    )

    calls = summaries(extract(text, project_kb))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["abdel-fattah-el-sisi", "abiy-ahmed"], "phone", "2020-06-27")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The quotation opens the sentence before: "he" is its speaker.
        '"We discussed the situation with President Vladimir Putin last year," Indian Prime '
        "Minister Narendra Modi said. He then spoke with French President Emmanuel Macron by "
        "phone.",
        # In the same sentence.
        '"My friend President Vladimir Putin knows our view," Indian Prime Minister Narendra '
        "Modi said, adding that he had spoken with French President Emmanuel Macron by phone.",
    ],
)
def test_a_pronoun_after_a_quotation_is_its_speaker_not_a_leader_quoted(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2023, 5, 2)))

    assert [(c["participants"], c["kind"]) for c in calls] == [
        (["emmanuel-macron", "narendra-modi"], "phone")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Turkish President Recep Tayyip Erdogan spoke with Ukrainian President Volodymyr "
            "Zelensky on Monday before calling Russian President Vladimir Putin.",
            [
                ["recep-tayyip-erdogan", "volodymyr-zelensky"],
                ["recep-tayyip-erdogan", "vladimir-putin"],
            ],
        ),
        (
            "After calling Russian President Vladimir Putin on Monday, Turkish President Recep "
            "Tayyip Erdogan said a deal was close.",
            [["recep-tayyip-erdogan", "vladimir-putin"]],
        ),
        # A gerund of another verb, or one that tells no call, makes none.
        (
            "Turkish President Recep Tayyip Erdogan is considering calling Russian President "
            "Vladimir Putin.",
            [],
        ),
        (
            "Turkish President Recep Tayyip Erdogan, calling for a ceasefire, said Russian "
            "President Vladimir Putin should stop.",
            [],
        ),
    ],
)
def test_a_call_told_by_its_gerund_after_before_or_after(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2023, 5, 2)))

    assert [c["participants"] for c in calls] == expected
    assert all(c["date"] == "2023-05-01" for c in calls)


@pytest.mark.parametrize(
    ("dateline", "day"),
    [
        ("Port City, April 19 (AGENCY) - ", "2024-04-19"),
        ("Port City, 19 Apr (AGENCY) --- ", "2024-04-19"),
        ("PORT CITY, APRIL 19, AGENCY. ", "2024-04-19"),
        ("PORT CITY, Apr 19, 2024, AGENCY -- ", "2024-04-19"),
        ("PORT CITY, 19th April, 2024 (AGENCY) -- ", "2024-04-19"),
        ("PORT CITY, 19/04/2024 (AGENCY) - ", "2024-04-19"),
        ("Port City, 19 April 2024, Agency. ", "2024-04-19"),
        ("Port City /AGENCY/ April 19/2024 ", "2024-04-19"),
        ("Port City, Apr. 19 (Agency Press)--", "2024-04-19"),
        # A dateline without a day: the page's.
        ("Port City (AGENCY) - ", "2024-04-20"),
    ],
)
def test_an_agencys_dateline_gives_the_day_today_is_counted_from(project_kb, dateline, day):
    text = (
        f"{dateline}President Ilham Aliyev held a phone conversation today with President "
        "Recep Tayyip Erdogan."
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 4, 20)))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["ilham-aliyev", "recep-tayyip-erdogan"], day)
    ]


@pytest.mark.parametrize(
    "opening",
    [
        # A sentence that opens with a day is no dateline.
        "On 19 April, President Ilham Aliyev held a phone conversation with President Recep "
        "Tayyip Erdogan.",
        "Monday, April 15 - President Ilham Aliyev held a phone conversation with President "
        "Recep Tayyip Erdogan.",
    ],
)
def test_a_sentence_opening_with_a_day_is_no_dateline(project_kb, opening):
    record = extract(opening, project_kb, published=date(2024, 4, 20))

    assert record.dateline is None


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A form of address in initials is nobody's alias ("HH the Amir").
        (
            "Port City, August 28 (AGENCY) - HH the Amir Sheikh Tamim bin Hamad Al-Thani held "
            "a telephone conversation on Friday with NATO Secretary-General Jens Stoltenberg.",
            "2021-08-28",
            [],
        ),
        # A call told as planned after its noun and its party.
        (
            "PORT CITY - Prime Minister Irakli Kobakhidze said a phone call with Hungarian "
            "Prime Minister Viktor Orban was planned for next week.",
            "2024-11-05",
            [],
        ),
        # Advisers prepare a summit: no leaders' contact.
        (
            "PORT CITY, June 10 (AGENCY) -- National Security Adviser Wi Sung-lac held phone "
            "talks with his US counterpart on Tuesday to discuss preparations for a summit "
            "between President Lee Jae-myung and President Donald Trump.",
            "2025-06-10",
            [],
        ),
        # "he" after a sentence whose subject is a minister is the minister.
        (
            "Foreign Minister Abbas Araghchi arrived in Port City on Friday carrying a message "
            "from President Masoud Pezeshkian. He met Prime Minister Najib Mikati.",
            "2024-10-05",
            [],
        ),
        # Talks between delegations, or between the two party leaders, are others'.
        (
            "President Volodymyr Zelensky said he was ready to speak with US President Donald "
            'Trump "as soon as possible" after the talks between the two countries\' '
            "delegations.",
            "2025-03-12",
            [],
        ),
        (
            "Prime Minister Pham Minh Chinh and Cambodian Prime Minister Hun Manet welcomed "
            "the results of the telephone talk between the two Party leaders on September 5.",
            "2024-09-10",
            [],
        ),
        # The late leader a call mourns is not on the line.
        (
            "King Salman bin Abdulaziz made a phone call last night to King Hamad bin Isa Al "
            "Khalifa of Bahrain, offering condolences on the passing of Prince Khalifa bin "
            "Salman Al Khalifa.",
            "2020-11-12",
            [(["hamad-bin-isa-al-khalifa", "salman-bin-abdulaziz-al-saud"], "2020-11-11")],
        ),
        # A day the leaders decided to speak again is not the call's day.
        (
            "President Lula and Bolivian President Luis Arce talked by phone on Wednesday. The "
            "conversation lasted about 20 minutes and the two presidents decided to resume it "
            "the following day.",
            "2023-09-14",
            [(["luis-arce", "luiz-inacio-lula-da-silva"], "2023-09-13")],
        ),
        # A year after the article is a topic's, not the call's.
        (
            "President Cyril Ramaphosa today held a telephone conversation with President Luiz "
            "Inacio Lula da Silva of Brazil. The two leaders discussed the G20 Presidency in "
            "2025.",
            "2024-02-12",
            [(["cyril-ramaphosa", "luiz-inacio-lula-da-silva"], "2024-02-12")],
        ),
        # "the Office of the President" is an office, not the host's president.
        (
            "ROME - Argentine President Javier Milei met on Saturday with Italian Prime "
            "Minister Giorgia Meloni, the Office of the President reported.",
            "2024-11-10",
            [(["giorgia-meloni", "javier-milei"], "2024-11-09")],
        ),
        # "His Highness the Amir" is the emir named before, not the king named since; a
        # call he "also" received is of the same day as the one told before it.
        (
            "KUWAIT: The Amir Sheikh Nawaf Al-Ahmad Al-Jaber Al-Sabah received on Tuesday a "
            "phone call from Saudi King Salman bin Abdulaziz. During the call, the Saudi King "
            "congratulated His Highness the Amir.\nHis Highness the Amir also received a phone "
            "call from Saudi Crown Prince Mohammed bin Salman.",
            "2020-12-16",
            [
                (
                    ["nawaf-al-ahmad-al-jaber-al-sabah", "salman-bin-abdulaziz-al-saud"],
                    "2020-12-15",
                ),
                (["mohammed-bin-salman", "nawaf-al-ahmad-al-jaber-al-sabah"], "2020-12-15"),
            ],
        ),
    ],
)
def test_regional_readouts_false_parties_and_days(project_kb, text, published, expected):
    record = extract(text, project_kb, published=date.fromisoformat(published))

    assert [(c["participants"], c["date"]) for c in summaries(record)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A second surname after a name of two words or more.
        (
            "President Emmanuel Macron held phone talks with President Felix Antoine "
            "Tshisekedi Tshilombo on February 11.",
            ["emmanuel-macron", "felix-tshisekedi"],
        ),
        # One more given name before a full name.
        (
            "President Sheikh Mohamed bin Zayed Al Nahyan received Muhammad Shehbaz Sharif, "
            "Prime Minister of Pakistan, at the palace on February 11.",
            ["mohamed-bin-zayed-al-nahyan", "shehbaz-sharif"],
        ),
    ],
)
def test_a_leaders_name_with_more_given_names_or_surnames(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2023, 2, 12)))

    assert [c["participants"] for c in calls] == [expected]


def test_a_role_before_a_full_name_is_no_given_name(project_kb):
    text = "President Emmanuel Macron held phone talks with Party Chief Xi Jinping on February 11."

    record = extract(text, project_kb, published=date(2023, 2, 12))

    assert [ref.slug for ref in record.leaders] == ["emmanuel-macron", "xi-jinping"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Prime Minister Nguyen Xuan Phuc held phone talks with Lao Party General Secretary "
            "and Prime Minister Thongloun Sisoulith on February 11.",
            [["nguyen-xuan-phuc", "thongloun-sisoulith"]],
        ),
        (
            "Prime Minister Nguyen Xuan Phuc held phone talks with General Secretary of the CPC "
            "and President of China Xi Jinping on February 11.",
            [["nguyen-xuan-phuc", "xi-jinping"]],
        ),
        # A role with no leader named after it: an official's talks.
        (
            "Prime Minister Nguyen Xuan Phuc held phone talks with the Secretary-General of the "
            "United Nations on February 11, as President Xi Jinping had asked.",
            [],
        ),
    ],
)
def test_a_leader_named_with_a_party_office_before_the_state_office(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2021, 2, 12)))

    assert [c["participants"] for c in calls] == expected


@pytest.mark.parametrize(
    "subject",
    [
        # Honours in initials after the name, without a comma to close them.
        "President William Samoei Ruto, C.G.H. held",
        "President William Samoei Ruto, EGH, held",
        # "Cde" (comrade), a form of address.
        "Cde Ruto held",
    ],
)
def test_honours_and_forms_of_address_around_a_subjects_name(project_kb, subject):
    text = f"{subject} phone talks with President Emmanuel Macron on February 11."

    calls = summaries(extract(text, project_kb, published=date(2023, 2, 12)))

    assert [c["participants"] for c in calls] == [["emmanuel-macron", "william-ruto"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Translations' wording of a call.
        (
            "President Luiz Inacio Lula da Silva was called on the telephone by President "
            "Emmanuel Macron on Monday.",
            [(["emmanuel-macron", "luiz-inacio-lula-da-silva"], "phone", "2024-05-06")],
        ),
        (
            "President Nicolas Maduro sustained a telephone dialogue with President Gustavo "
            "Petro on Monday.",
            [(["gustavo-petro", "nicolas-maduro"], "phone", "2024-05-06")],
        ),
        (
            "President Recep Tayyip Erdogan has exchanged phone calls with President Vladimir "
            "Putin on Monday.",
            [(["recep-tayyip-erdogan", "vladimir-putin"], "phone", "2024-05-06")],
        ),
        (
            "President Abdelmadjid Tebboune has carried out on Monday a telephone meeting each "
            "with President Emmanuel Macron and President Recep Tayyip Erdogan.",
            [
                (["abdelmadjid-tebboune", "emmanuel-macron"], "phone", "2024-05-06"),
                (["abdelmadjid-tebboune", "recep-tayyip-erdogan"], "phone", "2024-05-06"),
            ],
        ),
        (
            "President Recep Tayyip Erdogan held a new round of talks with President Vladimir "
            "Putin in Sochi on Monday.",
            [(["recep-tayyip-erdogan", "vladimir-putin"], "meeting", "2024-05-06")],
        ),
        (
            "President Abdel Fattah el-Sisi received on Monday calls of congratulation from "
            "Saudi Crown Prince Mohammed bin Salman and several Arab leaders.",
            [(["abdel-fattah-el-sisi", "mohammed-bin-salman"], "phone", "2024-05-06")],
        ),
        # A weekday with its day and month: the weekday.
        (
            "On Monday 6/5, President Abdel Fattah el-Sisi was called on the telephone by "
            "President Abdelmadjid Tebboune.",
            [(["abdel-fattah-el-sisi", "abdelmadjid-tebboune"], "phone", "2024-05-06")],
        ),
        # A dialogue needs its kind: ministers' "strategic dialogue" is none.
        (
            "President Recep Tayyip Erdogan said the strategic dialogue with President "
            "Vladimir Putin's government went on.",
            [],
        ),
    ],
)
def test_translations_wording_of_calls(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2024, 5, 7)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == expected


@pytest.mark.parametrize(
    ("text", "initiator"),
    [
        (
            "President Donald Trump and President Vladimir Putin spoke by phone on Wednesday. "
            "The Kremlin said it was Trump who requested the call.",
            "donald-trump",
        ),
        (
            "President Vladimir Putin spoke by phone on Wednesday with President Emmanuel "
            "Macron, at whose initiative the call took place.",
            "emmanuel-macron",
        ),
        (
            "Prime Minister Narendra Modi and President Volodymyr Zelensky spoke on Wednesday. "
            "Modi made the call, his office said.",
            "narendra-modi",
        ),
        (
            "President Abdelmadjid Tebboune made today a telephone contact with President "
            "Emmanuel Macron.",
            "abdelmadjid-tebboune",
        ),
    ],
)
def test_who_placed_the_call_told_after_it(project_kb, text, initiator):
    calls = summaries(extract(text, project_kb, published=date(2025, 2, 13)))

    assert [c["initiator"] for c in calls] == [initiator]


@pytest.mark.parametrize(
    "text",
    [
        # The venue after the leader's country.
        "President William Ruto held bilateral talks with President Yoweri Museveni of Uganda "
        "at State House on Sunday.",
        # The day between the verb and its noun, as translations put it.
        "President William Ruto held on Sunday talks with President Yoweri Museveni at State "
        "House.",
    ],
)
def test_talks_at_a_venue_are_a_meeting(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2024, 5, 27)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["william-ruto", "yoweri-museveni"], "meeting", "2024-05-26")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An event hours from the call: the day it names is the call's.
        (
            "President Joseph Aoun received a phone call from French President Emmanuel Macron "
            "hours after he was sworn in on Thursday.",
            "2025-01-09",
        ),
        # A count over a span in a quotation does not date the meeting.
        (
            "President Ilham Aliyev held talks with President Vladimir Putin in Baku on "
            'Thursday. "We have already met twice this year," Aliyev told Putin.',
            "2025-01-09",
        ),
    ],
)
def test_days_near_a_contact_that_are_and_are_not_its_day(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2025, 1, 10)))

    assert [c["date"] for c in calls] == [expected]


def test_calls_counted_on_one_day_are_still_told(project_kb):
    text = "President Ilham Aliyev spoke twice on Thursday with President Vladimir Putin."

    calls = summaries(extract(text, project_kb, published=date(2025, 1, 10)))

    assert [(c["participants"], c["date"]) for c in calls] == [
        (["ilham-aliyev", "vladimir-putin"], "2025-01-09")
    ]


def test_a_subject_together_with_others_is_a_party_too(project_kb):
    text = (
        "President Volodymyr Zelensky, together with President Emmanuel Macron, Chancellor "
        "Friedrich Merz and Prime Minister Keir Starmer, had a telephone conversation with "
        "President Donald Trump on Monday."
    )

    calls = summaries(extract(text, project_kb, published=date(2025, 8, 19)))

    assert [c["participants"] for c in calls] == [
        [
            "donald-trump",
            "emmanuel-macron",
            "friedrich-merz",
            "keir-starmer",
            "volodymyr-zelensky",
        ]
    ]


def test_talks_with_a_leader_who_arrived_in_the_city_are_a_meeting(project_kb):
    text = (
        "President Volodymyr Zelensky is holding talks with Polish Prime Minister Donald "
        "Tusk, who arrived in Kyiv this morning."
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 5, 7)))

    assert [(c["kind"], c["date"]) for c in calls] == [("meeting", "2024-05-07")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "separate" talks stay one with each, though a trilateral summit follows.
        (
            "PORT CITY, May 26 (AGENCY) -- President Yoon Suk Yeol held separate bilateral "
            "talks with Chinese Premier Li Qiang and Japanese Prime Minister Fumio Kishida on "
            "Sunday, a day before the trilateral summit.",
            [["li-qiang", "yoon-suk-yeol"], ["fumio-kishida", "yoon-suk-yeol"]],
        ),
        # "his brother, HE President X": His Excellency in initials.
        (
            "Port City, May 26 (AGENCY) - HH the Amir Sheikh Tamim bin Hamad Al-Thani received "
            "a phone call this evening from his brother, HE President Mahmoud Abbas.",
            [["mahmoud-abbas", "tamim-bin-hamad-al-thani"]],
        ),
        # A party in brackets between the subject and its verb.
        (
            "The president of Brazil, Luiz Inacio Lula da Silva (PT), conversed with the "
            "president of France, Emmanuel Macron, this Sunday (26).",
            [["emmanuel-macron", "luiz-inacio-lula-da-silva"]],
        ),
        # A form of address in a list of subjects.
        (
            "President Putin and Cde Mnangagwa held talks at the palace on Sunday.",
            [["emmerson-mnangagwa", "vladimir-putin"]],
        ),
    ],
)
def test_regional_forms_of_parties(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2024, 5, 27)))

    assert [c["participants"] for c in calls] == expected


def test_made_a_call_last_night_to_is_the_callers(project_kb):
    text = (
        "King Salman bin Abdulaziz made a phone call last night to King Hamad bin Isa Al "
        "Khalifa of Bahrain."
    )

    calls = summaries(extract(text, project_kb, published=date(2020, 11, 12)))

    assert [(c["initiator"], c["date"]) for c in calls] == [
        ("salman-bin-abdulaziz-al-saud", "2020-11-11")
    ]


def test_a_conversation_of_x_with_y_as_translations_write_it(project_kb):
    text = (
        "On July 24 took place a telephone conversation of the President of the Republic of "
        "Uzbekistan Shavkat Mirziyoyev with the President of the Republic of Belarus Alexander "
        "Lukashenko."
    )

    calls = summaries(extract(text, project_kb, published=date(2025, 7, 25)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["alexander-lukashenko", "shavkat-mirziyoyev"], "phone", "2025-07-24")
    ]


def test_a_title_ending_in_its_date_dates_this_evening_after_it(project_kb):
    text = (
        "Prime Minister's call with Prime Minister Carney of Canada: 29 April 2025\n"
        "The Prime Minister spoke to Mark Carney this evening to congratulate him.\n"
        "Prime Minister's call with Prime Minister Albanese of Australia: 3 May 2025\n"
        "The Prime Minister spoke to Anthony Albanese this evening to congratulate him.\n"
    )

    record = extract(
        text, project_kb, published=date(2025, 5, 4), url="https://www.gov.uk/government/news/x"
    )

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["keir-starmer", "mark-carney"], "2025-04-29"),
        (["anthony-albanese", "keir-starmer"], "2025-05-03"),
    ]


def test_items_under_their_own_date_lines_take_their_days(project_kb):
    text = (
        "Presidential news\n19 December 2024\nPresident Tokayev holds phone talk with President "
        "of Uzbekistan\nKassym-Jomart Tokayev and Shavkat Mirziyoyev discussed the agreements "
        "reached during the state visit to Tashkent.\n18 December 2024\nPresident Tokayev "
        "speaks by phone with Kyrgyz President\nThe Head of State and President Sadyr Japarov "
        "exchanged views on water.\n"
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 12, 20)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["kassym-jomart-tokayev", "shavkat-mirziyoyev"], "phone", "2024-12-19"),
        (["kassym-jomart-tokayev", "sadyr-japarov"], "phone", "2024-12-18"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Hijri date before the Gregorian one.
        (
            "Place, Dhu al-Hijjah 11, 1445, June 17, 2024, AGENCY -- Crown Prince Mohammed bin "
            "Salman received a phone call today from President Emmanuel Macron.",
            ("2024-06-17", None),
        ),
        # The country in square brackets after the place: a month and day, no year.
        (
            "Port City [Country], March 20 (AGENCY): Prime Minister Narendra Modi on Wednesday "
            "dialled President Vladimir Putin.",
            (None, "03-20"),
        ),
    ],
)
def test_more_agency_datelines(project_kb, text, expected):
    (found,) = extract(text, project_kb).calls

    assert (found.date.isoformat() if found.date else None, found.month_day) == expected


@pytest.mark.parametrize(
    "text",
    [
        "President Biden spoke today with Chancellor Olaf Scholz of Germany, following their "
        "meeting in Berlin.",
        "President Biden spoke today with Chancellor Olaf Scholz of Germany following their "
        "meeting in Berlin last week.",
    ],
)
def test_a_meeting_told_after_following_is_earlier_than_the_call(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2022, 10, 19)))

    assert [(c["kind"], c["date"], c["role"]) for c in calls] == [
        ("phone", "2022-10-19", "main"),
        ("meeting", None, "background"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The call just told, not another.
        "Prime Minister Narendra Modi on Wednesday dialled President Vladimir Putin. "
        '"Spoke with President Putin," Modi posted after the call.',
        # Talks with someone who is no leader.
        "President Alexander Lukashenko held a second telephone conversation with President "
        "Vladimir Putin on Wednesday, after his talks with a businessman.",
    ],
)
def test_after_the_call_just_told_or_someone_elses_talks_is_no_other_contact(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2024, 3, 21)))

    assert [(c["role"], c["date"]) for c in calls] == [("main", "2024-03-20")]


def test_met_virtually_is_a_video_call(project_kb):
    text = "President Joe Biden met virtually today with Prime Minister Narendra Modi of India."

    calls = summaries(extract(text, project_kb, published=date(2021, 4, 27)))

    assert [c["kind"] for c in calls] == ["video"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The side a readout speaks for, told by its own stance.
        (
            "Telephone conversation with President Volodymyr Zelensky\n\nThe President of the "
            "Republic spoke this Sunday with the President of Ukraine, Volodymyr Zelensky.\n\n"
            "The President reaffirmed France's determination to support Ukraine.\n",
            ["emmanuel-macron", "volodymyr-zelensky"],
        ),
        (
            "PM call with President Zelenskyy\n\nThe Prime Minister spoke to President "
            "Zelenskyy this afternoon.\n\nThe Prime Minister reiterated the UK's steadfast "
            "support.\n",
            ["keir-starmer", "volodymyr-zelensky"],
        ),
        # "I" on a leader's own page, the page's country told by "between A and B".
        (
            "Call with Prime Minister Kishida\n\nToday I spoke with Prime Minister Kishida of "
            "Japan.\n\nWe discussed the strength of the relationship between Australia and "
            "Japan.\n",
            ["anthony-albanese", "fumio-kishida"],
        ),
    ],
)
def test_a_readouts_own_side_told_by_its_words(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2024, 9, 8)))

    assert [c["participants"] for c in calls] == [expected]


def test_a_leader_discussed_is_a_topic_not_a_party(project_kb):
    text = (
        "President Bola Tinubu on Thursday received a telephone call from President William "
        "Ruto of Kenya. The two leaders discussed the candidature of Raila Odinga for the "
        "chairmanship of the African Union Commission."
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 8, 30)))

    assert [c["participants"] for c in calls] == [["bola-tinubu", "william-ruto"]]


def test_what_they_discussed_in_their_call_last_week_is_that_call(project_kb):
    text = (
        "In their phone call last week, U.S. President Joe Biden and Chinese President Xi "
        "Jinping discussed Taiwan and export controls."
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 4, 9)))

    assert [(c["participants"], c["role"]) for c in calls] == [
        (["joe-biden", "xi-jinping"], "background")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A meeting during a past trip, told in a clause of place: earlier, undated.
        (
            "Prime Minister Narendra Modi spoke with President Joe Biden today. The Prime "
            "Minister briefed President Biden on his recent visit to Ukraine, where he met "
            "President Volodymyr Zelenskyy.",
            [("joe-biden", "main", "2024-08-26"), ("volodymyr-zelensky", "background", None)],
        ),
        # The visit being told: the news.
        (
            "Prime Minister Narendra Modi arrived in Kyiv on Friday, where he met President "
            "Volodymyr Zelenskyy.",
            [("volodymyr-zelensky", "main", "2024-08-23")],
        ),
    ],
)
def test_a_meeting_in_a_clause_of_place(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2024, 8, 26)))

    assert [
        (next(p for p in c["participants"] if p != "narendra-modi"), c["role"], c["date"])
        for c in calls
    ] == expected


def test_a_title_and_a_given_name_shared_with_another_office_holder(project_kb):
    text = (
        "President Sheikh Mohamed and French President Emmanuel Macron discussed the situation "
        "in Syria in a phone call on Tuesday."
    )

    calls = summaries(extract(text, project_kb, published=date(2024, 12, 17)))

    assert [c["participants"] for c in calls] == [
        ["emmanuel-macron", "mohamed-bin-zayed-al-nahyan"]
    ]


def test_a_title_is_not_given_to_a_leader_of_another_office_sharing_the_name(project_kb):
    text = "President Sheikh Kamil spoke with French President Emmanuel Macron on Tuesday."

    record = extract(text, project_kb, published=date(2024, 12, 17))

    assert "abdoulkader-kamil-mohamed" not in {ref.slug for ref in record.leaders}


@pytest.mark.parametrize(
    "text",
    [
        # A contact noun told in a condition or a future after it.
        "A telephone conversation between Emmanuel Macron and Vladimir Putin, if it takes "
        "place, would be the first since 2022, an adviser said on Friday.",
        "A meeting between Donald Trump and Vladimir Putin could follow, the Kremlin said.",
        # A scare quote does not cut the modal off.
        'Donald Trump said he would "love" to have a call with Xi Jinping.',
        # Impostors.
        "Pranksters posing as Latvian President Edgars Rinkevics held a video call with "
        "Kosovo Prime Minister Albin Kurti, a video released on Thursday showed.",
        # A naming verb with a quoted epithet.
        'Vladimir Putin called Chinese President Xi Jinping a "dear friend" on Thursday.',
    ],
)
def test_no_contact_in_conditions_scare_quotes_pranks_or_naming(project_kb, text):
    assert extract(text, project_kb, published=date(2025, 3, 20)).calls == []


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # The day a speaker said it is not the day of the call she tells.
        (
            "Mexican President Claudia Sheinbaum said Thursday that she had spoken by phone "
            "with Canadian Prime Minister Justin Trudeau on Wednesday.",
            "2025-01-16",
            "2025-01-15",
        ),
        # A title's date is the page's: the story's "yesterday evening" dates the call.
        (
            "PM call with Prime Minister Trudeau of Canada: 15 October 2024\n\nThe Prime "
            "Minister spoke to Canadian Prime Minister Justin Trudeau yesterday evening.",
            "2024-10-15",
            "2024-10-14",
        ),
    ],
)
def test_the_day_of_telling_and_of_the_page_give_way_to_the_calls(project_kb, text, published, day):
    record = extract(
        text,
        project_kb,
        published=date.fromisoformat(published),
        url="https://www.gov.uk/government/news/pm-call",
    )
    calls = summaries(record)

    assert [c["date"] for c in calls] == [day]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "a day after X and Y held a meeting": that meeting, a day earlier, in the background.
        (
            "President Joe Biden spoke with President Volodymyr Zelensky on Sunday, a day "
            "after Biden and Xi Jinping held a three-hour meeting in Lima.",
            "2024-11-17",
            [
                (["joe-biden", "volodymyr-zelensky"], "phone", "2024-11-17", "main"),
                (["joe-biden", "xi-jinping"], "meeting", "2024-11-16", "background"),
            ],
        ),
        # "following X's meeting with Z": earlier.
        (
            "Donald Trump spoke with Volodymyr Zelensky on Monday, following Trump's meeting "
            "with Vladimir Putin in Alaska.",
            "2025-08-18",
            [
                (["donald-trump", "volodymyr-zelensky"], "phone", "2025-08-18", "main"),
                (["donald-trump", "vladimir-putin"], "meeting", None, "background"),
            ],
        ),
        # A virtual summit hosted with three leaders: one contact of the four.
        (
            "Prime Minister Narendra Modi hosted the virtual summit with Prime Minister Scott "
            "Morrison, Prime Minister Yoshihide Suga and President Joe Biden on Friday.",
            "2021-03-13",
            [
                (
                    ["joe-biden", "narendra-modi", "scott-morrison", "yoshihide-suga"],
                    "video",
                    "2021-03-12",
                    "main",
                )
            ],
        ),
    ],
)
def test_earlier_contacts_after_after_and_virtual_summits(project_kb, text, published, expected):
    calls = summaries(extract(text, project_kb, published=date.fromisoformat(published)))

    assert [(c["participants"], c["kind"], c["date"], c["role"]) for c in calls] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another clause with its own subject ends the verb's objects.
        (
            "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on "
            "Tuesday while Japanese Prime Minister Fumio Kishida was in Kyiv meeting Ukrainian "
            "President Volodymyr Zelensky.",
            [(["vladimir-putin", "xi-jinping"], None)],
        ),
        (
            "Prime Minister Narendra Modi spoke with President Vladimir Putin on Tuesday, and "
            "President Joe Biden with President Volodymyr Zelensky.",
            [(["narendra-modi", "vladimir-putin"], None)],
        ),
        # Several subjects in separate calls, or each wishing the other well: one each.
        (
            "Both Chancellor Olaf Scholz and President Emmanuel Macron spoke with President "
            "Vladimir Putin on Tuesday in separate calls.",
            [
                (["olaf-scholz", "vladimir-putin"], None),
                (["emmanuel-macron", "vladimir-putin"], None),
            ],
        ),
        (
            "The presidents of Kyrgyzstan, Turkey and South Africa - Sadyr Japarov, Recep Tayyip "
            "Erdogan and Cyril Ramaphosa - congratulated Vladimir Putin over the phone on Tuesday.",
            [
                (["sadyr-japarov", "vladimir-putin"], "sadyr-japarov"),
                (["recep-tayyip-erdogan", "vladimir-putin"], "recep-tayyip-erdogan"),
                (["cyril-ramaphosa", "vladimir-putin"], "cyril-ramaphosa"),
            ],
        ),
        # "After meeting Z, X flew to ...": X met Z.
        (
            "After meeting President Recep Tayyip Erdogan in Ankara on Tuesday, Chancellor Olaf "
            "Scholz flew to Athens for talks with Prime Minister Kyriakos Mitsotakis.",
            [(["olaf-scholz", "recep-tayyip-erdogan"], None)],
        ),
    ],
)
def test_who_is_party_in_a_sentence_of_several_leaders(project_kb, text, expected):
    calls = summaries(extract(text, project_kb, published=date(2023, 3, 22)))

    assert [(c["participants"], c["initiator"]) for c in calls] == expected


@pytest.mark.parametrize(
    "text",
    [
        # The host in one sentence, those who joined in the next.
        "PORT CITY, June 23 (AGENCY) -- Chinese President Xi Jinping chaired the 14th BRICS "
        "Summit via video link on Thursday evening.\n\nSouth African President Cyril Ramaphosa, "
        "Brazilian President Jair Bolsonaro, Russian President Vladimir Putin and Indian Prime "
        "Minister Narendra Modi attended the summit.\n\nThe leaders adopted a declaration after "
        "the meeting.",
        # Those who joined "all spoke during the session": they addressed it.
        "Chinese President Xi Jinping hosted a BRICS summit by videoconference on Thursday.\n\n"
        "South African President Cyril Ramaphosa, Brazilian President Jair Bolsonaro, Russian "
        "President Vladimir Putin and Indian Prime Minister Narendra Modi joined and all spoke "
        "during the session.",
    ],
)
def test_a_video_summit_hosted_by_one_and_joined_by_others_is_one_contact(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2022, 6, 24)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (
            [
                "cyril-ramaphosa",
                "jair-bolsonaro",
                "narendra-modi",
                "vladimir-putin",
                "xi-jinping",
            ],
            "video",
            "2022-06-23",
        )
    ]


def test_leaders_who_failed_to_meet_did_not_meet(project_kb):
    text = (
        "Prime Minister Anwar Ibrahim said he would call President Prabowo Subianto later "
        "this week, after the two failed to meet at the APEC summit."
    )

    assert extract(text, project_kb, published=date(2025, 11, 3)).calls == []


@pytest.mark.parametrize(
    "text",
    [
        "U.S. President Joe Biden, French President Emmanuel Macron and Australian Prime "
        "Minister Anthony Albanese were among the world leaders who called Prime Minister "
        "Narendra Modi on Wednesday to congratulate him.",
        "U.S. President Joe Biden, French President Emmanuel Macron and Australian Prime "
        "Minister Anthony Albanese called Prime Minister Narendra Modi on Wednesday.",
    ],
)
def test_several_callers_each_placed_a_call(project_kb, text):
    calls = summaries(extract(text, project_kb, published=date(2024, 6, 6)))

    assert [(c["participants"], c["initiator"], c["date"]) for c in calls] == [
        (["joe-biden", "narendra-modi"], "joe-biden", "2024-06-05"),
        (["emmanuel-macron", "narendra-modi"], "emmanuel-macron", "2024-06-05"),
        (["anthony-albanese", "narendra-modi"], "anthony-albanese", "2024-06-05"),
    ]


def test_a_count_of_calls_is_no_one_call(project_kb):
    text = (
        "A Reuters analysis has found that he has had over 200 phone conversations. As of July "
        "6, President Donald Trump had spoken with President Vladimir Putin on the phone only "
        "eight times."
    )

    assert extract(text, project_kb, published=date(2018, 7, 18)).calls == []


def test_a_summit_meeting_with_the_rt_hon(project_kb):
    text = (
        "On September 18, for approximately 30 minutes, Mr. KISHIDA Fumio, Prime Minister of "
        "Japan, held a summit meeting with the Rt. Hon. Chris Hipkins, Prime Minister of New "
        "Zealand."
    )

    calls = summaries(extract(text, project_kb, published=date(2023, 9, 18)))

    assert [(c["participants"], c["kind"], c["date"]) for c in calls] == [
        (["chris-hipkins", "fumio-kishida"], "meeting", "2023-09-18")
    ]


@pytest.mark.parametrize(
    ("text", "again"),
    [
        (
            "President Masoud Pezeshkian held a new phone conversation with President Vladimir "
            "Putin on Thursday.",
            True,
        ),
        (
            "President Masoud Pezeshkian spoke again with President Vladimir Putin on Thursday.",
            True,
        ),
        (
            "President Masoud Pezeshkian held another phone call with President Vladimir Putin on "
            "Thursday.",
            True,
        ),
        (
            "President Masoud Pezeshkian held a phone conversation with President Vladimir Putin "
            "on Thursday and agreed to speak again soon.",
            False,
        ),
    ],
)
def test_a_call_told_as_another_is_marked_so(project_kb, text, again):
    (found,) = extract(text, project_kb, published=date(2024, 8, 9)).calls

    assert found.again is again


def test_a_call_received_then_told_as_a_videoconference_is_one_video_call(project_kb):
    text = (
        "President Luiz Inacio Lula da Silva received a call from President Donald Trump this "
        "Monday morning (6). The two leaders talked by videoconference for 30 minutes."
    )

    calls = summaries(extract(text, project_kb, published=date(2025, 10, 7)))

    assert [(c["kind"], c["date"], c["duration"][0]) for c in calls] == [
        ("video", "2025-10-06", 30)
    ]


def test_a_meeting_since_which_they_speak_is_earlier_and_not_the_calls_length(project_kb):
    text = (
        "Russian President Vladimir Putin and U.S. President Donald Trump spoke by telephone on "
        "Monday for more than two hours, the Kremlin said, in their first conversation since "
        "they met in Anchorage."
    )

    calls = summaries(extract(text, project_kb, published=date(2025, 5, 20)))

    assert [(c["kind"], c["role"], c["date"], c["duration"][0]) for c in calls] == [
        ("phone", "main", "2025-05-19", 120),
        ("meeting", "background", None, None),
    ]
