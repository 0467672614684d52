"""The knowledge base: countries, leaders and topics, compiled once for fast matching.

Every particular the engine knows (a person, a country, its seat of government, a topic)
comes from here, never from code. Names are matched on word tokens: the first token of
each name is a key of a dictionary, so an article costs one dictionary lookup per word
whatever the size of the knowledge base.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rapidfuzz.fuzz import ratio

from .text import TextView, fold, positions_in
from .vocabulary import FUNCTION_WORDS, GENERIC_TITLES

#: How close (0-100, rapidfuzz's normalised Indel similarity of spelling keys) an unknown
#: spelling must come to a known name, and by how much it must beat the next candidate.
SPELLING_THRESHOLD = 85.0
SPELLING_MARGIN = 3.0
#: How close it must come to the name of the one who holds the office the text gives it
#: ("the President of Example, Ann Exampel") on the article's date.
SPELLING_THRESHOLD_IN_OFFICE = 75.0

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
    #: The title of the office that holds effective power ("prime minister" where the
    #: president is ceremonial): whom "the German leader" or "the leaders of A and B" means.
    leader_title: str | None = None


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


#: An index entry: the phrase's tokens, what it names, the gaps of its own it allows.
_Candidate = tuple[tuple[str, ...], tuple[tuple[str, str], ...], frozenset[str]]

# Gaps allowed between the tokens of one name: a space, a hyphen, an apostrophe, the
# period of an initial ("George W. Bush") or of a dotted abbreviation.
_NAME_GAPS = frozenset({" ", "-", "'", ".", ". ", " - ", ".-"})


class _PhraseIndex:
    """Token-sequence dictionary: first token -> [(tokens, targets)], longest first."""

    def __init__(self, lower: bool) -> None:
        self.lower = lower
        self._entries: dict[tuple[str, ...], set[tuple[str, str]]] = {}
        self._gaps: dict[tuple[str, ...], set[str]] = {}
        self.index: dict[str, list[_Candidate]] = {}

    def add(self, phrase: str, target: tuple[str, str]) -> None:
        view = TextView.build(phrase.lower() if self.lower else phrase)
        tokens = tuple(view.words)
        if tokens:
            self._entries.setdefault(tokens, set()).add(target)
            # A gap the phrase itself holds is a gap of that name ("Mohammed Shia' al-Sudani").
            gaps = {view.folded[view.ends[k - 1] : view.starts[k]] for k in range(1, len(tokens))}
            if gaps - _NAME_GAPS:
                self._gaps.setdefault(tokens, set()).update(gaps - _NAME_GAPS)

    def holds(self, word: str) -> bool:
        """Whether ``word`` alone is one of the phrases (a country, a surname alias...)."""
        return (word.lower() if self.lower else word,) in self._entries

    def compile(self) -> None:
        index: dict[str, list[_Candidate]] = {}
        for tokens, targets in self._entries.items():
            extra = frozenset(self._gaps.get(tokens, ()))
            index.setdefault(tokens[0], []).append((tokens, tuple(sorted(targets)), extra))
        for candidates in index.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.index = index

    def scan(
        self, view: TextView, first: int = 0, last: int | None = None, *, overlapping: bool = False
    ) -> list[EntityMatch]:
        """Matches among tokens ``first``..``last`` (exclusive): the longest at each place,
        not overlapping; or, with ``overlapping``, every phrase wherever it stands.

        Without ``overlapping``, a match that opens with title words gives way to a longer
        one that starts after them and ends beyond it: "President Moon Jae-in" is the name
        "Moon Jae-in", not the alias "President Moon" followed by "Jae-in".
        """
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
            for tokens, targets, extra_gaps in index[words[i]]:
                n = len(tokens)
                if i + n > stop:
                    continue
                ok = True
                for k in range(1, n):
                    if words[i + k] != tokens[k]:
                        ok = False
                        break
                    gap = folded[ends[i + k - 1] : starts[i + k]]
                    if gap not in _NAME_GAPS and gap not in extra_gaps:
                        ok = False
                        break
                if not ok:
                    continue
                if not overlapping and n > 1 and self._overtaken(view, words, i, n, stop):
                    continue
                found.append(EntityMatch(starts[i], ends[i + n - 1], i, i + n - 1, targets))
                if not overlapping:
                    taken = i + n - 1
                    break
        return found

    def _matches_at(
        self, view: TextView, words: list[str], i: int, stop: int
    ) -> Iterator[_Candidate]:
        """The phrases that match at token ``i``, longest first."""
        starts, ends, folded = view.starts, view.ends, view.folded
        for candidate in self.index.get(words[i], ()):
            tokens, _, extra_gaps = candidate
            n = len(tokens)
            if i + n > stop:
                continue
            for k in range(1, n):
                if words[i + k] != tokens[k]:
                    break
                gap = folded[ends[i + k - 1] : starts[i + k]]
                if gap not in _NAME_GAPS and gap not in extra_gaps:
                    break
            else:
                yield candidate

    def _overtaken(self, view: TextView, words: list[str], i: int, n: int, stop: int) -> bool:
        """Whether a longer phrase starts inside tokens ``i``..``i+n-1``, after title words
        only ("President", "King"), and ends past them."""
        index = self.index
        for k in range(i + 1, i + n):
            if view.lower_words[k - 1] not in FUNCTION_WORDS:
                # "Mohammed bin Salman bin Abdulaziz Al Saud" is the son, not the father.
                return False
            if words[k] not in index:
                continue
            for tokens, _, _ in self._matches_at(view, words, k, stop):
                if len(tokens) > n and k + len(tokens) > i + n:
                    return True
        return False


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

        #: Each leader's names as spelling keys, built when a spelling is first looked up.
        self._spellings: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._by_word: dict[str, set[str]] | None = None

        self.entities = _PhraseIndex(lower=False)
        #: Every token of each leader's names: a capitalised word before a surname that is
        #: one of these is the same person's first name, not somebody else's.
        self.name_tokens: dict[str, frozenset[str]] = {}
        #: The parts of a leader's name that stand for them once named in full, worked out
        #: once per knowledge base (see leaders._Finder._name_parts).
        self.name_parts: dict[str, list[str]] = {}
        #: Seats of government as a host name writes them ("Blue House" -> "bluehouse"),
        #: to their country: a page's address under a seat's own site (see hosts.py).
        self.seat_hosts: dict[str, str] = {}
        for code, country in self.countries.items():
            for seat in country.seats:
                name = _HOST_UNSAFE.sub("", _unaccented(seat.lower()))
                if len(name) >= 5:
                    self.seat_hosts.setdefault(name, code)
        given_names: set[str] = set()
        for leader in self.leaders.values():
            self.entities.add(fold(leader.name), (LEADER_NAME, leader.slug))
            tokens = set(_tokens(fold(leader.name)))
            for alias in leader.aliases:
                self.entities.add(fold(alias), (LEADER_ALIAS, leader.slug))
                tokens.update(_tokens(fold(alias)))
            # "Tamim Bin Hamad al Thani" for "Tamim bin Hamad Al Thani": name particles are
            # written in either case.
            for phrase in (leader.name, *leader.aliases):
                for variant in particle_cases(fold(phrase)):
                    self.entities.add(variant, (LEADER_ALIAS, leader.slug))
            self.name_tokens[leader.slug] = frozenset(tokens)
            for phrase in (leader.name, *leader.aliases):
                words = _tokens(fold(phrase))
                if len(words) > 1:
                    given_names.add(words[0])
        #: The first words of every leader's names of two words or more: given names, one of
        #: which may stand before another leader's full name ("Muhammad Ann Example").
        self.given_names: frozenset[str] = frozenset(given_names)
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
                leader_title=(c.get("leader_title") or "").strip().lower() or None,
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
        entry = self.countries.get(country)
        if title == "leader" and entry is not None and entry.leader_title:
            # The office that holds effective power first: the German leader is the
            # chancellor, not the president.
            wanted = (entry.leader_title, *(t for t in wanted if t != entry.leader_title))
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

    def closest_leader(
        self,
        words: Sequence[str],
        candidates: Iterable[str],
        threshold: float = SPELLING_THRESHOLD,
    ) -> SpellingMatch | None:
        """The leader among ``candidates`` (slugs) that a spelling the knowledge base does
        not hold stands for, or None.

        ``words`` are the name as written ("Volodymyr", "Zelenskij"). A name matches one
        of a candidate's names when it is part of it ("Moon Jae" of "Moon Jae-in", "Donald"
        of "Donald Trump"), or when their spelling keys (see :func:`spelling_key`) are
        close, word by word: the whole name, the name cut short, the surname alone, or the
        first and last names around others. The closest candidate must score ``threshold``
        or more (0-100) and beat the next by ``SPELLING_MARGIN``.
        """
        name = tuple(spelling_key(word) for word in words if word)
        if not name or (len(name) == 1 and len(name[0]) < 3):
            return None
        scored = sorted(
            (
                (max(_spelling_score(name, known) for known in self._spelling_keys(slug)), slug)
                for slug in dict.fromkeys(candidates)
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < threshold:
            return None
        best, slug = scored[0]
        if len(scored) > 1 and scored[1][0] > best - SPELLING_MARGIN:
            return None
        keys = self._spelling_keys(slug)
        part = name not in keys and any(_holds(known, name) for known in keys)
        return SpellingMatch(slug, best, part=part)

    def leaders_in(self, countries: Iterable[str], day: date | None) -> list[str]:
        """The leaders of ``countries`` in office on ``day`` (at any time when None)."""
        return [
            leader.slug
            for code in dict.fromkeys(countries)
            for leader, _ in self.leaders_with_title(code, "leader", day)
        ]

    def leaders_sharing_a_word(self, words: Sequence[str], day: date | None) -> list[str]:
        """The leaders in office on ``day`` (at any time when None) one of whose names holds
        one of ``words`` as spelt (three letters or more)."""
        if self._by_word is None:
            by_word: dict[str, set[str]] = {}
            for slug in self.leaders:
                for known in self._spelling_keys(slug):
                    for word in known:
                        by_word.setdefault(word, set()).add(slug)
            self._by_word = by_word
        found: dict[str, None] = {}
        for word in words:
            key = spelling_key(word)
            if len(key) < 3:
                continue
            for slug in sorted(self._by_word.get(key, ())):
                if day is None or self.leaders[slug].term_on(day) is not None:
                    found[slug] = None
        return list(found)

    def spells_name(self, slug: str, words: Sequence[str]) -> bool:
        """Whether ``words`` spell one of a leader's names in a way the knowledge base
        lacks: "Vladimit Example" or "Wladimir Example" for "Vladimir Example"."""
        name = tuple(spelling_key(word) for word in words if word)
        return any(
            _spelling_score(name, known) >= SPELLING_THRESHOLD
            for known in self._spelling_keys(slug)
        )

    def _spelling_keys(self, slug: str) -> tuple[tuple[str, ...], ...]:
        keys = self._spellings.get(slug)
        if keys is None:
            leader = self.leaders[slug]
            keys = tuple(
                dict.fromkeys(
                    tuple(spelling_key(word) for word in _tokens(fold(name).lower()))
                    for name in (leader.name, *leader.aliases)
                )
            )
            self._spellings[slug] = keys
        return keys


@dataclass(frozen=True, slots=True)
class SpellingMatch:
    """A known leader found for a spelling: ``part`` when the spelling is part of a name
    ("Moon Jae", "Donald") rather than a variant of it ("Zelenskij")."""

    slug: str
    score: float
    part: bool


# Letters that transliterations from Cyrillic, Arabic, Korean and others write either way
# ("Zelenskij"/"Zelensky", "Toqayev"/"Tokayev", "Nicholas"/"Nikolas"), and doubled letters
# ("Mohammed"/"Mohamed").
_KEY_LETTERS = str.maketrans("yjqcw", "iikkv")
_DOUBLED_RE = re.compile(r"(.)\1+")


def spelling_key(word: str) -> str:
    """``word`` folded, lower-cased and reduced to the letters its transliterations share:
    "Zelenskij" and "Zelenskyy" both give "zelenski"."""
    key = fold(word).lower().translate(_KEY_LETTERS).replace("ph", "f")
    return _DOUBLED_RE.sub(r"\1", key)


def _holds(known: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether ``name`` is a run of words of ``known`` ("moon jae" of "moon jae in")."""
    m = len(name)
    return any(known[i : i + m] == name for i in range(len(known) - m + 1))


def _spelling_score(name: tuple[str, ...], known: tuple[str, ...]) -> float:
    """How close a name's spelling keys come to a known name's (0-100).

    Word by word, the longer words weighing more, and never closer than the last word
    written comes to its match: "Santiago Example" is not "Santiago Other".
    """
    m, k = len(name), len(known)
    if _holds(known, name):
        # A surname alone is surer than a first name alone ("Example" of "Ann Example").
        return 100.0 if m > 1 or name[0] == known[-1] else _FIRST_NAME_ALONE
    if m == 1:
        # A surname or first name alone: "Bayden", "Zelenskij".
        return max(
            [ratio(name[0], "".join(known))]
            + [ratio(name[0], word) for word in known if len(word) >= 3]
        )
    if m == k:
        return _weighted(list(zip(name, known, strict=True)))
    if m < k:
        # The name cut short ("Sabah Al Ahmed Al"), or without a first name.
        return max(
            _weighted(list(zip(name, known[:m], strict=True))),
            _weighted(list(zip(name, known[-m:], strict=True))),
        )
    # Names the knowledge base lacks between the first and the last: "Ann Q. Example".
    pairs = _aligned(name, known) if k >= 2 else None
    return _weighted(pairs) if pairs else 0.0


#: The score of a word that is one of a leader's names, not the last.
_FIRST_NAME_ALONE = 95.0
#: How close the last word written must come to its match, whatever the rest.
_LAST_WORD_THRESHOLD = 70.0


def _weighted(pairs: list[tuple[str, str]]) -> float:
    if ratio(*pairs[-1]) < _LAST_WORD_THRESHOLD:
        return 0.0
    total = weight = 0.0
    for written, known in pairs:
        size = max(len(written), len(known))
        total += size * ratio(written, known)
        weight += size
    return total / weight if weight else 0.0


def _aligned(name: tuple[str, ...], known: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """Each word of ``known`` paired, in order, with a close word of the longer ``name``,
    the first with the first and the last with the last; None when they do not pair."""
    pairs = []
    position = 0
    for index, word in enumerate(known):
        last = index == len(known) - 1
        candidates = [len(name) - 1] if last else range(position, len(name) - 1)
        for at in candidates:
            if index == 0 and at != 0:
                return None
            if at >= position and ratio(name[at], word) >= SPELLING_THRESHOLD:
                pairs.append((name[at], word))
                position = at + 1
                break
        else:
            return None
    return pairs


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


_HOST_UNSAFE = re.compile(r"[^a-z0-9]+")


def _unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "ben", "abu"})


def particle_cases(phrase: str) -> list[str]:
    """The other ways the press writes a name's particles: all in lower case, all
    capitalised ("bin Hamad Al Thani", "Bin Hamad al Thani"...). Nothing for a name without
    them, or whose particles open it ("Al Sisi" keeps its capital)."""
    words = phrase.split(" ")
    places = [i for i, word in enumerate(words) if i > 0 and word.lower() in _PARTICLES]
    if not places:
        return []
    variants = set()
    for style in (str.lower, str.capitalize):
        for flipped in (places, places[:1], places[1:]):
            changed = list(words)
            for i in flipped:
                changed[i] = style(words[i])
            variants.add(" ".join(changed))
    variants.discard(phrase)
    return sorted(variants)


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
