"""Soak run of ``sitrep watch`` on loopback: bounded, stops by itself.

    python benchmarks/soak_watch.py [--seconds 600] [--rate 1] [--kill-at 200,260] [--coder real|toy]
                                    [--out soak-out] [--shared ../shared]

A feed server on 127.0.0.1 publishes a new article every 1/rate seconds for
``--seconds`` (real news from ``../shared/corpora`` with the real coder, or
generated reports with ``--coder toy``), with faults mixed in (seeded):

* the feed answers 500 (4%), truncated XML (2%), a body dripped past the fetch
  deadline (2%) or nothing at all (2%);
* half the items are link-only: their page is fetched (and answers 500 5% of
  the time, retried on later cycles);
* 10% of the items are syndicated copies of an earlier one (another outlet and URL);
* two more sources always fail: a redirect loop and a redirect to 169.254.169.254.

The monitor is a separate process (``--child``: a Watcher over the same code the
``sitrep watch`` command runs), **killed with SIGKILL** at each ``--kill-at``
second and restarted at once. After publishing stops it drains (until every
published item is settled, at most ``--drain`` seconds), is stopped with
SIGTERM, and the store and the alert file are checked:

* items lost: published items the store never settled (done or failed-and-logged);
* duplicate events: reports stored twice for one article, trigger and type, or
  one article stored twice; items settled twice;
* duplicate alerts: alert ids, or (rule, event, kind) triples, written twice;
* memory: RSS of each monitor process over time;
* latency: from an item's publication to the alert on its event (p50, p95).

The figures go to ``OUT/soak.json`` and are printed; the README quotes them.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import http.server
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]


# --- articles ------------------------------------------------------------------------------


def toy_text(i: int) -> str:
    killed = 1 + i % 9
    words = " ".join(f"w{i}x{j}" for j in range(30))
    return (f"Soak report {i}: gunmen killed {killed} people near the market in town {i} on Monday, "
            f"officials said. Details: {words}.")


def real_texts(shared: Path, n: int) -> list[str]:
    out: list[str] = []
    for name in ("voa_news.jsonl", "bbc_news.jsonl"):
        p = shared / "corpora" / name
        if not p.exists():
            continue
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                t = json.loads(line).get("text") or ""
                if 300 < len(t) < 3000:
                    out.append(t)
    if not out:
        return [toy_text(i) for i in range(n)]
    # more items than texts: later rounds reuse a text with a distinct closing line (a new article)
    return [out[i % len(out)] + ("" if i < len(out) else f"\n\nUpdate {i}.") for i in range(n)]


# --- the loopback feed server ------------------------------------------------------------------


class Publisher:
    def __init__(self, texts: list[str], rate: float, seconds: float, seed: int, window: int) -> None:
        self.texts = texts
        self.rate = rate
        self.seconds = seconds
        self.rng = random.Random(seed)
        self.window = window
        self.items: list[dict[str, Any]] = []  # every item ever published
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        t0 = time.time()
        i = 0
        while not self.stop.is_set():
            due = t0 + i / self.rate
            if due - t0 >= self.seconds:
                break
            self.stop.wait(max(0.0, due - time.time()))
            with self.lock:
                dup_of = self.items[self.rng.randrange(len(self.items))] if self.items and self.rng.random() < 0.10 \
                    else None
                text = dup_of["text"] if dup_of else self.texts[i % len(self.texts)]
                self.items.append({"n": i, "url": f"/story/{i}.html", "text": text, "published": time.time(),
                                   "link_only": self.rng.random() < 0.5, "copy_of": dup_of["n"] if dup_of else None,
                                   "outlet": "Copy Wire" if dup_of else "Soak Wire"})
            i += 1
        self.done.set()

    def feed(self, host: str) -> bytes:
        with self.lock:
            items = self.items[-self.window:]
        parts = []
        for it in reversed(items):
            pub = datetime.fromtimestamp(it["published"], UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
            body = "" if it["link_only"] else f"<description>{html.escape(it['text'])}</description>"
            parts.append(f"<item><title>Item {it['n']}</title><link>{host}{it['url']}</link>"
                         f"<guid>{host}{it['url']}</guid><pubDate>{pub}</pubDate>"
                         f"<source url=\"{host}\">{it['outlet']}</source>{body}</item>")
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Soak Wire</title>'
                + "".join(parts) + "</channel></rss>").encode("utf-8")

    def page(self, n: int) -> bytes | None:
        with self.lock:
            it = self.items[n] if 0 <= n < len(self.items) else None
        if it is None:
            return None
        paras = "".join(f"<p>{html.escape(p)}</p>" for p in it["text"].split("\n") if p.strip())
        return (f"<html><head><title>Item {n}</title></head><body><article><h1>Item {n}</h1>{paras}"
                "</article></body></html>").encode()


def serve(pub: Publisher, seed: int) -> tuple[http.server.ThreadingHTTPServer, dict[str, int]]:
    rng = random.Random(seed + 1)
    faults: dict[str, int] = {}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            try:
                self._get()
            except OSError:
                self.close_connection = True

        def _fault(self, name: str) -> None:
            with lock:
                faults[name] = faults.get(name, 0) + 1

        def _get(self) -> None:
            host = f"http://127.0.0.1:{self.server.server_address[1]}"
            path = self.path.split("?")[0]
            with lock:
                r = rng.random()
            if path == "/feed.xml":
                if r < 0.04:
                    self._fault("feed 500")
                    return self._send(500, b"oops", "text/plain")
                body = pub.feed(host)
                if r < 0.06:
                    self._fault("feed truncated XML")
                    return self._send(200, body[: len(body) // 2], "application/rss+xml")
                if r < 0.08:
                    self._fault("feed dripped past the deadline")
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(16):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.5)
                    self.close_connection = True
                    return None
                if r < 0.10:
                    self._fault("feed hangs")
                    time.sleep(8)
                    self.close_connection = True
                    return None
                tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                return self._send(200, body, "application/rss+xml", {"ETag": tag})
            if path.startswith("/story/"):
                if r < 0.05:
                    self._fault("page 500")
                    return self._send(500, b"oops", "text/plain")
                try:
                    n = int(path.rsplit("/", 1)[1].split(".")[0])
                except ValueError:
                    n = -1
                page = pub.page(n)
                return self._send(200, page, "text/html; charset=utf-8") if page else self._send(404, b"", "text/plain")
            if path == "/loop.xml":
                return self._send(302, b"", "text/plain", {"Location": "/loop2.xml"})
            if path == "/loop2.xml":
                return self._send(302, b"", "text/plain", {"Location": "/loop.xml"})
            if path == "/forbidden.xml":
                return self._send(302, b"", "text/plain", {"Location": "http://169.254.169.254/latest/meta-data/"})
            return self._send(404, b"not found", "text/plain")

        def log_message(self, *args: Any) -> None:
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass

    srv = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return srv, faults


# --- the monitor process ---------------------------------------------------------------------------


def child(config: str, db: str, coder: str) -> int:
    """The monitor: what `sitrep watch CONFIG --db DB` runs, with a choice of coder."""
    sys.path.insert(0, str(ROOT))
    from sitrep.store import Store
    from sitrep.watch import Watcher, load_config

    code = None
    if coder == "toy":
        import re

        from sitrep.models import Event, Evidence, Span, event_id_for

        killed = re.compile(r"killed (\d+)")

        def code(articles):  # type: ignore[no-untyped-def]
            for art in articles:
                m = killed.search(art.text)
                evs = []
                if m:
                    evs.append(Event(article_id=art.id, event_id=event_id_for(art.id, m.start(), "ASSAULT"),
                                     event="ASSAULT", mode=None, acled_event_type=None, acled_sub_event_type=None,
                                     cameo=None, actor=(), recipient=(),
                                     evidence=Evidence(art.text[:200], 0, 200, Span(m.group(0), m.start(), m.end())),
                                     confidence=0.8, date=art.date, date_precision="day",
                                     fatalities=int(m.group(1))))
                yield art, evs

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    store = Store.open(db)
    with Watcher(load_config(config), store, coder=code) as w:
        w.run_forever(stop)
    store.close()
    return 0


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def run(seconds: float, rate: float, kill_at: list[float], coder: str, out: Path, shared: Path, seed: int = 7,
        drain: float = 180.0, every: str = "3s", quiet: bool = False) -> dict[str, Any]:
    """One soak run; returns the figures (also written to OUT/soak.json)."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*"):
        if stale.is_file():
            stale.unlink()
    n = int(seconds * rate) + 1
    texts = [toy_text(i) for i in range(n)] if coder == "toy" else real_texts(shared, n)
    pub = Publisher(texts, rate, seconds, seed, window=400)
    srv, faults = serve(pub, seed)
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    cfg = out / "watch.yaml"
    cfg.write_text(f"""sources:
  - url: {base}/feed.xml
    name: soak
    every: {every}
  - url: {base}/loop.xml
    name: loop
    every: {every}
  - url: {base}/forbidden.xml
    name: forbidden
    every: {every}
allow_addresses: [127.0.0.1]
politeness: {{per_host_interval: 0.05, per_host_concurrency: 2, retries: 1, backoff: 0.5, deadline: 5s,
              read_timeout: 3s, breaker_failures: 3, breaker_cooldown: 30s}}
alerts:
  - name: every-event
    when: {{modality: any}}
    notify: [{{file: alerts.jsonl}}]
  - name: deadly
    when: {{fatalities_at_least: 1}}
    notify: [{{file: alerts.jsonl}}]
""", encoding="utf-8")
    db = out / "soak.db"
    cmd = [sys.executable, str(HERE), "--child", str(cfg), str(db), "--coder", coder]
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    procs: list[dict[str, Any]] = []
    log = (out / "child.log").open("ab")  # noqa: SIM115 - closed in the finally below

    def start() -> subprocess.Popen[bytes]:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
        procs.append({"pid": p.pid, "started": time.time(), "rss": []})
        return p

    proc = start()
    t0 = time.time()
    threading.Thread(target=pub.run, daemon=True).start()
    kills = sorted(kill_at)
    killed = 0
    status_file = db.with_name(db.name + ".watch.json")
    drained_at = None
    try:
        while True:
            time.sleep(0.5)
            now = time.time() - t0
            r = rss_mb(proc.pid)
            if r is not None:
                procs[-1]["rss"].append((round(now, 1), round(r, 1)))
            if kills and now >= kills[0]:
                kills.pop(0)
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed += 1
                say(f"[{now:6.1f} s] kill -9 the monitor (pid {proc.pid}); restarting")
                proc = start()
            if proc.poll() is not None:
                say(f"[{now:6.1f} s] the monitor exited with {proc.returncode}; restarting")
                proc = start()
            if pub.done.is_set():
                settled = 0
                try:
                    st = json.loads(status_file.read_text())
                    row = next(s for s in st["sources"] if s["name"] == "soak")
                    settled = row["items"].get("done", 0) + row["items"].get("failed", 0)
                except (OSError, ValueError, StopIteration, KeyError):
                    pass
                if settled >= len(pub.items):
                    drained_at = now
                    break
                if now > seconds + drain:
                    say(f"[{now:6.1f} s] drain timed out: {settled} of {len(pub.items)} items settled")
                    break
            if int(now) % 30 == 0 and int(now * 2) % 2 == 0:
                say(f"[{now:6.1f} s] published {len(pub.items)}, rss {r} MB")
    finally:
        pub.stop.set()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        srv.shutdown()
        srv.server_close()
        log.close()
    return report(pub, procs, faults, db, out, seconds=seconds, rate=rate, killed=killed, coder=coder,
                  drained_at=drained_at, base=base)


def report(pub: Publisher, procs: list[dict[str, Any]], faults: dict[str, int], db: Path, out: Path, *,
           seconds: float, rate: float, killed: int, coder: str, drained_at: float | None, base: str) -> dict[str, Any]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    items = {f"{base}{it['url']}": it for it in pub.items}
    rows = con.execute("SELECT item_key, status, count(*) FROM watch_items WHERE source = 'soak' GROUP BY ALL"
                       ).fetchall()
    settled = {k: st for k, st, _ in rows}
    twice = sum(1 for _, _, c in rows if c > 1)
    lost = sorted(k for k in items if k not in settled)
    failed = con.execute("SELECT reason, count(*) FROM watch_items WHERE source = 'soak' AND status = 'failed' "
                         "GROUP BY ALL").fetchall()
    dup_reports = con.execute(
        "SELECT count(*) FROM (SELECT article_id, json_extract(record, '$.evidence.trigger.start'), event, count(*) c "
        "FROM events GROUP BY ALL HAVING c > 1)").fetchall()[0][0]
    dup_articles = con.execute("SELECT count(*) - count(DISTINCT article_id) FROM articles").fetchall()[0][0]
    stats = {k: con.execute(f"SELECT count(*) FROM {k}").fetchall()[0][0]
             for k in ("articles", "article_reports", "events", "clusters", "watch_alerts")}
    sources = {s: (e, n) for s, e, n in con.execute("SELECT source, last_error, n_errors FROM watch_sources").fetchall()}
    con.close()
    alerts = [json.loads(line) for line in (out / "alerts.jsonl").read_text().splitlines()] \
        if (out / "alerts.jsonl").exists() else []
    ids = [a["alert_id"] for a in alerts]
    triples = [(a["rule"], a["event_id"], a["kind"], a.get("fatalities") if a["kind"] == "toll" else None)
               for a in alerts]
    lat = []
    for a in alerts:
        if a["kind"] != "new" or a["rule"] != "every-event":
            continue
        pubs = [items[u]["published"] for u in a.get("sources", []) if u in items]
        if pubs:
            created = datetime.fromisoformat(a["created_at"].rstrip("Z")).replace(tzinfo=UTC).timestamp()
            lat.append(created - min(pubs))
    mem = []
    for p in procs:
        rss = p["rss"]
        if not rss:
            continue
        life = rss[-1][0] - rss[0][0]
        warm = [r for t, r in rss if t >= rss[0][0] + min(60.0, life / 3)]
        mem.append({"pid": p["pid"], "seconds": round(life), "rss_mb_after_warmup": warm[0] if warm else None,
                    "rss_mb_end": rss[-1][1], "rss_mb_max": max(r for _, r in rss),
                    "samples": rss[:: max(1, len(rss) // 20)]})
    res = {
        "coder": coder, "seconds": seconds, "rate_per_s": rate, "published": len(pub.items),
        "syndicated_copies": sum(1 for it in pub.items if it["copy_of"] is not None),
        "link_only": sum(1 for it in pub.items if it["link_only"]), "kill9_restarts": killed,
        "drained_after_s": None if drained_at is None else round(drained_at - seconds, 1),
        "items_lost": len(lost), "lost_examples": lost[:5],
        "items_failed_logged": {r: n for r, n in failed}, "items_settled_twice": twice,
        "duplicate_reports": dup_reports, "duplicate_articles": dup_articles, "store": stats,
        "alerts": len(alerts), "duplicate_alert_ids": len(ids) - len(set(ids)),
        "duplicate_alerts_same_event_rule_kind": len(triples) - len(set(triples)),
        "latency_s": {"n": len(lat), "p50": None if not lat else round(pct(lat, 0.5) or 0, 2),
                      "p95": None if not lat else round(pct(lat, 0.95) or 0, 2),
                      "max": None if not lat else round(max(lat), 2)},
        "faults_served": faults, "failing_sources": {s: {"last_error": e, "errors": n} for s, (e, n) in sources.items()
                                                     if s != "soak"},
        "memory": mem,
    }
    (out / "soak.json").write_text(json.dumps(res, indent=2), encoding="utf-8")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", nargs=2, metavar=("CONFIG", "DB"), help=argparse.SUPPRESS)
    ap.add_argument("--seconds", type=float, default=600.0, help="how long articles are published (default 600)")
    ap.add_argument("--rate", type=float, default=1.0, help="articles per second (default 1)")
    ap.add_argument("--kill-at", default="200,260", help="seconds at which the monitor is killed with SIGKILL")
    ap.add_argument("--coder", choices=["real", "toy"], default="real")
    ap.add_argument("--every", default="3s", help="how often the feed is polled")
    ap.add_argument("--drain", type=float, default=180.0, help="most seconds to wait for the last items")
    ap.add_argument("--out", type=Path, default=Path("soak-out"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child[0], args.child[1], args.coder)
    kill_at = [float(x) for x in args.kill_at.split(",") if x.strip()]
    res = run(args.seconds, args.rate, kill_at, args.coder, args.out, args.shared, drain=args.drain, every=args.every)
    brief = {k: v for k, v in res.items() if k != "memory"}
    print(json.dumps(brief, indent=2))
    for m in res["memory"]:
        print(f"monitor pid {m['pid']}: {m['seconds']} s, RSS {m['rss_mb_after_warmup']} MB after warm-up -> "
              f"{m['rss_mb_end']} MB at the end (max {m['rss_mb_max']} MB)")
    ok = res["items_lost"] == 0 and res["duplicate_reports"] == 0 and res["duplicate_alert_ids"] == 0 \
        and res["items_settled_twice"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
