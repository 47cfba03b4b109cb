"""The night series: GET /api/series and `dronewatch series`, over the nightly reports of
night_store.py (claims written for these tests, a small reference table)."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from typer.testing import CliRunner

from dronewatch.api import create_app
from dronewatch.cli import app

from live_server import LiveServer
from night_store import build


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("series")
    if request.param == "sqlite":
        url = str(tmp / "store.db")
        build(url, tmp)
        with LiveServer(create_app(url)) as server:
            yield server.url, url
    else:
        from conftest import pg_database

        with pg_database() as url:
            build(url, tmp)
            with LiveServer(create_app(url)) as server:
                yield server.url, url


def get(base: str, **params) -> dict:
    r = httpx.get(base + "/api/series", params=params, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


def by_night(result: dict) -> dict:
    return {p["night"]: (p["claims"], p["reference"]) for p in result["nights"]}


def test_each_side_national_figure_per_night_never_adding_parts_or_counting_twice(served):
    base, _ = served
    result = get(base, measure="intercepted")
    assert result["sides"] == ["RU", "UA"] and result["reference_table"] == "piterfm"
    assert by_night(result) == {
        # RU: the national 40, not 40 + its regions 25 + 15; UA: 60 drones + 4 missiles
        "2025-06-15": ({"RU": 40, "UA": 64}, 62),
        # UA: two outlets give the Air Force's 75: one incident, counted once
        "2025-06-16": ({"RU": 30, "UA": 75}, 70),
    }  # the 17th has no national figure, and without dates the claims' nights bound the table


def test_weapon_side_and_dates_narrow_it_and_the_reference_follows(served):
    base, _ = served
    drones = get(base, measure="launched", weapon="drone", side="UA",
                 since="2025-06-15", until="2025-06-17")
    assert by_night(drones) == {"2025-06-15": ({"UA": 80}, 80), "2025-06-16": ({"UA": 95}, 90),
                                "2025-06-17": ({}, 50)}


def test_a_region_series_sums_the_incidents_covering_it(served):
    base, _ = served
    result = get(base, measure="intercepted", region="RU-BEL")
    assert by_night(result) == {"2025-06-17": ({"RU": 5}, None)}
    assert result["reference_table"] is None
    kursk = get(base, measure="intercepted", region="RU-KRS")
    assert by_night(kursk) == {"2025-06-15": ({"RU": 25}, None)}


@pytest.mark.parametrize("params, word", [({"measure": "tanks"}, "measure"),
                                          ({"weapon": "tank"}, "weapon"),
                                          ({"since": "2025-06-17", "until": "2025-06-15"}, "until")])
def test_bad_parameters_are_422_naming_the_parameter(served, params, word):
    base, _ = served
    r = httpx.get(base + "/api/series", params=params, timeout=10)
    assert r.status_code == 422 and word in r.text


def test_the_command_gives_the_same_points(served):
    base, url = served
    runner = CliRunner()
    out = runner.invoke(app, ["series", "--db", url, "--measure", "intercepted", "--format", "csv"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows == [{"night": "2025-06-15", "RU": "40", "UA": "64", "reference": "62"},
                    {"night": "2025-06-16", "RU": "30", "UA": "75", "reference": "70"}]
    out = runner.invoke(app, ["series", "--db", url, "--format", "jsonl", "--side", "UA"])
    points = [json.loads(line) for line in out.stdout.splitlines()]
    assert points == [p for p in get(base, side="UA")["nights"]]
    bad = runner.invoke(app, ["series", "--db", url, "--weapon", "tank"])
    assert bad.exit_code == 2 and "'tank' is not a weapon" in bad.output


def test_the_api_lists_the_reference_mismatches(served):
    base, _ = served
    r = httpx.get(base + "/api/incidents", params={"flag": "reference_mismatch"}, timeout=10)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert sorted((i["documents"], i["weapon"]) for i in items) == [
        (["af15"], "missile"), (["af16", "wire16"], "drone")]
    drone = next(i for i in items if i["weapon"] == "drone")
    assert drone["values"]["launched"]["UA"]["reference"]["value"] == 90
    assert any("piterfm table says 90" in f["message"] for f in drone["flags"])
