"""Accent folding and tokenisation that keep every character offset.

Matching runs on a folded copy of the article: accents stripped ("Exåmplé" reads
"Example"), typographic quotes, apostrophes and dashes made plain, odd spaces made
spaces. Each character folds to exactly one character, so an offset in the folded
copy is the same offset in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass, field
from itertools import accumulate, compress

_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u00b4": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u200b": " ",
    "\ufeff": " ",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0111": "d",
    "\u0110": "D",
    "\u0142": "l",
    "\u0141": "L",
    "\u0131": "i",
}
_FOLD_CACHE: dict[str, str] = {}


def _fold_char(char: str) -> str:
    folded = _FOLD_CACHE.get(char)
    if folded is not None:
        return folded
    folded = _SPECIAL.get(char)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = base if len(base) == 1 else char
    _FOLD_CACHE[char] = folded
    return folded


def fold(text: str) -> str:
    """``text`` with accents and typographic punctuation folded, same length as ``text``."""
    if text.isascii():
        return text
    return _NON_ASCII_RE.sub(_fold_run, text)


def _fold_run(match: re.Match[str]) -> str:
    return "".join([_fold_char(c) for c in match.group()])


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def positions_in(
    words: list[str], wanted: Container[str], first: int = 0, last: int | None = None
) -> list[int]:
    """Indexes of the words in ``words[first:last]`` that are in ``wanted`` (a C-speed scan)."""
    stop = len(words) if last is None else last
    return list(compress(range(first, stop), map(wanted.__contains__, words[first:stop])))


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping any character whose lower case is longer as it is."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_SPLIT_RE = re.compile(r"([^\W_]+)")
#: Two words in capitals side by side: a name some wires print so ("BARACK OBAMA").
_CAPS_RUN_RE = re.compile(r"\b[A-Z]{2,}[ \t]+[A-Z]{3,}\b|\b[A-Z][a-z]+[ \t]+[A-Z]{3,}\b")
#: Longer runs of capitals are a headline shouted, not a name.
_MAX_CAPS_RUN = 4


def _names_cased(words: list[str], starts: list[int], ends: list[int], folded: str) -> list[str]:
    """The word tokens with names written in capitals ("DMITRY MEDVEDEV") as names are
    written ("Dmitry Medvedev"), so the gazetteer's names match them. Runs of two to four
    words in capitals are read so, and a surname in capitals after a given name ("Ann
    EXAMPLE"); acronyms alone ("NATO", "US") and words of two letters stay as they are. The
    folded text keeps its capitals (datelines need them)."""
    cased = list(words)
    i, n = 0, len(words)
    while i < n:
        if not (words[i].isupper() and words[i].isalpha()):
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and words[j + 1].isupper()
            and words[j + 1].isalpha()
            and folded[ends[j] : starts[j + 1]] in (" ", ". ")
        ):
            j += 1
        run = j - i + 1
        if 2 <= run <= _MAX_CAPS_RUN:
            for k in range(i, j + 1):
                if len(words[k]) >= 3:
                    cased[k] = words[k].capitalize()
        elif (
            run == 1
            and len(words[i]) >= 3
            and i > 0
            and words[i - 1][:1].isupper()
            and words[i - 1][1:].islower()
            and folded[ends[i - 1] : starts[i]] == " "
        ):
            # "President Ann EXAMPLE": a surname in capitals after a given name.
            cased[i] = words[i].capitalize()
        i = j + 1
    return cased


@dataclass(slots=True)
class TextView:
    """An article's text with the folded and lower-cased copies and its word tokens.

    ``starts``, ``ends`` and ``words`` are parallel lists over the folded text; words
    are runs of letters and digits, so "Example's" is the tokens "Example" and "s".
    """

    text: str
    folded: str
    lower: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    _lower_words: list[str] | None = field(default=None, repr=False)
    _by_start: dict[int, int] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, text: str) -> TextView:
        folded = fold(text)
        lower = lower_same_length(folded)
        # Separators and words alternate in the split; running lengths give the offsets.
        parts = _SPLIT_RE.split(folded)
        offsets = list(accumulate(map(len, parts), initial=0))
        words = parts[1::2]
        count = 2 * len(words)
        starts, ends = offsets[1:count:2], offsets[2 : count + 1 : 2]
        if _CAPS_RUN_RE.search(folded):
            words = _names_cased(words, starts, ends, folded)
        return cls(text, folded, lower, starts, ends, words)

    @property
    def lower_words(self) -> list[str]:
        if self._lower_words is None:
            # Words never hold a NUL, so one join, one lower() and one split do it in C.
            self._lower_words = "\0".join(self.words).lower().split("\0") if self.words else []
        return self._lower_words

    def token_at_start(self, offset: int) -> int | None:
        """Index of the token that starts exactly at ``offset``."""
        if self._by_start is None:
            self._by_start = {s: i for i, s in enumerate(self.starts)}
        return self._by_start.get(offset)

    def first_token_from(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` (may be len(words))."""
        return bisect_right(self.starts, offset - 1)

    def last_token_before(self, offset: int) -> int:
        """Index of the last token ending at or before ``offset`` (-1 if none)."""
        return bisect_right(self.ends, offset) - 1
