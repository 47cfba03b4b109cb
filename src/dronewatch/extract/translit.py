"""Russian and Ukrainian words in Latin letters, the way English-language news writes
them ("Ильский" -> "Ilsky", "Афіпський" -> "Afipsky", "Битош" -> "Bytosh"): so that a
named target in a Cyrillic report can be given an English name beside its own.

A simplified BGN/PCGN romanisation with the news conventions for adjective endings
("-ский", "-ський" -> "-sky"); Ukrainian и is y and і is i, Russian ы is y. Not reversible,
not for places the gazetteer knows (their English names come from it)."""

from __future__ import annotations

import re

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "'": "", "’": "",
}
# Ukrainian spells with и what Russian spells with ы, and г is h
_UKRAINIAN = {"и": "y", "г": "h"}
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]", re.I)
# adjective endings as English news writes them: "Ильский" Ilsky, "Белгородской" Belgorodskaya
_ENDINGS = ((re.compile(r"(?:ский|ський|ськый|ской)$"), "sky"), (re.compile(r"(?:цкий|цький)$"), "tsky"),
            (re.compile(r"(?:ний|ный)$"), "ny"), (re.compile(r"(?:ий|ый|ій)$"), "y"))


def romanize(text: str, ukrainian: bool | None = None) -> str:
    """`text` in Latin letters; Latin letters, digits and punctuation stay as they are.
    `ukrainian` None: decided by the letters (і ї є ґ)."""
    if ukrainian is None:
        ukrainian = bool(_UKRAINIAN_LETTERS.search(text))
    return re.sub(r"[А-Яа-яЁёІіЇїЄєҐґ'’]+", lambda m: _word(m.group(0), ukrainian), text)


def _word(word: str, ukrainian: bool) -> str:
    low = word.lower()
    tail = ""
    for pattern, latin in _ENDINGS:
        m = pattern.search(low)
        if m and m.start() > 1:
            low, tail = low[:m.start()], latin
            break
    table = {**_LETTERS, **_UKRAINIAN} if ukrainian else _LETTERS
    out = "".join(table.get(ch, ch) for ch in low) + tail
    if word[:1].isupper():
        out = out.upper() if word.isupper() and len(word) > 1 else out[:1].upper() + out[1:]
    return out
