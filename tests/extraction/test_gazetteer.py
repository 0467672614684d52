"""The project's gazetteer (``fixtures/knowledge``): its coverage, its consistency, and how
the engine reads articles with it.

The other extraction tests use a small hand-written knowledge base; these check the data a
newcomer's import runs on.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from archive.extraction import extract
from archive.extraction.vocabulary import (
    FUNCTION_WORDS,
    MONTHS,
    TERM_TITLES,
    WEEKDAYS,
)

from .conftest import summaries

KNOWLEDGE = Path(__file__).resolve().parents[2] / "fixtures" / "knowledge"

G20 = "AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US EU"
SECURITY_COUNCIL = "US GB FR RU CN DK GR PK PA SO BH CO CD LV LR"  # 2026's members
EU_MEMBERS = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
MIDDLE_EAST = "IR IQ IL PS JO LB SY SA AE QA KW BH OM YE EG TR"
COVERED = sorted(set(f"{G20} {SECURITY_COUNCIL} {EU_MEMBERS} {MIDDLE_EAST}".split()))


def _read(name: str) -> list[dict]:
    return json.loads((KNOWLEDGE / name).read_text(encoding="utf-8"))


LEADERS = _read("leaders.json")
COUNTRIES = _read("countries.json")
TOPICS = _read("topics.json")


def _terms_by_country() -> dict[str, list[tuple[date, date | None]]]:
    terms: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    for leader in LEADERS:
        for term in leader["terms"]:
            end = date.fromisoformat(term["end"]) if term["end"] else None
            country = term.get("country") or leader["country"]
            terms[country].append((date.fromisoformat(term["start"]), end))
    return terms


def _months(first: date, last: date):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 15)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# --- coverage -------------------------------------------------------------------------------


@pytest.mark.parametrize("country", COVERED)
def test_someone_holds_office_in_every_month_since_2015(country):
    terms = _terms_by_country()[country]

    uncovered = [
        day.isoformat()[:7]
        for day in _months(date(2015, 1, 1), date(2025, 6, 30))
        if not any(start <= day and (end is None or day <= end) for start, end in terms)
    ]

    assert uncovered == []


def test_the_gazetteer_holds_several_hundred_leaders_of_every_region():
    regions = {c["code"]: c["region"] for c in COUNTRIES}
    per_region = defaultdict(int)
    for leader in LEADERS:
        per_region[regions[leader["country"]]] += 1

    assert len(LEADERS) >= 400
    assert {region for region, n in per_region.items() if n >= 20} >= {
        "Europe",
        "Middle East",
        "Asia",
        "Americas",
        "Africa",
    }


# --- consistency ----------------------------------------------------------------------------


def test_every_record_is_well_formed():
    codes = {c["code"] for c in COUNTRIES}
    titles = TERM_TITLES
    problems = []
    for leader in LEADERS:
        name = leader["slug"]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name):
            problems.append(f"{name}: slug")
        if leader["country"] not in codes:
            problems.append(f"{name}: country {leader['country']}")
        for term in leader["terms"]:
            if (term.get("country") or leader["country"]) not in codes:
                problems.append(f"{name}: term country {term.get('country')}")
            if term["title"] not in titles:
                problems.append(f"{name}: title {term['title']!r}")
            if term["end"] and term["end"] < term["start"]:
                problems.append(f"{name}: term ends before it starts")

    assert problems == []
    assert len({leader["slug"] for leader in LEADERS}) == len(LEADERS)
    assert len({c["code"] for c in COUNTRIES}) == len(COUNTRIES)
    assert len({c["name"] for c in COUNTRIES}) == len(COUNTRIES)


def test_no_alias_is_a_month_a_weekday_or_a_function_word():
    words = set(MONTHS) | set(WEEKDAYS) | set(FUNCTION_WORDS)

    assert [
        (leader["slug"], alias)
        for leader in LEADERS
        for alias in leader["aliases"]
        if alias.lower() in words
    ] == []


def test_leaders_who_share_a_name_never_hold_office_at_the_same_time():
    by_name = defaultdict(list)
    for leader in LEADERS:
        for name in {leader["name"], *leader["aliases"]}:
            by_name[name].append(leader)

    def overlap(a: dict, b: dict) -> bool:
        # A term ends on the day its successor's begins: that day is no overlap.
        return any(
            s["start"] < (t["end"] or "9999") and t["start"] < (s["end"] or "9999")
            for s in a["terms"]
            for t in b["terms"]
        )

    assert [
        (name, a["slug"], b["slug"])
        for name, leaders in by_name.items()
        for a, b in combinations(leaders, 2)
        if overlap(a, b)
    ] == []


def test_no_country_word_belongs_to_two_countries():
    owners = defaultdict(set)
    for country in COUNTRIES:
        for word in {country["name"], *country["aliases"], *country["demonyms"]}:
            owners[word].add(country["code"])

    assert {word: codes for word, codes in owners.items() if len(codes) > 1} == {}


def test_every_topic_parent_exists_and_keywords_are_unique_within_a_topic():
    slugs = {t["slug"] for t in TOPICS}

    assert [t["slug"] for t in TOPICS if t["parent"] and t["parent"] not in slugs] == []
    assert [t["slug"] for t in TOPICS if len(set(t["keywords"])) != len(t["keywords"])] == []
    assert len(slugs) == len(TOPICS)


# --- title-only mentions resolve by the article's date --------------------------------------


@pytest.mark.parametrize(
    ("country", "title", "day", "expected"),
    [
        ("IR", "president", date(2023, 6, 10), "ebrahim-raisi"),
        ("IR", "president", date(2025, 1, 1), "masoud-pezeshkian"),
        ("DE", "chancellor", date(2019, 5, 1), "angela-merkel"),
        ("DE", "chancellor", date(2023, 5, 1), "olaf-scholz"),
        ("US", "president", date(2018, 3, 1), "donald-trump"),
        ("US", "president", date(2022, 3, 1), "joe-biden"),
        ("GB", "prime minister", date(2017, 3, 1), "theresa-may"),
        ("TR", "president", date(2016, 3, 1), "recep-tayyip-erdogan"),
        ("TR", "prime minister", date(2012, 3, 1), "recep-tayyip-erdogan"),
        ("SA", "crown prince", date(2019, 1, 1), "mohammed-bin-salman"),
    ],
)
def test_a_title_on_a_date_names_the_office_holder(project_kb, country, title, day, expected):
    holders = project_kb.leaders_with_title(country, title, day)

    assert [leader.slug for leader, _ in holders] == [expected]


# --- articles read with the project's gazetteer ---------------------------------------------


def test_a_wire_story_names_both_leaders_by_title_and_name_and_dates_the_weekday(project_kb):
    text = (
        "ANKARA, March 12 (Reuters) - Turkish President Tayyip Erdogan spoke by telephone on "
        "Friday with German Chancellor Angela Merkel about the refugee crisis and the war in "
        "Syria, his office said.\n\n"
        "The two leaders agreed to keep working on migration, the presidency said."
    )

    record = extract(text, project_kb, published=date(2016, 3, 12))

    assert [(c["participants"], c["kind"], c["date"], c["role"]) for c in summaries(record)] == [
        (["angela-merkel", "recep-tayyip-erdogan"], "phone", "2016-03-11", "main")
    ]
    assert {"migration", "syrian-conflict"} <= set(record.calls[0].topics)


def test_title_only_mentions_resolve_to_the_office_holders_of_the_articles_date(project_kb):
    text = (
        "date 2019-07-02\n"
        "The Japanese prime minister held a telephone conversation with his Indian counterpart "
        "on Monday, discussing trade and maritime security, the foreign ministry said."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["narendra-modi", "shinzo-abe"], "2019-07-01")
    ]


def test_a_readout_of_a_video_call_dated_by_its_weekday(project_kb):
    text = (
        "date 2021-12-08\n"
        "Readout of President Biden's Video Call with President Vladimir Putin of Russia\n\n"
        "President Joseph R. Biden held a video call on Tuesday with President Vladimir Putin "
        "of Russia. President Biden voiced the deep concerns of the United States and our "
        "European Allies about Russia's escalation of forces surrounding Ukraine."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["kind"], c["date"]) for c in summaries(record)] == [
        (["joe-biden", "vladimir-putin"], "video", "2021-12-07")
    ]
    assert "war-in-ukraine" in record.calls[0].topics


def test_transliterated_and_accented_names_are_the_same_leaders(project_kb):
    text = (
        "KYIV, Sept 3 (Reuters) - Ukrainian President Volodymyr Zelenskiy said he spoke by "
        "phone with Turkish President Recep Tayyip Erdoğan on Wednesday about the Black Sea "
        "grain deal and a possible prisoner swap.\n\n"
        "Zelenskyy thanked Erdogan for his support, his office said."
    )

    record = extract(text, project_kb, published=date(2025, 9, 3))

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["recep-tayyip-erdogan", "volodymyr-zelensky"], "2025-09-03")
    ]
    assert {"black-sea-grain-deal", "detained-nationals"} <= set(record.calls[0].topics)


def test_a_ministers_call_is_no_leaders_call(project_kb):
    text = (
        "date 2024-02-03\n"
        "Iranian Foreign Minister Hossein Amirabdollahian spoke by phone with his French "
        "counterpart on Saturday about the detained French nationals, the ministry said."
    )

    record = extract(text, project_kb)

    assert record.calls == []


def test_a_leader_whose_name_is_a_word_is_not_read_as_that_word(project_kb):
    text = (
        "LONDON, March 8 (Reuters) - British Prime Minister Theresa May spoke by phone with "
        "French President Emmanuel Macron on Thursday, Downing Street said. Mrs May and "
        "Mr Macron discussed the Brexit talks."
    )

    record = extract(text, project_kb, published=date(2018, 3, 9))

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["emmanuel-macron", "theresa-may"], "2018-03-08")
    ]
    assert "brexit" in record.calls[0].topics


def test_a_relative_clause_between_the_subject_and_its_verb(project_kb):
    text = (
        "date 2019-06-07\n"
        "Macron, who has no plans to change his government, spoke by phone with German "
        "Chancellor Angela Merkel on Thursday about the European Union's budget."
    )

    record = extract(text, project_kb)

    assert [(c["participants"], c["date"]) for c in summaries(record)] == [
        (["angela-merkel", "emmanuel-macron"], "2019-06-06")
    ]


def test_a_new_leader_whose_first_name_is_a_known_surname_or_a_place_is_discovered(project_kb):
    text = (
        "NAIROBI (Reuters) - Malawian President Johnson Example spoke by phone with Kenyan "
        "President William Ruto on Thursday. Separately, Paraguayan President Santiago Example "
        "held a phone call with Ruto on Wednesday."
    )

    record = extract(text, project_kb, published=date(2024, 5, 10))

    assert sorted((c["participants"], c["date"]) for c in summaries(record)) == [
        (["Johnson Example", "william-ruto"], "2024-05-09"),
        (["Santiago Example", "william-ruto"], "2024-05-08"),
    ]
    assert {p.country for c in record.calls for p in c.participants} == {"MW", "PY", "KE"}


def test_the_atomic_energy_agency_is_a_nuclear_topic_not_an_energy_one(project_kb):
    text = (
        "date 2025-07-01\n"
        "French President Emmanuel Macron spoke by phone with Iranian President Masoud "
        "Pezeshkian on Tuesday and urged Iran to resume its cooperation with the International "
        "Atomic Energy Agency."
    )

    record = extract(text, project_kb)

    assert record.calls[0].topics == ["nuclear-programmes"]


# --- coverage against a published data set ----------------------------------------------------

# The workplace's copy of the data set, beside the project (DIPLO_ARCHIGOS_CSV names another).
ARCHIGOS_CSV = Path(
    os.environ.get(
        "DIPLO_ARCHIGOS_CSV",
        Path(__file__).resolve().parents[3] / "shared/data/archigos/leaders-1875-2015.csv",
    )
)
COW_ISO2 = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "cow_iso2.json").read_text(encoding="utf-8")
)["codes"]
#: Archigos rows in office since 1990 that are deliberately not leaders here, and why.
NOT_HEADS_OF_STATE_OR_GOVERNMENT = {
    ("COM", "Bob Denard"): "a mercenary who held no office during the 1995 coup",
    ("GDR", "Gysi"): "party chairman, never head of state or government",
    ("GRC", "Tsokhatzopulos"): "acting party leader, never prime minister",
    ("FJI", "Iloilo"): "Archigos dates him from May 2000; he took office in July 2000",
    ("IRQ", "Tommy Ray Franks"): "a general commanding the 2003 invasion",
    ("IRQ", "Jay Garner"): "head of the 2003 reconstruction office",
    ("KUW", "Saddam Hussein"): "Iraq's occupation of Kuwait, 1990-91",
    ("PAN", "Noriega"): "deposed on 20 December 1989; Archigos ends the spell at his surrender",
    ("CHN", "Deng Xiaoping"): "held no head of state or government office after 1990",
    ("DRV", "Nguyen Van Linh"): "party general secretary",
    ("DRV", "Phieu"): "party general secretary",
    ("DRV", "Nong Duc Manh"): "party general secretary",
    ("DRV", "Nguyen Phu Trong"): "party general secretary (president only from 2018)",
}


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[^a-z ]+", " ", plain.casefold())


def _archigos_rows() -> list[dict]:
    import csv

    with ARCHIGOS_CSV.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["enddate"] >= "1990-01-01"]


@pytest.mark.skipif(
    not ARCHIGOS_CSV.exists(), reason=f"the Archigos data set is not at {ARCHIGOS_CSV}"
)
def test_every_archigos_leader_since_1990_is_in_the_gazetteer_with_overlapping_dates():
    """Archigos 4.1 (Goemans, Gleditsch and Chiozza) names each state's effective leader; every
    one in office since 1990 is a leader here, of that country, in office during that spell.
    A name matches when one of its words (three letters or more) is a word of the leader's
    name or aliases, or differs from one by a letter or two (Archigos misspells a few)."""
    from difflib import SequenceMatcher

    words_of: dict[str, list[tuple[set[str], list[tuple[date, date]]]]] = defaultdict(list)
    for leader in LEADERS:
        words = set(_fold(" ".join([leader["name"], *leader["aliases"]])).split())
        for term in leader["terms"]:
            country = term.get("country") or leader["country"]
            end = date.fromisoformat(term["end"]) if term["end"] else date.max
            words_of[country].append((words, [(date.fromisoformat(term["start"]), end)]))

    def close(a: str, b: str) -> bool:
        return a == b or (len(a) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.8)

    missing = []
    rows = _archigos_rows()
    for row in rows:
        if (row["idacr"], row["leader"]) in NOT_HEADS_OF_STATE_OR_GOVERNMENT:
            continue
        country = COW_ISO2[row["ccode"]]
        start = max(date.fromisoformat(row["startdate"]), date(1990, 1, 1))
        end = date.fromisoformat(row["enddate"])
        wanted = {w for w in _fold(f"{row['leader']} {row['full_name']}").split() if len(w) >= 3}
        found = any(
            any(close(w, have) for w in wanted for have in words)
            and any(s <= end and start <= e for s, e in spans)
            for words, spans in words_of[country]
        )
        if not found:
            missing.append(f"{row['idacr']} {row['leader']} {row['startdate']}..{row['enddate']}")
    assert len(rows) > 1000
    assert missing == [], "\n".join(missing)


#: Where the gazetteer's effective office differs from Archigos's last spell, and why.
EFFECTIVE_OFFICE_SINCE_2015 = {
    "AM": "parliamentary since the constitution of April 2018",
    "GE": "the prime minister heads the executive since the amendments in force in 2013",
}


@pytest.mark.skipif(
    not ARCHIGOS_CSV.exists(), reason=f"the Archigos data set is not at {ARCHIGOS_CSV}"
)
def test_each_countrys_effective_office_is_the_one_archigos_names_at_its_end():
    """A country's leader_title is the title Archigos's leader in office on its last day
    (31 December 2015) held in the gazetteer, unless the constitution has changed since."""
    import csv

    countries = {c["code"]: c for c in COUNTRIES}
    with ARCHIGOS_CSV.open(encoding="utf-8") as handle:
        last = [row for row in csv.DictReader(handle) if row["enddate"] == "2015-12-31"]
    day = date(2015, 12, 31)
    wrong = []
    for row in last:
        code = COW_ISO2[row["ccode"]]
        if code not in countries or code in EFFECTIVE_OFFICE_SINCE_2015:
            continue
        wanted = {w for w in _fold(f"{row['leader']} {row['full_name']}").split() if len(w) >= 4}
        titles = {
            term["title"]
            for leader in LEADERS
            if wanted & set(_fold(" ".join([leader["name"], *leader["aliases"]])).split())
            for term in leader["terms"]
            if (term.get("country") or leader["country"]) == code
            and date.fromisoformat(term["start"]) <= day
            and (term["end"] is None or day <= date.fromisoformat(term["end"]))
        }
        if titles and countries[code]["leader_title"] not in titles:
            wrong.append(f"{code}: {countries[code]['leader_title']!r} not in {sorted(titles)}")
    assert len(last) > 150
    assert wrong == []
    for code in EFFECTIVE_OFFICE_SINCE_2015:
        assert countries[code]["leader_title"] == "prime minister"
