"""Text the archive did not write (imported records, editors' input) on its way out.

Nothing from a record may run where the archive shows or hands it on: no address but a web
one becomes a link or a citation's URL (``javascript:``, ``data:`` and the like stay text),
no spreadsheet cell starts a formula, no control character reaches a page, a feed or a file.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

#: Schemes an address may have to become a link or a citation's URL.
WEB_SCHEMES = frozenset({"http", "https"})

# C0 controls but tab and newline (and carriage return, which readers turn into newlines),
# DEL, and the private-use characters the search snippets mark matches with.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")

# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection"): = + - @,
# and tab or carriage return, which some spreadsheets skip before one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


#: An http(s) address with a host and no space, control or bracket anywhere: web_url would
#: give it back as it is.
_PLAIN_WEB_URL = re.compile(r"https?://[^/?#\[\]\x00-\x20\x7f]+[^\[\]\x00-\x20\x7f]*", re.I)


def web_url(url: str | None) -> str:
    """``url`` when it is an http(s) address with a host; otherwise the empty string.

    Browsers ignore tabs, newlines and leading spaces or controls in an address
    (``java\\tscript:`` runs), so the scheme is read as a browser would read it.
    """
    if not url:
        return ""
    if _PLAIN_WEB_URL.fullmatch(url):
        return url  # the common case, without parsing it (exports read 46,000 of them)
    seen = re.sub(r"[\x00-\x20\x7f]", "", url)
    try:
        parts = urlsplit(seen)
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return ""
    if seen != url.strip():
        return ""  # whitespace or controls inside an address: not one to follow
    return url.strip()


def is_web_url(url: str | None) -> bool:
    return bool(web_url(url))


def csv_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs: text that would start a formula gets a leading
    apostrophe (which spreadsheets show as text and do not display), the rest unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def without_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return CONTROL_CHARACTERS.sub("", text)
