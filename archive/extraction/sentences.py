"""A fast sentence splitter with exact offsets.

It splits after ".", "!" or "?" (and any closing quotes or brackets) when the next word
starts a sentence, and at every line break before a capital; it does not split after
abbreviations ("Sept.", "Mr.", "U.N."), initials ("George W. Bush") or inside a quotation
that closes within the paragraph, so an attributed quote stays with its "... the
presidency said."
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import word_set

ABBREVIATIONS = word_set("""
    mr mrs ms dr prof sr jr st gen gov sen rep lt col maj capt sgt adm cmdr rev hon rt pres amb
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vs v approx est inc corp ltd co dept univ fig mt ft
    """)
# Closing quotes as they are folded: straight quotes only.
_TERMINATOR_TAIL = frozenset(".!?'\")]")
_QUOTE_OPENERS = "\"'(["
_MAX_QUOTE = 700
_MAX_SENTENCE = 1500


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its index, its offsets in the article and its paragraph."""

    index: int
    start: int
    end: int
    paragraph: int
    is_title: bool = False


def split_sentences(
    folded: str, start: int = 0, end: int | None = None, *, first_index: int = 0
) -> list[Sentence]:
    """Sentences of ``folded[start:end]`` with offsets into ``folded``.

    ``folded`` is the folded article text (typographic quotes made straight, same length
    as the original), so the offsets are valid in the original text too.
    """
    stop = len(folded) if end is None else end
    sentences: list[Sentence] = []
    paragraph = 0
    cursor = start
    # Where the quotation open at the scan position began (None when none is open).
    quote_open_at: int | None = None
    scanned = start
    resume = start
    wrapped = wrapped_breaks(folded, start, stop)
    # One cheap pass finds every terminator and line break; the checks are in Python.
    for position in _candidates(folded, start, stop):
        if position < resume:
            continue
        if (
            folded[position] == "\n"
            and position in wrapped
            and not _ends_line(folded, cursor, position)
        ):
            continue  # a line of a paragraph wrapped at a fixed width: a space
        if folded[position] == "\n":
            # A quotation never runs across paragraphs unclosed.
            quote_open_at = None
            scanned = position
            next_start = _skip_space(folded, position + 1, stop)
            if next_start >= stop:
                break
            if (
                "\n" in folded[position + 1 : next_start]
                or _starts_sentence(folded, next_start)
                or _ends_line(folded, cursor, position)
            ):
                _emit(sentences, folded, cursor, position, paragraph, first_index)
                paragraph += 1
                cursor = next_start
            resume = next_start
            continue
        # A terminator: run over more terminators and closing quotes or brackets.
        stop_end = position + 1
        while stop_end < stop and folded[stop_end] in _TERMINATOR_TAIL:
            stop_end += 1
        resume = stop_end
        if stop_end < stop and _glued(folded, cursor, position, stop_end):
            # "... the Irish Taoiseach.The Prime Minister ...": paragraphs a page ran together.
            _emit(sentences, folded, cursor, stop_end, paragraph, first_index)
            cursor = stop_end
            scanned = stop_end
            quote_open_at = None
            continue
        if stop_end >= stop or folded[stop_end] not in " \t":
            continue
        next_start = stop_end
        while next_start < stop and folded[next_start] in " \t":
            next_start += 1
        if folded.count('"', scanned, stop_end) % 2:
            quote_open_at = (
                None if quote_open_at is not None else folded.rfind('"', scanned, stop_end)
            )
        scanned = stop_end
        if next_start >= stop or not _starts_sentence(folded, next_start):
            continue
        if folded[position] == "." and _is_abbreviation(folded, cursor, position):
            continue
        if quote_open_at is not None and stop_end - quote_open_at < _MAX_QUOTE:
            continue
        quote_open_at = None
        _emit(sentences, folded, cursor, stop_end, paragraph, first_index)
        cursor = next_start
    _emit(sentences, folded, cursor, stop, paragraph, first_index)
    return sentences


#: A paragraph: lines from a line's start, up to a blank line (anchored, so one pass).
_BLOCK_RE = re.compile(r"^[^\n]+(?:\n[^\n]+)*", re.MULTILINE)
_LOWER_END_RE = re.compile(r"(?:[a-z]|[,;(])\s*$")
_LINE_END_WORD_RE = re.compile(r"(?:[a-z]|[,;(]|\b[A-Z][a-z]+)\s*$")


def wrapped_breaks(folded: str, start: int, stop: int) -> set[int]:
    """The line breaks inside paragraphs wrapped at a fixed width (old wires and archives
    print "President X and visiting French\nPresident Y began ..."): paragraphs of
    three lines or more, half of whose lines or more run on into the next, are one text."""
    if folded.count("\n", start, stop) < 2:
        return set()
    found: set[int] = set()
    for block in _BLOCK_RE.finditer(folded, start, stop):
        lines = block.group().split("\n")
        if len(lines) < 3:
            continue
        running = sum(
            1
            for line in lines[:-1]
            if 30 <= len(line.rstrip()) <= 100
            and not line.rstrip().endswith((".", "!", "?", ":", '"'))
            and _LINE_END_WORD_RE.search(line)
        )
        lower_ends = sum(1 for line in lines[:-1] if _LOWER_END_RE.search(line))
        if running < 2 or running * 2 < len(lines) - 1 or lower_ends == 0:
            continue
        position = block.start()
        for line in lines[:-1]:
            position += len(line)
            found.add(position)
            position += 1
    return found


def _candidates(folded: str, start: int, stop: int) -> list[int]:
    """Offsets of every terminator and line break, found with str.find (memchr speed)."""
    found: list[int] = []
    for char in ".!?\n":
        position = folded.find(char, start, stop)
        while position >= 0:
            found.append(position)
            position = folded.find(char, position + 1, stop)
    found.sort()
    return found


def _emit(
    sentences: list[Sentence], folded: str, start: int, end: int, paragraph: int, first: int
) -> None:
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    # Text without punctuation (a scraped list, a table) is cut into pieces of bounded
    # length at spaces, so that no "sentence" makes the later steps slow.
    while end - start > _MAX_SENTENCE:
        cut = folded.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut < 0:
            cut = start + _MAX_SENTENCE
        sentences.append(Sentence(first + len(sentences), start, cut, paragraph))
        start = cut
        while start < end and folded[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(first + len(sentences), start, end, paragraph))


#: A word before a period with no space after it, and the capitalised word it runs into.
_GLUED_BEFORE_RE = re.compile(r"(?<![\w./@:-])[A-Z]?[a-z]{3,}$")
_GLUED_AFTER_RE = re.compile(r"[A-Z][a-z]{2,}\b")


def _glued(text: str, floor: int, period: int, after: int) -> bool:
    """Whether a period that no space follows ends a sentence all the same: a plain word
    runs into a capitalised one ("Taoiseach.The"), not an address ("www.example.com"), a
    name ("Node.Js") or an abbreviation ("U.S.")."""
    if text[period] != "." or after != period + 1:
        return False
    return bool(
        _GLUED_BEFORE_RE.search(text, max(floor, period - 40), period)
        and _GLUED_AFTER_RE.match(text, after)
    )


def _skip_space(text: str, position: int, stop: int) -> int:
    while position < stop and text[position].isspace():
        position += 1
    return position


#: A list's bullets: an item of a page's list opens a sentence of its own.
BULLETS = "•▪◦"


def _starts_sentence(text: str, position: int) -> bool:
    """Whether the text at ``position`` can open a sentence: a capital, digit, opener or a
    list's bullet."""
    limit = min(len(text), position + 4)
    while position < limit and text[position] in _QUOTE_OPENERS:
        position += 1
    if position >= len(text):
        return False
    char = text[position]
    return char.isupper() or char.isdigit() or char in BULLETS


def _ends_line(text: str, start: int, position: int) -> bool:
    """Whether the line ending at ``position`` reads as complete (ends with punctuation)."""
    end = position
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return end > start and text[end - 1] in ".!?\"')]:"


def _is_abbreviation(text: str, floor: int, period: int) -> bool:
    """Whether the word before the period at ``period`` is an abbreviation or an initial."""
    begin = period
    while begin > floor and (text[begin - 1].isalnum() or text[begin - 1] == "."):
        begin -= 1
    word = text[begin:period]
    if not word:
        return False
    if "." in word:
        # Dotted abbreviations: U.N., U.S., a.m.
        return all(len(part) <= 2 for part in word.split(".") if part)
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS
