"""Rows in: documents with their claims (one batch = one transaction), claim replacement
for `reprocess`, and the content digest that proves two stores hold the same thing."""

from __future__ import annotations

import hashlib
from typing import Any, Iterable, Iterator, Sequence

import orjson
from sqlalchemy import Connection, delete, func, insert, select, update

from dronewatch.store import schema as S

DIRTY = "incidents_dirty"


def content_hash(text: str) -> str:
    """The document key: BLAKE2b-128 of the text with whitespace runs collapsed."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=16).hexdigest()


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def claim_row(record: dict[str, Any], raw: bytes | str, document_pk: int, ord_: int) -> dict:
    """The claims-table row of one FORMAT.md record (`raw`: its JSON, kept verbatim)."""
    loc = record.get("location") or {}
    when = record.get("when") or {}
    cl = record.get("claimant") or {}
    admin1 = loc.get("admin1") or []
    row = {
        "claim_id": record["id"], "document_pk": document_pk, "ord": ord_,
        "doc_id": record["doc_id"], "weapon": record.get("weapon") or "unknown",
        "weapon_model": record.get("weapon_model"), "attacker": record.get("attacker"),
        "country": loc.get("country"), "admin1": ";".join(admin1) or None,
        "place": loc.get("place"), "facility": loc.get("facility"),
        "water_body": loc.get("water_body"), "lat": loc.get("lat"), "lon": loc.get("lon"),
        "location_precision": loc.get("precision"),
        "when_start": when.get("start"), "when_end": when.get("end"),
        "day_start": _day(when.get("start")),
        "day_end": _day(when.get("end")) or _day(when.get("start")),
        "when_precision": when.get("precision"),
        "claimant_name": cl.get("name"), "claimant_side": cl.get("side"),
        "claimant_role": cl.get("role"), "part_of": record.get("part_of"),
        "record": raw.decode("utf-8") if isinstance(raw, bytes) else raw,
    }
    for m in S.MEASURE_COLUMNS:
        c = record.get(m)
        row[m] = c.get("value") if isinstance(c, dict) else c
        row[f"{m}_qualifier"] = c.get("qualifier") if isinstance(c, dict) else None
    return row


def insert_claims(conn: Connection, items: Sequence[tuple[int, Sequence[bytes]]]) -> int:
    """Insert the rendered claims (JSON bytes) of each stored document `(pk, rendered)`,
    with their evidence and regions. Returns the number of claims inserted."""
    rows, extra = [], []
    for document_pk, rendered in items:
        seen: set[str] = set()
        for i, raw in enumerate(rendered):
            record = orjson.loads(raw)
            if record["id"] in seen:  # a claim id repeated within one document: keep the first
                continue
            seen.add(record["id"])
            rows.append(claim_row(record, raw, document_pk, i))
            extra.append(record)
    if not rows:
        return 0
    result = conn.execute(insert(S.claims).returning(S.claims.c.pk, sort_by_parameter_order=True),
                          rows)
    pks = [r[0] for r in result]
    regions, ev = [], []
    for pk, record in zip(pks, extra):
        loc = record.get("location") or {}
        for code in dict.fromkeys(loc.get("admin1") or []):
            regions.append({"claim_pk": pk, "admin1": code})
        for j, e in enumerate(record.get("evidence") or []):
            ev.append({"claim_pk": pk, "ord": j, "start": e["start"], "end": e["end"]})
    if regions:
        conn.execute(insert(S.claim_regions), regions)
    if ev:
        conn.execute(insert(S.evidence), ev)
    return len(rows)


def insert_documents(conn: Connection, docs: Sequence[dict]) -> dict[str, int]:
    """Insert document rows, skipping any that another writer stored meanwhile (same hash,
    url or id); returns {doc_id: pk} of those inserted."""
    if not docs:
        return {}
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(S.documents).on_conflict_do_nothing().returning(
        S.documents.c.pk, S.documents.c.doc_id)
    return {doc_id: pk for pk, doc_id in conn.execute(stmt, list(docs))}


def delete_claims(conn: Connection, document_pks: Sequence[int]) -> None:
    """Remove the claims of these documents and everything hanging off them."""
    if not document_pks:
        return
    claim_pks = select(S.claims.c.pk).where(S.claims.c.document_pk.in_(document_pks))
    for table in (S.flags, S.incident_claims, S.evidence, S.claim_regions):
        conn.execute(delete(table).where(table.c.claim_pk.in_(claim_pks)))
    conn.execute(delete(S.claims).where(S.claims.c.document_pk.in_(document_pks)))


def set_meta(conn: Connection, key: str, value: str | None) -> None:
    conn.execute(delete(S.meta).where(S.meta.c.key == key))
    if value is not None:
        conn.execute(insert(S.meta).values(key=key, value=value))


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(S.meta.c.value).where(S.meta.c.key == key)).scalar()


def mark_dirty(conn: Connection) -> None:
    if get_meta(conn, DIRTY) is None:
        conn.execute(insert(S.meta).values(key=DIRTY, value="1"))


def counts(conn: Connection) -> dict[str, int]:
    """Rows per data table."""
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in reversed(S.DATA_TABLES)}


def content_digest(conn: Connection) -> str:
    """A digest of what is stored, independent of row order and surrogate keys: two stores
    with the same documents, claims, evidence, regions, incidents and flags agree."""
    h = hashlib.blake2b(digest_size=16)

    def feed(label: str, rows: Iterable[Sequence[Any]]) -> None:
        h.update(label.encode())
        for row in rows:
            h.update(orjson.dumps([None if v is None else str(v) for v in row]))

    d, c = S.documents.c, S.claims.c
    feed("documents", conn.execute(select(d.doc_id, d.content_hash, d.url, d.title, d.outlet,
                                          d.published, d.text, d.source).order_by(d.doc_id)))
    feed("claims", conn.execute(select(c.claim_id, c.doc_id, c.ord, c.record, c.day_start,
                                       c.claimant_side, c.admin1).order_by(c.claim_id)))
    e = S.evidence.c
    feed("evidence", conn.execute(select(c.claim_id, e.ord, e.start, e.end).join_from(
        S.evidence, S.claims, e.claim_pk == c.pk).order_by(c.claim_id, e.ord)))
    r = S.claim_regions.c
    feed("regions", conn.execute(select(c.claim_id, r.admin1).join_from(
        S.claim_regions, S.claims, r.claim_pk == c.pk).order_by(c.claim_id, r.admin1)))
    i = S.incidents.c
    feed("incidents", conn.execute(select(i.incident_id, i.record).order_by(i.incident_id)))
    ic = S.incident_claims.c
    feed("incident_claims", conn.execute(
        select(i.incident_id, c.claim_id).select_from(S.incident_claims)
        .join(S.incidents, ic.incident_pk == i.pk).join(S.claims, ic.claim_pk == c.pk)
        .order_by(i.incident_id, c.claim_id)))
    f = S.flags.c
    feed("flags", conn.execute(
        select(f.kind, f.message, i.incident_id, c.claim_id).select_from(S.flags)
        .outerjoin(S.incidents, f.incident_pk == i.pk).outerjoin(S.claims, f.claim_pk == c.pk)
        .order_by(f.kind, i.incident_id, c.claim_id, f.message)))
    return h.hexdigest()


def set_extracted_with(conn: Connection, pks: Sequence[int], version: str) -> None:
    if pks:
        conn.execute(update(S.documents).where(S.documents.c.pk.in_(pks))
                     .values(extracted_with=version))


LOOKUP_CHUNK = 400  # values per IN (...) lookup


def chunks(values: list, n: int = LOOKUP_CHUNK) -> Iterator[list]:
    """`values` in slices of at most n (the bound parameters of one IN (...) lookup)."""
    for i in range(0, len(values), n):
        yield values[i:i + n]

