"""Issue 14, items 11-14: the dashboard at its edges, in Debian's Chromium over the shipped
demo store (46 reports written for dronewatch). Screenshots go to the test output folder
(tests/artifacts/ or $DRONEWATCH_ARTIFACTS).

- 11: an opened incident is on screen where the user clicked (a side panel), and Escape
  closes it;
- 12: map labels do not print over each other; the list names regions in English with
  their code, the source's own words stay in the evidence view;
- 13: a figure covering several nights is shared out over them on the timeline, not
  piled on its last day;
- 14: at 390 px wide no filter box overflows its frame.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from test_dashboard import api, artifacts_dir, browser, served  # noqa: F401 (fixture)

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    from dronewatch.samples.demo import build_demo

    db, _, stats = build_demo(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    assert stats.stored == 46 and stats.incidents
    with served(db) as base:
        yield base


@pytest.fixture
def page_at(browser):  # noqa: F811
    contexts = []

    def open_page(base: str, path: str = "/", width: int = 1280, height: int = 1000):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(base + path)
        page.wait_for_selector("body[data-ready]", state="attached")
        page.errors = errors
        return page

    yield open_page
    for c in contexts:
        c.close()


def settled(page, action):
    before = page.get_attribute("body", "data-ready")
    action()
    page.wait_for_function(
        "prev => document.body.dataset.ready && document.body.dataset.ready !== prev", arg=before)


def in_view(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    size = page.viewport_size
    return (box is not None and box["y"] >= 0 and box["x"] >= 0
            and box["y"] + box["height"] <= size["height"] + 1
            and box["x"] + box["width"] <= size["width"] + 1)


# ---------------------------------------------------------------------------- 11

def test_an_opened_incident_is_on_screen_where_the_user_clicked_and_escape_closes_it(
        page_at, demo_app):
    page = page_at(demo_app)
    item = page.locator("#incidents li.incident").nth(12)
    item.scroll_into_view_if_needed()
    inc_id = item.get_attribute("data-id")
    settled(page, lambda: item.locator("button.open").click())
    assert page.locator("#incident-panel").get_attribute("data-id") == inc_id
    # the view itself, not only its title, is in the 1000-pixel window
    for part in ("#incident-title", "#incident .values-table", "#incident article.document"):
        assert in_view(page, part), part
    page.screenshot(path=str(artifacts_dir() / "incident-side-panel.png"))
    settled(page, lambda: page.keyboard.press("Escape"))
    assert page.locator("#incident-panel").is_hidden()
    assert "incident" not in parse_qs(urlsplit(page.url).query)
    assert page.errors == []


# ---------------------------------------------------------------------------- 12

def test_map_labels_do_not_overlap(page_at, demo_app):
    page = page_at(demo_app)
    boxes = page.eval_on_selector_all(
        "#map text.value-label",
        """ts => ts.filter(t => t.getAttribute('display') !== 'none').map(t => {
              const r = t.getBoundingClientRect();
              return [t.dataset.code, r.left, r.top, r.right, r.bottom];
           })""")
    assert len(boxes) >= 10  # the demo has figures in a dozen regions around Moscow
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (a, b)
    page.locator("#map").screenshot(path=str(artifacts_dir() / "map-labels.png"))
    assert page.errors == []


def test_the_list_names_regions_in_english_and_the_evidence_keeps_the_sources_words(
        page_at, demo_app):
    page = page_at(demo_app, "/?region=RU-TUL")
    places = page.locator("#incidents li.incident .where").all_text_contents()
    assert places and all(not CYRILLIC.search(p) for p in places), places
    assert "Tula Oblast (RU-TUL)" in places
    item = page.locator("#incidents li.incident", has_text="Tula Oblast (RU-TUL)").first
    inc_id = item.get_attribute("data-id")
    detail = api(demo_app, f"/api/incidents/{inc_id}")
    said = {c["location"]["text"] for c in detail["claims"] if c["doc_id"]}
    assert any(CYRILLIC.search(s) for s in said), said  # a Russian source wrote it
    settled(page, lambda: item.locator("button.open").click())
    assert not CYRILLIC.search(page.text_content("#incident-title"))
    claims = page.locator("#incident ul.claims").text_content()
    for words in said:
        assert f"“{words}”" in claims or words in claims
    page.locator("#incident-panel").screenshot(path=str(artifacts_dir() / "incident-words.png"))
    assert page.errors == []


# ---------------------------------------------------------------------------- 13

def shared_out(stats: dict, measure: str) -> dict[tuple[str, str], float]:
    """What each day's bar should hold: by_day, with the figures of incidents over several
    nights taken off their last day and shared equally over their nights."""
    days: dict[tuple[str, str], float] = defaultdict(float)
    for r in stats["by_day"]:
        if r["measure"] == measure:
            days[(r["day"], r["weapon"])] += r["value"]
    for s in stats["spread"]:
        if s["measure"] != measure:
            continue
        days[(s["day"], s["weapon"])] -= s["value"]
        first, last = date.fromisoformat(s["start"]), date.fromisoformat(s["day"])
        nights = (last - first).days
        for k in range(1, nights + 1):
            days[((first + timedelta(days=k)).isoformat(), s["weapon"])] += s["value"] / nights
    return {k: v for k, v in days.items() if v > 0}


def test_a_figure_over_several_nights_is_shared_out_over_them(page_at, demo_app):
    stats = api(demo_app, "/api/stats")
    several = [s for s in stats["spread"] if s["measure"] == "launched"]
    assert several, "the demo has an incident over two nights (4 to 6 November)"
    page = page_at(demo_app)
    drawn = page.eval_on_selector_all(
        '#timeline g.bar[data-row="launched"] rect',
        "rs => rs.map(r => [r.parentNode.dataset.start, r.dataset.weapon, Number(r.dataset.value)])")
    shown = {(day, weapon): value for day, weapon, value in drawn}
    want = shared_out(stats, "launched")
    assert shown.keys() == want.keys()
    for key, value in want.items():
        assert shown[key] == pytest.approx(value), key
    s = several[0]
    middle = (date.fromisoformat(s["start"]) + timedelta(days=1)).isoformat()
    assert shown[(middle, s["weapon"])] >= s["value"] / 2  # the first night has its share
    assert sum(shown.values()) == pytest.approx(stats["totals"]["launched"])
    page.locator("#timeline-panel").screenshot(path=str(artifacts_dir() / "timeline-spread.png"))
    assert page.errors == []


# ---------------------------------------------------------------------------- 14

def test_no_filter_box_overflows_at_390_px(page_at, demo_app):
    page = page_at(demo_app, width=390, height=844)
    overflow = page.evaluate("""() => {
        const out = [];
        const width = document.documentElement.clientWidth;
        for (const box of document.querySelectorAll('#filters fieldset')) {
          const frame = box.getBoundingClientRect();
          if (frame.right > width + 0.5) out.push([box.querySelector('legend').textContent, 'page']);
          for (const part of box.querySelectorAll('select, input, label, .chips')) {
            const r = part.getBoundingClientRect();
            if (r.width && (r.left < frame.left - 0.5 || r.right > frame.right + 0.5))
              out.push([box.querySelector('legend').textContent, part.tagName]);
          }
        }
        return out;
    }""")
    assert overflow == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts_dir() / "filters-390px.png"))
    assert page.errors == []
