"""Small, exact metric helpers shared by the gold-set scorers.

Conventions: every score is a float in [0, 1] where higher is better, or None
when there is nothing to measure (no gold and no prediction). Precision with
no prediction, or recall with no gold, is 0.0 while the other side is not empty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.defaults import EVAL_LEAD_BONUS, EVAL_MAIN_TIE
from sitrep.models import Event


@dataclass(slots=True)
class PRF:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def empty(self) -> bool:
        return self.tp + self.fp + self.fn == 0

    @property
    def precision(self) -> float | None:
        if self.empty:
            return None
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float | None:
        if self.empty:
            return None
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def set_prf(gold: Iterable[Any], pred: Iterable[Any]) -> PRF:
    """PRF of one item's predicted set against its gold set (duplicates collapse)."""
    g, p = set(gold), set(pred)
    return PRF(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def micro_prf(pairs: Iterable[tuple[Iterable[Any], Iterable[Any]]]) -> PRF:
    """Micro-averaged PRF over (gold set, predicted set) pairs, one per item."""
    total = PRF()
    for gold, pred in pairs:
        total.add(set_prf(gold, pred))
    return total


def binary_prf(pairs: Iterable[tuple[bool, bool]]) -> PRF:
    """PRF of the positive class from (gold, predicted) booleans."""
    out = PRF()
    for gold, pred in pairs:
        if gold and pred:
            out.tp += 1
        elif pred:
            out.fp += 1
        elif gold:
            out.fn += 1
    return out


def classification_scores(pairs: Sequence[tuple[str, str]], labels: Sequence[str],
                          top_confusions: int = 10) -> dict[str, Any]:
    """Single-label classification scores over ``labels``.

    ``pairs`` are (gold, predicted) labels; a predicted label outside ``labels``
    (e.g. "NONE") is a miss for the gold class and a false positive for no
    class. Weighted F1 weights each class by its gold support; macro F1
    averages the classes that occur in gold or predictions (as scikit-learn
    does when given ``labels``). Accuracy counts exact matches over all pairs.
    """
    label_set = set(labels)
    per: dict[str, PRF] = {lab: PRF() for lab in labels}
    support: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    correct = 0
    for gold, pred in pairs:
        if gold in label_set:
            support[gold] += 1
        if gold == pred:
            correct += 1
            if gold in label_set:
                per[gold].tp += 1
            continue
        confusions[(gold, pred)] += 1
        if gold in label_set:
            per[gold].fn += 1
        if pred in label_set:
            per[pred].fp += 1
    n = len(pairs)
    present = [lab for lab in labels if support[lab] or per[lab].fp]
    total_support = sum(support.values())
    weighted = (sum((per[lab].f1 or 0.0) * support[lab] for lab in labels) / total_support
                if total_support else None)
    macro = (sum(per[lab].f1 or 0.0 for lab in present) / len(present)) if present else None
    return {
        "n": n,
        "accuracy": correct / n if n else None,
        "weighted_f1": weighted,
        "macro_f1": macro,
        "per_class": {lab: {"support": support[lab], "precision": per[lab].precision,
                            "recall": per[lab].recall, "f1": per[lab].f1}
                      for lab in labels if support[lab] or per[lab].fp},
        "confusions": [{"gold": g, "pred": p, "count": c}
                       for (g, p), c in confusions.most_common(top_confusions)],
    }


# --- spans and argument texts -------------------------------------------------------------

_WORD = re.compile(r"[\w]+(?:[.'’][\w]+)*", re.UNICODE)
#: Words that never decide whether two argument texts name the same thing.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from by with and or its his her their our this that these those "
    "some several many s".split()
)


def content_tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens of ``text`` without function words."""
    if not text:
        return []
    return [t for t in (w.lower().replace("’", "'") for w in _WORD.findall(text)) if t not in _FUNCTION_WORDS]


def head_match(a: str | None, b: str | None) -> bool:
    """Do two argument texts name the same thing, judged by their heads?

    English noun phrases end in their head; two texts match when the last
    content word of either occurs in the other ("Southern states" ~ "several
    Southern states", "Court" ~ "U.S. Appeals Court"). Texts with no content
    word never match.
    """
    ta, tb = content_tokens(a), content_tokens(b)
    if not ta or not tb:
        return False
    return ta[-1] in tb or tb[-1] in ta


def match_count(gold: Sequence[str], pred: Sequence[str]) -> int:
    """Greedy one-to-one head matches between gold and predicted argument texts."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and head_match(g, p):
                used.add(j)
                hits += 1
                break
    return hits


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Do two half-open character spans share at least one character?"""
    return a[0] < b[1] and b[0] < a[1]


# --- choosing an event ------------------------------------------------------------------------


def main_event(events: Iterable[Event], *, modalities: Iterable[str] | None = None,
               require_acled: bool = False) -> Event | None:
    """The event a single-label gold record is about: highest confidence, earliest trigger on ties.

    ``modalities`` restricts the candidates (None: any); ``require_acled`` keeps
    only events with an ACLED sub-event type.
    """
    allowed = set(modalities) if modalities is not None else None
    cands = [
        ev for ev in events
        if (allowed is None or ev.modality in allowed) and (not require_acled or ev.acled_sub_event_type)
    ]
    if not cands:
        return None
    # news leads with its main event (inverted pyramid): the first sentence holding a
    # candidate gets a bonus, so a later, more confident side event does not win alone
    lead = min(ev.evidence.start for ev in cands)

    def rank(ev: Event) -> tuple[bool, bool]:
        # an event the coder marked as the background of its sentence ("after ...", "where 28
        # people have been killed") is not what the sentence reports while another event is
        steps = ev.rules
        return not any(r.startswith("background") for r in steps), "clause:sub" not in steps

    def score(ev: Event) -> float:
        return ev.confidence + (EVAL_LEAD_BONUS if ev.evidence.start == lead else 0.0)

    top = max(rank(ev) for ev in cands)
    cands = [ev for ev in cands if rank(ev) == top]
    # confidences closer than the calibration can tell apart are a tie, not an order: among the
    # events within EVAL_MAIN_TIE of the surest, the text itself decides, so a refit of the
    # confidence model does not flip a text's main event. A story retells its main event (the
    # coder folds the retellings into one record's support), and news tells it first.
    best = max(score(ev) for ev in cands)
    close = [ev for ev in cands if score(ev) >= best - EVAL_MAIN_TIE]
    return min(close, key=lambda ev: (-len(ev.support), ev.evidence.trigger.start, -score(ev)))


def fmt(value: float | None, digits: int = 3) -> str:
    """A score for a table cell ("-" when not measured)."""
    return "-" if value is None else f"{value:.{digits}f}"
