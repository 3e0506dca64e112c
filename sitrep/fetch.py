"""One fetch policy for everything that goes to the network: ``sitrep ingest URL``,
linked pages of feeds, ``sitrep code --fetch`` and ``sitrep watch``.

    >>> from sitrep.fetch import FetchPolicy, fetch
    >>> page = fetch("https://example.org/news", policy=FetchPolicy())
    >>> page.status, page.content_type, len(page.body)

What the policy enforces, on every request:

* **Addresses.** The host is resolved and *every* address it resolves to must be
  global; private (10/8, 192.168/16, fc00::/7 ...), loopback, link-local
  (169.254/16, where cloud metadata lives), shared, multicast, reserved and
  unspecified addresses are refused with :class:`ForbiddenAddressError` unless
  ``allow_addresses`` lists the address or a network holding it
  (``sitrep ingest --allow-address 127.0.0.1``; ``allow_addresses:`` in a watch
  config). The check runs inside the connection itself (a guarded httpcore
  network backend), so the address checked is the address connected to: a DNS
  answer that changes between check and connect gains nothing.
* **Redirects** are followed here, not by httpx: at most ``max_redirects`` hops,
  loops refused, each hop's host checked as above.
* **Time.** ``read_timeout_s`` bounds each wait for a connection or a read;
  ``deadline_s`` bounds the whole fetch, redirects included. A watchdog shuts
  the sockets of a fetch that passes its deadline, so a server dripping one byte
  every two seconds is cut at the deadline, not when it pleases.
* **Size.** The body is streamed and refused past ``max_bytes``
  (:class:`~sitrep.errors.OversizeError`), never held whole.
* **Type.** Content types outside ``content_types`` are refused
  (:class:`ContentTypeError`); a missing type is accepted (callers sniff).
* **Identity.** An identifying ``User-Agent`` (``defaults.FETCH_USER_AGENT``).

Environment proxies are ignored (``trust_env=False``): through a proxy the
address check would be about the proxy, not the site.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from sitrep import defaults
from sitrep.errors import (
    ConnectionFailedError,
    ContentTypeError,
    FetchError,
    FetchTimeoutError,
    ForbiddenAddressError,
    HTTPStatusError,
    OversizeError,
    RedirectError,
)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def parse_networks(values: Iterable[str], *, item: str = "allow_addresses") -> tuple[Network, ...]:
    """``["127.0.0.1", "10.0.0.0/8", "::1"]`` -> networks; ValueError naming a bad entry."""
    out: list[Network] = []
    for v in values:
        try:
            out.append(ipaddress.ip_network(str(v).strip(), strict=False))
        except ValueError:
            raise ValueError(f"{item}: {v!r} is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/8)"
                             ) from None
    return tuple(out)


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do. The defaults (``sitrep.defaults``) suit public news sites."""

    allow: tuple[Network, ...] = ()
    deadline_s: float = defaults.FETCH_DEADLINE_S
    read_timeout_s: float = defaults.HTTP_TIMEOUT_S
    max_bytes: int = defaults.MAX_ARTICLE_BYTES
    max_redirects: int = defaults.FETCH_MAX_REDIRECTS
    content_types: tuple[str, ...] | None = defaults.FETCH_CONTENT_TYPES
    user_agent: str = defaults.FETCH_USER_AGENT

    @classmethod
    def allowing(cls, addresses: Iterable[str] = (), **kw: Any) -> FetchPolicy:
        """A policy that also allows these addresses or networks ("127.0.0.1", "10.0.0.0/8")."""
        return cls(allow=parse_networks(addresses), **kw)

    def with_(self, **kw: Any) -> FetchPolicy:
        from dataclasses import replace

        return replace(self, **kw)

    def allowed(self, ip: Address) -> bool:
        """Whether connecting to ``ip`` is allowed: a global address, or one listed."""
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if any(ip in net for net in self.allow if net.version == ip.version):
            return True
        return ip.is_global and not ip.is_multicast and not ip.is_reserved and not ip.is_unspecified


def _address_kind(ip: Address) -> str:
    for attr in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{attr}", False):
            return attr.replace("_", "-")
    return "non-global"


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    h = host.strip("[]")
    try:
        return [ipaddress.ip_address(h)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(h, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", item=host) from None
    out: list[Address] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in out:
            out.append(ip)
    return out


def check_host(host: str, port: int, policy: FetchPolicy, *, url: str | None = None) -> list[Address]:
    """Resolve ``host`` and refuse it unless every address is allowed."""
    addrs = resolve(host, port)
    if not addrs:
        raise FetchError(f"host {host!r} resolves to no address", item=url or host)
    for ip in addrs:
        if not policy.allowed(ip):
            raise ForbiddenAddressError(
                f"{host} resolves to {ip}, a {_address_kind(ip)} address; refused "
                f"(allow it with --allow-address {ip} or allow_addresses: [{ip}])", item=url or host)
    return addrs


# --- the guarded connection -------------------------------------------------------------


class _Tracker(threading.local):
    sockets: list[socket.socket]
    url: str | None

    def __init__(self) -> None:
        self.sockets = []
        self.url = None


def _guarded_backend(policy: FetchPolicy, tracker: _Tracker) -> Any:
    import httpcore

    class GuardedBackend(httpcore.SyncBackend):  # type: ignore[misc]
        """Connects only to addresses the policy allows, checked on the address connected to."""

        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            addrs = check_host(host, port, policy, url=tracker.url)
            last: Exception | None = None
            for ip in addrs:
                try:
                    stream = super().connect_tcp(str(ip), port, timeout=timeout, local_address=local_address,
                                                 socket_options=socket_options)
                except httpcore.ConnectError as exc:
                    last = exc
                    continue
                sock = stream.get_extra_info("socket")
                if sock is not None:
                    tracker.sockets.append(sock)
                return stream
            assert last is not None
            raise last

    return GuardedBackend()


class Fetcher:
    """An httpx client under a :class:`FetchPolicy` (connection reuse across fetches).

    Use as a context manager or call :meth:`close`. Thread-safe for concurrent
    fetches (httpx's pool is; the deadline watchdog tracks sockets per thread).
    """

    def __init__(self, policy: FetchPolicy | None = None, *, client: Any | None = None,
                 max_connections: int = 10) -> None:
        import httpx

        self.policy = policy or FetchPolicy()
        self._tracker = _Tracker()
        self._own = client is None
        if client is None:
            # no keep-alive: every request opens its connection inside the fetch, so the deadline
            # watchdog holds its socket from the first byte (a reused connection would be unseen
            # until its headers arrived, and a server could drip those)
            transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=max_connections,
                                                                max_keepalive_connections=0))
            pool = getattr(transport, "_pool", None)
            if pool is None or not hasattr(pool, "_network_backend"):  # pragma: no cover - pinned httpx
                raise RuntimeError("httpx transport without a network backend; the address guard needs "
                                   "httpx==0.28 / httpcore 1.x")
            pool._network_backend = _guarded_backend(self.policy, self._tracker)
            client = httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                                  headers={"User-Agent": self.policy.user_agent})
        self.client = client

    def close(self) -> None:
        if self._own:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, *, headers: Mapping[str, str] | None = None, max_bytes: int | None = None,
              content_types: tuple[str, ...] | None | bool = True, deadline_s: float | None = None
              ) -> FetchResult:
        """GET ``url`` under the policy. ``content_types=True`` uses the policy's list,
        ``None`` accepts any. A 304 answer returns with ``not_modified=True``."""
        return _fetch(self, url, headers=headers, max_bytes=max_bytes, content_types=content_types,
                      deadline_s=deadline_s)


    def post(self, url: str, body: bytes, *, headers: Mapping[str, str] | None = None) -> int:
        """POST ``body`` (webhooks): the host is checked like a fetch's, redirects are not
        followed, the whole request has the policy's deadline. Returns the status;
        raises HTTPStatusError for 4xx/5xx and ConnectionFailedError/FetchTimeoutError."""
        import httpx

        host, port = _check_url(url)
        check_host(host, port, self.policy, url=url)
        self._tracker.url = url
        try:
            resp = self.client.post(url, content=body, headers=dict(headers or {}), follow_redirects=False,
                                    timeout=httpx.Timeout(min(self.policy.read_timeout_s, self.policy.deadline_s)))
        except httpx.TimeoutException:
            raise FetchTimeoutError("no answer in time", item=url) from None
        except httpx.HTTPError as exc:
            raise ConnectionFailedError(f"cannot post: {type(exc).__name__}: {exc}", item=url) from None
        finally:
            self._tracker.url = None
        if resp.status_code >= 300:
            raise HTTPStatusError(f"HTTP {resp.status_code} {resp.reason_phrase}", item=url, status=resp.status_code,
                                  retry_after=retry_after_seconds(resp.headers.get("retry-after")))
        return resp.status_code


@dataclass(frozen=True)
class FetchResult:
    """One fetched resource (after redirects)."""

    url: str  # the URL asked for
    final_url: str  # where the body came from
    status: int
    body: bytes
    content_type: str
    headers: Mapping[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def retry_after_seconds(value: str | None) -> float | None:
    """A Retry-After header (seconds or an HTTP date) as seconds from now."""
    if not value:
        return None
    v = value.strip()
    if v.isdigit():
        return float(v)
    try:
        when = parsedate_to_datetime(v)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _check_url(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'!r}", item=url)
    if not parts.hostname:
        raise FetchError("URL has no host", item=url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("URL has an invalid port", item=url) from None
    return parts.hostname, port


def _fetch(f: Fetcher, url: str, *, headers: Mapping[str, str] | None, max_bytes: int | None,
           content_types: tuple[str, ...] | None | bool, deadline_s: float | None) -> FetchResult:
    import httpx

    policy = f.policy
    limit = policy.max_bytes if max_bytes is None else max_bytes
    types = policy.content_types if content_types is True else (None if content_types is False else content_types)
    budget = policy.deadline_s if deadline_s is None else deadline_s
    t0 = time.monotonic()
    deadline = t0 + budget
    seen = [url]
    current = url
    tracker = f._tracker
    fired = threading.Event()
    socks: list[socket.socket] = []  # this fetch's sockets (the watchdog runs in another thread)
    tracker.sockets = socks
    tracker.url = url

    def cut() -> None:
        fired.set()
        for s in list(socks):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def timed_out() -> FetchTimeoutError:
        return FetchTimeoutError(f"no complete answer within the {budget:g} s deadline", item=url)

    watchdog = threading.Timer(budget, cut)
    watchdog.daemon = True
    watchdog.start()
    try:
        while True:
            host, port = _check_url(current)
            check_host(host, port, policy, url=url if current == url else f"{url} -> {current}")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise timed_out()
            wait = min(policy.read_timeout_s, remaining)
            try:
                with f.client.stream("GET", current, headers=dict(headers or {}),
                                     timeout=httpx.Timeout(wait), follow_redirects=False) as resp:
                    stream = resp.extensions.get("network_stream")
                    sock = stream.get_extra_info("socket") if stream is not None else None
                    if sock is not None and sock not in socks:
                        socks.append(sock)
                    if fired.is_set():
                        raise timed_out()
                    status = resp.status_code
                    if status in _REDIRECTS:
                        loc = resp.headers.get("location")
                        if not loc:
                            raise RedirectError(f"HTTP {status} redirect without a Location", item=url)
                        nxt = urljoin(current, loc.strip())
                        if nxt in seen:
                            raise RedirectError(f"redirect loop ({' -> '.join([*seen, nxt])})", item=url)
                        if len(seen) > policy.max_redirects:
                            raise RedirectError(f"more than {policy.max_redirects} redirects", item=url)
                        seen.append(nxt)
                        current = nxt
                        continue
                    hdrs = {k.lower(): v for k, v in resp.headers.items()}
                    if status >= 400:
                        raise HTTPStatusError(f"HTTP {status} {resp.reason_phrase}", item=url, status=status,
                                              retry_after=retry_after_seconds(hdrs.get("retry-after")))
                    ctype = hdrs.get("content-type", "")
                    if status == 304:
                        return FetchResult(url, current, status, b"", ctype, hdrs, tuple(seen[1:]),
                                           time.monotonic() - t0)
                    base = ctype.split(";")[0].strip().lower()
                    if types is not None and base and not base.startswith(types):
                        raise ContentTypeError(f"content type {base!r} is not read (expected one of "
                                               f"{', '.join(types[:4])}, ...)", item=url)
                    declared = hdrs.get("content-length", "")
                    if declared.isdigit() and int(declared) > limit:
                        raise OversizeError(f"{int(declared):,} bytes, more than the {limit:,} allowed", item=url)
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            raise OversizeError(f"more than the {limit:,} bytes allowed", item=url)
                        chunks.append(chunk)
                        if fired.is_set() or time.monotonic() > deadline:
                            raise timed_out()
                    if fired.is_set():
                        raise timed_out()
                    return FetchResult(url, current, status, b"".join(chunks), ctype, hdrs, tuple(seen[1:]),
                                       time.monotonic() - t0)
            except httpx.TimeoutException:
                raise FetchTimeoutError(f"no answer within {wait:g} s (read timeout)", item=url) from None
            except httpx.HTTPError as exc:
                if fired.is_set():
                    raise timed_out() from None
                raise ConnectionFailedError(f"cannot fetch: {type(exc).__name__}: {exc}", item=url) from None
    finally:
        watchdog.cancel()
        tracker.sockets = []
        tracker.url = None


def fetch(url: str, *, policy: FetchPolicy | None = None, client: Any | None = None,
          headers: Mapping[str, str] | None = None, max_bytes: int | None = None,
          content_types: tuple[str, ...] | None | bool = True) -> FetchResult:
    """One fetch under ``policy`` (a new connection unless ``client`` is given).

    ``client`` (an httpx.Client, e.g. with a MockTransport in tests) is used as
    is; the host of every hop is still resolved and checked before the request.
    """
    with Fetcher(policy, client=client) as f:
        return f.fetch(url, headers=headers, max_bytes=max_bytes, content_types=content_types)
