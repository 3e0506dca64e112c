"""Confidence calibration: an event's evidence -> probability that the event is right.

Reads: a finished ``Event`` whose ``confidence`` is still the coder's raw rule
score (lexicon prior, arguments found, mode, folded mentions). Adds: a
calibrated confidence from a small logistic model over what the event itself
shows — the raw score, its PLOVER type and modality, which arguments were
found, the trigger word, how long the sentence is, how many mentions support
it. The weights live in ``data/calibration.json``; ``benchmarks/calibrate.py``
fits them on fold 0 of the pooled gold judgements (every event a gold set can
judge right or wrong) and checks the bands on fold 1. Without the file,
confidences stay raw.

A record told in the body of a story (past its opening lines, not in a lone
sentence or a snippet) then passes a second, small logistic step (``story``): the first
step's log-odds beside what the story around it shows (a named actor and
second party, a date of its own, mentions that support it, a subordinate
clause, an intent or hypothetical reading, a place or date borrowed from the
narrative, background). The pooled sentence-level judgements dominate the first
step; in a whole story a record lacking these is far more often context, a
second mention or no happening at all, and the second step learns by how much
from the story records alone, with few weights so that it holds on articles it
never saw. It only lowers a record's confidence, never raises it.

The model is plain L2-regularised logistic regression fitted by Newton's
method with numpy: a few hundred features, a few thousand events.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.models import Event

CALIBRATION_FILE = defaults.DATA_DIR / "calibration.json"
#: A trigger word gets its own weight only when fold 0 saw it this often.
MIN_TRIGGER_COUNT = 8
#: L2 penalty of the logistic fit (on all weights but the bias).
L2 = 3.0

Features = dict[str, float]


#: Steps of the coder worth a weight of their own (prefixes of ``Event.rule`` parts).
_RULE_FLAGS = ("background", "fold", "absorb", "intent", "purpose-clause", "generic-statement", "corefer",
               "attribution", "protest-outcome", "fatalities", "clause:sub", "modality:historical-perfect",
               "modality:historical-date", "refusal")
#: Steps of the coder (``Event.rule`` parts) that cap the calibrated confidence.
_RULE_CEILINGS = {"history-tally": defaults.HISTORY_TALLY_CEILING, "characterised": defaults.CHARACTERISED_CEILING}
#: Feature name prefixes that get a weight only when fold 0 saw them ``MIN_TRIGGER_COUNT`` times.
_SPARSE = ("trigger=", "entry=")


#: Story features (``story_features``): coder steps whose prefix marks the record (prefix -> feature).
_STORY_FLAGS = {"clause:sub": "clause_sub", "intent": "intent", "place:story": "place_story",
                "corefer": "corefer", "date:narrative": "date_narrative"}


def story_features(ev: Event) -> Features | None:
    """What the story around a record shows, for a record told past a story's opening; None otherwise.

    A record told in a story's first lines (its lead and the sentence after it), in a snippet or in a
    text of one sentence (the sentence-level sets) is the news told fresh: the first step alone speaks
    for it (``defaults.CALIBRATION_STORY_START``)."""
    if ev.evidence.start < defaults.CALIBRATION_STORY_START:
        return None
    rules = ev.rules
    f: Features = {
        "raw": ev.confidence,
        "no_actor": float(not ev.actor),
        "no_recipient": float(not _other_side(ev)),
        # no date of its own: told without a time anchor, the record is often a state or a generic statement
        "undated": float(ev.date_precision in (None, "publication")),
        "support": math.log1p(len(ev.support)),
        "hypothetical": float(ev.modality in ("hypothetical", "threatened")),
        "historical": float(ev.modality == "historical"),
        "aggregate": float(ev.modality == "aggregate"),
    }
    for prefix, name in _STORY_FLAGS.items():
        f[name] = float(any(r.startswith(prefix) for r in rules))
    return f


def capped(p: float, rules: Sequence[str]) -> float:
    """``p`` under the ceiling of any coder step that says what the record is worth whatever else it
    shows: a tally over years or decades is history, not news (``defaults.HISTORY_TALLY_CEILING``)."""
    for rule, ceiling in _RULE_CEILINGS.items():
        if rule in rules:
            p = min(p, ceiling)
    return p


def _other_side(ev: Event) -> bool:
    """Does the record name a side the event is done to or with: a recipient, or, in a clash two
    sides wage (``sides:mutual-clash``, both sides told as actors), the second side?"""
    return bool(ev.recipient) or (len(ev.actor) > 1 and any(r.startswith("sides:mutual-clash") for r in ev.rules))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1.0 - 1e-4)
    return math.log(p / (1.0 - p))


def _trigger_word(ev: Event) -> str:
    words = ev.evidence.trigger.text.lower().split()
    return words[-1] if words else ""


def event_features(ev: Event) -> Features:
    """What an event shows about itself, as named numeric features (raw confidence included)."""
    n_words = len(ev.evidence.sentence.split())
    f: Features = {
        "raw": ev.confidence,
        f"event={ev.event}": 1.0,
        f"modality={ev.modality}": 1.0,
        "has_actor": float(bool(ev.actor)),
        "has_recipient": float(_other_side(ev)),
        "actor_known_country": float(any(a.country for a in ev.actor)),
        "recipient_known_country": float(any(a.country for a in ev.recipient)),
        "has_mode": float(ev.mode is not None),
        "has_acled": float(ev.acled_sub_event_type is not None),
        "has_place": float(ev.location is not None),
        "has_casualties": float(ev.fatalities is not None or ev.injured is not None),
        "attributed": float(ev.attribution is not None),
        "mentions": math.log1p(len(ev.support)),
        "long_sentence": float(n_words > 40),
        "short_sentence": float(n_words < 8),
        # where the article tells it: a lead states the news, later sentences also hold context
        "body": float(ev.evidence.start > 0),
        "depth": math.log1p(ev.evidence.start / 500),
        "dated": float(ev.date_precision not in (None, "publication")),
        f"trigger={_trigger_word(ev)}": 1.0,
        # a type's arguments matter by type: a demand needs someone it is made of, a meeting a partner
        f"event={ev.event}&no_recipient": float(not _other_side(ev)),
        f"event={ev.event}&no_actor": float(not ev.actor),
    }
    rules = ev.rules
    if rules and rules[0]:
        # a user's dictionary pattern ("petrarch:SAID:line 485") counts as one kind
        entry = rules[0].split(":", 1)[0] if ":" in rules[0] else rules[0]
        f[f"entry={entry}"] = 1.0  # the lexicon entry (or dictionary pattern) that coded it
    for flag in _RULE_FLAGS:
        if any(r.startswith(flag) for r in rules):
            f[f"rule={flag}"] = 1.0
    return f


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit_isotonic(pairs: Sequence[tuple[float, bool]], min_n: int = 30) -> list[tuple[float, float]]:
    """Pool-adjacent-violators fit of P(right | score); returns (score, p) knots at block centres.

    Blocks of fewer than ``min_n`` events say little and are merged into their left neighbour, so a
    high probability is only claimed where that many events earned it."""
    tied: dict[float, list[float]] = {}
    for x, y in pairs:  # equal scores form one block from the start
        t = tied.setdefault(x, [0.0, 0.0, 0.0])
        t[0] += x
        t[1] += float(y)
        t[2] += 1
    blocks: list[list[float]] = []  # [sum_x, sum_y, n]
    for x in sorted(tied):
        blocks.append(tied[x])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            b = blocks.pop()
            blocks[-1] = [blocks[-1][0] + b[0], blocks[-1][1] + b[1], blocks[-1][2] + b[2]]
    merged: list[list[float]] = []
    for b in blocks:
        if merged and (b[2] < min_n or merged[-1][2] < min_n):
            merged[-1] = [merged[-1][0] + b[0], merged[-1][1] + b[1], merged[-1][2] + b[2]]
        else:
            merged.append(b)
    return [(round(sx / n, 4), round(sy / n, 4)) for sx, sy, n in merged]


def _interpolate(knots: Sequence[tuple[float, float]], x: float) -> float:
    xs = [k for k, _ in knots]
    ys = [p for _, p in knots]
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, x)
    x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1


class Calibration:
    """A fitted model: ``cal(event)`` is the probability the event is right.

    A logistic score over the event's features, then an isotonic map of that score fitted on
    out-of-fold scores (so the map corrects the logistic model's over-confidence)."""

    def __init__(self, bias: float, weights: Mapping[str, float],
                 knots: Sequence[tuple[float, float]] = (), story: Calibration | None = None) -> None:
        self.bias = bias
        self.weights = dict(weights)
        self.knots = sorted(knots)
        #: the second step for records told in a story's body (weights over "logit" and story_features)
        self.story = story

    def score(self, features: Features) -> float:
        """The logistic model's output alone."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return _sigmoid(z)

    def probability(self, features: Features, story: Features | None = None) -> float:
        s = self.score(features)
        p = _interpolate(self.knots, s) if self.knots else s
        if story is not None and self.story is not None:
            # the story only takes confidence away: what the record's own words earned is the most it
            # may claim, and a high band must hold on stories the fit never saw
            p = min(p, self.story.score({"logit": _logit(p), **story}))
        return p

    def __call__(self, ev: Event) -> float:
        return round(capped(self.probability(event_features(ev), story_features(ev)), ev.rules), 3)

    def to_json(self, note: str = "") -> str:
        body = {"note": note, "bias": round(self.bias, 6),
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-6},
                "isotonic": [list(k) for k in self.knots]}
        if self.story is not None:
            body["story"] = {"bias": round(self.story.bias, 6),
                             "weights": {k: round(v, 6) for k, v in sorted(self.story.weights.items())}}
        return json.dumps(body, indent=1, sort_keys=False) + "\n"


def fit_logistic(rows: Sequence[tuple[Features, bool]], *, l2: float = L2,
                 min_trigger_count: int = MIN_TRIGGER_COUNT, iterations: int = 50) -> Calibration:
    """Fit P(right | features) by Newton's method; rare trigger words share no weight of their own."""
    import numpy as np

    counts = Counter(k for f, _ in rows for k in f if k.startswith(_SPARSE))
    keep = sorted({k for f, _ in rows for k in f
                   if not k.startswith(_SPARSE) or counts[k] >= min_trigger_count})
    index = {k: i + 1 for i, k in enumerate(keep)}  # column 0 is the bias
    x = np.zeros((len(rows), len(keep) + 1))
    x[:, 0] = 1.0
    y = np.array([float(ok) for _, ok in rows])
    for r, (f, _) in enumerate(rows):
        for k, v in f.items():
            if k in index:
                x[r, index[k]] = v
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return Calibration(float(w[0]), {k: float(w[i]) for k, i in index.items()})


def fit(rows: Sequence[tuple[str, Features, bool]], *, l2: float = L2, inner_folds: int = 5,
        min_block: int = 30, stories: Sequence[Features | None] | None = None,
        story_l2: float = defaults.CALIBRATION_STORY_L2) -> Calibration:
    """Logistic weights on all rows; the isotonic map on out-of-fold scores (rows split by a hash of their id).

    With ``stories`` (``story_features`` of each row's event, None where it has none) the rows told in a
    story's body also fit the second step, on the first step's out-of-fold probabilities."""
    import zlib

    part = [zlib.crc32(key.encode("utf-8")) % inner_folds for key, _, _ in rows]
    oof: list[float] = [0.0] * len(rows)
    for k in range(inner_folds):
        train = [(f, ok) for (_, f, ok), p in zip(rows, part, strict=True) if p != k]
        model = fit_logistic(train, l2=l2)
        for i, ((_, f, _), p) in enumerate(zip(rows, part, strict=True)):
            if p == k:
                oof[i] = model.score(f)
    final = fit_logistic([(f, ok) for _, f, ok in rows], l2=l2)
    knots = fit_isotonic([(s, ok) for s, (_, _, ok) in zip(oof, rows, strict=True)], min_n=min_block)
    story = None
    if stories is not None:
        story_rows = [({"logit": _logit(_interpolate(knots, s)), **st}, ok)
                      for s, st, (_, _, ok) in zip(oof, stories, rows, strict=True) if st is not None]
        if story_rows:
            story = fit_logistic(story_rows, l2=story_l2)
    return Calibration(final.bias, final.weights, knots, story)


def load(path: Path = CALIBRATION_FILE) -> Calibration | None:
    if not path.exists():
        return None
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        story = body.get("story")
        return Calibration(float(body["bias"]), {str(k): float(v) for k, v in body["weights"].items()},
                           [(float(x), float(p)) for x, p in body.get("isotonic", [])],
                           Calibration(float(story["bias"]), {str(k): float(v) for k, v in story["weights"].items()})
                           if story is not None else None)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(f"expected {{'bias': float, 'weights': {{name: float}}}} ({exc})", item=str(path)) from exc


@cache
def default_calibration() -> Calibration | None:
    return load()
