"""Named targets: "the Smolensk Aviation Plant", "the Novoshakhtinsk refinery",
"an oil depot in Stary Oskol". A facility goes on a claim of the same article (the
figure of the same sentence if there is one, else the nearest), since an attack on a
plant is reported with its figures, not as a figure of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dronewatch.extract.vocab import Folded, Vocabulary

# words that end a proper name rather than start one ("The", "A") or are not names
_NOT_NAMES = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "russian", "ukrainian", "our"}
_GENERIC = {"missile", "missiles", "drone", "drones", "oil", "gas", "military", "defence", "defense", "chemical",
            "ammunition", "power", "energy", "arms", "weapons", "fuel", "explosives", "key", "major", "main",
            "strategic", "secret", "new", "old", "big", "large", "local", "regional", "state", "federal"}


@dataclass(slots=True)
class FacilityMention:
    start: int
    end: int
    name: str


@lru_cache(maxsize=None)
def _patterns(vocab: Vocabulary) -> tuple[re.Pattern[str], re.Pattern[str], Folded] | None:
    f = vocab.raw.get("facilities")
    if not f:
        return None
    named = f["named"].replace("{kinds}", f["kinds"])
    return re.compile(named), re.compile(f["in_place"], re.IGNORECASE), Folded(rf"\b(?:{f['kind_words']})\b")


def find_facilities(text: str, vocab: Vocabulary, lo: int = 0, hi: int | None = None) -> list[FacilityMention]:
    pats = _patterns(vocab)
    if pats is None:
        return []
    hi = len(text) if hi is None else hi
    named, in_place, kind_word = pats
    out: list[FacilityMention] = []
    # the phrase patterns are costly; try them only just before words like "refinery"
    windows = [(max(lo, k.start() - 80), min(hi, k.end() + 60)) for k in kind_word.finditer(text, lo, hi)]
    found = {}
    for wlo, whi in windows:
        for m in named.finditer(text, wlo, whi):
            found.setdefault(m.start(), m)
        for m in in_place.finditer(text, wlo, whi):
            found.setdefault(-m.start() - 1, m)
    for m in sorted((m for k, m in found.items() if k >= 0), key=lambda m: m.start()):
        words = m.group("name").split()
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        if not words or all(w.lower() in _GENERIC for w in words):
            continue  # "Russian Missile Factory": a description, not a name
        name = " ".join(words + [m.group("kind")])
        out.append(FacilityMention(m.start("name"), m.end(), name.strip('"“”«»')))
    for m in sorted((m for k, m in found.items() if k < 0), key=lambda m: m.start()):
        if any(f.start <= m.start() < f.end for f in out):
            continue
        out.append(FacilityMention(m.start("kind"), m.end(), text[m.start("kind"):m.end()]))
    out.sort(key=lambda f: f.start)
    return out
