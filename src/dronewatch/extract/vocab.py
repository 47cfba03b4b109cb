"""Language vocabularies: data files in vocab/, compiled once per process.

Everything language-specific lives in `vocab/<lang>.json`; this module only turns
those phrase lists into compiled patterns the assembly can use.
"""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Pattern


def _words(alternatives: str) -> str:
    return rf"(?<![\w-])(?:{alternatives})(?![\w])"


@dataclass(eq=False)
class Vocabulary:
    lang: str
    raw: dict[str, Any]
    weapon: Pattern[str] = field(init=False)
    weapon_classes: list[str] = field(init=False)
    weapon_model: Pattern[str] = field(init=False)
    persons: Pattern[str] = field(init=False)
    singular_person: Pattern[str] = field(init=False)
    measure: Pattern[str] = field(init=False)
    measure_names: list[str] = field(init=False)
    qualifier_before: Pattern[str] = field(init=False)
    number_words: dict[str, int] = field(init=False)
    number_word: Pattern[str] = field(init=False)
    speech: Pattern[str] = field(init=False)
    claimant: Pattern[str] = field(init=False)
    claimant_rows: list[dict[str, Any]] = field(init=False)
    pronoun_claimant: Pattern[str] = field(init=False)
    side_words: list[tuple[str, Pattern[str]]] = field(init=False)
    enemy: Pattern[str] = field(init=False)
    place_mask: Pattern[str] = field(init=False)
    region_phrases: list[tuple[Pattern[str], dict[str, Any]]] = field(init=False)
    cumulative: Pattern[str] = field(init=False)
    time_words: Pattern[str] = field(init=False)
    months: dict[str, int] = field(init=False)
    weekdays: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        r = self.raw
        flags = re.IGNORECASE
        self.weapon_classes = [w["class"] for w in r["weapons"]]
        self.weapon = re.compile("|".join(
            f"(?P<w{i}>{_words(w['pattern'])})" for i, w in enumerate(r["weapons"])), flags)
        self.weapon_model = re.compile(_words("|".join(r["weapon_models"])), flags)
        self.persons = re.compile(_words(r["persons"]), flags)
        self.singular_person = re.compile(_words(r["singular_persons"]), flags)
        self.measure_names = list(r["measures"])
        self.measure = re.compile("|".join(
            f"(?P<{name}>{_words(p)})" for name, p in r["measures"].items()), flags)
        self.qualifier_before = re.compile("|".join(
            f"(?P<{name}>(?<![\\w])(?:{p}))" for name, p in r["qualifiers"].items()) , flags)
        self.qualifier_names = list(r["qualifiers"])
        self.number_words = {k: v for k, v in r["number_words"].items()}
        self.approximate_words = set(r.get("approximate_number_words", []))
        units = sorted(self.number_words, key=len, reverse=True)
        unit = "|".join(re.escape(u) for u in units)
        self.number_word = re.compile(
            rf"(?<![\w-])(?:{unit})(?:(?:[\s-]+|\s+and\s+)(?:{unit}))*(?![\w]|-\w)", flags)
        self.speech = re.compile(_words(r["speech_verbs"]), flags)
        self.claimant_rows = r["claimants"]
        self.claimant = re.compile("|".join(
            f"(?P<c{i}>{_words(c['pattern'])})" for i, c in enumerate(r["claimants"])))
        self.pronoun_claimant = re.compile(_words(r["pronoun_claimants"]), flags)
        self.side_words = [(side, re.compile(_words(p))) for side, p in r["countries"].items()]
        self.enemy = re.compile(_words(r["enemy_words"]), flags)
        self.place_mask = re.compile(_words(r["place_masks"]), flags)
        self.region_phrases = [(re.compile(_words(p["pattern"]), flags), p)
                               for p in r["multi_region_phrases"]]
        self.cumulative = re.compile(_words(r["cumulative"]), flags)
        self.time_words = re.compile("|".join(
            f"(?P<{name}>{_words(p)})" for name, p in r["time"].items()), flags)
        self.months = r["months"]
        self.weekdays = r["weekdays"]
        # sentence-shape patterns the assembly uses ("N of them", "were shot down", ...)
        self.g = SimpleNamespace(**{
            name: re.compile(p["pattern"], re.IGNORECASE) if isinstance(p, dict) else re.compile(p)
            for name, p in r["grammar"].items()})


@lru_cache(maxsize=None)
def load_vocabulary(lang: str = "en") -> Vocabulary:
    data = resources.files("dronewatch.extract").joinpath("vocab", f"{lang}.json").read_text("utf-8")
    return Vocabulary(lang, json.loads(data))
