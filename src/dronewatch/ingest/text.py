"""Plain-text files: one document each, id = the file's stem."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from dronewatch.ingest.common import decode, is_binary, stat_size, too_large
from dronewatch.model import Document, Rejection


def read_text(path: str, *, max_bytes: int) -> Iterator[Document | Rejection]:
    size = stat_size(path)
    if size > max_bytes:
        yield Rejection(path, too_large(size, max_bytes))
        return
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    yield text_document(data, Path(path).stem, path)


def text_document(data: bytes, doc_id: str, source: str) -> Document | Rejection:
    if is_binary(data):
        return Rejection(source, "binary file")
    text = decode(data)
    if text is None:
        return Rejection(source, "not UTF-8 text")
    if not text.strip():
        return Rejection(source, "empty text")
    return Document(id=doc_id, text=text, source=source)
