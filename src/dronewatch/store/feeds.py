"""The feed watcher's state in the store (tables `feeds` and `feed_items`, migration 0002):
per feed its HTTP validators, failures and next poll; per item whether it was seen and what
became of it. Each call is its own short transaction, so an interrupted watcher loses at
most the item it was on (and the document store de-duplicates that one when it comes back).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from dronewatch.store import schema as S
from dronewatch.store.db import Store

# what became of an item; DONE ones are never fetched again
INGESTED, DUPLICATE, SKIPPED, RETRY, FAILED = "ingested", "duplicate", "skipped", "retry", "failed"
DONE = (INGESTED, DUPLICATE, SKIPPED, FAILED)


@dataclass(slots=True)
class FeedState:
    pk: int
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: float | None = None
    last_polled: float | None = None
    last_status: str | None = None


@dataclass(slots=True)
class ItemState:
    status: str
    attempts: int


def item_hash(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _state(row) -> FeedState:
    return FeedState(pk=row.pk, url=row.url, title=row.title, etag=row.etag,
                     last_modified=row.last_modified, failures=row.failures,
                     next_poll=row.next_poll, last_polled=row.last_polled,
                     last_status=row.last_status)


def register_feeds(store: Store, urls: list[str]) -> list[FeedState]:
    """The state of each feed in `urls` (new ones added, due at once), in the order given."""
    f = S.feeds.c
    with store.writer() as conn:
        known = {r.url for r in conn.execute(select(f.url).where(f.url.in_(urls)))}
        for url in dict.fromkeys(urls):
            if url not in known:
                conn.execute(insert(S.feeds).values(url=url, failures=0))
        rows = {r.url: _state(r) for r in conn.execute(select(S.feeds).where(f.url.in_(urls)))}
    return [rows[u] for u in dict.fromkeys(urls)]


def all_feeds(store: Store) -> list[FeedState]:
    with store.reader() as conn:
        return [_state(r) for r in conn.execute(select(S.feeds).order_by(S.feeds.c.pk))]


def save_feed(store: Store, state: FeedState) -> None:
    with store.writer() as conn:
        conn.execute(update(S.feeds).where(S.feeds.c.pk == state.pk).values(
            title=state.title, etag=state.etag, last_modified=state.last_modified,
            failures=state.failures, next_poll=state.next_poll, last_polled=state.last_polled,
            last_status=state.last_status))


def item_states(store: Store, feed_pk: int, keys: list[str]) -> dict[str, ItemState]:
    """{key: state} of the items of `keys` this feed has seen before."""
    by_hash = {item_hash(k): k for k in keys}
    i = S.feed_items.c
    out: dict[str, ItemState] = {}
    hashes = list(by_hash)
    with store.reader() as conn:
        for n in range(0, len(hashes), 400):
            for r in conn.execute(select(i.item_hash, i.status, i.attempts).where(
                    i.feed_pk == feed_pk, i.item_hash.in_(hashes[n:n + 400]))):
                out[by_hash[r.item_hash]] = ItemState(r.status, r.attempts)
    return out


def retry_items(store: Store, feed_pk: int) -> list[tuple[str, str | None, int]]:
    """(key, link, attempts) of this feed's items whose last try failed in a way worth
    repeating."""
    i = S.feed_items.c
    with store.reader() as conn:
        return [(r.item_key, r.link, r.attempts) for r in conn.execute(
            select(i.item_key, i.link, i.attempts).where(i.feed_pk == feed_pk,
                                                         i.status == RETRY).order_by(i.pk))]


def link_stored(store: Store, link: str) -> str | None:
    """The id of a stored document with this URL (from any feed or input), else None."""
    d = S.documents.c
    with store.reader() as conn:
        return conn.execute(select(d.doc_id).where(d.url == link)).scalar()


def save_item(store: Store, feed_pk: int, key: str, *, link: str | None, status: str,
              reason: str | None, doc_id: str | None, attempts: int, now: float) -> None:
    """Record what became of one item (insert, or update the row of an earlier try)."""
    i = S.feed_items.c
    h = item_hash(key)
    values = dict(link=link, status=status, reason=reason, doc_id=doc_id, attempts=attempts,
                  last_tried=now)
    with store.writer() as conn:
        if _update_item(conn, feed_pk, h, values):
            return
        try:
            with conn.begin_nested():
                conn.execute(insert(S.feed_items).values(
                    feed_pk=feed_pk, item_hash=h, item_key=key, first_seen=now, **values))
        except IntegrityError:  # another watcher on the same store recorded it meanwhile
            _update_item(conn, feed_pk, h, values)


def _update_item(conn: Connection, feed_pk: int, h: str, values: dict) -> bool:
    i = S.feed_items.c
    result = conn.execute(update(S.feed_items).where(i.feed_pk == feed_pk, i.item_hash == h)
                          .values(**values))
    return bool(result.rowcount)


def item_counts(store: Store) -> dict[str, int]:
    """{status: items} over all feeds (for summaries and tests)."""
    i = S.feed_items.c
    with store.reader() as conn:
        return dict(conn.execute(select(i.status, func.count()).group_by(i.status)).all())


__all__ = ["FeedState", "ItemState", "register_feeds", "all_feeds", "save_feed",
           "item_states", "retry_items", "link_stored", "save_item", "item_counts",
           "INGESTED", "DUPLICATE", "SKIPPED", "RETRY", "FAILED", "DONE"]
