"""What the store commands share: the --db option, filters, error handling, table cells."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterator, Optional

import typer

PROG = "dronewatch"

# no long unbreakable words: the help column of an 80-column terminal is ~20 wide
DB_HELP = ("Database: a SQLite file, or a PostgreSQL URL (postgresql:// user:pw@host/db, "
           "docs/store.md). Default: $DRONEWATCH_DB, else ./dronewatch.db.")


def db_option():
    return typer.Option(None, "--db", metavar="URL", help=DB_HELP, show_default=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    sys.stderr.write(f"{PROG}: " + " ".join(str(message).split()) + "\n")
    sys.stderr.flush()
    return typer.Exit(code)


@contextmanager
def store_errors() -> Iterator[None]:
    """StoreError -> one stderr line and exit 1; Ctrl-C -> exit 130."""
    from dronewatch.store import StoreError

    try:
        yield
    except StoreError as exc:
        raise fail(str(exc))
    except KeyboardInterrupt:
        raise typer.Exit(130)


def run_with_progress(store, work, summary, reporter=None) -> int:
    """Run `work(report, advance, phase)` on an open store with the progress bar and error
    lines of `extract` (`reporter`, a `cli.Reporter`), print `summary(stats)` as the last
    line, and give the exit status: 1 when anything was rejected."""
    from dronewatch.cli import Reporter

    with reporter or Reporter() as reporter:
        stats = work(reporter.error, reporter.advance, reporter.phase)
        line = f"{store.name}: {summary(stats)}"
        reporter.summary(line)
        if not reporter.enabled:
            sys.stderr.write(f"{PROG}: {line}\n")
    return 1 if stats.errors else 0


FILTER_PARAMS = ("since", "until", "region", "weapon", "side", "flag", "limit")
FILTER_TYPES = (Optional[str], Optional[str], Optional[list[str]], Optional[list[str]],
                Optional[list[str]], Optional[list[str]], Optional[int])


def with_filters(command):
    """`command` with the filter options (--since, --until, --region, --weapon, --side,
    --flag, --limit), which it receives checked, as one `filters` argument (a store
    `Filters`). Typer reads a command's options from its signature, so the wrapper's
    signature is the command's own options plus these: each command lists only its own."""
    import functools
    import inspect

    sig = inspect.signature(command)
    own = [p for p in sig.parameters.values() if p.name != "filters"]
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option,
                               annotation=kind)
             for name, option, kind in zip(FILTER_PARAMS, filter_options(), FILTER_TYPES)]

    @functools.wraps(command)
    def run(**kwargs):
        filters = make_filters(*(kwargs.pop(name) for name in FILTER_PARAMS))
        return command(filters=filters, **kwargs)

    run.__signature__ = sig.replace(parameters=own + added)
    run.__annotations__ = {**{k: v for k, v in command.__annotations__.items() if k != "filters"},
                           **dict(zip(FILTER_PARAMS, FILTER_TYPES))}
    return run


def filter_options():
    """(since, until, region, weapon, side, flag, limit) typer options, in that order."""
    return (
        typer.Option(None, "--since", metavar="DATE", help="Only what happened on or after DATE (YYYY-MM-DD)."),
        typer.Option(None, "--until", metavar="DATE", help="Only what happened on or before DATE."),
        typer.Option(None, "--region", metavar="CODE",
                     help="Region (ISO 3166-2: RU-BEL) or country (RU); repeat for several."),
        typer.Option(None, "--weapon", metavar="KIND",
                     help="drone | missile | naval_drone | glide_bomb | unknown; repeatable."),
        typer.Option(None, "--side", metavar="CC", help="Claimant's side (RU, UA, ...); repeatable."),
        typer.Option(None, "--flag", metavar="KIND",
                     help="Flag kind (breakdown_mismatch, date_conflict, ...); repeatable."),
        typer.Option(None, "--limit", min=1, help="At most this many rows."),
    )


def make_filters(since, until, region, weapon, side, flag, limit):
    from datetime import date

    from dronewatch.store import Filters

    for label, value in (("--since", since), ("--until", until)):
        if value is not None:
            try:
                date.fromisoformat(value[:10])
            except ValueError:
                raise fail(f"{label} {value}: not a date (expected YYYY-MM-DD)", 2)

    def split(values: Optional[list[str]]) -> list[str]:
        return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]

    from dronewatch.filter_values import problem

    for name, values in (("region", region), ("weapon", weapon), ("side", side), ("flag", flag)):
        for value in split(values):
            message = problem(name, value)
            if message:  # the API's 422 says the same (api/params.py)
                raise fail(f"--{name}: {message}", 2)
    return Filters(since=since, until=until, regions=split(region), weapons=split(weapon),
                   sides=split(side), flags=split(flag), limit=limit)


QUALIFIER = {"exact": "", "approx": "~", "at_least": "≥", "at_most": "≤"}


def count_cell(c) -> str:
    if not c:
        return ""
    return f"{QUALIFIER.get(c.get('qualifier') or 'exact', '')}{c.get('value')}"


def place_cell(loc: dict) -> str:
    loc = loc or {}
    parts = list(loc.get("admin1") or [])
    if not parts:
        parts = [loc.get("water_body") or loc.get("country") or ""]
    text = loc.get("place") or loc.get("facility") or loc.get("text")
    label = ",".join(p for p in parts if p)
    return f"{label} ({text})" if text and text not in label else label
