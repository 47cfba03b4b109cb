"""What every response carries and how a stray trailing slash is answered.

Security headers on every response (the API's JSON, the dashboard, /docs, errors): a
Content-Security-Policy that lets pages run only the scripts and styles this server sends
(so a stored article that slipped into HTML could run nothing), nosniff (JSON is never
read as HTML), no framing, no referrer sent to the article sites the dashboard links to.
A route may send its own policy (/docs allows its one inline script by hash).

Trailing slashes: Starlette's own redirect builds an absolute URL from the Host header, so
`Host: evil.example` turned `/api/stats/` into a redirect to evil.example. Here the redirect
is relative (a path of this server) and only ever to a route that exists.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer")]


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RelativeSlashRedirect:
    """ASGI middleware: `/api/stats/` -> 307 `Location: /api/stats` (query kept) when that
    route exists; the app's router has its own redirect switched off."""

    def __init__(self, app: ASGIApp, router):
        self.app, self.router = app, router

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.endswith("/") and path.strip("/"):
            target = "/" + path.strip("/")  # one leading slash: never "//host"
            probe = {**scope, "path": target}
            if any(route.matches(probe)[0] == Match.FULL for route in self.router.routes):
                query = scope.get("query_string", b"")
                location = quote(target).encode() + (b"?" + query if query else b"")
                await send({"type": "http.response.start", "status": 307,
                            "headers": [(b"location", location), (b"content-length", b"0")]})
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)


def install(app) -> None:
    """The relative slash redirect in place of the router's, and the headers outermost (on
    every response, redirects and errors included)."""
    app.router.redirect_slashes = False
    app.add_middleware(RelativeSlashRedirect, router=app.router)
    app.add_middleware(SecurityHeaders)
