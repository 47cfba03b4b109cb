"""Plain-text files: one document each, id = the file's stem."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from dronewatch.ingest.common import read_file_bytes, text_of
from dronewatch.model import Document, Rejection


def read_text(path: str, *, max_bytes: int) -> Iterator[Document | Rejection]:
    data = read_file_bytes(path, max_bytes)
    yield data if isinstance(data, Rejection) else text_document(data, Path(path).stem, path)


def text_document(data: bytes, doc_id: str, source: str) -> Document | Rejection:
    text = text_of(data, source)
    return text if isinstance(text, Rejection) else Document(id=doc_id, text=text, source=source)
