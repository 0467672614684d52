"""What RFC 4287 asks of an Atom feed, checked element by element (section numbers beside
each rule): the tests of every feed call `atom_problems` and expect none."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time (section 3.3): a full date, a time, and a zone.
DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)
TEXT_TYPES = {"text", "html", "xhtml"}
# Elements a feed or an entry holds at most once (4.1.1, 4.1.2), and exactly once.
FEED_AT_MOST_ONCE = ["generator", "icon", "logo", "rights", "subtitle"]
FEED_EXACTLY_ONCE = ["id", "title", "updated"]
ENTRY_AT_MOST_ONCE = ["content", "published", "rights", "source", "summary"]
ENTRY_EXACTLY_ONCE = ["id", "title", "updated"]


def _absolute(iri: str | None) -> bool:
    parts = urlsplit(iri or "")
    return bool(parts.scheme and (parts.netloc or parts.scheme in {"urn", "tag"}))


def _children(element, name: str) -> list:
    return element.findall(f"{ATOM}{name}")


def _person_problems(person, where: str) -> list[str]:
    # 3.2: exactly one atom:name; at most one atom:uri (an IRI) and one atom:email.
    problems = []
    names = _children(person, "name")
    if len(names) != 1 or not (names[0].text or "").strip():
        problems.append(f"{where}: a person construct needs exactly one non-empty atom:name")
    uris = _children(person, "uri")
    if len(uris) > 1 or (uris and not _absolute(uris[0].text)):
        problems.append(f"{where}: atom:uri must be one absolute IRI")
    if len(_children(person, "email")) > 1:
        problems.append(f"{where}: more than one atom:email")
    return problems


def _common_problems(element, where: str, once: list[str], at_most_once: list[str]) -> list:
    problems = []
    for name in once:
        if len(_children(element, name)) != 1:
            problems.append(f"{where}: needs exactly one atom:{name}")
    for name in at_most_once:
        if len(_children(element, name)) > 1:
            problems.append(f"{where}: more than one atom:{name}")
    for ident in _children(element, "id"):
        if not _absolute(ident.text):  # 4.2.6
            problems.append(f"{where}: atom:id {ident.text!r} is not an absolute IRI")
    for name in ("updated", "published"):  # 3.3
        for date in _children(element, name):
            if not DATE_TIME.fullmatch((date.text or "").strip()):
                problems.append(f"{where}: atom:{name} {date.text!r} is not RFC 3339")
    for name in ("title", "subtitle", "summary", "rights"):  # 3.1
        for text in _children(element, name):
            if text.get("type", "text") not in TEXT_TYPES:
                problems.append(f"{where}: atom:{name} has type {text.get('type')!r}")
    alternates = set()
    for link in _children(element, "link"):  # 4.2.7
        if not link.get("href"):
            problems.append(f"{where}: atom:link without href")
        elif not _absolute(link.get("href")):
            problems.append(f"{where}: atom:link href {link.get('href')!r} is not absolute")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append(f"{where}: two alternate links of one type and language")
            alternates.add(key)
    for category in _children(element, "category"):  # 4.2.2
        if not category.get("term"):
            problems.append(f"{where}: atom:category without term")
    for index, author in enumerate(_children(element, "author")):
        problems += _person_problems(author, f"{where} author {index + 1}")
    return problems


def atom_problems(document: bytes) -> list[str]:
    """Every way ``document`` breaks RFC 4287 among the rules above (empty: none)."""
    root = ET.fromstring(document)
    if root.tag != f"{ATOM}feed":
        return [f"the root element is {root.tag}, not atom:feed (4.1.1)"]
    problems = _common_problems(root, "feed", FEED_EXACTLY_ONCE, FEED_AT_MOST_ONCE)
    if not any(link.get("rel") == "self" for link in _children(root, "link")):
        problems.append("feed: no atom:link rel='self' (4.1.1 SHOULD)")
    feed_has_author = bool(_children(root, "author"))
    for number, entry in enumerate(_children(root, "entry"), start=1):
        where = f"entry {number}"
        problems += _common_problems(entry, where, ENTRY_EXACTLY_ONCE, ENTRY_AT_MOST_ONCE)
        if not feed_has_author and not _children(entry, "author"):
            # 4.1.1: a feed without atom:author needs one in every entry.
            problems.append(f"{where}: no atom:author, and the feed names none")
        has_content = bool(_children(entry, "content"))
        alternate = [
            link for link in _children(entry, "link") if link.get("rel", "alternate") == "alternate"
        ]
        if not has_content and not alternate:  # 4.1.2
            problems.append(f"{where}: no atom:content and no alternate link")
        if not has_content and not _children(entry, "summary"):
            # 4.1.2: a summary is required where content is absent or not inline text;
            # these feeds give a summary always.
            problems.append(f"{where}: no atom:summary")
    return problems
