"""`dronewatch reprocess [--db URL]`: re-extract stored documents, replacing their claims."""

from __future__ import annotations

import os
from typing import Optional

import typer

from dronewatch.commands._common import db_option, run_with_progress, store_errors


def reprocess_command(
    db: Optional[str] = db_option(),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Worker processes for extraction (0: one per CPU)."),
    batch: int = typer.Option(500, "--batch", min=1, help="Documents per transaction."),
    timeout: float = typer.Option(60.0, "--timeout", min=0,
                                  help="Seconds allowed per document (0: no limit)."),
    incidents: bool = typer.Option(True, "--incidents/--no-incidents",
                                   help="Rebuild incidents and flags afterwards (needs "
                                        "dronewatch.verify); --no-incidents defers it to the "
                                        "next run that rebuilds."),
) -> None:
    """Re-extract every stored document with the current extractor and replace its claims
    (one transaction per batch; a document whose extraction fails keeps its claims)."""
    from dronewatch.store import open_store, reprocess

    workers = workers or os.cpu_count() or 1
    with store_errors():
        with open_store(db, create=False) as store:
            status = run_with_progress(
                store, lambda report, advance, phase: reprocess(
                    store, workers=workers, timeout=timeout, batch_size=batch, report=report,
                    rebuild=incidents, advance=advance, phase=phase),
                lambda stats: f"{stats.summary('re-extracted')} (replacing {stats.removed_claims:,} claims)")
    raise typer.Exit(status)


def register(app: typer.Typer) -> None:
    app.command("reprocess")(reprocess_command)
