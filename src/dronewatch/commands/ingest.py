"""`dronewatch ingest INPUT... [--db URL] [--workers N]`: extract and store."""

from __future__ import annotations

import itertools
import os
import sys
from typing import Optional

import typer

from dronewatch.commands._common import db_option, fail, run_with_progress, store_errors
from dronewatch.model import Rejection


def ingest_command(
    inputs: Optional[list[str]] = typer.Argument(
        None, metavar="INPUT...", show_default=False,
        help="JSONL/JSON/.txt/.html files, folders (recursive), or - for stdin."),
    db: Optional[str] = db_option(),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Worker processes for extraction (0: one per CPU)."),
    batch: int = typer.Option(500, "--batch", min=1,
                              help="Documents per transaction."),
    max_bytes: int = typer.Option(None, "--max-bytes", min=1,
                                  help="Largest document accepted, in bytes (as extract)."),
    timeout: float = typer.Option(60.0, "--timeout", min=0,
                                  help="Seconds allowed per document (0: no limit)."),
    incidents: bool = typer.Option(True, "--incidents/--no-incidents",
                                   help="Rebuild incidents and flags afterwards (needs "
                                        "dronewatch.verify); --no-incidents defers it to the "
                                        "next run that rebuilds."),
    sample: bool = typer.Option(False, "--sample", help="Also read the sample articles."),
    engine: str = typer.Option("local", "--engine", metavar="local|ray",
                               help="ray: extract on Ray Data (JSONL/Parquet inputs), store "
                                    "here (docs/scale.md)."),
    address: Optional[str] = typer.Option(None, "--address", metavar="ADDR",
                                          help="--engine ray: join this Ray cluster."),
    cpus: Optional[int] = typer.Option(None, "--cpus", min=1,
                                       help="--engine ray: CPUs of the local Ray (default: all)."),
) -> None:
    """Extract claims from documents and store them; a rerun adds nothing twice.

    Rejected inputs get the same one-line errors as `extract` and change nothing stored;
    the exit status is 1 if anything was rejected or failed. A store is created only when
    at least one input could be read, so a typo in the input name creates nothing."""
    from dronewatch.cli import Reporter, sample_path
    from dronewatch.ingest import DEFAULT_MAX_BYTES, read_inputs
    from dronewatch.ingest.skipped import Skipped
    from dronewatch.store import ingest_documents, open_store
    from dronewatch.store.db import StoreMissing  # here: SQLAlchemy costs every command's start

    paths = list(inputs or [])
    if sample:
        paths.insert(0, str(sample_path()))
    if not paths:
        raise fail("no input: give INPUT... (a file, a folder or -) or --sample", 2)
    workers = workers or os.cpu_count() or 1
    max_bytes = max_bytes or DEFAULT_MAX_BYTES
    if engine not in ("local", "ray"):
        raise fail(f"--engine {engine}: expected local or ray", 2)

    skipped = Skipped()
    reporter = Reporter.for_inputs(paths if engine == "local" else [])
    items = read_inputs(paths, max_bytes=max_bytes, skipped=skipped, progress=reporter.input)
    head = [] if engine == "ray" else read_until_a_document(items)

    def work(report, advance, phase):
        if engine == "ray":
            from dronewatch.scale.ray_engine import ingest_on_ray

            return ingest_on_ray(store, paths, address=address, cpus=cpus, max_bytes=max_bytes,
                                 timeout=timeout, batch_size=batch, report=report,
                                 rebuild=incidents, advance=advance)
        return ingest_documents(store, itertools.chain(head, items), workers=workers,
                                timeout=timeout, batch_size=batch, report=report,
                                rebuild=incidents, advance=advance, phase=phase)

    def summary(stats) -> str:
        return "; ".join([stats.summary(), *skipped.lines()])

    if engine == "ray":
        from dronewatch.scale.ray_engine import RayMissing, import_ray

        try:
            import_ray()
        except RayMissing as exc:
            raise fail(str(exc), 2)
    readable = engine == "ray" or (head and not isinstance(head[-1], Rejection))
    with store_errors():
        try:
            store = open_store(db, create=bool(readable))
        except StoreMissing:  # nothing could be read, and no store to report to
            from dronewatch.cli import error_line
            from dronewatch.store import display_url, resolve_url

            for rejection in head:
                sys.stderr.write(error_line(rejection.source, rejection.reason) + "\n")
            reasons = "; ".join(skipped.lines() or ["no input could be read"])
            raise fail(f"{display_url(resolve_url(db))}: not created: {reasons}")
        with store:
            status = run_with_progress(store, work, summary, reporter)
    raise typer.Exit(status)


def read_until_a_document(items) -> list:
    """The items up to and including the first document (all of them if there is none),
    taken from the iterator `items`: whether anything could be read decides whether a new
    store is made."""
    head = []
    for item in items:
        head.append(item)
        if not isinstance(item, Rejection):
            break
    return head


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
