"""Two `dronewatch ingest` processes on the same store at the same time (issue 14): each
document is stored once, both runs succeed, and the store ends exactly as one ingest of the
same input leaves it (documents, claims, evidence, incidents and flags), on SQLite and on
PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import pg_database
from dronewatch.store import open_store
from dronewatch.store.write import counts

DRONEWATCH = Path(sys.executable).parent / "dronewatch"
PLACES = ["Belgorod Oblast", "Kursk Oblast", "Bryansk Oblast", "Voronezh Oblast",
          "Rostov Oblast", "Oryol Oblast"]


def reports(path: Path, n: int) -> Path:
    """`n` short reports written for this test, one figure each, over three weeks."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({
                "id": f"c{i:04d}", "published": f"2025-10-{1 + i % 21:02d}",
                "url": f"https://wire.example/c/{i}",
                "text": f"Air defences destroyed {i % 37 + 2} drones over {PLACES[i % 6]} "
                        f"overnight, the governor said in bulletin {i}. Power was cut to "
                        f"{i % 9 + 1} villages for several hours."}) + "\n")
    return path


def snapshot(url: str):
    """Rows per table, and what they hold: documents (id, content), claims, incidents with
    their flags (not `documents.source`, the file and line that happened to store it)."""
    from sqlalchemy import select

    from dronewatch.store import schema as S

    with open_store(url) as store, store.reader() as conn:
        d, c, i = S.documents.c, S.claims.c, S.incidents.c
        return (counts(conn),
                sorted(conn.execute(select(d.doc_id, d.content_hash)).all()),
                sorted(conn.execute(select(c.claim_id, c.record)).all()),
                sorted(conn.execute(select(i.incident_id, i.record)).all()))


@pytest.fixture(params=["sqlite", "postgresql"])
def two_stores(request, tmp_path):
    """(the store both processes share, a reference store of the same kind)."""
    if request.param == "sqlite":
        yield str(tmp_path / "shared.db"), str(tmp_path / "reference.db")
        return
    with pg_database() as shared, pg_database() as reference:
        yield shared, reference


def test_two_ingests_at_once_store_every_document_once(tmp_path, two_stores):
    """Both start on a store that does not exist yet (they race to create it); one reads
    60 reports, the other all 400 last to first, so the first rebuilds its incidents while
    the second is still storing."""
    shared, reference = two_stores
    dump = reports(tmp_path / "reports.jsonl", 400)
    lines = dump.read_text(encoding="utf-8").splitlines(True)
    some, backwards = tmp_path / "some.jsonl", tmp_path / "backwards.jsonl"
    some.write_text("".join(lines[:60]), encoding="utf-8")
    backwards.write_text("".join(reversed(lines)), encoding="utf-8")
    runs = [subprocess.Popen([str(DRONEWATCH), "ingest", str(path), "--db", shared,
                              "--batch", "10"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for path in (some, backwards)]
    results = [(r.wait(timeout=600), r.stderr.read()) for r in runs]
    for code, stderr in results:
        assert code == 0, stderr
    stored = [int(err.split(" documents read, ")[1].split(" stored")[0].replace(",", ""))
              for _, err in results]
    assert sum(stored) == 400, results  # each document stored by one of them
    done = subprocess.run([str(DRONEWATCH), "ingest", str(dump), "--db", reference],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    got, want = snapshot(shared), snapshot(reference)
    assert got[0]["documents"] == 400
    assert got[0] == want[0]
    assert got[1] == want[1]  # every document once, none renamed
    assert got[2] == want[2]  # their claims
    assert got[3] == want[3]  # incidents built from all of them
