"""The `--format table` views of `claims` and `incidents`, for people at a terminal.

What must never be cut (dates, figures, ids, weapon and flag names) sits in columns that do
not wrap, one item per line; only the free text (places, claimants) wraps; where even that
does not fit, each row becomes a block of lines (`View`). So nothing is cut on an
80-column terminal (tests/test_cli_edges.py). The width is the terminal's,
or $COLUMNS, else 200 when the output is not a terminal.
"""

from __future__ import annotations

import os
import sys

from dronewatch.commands._common import count_cell, place_cell

MEASURES = ("launched", "intercepted", "hit", "killed", "injured")


def console_width() -> int | None:
    return None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200


def when_lines(when: dict | None) -> str:
    """A day, or a range as two lines ("2025-11-03" / "..2025-11-04"): whole dates."""
    start, end = ((when or {}).get("start") or "")[:10], ((when or {}).get("end") or "")[:10]
    if not start:
        return ""
    return start if not end or end == start else f"{start}\n..{end}"


MIN_TEXT_WIDTH = 12  # the least a wrapping column (places, claimants) gets in the table


class View:
    """Rows of cells (str, lines joined by newlines) under named columns; a column either
    wraps (free text) or never does (dates, figures, ids). Printed as a table when the
    terminal is wide enough to give every unwrapped cell its whole width, else as one
    block per row, "column  value" per line, so nothing is cut either way."""

    def __init__(self, *columns: tuple[str, bool]):
        self.columns = columns
        self.rows: list[list[str]] = []

    def add_row(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def table_width(self) -> int:
        width = 3 * len(self.columns) + 1  # borders and padding
        for i, (name, wraps) in enumerate(self.columns):
            if wraps:
                width += MIN_TEXT_WIDTH
            else:
                width += max([len(name)] + [len(line) for row in self.rows
                                            for line in row[i].splitlines()])
        return width

    def print(self, noun: str) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(width=console_width())
        if self.table_width() <= console.width:
            table = Table(header_style="bold", show_lines=True)
            for name, wraps in self.columns:
                table.add_column(name, no_wrap=not wraps, overflow="fold")
            for row in self.rows:
                table.add_row(*row)
            console.print(table)
        else:
            label = max(len(name) for name, _ in self.columns)
            for n, row in enumerate(self.rows):
                block = Table.grid(padding=(0, 2))
                block.add_column(no_wrap=True, style="bold", width=label)
                block.add_column(overflow="fold")
                for (name, _), cell in zip(self.columns, row):
                    block.add_row(name, cell)
                if n:
                    console.print()
                console.print(block)
        Console(stderr=True).print(f"{len(self.rows):,} {noun}", highlight=False)


def print_claims_table(records) -> int:
    """Claims (FORMAT.md records as JSON bytes): when | weapon and figures | where |
    claimant | doc."""
    import orjson

    view = View(("when", False), ("what", False), ("where", True), ("claimant", True),
                ("doc", False))
    for raw in records:
        r = orjson.loads(raw)
        cl = r.get("claimant") or {}
        what = [r.get("weapon") or ""] + [f"{m} {count_cell(r.get(m))}" for m in MEASURES
                                          if r.get(m)]
        claimant = ": ".join(p for p in (cl.get("side"), cl.get("name")) if p)
        view.add_row(when_lines(r.get("when")), "\n".join(what), place_cell(r.get("location")),
                     claimant, r.get("doc_id") or "")
    view.print("claims")
    return len(view.rows)


def value_lines(values: dict | None) -> list[str]:
    lines = []
    for measure, by_side in (values or {}).items():
        if isinstance(by_side, dict):
            for side, v in by_side.items():
                value = v.get("value") if isinstance(v, dict) else v
                ref = v.get("reference") if isinstance(v, dict) else None  # verify/reference.py
                lines.append(f"{measure}[{side}] {value}" + (f" ({ref['table']} {ref['value']})" if ref else ""))
    return lines


def print_incidents_table(incidents) -> int:
    """Incidents (dicts): id, when, weapon and sources | where | values and flags."""
    view = View(("incident", False), ("where", True), ("values, flags", False))
    for d in incidents:
        docs, claims = len(d.get("documents") or []), len(d.get("claims") or [])
        head = [d.get("id", ""), when_lines(d.get("when")), d.get("weapon") or "",
                f"{docs} doc{'s' * (docs != 1)}, {claims} claim{'s' * (claims != 1)}"]
        flags = [f"! {kind}" for kind in sorted({f["kind"] for f in d.get("flags") or []})]
        view.add_row("\n".join(head), place_cell(d.get("location")),
                     "\n".join(value_lines(d.get("values")) + flags))
    view.print("incidents")
    return len(view.rows)
