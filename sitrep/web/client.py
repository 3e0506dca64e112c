"""``sitrep ingest --server URL --token T``: read sources here, send the articles to the
server that owns the store (POST /api/ingest), in batches under its body limit."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sitrep import defaults
from sitrep.errors import SitrepError, StoreError
from sitrep.models import Article, CodingFailure

#: Articles per request, and a byte budget below the server's body limit (JSON overhead).
BATCH_ARTICLES = 200
BATCH_BYTES = int(defaults.SERVE_MAX_BODY_BYTES * 0.8)


def _batches(articles: Iterable[Article]) -> Iterator[list[dict[str, Any]]]:
    buf: list[dict[str, Any]] = []
    size = 0
    for a in articles:
        rec = {k: v for k, v in {"text": a.text, "id": a.id or None, "title": a.title, "date": a.date,
                                 "url": a.url, "source": a.source}.items() if v is not None}
        n = len(json.dumps(rec, ensure_ascii=False).encode("utf-8"))
        if n > BATCH_BYTES:
            raise StoreError(f"article is {n:,} bytes, more than one request to the server may carry; "
                             "ingest it on the server's machine after stopping the server", item=a.id or a.url)
        if buf and (len(buf) >= BATCH_ARTICLES or size + n > BATCH_BYTES):
            yield buf
            buf, size = [], 0
        buf.append(rec)
        size += n
    if buf:
        yield buf


def ingest_via_server(sources: list[str], url: str, token: str, *, default_date: str | None = None,
                      client: Any | None = None) -> tuple[dict[str, int], list[CodingFailure]]:
    """Send the articles of ``sources`` to the server; returns summed counts and every failure."""
    import httpx

    from sitrep.ingest.sources import read_sources

    failures: list[CodingFailure] = []
    totals: dict[str, int] = {}

    def articles() -> Iterator[Article]:
        for item in read_sources(sources, default_date=default_date):
            if isinstance(item, CodingFailure):
                failures.append(item)
            else:
                yield item

    http = client or httpx.Client(timeout=600.0)
    try:
        for batch in _batches(articles()):
            try:
                r = http.post(url.rstrip("/") + "/api/ingest", json={"articles": batch, "default_date": default_date},
                              headers={"Authorization": f"Bearer {token}"})
            except httpx.HTTPError as exc:
                raise SitrepError(f"the server did not answer: {exc}", item=url) from None
            if r.status_code != 200:
                try:
                    why = r.json().get("error")
                except ValueError:
                    why = r.text[:200]
                raise SitrepError(f"the server refused the batch ({r.status_code}): {why}", item=url)
            body = r.json()
            for k, v in body["data"].items():
                if isinstance(v, int):
                    totals[k] = totals.get(k, 0) + v
            failures.extend(CodingFailure(**f) for f in body.get("failures", []))
    finally:
        if client is None:
            http.close()
    return totals, failures
