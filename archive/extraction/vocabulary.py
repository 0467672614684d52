"""The English the engine knows: titles, months, weekdays, words for contacts, reporting verbs.

Nothing here names a particular person, country, outlet or place: those come from the
knowledge base. Patterns in this module run on the folded, lower-cased text unless
their name says otherwise.
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(words.split())


MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
#: Month names as written (capitalised), for case-sensitive date patterns: "may" is a verb.
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|"
    r"Nov\.?|Dec\.?)"
)
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
NUMBER_PATTERN = (
    rf"(?:\d+(?:\.\d+)?|(?:{_TENS})-(?:{_UNITS})|thirteen|fourteen|sixteen|seventeen|"
    r"eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    rf"twelve|fifteen|{_TENS}|an|a)"
)


def number_value(word: str) -> float | None:
    """The value of a number written in digits or in words ("90", "two", "an",
    "twenty-five")."""
    word = word.lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    tens, _, units = word.partition("-")
    if tens in NUMBER_WORDS and units in NUMBER_WORDS:
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[units])
    try:
        return float(word)
    except ValueError:
        return None


# --- Titles of heads of state and government -------------------------------------------

#: Words of a title as they appear in text, mapped to the canonical title.
TITLE_CANONICAL = {
    # "PM Modi", "the Indian PM": only as capitals, never a time ("3 pm"); see leaders.py.
    "pm": "prime minister",
    "president": "president",
    "presidents": "president",
    "prime minister": "prime minister",
    "prime ministers": "prime minister",
    "premier": "prime minister",
    "premiers": "prime minister",
    "chancellor": "chancellor",
    "chancellors": "chancellor",
    "king": "king",
    "kings": "king",
    "queen": "queen",
    "queens": "queen",
    "emir": "emir",
    "emirs": "emir",
    "amir": "emir",
    "amirs": "emir",
    "sultan": "sultan",
    "sultans": "sultan",
    "crown prince": "crown prince",
    "crown princes": "crown prince",
    "supreme leader": "supreme leader",
    "taoiseach": "taoiseach",
    "monarch": "monarch",
    "head of state": "head of state",
    "heads of state": "head of state",
    "head of government": "head of government",
    "heads of government": "head of government",
    "leader": "leader",
    "leaders": "leader",
    "counterpart": "counterpart",
    "counterparts": "counterpart",
    # "his Brazilian colleague X", "his Algerian homologue": as "counterpart".
    "colleague": "counterpart",
    "colleagues": "counterpart",
    "homologue": "counterpart",
    "homologues": "counterpart",
}
#: The titles a term of office may carry in the gazetteer: those the text's title words
#: stand for, and offices the press names otherwise ("Pope Francis", "Captain Regent").
TERM_TITLES = frozenset(TITLE_CANONICAL.values()) | {
    "chairman",
    "pope",
    "prince",
    "grand duke",
    "co-prince",
    "captain regent",
    "premier",
}
#: Titles that stand for several offices; the tuple lists the offices in order of preference.
GENERIC_TITLES = {
    "leader": (
        "president",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "supreme leader",
        "crown prince",
    ),
    "head of state": ("president", "king", "queen", "emir", "sultan", "supreme leader"),
    "head of government": ("prime minister", "chancellor", "premier", "president"),
    "monarch": ("king", "queen", "emir", "sultan"),
    "counterpart": (),
}
#: Titles that introduce a new name in "Kenyan President William Ruto" (never "leader").
DISCOVERY_TITLES = frozenset(
    {
        "president",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "crown prince",
        "supreme leader",
        "taoiseach",
    }
)
PLURAL_TITLE_WORDS = frozenset(
    {
        "presidents",
        "prime ministers",
        "premiers",
        "chancellors",
        "kings",
        "queens",
        "emirs",
        "sultans",
        "crown princes",
        "heads of state",
        "heads of government",
        "leaders",
        "counterparts",
        "colleagues",
        "homologues",
    }
)

TITLE_RE = re.compile(
    r"\b(?:(?P<prefix>vice|deputy|first\s+deputy|acting|interim|former|late|then|ex)[\s-]+)?"
    r"(?P<title>prime\s+ministers?|premiers?|presidents?|chancellors?|kings?|queens?|emirs?|"
    r"amirs?(?!-)|"
    r"sultans?|crown\s+princes?|supreme\s+leaders?|heads?\s+of\s+(?:state|government)|"
    r"leaders?|monarch|taoiseach|counterparts?|colleagues?|homologues?|pm)\b(?!-elect|-designate)"
)
#: Prefixes that make a title someone else's (a vice-president is not a head of state).
BLOCKING_TITLE_PREFIXES = frozenset({"vice", "deputy", "first deputy"})

#: Roles that are never a leader; a "counterpart" after one of these is not a leader either.
NON_LEADER_ROLE_RE = re.compile(
    r"\b(?:ministers?|secretar(?:y|ies)|spokes(?:man|woman|men|women|person|people)|envoys?|"
    r"ambassadors?|advis[eo]rs?|aides?|officials?|diplomats?|negotiators?|chief\s+of\s+staff|"
    r"chiefs\s+of\s+staff|deputy|deputies|governors?|mayors?|generals?|commanders?|"
    r"speakers?|lawmakers?|senators?|ceos?)\b"
)

#: Capitalised words that are never a first name (for "X Surname" checks) or a name part.
FUNCTION_WORDS = word_set("""
    a an the and or but nor so yet for of on in at by to from with without after before during
    since while when where whereas as if though although because meanwhile however still then
    also both all each either neither this that these those his her its their our my your he she
    they it we i you there here what which who whom whose how why not no only even just
    mr mrs ms dr sir madam lady lord sheikh sheik his-excellency cde according following under over
    amid despite via per about against between among across through toward towards than
    said says told asked added noted new former late then-president
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    president presidents prime minister ministers premier chancellor king queen emir amir
    sultan crown prince supreme leader leaders head heads state government counterpart
    vice deputy foreign defence defense interior finance secretary spokesman spokeswoman
    spokesperson official officials aide adviser advisor ambassador envoy
    ayatollah prince princess excellency mister madame monsieur chairman comrade marshal
    like unlike asked speaking adding quoting citing including now later earlier last next
    first second finally instead indeed moreover furthermore besides therefore thus hence
    accordingly separately similarly overall shortly soon once twice every some many most
    several few other another such same any yes dear thanks upon whom
    """)

#: Name particles that may sit inside a discovered name ("Mohammed bin Salman").
NAME_PARTICLES = frozenset(
    {
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "de",
        "da",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
    }
)

# --- Words for contacts -------------------------------------------------------------------

#: Modifiers allowed between a determiner and the head of a contact noun phrase.
_MODIFIERS = (
    r"rare|first|second|third|fourth|fifth|previous|prior|last|latest|recent|lengthy|long|"
    r"reported|known|publicly\s+known|announced|"
    r"brief|short|new|frank|constructive|detailed|cordial|productive|private|direct|"
    r"face-to-face|one-on-one|closed-door|official|separate|joint|surprise|unscheduled|tense|"
    r"warm|friendly|extended|marathon|substantive|fresh|further|follow-up|urgent|emergency|"
    r"bilateral|two-way|trilateral|late-night|weekend|long-awaited|high-level|intense|"
    r"positive|open|candid|in-person|lengthy|hour-long|half-hour|two-hour|"
    # How the leader found it: "had a good conversation", "a very fruitful call".
    r"very|good|great|excellent|fruitful|useful|wonderful|meaningful|insightful|engaging|"
    r"important|comprehensive|in-depth|thorough|wide-ranging|extensive|pleasant|successful|"
    r"informal|introductory|courtesy|congratulatory|serious|difficult|fine|nice|"
    r"formal|expanded|narrow-format|restricted-format|extended-format|delegation-level|"
    r"crucial|high-stakes|strategic|historic|landmark|hastily\s+arranged|one-to-one|"
    # "a Japan-Ukraine Summit Meeting", "a Summit video conference meeting".
    r"summit|video\s+conference|videoconference|(?:[a-z]+-)+[a-z]+|"
    # "the 14th BRICS Summit", "an extraordinary G20 leaders' summit": an ordinal, a group.
    r"\d{1,3}(?:st|nd|rd|th)|brics|g-?7|g-?20|sco|quad|asean|apec|eu|nato|cis|csto|oic|"
    r"extraordinary|annual|inaugural|"
    r"(?:\d+|one|two|three|four|five|six|half)[- ](?:minute|hour)s?(?:[- ]long)?|"
    r"(?:\d+|one|two|three|four|five|six|seven|eight)-and-a-half-hours?(?:-long)?|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)'s|"
    r"approximately|about|around|some|nearly|almost|roughly|more\s+than|over|"
    # "the G7 leaders' video call", "the first Quad leaders' virtual summit": a group's name
    # before "leaders'".
    r"an|two|three|(?:the\s+)?two\s+leaders'|(?:[a-z0-9-]+\s+)?leaders'|presidents'"
)
#: Between the items of a list of leaders or countries: ", ", " and ", ", and ".
LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
#: "a series of", "several": the words that make a plural contact noun several contacts.
SERIES_DETERMINERS = frozenset(
    {"a series of", "a number of", "a round of", "several", "multiple", "separate"}
)
_DETERMINERS = (
    # "a new round of talks", "an official session of talks": one contact.
    r"(?:a|an|the)\s+(?:new|fresh|further|second|third|fourth|fifth|final|official|latest)\s+"
    r"(?:round|session)\s+of|an?\s+session\s+of|"
    r"a\s+series\s+of|a\s+number\s+of|a\s+round\s+of|several|multiple|separate|"
    r"a|an|the|their|his|her|its|this|that|another|these|our|no"
)
_KIND_WORDS = (
    r"(?:tele)?phonic|(?:tele)?phone|video|videophone|virtual|online|in-person|face-to-face"
)
_HEADS = (
    r"calls?|conversations?|talks?|meetings?|summit|discussions?|exchanges?|interview|"
    r"conference|videoconference|video-conference|videocall|consultations|link|"
    r"tete-a-tete|contacts?|chat|telecon|dialogue|dialog"
)
CONTACT_NP = (
    rf"(?:(?P<det>{_DETERMINERS})\s+)?(?P<mods>(?:(?:{_MODIFIERS})[\s,]+){{0,4}})"
    rf"(?:(?P<kw>{_KIND_WORDS})[\s-]+)?(?P<head>{_HEADS})\b"
)
HOLD_VERBS = (
    r"held|holds|hold|holding|had|has\s+had|have\s+had|having|conducted|conducts|conduct|"
    r"made|makes|placed|completed|concluded|wrapped\s+up|engaged\s+in|initiated|initiates|"
    r"began|begins|started|starts|opened|opens|resumed|hosted|hosts|chaired|chairs|"
    r"convened|convenes|co-chaired|co-chairs|exchanged|exchanges|paid|pays|"
    # Translations' verbs: "carried out a telephone meeting", "sustained a dialogue".
    r"carried\s+out|carries\s+out|sustained|maintained|maintains"
)
_PREPOSITIONS = r"during|in|after|following|at|over|on|throughout"
_AFTER_VERBS = (
    r"took\s+place|takes\s+place|was\s+held|were\s+held|lasted|came|comes|happened|occurred|"
    r"focused|focussed|covered|centered|centred|ended|began|started|was|were|"
    # "The phone call on Wednesday, a day before ...": the contact with its day.
    r"on(?=\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)"
)
#: "held a rare phone call", "had a conversation".
HOLD_RE = re.compile(
    # "made today a telephone contact with": a translation's day between verb and noun.
    rf"\b(?P<verb>{HOLD_VERBS})\s+(?:(?:today|yesterday|tonight|this\s+morning|on\s+(?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday))\s+)?"
    rf"{CONTACT_NP}"
)
#: "during a telephone interview", "in a phone call".
PREP_RE = re.compile(rf"\b(?P<prep>{_PREPOSITIONS})\s+{CONTACT_NP}")
#: ", their first phone call in two years,": a contact named in apposition.
APPOSITIVE_RE = re.compile(rf",\s+(?=(?:their|the|a|an)\s){CONTACT_NP}")
#: "the phone call between", "a call with".
WITH_RE = re.compile(rf"\b{CONTACT_NP}\s+(?:each\s+)?(?P<link>between|with|to|of)\b")
#: "their previous phone call took place", "the call lasted".
AFTER_RE = re.compile(rf"\b{CONTACT_NP}(?:,?\s+(?:that|which))?\s+(?P<after>{_AFTER_VERBS})\b")
#: An adverb that may stand between an auxiliary and its participle: "had last spoken".
_PERFECT_ADVERB = r"(?:(?:last|already|previously|earlier|also|first|briefly|recently|just)\s+)?"
#: "spoke", "talked", "have spoken", "had last spoken".
SPEAK_RE = re.compile(
    rf"\b(?P<verb>(?:has|have|had)\s+{_PERFECT_ADVERB}(?:spoken|talked)|spoke|talked|conversed|"
    r"conferred|chatted|speaks)\b"
)
#: Words after "spoke" that make it something else than a conversation.
SPEAK_BLOCKERS = frozenset(
    {"about", "of", "out", "against", "highly", "favorably", "favourably", "publicly", "up"}
)
#: "called", "phoned": a contact when a leader follows; "contacted" too, by phone unless the
#: text says otherwise.
CALL_VERB_RE = re.compile(
    rf"\b(?P<verb>(?:has|have|had)\s+{_PERFECT_ADVERB}(?:called|phoned|telephoned|rung|contacted)|"
    r"called|phoned|telephoned|rang|dialled|dialed|calls|phones|rings|contacted|"
    # "before calling Y", "after phoning Y": the gerund of a call told with its time.
    r"(?:(?<=after\s)|(?<=before\s)|(?<=since\s))(?:calling|phoning|telephoning))"
    r"(?:\s+up)?\s+"
)
#: "met", "meets", "hosted": a meeting when a leader follows (or the subject is plural).
MEET_VERB_RE = re.compile(
    rf"\b(?P<verb>(?:has|have|had)\s+{_PERFECT_ADVERB}met|met|meets|hosted|hosts|received|"
    # "A was received by B": the passive, the host after "by".
    r"receives|welcomed|welcomes)(?:\s+with|(?:(?<=received|welcomed)|(?<=hosted))\s+by)?\s+"
)
_MONTH_LOWER = MONTH_PATTERN.lower()
#: When, between "received" and "a call", or "a call" and "from": "on Tuesday evening", "this
#: Monday (6)", "on Thursday 4 June", "late on Monday evening".
_RECEIVED_WHEN = (
    r"(?:(?:on|late|early|this|last)\s+){0,2}(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|today|yesterday|tonight|morning|afternoon|evening|night)"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s*\(\d{1,2}\))?"
    rf"(?:,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_LOWER}|{_MONTH_LOWER}\s+\d{{1,2}}"
    r"(?:st|nd|rd|th)?)(?:,?\s+(?:19|20)\d\d)?)?,?"
)
#: "received a phone call from", "received on Thursday 4 June a telephone call from", "received
#: a phone call this Monday morning from".
RECEIVED_CALL_RE = re.compile(
    r"\b(?:received|took|accepted|answered)\s+"
    rf"(?:{_RECEIVED_WHEN}\s+)?(?:(?:a|an)\s+)?(?:(?:[\w-]+)\s+){{0,2}}?"
    r"(?:(?:tele)?phon(?:e|ic)\s+)?calls?"
    # "received calls of congratulation from".
    r"(?:\s+of\s+(?:congratulations?|condolences?|support|solidarity|thanks))?"
    rf"(?:\s+{_RECEIVED_WHEN})?\s+from\s+"
    # "from H.E. X", "from His Highness Sheikh X": forms of address before the name.
    r"(?P<address>(?:(?:h\.\s?e\.|(?:his|her)\s+(?:excellency|majesty|highness|"
    r"royal\s+highness)|sheikh|sheik|shaikh|sheikha|mr\.?|mrs\.?|ms\.?|dr\.?)\s+){0,3})"
)
#: "thanked X for calling him", "for his phone call": X called (the leader after "thanked"
#: stands between this and the rest of the words, matched from there).
THANKED_FOR_CALL_RE = re.compile(
    r"\s+for\s+(?:(?:personally|kindly|warmly)\s+)?(?:(?:tele)?phoning|calling|ringing)\s+"
    r"(?:him|her)\b|\s+for\s+(?:his|her|the)\s+(?:(?:kind|warm)\s+)?(?:(?:tele)?phone\s+)?"
    r"call\b"
)
#: Words that say how a conversation was held, after "spoke".
MODE_RE = re.compile(
    r"\b(?:(?P<phone>(?:tele)?phone)|(?P<video>video(?:\s*(?:link|conference|call))?|"
    r"videoconference|virtually)|(?P<meeting>in\s+person|face-to-face))\b"
)

KIND_BY_WORD = {
    "phone": "phone",
    "telephone": "phone",
    "phonic": "phone",
    "telephonic": "phone",
    "video": "video",
    "videophone": "video",
    "virtual": "video",
    "online": "video",
    "in-person": "meeting",
    "face-to-face": "meeting",
}
KIND_BY_HEAD = {
    "telecon": "phone",
    "call": "phone",
    "calls": "phone",
    "videocall": "video",
    "videoconference": "video",
    "video-conference": "video",
    "meeting": "meeting",
    "meetings": "meeting",
    "summit": "meeting",
    "tete-a-tete": "meeting",
}
#: Heads that need a kind word in front ("telephone interview", "video link").
HEADS_NEEDING_KIND = frozenset(
    {
        "interview",
        "conference",
        "link",
        "exchange",
        "discussion",
        "talk",
        "chat",
        "dialogue",
        "dialog",
    }
)
#: Plural heads: generic ("regular phone calls"), never one contact.
PLURAL_HEADS = frozenset(
    {"calls", "conversations", "meetings", "discussions", "exchanges", "contacts", "contact"}
)

#: Words before a contact that put it in the future, a wish or a denial.
MODALITY_RE = re.compile(
    r"\b(?:will|would|shall|won't|wouldn't|plans?|planned|planning|intends?|intended|"
    r"intending|expects?|expected|scheduled|set\s+to|due\s+to|hopes?|hoped|hoping|wants?|"
    r"wanted|wish(?:es|ed)?|ready\s+to|willing\s+to|prepared\s+to|may|might|could|should|"
    r"possible|possibility|potential|upcoming|next|future|den(?:y|ies|ied)|denial|"
    r"refus(?:e|es|ed|al)|reject(?:s|ed)?|declin(?:e|es|ed)|cancel(?:s|led|ed)?|"
    r"postpone(?:s|d)?|halted|suspended|no|not|never|without|rumou?r(?:s|ed)?|speculation|"
    r"await(?:s|ed|ing)?|try(?:ing)?\s+to|tried\s+to|attempt(?:s|ed)?\s+to|if|unless|"
    r"fail(?:s|ed)?\s+to|unable\s+to|"
    r"whether|didn|doesn|hasn|haven|hadn|wasn|weren|won|wouldn|"
    r"prepar(?:es|ing)\s+(?:for|to)|preparations?\s+for|gearing\s+up|forthcoming|"
    r"looks?\s+forward|"
    r"looking\s+forward)\b"
)
#: Words before a contact noun that ask for it rather than report it ("asked for a call").
REQUEST_RE = re.compile(
    r"\b(?:propos(?:e|es|ed|ing|al)|offer(?:s|ed|ing)?|ask(?:s|ed|ing)?|requests?|requested|"
    r"requesting|seeks?|sought|seeking|urged?|urges|urging|invit(?:e|es|ed|ing|ation)|"
    r"agreed\s+to|agrees\s+to|agree\s+to|call(?:s|ed)?\s+for|push(?:ed|es)?\s+for|"
    r"demand(?:s|ed)?)\b"
)
#: A bare verb before a contact noun: an infinitive ("agreed to ... hold talks").
BARE_HOLD_VERBS = frozenset({"hold", "conduct", "make", "have"})
#: Words right after a contact that say it did not (or not yet) take place.
AFTER_MODALITY_RE = re.compile(
    r"[\s,]*(?:(?:is|are|was|were|has\s+been|had\s+been)\s+)?(?:(?:also|now|still)\s+)?"
    r"(?:expected|planned|scheduled|set|due|likely|possible|requested|proposed|envisaged|"
    r"to\s+take\s+place|will|would|could|may|might|cancell?ed|canceled|postponed|"
    r"called\s+off|(?:did|has|have|had)\s+not|never|denied|rejected|refused)\b"
)
#: Sentence-level denial: "denied that a call took place".
DENIAL_RE = re.compile(
    r"\b(?:den(?:y|ies|ied)|dismissed|refuted)\s+(?:that|reports?|claims?|rumou?rs?|"
    r"media\s+reports|any)\b|\b(?:was|were|is|are)\s+(?:false|untrue|fake)\b"
)
#: Words that place a contact in the past of the article.
BACKGROUND_MODIFIERS = frozenset({"previous", "prior", "last", "earlier", "former"})
BACKGROUND_RE = re.compile(
    r"\b(?:back\s+then|at\s+the\s+time|at\s+that\s+time|in\s+the\s+past|previously|"
    r"last\s+(?:spoke|met|talked)|had\s+last|last\s+(?:week|month|year)|"
    r"(?:the|their)\s+(?:last|previous)\s+time|"
    r"earlier\s+this\s+(?:week|month|year)|a\s+(?:week|month|year)\s+ago|"
    r"(?:weeks|months|years)\s+ago)\b"
)
#: Undated references to the past that add nothing about any dated contact.
VAGUE_PAST_RE = re.compile(r"\b(?:back\s+then|at\s+the\s+time|at\s+that\s+time|in\s+the\s+past)\b")
#: Repeated contacts, never one: "has spoken to X several times".
HABITUAL_RE = re.compile(
    r"\b(?:several|many|numerous|multiple|countless|a\s+number\s+of)\s+times\b|"
    # "have met twice this year", "spoke three times since May": a count over a span, no one
    # contact (but "spoke twice on Monday" tells that day's calls).
    r"\b(?:twice|(?:three|four|five|six|seven|eight|nine|ten|\d+)\s+times)\s+"
    r"(?:this|so\s+far|since|already|in\s+(?:the\s+)?(?:past|last)|over\s+the|during\s+the)\b|"
    # "had spoken with Y only eight times", "28 times in total": a count, no one contact.
    r"\b(?:only|just|at\s+least|more\s+than|over|nearly|almost|some)\s+(?:three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|\d+)\s+times\b|\b\d+\s+times\s+in\s+(?:total|all)\b|"
    r"\b(?:repeatedly|regularly|often|frequently|routinely)\b|"
    r"\bon\s+(?:several|many|numerous|multiple)\s+occasions\b"
)
PLUPERFECT_RE = re.compile(rf"\bhad\s+{_PERFECT_ADVERB}(?:spoken|met|talked|held|called|phoned)\b")

#: Adverbial words skipped when looking for the subject before a verb.
SUBJECT_SKIP = word_set("""
    also reportedly had has have then later earlier late early again finally first last both all
    previously recently once separately briefly on in at this today yesterday tonight morning
    evening afternoon night week meanwhile however too already just personally directly
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """)

# --- Initiators --------------------------------------------------------------------------

#: "at the request of X", "initiated by X": the initiator follows.
INITIATOR_BEFORE_RE = re.compile(
    r"\b(?:(?:(?:at|on|upon|following)\s+the|in\s+response\s+to\s+(?:a|the))\s+"
    r"(?:request|initiative|invitation|behest)\s+(?:of|from)|(?:initiated|requested|placed|made|arranged|sought)\s+by)\s+"
)
#: "at Russia's initiative", "on Finland's request", "at the German side's initiative".
POSSESSIVE_INITIATIVE_RE = re.compile(
    r"\b(?:[Aa]t|[Oo]n|[Uu]pon|[Ff]ollowing)\s+(?:the\s+)?"
    r"(?P<side>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})"
    r"(?:\s+side)?(?:'s|’s|')\s+(?:own\s+)?(?:initiative|request|invitation)\b"
)
#: "at the request of the French side".
SIDE_RE = re.compile(r"\s*(?:the\s+)?(?P<word>[A-Z][\w-]+)\s+side\b")

# --- Reporting ----------------------------------------------------------------------------

REPORTING_VERBS = (
    r"said|says|added|adds|noted|notes|stated|states|reported|reports|announced|announces|"
    r"wrote|writes|tweeted|posted|confirmed|confirms|indicated|indicates|explained|explains|"
    r"stressed|stresses|declared|underlined|affirmed"
)
#: Reporting verbs between a date and a contact mean the date is the report's.
REPORTING_RE = re.compile(rf"\b(?:{REPORTING_VERBS}|told|according)\b")

# --- Durations ----------------------------------------------------------------------------

DURATION_QUALIFIERS = {
    "about": "about",
    "approximately": "about",
    "approx": "about",
    "around": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "roughly": "about",
    "close to": "about",
    "circa": "about",
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "just over": "more than",
    "at least": "more than",
    "a little over": "more than",
    "well over": "more than",
    "less than": "less than",
    "under": "less than",
    "just under": "less than",
    "fewer than": "less than",
    "up to": "less than",
    "a little under": "less than",
}
