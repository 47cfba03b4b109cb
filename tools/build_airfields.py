"""Build src/dronewatch/geo/data/airfields.json: the airfields of Russia, Ukraine and
Belarus, so a named airfield in a report gets its coordinates (precision "facility").

    pip install -e '.[gazetteer]'    # airportsdata: build time only
    python tools/build_airfields.py

Source: the airportsdata package (MIT; data from the OurAirports-based database of
Mike Borsetti), every record with an ICAO code in RU, UA or BY, air bases included.
Each row: ICAO code, name, city, ISO country, latitude, longitude, and the lookup keys
(the city and the name without "Airport"/"Air Base", lower case, Latin letters).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import airportsdata

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dronewatch" / "geo" / "data" / "airfields.json"
COUNTRIES = ("RU", "UA", "BY")
_KIND = re.compile(r"\b(?:international\s+)?(?:air\s*base|airbase|airport|airfield|aerodrome|heliport|air\s+field)\b.*$",
                   re.IGNORECASE)


def keys(row: dict) -> list[str]:
    out = []
    for text in (row["city"], _KIND.sub("", row["name"])):
        key = re.sub(r"[^a-z ]+", " ", text.lower()).split()
        if key:
            out.append(" ".join(key))
    return sorted(set(out))


def main() -> int:
    rows = []
    for icao, r in sorted(airportsdata.load("ICAO").items()):
        if r["country"] not in COUNTRIES or not icao:
            continue
        rows.append([icao, r["name"], r["city"], r["country"], round(float(r["lat"]), 5),
                     round(float(r["lon"]), 5), keys(r)])
    OUT.write_text(json.dumps({"source": f"airportsdata {airportsdata.__version__}",
                               "columns": ["icao", "name", "city", "country", "lat", "lon", "keys"],
                               "rows": rows}, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUT}: {len(rows)} airfields")
    return 0


if __name__ == "__main__":
    sys.exit(main())
