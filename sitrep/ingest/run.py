"""``ingest``: read sources, drop duplicate articles, code the rest, store and merge.

    >>> from sitrep.store import Store
    >>> from sitrep.ingest.run import ingest
    >>> summary = ingest(["news/", "feed.xml"], Store.open("sitrep.db"))
    >>> print(summary)

Per batch of ``defaults.INGEST_BATCH_SIZE`` items:

1. read (sources.read_sources): bad items become failures, logged;
2. plan (Store._plan_articles): each article is new, a copy of a stored or
   earlier article (exact or near duplicate), or a copy this store saw before
   (a rerun); nothing is written yet;
3. code the new articles (``sitrep.code_many``, or worker processes);
4. write, in **one transaction**: articles, copies, events, merges, failures
   and the batch record. A kill -9 loses at most the batch in flight; running
   the same command again skips what was stored (resumable) and stores the rest.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.errors import WorkersCappedWarning
from sitrep.ingest import dedup as artdedup
from sitrep.ingest.sources import JSONL_SUFFIXES, KNOWN_SUFFIXES, read_sources
from sitrep.models import Article, CodingFailure, Event
from sitrep.store.lock import writer_lock

#: A coder: articles in, (article, events or failure) out, in any order.
Coder = Callable[[Sequence[Article]], Iterable[tuple[Article, list[Event] | CodingFailure]]]


@dataclass
class IngestSummary:
    """What one ``ingest`` run did."""

    articles_new: int = 0  # stored and coded
    articles_duplicate: int = 0  # copies (exact or near) of a stored article: linked, not coded again
    articles_seen: int = 0  # this very copy was stored by an earlier run (resume / rerun)
    articles_failed: int = 0  # unreadable, invalid, duplicate id, or the coder failed on it
    events_new: int = 0  # reported events stored
    events_merged: int = 0  # of which joined an event reported by another article
    batches: int = 0
    seconds: float = 0.0

    @property
    def articles_read(self) -> int:
        return self.articles_new + self.articles_duplicate + self.articles_seen + self.articles_failed

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "articles_read": self.articles_read}

    def __str__(self) -> str:
        rate = self.articles_read / self.seconds if self.seconds > 0 else 0.0
        shown = f"{rate:.1f}" if rate >= 1 else f"{rate:.2f}"
        return (f"articles: {self.articles_new} new, {self.articles_duplicate} duplicate, "
                f"{self.articles_seen} already stored, {self.articles_failed} failed; "
                f"events: {self.events_new} new, {self.events_merged} merged into events from other reports; "
                f"{self.batches} batch(es) in {self.seconds:.1f} s ({shown} articles/s)")


# --- coding ------------------------------------------------------------------------------


def _default_coder(articles: Sequence[Article]) -> Iterable[tuple[Article, list[Event] | CodingFailure]]:
    from sitrep import code_many

    return code_many(articles, n_process=1)


def _worker_init() -> None:
    import sitrep.pipeline as pipeline

    warm = getattr(pipeline, "get_coder", None)
    if warm is not None:
        warm()


def _code_chunk(chunk: list[Article]) -> list[tuple[Article, list[Event] | CodingFailure]]:
    from sitrep import code_many

    return list(code_many(chunk, n_process=1))


class PoolCoder:
    """Codes batches in ``n`` worker processes that live for the whole run (the
    spaCy pipeline loads once per worker, not once per batch). Workers start
    from a fork server, so they inherit no DuckDB handle or thread."""

    def __init__(self, n: int, chunk_size: int = defaults.WORKER_CHUNK_SIZE) -> None:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            ctx.set_forkserver_preload(["sitrep.pipeline"])
        self.pool = ctx.Pool(n, initializer=_worker_init)
        self.chunk_size = chunk_size

    def __call__(self, articles: Sequence[Article]) -> Iterable[tuple[Article, list[Event] | CodingFailure]]:
        arts = list(articles)
        size = max(1, min(self.chunk_size, -(-len(arts) // (self.pool._processes * 2))))  # type: ignore[attr-defined]
        chunks = [arts[i:i + size] for i in range(0, len(arts), size)]
        for done in self.pool.imap(_code_chunk, chunks):
            yield from done

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


# --- progress ------------------------------------------------------------------------------


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            n += chunk.count(b"\n")
    return n


def estimate_items(sources: Iterable[str | Path]) -> int | None:
    """How many items the sources hold (lines of JSONL, files of folders), or None
    when unknown (stdin, URLs, feeds)."""
    total = 0
    for src in sources:
        name = str(src)
        if name == "-" or name.startswith(("http://", "https://")):
            return None
        p = Path(name)
        files = [f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES] \
            if p.is_dir() else [p]
        for f in files:
            suffix = f.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                try:
                    total += _count_lines(f)
                except OSError:
                    total += 1
            elif suffix in (".json", ".rss", ".atom", ".xml"):
                return None
            else:
                total += 1
    return total


class _Progress:
    """A rich progress bar (rate and ETA) on a terminal; silent elsewhere."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar = None
        if not enabled:
            return
        from rich.console import Console

        console = Console(stderr=True)
        if not console.is_terminal:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("{task.fields[events]} events"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=False)
        self.task = self.bar.add_task("ingest", total=total, rate=0.0, events=0)
        self.start = time.monotonic()
        self.bar.start()

    def update(self, done: int, events: int) -> None:
        if self.bar is not None:
            rate = done / max(time.monotonic() - self.start, 1e-9)
            self.bar.update(self.task, completed=done, rate=rate, events=events)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- ingest --------------------------------------------------------------------------------


def _batches(items: Iterable[tuple[str, Article | CodingFailure]], size: int
             ) -> Iterator[list[tuple[str, Article | CodingFailure]]]:
    buf: list[tuple[str, Article | CodingFailure]] = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _read_all(sources: Sequence[str | Path], default_date: str | None, client: Any, policy: Any = None
              ) -> Iterator[tuple[str, Article | CodingFailure]]:
    for src in sources:
        for x in read_sources([src], default_date=default_date, client=client, policy=policy):
            yield str(src), x


def _available_mb() -> int | None:
    """Memory available to new processes (MemAvailable, Linux), in MB; None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cap_workers(n: int, *, cores: int | None = None, available_mb: int | None = None) -> int:
    """``n`` worker processes, capped at the machine's cores and at the workers its
    available memory holds (``defaults.WORKER_MEMORY_MB`` each); a
    WorkersCappedWarning says so when the cap bites. Never below 1."""
    if n <= 1:
        return max(1, n)
    cores = _cores() if cores is None else cores
    mem = _available_mb() if available_mb is None else available_mb
    by_mem = max(1, mem // defaults.WORKER_MEMORY_MB) if mem is not None else n
    capped = max(1, min(n, cores, by_mem))
    if capped < n:
        why = []
        if cores == capped:
            why.append(f"{cores} core(s)")
        if mem is not None and by_mem == capped:
            why.append(f"{mem:,} MB available at ~{defaults.WORKER_MEMORY_MB} MB per worker")
        warnings.warn(WorkersCappedWarning(f"{n} workers asked, {capped} used ({'; '.join(why)})"), stacklevel=2)
    return capped


def ingest(paths_or_urls: Iterable[str | Path] | str | Path, store: Any, *, n_process: int = 1,
           progress: bool = True, default_date: str | None = None, batch_size: int | None = None,
           coder: Coder | None = None, client: Any | None = None, policy: Any | None = None,
           on_batch: Callable[[int, IngestSummary], None] | None = None) -> IngestSummary:
    """Ingest files, folders, feeds, URLs or "-" into ``store`` (a :class:`~sitrep.store.Store`).

    Bad items are logged in the store (``store.failures()``) and skipped.
    ``coder`` replaces ``sitrep.code_many`` (tests, custom coders); with
    ``n_process > 1`` articles are coded in that many worker processes.
    ``on_batch(batch_id, summary)`` is called after each committed batch.
    URLs and feeds' linked pages are fetched under ``policy`` (a
    :class:`sitrep.fetch.FetchPolicy`; the default refuses private, loopback and
    link-local addresses).
    """
    sources = [paths_or_urls] if isinstance(paths_or_urls, (str, Path)) else list(paths_or_urls)
    if coder is None:
        n_process = cap_workers(n_process)
    with writer_lock(getattr(store, "path", ":memory:"), what="sitrep ingest"):
        return _ingest(sources, store, n_process=n_process, progress=progress, default_date=default_date,
                       batch_size=batch_size, coder=coder, client=client, policy=policy, on_batch=on_batch)


def _ingest(sources: list[str | Path], store: Any, *, n_process: int, progress: bool, default_date: str | None,
            batch_size: int | None, coder: Coder | None, client: Any | None, policy: Any | None,
            on_batch: Callable[[int, IngestSummary], None] | None) -> IngestSummary:
    size = batch_size or defaults.INGEST_BATCH_SIZE
    if n_process > 1 and coder is None:
        size = max(size, 16 * n_process)
    summary = IngestSummary()
    t0 = time.monotonic()
    pool = PoolCoder(n_process) if (n_process > 1 and coder is None) else None
    code: Coder = coder or pool or _default_coder
    bar = _Progress(progress, estimate_items(sources) if progress and sys.stderr.isatty() else None)
    pending = artdedup.PendingIndex()
    done = 0
    try:
        for batch in _batches(_read_all(sources, default_date, client, policy), size):
            started = datetime.now(UTC).replace(tzinfo=None)
            failures = [x for _, x in batch if isinstance(x, CodingFailure)]
            articles = [(x, f"{src}:{x.id}" if x.id else src) for src, x in batch if isinstance(x, Article)]
            with store.session():  # one turn at the file for the reads of the plan
                batch_id = store.next_batch_id()
                plan = store._plan_articles(articles, pending=pending, batch_id=batch_id)
            failures.extend(plan.result.failed)
            coded: list[tuple[str, list[Event]]] = []
            item_of = {r["article_id"]: r["item"] for r in plan.report_rows if r["relation"] == "original"}
            if plan.result.new:
                for art, res in code(plan.result.new):
                    if isinstance(res, CodingFailure):
                        failures.append(CodingFailure(item=item_of.get(art.id) or res.item or art.id,
                                                      reason=res.reason, error=res.error))
                    else:
                        coded.append((art.id, list(res)))
            ok_ids = [aid for aid, _ in coded]
            with store.atomic():
                store._apply_plan(plan, articles=ok_ids)
                ev = store.add_events_many(coded, batch_id=batch_id)
                store.log_failures(failures, batch_id=batch_id)
                store.record_batch(batch_id, started=started, n_articles=len(ok_ids),
                                   n_reports=len(plan.report_rows), n_events=ev.new, n_failures=len(failures))
            store.release()
            pending.clear()  # committed: the store's band table has them now
            summary.articles_new += len(ok_ids)
            summary.articles_duplicate += len(plan.result.duplicate)
            summary.articles_seen += len(plan.result.seen)
            summary.articles_failed += len(failures)
            summary.events_new += ev.new
            summary.events_merged += ev.merged
            summary.batches += 1
            summary.seconds = time.monotonic() - t0
            done += len(batch)
            bar.update(done, summary.events_new)
            if on_batch is not None:
                on_batch(batch_id, summary)
    finally:
        bar.stop()
        if pool is not None:
            pool.close()
    summary.seconds = time.monotonic() - t0
    return summary
