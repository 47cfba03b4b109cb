"""Breakdowns judged per incident: do the parts of a total add up to it?

Two kinds of parts:

- **regional figures** (`part_of`): every source's regional figures for an incident's total
  are combined, one figure per region (the agreed or the largest, with the sources that give
  it). The combined regions may exceed the total (always wrong), or fall short of it, which
  is wrong only when some source presents its list as complete: a list "including" a few
  regions, one that stops where the text is cut, or one that leaves "others" is partial, and
  another source may complete it.
- **weapon-model figures** (4 Iskander-M and 2 Kinzhal) of one source, where another source
  gives one figure for the weapon class (6 ballistic missiles): the models are parts of it,
  summed and compared, never a count conflict with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from dronewatch.model import Claim, Count, Document, Flag, Incident
from dronewatch.verify.values import interval, say, side_of
from dronewatch.verify.values import source_names as _names

MAX_NAMED = 4
CUT_REACH = 200  # a list whose last part ends this close to a cut text end may go on

_NUMBER = (r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
# words that present a list as a selection of the whole; the English ones only next to a
# figure ("including 20 over Kursk", "21 of them"), where they speak of the count
PARTIAL = re.compile(
    r"\bincluding\s+(?:about\s+|at\s+least\s+)?" + _NUMBER + r"\b"
    r"|\b" + _NUMBER + r"\s+(?:of\s+them|of\s+which|among\s+them)\b"
    r"|\b(?:of\s+them|of\s+which|among\s+them),?\s+" + _NUMBER + r"\b"
    r"|\band\s+(?:in\s+)?(?:several\s+|some\s+)?others?\b|\bother\s+(?:regions|areas|" + _NUMBER + r")\b"
    r"|\belsewhere\b|\bthe\s+rest\b"
    r"|в\s+том\s+числе|из\s+них|среди\s+них|в\s+частности|и\s+других|и\s+др\."
    r"|у\s+тому\s+числі|в\s+тому\s+числі|зокрема|з\s+них|серед\s+них|та\s+інших|і\s+інших",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?»\"”’')\]]\s*$")


def list_is_partial(total: Claim, parts: list[Claim], doc: Document | None) -> bool:
    """Whether a document presents the regional list of `total` as only part of it: a
    selection word next to the figures, or a text cut soon after the list's last part.
    Without the text the list counts as complete (the cautious reading: flag)."""
    text = doc.text if doc is not None else ""
    spans = [e for c in [total, *parts] for e in c.evidence]
    if not text or not spans:
        return False
    start, end = min(e.start for e in spans), max(e.end for e in spans)
    # and the sentence after the list ("It did not account for the other four.")
    after = _SENTENCE_END.search(text, end + 1, end + CUT_REACH)
    if PARTIAL.search(text, start, after.end() if after else min(len(text), end + CUT_REACH)):
        return True
    tail = text.rstrip()
    cut = tail.endswith(("...", "…")) or not _ENDS_SENTENCE.search(tail)
    return cut and len(tail) - end <= CUT_REACH


def _region(c: Claim) -> tuple:
    """One region however it is written: its codes, else the place as written."""
    loc = c.location
    if loc.admin1:
        return tuple(sorted(loc.admin1))
    return (loc.country, loc.water_body, loc.place, loc.text)


def regional_mismatches(inc: Incident, parts: Mapping[str, list[Claim]],
                        docs: Mapping[str, Document]) -> list[Flag]:
    """`breakdown_mismatch` for each total of the incident (per measure and side; totals
    whose figures agree are one) whose combined regional figures exceed it, or fall short
    of it while a source presents its list as complete."""
    totals = [c for c in inc.claims if parts.get(c.id)]
    out: list[Flag] = []
    for m, side in dict.fromkeys((m, side_of(t)) for t in totals for m in t.counts()):
        family = [(t, [p for p in parts[t.id] if getattr(p, m) is not None])
                  for t in totals if side_of(t) == side and getattr(t, m) is not None]
        for group in _same_totals([(t, ps) for t, ps in family if ps], m):
            flag = _judge(group, m, side, docs)
            if flag:
                out.append(flag)
    return out


def _same_totals(family: list[tuple[Claim, list[Claim]]], m: str) -> list[list]:
    """Totals whose figures agree, each group led by its largest (two totals of one night
    that differ, 70 drones and 10, are two breakdowns)."""
    groups: list[list] = []
    for t, ps in sorted(family, key=lambda tp: (-getattr(tp[0], m).value, tp[0].doc_id)):
        n = getattr(t, m)
        for g in groups:
            lo, hi = interval(getattr(g[0][0], m))
            if lo <= n.value <= hi or n.value == getattr(g[0][0], m).value:
                g.append((t, ps))
                break
        else:
            groups.append([(t, ps)])
    return groups


def _combined(group: list, m: str) -> dict[tuple, tuple[int, set[str]]]:
    """Region -> (figure, sources): each source's figures per region (summed: one list may
    give a region twice, for two parts of the night), then the agreed or largest one."""
    per_doc: dict[tuple[str, tuple], int] = defaultdict(int)
    for _, ps in group:
        for p in ps:
            per_doc[(p.doc_id, _region(p))] += getattr(p, m).value
    best: dict[tuple, tuple[int, set[str]]] = {}
    for (doc, key), v in per_doc.items():
        have = best.get(key)
        if have is None or v > have[0]:
            best[key] = (v, {doc})
        elif v == have[0]:
            have[1].add(doc)
    return best


def _judge(group: list, m: str, side: str, docs: Mapping[str, Document]) -> Flag | None:
    best = _combined(group, m)
    if len(best) < 2:
        return None  # one region named out of a total is an example, not a breakdown
    top = group[0][0]
    total = getattr(top, m)
    s = sum(v for v, _ in best.values())
    lo, hi = interval(total)
    listed = sorted({d for _, ds in best.values() for d in ds})
    if s > hi:
        why = f"regions from {_names(listed, docs)}"
    elif s < lo:
        complete = sorted({t.doc_id for t, ps in group if not list_is_partial(t, ps, docs.get(t.doc_id))})
        if not complete:
            return None  # every list says it is a selection: nothing claims the whole
        why = f"regions from {_names(listed, docs)}; presented as the full list by {_names(complete, docs)}"
    else:
        return None
    gap = s - total.value
    word = "fewer" if gap < 0 else "more"
    return Flag("breakdown_mismatch",
                f"the regional figures add up to {s}, {abs(gap)} {word} than the stated total of "
                f"{say(total)} ({m}, {side} claims, {len(best)} regions; {why}; total from "
                f"{_names([top.doc_id], docs)})", claim_id=top.id)


# ---------------------------------------------------------------------- weapon models
def model_sums(by_doc: Mapping[str, list[tuple[Count, str | None]]]) -> dict[str, tuple[Count, list]]:
    """Per document that gives only weapon-model figures for a key: (their sum, the
    (model, figure) pairs). Documents with a figure for the whole class are left out."""
    out = {}
    for doc, figs in by_doc.items():
        if figs and all(model for _, model in figs):
            per_model = {}
            for n, model in figs:
                per_model[model] = max(per_model.get(model, 0), n.value)
            out[doc] = (Count(sum(per_model.values())), sorted(per_model.items()))
    return out


def model_mismatch(m: str, side: str, where: str, by_doc: Mapping[str, list[tuple[Count, str | None]]],
                   docs: Mapping[str, Document]) -> list[Flag]:
    """`breakdown_mismatch` when one source's weapon-model figures, summed, exceed another
    source's figure for the whole class, or (two models or more, a list) fall short of it."""
    sums = model_sums(by_doc)
    wholes = {d: [n for n, model in figs if not model] for d, figs in by_doc.items() if d not in sums}
    out = []
    for doc, (s, pairs) in sorted(sums.items()):
        for other, figs in sorted(wholes.items()):
            if not figs or other == doc:
                continue
            total = max(figs, key=lambda n: n.value)
            lo, hi = interval(total)
            if lo <= s.value <= hi or (s.value < lo and len(pairs) < 2):
                continue
            gap = s.value - total.value
            listed = " + ".join(f"{v} {model}" for model, v in pairs)
            out.append(Flag("breakdown_mismatch",
                            f"the weapon-model figures add up to {s.value} ({listed}, "
                            f"{_names([doc], docs)}), {abs(gap)} {'fewer' if gap < 0 else 'more'} "
                            f"than the total of {say(total)} ({m}, {side} claims, in {where}, "
                            f"{_names([other], docs)})"))
    return out


def split_models(groups: Mapping[str, list[tuple[Count, str | None]]]):
    """(figures for the whole class per document, {model: figures per document}) of one key."""
    whole: dict[str, list[Count]] = defaultdict(list)
    models: dict[str, dict[str, list[Count]]] = defaultdict(lambda: defaultdict(list))
    for doc, figs in groups.items():
        for n, model in figs:
            if model:
                models[model][doc].append(n)
            else:
                whole[doc].append(n)
    return whole, models
