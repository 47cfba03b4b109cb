"""Incidents and flags: claims of many documents grouped into real-world events.

The unit tests run the real extractor on sentences written for these tests (none is copied
from an article); the acceptance tests read the shared corpora (`$DRONEWATCH_SHARED` or
../shared, as in test_accuracy_gate.py) and skip cleanly without them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import dronewatch
from dronewatch.extract import extract_document
from dronewatch.model import Claim, Claimant, Count, Document, Location, TimeSpan
from dronewatch.verify import group_incidents, near_duplicates, source_groups

from test_accuracy_gate import shared_dir


def doc(doc_id: str, text: str, published: str | None = "2025-06-15", outlet: str | None = None) -> Document:
    return Document(id=doc_id, text=text, published=published, outlet=outlet)


def verify(*docs: Document):
    claims = [c for d in docs for c in extract_document(d)]
    return claims, group_incidents(claims, docs)


def incident_of(incidents, claim_id: str):
    [inc] = [i for i in incidents if any(c.id == claim_id for c in i.claims)]
    return inc


def kinds(inc) -> list[str]:
    return [f.kind for f in inc.flags]


def find(claims, doc_id: str, measure: str, value: int) -> Claim:
    [c] = [c for c in claims if c.doc_id == doc_id and getattr(c, measure) is not None
           and getattr(c, measure).value == value]
    return c


A = ("Russian air defences destroyed 48 Ukrainian drones overnight, the Defence Ministry said. "
     "Twenty were downed over the Kursk region and 15 over Bryansk Oblast.")
B = ("The Defence Ministry said 48 Ukrainian drones were shot down overnight. Air defences downed "
     "20 over the Kursk region and 15 over Bryansk Oblast, and three people were wounded in Kursk, "
     "the governor said.")


# ---------------------------------------------------------------- grouping
def test_two_outlets_one_night_share_incidents_and_keep_the_total_apart_from_its_parts():
    claims, incidents = verify(doc("a", A, outlet="Wire One"), doc("b", B, outlet="Paper Two"))
    total = incident_of(incidents, find(claims, "a", "intercepted", 48).id)
    kursk = incident_of(incidents, find(claims, "a", "intercepted", 20).id)
    assert total.documents == ["a", "b"] and kursk.documents == ["a", "b"]
    assert total is not kursk and total.location.admin1 == [] and kursk.location.admin1 == ["RU-KRS"]
    # the link survives: the regional claims still point at their total, which sits in `total`
    assert {c.part_of for c in kursk.claims if c.intercepted} <= {c.id for c in total.claims}
    # the injured figure (weapon unknown) joins the drone incident of the same region and night
    assert find(claims, "b", "injured", 3) in kursk.claims and kursk.weapon == "drone"
    assert kursk.values["intercepted"]["RU"]["value"] == 20
    assert kursk.values["intercepted"]["RU"]["how"] == "the figure all sources agree on"
    assert "single_source" not in kinds(kursk)
    assert len(incidents) == 3


def test_breakdown_mismatch_says_by_how_much():
    claims, incidents = verify(doc("a", A))
    total = find(claims, "a", "intercepted", 48)
    [flag] = [f for f in incident_of(incidents, total.id).flags if f.kind == "breakdown_mismatch"]
    assert flag.claim_id == total.id
    assert "add up to 35, 13 fewer than the stated total of 48" in flag.message


def test_consecutive_nights_in_one_region_stay_distinct():
    text = "Air defences shot down {n} drones over Belgorod Oblast overnight, the Defence Ministry said."
    claims, incidents = verify(doc("mon", text.format(n=12), "2025-06-15"),
                               doc("tue", text.format(n=14), "2025-06-16"))
    assert len(incidents) == 2
    assert all("date_conflict" not in kinds(i) for i in incidents)


def test_a_day_apart_with_the_same_figure_is_one_incident_with_a_date_conflict():
    text = "Air defences shot down 12 drones over Belgorod Oblast overnight, the Defence Ministry said."
    claims, incidents = verify(doc("early", text, "2025-06-15"), doc("late", text.replace("Air", "Russian air"), "2025-06-16"))
    [inc] = incidents
    assert inc.documents == ["early", "late"]
    [flag] = [f for f in inc.flags if f.kind == "date_conflict"]
    assert "2025-06-15" in flag.message and "2025-06-16" in flag.message


def test_a_lone_misdated_report_joins_the_night_others_report_and_nights_never_chain():
    text = "Air defences shot down {n} drones over Belgorod Oblast overnight, the Defence Ministry said."
    claims, incidents = verify(
        doc("r1", text.format(n=12), "2025-06-15"), doc("r2", "Officials said: " + text.format(n=12), "2025-06-15"),
        doc("slip", "Reportedly, " + text.format(n=12), "2025-06-16"),     # the same night, dated a day late
        doc("next", "Later: " + text.format(n=30), "2025-06-16"),          # the next night, truly
        doc("after", "Again: " + text.format(n=30), "2025-06-17"))         # 30 again a day later: its own night
    slip = incident_of(incidents, find(claims, "slip", "intercepted", 12).id)
    assert slip.documents == ["r1", "r2", "slip"] and "date_conflict" in kinds(slip)
    nxt = incident_of(incidents, find(claims, "next", "intercepted", 30).id)
    assert nxt is not slip and "r1" not in nxt.documents


def test_a_document_reporting_both_days_keeps_them_apart():
    both = ("Air defences shot down 12 drones over Belgorod Oblast overnight, the Defence Ministry "
            "said on Monday. On June 13 air defences shot down 30 drones over Belgorod Oblast.")
    other = "Air defences shot down 30 drones over Belgorod Oblast overnight, the Defence Ministry said."
    claims, incidents = verify(doc("both", both, "2025-06-15"), doc("other", other, "2025-06-15"))
    thirty = find(claims, "both", "intercepted", 30)
    assert incident_of(incidents, thirty.id).documents == ["both"]


def test_weapon_classes_stay_apart_and_small_shared_figures_prove_nothing_across_days():
    c1 = Claim(doc_id="x", weapon="drone", intercepted=Count(3), location=Location(country="RU", admin1=["RU-KRS"]),
               when=TimeSpan("2025-06-14", "2025-06-15", "night"), claimant=Claimant(side="RU"))
    c2 = Claim(doc_id="y", weapon="drone", intercepted=Count(3), location=Location(country="RU", admin1=["RU-KRS"]),
               when=TimeSpan("2025-06-15", "2025-06-16", "night"), claimant=Claimant(side="RU"))
    c3 = Claim(doc_id="y", weapon="missile", intercepted=Count(2), location=Location(country="RU", admin1=["RU-KRS"]),
               when=TimeSpan("2025-06-14", "2025-06-15", "night"), claimant=Claimant(side="RU"))
    incidents = group_incidents([c1, c2, c3])
    assert len(incidents) == 3


def test_period_summaries_never_join_nightly_incidents():
    month = Claim(doc_id="m", weapon="drone", launched=Count(500), location=Location(country="UA", precision="country"),
                  when=TimeSpan("2025-06-01", "2025-06-30", "month"), claimant=Claimant(side="UA"))
    night = Claim(doc_id="n", weapon="drone", launched=Count(50), location=Location(country="UA", precision="country"),
                  when=TimeSpan("2025-06-14", "2025-06-15", "night"), claimant=Claimant(side="UA"))
    assert len(group_incidents([month, night])) == 2


def test_unknown_place_stays_its_own_incident_and_is_flagged():
    text = "Air defences shot down 9 drones over Narnia Oblast overnight, the Defence Ministry said."
    claims, incidents = verify(doc("a", text), doc("b", text + " Debris fell on a field."))
    assert len(incidents) == 2  # never merged: not even with the same garbled name
    for inc in incidents:
        [flag] = inc.flags
        assert flag.kind == "unknown_place" and flag.claim_id == inc.claims[0].id
        assert flag.message.startswith("'Narnia Oblast' is not a real region")


def test_count_conflict_names_the_figures_and_sources():
    claims, incidents = verify(
        doc("k1", "Two people were killed in a drone attack on Kharkiv overnight, Governor Oleh Syniehubov said.",
            outlet="Wire One"),
        doc("k2", "Four people were killed in a drone attack on Kharkiv overnight, regional police said.",
            outlet="Paper Two"))
    [inc] = incidents
    [flag] = [f for f in inc.flags if f.kind == "count_conflict"]
    assert "Wire One (k1) says 2" in flag.message and "Paper Two (k2) says 4" in flag.message
    assert inc.values["killed"]["UA"]["value"] == 4
    assert inc.values["killed"]["UA"]["how"] == "the highest of 2 differing figures (4, 2)"


def test_compatible_figures_are_no_conflict():
    def claim(doc_id, n):
        return Claim(doc_id=doc_id, weapon="drone", killed=n, location=Location(country="RU", admin1=["RU-KRS"]),
                     when=TimeSpan("2025-06-15", "2025-06-15", "day"), claimant=Claimant(side="RU"))
    [inc] = group_incidents([claim("a", Count(3, "at_least")), claim("b", Count(4))])
    assert "count_conflict" not in kinds(inc)


def test_sides_disagree():
    def claim(doc_id, side, n):
        return Claim(doc_id=doc_id, weapon="naval_drone", intercepted=Count(n),
                     location=Location(water_body="Black Sea", precision="water_body"),
                     when=TimeSpan("2025-06-14", "2025-06-15", "night"), claimant=Claimant(side=side))
    [inc] = group_incidents([claim("ru", "RU", 20), claim("ua", "UA", 20), claim("ua2", "UA", 6)])
    assert "sides_disagree" not in kinds(inc)  # the UA side also gives 20: the ranges meet
    [inc] = group_incidents([claim("ru", "RU", 20), claim("ua", "UA", 6)])
    [flag] = [f for f in inc.flags if f.kind == "sides_disagree"]
    assert "RU says 20" in flag.message and "UA says 6" in flag.message
    assert set(inc.values["intercepted"]) == {"RU", "UA"}


def test_near_duplicates_count_as_one_source():
    text = ("Air defences shot down 12 drones over Belgorod Oblast overnight, the Defence Ministry said. "
            "Falling debris damaged two houses and a car in a village near the border, the governor "
            "wrote, adding that nobody was hurt and emergency crews were at the scene. Power lines in "
            "two streets were cut and repair teams expected to restore supply by the evening. Residents "
            "were asked to stay away from the fragments and to report any they find to the police. "
            "The regional administration said compensation would be paid for the damaged homes.")
    copy = text + " Schools will open as usual."
    other = ("Air defences shot down 12 drones over Belgorod Oblast overnight, the Defence Ministry said. "
             "The regional governor reported no damage on the ground.")
    docs = [doc("orig", text), doc("copy", copy), doc("other", other)]
    groups = near_duplicates(docs)
    assert groups["orig"] == groups["copy"] == "copy" and groups["other"] == "other"
    claims, incidents = verify(docs[0], docs[1])
    [inc] = incidents
    assert inc.documents == ["copy", "orig"] and "single_source" in kinds(inc)
    claims, incidents = verify(docs[0], docs[2])
    assert "single_source" not in kinds(incidents[0])


def test_one_outlet_is_one_source():
    text = "Air defences shot down 12 drones over Belgorod Oblast overnight, the Defence Ministry said."
    docs = [doc("a", text, outlet="Same Paper"), doc("b", "Overnight, " + text, outlet="same paper")]
    assert len(set(source_groups(docs).values())) == 1


def test_incident_ids_are_stable_and_every_claim_is_kept():
    docs = [doc("a", A), doc("b", B)]
    claims = [c for d in docs for c in extract_document(d)]
    first = group_incidents(claims, docs)
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    second = group_incidents(shuffled, docs[::-1])
    assert [i.id for i in first] == [i.id for i in second]
    assert sorted(c.id for i in first for c in i.claims) == sorted(c.id for c in claims)
    assert len({i.id for i in first}) == len(first)
    record = first[0].to_dict()
    assert {"id", "weapon", "location", "when", "documents", "claims", "values", "flags"} <= record.keys()
    json.dumps(record)


def test_undated_reports_join_only_on_shared_figures():
    one = doc("u1", "Ukraine's Air Force said it shot down 30 of 40 Russian drones.", published=None)
    two = doc("u2", "The Air Force said 30 of the 40 drones Russia launched were downed.", published=None)
    three = doc("u3", "Ukraine's Air Force said it shot down 7 of 9 Russian drones.", published=None)
    claims, incidents = verify(one, two, three)
    assert sorted(i.documents for i in incidents) == [["u1", "u2"], ["u3"]]


# ---------------------------------------------------------------- the shared corpora
def _corpus(name: str) -> list[Document]:
    path = shared_dir() / "corpus" / name
    if not path.is_file():
        pytest.skip(f"no shared corpus at {path} (set DRONEWATCH_SHARED or place ../shared)")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Document(id=d["id"], text=d["text"], published=d.get("published"),
                                url=d.get("url"), title=d.get("title"), outlet=d.get("outlet")))
    return out


def _by_prefix(docs, *prefixes):
    return [d for d in docs if d.id.startswith(prefixes)]


def test_seeds_october_night_two_reports():
    docs = _corpus("seeds.jsonl")
    claims, incidents = verify(*docs)
    r002 = next(d.id for d in docs if d.id.startswith("002"))
    r004 = next(d.id for d in docs if d.id.startswith("004"))

    def in_002_and_004(c: Claim) -> bool:
        return c.doc_id in (r002, r004)

    # every claim (with a real place) the two reports share is one incident with both as sources
    shared = [inc for inc in incidents if set(inc.documents) == {r002, r004}]
    regions = {tuple(i.location.admin1) for i in shared}
    assert {("RU-ROS",), ("RU-VGG",), ("RU-BRY",), ("RU-LEN",), ("RU-KLU",), ("RU-BEL",),
            ("RU-MOS",), ("RU-SMO",), ()} <= regions
    for inc in incidents:
        if any(in_002_and_004(c) for c in inc.claims) and len(inc.documents) == 1:
            # only Voronezh (004 alone) and the garbled region are single-report incidents
            assert {"single_source", "unknown_place"} & set(kinds(inc)), inc.to_dict()

    smolensk = next(i for i in shared if i.location.admin1 == ["RU-SMO"])
    assert "date_conflict" in kinds(smolensk)

    totals = [c for c in claims if c.intercepted and c.intercepted.value == 121]
    assert len(totals) == 2
    national = incident_of(incidents, totals[0].id)
    assert incident_of(incidents, totals[1].id) is national
    # both lists fall short of 121, combined (per region, the largest figure) as well, and
    # each is presented as the full list: one flag for the incident's total
    [flag] = [f for f in national.flags if f.kind == "breakdown_mismatch"]
    assert flag.claim_id in {t.id for t in totals}
    regions: dict[tuple, int] = {}
    for c in claims:
        if c.part_of in {t.id for t in totals} and c.location.admin1:
            key = tuple(c.location.admin1)
            regions[key] = max(regions.get(key, 0), c.intercepted.value)
    combined = sum(regions.values())
    assert combined < 121 and f"add up to {combined}, {121 - combined} fewer than the stated total of 121" in flag.message
    assert r002 in flag.message and r004 in flag.message

    for c in claims:
        if c.location.text == "Belarus Oblast":
            inc = incident_of(incidents, c.id)
            assert inc.claims == [c]
            assert any(f.kind == "unknown_place" and f.claim_id == c.id and "'Belarus Oblast'" in f.message
                       for f in inc.flags)

    [voronezh] = [c for c in claims if c.location.admin1 == ["RU-VOR"]]
    assert voronezh.doc_id == r004
    assert "single_source" in kinds(incident_of(incidents, voronezh.id))


def test_dev_one_night_two_outlets():
    docs = _by_prefix(_corpus("dev.jsonl"), "dev038", "dev060")
    claims, incidents = verify(*docs)
    launched = [c for c in claims if c.launched and c.launched.value == 17]
    assert {c.doc_id for c in launched} == {"dev038", "dev060"}
    national = incident_of(incidents, launched[0].id)
    assert national.documents == ["dev038", "dev060"]
    assert all(incident_of(incidents, c.id) is national for c in claims
               if c.intercepted and c.intercepted.value == 16)
    regional = [c for c in claims if c.location.admin1 == ["UA-12"] and c.intercepted]
    assert incident_of(incidents, regional[0].id).documents == ["dev038", "dev060"]
    assert all("count_conflict" not in kinds(i) for i in incidents)  # 23 = 16 + 1 + 6, not a conflict


def test_dev_moscow_attack_two_outlets():
    docs = _by_prefix(_corpus("dev.jsonl"), "dev042", "dev054")
    claims, incidents = verify(*docs)
    moscow = [i for i in incidents if "RU-MOS" in i.location.admin1 or "RU-MOW" in i.location.admin1]
    assert len(moscow) == 1 and moscow[0].documents == ["dev042", "dev054"]
    conflicts = [f for f in moscow[0].flags if f.kind == "count_conflict"]
    assert any("killed" in f.message and "dev042" in f.message and "dev054" in f.message for f in conflicts)
    [total] = [i for i in incidents if i.location.admin1 == [] and i.location.country == "RU"
               and i.when.precision != "month"]
    assert total.documents == ["dev042", "dev054"] and total.values["intercepted"]["RU"]["value"] == 337
    # the January attack the second outlet recalls is another incident
    assert any(i.when.precision == "month" and i.documents == ["dev054"] for i in incidents)


def test_dev_distinct_nights_stay_distinct():
    docs = _corpus("dev.jsonl")
    claims, incidents = verify(*docs)
    for inc in incidents:
        dated = {c.when.start for c in inc.claims if c.when.start}
        assert "date_conflict" in kinds(inc) or len({d[:7] for d in dated}) <= 1, inc.to_dict()
    # one outlet's two Belgorod days (13 and 14 August 2023) are two incidents
    belgorod = [i for i in incidents if i.documents == ["dev010"] and i.location.admin1 == ["RU-BEL"]]
    assert len(belgorod) == 2
    assert not any("date_conflict" in kinds(i) for i in incidents)


def test_a_ministry_post_and_its_english_rewrite_fall_into_the_same_incidents():
    # written for this test: a Russian ministry post and an English wire rewrite of the same night
    post = doc("tg/101", "Минобороны России сообщило, что в течение прошедшей ночи средствами ПВО сбиты 31 "
                         "украинский беспилотник самолетного типа: 20 – над Брянской областью и 11 – над Курской "
                         "областью.", "2025-06-15", "Минобороны России")
    rewrite = doc("wire/7", "MOSCOW, June 15. Russian air defences intercepted and destroyed 31 Ukrainian drones "
                            "overnight: 20 over the Bryansk Region and 11 over the Kursk Region, the Defence "
                            "Ministry said.", "2025-06-15", "Wire")
    claims, incidents = verify(post, rewrite)
    for value in (31, 20, 11):
        together = [i for i in incidents if any(c.intercepted and c.intercepted.value == value for c in i.claims)]
        assert len(together) == 1, value
        assert sorted(together[0].documents) == ["tg/101", "wire/7"]
