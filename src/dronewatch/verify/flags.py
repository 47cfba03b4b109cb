"""Flags: what a careful analyst would question about an incident, in one line each.

| kind | raised when |
|---|---|
| `unknown_place` | the claim names a place that is not a real region ("Belarus Oblast"), or none we can code; it stays an incident of its own |
| `single_source` | one source only reports the incident, after near-duplicate copies and articles of one outlet are merged |
| `date_conflict` | the claims were joined across a one-day difference: the sources disagree on the date |
| `breakdown_mismatch` | the regional figures of all sources (`part_of`, two regions or more) exceed the total, or fall short while a source presents its list as complete; or one source's weapon-model figures do not add up to another's total (breakdowns.py) |
| `count_conflict` | two documents give figures for the same measure, side and place that cannot both be true |
| `sides_disagree` | the two parties' figures for the same measure and place cannot both be true |
| `reference_mismatch` | the Ukrainian side's national figure for a night meets no reading of an imported reference table (raised at the store's rebuild, reference.py) |

Figures "cannot both be true" when their ranges do not meet (values.py): "at least 3" and
"4" agree, "at least 2" and "1" do not. A document that gives several figures for one
measure (23 drones, of them 16 Shaheds) conflicts with another only when none of its
figures agrees with any of the other's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from dronewatch.model import MEASURES, Claim, Count, Document, Flag, Incident
from dronewatch.verify.blocking import day_label, place_keys, unknown_place_text
from dronewatch.verify.breakdowns import model_mismatch, regional_mismatches, split_models
from dronewatch.verify.values import MAX_NAMED, any_agree, say, side_of
from dronewatch.verify.values import source_name as name
from dronewatch.verify.values import source_names as _names

if TYPE_CHECKING:
    from dronewatch.verify.incidents import _Grouper

FLAG_KINDS = ("breakdown_mismatch", "date_conflict", "count_conflict", "unknown_place",
              "single_source", "sides_disagree", "reference_mismatch")


def flag_incidents(incidents: list[Incident], claims: list[Claim], docs: Mapping[str, Document],
                   sources: Mapping[str, str], grouper: "_Grouper | None" = None) -> None:
    """Append every flag to `incident.flags` (in place)."""
    parts: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.part_of:
            parts[c.part_of].append(c)
    anchors = ({c.id: a for c, a in zip(grouper.claims, grouper.original)} if grouper is not None else {})
    for inc in incidents:
        inc.flags.extend(incident_flags(inc, parts, docs, sources, anchors))


def incident_flags(inc: Incident, parts: Mapping[str, list[Claim]], docs: Mapping[str, Document],
                   sources: Mapping[str, str], anchors: Mapping[str, object]) -> list[Flag]:
    out: list[Flag] = []
    placed = not (len(inc.claims) == 1 and not place_keys(inc.claims[0], bool(parts.get(inc.claims[0].id))))
    if not placed:
        out.append(unknown_place(inc.claims[0]))
    else:
        f = single_source(inc, docs, sources)
        if f:
            out.append(f)
    f = date_conflict(inc, docs, anchors)
    if f:
        out.append(f)
    out.extend(regional_mismatches(inc, parts, docs))
    out.extend(count_conflicts(inc, docs))
    out.extend(sides_disagree(inc, docs))
    return out


# ---------------------------------------------------------------------- helpers
def _where(c: Claim) -> str:
    loc = c.location
    return loc.text or loc.place or ", ".join(loc.admin1) or loc.water_body or loc.country or "an unknown place"


def _place_key(c: Claim) -> tuple:
    loc = c.location
    return (loc.country, tuple(sorted(loc.admin1)), loc.water_body, loc.place)


# ---------------------------------------------------------------------- the flags
def unknown_place(c: Claim) -> Flag:
    text = unknown_place_text(c)
    if text:
        msg = f"'{text}' is not a real region; this claim is kept apart from every other"
    elif text == "":
        msg = "the claim names no place; it is kept apart from every other"
    else:
        msg = (f"'{_where(c)}' could not be placed in a region (no region code); it is kept apart "
               "rather than merged on coordinates")
    return Flag("unknown_place", msg, claim_id=c.id)


def single_source(inc: Incident, docs: Mapping[str, Document], sources: Mapping[str, str]) -> Flag | None:
    groups = {sources.get(d, d) for d in inc.documents}
    if len(groups) != 1:
        return None
    if len(inc.documents) == 1:
        return Flag("single_source", f"only one source reports this: {name(inc.documents[0], docs)}")
    return Flag("single_source", f"only one source reports this: {_names(inc.documents, docs)} are "
                                 "copies of one report or articles of one outlet")


def date_conflict(inc: Incident, docs: Mapping[str, Document], anchors: Mapping[str, object]) -> Flag | None:
    by_day: dict[object, set[str]] = defaultdict(set)
    for c in inc.claims:
        a = anchors.get(c.id)
        if a is not None:
            by_day[a].add(c.doc_id)
    if len(by_day) < 2:
        return None
    days = sorted(by_day, key=day_label)
    said = "; ".join(f"{day_label(a)} ({_names(by_day[a], docs)})" for a in days)
    return Flag("date_conflict", f"sources disagree on the date, a day apart: {said}")


def _figures(inc: Incident, by_side: bool):
    """(measure, place, side-or-doc) -> {doc or side: [Count]} for the incident's claims."""
    table: dict[tuple, dict[str, list[Count]]] = defaultdict(lambda: defaultdict(list))
    where: dict[tuple, str] = {}
    for c in inc.claims:
        for m, n in c.counts().items():
            if by_side:
                side = side_of(c)
                if side == "unknown":
                    continue
                key, who = (m, _place_key(c)), side
            else:  # per document, with the weapon model (models are parts, breakdowns.py)
                key, who = (m, _place_key(c), side_of(c)), c.doc_id
                n = (n, c.weapon_model)
            table[key][who].append(n)
            where.setdefault(key, _where(c))
    return table, where


def _clash(groups: dict[str, list[Count]]) -> bool:
    distinct = {}
    for who, figs in groups.items():
        distinct.setdefault(frozenset((f.value, f.qualifier) for f in figs), figs)
    sets = list(distinct.values())[:20]
    return any(not any_agree(a, b) for i, a in enumerate(sets) for b in sets[i + 1:])


def _said(figs: list[Count]) -> str:
    uniq = sorted({(f.value, f.qualifier) for f in figs}, reverse=True)
    return " and ".join(say(Count(v, q)) for v, q in uniq)


def count_conflicts(inc: Incident, docs: Mapping[str, Document]) -> list[Flag]:
    if len(inc.documents) < 2:
        return []
    table, where = _figures(inc, by_side=False)
    out = []
    for key in sorted(table, key=lambda k: (MEASURES.index(k[0]), str(k[1]), k[2])):
        m, _, side = key
        whole, models = split_models(table[key])
        # figures for the whole class meet each other, a model's figures meet the same
        # model's; a source's models against another's whole are a breakdown (breakdowns.py)
        for model, groups in [(None, whole), *sorted(models.items())]:
            if len(groups) < 2 or not _clash(groups):
                continue
            said = "; ".join(f"{name(d, docs)} says {_said(groups[d])}" for d in sorted(groups)[:MAX_NAMED])
            more = f"; and {len(groups) - MAX_NAMED} more" if len(groups) > MAX_NAMED else ""
            of = f" of {model}" if model else ""
            out.append(Flag("count_conflict", f"sources disagree on the number {m}{of} ({side} claims) "
                                              f"in {where[key]}: {said}{more}"))
        out.extend(model_mismatch(m, side, where[key], table[key], docs))
    return out


def sides_disagree(inc: Incident, docs: Mapping[str, Document]) -> list[Flag]:
    if len({c.claimant.side for c in inc.claims if c.claimant.side}) < 2:
        return []
    table, where = _figures(inc, by_side=True)
    out = []
    for key in sorted(table, key=lambda k: (MEASURES.index(k[0]), str(k[1]))):
        groups = table[key]
        if len(groups) < 2 or not _clash(groups):
            continue
        said = "; ".join(f"{side} says {_said(groups[side])}" for side in sorted(groups))
        out.append(Flag("sides_disagree", f"the two sides' figures for {key[0]} in {where[key]} "
                                          f"differ: {said}"))
    return out
