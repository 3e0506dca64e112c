"""The monitor's polite fetcher against a real loopback server: per-host pacing, retries
with exponential backoff and jitter, Retry-After, robots.txt; waits are recorded, not slept."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from net_helpers import LoopbackServer, send

from sitrep.errors import HTTPStatusError, RobotsDisallowedError
from sitrep.fetch import FetchPolicy
from sitrep.watch.fetcher import PoliteFetcher

LOOPBACK = FetchPolicy.allowing(["127.0.0.1"])


class Flaky:
    """Answers 503 (with an optional Retry-After) ``n`` times, then 200."""

    def __init__(self, n: int, retry_after: str | None = None) -> None:
        self.n = n
        self.retry_after = retry_after
        self.lock = threading.Lock()

    def __call__(self, h: Any) -> None:
        with self.lock:
            fail = self.n > 0
            self.n -= 1
        if fail:
            send(503, b"busy", "text/plain", {"Retry-After": self.retry_after} if self.retry_after else None)(h)
        else:
            send(200, b"<rss/>", "application/rss+xml")(h)


def test_retries_back_off_exponentially_with_jitter() -> None:
    waits: list[float] = []
    with LoopbackServer({"/f": Flaky(2)}) as srv:
        pf = PoliteFetcher(LOOPBACK, per_host_interval_s=0, retries=2, backoff_s=1.0, robots=False, sleep=waits.append)
        assert pf.get(srv.url("/f")).status == 200
        assert srv.hits("/f") == 3
        assert len(waits) == 2 and 0.5 <= waits[0] <= 1.5 and 1.0 <= waits[1] <= 3.0
        pf.close()


def test_gives_up_after_the_retries_and_honours_retry_after() -> None:
    waits: list[float] = []
    with LoopbackServer({"/f": Flaky(5, retry_after="4"), "/gone": send(404, b"", "text/plain")}) as srv:
        pf = PoliteFetcher(LOOPBACK, per_host_interval_s=0, retries=1, backoff_s=0.01, robots=False,
                           sleep=waits.append)
        with pytest.raises(HTTPStatusError):
            pf.get(srv.url("/f"))
        assert srv.hits("/f") == 2 and waits == [4.0]
        with pytest.raises(HTTPStatusError):
            pf.get(srv.url("/gone"))
        assert srv.hits("/gone") == 1  # a 404 is not retried
        pf.close()


def test_requests_to_one_host_are_paced() -> None:
    waits: list[float] = []
    with LoopbackServer({"/a": send(200, b"<rss/>", "application/rss+xml")}) as srv:
        pf = PoliteFetcher(LOOPBACK, per_host_interval_s=5.0, retries=0, robots=False, sleep=waits.append)
        for _ in range(3):
            pf.get(srv.url("/a"))
        # the second request waits about 5 s for its turn, the third about 10 s (sleep is recorded, not slept)
        assert len(waits) == 2 and 4.0 < waits[0] <= 5.0 and 9.0 < waits[1] <= 10.0
        pf.close()


def test_robots_txt_rules_and_an_unreachable_robots_txt() -> None:
    with LoopbackServer({"/robots.txt": send(200, "User-agent: sitrep\nDisallow: /private/\n", "text/plain"),
                         "/private/feed.xml": send(200, b"<rss/>", "application/rss+xml"),
                         "/public/feed.xml": send(200, b"<rss/>", "application/rss+xml")}) as srv:
        pf = PoliteFetcher(LOOPBACK, per_host_interval_s=0, retries=0)
        with pytest.raises(RobotsDisallowedError):
            pf.get(srv.url("/private/feed.xml"))
        assert pf.get(srv.url("/public/feed.xml")).status == 200
        assert srv.hits("/robots.txt") == 1 and srv.hits("/private/feed.xml") == 0
        pf.close()
    with LoopbackServer({"/robots.txt": send(500, b"", "text/plain"),
                         "/feed.xml": send(200, b"<rss/>", "application/rss+xml")}) as srv:
        pf = PoliteFetcher(LOOPBACK, per_host_interval_s=0, retries=0)
        with pytest.raises(RobotsDisallowedError):  # RFC 9309: unreachable robots.txt -> disallow
            pf.get(srv.url("/feed.xml"))
        pf.close()
