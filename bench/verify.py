#!/usr/bin/env python3
"""Benchmark `dronewatch.verify.group_incidents`: claims per second on generated claims.

    .venv/bin/python bench/verify.py                     # 100,000 claims
    .venv/bin/python bench/verify.py --claims 1000000    # and any other size
    .venv/bin/python bench/verify.py --scale             # 100k and 1M: is the growth linear?
    .venv/bin/python bench/verify.py --blocks 28         # also grouped by 28-day blocks

The claims are generated in code, not extracted: real region codes of Russia and Ukraine,
a year of nights per 100,000 claims (so the density per night stays that of a busy year),
several outlets. Each generated *event* (a weapon over a region on one
night, with its figures) is reported by 1-4 outlets; some reports give the date a day off
(5 %) or a different figure (10 %), some nights also carry a national total whose regional
parts point at it (`part_of`) and casualty-only claims with an unknown weapon. Grouping
includes the flags (flags=True) and reuses no near-duplicate links (no documents), so the
time is the grouping, reconciling and flagging alone.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from dronewatch.model import Claim, Claimant, Count, Location, TimeSpan  # noqa: E402
from dronewatch.verify import group_incidents  # noqa: E402

RU = ["RU-BEL", "RU-KRS", "RU-BRY", "RU-ROS", "RU-VOR", "RU-KLU", "RU-SMO", "RU-MOS", "RU-MOW",
      "RU-ORL", "RU-LIP", "RU-TUL", "RU-VGG", "RU-KDA", "RU-LEN", "RU-TAM", "RU-RYA", "RU-NGR"]
UA = ["UA-63", "UA-12", "UA-53", "UA-51", "UA-59", "UA-18", "UA-32", "UA-74", "UA-14",
      "UA-23", "UA-65", "UA-48", "UA-05", "UA-46", "UA-71", "UA-35"]
OUTLETS = [f"outlet{i:02d}" for i in range(12)]


def generate(n: int, seed: int = 1) -> list[Claim]:
    rnd = random.Random(seed)
    start = date(2025, 1, 1)
    claims: list[Claim] = []
    doc_n = 0
    days = max(365, n * 365 // 100_000)  # constant density: more claims cover more nights
    while len(claims) < n:
        night = start + timedelta(days=rnd.randrange(days))
        country, regions = rnd.choice((("RU", RU), ("UA", UA)))
        weapon = rnd.choice(("drone", "drone", "drone", "missile", "glide_bomb"))
        picked = rnd.sample(regions, rnd.randint(1, 4))
        figures = {r: rnd.randint(1, 60) for r in picked}
        total = sum(figures.values()) + rnd.choice((0, 0, 0, rnd.randint(1, 9)))
        hurt = rnd.random() < 0.3 and rnd.randint(1, 9)
        for outlet in rnd.sample(OUTLETS, rnd.randint(1, 4)):
            doc_n += 1
            doc_id = f"{outlet}-{doc_n}"
            d = night + timedelta(days=1 if rnd.random() < 0.05 else 0)
            when = TimeSpan((d - timedelta(days=1)).isoformat(), d.isoformat(), "night")
            side = Claimant(name="ministry", side=country, role="military")
            parent = Claim(doc_id=doc_id, weapon=weapon, intercepted=Count(total), when=when, claimant=side,
                           location=Location(country=country, precision="country", text=country))
            parent.assign_id()
            claims.append(parent)
            for r in picked:
                v = figures[r] + (rnd.randint(1, 5) if rnd.random() < 0.1 else 0)
                c = Claim(doc_id=doc_id, weapon=weapon, intercepted=Count(v), when=when, claimant=side,
                          location=Location(country=country, admin1=[r], precision="admin1", lat=50.0, lon=36.0),
                          part_of=parent.id)
                c.assign_id()
                claims.append(c)
            if hurt:
                c = Claim(doc_id=doc_id, weapon="unknown", injured=Count(hurt), when=when, claimant=side,
                          location=Location(country=country, admin1=[picked[0]], precision="admin1"))
                c.assign_id()
                claims.append(c)
    return claims[:n]


def bench(n: int, block_days: int | None = None) -> tuple[float, int]:
    """Seconds and incidents of grouping n claims: all at once, or by blocks of days
    (verify/partitioned.py, as the store's rebuild does; the halo days are grouped twice)."""
    claims = generate(n)
    t0 = time.perf_counter()
    if block_days:
        from dronewatch.verify.partitioned import group_incidents_by_block

        incidents = group_incidents_by_block(claims, block_days=block_days)
    else:
        incidents = group_incidents(claims)
    return time.perf_counter() - t0, len(incidents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--scale", action="store_true", help="100k and 1M claims")
    ap.add_argument("--blocks", type=int, metavar="DAYS",
                    help="also group by blocks of DAYS days and compare")
    args = ap.parse_args()
    sizes = [100_000, 1_000_000] if args.scale else [args.claims]
    print(f"machine: Python {platform.python_version()}, {platform.machine()}")
    print(f"{'claims':>10} {'grouping':>14} {'incidents':>10} {'seconds':>8} {'claims/s':>10}")
    for n in sizes:
        for block_days in [None] + ([args.blocks] if args.blocks else []):
            secs, k = bench(n, block_days)
            how = f"{block_days}-day blocks" if block_days else "all at once"
            print(f"{n:>10,} {how:>14} {k:>10,} {secs:>8.2f} {n / secs:>10,.0f}")


if __name__ == "__main__":
    main()
