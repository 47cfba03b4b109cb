"""Shared fixtures: store URLs for SQLite and, when scripts/test started one, PostgreSQL.

`DRONEWATCH_TEST_PG` is a URL of a PostgreSQL database whose role may CREATE DATABASE
(scripts/test installs Debian's postgresql, starts it and sets it). Each test gets a fresh
database of its own; without the variable the PostgreSQL variants are skipped.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid

import pytest

PG_ENV = "DRONEWATCH_TEST_PG"
PG_SKIP = (f"PostgreSQL tests need {PG_ENV} (a postgresql+psycopg:// URL whose role may "
           f"create databases); scripts/test sets it up when run as root on Debian")


@pytest.fixture
def pg_url():
    with pg_database() as url:
        yield url


@contextlib.contextmanager
def pg_database():
    """A fresh PostgreSQL database (dropped afterwards), for fixtures of any scope; skips
    the test without DRONEWATCH_TEST_PG."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"dwtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        pytest.fail(f"{PG_ENV} is set but PostgreSQL cannot be used: {exc}")
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        for attempt in range(20):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                break
            except Exception:  # noqa: BLE001 - an autovacuum worker (not ours to end) is on it
                if attempt == 19:
                    raise
                time.sleep(0.5)
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return str(tmp_path / "store.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database of each kind (the PostgreSQL one skips without a server)."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")
