"""The page cache: a public page is served from it until the archive changes, whoever
changes it (the ORM, a bulk insert, raw SQL), and never to a signed-in editor; every worker
process of a host shares it.

These tests commit (``transactional_db``): on PostgreSQL the version is raised when a
transaction commits, as it is in production.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from archive.caching import CACHE_ALIAS, archive_version
from archive.models import ArchiveVersion, Call, Leader
from tests.factories import CallFactory, LeaderFactory

pytestmark = pytest.mark.django_db(transaction=True)


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    """The production cache, in a directory of this test's own (tests run in parallel)."""
    settings.DIPLO_PAGE_CACHE_SECONDS = 60
    pages = {**settings.CACHES[CACHE_ALIAS], "LOCATION": str(tmp_path / "pages")}
    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: pages}
    return pages["LOCATION"]


def test_a_page_one_worker_cached_is_served_by_another(page_cache):
    """gunicorn's workers are processes: one reads what another stored."""
    caches[CACHE_ALIAS].set("page:probe", (200, [], b"<p>A rendered page</p>"), 60)
    code = (
        "import django; django.setup(); from django.core.cache import caches; "
        "print(caches['pages'].get('page:probe'))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "diplo.settings",
        "DEBUG": "1",
        "DIPLO_PAGE_CACHE_DIR": page_cache,
    }

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(200, [], b'<p>A rendered page</p>')"


def test_a_second_request_is_served_from_the_cache(client):
    call = CallFactory()

    first = client.get(call.get_absolute_url())
    second = client.get(call.get_absolute_url())

    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_an_edit_through_the_orm_is_shown_at_once(client):
    call = CallFactory(summary="The first summary.")
    client.get(call.get_absolute_url())

    Call.objects.filter(pk=call.pk).update(summary="An editor's new summary.")
    response = client.get(call.get_absolute_url())

    assert response["X-Cache"] == "miss"
    assert b"An editor&#x27;s new summary." in response.content


def test_a_change_to_a_related_record_is_shown_at_once(client):
    call = CallFactory()
    leader = call.participations.first().leader
    client.get(call.get_absolute_url())

    Leader.objects.filter(pk=leader.pk).update(name="Renamed Example")
    response = client.get(call.get_absolute_url())

    assert response["X-Cache"] == "miss"
    assert b"Renamed Example" in response.content


def test_raw_sql_and_bulk_inserts_raise_the_version_too():
    before = archive_version()

    country = LeaderFactory().country
    after_orm = archive_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE archive_leader SET aliases = aliases")
    after_raw_sql = archive_version()
    Leader.objects.bulk_create([Leader(name="Bulk Example", slug="bulk-example", country=country)])

    assert before < after_orm < after_raw_sql < archive_version()


def test_a_signed_in_editor_is_never_served_a_cached_page(client, editor):
    call = CallFactory()
    client.get(call.get_absolute_url())
    client.force_login(editor)

    response = client.get(call.get_absolute_url())

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_errors_and_redirects_are_not_cached(client):
    call = CallFactory()

    missing = client.get("/calls/999999/")
    wrong_slug = client.get(f"/calls/{call.pk}/not-its-slug/")
    again = client.get(f"/calls/{call.pk}/not-its-slug/")

    assert missing.status_code == 404
    assert (wrong_slug.status_code, again.status_code) == (301, 301)
    assert "X-Cache" not in again


def test_the_page_cache_is_off_when_its_lifetime_is_zero(client, settings):
    settings.DIPLO_PAGE_CACHE_SECONDS = 0
    call = CallFactory()

    client.get(call.get_absolute_url())
    response = client.get(call.get_absolute_url())

    assert "X-Cache" not in response


def test_the_triggers_come_back_after_a_migration_dropped_them():
    from archive.caching import install_version_triggers

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER archive_call_version_update")
        else:
            cursor.execute("DROP TRIGGER archive_call_version ON archive_call")
    install_version_triggers()
    call = CallFactory()
    before = archive_version()

    Call.objects.filter(pk=call.pk).update(summary="Changed after the triggers came back.")

    assert archive_version() > before


def test_without_its_version_row_the_archive_caches_nothing(client):
    call = CallFactory()
    ArchiveVersion.objects.all().delete()

    client.get(call.get_absolute_url())
    response = client.get(call.get_absolute_url())

    assert archive_version() is None
    assert "X-Cache" not in response
