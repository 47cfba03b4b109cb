"""Reference tables in the store: `dronewatch reference import FILE [--format piterfm]`.

A table is read whole, then replaces the stored rows of the same table name in one
transaction (a re-import never duplicates), and incidents are marked for a rebuild, which
compares them with it (verify/reference.py). A row that cannot be read is one line in
`problems` naming the file, the line and the reason; the other rows are imported.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select

from dronewatch.store import schema as S
from dronewatch.store.write import DIRTY, set_meta
from dronewatch.verify.reference import ReferenceRow, Reading, readings, weapon_of

PITERFM_COLUMNS = ("time_start", "time_end", "model", "launched", "destroyed")


def _count(value: str | None) -> int | None:
    """"93.0" -> 93; empty -> None (not coded, never 0)."""
    if value is None or not value.strip() or value.strip().lower() == "nan":
        return None
    n = float(value)
    if n < 0 or n != int(n):
        raise ValueError(f"'{value}' is not a count")
    return int(n)


def read_piterfm(path: Path, problems: Callable[[str], None], table: str = "piterfm") -> list[ReferenceRow]:
    """The rows of a piterfm "Massive Missile Attacks on Ukraine" CSV (time_start, time_end,
    model, launched, destroyed, not_reach_goal, source, ...)."""
    rows: list[ReferenceRow] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in PITERFM_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            problems(f"{path}: not a piterfm table (no column {', '.join(missing)})")
            return rows
        for r in reader:
            line = reader.line_num
            try:
                end = (r["time_end"] or r["time_start"] or "").strip()
                night = date.fromisoformat(end[:10]).isoformat()
                model = (r["model"] or "").strip()
                if not model:
                    raise ValueError("no model")
                weapon, kind = weapon_of(model)
                rows.append(ReferenceRow(
                    table=table, row_no=line, night=night, model=model, weapon=weapon, kind=kind,
                    launched=_count(r["launched"]), destroyed=_count(r["destroyed"]),
                    not_reached=_count(r.get("not_reach_goal")), time_start=r["time_start"] or None,
                    time_end=r["time_end"] or None, source=r.get("source") or None))
            except (ValueError, TypeError) as exc:
                problems(f"{path}:{line}: row skipped: {exc}")
    return rows


FORMATS = {"piterfm": read_piterfm}


def replace_table(conn: Connection, table: str, rows: list[ReferenceRow]) -> None:
    """The stored rows of `table` become `rows`; incidents are marked for a rebuild."""
    conn.execute(delete(S.reference_rows).where(S.reference_rows.c.table_name == table))
    if rows:
        conn.execute(insert(S.reference_rows), [dict(
            table_name=r.table, row_no=r.row_no, night=r.night, time_start=r.time_start,
            time_end=r.time_end, model=r.model, weapon=r.weapon, kind=r.kind,
            launched=r.launched, destroyed=r.destroyed, not_reached=r.not_reached,
            source=r.source) for r in rows])
    set_meta(conn, DIRTY, "1")


def load_readings(conn: Connection, since: str | None = None,
                  until: str | None = None) -> dict[tuple[str, str], Reading]:
    """Every stored table's readings per (night, weapon), of the nights from `since` to
    `until` (all by default): a few per night, all in memory."""
    t = S.reference_rows.c
    stmt = select(S.reference_rows).order_by(t.table_name, t.row_no)
    if since:
        stmt = stmt.where(t.night >= since)
    if until:
        stmt = stmt.where(t.night <= until)
    rows = [ReferenceRow(table=r.table_name, row_no=r.row_no, night=r.night, model=r.model,
                         weapon=r.weapon, kind=r.kind, launched=r.launched, destroyed=r.destroyed,
                         not_reached=r.not_reached, time_start=r.time_start, time_end=r.time_end,
                         source=r.source)
            for r in conn.execute(stmt)]
    return readings(rows)
