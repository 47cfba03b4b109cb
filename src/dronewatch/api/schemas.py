"""Response shapes for the OpenAPI document (/openapi.json, /docs). The routes write their
JSON directly (orjson), so these describe the contract; tests check the bodies."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel


class Health(BaseModel):
    status: str
    version: str
    documents: int
    claims: int
    incidents: int


class ClaimPage(BaseModel):
    items: list[dict[str, Any]]  # FORMAT.md claim records plus "incident_id"
    next_cursor: Optional[str]


class Flag(BaseModel):
    kind: str
    message: str
    claim_id: Optional[str]


class IncidentSummary(BaseModel):
    id: str
    weapon: str
    location: dict[str, Any]      # Location: country, admin1, place, facility, water_body,
    when: dict[str, Any]          # lat, lon, precision, text; TimeSpan: start, end, precision
    values: dict[str, dict[str, dict[str, Any]]]  # measure -> side -> {"value", "how", ...}
    flags: list[Flag]
    documents: list[str]
    n_claims: int
    n_documents: int


class IncidentPage(BaseModel):
    items: list[IncidentSummary]
    next_cursor: Optional[str]


class Document(BaseModel):
    id: str
    url: Optional[str]
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    text: str


class IncidentDetail(IncidentSummary):
    claims: list[dict[str, Any]]  # full records; evidence spans carry their "text"
    documents: list[Document]     # type: ignore[assignment]


class DayFigure(BaseModel):
    day: str
    weapon: str
    measure: str
    value: int


class SpreadFigure(DayFigure):
    """Part of a `by_day` figure from incidents covering the nights from `start` to `day`."""
    start: str


class RegionFigure(BaseModel):
    region: str
    name: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    measure: str
    weapon: str
    value: int


class Stats(BaseModel):
    by_day: list[DayFigure]
    by_region: list[RegionFigure]
    totals: dict[str, int]
    spread: list[SpreadFigure]


class Problem(BaseModel):
    source: str
    reason: str


class IngestResult(BaseModel):
    documents: int
    claims: int
    rejected: list[Problem]
    duplicates: int
    problems: list[Problem]
    incidents: Optional[int]


class NotFound(BaseModel):
    detail: str


_DOCUMENT_SCHEMA = {
    "type": "object", "required": ["text"],
    "properties": {"id": {"type": "string"}, "text": {"type": "string"},
                   "published": {"type": ["string", "null"], "description": "YYYY-MM-DD"},
                   "url": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
                   "outlet": {"type": ["string", "null"]}},
}
DOCUMENTS_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "oneOf": [_DOCUMENT_SCHEMA, {"type": "array", "items": _DOCUMENT_SCHEMA}]}}}}}
