"""Figures: when two of them can describe the same count, and which one an incident reports.

Each figure is read as the range of counts it allows: "20" is exactly 20, "at least 3" is
3 or more, "up to 10" is 0 to 10, "about 50" is 40 to 60 (±20 %, at least ±1). Two figures
*agree* when their ranges meet: "at least 3" agrees with "4", not with "1".

The reconciled value of an incident, per measure and per side (the claimant's side: "RU",
"UA", ..., or "unknown"), follows one rule:

- every figure equal: that figure, `how` = "the figure all sources agree on"
  ("the only figure reported" when one document gives it);
- otherwise the highest figure, `how` = "the highest of N differing figures (a, b, c)".
  Within one incident a smaller figure is usually a part (16 Shaheds of 23 drones) or an
  earlier count (casualty tolls rise); the figures themselves are kept in `figures`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from dronewatch.model import MEASURES, Claim, Count, Document

MAX_LISTED = 6  # figures named in `how` before "..."
_QUALIFIER_RANK = {"exact": 0, "at_least": 1, "approx": 2, "at_most": 3}
_WORDS = {"exact": "", "at_least": "at least ", "approx": "about ", "at_most": "up to "}


def interval(c: Count) -> tuple[float, float]:
    v = c.value
    if c.qualifier == "at_least":
        return (v, math.inf)
    if c.qualifier == "at_most":
        return (0, v)
    if c.qualifier == "approx":
        d = max(1.0, 0.2 * v)
        return (v - d, v + d)
    return (v, v)


def agree(a: Count, b: Count) -> bool:
    (lo1, hi1), (lo2, hi2) = interval(a), interval(b)
    return lo1 <= hi2 and lo2 <= hi1


def any_agree(xs: Iterable[Count], ys: Iterable[Count]) -> bool:
    ys = list(ys)
    return any(agree(x, y) for x in xs for y in ys)


def say(c: Count) -> str:
    """A figure as words: "at least 3", "about 50", "20"."""
    return f"{_WORDS.get(c.qualifier, '')}{c.value}"


def _tkey(fig: tuple[int, str]) -> tuple[int, int]:
    return (fig[0], -_QUALIFIER_RANK.get(fig[1], 9))


def side_of(claim: Claim) -> str:
    return claim.claimant.side or "unknown"


def reconcile(claims: Iterable[Claim]) -> dict[str, dict[str, Any]]:
    """values[measure][side] = {"value", "qualifier", "how", "documents", "figures"}."""
    found: dict[str, dict[str, dict[tuple[int, str], set[str]]]] = {}
    for c in claims:
        side = side_of(c)
        for m in MEASURES:
            n = getattr(c, m)
            if n is not None:
                found.setdefault(m, {}).setdefault(side, {}).setdefault(
                    (n.value, n.qualifier), set()).add(c.doc_id)
    out: dict[str, dict[str, Any]] = {}
    for m in MEASURES:
        if m not in found:
            continue
        out[m] = {}
        for side in sorted(found[m]):
            figs = found[m][side]
            counts = [Count(v, q) for v, q in sorted(figs, key=_tkey, reverse=True)]
            docs = set().union(*figs.values())
            best = counts[0]
            if len(counts) == 1:
                how = "the figure all sources agree on" if len(docs) > 1 else "the only figure reported"
            else:
                named = ", ".join(say(c) for c in counts[:MAX_LISTED])
                how = "the highest of %d differing figures (%s%s)" % (
                    len(counts), named, ", ..." if len(counts) > MAX_LISTED else "")
            out[m][side] = {
                "value": best.value, "qualifier": best.qualifier, "how": how,
                "documents": len(docs),
                "figures": [{"value": c.value, "qualifier": c.qualifier,
                             "doc_ids": sorted(figs[(c.value, c.qualifier)])} for c in counts],
            }
    return out


# ---------------------------------------------------------------------- sources in messages
MAX_NAMED = 4  # sources named in one message before "and N more"


def source_name(doc_id: str, docs: Mapping[str, Document]) -> str:
    d = docs.get(doc_id)
    return f"{d.outlet} ({doc_id})" if d is not None and d.outlet else doc_id


def source_names(doc_ids: Iterable[str], docs: Mapping[str, Document]) -> str:
    ids = sorted(set(doc_ids))
    named = ", ".join(source_name(d, docs) for d in ids[:MAX_NAMED])
    return named + (f" and {len(ids) - MAX_NAMED} more" if len(ids) > MAX_NAMED else "")

