"""Assembly: turns the mentions of a document (numbers, weapons, measures, places,
times, claimants) into claims. Language-neutral: every word it knows comes from
the vocabulary (vocab/<lang>.json); this module only knows how reports are built.

A claim starts at a count ("20 drones", "seven were downed", "a child was injured")
and collects, in order of evidence strength, what it counts (weapon or people),
which measure (launched / intercepted / hit / killed / injured), where, when, who
says so and who attacked. Each choice falls back the way a careful reader would:
the clause first, then the sentence, then what the article said just before.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from dronewatch.extract.claimants import ClaimantMention, find_claimants
from dronewatch.extract.dates import default_time, find_time, year_hint
from dronewatch.extract.decide import Trace, decide, model_for
from dronewatch.extract.facilities import FacilityMention
from dronewatch.extract.facts import (CASUALTY, HELD_BY_RUSSIA, WEAPON_MEASURES, Candidate, Fact, claims_from_facts,
                                      infer_side, join_target, location_of, other_side, outlet_claimant,
                                      place_facility, targets_in_order)
from dronewatch.extract.language import language_of
from dronewatch.extract.numbers import NumberMention, find_numbers, qualifier_of
from dronewatch.extract.places import (CONTESTED, PlaceRef, find_places, is_foreign_namesake, opening_region,
                                       region_ref)
from dronewatch.extract.text import split_sentences
from dronewatch.extract.vocab import Folded, Vocabulary, load_vocabulary
from dronewatch.model import Claim, Claimant, Document, Evidence, Location, TimeSpan

MAX_COUNT = 100_000  # above this a "count" is a typo, a production figure or an attack on the parser
_NATIONAL_ROLES = ("military", "government", "intelligence")
_HARD_BREAK = re.compile(r"[;:]")
_SPACES = re.compile(r"\s*")
_LEADING_THE = re.compile(r"\s*the\s", re.IGNORECASE)
_PLURAL_S = re.compile(r"(?:s|S)$")
_GAP_WORDS = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?")
_DIGIT = re.compile(r"\d")
_PAREN_NUMBER = re.compile(r"\(\s*\d+\s*\)")
_DASH_GAP = re.compile(r"\s*[—–(-]?\s*")
_PAREN_ASIDE = re.compile(r"\s*\([^()\d\n]{1,60}\)\s*")
_PAREN_NUMBER_AFTER = re.compile(r"\s*\(\s*(\d+)\s*\)")
# the token before a weapon noun, read backwards (see _token_before)
_PREV_TOKEN_REVERSED = re.compile(r"\s+([\w'’/.-]+)")
_BULLET = re.compile(r"[-–—•▪▫◦*·]\ufe0f?\s")
# a line that names who speaks: a short heading ending in a colon, or "Source: ..."
_SOURCE_LINE = re.compile(r"(?:(?:Source|Sources|Джерело|Источник)\s*:\s*[^\n]{3,160}|[^.!?:\n\d]{3,80}:)\s*", re.IGNORECASE)
# a line of a list: a bullet, or a figure and a dash ("7 – over the Smolensk region")
_LIST_ITEM = re.compile(r"[-–—•▪▫◦*·]\ufe0f?\s|\d[\d  ]*\s*[–—-]\s")


@dataclass(slots=True)
class _Span:
    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e
_CONTEXT_BEFORE = 3  # sentences before a count that can name its speaker, place or night
_CONTEXT_AFTER = 1  # "This was reported by the Air Force." after the figures


# the cut-off item of a list: "▫️ 2 – над террит" (a figure, a dash, and the start of its place)
_CUT_PLACE = re.compile(r"\s*[–—-]\s*(?:над|в|у|на|по|over|in|near)\s+(?:\w+\s+)?\w*\s*", re.IGNORECASE)
# regions held by Russia as a whole or nearly (Crimea, Sevastopol, Luhansk), which both sides
# report on: a claim there with nobody named gets no side guessed from its country
_ENDS_WHOLE = re.compile(r"[.!?…»\")\]]")  # the last character of a text that was not cut off
_UNREAD = object()  # a lazily read document-level value not read yet
_CLAUSE_MARK = re.compile(r"[,;:—–]")  # "seven neutralized, all of which ...": a new clause, not the verb's object
_LIST_AND = re.compile(r"(?<!\w)(?:and|or|і|й|та|и|або|или)(?!\w)", re.IGNORECASE)


def _runs(sentences: list[tuple[int, int]], indices: list[int]) -> list[tuple[int, int]]:
    """Character ranges covering runs of consecutive sentence indices."""
    out: list[tuple[int, int]] = []
    for i in indices:
        lo, hi = sentences[i]
        if out and out[-1][2] == i - 1:
            out[-1] = (out[-1][0], hi, i)
        else:
            out.append((lo, hi, i))
    return [(lo, hi) for lo, hi, _ in out]


def _token_before(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    r"""The token that text[lo:hi] ends with before its trailing spaces, with its start: what
    a search for r"([\w'’/.-]+)\s+$" finds (m.start(1), m.group(1)), read from the end
    (the search would try every position of the window)."""
    m = _PREV_TOKEN_REVERSED.match(text[lo:hi][::-1])
    return None if m is None else (hi - m.end(), m.group(1)[::-1])


def assemble_claims(doc: Document, problems: list[str] | None = None, trace: Trace | None = None) -> list[Claim]:
    """The claims of one document. `trace` (training only) sees every reading the decision
    model weighs (extract/decide.py)."""
    text = doc.text or ""
    if not text.strip():
        return []
    return _Assembler(doc, load_vocabulary(language_of(text)), problems, trace).run()


class _Assembler:
    def __init__(self, doc: Document, vocab: Vocabulary, problems: list[str] | None, trace: Trace | None = None):
        self.doc, self.v, self.problems, self.trace = doc, vocab, problems, trace
        self.model = model_for(vocab.lang)
        # counts the rules pass over are gathered only for someone to weigh them
        self.weigh = self.model is not None or trace is not None
        self.text = doc.text
        self.g = vocab.g
        self.facts: list[Fact] = []
        self.dropped: list[Fact] = []  # counts the rules pass over, for the decision model

    # ---- document-level mention tables -------------------------------------------------
    def run(self) -> list[Claim]:
        text, v = self.text, self.v
        self.sentences = split_sentences(text)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.text_end = len(text.rstrip())  # where a post that was cut off stops
        # no publication date: dates without a year take the year the article's own dates name
        self.year = None if self.doc.published else year_hint(text, v)
        self.first_time: TimeSpan | None = None  # without a publication date: the first date the article gives
        self.numbers = find_numbers(text, v)
        self.number_starts = [n.start for n in self.numbers]
        low = self.low = Folded.fold_of(text)  # the fold the vocabulary's patterns read
        self.weapons = self._weapon_phrases()
        self.weapon_starts = [w[0] for w in self.weapons]
        self.singular_persons = [m.span() for m in v.singular_person.finditer(text)] \
            if self._worth("singular_person", low) else []
        self.sperson_starts = [s for s, _ in self.singular_persons]
        self.all_of = [m.span() for m in self.g.all_of_them.finditer(text)] if self._worth("all_of_them", low) else []
        self.all_of_starts = [s for s, _ in self.all_of]
        self.same_number = [m.span() for m in self.g.same_number.finditer(text)] \
            if self._worth("same_number", low) else []
        self.same_starts = [s for s, _ in self.same_number]
        self.topic_weapon: str | None = None
        self.current_claimant: ClaimantMention | None = None
        self.first_claimant: ClaimantMention | None = None
        self.date_context: TimeSpan | None = None
        self.pending: list[tuple[int, int, int]] = []
        self.older: list[tuple[int, int, int]] = []
        self._sentence_attack: dict[tuple[int, int], Any] = {}  # background sentences passed over by a flush
        self._officials_region: Any = _UNREAD  # see _quoted_officials_region
        # Only sentences with something to count, and the few before and after them that
        # set their context, are read closely: articles are mostly background.
        counts = [self._counts(lo, hi, self._slice(self.weapon_starts, self.weapons, lo, hi))
                  for lo, hi in self.sentences]
        relevant = sorted({j for i, c in enumerate(counts) if c
                           for j in range(max(0, i - _CONTEXT_BEFORE), min(len(counts), i + _CONTEXT_AFTER + 1))})
        self.measures = []
        self.read_runs = _runs(self.sentences, relevant)  # what is read closely
        for lo, hi in self.read_runs:
            self.measures += [(m.start(), m.end(), m.lastgroup) for m in v.measure.finditer(text, lo, hi)]
        self.measure_starts = [m[0] for m in self.measures]
        self._places: dict[int, list[PlaceRef]] = {}  # by sentence, read when first needed
        self._masks: dict[int, list[tuple[int, int]]] = {}  # claimant spans of a sentence, once known
        self._times: dict[int, TimeSpan | None] = {}  # what each sentence read says of time
        wanted = set(relevant)
        for i, (lo, hi) in enumerate(self.sentences):
            if i in wanted:
                self._sentence(i, lo, hi, counts[i])
            else:
                weapons = self._slice(self.weapon_starts, self.weapons, lo, hi)
                real = [w for w in weapons if w[2] != "air_target" and not w[3]]
                if real:
                    self.topic_weapon = real[-1][2]
        return self._claims()

    def _weapon_phrases(self) -> list[tuple[int, int, str, bool]]:
        """(start, end, class, is_modifier) of every weapon phrase: a head noun ("missiles",
        "Shaheds") with the modifiers right in front of it ("Kh-101 cruise missiles").
        is_modifier: the phrase itself modifies another noun ("drone attacks")."""
        text, v, low = self.text, self.v, self.low
        out: list[tuple[int, int, str, bool]] = []
        for m in v.weapon.finditer(text):
            i = int(m.lastgroup[1:])
            start, end = m.start(), m.end()
            mod = v.weapon_modifiers[i]
            while mod is not None:
                prev = _token_before(low, max(0, start - 40), start)
                if prev is None or not mod.fullmatch(prev[1]):
                    break
                start = prev[0]
            if out and (start <= out[-1][0] or (start > out[-1][1] and low[out[-1][1]:start].isspace())):
                start = min(start, out[-1][0])  # "Shahed drones", "Storm Shadow missiles": one phrase
                out.pop()
            out.append((start, end, v.weapon_classes[i], bool(self.g.modifier_after.match(text, end))))
        return out

    def _worth(self, name: str, low: str) -> bool:
        """Can pattern `name` match in this folded text at all (its needle words)?"""
        needles = self.v.needles.get(name)
        return needles is None or any(n in low for n in needles)

    def _slice(self, starts: list[int], items: list, lo: int, hi: int) -> list:
        return items[bisect_left(starts, lo):bisect_left(starts, hi)]

    # ---- one sentence ------------------------------------------------------------------
    def _places_of(self, idx: int) -> list[PlaceRef]:
        """The place mentions of sentence idx (read once, when first asked for)."""
        places = self._places.get(idx)
        if places is None:
            lo, hi = self.sentences[idx]
            places = self._places[idx] = find_places(self.text, self.v, lo, hi)
        return places

    def _scene(self, idx: int, back: int) -> PlaceRef | None:
        """The place the article was describing: the last region, city or sea named in the
        `back` sentences before idx (not inside a speaker's title). A bulleted item is a
        report of its own: the item before it is no scene for it."""
        if _BULLET.match(self.text, self.sentences[idx][0]):
            return None
        for j in range(idx - 1, max(-1, idx - back - 1), -1):
            masked = self._masks.get(j, ())
            local = [p for p in self._places_of(j) if p.is_local and not any(s <= p.start < e for s, e in masked)]
            if local:
                return local[-1]
        return None

    def _time_of(self, idx: int) -> TimeSpan | None:
        """The time sentence idx states (read once: an undated article asks again for its first date)."""
        if idx not in self._times:
            lo, hi = self.sentences[idx]
            self._times[idx] = find_time(self.text[lo:hi], self.doc.published, self.v, self.year)
        return self._times[idx]

    def _quiet_sentence(self, idx: int, lo: int, hi: int, weapons: list) -> None:
        """A sentence with nothing to count still moves the context on: who speaks, which
        weapon and place the article is about, which night."""
        text, v = self.text, self.v
        claimants: list[ClaimantMention] = []
        if _SOURCE_LINE.fullmatch(text, lo, hi):
            # "Russian Ministry of Defense:" over a list, "Source: ..., Commander of the Air Force"
            self._flush_pending()
            claimants = find_claimants(text, lo, hi, self._places_of(idx), v)
        elif v.speech.search(text, lo, hi):
            if self.g.this_was_reported.match(text, lo, hi):
                self._flush_pending()
                claimants = find_claimants(text, lo, hi, self._places_of(idx), v)
            else:
                # read who speaks here only if a later figure needs it (most name their source)
                self.pending.append((idx, lo, hi))
        self._remember(idx, lo, hi, [], claimants, weapons,
                       self._time_of(idx) if weapons or self._has_measure(lo, hi) else None)

    def _flush_pending(self, everything: bool = False) -> None:
        """Read the speakers of background sentences a figure now depends on: from the most
        recent back to the first that names one (the current speaker). Older ones matter only
        for the article's first speaker, read at the end if some figure has no source at all."""
        pending, self.pending = self.pending, []
        for n, (idx, lo, hi) in enumerate(reversed(pending)):
            claimants = find_claimants(self.text, lo, hi, self._places_of(idx), self.v)
            self._masks[idx] = [(c.start, c.end) for c in claimants]
            for c in reversed(claimants):
                if c.side and (everything or self.first_claimant is None):
                    self.first_claimant = c  # walking backwards: the earliest one wins
            speakers = [c for c in claimants if c.speaker and not c.generic] or [c for c in claimants if not c.generic]
            if speakers and not everything:
                self.current_claimant = speakers[-1]
                self.older.extend(pending[:len(pending) - n - 1])
                return

    def _remember(self, idx: int, lo: int, hi: int, facts: list[Fact], claimants: list[ClaimantMention],
                  weapons: list, time: TimeSpan | None) -> None:
        for c in claimants:
            if self.first_claimant is None and c.side:
                self.first_claimant = c
        if claimants and self.g.this_was_reported.match(self.text, lo, hi):
            best = next((c for c in claimants if c.side), claimants[0])
            for f in self.facts[::-1]:
                if f.sent < idx - 2:
                    break
                if not f.claimant_explicit:
                    f.claimant, f.claimant_explicit = best, True
        speakers = [c for c in claimants if c.speaker and not c.generic] or [c for c in claimants if not c.generic]
        used = [f.claimant for f in facts if f.claimant_explicit and f.claimant is not None]
        if used:
            self.current_claimant = used[-1]
        elif speakers:
            self.current_claimant = speakers[-1]
        if time is not None and (facts or weapons or self._has_measure(lo, hi)):
            self.date_context = time
            if self.first_time is None and self.doc.published is None and time.start:
                self.first_time = time
        real = [w for w in weapons if w[2] != "air_target" and not w[3]] or [w for w in weapons if w[2] != "air_target"]
        if real:
            self.topic_weapon = real[-1][2]
        if claimants:
            self._masks[idx] = [(c.start, c.end) for c in claimants]
        self.facts.extend(facts)

    def _sentence(self, idx: int, lo: int, hi: int, counts: list[Candidate]) -> None:
        text, v = self.text, self.v
        weapons = self._slice(self.weapon_starts, self.weapons, lo, hi)
        if not counts or not self._could_measure(lo, hi, counts):
            # nothing to count, or no verb that could say what happened to it
            if self.weigh:
                self._unverbed(idx, lo, hi, counts)
            self._quiet_sentence(idx, lo, hi, weapons)
            return
        places = self._places_of(idx)
        sentence = text[lo:hi]
        claimants = find_claimants(text, lo, hi, places, v)
        if not claimants or any(c.generic for c in claimants) or self.g.pronoun_speaker.search(text, lo, hi):
            self._flush_pending()
        else:
            self.pending.clear()  # this sentence names its own source
        masked = [(c.start, c.end) for c in claimants]
        # "In Moscow, the Defence Ministry said": where the speaker sits, not where it happened
        national = [c for c in claimants if c.role in _NATIONAL_ROLES]
        places = [p for p in places if not any(s <= p.start < e for s, e in masked)
                  and not (national and p.end <= national[0].start and p.kind in ("city", "country")
                           and self.g.dateline_gap.match(text[p.end:national[0].start]))]
        time = self._time_of(idx)
        # "since the start of the war, 40,000 drones were shot down": a running total, not an
        # attack; a sentence that names its own night or day is about that night
        cumulative = bool(v.cumulative.search(text, lo, hi)) and (time is None or time.precision not in ("night", "day"))
        breaks = [m.start() for m in self.g.clause_break.finditer(text, lo, hi)]
        hard_breaks = [m.start() for m in _HARD_BREAK.finditer(text, lo, hi)]
        paren_bound = self._paren_bound(places)
        consumed: set[int] = set()
        facts: list[Fact] = []
        dropped_here: list[Fact] = []
        speaker = self._sentence_claimant(claimants, sentence)
        # a post cut off in the middle of its last item ("▫️ 2 – над террит"): that item's
        # place is lost, and the figure with it
        cut = hi >= self.text_end and not _ENDS_WHOLE.search(text[lo:hi].rstrip()[-1:] or ".")
        for k, c in enumerate(counts):
            if cut and _CUT_PLACE.fullmatch(text, c.np_end) and not any(p.start >= c.np_end for p in places):
                continue
            # brackets around the figure itself ("Volgograd Oblast (19)") do not cut its clause
            # nor a dash right after it ("13 БПЛА - над территорией ...": the place it is given for)
            own = [b for b in breaks if not ((text[b:b + 1] in "()—–" or text.startswith(" - ", b))
                                             and c.start - 2 <= b <= c.np_end + 1)]
            if c.start in paren_bound:  # "Kaluga Oblast (12), Belgorod Oblast (9) reporting interceptions"
                own = [b for b in breaks if text[b:b + 1] in ";:"]
            aside = _PAREN_ASIDE.match(text, c.np_end, hi)  # "40 drones (mostly Shaheds) were shot down over X"
            if aside:
                own = [b for b in own if not c.np_end <= b < aside.end()]
            clause_lo = max([b for b in own if b < c.start] or [lo])
            clause_hi = min([b for b in own if b >= c.np_end] or [hi])
            measure = self._measure(c, clause_lo, clause_hi, lo, hi, facts)
            options = self._measure_options(c, lo, hi) if self.weigh else ()  # what the model may weigh
            dropped = ""
            if measure is None or (c.head == "person" and measure not in CASUALTY) \
                    or (c.head == "weapon" and measure in CASUALTY):
                # the rules see no measure that fits this count; the decision model may
                if c.copy_previous or not options or not self.weigh:
                    continue
                measure, dropped = options[0], "no_measure" if measure is None else "head_mismatch"
            is_person = measure in CASUALTY
            weapon, model = c.weapon, c.model
            if not is_person and weapon is None:
                weapon = self._context_weapon(c.start, lo, facts)
                if weapon is None:
                    if not self.weigh:
                        continue
                    weapon, dropped = self.topic_weapon or "drone", dropped or "no_weapon"
            if weapon == "air_target":  # "17 air targets": the weapon the report is about
                weapon = self._context_weapon(c.start, lo, facts) or "drone"
            if is_person:
                weapon = self._casualty_weapon(weapons, lo, hi)
            value = c.value
            if c.copy_previous:
                prev = next((f for f in reversed(facts + self.facts[-5:]) if f.measure in WEAPON_MEASURES), None)
                if prev is None:
                    continue
                value, weapon = prev.value, weapon or prev.weapon
            if value <= 0:
                continue
            if cumulative:
                if not self.weigh:
                    continue
                dropped = dropped or "cumulative"
            if value > MAX_COUNT:
                self._problem(f"implausible count {value:,} in {text[c.start:c.np_end]!r} ignored "
                              f"(limit {MAX_COUNT:,})")
                continue
            cm = self._nearest_claimant(claimants, c.start) or speaker
            explicit = cm is not None
            cur = self.current_claimant
            if cm is not None and cm.generic and cm.region is None and cur is not None and cur.region \
                    and cm.role == cur.role == "official" and self.g.official_title.search(cm.text):
                cm = cur  # "the regional governor" is the governor named before
            cm = cm or cur
            singular_hit = c.singular and measure == "hit"
            groups, how = self._locate(c, k, counts, places, paren_bound, set(consumed) if dropped else consumed,
                                       clause_hi, hard_breaks, lo, hi, facts, idx, cm, is_person or singular_hit)
            if cm is not None and cm.region and cm.role == "official":
                groups = [[self._in_officials_region(p, cm.region) for p in g] for g in groups]
            if measure == "launched" and weapon != "naval_drone":
                # "launched from ships in the Black Sea": a sea is where a salvo came from (but
                # where boats were sent, for naval drones)
                groups = [[p for p in g if p.kind != "sea"] for g in groups]
            if c.number is not None and not c.qualifier:
                c.qualifier = qualifier_of(text, c.number, lo, v)
            kept = dropped_here if dropped else facts
            for group in groups:
                f = Fact(measure, value, c.qualifier, weapon or "unknown", model, idx, c.start, c.end,
                         group, how, evidence=(lo, hi), claimant=cm, claimant_explicit=explicit, np_end=c.np_end,
                         dropped=dropped, measure_options=options, whole=c.superset)
                if time is not None:
                    f.time, f.time_explicit = time, True
                kept.append(f)
                if c.all_of and measure == "intercepted" and not dropped:
                    # "all 42 were shot down": 42 launched too, said by the same source
                    facts.append(Fact("launched", value, c.qualifier, f.weapon, model, idx, c.start, c.end,
                                      group, how, evidence=(lo, hi), time=f.time, time_explicit=f.time_explicit,
                                      claimant=cm, claimant_explicit=explicit, np_end=c.np_end, whole=True))
        # attackers and times of this sentence's facts
        for f in facts + dropped_here:
            if f.time is None:
                f.time = self.date_context
            f.attacker = self._attacker(f, lo, hi)
        self.dropped.extend(dropped_here)
        self._remember(idx, lo, hi, facts, claimants, weapons, time)

    def _unverbed(self, idx: int, lo: int, hi: int, counts: list[Candidate]) -> None:
        """Counts of weapons or people in a sentence without a measure verb ("the barrage
        consisted of 90 drones"): the rules pass them over; the decision model weighs every
        measure for them, and every place of the sentence."""
        for c in counts:
            if c.head == "elided" or c.copy_previous or not 0 < c.value <= MAX_COUNT:
                continue
            person = c.head == "person"
            weapon = self._casualty_weapon(self._slice(self.weapon_starts, self.weapons, lo, hi), lo, hi) \
                if person else (c.weapon if c.weapon != "air_target" else self.topic_weapon or "drone")
            if c.number is not None and not c.qualifier:
                c.qualifier = qualifier_of(self.text, c.number, lo, self.v)
            f = Fact(CASUALTY[0] if person else "launched", c.value, c.qualifier, weapon or "unknown", c.model,
                     idx, c.start, c.end, [], "", evidence=(lo, hi), claimant=self.current_claimant,
                     np_end=c.np_end, dropped="no_verb", measure_options=CASUALTY if person else WEAPON_MEASURES)
            f.time = self.date_context
            f.attacker = self._attacker(f, lo, hi)
            self.dropped.append(f)

    def _measure_options(self, c: Candidate, lo: int, hi: int) -> tuple[str, ...]:
        """The measures the sentence's verbs name that fit what the count counts, nearest first."""
        fit = CASUALTY if c.head == "person" else WEAPON_MEASURES if c.head == "weapon" else CASUALTY + WEAPON_MEASURES
        verbs = [(min(abs(s - c.start), abs(s - c.np_end)), name)
                 for s, _, name in self._slice(self.measure_starts, self.measures, lo, hi) if name in fit]
        out: list[str] = []
        for _, name in sorted(verbs):
            if name not in out:
                out.append(name)
        return tuple(out)

    def _has_intercept(self, lo: int, hi: int) -> bool:
        return any(m[2] == "intercepted" for m in self._slice(self.measure_starts, self.measures, lo, hi))

    def _has_measure(self, lo: int, hi: int) -> bool:
        return bool(self._slice(self.measure_starts, self.measures, lo, hi))

    def _problem(self, message: str) -> None:
        if self.problems is not None:
            self.problems.append(message)  # the caller names the document

    # ---- counts ------------------------------------------------------------------------
    def _counts(self, lo: int, hi: int, weapons: list) -> list[Candidate]:
        text, v = self.text, self.v
        out: list[Candidate] = []
        numbers: list[NumberMention] = self._slice(self.number_starts, self.numbers, lo, hi)
        supersets: set[int] = set()
        covered: list[tuple[int, int]] = []
        for n in numbers:
            if n.date_like:
                continue
            if n.spelled and self.g.negated.search(text, max(lo, n.start - 12), n.start):
                continue
            c = self._head(n, lo, hi, weapons)
            if c is None:
                continue
            if n.start in supersets or (c.head == "weapon" and self.g.whole_before.search(text, lo, n.start)):
                c.superset = True  # "45 of the 62 drones", "Of the 62 drones launched, 45 ..."
            if self.g.all_before.search(text, max(lo, n.start - 12), n.start):
                c.all_of = True
            m = self.g.subset.match(text, c.np_end if c.head != "elided" else n.end, hi)
            if c.head == "elided" and m and not c.anaphoric:
                # "132 out of 141 drones", "one of four missiles", "seven of the drones"
                inner = next((x for x in numbers if x.start >= m.end() and x.start - m.end() < 3), None)
                w = self._weapon_at(weapons, (inner.end if inner else m.end()), hi)
                if w is None:
                    continue  # "one of the most intense campaigns"
                if w is not None:
                    c.head, c.weapon, c.np_end, c.subset = "weapon", w[2], w[1], True
                    c.model = self._model(n.start, w[1])
                    if inner is not None:
                        supersets.add(inner.start)
                        c.np_end = inner.start - 1 if inner.start > n.end else c.np_end
                        c.np_end = max(c.np_end, n.end)
                        c.np_end = w[1]
            out.append(c)
            covered.append((n.start, c.np_end))
        # "a drone hit ...", "a child was injured", "all of them were destroyed"
        for w in weapons:
            if w[3] or any(s <= w[0] < e for s, e in covered):
                continue
            m = self.g.article.search(text, max(lo, w[0] - 60), w[0])
            if m and not self.g.gap_block.search(text[m.end():w[0]]):
                det = m.group(0).split()[0].lower()
                between = text[m.start():w[0]].split()[1:]
                if any(x.endswith("s") and x.islower() for x in between):
                    continue  # "a measure officials say hinders drone ...": not one noun phrase
                if det in v.singular_determiners and not _DIGIT.search(text, m.start(), w[0]) \
                        and not self.g.negated.search(text, max(lo, m.start() - 12), m.start()):
                    # ("not a single drone reached its target": none did)
                    if not self._is_plural(w):
                        out.append(Candidate(m.start(), w[1], 1, "exact", "weapon", w[1], w[2],
                                         self._model(m.start(), w[1]), singular=True))
            elif m is None and (self.g.bare_singular.fullmatch(text, w[0], w[1]) and (
                    self.g.singular_intercepted_after.match(text, w[1], hi)
                    or self.g.singular_hit_after.match(text, w[1], hi)
                    or self.g.singular_intercepted_before.search(text, max(lo, w[0] - 50), w[0]))
                    or self._struck_by_one(w, lo)):
                # languages without articles: a singular noun with a singular verb is one
                # ("беспилотный летательный аппарат уничтожен", "дрон влучив"), and so is one
                # after a strike noun ("в результате удара беспилотника")
                out.append(Candidate(w[0], w[1], 1, "exact", "weapon", w[1], w[2],
                                     self._model(w[0], w[1]), singular=True))
        for ms, me in self._slice(self.sperson_starts, self.singular_persons, lo, hi):
            if any(s <= ms < e for s, e in covered):
                continue
            a = self.g.singular_person_det.search(text, max(lo, ms - 40), ms)
            if a is None or self.g.aside_before.search(text, max(lo, a.start() - 20), a.start()):
                continue  # "3 people, including a child": the child is one of the three
            start = a.start()
            # "A 70-year-old woman and a 45-year-old man died": two people
            value, end = 1, me
            nxt = self.g.person_conjunct.match(text, end, hi)
            if nxt:
                value, end = 2, nxt.end()
            out.append(Candidate(start, me, value, "exact", "person", end, singular=True))
            covered.append((start, end))
        for ms, me in self._slice(self.all_of_starts, self.all_of, lo, hi):
            out.append(Candidate(ms, me, 0, "exact", "elided", me, anaphoric=True, copy_previous=True))
        for ms, me in self._slice(self.same_starts, self.same_number, lo, hi):
            m = _Span(ms, me)
            w = self._weapon_at(weapons, m.end(), hi)
            out.append(Candidate(m.start(), (w[1] if w else m.end()), 0, "exact", "weapon" if w else "elided",
                             (w[1] if w else m.end()), w[2] if w else None, copy_previous=True))
        out.sort(key=lambda c: c.start)
        return out

    def _struck_by_one(self, w, lo: int) -> bool:
        """One weapon that struck, in the words around it rather than a number: the genitive
        after a strike noun ("удара беспилотника"), the instrumental after a strike verb
        ("влучили ракетою"), the subject of "нанес удар" ("удар нанес беспилотник")."""
        text, before = self.text, max(lo, w[0] - 60)
        return bool(self.g.bare_singular_struck.fullmatch(text, w[0], w[1])
                    and self.g.strike_noun_before.search(text, before, w[0])
                    or self.g.bare_singular.fullmatch(text, w[0], w[1])
                    and self.g.strike_verb_before.search(text, before, w[0]))

    def _is_plural(self, w) -> bool:
        word = self.text[w[0]:w[1]]
        return bool(_PLURAL_S.search(word)) and not self.g.plural_exceptions.search( word)

    def _weapon_at(self, weapons: list, pos: int, hi: int):
        """The weapon noun starting right after pos ("the drones", "Ukrainian UAVs")."""
        i = bisect_left(self.weapon_starts, pos)
        if i >= len(weapons_all := self.weapons):
            return None
        w = weapons_all[i]
        if w[0] - pos > 45 or w[0] >= hi:
            return None
        text = self.text
        start = pos + len(m.group(0)) if (m := _LEADING_THE.match(text, pos, w[0])) else pos
        # a weapon named in quotes is still the head: "52 ворожих «Shahed»"
        end = w[0] - 1 if w[0] > start and text[w[0] - 1] in "«\"“„" else w[0]
        if self.g.gap_block.search(text, start, end) or text.count(" ", pos, w[0]) > 5:
            return None
        return None if w[3] else w

    def _model(self, lo: int, hi: int) -> str | None:
        m = self.v.weapon_model.search(self.text, lo, hi)
        return self.text[m.start():m.end()] if m else None

    def _head(self, n: NumberMention, lo: int, hi: int, weapons: list) -> Candidate | None:
        text, v = self.text, self.v
        c = Candidate(n.start, n.end, n.value, "", "elided", n.end, number=n)
        if self.g.anaphora.match(text, n.end, hi):
            c.anaphoric = True
            c.np_end = self.g.anaphora.match(text, n.end, hi).end()
            return c
        w = self._weapon_at(weapons, n.end, hi)
        if w is None and self.g.anaphora_before.search(text, max(lo, n.start - 24), n.start):
            c.anaphoric = True  # "з них сімнадцять збили": the group is named before the figure
            return c
        if w is not None:
            c.head, c.weapon, c.np_end, c.model = "weapon", w[2], w[1], self._model(n.start, w[1])
            return c
        nxt = next((x for x in weapons if x[0] >= n.end), None)
        if nxt is not None and nxt[3] and nxt[0] - n.end < 40 and not self.g.gap_block.search(text[n.end:nxt[0]]):
            return None  # "two drone attacks": a modifier, not the counted thing
        pm = v.persons.match(text, _SPACES.match(text, n.end).end())
        if pm is None:
            gap = _GAP_WORDS.match(text[n.end:hi])
            if gap and not self.g.gap_block.search(gap.group(0)):
                pm2 = v.persons.match(text, n.end + gap.end())
                pm = pm2 if pm2 and pm2.group(0).lower() not in ("more", "others") else None
        if pm is not None and pm.start() - n.end < 40:
            if self.g.aside_before.search(text, max(lo, n.start - 20), n.start):
                return None  # "34 people, including two children": the two are among the 34
            c.head, c.np_end = "person", pm.end()
            return c
        if self.g.elided_next.match(text, n.end, hi) or n.end >= hi:
            return c
        return None

    # ---- measures ----------------------------------------------------------------------
    def _measure(self, c: Candidate, clause_lo: int, clause_hi: int, lo: int, hi: int, facts: list[Fact]) -> str | None:
        text = self.text
        person = c.head == "person"
        weapon = c.head == "weapon"

        def fits(name: str) -> bool:
            if name in ("lost", "production"):
                return True
            if person:
                return name in CASUALTY
            if weapon:
                return name in WEAPON_MEASURES
            return True

        def verdict(name: str) -> str | None:
            return None if name in ("lost", "production") else name

        if c.copy_previous and c.anaphoric:
            prev = next((f for f in reversed(facts) if f.measure in WEAPON_MEASURES), None)
            # "... sent 40 drones ... and all of them were destroyed"
            ms = self._slice(self.measure_starts, self.measures, c.end, clause_hi)
            for s, e, name in ms:
                if name in ("intercepted", "hit"):
                    return name
            # the verb first: "смогли сбить все из них", "shot all of them down"
            for s, e, name in reversed(self._slice(self.measure_starts, self.measures, clause_lo, c.start)):
                if name in ("intercepted", "hit") and c.start - e < 20 and not _CLAUSE_MARK.search(text, e, c.start):
                    return name
                break
            return None
        if c.superset:
            # "45 of the 62 drones were shot down": the whole is what was launched; the verb
            # after it is the part's. "Of the 62 drones that hit the region, 45 ...": a verb
            # in the whole's own clause (up to its comma) says what the whole is
            own_end = text.find(",", c.np_end, clause_hi)
            if self.g.whole_before.search(text, lo, c.start) and own_end != -1:
                for s, e, name in self._slice(self.measure_starts, self.measures, c.np_end, own_end):
                    if name in WEAPON_MEASURES:
                        return name
            return "launched"
        # a single weapon that "attacked" something struck it ("беспилотник атаковал объект"),
        # and one after a strike noun is the strike's ("в результате удара беспилотника")
        if c.singular and weapon and (self.g.singular_hit_after.match(text, c.np_end, hi)
                                      or self.g.hit_by_before.search(text[max(lo, c.start - 14):c.start].lower())
                                      or self.g.strike_noun_before.search(text, max(lo, c.start - 60), c.start)
                                      or self.g.strike_verb_before.search(text, max(lo, c.start - 60), c.start)):
            return "hit"
        # 0. right in front of it: "the interception of 121 drones", "shot down all 42 drones"
        for s, e, name in reversed(self._slice(self.measure_starts, self.measures, max(lo, c.start - 60), c.start)):
            if self.g.pre_number.fullmatch(text, e, c.start) and fits(name) and name not in CASUALTY and not person:
                return verdict(name)
            # people: the casualty verb right in front ("загинули чотири людини, поранення дістали
            # шість", "the strike killed three people")
            if person and name in CASUALTY and self.g.pre_number.fullmatch(text, e, c.start):
                return name
            break
        # 1. inside the noun phrase: "17 intercepted drones"
        for s, e, name in self._slice(self.measure_starts, self.measures, c.end, c.np_end):
            if fits(name) and name != "launched":
                return verdict(name)
        # 2. right after it: "drones were shot down", "drones launched by Russia", "was injured"
        post = self.g.post_filler.match(text, c.np_end, hi)
        at = post.end() if post else c.np_end
        aside = _PAREN_ASIDE.match(text, at, hi)  # "180 drones (mostly FPV) attacked ..."
        if aside:
            post = self.g.post_filler.match(text, aside.end(), hi)
            at = post.end() if post else aside.end()
        for s, e, name in self._slice(self.measure_starts, self.measures, at, min(hi, at + 40)):
            if s == at and fits(name):
                if c.subset and name == "launched":
                    break  # "one of four missiles used by Russia": "used" is said of the four
                if name == "launched" and not c.superset:
                    for s2, e2, name2 in self._slice(self.measure_starts, self.measures, e, clause_hi):
                        if "," in text[e:s2]:
                            break  # "Of the 46 drones launched, 31 were shot down": another clause
                        if name2 in ("intercepted", "hit") and self.g.passive_before.search(
                                text, max(e, s2 - 20), s2):
                            return name2
                if name == "hit" and c.singular is False and c.head == "weapon" and c.value > 1 and \
                        self.g.hit_verb.match(text[s:e]) and self._object_is_country(e, hi):
                    return "launched"
                return verdict(name)
            break
        if c.singular and c.head == "weapon":
            m = self.g.singular_hit_after.match(
                         text[c.np_end:hi])
            if m:
                return "hit"
            before = text[max(lo, c.start - 14):c.start].lower()
            if self.g.hit_by_before.search(before):
                return "hit"
            prev = next((f for f in reversed(facts) if f.measure in WEAPON_MEASURES), None)
            if prev is not None and self.g.conjunction_before.search(before):
                return prev.measure  # "shot down two drones over X and a drone over Y"
            return "intercepted" if self.g.singular_intercepted_after.match(text[c.np_end:hi]) \
                or self.g.singular_intercepted_before.search(text, max(lo, c.start - 50), c.start) else None
        # "36 over Bryansk, 20 over Kaluga, ... and 27 over the Black Sea": a list item counts
        # what its head counted, whatever participles the items in between carry
        if c.head == "elided" and facts and self.g.list_item_before.search(text, max(lo, c.start - 14), c.start):
            prev = next((f for f in reversed(facts) if f.measure in WEAPON_MEASURES), None)
            if prev is not None:
                return prev.measure
        # "..., of which 31 drones and 4 missiles were shot down": the verb comes after
        if self.g.subset_before.search(text, max(lo, c.start - 25), c.start):
            for s, e, name in self._slice(self.measure_starts, self.measures, c.np_end, clause_hi):
                if fits(name) and (person or name not in CASUALTY):
                    return verdict(name)
        # 2b. people past an aside: "two were killed and 14 others, including a child, were
        # injured": the verb after the aside is theirs, not the one before them
        if (person or c.head == "elided") and self.g.including_after.match(text, c.np_end, hi):
            for s, e, name in self._slice(self.measure_starts, self.measures, c.np_end, hi):
                if name in CASUALTY:
                    return name
        # 3. before it, in the same clause: "shot down 25 drones", "injuring a girl"
        back = self._slice(self.measure_starts, self.measures, clause_lo, c.start)
        if c.head == "elided" and self.g.toll_rise_before.search(text, clause_lo, c.start):
            return "killed"  # "the death toll has risen to 12"
        if c.head == "elided" and self.g.injured_rise_before.search(text, clause_lo, c.start):
            return "injured"  # "the number of injured has risen to 45"
        for s, e, name in reversed(back):
            if name in CASUALTY and c.head == "elided" and self.g.pre_number.fullmatch(text, e, c.start):
                return name  # "injured seven", "killing two"
            if fits(name) and (person or name not in CASUALTY):
                # a bare plural after the cue is its object: "attacks using drones ... 29 UAVs"
                if not person and self._object_between(e, c.start):
                    continue
                return verdict(name)
        # 4. later in the clause: "seven of the drones heading toward X were shot down";
        # for people, past an aside: "3 people, including a child, were injured"
        far = hi if person and self.g.including_after.match(text, c.np_end, hi) else clause_hi
        parts = self.g.parts_after.search(text, c.np_end, far)
        if parts is not None and not person:
            far = parts.start()  # "32 drones, out of which Ukraine shot down 23": not the 32's verb
        relative_launch = False  # "three naval drones that attacked the base": if nothing else, launched
        for s, e, name in self._slice(self.measure_starts, self.measures, c.np_end, far):
            # "launched" later on is the noun's relative clause ("12 drones that Russia
            # launched"), except in the passive: "17 missiles and 31 drones were launched"
            if fits(name) and (person or name not in CASUALTY) and (
                    name != "launched" or self.g.passive_before.search(text, max(c.np_end, s - 20), s)):
                return verdict(name)
            relative_launch = relative_launch or (name == "launched" and not person)
        if person or c.singular:
            return None
        # 5. an aside after the noun it counts: "intercepted drones—20—", "Volgograd Oblast (19)"
        if c.head == "elided":
            earlier = self._slice(self.measure_starts, self.measures, lo, clause_lo)
            for s, e, name in reversed(earlier):
                if name in WEAPON_MEASURES:
                    between = text[e:c.start]
                    if not _DIGIT.search(between) or _PAREN_NUMBER.search( between):
                        return name
                    break
        # 6. a breakdown continues the measure of the count before it (of the part, not the
        # whole: "72 out of 99 missiles, including all 10 Kinzhals" were shot down)
        prev = next((f for f in reversed(facts) if f.measure in WEAPON_MEASURES and not f.whole), None)
        if prev is not None:
            return prev.measure
        # 7. a line of a list under a heading that ends in a colon: "drones struck:\n- 2 Shaheds;\n- 11 FPVs",
        # "destroyed 21 UAVs:\n7 – over the Smolensk region"
        heading = self._list_heading(lo) if c.head in ("weapon", "elided") else None
        if heading is not None:
            for s, e, name in reversed(self._slice(self.measure_starts, self.measures, heading[0], heading[1])):
                if name in WEAPON_MEASURES:
                    return name
        if c.superset or relative_launch:
            return "launched"
        return None

    def _could_measure(self, lo: int, hi: int, counts: list[Candidate]) -> bool:
        """Can any count of this sentence get a measure (see _measure)? Not without a verb
        of its own, unless it is a single weapon ("a drone attacked"), the whole of a part
        ("62" of "45 of the 62"), or a bulleted line under a heading with the verb."""
        return (self._has_measure(lo, hi) or any(c.superset or c.singular for c in counts)
                or _LIST_ITEM.match(self.text, lo) is not None)

    def _list_heading(self, lo: int) -> tuple[int, int] | None:
        """The sentence a bulleted line hangs from: the nearest earlier line that is not a
        bullet, if it ends in a colon."""
        if not _LIST_ITEM.match(self.text, lo):
            return None
        i = bisect_left(self.sentence_starts, lo) - 1
        while i >= 0 and lo - self.sentences[i][1] < 400:
            s, e = self.sentences[i]
            if not _LIST_ITEM.match(self.text, s):
                return (s, e) if self.text[s:e].rstrip().endswith(":") else None
            i -= 1
        return None

    def _object_between(self, pos: int, end: int) -> bool:
        for w in self._slice(self.weapon_starts, self.weapons, pos, end):
            if _DASH_GAP.fullmatch(self.text[w[1]:end]):
                continue  # "intercepted drones—20—": the figure's own noun
            before = self.text[max(pos, w[0] - 30):w[0]]
            if not self.g.counted_before.search(before):
                return True
        return False

    def _object_is_country(self, pos: int, hi: int) -> bool:
        return bool(self.g.object_country.match(self.text[pos:hi]))

    def _context_weapon(self, pos: int, lo: int, facts: list[Fact]) -> str | None:
        before = [w for w in self.weapons if lo <= w[0] < pos and w[2] != "air_target"]
        if before:
            return before[-1][2]
        prev = next((f.weapon for f in reversed(facts) if f.measure in WEAPON_MEASURES), None)
        return prev or self.topic_weapon

    def _casualty_weapon(self, weapons: list, lo: int, hi: int) -> str:
        real = [w[2] for w in weapons if w[2] != "air_target"]
        return real[0] if real else "unknown"

    # ---- places ------------------------------------------------------------------------
    def _paren_bound(self, places: list[PlaceRef]) -> dict[int, PlaceRef]:
        """"Volgograd Oblast (19)": the number in brackets belongs to the place before it."""
        out: dict[int, PlaceRef] = {}
        for p in places:
            m = _PAREN_NUMBER_AFTER.match(self.text[p.end:p.end + 12])
            if m:
                out[p.end + m.start(1)] = p
        return out

    def _group_forward(self, places: list[PlaceRef], first: int, limit: int) -> list[PlaceRef]:
        group = [places[first]]
        j = first + 1
        while j < len(places) and places[j].start < limit:
            gap = self.text[group[-1].end:places[j].start]
            if self.g.list_join.match(gap) and places[j].is_local == group[-1].is_local:
                group.append(places[j])
                j += 1
            else:
                break
        return group

    def _group_backward(self, places: list[PlaceRef], last: int) -> list[PlaceRef]:
        group = [places[last]]
        j = last - 1
        while j >= 0:
            gap = self.text[places[j].end:group[0].start]
            if self.g.list_join.match(gap) and places[j].is_local:
                group.insert(0, places[j])
                j -= 1
            else:
                break
        return group

    def _locate(self, c: Candidate, k: int, counts: list[Candidate], places: list[PlaceRef], paren: dict[int, PlaceRef],
                consumed: set[int], clause_hi: int, hard_breaks: list[int], lo: int, hi: int,
                facts: list[Fact], idx: int, claimant: ClaimantMention | None,
                local_event: bool) -> tuple[list[list[PlaceRef]], str]:
        text = self.text
        if c.start in paren:
            p = paren[c.start]
            consumed.add(p.start)
            return [[p]], "the place the figure is given for"
        stop = min([b for b in hard_breaks if b > c.np_end] or [hi])
        bound_starts = {p.start for p in paren.values()}
        # "one drone each over the Bryansk and Kursk regions": one claim per place
        each = self.g.each_after.match(text, c.np_end, hi) or self.g.each_word.search(text[c.start:c.np_end]) \
            or self.g.each_before.search(text[max(lo, c.start - 40):c.start])
        named = self.g.each_of_named.match(text, c.np_end, hi)
        if named:
            # "a drone in each of the settlements of Blizhneye and Solomino": places the gazetteer
            # may not know; their region is the one of the sentence or of the official speaking
            region = ([p for p in places if p.start >= named.end() and p.admin1][:1]
                      or ([region_ref(claimant.region)] if claimant is not None and claimant.region else []))
            out = []
            for nm in re.finditer(r"[A-ZА-ЯЁІЇЄ][\w'’-]+(?:\s+[A-ZА-ЯЁІЇЄ][\w'’-]+)?", named.group("names")):
                base = region[0] if region and region[0] is not None else None
                out.append([PlaceRef(named.start("names") + nm.start(), named.start("names") + nm.end(), nm.group(0),
                                     "city", list(base.admin1) if base else [], base.country if base else None,
                                     nm.group(0), None, None, None)])
            if out:
                return out, "each of the settlements named"
        if each:
            nxt = next((o.start for o in counts[k + 1:] if o.start > c.np_end), stop)
            targets = [p for p in places if c.np_end <= p.start < min(stop, nxt) and p.kind != "country"]
            if not targets:
                # "Tula Oblast and Oryol Oblast each saw four"
                before = [i for i, p in enumerate(places) if p.end <= c.start and p.is_local]
                if before:
                    targets = self._group_backward(places, before[-1])
            if targets:
                for p in targets:
                    consumed.add(p.start)
                return [[p] for p in targets], "each of the places named"
        # naval drones are met at sea: a sea the sentence names is theirs ("attacked a ship
        # with six unmanned boats ... in the south-eastern Black Sea")
        if c.weapon == "naval_drone":
            sea = next((p for p in places if p.kind == "sea" and p.start not in consumed), None)
            if sea is not None:
                return [[sea]], "the sea the sentence names"
        # forward, within the clause, up to the next count that is not coordinated with this one
        limit = min(clause_hi, stop)
        # "two Geran-2s, one FPV drone and three UAVs against Kharkiv region": a list of the
        # same kind of thing, whose place after the last item is every item's
        chain_end, listed, last = c.np_end, False, c.np_end
        for o in counts[k + 1:]:
            if o.start <= last:
                continue
            gap = text[last:o.start]
            if self.g.coordination.fullmatch(gap):
                if o.head == c.head and chain_end == last:
                    listed = listed or _LIST_AND.search(gap) is not None
                    chain_end = o.np_end
                last = max(last, o.np_end)
                continue
            limit = min(limit, o.start)
            break
        comma = text.find(",", chain_end if listed else c.np_end, limit)
        if comma != -1 and not self.g.relative_comma.match(text, comma):
            limit = comma  # a relative clause goes on describing them: "25 дронів, якими був атакований Київ"
        for i, p in enumerate(places):
            if p.start < c.np_end or p.start >= limit:
                continue
            if p.start in bound_starts:
                break
            if p.kind == "country" and (not self.g.locative.search(text, max(lo, p.start - 40), p.start)
                                        or self.g.possessive_after.match(text[p.end:p.end + 3])
                                        or self.g.possessive_end.search(p.text)):
                continue
            group = self._group_forward(places, i, min(clause_hi, stop))
            region = opening_region(places)
            if region is not None and region.start < c.start and all(is_foreign_namesake(g, region) for g in group):
                return [[region]], "the region named before a namesake village"
            for g in group:
                consumed.add(g.start)
            return [group], "named after the figure"
        # past a comma, a list that a plural region word opens: "72 drones, most of them in
        # regions such as Poltava, Sumy and Kharkiv" / "у таких областях, як Полтавська, ..."
        far = min([stop] + [o.start for o in counts[k + 1:] if o.start > c.np_end])
        opener = self.g.region_list_opener.search(text, c.np_end, far)
        if opener is not None:
            i = next((i for i, p in enumerate(places) if opener.end() <= p.start < far), None)
            if i is not None and places[i].start not in bound_starts:
                group = self._group_forward(places, i, far)
                for g in group:
                    consumed.add(g.start)
                return [group], "the regions listed after the figure"
        # backward, in the sentence: "Kursk Oblast took the most, with 12 drones downed"
        floor = max([b for b in hard_breaks if b < c.start] or [lo])
        before = [i for i, p in enumerate(places)
                  if floor <= p.start and p.end <= c.start and p.is_local
                  and (p.start not in consumed or local_event)  # "3 bombs at X, injuring five": X too
                  and p.start not in bound_starts]
        if before:
            return [self._group_backward(places, before[-1])], "named before the figure"
        # "над Украиной сбиты 45 из 60 беспилотников": the airspace of a country named before
        # the figures shot down in it
        country = [p for p in places if floor <= p.start and p.end <= c.start and p.kind == "country"
                   and self._has_intercept(lo, hi)
                   and self.g.locative.search(text, max(lo, p.start - 40), p.start)
                   and not self.g.possessive_after.match(text[p.end:p.end + 3])  # "in Russia's attack"
                   and not self.g.possessive_end.search(p.text)]
        if country:
            return [[country[-1]]], "the country named before the figure"
        # a casualty or a strike: a place further on in the sentence, past a clause break
        # ("Three people were killed when a drone hit a block of flats in Odesa")
        if local_event and not c.anaphoric:
            after = [i for i, p in enumerate(places) if p.start >= c.np_end and p.is_local
                     and p.start not in consumed and p.start not in bound_starts]
            if after:
                return [self._group_forward(places, after[0], hi)], "named later in the sentence"
            # "Атака ВСУ на Белгородскую область: погибли 2 человека": past the colon
            earlier = [i for i, p in enumerate(places) if p.end <= floor and p.is_local
                       and p.start not in bound_starts]
            if earlier:
                return [self._group_backward(places, earlier[-1])], "named earlier in the sentence"
        # the antecedent's place: "Six of them were shot down"
        if c.anaphoric or c.copy_previous:
            prev = facts[-1] if facts else (self.facts[-1] if self.facts else None)
            if prev is not None and prev.places:
                return [prev.places], "the place of the group it refers to"
            scene = self._scene(idx, 1)
            if scene is not None:
                return [[scene]], "the place of the previous sentence"
        # "... 12 drones at Ryazan; 10 were shot down": a bare figure counts the group just named
        if c.head == "elided" and facts and facts[-1].places:
            return [facts[-1].places], "the place of the group it refers to"
        # the region of the official who reports it: a governor speaks for his region
        if claimant is not None and claimant.region and claimant.role == "official":
            ref = region_ref(claimant.region)
            if ref is not None:
                return [[ref]], "the region of the official who reported it"
        # a casualty or a single strike with no place: the scene the article just described;
        # a salvo too, when the sentence names no country and the scene fits who attacked
        # (not when a national command gives the figure: the Air Force's tally is the country's)
        national = claimant is not None and claimant.role in ("military", "government") and not claimant.region \
            and not claimant.generic
        if not local_event and not national and not any(p.kind == "country" for p in places):
            scene = self._scene(idx, 2)
            if scene is not None and scene.country and not self._names_side(lo, hi, scene.country):
                return [[scene]], "the place the article was describing"
        if local_event:
            scene = self._scene(idx, 3)
            if scene is not None:
                return [[scene]], "the place the article was describing"
            # a strike on a village the gazetteer does not know, reported by the governor
            # the article quotes further on: his region
            region = self._quoted_officials_region()
            if region is not None:
                return [[region]], "the region of the official the article quotes"
        return [[]], ""

    def _quoted_officials_region(self) -> PlaceRef | None:
        """The region of the first regional official the article quotes (read once, and
        only for a casualty or strike that nothing else places)."""
        if self._officials_region is _UNREAD:
            self._officials_region = None
            for idx, (lo, hi) in enumerate(self.sentences):
                official = next((c for c in find_claimants(self.text, lo, hi, self._places_of(idx), self.v)
                                 if c.role == "official" and c.region), None)
                if official is not None:
                    self._officials_region = region_ref(official.region)
                    break
        return self._officials_region

    def _in_officials_region(self, p: PlaceRef, region: str) -> PlaceRef:
        """A village a governor names is in his region, even when a bigger town elsewhere
        shares its name ("the village of Murom" in a Belgorod governor's post)."""
        if p.kind != "city" or not p.admin1 or p.admin1[0] == region or p.country != region[:2]:
            return p
        home = region_ref(p.admin1[0])
        if home is not None and p.place and home.text.lower().startswith(p.place.lower()[:5]):
            return p  # a regional capital ("Kursk"): he is talking about another region
        return PlaceRef(p.start, p.end, p.text, "city", [region], p.country, p.place, None, None, None)

    def _names_side(self, lo: int, hi: int, country: str) -> bool:
        """Does the sentence name the side whose territory `country` is as the attacker
        ("Ukrainian drones" cannot have struck Ukraine)?"""
        attacker = "UA" if country == "UA" else "RU"
        for s, pattern in self.v.side_words:
            if s == attacker and pattern.search(self.text, lo, hi):
                return True
        return False

    # ---- claimants and attackers -------------------------------------------------------
    def _nearest_claimant(self, claimants: list[ClaimantMention], pos: int) -> ClaimantMention | None:
        speakers = [c for c in claimants if c.speaker]
        if not speakers:
            return None
        return min(speakers, key=lambda c: abs(c.start - pos))

    def _sentence_claimant(self, claimants: list[ClaimantMention], sentence: str) -> ClaimantMention | None:
        pron = self.v.pronoun_claimant.search(sentence)
        if pron and self.v.speech.search(sentence, pron.end(), pron.end() + 30):
            return self.current_claimant
        named = [c for c in claimants if not c.generic]
        return named[0] if named else (claimants[0] if claimants else None)

    def _attacker(self, f: Fact, lo: int, hi: int) -> str | None:
        text = self.text
        end = max(f.end, f.np_end)
        side = None
        for s, pattern in self.v.side_words:
            if pattern.search(text, f.start, end):
                side = s
                break
        if side is None and self.v.enemy.search(text, f.start, end):
            # "the enemy's drones": the other side of whoever speaks, or of whoever writes
            # this language's enemy words when nobody is named
            speaker = f.claimant.side if f.claimant is not None else self.v.raw.get("unnamed_speaker_side")
            side = other_side(speaker)
        if side is None:
            m = self._sentence_attack.get((lo, hi), False)
            if m is False:  # one look per sentence, whatever the number of its figures
                m = self._sentence_attack[(lo, hi)] = (
                    self.g.subject_attack.search(text, lo, hi) or self.g.by_side.search(text, lo, hi)
                    or self.g.attack_adjective.search(text, lo, hi))
            if m:
                word = m.group("side").lower()
                if "enemy" in word:
                    side = other_side(f.claimant.side if f.claimant else self.v.raw.get("unnamed_speaker_side"))
                else:
                    side = "UA" if self.g.ua_side_word.search(word) else "RU"
        if side is None and f.measure == "intercepted" and self._worth("interceptor", self.low):
            # "the ministry said Russian air defences downed 4 rockets": whose air defences
            shooter = None
            for shooter in self.g.interceptor.finditer(text, lo, f.start):
                pass
            if shooter is not None:
                side = other_side("UA" if self.g.ua_side_word.search(shooter.group("side").lower()) else "RU")
        if side is None and f.places:
            countries = {p.country for p in f.places if p.country}
            codes = {a for p in f.places for a in p.admin1}
            if countries == {"RU"}:
                side = "UA"
            elif countries == {"UA"} and not codes & CONTESTED:
                side = "RU"
        if side is None and f.claimant is not None and f.claimant.side:
            side = other_side(f.claimant.side)
        return side

    # ---- from facts to claims ----------------------------------------------------------
    def _claims(self) -> list[Claim]:
        doc = self.doc
        facts = self.facts
        model = self.model
        if not facts and (model is None or not self.dropped) and self.trace is None:
            return self._target_claims()
        if any(f.claimant is None for f in facts + self.dropped):
            self.pending = sorted(self.older + self.pending)
            self._flush_pending(everything=True)
            if self.first_claimant is None:
                self.first_claimant = outlet_claimant(doc, self.v)
        if self.doc.published is None and self.first_time is None and any(f.time is None for f in facts):
            # no publication date and no date beside a figure: the first date the article gives
            self.first_time = next((t for i in range(len(self.sentences)) if (t := self._time_of(i)) and t.start), None)
        for f in facts + self.dropped:
            if f.claimant is None:
                f.claimant = self.first_claimant
            if f.time is None and self.first_time is not None:
                f.time = self.first_time  # no publication date: a headline's figures are of the date the story gives
        facts = decide(self, facts, self.dropped, model, self.trace)
        return claims_from_facts(facts, doc, self.sentences, self.v)

    def _target_speaker(self, idx: int, lo: int, hi: int) -> ClaimantMention | None:
        """Who reports a target struck: a speaker in its own sentence ("..., Ukraine's
        General Staff said"), else the article's first, else its outlet's own channel."""
        speakers = [c for c in find_claimants(self.text, lo, hi, self._places_of(idx), self.v)
                    if c.speaker and c.side]
        if speakers:
            return speakers[0]
        if self.first_claimant is None:
            self.first_claimant = outlet_claimant(self.doc, self.v)
        return self.first_claimant

    def _target_claims(self) -> list[Claim]:
        """An article that gives no figure but names a target a weapon struck ("a drone
        attack set the Novoshakhtinsk refinery on fire"): a claim with no counts for each
        target named beside a weapon, so that what was hit is on record (a target only
        described joins one named near it: facts.join_target)."""
        starts = [lo for lo, _ in self.sentences]
        # a target needs a sentence that says something was struck, with a weapon in it or the
        # next: without one, no target is looked for (the article-wide search costs)
        armed = {bisect_left(starts, w[0] + 1) - 1 for w in self.weapons if w[2] != "air_target"}
        if not any((i in armed or i + 1 in armed) and self.g.target_struck.search(self.text, lo, hi)
                   for i, (lo, hi) in enumerate(self.sentences)):
            return []
        out: list[Claim] = []
        named: list[FacilityMention] = []
        placed: list[tuple[int, Location]] = []
        for fm in targets_in_order(self.text, self.sentences, self.v):
            idx = max(0, bisect_left(starts, fm.start + 1) - 1)
            lo, hi = self.sentences[idx]
            if not any(fm.same_target(o) for o in named) and join_target(placed, idx, fm):
                named.append(fm)
                continue
            # the weapon in its sentence or the next ("a fire at the Afipsky refinery. The
            # cause: a drone")
            near = self._slice(self.weapon_starts, self.weapons, lo, self.sentences[min(idx + 1, len(starts) - 1)][1])
            weapon = next((w[2] for w in near if w[2] != "air_target"), None)
            if weapon is None or not self.g.target_struck.search(self.text, lo, hi) \
                    or any(fm.same_target(o) for o in named):
                continue
            named.append(fm)
            f = Fact("hit", 0, "", weapon, None, idx, fm.start, fm.end,
                     [p for p in self._places_of(idx) if p.is_local][:1])
            loc = location_of(f)
            place_facility(loc, fm)
            cm = self._target_speaker(idx, lo, hi)
            # "Ukrainian drones attacked the oil depot": the sentence names who attacked
            # (not the target's own words: "a Russian ammunition depot" is whose it is)
            attacker = self._attacker(replace(f, claimant=cm, start=lo, end=lo, np_end=lo), lo, hi)
            side = cm.side if cm is not None and cm.side else (
                other_side(attacker) if attacker else
                None if set(loc.admin1) & HELD_BY_RUSSIA else infer_side(f, loc))
            claim = Claim(doc_id=self.doc.id, weapon=weapon, weapon_model=None, attacker=attacker or other_side(side),
                          location=loc, when=self.first_time or default_time(self.doc.published),
                          claimant=Claimant(cm.name if cm else None, side, cm.role if cm else None),
                          evidence=[Evidence(lo, hi)])
            claim.assign_id()
            out.append(claim)
            placed.append((idx, loc))
        return out
