"""The one-writer rule: while ``sitrep serve`` runs it owns the store, and says so in a
small file beside it (``<db>.serve.json``: url, pid). Other writers read it and stop
with a message (or go through the server) instead of waiting on DuckDB's lock."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.errors import StoreServedError


def marker(db: str | Path) -> Path:
    p = Path(db)
    return p.with_name(p.name + defaults.SERVE_LOCK_SUFFIX)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def served_by(db: str | Path) -> dict[str, Any] | None:
    """The running server that owns ``db`` ({"url", "pid"}), or None. A marker left by a
    server that died is ignored."""
    m = marker(db)
    try:
        info = json.loads(m.read_text(encoding="utf-8"))
        pid = int(info["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if _alive(pid) and pid != os.getpid() else None


def check_not_served(db: str | Path, *, reading: bool = False) -> None:
    """Raise StoreServedError when a running ``sitrep serve`` owns ``db``."""
    info = served_by(db)
    if info is not None and reading:
        raise StoreServedError(
            f"the store is served by `sitrep serve` at {info.get('url')} (pid {info.get('pid')}), which owns it "
            f"while it runs: read it through {info.get('url')}/api/events (CSV with format=csv), "
            "or stop the server first", item=str(db))
    if info is not None:
        raise StoreServedError(
            f"the store is served by `sitrep serve` at {info.get('url')} (pid {info.get('pid')}), which owns it "
            f"while it runs: ingest through it with --server {info.get('url')} --token TOKEN "
            "(a reviewer's token from `sitrep users add`), or stop the server first", item=str(db))


def claim(db: str | Path, url: str) -> Path:
    m = marker(db)
    m.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    return m


def release(db: str | Path) -> None:
    m = marker(db)
    try:
        info = json.loads(m.read_text(encoding="utf-8"))
        if int(info.get("pid", -1)) == os.getpid():
            m.unlink()
    except (OSError, ValueError, TypeError):
        pass
