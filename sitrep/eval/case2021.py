"""CASE 2021 Task 2: ACLED-style snippets labelled with one of 30 event codes.

The prediction for a snippet is the ACLED sub-event of its main event — the
highest-confidence *asserted* event that carries an ACLED sub-event — turned
into its CASE code (``acled.tsv``); no such event predicts "NONE". The five
non-ACLED codes (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB)
count as correct when the coder records no ACLED event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep.coding import taxonomy
from sitrep.errors import DataFileError
from sitrep.eval.base import Judged, SetScore
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.metrics import classification_scores, main_event
from sitrep.models import Event

NAME = "case2021"
DESCRIPTION = "CASE 2021 Task 2 snippets -> ACLED sub-event (30 codes)"
HEADLINE = ("weighted_f1", "macro_f1", "accuracy", "acled_weighted_f1", "non_acled_accuracy")
FILE = ("case2021", "task2_dev.tsv")
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class CaseItem:
    id: str
    text: str
    label: str

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.id}"


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*FILE)]


def load(gold_dir: Path) -> list[CaseItem]:
    path = gold_dir.joinpath(*FILE)
    codes = set(taxonomy.case_codes())
    items: list[CaseItem] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            fields = line.split("\t")
            if number == 1 and fields[0].strip().lower() == "id":
                continue
            if len(fields) != 3:
                raise DataFileError(f"line {number}: {len(fields)} tab-separated fields, expected 3", item=str(path))
            rid, text, label = (f.strip() for f in fields)
            if label not in codes:
                raise DataFileError(f"line {number}: unknown CASE code {label!r}", item=str(path))
            if rid in seen:
                raise DataFileError(f"line {number}: duplicate id {rid!r}", item=str(path))
            seen.add(rid)
            items.append(CaseItem(rid, text, label))
    return items


def predict(items: Sequence[CaseItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text) for it in items])


def predicted_code(events: Sequence[Event]) -> tuple[str, Event | None]:
    """The CASE code the events stand for, and the main event that decided it."""
    ev = main_event(events, modalities=("asserted",), require_acled=True)
    if ev is None:
        return NONE, None
    code = taxonomy.case_code(ev.acled_sub_event_type)
    return (code or f"?{ev.acled_sub_event_type}"), ev


def score(items: Sequence[CaseItem], predictions: dict[str, list[Event]]) -> SetScore:
    non_acled = set(taxonomy.case_non_acled_codes())
    all_codes = taxonomy.case_codes()
    acled_codes = [c for c in all_codes if c not in non_acled]
    pairs: list[tuple[str, str]] = []
    judged: list[Judged] = []
    for it in items:
        pred, ev = predicted_code(predictions.get(it.id, []))
        if it.label in non_acled and pred == NONE:
            pred = it.label
        pairs.append((it.label, pred))
        if ev is not None:
            judged.append(Judged(NAME, it.id, ev.confidence, pred == it.label, ev))
    full = classification_scores(pairs, all_codes)
    acled_only = classification_scores([p for p in pairs if p[0] in set(acled_codes)], acled_codes)
    non = [p for p in pairs if p[0] in non_acled]
    metrics = {
        "weighted_f1": full["weighted_f1"],
        "macro_f1": full["macro_f1"],
        "accuracy": full["accuracy"],
        # comparable with the shared task's subtask 1 (ACLED classes only)
        "acled_weighted_f1": acled_only["weighted_f1"],
        "non_acled_accuracy": (sum(g == p for g, p in non) / len(non)) if non else None,
        # share of ACLED snippets where the coder found any ACLED event
        "acled_detected": (sum(p != NONE for g, p in pairs if g not in non_acled)
                           / max(1, sum(g not in non_acled for g, _ in pairs))) if pairs else None,
    }
    details = {"n": len(items), "per_class": full["per_class"], "confusions": full["confusions"]}
    return SetScore(metrics, details, judged)
