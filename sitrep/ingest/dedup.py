"""Article deduplication: exact copies and near-duplicates (syndication, small edits).

* **Exact**: two texts are the same article when their whitespace-normalised
  text hashes alike (:func:`content_key`, the same hash as
  :func:`sitrep.models.article_id_for`, so a stored article's id *is* its key).
* **Near**: MinHash signatures (datasketch, word 5-gram shingles hashed with
  CRC-32, 128 permutations, seed 1: stored signatures depend on all four, so
  changing one needs the store's signatures recomputed) banded for locality-sensitive hashing. The bands live in the
  store (table ``article_bands``), so the index survives restarts and needs no
  rebuild; a band hit is only a candidate, confirmed when the signatures agree
  on at least ``defaults.NEAR_DUPLICATE_JACCARD`` of their positions (the
  MinHash estimate of the shingle Jaccard similarity).

A duplicate is stored once: the first copy is the article, later copies are
*reports* of it (url, outlet, id, title), see :mod:`sitrep.store.db`.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from sitrep import defaults
from sitrep.models import article_id_for

_WORD = re.compile(r"\w+", re.UNICODE)
_SEED = 1  # fixed: signatures are stored and must compare across runs


def content_key(text: str) -> str:
    """The exact-duplicate key of a text (= the stored article id)."""
    return article_id_for(text)


def shingles(text: str, k: int = defaults.SHINGLE_WORDS) -> list[bytes]:
    """Lower-cased word k-grams of ``text`` (set semantics are MinHash's business)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def signatures(texts: Sequence[str]) -> list[np.ndarray | None]:
    """MinHash signatures (uint32 arrays) of several texts; None for a text too
    short to deduplicate other than exactly (``defaults.NEAR_DUPLICATE_MIN_WORDS``)."""
    from datasketch import MinHash

    out: list[np.ndarray | None] = [None] * len(texts)
    k = defaults.SHINGLE_WORDS
    todo = []
    for i, t in enumerate(texts):
        words = _WORD.findall(t.lower())
        if len(words) >= max(defaults.NEAR_DUPLICATE_MIN_WORDS, k):
            todo.append((i, [" ".join(words[j:j + k]).encode("utf-8") for j in range(len(words) - k + 1)]))
    if not todo:
        return out
    hashed = MinHash.bulk([s for _, s in todo], num_perm=defaults.MINHASH_PERMUTATIONS, seed=_SEED,
                          hashfunc=zlib.crc32)
    for (i, _), mh in zip(todo, hashed, strict=True):
        out[i] = np.asarray(mh.hashvalues, dtype=np.uint32)
    return out


def signature(text: str) -> np.ndarray | None:
    return signatures([text])[0]


def band_hashes(sig: np.ndarray, bands: int = defaults.LSH_BANDS) -> list[int]:
    """One signed 64-bit hash per LSH band of a signature (fits a BIGINT column)."""
    rows = len(sig) // bands
    out = []
    for b in range(bands):
        digest = hashlib.blake2b(sig[b * rows:(b + 1) * rows].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two texts' shingle sets."""
    return float(np.mean(a == b))


def sig_to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def sig_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


@dataclass
class PendingIndex:
    """Articles accepted in this run but maybe not committed yet: an in-memory
    mirror of the store's band table so copies inside one batch are found too."""

    bands: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    sigs: dict[str, np.ndarray] = field(default_factory=dict)

    def add(self, article_id: str, sig: np.ndarray, hashes: Iterable[int]) -> None:
        self.sigs[article_id] = sig
        for b, h in enumerate(hashes):
            self.bands.setdefault((b, h), []).append(article_id)

    def candidates(self, hashes: Iterable[int]) -> set[str]:
        found: set[str] = set()
        for b, h in enumerate(hashes):
            found.update(self.bands.get((b, h), ()))
        return found

    def clear(self) -> None:
        self.bands.clear()
        self.sigs.clear()
