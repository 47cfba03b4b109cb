#!/usr/bin/env python3
"""Benchmark `dronewatch extract` on real text: throughput and peak memory, 1 and 2 workers.

    .venv/bin/python bench/extract.py                       # real text, 10,000 articles, --workers 1 and 2
    .venv/bin/python bench/extract.py --articles 2000 --workers 1
    .venv/bin/python bench/extract.py --scale               # 1x and 10x the corpus: is RSS flat?
    .venv/bin/python bench/extract.py --compare-src /tmp/other/src   # another checkout, same run
    .venv/bin/python bench/extract.py --synthetic           # bench/corpus.py's generated templates
    .venv/bin/python bench/extract.py --repeat 5 --cpu --compare-src /tmp/other/src   # medians, CPU split

Real text (the default): the shared annotated corpora (seeds, dev, dev-multi, dev2 in
../shared/corpus, or $DRONEWATCH_SHARED) replicated to the size asked, each copy's id
suffixed ("dev017#3"). Without the shared folder the benchmark says so and stops (exit 0);
`--synthetic` runs on templates written for this benchmark (bench/corpus.py), which are
shorter and simpler than what users feed it: label such figures as synthetic.

Each run is the command a user types, as a subprocess:

    dronewatch extract CORPUS.jsonl -o /dev/null --workers N

and beside it, on the same file, the reference: a bare regular-expression pass
(bench/regex_pass.py). The ratio dronewatch / reference is the figure to publish (absolute
times vary by machine). Per language (English, Russian, Ukrainian: one file each, one
worker) articles/s and MB/s are printed too.

`--cpu` runs the same command through a small Python wrapper that reports the CPU seconds
of the `dronewatch` process itself and of the workers it started (getrusage SELF and
CHILDREN at exit): unlike wall time this hardly moves with other load on the machine, and
the parent's share is what keeps two workers from running twice as fast as one.

Memory is read from /proc while the run lasts: every process of the run's tree (the
`dronewatch` parent and each worker it starts) is polled for its own peak RSS (VmHWM).
The table shows the parent's peak, the largest worker's peak and the tree total (the sum
of every process's peak: an upper bound of what the run held at once). Where /proc is
missing, only the kernel's figure for the largest single process (wait4 ru_maxrss) is shown.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

POLL_S = 0.05
FLAT_RATIO = 1.25  # 10x the input may cost at most 25% (+16 MiB) more peak RSS to count as flat
FLAT_SLACK_MIB = 16.0
QUIET = 0.05  # --cpu: a run is quiet when the rest of the machine used < 5% of a core meanwhile


@dataclass
class Run:
    articles: int
    mbytes: float
    workers: int
    wall_s: float = 0.0
    parent_mib: float = 0.0
    worker_mib: list[float] = field(default_factory=list)
    tree_mib: float = 0.0
    maxrss_mib: float = 0.0  # wait4: the largest single process of the tree
    rejected: int = 0  # lines the command wrote to stderr (one per rejected input)
    pss_mib: float = 0.0  # sampled: the largest sum of proportional set sizes seen at once
    parent_cpu_s: float | None = None  # --cpu: the dronewatch process's own CPU seconds
    workers_cpu_s: float | None = None  # --cpu: its workers' CPU seconds, all together
    others_cpu_s: float | None = None  # --cpu: CPU seconds the rest of the machine used meanwhile

    @property
    def per_s(self) -> float:
        return self.articles / self.wall_s if self.wall_s else 0.0

    @property
    def mb_s(self) -> float:
        return self.mbytes / self.wall_s if self.wall_s else 0.0


# --- /proc reading -------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _kids(pid: int) -> list[int] | None:
    """The children of `pid` from /proc/PID/task/*/children (a few small reads), or None
    where the kernel does not have those files."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    out = []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                out += [int(v) for v in fh.read().split()]
        except FileNotFoundError:
            if not os.path.exists(f"/proc/{pid}/task/{tid}"):
                continue  # the thread ended
            return None
        except OSError:
            continue
    return out


def _tree(root: int) -> list[int]:
    """The process tree under `root`. A poll costs a run with as many workers as cores a
    share of a core: scanning every process in /proc made a poll ~1.4 ms (every 0.05 s:
    ~3% of a core, taken from the workers); the children files take ~0.05 ms of it."""
    kids = None
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        found = _kids(pid) if kids is None else kids.get(pid, [])
        if found is None:  # no children files: scan /proc once for this poll
            kids = _children()
            found = kids.get(pid, [])
        todo.extend(found)
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _busy_s() -> float | None:
    """CPU seconds the whole machine has been busy (all cores, /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            ticks = [int(v) for v in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _hwm_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


# --- one run -------------------------------------------------------------------------------
# `dronewatch ARGS...` in this interpreter, writing "parent_s workers_s" (CPU seconds of the
# process itself and of its children, the workers, all reaped by then) to $DRONEWATCH_BENCH_CPU
CPU_WRAPPER = """\
import atexit, os, resource, sys
def _cpu():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["DRONEWATCH_BENCH_CPU"], "w") as fh:
        fh.write(f"{me.ru_utime + me.ru_stime} {kids.ru_utime + kids.ru_stime}")
atexit.register(_cpu)
from dronewatch.cli import app
sys.argv = ["dronewatch"] + sys.argv[1:]
app()
"""


def cpu_command(workers: int, corpus: Path, src: str | None = None) -> list[str]:
    """The extract command through CPU_WRAPPER (from `src` when given)."""
    env = ["env", f"PYTHONPATH={src}"] if src else []
    return [*env, sys.executable, "-c", CPU_WRAPPER, "extract", str(corpus), "-o", os.devnull,
            "--workers", str(workers)]


def find_dronewatch() -> str:
    exe = Path(sys.executable).parent / "dronewatch"
    found = str(exe) if exe.exists() else shutil.which("dronewatch")
    if not found:
        sys.exit("bench: `dronewatch` is not installed in this environment: run scripts/test "
                 "(or `.venv/bin/pip install -e .`) first.")
    return found


def check_cli(dw: str) -> None:
    """Fail with one clear line when `dronewatch extract --workers` is not there (yet)."""
    try:
        p = subprocess.run([dw, "extract", "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        sys.exit(f"bench: could not run `{dw} extract --help`: {exc}")
    if p.returncode != 0:
        last = (p.stderr or p.stdout).strip().splitlines()[-1:] or ["(no output)"]
        sys.exit(f"bench: `dronewatch extract` is not available yet (exit {p.returncode}: "
                 f"{last[0]}); the benchmark needs the CLI of docs/ingest.md.")
    if "--workers" not in p.stdout:
        sys.exit("bench: `dronewatch extract` has no --workers option yet; the benchmark "
                 "needs it.")


def run_once(dw: str, corpus: Path, articles: int, mbytes: float, workers: int,
             cmd: list[str] | None = None, poll_s: float = POLL_S, cpu: bool = False) -> Run:
    """Run `cmd` (default: the local engine with `workers`) and measure it, polling its
    process tree every `poll_s` seconds (each poll reads /proc: on two cores, polling a
    minutes-long run 20 times a second would take CPU from the run it measures).
    `cpu`: `cmd` is a cpu_command; read the CPU seconds it reports."""
    run = Run(articles, mbytes, workers)
    cmd = cmd or [dw, "extract", str(corpus), "-o", os.devnull, "--workers", str(workers)]
    have_proc = os.path.isdir("/proc/self")
    peaks: dict[int, int] = {}
    pss_peak = 0
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as cpu_file:
        env = {**os.environ, "DRONEWATCH_BENCH_CPU": cpu_file.name} if cpu else None
        busy0, own0 = _busy_s(), time.process_time()  # own: this benchmark's polls
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        while True:
            if have_proc:
                pss = 0
                for pid in _tree(proc.pid):
                    kib = _hwm_kib(pid)
                    if kib is not None:
                        peaks[pid] = max(peaks.get(pid, 0), kib)
                        pss += _pss_kib(pid)
                pss_peak = max(pss_peak, pss)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(poll_s)
        run.wall_s = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
        if proc.returncode != 0:
            sys.exit(f"bench: `{' '.join(cmd)}` exited {proc.returncode}:\n  "
                     + "\n  ".join(lines[-5:]))
        run.rejected = len(lines)
        if cpu:
            run.parent_cpu_s, run.workers_cpu_s = map(float, cpu_file.read().split())
            busy1, own = _busy_s(), time.process_time() - own0
            if busy0 is not None and busy1 is not None:
                run.others_cpu_s = max(0.0, busy1 - busy0 - own - run.parent_cpu_s - run.workers_cpu_s)
    kib_per_mib = 1024.0
    run.maxrss_mib = usage.ru_maxrss / kib_per_mib  # Linux: KiB
    run.parent_mib = peaks.pop(proc.pid, usage.ru_maxrss) / kib_per_mib
    run.worker_mib = sorted((v / kib_per_mib for v in peaks.values()), reverse=True)
    run.tree_mib = run.parent_mib + sum(run.worker_mib)
    run.pss_mib = pss_peak / kib_per_mib
    return run


# --- report --------------------------------------------------------------------------------
def median_run(runs: list[Run]) -> Run:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r.wall_s)[(len(runs) - 1) // 2]


def print_medians(mine: dict[int, list[Run]], theirs: dict[int, list[Run]], other: str | None) -> None:
    import statistics

    def line(label: str, by_workers: dict[int, list[Run]]) -> None:
        rates = {w: statistics.median(r.per_s for r in rs) for w, rs in by_workers.items() if rs}
        if not rates:
            return
        parts = [f"--workers {w}: {rate:,.0f} articles/s (of {len(by_workers[w])})"
                 for w, rate in rates.items()]
        if 1 in rates and len(rates) > 1:
            parts += [f"{w}/1 = {rates[w] / rates[1]:.2f}x" for w in rates if w != 1]
        cpus = [r.parent_cpu_s / (r.parent_cpu_s + r.workers_cpu_s) for rs in by_workers.values()
                for r in rs if r.workers_cpu_s]
        if cpus:
            parts.append(f"parent's CPU share with workers {statistics.median(cpus):.1%}")
        print(f"  medians ({label}): " + ", ".join(parts))

    line("this checkout", mine)
    if other:
        line(other, theirs)
    # runs the rest of the machine hardly touched (another user's work slows a 2-worker run most)
    quiet = lambda rs: [r for r in rs if r.others_cpu_s is not None and r.others_cpu_s < QUIET * r.wall_s]
    if any(r.others_cpu_s is not None for rs in mine.values() for r in rs):
        line("this checkout, quiet runs only", {w: quiet(rs) for w, rs in mine.items()})
        if other:
            line(f"{other}, quiet runs only", {w: quiet(rs) for w, rs in theirs.items()})


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")),
                       cpu)
    except OSError:
        pass
    mem = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        mem = f", {pages * size / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"{cores} cores ({cpu}){mem}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def print_table(runs: list[Run]) -> None:
    head = ("articles", "MB", "workers", "wall s", "articles/s", "MB/s",
            "parent MiB", "max worker MiB", "tree total MiB", "tree PSS MiB", "stderr lines")
    rows = [(f"{r.articles:,}", f"{r.mbytes:.1f}", str(r.workers), f"{r.wall_s:.2f}",
             f"{r.per_s:,.0f}", f"{r.mb_s:.2f}", f"{r.parent_mib:.1f}",
             f"{max(r.worker_mib):.1f} x{len(r.worker_mib)}" if r.worker_mib else "-",
             f"{r.tree_mib:.1f}", f"{r.pss_mib:.1f}" if r.pss_mib else "-", str(r.rejected))
            for r in runs]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    line = "  ".join(h.rjust(w) for h, w in zip(head, widths))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))
    print("\nparent = the `dronewatch` process; max worker = the largest process it started "
          "(x how many);\ntree total = parent + every worker, each at its own peak RSS (VmHWM), "
          "an upper bound of the run's footprint\n(pages a forked worker shares with its parent "
          "count twice); tree PSS = the largest sum of\nproportional set sizes seen in one poll "
          f"every {POLL_S:g} s (shared pages split between sharers): the footprint at once;\n"
          "stderr lines = what the command reported (one line per rejected input).")


def flat_verdict(runs: list[Run], sizes: list[int]) -> None:
    print()
    for w in sorted({r.workers for r in runs}):
        small = next(r for r in runs if r.workers == w and r.articles == sizes[0])
        big = next(r for r in runs if r.workers == w and r.articles == sizes[1])
        limit = small.tree_mib * FLAT_RATIO + FLAT_SLACK_MIB
        flat = big.tree_mib <= limit
        print(f"--workers {w}: tree peak {small.tree_mib:.1f} MiB at {sizes[0]:,} articles, "
              f"{big.tree_mib:.1f} MiB at {sizes[1]:,}: "
              + ("FLAT (streaming)" if flat else f"GREW (over {limit:.1f} MiB)"))


REAL_CORPORA = ("seeds", "dev", "dev-multi", "dev2")


def shared_dir() -> Path:
    env = os.environ.get("DRONEWATCH_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def write_real_corpus(path: Path, n: int) -> int | None:
    """The shared corpora replicated to n documents (ids suffixed); their size in bytes,
    or None when the shared folder is not here."""
    import json

    docs = []
    for name in REAL_CORPORA:
        f = shared_dir() / "corpus" / f"{name}.jsonl"
        if f.is_file():
            docs += [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
    if not docs:
        return None
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            d = docs[i % len(docs)]
            line = json.dumps(dict(d, id=f"{d['id']}#{i // len(docs)}"), ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
    return size


def split_by_language(path: Path) -> dict[str, tuple[Path, int, int]]:
    """One file per language of the corpus: {lang: (file, articles, bytes)}."""
    import json

    from dronewatch.extract.language import language_of

    outs: dict[str, tuple] = {}
    with path.open(encoding="utf-8") as src:
        for line in src:
            lang = language_of(json.loads(line).get("text") or "")
            if lang not in outs:
                f = path.with_name(f"{path.stem}.{lang}.jsonl")
                outs[lang] = [f, f.open("w", encoding="utf-8"), 0, 0]
            o = outs[lang]
            o[1].write(line)
            o[2] += 1
            o[3] += len(line.encode("utf-8"))
    for o in outs.values():
        o[1].close()
    return {lang: (o[0], o[2], o[3]) for lang, o in sorted(outs.items())}


def reference_run(corpus: Path, articles: int, mbytes: float) -> Run:
    script = Path(__file__).resolve().with_name("regex_pass.py")
    return run_once("", corpus, articles, mbytes, 1,
                    cmd=[sys.executable, str(script), str(corpus), "-o", os.devnull])


def compare_run(src: str, corpus: Path, articles: int, mbytes: float, workers: int,
                cpu: bool = False) -> Run:
    """The same command from another checkout's source folder (PYTHONPATH first)."""
    if cpu:
        return run_once("", corpus, articles, mbytes, workers, cmd=cpu_command(workers, corpus, src),
                        cpu=True)
    code = ("import sys; from dronewatch.cli import app; "
            "sys.argv = ['dronewatch'] + sys.argv[1:]; app()")
    env_cmd = ["env", f"PYTHONPATH={src}", sys.executable, "-c", code,
               "extract", str(corpus), "-o", os.devnull, "--workers", str(workers)]
    return run_once("", corpus, articles, mbytes, workers, cmd=env_cmd)


def cpu_note(r: Run) -> str:
    if r.parent_cpu_s is None:
        return ""
    whole = r.parent_cpu_s + r.workers_cpu_s
    others = "" if r.others_cpu_s is None else f"; the rest of the machine meanwhile {r.others_cpu_s:.2f}"
    return (f"; CPU s: parent {r.parent_cpu_s:.2f}, workers {r.workers_cpu_s:.2f} "
            f"(parent {r.parent_cpu_s / whole:.1%})" if r.workers_cpu_s else
            f"; CPU s: {r.parent_cpu_s:.2f} (one process)") + others


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="corpus size (default 10,000)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                    help="worker counts to run (default: 1 2)")
    ap.add_argument("--scale", action="store_true",
                    help="also run 10x the corpus and say whether peak RSS stayed flat")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--keep", metavar="DIR", help="write the corpora into DIR and keep them")
    ap.add_argument("--synthetic", action="store_true",
                    help="bench/corpus.py's generated templates instead of the shared real text")
    ap.add_argument("--compare-src", metavar="SRC",
                    help="also run another checkout's src folder on the same files (same machine, same run)")
    ap.add_argument("--no-languages", action="store_true", help="skip the per-language runs")
    ap.add_argument("--cpu", action="store_true",
                    help="also report CPU seconds of the parent and of its workers (a wrapper "
                         "runs the CLI in the same interpreter)")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run each worker count N times (alternating with --compare-src) and "
                         "report medians")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be at least 1")

    dw = find_dronewatch()
    check_cli(dw)
    sizes = [args.articles, args.articles * 10] if args.scale else [args.articles]
    kind = "synthetic (bench/corpus.py templates)" if args.synthetic else \
        f"real text ({', '.join(REAL_CORPORA)} from {shared_dir()}, replicated)"
    print(f"machine: {machine()}")
    print(f"corpus: {kind}")
    print("command: dronewatch extract CORPUS -o /dev/null --workers N\n")
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="dronewatch-bench-") as tmp:
        where = Path(args.keep or tmp)
        where.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            corpus = where / f"bench-{n}-{'synthetic' if args.synthetic else 'real'}.jsonl"
            t0 = time.perf_counter()
            size = write_corpus(str(corpus), n, seed=args.seed) if args.synthetic else write_real_corpus(corpus, n)
            if size is None:
                print(f"bench: no shared corpora in {shared_dir()} (set DRONEWATCH_SHARED); "
                      "nothing measured (--synthetic runs on generated text)")
                return 0
            print(f"corpus: {n:,} articles, {size / 1e6:.1f} MB, mean {size / n / 1024:.1f} KiB "
                  f"per article, written in {time.perf_counter() - t0:.1f} s ({corpus.name})")
            ref = reference_run(corpus, n, size / 1e6)
            print(f"  reference (bare regex pass): {ref.wall_s:.2f} s, {ref.per_s:,.0f} articles/s", flush=True)
            mine: dict[int, list[Run]] = {w: [] for w in args.workers}
            theirs: dict[int, list[Run]] = {w: [] for w in args.workers}
            for _ in range(max(1, args.repeat)):
                for w in args.workers:
                    cmd = cpu_command(w, corpus) if args.cpu else None
                    r = run_once(dw, corpus, n, size / 1e6, w, cmd=cmd, cpu=args.cpu)
                    mine[w].append(r)
                    print(f"  --workers {w}: {r.wall_s:.2f} s, {r.per_s:,.0f} articles/s "
                          f"({r.per_s / ref.per_s:.2f}x the reference), tree peak {r.tree_mib:.1f} MiB"
                          + cpu_note(r), flush=True)
                    if args.compare_src:
                        c = compare_run(args.compare_src, corpus, n, size / 1e6, w, cpu=args.cpu)
                        theirs[w].append(c)
                        print(f"  --workers {w} from {args.compare_src}: {c.wall_s:.2f} s, {c.per_s:,.0f} articles/s "
                              f"({c.per_s / ref.per_s:.2f}x the reference)" + cpu_note(c), flush=True)
            runs += [median_run(mine[w]) for w in args.workers]
            if args.repeat > 1:
                print_medians(mine, theirs, args.compare_src)
            if not args.no_languages and n == sizes[0]:
                print("  per language (--workers 1):")
                for lang, (f, count, nbytes) in split_by_language(corpus).items():
                    r = run_once(dw, f, count, nbytes / 1e6, 1)
                    print(f"    {lang}: {count:,} articles, {r.per_s:,.0f} articles/s, {r.mb_s:.2f} MB/s", flush=True)
    print()
    print_table(runs)
    if args.scale:
        flat_verdict(runs, sizes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
