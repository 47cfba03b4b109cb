"""GET /api/series: one point per night, the national figure each side claims and the
reference table's figure (store/series.py says what is summed and why)."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Query, Request

from dronewatch.api.params import ISODate, check_values, period
from dronewatch.api.routes._common import json_bytes, json_response, store_of
from dronewatch.store.series import SERIES_MEASURES, SeriesQuery, series

router = APIRouter(tags=["series"])
SERIES_PARAMS = frozenset({"measure", "weapon", "side", "region", "since", "until"})


def series_query(
    measure: Annotated[Literal[SERIES_MEASURES], Query(
        description="What is counted each night.")] = "intercepted",
    weapon: Annotated[Optional[list[str]], Query(
        description="Weapon class; repeat for several (default: all).")] = None,
    side: Annotated[Optional[list[str]], Query(
        description="Claimant's side (RU, UA); repeat for several (default: all).")] = None,
    region: Annotated[Optional[list[str]], Query(
        description="ISO 3166-2 region: the incidents covering it instead of the national "
                    "figures (no reference then).")] = None,
    since: Annotated[Optional[ISODate], Query(description="First night (its last day).")] = None,
    until: Annotated[Optional[ISODate], Query(description="Last night (its last day).")] = None,
) -> SeriesQuery:
    check_values(region=region, weapon=weapon, side=side)
    since_day, until_day = period(since, until)
    return SeriesQuery(measure=measure, weapons=list(weapon or []), sides=list(side or []),
                       regions=[r.upper() for r in region or []], since=since_day, until=until_day)


@router.get("/api/series")
def get_series(request: Request, q: SeriesQuery = Depends(series_query)):
    """One point per night (keyed by the morning that ends it): each side's national claim,
    summed over the selected weapons' national incidents, and the reference figure."""
    store = store_of(request)
    key = (request.url.path, tuple(sorted(kv for kv in request.query_params.multi_items()
                                          if kv[0] in SERIES_PARAMS)))
    return json_response(request.app.state.cache.get_or_make(
        store, key, lambda: json_bytes(series(store, q))))
