"""Incidents and flags in the store, built by `dronewatch.verify` when it is available.

The seam: `verify.group_incidents(claims, documents) -> list[Incident]` and
`verify.near_duplicates(documents) -> {doc_id: group doc_id}`, looked up at run time. The
rebuild is global (all stored claims, one transaction), not per affected date block: it
is simple and always consistent; see docs/store.md for its cost.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

import orjson
from sqlalchemy import Connection, delete, func, insert, select, update

from dronewatch.model import Claim, Document
from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.write import DIRTY, get_meta, set_meta


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


def load_documents(conn: Connection) -> list[Document]:
    d = S.documents.c
    return [Document(id=r.doc_id, text=r.text, published=r.published, url=r.url, title=r.title,
                     outlet=r.outlet, source=r.source)
            for r in conn.execute(select(d.doc_id, d.text, d.published, d.url, d.title,
                                         d.outlet, d.source).order_by(d.pk))]


def load_claims(conn: Connection) -> list[Claim]:
    c = S.claims.c
    return [Claim.from_dict(orjson.loads(r)) for (r,) in
            conn.execute(select(c.record).order_by(c.document_pk, c.ord))]


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def rebuild(store: Store) -> int | None:
    """Recompute near-duplicate groups, incidents and flags from everything stored, in one
    transaction; clears the dirty mark. Returns the number of incidents (None without verify)."""
    group = verify_function("group_incidents")
    near = verify_function("near_duplicates")
    if group is None and near is None:
        return None
    with store.writer() as conn:
        documents = load_documents(conn)
        d = S.documents.c
        if near is not None:
            pk_of = dict(conn.execute(select(d.doc_id, d.pk)).all())
            groups = near(documents)
            conn.execute(update(S.documents).values(dup_group=None))
            by_group: dict[int, list[int]] = {}
            for doc_id, group_id in groups.items():
                if doc_id != group_id and doc_id in pk_of and group_id in pk_of:
                    by_group.setdefault(pk_of[group_id], []).append(pk_of[doc_id])
            for gpk, members in by_group.items():
                conn.execute(update(S.documents).where(d.pk.in_(members + [gpk]))
                             .values(dup_group=gpk))
        if group is None:
            return None  # keep the dirty mark: incidents are built once verify provides them
        incidents = group(load_claims(conn), documents)
        for table in (S.flags, S.incident_claims, S.incidents):
            conn.execute(delete(table))
        claim_pk = dict(conn.execute(select(S.claims.c.claim_id, S.claims.c.pk)).all())
        used: set[str] = set()
        links, flag_rows = [], []
        for inc in incidents:
            record = inc.to_dict()
            record.pop("claims", None)
            record["claim_ids"] = [c.id for c in inc.claims]
            iid = inc.id
            n = 1
            while iid in used:  # verify promised unique ids; never fail the rebuild on it
                n += 1
                iid = f"{inc.id}-{n}"
            used.add(iid)
            record["id"] = iid
            loc, when = inc.location, inc.when
            pk = conn.execute(insert(S.incidents).returning(S.incidents.c.pk).values(
                incident_id=iid, weapon=inc.weapon, country=loc.country,
                admin1=";".join(loc.admin1) or None, water_body=loc.water_body,
                when_start=when.start, when_end=when.end, day_start=_day(when.start),
                day_end=_day(when.end) or _day(when.start),
                n_documents=len(inc.documents), n_claims=len(inc.claims),
                record=orjson.dumps(record).decode())).scalar_one()
            for cpk in dict.fromkeys(claim_pk[c.id] for c in inc.claims if c.id in claim_pk):
                links.append({"incident_pk": pk, "claim_pk": cpk})
            for f in inc.flags:
                flag_rows.append({"kind": f.kind, "message": f.message, "incident_pk": pk,
                                  "claim_pk": claim_pk.get(f.claim_id) if f.claim_id else None})
        if links:
            conn.execute(insert(S.incident_claims), links)
        if flag_rows:
            conn.execute(insert(S.flags), flag_rows)
        from dronewatch.store.figures import refresh  # the API's statistics tables

        refresh(conn)
        set_meta(conn, DIRTY, None)
        return len(incidents)


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
