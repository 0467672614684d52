"""Each facet value's calls as a compressed bitmap, held in memory: exact facet counts of
any number of calls.

A filtered list counts how many of its calls have each facet value. Up to
``idlists.SAMPLE_SIZE`` calls that is done by reading their packed facet sets
(:func:`archive.facet_totals.count_values`, about 6 µs a call); past it, counting them all
that way took 160-700 ms at 200,000 calls, and the counts used to be estimated from a
sample. Here every facet value's calls are a roaring bitmap (pyroaring), and a value's
count among the selected calls is the size of the intersection of two bitmaps, computed
without materialising it: every count is exact.

The bitmaps are read from every call's packed set (:class:`~archive.models.CallFacetSet`)
in one pass and kept in each process under the archive's version
(:func:`archive.caching.archive_version`): the first count after a change reads them
again. A read that would take longer than the page may wait (a large archive just after an
import) goes on in the background while that page estimates its counts from a sample, as
before, and says so (:func:`for_counting`).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable

from django.db import connection
from pyroaring import BitMap, FrozenBitMap

from .caching import archive_version
from .models import CallFacetSet

#: Rows read from the packed sets per fetch.
CHUNK = 5_000
#: Archives of up to this many calls are read at once by the page that needs them (about
#: 0.1 s); a larger one is read in the background while the page estimates.
READ_INLINE = 20_000


class FacetBitmaps:
    """The calls of every facet value (``{(facet, value): bitmap}``) at one version."""

    def __init__(self, version: int | None, values: dict[tuple[str, str], FrozenBitMap]):
        self.version = version
        self.values = values

    @classmethod
    def read(cls, keep: bool = True) -> FacetBitmaps:
        """Every call's facet values, read from their packed sets (one query), labelled with
        the archive's version when ``keep`` and it did not change while they were read (else
        None: they are not to be kept)."""
        version = archive_version() if keep else None
        found: dict[str, list[int]] = defaultdict(list)
        separator = CallFacetSet.SEPARATOR
        table = CallFacetSet._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT call_id, facets FROM {table}")
            while rows := cursor.fetchmany(CHUNK):
                for call_id, packed in rows:
                    for pair in packed.split(separator):
                        found[pair].append(call_id)
        values = {}
        for pair, ids in found.items():
            facet, _, value = pair.partition(":")
            values[(facet, value)] = FrozenBitMap(ids)
        if version is not None and archive_version() != version:
            version = None  # something was committed meanwhile: these may be of either
        return cls(version, values)

    def counts(self, calls: BitMap) -> dict[str, dict[str, int]]:
        """How many of ``calls`` have each facet value, ``{facet: {value: calls}}`` (values
        none of them has are left out)."""
        counts: dict[str, dict[str, int]] = {}
        intersect = calls.intersection_cardinality
        for (facet, value), having in self.values.items():
            if n := intersect(having):
                counts.setdefault(facet, {})[value] = n
        return counts

    def calls_with(self, facet: str, value: str) -> FrozenBitMap:
        """The calls that have ``facet`` ``value`` (none: an empty bitmap)."""
        return self.values.get((facet, value), FrozenBitMap())

    def calls_in_months(self, prefix: str, month: str | None) -> BitMap:
        """The calls whose month value (``year-month``, ``year-`` when only the year is
        known, ``-`` when neither) starts with ``prefix``: with ``month``, that month's
        only."""
        if month is not None:
            return BitMap(self.calls_with("month", prefix + month))
        having = [b for (f, v), b in self.values.items() if f == "month" and v.startswith(prefix)]
        return BitMap().union(*having)


_lock = threading.Lock()
_current: FacetBitmaps | None = None
_done: dict[int, threading.Event] = {}  # the version read in the background, once read


def for_counting(total_calls: Callable[[], int], wait: float) -> FacetBitmaps | None:
    """The bitmaps at the archive's current version, or None when they are not read yet and
    could not be within ``wait`` seconds (a read then goes on in the background).

    ``total_calls`` gives the archive's size (asked only when the bitmaps are to be read),
    which says whether to read here: a small archive's bitmaps are read by the request that
    needs them. Bitmaps read inside a transaction are not kept: they may hold what it has
    not committed, and PostgreSQL raises the version only at the commit.
    """
    version = None if connection.in_atomic_block else archive_version()
    current = _current
    if version is not None and current is not None and current.version == version:
        return current
    if total_calls() <= READ_INLINE:
        current = FacetBitmaps.read(keep=version is not None)
        _keep(current)
        return current
    if version is None:
        return None
    done = _read_in_background(version)
    if done.wait(wait):
        current = _current
        if current is not None and current.version == version:
            return current
    return None


def warm(wait: float = 0) -> bool:
    """Start reading the bitmaps of the archive's current version in the background unless
    they are held already (a worker that has just started: gunicorn.conf.py), and wait up to
    ``wait`` seconds for them; whether they are held."""
    version = archive_version()
    current = _current
    if version is None or (current is not None and current.version == version):
        return version is not None
    _read_in_background(version).wait(wait)
    current = _current
    return current is not None and current.version == version


def _keep(bitmaps: FacetBitmaps) -> None:
    """Hold ``bitmaps`` for later requests, unless they are not to be kept or older than
    those held."""
    global _current
    with _lock:
        if bitmaps.version is not None and (
            _current is None or _current.version is None or bitmaps.version >= _current.version
        ):
            _current = bitmaps


def _read_in_background(version: int) -> threading.Event:
    """Start (once per version) a thread that reads the bitmaps; its event is set when done."""
    with _lock:
        event = _done.get(version)
        if event is not None:
            return event
        event = threading.Event()
        _done.clear()
        _done[version] = event
    threading.Thread(target=_read, args=(version, event), daemon=True).start()
    return event


def _read(version: int, event: threading.Event) -> None:
    try:
        _keep(FacetBitmaps.read())
    finally:
        event.set()
        connection.close()  # this thread's own connection


def forget(**kwargs) -> None:
    """Drop the bitmaps this process holds: after a migration or a flush (a post_migrate
    receiver), whose archive's version may start again from nought."""
    global _current
    with _lock:
        _current = None
        _done.clear()
