"""Fit the event typing model (``sitrep/coding/typemodel.py``) on fold 0 of CASE 2021; check it on fold 1.

    python benchmarks/fit_typemodel.py [--gold-dir ../shared/gold] [--write] [--cache FILE]

Codes the CASE 2021 dev snippets with the typing model off (the rules' own ACLED types),
keeps fold 0 (the stable hash of ``sitrep.eval.sampling``) for fitting, and labels, in each
snippet, the event the scorer would take as its main event (or, when none carries an ACLED
type, the most confident asserted event) with the gold sub-event; the five non-ACLED codes
are "no ACLED event". The L2 penalty, the feature cutoff and the override thresholds are
chosen by 5-fold cross-validation inside fold 0 (weighted F1 of the scorer on out-of-fold
snippets, ties broken towards the more conservative setting). Prints weighted F1 with the
rules alone and with the model on fold 1 (held out) and fold 0. ``--write`` stores the model
in sitrep/data/typemodel.json. ``--cache`` keeps the coded snippets in a pickle so a rerun
skips the coding. ``--reviews-db STORE`` adds the store's reviewed events to the fit (confirmed
and corrected events with their reviewed sub-event, rejected ones as "no ACLED event"; see
``sitrep.eval.reviews.typemodel_rows``); the held-out fold 1 is still CASE 2021 only.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import zlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sitrep.coding import taxonomy, typemodel
from sitrep.eval import case2021, runner
from sitrep.eval.coder import EvalCoder
from sitrep.eval.metrics import main_event
from sitrep.eval.sampling import fold_of
from sitrep.models import Event

Item = tuple[case2021.CaseItem, list[Event]]
GRID = {"l2": (3.0, 10.0), "min_count": (3,), "min_prob": (0.4, 0.5, 0.6), "min_margin": (0.1, 0.2, 0.3)}
INNER_FOLDS = 5


def gold_label(code: str) -> str:
    return typemodel.NO_ACLED if code in taxonomy.case_non_acled_codes() else str(taxonomy.sub_event_for_case_code(code))


def training_event(events: Sequence[Event]) -> Event | None:
    """The event the snippet's gold label is about, as far as the coder can tell."""
    ev = main_event(events, modalities=("asserted",), require_acled=True)
    return ev or main_event(events, modalities=("asserted",))


def rows_of(items: Sequence[Item]) -> list[tuple[typemodel.Features, str, str]]:
    rows = []
    for it, events in items:
        ev = training_event(events)
        if ev is not None:
            rows.append((typemodel.event_features(ev), ev.acled_sub_event_type or typemodel.NO_ACLED,
                         gold_label(it.label)))
    return rows


def weighted_f1(items: Sequence[Item], model: typemodel.TypeModel | None) -> float:
    preds = {it.id: [model(e) for e in evs] if model else evs for it, evs in items}
    return float(case2021.score([it for it, _ in items], preds).metrics["weighted_f1"] or 0.0)


def changes(items: Sequence[Item], model: typemodel.TypeModel) -> Counter[str]:
    """How the model moved the scorer's prediction: 'fixed', 'broke', 'other'."""
    out: Counter[str] = Counter()
    non = set(taxonomy.case_non_acled_codes())
    for it, evs in items:
        before, _ = case2021.predicted_code(evs)
        after, _ = case2021.predicted_code([model(e) for e in evs])
        if before == after:
            continue

        def ok(code: str, label: str = it.label) -> bool:
            return code == label or (label in non and code == case2021.NONE)

        out["fixed" if ok(after) and not ok(before) else "broke" if ok(before) and not ok(after) else "other"] += 1
    return out


def cross_validate(items: Sequence[Item]) -> dict[str, float]:
    part = [zlib.crc32(it.id.encode("utf-8")) % INNER_FOLDS for it, _ in items]
    best: tuple[float, dict[str, float]] | None = None
    base = weighted_f1(items, None)
    for l2, min_count in itertools.product(GRID["l2"], GRID["min_count"]):
        models = [typemodel.fit(rows_of([x for x, p in zip(items, part, strict=True) if p != k]), l2=l2,
                                min_count=int(min_count)) for k in range(INNER_FOLDS)]
        for min_prob, min_margin in itertools.product(GRID["min_prob"], GRID["min_margin"]):
            held: list[Item] = []
            preds: dict[str, list[Event]] = {}
            for k, m in enumerate(models):
                m.min_prob, m.min_margin = min_prob, min_margin
                for x, p in zip(items, part, strict=True):
                    if p == k:
                        held.append(x)
                        preds[x[0].id] = [m(e) for e in x[1]]
            f1 = float(case2021.score([it for it, _ in held], preds).metrics["weighted_f1"] or 0.0)
            params = {"l2": l2, "min_count": min_count, "min_prob": min_prob, "min_margin": min_margin}
            print(f"  cv {params}: {f1:.3f} (rules {base:.3f})")
            # ties go to the stronger penalty and the stricter thresholds (later in the grid)
            if best is None or f1 >= best[0] - 1e-9:
                best = (f1, params)
    assert best is not None
    print(f"chosen by cross-validation in fold 0: {best[1]} (cv weighted F1 {best[0]:.3f}, rules {base:.3f})")
    return best[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold-dir", type=Path, default=runner.default_gold_dir())
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the coded snippets (read if present)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--reviews-db", type=Path, default=None, help="also fit on this store's reviewed events")
    args = ap.parse_args()
    if args.cache is not None and args.cache.exists():
        coded: list[Item] = pickle.loads(args.cache.read_bytes())
    else:
        import sitrep.pipeline as pipeline

        pipeline.RETYPE = False  # the rules' own ACLED types
        items = case2021.load(args.gold_dir)
        preds = case2021.predict(items, EvalCoder())
        coded = [(it, preds.get(it.id, [])) for it in items]
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(coded))
    folds = {k: [x for x in coded if fold_of(x[0].fold_key) == k] for k in (0, 1)}
    params = cross_validate(folds[0])
    extra: list[tuple[typemodel.Features, str, str]] = []
    if args.reviews_db is not None:
        from sitrep.eval.reviews import typemodel_rows
        from sitrep.store import Store

        with Store.open(args.reviews_db, read_only=True) as store:
            extra = typemodel_rows(store)
        print(f"{len(extra)} reviewed events added to the fit")
    model = typemodel.fit(rows_of(folds[0]) + extra, l2=params["l2"], min_count=int(params["min_count"]),
                          min_prob=params["min_prob"], min_margin=params["min_margin"])
    for k in (1, 0):
        print(f"fold {k}: weighted F1 rules {weighted_f1(folds[k], None):.3f} -> with model "
              f"{weighted_f1(folds[k], model):.3f}  {dict(changes(folds[k], model))}")
    if args.write:
        note = (f"softmax (multinomial logistic) model fitted on fold 0 of CASE 2021 ({len(rows_of(folds[0]))} main events"
                f"{f' and {len(extra)} reviewed events' if extra else ''}); "
                f"chosen by 5-fold CV in fold 0: {params}; benchmarks/fit_typemodel.py --write")
        typemodel.TYPE_MODEL_FILE.write_text(model.to_json(note), encoding="utf-8")
        print(f"wrote {len(model.heads)} heads to {typemodel.TYPE_MODEL_FILE}")


if __name__ == "__main__":
    main()
