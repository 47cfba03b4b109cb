"""`dronewatch demo [--db PATH] [--host 127.0.0.1] [--port 8000] [--no-serve]`: build a
store from the demo corpus shipped with dronewatch and serve the dashboard over it."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from dronewatch.commands._common import PROG, fail, store_errors


def demo_command(
    db: Optional[str] = typer.Option(
        None, "--db", metavar="PATH",
        help="Store to build (SQLite file or URL). Default: a fresh demo.db in the folder "
             "~/.cache/dronewatch (or under $XDG_CACHE_HOME), rebuilt on each run."),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDR", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    serve: bool = typer.Option(True, "--serve/--no-serve",
                               help="Serve the dashboard afterwards (--no-serve: build only)."),
) -> None:
    """Build a demo store (46 invented reports over two weeks, every kind of flag) and serve
    the dashboard over it: the quickest look at what dronewatch does."""
    from dronewatch.cli import error_line
    from dronewatch.samples.demo import build_demo

    def say(line: str) -> None:
        sys.stderr.write(f"{PROG}: {line}\n")
        sys.stderr.flush()

    with store_errors():
        db, name, stats = build_demo(db, report=lambda source, reason: sys.stderr.write(
            error_line(source, reason) + "\n"))
    say(f"demo store {name}: {stats.summary()}")
    if not serve:
        say(f"serve it with: dronewatch serve --db {name if '://' not in name else 'URL'}")
        return
    try:
        from dronewatch.api import serve as serve_api
    except ImportError as exc:
        raise fail(f"the API is not available ({exc}); the store is built: {name}")
    say(f"dashboard at http://{host if ':' not in host else f'[{host}]'}:{port}/ "
        f"(Ctrl-C stops)")
    with store_errors():
        serve_api(db, host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
