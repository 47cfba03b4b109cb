"""Learned decisions: which of the rules' readings of a count to keep.

The assembly reads every count of a document the way its rules say (measure, weapon,
places) and also keeps the counts its rules pass over (no verb that fits, no weapon,
a running total). For each such fact this module lists the alternatives a reader would
weigh: the measures the sentence's verbs allow, and the places it could be about (the
rules' choice, no place, each place of the sentence, all of them, the scene of the
sentences before). Each alternative is described by features, the rules' own verdicts
among them ("named after the figure", "the rules kept it"), and scored by a linear model
learned from the annotated corpora (tools/train.py; docs/extract.md). The best
alternative of each fact is kept when its score clears the model's threshold.

The model is a small JSON file shipped in the package (models/decisions.json), loaded
once per process. A missing or corrupt file is one clear error naming it.
"""

from __future__ import annotations

import json
import math
from itertools import repeat
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from dronewatch.extract.facts import location_of
from dronewatch.extract.places import is_foreign_namesake, opening_region
from dronewatch.extract.vocab import Folded

if TYPE_CHECKING:  # the assembler hands itself in; no import cycle at run time
    from dronewatch.extract.assemble import _Assembler
    from dronewatch.extract.facts import Fact
    from dronewatch.extract.places import PlaceRef

MODEL_ENV = "DRONEWATCH_DECISIONS"  # a model file to use instead of the shipped one; "rules": none
_TOKEN = re.compile(r"[\w'’-]+")
_COMMA = re.compile(r"[,;]")
_DIGIT = re.compile(r"\d")
_MODEL_VERSION = 1


def _sum(weights: dict[str, float], features: list[str]) -> float:
    """The weights of the features (0 for a feature the model never saw), summed in C."""
    return sum(map(weights.get, features, _ZEROS))


_ZEROS = repeat(0.0)


class DecisionModelError(RuntimeError):
    """The decision model file is missing or unreadable (the message names it)."""


@dataclass(slots=True)
class DecisionModel:
    """Two linear models over the same features: `rank` orders the readings of one count
    (which measure, which place), `weights` + `bias` say whether the count is a claim at
    all, judged on the rules' reading of it (its probability must reach `threshold`)."""
    weights: dict[str, float]
    bias: float
    threshold: float  # a reading the rules kept goes when its probability falls below this
    rank: dict[str, float] = field(default_factory=dict)
    source: str = ""
    add_threshold: float = 0.5  # a count the rules passed over comes in above this
    # another reading replaces the rules' one of a count they kept only when preferred by this
    # much; None: never (cross-validation found no gain, and ranking every kept count costs)
    margin: float | None = 0.0
    languages: tuple[str, ...] = ()  # the vocabularies the model decides for (empty: all)

    def probability(self, features: list[str]) -> float:
        z = self.bias + _sum(self.weights, features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def preference(self, features: list[str]) -> float:
        return _sum(self.rank or self.weights, features)

    def best(self, options: list["Option"], first: "Option", margin: float) -> "Option":
        """The preferred reading; `first` (the rules') unless another beats it by `margin`.
        Readings share their feature groups, so each group is summed once."""
        r = self.rank or self.weights
        sums: dict[int, float] = {}
        totals = []
        for o in options:
            t = 0.0
            for part in o.parts:
                s = sums.get(id(part))
                if s is None:
                    s = sums[id(part)] = _sum(r, part)
                t += s
            totals.append(t)
        b = max(range(len(options)), key=totals.__getitem__)
        ruled = next(i for i, o in enumerate(options) if o is first)
        return options[b] if totals[b] - totals[ruled] >= margin and b != ruled else first

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "") -> "DecisionModel":
        if not isinstance(data, dict) or data.get("version") != _MODEL_VERSION:
            raise ValueError(f"not a version-{_MODEL_VERSION} decision model")
        weights = data["weights"]
        if not isinstance(weights, dict):
            raise ValueError("weights is not an object")
        rank = data.get("rank") or {}
        if not isinstance(rank, dict):
            raise ValueError("rank is not an object")
        return cls({str(k): float(v) for k, v in weights.items()}, float(data["bias"]),
                   float(data["threshold"]), {str(k): float(v) for k, v in rank.items()}, source,
                   float(data.get("add_threshold", 0.5)),
                   None if data.get("margin", 0.0) is None else float(data.get("margin", 0.0)),
                   tuple(str(x) for x in data.get("languages") or ()))

    def to_dict(self, **meta: Any) -> dict[str, Any]:
        return {"version": _MODEL_VERSION, "bias": self.bias, "threshold": self.threshold,
                "add_threshold": self.add_threshold, "margin": self.margin, "languages": list(self.languages),
                "weights": self.weights, "rank": self.rank, **meta}


def load_model_file(path: str | Path) -> DecisionModel:
    try:
        data = json.loads(Path(path).read_text("utf-8"))
        return DecisionModel.from_dict(data, str(path))
    except FileNotFoundError:
        raise DecisionModelError(f"decision model {path} not found (reinstall dronewatch, or run "
                                 f"tools/train.py to make it)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DecisionModelError(f"decision model {path} is corrupt: {exc}") from None


_override: list[DecisionModel | None] = []  # set_model(): cross-validation swaps models in


def set_model(model: DecisionModel | None) -> None:
    """Use `model` (None: the rules alone) until reset_model(); for training and cross-validation."""
    _override[:] = [model]


def reset_model() -> None:
    _override.clear()


def model_for(lang: str) -> DecisionModel | None:
    """The model that decides for documents in `lang`, or None where the rules decide alone
    (a language where cross-validation showed no gain: tools/train.py LANGUAGES)."""
    model = current_model()
    return model if model is not None and (not model.languages or lang in model.languages) else None


def current_model() -> DecisionModel | None:
    if _override:
        return _override[0]
    return _configured_model(os.environ.get(MODEL_ENV, ""))


@lru_cache(maxsize=4)
def _configured_model(setting: str) -> DecisionModel | None:
    if setting == "rules":
        return None
    if setting:
        return load_model_file(setting)
    ref = resources.files("dronewatch.extract").joinpath("models", "decisions.json")
    with resources.as_file(ref) as path:
        return load_model_file(path)


# ---- alternatives --------------------------------------------------------------------------
@dataclass(slots=True)
class Option:
    measure: str
    places: list["PlaceRef"]
    loc: str  # which reading of the place: "rule", "none", "place", "all", "after", "scene"
    # the features in groups shared between readings (the count's, the measure's, the
    # place's, the place's with this measure), so a score sums each group once
    parts: tuple[list[str], ...]

    @property
    def features(self) -> list[str]:
        return [f for part in self.parts for f in part]


def _bucket(value: int) -> str:
    for limit in (1, 2, 5, 10, 20, 50, 100, 500, 1000):
        if value <= limit:
            return str(limit)
    return "big"




def _loc_key(places: list["PlaceRef"]) -> tuple:
    return tuple(sorted({a for p in places for a in p.admin1})), \
        tuple(sorted({p.water_body or "" for p in places})), tuple(sorted({p.country or "" for p in places})), \
        tuple(p.text for p in places if not p.admin1 and not p.water_body)


class _DocumentView:
    """What the features need of the assembled document, computed once per document."""

    def __init__(self, asm: "_Assembler", facts: list["Fact"]):
        self.asm = asm
        self.text = asm.text
        self.lang = asm.v.lang
        kept = [f for f in facts if not f.dropped]
        self.max_value: dict[str, int] = {}
        for f in kept:
            self.max_value[f.measure] = max(self.max_value.get(f.measure, 0), f.value)
        self.kept = sorted(kept, key=lambda f: f.start)
        # the values (and measure, value pairs) of kept facts before a position, filled as
        # the facts are visited in order: a long list of figures stays linear
        self._next = 0
        self._before: dict[int, list[str]] = {}
        self._sentence_places: dict[int, tuple] = {}
        self._country_named: dict[int, bool] = {}
        self.low = Folded.fold_of(self.text)  # the document's fold, made once for all its patterns
        self._values: set[int] = set()
        self._pairs: set[tuple[str, int]] = set()

    def local_places(self, idx: int) -> list["PlaceRef"]:
        masked = self.asm._masks.get(idx, ())
        places = [p for p in self.asm._places_of(idx) if p.is_local and not any(s <= p.start < e for s, e in masked)]
        region = opening_region(places)  # a foreign namesake village gets no reading of its own
        return [p for p in places if not is_foreign_namesake(p, region)]

    def names_country(self, idx: int) -> bool:
        """Does sentence idx name a country ("attacked Ukraine with 100 drones")? A national
        figure is often given against the country."""
        named = self._country_named.get(idx)
        if named is None:
            named = self._country_named[idx] = any(p.kind == "country" for p in self.asm._places_of(idx))
        return named

    def tokens(self, start: int, end: int) -> list[str]:
        """The lower-case words of text[start:end], read from the document's fold; none for a
        place of no position (an official's region: start and end -1)."""
        if end < 0:
            return []
        return _TOKEN.findall(self.low, max(0, start), end)

    def sentence_places(self, idx: int) -> tuple[list, list, list]:
        """The place readings every fact of sentence idx shares (read once per sentence):
        each place alone, the regions, the scene of the sentences before."""
        got = self._sentence_places.get(idx)
        if got is None:
            local = self.local_places(idx)
            scene = self.asm._scene(idx, 2)
            got = self._sentence_places[idx] = (
                [("place", [p]) for p in local], [p for p in local if p.admin1 or p.water_body],
                [("scene", [scene])] if scene is not None else [])
        return got

    def word_before(self, pos: int) -> list[str]:
        """The word before a place (read once per place, whatever the number of readings)."""
        word = self._before.get(pos)
        if word is None:
            word = self._before[pos] = self.tokens(max(0, pos - 20), pos)[-1:]
        return word

    def _advance(self, start: int) -> None:
        kept = self.kept
        while self._next < len(kept) and kept[self._next].start < start:
            e = kept[self._next]
            self._values.add(e.value)
            self._pairs.add((e.measure, e.value))
            self._next += 1

    def repeats_value(self, f: "Fact") -> bool:
        """Did a kept fact before f give the same figure? (facts are asked in document order)"""
        self._advance(f.start)
        return f.value in self._values

    def repeats(self, f: "Fact", measure: str) -> bool:
        self._advance(f.start)
        return (measure, f.value) in self._pairs


def _fact_features(view: _DocumentView, f: "Fact") -> list[str]:
    lang = view.lang
    origin = f.dropped or "rule"
    before = view.tokens(max(0, f.start - 40), f.start)[-2:]
    after = view.tokens(f.np_end, f.np_end + 30)[:2]
    head = view.tokens(f.start, max(f.end, f.np_end))[-1:] or ["-"]
    cl = f.claimant
    out = [f"lang={lang}", f"origin={origin}", f"lang_origin={lang}|{origin}", f"weapon={f.weapon}",
           f"q={f.qualifier or '-'}", f"val={_bucket(f.value)}", f"sent={min(f.sent, 3)}",
           f"role={cl.role if cl else '-'}", f"side={cl.side if cl else '-'}",
           f"explicit={f.claimant_explicit}", f"time={f.time.precision if f.time else '-'}",
           f"time_explicit={f.time_explicit}", f"how={f.place_how or '-'}", f"model={f.model is not None}",
           f"head={lang}|{head[0]}"]
    out += [f"b1={lang}|{before[-1]}" if before else "b1=-", f"b2={lang}|{' '.join(before)}" if before else "b2=-",
            f"a1={lang}|{after[0]}" if after else "a1=-"]
    if f.value >= 5 and view.repeats_value(f):
        out.append("repeat_value")  # a large figure given again; small ones recur by chance
    return out


def _measure_features(view: _DocumentView, f: "Fact", measure: str) -> list[str]:
    lang, origin = view.lang, f.dropped or "rule"
    rank = f.measure_options.index(measure) if measure in f.measure_options else -1
    out = [f"m={measure}", f"m_rule={measure == f.measure}", f"m_rank={min(rank, 2)}",
           f"lang_m={lang}|{measure}", f"origin_m={origin}|{measure}", f"m_weapon={measure}|{f.weapon}",
           f"m_val={measure}|{_bucket(f.value)}", f"m_role={measure}|{f.claimant.role if f.claimant else '-'}"]
    if f.whole:  # the 62 of "45 of the 62": what was launched, whatever verb follows
        out.append(f"whole={measure}")
    if view.repeats(f, measure):
        out.append(f"repeat={measure}")
    if f.value >= view.max_value.get(measure, 0):
        out.append(f"max_in_doc={measure}")
    return out


def _loc_features(view: _DocumentView, f: "Fact", loc: str, places: list["PlaceRef"],
                  is_rule: bool) -> tuple[list[str], Callable[[str], list[str]]]:
    """The features of one place reading (`is_rule`: the same place as the rules' reading):
    those that do not depend on the measure, and a function giving those that do."""
    lang = view.lang
    out = [f"loc={loc}", f"loc_rule={is_rule}", f"loc_lang={loc}|{lang}",
           f"loc_country_named={loc}|{view.names_country(f.sent)}",
           f"loc_rule_how={is_rule}|{f.place_how or '-'}", f"loc_origin={loc}|{f.dropped or 'rule'}",
           f"loc_n={min(len(places), 3)}"]
    kind = side_rel = None
    if places:
        first = places[0]
        side = f.claimant.side if f.claimant else None
        country = first.country or "-"
        kind = first.kind
        side_rel = "same" if side and country == side else "other" if side and country != "-" else "-"
        near = min(places, key=lambda p: min(abs(p.start - f.np_end), abs(p.end - f.start)))
        rel = "after" if near.start >= f.np_end else "before"
        gap = near.start - f.np_end if rel == "after" else f.start - near.end
        a, b = (f.np_end, near.start) if rel == "after" else (near.end, f.start)
        prev = view.word_before(first.start)
        out += [f"loc_kind={kind}", f"rel={rel}", f"dist={_bucket(max(gap, 0) // 10)}", f"rel_loc={rel}|{loc}",
                f"comma_between={_COMMA.search(view.text, a, max(a, b)) is not None}",
                f"digit_between={_DIGIT.search(view.text, a, max(a, b)) is not None}",
                f"loc_prev={lang}|{prev[0] if prev else '-'}"]

    def with_measure(measure: str) -> list[str]:
        extra = [f"loc_m={loc}|{measure}", f"loc_rule_m={is_rule}|{measure}"]
        if kind is not None:
            extra += [f"loc_kind_m={kind}|{measure}", f"loc_side={side_rel}|{measure}"]
        return extra
    return out, with_measure


def _readings(view: _DocumentView, f: "Fact") -> list[tuple[str, list["PlaceRef"]]]:
    """The places fact f could be about: the rules' choice first, then no place, each place
    of its sentence, all of them, those after the count, the scene of the sentences before."""
    singles, regions, scene = view.sentence_places(f.sent)
    readings: list[tuple[str, list]] = [("rule", list(f.places)), ("none", [])]
    readings += singles
    if len(regions) > 1:
        readings.append(("all", regions))
        after = [p for p in regions if p.start >= f.np_end]
        if 1 < len(after) < len(regions):
            readings.append(("after", after))
    readings += scene
    return readings


def rule_option(view: _DocumentView, f: "Fact") -> Option:
    """The rules' own reading of fact f: whether the count is a claim is judged on it."""
    base = _fact_features(view, f)
    common, with_measure = _loc_features(view, f, "rule", f.places, True)
    return Option(f.measure, list(f.places), "rule",
                  (base, _measure_features(view, f, f.measure), common, with_measure(f.measure)))


def options_for(view: _DocumentView, f: "Fact", first: Option | None = None) -> list[Option]:
    """Every reading of fact f worth scoring (the rules' one first), with its features."""
    first = first or rule_option(view, f)
    base = first.parts[0]
    measures = [f.measure] + [m for m in f.measure_options if m != f.measure]
    by_measure = {f.measure: first.parts[1]}
    for m in measures[1:]:
        by_measure[m] = _measure_features(view, f, m)
    rule_key = _loc_key(f.places)
    seen: set[tuple] = set()
    out: list[Option] = []
    for loc, places in _readings(view, f):
        key = _loc_key(places)
        if key in seen:
            continue
        seen.add(key)
        common, with_measure = _loc_features(view, f, loc, places, key == rule_key) \
            if loc != "rule" or len(measures) > 1 else (first.parts[2], None)
        for m in measures:
            if m == "launched" and loc != "rule" and any(p.kind == "sea" for p in places):
                continue  # a sea is where a salvo came from, not where it was launched at
            if loc == "rule" and m == f.measure:
                out.append(first)
            else:
                out.append(Option(m, places, loc, (base, by_measure[m], common, with_measure(m))))
    return out


# ---- the decision --------------------------------------------------------------------------
Trace = Callable[["Fact", list[Option], Callable[[Option], dict]], None]


def decide(asm: "_Assembler", facts: list["Fact"], dropped: list["Fact"], model: DecisionModel | None,
           trace: Trace | None = None) -> list["Fact"]:
    """The facts to turn into claims: each fact's best reading when its score clears the
    threshold. Without a model, the rules' own facts unchanged. `trace` (training) is
    called with each fact, its options and a function giving a reading's claim fields."""
    if model is None and trace is None:
        return facts
    everything = sorted(facts + dropped, key=lambda f: (f.start, f.end))
    view = _DocumentView(asm, everything)
    out: list["Fact"] = []
    for f in everything:
        first = rule_option(view, f)
        if trace is not None:
            options = options_for(view, f, first)
            trace(f, options, lambda o, f=f: {
                "measure": o.measure, "value": f.value, "weapon": f.weapon,
                "location": location_of(replace(f, measure=o.measure, places=o.places)).to_dict()})
        if model is None:
            if not f.dropped:
                out.append(f)
            continue
        # whether the count is a claim at all is judged on the rules' own reading of it; a
        # count the rules passed over needs a higher probability than one they kept
        if model.probability(first.features) < (model.add_threshold if f.dropped else model.threshold):
            continue
        if not f.dropped and model.margin is None:
            out.append(f)  # a count the rules kept keeps their reading
            continue
        # the rules' reading stands unless the model prefers another by its margin
        options = options_for(view, f, first)
        best = model.best(options, first, margin=0.0 if f.dropped else model.margin)
        out.append(replace(f, measure=best.measure, places=best.places, dropped="") if
                   (best is not first or f.dropped) else f)
    return out
