"""Named targets and what they are: "the Smolensk Aviation Plant" (plant), "the
Novoshakhtinsk refinery" (refinery), "an oil depot in Stary Oskol" (oil_depot),
"Ильский НПЗ" (refinery), "компрессорная станция «Русская»" (pumping_station),
"аеродром у Миргороді" (airfield).

Every word is data: the vocabulary's "facilities" entry (vocab/<lang>.json) lists the
kinds with the words that name each, and five shapes of phrase:
- `named`: a proper name before the kind ("Ryazan oil refinery", "Ильский НПЗ");
- `quoted`: the kind before a quoted name ("НПЗ «Башнефти»");
- `in_place`: the kind before the place it is in ("a port in Odesa", "нефтебаза в Туапсе");
- `of_town`: the kind before the town it belongs to, in the genitive ("автовокзал Запоріжжя",
  "аэропорт Сочи"), where the gazetteer knows the town;
- `described`: a target the report describes but does not name ("hit an electrical
  substation", "удар по объекту инфраструктуры"): recorded by what it is, and only where
  its sentence says it was struck (facts.attach_facilities).
A facility goes on a claim of the same article (the figure of the same sentence if there
is one, else the nearest), since an attack on a plant is reported with its figures, not as
a figure of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dronewatch.extract.translit import romanize
from dronewatch.extract.vocab import (Folded, Vocabulary, group_end, leading_lookarounds, load_vocabulary,
                                      split_alternatives)
from dronewatch.geo.gazetteer import get_gazetteer
from dronewatch.geo.vocab import COMMON_WORDS

# words that end a proper name rather than start one ("The", "A") or are not names
_NOT_NAMES = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "russian", "ukrainian", "our",
              "на", "по", "в", "у", "и", "і", "та", "з", "с", "до"}
_GENERIC = {"missile", "missiles", "drone", "drones", "oil", "gas", "military", "defence", "defense", "chemical",
            "ammunition", "power", "energy", "arms", "weapons", "fuel", "explosives", "key", "major", "main",
            "strategic", "secret", "new", "old", "big", "large", "local", "regional", "state", "federal",
            "critical", "civilian", "industrial", "an", "one", "another", "several", "two", "three"}
_QUOTES = "\"“”«»„'"
_SHAPES = ("named", "quoted", "in_place", "of_town", "described")
_KIND_WORDS = {"oil", "gas", "power", "fuel", "petroleum", "chemical", "aviation", "thermal", "hydroelectric"}


@dataclass(slots=True)
class FacilityMention:
    start: int
    end: int
    name: str
    kind: str  # "refinery", "airfield", "port", "power_plant", "oil_depot", ... (vocab facilities.kinds)
    place: str | None = None  # the settlement named with it ("Stary Oskol" of "an oil depot in Stary Oskol")
    key: frozenset[str] = frozenset()  # the words that tell this target from another: its name or place
    proper: str = ""  # its own name ("Ильского" of "Ильского НПЗ", "Башнефти" of "НПЗ «Башнефти»") or place
    described: bool = False  # no name and no place: "an oil refinery", "объект инфраструктуры"

    def same_target(self, other: "FacilityMention") -> bool:
        """"the IEMZ Kupol plant" ... "the Kupol plant": one target (the name or place words
        shared), but "the Ryazan refinery" and "the Saratov refinery" are two. A target
        described, not named ("an oil refinery"), is the one of its kind the report names."""
        return self.kind == other.kind and (self.described or other.described or bool(self.key & other.key))


@dataclass(slots=True, frozen=True)
class _Patterns:
    named: re.Pattern[str] | None
    quoted: re.Pattern[str] | None
    in_place: re.Pattern[str] | None
    of_town: re.Pattern[str] | None
    described: re.Pattern[str] | None
    kind_word: Folded
    kinds: tuple[str, ...]
    # names in the nominative: adjective endings, and the kind words' dictionary forms
    endings: tuple[tuple[str, str], ...] = ()
    nominative: tuple[tuple[re.Pattern[str], str], ...] = ()
    # per shape: does its match start with the kind word (after zero-width checks)? Such a
    # shape is tried only where a kind word starts, not at every position of the window
    anchored: tuple[bool, ...] = ()

    def base_form(self, name: str, adjectives: bool = True) -> str:
        """"Ильского НПЗ" -> "Ильский НПЗ", "компрессорную станцию «Русская»" ->
        "компрессорная станция «Русская»" (as far as the vocabulary knows the forms;
        English is left as written)."""
        for pattern, nominative in self.nominative:  # the kind words: the first that fits
            name, n = pattern.subn(nominative, name, count=1)
            if n:
                break
        out = []
        for w in name.split():
            for ending, base in self.endings if adjectives else ():
                if w.endswith(ending) and w[:1].isupper():
                    w = w[:-len(ending)] + base
                    break
            out.append(w)
        return " ".join(out)


@lru_cache(maxsize=None)
def _patterns(vocab: Vocabulary) -> _Patterns | None:
    f = vocab.raw.get("facilities")
    if not f:
        return None
    kinds = tuple(f["kinds"])
    # each kind's words in a named group, so a match says which kind it is
    alternation = "(?:" + "|".join(f"(?P<k_{k}>{f['kinds'][k]})" for k in kinds) + ")"
    flags = re.IGNORECASE if f.get("ignorecase") else 0

    def build(name: str) -> re.Pattern[str] | None:
        return re.compile(f[name].replace("{kinds}", alternation), flags) if f.get(name) else None
    # the quick look for kind words runs on lower-cased text (Folded): plain lower-case
    # alternatives, no case-insensitive groups (several times faster)
    kind_words = [f"(?:{f['kinds'][k]})".replace("(?i:", "(?:").lower() for k in kinds]
    words = "|".join(kind_words)
    # the scan's branches: each kind's own alternatives ("\w++-building plant" apart from
    # "aviation plant"), so that one that cannot be listed by its first letters holds no other
    branches = [b for k in kind_words for b in split_alternatives(_inside_group(_inside_group(k)))]
    endings = tuple(sorted((f.get("adjective_endings") or {}).items(), key=lambda e: -len(e[0])))
    nominative = tuple((re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.IGNORECASE), n) for p, n in f.get("nominative") or ())
    return _Patterns(*(build(shape) for shape in _SHAPES), Folded(rf"(?<!\w)(?:{words})(?!\w)", scan=branches),
                     kinds, endings, nominative, tuple(_starts_with_kind(f.get(shape) or "") for shape in _SHAPES))


def _inside_group(pattern: str) -> str:
    """"(?:a|b)" -> "a|b" when one group holds the whole pattern; else the pattern."""
    if pattern.startswith("(?:") and group_end(pattern, 0) == len(pattern):
        return pattern[3:-1]
    return pattern


def _starts_with_kind(shape: str) -> bool:
    """Does every match of a shape begin where its kind word begins (nothing but lookarounds
    before "(?P<kind>")?"""
    return shape.startswith("(?P<kind>", leading_lookarounds(shape, ("(?<!", "(?<=", "(?=", "(?!")))


def _kind(m: re.Match[str], kinds: tuple[str, ...]) -> str:
    return next(k for k in kinds if m.group(f"k_{k}") is not None)


def find_facilities(text: str, vocab: Vocabulary, lo: int = 0, hi: int | None = None) -> list[FacilityMention]:
    pats = _patterns(vocab)
    if pats is None:
        return []
    hi = len(text) if hi is None else hi
    out: list[FacilityMention] = []
    # the phrase patterns are costly; try them only around words like "refinery"
    windows = [(max(lo, k.start() - 80), min(hi, k.end() + 70), k.start())
               for k in pats.kind_word.finditer(text, lo, hi)]
    seen: set[tuple[int, int]] = set()
    for wlo, whi, at in windows:
        for shape, anchored in zip(_SHAPES, pats.anchored):
            pattern = getattr(pats, shape)
            if pattern is None:
                continue
            if anchored:
                found = pattern.match(text, at, whi)
                matches = () if found is None else (found,)
            else:
                matches = pattern.finditer(text, wlo, whi)
            for m in matches:
                if (m.start(), m.end()) in seen or any(f.start <= m.start() < f.end for f in out):
                    continue
                seen.add((m.start(), m.end()))
                mention = _mention(text, m, shape, pats.kinds)
                if mention is not None:
                    mention.name = pats.base_form(mention.name, adjectives=shape == "named")
                    if vocab.lang != "en":
                        # the word before a quoted name may say what the target is: "разведывательного
                        # корабля «Симферополь»" is a reconnaissance ship
                        before = text[max(0, mention.start - 30):mention.start].split()[-1:] \
                            if shape == "quoted" else []
                        english = _english(mention, shape, pats, vocab.lang, " ".join(before))
                        # a description is no name: its English is all there is to say
                        mention.name = english if mention.described else f"{english} ({mention.name})"
                    out.append(mention)
    # a mention inside a longer one is the same target: longest first at each start, then a
    # sweep drops what lies within the reach of an earlier one
    out.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[FacilityMention] = []
    reach = -1
    for f in out:
        if f.end <= reach:
            continue
        kept.append(f)
        reach = max(reach, f.end)
    return kept


def _mention(text: str, m: re.Match[str], shape: str, kinds: tuple[str, ...]) -> FacilityMention | None:
    kind = _kind(m, kinds)
    if shape == "named":
        # the name is the capitalised words right before the kind, back to the first one that
        # is no name ("Drone Causes Fire At Oil Refinery", "near Rostov's Morozovsk airfield")
        words: list[str] = []
        named = m.group("name").split()
        # "the Novoshakhtinsk Oil Refinery": a capitalised word of the kind ("Oil") is the
        # kind's, not the name's
        kind_words: list[str] = []
        while named and len(named) > 1 and named[-1].lower() in _KIND_WORDS:
            kind_words.insert(0, named.pop())
        for w in reversed(named):
            bare = w.lower().strip(_QUOTES)
            if bare in _NOT_NAMES or bare in COMMON_WORDS or bare.endswith(("'s", "’s")) or _is_country(bare) \
                    or len(words) == 3:
                break
            words.insert(0, w)
        if not words or all(w.lower().strip(_QUOTES) in _GENERIC for w in words):
            return None  # "Russian Missile Factory": a description, not a name
        joined = " ".join(named)
        start = m.start("name") + len(joined) - len(" ".join(words)) if joined.endswith(" ".join(words)) \
            else m.start("name")
        name = " ".join([w.strip(_QUOTES) for w in words] + kind_words) + " " + m.group("kind")
        return FacilityMention(start, m.end(), " ".join(name.split()), kind, key=_key(" ".join(words)),
                               proper=" ".join(w.strip(_QUOTES) for w in words))
    if shape == "described":
        return FacilityMention(m.start("kind"), m.end(), " ".join(m.group("kind").split()), kind, described=True)
    if shape == "quoted":
        # a company's legal form between the kind and its name stays ("нафтобаза ТОВ «Аннанафтопродукт»")
        form = next((w for w in text[m.end("kind"):m.start("name")].split() if w in _legal_forms()), "")
        name = f"{m.group('kind')} {form} «{m.group('name').strip()}»"
        return FacilityMention(m.start(), m.end(), " ".join(name.split()), kind, key=_key(m.group("name")),
                               proper=m.group("name").strip())
    place = m.group("place")
    if shape == "of_town" and not _is_town(place):
        return None  # "НПЗ Лукойла": a company's, not a town's
    return FacilityMention(m.start("kind"), m.end(), " ".join(text[m.start("kind"):m.end()].split()), kind, place,
                           key=_key(place), proper=place)


@lru_cache(maxsize=None)
def _labels() -> dict[str, str]:
    return load_vocabulary("en").raw["facilities"].get("labels", {})


@lru_cache(maxsize=None)
def _qualifiers() -> dict[str, list[str]]:
    return load_vocabulary("en").raw["facilities"].get("qualifiers", {})


@lru_cache(maxsize=None)
def _legal_forms() -> dict[str, str]:
    forms = load_vocabulary("en").raw["facilities"].get("legal_forms", {})
    return {w: english for english, words in forms.items() for w in words}


def _english(fm: FacilityMention, shape: str, pats: _Patterns, lang: str, before: str = "") -> str:
    """The target's name in English, to stand before its own name in a Cyrillic report:
    "Ильский НПЗ" -> "Ilsky oil refinery", "НПЗ «Башнефти»" -> "oil refinery «Bashnefti»",
    "нефтебаза в Туапсе" -> "oil depot in Tuapse" (a place the gazetteer knows by its English name)."""
    label = _labels().get(fm.kind) or fm.kind.replace("_", " ")
    low = f"{before} {fm.name}".lower()
    label = " ".join([q for q, stems in _qualifiers().items() if any(st in low for st in stems)
                      and q not in label] + [label])
    if shape == "described":
        return label
    ukrainian = lang == "uk"
    if shape == "named":
        words = pats.base_form(fm.proper).split()
        town = _town_of_adjective(words[-1]) if words else None  # "Саратовский" -> Saratov
        name = " ".join([romanize(w, ukrainian) for w in words[:-1]] + [town or romanize(words[-1], ukrainian)])
        return f"{name} {label}"
    if shape == "quoted":
        form = next((_legal_forms()[w] for w in fm.name.split() if w in _legal_forms()), "")
        return " ".join(filter(None, [label, f"«{romanize(fm.proper, ukrainian)}»", form]))
    known = get_gazetteer().lookup(fm.proper)
    town = known.name if known is not None else romanize(fm.proper, ukrainian)
    return f"{label} {'of' if shape == 'of_town' else 'in'} {town}"


def _is_town(word: str) -> bool:
    known = get_gazetteer().lookup(word)
    return known is not None and known.kind == "city"


_ADJECTIVE = re.compile(r"(?:ский|ський|цкий|цький)$")


@lru_cache(maxsize=4096)
def _town_of_adjective(word: str) -> str | None:
    """The English name of the town an adjective is made from, if the gazetteer knows it:
    "Саратовский" Saratov, "Новокуйбышевский" Novokuybyshevsk, "Ильский" none."""
    m = _ADJECTIVE.search(word)
    if m is None:
        return None
    stem = word[:m.start()]
    gazetteer = get_gazetteer()
    for candidate in (stem, stem + "ск", stem + "ськ", stem + "а", stem + "ь"):
        place = gazetteer.lookup(candidate)
        if place is not None and place.kind == "city":
            return place.name
        if place is not None:
            return None  # "Крымский" is of Crimea, not of the town of Krymsk
    return None


def _key(words: str) -> frozenset[str]:
    return frozenset(w[:5] for w in re.findall(r"\w+", words.lower()) if len(w) > 2)


def _is_country(word: str) -> bool:
    return word in ("russia", "ukraine", "belarus", "россия", "украина", "україна", "росія")
