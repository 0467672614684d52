"""The knowledge base: countries, leaders and topics, compiled once for fast matching.

Every particular the engine knows (a person, a country, its seat of government, a topic)
comes from here, never from code. Names are matched on word tokens: the first token of
each name is a key of a dictionary, so an article costs one dictionary lookup per word
whatever the size of the knowledge base.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .text import TextView, fold, positions_in
from .vocabulary import GENERIC_TITLES

#: What a matched phrase is: a leader's full name or one of their aliases, or a country's
#: name, demonym, seat of government or capital.
LEADER_NAME = "leader-name"
LEADER_ALIAS = "leader-alias"
COUNTRY = "country"
DEMONYM = "demonym"
SEAT = "seat"
CAPITAL = "capital"


@dataclass(frozen=True, slots=True)
class Term:
    """One term in one office."""

    office: str
    title: str
    country: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls within the term (open ends count as covering)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    slug: str
    name: str
    country: str
    aliases: tuple[str, ...]
    terms: tuple[Term, ...]

    def term_on(self, day: date | None) -> Term | None:
        """The term covering ``day``; None when no term does or ``day`` is None."""
        if day is None:
            return None
        for term in self.terms:
            if term.covers(day):
                return term
        return None


@dataclass(frozen=True, slots=True)
class CountryEntry:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    seats: tuple[str, ...]
    region: str | None = None


@dataclass(frozen=True, slots=True)
class TopicEntry:
    slug: str
    name: str
    keywords: tuple[str, ...]
    parent: str | None
    description: str = ""


@dataclass(frozen=True, slots=True)
class EntityMatch:
    """A knowledge-base phrase found in an article: ``targets`` are (what, key) pairs."""

    start: int
    end: int
    first_token: int
    last_token: int
    targets: tuple[tuple[str, str], ...]

    def keys(self, *what: str) -> list[str]:
        return [key for kind, key in self.targets if kind in what]

    def has(self, *what: str) -> bool:
        return any(kind in what for kind, _ in self.targets)


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _tuple(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _tokens(phrase: str) -> tuple[str, ...]:
    view = TextView.build(phrase)
    return tuple(view.words)


# Gaps allowed between the tokens of one name: a space, a hyphen, an apostrophe, the
# period of an initial ("George W. Bush") or of a dotted abbreviation.
_NAME_GAPS = frozenset({" ", "-", "'", ".", ". ", " - ", ".-"})


class _PhraseIndex:
    """Token-sequence dictionary: first token -> [(tokens, targets)], longest first."""

    def __init__(self, lower: bool) -> None:
        self.lower = lower
        self._entries: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        self.index: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]] = {}

    def add(self, phrase: str, target: tuple[str, str]) -> None:
        tokens = _tokens(phrase.lower() if self.lower else phrase)
        if tokens:
            self._entries.setdefault(tokens, set()).add(target)

    def compile(self) -> None:
        index: dict[str, list[tuple[tuple[str, ...], tuple[tuple[str, str], ...]]]] = {}
        for tokens, targets in self._entries.items():
            index.setdefault(tokens[0], []).append((tokens, tuple(sorted(targets))))
        for candidates in index.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.index = index

    def scan(
        self, view: TextView, first: int = 0, last: int | None = None, *, overlapping: bool = False
    ) -> list[EntityMatch]:
        """Matches among tokens ``first``..``last`` (exclusive): the longest at each place,
        not overlapping; or, with ``overlapping``, every phrase wherever it stands."""
        words = view.lower_words if self.lower else view.words
        starts, ends, folded = view.starts, view.ends, view.folded
        index = self.index
        stop = len(words) if last is None else last
        # Only tokens that start some phrase need a closer look.
        hits = positions_in(words, index, first, stop)
        found: list[EntityMatch] = []
        taken = -1
        for i in hits:
            if i <= taken:
                continue
            for tokens, targets in index[words[i]]:
                n = len(tokens)
                if i + n > stop:
                    continue
                ok = True
                for k in range(1, n):
                    if words[i + k] != tokens[k] or folded[ends[i + k - 1] : starts[i + k]] not in (
                        _NAME_GAPS
                    ):
                        ok = False
                        break
                if ok:
                    found.append(EntityMatch(starts[i], ends[i + n - 1], i, i + n - 1, targets))
                    if not overlapping:
                        taken = i + n - 1
                        break
        return found


class KnowledgeBase:
    """Countries, leaders and topics, compiled for matching; immutable once built."""

    def __init__(
        self,
        countries: Iterable[CountryEntry],
        leaders: Iterable[LeaderEntry],
        topics: Iterable[TopicEntry],
    ) -> None:
        # Read-only views: the knowledge base is shared by every extraction of a batch.
        self.countries: Mapping[str, CountryEntry] = MappingProxyType(
            {c.code: c for c in countries}
        )
        self.leaders: Mapping[str, LeaderEntry] = MappingProxyType(
            {leader.slug: leader for leader in leaders}
        )
        self.topics: Mapping[str, TopicEntry] = MappingProxyType({t.slug: t for t in topics})
        grouped: dict[str, list[LeaderEntry]] = {}
        for leader in self.leaders.values():
            countries_of = {leader.country, *(t.country for t in leader.terms)}
            for code in countries_of:
                grouped.setdefault(code, []).append(leader)
        self.leaders_by_country: Mapping[str, tuple[LeaderEntry, ...]] = MappingProxyType(
            {code: tuple(v) for code, v in grouped.items()}
        )

        self.entities = _PhraseIndex(lower=False)
        #: Every token of each leader's names: a capitalised word before a surname that is
        #: one of these is the same person's first name, not somebody else's.
        self.name_tokens: dict[str, frozenset[str]] = {}
        for leader in self.leaders.values():
            self.entities.add(fold(leader.name), (LEADER_NAME, leader.slug))
            tokens = set(_tokens(fold(leader.name)))
            for alias in leader.aliases:
                self.entities.add(fold(alias), (LEADER_ALIAS, leader.slug))
                tokens.update(_tokens(fold(alias)))
            self.name_tokens[leader.slug] = frozenset(tokens)
        vocabulary: set[str] = set()
        for country in self.countries.values():
            for phrase in (country.name, *country.aliases):
                self.entities.add(fold(phrase), (COUNTRY, country.code))
            for phrase in country.demonyms:
                self.entities.add(fold(phrase), (DEMONYM, country.code))
            for phrase in country.seats:
                self.entities.add(fold(phrase), (SEAT, country.code))
            if country.capital:
                self.entities.add(fold(country.capital), (CAPITAL, country.code))
            for phrase in (
                country.name,
                *country.aliases,
                *country.demonyms,
                *country.seats,
                *((country.capital,) if country.capital else ()),
            ):
                vocabulary.update(_tokens(fold(phrase)))
        self.entities.compile()
        #: Capitalised words that belong to places and peoples, never to a person's name.
        self.place_words: frozenset[str] = frozenset(vocabulary)

        self.topic_index = _PhraseIndex(lower=True)
        for topic in self.topics.values():
            for phrase in (topic.name, *topic.keywords):
                folded = fold(phrase).lower()
                self.topic_index.add(folded, ("topic", topic.slug))
                # Whole words, with the plural a keyword list may leave out ("drone", "drones").
                if folded[-1:].isalpha() and not folded.endswith("s"):
                    self.topic_index.add(folded + "s", ("topic", topic.slug))
                    if folded.endswith(("ch", "sh", "x")):
                        self.topic_index.add(folded + "es", ("topic", topic.slug))
        self.topic_index.compile()

    # --- construction --------------------------------------------------------------------

    @classmethod
    def from_dicts(
        cls,
        countries: list[dict[str, Any]],
        leaders: list[dict[str, Any]],
        topics: list[dict[str, Any]],
    ) -> KnowledgeBase:
        """Build from the dict shapes of ``fixtures/knowledge/*.json``."""
        country_entries = [
            CountryEntry(
                code=str(c["code"]),
                name=str(c["name"]),
                aliases=_tuple(c.get("aliases")),
                demonyms=_tuple(c.get("demonyms")),
                capital=c.get("capital") or None,
                seats=_tuple(c.get("seats")),
                region=c.get("region") or None,
            )
            for c in (_fields(c) for c in countries)
        ]
        leader_entries = []
        for raw in leaders:
            leader = _fields(raw)
            country = str(leader.get("country") or "")
            terms = tuple(
                Term(
                    office=str(t.get("office") or ""),
                    title=str(t.get("title") or "").lower(),
                    country=str(t.get("country") or country),
                    start=_parse_date(t.get("start")),
                    end=_parse_date(t.get("end")),
                )
                for t in leader.get("terms") or ()
            )
            leader_entries.append(
                LeaderEntry(
                    slug=str(leader["slug"]),
                    name=str(leader["name"]),
                    country=country,
                    aliases=_tuple(leader.get("aliases")),
                    terms=terms,
                )
            )
        topic_entries = [
            TopicEntry(
                slug=str(t["slug"]),
                name=str(t["name"]),
                keywords=_tuple(t.get("keywords")),
                parent=t.get("parent") or None,
                description=str(t.get("description") or ""),
            )
            for t in (_fields(t) for t in topics)
        ]
        return cls(country_entries, leader_entries, topic_entries)

    @classmethod
    def from_json_dir(cls, path: Path | str) -> KnowledgeBase:
        """Read ``countries.json``, ``leaders.json`` and ``topics.json`` from ``path``."""
        folder = Path(path)
        loaded = [
            _records(json.loads((folder / name).read_text(encoding="utf-8")))
            for name in ("countries.json", "leaders.json", "topics.json")
        ]
        return cls.from_dicts(*loaded)

    # --- queries ---------------------------------------------------------------------------

    def country_name(self, code: str | None) -> str | None:
        entry = self.countries.get(code or "")
        return entry.name if entry else None

    def leaders_with_title(
        self, country: str, title: str, day: date | None
    ) -> list[tuple[LeaderEntry, Term | None]]:
        """Leaders of ``country`` who hold (on ``day``, or ever) an office with ``title``.

        A generic title ("leader", "head of state") stands for any of the offices it
        covers; the result is ordered by how well the office fits the title.
        """
        offices = GENERIC_TITLES.get(title)
        wanted = offices if offices else (title,)
        found: list[tuple[int, LeaderEntry, Term | None]] = []
        for leader in self.leaders_by_country.get(country, ()):
            best: tuple[int, Term] | None = None
            for term in leader.terms:
                if term.country != country:
                    continue
                if day is not None and not term.covers(day):
                    continue
                rank = _title_rank(term.title, wanted, any_office=title == "leader")
                if rank is None:
                    continue
                if best is None or rank < best[0]:
                    best = (rank, term)
            if best is not None:
                found.append((best[0], leader, best[1]))
        found.sort(key=lambda item: item[0])
        return [(leader, term) for _, leader, term in found]


def _title_rank(term_title: str, wanted: tuple[str, ...], *, any_office: bool) -> int | None:
    term_title = term_title.lower()
    for rank, title in enumerate(wanted):
        if term_title == title or term_title.endswith(" " + title):
            return rank
    if wanted == ("prime minister",) and term_title == "premier":
        return 0
    if any_office:
        # "the Iranian leader": any other office is still a leader's office, a worse fit.
        return len(wanted)
    return None


def _fields(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """Accept Django-fixture rows ({"model", "fields"}) as well as plain objects."""
    fields = item.get("fields")
    return fields if isinstance(fields, Mapping) else item


def _records(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list):
                return value
    raise ValueError("expected a list of objects")
