"""GET /api/claims: claim records as FORMAT.md has them, plus the incident they belong to."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from dronewatch.api.params import PageParams, filters
from dronewatch.api.routes._common import json_bytes, json_response, store_of
from dronewatch.api.schemas import ClaimPage
from dronewatch.store.pages import page_claims
from dronewatch.store.query import Filters

router = APIRouter(tags=["claims"])


@router.get("/api/claims", response_model=None, responses={200: {"model": ClaimPage}})
def list_claims(request: Request, f: Filters = Depends(filters), page: PageParams = Depends()):
    """One page of claims matching the filters; follow `next_cursor` for the next."""
    result = page_claims(store_of(request), f, sort=page.sort, limit=page.limit,
                         cursor=page.cursor)
    # the stored records go out byte for byte, spliced rather than decoded and re-encoded
    body = b'{"items":[' + b",".join(result.items) + b'],"next_cursor":' + \
        json_bytes(result.next_cursor) + b"}"
    return json_response(body)
