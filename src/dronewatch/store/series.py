"""The night series: one point per night, the national figure each side claims and the
reference table's figure, from stored incidents (never raw claims).

A night is keyed by its last day (the night of 24-25 October is the 25th). Per night and
claimant side the point holds the sum, over the selected weapons, of the side's agreed
figure (verify/values.py) of each **national** incident (no region, no sea): a regional
figure is never added to its total, and each claim belongs to one incident, so none is
counted twice. With `regions`, the incidents covering those regions are summed instead
(then a national total is not among them). Summaries longer than two days (a weekly
total) are left out: their nights are incidents of their own. The reference figure
(verify/reference.py) is the imported table's figure for the night and selected weapons,
for launched and intercepted, national series only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.stats import _region_clause

SERIES_MEASURES = ("launched", "intercepted", "hit", "killed", "injured")
REFERENCE_WEAPONS = ("drone", "missile")


@dataclass(slots=True)
class SeriesQuery:
    measure: str = "intercepted"
    weapons: list[str] = field(default_factory=list)  # none: every weapon
    sides: list[str] = field(default_factory=list)  # none: every side
    regions: list[str] = field(default_factory=list)  # none: national figures
    since: str | None = None
    until: str | None = None


def series(store: Store, q: SeriesQuery) -> dict:
    """{"measure", "weapons", "regions", "sides": [...], "reference_table": name or None,
    "nights": [{"night", "claims": {side: value}, "reference": value or None}]}."""
    fg, inc = S.incident_figures.c, S.incidents.c
    stmt = (select(fg.day, fg.side, func.sum(fg.value))
            .where(fg.measure == q.measure, fg.counted == 1, fg.day.is_not(None),
                   fg.side != "unknown"))
    if q.regions:
        r = S.incident_regions.c
        covering = select(r.incident_pk).where(_region_clause(q.regions, r.admin1)).distinct()
        stmt = stmt.where(fg.incident_pk.in_(covering))
    else:
        stmt = stmt.join(S.incidents, inc.pk == fg.incident_pk).where(
            inc.admin1.is_(None), inc.water_body.is_(None))
    if q.weapons:
        stmt = stmt.where(fg.weapon.in_(q.weapons))
    if q.sides:
        stmt = stmt.where(fg.side.in_([s.upper() for s in q.sides]))
    if q.since:
        stmt = stmt.where(fg.day >= q.since)
    if q.until:
        stmt = stmt.where(fg.day <= q.until)
    points: dict[str, dict] = {}
    with store.reader() as conn:
        for day, side, value in conn.execute(stmt.group_by(fg.day, fg.side)):
            points.setdefault(day, {})[side] = int(value)
        # without a date range, the reference covers the nights the claims cover
        since, until = q.since or min(points, default=None), q.until or max(points, default=None)
        reference, table = _reference(conn, q, since, until) if since and until else ({}, None)
    nights = sorted(set(points) | set(reference))
    return {
        "measure": q.measure, "weapons": q.weapons, "regions": q.regions,
        "sides": sorted({s for p in points.values() for s in p}),
        "reference_table": table,
        "nights": [{"night": n, "claims": points.get(n, {}), "reference": reference.get(n)}
                   for n in nights],
    }


def _reference(conn, q: SeriesQuery, since: str, until: str) -> tuple[dict[str, int], str | None]:
    """{night: the table's figure} for the selected weapons (national, launched or
    intercepted only), and the table's name."""
    from dronewatch.store.reference import load_readings

    weapons = [w for w in (q.weapons or REFERENCE_WEAPONS) if w in REFERENCE_WEAPONS]
    if q.regions or q.measure not in ("launched", "intercepted") or not weapons:
        return {}, None
    out: dict[str, int] = {}
    table = None
    for (night, weapon), reading in load_readings(conn, since, until).items():
        if weapon in weapons and q.measure in reading.value:
            out[night] = out.get(night, 0) + reading.value[q.measure]
            table = table or reading.table
    return out, table
