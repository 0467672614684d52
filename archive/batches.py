"""Write batches: many writes in one transaction, with the derived data refreshed once.

The database keeps three things derived from the archive's rows by triggers: each call's
search document (migration 0002), its facet values and the archive-wide facet counts
(:mod:`archive.facet_totals`), and the archive's version (:mod:`archive.caching`). Row by
row, an import of one article rebuilt the same call's document several times over, each
time re-reading its sources. Inside :func:`write_batch`, a marker row
(:class:`~archive.models.WriteBatch`) tells the triggers to queue the call instead
(:class:`~archive.models.PendingSearchDocument`, :class:`~archive.models.PendingFacetCall`)
and SQLite's version triggers to wait; when the batch ends, every queued call is refreshed
once and the version raised once, in the same transaction, so nothing outside ever sees a
stale document or count.

The marker is written and removed inside the batch's transaction: other connections never
see it, and a batch that fails rolls back with it, queue and all.

    with write_batch():
        for article in articles:
            with transaction.atomic():   # one savepoint an article, as the importer does
                ...
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

from . import facet_totals
from .caching import VERSION_TABLE
from .models import PendingSearchDocument, WriteBatch

_BATCH = WriteBatch._meta.db_table
_PENDING = PendingSearchDocument._meta.db_table


def in_write_batch() -> bool:
    """Whether the current transaction is inside a write batch."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {_BATCH}")
        return cursor.fetchone() is not None


@contextlib.contextmanager
def write_batch() -> Iterator[None]:
    """Run the block in one transaction whose search documents are rebuilt at its end.

    Nested batches join the outermost one. Rows written inside must not be searched for
    inside (their documents are not built yet); everything after the block sees them.
    """
    with transaction.atomic():
        if in_write_batch():
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {_BATCH} (id) VALUES (1)")
        yield
        if not transaction.get_rollback():  # a dry run rolls everything back anyway
            finish(connection)


def finish(conn) -> int:
    """End the batch: refresh each queued call's search document and facet values once,
    raise the version.

    Returns how many documents were rebuilt.
    """
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_BATCH}")
        cursor.execute(f"SELECT count(*) FROM {_PENDING}")
        (pending,) = cursor.fetchone()
        if pending:
            if conn.vendor == "postgresql":
                cursor.execute(
                    f"SELECT archive_build_call_search(ARRAY(SELECT call_id FROM {_PENDING}))"
                )
            else:
                # SQLite has no stored procedures: the document's statement lives in the
                # call's own trigger (AFTER UPDATE OF summary), which this fires once a call.
                cursor.execute(
                    "UPDATE archive_call SET summary = summary"
                    f" WHERE id IN (SELECT call_id FROM {_PENDING})"
                )
            cursor.execute(f"DELETE FROM {_PENDING}")
        facet_totals.refresh_pending(conn)
        # The rows written while the batch ran raised no version on SQLite; on PostgreSQL
        # the version trigger runs at commit whatever happens here.
        cursor.execute(f"UPDATE {VERSION_TABLE} SET value = value + 1 WHERE id = 1")
    return pending
