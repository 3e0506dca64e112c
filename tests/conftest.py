"""Shared fixtures. Gold sentences are read from ../shared at run time by set
and id, never copied into the repository; a test that needs an absent set is
skipped with the reason."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from sitrep import defaults

SHARED = defaults.SHARED_DIR
GOLD = SHARED / "gold"


def shared_file(*parts: str) -> Path:
    """Path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared gold/corpora folder is not beside this checkout)")
    return path


@cache
def _jsonl_index(path: Path, key: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[str(rec.get(key))] = rec
    return out


def gold_record(set_file: str, record_id: str, key: str = "id") -> dict[str, Any]:
    """One record of a JSONL gold set, e.g. gold_record("plover/plover_gsr.jsonl", "PLOVER-GSR01-AGREE-0001")."""
    path = shared_file("gold", *set_file.split("/"))
    index = _jsonl_index(path, key)
    if record_id not in index:
        pytest.fail(f"{record_id} not in {path}")
    return index[record_id]


def seed_text() -> str:
    return shared_file("seed", "militias-truce.txt").read_text(encoding="utf-8")


SEED_DATE = "2021-07-01"  # per ../shared/seed/README.md
