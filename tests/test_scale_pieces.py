"""How `--engine ray` cuts one big JSONL file into pieces that read tasks share: cuts fall
on line ends, the pieces cover the file exactly once, and each piece knows how many lines
come before it, so error lines name the same line numbers as the local reader. No Ray
needed: the pieces are planned in the command's own process."""

from __future__ import annotations


import pytest

from dronewatch.ingest.jsonl import jsonl_lines
from dronewatch.scale.ray_engine import Piece, _Range, line_ranges, plan_pieces, read_piece


def lines_of(path, start, end, after_line):
    """What a read task gets from one piece: (source, raw line) or a rejection reason."""
    with open(path, "rb") as fh:
        fh.seek(start)
        return [item if isinstance(item, tuple) else (item.source, item.reason)
                for item in jsonl_lines(_Range(fh, end - start), "f.jsonl", max_bytes=200,
                                        after_line=after_line)]


@pytest.fixture
def jsonl_file(tmp_path):
    # CRLF and LF endings, blank lines, a line longer than a piece and than max_bytes,
    # and no newline at the very end
    rows = [f'{{"id": "d{i}", "text": "Drone report number {i}."}}' for i in range(60)]
    rows[10] = ""
    rows[25] = '{"id": "long", "text": "' + "x" * 900 + '"}'
    body = "\r\n".join(rows[:30]) + "\r\n" + "\n".join(rows[30:])
    path = tmp_path / "big.jsonl"
    path.write_bytes(body.encode())
    return path


@pytest.mark.parametrize("split", [1, 64, 300, 1000, 10**6])
def test_pieces_cover_the_file_once_and_cut_at_line_ends(jsonl_file, split):
    data = jsonl_file.read_bytes()
    ranges = line_ranges(str(jsonl_file), split)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    for (_, end, _), (start, _, _) in zip(ranges, ranges[1:]):
        assert end == start and data[end - 1:end] == b"\n"
    for start, _, before in ranges:
        assert before == data[:start].count(b"\n")
    if split < len(data) // 2:
        assert len(ranges) > 1


@pytest.mark.parametrize("split", [1, 64, 300, 1000])
def test_pieces_number_their_lines_as_the_whole_file_does(jsonl_file, split):
    whole = lines_of(jsonl_file, 0, jsonl_file.stat().st_size, 0)
    pieces = [item for start, end, before in line_ranges(str(jsonl_file), split)
              for item in lines_of(jsonl_file, start, end, before)]
    assert pieces == whole
    assert ("f.jsonl:26", "line too large (0.0 MB > 0.0 MB limit)") in whole  # the long line
    assert all(not source.endswith(":11") for source, _ in whole)  # the blank line


def test_a_binary_file_stays_one_piece_and_a_small_file_is_not_cut(tmp_path):
    binary = tmp_path / "dump.jsonl"
    binary.write_bytes(b"\x00\x01" * 5000)
    small = tmp_path / "small.jsonl"
    small.write_text('{"text": "One drone was downed."}\n' * 3)
    names = {str(binary): "dump.jsonl", str(small): "small.jsonl"}
    pieces = plan_pieces(names, 1024, report=lambda s, r: None)
    assert [(p.name, p.start, p.end) for p in pieces] == [("dump.jsonl", 0, None),
                                                           ("small.jsonl", 0, None)]


def test_a_missing_uri_is_one_error_line(tmp_path):
    errors = []
    pieces = plan_pieces({f"file://{tmp_path}/gone.jsonl": f"file://{tmp_path}/gone.jsonl"},
                         1024, report=lambda s, r: errors.append((s, r)))
    assert pieces == [] and errors == [(f"file://{tmp_path}/gone.jsonl",
                                        "no such file or directory")]


def test_a_uri_folder_is_listed_in_name_order(tmp_path):
    for name in ("b.jsonl", "a.jsonl", "notes.txt"):
        (tmp_path / name).write_text('{"text": "Two drones were downed."}\n')
    pieces = plan_pieces({f"file://{tmp_path}": f"file://{tmp_path}"}, 1024,
                         report=lambda s, r: None)
    assert [p.name for p in pieces] == [f"file://{tmp_path}/a.jsonl", f"file://{tmp_path}/b.jsonl"]


def test_a_piece_that_cannot_be_read_is_one_rejection_row(tmp_path):
    # the file went away between planning and reading (or a node cannot see it)
    gone = Piece(str(tmp_path / "gone.jsonl"), "gone.jsonl", 10)
    rows = [row for table in read_piece(gone, 1000) for row in table.to_pylist()]
    assert len(rows) == 1
    assert rows[0]["source"] == "gone.jsonl"
    assert rows[0]["reason"] == "cannot read: No such file or directory"
