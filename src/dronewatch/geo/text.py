"""Tokens and lookup keys, shared by the gazetteer build and the lookup.

A key is the space-joined normal form of a name's tokens: lower case, apostrophes
dropped ("Kup'yans'k" = "Kupyansk"), Latin diacritics dropped ("Orël" = "Orel"),
ё read as е, and every Cyrillic token cut to a crude stem so that one key matches
all case forms ("Белгородская/Белгородской/Белгородскую" -> "белгородск"). The
build and the lookup must use the very same functions, or keys would not meet.
"""

from __future__ import annotations

import re
import unicodedata

# Hyphens split tokens: "Rostov-on-Don" and "Rostov on Don" give the same key.
TOKEN_RE = re.compile(r"\w+(?:['’ʼ`]\w+)*")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Case endings of Russian and Ukrainian nouns and adjectives, cut longest first.
# Consonant endings that are also stem finals ("-ов" of Ростов, "-ів" of Харків)
# are deliberately absent: cutting them would split nominative from oblique forms.
_SUFFIXES = [
    frozenset("ого его ому ему ыми ими ами ями ией ією".split()),
    frozenset("ая яя ой ей ий ый ою ею ую юю ое ее ые ие ых их ым им ом ем ам ям ах ях ью "
              "ия ии ию ія ії ію ої ій ім".split()),
    frozenset("а я ы и і ї у ю е є о й ь".split()),
]
_MIN_STEM = 3  # "Крым" must not lose "ым"


def stem(word: str) -> str:
    """Cut one case ending off a lower-case Cyrillic word (never below 3 letters)."""
    for size, endings in zip((3, 2, 1), _SUFFIXES):
        if len(word) - size >= _MIN_STEM and word[-size:] in endings:
            return word[:-size]
    return word


def norm_token(tok: str) -> str:
    """The key of one token."""
    if tok.isascii():
        low = tok.lower()
        if low.endswith("'s") or low.endswith("`s"):
            low = low[:-2]
        return low.translate(_APOSTROPHES)
    low = tok.lower()
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    low = low.translate(_APOSTROPHES).replace("ё", "е")
    if _CYRILLIC.search(low):
        return stem(low)
    # Latin with diacritics: drop the combining marks.
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def name_key(name: str) -> str:
    """The key of a whole name: 'St. Petersburg' -> 'st petersburg'."""
    return " ".join(norm_token(t) for t in TOKEN_RE.findall(name))


def is_cyrillic(s: str) -> bool:
    return bool(_CYRILLIC.search(s))
