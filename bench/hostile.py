#!/usr/bin/env python3
"""Extraction time against doubling documents full of figures (issue 15, item 6): linear
extraction takes about 2x the time for 2x the figures; the ratio column shows it.

    .venv/bin/python bench/hostile.py                      # 25K, 50K, 100K characters
    .venv/bin/python bench/hostile.py --sizes 100000 200000 400000

Two documents written for this benchmark, grown to each size: Russian figures in
thousands ("ещё 1,5 тыс. беспилотников ...") and a chain of "N of M" figures. Each size is
extracted once in this process (`extract_document`), the time taken from perf_counter.
"""

from __future__ import annotations

import argparse
import time

from dronewatch.extract import extract_document
from dronewatch.model import Document

KINDS = {
    "ru-thousands": ("По данным штаба, над областью за ночь сбиты {a},{b} тыс. беспилотников, "
                     "а ещё {c} ракет перехвачены у границы. "),
    "n-of-m": "Crews stopped {c} of {d} drones and {a} of {e} missiles near Kursk Oblast. ",
}


def grown(template: str, size: int) -> str:
    parts, n, total = [], 0, 0
    while total < size:
        s = template.format(a=n % 9 + 1, b=n % 10, c=n % 40 + 2, d=n % 40 + 50, e=n % 7 + 10)
        parts.append(s)
        total += len(s)
        n += 1
    return "".join(parts)[:size]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    args = ap.parse_args()
    print(f"{'document':<14} {'characters':>10} {'claims':>7} {'seconds':>8} {'ratio':>6}")
    for kind, template in KINDS.items():
        last = None
        for size in args.sizes:
            doc = Document(id=f"{kind}-{size}", text=grown(template, size))
            t0 = time.perf_counter()
            claims = extract_document(doc, [])
            took = time.perf_counter() - t0
            ratio = f"{took / last:.2f}" if last else "-"
            print(f"{kind:<14} {size:>10,} {len(claims):>7} {took:>8.2f} {ratio:>6}")
            last = took


if __name__ == "__main__":
    main()
