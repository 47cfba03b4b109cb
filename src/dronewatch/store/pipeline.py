"""`ingest` and `reprocess` as functions: read, skip what is stored, extract (inline or in
worker processes, exactly as `dronewatch extract` does), and write each batch of documents
together with their claims in one transaction.

Why a kill -9 at any moment is harmless: a document and its claims are committed together
or not at all, and a document whose content hash is stored is never extracted again, so a
rerun continues where the killed run stopped. Incidents are rebuilt from all claims at the
end, in one transaction, whenever the `incidents_dirty` mark (set in the same transaction
as new claims) is present, so an interrupted rebuild is redone by the next run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from sqlalchemy import Connection, select

from dronewatch import __version__
from dronewatch.ingest import DEFAULT_MAX_BYTES, read_inputs
from dronewatch.model import Document, Rejection
from dronewatch.store import schema as S
from dronewatch.store.db import Store
from dronewatch.store.write import chunks as _chunks
from dronewatch.store.write import (content_hash, delete_claims, insert_claims,
                                    insert_documents, mark_dirty, set_extracted_with)

DEFAULT_BATCH = 500
DEFAULT_TIMEOUT = 60.0


@dataclass(slots=True)
class IngestStats:
    read: int = 0          # documents read (not counting rejections)
    stored: int = 0        # new documents stored
    claims: int = 0        # claims stored (ingest) / now stored for the reprocessed documents
    duplicates: int = 0    # already stored (same content), or repeated within this run
    revised: int = 0       # same url as a stored document but different text: kept the stored one
    renamed: int = 0       # id already used by a different document: stored as "<id>~<hash8>"
    failed: int = 0        # extraction failed or timed out: not stored (a rerun retries it)
    errors: int = 0        # error lines reported (rejections, failures)
    warnings: int = 0      # warning lines: figures the extractor refused in a stored document
    removed_claims: int = 0  # reprocess: claims replaced
    incidents: int | None = None  # incidents after the rebuild (None: verify not available)
    seconds: float = 0.0

    def summary(self, verb: str = "stored") -> str:
        parts = [f"{self.read:,} documents read", f"{self.stored:,} {verb}",
                 f"{self.claims:,} claims"]
        for label, n in (("already stored", self.duplicates), ("revised text skipped", self.revised),
                         ("renamed", self.renamed), ("failed", self.failed),
                         ("errors", self.errors), ("warnings", self.warnings)):
            if n:
                parts.append(f"{n:,} {label}")
        if self.incidents is not None:
            parts.append(f"{self.incidents:,} incidents")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


# --------------------------------------------------------------------------- extraction

FAILURE_PREFIXES = ("extraction failed", "extraction timed out")


class Extractor:
    """`pool.process` over documents, inline or in a pool that lives as long as this object."""

    def __init__(self, workers: int = 1, timeout: float = DEFAULT_TIMEOUT, chunksize: int = 8):
        from dronewatch.extract import pool as cli  # the worker pool (extract/pool.py)

        self.cli, self.workers, self.chunksize = cli, workers, chunksize
        self.pool = None
        if workers > 1:
            import multiprocessing

            self.pool = multiprocessing.get_context().Pool(
                workers, initializer=cli._init_worker, initargs=("jsonl", timeout))
        else:
            cli._configure("jsonl", timeout)

    def map(self, docs: Sequence[Document], each: Callable[[int], None] | None = None):
        """The results of `docs`, in order; `each(1)` after each one (the progress bar
        moves per document, not per batch)."""
        each = each or (lambda n: None)
        results = []
        if self.pool is None:
            for d in docs:
                results.append(self.cli.process(d))
                each(1)
            return results
        for result in self.pool.imap(self.cli.process, docs, chunksize=self.chunksize):
            results.append(result)
            each(1)
        return results

    def close(self, ok: bool = True) -> None:
        if self.pool is not None:
            (self.pool.close if ok else self.pool.terminate)()
            self.pool.join()
            self.pool = None


def extract_batch(extractor, docs: list[Document], advance) -> list:
    """`extractor.map(docs)`, advancing the progress per document where the extractor can
    (the local one), else once for the batch (the Ray engine's)."""
    if isinstance(extractor, Extractor):
        return extractor.map(docs, advance)
    results = extractor.map(docs)
    if advance:
        advance(len(docs))
    return results


def report_result(result, stats, report) -> None:
    """Each warning and error line of one document's result, counted in `stats`."""
    for source, reason in result.warnings:
        report(source, f"warning: {reason}")
    for source, reason in result.errors:
        report(source, reason)
    stats.warnings += len(result.warnings)
    stats.errors += len(result.errors)


def failed(result) -> bool:
    return any(reason.startswith(FAILURE_PREFIXES) for _, reason in result.errors)


# --------------------------------------------------------------------------- ingest

def _lookup(conn: Connection, column, values: Iterable[str]) -> dict[str, str]:
    """{value: content_hash} of stored documents whose `column` is in `values`."""
    out: dict[str, str] = {}
    values = sorted(set(v for v in values if v))
    for chunk in _chunks(values):
        for key, h in conn.execute(select(column, S.documents.c.content_hash)
                                   .where(column.in_(chunk))):
            out[key] = h
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _select_new(store: Store, batch: list, stats: IngestStats, report) -> list[tuple[Document, str]]:
    """The documents of `batch` that are not stored yet, with their content hashes; reports
    rejections; assigns a fresh id where the id is taken by a different document."""
    docs: list[tuple[Document, str]] = []
    for item in batch:
        if isinstance(item, Rejection):
            report(item.source, item.reason)
            stats.errors += 1
        else:
            stats.read += 1
            docs.append((item, content_hash(item.text)))
    if not docs:
        return []
    with store.reader() as conn:
        by_hash = _lookup(conn, S.documents.c.content_hash, [h for _, h in docs])
        by_url = _lookup(conn, S.documents.c.url, [d.url for d, _ in docs])
        by_id = _lookup(conn, S.documents.c.doc_id, [d.id for d, _ in docs])
    new: list[tuple[Document, str]] = []
    for doc, h in docs:
        if h in by_hash:
            stats.duplicates += 1
            continue
        if doc.url and doc.url in by_url:
            stats.revised += 1
            continue
        if doc.id in by_id:
            doc.id = f"{doc.id}~{h[:8]}"
            stats.renamed += 1
            if doc.id in by_id:  # the renamed copy is stored too (same prefix, same hash start)
                stats.duplicates += 1
                continue
        by_hash[h] = by_id[doc.id] = h  # later copies within this batch are duplicates
        if doc.url:
            by_url[doc.url] = h
        new.append((doc, h))
    return new


def _doc_row(doc: Document, h: str) -> dict:
    return {"doc_id": doc.id, "content_hash": h, "url": doc.url or None, "title": doc.title,
            "outlet": doc.outlet, "published": doc.published, "text": doc.text,
            "source": doc.source, "extracted_with": __version__}


def ingest(store: Store, paths: Sequence[str], *, workers: int = 1,
           max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
           batch_size: int = DEFAULT_BATCH, report: Callable[[str, str], None] | None = None,
           advance: Callable[[int], None] | None = None, rebuild: bool = True) -> IngestStats:
    """Read `paths` like `extract`, store new documents and their claims; returns stats.
    `report(source, reason)` gets each error line; a StoreError ends the run (everything
    committed before it stays, and a rerun continues)."""
    return ingest_documents(store, read_inputs(paths, max_bytes=max_bytes), workers=workers,
                            timeout=timeout, batch_size=batch_size, report=report,
                            advance=advance, rebuild=rebuild)


def ingest_documents(store: Store, items: Iterable[Document | Rejection], *, workers: int = 1,
                     timeout: float = DEFAULT_TIMEOUT, batch_size: int = DEFAULT_BATCH,
                     report: Callable[[str, str], None] | None = None,
                     advance: Callable[[int], None] | None = None,
                     rebuild: bool = True, extractor=None,
                     phase: Callable[[str], None] | None = None) -> IngestStats:
    """`ingest` of documents already read (the feed watcher's pages, an API upload):
    rejections are reported and counted, new documents extracted and stored. `extractor`
    (an object with `.map(docs)` and `.close(ok)`) replaces the local one: `--engine ray`
    passes the results it extracted on the cluster (dronewatch.scale.ray_engine)."""
    report = report or (lambda s, r: None)
    stats = IngestStats()
    t0 = time.perf_counter()
    extractor = extractor or Extractor(workers, timeout)
    ok = False
    try:
        for batch in _batches(items, batch_size):
            new = _select_new(store, batch, stats, report)
            results = extract_batch(extractor, [d for d, _ in new], advance) if new else []
            rows, rendered = [], {}
            for (doc, h), result in zip(new, results):
                report_result(result, stats, report)
                if failed(result):
                    stats.failed += 1
                    continue
                rows.append(_doc_row(doc, h))
                rendered[doc.id] = result.rendered
            if rows:
                with store.writer() as conn:
                    pks = insert_documents(conn, rows)
                    stats.duplicates += len(rows) - len(pks)  # stored meanwhile by another run
                    stats.stored += len(pks)
                    stats.claims += insert_claims(conn, [(pk, rendered[d]) for d, pk in pks.items()])
                    if pks:
                        mark_dirty(conn)
            if advance and len(batch) > len(new):  # rejections and stored copies: not extracted
                advance(len(batch) - len(new))
        ok = True
    finally:
        extractor.close(ok)
    return _finish(store, stats, rebuild, t0, phase)


def reprocess(store: Store, *, workers: int = 1, timeout: float = DEFAULT_TIMEOUT,
              batch_size: int = DEFAULT_BATCH, report: Callable[[str, str], None] | None = None,
              advance: Callable[[int], None] | None = None, rebuild: bool = True,
              phase: Callable[[str], None] | None = None) -> IngestStats:
    """Re-extract every stored document with the current extractor and replace its claims,
    one transaction per batch; a document whose extraction fails keeps its old claims."""
    report = report or (lambda s, r: None)
    stats = IngestStats()
    t0 = time.perf_counter()
    extractor = Extractor(workers, timeout)
    d = S.documents.c
    last = 0
    ok = False
    try:
        while True:
            with store.reader() as conn:
                rows = conn.execute(select(d.pk, d.doc_id, d.text, d.published, d.url, d.title,
                                           d.outlet, d.source).where(d.pk > last)
                                    .order_by(d.pk).limit(batch_size)).all()
            if not rows:
                break
            last = rows[-1].pk
            docs = [Document(id=r.doc_id, text=r.text, published=r.published, url=r.url,
                             title=r.title, outlet=r.outlet, source=r.source) for r in rows]
            stats.read += len(docs)
            results = extractor.map(docs, advance)
            keep = []
            for r, result in zip(rows, results):
                report_result(result, stats, report)
                if failed(result):
                    stats.failed += 1
                else:
                    keep.append((r.pk, result.rendered))
            if keep:
                with store.writer() as conn:
                    pks = [pk for pk, _ in keep]
                    before = conn.execute(select(S.claims.c.pk).where(
                        S.claims.c.document_pk.in_(pks))).all()
                    stats.removed_claims += len(before)
                    delete_claims(conn, pks)
                    stats.claims += insert_claims(conn, keep)
                    set_extracted_with(conn, pks, __version__)
                    mark_dirty(conn)
                stats.stored += len(keep)
        ok = True
    finally:
        extractor.close(ok)
    return _finish(store, stats, rebuild, t0, phase)


def _finish(store: Store, stats, rebuild: bool, t0: float, phase=None):
    """After ingest or reprocess: rebuild incidents if claims changed, and time the run."""
    if rebuild:
        from dronewatch.store.incidents import rebuild_if_dirty

        if phase:
            phase("grouping incidents")
        stats.incidents = rebuild_if_dirty(store)
    stats.seconds = time.perf_counter() - t0
    return stats
