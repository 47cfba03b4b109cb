"""POST /api/documents: store documents sent as JSON (the FORMAT.md input shape), through
the same pipeline as `dronewatch ingest`, then rebuild the incidents. Needs the token."""

from __future__ import annotations

import threading

import orjson
from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from dronewatch.api.auth import write_access
from dronewatch.api.routes._common import json_bytes, json_response, store_of
from dronewatch.api.schemas import DOCUMENTS_BODY, IngestResult
from dronewatch.ingest.common import document_from_obj, shorten
from dronewatch.model import Rejection
from dronewatch.store.db import Store
from dronewatch.store.pipeline import FAILURE_PREFIXES, ingest_documents

router = APIRouter(tags=["documents"])
MAX_BODY = 32 * 1024 * 1024   # bytes of one request
MAX_DOCUMENTS = 2000          # documents of one request
# one upload at a time: each ends in a rebuild of all incidents, which is global
_ingest_lock = threading.Lock()


def _label(n: int, obj) -> str:
    doc_id = obj.get("id") if isinstance(obj, dict) else None
    # shortened: an id over the length limit is refused, and must not come back a megabyte long
    return f"document {n}" + (f" (id {shorten(doc_id, 80)})" if isinstance(doc_id, (str, int))
                              else "")


def _ingest(store: Store, extractor, objects: list) -> dict:
    items, rejected, problems = [], [], []
    for n, obj in enumerate(objects):
        item = document_from_obj(obj, _label(n, obj))
        if not isinstance(item, Rejection) and any(
                "\x00" in (v or "") for v in (item.id, item.text, item.url, item.title,
                                              item.outlet)):
            item = Rejection(item.source, "contains a NUL character (no database keeps it)")
        if isinstance(item, Rejection):
            rejected.append({"source": item.source, "reason": item.reason})
        else:
            items.append(item)

    def report(source: str, reason: str) -> None:
        entry = {"source": source, "reason": reason}
        (rejected if reason.startswith(FAILURE_PREFIXES) else problems).append(entry)

    with _ingest_lock:
        stats = ingest_documents(store, items, report=report, extractor=extractor)
    return {"documents": stats.stored, "claims": stats.claims, "rejected": rejected,
            "duplicates": stats.duplicates + stats.revised, "problems": problems,
            "incidents": stats.incidents}


@router.post("/api/documents", response_model=None, dependencies=[Depends(write_access)],
             openapi_extra=DOCUMENTS_BODY, responses={200: {"model": IngestResult}})
async def post_documents(request: Request):
    """Store one document or a list of them (FORMAT.md: id, text, published, url, title,
    outlet) and rebuild the incidents. Documents already stored are counted as duplicates;
    an invalid one is listed under `rejected` and the rest are still stored."""
    size = request.headers.get("content-length")
    if size and size.isdigit() and int(size) > MAX_BODY:
        raise HTTPException(413, f"body of {int(size):,} bytes is over the limit of {MAX_BODY:,}")
    raw = bytearray()
    async for chunk in request.stream():  # a body sent without Content-Length is counted too
        raw += chunk
        if len(raw) > MAX_BODY:
            raise HTTPException(413, f"body over the limit of {MAX_BODY:,} bytes (stopped "
                                     f"reading)")
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise HTTPException(422, f"the body is not JSON: {exc}") from None
    objects = body if isinstance(body, list) else [body]
    if not isinstance(body, (list, dict)):
        raise HTTPException(422, "the body must be a document object or a list of them")
    if len(objects) > MAX_DOCUMENTS:
        raise HTTPException(413, f"{len(objects):,} documents in one request; at most "
                                 f"{MAX_DOCUMENTS:,}")
    result = await run_in_threadpool(_ingest, store_of(request), request.app.state.extractor,
                                     objects)
    request.app.state.cache.invalidate()
    return json_response(json_bytes(result))
