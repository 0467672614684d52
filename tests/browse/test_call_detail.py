"""A call's permalink: its facts, each side's statements, sources with evidence, neighbours."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from archive.enums import Fact
from archive.merging import merge_calls
from archive.models import Call, attribution_of
from archive.serialization import CSV_COLUMNS
from archive.views.evidence import nested_quotes
from tests.factories import (
    CallFactory,
    EvidenceFactory,
    LeaderFactory,
    ReportFactory,
    SourceFactory,
    StatementFactory,
)
from tests.shapes import expected_shape

pytestmark = pytest.mark.django_db


def test_call_page_shows_the_facts_of_the_call(client, seed):
    response = client.get(seed.raisi_call.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert [p.leader.name for p in response.context["participants"]] == [
        "Ebrahim Raisi",
        "Emmanuel Macron",
    ]
    assert "<dt>Duration</dt><dd>90 minutes</dd>" in content
    assert "<dt>Kind</dt><dd>Phone call</dd>" in content
    assert f'<a href="{seed.macron.get_absolute_url()}">Emmanuel Macron</a></dd>' in content
    assert "Macron and Raisi discussed Iran&#x27;s nuclear programme" in content


def test_statements_stand_side_by_side_under_each_country(client, seed):
    response = client.get(seed.raisi_call.get_absolute_url())

    sides = [
        (side["title"], [s.speaker for s in side["statements"]])
        for side in response.context["sides"]
    ]
    assert sides == [("Iran", ["Raisi's office"]), ("France", ["the Elysee"])]


def test_sources_show_their_role_and_evidence_sentences(client, seed):
    response = client.get(seed.raisi_call.get_absolute_url())

    reports = [
        (r.source.publisher, r.role, [(s.text, s.facts) for s in r.sentences])
        for r in response.context["reports"]
    ]
    assert reports == [
        (
            "Agence France-Presse",
            "main",
            [
                ("spoke by phone on Saturday for 90 minutes", ["The duration"]),
                ("Macron initiated the call.", ["Who initiated it (Emmanuel Macron)"]),
            ],
        ),
        ("Reuters", "main", []),
    ]
    start = seed.raisi_source.body.index("Macron initiated the call.")
    assert f'href="{seed.raisi_source.get_absolute_url()}#at-{start}"' in response.content.decode()


def test_a_sentence_giving_several_facts_is_shown_once(client, seed):
    report = seed.raisi_call.reports.get(source=seed.raisi_source)
    sentence = "Macron initiated the call."
    start = seed.raisi_source.body.index(sentence)
    report.evidence.create(
        fact="participant", detail="emmanuel-macron", start=start, end=start + 26, text=sentence
    )

    response = client.get(seed.raisi_call.get_absolute_url())

    afp = response.context["reports"][0]
    assert [(s.text, s.facts) for s in afp.sentences][1] == (
        sentence,
        ["Who initiated it (Emmanuel Macron)", "A participant (Emmanuel Macron)"],
    )


def test_calls_between_the_same_leaders_before_and_after(client, seed):
    response = client.get(seed.putin_call.get_absolute_url())

    assert [c.pk for c in response.context["before"]] == [seed.putin_2022.pk]
    assert response.context["after"] == []
    earlier = client.get(seed.putin_2022.get_absolute_url())
    assert [c.pk for c in earlier.context["after"]] == [seed.putin_call.pk]


def test_the_five_nearest_calls_between_the_same_leaders_on_each_side(client):
    a, b, other = LeaderFactory(), LeaderFactory(), LeaderFactory()
    day = datetime.date(2020, 6, 15)

    def call_on(offset: int | None, leaders=(a, b)) -> Call:
        if offset is None:
            return CallFactory(date=None, date_precision="unknown", participants=list(leaders))
        date = day + datetime.timedelta(days=offset)
        return CallFactory(date=date, participants=list(leaders))

    call = call_on(0)
    earlier = [call_on(-days) for days in range(1, 8)]  # the nearest first
    later = [call_on(days) for days in range(1, 8)]
    call_on(0)  # the same day: neither before nor after
    call_on(None)  # undated
    call_on(-1, (a, other))  # not between the same leaders
    call_on(1, (a,))

    response = client.get(call.get_absolute_url())

    assert [c.pk for c in response.context["before"]] == [c.pk for c in earlier[:5]]
    assert [c.pk for c in response.context["after"]] == [c.pk for c in later[:5]]


def test_a_wrong_slug_redirects_permanently_to_the_permalink(client, seed):
    response = client.get(reverse("archive:call", kwargs={"pk": seed.raisi_call.pk, "slug": "x"}))

    assert response.status_code == 301
    assert response["Location"] == seed.raisi_call.get_absolute_url()


def test_a_missing_slug_redirects_permanently_to_the_permalink(client, seed):
    response = client.get(reverse("archive:call-noslug", kwargs={"pk": seed.raisi_call.pk}))

    assert response.status_code == 301
    assert response["Location"] == seed.raisi_call.get_absolute_url()


def test_a_merged_call_redirects_to_the_survivor(client, seed):
    duplicate = CallFactory(participants=[seed.macron, seed.raisi])
    old = duplicate.pk
    survivor = merge_calls(seed.raisi_call, duplicate)

    response = client.get(reverse("archive:call-noslug", kwargs={"pk": old}))

    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()


@pytest.mark.parametrize(
    ("url_name", "fmt"), [("archive:call-data", "json"), ("archive:call-cite", "bib")]
)
def test_a_merged_calls_data_and_citation_redirect_to_the_survivor(client, seed, url_name, fmt):
    duplicate = CallFactory(participants=[seed.macron, seed.raisi])
    old = duplicate.pk
    merge_calls(seed.raisi_call, duplicate)

    response = client.get(reverse(url_name, args=[old, fmt]))

    assert response.status_code == 301
    assert response["Location"] == reverse(url_name, args=[seed.raisi_call.pk, fmt])


def test_an_unknown_call_is_a_helpful_404(client, seed):
    response = client.get("/calls/999999/anything/")

    content = response.content.decode()
    assert response.status_code == 404
    assert "There is no call number 999999 in the archive." in content
    assert 'action="/search/"' in content
    assert 'href="/calls/"' in content


def test_an_out_of_range_id_is_a_404_not_an_error(client, seed):
    assert client.get(f"/calls/{10**30}/").status_code == 404


def test_call_json_is_the_export_shape_with_summary_and_statements(client, seed):
    response = client.get(reverse("archive:call-data", args=[seed.raisi_call.pk, "json"]))

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    expected = expected_shape(seed.raisi_call, "http://testserver")
    assert {k: v for k, v in data.items() if k not in ("summary", "statements")} == expected
    assert data["statements"] == [
        {
            "speaker": "the Elysee",
            "attribution": "the Elysee",
            "side": "FR",
            "text": "Macron urged Iran to return to its nuclear commitments.",
        },
        {
            "speaker": "Raisi's office",
            "attribution": "Raisi's office",
            "side": "IR",
            "text": (
                "The president called on France to respect the nuclear deal and to lift sanctions."
            ),
        },
    ]


def test_call_csv_is_one_row_under_the_export_header(client, seed):
    response = client.get(reverse("archive:call-data", args=[seed.raisi_call.pk, "csv"]))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 2
    permalink = "http://testserver" + seed.raisi_call.get_absolute_url()
    assert rows[1][:2] == [str(seed.raisi_call.pk), permalink]
    assert response["Content-Disposition"] == (
        f'attachment; filename="diplo-call-{seed.raisi_call.pk}.csv"'
    )


def test_call_page_offers_citations_and_data(client, seed):
    content = client.get(seed.raisi_call.get_absolute_url()).content.decode()

    pk = seed.raisi_call.pk
    for href in (f"/calls/{pk}/cite.bib", f"/calls/{pk}/cite.ris", f"/calls/{pk}/cite.json"):
        assert f'href="{href}"' in content
    assert f'href="/calls/{pk}.csv"' in content
    assert 'id="cite-chicago"' in content


def test_an_inferred_date_is_shown_as_inferred_and_how(client):
    call = CallFactory(
        date=datetime.date(2025, 7, 1),
        date_inferred="the dateline's day; year 2025 inferred from 'for the first time in "
        "nearly three years' after 2022-09-22",
    )
    stated = CallFactory(date=datetime.date(2025, 7, 2))

    page = client.get(call.get_absolute_url()).content.decode()
    other = client.get(stated.get_absolute_url()).content.decode()

    assert "<strong>Inferred:</strong> the dateline&#x27;s day; year 2025 inferred from" in page
    assert '1 July 2025</time> <span class="muted">(inferred)</span>' in page
    assert "no source states it in full" in page
    assert "Inferred:" not in other


def test_an_inferred_date_is_carried_in_the_exports(client):
    call = CallFactory(
        date=datetime.date(2023, 6, 10),
        date_inferred="'Saturday' counted from the article's date (12 June 2023)",
    )

    def body(fmt: str) -> str:
        response = client.get(reverse("archive:call-data", kwargs={"pk": call.pk, "fmt": fmt}))
        return b"".join(
            response.streaming_content if response.streaming else [response.content]
        ).decode()

    exported = json.loads(body("json"))
    csv_text = body("csv")

    assert exported["date_inferred"] == "'Saturday' counted from the article's date (12 June 2023)"
    assert "date_inferred" in csv_text.splitlines()[0].split(",")
    assert "'Saturday' counted from the article's date (12 June 2023)" in csv_text


@pytest.mark.parametrize(
    ("speaker", "leader", "side", "shown"),
    [
        ("He", "Ebrahim Raisi", "Iran", "Ebrahim Raisi"),
        ("she", "", "France", "France"),
        ("He", "", "", "Unattributed"),
        ("his office", "Ebrahim Raisi", "Iran", "Ebrahim Raisi’s office"),
        ("his office", "", "Iran", "Iran’s office"),
        ("the statement", "Ebrahim Raisi", "Iran", "Iran, in a statement"),
        ("A statement", "", "", "A statement"),
        ("a Iranian official", "", "Iran", "an Iranian official"),
        ("a European diplomat", "", "", "a European diplomat"),
        ("the Elysee", "Emmanuel Macron", "France", "the Elysee"),
    ],
)
def test_a_speaker_that_names_no_one_is_attributed_to_its_side(speaker, leader, side, shown):
    assert attribution_of(speaker, leader, side) == shown


def test_a_pronoun_speaker_is_shown_as_the_person_or_side_it_stands_for(client, seed):
    """ "— He" and "A statement (the statement)" were shown as written."""
    body = seed.raisi_source.body
    sentence = "Raisi's office said the president called on France to respect the nuclear deal"
    start = body.index(sentence)
    StatementFactory(
        call=seed.raisi_call,
        source=seed.raisi_source,
        speaker="He",
        side_leader=seed.raisi,
        side_country=seed.iran,
        text="The nuclear deal must be respected.",
        start=start + 20,
        end=start + 60,
    )
    StatementFactory(
        call=seed.raisi_call,
        source=seed.raisi_source,
        speaker="the statement",
        side_country=seed.france,
        text="France wants the detained nationals freed.",
    )
    report = seed.raisi_call.reports.get(source=seed.raisi_source)
    EvidenceFactory(
        report=report, fact=Fact.STATEMENT, detail="He", start=start, end=start + len(sentence)
    )

    content = client.get(seed.raisi_call.get_absolute_url()).content.decode()

    assert "— Ebrahim Raisi, in" in content
    assert "— France, in a statement, in" in content
    assert "A statement (Ebrahim Raisi)" in content
    assert "— He" not in content
    assert "(He)" not in content
    assert "the statement" not in content


def test_quotes_inside_a_quoted_sentence_are_not_doubled(client, seed):
    body = "“The presidents agreed to talk again,” the Elysee said. Macron called Raisi."
    source = SourceFactory(title="Elysee readout", body=body)
    report = ReportFactory(call=seed.raisi_call, source=source)
    EvidenceFactory(report=report, fact=Fact.CALL, start=0, end=body.index(" Macron"))

    content = client.get(seed.raisi_call.get_absolute_url()).content.decode()

    assert "‘The presidents agreed to talk again,’ the Elysee said.</a></q>" in content
    assert "“The presidents" not in content
    assert nested_quotes('He said "no" and "yes".') == "He said ‘no’ and ‘yes’."


@pytest.mark.parametrize(
    ("fact", "detail", "label"),
    [
        (Fact.DURATION, "more than 120", "The duration (more than 2 hours)"),
        (Fact.DURATION, "about 90", "The duration (about 90 minutes)"),
        (Fact.DURATION, "1", "The duration (1 minute)"),
        (Fact.DATE, "2023-06-10", "The date (10 June 2023)"),
        (Fact.KIND, "video", "The kind (video call)"),
    ],
)
def test_evidence_shows_each_fact_as_a_reader_reads_it(client, seed, fact, detail, label):
    report = seed.putin_call.reports.get()
    EvidenceFactory(report=report, fact=fact, detail=detail, start=0, end=40)

    response = client.get(seed.putin_call.get_absolute_url())

    assert response.context["reports"][0].sentences[0].facts == [label]
    assert label in response.content.decode()


def test_statements_name_their_source_by_its_number_in_the_list(client, seed):
    content = client.get(seed.raisi_call.get_absolute_url()).content.decode()

    assert content.count(', in <a href="#source-1">source 1</a></figcaption>') == 2
    assert '<li class="source-item" id="source-1">' in content
    # The source's 50-character title once, in the list of sources, not in every statement.
    assert content.count(f">{seed.raisi_source.title}</a>") == 1


def test_the_extracted_badge_says_what_it_means(client, seed):
    content = client.get(seed.raisi_call.get_absolute_url()).content.decode()

    assert (
        '<a class="status status-extracted" href="#status-note"'
        ' aria-describedby="status-note">Extracted</a>'
    ) in content
    assert "not yet checked by an editor" in content


def test_a_three_party_call_reads_a_b_and_c(client, seed):
    call = CallFactory(participants=[seed.macron, seed.raisi, seed.putin])

    content = client.get(call.get_absolute_url(), follow=True).content.decode()

    heading = 'Ebrahim Raisi, Emmanuel Macron <span class="amp">and</span> Vladimir Putin'
    assert f'<h1 id="call-heading">{heading}</h1>' in content
    assert Call.objects.get(pk=call.pk).title == (
        "Phone call: Ebrahim Raisi, Emmanuel Macron and Vladimir Putin, 4 March 2024"
    )
