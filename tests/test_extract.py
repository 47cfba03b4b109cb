"""What the extractor reads out of report sentences. Every sentence here is written for
the tests; none is copied from a real article."""

from __future__ import annotations

import pytest

import dronewatch
from extract_helpers import facts
from dronewatch.model import Document
from dronewatch.extract import extract_document


def one(text: str, published: str | None = "2025-06-15"):
    claims = dronewatch.extract(text, published=published, doc_id="t")
    assert len(claims) == 1, [c.to_dict() for c in claims]
    return claims[0]


def test_national_total_and_regional_breakdown_are_separate_linked_claims():
    text = ("Russian air defences destroyed 48 Ukrainian drones overnight, the Defence Ministry said. "
            "Twenty were downed over the Kursk region, 15 over Bryansk Oblast and 13 over the Black Sea.")
    claims = dronewatch.extract(text, published="2025-06-15", doc_id="t")
    by_value = {c.intercepted.value: c for c in claims}
    assert set(by_value) == {48, 20, 15, 13}
    total = by_value[48]
    assert total.location.country == "RU" and not total.location.admin1
    assert by_value[20].location.admin1 == ["RU-KRS"]
    assert by_value[15].location.admin1 == ["RU-BRY"]
    assert by_value[13].location.water_body == "Black Sea"
    assert all(by_value[v].part_of == total.id for v in (20, 15, 13))
    assert all(c.claimant.side == "RU" and c.attacker == "UA" for c in claims)
    assert total.when.start == "2025-06-14" and total.when.end == "2025-06-15"


def test_launched_intercepted_and_hit_of_one_salvo_form_one_claim():
    c = one("Russia launched 90 Shahed drones and attack UAVs against Ukraine overnight; air defence shot "
            "down 71 drones, the Ukrainian Air Force said.")
    assert (c.launched.value, c.intercepted.value) == (90, 71)
    assert c.weapon == "drone" and c.weapon_model == "Shahed"
    assert c.location.country == "UA" and c.attacker == "RU"
    assert c.claimant.side == "UA" and "Air Force" in c.claimant.name


def test_weapon_classes_each_get_their_own_claim():
    got = facts("Overnight Russia fired 6 Kalibr cruise missiles, 2 Iskander-M ballistic missiles and 40 drones "
                "at Ukraine, and dropped 12 guided aerial bombs, the air force said.")
    assert ("launched", 6, "exact", "missile", ("UA",)) in got
    assert ("launched", 2, "exact", "missile", ("UA",)) in got
    assert ("launched", 40, "exact", "drone", ("UA",)) in got


def test_naval_drones_over_a_sea():
    c = one("The ministry said the fleet destroyed four uncrewed boats over the western Black Sea on Tuesday.")
    assert c.weapon == "naval_drone" and c.intercepted.value == 4
    assert c.location.water_body == "Black Sea" and not c.location.admin1


def test_number_words_and_qualifiers():
    got = facts("Air defences shot down more than 200 drones over Ukraine, nearly seventy missiles and up to "
                "a dozen guided bombs, the Air Force said.")
    assert ("intercepted", 200, "at_least", "drone", ("UA",)) in got
    assert ("intercepted", 70, "approx", "missile", ("UA",)) in got
    assert ("intercepted", 12, "at_most", "glide_bomb", ("UA",)) in got


def test_casualties_with_singular_nouns_and_the_officials_region():
    text = ("A drone struck an apartment block in Belgorod on Monday, governor Vyacheslav Gladkov said. "
            "A woman was killed and two men were wounded.")
    got = facts(text)
    assert ("hit", 1, "exact", "drone", ("RU-BEL",)) in got
    assert ("killed", 1, "exact", "-", ("RU-BEL",)) in got
    assert ("injured", 2, "exact", "-", ("RU-BEL",)) in got
    claims = dronewatch.extract(text, published="2025-06-16", doc_id="t")
    assert all(c.claimant.side == "RU" for c in claims)
    assert claims[0].when.start == "2025-06-16"  # Monday, on or before publication


def test_each_distributes_the_figure_over_every_place():
    got = facts("Units downed one drone each over the Lipetsk and Oryol regions, the ministry said.")
    assert ("intercepted", 1, "exact", "drone", ("RU-LIP",)) in got
    assert ("intercepted", 1, "exact", "drone", ("RU-ORL",)) in got


def test_a_list_of_regions_without_each_is_one_claim_over_all_of_them():
    c = one("Air defence forces shot down 31 Shaheds in the Odesa, Mykolaiv and Kherson regions, "
            "the Ukrainian Air Force reported.")
    assert sorted(c.location.admin1) == ["UA-48", "UA-51", "UA-65"]


def test_a_region_name_that_does_not_exist_keeps_its_words_and_no_code():
    claims = dronewatch.extract("Russia's Defence Ministry said 5 drones were downed over Belarus Oblast.",
                                published="2025-06-15", doc_id="t")
    assert len(claims) == 1
    loc = claims[0].location
    assert loc.admin1 == [] and loc.country is None and "Belarus Oblast" in loc.text


def test_a_claim_repeated_in_one_article_is_one_claim_with_all_its_evidence():
    text = ("Air defences intercepted 17 drones over the Voronezh region, the governor said. "
            "Officials later repeated that 17 drones had been intercepted over the Voronezh region.")
    claims = dronewatch.extract(text, published="2025-06-15", doc_id="t")
    assert len(claims) == 1
    assert len(claims[0].evidence) == 2
    assert [text[e.start:e.end].split()[0] for e in claims[0].evidence] == ["Air", "Officials"]


def test_things_that_are_not_attack_claims_give_nothing():
    text = ("Ukraine plans to produce one million drones next year, the minister said. "
            "More than 200 companies build drones, and 50,000 drones were delivered to the front. "
            "The factory turns out Kh-101 missiles for the bomber fleet. Forty tanks were destroyed. "
            "Twenty-two drones disappeared from radar.")
    assert dronewatch.extract(text, published="2025-06-15", doc_id="t") == []


def test_times_resolve_against_the_publication_date():
    night = one("The Defence Ministry said 30 drones were downed over the Kursk region during the night "
                "of June 3.", published="2025-06-05")
    assert (night.when.start, night.when.end, night.when.precision) == ("2025-06-03", "2025-06-04", "night")
    month = one("Russia launched 5,100 drones against Ukraine in May, the Air Force spokesman said.",
                published="2025-06-02")
    assert (month.when.start, month.when.end) == ("2025-05-01", "2025-05-31")
    assert month.launched.value == 5100
    undated = one("The Defence Ministry said 30 drones were downed over the Kursk region.", published=None)
    assert undated.when.start is None


def test_evidence_points_at_the_sentence_the_claim_came_from():
    text = "Unrelated opening words. Air defences shot down 9 drones over the Tula region, officials said."
    c = one(text)
    assert text[c.evidence[0].start:c.evidence[0].end].startswith("Air defences shot down 9 drones")


def test_implausible_counts_are_refused_with_a_reason():
    problems: list[str] = []
    doc = Document(id="big", text="Air defences shot down 1,000,000,000 drones over the Kursk region.",
                   published="2025-06-15")
    assert extract_document(doc, problems) == []
    assert len(problems) == 1 and "implausible" in problems[0] and "1,000,000,000" in problems[0]


def test_ids_are_stable_and_empty_text_gives_nothing():
    text = "Air defences shot down 9 drones over the Tula region, officials said."
    a = [c.id for c in dronewatch.extract(text, published="2025-06-15", doc_id="x")]
    b = [c.id for c in dronewatch.extract(text, published="2025-06-15", doc_id="x")]
    assert a == b and a[0].startswith("x:")
    assert dronewatch.extract("", doc_id="x") == []
    assert dronewatch.extract("   \n ", doc_id="x") == []


def test_claims_follow_the_format_contract():
    c = one("Air defences shot down 9 drones over the Tula region, officials said.")
    d = c.to_dict()
    assert set(d) >= {"id", "doc_id", "weapon", "weapon_model", "attacker", "launched", "intercepted", "hit",
                      "killed", "injured", "location", "when", "claimant", "evidence", "part_of"}
    assert d["intercepted"] == {"value": 9, "qualifier": "exact"}
    assert d["location"]["admin1"] == ["RU-TUL"] and d["location"]["lat"] is not None
    assert d["launched"] is None  # unknown stays null, never 0


def test_casualty_words_between_a_number_and_a_weapon_keep_them_apart():
    got = facts("At least 9 people were killed and 31 injured when Russian missiles struck Odesa, "
                "officials said.")
    assert ("killed", 9, "at_least", "-", ("UA-51",)) in got
    assert ("injured", 31, "exact", "-", ("UA-51",)) in got
    assert not [f for f in got if f[0] == "hit"]


def test_the_whole_of_a_part_is_what_was_launched():
    c = one("Ukraine's military said it shot down 38 of the 50 drones Russia launched overnight.")
    assert (c.launched.value, c.intercepted.value) == (50, 38)
    assert c.claimant.side == "UA" and c.location.country == "UA"


def test_a_bare_figure_after_a_salvo_counts_the_same_group():
    got = facts("Ukraine sent 14 drones toward the Voronezh region, the governor said; 11 were shot down.")
    assert ("launched", 14, "exact", "drone", ("RU-VOR",)) in got
    assert ("intercepted", 11, "exact", "drone", ("RU-VOR",)) in got


def test_interceptions_over_occupied_crimea_are_russian_claims():
    claims = dronewatch.extract("In all, 22 drones were shot down over Crimea, according to the ministry.",
                                published="2025-06-15", doc_id="t")
    assert [(c.location.admin1, c.claimant.side, c.attacker) for c in claims] == [(["UA-43"], "RU", "UA")]


def test_bombs_dropped_are_launched_and_the_ukrainian_side_is_found_in_any_form():
    c = one("Russian aircraft dropped 27 guided aerial bombs on the Kharkiv region, Ukraine's military said.")
    assert c.weapon == "glide_bomb" and c.launched.value == 27
    assert c.location.admin1 == ["UA-63"] and c.claimant.side == "UA"


def test_a_named_target_goes_on_the_claim_of_its_sentence():
    text = ("A drone struck the Saratov oil refinery overnight, the governor said. "
            "Separately, air defences shot down 4 drones over the Lipetsk region.")
    claims = dronewatch.extract(text, published="2025-06-15", doc_id="t")
    by_measure = {next(iter(c.counts())): c for c in claims}
    assert by_measure["hit"].location.facility == "Saratov oil refinery"
    assert by_measure["intercepted"].location.facility is None


def test_a_description_is_not_a_facility_name():
    claims = dronewatch.extract("Russian Missile Factory Struck. A drone hit the plant, officials said.",
                                published="2025-06-15", doc_id="t")
    assert all(c.location.facility is None for c in claims)


def test_of_which_takes_the_verb_after_it_and_of_the_launched_takes_its_own():
    c = one("Russia fired 40 drones at Ukraine overnight, of which 33 drones were shot down, the air force said.")
    assert (c.launched.value, c.intercepted.value) == (40, 33)
    c = one("Of the 40 drones launched, 33 were shot down, the Ukrainian air force said.")
    assert (c.launched.value, c.intercepted.value) == (40, 33)


def test_a_sea_a_salvo_was_launched_from_is_not_where_it_struck():
    c = one("Russia attacked with 6 Kalibr missiles launched from ships in the Black Sea, the air force said.")
    assert c.launched.value == 6 and c.location.water_body is None and c.location.country == "UA"


def test_list_items_keep_the_measure_of_their_head():
    got = facts("Air defences destroyed 50 drones: 30 over the Kaluga region, including five flying toward "
                "Moscow, and 20 over the Black Sea, the Defence Ministry said.")
    assert ("intercepted", 30, "exact", "drone", ("RU-KLU",)) in got
    assert ("intercepted", 20, "exact", "drone", ("Black Sea",)) in got


def test_people_past_an_aside_and_the_aside_is_not_counted_again():
    got = facts("Governor Igor Artamonov said 4 people, including a teenager, were injured in Lipetsk.")
    assert [f for f in got if f[0] == "injured"] == [("injured", 4, "exact", "-", ("RU-LIP",))]


def test_a_village_named_by_a_governor_is_in_his_region():
    c = [c for c in dronewatch.extract("Governor Vyacheslav Gladkov said a drone hit a house in the village of "
                                       "Murom.", published="2025-06-15", doc_id="t") if c.hit][0]
    assert c.location.admin1 == ["RU-BEL"] and c.location.place == "Murom"


def test_ministers_and_operational_headquarters_are_sources():
    c = one("Overnight, 6 people were killed in Odesa, Interior Minister Ihor Klymenko said.")
    assert c.claimant.name == "Interior Minister Ihor Klymenko" and c.claimant.side == "UA"
    c = one("A drone attack on Sochi injured three people, the Krasnodar region's operational headquarters said.")
    assert c.claimant.name == "operational headquarters" and c.claimant.side == "RU"


def test_casualties_after_a_salvo_share_its_place():
    got = facts("Russian troops launched 4 glide bombs at Kramatorsk, injuring six residents, officials said.")
    assert ("launched", 4, "exact", "glide_bomb", ("UA-14",)) in got
    assert ("injured", 6, "exact", "-", ("UA-14",)) in got


def test_the_verb_after_an_aside_counts_the_people_before_it():
    cs = dronewatch.extract("A drone struck a market in the town at noon. Two people were killed and "
                            "nine others, including a teenager, were injured, the mayor said.",
                            published="2025-07-01")
    assert {(c.killed and c.killed.value, c.injured and c.injured.value) for c in cs
            if c.killed or c.injured} == {(2, 9)}


def test_regions_listed_after_a_plural_region_word():
    cs = dronewatch.extract("Air defences destroyed 44 drones overnight, most of them in regions such as "
                            "Vinnytsia, Zhytomyr and Cherkasy, the air force said.", published="2025-07-01")
    assert [(c.intercepted.value, c.location.admin1) for c in cs] == [(44, ["UA-05", "UA-18", "UA-71"])]


def test_a_run_of_thousands_of_digits_is_no_count_and_fails_nothing():
    # Python's int() refuses more than 4,300 digits; the document's real figure must survive
    text = ("Air defences shot down 20 drones over Rostov Oblast overnight, the Defence Ministry said. "
            "Reference " + "7" * 5000 + ".")
    claims = dronewatch.extract(text, published="2025-10-25")
    assert [c.intercepted.value for c in claims if c.intercepted] == [20]


def _where(text: str, published: str = "2025-10-10") -> list[tuple]:
    from dronewatch.extract import decide
    decide.set_model(None)  # these are rules; the learned layer has its own tests
    try:
        return [(m, getattr(c, m).value, tuple(c.location.admin1), c.location.country)
                for c in dronewatch.extract(text, published=published)
                for m in ("launched", "intercepted", "killed", "injured") if getattr(c, m)]
    finally:
        decide.reset_model()


def test_a_capital_that_acts_is_the_government_not_the_place():
    assert _where("According to the Air Force, Moscow deployed 120 drones overnight.") == \
        [("launched", 120, (), "UA")]
    assert _where("Москва запустила 70 дронов по Украине.")[0][:3] == ("launched", 70, ())


def test_where_a_salvo_came_from_is_not_where_it_was_aimed():
    assert _where("Russian forces launched 38 drones from Cape Chauda in occupied Crimea overnight, "
                  "the Air Force said.") == [("launched", 38, (), "UA")]
    assert _where("Russia launched 20 drones from the Kursk region at the Sumy region, the Air Force said.") == \
        [("launched", 20, ("UA-59",), "UA")]


def test_ages_are_not_counts():
    assert [g[:2] for g in _where("A man, 63, was killed in the strike, the governor said.")] == [("killed", 1)]
    assert [g[:2] for g in _where("Two women aged 41 and 70 were injured, the governor said.")] == [("injured", 2)]
    assert [g[:2] for g in _where("Men aged 31, 26, 33, 29 and 50 were among the injured.")] == []


def test_the_side_that_attacks_is_not_the_source():
    claims = dronewatch.extract("Ivan Fedorov, head of the Zaporizhzhia Regional Military Administration, said the "
                                "Russian military carried out 12 airstrikes and deployed 300 drones.",
                                published="2025-10-10")
    assert {(c.launched.value, c.claimant.side) for c in claims if c.launched} == {(300, "UA")}


def test_air_defences_that_intercept_speak_for_their_side():
    claims = dronewatch.extract("Ukraine's air defences intercepted 96 drones and seven missiles overnight.",
                                published="2025-07-09")
    assert {(c.intercepted.value, c.claimant.side) for c in claims} == {(96, "UA"), (7, "UA")}
    claims = dronewatch.extract("Russian air defence systems destroyed 20 drones over the Kursk region.",
                                published="2025-07-09")
    assert [(c.intercepted.value, c.claimant.side) for c in claims] == [(20, "RU")]


def test_a_range_of_days_is_a_period_and_all_of_them_keeps_its_source():
    claims = dronewatch.extract("During the week of November 10 to 16, Russia launched 1,200 drones at Ukraine, "
                                "Zelensky said.", published="2025-11-17")
    assert [(c.when.start, c.when.end, c.when.precision) for c in claims] == [("2025-11-10", "2025-11-16", "period")]
    claims = dronewatch.extract("All 42 drones were shot down over the Kursk region, the Russian Defence Ministry said.",
                                published="2025-10-10")
    # one record: 42 launched and 42 intercepted, both said by the ministry
    assert [(c.launched.value, c.intercepted.value, c.claimant.side) for c in claims] == [(42, 42, "RU")]


def test_a_list_of_figures_under_a_heading_and_a_source_line():
    text = ("Russian Ministry of Defence:\n"
            "Last night, air defence forces intercepted and destroyed 14 Ukrainian UAVs:\n"
            "6 – over the territory of Kursk region,\n"
            "5 – over the territory of Belgorod region.\n"
            "3 – over the territory of Oryol region.")
    claims = dronewatch.extract(text, published="2025-10-10")
    assert sorted((c.intercepted.value, tuple(c.location.admin1), c.claimant.side) for c in claims) == [
        (3, ("RU-ORL",), "RU"), (5, ("RU-BEL",), "RU"), (6, ("RU-KRS",), "RU"), (14, (), "RU")]
    text = ("Air defence downed 40 of 55 drones overnight\n"
            "Source: Mykola Oleshchuk, Commander of the Air Force\n\n"
            "Air defence destroyed 40 of the 55 Shahed drones launched overnight.")
    claims = dronewatch.extract(text, published="2025-10-10")
    assert {c.claimant.side for c in claims} == {"UA"}


def test_a_barrage_that_consisted_of_figures_was_launched():
    claims = dronewatch.extract("According to the Air Force, the overnight barrage consisted of 210 drones and "
                                "40 missiles. Of these, 190 drones and 31 missiles were shot down.",
                                published="2025-10-10")
    got = {(c.weapon, c.launched and c.launched.value, c.intercepted and c.intercepted.value) for c in claims}
    assert got == {("drone", 210, None), ("missile", 40, None), ("drone", None, 190), ("missile", None, 31)}


def test_an_aside_in_brackets_between_the_figure_and_its_verb():
    claims = dronewatch.extract("Overnight 40 drones (mostly Shaheds) were shot down over the Odesa region, "
                                "the Air Force said.", published="2025-10-12")
    assert [(c.intercepted.value, c.location.admin1) for c in claims] == [(40, ["UA-51"])]
    claims = dronewatch.extract("За минулу добу 180 ворожих БпЛА (переважно FPV) атакували громади області, "
                                "повідомив начальник Запорізької ОВА.", published="2025-10-12")
    assert [c.launched.value for c in claims] == [180]


def test_more_ways_to_report_a_salvo():
    def got(text):
        return [({m: getattr(c, m).value for m in ("launched", "intercepted") if getattr(c, m)}, c.weapon,
                 c.location.admin1) for c in dronewatch.extract(text, published="2024-03-31")]
    assert got("The air force said it had managed to down nine of the drones.") == [({"intercepted": 9}, "drone", [])]
    assert got("The military tracked a total of 73 enemy drones, the Air Force said.") == \
        [({"launched": 73}, "drone", [])]
    # "Moscow's forces": the attacker, not a place
    assert got("The air force said it had shot down three cruise missiles launched by Moscow's forces overnight.") \
        == [({"intercepted": 3}, "missile", [])]
    assert got("Російська армія атакувала Україну, використавши 38 ударних безпілотників, повідомили "
               "Повітряні сили.") == [({"launched": 38}, "drone", [])]


def test_the_dateline_is_when_the_story_was_filed_not_the_period_it_reports():
    claims = dronewatch.extract("KYIV, Nov 17 (Example Wire) - Russia launched 1,100 drones against Ukraine "
                                "between November 10 and November 16, the Air Force said.", published="2025-11-17")
    assert [(c.when.start, c.when.end) for c in claims] == [("2025-11-10", "2025-11-16")]


def test_a_national_commands_tally_is_the_countrys_not_the_scene_before_it():
    text = ("Strikes were also reported in the southern Odesa region, where a port was hit.\n"
            "According to Ukraine's Air Force, the overnight barrage consisted of 120 drones and 9 missiles. "
            "Of these, 101 drones and 7 missiles were shot down.")
    claims = dronewatch.extract(text, published="2025-11-20")
    counted = [c for c in claims if c.launched or c.intercepted]
    assert len(counted) == 4
    assert all(c.location.admin1 == [] and c.location.country == "UA" for c in counted), \
        [(c.location.admin1, c.location.country) for c in counted]


def test_a_dateline_with_chevrons_is_where_the_story_was_filed_not_the_figures_place():
    claims = dronewatch.extract("KYIV >> Ukraine's air defense shot down 15 attack drones that Russia launched "
                                "overnight, the air force said on Tuesday.", published="2025-08-06")
    assert [(c.intercepted.value, c.location.admin1) for c in claims] == [(15, [])]


def test_the_whole_of_n_of_m_is_what_was_launched_and_the_part_takes_the_verb():
    for text, expected in (
            ("45 of the 62 drones were shot down, the air force said.", {("launched", 62), ("intercepted", 45)}),
            ("132 out of 141 drones were destroyed overnight.", {("launched", 141), ("intercepted", 132)}),
            ("Of the 40 drones Russia launched overnight, 31 were shot down.", {("launched", 40), ("intercepted", 31)}),
            ("Russia fired 16 missiles and 32 drones, out of which Ukraine shot down 14 missiles and 23 drones.",
             {("launched", 16), ("launched", 32), ("intercepted", 14), ("intercepted", 23)})):
        got = {(m, getattr(c, m).value) for c in dronewatch.extract(text, published="2025-03-02")
               for m in ("launched", "intercepted") if getattr(c, m)}
        assert got == expected, text
    # a breakdown after "72 out of 99" counts what the 72 did, not the launch of the 99
    claims = dronewatch.extract("Air defences destroyed 72 out of 99 missiles, including all 10 Kinzhals.",
                                published="2025-03-02")
    assert {(m, getattr(c, m).value) for c in claims for m in ("launched", "intercepted") if getattr(c, m)} == {
        ("launched", 99), ("intercepted", 72), ("launched", 10), ("intercepted", 10)}


def test_coordinated_figures_share_a_passive_launch_verb():
    claims = dronewatch.extract("According to the air force, 17 missiles and 31 drones were launched on Thursday.",
                                published="2025-03-07")
    assert sorted((c.weapon, c.launched.value) for c in claims) == [("drone", 31), ("missile", 17)]
    # a launch verb after the noun without "were" still belongs to its relative clause
    claims = dronewatch.extract("Air defences shot down 12 drones that Russia launched at Kyiv.", published="2025-03-07")
    assert [(c.intercepted.value, c.launched) for c in claims] == [(12, None)]


def test_a_lower_case_may_is_no_month_and_a_percentage_no_count():
    claims = dronewatch.extract("18 cruise missiles shot down in one morning, 12 may have reached targets",
                                published="2022-10-22")
    assert [(c.intercepted.value, c.when.start) for c in claims] == [(18, "2022-10-22")]
    assert dronewatch.extract("On 12 May, 18 drones were shot down over Kursk Oblast.",
                              published="2022-10-22")[0].when.start == "2022-05-12"
    assert dronewatch.extract("Exports were down 16 percent after drones hit the port.", published="2022-10-22") == []
    claims = dronewatch.extract("Ukrainian forces down 16 kamikaze drones overnight", published="2022-10-23")
    assert [c.intercepted.value for c in claims] == [16]


def test_people_planes_and_launch_airspace_are_no_places_or_weapons():
    # a governor's surname that is also a town's name
    claims = dronewatch.extract("The governor of Voronezh region, Aleksandr Gusev, said air defences shot down "
                                "three drones over the region.", published="2024-05-02")
    assert [(c.intercepted.value, c.location.admin1) for c in claims] == [(3, ["RU-VOR"])]
    # planes destroyed at an airbase are equipment losses, not weapons
    assert dronewatch.extract("At least six Russian military aircraft were destroyed at the airbase.",
                              published="2024-04-05") == []
    # the airspace missiles were fired from is no place they reached
    claims = dronewatch.extract("Russia launched two Kh-59 guided missiles from the airspace over Russia's Belgorod "
                                "region, the air force said.", published="2024-08-14")
    assert [(c.launched.value, c.location.admin1) for c in claims] == [(2, [])]


def test_another_two_is_two_and_a_drone_that_has_attacked_struck():
    claims = dronewatch.extract("Later in the day, another two drones were downed over the Volgograd region.",
                                published="2023-12-17")
    assert [c.intercepted.value for c in claims] == [2]
    claims = dronewatch.extract("A Ukrainian unmanned aerial vehicle has attacked an oil refinery in Russia's "
                                "Ryazan Region, Governor Pavel Malkov said.", published="2024-03-13")
    assert [(c.hit.value, c.location.admin1, c.location.facility_type) for c in claims] == [
        (1, ["RU-RYA"], "refinery")]


def test_a_byline_place_is_where_the_story_was_filed():
    text = ("Kyiv • UNN\n"
            "On the night of October 22, Russia attacked Ukraine with 60 drones, 42 of which were shot down, "
            "the air force said.")
    claims = dronewatch.extract(text, published="2024-10-22")
    assert [(c.launched.value, c.intercepted.value, c.location.admin1) for c in claims] == [(60, 42, [])]


def test_casualty_nouns_count_people_and_a_casualty_takes_the_place_of_its_sentence():
    claims = dronewatch.extract("Attacks on the Zaporizhzhia region over the past day resulted in four fatalities "
                                "and six injuries, regional authorities reported.", published="2026-01-21")
    assert [(c.killed.value, c.injured.value, c.location.admin1) for c in claims] == [(4, 6, ["UA-23"])]
    claims = dronewatch.extract("Three people were killed when a Russian drone hit an apartment block in the "
                                "southern port city of Odesa overnight, the governor said.", published="2024-03-02")
    assert {(c.killed and c.killed.value, tuple(c.location.admin1)) for c in claims} == {(3, ("UA-51",))}
    # a "Black Sea port city" is a city, not the sea
    claims = dronewatch.extract("The governor of Odesa said two people were wounded during the attack on the "
                                "Black Sea port city.", published="2024-03-02")
    assert [(c.injured.value, c.location.admin1, c.location.water_body) for c in claims] == [(2, ["UA-51"], None)]


def test_air_defence_forces_written_with_capitals_speak_for_their_side():
    claims = dronewatch.extract("Ukraine's Air Defense and Defense Forces destroyed all 35 Shaheds and 72 out of "
                                "99 missiles.", published="2024-01-02")
    assert {c.claimant.side for c in claims} == {"UA"}
    claims = dronewatch.extract("Russian Air Defense Forces destroyed 20 drones.", published="2024-01-02")
    assert [(c.intercepted.value, c.claimant.side) for c in claims] == [(20, "RU")]


def test_lists_share_their_place_and_equal_figures_side_by_side_are_two_claims():
    claims = dronewatch.extract("Russian forces also used two Geran-2 type UAVs, one FPV drone, and three additional "
                                "UAVs against Kharkiv region, the governor said.", published="2025-01-02")
    assert [(c.launched.value, c.location.admin1) for c in claims] == [
        (2, ["UA-63"]), (1, ["UA-63"]), (3, ["UA-63"])]
    # a casualty after a participle is no item of the list of weapons
    claims = dronewatch.extract("Russia attacked Ukraine with nearly 300 drones and 50 missiles, killing one "
                                "person in the Kyiv region.", published="2025-01-02")
    assert {(m, getattr(c, m).value, tuple(c.location.admin1)) for c in claims
            for m in ("launched", "killed") if getattr(c, m)} == {
        ("launched", 300, ()), ("launched", 50, ()), ("killed", 1, ("UA-32",))}
    claims = dronewatch.extract("Ukraine's air defense shot down two Iskander-M ballistic missiles, two Kh-59 "
                                "cruise missiles and 15 attack drones, the air force said.", published="2024-08-06")
    assert sorted(c.intercepted.value for c in claims) == [2, 2, 15]


def test_a_single_drone_that_attacked_by_struck_and_a_long_attacked_with():
    claims = dronewatch.extract("Another car was attacked by a Ukrainian drone in Belgorod region this evening.",
                                published="2024-05-07")
    assert [(c.hit.value, c.launched) for c in claims] == [(1, None)]
    claims = dronewatch.extract("The enemy attacked the Kyivskyi district of Kharkiv with two Iskander-M missiles.",
                                published="2024-01-02")
    assert [(c.launched.value, c.weapon) for c in claims] == [(2, "missile")]


def test_drones_that_appeared_or_attacked_were_launched_and_one_way_is_no_count():
    claims = dronewatch.extract("During the night, more than 70 Russian combat drones also appeared over Ukraine.",
                                published="2024-05-01")
    assert [(c.launched.value, c.launched.qualifier) for c in claims] == [(70, "at_least")]
    claims = dronewatch.extract("He wrote about three naval drones and one aerial drone that allegedly attacked the "
                                "naval base in Sevastopol.", published="2023-03-22")
    assert sorted((c.weapon, c.launched.value) for c in claims if c.launched) == [("drone", 1), ("naval_drone", 3)]
    claims = dronewatch.extract("In September Russia launched over 1,300 One Way Attack Uncrewed Aerial vehicles "
                                "into Ukraine.", published="2024-10-01")
    assert [(c.launched.value, c.weapon) for c in claims] == [(1300, "drone")]


def test_all_of_which_after_a_comma_is_no_new_figure():
    claims = dronewatch.extract("Air defences downed nine drones over Belgorod Oblast. Moscow Oblast saw seven drones "
                                "neutralized, all of which had been heading toward the city.", published="2025-10-24")
    assert sorted(c.intercepted.value for c in claims if c.intercepted) == [7, 9]


def test_a_person_counts_from_the_article_nearest_to_it():
    # "a car killed a woman": the article of "a woman" is the second "a", not the first
    assert facts("A drone attack on a car killed a woman and wounded her husband near Nikopol.") == [
        ("injured", 1, "exact", "-", ("UA-12",)), ("killed", 1, "exact", "-", ("UA-12",))]


def test_people_counted_after_including_are_among_those_before():
    # the two children are among the 34 killed: no count of their own (and never the
    # "injured" of the verb after them)
    assert facts("A missile struck Sumy, killing 34 people, including two children, and injuring 117.") == [
        ("hit", 1, "exact", "missile", ("UA-59",)), ("injured", 117, "exact", "-", ("UA-59",)),
        ("killed", 34, "exact", "-", ("UA-59",))]
    assert facts("Унаслідок удару по Сумах загинули 34 людини, зокрема двоє дітей, ще 117 поранені.") == [
        ("injured", 117, "exact", "-", ("UA-59",)), ("killed", 34, "exact", "-", ("UA-59",))]


def test_where_an_attack_came_from_is_no_place_of_its_figures():
    # "attacked with 48 drones from the Kursk and Bryansk directions": launched from Russia,
    # not over it
    got = facts("Overnight the enemy attacked with 48 attack UAVs from the Kursk and Bryansk directions; "
                "31 were shot down.")
    assert got and all(where in ((None,), ("UA",)) for *_, where in got), got


def test_each_weapon_models_figures_stay_with_that_model():
    # two missile models in one sentence: the interceptions of each go with its launches
    text = ("Russia fired 4 Kinzhal missiles, 12 Kalibr missiles and 30 Shahed drones; air defences "
            "shot down 3 Kinzhals, 11 Kalibrs and 25 Shaheds.")
    got = sorted((c.weapon_model, c.launched.value, c.intercepted.value)
                 for c in dronewatch.extract(text, published="2025-06-15"))
    assert got == [("Kalibr", 12, 11), ("Kinzhal", 4, 3), ("Shahed", 30, 25)]


@pytest.mark.parametrize("text, published, start, end", [
    # the day a statement was made is not the night it reports
    ("Russia launched 70 drones at Ukraine overnight, the Air Force said on Wednesday.", "2025-03-12",
     "2025-03-11", "2025-03-12"),
    # "Tuesday night" runs into Wednesday
    ("On Tuesday night, Russia launched 70 drones at Ukraine.", "2025-03-12", "2025-03-11", "2025-03-12"),
    # from one named weekday to the next
    ("Between 9 p.m. on Tuesday and 7 a.m. on Wednesday, Russia launched 70 drones.", "2025-03-12",
     "2025-03-11", "2025-03-12"),
    # a weekday that dates the figure itself stays its day
    ("On Monday, air defences shot down 70 drones over Kyiv Oblast.", "2025-03-12", "2025-03-10", "2025-03-10"),
    # "overnight on Dec. 5" is the night before that morning; "the night of Dec. 4" the night after that day
    ("Russia attacked Ukraine with 58 drones overnight on Dec. 5, the Air Force said.", "2025-12-05",
     "2025-12-04", "2025-12-05"),
    ("On the night into Dec. 5, Russia attacked Ukraine with 58 drones.", "2025-12-05", "2025-12-04", "2025-12-05"),
    ("On the night of Dec. 4, Russia attacked Ukraine with 58 drones.", "2025-12-05", "2025-12-04", "2025-12-05"),
])
def test_weekdays_and_nights_said_on_at_night_and_in_ranges(text, published, start, end):
    (claim,) = dronewatch.extract(text, published=published)
    assert (claim.when.start, claim.when.end) == (start, end)


def test_the_past_day_in_ukrainian_without_a_preposition():
    (claim,) = dronewatch.extract("Минулої доби над Харківщиною збито 15 дронів.", published="2025-03-12")
    assert (claim.when.start, claim.when.end) == ("2025-03-11", "2025-03-12")


def test_pounded_with_is_a_launch_and_names_the_attacker():
    got = [(c.weapon, c.launched.value, c.attacker, c.claimant.side, c.location.country)
           for c in dronewatch.extract("Russia pounded Ukraine with 75 drones and 6 missiles overnight, "
                                       "officials said.", published="2025-03-15")]
    assert sorted(got) == [("drone", 75, "RU", "UA", "UA"), ("missile", 6, "RU", "UA", "UA")]


def test_whose_air_defences_downed_them_gives_the_side_when_the_speaker_does_not():
    (claim,) = dronewatch.extract("The Ministry of Defense reported that Russian air defenses downed "
                                  "5 HIMARS rockets over the past day.", published="2025-03-15")
    assert (claim.intercepted.value, claim.claimant.side, claim.attacker) == (5, "RU", "UA")


@pytest.mark.parametrize("text, expected", [
    # a day range before its month is a date, not a count of anything
    ("The Russians attacked the town of Lozova on the night of 17-18 May.", []),
    ("В ночь с 17 на 18 мая сбиты 20 беспилотников.", [("intercepted", 20, "exact", "drone", (None,))]),
    # "two dozen" is 24
    ("Air defences downed two dozen drones over Sumy Oblast.", [("intercepted", 24, "exact", "drone", ("UA-59",))]),
    # drones that attacked a city were launched at it
    ("About 60 drones attacked Odesa overnight.", [("launched", 60, "approx", "drone", ("UA-51",))]),
])
def test_day_ranges_dozens_and_drones_that_attacked(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text, value, region", [
    ("The number of injured in Kharkiv has risen to 38, the mayor said.", 38, "UA-63"),
    ("Число пострадавших в Белгороде возросло до 11.", 11, "RU-BEL"),
])
def test_the_number_of_injured_risen_to_n(text, value, region):
    assert facts(text) == [("injured", value, "exact", "-", (region,))]


def test_not_a_single_drone_is_none():
    assert facts("Not a single drone reached its target in Kyiv, the city administration said.") == []
