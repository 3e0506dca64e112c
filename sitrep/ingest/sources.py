"""Reading inputs into :class:`~sitrep.models.Article`, one item at a time.

Every reader is a generator of ``Article | CodingFailure``: a batch run logs the
failures and goes on. Pass ``errors="raise"`` (interactive use of one file) to
get the :mod:`sitrep.errors` exception instead.

    read_path(path)          .txt .html/.htm .json .jsonl/.ndjson .rss/.atom/.xml, a folder
                             (recursively) or "-" for standard input
    read_stream(fh, name)    a binary stream: JSONL or plain text, sniffed
    read_url(url)            one web page (sitrep.fetch + trafilatura) -> Article, raises
    read_feed(path_or_url)   RSS/Atom entries -> Articles
    read_sources(items)      any mix of the above, as ``sitrep ingest`` gets them

Every request goes through :mod:`sitrep.fetch` (one policy: no private,
loopback or link-local address unless allowed, redirects checked hop by hop,
a whole-fetch deadline). Nothing is fetched unless asked: ``read_path`` leaves
link-only feed entries unfetched (a NotFetchedError failure) by default.

Checks, in order, with the error each raises: size over
``defaults.MAX_ARTICLE_BYTES`` (checked on the file size or line length before
reading) -> OversizeError; NUL bytes or many control characters -> EncodingError;
bytes that are not UTF-8 (with or without BOM), UTF-16/32 with a BOM, or
cp1252 that reads as text -> EncodingError; empty or whitespace text, HTML with
no article -> EmptyInputError; a JSON record that does not parse or has no
``text`` -> MalformedRecordError; a publication date that is no calendar date
-> BadDateError.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from sitrep import defaults
from sitrep.errors import (
    BadDateError,
    EmptyInputError,
    EncodingError,
    InputError,
    MalformedRecordError,
    NotFetchedError,
    OversizeError,
)
from sitrep.models import Article, CodingFailure
from sitrep.plausible import check_not_future
from sitrep.resolve.dates import parse_publication_date

if TYPE_CHECKING:
    from sitrep.fetch import FetchPolicy

Errors = Literal["yield", "raise"]
Item = Article | CodingFailure

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

#: Bytes looked at to decide whether data is binary.
_SNIFF_BYTES = 8192
#: Share of control characters (other than tab, newline, CR, form feed) above
#: which decoded "text" is really binary data.
_MAX_CONTROL_RATIO = 0.01
#: A headline: one line, at most this many characters, no sentence-final period.
_MAX_HEADLINE_CHARS = 200

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16"),
)


# --- small helpers -------------------------------------------------------------------


def _fail(exc: InputError, item: str) -> CodingFailure:
    return CodingFailure(item=exc.item or item, reason=exc.reason, error=type(exc).__name__)


#: Unicode category Cc (control characters) other than tab, newline, CR and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


def decode_bytes(data: bytes, *, item: str | None = None) -> str:
    """Decode article bytes, or raise EncodingError naming the item.

    UTF-8 (with or without BOM) first, then UTF-16/32 when a BOM says so, then
    cp1252 (the usual "ANSI" of Windows tools) only when the result reads as
    text. Binary data (NUL bytes, control characters) is refused.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"starts with a {codec} byte-order mark but does not decode as {codec} "
                                    f"(byte {exc.start})", item=item) from None
            text = text.lstrip("\ufeff")
            break
    else:
        if b"\x00" in data:
            raise EncodingError("binary data (NUL bytes), not text", item=item)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise EncodingError(
                    f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}) and not cp1252 "
                    "either; convert it to UTF-8", item=item) from None
            if not _looks_like_text(text):
                raise EncodingError(
                    f"not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}) and does not read "
                    "as cp1252 text; convert it to UTF-8", item=item) from None
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise EncodingError("binary data (control characters), not text", item=item)
    return text


def _looks_like_text(text: str) -> bool:
    """cp1252 decodes almost any byte string: accept it only when it reads as prose."""
    sample = text[:_SNIFF_BYTES]
    if not sample.strip():
        return False
    letters = sum(ch.isalpha() or ch.isspace() for ch in sample)
    high = sum(ord(ch) > 127 for ch in sample)
    # prose is mostly letters and spaces; cp1252 mojibake of binary is full of
    # symbols and high characters
    return letters / len(sample) > 0.8 and high / len(sample) < 0.1


def check_text(text: str, *, item: str | None = None) -> str:
    """Refuse empty or oversize text; return it unchanged otherwise."""
    if not text or not text.strip():
        raise EmptyInputError("no text to code (empty or whitespace only)", item=item)
    size = len(text.encode("utf-8"))
    if size > defaults.MAX_ARTICLE_BYTES:
        raise OversizeError(f"{size:,} bytes of text, more than the {defaults.MAX_ARTICLE_BYTES:,} allowed "
                            "(defaults.MAX_ARTICLE_BYTES)", item=item)
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise EncodingError("binary data (control characters), not text", item=item)
    return text


def _check_file_size(path: Path, limit: int, item: str) -> None:
    size = path.stat().st_size
    if size > limit:
        raise OversizeError(f"file is {size:,} bytes, more than the {limit:,} allowed", item=item)


def parse_date(value: Any, *, item: str | None = None) -> str | None:
    """A publication date as ISO YYYY-MM-DD via resolve.dates, or None when absent."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise BadDateError(f"date {value!r} is not a string", item=item)
    # a date after tomorrow is a typo or a placeholder: FutureDateError, never a silent 2099
    return check_not_future(parse_publication_date(value.strip(), item=item), item=item)


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline (short, no final period, text follows)."""
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > _MAX_HEADLINE_CHARS:
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    if len(first.split()) > 30:
        return None
    return first


def _article(text: str, *, item: str, id: str = "", title: str | None = None, date: Any = None,
             url: str | None = None, source: str | None = None, default_date: str | None = None) -> Article:
    check_text(text, item=item)
    iso = parse_date(date, item=item) or default_date
    return Article(text=text, id=id, title=title or None, date=iso, url=url or None, source=source or None)


def record_to_article(rec: Any, *, item: str, default_date: str | None = None) -> Article:
    """One JSON article object -> Article (``text`` required; ``id``, ``date``, ``title``, ``url``, ``source``)."""
    if not isinstance(rec, dict):
        raise MalformedRecordError(f"expected a JSON object, got {type(rec).__name__}", item=item)
    rid = rec.get("id")
    if isinstance(rid, (str, int)) and str(rid) and str(rid) not in item:
        item = f"{item} (id {rid})"
    text = rec.get("text")
    if text is None:
        keys = ", ".join(sorted(map(str, rec))[:8]) or "none"
        raise MalformedRecordError(f"record has no 'text' field (fields: {keys})", item=item)
    if not isinstance(text, str):
        raise MalformedRecordError(f"'text' is {type(text).__name__}, not a string", item=item)
    if rid is not None and not isinstance(rid, (str, int)):
        raise MalformedRecordError(f"'id' is {type(rid).__name__}, not a string", item=item)
    for key in ("title", "url", "source"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise MalformedRecordError(f"'{key}' is {type(rec[key]).__name__}, not a string", item=item)
    return _article(text, item=item, id=str(rid) if rid is not None else "", title=rec.get("title"),
                    date=rec.get("date"), url=rec.get("url"), source=rec.get("source") or rec.get("outlet"),
                    default_date=default_date)


# --- files -------------------------------------------------------------------------


def read_path(path: str | Path, *, default_date: str | None = None, errors: Errors = "yield",
              fetch_linked: bool = False, policy: FetchPolicy | None = None, client: Any | None = None
              ) -> Iterator[Item]:
    """Articles from a file, a folder (recursively, in name order) or "-" (stdin).

    ``default_date`` (ISO) is used for articles that carry no date of their
    own. With ``errors="raise"`` the first bad item raises its InputError.
    Feed files' link-only entries are fetched only with ``fetch_linked``
    (under ``policy``); otherwise each is a NotFetchedError failure.
    """
    net: dict[str, Any] = {"fetch_linked": fetch_linked, "policy": policy, "client": client}
    if default_date is not None:
        default_date = parse_date(default_date, item="--date")
    if str(path) == "-":
        if sys.stdin is None or sys.stdin.closed:
            closed = InputError("standard input is closed: nothing to read", item="-")
            if errors == "raise":
                raise closed
            yield _fail(closed, "-")
            return
        yield from read_stream(sys.stdin.buffer, "-", default_date=default_date, errors=errors)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*")
                       if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        for f in files:
            ext_id = f.relative_to(p).with_suffix("").as_posix()
            yield from _read_file(f, ext_id=ext_id, default_date=default_date, errors=errors, **net)
        return
    if not p.exists():
        exc: InputError = InputError("no such file or folder", item=str(p))
        if errors == "raise":
            raise exc
        yield _fail(exc, str(p))
        return
    yield from _read_file(p, ext_id=p.stem, default_date=default_date, errors=errors, **net)


def _read_file(p: Path, *, ext_id: str, default_date: str | None, errors: Errors, fetch_linked: bool = False,
               policy: FetchPolicy | None = None, client: Any | None = None) -> Iterator[Item]:
    suffix = p.suffix.lower()
    item = str(p)
    if suffix in JSONL_SUFFIXES:
        with p.open("rb") as fh:
            yield from _read_jsonl(fh, item, default_date=default_date, errors=errors)
        return
    if suffix in FEED_SUFFIXES:
        yield from read_feed(p, default_date=default_date, errors=errors, fetch_linked=fetch_linked,
                             policy=policy, client=client)
        return
    try:
        if suffix in JSON_SUFFIXES:
            yield from _read_json(p, item, default_date=default_date, errors=errors)
            return
        _check_file_size(p, defaults.MAX_ARTICLE_BYTES, item)
        data = p.read_bytes()
        if suffix in HTML_SUFFIXES:
            yield html_to_article(data, item=item, id=ext_id, default_date=default_date)
        else:
            text = decode_bytes(data, item=item)
            yield _article(text, item=item, id=ext_id, title=headline_of(text), default_date=default_date)
    except InputError as exc:
        if errors == "raise":
            raise
        yield _fail(exc, item)
    except OSError as exc:
        if errors == "raise":
            raise InputError(f"cannot read: {exc.strerror or exc}", item=item) from exc
        yield CodingFailure(item=item, reason=f"cannot read: {exc.strerror or exc}", error="InputError")


def _read_json(p: Path, item: str, *, default_date: str | None, errors: Errors) -> Iterator[Item]:
    _check_file_size(p, defaults.MAX_JSON_FILE_BYTES, item)
    text = decode_bytes(p.read_bytes(), item=item)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                                   item=item) from None
    if isinstance(data, dict):
        yield record_to_article(data, item=item, default_date=default_date)
        return
    if not isinstance(data, list):
        raise MalformedRecordError(f"expected an article object or a list of them, got {type(data).__name__}",
                                   item=item)
    for i, rec in enumerate(data):
        sub = f"{item}[{i}]"
        try:
            yield record_to_article(rec, item=sub, default_date=default_date)
        except InputError as exc:
            if errors == "raise":
                raise
            yield _fail(exc, sub)


def _read_line(fh: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """One line of at most ``limit`` bytes; (b"", False) at EOF. A longer line is
    skipped in chunks, never held whole, and reported with ``too_long=True``."""
    line = fh.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, False
    while True:  # drain the rest of the over-long line
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return b"", True


def _read_jsonl(fh: IO[bytes], item: str, *, default_date: str | None, errors: Errors,
                first: bytes | None = None) -> Iterator[Item]:
    """Stream a JSONL file: one article per line; a bad line becomes a failure naming file:line."""
    limit = defaults.MAX_ARTICLE_BYTES * 2  # JSON escapes can double the text's size
    head = fh.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(fh, "peek") and first is None else b""
    # a binary file is refused whole; a NUL byte in a JSON Lines file refuses only its line
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) \
            and not any(ln.lstrip(b"\xef\xbb\xbf \t\r").startswith(b"{") for ln in head.split(b"\n")):
        exc = EncodingError("binary data (NUL bytes), not JSON Lines", item=item)
        if errors == "raise":
            raise exc
        yield _fail(exc, item)
        return
    lineno = 0
    pending = first
    while True:
        if pending is not None:
            raw, too_long = pending, False
            pending = None
        else:
            raw, too_long = _read_line(fh, limit)
        if not raw and not too_long:
            break
        lineno += 1
        where = f"{item}:{lineno}"
        try:
            if too_long:
                raise OversizeError(f"line is longer than {limit:,} bytes", item=where)
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            line = decode_bytes(raw, item=where)
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecordError(f"not valid JSON ({exc.msg} at column {exc.colno})",
                                           item=where) from None
            yield record_to_article(rec, item=where, default_date=default_date)
        except InputError as exc:
            if errors == "raise":
                raise
            yield _fail(exc, where)


def read_stream(fh: IO[bytes], name: str = "-", *, default_date: str | None = None,
                errors: Errors = "yield") -> Iterator[Item]:
    """Articles from a binary stream (stdin): JSON Lines when the first line is a
    JSON object, otherwise the whole stream is one plain-text article."""
    limit = defaults.MAX_ARTICLE_BYTES
    first, too_long = _read_line(fh, limit * 2)
    stripped = first.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and not too_long:
        try:
            is_jsonl = isinstance(json.loads(stripped.decode("utf-8", errors="strict")), dict)
        except (UnicodeDecodeError, json.JSONDecodeError):
            is_jsonl = False
        if is_jsonl:
            yield from _read_jsonl(fh, name, default_date=default_date, errors=errors, first=first)
            return
    try:
        if too_long:
            raise OversizeError(f"more than {limit:,} bytes", item=name)
        rest = fh.read(limit + 1 - len(first)) if len(first) <= limit else b""
        data = first + rest
        if len(data) > limit:
            raise OversizeError(f"more than {limit:,} bytes", item=name)
        if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
            yield html_to_article(data, item=name, id="", default_date=default_date)
            return
        text = decode_bytes(data, item=name)
        yield _article(text, item=name, title=headline_of(text), default_date=default_date)
    except InputError as exc:
        if errors == "raise":
            raise
        yield _fail(exc, name)


# --- HTML, web pages and feeds ----------------------------------------------------------


def html_to_article(html: bytes | str, *, item: str, id: str = "", url: str | None = None,
                    default_date: str | None = None) -> Article:
    """Main text, title, date and outlet of one HTML page (trafilatura); raises
    EmptyInputError when the page holds no article."""
    import trafilatura

    if isinstance(html, bytes):
        if b"\x00" in html[:_SNIFF_BYTES] and not html.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise EncodingError("binary data (NUL bytes), not HTML", item=item)
        html = decode_bytes(html, item=item)
    if not html.strip():
        raise EmptyInputError("empty HTML page", item=item)
    deep = html_depth(html) >= defaults.HTML_MAX_DEPTH
    if deep:  # libxml2 gives up past 255 nested elements (and trafilatura crawls): drop the wrappers
        html = _WRAPPER_TAGS.sub(" ", html)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if deep and len(text.strip()) < defaults.MIN_HTML_TEXT_CHARS and html_depth(html) >= defaults.HTML_MAX_DEPTH:
        text = plain_html_text(html)  # still too deep (nested <p>, say): the page's plain text
    if len(text.strip()) < defaults.MIN_HTML_TEXT_CHARS:
        raise EmptyInputError("HTML page holds no article text (navigation, stub or empty page)", item=item)
    check_text(text, item=item)
    date = None
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            date = parse_date(raw_date, item=item)
        except BadDateError:
            date = None  # page metadata is often wrong; fall back to the default
    outlet = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    return Article(text=text, id=id, title=getattr(doc, "title", None) or None, date=date or default_date,
                   url=url or getattr(doc, "url", None) or None, source=outlet or None)


#: Layout elements that carry no text of their own: dropped when a page nests too deep to parse.
_WRAPPER_TAGS = re.compile(r"</?(?:div|span|section|font|center|table|tbody|thead|tr|td|th|ul|ol|li|dl|dd|dt|"
                           r"b|i|u|em|strong|small|big|blockquote|main|aside|header|footer|figure)\b[^>]*>",
                           re.IGNORECASE)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "head", "nav", "svg"))
_BLOCK_TAGS = frozenset("p div br h1 h2 h3 h4 h5 h6 li tr section article blockquote".split())


def html_depth(html: str) -> int:
    """How deeply the page's elements nest (start tags not yet closed, at most)."""
    from html.parser import HTMLParser

    class _Depth(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.max = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag not in _VOID_TAGS:
                self.depth += 1
                self.max = max(self.max, self.depth)

        def handle_endtag(self, tag: str) -> None:
            self.depth = max(0, self.depth - 1)

    p = _Depth()
    p.feed(html)
    p.close()
    return p.max


def plain_html_text(html: str) -> str:
    """The text of a page without scripts, styles and navigation, one block per line
    (the standard library's parser, which has no depth limit): the last resort."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.skip = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in _SKIP_TAGS:
                self.skip += 1
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP_TAGS:
                self.skip = max(0, self.skip - 1)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.parts.append(data)

    p = _Text()
    p.feed(html)
    p.close()
    lines = (" ".join(ln.split()) for ln in "".join(p.parts).split("\n"))
    return "\n\n".join(ln for ln in lines if ln)


def fetch_bytes(url: str, *, client: Any | None = None, limit: int = defaults.MAX_ARTICLE_BYTES,
                policy: FetchPolicy | None = None) -> tuple[bytes, str]:
    """GET ``url`` under the fetch policy (:mod:`sitrep.fetch`: addresses checked on
    every redirect hop, whole-fetch deadline, size and type limits); returns (body,
    content type). Raises FetchError subclasses and OversizeError past ``limit``.
    ``client`` is a :class:`~sitrep.fetch.Fetcher` or an httpx.Client (tests)."""
    from sitrep.fetch import Fetcher

    if isinstance(client, Fetcher):
        res = client.fetch(url, max_bytes=limit)
    else:
        with Fetcher(policy, client=client) as f:
            res = f.fetch(url, max_bytes=limit)
    return res.body, res.content_type


def read_url(url: str, *, client: Any | None = None, default_date: str | None = None,
             policy: FetchPolicy | None = None) -> Article:
    """One web page -> Article (text, title, date, outlet). Raises InputError subclasses."""
    body, _ctype = fetch_bytes(url, client=client, policy=policy)
    return html_to_article(body, item=url, id="", url=url, default_date=default_date)


def _looks_like_feed(body: bytes, ctype: str) -> bool:
    ctype = ctype.lower()
    if any(t in ctype for t in ("rss", "atom", "application/xml", "text/xml")):
        return True
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) \
        or head.startswith((b"<rss", b"<feed"))


def _html_fragment_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        return lxml.html.fromstring(fragment).text_content().strip()
    except Exception:  # lxml raises several types on junk fragments
        return re.sub(r"<[^>]+>", " ", fragment).strip()


def _entry_date(entry: Any) -> str | None:
    """A feed entry's date, or None (then the default) when absent, absurd or in the future,
    as for an HTML page's metadata."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(entry, key)  # plain dict lookup: feedparser's fallback mapping warns
        if t:
            iso = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
            try:
                return check_not_future(parse_publication_date(iso))
            except BadDateError:
                return None
    return None


def read_feed(path_or_url: str | Path, *, client: Any | None = None, default_date: str | None = None,
              errors: Errors = "yield", fetch_linked: bool = True, body: bytes | None = None,
              policy: FetchPolicy | None = None) -> Iterator[Item]:
    """RSS/Atom entries -> Articles with title, date, url and outlet (the feed's title).

    The entry's own content (or summary) is the text. An entry with no body text
    has its linked page fetched (under ``policy``) only with ``fetch_linked``;
    otherwise it becomes a NotFetchedError failure naming the link. A feed that
    cannot be read becomes one failure naming the feed.
    """
    import feedparser

    name = str(path_or_url)
    try:
        if body is None:
            if name.startswith(("http://", "https://")):
                body, _ = fetch_bytes(name, client=client, limit=defaults.MAX_FEED_BYTES, policy=policy)
            else:
                p = Path(name)
                _check_file_size(p, defaults.MAX_FEED_BYTES, name)
                body = p.read_bytes()
        parsed = feedparser.parse(body)
        if not parsed.entries:
            why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
            raise MalformedRecordError(f"not an RSS/Atom feed or a feed with no entries{why}", item=name)
    except (InputError, OSError) as exc:
        err = exc if isinstance(exc, InputError) else InputError(f"cannot read: {exc}", item=name)
        if errors == "raise":
            raise err from None
        yield _fail(err, name)
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    own_fetcher = None
    try:
        for i, entry in enumerate(parsed.entries):
            link = entry.get("link") or None
            where = link or f"{name}#{i + 1}"
            try:
                text, title, date, ext_id = entry_fields(entry, default_date)
                if text.strip():
                    yield Article(text=check_text(text, item=where), id=ext_id, title=title, date=date,
                                  url=link, source=outlet)
                elif link and fetch_linked:
                    if client is None and own_fetcher is None:
                        from sitrep.fetch import Fetcher

                        own_fetcher = Fetcher(policy)
                    page = read_url(link, client=client or own_fetcher, default_date=date, policy=policy)
                    yield Article(text=page.text, id=ext_id, title=title or page.title,
                                  date=date or page.date, url=link, source=outlet or page.source)
                elif link:
                    raise NotFetchedError("feed entry has no text, only a link, and fetching was not asked for "
                                          "(sitrep code --fetch, or sitrep ingest, fetches linked pages)", item=where)
                else:
                    raise EmptyInputError("feed entry has no text and no link", item=where)
            except InputError as exc:
                if errors == "raise":
                    raise
                yield _fail(exc, where)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def entry_fields(entry: Any, default_date: str | None = None) -> tuple[str, str | None, str | None, str]:
    """(text, title, ISO date, external id) of one feedparser entry; text may be empty."""
    content = entry.get("content") or []
    html = content[0].get("value", "") if content else entry.get("summary", "")
    text = _html_fragment_text(html or "")
    title = (entry.get("title") or "").strip() or None
    date = _entry_date(entry) or default_date
    ext_id = str(entry.get("id") or entry.get("link") or "")
    return text, title, date, ext_id


def read_sources(items: Iterable[str | Path], *, default_date: str | None = None, client: Any | None = None,
                 errors: Errors = "yield", fetch: bool = True, policy: FetchPolicy | None = None
                 ) -> Iterator[Item]:
    """What ``sitrep ingest`` reads: paths, folders, "-", feed files, page or feed URLs.

    With ``fetch=False`` (``sitrep code`` without ``--fetch``) nothing goes to the
    network: a URL, and a link-only entry of a feed file, become NotFetchedError
    failures. With ``fetch=True`` every request follows ``policy`` (sitrep.fetch).
    """
    for src in items:
        name = str(src)
        if name.startswith(("http://", "https://")):
            try:
                if not fetch:
                    raise NotFetchedError("a URL, and fetching was not asked for (pass --fetch)", item=name)
                body, ctype = fetch_bytes(name, client=client, policy=policy,
                                          limit=max(defaults.MAX_FEED_BYTES, defaults.MAX_ARTICLE_BYTES))
                if _looks_like_feed(body, ctype):
                    yield from read_feed(name, client=client, default_date=default_date, errors=errors,
                                         body=body, policy=policy)
                else:
                    if len(body) > defaults.MAX_ARTICLE_BYTES:
                        raise OversizeError(f"{len(body):,} bytes, more than the "
                                            f"{defaults.MAX_ARTICLE_BYTES:,} allowed", item=name)
                    yield html_to_article(body, item=name, url=name, default_date=default_date)
            except InputError as exc:
                if errors == "raise":
                    raise
                yield _fail(exc, name)
        else:
            yield from read_path(src, default_date=default_date, errors=errors, fetch_linked=fetch,
                                 policy=policy, client=client)
