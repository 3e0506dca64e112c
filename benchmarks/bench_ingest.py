"""Ingest benchmark: ../shared/corpora/*.jsonl (~24,000 articles) into fresh stores.

    python benchmarks/bench_ingest.py                 # the real coder, 1/4, 1/2 and all articles
    python benchmarks/bench_ingest.py --coder none    # the store path alone (read, dedup, write)
    python benchmarks/bench_ingest.py --fractions 0.25 --jobs 2

The articles of all corpora are shuffled once (fixed seed) so each fraction has
the same mix; each fraction is ingested into a new store. Reports, per
fraction: articles read, articles/s, events, store size on disk, and the
cost per 1,000 articles, which stays flat when ingest scales linearly.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitrep import defaults  # noqa: E402  (after the path tweak, so it runs from a checkout)
from sitrep.ingest.run import ingest  # noqa: E402
from sitrep.models import Article, CodingFailure, Event  # noqa: E402
from sitrep.store import Store  # noqa: E402


def no_coder(articles: Sequence[Article]) -> Iterable[tuple[Article, list[Event] | CodingFailure]]:
    return ((a, []) for a in articles)


def _drop_bad_date(line: str) -> str:
    from sitrep.errors import BadDateError
    from sitrep.resolve.dates import parse_publication_date

    rec = json.loads(line)
    if rec.get("date"):
        try:
            parse_publication_date(str(rec["date"]))
        except BadDateError:
            del rec["date"]
            return json.dumps(rec)
    return line


def store_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=defaults.SHARED_DIR / "corpora")
    ap.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    ap.add_argument("--coder", choices=["sitrep", "none"], default="sitrep",
                    help="sitrep: the real coder; none: no events (measures reading, dedup and the store)")
    ap.add_argument("--jobs", type=int, default=1, help="coding worker processes")
    ap.add_argument("--json", action="store_true", help="one JSON line per fraction")
    ap.add_argument("--drop-unreadable-dates", action="store_true",
                    help="remove a record's date when resolve.dates refuses it, so the article is ingested "
                         "undated instead of failing (measures the store on every article)")
    args = ap.parse_args()

    files = sorted(args.corpora.glob("*.jsonl"))
    if not files:
        sys.exit(f"no corpora in {args.corpora}")
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    random.Random(0).shuffle(lines)
    if args.drop_unreadable_dates:
        lines = [_drop_bad_date(line) for line in lines]
    print(f"{len(lines)} lines from {', '.join(f.name for f in files)}; coder: {args.coder}, jobs: {args.jobs}",
          file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for frac in args.fractions:
            n = int(round(len(lines) * frac))
            src = Path(tmp) / f"articles-{n}.jsonl"
            src.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
            db = Path(tmp) / f"bench-{n}.db"
            store = Store.open(db, hold_lock=False)
            t0 = time.perf_counter()
            s = ingest([src], store, n_process=args.jobs, progress=False,
                       coder=no_coder if args.coder == "none" else None)
            secs = time.perf_counter() - t0
            stats = store.stats()
            store.close()
            row = {"fraction": frac, "lines": n, "articles_read": s.articles_read, "articles_new": s.articles_new,
                   "duplicates": s.articles_duplicate, "failed": s.articles_failed, "events": s.events_new,
                   "merged": s.events_merged, "clusters": stats["clusters"], "seconds": round(secs, 2),
                   "articles_per_s": round(s.articles_read / secs, 1),
                   "ms_per_1000_articles": round(1000 * secs / max(s.articles_read, 1) * 1000, 0),
                   "store_mb": round(store_size(db) / 1e6, 1),
                   "store_kb_per_article": round(store_size(db) / 1e3 / max(s.articles_new, 1), 2)}
            rows.append(row)
            if args.json:
                print(json.dumps(row), flush=True)
            else:
                print(f"{frac:>5}: {row['articles_read']:>6} read, {row['articles_new']:>6} new, "
                      f"{row['duplicates']:>4} dup, {row['failed']:>5} failed, {row['events']:>6} events "
                      f"({row['merged']} merged) | {row['seconds']:>7.1f} s, {row['articles_per_s']:>7.1f} "
                      f"articles/s, {row['ms_per_1000_articles'] / 1000:>6.2f} s per 1000 | store "
                      f"{row['store_mb']} MB ({row['store_kb_per_article']} kB/article)", flush=True)


if __name__ == "__main__":
    main()
