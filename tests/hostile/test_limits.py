"""Limits that hold whatever a request asks: a statement that runs too long is stopped (503,
never a 500), gunicorn ends a request stuck outside the database, huge ids are not found,
every response carries its security headers, and the page cache is keyed on what a page
reads and emptied only by a real change."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection

from archive.caching import CACHE_ALIAS, archive_version
from archive.middleware import deadline
from tests.factories import CallFactory
from tests.importing.conftest import import_articles

from .slow_urls import ENDLESS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_statement_past_the_deadline_is_stopped(settings):
    """SQLite's progress handler, or PostgreSQL's statement_timeout, stops the statement."""
    settings.DIPLO_STATEMENT_TIMEOUT_MS = 200
    from archive.middleware import _prepare_connection

    _prepare_connection(200)
    try:
        with deadline(0.2), pytest.raises(OperationalError), connection.cursor() as cursor:
            cursor.execute(ENDLESS)
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
            connection.diplo_prepared = None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("path", ["/endless/", "/admin/endless/"])
def test_a_page_whose_query_runs_too_long_is_answered_503(client, settings, path):
    settings.ROOT_URLCONF = "tests.hostile.slow_urls"
    settings.DIPLO_STATEMENT_TIMEOUT_MS = 300
    try:
        response = client.get(path)
        # The connection serves the next request.
        following = client.get("/robots.txt")
    finally:
        # After the next request too, which set the 300 ms limit again: left on the
        # connection, it stopped the test's flush and every later test's longer statements
        # on PostgreSQL (this test's worker answered 503 to pages of other tests).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
            connection.diplo_prepared = None

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "took too long to prepare" in response.content.decode()
    assert following.status_code == 200


def test_gunicorn_ends_a_request_stuck_outside_the_database(tmp_path):
    port = 18931 + os.getpid() % 1000
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_REQUEST_TIMEOUT": "2",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_CONTROL_SOCKET": str(tmp_path / "ctl"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "tests.hostile.sleepy:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        with pytest.raises((urllib.error.URLError, ConnectionError, OSError)) as stopped:
            urllib.request.urlopen(base + "/sleep", timeout=60).read()
        assert "timed out" not in str(stopped.value)  # ended by the server, not by us
        for _ in range(100):
            try:
                assert urllib.request.urlopen(base + "/", timeout=5).read() == b"awake\n"
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start another worker")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log = server.communicate(timeout=30)[0].decode()
    assert "request /sleep ran" in log
    assert "past its limit of 2 s" in log


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/sources/" + "9" * 5000 + "/cite.bib",
        "/sources/" + "9" * 5000 + "/",
        "/sources/99999999999999999999/cite.ris",
        "/sources/9999999999999999999/cite.json",
        "/sources/9999999999999999999/",
        "/calls/" + "9" * 5000 + "/",
        "/calls/" + "9" * 5000 + "/some-slug/",
        "/calls/9999999999999999999/",
        "/calls/9999999999999999999.json",
        "/calls/9999999999999999999/cite.bib",
    ],
)
def test_a_huge_id_is_not_found(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/calls/", "/no-such-page/", "/static/js/diplo.js", "/admin/login/", "/calls.csv"]
)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)

    policy = response["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; script-src 'self'; ")
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-eval'" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_no_template_holds_inline_script_handlers_or_styles():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text("utf-8")
        if "<script>" in text or "<script " in text.replace('<script src="', ""):
            offenders.append(f"{path.name}: inline script")
        for marker in (" onclick=", " onload=", " onerror=", " style="):
            if marker in text:
                offenders.append(f"{path.name}: {marker.strip()}")
    assert offenders == []


# --- the page cache ---------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings, tmp_path):
    settings.DIPLO_PAGE_CACHE_SECONDS = 60
    pages = {**settings.CACHES[CACHE_ALIAS], "LOCATION": str(tmp_path / "pages")}
    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: pages}
    yield
    caches[CACHE_ALIAS].clear()


@pytest.mark.django_db(transaction=True)
def test_parameters_no_page_reads_are_served_from_the_cache(client, page_cache):
    CallFactory()
    first = client.get("/calls/?utm_source=mail&utm_campaign=x")

    again = client.get("/calls/?utm_source=other&fbclid=1")
    plain = client.get("/calls/")
    filtered = client.get("/calls/?kind=phone&utm_source=mail")

    assert first["X-Cache"] == "miss"
    assert again["X-Cache"] == "hit"
    assert plain["X-Cache"] == "hit"
    assert again.content == first.content
    assert filtered["X-Cache"] == "miss"  # a parameter the page reads is another page
    assert "utm_source" not in first.content.decode()


@pytest.mark.django_db(transaction=True)
def test_an_import_that_changes_nothing_keeps_the_cache(client, page_cache, tmp_path, knowledge):
    (tmp_path / "a.txt").write_text(
        "Emmanuel Macron spoke by phone with Vladimir Putin on Monday, the Elysee said.\n"
    )
    import_articles(tmp_path / "a.txt")
    before = archive_version()
    client.get("/calls/")

    run = import_articles(tmp_path / "a.txt")

    assert "skipped as already archived: 1" in run.stdout
    assert archive_version() == before
    assert client.get("/calls/")["X-Cache"] == "hit"
