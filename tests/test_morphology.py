"""Inflected Russian and Ukrainian forms: the case forms the pymorphy3 dictionaries give
for place names (shipped in the gazetteer) and numerals (shipped in
extract/vocab/number_forms.json), and the statistical fallback of language
identification. Every sentence is written for these tests."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import dronewatch
from dronewatch.extract.language import detect_language
from dronewatch.geo import get_gazetteer

ROOT = Path(__file__).resolve().parents[1]


def places(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.place and m.place.name) for m in get_gazetteer().find(text)]


@pytest.mark.parametrize("text, span, name", [
    # fleeting vowels and alternations the one-ending stemmer cannot undo
    ("Беспилотник сбит под Орлом.", "Орлом", "Oryol"),
    ("В Орле объявлена опасность атаки.", "Орле", "Oryol"),
    ("У Кременчуці пролунали вибухи.", "Кременчуці", "Kremenchuk"),
    # stems of three letters or less are not trusted by the lookup; the dictionary form is
    ("В Уфе перекрыты две улицы.", "Уфе", "Ufa"),
    ("В Ельце повреждена подстанция.", "Ельце", "Yelets"),
    ("В Череповце горит склад.", "Череповце", "Cherepovets"),
    # both words of a two-word name in the same case
    ("У Горішніх Плавнях пошкоджено будинок.", "Горішніх Плавнях", "Horishni Plavni"),
])
def test_case_forms_of_place_names(text, span, name):
    assert (span, name) in places(text)


def test_a_case_form_never_takes_a_word():
    # "Над" is a preposition, not the town Nadym; "Уфо" is no case form worth a place
    assert places("Над Курской областью сбит беспилотник.") == [("Курской областью", "Kursk Oblast")]


@pytest.mark.parametrize("text, lang, value", [
    ("Над Курской областью уничтожены оба беспилотника.", "ru", 2),
    ("Над Брянской областью перехвачены двести восемьдесят пять беспилотников.", "ru", 285),
    ("Над Київщиною збито обидва ворожі дрони.", "uk", 2),
])
def test_declined_numerals_are_counts(text, lang, value):
    assert detect_language(text) == lang
    assert [c.intercepted.value for c in dronewatch.extract(text, published="2025-05-05")] == [value]


def test_number_forms_are_what_the_dictionaries_give():
    """The shipped file equals a fresh build: nobody edits it by hand, and a dictionary
    upgrade that changes it shows up here."""
    if importlib.util.find_spec("pymorphy3") is None:
        pytest.skip("pymorphy3 is not installed (pip install -e '.[gazetteer]')")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_number_words
    finally:
        sys.path.pop(0)
    shipped = json.loads((ROOT / "src/dronewatch/extract/vocab/number_forms.json").read_text("utf-8"))
    assert build_number_words.build() == shipped
    # everyday words that are also numeral forms stay out
    assert "семью" not in shipped["ru"] and "одни" not in shipped["ru"]
    assert shipped["ru"]["двухсот"] == 200 and shipped["uk"]["трьомастами"] == 300


def test_letters_decide_clear_texts_without_the_statistical_model():
    assert detect_language("Дежурными средствами ПВО сбиты три беспилотника.") == "ru"
    assert detect_language("Сили ППО збили чотири ворожі дрони над Київщиною.") == "uk"
    assert detect_language("Air defences downed three drones overnight.") == "en"


def test_the_statistical_model_decides_when_letters_do_not():
    if importlib.util.find_spec("lingua") is None:
        pytest.skip("lingua-language-detector is not installed (pip install -e '.[lingua]')")
    # none of і ї є ґ ы э ъ ё: the letters alone would say Russian
    assert detect_language("Ворог атакував Суми вдень ударними дронами") == "uk"
    assert detect_language("Противник атаковал Суммы ударными дронами") == "ru"


def test_everyday_words_decide_short_posts_without_the_statistical_model():
    # no і ї є ґ and at most one ы э ъ ё: the letters cannot tell; "и", "та" can, and the
    # statistical models (~100 MB per worker) are not loaded for it
    from dronewatch.extract import language

    language._lingua.cache_clear()
    assert detect_language("Сбиты пять беспилотников над Курском и Орлом") == "ru"
    assert detect_language("Над Сумами збито два дрони та ракету") == "uk"
    assert detect_language("Дрон атакував Харків з пiвночi") == "uk"  # Latin i: not a letter that counts
    assert language._lingua.cache_info().currsize == 0


@pytest.mark.parametrize("text, region", [
    ("Унаслідок удару по Сумах загинули дві людини.", "UA-59"),
    ("Ворог атакував Суми дронами, загинула одна людина.", "UA-59"),
    ("Над Тулой сбиты три беспилотника.", "RU-TUL"),
    ("В Сочи сбиты три беспилотника.", "RU-KDA"),
])
def test_large_cities_whose_names_stem_short_are_places(text, region):
    # "Суми", "Тула", "Сочи": keys cut to three letters, once all dropped with "Надым" -> "над"
    assert [c.location.admin1 for c in dronewatch.extract(text, published="2025-05-05")] == [[region]]
