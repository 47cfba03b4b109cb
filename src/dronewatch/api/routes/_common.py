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
    """The path and the query parameters, order-insensitive across names."""
    items = sorted(request.query_params.multi_items(), key=lambda kv: kv[0])
    return (request.url.path, tuple(items))
