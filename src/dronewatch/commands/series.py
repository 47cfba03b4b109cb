"""`dronewatch series [--measure M] [--weapon W] [--side S] [--region R] [--since D]
[--until D] [--format csv|jsonl] [--db URL]`: one point per night, as GET /api/series."""

from __future__ import annotations

import csv
import sys
from enum import Enum
from typing import Optional

import typer

from dronewatch.commands._common import db_option, fail, store_errors


class SeriesFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


def _checked(name: str, values: Optional[list[str]]) -> list[str]:
    from dronewatch.filter_values import problem

    out = [v.strip() for item in values or [] for v in item.split(",") if v.strip()]
    for value in out:
        message = problem(name, value)
        if message:
            raise fail(f"--{name} {value}: {message}", 2)
    return out


def _day(label: str, value: Optional[str]) -> Optional[str]:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise fail(f"{label} {value}: not a date (expected YYYY-MM-DD)", 2)


def series_command(
    measure: str = typer.Option("intercepted", "--measure", "-m",
                                help="launched | intercepted | hit | killed | injured."),
    weapon: Optional[list[str]] = typer.Option(None, "--weapon", metavar="KIND",
                                               help="Weapon class; repeatable (default: all)."),
    side: Optional[list[str]] = typer.Option(None, "--side", metavar="CC",
                                             help="Claimant's side; repeatable (default: all)."),
    region: Optional[list[str]] = typer.Option(None, "--region", metavar="CODE",
                                               help="Incidents covering this region instead of "
                                                    "the national figures; repeatable."),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="First night (its last day)."),
    until: Optional[str] = typer.Option(None, "--until", metavar="DATE", help="Last night."),
    fmt: SeriesFormat = typer.Option(SeriesFormat.csv, "--format", "-f", case_sensitive=False,
                                     help="csv (night, one column per side, reference) or jsonl."),
    db: Optional[str] = db_option(),
) -> None:
    """Night by night: the national figure each side claims and the reference table's."""
    from dronewatch.store import open_store
    from dronewatch.store.series import SERIES_MEASURES, SeriesQuery, series

    if measure not in SERIES_MEASURES:
        raise fail(f"--measure {measure}: not a measure (expected one of: {', '.join(SERIES_MEASURES)})", 2)
    q = SeriesQuery(measure=measure, weapons=_checked("weapon", weapon), sides=_checked("side", side),
                    regions=[r.upper() for r in _checked("region", region)],
                    since=_day("--since", since), until=_day("--until", until))
    with store_errors():
        with open_store(db, create=False) as store:
            result = series(store, q)
    if fmt is SeriesFormat.jsonl:
        import orjson

        for point in result["nights"]:
            sys.stdout.buffer.write(orjson.dumps(point) + b"\n")
        sys.stdout.flush()
        return
    sides = result["sides"]
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["night", *sides, "reference"])
    for point in result["nights"]:
        ref = point["reference"]
        w.writerow([point["night"], *(point["claims"].get(s, "") for s in sides),
                    "" if ref is None else ref])


def register(app: typer.Typer) -> None:
    app.command("series")(series_command)
