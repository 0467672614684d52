"""Whose government published a page: from its address, or from the seat it speaks for.

A readout says "The Prime Minister spoke to President X" and never names its own leader;
the page's address (``www.gov.uk``, a seat of government's own site) or the seat the text
speaks for ("A <seat> spokesperson said") tells whose prime minister that is.

* An address under a country's government domain (``gov.uk``, ``gob.mx``, ``gouv.fr``,
  ``go.jp``, ``govt.nz``, ``gc.ca``, ``admin.ch``) is that country's; ``.gov`` and
  ``.mil`` are the United States'. A host name that is one of a country's seats of
  government, as the gazetteer lists them, written without spaces, is that country's.
* Otherwise the one country whose seat the text names (every seat it names being that
  country's).
* Otherwise the one country that the text pairs with a named leader's country ("the UK-US
  relationship", "India-US ties", "the relationship between Australia and Japan" on a page
  where only the US or Japanese leader is named), or the one other country whose own
  stance it tells ("reaffirmed France's determination", "the UK's steadfast support").
* Otherwise, where the text says "The President" (or "The Prime Minister", "The
  Chancellor") alone, the country of the one leader it names in full who held that title
  on the article's date: an archive's page of one president's readouts names him once.

Nothing here knows a particular country: the seats are the gazetteer's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from urllib.parse import urlsplit

from .knowledge import (
    COUNTRY,
    DEMONYM,
    LEADER_ALIAS,
    LEADER_NAME,
    SEAT,
    EntityMatch,
    KnowledgeBase,
)

#: Second-level labels that governments use under their country's top-level domain.
_GOVERNMENT_LABELS = frozenset({"gov", "gob", "gouv", "go", "govt", "gv", "gc", "admin", "gub"})
#: Country-code domains that are not the ISO code.
_TLD_CODES = {"uk": "GB", "el": "GR"}
_URL_RE = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def host_country(
    kb: KnowledgeBase,
    url: str | None,
    text: str,
    entities: Iterable[EntityMatch],
    reference: date | None = None,
) -> str | None:
    """The country whose government published the page, or None when nothing says.

    ``url`` is the page's address when the caller knows it; an address written in the
    text ("Original article link: https://www.gov.uk/...") counts as well.
    """
    addresses = [url] if url else []
    addresses += _URL_RE.findall(text[:20000])
    for address in addresses:
        code = country_of_address(kb, address)
        if code is not None:
            return code
    entities = list(entities)
    seats = {code for entity in entities if entity.has(SEAT) for code in entity.keys(SEAT)}
    if len(seats) == 1:
        return seats.pop()
    if seats:
        return None
    return _paired_country(kb, text, entities) or _named_title_holder(kb, text, entities, reference)


_BARE_TITLE_RE = re.compile(r"\bThe (President|Prime Minister|Chancellor)\b(?!\s+of\b)")


def _named_title_holder(
    kb: KnowledgeBase, text: str, entities: list[EntityMatch], reference: date | None
) -> str | None:
    """The country of the one leader named in full who held the title the text uses alone."""
    used = {match.group(1).lower() for match in _BARE_TITLE_RE.finditer(text, 0, 20000)}
    if not used or reference is None:
        return None
    countries = set()
    for entity in entities:
        for slug in entity.keys(LEADER_NAME):
            leader = kb.leaders.get(slug)
            term = leader.term_on(reference) if leader is not None else None
            if term is not None and term.title in used:
                countries.add(leader.country)
    return countries.pop() if len(countries) == 1 else None


#: Two countries joined as one relation's sides: "UK-US", "India–US", "US/China".
_PAIR_JOIN_RE = re.compile(r"\s*[-\u2013/]\s*")
_RELATION_AFTER_RE = re.compile(
    r"[\s-]*(?:[a-z]+\s+){0,2}(?:relations?(?:hip)?|ties|cooperation|partnership|alliance|"
    r"dialogue|friendship|agenda|summit|trade)\b"
)


def _paired_country(kb: KnowledgeBase, text: str, entities: list[EntityMatch]) -> str | None:
    """The one country the text names as the other side of a relation with the country of
    a leader it names: a readout's own side ("the UK-US relationship")."""
    named = {
        kb.leaders[slug].country
        for entity in entities
        for slug in entity.keys(LEADER_NAME, LEADER_ALIAS)
        if slug in kb.leaders
    }
    ordered = sorted(entities, key=lambda e: e.start)
    found: set[str] = set()
    for first, second in pairwise(ordered):
        if not _PAIR_JOIN_RE.fullmatch(text, first.end, second.start):
            continue
        if not _RELATION_AFTER_RE.match(text, second.end):
            continue
        sides = set(first.keys(COUNTRY, DEMONYM)) | set(second.keys(COUNTRY, DEMONYM))
        if len(sides) != 2 or len(sides & named) != 1:
            continue
        found |= sides - named
    # "the relationship between Australia and Japan": the same, in words.
    for first, second in pairwise(ordered):
        if not _AND_RE.fullmatch(text, first.end, second.start):
            continue
        if not _BETWEEN_BEFORE_RE.search(text, max(0, first.start - 40), first.start):
            continue
        sides = set(first.keys(COUNTRY)) | set(second.keys(COUNTRY))
        if len(sides) == 2 and len(sides & named) == 1:
            found |= sides - named
    # "reaffirmed France's determination", "the UK's steadfast support": the side speaking.
    for entity in ordered:
        if not _STANCE_AFTER_RE.match(text, entity.end):
            continue
        codes = set(entity.keys(COUNTRY)) - named
        if len(codes) == 1:
            found |= codes
    return found.pop() if len(found) == 1 else None


_AND_RE = re.compile(r"\s+and\s+(?:the\s+)?")
_BETWEEN_BEFORE_RE = re.compile(
    r"\b(?:relations?(?:hip)?|ties|cooperation|partnership|friendship|alliance)\s+between\s+"
    r"(?:the\s+)?$"
)
#: After a country's name, its own stance: what a readout says of its own side.
_STANCE_AFTER_RE = re.compile(
    r"['\u2019]s?\s+(?:(?:steadfast|unwavering|continued|full|strong|firm|ongoing)\s+)?"
    r"(?:determination|commitment|support|solidarity|readiness|willingness|position|stance|"
    r"resolve)\b"
)


def country_of_address(kb: KnowledgeBase, address: str) -> str | None:
    """The country of a government's address; None for any other address."""
    try:
        host = (urlsplit(address).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    if labels[-1] in ("gov", "mil"):
        return _known(kb, "US")
    if len(labels[-1]) == 2 and labels[-2] in _GOVERNMENT_LABELS:
        return _known(kb, _TLD_CODES.get(labels[-1], labels[-1].upper()))
    for label in labels[:-1]:
        code = kb.seat_hosts.get(label)
        if code is not None:
            return code
    return None


def _known(kb: KnowledgeBase, code: str) -> str | None:
    return code if code in kb.countries else None
