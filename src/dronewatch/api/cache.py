"""Responses that depend only on the incidents (stats, incident pages), kept until the
incidents change: the key includes the store's incidents version (store/figures.py), which
every rebuild renews, whichever process rebuilt."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

from dronewatch.store.db import Store
from dronewatch.store.figures import version

MAX_ENTRIES = 512


class ResponseCache:
    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_make(self, store: Store, key: tuple, make: Callable[[], bytes]) -> bytes:
        with store.reader() as conn:
            full = (version(conn),) + key
        with self._lock:
            body = self._items.get(full)
            if body is not None:
                self._items.move_to_end(full)
                self.hits += 1
                return body
        body = make()
        with self._lock:
            self.misses += 1
            self._items[full] = body
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return body
