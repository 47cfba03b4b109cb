"""Exports: every format written and read back. Sentences are written for these tests."""

from __future__ import annotations

import csv
import io
import json

import pytest

import dronewatch
from dronewatch.export import (ACLED_COLUMNS, CLAIM_COLUMNS, INCIDENT_COLUMNS, FORMATS, acled_row,
                               write)
from dronewatch.model import Claim, Claimant, Count, Document, Location, TimeSpan
from dronewatch.verify import group_incidents

TEXT = ("Russian air defences destroyed 48 Ukrainian drones overnight, the Defence Ministry said. "
        "Twenty were downed over the Kursk region and 15 over Bryansk Oblast.")
STRIKE = "Two people were killed in a Russian missile attack on Kharkiv overnight, Governor Oleh Syniehubov said."


@pytest.fixture(scope="module")
def data():
    docs = [Document(id="a", text=TEXT, published="2025-06-15", outlet="Wire One"),
            Document(id="s", text=STRIKE, published="2025-06-15", outlet="Paper Two")]
    claims = [c for d in docs for c in dronewatch.extract_document(d)]
    return docs, claims, group_incidents(claims, docs)


def test_jsonl_round_trips_claims_and_keeps_incident_shape(data, tmp_path):
    docs, claims, incidents = data
    assert write(claims, "jsonl", tmp_path / "c.jsonl") == len(claims)
    back = [Claim.from_dict(json.loads(l)) for l in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert [c.to_dict() for c in back] == [c.to_dict() for c in claims]
    write(incidents, "jsonl", tmp_path / "i.jsonl")
    first = json.loads((tmp_path / "i.jsonl").read_text().splitlines()[0])
    assert {"id", "weapon", "location", "when", "documents", "claims", "values", "flags"} <= first.keys()


def test_csv_keeps_unknown_empty_and_streams(data):
    docs, claims, incidents = data
    buf = io.StringIO()
    write(iter(claims), "csv", buf)  # a generator: nothing needs the whole list
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == CLAIM_COLUMNS and len(rows) == len(claims)
    kursk = next(r for r in rows if r["admin1"] == "RU-KRS")
    assert kursk["intercepted"] == "20" and kursk["killed"] == "" and kursk["killed_qualifier"] == ""
    buf = io.StringIO()
    write(incidents, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == INCIDENT_COLUMNS
    total = next(r for r in rows if r["intercepted_RU"] == "48")
    assert "breakdown_mismatch" in total["flags"] and total["killed_RU"] == ""


def test_csv_refuses_mixed_items(data):
    docs, claims, incidents = data
    with pytest.raises(TypeError):
        write([claims[0], incidents[0]], "csv", io.StringIO())


def test_geojson_point_or_null_geometry(data, tmp_path):
    docs, claims, incidents = data
    for items in (claims, incidents):
        path = tmp_path / "x.geojson"
        assert write(items, "geojson", path) == len(items)
        fc = json.loads(path.read_text())
        assert fc["type"] == "FeatureCollection" and len(fc["features"]) == len(items)
        by_id = {f["id"]: f for f in fc["features"]}
        for item in items:
            g = by_id[item.id]["geometry"]
            if item.location.lat is None:
                assert g is None
            else:
                assert g == {"type": "Point", "coordinates": [item.location.lon, item.location.lat]}
        assert any(f["geometry"] is None for f in fc["features"])      # the national total
        assert any(f["geometry"] is not None for f in fc["features"])  # the regions


def test_parquet_reads_back_with_pyarrow(data, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    docs, claims, incidents = data
    write(claims, "parquet", tmp_path / "c.parquet")
    table = pq.read_table(tmp_path / "c.parquet")
    assert table.num_rows == len(claims) and tuple(table.column_names) == CLAIM_COLUMNS
    rows = table.to_pylist()
    assert {r["intercepted"] for r in rows} >= {48, 20, 15}
    assert all(r["killed"] is None for r in rows if r["doc_id"] == "a")  # null, not 0
    assert str(table.schema.field("intercepted").type) == "int64"
    write(incidents, "parquet", tmp_path / "i.parquet")
    t2 = pq.read_table(tmp_path / "i.parquet")
    assert t2.num_rows == len(incidents) and tuple(t2.column_names) == INCIDENT_COLUMNS
    write([], "parquet", tmp_path / "e.parquet", kind="incident")
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 0


def test_acled_header_is_exact_and_coding_follows_the_rules(data):
    docs, claims, incidents = data
    assert ACLED_COLUMNS == (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
        "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
        "fatalities", "tags", "timestamp")
    buf = io.StringIO()
    write(incidents, "acled", buf, documents=docs, timestamp=1750000000)
    lines = buf.getvalue().splitlines()
    assert lines[0] == ",".join(ACLED_COLUMNS)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    kursk = next(r for r in rows if r["admin1"] == "Kursk Oblast")
    assert (kursk["event_type"], kursk["sub_event_type"]) == ("Strategic developments", "Disrupted weapons use")
    assert kursk["disorder_type"] == "Strategic developments"
    assert kursk["actor1"] == "Military Forces of Russia (2000-)" and kursk["actor2"].startswith("Military Forces of Ukraine")
    assert kursk["fatalities"] == "" and "fatalities unknown" in kursk["tags"]  # unknown is not 0
    assert kursk["country"] == "Russia" and kursk["iso"] == "643" and kursk["event_date"] == "2025-06-14"
    assert kursk["time_precision"] == "1" and kursk["geo_precision"] == "3" and kursk["source"] == "Wire One"
    strike = next(r for r in rows if r["country"] == "Ukraine")
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence",
                                                                "Shelling/artillery/missile attack")
    assert strike["fatalities"] == "2" and strike["actor1"] == "Military Forces of Russia (2000-)"
    for r in rows:
        assert r["time_precision"] in {"1", "2", "3"} and r["geo_precision"] in {"1", "2", "3"}
        assert r["timestamp"] == "1750000000"


def test_acled_codes_drones_and_known_zero():
    c = Claim(doc_id="z", weapon="drone", hit=Count(1), killed=Count(0),
              location=Location(country="RU", admin1=["RU-ROS"], place="Taganrog", lat=47.2, lon=38.9,
                                precision="place"),
              when=TimeSpan("2025-06-01", "2025-06-30", "month"), claimant=Claimant(side="RU"), id="z:1")
    r = acled_row(c, timestamp=0)
    assert r["sub_event_type"] == "Air/drone strike" and r["fatalities"] == 0
    assert r["geo_precision"] == 1 and r["time_precision"] == 3 and r["actor1"].startswith("Military Forces of Ukraine")


def test_every_format_is_listed_and_unknown_is_refused(tmp_path):
    assert FORMATS == ("csv", "jsonl", "geojson", "parquet", "acled")
    with pytest.raises(ValueError):
        write([], "xlsx", tmp_path / "x")
