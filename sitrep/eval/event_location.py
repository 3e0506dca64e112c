"""Scoring the event-place picker on the event_location gold set.

The set (``../shared/gold/event_location/event_location_labeled.jsonl``, from
ahalterman/event_location) holds 10,182 sentences with a VERB span (the event
trigger) and LOCATION spans (the event's place). Its "gold-answered" part is
the 496 records of the re-labelling pass: ``source == "RELABEL"`` (all
``answer == "accept"``, ``label == "LOCATION,VERB"``). Of those, 494 carry a
VERB span; 336 also carry at least one LOCATION span, and 158 say the
sentence names no event place.

A known defect: in about 215 RELABEL records the LOCATION ``start``/``end``
are *token* indices (end inclusive), not character offsets (for example
``start=8, end=8, text=""`` for "Rome", the 9th token). :func:`repair_span`
detects a span that is not a clean character span (empty, or not on token
boundaries, or not starting with a capital/digit) and re-reads it as token
indices; the records whose spans needed this are flagged ``repaired`` so the
scores can be given with and without them. A span that cannot be repaired
into a capitalised name drops the record from the located set.

Records are split into two folds by a hash of their id: fold A is the dev
half weights were looked at on, fold B the held-out half.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sitrep import defaults

GOLD_FILE = Path("gold") / "event_location" / "event_location_labeled.jsonl"


def gold_path() -> Path:
    return defaults.SHARED_DIR / GOLD_FILE


def fold_of(record_id: Any) -> str:
    """"A" or "B": a stable half of the records by id."""
    h = hashlib.sha1(str(record_id).strip().encode("utf-8")).digest()
    return "A" if h[0] % 2 == 0 else "B"


def load_records(path: Path | None = None, *, source: str = "RELABEL") -> list[dict[str, Any]]:
    """The raw records of one source ("RELABEL" = the 496 gold-answered)."""
    p = path or gold_path()
    out = []
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec.get("source") == source and rec.get("answer", "accept") == "accept":
                    out.append(rec)
    return out


def repair_span(text: str, span: dict[str, Any], token_bounds: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A LOCATION span as character offsets, re-reading token-index spans.

    ``token_bounds`` are (start, end) character offsets of the sentence's
    tokens. Returns None when neither reading gives a capitalised name.
    """
    start, end = int(span["start"]), int(span["end"])
    starts = {s for s, _ in token_bounds}
    ends = {e for _, e in token_bounds}
    if end > start and start in starts and end in ends and (text[start].isupper() or text[start].isdigit()):
        return start, end
    if 0 <= start <= end < len(token_bounds):
        s, e = token_bounds[start][0], token_bounds[end][1]
        if e > s and (text[s].isupper() or text[s].isdigit()):
            return s, e
    return None


def prepare(records: Iterable[dict[str, Any]], nlp: Any) -> list[dict[str, Any]]:
    """Parse records once: doc, trigger token index, gold char spans, flags."""
    recs = [r for r in records if any(s["label"] == "VERB" for s in r.get("spans", []))]
    out = []
    for rec, doc in zip(recs, nlp.pipe([r["text"] for r in recs], batch_size=64), strict=True):
        verb = next(s for s in rec["spans"] if s["label"] == "VERB")
        vspan = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
        if vspan is None or len(vspan) == 0:
            continue
        bounds = [(t.idx, t.idx + len(t.text)) for t in doc]
        gold: list[tuple[int, int]] = []
        repaired = unrepairable = False
        for s in rec["spans"]:
            if s["label"] != "LOCATION":
                continue
            fixed = repair_span(rec["text"], s, bounds)
            if fixed is None:
                unrepairable = True
                continue
            if fixed != (s["start"], s["end"]):
                repaired = True
            gold.append(fixed)
        out.append({"id": str(rec["_id"]).strip(), "fold": fold_of(rec["_id"]), "text": rec["text"], "doc": doc,
                    "trigger": vspan.root.i, "gold": gold, "repaired": repaired,
                    "unrepairable": unrepairable and not gold})
    return out


def score_event_location(prepared: Iterable[dict[str, Any]],
                         picker: Callable[[Any, Any], tuple[int, int] | None] | None = None) -> dict[str, Any]:
    """Exact and overlap match of the picked span against the gold spans.

    ``prepared`` comes from :func:`prepare`. A pick is *exact* when it equals
    one of the record's gold LOCATION spans and *overlap* when it shares a
    character with one. Records whose gold says "no place" score
    ``none_correct`` when the picker returns None. Returns counts and rates
    for: ``located`` (gold has a place), ``clean`` (located, spans needed no
    repair), ``unlocated`` (gold has no place) and ``all``.
    """
    if picker is None:
        from sitrep.nlp.locations import pick_event_place

        picker = pick_event_place
    located = clean = exact = overlap = exact_clean = overlap_clean = 0
    unlocated = none_correct = 0
    misses: list[dict[str, Any]] = []
    for r in prepared:
        if r["unrepairable"]:
            continue
        doc = r["doc"]
        pick = picker(doc[:], doc[r["trigger"]])
        if r["gold"]:
            located += 1
            ex = pick is not None and any(pick == g for g in r["gold"])
            ov = pick is not None and any(pick[0] < g[1] and g[0] < pick[1] for g in r["gold"])
            exact += ex
            overlap += ov
            if not r["repaired"]:
                clean += 1
                exact_clean += ex
                overlap_clean += ov
            if not ex:
                misses.append({"id": r["id"], "text": r["text"], "trigger": doc[r["trigger"]].text,
                               "gold": [r["text"][a:b] for a, b in r["gold"]],
                               "pick": r["text"][pick[0]:pick[1]] if pick else None})
        else:
            unlocated += 1
            none_correct += pick is None
            if pick is not None:
                misses.append({"id": r["id"], "text": r["text"], "trigger": doc[r["trigger"]].text, "gold": [],
                               "pick": r["text"][pick[0]:pick[1]]})

    def rate(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "located": located, "exact": rate(exact, located), "overlap": rate(overlap, located),
        "clean": clean, "exact_clean": rate(exact_clean, clean), "overlap_clean": rate(overlap_clean, clean),
        "unlocated": unlocated, "none_correct": rate(none_correct, unlocated),
        "all": located + unlocated, "accuracy_all": rate(exact + none_correct, located + unlocated),
        "misses": misses,
    }
