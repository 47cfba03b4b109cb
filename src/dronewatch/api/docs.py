"""Swagger UI at /docs from files shipped in a registry package (swagger-ui-py), so the
interactive docs work with no internet; FastAPI's default page loads them from a CDN."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def swagger_assets() -> Path | None:
    """The folder holding swagger-ui-bundle.js and swagger-ui.css, if installed."""
    spec = importlib.util.find_spec("swagger_ui")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        static = Path(folder) / "static"
        if (static / "swagger-ui-bundle.js").is_file():
            return static
    return None


def add_docs(app: FastAPI) -> None:
    static = swagger_assets()
    if static is None:  # only /openapi.json then; docs/api.md says so
        return
    app.mount(ASSETS, StaticFiles(directory=static), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png")
        page.headers["Content-Security-Policy"] = docs_policy(page.body)
        return page


def docs_policy(html: bytes) -> str:
    """The page's policy: the server's, plus the page's own inline script (by its hash)
    and the inline styles Swagger UI sets."""
    from dronewatch.api.security import CSP

    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(m).digest()).decode()}'"
                      for m in _INLINE_SCRIPT.findall(html))
    return CSP.replace("script-src 'self'", f"script-src 'self' {hashes}") \
              .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
