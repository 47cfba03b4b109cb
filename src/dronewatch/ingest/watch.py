"""The feed watcher: poll RSS/Atom feeds, fetch each new item's article page once, and
ingest it into the store exactly as `dronewatch ingest` would (store.ingest_documents).

    with open_store(db) as store:
        watcher = Watcher(store, ["https://news.example/rss"], report=print_error)
        watcher.poll_round()                      # one pass over the feeds that are due
        watcher.run()                             # forever (Ctrl-C ends it)

Nothing one feed or page does stops the others: every problem is one `report(url, reason)`
call, then the watcher goes on. A feed that fails is asked again later and later
(`backoff`); an item whose page failed in a way worth repeating (5xx, timeout) is tried
again on the next polls, up to MAX_ATTEMPTS. State lives in the store (store/feeds.py), so a
restarted watcher sends the stored ETag / Last-Modified and fetches no page twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from dronewatch.ingest.feeds import (MAX_URL, FeedItem, clean_link, outlet_of, page_document,
                                     parse_feed)
from dronewatch.ingest.fetch import FetchError, Fetcher, check_scheme
from dronewatch.model import Document
from dronewatch.store import feeds as state
from dronewatch.store.db import Store, StoreError

DEFAULT_INTERVAL = 300.0
MAX_BACKOFF = 6 * 3600.0  # a failing feed is still asked at least this often
MAX_ATTEMPTS = 3  # tries of one page that keeps failing transiently
MAX_ITEMS = 100  # new items fetched per feed per poll; the rest wait for the next poll
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(slots=True)
class RoundStats:
    feeds: int = 0          # feeds polled
    not_modified: int = 0   # answered 304
    backing_off: int = 0    # not polled: still waiting after failures
    feed_errors: int = 0
    new_items: int = 0      # items seen for the first time (or retried)
    ingested: int = 0       # documents stored
    duplicates: int = 0     # already stored (another feed, another input, same text)
    skipped: int = 0        # page refused for good (404, too large, no article, ...)
    retry: int = 0          # failed for now; tried again next poll
    claims: int = 0
    errors: int = 0         # lines reported
    incidents: int | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [f"{self.feeds} feeds polled"]
        for label, n in (("not modified", self.not_modified), ("backing off", self.backing_off),
                         ("failed", self.feed_errors)):
            if n:
                parts.append(f"{n} {label}")
        parts.append(f"{self.new_items} new items, {self.ingested} ingested, "
                     f"{self.claims} claims")
        for label, n in (("already stored", self.duplicates), ("skipped", self.skipped),
                         ("to retry", self.retry)):
            if n:
                parts.append(f"{n} {label}")
        if self.incidents is not None:
            parts.append(f"{self.incidents} incidents")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


def backoff(interval: float, failures: int, retry_after: float | None = None,
            cap: float = MAX_BACKOFF) -> float:
    """Seconds before a feed that failed `failures` times in a row is asked again: the
    interval doubled per failure, at least the server's Retry-After, never over `cap`."""
    delay = interval * 2 ** min(failures, 30)
    if retry_after:
        delay = max(delay, retry_after)
    return min(delay, max(cap, interval))


def _when(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class Watcher:
    def __init__(self, store: Store, urls: list[str] | None = None, *,
                 interval: float = DEFAULT_INTERVAL, allow_private: bool = False,
                 max_bytes: int = 5_000_000, timeout: float = 30.0,
                 report: Callable[[str, str], None] | None = None,
                 log: Callable[[str], None] | None = None,
                 clock: Callable[[], float] = time.time, fetcher: Fetcher | None = None,
                 extract_timeout: float = 60.0):
        self.store, self.interval, self.clock = store, interval, clock
        self.report = report or (lambda source, reason: None)
        self.log = log or (lambda line: None)
        self.extract_timeout = extract_timeout
        self.fetcher = fetcher or Fetcher(allow_private=allow_private, timeout=timeout,
                                          max_bytes=max_bytes)
        self.urls = list(dict.fromkeys(urls or []))
        for url in self.urls:  # a typo'd feed URL is the caller's error: FetchError
            try:
                check_scheme(url)
            except FetchError as exc:
                raise FetchError(f"{url}: {exc.reason}") from None
        if self.urls:
            state.register_feeds(store, self.urls)

    def close(self) -> None:
        self.fetcher.close()

    def feeds(self) -> list[state.FeedState]:
        """The feeds watched: those given, else every feed the store has watched before."""
        if self.urls:
            return state.register_feeds(self.store, self.urls)
        return state.all_feeds(self.store)

    # ------------------------------------------------------------------------- rounds

    def poll_round(self, *, due_only: bool = False) -> RoundStats:
        """Poll the feeds once. `due_only`: only those whose next poll time has come (the
        loop); otherwise every feed except one still backing off after failures (--once)."""
        t0 = time.perf_counter()
        stats = RoundStats()
        now = self.clock()
        for feed in self.feeds():
            waiting = feed.next_poll is not None and feed.next_poll > now
            if waiting and (due_only or feed.failures):
                if feed.failures:
                    stats.backing_off += 1
                    if not due_only:
                        self.log(f"{feed.url}: backing off after {feed.failures} failures; "
                                 f"next try in {_when(feed.next_poll - now)}")
                continue
            try:
                self.poll_feed(feed, stats)
            except StoreError:
                raise
            except Exception as exc:  # noqa: BLE001 -- a parser's bug on one feed's bytes
                # must not stop the other feeds, nor this one's next poll after a restart
                self._feed_failed(feed, f"cannot be read ({type(exc).__name__}: "
                                        f"{' '.join(str(exc).split())[:120]})", stats)
        if stats.ingested:
            from dronewatch.store.incidents import rebuild_if_dirty

            stats.incidents = rebuild_if_dirty(self.store)
        stats.seconds = time.perf_counter() - t0
        return stats

    def run(self, *, stop: Callable[[], bool] = lambda: False,
            sleep: Callable[[float], None] = time.sleep,
            on_round: Callable[[RoundStats], None] | None = None) -> None:
        """Poll due feeds, sleep until the next is due (at most `interval`), repeat until
        `stop()` or Ctrl-C (KeyboardInterrupt reaches the caller between two transactions)."""
        while not stop():
            stats = self.poll_round(due_only=True)
            if on_round and (stats.feeds or stats.errors):
                on_round(stats)
            now = self.clock()
            due = [f.next_poll for f in self.feeds() if f.next_poll is not None]
            wait = min([self.interval] + [max(0.0, t - now) for t in due])
            end = now + max(wait, 1.0)
            while not stop() and self.clock() < end:
                sleep(min(1.0, end - self.clock()))

    # ------------------------------------------------------------------------- one feed

    def poll_feed(self, feed: state.FeedState, stats: RoundStats) -> None:
        stats.feeds += 1
        now = self.clock()
        feed.last_polled = now
        try:
            response = self.fetcher.get(feed.url, etag=feed.etag,
                                        last_modified=feed.last_modified, accept=FEED_ACCEPT)
        except FetchError as exc:
            self._feed_failed(feed, exc.reason, stats, exc.retry_after)
            return
        pending = state.retry_items(self.store, feed.pk)  # before this poll adds to them
        if response.status == 304:
            stats.not_modified += 1
            self._feed_ok(feed, "not modified")
            self._retry(feed, pending, feed.title or outlet_of(None, feed.url), stats)
            return
        parsed = parse_feed(response.content, response.url, response.headers.get("content-type"))
        if isinstance(parsed, str):
            self._feed_failed(feed, parsed, stats)
            return
        feed.title = parsed.title or feed.title
        # validators are kept only once the body was read in full, so a 304 means "as stored"
        feed.etag = response.headers.get("etag")
        feed.last_modified = response.headers.get("last-modified")
        self._feed_ok(feed, "ok")
        for reason in parsed.skipped:
            self._error(feed.url, reason, stats)
        outlet = outlet_of(parsed.title, feed.url)
        seen = state.item_states(self.store, feed.pk, [i.key for i in parsed.items])
        fresh = [i for i in parsed.items if i.key not in seen]
        if len(fresh) > MAX_ITEMS:
            self.log(f"{feed.url}: {len(fresh)} new items; fetching {MAX_ITEMS} now, the rest "
                     f"on the next polls")
        # feeds list the newest first: oldest first keeps the store in publication order
        for item in reversed(fresh[:MAX_ITEMS]):
            stats.new_items += 1
            self._take(feed, item, outlet, stats, attempts=0)
        self._retry(feed, pending, outlet, stats, {i.key: i for i in parsed.items})

    def _retry(self, feed, pending: list[tuple[str, str | None, int]], outlet: str,
               stats: RoundStats, listed: dict[str, FeedItem] | None = None) -> None:
        """Items whose page failed transiently on an earlier poll: one more try each (the
        entry's title and date when the feed still lists it)."""
        for key, link, attempts in pending:
            item = (listed or {}).get(key) or FeedItem(key=key, link=link, title=None,
                                                       published=None)
            self._take(feed, item, outlet, stats, attempts=attempts)

    def _feed_ok(self, feed: state.FeedState, status: str) -> None:
        feed.failures = 0
        feed.next_poll = feed.last_polled + self.interval
        feed.last_status = status
        state.save_feed(self.store, feed)

    def _feed_failed(self, feed: state.FeedState, reason: str, stats: RoundStats,
                     retry_after: float | None = None) -> None:
        feed.failures += 1
        delay = backoff(self.interval, feed.failures, retry_after)
        feed.next_poll = feed.last_polled + delay
        feed.last_status = reason
        state.save_feed(self.store, feed)
        stats.feed_errors += 1
        self._error(feed.url, f"{reason} (failure {feed.failures}; next try in {_when(delay)})",
                    stats)

    def _error(self, source: str, reason: str, stats: RoundStats) -> None:
        stats.errors += 1
        self.report(source, reason)

    # ------------------------------------------------------------------------- one item

    def _take(self, feed, item: FeedItem, outlet: str, stats: RoundStats, attempts: int) -> None:
        """Fetch, read and ingest one item's page; record what became of it."""
        now = self.clock()
        link = clean_link(item.link) if item.link else None

        def record(status: str, reason: str | None = None, doc_id: str | None = None) -> None:
            state.save_item(self.store, feed.pk, item.key, link=link, status=status,
                            reason=reason, doc_id=doc_id, attempts=attempts + 1, now=now)

        if not link:
            self._error(feed.url, f"item {item.key[:80]!r} has no link; skipped", stats)
            stats.skipped += 1
            return record(state.SKIPPED, "no link")
        if len(link) > MAX_URL:
            self._error(link[:80] + "...", f"link longer than {MAX_URL} characters; skipped", stats)
            stats.skipped += 1
            return record(state.SKIPPED, "link too long")
        stored = state.link_stored(self.store, link)
        if stored:
            stats.duplicates += 1
            return record(state.DUPLICATE, "already stored", stored)
        try:
            page = self.fetcher.get(link, accept=PAGE_ACCEPT)
        except FetchError as exc:
            if exc.transient and attempts + 1 < MAX_ATTEMPTS:
                stats.retry += 1
                self._error(link, f"{exc.reason}; will try again (attempt {attempts + 1} of "
                                  f"{MAX_ATTEMPTS})", stats)
                return record(state.RETRY, exc.reason)
            stats.skipped += 1
            self._error(link, f"{exc.reason}; skipped", stats)
            return record(state.FAILED if exc.transient else state.SKIPPED, exc.reason)
        doc = page_document(page.content, url=link, content_type=page.content_type,
                            charset=page.charset, item=item, outlet=outlet)
        if not isinstance(doc, Document):
            stats.skipped += 1
            self._error(link, f"{doc.reason}; skipped", stats)
            return record(state.SKIPPED, doc.reason)
        self._ingest(doc, stats, record)

    def _ingest(self, doc: Document, stats: RoundStats, record) -> None:
        from dronewatch.store.pipeline import ingest_documents

        problems: list[tuple[str, str]] = []
        result = ingest_documents(self.store, [doc], rebuild=False, timeout=self.extract_timeout,
                                  report=lambda source, reason: problems.append((source, reason)))
        for source, reason in problems:
            self._error(source, reason, stats)
        stats.claims += result.claims
        if result.stored:
            stats.ingested += 1
            record(state.INGESTED, None, doc.id)
        elif result.failed:
            stats.skipped += 1
            record(state.FAILED, "extraction failed", doc.id)
        else:
            stats.duplicates += 1
            record(state.DUPLICATE, "same text or URL already stored", doc.id)


__all__ = ["Watcher", "RoundStats", "backoff", "DEFAULT_INTERVAL", "MAX_BACKOFF",
           "MAX_ATTEMPTS", "MAX_ITEMS"]
