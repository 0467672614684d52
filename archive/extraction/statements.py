"""Attributed statements: who said what, and for which side.

Four shapes, tried in this order on each sentence:

* inverted, at the end: "... , adds the presidency.", "..., reported for his part an
  Iranian official.";
* trailing: '"...," the presidency said.', "..., X's office said in a statement.";
* "according to": "according to his office", "According to the French presidency, ...";
* leading: "In a statement, X's office said ...", "The Russian president said that ...".

The side is read from the speaker: a seat of government or a capital gives its country,
a demonym gives its country ("an Iranian official"), a leader or "X's office" gives the
leader and their country; "the statement" and "he" continue the previous speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .knowledge import CAPITAL, COUNTRY, DEMONYM, SEAT, EntityMatch
from .leaders import LeaderAnalysis
from .records import ExtractedStatement, Span
from .sentences import Sentence
from .text import TextView, positions_in
from .vocabulary import REPORTING_VERBS, word_set

_SPEAKER = r"(?P<speaker>[^,;:\"()]{2,90}?)"
_END = r"\s*[.!?]?[\"')]*\s*$"
_INVERTED_RE = re.compile(
    r"(?:,\"?|\")\s*(?P<verb>said|says|added|adds|noted|notes|reported|reports|wrote|writes|"
    r"stated|states|continued|continues|stressed|stresses)\s+"
    r"(?:for\s+(?:his|her|its|their)\s+part\s+)?" + _SPEAKER + _END
)
_TAIL = (
    r"(?:\s+(?:in\s+a\s+(?:written\s+)?(?:statement|readout|communique|release|post|tweet)|"
    r"on\s+\w+|late\s+\w+|earlier|afterwards|later|in\s+a\s+\w+\s+post|"
    r"(?:of|about)\s+(?:the|their|his|her|its)\s+\w+|to\s+(?:reporters|journalists)))*"
    r"(?:,\s*(?:adding|citing|noting|stressing|saying)\b[^\"]*)?"
)
_TRAILING_RE = re.compile(
    r"(?:,\"?|\"|,)\s*"
    + _SPEAKER
    + rf"\s+(?P<verb>{REPORTING_VERBS}|told\s+(?:reporters|journalists|the\s+press))\b"
    + _TAIL
    + _END
)
#: '"...," X said in televised remarks at the start of the talks.': a quote, then who said it.
_QUOTE_FIRST_RE = re.compile(
    r"^\"(?P<quote>[^\"]{8,})\"\s*,?\s*" + _SPEAKER + rf"\s+(?P<verb>{REPORTING_VERBS})\b"
)
#: "... on Wednesday, the presidency said, the first meeting ...": an attribution mid-sentence.
_MIDDLE_RE = re.compile(
    r"(?:,\"?|\")\s*" + _SPEAKER + r"\s+(?P<verb>said|says|added|adds|noted|stated|reported|"
    r"announced|confirmed)\s*,\s+"
)
_ACCORDING_RE = re.compile(
    r"\baccording\s+to\s+(?:(?:a|the)\s+(?:joint\s+)?(?:statement|readout|communique|release)"
    r"\s+(?:from|by|issued\s+by|released\s+by|of)\s+)?"
    r"(?P<speaker>[^,;:\"()]{2,80}?)(?=\s*(?:[,;:.!?\"]|$))"
)
_LEADING_RE = re.compile(
    r"^(?:(?:in|on)\s+(?:a|an|the|its|his|her)\s+[^,]{1,60},\s*)?"
    + _SPEAKER
    + r"(?:,\s*(?:meanwhile|however|for\s+(?:his|her|its|their)\s+part|in\s+turn),)?"
    r"\s+(?P<verb>said|says|announced|stated|reported|noted|added|confirmed|wrote|tweeted|"
    r"told\s+(?:reporters|journalists|the\s+press|a\s+news\s+conference|state\s+media))"
    r"(?P<adverbs>(?:\s+(?:in\s+a\s+(?:written\s+)?(?:statement|readout|communique|post)|"
    r"on\s+\w+|late\s+\w+|earlier|back\s+then|at\s+the\s+time|afterwards|later|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday))*)"
    r"(?:\s+that)?\s+(?P<content>\S.*)$",
    re.DOTALL,
)
#: Speakers that carry on the previous statement's side.
_CONTINUING = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "the statement",
        "a statement",
        "the readout",
        "a readout",
        "the communique",
        "the release",
        "the text",
        "the document",
        "the source",
        "the official",
    }
)
_OFFICE_RE = re.compile(
    r"\s*(?:office|press\s+office|press\s+service|cabinet|spokes(?:man|woman|person)|"
    r"press\s+secretary|administration)\b"
)
_OFFICE_OF_RE = re.compile(r"\b(?:office|spokes(?:man|woman|person))\s+(?:of|for)\s+$")
_POSSESSIVE_PRONOUN_OFFICE_RE = re.compile(r"^(?:his|her)\s+(?:office|spokes\w+|press\s+\w+)")
_VERBISH_RE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|did|does|spoke|met|held|called|agreed|"
    r"discussed|warned|stressed|urged|added|underlined|emphasized|expressed)\b"
)
_MAX_SPEAKER_WORDS = 12
_TAIL_REACH = 320
_ATTRIBUTION_WORDS = word_set(
    """
    said says added adds noted notes stated states reported reports announced announces
    wrote writes tweeted posted confirmed confirms indicated indicates explained explains
    stressed stresses declared underlined affirmed continued continues according told
    """
)


@dataclass(slots=True)
class FoundStatement:
    statement: ExtractedStatement
    sentence: Sentence
    #: How the side was read: "seat", "leader", "office", "country", "context" or None.
    basis: str | None
    vague_past: bool = False


def find_statements(
    view: TextView,
    sentences: list[Sentence],
    leaders: LeaderAnalysis,
    entities: list[EntityMatch],
) -> list[FoundStatement]:
    """Every attributed statement, one per sentence at most, in text order."""
    entity_starts = [e.start for e in entities]
    found: list[FoundStatement] = []
    words, starts = view.lower_words, view.starts
    # Only sentences with a reporting word can hold an attribution.
    attributing = {
        index
        for position in positions_in(words, _ATTRIBUTION_WORDS)
        if (index := _sentence_index(sentences, starts[position])) is not None
    }
    for sentence in sentences:
        if sentence.is_title or sentence.index not in attributing:
            continue
        parsed = attribution(view, sentence)
        if parsed is None:
            continue
        speaker_span, content_span = parsed
        speaker = view.text[speaker_span[0] : speaker_span[1]].strip()
        if not speaker or len(speaker.split()) > _MAX_SPEAKER_WORDS:
            continue
        content = _strip_quotes(view.text, content_span)
        if content[1] - content[0] < 12:
            continue
        side_country, side_leader, basis = _side(
            view, sentence, speaker_span, leaders, entities, entity_starts, found
        )
        text = view.text[content[0] : content[1]]
        statement = ExtractedStatement(
            speaker=speaker,
            side_country=side_country,
            side_leader=side_leader,
            text=text,
            span=Span(content[0], content[1]),
            sentence=Span(sentence.start, sentence.end),
        )
        vague = bool(
            re.search(
                r"\b(?:back\s+then|at\s+the\s+time)\b", view.lower[sentence.start : sentence.end]
            )
        )
        found.append(FoundStatement(statement, sentence, basis, vague))
    return found


def _sentence_index(sentences: list[Sentence], offset: int) -> int | None:
    position = bisect_right(sentences, offset, key=_start) - 1
    if position >= 0 and offset < sentences[position].end:
        return sentences[position].index
    return None


def _start(sentence: Sentence) -> int:
    return sentence.start


def attribution(
    view: TextView, sentence: Sentence
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(speaker span, content span) of the sentence's attribution, if it has one."""
    lower = view.lower
    start, end = sentence.start, sentence.end
    text = lower[start:end]
    # An attribution at the end sits in the sentence's last few hundred characters.
    tail = max(0, len(text) - _TAIL_REACH)
    for pattern in (_INVERTED_RE, _TRAILING_RE):
        match = pattern.search(text, tail)
        if match and _plausible_speaker(match.group("speaker")):
            speaker = (start + match.start("speaker"), start + match.end("speaker"))
            return _trim(view, speaker), (start, start + match.start())
    match = _QUOTE_FIRST_RE.match(text)
    if match and _plausible_speaker(match.group("speaker")):
        speaker = (start + match.start("speaker"), start + match.end("speaker"))
        return _trim(view, speaker), (start + match.start("quote"), start + match.end("quote"))
    match = _MIDDLE_RE.search(text)
    if match and _plausible_speaker(match.group("speaker")):
        speaker = (start + match.start("speaker"), start + match.end("speaker"))
        return _trim(view, speaker), (start, start + match.start())
    match = _ACCORDING_RE.search(text) if "according" in text else None
    if match and _plausible_speaker(match.group("speaker")):
        speaker = (start + match.start("speaker"), start + match.end("speaker"))
        before = text[: match.start()].rstrip(" ,")
        after_offset = match.end()
        after = text[after_offset:].lstrip(" ,")
        if len(after.strip(" .")) > len(before):
            content_start = start + after_offset + (len(text[after_offset:]) - len(after))
            if before:
                # "X, according to the statement, told ...": keep the subject too.
                content_start = start
            return _trim(view, speaker), (content_start, end)
        return _trim(view, speaker), (start, start + len(before))
    match = _LEADING_RE.match(text)
    if match and _plausible_speaker(match.group("speaker")):
        speaker = (start + match.start("speaker"), start + match.end("speaker"))
        return _trim(view, speaker), (start + match.start("content"), end)
    return None


def _plausible_speaker(speaker: str) -> bool:
    words = speaker.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    if words[0] in ("and", "but", "which", "who", "that", "as", "while", "when", "if"):
        return False
    return not _VERBISH_RE.search(speaker)


def _trim(view: TextView, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and view.text[start] in " \"'":
        start += 1
    while end > start and view.text[end - 1] in " \"'.":
        end -= 1
    return start, end


def _strip_quotes(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and (text[start].isspace() or text[start] in "\"'“”‘’«»"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"'“”‘’«»,"):
        end -= 1
    return start, end


def _side(
    view: TextView,
    sentence: Sentence,
    speaker: tuple[int, int],
    leaders: LeaderAnalysis,
    entities: list[EntityMatch],
    entity_starts: list[int],
    earlier: list[FoundStatement],
) -> tuple[str | None, str | None, str | None]:
    lower = view.lower
    spoken = lower[speaker[0] : speaker[1]].strip()
    # A leader, or a leader's office: "the Russian president", "X's office".
    for mention in leaders.by_sentence.get(sentence.index, ()):
        if mention.end <= speaker[0] or mention.start >= speaker[1] or not mention.key:
            continue
        info = leaders.leaders.get(mention.key)
        country = info.country if info else None
        slug = info.slug if info else None
        if mention.possessive:
            if _OFFICE_RE.match(lower, mention.end + 2):
                return country, slug, "office"
            return country, None, "country"
        if _OFFICE_OF_RE.search(lower, speaker[0], mention.start):
            return country, slug, "office"
        return country, slug, "leader"
    # A seat of government, a capital, a country or a demonym.
    index = bisect_left(entity_starts, speaker[0])
    while index < len(entities) and entities[index].start < speaker[1]:
        entity = entities[index]
        for kind in (SEAT, CAPITAL, COUNTRY, DEMONYM):
            codes = entity.keys(kind)
            if codes:
                return codes[0], None, "seat" if kind == SEAT else "country"
        index += 1
    owner = _owner(leaders, sentence)
    if _POSSESSIVE_PRONOUN_OFFICE_RE.match(spoken) and owner is not None:
        info = leaders.leaders.get(owner)
        return (info.country if info else None), (info.slug if info else None), "office"
    if spoken in _CONTINUING:
        for previous in reversed(earlier):
            if sentence.index - previous.sentence.index > 4:
                break
            statement = previous.statement
            if statement.side_country or statement.side_leader:
                return statement.side_country, statement.side_leader, "context"
        if spoken in ("he", "she") and owner is not None:
            info = leaders.leaders.get(owner)
            return (info.country if info else None), (info.slug if info else None), "leader"
    return None, None, None


def _owner(leaders: LeaderAnalysis, sentence: Sentence) -> str | None:
    """The leader a "his" or "he" in this sentence most likely refers to."""
    subject = leaders.subject(sentence.index)
    if subject:
        return subject
    for index in range(sentence.index - 1, max(-1, sentence.index - 4), -1):
        subject = leaders.subject(index)
        if subject:
            return subject
    return None
