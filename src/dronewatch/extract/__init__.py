"""Extraction: one document in, its claims out (see docs/extract.md).

Public API:
    extract(text, published=None, doc_id=None) -> list[Claim]
    extract_document(doc, problems=None) -> list[Claim]
    extract_documents(docs) -> Iterator[Claim]

`problems`, when given, receives one human-readable line per thing the extractor
refused (an implausible count, say); the caller reports them next to the input's name.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from dronewatch.model import Claim, Document


def extract_document(doc: Document, problems: list[str] | None = None) -> list[Claim]:
    from dronewatch.extract.assemble import assemble_claims  # noqa: WPS433 (keeps import light)

    return assemble_claims(doc, problems)


def extract(text: str, published: str | None = None, doc_id: str | None = None) -> list[Claim]:
    return extract_document(Document(id=doc_id or "doc", text=text, published=published))


def extract_documents(docs: Iterable[Document]) -> Iterator[Claim]:
    for doc in docs:
        yield from extract_document(doc)


__all__ = ["extract", "extract_document", "extract_documents"]
