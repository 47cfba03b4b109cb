"""The worker pool of `dronewatch extract --workers N` (extract/pool.py): JSONL lines are
parsed in the workers, results come back in input order, memory stays bounded, and a
worker that dies or a Ctrl-C ends the run with one line, never a hang.

A tiny fake extractor stands in (one claim per document, uneven sleeps so that workers
finish out of order); every input is written in tmp_path.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.extract import pool
from dronewatch.ingest import read_inputs
from dronewatch.ingest.jsonl import parse_line
from dronewatch.model import Claim, Document, Rejection

EXTRACT = importlib.import_module("dronewatch.extract")  # the module, not the function


def one_claim(doc: Document, problems: list[str] | None = None) -> list[Claim]:
    time.sleep(int(hashlib.md5(doc.id.encode()).hexdigest(), 16) % 4 / 1000)
    return [Claim(doc_id=doc.id)]


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(EXTRACT, "extract_document", one_claim)


def report_lines(n: int) -> list[bytes]:
    return [json.dumps({"id": f"r{i:03d}", "text": f"Report {i}: the sirens sounded twice."}).encode()
            for i in range(n)]


def doc_ids(stdout: str) -> list[str]:
    return [json.loads(line)["doc_id"] for line in stdout.splitlines()]


def test_bad_lines_parsed_in_the_workers_are_one_line_each_naming_file_and_line(tmp_path, fake):
    lines = report_lines(60)
    lines[4] = b'{"id": "r004", "text": "cut short'
    lines[20] = b'{"id": "r020", "text": "caf\xe9 in Latin-1"}'
    lines[41] = b'{"id": "r041", "title": "a title and no text"}'
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    runs = {w: CliRunner().invoke(app, ["extract", str(path), "--workers", w]) for w in ("1", "2")}
    assert runs["1"].exit_code == runs["2"].exit_code == 1
    assert runs["2"].stdout == runs["1"].stdout
    assert runs["2"].stderr == runs["1"].stderr
    errors = runs["2"].stderr.splitlines()
    assert [e.split(": ")[1] for e in errors] == [f"{path}:5", f"{path}:21", f"{path}:42"]
    assert errors[0].startswith(f"dronewatch: {path}:5: invalid JSON: ")
    assert errors[1] == f"dronewatch: {path}:21: not UTF-8 text"
    assert errors[2] == f"dronewatch: {path}:42: missing 'text'"
    assert doc_ids(runs["2"].stdout) == [f"r{i:03d}" for i in range(60) if i not in (4, 20, 41)]


def test_a_jsonl_line_read_unparsed_becomes_what_the_reader_would_have_made(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Two drones.", "published": "2025-10-03"}\n'
                     b"[1, 2]\n\n"
                     b'{"id": "b", "text": "One missile."}\n')
    parsed = list(read_inputs([str(path)]))
    unparsed = list(read_inputs([str(path)], parse=False))
    assert [source for source, _ in unparsed] == [f"{path}:1", f"{path}:2", f"{path}:4"]
    assert [parse_line(line, source) for source, line in unparsed] == parsed
    assert parsed[1] == Rejection(f"{path}:2", "not a JSON object (got array)")


def test_many_workers_keep_input_order_across_chunks_of_every_size(tmp_path, fake):
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"\n".join(report_lines(301)) + b"\n")
    for workers in ("2", "3"):
        result = CliRunner().invoke(app, ["extract", str(path), "--workers", workers])
        assert result.exit_code == 0, result.stderr
        assert doc_ids(result.stdout) == [f"r{i:03d}" for i in range(301)]


def test_a_document_over_its_time_limit_in_a_worker_is_one_line_and_the_rest_go_on(tmp_path, monkeypatch):
    def slow_on_request(doc, problems=None):
        if "SLOW" in doc.text:
            time.sleep(5)
        return [Claim(doc_id=doc.id)]

    monkeypatch.setattr(EXTRACT, "extract_document", slow_on_request)
    lines = report_lines(40)
    lines[9] = json.dumps({"id": "r009", "text": "SLOW to read"}).encode()
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    t0 = time.perf_counter()
    result = CliRunner().invoke(app, ["extract", str(path), "--workers", "2", "--timeout", "0.3"])
    assert time.perf_counter() - t0 < 4
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"dronewatch: {path}:10 (r009): extraction timed out after 0.3 s"]
    assert doc_ids(result.stdout) == [f"r{i:03d}" for i in range(40) if i != 9]


def test_a_short_input_is_shared_between_the_workers(tmp_path, monkeypatch):
    """The first chunks hold 1, 2, 4 ... documents: six documents reach both workers."""
    monkeypatch.setattr(EXTRACT, "extract_document",
                        lambda doc, problems=None: [Claim(doc_id=f"{doc.id}@{os.getpid()}")])
    docs = [Document(id=f"d{i}", text="Sirens in the night.") for i in range(6)]
    results = list(pool.process_all(docs, workers=2))
    pids = {json.loads(r.rendered[0])["doc_id"].split("@")[1] for r in results}
    assert len(pids) == 2 and str(os.getpid()) not in pids


def test_the_input_is_read_no_further_ahead_than_the_window(monkeypatch):
    """A slow consumer: the pool reads at most its window of chunks (4 per worker) and the
    chunk being filled ahead of what was consumed, whatever the input's length."""
    monkeypatch.setattr(EXTRACT, "extract_document", lambda doc, problems=None: [])
    pulled = 0

    def documents():
        nonlocal pulled
        for i in range(2000):
            pulled += 1
            yield Document(id=f"d{i}", text="Sirens in the night.")

    ahead = []
    for consumed, _ in enumerate(pool.process_all(documents(), workers=2, chunksize=5), 1):
        if consumed % 100 == 0:
            time.sleep(0.05)  # the reader runs as far as it may meanwhile
            ahead.append(pulled - consumed)
    assert consumed == pulled == 2000
    assert max(ahead) <= (4 * 2 + 1) * 5
    assert max(ahead) >= 4 * 5  # it did read ahead: the workers were kept busy


SCRIPT = """\
import importlib, os, signal, sys, time
from dronewatch.model import Claim

def extract(doc, problems=None):
    if "DIE" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(float(os.environ.get("PER_DOCUMENT_S", "0")))
    return [Claim(doc_id=doc.id)]

importlib.import_module("dronewatch.extract").extract_document = extract
from dronewatch.cli import app
app(sys.argv[1:], prog_name="dronewatch")
"""


def run_script(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen:
    script = tmp_path / "run.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return subprocess.Popen([sys.executable, str(script), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, **env})


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        if int(stat[stat.rindex(b")") + 2:].split()[1]) == pid:
            out.append(int(entry))
    return out


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().split(b") ")[1][:1] == b"Z"
    except OSError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process tree from /proc")
def test_a_worker_that_dies_ends_the_run_with_one_line_and_leaves_the_output(tmp_path):
    lines = report_lines(200)
    lines[150] = json.dumps({"id": "r150", "text": "DIE here"}).encode()
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "claims.jsonl"
    out.write_text("the old claims\n", encoding="utf-8")
    proc = run_script(tmp_path, "extract", str(path), "-o", str(out), "--workers", "2")
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 1
    first, second = stderr.splitlines()
    assert first.startswith("dronewatch: extraction worker ")
    assert first.endswith("ended in the middle of the run (killed by signal 9); the run stopped")
    assert second == f"dronewatch: {out}: left as it was (the run stopped)"
    assert out.read_text(encoding="utf-8") == "the old claims\n"


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads the process tree from /proc")
def test_ctrl_c_with_two_workers_ends_the_run_and_its_workers(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_bytes(b"\n".join(report_lines(400)) + b"\n")
    out = tmp_path / "claims.jsonl"
    out.write_text("the old claims\n", encoding="utf-8")
    proc = run_script(tmp_path, "extract", str(path), "-o", str(out), "--workers", "2",
                      PER_DOCUMENT_S="0.05")
    try:
        deadline = time.monotonic() + 30
        while len(workers := children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) == 2
        time.sleep(0.5)  # both are extracting
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole group
        t0 = time.monotonic()
        _, stderr = proc.communicate(timeout=20)
        assert time.monotonic() - t0 < 5
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == "the old claims\n"
    assert all(gone(pid) for pid in workers)


def test_the_command_line_starts_without_the_database_layer():
    """`dronewatch extract` needs no SQLAlchemy: importing it cost every command's start-up
    about 0.15 s (one-document runs, and each of a worker pool's runs, pay it)."""
    code = "import sys, dronewatch.cli; print(sorted(m for m in sys.modules if m.startswith('sqlalchemy'))[:3])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stdout.strip()) == (0, "[]"), out.stderr
