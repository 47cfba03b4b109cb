"""The `dronewatch` command line: a thin Typer layer over the Python API.

    dronewatch extract INPUT... [--format jsonl|json|csv] [-o OUT] [--workers N]
                                [--max-bytes N] [--timeout S] [--sample]
    dronewatch --version

Adding a command: write `dronewatch/commands/<name>.py` (or any module) with a
`register(app: typer.Typer) -> None` that does `app.command("<name>")(func)`, and add its
dotted name to `COMMAND_MODULES` below. Keep heavy imports inside the command function
so `dronewatch --help` stays fast.

Errors go to stderr, one line each: `dronewatch: <source>: <reason>`; a figure the
extractor refused inside a document it read is a warning line,
`dronewatch: <source>: warning: <reason>`. Exit status: 0, or 1 when any input was
rejected or any document's extraction failed (with `--strict`, also on a warning), 2 for
a usage error, 130 when interrupted. `-o OUT` is written beside OUT and replaces it only
when the run read a document, so a run that reads nothing leaves the old OUT as it was.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO, Iterable, Optional

import typer

from dronewatch import __version__
from dronewatch.ingest import DEFAULT_MAX_BYTES, read_inputs
from dronewatch.extract.pool import DEFAULT_TIMEOUT, WorkerLost, process_all
from dronewatch.output import ReplacingFile, open_writer

PROG = "dronewatch"
COMMAND_MODULES: tuple[str, ...] = (
    "dronewatch.commands.ingest", "dronewatch.commands.reprocess", "dronewatch.commands.claims",
    "dronewatch.commands.incidents", "dronewatch.commands.export", "dronewatch.commands.watch",
    "dronewatch.commands.demo",
    "dronewatch.commands.serve", "dronewatch.commands.reference", "dronewatch.commands.series",
)

def _switches_take_no_value() -> None:
    """typer 0.29 prints `<bool>` beside every switch (--sample, --help) in help, as if it
    took a value: show no type for a switch."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich

    def display_type_rich(self, ctx):
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich


_switches_take_no_value()

app = typer.Typer(
    name=PROG,
    help="Published reports of drone and missile attacks in; structured claims out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


_EXTRACTING = {"extract", "ingest", "reprocess", "watch", "serve", "demo"}


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Published reports of drone and missile attacks in; structured claims out."""
    if ctx.invoked_subcommand in _EXTRACTING:
        from dronewatch.extract.decide import DecisionModelError, current_model

        try:  # once, before any input is read: a broken install is one line, not one per document
            current_model()
        except DecisionModelError as exc:
            typer.echo(f"{PROG}: {exc}", err=True)
            raise typer.Exit(2) from None


# ---------------------------------------------------------------------------- messages

def error_line(source: str, reason: str) -> str:
    """The one stderr line for a rejected input or an extractor problem."""
    return f"{PROG}: {source}: " + " ".join(str(reason).split())


class Reporter:
    """Error lines and the progress bar, both on stderr; the bar only on a terminal.

    The bar names its phase ("extracting", then "grouping incidents" for an ingest) and,
    given `input_bytes` (an `ingest.progress.ByteProgress` over the inputs), has a total:
    the bytes of the input, with the bytes read so far; from stdin it has none."""

    def __init__(self, progress: bool | None = None, input_bytes=None):
        self.stream = sys.stderr
        self.enabled = self.stream.isatty() if progress is None else progress
        self.input = input_bytes if input_bytes is not None and input_bytes.total else None
        self._progress = None
        self._task = None
        self.done = 0
        self._drawn_at = 0.0  # when advance last handed the counts to the bar

    def __enter__(self) -> "Reporter":
        if self.enabled:
            from rich.console import Console
            from rich.filesize import decimal
            from rich.progress import (BarColumn, Progress, ProgressColumn, SpinnerColumn,
                                       TextColumn, TimeElapsedColumn)
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task):  # type: ignore[override]
                    elapsed = task.elapsed or 0
                    rate = task.fields["docs"] / elapsed if elapsed > 0.5 else 0
                    return Text(f"{rate:,.1f} docs/s")

            class Read(ProgressColumn):
                def render(self, task):  # type: ignore[override]
                    if task.total is None or not task.fields["bytes"]:
                        return Text("")
                    return Text(f"{decimal(int(task.completed))} of {decimal(int(task.total))}")

            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                Read(), TextColumn("{task.fields[docs]:,} documents"), Rate(),
                TimeElapsedColumn(), console=Console(file=self.stream), transient=False)
            self._progress.start()
            self._task = self._progress.add_task(
                "extracting", total=self.input.total if self.input else None, docs=0,
                bytes=self.input is not None)
        return self

    @classmethod
    def for_inputs(cls, paths: Iterable[str]) -> "Reporter":
        """The reporter of a run over `paths`: on a terminal, its bar counts their bytes."""
        reporter = cls()
        if reporter.enabled:
            from dronewatch.ingest.progress import ByteProgress

            reporter.input = ByteProgress().plan(paths)
            if not reporter.input.total:
                reporter.input = None
        return reporter

    def phase(self, name: str) -> None:
        """A new phase of the run, with no total of its own (the bar pulses)."""
        if self._progress is not None:
            self._show_counts()
            self._progress.update(self._task, description=name, total=None, bytes=False)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._show_counts()
            self._progress.stop()

    def warning(self, source: str, reason: str) -> None:
        self.error(source, f"warning: {reason}")

    def error(self, source: str, reason: str) -> None:
        line = error_line(source, reason)
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()

    def advance(self, n: int = 1) -> None:
        self.done += n
        # Handing the bar its counts takes the bar's lock, which its drawing thread needs
        # too: done per document, the drawing thread waited whole batches for it and the
        # bar jumped from 0 to 1,000. A few times a second is all a reader sees anyway.
        if self._progress is not None and time.monotonic() - self._drawn_at >= 0.05:
            self._show_counts()

    def _show_counts(self) -> None:
        read = self.input.read() if self.input is not None else self.done
        self._progress.update(self._task, completed=read, docs=self.done)
        self._drawn_at = time.monotonic()

    def summary(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(f"{PROG}: {text}", markup=False, highlight=False)


# ---------------------------------------------------------------------------- extraction

@dataclass(slots=True)
class Stats:
    documents: int = 0
    claims: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0


def run_extract(paths: Iterable[str], out: IO[bytes], *, fmt: str = "jsonl", workers: int = 1,
                max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                reporter: Reporter | None = None, flush_each: bool = False) -> Stats:
    """The `extract` command as a function: read, extract, write; error lines to `reporter`."""
    reporter = reporter or Reporter(progress=False)
    stats = Stats()
    t0 = time.perf_counter()
    writer = open_writer(fmt, out)
    try:
        # JSONL lines are parsed where they are extracted: in the workers, not this process
        items = read_inputs(paths, max_bytes=max_bytes, progress=reporter.input, parse=False)
        for result in process_all(items, fmt=fmt,
                                  workers=workers, timeout=timeout):
            for data in result.rendered:
                writer.write_rendered(data)
            stats.claims += len(result.rendered)
            stats.documents += result.document
            for source, reason in result.warnings:
                reporter.warning(source, reason)
            for source, reason in result.errors:
                reporter.error(source, reason)
            stats.errors += len(result.errors)
            stats.warnings += len(result.warnings)
            if flush_each and result.rendered:
                writer.flush()
            reporter.advance()
    finally:
        writer.close()
        stats.seconds = time.perf_counter() - t0
    return stats


# ---------------------------------------------------------------------------- extract

class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"  # --engine ray only: Parquet shards


class Engine(str, Enum):
    local = "local"
    ray = "ray"


def sample_path() -> Path:
    """The sample articles shipped in the package (src/dronewatch/samples/articles.jsonl)."""
    from importlib.resources import files

    return Path(str(files("dronewatch").joinpath("samples", "articles.jsonl")))


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"{PROG}: {message}\n")
    return typer.Exit(code)


@app.command("extract")
def extract_command(
    inputs: Optional[list[str]] = typer.Argument(
        None, metavar="INPUT...", show_default=False,
        help="JSONL/JSON/.txt/.html files, folders (recursive), or - for stdin."),
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", case_sensitive=False,
                               help="Output format."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="OUT",
                                         help="Write claims here instead of stdout."),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Worker processes (0: one per CPU)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1,
                                  help="Largest document (JSONL line, file) accepted, in bytes."),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", min=0,
                                  help="Seconds allowed per document (0: no limit)."),
    sample: bool = typer.Option(False, "--sample",
                                help="Also read the sample articles shipped with dronewatch."),
    engine: Engine = typer.Option(Engine.local, "--engine", case_sensitive=False,
                                  help="local: this machine (--workers); ray: Ray Data, claims "
                                       "as shards in -o OUT_DIR (docs/scale.md)."),
    address: Optional[str] = typer.Option(None, "--address", metavar="ADDR",
                                          help="--engine ray: join this Ray cluster "
                                               "(default: start a local one)."),
    cpus: Optional[int] = typer.Option(None, "--cpus", min=1,
                                       help="--engine ray: CPUs of the local Ray (default: all)."),
    strict: bool = typer.Option(False, "--strict",
                                help="Exit 1 on warnings too (a figure refused in a document "
                                     "that was read)."),
) -> None:
    """Extract claims from documents; one line on stderr per rejected input."""
    paths = list(inputs or [])
    if sample:
        path = sample_path()
        if not path.is_file():
            raise _fail(f"sample articles not found (expected {path}); reinstall dronewatch")
        paths.insert(0, str(path))
    if not paths:
        raise _fail("no input: give INPUT... (a file, a folder or -) or --sample")
    if engine is Engine.ray:
        from dronewatch.commands.ray import run_ray_extract

        raise typer.Exit(run_ray_extract(paths, output, fmt.value, address=address, cpus=cpus,
                                         max_bytes=max_bytes, timeout=timeout))
    if fmt is Format.parquet:
        raise _fail("--format parquet writes shards: use it with --engine ray -o OUT_DIR "
                    "(or `dronewatch export --format parquet` from the store)")
    if workers == 0:
        workers = os.cpu_count() or 1
    target = None
    if output in (None, "-"):
        out = sys.stdout.buffer
        sys.stdout.flush()
    else:
        try:
            target = ReplacingFile(output)
        except OSError as exc:
            raise _fail(f"{output}: cannot write: {exc.strerror or exc}")
        out = target.stream
    code = 0
    stats = Stats()
    stopped = False  # the run ended before its input did: OUT is not replaced
    try:
        with Reporter.for_inputs(paths) as reporter:
            stats = run_extract(paths, out, fmt=fmt.value, workers=workers, max_bytes=max_bytes,
                                timeout=timeout, reporter=reporter, flush_each=target is None)
            reporter.summary(f"{stats.documents:,} documents, {stats.claims:,} claims, "
                             f"{stats.errors:,} errors, {stats.warnings:,} warnings "
                             f"in {stats.seconds:.1f} s")
        code = 1 if stats.errors or (strict and stats.warnings) else 0
    except KeyboardInterrupt:
        code, stopped = 130, True
    except WorkerLost as exc:  # killed (out of memory?): one line, not a traceback
        sys.stderr.write(f"{PROG}: {exc}\n")
        code, stopped = 1, True
    except BrokenPipeError:  # `dronewatch extract ... | head`: stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        code = 1
    finally:
        if target is not None:
            code = _finish_output(target, output, stats, code, stopped)
    raise typer.Exit(code)


def _finish_output(target: ReplacingFile, output: str, stats: Stats, code: int,
                   stopped: bool = False) -> int:
    """Put the finished output in place, or leave the old file when nothing was read (or
    the run was interrupted or stopped); the exit status after that."""
    if stopped or not stats.documents:
        target.discard()
        if code != 130:
            why = "the run stopped" if stopped else "no document was read"
            sys.stderr.write(f"{PROG}: {output}: left as it was ({why})\n")
        return code or 1
    try:
        target.commit()
    except OSError as exc:
        target.discard()
        sys.stderr.write(f"{PROG}: {output}: cannot write: {exc.strerror or exc}\n")
        return 1
    return code


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)


__all__ = ["app", "run_extract", "Stats", "Reporter", "error_line", "sample_path"]
