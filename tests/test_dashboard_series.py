"""The dashboard's night-by-night chart in a real browser (Debian's Chromium, Playwright),
over a store of nightly reports written for the tests (night_store.py) served by uvicorn.

The chart draws each side's claims and the reference table as separate series, brushes the
selected dates, and a click on a night filters the incident list to it. The screenshot of
the chart it writes (tests/artifacts/series.png, or $DRONEWATCH_ARTIFACTS) is the one in the
README (docs/series.png).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from night_store import build
from test_dashboard import api, artifacts_dir, browser, served, watched  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def nights_app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nights")
    db = str(tmp / "nights.db")
    build(db, tmp)
    with served(db) as base:
        yield base


def points(page, series: str) -> dict[str, str]:
    return page.eval_on_selector_all(
        f'#series circle[data-series="{series}"]',
        "cs => Object.fromEntries(cs.map(c => [c.dataset.night, c.querySelector('title').textContent]))")


def test_the_chart_draws_both_sides_and_the_reference_and_a_click_filters_the_list(watched, nights_app):
    w = watched(nights_app)
    page = w.page
    assert w.errors == []
    expected = api(nights_app, "/api/series?measure=intercepted")
    # one line per series: the Russian side, the Ukrainian side, the reference table
    assert page.locator('#series path[data-series="RU"]').count() == 1
    assert page.locator('#series path[data-series="UA"]').count() == 1
    assert page.locator('#series path[data-series="reference"]').count() == 1
    for series in ("RU", "UA"):
        assert {night: title.rsplit(" ", 1)[1] for night, title in points(page, series).items()} == {
            p["night"]: str(p["claims"][series]) for p in expected["nights"] if series in p["claims"]}
    assert points(page, "reference")["2025-06-16"].endswith("reference table 70")
    legend = page.text_content("#series-legend")
    assert "Russian side claims" in legend and "piterfm reference table" in legend
    assert page.locator("#series .brush").count() == 0  # no dates selected: nothing brushed
    assert len(page.locator("#incidents li").all()) == len(api(nights_app, "/api/incidents")["items"]) == 8

    # a click on the night to the 16th lists the incidents of that day, and brushes it
    w.after(lambda: page.locator('#series rect.night[data-night="2025-06-16"]').click(), w.ready())
    query = parse_qs(urlsplit(page.url).query)
    assert query["since"] == ["2025-06-16"] and query["until"] == ["2025-06-16"]
    assert page.locator("#series .brush").count() == 1
    shown = {li.get_attribute("data-id") for li in page.locator("#incidents li").all()}
    # the night is the one ending on the 16th: not the one starting that evening (the 17th's)
    touching = api(nights_app, "/api/incidents?since=2025-06-16&until=2025-06-16")["items"]
    ending = {i["id"] for i in touching if (i["when"]["end"] or i["when"]["start"])[:10] == "2025-06-16"}
    assert shown == ending and len(shown) == 2 < len(touching)  # the ministry's 30, the Air Force's 95/75
    assert parse_qs(urlsplit(page.url).query)["night"] == ["2025-06-16"]
    page.locator("#series-panel").screenshot(path=str(artifacts_dir() / "series.png"))
    assert w.errors == []


def test_the_readme_screenshot_of_the_demo_corpus_chart(watched, tmp_path):
    """The README's picture: the chart over the shipped demo corpus (two weeks of reports)."""
    from importlib.resources import files

    from test_dashboard import build_store

    db = build_store(tmp_path / "demo.db", files("dronewatch.samples") / "demo.jsonl")
    with served(db) as base:
        w = watched(base, "/?since=2025-11-10&until=2025-11-12")
        page = w.page
        nights = api(base, "/api/series?measure=intercepted")["nights"]
        assert len(nights) >= 7
        for series in ("RU", "UA"):
            assert len(points(page, series)) == sum(1 for p in nights if series in p["claims"]) > 3
        assert page.locator("#series .brush").count() == 1
        page.locator("#series-panel").screenshot(path=str(artifacts_dir() / "series.png"))
        assert w.errors == []
