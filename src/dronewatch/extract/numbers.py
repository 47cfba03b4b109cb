"""Numbers as written in reports: "121", "1,000", "eleven", "Seventy-four", "a dozen",
with the qualifier in front of them ("more than", "nearly", "up to")."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from functools import lru_cache

from dronewatch.extract.vocab import Folded, Vocabulary

# (?=\d) first: digits are rare, and the engine can then skip straight to them
_DIGITS = re.compile(r"(?=\d)(?<![\w./:-])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:[  ]\d{3})+(?![\d])|\d+)(\+)?(?![\w%]|[.:,]\d|-year|-month|-day|-hour|-storey|-story|-km|-kilo|-meter|-metre|-mile)(?!\s*(?:percent|per\s+cent|процент|відсот))")


@dataclass(slots=True)
class NumberMention:
    start: int
    end: int
    value: int
    qualifier: str | None  # exact | approx | at_least | at_most; None: not read yet (see qualifier_of)
    text: str
    spelled: bool  # written in words
    date_like: bool  # "October 24", "24 October", a year


def _word_value(words: str, vocab: Vocabulary) -> int | None:
    """Value of "one hundred and twenty-one", "Seventy-four", "a dozen"."""
    key = words.lower().strip()
    if key in vocab.number_words:
        return vocab.number_words[key]
    total, current = 0, 0
    parts = re.split(r"[\s-]+", key)
    for w in parts:
        if w == "and" or w == "a" or (w == "another" and len(parts) > 1):
            continue  # "another two" is two more, not three
        v = vocab.number_words.get(w)
        if v is None:
            return None
        if w in vocab.raw.get("number_word_multipliers", ()) and current:
            current *= v  # "two dozen": 24, not 2 + 12
        elif v == 100:
            current = max(current, 1) * 100
        elif v == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    return total + current


def find_numbers(text: str, vocab: Vocabulary, lo: int = 0, hi: int | None = None) -> list[NumberMention]:
    hi = len(text) if hi is None else hi
    out: list[NumberMention] = []
    scaled: list[tuple[int, int]] = []
    if vocab.multiplied is not None:
        for m in vocab.multiplied.finditer(text, lo, hi):
            whole, frac, unit = m.group(1), m.group(2) or "", m.group(3)
            value = round(float(f"{whole}.{frac or 0}") * vocab.multipliers[unit])
            out.append(NumberMention(m.start(), m.end(), value, None, text[m.start():m.end()], False, False))
            scaled.append((m.start(), m.end()))
    age_end = -1  # end of the last age read: "men aged 31, 26 and 50" are ages, not counts
    for m in _DIGITS.finditer(text, lo, hi):
        if scaled and _inside(scaled, m.start()):
            continue
        raw = m.group(1)
        if len(raw) > 18:  # a serial number or an attack on the parser, never a count (and
            continue       # Python refuses int() of more than 4,300 digits)
        value = int(raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))
        if vocab.g.after_time.match(text, m.end(), m.end() + 20):
            continue
        if vocab.g.before_junk.search(text[max(lo, m.start() - 12):m.start()]):
            continue
        if (age_end >= 0 and _LIST_GAP.fullmatch(text, age_end, m.start())) \
                or vocab.g.age_before.search(text[max(lo, m.start() - 20):m.start()]):
            age_end = m.end()
            continue
        qual = "at_least" if m.group(2) else None
        out.append(NumberMention(m.start(), m.end(), value, qual, m.group(0), False,
                                 _date_like(text, m.start(), m.end(), value, vocab)))
    for m in vocab.number_word.finditer(text, lo, hi):
        if scaled and _inside(scaled, m.start()):
            continue
        words = text[m.start():m.end()]
        if _ONE_WAY.match(text, m.end()):
            continue  # "one-way attack drones", "One Way Attack UAVs": a kind, not a count
        value = _word_value(words, vocab)
        if value is None:
            continue
        low = words.lower()
        if low in ("another", "single", "a single", "both") and not _counts_something(text, m.end(), vocab):
            continue
        qual = None
        out.append(NumberMention(m.start(), m.end(), value, qual, words, True, False))
    out.sort(key=lambda n: n.start)
    return out


_ONE_WAY = re.compile(r"[\s-]+way\b", re.IGNORECASE)


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Is pos inside one of the sorted, disjoint spans? (a bisection: documents full of
    figures stay linear)"""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _counts_something(text: str, end: int, vocab: Vocabulary) -> bool:
    """"another" and "both" are numbers only right before a weapon or a person."""
    nxt = text[end:end + 60]
    m = vocab.weapon.match(nxt.lstrip()) or vocab.persons.match(nxt.lstrip())
    if m:
        return True
    # "another 126 over ..." is handled by the digits themselves
    return False


def qualifier_of(text: str, n: NumberMention, lo: int, vocab: Vocabulary) -> str:
    """The qualifier in front of a number, read when the number turns out to count something."""
    if n.qualifier is None:
        q = _qualifier(text, n.start, lo, vocab)
        if q == "exact" and n.spelled and n.text.lower() in vocab.approximate_words:
            q = "approx"  # "a dozen"
        n.qualifier = q
    return n.qualifier


def _qualifier(text: str, start: int, lo: int, vocab: Vocabulary) -> str:
    best = "exact"
    for m in vocab.qualifier_before.finditer(text, max(lo, start - 24), start):
        if text[m.end():start].strip() in ("", "of", "a total of", "all"):
            best = m.lastgroup or "exact"
            # "возросло до 11", "зросла до 12": risen *to* eleven, not up to eleven
            if best == "at_most" and vocab.g.risen_to.search(text, max(lo, m.start() - 30), m.end()):
                best = "exact"
    return best


@lru_cache(maxsize=None)
def _month_patterns(vocab: Vocabulary) -> tuple[Folded, Folded]:
    names = "|".join(sorted(vocab.months, key=len, reverse=True))
    # a day before a month, or the first day of a range of them ("13-14 March", "с 13 на 14 марта")
    return Folded(rf"\b(?:{names})\.?\s*$"), Folded(
        rf"(?:st|nd|rd|th)?(?:\s*(?:[-–—/]|to|and|на|по|до|і|и)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s*(?:of\s+)?(?:{names})\b")


def _date_like(text: str, start: int, end: int, value: int, vocab: Vocabulary) -> bool:
    """"October 24", "24 October" and bare years are dates, not counts."""
    before, after = _month_patterns(vocab)
    if before.search(text, max(0, start - 12), start) or after.match(text, end, end + 14):
        return True
    return 1900 <= value <= 2100 and not _LETTER_AFTER.match(text, end)


_LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|и|і|й|та)\s+)?", re.IGNORECASE)
_LETTER_AFTER = re.compile(r"\s*[A-Za-zА-Яа-яЁёІіЇїЄєҐґ]")
