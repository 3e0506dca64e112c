"""A small learned second opinion on an event's ACLED sub-event type.

Reads: a finished ``Event`` (after merging, before calibration) — its PLOVER type, mode and
modality, the ACLED sub-event the rules of ``data/acled.yaml`` gave it, the lexicon entry and
coder steps in ``Event.rule`` (``fold:shelling``, ``attribution:claim``, ...), the trigger word,
the resolved actor and recipient types, and the words of its evidence sentence (lower-cased,
with a crude plural/inflection strip). Adds: a probability for every ACLED sub-event and for
"no ACLED event", from a softmax (multinomial logistic) model: per label a bias and a weight for
each feature, plus one shared bonus ``agree`` for the label the rules gave (learned: how far the
rules can be trusted), fitted with an L2 penalty by block Newton steps in numpy (like the
confidence model of ``coding/calibration.py``). The rules keep their answer unless the model is
confident: it overrides only when its best label reaches ``defaults.TYPE_MODEL_MIN_PROB`` and
beats the rules' label by ``defaults.TYPE_MODEL_MIN_MARGIN``. Events the coder marked negated,
threatened or hypothetical never get an ACLED type (ACLED records only what happened), so the
model leaves them alone.

Where the weights come from: ``benchmarks/fit_typemodel.py --write`` codes the CASE 2021 dev
snippets with the model off, takes fold 0 only (the stable hash of ``sitrep.eval.sampling``),
labels the event the scorer would pick as the snippet's main event with the gold sub-event
(the five non-ACLED codes as "no ACLED event"), fits, and reports fold 1 as the held-out
check. The weights live in ``data/typemodel.json``; without that file the coder behaves as
the rules alone say.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.coding import taxonomy
from sitrep.errors import DataFileError
from sitrep.models import Event

TYPE_MODEL_FILE = defaults.DATA_DIR / "typemodel.json"
#: The label that stands for "ACLED would record no event".
NO_ACLED = "-"
#: Modalities whose events carry no ACLED type by design; the model never gives them one.
_NEVER_ACLED = frozenset({"negated", "threatened", "hypothetical"})

Features = dict[str, float]
#: Penalty on the biases and the shared rules bonus: small, only to keep labels that fold 0
#: never shows from running off to minus infinity.
_LIGHT_L2 = 0.1

_WORD = re.compile(r"[a-z][a-z\-]+")
#: Words too common to say anything about the kind of event.
_STOP = frozenset(
    "the a an and or of in on at to for from by with as is was were are be been has have had that this "
    "these those its it his her their they he she who which than then also after before over into "
    "said says say told according but not no about while when where there would could will can may".split()
)


def _stem(word: str) -> str:
    """A crude, deterministic stem: "bombs", "bombing", "bombed" -> "bomb"."""
    for suffix in ("ings", "ing", "ies", "ied", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return stem + "y"
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word  # "press", "campus", "crisis"
            if suffix == "s" and stem.endswith(("sse", "xe", "che", "she", "zze")):
                return stem[:-1]  # "crosses", "boxes", "marches"
            return stem
    return word


def sentence_words(text: str) -> set[str]:
    """The distinct content-word stems of a sentence."""
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def event_features(ev: Event) -> Features:
    """What the typing model reads of one event, as named binary features."""
    f: Features = {
        f"event={ev.event}": 1.0,
        f"rules-event={taxonomy.acled_event_type(ev.acled_sub_event_type) or NO_ACLED}": 1.0,
        f"modality={ev.modality}": 1.0,
        f"mode={ev.mode or '-'}": 1.0,
        f"trigger={_stem(ev.evidence.trigger.text.lower().split()[-1]) if ev.evidence.trigger.text.split() else ''}": 1.0,
    }
    for a in ev.actor:
        f[f"actor={a.type or '?'}"] = 1.0
    for r in ev.recipient:
        f[f"recipient={r.type or '?'}"] = 1.0
    if not ev.actor:
        f["actor=none"] = 1.0
    if not ev.recipient:
        f["recipient=none"] = 1.0
    parts = [p for p in ev.rules if p]
    if parts:
        f[f"entry={parts[0].split(':', 1)[0]}"] = 1.0
    for p in parts[1:]:
        # coder steps: "fold:shelling", "attribution:claim", "background:after" -> the step and its kind
        head, _, tail = p.partition(":")
        f[f"step={head}"] = 1.0
        if head in ("fold", "attribution", "protest-outcome", "mode", "absorb"):
            f[f"step={head}:{tail}"] = 1.0
    for w in sentence_words(ev.evidence.sentence):
        f[f"w={w}"] = 1.0
    return f


@dataclass(frozen=True)
class Retyped:
    """The model's verdict on one event."""

    label: str  # an ACLED sub-event type or NO_ACLED
    probability: float
    rules_probability: float  # the model's probability of the rules' own label


class TypeModel:
    """One-vs-rest logistic models, one per label (ACLED sub-event types and ``NO_ACLED``)."""

    def __init__(self, heads: Mapping[str, tuple[float, Mapping[str, float]]], agree: float = 0.0,
                 min_prob: float = defaults.TYPE_MODEL_MIN_PROB,
                 min_margin: float = defaults.TYPE_MODEL_MIN_MARGIN) -> None:
        self.heads = {lab: (b, dict(w)) for lab, (b, w) in heads.items()}
        #: feature -> [(label, weight)]: an event has a few dozen features, the labels thousands of weights
        self._by_feature: dict[str, list[tuple[str, float]]] = {}
        for lab, (_, w) in self.heads.items():
            for k, v in w.items():
                self._by_feature.setdefault(k, []).append((lab, v))
        self.agree = agree
        self.min_prob = min_prob
        self.min_margin = min_margin

    def probabilities(self, features: Features, rules_label: str | None = None) -> dict[str, float]:
        """P(label | features): a softmax over the labels' scores; the rules' own label gets
        the shared bonus ``agree`` (how often the rules are right, learned with the rest)."""
        acc = dict.fromkeys(self.heads, 0.0)
        for k, v in features.items():
            for lab, w in self._by_feature.get(k, ()):
                acc[lab] += w * v
        scores = {lab: b + acc[lab] + (self.agree if lab == rules_label else 0.0) for lab, (b, _) in self.heads.items()}
        top = max(scores.values())
        raw = {lab: math.exp(z - top) for lab, z in scores.items()}
        total = sum(raw.values())
        return {lab: p / total for lab, p in raw.items()}

    def judge(self, ev: Event) -> Retyped:
        current = ev.acled_sub_event_type or NO_ACLED
        probs = self.probabilities(event_features(ev), current)
        best = max(probs, key=lambda k: (probs[k], k))
        return Retyped(best, probs[best], probs.get(current, 0.0))

    def __call__(self, ev: Event) -> Event:
        """The event with the model's ACLED type where it is confident, else unchanged."""
        if ev.modality in _NEVER_ACLED:
            return ev
        verdict = self.judge(ev)
        current = ev.acled_sub_event_type or NO_ACLED
        if (verdict.label == current or verdict.probability < self.min_prob
                or verdict.probability - verdict.rules_probability < self.min_margin):
            return ev
        if verdict.label == NO_ACLED:
            event_type, sub = None, None
        else:
            event_type, sub = taxonomy.acled_event_type(verdict.label), verdict.label
            if event_type is None:
                return ev
        note = f"typemodel:{taxonomy.case_code(sub) or 'none'}:{verdict.probability:.2f}"
        return replace(ev, acled_event_type=event_type, acled_sub_event_type=sub,
                       rule=f"{ev.rule};{note}" if ev.rule else note)

    def to_json(self, note: str = "") -> str:
        body = {"note": note, "min_prob": self.min_prob, "min_margin": self.min_margin, "agree": round(self.agree, 6),
                "heads": {lab: {"bias": round(b, 6),
                                "weights": {k: round(v, 4) for k, v in sorted(w.items()) if abs(v) >= 1e-3}}
                          for lab, (b, w) in sorted(self.heads.items())}}
        return json.dumps(body, indent=1) + "\n"


def labels() -> tuple[str, ...]:
    """Every label the model can give: the ACLED sub-event types and ``NO_ACLED``."""
    return (*taxonomy.acled_sub_event_types(), NO_ACLED)


def fit(rows: Sequence[tuple[Features, str, str]], *, l2: float = defaults.TYPE_MODEL_L2,
        min_count: int = defaults.TYPE_MODEL_MIN_COUNT, min_prob: float = defaults.TYPE_MODEL_MIN_PROB,
        min_margin: float = defaults.TYPE_MODEL_MIN_MARGIN, iterations: int = 8) -> TypeModel:
    """Fit the softmax model on ``rows`` of (features, the rules' label, gold label).

    Multinomial logistic regression with an L2 penalty on the per-label weights (the biases
    and the shared rules bonus get a light one), fitted by Newton's method on the shared
    bonus and per-label blocks in turn (block coordinate Newton, each step held inside a trust
    region of 1 per weight so early steps cannot overshoot). A feature gets a weight only when at
    least ``min_count`` rows show it, so a word seen in one or two training snippets cannot
    decide anything."""
    import numpy as np

    counts: dict[str, int] = {}
    for f, _, _ in rows:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = sorted(k for k, n in counts.items() if n >= min_count)
    index = {k: i + 1 for i, k in enumerate(keep)}
    labs = list(labels())
    lab_index = {lab: i for i, lab in enumerate(labs)}
    n, d, m = len(rows), len(keep) + 1, len(labs)
    x = np.zeros((n, d))
    x[:, 0] = 1.0
    rule_hot = np.zeros((n, m))
    y = np.zeros((n, m))
    for r, (f, rule_lab, gold) in enumerate(rows):
        for k, v in f.items():
            if k in index:
                x[r, index[k]] = v
        if rule_lab in lab_index:
            rule_hot[r, lab_index[rule_lab]] = 1.0
        y[r, lab_index[gold]] = 1.0
    w = np.zeros((d, m))
    agree = 0.0
    penalty = np.full(d, l2)
    penalty[0] = _LIGHT_L2
    z = np.zeros((n, m))

    def softmax() -> Any:
        e = z + agree * rule_hot
        e = np.exp(e - e.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    for _ in range(iterations):
        p = softmax()
        # the shared bonus: one scalar Newton step
        q = (p * rule_hot).sum(axis=1)
        step_a = ((float(((p - y) * rule_hot).sum()) + _LIGHT_L2 * agree)
                  / (float((q * (1 - q)).sum()) + _LIGHT_L2))
        agree -= max(-1.0, min(1.0, step_a))  # damped: far from the optimum a full step overshoots
        biggest = 0.0
        for j in range(m):  # each label's block in turn, the others held fixed
            pj = softmax()[:, j]
            grad = x.T @ (pj - y[:, j]) + penalty * w[:, j]
            step = _solve_newton(x, pj * (1 - pj), penalty, grad)
            step *= min(1.0, 1.0 / max(1e-12, float(np.max(np.abs(step)))))  # a trust region of 1 per weight
            w[:, j] -= step
            z[:, j] = x @ w[:, j]
            biggest = max(biggest, float(np.max(np.abs(step))))
        if biggest < 1e-4 and abs(step_a) < 1e-4:
            break
    heads = {lab: (float(w[0, j]), {k: float(w[i, j]) for k, i in index.items()}) for j, lab in enumerate(labs)}
    return TypeModel(heads, agree=agree, min_prob=min_prob, min_margin=min_margin)


def _solve_newton(x: Any, s: Any, penalty: Any, grad: Any) -> Any:
    """(X' diag(s) X + diag(penalty))^-1 grad, through the n x n system when rows are fewer than
    features (Woodbury), so a Newton step costs a few hundred rows cubed, not features cubed."""
    import numpy as np

    if x.shape[0] >= x.shape[1]:
        return np.linalg.solve((x * s[:, None]).T @ x + np.diag(penalty), grad)
    root = np.sqrt(s)
    a = x * root[:, None] / penalty[None, :]  # S^1/2 X D^-1
    inner = np.eye(x.shape[0]) + a @ (x * root[:, None]).T
    dg = grad / penalty
    return dg - a.T @ np.linalg.solve(inner, a @ grad)


def load(path: Path = TYPE_MODEL_FILE) -> TypeModel | None:
    if not path.exists():
        return None
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        heads = {str(lab): (float(h["bias"]), {str(k): float(v) for k, v in h["weights"].items()})
                 for lab, h in body["heads"].items()}
        known = set(labels())
        unknown = sorted(set(heads) - known)
        if unknown:
            raise ValueError(f"unknown labels {unknown}")
        return TypeModel(heads, agree=float(body.get("agree", 0.0)),
                         min_prob=float(body.get("min_prob", defaults.TYPE_MODEL_MIN_PROB)),
                         min_margin=float(body.get("min_margin", defaults.TYPE_MODEL_MIN_MARGIN)))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(f"expected {{'heads': {{label: {{'bias': float, 'weights': {{name: float}}}}}}}} ({exc})",
                            item=str(path)) from exc


@cache
def default_type_model() -> TypeModel | None:
    return load()
