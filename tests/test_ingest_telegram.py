"""Telegram Desktop channel exports (`result.json`) as input: read_inputs and `dronewatch extract`.

Every export here is written by the test (own messages, Russian and English, both shapes of
`text`); the Russian one is worded like a Ministry of Defence post so the real extractor
finds claims in it.
"""

from __future__ import annotations

import io
import json
import re
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dronewatch.cli import app
from dronewatch.ingest import read_inputs, telegram
from dronewatch.model import Document, Rejection

RU_POST = [
    "В ночь на 24 октября текущего года ",
    {"type": "bold", "text": "дежурными средствами ПВО перехвачены и уничтожены 45 украинских "
                             "беспилотных летательных аппаратов самолетного типа"},
    ": 19 – над территорией Белгородской области, 14 – над территорией Брянской области, "
    "12 – над территорией Курской области.\n\n",
    {"type": "text_link", "text": "Подробнее", "href": "https://example.org/post"},
]
EN_POST = ("Air defence units intercepted seven drones over Belgorod Oblast overnight, "
           "the regional governor said.")
RU_TEXT = "".join(p if isinstance(p, str) else p["text"] for p in RU_POST)

MESSAGES = [
    {"id": 1, "type": "service", "date": "2025-10-23T09:00:00", "actor": "Тестовый канал",
     "action": "create_channel", "title": "Тестовый канал", "text": "", "text_entities": []},
    {"id": 41, "type": "message", "date": "2025-10-24T07:31:05", "from": "Тестовый канал",
     "text": RU_POST,
     "text_entities": [{"type": "plain", "text": RU_POST[0]}, RU_POST[1]]},
    {"id": 42, "type": "message", "date": "2025-10-24T08:02:00", "photo": "photos/p.jpg",
     "text": "", "text_entities": []},
    {"id": 43, "type": "message", "date": "2025-10-24T09:15:40", "text": {"oops": True}},
    {"id": 44, "type": "message", "date": "2025-10-25T23:59:59", "text": EN_POST,
     "text_entities": [{"type": "plain", "text": EN_POST}]},
]


def export(folder: Path, messages=MESSAGES, *, username: str | None = "dw_test_channel",
           name: str = "Тестовый канал", indent: int | None = 1) -> Path:
    """A Telegram Desktop export folder: result.json, photos/ and files/ beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    obj: dict = {"name": name, "type": "public_channel", "id": 1234567890}
    if username is not None:
        obj["username"] = username
    obj["messages"] = messages
    path = folder / "result.json"
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=indent), encoding="utf-8")
    (folder / "photos").mkdir(exist_ok=True)
    (folder / "photos" / "p.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "files").mkdir(exist_ok=True)
    (folder / "files" / "note.txt").write_text("an attachment, not a post", encoding="utf-8")
    (folder / "files" / "data.json").write_text('{"id": "x", "text": "attachment"}', encoding="utf-8")
    return path


def items(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


# --------------------------------------------------------------------- read_inputs

def test_export_becomes_one_document_per_text_message(tmp_path):
    path = export(tmp_path / "ChatExport_2025-10-25")
    out = items(path)
    docs = [i for i in out if isinstance(i, Document)]
    rejections = [i for i in out if isinstance(i, Rejection)]
    assert [d.id for d in docs] == ["dw_test_channel/41", "dw_test_channel/44"]
    ru, en = docs
    assert ru.text == RU_TEXT
    assert ru.published == "2025-10-24" and en.published == "2025-10-25"
    assert ru.url == "https://t.me/dw_test_channel/41"
    assert en.url == "https://t.me/dw_test_channel/44"
    assert ru.outlet == en.outlet == "Тестовый канал"
    assert ru.source == f"{path}:41"
    # the service message and the photo without caption are skipped silently; the broken
    # message is one line naming the file and the message id
    assert [str(r) for r in rejections] == [
        f"{path}:43: 'text' is not a string or a list of text entities (got object)"]


def test_export_folder_reads_result_json_only(tmp_path):
    folder = tmp_path / "ChatExport_2025-10-25"
    export(folder)
    out = items(tmp_path)  # the folder above the export, walked
    assert [i.id for i in out if isinstance(i, Document)] == ["dw_test_channel/41",
                                                             "dw_test_channel/44"]
    assert all("files" not in (i.source or "") for i in out)
    assert items(folder) == out


def test_links_point_at_the_message(tmp_path):
    for item in items(export(tmp_path / "e")):
        if isinstance(item, Document):
            channel, mid = item.id.split("/")
            assert re.fullmatch(r"https://t\.me/[A-Za-z][A-Za-z0-9_]{3,31}/\d+", item.url)
            assert item.url == f"https://t.me/{channel}/{mid}"


@pytest.mark.parametrize("given", ["@dw_test_channel", "https://t.me/dw_test_channel"])
def test_username_forms(tmp_path, given):
    docs = [i for i in items(export(tmp_path / "e", username=given)) if isinstance(i, Document)]
    assert docs[0].id == "dw_test_channel/41"
    assert docs[0].url == "https://t.me/dw_test_channel/41"


def test_without_username_the_name_is_slugified_and_there_is_no_url(tmp_path):
    docs = [i for i in items(export(tmp_path / "e", username=None)) if isinstance(i, Document)]
    assert [d.id for d in docs] == ["тестовый-канал/41", "тестовый-канал/44"]
    assert all(d.url is None for d in docs)
    assert docs[0].outlet == "Тестовый канал"


def test_a_json_document_file_is_still_a_document(tmp_path):
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"id": "a", "text": EN_POST, "messages": "not a list"}))
    assert [i.id for i in items(f)] == ["a"]


def test_export_named_otherwise_and_compact_is_detected_by_content(tmp_path):
    path = export(tmp_path / "e", indent=None)
    other = path.rename(tmp_path / "channel dump.json")
    assert [i.id for i in items(other) if isinstance(i, Document)] == ["dw_test_channel/41",
                                                                      "dw_test_channel/44"]


def test_name_after_messages_is_still_found(tmp_path):
    f = tmp_path / "late.json"
    f.write_text(json.dumps({"messages": MESSAGES, "name": "Late Name", "username": "late_name"},
                            ensure_ascii=False), encoding="utf-8")
    docs = [i for i in items(f) if isinstance(i, Document)]
    assert [(d.id, d.outlet, d.url) for d in docs] == [
        ("late_name/41", "Late Name", "https://t.me/late_name/41"),
        ("late_name/44", "Late Name", "https://t.me/late_name/44")]


def test_stdin_export(tmp_path):
    data = export(tmp_path / "e").read_bytes()
    out = items("-", stdin=io.BytesIO(data))
    assert [i.id for i in out if isinstance(i, Document)] == ["dw_test_channel/41",
                                                             "dw_test_channel/44"]
    assert [i.source for i in out if isinstance(i, Rejection)] == ["stdin:43"]


def test_truncated_export_keeps_what_came_before(tmp_path):
    path = export(tmp_path / "e")
    data = path.read_bytes()
    path.write_bytes(data[: data.index("over Belgorod".encode())])
    out = items(path)
    assert [i.id for i in out if isinstance(i, Document)] == ["dw_test_channel/41"]
    last = out[-1]
    assert isinstance(last, Rejection) and last.source == str(path)
    assert "invalid JSON" in last.reason and "rest of the export skipped" in last.reason


def test_a_syntax_error_is_placed_and_ends_the_file(tmp_path):
    path = export(tmp_path / "e")
    data = path.read_text(encoding="utf-8")
    broken = data.replace('"id": 43,', '"id": 43 x,')
    path.write_text(broken, encoding="utf-8")
    out = items(path, max_bytes=1_000_000)
    assert [i.id for i in out if isinstance(i, Document)] == ["dw_test_channel/41"]
    assert str(out[-1]) == (f"{path}: invalid JSON: Expecting ',' delimiter at character "
                            f"{broken.index('43 x') + 3}; rest of the export skipped")


def test_message_over_the_limit(tmp_path):
    big = {"id": 50, "type": "message", "date": "2025-10-26T00:00:00", "text": "x" * 200_000}
    path = export(tmp_path / "e", [MESSAGES[1], big, MESSAGES[4]])
    out = items(path, max_bytes=50_000)
    assert [i.id for i in out if isinstance(i, Document)] == ["dw_test_channel/41"]
    assert "message too large" in out[-1].reason


def test_chunk_boundaries_anywhere(tmp_path, monkeypatch):
    """The stream decoder gives the same documents whatever the read size."""
    path = export(tmp_path / "e")
    expected = items(path)
    for chunk in (1, 2, 3, 7, 64):
        monkeypatch.setattr(telegram, "CHUNK", chunk)
        assert items(path) == expected


def test_a_large_export_is_streamed(tmp_path):
    n = 20_000
    msgs = [{"id": i, "type": "message", "date": "2025-10-24T07:31:05",
             "text": [f"Сообщение {i}: ", {"type": "bold", "text": "перехвачены"}, " " + "ж" * 300]}
            for i in range(n)]
    path = export(tmp_path / "e", msgs, indent=None)
    size = path.stat().st_size
    assert size > 10_000_000
    tracemalloc.start()
    count = sum(1 for i in read_inputs([str(path)]) if isinstance(i, Document))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == n
    assert peak < size / 10


# ----------------------------------------------------------------- dronewatch extract

def test_cli_extract_gives_claims_with_channel_ids(tmp_path):
    folder = tmp_path / "ChatExport_2025-10-25"
    path = export(folder)
    result = CliRunner().invoke(app, ["extract", str(folder)])
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1  # the broken message is reported
    assert result.stderr.splitlines() == [
        f"dronewatch: {path}:43: 'text' is not a string or a list of text entities (got object)"]
    ru = [c for c in claims if c["doc_id"] == "dw_test_channel/41"]
    assert {c["intercepted"]["value"] for c in ru} >= {45, 19, 14, 12}
    assert any(c["location"]["admin1"] == ["RU-BEL"] for c in ru)
    assert all(c["weapon"] == "drone" for c in ru)
    for c in ru:  # evidence offsets index into the message text as assembled
        for ev in c["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(RU_TEXT)
    assert {c["doc_id"] for c in claims} <= {"dw_test_channel/41", "dw_test_channel/44"}
    assert all(c["id"].startswith(c["doc_id"] + ":") for c in claims)

    # same input, named as a file
    again = CliRunner().invoke(app, ["extract", str(path)])
    assert again.stdout == result.stdout
