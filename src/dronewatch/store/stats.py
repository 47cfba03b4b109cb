"""Figures per day and per region, summed over incidents (never over raw claims), in SQL.

Each selected incident contributes one figure per measure: its agreed value (verify/values.py)
for the claimant sides asked for, the highest of them when several sides report one (or of
all sides when no side is asked for). Two kinds of incident are not summed, so one night is
not counted twice:

- summaries covering more than two days (a monthly total): the nights they cover are
  incidents of their own (`counted` = 0 in incident_figures);
- the regional parts of a national total when that total's incident is selected too: the
  total already holds them. A part whose total is not selected (a region filter) counts.

`by_day` keys an incident by its last day (a night of 24-25 October is the 25th, the morning
it is reported); `totals` are the sums of `by_day`. `spread` repeats the part of `by_day`
that comes from incidents covering more than one night (its rows carry the first day too),
so a chart can draw those over the nights they cover instead of piling them on the last. `by_region` gives each region of an
incident its figure (an incident over two regions counts in both; the national total, which
has no region, in none), so regions need not add up to the totals.
"""

from __future__ import annotations

from sqlalchemy import Date, Select, and_, cast, func, or_, select

from dronewatch.model import MEASURES
from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.pages import with_span
from dronewatch.store.query import Filters, incidents_select


def _selects_all(f: Filters) -> bool:
    """No filter narrows the incidents."""
    return not (f.since or f.until or f.regions or f.weapons or f.sides or f.flags or f.q)


def _per_incident(f: Filters, selected: Select | None):
    """One row per selected incident (all when `selected` is None) and measure: its figure
    and what it is summed by."""
    fg = S.incident_figures.c
    if f.sides:  # the highest figure among the sides asked for
        stmt = (select(fg.incident_pk, fg.measure, func.max(fg.value).label("value"),
                       func.max(fg.weapon).label("weapon"), func.max(fg.day).label("day"),
                       func.max(fg.counted).label("counted"),
                       func.max(fg.total_pk).label("total_pk"))
                .where(fg.side.in_([s.upper() for s in f.sides]))
                .group_by(fg.incident_pk, fg.measure))
    else:  # the highest of all sides, marked when the figures were written
        stmt = select(fg.incident_pk, fg.measure, fg.value, fg.weapon, fg.day, fg.counted,
                      fg.total_pk).where(fg.top == 1)
    stmt = stmt.where(fg.measure.in_(MEASURES))
    if selected is not None:
        stmt = stmt.where(fg.incident_pk.in_(selected))
    return stmt.subquery("per_incident")


def _region_clause(codes: list[str], column):
    admin = [c.upper() for c in codes if "-" in c]
    parts = [column.in_(admin)] if admin else []
    parts += [column.like(c.upper() + "-%") for c in codes if "-" not in c]
    return or_(*parts)


def stats(store: Store, f: Filters) -> dict:
    """{"by_day": [...], "by_region": [...], "totals": {measure: value}} for the incidents
    matching `f` (see the module docstring for what is summed)."""
    if not _selects_all(f):
        with store.reader() as conn:
            f = with_span(conn, f)
    if _selects_all(f):  # every incident: no IN (...) over the whole table
        p = _per_incident(f, None)
        summed = and_(p.c.counted == 1, p.c.day.is_not(None), p.c.total_pk.is_(None))
    else:
        selected = incidents_select(f).with_only_columns(S.incidents.c.pk)
        p = _per_incident(f, selected)
        summed = and_(p.c.counted == 1, p.c.day.is_not(None),
                      or_(p.c.total_pk.is_(None), p.c.total_pk.not_in(selected)))
    value = func.sum(p.c.value)
    r = S.incident_regions.c
    regional = select(r.admin1, p.c.measure, p.c.weapon, value).join_from(
        p, S.incident_regions, r.incident_pk == p.c.incident_pk).where(p.c.counted == 1)
    if f.regions:
        regional = regional.where(_region_clause(f.regions, r.admin1))
    i = S.incidents.c
    start = i.day_start
    with store.reader() as conn:
        by_day = conn.execute(select(p.c.day, p.c.weapon, p.c.measure, value).where(summed)
                              .group_by(p.c.day, p.c.weapon, p.c.measure)
                              .order_by(p.c.day, p.c.weapon, p.c.measure)).all()
        spread = conn.execute(
            select(start, p.c.day, p.c.weapon, p.c.measure, value)
            .join_from(p, S.incidents, i.pk == p.c.incident_pk)
            .where(summed, start.is_not(None), _more_than_one_night(store, start, p.c.day))
            .group_by(start, p.c.day, p.c.weapon, p.c.measure)
            .order_by(p.c.day, start, p.c.weapon, p.c.measure)).all()
        by_region = conn.execute(regional.group_by(r.admin1, p.c.measure, p.c.weapon)
                                 .order_by(r.admin1, p.c.measure, p.c.weapon)).all()
    totals: dict[str, int] = {}
    for _, _, measure, v in by_day:
        totals[measure] = totals.get(measure, 0) + int(v)
    return {
        "by_day": [{"day": d, "weapon": w, "measure": m, "value": int(v)}
                   for d, w, m, v in by_day],
        "by_region": [{"region": code, **_region_place(code), "measure": m, "weapon": w,
                       "value": int(v)} for code, m, w, v in by_region],
        "spread": [{"start": a, "day": d, "weapon": w, "measure": m, "value": int(v)}
                   for a, d, w, m, v in spread],
        "totals": {m: totals[m] for m in MEASURES if m in totals},
    }


def _more_than_one_night(store: Store, first, last):
    """`last` is more than one day after `first` (ISO dates stored as text)."""
    if store.dialect == "sqlite":
        return func.julianday(last) - func.julianday(first) > 1
    return cast(last, Date) - cast(first, Date) > 1


def _region_place(code: str) -> dict:
    """Name and centre of a region from the gazetteer (None for a code it lacks)."""
    from dronewatch.geo import get_gazetteer

    place = get_gazetteer().region(code)
    if place is None:
        return {"name": None, "lat": None, "lon": None}
    return {"name": place.name, "lat": place.lat, "lon": place.lon}
