"""The API against hostile requests (issue 15, items 5 and 7), over real HTTP on 127.0.0.1
(tests/live_server.py runs uvicorn in this process, so its memory is measured here): an
upload that extracts for too long, a body without Content-Length, junk query parameters,
over-long fields, a forged Host on a trailing-slash redirect, and the security headers."""

from __future__ import annotations

import threading
import time
import tracemalloc

import httpx
import pytest

from dronewatch.api import create_app, extraction
from dronewatch.api.cache import ResponseCache
from dronewatch.api.routes.documents import MAX_BODY
from dronewatch.ingest.common import document_from_obj
from dronewatch.model import Rejection
from live_server import LiveServer

TOKEN = "hostile-token-81c2"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CALM = {"id": "calm-1", "published": "2025-10-25",
        "text": "Air defence crews downed eleven drones over Lipetsk Oblast overnight, the "
                "regional governor wrote; a garage roof was damaged and nobody was hurt."}


def heavy_text(sentences: int) -> str:
    """Many figures, places and numbers: seconds of extraction at this size."""
    return " ".join(f"Air defences shot down {i % 50 + 2} drones over Kursk Oblast on day {i}, "
                    f"and {i % 7 + 1} of {i % 9 + 8} missiles were intercepted near Belgorod."
                    for i in range(sentences))


@pytest.fixture
def server(sqlite_url):
    with LiveServer(create_app(sqlite_url, token=TOKEN)) as live:
        yield live


# ----------------------------------------------------------------------------- item 5

def test_an_upload_over_the_time_limit_is_refused_while_reads_are_served(sqlite_url):
    app = create_app(sqlite_url, token=TOKEN)
    extraction.install(app, timeout=0.5)
    heavy = {"id": "heavy-1", "published": "2025-10-25", "text": heavy_text(5000)}
    with LiveServer(app) as live:
        answer: dict = {}

        def upload() -> None:
            answer["r"] = httpx.post(live.url + "/api/documents", json=[heavy, CALM],
                                     headers=AUTH, timeout=120)

        worker = threading.Thread(target=upload)
        t0 = time.monotonic()
        worker.start()
        waits = []
        while worker.is_alive():
            t = time.monotonic()
            assert httpx.get(live.url + "/api/health", timeout=30).status_code == 200
            waits.append(time.monotonic() - t)
            time.sleep(0.05)
        took = time.monotonic() - t0
    body = answer["r"].json()
    assert answer["r"].status_code == 200, body
    assert body["documents"] == 1  # the calm one
    assert [r["reason"] for r in body["rejected"]] == ["extraction timed out after 0.5 s"]
    assert took < 30
    assert waits and max(waits) < 1.0, f"reads waited up to {max(waits):.2f} s"
    print(f"upload refused in {took:.1f} s; {len(waits)} reads meanwhile, slowest "
          f"{max(waits) * 1000:.0f} ms")


def test_serve_takes_the_upload_time_limit_from_the_command_line(tmp_path):
    """`dronewatch serve --timeout` is the limit its uploads are extracted under (the same
    option `extract` has), in the process a user starts."""
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [str(Path(sys.executable).parent / "dronewatch"), "serve", "--db", str(tmp_path / "s.db"),
               "--create", "--port", str(port), "--timeout", "0.5", "--no-access-log"]
    server = subprocess.Popen(command, env={**os.environ, "DRONEWATCH_TOKEN": TOKEN},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        heavy = {"id": "heavy-2", "published": "2025-10-25", "text": heavy_text(5000)}
        r = httpx.post(url + "/api/documents", json=[heavy, CALM], headers=AUTH, timeout=120)
        assert r.status_code == 200, r.text
        assert r.json()["documents"] == 1
        assert [x["reason"] for x in r.json()["rejected"]] == ["extraction timed out after 0.5 s"]
    finally:
        server.terminate()
        server.wait(timeout=30)


# ----------------------------------------------------------------------------- item 7

def test_a_body_without_content_length_stops_at_the_limit(server):
    def chunks():  # 3x the limit, never announced
        block = b" " * (1 << 20)
        for _ in range(3 * MAX_BODY // len(block)):
            yield block

    tracemalloc.start()
    try:
        try:
            r = httpx.post(server.url + "/api/documents", content=chunks(), headers=AUTH,
                           timeout=60)
            status = r.status_code
        except httpx.TransportError:  # the server may close while the rest is being sent
            status = 413
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 413
    assert peak < 2 * MAX_BODY, f"peak {peak / 1e6:.0f} MB"  # the whole body was 100 MB
    print(f"body without Content-Length: 413, peak {peak / 1e6:.0f} MB")
    assert httpx.get(server.url + "/api/health").status_code == 200


def test_junk_query_parameters_do_not_fill_the_cache(sqlite_url):
    app = create_app(sqlite_url, token=TOKEN)
    with LiveServer(app) as live, httpx.Client(base_url=live.url) as client:
        for i in range(150):
            assert client.get("/api/stats", params={f"junk{i}": "x" * 100}).status_code == 200
        client.get("/api/stats", params={"weapon": "drone"})
    assert len(app.state.cache._items) == 2


def test_the_cache_is_bounded_in_bytes():
    cache = ResponseCache(max_entries=100, max_bytes=10_000)

    class NoStore:  # the version is read once a second; stand in for the store's
        pass

    cache._current = lambda store: "v1"
    for i in range(50):
        cache.get_or_make(NoStore(), ("/api/incidents", i), lambda: b"x" * 1000)
    assert cache.size <= 10_000 and len(cache._items) == 10


@pytest.mark.parametrize("field, limit", [("id", 400), ("url", 2000), ("title", 1000),
                                          ("outlet", 200)])
def test_over_long_fields_are_one_rejection_line(field, limit):
    got = document_from_obj({**CALM, field: "x" * (limit + 1)}, "upload[0]")
    assert isinstance(got, Rejection)
    assert got.reason == f"'{field}' is {limit + 1:,} characters long (at most {limit:,})"
    assert not isinstance(document_from_obj({**CALM, field: "x" * limit}, "upload[0]"),
                          Rejection)


def test_an_upload_with_a_megabyte_id_stores_the_rest(server):
    r = httpx.post(server.url + "/api/documents", headers=AUTH, timeout=120,
                   json=[{**CALM, "id": "i" * 1_000_000}, {**CALM, "id": "calm-2"}])
    body = r.json()
    assert r.status_code == 200
    assert [x["reason"] for x in body["rejected"]] == [
        "'id' is 1,000,000 characters long (at most 400)"]
    assert body["rejected"][0]["source"].startswith("document 0 (id 'iii")
    assert len(body["rejected"][0]["source"]) < 100 and body["documents"] == 1


def test_the_trailing_slash_redirect_ignores_the_host_header(server):
    r = httpx.get(server.url + "/api/stats/?weapon=drone", headers={"Host": "evil.example"},
                  follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/api/stats?weapon=drone"
    for path in ("//evil.example/", "/%2Fevil.example/", "/nothing/here/"):
        r = httpx.get(server.url + path, headers={"Host": "evil.example"},
                      follow_redirects=False)
        assert r.status_code == 404 and "location" not in r.headers
    followed = httpx.get(server.url + "/api/health/", follow_redirects=True)
    assert followed.status_code == 200 and followed.json()["status"] == "ok"


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/api/health", 200), ("GET", "/api/stats?since=nope", 422),
    ("GET", "/api/incidents/nope", 404), ("POST", "/api/documents", 401),
    ("GET", "/", 200), ("GET", "/static/app.js", 200), ("GET", "/openapi.json", 200),
    ("GET", "/docs", 200), ("GET", "/api/stats/", 307), ("GET", "/no/such/page", 404)])
def test_security_headers_on_every_response(server, method, path, status):
    r = httpx.request(method, server.url + path, follow_redirects=False)
    assert r.status_code == status
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    if path == "/docs":  # its one inline script, allowed by hash, and nothing else inline
        assert "'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    else:
        assert "script-src 'self';" in csp
