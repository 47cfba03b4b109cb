"""The crash test with incidents: `dronewatch ingest` killed with SIGKILL while it extracts
or while it rebuilds the incidents of a store that already has incidents, on SQLite and
PostgreSQL.

Right after the kill the store holds the previous incidents or the new ones, never a mix
(the rebuild is one transaction: incidents, their claims, flags and the API's figures);
the rerun then leaves a store equal, incidents included, to one that was never killed.

Each run picks where to kill at random (printed with its seed; DRONEWATCH_CRASH_SEED
replays one). `DRONEWATCH_CRASH_RUNS=20` repeats it, as the issue asks.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import time

import orjson
import pytest
from sqlalchemy import func, select

from dronewatch.store import open_store
from dronewatch.store import schema as S
from dronewatch.store.write import DIRTY, content_digest, counts, get_meta

from test_cli_ingest import DRONEWATCH, small_docs, write_jsonl

DOCS = 3000
RUNS = int(os.environ.get("DRONEWATCH_CRASH_RUNS", "1"))


def incident_state(url: str) -> str:
    """A digest of the incidents, their links, flags and statistics rows (keys by id)."""
    h = hashlib.blake2b(digest_size=16)
    i, c, ic, f = S.incidents.c, S.claims.c, S.incident_claims.c, S.flags.c
    fg, ir = S.incident_figures.c, S.incident_regions.c
    queries = [
        select(i.incident_id, i.record),
        select(i.incident_id, c.claim_id).join_from(S.incident_claims, S.incidents, ic.incident_pk == i.pk)
        .join(S.claims, ic.claim_pk == c.pk),
        select(f.kind, f.message, i.incident_id).join_from(S.flags, S.incidents, f.incident_pk == i.pk),
        select(i.incident_id, fg.measure, fg.side, fg.value, fg.counted, fg.top)
        .join_from(S.incident_figures, S.incidents, fg.incident_pk == i.pk),
        select(i.incident_id, ir.admin1).join_from(S.incident_regions, S.incidents, ir.incident_pk == i.pk),
    ]
    with open_store(url) as store, store.reader() as conn:
        for q in queries:
            for row in sorted(tuple(str(v) for v in r) for r in conn.execute(q)):
                h.update(orjson.dumps(row))
    return h.hexdigest()


def snapshot(url: str):
    with open_store(url) as store, store.reader() as conn:
        return counts(conn), content_digest(conn)


def progress(url: str) -> tuple[int, bool]:
    """(documents stored, incidents still to rebuild) as another process sees them now."""
    with open_store(url, create=False) as store, store.reader() as conn:
        return (conn.execute(select(func.count()).select_from(S.documents)).scalar_one(),
                get_meta(conn, DIRTY) is not None)


def ingest(url: str, dump) -> subprocess.CompletedProcess:
    return subprocess.run([str(DRONEWATCH), "ingest", str(dump), "--batch", "100", "--db", url],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def clean_url(db_url, tmp_path):
    """A second store of the same kind: the run that is never killed."""
    if db_url.startswith("postgresql"):
        from conftest import pg_database

        with pg_database() as url:
            yield url
    else:
        yield str(tmp_path / "clean.db")


@pytest.mark.parametrize("run", range(RUNS))
def test_kill_dash_9_with_incidents_then_rerun_equals_a_clean_run(db_url, clean_url, tmp_path, run):
    seed = int(os.environ.get("DRONEWATCH_CRASH_SEED") or random.SystemRandom().randrange(10**9))
    rng = random.Random(seed)
    docs = list(small_docs(DOCS))
    first = write_jsonl(tmp_path / "first.jsonl", docs[:DOCS // 2])
    whole = write_jsonl(tmp_path / "whole.jsonl", docs)
    final_docs = DOCS - DOCS // 97

    for url in (clean_url, db_url):  # the same history: a first half, incidents built
        assert ingest(url, first).returncode == 0
    before = incident_state(db_url)
    assert snapshot(db_url)[0]["incidents"] > 0
    assert ingest(clean_url, whole).returncode == 0
    after = incident_state(clean_url)
    assert after != before

    # kill while extracting (at a random number of stored documents) or while rebuilding
    # (a random moment after the last document is stored)
    rebuilding = rng.random() < 0.5
    target = final_docs if rebuilding else rng.randrange(DOCS // 2 + 100, final_docs - 100)
    delay = rng.uniform(0, 1.5) if rebuilding else 0
    print(f"seed {seed}: kill while {'rebuilding' if rebuilding else 'extracting'} "
          f"(at {target} documents, then {delay:.2f} s)")
    proc = subprocess.Popen([str(DRONEWATCH), "ingest", str(whole), "--batch", "100", "--db", db_url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if progress(db_url)[0] >= target:
                time.sleep(delay)
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    stored, dirty = progress(db_url)
    now = incident_state(db_url)
    if proc.returncode == -signal.SIGKILL:
        # the previous incidents (with the mark to rebuild) or the new ones: never a mix
        assert now == (before if dirty else after), f"seed {seed}: a mix of incidents"
    else:  # it finished before the kill (a late moment in the rebuild)
        assert proc.returncode == 0 and now == after and not dirty

    rerun = ingest(db_url, whole)
    assert rerun.returncode == 0, rerun.stderr
    assert stored <= final_docs
    assert snapshot(db_url) == snapshot(clean_url), f"seed {seed}"
    assert incident_state(db_url) == after
