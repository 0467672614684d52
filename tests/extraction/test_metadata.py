"""Headers, titles, bylines and wire datelines at the top of an article."""

from __future__ import annotations

from datetime import date

from archive.extraction import extract


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
