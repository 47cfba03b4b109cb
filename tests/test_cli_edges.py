"""Issue 14, items 2-5: the command line at its edges. A typo in --db or in an input name
creates nothing, another application's SQLite file is never written, bad filter values are
refused as the API refuses them, and a folder with nothing readable says why."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dronewatch.cli import app

DRONEWATCH = Path(sys.executable).parent / "dronewatch"
REPORT = ("Air defences shot down 12 drones over Kursk Oblast overnight, the Russian Defence "
          "Ministry said.")


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def dronewatch(*args: str, timeout: float = 60):
    return subprocess.run([str(DRONEWATCH), *args], capture_output=True, text=True,
                          timeout=timeout)


def one_report(path: Path) -> Path:
    path.write_text(json.dumps({"id": "r1", "published": "2025-10-01", "text": REPORT}) + "\n",
                    encoding="utf-8")
    return path


def tables(url: str) -> set[str]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------- 2: missing stores

@pytest.mark.parametrize("command", [["claims"], ["incidents"],
                                     ["export", "--format", "csv", "-o", "out.csv"]])
def test_reading_commands_refuse_a_store_that_does_not_exist(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "typo.db"
    result = invoke(*command, "--db", str(typo))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"dronewatch: {typo}: no such database (run dronewatch ingest first)"
    assert list(tmp_path.iterdir()) == []


def test_serve_refuses_a_store_that_does_not_exist_unless_told_to_create_it(tmp_path):
    typo = tmp_path / "typo.db"
    run = dronewatch("serve", "--db", str(typo), "--port", "0", timeout=30)
    assert run.returncode == 1
    assert run.stderr.strip() == f"dronewatch: {typo}: no such database (run dronewatch ingest first)"
    assert not typo.exists()
    from dronewatch.api import create_app

    create_app(str(typo), create=True)  # what `serve --create` asks for
    assert "schema_info" in tables(str(typo))


def test_ingest_creates_no_store_when_nothing_could_be_read(tmp_path, db_url):
    """`ingest typo.jsonl` used to leave an empty database behind (SQLite and PostgreSQL)."""
    typo = tmp_path / "typo.jsonl"
    run = dronewatch("ingest", str(typo), "--db", db_url)
    assert run.returncode == 1
    name = db_url if "://" not in db_url else None
    lines = run.stderr.splitlines()
    assert lines[0] == f"dronewatch: {typo}: no such file or directory"
    assert lines[1].endswith(": not created: no input could be read")
    if name:
        assert not Path(name).exists()
        assert lines[1] == f"dronewatch: {name}: not created: no input could be read"
    else:
        assert tables(db_url) == set()
    # one readable input is enough: the store is made and the bad input still reported
    good = one_report(tmp_path / "good.jsonl")
    run = dronewatch("ingest", str(typo), str(good), "--db", db_url)
    assert run.returncode == 1
    assert "schema_info" in tables(db_url)
    assert "1 documents read" in run.stderr.splitlines()[-1]


# ---------------------------------------------------------------------------- 3: foreign files

def foreign_sqlite(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('soup', 40)")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", [["claims"], ["ingest", "GOOD"], ["serve", "--port", "0"],
                                     ["serve", "--create", "--port", "0"]])
def test_another_applications_sqlite_file_is_refused_and_never_written(tmp_path, command):
    path = tmp_path / "recipes.sqlite"
    before = foreign_sqlite(path)
    good = one_report(tmp_path / "good.jsonl")
    args = [str(good) if a == "GOOD" else a for a in command]
    run = dronewatch(*args, "--db", str(path), timeout=30)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == (
        f"dronewatch: {path}: not a dronewatch database (it has other tables and no "
        f"schema_info); left untouched")
    assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(before).digest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.jsonl", "recipes.sqlite"]


def test_a_file_that_is_not_sqlite_is_refused_and_never_written(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list: bread, milk\n")
    run = dronewatch("ingest", str(one_report(tmp_path / "good.jsonl")), "--db", str(path))
    assert run.returncode == 1
    assert run.stderr.strip() == (f"dronewatch: {path}: not a dronewatch database (not even "
                                  f"SQLite); left untouched")
    assert path.read_bytes() == b"shopping list: bread, milk\n"


# ---------------------------------------------------------------------------- 5: nothing readable

def test_ingest_says_what_a_folder_held_that_it_skipped(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in ("a.md", "b.md", "c.md", ".draft.jsonl", "scan.pdf"):
        (notes / name).write_text("text", encoding="utf-8")
    db = tmp_path / "s.db"
    run = dronewatch("ingest", str(notes), "--db", str(db))
    assert run.returncode == 1
    assert run.stderr.strip() == (
        f"dronewatch: {db}: not created: 3 .md files skipped: unsupported type; "
        f"1 .pdf file skipped: unsupported type; 1 hidden file skipped")
    # into a store that exists: the summary says the same
    one_report(notes / "report.jsonl")
    dronewatch("ingest", str(notes), "--db", str(db))
    assert db.exists()
    (notes / "report.jsonl").unlink()
    run = dronewatch("ingest", str(notes), "--db", str(db))
    assert run.returncode == 0
    assert run.stderr.strip().endswith(
        "; 3 .md files skipped: unsupported type; 1 .pdf file skipped: unsupported type; "
        "1 hidden file skipped")


def test_ingest_of_an_empty_folder_says_so(tmp_path):
    empty = tmp_path / "inbox"
    empty.mkdir()
    db = tmp_path / "s.db"
    run = dronewatch("ingest", str(empty), "--db", str(db))
    assert run.returncode == 1
    assert run.stderr.strip() == f"dronewatch: {db}: not created: {empty}: empty folder"
    assert not db.exists()


# ---------------------------------------------------------------------------- 4: filter values

@pytest.mark.parametrize("option, value, expected", [
    ("--region", "Belgorod", "RU-BEL"),
    ("--weapon", "tank", "drone, missile, naval_drone, glide_bomb, unknown"),
    ("--flag", "nonsense", "count_conflict"),
    ("--side", "Russia", "RU or UA"),
])
def test_a_bad_filter_value_is_refused_by_the_cli_as_by_the_api(tmp_path, option, value,
                                                                 expected):
    """Issue 14.4: `claims --region Belgorod` printed "0 claims" and exit 0 while the API
    answered 422. Now both refuse it with one message naming the value and the valid ones."""
    import httpx
    from live_server import LiveServer

    from dronewatch.api import create_app

    db = str(tmp_path / "s.db")
    app = create_app(db, create=True)
    name = option[2:]
    for command in (["claims"], ["incidents"], ["export", "--format", "csv", "-o", str(tmp_path / "x.csv")]):
        result = invoke(*command, "--db", db, option, value)
        assert result.exit_code == 2, result.output
        [line] = result.stderr.splitlines()
        assert line.startswith(f"dronewatch: --{name}: {value!r} is not a ")
        assert expected in line
    with LiveServer(app) as server:
        r = httpx.get(f"{server.url}/api/claims", params={name: value})
    assert r.status_code == 422
    [detail] = r.json()["detail"]
    assert detail["loc"] == ["query", name]
    assert line == f"dronewatch: --{name}: {detail['msg']}"


# ---------------------------------------------------------------------------- 9: 80 columns

COMMANDS = ("extract", "ingest", "reprocess", "claims", "incidents", "export", "serve",
            "watch", "demo")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_on_an_80_column_terminal_is_whole_and_shows_no_fake_types(command):
    """Issue 14.9: `<bool>` beside switches, `<str>` where choices are meant, and the --db
    help cut with an ellipsis."""
    run = subprocess.run([str(DRONEWATCH), command, "--help"], capture_output=True, text=True,
                         env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", "TERM": "dumb"})
    assert run.returncode == 0, run.stderr
    assert "<bool>" not in run.stdout and "<str>" not in run.stdout
    assert "…" not in run.stdout, run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


LONG_ID = "ukrinform-2025-11-03-air-force-summary-0417"


def test_the_tables_keep_dates_figures_and_ids_whole_at_80_columns(monkeypatch, capsys):
    from dronewatch.commands.tables import print_claims_table, print_incidents_table

    monkeypatch.setenv("COLUMNS", "80")
    claim = {"doc_id": LONG_ID, "weapon": "naval_drone",
             "launched": {"value": 1200, "qualifier": "at_least"},
             "intercepted": {"value": 1187, "qualifier": "exact"},
             "location": {"country": "UA", "admin1": ["UA-51", "UA-65"],
                          "text": "the Odesa and Kherson regions and the waters off them"},
             "when": {"start": "2025-11-03", "end": "2025-11-09"},
             "claimant": {"name": "Air Force of the Armed Forces of Ukraine", "side": "UA"}}
    print_claims_table([json.dumps(claim).encode()])
    incident = {"id": "inc_8b53cf9475fec558", "weapon": "glide_bomb",
                "when": {"start": "2025-11-03", "end": "2025-11-09"},
                "location": claim["location"], "documents": [LONG_ID, "b"], "claims": [{}] * 3,
                "values": {"intercepted": {"UA": {"value": 1187}, "RU": {"value": 1190}}},
                "flags": [{"kind": "count_conflict"}, {"kind": "breakdown_mismatch"}]}
    print_incidents_table([incident])
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    cells = [part.strip() for line in out.splitlines() for part in line.split("│")]
    for whole in ("2025-11-03", "..2025-11-09", "naval_drone", "≥1200", "intercepted 1187",
                  LONG_ID, "inc_8b53cf9475fec558", "glide_bomb", "intercepted[UA] 1187",
                  "intercepted[RU] 1190", "! count_conflict", "! breakdown_mismatch",
                  "2 docs, 3 claims"):
        assert any(whole in cell for cell in cells), (whole, out)
