"""Which vocabulary reads a document: English, Russian or Ukrainian.

Letters decide first: Cyrillic text with і ї є ґ is Ukrainian, with ы э ъ ё Russian.
For report language (ministry posts, news) that is exact and costs microseconds; a few
such letters decide too when the other language's are absent. When the letters do not
decide (a short post with none of them, or a Ukrainian article quoting a Russian one at
length), everyday words one language has and the other never writes ("что", "это" /
"що", "це") decide; where they do not either and lingua-language-detector is installed
(`pip install 'dronewatch[lingua]'`), its statistical models for the three languages
decide. They are loaded on the first such text only: about a second and 100 MB, which
a corpus of clear texts never pays.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dronewatch.extract.vocab import available_languages

_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
_UK_LETTERS = "іїєґІЇЄҐ"  # Ukrainian only
_RU_LETTERS = "ыэъёЫЭЪЁ"  # Russian only
# Letters are counted in bytes (the sample encoded, other characters dropped), several
# times faster than listing matches: Windows-1251 gives each letter of _CYRILLIC a byte of
# its own, and ASCII the Latin letters a-z, A-Z.
_NOT_CYRILLIC_BYTES = bytes(set(range(256)) - set(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєґІЇЄҐ".encode("cp1251")))
_NOT_LATIN_BYTES = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_UK_BYTES, _RU_BYTES = _UK_LETTERS.encode("cp1251"), _RU_LETTERS.encode("cp1251")
_SAMPLE = 4000  # characters looked at
# Letters decide when one language's own letters occur at least this often and the
# other's at most a quarter as often.
_DECISIVE_LETTERS = 3
_WORD = re.compile(r"[а-яёіїєґ']+")
# Everyday words of one language that the other never writes (both spellings of a word
# the two share, like "на", "по", "від"/"от", are left out, or decided by the letters).
_RU_WORDS = frozenset("и что это как или но уже еще его ее они был была было были где когда также "
                      "которые который которая с со из после однако тоже всего только".split())
_UK_WORDS = frozenset("та що це як або але вже ще його вони був була було були де коли також "
                      "які який яка з зі із під після проте тільки лише всього".split())
_DECISIVE_WORDS = 1  # on the shared corpora: 130 sentences decided by words, none wrongly


def detect_language(text: str) -> str:
    """"en", "ru" or "uk" (also for the rare mixed text: the script most of it is in)."""
    sample = text[:_SAMPLE]
    if not _CYRILLIC.search(sample):
        return "en"
    cp1251 = sample.encode("cp1251", "ignore")
    cyr = len(cp1251.translate(None, _NOT_CYRILLIC_BYTES))
    if cyr <= len(sample.encode("ascii", "ignore").translate(None, _NOT_LATIN_BYTES)):
        return "en"
    uk, ru = sum(map(cp1251.count, _UK_BYTES)), sum(map(cp1251.count, _RU_BYTES))
    major, minor = max(uk, ru), min(uk, ru)
    # one language's own letters and none of the other's decide even when few (a short
    # post): of the 212 such sentences of dev-multi and dev2 the letters were right on
    # all, the statistical guess on 210
    if (major < _DECISIVE_LETTERS and not (minor == 0 and major > 0)) or minor * 4 > major:
        by_words = _word_guess(sample)
        if by_words:
            return by_words
        guess = _statistical_guess(sample)
        if guess:
            return guess
    return "uk" if uk > ru else "ru"


def _word_guess(sample: str) -> str | None:
    """Short function words only one of the two languages has, when the letters did not
    decide ("и", "что", "это", "с" are Russian; "та", "що", "це", "з" Ukrainian): a short
    post is told apart without loading the statistical models (~100 MB per worker)."""
    words = _WORD.findall(sample.lower())
    uk = sum(w in _UK_WORDS for w in words)
    ru = sum(w in _RU_WORDS for w in words)
    major, minor = max(uk, ru), min(uk, ru)
    if major < _DECISIVE_WORDS or minor * 4 > major:
        return None
    return "uk" if uk > ru else "ru"


def _statistical_guess(sample: str) -> str | None:
    detector = _lingua()
    if detector is None:
        return None
    found = detector.detect_language_of(sample)
    return None if found is None else found.iso_code_639_1.name.lower()


@lru_cache(maxsize=1)
def _lingua():
    """lingua's detector for English, Russian and Ukrainian, or None when not installed."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.RUSSIAN, Language.UKRAINIAN).build()


def language_of(text: str) -> str:
    """The detected language if dronewatch has a vocabulary for it, else English."""
    lang = detect_language(text)
    return lang if lang in _known() else "en"


_KNOWN: set[str] | None = None


def _known() -> set[str]:
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = available_languages()
    return _KNOWN
