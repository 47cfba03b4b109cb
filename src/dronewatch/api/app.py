"""The application: `create_app(db, token)` builds it over one open store; `serve` runs it
under uvicorn. Routes live in routes/, one module per resource; the dashboard's files in
static/ are served at / and /static/, the offline Swagger UI at /docs."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse

from dronewatch import __version__
from dronewatch.api import extraction, security
from dronewatch.api.auth import read_access
from dronewatch.api.cache import ResponseCache
from dronewatch.api.docs import add_docs
from dronewatch.api.routes import ROUTERS
from dronewatch.store import StoreError, open_store
from dronewatch.store.figures import ensure_fresh
from dronewatch.store.pages import CursorError

ENV_TOKEN = "DRONEWATCH_TOKEN"
STATIC = Path(__file__).parent / "static"


def create_app(db: str | None = None, token: str | None = None, *,
               require_token_for_reads: bool = False, create: bool = True,
               upload_timeout: float = extraction.DEFAULT_TIMEOUT) -> FastAPI:
    """The API over the store `db` (a path or URL as `open_store` takes it; created when
    missing unless `create=False`, then StoreError naming it). `token` (default $DRONEWATCH_TOKEN) guards uploads, and reads too when
    `require_token_for_reads`. `upload_timeout`: seconds of extraction an uploaded document
    may take (0: no limit). Raises StoreError / ValueError with a one-line reason."""
    token = token if token is not None else os.environ.get(ENV_TOKEN) or None
    if require_token_for_reads and not token:
        raise ValueError(f"a private server needs a token: set {ENV_TOKEN}")
    store = open_store(db, create=create)
    try:
        ensure_fresh(store)
    except BaseException:
        store.close()
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="dronewatch", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Verified, geocoded, source-attributed claims of drone and "
                              "missile attacks, grouped into incidents. See docs/api.md.")
    app.state.store, app.state.token = store, token
    app.state.private = require_token_for_reads
    app.state.cache = ResponseCache()
    for router in ROUTERS:
        deps = [] if router.tags == ["documents"] else [Depends(read_access)]
        app.include_router(router, dependencies=deps)
    _add_error_handlers(app)
    add_docs(app)
    _add_dashboard(app)
    extraction.install(app, upload_timeout)  # uploads: extracted in a worker process, with a time limit
    security.install(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(CursorError)
    async def cursor_error(request: Request, exc: CursorError):
        return JSONResponse({"detail": [{"loc": ["query", "cursor"], "msg": str(exc),
                                         "type": "value_error"}]}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # logged by uvicorn as well
        return JSONResponse({"detail": f"internal error: {type(exc).__name__}"},
                            status_code=500)


def _add_dashboard(app: FastAPI) -> None:
    from fastapi.staticfiles import StaticFiles

    STATIC.mkdir(exist_ok=True)
    index = STATIC / "index.html"
    if not index.exists():  # the dashboard ships its own; this only keeps / from failing
        index.write_text("<!doctype html><title>dronewatch</title>"
                         "<p>dronewatch API: see <a href='docs'>/docs</a>.</p>\n")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(index, media_type="text/html")


def serve(db: str | None = None, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, *, require_token_for_reads: bool = False,
          access_log: bool = True, workers: int = 1, create: bool = True,
          upload_timeout: float = extraction.DEFAULT_TIMEOUT) -> None:
    """Run the API under uvicorn until interrupted (blocking). With `workers` > 1, that many
    server processes share the port (each with its own response cache): queries run in
    Python, so one process uses one core however many requests wait."""
    import uvicorn

    if workers <= 1:
        app = create_app(db, token, require_token_for_reads=require_token_for_reads,
                         create=create, upload_timeout=upload_timeout)
        uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="info")
        return
    create_app(db, token, require_token_for_reads=require_token_for_reads,
               create=create, upload_timeout=upload_timeout)  # fail here, once
    # the worker processes build the app from the environment (uvicorn imports it by name)
    os.environ[_ENV_DB] = db or ""
    os.environ[_ENV_PRIVATE] = "1" if require_token_for_reads else ""
    os.environ[_ENV_TIMEOUT] = repr(float(upload_timeout))
    if token is not None:
        os.environ["DRONEWATCH_TOKEN"] = token
    uvicorn.run("dronewatch.api.app:app_from_environment", factory=True, host=host, port=port,
                workers=workers, access_log=access_log, log_level="info")


_ENV_DB, _ENV_PRIVATE = "DRONEWATCH_SERVE_DB", "DRONEWATCH_SERVE_PRIVATE"
_ENV_TIMEOUT = "DRONEWATCH_SERVE_UPLOAD_TIMEOUT"


def app_from_environment() -> FastAPI:
    """The app of one of `serve`'s worker processes."""
    return create_app(os.environ.get(_ENV_DB) or None,
                      require_token_for_reads=bool(os.environ.get(_ENV_PRIVATE)),
                      upload_timeout=float(os.environ.get(_ENV_TIMEOUT) or extraction.DEFAULT_TIMEOUT))
