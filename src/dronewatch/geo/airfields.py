"""Airfields of Russia, Ukraine and Belarus (data/airfields.json, built by
tools/build_airfields.py from the airportsdata package): a named airfield in a report
("the Morozovsk airbase", "аэродром Энгельс") gets the record's coordinates."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dronewatch.geo.gazetteer import get_gazetteer

_LATIN = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Airfield:
    icao: str
    name: str
    city: str
    country: str
    lat: float
    lon: float


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Airfield]]:
    raw = json.loads(resources.files("dronewatch.geo").joinpath("data/airfields.json").read_text("utf-8"))
    index: dict[str, list[Airfield]] = {}
    for icao, name, city, country, lat, lon, keys in raw["rows"]:
        airfield = Airfield(icao, name, city, country, lat, lon)
        for key in keys:
            index.setdefault(key, []).append(airfield)
    return index


def _key(name: str) -> str:
    return " ".join(_LATIN.findall(name.lower()))


def find_airfield(mention: str, country: str | None = None) -> Airfield | None:
    """The airfield a mention names: by a Latin name in it ("Morozovsk airbase"), or by the
    gazetteer's English name of a town it names in any language ("аэродром в Энгельсе").
    None when no record, or more than one in the country, fits."""
    index = _index()
    candidates = [_key(w) for w in re.findall(r"[A-Za-z][\w'’-]+", mention)]
    candidates += [_key(m.place.name) for m in get_gazetteer().find(mention) if m.place is not None
                   and m.place.kind == "city"]
    for key in candidates:
        found = [a for a in index.get(key, ()) if country is None or a.country == country]
        if len(found) == 1:
            return found[0]
    return None
