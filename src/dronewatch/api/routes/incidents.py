"""GET /api/incidents and /api/incidents/{id}: incidents with their agreed figures and
flags; one incident with its claims, the evidence text and its source documents."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from dronewatch.api.params import PageParams, filters
from dronewatch.api.routes._common import cache_key, json_bytes, json_response, store_of
from dronewatch.api.schemas import IncidentDetail, IncidentPage, NotFound
from dronewatch.store.pages import incident_detail, page_incidents
from dronewatch.store.query import Filters

router = APIRouter(tags=["incidents"])


@router.get("/api/incidents", response_model=None, responses={200: {"model": IncidentPage}})
def list_incidents(request: Request, f: Filters = Depends(filters),
                   page: PageParams = Depends()):
    """One page of incidents matching the filters (region, side and text: any of their
    claims); follow `next_cursor` for the next."""
    store = store_of(request)

    def make() -> bytes:
        result = page_incidents(store, f, sort=page.sort, limit=page.limit, cursor=page.cursor)
        return json_bytes({"items": result.items, "next_cursor": result.next_cursor})

    return json_response(request.app.state.cache.get_or_make(store, cache_key(request), make))


@router.get("/api/incidents/{incident_id}", response_model=None,
            responses={200: {"model": IncidentDetail}, 404: {"model": NotFound}})
def get_incident(request: Request,
                 incident_id: str = Path(max_length=200, description="An incident's id.")):
    """One incident: its claims (each evidence span with the text it covers) and the full
    text of every source document."""
    # a NUL can be in no stored id, and PostgreSQL refuses it in a query
    found = None if "\x00" in incident_id else incident_detail(store_of(request), incident_id)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id!r} in this store")
    return json_response(json_bytes(found))
