"""`dronewatch serve [--db URL] [--host 127.0.0.1] [--port 8000] [--private] [--workers N] [--timeout S]`: the REST API
and the dashboard (dronewatch.api) under uvicorn. Uploads need $DRONEWATCH_TOKEN."""

from __future__ import annotations

from typing import Optional

import typer

from dronewatch.commands._common import db_option, fail, store_errors
from dronewatch.extract.pool import DEFAULT_TIMEOUT


def serve_command(
    db: Optional[str] = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDR", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    private: bool = typer.Option(False, "--private",
                                 help="Reads need the token too (Authorization: Bearer "
                                      "$DRONEWATCH_TOKEN), not only uploads."),
    access_log: bool = typer.Option(True, "--access-log/--no-access-log",
                                    help="Log one line per request."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Server processes (one core each) sharing the port."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0, metavar="SECONDS",
                                  help="Seconds of extraction an uploaded document may take "
                                       "(0: no limit); a document over it is rejected, the "
                                       "others are stored."),
    create: bool = typer.Option(False, "--create",
                                help="Create the store if it does not exist (else: refused, "
                                     "so a typo in --db is not served as an empty store)."),
) -> None:
    """Serve the store over HTTP: the JSON API under /api, the dashboard at /, the API
    docs at /docs. POST /api/documents needs the token in $DRONEWATCH_TOKEN."""
    from dronewatch.api import serve

    with store_errors():
        try:
            serve(db, host=host, port=port, require_token_for_reads=private,
                  access_log=access_log, workers=workers, create=create,
                  upload_timeout=timeout)
        except ValueError as exc:
            raise fail(str(exc), 2)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
