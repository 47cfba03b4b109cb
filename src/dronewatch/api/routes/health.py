"""GET /api/health: is the store readable, and how much does it hold."""

from __future__ import annotations

from fastapi import APIRouter, Request

from dronewatch import __version__
from dronewatch.api.routes._common import json_bytes, json_response, store_of
from dronewatch.api.schemas import Health
from dronewatch.store.pages import store_counts

router = APIRouter(tags=["health"])


@router.get("/api/health", response_model=None, responses={200: {"model": Health}})
def health(request: Request):
    """Row counts of the store (documents, claims, incidents)."""
    return json_response(json_bytes({"status": "ok", "version": __version__,
                                     **store_counts(store_of(request))}))
