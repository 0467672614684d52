"""Who is mentioned: leaders by name, by title alone, by reference, and new ones by title.

A mention is one of:

* ``name``: a knowledge-base name or alias ("Ann Example", "Exåmple"), with any title
  in front of it folded in ("French President Ann Example");
* ``title``: a title with a country and no name ("the Turkish president", "Iran's
  president"), resolved to the leader whose term covers the article's date, or, when the
  date is unknown, to the leader of that country the text names most;
* ``counterpart``: "his Iranian counterpart", "his counterpart";
* ``group``: "the two presidents", "both leaders", "the Russian and French leaders";
* ``discovered``: a head-of-state or government title followed by a name the knowledge
  base does not know ("Kenyan President William Ruto", "President X of Y").

Aides, ministers, spokespeople and anybody else are never leaders: only knowledge-base
names and head-of-state/government titles make a mention.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .knowledge import (
    CAPITAL,
    COUNTRY,
    DEMONYM,
    LEADER_ALIAS,
    LEADER_NAME,
    SEAT,
    SPELLING_THRESHOLD_IN_OFFICE,
    EntityMatch,
    KnowledgeBase,
    SpellingMatch,
    Term,
)
from .sentences import Sentence
from .text import TextView, positions_in
from .vocabulary import (
    BLOCKING_TITLE_PREFIXES,
    DISCOVERY_TITLES,
    FUNCTION_WORDS,
    GENERIC_TITLES,
    LIST_GAP_RE,
    MONTHS,
    NAME_PARTICLES,
    NON_LEADER_ROLE_RE,
    PLURAL_TITLE_WORDS,
    SUBJECT_SKIP,
    TITLE_CANONICAL,
    TITLE_RE,
    WEEKDAYS,
    word_set,
)

_PLACE_KINDS = (COUNTRY, DEMONYM, SEAT, CAPITAL)
#: Titles a government's readout gives its own leader without a name or country.
_HOST_TITLES = frozenset(
    {"prime minister", "president", "chancellor", "taoiseach", "premier", "pm"}
)
_DETERMINERS = frozenset({"the", "his", "her", "their", "its", "both", "two"})
#: The offices of a head of state ("the Head of State", "His Majesty").
_HEAD_OF_STATE_OFFICES = frozenset(
    {*GENERIC_TITLES["head of state"], "head of state", "grand duke", "prince", "co-prince"}
)
#: Titles an official readout gives the leader it has named in full, alone as a sentence's
#: subject later on ("The President later spoke with ...", "His Highness the Amir also
#: received ..."), and the offices each stands for.
_SUBJECT_TITLE_OFFICES: dict[str, frozenset[str]] = {
    "president": frozenset({"president"}),
    "prime minister": frozenset({"prime minister", "premier"}),
    "chancellor": frozenset({"chancellor"}),
    "head of state": _HEAD_OF_STATE_OFFICES,
    "head of government": frozenset(GENERIC_TITLES["head of government"]),
    "emir": _HEAD_OF_STATE_OFFICES,
    "king": _HEAD_OF_STATE_OFFICES,
    "sultan": _HEAD_OF_STATE_OFFICES,
}
#: The offices a head of state's own title names, tried before any head of state's.
_OWN_OFFICES: dict[str, frozenset[str]] = {
    "emir": frozenset({"emir", "amir"}),
    "king": frozenset({"king"}),
    "sultan": frozenset({"sultan"}),
}
_LOWER_CASE_SUBJECT_TITLES = frozenset({"prime minister", "premier", "president", "chancellor"})
#: Title words that stand alone for a leader only after a form of address ("His Highness
#: the Amir", "His Majesty the King"); "the king" alone may be anybody's.
_ADDRESSED_TITLES = frozenset({"emir", "king", "sultan"})
#: "His Highness", "His Majesty" right before a title: the form of address of its holder.
_ADDRESS_BEFORE_RE = re.compile(r"(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness)\s+\Z")
#: A style before a head of state's title and name: "Custodian of the Two Holy Mosques King
#: X", "Guardian of the Constitution President Y" (capitalised words, "of the", capitalised
#: words); the mention starts with it.
_STYLE_BEFORE_RE = re.compile(
    r"(?<![\w'-])(?:[A-Z][\w'-]*[ \t]+){1,3}of[ \t]+the[ \t]+(?:[A-Z][\w'-]*[ \t]+){1,4}\Z"
)
#: "His Majesty" alone, not before a name or a title ("His Majesty later received ..."):
#: the head of state a readout has named.
_BARE_MAJESTY_RE = re.compile(
    r"\b(?:His|Her)\s+Majesty(?=[ \t]+(?!(?:the|and|or|of|to|in|for)\b)[a-z])"
)
#: An opening phrase before a sentence's subject that ends with a comma ("On May 3, the
#: Prime Minister ..."): a few words, no quotation.
_OPENING_PHRASE_RE = re.compile(r"[^,;:\"]{1,60},\s*\Z")
#: Words for a holder of an office for the time being ("acting Iranian President X").
_ACTING_WORDS = frozenset({"acting", "interim", "caretaker"})
#: Words of a title's own before it: "Federal Chancellor", "German Federal President".
_TITLE_QUALIFIERS = frozenset({"federal"})
_PAST_PREFIXES = frozenset({"former", "late", "then", "ex", "previous", "erstwhile"})
_GROUP_DETERMINERS = frozenset({"the", "both", "two", "the two", "their"})
_OF_COUNTRY_RE = re.compile(r"\s+of\s+(?:the\s+)?")
#: The form of a state's name before "of <country>": "Republic of", "Islamic Republic of",
#: "Hashemite Kingdom of the", "Plurinational State of".
_STATE_FORM_RE = re.compile(
    r"(?:[A-Z][\w'-]*\s+){0,3}(?:Republic|Kingdom|State|Sultanate|Emirate|Principality|"
    r"Grand\s+Duchy|Federation|Commonwealth|Union)\s+of\s+(?:the\s+)?"
)
_APPOSITION_RE = re.compile(r",?\s+")
_SPACE_RE = re.compile(r"\s+")
#: "John Q. Example Jr.", "Charles III": part of the name.
_SUFFIX_RE = re.compile(r",?\s+(?:Jr|Sr)\b|\s+(?:II|III|IV)\b")
_NAME_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
_TITLE_LAST_WORDS = word_set(
    """
    president presidents minister ministers premier premiers chancellor chancellors king
    kings queen queens emir emirs amir amirs sultan sultans prince princes leader leaders monarch
    taoiseach state government counterpart counterparts colleague colleagues homologue
    homologues pm
    """
)
#: Words of a title or a form of address an alias may open with ("Sheikh Example").
_FORMS_OF_ADDRESS = word_set(
    "sheikh shaikh sheik sultan prince princess king queen emir amir crown mr mrs ms dr "
    "president premier chancellor"
)
_CONJUNCTION_RE = re.compile(r"(?:,\s+and|\s+and|\s+&|,)\s+\Z")
#: Capitalised words that are ordinary English and never a part of a person's name: the
#: furniture of a page (bylines, "Press release", photo credits, "Online"), forms of
#: address, institutions, and the verbs and nouns of headlines written in title case
#: ("President Confirms Call"). Surnames that are also words (Park, Brown, Long) are not
#: listed.
_NOT_NAME_WORDS = word_set(
    """
    online press release releases office news newsroom agency agencies service services
    ministry department bureau embassy secretariat website portal archive archives photo
    photos picture pictures image images video videos file copyright rights reserved
    update updated updates live breaking exclusive report reports statement statements
    posted published released issued modified edited uploaded
    readout readouts transcript transcripts communique speech remarks briefing interview
    majesty majesties highness highnesses excellency excellencies holiness honour honor
    royal
    call calls called phone phones phoned telephone telephoned talks talk talked
    conversation conversations meeting meetings meet meets met summit visit visits visited
    visiting trip tour hold holds held speak speaks spoke spoken say says said tell tells
    told confirm confirms confirmed announce announces announced discuss discusses
    discussed receive receives received host hosts hosted welcome welcomes welcomed
    congratulate congratulates congratulated thank thanks thanked urge urges urged vow
    vows vowed warn warns warned start starts started begin begins began end ends ended
    arrive arrives arrived leave leaves left agree agrees agreed sign signs signed invite
    invites invited express expresses expressed reaffirm reaffirms reaffirmed stress
    stresses stressed slam slams hail hails praise praises backs rejects denies
    hospital airport university college school street avenue road boulevard square bridge
    stadium mosque cathedral museum foundation institute centre center award prize
    government council commission committee parliament assembly
    """
)
#: Words that make the capitalised words before them an institution or a place named
#: after a person ("King Faisal Specialist Hospital", "President Example Airport").
_INSTITUTION_WORDS = word_set(
    """
    hospital airport university college school street avenue road boulevard square bridge
    stadium mosque cathedral museum foundation institute centre center award prize highway
    port canal dam library
    """
)
#: Capitalised words before a title that make it an organisation's, not a state's
#: ("World Bank President", "European Commission President").
_ORGANISATION_WORDS = word_set(
    """
    bank commission council committee union fund federation association party company
    corporation group forum assembly parliament court club institute university foundation
    organization organisation board agency senate congress league society chamber
    conference alliance movement front coalition
    """
)
#: Forms of address between a title and a name: "the Sultan of Oman, His Majesty Haitham
#: ...", "UAE President Sheikh Mohamed ...".
_HONORIFIC_RE = re.compile(
    r"(?:(?:His|Her|Their)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency|Holiness)|"
    r"Sheikh|Sheik|Shaikh|Sheikha|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+"
)
#: "son of", "daughter of" inside an Arabic name ("Khaled bin Mohamed bin Zayed").
_PATRONYMIC_WORDS = frozenset({"bin", "ibn", "bint"})
#: An heir's title: a leader's office only where the gazetteer says so (Saudi Arabia's
#: crown prince); elsewhere the heir to a throne is no head of state or government.
_HEIR_TITLES = frozenset({"crown prince"})
#: A name's lineage after it: "bin Abdulaziz", "bin Hamad bin Khalifa Al Thani".
_LINEAGE_RE = re.compile(
    r"(?:\s+(?:bin|ibn|bint)\s+[A-Z][\w'-]*)+(?:\s+(?:Al|al|El|el)[\s-][A-Z][\w'-]*)?"
)
#: "the press secretary of the President ...", "aide to the Russian president": the name
#: after such a title is the aide's.
_ROLE_BEFORE_RE = re.compile(rf"(?:{NON_LEADER_ROLE_RE.pattern})\s+(?:of|to|for)\s+(?:the\s+)?\Z")
#: The ordinary word glued to a name by a page's layout: "TrumpPhoto".
_GLUED_TAIL_RE = re.compile(r"(?<=[a-z])[A-Z][a-z]+\Z")


@dataclass(slots=True)
class LeaderInfo:
    """A leader known to the article: from the knowledge base or discovered in it."""

    key: str
    name: str
    country: str | None
    known: bool
    slug: str | None = None
    #: For a discovered leader: the title the article gives them ("president").
    title: str | None = None


@dataclass(slots=True)
class Mention:
    """One reference to one or more leaders, with offsets into the text."""

    start: int
    end: int
    kind: str
    sentence: int
    keys: tuple[str, ...] = ()
    title: str | None = None
    countries: tuple[str, ...] = ()
    determiner: str | None = None
    possessive: bool = False
    possessed: str | None = None
    #: Name mentions: candidate slugs when an alias is shared by several leaders.
    candidates: tuple[str, ...] = ()
    #: Title mentions: a title alone as its sentence's subject ("The President later
    #: spoke ..."), which may stand for the leader the text last made a subject.
    bare: bool = False

    @property
    def key(self) -> str | None:
        return self.keys[0] if len(self.keys) == 1 else None


@dataclass(slots=True)
class LeaderAnalysis:
    """Every leader mention of an article, resolved, and the leaders they refer to."""

    mentions: list[Mention]
    by_sentence: dict[int, list[Mention]]
    leaders: dict[str, LeaderInfo]
    order: list[str]
    #: Recently mentioned leaders before each sentence, most recent first.
    recent_before: dict[int, list[str]]
    name_counts: Counter[str]
    warnings: list[str] = field(default_factory=list)
    by_end: dict[int, Mention] = field(default_factory=dict)
    by_start: dict[int, Mention] = field(default_factory=dict)

    def subject(self, sentence: int) -> str | None:
        """The first singular, non-possessive leader of a sentence."""
        for mention in self.by_sentence.get(sentence, ()):
            if mention.key and not mention.possessive:
                return mention.key
        return None


def analyse_leaders(
    view: TextView,
    kb: KnowledgeBase,
    entities: list[EntityMatch],
    sentences: list[Sentence],
    reference: date | None,
    host: str | None = None,
) -> LeaderAnalysis:
    """Find and resolve the leader mentions in the article's sentences.

    ``entities`` are the knowledge-base phrases found in the text; ``reference`` is the
    article's date (or None), used to pick the office holder behind a title. ``host`` is
    the country whose government published the page, when known (see :mod:`.hosts`): its
    readouts call their own leader "The Prime Minister" or "The President", nothing more.
    """
    finder = _Finder(view, kb, entities, sentences, reference, host)
    return finder.run()


#: A name written in initials ("ABC"), and what after one makes it a form of address.
_INITIALS_RE = re.compile(r"[A-Z]{2,4}")
_HONORIFIC_THE_RE = re.compile(r"\s+the\s+[A-Z]")


#: Before a title, what makes it an office's name, not its holder ("the Office of the
#: President", "the spokesman for the Prime Minister", "the Press Service of the President").
_OFFICE_OF_RE = re.compile(
    r"\b(?:office|cabinet|palace|residence|press\s+service|press\s+office|chancellery|"
    r"secretariat|administration|spokes(?:man|woman|person)|press\s+secretary)"
    r"\s+(?:of|for|to)\s+(?:the\s+)?$"
)


class _Finder:
    def __init__(
        self,
        view: TextView,
        kb: KnowledgeBase,
        entities: list[EntityMatch],
        sentences: list[Sentence],
        reference: date | None,
        host: str | None = None,
    ) -> None:
        self.view = view
        self.kb = kb
        self.host = host
        self.entities = entities
        self.sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self.reference = reference
        self.entity_by_end = {e.end: e for e in entities}
        self.entity_by_start = {e.start: e for e in entities}
        self.leaders: dict[str, LeaderInfo] = {}
        self.warnings: list[str] = []
        #: Spellings the knowledge base lacks, matched to a known leader: words -> slug.
        self.spelled: dict[tuple[str, ...], str] = {}
        self._context: tuple[str, ...] | None = None
        #: Name mentions that stand for somebody else than their leader (by ``id``).
        self.not_leaders: set[int] = set()

    # --- helpers ---------------------------------------------------------------------------

    def sentence_of(self, offset: int) -> Sentence | None:
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0:
            return None
        sentence = self.sentences[index]
        return sentence if offset < sentence.end else None

    def _known(self, slug: str) -> LeaderInfo:
        info = self.leaders.get(slug)
        if info is None:
            entry = self.kb.leaders[slug]
            info = LeaderInfo(slug, entry.name, entry.country, True, slug=slug)
            self.leaders[slug] = info
        return info

    # --- passes ----------------------------------------------------------------------------

    def run(self) -> LeaderAnalysis:
        mentions = self._name_mentions()
        title_mentions, appositions = self._title_mentions(mentions)
        for name_mention, start, title, countries in appositions:
            name_mention.start = min(name_mention.start, start)
            name_mention.title = title
            name_mention.countries = countries
        mentions.extend(title_mentions)
        mentions = [
            m for m in mentions if id(m) not in self.not_leaders and not self._named_as_heir(m)
        ]
        mentions.extend(self._discovered_repeats(mentions))
        mentions = _drop_overlaps(mentions)
        for mention in mentions:
            self._take_style(mention)
        for mention in mentions:
            self._mark_possessive(mention)
        name_counts: Counter[str] = Counter()
        for mention in mentions:
            if mention.kind == "name" and len(mention.candidates) == 1:
                name_counts[mention.candidates[0]] += 1
        self._disambiguate(mentions, name_counts)
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        recent_before, order = self._resolve(by_sentence, name_counts)
        return LeaderAnalysis(
            mentions=mentions,
            by_sentence=by_sentence,
            leaders=self.leaders,
            order=order,
            recent_before=recent_before,
            name_counts=name_counts,
            warnings=self.warnings,
            by_end={m.end: m for m in mentions},
            by_start={m.start: m for m in mentions},
        )

    def _name_mentions(self) -> list[Mention]:
        view, kb = self.view, self.kb
        found: list[Mention] = []
        for entity in self.entities:
            full = entity.keys(LEADER_NAME)
            aliases = entity.keys(LEADER_ALIAS)
            if not full and not aliases:
                continue
            sentence = self.sentence_of(entity.start)
            if sentence is None:
                continue
            if entity.has(*_PLACE_KINDS) and not full:
                # A word that is both a place and a surname reads as the place.
                continue
            if self._after_patronymic(entity.first_token):
                # "Khaled bin Mohamed bin Zayed": the father's name in the son's.
                continue
            start = entity.start
            candidates = tuple(dict.fromkeys(full or aliases))
            if not full:
                previous = entity.first_token - 1
                if previous >= 0 and view.starts[previous] >= sentence.start:
                    word = view.words[previous]
                    gap = view.folded[view.ends[previous] : entity.start]
                    if gap == " " and word[:1].isupper() and not self._is_vocabulary(previous):
                        owners = tuple(s for s in candidates if word in kb.name_tokens[s])
                        if not owners:
                            # "Vladimit Example": a misspelt first name of the same person.
                            written = (
                                word,
                                *view.words[entity.first_token : entity.last_token + 1],
                            )
                            owners = tuple(s for s in candidates if kb.spells_name(s, written))
                        if not owners:
                            # "Donald John Example": a middle name the knowledge base lacks.
                            first_name = self._first_name_before(previous, sentence, candidates)
                            if first_name is not None:
                                owners, previous = first_name
                        if (
                            not owners
                            and word in kb.given_names
                            and self._given_and_surname(entity)
                        ):
                            # "Muhammad Ann Example" for "Ann Example": one more given name
                            # before a given name and a surname.
                            owners = candidates
                        if not owners:
                            # "Mohammad Example" is somebody else than "Example".
                            continue
                        candidates = owners
                        start = view.starts[previous]
                if not self._given_and_surname(entity) and self._name_goes_on(
                    entity.last_token, sentence
                ):
                    # "Johnson Example" is somebody else than "Johnson"; "Ann Example Other"
                    # is Ann Example with a second surname.
                    continue
                if _INITIALS_RE.fullmatch(view.folded, entity.start, entity.end) and (
                    _HONORIFIC_THE_RE.match(view.folded, entity.end)
                ):
                    # "HH the Amir", "HE the President": a form of address in initials.
                    continue
            if full and start == entity.start and self._given_and_surname(entity):
                # "Muhammad Ann Example": one more given name before the full name.
                previous = entity.first_token - 1
                if (
                    previous >= 0
                    and view.starts[previous] >= sentence.start
                    and view.folded[view.ends[previous] : entity.start] == " "
                    and view.words[previous] in kb.given_names
                    and view.words[previous].lower() not in _FORMS_OF_ADDRESS
                    and not self._is_vocabulary(previous)
                ):
                    start = view.starts[previous]
            end = entity.end
            suffix = _SUFFIX_RE.match(view.folded, end)
            if suffix:
                end = suffix.end()
            lineage = _LINEAGE_RE.match(view.folded, end)
            if lineage and lineage.end() <= sentence.end:
                # "Mohammed bin Salman bin Abdulaziz Al Saud": the rest of the same name.
                end = lineage.end()
            found.append(Mention(start, end, "name", sentence.index, candidates=candidates))
        return found

    def _after_patronymic(self, token: int) -> bool:
        """Whether the name at ``token`` follows "son of" or "daughter of" in another
        person's name: "bin", "ibn" or "bint" (also written "bin.") after a given name."""
        view = self.view
        particle = token - 1
        if particle < 1 or view.lower_words[particle] not in _PATRONYMIC_WORDS:
            return False
        if view.folded[view.ends[particle] : view.starts[token]] not in (" ", ". "):
            return False
        given = particle - 1
        return (
            view.folded[view.ends[given] : view.starts[particle]] == " "
            and view.words[given][:1].isupper()
        )

    def _given_and_surname(self, entity: EntityMatch) -> bool:
        """Whether an alias is a name of two words or more, none of them a title ("Ann
        Example", not "President Example"): another capitalised word beside it is more of
        the same person's name."""
        words = self.view.words[entity.first_token : entity.last_token + 1]
        return len(words) > 1 and not any(
            word.lower() in _NOT_NAME_WORDS
            or word.lower() in _TITLE_LAST_WORDS
            or word.lower() in _FORMS_OF_ADDRESS
            or word.lower() in FUNCTION_WORDS
            or word in self.kb.place_words
            for word in words
        )

    def _first_name_before(
        self, middle: int, sentence: Sentence, candidates: tuple[str, ...]
    ) -> tuple[tuple[str, ...], int] | None:
        """The leaders among ``candidates`` whose first name stands before the middle name at
        token ``middle``, and that first name's token; None when it does not."""
        view = self.view
        first = middle - 1
        if first < 0 or view.starts[first] < sentence.start:
            return None
        if view.folded[view.ends[first] : view.starts[middle]] != " ":
            return None
        word = view.words[first]
        if not word[:1].isupper() or self._is_vocabulary(first):
            return None
        owners = tuple(s for s in candidates if word in self.kb.name_tokens[s])
        return (owners, first) if owners else None

    def _name_goes_on(self, token: int, sentence: Sentence) -> bool:
        """Whether the word after ``token`` carries on a person's name: capitalised, one
        space away, in the same sentence, and no word the knowledge base or grammar knows."""
        view = self.view
        following = token + 1
        return (
            following < len(view.words)
            and view.starts[following] < sentence.end
            and view.folded[view.ends[token] : view.starts[following]] == " "
            and view.words[following][:1].isupper()
            and view.words[following] not in _NAME_SUFFIXES
            and not self._is_vocabulary(following)
        )

    def _of_countries(self, mention: Mention, countries: tuple[str, ...]) -> bool:
        """Whether one of the leaders ``mention`` may be is of one of ``countries``."""
        slugs = mention.candidates or mention.keys
        return any(
            (leader := self.kb.leaders.get(slug)) is not None and leader.country in countries
            for slug in slugs
        )

    def _is_vocabulary(self, token: int) -> bool:
        word = self.view.words[token]
        lower = word.lower()
        if lower in FUNCTION_WORDS or lower in MONTHS or lower in WEEKDAYS:
            return True
        if lower in _NOT_NAME_WORDS:
            return True
        if word in self.kb.place_words or (word.isupper() and len(word) > 1):
            return True
        entity = self.entity_by_end.get(self.view.ends[token])
        return entity is not None

    def _title_mentions(
        self, names: list[Mention]
    ) -> tuple[list[Mention], list[tuple[Mention, int, str, tuple[str, ...]]]]:
        view = self.view
        names_by_start = {m.start: m for m in names}
        names_by_end = {m.end: m for m in names}
        named = {id(m) for m in names}
        found: list[Mention] = []
        appositions: list[tuple[Mention, int, str, tuple[str, ...]]] = []
        for match in self._title_matches():
            prefix = match.group("prefix")
            prefix = _SPACE_RE.sub(" ", prefix) if prefix else None
            if prefix in BLOCKING_TITLE_PREFIXES:
                continue
            sentence = self.sentence_of(match.start())
            if sentence is None:
                continue
            title_words = _SPACE_RE.sub(" ", match.group("title"))
            if title_words == "pm" and not self._is_pm_title(match):
                continue
            if _OFFICE_OF_RE.search(view.lower, max(0, match.start() - 40), match.start()):
                continue  # "the Office of the President reported": an office, not its holder
            canonical = TITLE_CANONICAL.get(title_words, title_words)
            plural = title_words in PLURAL_TITLE_WORDS
            capitalised = view.folded[match.start("title")].isupper()
            start, countries, determiner = self._left_of_title(match.start(), sentence)
            # "the former Iranian president" is not whoever holds the office now.
            former = prefix in _PAST_PREFIXES or self._word_before(start, sentence) in (
                _PAST_PREFIXES
            )
            end = match.end()
            name = names_by_start.get(match.start("title"))
            if countries and not plural and name is not None and name.end > end:
                # "Jordan's King Example", "the Exampish Emir Ann": an alias that opens with
                # its title takes the country before it; of another country, it is somebody
                # else ("Otherish King Example").
                if self._fits(name, countries):
                    appositions.append((name, start, canonical, countries))
                    continue
                self.not_leaders.add(id(name))
            possessive = view.folded[end : end + 2] == "'s"
            # "the president of France"
            if not countries and not possessive:
                entity = self._of_country(end)
                if entity is not None:
                    countries = tuple(entity.keys(COUNTRY))
                    end = entity.end
                    if plural:
                        # "the leaders of Germany, France and Italy": one of each.
                        countries, end = self._more_countries(countries, end)
            if not possessive and not plural:
                gap = _APPOSITION_RE.match(view.folded, end)
                if (
                    gap is not None
                    and "," in gap.group()
                    and view.folded[start - 2 : start] == ", "
                    and start - 2 in names_by_end
                ):
                    # "Ann Example, King of Example, Bob Other": the title is the name's
                    # before it, and the name after it somebody else's.
                    gap = None
                elif countries and not possessive and not plural:
                    # "Sheikh Ann Exampel, Emir of Example": a known leader spelt another way.
                    spelled = self._spelled_before(start, end, sentence, canonical, countries)
                    if spelled is not None:
                        found.append(spelled)
                        continue
                if gap is not None and "\n" in gap.group():
                    # "... from the President of France" ending a headline, then "Posted On:
                    # <date>": a name never goes on across a line break.
                    gap = None
                if gap is not None:
                    # "French President Ann Example", "his Russian counterpart, Boris Example",
                    # "the Sultan of Example, His Majesty Ann Example"
                    name_start = self._after_honorifics(gap.end())
                    name = names_by_start.get(name_start)
                    if name is not None and self._fits(name, countries):
                        appositions.append((name, start, canonical, countries))
                        continue
                    if self._institution_at(name_start, sentence):
                        # "King Example Specialist Hospital": a place named after someone.
                        continue
                    can_discover = (
                        canonical in DISCOVERY_TITLES
                        and prefix in (None, "former", "acting", "interim")
                        and (capitalised or bool(countries))
                        and not self._someone_elses_title(start, sentence)
                        and self._office_here(canonical, countries)
                    )
                    if can_discover:
                        discovered = self._discover(
                            start, name_start, sentence, canonical, countries, names_by_start
                        )
                        if discovered is not None:
                            if id(discovered) not in named:
                                # A new leader, or a known one under a spelling of its own.
                                found.append(discovered)
                            continue
            if plural:
                grouped = determiner in _GROUP_DETERMINERS or len(countries) >= 2
                if grouped:
                    found.append(
                        Mention(
                            start,
                            match.end(),
                            "group",
                            sentence.index,
                            title=canonical,
                            countries=countries,
                            determiner=determiner,
                        )
                    )
                continue
            if former:
                continue
            if canonical == "counterpart":
                if self._after_non_leader_role(sentence, start, names):
                    continue
                found.append(
                    Mention(
                        start,
                        end,
                        "counterpart",
                        sentence.index,
                        title=canonical,
                        countries=countries,
                        determiner=determiner,
                    )
                )
                continue
            bare = (
                not countries
                and not possessive
                and self._bare_subject_title(match, canonical, determiner, capitalised, start)
            )
            if not countries and self._host_title(match, determiner, capitalised, possessive):
                # A government's readout: "The Prime Minister spoke to ...": its own leader.
                countries = (self.host,)
            if countries or bare:
                found.append(
                    Mention(
                        start,
                        end,
                        "title",
                        sentence.index,
                        title=canonical,
                        countries=countries,
                        determiner=determiner,
                        bare=bare,
                    )
                )
        found.extend(self._bare_majesties())
        return found, appositions

    def _take_style(self, mention: Mention) -> None:
        """Start a leader's mention at the style before its title ("Custodian of the Two
        Holy Mosques King X"): capitalised words with "of the" right before the title, none of
        them a title, a role, an institution or a place, and no capitalised word before them."""
        if mention.kind not in ("name", "discovered"):
            return
        view = self.view
        title = TITLE_RE.match(view.lower, mention.start)
        if title is None or title.group("prefix") or title.group("title") == "pm":
            return
        sentence = self.sentence_of(mention.start)
        if sentence is None:
            return
        style = _STYLE_BEFORE_RE.search(view.folded, sentence.start, mention.start)
        if style is None:
            return
        previous = view.last_token_before(style.start())
        if (
            previous >= 0
            and view.starts[previous] >= sentence.start
            and view.words[previous][:1].isupper()
            and view.folded[view.ends[previous] : style.start()] == " "
        ):
            # The tail of a longer run of capitalised words (a headline in title case).
            return
        words = style.group().split()
        lowered = " ".join(words).lower()
        if (
            TITLE_RE.search(lowered)
            or NON_LEADER_ROLE_RE.search(lowered)
            or any(
                w.lower() in _ORGANISATION_WORDS or w.lower() in _INSTITUTION_WORDS for w in words
            )
            or any(style.start() <= e.start < style.end() for e in self.entities)
        ):
            return
        mention.start = style.start()

    def _bare_subject_title(
        self,
        match: re.Match[str],
        title: str,
        determiner: str | None,
        capitalised: bool,
        start: int,
    ) -> bool:
        """Whether a title stands alone, capitalised, as its sentence's subject: "The
        President later spoke ...", "This morning the Prime Minister ...", "His Highness the
        Amir also received ...". An official readout calls so the leader it named in full."""
        if determiner != "the" or match.group("prefix"):
            return False
        if title not in _SUBJECT_TITLE_OFFICES:
            return False
        words = _SPACE_RE.sub(" ", match.group("title"))
        if not capitalised and words.lower() not in _LOWER_CASE_SUBJECT_TITLES:
            # Wires write "the prime minister", "the premier" in lower case; other titles
            # alone in lower case ("the king") may be anybody's.
            return False
        if words == "pm" or (
            title in _ADDRESSED_TITLES
            and not _ADDRESS_BEFORE_RE.search(self.view.folded, max(0, start - 40), start)
        ):
            return False
        return self._opens_sentence(start)

    def _opens_sentence(self, start: int) -> bool:
        """Whether the words before ``start`` leave it its sentence's subject: nothing but a
        form of address ("His Highness"), words of time ("This morning", "Later") or an
        opening phrase with its comma ("On May 3,"); a line break opens a sentence too."""
        sentence = self.sentence_of(start)
        if sentence is None:
            return False
        folded = self.view.folded
        line = folded.rfind("\n", sentence.start, start) + 1
        before = folded[max(line, sentence.start) : start]
        address = _ADDRESS_BEFORE_RE.search(before)
        if address is not None:
            before = before[: address.start()]
        if not before.strip() or _OPENING_PHRASE_RE.fullmatch(before):
            return True
        return all(word.lower() in SUBJECT_SKIP or word.isdigit() for word in before.split())

    def _bare_majesties(self) -> list[Mention]:
        """ "His Majesty" alone as a sentence's subject ("His Majesty later received ...")."""
        found: list[Mention] = []
        if "Majesty" not in self.view.folded:
            return found
        for match in _BARE_MAJESTY_RE.finditer(self.view.folded):
            sentence = self.sentence_of(match.start())
            if sentence is None or not self._opens_sentence(match.start()):
                continue
            found.append(
                Mention(
                    match.start(),
                    match.end(),
                    "title",
                    sentence.index,
                    title="head of state",
                    bare=True,
                )
            )
        return found

    def _host_title(
        self, match: re.Match[str], determiner: str | None, capitalised: bool, possessive: bool
    ) -> bool:
        """Whether a title stands for the publishing government's own leader: "The Prime
        Minister" or "the President" alone, capitalised, on a page whose host is known."""
        if self.host is None or not capitalised:
            return False
        words = _SPACE_RE.sub(" ", match.group("title"))
        # "PM call with ...": a readout's headline drops the article.
        if determiner != "the" and words != "pm":
            return False
        return words in _HOST_TITLES and (possessive or not match.group("prefix"))

    def _named_as_heir(self, mention: Mention) -> bool:
        """Whether a known leader is named by an heir's title ("Crown Prince X") that he
        does not hold as a leader on the article's date (ever, when it is unknown): the
        heir to a throne, or a former leader in another office, is no leader then."""
        if mention.kind != "name" or mention.title not in _HEIR_TITLES:
            return False
        day = self.reference
        return not any(
            term.title == mention.title and (day is None or term.covers(day))
            for slug in mention.candidates or mention.keys
            for term in self.kb.leaders[slug].terms
        )

    def _office_here(self, title: str, countries: tuple[str, ...]) -> bool:
        """Whether ``title`` may be a leader's office in ``countries`` on the article's date:
        an heir's title ("Crown Prince X") is one only where the gazetteer gives that office
        to somebody of the country then; any other head of state's or government's title is."""
        if title not in _HEIR_TITLES:
            return True
        return any(self.kb.leaders_with_title(code, title, self.reference) for code in countries)

    def _is_pm_title(self, match: re.Match[str]) -> bool:
        """Whether "pm" is the title PM (written in capitals, not after a number: "3 PM")."""
        start, end = match.start("title"), match.end("title")
        if self.view.folded[start:end] != "PM":
            return False
        before = self.view.folded[max(0, start - 4) : start].rsplit("\n", 1)[-1]
        return not re.search(r"\d[ \t]*$|[.:][ \t]*$", before)

    def _title_matches(self) -> list[re.Match[str]]:
        """TITLE_RE matches, tried only where a title's last word stands."""
        view = self.view
        words, starts, ends = view.lower_words, view.starts, view.ends
        matches: list[re.Match[str]] = []
        for i in positions_in(words, _TITLE_LAST_WORDS):
            for match in TITLE_RE.finditer(view.lower, starts[max(0, i - 4)], ends[i] + 12):
                if match.end() == ends[i]:
                    matches.append(match)
                    break
        return matches

    def _word_before(self, offset: int, sentence: Sentence) -> str | None:
        token = self.view.last_token_before(offset)
        if token < 0 or self.view.starts[token] < sentence.start:
            return None
        return self.view.lower_words[token]

    def _of_country(self, end: int) -> EntityMatch | None:
        """The country in "... of France" right after ``end`` (not "of France's ...")."""
        of = _OF_COUNTRY_RE.match(self.view.folded, end)
        if of is None:
            return None
        entity = self.entity_by_start.get(of.end())
        if entity is None:
            # "of the Republic of Example": a form of the state's name the gazetteer lacks.
            form = _STATE_FORM_RE.match(self.view.folded, of.end())
            if form is not None:
                entity = self.entity_by_start.get(form.end())
        if entity is None or not entity.has(COUNTRY):
            return None
        if self.view.folded[entity.end : entity.end + 1] == "'":
            return None
        return entity

    def _more_countries(self, countries: tuple[str, ...], end: int) -> tuple[tuple[str, ...], int]:
        """The countries that go on a list after ``end`` (", France and Italy"), with the
        list's end."""
        while True:
            link = LIST_GAP_RE.match(self.view.folded, end)
            if link is None:
                return countries, end
            entity = self.entity_by_start.get(link.end())
            if entity is None or not entity.has(COUNTRY):
                return countries, end
            if self.view.folded[entity.end : entity.end + 1] == "'":
                return countries, end
            countries = (*countries, *(k for k in entity.keys(COUNTRY) if k not in countries))
            end = entity.end

    def _fits(self, name: Mention, countries: tuple[str, ...]) -> bool:
        if not countries:
            return True
        for slug in name.candidates:
            entry = self.kb.leaders[slug]
            if entry.country in countries or any(t.country in countries for t in entry.terms):
                return True
        return False

    def _left_of_title(
        self, position: int, sentence: Sentence
    ) -> tuple[int, tuple[str, ...], str | None]:
        """Walk left of a title: demonyms ("Russian and French") or "Country's", a determiner."""
        view = self.view
        folded = view.folded
        # "Iran's caretaker president": the holder for the time being is the leader.
        # "Federal Chancellor X": the word is part of the title.
        position = self._after_word(
            self._after_word(position, sentence, _TITLE_QUALIFIERS), sentence, _ACTING_WORDS
        )
        start = position
        countries: list[str] = []
        entity = self._place_ending_at(position - 1, sentence)
        if entity is not None and _adjoins(folded, entity, position):
            countries = entity.keys(DEMONYM) or entity.keys(COUNTRY)
            start = entity.start
            # "the Russian and French leaders", "the French, German and Italian leaders"
            while True:
                conj = _CONJUNCTION_RE.search(folded, sentence.start, start)
                if conj is None:
                    break
                before = self._place_ending_at(conj.start(), sentence)
                if before is None or before.end != conj.start() or not before.has(DEMONYM):
                    break
                countries[:0] = before.keys(DEMONYM)
                start = before.start
        elif folded[position - 3 : position] == "'s " or folded[position - 2 : position] == "' ":
            # "Iran's president"
            cut = position - 3 if folded[position - 3 : position] == "'s " else position - 2
            entity = self._place_ending_at(cut, sentence)
            if entity is not None and entity.end == cut and entity.has(COUNTRY):
                return entity.start, tuple(entity.keys(COUNTRY)), None
        if countries:
            # "the acting Iranian president"
            start = self._after_word(start, sentence, _ACTING_WORDS)
        determiner = None
        previous = view.last_token_before(start)
        if previous >= 0 and view.starts[previous] >= sentence.start:
            word = view.lower_words[previous]
            if folded[view.ends[previous] : start] == " " and word in _DETERMINERS:
                determiner = word
                start = view.starts[previous]
                if word == "two" and previous > 0:
                    before_word = view.lower_words[previous - 1]
                    if before_word == "the" and view.starts[previous - 1] >= sentence.start:
                        determiner = "the two"
                        start = view.starts[previous - 1]
        return start, tuple(dict.fromkeys(countries)), determiner

    def _after_word(self, offset: int, sentence: Sentence, words: frozenset[str]) -> int:
        """Where one of ``words`` right before ``offset`` starts ("Federal" in "Federal
        Chancellor", "acting" in "acting President"); ``offset`` itself when there is none."""
        view = self.view
        token = view.last_token_before(offset)
        if (
            token >= 0
            and view.starts[token] >= sentence.start
            and view.lower_words[token] in words
            and view.folded[view.ends[token] : offset] == " "
        ):
            return view.starts[token]
        return offset

    def _place_ending_at(self, offset: int, sentence: Sentence) -> EntityMatch | None:
        """The country or demonym whose last token ends at or just before ``offset``."""
        view = self.view
        token = view.last_token_before(offset)
        if token < 0 or view.starts[token] < sentence.start:
            return None
        entity = self.entity_by_end.get(view.ends[token])
        if entity is None or not entity.has(DEMONYM, COUNTRY):
            return None
        if entity.has(LEADER_NAME, LEADER_ALIAS):
            return None
        return entity

    def _after_non_leader_role(
        self, sentence: Sentence, position: int, names: list[Mention]
    ) -> bool:
        """Whether a minister, aide or the like is the owner of a "counterpart" here."""
        text = self.view.lower
        last_role = None
        for role in NON_LEADER_ROLE_RE.finditer(text, sentence.start, position):
            last_role = role.end()
        if last_role is None:
            return False
        last_leader = max((m.end for m in names if sentence.start <= m.end <= position), default=-1)
        for match in TITLE_RE.finditer(text, sentence.start, position):
            if TITLE_CANONICAL.get(match.group("title")) != "counterpart":
                last_leader = max(last_leader, match.end())
        return last_role > last_leader

    def _discover(
        self,
        start: int,
        name_start: int,
        sentence: Sentence,
        title: str,
        countries: tuple[str, ...],
        names_by_start: dict[int, Mention],
    ) -> Mention | None:
        """A new leader named after a title; the known leader whose name follows first
        names the knowledge base does not list ("President John Q. Example"); or the known
        leader a spelling the knowledge base lacks stands for ("President Exampel")."""
        view = self.view
        first = view.token_at_start(name_start)
        if first is None:
            return None
        tokens: list[int] = []
        #: Where the name ends inside its last token ("Example12", "ExamplePhoto").
        cut: int | None = None
        words_of_name = 0
        index = first
        while index < len(view.words) and words_of_name < 5:
            word = view.words[index]
            if view.starts[index] >= sentence.end:
                break
            if tokens:
                gap = view.folded[view.ends[index - 1] : view.starts[index]]
                if gap not in (" ", "-", "'", ". "):
                    break
                if gap == ". " and len(view.words[index - 1]) != 1:
                    break
            known = names_by_start.get(view.starts[index])
            if known is not None and countries and not self._of_countries(known, countries):
                # "Malawian President Ann Johnson": not the British Johnson.
                known = None
                break
            if known is not None:
                if not tokens:
                    return None
                # First names, then a known surname: the known leader, title and all.
                known.start = start
                known.title = title
                known.countries = countries
                return known
            is_particle = word.lower() in NAME_PARTICLES and bool(tokens)
            if not (word[:1].isupper() or is_particle):
                break
            if word.lower() in _NOT_NAME_WORDS:
                break
            glued = _glued_end(word)
            if glued is not None:
                # A page's layout glued the next word or figure to the name.
                if glued >= 2 and word[:1].isupper():
                    tokens.append(index)
                    cut = view.starts[index] + glued
                break
            # A place or a known surname may open a name that goes on ("Santiago Example").
            known_word = self._is_vocabulary(index) or (
                self.entity_by_start.get(view.starts[index]) is not None
            )
            if not is_particle and known_word and not self._name_goes_on(index, sentence):
                break
            tokens.append(index)
            words_of_name += not is_particle
            index += 1
        while tokens and not view.words[tokens[-1]][:1].isupper():
            tokens.pop()
            cut = None
        if not tokens:
            return None
        words = [view.words[t] for t in tokens]
        if cut is not None:
            words[-1] = words[-1][: cut - view.starts[tokens[-1]]]
        if max(len(word) for word in words) < 2 or (len(words) == 1 and len(words[0]) < 3):
            # "Iv" where a page was cut: not a name.
            return None
        end = cut if cut is not None else view.ends[tokens[-1]]
        suffix = _SUFFIX_RE.match(view.folded, end)
        if suffix:
            end = suffix.end()
        name = view.text[view.starts[tokens[0]] : end]
        # "President William Ruto of Kenya"
        if not countries:
            entity = self._of_country(end)
            if entity is not None:
                countries = tuple(entity.keys(COUNTRY))
        spelled = self._spelled(tuple(words), countries)
        if (
            spelled is not None
            and not countries
            and title in _SUBJECT_TITLE_OFFICES
            and not self._holds(spelled.slug, _SUBJECT_TITLE_OFFICES[title])
        ):
            # "President Sheikh Ann" is no prime minister who shares a name with her.
            spelled = None
        if spelled is not None:
            return Mention(
                start,
                end,
                "name",
                sentence.index,
                title=title,
                countries=countries,
                candidates=(spelled.slug,),
            )
        country = countries[0] if len(countries) == 1 else None
        key = self._discovered_key(tuple(words), country)
        if key is None:
            key = f"new:{' '.join(words)}"
            self.leaders[key] = LeaderInfo(key, name, country, False, title=title)
        elif self.leaders[key].country is None and country:
            self.leaders[key].country = country
        return Mention(
            start,
            end,
            "discovered",
            sentence.index,
            keys=(key,),
            title=title,
            countries=countries,
        )

    def _spelled_before(
        self, start: int, end: int, sentence: Sentence, title: str, countries: tuple[str, ...]
    ) -> Mention | None:
        """The known leader whose name, spelt in a way the knowledge base lacks, stands
        right before ", <title> of <country>" (never a new leader: the title may be an
        aside about anybody)."""
        view = self.view
        if view.folded[start - 2 : start] != ", ":
            return None
        tokens: list[int] = []
        index = view.last_token_before(start - 2)
        while index >= 0 and len(tokens) < 8 and view.starts[index] >= sentence.start:
            word = view.words[index]
            if tokens and view.folded[view.ends[index] : view.starts[tokens[-1]]] not in (
                " ",
                "-",
                "'",
            ):
                break
            lower = word.lower()
            if lower not in NAME_PARTICLES and (
                not word[:1].isupper()
                or lower in FUNCTION_WORDS
                or lower in _NOT_NAME_WORDS
                or word in self.kb.place_words
            ):
                break
            tokens.append(index)
            index -= 1
        tokens.reverse()
        while tokens and view.words[tokens[0]].lower() in NAME_PARTICLES:
            tokens.pop(0)
        if len(tokens) < 2:
            return None
        match = self._spelled(tuple(view.words[t] for t in tokens), countries)
        if match is None:
            return None
        return Mention(
            view.starts[tokens[0]],
            end,
            "name",
            sentence.index,
            title=title,
            countries=countries,
            candidates=(match.slug,),
        )

    def _spelled(self, words: tuple[str, ...], countries: tuple[str, ...]) -> SpellingMatch | None:
        """The known leader a name the knowledge base does not hold stands for: first one
        the article names elsewhere; then one of ``countries`` in office on the article's
        date, or at any time; without ``countries``, one of the countries the article names,
        or any leader in office whose name shares a word with it."""
        kb, day = self.kb, self.reference
        named = self._named_leaders()
        if countries:
            named = [slug for slug in named if self._of_countries_slug(slug, countries)]
        match = kb.closest_leader(words, named)
        if match is None and countries:
            if day is not None:
                in_office = kb.leaders_in(countries, day)
                match = kb.closest_leader(words, in_office, SPELLING_THRESHOLD_IN_OFFICE)
            if match is None:
                # A former leader of that country, spelt another way.
                match = kb.closest_leader(words, kb.leaders_in(countries, None))
        elif match is None:
            match = kb.closest_leader(words, kb.leaders_in(self._context_countries(), day))
            if match is None and day is not None:
                match = kb.closest_leader(words, kb.leaders_sharing_a_word(words, day))
        if match is None:
            return None
        self.spelled[words] = match.slug
        if not match.part and len(words) >= 2 and len(words[-1]) >= 4:
            # "President Joe Exampel ... Exampel said": the surname alone later on.
            self.spelled.setdefault(words[-1:], match.slug)
        return match

    def _named_leaders(self) -> list[str]:
        """The known leaders the article names by a name or an alias."""
        return list(
            dict.fromkeys(
                key
                for entity in self.entities
                for kind, key in entity.targets
                if kind in (LEADER_NAME, LEADER_ALIAS)
            )
        )

    def _of_countries_slug(self, slug: str, countries: tuple[str, ...]) -> bool:
        leader = self.kb.leaders[slug]
        return leader.country in countries or any(t.country in countries for t in leader.terms)

    def _context_countries(self) -> tuple[str, ...]:
        """The countries the article names, by place or by a known leader's full name."""
        if self._context is None:
            found: dict[str, None] = {}
            for entity in self.entities:
                for kind, key in entity.targets:
                    if kind in _PLACE_KINDS:
                        found[key] = None
                    elif kind == LEADER_NAME:
                        found[self.kb.leaders[key].country] = None
            self._context = tuple(found)
        return self._context

    def _after_honorifics(self, offset: int) -> int:
        """``offset`` moved past forms of address ("His Highness Sheikh ")."""
        for _ in range(3):
            honorific = _HONORIFIC_RE.match(self.view.folded, offset)
            if honorific is None:
                break
            offset = honorific.end()
        return offset

    def _institution_at(self, offset: int, sentence: Sentence) -> bool:
        """Whether the capitalised words at ``offset`` name an institution or a place
        ("King Example Specialist Hospital")."""
        view = self.view
        index = view.token_at_start(offset)
        if index is None:
            return False
        for following in range(index + 1, min(index + 5, len(view.words))):
            word = view.words[following]
            if view.starts[following] >= sentence.end or not word[:1].isupper():
                return False
            if word.lower() in _INSTITUTION_WORDS:
                return True
        return False

    def _someone_elses_title(self, start: int, sentence: Sentence) -> bool:
        """Whether the title at ``start`` is an organisation's ("World Bank President") or
        stands in an aide's role ("the spokesman of the President")."""
        view = self.view
        previous = view.last_token_before(start)
        if previous >= 0 and view.starts[previous] >= sentence.start:
            word = view.words[previous]
            if view.folded[view.ends[previous] : start] == " " and (
                (word[:1].isupper() and word.lower() in _ORGANISATION_WORDS)
                or (
                    word.isupper()
                    and len(word) > 1
                    and word not in self.kb.place_words
                    and view.ends[previous] not in self.entity_by_end
                )
            ):
                return True
        before = view.lower[max(sentence.start, start - 60) : start]
        return _ROLE_BEFORE_RE.search(before) is not None

    def _discovered_key(self, words: tuple[str, ...], country: str | None) -> str | None:
        """An earlier discovery this name refers to: same name, or same surname alone."""
        for key, info in self.leaders.items():
            if info.known:
                continue
            if country and info.country and info.country != country:
                continue
            known_words = tuple(key[4:].split())
            if known_words == words:
                return key
            if len(words) == 1 and known_words[-1:] == words:
                return key
            if len(known_words) == 1 and words[-1:] == known_words:
                return key
        return None

    def _discovered_repeats(self, mentions: list[Mention]) -> list[Mention]:
        """Later mentions of a discovered leader by full name or surname alone."""
        view = self.view
        forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for info in self.leaders.values():
            if info.known:
                continue
            words = tuple(TextView.build(info.key[4:]).words)
            variants = {words}
            if len(words) >= 2 and len(words[-1]) >= 3:
                variants.add(words[-1:])
            for variant in variants:
                forms.setdefault(variant[0], []).append((variant, info.key))
        for words, slug in self.spelled.items():
            # A spelling matched to a known leader names them wherever it stands.
            forms.setdefault(words[0], []).append((words, slug))
        # A known leader named in full, then by a part of the name that is no alias because
        # it is also a word ("Moon Jae-in ... called Moon"): that part names them after.
        after: dict[str, int] = {}
        for mention in mentions:
            named = mention.keys or mention.candidates
            key = named[0] if len(named) == 1 else None
            if mention.kind != "name" or key is None or key in after or key not in self.kb.leaders:
                continue
            after[key] = mention.end
            for word in self._name_parts(key):
                forms.setdefault(word, []).append(((word,), key))
        if not forms:
            return []
        covered = sorted((m.start, m.end) for m in mentions)
        found: list[Mention] = []
        for index, word in enumerate(view.words):
            for variant, key in forms.get(word, ()):
                n = len(variant)
                if tuple(view.words[index : index + n]) != variant:
                    continue
                start, end = view.starts[index], view.ends[index + n - 1]
                if start < after.get(key, 0) or self._after_patronymic(index):
                    continue
                position = bisect_right(covered, (start, 10**9)) - 1
                if position >= 0 and covered[position][1] > start:
                    continue
                sentence = self.sentence_of(start)
                if sentence is None:
                    continue
                found.append(Mention(start, end, "name", sentence.index, keys=(key,)))
                break
        return found

    def _name_parts(self, key: str) -> list[str]:
        """The first and last word of a known leader's name, where neither is already an
        alias nor a word the text uses otherwise (a month, a weekday, a function word, a
        place): they stand for the leader once the article has named them in full."""
        cached = self.kb.name_parts.get(key)
        if cached is None:
            cached = self.kb.name_parts[key] = self._find_name_parts(key)
        return cached

    def _find_name_parts(self, key: str) -> list[str]:
        entry = self.kb.leaders.get(key)
        if entry is None:
            return []
        words = TextView.build(entry.name).words
        if len(words) < 2:
            return []
        aliases = {alias for alias in entry.aliases if " " not in alias}
        parts = []
        for word in {words[0], words[-1]}:
            lower = word.lower()
            if (
                len(word) < 3
                or not word[:1].isupper()
                or word in aliases
                or lower in FUNCTION_WORDS
                or lower in MONTHS
                or lower in WEEKDAYS
                or lower in NAME_PARTICLES
                or self.kb.entities.holds(word)
            ):
                continue
            parts.append(word)
        return parts

    def _mark_possessive(self, mention: Mention) -> None:
        folded = self.view.folded
        end = mention.end
        if folded[end : end + 3] == ".'s":
            end += 1  # "Example Jr.'s"
        if folded[end : end + 2] == "'s" or (
            folded[end : end + 1] == "'" and folded[end - 1] == "s"
        ):
            mention.possessive = True
            index = self.view.first_token_from(end + 2)
            if index < len(self.view.words) and self.view.words[index] != "s":
                mention.possessed = self.view.lower_words[index]
            elif index + 1 < len(self.view.words):
                mention.possessed = self.view.lower_words[index + 1]

    def _disambiguate(self, mentions: list[Mention], counts: Counter[str]) -> None:
        for mention in mentions:
            if mention.kind != "name" or mention.keys:
                continue
            candidates = mention.candidates
            if len(candidates) > 1:
                named = [slug for slug in candidates if counts.get(slug)]
                if len(named) == 1:
                    candidates = (named[0],)
                elif self.reference is not None:
                    serving = [s for s in candidates if self.kb.leaders[s].term_on(self.reference)]
                    if len(serving) == 1:
                        candidates = (serving[0],)
            if len(candidates) > 1:
                # A surname two presidents bore, in an undated story: the one whose years in
                # office meet those of the other leaders the article names.
                contemporaries = [
                    s for s in candidates if self._meets_others(s, counts, candidates)
                ]
                if len(contemporaries) == 1:
                    candidates = (contemporaries[0],)
            if len(candidates) > 1:
                self.warnings.append(
                    f"'{self.view.text[mention.start : mention.end]}' may be any of "
                    f"{', '.join(candidates)}; read as {candidates[0]}"
                )
            mention.keys = (candidates[0],)
            self._known(candidates[0])

    def _meets_others(self, slug: str, counts: Counter[str], rivals: tuple[str, ...]) -> bool:
        """Whether a leader was in office at some time with every other leader named in
        full in the article (those of ``rivals`` aside)."""
        others = [o for o in counts if o not in rivals and o in self.kb.leaders]
        if not others:
            return False
        terms = self.kb.leaders[slug].terms
        return all(
            any(_overlap(a, b) for a in terms for b in self.kb.leaders[o].terms) for o in others
        )

    # --- resolution ------------------------------------------------------------------------

    def _resolve(
        self, by_sentence: dict[int, list[Mention]], counts: Counter[str]
    ) -> tuple[dict[int, list[str]], list[str]]:
        recent: list[str] = []
        order: list[str] = []
        recent_before: dict[int, list[str]] = {}
        previous_subject: str | None = None
        #: The leaders the sentences so far had as their subjects, most recent first.
        subjects: list[str] = []
        last_pair: list[str] | None = None

        def touch(key: str) -> None:
            if key in recent:
                recent.remove(key)
            recent.insert(0, key)
            if key not in order:
                order.append(key)

        for sentence in self.sentences:
            recent_before[sentence.index] = list(recent)
            sentence_subject: str | None = None
            resolved_here: list[Mention] = []
            here = by_sentence.get(sentence.index, ())
            for mention in here:
                if mention.kind == "title":
                    key = None
                    if mention.countries:
                        key = self._resolve_title(
                            mention.countries[0], mention.title or "leader", recent, counts
                        )
                    if mention.bare and (key is None or _named_beside(key, mention, here)):
                        # "The President later spoke with ...": the leader the text last
                        # made a subject, never the sentence's other party.
                        host_leader, key = key, self._subject_holder(mention, here, subjects)
                        if key is None and (host_leader is not None or not mention.countries):
                            continue
                    if key is None:
                        self.warnings.append(
                            f"'{self.view.text[mention.start : mention.end]}' names no leader "
                            "the knowledge base knows for that date"
                        )
                        continue
                    mention.keys = (key,)
                elif mention.kind == "counterpart":
                    owner = (
                        next((m.key for m in reversed(resolved_here) if m.key), None)
                        or previous_subject
                        or (recent[0] if recent else None)
                    )
                    key = self._resolve_counterpart(mention, owner, recent, counts)
                    if key is None:
                        continue
                    mention.keys = (key,)
                elif mention.kind == "group":
                    if mention.countries:
                        keys = []
                        for code in mention.countries:
                            key = self._resolve_title(
                                code, mention.title or "leader", recent, counts
                            )
                            if key is not None:
                                keys.append(key)
                        mention.keys = tuple(dict.fromkeys(keys))
                        # "the leaders of A, B and C" names leaders the text may not name
                        # otherwise: each is one of the article's leaders.
                        for key in mention.keys:
                            if key not in self.leaders:
                                self._known(key)
                    else:
                        # "the two presidents": the last pair named together, else the
                        # two leaders named last.
                        here = list(dict.fromkeys(k for m in resolved_here for k in m.keys))
                        pair = here[:2] if len(here) >= 2 else last_pair
                        mention.keys = tuple(pair or recent[:2])
                    continue
                if not mention.keys:
                    continue
                for key in mention.keys:
                    touch(key)
                    if key not in self.leaders:
                        self._known(key)
                resolved_here.append(mention)
                if sentence_subject is None and not mention.possessive and mention.key:
                    sentence_subject = mention.key
            if sentence_subject is not None:
                previous_subject = sentence_subject
                if sentence_subject in subjects:
                    subjects.remove(sentence_subject)
                subjects.insert(0, sentence_subject)
            named = list(dict.fromkeys(k for m in resolved_here for k in m.keys))
            if len(named) >= 2:
                last_pair = named[:2]
        return recent_before, order

    def _subject_holder(
        self, mention: Mention, here: list[Mention], subjects: list[str]
    ) -> str | None:
        """The leader a title alone as a sentence's subject stands for: the one the text
        last made a subject who holds that office (any head of state's, for "the Head of
        State" or "His Majesty"); never a leader the same sentence names as another party,
        and nobody when the title does not open the sentence."""
        if not here or here[0] is not mention:
            return None
        offices = _SUBJECT_TITLE_OFFICES.get(mention.title or "")
        if not offices:
            return None
        # "His Highness the Amir": an emir first, before any other head of state the text
        # made a subject since ("the Saudi King congratulated His Highness the Amir").
        own = _OWN_OFFICES.get(mention.title or "")
        for wanted in (own, offices) if own else (offices,):
            for key in subjects:
                if not self._holds(key, wanted):
                    continue
                return None if _named_beside(key, mention, here) else key
        return None

    def _holds(self, key: str, offices: frozenset[str]) -> bool:
        """Whether a leader holds one of ``offices`` on the article's date (ever, when it
        is unknown); a discovered leader, the title the text gave them."""
        info = self.leaders.get(key)
        if info is not None and not info.known:
            return info.title in offices
        entry = self.kb.leaders.get(key)
        if entry is None:
            return False
        return any(
            _office_is(term.title, offices)
            for term in entry.terms
            if self.reference is None or term.covers(self.reference)
        )

    def _resolve_title(
        self, country: str, title: str, recent: list[str], counts: Counter[str]
    ) -> str | None:
        kb = self.kb
        # A leader the article discovered for that country and title comes first.
        for key in recent:
            info = self.leaders.get(key)
            if not info or info.known or info.country != country:
                continue
            if title in ("leader", "head of state", "head of government") or info.title == title:
                return key
        if self.reference is not None:
            holders = kb.leaders_with_title(country, title, self.reference)
            if len(holders) == 1:
                return holders[0][0].slug
            if holders:
                # On a day of handover both terms cover it (a term ends the day its
                # successor's begins): the newcomer holds the office then.
                starting = {t.office for _, t in holders if t and t.start == self.reference}
                holders = [
                    (leader, term)
                    for leader, term in holders
                    if not (term and term.end == self.reference and term.office in starting)
                ] or holders
                if len(holders) == 1:
                    return holders[0][0].slug
                slugs = [leader.slug for leader, _ in holders]
                for key in recent:
                    if key in slugs:
                        return key
                named = sorted(slugs, key=lambda s: -counts.get(s, 0))
                if counts.get(named[0]):
                    return named[0]
                return slugs[0]
        # No date (or no holder on file): the leader of that country the text names most.
        everyone = kb.leaders_with_title(country, title, None)
        named = [leader.slug for leader, _ in everyone if counts.get(leader.slug)]
        if named:
            return max(named, key=lambda s: counts[s])
        for key in recent:
            if key in {leader.slug for leader, _ in everyone}:
                return key
        return None

    def _resolve_counterpart(
        self, mention: Mention, owner: str | None, recent: list[str], counts: Counter[str]
    ) -> str | None:
        if mention.countries:
            country = mention.countries[0]
            title = self._title_of(owner) or "leader"
            key = self._resolve_title(country, title, recent, counts)
            if key is None and title != "leader":
                key = self._resolve_title(country, "leader", recent, counts)
            return key if key != owner else None
        for key in recent:
            if key != owner:
                return key
        return None

    def _title_of(self, key: str | None) -> str | None:
        if key is None:
            return None
        info = self.leaders.get(key)
        if info is None:
            return None
        if not info.known:
            return info.title
        entry = self.kb.leaders[key]
        term = entry.term_on(self.reference)
        if term is None and entry.terms and self.reference is None:
            term = entry.terms[-1]
        return term.title if term else None


def _office_is(title: str, offices: frozenset[str]) -> bool:
    """Whether a term's title is one of ``offices`` ("acting president" is a president's)."""
    title = title.lower()
    return title in offices or title.rsplit(" ", 1)[-1] in offices


def _named_beside(key: str, mention: Mention, here: list[Mention]) -> bool:
    """Whether another mention of the same sentence names the leader ``key``."""
    return any(key in (other.keys or other.candidates) for other in here if other is not mention)


def _glued_end(word: str) -> int | None:
    """Where a name ends inside a token a page's layout glued to the next word or figure
    ("Example12" -> 7, "ExamplePhoto" -> 7); None for a token that is all name."""
    for position, char in enumerate(word):
        if char.isdigit():
            return position
    tail = _GLUED_TAIL_RE.search(word)
    if tail is not None and tail.group().lower() in _NOT_NAME_WORDS:
        return tail.start()
    return None


def _adjoins(folded: str, entity: EntityMatch, position: int) -> bool:
    """Whether a demonym or country stands right before ``position`` ("U.S. President")."""
    gap = folded[entity.end : position]
    return gap == " " or (gap == ". " and "." in folded[entity.start : entity.end])


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longer of overlapping mentions (a name absorbs a title around it)."""
    rank = {"name": 0, "discovered": 1, "title": 2, "counterpart": 2, "group": 3}
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start), rank[m.kind]))
    kept: list[Mention] = []
    for mention in ordered:
        if kept and mention.start < kept[-1].end:
            if rank[mention.kind] < rank[kept[-1].kind] and mention.end >= kept[-1].end:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def _overlap(a: Term, b: Term) -> bool:
    """Whether two terms of office share a day (an open end runs to today)."""
    a_start, a_end = a.start or date.min, a.end or date.max
    b_start, b_end = b.start or date.min, b.end or date.max
    return a_start <= b_end and b_start <= a_end
