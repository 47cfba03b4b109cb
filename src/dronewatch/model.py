"""The typed records every stage shares.

A `Document` goes in, `Claim`s come out. A claim is one statement made in one
document about one place and time; its shape on the wire is the contract of
FORMAT.md (`Claim.to_dict` / `Claim.from_dict`). Unknown stays `None`, never 0:
"no casualties reported" and "casualties not mentioned" are different facts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Weapon = Literal["drone", "missile", "naval_drone", "glide_bomb", "unknown"]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
MEASURES: tuple[str, ...] = ("launched", "intercepted", "hit", "killed", "injured")
CASUALTY_MEASURES: tuple[str, ...] = ("killed", "injured")
WEAPONS: tuple[str, ...] = ("drone", "missile", "naval_drone", "glide_bomb", "unknown")


@dataclass(slots=True)
class Document:
    id: str
    text: str
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    source: str | None = None  # where it was read from: "file.jsonl:12", "page.html"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "url": self.url, "title": self.title, "outlet": self.outlet,
                "published": self.published, "text": self.text}


@dataclass(slots=True)
class Count:
    value: int
    qualifier: Qualifier = "exact"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "qualifier": self.qualifier}


@dataclass(slots=True)
class Location:
    country: str | None = None
    admin1: list[str] = field(default_factory=list)
    place: str | None = None
    facility: str | None = None
    water_body: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # "facility" | "place" | "admin1" | "water_body" | "country"
    text: str | None = None
    facility_type: str | None = None  # what the facility is: "refinery", "airfield", "port", ...

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "admin1": list(self.admin1) or None, "place": self.place,
                "facility": self.facility, "facility_type": self.facility_type, "water_body": self.water_body,
                "lat": self.lat, "lon": self.lon, "precision": self.precision, "text": self.text}

    def key(self) -> tuple:
        """What makes two locations the same place for de-duplication."""
        return (self.country, tuple(sorted(self.admin1)), self.water_body)


@dataclass(slots=True)
class TimeSpan:
    start: str | None = None  # ISO date or date-time
    end: str | None = None
    precision: str | None = None  # "day" | "night" | "week" | "month" | "period"
    text: str | None = None
    how: str | None = None  # why this range: "published date", "overnight before published", ...

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "precision": self.precision,
                "text": self.text, "how": self.how}


@dataclass(slots=True)
class Claimant:
    name: str | None = None
    side: str | None = None  # ISO country code of the party: "RU", "UA", ...
    role: str | None = None  # "military" | "official" | "government" | "intelligence" | "media" | ...

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "side": self.side, "role": self.role}


@dataclass(slots=True)
class Evidence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Claim:
    doc_id: str
    weapon: str = "unknown"
    weapon_model: str | None = None
    attacker: str | None = None
    launched: Count | None = None
    intercepted: Count | None = None
    hit: Count | None = None
    killed: Count | None = None
    injured: Count | None = None
    location: Location = field(default_factory=Location)
    when: TimeSpan = field(default_factory=TimeSpan)
    claimant: Claimant = field(default_factory=Claimant)
    evidence: list[Evidence] = field(default_factory=list)
    part_of: str | None = None
    id: str = ""
    optional: bool = False  # gold files only: a fact too ambiguous to demand

    def counts(self) -> dict[str, Count]:
        return {m: c for m in MEASURES if (c := getattr(self, m)) is not None}

    def assign_id(self) -> str:
        """A stable id: the same claim extracted twice from the same text gets the same id."""
        parts = [self.doc_id, self.weapon, ",".join(sorted(self.location.admin1)),
                 self.location.country or "", self.location.water_body or "",
                 self.location.place or "", self.claimant.side or ""]
        parts += [f"{m}={c.value}" for m, c in self.counts().items()]
        parts += [f"{e.start}-{e.end}" for e in self.evidence[:1]]
        digest = hashlib.blake2b("|".join(parts).encode(), digest_size=8).hexdigest()
        self.id = f"{self.doc_id}:{digest}"
        return self.id

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "doc_id": self.doc_id, "weapon": self.weapon,
                               "weapon_model": self.weapon_model, "attacker": self.attacker}
        for m in MEASURES:
            c = getattr(self, m)
            out[m] = c.to_dict() if c is not None else None
        out["location"] = self.location.to_dict()
        out["when"] = self.when.to_dict()
        out["claimant"] = self.claimant.to_dict()
        out["evidence"] = [e.to_dict() for e in self.evidence]
        out["part_of"] = self.part_of
        if self.optional:
            out["optional"] = True
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Claim":
        def count(v: Any) -> Count | None:
            if v is None:
                return None
            if isinstance(v, dict):
                return Count(int(v["value"]), v.get("qualifier") or "exact")
            return Count(int(v))

        loc = dict(d.get("location") or {})
        admin1 = loc.get("admin1") or []
        if isinstance(admin1, str):
            admin1 = [admin1]
        when = d.get("when") or {}
        cl = d.get("claimant") or {}
        return cls(
            doc_id=d["doc_id"], weapon=d.get("weapon") or "unknown",
            weapon_model=d.get("weapon_model"), attacker=d.get("attacker"),
            **{m: count(d.get(m)) for m in MEASURES},
            location=Location(country=loc.get("country"), admin1=list(admin1),
                              place=loc.get("place"), facility=loc.get("facility"),
                              water_body=loc.get("water_body"), lat=loc.get("lat"),
                              lon=loc.get("lon"), precision=loc.get("precision"),
                              text=loc.get("text"), facility_type=loc.get("facility_type")),
            when=TimeSpan(start=when.get("start"), end=when.get("end"),
                          precision=when.get("precision"), text=when.get("text"),
                          how=when.get("how")),
            claimant=Claimant(name=cl.get("name"), side=cl.get("side"), role=cl.get("role")),
            evidence=[Evidence(int(e["start"]), int(e["end"])) for e in d.get("evidence") or []],
            part_of=d.get("part_of"), id=d.get("id") or "", optional=bool(d.get("optional")),
        )


@dataclass(slots=True)
class Rejection:
    """An input that could not be processed: where it came from and why, in one line."""
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Flag:
    """Something a careful analyst would question, with a one-line explanation."""
    kind: str  # breakdown_mismatch | date_conflict | count_conflict | unknown_place | single_source | sides_disagree
    message: str
    claim_id: str | None = None  # set when the flag is about one claim rather than the incident

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.claim_id:
            out["claim_id"] = self.claim_id
        return out


@dataclass(slots=True)
class Incident:
    """One real-world event (drones over Rostov Oblast, night of 24-25 Oct 2025) and every
    claim about it from every document."""
    id: str
    weapon: str
    location: Location
    when: TimeSpan
    claims: list[Claim] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # doc ids
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # measure -> side -> {"value", "how", ...}
    flags: list[Flag] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "weapon": self.weapon, "location": self.location.to_dict(),
                "when": self.when.to_dict(), "documents": list(self.documents),
                "claims": [c.to_dict() for c in self.claims], "values": self.values,
                "flags": [f.to_dict() for f in self.flags]}
