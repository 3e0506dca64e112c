"""``make watch-demo`` (and the last step of ``make demo``): ``sitrep watch`` on a local feed.

A feed server on 127.0.0.1 publishes the demo articles (the seed article and VOA
reports from ``../shared``, or the illustrations when it is absent) one at a
time; a :class:`~sitrep.watch.Watcher` follows it every second, codes each new
article into ``demo-out/watch/sitrep.db`` and prints the alerts its rules raise.
The configuration it writes (``demo-out/watch/watch.yaml``) runs the same way
from the command line::

    sitrep watch demo-out/watch/watch.yaml --once
"""

from __future__ import annotations

import argparse
import hashlib
import html
import http.server
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.models import Article


class DemoFeed:
    """An RSS feed on loopback that lists the articles published so far."""

    def __init__(self, articles: list[Article]) -> None:
        self.articles = articles
        self.published = 0
        self.lock = threading.Lock()
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = feed.xml() if self.path == "/feed.xml" else b""
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if body and self.headers.get("If-None-Match") == tag:  # unchanged: 304, nothing re-read
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.end_headers()
                    return
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/rss+xml" if body else "text/plain")
                self.send_header("Content-Length", str(len(body)))
                if body:
                    self.send_header("ETag", tag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish_next(self) -> Article | None:
        with self.lock:
            if self.published >= len(self.articles):
                return None
            self.published += 1
            return self.articles[self.published - 1]

    def xml(self) -> bytes:
        with self.lock:
            items = self.articles[:self.published]
        parts = []
        for i, a in enumerate(items):
            day = datetime.fromisoformat(a.date or "2024-01-01").replace(hour=9, tzinfo=UTC)
            parts.append(f"<item><title>{html.escape(a.title or a.id)}</title>"
                         f"<link>http://127.0.0.1/demo/{i}</link><guid>demo-{i}</guid>"
                         f"<pubDate>{day.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
                         f"<description>{html.escape(a.text)}</description></item>")
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>sitrep demo wire</title>'
                + "".join(parts) + "</channel></rss>").encode("utf-8")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


CONFIG = """# written by sitrep.watch.demo: the demo feed on loopback, followed every second
sources:
  - url: {url}
    name: demo wire
    every: 1s
    fetch_pages: never        # the feed carries the whole article
allow_addresses: [127.0.0.1]  # loopback is refused unless listed
politeness: {{per_host_interval: 0}}
alerts:
  - name: deadly
    when: {{fatalities_at_least: 1}}
    notify: [stdout, {{file: alerts.jsonl}}]
  - name: truce
    when: {{truce: [Iran-aligned Iraqi militias, US forces]}}
    notify: [stdout, {{file: alerts.jsonl}}]
  - name: protests
    when: {{event: PROTEST}}
    notify: [{{file: alerts.jsonl}}]
"""


def run_demo(shared: Path, out_dir: Path, *, interval: float = 1.0, echo: Any = print) -> Path:
    """Publish the demo articles on a loopback feed and watch it; returns the alerts file."""
    from sitrep.demo import demo_articles
    from sitrep.store import Store
    from sitrep.watch import Watcher, load_config, render_metrics

    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in ("sitrep.db", "sitrep.db.wal", "alerts.jsonl", "sitrep.db.watch.json"):
        (out_dir / stale).unlink(missing_ok=True)
    feed = DemoFeed(demo_articles(shared))
    cfg_path = out_dir / "watch.yaml"
    cfg_path.write_text(CONFIG.format(url=feed.url), encoding="utf-8")
    echo(f"watch demo: {len(feed.articles)} articles published one by one on {feed.url}; "
         f"config {cfg_path}")
    try:
        with Store.open(out_dir / "sitrep.db") as store, Watcher(load_config(cfg_path), store) as w:
            while True:
                art = feed.publish_next()
                if art is not None:
                    echo(f"-- published: {art.title or art.id}")
                t0 = time.monotonic()
                report = w.run_once()
                if report.items_new or report.alerts:
                    echo(f"   watch: {report.items_new} new article(s), {report.events_new} events, "
                         f"{report.alerts} alert(s)")
                if art is None:
                    break
                time.sleep(max(0.0, interval - (time.monotonic() - t0)))
            s = w.status()[0]
            echo(f"status: {s.name}: {s.items.get('done', 0)} items, {s.state.n_fetches} fetches, "
                 f"{s.state.n_not_modified} unchanged, {s.state.n_errors} errors")
            metrics = [ln for ln in render_metrics(w).splitlines() if ln.startswith("sitrep_watch_alerts_total")]
            echo("metrics: " + "; ".join(metrics))
    finally:
        feed.close()
    return out_dir / "alerts.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("demo-out") / "watch")
    args = ap.parse_args(argv)
    path = run_demo(args.shared, args.out)
    print(f"alerts written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
