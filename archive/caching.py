"""Public pages cached whole until the archive changes.

The database keeps one number, the archive's version (:class:`~archive.models.ArchiveVersion`),
which triggers raise on every write to an archive table: an import, an edit in the admin, a
merge, a bulk insert or raw SQL alike, so no code path can forget to invalidate. A page is
cached under the version it was read at; the first request after a change reads a new version
and renders afresh. Reading the version before the page's data means a cached page is never
older than its version (under READ COMMITTED, and in SQLite's autocommit reads).

The triggers are (re)installed after every ``migrate`` (:func:`install_version_triggers`), so a
migration that makes SQLite rebuild a table, which drops that table's triggers, cannot leave
one table unwatched.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

CACHE_ALIAS = "pages"
VERSION_TABLE = "archive_archiveversion"
BATCH_TABLE = "archive_writebatch"
#: Every table whose rows a public page shows. The search documents and the full-text
#: tables are derived from these and change only when they do.
WATCHED_TABLES = (
    "archive_country",
    "archive_leader",
    "archive_term",
    "archive_topic",
    "archive_source",
    "archive_call",
    "archive_call_topics",
    "archive_participation",
    "archive_report",
    "archive_evidence",
    "archive_statement",
    "archive_callredirect",
    "archive_leaderredirect",
    "archive_callchange",
    "archive_announcement",
    "archive_announcement_participants",
)
#: Larger responses (big exports) are not worth the memory.
MAX_CACHED_BYTES = 512 * 1024
_SKIPPED_HEADERS = frozenset({"set-cookie", "x-cache"})

_BUMP = (
    f"INSERT INTO {VERSION_TABLE} (id, value) VALUES (1, 1) "
    f"ON CONFLICT (id) DO UPDATE SET value = {VERSION_TABLE}.value + 1"
)


def archive_version() -> int | None:
    """The archive's current version; None when its row is missing (nothing is cached then:
    on SQLite the triggers only raise a row that exists)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {VERSION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def _sqlite_statements(batches: bool) -> list[str]:
    # A row trigger (SQLite has no other kind) on the most written tables: a plain UPDATE of
    # the one row costs half what an upsert does (imports are a tenth faster without any).
    # The row is made here; where it is missing (a flushed database), nothing is cached.
    # Inside a write batch (archive.batches) the triggers wait: the batch raises it once.
    when = f" WHEN NOT EXISTS (SELECT 1 FROM {BATCH_TABLE})" if batches else ""
    statements = [f"INSERT INTO {VERSION_TABLE} (id, value) VALUES (1, 0) ON CONFLICT DO NOTHING"]
    for table in WATCHED_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_version_{event.lower()}"
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table}{when} BEGIN"
                f" UPDATE {VERSION_TABLE} SET value = value + 1 WHERE id = 1; END",
            ]
    return statements


def _postgresql_statements() -> list[str]:
    # Deferred to commit, and once per transaction: the version row is locked last, after
    # every other row the transaction writes, so it cannot take part in a deadlock, and a
    # batch of many rows raises it once.
    statements = [
        f"""
        CREATE OR REPLACE FUNCTION archive_version_bump() RETURNS trigger AS $$
        BEGIN
          IF current_setting('diplo.version_raised', true) = txid_current()::text THEN
            RETURN NULL;
          END IF;
          PERFORM set_config('diplo.version_raised', txid_current()::text, true);
          {_BUMP};
          RETURN NULL;
        END
        $$ LANGUAGE plpgsql
        """
    ]
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (id, value) VALUES (1, 0) ON CONFLICT DO NOTHING"
    )
    for table in WATCHED_TABLES:
        name = f"{table}_version"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE CONSTRAINT TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION archive_version_bump()",
        ]
    return statements


def install_version_triggers(using: str = "default", **kwargs) -> None:
    """Create (or re-create) the triggers that raise the archive's version; idempotent."""
    from django.db import connections

    db = connections[using]
    tables = set(db.introspection.table_names())
    if VERSION_TABLE not in tables or not tables.issuperset(WATCHED_TABLES):
        return  # not migrated this far yet
    if db.vendor == "sqlite":
        statements = _sqlite_statements(batches=BATCH_TABLE in tables)
    elif db.vendor == "postgresql":
        statements = _postgresql_statements()
    else:  # pragma: no cover - the archive runs on SQLite and PostgreSQL only
        raise NotImplementedError(db.vendor)
    with db.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _key(request: HttpRequest, version: int, today: str) -> str:
    # The parameters the page is given (archive.views.common.PAGE_PARAMETERS), not the
    # query string as sent: ?utm_source=... is the same page.
    path = f"{request.path}?{request.GET.urlencode()}"
    raw = f"{version}|{today}|{request.scheme}|{request.get_host()}|{path}"
    return "page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _cacheable(request: HttpRequest) -> bool:
    if not settings.DIPLO_PAGE_CACHE_SECONDS:
        return False
    # A signed-in editor may see what visitors do not: never share their pages.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_page(view):
    """Serve ``view``'s response from the page cache while the archive is unchanged.

    Only complete, successful responses that set no cookie are stored. The key holds the
    archive's version, today's date (citations give an access date), the scheme and host
    (permalinks are absolute), the path and the parameters the page reads.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        version = archive_version()
        if version is None:
            return view(request, *args, **kwargs)
        cache = caches[CACHE_ALIAS]
        key = _key(request, version, timezone.localdate().isoformat())
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= MAX_CACHED_BYTES
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS]
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.DIPLO_PAGE_CACHE_SECONDS,
            )
            response["X-Cache"] = "miss"
        return response

    return wrapper
