"""Load test of ``sitrep serve`` on loopback: N concurrent clients for S seconds on the
event list and the event page of a store of at least 100,000 events; p50/p95/p99
latency and errors per endpoint.

The store is **synthetic**: real events coded by sitrep from a seed store (e.g. VOA
news ingested with `sitrep ingest ../shared/corpora/voa_news.jsonl --db voa.db`) are
replicated with new ids and dates spread over ten years, and written under the
origin ``synthetic`` (so they are not merged with each other; every replica keeps
its real article, sentence and offsets). The server runs as a subprocess
(`sitrep serve --public-read`, 127.0.0.1 only); everything stops by itself after
the run. Example (the numbers in the README):

    .venv/bin/python benchmarks/load_serve.py --seed-db voa.db --events 100000 --clients 20 --seconds 60

Besides latency it reports the server's CPU time per request (its user + system time from
/proc over the requests it served: what a request costs, whatever the machine's load),
the load generator's own CPU time, and the load average. After the timed run,
``--cpu-probe N`` sends N requests of each kind one at a time and reports the server's
CPU milliseconds per request by endpoint. ``--no-cache`` serves with ``--no-cache`` (every
answer computed afresh). The clients are cheap on CPU (the standard library's
http.client, one keep-alive connection each), since they share the machine with the server.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sitrep.models import event_id_for  # noqa: E402
from sitrep.store import Store  # noqa: E402


def synthesize(seed_db: Path, out_db: Path, n: int, *, batch: int = 5000) -> int:
    """Write ``n`` replicas of the seed store's coded events (with their articles) to ``out_db``."""
    seed = Store.open(seed_db, read_only=True)
    events = seed.events(reports=True, include_rejected=True)
    if not events:
        raise SystemExit(f"{seed_db} holds no events to replicate")
    arts = {a: seed.article(a) for a in {e.article_id for e in events}}
    seed.close()
    out = Store.open(out_db)
    out.add_articles([a for a in arts.values() if a is not None])
    start = date(2015, 1, 1)
    rng = random.Random(7)
    written = 0
    while written < n:
        chunk = []
        for k in range(written, min(n, written + batch)):
            ev = events[k % len(events)]
            day = start + timedelta(days=rng.randrange(3650))
            chunk.append(dataclasses.replace(ev, event_id=event_id_for(ev.article_id, 10_000_000 + k, ev.event),
                                             date=day.isoformat()))
        by_art: dict[str, list] = {}
        for ev in chunk:
            by_art.setdefault(ev.article_id, []).append(ev)
        out.add_events_many(list(by_art.items()), origin="synthetic")
        written += len(chunk)
        print(f"  {written:,} events", file=sys.stderr)
    total = out.stats()["clusters"]
    out.close()
    return total


def server_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a running process (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of a running process (Linux /proc), in MB, or None."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def own_cpu_s() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def percentile(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed-db", type=Path, required=True, help="a store of events coded by sitrep")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--db", type=Path, default=None, help="reuse (or keep) the synthetic store here")
    ap.add_argument("--report", type=Path, default=None, help="write the numbers as JSON here")
    ap.add_argument("--cpu-probe", type=int, default=200, metavar="N",
                    help="after the run, N requests of each kind one at a time: server CPU ms per request by "
                         "endpoint (0: skip)")
    ap.add_argument("--no-cache", action="store_true", help="serve with --no-cache (every answer computed afresh)")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "load.db"
    if not db.exists():
        t0 = time.perf_counter()
        n = synthesize(args.seed_db, db, args.events)
        print(f"synthetic store: {n:,} events in {time.perf_counter() - t0:.0f} s -> {db}", file=sys.stderr)
    Store.open(db).close()  # brings a store kept from an older sitrep to this schema
    with Store.open(db, read_only=True) as s:
        n_events = s.stats()["clusters"]
        ids = [e.event_id for e, _ in s.events_page(limit=2000)[0]]
        ids += [e.event_id for e, _ in s.events_page(limit=2000, since="2017-01-01", until="2018-12-31")[0]]
        countries = sorted({e.location.country for e, _ in s.events_page(limit=2000)[0]
                            if e.location and e.location.country})[:20]

    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "sitrep.cli", "serve", "--db", str(db), "--port", str(port), "--public-read"]
    server = subprocess.Popen(cmd + (["--no-cache"] if args.no_cache else []),
                              stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    lat: dict[str, list[float]] = {"list": [], "event": []}
    errors: dict[str, int] = {"list": 0, "event": 0}
    lock = threading.Lock()
    result: dict[str, object] = {"events_in_store": n_events, "clients": args.clients, "seconds": args.seconds,
                                 "cache": not args.no_cache}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.2)

        def pick(rng: random.Random) -> tuple[str, str]:
            """One request of the mix: (kind, path with query)."""
            if rng.random() < 0.5:
                params: dict[str, str | int] = {"limit": 100}
                r = rng.random()
                if r < 0.3 and countries:
                    params["country"] = rng.choice(countries)
                elif r < 0.5:
                    params["event_type"] = rng.choice(["ASSAULT", "PROTEST", "Battles", "CONSULT"])
                elif r < 0.6:
                    params["event_date_from"] = "2016-01-01"
                    params["event_date_to"] = "2016-12-31"
                return "list", "/api/events?" + urlencode(params)
            eid = rng.choice(ids)
            return "event", (f"/events/{eid}" if rng.random() < 0.5 else f"/api/events/{eid}")

        def get(conn: http.client.HTTPConnection, path: str) -> bool:
            """One GET on a keep-alive connection, the whole body read; True on 200."""
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                return resp.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()  # reconnects on the next request
                return False

        stop = time.monotonic() + args.seconds

        def client(k: int) -> None:
            rng = random.Random(k)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                while time.monotonic() < stop:
                    kind, path = pick(rng)
                    t = time.perf_counter()
                    ok = get(conn, path)
                    dt = (time.perf_counter() - t) * 1000
                    with lock:
                        lat[kind].append(dt)
                        errors[kind] += 0 if ok else 1
            finally:
                conn.close()

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        load0 = os.getloadavg()
        srv0, me0 = server_cpu_s(server.pid), own_cpu_s()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        srv1, me1 = server_cpu_s(server.pid), own_cpu_s()
        n_req = sum(len(v) for v in lat.values())
        result["load_average_before"] = [round(x, 2) for x in load0]
        result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        result["client_cpu_ms_per_request"] = round(1000 * (me1 - me0) / max(n_req, 1), 2)
        if srv0 is not None and srv1 is not None:
            result["server_cpu_ms_per_request"] = round(1000 * (srv1 - srv0) / max(n_req, 1), 2)
        if args.cpu_probe:
            probe: dict[str, float] = {}
            rng = random.Random(99)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for want in ("list", "event"):
                paths = []
                while len(paths) < args.cpu_probe:
                    kind, path = pick(rng)
                    if kind == want:
                        paths.append(path)
                c0 = server_cpu_s(server.pid)
                bad = sum(0 if get(conn, p) else 1 for p in paths)
                c1 = server_cpu_s(server.pid)
                if c0 is not None and c1 is not None:
                    probe[want] = round(1000 * (c1 - c0) / len(paths), 2)
                errors[want] += bad
            conn.close()
            result["server_cpu_ms_per_request_by_endpoint"] = probe
        result["server_peak_rss_mb"] = server_peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        tmp.cleanup()
    for kind in ("list", "event"):
        xs = lat[kind]
        result[kind] = {"requests": len(xs), "errors": errors[kind], "rps": round(len(xs) / args.seconds, 1),
                        "p50_ms": round(statistics.median(xs), 1) if xs else None,
                        "p95_ms": round(percentile(xs, 0.95), 1), "p99_ms": round(percentile(xs, 0.99), 1)}
    print(json.dumps(result, indent=2))
    if args.report:
        args.report.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
