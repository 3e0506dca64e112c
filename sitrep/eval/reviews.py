"""Score the current coder against the store's reviewed events (``sitrep eval --reviews``).

Every review is gold: a confirmed event is right as coded, a corrected event's
fields are the gold values, a rejected event is not an event. Each reviewed
event's article is coded again with the current coder and its event at the
same trigger is compared with the reviewed view:

- ``kept``: reviewed-as-real events the coder still finds at that trigger (recall);
- ``rejected_still_coded``: rejected events it still finds (each one a false positive);
- per field (type, ACLED types, modality, date, fatalities): agreement with the view;
- ``moved_by_reviews``: fields where the reviewed view differs from what the coder
  said when the review was made: how many numbers the reviews moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from sitrep.models import Event

FIELDS = ("event", "acled_event_type", "acled_sub_event_type", "modality", "date", "fatalities")


def _at_trigger(events: list[Event], ref: Event) -> Event | None:
    start = ref.evidence.trigger.start
    same = [e for e in events if e.evidence.trigger.start == start]
    if not same:  # a trigger span that moved a little: the same sentence, overlapping trigger
        same = [e for e in events if e.evidence.start == ref.evidence.start
                and e.evidence.trigger.start < ref.evidence.trigger.end
                and ref.evidence.trigger.start < e.evidence.trigger.end]
    return same[0] if same else None


def score_reviews(store: Any, code: Callable[..., list[Event]] | None = None) -> dict[str, Any]:
    """The coder (``code(text, date=..., article_id=...)``, default ``sitrep.code``) against the reviews."""
    if code is None:
        from sitrep.pipeline import code as code_fn

        code = code_fn
    reviewed = store.reviewed()
    coded: dict[str, list[Event]] = {}
    n: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    compared: Counter[str] = Counter()
    moved: Counter[str] = Counter()
    missing_articles = 0
    for coder_rec, view, state in reviewed:
        n[state.status or "none"] += 1
        for f in FIELDS:
            if f in state.changes and getattr(coder_rec, f) != getattr(view, f):
                moved[f] += 1
        reports = [r for r in store.reports(coder_rec.event_id)] or [coder_rec]
        founder = next((r for r in reports if r.event_id == coder_rec.event_id), reports[0])
        aid = founder.article_id
        if aid not in coded:
            art = store.article(aid)
            if art is None:
                missing_articles += 1
                coded[aid] = []
                continue
            coded[aid] = code(art.text, date=art.date, article_id=art.id)
        now = _at_trigger(coded[aid], founder)
        if state.status == "rejected":
            n["rejected_still_coded"] += now is not None
            continue
        n["real"] += 1
        if now is None:
            continue
        n["kept"] += 1
        for f in FIELDS:
            compared[f] += 1
            agree[f] += getattr(now, f) == getattr(view, f)
    real, rej = n["real"], n["rejected"]
    return {
        "reviewed": len(reviewed), "confirmed": n["confirmed"], "corrected": n["corrected"], "rejected": rej,
        "recall": round(n["kept"] / real, 4) if real else None,
        "rejected_still_coded": n["rejected_still_coded"],
        "precision_on_reviewed": round(n["kept"] / (n["kept"] + n["rejected_still_coded"]), 4)
        if n["kept"] + n["rejected_still_coded"] else None,
        "field_accuracy": {f: round(agree[f] / compared[f], 4) if compared[f] else None for f in FIELDS},
        "moved_by_reviews": dict(moved), "articles_missing": missing_articles,
    }


def typemodel_rows(store: Any) -> list[tuple[dict[str, float], str, str]]:
    """Training rows for the event typing model from the reviews (``benchmarks/fit_typemodel.py
    --reviews-db``): (features of the coder's record, the coder's ACLED sub-event, the reviewed
    one); a rejected event's gold label is "no ACLED event". The coder's record is what the
    coder gave with the model on, so these rows teach the model where it and the rules were wrong
    together."""
    from sitrep.coding import typemodel

    rows = []
    for coder_rec, view, state in store.reviewed():
        gold = typemodel.NO_ACLED if state.status == "rejected" else (view.acled_sub_event_type or typemodel.NO_ACLED)
        rows.append((typemodel.event_features(coder_rec), coder_rec.acled_sub_event_type or typemodel.NO_ACLED, gold))
    return rows


def render(report: dict[str, Any]) -> str:
    """Plain text for the terminal."""
    lines = [f"reviewed events: {report['reviewed']} (confirmed {report['confirmed']}, corrected "
             f"{report['corrected']}, rejected {report['rejected']})"]
    if not report["reviewed"]:
        lines.append("no reviews in this store yet: review events in `sitrep serve` first")
        return "\n".join(lines)

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{100 * v:.1f}%"

    lines.append(f"recall on reviewed real events: {pct(report['recall'])}")
    lines.append(f"precision on reviewed triggers: {pct(report['precision_on_reviewed'])} "
                 f"({report['rejected_still_coded']} rejected event(s) still coded)")
    for f, v in report["field_accuracy"].items():
        lines.append(f"  {f:<22} {pct(v):>7}   moved by reviews: {report['moved_by_reviews'].get(f, 0)}")
    return "\n".join(lines)
