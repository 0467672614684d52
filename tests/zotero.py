"""What Zotero's connector saves from a page, read as its Embedded Metadata translator reads
it (zotero/translators, "Embedded Metadata.js", with the RDF translator it hands Dublin Core
and Open Graph to), for the fields the archive gives: item type, title, date, URL, publisher
or website/publication title, language and creators.

The rules mirrored, in the translator's order:

1. Every ``<meta>`` with a ``name`` (or else a ``property``) and a non-empty ``content``.
   A name whose prefix (before ``.``, ``:`` or ``_``) is a known namespace (``DC``,
   ``dcterms``, ``og``...) becomes an RDF statement; ``citation_*`` names guess the type
   (``citation_journal_title`` → journalArticle, ``citation_title`` → journalArticle as a
   guess, ...).
2. The item type: the Highwire type if one was named; else, with RDF statements, the RDF
   translator's ``detectType`` (``og:type`` before ``DC.type``, then the Highwire guess,
   then "webpage"); else the Highwire guess.
3. The RDF fields: title (``DC.title``, ``og:title``), publication (``DC.source`` before
   ``og:site_name``), publisher (``DC.publisher``), date (``og:published_time`` before
   ``DC.date``), language (``DC.language``), URL (``og:url``), creators (``DC.creator``).
4. Highwire fields override them: the first ``<meta name>`` *ending* in each name
   (``citation_title``, ``citation_publication_date``, ``citation_cover_date``,
   ``citation_date`` (the last of these found wins), ``citation_publisher``,
   ``citation_public_url``, ``citation_language``...), whitespace collapsed; creators from
   every ``citation_author``, split at ``;``.
5. Last chances: the URL from ``citation_abstract_html_url``, then ``<link rel=canonical>``,
   then the page's address; creators from ``<meta name=author>``, then from an element of
   class ``byline``, ``bylines``, ``vcard`` or ``article-byline`` (refused here: a page of
   the archive has none, and which text Zotero would take is not worth mirroring).
6. Zotero keeps only the fields of the item's type (``publicationTitle`` is a webpage's
   ``websiteTitle``; a webpage has no publisher).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Namespaces the translator knows by prefix (lower case).
PREFIXES = {"bib", "bibo", "dc", "dcterms", "prism", "foaf", "vcard", "link", "z", "og"}
PREFIXES |= {"eprint", "eprints", "article", "book", "music", "video", "so", "codemeta", "rdf"}

#: Highwire names and the Zotero field each gives (the translator's HIGHWIRE_MAPPINGS, for
#: the fields here), in its order: a later one overrides an earlier one.
HIGHWIRE = [
    ("citation_title", "title"),
    ("citation_publication_date", "date"),
    ("citation_cover_date", "date"),
    ("citation_date", "date"),
    ("citation_journal_title", "publicationTitle"),
    ("citation_publisher", "publisher"),
    ("citation_public_url", "url"),
    ("citation_language", "language"),
]
HIGHWIRE_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
#: Zotero item types a DC.type may name as they are (those the tests meet, and their kin).
ITEM_TYPES = {"webpage", "newspaperArticle", "journalArticle", "magazineArticle", "report"}
ITEM_TYPES |= {"book", "bookSection", "blogPost", "document"}
#: DC.type words of the eprints and PRISM vocabularies, as the RDF translator maps them.
DC_TYPES = {"newsitem": "newspaperArticle", "webpage": "webpage", "homepage": "webpage"}
DC_TYPES |= {"report": "report", "book": "book", "journalarticle": "journalArticle"}
OG_TYPES = {"website": "webpage", "book": "book"}
#: The fields each item type holds, of those read here (Zotero's schema).
FIELDS = {
    "webpage": {"title", "websiteTitle", "date", "url", "language"},
    "newspaperArticle": {"title", "publicationTitle", "date", "url", "language"},
    "journalArticle": {"title", "publicationTitle", "date", "url", "language"},
    "report": {"title", "institution", "date", "url", "language"},
}
#: Base fields stored under a type's own name.
BASE_FIELDS = {
    "webpage": {"publicationTitle": "websiteTitle"},
    "report": {"publisher": "institution"},
}
BYLINE_CLASSES = {"byline", "bylines", "vcard", "article-byline"}


class _Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.metas: list[dict[str, str]] = []
        self.canonical = ""
        self.bylines = 0
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        if tag == "meta":
            self.metas.append({**attrs, "_in_head": "1" if self._in_head else ""})
        if tag == "link" and attrs.get("rel") == "canonical" and not self.canonical:
            self.canonical = attrs.get("href", "")
        if BYLINE_CLASSES & set(attrs.get("class", "").split()):
            self.bylines += 1

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def _trim(text: str) -> str:
    return " ".join(text.split())


def _creator(name: str) -> dict[str, str]:
    """ZU.cleanAuthor, for "Last, First" and "First Last"."""
    name = _trim(name)
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
    else:
        first, _, last = name.rpartition(" ")
    return {"firstName": first, "lastName": last, "creatorType": "author"}


def zotero_item(html: str, page_url: str) -> dict:
    """The item Zotero's Embedded Metadata translator makes of ``html`` (served at
    ``page_url``), for the fields in the module's docstring; fields it leaves empty are
    absent, ``creators`` is always there."""
    head = _Head()
    head.feed(html)
    statements: dict[str, list[str]] = {}
    hw_type = hw_guess = None
    for meta in head.metas:
        names = meta.get("name") or meta.get("property")
        value = meta.get("content")
        if not names or not value:
            continue
        for tag in names.split():
            parts = re.split(r"[.:_]", tag)
            prefix, length = None, 0
            if len(parts) > 2 and parts[1].lower() in PREFIXES:
                prefix, length = parts[1].lower(), len(parts[0]) + len(parts[1]) + 1
            if prefix is None:
                prefix, length = parts[0].lower(), len(parts[0])
            if prefix in PREFIXES:
                prop = tag[length + 1 :]
                prop = prop[:1].lower() + prop[1:]
                statements.setdefault(f"{prefix}:{prop}", []).append(value)
                continue
            short = tag[tag.rfind("citation_") :] if "citation_" in tag else tag
            if short in HIGHWIRE_TYPES:
                hw_type = HIGHWIRE_TYPES[short]
            elif short in ("citation_title", "citation_series_title"):
                hw_guess = hw_guess or "journalArticle"
            elif short == "citation_isbn":
                hw_guess = "book"

    def first(*props: str) -> str | None:
        for prop in props:
            if statements.get(prop):
                return statements[prop][0]
        return None

    # 2. The item type.
    if hw_type:
        item_type = hw_type
    elif statements:
        og_type = first("og:type")
        dc_type = first("dc:type", "dcterms:type")
        by_og = OG_TYPES.get(og_type or "")
        by_dc = None
        if dc_type:
            word = re.sub(r"\s", "", dc_type.lower())
            by_dc = dc_type if dc_type in ITEM_TYPES else DC_TYPES.get(word)
        # The RDF translator's order; with statements its default is the Highwire guess,
        # else "webpage", so that og:type=article's and DC's own guesses never count.
        item_type = by_og or by_dc or hw_guess or "webpage"
    else:
        item_type = hw_guess
    item: dict = {"itemType": item_type}

    # 3. What the RDF translator reads.
    rdf = {
        "title": first("dc:title", "dcterms:title", "og:title"),
        "publicationTitle": first("dc:source", "dcterms:source", "og:site_name"),
        "publisher": first("dc:publisher", "dcterms:publisher"),
        "date": first("og:published_time", "dcterms:issued", "dc:date", "dcterms:date"),
        "language": first("dc:language", "dcterms:language"),
        "url": first("og:url"),
    }
    item.update({field: value for field, value in rdf.items() if value})
    creators = [_creator(name) for name in statements.get("dc:creator", [])]

    # 4. Highwire overrides: the first <meta name> in <head> ending in each name.
    named = [(m.get("name", ""), m.get("content", "")) for m in head.metas if m["_in_head"]]

    def highwire(name: str) -> str | None:
        return next((content for meta, content in named if meta.endswith(name)), None)

    for name, field in HIGHWIRE:
        value = highwire(name)
        if value and value.strip():
            item[field] = _trim(value)
    authors = [content for meta, content in named if meta.endswith("citation_author")]
    if authors:
        creators = [_creator(a) for value in authors for a in value.split(";") if a.strip()]

    # 5. Last chances.
    if not item.get("url"):
        item["url"] = highwire("citation_abstract_html_url") or head.canonical or page_url
    if not creators:
        creators = [_creator(content) for meta, content in named if meta.lower() == "author"]
    if not creators and head.bylines:
        raise AssertionError("a byline Zotero would read authors from")
    if not item.get("title"):
        item["title"] = item["url"]

    # 6. The fields of the item's type.
    renamed = BASE_FIELDS.get(item_type, {})
    kept = FIELDS.get(item_type, set())
    result = {"itemType": item_type, "creators": creators}
    for field, value in item.items():
        field = renamed.get(field, field)
        if field in kept:
            result[field] = value
    return result
