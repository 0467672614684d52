"""Links to the archive's records, made by filling in each permalink's shape.

A page of results links to each call and to each of its topics: about 70 links, which
Django's ``reverse()`` makes in about 60 µs each, 4.4 ms of the 12 ms the rows of a page
took to render (bench/README.md). Here ``reverse()`` is asked once for the shape of each
kind of link, with placeholder values, for the URLconf and script prefix in force; each
link is then that shape with the record's values put in, which is what ``reverse()`` would
give for values that need no quoting (digits, letters, ``-`` and ``_``). Any other value
is left to ``reverse()``.
"""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

# Values that reverse() puts into a path as they are.
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


def link(name: str, **values: int | str) -> str:
    """``reverse(name, kwargs=values)``, from the shape of ``name``'s links."""
    texts = {key: str(value) for key, value in values.items()}
    if all(_PLAIN.fullmatch(text) for text in texts.values()):
        kinds = tuple((key, isinstance(value, int)) for key, value in values.items())
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        shape = _shape(urlconf, get_script_prefix(), name, kinds)
        if shape is not None:
            return shape.format_map(texts)
    return reverse(name, kwargs=values)


@functools.lru_cache(maxsize=256)
def _shape(urlconf: str, prefix: str, name: str, kinds: tuple) -> str | None:
    """The link of ``name`` with ``{key}`` where each value goes (None: no such shape).

    ``urlconf`` and ``prefix`` are the cache's key: they are what ``reverse()`` reads."""
    placeholders = {
        key: str(10**15 + index) if is_int else f"zqplaceholder{index}"
        for index, (key, is_int) in enumerate(kinds)
    }
    url = reverse(name, urlconf=urlconf, kwargs=placeholders)
    shape = url.replace("{", "{{").replace("}", "}}")
    for key, placeholder in placeholders.items():
        if shape.count(placeholder) != 1:
            return None
        shape = shape.replace(placeholder, "{" + key + "}")
    return shape
