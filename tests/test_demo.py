"""`dronewatch demo`: the shipped demo corpus, the store it builds (incidents with every kind
of flag) and, when the API is installed, the dashboard it serves."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dronewatch.samples import demo_path
from dronewatch.store import open_store
from dronewatch.store import schema as S

DRONEWATCH = Path(sys.executable).parent / "dronewatch"
SHARED = Path(os.environ.get("DRONEWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def demo_articles() -> list[dict]:
    return [json.loads(line) for line in demo_path().read_text(encoding="utf-8").splitlines()
            if line.strip()]


def run_demo(*args, env=None, timeout=300):
    return subprocess.run([str(DRONEWATCH), "demo", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


# ----------------------------------------------------------------------------- the corpus

def test_demo_corpus_is_well_formed_and_spans_two_weeks():
    docs = demo_articles()
    assert 40 <= len(docs) <= 60
    assert len({d["id"] for d in docs}) == len(docs)
    assert len({d["url"] for d in docs}) == len(docs)
    for d in docs:
        assert set(d) == {"id", "url", "title", "outlet", "published", "text"}, d["id"]
        assert d["text"].strip() and d["outlet"], d["id"]
    days = sorted(d["published"] for d in docs)
    first, last = (int(days[0][8:]), int(days[-1][8:]))
    assert days[0][:7] == days[-1][:7] and 12 <= last - first <= 16
    assert len({d["outlet"] for d in docs}) >= 5
    per_day = Counter(days)
    assert sum(1 for n in per_day.values() if n >= 3) >= 5  # several outlets on one night
    texts = [d["text"] for d in docs]
    assert sum(bool(re.search("[ыэъ]", t)) for t in texts) >= 3  # Russian posts
    assert sum(bool(re.search("[іїєґ]", t)) for t in texts) >= 3  # Ukrainian posts


def _shingles(text: str, n: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_demo_corpus_shares_no_phrase_with_the_shared_corpora():
    corpora = sorted((SHARED / "corpus").glob("*.jsonl")) if SHARED.is_dir() else []
    if not corpora:
        pytest.skip(f"no shared corpora at {SHARED}")
    theirs: set[tuple[str, ...]] = set()
    for path in corpora:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                theirs |= _shingles(json.loads(line).get("text") or "")
    for d in demo_articles():
        common = _shingles(d["text"]) & theirs
        assert not common, f"{d['id']} repeats {' '.join(sorted(common)[0])!r}"


# ----------------------------------------------------------------------------- the store

def test_demo_builds_a_store_with_incidents_and_every_flag(tmp_path):
    db = tmp_path / "demo.db"
    result = run_demo("--db", str(db), "--no-serve")
    assert result.returncode == 0, result.stderr
    assert f"demo store {db}" in result.stderr and "46 stored" in result.stderr
    with open_store(str(db), create=False) as store, store.reader() as conn:
        n_docs = conn.execute(select(func.count()).select_from(S.documents)).scalar_one()
        n_incidents = conn.execute(select(func.count()).select_from(S.incidents)).scalar_one()
        kinds = Counter(k for (k,) in conn.execute(select(S.flags.c.kind)))
        multi = conn.execute(select(func.count()).select_from(S.incidents)
                             .where(S.incidents.c.n_documents >= 3)).scalar_one()
    assert n_docs == len(demo_articles())
    assert n_incidents >= 40 and multi >= 3
    for kind in ("date_conflict", "count_conflict", "breakdown_mismatch", "single_source"):
        assert kinds[kind] >= 2, (kind, kinds)
    # building again into the same store adds nothing twice
    again = run_demo("--db", str(db), "--no-serve")
    assert again.returncode == 0 and "0 stored" in again.stderr and "46 already stored" in again.stderr


def test_demo_default_store_is_fresh_in_the_cache_folder(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = tmp_path / "cache" / "dronewatch" / "demo.db"
    for _ in range(2):  # rebuilt from nothing each time
        result = run_demo("--no-serve", env=env)
        assert result.returncode == 0, result.stderr
        assert f"demo store {path}: 46 documents read, 46 stored" in result.stderr
    assert path.is_file()


# ----------------------------------------------------------------------------- serving

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_serves_the_api(tmp_path):
    pytest.importorskip("dronewatch.api")
    pytest.importorskip("uvicorn")
    port = _free_port()
    proc = subprocess.Popen([str(DRONEWATCH), "demo", "--db", str(tmp_path / "served.db"),
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        health = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
                    health = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        assert health is not None, proc.stderr.read() if proc.poll() is not None else "timeout"
        assert health["status"] == "ok"
        assert health["documents"] == len(demo_articles()) and health["incidents"] >= 40
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert r.status == 200 and "text/html" in r.headers["content-type"]
    finally:
        _stop(proc)
    err = proc.stderr.read()
    assert f"dashboard at http://127.0.0.1:{port}/" in err and "Traceback" not in err


def test_the_test_install_under_a_running_demo_leaves_it_serving(tmp_path):
    """Issue 14.7: the README's two commands in either order or at once. The demo serves;
    the test command's own install line (read from scripts/test) reinstalls dronewatch into
    the same venv meanwhile; the dashboard, its scripts and the API still answer."""
    import shlex

    root = Path(__file__).resolve().parent.parent
    line = next(ln for ln in (root / "scripts" / "test").read_text().splitlines()
                if "pip install" in ln and not ln.lstrip().startswith("#"))
    argv = shlex.split(line)
    assert argv[0] == ".venv/bin/python", line
    argv[0] = sys.executable
    port = _free_port()
    proc = subprocess.Popen([str(DRONEWATCH), "demo", "--db", str(tmp_path / "served.db"),
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"

    def get(path: str) -> int:
        with urllib.request.urlopen(base + path, timeout=10) as r:
            r.read()
            return r.status
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                get("/api/health")
                break
            except OSError:
                time.sleep(0.5)
        assert get("/") == 200
        install = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=600)
        if install.returncode != 0 and ("NewConnectionError" in install.stderr
                                        or "Could not find a version" in install.stderr):
            pytest.skip(f"the package registry is not reachable: {install.stderr.strip()[-200:]}")
        assert install.returncode == 0, install.stderr[-2000:]
        assert proc.poll() is None, "the demo stopped during the install"
        for path in ("/", "/static/app.js", "/api/incidents?limit=5", "/api/series?measure=launched",
                     "/docs"):
            assert get(path) == 200, path
    finally:
        _stop(proc)
    assert "Traceback" not in proc.stderr.read()


def test_serve_with_two_processes_answers(tmp_path):
    """`dronewatch serve --workers 2`: the worker processes build the app from what the
    command was given (the store, here the demo's), and the port answers."""
    pytest.importorskip("uvicorn")
    db = tmp_path / "demo.db"
    subprocess.run([str(DRONEWATCH), "demo", "--no-serve", "--db", str(db)], check=True,
                   capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([str(DRONEWATCH), "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2", "--no-access-log"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        seen = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and len(seen) < 10:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as r:
                    seen.append(json.load(r))
            except OSError:
                time.sleep(0.5)
        assert len(seen) == 10, proc.stderr.read() if proc.poll() is not None else "timeout"
        assert all(h["documents"] == len(demo_articles()) for h in seen)
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
