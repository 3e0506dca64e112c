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

``--corpus FILE`` also checks the other side: near-identical copies of one story in a
news corpus (a wire text filed twice, a refile: ``../shared/corpora/reuters21578.jsonl``)
are coded as separate articles, each copy dated as its corpus record (or
``--corpus-date``), and stored the same way; it prints how many of the second copies'
events merged with an event of the first copy.

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
from sitrep.eval.merges import (
    FILE,
    Report,
    copy_merge_share,
    iter_batches,
    load_reports,
    near_duplicate_pairs,
    score_merges,
)
from sitrep.models import Article, Event
from sitrep.pipeline import code_many
from sitrep.store import Store

UCDP_WORLD = defaults.SHARED_DIR / "gold" / Path(*FILE)


def code_reports(reports: list[Report], n_process: int, cache: Path | None) -> dict[str, list[Event]]:
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
    ap.add_argument("--corpus", type=Path, default=None, help="a corpus JSONL whose near-identical copies must merge")
    ap.add_argument("--corpus-date", default="2021-01-01", help="publication date for corpus records without one")
    ap.add_argument("--corpus-only", action="store_true", help="check the corpus copies only, not the UCDP rows")
    args = ap.parse_args()
    if not args.ucdp.exists():
        print(f"{args.ucdp} is absent: the shared gold folder is not beside this checkout", file=sys.stderr)
        sys.exit(2)
    if args.corpus_only:
        if args.corpus is None:
            ap.error("--corpus-only needs --corpus")
        check_copies(args.corpus, args.corpus_date, args.processes)
        return
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
    out = {"reports": len(reports), "events": n_events, **d}
    if args.corpus is not None:
        out["corpus_copies"] = check_copies(args.corpus, args.corpus_date, args.processes)
    if args.report is not None:
        args.report.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check_copies(corpus: Path, default_date: str, n_process: int) -> dict[str, int]:
    """Near-identical copies in ``corpus``: do their events merge?"""
    arts = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line) if line.strip() else {}
        if rec.get("text"):
            day = _iso(rec.get("date")) or default_date
            arts.append(Article(text=rec["text"], id=str(rec["id"]), date=day, source=rec.get("source")))
    pairs = near_duplicate_pairs(arts)
    wanted = {a.id: a for pair in pairs for a in pair}
    events = {art.id: (res if isinstance(res, list) else [])
              for art, res in code_many(wanted.values(), n_process=n_process)}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "copies.duckdb")
        try:
            store.add_events_many([(a.id, events[a.id]) for a, _ in pairs])
            store.add_events_many([(b.id, events[b.id]) for _, b in pairs])
            cluster_of = dict(store.reader().execute("SELECT event_id, cluster_id FROM event_links").fetchall())
        finally:
            store.close()
    n, merged = copy_merge_share(pairs, events, cluster_of, mergeable=mergeable)
    print(f"corpus {corpus.name}: {len(pairs)} near-identical pairs; events of second copies that could merge "
          f"{n}, merged with the first copy {merged} ({merged / n if n else 0:.1%})")
    return {"pairs": len(pairs), "events": n, "merged": merged}


def _iso(value: object) -> str | None:
    """A corpus date ("26-FEB-1987 15:01:01.79", "2016-07-04") as YYYY-MM-DD, or None."""
    from datetime import datetime

    text = str(value or "").strip()
    for fmt, size in (("%Y-%m-%d", 10), ("%d-%b-%Y", 11)):
        try:
            return datetime.strptime(text[:size], fmt).date().isoformat()
        except ValueError:
            continue
    return None


if __name__ == "__main__":
    main()
