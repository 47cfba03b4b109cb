"""Language vocabularies: data files in vocab/, compiled once per process.

Everything language-specific lives in `vocab/<lang>.json`; this module only turns
those phrase lists into compiled patterns the assembly can use.
"""

from __future__ import annotations

import json
import re
from re import _constants as _C, _parser as _P
from types import SimpleNamespace
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Pattern


def _first_chars(items) -> set[str] | None:
    """The characters a match of a parsed pattern can start with, or None if any may."""
    out: set[str] = set()
    for op, av in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero width: \b, lookarounds
        if op is _C.LITERAL:
            out.add(chr(av))
            return out
        if op is _C.IN:
            for o, a in av:
                if o is _C.LITERAL:
                    out.add(chr(a))
                elif o is _C.RANGE and a[1] - a[0] <= 200:
                    out.update(chr(c) for c in range(a[0], a[1] + 1))
                else:
                    return None
            return out
        if op is _C.BRANCH:
            for alt in av[1]:
                f = _first_chars(alt)
                if f is None:
                    return None
                out |= f
            return out
        if op is _C.SUBPATTERN:
            if av[1] or av[2]:
                return None  # inline flags such as (?i:...) change what a letter matches
            f = _first_chars(av[-1])
            if f is None:
                return None
            return out | f
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            f = _first_chars(av[2])
            if f is None:
                return None
            out |= f
            if av[0] == 0:
                continue  # optional: what follows may start the match too
            return out
        return None
    return None  # can match the empty string


def quick(pattern: str) -> str:
    """`pattern` led by a lookahead on the characters it can start with, when that is a short
    list: the regex engine then skips straight to them (many times faster for patterns that
    start with a lookbehind or an optional word, whose first letters it cannot see)."""
    try:
        chars = _first_chars(_P.parse(pattern))
    except re.error:
        return pattern
    if not chars or len(chars) > 40:
        return pattern
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" + pattern


_SPACE: set[str] = set()  # what \s matches (every such character lies below U+3001)
_PREFIX_LIMIT = 400  # beyond this many beginnings a lookahead costs more than it saves


def _spaces() -> set[str]:
    if not _SPACE:
        _SPACE.update(chr(i) for i in range(0x3001) if chr(i).isspace())  # what \s tests
    return _SPACE


def _chars_of(op, av) -> set[str] | None:
    """The characters one parsed LITERAL or IN item matches (None: too many to list)."""
    if op is _C.LITERAL:
        return {chr(av)}
    out: set[str] = set()
    for o, a in av:
        if o is _C.LITERAL:
            out.add(chr(a))
        elif o is _C.RANGE and a[1] - a[0] <= 300:
            out.update(chr(c) for c in range(a[0], a[1] + 1))
        elif o is _C.CATEGORY and a in (_C.CATEGORY_SPACE, _C.CATEGORY_UNI_SPACE):
            out |= _spaces()
        else:
            return None  # \w, \d, a negated set: too many
    return out


def _prefixes(items, k: int) -> set[str] | None:
    r"""Every beginning of k characters a match of a parsed pattern can have (or the whole
    match, where it is shorter), or None where that cannot be listed (\w+, inline flags,
    too many)."""
    current, finished = {""}, set()
    for op, av in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero width
        if op in (_C.LITERAL, _C.IN):
            chars = _chars_of(op, av)
            if chars is None:
                return None
            alternatives = None
        elif op is _C.SUBPATTERN and not (av[1] or av[2]):
            alternatives = [av[-1]]
        elif op is _C.BRANCH:
            alternatives = list(av[1])
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
            low, high, body = av
            # k copies of the body reach k characters (copies that match nothing add none)
            alternatives = [list(body) * n for n in range(min(low, k), min(high, k) + 1)]
        else:
            return None
        grown: set[str] = set()
        for p in current:
            if len(p) >= k:
                finished.add(p)
            elif alternatives is None:
                grown.update(p + c for c in chars)
            else:
                for alt in alternatives:
                    tails = _prefixes(alt, k - len(p))
                    if tails is None:
                        return None
                    grown.update(p + t for t in tails)
        current = grown
        if len(current) > _PREFIX_LIMIT:
            return None
    return current | finished


def group_end(pattern: str, start: int) -> int:
    """Where the group opened at pattern[start] ("(") ends: just after its ")"."""
    return next((j + 1 for j, ch, depth in _structure(pattern, start) if ch == ")" and depth == 0), len(pattern))


def leading_lookarounds(pattern: str, kinds: tuple[str, ...] = ("(?<!", "(?<=")) -> int:
    r"""Where the lookarounds a pattern opens with end (by default its lookbehinds:
    "(?<![\w-])" ...; add "(?=", "(?!" for lookaheads)."""
    i = 0
    while pattern.startswith(kinds, i):
        i = group_end(pattern, i)
    return i


def scanning(pattern: str, alternatives: list[str] | None = None, k: int = 3) -> str:
    """`pattern` led by a lookahead on the first k (else k - 1) characters its matches can
    begin with, written as a tree of letters (literal_alternation), right after the
    lookbehinds it opens with. For a pattern run over a whole document: the engine then
    rejects a word in a few letter tests instead of trying every branch of a long
    alternation (two to three times faster on the weapon and measure words).

    `alternatives`: the branches the pattern's matches are made of, when some cannot be
    listed (a branch that opens with \\w+): the others are listed, those go into the
    lookahead as they are. Unchanged where nothing can be listed."""
    try:
        parsed = [_P.parse(a) for a in alternatives] if alternatives else [_P.parse(pattern)]
    except re.error:
        return pattern
    for size in range(k, 1, -1):  # fewer letters, where three run into \w or too many words
        starts: set[str] = set()
        verbatim: list[str] = []
        for i, items in enumerate(parsed):
            got = _prefixes(items, size)
            if got is None or "" in got:
                if not alternatives or items.state.groups > 1:
                    break  # a capturing group in the lookahead would renumber the pattern's own
                verbatim.append(alternatives[i])
            else:
                starts |= got
        else:
            if starts and len(verbatim) < len(parsed):
                lead = "|".join([literal_alternation(sorted(starts))] + verbatim)
                at = leading_lookarounds(pattern)
                return f"{pattern[:at]}(?={lead}){pattern[at:]}"
    return pattern


def fold(text: str) -> str:
    """Lower-case `text` without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low


def _lower_pattern(pattern: str) -> str:
    """Lower-case the letters of a pattern, leaving escapes (\\S, \\W, \\d) as they are."""
    out, escaped = [], False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = (ch == "\\") and not escaped
    return "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


class Folded:
    """A case-insensitive pattern, matched on lower-cased text.

    Python's IGNORECASE makes big alternations several times slower; matching a
    lower-case pattern on lower-cased text gives the same spans at a fraction of
    the cost. The fold of the last text seen is kept, since the assembly asks many
    questions of the same document.
    """

    __slots__ = ("pattern",)
    _recent: list = []  # shared by all patterns: [(text, its fold)], newest first
    _big: tuple | None = None  # the last long text (the document), which sentences must not evict

    def __init__(self, pattern: str, scan: bool | list[str] = False):
        # scan: the pattern is run over whole documents (search, finditer), so it is led by a
        # lookahead on the letters its matches begin with (see scanning; a list: the branches
        # its matches are made of). Matches are the same; only that version is compiled
        low = _lower_pattern(pattern)
        if scan:
            low = scanning(low, [_lower_pattern(a) for a in scan] if isinstance(scan, list) else None)
        self.pattern = re.compile(low)

    @staticmethod
    def fold_of(text: str) -> str:
        """fold(text), kept: the document's fold is made once for all its patterns."""
        recent = Folded._recent
        if recent and recent[0][0] is text:
            return recent[0][1]
        for i, (t, low) in enumerate(recent):
            if t is text:
                if i:
                    recent.insert(0, recent.pop(i))
                return low
        big = Folded._big
        if big is not None and big[0] is text:
            recent.insert(0, big)
            del recent[4:]
            return big[1]
        low = fold(text)
        recent.insert(0, (text, low))
        del recent[4:]  # the document and the sentence or two being read
        if len(text) > 2000:  # the document itself: kept apart, so sentences never push it out
            Folded._big = (text, low)
        return low

    def search(self, text: str, *args):
        r = Folded._recent  # inlined fast path: the document being read is almost always first
        return self.pattern.search(r[0][1] if r and r[0][0] is text else Folded.fold_of(text), *args)

    def match(self, text: str, *args):
        r = Folded._recent
        return self.pattern.match(r[0][1] if r and r[0][0] is text else Folded.fold_of(text), *args)

    def fullmatch(self, text: str, *args):
        return self.pattern.fullmatch(Folded.fold_of(text), *args)

    def finditer(self, text: str, *args):
        return self.pattern.finditer(Folded.fold_of(text), *args)

    def findall(self, text: str, *args):
        return self.pattern.findall(Folded.fold_of(text), *args)


def literal_alternation(words: list[str]) -> str:
    """A pattern matching the literal `words` with the same priority as "w1|w2|...", written
    as a tree of their first letters: the regex engine tries an alternation's branches one
    by one, so hundreds of words (every case of every Russian numeral) cost hundreds of
    tests at each word start; grouped, a handful. Exact: words that differ in a letter cannot
    both match there, so only the order of words sharing a beginning matters, and it is kept
    (a word that is the beginning of others must come after them, else no grouping)."""
    if len(words) == 1:
        return re.escape(words[0])
    if "" in words:
        if words.count("") > 1 or words[-1] != "":
            return "(?:" + "|".join(re.escape(w) for w in words) + ")"
        return "(?:" + literal_alternation(words[:-1]) + ")?"  # greedy: the longer words first, as before
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    branches = [re.escape(c) + ("" if rests == [""] else literal_alternation(rests)) for c, rests in by_first.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


_NOT_GROUPED = re.compile(r"\(\?[aiLmsux]|\((?!\?)|\(\?P<")  # inline flags, capturing groups


def _structure(pattern: str, start: int = 0):
    """(index, character, depth) of each character of a pattern that is syntax: not escaped,
    not inside a character class; depth counts the groups open before it."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # "[]...]": a leading "]" is a member
                i += 1
        else:
            if ch == ")":
                depth -= 1
            yield i, ch, depth
            if ch == "(":
                depth += 1
        i += 1


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern ("a|b(c|d)|[|]" -> "a", "b(c|d)", "[|]")."""
    out, start = [], 0
    for i, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


def _starting_letter(alternative: str) -> str | None:
    """The letter an alternative starts with, when it is a plain one ("shot\\s+down": "s";
    not "s?hot", "(?:shot)", "\\w+")."""
    if alternative[:1].isalpha() and alternative[1:2] not in ("?", "*", "+", "{"):
        return alternative[0]
    return None


def _first_chars_of(alternative: str) -> set[str] | None:
    try:
        return _first_chars(_P.parse(alternative))
    except (re.error, IndexError):
        return None


def grouped_alternation(alternatives: list[str]) -> str:
    """The alternation "a1|a2|..." with the alternatives that start with the same letter
    written once, behind it ("shot\\s+down|shoot\\s+down|downed" -> "s(?:hot...|hoot...)|downed"),
    level by level: the regex engine tries an alternation's branches one by one, so a word
    start costs one test per first letter instead of one per alternative. Same matches: an
    alternative moves forward only past alternatives that cannot start with its letter (two
    that can never match at the same place may be tried in either order); those that may
    keep their order."""
    slots: list[tuple[str | None, list[str], set[str] | None]] = []  # (letter or None, members, first chars)
    for alt in alternatives:
        letter = _starting_letter(alt)
        if letter is not None:
            home = next((k for k in range(len(slots) - 1, -1, -1) if slots[k][0] == letter), None)
            if home is not None and all(f is not None and letter not in f for _, _, f in slots[home + 1:]):
                slots[home][1].append(alt[1:])
                continue
            slots.append((letter, [alt[1:]], {letter}))
        else:
            slots.append((None, [alt], _first_chars_of(alt)))
    out = []
    for letter, members, _ in slots:
        if letter is None:
            out.append(members[0])
        elif len(members) == 1:
            out.append(letter + members[0])
        else:
            out.append(letter + "(?:" + grouped_alternation(members) + ")")
    return "|".join(out)


def grouped(pattern: str) -> str:
    """`pattern` with its alternation grouped by first letters (grouped_alternation), for a
    pattern matched as written: left as it is with inline flags (which could make two letters
    the same) or capturing groups (whose numbers would change with the order)."""
    if _NOT_GROUPED.search(pattern):
        return pattern
    return grouped_alternation(split_alternatives(pattern))


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
        self.needles: dict[str, tuple[str, ...]] = {}
        self.weapon_classes = [w["class"] for w in r["weapons"]]
        # one word-boundary check around the whole alternation, and each branch labelled by an
        # empty group after it (a group in front would hide the branches' first letters from
        # the regex engine's quick check): both much faster than the obvious form
        # each list of words has those with the same first letters written once (grouped,
        # after lower-casing as Folded does): the engine tries a letter, not every word
        def words(p: str) -> str:
            return grouped(_lower_pattern(p))
        self.weapon = Folded(_words("|".join(
            f"(?:{words(w['pattern'])})(?P<w{i}>)" for i, w in enumerate(r["weapons"]))), scan=True)
        # words that may stand in front of a weapon's head noun, matched one token at a time
        self.weapon_modifiers = [re.compile(_lower_pattern(w["modifiers"])) if w.get("modifiers") else None
                                 for w in r["weapons"]]
        # the model's name without a plural ending: "5 Kinzhals" are Kinzhal missiles
        self.weapon_model = Folded(rf"(?<![\w-])(?:{words('|'.join(r['weapon_models']))})(?=(?:s|['’]s)?(?!\w))")
        self.persons = Folded(_words(words(r["persons"])))
        self.singular_person = Folded(_words(words(r["singular_persons"])))
        if r.get("singular_person_needles"):  # "a child" counts only where someone was hurt
            self.needles["singular_person"] = tuple(r["singular_person_needles"])
        self.measure_names = list(r["measures"])
        self.measure = Folded(_words("|".join(
            f"(?:{words(p)})(?P<{name}>)" for name, p in r["measures"].items())), scan=True)
        self.qualifier_before = Folded("|".join(
            f"(?P<{name}>(?<![\\w])(?:{words(p)}))" for name, p in r["qualifiers"].items()))
        self.qualifier_names = list(r["qualifiers"])
        self.number_words = {k: v for k, v in r["number_words"].items()}
        self.approximate_words = set(r.get("approximate_number_words", []))
        # "1 тис.", "2,8 тыс.": a figure times a written-out unit (none in English)
        self.multipliers = {k.lower(): v for k, v in (r.get("number_multipliers") or {}).items()}
        self.multiplied = Folded(
            r"(?<![\w./:,-])(\d+)(?:[.,](\d+))?\s*(" + "|".join(
                re.escape(k) for k in sorted(self.multipliers, key=len, reverse=True)) + r")(?:\.|(?!\w))"
        ) if self.multipliers else None
        units = sorted(self.number_words, key=len, reverse=True)
        unit = literal_alternation([_lower_pattern(u) for u in units])  # as Folded would lower-case them
        self.number_word = Folded(
            rf"(?<![\w-])(?:{unit})(?:(?:[\s-]+|\s+and\s+)(?:{unit}))*(?![\w]|-\w)")
        self.speech = Folded(_words(words(r["speech_verbs"])))
        self.claimant_rows = r["claimants"]
        # one pattern per claimant row, each tried only where one of its trigger words occurs
        self.claimant_patterns = [(tuple(c.get("triggers") or ()), re.compile(quick(_words(grouped(c["pattern"])))))
                                  for c in r["claimants"]]
        triggers = sorted({t for c in r["claimants"] for t in c.get("triggers") or ()}, key=len, reverse=True)
        self.claimant_trigger_words = triggers
        # the alternation reports the longest trigger at a place ("ukraine"), so a trigger also
        # wakes the rows of every shorter trigger inside it ("ukrain")
        self.claimant_rows_by_trigger = {
            t: [i for i, c in enumerate(r["claimants"]) if any(u in t for u in (c.get("triggers") or ()))]
            for t in triggers}
        self.claimant_rows_always = [i for i, c in enumerate(r["claimants"]) if not c.get("triggers")]
        self.pronoun_claimant = Folded(_words(words(r["pronoun_claimants"])))
        self.side_words = [(side, re.compile(_words(grouped(p)))) for side, p in r["countries"].items()]
        self.enemy = Folded(_words(words(r["enemy_words"])))
        masks = r["place_masks"]
        self.place_mask = Folded(_words(words(masks["pattern"] if isinstance(masks, dict) else masks)))
        if isinstance(masks, dict) and masks.get("needles"):
            self.needles["place_mask"] = tuple(masks["needles"])
        if all(p.get("needles") for p in r["multi_region_phrases"]):
            self.needles["region_phrase"] = tuple({n for p in r["multi_region_phrases"] for n in p["needles"]})
        self.region_phrase_rows = r["multi_region_phrases"]
        self.region_phrase = Folded(_words("|".join(
            f"(?:{words(p['pattern'])})(?P<r{i}>)" for i, p in enumerate(r["multi_region_phrases"]))))
        self.cumulative = Folded(_words(words(r["cumulative"])))
        self.time_words = Folded(_words("|".join(
            f"(?:{words(p)})(?P<{name}>)" for name, p in r["time"].items())))
        self.months = r["months"]
        self.weekdays = r["weekdays"]
        # sentence-shape patterns the assembly uses ("N of them", "were shot down", ...)
        # "{singular_persons}" inside a grammar pattern stands for that word list
        fill = {"{singular_persons}": r["singular_persons"]}

        def expand(p: str) -> str:
            for k, val in fill.items():
                p = p.replace(k, val)
            return p
        def compile_entry(p: Any) -> Any:
            if isinstance(p, dict):
                return Folded(expand(p["pattern"])) if p.get("ignorecase") else re.compile(expand(p["pattern"]))
            return re.compile(expand(p))
        self.g = SimpleNamespace(**{name: compile_entry(p) for name, p in r["grammar"].items()})
        # lower-case strings one of which must occur where a pattern is tried (speed only)
        self.needles.update({name: tuple(p["needles"]) for name, p in r["grammar"].items()
                             if isinstance(p, dict) and p.get("needles")})
        self.singular_determiners = set(r.get("singular_determiners", []))


@lru_cache(maxsize=None)
def load_vocabulary(lang: str = "en") -> Vocabulary:
    raw = _raw(lang)
    # every case and gender of the language's numerals (tools/build_number_words.py, from
    # the pymorphy3 dictionaries); the hand-written words of the vocabulary win
    forms = _number_forms().get(lang)
    if forms:
        raw["number_words"] = {**forms, **raw.get("number_words", {})}
    return Vocabulary(lang, raw)


def _number_forms() -> dict[str, dict[str, int]]:
    path = resources.files("dronewatch.extract").joinpath("vocab", "number_forms.json")
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


_NEEDLES_OF = {"singular_person_needles": "singular_persons"}


def _raw(lang: str) -> dict[str, Any]:
    """A language's vocabulary; `"extends": "en"` takes what it does not say from English
    (sections that are objects are merged key by key, anything else is replaced)."""
    data = json.loads(resources.files("dronewatch.extract").joinpath("vocab", f"{lang}.json").read_text("utf-8"))
    base = data.pop("extends", None)
    if not base:
        return data
    merged = _raw(base)
    for needles, key in _NEEDLES_OF.items():
        if key in data and needles not in data:
            merged.pop(needles, None)  # the base's needles do not fit the language's own words
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def available_languages() -> set[str]:
    return {p.name[:-5] for p in resources.files("dronewatch.extract").joinpath("vocab").iterdir()
            if p.name.endswith(".json") and "_" not in p.name}
