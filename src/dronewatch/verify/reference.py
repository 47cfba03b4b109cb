"""Incidents against a hand-coded reference table of nightly figures.

A reference table (the first format: piterfm's "Massive Missile Attacks on Ukraine", coded
by hand from each Ukrainian Air Force report) gives, per night and weapon model, how many
were launched and destroyed. Its rows are mapped to dronewatch weapons (MODELS below,
documented in docs/verify.md), and the rows of one night and weapon make its *readings*:
the figure of the attack rows, and the other ways an analyst could read the report (with the
unknown UAVs added, with the drones that "did not reach their targets" counted as downed).

An incident that gives the Ukrainian side's national launched or intercepted figure for
a night with readings gets `values[measure]["UA"]["reference"]`: the table, its rows, its
figure and the verdict, `reference_agrees` (shown, not a flag) or `reference_mismatch`
(also a flag naming both figures, the table and the row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dronewatch.model import Count, Flag, Incident
from dronewatch.verify.values import agree, say

# model as written in the table -> (dronewatch weapon, kind). Kinds that are compared:
# "attack_drone" and "missile"; "unknown_uav" joins the drones as a second reading; the
# rest are kept but never compared (the Air Force's nightly totals count attack drones
# and decoys, not reconnaissance drones or bombs).
ATTACK_DRONES = ("Shahed-136/131", "Lancet", "Молнія", "Молнія and Lancet", "Фенікс")
RECON_DRONES = ("Orlan-10", "Reconnaissance UAV", "Supercam", "ZALA", "Merlin-VR", "Orion",
                "Forpost", "Mohajer-6", "Картограф", "Eleron", "Orlan-10 and ZALA and Supercam",
                "Орлан-10 and ZALA and Supercam")
MODELS: dict[str, tuple[str | None, str]] = {
    **{m: ("drone", "attack_drone") for m in ATTACK_DRONES},
    **{m: ("drone", "recon_drone") for m in RECON_DRONES},
    "Unknown UAV": ("drone", "unknown_uav"),
    "GBU": ("glide_bomb", "bomb"), "Aerial Bomb": ("glide_bomb", "bomb"),
    "Banderol": (None, "other"),
}
COMPARED = ("launched", "intercepted")
COLUMN = {"launched": "launched", "intercepted": "destroyed"}


def weapon_of(model: str) -> tuple[str | None, str]:
    """(dronewatch weapon, kind) of a table's model: every model not listed is a missile
    (Iskander-M, X-101/X-555, Kalibr, X-47 Kinzhal, C-300, ...)."""
    return MODELS.get(model.strip(), ("missile", "missile"))


@dataclass(slots=True)
class ReferenceRow:
    table: str
    row_no: int
    night: str  # the morning that ends the night (YYYY-MM-DD)
    model: str
    weapon: str | None
    kind: str
    launched: int | None = None
    destroyed: int | None = None
    not_reached: int | None = None
    time_start: str | None = None
    time_end: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Reading:
    """What a table says for one night and weapon: the figure of its main rows per
    measure, every figure it may be read as, and the rows."""
    table: str
    rows: list[ReferenceRow]
    value: dict[str, int] = field(default_factory=dict)
    accepted: dict[str, set[int]] = field(default_factory=dict)


def _total(rows: list[ReferenceRow], column: str, extra: str | None = None) -> int | None:
    values = [(getattr(r, column) or 0) + ((getattr(r, extra) or 0) if extra else 0) for r in rows
              if getattr(r, column) is not None]
    return sum(values) if values else None


def readings(rows: Iterable[ReferenceRow]) -> dict[tuple[str, str], Reading]:
    """{(night, weapon): Reading} for the weapons that are compared (drone, missile)."""
    groups: dict[tuple[str, str, str], dict[str, list[ReferenceRow]]] = {}
    for r in rows:
        if r.kind in ("attack_drone", "unknown_uav", "missile"):
            groups.setdefault((r.table, r.night, r.weapon), {}).setdefault(r.kind, []).append(r)
    out: dict[tuple[str, str], Reading] = {}
    for (table, night, weapon), kinds in sorted(groups.items()):
        main = kinds.get("attack_drone") or kinds.get("missile") or kinds.get("unknown_uav") or []
        alternatives = [main]
        if weapon == "drone" and kinds.get("attack_drone") and kinds.get("unknown_uav"):
            alternatives.append(main + kinds["unknown_uav"])
        reading = Reading(table=table, rows=sorted({id(r): r for g in alternatives for r in g}.values(),
                                                   key=lambda r: r.row_no))
        for m in COMPARED:
            col = COLUMN[m]
            value = _total(main, col)
            if value is None:
                continue
            reading.value[m] = value
            seen = {_total(g, col) for g in alternatives}
            if m == "intercepted":
                seen |= {_total(g, col, "not_reached") for g in alternatives}
            reading.accepted[m] = {v for v in seen if v is not None}
        if reading.value:
            out.setdefault((night, weapon), reading)  # two tables: the first name wins
    return out


def night_of(inc: Incident) -> str | None:
    """The morning that ends the incident's night (its last day); None for an incident
    over more than one night (a weekly total is no night's figure)."""
    from dronewatch.verify.blocking import parse_day

    start, end = parse_day(inc.when.start), parse_day(inc.when.end or inc.when.start)
    if start is None or end is None or (end - start).days > 1:
        return None
    return end.isoformat()


def _national(inc: Incident) -> bool:
    loc = inc.location
    return not loc.admin1 and not loc.water_body and not loc.place and loc.country in (None, "UA")


def _rows_said(reading: Reading) -> str:
    rows = reading.rows
    named = ", ".join(f"row {r.row_no} ({r.model}, {r.time_start or '?'} to {r.time_end or '?'})"
                      for r in rows[:3])
    return named + (f" and {len(rows) - 3} more" if len(rows) > 3 else "")


def compare_with_reference(incidents: Iterable[Incident],
                           table: Mapping[tuple[str, str], Reading]) -> None:
    """Add the reference beside the Ukrainian national figures of each incident that has
    one for its night, and a `reference_mismatch` flag where none of the incident's figures
    meets any reading of the table (in place)."""
    if not table:
        return
    for inc in incidents:
        if inc.weapon not in ("drone", "missile") or not _national(inc):
            continue
        night = night_of(inc)
        reading = table.get((night, inc.weapon)) if night else None
        if reading is None:
            continue
        for m in COMPARED:
            ours = inc.values.get(m, {}).get("UA")
            if not ours or m not in reading.value:
                continue
            figures = [Count(f["value"], f["qualifier"]) for f in ours["figures"]]
            agrees = any(agree(f, Count(v)) for f in figures for v in reading.accepted[m])
            verdict = "reference_agrees" if agrees else "reference_mismatch"
            ours["reference"] = {
                "table": reading.table, "value": reading.value[m],
                "readings": sorted(reading.accepted[m]), "rows": [r.row_no for r in reading.rows],
                "verdict": verdict}
            if not agrees:
                said = " and ".join(say(f) for f in figures[:3])
                inc.flags.append(Flag(
                    "reference_mismatch",
                    f"the Ukrainian side says {said} {inc.weapon}s {m} in the night to {night}; the "
                    f"{reading.table} table says {reading.value[m]} ({_rows_said(reading)})"))
