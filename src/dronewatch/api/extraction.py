"""Extraction of uploaded documents in a worker process, with the CLI's time limit.

The CLI's limit is an alarm signal, which only a main thread receives; a request's thread
never is one, so an upload used to extract without any limit, holding the GIL while every
other request waited. Here each document goes to a worker process (its main thread runs
`cli.process`, alarm included), so the server's event loop and threads stay free, and a
worker that does not answer even after the alarm (stuck in C code) is replaced.

    extractor = UploadExtractor(timeout=60)
    ingest_documents(store, docs, extractor=extractor)   # .map(docs), .close(ok)
    extractor.shutdown()                                 # when the app stops
"""

from __future__ import annotations

import multiprocessing
import threading
from contextlib import asynccontextmanager
from typing import Sequence

from dronewatch.model import Document
from dronewatch.store.pipeline import DEFAULT_TIMEOUT

GRACE_S = 5.0  # after the alarm's limit: how long a worker may take to answer at all


class UploadExtractor:
    def __init__(self, timeout: float = DEFAULT_TIMEOUT):
        self.timeout = timeout
        self._pool = None
        self._lock = threading.Lock()

    def _workers(self):
        with self._lock:
            if self._pool is None:
                from dronewatch.extract import pool as cli  # the worker pool (extract/pool.py)

                # forkserver: workers forked from a clean process, never from this one's
                # threads (a fork of a threaded server can inherit a held lock)
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(["dronewatch.extract.pool", "dronewatch.extract"])
                self._pool = ctx.Pool(1, initializer=cli._init_worker,
                                      initargs=("jsonl", self.timeout))
            return self._pool

    def map(self, docs: Sequence[Document]) -> list:
        """`cli.process` of each document, one at a time, each within the time limit."""
        from dronewatch.extract import pool as cli  # the worker pool (extract/pool.py)

        results = []
        for doc in docs:
            pending = self._workers().apply_async(cli.process, (doc,))
            try:
                results.append(pending.get(self.timeout + GRACE_S if self.timeout else None))
            except multiprocessing.TimeoutError:
                self.shutdown()  # the worker ignored its alarm: a fresh one for the next
                label = doc.id if not doc.source or doc.source == doc.id \
                    else f"{doc.source} ({doc.id})"
                results.append(cli.Result(document=True, errors=[
                    (label, f"extraction timed out after {self.timeout:g} s")]))
        return results

    def close(self, ok: bool = True) -> None:
        """The end of one upload: the worker stays for the next."""

    def shutdown(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
                self._pool = None


def install(app, timeout: float = DEFAULT_TIMEOUT) -> None:
    """`app.state.extractor` for the uploads, its worker stopped when the app stops."""
    app.state.extractor = extractor = UploadExtractor(timeout)
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a):
        try:
            async with inner(a) as state:
                yield state
        finally:
            extractor.shutdown()

    app.router.lifespan_context = lifespan
