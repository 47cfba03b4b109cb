"""Place mentions of a document, ready for the assembly: gazetteer hits minus the
ones that are not where anything happened ("Moscow time", "on the border with
Ukraine", "launched from Kursk"), plus phrases that name several regions at once
("the capital region")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from dronewatch.extract.vocab import Vocabulary, fold
from dronewatch.geo import get_gazetteer

# Occupied or annexed Ukrainian regions: ISO says UA, but the side reporting about
# them may be either; the assembly must not infer the attacker from the code alone.
CONTESTED = {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}



_DATELINE = re.compile(r"(?m)^[ \t]*[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’. -]{2,}(?=\s*(?:,\s*(?:[A-Z][a-z]+|\w+\s+\d)|\(|[–—-]|/|>>|»))")


@dataclass(slots=True)
class PlaceRef:
    start: int
    end: int
    text: str
    kind: str  # "admin1" | "city" | "sea" | "country" | "unknown"
    admin1: list[str] = field(default_factory=list)
    country: str | None = None
    place: str | None = None
    water_body: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def is_local(self) -> bool:
        """A region, city, sea or a not-real region: anything below country level."""
        return self.kind != "country"


def find_places(text: str, vocab: Vocabulary, lo: int = 0, hi: int | None = None) -> list[PlaceRef]:
    """Place mentions in text[lo:hi], with offsets into `text`."""
    hi = len(text) if hi is None else hi
    gaz = get_gazetteer()
    low = fold(text[lo:hi])
    needles = vocab.needles

    def worth(name: str) -> bool:
        return name not in needles or any(n in low for n in needles[name])
    masks = [(m.start(), m.end()) for m in vocab.place_mask.finditer(text, lo, hi)] if worth("place_mask") else []
    # "KYIV (Reuters) –", "MOSCOW, December 1. /TASS/": where the story was filed
    if text[lo:lo + 3].isupper():
        masks += [(m.start(), m.end()) for m in _DATELINE.finditer(text, lo, hi)]
    if "•" in text[lo:hi] or "|" in text[lo:hi]:  # "Kyiv • UNN", "Kyiv | Ukrinform"
        masks += [(m.start(), m.end()) for m in _BYLINE_PLACE.finditer(text, lo, hi)]
    # "from the directions of: Kursk, Oryol, Chauda": where the drones came from, up to the clause's end
    for m in (vocab.g.origin_list.finditer(text, lo, hi) if worth("origin_list") else ()):
        end = vocab.g.clause_end.search(text, m.end(), hi)
        # "launched 38 drones from Cape Chauda in occupied Crimea": from "from" on
        start = m.start("from") if "from" in m.re.groupindex and m.start("from") >= 0 else m.start()
        stop = end.start() if end else hi
        target = vocab.g.origin_stop.search(text, m.end(), stop)  # "... from Kursk at Sumy": Sumy is hit
        masks.append((start, target.start() if target else stop))
    refs: list[PlaceRef] = []
    taken: list[tuple[int, int]] = []
    for m in (vocab.region_phrase.finditer(text, lo, hi) if worth("region_phrase") else ()):
        row = vocab.region_phrase_rows[int(m.lastgroup[1:])]
        refs.append(PlaceRef(m.start(), m.end(), text[m.start():m.end()], "admin1", list(row["admin1"]),
                             row.get("country"), None, None, *_centroid(gaz, row["admin1"][0])))
        taken.append((m.start(), m.end()))
    # "Russia's border region of Belgorod"
    for m in (vocab.g.region_of.finditer(text, lo, hi) if worth("region_of") else ()):
        p = gaz.lookup(m.group(1))
        code = p.admin1 if p is not None else None
        if code and not _inside(m.start(), m.end(), masks):
            region = gaz.region(code)
            refs.append(PlaceRef(m.start(), m.end(), m.group(0), "admin1", [code], region.country if region else None,
                                 None, None, *(_centroid(gaz, code))))
            taken.append((m.start(), m.end()))
    for pm in gaz.find(text[lo:hi]):
        start, end = pm.start + lo, pm.end + lo
        if _inside(start, end, masks) or _inside(start, end, taken):
            continue
        if vocab.g.origin.search(text, max(lo, start - 40), start):
            continue
        if pm.place is not None and pm.place.kind == "city" and pm.text in _official_surnames() \
                and _FIRST_NAME_BEFORE.search(text, max(lo, start - 20), start):
            continue  # "Aleksandr Gusev" is the Voronezh governor, not the town of Gusev
        ref = _ref(pm)
        ref.start, ref.end = start, end
        refs.append(ref)
    refs.sort(key=lambda r: r.start)
    return refs


# a line that opens with where the story was filed and the outlet: "Kyiv • UNN"
_BYLINE_PLACE = re.compile(r"(?m)^[ \t]*[A-ZА-ЯЁІЇЄ][\w'’.-]+(?:\s+[A-ZА-ЯЁІЇЄ][\w'’.-]+)?(?=[ \t]*[•|][ \t]*[A-ZА-ЯЁІЇЄ])")
@lru_cache(maxsize=None)
def _official_surnames() -> frozenset[str]:
    """The surnames of the officials vocab/officials_en.json knows (claimants.py reads the
    rest of each row; this module only needs to tell a person from a town)."""
    data = json.loads(resources.files("dronewatch.extract").joinpath("vocab", "officials_en.json").read_text("utf-8"))
    return frozenset(row[0] for row in data["officials"])


_FIRST_NAME_BEFORE = re.compile(r"(?<![\w.])[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+\s+$")


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start < e or s < end <= e for s, e in spans)


def _centroid(gaz, code: str) -> tuple[float | None, float | None]:
    p = gaz.region(code)
    return (p.lat, p.lon) if p else (None, None)


def _ref(pm) -> PlaceRef:
    p = pm.place
    if p is None:
        return PlaceRef(pm.start, pm.end, pm.text, "unknown")
    if p.kind == "country":
        return PlaceRef(pm.start, pm.end, pm.text, "country", [], p.country)
    if p.kind == "sea":
        return PlaceRef(pm.start, pm.end, pm.text, "sea", [], None, None, p.name, p.lat, p.lon)
    if p.kind == "city" and not pm.as_region:
        return PlaceRef(pm.start, pm.end, pm.text, "city", [p.admin1] if p.admin1 else [], p.country,
                        p.name, None, p.lat, p.lon)
    lat, lon = p.lat, p.lon
    if p.kind == "city" and p.admin1:  # a list like "the Kursk and Bryansk regions": the regions
        lat, lon = _centroid(get_gazetteer(), p.admin1)
    return PlaceRef(pm.start, pm.end, pm.text, "admin1", [p.admin1] if p.admin1 else [], p.country,
                    None, None, lat, lon)


def opening_region(places: list[PlaceRef]) -> PlaceRef | None:
    """The first region of a country a sentence names ("In Belgorod Oblast, ...")."""
    return next((p for p in places if p.kind == "admin1" and p.country), None)


def is_foreign_namesake(p: PlaceRef, region: PlaceRef | None) -> bool:
    """A town named after `region` that the gazetteer knows only in another country ("In
    Belgorod Oblast, 4 drones dropped explosives near Zhovtneve"): a namesake of a village
    of that region, not a place of its own."""
    return region is not None and p.kind == "city" and p.start > region.start \
        and bool(p.country) and p.country != region.country


def region_ref(code: str) -> PlaceRef | None:
    """A place reference for a region known only by its code (an official's region)."""
    p = get_gazetteer().region(code)
    if p is None:
        return None
    return PlaceRef(-1, -1, p.name, "admin1", [code], p.country, None, None, p.lat, p.lon)


def region_ref_of_town(name: str) -> PlaceRef | None:
    """A place reference for a settlement named in any language and case ("Stary Oskol",
    "селищі Жовтневе" -> its gazetteer entry), or None when the gazetteer has no such town."""
    for pm in get_gazetteer().find(name):
        if pm.place is not None and pm.place.kind == "city":
            return _ref(pm)
    return None
