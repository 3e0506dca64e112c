"""Event-place picker on the event_location gold set, both folds.

    python benchmarks/eval_event_location.py [--misses N] [--source RELABEL]

Prints exact / overlap match on the records whose gold names a place (all,
and "clean" = spans that needed no token-index repair), and how often the
picker correctly abstains where the gold names none. Fold A is the dev half,
fold B the held-out half (see sitrep/eval/event_location.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import spacy

from sitrep import defaults
from sitrep.eval.event_location import gold_path, load_records, prepare, score_event_location
from sitrep.resolve.places import Gazetteer


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", type=int, default=0, help="print this many misses per fold")
    ap.add_argument("--source", default="RELABEL", help="record source to score (RELABEL = the 496 gold-answered)")
    ap.add_argument("--fold", choices=["A", "B"], help="only this fold")
    args = ap.parse_args()
    if not gold_path().exists():
        print(f"skipped: {gold_path()} is absent")
        return 0
    t0 = time.perf_counter()
    Gazetteer.default()
    t_gaz = time.perf_counter() - t0
    nlp = spacy.load(defaults.SPACY_MODEL)
    records = load_records(source=args.source)
    prepared = prepare(records, nlp)
    print(f"source={args.source}: {len(records)} records, {len(prepared)} with a VERB span; "
          f"gazetteer load {t_gaz:.2f}s")
    for fold in ("A", "B", "all"):
        if args.fold and fold not in (args.fold,):
            continue
        part = [r for r in prepared if fold == "all" or r["fold"] == fold]
        t = time.perf_counter()
        res = score_event_location(part)
        dt = time.perf_counter() - t
        misses = res.pop("misses")
        print(f"fold {fold}: " + json.dumps(res) + f"  ({dt:.1f}s)")
        for m in misses[: args.misses]:
            print("   MISS", json.dumps(m, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
