"""Dask batch runs against ``sitrep.code_many`` on the same articles and processes, in one run.

    python benchmarks/bench_dask.py --corpora ../shared/corpora [--articles 20000] [--json out/bench_dask.json]

Input: ``--articles`` articles of Reuters-21578 + BBC + VOA (all of BBC and VOA, the
rest the first Reuters items that have a text), as three JSONL files. Measured, alternating so both see the same load
on a shared machine:

1. ``code_many(n_process=1)`` in this process, each corpus timed on its own (per-core
   articles/s for the capacity table), plus the seed article coded 40 times over
   ("seed-like" conflict news: short, dense with events);
2. ``sitrep code --dask`` with 1 worker (``run_batch`` on a LocalCluster, 127.0.0.1);
3. ``code_many(n_process=2)``;
4. the same Dask run with 2 workers.

Times are of the coding itself: the coder is loaded before the clock starts (in this
process for code_many, which its forked workers inherit; on the Dask workers by the
coder plugin, with the cluster started). The Dask runs include reading the partitions
on the workers and writing the Parquet files; code_many only yields records.
Reported: articles/s, speed-up of 2 Dask workers over 1, Dask overhead against
code_many at the same process count, peak RSS per worker (``ru_maxrss`` of each worker
process), the load average before and after each step, and the capacity table (cores
to code 1 M, 10 M and 100 M articles in 24 hours at the measured per-core rates).

CPU seconds, which the other users of a shared machine move far less than wall time:
for code_many this process and its pool workers; for Dask each worker process (all its
threads: the task, the event loop, heartbeats), the sum of the tasks' own thread CPU
(``cpu_s`` in the manifest: reading, coding, building rows, writing Parquet), and this
process (the client, the scheduler and the nannies of the LocalCluster live here).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

CORPORA = ("reuters21578.jsonl", "bbc_news.jsonl", "voa_news.jsonl")
SEED_COPIES = 40
DAY_S = 24 * 3600


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _proc_cpu(pids: list[int]) -> list[float]:
    import psutil

    out = []
    for pid in pids:
        try:
            t = psutil.Process(pid).cpu_times()
            out.append(t.user + t.system)
        except psutil.Error:  # a worker that died: its CPU is lost to the count
            out.append(0.0)
    return out


def prepare(corpora: Path, n: int, work: Path) -> dict[str, Path]:
    """Three JSONL files holding ``n`` articles in all (BBC and VOA whole, Reuters the rest)."""
    sizes = {}
    for name in CORPORA:
        with (corpora / name).open(encoding="utf-8") as fh:
            sizes[name] = sum(1 for _ in fh)
    take = {"bbc_news.jsonl": sizes["bbc_news.jsonl"], "voa_news.jsonl": sizes["voa_news.jsonl"]}
    take["reuters21578.jsonl"] = max(0, n - sum(take.values()))
    paths = {}
    for name in CORPORA:
        dst = work / "input" / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        with (corpora / name).open(encoding="utf-8") as src, dst.open("w", encoding="utf-8") as out:
            # items with a text only (a tenth of Reuters-21578 has none): n articles really coded
            with_text = (line for line in src if (json.loads(line).get("text") or "").strip())
            out.writelines(itertools.islice(with_text, take[name]))
        paths[name] = dst
    seed = (corpora.parent / "seed" / "militias-truce.txt").read_text(encoding="utf-8")
    dst = work / "seed.jsonl"
    with dst.open("w", encoding="utf-8") as out:
        for i in range(SEED_COPIES):
            out.write(json.dumps({"id": f"seed-{i}", "text": seed, "date": "2021-07-01"}) + "\n")
    paths["seed"] = dst
    return paths


def _articles(path: Path) -> list[Any]:
    from sitrep.ingest.sources import read_sources
    from sitrep.models import Article

    return [x for x in read_sources([str(path)]) if isinstance(x, Article)]


def _words(arts: list[Any]) -> int:
    return sum(len(a.text.split()) for a in arts)


def bench_code_many(paths: list[Path], n_process: int, extra: tuple[Path, ...] = ()) -> dict[str, Any]:
    """code_many over ``paths`` (the totals) and ``extra`` (timed per corpus only)."""
    import sitrep

    per: dict[str, Any] = {}
    total_n = 0
    total_s = total_cpu = 0.0
    before = _load()
    for path in [*paths, *extra]:
        arts = _articles(path)
        c0, k0, t0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        n = sum(1 for _ in sitrep.code_many(arts, n_process=n_process))
        dt = time.perf_counter() - t0
        cpu = _cpu(resource.RUSAGE_SELF) - c0 + _cpu(resource.RUSAGE_CHILDREN) - k0  # pool workers once reaped
        per[path.stem] = {"articles": n, "seconds": round(dt, 2), "articles_per_s": round(n / dt, 2),
                          "words_per_s": round(_words(arts) / dt), "cpu_s": round(cpu, 2)}
        if path in paths:
            total_n += n
            total_s += dt
            total_cpu += cpu
    return {"runner": f"code_many n_process={n_process}", "articles": total_n, "seconds": round(total_s, 2),
            "articles_per_s": round(total_n / total_s, 2), "cpu_s": round(total_cpu, 2), "per_corpus": per,
            "load_before": before, "load_after": _load()}


def bench_dask(paths: list[Path], workers: int, out: Path) -> dict[str, Any]:
    from distributed import Client

    from sitrep.batch.runner import coder_plugin, local_cluster, run_batch

    before = _load()
    t_start = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        client.register_plugin(coder_plugin("all"))  # load the coder on every worker before the clock
        startup = time.perf_counter() - t_start
        shutil.rmtree(out, ignore_errors=True)
        pids = sorted(client.run(os.getpid).values())
        w0, c0 = _proc_cpu(pids), _cpu(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        manifest = run_batch([str(p) for p in paths], out, mode="code", dask=cluster.scheduler_address)
        dt = time.perf_counter() - t0
        workers_cpu = [b - a for a, b in zip(w0, _proc_cpu(pids), strict=True)]
        driver_cpu = _cpu(resource.RUSAGE_SELF) - c0
    peak: dict[int, float] = {}
    per: dict[str, list[float]] = {}
    for e in manifest["partitions"]:
        peak[e["pid"]] = max(peak.get(e["pid"], 0.0), e["peak_rss_mb"])
        per.setdefault(Path(e["path"]).stem, [0, 0.0])
        per[Path(e["path"]).stem][0] += e["articles"]
        per[Path(e["path"]).stem][1] += e["seconds"]
    n = sum(len(_articles(p)) for p in paths)  # articles coded (unreadable items left out, as in code_many)
    return {"runner": f"dask workers={workers}", "articles": n, "seconds": round(dt, 2),
            "articles_per_s": round(n / dt, 2), "cpu_s": round(sum(workers_cpu) + driver_cpu, 2),
            "cpu_s_workers": [round(x, 2) for x in workers_cpu],
            "cpu_s_tasks": round(sum(e.get("cpu_s") or 0.0 for e in manifest["partitions"]), 2),
            "cpu_s_client_scheduler": round(driver_cpu, 2),
            "busy_share": round(sum(e["seconds"] for e in manifest["partitions"]) / (workers * dt), 3),
            "startup_s": round(startup, 2), "status": manifest["status"],
            "partitions": manifest["counts"]["partitions"], "events": manifest["counts"]["events"],
            "peak_rss_mb_per_worker": sorted(peak.values()),
            "task_articles_per_s": {k: round(v[0] / v[1], 2) for k, v in per.items() if v[1] > 0},
            "load_before": before, "load_after": _load()}


def capacity(rates: dict[str, float]) -> list[dict[str, Any]]:
    """Cores needed to code 1 M, 10 M, 100 M articles in a day at per-core rates."""
    rows = []
    for name, rate in rates.items():
        row: dict[str, Any] = {"corpus": name, "articles_per_s_per_core": rate}
        for n in (1_000_000, 10_000_000, 100_000_000):
            row[f"cores_{n // 1_000_000}M_per_day"] = int(-(-n // (rate * DAY_S)))
        rows.append(row)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora")
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()

    import sitrep
    from sitrep.pipeline import get_coder

    work = Path(tempfile.mkdtemp(prefix="sitrep-bench-dask-"))
    try:
        paths = prepare(args.corpora, args.articles, work)
        main_paths = [paths[name] for name in CORPORA]
        t0 = time.perf_counter()
        get_coder()
        load_s = time.perf_counter() - t0
        next(iter(sitrep.code_many(_articles(paths["seed"])[:1])))
        results: dict[str, Any] = {"machine": f"{platform.machine()} {os.cpu_count()} cores, {platform.python_version()}",
                                   "coder_load_s": round(load_s, 2), "runs": []}
        results["runs"].append(bench_code_many(main_paths, 1, extra=(paths["seed"],)))
        print(json.dumps(results["runs"][-1]), flush=True)
        results["runs"].append(bench_dask(main_paths, 1, work / "out1"))
        print(json.dumps(results["runs"][-1]), flush=True)
        results["runs"].append(bench_code_many(main_paths, 2))
        print(json.dumps(results["runs"][-1]), flush=True)
        results["runs"].append(bench_dask(main_paths, 2, work / "out2"))
        print(json.dumps(results["runs"][-1]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base1, dask1, base2, dask2 = results["runs"]
    results["speedup_dask_2_over_1"] = round(dask1["seconds"] / dask2["seconds"], 3)
    results["dask_overhead_1"] = round(dask1["seconds"] / base1["seconds"] - 1, 3)
    results["dask_overhead_2"] = round(dask2["seconds"] / base2["seconds"] - 1, 3)
    results["dask_cpu_overhead_1"] = round(dask1["cpu_s"] / base1["cpu_s"] - 1, 3)
    results["dask_cpu_overhead_2"] = round(dask2["cpu_s"] / base2["cpu_s"] - 1, 3)
    per_core = {k: v["articles_per_s"] for k, v in base1["per_corpus"].items()}
    results["capacity"] = capacity({"bbc_news": per_core["bbc_news"], "voa_news": per_core["voa_news"],
                                    "seed-like": per_core["seed"], "reuters21578": per_core["reuters21578"]})
    print("\n| run | articles | seconds | articles/s | CPU s | load before -> after |")
    print("|---|---|---|---|---|---|")
    for r in results["runs"]:
        print(f"| {r['runner']} | {r['articles']} | {r['seconds']} | {r['articles_per_s']} | {r['cpu_s']} | "
              f"{r['load_before'][0]} -> {r['load_after'][0]} |")
    print(f"\nspeed-up, 2 Dask workers over 1: {results['speedup_dask_2_over_1']}x")
    print(f"Dask overhead against code_many: {results['dask_overhead_1']:+.1%} (1 process), "
          f"{results['dask_overhead_2']:+.1%} (2 processes); in CPU seconds {results['dask_cpu_overhead_1']:+.1%}, "
          f"{results['dask_cpu_overhead_2']:+.1%}")
    for r in (dask1, dask2):
        print(f"{r['runner']}: CPU s per worker {r['cpu_s_workers']}, of which tasks {r['cpu_s_tasks']}; "
              f"client + scheduler {r['cpu_s_client_scheduler']}; workers busy {r['busy_share']:.1%} of the run")
    print(f"peak RSS per worker (MB): 1 worker {dask1['peak_rss_mb_per_worker']}, "
          f"2 workers {dask2['peak_rss_mb_per_worker']}")
    print("\n| corpus | articles/s per core | cores for 1 M/day | 10 M/day | 100 M/day |")
    print("|---|---|---|---|---|")
    for row in results["capacity"]:
        print(f"| {row['corpus']} | {row['articles_per_s_per_core']} | {row['cores_1M_per_day']} | "
              f"{row['cores_10M_per_day']} | {row['cores_100M_per_day']} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
