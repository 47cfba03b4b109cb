"""The extractor's properties (tests/test_extract_properties.py) on a million generated
inputs: arbitrary Unicode, report-like text with figures and dates in three languages, and
JSONL lines of every shape. No exception may escape, every evidence span must lie inside its
text, every claim must round-trip through `Claim.from_dict`.

    .venv/bin/python bench/properties.py                      # 1,000,000 inputs, 2 processes
    .venv/bin/python bench/properties.py --inputs 20000 --workers 1

Half the inputs are documents given to `extract_document`, half are JSONL inputs (1-5 lines
each) read and extracted as `dronewatch extract` does. Hypothesis generates them in rounds
of 2,000 with a fresh seed each (its memory stays flat), without shrinking: a failure is
printed as generated, and the run exits 1. The result is in docs/extract.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

ROUND = 2000


def run_worker(args: tuple[int, int]) -> dict:
    """Check `n` inputs with seeds from `first_seed`; counts and the first failure."""
    n, first_seed = args
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st

    from extract_properties import check_document, check_jsonl, documents, jsonl_lines

    done = {"documents": 0, "jsonl_inputs": 0, "claims": 0, "failure": None}

    def rounds(strategy, check, key):
        left, k = n // 2, 0
        while left > 0 and done["failure"] is None:
            size = min(ROUND, left)

            @seed(first_seed * 100_000 + k)
            @settings(max_examples=size, deadline=None, database=None,
                      phases=[Phase.generate], suppress_health_check=list(HealthCheck))
            @given(strategy)
            def one(value):
                done["claims"] += check(value)
                done[key] += 1

            try:
                one()
            except Exception:  # noqa: BLE001 - reported, with the input hypothesis printed
                done["failure"] = traceback.format_exc(limit=6)
            left -= size
            k += 1
            print(f"worker {first_seed}: {done['documents']:,} documents, "
                  f"{done['jsonl_inputs']:,} JSONL inputs, {done['claims']:,} claims, "
                  f"{'a failure' if done['failure'] else 'no failure'}", flush=True)

    rounds(documents, check_document, "documents")
    rounds(st.lists(jsonl_lines, min_size=1, max_size=5), check_jsonl, "jsonl_inputs")
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    per = args.inputs // args.workers
    t0 = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
        results = pool.map(run_worker, [(per, w + 1) for w in range(args.workers)])
    seconds = time.perf_counter() - t0
    total = {k: sum(r[k] for r in results) for k in ("documents", "jsonl_inputs", "claims")}
    checked = total["documents"] + total["jsonl_inputs"]
    print(f"{checked:,} inputs checked ({total['documents']:,} documents, "
          f"{total['jsonl_inputs']:,} JSONL inputs), {total['claims']:,} claims, "
          f"in {seconds:,.0f} s ({checked / seconds:,.0f} inputs/s, {args.workers} processes)")
    failures = [r["failure"] for r in results if r["failure"]]
    for failure in failures:
        print(failure)
    print("found nothing" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
