"""Input stage: files, folders and stdin in; `Document`s (or `Rejection`s) out.

    >>> from dronewatch.ingest import read_inputs
    >>> for item in read_inputs(["corpus/"]):
    ...     if isinstance(item, Rejection): print(item)       # "corpus/x.jsonl:7: invalid JSON: ..."
    ...     else: handle(item)                                  # a Document

Everything is lazy and in input order: a reader yields one item at a time and memory does
not grow with the size of the input. See docs/ingest.md.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Callable, Iterable, Iterator

from dronewatch.ingest.common import DEFAULT_MAX_BYTES, read_head, too_large
from dronewatch.ingest.html import read_html
from dronewatch.ingest.jsonl import RawLine, read_json, read_jsonl, read_jsonl_stream
from dronewatch.ingest.progress import ByteProgress
from dronewatch.ingest.skipped import HIDDEN, Skipped
from dronewatch.ingest.telegram import is_telegram_export, read_telegram, read_telegram_stream, sniff
from dronewatch.ingest.text import read_text, text_document
from dronewatch.model import Document, Rejection

Item = Document | Rejection | RawLine  # a RawLine only where parse=False was asked
Reader = Callable[..., Iterator[Item]]

READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
}
STDIN = "-"
STDIN_NAME = "stdin"
TELEGRAM_EXPORT = "result.json"  # the file Telegram Desktop writes next to photos/, files/, ...


def read_inputs(paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                stdin: IO[bytes] | None = None, skipped: Skipped | None = None,
                progress: ByteProgress | None = None, parse: bool = True) -> Iterator[Item]:
    """Documents and rejections from files, folders and `-` (stdin), lazily, in order.

    Folders are walked recursively in sorted order; files of other kinds are skipped
    there (hidden files and folders too), and counted in `skipped` when given. A path named
    explicitly must be of a known kind. `progress` follows the bytes read. `parse=False`:
    a JSONL line comes as (source, raw line), for whoever extracts it to parse (a worker
    process: `ingest.jsonl.parse_line` gives the Document or Rejection the reader would).
    """
    for path in paths:
        path = os.fspath(path)
        if path == STDIN:
            yield from _guard(STDIN_NAME, read_stdin, stdin, max_bytes=max_bytes, parse=parse)
        elif os.path.isdir(path):
            found, passed_over = False, skipped.count() if skipped is not None else 0
            for file in walk(path, skipped):
                found = True
                yield from read_file(file, max_bytes=max_bytes, progress=progress, parse=parse)
            if not found and skipped is not None and skipped.count() == passed_over:
                skipped.empty_folders.append(path)
        elif not os.path.exists(path):
            yield Rejection(path, "no such file or directory")
        else:
            yield from read_file(path, max_bytes=max_bytes, explicit=True, progress=progress,
                                 parse=parse)


def read_file(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, explicit: bool = False,
              progress: ByteProgress | None = None, parse: bool = True) -> Iterator[Item]:
    reader = READERS.get(os.path.splitext(path)[1].lower())
    if reader is None:
        if explicit:
            yield Rejection(path, "unsupported input (expected .jsonl, .json, .txt, .html, "
                                  ".htm, a folder or -)")
        return
    if reader is read_jsonl:
        if progress is not None:  # one big file: follow its position
            yield from _guard(path, _read_jsonl_followed, path, progress, max_bytes=max_bytes,
                              parse=parse)
        else:
            yield from _guard(path, read_jsonl, path, max_bytes=max_bytes, parse=parse)
    else:
        yield from _guard(path, reader, path, max_bytes=max_bytes)
    if progress is not None:
        progress.done(path)


def _read_jsonl_followed(path: str, progress: ByteProgress, *, max_bytes: int,
                         parse: bool) -> Iterator[Item]:
    with open(path, "rb") as fh:
        progress.reading(fh)
        yield from read_jsonl_stream(fh, path, max_bytes=max_bytes, parse=parse)


def _guard(source: str, reader: Reader, *args, **kwargs) -> Iterator[Item]:
    """Run one reader; an OS error (or a bug) ends that input with a Rejection, not the run."""
    try:
        yield from reader(*args, **kwargs)
    except OSError as exc:
        yield Rejection(source, exc.strerror or str(exc))
    except Exception as exc:  # noqa: BLE001 - one unreadable input must not end the run
        yield Rejection(source, f"cannot read: {type(exc).__name__}: {exc}")


def walk(folder: str, skipped: Skipped | None = None) -> Iterator[str]:
    """Files under `folder` whose kind has a reader, recursively, sorted by name.

    Symlinked folders are not followed (no cycles); hidden entries are skipped. A folder
    holding a Telegram Desktop export (`result.json` with a `messages` list) yields that file
    only: its media folders (photos/, files/, ...) and anything else in it are not read.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name == TELEGRAM_EXPORT:
            try:
                if entry.is_file() and is_telegram_export(entry.path):
                    yield entry.path
                    return
            except OSError:
                pass
            break
    for entry in entries:
        if entry.name.startswith("."):
            if skipped is not None and entry.is_file(follow_symlinks=False):
                skipped.file(HIDDEN)
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path, skipped)
            elif entry.is_file():
                kind = os.path.splitext(entry.name)[1].lower()
                if kind in READERS:
                    yield entry.path
                elif skipped is not None:
                    skipped.file(kind)
        except OSError:
            continue


def read_stdin(stream: IO[bytes] | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
               parse: bool = True) -> Iterator[Item]:
    """JSONL when the input starts with `{` (`parse=False`: raw lines), a Telegram export
    when it starts with an object holding a `messages` list, else one plain-text document
    with id `stdin`."""
    fh = stream if stream is not None else sys.stdin.buffer
    head = read_head(fh)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        if sniff(head):
            yield from read_telegram_stream(fh, STDIN_NAME, max_bytes=max_bytes, head=head)
            return
        yield from read_jsonl_stream(fh, STDIN_NAME, max_bytes=max_bytes, head=head, parse=parse)
        return
    data = bytearray(head)
    read = getattr(fh, "read1", fh.read)
    while len(data) <= max_bytes:
        chunk = read(1 << 16)
        if not chunk:
            break
        data += chunk
    if len(data) > max_bytes:
        size = len(data)
        data = bytearray()
        while chunk := read(1 << 16):
            size += len(chunk)
        yield Rejection(STDIN_NAME, too_large(size, max_bytes, "input"))
        return
    yield text_document(bytes(data), STDIN_NAME, STDIN_NAME)


__all__ = ["read_inputs", "RawLine", "read_file", "read_stdin", "walk", "READERS", "DEFAULT_MAX_BYTES",
           "read_jsonl", "read_json", "read_text", "read_html", "read_telegram",
           "is_telegram_export"]
