"""Whether a report is of a call the archive already holds: the rules, each named.

The importer hands this module what a new report says (:class:`Facts`) and what it knows of
the calls with exactly the same participants (:class:`Known`); :func:`decide` answers with
the one call to merge into, or none, and the calls it might still be (for an editor).
Nothing here touches the database.

Two rules keep distinct calls apart, whatever else they share:

* **Known dates that differ are different calls.** Two dates given to the day are the same
  call's only when equal, or one day apart (a call late in Washington is the next day in
  Beijing); a month or year is the same call's only when it holds the other date.
* **An undated report joins a call only when nothing else could be it.** With a publication
  date, the call must be the one candidate dated in the week before it (or undated, and
  published in the same week); without one, the one candidate of all, and something
  particular must tie them: the month and day the report names without a year, or both
  the weekday it names and a duration both state, against a call dated to that weekday
  (two undated reports that agree so stay apart), or a passage of the call's account that
  both reports give word for word (ten words in a row, the leaders' names and countries
  aside: two outlets copying one readout or one quotation); or, for a series (three or
  more calls of one leader that an article tells together), the calls another source told
  as the same series.
* **A day only defaulted to the article's is a week, not a day.** A report whose text names
  no day of its contact is dated the day its article was filed ("the article's date; the
  text names no other day"): it joins a call of that day or the day either side, else the
  one candidate in the week before, as an undated report would.
* **One outlet does not report one call under two days.** The day either side allowed for
  time zones is not allowed between reports of the same publisher (or the same government's
  pages), nor for a report that tells its call as another ("held a new phone conversation",
  "spoke again").
  Otherwise the report becomes a call of its own, marked as a possible duplicate of the
  candidates, for an editor to merge.

Each rule that rules a pair out is a function named for it in :data:`RULES`; each returns
why, in words, or ``None``.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .enums import CallKind, DatePrecision

# Two durations are the same call's when within this fraction of each other.
DURATION_TOLERANCE = 0.2
MAX_DURATION_MINUTES = 7 * 24 * 60
#: Dates given to the day this far apart may still be one call (time zones).
TIME_ZONE_SLACK = datetime.timedelta(days=1)
#: How long before its publication a report's undated main contact may have taken place.
REPORTING_WINDOW = datetime.timedelta(days=7)
#: How many words in a row two reports' accounts of a call must share to be one readout's
#: words: the phrases every readout of a pair repeats ("the special and privileged strategic
#: partnership between the two countries") are shorter once the names are set aside.
SHARED_PASSAGE_WORDS = 10
#: How many such runs: two, eleven words in a row at the least.
SHARED_PASSAGES = 2

_PRECISION_RANK = {
    DatePrecision.DAY: 0,
    DatePrecision.MONTH: 1,
    DatePrecision.YEAR: 2,
    DatePrecision.UNKNOWN: 3,
}
# An exact duration says more than "about", which says more than a bound.
QUALIFIER_RANK = {"": 0, "about": 1, "more than": 2, "less than": 2}


@dataclass(frozen=True, slots=True)
class Facts:
    """What decides whether two reports are of the same call."""

    kind: str
    date: datetime.date | None
    precision: str
    minutes: int | None
    qualifier: str
    #: A weekday the report names for an undated contact ("on Saturday"), 0 = Monday.
    weekday: int | None = None
    #: The source's publication date: a report cannot be of a call after it.
    published: datetime.date | None = None
    #: Whether the report is its article's main contact (a background mention may be old).
    main: bool = True
    #: The month and day an undated report gives without a year, as (month, day).
    month_day: tuple[int, int] | None = None
    #: For a call already archived and undated: when its main reports were published.
    published_range: tuple[datetime.date, datetime.date] | None = None
    #: The runs of :data:`SHARED_PASSAGE_WORDS` words its account of the call gives
    #: (:func:`passages`); empty unless the importer read them for an undated match.
    passages: frozenset[str] = frozenset()
    #: The archived calls another source reported together with this report's fellows, as
    #: this article reports them together (:func:`series_calls`): one per contact.
    series: frozenset[int] = frozenset()
    #: Whether the date is only the day the article was filed or published (its words name
    #: no day of the contact): a week before it, as far as matching goes.
    defaulted: bool = False
    #: Who published the report (for a call: its reports): one outlet gives one call one day.
    publishers: frozenset[str] = frozenset()
    #: Told as another contact after an earlier one ("a new phone conversation", "spoke
    #: again"): not the call of another day, however near.
    again: bool = False

    @property
    def dated(self) -> bool:
        return self.date is not None and self.precision != DatePrecision.UNKNOWN

    def window(self) -> tuple[datetime.date, datetime.date] | None:
        """When an undated contact took place, as far as its publication says."""
        if self.dated:
            return None
        if self.published_range is not None:
            first, last = self.published_range
            return first - REPORTING_WINDOW, last
        if self.main and self.published is not None:
            return self.published - REPORTING_WINDOW, self.published
        return None


@dataclass(frozen=True, slots=True)
class Known:
    """A call the archive holds: its id, the facts that match it, whether it is reviewed."""

    pk: int
    facts: Facts
    reviewed: bool = False


@dataclass(slots=True)
class Decision:
    """Where a report goes: into ``call``, or a new call that may duplicate ``possible``."""

    call: Known | None
    possible: list[Known] = field(default_factory=list)
    reason: str = ""


# --- rules that rule a pair out ---------------------------------------------------------------


def kinds_differ(new: Facts, old: Facts) -> str | None:
    if new.kind != old.kind and CallKind.OTHER not in (new.kind, old.kind):
        return f"a {new.kind} is not a {old.kind}"
    return None


def dates_differ(new: Facts, old: Facts) -> str | None:
    if not dates_compatible(new.date, new.precision, old.date, old.precision):
        if _within_default(new, old) or _within_default(old, new):
            return None
        return f"dated {describe(new)} and {describe(old)}"
    if _day_apart(new, old) and new.date != old.date:
        # (A day only defaulted to the article's is no day the publisher gave.)
        if new.publishers & old.publishers and not (new.defaulted or old.defaulted):
            return f"dated {describe(new)} and {describe(old)} by the same publisher"
        if new.again or old.again:
            return f"dated {describe(new)} and {describe(old)}, told as another call"
    return None


def _within_default(defaulted: Facts, other: Facts) -> bool:
    """Whether ``other`` falls in the week before a report's defaulted day (not for a report
    told as another call: "held a new phone conversation")."""
    if defaulted.again or other.again:
        return False
    if not defaulted.defaulted or defaulted.date is None or other.date is None:
        return False
    week = (defaulted.date - REPORTING_WINDOW, defaulted.date)
    return _overlaps(week, _span(other.date, other.precision))


def after_publication(new: Facts, old: Facts) -> str | None:
    """A source cannot report a contact that happened after it was published."""
    for facts, other in ((new, old), (old, new)):
        if other.date is None or facts.published is None:
            continue
        if _earliest(other.date, other.precision) > facts.published + TIME_ZONE_SLACK:
            return f"dated {describe(other)}, after a report published {facts.published}"
    return None


def weekday_differs(new: Facts, old: Facts) -> str | None:
    for facts, other in ((new, old), (old, new)):
        if (
            facts.date is None
            and facts.weekday is not None
            and other.date is not None
            and other.precision == DatePrecision.DAY
            # A day either side is the same call seen from another time zone.
            and (other.date.weekday() - facts.weekday) % 7 not in (0, 1, 6)
        ):
            return f"a report says {calendar.day_name[facts.weekday]}, the call was {other.date}"
    return None


def month_day_differs(new: Facts, old: Facts) -> str | None:
    for facts, other in ((new, old), (old, new)):
        if (
            facts.date is None
            and facts.month_day is not None
            and other.date is not None
            and other.precision == DatePrecision.DAY
            and not _same_month_day(facts.month_day, other.date)
        ):
            month, day = facts.month_day
            return f"a report says {calendar.month_name[month]} {day}, the call was {other.date}"
    return None


def durations_differ(new: Facts, old: Facts) -> str | None:
    if not durations_compatible(new.minutes, new.qualifier, old.minutes, old.qualifier):
        return f"{new.minutes} and {old.minutes} minutes"
    return None


def outside_window(new: Facts, old: Facts) -> str | None:
    """An undated main report is of a call in the week before it was published."""
    for facts, other in ((new, old), (old, new)):
        window = facts.window()
        if window is None:
            continue
        if other.dated:
            if not _overlaps(window, _span(other.date, other.precision)):
                return f"dated {describe(other)}, outside the week before {window[1]}"
        else:
            theirs = other.window()
            if theirs is not None and not _overlaps(window, theirs):
                return f"undated reports published {window[1]} and {theirs[1]}"
    return None


RULES: tuple[Callable[[Facts, Facts], str | None], ...] = (
    kinds_differ,
    dates_differ,
    after_publication,
    weekday_differs,
    month_day_differs,
    durations_differ,
    outside_window,
)


def ruled_out(new: Facts, old: Facts) -> str | None:
    """Why ``new`` cannot be a report of the call ``old`` describes, or ``None``."""
    for rule in RULES:
        reason = rule(new, old)
        if reason is not None:
            return reason
    return None


def compatible(new: Facts, old: Facts) -> bool:
    """Whether two reports, with the same participants, can be of the same contact."""
    return ruled_out(new, old) is None


# --- choosing --------------------------------------------------------------------------------


def decide(new: Facts, known: list[Known]) -> Decision:
    """The call ``new`` is a report of, if exactly one can be; never a guess.

    ``known`` are the archive's calls with exactly the report's participants. A report
    dated to the day goes to the one call of that day, else to the one call a day away,
    else to the one call whose month or year holds it or that is undated and tied to it;
    an undated report to the one candidate, if something ties it to that call (see the
    module's docstring).
    """
    candidates = [k for k in known if compatible(new, k.facts)]
    if not candidates:
        return Decision(None)
    if new.dated:
        for tier in (_same_day, _day_apart):
            chosen = [k for k in candidates if tier(new, k.facts)]
            if len(chosen) == 1:
                return Decision(chosen[0], reason=tier.__doc__ or "")
            if len(chosen) > 1:
                return Decision(None, chosen, f"{len(chosen)} calls fit: {tier.__doc__}")
        # A call known to the month or year that holds this date, or an undated call tied
        # to it as an undated report would be: merged only when there is one of them.
        chosen = [k for k in candidates if k.facts.dated or tie_known(new, k)]
        if len(chosen) == 1:
            return Decision(chosen[0], reason="the one call that holds this date")
        if len(chosen) > 1:
            return Decision(None, chosen, f"{len(chosen)} calls could hold this date")
        return Decision(None, candidates, "undated calls that nothing ties to this date")
    # Calls that something ties the report to; the others (undated reports that nothing
    # places in time) stay possible duplicates, for an editor.
    tied = [(k, tie_known(new, k)) for k in candidates]
    tied = [(k, why) for k, why in tied if why]
    if len(tied) == 1:
        return Decision(tied[0][0], reason="the one call tied to it: " + tied[0][1])
    if len(tied) > 1:
        return Decision(None, [k for k, _ in tied], f"{len(tied)} calls fit an undated report")
    return Decision(None, candidates, "an undated report that nothing ties to these calls")


def tie_known(new: Facts, call: Known) -> str:
    """What ties a report to an archived call when one of them is undated ('' if nothing)."""
    if call.pk in new.series:
        return "another source reported it with the same series of calls"
    return tie(new, call.facts) if not new.dated else tie(call.facts, new)


def series_calls(contacts: list[list[Known]], reported_by: dict[int, set[int]]) -> list[int]:
    """The calls one other source reported together, one for each of an article's contacts.

    ``contacts`` are the candidates of each contact of a series (three or more contacts of
    one leader that an article reports together); ``reported_by`` maps each candidate to
    the sources that report it. A source that reported exactly one candidate of every
    contact ties the series to its calls: one leader's calls with the same three or more
    counterparts, told together twice, are one series ("X held a series of calls with A, B
    and C"). Nothing when no source, or two sources that disagree, do.
    """
    if len(contacts) < 3:
        return []
    found: dict[int, list[int]] | None = None
    sources = set().union(*(reported_by.get(k.pk, set()) for k in contacts[0]))
    for source in sorted(sources):
        picks = []
        for candidates in contacts:
            theirs = [k.pk for k in candidates if source in reported_by.get(k.pk, ())]
            if len(theirs) != 1:
                break
            picks.append(theirs[0])
        else:
            found = found or {}
            found[source] = picks
    if not found or len({tuple(p) for p in found.values()}) != 1:
        return []
    return next(iter(found.values()))


def tie(undated: Facts, other: Facts) -> str:
    """What ties an undated report to a call it is compatible with ('' if nothing)."""
    window = undated.window()
    # A call known only to the month or year holds the week, but does not place it.
    placed = other.dated and other.precision == DatePrecision.DAY
    if window is not None and (placed or (not other.dated and other.window() is not None)):
        return "it falls in the week before the report was published"
    if (
        undated.month_day is not None
        and other.date is not None
        and other.precision == DatePrecision.DAY
        and _same_month_day(undated.month_day, other.date)
    ):
        return "the month and day it names"
    # Without a publication date, one coincidence is not enough (one call in seven falls on
    # any weekday): the weekday the report names and a duration both state must agree, with
    # a call dated to that weekday. Two undated reports that agree so are not tied: nothing
    # places either, and two Tuesday calls of about 45 minutes weeks apart are common.
    if (
        undated.weekday is not None
        and undated.minutes is not None
        and other.minutes is not None
        and other.date is not None
        and other.precision == DatePrecision.DAY
        and other.date.weekday() == undated.weekday
    ):
        return "the weekday it names and the duration both state"
    shared = undated.passages & other.passages
    if len(shared) >= SHARED_PASSAGES:
        return f"both give the same words: “{min(shared)} …”"
    return ""


_WORD_RE = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased and without accents, for comparing wordings."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return _WORD_RE.findall("".join(c for c in plain if not unicodedata.combining(c)))


#: Words of names that every sentence uses in their own sense too.
_NAME_FUNCTION_WORDS = frozenset({"of", "the", "and", "an", "for", "in", "on", "to"})


def passages(texts: Iterable[str], names: frozenset[str]) -> frozenset[str]:
    """Every run of :data:`SHARED_PASSAGE_WORDS` words in ``texts`` that holds none of
    ``names`` (the leaders' names and their countries' names and adjectives, as
    :func:`words_of` gives them): what two reports copying one account share, and two
    accounts of different calls between the same leaders do not."""
    # Not the initials and small words of names ("Donald J. Trump", "United States of
    # America"): masked, they would cut every passage that uses them in its own sense.
    names = frozenset(w for w in names if len(w) > 1 and w not in _NAME_FUNCTION_WORDS)
    found: set[str] = set()
    size = SHARED_PASSAGE_WORDS
    for text in texts:
        run: list[str] = []
        for word in words_of(text):
            if word in names:
                run = []
                continue
            run.append(word)
            if len(run) >= size:
                found.add(" ".join(run[-size:]))
    return frozenset(found)


def _same_day(new: Facts, old: Facts) -> bool:
    """the call of that day"""
    return old.precision == DatePrecision.DAY and old.date == new.date and new.precision == "day"


def _day_apart(new: Facts, old: Facts) -> bool:
    """the call a day away (time zones)"""
    return (
        old.precision == DatePrecision.DAY
        and new.precision == DatePrecision.DAY
        and old.date is not None
        and new.date is not None
        and abs(old.date - new.date) <= TIME_ZONE_SLACK
    )


# --- dates and durations ---------------------------------------------------------------------


def dates_compatible(
    a: datetime.date | None, a_precision: str, b: datetime.date | None, b_precision: str
) -> bool:
    """Days equal or one apart; or one unknown; or a month or year that holds the other."""
    if a is None or b is None:
        return True
    coarsest = max(_PRECISION_RANK.get(a_precision, 3), _PRECISION_RANK.get(b_precision, 3))
    if coarsest == _PRECISION_RANK[DatePrecision.UNKNOWN]:
        return True
    if coarsest == _PRECISION_RANK[DatePrecision.YEAR]:
        return a.year == b.year
    if coarsest == _PRECISION_RANK[DatePrecision.MONTH]:
        return (a.year, a.month) == (b.year, b.month)
    return abs(a - b) <= TIME_ZONE_SLACK


def durations_compatible(a: int | None, a_qualifier: str, b: int | None, b_qualifier: str) -> bool:
    """Unknown on either side, or ranges that meet once widened by the tolerance."""
    if a is None or b is None:
        return True
    low_a, high_a = _duration_range(a, a_qualifier)
    low_b, high_b = _duration_range(b, b_qualifier)
    return low_a <= high_b and low_b <= high_a


def finer(new: str, old: str) -> bool:
    """Whether a date of precision ``new`` says more than one of precision ``old``."""
    return _PRECISION_RANK.get(new, 3) < _PRECISION_RANK.get(old, 3)


def describe(facts: Facts) -> str:
    if not facts.dated or facts.date is None:
        return "undated"
    if facts.precision == DatePrecision.YEAR:
        return str(facts.date.year)
    if facts.precision == DatePrecision.MONTH:
        return facts.date.strftime("%Y-%m")
    return facts.date.isoformat()


def _duration_range(minutes: int, qualifier: str) -> tuple[float, float]:
    # Each side gets half the tolerance: two exact durations meet within about a fifth.
    slack = DURATION_TOLERANCE / 2
    low, high = float(minutes), float(minutes)
    if qualifier == "about":
        low, high = minutes * (1 - DURATION_TOLERANCE), minutes * (1 + DURATION_TOLERANCE)
    elif qualifier == "more than":
        high = float("inf")
    elif qualifier == "less than":
        low = 0.0
    return low * (1 - slack), high * (1 + slack)


def _earliest(day: datetime.date, precision: str) -> datetime.date:
    return _span(day, precision)[0]


def _span(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a date of this precision may be."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        first = day.replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following - datetime.timedelta(days=1)
    return day - TIME_ZONE_SLACK, day + TIME_ZONE_SLACK


def _same_month_day(month_day: tuple[int, int], day: datetime.date) -> bool:
    """Whether ``day`` falls on the month and day, a day either side (time zones)."""
    return any(
        ((day + shift).month, (day + shift).day) == month_day
        for shift in (-TIME_ZONE_SLACK, datetime.timedelta(0), TIME_ZONE_SLACK)
    )


def _overlaps(a: tuple[datetime.date, datetime.date], b: tuple[datetime.date, datetime.date]):
    return a[0] <= b[1] and b[0] <= a[1]
