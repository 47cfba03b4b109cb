"""The REST API over real HTTP: uvicorn on a free port (tests/live_server.py) over a store
built from articles written here, on SQLite and (when scripts/test started one) PostgreSQL.
Filters, cursor walks, sorting, incident detail with evidence, statistics against sums
computed here from the incidents, tokens, 422s, 404 and an XSS article kept verbatim."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import httpx
import pytest

from conftest import pg_database
from dronewatch.api import create_app
from dronewatch.store import ingest, iter_claims, open_store
from dronewatch.store.query import Filters
from live_server import LiveServer

TOKEN = "test-token-5b1f"
XSS_TITLE = '<script>window.__pwned=1</script> Rostov <img src=x onerror="window.__pwned=1">'
XSS_TEXT = ('<script>window.__pwned=1</script> Air defences downed 7 drones over Rostov Oblast '
            'overnight, the Russian Defence Ministry said. <img src=x onerror="window.__pwned=1">')


def doc(i: str, published: str, text: str, title: str = "", outlet: str = "Wire One") -> dict:
    return {"id": i, "published": published, "title": title or f"Report {i}", "outlet": outlet,
            "url": f"https://news.example/{i}", "text": text}


ARTICLES = [
    doc("t-mod-0512", "2025-05-12",
        "Russian air defence units intercepted and destroyed 30 Ukrainian drones over several "
        "regions overnight, the Russian Defence Ministry said on Monday. Of these, 12 drones were "
        "downed over Belgorod Oblast, 10 over Kursk Oblast and 8 over Bryansk Oblast."),
    doc("t-gov-0512", "2025-05-12",
        "The governor of Belgorod Oblast, Vyacheslav Gladkov, said 12 drones were shot down over "
        "the region overnight. He said 3 civilians were injured by falling debris in the town of "
        "Shebekino.", outlet="Regional Daily"),
    doc("t-uaf-0520", "2025-05-20",
        "Russia attacked Ukraine overnight with 85 Shahed-type attack drones and 4 Kh-101 cruise "
        "missiles, the Ukrainian Air Force said on Tuesday. Air defence forces shot down 60 drones "
        "and 3 missiles.", outlet="Kyiv Desk"),
    doc("t-khr-0520", "2025-05-20",
        "A Russian guided aerial bomb struck a residential district of Kharkiv on Tuesday "
        "afternoon, killing 2 people and injuring 9, regional governor Oleh Syniehubov said.",
        outlet="Kyiv Desk"),
    doc("t-sea-0525", "2025-05-25",
        "The Black Sea Fleet destroyed 3 Ukrainian naval drones in the Black Sea on Sunday "
        "morning, the Russian Defence Ministry said."),
    doc("t-month-0501", "2025-05-01",
        "In April Russia launched 4,300 attack drones against Ukraine, the Ukrainian Air Force "
        "said in its monthly summary.", outlet="Kyiv Desk"),
    doc("t-xss", "2025-05-26", XSS_TEXT, title=XSS_TITLE, outlet="<b>Bold</b> Outlet"),
]


def build_store(url: str, tmp_path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with open_store(url) as store:
        stats = ingest(store, [str(path)])
    assert stats.stored == len(ARTICLES) and stats.incidents


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request, tmp_path_factory):
    """(base URL, store URL) of a read-only server shared by the module's read tests."""
    tmp = tmp_path_factory.mktemp("api")
    if request.param == "sqlite":
        url = str(tmp / "store.db")
        build_store(url, tmp)
        with LiveServer(create_app(url, token=TOKEN)) as server:
            yield server.url, url
    else:
        with pg_database() as url:
            build_store(url, tmp)
            with LiveServer(create_app(url, token=TOKEN)) as server:
                yield server.url, url


@pytest.fixture
def fresh(db_url, tmp_path):
    """A server over its own store, for tests that write."""
    build_store(db_url, tmp_path)
    with LiveServer(create_app(db_url, token=TOKEN)) as server:
        yield server.url


def get(base: str, path: str, params=None, **kw) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=30, **kw)


def walk(base: str, path: str, params=None, limit: int = 2) -> list[dict]:
    """Every item of a list endpoint, following next_cursor."""
    items, cursor, pages = [], None, 0
    while True:
        pairs = list(params.items()) if isinstance(params, dict) else list(params or [])
        query = pairs + [("limit", limit)] + ([("cursor", cursor)] if cursor else [])
        r = get(base, path, query)
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["items"]) <= limit
        items += body["items"]
        cursor, pages = body["next_cursor"], pages + 1
        if cursor is None:
            return items
        assert pages < 500


def day_of(item: dict) -> str:
    return (item["when"]["start"] or "")[:10]


# --------------------------------------------------------------------------- reads

def test_health_counts_what_is_stored(api):
    base, url = api
    body = get(base, "/api/health").json()
    with open_store(url) as store:
        claims = list(iter_claims(store, Filters()))
    assert body["status"] == "ok" and body["documents"] == len(ARTICLES)
    assert body["claims"] == len(claims) > 10 and body["incidents"] > 5


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_cursor_walk_returns_every_claim_once_in_date_order(api, sort):
    base, url = api
    items = walk(base, "/api/claims", {"sort": sort}, limit=3)
    ids = [c["id"] for c in items]
    with open_store(url) as store:
        stored = {json.loads(r)["id"] for r in iter_claims(store, Filters())}
    assert len(ids) == len(set(ids)) and set(ids) == stored
    days = [day_of(c) for c in items]
    assert days == sorted(days, reverse=(sort == "-date"))
    assert all(c["incident_id"].startswith("inc_") for c in items)


def test_claim_items_are_the_stored_records_plus_incident_id(api):
    base, url = api
    items = {c["id"]: c for c in walk(base, "/api/claims", limit=100)}
    with open_store(url) as store:
        for raw in iter_claims(store, Filters()):
            record = json.loads(raw)
            got = dict(items[record["id"]])
            got.pop("incident_id")
            assert got == record


def test_claim_filters(api):
    base, _ = api
    everything = walk(base, "/api/claims", limit=100)
    bel = walk(base, "/api/claims", {"region": "RU-BEL"})
    assert bel and all("RU-BEL" in (c["location"]["admin1"] or []) for c in bel)
    missiles = walk(base, "/api/claims", {"weapon": "missile"})
    assert missiles and all(c["weapon"] == "missile" for c in missiles)
    two = walk(base, "/api/claims", [("weapon", "missile"), ("weapon", "glide_bomb")])
    assert {c["weapon"] for c in two} == {"missile", "glide_bomb"}
    ua = walk(base, "/api/claims", {"side": "UA"})
    assert ua and all(c["claimant"]["side"] == "UA" for c in ua)
    assert len(ua) < len(everything)
    window = walk(base, "/api/claims", {"since": "2025-05-19", "until": "2025-05-21"})
    assert window and all(c["when"]["start"][:10] <= "2025-05-21" and
                          (c["when"]["end"] or c["when"]["start"])[:10] >= "2025-05-19"
                          for c in window)
    assert {c["doc_id"] for c in window} == {"t-uaf-0520", "t-khr-0520"}
    kharkiv = walk(base, "/api/claims", {"q": "kharkiv"})
    assert {c["doc_id"] for c in kharkiv} == {"t-khr-0520"}


def test_incident_walk_filters_and_sorting(api):
    base, _ = api
    for sort in ("date", "-date"):
        items = walk(base, "/api/incidents", {"sort": sort})
        ids = [i["id"] for i in items]
        assert len(ids) == len(set(ids)) == get(base, "/api/health").json()["incidents"]
        days = [day_of(i) for i in items]
        assert days == sorted(days, reverse=(sort == "-date"))
    one = items[0]
    assert set(one) >= {"id", "weapon", "location", "when", "values", "flags", "documents",
                        "n_claims"}
    assert all(set(f) == {"kind", "message", "claim_id"} for i in items for f in i["flags"])
    bel = walk(base, "/api/incidents", {"region": "RU-BEL"})
    assert bel and all("RU-BEL" in (i["location"]["admin1"] or []) for i in bel)
    bombs = walk(base, "/api/incidents", {"weapon": "glide_bomb"})
    assert [i["documents"] for i in bombs] == [["t-khr-0520"]]
    flagged = walk(base, "/api/incidents", {"flag": "single_source"})
    assert flagged and all("single_source" in {f["kind"] for f in i["flags"]} for i in flagged)


def test_incident_detail_evidence_slices_the_document_to_the_figure(api):
    base, _ = api
    bombs = walk(base, "/api/incidents", {"weapon": "glide_bomb"})
    r = get(base, f"/api/incidents/{bombs[0]['id']}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    detail = r.json()
    texts = {d["id"]: d["text"] for d in detail["documents"]}
    assert set(texts) == {"t-khr-0520"}
    assert detail["documents"][0]["title"] == "Report t-khr-0520"
    assert detail["documents"][0]["url"] == "https://news.example/t-khr-0520"
    claim = detail["claims"][0]
    assert claim["killed"]["value"] == 2 and claim["injured"]["value"] == 9
    spans = claim["evidence"]
    assert spans
    for ev in spans:
        assert ev["text"] == texts[claim["doc_id"]][ev["start"]:ev["end"]]
    covered = " ".join(ev["text"] for ev in spans)
    assert "killing 2" in covered and "injuring 9" in covered


def test_unknown_incident_is_404_json(api):
    base, _ = api
    r = get(base, "/api/incidents/inc_does_not_exist")
    assert r.status_code == 404 and r.headers["content-type"] == "application/json"
    assert "inc_does_not_exist" in r.json()["detail"]


# --------------------------------------------------------------------------- stats

def expected_stats(details: list[dict], selected: set[str]) -> tuple[Counter, Counter, Counter]:
    """The documented rule, computed here from the incidents themselves: one figure per
    incident and measure (the highest side's), summaries over two days left out, regional
    parts left out of days and totals when their national total is selected."""
    incident_of = {c["id"]: inc["id"] for inc in details for c in inc["claims"]}
    by_day, by_region, totals = Counter(), Counter(), Counter()
    for inc in details:
        start, end = inc["when"]["start"], inc["when"]["end"] or inc["when"]["start"]
        if start and (date.fromisoformat(end[:10]) - date.fromisoformat(start[:10])).days > 2:
            continue
        its_totals = {incident_of.get(c["part_of"]) for c in inc["claims"] if c["part_of"]}
        is_part = bool((its_totals - {inc["id"]}) & selected)
        for measure, sides in inc["values"].items():
            value = max(v["value"] for v in sides.values())
            for region in inc["location"]["admin1"] or []:
                by_region[(region, measure, inc["weapon"])] += value
            if start and not is_part:
                by_day[(end[:10], inc["weapon"], measure)] += value
                totals[measure] += value
    return by_day, by_region, totals


@pytest.mark.parametrize("params", [{}, {"region": "RU-BEL"}, {"weapon": "drone"},
                                    {"since": "2025-05-12", "until": "2025-05-12"},
                                    {"side": "UA"}])
def test_stats_are_sums_over_incidents(api, params):
    base, _ = api
    incidents = walk(base, "/api/incidents", params, limit=50)
    details = [get(base, f"/api/incidents/{i['id']}").json() for i in incidents]
    want_day, want_region, want_totals = expected_stats(details, {i["id"] for i in incidents})
    stats = get(base, "/api/stats", params).json()
    assert Counter({(r["day"], r["weapon"], r["measure"]): r["value"]
                    for r in stats["by_day"]}) == want_day
    assert Counter({(r["region"], r["measure"], r["weapon"]): r["value"]
                    for r in stats["by_region"]}) == want_region
    assert Counter(stats["totals"]) == want_totals


def test_stats_count_a_night_once(api):
    base, _ = api
    stats = get(base, "/api/stats", {"since": "2025-05-12", "until": "2025-05-12",
                                     "weapon": "drone"}).json()
    # the ministry's national total holds its regional parts: not 30 + 12 + 10 + 8
    assert stats["totals"]["intercepted"] in (30, 30 + 12)
    regions = {r["region"]: r for r in stats["by_region"] if r["measure"] == "intercepted"}
    assert regions["RU-BEL"]["value"] == 12 and regions["RU-KRS"]["value"] == 10
    assert regions["RU-BEL"]["name"] == "Belgorod Oblast" and regions["RU-BEL"]["lat"] > 49
    april = get(base, "/api/stats", {"since": "2025-04-01", "until": "2025-04-30"}).json()
    assert april["totals"] == {}  # the monthly summary is not a night of 4,300 drones


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("path, params, word", [
    ("/api/claims", {"since": "2025-02-30"}, "since"),
    ("/api/claims", {"since": "yesterday"}, "since"),
    ("/api/incidents", {"until": "2025-01-01", "since": "2025-02-01"}, "until"),
    ("/api/claims", {"limit": 0}, "limit"),
    ("/api/incidents", {"limit": 1001}, "limit"),
    ("/api/incidents", {"weapon": "tank"}, "weapon"),
    ("/api/stats", {"flag": "suspicious"}, "flag"),
    ("/api/incidents", {"sort": "size"}, "sort"),
    ("/api/claims", {"cursor": "not-a-cursor"}, "cursor"),
    ("/api/stats", {"region": "Belgorod Oblast"}, "region"),
    ("/api/claims", {"side": "Russia"}, "side"),
])
def test_bad_parameters_are_422_naming_the_parameter(api, path, params, word):
    base, _ = api
    r = get(base, path, params)
    assert r.status_code == 422 and r.headers["content-type"] == "application/json"
    assert word in json.dumps(r.json()["detail"])


def test_a_cursor_of_another_sort_order_is_422(api):
    base, _ = api
    cursor = get(base, "/api/incidents", {"limit": 1, "sort": "date"}).json()["next_cursor"]
    r = get(base, "/api/incidents", {"limit": 1, "sort": "-date", "cursor": cursor})
    assert r.status_code == 422 and "sort" in r.text


# --------------------------------------------------------------------------- XSS

def test_xss_article_is_returned_verbatim_as_json(api):
    base, _ = api
    rostov = walk(base, "/api/incidents", {"region": "RU-ROS"})
    r = get(base, f"/api/incidents/{rostov[0]['id']}")
    assert r.headers["content-type"] == "application/json"
    document = r.json()["documents"][0]
    assert document["title"] == XSS_TITLE and document["text"] == XSS_TEXT
    assert document["outlet"] == "<b>Bold</b> Outlet"
    claims = get(base, "/api/claims", {"q": "<script>"})
    assert claims.headers["content-type"] == "application/json"
    assert {c["doc_id"] for c in claims.json()["items"]} == {"t-xss"}


# --------------------------------------------------------------------------- writes

NEW = doc("t-new-0601", "2025-06-01",
          "Air defences destroyed 14 Ukrainian drones over Voronezh Oblast overnight, the "
          "Russian Defence Ministry said.")


def test_post_needs_the_token(fresh):
    assert httpx.post(fresh + "/api/documents", json=NEW).status_code == 401
    wrong = httpx.post(fresh + "/api/documents", json=NEW,
                       headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert get(fresh, "/api/health").json()["documents"] == len(ARTICLES)
    ok = httpx.post(fresh + "/api/documents", json=[NEW, {"id": "empty", "text": " "}],
                    headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["documents"] == 1 and body["claims"] >= 1
    assert [r["reason"] for r in body["rejected"]] == ["empty text"]
    assert get(fresh, "/api/health").json()["documents"] == len(ARTICLES) + 1
    # incidents were rebuilt: the new night is there, in the stats too
    voronezh = walk(fresh, "/api/incidents", {"region": "RU-VOR"})
    assert [i["documents"] for i in voronezh] == [["t-new-0601"]]
    assert get(fresh, "/api/stats", {"region": "RU-VOR"}).json()["totals"] == {"intercepted": 14}
    again = httpx.post(fresh + "/api/documents", json=NEW,
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120).json()
    assert again["documents"] == 0 and again["duplicates"] == 1


def test_post_body_that_is_not_documents_is_422(fresh):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for body in (b"{not json", b"42", b'"text"'):
        r = httpx.post(fresh + "/api/documents", content=body, headers=auth)
        assert r.status_code == 422 and r.headers["content-type"] == "application/json"


def test_uploads_without_a_configured_token_are_refused(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.delenv("DRONEWATCH_TOKEN", raising=False)
    with LiveServer(create_app(sqlite_url)) as server:
        r = httpx.post(server.url + "/api/documents", json=NEW,
                       headers={"Authorization": "Bearer anything"})
        assert r.status_code == 503 and "DRONEWATCH_TOKEN" in r.json()["detail"]
        assert get(server.url, "/api/health").status_code == 200  # reads stay open


def test_private_server_needs_the_token_for_reads(sqlite_url):
    with LiveServer(create_app(sqlite_url, token=TOKEN, require_token_for_reads=True)) as server:
        for path in ("/api/health", "/api/claims", "/api/incidents", "/api/stats"):
            assert get(server.url, path).status_code == 401
            r = get(server.url, path, headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 200
    with pytest.raises(ValueError, match="token"):
        create_app(sqlite_url, token="", require_token_for_reads=True)


def test_dashboard_and_offline_docs_are_served(sqlite_url):
    with LiveServer(create_app(sqlite_url)) as server:
        index = get(server.url, "/")
        assert index.status_code == 200 and "text/html" in index.headers["content-type"]
        docs = get(server.url, "/docs")
        assert docs.status_code == 200 and "http" not in docs.text.replace(
            'content="width', "")
        for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css"):
            assert get(server.url, asset).status_code == 200
        spec = get(server.url, "/openapi.json").json()
        assert {"/api/claims", "/api/incidents", "/api/incidents/{incident_id}", "/api/stats",
                "/api/health", "/api/documents"} <= set(spec["paths"])


def test_a_date_window_finds_the_incidents_that_overlap_it(api):
    """A window inside April meets the April monthly summary, which began weeks before it
    (the store's longest incident bounds the date search; it must not cut that one off)."""
    base, _ = api
    inside = walk(base, "/api/incidents", {"since": "2025-04-20", "until": "2025-04-21"})
    assert [i["documents"] for i in inside] == [["t-month-0501"]]
    may = walk(base, "/api/incidents", {"since": "2025-05-19", "until": "2025-05-20"})
    assert may and all("t-month-0501" not in i["documents"] for i in may)
    assert any("t-uaf-0520" in i["documents"] for i in may)
    stats = get(base, "/api/stats", {"since": "2025-04-20", "until": "2025-04-21"}).json()
    assert stats["totals"] == {}  # a monthly summary is listed but not summed
