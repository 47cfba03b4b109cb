"""Reference tables: `dronewatch reference import`, and incidents compared with it.

The table is a small piterfm-format CSV written here; the claims are built here from
sentences written for these tests and stored directly, so what is tested is the import and
the comparison, not the extractor's reading.
"""

from __future__ import annotations

import csv
import io

import orjson
from sqlalchemy import func, select
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.export.acled import write_acled
from dronewatch.model import Claim, Claimant, Count, Document, Evidence, Incident, Location, TimeSpan
from dronewatch.store import Filters, iter_incidents, open_store
from dronewatch.store import schema as S
from dronewatch.store.pipeline import _doc_row
from dronewatch.store.write import content_hash, insert_claims, insert_documents, mark_dirty

AIR_FORCE = Claimant(name="Ukrainian Air Force", side="UA", role="military")
HEADER = ["time_start", "time_end", "model", "launched", "destroyed", "not_reach_goal", "source"]
TABLE = [  # file lines 2-5
    ["2025-06-14 19:00", "2025-06-15 08:00", "Shahed-136/131", "80.0", "60.0", "", "post/1"],
    ["2025-06-14 19:00", "2025-06-15 08:00", "Iskander-M", "4.0", "2.0", "", "post/1"],
    ["2025-06-15 20:00", "2025-06-16 08:30", "Shahed-136/131", "90.0", "70.0", "5.0", "post/2"],
    ["2025-06-15", "2025-06-16", "Orlan-10", "3.0", "3.0", "", "post/2"],
]
TEXTS = {
    "af1": ("The Air Force said Russia launched 80 drones overnight and 60 of them were shot down.",
            "2025-06-15", {"launched": 80, "intercepted": 60}),
    "af2": ("Russia attacked with 95 drones overnight; air defences downed 75, the Air Force said.",
            "2025-06-16", {"launched": 95, "intercepted": 75}),
}


def write_table(path, rows=TABLE, extra_lines: str = ""):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
        fh.write(extra_lines)
    return path


def store_reports(url: str) -> None:
    """The two Air Force reports and their national drone claims, stored as ingest would."""
    with open_store(url) as store, store.writer() as conn:
        for doc_id, (text, published, counts) in TEXTS.items():
            doc = Document(id=doc_id, text=text, published=published, outlet=f"Outlet {doc_id}")
            [pk] = insert_documents(conn, [_doc_row(doc, content_hash(text))]).values()
            day = TimeSpan(published[:8] + f"{int(published[8:]) - 1:02d}", published, "night")
            claim = Claim(doc_id=doc_id, weapon="drone", attacker="RU",
                          **{m: Count(n) for m, n in counts.items()},
                          location=Location(country="UA", precision="country"), when=day,
                          claimant=AIR_FORCE, evidence=[Evidence(0, len(text))])
            claim.assign_id()
            insert_claims(conn, [(pk, [orjson.dumps(claim.to_dict())])])
        mark_dirty(conn)


def import_table(path, url: str):
    return CliRunner().invoke(app, ["reference", "import", str(path), "--format", "piterfm",
                                    "--db", url])


def incidents(url: str, **filters) -> list[dict]:
    with open_store(url) as store:
        return list(iter_incidents(store, Filters(**filters)))


def test_reference_import_compares_each_night_and_flags_the_mismatch(db_url, tmp_path):
    store_reports(db_url)
    result = import_table(write_table(tmp_path / "table.csv"), db_url)
    assert result.exit_code == 0, result.output
    by_doc = {d["documents"][0]: d for d in incidents(db_url)}

    agreed = by_doc["af1"]["values"]
    assert agreed["launched"]["UA"]["reference"] == {
        "table": "piterfm", "value": 80, "readings": [80], "rows": [2], "verdict": "reference_agrees"}
    assert agreed["intercepted"]["UA"]["reference"]["verdict"] == "reference_agrees"
    assert "reference_mismatch" not in [f["kind"] for f in by_doc["af1"]["flags"]]

    second = by_doc["af2"]
    assert second["values"]["launched"]["UA"]["reference"]["verdict"] == "reference_mismatch"
    # 75 downed: the table's 70 destroyed plus 5 that did not reach their targets
    assert second["values"]["intercepted"]["UA"]["reference"]["verdict"] == "reference_agrees"
    [flag] = [f for f in second["flags"] if f["kind"] == "reference_mismatch"]
    assert "says 95 drones launched in the night to 2025-06-16" in flag["message"]
    assert "piterfm table says 90" in flag["message"] and "row 4 (Shahed-136/131" in flag["message"]
    # the reconnaissance drone row (line 5) is kept but never compared
    assert "row 5" not in flag["message"]

    flagged = incidents(db_url, flags=["reference_mismatch"])
    assert [d["documents"] for d in flagged] == [["af2"]]


def test_re_import_replaces_the_table(db_url, tmp_path):
    store_reports(db_url)
    path = write_table(tmp_path / "table.csv")
    assert import_table(path, db_url).exit_code == 0
    assert import_table(path, db_url).exit_code == 0
    with open_store(db_url) as store, store.reader() as conn:
        assert conn.execute(select(func.count()).select_from(S.reference_rows)).scalar_one() == len(TABLE)
    corrected = [row[:] for row in TABLE]
    corrected[2][3] = "95.0"
    assert import_table(write_table(path, corrected), db_url).exit_code == 0
    assert incidents(db_url, flags=["reference_mismatch"]) == []


def test_a_bad_row_is_one_line_and_the_rest_is_imported(sqlite_url, tmp_path):
    store_reports(sqlite_url)
    path = write_table(tmp_path / "table.csv", extra_lines="yesterday,sometime,Shahed-136/131,5,5,,x\n")
    result = import_table(path, sqlite_url)
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if "row skipped" in ln]
    assert f"{path}:6: row skipped" in line
    assert len(incidents(sqlite_url, flags=["reference_mismatch"])) == 1


def test_the_acled_export_puts_the_reference_in_the_notes(sqlite_url, tmp_path):
    store_reports(sqlite_url)
    assert import_table(write_table(tmp_path / "table.csv"), sqlite_url).exit_code == 0
    items = [Incident(id=d["id"], weapon=d["weapon"], location=Location(country="UA"),
                      when=TimeSpan(**d["when"]), documents=d["documents"], values=d["values"])
             for d in incidents(sqlite_url)]
    out = io.StringIO()
    write_acled(items, out)
    notes = [row["notes"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert any("the piterfm table (rows 4) gives 90 launched, which differs from the claimed 95" in n
               for n in notes)
    assert any("gives 80 launched, which agrees" in n for n in notes)
