"""Streaming writers for claims: JSONL, a JSON array, CSV.

Each writer takes a binary stream, writes every claim as soon as it gets it and never
holds more than one claim:

    with open_writer("csv", sys.stdout.buffer) as w:
        for claim in claims:
            w.write(claim)
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from typing import IO, Any, Iterable

import orjson

from dronewatch.model import MEASURES, Claim

FORMATS = ("jsonl", "json", "csv")

CSV_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "weapon", "weapon_model", "attacker",
    *[c for m in MEASURES for c in (m, f"{m}_qualifier")],
    "country", "admin1", "place", "facility", "water_body", "lat", "lon",
    "location_precision", "location_text",
    "when_start", "when_end", "when_precision", "when_text",
    "claimant_name", "claimant_side", "claimant_role",
    "evidence", "part_of",
)


def csv_row(claim: Claim) -> list[Any]:
    """One claim flattened to CSV_COLUMNS (None -> empty cell; admin1 joined with ';',
    evidence as 'start-end;start-end')."""
    loc, when, cl = claim.location, claim.when, claim.claimant
    row: list[Any] = [claim.id, claim.doc_id, claim.weapon, claim.weapon_model, claim.attacker]
    for m in MEASURES:
        c = getattr(claim, m)
        row += [c.value, c.qualifier] if c is not None else [None, None]
    row += [loc.country, ";".join(loc.admin1), loc.place, loc.facility, loc.water_body,
            loc.lat, loc.lon, loc.precision, loc.text,
            when.start, when.end, when.precision, when.text,
            cl.name, cl.side, cl.role,
            ";".join(f"{e.start}-{e.end}" for e in claim.evidence), claim.part_of]
    return ["" if v is None else v for v in row]


class Writer:
    """Base: `write(claim)` for each claim, `close()` once (or use as a context manager).
    `close` finishes the format (the closing `]` of a JSON array) and flushes; it does not
    close the underlying stream."""

    def __init__(self, stream: IO[bytes]):
        self.stream = stream
        self.count = 0

    @staticmethod
    def render(claim: Claim) -> bytes:
        """The bytes of one claim (no separator); pure, so a worker process can run it."""
        raise NotImplementedError

    def write(self, claim: Claim) -> None:
        self.write_rendered(self.render(claim))

    def write_rendered(self, data: bytes) -> None:
        self.stream.write(data)
        self.count += 1

    def write_all(self, claims: Iterable[Claim]) -> None:
        for claim in claims:
            self.write(claim)

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def render_jsonl(claim: Claim) -> bytes:
    return orjson.dumps(claim.to_dict(), option=orjson.OPT_APPEND_NEWLINE)


def render_json(claim: Claim) -> bytes:
    return orjson.dumps(claim.to_dict())


def render_csv(claim: Claim) -> bytes:
    return _csv_line(csv_row(claim))


class JsonlWriter(Writer):
    render = staticmethod(render_jsonl)


class JsonWriter(Writer):
    """A JSON array, one claim per line, written incrementally."""

    def __init__(self, stream: IO[bytes]):
        super().__init__(stream)
        self.stream.write(b"[")

    render = staticmethod(render_json)

    def write_rendered(self, data: bytes) -> None:
        self.stream.write(b"\n" if self.count == 0 else b",\n")
        super().write_rendered(data)

    def close(self) -> None:
        self.stream.write(b"\n]\n" if self.count else b"]\n")
        super().close()


class CsvWriter(Writer):
    """A header line, then one row per claim (columns: CSV_COLUMNS; RFC 4180 quoting)."""

    def __init__(self, stream: IO[bytes]):
        super().__init__(stream)
        self.stream.write(_csv_line(CSV_COLUMNS))

    render = staticmethod(render_csv)


def _csv_line(row: Iterable[Any]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(row)
    return buf.getvalue().encode("utf-8")


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonlWriter, "json": JsonWriter, "csv": CsvWriter}


def open_writer(fmt: str, stream: IO[bytes]) -> Writer:
    try:
        return WRITERS[fmt](stream)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})") from None


class ReplacingFile:
    """An output file written beside its target (`.NAME.XXXX.part` in the same folder) and
    moved over it by `commit()` in one step, so the old file stays whole until the new one
    is complete; `discard()` removes the temporary file and leaves the target untouched.

    A target that exists and is not a regular file (/dev/null, a pipe) is written directly:
    replacing it would put a plain file where a device was. A symlink is followed, so its
    target is replaced, not the link."""

    def __init__(self, path: str):
        self.path = os.path.realpath(path)
        try:
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode):
            self.temp = None
            self.stream: IO[bytes] = open(self.path, "wb")
            return
        folder, name = os.path.split(self.path)
        fd, self.temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        # mkstemp makes it 0600: give the new file the old one's mode, else the usual one
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, stat.S_IMODE(mode))
        self.stream = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.stream.close()
        if self.temp is not None:
            os.replace(self.temp, self.path)
            self.temp = None

    def discard(self) -> None:
        self.stream.close()
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except FileNotFoundError:
                pass
            self.temp = None


__all__ = ["FORMATS", "ReplacingFile", "CSV_COLUMNS", "csv_row", "render_jsonl", "render_json", "render_csv", "Writer", "JsonlWriter", "JsonWriter", "CsvWriter",
           "WRITERS", "open_writer"]
