"""Grouping by date block gives exactly the incidents and flags of the whole grouping."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from verify import generate  # noqa: E402

from dronewatch.model import Claim, Claimant, Count, Document, Location, TimeSpan  # noqa: E402
from dronewatch.verify import group_incidents  # noqa: E402
from dronewatch.verify.blocking import anchor  # noqa: E402
from dronewatch.verify.partitioned import (blocks, group_incidents_by_block,  # noqa: E402
                                           partition_day)


def varied_corpus(n: int, seed: int) -> tuple[list[Claim], list[Document]]:
    """bench/verify.py's claims (a year of nights, slipped dates, totals with regional parts,
    casualties of unknown weapon) made harder: some documents give no date for their
    regional parts or for anything, some report a whole week, and some are copies of
    another (near-duplicates, which join across days)."""
    rnd = random.Random(seed)
    claims = generate(n, seed=seed)
    doc_ids = list(dict.fromkeys(c.doc_id for c in claims))
    fate = {d: rnd.choices(("as is", "undated parts", "undated", "week"), (85, 6, 5, 4))[0]
            for d in doc_ids}
    for c in claims:
        how = fate[c.doc_id]
        if how == "undated" or (how == "undated parts" and c.part_of):
            c.when = TimeSpan()
        elif how == "week" and c.when.end:
            end = c.when.end
            start = end[:8] + f"{max(1, int(end[8:]) - 6):02d}"
            c.when = TimeSpan(start, end, "period")
    texts = {d: f"Report {d}: drones and missiles were launched overnight, officials said. "
                f"Figures {rnd.randint(1, 10**6)} and {rnd.randint(1, 10**6)} follow in detail."
             for d in doc_ids}
    for d in rnd.sample(doc_ids, len(doc_ids) // 20):  # copies of another report
        texts[d] = texts[rnd.choice(doc_ids)]
    docs = [Document(id=d, text=texts[d], outlet=d.split("-")[0]) for d in doc_ids]
    return claims, docs


def as_json(incidents) -> list[bytes]:
    return [orjson.dumps(inc.to_dict()) for inc in incidents]


@pytest.mark.parametrize("block_days", [1, 4, 40])
def test_blocks_give_the_whole_grouping(block_days):
    claims, docs = varied_corpus(4000, seed=11)
    whole = as_json(group_incidents([replace(c) for c in claims], docs))
    by_block = as_json(group_incidents_by_block([replace(c) for c in claims], docs,
                                                block_days=block_days))
    assert by_block == whole
    # the corpus does exercise what the blocks must get right
    kinds = {f["kind"] for inc in map(orjson.loads, whole) for f in inc["flags"]}
    assert {"date_conflict", "breakdown_mismatch", "count_conflict", "single_source"} <= kinds
    undated = [inc for inc in map(orjson.loads, whole) if not inc["when"].get("start")]
    assert undated and any(len(inc["claims"]) > 1 for inc in undated)


def test_a_slip_across_a_block_boundary_is_still_joined():
    """Two reports of one night, one of them a day late, the late one on the first day of
    the next block: one incident with a date_conflict, as in the whole grouping."""
    claims, _ = varied_corpus(200, seed=3)
    first_day = min(d for d in (partition_day(anchor(c)) for c in claims) if d is not None)
    boundary = blocks([first_day], 5)[0][1]  # the last day of the first block
    after, before = boundary + timedelta(days=1), boundary - timedelta(days=1)

    def claim(doc: str, end: date, value: int) -> Claim:
        c = Claim(doc_id=doc, weapon="drone", intercepted=Count(value),
                  when=TimeSpan((end - timedelta(days=1)).isoformat(), end.isoformat(), "night"),
                  claimant=Claimant(name="ministry", side="RU", role="military"),
                  location=Location(country="RU", admin1=["RU-TVE"], precision="admin1"))
        c.assign_id()
        return c

    extra = [claim("wire-a", boundary, 27), claim("wire-b", after, 27),
             claim("wire-c", before, 3)]
    whole = group_incidents([replace(c) for c in claims + extra])
    parted = group_incidents_by_block([replace(c) for c in claims + extra], block_days=5)
    assert as_json(parted) == as_json(whole)
    joined = [inc for inc in parted if {"wire-a", "wire-b"} <= set(inc.documents)]
    assert len(joined) == 1 and "date_conflict" in {f.kind for f in joined[0].flags}


def test_store_rebuild_by_block_equals_the_whole_grouping(tmp_path):
    """The store's rebuild (a block of days at a time, read back with SQL) stores exactly
    the incidents and flags that grouping every stored claim at once gives."""
    from dronewatch.store import open_store
    from dronewatch.store.incidents import rebuild
    from dronewatch.store.pipeline import _doc_row
    from dronewatch.store.write import content_hash, insert_claims, insert_documents

    claims, docs = varied_corpus(1500, seed=7)
    by_doc: dict[str, list[bytes]] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, []).append(orjson.dumps(c.to_dict()))
    with open_store(str(tmp_path / "store.db")) as store:
        with store.writer() as conn:
            pks = insert_documents(conn, [_doc_row(d, content_hash(d.text + d.id)) for d in docs])
            insert_claims(conn, [(pks[d.id], by_doc[d.id]) for d in docs])
        assert rebuild(store, block_days=3)
        with store.reader() as conn:
            from sqlalchemy import text

            stored = sorted(r for (r,) in conn.execute(text("SELECT record FROM incidents")))
    whole = []
    for inc in group_incidents([replace(c) for c in claims], docs):
        record = inc.to_dict()
        record["claim_ids"] = [c["id"] for c in record.pop("claims")]
        whole.append(orjson.dumps(record).decode())
    assert [orjson.loads(r) for r in stored] == [orjson.loads(r) for r in sorted(whole)]
