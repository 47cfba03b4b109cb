"""Dates near year 1 or 9999 (issue 15, item 2): refused at the door with one line, and a row
stored before the door existed cannot break the incident rebuild (whose day arithmetic used
to leave the calendar: OverflowError on every later ingest, watch round and upload)."""

from __future__ import annotations

import json

import pytest

from dronewatch.ingest.common import document_from_obj
from dronewatch.ingest.feeds import parse_feed
from dronewatch.model import Document, Rejection
from dronewatch.store import Filters, ingest, open_store
from dronewatch.store.incidents import rebuild
from dronewatch.store.pages import page_incidents
from dronewatch.store.pipeline import ingest_documents

TEXT = ("Air defence units destroyed {n} drones above Voronezh Oblast during the night, the "
        "regional governor wrote; a warehouse roof was scorched and nobody was hurt.")
EDGES = ["0001-01-01", "0001-01-05", "9999-12-31", "9999-12-25T23:00:00Z",
         "Fri, 31 Dec 9999 10:00:00 GMT"]


@pytest.mark.parametrize("published", EDGES)
def test_an_implausible_published_date_is_one_rejection_line(published):
    got = document_from_obj({"id": "edge", "published": published, "text": TEXT.format(n=5)},
                            "upload[0]")
    assert isinstance(got, Rejection)
    assert "outside the years 1900-2100" in got.reason and "\n" not in got.reason


def test_a_plausible_date_still_passes():
    got = document_from_obj({"id": "ok", "published": "2025-10-25", "text": TEXT.format(n=5)}, "x")
    assert isinstance(got, Document) and got.published == "2025-10-25"


def test_a_feed_entry_dated_year_1_is_skipped_with_a_line_and_the_others_kept():
    feed = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Edge Wire</title>"
            b"<item><title>old</title><link>http://news.test/old</link>"
            b"<pubDate>0001-01-05T10:00:00Z</pubDate></item>"
            b"<item><title>far</title><link>http://news.test/far</link>"
            b"<pubDate>Fri, 31 Dec 9999 10:00:00 GMT</pubDate></item>"
            b"<item><title>fine</title><link>http://news.test/fine</link>"
            b"<pubDate>Tue, 21 Oct 2025 06:15:00 +0300</pubDate></item></channel></rss>")
    parsed = parse_feed(feed, "http://news.test/rss")
    assert [i.link for i in parsed.items] == ["http://news.test/fine"]
    assert parsed.items[0].published == "2025-10-21"
    assert len(parsed.skipped) == 2
    assert all("outside the years" in r for r in parsed.skipped)


def test_ingest_of_a_file_with_edge_dates_stores_the_rest_and_rebuilds(db_url, tmp_path):
    path = tmp_path / "edge.jsonl"
    rows = [{"id": f"e{i}", "published": p, "text": TEXT.format(n=10 + i)}
            for i, p in enumerate(EDGES)]
    rows.append({"id": "fine", "published": "2025-10-25", "text": TEXT.format(n=3)})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    lines: list[str] = []
    with open_store(db_url) as store:
        stats = ingest(store, [str(path)], report=lambda s, r: lines.append(f"{s}: {r}"))
    assert stats.stored == 1 and stats.incidents == 1
    assert len(lines) == len(EDGES) and all("outside the years" in line for line in lines)


def test_rows_stored_before_the_door_do_not_break_later_rebuilds(db_url):
    """Documents dated year 1 / 9999 written as an older version stored them (bypassing the
    readers): the rebuild runs, and so does the next ingest's and a date-window query."""
    old = [Document(id=f"old{i}", text=TEXT.format(n=20 + i), published=p, source="old")
           for i, p in enumerate(["0001-01-02", "9999-12-31", "9999-12-30"])]
    with open_store(db_url) as store:
        first = ingest_documents(store, old)
        assert first.stored == 3 and first.incidents is not None
        later = ingest_documents(store, [Document(id="new", text=TEXT.format(n=7),
                                                  published="2025-10-25", source="new")])
        assert later.stored == 1 and later.incidents is not None
        assert rebuild(store) == later.incidents
        page = page_incidents(store, Filters(since="0001-01-01", until="9999-12-31"),
                              sort="date", limit=100, cursor=None)
        assert len(page.items) >= 1
