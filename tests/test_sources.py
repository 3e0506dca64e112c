"""Reading inputs: files, folders, stdin, web pages and feeds, with per-item errors.

Real text comes from ../shared at run time (the seed article, VOA lines); the
broken inputs are written to tmp_path by each test. Web tests use
httpx.MockTransport: nothing leaves the machine.
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import httpx
import pytest
from conftest import seed_text, shared_file

from sitrep import defaults
from sitrep.errors import (
    BadDateError,
    EmptyInputError,
    EncodingError,
    InputError,
    MalformedRecordError,
    OversizeError,
)
from sitrep.fetch import FetchPolicy
from sitrep.ingest import sources
from sitrep.ingest.sources import read_feed, read_path, read_sources, read_stream, read_url
from sitrep.models import Article, CodingFailure


def voa_records(n: int) -> list[dict]:
    out = []
    with shared_file("corpora", "voa_news.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) == n:
                break
    return out


def seed_html(title: str = "Iraqi militias seek truce with US", date: str = "2021-07-01") -> str:
    """The seed article wrapped in a news page with navigation and footer boilerplate."""
    paras = [p.strip() for p in seed_text().split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras[1:])
    return f"""<!DOCTYPE html><html><head><title>{title} | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="{date}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{html.escape(title)}</h1>{body}</article>
<footer>Subscribe to our newsletter. Terms of use.</footer></body></html>"""


# --- plain text ---------------------------------------------------------------------


def test_seed_txt_keeps_text_whole_and_takes_headline(tmp_path: Path) -> None:
    path = shared_file("seed", "militias-truce.txt")
    [art] = list(read_path(path))
    assert isinstance(art, Article)
    assert art.id == "militias-truce"
    assert art.text == path.read_text(encoding="utf-8")
    assert art.title == path.read_text(encoding="utf-8").splitlines()[0].strip()
    assert art.date is None


def test_default_date_applies_and_is_checked(tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text(seed_text(), encoding="utf-8")
    [art] = list(read_path(f, default_date="2021-07-01"))
    assert art.date == "2021-07-01"
    with pytest.raises(BadDateError):
        list(read_path(f, default_date="31/02/2021"))


def test_first_line_that_is_a_sentence_is_no_headline(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    f.write_text("Militiamen fired rockets at a US base in eastern Syria.\nNo casualties were reported.\n")
    [art] = list(read_path(f))
    assert art.title is None


@pytest.mark.parametrize("content", [b"", b"   \n\t \r\n"])
def test_empty_text(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    [fail] = list(read_path(f))
    assert isinstance(fail, CodingFailure)
    assert fail.error == "EmptyInputError" and fail.item == str(f)
    with pytest.raises(EmptyInputError) as exc:
        list(read_path(f, errors="raise"))
    assert str(f) in str(exc.value)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "photo.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [fail] = list(read_path(f))
    assert fail.error == "EncodingError" and "binary" in fail.reason


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    f = tmp_path / "junk.txt"
    f.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 200)
    with pytest.raises(EncodingError):
        list(read_path(f, errors="raise"))


def test_utf16_with_bom_decodes(tmp_path: Path) -> None:
    text = seed_text()
    f = tmp_path / "utf16.txt"
    f.write_bytes(text.encode("utf-16"))  # writes a BOM
    [art] = list(read_path(f))
    assert isinstance(art, Article) and art.text == text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    text = seed_text()
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    [art] = list(read_path(f))
    assert art.text == text


def test_cp1252_text_decodes(tmp_path: Path) -> None:
    text = seed_text()
    f = tmp_path / "ansi.txt"
    f.write_bytes(text.encode("cp1252"))  # the seed's curly quotes become 0x91-0x94
    assert b"\x92" in f.read_bytes()
    [art] = list(read_path(f))
    assert art.text == text


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    # not UTF-8, and as cp1252 it is a soup of symbols, not prose
    f.write_bytes(bytes(range(0xA0, 0x100)) * 30)
    [fail] = list(read_path(f))
    assert fail.error == "EncodingError" and "UTF-8" in fail.reason


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    f = tmp_path / "dump.txt"
    with f.open("wb") as fh:  # sparse: as big as it says, without writing it
        fh.truncate(defaults.MAX_ARTICLE_BYTES + 1)
    [fail] = list(read_path(f))
    assert fail.error == "OversizeError" and f"{defaults.MAX_ARTICLE_BYTES:,}" in fail.reason


def test_missing_file(tmp_path: Path) -> None:
    [fail] = list(read_path(tmp_path / "nope.txt"))
    assert fail.error == "InputError" and "no such file" in fail.reason
    with pytest.raises(InputError):
        list(read_path(tmp_path / "nope.txt", errors="raise"))


# --- JSON and JSON Lines --------------------------------------------------------------


def test_jsonl_real_lines_with_a_malformed_one(tmp_path: Path) -> None:
    recs = voa_records(3)
    f = tmp_path / "batch.jsonl"
    lines = [json.dumps(recs[0]), '{"id": "broken", "text": "Rockets hit', json.dumps(recs[1]),
             "", json.dumps({"id": "no-text", "title": "Strike"}), json.dumps(recs[2])]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = list(read_path(f))
    arts = [a for a in out if isinstance(a, Article)]
    fails = [a for a in out if isinstance(a, CodingFailure)]
    assert [a.id for a in arts] == [r["id"] for r in recs]
    assert [a.text for a in arts] == [r["text"] for r in recs]
    assert arts[0].date == recs[0]["date"]
    assert [f_.item.split(" ")[0] for f_ in fails] == [f"{f}:2", f"{f}:5"]
    assert fails[0].error == "MalformedRecordError" and "not valid JSON" in fails[0].reason
    assert fails[1].error == "MalformedRecordError" and "'text'" in fails[1].reason
    assert "no-text" in fails[1].item  # the record's id is named too


@pytest.mark.parametrize("date,why", [("31/02/2021", "calendar"), ("1066-10-14", "1900")])
def test_absurd_date_fails_that_item_only(tmp_path: Path, date: str, why: str) -> None:
    rec = voa_records(1)[0]
    f = tmp_path / "dates.jsonl"
    f.write_text(json.dumps({**rec, "id": "bad", "date": date}) + "\n" + json.dumps(rec) + "\n")
    out = list(read_path(f))
    assert isinstance(out[0], CodingFailure) and out[0].error == "BadDateError"
    assert isinstance(out[1], Article) and out[1].id == rec["id"]
    with pytest.raises(BadDateError):
        list(read_path(f, errors="raise"))


def test_jsonl_oversize_line_is_skipped_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(defaults, "MAX_ARTICLE_BYTES", 2_000)
    rec = voa_records(1)[0]
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"id": "huge", "text": "x " * 5_000}) + "\n"
                 + json.dumps({"id": "ok", "text": rec["text"][:1500]}) + "\n")
    out = list(read_path(f))
    assert out[0].error == "OversizeError" and out[0].item.startswith(f"{f}:1")
    assert isinstance(out[1], Article) and out[1].id == "ok"


def test_jsonl_with_undecodable_line(tmp_path: Path) -> None:
    rec = voa_records(1)[0]
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b'{"id": "x", "text": "\xff\xfe\xfa\xfb\xfc"}\n' + json.dumps(rec).encode() + b"\n")
    out = list(read_path(f))
    assert out[0].error == "EncodingError"
    assert isinstance(out[1], Article)


def test_binary_jsonl_is_one_failure(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_bytes(b"\x00\x01\x02\n" * 1000)
    out = list(read_path(f))
    assert len(out) == 1 and out[0].error == "EncodingError"


def test_json_object_and_list(tmp_path: Path) -> None:
    recs = voa_records(2)
    one = tmp_path / "one.json"
    one.write_text(json.dumps(recs[0]))
    [art] = list(read_path(one))
    assert art.id == recs[0]["id"]
    many = tmp_path / "many.json"
    many.write_text(json.dumps([recs[0], {"id": 7}, recs[1]]))
    out = list(read_path(many))
    assert [type(o).__name__ for o in out] == ["Article", "CodingFailure", "Article"]
    assert out[1].item.startswith(f"{many}[1]")
    bad = tmp_path / "bad.json"
    bad.write_text("[{")
    [fail] = list(read_path(bad))
    assert fail.error == "MalformedRecordError"
    with pytest.raises(MalformedRecordError):
        list(read_path(bad, errors="raise"))


def test_folder_recursive_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "b" / "seed.txt").write_text(seed_text())
    (tmp_path / "a" / "empty.txt").write_text("")
    (tmp_path / ".git" / "x.txt").write_text(seed_text())
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "v.jsonl").write_text(json.dumps(voa_records(1)[0]) + "\n")
    out = list(read_path(tmp_path))
    assert [type(o).__name__ for o in out] == ["Article", "CodingFailure", "Article"]
    assert out[0].id == "a/b/seed"
    assert out[1].error == "EmptyInputError"


# --- stdin --------------------------------------------------------------------------


def test_stdin_jsonl_is_sniffed() -> None:
    recs = voa_records(2)
    data = ("\n".join(json.dumps(r) for r in recs) + "\n{oops\n").encode()
    out = list(read_stream(io.BufferedReader(io.BytesIO(data)), "-"))
    assert [getattr(o, "id", None) for o in out[:2]] == [r["id"] for r in recs]
    assert out[2].item.startswith("-:3")


def test_stdin_plain_text() -> None:
    text = seed_text()
    [art] = list(read_stream(io.BytesIO(text.encode()), "-", default_date="2021-07-01"))
    assert art.text == text and art.date == "2021-07-01"
    assert art.id.startswith("a-")  # content hash: stdin has no name


def test_stdin_empty() -> None:
    [fail] = list(read_stream(io.BytesIO(b""), "-"))
    assert fail.error == "EmptyInputError" and fail.item == "-"


# --- HTML -----------------------------------------------------------------------------


def test_html_article_text_title_date_outlet(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(seed_html(), encoding="utf-8")
    [art] = list(read_path(f))
    assert isinstance(art, Article)
    assert "rockets at a US base" in art.text
    assert "Subscribe to our newsletter" not in art.text
    assert art.title and "Iraqi militias seek truce" in art.title
    assert art.date == "2021-07-01"
    assert art.source == "Example Times"
    assert art.id == "page"


def test_html_with_no_article(tmp_path: Path) -> None:
    f = tmp_path / "nav.html"
    f.write_text("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
                 "<a href='/w'>World</a></nav><footer>(c) 2021</footer></body></html>")
    [fail] = list(read_path(f))
    assert fail.error == "EmptyInputError" and "no article" in fail.reason
    with pytest.raises(EmptyInputError):
        list(read_path(f, errors="raise"))


# --- web pages and feeds (loopback only: httpx.MockTransport) ----------------------------


#: Tests fetch from 127.0.0.1 only, and say so: the default policy refuses loopback.
LOOPBACK = FetchPolicy.allowing(["127.0.0.1"])


def feed_xml(items: list[dict]) -> str:
    parts = []
    for it in items:
        desc = f"<description>{html.escape(it['body'])}</description>" if it.get("body") else ""
        parts.append(f"<item><title>{html.escape(it['title'])}</title><link>{it['link']}</link>"
                     f"<guid>{it['link']}</guid><pubDate>{it['date']}</pubDate>{desc}</item>")
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            "<link>http://127.0.0.1/</link><description>wire</description>" + "".join(parts)
            + "</channel></rss>")


def mock_client(routes: dict[str, tuple[int, str, str]]) -> tuple[httpx.Client, list[str]]:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        status, ctype, body = routes.get(str(request.url), (404, "text/plain", "not found"))
        return httpx.Response(status, headers={"content-type": ctype}, content=body.encode("utf-8"))

    return httpx.Client(transport=httpx.MockTransport(handler)), seen


def test_read_url_page() -> None:
    url = "http://127.0.0.1/world/truce.html"
    client, seen = mock_client({url: (200, "text/html; charset=utf-8", seed_html())})
    art = read_url(url, client=client, policy=LOOPBACK)
    assert art.url == url and art.source == "Example Times" and art.date == "2021-07-01"
    assert "Kataib" in art.text or "Kataeb" in art.text
    assert seen == [url]


def test_read_url_http_error_names_url() -> None:
    client, _ = mock_client({})
    with pytest.raises(InputError) as exc:
        read_url("http://127.0.0.1/missing", client=client, policy=LOOPBACK)
    assert "404" in str(exc.value) and "127.0.0.1/missing" in str(exc.value)


def test_read_url_oversize(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(defaults, "MAX_ARTICLE_BYTES", 1_000)
    url = "http://127.0.0.1/big"
    client, _ = mock_client({url: (200, "text/html", seed_html())})
    with pytest.raises(OversizeError):
        sources.read_url(url, client=client, policy=LOOPBACK)


def test_feed_entries_with_and_without_body() -> None:
    text = seed_text()
    sentences = [s for s in text.split("\n") if len(s) > 80]
    page = "http://127.0.0.1/story-2.html"
    feed = feed_xml([
        {"title": "Militias seek truce", "link": "http://127.0.0.1/story-1.html",
         "date": "Thu, 01 Jul 2021 10:00:00 +0000", "body": sentences[0]},
        {"title": "Rockets fired at US base", "link": page, "date": "Wed, 30 Jun 2021 18:00:00 +0000"},
        {"title": "Dead link", "link": "http://127.0.0.1/gone.html", "date": "Wed, 30 Jun 2021 18:00:00 +0000"},
    ])
    feed_url = "http://127.0.0.1/feed.xml"
    client, seen = mock_client({feed_url: (200, "application/rss+xml", feed),
                                page: (200, "text/html", seed_html())})
    out = list(read_feed(feed_url, client=client, policy=LOOPBACK))
    a1, a2, fail = out
    assert a1.text == sentences[0] and a1.source == "Example Wire" and a1.date == "2021-07-01"
    assert a1.url == "http://127.0.0.1/story-1.html"
    assert "al-Omar" in a2.text or "al-Omari" in a2.text
    assert a2.title == "Rockets fired at US base" and a2.date == "2021-06-30"
    assert isinstance(fail, CodingFailure) and "404" in fail.reason
    assert "http://127.0.0.1/story-1.html" not in seen  # entry with a body: link not fetched
    # read_sources sniffs the URL as a feed
    client2, _ = mock_client({feed_url: (200, "text/xml", feed), page: (200, "text/html", seed_html())})
    assert len([a for a in read_sources([feed_url], client=client2, policy=LOOPBACK) if isinstance(a, Article)]) == 2


def test_feed_that_fails_is_one_failure(tmp_path: Path) -> None:
    client, _ = mock_client({"http://127.0.0.1/feed": (200, "application/rss+xml", "<html>nope</html>")})
    [fail] = list(read_feed("http://127.0.0.1/feed", client=client, policy=LOOPBACK))
    assert fail.error == "MalformedRecordError" and fail.item == "http://127.0.0.1/feed"
    f = tmp_path / "feed.rss"
    f.write_text(feed_xml([{"title": "Truce", "link": "http://127.0.0.1/a", "date": "Thu, 01 Jul 2021 10:00:00 +0000",
                            "body": seed_text().split("\n")[4]}]))
    [art] = list(read_path(f))
    assert art.source == "Example Wire"


def test_real_server_on_loopback() -> None:
    """One run through a real socket (127.0.0.1 only) rather than the mock transport."""
    import http.server
    import threading

    page = seed_html().encode("utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        art = read_url(f"http://127.0.0.1:{server.server_port}/truce", policy=LOOPBACK)
        assert art.date == "2021-07-01" and "truce" in art.text
    finally:
        server.shutdown()
        server.server_close()


# --- bad input keeps what is good ------------------------------------------------------------


def test_nul_byte_in_jsonl_rejects_only_its_line(tmp_path: Path) -> None:
    f = tmp_path / "n.jsonl"
    f.write_bytes(b'{"id": "a", "text": "Gunmen killed five villagers in Kaduna on Monday."}\n'
                  b'{"id": "b", "text": "bad\x00line"}\n'
                  b'{"id": "c", "text": "Troops shelled the town of Idlib, killing two civilians."}\n')
    items = list(read_sources([f]))
    assert [getattr(x, "id", None) for x in items if not isinstance(x, CodingFailure)] == ["a", "c"]
    [bad] = [x for x in items if isinstance(x, CodingFailure)]
    assert bad.item.endswith("n.jsonl:2") and "NUL" in bad.reason
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(bytes(range(256)) * 40)
    [only] = list(read_sources([binary]))
    assert isinstance(only, CodingFailure) and "binary" in only.reason


def test_html_nested_300_deep_keeps_its_article(tmp_path: Path) -> None:
    body = ("<p>Gunmen killed five villagers in Kaduna state on Monday, police said. "
            "The attackers fled into the forest before troops arrived.</p>")
    for tag in ("div", "p"):
        f = tmp_path / f"deep_{tag}.html"
        f.write_text("<html><head><title>Deep</title></head><body>" + f"<{tag}>" * 300 + body + f"</{tag}>" * 300 + "</body></html>", encoding="utf-8")
        [art] = list(read_sources([f]))
        assert isinstance(art, Article), art
        assert "Gunmen killed five villagers in Kaduna" in art.text
    nav = tmp_path / "nav.html"
    nav.write_text("<html><body>" + "<div>" * 300 + "<a href='/'>Home</a>" + "</div>" * 300 + "</body></html>")
    [fail] = list(read_sources([nav]))
    assert isinstance(fail, CodingFailure) and "no article" in fail.reason  # still no article from a nav page


def test_future_publication_date_is_refused(tmp_path: Path) -> None:
    from sitrep.errors import FutureDateError

    f = tmp_path / "f.jsonl"
    f.write_text('{"id": "a", "text": "Gunmen killed five villagers in Kaduna on Monday.", "date": "2099-01-01"}\n'
                 '{"id": "b", "text": "Troops shelled Idlib, killing two civilians.", "date": "2021-06-01"}\n')
    items = list(read_sources([f]))
    assert isinstance(items[0], CodingFailure) and items[0].error == "FutureDateError"
    assert "2099-01-01" in items[0].reason and "future" in items[0].reason
    assert isinstance(items[1], Article) and items[1].date == "2021-06-01"
    with pytest.raises(FutureDateError):
        list(read_sources([tmp_path / "x.txt"], default_date="2099-01-01"))
