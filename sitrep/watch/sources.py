"""Polling one source: what is new since last time, as Articles.

Kinds (``kind:`` in the config, guessed when absent):

* ``feed`` -- RSS or Atom, by URL (conditional GET) or a local file. An entry's
  own text is used; its linked page is fetched and read with trafilatura when
  the entry is only a teaser (``fetch_pages: auto``, under
  ``defaults.WATCH_MIN_ENTRY_CHARS``), always, or never.
* ``sitemap`` -- a news sitemap (``<urlset>`` with ``<news:news>``) or a plain
  one: every listed page is fetched and read.
* ``page`` -- one web page, read again when it changes (ETag/Last-Modified,
  then the store's dedup of unchanged text).
* ``folder`` -- a local folder: new or changed files (.txt .html .json .jsonl
  .rss ...), read by :func:`sitrep.ingest.sources.read_path`.

:func:`poll` runs in a worker thread: it fetches and reads but writes nothing;
the runner stores what it returns in one transaction per source.
"""

from __future__ import annotations

import hashlib
import time
import xml.sax
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep import defaults
from sitrep.errors import InputError, MalformedRecordError, OversizeError
from sitrep.ingest.sources import KNOWN_SUFFIXES, check_text, entry_fields, html_to_article, read_path
from sitrep.models import Article, CodingFailure
from sitrep.watch.config import SourceConfig
from sitrep.watch.fetcher import PoliteFetcher, retryable


@dataclass(frozen=True)
class Candidate:
    """An item a source lists: a feed entry, a sitemap URL, a page, a file."""

    key: str
    url: str | None = None
    title: str | None = None
    date: str | None = None  # ISO day
    published: str | None = None  # ISO timestamp as the source gives it (latency figures)
    text: str = ""
    ext_id: str = ""
    path: Path | None = None


@dataclass
class ItemResult:
    """What became of one new candidate."""

    key: str
    url: str | None
    published: str | None
    article: Article | None = None
    failure: CodingFailure | None = None
    retry: bool = False  # failed in a way that may pass: try again next cycle
    extra: list[Article] = field(default_factory=list)  # further articles of the same file (JSONL)


@dataclass
class PollResult:
    """One poll of one source."""

    source: SourceConfig
    status: str  # ok | not_modified | error
    etag: str | None = None
    last_modified: str | None = None
    items: list[ItemResult] = field(default_factory=list)
    listed: int = 0  # candidates the source listed
    error: str | None = None
    error_type: str | None = None
    retryable: bool = False
    seconds: float = 0.0


def _key(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]


def _published(entry: dict) -> str | None:  # type: ignore[type-arg]
    for k in ("published_parsed", "updated_parsed"):
        t = entry.get(k)
        if t:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", t)
    return None


def parse_feed(body: bytes, where: str) -> tuple[str | None, list[Candidate]]:
    """(outlet, candidates) of an RSS/Atom document; MalformedRecordError when it is none."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        raise MalformedRecordError(f"not an RSS/Atom feed, or no entries{why}", item=where)
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        # not well-formed (truncated, garbled): what feedparser salvages may be half an
        # entry; the whole feed is retried next cycle instead
        raise MalformedRecordError(f"malformed XML: {parsed.bozo_exception}", item=where)
    outlet = (parsed.feed.get("title") or "").strip() or None
    out = []
    for i, entry in enumerate(parsed.entries):
        text, title, date, ext_id = entry_fields(entry)
        link = entry.get("link") or None
        key = ext_id or link or _key(where, i, title, text[:200])
        out.append(Candidate(key=key, url=link, title=title, date=date, published=_published(entry), text=text,
                             ext_id=ext_id))
    return outlet, out


def parse_sitemap(body: bytes, where: str) -> list[Candidate]:
    """Pages a (news) sitemap lists; a sitemap index's child sitemaps are not followed."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedRecordError(f"not a sitemap (XML error: {exc})", item=where) from None
    out = []
    for url in root.iter("{*}url"):
        loc = url.findtext("{*}loc")
        if not loc or not loc.strip():
            continue
        title = url.findtext(".//{*}news/{*}title")
        pub = url.findtext(".//{*}news/{*}publication_date") or url.findtext("{*}lastmod")
        day = pub.strip()[:10] if pub and len(pub.strip()) >= 10 else None
        out.append(Candidate(key=loc.strip(), url=loc.strip(), title=(title or "").strip() or None, date=day,
                             published=pub.strip() if pub else None))
    if not out and etree.QName(root).localname not in ("urlset", "sitemapindex"):
        raise MalformedRecordError(f"not a sitemap (root element <{etree.QName(root).localname}>)", item=where)
    return out


def _page_article(fetcher: PoliteFetcher, c: Candidate, outlet: str | None, max_bytes: int) -> Article:
    assert c.url is not None
    res = fetcher.get(c.url, max_bytes=max_bytes)
    page = html_to_article(res.body, item=c.url, id=c.ext_id or c.url, url=c.url, default_date=c.date)
    return Article(text=page.text, id=c.ext_id or c.url, title=c.title or page.title, date=c.date or page.date,
                   url=c.url, source=outlet or page.source)


def _item(fetcher: PoliteFetcher, src: SourceConfig, c: Candidate, outlet: str | None, max_bytes: int,
          last_try: bool) -> ItemResult:
    r = ItemResult(c.key, c.url, c.published)
    wants_page = c.url is not None and (
        src.kind in ("sitemap", "page") or src.fetch_pages == "always"
        or (src.fetch_pages == "auto" and len(c.text.strip()) < defaults.WATCH_MIN_ENTRY_CHARS))
    try:
        if wants_page:
            try:
                r.article = _page_article(fetcher, c, outlet, max_bytes)
                return r
            except InputError as exc:
                if c.text.strip() and (not retryable(exc) or last_try):
                    pass  # the entry's own text is better than nothing
                else:
                    raise
        if not c.text.strip():
            raise InputError("entry has no text and its page could not be read", item=c.url or c.key)
        r.article = Article(text=check_text(c.text, item=c.url or c.key), id=c.ext_id or c.key, title=c.title,
                            date=c.date, url=c.url, source=outlet)
    except InputError as exc:
        r.retry = retryable(exc) and not last_try
        r.failure = CodingFailure(item=exc.item or c.url or c.key, reason=exc.reason, error=type(exc).__name__)
    return r


def poll(src: SourceConfig, fetcher: PoliteFetcher, *, validators: tuple[str | None, str | None],
         settled: Callable[[list[str]], set[str]], attempts: Callable[[list[str]], dict[str, int]],
         max_page_bytes: int = defaults.MAX_ARTICLE_BYTES) -> PollResult:
    """Fetch ``src`` once; read its new items. Never raises for a source's failure:
    the result says ``error`` with the reason."""
    t0 = time.monotonic()
    out = PollResult(src, "ok")
    try:
        if src.kind == "folder":
            _poll_folder(src, out, settled)
            return out
        outlet: str | None = None
        if src.url is not None:
            etag, modified = validators
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            res = fetcher.get(src.url, headers=headers,
                              max_bytes=defaults.MAX_FEED_BYTES if src.kind != "page" else max_page_bytes)
            out.etag, out.last_modified = res.etag or etag, res.last_modified or modified
            if res.not_modified:
                out.status = "not_modified"
                return out
            body = res.body
            out.etag, out.last_modified = res.etag, res.last_modified
        else:
            assert src.path is not None
            size = src.path.stat().st_size
            if size > defaults.MAX_FEED_BYTES:
                raise OversizeError(f"feed file is {size:,} bytes", item=str(src.path))
            body = src.path.read_bytes()
        where = src.location
        if src.kind == "feed":
            outlet, cands = parse_feed(body, where)
        elif src.kind == "sitemap":
            cands = parse_sitemap(body, where)
        else:  # page: the page itself, a new item whenever its bytes change
            cands = [Candidate(key=f"{src.url}#{hashlib.sha1(body).hexdigest()[:16]}", url=src.url)]
            out.listed = 1
            page = ItemResult(cands[0].key, src.url, None)
            if cands[0].key not in settled([cands[0].key]):
                try:
                    page.article = html_to_article(body, item=where, id=src.url or "", url=src.url)
                except InputError as exc:
                    page.failure = CodingFailure(item=where, reason=exc.reason, error=type(exc).__name__)
                out.items.append(page)
            return out
        out.listed = len(cands)
        uniq: dict[str, Candidate] = {}
        for c in cands:
            uniq.setdefault(c.key, c)
        done = settled(list(uniq))
        fresh = [c for k, c in uniq.items() if k not in done]
        tries = attempts([c.key for c in fresh])
        for c in fresh:
            last = tries.get(c.key, 0) + 1 >= defaults.WATCH_ITEM_ATTEMPTS
            out.items.append(_item(fetcher, src, c, outlet, max_page_bytes, last))
    except (InputError, OSError) as exc:
        out.status = "error"
        out.error = exc.reason if isinstance(exc, InputError) else f"cannot read: {exc}"
        out.error_type = type(exc).__name__
        out.retryable = isinstance(exc, InputError) and retryable(exc)
    finally:
        out.seconds = time.monotonic() - t0
    return out


def _poll_folder(src: SourceConfig, out: PollResult, settled: Callable[[list[str]], set[str]]) -> None:
    assert src.path is not None
    if not src.path.is_dir():
        raise InputError("no such folder", item=str(src.path))
    files = sorted(f for f in src.path.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES
                   and not any(p.startswith(".") for p in f.relative_to(src.path).parts))
    keyed = {}
    for f in files:
        st = f.stat()
        keyed[f"{f.relative_to(src.path).as_posix()}@{st.st_size}:{st.st_mtime_ns}"] = f
    out.listed = len(keyed)
    done = settled(list(keyed))
    for key, f in keyed.items():
        if key in done:
            continue
        r = ItemResult(key, None, None)
        for x in read_path(f):  # link-only feed entries in a folder are not fetched
            if isinstance(x, Article):
                if r.article is None:
                    r.article = x
                else:
                    r.extra.append(x)
            elif r.article is None and r.failure is None:
                r.failure = x
        if r.article is not None:
            r.failure = None  # some of the file was read: the rest is logged by ingest-like failures
        out.items.append(r)
