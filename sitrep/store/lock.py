"""One writer per store: ``sitrep ingest`` and ``sitrep import`` hold a lock file
beside the store for their whole run.

DuckDB's own lock only holds while a transaction is open (``hold_lock=False``
stores release the file between batches so that readers get in), so two ingests
on one store would otherwise interleave: both code everything, both write the
near-duplicate index, and both take the same next batch id. The second writer is
refused at once with :class:`~sitrep.errors.StoreBusyError` naming the process
holding the lock (or waits up to ``wait`` seconds for it). The lock is an
``flock`` on ``<store>.writer.lock``: the kernel releases it when the holder exits,
even by kill -9, so a stale lock never blocks the next run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitrep.errors import StoreBusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: DuckDB's own lock is all there is
    fcntl = None  # type: ignore[assignment]


def lock_path(store_path: str | Path) -> Path:
    p = Path(store_path)
    return p.with_name(p.name + ".writer.lock")


@contextmanager
def writer_lock(store_path: str | Path, *, wait: float = 0.0, what: str = "ingest") -> Iterator[None]:
    """Hold the store's writer lock for the block; StoreBusyError when another
    process (or another block of this one) holds it for more than ``wait`` seconds."""
    if fcntl is None or str(store_path) == ":memory:":
        yield
        return
    path = lock_path(store_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
                    raise StoreBusyError(
                        f"another sitrep run is writing to this store ({holder}); wait for it to finish, "
                        "or use another --db", item=str(store_path)) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what}, pid {os.getpid()}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
