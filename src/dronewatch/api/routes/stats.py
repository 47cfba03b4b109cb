"""GET /api/stats: figures per day and per region, summed over incidents (store/stats.py
says which incidents are summed and why)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from dronewatch.api.params import filters
from dronewatch.api.routes._common import cache_key, json_bytes, json_response, store_of
from dronewatch.api.schemas import Stats
from dronewatch.store.query import Filters
from dronewatch.store.stats import stats

router = APIRouter(tags=["stats"])


@router.get("/api/stats", response_model=None, responses={200: {"model": Stats}})
def get_stats(request: Request, f: Filters = Depends(filters)):
    """Per day (by weapon and measure), per region, and totals, for the incidents matching
    the filters: one figure per incident, never a sum over raw claims."""
    store = store_of(request)
    body = request.app.state.cache.get_or_make(store, cache_key(request),
                                               lambda: json_bytes(stats(store, f)))
    return json_response(body)
