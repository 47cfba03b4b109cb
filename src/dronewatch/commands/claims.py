"""`dronewatch claims [--db] [--since --until --region --weapon --side --flag]
[--format table|jsonl|csv]`: stored claims, filtered."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Optional

import typer

from dronewatch.commands._common import db_option, store_errors, with_filters

if TYPE_CHECKING:
    from dronewatch.store import Filters


class QueryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


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
                from dronewatch.commands.tables import print_claims_table

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
