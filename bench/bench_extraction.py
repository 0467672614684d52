"""How many articles a second the extraction engine reads.

Generates N synthetic articles (about 1,500 to 3,000 characters each) from the project's
knowledge base, varied in format (wire datelines of several shapes, official readouts,
date headers, titles, photo captions), in the leaders, countries, seats and topics they
name, in the kind and date of the contact and in background mentions; mixes in the seed
articles of ``fixtures/articles``; then extracts them all, several rounds, and prints the
median rate.

    .venv/bin/python bench/bench_extraction.py [--articles N] [--rounds R] [--json]

A benchmark, not a test: it asserts nothing but prints what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.extraction import KnowledgeBase, extract  # noqa: E402
from archive.extraction.knowledge import LeaderEntry, Term  # noqa: E402

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Invented outlets: the shapes are real, the names are not.
AGENCIES = ["Newswire", "Globe Press", "Continental", "World Service", "Wire Agency"]
SLASH_AGENCIES = ["NEWSAGENCY", "WIREPRESS", "INFORM"]
CALL_PHRASES = [
    "held a phone call with {b}",
    "spoke by phone with {b}",
    "held a telephone conversation with {b}",
    "spoke over the phone with {b}",
    "held a video call with {b}",
    "met {b}",
    "held talks with {b}",
    "had a {minutes}-minute phone call with {b}",
]
FILLER = [
    "Analysts said the contact reflected a cautious thaw after months of public disagreement.",
    "Officials on both sides declined to give further details of the exchange.",
    "The conversation came as diplomats prepared for a round of negotiations next month.",
    "Observers noted that the tone of the statements was markedly warmer than before.",
    "Trade between the two countries has grown steadily over the past decade.",
    "The ministry of foreign affairs is expected to brief journalists later in the week.",
    "Several opposition lawmakers criticised the government for its handling of the issue.",
    "Markets reacted calmly to the news, with the currency little changed in early trading.",
    "A spokesperson for the parliament said a debate on the matter would be scheduled.",
    "Experts warned that any agreement would take time to implement on the ground.",
]


def load_kb(path: Path) -> KnowledgeBase:
    names = ("countries.json", "leaders.json", "topics.json")
    missing = [name for name in names if not (path / name).exists()]
    if missing:
        raise SystemExit(f"{path} lacks {', '.join(missing)}: the benchmark needs the fixtures")
    return KnowledgeBase.from_json_dir(path)


def _serving(kb: KnowledgeBase) -> list[tuple[LeaderEntry, Term]]:
    pairs = []
    for leader in kb.leaders.values():
        for term in leader.terms:
            if term.start is not None and leader.country in kb.countries:
                pairs.append((leader, term))
    if len(pairs) < 2:
        raise SystemExit("the knowledge base needs at least two leaders with dated terms")
    return pairs


def _day_in(term: Term, rng: random.Random) -> date:
    start = term.start or date(2000, 1, 1)
    end = term.end or date(2025, 12, 31)
    if end <= start:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _titled(leader: LeaderEntry, term: Term, kb: KnowledgeBase) -> str:
    country = kb.countries[leader.country]
    demonym = country.demonyms[0] if country.demonyms else country.name
    return f"{demonym} {term.title.title()} {leader.name}"


def _short(leader: LeaderEntry) -> str:
    return leader.aliases[0] if leader.aliases else leader.name.split()[-1]


def _seat(leader: LeaderEntry, kb: KnowledgeBase) -> str:
    country = kb.countries[leader.country]
    if country.seats:
        return f"the {country.seats[0]}"
    demonym = country.demonyms[0] if country.demonyms else country.name
    return f"the {demonym} government"


def _topic_sentences(kb: KnowledgeBase, rng: random.Random, count: int) -> list[str]:
    topics = [t for t in kb.topics.values() if t.keywords]
    sentences = []
    for topic in rng.sample(topics, min(count, len(topics))):
        keyword = rng.choice(topic.keywords)
        sentences.append(
            rng.choice(
                [
                    f"The two leaders also discussed {keyword}, according to the readout.",
                    f"Both sides stressed the importance of progress on {keyword}.",
                    f"The issue of {keyword} figured prominently in the discussion.",
                ]
            )
        )
    return sentences


def make_article(kb: KnowledgeBase, serving: list, rng: random.Random) -> tuple[str, date]:
    """One synthetic article and the date it is published."""
    for _ in range(50):
        a, a_term = rng.choice(serving)
        day = _day_in(a_term, rng)
        # A counterpart in office that day, from another country.
        others = [(b, t) for b, t in serving if b.country != a.country and t.covers(day)]
        if others:
            b, b_term = rng.choice(others)
            break
    else:
        (a, a_term), (b, b_term) = rng.sample(serving, 2)
        day = _day_in(a_term, rng)
    minutes = rng.choice([30, 40, 45, 60, 90])
    weekday = WEEKDAYS[day.weekday()]
    month_day = f"{MONTHS[day.month - 1]} {day.day}"
    phrase = rng.choice(CALL_PHRASES).format(b=_titled(b, b_term, kb), minutes=minutes)
    lead = f"{_titled(a, a_term, kb)} {phrase} on {weekday}, {_seat(a, kb)} said."
    place = (kb.countries[a.country].capital or kb.countries[a.country].name).upper()

    shape = rng.randrange(5)
    if shape == 0:
        top = f"{place} ({rng.choice(AGENCIES)}) - "
    elif shape == 1:
        top = f"{place}, {month_day} ({rng.choice(AGENCIES)}) -- "
    elif shape == 2:
        top = f"{place}, {month_day}. /{rng.choice(SLASH_AGENCIES)}/. "
    elif shape == 3:
        top = f"date {day.isoformat()} "
    else:
        top = f"{_short(a)} and {_short(b)} discuss ties\n\n"

    body = [lead]
    body.append(
        f'"The conversation was frank and constructive," {_seat(b, kb)} said in a statement.'
    )
    noun = "meeting" if phrase.startswith(("met", "held talks")) else "call"
    body.append(f"The {noun} lasted about {minutes} minutes, officials said.")
    body.extend(_topic_sentences(kb, rng, rng.randint(2, 4)))
    if rng.random() < 0.5:
        earlier = day - timedelta(days=rng.randint(60, 900))
        body.append(
            f"Their previous phone call took place on {MONTHS[earlier.month - 1]} "
            f"{earlier.day}, {earlier.year}."
        )
    if rng.random() < 0.3:
        body.append(f"{_short(a)} is expected to visit {kb.countries[b.country].name} next year.")
    target = rng.randint(1500, 3000)
    paragraphs = [" ".join(body[:2]), " ".join(body[2:])]
    while len(top) + sum(len(p) + 2 for p in paragraphs) < target:
        paragraphs.append(" ".join(rng.sample(FILLER, 3)))
    return top + "\n\n".join(paragraphs), day


def build_corpus(kb: KnowledgeBase, count: int, seed: int) -> list[tuple[str, date | None]]:
    rng = random.Random(seed)
    serving = _serving(kb)
    seeds = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures/articles").glob("*.txt"))
    ]
    corpus: list[tuple[str, date | None]] = []
    for index in range(count):
        if seeds and index % 10 == 9:
            corpus.append((seeds[index % len(seeds)], None))
        else:
            text, day = make_article(kb, serving, rng)
            corpus.append((text, day + timedelta(days=rng.choice([0, 0, 1]))))
    return corpus


def run(corpus: list[tuple[str, date | None]], kb: KnowledgeBase) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and calls found, for one round."""
    calls = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    for text, published in corpus:
        calls += len(extract(text, kb, published=published).calls)
    return time.perf_counter() - started, time.process_time() - cpu_started, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the median is reported")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the generator")
    parser.add_argument(
        "--knowledge", type=Path, default=ROOT / "fixtures" / "knowledge", help="knowledge dir"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    started = time.perf_counter()
    kb = load_kb(args.knowledge)
    kb_seconds = time.perf_counter() - started
    corpus = build_corpus(kb, args.articles, args.seed)
    rates = []
    cpu_rates = []
    calls = 0
    load_before = os.getloadavg()[0]
    for _ in range(args.rounds):
        seconds, cpu_seconds, calls = run(corpus, kb)
        rates.append(len(corpus) / seconds)
        cpu_rates.append(len(corpus) / cpu_seconds)
    result = {
        "articles": len(corpus),
        "rounds": args.rounds,
        "articles_per_second": round(statistics.median(rates), 1),
        # Per second of this process's own CPU time: what the machine gives when idle.
        "articles_per_cpu_second": round(statistics.median(cpu_rates), 1),
        # Other work on the machine slows the wall-clock rate: say how busy it was.
        "load_average": round(max(load_before, os.getloadavg()[0]), 2),
        "slowest_round": round(min(rates), 1),
        "fastest_round": round(max(rates), 1),
        "mean_characters": round(statistics.mean(len(text) for text, _ in corpus)),
        "calls_found": calls,
        "knowledge_base": {
            "countries": len(kb.countries),
            "leaders": len(kb.leaders),
            "topics": len(kb.topics),
            "build_seconds": round(kb_seconds, 3),
        },
    }
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['articles_per_second']} articles/s (median of {args.rounds} rounds of "
        f"{len(corpus)} articles, {result['mean_characters']} characters on average; "
        f"rounds from {result['slowest_round']} to {result['fastest_round']}/s)"
    )
    print(
        f"{result['articles_per_cpu_second']} articles per CPU-second of this process; "
        f"load average {result['load_average']} on {os.cpu_count()} cores"
    )
    print(
        f"{calls} calls found per round; knowledge base of {len(kb.leaders)} leaders, "
        f"{len(kb.countries)} countries, {len(kb.topics)} topics built in {kb_seconds:.3f}s"
    )


if __name__ == "__main__":
    main()
