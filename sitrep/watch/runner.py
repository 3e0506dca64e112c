"""The monitor: poll due sources, store and code what is new, raise and deliver alerts.

    >>> from sitrep.store import Store
    >>> from sitrep.watch import Watcher, load_config
    >>> w = Watcher(load_config("watch.yaml"), Store.open("sitrep.db"))
    >>> w.run_once()          # every source once (what `sitrep watch --once` does)
    >>> w.run_forever(stop)   # until stop (a threading.Event) is set
    >>> w.status()            # per source: last fetch, new items, errors, lag
    >>> render_metrics(w)     # Prometheus text for a /metrics endpoint

One cycle:

1. **poll** the due sources in worker threads (:func:`sitrep.watch.sources.poll`):
   conditional GETs, per-host politeness, robots.txt, retries; a source whose
   circuit breaker is open is skipped;
2. **store**, per source, in one transaction: new articles planned and
   deduplicated exactly as ``sitrep ingest`` does (syndicated copies linked,
   not coded again), coded, events stored and merged, failures logged, items
   marked done, the source's validators and counters updated;
3. **evaluate** the alert rules over the canonical events touched by the new
   batches, writing alerts and their pending deliveries and advancing the cursor
   in one transaction;
4. **deliver** pending alerts to their sinks (and the digest when due).

``sitrep serve --watch CONFIG`` can run :meth:`Watcher.run_forever` in a thread
of the server process (one process owns the store) and mount
:func:`render_metrics` and :meth:`Watcher.status` as ``/metrics`` and a status page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any

import duckdb

from sitrep import defaults
from sitrep.errors import SinkError, SitrepError
from sitrep.models import Article, CodingFailure, Event
from sitrep.store import Store
from sitrep.watch.config import SinkConfig, SourceConfig, WatchConfig
from sitrep.watch.fetcher import PoliteFetcher
from sitrep.watch.rules import Evaluator
from sitrep.watch.sinks import Sink, make_sink
from sitrep.watch.sources import ItemResult, PollResult, poll
from sitrep.watch.state import ALERT_CURSOR, DIGEST_CURSOR, SourceState, WatchState, now

log = logging.getLogger("sitrep.watch")

Coder = Callable[[Sequence[Article]], Iterable[tuple[Article, list[Event] | CodingFailure]]]


def _default_coder(articles: Sequence[Article]) -> Iterable[tuple[Article, list[Event] | CodingFailure]]:
    from sitrep import code_many

    return code_many(articles, n_process=1)


@dataclass
class CycleReport:
    """What one cycle did."""

    polled: int = 0
    not_modified: int = 0
    errors: int = 0
    skipped_open: int = 0  # sources whose circuit breaker is open
    items_new: int = 0  # articles stored and coded
    items_duplicate: int = 0
    items_failed: int = 0
    items_retry: int = 0
    events_new: int = 0
    alerts: int = 0
    delivered: int = 0
    delivery_errors: int = 0
    source_errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.polled} source(s) polled ({self.not_modified} unchanged, {self.errors} failed, "
                f"{self.skipped_open} paused); items: {self.items_new} new, {self.items_duplicate} duplicate, "
                f"{self.items_failed} failed, {self.items_retry} to retry; {self.events_new} events; "
                f"{self.alerts} alerts, {self.delivered} deliveries")


@dataclass(frozen=True)
class SourceStatus:
    name: str
    kind: str
    location: str
    every_s: float
    state: SourceState
    items: dict[str, int]
    lag_s: float | None  # seconds since the last successful fetch
    circuit: str  # closed | open | half-open

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "location": self.location, "every_s": self.every_s,
                "items": self.items, "lag_s": self.lag_s, "circuit": self.circuit, **self.state.to_dict()}


class Watcher:
    """Follows the sources of a :class:`WatchConfig` into a store (see the module docstring)."""

    def __init__(self, config: WatchConfig, store: Store, *, coder: Coder | None = None, out: IO[str] | None = None,
                 client: Any | None = None, write_lock: Any | None = None) -> None:
        """``write_lock``: a lock the watcher holds while it writes to the store and delivers
        (a server that writes to the same database passes its own, e.g. ``sitrep serve``'s
        write lock); fetching and reading never hold it."""
        from sitrep.fetch import FetchPolicy

        self.config = config
        self.store = store
        self.state = WatchState(store)
        self.coder: Coder = coder or _default_coder
        policy = FetchPolicy(allow=config.allow, deadline_s=config.deadline_s, read_timeout_s=config.read_timeout_s,
                             max_bytes=config.max_page_bytes)
        self.policy = policy
        self.fetcher = PoliteFetcher(policy, per_host_interval_s=config.per_host_interval_s,
                                     per_host_concurrency=config.per_host_concurrency, retries=config.retries,
                                     backoff_s=config.backoff_s, robots=config.robots, client=client)
        self.evaluator = Evaluator(store, config.rules, config.base_url)
        self.sinks: dict[str, Sink] = {}
        for rule in config.rules:
            for s in rule.notify:
                self.sinks.setdefault(s.name, make_sink(s, self.fetcher.fetcher, out=out,
                                                                backoff_s=config.backoff_s))
        self.digest_sinks = [self.sinks.setdefault(s.name, make_sink(s, self.fetcher.fetcher, out=out,
                                                                backoff_s=config.backoff_s))
                             for s in config.digest]
        self._lock = write_lock if write_lock is not None else threading.Lock()  # one writer at a time
        self._cursor_lock = threading.Lock()
        if store.read_only or not store.hold_lock:
            raise ValueError("the watcher owns its store: open it writable with hold_lock=True")
        self._con = store._connect()
        self._init_cursor()
        self.status_file = store.path.with_name(store.path.name + ".watch.json")

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- cursor ------------------------------------------------------------------------

    def _max_batch(self) -> int:
        with self.store.session() as con:
            return int(con.execute("SELECT coalesce(max(batch_id), 0) FROM batches").fetchall()[0][0])

    def _init_cursor(self) -> None:
        """On a store that was never watched, alerts start from now: events already
        stored are not alerted (they were never 'new' to the monitor)."""
        if self.state.get_meta(ALERT_CURSOR) is None:
            self.state.set_meta(ALERT_CURSOR, str(self._max_batch()))

    # --- scheduling ----------------------------------------------------------------------

    def due(self, at: datetime | None = None) -> list[SourceConfig]:
        t = at or now()
        states = self.state.sources()
        out = []
        for src in self.config.sources:
            st = states.get(src.name)
            if st is None or st.next_due is None or st.next_due <= t:
                out.append(src)
        return out

    def _breaker_open(self, st: SourceState, t: datetime) -> bool:
        return st.open_until is not None and st.open_until > t

    def next_wake(self) -> float:
        """Seconds until the next source is due (0 when one is due now)."""
        states = self.state.sources()
        t = now()
        waits = []
        for src in self.config.sources:
            st = states.get(src.name)
            if st is None or st.next_due is None:
                return 0.0
            due = max(st.next_due, st.open_until or st.next_due)
            waits.append((due - t).total_seconds())
        return max(0.0, min(waits)) if waits else defaults.WATCH_TICK_S

    # --- one cycle ----------------------------------------------------------------------------

    def run_once(self, sources: Sequence[SourceConfig] | None = None, *, force: bool = True) -> CycleReport:
        """Poll ``sources`` (default: all when ``force``, else the due ones), store, alert, deliver."""
        with self._lock:
            report = CycleReport()
            t = now()
            todo = list(sources) if sources is not None else (list(self.config.sources) if force else self.due(t))
            states = self.state.sources()
            polling: list[SourceConfig] = []
            for src in todo:
                st = states.get(src.name) or SourceState(src.name, location=src.location)
                if self._breaker_open(st, t):
                    report.skipped_open += 1
                    continue
                polling.append(src)
            self._deliver(report)  # anything left from an earlier cycle (or a crash) goes first
            if polling:
                with ThreadPoolExecutor(max_workers=min(self.config.workers, len(polling)),
                                        thread_name_prefix="sitrep-watch") as pool:
                    futures = [pool.submit(self._poll, src, states.get(src.name)) for src in polling]
                    for fut in as_completed(futures):  # a slow source holds up no other's alerts
                        res = fut.result()
                        self._store(res, states.get(res.source.name), report)
                        if res.status == "ok":
                            self._evaluate(report)
                            self._deliver(report)
            self._evaluate(report)
            self._deliver(report)
            self._digest(report)
            self.write_status()
            return report

    def write_status(self) -> None:
        """The status as JSON beside the store (``<db>.watch.json``), replaced atomically:
        ``sitrep watch --status`` reads it while this process holds the store."""
        import json
        import os

        tmp = self.status_file.with_name(self.status_file.name + ".tmp")
        try:
            tmp.write_text(json.dumps({"written_at": now().isoformat() + "Z",
                                       "sources": [s.to_dict() for s in self.status()]}), encoding="utf-8")
            os.replace(tmp, self.status_file)
        except OSError as exc:
            log.warning("cannot write %s: %s", self.status_file, exc)

    def _poll(self, src: SourceConfig, st: SourceState | None) -> PollResult:
        validators = (st.etag, st.last_modified) if st is not None else (None, None)
        cur = self._cursor()
        if validators != (None, None) and self.state.has_retries(src.name, cur):
            validators = (None, None)  # items wait for another try: a 304 must not hide them
        try:
            return poll(src, self.fetcher, validators=validators,
                        settled=lambda keys: self.state.settled(src.name, keys, cur),
                        attempts=lambda keys: self.state.attempts(src.name, keys, cur),
                        max_page_bytes=self.config.max_page_bytes)
        except Exception as exc:  # a parser's or library's own failure: this source fails, the watch goes on
            log.exception("source %s: unexpected failure", src.name)
            return PollResult(src, "error", error=f"unexpected failure: {exc}", error_type=type(exc).__name__)
        finally:
            cur.close()

    def _cursor(self) -> Any:
        """A connection of the worker thread's own (reads committed state)."""
        with self._cursor_lock:
            return self._con.cursor()

    def _store(self, res: PollResult, st: SourceState | None, report: CycleReport) -> None:
        src = res.source
        t = now()
        st = st or SourceState(src.name, location=src.location)
        report.polled += 1
        upd: dict[str, Any] = {"last_fetch": t, "n_fetches": st.n_fetches + 1, "location": src.location,
                               "next_due": t + timedelta(seconds=src.every_s)}
        if res.status == "error":
            report.errors += 1
            report.source_errors.append(f"{src.name}: {res.error}")
            log.warning("source %s: %s (%s)", src.name, res.error, res.error_type)
            fails = st.consecutive_failures + 1
            upd.update(last_status="error", last_error=f"{res.error_type}: {res.error}", consecutive_failures=fails,
                       n_errors=st.n_errors + 1)
            if fails >= self.config.breaker_failures:
                cool = min(self.config.breaker_cooldown_s * 2 ** (fails - self.config.breaker_failures),
                           defaults.WATCH_BREAKER_MAX_S)
                upd["open_until"] = t + timedelta(seconds=cool)
                log.warning("source %s: circuit open for %.0f s after %d failures", src.name, cool, fails)
            self.state.put_source(_replace(st, upd))
            return
        upd.update(last_ok=t, last_status=res.status, last_error=None, consecutive_failures=0, open_until=None,
                   etag=res.etag, last_modified=res.last_modified)
        if res.status == "not_modified":
            report.not_modified += 1
            upd["n_not_modified"] = st.n_not_modified + 1
            self.state.put_source(_replace(st, upd))
            return
        def settle(n_new: int) -> None:
            # in the items' own transaction: new validators never commit without the items
            # they vouch for (a 304 after a crash would otherwise hide unstored items)
            upd["n_items"] = st.n_items + n_new
            if n_new:
                upd["last_new_at"] = t
            self.state.put_source(_replace(st, upd))

        self._ingest(res, report, settle)

    def _ingest(self, res: PollResult, report: CycleReport, settle: Callable[[int], None]) -> None:
        """Store one poll's items as ``sitrep ingest`` stores a batch, marking the items
        done and calling ``settle(items done)`` in the same transaction.

        When the store refuses the batch (a value that does not fit a column, say) the
        transaction is rolled back and the items are stored one by one; an item the store
        refuses on its own is marked failed with the store's reason and logged. One bad
        article never stops the monitor, nor makes it refetch and fail again for ever.
        """
        try:
            self._ingest_items(res.source, res.items, report, settle)
            return
        except (SitrepError, duckdb.Error) as exc:
            if len(res.items) <= 1:
                self._refuse(res.source, res.items, exc, report)
                settle_alone = 0
            else:
                log.warning("source %s: the store refused a batch (%s); storing its items one by one",
                            res.source.name, exc)
                settle_alone = 0
                for item in res.items:
                    done: list[int] = []
                    try:
                        self._ingest_items(res.source, [item], report, done.append)
                    except (SitrepError, duckdb.Error) as one:
                        self._refuse(res.source, [item], one, report)
                    settle_alone += sum(done)
        settle(settle_alone)

    def _refuse(self, src: SourceConfig, items: Sequence[ItemResult], exc: Exception, report: CycleReport) -> None:
        root: BaseException = exc
        while "transaction is aborted" in str(root) and root.__context__ is not None:
            root = root.__context__  # DuckDB's clean-up error hides the cause (a value out of range, say)
        reason = f"the store refused it: {str(root).splitlines()[0][:300]}"
        log.warning("source %s: %s", src.name, reason)
        with self.store.atomic():
            self.store.log_failures([CodingFailure(item=r.url or r.key, reason=reason, error="StoreError")
                                     for r in items])
            self.state.mark_items(src.name, [{"item_key": r.key, "url": r.url, "published": r.published,
                                              "status": "failed", "reason": reason} for r in items])
        report.items_failed += len(items)

    def _ingest_items(self, src: SourceConfig, items: Sequence[ItemResult], report: CycleReport,
                      settle: Callable[[int], None]) -> None:
        articles: list[tuple[Article, str]] = []
        key_of: dict[str, list[str]] = {}  # item string -> item keys
        failures: list[CodingFailure] = []
        rows: list[dict[str, Any]] = []
        attempts = self.state.attempts(src.name, [r.key for r in items if r.retry])
        for r in items:
            base = {"item_key": r.key, "url": r.url, "published": r.published}
            if r.article is None:
                assert r.failure is not None
                if r.retry:
                    report.items_retry += 1
                    rows.append({**base, "status": "retry", "attempts": attempts.get(r.key, 0) + 1,
                                 "reason": r.failure.reason})
                else:
                    failures.append(r.failure)
                    rows.append({**base, "status": "failed", "reason": r.failure.reason})
                    report.items_failed += 1
                continue
            for i, art in enumerate([r.article, *r.extra]):
                item = f"{src.name}:{r.url or r.key}" + (f"#{i}" if i else "")
                articles.append((art, item))
                key_of.setdefault(item, []).append(r.key)
            rows.append({**base, "status": "done"})
        if not articles and not rows:
            settle(0)
            return
        with self.store.session():
            batch_id = self.store.next_batch_id()
            plan = self.store._plan_articles(articles, batch_id=batch_id)
        failures.extend(plan.result.failed)
        coded: list[tuple[str, list[Event]]] = []
        item_of = {r["article_id"]: r["item"] for r in plan.report_rows if r["relation"] == "original"}
        failed_items: dict[str, str] = {}
        if plan.result.new:
            for art, out in self.coder(plan.result.new):
                if isinstance(out, CodingFailure):
                    item = item_of.get(art.id) or out.item or art.id
                    failures.append(CodingFailure(item=item, reason=out.reason, error=out.error))
                    failed_items[item] = out.reason
                else:
                    coded.append((art.id, list(out)))
        for f in plan.result.failed:
            failed_items[f.item] = f.reason
        bad_keys = {k: reason for item, reason in failed_items.items() for k in key_of.get(item, [])}
        for row in rows:
            if row["item_key"] in bad_keys and row["status"] == "done":
                row.update(status="failed", reason=bad_keys[row["item_key"]])
                report.items_failed += 1
        ok_ids = [aid for aid, _ in coded]
        with self.store.atomic():
            self.store._apply_plan(plan, articles=ok_ids)
            ev = self.store.add_events_many(coded, batch_id=batch_id)
            self.store.log_failures(failures, batch_id=batch_id)
            self.store.record_batch(batch_id, started=now(), n_articles=len(ok_ids), n_reports=len(plan.report_rows),
                                    n_events=ev.new, n_failures=len(failures), note=f"watch {src.name}")
            self.state.mark_items(src.name, rows)
            settle(sum(1 for r in rows if r["status"] == "done"))
        report.items_new += len(ok_ids)
        report.items_duplicate += len(plan.result.duplicate) + len(plan.result.seen)
        report.events_new += ev.new

    # --- alerts ------------------------------------------------------------------------------

    def _evaluate(self, report: CycleReport) -> None:
        if not self.config.rules:
            return
        cursor = int(self.state.get_meta(ALERT_CURSOR) or 0)
        upto = self._max_batch()
        if upto <= cursor:
            return
        alerts = self.evaluator.evaluate(self.evaluator.changed(cursor, upto))
        sinks_of = {r.name: [s.name for s in r.notify] for r in self.config.rules}
        with self.store.atomic():
            report.alerts += self.state.add_alerts(alerts, sinks_of)
            self.state.set_meta(ALERT_CURSOR, str(upto))

    def _deliver(self, report: CycleReport) -> None:
        for aid, sink_name, st, n, alert in self.state.deliveries():
            sink = self.sinks.get(sink_name)
            if sink is None:  # the config no longer names this sink
                self.state.set_delivery(aid, sink_name, "dropped", error="sink no longer in the configuration")
                continue
            if st == "sending" and sink.delivered(aid):
                self.state.set_delivery(aid, sink_name, "sent")  # the crash came after the send
                continue
            self.state.set_delivery(aid, sink_name, "sending", attempts=n + 1)
            try:
                sink.send(alert)
            except SinkError as exc:
                report.delivery_errors += 1
                log.warning("alert %s to %s: %s", aid, sink_name, exc)
                state = "failed" if n + 1 >= defaults.WATCH_ITEM_ATTEMPTS else "pending"
                self.state.set_delivery(aid, sink_name, state, error=str(exc))
                continue
            self.state.set_delivery(aid, sink_name, "sent")
            report.delivered += 1

    def _digest(self, report: CycleReport) -> None:
        if not self.digest_sinks or self.config.digest_every_s is None:
            return
        last = self.state.get_meta(DIGEST_CURSOR)
        t = now()
        since = datetime.fromisoformat(last) if last else None
        if since is None:
            self.state.set_meta(DIGEST_CURSOR, t.isoformat())
            return
        if (t - since).total_seconds() < self.config.digest_every_s:
            return
        alerts = self.state.alerts_since(since)
        self.state.set_meta(DIGEST_CURSOR, t.isoformat())  # a crash here loses one digest, never repeats one
        if not alerts:
            return
        msg = {"kind": "digest", "digest_id": f"digest-{t.isoformat()}", "since": since.isoformat() + "Z",
               "until": t.isoformat() + "Z", "alerts": alerts}
        for sink in self.digest_sinks:
            try:
                sink.send(msg)
                report.delivered += 1
            except SinkError as exc:
                report.delivery_errors += 1
                log.warning("digest to %s: %s", sink.name, exc)

    # --- forever -------------------------------------------------------------------------------

    def run_forever(self, stop: threading.Event | None = None, *, on_cycle: Callable[[CycleReport], None] | None = None,
                    max_cycles: int | None = None) -> None:
        """Follow the sources until ``stop`` is set (or ``max_cycles`` polls were stored).

        Each source keeps its own schedule: a due source is polled in a worker thread
        and its result stored, alerted and delivered (in this thread, holding the write
        lock) as soon as it arrives, so a slow or hanging source delays no other.
        ``on_cycle`` gets a report per step that stored polls.
        """
        stop = stop or threading.Event()
        n = 0
        inflight: dict[Future[PollResult], SourceConfig] = {}
        last_status = 0.0
        with ThreadPoolExecutor(max_workers=self.config.workers, thread_name_prefix="sitrep-watch") as pool:
            try:
                while not stop.is_set():
                    report = CycleReport()
                    try:
                        busy = {src.name for src in inflight.values()}
                        states = self.state.sources()
                        t = now()
                        for src in self.due(t):
                            st = states.get(src.name)
                            if src.name in busy or (st is not None and self._breaker_open(st, t)):
                                continue
                            inflight[pool.submit(self._poll, src, st)] = src
                        done, _ = wait(list(inflight), timeout=defaults.WATCH_TICK_S,
                                       return_when=FIRST_COMPLETED) if inflight else (set(), set())
                        with self._lock:
                            self._deliver(report)  # pending deliveries (after a crash, or a sink that was down)
                            for fut in done:
                                src = inflight.pop(fut)
                                self._store(fut.result(), self.state.sources().get(src.name), report)
                                n += 1
                            if done:
                                self._evaluate(report)
                                self._deliver(report)
                            self._digest(report)
                        if done or time.monotonic() - last_status > defaults.WATCH_STATUS_EVERY_S:
                            self.write_status()
                            last_status = time.monotonic()
                    except (SitrepError, duckdb.Error, OSError) as exc:
                        # what was committed stays; the rest is retried (cursors did not move)
                        log.error("watch step failed, retrying in %.0f s: %s", defaults.WATCH_TICK_S * 5, exc)
                        stop.wait(defaults.WATCH_TICK_S * 5)
                        continue
                    if done and on_cycle is not None:
                        on_cycle(report)
                    if max_cycles is not None and n >= max_cycles:
                        return
                    if not inflight:
                        stop.wait(min(max(self.next_wake(), 0.05), defaults.WATCH_TICK_S))
            finally:
                for fut in inflight:
                    fut.cancel()

    # --- status ----------------------------------------------------------------------------------

    def status(self) -> list[SourceStatus]:
        states = self.state.sources()
        counts = self.state.item_counts()
        t = now()
        out = []
        for src in self.config.sources:
            st = states.get(src.name) or SourceState(src.name, location=src.location)
            circuit = "closed"
            if st.open_until is not None:
                circuit = "open" if st.open_until > t else "half-open"
            lag = (t - st.last_ok).total_seconds() if st.last_ok else None
            out.append(SourceStatus(src.name, src.kind, src.location, src.every_s, st, counts.get(src.name, {}), lag,
                                    circuit))
        return out


def _replace(st: SourceState, upd: dict[str, Any]) -> SourceState:
    from dataclasses import replace

    return replace(st, **upd)


# --- metrics -----------------------------------------------------------------------------------


def _label(v: str) -> str:
    return v.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def render_metrics(watcher: Watcher) -> str:
    """The monitor's state in the Prometheus text exposition format (for ``/metrics``)."""
    lines: list[str] = []

    def metric(name: str, kind: str, help_: str, samples: list[tuple[dict[str, str], float]]) -> None:
        lines.append(f"# HELP {name} {help_}")
        lines.append(f"# TYPE {name} {kind}")
        for labels, value in samples:
            lab = ",".join(f'{k}="{_label(v)}"' for k, v in labels.items())
            lines.append(f"{name}{{{lab}}} {value:g}" if lab else f"{name} {value:g}")

    sts = watcher.status()

    def ts(d: datetime | None) -> float:
        return (d - datetime(1970, 1, 1)).total_seconds() if d else 0.0

    metric("sitrep_watch_source_last_fetch_timestamp_seconds", "gauge", "Last fetch of the source (Unix time).",
           [({"source": s.name}, ts(s.state.last_fetch)) for s in sts])
    metric("sitrep_watch_source_last_success_timestamp_seconds", "gauge", "Last successful fetch (Unix time).",
           [({"source": s.name}, ts(s.state.last_ok)) for s in sts])
    metric("sitrep_watch_source_lag_seconds", "gauge", "Seconds since the last successful fetch.",
           [({"source": s.name}, s.lag_s) for s in sts if s.lag_s is not None])
    metric("sitrep_watch_source_fetches_total", "counter", "Fetches of the source.",
           [({"source": s.name}, s.state.n_fetches) for s in sts])
    metric("sitrep_watch_source_not_modified_total", "counter", "Fetches answered 304 Not Modified.",
           [({"source": s.name}, s.state.n_not_modified) for s in sts])
    metric("sitrep_watch_source_errors_total", "counter", "Failed fetches of the source.",
           [({"source": s.name}, s.state.n_errors) for s in sts])
    metric("sitrep_watch_source_items_total", "counter", "Items of the source by status (done, failed, retry).",
           [({"source": s.name, "status": k}, v) for s in sts for k, v in sorted(s.items.items())])
    metric("sitrep_watch_source_consecutive_failures", "gauge", "Failed fetches in a row.",
           [({"source": s.name}, s.state.consecutive_failures) for s in sts])
    metric("sitrep_watch_source_circuit_open", "gauge", "1 while the source's circuit breaker is open.",
           [({"source": s.name}, 1.0 if s.circuit == "open" else 0.0) for s in sts])
    counts = watcher.state.alert_counts()
    deliveries = counts.pop("_deliveries", {})
    metric("sitrep_watch_alerts_total", "counter", "Alerts raised, by rule and kind.",
           [({"rule": r, "kind": k}, v) for r, ks in sorted(counts.items()) for k, v in sorted(ks.items())])
    metric("sitrep_watch_deliveries", "gauge", "Alert deliveries by state.",
           [({"state": k}, v) for k, v in sorted(deliveries.items())])
    metric("sitrep_watch_requests_total", "counter", "HTTP requests sent by this process (robots.txt included).",
           [({}, watcher.fetcher.requests)])
    return "\n".join(lines) + "\n"


def sink_names(sinks: Iterable[SinkConfig]) -> list[str]:
    return [s.name for s in sinks]
