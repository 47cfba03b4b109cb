"""What the route modules share: the store of the app, JSON bodies built with orjson, and
the cache key of a request."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request, Response

from dronewatch.store.db import Store


def store_of(request: Request) -> Store:
    return request.app.state.store


def json_bytes(value: Any) -> bytes:
    return orjson.dumps(value)


def json_response(body: bytes, status: int = 200) -> Response:
    return Response(content=body, status_code=status, media_type="application/json")


def cache_key(request: Request) -> tuple:
    """The path and the query parameters its route reads, order-insensitive across names:
    any other parameter changes nothing in the response, so it must not make a new entry
    (junk parameters filled the cache to ~500 MiB)."""
    read = route_params(request.scope["route"])
    items = sorted((kv for kv in request.query_params.multi_items() if kv[0] in read),
                   key=lambda kv: kv[0])
    return (request.url.path, tuple(items))


def route_params(route) -> frozenset[str]:
    """The query parameter names a route declares (its dependencies' included), worked out
    once and kept on the route."""
    names = getattr(route, "_dronewatch_query_names", None)
    if names is None:
        names = route._dronewatch_query_names = frozenset(_query_names(route.dependant))
    return names


def _query_names(dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names
