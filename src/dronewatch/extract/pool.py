"""The extraction worker pool: one document in, its rendered claims and error lines out,
inline or in a pool of processes, in input order, with a time limit per document.

The CLI (`dronewatch extract`), the store's pipeline (`ingest`, `reprocess`), the API's
uploads and the Ray engine all extract through `process` / `process_all`; nothing here
knows about the command line.
"""

from __future__ import annotations

import importlib
import os
import pickle
import queue
import signal
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Iterable, Iterator

from dronewatch.ingest.jsonl import RawLine, parse_line
from dronewatch.model import Claim, Document, Rejection
from dronewatch.output import WRITERS

DEFAULT_TIMEOUT = 60.0
CHUNKSIZE = 16  # documents per message sent to a worker
CHUNK_BYTES = 1 << 20  # or fewer, where they hold this much text


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


def _parse(source: str, line: bytes) -> Document | Rejection:
    try:
        return parse_line(line, source)
    except Exception as exc:  # noqa: BLE001 - the reader's guard, for this line alone
        return Rejection(source, f"cannot read: {type(exc).__name__}: {exc}")


def _where(exc: BaseException) -> str:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return ""
    return f" ({os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno})"


def process(item: Document | Rejection | RawLine) -> Result:
    """Extract and render one document (a raw JSONL line is parsed first); never raises
    (runs in a worker or inline)."""
    if isinstance(item, tuple):
        item = _parse(*item)
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


# ---------------------------------------------------------------------------- the pool
#
# multiprocessing.Pool cost the parent a fifth of a core on two workers: its worker-handler
# thread also waits on the result queue, so it spun (select, waitpid, re-register) every
# time a result sat unread, ~3 times per document, and each document took a semaphore and
# condition round trip. Here each worker has a pipe of its own each way, the parent sends a
# chunk of documents as one message and takes one message back per chunk, and apart from
# reading the input (a thread, so results still stream while the input waits) it sleeps.


class WorkerLost(RuntimeError):
    """A worker process ended in the middle of the run (killed, out of memory)."""


def _context():
    """fork on Linux (Python 3.14 makes forkserver the default): a worker starts in
    milliseconds with everything the parent loaded (modules, vocabularies, the decision
    model), shared copy-on-write. Elsewhere the platform's default (macOS: spawn)."""
    import multiprocessing

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


def _serve(tasks, results, fmt: str, timeout: float, inherited: list) -> None:
    """A worker: (seq, items) in, (seq, [Result, ...]) out, until an empty message."""
    for conn in inherited:  # the parent's ends of the pipes, copied by fork: closed here so
        conn.close()        # that each pipe ends (EOF) when the parent or this worker does
    _init_worker(fmt, timeout)
    while True:
        try:
            data = tasks.recv_bytes()
        except EOFError:
            return
        if not data:
            return
        seq, items = pickle.loads(data)
        results.send_bytes(pickle.dumps((seq, [process(item) for item in items]),
                                        pickle.HIGHEST_PROTOCOL))


def _size(item) -> int:
    if isinstance(item, tuple):
        return len(item[1])
    return len(item.text) if isinstance(item, Document) else 0


class _Pool:
    """`workers` processes fed chunks of items by a reader thread; `results()` gives their
    Results in input order. A chunk goes to a worker with fewer than `depth` chunks of its
    own to do (the one that gave one back first), and at most `window` chunks are out
    between the reader and the consumer (bounded memory, even behind one slow document)."""

    def __init__(self, items: Iterable, workers: int, fmt: str, timeout: float, *,
                 chunk_items: int, chunk_bytes: int, depth: int = 2, window: int = 4):
        ctx = _context()
        self.procs, self.tasks, self.answers = [], [], []
        forked = ctx.get_start_method() == "fork"
        for n in range(workers):
            task_r, task_w = ctx.Pipe(duplex=False)
            answer_r, answer_w = ctx.Pipe(duplex=False)
            self.tasks.append(task_w)
            self.answers.append(answer_r)
            inherited = self.tasks + self.answers if forked else []
            proc = ctx.Process(target=_serve, args=(task_r, answer_w, fmt, timeout, inherited),
                               name=f"dronewatch-extract-{n + 1}", daemon=True)
            proc.start()
            task_r.close()
            answer_w.close()
            self.procs.append(proc)
        self.free: queue.SimpleQueue = queue.SimpleQueue()  # a worker's index per free place
        for _ in range(depth):
            for n in range(workers):
                self.free.put(n)
        self.window = threading.Semaphore(window * workers)  # released as chunks are yielded
        self.sent: int | None = None  # the number of chunks, once the input is read
        self.failure: BaseException | None = None
        self.stop = threading.Event()
        self._wake_r, self._wake_w = os.pipe()  # the reader's "input done" to results()
        self.reader = threading.Thread(target=self._read, args=(items, chunk_items, chunk_bytes),
                                       name="dronewatch-extract-reader", daemon=True)
        self.reader.start()

    # --- the reader thread
    def _read(self, items: Iterable, chunk_items: int, chunk_bytes: int) -> None:
        sent = 0
        try:
            # the first chunks are small (1, 2, 4, ... items): every worker starts at once,
            # a short input is shared out, and the first claims come out early
            chunk, size, limit = [], 0, 1
            for item in items:
                chunk.append(item)
                size += _size(item)
                if len(chunk) >= limit or size >= chunk_bytes:
                    if not self._send(sent, chunk):
                        return
                    sent, chunk, size, limit = sent + 1, [], 0, min(chunk_items, limit * 2)
            if chunk and self._send(sent, chunk):
                sent += 1
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            self.failure = exc
        finally:
            self.sent = sent
            try:
                os.write(self._wake_w, b".")
            except OSError:  # results() has ended and closed it
                pass

    def _send(self, seq: int, chunk: list) -> bool:
        data = pickle.dumps((seq, chunk), pickle.HIGHEST_PROTOCOL)
        self.window.acquire()
        n = self.free.get()
        if n is None or self.stop.is_set():
            return False
        try:
            self.tasks[n].send_bytes(data)
        except OSError:  # the worker is gone: the run must not end as if it were whole
            if not self.stop.is_set():
                self.failure = self._lost(n)
            return False
        return True

    # --- the consumer
    def results(self) -> Iterator[Result]:
        index = {conn: n for n, conn in enumerate(self.answers)}
        waiting = [*self.answers, self._wake_r]
        done: dict[int, list[Result]] = {}
        expect = 0
        while self.sent is None or expect < self.sent:
            for ready in wait(waiting):
                if ready == self._wake_r:
                    waiting.remove(self._wake_r)
                    continue
                try:
                    seq, answer = pickle.loads(ready.recv_bytes())
                except (EOFError, OSError):
                    raise self._lost(index[ready]) from None
                self.free.put(index[ready])
                done[seq] = answer
            while expect in done:
                yield from done.pop(expect)
                expect += 1
                self.window.release()
        if self.failure is not None:
            raise self.failure

    def _lost(self, n: int) -> WorkerLost:
        proc = self.procs[n]
        proc.join(1.0)
        code = proc.exitcode
        how = (f"killed by signal {-code}" if code is not None and code < 0
               else f"exit status {code}")
        return WorkerLost(f"extraction worker {proc.pid} ended in the middle of the run "
                          f"({how}); the run stopped")

    def close(self, finished: bool) -> None:
        """End the workers: told to stop after a whole run, terminated otherwise."""
        self.stop.set()
        self.window.release()  # a reader waiting for room, or for a free worker, gives up
        self.free.put(None)
        for proc, conn in zip(self.procs, self.tasks):
            if finished:
                try:
                    conn.send_bytes(b"")
                except OSError:
                    pass
            else:
                proc.terminate()
        for proc in self.procs:
            proc.join()
        self.reader.join(1.0)  # a reader blocked on its input (stdin) is a daemon: left
        for conn in self.answers:
            conn.close()
        os.close(self._wake_r)
        if not self.reader.is_alive():
            os.close(self._wake_w)
            for conn in self.tasks:
                conn.close()


def process_all(items: Iterable[Document | Rejection | RawLine], *, fmt: str = "jsonl", workers: int = 1,
                timeout: float = DEFAULT_TIMEOUT, chunksize: int = CHUNKSIZE) -> Iterator[Result]:
    """`process` over `items`, in input order, inline or in a pool of `workers` processes.
    A chunk sent to a worker holds `chunksize` items, or fewer that hold CHUNK_BYTES of text."""
    if workers <= 1:
        _configure(fmt, timeout)
        for item in items:
            yield process(item)
        return
    pool = _Pool(items, workers, fmt, timeout, chunk_items=chunksize, chunk_bytes=CHUNK_BYTES)
    finished = False
    try:
        yield from pool.results()
        finished = True
    finally:
        pool.close(finished)
