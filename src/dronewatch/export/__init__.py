"""Exports of claims and incidents: csv, jsonl, geojson, parquet and ACLED-shaped csv.
See docs/export.md.

    >>> from dronewatch.export import write
    >>> write(incidents, "geojson", "incidents.geojson")       # doctest: +SKIP

Every writer takes any iterable of `Claim`s or of `Incident`s (not both in one file) and
returns the number written; jsonl, csv, geojson and acled stream one item at a time,
parquet writes in batches.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dronewatch.export.acled import ACLED_COLUMNS, acled_row, write_acled
from dronewatch.export.geojson import feature, write_geojson
from dronewatch.export.parquet import write_parquet
from dronewatch.export.rows import CLAIM_COLUMNS, INCIDENT_COLUMNS, claim_row, incident_row
from dronewatch.export.text import write_csv, write_jsonl
from dronewatch.model import Claim, Incident

FORMATS = ("csv", "jsonl", "geojson", "parquet", "acled")


def write(items: Iterable[Claim | Incident], fmt: str, out: str | Path | Any, **options: Any) -> int:
    """Write items in format `fmt` to a path (or, except parquet, an open text file).

    Options: `documents` (acled: outlet names for the source column), `timestamp` (acled),
    `kind` ("claim" | "incident": the header of an empty csv or parquet file)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return write_parquet(items, out, kind=options.get("kind"))
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return write(items, fmt, fh, **options)
    if fmt == "jsonl":
        return write_jsonl(items, out)
    if fmt == "csv":
        return write_csv(items, out, kind=options.get("kind"))
    if fmt == "geojson":
        return write_geojson(items, out)
    return write_acled(items, out, options.get("documents", ()), options.get("timestamp"))


__all__ = ["FORMATS", "write", "write_csv", "write_jsonl", "write_geojson", "write_parquet",
           "write_acled", "acled_row", "feature", "claim_row", "incident_row", "ACLED_COLUMNS",
           "CLAIM_COLUMNS", "INCIDENT_COLUMNS"]
