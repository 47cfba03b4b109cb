"""Reading the store: claims and incidents by date range, region, weapon, side and flag."""

from __future__ import annotations

from datetime import date, timedelta

from dataclasses import dataclass, field
from typing import Iterator

import orjson
from sqlalchemy import Select, and_, exists, or_, select

from dronewatch.store import schema as S
from dronewatch.store.db import Store

PAGE = 1000


@dataclass
class Filters:
    since: str | None = None   # ISO date: claims whose time range ends on or after it
    until: str | None = None   # ISO date: ... and starts on or before it
    regions: list[str] = field(default_factory=list)  # admin1 codes (RU-BEL) or countries (RU)
    weapons: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)    # claimant side
    flags: list[str] = field(default_factory=list)    # flag kinds
    limit: int | None = None
    q: str | None = None  # text the document (title or body) contains, any case
    # The longest incident in days, when known (store.incidents.span_days): an incident
    # that ends on or after `since` then starts at most this long before it, which gives
    # the date index a lower bound instead of a scan of everything older than `until`.
    incident_span_days: int | None = None


def _dates(stmt: Select, table, f: Filters) -> Select:
    if f.until:
        stmt = stmt.where(table.c.day_start <= f.until[:10])
    if f.since:
        stmt = stmt.where(table.c.day_end >= f.since[:10])
    return stmt


def _region_clause(codes: list[str], claim_pk_col):
    admin = [c.upper() for c in codes if "-" in c]
    countries = [c.upper() for c in codes if "-" not in c]
    parts = []
    if admin:
        r = S.claim_regions.c
        parts.append(exists().where(and_(r.claim_pk == claim_pk_col, r.admin1.in_(admin))))
    if countries:
        c = S.claims.c
        parts.append(exists().where(and_(c.pk == claim_pk_col, c.country.in_(countries))))
    return or_(*parts)


def _text_clause(q: str, document_pk_col):
    d = S.documents.c
    return exists().where(and_(d.pk == document_pk_col,
                               or_(d.text.icontains(q, autoescape=True),
                                   d.title.icontains(q, autoescape=True))))


def claims_select(f: Filters) -> Select:
    c = S.claims.c
    stmt = _dates(select(c.pk, c.record), S.claims, f)
    if f.weapons:
        stmt = stmt.where(c.weapon.in_([w.lower() for w in f.weapons]))
    if f.sides:
        stmt = stmt.where(c.claimant_side.in_([s.upper() for s in f.sides]))
    if f.regions:
        stmt = stmt.where(_region_clause(f.regions, c.pk))
    if f.flags:
        fl, ic = S.flags.c, S.incident_claims.c
        on_claim = exists().where(and_(fl.claim_pk == c.pk, fl.kind.in_(f.flags)))
        on_incident = exists().where(and_(ic.claim_pk == c.pk, fl.incident_pk == ic.incident_pk,
                                          fl.claim_pk.is_(None), fl.kind.in_(f.flags)))
        stmt = stmt.where(or_(on_claim, on_incident))
    if f.q:
        stmt = stmt.where(_text_clause(f.q, c.document_pk))
    return stmt


def _keyset_pages(store: Store, stmt: Select, pk, limit: int | None) -> Iterator[list]:
    """`stmt`'s rows in pages of PAGE ordered by primary key (`limit` rows at most), each
    page read with a connection of its own, so memory stays flat and no read holds the
    store while the caller works."""
    last, n = 0, 0
    while True:
        page = PAGE if limit is None else min(PAGE, limit - n)
        if page <= 0:
            return
        with store.reader() as conn:
            rows = conn.execute(stmt.where(pk > last).order_by(pk).limit(page)).all()
        if not rows:
            return
        yield rows
        n += len(rows)
        last = rows[-1][0]


def iter_claims(store: Store, f: Filters) -> Iterator[bytes]:
    """The matching claim records (JSON bytes, exactly as `extract` writes them), in
    ingestion order, paged by primary key so memory stays flat."""
    for rows in _keyset_pages(store, claims_select(f), S.claims.c.pk, f.limit):
        for pk, record in rows:
            yield record.encode()


def incidents_select(f: Filters) -> Select:
    i = S.incidents.c
    stmt = _dates(select(i.pk, i.record), S.incidents, f)
    ic = S.incident_claims.c
    if f.since and f.until and f.incident_span_days is not None:  # (no start: no `until` match)
        try:
            lower = date.fromisoformat(f.since[:10]) - timedelta(days=f.incident_span_days)
        except OverflowError:  # a window starting near year 1: no lower bound to add
            lower = None
        if lower is not None:
            stmt = stmt.where(i.day_start >= lower.isoformat())
    if f.weapons:
        stmt = stmt.where(i.weapon.in_([w.lower() for w in f.weapons]))
    if f.regions:
        stmt = stmt.where(exists().where(and_(ic.incident_pk == i.pk,
                                              _region_clause(f.regions, ic.claim_pk))))
    if f.sides:
        c = S.claims.c
        stmt = stmt.where(exists().where(and_(ic.incident_pk == i.pk, c.pk == ic.claim_pk,
                                              c.claimant_side.in_([s.upper() for s in f.sides]))))
    if f.flags:
        fl = S.flags.c
        stmt = stmt.where(exists().where(and_(fl.incident_pk == i.pk, fl.kind.in_(f.flags))))
    if f.q:
        c = S.claims.c
        stmt = stmt.where(exists().where(and_(ic.incident_pk == i.pk, c.pk == ic.claim_pk,
                                              _text_clause(f.q, c.document_pk))))
    return stmt


def iter_incidents(store: Store, f: Filters) -> Iterator[dict]:
    """The matching incidents as dicts (Incident.to_dict shape: claims are full records)."""
    i, c, ic = S.incidents.c, S.claims.c, S.incident_claims.c
    for rows in _keyset_pages(store, incidents_select(f), i.pk, f.limit):
        pks = [r[0] for r in rows]
        records: dict[int, dict[str, bytes]] = {}
        with store.reader() as conn:
            for ipk, cid, rec in conn.execute(
                    select(ic.incident_pk, c.claim_id, c.record).join_from(
                        S.incident_claims, S.claims, ic.claim_pk == c.pk)
                    .where(ic.incident_pk.in_(pks))):
                records.setdefault(ipk, {})[cid] = rec
        for pk, raw in rows:
            d = orjson.loads(raw)
            mine = records.get(pk, {})
            ids = d.pop("claim_ids", [])
            d["claims"] = [orjson.loads(mine[x]) for x in ids if x in mine]
            yield {k: d[k] for k in ("id", "weapon", "location", "when", "documents", "claims",
                                     "values", "flags") if k in d} | \
                {k: v for k, v in d.items() if k not in ("id", "weapon", "location", "when",
                                                         "documents", "claims", "values", "flags")}
