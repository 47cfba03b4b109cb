"""Which vocabulary reads a document: English, Russian or Ukrainian.

Letters decide: Cyrillic text with і ї є ґ is Ukrainian, with ы э ъ ё Russian. This is
exact enough for report language (ministry posts, news) and costs microseconds, where a
statistical detector costs milliseconds and hundreds of megabytes.
"""

from __future__ import annotations

import re

from dronewatch.extract.vocab import available_languages

_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
_LATIN = re.compile(r"[a-zA-Z]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_SAMPLE = 4000  # characters looked at


def detect_language(text: str) -> str:
    """"en", "ru" or "uk" (also for the rare mixed text: the script most of it is in)."""
    sample = text[:_SAMPLE]
    if not _CYRILLIC.search(sample):
        return "en"
    cyr = len(_CYRILLIC.findall(sample))
    if cyr <= len(_LATIN.findall(sample)):
        return "en"
    uk, ru = len(_UK_ONLY.findall(sample)), len(_RU_ONLY.findall(sample))
    return "uk" if uk > ru else "ru"


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
