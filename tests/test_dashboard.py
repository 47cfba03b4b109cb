"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against the real
app served by uvicorn on a free port over a real SQLite store.

Skips when /usr/bin/chromium is missing (scripts/test installs Debian's `chromium` as
root) and, for the seed-article tests, when the shared corpus is absent. A screenshot of
the Smolensk incident is written to $DRONEWATCH_ARTIFACTS or tests/artifacts/.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (the test extra) is not installed")

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 20_000


def shared_dir() -> Path:
    env = os.environ.get("DRONEWATCH_SHARED")
    return Path(env).expanduser().resolve() if env else REPO.parent / "shared"


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("DRONEWATCH_ARTIFACTS") or REPO / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- the app on a free port ---------------------------------------------------------------

@contextmanager
def served(db: str):
    """Run create_app(db) under uvicorn in a thread on a free loopback port; yield its URL."""
    import uvicorn

    from dronewatch.api import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def api(base: str, path: str):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.loads(r.read())


def build_store(path: Path, documents_jsonl: Path) -> str:
    from dronewatch.store import ingest, open_store

    with open_store(str(path)) as store:
        stats = ingest(store, [str(documents_jsonl)])
    assert stats.stored and stats.claims and stats.incidents, stats
    return str(path)


# --- browser ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium (/usr/bin/chromium) is not installed; "
                    "scripts/test installs it (apt-get install chromium) when run as root")
    with sync_api.sync_playwright() as p:
        # --no-sandbox: the test command runs as root, where Chromium's sandbox refuses to start
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page with its console errors, uncaught exceptions and requests recorded."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def ready(self) -> str:
        """Wait until the render started by the last navigation or click has finished."""
        self.page.wait_for_selector("body[data-ready]", state="attached")
        return self.page.get_attribute("body", "data-ready")

    def after(self, action, previous: str) -> str:
        action()
        self.page.wait_for_function(
            "prev => document.body.dataset.ready && document.body.dataset.ready !== prev", arg=previous)
        return self.ready()

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    pages: list[Watched] = []

    def open_page(base: str, path: str = "/") -> Watched:
        w = Watched(browser, base)
        pages.append(w)
        w.page.goto(base + path)
        w.ready()
        return w

    yield open_page
    for w in pages:
        w.close()


# --- the seed store -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_app(tmp_path_factory):
    seeds = shared_dir() / "corpus" / "seeds.jsonl"
    if not seeds.is_file():
        pytest.skip(f"the shared seed corpus is absent ({seeds})")
    db = build_store(tmp_path_factory.mktemp("seeds") / "seeds.db", seeds)
    with served(db) as base:
        yield base


def region_totals(stats: dict, measure: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in stats["by_region"]:
        if row["measure"] == measure:
            totals[row["region"]] = totals.get(row["region"], 0) + row["value"]
    return totals


def map_values(page) -> dict[str, int]:
    return page.eval_on_selector_all(
        "#map path[data-code]",
        "ps => Object.fromEntries(ps.map(p => [p.dataset.code, Number(p.dataset.value)]))")


def incident_regions(detail: dict) -> set[str]:
    codes = set((detail.get("location") or {}).get("admin1") or [])
    for claim in detail.get("claims", []):
        codes |= set((claim.get("location") or {}).get("admin1") or [])
    return codes


def merged_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if end <= start:
            continue
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [tuple(s) for s in out]


def test_dashboard_map_list_and_smolensk_incident(watched, seeds_app):
    w = watched(seeds_app)
    page = w.page
    assert w.errors == []
    health = api(seeds_app, "/api/health")
    assert page.text_content("#health").startswith(f"{health['documents']} documents")

    # The map shows, per region, the sum over incidents that /api/stats reports.
    stats = api(seeds_app, "/api/stats")
    for measure in ("intercepted", "injured"):
        if measure != "intercepted":
            w.after(lambda: page.select_option("#f-measure", measure), w.ready())
        want = region_totals(stats, measure)
        shown = map_values(page)
        assert want, f"the seed store has {measure} figures in some region"
        for code, value in want.items():
            assert shown.get(code) == value, (code, measure)
        assert all(v == 0 for c, v in shown.items() if c not in want)
        labels = page.eval_on_selector_all(
            "#map text.value-label", "ts => Object.fromEntries(ts.map(t => [t.dataset.code, t.textContent]))")
        assert labels == {c: f"{v:,}" for c, v in want.items() if v}
    w.after(lambda: page.select_option("#f-measure", "intercepted"), w.ready())

    # Clicking Smolensk Oblast filters the list to incidents in that region.
    smolensk = 'path[data-code="RU-SMO"]'
    assert page.locator(smolensk + " title").text_content().startswith("Smolensk Oblast (RU-SMO): ")
    w.after(lambda: page.click(smolensk), w.ready())
    assert parse_qs(urlsplit(page.url).query)["region"] == ["RU-SMO"]
    assert "selected" in page.get_attribute(smolensk, "class")
    listed = page.eval_on_selector_all("#incidents li.incident", "ls => ls.map(l => l.dataset.id)")
    expected = [i["id"] for i in api(seeds_app, "/api/incidents?region=RU-SMO&sort=-date")["items"]]
    assert listed and listed == expected
    details = {i: api(seeds_app, f"/api/incidents/{i}") for i in listed}
    for inc_id, detail in details.items():
        assert "RU-SMO" in incident_regions(detail), inc_id

    # The Smolensk incident both sources report, with its date conflict explained.
    conflicted = [i for i, d in details.items() if any(f["kind"] == "date_conflict" for f in d["flags"])]
    assert len(conflicted) == 1
    inc_id = conflicted[0]
    detail = details[inc_id]
    assert len(detail["documents"]) == 2
    item = page.locator(f'#incidents li[data-id="{inc_id}"]')
    assert item.locator('.badge[data-kind="date_conflict"]').count() == 1
    w.after(lambda: item.locator("button.open").click(), w.ready())
    panel = page.locator("#incident-panel")
    assert panel.is_visible() and panel.get_attribute("data-id") == inc_id
    assert parse_qs(urlsplit(page.url).query)["incident"] == [inc_id]

    for doc in detail["documents"]:
        article = panel.locator(f'article.document[data-doc="{doc["id"]}"]')
        assert article.count() == 1, doc["id"]
        claims = [c for c in detail["claims"] if c["doc_id"] == doc["id"]]
        assert claims
        spans = merged_spans([(e["start"], e["end"]) for c in claims for e in c["evidence"]])
        marks = article.locator("mark").all_text_contents()
        assert marks == [doc["text"][s:e] for s, e in spans]
        # every figure of the doc's claims is shown with its claimant and side
        shown = article.locator("ul.claims").text_content()
        for claim in claims:
            assert claim["claimant"]["name"] in shown
            assert f"side {claim['claimant']['side']}" in shown
            assert f"intercepted: {claim['intercepted']['value']}" in shown
            assert any(str(claim["intercepted"]["value"]) in m for m in marks)
        # the whole article is there, as text
        assert article.locator(".article-text").text_content() == doc["text"]
    flag = next(f for f in detail["flags"] if f["kind"] == "date_conflict")
    why = panel.locator('li.flag[data-kind="date_conflict"] .why').text_content()
    assert why == flag["message"] and "date" in why
    page.screenshot(path=str(artifacts_dir() / "dashboard.png"), full_page=True)

    # The URL keeps the view: reload restores it, back returns to the list.
    w.after(lambda: page.reload(), "")
    assert page.locator("#incident-panel").is_visible()
    assert page.locator(f'#f-regions .chip[data-code="RU-SMO"]').count() == 1
    w.after(lambda: page.go_back(), w.ready())
    assert page.locator("#incident-panel").is_hidden()
    assert "incident" not in parse_qs(urlsplit(page.url).query)
    assert w.errors == []


def test_page_asks_no_other_host(watched, seeds_app):
    foreign: list[str] = []
    w = watched(seeds_app)
    page = w.page
    origin = urlsplit(seeds_app).netloc

    def guard(route):
        url = route.request.url
        if url.startswith("data:") or urlsplit(url).netloc == origin:
            route.continue_()
        else:  # never let it out, but remember it
            foreign.append(url)
            route.abort()

    page.route("**/*", guard)
    w.after(lambda: page.reload(), "")
    first = page.locator("#incidents li.incident button.open").first
    w.after(lambda: first.click(), w.ready())
    w.after(lambda: page.click('#map path[data-code="RU-BEL"]'), w.ready())
    w.after(lambda: page.check('#f-weapon input[value="drone"]'), w.ready())
    assert len(w.requests) > 5
    assert foreign == []
    assert [u for u in w.requests if not u.startswith("data:") and urlsplit(u).netloc != origin] == []
    assert w.errors == []


# --- an article that tries to run script --------------------------------------------------

XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=1">'


def test_article_markup_stays_text(watched, tmp_path):
    # Our own sentences: a figure the extractor finds, wrapped in markup that must stay inert.
    article = {
        "id": "xss-test-1",
        "published": "2025-03-14",
        "outlet": "Test Wire " + XSS_IMG,
        "url": "javascript:window.__pwned=1",
        "title": "Kursk report " + XSS_SCRIPT + " " + XSS_IMG,
        "text": (XSS_SCRIPT + "\nAir defence units destroyed 14 drones over Kursk Oblast "
                 "overnight, the regional governor said. " + XSS_IMG + "\n\nNobody was hurt.\n\n"
                 + XSS_IMG + XSS_SCRIPT),
    }
    corpus = tmp_path / "xss.jsonl"
    corpus.write_text(json.dumps(article) + "\n", encoding="utf-8")
    db = build_store(tmp_path / "xss.db", corpus)
    with served(db) as base:
        items = api(base, "/api/incidents")["items"]
        assert items, "the extractor found the figure of the test article"
        inc_id = items[0]["id"]
        w = watched(base, f"/?incident={inc_id}")
        page = w.page
        panel = page.locator("#incident-panel")
        assert panel.is_visible()
        page.wait_for_load_state("networkidle")  # an <img> that became markup has failed by now
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("#incident script, #incidents script").count() == 0
        assert page.locator("#incident img, #incidents img").count() == 0
        doc = panel.locator('article.document[data-doc="xss-test-1"]')
        assert doc.locator("h3").text_content() == article["title"]
        assert doc.locator(".article-text").text_content() == article["text"]
        assert XSS_IMG in doc.locator("p.muted").text_content()
        assert doc.locator("a").count() == 0  # a javascript: URL is shown, never linked
        assert doc.locator("mark").count() >= 1
        # a real <img src=x> would have asked the server for /x
        assert not [u for u in w.requests if urlsplit(u).path.endswith("/x")]
        assert w.errors == []
