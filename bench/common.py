"""What the benchmark scripts share: paths, database URLs, the environment, statistics.

Not a test and not part of the app: nothing here is imported by Diplo itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
RESULTS = BENCH / "results"
#: Where bench_settings keeps the page cache, so that the benchmark writes only under bench/.
PAGE_CACHE = DATA / "page-cache"
PYTHON = sys.executable

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
# Another session may be using diplo_bench: BENCH_PG_DATABASE (or run.py --pg-database)
# names another database; generate.py never drops one that others are connected to.
PG_DATABASE = os.environ.get("BENCH_PG_DATABASE", "diplo_bench")


def sqlite_path(calls: int) -> Path:
    return DATA / f"diplo-{calls}.sqlite3"


def database_url(db: str, calls: int) -> str:
    if db == "sqlite":
        return f"sqlite:///{sqlite_path(calls)}"
    if db == "postgres":
        return f"{PG_SERVER}/{PG_DATABASE}"
    raise ValueError(db)


def meta_path(db: str, calls: int) -> Path:
    """A note beside the data set saying what was generated (for --reuse)."""
    return DATA / (f"diplo-{calls}.sqlite3.json" if db == "sqlite" else f"{PG_DATABASE}.json")


def django_env(db: str, calls: int, **extra: str) -> dict[str, str]:
    """The production configuration (DEBUG off), on the benchmark's database.

    ``bench_settings`` is Diplo's settings with STATIC_ROOT moved under bench/data,
    so that the manifest static storage works without writing outside bench/.
    """
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(db, calls),
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT)]),
        DEBUG="0",
        TESTING="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def setup_django() -> None:
    """Configure Django in this process (call after the environment is set)."""
    for path in (str(BENCH), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
    import django

    django.setup()


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(seconds: list[float]) -> dict:
    """Median, p95, min and max in milliseconds, and how many samples."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(statistics.median(ms), 2) if ms else None,
        "p95_ms": round(percentile(ms, 95), 2) if ms else None,
        "min_ms": round(min(ms), 2) if ms else None,
        "max_ms": round(max(ms), 2) if ms else None,
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def stop(process: subprocess.Popen, grace: float = 20) -> None:
    """Stop a server we started (its whole process group), politely then firmly."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


@contextlib.contextmanager
def server(
    args: list[str], port: int, env: dict | None = None, log: Path | None = None, cwd=ROOT
) -> Iterator[subprocess.Popen]:
    """Run a server on 127.0.0.1:``port`` for the duration of the block; always stopped."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for_port(port, process)
        yield process
    finally:
        stop(process)
        if log:
            out.close()


def run_json(args: list[str], env: dict | None = None, timeout: float | None = None) -> dict:
    """Run a script that prints one JSON object as its last line of output; return it."""
    completed = subprocess.run(
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])} exited with {completed.returncode}:\n" + completed.stderr[-3000:]
        )
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.lstrip().startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{' '.join(args[:3])} printed no JSON:\n{completed.stdout[-2000:]}")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
