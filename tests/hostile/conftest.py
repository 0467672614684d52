"""Hostile input: records written by an attacker or a careless editor, and what every page,
feed, CSV, JSON and citation then emits.

`assert_nothing_runs` is the one check of a response: it holds for a page of any kind.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

from django.urls import reverse

from archive.models import Call, Source
from tests.importing.conftest import knowledge, knowledge_dir  # noqa: F401 (fixtures)

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
FORMULAS = ("=", "+", "-", "@", "\t", "\r")
_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
ATOM = "{http://www.w3.org/2005/Atom}"


def every_page(call: Call, source: Source) -> list[str]:
    """Every public page, feed, export and citation that shows ``call`` or ``source``."""
    participations = list(call.participations.select_related("leader__country"))
    leader = participations[0].leader
    # Searches for the participants' surnames, one and all of them.
    surnames = [p.leader.name.split()[-1].lower() for p in participations]
    one, every = f"?q={surnames[0]}", "?q=" + "+".join(surnames)
    urls = [
        reverse("archive:home"),
        reverse("archive:calls"),
        reverse("archive:calls") + one,
        reverse("archive:search") + one,
        reverse("archive:search") + every,
        call.get_absolute_url(),
        reverse("archive:call-data", args=[call.pk, "json"]),
        reverse("archive:call-data", args=[call.pk, "csv"]),
        reverse("archive:calls-export", args=["csv"]),
        reverse("archive:calls-export", args=["json"]),
        reverse("archive:calls-export", args=["csv"]) + one,
        reverse("archive:feed"),
        reverse("archive:leader-feed", args=[leader.slug]),
        reverse("archive:leaders"),
        leader.get_absolute_url(),
        reverse("archive:countries"),
        leader.country.get_absolute_url(),
        reverse("archive:topics"),
        reverse("archive:sources"),
        reverse("archive:sources") + one,
        source.get_absolute_url(),
        reverse("archive:sitemap"),
        # The JSON API: each list's twin and each record's permalink.
        reverse("archive:search-json"),
        reverse("archive:search-json") + every,
        reverse("archive:leaders-json"),
        reverse("archive:leader-json", args=[leader.slug]),
        reverse("archive:countries-json"),
        reverse("archive:country-json", args=[leader.country.code.lower()]),
        reverse("archive:topics-json"),
        reverse("archive:sources-json"),
        reverse("archive:sources-json") + one,
        reverse("archive:source-json", args=[source.pk]),
    ]
    for fmt in ("bib", "ris", "json"):
        urls.append(reverse("archive:call-cite", args=[call.pk, fmt]))
        urls.append(reverse("archive:source-cite", args=[source.pk, fmt]))
    for topic in call.topics.all():
        urls += [
            topic.get_absolute_url(),
            reverse("archive:topic-feed", args=[topic.slug]),
            reverse("archive:topic-json", args=[topic.slug]),
        ]
    return urls


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style=...>")
            if name in {"href", "src", "action", "formaction", "srcset", "poster"}:
                seen = re.sub(r"[\x00-\x20]", "", value).lower()
                if seen.startswith(_UNSAFE_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value!r}>")
                self.links.append(value)
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append("<script> not from /static/")
        if tag in {"iframe", "object", "embed", "img", "svg:script", "base"}:
            src = dict(attrs).get("src") or ""
            if tag != "img" or not src.startswith("/static/"):
                self.problems.append(f"<{tag}>")


def html_problems(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.problems


def assert_nothing_runs(url: str, response) -> bytes:
    """The response is an answer (200) in which nothing from a record can run."""
    assert response.status_code == 200, (url, response.status_code)
    assert "Content-Security-Policy" in response, url
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    body = body_of(response)
    assert not _CONTROLS.search(body), (url, _CONTROLS.search(body))
    kind = response["Content-Type"]
    text = body.decode("utf-8")
    if kind.startswith("text/html"):
        assert html_problems(text) == [], url
    elif kind.startswith("application/atom+xml"):
        feed = ElementTree.fromstring(body)
        assert not [e for e in feed.iter() if not e.tag.startswith(ATOM)], url
        for summary in feed.iter(f"{ATOM}summary"):
            assert summary.get("type") == "text", url
    elif kind.startswith("text/csv"):
        for row in csv.reader(io.StringIO(text)):
            assert not [cell for cell in row if cell.startswith(FORMULAS)], (url, row)
    elif "json" in kind:
        json.loads(text)
    if not kind.startswith("application/json"):
        # In files a citation manager or another program reads, no unsafe address at all.
        lowered = text.lower()
        assert not any(f"url = {{{s}" in lowered for s in _UNSAFE_SCHEMES), url
        assert not any(f"ur  - {s}" in lowered for s in _UNSAFE_SCHEMES), url
    if "cite." in url:
        assert "javascript:" not in text.lower(), url
        assert "data:text" not in text.lower(), url
    return body
