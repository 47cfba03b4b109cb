"""Named targets with their kind, in English, Russian and Ukrainian (extract/facilities.py),
and airfields placed by their record (geo/airfields.py). Sentences written for these tests."""

from __future__ import annotations

import pytest

import dronewatch
from dronewatch.extract.facilities import find_facilities
from dronewatch.extract.translit import romanize
from dronewatch.extract.vocab import load_vocabulary
from dronewatch.geo.airfields import find_airfield


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Drones struck the Saratov oil refinery before dawn.", [("Saratov oil refinery", "refinery")]),
    ("en", "A fire broke out at an oil depot in Stary Oskol.", [("oil depot in Stary Oskol", "oil_depot")]),
    ("en", "Drone Causes Fire At Oil Refinery Near Tuapse", []),  # a headline's words are no name
    ("en", "Russia refinery hit by drones", []),
    # a warehouse facility is one, not a warehouse and a word after it
    ("en", "In the town a warehouse facility was damaged.", [("warehouse facility", "facility")]),
    ("en", "Drones hit an electronics facility.", [("electronics facility", "facility")]),
    ("ru", "Беспилотник упал на территорию Саратовского НПЗ.", [("Saratov oil refinery (Саратовский НПЗ)", "refinery")]),
    ("ru", "Атакована газокомпрессорная станция «Северная».", [("pumping station «Severnaya» (газокомпрессорная станция «Северная»)", "pumping_station")]),
    ("ru", "Загорелась нефтебаза в поселке Кавказ.", [("oil depot in Kavkaz (нефтебаза в поселке Кавказ)", "oil_depot")]),
    ("uk", "Дрони атакували Новокуйбишевський НПЗ.", [("Novokuybyshevsk oil refinery (Новокуйбишевський НПЗ)", "refinery")]),
    ("uk", "Уражено підстанцію у місті Суми.", [("substation in Sumy (підстанція у місті Суми)", "substation")]),
    # a kind word inside another word names no target: the "порт" of "транспорт" is no port
    ("uk", "Уночі дрони пошкодили транспорт Харкова та аеропорт Одеси.",
     [("airfield of Odesa (аеропорт Одеси)", "airfield")]),
    ("ru", "Обломки упали на транспорт Белгорода и нефтебазу в Туапсе.",
     [("oil depot in Tuapse (нефтебаза в Туапсе)", "oil_depot")]),
])
def test_named_targets_and_their_kind(lang, text, expected):
    # a target in a Russian or Ukrainian report has its English name first, its own after it:
    # the town an adjective is made from by the gazetteer's name, other names romanised
    got = [(f.name, f.kind) for f in find_facilities(text, load_vocabulary(lang))]
    assert got == expected


def test_two_refineries_are_two_targets_and_a_repeat_is_one():
    text = ("Drones hit the Ryazan oil refinery overnight, injuring two workers, the governor said. "
            "Another drone hit the Saratov oil refinery, injuring one person. "
            "The Ryazan oil refinery stopped work, officials said.")
    claims = dronewatch.extract(text, published="2025-03-14")
    named = sorted(c.location.facility for c in claims if c.location.facility)
    assert named == ["Ryazan oil refinery", "Saratov oil refinery"]
    assert {c.location.facility_type for c in claims if c.location.facility} == {"refinery"}


def test_an_airfield_gets_its_record_coordinates():
    claims = dronewatch.extract("Ukrainian drones attacked the Engels airbase overnight; two drones hit it, "
                                "the Saratov governor said.", published="2025-01-08")
    loc = next(c.location for c in claims if c.location.facility)
    assert (loc.facility, loc.facility_type, loc.precision) == ("Engels airbase", "airfield", "facility")
    assert abs(loc.lat - 51.47) < 0.05 and abs(loc.lon - 46.2) < 0.05


def test_an_airfield_named_in_russian_finds_its_record_through_the_town():
    assert find_airfield("аэродром в Энгельсе").icao == "XWSG"
    assert find_airfield("аеродром у Миргороді").icao == "UKBM"
    assert find_airfield("the airport") is None


def test_another_target_falls_back_to_its_settlement():
    claims = dronewatch.extract("A drone hit an oil depot in Stary Oskol on Monday, injuring two workers, "
                                "governor Gladkov said.", published="2025-02-03")
    loc = next(c.location for c in claims if c.location.facility)
    assert (loc.place, loc.precision, loc.admin1) == ("Stary Oskol", "place", ["RU-BEL"])
    assert loc.to_dict()["facility_type"] == "oil_depot"


@pytest.mark.parametrize("word, ukrainian, latin", [
    ("Ильский", False, "Ilsky"), ("Афіпський", True, "Afipsky"), ("Битош", True, "Bytosh"),
    ("Битош", False, "Bitosh"), ("Щёлково", False, "Shchyolkovo"), ("Хмельницький", True, "Khmelnytsky"),
    ("НПЗ «Azot»", False, "NPZ «Azot»"),
])
def test_cyrillic_names_in_latin_letters_as_news_writes_them(word, ukrainian, latin):
    assert romanize(word, ukrainian) == latin


def test_the_target_named_beside_the_figure_is_the_claims_own():
    # two names for one refinery: the one in the sentence of the strike goes on its claim
    text = ("Пожар начался на Сызранском нефтеперерабатывающем заводе. "
            "По словам губернатора, из-за удара беспилотника горит резервуар Сызранского НПЗ.")
    claims = dronewatch.extract(text, published="2025-05-04")
    assert [(c.hit and c.hit.value, c.location.facility) for c in claims] == [
        (1, "Syzran oil refinery (Сызранский НПЗ)")]


def test_a_target_named_away_from_the_figures_still_goes_on_a_claim():
    text = ("A fire broke out at the Saratov oil refinery after a night attack, the regional governor said.\n\n"
            "Emergency crews worked through the morning. Residents reported loud explosions and the smell of smoke "
            "across several districts of the city, and schools opened late.\n\n"
            "Traffic on the nearby highway was diverted for several hours while firefighters worked.\n\n"
            "Earlier, the Defence Ministry said air defences had shot down 12 Ukrainian drones over the region.")
    claims = dronewatch.extract(text, published="2025-03-14")
    assert [(c.intercepted.value, c.location.facility) for c in claims] == [(12, "Saratov oil refinery")]


def test_a_target_struck_in_an_article_with_no_figure_is_a_claim_with_no_counts():
    claims = dronewatch.extract("A Ukrainian drone attack set the Novoshakhtinsk refinery on fire overnight, "
                                "the regional governor said.", published="2024-06-01")
    assert len(claims) == 1
    c = claims[0]
    assert c.counts() == {}
    assert (c.weapon, c.location.facility, c.location.facility_type, c.location.admin1, c.claimant.side) == (
        "drone", "Novoshakhtinsk refinery", "refinery", ["RU-ROS"], "RU")
    # a target only named (an airport closed because of drones) is not one that was struck
    assert dronewatch.extract("Vnukovo airport suspended flights because of a drone threat.",
                              published="2024-06-01") == []
    # nor is a sea named as the adjective of a place
    assert [c.location.facility for c in dronewatch.extract(
        "Беспилотники атаковали катер в Черном море.", published="2024-06-01")] == []


def test_a_capitalised_kind_word_is_the_kinds_and_a_qualifier_carries_into_english():
    got = [(f.name, f.kind) for f in find_facilities("A fire broke out at the Novoshakhtinsk Oil Refinery overnight.",
                                                      load_vocabulary("en"))]
    assert got == [("Novoshakhtinsk Oil Refinery", "refinery")]
    got = [f.name for f in find_facilities("Беспилотник атаковал объект энергетической инфраструктуры в Курском "
                                           "районе.", load_vocabulary("ru"))]
    assert got == ["energy infrastructure facility in Kursk (объект энергетической инфраструктуры в Курском)"]


def test_a_target_described_not_named_is_recorded_by_what_it_is_where_it_was_struck():
    got = [(f.name, f.kind, f.described) for f in find_facilities(
        "Overnight a drone hit an electrical substation, and a fuel and lubricant warehouse burned.",
        load_vocabulary("en"))]
    assert got == [("electrical substation", "substation", True),
                   ("fuel and lubricant warehouse", "oil_depot", True)]
    text = ("Air defences shot down 14 drones over Belgorod Oblast overnight, governor Gladkov said. "
            "Debris fell on a power plant, and the fire was put out by morning.")
    assert [(c.intercepted.value, c.location.facility, c.location.facility_type)
            for c in dronewatch.extract(text, published="2025-04-02")] == [(14, "power plant", "power_plant")]
    # a target mentioned but not said to be struck is no target
    text = ("Air defences shot down 14 drones over Belgorod Oblast overnight, governor Gladkov said. "
            "The town has a power plant that supplies the district.")
    assert [c.location.facility for c in dronewatch.extract(text, published="2025-04-02")] == [None]


def test_a_description_is_the_target_the_article_names():
    # "an oil refinery" early on is the Syzran refinery named later: one target, by its name
    claims = dronewatch.extract("A drone attack set fire to an oil refinery in central Russia overnight. "
                                "The Syzran refinery halted work after the drone strike, officials said.",
                                published="2024-06-01")
    assert [c.location.facility for c in claims] == ["Syzran refinery"]


def test_targets_described_beside_a_named_one_are_struck_with_it():
    text = ("Drones attacked the Reni port overnight, the regional governor said, and air defences downed "
            "9 of 11 drones. A warehouse and a grain elevator were damaged by the debris.")
    assert [c.location.facility for c in dronewatch.extract(text, published="2025-04-02")] == [
        "Reni port; warehouse; grain elevator"]


def test_a_target_struck_when_every_claim_has_one_gets_a_claim_with_no_counts():
    text = ("Air defences shot down 12 drones over Rostov Oblast overnight, the governor said. "
            "Drones set the Novoshakhtinsk refinery on fire. Another drone attack damaged an oil depot in Stary Oskol.")
    claims = dronewatch.extract(text, published="2025-04-02")
    assert [({m: c.value for m, c in claim.counts().items()}, claim.location.facility, claim.location.admin1)
            for claim in claims] == [({"intercepted": 12}, "Novoshakhtinsk refinery", ["RU-ROS"]),
                                     ({}, "oil depot in Stary Oskol", ["RU-BEL"])]
    assert {(c.weapon, c.claimant.side) for c in claims} == {("drone", "RU")}


@pytest.mark.parametrize("lang, text, expected", [
    # shelling strikes a target as a drone does
    ("en", "Russian forces shelled a power station in the east overnight, injuring five workers, officials said.",
     [(5, "power station")]),
    # an infrastructure object is a description, not a name: its English is the label alone
    ("ru", "Вечером Гладков сообщил об ударе по объекту инфраструктуры, пострадали два человека.",
     [(2, "infrastructure facility")]),
])
def test_a_target_described_in_any_language(lang, text, expected):
    claims = dronewatch.extract(text, published="2025-04-02")
    assert [(c.injured.value, c.location.facility) for c in claims] == expected


@pytest.mark.parametrize("lang, text, expected", [
    # the kind before a town in the genitive, where the gazetteer knows the town
    ("uk", "Удар був по Центральному автовокзалу Запоріжжя.", ["bus station of Zaporizhzhia (автовокзал Запоріжжя)"]),
    ("ru", "Беспилотник атаковал НПЗ Лукойла.", []),  # a company's, not a town's
    # an adjective after the place is its district's, not part of its name
    ("ru", "Дрон упал на резервуар с нефтепродуктами в поселке Волна Темрюкского района.",
     ["oil depot in Volna (резервуар с нефтепродуктами в поселке Волна)"]),
    # "міста" is a city's, not a bridge
    ("uk", "Дрон влучив у будівлю в центрі міста у Сумах.", []),
    ("uk", "Дрони летіли з російських міст Орел і Брянськ.", []),  # "міст" of cities
    ("uk", "Дрони атакували Кримський міст.", ["Krymsky bridge (Кримський міст)"]),
])
def test_a_target_of_a_town_and_words_that_are_no_target(lang, text, expected):
    assert [f.name for f in find_facilities(text, load_vocabulary(lang))] == expected


@pytest.mark.parametrize("lang, text, expected", [
    # a company's legal form between the kind and its quoted name stays, in English too
    ("uk", "Атаки зазнала нафтобаза ТОВ «Степове».", ["oil depot «Stepove» LLC (нафтобаза ТОВ «Степове»)"]),
    # the adjective before a quoted name says what the target is
    ("ru", "Дрон поразил разведывательный корабль «Донец».", ["reconnaissance ship «Donets» (корабль «Донец»)"]),
])
def test_what_stands_around_a_quoted_name_carries_into_english(lang, text, expected):
    assert [f.name for f in find_facilities(text, load_vocabulary(lang))] == expected


def test_a_ship_sunk_is_a_target_struck():
    claims = dronewatch.extract("Морской дрон потопил разведывательный корабль «Донец», сообщило Минобороны.",
                                published="2025-04-02")
    assert [(c.counts(), c.location.facility) for c in claims] == [
        ({}, "reconnaissance ship «Donets» (корабль «Донец»)")]


def test_a_target_struck_without_a_figure_takes_the_side_its_sentence_names():
    # no figure, an occupied region (no side from the place): "Ukrainian drones" attacked,
    # so the claim is Russia's, whoever is quoted
    (claim,) = dronewatch.extract("Украинские беспилотники атаковали нефтебазу в Феодосии, "
                                  "пострадавших нет, сообщили местные власти.", published="2025-06-15")
    assert claim.location.facility_type == "oil_depot" and claim.location.admin1 == ["UA-43"]
    assert (claim.attacker, claim.claimant.side) == ("UA", "RU")


def test_a_target_struck_is_claimed_by_the_speaker_of_its_own_sentence():
    # no figure anywhere: the claimant is the one who says it in that sentence, and the
    # target's own words ("a Russian ammunition depot") tell whose it is, not who attacked
    (claim,) = dronewatch.extract("Ukrainian forces hit a Russian ammunition depot in the Kursk region "
                                  "with HIMARS rockets, Ukraine's General Staff said.", published="2025-06-15")
    assert claim.location.facility_type == "depot" and claim.location.admin1 == ["RU-KRS"]
    assert (claim.claimant.side, claim.attacker) == ("UA", "UA")
    assert claim.claimant.name and "General Staff" in claim.claimant.name
