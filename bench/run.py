"""Diplo's benchmark: one command, one data set, our pages against the issue's targets and
against Datasette on the same data.

    .venv/bin/python bench/run.py --calls 200000 [--db sqlite|postgres|both] [--json] [--reuse]

For each database: generate the archive (or reuse it with --reuse), measure our
pages in-process (Django's test Client, DEBUG off: our code), then end-to-end
through gunicorn (gunicorn.conf.py, on 127.0.0.1) under wrk, alternate requests
to our pages and Datasette's equivalents over HTTP, and load the call permalinks
with 64 connections for 60 seconds. Then the import and extraction benchmarks,
where they exist. Prints a table (or one JSON object with --json) and keeps
everything in bench/results/run-<time>.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import generate

PAGES = {
    # name: (what it is, target p95 in ms or None): issue 17's, every count exact.
    "list": ("(a) faceted call list, every facet", 100),
    "filtered": ("(b) list filtered by leader and year", 100),
    "dated": ("(b) every dated call (186,045 at 200,000)", 100),
    "search": ("(c) search (common word) with facets", 100),
    "search_ranked": ("(c) the same, ranked by relevance on request", 150),
    "search_medium": ("(c) search (mid-frequency word) with facets", 100),
    "search_rare": ("(c) search (rare word) with facets", 100),
    "permalink": ("(d) a call permalink", 4),
    "leader": ("(e) a leader page (busiest leader)", 30),
    # Issue 15: within the calls list's speed.
    "pair": ("(g) two leaders side by side (busiest pair)", 100),
    "csv": ("(f) CSV export of ~10,000 calls", 500),
}
PEER_PAIRS = ["list", "filtered", "search", "permalink"]
#: The pages that must be at least twice as fast as Datasette's equivalent (issue 17).
PEER_TARGETS = ["list", "filtered", "search"]
#: (configuration, permalinks a second, p99 in ms) under load (issue 17).
LOAD_TARGETS = {"load_uncached": (400, 500), "load": (2500, 150)}


def wrk(url: str, seconds: int, connections: int = 1, threads: int = 1, timeout: str = "30s",
        paths_file: Path | None = None) -> dict:  # fmt: skip
    """wrk against ``url`` for ``seconds``; its counts, errors and percentiles (ms)."""
    args = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}",
        "-s", str(common.BENCH / "wrk_report.lua"), url,
    ]  # fmt: skip
    if paths_file:
        args += ["--", str(paths_file)]
    completed = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 120)
    line = next((ln for ln in completed.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        return {"error": (completed.stderr or completed.stdout)[-500:]}
    raw = json.loads(line[len("WRKJSON ") :])
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors"))
    duration = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / duration, 1) if duration else None,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "socket_errors": errors,
        "status_errors": raw["status_errors"],
        "timeouts": raw["timeouts"],
        "connections": connections,
        "seconds": seconds,
    }


class Http:
    """One keep-alive connection per host; reconnects when a server closes it."""

    def __init__(self):
        self.connections: dict[str, http.client.HTTPConnection] = {}

    def get(self, url: str) -> tuple[float, int]:
        parts = urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        for attempt in range(2):
            conn = self.connections.get(parts.netloc)
            if conn is None:
                conn = http.client.HTTPConnection(parts.netloc, timeout=120)
                self.connections[parts.netloc] = conn
            try:
                started = time.perf_counter()
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    del self.connections[parts.netloc]
                return elapsed, response.status
            except (http.client.HTTPException, OSError):
                conn.close()
                self.connections.pop(parts.netloc, None)
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self):
        for conn in self.connections.values():
            conn.close()


def alternate(ours: dict[str, str], theirs: dict[str, str], runs: int, warmups: int = 3) -> dict:
    """Each pair of pages requested in turn, ours then theirs, ``runs`` times each."""
    client = Http()
    results = {}
    try:
        for name in PEER_PAIRS:
            if not ours.get(name) or not theirs.get(name):
                results[name] = {"missing": True}
                continue
            for _ in range(warmups):
                client.get(ours[name])
                client.get(theirs[name])
            times = {"ours": [], "peer": []}
            statuses = {"ours": set(), "peer": set()}
            for _ in range(runs):
                for side, url in (("ours", ours[name]), ("peer", theirs[name])):
                    elapsed, status = client.get(url)
                    times[side].append(elapsed)
                    statuses[side].add(status)
            ours_s, peer_s = common.summary(times["ours"]), common.summary(times["peer"])
            ours_s["status"], peer_s["status"] = sorted(statuses["ours"]), sorted(statuses["peer"])
            results[name] = {
                "ours": ours_s,
                "peer": peer_s,
                "ratio_median": round(peer_s["median_ms"] / ours_s["median_ms"], 2),
                "ratio_p95": round(peer_s["p95_ms"] / ours_s["p95_ms"], 2),
                "peer_url": theirs[name],
                "our_url": ours[name],
            }
    finally:
        client.close()
    return results


@contextlib.contextmanager
def gunicorn(db: str, calls: int, *, page_cache: bool = True):
    """gunicorn with the production configuration; ``page_cache=False`` renders every page."""
    port = common.free_port()
    env = common.django_env(db, calls, GUNICORN_BIND=f"127.0.0.1:{port}")
    if not page_cache:
        env["DIPLO_PAGE_CACHE_SECONDS"] = "0"
    else:
        # Every run starts from an empty page cache (on disk, see bench_settings).
        shutil.rmtree(common.PAGE_CACHE, ignore_errors=True)
    args = [str(Path(common.PYTHON).with_name("gunicorn")), "-c", "gunicorn.conf.py",
            "diplo.wsgi"]  # fmt: skip
    log = common.RESULTS / f"gunicorn-{db}{'' if page_cache else '-uncached'}.log"
    with common.server(args, port, env=env, log=log):
        yield f"http://127.0.0.1:{port}"


def ensure_data(db: str, args) -> dict:
    """The data set's generation report: reused when asked and present, else generated."""
    meta = common.meta_path(db, args.calls)
    if args.reuse and meta.exists():
        report = json.loads(meta.read_text())
        if (report.get("calls"), report.get("seed"), report.get("version")) == (
            args.calls, args.seed, generate.GENERATOR_VERSION,
        ):  # fmt: skip
            common.log(f"{db}: reusing the data set of {args.calls:,} calls (migrating it)")
            subprocess.run(
                [common.PYTHON, "manage.py", "migrate", "--no-input", "-v0"],
                env=common.django_env(db, args.calls), cwd=common.ROOT, check=True,
            )  # fmt: skip
            report["reused"] = True
            return report
    common.log(f"{db}: generating {args.calls:,} calls (see bench/README.md for how long)")
    return common.run_json(
        [
            common.PYTHON,
            str(common.BENCH / "generate.py"),
            "--calls",
            str(args.calls),
            "--db",
            db,
            "--seed",
            str(args.seed),
        ],
        env=dict(os.environ),
    )


def other_benchmarks(args) -> dict:
    """The import and extraction benchmarks others maintain, when they exist."""
    results = {}
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    for name, extra in (("bench_extraction.py", []), ("bench_import.py", ["--articles", "10000"])):
        script = common.BENCH / name
        if not script.exists():
            results[name] = {"skipped": f"bench/{name} does not exist (yet)"}
            continue
        common.log(f"running bench/{name} {' '.join(extra)} --json")
        try:
            results[name] = common.run_json(
                [common.PYTHON, str(script), *extra, "--json"], env=env, timeout=1800
            )
        except Exception as exc:  # theirs to fix; reported, not fatal
            results[name] = {"error": str(exc)[-1000:]}
    return results


def measure_database(db: str, args, peer_base: str | None, results: dict) -> None:
    env = common.django_env(db, args.calls)
    common.log(f"{db}: in-process measurements")
    inproc = common.run_json(
        [
            common.PYTHON,
            str(common.BENCH / "inprocess.py"),
            "--calls",
            str(args.calls),
            "--db",
            db,
            "--runs",
            str(args.runs),
            "--seed",
            str(args.seed),
        ],
        env=env,
    )
    entry = results["databases"][db]
    entry["inprocess"] = inproc
    urls = inproc["urls"]
    # Every page rendered for every request (page cache off), as Datasette does.
    with gunicorn(db, args.calls, page_cache=False) as base:
        for name, path in urls.items():
            if path:  # warm the workers and their connections
                for _ in range(2 if name == "csv" else 4):
                    Http().get(base + path)
        entry["e2e"] = {}
        for name, path in urls.items():
            if not path:
                entry["e2e"][name] = {"missing": True}
                continue
            common.log(f"{db}: end-to-end {name} ({args.e2e_seconds} s, 1 connection)")
            entry["e2e"][name] = wrk(base + path, args.e2e_seconds)
        if peer_base:
            import datasette_peer

            common.log(f"{db}: ours and Datasette's, alternately ({args.runs} each)")
            theirs = datasette_peer.peer_urls(peer_base, inproc["sample"])
            ours = {name: base + path for name, path in urls.items() if path}
            entry["peer"] = alternate(ours, theirs, args.runs)
        if not args.skip_load and urls.get("permalink"):
            entry["load_uncached"] = load_test(db, base, args, inproc, "page cache off")
    # The production configuration: pages cached until the archive changes.
    if not args.skip_load and urls.get("permalink"):
        with gunicorn(db, args.calls) as base:
            entry["load"] = load_test(db, base, args, inproc, "page cache on")


def load_test(db: str, base: str, args, inproc: dict, what: str) -> dict:
    """The permalinks of the sample, in turn, from many connections at once."""
    common.log(
        f"{db}: load test ({what}), {args.load_connections} connections for"
        f" {args.load_seconds} s over {inproc.get('permalinks_count', 'the sampled')} permalinks"
    )
    result = wrk(
        base + "/", args.load_seconds, connections=args.load_connections, threads=2,
        timeout=f"{args.load_timeout}s", paths_file=Path(inproc["permalinks_file"]),
    )  # fmt: skip
    result["loadavg_after"] = os.getloadavg()
    result["configuration"] = what
    return result


# -- the report --------------------------------------------------------------------


def verdicts(results: dict) -> list[dict]:
    """Each target of the issue, met or missed, with the figure it was judged on."""
    rows = []
    for db, entry in results["databases"].items():
        pages = entry.get("inprocess", {}).get("pages", {})
        for name, (title, target) in PAGES.items():
            if target is None:
                continue
            page = pages.get(name, {})
            p95 = page.get("p95_ms")
            e2e = entry.get("e2e", {}).get(name, {}).get("p95_ms")
            rows.append({
                "db": db, "target": f"{title}: p95 < {target} ms",
                "measured": f"in-process p95 {p95} ms; through gunicorn p95 {e2e} ms",
                "met": p95 is not None and p95 < target and not page.get("facet_timeouts")
                and (e2e is None or e2e < target),
            })  # fmt: skip
        for name in PEER_TARGETS:
            peer = entry.get("peer", {}).get(name, {})
            if "ratio_median" not in peer:
                continue
            rows.append({
                "db": db, "target": f"{PAGES[name][0]} ≥ 2× faster than Datasette's equivalent",
                "measured": f"Datasette/ours: median {peer['ratio_median']}×,"
                f" p95 {peer['ratio_p95']}×",
                "met": peer["ratio_median"] >= 2 and peer["ratio_p95"] >= 2,
            })  # fmt: skip
        for key, (rps, p99) in LOAD_TARGETS.items():
            load = entry.get(key)
            if not load or "requests" not in load:
                continue
            rows.append({
                "db": db, "target": f"{load['connections']} connections, {load['seconds']} s"
                f" ({load.get('configuration', key)}):"
                f" no errors, no timeouts, ≥ {rps} permalinks/s, p99 < {p99} ms",
                "measured": f"{load['rps']} req/s, {load['socket_errors']} socket errors,"
                f" {load['status_errors']} HTTP errors, {load['timeouts']} timeouts,"
                f" p50 {load['p50_ms']} ms, p99 {load['p99_ms']} ms",
                "met": load["rps"] >= rps and load["p99_ms"] < p99 and not load["socket_errors"]
                and not load["status_errors"] and not load["timeouts"],
            })  # fmt: skip
    return rows


def fmt(value, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}{unit}"
    return f"{value}{unit}"


def table(results: dict) -> str:
    out = [f"Diplo benchmark: {results['calls']:,} calls, {results['calls'] * 2:,} sources"]
    for db, entry in results["databases"].items():
        gen = entry.get("generation", {})
        out.append("")
        out.append(f"== {db} ==  data set: generated in {fmt(gen.get('total_s'), ' s')}"
                   + (" (reused)" if gen.get("reused") else ""))  # fmt: skip
        out.append(f"{'page':<44}{'in-proc med':>12}{'p95':>9}{'queries':>8}{'SQL ms':>8}"
                   f"{'gunicorn p50':>13}{'p95':>9}{'target':>8}")  # fmt: skip
        pages = entry.get("inprocess", {}).get("pages", {})
        for name, (title, target) in PAGES.items():
            page, e2e = pages.get(name, {}), entry.get("e2e", {}).get(name, {})
            if page.get("missing"):
                out.append(f"{title:<44}  MISSING (no URL for this page)")
                continue
            if page.get("error"):
                out.append(f"{title:<44}  ERROR {page['error'][:80]}")
                continue
            note = (
                f"  [{page['facet_timeouts']} facet timeouts]" if page.get("facet_timeouts") else ""
            )
            out.append(
                f"{title:<44}{fmt(page.get('median_ms')):>12}{fmt(page.get('p95_ms')):>9}"
                f"{fmt(page.get('queries')):>8}{fmt(page.get('sql_ms')):>8}"
                f"{fmt(e2e.get('p50_ms')):>13}{fmt(e2e.get('p95_ms')):>9}"
                f"{fmt(target):>8}{note}"
            )
        peer = entry.get("peer")
        if peer:
            out.append("")
            out.append(f"{'over HTTP, alternately':<30}{'ours med':>10}{'p95':>9}"
                       f"{'Datasette med':>15}{'p95':>9}{'ratio med':>11}{'p95':>7}")  # fmt: skip
            for name, pair in peer.items():
                if pair.get("missing"):
                    out.append(f"{name:<30}  MISSING")
                    continue
                out.append(
                    f"{name:<30}{fmt(pair['ours']['median_ms']):>10}{fmt(pair['ours']['p95_ms']):>9}"
                    f"{fmt(pair['peer']['median_ms']):>15}{fmt(pair['peer']['p95_ms']):>9}"
                    f"{fmt(pair['ratio_median'], '×'):>11}{fmt(pair['ratio_p95'], '×'):>7}"
                )
        for key in ("load_uncached", "load"):
            load = entry.get(key)
            if not load:
                continue
            out.append("")
            if "requests" in load:
                out.append(
                    f"load ({load.get('configuration', key)}): {load['connections']} connections"
                    f" × {load['seconds']} s on permalinks:"
                    f" {load['rps']} req/s, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms,"
                    f" p99 {load['p99_ms']} ms; errors: {load['socket_errors']} socket,"
                    f" {load['status_errors']} HTTP; {load['timeouts']} timeouts"
                )
            else:
                out.append(f"load: {load}")
    if results.get("peer_build"):
        out.append("")
        out.append(f"Datasette peer file: {results['peer_build']}")
    others = results.get("other_benchmarks", {})
    if others:
        out.append("")
        for name, value in others.items():
            out.append(f"{name}: {json.dumps(value)[:300]}")
    out.append("")
    out.append("Targets:")
    for row in verdicts(results):
        out.append(f"  [{'met' if row['met'] else 'MISSED'}] {row['db']}: {row['target']}"
                   f" — {row['measured']}")  # fmt: skip
    for db, entry in results["databases"].items():
        for note in entry.get("inprocess", {}).get("notes", []):
            out.append(f"  note ({db}): {note}")
    return "\n".join(out)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20000, help="scale (sources: twice as many)")
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--reuse", action="store_true", help="reuse a data set of that scale")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30, help="measured requests per page")
    parser.add_argument("--e2e-seconds", type=int, default=10)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument("--load-timeout", type=int, default=5, help="seconds: a slower reply"
                        " is a timeout")  # fmt: skip
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-others", action="store_true",
                        help="skip bench_import.py and bench_extraction.py")  # fmt: skip
    parser.add_argument("--pg-database", help="PostgreSQL database to use (default diplo_bench)")
    args = parser.parse_args(argv)
    if args.pg_database:
        os.environ["BENCH_PG_DATABASE"] = args.pg_database
        common.PG_DATABASE = args.pg_database
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    # SIGTERM stops the run as Ctrl-C does: every server is stopped on the way out.
    signal.signal(signal.SIGTERM, _interrupt)
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.time()
    results: dict = {
        "calls": args.calls, "seed": args.seed, "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg()},
        "databases": {db: {} for db in dbs},
    }  # fmt: skip
    try:
        for db in dbs:
            results["databases"][db]["generation"] = ensure_data(db, args)
        with contextlib.ExitStack() as stack:
            peer_base = None
            if not args.skip_peer:
                import datasette_peer

                if "sqlite" not in dbs:  # the peer is exported from the SQLite data set
                    ensure_data("sqlite", args)
                if not (args.reuse and datasette_peer.peer_path(args.calls).exists()):
                    common.log("exporting the Datasette peer")
                    results["peer_build"] = datasette_peer.build(args.calls)
                peer_base = stack.enter_context(datasette_peer.serve(args.calls))
            # Static files for the production storage (manifest), once.
            subprocess.run(
                [common.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
                env=common.django_env(dbs[0], args.calls), cwd=common.ROOT, check=True,
            )  # fmt: skip
            for db in dbs:
                measure_database(db, args, peer_base, results)
        if not args.skip_others:
            results["other_benchmarks"] = other_benchmarks(args)
    except KeyboardInterrupt:
        common.log("interrupted: servers stopped; partial results follow")
        results["interrupted"] = True
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["minutes"] = round((time.time() - started) / 60, 1)
    results["targets"] = verdicts(results)
    out = common.RESULTS / f"run-{args.calls}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=2))
    if args.json:
        print(json.dumps(results))
    else:
        print(table(results))
        print(f"\n(all figures: {out}; {results['minutes']} minutes)")
    return 1 if results.get("interrupted") else 0


if __name__ == "__main__":
    sys.exit(main())
