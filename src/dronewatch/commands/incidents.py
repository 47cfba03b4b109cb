"""`dronewatch incidents [--db] [filters] [--format table|jsonl|csv]`: stored incidents
(built by dronewatch.verify at ingest/reprocess time)."""

from __future__ import annotations

import csv
import io
import sys
from typing import TYPE_CHECKING, Optional

import typer

from dronewatch.commands._common import db_option, fail, store_errors, with_filters

from dronewatch.commands.claims import QueryFormat

if TYPE_CHECKING:
    from dronewatch.store import Filters

CSV_COLUMNS = ("id", "weapon", "when_start", "when_end", "country", "admin1", "water_body",
               "location_text", "documents", "claims", "values", "flags")


def _csv_row(d: dict) -> list:
    import orjson

    loc, when = d.get("location") or {}, d.get("when") or {}
    row = [d.get("id"), d.get("weapon"), when.get("start"), when.get("end"), loc.get("country"),
           ";".join(loc.get("admin1") or []), loc.get("water_body"), loc.get("text"),
           ";".join(d.get("documents") or []), ";".join(c["id"] for c in d.get("claims") or []),
           orjson.dumps(d.get("values") or {}).decode(),
           ";".join(f["kind"] for f in d.get("flags") or [])]
    return ["" if v is None else v for v in row]


@with_filters
def incidents_command(
    db: Optional[str] = db_option(),
    filters: Filters = None,
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", case_sensitive=False,
                                    help="table, jsonl (one incident per line), csv."),
) -> None:
    """Stored incidents (claims grouped across documents), with their flags."""
    from dronewatch.store import iter_incidents, open_store
    from dronewatch.store.incidents import available

    with store_errors():
        with open_store(db, create=False) as store:
            if not available():
                raise fail("incidents need dronewatch.verify.group_incidents, which this "
                           "build does not have")
            incidents = iter_incidents(store, filters)
            if fmt is QueryFormat.jsonl:
                import orjson

                out = sys.stdout.buffer
                for d in incidents:
                    out.write(orjson.dumps(d) + b"\n")
                out.flush()
            elif fmt is QueryFormat.csv:
                text = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
                w = csv.writer(text)
                w.writerow(CSV_COLUMNS)
                for d in incidents:
                    w.writerow(_csv_row(d))
                text.flush()
                text.detach()
            else:
                from dronewatch.commands.tables import print_incidents_table

                print_incidents_table(incidents)


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents_command)
