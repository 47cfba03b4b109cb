"""Reference tables: `dronewatch reference import`, and incidents compared with it.

The table is a small piterfm-format CSV and the claims are built from sentences written for
these tests and stored directly (night_store.py), so what is tested is the import and the
comparison, not the extractor's reading.
"""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.export.acled import write_acled
from dronewatch.model import Incident, Location, TimeSpan
from dronewatch.store import Filters, iter_incidents, open_store
from dronewatch.store import schema as S

from night_store import TABLE, store_reports, write_table


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
    national = {(d["documents"][0], d["weapon"]): d for d in incidents(db_url)
                if not d["location"].get("admin1")}

    agreed = national[("af15", "drone")]["values"]
    assert agreed["launched"]["UA"]["reference"] == {
        "table": "piterfm", "value": 80, "readings": [80], "rows": [2], "verdict": "reference_agrees"}
    assert agreed["intercepted"]["UA"]["reference"]["verdict"] == "reference_agrees"
    assert "reference_mismatch" not in [f["kind"] for f in national[("af15", "drone")]["flags"]]
    # the ministry's figures are the Russian side's: never compared with this table
    assert "reference" not in national[("mod15", "drone")]["values"]["intercepted"]["RU"]

    second = national[("af16", "drone")]
    assert second["values"]["launched"]["UA"]["reference"]["verdict"] == "reference_mismatch"
    # 75 downed: the table's 70 destroyed plus 5 that did not reach their targets
    assert second["values"]["intercepted"]["UA"]["reference"]["verdict"] == "reference_agrees"
    [flag] = [f for f in second["flags"] if f["kind"] == "reference_mismatch"]
    assert "says 95 drones launched in the night to 2025-06-16" in flag["message"]
    assert "piterfm table says 90" in flag["message"] and "row 4 (Shahed-136/131" in flag["message"]
    # the reconnaissance drone row (line 5) is kept but never compared
    assert "row 5" not in flag["message"]
    # missiles are compared with the missile rows: 4 downed against the table's 2
    [missile] = [f for f in national[("af15", "missile")]["flags"] if f["kind"] == "reference_mismatch"]
    assert "says 4 missiles intercepted" in missile["message"] and "table says 2 (row 3 (Iskander-M" in missile["message"]

    flagged = incidents(db_url, flags=["reference_mismatch"])
    assert sorted((d["documents"], d["weapon"]) for d in flagged) == [
        (["af15"], "missile"), (["af16", "wire16"], "drone")]


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
    assert [d["weapon"] for d in incidents(db_url, flags=["reference_mismatch"])] == ["missile"]


def test_a_bad_row_is_one_line_and_the_rest_is_imported(sqlite_url, tmp_path):
    store_reports(sqlite_url)
    path = write_table(tmp_path / "table.csv", extra_lines="yesterday,sometime,Shahed-136/131,5,5,,x\n")
    result = import_table(path, sqlite_url)
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if "row skipped" in ln]
    assert f"{path}:{len(TABLE) + 2}: row skipped" in line
    assert len(incidents(sqlite_url, flags=["reference_mismatch"])) == 2


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


def test_only_a_nights_figure_is_compared_not_a_weekly_total():
    from dronewatch.verify.reference import ReferenceRow, compare_with_reference, readings

    table = readings([ReferenceRow(table="piterfm", row_no=2, night="2025-06-15", model="Shahed-136/131",
                                   weapon="drone", kind="attack_drone", launched=80, destroyed=60)])

    def ukrainian(start: str, precision: str) -> Incident:
        figure = {"value": 500, "qualifier": "exact", "figures": [
            {"value": 500, "qualifier": "exact", "doc_ids": ["a"]}]}
        return Incident(id=precision, weapon="drone", location=Location(country="UA"),
                        when=TimeSpan(start, "2025-06-15", precision), values={"launched": {"UA": figure}})

    week, night = ukrainian("2025-06-09", "week"), ukrainian("2025-06-14", "night")
    compare_with_reference([week, night], table)
    assert "reference" not in week.values["launched"]["UA"] and week.flags == []
    assert night.values["launched"]["UA"]["reference"]["verdict"] == "reference_mismatch"
    assert [f.kind for f in night.flags] == ["reference_mismatch"]
