"""The incidents' figures and regions as rows (incident_figures, incident_regions), derived
from the incidents table so the API's statistics are GROUP BY queries.

`refresh(conn)` rewrites both tables from the stored incidents and gives the incidents a new
version (meta `incidents_version`), which is what the API's response cache is keyed on. The
incident rebuild calls it in its own transaction, so readers never see figures of other
incidents than those stored; `ensure_fresh(store)` fills them once for a store migrated
from schema 2, whose incidents were built before these tables existed.
"""

from __future__ import annotations

import uuid
from datetime import date

import orjson
from sqlalchemy import Connection, and_, delete, insert, select

from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.write import get_meta, set_meta

VERSION = "incidents_version"
STALE = "incident_figures_stale"
SUMMARY_DAYS = 2  # an incident covering more days than this is a summary, not summed


def _span_days(start: str | None, end: str | None) -> int:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except (TypeError, ValueError):
        return 0


def _totals(conn: Connection) -> dict[int, int]:
    """{incident pk: pk of the incident holding the national total it is a part of}."""
    part, total = S.claims.alias("part"), S.claims.alias("total")
    ip, it = S.incident_claims.alias("ip"), S.incident_claims.alias("it")
    rows = conn.execute(
        select(ip.c.incident_pk, it.c.incident_pk)
        .select_from(part.join(total, total.c.claim_id == part.c.part_of)
                     .join(ip, ip.c.claim_pk == part.c.pk).join(it, it.c.claim_pk == total.c.pk))
        .where(and_(part.c.part_of.is_not(None), ip.c.incident_pk != it.c.incident_pk))
        .order_by(ip.c.incident_pk, it.c.incident_pk))
    out: dict[int, int] = {}
    for pk, total_pk in rows:
        out.setdefault(pk, total_pk)
    return out


def refresh(conn: Connection) -> int:
    """Rewrite incident_figures and incident_regions from `incidents`; returns the number
    of figure rows. Call inside the transaction that wrote the incidents."""
    conn.execute(delete(S.incident_figures))
    conn.execute(delete(S.incident_regions))
    totals = _totals(conn)
    i = S.incidents.c
    figures, regions = [], []
    for pk, weapon, day_start, day_end, raw in conn.execute(
            select(i.pk, i.weapon, i.day_start, i.day_end, i.record)):
        record = orjson.loads(raw)
        counted = int(_span_days(day_start, day_end) <= SUMMARY_DAYS)
        for measure, by_side in (record.get("values") or {}).items():
            rows = []
            for side, v in sorted((by_side or {}).items()):
                value = v.get("value") if isinstance(v, dict) else v
                if isinstance(value, int):
                    rows.append({"incident_pk": pk, "measure": measure, "side": side[:8],
                                 "value": value, "weapon": weapon or "unknown",
                                 "day": day_end or day_start, "counted": counted,
                                 "total_pk": totals.get(pk), "top": 0})
            if rows:
                max(rows, key=lambda r: r["value"])["top"] = 1  # first of the highest
                figures += rows
        for code in dict.fromkeys(((record.get("location") or {}).get("admin1")) or []):
            regions.append({"incident_pk": pk, "admin1": code})
    if figures:
        conn.execute(insert(S.incident_figures), figures)
    if regions:
        conn.execute(insert(S.incident_regions), regions)
    set_meta(conn, STALE, None)
    set_meta(conn, VERSION, uuid.uuid4().hex)
    return len(figures)


def version(conn: Connection) -> str:
    """Changes whenever the incidents (and so every statistic) change."""
    return get_meta(conn, VERSION) or ""


def ensure_fresh(store: Store) -> bool:
    """Fill the tables if a migration left them stale; True when it did."""
    with store.reader() as conn:
        stale = get_meta(conn, STALE) is not None
    if not stale:
        return False
    with store.writer() as conn:
        if get_meta(conn, STALE) is None:  # another process did it meanwhile
            return False
        refresh(conn)
    return True
