"""How far through its input a run is, in bytes: the total is the size of the named files
and of the readable files under the named folders (stdin has none), the part read is the
files finished plus the position in the file being read. The progress bar of `extract`,
`ingest` shows it, so it moves from the first document on and ends at 100%."""

from __future__ import annotations

import os
from typing import IO, Iterable


class ByteProgress:
    def __init__(self) -> None:
        self.total: int | None = 0
        self.finished = 0
        self._open: IO[bytes] | None = None

    def plan(self, paths: Iterable[str]) -> "ByteProgress":
        """Add up the sizes of the inputs; stdin makes the total unknown (None)."""
        from dronewatch.ingest import READERS, STDIN, walk

        total = 0
        for path in paths:
            if path == STDIN:
                self.total = None
                return self
            files = walk(path) if os.path.isdir(path) else [path]
            for file in files:
                if os.path.splitext(file)[1].lower() in READERS:
                    try:
                        total += os.stat(file).st_size
                    except OSError:
                        pass
        self.total = total
        return self

    def reading(self, fh: IO[bytes] | None) -> None:
        self._open = fh

    def done(self, path: str) -> None:
        self._open = None
        try:
            self.finished += os.stat(path).st_size
        except OSError:
            pass

    def read(self) -> int:
        position = 0
        if self._open is not None and not self._open.closed:
            try:
                position = self._open.tell()
            except (OSError, ValueError):
                position = 0
        return self.finished + position
