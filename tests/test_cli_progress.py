"""Issue 14.10: the progress bar of `ingest` and `extract` on a terminal has a total (the
input's bytes) and moves from the first documents on, and it names each phase. Run in a
pseudo-terminal, as a user sees it."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from rich.filesize import decimal

DRONEWATCH = Path(sys.executable).parent / "dronewatch"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")
PLACES = ["Belgorod Oblast", "Kursk Oblast", "Bryansk Oblast", "Voronezh Oblast"]


def reports(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({
                "id": f"p{i:05d}", "published": f"2025-11-{1 + i % 28:02d}",
                "text": f"Air defences destroyed {i % 40 + 1} drones over {PLACES[i % 4]} "
                        f"during the night, the regional governor wrote in report {i}. "
                        "Nobody was hurt and the roads stayed open."}) + "\n")
    return path


def on_a_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run dronewatch with stderr on a pseudo-terminal; its exit status and what it drew."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    proc = subprocess.Popen([str(DRONEWATCH), *args], stdout=subprocess.DEVNULL,
                            stderr=slave, stdin=subprocess.DEVNULL, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=300), ANSI.sub("\n", b"".join(chunks).decode("utf-8", "replace"))


def test_ingest_shows_a_bar_over_the_input_bytes_and_names_its_phases(tmp_path):
    dump = reports(tmp_path / "reports.jsonl", 1500)
    code, drawn = on_a_terminal("ingest", str(dump), "--db", str(tmp_path / "s.db"),
                                "--batch", "1000", cwd=tmp_path)
    assert code == 0, drawn
    assert "extracting" in drawn and "grouping incidents" in drawn
    total = decimal(dump.stat().st_size)
    assert f"of {total}" in drawn, drawn[-2000:]
    # it moved before the first batch of 1,000 was stored: counted per document
    counts = {int(n.replace(",", "")) for n in re.findall(r"([\d,]+) documents", drawn)}
    assert any(0 < n < 1000 for n in counts), sorted(counts)
    assert 1500 in counts


def test_extract_shows_the_bytes_read_of_its_input(tmp_path):
    dump = reports(tmp_path / "reports.jsonl", 300)
    code, drawn = on_a_terminal("extract", str(dump), "-o", str(tmp_path / "out.jsonl"),
                                cwd=tmp_path)
    assert code == 0, drawn
    total = decimal(dump.stat().st_size)
    assert f"{total} of {total}" in drawn, drawn[-2000:]
    assert "300 documents" in drawn
