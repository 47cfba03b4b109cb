"""Responses that depend only on the incidents (stats, incident pages), kept until the
incidents change: the key includes the store's incidents version (store/figures.py), which
every rebuild renews, whichever process rebuilt. The version itself is read at most once a
second (`VERSION_TTL`), so a rebuild by another process (`dronewatch watch`, `ingest`) shows
within a second; an upload through this API invalidates it at once."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable

from dronewatch.store.db import Store
from dronewatch.store.figures import version

MAX_ENTRIES = 512
MAX_BYTES = 64_000_000  # of all bodies kept: a page of 1,000 incidents is ~1 MB
VERSION_TTL = 1.0  # seconds a read version is trusted


class ResponseCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.size = 0  # bytes of the bodies kept
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self._version: str | None = None
        self._version_read = 0.0

    def invalidate(self) -> None:
        """Read the version again on the next request (after a write by this process)."""
        self._version = None

    def _current(self, store: Store) -> str:
        now = time.monotonic()
        if self._version is None or now - self._version_read > VERSION_TTL:
            with store.reader() as conn:
                self._version, self._version_read = version(conn), now
        return self._version

    def get_or_make(self, store: Store, key: tuple, make: Callable[[], bytes]) -> bytes:
        full = (self._current(store),) + key
        with self._lock:
            body = self._items.get(full)
            if body is not None:
                self._items.move_to_end(full)
                self.hits += 1
                return body
        body = make()
        with self._lock:
            self.misses += 1
            if full not in self._items and len(body) <= self.max_bytes:
                self._items[full] = body
                self.size += len(body)
            while len(self._items) > self.max_entries or self.size > self.max_bytes:
                self.size -= len(self._items.popitem(last=False)[1])
        return body
