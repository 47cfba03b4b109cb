"""`dronewatch extract`: output formats, ordering, workers, isolation, exit codes.

Where the extractor is not the subject a tiny fake stands in (claims derived from the
document, so order and content are checkable); the tests with the real extractor assert
only what holds for any extractor. Every input is written in tmp_path.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dronewatch import __version__
from dronewatch.cli import Reporter, app, run_extract
from dronewatch.model import Claim, Count, Document, Evidence, Location
from dronewatch.output import CSV_COLUMNS

EXTRACT = importlib.import_module("dronewatch.extract")  # the module, not the function
DRONEWATCH = Path(sys.executable).parent / "dronewatch"
KEYS = ["id", "doc_id", "weapon", "weapon_model", "attacker", "launched", "intercepted", "hit",
        "killed", "injured", "location", "when", "claimant", "evidence", "part_of"]


def fake_extractor(doc: Document, problems: list[str] | None = None) -> list[Claim]:
    """Two claims per document (a total and a part), or a raise / a problem on request."""
    if "RAISE" in doc.text:
        raise RuntimeError("boom\nsecond line")
    if "SLOW" in doc.text:
        time.sleep(5)
    if "PROBLEM" in doc.text and problems is not None:
        problems.append("implausible count 900000 dropped")
    # uneven work so that pool workers finish out of order
    time.sleep(int(hashlib.md5(doc.id.encode()).hexdigest(), 16) % 5 / 1000)
    total = Claim(doc_id=doc.id, weapon="drone", intercepted=Count(len(doc.text), "at_least"),
                  location=Location(country="RU", admin1=["RU-ROS", "RU-BEL"], lat=47.2, lon=39.7,
                                    text='Rostov, "Belgorod"'),
                  evidence=[Evidence(0, 5), Evidence(10, 20)])
    total.assign_id()
    part = Claim(doc_id=doc.id, weapon="missile", killed=Count(2), part_of=total.id,
                 evidence=[Evidence(6, 9)])
    part.assign_id()
    return [total, part]


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(EXTRACT, "extract_document", fake_extractor)


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def corpus(path: Path, n: int, start: int = 0, extra: dict | None = None) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            text = (extra or {}).get(i, f"Report number {i}: air defences were active overnight.")
            fh.write(json.dumps({"id": f"doc{i:04d}", "text": text, "published": "2025-10-25"}) + "\n")
    return path


def doc_ids(stdout: str) -> list[str]:
    return [json.loads(line)["doc_id"] for line in stdout.splitlines()]


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"dronewatch {__version__}"


def test_no_input_is_a_usage_error():
    result = invoke("extract")
    assert result.exit_code == 2
    assert "no input" in result.stderr and result.stdout == ""


def test_jsonl_lines_carry_the_contract_keys_in_input_order(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 30)
    b = corpus(tmp_path / "b.jsonl", 30, start=30)
    result = invoke("extract", str(b), str(a))
    assert (result.exit_code, result.stderr) == (0, "")  # stderr is no terminal: no bar
    lines = result.stdout.splitlines()
    assert len(lines) == 120
    records = [json.loads(line) for line in lines]
    assert all(list(r) == KEYS for r in records)
    expected = [f"doc{i:04d}" for i in [*range(30, 60), *range(30)] for _ in range(2)]
    assert [r["doc_id"] for r in records] == expected
    assert records[1]["part_of"] == records[0]["id"]
    assert records[0]["intercepted"] == {"value": len("Report number 30: air defences were active overnight."),
                                         "qualifier": "at_least"}


def test_real_extractor_output_is_valid_contract_jsonl(tmp_path):
    """Whatever the extractor does, every stdout line is a contract record and every
    stderr line is one `dronewatch:` line (the extractor is the real one)."""
    a = corpus(tmp_path / "a.jsonl", 5, extra={
        2: "Air defences shot down 20 drones over Rostov Oblast overnight, the ministry said."})
    result = subprocess.run([str(DRONEWATCH), "extract", str(a)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode in (0, 1)
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert set(KEYS) <= set(record)
    for line in result.stderr.splitlines():
        assert line.startswith(f"dronewatch: {a}:")
    assert (result.returncode == 1) == bool(result.stderr)


def test_csv_shape(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 2)
    result = invoke("extract", str(a), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[0][:7] == ["id", "doc_id", "weapon", "weapon_model", "attacker", "launched",
                           "launched_qualifier"]
    assert rows[0][-3:] == ["claimant_role", "evidence", "part_of"]
    assert len(rows) == 5 and all(len(r) == len(CSV_COLUMNS) for r in rows)
    total = dict(zip(rows[0], rows[1]))
    part = dict(zip(rows[0], rows[2]))
    assert total["doc_id"] == "doc0000" and total["weapon"] == "drone"
    assert total["intercepted_qualifier"] == "at_least" and total["launched"] == ""
    assert total["admin1"] == "RU-ROS;RU-BEL"
    assert total["location_text"] == 'Rostov, "Belgorod"'  # quoted, survives the round trip
    assert (total["lat"], total["lon"]) == ("47.2", "39.7")
    assert total["evidence"] == "0-5;10-20"
    assert part["part_of"] == total["id"] and part["killed"] == "2"


def test_json_shape(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 3)
    result = invoke("extract", str(a), "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 6
    assert all(list(r) == KEYS for r in records)
    empty = corpus(tmp_path / "none.jsonl", 0)
    result = invoke("extract", str(empty), "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_output_file(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 3)
    out = tmp_path / "claims.jsonl"
    result = invoke("extract", str(a), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    assert doc_ids(out.read_text(encoding="utf-8")) == [f"doc{i:04d}" for i in range(3) for _ in "ab"]
    result = invoke("extract", str(a), "-o", str(tmp_path / "missing" / "x.jsonl"))
    assert result.exit_code == 2 and "cannot write" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_workers_2_gives_the_same_output_as_workers_1(tmp_path, fake, fmt):
    a = corpus(tmp_path / "a.jsonl", 150, extra={7: "PROBLEM here", 40: "RAISE please"})
    (tmp_path / "b.jsonl").write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    args = ["extract", str(a), str(tmp_path / "b.jsonl"), "--format", fmt]
    one = invoke(*args, "--workers", "1")
    two = invoke(*args, "--workers", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert len(one.stderr.splitlines()) == 4


def test_workers_with_the_real_extractor_match(tmp_path):
    a = corpus(tmp_path / "a.jsonl", 40, extra={
        3: "Air defences shot down 20 drones over Rostov Oblast overnight, the ministry said.",
        9: "Two missiles struck an energy facility in Kharkiv on Sunday, officials said."})
    runs = [subprocess.run([str(DRONEWATCH), "extract", str(a), "--workers", w],
                           capture_output=True, text=True, timeout=120) for w in ("1", "3")]
    assert runs[0].returncode == runs[1].returncode
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr == runs[1].stderr


def test_order_follows_input_with_uneven_work_and_many_workers(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 200)
    result = invoke("extract", str(a), "--workers", "4")
    assert result.exit_code == 0
    assert doc_ids(result.stdout) == [f"doc{i:04d}" for i in range(200) for _ in "ab"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_extractor_exception_is_one_line_and_the_run_goes_on(tmp_path, fake, workers):
    a = corpus(tmp_path / "a.jsonl", 4, extra={1: "RAISE now"})
    result = invoke("extract", str(a), "--workers", workers)
    assert result.exit_code == 1
    assert doc_ids(result.stdout) == ["doc0000"] * 2 + ["doc0002"] * 2 + ["doc0003"] * 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"dronewatch: {a}:2 (doc0001): extraction failed: RuntimeError: boom second line")
    assert "test_cli_extract.py:" in line  # where it was raised


def test_a_refused_figure_is_a_warning_and_exit_0_and_strict_makes_it_fatal(tmp_path, fake):
    """Issue 14.6: a figure refused inside a document that was read is a warning (a pipeline
    under `set -e` goes on); an unreadable input next to it is still an error."""
    a = corpus(tmp_path / "a.jsonl", 3, extra={2: "PROBLEM text"})
    result = invoke("extract", str(a))
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 6  # the document's claims still come out
    assert result.stderr.splitlines() == [
        f"dronewatch: {a}:3 (doc0002): warning: implausible count 900000 dropped"]
    strict = invoke("extract", str(a), "--strict")
    assert strict.exit_code == 1 and strict.stderr == result.stderr
    missing = tmp_path / "missing.jsonl"
    both = invoke("extract", str(a), str(missing))
    assert both.exit_code == 1
    assert both.stderr.splitlines()[-1] == f"dronewatch: {missing}: no such file or directory"


def test_a_document_that_hangs_times_out(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 3, extra={0: "SLOW text"})
    t0 = time.perf_counter()
    result = invoke("extract", str(a), "--timeout", "0.3")
    assert time.perf_counter() - t0 < 3
    assert result.exit_code == 1
    assert doc_ids(result.stdout) == ["doc0001"] * 2 + ["doc0002"] * 2
    assert result.stderr.splitlines() == [
        f"dronewatch: {a}:1 (doc0000): extraction timed out after 0.3 s"]


def test_sample_articles(fake):
    result = invoke("extract", "--sample")
    assert result.exit_code == 0, result.stderr
    ids = doc_ids(result.stdout)
    assert ids and ids == sorted(ids, key=ids.index)  # grouped, in file order


def test_sample_missing_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr("dronewatch.cli.sample_path", lambda: tmp_path / "articles.jsonl")
    result = invoke("extract", "--sample")
    assert result.exit_code == 2
    assert "sample articles not found" in result.stderr and result.stdout == ""


def test_claims_stream_out_before_the_input_ends(tmp_path):
    """One document in through a pipe, its claims out, while stdin is still open."""
    script = tmp_path / "run.py"
    script.write_text(
        "import importlib, sys\n"
        "from dronewatch.model import Claim\n"
        "importlib.import_module('dronewatch.extract').extract_document = "
        "lambda doc, problems=None: [Claim(doc_id=doc.id)]\n"
        "from dronewatch.cli import app\n"
        "app(sys.argv[1:], prog_name='dronewatch')\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), "extract", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b'{"id": "first", "text": "Some text."}\n' + b" " * 70_000 + b"\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 20)
        assert ready, "no output while the input was still open"
        assert json.loads(proc.stdout.readline())["doc_id"] == "first"
        proc.stdin.write(b'{"id": "second", "text": "More text."}\n')
        proc.stdin.close()
        assert json.loads(proc.stdout.readline())["doc_id"] == "second"
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()


def test_progress_goes_to_stderr_never_stdout(tmp_path, fake, capsys):
    a = corpus(tmp_path / "a.jsonl", 5)
    (tmp_path / "b.jsonl").write_text("oops\n", encoding="utf-8")
    out = io.BytesIO()
    with Reporter(progress=True) as reporter:
        stats = run_extract([str(a), str(tmp_path / "b.jsonl")], out, reporter=reporter)
    assert (stats.documents, stats.claims, stats.errors) == (5, 10, 1)
    assert doc_ids(out.getvalue().decode()) == [f"doc{i:04d}" for i in range(5) for _ in "ab"]
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"dronewatch: {tmp_path / 'b.jsonl'}:1: invalid JSON" in captured.err
    assert "documents" in captured.err  # the bar itself



def test_an_implausible_count_is_one_line_naming_file_line_and_document(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text('{"id": "big", "text": "Air defences shot down 1,000,000,000 drones over the Kursk region."}\n'
                 '{"id": "ok", "text": "Air defences shot down 12 drones over the Kursk region, the ministry said."}\n',
                 encoding="utf-8")
    proc = subprocess.run([str(DRONEWATCH), "extract", str(f)], capture_output=True, text=True)
    assert proc.returncode == 0  # a warning: the document was read (issue 14.6)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{f}:1 (big): warning: implausible count 1,000,000,000" in lines[0]
    assert [json.loads(l)["doc_id"] for l in proc.stdout.splitlines()] == ["ok"]


def test_a_run_that_reads_nothing_leaves_the_old_output_untouched(tmp_path, fake):
    """Issue 14.1: `extract missing.jsonl -o out.jsonl` used to empty out.jsonl."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"yesterday's claims\n")
    out.chmod(0o640)
    run = subprocess.run([str(DRONEWATCH), "extract", str(tmp_path / "missing.jsonl"),
                          "-o", str(out)], capture_output=True, text=True)
    assert run.returncode == 1
    assert out.read_bytes() == b"yesterday's claims\n"
    assert f"dronewatch: {out}: left as it was (no document was read)" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temporary left
    # a run that reads something replaces it whole, keeping the file's mode
    a = corpus(tmp_path / "a.jsonl", 2)
    result = invoke("extract", str(a), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert doc_ids(out.read_text()) == ["doc0000"] * 2 + ["doc0001"] * 2
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.jsonl", "out.jsonl"]


def test_the_output_appears_only_when_the_run_ends(tmp_path, monkeypatch):
    """While a run writes, the target keeps its old content (the new one grows beside it)."""
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old\n")
    a = corpus(tmp_path / "a.jsonl", 3)
    seen = []

    def slow(doc, problems=None):
        seen.append(out.read_bytes())
        return fake_extractor(doc, problems)

    monkeypatch.setattr(EXTRACT, "extract_document", slow)
    result = invoke("extract", str(a), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert seen == [b"old\n"] * 3
    assert len(out.read_text().splitlines()) == 6


def test_output_to_a_device_is_written_in_place(tmp_path, fake):
    a = corpus(tmp_path / "a.jsonl", 1)
    result = invoke("extract", str(a), "-o", os.devnull)
    assert result.exit_code == 0, result.stderr
    assert os.path.exists(os.devnull) and not Path(os.devnull).is_file()
