"""The `--engine ray` branch of `dronewatch extract`: options checked, the run, its summary
line and exit status, all in the CLI's conventions (one stderr line per problem)."""

from __future__ import annotations

import sys

PROG = "dronewatch"


def run_ray_extract(paths: list[str], output: str | None, fmt: str, *, address: str | None,
                    cpus: int | None, max_bytes: int, timeout: float) -> int:
    """Exit status: 0, 1 when anything was rejected or failed, 2 for a usage error."""
    from dronewatch.cli import Reporter
    from dronewatch.scale.ray_engine import RayMissing, extract_to_shards

    def usage(message: str) -> int:
        sys.stderr.write(f"{PROG}: {message}\n")
        return 2

    if fmt not in ("parquet", "jsonl"):
        return usage(f"--engine ray writes parquet or jsonl shards, not {fmt}")
    if not output or output == "-":
        return usage("--engine ray writes shards into a folder: give -o OUT_DIR")
    try:
        printed = []
        with Reporter(progress=False) as reporter:
            def report(source: str, reason: str) -> None:
                printed.append(1)
                reporter.error(source, reason)

            counts = extract_to_shards(paths, output, fmt=fmt, address=address, cpus=cpus,
                                       max_bytes=max_bytes, timeout=timeout, report=report)
    except RayMissing as exc:
        return usage(str(exc))
    except KeyboardInterrupt:
        return 130
    more = f" (all of them in {output}/rejections-*.jsonl)" if counts.errors > len(printed) else ""
    sys.stderr.write(f"{PROG}: {counts.documents:,} documents, {counts.claims:,} claims, "
                     f"{counts.errors:,} errors{more}; {counts.shards:,} claim shards in {output}\n")
    return 1 if counts.errors else 0
