"""Breakdowns judged per incident (verify/breakdowns.py).

The claims are built here from sentences written for these tests, each with its evidence
offsets, so what is judged is the combination of sources, not the extractor's reading.
"""

from __future__ import annotations

from dronewatch.model import Claim, Claimant, Count, Document, Evidence, Location, TimeSpan
from dronewatch.verify import group_incidents

NIGHT = TimeSpan("2025-06-14", "2025-06-15", "night")
RU = Claimant(name="Russian Ministry of Defence", side="RU", role="military")


class Report:
    """A document and the claims read from it: a total and its regional parts."""

    def __init__(self, doc_id: str, text: str, outlet: str):
        self.doc = Document(id=doc_id, text=text, published="2025-06-15", outlet=outlet)
        self.claims: list[Claim] = []

    def _evidence(self, phrase: str) -> list[Evidence]:
        start = self.doc.text.index(phrase)
        return [Evidence(start, start + len(phrase))]

    def total(self, n: int, phrase: str, measure: str = "intercepted", side: Claimant = RU,
              weapon: str = "drone", model: str | None = None, country: str = "RU") -> Claim:
        c = Claim(doc_id=self.doc.id, weapon=weapon, weapon_model=model, **{measure: Count(n)},
                  location=Location(country=country, precision="country"), when=NIGHT,
                  claimant=side, evidence=self._evidence(phrase))
        c.assign_id()
        self.claims.append(c)
        return c

    def part(self, total: Claim, n: int, region: str, phrase: str) -> Claim:
        c = Claim(doc_id=self.doc.id, weapon="drone", intercepted=Count(n),
                  location=Location(country="RU", admin1=[region], precision="admin1"), when=NIGHT,
                  claimant=RU, evidence=self._evidence(phrase), part_of=total.id)
        c.assign_id()
        self.claims.append(c)
        return c


def incidents_of(*reports: Report):
    return group_incidents([c for r in reports for c in r.claims], [r.doc for r in reports])


def breakdown_flags(incidents) -> list:
    return [f for inc in incidents for f in inc.flags if f.kind == "breakdown_mismatch"]


REGIONS = {"Kursk": "RU-KRS", "Bryansk": "RU-BRY", "Belgorod": "RU-BEL"}


def listing(doc_id: str, outlet: str, text: str, total: int, total_phrase: str,
            parts: dict[str, int]) -> Report:
    """A report of a total and its regional figures, each region's phrase "N over X Oblast"."""
    r = Report(doc_id, text, outlet)
    t = r.total(total, total_phrase)
    for region, n in parts.items():
        r.part(t, n, REGIONS[region], f"{n} over {region} Oblast")
    return r


def full_list() -> Report:
    return listing("full", "Wire One", "The ministry said 60 drones were destroyed overnight: 30 over "
                   "Kursk Oblast, 20 over Bryansk Oblast and 10 over Belgorod Oblast.",
                   60, "60 drones were destroyed overnight", {"Kursk": 30, "Bryansk": 20, "Belgorod": 10})


def test_a_partial_list_completed_by_another_source_is_no_mismatch():
    partial = listing("part", "Paper Two", "Air defences downed 60 drones overnight, the ministry said, "
                      "including 30 over Kursk Oblast and 20 over Bryansk Oblast.",
                      60, "Air defences downed 60 drones overnight", {"Kursk": 30, "Bryansk": 20})
    assert breakdown_flags(incidents_of(partial, full_list())) == []
    # alone, a list that says "including" is a selection, not a mismatch either
    assert breakdown_flags(incidents_of(partial)) == []


def test_a_list_cut_off_with_the_text_is_partial():
    cut = listing("cut", "Channel Three", "Over the night 60 drones were destroyed: 30 over Kursk Oblast, "
                  "20 over Bryansk Oblast, and over the", 60, "60 drones were destroyed",
                  {"Kursk": 30, "Bryansk": 20})
    assert breakdown_flags(incidents_of(cut, full_list())) == []
    assert breakdown_flags(incidents_of(cut)) == []


def test_both_lists_short_of_the_total_are_flagged_naming_the_gap_and_the_sources():
    one = listing("one", "Wire One", "The ministry said 70 drones were destroyed overnight: 30 over "
                  "Kursk Oblast and 20 over Bryansk Oblast.", 70, "70 drones were destroyed overnight",
                  {"Kursk": 30, "Bryansk": 20})
    two = listing("two", "Paper Two", "Seventy drones were shot down, the ministry said: 30 over Kursk "
                  "Oblast, 20 over Bryansk Oblast and 10 over Belgorod Oblast.",
                  70, "Seventy drones were shot down", {"Kursk": 30, "Bryansk": 20, "Belgorod": 10})
    [flag] = breakdown_flags(incidents_of(one, two))  # one flag for the total, not one per source
    assert "add up to 60, 10 fewer than the stated total of 70" in flag.message
    assert "3 regions" in flag.message
    assert "Wire One (one)" in flag.message and "Paper Two (two)" in flag.message
    assert flag.claim_id in (one.claims[0].id, two.claims[0].id)


def test_regional_parts_over_the_total_are_flagged_even_when_partial():
    over = listing("over", "Paper Two", "Air defences downed 40 drones overnight, including 30 over "
                   "Kursk Oblast and 20 over Bryansk Oblast.", 40, "Air defences downed 40 drones overnight",
                   {"Kursk": 30, "Bryansk": 20})
    [flag] = breakdown_flags(incidents_of(over))
    assert "add up to 50, 10 more than the stated total of 40" in flag.message
    assert flag.claim_id == over.claims[0].id


def test_one_region_out_of_a_total_is_an_example():
    example = listing("ex", "Wire One", "The ministry said 60 drones were destroyed: 30 over Kursk Oblast.",
                      60, "60 drones were destroyed", {"Kursk": 30})
    assert breakdown_flags(incidents_of(example)) == []


# ---------------------------------------------------------------- weapon models
UA = Claimant(name="Ukrainian Air Force", side="UA", role="military")


def missiles(doc_id: str, outlet: str, text: str, figures: list[tuple[int, str | None, str]]) -> Report:
    r = Report(doc_id, text, outlet)
    for n, model, phrase in figures:
        r.total(n, phrase, measure="launched", side=UA, weapon="missile", model=model, country="UA")
    return r


POST = ("The Air Force said Russia launched 4 Iskander-M and 2 Kinzhal missiles overnight.",
        [(4, "Iskander-M", "4 Iskander-M"), (2, "Kinzhal", "2 Kinzhal")])


def test_weapon_model_figures_are_parts_of_another_sources_total():
    post = missiles("post", "Air Force Channel", *POST)
    wire = missiles("wire", "Wire One", "Russia fired six ballistic missiles overnight, the air force said.",
                    [(6, None, "six ballistic missiles")])
    [inc] = incidents_of(post, wire)
    assert not [f for f in inc.flags if f.kind in ("count_conflict", "breakdown_mismatch")]


def test_weapon_model_figures_that_do_not_add_up_are_a_breakdown_mismatch():
    post = missiles("post", "Air Force Channel", *POST)
    wire = missiles("wire", "Wire One", "Russia fired nine ballistic missiles overnight, the air force said.",
                    [(9, None, "nine ballistic missiles")])
    [inc] = incidents_of(post, wire)
    assert "count_conflict" not in [f.kind for f in inc.flags]
    [flag] = breakdown_flags([inc])
    assert "weapon-model figures add up to 6 (4 Iskander-M + 2 Kinzhal, Air Force Channel (post))" in flag.message
    assert "3 fewer than the total of 9" in flag.message and "Wire One (wire)" in flag.message


def test_one_model_counted_differently_is_still_a_count_conflict():
    post = missiles("post", "Air Force Channel", *POST)
    other = missiles("other", "Paper Two", "The Air Force said 7 Iskander-M missiles were fired overnight.",
                     [(7, "Iskander-M", "7 Iskander-M")])
    [inc] = incidents_of(post, other)
    [flag] = [f for f in inc.flags if f.kind == "count_conflict"]
    assert "launched of Iskander-M" in flag.message and "says 4" in flag.message and "says 7" in flag.message
