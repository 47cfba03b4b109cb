"""Sample articles shipped with dronewatch (`dronewatch extract --sample`).

`articles.jsonl` holds a dozen short wire-style reports in the document format of
FORMAT.md. They were written for dronewatch: the outlet ("Sample Wire"), the events and
every figure in them are invented, though plausible. They cover a national total with
its regional breakdown (one whose parts do not add up), casualties, a struck facility,
a sea, a missile salvo, a glide-bomb strike, a monthly total, reports quoting both
sides, one Russian and one Ukrainian post, and one negative article (production
figures, no claims).

`demo.jsonl` is the corpus of `dronewatch demo`: 46 reports, also written for dronewatch,
over two weeks (3-17 Nov 2025) from invented outlets and channels (Northline Wire, Eastern
Ledger, Harbour Post, ministry, air force and governors' channels, some in Russian or
Ukrainian). Several outlets report the same nights with different figures or a day late,
so its incidents carry every kind of flag (date_conflict, count_conflict,
breakdown_mismatch, single_source, unknown_place). See samples/demo.py.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Iterator

from dronewatch.model import Document

ARTICLES = "articles.jsonl"
DEMO = "demo.jsonl"


def articles_path() -> Path:
    """The path of the shipped sample file (a real file: the package is installed unzipped)."""
    return Path(str(files(__name__) / ARTICLES))


def demo_path() -> Path:
    """The path of the demo corpus (`dronewatch demo`)."""
    return Path(str(files(__name__) / DEMO))


def load_articles() -> Iterator[Document]:
    """The sample articles as `Document`s, in file order."""
    with articles_path().open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                d = json.loads(line)
                yield Document(id=d["id"], text=d["text"], published=d.get("published"),
                               url=d.get("url"), title=d.get("title"), outlet=d.get("outlet"),
                               source=f"{ARTICLES}:{n}")


__all__ = ["articles_path", "demo_path", "load_articles"]
