"""Deterministic folds and subsamples of gold records.

Folds: a stable hash of a record's fold key (its id, or its document's id for
sentence-level sets, so one document never straddles folds) splits every set
into ``defaults.EVAL_FOLDS`` folds. Tune on fold 0, check on fold 1; the gap
between them is the first sign of over-fitting to known texts.

Subsamples (``--fast``, ``--limit``) take every k-th record in file order, so
the same command always scores the same records.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from sitrep import defaults

T = TypeVar("T")


def fold_of(key: str, folds: int = defaults.EVAL_FOLDS) -> int:
    """The fold (0 .. folds-1) of a record key; stable across runs, machines and Python versions."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


def every_kth(items: Sequence[T], limit: int | None) -> list[T]:
    """At most ``limit`` items, taking every k-th one from the start (k = ceil(n / limit))."""
    if limit is None or limit >= len(items):
        return list(items)
    if limit <= 0:
        return []
    step = math.ceil(len(items) / limit)
    return list(items[::step])[:limit]


def every_kth_by(items: Sequence[T], limit: int | None, group: Callable[[T], str]) -> list[T]:
    """``every_kth`` applied separately to each group (e.g. sentences and documents)."""
    groups: dict[str, list[T]] = {}
    for it in items:
        groups.setdefault(group(it), []).append(it)
    keep = {id(x) for g in groups.values() for x in every_kth(g, limit)}
    return [it for it in items if id(it) in keep]


def unique_ids(ids: Sequence[str]) -> list[str]:
    """Make record ids unique: the second "X" becomes "X#2", the third "X#3"."""
    seen: Counter[str] = Counter()
    out = []
    for i in ids:
        seen[i] += 1
        out.append(i if seen[i] == 1 else f"{i}#{seen[i]}")
    return out
