"""Store paths that are not stores (issue 15, item 7): a symbolic link, a device, and a
5,000-character --db path are one line each; nothing is created or written through them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dronewatch.store import StoreError, open_store

DRONEWATCH = Path(sys.executable).parent / "dronewatch"


def test_a_symlink_to_an_empty_file_is_refused_and_the_file_left_empty(tmp_path):
    target = tmp_path / "someone-elses.conf"
    target.write_bytes(b"")
    link = tmp_path / "store.db"
    link.symlink_to(target)
    with pytest.raises(StoreError, match="a symbolic link"):
        open_store(str(link))
    assert target.stat().st_size == 0  # not turned into a database
    assert sorted(p.name for p in tmp_path.iterdir()) == ["someone-elses.conf", "store.db"]


def test_a_dangling_symlink_creates_nothing(tmp_path):
    link = tmp_path / "store.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    with pytest.raises(StoreError, match="a symbolic link"):
        open_store(str(link))
    assert not (tmp_path / "elsewhere.db").exists()


def test_something_other_than_a_file_is_refused():
    with pytest.raises(StoreError, match="/dev/null: not a regular file"):
        open_store("/dev/null")


@pytest.mark.parametrize("command", [["claims"], ["ingest", os.devnull]])
def test_a_5000_character_db_path_is_one_line(tmp_path, command):
    db = str(tmp_path / ("a" * 5000))
    done = subprocess.run([str(DRONEWATCH), command[0], "--db", db, *command[1:]],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr[-500:]
    assert "File name too long" in lines[0] and len(lines[0]) < 300
