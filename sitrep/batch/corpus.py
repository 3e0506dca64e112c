"""Corpus-wide steps over a run's partitions: what one partition cannot decide alone.

1. **Near-duplicate articles across partitions.** The MinHash signatures the
   partition tasks computed (the store's: :mod:`sitrep.ingest.dedup`) are cut
   into LSH bands; every ``(band, hash)`` is *shuffled* to one group (a Dask
   bag ``groupby`` with a task shuffle), so the copies of an article meet
   whichever partitions they came from. A group yields candidate pairs; each
   pair is confirmed on full signatures by a task per partition. The driver
   then walks the articles in input order and decides, as the store does, what
   each one is: the first copy of a text is the *original*, a later copy with
   the same content key is an *exact* duplicate, a later one whose signature
   agrees with a stored original's on ``defaults.NEAR_DUPLICATE_JACCARD`` of
   its positions a *near* duplicate of the most similar one. Written as
   ``article_reports/`` (the store's table of copies).
2. **Cross-report merging by blocks.** Events of original articles are grouped
   into blocks that no merge can cross: one PLOVER type, and a run of dates
   whose intervals (with ``defaults.MERGE_DATE_SLACK_DAYS`` of reach) chain
   together. A report joins only a cluster whose dates are within reach
   of its own, so two blocks never share a cluster, and merging each block in
   input order with the store's own logic (:func:`sitrep.dedup.best_cluster`,
   :func:`~sitrep.dedup.canonical_event`) gives the clusters a single-machine
   ingest gives. Blocks do not split by country: two town-level places within
   ``defaults.MERGE_MAX_KM`` merge across a border. Written as
   ``event_links/`` and ``clusters/``.

Both steps take a ``pmap`` (map a function over items: local, or ``client.map``)
and a ``groupby`` (local dict, or a Dask bag shuffle) so the same code runs on
one machine and on a cluster.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.batch import records

PMap = Callable[[Callable[..., Any], Sequence[Any]], list[Any]]
GroupBy = Callable[[Sequence[int], str], list[tuple[Any, Any, float]]]

REPORT_COLUMNS: dict[str, str] = {
    "partition": "int32", "pos": "int32", "report_id": "string", "article_id": "string", "content_key": "string",
    "relation": "string", "similarity": "float64", "ext_id": "string", "url": "string", "source": "string",
    "title": "string", "date": "string", "item": "string",
}
LINK_COLUMNS: dict[str, str] = {"event_id": "string", "cluster_id": "string", "reason": "string",
                                "linked_at": "timestamp[us]", "order": "int64"}
CLUSTER_COLUMNS: dict[str, str] = {
    "cluster_id": "string", "origin": "string", "event": "string", "mode": "string", "modality": "string",
    "acled_event_type": "string", "acled_sub_event_type": "string", "date": "string", "date_precision": "string",
    "country": "string", "admin1": "string", "lat": "float64", "lon": "float64", "fatalities": "int64",
    "n_reports": "int32", "n_articles": "int32", "record": "string", "updated_at": "timestamp[us]",
}


def local_pmap(fn: Callable[..., Any], items: Sequence[Any]) -> list[Any]:
    return [fn(x) for x in items]


def dask_pmap(client: Any) -> PMap:
    def pmap(fn: Callable[..., Any], items: Sequence[Any]) -> list[Any]:
        return list(client.gather(client.map(fn, list(items), pure=False))) if items else []

    return pmap


def _order(partition: int, pos: int, k: int = 0) -> int:
    """One sortable integer for (partition, position, event number): input order."""
    return (partition << 40) | (pos << 16) | k


# --- 1. near-duplicates -----------------------------------------------------------------------------


def band_entries(job: tuple[str, int]) -> list[tuple[tuple[int, int], int]]:
    """((band, hash), article order) for every band of every signed article of a partition."""
    import pyarrow.parquet as pq

    from sitrep.ingest import dedup as artdedup

    outdir, index = job
    t = pq.read_table(Path(outdir) / "articles" / records.part_name(index),
                      columns=["partition", "pos", "status", "minhash"]).to_pylist()
    out: list[tuple[tuple[int, int], int]] = []
    for r in t:
        if r["status"] != "ok" or r["minhash"] is None:
            continue
        sig = artdedup.sig_from_bytes(r["minhash"])
        order = _order(r["partition"], r["pos"])
        out.extend(((b, h), order) for b, h in enumerate(artdedup.band_hashes(sig)))
    return out


def pairs_of_group(group: tuple[Any, list[int]]) -> list[tuple[int, int]]:
    """Candidate pairs (earlier, later) of one LSH bucket."""
    _, orders = group
    members = sorted(set(orders))
    return [(members[i], members[j]) for i in range(len(members)) for j in range(i + 1, len(members))]


def local_groupby(outdir: str, indexes: Sequence[int], pmap: PMap = local_pmap) -> list[tuple[int, int]]:
    buckets: dict[Any, list[int]] = {}
    for entries in pmap(band_entries, [(outdir, i) for i in indexes]):
        for key, order in entries:
            buckets.setdefault(key, []).append(order)
    return sorted({p for g in buckets.items() if len(g[1]) > 1 for p in pairs_of_group(g)})


def dask_groupby(client: Any) -> Callable[[str, Sequence[int]], list[tuple[int, int]]]:
    """Candidate pairs through a Dask bag shuffle: every (band, hash) lands in one group."""
    def run(outdir: str, indexes: Sequence[int]) -> list[tuple[int, int]]:
        import dask.bag as dbag

        if not indexes:
            return []
        jobs = [(outdir, i) for i in indexes]
        bag = dbag.from_sequence(jobs, npartitions=len(jobs)).map(band_entries).flatten()
        groups = bag.groupby(lambda e: e[0], shuffle="tasks", npartitions=max(1, min(len(jobs), 64)))
        pairs = groups.map(lambda g: pairs_of_group((g[0], [o for _, o in g[1]]))).flatten()
        return sorted(set(pairs.compute(scheduler=client.get)))

    return run


def confirm_pairs(job: tuple[str, list[tuple[int, int]]]) -> list[tuple[int, int, float]]:
    """MinHash similarity of candidate pairs, reading the signatures they need."""
    import pyarrow.parquet as pq

    from sitrep.ingest import dedup as artdedup

    outdir, pairs = job
    parts = sorted({o >> 40 for p in pairs for o in p})
    want = {o for p in pairs for o in p}
    sigs = {}
    for index in parts:
        for r in pq.read_table(Path(outdir) / "articles" / records.part_name(index),
                               columns=["partition", "pos", "minhash"]).to_pylist():
            o = _order(r["partition"], r["pos"])
            if o in want and r["minhash"] is not None:
                sigs[o] = artdedup.sig_from_bytes(r["minhash"])
    return [(a, b, artdedup.similarity(sigs[a], sigs[b])) for a, b in pairs if a in sigs and b in sigs]


def near_duplicates(outdir: str | Path, indexes: Sequence[int], *, pmap: PMap = local_pmap,
                    groupby: Callable[[str, Sequence[int]], list[tuple[int, int]]] | None = None
                    ) -> dict[str, int]:
    """Decide original / exact / near for every article; write ``article_reports/``."""
    import pyarrow.parquet as pq

    from sitrep.store.db import _hash

    out = str(outdir)
    pairs = (groupby or (lambda o, ix: local_groupby(o, ix, pmap)))(out, indexes)
    by_part: dict[int, list[tuple[int, int]]] = {}
    for a, b in pairs:
        by_part.setdefault(b >> 40, []).append((a, b))
    cands: dict[int, list[tuple[int, float]]] = {}
    for confirmed in pmap(confirm_pairs, [(out, ps) for ps in by_part.values()]):
        for a, b, sim in confirmed:
            cands.setdefault(b, []).append((a, sim))
    target_of_key: dict[str, str] = {}  # content key -> stored article (every copy's key)
    originals: dict[int, str] = {}  # order -> content key of stored originals
    counts = {"original": 0, "exact": 0, "near": 0}
    for index in indexes:
        rows = pq.read_table(Path(out) / "articles" / records.part_name(index),
                             columns=["partition", "pos", "status", "content_key", "ext_id", "url", "source",
                                      "title", "date", "item", "source_arg"]).to_pylist()
        reports = []
        for r in rows:
            if r["status"] != "ok":
                continue
            key, order = r["content_key"], _order(r["partition"], r["pos"])
            target, relation, sim = target_of_key.get(key), "exact", 1.0
            if target is None:
                best: tuple[float, str] | None = None
                for a, s in cands.get(order, ()):
                    if a in originals and s >= defaults.NEAR_DUPLICATE_JACCARD and (best is None or s > best[0]):
                        best = (s, originals[a])
                if best is not None:
                    target, relation, sim = best[1], "near", best[0]
            if target is None:
                target, relation, sim = key, "original", 1.0
                originals[order] = key
            target_of_key.setdefault(key, target)
            counts[relation] += 1
            item = f"{r['source_arg']}:{r['ext_id']}" if r["ext_id"] else r["source_arg"]
            reports.append({"partition": r["partition"], "pos": r["pos"],
                            "report_id": _hash(key, r["ext_id"], r["url"], r["source"], prefix="r-"),
                            "article_id": target, "content_key": key, "relation": relation, "similarity": sim,
                            "ext_id": r["ext_id"], "url": r["url"], "source": r["source"], "title": r["title"],
                            "date": r["date"], "item": item})
        records.write_atomic(records.arrow_table(reports, REPORT_COLUMNS),
                             Path(out) / "article_reports" / records.part_name(index))
    return counts


# --- 2. merging by blocks ---------------------------------------------------------------------------


def merge_keys(job: tuple[str, int]) -> list[tuple[int, str, str | None, str | None]]:
    """(order, event type, first day, last day) of the events of a partition's original
    articles; days are None for events that never merge."""
    import pyarrow.parquet as pq

    from sitrep.dedup import interval, mergeable
    from sitrep.models import Event

    outdir, index = job
    rel = {(r["partition"], r["pos"]): r["relation"] for r in pq.read_table(
        Path(outdir) / "article_reports" / records.part_name(index),
        columns=["partition", "pos", "relation"]).to_pylist()}
    out: list[tuple[int, str, str | None, str | None]] = []
    for r in pq.read_table(Path(outdir) / "events" / records.part_name(index),
                           columns=["partition", "pos", "k", "event", "record"]).to_pylist():
        if rel.get((r["partition"], r["pos"])) != "original":
            continue
        ev = Event.from_dict(json.loads(r["record"]))
        iv = interval(ev) if mergeable(ev) else None
        out.append((_order(r["partition"], r["pos"], r["k"]), r["event"],
                    iv[0].isoformat() if iv else None, iv[1].isoformat() if iv else None))
    return out


def plan_blocks(keys: Iterable[tuple[int, str, str | None, str | None]]) -> list[list[int]]:
    """Blocks of event orders (each in input order) that no merge crosses."""
    reach = timedelta(days=defaults.MERGE_DATE_SLACK_DAYS)
    by_type: dict[str, list[tuple[date, date, int]]] = {}
    blocks: list[list[int]] = []
    for order, etype, lo, hi in keys:
        if lo is None or hi is None:
            blocks.append([order])
        else:
            by_type.setdefault(etype, []).append((date.fromisoformat(lo), date.fromisoformat(hi), order))
    for items in by_type.values():
        items.sort()
        cur: list[int] = []
        end: date | None = None
        for lo_d, hi_d, order in items:
            if end is not None and lo_d > end + reach:
                blocks.append(sorted(cur))
                cur, end = [], None
            cur.append(order)
            end = hi_d if end is None else max(end, hi_d)
        if cur:
            blocks.append(sorted(cur))
    return blocks


def merge_blocks(job: tuple[str, list[list[int]]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Merge each block in input order with the store's logic: (links, clusters)."""
    import pyarrow.parquet as pq

    from sitrep.dedup import Cluster, best_cluster, mergeable
    from sitrep.models import Event
    from sitrep.store.db import cluster_row

    outdir, blocks = job
    want = {o for b in blocks for o in b}
    events: dict[int, Event] = {}
    for index in sorted({o >> 40 for o in want}):
        for r in pq.read_table(Path(outdir) / "events" / records.part_name(index),
                               columns=["partition", "pos", "k", "record"]).to_pylist():
            o = _order(r["partition"], r["pos"], r["k"])
            if o in want:
                events[o] = Event.from_dict(json.loads(r["record"]))
    now = datetime.now(UTC).replace(tzinfo=None)
    links: list[dict[str, Any]] = []
    done: list[Cluster] = []
    first = json.dumps([{"check": "first report", "ok": True, "detail": "no earlier report of this event"}])
    for block in blocks:
        clusters: list[Cluster] = []
        seen: set[str] = set()
        for o in block:
            ev = events[o]
            if ev.event_id in seen:
                continue
            seen.add(ev.event_id)
            cl, comp = best_cluster(ev, clusters)
            if cl is not None and comp is not None:
                cl.members.append(ev)
                links.append({"event_id": ev.event_id, "cluster_id": cl.cluster_id,
                              "reason": json.dumps(comp.to_list()), "linked_at": now, "order": o})
            else:
                new = Cluster(ev.event_id, [ev], changed=True)
                if mergeable(ev):
                    clusters.append(new)
                done.append(new)
                links.append({"event_id": ev.event_id, "cluster_id": ev.event_id, "reason": first,
                              "linked_at": now, "order": o})
    return links, [cluster_row(cl, "sitrep", now) for cl in done]


def merge_events(outdir: str | Path, indexes: Sequence[int], *, pmap: PMap = local_pmap,
                 task_events: int = defaults.BATCH_MERGE_TASK_EVENTS) -> dict[str, int]:
    """Cluster the events of original articles; write ``event_links/`` and ``clusters/``."""
    out = str(outdir)
    keys = [k for part in pmap(merge_keys, [(out, i) for i in indexes]) for k in part]
    blocks = plan_blocks(keys)
    blocks.sort(key=lambda b: b[0])
    tasks: list[list[list[int]]] = [[]]
    size = 0
    for b in blocks:
        if size and size + len(b) > task_events:
            tasks.append([])
            size = 0
        tasks[-1].append(b)
        size += len(b)
    n_links = n_clusters = 0
    for t, (links, rows) in enumerate(pmap(merge_blocks, [(out, bs) for bs in tasks if bs])):
        records.write_atomic(records.arrow_table(links, LINK_COLUMNS), Path(out) / "event_links" / records.part_name(t))
        records.write_atomic(records.arrow_table(rows, CLUSTER_COLUMNS), Path(out) / "clusters" / records.part_name(t))
        n_links += len(links)
        n_clusters += len(rows)
    return {"blocks": len(blocks), "reports": n_links, "clusters": n_clusters, "merged": n_links - n_clusters}


def corpus_steps(outdir: str | Path, indexes: Sequence[int], *, client: Any | None = None) -> dict[str, Any]:
    """Both steps, on a Dask client when given, else in this process; stale outputs
    of an earlier run are replaced."""
    import shutil

    out = Path(outdir)
    for name in ("article_reports", "event_links", "clusters"):
        shutil.rmtree(out / name, ignore_errors=True)
    pmap = dask_pmap(client) if client is not None else local_pmap
    dups = near_duplicates(out, indexes, pmap=pmap, groupby=dask_groupby(client) if client is not None else None)
    merged = merge_events(out, indexes, pmap=pmap)
    return {"articles": dups, "events": merged}
