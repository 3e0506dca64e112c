"""Wrong merges between distinct incidents: the store's cross-report merging on UCDP GED world rows.

    python benchmarks/eval_merge.py [--countries Syria,Nigeria] [--max-reports N] [-n 2]
                                    [--events-cache FILE] [--report out.json]

Every headline a UCDP row cites (``source_article``: "Outlet,date,headline") is
coded as its own article published that day, and the events go through
``Store.add_events_many`` (a fresh DuckDB file) in publication order, in batches
as ``sitrep ingest`` stores them. A merge is right when the two reports back the
same UCDP row (one incident told by two outlets) and wrong otherwise (see
``sitrep.eval.merges``). Prints merges, wrong merges and their rate (target
< 2%), right merges and copy recall (pairs of one incident's reports from
different outlets that merged), and examples of wrong merges.

``--events-cache`` keeps the coded events in a JSONL file, so the merging can be
rerun without coding again (the file is rewritten when absent or stale).
Exits 2 when the UCDP file is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from sitrep import defaults
from sitrep.dedup import mergeable
from sitrep.eval.merges import FILE, iter_batches, load_reports, score_merges
from sitrep.models import Event
from sitrep.pipeline import code_many
from sitrep.store import Store

UCDP_WORLD = defaults.SHARED_DIR / "gold" / Path(*FILE)


def code_reports(reports: list, n_process: int, cache: Path | None) -> dict[str, list[Event]]:  # type: ignore[type-arg]
    ids = {r.article.id for r in reports}
    if cache is not None and cache.exists():
        cached: dict[str, list[Event]] = {}
        for line in cache.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            cached[rec["article_id"]] = [Event.from_dict(e) for e in rec["events"]]
        if ids <= cached.keys():
            return {k: v for k, v in cached.items() if k in ids}
    out: dict[str, list[Event]] = {}
    t0 = time.perf_counter()
    for art, res in code_many((r.article for r in reports), n_process=n_process):
        out[art.id] = res if isinstance(res, list) else []
    print(f"coded {len(reports)} headlines in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if cache is not None:
        with cache.open("w", encoding="utf-8") as fh:
            for aid, evs in out.items():
                fh.write(json.dumps({"article_id": aid, "events": [e.to_dict() for e in evs]}) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ucdp", type=Path, default=UCDP_WORLD, help="UCDP GED rows (JSONL)")
    ap.add_argument("--countries", default="", help="comma-separated UCDP country names (default: all)")
    ap.add_argument("--max-reports", type=int, default=None, help="the first N reports in publication order")
    ap.add_argument("-n", "--processes", type=int, default=2)
    ap.add_argument("--events-cache", type=Path, default=None)
    ap.add_argument("--report", type=Path, default=None, help="write the scores and wrong-merge examples here")
    args = ap.parse_args()
    if not args.ucdp.exists():
        print(f"{args.ucdp} is absent: the shared gold folder is not beside this checkout", file=sys.stderr)
        sys.exit(2)
    countries = [c.strip() for c in args.countries.split(",") if c.strip()] or None
    reports = load_reports(args.ucdp, countries=countries)[: args.max_reports]
    events = code_reports(reports, args.processes, args.events_cache)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "merge.duckdb")
        try:
            for batch in iter_batches(reports, defaults.INGEST_BATCH_SIZE):
                store.add_events_many([(r.article.id, events.get(r.article.id, [])) for r in batch])
            rows = store.reader().execute(
                "SELECT cluster_id, list(event_id ORDER BY (event_id <> cluster_id), linked_at, event_id) "
                "FROM event_links GROUP BY cluster_id").fetchall()
        finally:
            store.close()
    seconds = time.perf_counter() - t0
    score = score_merges(reports, events, rows, mergeable=mergeable)
    n_events = sum(len(v) for v in events.values())
    print(f"reports {len(reports)} (UCDP rows {len({r for rep in reports for r in rep.rows})}), events {n_events}, "
          f"merging {seconds:.1f} s")
    d = score.to_dict()
    print(f"merges {d['merges']}: wrong {d['wrong']} ({(d['wrong_rate'] or 0):.1%}), of which between near-identical "
          f"texts {d['copies']}; wrong between distinct texts {d['wrong_distinct']} "
          f"({(d['wrong_rate_distinct'] or 0):.1%}); right {d['right']}")
    print(f"copy recall {d['copy_pairs_merged']}/{d['copy_pairs']} = {(d['copy_recall'] or 0):.3f}; "
          f"pair precision {(d['pair_precision'] or 0):.3f} over {d['cluster_pairs']} pairs")
    for ex in score.examples[:8]:
        print("  wrong:", ex[0], "  <-  ", " | ".join(ex[1:3]))
    if args.report is not None:
        args.report.write_text(json.dumps({"reports": len(reports), "events": n_events, **d}, indent=2,
                                          ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
