"""`dronewatch reference import FILE [--format piterfm] [--db URL]`: load a hand-coded table
of nightly figures; incidents are then rebuilt and compared with it (docs/verify.md)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from dronewatch.commands._common import PROG, db_option, fail, store_errors


class ReferenceFormat(str, Enum):
    piterfm = "piterfm"


def import_command(
    file: Path = typer.Argument(..., metavar="FILE", help="The table (CSV)."),
    fmt: ReferenceFormat = typer.Option(ReferenceFormat.piterfm, "--format", "-f",
                                        case_sensitive=False,
                                        help="piterfm: the 'Massive Missile Attacks on Ukraine' CSV."),
    db: Optional[str] = db_option(),
) -> None:
    """Load a reference table into the store, replacing an earlier import of the same
    format, and rebuild the incidents so that they are compared with it."""
    from dronewatch.store import open_store
    from dronewatch.store.incidents import rebuild
    from dronewatch.store.reference import FORMATS, replace_table

    if not file.is_file():
        raise fail(f"{file}: no such file", 2)
    problems: list[str] = []
    rows = FORMATS[fmt.value](file, problems.append, table=fmt.value)
    for line in problems:
        sys.stderr.write(f"{PROG}: {line}\n")
    if not rows:
        raise fail(f"{file}: no rows to import; the stored {fmt.value} table is left as it was")
    with store_errors():
        with open_store(db) as store:
            with store.writer() as conn:
                replace_table(conn, fmt.value, rows)
            count = rebuild(store)
            built = "" if count is None else f"; {count:,} incidents rebuilt"
            sys.stderr.write(f"{PROG}: {store.name}: {len(rows):,} rows of {file.name} "
                             f"imported as the {fmt.value} table{built}\n")
    raise typer.Exit(1 if problems else 0)


def register(app: typer.Typer) -> None:
    reference = typer.Typer(help="Hand-coded reference tables the incidents are compared with.",
                            no_args_is_help=True)
    reference.command("import")(import_command)
    app.add_typer(reference, name="reference")
