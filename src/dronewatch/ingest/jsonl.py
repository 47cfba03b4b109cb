"""JSONL and JSON document files (the document format of FORMAT.md)."""

from __future__ import annotations

from typing import IO, Iterator

import orjson

from dronewatch.ingest.common import (BOM, document_from_obj, is_binary, iter_lines, read_head,
                                      stat_size, too_large)
from dronewatch.ingest.telegram import documents_from_export, is_telegram_export, read_telegram
from dronewatch.model import Document, Rejection

RawLine = tuple[str, bytes]  # a JSONL line not parsed yet: ("file.jsonl:12", its bytes)


def read_jsonl(path: str, *, max_bytes: int, parse: bool = True) -> Iterator[Document | Rejection | RawLine]:
    """One document per line; the size limit applies to each line, not to the file.
    `parse=False`: each line as (source, raw line), for whoever extracts it to parse
    (`parse_line`); a binary file or an oversize line is still a Rejection."""
    with open(path, "rb") as fh:
        yield from read_jsonl_stream(fh, path, max_bytes=max_bytes, parse=parse)


def read_jsonl_stream(fh: IO[bytes], name: str, *, max_bytes: int, head: bytes | None = None,
                      parse: bool = True) -> Iterator[Document | Rejection | RawLine]:
    lines = jsonl_lines(fh, name, max_bytes=max_bytes, head=head)
    if not parse:
        yield from lines
        return
    for item in lines:
        yield item if isinstance(item, Rejection) else parse_line(item[1], item[0])


def jsonl_lines(fh: IO[bytes], name: str, *, max_bytes: int, head: bytes | None = None,
                after_line: int = 0) -> Iterator[Rejection | RawLine]:
    """The non-blank lines of a JSONL stream as (source, raw line), not parsed yet (the
    Ray engine parses them in its workers); a binary file or an oversize line is a
    Rejection.

    `after_line` > 0: `fh` is a later range of a file split at line ends (the Ray engine
    reads one file in several tasks); its lines are numbered on from there, and the
    file's head (binary? BOM?) was checked with the first range."""
    if after_line:
        head = b""
    else:
        if head is None:
            head = read_head(fh)
        if is_binary(head):
            yield Rejection(name, "binary file")
            return
        if head.startswith(BOM):
            head = head[len(BOM):]
    for lineno, line, size in iter_lines(fh, max_bytes, prefix=head):
        source = f"{name}:{after_line + lineno}"
        if line is None:
            yield Rejection(source, too_large(size, max_bytes, "line"))
        elif line.strip():
            yield source, line


def parse_line(line: bytes, source: str) -> Document | Rejection:
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return Rejection(source, "not UTF-8 text")
        return Rejection(source, f"invalid JSON: {str(exc).replace('line 1 column', 'column')}")
    return document_from_obj(obj, source)


def read_json(path: str, *, max_bytes: int) -> Iterator[Document | Rejection]:
    """A `.json` file holding one document object or a list of them, or a Telegram Desktop
    channel export (recognised by content: a top-level object with a `messages` list).

    A document file is parsed at once, so the size limit applies to the file; use JSONL for
    large collections. Items of a list are named `file.json[i]` (0-based) in error lines.
    A Telegram export is streamed, message by message (dronewatch.ingest.telegram).
    """
    if is_telegram_export(path):
        yield from read_telegram(path, max_bytes=max_bytes)
        return
    size = stat_size(path)
    if size > max_bytes:
        yield Rejection(path, too_large(size, max_bytes) + "; use JSONL for large collections")
        return
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if is_binary(data):
        yield Rejection(path, "binary file")
        return
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            yield Rejection(path, "not UTF-8 text")
            return
        yield Rejection(path, f"invalid JSON: {exc}")
        return
    del data
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield document_from_obj(item, f"{path}[{i}]")
    elif isinstance(obj, dict) and "text" not in obj and isinstance(obj.get("messages"), list):
        yield from documents_from_export(obj, path)  # an export whose `messages` starts late
    else:
        yield document_from_obj(obj, path)
