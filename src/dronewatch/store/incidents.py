"""Incidents and flags in the store, built by `dronewatch.verify` when it is available.

The seam: `verify.group_incidents(claims, documents) -> list[Incident]` and
`verify.near_duplicates(documents) -> {doc_id: group doc_id}`, looked up at run time. The
rebuild covers all stored claims in one transaction, grouped a block of days at a time
(`verify.partitioned`), so memory holds one block of claims, not the store; near-duplicate
and source groups (one small entry per document) stay global. See docs/scale.md.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta
from typing import Any, Callable, Iterator

import orjson
from sqlalchemy import Connection, Date, cast, delete, func, insert, select, update

from dronewatch.model import Claim, Document
from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.write import DIRTY, get_meta, set_meta
from dronewatch.store.write import chunks as _chunks


def verify_function(name: str) -> Callable | None:
    """`dronewatch.verify.<name>` if the verify stage provides it, else None."""
    try:
        module = importlib.import_module("dronewatch.verify")
    except ImportError:
        return None
    fn = getattr(module, name, None)
    return fn if callable(fn) else None


def available() -> bool:
    return verify_function("group_incidents") is not None


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def rebuild(store: Store, block_days: int | None = None) -> int | None:
    """Recompute near-duplicate groups, incidents and flags from everything stored, in one
    transaction; clears the dirty mark. Returns the number of incidents (None without verify).
    Claims are grouped a block of `block_days` days at a time (verify/partitioned.py): the
    same incidents as grouping them all at once, with one block of claims in memory."""
    group = verify_function("group_incidents")
    near = verify_function("near_duplicates")
    if group is None and near is None:
        return None
    with store.writer() as conn:
        duplicates = _store_near_duplicates(conn, near) if near is not None else {}
        if group is None:
            return None  # keep the dirty mark: incidents are built once verify provides them
        from dronewatch.verify.duplicates import source_groups
        from dronewatch.verify.partitioned import BLOCK_DAYS, group_block

        documents = _documents_without_text(conn)
        sources = source_groups(documents.values(), duplicates)
        for table in (S.flags, S.incident_claims, S.incidents):
            conn.execute(delete(table))
        writer = _IncidentWriter(conn)
        total_roots: dict[str, str] = {}
        from dronewatch.store.reference import load_readings
        from dronewatch.verify.reference import compare_with_reference

        reference = load_readings(conn)
        for claims, pks, core in partitions(conn, block_days or BLOCK_DAYS):
            built = group_block(claims, _with_list_texts(conn, documents, claims), duplicates,
                                sources, core, total_roots=total_roots)
            compare_with_reference(built, reference)
            writer.write(built, {c.id: pk for c, pk in zip(claims, pks)})
        writer.finish()
        from dronewatch.store.figures import refresh  # the API's statistics tables

        refresh(conn)
        i = S.incidents.c
        days = (func.julianday(i.day_end) - func.julianday(i.day_start)
                if conn.dialect.name == "sqlite" else cast(i.day_end, Date) - cast(i.day_start, Date))
        span = conn.execute(select(func.max(days))).scalar()
        set_meta(conn, SPAN, None if span is None else str(int(span)))
        set_meta(conn, DIRTY, None)
        return writer.count


SPAN = "incident_span_days"


def span_days(conn: Connection) -> int | None:
    """The longest stored incident, in days (None before the first rebuild)."""
    value = get_meta(conn, SPAN)
    return None if value is None else int(value)


def _store_near_duplicates(conn: Connection, near: Callable) -> dict[str, str]:
    """Near-duplicate groups of all stored documents, their texts streamed (only the
    signatures stay in memory); `documents.dup_group` set to each group's first pk."""
    d = S.documents.c
    # yield_per on the statement: on the connection it would stay set and make every later
    # statement (the UPDATEs below) a server-side cursor, which PostgreSQL refuses
    texts = conn.execute(select(d.doc_id, d.text).order_by(d.pk)
                         .execution_options(yield_per=1000))
    groups = near(Document(id=doc_id, text=text) for doc_id, text in texts)
    pk_of = dict(conn.execute(select(d.doc_id, d.pk)).all())
    conn.execute(update(S.documents).values(dup_group=None))
    by_group: dict[int, list[int]] = {}
    for doc_id, group_id in groups.items():
        if doc_id != group_id and doc_id in pk_of and group_id in pk_of:
            by_group.setdefault(pk_of[group_id], []).append(pk_of[doc_id])
    for gpk, members in by_group.items():
        conn.execute(update(S.documents).where(d.pk.in_(members + [gpk])).values(dup_group=gpk))
    return groups


def _documents_without_text(conn: Connection) -> dict[str, Document]:
    """What the flags need of every document: its id and outlet (source groups, names)."""
    d = S.documents.c
    return {doc_id: Document(id=doc_id, text="", outlet=outlet)
            for doc_id, outlet in conn.execute(select(d.doc_id, d.outlet).order_by(d.pk))}


def _with_list_texts(conn: Connection, documents: dict[str, Document], claims: list[Claim]):
    """`documents`, with the text of those giving regional parts in this block: whether a
    list is presented as complete is read from it (verify/breakdowns.py)."""
    from collections import ChainMap


    ids = sorted({c.doc_id for c in claims if c.part_of})
    d = S.documents.c
    texts = {doc_id: Document(id=doc_id, text=text, outlet=outlet)
             for chunk in _chunks(ids)
             for doc_id, outlet, text in conn.execute(select(d.doc_id, d.outlet, d.text)
                                                      .where(d.doc_id.in_(chunk)))}
    return ChainMap(texts, documents) if texts else documents


# --------------------------------------------------------------------------- partitions

def _shift(day: date, days: int) -> str:
    return (day + timedelta(days=days)).isoformat()


def _claims(conn: Connection, where) -> list[tuple[tuple[int, int], int, Claim]]:
    c = S.claims.c
    return [((r.document_pk, r.ord), r.pk, Claim.from_dict(orjson.loads(r.record)))
            for r in conn.execute(select(c.pk, c.document_pk, c.ord, c.record).where(where))]


def _with_families(conn: Connection, rows: list) -> list:
    """`rows` and every total and regional part of their documents (families stay in one
    document), in the global order (document, position)."""

    c = S.claims.c
    have = {pk for _, pk, _ in rows}
    docs = sorted({key[0] for key, _, _ in rows})
    for chunk in _chunks(docs):
        parts = _claims(conn, c.document_pk.in_(chunk) & c.part_of.is_not(None))
        totals = sorted({claim.part_of for _, _, claim in parts})
        found = parts + [r for t in _chunks(totals)
                         for r in _claims(conn, c.document_pk.in_(chunk) & c.claim_id.in_(t))]
        for row in found:
            if row[1] not in have:
                have.add(row[1])
                rows.append(row)
    rows.sort(key=lambda r: r[0])
    return rows


def partitions(conn: Connection, block_days: int) -> Iterator[tuple[list[Claim], list[int], Any]]:
    """(claims, their pks, core) per block of days, then (..., None) for the undated claims:
    what `verify.partitioned.group_block` takes, read from the claims table a block at a time
    (the days of `day_start` / `day_end`, indexed)."""
    from dronewatch.verify.blocking import anchor, parse_day
    from dronewatch.verify.partitioned import HALO_DAYS, blocks, partition_day

    c = S.claims.c
    seen = [day for (d,) in conn.execute(select(func.coalesce(c.day_start, c.day_end))
                                         .distinct()) if (day := parse_day(d)) is not None]
    undated_pks: set[int] = set()
    for lo, hi in blocks([d + timedelta(days=k) for d in seen for k in (0, 1)], block_days):
        first, last = lo - timedelta(days=HALO_DAYS), hi + timedelta(days=HALO_DAYS)
        rows = []
        for row in _claims(conn, c.day_start.between(_shift(first, -1), last.isoformat())
                           | (c.day_start.is_(None)
                              & c.day_end.between(first.isoformat(), last.isoformat()))):
            day = partition_day(anchor(row[2]))
            if day is None:
                undated_pks.add(row[1])  # a date the store kept but that does not parse
            elif first <= day <= last:
                rows.append(row)
        if rows:
            rows = _with_families(conn, rows)
            yield [r[2] for r in rows], [r[1] for r in rows], (lo, hi)
    undated = _claims(conn, c.day_start.is_(None) & c.day_end.is_(None))
    have = {pk for _, pk, _ in undated}

    for chunk in _chunks(sorted(undated_pks - have)):
        undated += _claims(conn, c.pk.in_(chunk))
    if undated:
        rows = _with_families(conn, undated)
        yield [r[2] for r in rows], [r[1] for r in rows], None


class _IncidentWriter:
    """Incident, link and flag rows of each block, inserted as the blocks come."""

    def __init__(self, conn: Connection):
        self.conn, self.count = conn, 0
        self.used: set[str] = set()

    def write(self, incidents: list, claim_pk: dict[str, int]) -> None:
        conn = self.conn
        rows = []
        for inc in incidents:
            record = inc.to_dict()
            record.pop("claims", None)
            record["claim_ids"] = [c.id for c in inc.claims]
            iid = inc.id
            n = 1
            while iid in self.used:  # verify promised unique ids; never fail the rebuild on it
                n += 1
                iid = f"{inc.id}-{n}"
            self.used.add(iid)
            record["id"] = iid
            loc, when = inc.location, inc.when
            rows.append(dict(
                incident_id=iid, weapon=inc.weapon, country=loc.country,
                admin1=";".join(loc.admin1) or None, water_body=loc.water_body,
                when_start=when.start, when_end=when.end, day_start=_day(when.start),
                day_end=_day(when.end) or _day(when.start),
                n_documents=len(inc.documents), n_claims=len(inc.claims),
                record=orjson.dumps(record).decode()))
        if not rows:
            return
        # one multi-row INSERT ... RETURNING per block, the keys in the order of the rows
        pks = conn.execute(insert(S.incidents).returning(S.incidents.c.pk, sort_by_parameter_order=True),
                           rows).scalars().all()
        links, flag_rows = [], []
        for inc, pk in zip(incidents, pks):
            for cpk in dict.fromkeys(claim_pk[c.id] for c in inc.claims if c.id in claim_pk):
                links.append({"incident_pk": pk, "claim_pk": cpk})
            for f in inc.flags:
                flag_rows.append({"kind": f.kind, "message": f.message, "incident_pk": pk,
                                  "claim_pk": claim_pk.get(f.claim_id) if f.claim_id else None})
        if links:
            conn.execute(insert(S.incident_claims), links)
        if flag_rows:
            conn.execute(insert(S.flags), flag_rows)
        self.count += len(incidents)

    def finish(self) -> None:
        self.used.clear()


def rebuild_if_dirty(store: Store) -> int | None:
    """`rebuild` when claims changed since the last one (or it was interrupted)."""
    if not available() and verify_function("near_duplicates") is None:
        return None
    with store.reader() as conn:
        dirty = get_meta(conn, DIRTY) is not None
        count = conn.execute(select(func.count()).select_from(S.incidents)).scalar_one()
    if dirty:
        return rebuild(store)
    return count if available() else None
