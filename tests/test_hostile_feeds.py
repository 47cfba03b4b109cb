"""Hostile feed servers (issue 15, items 1, 3 and 4), written here and run on 127.0.0.1: a
body compressed twice, feeds answering with an empty body, headers sent a byte at a time and
a chain of slow redirects. Each is bounded: the servers give up after a few seconds."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dronewatch.ingest.decoding import STEP, BodyDecoder, DecodingError
from dronewatch.ingest.fetch import FetchError, Fetcher
from dronewatch.ingest.watch import Watcher
from dronewatch.store import open_store

DECODED = 256 * 1024 * 1024  # what the twice-gzipped body would become: 256 MB of zeros
GIVE_UP_S = 12.0  # a slow handler stops sending after this long whatever the client does


def gzip_zeros(n: int) -> bytes:
    """gzip of n zero bytes, built a MB at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(n >> 20)]
    return b"".join(parts) + packer.flush()


@pytest.fixture(scope="module")
def double_gzip() -> bytes:
    return gzip.compress(gzip_zeros(DECODED), 9)


RSS = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Calm Wire</title>"
       b"<item><title>Drones over Oryol</title><link>{base}/story</link>"
       b"<guid>calm-1</guid><pubDate>Tue, 21 Oct 2025 06:15:00 +0300</pubDate></item>"
       b"</channel></rss>")
STORY = ("<!doctype html><html><head><title>Drones over Oryol</title></head><body><article>"
         "<h1>Drones over Oryol</h1><p>Air defence crews downed seventeen drones over Oryol "
         "Oblast late on Monday, the regional governor wrote in the morning.</p><p>A fuel "
         "depot fence was damaged by debris and a small fire was put out within the hour; "
         "nobody was hurt, he said, urging residents to stay away from fragments.</p>"
         "</article></body></html>").encode()


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bomb = b""

    def do_GET(self):  # noqa: N802
        path = self.path
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path == "/bomb":
            self._send(200, self.bomb, "application/rss+xml", {"Content-Encoding": "gzip, gzip"})
        elif path == "/empty200":
            self._send(200, b"", "application/rss+xml")
        elif path == "/empty204":
            self.send_response(204)
            self.end_headers()
        elif path == "/calm.xml":
            self._send(200, RSS.replace(b"{base}", base.encode()), "application/rss+xml")
        elif path == "/story":
            self._send(200, STORY, "text/html; charset=utf-8")
        elif path == "/slow-headers":
            self._trickle()
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            time.sleep(4)  # under the 5 s per read: only a whole-fetch deadline stops the chain
            self._send(302, b"", "text/plain", {"Location": f"/hop/{n + 1}"})
        else:
            self._send(404, b"", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def _trickle(self) -> None:
        """A status line, then one header byte every 0.2 s: every read gets something."""
        stop = time.monotonic() + GIVE_UP_S
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while time.monotonic() < stop:
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            return
        self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def hostile(double_gzip):
    handler = type("Handler", (Hostile,), {"bomb": double_gzip})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# ----------------------------------------------------------------------------- item 1

def test_a_twice_gzipped_body_is_refused_under_100_mb_peak(hostile, double_gzip):
    assert len(double_gzip) < 4000  # a few KB on the wire...
    tracemalloc.start()
    try:
        with Fetcher(allow_private=True, timeout=30, max_bytes=5_000_000) as fetcher:
            t0 = time.monotonic()
            with pytest.raises(FetchError, match="too large"):
                fetcher.get(hostile + "/bomb")
            took = time.monotonic() - t0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100_000_000, f"peak {peak / 1e6:.0f} MB"  # ...256 MB decoded, never held
    print(f"double gzip: peak {peak / 1e6:.1f} MB, refused in {took:.2f} s")
    assert took < 10


def test_the_decoder_bounds_every_layer_step():
    body = gzip.compress(zlib.compress(gzip_zeros(8 << 20)))
    decoder = BodyDecoder("gzip, deflate, gzip")  # applied gzip, deflate, gzip: undone gzip first
    sizes = [len(p) for p in decoder.feed(body)]
    assert sum(sizes) == 8 << 20 and max(sizes) <= STEP
    assert b"".join(BodyDecoder("identity").feed(b"plain")) == b"plain"
    with pytest.raises(DecodingError, match="unsupported Content-Encoding 'br'"):
        BodyDecoder("br")
    with pytest.raises(DecodingError, match="cannot decode the gzip body"):
        list(BodyDecoder("gzip").feed(b"not gzip at all"))


# ----------------------------------------------------------------------------- item 3

def test_empty_feed_bodies_are_one_line_each_and_the_other_feed_is_polled(hostile, sqlite_url):
    lines: list[str] = []
    feeds = [hostile + "/empty200", hostile + "/empty204", hostile + "/calm.xml"]
    with open_store(sqlite_url) as store:
        w = Watcher(store, feeds, allow_private=True, timeout=10,
                    report=lambda s, r: lines.append(f"{s}: {r}"))
        stats = w.poll_round()
        w.close()
        # the calm feed was read and its one new item fetched
        assert (stats.feeds, stats.feed_errors, stats.new_items) == (3, 2, 1), lines
        empty = [ln for ln in lines if "/empty" in ln]
        assert len(empty) == 2 and all("empty response" in ln for ln in empty), lines
        assert {ln.split(": ")[0] for ln in empty} == set(feeds[:2])
        # a restart meets the same store: the empty feeds back off, nothing raises
        again = Watcher(store, feeds, allow_private=True, timeout=10).poll_round()
        assert again.backing_off == 2 and again.feeds == 1


# ----------------------------------------------------------------------------- item 4

@pytest.mark.parametrize("path", ["/slow-headers", "/hop/1"],
                         ids=["headers a byte at a time", "redirects 4 s each"])
def test_one_deadline_covers_slow_headers_and_a_redirect_chain(hostile, path):
    with Fetcher(allow_private=True, timeout=5) as fetcher:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="timed out after 5 s"):
            fetcher.get(hostile + path)
        assert time.monotonic() - t0 < 6


def test_a_slow_feed_does_not_stall_the_next_one(hostile, sqlite_url):
    lines: list[str] = []
    with open_store(sqlite_url) as store:
        w = Watcher(store, [hostile + "/slow-headers", hostile + "/calm.xml"],
                    allow_private=True, timeout=5, report=lambda s, r: lines.append(f"{s}: {r}"))
        t0 = time.monotonic()
        stats = w.poll_round()
        w.close()
    assert stats.feeds == 2 and stats.feed_errors == 1 and stats.new_items == 1
    assert time.monotonic() - t0 < 15  # the slow feed's 5 s, then the calm one and its page
    assert [ln for ln in lines if "timed out after 5 s" in ln and "/slow-headers" in ln]


def test_the_deadline_covers_a_name_lookup_that_hangs(hostile, monkeypatch):
    # A name server that never answers cannot be staged on loopback without changing the
    # machine's resolver, so the system lookup is made to hang for this one name; every
    # other name (and the connection itself) is real.
    real = socket.getaddrinfo

    def hanging(host, *args, **kwargs):
        if host == "slow-dns.invalid":
            time.sleep(30)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    with Fetcher(allow_private=True, timeout=2) as fetcher:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="timed out after 2 s"):
            fetcher.get("http://slow-dns.invalid/feed.xml")
        assert time.monotonic() - t0 < 3
        # the lookup thread left behind does not hold up the next fetch
        assert fetcher.get(hostile + "/calm.xml").status == 200
