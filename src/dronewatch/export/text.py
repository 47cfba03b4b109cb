"""Streaming text writers: JSON Lines (the FORMAT.md records) and CSV (flat rows).

Both write one item at a time from any iterable, so an export of millions of claims never
holds them all in memory. A CSV cell is empty where the value is unknown.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

import orjson

from dronewatch.export.rows import columns, kind_of, row
from dronewatch.model import Claim, Incident


def write_jsonl(items: Iterable[Claim | Incident], fh: TextIO) -> int:
    n = 0
    for item in items:
        kind_of(item)
        fh.write(orjson.dumps(item.to_dict()).decode())
        fh.write("\n")
        n += 1
    return n


def write_csv(items: Iterable[Claim | Incident], fh: TextIO, kind: str | None = None) -> int:
    """Header from the first item's kind (or `kind` when there may be none)."""
    it = iter(items)
    first = next(it, None)
    if first is None:
        if kind:
            csv.writer(fh).writerow(columns(kind))
        return 0
    k = kind_of(first)
    writer = csv.DictWriter(fh, fieldnames=columns(k), extrasaction="raise")
    writer.writeheader()
    n = 0
    for item in _chain(first, it):
        if kind_of(item) != k:
            raise TypeError("cannot mix claims and incidents in one CSV file")
        writer.writerow({key: ("" if v is None else v) for key, v in row(item).items()})
        n += 1
    return n


def _chain(first, rest):
    yield first
    yield from rest
