"""What every response gets: a time limit that stops its queries, and its security headers.

**Time limit.** Each request has a deadline (``DIPLO_STATEMENT_TIMEOUT_MS`` from its start).
On PostgreSQL a connection used by requests has that ``statement_timeout``; on SQLite a
progress handler interrupts the statement running when the deadline has passed. A request
stopped so, or one that met a write lock it could not wait out (SQLite: an import writing),
is answered 503 with a page that says so, never a server error. Management commands
(imports, exports, migrations) have no deadline. gunicorn stops what is not a query
(``gunicorn.conf.py``).

**Content-Security-Policy** on every response: scripts, styles, images and fonts from the
archive itself only, no inline script or style, no plugins, no framing, forms posting
back to the archive only. Whatever a record holds, a page runs nothing from it.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404
from django.views.defaults import page_not_found

logger = logging.getLogger(__name__)

#: When the current request's statements must stop (time.monotonic()); None outside one.
_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "diplo_deadline", default=None
)

#: SQLite virtual-machine instructions between two looks at the clock (about a millisecond).
PROGRESS_STEPS = 20_000

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# Django's admin writes a few style attributes of its own (its widgets, its history);
# its pages allow inline styles, never inline script.
ADMIN_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


def statement_timeout_ms() -> int:
    return int(getattr(settings, "DIPLO_STATEMENT_TIMEOUT_MS", 0) or 0)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Statements run inside stop once ``seconds`` have passed (SQLite; PostgreSQL's
    connections get ``statement_timeout`` from :class:`RequestLimits`)."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _past_deadline() -> int:
    limit = _deadline.get()
    return 1 if limit is not None and time.monotonic() > limit else 0


def _prepare_connection(milliseconds: int) -> None:
    """Make the connection stop statements at the request's deadline: on SQLite a progress
    handler that looks at the clock (a no-op outside requests), on PostgreSQL a
    ``statement_timeout``. Done once for each database connection (a kept connection serves
    many requests)."""
    connection.ensure_connection()
    raw = connection.connection
    if connection.in_atomic_block:
        # Only a test's request starts inside a transaction: a PostgreSQL setting made there
        # would end with it (and cost each request a query); the tests of the limit commit.
        if connection.vendor == "sqlite":
            raw.set_progress_handler(_past_deadline, PROGRESS_STEPS)
        return
    prepared = getattr(connection, "diplo_prepared", None)
    if prepared is not None and prepared[0] is raw and prepared[1] == milliseconds:
        return
    if connection.vendor == "sqlite":
        raw.set_progress_handler(_past_deadline, PROGRESS_STEPS)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A session setting: it stays for every request the connection serves.
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false)", [f"{milliseconds}ms"]
            )
    # The raw connection itself is kept: a new one (after CONN_MAX_AGE) is prepared again.
    connection.diplo_prepared = (raw, milliseconds)


_STOPPED = ("interrupted", "canceling statement due to statement timeout")
_LOCKED = ("database is locked", "database table is locked")


def stopped_reason(error: BaseException) -> str | None:
    """Either "timeout" or "locked" when ``error`` is a statement the deadline stopped or a lock
    that could not be had; None for any other error."""
    if not isinstance(error, DatabaseError):
        return None
    message = str(error)
    if any(text in message for text in _STOPPED):
        return "timeout"
    if any(text in message for text in _LOCKED):
        return "locked"
    return None


class RequestLimits:
    """A deadline for each request's statements; a clear 503 when one is stopped."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        milliseconds = statement_timeout_ms()
        if not milliseconds:
            return self.get_response(request)
        _prepare_connection(milliseconds)
        with deadline(milliseconds / 1000):
            return self.get_response(request)

    def process_exception(self, request, exception):
        reason = stopped_reason(exception)
        if reason is None:
            return None
        logger.warning("%s %s stopped: %s", request.method, request.path, exception)
        if reason == "timeout":
            message = (
                "This page took too long to prepare, and was stopped so that the archive "
                "stays quick for everyone. Try a narrower search or filter."
            )
        else:
            message = (
                "The archive is busy writing (an import is running), so nothing was "
                "changed. Please try again in a moment."
            )
        response = render(request, "503.html", {"message": message}, status=503)
        response["Retry-After"] = "5"
        return response


class SecurityHeaders:
    """Content-Security-Policy (and a few related headers) on every response."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(self.admin_prefix)
        policy = ADMIN_CONTENT_SECURITY_POLICY if admin else CONTENT_SECURITY_POLICY
        response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # Static files are answered before Django's own middleware would add it.
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class ArchiveNotFound:
    """The archive's own "not found" page while DEBUG is on (``make run``), where Django
    would show its technical 404: a newcomer trying a wrong address sees what a reader
    sees. Only installed with DEBUG (with DEBUG off Django renders ``404.html`` itself);
    a server error still shows Django's debugging page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            # No URL matched: the handler answered with its technical page.
            return page_not_found(request, Resolver404({"path": request.path_info}))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
