"""Batch runs on a Dask LocalCluster (127.0.0.1 only) and local processes: the same events as
code_many, a killed worker's partitions recomputed, an interrupted run resumed from its manifest."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_file

from sitrep.batch import records
from sitrep.batch.partitions import plan_partitions
from sitrep.batch.runner import local_runner, read_manifest, run_batch
from sitrep.errors import BatchError, MissingDependencyError
from sitrep.models import Article, CodingFailure
from sitrep.store.db import event_json

pytest.importorskip("distributed", reason="needs the dask extra: pip install 'sitrep[dask]'")


def _sample(tmp_path: Path, n_reuters: int, n_bbc: int = 0) -> Path:
    """The first articles of the shared Reuters and BBC corpora as one JSONL file."""
    lines = []
    for name, n in (("reuters21578.jsonl", n_reuters), ("bbc_news.jsonl", n_bbc)):
        if n:
            with shared_file("corpora", name).open(encoding="utf-8") as fh:
                lines.extend(itertools.islice(fh, n))
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _table(outdir: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for f in sorted((outdir / name).glob("part-*.parquet")):
        rows.extend(pq.read_table(f).to_pylist())
    return rows


@pytest.fixture(scope="module")
def cluster() -> Any:
    from sitrep.batch.runner import local_cluster

    c = local_cluster(2)
    yield c
    c.close()


def test_dask_run_gives_the_events_of_code_many(tmp_path: Path, cluster: Any) -> None:
    """2,000 short articles: the same event ids and records, article for article."""
    import sitrep
    from sitrep.ingest.sources import read_sources

    path = _sample(tmp_path, 1900, 100)
    out = tmp_path / "out"
    manifest = run_batch([str(path)], out, mode="code", dask=cluster.scheduler_address, partition_size=100)
    # 19 partitions of 100 Reuters items; the 100 BBC reports (~2.4 KB each) pass the byte cap of one
    assert len(plan_partitions([str(path)], 100)) == 21
    assert manifest["status"] == "complete" and manifest["counts"]["partitions_done"] == 21

    items = list(read_sources([str(path)]))
    arts = [x for x in items if isinstance(x, Article)]
    want_events, want_failed = set(), set()
    for art, res in sitrep.code_many(arts, n_process=2):
        if isinstance(res, CodingFailure):
            want_failed.add(art.id)
        else:
            want_events.update((e.event_id, event_json(e)) for e in res)
    got_events = {(r["event_id"], r["record"]) for r in _table(out, "events")}
    articles = _table(out, "articles")
    assert len(want_events) > 500  # the sample really codes events
    assert got_events == want_events
    assert len(articles) == len(items) == 2000
    assert {r["ext_id"] for r in articles if r["status"] == "failed" and r["content_key"]} == want_failed
    assert manifest["counts"]["events"] == len(want_events)


def test_a_killed_worker_is_replaced_and_nothing_is_lost_or_doubled(tmp_path: Path) -> None:
    from distributed import Client

    from sitrep.batch.runner import local_cluster

    path = _sample(tmp_path, 200)
    out = tmp_path / "out"
    with local_cluster(2) as cl, Client(cl) as watcher:
        before = set(watcher.run(os.getpid).values())
        killed: list[int] = []

        def kill_one(entry: dict[str, Any]) -> None:
            if killed:
                return
            busy = [addr for addr, keys in watcher.processing().items() if keys]
            pids = watcher.run(os.getpid)
            victim = pids[busy[0]] if busy else next(iter(pids.values()))
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

        manifest = run_batch([str(path)], out, mode="code", dask=cl.scheduler_address, partition_size=10,
                             on_progress=kill_one)
        watcher.wait_for_workers(2, timeout=120)
        after = set(watcher.run(os.getpid).values())
    assert killed and killed[0] in before and killed[0] not in after
    assert after - before  # the nanny started a replacement worker
    assert manifest["status"] == "complete" and manifest["counts"]["partitions_done"] == 20
    articles = _table(out, "articles")
    keys = [(r["partition"], r["pos"]) for r in articles]
    assert len(keys) == len(set(keys)) == 200
    lines = sorted(int(r["item"].rsplit(":", 1)[1].split()[0]) for r in articles)  # "file:12 (id x)"
    assert lines == list(range(1, 201))  # every input line once, read or failed
    with path.open(encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh if json.loads(line).get("text")]
    assert sorted(r["ext_id"] for r in articles if r["content_key"]) == sorted(ids)
    events = [r["event_id"] for r in _table(out, "events")]
    assert len(events) == len(set(events)) == manifest["counts"]["events"]
    assert not list(out.rglob("*.tmp"))  # no half-written file left behind


def _recording(seen: list[int], stop_after: int | None = None) -> Any:
    inner = local_runner(1)

    def run(parts: Any, kw: Any, on_done: Any) -> None:
        def done(part: Any, summary: Any, error: Any) -> None:
            seen.append(part.index)
            on_done(part, summary, error)
            if stop_after is not None and len(seen) >= stop_after:
                raise KeyboardInterrupt  # the run is interrupted here

        inner(parts, kw, done)

    return run


def test_an_interrupted_run_resumes_from_its_manifest(tmp_path: Path) -> None:
    path = _sample(tmp_path, 12)
    out = tmp_path / "out"
    first: list[int] = []
    with pytest.raises(KeyboardInterrupt):
        run_batch([str(path)], out, mode="code", partition_size=4, runner=_recording(first, stop_after=1))
    manifest = read_manifest(out)
    assert manifest is not None and manifest["status"] == "incomplete"
    assert [e["status"] for e in manifest["partitions"]] == ["done", "todo", "todo"]

    second: list[int] = []
    manifest = run_batch([str(path)], out, mode="code", partition_size=4, runner=_recording(second))
    assert sorted(second) == [1, 2] and manifest["status"] == "complete" and manifest["resumed"]

    (out / "events" / records.part_name(1)).unlink()  # a partition whose files went missing is redone
    third: list[int] = []
    run_batch([str(path)], out, mode="code", partition_size=4, runner=_recording(third))
    assert third == [1]
    assert len(_table(out, "articles")) == 12

    path.write_text(path.read_text(encoding="utf-8") + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(BatchError, match="another input"):
        run_batch([str(path)], out, mode="code", partition_size=4, runner=_recording([]))


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.batch.runner import connect

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r"pip install \"sitrep\[dask\]\""):
        connect("local:1")


def test_a_partition_from_a_worker_with_another_coder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Rain fell."}) + "\n", encoding="utf-8")

    def stale_worker(parts: Any, kw: Any, on_done: Any) -> None:
        for part in parts:
            on_done(part, {"articles": 1, "failed": 0, "events": 0, "seconds": 0.1, "peak_rss_mb": 1.0, "pid": 1,
                           "coder_version": "0.0.1+old/all"}, None)

    manifest = run_batch([str(path)], tmp_path / "out", runner=stale_worker)
    assert manifest["status"] == "incomplete"
    assert "install the same sitrep on every worker" in manifest["partitions"][0]["error"]


def test_partitions_run_largest_first_then_in_input_order() -> None:
    from sitrep.batch.partitions import Partition
    from sitrep.batch.runner import largest_first

    parts = [Partition(index=i, seq0=i, kind="jsonl", source="x", path="x", nbytes=n)
             for i, n in enumerate([100, 300, 50, 300, 100])]
    assert [p.index for p in largest_first(parts)] == [1, 3, 0, 4, 2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt: Linux only")
def test_malloc_thresholds_are_given_back_only_where_the_nanny_set_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.batch.runner import malloc_thresholds

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    assert malloc_thresholds() is False  # glibc's own dynamic thresholds are left alone
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt thresholds are glibc's")
    assert malloc_thresholds() is True
