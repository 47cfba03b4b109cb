"""Find places in text: countries, regions (ISO 3166-2), cities and seas.

The shipped index (data/gazetteer.json, made by tools/build_gazetteer.py) maps
keys (see text.py) to places. Two kinds of entry:

- names stand alone: "Izhevsk", "Tatarstan", "Black Sea", "Черного моря";
- stems name a region only when a region word follows ("Rostov region",
  "Белгородской области") or when they sit in a list that ends with a plural
  one ("the Belgorod, Bryansk and Kursk regions").

`find` walks the capitalised tokens of the text and takes the longest match at
each; it never looks at a token twice except to extend a match.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dronewatch.geo.text import TOKEN_RE, name_key, norm_token
from dronewatch.geo.vocab import (ABBREVIATIONS, AIRSPACE_BEFORE, BORDER_WORDS, COMMON_WORDS, FIRST_NAMES,
                                  LIST_OPENER, LIST_OPENER_ENDINGS, LIST_SEPARATOR, REGION_WORDS, STRONG_REGION_WORDS)

MAX_TOKENS = 7  # longest name: "Republic of North Ossetia Alania" and the like
# Between two tokens of one name: spaces or a hyphen; never a line break or comma.
_JOIN_GAP = re.compile(r"[ \t\u00a0]+|[ \t\u00a0]*[-‐‑–—][ \t\u00a0]*")
# The key of a token, remembered: the same capitalised words come back sentence after
# sentence ("Russia", "Oblast"), and the key is the costliest step of a lookup. Bounded,
# so memory stays flat however many documents go through.
_token_key = lru_cache(maxsize=8192)(norm_token)


@dataclass(frozen=True, slots=True)
class Place:
    kind: str            # "country" | "admin1" | "city" | "sea"
    name: str            # canonical English name: "Rostov Oblast", "Izhevsk", "Black Sea"
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None   # ISO 3166-2 code (None for countries and seas)
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place | None  # None: region-shaped but not a real region ("Narnia Oblast")
    as_region: bool      # the words say region/oblast/krai/..., or a list of regions


class _Tokens:
    """Tokens of one text with their keys, computed on first use."""

    __slots__ = ("text", "spans", "words", "_keys")

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(TOKEN_RE.finditer(text))
        self.spans = list(map(re.Match.span, found))
        self.words = list(map(re.Match.group, found))
        self._keys: list[str | None] = [None] * len(found)

    def key(self, i: int) -> str:
        k = self._keys[i]
        if k is None:
            k = self._keys[i] = _token_key(self.words[i])
        return k

    def word(self, i: int) -> str:
        return self.words[i]

    def joined(self, i: int) -> bool:
        """Do tokens i and i+1 belong to one name as far as the gap goes?"""
        if i + 1 >= len(self.spans):
            return False
        gap = self.text[self.spans[i][1]:self.spans[i + 1][0]]
        if gap == " " or gap == "-" or _JOIN_GAP.fullmatch(gap):
            return True
        return gap.startswith(".") and gap[1:].isspace() and self.key(i) in ABBREVIATIONS


class Gazetteer:
    def __init__(self, data: dict) -> None:
        self.places = [Place(*p) for p in data["places"]]
        self._region_idx: dict[str, int] = data["regions"]
        self._regions = {code: self.places[i] for code, i in self._region_idx.items()}
        self._names: dict[str, list[int]] = data["names"]
        self._stems: dict[str, int] = data["stems"]
        self._prefixes = set(data["prefixes"])
        self._lower_starts = set(data["lower_starts"])

    # ------------------------------------------------------------ simple lookups

    def region(self, code: str) -> Place | None:
        return self._regions.get(code.upper())

    def lookup(self, name: str) -> Place | None:
        """Exact lookup of a name or variant, any case: "Kharkov", "Belgorod region"."""
        key = name_key(name)
        hit = self._names.get(key)
        if hit:
            return self.places[hit[0]]
        words = TOKEN_RE.findall(name)
        if len(words) > 1 and words[-1].lower() in REGION_WORDS:
            stem = self._stems.get(key.rsplit(" ", 1)[0])
            if stem is not None:
                return self.places[stem]
        return None

    # ------------------------------------------------------------ find

    def find(self, text: str) -> list[PlaceMention]:
        toks = _Tokens(text)
        # (first token, last token, place index or None, as_region, stem region, plural)
        found: list[list] = []
        lower_starts = self._lower_starts
        # Most tokens are lower-case words: only the others can start a name.
        starts = [i for i, w in enumerate(toks.words) if w[0].isupper() or w in lower_starts]
        after = 0  # the first token after the last match
        for i in starts:
            if i < after:
                continue
            hit = self._match(toks, i)
            if hit is not None:
                found.append(hit)
                after = hit[1] + 1
        self._resolve_lists(toks, found)
        return [PlaceMention(toks.spans[a][0], toks.spans[b][1],
                             text[toks.spans[a][0]:toks.spans[b][1]],
                             None if idx is None else self.places[idx], bool(as_region))
                for a, b, idx, as_region, _stem, _plural, tentative in found if not tentative]

    def _match(self, toks: _Tokens, i: int) -> list | None:
        word = toks.words[i]
        key = toks.key(i)
        if key not in self._prefixes and key not in self._names and key not in self._stems:
            return self._unknown_region(toks, i, key)
        # Longest standalone name and longest stem starting at token i.
        name_end = stem_end = -1
        name_hit = stem_hit = None
        j, n = i, len(toks.spans)
        while True:
            if key in self._names:
                name_end, name_hit = j, self._names[key]
            if key in self._stems:
                stem_end, stem_hit = j, self._stems[key]
            if j - i + 1 >= MAX_TOKENS or key not in self._prefixes or not toks.joined(j):
                break
            j += 1
            key = key + " " + toks.key(j)

        # A stem with its region word beats a name of the same length or shorter:
        # "Kyiv region" is UA-32, though "Kyiv" alone is the city (UA-30).
        if stem_hit is not None and stem_end >= name_end:
            word_end, plural = self._region_word(toks, stem_end)
            if word_end is not None:
                return [i, word_end, stem_hit, True, stem_hit, plural, False]

        if name_hit is not None:
            idx, as_region = name_hit
            place = self.places[idx]
            if place.kind == "city" and word.lower() in FIRST_NAMES and name_end == i \
                    and toks.joined(i) and toks.word(i + 1)[0].isupper():
                return None  # "Vladimir Putin"
            word_end, plural = self._region_word(toks, name_end)
            if word_end is not None:
                if place.kind in ("country", "sea"):
                    if _strong(toks.word(word_end)):
                        return [i, word_end, None, True, None, plural, False]  # "Belarus Oblast"
                else:
                    region = self._regions.get(place.admin1) if place.kind == "city" else place
                    if region is not None:
                        return [i, word_end, self._index(region), True, None, plural, False]
            # In a list of regions the same words as a stem name that stem's region
            # ("Ленинградской" is Leningrad Oblast, not the town Leningradskaya);
            # else a city stands for its region.
            if stem_end == name_end:
                list_region = stem_hit
            elif place.kind in ("city", "admin1"):
                list_region = self._region_idx.get(place.admin1)
            else:
                list_region = None
            # A full name may end in a plural region word: "Брянской областях".
            plural = REGION_WORDS.get(toks.word(name_end).lower(), False)
            return [i, name_end, idx, bool(as_region), list_region, plural, False]

        if stem_hit is not None:
            # A bare stem counts only if a list of regions turns it into one.
            return [i, stem_end, None, False, stem_hit, False, True]

        return self._unknown_region(toks, i, key)

    def _unknown_region(self, toks: _Tokens, i: int, key: str) -> list | None:
        """"Narnia Oblast": region-shaped, but no real region."""
        if i + 1 < len(toks.words) and _strong(toks.words[i + 1]) and toks.joined(i) \
                and key not in COMMON_WORDS and toks.words[i][0].isupper():
            return [i, i + 1, None, True, None, toks.words[i + 1].lower().endswith("s"), False]
        return None

    def _region_word(self, toks: _Tokens, j: int) -> tuple[int | None, bool]:
        """Index of the region word right after token j ("region", "border region"),
        and whether it is plural; (None, False) when there is none."""
        if not toks.joined(j):
            return None, False
        k = j + 1
        w = toks.word(k).lower()
        if w in BORDER_WORDS and toks.joined(k):
            k += 1
            w = toks.word(k).lower()
        plural = REGION_WORDS.get(w)
        return (k, plural) if plural is not None else (None, False)

    def _resolve_lists(self, toks: _Tokens, found: list[list]) -> None:
        """"the Belgorod, Bryansk and Kursk regions": the plural region word after
        the last name makes regions of the names before it."""
        for m in range(len(found) - 1, 0, -1):
            if not found[m][5]:
                continue
            k = m
            while k > 0:
                prev, cur = found[k - 1], found[k]
                gap = toks.text[toks.spans[prev[1]][1]:toks.spans[cur[0]][0]]
                if prev[4] is None or not LIST_SEPARATOR.fullmatch(gap):
                    break
                prev[2], prev[3], prev[6] = prev[4], True, False
                k -= 1
        # A plural region word before the first name opens the list instead.
        m = 0
        while m < len(found):
            first = found[m]
            if first[4] is None:  # no stem: no list can take it (tested before the costlier search)
                m += 1
                continue
            lo, hi = max(0, toks.spans[first[0]][0] - 40), toks.spans[first[0]][0]
            # the opener's last word (or colon, or dash) ends the window: a plain test first,
            # since the search tries every position of the window
            opener = LIST_OPENER.search(toks.text, lo, hi) \
                if toks.text[lo:hi].rstrip().endswith(LIST_OPENER_ENDINGS) else None
            if opener is None or not REGION_WORDS.get(opener.group(1).lower()):
                m += 1
                continue
            while m < len(found) and found[m][4] is not None:
                cur = found[m]
                cur[2], cur[3], cur[6] = cur[4], True, False
                if m + 1 >= len(found):
                    break
                gap = toks.text[toks.spans[cur[1]][1]:toks.spans[found[m + 1][0]][0]]
                if not LIST_SEPARATOR.fullmatch(gap):
                    break
                m += 1
            m += 1

        # "над Белгородской", "у небі Московської": over a region (the airspace words take
        # no other kind of place), so the bare adjective is the oblast's name, even where a
        # town shares the stem ("над Орловской" is Oryol Oblast, not Orlovsky near Rostov)
        for cur in found:
            # a bare stem, or a town that shares the stem (not the region itself, "над Брянщиной")
            if cur[4] is not None and (cur[6] or (not cur[3] and cur[2] != cur[4])):
                start = toks.spans[cur[0]][0]
                if AIRSPACE_BEFORE.search(toks.text, max(0, start - 16), start):
                    cur[2], cur[3], cur[6] = cur[4], True, False

    def _index(self, place: Place) -> int:
        return self._region_idx[place.admin1]


def _strong(word: str) -> bool:
    """A region word that makes any capitalised word before it a region name."""
    return word in STRONG_REGION_WORDS


_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The shared gazetteer; the data file is read once, on first call."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                raw = resources.files("dronewatch.geo").joinpath("data/gazetteer.json").read_bytes()
                _INSTANCE = Gazetteer(json.loads(raw))
    return _INSTANCE
