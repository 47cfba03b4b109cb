"""Facts, and how they become claims.

A fact is one figure the assembler read (extract/assemble.py): a count with its measure,
weapon, places, speaker and time, and the evidence it was read from. Turning the facts of a
document into claims is the article-level half of extraction, and it is here:

- a figure repeated is one claim with more evidence, not another claim;
- the side a figure is claimed for, where nobody says (the speaker's side throughout the
  article, else the country the figure is about);
- where a figure is (`location_of`), and which country a national figure is about;
- a regional figure after a total of the same measure, weapon and side is part of it;
- each named target (refinery, airfield, ...) goes on the claim it belongs to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from dronewatch.extract.claimants import ClaimantMention, find_claimants
from dronewatch.extract.dates import default_time
from dronewatch.extract.facilities import FacilityMention, find_facilities
from dronewatch.extract.numbers import NumberMention
from dronewatch.extract.places import CONTESTED, PlaceRef, region_ref_of_town
from dronewatch.extract.vocab import Vocabulary, load_vocabulary
from dronewatch.geo.airfields import find_airfield
from dronewatch.model import Claim, Claimant, Count, Document, Evidence, Location, TimeSpan

WEAPON_MEASURES = ("launched", "intercepted", "hit")
CASUALTY = ("killed", "injured")
# occupied regions both sides report on: a figure there tells nobody's side by its place
HELD_BY_RUSSIA = {"UA-43", "UA-40", "UA-09"}
_SMALL = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_COUNTRY_NAMES = {"RU": "Russia", "UA": "Ukraine"}
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


@dataclass(slots=True)
class Fact:
    measure: str
    value: int
    qualifier: str
    weapon: str
    model: str | None
    sent: int
    start: int  # the count's characters
    end: int
    places: list[PlaceRef] = field(default_factory=list)
    place_how: str = ""
    claimant: ClaimantMention | None = None
    claimant_explicit: bool = False
    time: TimeSpan | None = None
    time_explicit: bool = False
    attacker: str | None = None
    evidence: tuple[int, int] = (0, 0)
    np_end: int = 0
    national_country: str | None = None
    claim: Claim | None = None
    # why the rules would not keep it ("" when they do): the decision model may still keep it
    dropped: str = ""
    measure_options: tuple[str, ...] = ()  # the measures the sentence's verbs allow for this count
    whole: bool = False  # the launch a figure implies: the 62 of "45 of the 62", the echo of "all 42 were downed"


@dataclass(slots=True)
class Candidate:
    """A count candidate inside one sentence before its measure is known."""
    start: int
    end: int
    value: int
    qualifier: str
    head: str  # "weapon" | "person" | "elided"
    np_end: int
    weapon: str | None = None
    model: str | None = None
    anaphoric: bool = False
    subset: bool = False  # the X of "X of Y drones": the verb after Y is Y's
    superset: bool = False  # the Y of "X out of Y drones": launched unless said otherwise
    all_of: bool = False  # "all 42 drones": the whole salvo, so launched = intercepted
    singular: bool = False
    copy_previous: bool = False
    number: NumberMention | None = None  # its qualifier is read only if the count is kept



def other_side(side: str | None) -> str | None:
    return {"RU": "UA", "UA": "RU"}.get(side or "")


def infer_side(f: Fact, loc: Location) -> str | None:
    """The side a figure nobody attributes is claimed for: the other side of its attacker,
    else the country it is about."""
    if f.attacker:
        return other_side(f.attacker)
    if loc.admin1 and set(loc.admin1) <= CONTESTED and f.measure == "intercepted":
        return "RU"  # interceptions over occupied Crimea or Donetsk are Russian claims
    return loc.country


def national_country(f: Fact) -> str | None:
    """The country attacked, for a figure that names no place."""
    side = f.claimant.side if f.claimant else None
    if f.measure == "intercepted" and side:
        return side
    if f.attacker:
        return other_side(f.attacker)
    return side


def location_of(f: Fact) -> Location:
    """Where a fact is: its places merged, else the country it is about."""
    places = f.places
    if not places:
        country = national_country(f)
        return Location(country=country, precision="country" if country else None,
                        text=_COUNTRY_NAMES.get(country or ""))
    admin1: list[str] = []
    for p in places:
        for a in p.admin1:
            if a not in admin1:
                admin1.append(a)
    countries = {p.country for p in places if p.country}
    first = places[0]
    water = next((p.water_body for p in places if p.water_body), None)
    text = ", ".join(p.text for p in places)
    if all(p.kind == "unknown" for p in places):
        return Location(text=text, precision=None)
    if first.kind == "country" and len(places) == 1:
        return Location(country=first.country, precision="country", text=first.text)
    precision = "water_body" if water and not admin1 else ("place" if first.kind == "city" else "admin1")
    return Location(country=countries.pop() if len(countries) == 1 else None, admin1=admin1,
                    place=first.place if len(places) == 1 else None, water_body=water,
                    lat=first.lat, lon=first.lon, precision=precision, text=text)


def outlet_claimant(doc: Document, vocab: Vocabulary) -> ClaimantMention | None:
    """The speaker of an article that names none, when its outlet is a party's own
    channel ("Russian Ministry of Defence (Telegram)"): its posts are its statements."""
    outlet = doc.outlet or ""
    if not outlet:
        return None
    # the document's own vocabulary for a name in its script, else English (not language_of:
    # a name is too short for letters to decide, and the statistical guess loads ~100 MB)
    vocab = vocab if _CYRILLIC.search(outlet) else load_vocabulary("en")
    return next((c for c in find_claimants(outlet, 0, len(outlet), [], vocab) if c.side and not c.generic), None)


def claims_from_facts(facts: list[Fact], doc: Document, sentences: list[tuple[int, int]],
                      vocab: Vocabulary) -> list[Claim]:
    """The claims of a document's facts (each fact's `claim` is set to the claim it went
    into): repeats merged, sides inferred, parts linked to their totals, targets attached,
    ids assigned."""
    claims: list[Claim] = []
    seen: dict[tuple, list[Fact]] = {}  # by key: a long list of figures stays linear
    evidence_of: dict[int, set[tuple[int, int]]] = {}
    by_sentence: dict[tuple, Claim] = {}
    by_model: dict[tuple, Claim] = {}  # the same, for figures of one weapon model
    inferred: dict[int, str] = {}
    for f in facts:
        loc = location_of(f)
        key = (f.measure, f.value, f.weapon if f.measure not in CASUALTY else "", loc.key())
        # a figure repeated is one claim, but two equal figures side by side in one sentence
        # are two ("two Iskander-M ballistic missiles, two Kh-59 cruise missiles")
        dup = next((g for g in seen.get(key, ()) if _same_place(loc, g.claim.location)
                    and (g.sent != f.sent or g.start == f.start)), None)
        if dup is not None:
            spans = evidence_of.get(id(dup.claim))
            if spans is None:
                spans = evidence_of[id(dup.claim)] = {(e.start, e.end) for e in dup.claim.evidence}
            if f.evidence not in spans:  # a set: a figure repeated a thousand times stays linear
                spans.add(f.evidence)
                dup.claim.evidence.append(Evidence(*f.evidence))
            continue
        side = f.claimant.side if f.claimant else None
        if side is None and f.claimant is not None:
            # one speaker speaks for one side throughout the article
            side = inferred.get(id(f.claimant)) or infer_side(f, loc)
            if side:
                inferred[id(f.claimant)] = side
        elif side is None and f.claimant is None and not (set(loc.admin1) & HELD_BY_RUSSIA):
            # nobody named: damage, casualties and interceptions in a country are reported
            # by its own authorities (not in occupied regions, which both sides report on)
            side = infer_side(f, loc)
            unnamed = vocab.raw.get("unnamed_speaker_side")
            if unnamed and (side is None or (loc.admin1 and set(loc.admin1) <= CONTESTED)):
                # a text in a language only one side writes its reports in is that side's,
                # where nothing else tells ("Зафіксовано влучання 8 ракет", "Над Херсонщиною
                # збито 5 дронів" over a partly occupied region)
                side = unnamed
                if not loc.text and not loc.country:
                    loc = Location(country=side, precision="country", text=_COUNTRY_NAMES[side])
        if f.attacker is None and side and f.measure in WEAPON_MEASURES:
            f.attacker = other_side(side)
        gkey = (f.sent, f.weapon, loc.key(), loc.place, side, f.claimant.name if f.claimant else None)
        claim = by_sentence.get(gkey)
        if f.model is not None:
            # "6 Kinzhal and 20 Kalibr missiles ...; 5 Kinzhals and 18 Kalibrs shot down":
            # a model's figure goes with that model's, never with another model's
            claim = by_model.get(gkey + (f.model,)) or (
                claim if claim is not None and claim.weapon_model in (None, f.model) else None)
        if claim is None or getattr(claim, f.measure) is not None:
            claim = Claim(doc_id=doc.id, weapon=f.weapon, weapon_model=f.model, attacker=f.attacker,
                          location=loc, when=f.time or default_time(doc.published),
                          claimant=Claimant(f.claimant.name if f.claimant else None, side,
                                            f.claimant.role if f.claimant else None),
                          evidence=[Evidence(*f.evidence)])
            by_sentence[gkey] = claim
            claims.append(claim)
        if f.model is not None:
            by_model[gkey + (f.model,)] = claim
        setattr(claim, f.measure, Count(f.value, f.qualifier))
        if claim.weapon_model is None:
            claim.weapon_model = f.model
        if f.measure not in CASUALTY and claim.weapon in ("unknown",):
            claim.weapon = f.weapon
        f.claim = claim
        seen.setdefault(key, []).append(f)
    text = doc.text
    _one_voice(claims)
    link_parts(claims, text, vocab)
    attach_facilities(claims, text, sentences, vocab)
    for c in claims:
        c.assign_id()
    for c in claims:
        if c.part_of is not None:
            c.part_of = c.part_of.id  # type: ignore[union-attr]
    return claims


def _one_voice(claims: list[Claim]) -> None:
    """An article that names no speaker speaks with one voice: a figure whose side nothing
    tells (no speaker, no country: "hits of 20 drones were recorded at 8 locations", "10
    over the Sea of Azov") is claimed for the side all its other figures are claimed for."""
    sides = {c.claimant.side for c in claims if c.claimant.side}
    if len(sides) != 1:
        return
    side = sides.pop()
    for c in claims:
        if c.claimant.side or c.claimant.name or c.location.country:
            continue  # a place in a country tells its own side (infer_side)
        c.claimant.side = side
        if c.attacker is None and any(getattr(c, m) is not None for m in WEAPON_MEASURES):
            c.attacker = other_side(side)
        if not c.location.text:
            # no place at all: a national figure of the side attacked, the speaker's country
            c.location = Location(country=side, precision="country", text=_COUNTRY_NAMES[side])


def link_parts(claims: list[Claim], text: str, vocab: Vocabulary) -> None:
    """A regional figure that follows a total of the same measure, weapon and side is part of it."""
    for i, c in enumerate(claims):
        if not c.location.admin1 and not c.location.water_body and c.location.text is None:
            continue
        if not (c.location.admin1 or c.location.water_body):
            continue
        counts = c.counts()
        for parent in reversed(claims[:i]):
            if parent.weapon != c.weapon or parent.claimant.side != c.claimant.side:
                continue
            pc = parent.counts()
            shared = [m for m in counts if m in pc and m in WEAPON_MEASURES]
            if not shared or any(pc[m].value <= counts[m].value for m in shared):
                continue
            p_admin, c_admin = set(parent.location.admin1), set(c.location.admin1)
            if p_admin and not (c_admin and c_admin < p_admin):
                continue  # a part lies strictly inside its total
            if not p_admin and parent.location.water_body:
                continue
            c.part_of = parent  # type: ignore[assignment]  # replaced by the id once ids exist
            if not _explicit(c.when) and parent.when.start:
                c.when = parent.when
            break
    # "30 drones over the two regions", then the two: the total covers those regions
    for parent in claims:
        if parent.location.admin1 or not parent.evidence:
            continue
        ev = parent.evidence[0]
        m = vocab.g.n_regions.search(text, ev.start, ev.end)
        if not m:
            continue
        parts = [c for c in claims if c.part_of is parent]
        codes = sorted({a for c in parts for a in c.location.admin1})
        if len(codes) == _SMALL.get(m.group(1).lower(), -1):
            parent.location.admin1 = codes
            parent.location.precision = "admin1"
            parent.location.text = text[m.start():m.end()]


def attach_facilities(claims: list[Claim], text: str, sentences: list[tuple[int, int]], vocab: Vocabulary) -> None:
    """Each named target goes on the claim of its own sentence (a hit first), else on the
    nearest claim that has none yet; a target only described ("an electrical substation")
    joins a target named near it, else takes a claim the same way."""
    if not claims:
        return
    starts = [lo for lo, _ in sentences]
    named: list[FacilityMention] = []
    placed: list[tuple[int, Location]] = []
    extra: list[Claim] = []
    # the whole article: a target is often named apart from the figures ("Drones attacked
    # the Ryazan refinery. ... Air defences downed 12 drones")
    claimed = {c.evidence[0].start for c in claims if c.evidence}
    for fm in targets_in_order(text, sentences, vocab, claimed):
        if any(fm.same_target(other) for other in named):
            continue  # "the IEMZ Kupol plant" ... "the Kupol plant": one target
        idx = bisect_left(starts, fm.start + 1) - 1
        if join_target(placed, idx, fm):
            named.append(fm)
            continue
        lo, hi = sentences[idx] if idx >= 0 else (0, 0)
        near = {j for j in range(max(0, idx - 2), idx + 3)}
        free = [c for c in claims if c.location.facility is None
                and (c.hit is not None or bisect_left(starts, c.evidence[0].start + 1) - 1 in near)]
        # else another claim of the article: an attack on a plant is reported with its figures
        free = free or [c for c in claims if c.location.facility is None]
        if not free:
            if not fm.described and vocab.g.target_struck.search(text, lo, hi):
                named.append(fm)
                extra.append(_claim_of_target(claims, fm, lo, hi))
                placed.append((idx, extra[-1].location))
            continue
        named.append(fm)
        same = [c for c in free if c.evidence and c.evidence[0].start == lo]
        pool = same or free

        def distance(c: Claim) -> tuple[int, int]:
            return (abs(c.evidence[0].start - lo), 0 if c.hit is not None else 1)
        best = min(pool, key=lambda c: (0 if c.hit is not None else 1, distance(c)) if same else distance(c))
        place_facility(best.location, fm)
        placed.append((idx, best.location))
    claims.extend(extra)


def _claim_of_target(claims: list[Claim], fm: FacilityMention, lo: int, hi: int) -> Claim:
    """A target said to be struck when every claim of the article has one already ("a
    drone hit the Ryazan refinery ... another hit an oil depot in Tuapse"): a claim with no
    counts of its own, of the weapon, speaker and time of the nearest claim, so that what was
    hit is on record and no figure is invented."""
    near = min(claims, key=lambda c: abs(c.evidence[0].start - lo) if c.evidence else len(claims))
    loc = Location(country=near.location.country)
    town = region_ref_of_town(fm.place) if fm.place else None
    if town is not None:
        loc.country, loc.admin1 = town.country or loc.country, list(town.admin1)
    place_facility(loc, fm)
    return Claim(doc_id=near.doc_id, weapon=near.weapon, attacker=near.attacker, location=loc, when=near.when,
                 claimant=Claimant(near.claimant.name, near.claimant.side, near.claimant.role),
                 evidence=[Evidence(lo, hi)])


def targets_in_order(text: str, sentences: list[tuple[int, int]], vocab: Vocabulary,
                     claimed: set[int] = frozenset()) -> list[FacilityMention]:  # type: ignore[assignment]
    """The article's targets in the order they choose claims: named before described, and a
    target named in a claim's own sentence (`claimed`: the sentences' starts) first, so that
    of two names for one target ("the Ilsky refinery" earlier, "the Ilsky NPZ" beside the
    figure) the claim keeps its own. A target only described ("an oil refinery") counts
    where its sentence says it was struck."""
    starts = [lo for lo, _ in sentences]

    def sentence(fm: FacilityMention) -> tuple[int, int]:
        return sentences[max(0, bisect_left(starts, fm.start + 1) - 1)]
    mentions = [fm for fm in find_facilities(text, vocab)
                if not fm.described or vocab.g.target_struck.search(text, *sentence(fm))]
    mentions.sort(key=lambda fm: (fm.described, sentence(fm)[0] not in claimed, fm.start))
    return mentions


def join_target(placed: list[tuple[int, Location]], idx: int, fm: FacilityMention) -> bool:
    """A target only described, within two sentences of a target already on a claim, is
    struck with it ("drones attacked the port of Izmail. A warehouse was damaged"): it joins
    that claim's targets ("Izmail port; warehouse") rather than taking a claim of its own."""
    if not fm.described:
        return False
    near = [(abs(j - idx), loc) for j, loc in placed if abs(j - idx) <= 2]
    if not near:
        return False
    loc = min(near, key=lambda n: n[0])[1]
    loc.facility = f"{loc.facility}; {fm.name}"
    return True


def place_facility(loc: Location, fm: FacilityMention) -> None:
    """Name the target on the claim's location; an airfield with a record gets its
    coordinates (precision "facility"), any other target its settlement's, when the claim
    has nothing finer."""
    loc.facility, loc.facility_type = fm.name, fm.kind
    if fm.kind == "airfield":
        airfield = find_airfield(fm.name, loc.country)
        if airfield is not None:
            loc.lat, loc.lon, loc.precision = airfield.lat, airfield.lon, "facility"
            return
    if fm.place and loc.precision in (None, "country", "admin1"):
        town = region_ref_of_town(fm.place)
        if town is not None and (not loc.admin1 or set(town.admin1) <= set(loc.admin1)):
            loc.place, loc.lat, loc.lon, loc.precision = town.place, town.lat, town.lon, "place"



def _explicit(t: TimeSpan) -> bool:
    return bool(t.text)


def _same_place(a: Location, b: Location) -> bool:
    return a.place is None or b.place is None or a.place == b.place
