"""How fast ``manage.py import_articles`` fills an archive: articles a second, end to end.

Generates N synthetic article files from the project's gazetteer (the generator of
``bench_extraction.py``: varied datelines, headers, leaders, kinds, topics, background
mentions), plus second reports of some of the same calls in other words (so that the
importer merges across sources), into a temporary folder; creates a fresh SQLite
database there (migrate, load_knowledge); then times the real command on the folder.

    .venv/bin/python bench/bench_import.py --articles 10000 [--json] [--keep]

The issue's target: 10,000 articles in under two minutes on SQLite. A benchmark, not a
test: it prints what it measured. Without ``fixtures/knowledge`` it falls back to the
engine tests' small gazetteer, and says so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from bench_extraction import (  # noqa: E402
    MONTHS,
    WEEKDAYS,
    _seat,
    _serving,
    _short,
    _titled,
    _topic_sentences,
    make_article,
)

from archive.extraction import KnowledgeBase  # noqa: E402

PROJECT_KNOWLEDGE = ROOT / "fixtures" / "knowledge"
FILES = ("countries.json", "leaders.json", "topics.json")


def knowledge_dir(work: Path, wanted: Path) -> tuple[Path, str]:
    if all((wanted / name).exists() for name in FILES):
        return wanted, str(wanted)
    from tests.extraction.conftest import COUNTRIES, LEADERS, TOPICS

    folder = work / "knowledge"
    folder.mkdir()
    for name, rows in zip(FILES, (COUNTRIES, LEADERS, TOPICS), strict=True):
        (folder / name).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return folder, "the engine tests' small gazetteer (fixtures/knowledge is not written yet)"


def second_report(kb: KnowledgeBase, text: str, day: date, rng: random.Random) -> str | None:
    """Another outlet's account of the call ``text`` reports: same leaders, same day."""
    serving = {leader.name: (leader, term) for leader, term in _serving(kb) if term.covers(day)}
    names = [name for name in serving if name in text]
    if len(names) < 2:
        return None
    (a, a_term), (b, b_term) = serving[names[0]], serving[names[1]]
    when = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if rng.random() < 0.5:
        lead = (
            f"{_titled(b, b_term, kb)} and {_titled(a, a_term, kb)} spoke by phone on {when}, "
            f"{_seat(b, kb)} said."
        )
    else:
        lead = (
            f"date {day.isoformat()} {_short(b)} held a phone call with {_titled(a, a_term, kb)} "
            f"on {WEEKDAYS[day.weekday()]}, according to {_seat(b, kb)}."
        )
    body = [lead, *_topic_sentences(kb, rng, 2)]
    body.append("Officials on both sides gave few other details of the conversation.")
    return " ".join(body)


def generate(kb: KnowledgeBase, count: int, seed: int, folder: Path) -> dict[str, int]:
    """Write ``count`` article files, a thousand to a subfolder; return what was written."""
    rng = random.Random(seed)
    serving = _serving(kb)
    written = seconds = 0
    while written < count:
        text, day = make_article(kb, serving, rng)
        # Most articles carry their publication date in a header, as the seeds do.
        if not text.startswith("date ") and rng.random() < 0.8:
            text = f"date {(day + timedelta(days=rng.choice([0, 0, 1]))).isoformat()}\n{text}"
        texts = [text]
        if rng.random() < 0.15:
            other = second_report(kb, text, day, rng)
            if other:
                texts.append(other)
                seconds += 1
        for body in texts[: count - written]:
            path = folder / f"{written // 1000:03d}" / f"{written:06d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(body, encoding="utf-8")
            written += 1
    return {"articles": written, "second_reports": seconds}


def environment(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT)]),
        DEBUG="0",
        TESTING="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode not in (0, 1):
        raise SystemExit(f"manage.py {args[0]} failed:\n{completed.stderr[-3000:]}")
    return completed


def parse_summary(stdout: str) -> dict[str, int]:
    numbers = {}
    patterns = {
        "imported": r"Imported (\d+) source",
        "calls_created": r"calls: (\d+) created",
        "calls_merged": r"(\d+) merged into existing",
        "calls_for_review": r"(\d+) left for review",
        "leaders_created": r"leaders created \(unverified\): (\d+)",
        "skipped": r"skipped as already archived: (\d+)",
        "failed": r"failed: (\d+)",
    }
    for key, pattern in patterns.items():
        match = re.search(pattern, stdout)
        numbers[key] = int(match.group(1)) if match else 0
    match = re.search(r"no call found in (\d+) source", stdout)
    numbers["without_calls"] = int(match.group(1)) if match else 0
    return numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--knowledge", type=Path, default=PROJECT_KNOWLEDGE)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="diplo-bench-import-"))
    try:
        knowledge, knowledge_note = knowledge_dir(work, args.knowledge)
        kb = KnowledgeBase.from_json_dir(knowledge)
        articles = work / "articles"
        articles.mkdir()
        generated = generate(kb, args.articles, args.seed, articles)
        env = environment(work / "diplo.sqlite3")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_knowledge", "--dir", str(knowledge), "-v", "0")

        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = manage(env, "import_articles", str(articles), "--no-progress")
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time too: on a shared machine the wall clock also counts other processes.
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )

        result = {
            "articles": generated["articles"],
            "second_reports": generated["second_reports"],
            "seconds": round(seconds, 1),
            "cpu_seconds": round(cpu, 1),
            "articles_per_second": round(generated["articles"] / seconds, 1),
            "database": "sqlite",
            "knowledge": knowledge_note,
            "exit_status": completed.returncode,
            **parse_summary(completed.stdout),
        }
        if args.keep:
            result["folder"] = str(work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['articles_per_second']} articles/s: {result['articles']} articles imported "
        f"in {result['seconds']} s on SQLite ({result['cpu_seconds']} s of CPU; "
        f"{result['calls_created']} calls created, "
        f"{result['calls_merged']} merged, {result['calls_for_review']} left for review, "
        f"{result['without_calls']} sources without a call, {result['failed']} failed; "
        f"gazetteer: {result['knowledge']})."
    )


if __name__ == "__main__":
    main()
