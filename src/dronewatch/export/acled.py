"""ACLED-shaped CSV: one row per claim or incident, in ACLED's 31 columns and order.

Coding rules (ACLED codebook terms):

- interceptions only (no hit, no casualties): disorder_type "Strategic developments",
  event_type "Strategic developments", sub_event_type "Disrupted weapons use"; actor1 is the
  side that intercepted, actor2 the attacker;
- anything that struck, killed, injured or was only reported launched: "Political violence",
  "Explosions/Remote violence", sub_event_type "Shelling/artillery/missile attack" for
  missiles and "Air/drone strike" for drones, naval drones, glide bombs and unknown weapons;
  actor1 is the attacker;
- time_precision 1 (a day or one night), 2 (a week or less), 3 (longer, or no date);
  event_date is the first day;
- geo_precision 1 (a town or facility with its coordinates), 2 (a town or facility placed
  only by its region), 3 (a region, a sea or a whole country);
- fatalities: the reported killed figure. ACLED has no null and codes "not reported" as 0;
  here the cell is **empty** when the number of dead is unknown and 0 only when a source
  said no one died, and the row's tags say "fatalities unknown". Our own formats (jsonl,
  csv, parquet, geojson) keep unknown (null) and zero apart throughout.
"""

from __future__ import annotations

import csv
import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TextIO

from dronewatch.export.rows import kind_of
from dronewatch.model import MEASURES, Claim, Count, Document, Incident

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

COUNTRIES = {  # alpha-2 -> (ACLED country name, ISO 3166 numeric, alpha-3)
    "RU": ("Russia", 643, "RUS"),
    "UA": ("Ukraine", 804, "UKR"),
    "BY": ("Belarus", 112, "BLR"),
}
ACTORS = {"RU": "Military Forces of Russia (2000-)", "UA": "Military Forces of Ukraine (2019-)",
          "BY": "Military Forces of Belarus (1994-)"}
WEAPON_WORDS = {"drone": "drones", "missile": "missiles", "naval_drone": "naval drones",
                "glide_bomb": "glide bombs", "unknown": "weapons"}


def _other(side: str | None) -> str | None:
    return {"RU": "UA", "UA": "RU"}.get(side or "")


def _figures(item: Claim | Incident) -> dict[str, Count]:
    if isinstance(item, Claim):
        return item.counts()
    out = {}
    for m in MEASURES:
        by_side = item.values.get(m) or {}
        if not by_side:
            continue
        own = by_side.get(item.location.country or "")  # the attacked side counts its own dead first
        v = own or max(by_side.values(), key=lambda x: x["value"])
        out[m] = Count(v["value"], v.get("qualifier") or "exact")
    return out


def _attacker(item: Claim | Incident) -> str | None:
    if isinstance(item, Claim):
        return item.attacker or _other(item.location.country)
    votes = Counter(c.attacker for c in item.claims if c.attacker)
    return votes.most_common(1)[0][0] if votes else _other(item.location.country)


def _time_precision(start: str | None, end: str | None) -> int:
    try:
        s = date.fromisoformat(start[:10]) if start else None
        e = date.fromisoformat(end[:10]) if end else s
    except ValueError:
        return 3
    if s is None:
        return 3
    days = (e - s).days if e else 0
    return 1 if days <= 1 else 2 if days <= 7 else 3


def _geo_precision(precision: str | None, lat: float | None) -> int:
    if precision in ("facility", "place"):
        return 1 if lat is not None else 2
    return 3


def _region_name(code: str) -> str:
    from dronewatch.geo import get_gazetteer
    p = get_gazetteer().region(code)
    return p.name if p else code


def acled_row(item: Claim | Incident, docs: Mapping[str, Document] | None = None,
              timestamp: int | None = None) -> dict[str, Any]:
    kind = kind_of(item)
    docs = docs or {}
    figs = _figures(item)
    attacker = _attacker(item)
    defender = _other(attacker) or item.location.country
    struck = any(m in figs for m in ("hit", "killed", "injured"))
    loc = item.location
    if "intercepted" in figs and not struck:
        disorder, event, sub = "Strategic developments", "Strategic developments", "Disrupted weapons use"
        actor1, actor2 = ACTORS.get(defender or "", ""), ACTORS.get(attacker or "", "")
    else:
        disorder, event = "Political violence", "Explosions/Remote violence"
        sub = "Shelling/artillery/missile attack" if item.weapon == "missile" else "Air/drone strike"
        actor1, actor2 = ACTORS.get(attacker or "", ""), ""
    country, iso, iso3 = COUNTRIES.get(loc.country or "", (loc.country or "", "", "XXX"))
    admin1 = _region_name(loc.admin1[0]) if loc.admin1 else ""
    place = loc.facility or loc.place or admin1 or loc.water_body or country or (loc.text or "")
    start, end = item.when.start, item.when.end
    doc_ids = item.documents if kind == "incident" else [item.doc_id]
    source = "; ".join(dict.fromkeys((docs[d].outlet if d in docs and docs[d].outlet else d) for d in doc_ids))
    killed = figs.get("killed")
    tags = [f"dronewatch {kind} {item.id}"]
    if killed is None:
        tags.append("fatalities unknown")
    elif killed.qualifier != "exact":
        tags.append(f"fatalities {killed.qualifier.replace('_', ' ')} {killed.value}")
    if kind == "incident":
        tags += sorted({f.kind for f in item.flags})
    digest = int.from_bytes(hashlib.blake2b(item.id.encode(), digest_size=5).digest(), "big")
    return {
        "event_id_cnty": f"{iso3}{digest}",
        "event_date": start[:10] if start else "",
        "year": int(start[:4]) if start else "",
        "time_precision": _time_precision(start, end),
        "disorder_type": disorder, "event_type": event, "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": "", "inter1": "State forces" if actor1 else "",
        "actor2": actor2, "assoc_actor_2": "", "inter2": "State forces" if actor2 else "",
        "interaction": ("State forces-State forces" if actor1 and actor2 else
                        "State forces only" if actor1 else ""),
        "civilian_targeting": "",
        "iso": iso, "region": "Europe" if loc.country in COUNTRIES else "",
        "country": country, "admin1": admin1, "admin2": "", "admin3": "",
        "location": place,
        "latitude": "" if loc.lat is None else loc.lat,
        "longitude": "" if loc.lon is None else loc.lon,
        "geo_precision": _geo_precision(loc.precision, loc.lat),
        "source": source, "source_scale": "",
        "notes": _notes(item, figs, attacker, place),
        "fatalities": "" if killed is None else killed.value,
        "tags": "; ".join(tags),
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }


def _notes(item: Claim | Incident, figs: dict[str, Count], attacker: str | None, place: str) -> str:
    from dronewatch.verify.values import say
    when = item.when
    if when.start and when.end and when.end[:10] != when.start[:10]:
        day = f"On the night of {when.start[:10]} to {when.end[:10]}"
    elif when.start:
        day = f"On {when.start[:10]}"
    else:
        day = "On an unreported date"
    weapons = WEAPON_WORDS.get(item.weapon, "weapons")
    by = {"RU": "Russian", "UA": "Ukrainian"}.get(attacker or "", "")
    parts = [f"{say(n)} {m}" for m, n in figs.items()]
    if isinstance(item, Claim):
        said = f" ({item.claimant.name or item.claimant.side or 'source not named'})"
    else:
        said = f" ({len(item.documents)} reports)"
    note = f"{day}, {' '.join(x for x in (by, weapons) if x)} over {place}: {', '.join(parts) or 'reported'}{said}."
    return note + (_reference_note(item) if isinstance(item, Incident) else "")


def _reference_note(inc: Incident) -> str:
    """The reference table's figures beside the Ukrainian claims (verify/reference.py)."""
    out = []
    for m, by_side in inc.values.items():
        ref = (by_side.get("UA") or {}).get("reference") if isinstance(by_side, dict) else None
        if ref:
            rows = ", ".join(str(r) for r in ref["rows"][:3]) + (" ..." if len(ref["rows"]) > 3 else "")
            verdict = "agrees" if ref["verdict"] == "reference_agrees" else (
                f"differs from the claimed {by_side['UA']['value']}")
            out.append(f" Reference: the {ref['table']} table (rows {rows}) gives {ref['value']} {m}, "
                       f"which {verdict}.")
    return "".join(out)


def write_acled(items: Iterable[Claim | Incident], fh: TextIO, documents: Iterable[Document] | Mapping[str, Document] = (),
                timestamp: int | None = None) -> int:
    docs = documents if isinstance(documents, Mapping) else {d.id: d for d in documents}
    ts = int(time.time()) if timestamp is None else timestamp
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow(acled_row(item, docs, ts))
        n += 1
    return n
