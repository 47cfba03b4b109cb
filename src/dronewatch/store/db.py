"""Opening a store: URL resolution, SQLite settings, schema checks and migrations, and
the translation of database failures into one-line `StoreError`s."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Iterator

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from dronewatch import __version__
from dronewatch.store import schema as S

DEFAULT_PATH = "dronewatch.db"
ENV_DB = "DRONEWATCH_DB"
# a writer waits this long for another's write (an incident rebuild of a large store on a
# busy machine holds the lock for more than 10 s: a second ingest must wait, not fail)
BUSY_TIMEOUT_S = float(os.environ.get("DRONEWATCH_DB_BUSY_TIMEOUT", "60"))
HEAD_REVISION = "0005"  # the newest migration in migrations/versions


class StoreError(Exception):
    """A database problem, in one line fit for stderr (no traceback)."""


class StoreMissing(StoreError):
    """`open_store(create=False)` found no store there (no file, or no tables yet)."""


def resolve_url(db: str | None = None) -> str:
    """`--db` value (URL or SQLite path), else $DRONEWATCH_DB, else ./dronewatch.db, as a
    SQLAlchemy URL. `postgresql://` means psycopg 3 (`postgresql+psycopg://`)."""
    value = db or os.environ.get(ENV_DB) or DEFAULT_PATH
    if "://" not in value:
        if value == ":memory:":
            return "sqlite://"
        return "sqlite:///" + str(Path(value).expanduser().absolute())
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain):]
    return value


def display_url(url: str) -> str:
    """The URL for messages: the path for SQLite, no password otherwise."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


def describe_error(exc: BaseException) -> str:
    """One line for a database failure: locked, full, unreachable, or the driver's message."""
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split()) or type(orig).__name__
    low = text.lower()
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if "database is locked" in low or "database table is locked" in low:
        return (f"database is locked by another process (gave up after {BUSY_TIMEOUT_S:g} s; "
                f"set DRONEWATCH_DB_BUSY_TIMEOUT to wait longer)")
    if ("database or disk is full" in low or sqlstate == "53100" or "no space left" in low
            or (isinstance(orig, OSError) and orig.errno == errno.ENOSPC)):
        return "disk full: the database cannot grow (free some space and rerun; nothing " \
               "from the unfinished batch was kept)"
    if "unable to open database file" in low:
        return "cannot open the database file (does its folder exist and is it writable?)"
    if "readonly database" in low or "read-only" in low:
        return "the database is read-only"
    if "file is not a database" in low:
        return "not a dronewatch database (not even SQLite)"
    if sqlstate in ("08001", "08006") or "connection refused" in low or "could not connect" in low:
        return f"cannot connect: {text}"
    if len(text) > 300:
        text = text[:300] + "..."
    return f"database error: {text}"


@contextlib.contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Turn SQLAlchemy / driver / disk errors into `StoreError("<where>: <reason>")`."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, DBAPIError) as exc:
        raise StoreError(f"{where}: {describe_error(exc)}") from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StoreError(f"{where}: {describe_error(exc)}") from exc
        raise


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: str) -> None:
    """Refuse a file that is not a dronewatch store before anything writes to it: the
    connection settings below switch a database to WAL mode, which rewrites its header, so
    another application's file is looked at read-only first (a missing or empty file is a
    new store)."""
    import sqlite3

    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not head:
        return
    if head != SQLITE_HEADER:
        raise StoreError(f"{path}: not a dronewatch database (not even SQLite); left untouched")
    try:
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: {describe_error(exc)}") from exc
    if "schema_info" not in names and names - {"alembic_version"}:
        raise StoreError(f"{path}: not a dronewatch database (it has other tables and no "
                         f"schema_info); left untouched")


def check_sqlite_path(path: str | None) -> None:
    """Refuse, before anything opens it, a store path that is a symbolic link (it may point
    anywhere: at another program's empty file, which SQLite would turn into a database),
    something other than a regular file, or a path the system cannot take (too long)."""
    if not path or path == ":memory:":
        return
    shown = path if len(path) <= 120 else f"{path[:60]}...{path[-40:]} ({len(path):,} characters)"
    try:
        if os.path.islink(path):
            raise StoreError(f"{shown}: a symbolic link; give the store's own path (links are "
                             f"not followed)")
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return  # a new store
    except OSError as exc:
        raise StoreError(f"{shown}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(mode):
        raise StoreError(f"{shown}: not a regular file")


def _sqlite_engine(url: str) -> Engine:
    u = make_url(url)
    if u.database and u.database != ":memory:":
        folder = Path(u.database).parent
        if not folder.is_dir():
            raise StoreError(f"{u.database}: folder {folder} does not exist")
        check_sqlite_file(u.database)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, record):  # noqa: ARG001
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")  # with WAL: safe against crashes / kill -9
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # writers take the write lock up front, so a busy database waits (busy_timeout)
        # instead of failing half-way through a batch; readers never block writers (WAL)
        mode = "IMMEDIATE" if conn.get_execution_options().get("writer") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Store:
    """An open database. `writer()` / `reader()` give connections in a transaction."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine
        self.name = display_url(url)
        self.dialect = engine.dialect.name

    def writer(self):
        """`with store.writer() as conn:` one write transaction (committed on success)."""
        return _Tx(self, writer=True)

    def reader(self):
        return _Tx(self, writer=False)

    def error(self, exc: BaseException) -> StoreError:
        return StoreError(f"{self.name}: {describe_error(exc)}")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Tx:
    def __init__(self, store: Store, writer: bool):
        self.store, self.is_writer = store, writer
        self._cm = None

    def __enter__(self) -> Connection:
        with translate_errors(self.store.name):
            conn = self.store.engine.connect()
            if self.is_writer:
                conn = conn.execution_options(writer=True)
            self._conn = conn
            self._cm = conn.begin()
            self._cm.__enter__()
            if self.is_writer and self.store.dialect == "postgresql":
                # one writer at a time, as SQLite's BEGIN IMMEDIATE gives: an incident
                # rebuild must not clear the mark of claims another ingest stored meanwhile
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('dronewatch write'))")
        return conn

    def __exit__(self, et, ev, tb):
        try:
            with translate_errors(self.store.name):
                self._cm.__exit__(et, ev, tb)
        finally:
            self._conn.close()
        if isinstance(ev, (SQLAlchemyError, DBAPIError)) or (
                isinstance(ev, OSError) and ev.errno == errno.ENOSPC):
            raise self.store.error(ev) from ev
        return False


def schema_version(conn: Connection) -> int | None:
    """The stored schema version, None for an empty database; StoreError if it is some
    other database."""
    names = set(inspect(conn).get_table_names())
    if "schema_info" not in names:
        if names - {"alembic_version"}:
            raise StoreError("not a dronewatch database (it has other tables and no "
                             "schema_info)")
        return None
    row = conn.execute(select(S.schema_info.c.version)).first()
    return int(row[0]) if row else None


def check_version(version: int | None, name: str) -> None:
    if version is not None and version > S.SCHEMA_VERSION:
        raise StoreError(f"{name}: database schema version {version} is newer than this "
                         f"dronewatch {__version__} supports ({S.SCHEMA_VERSION}); upgrade "
                         f"dronewatch")


def upgrade(conn: Connection) -> None:
    """Run the packaged Alembic migrations up to head on `conn` (no alembic.ini)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """Open the database named by `db` (see `resolve_url`), migrating an older schema;
    an empty or missing one is created unless `create=False` (then: StoreError)."""
    url = resolve_url(db)
    try:
        name = display_url(url)
        backend = make_url(url).get_backend_name()
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"{db}: not a database URL ({exc})") from exc
    if backend == "sqlite":
        check_sqlite_path(make_url(url).database)
    if backend == "sqlite" and not create:
        path = make_url(url).database
        if path and path != ":memory:" and not Path(path).exists():
            raise StoreMissing(f"{path}: no such database (run dronewatch ingest first)")
    try:
        engine = (_sqlite_engine(url) if backend == "sqlite"
                  else create_engine(url, pool_pre_ping=False))
    except ImportError as exc:
        raise StoreError(f"{name}: missing database driver ({exc}); for PostgreSQL "
                         f"install dronewatch[postgres]") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"{name}: {describe_error(exc)}") from exc
    store = Store(url, engine)
    try:
        with translate_errors(name):
            with engine.connect() as conn:
                version = schema_version(conn)
                conn.rollback()
            check_version(version, name)
            if version is None and not create:
                raise StoreMissing(f"{name}: not a dronewatch database yet (run dronewatch ingest)")
            if version != S.SCHEMA_VERSION:
                with engine.connect().execution_options(writer=True) as conn:
                    with conn.begin():
                        if backend == "postgresql":  # SQLite: BEGIN IMMEDIATE is the lock
                            # two processes creating one store at once: one migrates, the
                            # other waits here, then finds it done
                            conn.exec_driver_sql(
                                "SELECT pg_advisory_xact_lock(hashtext('dronewatch migrate'))")
                        check_version(schema_version(conn), name)  # re-read under the lock
                        try:
                            upgrade(conn)
                        except Exception as exc:  # alembic: a revision it does not know
                            if "Can't locate revision" in str(exc):
                                raise StoreError(
                                    f"{name}: database migration revision is newer than this "
                                    f"dronewatch {__version__} knows; upgrade dronewatch") from exc
                            raise
                        conn.execute(S.schema_info.update().values(
                            version=S.SCHEMA_VERSION, written_by=__version__))
    except BaseException:
        engine.dispose()
        raise
    return store
