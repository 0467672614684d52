"""Fixtures shared by the whole suite: personas (anonymous, editor, superuser)."""

import pytest
from django.contrib.auth.models import User

from archive.permissions import EDITORS_GROUP, ensure_editors_group


@pytest.fixture
def editor(db) -> User:
    """A member of the Editors group, with admin access but no user management."""
    user = User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    user.groups.add(ensure_editors_group())
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


#: The PostgreSQL settings a request's savepoints change with ``set_config(..., true)``.
_REQUEST_SETTINGS = ("statement_timeout", "enable_seqscan")


@pytest.fixture(autouse=True)
def _each_request_starts_with_the_settings_it_found():
    """On PostgreSQL, put back after each test request what its savepoints set locally.

    In production each request is its own transaction, so ``SET LOCAL enable_seqscan = off``
    (a search's index scan) or a facet's time limit ends with it. A test's transaction holds
    several requests, and a released savepoint keeps those settings for the next request
    (``/leaders.json`` then ran without sequential scans under an 800 ms limit). Read and put
    back on the raw connection, outside the queries the tests count.
    """
    from django.core.signals import request_finished, request_started
    from django.db import connection

    found: dict[str, str] = {}

    def raw_cursor():
        if connection.vendor != "postgresql" or connection.connection is None:
            return None
        if not connection.in_atomic_block or connection.needs_rollback:
            return None
        return connection.connection.cursor()

    def remember(**kwargs):
        cursor = raw_cursor()
        if cursor is not None:
            with cursor:
                for name in _REQUEST_SETTINGS:
                    cursor.execute("SELECT current_setting(%s)", [name])
                    found[name] = cursor.fetchone()[0]

    def put_back(**kwargs):
        cursor = raw_cursor()
        if cursor is not None and found:
            with cursor:
                for name, value in found.items():
                    cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        found.clear()

    request_started.connect(remember)
    request_finished.connect(put_back)
    yield
    request_started.disconnect(remember)
    request_finished.disconnect(put_back)
