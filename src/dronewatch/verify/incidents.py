"""Incidents: the claims of many documents that describe one real-world event.

Two claims are one incident when they have the same weapon class, the same place and the
same time (see blocking.py for the keys). Grouping never compares all pairs: claims are put
in buckets keyed by (weapon, region key, day) and a union-find joins

1. every claim in one dated bucket (same weapon, region, day);
2. claims of *neighbouring days* (d-1, d) of the same weapon and region only on evidence
   that they report the same thing: a shared figure for the same measure (>= `MIN_SHARED`,
   small numbers recur every night), near-duplicate documents, or regional parts of totals
   that were themselves joined. Such incidents carry `date_conflict`. A document that
   itself reports the region on both days keeps them apart;
3. undated claims (no date in the text, no publication date) only with claims of their own
   document, or on the same evidence as 2;
4. casualty-only claims whose weapon is unknown to the incident of the same place and day,
   when there is one weapon class there to join (preferring the one their own document
   reports).

Each bucket is touched a constant number of times, so the work grows linearly with the
number of claims (plus the size of the largest bucket for the index of figures).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from dronewatch.model import CASUALTY_MEASURES, Claim, Document, Incident, Location, TimeSpan
from dronewatch.verify.blocking import Anchor, anchor, day_label, place_keys
from dronewatch.verify.values import reconcile

MIN_SHARED = 5  # a shared figure below this proves nothing on its own across days
KNOWN_WEAPONS = ("drone", "missile", "naval_drone", "glide_bomb")


class UnionFind:
    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


class _Grouper:
    def __init__(self, claims: list[Claim], dup: Mapping[str, str]) -> None:
        self.claims = claims
        self.dup = dup
        self.uf = UnionFind(len(claims))
        ids = {c.id for c in claims}
        self.totals = {c.part_of for c in claims if c.part_of in ids}
        day_cache: dict[tuple, Anchor] = {}
        self.anchors: list[Anchor] = []
        for c in claims:  # many claims share a date: parse each distinct one once
            w = c.when
            k = (w.start, w.end, w.precision)
            a = day_cache.get(k, day_cache)
            if a is day_cache:
                a = day_cache[k] = anchor(c)
            self.anchors.append(a)
        self.original: list[Anchor] = list(self.anchors)  # before slipped days were moved
        self.keys: list[tuple[str, ...]] = [place_keys(c, c.id in self.totals) for c in claims]
        self.buckets: dict[tuple[str, str, Anchor], list[int]] = defaultdict(list)
        self.alone: list[int] = []      # no real place: an incident each
        self.pending: list[int] = []    # unknown weapon, casualties only: attached later
        self.first_of: dict[tuple[str, str, Anchor, str], int] = {}  # (weapon, key, day, doc) -> claim

    # ------------------------------------------------------------------ phases
    def run(self) -> None:
        filed: list[int] = []
        for i, c in enumerate(self.claims):
            if not self.keys[i]:
                self.alone.append(i)
            elif c.weapon == "unknown" and _casualty_only(c):
                self.pending.append(i)
            else:
                filed.append(i)
        self._move_slipped_days(filed)
        for i in filed:
            self._file(i, self.claims[i].weapon)
        self._join_buckets(list(self.buckets))
        self._after_buckets()
        self._join_undated_parts()
        self._attach_pending()

    def _file(self, i: int, weapon: str) -> None:
        a = self.anchors[i]
        doc = self.claims[i].doc_id
        for k in self.keys[i]:
            self.buckets[(weapon, k, a)].append(i)
            self.first_of.setdefault((weapon, k, a, doc), i)

    def _figs(self, i: int) -> list[tuple[str, int]]:
        return [(m, n.value) for m, n in self.claims[i].counts().items() if n.value >= MIN_SHARED]

    def _move_slipped_days(self, filed: list[int]) -> None:
        """A document's claims about one region on one day (its *slice*) that agree with no
        other document of that day but share a figure (or the story) with another document a
        day before or after move to that day: a one-day slip, flagged later as date_conflict.

        A slice moves only towards the busier day (the earlier one on a tie), never to a day
        its own document also reports, and only when exactly one neighbour matches; slices
        move once, so two nights are never chained together.
        """
        slices: dict[tuple[str, str, date], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for i in filed:
            a = self.anchors[i]
            if isinstance(a, date):
                for k in self.keys[i]:
                    slices[(self.claims[i].weapon, k, a)][self.claims[i].doc_id].append(i)
        index: dict[tuple, dict] = {}

        def evidence(key: tuple) -> dict:
            got = index.get(key)
            if got is None:
                got = index[key] = defaultdict(set)
                for doc, members in slices[key].items():
                    for i in members:
                        for f in self._figs(i):
                            got[f].add(doc)
                    got[("story", self.dup.get(doc, doc))].add(doc)
            return got

        moves: list[tuple[list[int], date, date]] = []
        for key, by_doc in slices.items():
            weapon, k, a = key
            for doc, members in by_doc.items():
                marks = {f for i in members for f in self._figs(i)}
                marks.add(("story", self.dup.get(doc, doc)))
                own = evidence(key)
                if any(len(own[f]) > 1 for f in marks):
                    continue  # another report of the same day agrees: the date stands
                targets = []
                for delta in (-1, 1):
                    nkey = (weapon, k, a + timedelta(days=delta))
                    other = slices.get(nkey)
                    if not other or doc in other:
                        continue
                    theirs = evidence(nkey)
                    if any(theirs.get(f) for f in marks):
                        if len(other) > len(by_doc) or (len(other) == len(by_doc) and delta == -1):
                            targets.append(nkey[2])
                if len(targets) == 1:
                    moves.append((members, a, targets[0]))
        parts: dict[str, list[int]] = defaultdict(list)
        if moves:
            for i, c in enumerate(self.claims):
                if c.part_of in self.totals:
                    parts[c.part_of].append(i)
        moved_slices: dict[tuple[str, str, date], date] = {}
        for members, old, new in moves:
            for i in members:
                for k in self.keys[i]:
                    moved_slices[(self.claims[i].doc_id, k, old)] = new
                self.anchors[i] = new
                for p in parts.get(self.claims[i].id, ()):  # a total moves with its breakdown
                    if self.anchors[p] == old and self.claims[p].doc_id == self.claims[i].doc_id:
                        self.anchors[p] = new
        for i in self.pending if moved_slices else ():  # its casualties move with the slice
            for k in self.keys[i]:
                new = moved_slices.get((self.claims[i].doc_id, k, self.anchors[i]))
                if new is not None:
                    self.anchors[i] = new
                    break

    def _join_buckets(self, keys: list[tuple[str, str, Anchor]]) -> None:
        union = self.uf.union
        for key in keys:
            members = self.buckets[key]
            if key[2] is None:
                self._join_undated(members)
            else:
                for i in members[1:]:
                    union(members[0], i)

    def _join_undated(self, members: list[int]) -> None:
        """Undated claims: one document's are one story; two documents join when they share
        two figures (>= MIN_SHARED) or are near-duplicates."""
        union = self.uf.union
        first: dict[str, int] = {}
        by_mark: dict[tuple, list[str]] = defaultdict(list)
        for i in members:
            doc = self.claims[i].doc_id
            if doc not in first:
                first[doc] = i
                by_mark[("story", self.dup.get(doc, doc))].append(doc)
            else:
                union(first[doc], i)
            for f in self._figs(i):
                if not by_mark[f] or by_mark[f][-1] != doc:
                    by_mark[f].append(doc)
        shared: Counter = Counter()
        for mark, docs in by_mark.items():
            if len(docs) < 2:
                continue
            weight = 2 if mark[0] == "story" else 1
            for d in docs[1:9]:  # a few per figure: a figure in every report proves little
                shared[(docs[0], d)] += weight
        for (a, b), n in shared.items():
            if n >= 2:
                union(first[a], first[b])

    def _after_buckets(self) -> None:
        """Hook: the partitioned grouping (partitioned.py) notes totals' groups here."""

    def _total_root(self, t: int) -> object:
        """What tells the groups of totals apart when their undated parts are joined."""
        return self.uf.find(t)

    def _may_join(self, i: int, j: int) -> bool:
        return self.claims[i].doc_id != self.claims[j].doc_id

    def _join_undated_parts(self) -> None:
        """Undated regional parts of totals that were joined are joined too."""
        index = {c.id: i for i, c in enumerate(self.claims) if c.id in self.totals}
        by_total: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        pending = set(self.pending)
        for i, c in enumerate(self.claims):
            t = index.get(c.part_of) if c.part_of else None
            if t is None or self.anchors[i] is not None or i in pending or not self.keys[i]:
                continue
            for k in self.keys[i]:
                by_total[(c.weapon, k, self._total_root(t))].append(i)
        for members in by_total.values():
            for j in members[1:]:
                for i in members[:8]:
                    if self._may_join(i, j):
                        self.uf.union(i, j)
                        break

    def _attach_pending(self) -> None:
        leftover: list[int] = []
        find = self.uf.find
        for i in self.pending:
            a, doc = self.anchors[i], self.claims[i].doc_id
            cands: dict[str, set[int]] = defaultdict(set)
            own: dict[str, set[int]] = defaultdict(set)  # where its own document reports a weapon
            for k in self.keys[i]:
                for w in KNOWN_WEAPONS:
                    j = self.first_of.get((w, k, a, doc))
                    if j is not None:
                        own[w].add(find(j))
                    if a is not None and (w, k, a) in self.buckets:  # undated: its own story only
                        cands[w].add(find(self.buckets[(w, k, a)][0]))
            if len(own) == 1:
                roots = next(iter(own.values()))
            elif not own and len(cands) == 1 and a is not None:
                roots = next(iter(cands.values()))
            else:
                leftover.append(i)
                continue
            for r in roots:
                self.uf.union(r, i)
        for i in leftover:
            self._file(i, "unknown")
        self._join_buckets([k for k in self.buckets if k[0] == "unknown"])

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        placed = set(self.alone)
        for i in range(len(self.claims)):
            if i not in placed:
                out[self.uf.find(i)].append(i)
        return list(out.values()) + [[i] for i in self.alone]


def _casualty_only(c: Claim) -> bool:
    counts = c.counts()
    return bool(counts) and all(m in CASUALTY_MEASURES for m in counts)


# ---------------------------------------------------------------------- incidents
def group_incidents(claims: Iterable[Claim], documents: Iterable[Document] = (), *,
                    duplicates: Mapping[str, str] | None = None, flags: bool = True) -> list[Incident]:
    """Group claims into incidents, reconcile their values and (by default) flag them.

    `documents` give outlets and text for near-duplicate detection; pass `duplicates`
    (doc id -> group id, as `near_duplicates` returns) to reuse links found before.
    Claims without an id get one (`Claim.assign_id`).
    """
    from dronewatch.verify.duplicates import source_groups
    from dronewatch.verify.flags import flag_incidents

    claims, docs, duplicates = prepare(claims, documents, duplicates)
    grouper = _Grouper(claims, duplicates)
    grouper.run()
    built = [_incident(grouper, members) for members in grouper.groups()]
    _assign_ids(built)
    incidents = [inc for inc, _ in built]
    incidents.sort(key=incident_order)
    if flags:
        sources = source_groups(docs.values(), duplicates) if docs else {}
        flag_incidents(incidents, claims, docs, sources, grouper)
    return incidents


def prepare(claims: Iterable[Claim], documents: Iterable[Document],
            duplicates: Mapping[str, str] | None):
    """(claims as a list, each with an id; {doc id: document}; near-duplicate groups,
    found now unless given)."""
    from dronewatch.verify.duplicates import near_duplicates

    claims = list(claims)
    for c in claims:
        if not c.id:
            c.assign_id()
    docs = {d.id: d for d in documents}
    if duplicates is None:
        duplicates = near_duplicates(docs.values()) if docs else {}
    return claims, docs, duplicates


def incident_order(inc: Incident) -> tuple:
    """Incidents are listed by date, country, regions, weapon and id."""
    return (inc.when.start or "9999", inc.location.country or "", inc.location.admin1,
            inc.weapon, inc.id)


def _incident(g: _Grouper, members: list[int]) -> tuple[Incident, tuple[str, str, str]]:
    members.sort(key=lambda i: (g.claims[i].doc_id, g.claims[i].id))
    claims = [g.claims[i] for i in members]
    weapons = {c.weapon for c in claims} - {"unknown"}
    weapon = weapons.pop() if len(weapons) == 1 else "unknown"
    inc = Incident(id="", weapon=weapon, location=_location(claims), when=_when(g, members),
                   claims=claims, documents=sorted({c.doc_id for c in claims}),
                   values=reconcile(claims))
    keys = sorted({k for i in members for k in g.keys[i]}) or ["claim:" + claims[0].id]
    days = [g.anchors[i] for i in members if g.anchors[i] is not None]
    return inc, (weapon, "|".join(keys), day_label(min(days, key=_anchor_order) if days else None))


def _anchor_order(a: Anchor) -> str:
    return a.isoformat() if isinstance(a, date) else a[0] + "~" + a[1]


def _assign_ids(built: list[tuple[Incident, tuple[str, str, str]]]) -> None:
    """id = hash of weapon, place and date block; a second incident of the same block (two
    undated stories, say) adds its first claim id to the hash."""
    seen: Counter = Counter(block for _, block in built)
    for inc, block in built:
        text = "|".join(block)
        if seen[block] > 1:
            text += "|" + inc.claims[0].id
        inc.id = "inc_" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _location(claims: list[Claim]) -> Location:
    countries = {c.location.country for c in claims if c.location.country}
    admin1 = sorted({a for c in claims for a in c.location.admin1})
    waters = {c.location.water_body for c in claims if c.location.water_body}
    places = {c.location.place for c in claims}
    facilities = {c.location.facility for c in claims if c.location.facility}
    texts = list(dict.fromkeys(c.location.text for c in claims if c.location.text))
    if admin1:
        precision = "admin1"
    elif waters:
        precision = "water_body"
    elif countries:
        precision = "country"
    else:
        precision = None
    place = places.pop() if len(places) == 1 else None
    if place and admin1:
        precision = "place"
    if len(facilities) == 1 and len(claims) == 1:
        precision = "facility"
    # coordinates: the point most claims at the incident's precision give; never invented
    points = Counter((c.location.lat, c.location.lon) for c in claims
                     if c.location.lat is not None and c.location.lon is not None
                     and (c.location.precision == precision or len(admin1) == 1 and c.location.admin1 == admin1))
    lat, lon = points.most_common(1)[0][0] if points else (None, None)
    facility = facilities.pop() if len(facilities) == 1 else None
    return Location(country=countries.pop() if len(countries) == 1 else None, admin1=admin1,
                    place=place, facility=facility,
                    facility_type=next((c.location.facility_type for c in claims if facility
                                        and c.location.facility == facility), None),
                    water_body=waters.pop() if len(waters) == 1 else None, lat=lat, lon=lon,
                    precision=precision, text="; ".join(texts[:4]) or None)


def _when(g: _Grouper, members: list[int]) -> TimeSpan:
    starts = [g.claims[i].when.start for i in members if g.claims[i].when.start]
    ends = [g.claims[i].when.end or g.claims[i].when.start for i in members if g.claims[i].when.start]
    if not starts:
        return TimeSpan(how="no claim gives a date")
    precisions = {g.claims[i].when.precision for i in members if g.claims[i].when.start}
    days = {g.anchors[i] for i in members if g.anchors[i] is not None}
    if len(precisions) == 1:
        precision = precisions.pop()
    elif len(days) == 1:
        precision = "night" if "night" in precisions else "day"
    else:
        precision = "period"
    how = "the dates of all claims" if len(days) == 1 else "sources give different dates: the range covers them"
    return TimeSpan(start=min(starts), end=max(ends), precision=precision, how=how)


__all__ = ["group_incidents", "UnionFind", "MIN_SHARED"]
