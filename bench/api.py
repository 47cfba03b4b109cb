"""REST API under concurrent load: requests/s and p50/p99 latency of /api/incidents,
/api/stats and /api/series over a SQLite store of 100k claims.

    .venv/bin/python bench/api.py                           # 100,000 claims, 8 connections
    .venv/bin/python bench/api.py --claims 10000 --seconds 5
    .venv/bin/python bench/api.py --db /var/tmp/api100k.db  # build once, reuse afterwards
    .venv/bin/python bench/api.py --paths /api/series       # one endpoint only

The store is built once and reused (default path in the temp folder, named after the size):
generated articles (bench/corpus.py `articles(n, seed)`) go through the ingest pipeline,
so the claims are real extractor output, until the store holds --claims claims; then the
incidents are rebuilt once; the shared piterfm table (../shared/external), when present, is
imported as the reference of /api/series. `dronewatch serve --no-access-log` runs as a subprocess; a
second process drives the load with --concurrency threads, each with its own keep-alive
httpx connection, for --seconds per endpoint and mode:

- `fixed`: a few filter mixes repeated (what a dashboard asks again and again; the API
  answers repeats from its cache until the incidents change);
- `varied`: a random date window (and weapon) on every request, so nearly every request
  misses the cache and runs its queries.

Each line: requests, requests/s, p50, p99 and max latency in ms; the last line the
server's peak RSS. The issue asks p99 < 100 ms.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import articles  # noqa: E402

FIXED = {
    "/api/incidents": ["limit=100", "weapon=drone&limit=50", "region=RU-BEL&sort=-date",
                       "since=2025-01-01&until=2025-03-31", "flag=count_conflict&limit=20"],
    "/api/stats": ["", "weapon=missile", "region=UA-63", "since=2025-06-01&until=2025-06-30"],
    "/api/series": ["", "measure=launched&weapon=drone", "side=UA&weapon=missile", "region=RU-BEL",
                    "since=2025-01-01&until=2025-03-31"],
}
REFERENCE = (Path(__file__).resolve().parents[2] / "shared" / "external" /
             "ukraine-drone-weather-analysis" / "missile_attacks_daily.csv")
FIRST_DAY, DAYS = date(2023, 1, 1), 1185  # the corpus' date range


def build_store(db: str, claims: int, workers: int) -> None:
    from dronewatch.ingest.common import document_from_obj
    from dronewatch.store import ingest_documents, open_store
    from dronewatch.store.incidents import rebuild
    from dronewatch.store.pages import store_counts

    with open_store(db) as store:
        have = store_counts(store)
        if have["claims"] >= claims and have["incidents"]:
            print(f"store {db}: reused ({have['claims']:,} claims, {have['incidents']:,} "
                  f"incidents)", flush=True)
            return
        t = time.perf_counter()
        docs = articles(10_000_000, seed=11)
        n = have["documents"]
        for _ in range(n):  # the articles already stored: same seed, same order
            next(docs)
        while have["claims"] < claims:
            chunk = [document_from_obj(next(docs), "bench") for _ in range(1000)]
            ingest_documents(store, chunk, workers=workers, rebuild=False)
            n += len(chunk)
            have = store_counts(store)
            print(f"  {n:,} articles, {have['claims']:,} claims "
                  f"({time.perf_counter() - t:.0f} s)", flush=True)
        t2 = time.perf_counter()
        k = rebuild(store)
        print(f"store {db}: {have['claims']:,} claims, {k:,} incidents; ingest "
              f"{t2 - t:.0f} s, incidents {time.perf_counter() - t2:.0f} s", flush=True)


def import_reference(db: str) -> None:
    """The piterfm table as the store's reference (once), when the shared copy is there."""
    from sqlalchemy import func, select

    from dronewatch.store import open_store
    from dronewatch.store import schema as S
    from dronewatch.store.incidents import rebuild
    from dronewatch.store.reference import read_piterfm, replace_table

    if not REFERENCE.is_file():
        return
    with open_store(db) as store:
        with store.reader() as conn:
            if conn.execute(select(func.count()).select_from(S.reference_rows)).scalar_one():
                return
        rows = read_piterfm(REFERENCE, print)
        with store.writer() as conn:
            replace_table(conn, "piterfm", rows)
        t = time.perf_counter()
        rebuild(store)
        print(f"store {db}: {len(rows):,} reference rows imported; incidents rebuilt in "
              f"{time.perf_counter() - t:.0f} s", flush=True)


def start_server(db: str, port: int, server_workers: int = 1) -> subprocess.Popen:
    import httpx

    exe = Path(sys.executable).parent / "dronewatch"
    proc = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(port),
                             "--no-access-log", "--workers", str(server_workers)],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"dronewatch serve exited: {proc.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("dronewatch serve did not answer within 60 s")


def varied_query(rng: random.Random, path: str) -> str:
    start = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    end = start + timedelta(days=rng.choice((0, 6, 30)))
    q = f"since={start}&until={end}"
    if path == "/api/series":
        q += "&measure=" + rng.choice(("launched", "intercepted"))
    if rng.random() < 0.5:
        q += "&weapon=" + rng.choice(("drone", "missile"))
    return q + ("&limit=50" if path == "/api/incidents" else "")


def load(base: str, path: str, mode: str, concurrency: int, seconds: float, out) -> None:
    """Runs in the load process: `concurrency` threads, each its own connection."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        rng = random.Random(k)
        mine, bad = [], 0
        with httpx.Client(base_url=base, timeout=30) as client:
            i = k
            while time.perf_counter() < stop:
                q = FIXED[path][i % len(FIXED[path])] if mode == "fixed" else \
                    varied_query(rng, path)
                i += 1
                t = time.perf_counter()
                r = client.get(path + ("?" + q if q else ""))
                mine.append(time.perf_counter() - t)
                bad += r.status_code != 200
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    out.put((latencies, errors[0], time.perf_counter() - t0))


def report(path: str, mode: str, latencies: list[float], errors: int, wall: float) -> None:
    ms = sorted(x * 1000 for x in latencies)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    print(f"{path:<15} {mode:<7} {len(ms):7,} req {len(ms) / wall:8,.0f} req/s  "
          f"p50 {statistics.median(ms):6.1f} ms  p99 {p99:6.1f} ms  max {ms[-1]:6.1f} ms"
          f"{f'  {errors} non-200' if errors else ''}", flush=True)


def peak_rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=100_000, help="claims in the store")
    ap.add_argument("--db", help="SQLite store to build or reuse (default: temp folder)")
    ap.add_argument("--concurrency", type=int, default=8, help="concurrent connections")
    ap.add_argument("--seconds", type=float, default=10.0, help="per endpoint and mode")
    ap.add_argument("--workers", type=int, default=2, help="extraction workers for the build")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--paths", nargs="*", default=list(FIXED), choices=list(FIXED),
                    help="the endpoints to load (default: all)")
    ap.add_argument("--server-workers", type=int, default=1,
                    help="dronewatch serve --workers (server processes)")
    args = ap.parse_args()
    db = args.db or os.path.join(tempfile.gettempdir(), f"dronewatch-bench-api-{args.claims}.db")
    build_store(db, args.claims, args.workers)
    import_reference(db)
    server = start_server(db, args.port, args.server_workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        print(f"{args.concurrency} connections from a second process, {args.seconds:g} s each; "
              f"{os.cpu_count()} CPUs shared by server and client", flush=True)
        ctx = multiprocessing.get_context("spawn")
        for path in args.paths:
            for mode in ("fixed", "varied"):
                out = ctx.Queue()
                p = ctx.Process(target=load, args=(base, path, mode, args.concurrency,
                                                   args.seconds, out))
                p.start()
                latencies, errors, wall = out.get()
                p.join()
                report(path, mode, latencies, errors, wall)
        rss = peak_rss_mib(server.pid)
        print(f"server peak RSS: {rss:.0f} MiB" if rss else "server peak RSS: n/a")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
