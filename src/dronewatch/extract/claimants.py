"""Who says so: ministries, air forces, governors, mayors, intelligence services,
officials, outlets, with the side (ISO code of the party) each speaks for."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from dronewatch.extract.places import PlaceRef
from dronewatch.extract.vocab import Vocabulary, fold, literal_alternation

_NAME = re.compile(r"(?:[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+(?:-[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+)?\s+){0,2}"
                   r"([A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+(?:-[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+)?)$")
# case endings a Russian or Ukrainian surname takes ("за даними Синєгубова", "по словам Гладкова")
_CYRILLIC_ENDINGS = ("ого", "ому", "ові", "еві", "ою", "ої", "ій", "им", "ым", "ом", "ем", "а", "у", "ю", "е", "і", "и", "ы")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)


_FIRST_NAME_BEFORE = re.compile(r"[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ'’]+\s+$")


@dataclass(slots=True)
class ClaimantMention:
    start: int
    end: int
    text: str
    name: str | None
    side: str | None
    role: str
    region: str | None = None  # ISO 3166-2 code of the region an official speaks for
    speaker: bool = False  # followed by a speech verb, or after "according to"
    generic: bool = False  # "officials", "authorities": a side but no identity


@lru_cache(maxsize=None)
def officials() -> dict[str, tuple[str, str | None, str]]:
    data = json.loads(resources.files("dronewatch.extract").joinpath("vocab", "officials_en.json").read_text("utf-8"))
    return {row[0]: (row[1], row[2], row[3]) for row in data["officials"]}


def known_official(name: str) -> str | None:
    """The officials' key for `name`: itself, or for a Cyrillic surname in an oblique case
    ("Синєгубова", "Гладкову") the nominative it was declined from."""
    known = officials()
    if name in known:
        return name
    if _CYRILLIC.search(name):
        for end in _CYRILLIC_ENDINGS:
            if name.endswith(end) and len(name) - len(end) >= 3:
                base = name[:-len(end)]
                for cand in (base, base + "а", base + "ий", base + "ый", base + "ь"):
                    if cand in known:
                        return cand
    return None


def find_claimants(text: str, lo: int, hi: int, places: list[PlaceRef], vocab: Vocabulary) -> list[ClaimantMention]:
    out: list[ClaimantMention] = []
    known = officials()
    rows = set(vocab.claimant_rows_always)
    for t in _triggers_between(text, lo, hi, vocab):
        rows.update(vocab.claimant_rows_by_trigger[t])
    matches = []
    for i in sorted(rows):
        matches += [(m, i) for m in vocab.claimant_patterns[i][1].finditer(text, lo, hi)]
    matches.sort(key=lambda mi: (mi[0].start(), -mi[0].end(), mi[1]))
    last_end = -1
    for m, i in matches:
        if m.start() < last_end:
            continue  # inside a longer, earlier mention
        last_end = m.end()
        row = vocab.claimant_rows[i]
        s, e = m.start(), m.end()
        span = m.group(0)
        if vocab.g.actor_after.match(text, e, min(hi, e + 60)):
            continue  # "said the Russian military carried out 19 airstrikes": who attacked, not who says
        speaker = _is_speaker(text, s, e, hi, vocab)
        if row.get("requires_speech") and not vocab.g.speaks_after.match(text, e, min(len(text), e + 40)):
            continue  # "Russia said" speaks; "Moscow region" or "Russia's air defence" does not
        name, side, role = row.get("name"), row.get("side"), row.get("role", "official")
        if name and row.get("name_unless") and re.search(row["name_unless"], span, re.I):
            name = _clean(span)  # "Ukraine's navy" is not the Air Force, though it speaks for the same side
        region = None
        inside = [p for p in places if p.start >= s and p.end <= e and p.admin1]
        if inside:
            region = inside[-1].admin1[0]
        if side is None:
            side = _side_of(span, vocab)
        surname = _NAME.search(span.rstrip(" ,"))
        key = known_official(surname.group(1)) if surname else None
        if key is not None:
            k_side, k_region, k_name = known[key]
            side = side or k_side
            region = region or k_region
            name = name or k_name
        if side is None and region:
            side = "RU" if region.startswith("RU-") or vocab.g.installed.search(span) else (
                None if region in _contested() else region[:2])
        if row.get("requires_speech"):
            name = span
            role = "government"
        out.append(ClaimantMention(s, e, span, name or _clean(span), side, role, region, speaker,
                                   generic=row.get("name") is None and not surname and role != "government"))
    for m in _known_names().finditer(text, lo, hi):
        first = _FIRST_NAME_BEFORE.search(text[max(lo, m.start() - 20):m.start()])
        start = m.start() - len(first.group(0)) if first else m.start()
        if any(c.start <= m.start() < c.end for c in out):
            continue
        key = known_official(m.group(m.lastindex))
        if key is None:
            continue
        side, region, name = known[key]
        out.append(ClaimantMention(start, m.end(), text[start:m.end()], name, side, "official", region,
                                   _is_speaker(text, start, m.end(), hi, vocab)))
    for m in vocab.g.surname_speech.finditer(text, lo, hi):
        surname = m.group(1) or m.group(2)
        key = known_official(surname)
        if key is not None and not any(c.start <= m.start(1 if m.group(1) else 2) < c.end for c in out):
            side, region, name = known[key]
            st = m.start(1) if m.group(1) else m.start(2)
            out.append(ClaimantMention(st, st + len(surname), surname, name, side, "official", region, True))
    out.sort(key=lambda c: c.start)
    return _drop_nested(out)


def _triggers_between(text: str, lo: int, hi: int, vocab: Vocabulary) -> list[str]:
    """The trigger words present in text[lo:hi] (plain substring tests: cheaper than a scan)."""
    low = fold(text[lo:hi])
    return [t for t in vocab.claimant_trigger_words if t in low]


@lru_cache(maxsize=None)
def _known_names() -> re.Pattern[str]:
    # the names as a tree of their letters (literal_alternation: same matches, far fewer tests)
    latin = literal_alternation(sorted((n for n in officials() if not _CYRILLIC.search(n)), key=len, reverse=True))
    cyrillic = literal_alternation(sorted((n for n in officials() if _CYRILLIC.search(n)), key=len, reverse=True))
    if not cyrillic:
        return re.compile(rf"\b({latin})\b")
    endings = "|".join(_CYRILLIC_ENDINGS)
    return re.compile(rf"\b({latin})\b|\b((?:{cyrillic})(?:{endings})?)\b")


def _contested() -> set[str]:
    from dronewatch.extract.places import CONTESTED
    return CONTESTED


def _drop_nested(items: list[ClaimantMention]) -> list[ClaimantMention]:
    kept: list[ClaimantMention] = []
    for c in items:
        if kept and c.start < kept[-1].end:
            if (c.end - c.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = c
            continue
        kept.append(c)
    return kept


_STOP_BETWEEN = re.compile(r"[.;]")
_CITED_BY = re.compile(r"(?:according\s+to|cited|citing|quoted|by|from|reported\s+by|in\s+the|said)\s*(?:the\s+)?$", re.I)
# the last letter of every word _CITED_BY can end with (to, cited, citing, by, from, the, ...)
_CITED_BY_LAST = frozenset("odgymeODGYME")
_CHANNEL_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:Telegram|statement|report|post|channel|data|message)")


def _is_speaker(text: str, s: int, e: int, hi: int, vocab: Vocabulary) -> bool:
    after = text[e:min(hi, e + 45)]
    before = text[max(0, s - 30):s]
    m = vocab.speech.search(text, e, min(hi, e + 45))
    if m and m.start() - e < 30 and not _STOP_BETWEEN.search(text, e, m.start()):
        return True
    # _CITED_BY ends where `before` does: its last letter first (the search tries every position)
    if before.rstrip()[-1:] in _CITED_BY_LAST and _CITED_BY.search(before):
        return True
    return bool(_CHANNEL_AFTER.match(after))


def _side_of(span: str, vocab: Vocabulary) -> str | None:
    if vocab.g.installed.search(span):
        return "RU"
    for side, pattern in vocab.side_words:
        if pattern.search(span):
            return side
    return None


def _clean(span: str) -> str:
    return re.sub(r"^(?:the|according\s+to)\s+", "", span.strip(" ,"), flags=re.I)
