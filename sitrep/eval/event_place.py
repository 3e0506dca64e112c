"""The ``event_location`` gold set, scored end to end: where did the coded event happen?

Scored on the gold-answered sentences (``label == "LOCATION,VERB"``, the 496
RELABEL records): each has the event's verb and zero or more LOCATION spans.
About 215 of them give LOCATION offsets as token indices; the place picker's
own scorer (:mod:`sitrep.eval.event_location`, written with
``sitrep.nlp.locations``) repairs them with ``repair_span`` and that repair is
used here, on the same tokenisation (a blank spaCy English tokenizer); a span
that cannot be repaired drops the record, as there.

End to end means the *coder's* output is scored: the location of the event
whose trigger overlaps the gold verb (else the event nearest to it) against the
gold spans:

- ``exact``: the span equals a gold span, or both sides have no location;
- ``overlap``: the span shares a character with a gold span, or both have none;
- ``*_located``: the same over sentences whose gold names a location;
- ``exact_clean``: exact over located sentences whose spans needed no repair;
- ``none_accuracy``: sentences with no gold location where the coder gives none.

The picker's component score (gold trigger given, ``score_event_location``)
is added as ``picker_*`` metrics when that module and the spaCy model load.
Folds follow that module's A/B split (A = fold 0, the half tuned on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.eval.base import SetScore, iso_date, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.metrics import overlaps
from sitrep.eval.sampling import fold_of, unique_ids
from sitrep.models import Event

NAME = "event_location"
DESCRIPTION = "event_location gold-answered sentences -> the coded event's place span"
HEADLINE = ("exact", "overlap", "exact_located", "overlap_located", "exact_clean", "none_accuracy",
            "picker_exact_located", "picker_accuracy_all")
FILE = ("event_location", "event_location_labeled.jsonl")
GOLD_LABEL = "LOCATION,VERB"

SpanT = tuple[int, int]


@dataclass(frozen=True, slots=True)
class LocationItem:
    id: str
    raw_id: str
    text: str
    date: str | None
    verb: SpanT | None
    locations: tuple[SpanT, ...]
    repaired: bool = False

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.raw_id}"


def fold(item: LocationItem) -> int:
    """The picker module's A/B half as 0/1 (our own hash when that module is absent)."""
    try:
        from sitrep.eval import event_location as picker_eval
    except ImportError:
        return fold_of(item.fold_key)
    return 0 if picker_eval.fold_of(item.raw_id) == "A" else 1


@cache
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def _repair(text: str, spans: list[dict[str, Any]]) -> tuple[tuple[SpanT, ...], bool, bool]:
    """(gold character spans, any repaired, unrepairable and nothing left)."""
    raw = [s for s in spans if s.get("label") == "LOCATION"]
    if not raw:
        return (), False, False
    try:
        from sitrep.eval.event_location import repair_span
    except ImportError:
        return tuple((int(s["start"]), int(s["end"])) for s in raw), False, False
    bounds = [(t.idx, t.idx + len(t.text)) for t in _tokenizer()(text)]
    out: list[SpanT] = []
    repaired = failed = False
    for s in raw:
        fixed = repair_span(text, s, bounds)
        if fixed is None:
            failed = True
            continue
        repaired |= fixed != (int(s["start"]), int(s["end"]))
        out.append(fixed)
    return tuple(out), repaired, failed and not out


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*FILE)]


def load(gold_dir: Path) -> list[LocationItem]:
    path = gold_dir.joinpath(*FILE)
    raw: list[tuple[int, dict[str, Any]]] = [(n, r) for n, r in read_jsonl(path) if r.get("label") == GOLD_LABEL]
    raw_ids = [str(r.get("_id") or f"line{n}").strip() for n, r in raw]
    items = []
    for rid, raw_id, (n, rec) in zip(unique_ids(raw_ids), raw_ids, raw, strict=True):
        text = need(rec, "text", path, n)
        spans = need(rec, "spans", path, n) or []
        verbs = [(int(s["start"]), int(s["end"])) for s in spans if s.get("label") == "VERB"]
        if not verbs:
            continue
        locs, repaired, unrepairable = _repair(text, spans)
        if unrepairable:
            continue
        items.append(LocationItem(rid, raw_id, text, iso_date(rec.get("date")), verbs[0], locs, repaired))
    return items


def predict(items: Sequence[LocationItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text, it.date) for it in items])


def event_for_verb(events: Sequence[Event], verb: SpanT | None) -> Event | None:
    """The event whose trigger overlaps the gold verb, else the one nearest to it."""
    if not events:
        return None
    if verb is None:
        return max(events, key=lambda e: e.confidence)

    def distance(ev: Event) -> int:
        t = (ev.evidence.trigger.start, ev.evidence.trigger.end)
        if overlaps(t, verb):
            return 0
        return min(abs(t[0] - verb[1]), abs(verb[0] - t[1])) + 1

    return min(events, key=lambda e: (distance(e), -e.confidence))


def location_span(ev: Event | None, text: str) -> SpanT | None:
    """Character span of an event's location in the text (found by its words when offsets are absent)."""
    if ev is None or ev.location is None:
        return None
    loc = ev.location
    if loc.start is not None and loc.end is not None:
        return (loc.start, loc.end)
    if loc.text:
        at = text.find(loc.text)
        if at >= 0:
            return (at, at + len(loc.text))
    return None


def score(items: Sequence[LocationItem], predictions: dict[str, list[Event]]) -> SetScore:
    exact = over = 0
    located = exact_loc = over_loc = 0
    clean = exact_clean = 0
    empty = none_ok = 0
    predicted = 0
    for it in items:
        span = location_span(event_for_verb(predictions.get(it.id, []), it.verb), it.text)
        predicted += span is not None
        if it.locations:
            located += 1
            e = span is not None and span in it.locations
            o = span is not None and any(overlaps(span, g) for g in it.locations)
            exact_loc += e
            over_loc += o
            exact += e
            over += o
            if not it.repaired:
                clean += 1
                exact_clean += e
        else:
            empty += 1
            none_ok += span is None
            exact += span is None
            over += span is None
    n = len(items)
    metrics: dict[str, float | None] = {
        "exact": exact / n if n else None,
        "overlap": over / n if n else None,
        "exact_located": exact_loc / located if located else None,
        "overlap_located": over_loc / located if located else None,
        "exact_clean": exact_clean / clean if clean else None,
        "none_accuracy": none_ok / empty if empty else None,
    }
    details: dict[str, Any] = {"n": n, "with_gold_location": located, "clean": clean,
                               "without_gold_location": empty, "predicted_location": predicted}
    return SetScore(metrics, details)


def component_scores(items: Sequence[LocationItem], gold_dir: Path) -> dict[str, Any] | None:
    """The place picker's own score on the same records (gold trigger given), overall and per fold.

    None when that module or the spaCy model is unavailable.
    """
    try:
        import spacy

        from sitrep import defaults
        from sitrep.eval import event_location as picker_eval
    except ImportError:
        return None
    wanted = {it.raw_id for it in items}
    records = [r for r in picker_eval.load_records(gold_dir.joinpath(*FILE)) if str(r.get("_id")).strip() in wanted]
    prepared = picker_eval.prepare(records, spacy.load(defaults.SPACY_MODEL))
    out: dict[str, Any] = {}
    for key, part in (("all", prepared), ("0", [r for r in prepared if r["fold"] == "A"]),
                      ("1", [r for r in prepared if r["fold"] == "B"])):
        if part:
            result = dict(picker_eval.score_event_location(part))
            result.pop("misses", None)
            out[key] = result
    return out


def extra_metrics(component: dict[str, Any] | None) -> dict[str, float | None]:
    if not component:
        return {"picker_exact_located": None, "picker_accuracy_all": None}
    return {"picker_exact_located": component.get("exact"), "picker_accuracy_all": component.get("accuracy_all")}
