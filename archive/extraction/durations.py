"""How long a contact lasted: "90-minute", "lasted 90 minutes", "more than two hours",
"lasted from 9:15 p.m. to 10:30 p.m.".

Qualifiers: "about" for about/approximately/around/some/nearly/almost/roughly, "more than"
for more than/over/at least, "less than" for less than/under; none for an exact figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import DURATION_QUALIFIERS, NUMBER_PATTERN, number_value

_QUALIFIER = (
    r"(?P<qualifier>approximately|approx\.?|about|around|some|nearly|almost|roughly|"
    r"close\s+to|circa|a\s+little\s+over|a\s+little\s+under|just\s+over|just\s+under|"
    r"well\s+over|more\s+than|upwards\s+of|in\s+excess\s+of|at\s+least|over|less\s+than|"
    r"fewer\s+than|under|up\s+to)"
)
_HALF = (
    r"(?P<half>(?:an?|one)\s+hour\s+and\s+a\s+half|(?P<whole>one|two|three|four|five|six|"
    # "four and a half hours", "four-and-a-half hours", "a four-and-a-half-hour meeting".
    r"seven|eight|nine|ten|eleven|twelve|\d+)[\s-]+and[\s-]+a[\s-]+half[\s-]+hours?|"
    r"half\s+an\s+hour|half-hour|half\s+hour)"
)
_PLAIN = (
    rf"(?P<number>{NUMBER_PATTERN})[\s-]+(?P<unit>minutes?|mins?|hours?)"
    r"(?:(?:,?[\s-]+and[\s-]+|[\s,]+)(?P<extra>a\s+half|"
    rf"{NUMBER_PATTERN})[\s-]+(?P<extra_unit>minutes?|mins?|hours?))?"
)
DURATION_RE = re.compile(
    rf"\b(?:{_QUALIFIER}\s+)?(?:{_HALF}|{_PLAIN}|(?P<bare>hour-long|hourlong)|"
    # "1h30", "2h": hours and minutes as French and Spanish pages write them.
    r"(?P<clock_h>\d{1,2})h(?P<clock_m>[0-5]\d)?)(?:[\s-]+long)?\b"
)
# A duration followed by these is a time distance, not a length ("two hours after").
_NOT_LENGTH_RE = re.compile(r"\s*(?:after|before|later|earlier|ago|into|away|behind|ahead)\b")
_CLOCK_BEFORE_RE = re.compile(r"\b(?:at|from|until|till|to|since|by|before|after)\s+\Z")
_NOT_LENGTH_BEFORE_RE = re.compile(r"\b(?:within|every|in\s+the\s+last|in\s+the\s+past)\s*$")


_CLOCK_TIME = r"(?P<h{n}>\d{{1,2}})[:.](?P<m{n}>\d\d)\s*(?P<ap{n}>[ap]\.?\s?m\b\.?)?"
#: "lasted from 9:15 p.m. to 10:30 p.m.", "went on from 21:15 until 22:30": from the clock.
RANGE_RE = re.compile(
    r"\b(?:lasted|lasting|went\s+on|continued|ran)\s+(?:from|between)\s+"
    + _CLOCK_TIME.format(n=1)
    + r"\s*(?:to|until|till|and|-|\u2013)\s*"
    + _CLOCK_TIME.format(n=2)
)


@dataclass(frozen=True, slots=True)
class Duration:
    start: int
    end: int
    minutes: int
    qualifier: str | None


def find_durations(lower: str, start: int, end: int) -> list[Duration]:
    """Durations of minutes or hours in ``lower[start:end]`` (folded, lower-cased text)."""
    found: list[Duration] = []
    for match in DURATION_RE.finditer(lower, start, end):
        if _NOT_LENGTH_RE.match(lower, match.end(), end):
            continue
        if _NOT_LENGTH_BEFORE_RE.search(lower, max(start, match.start() - 20), match.start()):
            continue
        if match.group("clock_h") and _CLOCK_BEFORE_RE.search(
            lower, max(start, match.start() - 8), match.start()
        ):
            continue  # "at 14h30": a time of day
        minutes = _minutes(match)
        if minutes is None or minutes <= 0 or minutes > 24 * 60:
            continue
        qualifier_word = match.group("qualifier")
        qualifier = None
        if qualifier_word:
            key = re.sub(r"\s+", " ", qualifier_word.rstrip("."))
            qualifier = DURATION_QUALIFIERS.get(key)
        found.append(Duration(match.start(), match.end(), minutes, qualifier))
    for match in RANGE_RE.finditer(lower, start, end):
        minutes = _between(match)
        if minutes is not None:
            found.append(Duration(match.start(), match.end(), minutes, None))
    return sorted(found, key=lambda d: d.start)


def _between(match: re.Match[str]) -> int | None:
    """The minutes from one time of day to the next ("9:15 p.m. to 10:30 p.m."; a time
    without its a.m. or p.m. takes the other's; past midnight, the next day)."""
    times = []
    for n in "12":
        hour, minute = int(match.group(f"h{n}")), int(match.group(f"m{n}"))
        if hour > 23 or minute > 59:
            return None
        times.append([hour, minute, match.group(f"ap{n}")])
    if times[0][2] is None:
        times[0][2] = times[1][2]
    values = []
    for hour, minute, half in times:
        if half is not None:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half.startswith("p") else 0)
        values.append(hour * 60 + minute)
    minutes = (values[1] - values[0]) % (24 * 60)
    return minutes if 0 < minutes <= 12 * 60 else None


def _minutes(match: re.Match[str]) -> int | None:
    if match.group("half"):
        text = match.group("half")
        if text.startswith("half"):
            return 30
        whole = match.group("whole")
        hours = number_value(whole) if whole else 1.0
        return round(((hours or 1.0) + 0.5) * 60)
    if match.group("bare"):
        return 60
    if match.group("clock_h"):
        return int(match.group("clock_h")) * 60 + int(match.group("clock_m") or 0)
    value = number_value(match.group("number"))
    if value is None:
        return None
    unit = match.group("unit")
    minutes = value * 60 if unit.startswith("hour") else value
    extra = match.group("extra")
    # "two hours and seventeen minutes": minutes added to hours, never the other way.
    if extra and unit.startswith("hour"):
        extra_unit = match.group("extra_unit")
        extra_value = 0.5 if extra.startswith("a") else number_value(extra) or 0
        minutes += extra_value * 60 if extra_unit.startswith("hour") else extra_value
    return round(minutes)
