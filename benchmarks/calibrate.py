"""Fit the confidence calibration table on fold 0 of the gold sets; check it on fold 1.

    python benchmarks/calibrate.py [--gold-dir ../shared/gold] [--write]

Codes every scored gold set with raw (uncalibrated) confidences, pools the
judged events (as ``sitrep eval``'s calibration does), fits an isotonic map on
fold 0 and prints precision by band on fold 1 before and after. ``--write``
stores the map in sitrep/data/calibration.tsv.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sitrep.coding import calibration
from sitrep.eval import runner
from sitrep.eval.coder import EvalCoder

BANDS = ((0.5, 0.7), (0.7, 0.9), (0.9, 1.01))
SETS = ("case2021", "plover", "petrarch", "m2e2", "glocon")


def bands(pairs):
    out = []
    for lo, hi in BANDS:
        inside = [ok for c, ok in pairs if lo <= c < hi]
        out.append(f"[{lo:.1f},{min(hi, 1.0):.1f}) n={len(inside)} p={sum(inside) / len(inside):.3f}" if inside else f"[{lo:.1f},{hi:.1f}) n=0")
    return "  ".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path, default=runner.default_gold_dir())
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    calibration.default_calibration.cache_clear()
    import sitrep.pipeline as pipeline

    pipeline.CALIBRATE = False  # raw confidences
    coder = EvalCoder()
    judged = []
    for name in SETS:
        _, js = runner.run_set(name, args.gold_dir, coder)
        judged.extend(js)
    fold0 = [(j.confidence, j.correct) for j, f in judged if f == 0]
    fold1 = [(j.confidence, j.correct) for j, f in judged if f == 1]
    knots = calibration.fit_isotonic(fold0)
    cal = calibration.Calibration(knots)
    print("fold 1 raw:        ", bands(fold1))
    print("fold 1 calibrated: ", bands([(cal(c), ok) for c, ok in fold1]))
    print("fold 0 calibrated: ", bands([(cal(c), ok) for c, ok in fold0]))
    if args.write:
        lines = ["# raw\tcalibrated  (isotonic fit on fold 0 of the pooled gold judgements; benchmarks/calibrate.py)"]
        lines += [f"{x}\t{y}" for x, y in knots]
        calibration.CALIBRATION_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(knots)} knots to {calibration.CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
