"""Russian and Ukrainian extraction (vocab/ru.json, vocab/uk.json). Every sentence here is
written for the tests; none is copied from a real post or article."""

from __future__ import annotations

import pytest

import dronewatch
from extract_helpers import facts
from dronewatch.extract.language import detect_language, language_of
from dronewatch.extract.vocab import load_vocabulary


def claims(text: str, published: str | None = "2025-06-15"):
    return dronewatch.extract(text, published=published, doc_id="t")


def test_mod_breakdown_with_dash_items_and_a_sea():
    text = ("Минобороны России сообщило, что в течение прошедшей ночи средствами ПВО сбиты 12 украинских "
            "беспилотников самолетного типа: девять – над Курской областью, один – над Брянской областью "
            "и два – над акваторией Азовского моря.")
    cs = claims(text, "2025-06-02")
    by_value = {c.intercepted.value: c for c in cs}
    assert set(by_value) == {12, 9, 1, 2}
    total = by_value[12]
    assert total.location.country == "RU" and not total.location.admin1
    assert by_value[9].location.admin1 == ["RU-KRS"]
    assert by_value[1].location.admin1 == ["RU-BRY"]
    assert by_value[2].location.water_body == "Sea of Azov"
    assert all(c.weapon == "drone" and c.attacker == "UA" for c in cs)
    assert all(c.claimant.side == "RU" and c.claimant.name == "Russian Ministry of Defence" for c in cs)
    assert all((c.when.start, c.when.end) == ("2025-06-01", "2025-06-02") for c in cs)
    assert all(by_value[v].part_of == total.id for v in (9, 1))


def test_singular_interception_without_a_number():
    text = ("Примерно в 15.10 мск киевский режим пытался атаковать объекты в России беспилотником самолетного "
            "типа. Украинский беспилотный летательный аппарат уничтожен над Курской областью дежурными силами ПВО.")
    assert facts(text) == [("intercepted", 1, "exact", "drone", ("RU-KRS",))]
    # times of day ("15.10 мск") are not counts
    assert len(claims(text)) == 1


def test_night_to_a_date_is_the_night_before_it():
    ru = claims("В ночь на 5 марта дежурными средствами ПВО уничтожены четыре украинских беспилотника "
                "над территорией Белгородской области.", "2025-03-05")
    assert [(c.intercepted.value, c.location.admin1, c.when.start, c.when.end) for c in ru] == [
        (4, ["RU-BEL"], "2025-03-04", "2025-03-05")]
    uk = claims("У ніч проти 9 квітня ворог атакував Харківщину шістьма ударними БпЛА.", "2025-04-09")
    assert [(c.launched.value, c.when.start, c.when.end) for c in uk] == [(6, "2025-04-08", "2025-04-09")]


def test_air_force_summary_launched_intercepted_hit_and_lost_not_counted():
    text = ("У ніч на 12 червня противник атакував Україну 40 ударними БпЛА типу Shahed та дронами-імітаторами. "
            "Станом на 08:30 протиповітряною обороною збито 28 ворожих безпілотників на півночі та сході країни. "
            "Ще 9 дронів-імітаторів локаційно втрачені. Зафіксовано влучання трьох ударних БпЛА на двох локаціях. "
            "Про це повідомили Повітряні сили ЗСУ.")
    assert facts(text, "2025-06-12") == [
        ("hit", 3, "exact", "drone", ("UA",)),
        ("intercepted", 28, "exact", "drone", ("UA",)),
        ("launched", 40, "exact", "drone", ("UA",)),
    ]
    cs = claims(text, "2025-06-12")
    assert all(c.claimant.side == "UA" and c.claimant.name == "Ukrainian Air Force" for c in cs)
    assert all(c.attacker == "RU" for c in cs)
    assert all((c.when.start, c.when.end) == ("2025-06-11", "2025-06-12") for c in cs)


def test_casualties_reported_by_a_military_administration_head():
    text = ("Унаслідок удару ворожого дрона по Херсону загинула 67-річна жінка, ще двох чоловіків поранено, "
            "повідомив начальник Херсонської ОВА Олександр Прокудін.")
    # "удару ворожого дрона": the strike of one drone (ANNOTATION.md: a singular noun means 1)
    assert facts(text) == [("hit", 1, "exact", "drone", ("UA-65",)), ("injured", 2, "exact", "-", ("UA-65",)),
                           ("killed", 1, "exact", "-", ("UA-65",))]
    assert {c.claimant.side for c in claims(text)} == {"UA"}
    # an age is not a count, and an oblique-case surname still names the official
    text = "За даними Синєгубова, на Харківщині постраждав 52-річний чоловік."
    c, = claims(text)
    assert (c.injured.value, c.location.admin1, c.claimant.side) == (1, ["UA-63"], "UA")


def test_number_words_in_oblique_cases_and_of_them():
    assert facts("Вночі росіяни атакували Сумщину двадцятьма п’ятьма ударними безпілотниками, з них сімнадцять "
                 "збили сили ППО.") == [
        ("intercepted", 17, "exact", "drone", ("UA-59",)),
        ("launched", 25, "exact", "drone", ("UA-59",)),
    ]
    assert facts("За минувшие сутки средствами противовоздушной обороны сбиты три управляемые авиационные бомбы, "
                 "пять реактивных снарядов HIMARS и сто двадцать один беспилотный летательный аппарат, сообщили "
                 "в Минобороны России.") == [
        ("intercepted", 121, "exact", "drone", ("RU",)),
        ("intercepted", 3, "exact", "glide_bomb", ("RU",)),
        ("intercepted", 5, "exact", "missile", ("RU",)),
    ]
    # both apostrophes, and a digit with a case ending ("54-ма")
    for apostrophe in "'’":
        text = f"Росія атакувала Україну 54-ма ударними БпЛА, з них п{apostrophe}ятьох збито над Київщиною."
        assert ("intercepted", 5, "exact", "drone", ("UA-32",)) in facts(text)
        assert ("launched", 54, "exact", "drone", ("UA",)) in facts(text)


def test_thousands_written_with_an_abbreviation_and_qualifiers():
    text = "Від початку року ворог випустив по Україні майже 2,5 тис. ударних дронів і понад 300 ракет."
    assert facts(text) == [
        ("launched", 2500, "approx", "drone", ("UA",)),
        ("launched", 300, "at_least", "missile", ("UA",)),
    ]


def test_cumulative_totals_since_the_start_of_the_war_are_not_claims():
    assert facts("Всего с начала проведения специальной военной операции уничтожены 90 000 беспилотных "
                 "летательных аппаратов.") == []


def test_language_picks_the_vocabulary_and_english_keeps_its_own():
    assert detect_language("Дежурными средствами ПВО уничтожены три беспилотника.") == "ru"
    assert detect_language("Сили ППО збили три безпілотники над Київщиною.") == "uk"
    english = "Air defences shot down 20 drones over Rostov Oblast overnight, the Russian Defence Ministry said."
    assert language_of(english) == "en"
    assert facts(english) == [("intercepted", 20, "exact", "drone", ("RU-ROS",))]
    # the Russian and Ukrainian vocabularies fall back to English only for what they do not define
    assert load_vocabulary("ru").lang == "ru" and load_vocabulary("uk").months["жовтня"] == 10
    assert load_vocabulary("en").raw["date_grammar"]["night_means"] == "of"
    assert load_vocabulary("uk").raw["date_grammar"]["night_means"] == "to"


def test_a_plural_region_word_opens_the_list_after_the_figure():
    uk = claims("Сили ППО знищили 40 ударних дронів, а також інші апарати у таких областях, як "
                "Вінницька, Житомирська та Черкаська.")
    assert [(c.intercepted.value, c.location.admin1) for c in uk] == [(40, ["UA-05", "UA-18", "UA-71"])]
    ru = claims("Перехвачены 17 беспилотников, в том числе в таких регионах, как Тульская и "
                "Калужская области.")
    assert [(c.intercepted.value, c.location.admin1) for c in ru] == [(17, ["RU-TUL", "RU-KLU"])]


def test_an_aside_between_the_number_and_its_verb():
    uk = claims("Вдень ворожий дрон влучив у ринок. Загинули двоє людей, ще 9, серед них підліток, "
                "отримали поранення, повідомив голова ОВА.")
    assert {(c.killed and c.killed.value, c.injured and c.injured.value) for c in uk
            if c.killed or c.injured} == {(2, 9)}
    ru = claims("Днем беспилотник атаковал рынок. Погибли два человека, еще 9, в том числе подросток, "
                "получили ранения, сообщил губернатор.")
    assert {(c.killed and c.killed.value, c.injured and c.injured.value) for c in ru
            if c.killed or c.injured} == {(2, 9)}


def _regional(text: str) -> list[tuple]:
    return sorted((c.intercepted.value, tuple(c.location.admin1))
                  for c in dronewatch.extract(text, published="2025-10-10") if c.intercepted)


def test_a_bare_region_adjective_after_over_and_n_each():
    got = _regional("Ночью сбито 40 беспилотников: 21 — над Белгородской, по девять — над Воронежской "
                    "и Смоленской областями, один — над Курской.")
    assert got == [(1, ("RU-KRS",)), (9, ("RU-SMO",)), (9, ("RU-VOR",)), (21, ("RU-BEL",)), (40, ())]


def test_a_spaced_hyphen_leads_to_the_place_of_the_figure():
    got = _regional("Перехвачено 17 беспилотников: 13 БПЛА - над территорией Брянской области, "
                    "четыре - над территорией Орловской области.")
    assert got == [(4, ("RU-ORL",)), (13, ("RU-BRY",)), (17, ())]


def test_a_ministry_speaks_in_the_neuter_and_an_occupation_official_for_russia():
    # "заявило" (the ministry, neuter) names the source of the figures after it
    claims = dronewatch.extract("Міністерство оборони Росії заявило про атаку дронів. "
                                "Вони звітують про збиття 17 українських безпілотників.", published="2025-10-10")
    assert [(c.intercepted.value, c.claimant.side) for c in claims] == [(17, "RU")]
    claims = dronewatch.extract("Очільник окупаційної влади Криму Сергій Аксьонов заявив, що вночі "
                                "збито 6 безпілотників.", published="2025-10-10")
    assert [(c.intercepted.value, c.claimant.side) for c in claims] == [(6, "RU")]


def test_a_ukrainian_oblast_head_quoted_by_russian_news_speaks_for_ukraine():
    claims = dronewatch.extract("Глава Николаевской ОВА Виталий Ким сообщил, что ранены три человека.",
                                published="2025-10-10")
    assert [(c.injured.value, c.claimant.side) for c in claims] == [(3, "UA")]


def test_a_weapon_named_in_quotes_is_what_the_figure_counts():
    claims = dronewatch.extract("За попередніми даними, протиповітряною обороною збито/подавлено 52 ворожих "
                                "«Shahed» і дронів-імітаторів різних типів.", published="2025-10-12")
    assert [(c.intercepted.value, c.weapon) for c in claims] == [(52, "drone")]


def test_a_casualty_verb_in_front_of_the_people_it_counts():
    for text in ("У Запорізькій області загинули чотири людини, поранення дістали шість людей, повідомив "
                 "начальник ОВА Іван Федоров.",
                 "В области погибли четыре человека, ранения получили шесть человек, сообщил губернатор."):
        claims = dronewatch.extract(text, published="2025-10-12")
        assert [(c.killed.value, c.injured.value) for c in claims] == [(4, 6)]  # one record, both figures


def test_unmanned_vehicles_are_drones_unless_they_sail():
    claims = dronewatch.extract("Російські війська здійснили атаку, запустивши по території України 98 безпілотних "
                                "апаратів різних типів, повідомили Повітряні сили.", published="2025-10-12")
    assert [(c.launched.value, c.weapon) for c in claims] == [(98, "drone")]
    claims = dronewatch.extract("Знищено 3 безпілотні надводні катери противника, повідомили ВМС.",
                                published="2025-10-12")
    assert {c.weapon for c in claims} == {"naval_drone"}
    claims = dronewatch.extract("По состоянию на 09:00 подтверждено сбитие 51 ударного БПЛА, сообщили "
                                "Воздушные силы ВСУ.", published="2025-10-12")
    assert [c.intercepted.value for c in claims] == [51]


def test_one_weapon_after_a_strike_noun_is_one_hit():
    # no article says "one": a singular weapon in the genitive after "удар", "атака" (as a
    # cause) or "влучання" counts one strike, and "беспилотник атаковал" is a strike too
    for text, region in (
            ("В результате удара беспилотника в Курской области повреждены два дома, сообщил губернатор.",
             "RU-KRS"),
            ("Вражеский беспилотник атаковал подстанцию в Белгородской области, сообщил губернатор.", "RU-BEL"),
            ("На Харківщині внаслідок атаки дрона поранено чоловіка, повідомив начальник ОВА.", "UA-63")):
        claims = dronewatch.extract(text, published="2025-06-02")
        assert [(c.hit.value, c.weapon, c.location.admin1) for c in claims if c.hit] == [(1, "drone", [region])], text
    # an attack repelled is no strike, and a plural genitive counts nothing
    for text in ("Силы ПВО отразили атаку беспилотника над Курской областью.",
                 "В результате ударов беспилотников повреждены дома в Курской области."):
        assert not [c for c in dronewatch.extract(text, published="2025-06-02") if c.hit], text


def test_one_weapon_downed_or_striking_without_a_number():
    for text, measure in (("Силы ПВО сбили беспилотник, летевший на Москву, сообщил мэр.", "intercepted"),
                          ("Над Курською областю збито ворожий безпілотник.", "intercepted"),
                          ("Окупанти влучили балістичною ракетою в будинок у Кривому Розі.", "hit"),
                          ("В Запорожье удар нанес вражеский беспилотник.", "hit"),
                          ("Ракета окупантів влучила в дерево у Миколаєві.", "hit")):
        claims = dronewatch.extract(text, published="2025-04-27")
        assert [(m, getattr(c, m).value) for c in claims for m in ("intercepted", "hit") if getattr(c, m)] \
            == [(measure, 1)], text
    # plural nouns after the same verbs count nothing
    assert dronewatch.extract("Силы ПВО сбили беспилотники над Курской областью.", published="2025-04-27") == []


def test_with_nobody_named_the_side_is_the_country_the_figure_is_in():
    claims = dronewatch.extract("В Курском районе беспилотник атаковал подстанцию.", published="2025-12-20")
    assert [(c.hit.value, c.claimant.name, c.claimant.side) for c in claims] == [(1, None, "RU")]
    claims = dronewatch.extract("У Харкові внаслідок удару дрона поранено двох людей.", published="2025-12-20")
    assert {(c.claimant.name, c.claimant.side) for c in claims} == {(None, "UA")}
    # occupied Crimea is reported on by both sides: no guess
    claims = dronewatch.extract("В Крыму в результате удара беспилотника погиб один человек.", published="2025-12-20")
    assert claims and {c.claimant.side for c in claims} == {None}


def test_an_inflected_cardinal_and_a_passive_directed_at():
    claims = dronewatch.extract("Станом на 09:00 підтверджено збиття 78-ти ударних БпЛА у Полтавській та "
                                "Сумській областях.", published="2025-05-01")
    assert [(c.intercepted.value, sorted(c.location.admin1)) for c in claims] == [(78, ["UA-53", "UA-59"])]
    claims = dronewatch.extract("Понад 10 українських безпілотників були спрямовані на Севастополь, стверджує "
                                "Развожаєв.", published="2023-05-07")
    assert [c.launched.value for c in claims] == [10]


def test_nouns_of_downing_in_every_case_and_units_after_the_weapon():
    for text, value in (("Минобороны отчиталось об уничтожении пяти дронов над Брянской областью.", 5),
                        ("В администрации сообщили о сбитии над Курском около 15 беспилотников.", 15),
                        ("Повітряні сили повідомили про знищенні 20 дронів над Сумщиною.", 20)):
        assert [c.intercepted.value for c in dronewatch.extract(text, published="2025-09-16")] == [value], text
    claims = dronewatch.extract("Російські війська застосували рекордну кількість ударних дронів – 90 одиниць.",
                                published="2025-01-01")
    assert [(c.launched.value, c.weapon) for c in claims] == [(90, "drone")]


def test_naval_drones_at_sea_the_fleet_is_no_town_and_a_partys_channel_speaks_for_it():
    from dronewatch.model import Document
    from dronewatch.extract import extract_document

    text = ("Сегодня ВСУ предприняли безуспешную попытку атаковать шестью безэкипажными катерами корабль "
            "«Приазовье» Черноморского флота в юго-восточной части Черного моря. Все катера уничтожены.")
    claims = extract_document(Document(id="p1", text=text, published="2023-06-11",
                                       outlet="Russian Ministry of Defence (Telegram)"))
    launched = [c for c in claims if c.launched]
    assert [(c.launched.value, c.weapon, c.location.water_body, c.location.admin1) for c in launched] == [
        (6, "naval_drone", "Black Sea", [])]
    assert {(c.claimant.name, c.claimant.side) for c in claims} == {("Russian Ministry of Defence", "RU")}
    # the same post from an outlet that is nobody's channel names no speaker
    claims = extract_document(Document(id="p2", text=text, published="2023-06-11", outlet="Daily Bulletin"))
    assert {c.claimant.name for c in claims} == {None}


def test_an_undated_article_takes_its_year_from_a_weekday_and_its_date_from_its_first_date():
    # 27 April fell on a Thursday in 2023 (and next in 2028): the latest such year up to now
    text = ("Ракетный обстрел Николаева, который произошел ночью в четверг, 27 апреля, был необычным. "
            "По словам главы ОВА Виталия Кима, ранены 23 человека.")
    claims = dronewatch.extract(text)
    # "ночью в четверг, 27 апреля": the night that ends on Thursday morning, the 27th
    assert [(c.injured.value, c.when.start, c.when.end) for c in claims] == [(23, "2023-04-26", "2023-04-27")]
    # no weekday, no year: no date is made up
    claims = dronewatch.extract(text.replace("в четверг, ", ""))
    assert [(c.injured.value, c.when.start) for c in claims] == [(23, None)]


def test_ukrainian_participles_of_downing_and_a_strike_verb_spelled_with_u():
    claims = dronewatch.extract("За даними відомства, безпілотник нібито знищений над Брянською областю.",
                                published="2024-08-31")
    assert [c.intercepted.value for c in claims] == [1]
    claims = dronewatch.extract("Російські війська ввечері ударили двома КАБ по центру Запоріжжя, повідомив голова "
                                "Запорізької ОВА Іван Федоров.", published="2024-10-19")
    assert [(c.hit.value, c.weapon, c.location.admin1) for c in claims] == [(2, "glide_bomb", ["UA-23"])]


def test_the_last_item_of_a_post_cut_off_mid_word_is_dropped():
    text = ("Дежурными средствами ПВО перехвачены и уничтожены 29 беспилотников: ▫️ 25 – над территорией "
            "Брянской области, ▫️ 2 – над территорией Курской области, ▫️ 2 – над террит")
    claims = dronewatch.extract(text, published="2025-12-10")
    assert sorted((c.intercepted.value, tuple(c.location.admin1)) for c in claims) == [
        (2, ("RU-KRS",)), (25, ("RU-BRY",)), (29, ())]
    # a headline with no full stop is not cut off
    claims = dronewatch.extract("Над Курской областью сбиты 2 беспилотника", published="2025-12-10")
    assert [c.intercepted.value for c in claims] == [2]


def test_guided_bombs_by_either_name_and_a_side_for_kherson_but_not_for_crimea():
    for text in ("Российские войска вечером ударили двумя УАБ по центру Запорожья, сообщил глава ОВА Иван Федоров.",
                 "Російські війська ввечері вдарили двома УАБ по центру Запоріжжя, повідомив Іван Федоров."):
        claims = dronewatch.extract(text, published="2024-10-19")
        assert [(c.hit.value, c.weapon) for c in claims] == [(2, "glide_bomb")], text
    # Kherson is reported on by its Ukrainian administration; Crimea by both sides
    claims = dronewatch.extract("Через російську агресію на Херсонщині 1 людина загинула, ще 1 дістала поранення.",
                                published="2025-01-02")
    assert {c.claimant.side for c in claims} == {"UA"}


def test_a_strike_on_an_unknown_village_takes_the_region_of_the_official_quoted_later():
    text = ("У Степногірській громаді через атаку дрона поранено чоловіка.\n\n"
            "Стан пораненого тяжкий, його доправили до лікарні, - повідомив начальник ОВА Іван Федоров.")
    claims = dronewatch.extract(text, published="2025-09-10")
    assert [(c.hit.value, c.injured.value, c.location.admin1, c.claimant.side) for c in claims] == [
        (1, 1, ["UA-23"], "UA")]


def test_all_of_them_after_the_verb_and_people_who_received_wounds():
    claims = dronewatch.extract("Ночью Россия атаковала Украину с помощью 27 дронов, Силы обороны Украины смогли "
                                "сбить все из них.", published="2025-02-01")
    assert [(c.launched.value, c.intercepted.value) for c in claims] == [(27, 27)]
    claims = dronewatch.extract("В результате атаки на Винницкую область погиб один человек и как минимум четыре "
                                "получили ранения.", published="2025-02-01")
    assert [(c.killed.value, c.injured.value, c.injured.qualifier) for c in claims] == [(1, 4, "at_least")]


def test_a_bulleted_item_is_a_report_of_its_own():
    from dronewatch.extract.text import split_sentences

    text = ("Главное за день ▫️ В районе Тягинки Херсонской области сбит вертолет Ми-8. ▫️ Перехвачены четыре "
            "управляемые ракеты. ▫️ Уничтожены 29 беспилотников в районах населенных пунктов.")
    assert len(split_sentences(text)) == 3
    claims = dronewatch.extract(text, published="2024-01-06")
    assert sorted((c.intercepted.value, tuple(c.location.admin1)) for c in claims) == [(4, ()), (29, ())]


def test_reading_the_outlet_for_a_speaker_does_not_load_the_statistical_language_guesser():
    # an outlet's name is too short for letters to decide its language; guessing it would
    # load lingua's models (~100 MB per worker) for one name
    from dronewatch.extract import language
    from dronewatch.extract import extract_document
    from dronewatch.model import Document

    language._lingua.cache_clear()
    extract_document(Document(id="o1", text="Над Сумщиною збито 12 ворожих безпілотників; інформація "
                                            "уточнюється, всі служби працюють на місцях.",
                              published="2025-02-01", outlet="Loqal (loqal.com.ua, з посиланням на РБК-Україна)"))
    assert language._lingua.cache_info().currsize == 0


def test_neutralised_and_eliminated_are_interceptions():
    # "знешкоджено", "ліквідовано", "обезврежены": the words Air Force and governors' posts
    # use as often as "збито" / "сбиты"
    assert facts("Уночі над Полтавщиною знешкоджено 14 ворожих безпілотників.") == [
        ("intercepted", 14, "exact", "drone", ("UA-53",))]
    assert facts("Сили ППО ліквідували сім шахедів над Черкащиною.") == [
        ("intercepted", 7, "exact", "drone", ("UA-71",))]
    assert facts("Над Тульской областью обезврежены шесть беспилотников.") == [
        ("intercepted", 6, "exact", "drone", ("RU-TUL",))]


def test_a_short_post_with_one_ukrainian_letter_is_read_as_ukrainian():
    # one і and none of ы э ъ ё: too few letters to count as decisive before, and the
    # statistical guess called this Russian
    text = "Над Сумщиною знищили 12 дронів."
    assert detect_language(text) == "uk"
    assert facts(text) == [("intercepted", 12, "exact", "drone", ("UA-59",))]


def test_an_unnamed_ukrainian_voice_calling_the_attacker_the_enemy_speaks_for_ukraine():
    # no speaker named, no country: "противник" (the enemy) attacking says the writer is
    # Ukrainian, and the figures nothing else places are that voice's national ones
    text = ("Уночі противник атакував 90 ударними БпЛА. Станом на 08:00 збито 61 ворожий БпЛА "
            "на сході країни. Зафіксовано влучання 11 ударних БпЛА на п'яти локаціях.")
    claims = dronewatch.extract(text, published="2025-06-15")
    got = sorted((m, cnt.value, c.claimant.side, c.attacker, c.location.country)
                 for c in claims for m, cnt in c.counts().items())
    assert got == [("hit", 11, "UA", "RU", "UA"), ("intercepted", 61, "UA", "RU", "UA"),
                   ("launched", 90, "UA", "RU", "UA")]


def test_a_capital_that_speaks_is_the_government_in_russian_and_ukrainian_too():
    # "Киев утверждает" / "Київ заявляє": the government speaks, Kyiv is not where the
    # missiles were downed; "Москва заявила" likewise for Russia
    for text, side in (("Киев утверждает, что ПВО сбила 21 из 25 ракет.", "UA"),
                       ("Київ заявляє, що ППО збила 21 з 25 ракет.", "UA"),
                       ("Москва заявила, что ПВО сбила 33 беспилотника.", "RU")):
        claims = dronewatch.extract(text, published="2025-06-15")
        assert claims and {c.claimant.side for c in claims} == {side}, text
        assert all(not c.location.admin1 and c.location.country == side for c in claims), text
    # a capital that is attacked stays a place
    assert facts("Росія атакувала Київ 17 ракетами.") == [("launched", 17, "exact", "missile", ("UA-30",))]


def test_enemy_targets_downed_by_air_defence_are_air_targets():
    assert facts("Протиповітряною обороною знешкоджено 48 ворожих цілей.") == [
        ("intercepted", 48, "exact", "drone", ("UA",))]


@pytest.mark.parametrize("text", [
    "On the night of May 3-4, Russia attacked Ukraine with 88 air attack assets: 80 Shahed-type drones and 8 missiles.",
    "У ніч на 4 травня ворог атакував Україну 88 засобами повітряного нападу: 80 ударними БпЛА та 8 ракетами.",
])
def test_means_of_air_attack_are_a_total_of_every_weapon_and_their_breakdown_follows(text):
    got = sorted((c.weapon, c.launched.value) for c in dronewatch.extract(text, published="2025-05-04"))
    assert got == [("drone", 80), ("missile", 8), ("unknown", 88)]


def test_an_attack_repelled_is_an_interception():
    # "отражена атака N беспилотников", "repelled an attack by N boats": the N were stopped
    assert [(c.weapon, c.intercepted.value, c.launched) for c in dronewatch.extract(
        "Силами ПВО отражена атака 14 беспилотников, летевших на Москву, сообщил Собянин.",
        published="2025-06-15")] == [("drone", 14, None)]
    assert [(c.weapon, c.intercepted.value, c.launched) for c in dronewatch.extract(
        "The fleet repelled an attack by 6 unmanned boats near Novorossiysk, the ministry said.",
        published="2025-06-15")] == [("naval_drone", 6, None)]


def test_a_sea_in_an_article_with_one_voice_takes_that_voices_side():
    claims = dronewatch.extract("За минувшую ночь над Курской областью сбиты 9 беспилотников, "
                                "еще 4 — над акваторией Азовского моря.", published="2025-06-15")
    assert sorted((c.intercepted.value, c.location.water_body, c.claimant.side) for c in claims) == [
        (4, "Sea of Azov", "RU"), (9, None, "RU")]


@pytest.mark.parametrize("text", ["В ночь на субботу, 22 марта, силы ПВО уничтожили 40 беспилотников.",
                                  "У ніч на суботу, 22 березня, сили ППО збили 40 дронів."])
def test_the_night_to_a_weekday_and_its_date(text):
    (claim,) = dronewatch.extract(text, published="2025-03-22")
    assert (claim.when.start, claim.when.end, claim.when.precision) == ("2025-03-21", "2025-03-22", "night")


def test_dropped_bombs_are_launched_and_a_namesake_village_keeps_the_region():
    # "скинули": dropped; "Жовтневе" is also a village of another country's gazetteer entry:
    # the region named first holds the figure
    assert facts("У Курській області 3 дрони скинули вибухівку біля села Жовтневе.") == [
        ("launched", 3, "exact", "drone", ("RU-KRS",))]
    assert facts("Оккупанты сбросили на Херсон 2 управляемые авиабомбы.")[0][:2] == ("launched", 2)


def test_a_ukrainian_text_reporting_interceptions_over_a_partly_occupied_region_is_ukrainian():
    (claim,) = dronewatch.extract("Над Херсонщиною збито 6 розвідувальних дронів.", published="2025-06-15")
    assert (claim.intercepted.value, claim.location.admin1, claim.claimant.side) == (6, ["UA-65"], "UA")


def test_casualties_after_a_colon_are_where_the_heading_says():
    assert facts("Атака ВСУ на Белгородскую область: погибли 2 человека, ранены 5.") == [
        ("injured", 5, "exact", "-", ("RU-BEL",)), ("killed", 2, "exact", "-", ("RU-BEL",))]


def test_an_unattributed_ukrainian_figure_is_ukraines_national_one():
    claims = dronewatch.extract("Зафіксовано влучання 3 ракет та 7 ударних БпЛА на 5 локаціях.",
                                published="2025-06-15")
    assert sorted((c.weapon, c.hit.value, c.claimant.side, c.location.country) for c in claims) == [
        ("drone", 7, "UA", "UA"), ("missile", 3, "UA", "UA")]


def test_figures_shot_down_over_a_named_country_are_its_national_ones():
    (claim,) = dronewatch.extract("Как утверждают в ВСУ, над Украиной сбиты 41 из 55 беспилотников.",
                                  published="2025-06-15")
    assert (claim.launched.value, claim.intercepted.value, claim.location.country, claim.claimant.side) == (
        55, 41, "UA", "UA")
