"""Build src/dronewatch/extract/vocab/number_forms.json: Russian and Ukrainian number
words in every case and gender, from the pymorphy3 dictionaries.

    pip install -e '.[gazetteer]'       # pymorphy3 with its ru and uk dictionaries
    python tools/build_number_words.py

A number word is declined in full: "двух", "двумя", "двухсот", "трьомастами",
"обоих". The vocabularies (extract/vocab/ru.json, uk.json) keep the hand-written
words, which win over these; this file adds every form the dictionary knows of the
numerals below, so the extractor never needs the morphology at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymorphy3

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dronewatch" / "extract" / "vocab" / "number_forms.json"

_UNITS = {
    "ru": "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
          "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать "
          "девятнадцать".split(),
    "uk": "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять "
          "тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять "
          "дев'ятнадцять".split(),
}
_TENS = {
    "ru": "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split(),
    "uk": "двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто".split(),
}
_HUNDREDS = {
    "ru": "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот".split(),
    "uk": "сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот".split(),
}
# collective numerals: "двое погибших", "троє поранених"; "оба" / "обидва" are two
_COLLECTIVE = {
    "ru": {"оба": 2, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6,
           "семеро": 7, "восьмеро": 8, "девятеро": 9, "десятеро": 10},
    "uk": {"обидва": 2, "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5, "шестеро": 6,
           "семеро": 7, "восьмеро": 8, "дев'ятеро": 9, "десятеро": 10},
}
# Forms that are also everyday words: "семью" (family), "одни"/"одні" (alone, some),
# "одно", "сьома" (seventh); reading them as numbers would invent figures.
_NOT_NUMBERS = {"семью", "одни", "одних", "одними", "одно", "одні", "одних", "одними",
                "однім", "сьома", "одною", "однією"}


def _forms(morph: pymorphy3.MorphAnalyzer, word: str) -> set[str]:
    parses = [p for p in morph.parse(word) if p.normal_form == word.replace("'", "’")
              or p.normal_form == word or p.tag.POS == "NUMR"]
    out = {word}
    if parses:
        out |= {f.word for f in parses[0].lexeme}
    return out


def build() -> dict[str, dict[str, int]]:
    data: dict[str, dict[str, int]] = {}
    for lang in ("ru", "uk"):
        morph = pymorphy3.MorphAnalyzer(lang=lang)
        values = {w: i + 1 for i, w in enumerate(_UNITS[lang])}
        values |= {w: 10 * (i + 2) for i, w in enumerate(_TENS[lang])}
        values |= {w: 100 * (i + 1) for i, w in enumerate(_HUNDREDS[lang])}
        values |= _COLLECTIVE[lang]
        words: dict[str, int] = {}
        for base, value in values.items():
            for form in _forms(morph, base):
                if form in _NOT_NUMBERS or words.get(form, value) != value:
                    continue
                words[form] = value
                if "ё" in form:  # written both ways: "трёхсот", "трехсот"
                    words[form.replace("ё", "е")] = value
                if "'" in form or "’" in form:  # all three apostrophes occur in Ukrainian text
                    for a in "'’ʼ":
                        words[form.replace("'", a).replace("’", a)] = value
        data[lang] = dict(sorted(words.items()))
    return data


def main() -> None:
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: " + ", ".join(f"{k} {len(v)} words" for k, v in data.items()))


if __name__ == "__main__":
    main()
