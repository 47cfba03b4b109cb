"""The feed watcher against a real HTTP server started here (http.server in a thread on
127.0.0.1, so the watcher runs with allow_private=True except where the refusal is tested):
an RSS and an Atom feed whose items point to article pages written for these tests, broken
pages and a garbled feed beside them."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dronewatch.ingest.feeds import document_id, parse_feed
from dronewatch.ingest.fetch import FetchError, Fetcher, refusal
from dronewatch.ingest.watch import MAX_BACKOFF, Watcher, backoff
from dronewatch.store import open_store
from dronewatch.store import schema as S
from dronewatch.store.feeds import all_feeds, item_counts

DRONEWATCH = Path(sys.executable).parent / "dronewatch"

# ----------------------------------------------------------------------------- the site

ARTICLES = {
    "kursk": ("Kursk governor reports drone attack on two districts",
              "Air defence crews brought down 14 Ukrainian drones over Kursk Oblast during the "
              "night, the regional governor wrote on Tuesday morning. Falling fragments set a "
              "barn alight near the town of Lgov and broke windows in a school gym. Firefighters "
              "put out the blaze within an hour and no one was hurt, he added. Officials asked "
              "residents not to approach unexploded fragments and to call the emergency line."),
    "kyiv": ("Air force: 31 of 40 drones stopped overnight",
             "Ukraine's air force said on Tuesday that Russia had launched 40 attack drones at "
             "the country overnight and that 31 of them were shot down or jammed. Nine drones "
             "reached their targets in three regions, the statement said without naming the "
             "sites. In Kyiv Oblast two people were injured when debris struck a private house, "
             "the regional military administration reported later in the morning."),
    "rostov": ("Rostov region repels overnight drone raid",
               "Acting governor said air defences repelled a drone raid on Rostov Oblast overnight, "
               "destroying nine drones over the Kamensky and Millerovsky districts. A power line "
               "was damaged and several villages were without electricity until repair crews "
               "restored it shortly after dawn. There were no casualties, according to the "
               "regional operational headquarters, which asked drivers to avoid the area."),
    "bryansk": ("Bryansk: six drones shot down near the border",
                "Six fixed-wing drones were shot down over Bryansk Oblast on Wednesday evening, "
                "the governor said, adding that a truck was damaged by fragments on a road near "
                "the border. The driver was not hurt. Emergency services inspected the site and "
                "reopened the road to traffic after about two hours of work by sappers."),
    "late": ("Belgorod reports drones over the city",
             "Air defences over Belgorod Oblast destroyed 11 drones on Thursday afternoon, the "
             "regional governor said. One woman was injured by glass from a shattered window in "
             "an apartment block in the city centre and was taken to hospital in a stable "
             "condition. Municipal crews boarded up the damaged windows by evening."),
}


def page(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright test site</footer></body></html>").encode()


NO_ARTICLE = (b"<!doctype html><html><head><title>Menu</title></head><body><nav>"
              b"<a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>")


class Site:
    """What the test server answers, and what it was asked."""

    def __init__(self):
        self.routes: dict[str, tuple[int, str, bytes, dict]] = {}
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[dict]] = {}
        self.lock = threading.Lock()

    def add(self, path, body, ctype="text/html; charset=utf-8", status=200, **headers):
        self.routes[path] = (status, ctype, body, headers)

    def rss(self, path, base, items):
        entries = "".join(
            f"<item><title>{ARTICLES[k][0]}</title><link>{base}{link}</link>"
            f"<guid isPermaLink='false'>tag:test,{link}</guid>"
            f"<pubDate>Tue, 21 Oct 2025 0{n % 9}:15:00 +0300</pubDate></item>"
            for n, (k, link) in enumerate(items))
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
                f"<title>Test Wire</title><link>{base}/</link>{entries}</channel></rss>").encode()
        self.add(path, body, "application/rss+xml", etag=True)

    def atom(self, path, base, items):
        entries = "".join(
            f"<entry><title>{ARTICLES[k][0]}</title><link href='{base}{link}'/>"
            f"<id>urn:test:{k}</id><updated>2025-10-22T06:00:00Z</updated></entry>"
            for k, link in items)
        body = (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>Atom Daily</title><id>urn:test:feed</id>"
                f"<updated>2025-10-22T06:00:00Z</updated>{entries}</feed>").encode()
        self.add(path, body, "application/atom+xml", etag=True)


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            with site.lock:
                site.hits[self.path] += 1
                site.headers.setdefault(self.path, []).append(dict(self.headers))
            if self.path not in site.routes:
                self.send_error(404, "Not Found")
                return
            status, ctype, body, extra = site.routes[self.path]
            if status in (301, 302):
                self.send_response(status)
                self.send_header("Location", extra["location"])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if status != 200:
                self.send_error(status)
                return
            etag = f'"{hashlib.md5(body).hexdigest()}"' if extra.get("etag") else None
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
            if not extra.get("no_length"):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the watcher stops reading an over-size body

        def log_message(self, *args):  # keep pytest output clean
            pass

    return Handler


@pytest.fixture
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(s))
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = s.base
    s.rss("/rss.xml", base, [("kursk", "/news/kursk"), ("kyiv", "/news/kyiv"),
                             ("rostov", "/broken/500"), ("bryansk", "/broken/404"),
                             ("late", "/broken/huge")])
    for k in ("kursk", "kyiv"):
        s.add(f"/news/{k}", page(*ARTICLES[k]))
    s.add("/broken/500", b"", status=500)
    s.add("/broken/huge", b"<html><body>" + b"<p>filler text</p>" * 20000 + b"</body></html>")
    yield s
    server.shutdown()
    server.server_close()


def atom_with_broken_pages(site: Site) -> None:
    """An Atom feed: one good article, a binary page, a page without an article."""
    site.atom("/atom.xml", site.base, [("rostov", "/news/rostov"), ("bryansk", "/files/photo"),
                                       ("late", "/news/menu")])
    site.add("/news/rostov", page(*ARTICLES["rostov"]))
    site.add("/files/photo", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "image/png")
    site.add("/news/menu", NO_ARTICLE)


class Lines:
    def __init__(self):
        self.lines: list[str] = []

    def __call__(self, source: str, reason: str) -> None:
        self.lines.append(f"{source}: {reason}")

    def about(self, fragment: str) -> list[str]:
        return [line for line in self.lines if fragment in line]


def watcher(store, urls, lines, **kw):
    kw.setdefault("allow_private", True)
    kw.setdefault("max_bytes", 200_000)
    kw.setdefault("timeout", 10)
    return Watcher(store, urls, report=lines, **kw)


def stored_docs(store) -> list[tuple[str, str]]:
    d = S.documents.c
    with store.reader() as conn:
        return [tuple(r) for r in conn.execute(select(d.doc_id, d.url).order_by(d.doc_id))]


# ----------------------------------------------------------------------------- polling

def test_new_items_are_ingested_once_and_broken_pages_skipped_with_a_reason(site, db_url):
    atom_with_broken_pages(site)
    feeds = [site.base + "/rss.xml", site.base + "/atom.xml"]
    lines = Lines()
    with open_store(db_url) as store:
        w = watcher(store, feeds, lines)
        first = w.poll_round()
        assert (first.feeds, first.ingested) == (2, 3)
        assert first.claims > 0 and first.incidents and first.incidents > 0
        docs = stored_docs(store)
        assert [url for _, url in docs] == sorted(
            [site.base + p for p in ("/news/kursk", "/news/kyiv", "/news/rostov")],
            key=lambda u: document_id(u))
        assert docs[0][0] == document_id(docs[0][1])  # ids are host/path of the link
        # every broken page: one line naming it and why; the rest was ingested anyway
        assert len(lines.about("/broken/500")) == 1 and "HTTP 500" in lines.about("/broken/500")[0]
        assert "will try again" in lines.about("/broken/500")[0]
        assert "HTTP 404" in lines.about("/broken/404")[0]
        assert "too large" in lines.about("/broken/huge")[0]
        assert "not an HTML page (content type image/png)" in lines.about("/files/photo")[0] \
            or "binary" in lines.about("/files/photo")[0]
        assert "no article text" in lines.about("/news/menu")[0]
        assert len(lines.lines) == 5

        # the second poll: both feeds answer 304 to the stored ETag; no page is fetched again
        # except the one that failed with a 500 (a transient error: tried again)
        hits_before = Counter(site.hits)
        second = w.poll_round()
        assert second.not_modified == 2 and second.ingested == 0 and second.new_items == 0
        for feed in ("/rss.xml", "/atom.xml"):
            assert site.headers[feed][-1].get("If-None-Match", "").startswith('"')
        fetched = Counter(site.hits)
        fetched.subtract(hits_before)
        assert {p: n for p, n in fetched.items() if n} == {"/rss.xml": 1, "/atom.xml": 1,
                                                             "/broken/500": 1}
        assert stored_docs(store) == docs
        assert site.hits["/news/kursk"] == 1 and site.hits["/news/rostov"] == 1
        counts = item_counts(store)
        assert counts["ingested"] == 3 and counts["skipped"] == 4 and counts["retry"] == 1


def test_a_transient_failure_is_retried_until_it_succeeds_or_gives_up(site, sqlite_url):
    lines = Lines()
    with open_store(sqlite_url) as store:
        w = watcher(store, [site.base + "/rss.xml"], lines)
        w.poll_round()
        site.add("/broken/500", page(*ARTICLES["rostov"]))  # the server recovered
        again = w.poll_round()
        assert again.ingested == 1
        assert site.base + "/broken/500" in [u for _, u in stored_docs(store)]
        site.add("/broken/500", b"", status=503)
        w.poll_round()
        assert site.hits["/broken/500"] == 2  # ingested: never fetched again


def test_a_page_failing_every_time_is_given_up_after_max_attempts(site, sqlite_url):
    lines = Lines()
    with open_store(sqlite_url) as store:
        w = watcher(store, [site.base + "/rss.xml"], lines)
        for _ in range(5):
            w.poll_round()
        assert site.hits["/broken/500"] == 3
        assert "skipped" in lines.about("/broken/500")[-1]
        assert item_counts(store).get("failed") == 1


def test_a_garbled_feed_logs_one_line_and_the_other_feed_still_works(site, sqlite_url):
    site.add("/garbled.xml", b"<rss><channel><item><title>\x00\x01 broken <<<", "application/rss+xml")
    site.add("/notafeed", b"<html><body><p>Just a web page.</p></body></html>")
    lines = Lines()
    with open_store(sqlite_url) as store:
        w = watcher(store, [site.base + "/garbled.xml", site.base + "/notafeed",
                            site.base + "/rss.xml"], lines)
        stats = w.poll_round()
        assert stats.feed_errors == 2 and stats.ingested == 2
        for path in ("/garbled.xml", "/notafeed"):
            [line] = lines.about(site.base + path + ":")
            assert "not an RSS or Atom feed" in line or "malformed feed" in line
            assert "failure 1" in line
        by_url = {f.url: f for f in all_feeds(store)}
        assert by_url[site.base + "/garbled.xml"].failures == 1
        assert by_url[site.base + "/rss.xml"].failures == 0


def test_a_failing_feed_backs_off_exponentially_and_recovers(site, sqlite_url):
    clock = [1_000_000.0]
    lines, notes = Lines(), []
    url = site.base + "/down.xml"
    site.add("/down.xml", b"", status=503)
    with open_store(sqlite_url) as store:
        w = watcher(store, [url], lines, interval=60, clock=lambda: clock[0], log=notes.append)
        delays = []
        for _ in range(3):
            w.poll_round()
            [feed] = all_feeds(store)
            delays.append(feed.next_poll - clock[0])
            clock[0] = feed.next_poll
        assert delays == [120, 240, 480] and feed.failures == 3
        assert "HTTP 503" in lines.lines[0] and "next try in 2 min" in lines.lines[0]
        # --once skips a feed that is still backing off, and says so
        clock[0] = feed.next_poll - 100
        stats = w.poll_round()
        assert stats.backing_off == 1 and site.hits["/down.xml"] == 3
        assert "backing off after 3 failures" in notes[-1]
        clock[0] = feed.next_poll
        site.rss("/down.xml", site.base, [("kursk", "/news/kursk")])
        stats = w.poll_round()
        assert stats.ingested == 1
        assert all_feeds(store)[0].failures == 0


def test_backoff_is_capped_and_honours_retry_after():
    assert backoff(300, 1) == 600 and backoff(300, 3) == 2400
    assert backoff(300, 40) == MAX_BACKOFF
    assert backoff(60, 1, retry_after=900) == 900
    assert backoff(60, 1, retry_after=10 ** 9) == MAX_BACKOFF


def test_an_item_added_later_is_picked_up_on_the_next_poll(site, sqlite_url):
    lines = Lines()
    with open_store(sqlite_url) as store:
        w = watcher(store, [site.base + "/rss.xml"], lines)
        assert w.poll_round().ingested == 2
        site.rss("/rss.xml", site.base, [("bryansk", "/news/bryansk"), ("kursk", "/news/kursk"),
                                         ("kyiv", "/news/kyiv")])
        site.add("/news/bryansk", page(*ARTICLES["bryansk"]))
        stats = w.poll_round()
        assert (stats.new_items, stats.ingested) == (1, 1)
        assert site.hits["/news/kursk"] == 1 and site.hits["/news/bryansk"] == 1
        d = S.documents.c
        with store.reader() as conn:
            title, outlet, published = conn.execute(select(d.title, d.outlet, d.published).where(
                d.url == site.base + "/news/bryansk")).one()
        assert title == ARTICLES["bryansk"][0] and outlet == "Test Wire"
        assert published == "2025-10-21"  # the entry's date, as written


def test_a_restart_neither_refetches_nor_duplicates(site, db_url):
    atom_with_broken_pages(site)
    feeds = [site.base + "/rss.xml", site.base + "/atom.xml"]
    with open_store(db_url) as store:
        watcher(store, feeds, Lines()).poll_round()
        before = stored_docs(store)
    hits = Counter(site.hits)
    site.routes.pop("/rss.xml")  # 304 is not enough: serve the same items under a new ETag
    site.rss("/rss.xml", site.base, [("kursk", "/news/kursk"), ("kyiv", "/news/kyiv"),
                                     ("bryansk", "/broken/404")])
    site.routes["/rss.xml"] = (*site.routes["/rss.xml"][:2],
                               site.routes["/rss.xml"][2] + b"\n", {"etag": True})
    with open_store(db_url) as store:  # a new Store object on the same database
        stats = watcher(store, None, Lines()).poll_round()  # the feeds it watched before
        assert stats.feeds == 2 and stats.ingested == 0 and stats.new_items == 0
        assert stored_docs(store) == before
        with store.reader() as conn:
            assert conn.execute(select(func.count()).select_from(S.documents)).scalar_one() == 3
    assert site.hits["/atom.xml"] == hits["/atom.xml"] + 1
    assert site.headers["/atom.xml"][-1].get("If-None-Match")
    for path in ("/news/kursk", "/news/kyiv", "/news/rostov", "/broken/404", "/files/photo"):
        assert site.hits[path] == hits[path] == 1, path


def test_the_same_article_in_two_feeds_is_fetched_once(site, sqlite_url):
    site.rss("/world.xml", site.base, [("kyiv", "/news/kyiv")])
    with open_store(sqlite_url) as store:
        stats = watcher(store, [site.base + "/rss.xml", site.base + "/world.xml"],
                        Lines()).poll_round()
        assert stats.ingested == 2 and stats.duplicates == 1
    assert site.hits["/news/kyiv"] == 1


# ----------------------------------------------------------------------------- addresses

def test_private_addresses_are_refused_without_allow_private(site, sqlite_url):
    lines = Lines()
    with open_store(sqlite_url) as store:
        stats = watcher(store, [site.base + "/rss.xml"], lines, allow_private=False).poll_round()
        assert stats.feed_errors == 1 and stats.ingested == 0
    [line] = lines.lines
    assert line.startswith(site.base + "/rss.xml: loopback address refused: 127.0.0.1")
    assert "--allow-private" in line
    assert site.hits["/rss.xml"] == 0  # refused before a connection was made


def test_localhost_by_name_is_refused_too(site):
    with Fetcher(timeout=5) as fetcher, pytest.raises(FetchError) as info:
        fetcher.get(site.base.replace("127.0.0.1", "localhost") + "/rss.xml")
    assert "loopback address refused: localhost" in info.value.reason


@pytest.mark.parametrize("ip,why", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.10", "private"), ("172.16.5.5", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("224.0.0.251", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"), ("::ffff:127.0.0.1", "loopback"),
    ("100.64.0.1", "not globally routable"), ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_address_refusals(ip, why):
    assert refusal(ip) == why


def test_redirects_are_limited_and_each_hop_checked(site):
    site.add("/to-ftp", b"", status=302, location="ftp://127.0.0.1/file")
    site.add("/loop", b"", status=302, location="/loop")
    site.add("/moved", b"", status=301, location="/news/kursk")
    with Fetcher(allow_private=True, timeout=5) as fetcher:
        assert fetcher.get(site.base + "/moved").url == site.base + "/news/kursk"
        with pytest.raises(FetchError, match="only http and https"):
            fetcher.get(site.base + "/to-ftp")
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetcher.get(site.base + "/loop")
    assert site.hits["/loop"] == 6


def test_an_oversize_body_without_content_length_is_cut_off_while_streaming(site):
    site.add("/stream", b"x" * 3_000_000, "text/html", no_length=True)
    with Fetcher(allow_private=True, timeout=5, max_bytes=100_000) as fetcher:
        with pytest.raises(FetchError, match="stopped reading"):
            fetcher.get(site.base + "/stream")


def test_a_non_http_feed_url_is_a_usage_error(sqlite_url):
    with open_store(sqlite_url) as store, pytest.raises(FetchError, match="only http"):
        Watcher(store, ["file:///etc/passwd"])


def test_parse_feed_keys_and_dates():
    rss = (b"<rss version='2.0'><channel><title>T</title>"
           b"<item><title>a</title><link>/a#top</link><pubDate>Sat, 25 Oct 2025 23:10:00 +0300"
           b"</pubDate></item><item><title>no key</title></item></channel></rss>")
    feed = parse_feed(rss, "http://news.test/feed")
    assert feed.title == "T" and [i.key for i in feed.items] == ["http://news.test/a#top"]
    assert feed.items[0].published == "2025-10-25"  # as written, not shifted to UTC
    assert feed.skipped == ["entry 2 has neither an id nor a link"]
    assert parse_feed(b"%PDF-1.4 \x00\x01", "http://x/f").startswith("not an RSS or Atom feed")


# ----------------------------------------------------------------------------- the command

def test_watch_once_from_the_command_line(site, tmp_path):
    db = tmp_path / "cli.db"
    cmd = [str(DRONEWATCH), "watch", site.base + "/rss.xml", "--db", str(db), "--once",
           "--allow-private", "--max-bytes", "200000"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert first.returncode == 1, first.stderr  # broken pages were reported
    assert "Traceback" not in first.stderr
    assert f"dronewatch: {site.base}/broken/404: HTTP 404" in first.stderr
    assert "2 ingested" in first.stderr.splitlines()[-1]
    # no FEED_URL: the feeds this store watched before
    second = subprocess.run(cmd[:2] + cmd[3:], capture_output=True, text=True, timeout=120)
    assert "1 not modified" in second.stderr and "0 ingested" in second.stderr
    refused = subprocess.run([str(DRONEWATCH), "watch", site.base + "/rss.xml", "--db",
                              str(db), "--once"], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1
    assert "loopback address refused: 127.0.0.1" in refused.stderr
    bad = subprocess.run([str(DRONEWATCH), "watch", "gopher://x/feed", "--db", str(db),
                          "--once"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr == "dronewatch: gopher://x/feed: only http and https URLs are fetched " \
                         "(got gopher scheme)\n"


def test_ctrl_c_stops_the_watch_loop_cleanly(site, tmp_path):
    proc = subprocess.Popen([str(DRONEWATCH), "watch", site.base + "/rss.xml", "--db",
                             str(tmp_path / "loop.db"), "--allow-private", "--interval", "600"],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        seen = []
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            seen.append(line)
            if "feeds polled" in line:
                break
        assert any("feeds polled" in s for s in seen), seen
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=30)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "stopped" in rest and "Traceback" not in rest


# ----------------------------------------------------------------------------- migration

def test_migration_0002_adds_the_watcher_tables_to_a_version_1_store(db_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from dronewatch.store.db import resolve_url

    engine = create_engine(resolve_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(S.__file__).parent / "migrations"))
    with engine.begin() as conn:  # a store as dronewatch with schema 1 left it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        assert "feeds" not in inspect(conn).get_table_names()
    engine.dispose()
    with open_store(db_url) as store:
        with store.reader() as conn:
            names = set(inspect(conn).get_table_names())
            version = conn.execute(select(S.schema_info.c.version)).scalar_one()
        assert {"feeds", "feed_items"} <= names and version == S.SCHEMA_VERSION
        Watcher(store, ["http://news.test/rss"])  # registers the feed in the new table
        assert [f.url for f in all_feeds(store)] == ["http://news.test/rss"]
