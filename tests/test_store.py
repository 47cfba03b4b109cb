"""The store: idempotent ingest, overlapping dumps, rejected inputs, reprocess, queries,
schema versions and database failures — against SQLite and (when scripts/test started one)
PostgreSQL. Inputs are written in tmp_path; the real extractor runs unless stated."""

from __future__ import annotations

import importlib
import json
import sqlite3
from pathlib import Path

import orjson
import pytest
from sqlalchemy import event, text, update

from dronewatch.model import Claim, Count, Document, Evidence, Location
from dronewatch.store import Filters, StoreError, ingest, iter_claims, open_store, reprocess
from dronewatch.store import db as store_db
from dronewatch.store import schema as S
from dronewatch.store.write import content_digest, counts

EXTRACT = importlib.import_module("dronewatch.extract")
REGIONS = [("Belgorod Oblast", "RU-BEL"), ("Kursk Oblast", "RU-KRS"), ("Bryansk Oblast", "RU-BRY"),
           ("Rostov Oblast", "RU-ROS"), ("Voronezh Oblast", "RU-VOR")]


def article(i: int, **over) -> dict:
    region = REGIONS[i % len(REGIONS)][0]
    day = 1 + i % 27
    d = {"id": f"doc{i:05d}", "url": f"https://example.org/news/{i}", "title": f"Report {i}",
         "outlet": ["TASS", "Reuters", "Kyiv Independent"][i % 3],
         "published": f"2025-03-{day:02d}",
         "text": (f"Russian air defences shot down {i % 40 + 2} Ukrainian drones over {region} "
                  f"overnight, the Russian Defence Ministry said. Report number {i}.")}
    d.update(over)
    return d


def write_jsonl(path: Path, docs) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def state(url: str) -> tuple[dict, str]:
    with open_store(url) as store, store.reader() as conn:
        return counts(conn), content_digest(conn)


def run_ingest(url: str, paths, **kw):
    errors: list[tuple[str, str]] = []
    with open_store(url) as store:
        stats = ingest(store, [str(p) for p in paths], report=lambda s, r: errors.append((s, r)),
                       **kw)
    return stats, errors


# ------------------------------------------------------------------------------ idempotence

def test_second_ingest_changes_no_row(db_url, tmp_path):
    dump = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(30)])
    stats, errors = run_ingest(db_url, [dump])
    assert errors == [] and stats.stored == 30 and stats.claims >= 30
    first = state(db_url)
    assert first[0]["documents"] == 30 and first[0]["claims"] == stats.claims
    stats2, _ = run_ingest(db_url, [dump])
    assert stats2.stored == 0 and stats2.claims == 0 and stats2.duplicates == 30
    assert state(db_url) == first


def test_overlapping_dumps_store_each_document_once(db_url, tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(0, 20)])
    b = write_jsonl(tmp_path / "b.jsonl", [article(i) for i in range(10, 30)])
    run_ingest(db_url, [a], batch_size=7)
    stats, _ = run_ingest(db_url, [b], batch_size=7)
    assert stats.stored == 10 and stats.duplicates == 10
    # the same as one clean ingest of the union
    union = write_jsonl(tmp_path / "u.jsonl", [article(i) for i in range(30)])
    clean = str(tmp_path / "clean.db")
    run_ingest(clean, [union])
    got, want = state(db_url), state(clean)
    assert got[0] == want[0]
    with open_store(db_url) as s1, s1.reader() as c1, open_store(clean) as s2, s2.reader() as c2:
        ids1 = sorted(r[0] for r in c1.execute(text("SELECT claim_id FROM claims")))
        ids2 = sorted(r[0] for r in c2.execute(text("SELECT claim_id FROM claims")))
    assert ids1 == ids2


def test_copies_within_one_run_and_same_url_revisions(db_url, tmp_path):
    docs = [article(1), article(1, id="copy-of-1", url=None),        # same text: one document
            article(2), article(2, id="doc00002b", text="Edited: " + article(2)["text"]),  # same url
            article(3), article(4, id="doc00003")]                    # id taken by other text
    stats, errors = run_ingest(db_url, [write_jsonl(tmp_path / "d.jsonl", docs)])
    assert errors == []
    assert (stats.stored, stats.duplicates, stats.revised, stats.renamed) == (4, 1, 1, 1)
    with open_store(db_url) as store, store.reader() as conn:
        ids = sorted(r[0] for r in conn.execute(text("SELECT doc_id FROM documents")))
        claim_docs = {r[0] for r in conn.execute(text("SELECT doc_id FROM claims"))}
    renamed = [i for i in ids if i.startswith("doc00003~")]
    assert len(renamed) == 1 and renamed[0] in claim_docs
    assert "copy-of-1" not in ids and "doc00002b" not in ids


def test_rejected_inputs_change_nothing(db_url, tmp_path):
    good = write_jsonl(tmp_path / "good.jsonl", [article(i) for i in range(8)])
    run_ingest(db_url, [good])
    before = state(db_url)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": \n{"id": "x2"}\n[1, 2]\n', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    stats, errors = run_ingest(db_url, [bad, tmp_path / "missing.jsonl", tmp_path / "notes.pdf"])
    assert stats.stored == 0 and stats.errors == len(errors) >= 4
    assert state(db_url) == before


def test_failed_extraction_is_not_stored_and_is_retried(db_url, tmp_path, monkeypatch):
    real = EXTRACT.extract_document

    def flaky(doc, problems=None):
        if "number 3." in doc.text:
            raise RuntimeError("boom")
        return real(doc, problems)

    dump = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(6)])
    monkeypatch.setattr(EXTRACT, "extract_document", flaky)
    stats, errors = run_ingest(db_url, [dump])
    assert stats.failed == 1 and stats.stored == 5
    assert any("extraction failed: RuntimeError: boom" in r for _, r in errors)
    monkeypatch.setattr(EXTRACT, "extract_document", real)
    stats, errors = run_ingest(db_url, [dump])
    assert stats.stored == 1 and errors == []
    clean = str(tmp_path / "clean.db")
    run_ingest(clean, [dump])
    assert state(db_url)[1] == state(clean)[1]


# ------------------------------------------------------------------------------ reprocess

def test_reprocess_replaces_claims(db_url, tmp_path, monkeypatch):
    dump = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(12)])
    run_ingest(db_url, [dump], batch_size=5)
    original = state(db_url)

    def better(doc, problems=None):
        c = Claim(doc_id=doc.id, weapon="missile", intercepted=Count(99),
                  location=Location(country="RU", admin1=["RU-MOS"]),
                  evidence=[Evidence(0, 5)])
        return [c]

    monkeypatch.setattr(EXTRACT, "extract_document", better)
    with open_store(db_url) as store:
        stats = reprocess(store, batch_size=5)
    assert stats.read == 12 and stats.claims == 12 and stats.removed_claims == original[0]["claims"]
    with open_store(db_url) as store:
        got = [orjson.loads(r) for r in iter_claims(store, Filters())]
        assert {c["weapon"] for c in got} == {"missile"} and len(got) == 12
        assert len(list(iter_claims(store, Filters(regions=["RU-MOS"])))) == 12
        assert list(iter_claims(store, Filters(regions=["RU-BEL"]))) == []
    monkeypatch.undo()
    with open_store(db_url) as store:
        reprocess(store)
    assert state(db_url) == original


# ------------------------------------------------------------------------------ queries

def test_claim_filters(db_url, tmp_path):
    docs = [article(i) for i in range(10)]
    run_ingest(db_url, [write_jsonl(tmp_path / "a.jsonl", docs)])
    with open_store(db_url) as store:
        every = [orjson.loads(r) for r in iter_claims(store, Filters())]
        assert len(every) >= 10

        def ids(**kw):
            return {c["id"] for c in map(orjson.loads, iter_claims(store, Filters(**kw)))}

        bel = ids(regions=["RU-BEL"])
        assert bel == {c["id"] for c in every if "RU-BEL" in (c["location"]["admin1"] or [])}
        assert bel and ids(regions=["ru-bel", "RU-KRS"]) > bel
        assert ids(regions=["RU"]) == {c["id"] for c in every if c["location"]["country"] == "RU"}
        assert ids(weapons=["drone"]) == {c["id"] for c in every if c["weapon"] == "drone"}
        assert ids(weapons=["glide_bomb"]) == set()
        assert ids(sides=["RU"]) == {c["id"] for c in every if c["claimant"]["side"] == "RU"}
        some = [c for c in every if c["when"]["start"]]
        day = sorted(c["when"]["start"][:10] for c in some)[len(some) // 2]
        want = {c["id"] for c in some if c["when"]["start"][:10] <= day
                and (c["when"]["end"] or c["when"]["start"])[:10] >= day}
        assert ids(since=day, until=day) == want
        assert len(list(iter_claims(store, Filters(limit=3)))) == 3


# ------------------------------------------------------------------------------ failures

def test_newer_schema_version_is_one_clear_error(db_url):
    open_store(db_url).close()
    with open_store(db_url) as store, store.writer() as conn:
        conn.execute(update(S.schema_info).values(version=S.SCHEMA_VERSION + 1))
    with pytest.raises(StoreError) as info:
        open_store(db_url)
    message = str(info.value)
    assert f"schema version {S.SCHEMA_VERSION + 1} is newer" in message and "upgrade dronewatch" in message
    assert "\n" not in message


def test_not_a_dronewatch_database(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a dronewatch database"):
        open_store(str(path))
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a dronewatch database"):
        open_store(str(garbage))


def test_locked_database_is_one_clear_error(sqlite_url, tmp_path, monkeypatch):
    open_store(sqlite_url).close()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(sqlite_url, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        dump = write_jsonl(tmp_path / "a.jsonl", [article(1)])
        with pytest.raises(StoreError, match="database is locked by another process"):
            run_ingest(sqlite_url, [dump])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert state(sqlite_url)[0]["documents"] == 0


def test_disk_full_is_one_clear_error_and_keeps_committed_batches(sqlite_url, tmp_path):
    dump = write_jsonl(tmp_path / "a.jsonl",
                       [article(i, text=article(i)["text"] + " filler" * 3000) for i in range(40)])
    store = open_store(sqlite_url)
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _small(dbapi_conn, record):  # a "disk" of about 300 KB beyond the empty schema's
        dbapi_conn.execute("PRAGMA max_page_count = 110")

    with pytest.raises(StoreError, match="disk full"):
        ingest(store, [str(dump)], batch_size=5)
    store.close()
    counts_after, _ = state(sqlite_url)
    assert 0 < counts_after["documents"] < 40 and counts_after["documents"] % 5 == 0


def test_sqlite_runs_in_wal_mode(sqlite_url):
    with open_store(sqlite_url) as store, store.reader() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_default_location_and_env(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRONEWATCH_DB", raising=False)
    assert store_db.resolve_url(None) == f"sqlite:///{tmp_path / 'dronewatch.db'}"
    monkeypatch.setenv("DRONEWATCH_DB", "postgresql://u:p@h/db")
    assert store_db.resolve_url(None) == "postgresql+psycopg://u:p@h/db"
    assert store_db.display_url("postgresql+psycopg://u:secret@h/db").count("secret") == 0
