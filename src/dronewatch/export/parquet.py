"""Parquet (pyarrow): the flat rows of rows.py with a fixed, typed schema.

Counts are nullable int64 (unknown is null, not 0), coordinates float64, everything else
string. Rows are written in batches of `BATCH` through one ParquetWriter, so memory stays
bounded however many items are exported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dronewatch.export.rows import FLOAT_COLUMNS, INTEGER_COLUMNS, columns, kind_of, row
from dronewatch.model import Claim, Incident

BATCH = 50_000


def schema(kind: str):
    import pyarrow as pa

    def typ(name: str):
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()
    return pa.schema([(name, typ(name)) for name in columns(kind)], metadata={b"dronewatch": kind.encode()})


def write_parquet(items: Iterable[Claim | Incident], path: str | Path, kind: str | None = None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    it = iter(items)
    first = next(it, None)
    k = kind_of(first) if first is not None else (kind or "claim")
    sch = schema(k)
    n = 0
    with pq.ParquetWriter(str(path), sch) as writer:
        batch: list[dict] = []

        def flush() -> None:
            if batch:
                writer.write_table(pa.Table.from_pylist(batch, schema=sch))
                batch.clear()
        if first is not None:
            for item in _chain(first, it):
                if kind_of(item) != k:
                    raise TypeError("cannot mix claims and incidents in one parquet file")
                batch.append(row(item))
                n += 1
                if len(batch) >= BATCH:
                    flush()
        flush()
        if n == 0:
            writer.write_table(sch.empty_table())
    return n


def _chain(first, rest):
    yield first
    yield from rest
