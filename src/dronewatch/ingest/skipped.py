"""What a folder walk passed over, and why, for the run's summary: a folder of `.md` files
read as "nothing" must say so ("3 .md files skipped: unsupported type")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

HIDDEN = "hidden"
NO_EXTENSION = "(no extension)"


@dataclass
class Skipped:
    """Counts of files a walk skipped, by extension (or HIDDEN), and folders with no file."""
    kinds: Counter = field(default_factory=Counter)
    empty_folders: list[str] = field(default_factory=list)

    def file(self, kind: str) -> None:
        self.kinds[kind or NO_EXTENSION] += 1

    def count(self) -> int:
        return sum(self.kinds.values())

    def lines(self) -> list[str]:
        """One phrase per reason, for the summary line."""
        out = []
        for kind, n in sorted(self.kinds.items()):
            files = "file" if n == 1 else "files"
            if kind == HIDDEN:
                out.append(f"{n:,} hidden {files} skipped")
            else:
                out.append(f"{n:,} {kind} {files} skipped: unsupported type")
        out += [f"{folder}: empty folder" for folder in self.empty_folders]
        return out

    def __bool__(self) -> bool:
        return bool(self.kinds or self.empty_folders)
