"""Polite, resilient fetching for the monitor, on top of :mod:`sitrep.fetch`.

* **Per host**: at most ``per_host_concurrency`` requests in flight and at least
  ``per_host_interval_s`` seconds between two starts (or the site's robots.txt
  ``Crawl-delay`` when longer).
* **robots.txt** is read once per host (cached ``defaults.WATCH_ROBOTS_TTL_S``)
  and obeyed for the ``sitrep`` user agent (RFC 9309: a 4xx robots.txt allows
  everything; a 5xx or unreachable one disallows everything until it is read).
* **Retries** for failures that may pass (timeouts, broken connections, 429 and
  5xx answers): exponential backoff from ``backoff_s`` with jitter, a server's
  ``Retry-After`` honoured up to ``defaults.WATCH_MAX_RETRY_AFTER_S``.
  Forbidden addresses, 4xx answers, redirect loops, oversize bodies and wrong
  content types fail at once.

The circuit breaker is per *source* and lives with the source's state in the
store (:mod:`sitrep.watch.state`), so it survives a restart.
"""

from __future__ import annotations

import random
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from sitrep import defaults
from sitrep.errors import (
    ConnectionFailedError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    RobotsDisallowedError,
)
from sitrep.fetch import Fetcher, FetchPolicy, FetchResult

#: The user-agent token robots.txt rules are matched against.
ROBOTS_AGENT = "sitrep"


def retryable(exc: BaseException) -> bool:
    """May the failure pass if tried again later?"""
    if isinstance(exc, HTTPStatusError):
        return exc.status == 429 or exc.status >= 500
    return isinstance(exc, (FetchTimeoutError, ConnectionFailedError))


class _Host:
    def __init__(self, concurrency: int) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.next_start = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_until = 0.0
        self.robots_lock = threading.Lock()


class PoliteFetcher:
    """GETs with per-host limits, robots.txt, retries; thread-safe."""

    def __init__(self, policy: FetchPolicy, *, per_host_interval_s: float = defaults.WATCH_HOST_INTERVAL_S,
                 per_host_concurrency: int = defaults.WATCH_HOST_CONCURRENCY, retries: int = defaults.WATCH_RETRIES,
                 backoff_s: float = defaults.WATCH_BACKOFF_S, robots: bool = True,
                 sleep: Callable[[float], Any] = time.sleep, client: Any | None = None,
                 max_connections: int = 16) -> None:
        self.fetcher = Fetcher(policy, client=client, max_connections=max_connections)
        self.policy = policy
        self.interval = per_host_interval_s
        self.concurrency = per_host_concurrency
        self.retries = retries
        self.backoff = backoff_s
        self.use_robots = robots
        self.sleep = sleep
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self.requests = 0  # every request sent, robots.txt included (for metrics)

    def close(self) -> None:
        self.fetcher.close()

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            h = self._hosts.get(key)
            if h is None:
                h = self._hosts[key] = _Host(self.concurrency)
        return key, h

    def _paced(self, host: _Host, fn: Callable[[], Any], delay: float) -> Any:
        with host.slots:
            with host.lock:
                now = time.monotonic()
                wait = host.next_start - now
                host.next_start = max(now, host.next_start) + delay
            if wait > 0:
                self.sleep(wait)
            self.requests += 1
            return fn()

    def _robots(self, base: str, host: _Host) -> urllib.robotparser.RobotFileParser:
        with host.robots_lock:
            if host.robots is not None and time.monotonic() < host.robots_until:
                return host.robots
            rp = urllib.robotparser.RobotFileParser()
            ttl = defaults.WATCH_ROBOTS_TTL_S
            try:
                res = self._paced(host, lambda: self.fetcher.fetch(f"{base}/robots.txt",
                                                                   max_bytes=defaults.WATCH_ROBOTS_MAX_BYTES,
                                                                   content_types=None), self.interval)
                rp.parse(res.body.decode("utf-8", errors="replace").splitlines())
            except HTTPStatusError as exc:
                if exc.status >= 500 or exc.status == 429:
                    rp.parse(["User-agent: *", "Disallow: /"])  # unreachable: complete disallow (RFC 9309 2.3.1.4)
                    ttl = min(ttl, defaults.WATCH_ROBOTS_ERROR_TTL_S)
                else:
                    rp.parse([])  # unavailable (4xx): no rules
            except FetchError:
                rp.parse(["User-agent: *", "Disallow: /"])
                ttl = min(ttl, defaults.WATCH_ROBOTS_ERROR_TTL_S)
            host.robots = rp
            host.robots_until = time.monotonic() + ttl
            return rp

    def get(self, url: str, *, headers: Mapping[str, str] | None = None, max_bytes: int | None = None,
            content_types: tuple[str, ...] | None | bool = True) -> FetchResult:
        """One polite GET (retried when the failure may pass). Raises FetchError subclasses."""
        base, host = self._host(url)
        delay = self.interval
        if self.use_robots:
            rp = self._robots(base, host)
            if not rp.can_fetch(ROBOTS_AGENT, url):
                raise RobotsDisallowedError(f"{base}/robots.txt disallows it for {ROBOTS_AGENT}", item=url)
            crawl = rp.crawl_delay(ROBOTS_AGENT)
            if crawl:
                delay = max(delay, min(float(crawl), defaults.WATCH_MAX_CRAWL_DELAY_S))
        attempt = 0
        while True:
            try:
                return self._paced(host, lambda: self.fetcher.fetch(url, headers=headers, max_bytes=max_bytes,
                                                                    content_types=content_types), delay)
            except FetchError as exc:
                if attempt >= self.retries or not retryable(exc):
                    raise
                wait = self.backoff * (2 ** attempt) * random.uniform(0.5, 1.5)
                if isinstance(exc, HTTPStatusError) and exc.retry_after is not None:
                    if exc.retry_after > defaults.WATCH_MAX_RETRY_AFTER_S:
                        raise
                    wait = max(wait, exc.retry_after)
                attempt += 1
                self.sleep(wait)
