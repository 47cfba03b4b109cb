"""The extractor's faster forms of its patterns match exactly what the plain forms match
(random texts and alternations, fixed seeds): a speed-up must never change a claim."""

from __future__ import annotations

import random
import re

from dronewatch.extract import language
from dronewatch.extract.assemble import _token_before
from dronewatch.extract.vocab import Folded, grouped, literal_alternation, load_vocabulary, scanning
from dronewatch.geo.vocab import LIST_OPENER, LIST_OPENER_ENDINGS


def _spans(pattern: re.Pattern[str], text: str) -> list:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_literal_alternation_matches_as_the_plain_alternation():
    rnd = random.Random(1)
    for _ in range(2000):
        words = sorted({"".join(rnd.choice("ab-") for _ in range(rnd.randint(1, 4)))
                        for _ in range(rnd.randint(1, 8))}, key=len, reverse=True)
        if rnd.random() < 0.3:
            rnd.shuffle(words)  # a word before a longer one it begins: no grouping there
        tail = rnd.choice(["", "(?!a)", "b", "(?:-a)*(?![ab])"])
        plain = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + ")" + tail)
        tree = re.compile(r"(?<![\w-])(?:" + literal_alternation(words) + ")" + tail)
        for _ in range(10):
            text = "".join(rnd.choice("ab- ") for _ in range(rnd.randint(0, 12)))
            assert _spans(plain, text) == _spans(tree, text), (words, tail, text)


def test_grouped_alternation_matches_as_written():
    rnd = random.Random(2)
    atoms = ["a", "b", "ab", "a?", "b+", "[ab]", "(?:a|b)", r"\s", " ", "(?<=a)b", "(?<!b)a", "a*", "",
             "(?:ab)?", r"\w", "(a)", "[^a]", "c", "ac", "(?=b)", "$", r"\b", "[]a]", r"\|"]
    for _ in range(3000):
        alternatives = ["".join(rnd.choice(atoms) for _ in range(rnd.randint(0, 3)))
                        for _ in range(rnd.randint(1, 7))]
        tail = rnd.choice(["", "b", "(?!a)", "c?", "$"])
        plain = "|".join(alternatives)
        try:
            written = re.compile(f"(?:{plain}){tail}")
        except re.error:
            continue
        faster = re.compile(f"(?:{grouped(plain)}){tail}")
        for _ in range(10):
            text = "".join(rnd.choice("abc |]") for _ in range(rnd.randint(0, 8)))
            assert _spans(written, text) == _spans(faster, text), (plain, tail, text)


def test_grouping_leaves_capturing_groups_and_inline_flags_alone():
    assert grouped("b(c)|z|b(e)") == "b(c)|z|b(e)"  # the groups' numbers stay
    assert grouped("(?i:ab)|ac") == "(?i:ab)|ac"
    assert grouped("shot|shoot|downed") == "s(?:h(?:o(?:t|ot)))|downed"


def test_token_before_is_the_search_it_replaces():
    rnd = random.Random(3)
    search = re.compile(r"([\w'’/.-]+)\s+$")
    for _ in range(20000):
        text = "".join(rnd.choice("ab'’/.-_1 \n\t,\u00a0é") for _ in range(rnd.randint(0, 14)))
        hi = rnd.randint(0, len(text))
        lo = rnd.randint(0, hi)
        m = search.search(text, lo, hi)
        assert _token_before(text, lo, hi) == (None if m is None else (m.start(1), m.group(1)))


def test_list_opener_endings_are_necessary():
    rnd = random.Random(4)
    pieces = ["as", "such", "including", "namely", "of", "як", "как", "а", "именно", "саме", ":", "—", "–",
              "-", " ", "\n", ",", "x", "regions", "областях", "\u00a0", "ofx"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(rnd.randint(0, 8)))
        if LIST_OPENER.search(text):
            assert text.rstrip().endswith(LIST_OPENER_ENDINGS), text


def test_letter_counts_in_bytes_equal_the_regex_counts():
    patterns = [re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]"), re.compile(r"[a-zA-Z]"), re.compile(r"[іїєґІЇЄҐ]"),
                re.compile(r"[ыэъёЫЭЪЁ]")]
    chars = "".join(chr(i) for i in range(0x10000) if not 0xD800 <= i < 0xE000)
    for i in range(0, len(chars), 4000):
        sample = chars[i:i + 4000]
        cp1251 = sample.encode("cp1251", "ignore")
        counts = (len(cp1251.translate(None, language._NOT_CYRILLIC_BYTES)),
                  len(sample.encode("ascii", "ignore").translate(None, language._NOT_LATIN_BYTES)),
                  sum(map(cp1251.count, language._UK_BYTES)), sum(map(cp1251.count, language._RU_BYTES)))
        assert counts == tuple(len(p.findall(sample)) for p in patterns)


def test_a_scanning_lookahead_matches_as_the_plain_pattern():
    # the lookahead lists the first letters a match can begin with: it must admit every match
    rnd = random.Random(4)
    atoms = ["a", "b", "ab", "a?", "b+", "[ab]", "(?:a|b)", r"\s", " ", "a*", "(?:ab)?", "(?:a|bb)+",
             r"\w+", "c", "(a)", "(?:a\\s+)?", "b{0,2}", "(?!a)", "[- ]", "ba"]
    changed = 0
    for _ in range(3000):
        alternatives = ["".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 4)))
                        for _ in range(rnd.randint(1, 5))]
        head = rnd.choice(["", r"(?<!\w)", r"(?<![\w-])"])
        pattern = f"{head}(?:{'|'.join(alternatives)})" + rnd.choice(["", r"(?!\w)", "c"])
        try:
            plain = re.compile(pattern)
        except re.error:
            continue
        for lead in (scanning(pattern), scanning(pattern, alternatives)):
            changed += lead != pattern
            faster = re.compile(lead)
            for _ in range(8):
                text = "".join(rnd.choice("abc -\n") for _ in range(rnd.randint(0, 12)))
                assert _spans(plain, text) == _spans(faster, text), (pattern, lead, text)
    assert changed > 1000  # most random patterns did get a lookahead


def test_the_whole_document_scans_of_the_vocabularies_match_as_their_plain_patterns():
    from dronewatch.extract.facilities import _patterns
    texts = {
        "en": "Russia launched 45 Shahed drones and 3 Kh-101 cruise missiles overnight; air defences shot "
              "down 40 over Kyiv Oblast. A machine-building plant, an oil refinery and the Port of Izmail "
              "were hit, a thermal power plant caught fire and a warehouse was damaged, officials said.",
        "ru": "Дежурными средствами ПВО перехвачены и уничтожены 12 беспилотных летательных аппаратов над "
              "Брянской областью; атакован Ильский НПЗ, повреждены нефтебаза в Туапсе и аэропорт Сочи.",
        "uk": "Уночі ворог атакував 30 ударними БпЛА типу Shahed, збито 25; уражено нафтобазу у Львові, "
              "аеропорт Одеси та підстанцію. Транспорт Києва працює.",
    }
    for lang, text in texts.items():
        v = load_vocabulary(lang)
        for folded in (v.weapon, v.measure, _patterns(v).kind_word):
            assert folded.pattern.pattern.count("(?=") > 0  # it got its lookahead
            plain = re.compile(re.sub(r"^((?:\(\?<[!=][^)]*\))*)\(\?=(?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)",
                                      r"\1", folded.pattern.pattern, count=1))
            low = text.lower()
            assert [m.span() for m in folded.finditer(text)] == [m.span() for m in plain.finditer(low)]
            assert [m.span() for m in folded.finditer(text)], (lang, folded.pattern.pattern[:60])


def test_a_folded_scan_finds_what_the_plain_folded_pattern_finds():
    words = r"(?:\w++[-\s]building\s+|aviation\s+)?(?:plant|factory)|oil\s+refiner(?:y|ies)|(?:sea\s*)?port"
    text = "The Kazan machine-building Plant, a sea port, an aviation factory and the Seaport; oil  refineries."
    plain = Folded(rf"(?<!\w)(?:{words})(?!\w)")
    for scan in (True, [r"(?:\w++[-\s]building\s+|aviation\s+)?(?:plant|factory)", r"oil\s+refiner(?:y|ies)",
                       r"(?:sea\s*)?port"]):
        fast = Folded(rf"(?<!\w)(?:{words})(?!\w)", scan=scan)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(plain.finditer(text))) == 5
