"""`dronewatch watch FEED_URL... [--db URL] [--interval 300] [--once] [--allow-private]
[--max-bytes N] [--timeout S]`: poll RSS/Atom feeds and ingest their new articles."""

from __future__ import annotations

import signal
import sys
from typing import Optional

import typer

from dronewatch.commands._common import PROG, db_option, fail, store_errors


def _say(line: str) -> None:
    sys.stderr.write(f"{PROG}: {line}\n")
    sys.stderr.flush()


def watch_command(
    feeds: Optional[list[str]] = typer.Argument(
        None, metavar="FEED_URL...", show_default=False,
        help="RSS or Atom feed URLs (http/https). None: every feed this store watched before."),
    db: Optional[str] = db_option(),
    interval: float = typer.Option(300.0, "--interval", min=1, metavar="SECONDS",
                                   help="Seconds between two polls of a feed."),
    once: bool = typer.Option(False, "--once",
                              help="Poll every feed once and exit (for cron and tests)."),
    allow_private: bool = typer.Option(
        False, "--allow-private",
        help="Also fetch from private, loopback and link-local addresses (a local test server)."),
    max_bytes: int = typer.Option(5_000_000, "--max-bytes", min=1,
                                  help="Largest feed or page read, in bytes."),
    timeout: float = typer.Option(30.0, "--timeout", min=0,
                                  help="Seconds allowed per request (0: no limit)."),
) -> None:
    """Poll feeds, fetch each new item's article page once, extract and store it.

    One line on stderr per feed or page that gave nothing (and why), then it goes on; a
    failing feed is asked again later and later. The exit status of --once is 1 when
    anything was reported."""
    from dronewatch.cli import error_line
    from dronewatch.ingest.fetch import FetchError
    from dronewatch.ingest.watch import Watcher
    from dronewatch.store import open_store

    def report(source: str, reason: str) -> None:
        sys.stderr.write(error_line(source, reason) + "\n")
        sys.stderr.flush()

    with store_errors():
        with open_store(db) as store:
            try:
                watcher = Watcher(store, list(feeds or []), interval=interval,
                                  allow_private=allow_private, max_bytes=max_bytes,
                                  timeout=timeout, report=report, log=_say)
            except FetchError as exc:
                raise fail(str(exc), 2)
            try:
                if not watcher.feeds():
                    raise fail("no feeds: give FEED_URL... (none watched in this store yet)", 2)
                if once:
                    stats = watcher.poll_round()
                    _say(f"{store.name}: {stats.summary()}")
                    raise typer.Exit(1 if stats.errors else 0)
                _say(f"watching {len(watcher.feeds())} feeds every {interval:g} s into "
                     f"{store.name}; Ctrl-C stops")
                # a service manager's stop (SIGTERM) ends the loop as Ctrl-C does; and Ctrl-C
                # works even when started in the background, where the shell hands down
                # SIGINT ignored (Python then installs no KeyboardInterrupt of its own)
                signal.signal(signal.SIGTERM, signal.default_int_handler)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                try:
                    watcher.run(on_round=lambda stats: _say(stats.summary()))
                except KeyboardInterrupt:
                    _say("stopped")
                    raise typer.Exit(130)
            finally:
                watcher.close()


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
