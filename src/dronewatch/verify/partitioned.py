"""Incident grouping by date block: the same incidents and flags as `group_incidents` over
everything, with only one block of days (and its halo) in memory at a time.

Why blocks with a halo of HALO_DAYS give the same answer (see incidents.py for the rules):

- A dated incident lives on one day: claims join only within a bucket (weapon, place,
  day), after a document's slice of one day may have slipped to the day before or after.
  Whether a slice slips is decided from its own day and the two next to it, so the
  incidents of a day d depend on the claims of d-2 .. d+2 only. A block owns the
  incidents whose day falls in its core; its halo of two days on each side makes them
  complete. Incidents on halo days are built again, right, by the block that owns them.
- A period claim (a week, a month) meets only claims of the same period: it is filed under
  its first day.
- Totals and their regional parts (`part_of`) are one family: a block loads every family
  member of the claims it holds, whatever their day, so totals are keyed and breakdowns
  checked as in the whole grouping.
- Undated claims meet other undated claims on any day: they are one last partition. Their
  parts of dated totals join by the totals' groups, which the dated blocks note
  (`_after_buckets`) for the undated pass.
- Claims keep their global order inside a block (the few order-dependent choices of the
  grouping see the same order), and incident ids depend on weapon, place and day only.

Near-duplicate and source groups stay global (one small mapping per document).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta

from dronewatch.model import Claim, Document, Incident
from dronewatch.verify.blocking import Anchor, anchor
from dronewatch.verify.incidents import (_assign_ids, _Grouper, _incident, incident_order,
                                         prepare)

HALO_DAYS = 2
BLOCK_DAYS = 28


def partition_day(a: Anchor) -> date | None:
    """The day a claim is partitioned by: its anchor day, a period's first day, or None."""
    if isinstance(a, tuple):
        return date.fromisoformat(a[0])
    return a


class _BlockGrouper(_Grouper):
    def __init__(self, claims: list[Claim], dup: Mapping[str, str],
                 total_roots: Mapping[str, str]) -> None:
        super().__init__(claims, dup)
        self.total_roots = total_roots
        self.bucket_roots: dict[str, str] = {}  # total's claim id -> its group's first claim id

    def _after_buckets(self) -> None:
        claims, find = self.claims, self.uf.find
        for i, c in enumerate(claims):
            if c.id in self.totals and self.anchors[i] is not None:
                self.bucket_roots[c.id] = claims[find(i)].id  # the root is the earliest member

    def _total_root(self, t: int) -> object:
        if self.original[t] is not None:  # a dated total: its group as its own block saw it
            label = self.total_roots.get(self.claims[t].id)
            if label is not None:
                return label
        return self.uf.find(t)


def group_block(claims: list[Claim], docs: Mapping[str, Document], duplicates: Mapping[str, str],
                sources: Mapping[str, str], core: tuple[date, date] | None, *,
                total_roots: dict[str, str], flags: bool = True) -> list[Incident]:
    """The incidents one partition owns: those of a day in `core` (lo, hi), or the undated
    ones when `core` is None. `claims` hold the partition's claims in their global order,
    its halo and families included; `total_roots` gets the groups of the dated totals it
    owns and gives them to the undated partition."""
    from dronewatch.verify.flags import flag_incidents

    g = _BlockGrouper(claims, duplicates, total_roots)
    g.run()

    def owned(i: int) -> bool:
        day = partition_day(g.anchors[i])
        return day is None if core is None else day is not None and core[0] <= day <= core[1]

    if core is not None:  # only the owner's view of a total's group is right
        for i, c in enumerate(claims):
            root = g.bucket_roots.get(c.id)
            if root is not None and owned(i):
                total_roots[c.id] = root
    built = [_incident(g, members) for members in g.groups() if owned(members[0])]
    _assign_ids(built)
    incidents = [inc for inc, _ in built]
    if flags:
        flag_incidents(incidents, claims, docs, sources, g)
    return incidents


def blocks(days: Iterable[date], block_days: int = BLOCK_DAYS) -> list[tuple[date, date]]:
    """Cores of `block_days` days that cover `days`, skipping stretches with none."""
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if not out or d > out[-1][1]:
            out.append((d, d + timedelta(days=block_days - 1)))
    return out


def group_incidents_by_block(claims: Iterable[Claim], documents: Iterable[Document] = (), *,
                             duplicates: Mapping[str, str] | None = None, flags: bool = True,
                             block_days: int = BLOCK_DAYS) -> list[Incident]:
    """`group_incidents`, block by block: the same incidents and flags (the tests compare
    them). In memory, for tests and bench/verify.py; the store streams blocks itself
    (store/incidents.py) through `group_block`."""
    from dronewatch.verify.duplicates import source_groups

    claims, docs, duplicates = prepare(claims, documents, duplicates)
    sources = source_groups(docs.values(), duplicates) if docs else {}
    days = [partition_day(anchor(c)) for c in claims]
    by_day: dict[date | None, list[int]] = defaultdict(list)
    for i, d in enumerate(days):
        by_day[d].append(i)
    family = _families(claims)
    total_roots: dict[str, str] = {}
    out: list[Incident] = []
    halo = timedelta(days=HALO_DAYS)

    def run(members: set[int], core) -> None:
        picked = [claims[i] for i in sorted(family(members))]
        out.extend(group_block(picked, docs, duplicates, sources, core,
                               total_roots=total_roots, flags=flags))

    for lo, hi in blocks((d for d in by_day if d is not None), block_days):
        members = {i for d, idx in by_day.items() if d is not None and lo - halo <= d <= hi + halo
                   for i in idx}
        run(members, (lo, hi))
    if None in by_day:
        run(set(by_day[None]), None)
    out.sort(key=incident_order)
    return out


def _families(claims: list[Claim]) -> Callable[[set[int]], set[int]]:
    """A function adding to a set of claim indexes every total and part related to them."""
    index = {c.id: i for i, c in enumerate(claims)}
    parts: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.part_of:
            parts[c.part_of].append(i)

    def close(members: set[int]) -> set[int]:
        todo = list(members)
        while todo:
            c = claims[todo.pop()]
            related = list(parts.get(c.id, ()))
            if c.part_of:
                related += parts[c.part_of]
                if c.part_of in index:
                    related.append(index[c.part_of])
            for j in related:
                if j not in members:
                    members.add(j)
                    todo.append(j)
        return members

    return close


__all__ = ["group_incidents_by_block", "group_block", "blocks", "partition_day", "HALO_DAYS",
           "BLOCK_DAYS"]
