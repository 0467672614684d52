"""Headers, titles, bylines and wire datelines at the top of an article."""

from __future__ import annotations

from datetime import date

import pytest

from archive.extraction import extract
from archive.extraction.metadata import find_page_date, furniture_spans


def test_a_date_header_gives_the_published_date_and_the_rest_of_the_line_is_text(kb):
    record = extract("  date 2023-06-10 The two presidents spoke.", kb)

    assert record.published == date(2023, 6, 10)
    assert record.title is None


def test_the_published_argument_wins_over_a_header(kb):
    record = extract("date 2023-06-10\nText.", kb, published=date(2023, 6, 11))

    assert record.published == date(2023, 6, 11)


def test_a_reuters_dateline_names_the_publisher(kb):
    record = extract("WASHINGTON (Reuters) - The two leaders spoke on Monday.", kb)

    assert (record.dateline, record.publisher, record.agency) == (
        "WASHINGTON",
        "Reuters",
        "Reuters",
    )


def test_an_ap_dateline_with_a_region_and_an_em_dash(kb):
    record = extract("ANKARA, Turkey (AP) — Turkey's president spoke with reporters.", kb)

    assert (record.dateline, record.publisher) == ("ANKARA, Turkey", "AP")


def test_an_afp_dateline_with_a_day_dates_the_article_from_the_published_year(kb):
    record = extract(
        "PARIS, June 10 (AFP) - French President Emmanuel Macron spoke on Saturday.",
        kb,
        published=date(2023, 6, 11),
    )

    assert (record.dateline, record.publisher, record.dateline_date) == (
        "PARIS",
        "AFP",
        date(2023, 6, 10),
    )


def test_a_tass_style_dateline_gives_place_agency_and_month_day(kb):
    record = extract("MOSCOW, March 5. /TASS/. Russian President Vladimir Putin spoke.", kb)

    assert (record.dateline, record.publisher) == ("MOSCOW", "TASS")
    assert record.dateline_date is None
    assert record.warnings == [
        "dateline March 5 has no year and none could be inferred; its date is left unknown"
    ]


def test_a_xinhua_style_dateline_with_an_abbreviated_month(kb):
    record = extract(
        "BEIJING, Nov. 15 (Xinhua) -- Chinese President Xi Jinping met guests.",
        kb,
        published=date(2023, 11, 16),
    )

    assert (record.dateline, record.publisher, record.dateline_date) == (
        "BEIJING",
        "Xinhua",
        date(2023, 11, 15),
    )


def test_an_outlet_named_in_the_text_is_not_the_publisher(kb):
    record = extract("Xinhua reported that the two presidents spoke. Reuters said so too.", kb)

    assert (record.publisher, record.dateline) == (None, None)


def test_a_photo_credit_is_not_the_publisher(kb):
    record = extract("Leaders meet in Paris, Sept. 20, 2022. (AFP File Photo)\n\nText.", kb)

    assert record.publisher is None


def test_the_caller_publisher_wins_and_the_agency_is_kept(kb):
    record = extract("WASHINGTON (Reuters) - Text.", kb, publisher="Daily News")

    assert (record.publisher, record.agency) == ("Daily News", "Reuters")


def test_a_short_first_line_before_a_blank_line_is_the_title(kb):
    text = "Macron and Raisi hold rare phone talks\n\nPARIS (AFP) - The two presidents spoke."
    record = extract(text, kb)

    assert (record.title, record.dateline, record.publisher) == (
        "Macron and Raisi hold rare phone talks",
        "PARIS",
        "AFP",
    )


def test_a_long_first_paragraph_or_a_sentence_is_not_a_title(kb):
    text = "The two presidents spoke by phone on Saturday.\n\nThey agreed to talk again."

    assert extract(text, kb).title is None


def test_a_byline_gives_the_outlet_when_there_is_no_dateline(kb):
    text = "Leaders talk\n\nBy Jane Doe, Gulf Times\n\nThe two presidents spoke."

    record = extract(text, kb)

    assert (record.title, record.publisher) == ("Leaders talk", "Gulf Times")


def test_the_title_argument_is_used_as_given(kb):
    record = extract("Text of the article.", kb, title="Given title", url="https://example.org/a")

    assert (record.title, record.url) == ("Given title", "https://example.org/a")


def test_english_text_is_labelled_english(kb):
    assert (
        extract("The president said that the talks with the king were good.", kb).language == "en"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The date, then the place where the page was issued.
        ("Leaders talk\n\nSeptember 14, 2021, Port City\n\nThe two spoke.", "2021-09-14"),
        ("Leaders talk\n\nSeptember 14, 2021, 16:40, Port City\n\nThe two spoke.", "2021-09-14"),
        ("Leaders talk\n\n14 September 2021, Capital City, The Palace\n\nText.", "2021-09-14"),
        # The date, a separator, the publisher.
        ("Leaders talk\n\n3 March 2022 - Palace Rosée\n\nThe two spoke.", "2022-03-03"),
        ("Leaders talk\n\n3 March 2022 \u2014 Press Office\n\nThe two spoke.", "2022-03-03"),
        # The place, a numeric date (day first), the agency after a slash.
        ("Leaders talk\n\nPORT CITY, 20.04.2023 / Newswire\n\nThe two spoke.", "2023-04-20"),
        # A numbered release dated by its heading: its number is no date.
        ("Press release No. 112/2022 of 3.3.2022\n\nThe two spoke.", "2022-03-03"),
        ("Communiqué No. 7 dated 3 March 2022\n\nThe two spoke.", "2022-03-03"),
        # A computer's timestamp.
        ("Leaders talk\n\n2023-04-20T14:05:00+03:00\n\nThe two spoke.", "2023-04-20"),
        ("Leaders talk\n\n2023-04-20T14:05Z\n\nThe two spoke.", "2023-04-20"),
        # At the foot of the page: when it was issued, and by whom.
        (
            "Leaders talk\n\nThe two spoke.\n\nIssued on 20 April 2023 by the Press Office",
            "2023-04-20",
        ),
        # A reporter's place in a byline is no caption.
        ("Leaders talk\n\nBy Jane Doe in Capital City, 14 September 2021\n\nText.", "2021-09-14"),
        # An agency's dateline with the year after a slash, with or without a comma, on a
        # line of its own or opening the story.
        ("Leaders talk\n\nPort City June 27/2020 (AGENCY)\nThe two spoke today.", "2020-06-27"),
        ("Port City June 27/2020 (AGENCY) The two leaders spoke today.", "2020-06-27"),
        ("Port City, June 27/2020 (AGENCY) - The two leaders spoke today.", "2020-06-27"),
    ],
)
def test_a_stamp_signed_with_its_place_or_publisher_gives_the_pages_date(text, expected):
    found = find_page_date(text)

    assert found is not None
    assert found[0].isoformat() == expected


def test_a_signed_stamp_wins_over_the_sites_date_of_today():
    text = (
        "Monday, December 29, 2025\nWorld\n\nLeaders talk over phone\n\n"
        "14 September 2021, Port City\n\nThe two leaders spoke.\n"
    )

    found = find_page_date(text)

    assert found is not None
    assert found[0] == date(2021, 9, 14)


@pytest.mark.parametrize(
    "text",
    [
        # A dated sentence of the story tells of an event.
        "Leaders talk\n\nOn 3 March 2022, the two leaders met in Port City.\n\nMore.",
        "Leaders talk\n\nThe leaders met on 3 March 2022, the Minister said.\n\nMore.",
        # A photo's caption: the day and place of the picture.
        "Leaders talk\n\nPhoto: President X in Port City, 14 September 2021\n\nText.",
        "Leaders talk\n\nPresident X in Port City, 14 September 2021\n\nText.",
        "Leaders talk\n\n(File photo) 3 March 2022, Port City\n\nText.",
        # A number with a year is no date; a number whose year is not the date's is another
        # paper's; a numbered resolution is the subject of the story, not the page.
        "Press release No. 112/2022\n\nThe two spoke.",
        "Press release No. 112/2021 of 3.3.2022\n\nThe two spoke.",
        "Resolution No. 2231 of 20 July 2015\n\nThe two spoke.",
        # A place and a month and day with an agency, but no year, dates nothing here.
        "Port City June 27 (AGENCY) The two leaders spoke today.",
        # A headline after a date and a dash is no publisher.
        "Leaders talk\n\n3 March 2022 - Leaders Meet in Port City\n\nText.",
        # "today (<weekday>, <date>)" in the story dates its call, not the page.
        "Leaders talk\n\nThe Prime Minister today (Saturday, 17 November 2012) spoke with "
        "the President.\n",
    ],
)
def test_a_date_of_the_story_or_of_a_caption_is_not_the_pages_date(text):
    assert find_page_date(text) is None


def test_furniture_spans_are_the_lists_of_links_and_stop_at_prose():
    text = (
        "A story.\n\nRelated news\nLeaders meet in Port City\nTwo leaders talk\n\n"
        "The story goes on. It says more.\nLeaders meet in Port City | Two leaders talk by phone\n"
    )

    spans = [text[start:end] for start, end in furniture_spans(text)]

    assert spans == [
        "Related news",
        "Leaders meet in Port City",
        "Two leaders talk",
        "Leaders meet in Port City | Two leaders talk by phone",
    ]
