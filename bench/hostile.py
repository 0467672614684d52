"""How fast every page answers on an article at the size limit (issue 18).

Builds a fresh archive (a temporary SQLite file, or the PostgreSQL database of
``--database-url``, which it empties first), imports one article of
``DIPLO_MAX_ARTICLE_BYTES`` (5 MiB) that repeats one sentence of a phone call between two
leaders of the gazetteer in office on the same day ("A spoke with B by phone.") with the
real command, optionally adds evidence rows as an archive imported before the bound would
hold them (``--legacy-evidence``), then requests every page that shows the article's call
or source through Django's test client (DEBUG off, page cache off), and prints each page's
median and slowest time and its size.

    .venv/bin/python bench/hostile.py [--legacy-evidence 100000] [--repeat 5] [--json]
    .venv/bin/python bench/hostile.py --database-url postgres://postgres@127.0.0.1:5432/bench

A benchmark, not a test: it asserts nothing (tests/hostile/test_huge_article.py checks what
the pages emit).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.extraction import KnowledgeBase  # noqa: E402


def call_sentence(kb: KnowledgeBase) -> str:
    """ "A spoke with B by phone. ": the first two leaders (by slug) of two countries who are
    both in office today, as the gazetteer lists them, named in full."""
    serving = sorted(
        (leader for leader in kb.leaders.values() if any(t.end is None for t in leader.terms)),
        key=lambda leader: leader.slug,
    )
    first = serving[0]
    second = next(leader for leader in serving if leader.country != first.country)
    return f"{first.name} spoke with {second.name} by phone. "


SENTENCE = call_sentence(KnowledgeBase.from_json_dir(ROOT / "fixtures" / "knowledge"))


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default SQLite)")
    parser.add_argument("--legacy-evidence", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="diplo-hostile-"))
    url = options.database_url or f"sqlite:///{work / 'archive.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DIPLO_PAGE_CACHE_SECONDS": "0",
        "DIPLO_PAGE_CACHE_DIR": str(work / "pages"),
    }
    os.environ.update(env)
    if options.database_url:
        _manage(env, "flush", "--no-input")
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "load_knowledge", "-v", "0")
    limit = 5 * 1024 * 1024
    article = work / "huge.txt"
    article.write_text(SENTENCE * (limit // len(SENTENCE)), "utf-8")
    started = time.perf_counter()
    _manage(env, "import_articles", str(article), "--no-progress", "-v", "0")
    import_seconds = time.perf_counter() - started

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplo.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    # The production static storage needs its manifest: collected into the work folder.
    settings.STATIC_ROOT = work / "static"
    call_command("collectstatic", interactive=False, verbosity=0)

    from archive.models import Call, Evidence, Report, Source
    from tests.hostile.conftest import body_of, every_page

    source = Source.objects.get()
    call = Call.objects.get()
    if options.legacy_evidence:
        report = Report.objects.get(call=call, source=source)
        step = len(SENTENCE)
        Evidence.objects.bulk_create(
            (
                Evidence(report=report, fact="call", start=at, end=at + step - 1, text="x")
                for at in range(0, options.legacy_evidence * step, step)
            ),
            batch_size=5000,
        )
    urls = [*every_page(call, source), f"{source.get_absolute_url()}?part=53"]
    client = Client()
    rows = []
    for page in urls:
        client.get(page)  # warm
        times, size, status = [], 0, 0
        for _ in range(options.repeat):
            begun = time.perf_counter()
            response = client.get(page)
            size = len(body_of(response))
            times.append(time.perf_counter() - begun)
            status = response.status_code
        rows.append(
            {
                "page": page,
                "status": status,
                "median_ms": round(statistics.median(times) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1),
                "bytes": size,
            }
        )
    result = {
        "database": "postgresql" if options.database_url else "sqlite",
        "article_bytes": article.stat().st_size,
        "legacy_evidence": options.legacy_evidence,
        "evidence_rows": Evidence.objects.count(),
        "import_seconds": round(import_seconds, 1),
        "slowest_ms": max(row["max_ms"] for row in rows),
        "pages": rows,
    }
    if options.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['database']}: a {result['article_bytes']:,}-byte article imported in "
        f"{result['import_seconds']} s; {result['evidence_rows']:,} evidence rows "
        f"({options.legacy_evidence:,} added as an old import would have kept them)"
    )
    for row in rows:
        print(
            f"  {row['status']} {row['median_ms']:>8} ms median {row['max_ms']:>8} ms max "
            f"{row['bytes']:>10,} bytes  {row['page']}"
        )
    print(f"slowest page: {result['slowest_ms']} ms")


if __name__ == "__main__":
    main()
