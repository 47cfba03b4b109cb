"""`dronewatch claims [--db] [--since --until --region --weapon --side --flag]
[--format table|jsonl|csv]`: stored claims, filtered."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Optional

import typer

from dronewatch.commands._common import (count_cell, db_option, place_cell, store_errors,
                                         when_cell, with_filters)

if TYPE_CHECKING:
    from dronewatch.store import Filters


class QueryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def print_claims_table(records) -> int:
    import orjson
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for name in ("when", "weapon", "where", "side", "figures", "claimant", "doc"):
        table.add_column(name, overflow="fold")
    n = 0
    for raw in records:
        r = orjson.loads(raw)
        cl = r.get("claimant") or {}
        figures = ", ".join(f"{m} {count_cell(r.get(m))}" for m in
                            ("launched", "intercepted", "hit", "killed", "injured") if r.get(m))
        table.add_row(when_cell(r.get("when")), r.get("weapon") or "",
                      place_cell(r.get("location")), cl.get("side") or "", figures,
                      cl.get("name") or "", r.get("doc_id") or "")
        n += 1
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    Console(stderr=True).print(f"{n:,} claims", highlight=False)
    return n


@with_filters
def claims_command(
    db: Optional[str] = db_option(),
    filters: Filters = None,
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", case_sensitive=False,
                                    help="table (for people), jsonl (FORMAT.md records), csv."),
) -> None:
    """Stored claims, filtered by date range, region, weapon, claimant side or flag."""
    from dronewatch.model import Claim
    from dronewatch.output import open_writer
    from dronewatch.store import iter_claims, open_store

    with store_errors():
        with open_store(db, create=False) as store:
            records = iter_claims(store, filters)
            if fmt is QueryFormat.table:
                print_claims_table(records)
                return
            import orjson

            out = sys.stdout.buffer
            try:
                with open_writer(fmt.value, out) as writer:
                    for raw in records:
                        if fmt is QueryFormat.jsonl:
                            writer.write_rendered(raw)
                        else:
                            writer.write(Claim.from_dict(orjson.loads(raw)))
            except BrokenPipeError:
                raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("claims")(claims_command)
