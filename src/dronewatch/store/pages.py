"""Pages of claims and incidents for the API: sorted by date, walked with opaque cursors,
and one incident with its claims and documents.

A cursor is the (day, pk) of the last row of the page, so the next page starts right after
it whatever was stored meanwhile: a walk returns every row that existed throughout exactly
once. Undated rows sort as '' (first for `date`, last for `-date`); the expression indexes
of migration 0003 serve both orders.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, replace
from typing import Any, Sequence

import orjson
from sqlalchemy import Connection, Select, func, literal_column, select, tuple_

from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.query import Filters, claims_select, incidents_select

SORTS = ("date", "-date")
_CURSOR_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})?")
INCIDENT_KEYS = ("id", "weapon", "location", "when", "values", "flags", "documents")


class CursorError(ValueError):
    """A cursor this store did not hand out (or for another sort order)."""


@dataclass(slots=True)
class Page:
    items: list[Any]          # dicts, or JSON bytes for claims (records kept verbatim)
    next_cursor: str | None


def sort_day(table):
    return func.coalesce(table.c.day_start, literal_column("''"))


def encode_cursor(sort: str, day: str, pk: int) -> str:
    raw = orjson.dumps([sort, day, pk])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, day, pk = orjson.loads(raw)
    except (ValueError, TypeError, orjson.JSONDecodeError):
        raise CursorError("not a cursor from this API (use next_cursor as given)") from None
    if not (isinstance(day, str) and _CURSOR_DAY.fullmatch(day) and isinstance(pk, int)
            and not isinstance(pk, bool) and 0 <= pk < 2 ** 63):
        raise CursorError("not a cursor from this API (use next_cursor as given)")
    if got_sort != sort:
        raise CursorError(f"the cursor belongs to sort={got_sort}, not sort={sort}")
    return day, pk


def _ordered(stmt: Select, table, sort: str, limit: int, cursor: str | None) -> Select:
    """`stmt` ordered by (day, pk), after the cursor, one row more than a page (to know
    whether another page follows)."""
    key, pk = sort_day(table), table.c.pk
    if cursor:
        day, last = decode_cursor(cursor, sort)
        after = tuple_(key, pk) > tuple_(day, last) if sort == "date" else \
            tuple_(key, pk) < tuple_(day, last)
        stmt = stmt.where(after)
    order = (key, pk) if sort == "date" else (key.desc(), pk.desc())
    return stmt.add_columns(key).order_by(*order).limit(limit + 1)


def _page(rows: Sequence, sort: str, limit: int) -> tuple[Sequence, str | None]:
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode_cursor(sort, last[-1], last[0])


def page_claims(store: Store, f: Filters, *, sort: str = "date", limit: int = 100,
                cursor: str | None = None) -> Page:
    """Claim records (JSON bytes as stored, with `incident_id` added), one page."""
    c, ic, i = S.claims.c, S.incident_claims.c, S.incidents.c
    stmt = claims_select(f).add_columns(i.incident_id).select_from(
        S.claims.outerjoin(S.incident_claims, ic.claim_pk == c.pk)
        .outerjoin(S.incidents, i.pk == ic.incident_pk))
    with store.reader() as conn:
        rows = conn.execute(_ordered(stmt, S.claims, sort, limit, cursor)).all()
    rows, nxt = _page(rows, sort, limit)
    return Page([with_incident_id(r[1], r[2]) for r in rows], nxt)


def with_incident_id(record: str, incident_id: str | None) -> bytes:
    """The stored record with `"incident_id": ...` appended, without re-encoding it."""
    body = record.rstrip()
    if not body.endswith("}"):  # never written so; re-encode rather than emit bad JSON
        return orjson.dumps(orjson.loads(record) | {"incident_id": incident_id})
    return (body[:-1] + ',"incident_id":').encode() + orjson.dumps(incident_id) + b"}"


def incident_summary(raw: str, n_claims: int, n_documents: int) -> dict:
    """The list shape of a stored incident record (no claim bodies)."""
    d = orjson.loads(raw)
    out = {k: d.get(k) for k in INCIDENT_KEYS}
    out["flags"] = [{"kind": fl.get("kind"), "message": fl.get("message"),
                     "claim_id": fl.get("claim_id")} for fl in d.get("flags") or []]
    out["values"] = out["values"] or {}
    out["documents"] = out["documents"] or []
    out["n_claims"] = n_claims
    out["n_documents"] = n_documents
    return out


def with_span(conn: Connection, f: Filters) -> Filters:
    """`f` with the store's longest incident span, which bounds a date window's search."""
    from dronewatch.store.incidents import span_days

    return replace(f, incident_span_days=span_days(conn)) if f.since and f.until else f


def page_incidents(store: Store, f: Filters, *, sort: str = "date", limit: int = 100,
                   cursor: str | None = None) -> Page:
    i = S.incidents.c
    with store.reader() as conn:
        stmt = incidents_select(with_span(conn, f)).add_columns(i.n_claims, i.n_documents)
        rows = conn.execute(_ordered(stmt, S.incidents, sort, limit, cursor)).all()
    rows, nxt = _page(rows, sort, limit)
    return Page([incident_summary(r[1], r[2], r[3]) for r in rows], nxt)


def documents_by_ids(conn: Connection, ids: Sequence[str]) -> list[dict]:
    """Documents in the order of `ids` (unknown ids left out)."""
    d = S.documents.c
    found = {r.doc_id: {"id": r.doc_id, "url": r.url, "title": r.title, "outlet": r.outlet,
                        "published": r.published, "text": r.text}
             for r in conn.execute(select(d.doc_id, d.url, d.title, d.outlet, d.published,
                                          d.text).where(d.doc_id.in_(list(ids))))}
    return [found[x] for x in ids if x in found]


def incident_detail(store: Store, incident_id: str) -> dict | None:
    """One incident with its claims (full records; each evidence span with its `text`) and
    its documents; None when unknown."""
    i, c, ic = S.incidents.c, S.claims.c, S.incident_claims.c
    with store.reader() as conn:
        row = conn.execute(select(i.pk, i.record, i.n_claims, i.n_documents)
                           .where(i.incident_id == incident_id)).first()
        if row is None:
            return None
        out = incident_summary(row.record, row.n_claims, row.n_documents)
        claim_ids = orjson.loads(row.record).get("claim_ids") or []
        records = {cid: orjson.loads(rec) for cid, rec in conn.execute(
            select(c.claim_id, c.record).join_from(S.incident_claims, S.claims,
                                                   ic.claim_pk == c.pk)
            .where(ic.incident_pk == row.pk))}
        documents = documents_by_ids(conn, out["documents"])
    texts = {d["id"]: d["text"] for d in documents}
    claims = [records[x] for x in claim_ids if x in records]
    claims += [r for x, r in records.items() if x not in set(claim_ids)]
    for claim in claims:
        text = texts.get(claim.get("doc_id"), "")
        for ev in claim.get("evidence") or []:
            ev["text"] = text[ev["start"]:ev["end"]]
    out["claims"] = claims
    out["documents"] = documents
    return out


def store_counts(store: Store) -> dict[str, int]:
    with store.reader() as conn:
        return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in (("documents", S.documents), ("claims", S.claims),
                                ("incidents", S.incidents))}
