"""The demo store: the shipped demo corpus (`demo.jsonl`) ingested into a fresh database,
so `dronewatch demo` shows the dashboard with incidents and flags on any machine, offline.

    url, stats = build_demo()          # a fresh store in the user's cache folder
    build_demo("demo.db")              # or in a file (or database URL) of your choosing
"""

from __future__ import annotations

import os
from pathlib import Path

from dronewatch.samples import demo_path

DEMO_DB = "demo.db"


def default_demo_db() -> Path:
    """$XDG_CACHE_HOME/dronewatch/demo.db (~/.cache/... by default): rebuilt by each run."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "dronewatch" / DEMO_DB


def remove_sqlite(path: Path) -> None:
    """Delete a SQLite file with its WAL companions, so the demo starts from nothing."""
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def build_demo(db: str | None = None, *, report=None):
    """Ingest the demo corpus into `db` (default: a fresh `default_demo_db()`); returns
    (`db`, the store's display name, IngestStats). An existing `db` keeps its contents: the
    corpus is added (a rerun adds nothing twice)."""
    from dronewatch.store import ingest, open_store

    if db is None:
        path = default_demo_db()
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_sqlite(path)
        db = str(path)
    with open_store(db) as store:
        stats = ingest(store, [str(demo_path())], report=report)
        return db, store.name, stats


__all__ = ["build_demo", "default_demo_db", "DEMO_DB"]
