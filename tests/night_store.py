"""A store of nightly reports written for the tests, with their claims built here and stored
as `ingest` stores them (no extractor in between), and a small piterfm-format table.

Three nights (the morning that ends each): 15, 16 and 17 June 2025.
- 15th: the Russian ministry's national 40 drones (25 over Kursk, 15 over Bryansk: parts of
  it); the Ukrainian Air Force's 80 drones launched, 60 downed, and 4 missiles downed.
- 16th: the ministry's 30; the Air Force's 95 launched, 75 downed, in two outlets.
- 17th: only a governor's 5 drones over Belgorod (no national figure).
The table: 80/60 drones the 15th, 90/70 (+5 that did not reach their targets) the 16th,
50/45 the 17th.
"""

from __future__ import annotations

import csv

import orjson

from dronewatch.model import Claim, Claimant, Count, Document, Evidence, Location, TimeSpan
from dronewatch.store import open_store
from dronewatch.store.pipeline import _doc_row
from dronewatch.store.write import content_hash, insert_claims, insert_documents, mark_dirty

AIR_FORCE = Claimant(name="Ukrainian Air Force", side="UA", role="military")
MINISTRY = Claimant(name="Russian Ministry of Defence", side="RU", role="military")
GOVERNOR = Claimant(name="Governor of Belgorod", side="RU", role="official")

TABLE_HEADER = ["time_start", "time_end", "model", "launched", "destroyed", "not_reach_goal", "source"]
TABLE = [  # file lines 2-6
    ["2025-06-14 19:00", "2025-06-15 08:00", "Shahed-136/131", "80.0", "60.0", "", "post/1"],
    ["2025-06-14 19:00", "2025-06-15 08:00", "Iskander-M", "4.0", "2.0", "", "post/1"],
    ["2025-06-15 20:00", "2025-06-16 08:30", "Shahed-136/131", "90.0", "70.0", "5.0", "post/2"],
    ["2025-06-15", "2025-06-16", "Orlan-10", "3.0", "3.0", "", "post/2"],
    ["2025-06-16 20:00", "2025-06-17 08:00", "Shahed-136/131", "50.0", "45.0", "", "post/3"],
]


def night(morning: str) -> TimeSpan:
    day = int(morning[8:])
    return TimeSpan(f"{morning[:8]}{day - 1:02d}", morning, "night")


def claim(doc: Document, who: Claimant, weapon: str, counts: dict[str, int], country: str,
          regions: tuple[str, ...] = (), part_of: Claim | None = None) -> Claim:
    c = Claim(doc_id=doc.id, weapon=weapon, attacker="UA" if country == "RU" else "RU",
              **{m: Count(n) for m, n in counts.items()},
              location=Location(country=country, admin1=list(regions),
                                precision="admin1" if regions else "country"),
              when=night(doc.published), claimant=who, evidence=[Evidence(0, len(doc.text))],
              part_of=part_of.id if part_of else None)
    c.assign_id()
    return c


def reports() -> list[tuple[Document, list[Claim]]]:
    out = []

    def report(doc_id, outlet, published, text):
        d = Document(id=doc_id, text=text, published=published, outlet=outlet)
        out.append((d, []))
        return d, out[-1][1]

    d, cs = report("mod15", "Ministry Channel", "2025-06-15",
                   "Air defences destroyed 40 Ukrainian drones overnight: 25 over Kursk Oblast and "
                   "15 over Bryansk Oblast, the ministry said.")
    total = claim(d, MINISTRY, "drone", {"intercepted": 40}, "RU")
    cs += [total, claim(d, MINISTRY, "drone", {"intercepted": 25}, "RU", ("RU-KRS",), total),
           claim(d, MINISTRY, "drone", {"intercepted": 15}, "RU", ("RU-BRY",), total)]
    d, cs = report("af15", "Air Force Channel", "2025-06-15",
                   "Russia launched 80 drones overnight and 60 were shot down; all 4 missiles were "
                   "downed, the Air Force said.")
    cs += [claim(d, AIR_FORCE, "drone", {"launched": 80, "intercepted": 60}, "UA"),
           claim(d, AIR_FORCE, "missile", {"intercepted": 4}, "UA")]
    d, cs = report("mod16", "Ministry Channel", "2025-06-16",
                   "Thirty Ukrainian drones were destroyed overnight, the ministry said.")
    cs.append(claim(d, MINISTRY, "drone", {"intercepted": 30}, "RU"))
    for doc_id, outlet in (("af16", "Air Force Channel"), ("wire16", "Wire One")):
        d, cs = report(doc_id, outlet, "2025-06-16",
                       "Russia attacked with 95 drones overnight; air defences downed 75, the Air "
                       f"Force said ({outlet}).")
        cs.append(claim(d, AIR_FORCE, "drone", {"launched": 95, "intercepted": 75}, "UA"))
    d, cs = report("gov17", "Governor's Channel", "2025-06-17",
                   "Five drones were shot down over Belgorod Oblast overnight, the governor said.")
    cs.append(claim(d, GOVERNOR, "drone", {"intercepted": 5}, "RU", ("RU-BEL",)))
    return out


def store_reports(url: str, items: list[tuple[Document, list[Claim]]] | None = None) -> None:
    """Store the reports (documents and claims) as ingest would, incidents left to rebuild."""
    with open_store(url) as store, store.writer() as conn:
        for doc, claims in items or reports():
            [pk] = insert_documents(conn, [_doc_row(doc, content_hash(doc.text))]).values()
            insert_claims(conn, [(pk, [orjson.dumps(c.to_dict()) for c in claims])])
        mark_dirty(conn)


def write_table(path, rows=TABLE, extra_lines: str = ""):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(TABLE_HEADER)
        w.writerows(rows)
        fh.write(extra_lines)
    return path


def build(url: str, tmp_path) -> None:
    """The reports stored, the table imported and the incidents rebuilt."""
    from dronewatch.store.incidents import rebuild
    from dronewatch.store.reference import read_piterfm, replace_table

    store_reports(url)
    rows = read_piterfm(write_table(tmp_path / "table.csv"), lambda line: None)
    with open_store(url) as store:
        with store.writer() as conn:
            replace_table(conn, "piterfm", rows)
        rebuild(store)
