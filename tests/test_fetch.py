"""The one fetch policy (sitrep.fetch): real servers on loopback, loopback allowed
explicitly where a test needs to reach them. Regression tests for issue 13 item 3
are named after the bug."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from net_helpers import LoopbackServer, drip, redirect, send

from sitrep.cli import main as cli
from sitrep.errors import (
    ContentTypeError,
    FetchTimeoutError,
    ForbiddenAddressError,
    HTTPStatusError,
    OversizeError,
    RedirectError,
)
from sitrep.fetch import Fetcher, FetchPolicy, fetch, parse_networks

LOOPBACK = FetchPolicy.allowing(["127.0.0.1"])
PAGE = "<html><head><title>Internal</title></head><body><p>" + "Secret admin page text. " * 20 + "</p></body></html>"


def test_loopback_refused_by_default_and_no_request_made() -> None:
    with LoopbackServer({"/a": send(200, PAGE)}) as srv:
        with pytest.raises(ForbiddenAddressError) as exc:
            fetch(srv.url("/a"))
        assert "loopback" in str(exc.value) and "--allow-address" in str(exc.value)
        assert srv.hits() == 0
        assert fetch(srv.url("/a"), policy=LOOPBACK).body.decode().startswith("<html>")


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "http://[::1]/",
                                 "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://localhost/"])
def test_non_global_addresses_refused_before_connecting(url: str) -> None:
    with pytest.raises(ForbiddenAddressError):
        fetch(url)


def test_allow_list_parses_networks_and_names_bad_entries() -> None:
    assert FetchPolicy.allowing(["10.0.0.0/8"]).allowed(__import__("ipaddress").ip_address("10.9.9.9"))
    with pytest.raises(ValueError, match="not-an-ip"):
        parse_networks(["not-an-ip"])


def test_redirect_to_loopback_refused_on_the_hop() -> None:
    """Issue 13: `sitrep ingest URL` followed redirects to 127.0.0.1. Here the first server
    (127.0.0.2, allowed as if it were public) redirects to 127.0.0.1, which is not allowed."""
    with LoopbackServer({"/internal": send(200, PAGE)}) as inner, \
            LoopbackServer({"/story": redirect(inner.url("/internal"))}, host="127.0.0.2") as outer:
        policy = FetchPolicy.allowing(["127.0.0.2"])
        with pytest.raises(ForbiddenAddressError) as exc:
            fetch(outer.url("/story"), policy=policy)
        assert "127.0.0.1" in str(exc.value) and outer.url("/story") in str(exc.value)
        assert outer.hits("/story") == 1 and inner.hits() == 0


def test_ingest_redirect_to_loopback_stores_nothing(tmp_path: Path) -> None:
    """The CLI path of the same bug: the internal page is not stored under the original URL."""
    with LoopbackServer({"/internal": send(200, PAGE)}) as inner, \
            LoopbackServer({"/story": redirect(inner.url("/internal"))}, host="127.0.0.2") as outer:
        db = tmp_path / "s.db"
        res = CliRunner().invoke(cli, ["ingest", outer.url("/story"), "--db", str(db), "--no-progress",
                                       "--allow-address", "127.0.0.2", "--json"])
        assert res.exit_code == 2, res.output  # nothing could be done (issue 13's exit statuses)
        assert '"articles_new": 0' in res.output and '"articles_failed": 1' in res.output
        assert inner.hits() == 0
        from sitrep.store import Store

        with Store.open(db, read_only=True) as store:
            assert store.stats()["articles"] == 0
            [fail] = store.failures()
            assert fail.error == "ForbiddenAddressError" and "127.0.0.1" in fail.reason


def test_ingest_allow_address_rejects_garbage(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["ingest", "http://127.0.0.1/", "--db", str(tmp_path / "s.db"),
                                   "--allow-address", "everything"])
    assert res.exit_code == 2 and "everything" in res.output


def test_code_does_not_fetch_link_only_feed_items(tmp_path: Path) -> None:
    """Issue 13: link-only items of a local feed file made `sitrep code` send GETs."""
    with LoopbackServer({"/story.html": send(200, PAGE)}) as srv:
        feed = tmp_path / "feed.rss"
        feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                        f"<item><title>Only a link</title><link>{srv.url('/story.html')}</link></item>"
                        "</channel></rss>", encoding="utf-8")
        res = CliRunner().invoke(cli, ["code", str(feed), "--format", "jsonl"])
        assert srv.hits() == 0
        assert "not fetched" in res.output or "fetching was not asked for" in res.output
        res = CliRunner().invoke(cli, ["code", srv.url("/story.html"), "--format", "jsonl"])
        assert srv.hits() == 0 and "--fetch" in res.output


def test_code_fetches_only_with_fetch_and_allowed_address(tmp_path: Path) -> None:
    with LoopbackServer({"/story.html": send(200, PAGE)}) as srv:
        feed = tmp_path / "feed.rss"
        feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                        f"<item><title>Only a link</title><link>{srv.url('/story.html')}</link></item>"
                        "</channel></rss>", encoding="utf-8")
        res = CliRunner().invoke(cli, ["code", str(feed), "--fetch", "--format", "jsonl"])
        assert srv.hits() == 0 and "loopback" in res.output  # asked, but the address is not allowed
        CliRunner().invoke(cli, ["code", str(feed), "--fetch", "--allow-address", "127.0.0.1", "--format", "jsonl"])
        assert srv.hits("/story.html") == 1


def test_slow_drip_is_cut_at_the_overall_deadline() -> None:
    """Issue 13: a server sending one byte every 2 s held a run as long as it liked."""
    stop = threading.Event()
    with LoopbackServer({"/slow": drip(stop, every_s=2.0)}) as srv:
        policy = LOOPBACK.with_(deadline_s=1.5, read_timeout_s=10.0)
        t0 = time.monotonic()
        with pytest.raises(FetchTimeoutError) as exc:
            fetch(srv.url("/slow"), policy=policy)
        took = time.monotonic() - t0
        stop.set()
    assert "1.5 s deadline" in str(exc.value)
    # the drip would last 60 s; a loaded machine may add seconds to the cut, not tens
    assert took < 15.0, f"cut after {took:.1f} s, the deadline is 1.5 s and the drip lasts 60 s"


def test_dripped_headers_are_cut_at_the_deadline_too() -> None:
    stop = threading.Event()

    def drip_headers(h: Any) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(120):  # 60 s of header bytes
            h.wfile.write(b"X")
            h.wfile.flush()
            if stop.wait(0.5):
                return

    with LoopbackServer({"/slow": drip_headers}) as srv:
        with Fetcher(LOOPBACK.with_(deadline_s=1.5, read_timeout_s=10.0)) as f:
            t0 = time.monotonic()
            with pytest.raises(FetchTimeoutError):
                f.fetch(srv.url("/slow"))
            took = time.monotonic() - t0
        stop.set()
    assert took < 15.0, f"cut after {took:.1f} s, the deadline is 1.5 s and the headers drip for 60 s"


def test_read_timeout_when_server_says_nothing() -> None:
    stop = threading.Event()

    def silent(h: object) -> None:
        stop.wait(5)

    with LoopbackServer({"/mute": silent}) as srv:
        with pytest.raises(FetchTimeoutError):
            fetch(srv.url("/mute"), policy=LOOPBACK.with_(read_timeout_s=0.3, deadline_s=5))
        stop.set()


def test_redirect_loop_and_too_many_redirects() -> None:
    routes = {"/a": redirect("/b"), "/b": redirect("/a")}
    routes.update({f"/r{i}": redirect(f"/r{i + 1}") for i in range(10)})
    with LoopbackServer(routes) as srv:
        with pytest.raises(RedirectError, match="loop"):
            fetch(srv.url("/a"), policy=LOOPBACK)
        with pytest.raises(RedirectError, match="more than 3 redirects"):
            fetch(srv.url("/r0"), policy=LOOPBACK.with_(max_redirects=3))
        assert srv.hits("/r4") == 0


def test_size_type_status_and_user_agent() -> None:
    big = b"<html>" + b"a" * 5000 + b"</html>"
    with LoopbackServer({"/big": send(200, big), "/img": send(200, b"\x89PNG", "image/png"),
                         "/busy": send(503, b"later", "text/plain", {"Retry-After": "7"}),
                         "/same": send(304, b""), "/ok": send(200, PAGE)}) as srv:
        with pytest.raises(OversizeError):
            fetch(srv.url("/big"), policy=LOOPBACK.with_(max_bytes=1000))
        with pytest.raises(ContentTypeError, match="image/png"):
            fetch(srv.url("/img"), policy=LOOPBACK)
        with pytest.raises(HTTPStatusError) as exc:
            fetch(srv.url("/busy"), policy=LOOPBACK)
        assert exc.value.status == 503 and exc.value.retry_after == 7.0
        assert fetch(srv.url("/same"), policy=LOOPBACK).not_modified
        with Fetcher(LOOPBACK) as f:
            f.fetch(srv.url("/ok"))
            f.fetch(srv.url("/ok"))
        ua = [h["user-agent"] for p, h in srv.requests if p == "/ok"]
        assert len(ua) == 2 and all(u.startswith("sitrep/") for u in ua)
