"""`load_knowledge`: an idempotent upsert that never overwrites an editor's work."""

from __future__ import annotations

import datetime

import pytest
import reversion
from django.contrib.auth.models import User

from archive.knowledge import build_knowledge_base, load_knowledge
from archive.models import Country, Leader, LeaderRedirect, Term, Topic

from .conftest import COUNTRIES, LEADERS, TOPICS, run_command, write_knowledge

pytestmark = pytest.mark.django_db


def test_the_command_creates_everything_then_nothing(knowledge_dir):
    first = run_command("load_knowledge", dir=knowledge_dir)
    second = run_command("load_knowledge", dir=knowledge_dir)

    assert first.stdout.splitlines()[1:] == [
        "  countries: 8 created, 0 updated, 0 unchanged",
        "  leaders: 6 created, 0 updated, 0 unchanged",
        "  topics: 8 created, 0 updated, 0 unchanged",
    ]
    assert second.stdout.splitlines()[1:] == [
        "  countries: 0 created, 0 updated, 8 unchanged",
        "  leaders: 0 created, 0 updated, 6 unchanged",
        "  topics: 0 created, 0 updated, 8 unchanged",
    ]
    assert Leader.objects.verified().count() == 6
    assert Term.objects.count() == 6
    assert Topic.objects.get(slug="ceasefire").parent.slug == "war-in-ukraine"


def test_a_dry_run_writes_nothing(knowledge_dir):
    run = run_command("load_knowledge", dir=knowledge_dir, dry_run=True)

    assert "Would load" in run.stdout
    assert Country.objects.count() == 0


def test_a_missing_folder_is_a_clear_error(tmp_path, db):
    run = run_command("load_knowledge", dir=tmp_path / "nowhere")

    assert run.status == 1
    assert run.error == f"{tmp_path / 'nowhere'}: no such folder"


def test_malformed_knowledge_is_a_clear_error(tmp_path, db):
    folder = write_knowledge(tmp_path / "k")
    (folder / "leaders.json").write_text("[{")

    run = run_command("load_knowledge", dir=folder)

    assert run.status == 1
    assert run.error.startswith(f"{folder / 'leaders.json'}: malformed JSON")


def test_a_verified_leader_keeps_its_values_and_gains_missing_aliases_and_terms(
    tmp_path, knowledge
):
    macron = Leader.objects.get(slug="emmanuel-macron")
    macron.name = "Emmanuel Jean-Michel Macron"
    macron.aliases = ["Macron", "EM"]
    macron.save()
    leaders = [dict(row) for row in LEADERS]
    leaders[0] = {
        **leaders[0],
        "name": "E. Macron",
        "country": "FR",
        "aliases": ["Macron", "Manu"],
        "terms": [
            *leaders[0]["terms"],
            {"office": "Co-Prince of Andorra", "title": "co-prince", "start": "2017-05-14"},
        ],
    }

    report = load_knowledge(write_knowledge(tmp_path / "v2", leaders=leaders))

    macron.refresh_from_db()
    assert macron.name == "Emmanuel Jean-Michel Macron"
    assert macron.aliases == ["Macron", "EM", "Manu"]
    assert sorted(macron.terms.values_list("office", flat=True)) == [
        "Co-Prince of Andorra",
        "President of France",
    ]
    assert (report.leaders.updated, report.leaders.unchanged) == (1, 5)


def test_a_record_an_editor_saved_in_the_admin_keeps_its_values(tmp_path, knowledge):
    editor = User.objects.create_user("ed")
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Changed capital.")
        france = Country.objects.get(code="FR")
        france.capital = "Paris (Île-de-France)"
        france.save()
    countries = [
        {**row, "region": "Western Europe"} if row["code"] == "FR" else row for row in COUNTRIES
    ]

    load_knowledge(write_knowledge(tmp_path / "v2", countries=countries))

    france = Country.objects.get(code="FR")
    assert (france.capital, france.region) == ("Paris (Île-de-France)", "Europe")


def test_a_record_nobody_edited_follows_the_gazetteer(tmp_path, knowledge):
    topics = [
        {**row, "keywords": ["trade", "tariffs"]} if row["slug"] == "trade" else row
        for row in TOPICS
    ]

    report = load_knowledge(write_knowledge(tmp_path / "v2", topics=topics))

    assert Topic.objects.get(slug="trade").keywords == ["trade", "tariffs"]
    assert report.topics.updated == 1


def test_an_unverified_leader_from_an_import_is_confirmed_by_the_gazetteer(tmp_path, knowledge):
    found = Leader.objects.create(name="William Ruto", slug="william-ruto-2", country_id="KE")
    leaders = [
        *LEADERS,
        {
            "name": "William Ruto",
            "slug": "william-ruto",
            "country": "KE",
            "aliases": ["Ruto"],
            "terms": [
                {"office": "President of Kenya", "title": "president", "start": "2022-09-13"}
            ],
        },
    ]

    load_knowledge(write_knowledge(tmp_path / "v2", leaders=leaders))

    found.refresh_from_db()
    assert (found.slug, found.verified, found.aliases) == ("william-ruto", True, ["Ruto"])
    assert found.terms.get().start == datetime.date(2022, 9, 13)
    assert LeaderRedirect.objects.get(old_slug="william-ruto-2").leader == found


def test_the_knowledge_base_is_built_from_the_database(knowledge):
    topic = Topic.objects.get(slug="trade")
    topic.keywords = [*topic.keywords, "tariff"]
    topic.save()

    kb = build_knowledge_base()

    assert set(kb.leaders) == set(Leader.objects.values_list("slug", flat=True))
    assert kb.leaders["vladimir-putin"].terms[0].office == "President of Russia"
    assert kb.countries["FR"].seats == ("Elysee", "Élysée", "Elysee Palace")
    assert "tariff" in kb.topics["trade"].keywords
    assert kb.topics["ceasefire"].parent == "war-in-ukraine"


def test_building_the_knowledge_base_takes_a_fixed_number_of_queries(
    knowledge, django_assert_num_queries
):
    with django_assert_num_queries(4):
        build_knowledge_base()


def test_each_leader_the_gazetteer_adds_is_in_the_loads_revision_with_its_terms(knowledge_dir):
    from reversion.models import Version

    load_knowledge(knowledge_dir)

    for leader in Leader.objects.all():
        versions = Version.objects.get_for_object(leader)
        assert len(versions) == 1, leader.slug
        assert versions[0].revision.comment == f"Loaded from {knowledge_dir}"
        assert versions[0].field_dict["name"] == leader.name
        for term in leader.terms.all():
            assert [v.revision_id for v in Version.objects.get_for_object(term)] == [
                versions[0].revision_id
            ]


def test_a_slug_repeated_in_the_gazetteer_adds_its_later_terms_to_one_leader(tmp_path, db):
    macron = next(row for row in LEADERS if row["slug"] == "emmanuel-macron")
    again = {
        **macron,
        "aliases": ["EM"],
        "terms": [{"office": "Co-Prince of Andorra", "title": "co-prince", "start": "2017-05-14"}],
    }
    folder = write_knowledge(tmp_path / "k", leaders=[*LEADERS, again])

    report = load_knowledge(folder)

    leader = Leader.objects.get(slug="emmanuel-macron")
    assert leader.aliases == ["Macron", "EM"]
    assert sorted(leader.terms.values_list("office", flat=True)) == [
        "Co-Prince of Andorra",
        "President of France",
    ]
    assert (report.leaders.created, report.leaders.updated) == (len(LEADERS), 1)


def test_a_countrys_effective_office_is_loaded_and_reaches_the_engine(tmp_path, db):
    countries = [
        {**row, "leader_title": "Chancellor"} if row["code"] == "DE" else row for row in COUNTRIES
    ]

    load_knowledge(write_knowledge(tmp_path / "k", countries=countries))

    assert Country.objects.get(code="DE").leader_title == "chancellor"
    assert Country.objects.get(code="FR").leader_title == ""
    kb = build_knowledge_base()
    assert kb.countries["DE"].leader_title == "chancellor"
    assert kb.countries["FR"].leader_title is None
