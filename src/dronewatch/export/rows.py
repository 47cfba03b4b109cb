"""Flat rows: one claim or one incident as a dict of scalars, for CSV and parquet.

Unknown stays empty (None), never 0: a count column is None when the measure was not
reported, and `<measure>_qualifier` says whether a number is exact, "at least", ...
"""

from __future__ import annotations

import json
from typing import Any

from dronewatch.model import MEASURES, Claim, Incident

SIDES = ("RU", "UA", "unknown")  # incident value columns; other sides stay in `values`

CLAIM_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "weapon", "weapon_model", "attacker",
    *[c for m in MEASURES for c in (m, f"{m}_qualifier")],
    "country", "admin1", "place", "facility", "facility_type", "water_body", "lat", "lon", "location_precision",
    "location_text", "start", "end", "time_precision", "time_text", "claimant", "side", "role",
    "part_of",
)
INCIDENT_COLUMNS: tuple[str, ...] = (
    "id", "weapon", "country", "admin1", "place", "facility", "facility_type", "water_body", "lat", "lon",
    "location_precision", "location_text", "start", "end", "time_precision",
    *[f"{m}_{s}" for m in MEASURES for s in SIDES],
    "documents", "n_documents", "claims", "n_claims", "flags", "values", "flag_messages",
)
INTEGER_COLUMNS = frozenset([*MEASURES, *(f"{m}_{s}" for m in MEASURES for s in SIDES),
                             "n_documents", "n_claims"])
FLOAT_COLUMNS = frozenset(["lat", "lon"])


def kind_of(item: Claim | Incident) -> str:
    if isinstance(item, Incident):
        return "incident"
    if isinstance(item, Claim):
        return "claim"
    raise TypeError(f"cannot export {type(item).__name__}: expected Claim or Incident")


def columns(kind: str) -> tuple[str, ...]:
    return INCIDENT_COLUMNS if kind == "incident" else CLAIM_COLUMNS


def _location(row: dict[str, Any], loc) -> None:
    row.update(country=loc.country, admin1=";".join(loc.admin1) or None, place=loc.place,
               facility=loc.facility, facility_type=loc.facility_type, water_body=loc.water_body,
               lat=loc.lat, lon=loc.lon,
               location_precision=loc.precision, location_text=loc.text)


def claim_row(c: Claim) -> dict[str, Any]:
    row: dict[str, Any] = {"id": c.id, "doc_id": c.doc_id, "weapon": c.weapon,
                           "weapon_model": c.weapon_model, "attacker": c.attacker}
    for m in MEASURES:
        n = getattr(c, m)
        row[m] = n.value if n is not None else None
        row[f"{m}_qualifier"] = n.qualifier if n is not None else None
    _location(row, c.location)
    row.update(start=c.when.start, end=c.when.end, time_precision=c.when.precision,
               time_text=c.when.text, claimant=c.claimant.name, side=c.claimant.side,
               role=c.claimant.role, part_of=c.part_of)
    return row


def incident_row(inc: Incident) -> dict[str, Any]:
    row: dict[str, Any] = {"id": inc.id, "weapon": inc.weapon}
    _location(row, inc.location)
    row.update(start=inc.when.start, end=inc.when.end, time_precision=inc.when.precision)
    for m in MEASURES:
        for s in SIDES:
            v = inc.values.get(m, {}).get(s)
            row[f"{m}_{s}"] = v["value"] if v else None
    row.update(documents=";".join(inc.documents), n_documents=len(inc.documents),
               claims=";".join(c.id for c in inc.claims), n_claims=len(inc.claims),
               flags=";".join(dict.fromkeys(f.kind for f in inc.flags)) or None,
               values=json.dumps(inc.values, ensure_ascii=False, sort_keys=True),
               flag_messages=json.dumps([f.to_dict() for f in inc.flags], ensure_ascii=False))
    return row


def row(item: Claim | Incident) -> dict[str, Any]:
    return incident_row(item) if kind_of(item) == "incident" else claim_row(item)
