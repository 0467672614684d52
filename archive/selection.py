"""An analyst's selection of calls: kept in the session, in the order added, or given in an
address (``?ids=12,40,7``) that anyone can open.

No account is needed: the ids live in the visitor's session, which exists only once they
add a call (the page cache serves no visitor who has a session cookie, so no cached page
ever shows one visitor's selection to another; :mod:`archive.caching`). A merged call's id
is followed to the call it was merged into (``CallRedirect``), as its permalink is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import cached_property

from .links import link
from .models import Call, CallRedirect

#: The most calls a selection holds: a report's bibliography, not a second export of the
#: archive (the calls list exports any number).
MAX_CALLS = 500
SESSION_KEY = "selection"
#: An id has at most 19 digits (a bigint), as in the permalinks' URL patterns.
MAX_ID_DIGITS = 19


class SelectionError(ValueError):
    """Ids that cannot be read as a selection; ``reasons`` says why, each a sentence."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def parse_ids(raw: str) -> list[int]:
    """The ids of ``raw`` ("12,40,7"; spaces allowed) in order, each once.

    Raises :class:`SelectionError` for anything that is not a list of call numbers, or one
    longer than :data:`MAX_CALLS`."""
    reasons = []
    ids: list[int] = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isascii() or not part.isdigit() or len(part) > MAX_ID_DIGITS:
            shown = part if len(part) <= 20 else part[:20] + "…"
            reasons.append(f"“{shown}” is not a call number.")
            continue
        ids.append(int(part))
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_CALLS:
        reasons.append(
            f"A selection holds at most {MAX_CALLS} calls; {len(ids)} were given."
            " Export a filtered list of calls (/calls.csv?...) for more."
        )
    if reasons:
        raise SelectionError(reasons)
    return ids


@dataclass
class Resolved:
    """Ids read against the archive: the calls' current ids in the order given (a merged
    call's id replaced by its survivor's), which ids were followed, which are unknown."""

    ids: list[int]
    moved: dict[int, int] = field(default_factory=dict)  # old id → the call it was merged into
    unknown: list[int] = field(default_factory=list)


def resolve(ids: list[int]) -> Resolved:
    """Two queries at most: the calls that exist, then the redirects of the others."""
    if not ids:
        return Resolved([])
    existing = set(Call.objects.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [pk for pk in ids if pk not in existing]
    moved = {}
    if missing:
        moved = dict(
            CallRedirect.objects.filter(old_id__in=missing).values_list("old_id", "call_id")
        )
    current = []
    for pk in ids:
        if pk in existing:
            current.append(pk)
        elif pk in moved:
            current.append(moved[pk])
    return Resolved(list(dict.fromkeys(current)), moved, [pk for pk in missing if pk not in moved])


def share_query(ids: list[int]) -> str:
    """The query string of the address that shows ``ids`` to anyone: "ids=12,40,7"."""
    return "ids=" + ",".join(str(pk) for pk in ids)


# -- the session's selection ---------------------------------------------------------


def session_ids(request: HttpRequest) -> list[int]:
    """The ids in the visitor's session, in the order added (no query without a session)."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, list):
        return []
    return [pk for pk in stored if isinstance(pk, int) and not isinstance(pk, bool)]


def store(request: HttpRequest, ids: list[int]) -> None:
    """Keep ``ids`` as the visitor's selection; an empty one leaves no trace in the session
    (whose cookie then goes, and the page cache serves the visitor again)."""
    if ids:
        request.session[SESSION_KEY] = ids[:MAX_CALLS]
    else:
        request.session.pop(SESSION_KEY, None)
        if not request.session.keys():  # nothing else kept (a signed-in editor keeps theirs)
            request.session.flush()


def add(request: HttpRequest, new: list[int]) -> tuple[list[int], list[int]]:
    """Append ``new`` to the selection (those not in it yet, up to :data:`MAX_CALLS`);
    returns the selection and the ids that did not fit."""
    ids = session_ids(request)
    held = set(ids)
    fresh = [pk for pk in dict.fromkeys(new) if pk not in held]
    room = max(0, MAX_CALLS - len(ids))
    store(request, ids + fresh[:room])
    return session_ids(request), fresh[room:]


def remove(request: HttpRequest, pk: int) -> list[int]:
    store(request, [held for held in session_ids(request) if held != pk])
    return session_ids(request)


def clear(request: HttpRequest) -> None:
    store(request, [])


class SelectionState:
    """What every page shows of the visitor's selection (a template's ``selection``):
    read from the session only when a page asks."""

    def __init__(self, request: HttpRequest):
        self._request = request
        self._ids: list[int] | None = None
        self._held: frozenset[int] = frozenset()

    @property
    def ids(self) -> list[int]:
        if self._ids is None:
            session = getattr(self._request, "session", None)
            self._ids = session_ids(self._request) if session is not None else []
            self._held = frozenset(self._ids)
        return self._ids

    @property
    def held(self) -> frozenset[int]:
        self.ids  # noqa: B018 - reads the session once
        return self._held

    @property
    def count(self) -> int:
        return len(self.ids)

    def __contains__(self, pk: int) -> bool:
        return pk in self.held

    @cached_property
    def add_url(self) -> str:
        return link("archive:selection-add")

    @cached_property
    def remove_url(self) -> str:
        return link("archive:selection-remove")

    @property
    def back(self) -> str:
        """Where a button on this page returns to: the page with the parameters it read
        (never the raw query string, which a cached copy would hand to everyone)."""
        request = self._request
        query = request.GET.urlencode()
        return request.path + ("?" + query if query else "")


def context(request: HttpRequest) -> dict:
    """The template context processor: ``selection`` on every page."""
    return {"selection": SelectionState(request)}
