#!/usr/bin/env python3
"""Scale benchmark: the local engine with 1 and 2 workers against Ray with 2 CPUs.

    .venv/bin/python bench/scale.py                           # 200,000 articles (the issue's run)
    .venv/bin/python bench/scale.py --articles 5000           # a quick check
    .venv/bin/python bench/scale.py --sizes 20000,200000      # is the driver's memory flat?
    .venv/bin/python bench/scale.py --articles 5000 --runs local1,ray2

The corpus is bench/corpus.py's generator streamed to a JSONL file (never a list in
memory). Each run is the command a user types, as a subprocess, measured by bench/extract.py
(`run_once`: wall time, and every process of the run's tree polled in /proc):

    local1: dronewatch extract CORPUS -o /dev/null --workers 1
    local2: dronewatch extract CORPUS -o /dev/null --workers 2
    ray2:   dronewatch extract --engine ray --cpus 2 CORPUS -o OUT_DIR --format jsonl
    ray2-parquet: the same with --format parquet (not run unless asked for)

ray2 writes the JSONL the local runs write, so the runs compare the same job; Parquet
shards cost a few per cent more (each claim is also flattened into columns). Ray's time
includes starting Ray (a few seconds). The driver is
the `dronewatch` process itself; the tree total adds every worker (for Ray: its raylet, GCS
and worker processes too). Scaling efficiency = speed-up over local1 / CPUs used.
The issue's targets: local2 >= 1.7x local1, ray2 >= 1.5x local1, driver memory flat.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402
from extract import Run, find_dronewatch, machine, run_once  # noqa: E402

# Memory is sampled twice a second: the runs last minutes and their memory is flat, and
# reading /proc for Ray's dozen processes 20 times a second costs a third of a core.
POLL_S = 0.5
RUNS = {"local1": 1, "local2": 2, "ray2": 2, "ray2-parquet": 2}  # name -> CPUs it uses
DEFAULT_RUNS = "local1,local2,ray2"
TARGETS = {"local2": 1.7, "ray2": 1.5, "ray2-parquet": 1.5}
FLAT_RATIO, FLAT_SLACK_MIB = 1.25, 16.0  # as bench/extract.py: 10x input, <= 25% (+16 MiB)


def command(dw: str, name: str, corpus: Path, out_dir: Path) -> list[str]:
    if name.startswith("ray2"):
        return [dw, "extract", "--engine", "ray", "--cpus", "2", str(corpus), "-o", str(out_dir),
                "--format", "parquet" if name.endswith("parquet") else "jsonl"]
    return [dw, "extract", str(corpus), "-o", "/dev/null", "--workers", str(RUNS[name])]


def report(results: dict[tuple[int, str], Run], sizes: list[int], names: list[str]) -> None:
    print(f"\n{'articles':>9} {'run':>12} {'wall s':>8} {'articles/s':>10} {'speed-up':>8} "
          f"{'efficiency':>10} {'driver MiB':>10} {'tree MiB':>9}")
    for n in sizes:
        base = results.get((n, "local1"))
        for name in names:
            r = results[(n, name)]
            up = r.per_s / base.per_s if base else float("nan")
            target = TARGETS.get(name)
            verdict = "" if target is None or base is None else (
                "  ok" if up >= target else f"  below {target}x")
            print(f"{n:>9,} {name:>12} {r.wall_s:>8.1f} {r.per_s:>10,.0f} {up:>7.2f}x "
                  f"{up / RUNS[name]:>10.0%} {r.parent_mib:>10.1f} {r.tree_mib:>9.1f}{verdict}")
    if len(sizes) > 1:
        print()
        for name in names:
            small, big = results[(sizes[0], name)], results[(sizes[-1], name)]
            flat = big.parent_mib <= small.parent_mib * FLAT_RATIO + FLAT_SLACK_MIB
            print(f"{name}: driver peak {small.parent_mib:.1f} MiB at {sizes[0]:,} articles, "
                  f"{big.parent_mib:.1f} MiB at {sizes[-1]:,}: " + ("FLAT" if flat else "GREW"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200_000, help="corpus size (default 200,000)")
    ap.add_argument("--sizes", help="several corpus sizes, comma-separated (e.g. 20000,200000)")
    ap.add_argument("--runs", default=DEFAULT_RUNS,
                    help=f"which runs, comma-separated, of {', '.join(RUNS)} "
                         f"(default: {DEFAULT_RUNS})")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", metavar="DIR", help="write the corpora into DIR and keep them")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.articles]
    names = [n.strip() for n in args.runs.split(",") if n.strip()]
    unknown = [n for n in names if n not in RUNS]
    if unknown or any(n < 1 for n in sizes):
        ap.error(f"--runs takes {', '.join(RUNS)}; sizes must be positive")
    dw = find_dronewatch()
    print(f"machine: {machine()}")
    results: dict[tuple[int, str], Run] = {}
    with tempfile.TemporaryDirectory(prefix="dronewatch-scale-") as tmp:
        where = Path(args.keep or tmp)
        where.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            corpus = where / f"scale-{n}-seed{args.seed}.jsonl"
            t0 = time.perf_counter()
            size = write_corpus(str(corpus), n, seed=args.seed)  # streamed, article by article
            print(f"corpus: {n:,} articles, {size / 1e6:.1f} MB, written in "
                  f"{time.perf_counter() - t0:.1f} s")
            for name in names:
                out_dir = Path(tmp) / f"shards-{n}-{name}"
                r = run_once(dw, corpus, n, size / 1e6, RUNS[name],
                             cmd=command(dw, name, corpus, out_dir), poll_s=POLL_S)
                shutil.rmtree(out_dir, ignore_errors=True)
                results[(n, name)] = r
                print(f"  {name}: {r.wall_s:.1f} s, {r.per_s:,.0f} articles/s, driver "
                      f"{r.parent_mib:.1f} MiB, tree {r.tree_mib:.1f} MiB", flush=True)
            if not args.keep:
                corpus.unlink()
    report(results, sizes, names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
