"""Answers of reads kept while the store is unchanged (what ``sitrep serve`` turns on).

Every Store has a write counter, shared with its siblings (the per-thread Stores of one
open database): each commit of :meth:`Store.atomic` bumps it *after* the commit. A
:class:`ReadCache` keeps computed answers (an event list page, an event's details)
under the counter value read *before* computing them, and empties itself on every
bump; an answer computed across a bump is not kept. So a read after a review or an
ingest returns never sees an answer from before it.

This is exact only while every write goes through this process's Stores, which is the
server's one-writer rule (:mod:`sitrep.web.served`): while it runs no other process
can open the file for writing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class ReadCache:
    """Bounded LRU maps of answers, one per kind, emptied on every write.

    ``sizes`` gives the most entries kept per kind (kinds not named are not cached).
    Cached answers are shared between threads: callers must not change them."""

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = {k: int(v) for k, v in sizes.items() if int(v) > 0}
        self._maps: dict[str, OrderedDict[Hashable, Any]] = {k: OrderedDict() for k in self.sizes}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def clear(self) -> None:
        with self._lock:
            for m in self._maps.values():
                m.clear()

    def get(self, kind: str, key: Hashable, version: int, compute: Callable[[], T],
            current: Callable[[], int]) -> T:
        """The answer for ``key``, computed once per store version. ``version`` is the
        store's counter read before this call; ``current`` reads it again."""
        m = self._maps.get(kind)
        if m is None:
            return compute()
        with self._lock:
            hit = m.get(key, _MISS)
            if hit is not _MISS:
                m.move_to_end(key)
                self.hits += 1
                return hit  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()
        with self._lock:
            if current() == version:  # no write since the version was read: the answer is current
                m[key] = value
                if len(m) > self.sizes[kind]:
                    m.popitem(last=False)
        return value


_MISS = object()


class StoreShared:
    """State shared by a Store and its siblings: the write counter and the read cache."""

    def __init__(self) -> None:
        self.version = 0
        self.cache: ReadCache | None = None
        self._lock = threading.Lock()

    def bump(self) -> None:
        """A write committed: a new version, and nothing cached from before it."""
        with self._lock:
            self.version += 1
        if self.cache is not None:
            self.cache.clear()
