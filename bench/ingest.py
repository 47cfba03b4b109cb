"""Ingest throughput: documents/s into SQLite and (when reachable) PostgreSQL.

    .venv/bin/python bench/ingest.py [-n 5000] [--workers 1] [--pg URL]

Documents come from bench/corpus.py (`articles(n, seed)`: 1-4 KB synthetic wire reports).
Each backend is timed three ways on a fresh database: the first ingest (extract + store),
a rerun of the same file (everything already stored: the lookup path), and `reprocess`.
Incidents are not rebuilt in the timed runs (`rebuild=False`): that is verify's cost,
timed separately (`--incidents`) because it is global. PostgreSQL: --pg, else
$DRONEWATCH_TEST_PG (scripts/test sets it), else skipped.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import write_corpus  # noqa: E402
from dronewatch.store import ingest, open_store, reprocess  # noqa: E402


def pg_database(base: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"dwbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(base).set(database=name).render_as_string(hide_password=False), drop


def run(label: str, url: str, corpus: str, n: int, workers: int, incidents: bool) -> None:
    with open_store(url) as store:
        t = time.perf_counter()
        s = ingest(store, [corpus], workers=workers, rebuild=False)
        first = time.perf_counter() - t
        t = time.perf_counter()
        ingest(store, [corpus], workers=workers, rebuild=False)
        again = time.perf_counter() - t
        t = time.perf_counter()
        reprocess(store, workers=workers, rebuild=False)
        re = time.perf_counter() - t
        print(f"{label:<11} ingest {n / first:8,.0f} docs/s ({first:5.1f} s, {s.claims:,} claims)"
              f" | rerun {n / again:8,.0f} docs/s | reprocess {n / re:6,.0f} docs/s", flush=True)
        if incidents:
            from dronewatch.store.incidents import rebuild

            t = time.perf_counter()
            k = rebuild(store)
            print(f"{'':<11} incidents rebuild: {k} incidents in {time.perf_counter() - t:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=5000, help="documents (default 5000)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--pg", default=os.environ.get("DRONEWATCH_TEST_PG"))
    ap.add_argument("--incidents", action="store_true", help="also time the incident rebuild")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        size = write_corpus(corpus, args.n, seed=7)
        print(f"{args.n:,} documents ({size / 1e6:.1f} MB), workers={args.workers}, "
              f"extractor only for comparison below", flush=True)
        from dronewatch.cli import run_extract

        with open(os.devnull, "wb") as out:
            st = run_extract([corpus], out, workers=args.workers)
        print(f"{'extract':<11} {args.n / st.seconds:8,.0f} docs/s ({st.seconds:5.1f} s)")
        run("sqlite", os.path.join(tmp, "bench.db"), corpus, args.n, args.workers, args.incidents)
        if args.pg:
            url, drop = pg_database(args.pg)
            try:
                run("postgresql", url, corpus, args.n, args.workers, args.incidents)
            finally:
                drop()
        else:
            print("postgresql  skipped (no --pg and no $DRONEWATCH_TEST_PG)")


if __name__ == "__main__":
    main()
