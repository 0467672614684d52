"""Which contacts took place, between whom, when, how, how long and at whose request."""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction import extract

from .conftest import read_article, summaries


def call(participants, kind, when, precision, duration=(None, None), initiator=None, role="main"):
    return {
        "participants": sorted(participants),
        "kind": kind,
        "date": when,
        "date_precision": precision,
        "duration": duration,
        "initiator": initiator,
        "role": role,
    }


# --- whole articles ---------------------------------------------------------------------


def test_an_official_readout_reports_a_call_dated_today(kb):
    record = extract(read_article("readout_biden_modi.txt"), kb, published=date(2023, 6, 22))

    assert summaries(record) == [call(["joe-biden", "narendra-modi"], "phone", "2023-06-22", "day")]
    assert record.calls[0].date_basis == "relative"
    assert record.title == (
        "Readout of President Joseph R. Biden Jr.'s Call with Prime Minister Narendra Modi of India"
    )


def test_a_reuters_story_with_a_weekday_and_no_year_leaves_the_date_unknown(kb):
    record = extract(read_article("reuters_erdogan_putin.txt"), kb)

    assert summaries(record) == [
        call(
            ["recep-tayyip-erdogan", "vladimir-putin"],
            "phone",
            None,
            "unknown",
            initiator="recep-tayyip-erdogan",
        ),
        call(
            ["recep-tayyip-erdogan", "vladimir-putin"],
            "meeting",
            "2023-09-04",
            "day",
            role="background",
        ),
    ]
    assert record.warnings == [
        "dateline March 3 has no year and none could be inferred; its date is left unknown",
        "'Sunday' cannot be placed in time: the article has no date; "
        "the contact's date is left unknown",
    ]


def test_the_same_reuters_story_with_its_published_date_is_dated_by_the_weekday(kb):
    record = extract(read_article("reuters_erdogan_putin.txt"), kb, published=date(2024, 3, 4))

    assert [(c.date, c.date_precision, c.role) for c in record.calls] == [
        (date(2024, 3, 3), "day", "main"),
        (date(2023, 9, 4), "day", "background"),
    ]
    assert record.dateline_date == date(2024, 3, 3)


def test_a_xinhua_video_call_takes_its_length_from_a_later_sentence(kb):
    record = extract(read_article("xinhua_xi_scholz.txt"), kb)

    assert summaries(record) == [
        call(["olaf-scholz", "xi-jinping"], "video", "2023-11-15", "day", (60, "about"))
    ]
    assert record.publisher == "Xinhua"


def test_a_tass_story_gets_its_year_from_the_gap_since_the_previous_call(kb):
    record = extract(read_article("tass_putin_erdogan.txt"), kb)

    assert summaries(record) == [
        call(
            ["recep-tayyip-erdogan", "vladimir-putin"],
            "phone",
            "2026-02-10",
            "day",
            (40, "about"),
            initiator="recep-tayyip-erdogan",
        ),
        call(
            ["recep-tayyip-erdogan", "vladimir-putin"],
            "phone",
            "2024-03-03",
            "day",
            role="background",
        ),
    ]
    main = record.calls[0]
    assert (main.date_basis, main.year_inferred) == ("dateline", True)
    assert [e.span.text(record.text) for e in main.evidence if e.fact == "date"] == [
        "MOSCOW, February 10. /TASS/."
    ]


def test_a_meeting_on_the_sidelines_is_a_meeting(kb):
    record = extract(read_article("afp_meeting_sidelines.txt"), kb)

    assert summaries(record) == [
        call(
            ["ebrahim-raisi", "emmanuel-macron"], "meeting", "2023-09-20", "day", (60, "more than")
        )
    ]


def test_announced_requested_hoped_for_denied_and_refused_contacts_are_not_calls(kb):
    record = extract(read_article("announced_requested_denied.txt"), kb)

    assert record.calls == []
    assert len(record.leaders) == 7


def test_a_call_between_foreign_ministers_is_not_a_leaders_call(kb):
    record = extract(read_article("ministers_call.txt"), kb)

    assert record.calls == []
    assert [leader.slug for leader in record.leaders] == ["emmanuel-macron", "ebrahim-raisi"]


def test_an_article_without_a_call_has_leaders_but_no_calls(kb):
    record = extract(read_article("no_call.txt"), kb)

    assert (record.calls, [leader.slug for leader in record.leaders]) == (
        [],
        ["recep-tayyip-erdogan", "benjamin-netanyahu"],
    )


def test_leaders_the_knowledge_base_lacks_take_part_as_unknown_leaders(kb):
    record = extract(read_article("discovered_leaders.txt"), kb)

    assert summaries(record) == [
        call(["William Ruto", "narendra-modi"], "phone", "2024-06-18", "day"),
        call(["Kyriakos Mitsotakis", "William Ruto"], "meeting", "2024-06-17", "day"),
    ]
    ruto = record.calls[0].participants[0]
    assert (ruto.slug, ruto.known, ruto.country, ruto.office) == (
        None,
        False,
        "KE",
        "President of Kenya",
    )


# --- kinds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Macron and Scholz spoke by phone on Monday.", "phone"),
        ("Macron spoke over the phone with Scholz on Monday.", "phone"),
        ("Macron had a telephone conversation with Scholz on Monday.", "phone"),
        ("Macron held phone talks with Scholz on Monday.", "phone"),
        ("Macron and Scholz held a videoconference on Monday.", "video"),
        ("Macron and Scholz held a virtual meeting on Monday.", "video"),
        ("Macron spoke with Scholz by video link on Monday.", "video"),
        ("Macron met Scholz in Berlin on Monday.", "meeting"),
        ("Macron and Scholz held a bilateral meeting on Monday.", "meeting"),
        ("Macron hosted Scholz at the Elysee on Monday.", "meeting"),
        ("Macron held talks with Scholz on Monday.", "other"),
        # "spoke" says no more in a readout than a phone call; together, it says nothing.
        ("Macron and Scholz spoke on Monday.", "phone"),
        ("Macron and Scholz had a conversation on Monday.", "phone"),
        # On a summit's sidelines they spoke together, in person.
        ("Macron and Scholz spoke on the sidelines of the summit on Monday.", "meeting"),
        ("During his visit, Macron and Scholz spoke on Monday.", "other"),
    ],
)
def test_the_kind_of_contact_comes_from_its_words(kb, sentence, kind):
    record = extract(sentence, kb, published=date(2024, 3, 5))

    assert [(c.kind, c.date) for c in record.calls] == [(kind, date(2024, 3, 4))]


# --- things that are not a contact --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Macron will hold talks with Scholz next week.",
        "Macron plans to speak with Scholz soon.",
        "Macron is expected to meet Scholz in Berlin.",
        "Macron asked for a call with Scholz.",
        "Macron hopes to hold a phone call with Scholz.",
        "The Elysee denied that a call between Macron and Scholz took place.",
        "Scholz refused to take a call from Macron.",
        "Scholz rejected a request for a meeting with Macron.",
        "Macron and Scholz have not spoken since May.",
        "Macron plans to continue contacts with Scholz.",
        "The two leaders agreed to hold talks again in the near future, Macron and Scholz said.",
        "A call between Macron and Scholz is planned for next week.",
        "Macron called on Scholz to send more tanks.",
        "Macron called for a ceasefire, and Scholz agreed.",
        "Macron has spoken to Scholz several times this year.",
        "Contacts between Macron and Scholz were halted in 2022.",
        "Macron spoke about Scholz at a rally.",
        "Activists who held meetings with Macron criticised Scholz.",
    ],
)
def test_contacts_that_did_not_take_place_are_not_calls(kb, sentence):
    record = extract(sentence, kb, published=date(2024, 3, 5))

    assert record.calls == []


# --- initiators ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "initiator"),
    [
        ("Macron called Scholz on Monday.", "emmanuel-macron"),
        ("Macron phoned the German chancellor on Monday.", "emmanuel-macron"),
        ("Scholz received a phone call from Macron on Monday.", "emmanuel-macron"),
        ("Macron and Scholz spoke on Monday at the request of Scholz.", "olaf-scholz"),
        ("Macron and Scholz spoke on Monday at Scholz's request.", "olaf-scholz"),
        ("In a call initiated by Scholz, Macron and Scholz spoke on Monday.", "olaf-scholz"),
        ("Macron and Scholz spoke on Monday at the initiative of the German side.", "olaf-scholz"),
        ("Macron and Scholz spoke by phone on Monday.", None),
    ],
)
def test_initiators(kb, sentence, initiator):
    record = extract(sentence, kb, published=date(2024, 3, 5))

    assert [c.initiator.slug if c.initiator else None for c in record.calls] == [initiator]


def test_called_on_is_not_a_call_but_the_later_call_is_reported(kb):
    text = (
        "Macron on Saturday called on Iran to stop drone deliveries during a telephone "
        "interview with Iranian President Ebrahim Raisi."
    )

    record = extract(text, kb, published=date(2023, 6, 10))

    assert summaries(record) == [
        call(["ebrahim-raisi", "emmanuel-macron"], "phone", "2023-06-10", "day")
    ]


# --- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "duration"),
    [
        ("Putin and Erdogan held a 90-minute phone call on Monday.", (90, None)),
        ("Putin and Erdogan spoke for more than two hours on Monday.", (120, "more than")),
        ("Putin and Erdogan held an hour-long phone call on Monday.", (60, None)),
        ("Putin and Erdogan spoke by phone for over an hour on Monday.", (60, "more than")),
        ("Putin and Erdogan spoke on Monday; the call lasted nearly two hours.", (120, "about")),
        ("Putin and Erdogan spoke for less than 30 minutes on Monday.", (30, "less than")),
    ],
)
def test_durations_of_a_call(kb, sentence, duration):
    record = extract(sentence, kb, published=date(2024, 3, 5))

    assert [(c.duration_minutes, c.duration_qualifier) for c in record.calls] == [duration]


# --- dates and background contacts -----------------------------------------------------------


def test_a_date_header_and_a_weekday_date_the_call(kb):
    text = "date 2024-03-08\nErdogan and Netanyahu spoke by phone on Tuesday."

    record = extract(text, kb)

    assert [(c.date, c.date_basis) for c in record.calls] == [(date(2024, 3, 5), "relative")]


def test_a_weekday_without_an_article_date_stays_unknown_with_a_warning(kb):
    record = extract("Erdogan and Netanyahu spoke by phone on Tuesday.", kb)

    assert [(c.date, c.date_precision) for c in record.calls] == [(None, "unknown")]
    assert record.warnings == [
        "'Tuesday' cannot be placed in time: the article has no date; "
        "the contact's date is left unknown"
    ]


def test_an_undated_lead_contact_takes_the_articles_date_marked_as_inferred(kb):
    # On real readouts and wires, the lead contact of a dated page took place on its day
    # (31 of 35 in bench/corpus; a day before across time zones, which matching allows).
    record = extract("date 2024-03-08\nErdogan and Netanyahu spoke by phone.", kb)

    assert [(c.date, c.date_precision) for c in record.calls] == [(date(2024, 3, 8), "day")]
    assert record.calls[0].date_inferred == (
        "the article's date (8 March 2024); the text names no other day"
    )


def test_an_undated_contact_told_further_down_is_not_given_the_articles_date(kb):
    text = (
        "date 2024-03-08\nThe markets were calm. The budget was presented. Ministers met at noon. "
        "Erdogan and Netanyahu spoke by phone."
    )

    record = extract(text, kb)

    assert [(c.date, c.date_precision) for c in record.calls] == [(None, "unknown")]
    assert len(record.warnings) == 1


def test_earlier_contacts_become_background_calls_and_several_sentences_one_call(kb):
    text = (
        "date 2023-10-24\n"
        "Turkish President Recep Tayyip Erdogan held a phone call with his Israeli counterpart "
        "Isaac Herzog on Monday. The call lasted 45 minutes, the Turkish presidency said. "
        "The two presidents discussed Gaza. Their previous phone call took place on "
        "September 12, 2023 and focused on trade. Erdogan and Herzog also met in Ankara "
        "in March 2022."
    )

    record = extract(text, kb)

    herzog = ["isaac-herzog", "recep-tayyip-erdogan"]
    assert summaries(record) == [
        call(herzog, "phone", "2023-10-23", "day", (45, None)),
        call(herzog, "phone", "2023-09-12", "day", role="background"),
        call(herzog, "meeting", "2022-03-01", "month", role="background"),
    ]
    assert [c.topics for c in record.calls] == [["middle-east"], ["trade"], []]
    # Its sentences: the call, its length, and what the two presidents discussed.
    assert len([e for e in record.calls[0].evidence if e.fact == "call"]) == 3


def test_a_photo_caption_of_an_old_meeting_is_a_background_meeting(kb):
    text = (
        "date 2023-06-10 French President Emmanuel Macron holds a bilateral meeting with "
        "Iranian President Ebrahim Raisi in New York City, Sept. 20, 2022. (File Photo)\n\n"
        "Raisi and Macron spoke by phone on Saturday."
    )

    record = extract(text, kb)

    pair = ["ebrahim-raisi", "emmanuel-macron"]
    assert summaries(record) == [
        call(pair, "meeting", "2022-09-20", "day", role="background"),
        call(pair, "phone", "2023-06-10", "day"),
    ]


def test_a_contact_dated_to_the_day_a_wire_dateline_gives(kb):
    text = "ANKARA, June 4 (AP) — Erdogan and Putin discussed grain exports by phone."

    record = extract(text, kb, published=date(2024, 6, 5))

    assert [(c.date, c.date_basis) for c in record.calls] == [(date(2024, 6, 4), "dateline")]


def test_every_evidence_span_is_a_sentence_of_the_text(kb):
    record = extract(read_article("tass_putin_erdogan.txt"), kb)

    for found in record.calls:
        for row in found.evidence:
            sentence = row.span.text(record.text)
            assert sentence == sentence.strip()
            if row.match is not None:
                assert row.span.start <= row.match.start < row.match.end <= row.span.end


def test_speaking_with_two_leaders_in_one_sentence_is_two_calls(kb):
    text = (
        "date 2023-10-16\nErdogan spoke by phone on Monday with Iranian President Ebrahim Raisi "
        "and Israeli President Isaac Herzog, the Turkish presidency said."
    )

    record = extract(text, kb)

    assert summaries(record) == [
        call(["ebrahim-raisi", "recep-tayyip-erdogan"], "phone", "2023-10-16", "day"),
        call(["isaac-herzog", "recep-tayyip-erdogan"], "phone", "2023-10-16", "day"),
    ]


def test_a_joint_call_with_three_leaders_stays_one_call(kb):
    text = "date 2024-03-05\nMacron held a joint phone call with Scholz and Biden on Monday."

    record = extract(text, kb)

    assert summaries(record) == [
        call(["emmanuel-macron", "joe-biden", "olaf-scholz"], "phone", "2024-03-04", "day")
    ]


def test_the_two_presidents_are_the_pair_last_named_together(kb):
    text = (
        "date 2022-03-06\nMacron and Putin spoke by telephone on Sunday for nearly two hours. "
        "Macron spoke with Zelensky afterwards. The French leader has spoken with Putin "
        "repeatedly since February. On Thursday, the two presidents held a 90-minute call."
    )

    record = extract(text, kb)

    pair = ["emmanuel-macron", "vladimir-putin"]
    assert summaries(record) == [
        call(pair, "phone", "2022-03-06", "day", (120, "about")),
        call(["emmanuel-macron", "volodymyr-zelensky"], "phone", "2022-03-06", "day"),
        call(pair, "phone", "2022-03-03", "day", (90, None), role="background"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Putin and Xi held talks via video link on Friday.", "video"),
        ("Putin and Xi held talks in person on Friday.", "meeting"),
        ("Putin and Xi held talks with aides by phone on Friday.", "phone"),
    ],
)
def test_how_talks_were_held_gives_their_kind(kb, sentence, kind):
    record = extract(sentence, kb, published=date(2022, 12, 30))

    assert [(c.kind, c.date) for c in record.calls] == [(kind, date(2022, 12, 30))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Macron said after meeting Putin that he was worried.", ("meeting", None, "main")),
        (
            "A meeting between Putin and Erdogan was held in Sochi on Monday.",
            ("meeting", "2024-03-04", "main"),
        ),
        ("Erdogan and Putin discuss Syria in phone call", ("phone", "2024-03-06", "main")),
        ("Xi and Biden last spoke in November.", ("phone", "2023-11-01", "background")),
        ("Netanyahu's call with Biden on Monday was tense.", ("phone", "2024-03-04", "main")),
        (
            "Macron, who called Putin last week, said the talks were useful.",
            ("phone", None, "background"),
        ),
        (
            "Modi congratulated Putin in a phone call on Tuesday on his re-election.",
            ("phone", "2024-03-05", "main"),
        ),
        (
            "Erdogan's office said he had talked with Putin by telephone and the two discussed "
            "Gaza.",
            ("phone", None, "main"),
        ),
        ("Biden spoke to reporters after the call with Netanyahu.", ("phone", None, "main")),
    ],
)
def test_contacts_reported_in_passing(kb, sentence, expected):
    record = extract(sentence, kb, published=date(2024, 3, 6))

    assert [(c.kind, c.date.isoformat() if c.date else None, c.role) for c in record.calls] == [
        expected
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Putin's spokesman said there had been no contact between Putin and Macron.",
        "Macron said he would call Putin if necessary.",
        "The two leaders, Macron and Scholz, are due to meet at the G20 summit.",
        "Scholz is the first Western leader to meet Xi since the pandemic.",
        "Biden to speak with Xi on Tuesday",
        "Biden and Netanyahu have held several calls since October.",
        "Putin could meet Erdogan in Turkey next month, the Kremlin said.",
        "Netanyahu is scheduled to speak with Biden later on Wednesday.",
        "No call between Xi and Biden has been scheduled.",
        "Putin did not call Macron.",
    ],
)
def test_contacts_mentioned_in_passing_that_did_not_happen(kb, sentence):
    assert extract(sentence, kb, published=date(2024, 3, 6)).calls == []


def test_a_presidential_readout_with_an_initiating_side(kb):
    record = extract(read_article("kremlin_style_readout.txt"), kb)

    assert summaries(record) == [
        call(
            ["emmanuel-macron", "vladimir-putin"],
            "phone",
            None,
            "unknown",
            initiator="emmanuel-macron",
        )
    ]
    assert record.title == "Telephone conversation with President of France Emmanuel Macron"


def test_a_call_named_in_apposition_gives_its_kind(kb):
    record = extract(read_article("ap_first_call_in_two_years.txt"), kb)

    assert summaries(record) == [
        call(["olaf-scholz", "vladimir-putin"], "phone", "2024-11-15", "day", (60, "about"))
    ]
    assert [s.speaker for s in record.calls[0].statements] == [
        "a German government spokesman",
        "spokesperson Steffen Hebestreit",
        "Scholz's office",
    ]


def test_x_had_initiated_the_call(kb):
    text = (
        "date 2023-06-10\nFrench President Emmanuel Macron held a 90-minute phone call with "
        "Iranian President Ebrahim Raisi on Saturday. Iranian officials said Macron had "
        "initiated the call."
    )

    (found,) = extract(text, kb).calls

    assert found.initiator is not None
    assert (found.initiator.slug, found.duration_minutes) == ("emmanuel-macron", 90)


def test_weekdays_of_wire_copy_count_from_the_dateline_not_the_publication(kb):
    text = "ANKARA, June 3 (AP) — Erdogan and Putin spoke by phone on Monday."

    record = extract(text, kb, published=date(2024, 6, 10))

    assert [(c.date, c.date_basis) for c in record.calls] == [(date(2024, 6, 3), "relative")]


def test_the_summary_is_the_first_sentence_that_names_the_leaders(kb):
    text = (
        "date 2025-07-01\nMacron wants a ceasefire, the Elysee said. The two leaders spoke for "
        "two hours on Tuesday. Putin and Macron spoke over the phone for the first time in "
        "three years."
    )

    (found,) = extract(text, kb).calls

    assert found.summary == (
        "Putin and Macron spoke over the phone for the first time in three years."
    )


def test_a_weekday_is_kept_even_when_it_cannot_be_dated(kb):
    undated = extract("Erdogan and Netanyahu spoke by phone on Tuesday.", kb).calls
    dated = extract(
        "Erdogan and Netanyahu spoke by phone on Tuesday.", kb, published=date(2024, 3, 8)
    )
    explicit = extract("Erdogan and Netanyahu spoke by phone on March 5, 2024.", kb).calls

    assert [c.weekday for c in (*undated, *dated.calls, *explicit)] == [
        "Tuesday",
        "Tuesday",
        "Tuesday",
    ]


def test_the_same_contact_told_again_in_the_past_perfect_is_not_an_earlier_one(kb):
    text = (
        "date 2024-03-13\nMacron spoke with Scholz by phone on Tuesday about Ukraine, the "
        "Elysee said. The French president had called the German chancellor."
    )

    record = extract(text, kb)

    assert summaries(record) == [
        call(
            ["emmanuel-macron", "olaf-scholz"],
            "phone",
            "2024-03-12",
            "day",
            initiator="emmanuel-macron",
        )
    ]


def test_a_dated_contact_in_the_past_perfect_is_still_an_earlier_one(kb):
    text = (
        "date 2024-03-13\nMacron spoke with Scholz by phone on Tuesday about Ukraine. The two "
        "leaders had spoken by phone on January 5, 2024."
    )

    record = extract(text, kb)

    assert [(c["date"], c["role"]) for c in summaries(record)] == [
        ("2024-03-12", "main"),
        ("2024-01-05", "background"),
    ]


# --- an adverb inside the perfect, a place after the contact noun -------------------------


@pytest.mark.parametrize("adverb", ["last", "previously", "already", "also"])
def test_an_adverb_between_had_and_the_verb_still_makes_an_earlier_contact(kb, adverb):
    text = (
        "date 2024-05-14\n"
        "PARIS, May 14 (Reuters) - French President Emmanuel Macron spoke by phone with German "
        "Chancellor Olaf Scholz on Tuesday about the war in Ukraine, his office said. The two "
        f"leaders had {adverb} spoken by phone in March, when they discussed energy prices."
    )

    record = extract(text, kb)

    assert summaries(record) == [
        call(["emmanuel-macron", "olaf-scholz"], "phone", "2024-05-14", "day"),
        call(["emmanuel-macron", "olaf-scholz"], "phone", "2024-03-01", "month", role="background"),
    ]


def test_an_adverb_between_had_and_met_too(kb):
    text = (
        "date 2024-05-14\n"
        "German Chancellor Olaf Scholz spoke by phone with French President Emmanuel Macron on "
        "Tuesday. The two leaders had last met in Berlin in February 2024."
    )

    record = extract(text, kb)

    assert [c.role for c in record.calls] == ["main", "background"]
    assert record.calls[1].kind == "meeting"


@pytest.mark.parametrize(
    ("place", "kind"),
    [
        ("in Sochi", "meeting"),  # a city the gazetteer does not know
        ("in Ankara", "meeting"),
        ("at the Kremlin", "meeting"),
        ("in March", "other"),  # a month is not a place
        ("in Russian", "other"),  # a nationality alone reads as a language
    ],
)
def test_talks_at_a_named_place_are_a_meeting(kb, place, kind):
    text = (
        "date 2024-05-14\n"
        f"Russian President Vladimir Putin held talks {place} with Turkish President Recep "
        "Tayyip Erdogan on Monday, the two governments said. The talks lasted three hours."
    )

    record = extract(text, kb)

    assert len(record.calls) == 1
    assert record.calls[0].kind == kind
    assert record.calls[0].duration_minutes == 180


# --- a date in a relative clause about someone ------------------------------------------


def test_a_weekday_in_a_clause_about_a_participant_does_not_date_the_call(kb):
    text = (
        "date 2024-05-17\n"
        "French President Emmanuel Macron spoke by phone with German Chancellor Olaf Scholz, "
        "who had returned from a trip abroad on Tuesday, the presidency said."
    )

    record = extract(text, kb)

    # Not Tuesday; the article's date, as for any lead contact the text does not date.
    assert summaries(record) == [
        call(["emmanuel-macron", "olaf-scholz"], "phone", "2024-05-17", "day")
    ]
    assert "Tuesday" not in record.calls[0].date_inferred


def test_a_date_in_a_clause_about_the_call_itself_still_dates_it(kb):
    text = (
        "date 2024-05-17\n"
        "French President Emmanuel Macron held a phone call with German Chancellor Olaf Scholz, "
        "which took place on Tuesday, the presidency said."
    )

    record = extract(text, kb)

    assert summaries(record) == [
        call(["emmanuel-macron", "olaf-scholz"], "phone", "2024-05-14", "day")
    ]


def test_a_meeting_told_inside_the_clause_keeps_its_own_date(kb):
    text = (
        "date 2024-05-17\n"
        "German Chancellor Olaf Scholz, who met French President Emmanuel Macron on Monday, "
        "spoke by phone with Russian President Vladimir Putin on Thursday, his office said."
    )

    record = extract(text, kb)

    found = {(tuple(s["participants"]), s["kind"], s["date"]) for s in summaries(record)}
    assert found == {
        (("olaf-scholz", "vladimir-putin"), "phone", "2024-05-16"),
        (("emmanuel-macron", "olaf-scholz"), "meeting", "2024-05-13"),
    }
