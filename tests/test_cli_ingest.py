"""`dronewatch ingest / reprocess / claims / incidents` through the command line, and the
crash test: a kill -9 in the middle of an ingest, then a rerun, equals a clean run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.store import SCHEMA_VERSION, open_store
from dronewatch.store.write import content_digest, counts

DRONEWATCH = Path(sys.executable).parent / "dronewatch"
REGIONS = ["Belgorod Oblast", "Kursk Oblast", "Bryansk Oblast", "Rostov Oblast",
           "Voronezh Oblast", "Smolensk Oblast", "Tula Oblast", "Krasnodar Krai"]


WORDS = ("residents reported explosions near an industrial zone while emergency crews worked "
         "through the morning and officials urged calm as schools moved lessons online power "
         "lines were repaired by noon traffic resumed on the highway a fuel depot caught fire "
         "windows were shattered in several apartment blocks the regional administration "
         "promised compensation to families whose cars and houses were damaged").split()


def small_docs(n: int):
    """`n` small generated documents, each with its own wording (every 97th repeats an
    earlier text under another id: a copy, stored once)."""
    import random

    for i in range(n):
        j = i - 50 if i % 97 == 96 else i
        r = random.Random(j)
        filler = " ".join(r.choice(WORDS) for _ in range(25))
        yield {"id": f"g{i:06d}", "url": None if i % 5 == 0 else f"https://example.org/g/{i}",
               "outlet": ["TASS", "RIA", "Ukrinform"][i % 3],
               "published": f"2025-{1 + j % 12:02d}-{1 + j % 28:02d}",
               "text": f"Air defences shot down {j % 60 + 1} drones over {REGIONS[j % len(REGIONS)]} "
                       f"overnight, the Russian Defence Ministry said. {filler.capitalize()}."}


def write_jsonl(path: Path, docs) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d) + "\n")
    return path


def snapshot(url: str):
    with open_store(url) as store, store.reader() as conn:
        return counts(conn), content_digest(conn)


def test_ingest_rejections_match_extract_and_change_nothing(tmp_path):
    db = str(tmp_path / "s.db")
    good = write_jsonl(tmp_path / "good.jsonl", list(small_docs(5)))
    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(good), "--db", db])
    assert r.exit_code == 0, r.output
    before = snapshot(db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "b1", "text": \n{"id": "b2"}\n', encoding="utf-8")
    args = [str(bad), str(tmp_path / "missing.txt")]
    ing = subprocess.run([str(DRONEWATCH), "ingest", *args, "--db", db], capture_output=True,
                         text=True)
    ext = subprocess.run([str(DRONEWATCH), "extract", *args], capture_output=True, text=True)
    assert ing.returncode == ext.returncode == 1
    lines = [x for x in ing.stderr.splitlines() if not x.startswith(f"dronewatch: {db}:")]
    assert lines == ext.stderr.splitlines() and len(lines) == 3
    assert "Traceback" not in ing.stderr
    assert snapshot(db) == before


def test_claims_jsonl_equals_extract_output(tmp_path):
    db = str(tmp_path / "s.db")
    dump = write_jsonl(tmp_path / "a.jsonl", list(small_docs(40)))
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(dump), "--db", db]).exit_code == 0
    stored = subprocess.run([str(DRONEWATCH), "claims", "--db", db, "--format", "jsonl"],
                            capture_output=True, check=True).stdout
    extracted = subprocess.run([str(DRONEWATCH), "extract", str(dump)], capture_output=True,
                               check=True).stdout
    # the copies (same text, other id) are stored once, so compare claims without them
    want = [r for r in extracted.splitlines() if orjson.loads(r)["doc_id"] not in ("g000096",)]
    assert sorted(stored.splitlines()) == sorted(want)
    table = subprocess.run([str(DRONEWATCH), "claims", "--db", db, "--region", "RU-BEL",
                            "--weapon", "drone"], capture_output=True, text=True, check=True)
    assert "RU-BEL" in table.stdout and "RU-KRS" not in table.stdout
    csv_out = subprocess.run([str(DRONEWATCH), "claims", "--db", db, "-f", "csv", "--since",
                              "2025-03-01", "--until", "2025-03-31"], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    assert csv_out[0].startswith("id,doc_id,weapon") and len(csv_out) > 1


def test_cli_store_errors_are_one_line(tmp_path):
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", small_docs(2))),
                               "--db", str(db)]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_info SET version = 99")
    for cmd in (["ingest", str(tmp_path / "a.jsonl")], ["claims"], ["reprocess"]):
        r = subprocess.run([str(DRONEWATCH), *cmd, "--db", str(db)], capture_output=True,
                           text=True)
        assert r.returncode == 1
        assert r.stderr.splitlines() == [
            f"dronewatch: {db}: database schema version 99 is newer than this dronewatch "
            f"0.1.0 supports ({SCHEMA_VERSION}); upgrade dronewatch"]
    r = subprocess.run([str(DRONEWATCH), "claims", "--db", str(tmp_path / "none.db")],
                       capture_output=True, text=True)
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1 and "no such database" in r.stderr


def test_kill_dash_9_during_ingest_then_rerun_equals_clean_run(tmp_path):
    """THE CRASH TEST (SQLite): 20,000 small documents; SIGKILL the ingest once a few
    batches are committed (about 1-2 s in), rerun, compare counts and content digest with a
    clean run. Takes about 20-40 s."""
    dump = write_jsonl(tmp_path / "dump.jsonl", small_docs(20_000))
    clean, crashed = tmp_path / "clean.db", tmp_path / "crashed.db"
    # incidents are left out here (--no-incidents): verify's grouping of 20,000 claims
    # would dominate the run; test_interrupted_rebuild_is_redone covers that part
    cmd = [str(DRONEWATCH), "ingest", str(dump), "--batch", "200", "--no-incidents"]

    # the clean run goes alongside (it is the reference; two processes halve the wait)
    clean_run = subprocess.Popen([*cmd, "--db", str(clean)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
    proc = subprocess.Popen([*cmd, "--db", str(crashed)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    t0, stored = time.monotonic(), 0
    try:
        while time.monotonic() - t0 < 30:
            time.sleep(0.05)
            if proc.poll() is not None:
                break
            if crashed.exists() and time.monotonic() - t0 > 1.0:
                try:
                    with sqlite3.connect(f"file:{crashed}?mode=ro", uri=True, timeout=1) as c:
                        stored = c.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.Error:
                    continue
                if stored >= 600:
                    break
    finally:
        os.kill(proc.pid, signal.SIGKILL) if proc.poll() is None else None
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"
    partial = snapshot(str(crashed))[0]["documents"]
    assert 0 < partial < 19_000

    rerun = subprocess.run([*cmd, "--db", str(crashed)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    _, err = clean_run.communicate(timeout=120)
    assert clean_run.returncode == 0, err

    got, want = snapshot(str(crashed)), snapshot(str(clean))
    assert got[0]["documents"] == 20_000 - 20_000 // 97  # the copies are stored once
    assert got == want


def test_interrupted_rebuild_is_redone(tmp_path):
    """A run that stored claims but died before (or while) rebuilding incidents leaves the
    dirty mark; the next run, with nothing new to store, rebuilds: same as a clean run."""
    from dronewatch.store import ingest
    from dronewatch.store.incidents import available

    dump = write_jsonl(tmp_path / "a.jsonl", small_docs(60))
    crashed, clean = str(tmp_path / "crashed.db"), str(tmp_path / "clean.db")
    with open_store(crashed) as store:
        ingest(store, [str(dump)], rebuild=False)  # "killed" before the rebuild
    with open_store(crashed) as store:
        stats = ingest(store, [str(dump)])
        assert stats.stored == 0
    with open_store(clean) as store:
        ingest(store, [str(dump)])
    got, want = snapshot(crashed), snapshot(clean)
    assert got == want
    if available():
        assert got[0]["incidents"] > 0


def test_incidents_and_export_from_the_store(tmp_path):
    from dronewatch.store.incidents import available

    if not available():
        pytest.skip("dronewatch.verify.group_incidents not available")
    db = str(tmp_path / "s.db")
    r = subprocess.run([str(DRONEWATCH), "ingest", "--sample", "--db", db], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr
    out = subprocess.run([str(DRONEWATCH), "incidents", "--db", db, "-f", "jsonl"],
                         capture_output=True, check=True).stdout.splitlines()
    incidents = [orjson.loads(x) for x in out]
    assert incidents and all({"id", "weapon", "location", "when", "documents", "claims",
                              "values", "flags"} <= set(i) for i in incidents)
    assert all(c["doc_id"] in i["documents"] for i in incidents for c in i["claims"])
    single = subprocess.run([str(DRONEWATCH), "incidents", "--db", db, "-f", "jsonl", "--flag",
                             "single_source"], capture_output=True, check=True).stdout
    assert all(any(f["kind"] == "single_source" for f in orjson.loads(x)["flags"])
               for x in single.splitlines())
    target = tmp_path / "out.jsonl"
    subprocess.run([str(DRONEWATCH), "export", "--db", db, "-f", "jsonl", "-o", str(target)],
                   check=True, capture_output=True)
    assert len(target.read_text().splitlines()) == len(incidents)
