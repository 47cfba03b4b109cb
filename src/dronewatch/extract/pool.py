"""The extraction worker pool: one document in, its rendered claims and error lines out,
inline or in a pool of processes, in input order, with a time limit per document.

The CLI (`dronewatch extract`), the store's pipeline (`ingest`, `reprocess`), the API's
uploads and the Ray engine all extract through `process` / `process_all`; nothing here
knows about the command line.
"""

from __future__ import annotations

import importlib
import os
import signal
import threading
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from dronewatch.model import Claim, Document, Rejection
from dronewatch.output import WRITERS

DEFAULT_TIMEOUT = 60.0
CHUNKSIZE = 8  # documents per task sent to a worker


@dataclass(slots=True)
class Result:
    """What one input item became: rendered claims, error lines (source, reason) for what
    could not be read or extracted, and warning lines for figures the extractor refused in
    a document it did read (the document's other claims are kept)."""
    rendered: list[bytes] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    document: bool = False


_FORMAT = "jsonl"
_TIMEOUT = DEFAULT_TIMEOUT


class DocumentTimeout(Exception):
    pass


def _on_alarm(signum, frame):  # noqa: ARG001
    raise DocumentTimeout()


def _configure(fmt: str, timeout: float) -> None:
    global _FORMAT, _TIMEOUT
    _FORMAT, _TIMEOUT = fmt, timeout


def _init_worker(fmt: str, timeout: float) -> None:
    """Pool initializer: runs once per worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _configure(fmt, timeout)
    importlib.import_module("dronewatch.extract")


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return ""
    return f" ({os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno})"


def process(item: Document | Rejection) -> Result:
    """Extract and render one document; never raises (runs in a worker or inline)."""
    if isinstance(item, Rejection):
        return Result(errors=[(item.source, item.reason)])
    doc = item
    label = doc.id if not doc.source or doc.source == doc.id else f"{doc.source} ({doc.id})"
    result = Result(document=True)
    problems: list[str] = []
    use_alarm = (_TIMEOUT > 0 and hasattr(signal, "setitimer")
                 and threading.current_thread() is threading.main_thread())
    previous = None
    try:
        if use_alarm:
            previous = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, _TIMEOUT)
        try:
            # looked up on each call, so a patched extract_document is honoured
            extract_module = importlib.import_module("dronewatch.extract")
            claims = extract_module.extract_document(doc, problems)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)
        render = WRITERS[_FORMAT].render
        rendered = []
        for claim in claims:
            if not isinstance(claim, Claim):
                raise TypeError(f"extractor returned {type(claim).__name__}, not Claim")
            if not claim.id:
                claim.assign_id()
            rendered.append(render(claim))
        result.rendered = rendered
    except DocumentTimeout:
        result.errors.append((label, f"extraction timed out after {_TIMEOUT:g} s"))
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - one document must not end the run
        result.errors.append((label, f"extraction failed: {type(exc).__name__}: {exc}{_where(exc)}"))
    result.warnings = [(label, p) for p in problems]
    return result


def _bounded(items: Iterable, slots: threading.Semaphore, stop: threading.Event) -> Iterator:
    """Feed `items` to the pool no faster than results are consumed (bounded memory)."""
    for item in items:
        while not slots.acquire(timeout=0.1):
            if stop.is_set():
                return
        if stop.is_set():
            return
        yield item


def process_all(items: Iterable[Document | Rejection], *, fmt: str = "jsonl", workers: int = 1,
                timeout: float = DEFAULT_TIMEOUT, chunksize: int = CHUNKSIZE) -> Iterator[Result]:
    """`process` over `items`, in input order, inline or in a pool of `workers` processes."""
    if workers <= 1:
        _configure(fmt, timeout)
        for item in items:
            yield process(item)
        return
    import multiprocessing

    window = workers * chunksize * 4
    slots = threading.Semaphore(window)
    stop = threading.Event()
    pool = multiprocessing.get_context().Pool(workers, initializer=_init_worker,
                                              initargs=(fmt, timeout))
    finished = False
    try:
        for result in pool.imap(process, _bounded(items, slots, stop), chunksize=chunksize):
            slots.release()
            yield result
        finished = True
    finally:
        stop.set()
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()
