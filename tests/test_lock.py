"""One writer per store (sitrep/store/lock.py): a second ingest or import on the same
store is refused with a clear message; never double work, duplicated near-duplicate
index rows or reused batch ids."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import shared_file
from store_helpers import toy_coder

from sitrep.errors import StoreBusyError
from sitrep.ingest.run import ingest
from sitrep.store import Store
from sitrep.store.importers import import_ucdp
from sitrep.store.lock import lock_path, writer_lock

TESTS = Path(__file__).parent
ROOT = TESTS.parent

_WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}, {root!r}]
    from sitrep.errors import StoreBusyError
    from sitrep.store import Store
    from sitrep.ingest.run import ingest
    from store_helpers import toy_coder
    import os, time
    store = Store.open({db!r}, hold_lock=False)

    def committed(bid, s):
        print("committed", bid, flush=True)
        # the first writer holds on after its first batch while the test's hold file exists,
        # so the second one meets a running ingest however slowly it starts
        deadline = time.monotonic() + 120
        while {hold!r} and os.path.exists({hold!r}) and time.monotonic() < deadline:
            time.sleep(0.05)

    try:
        ingest([{src!r}], store, progress=False, coder=toy_coder, batch_size=5, on_batch=committed)
    except StoreBusyError as exc:
        print("busy", exc, flush=True)
        sys.exit(3)
    print("done", flush=True)
""")


def _voa(tmp_path: Path, n: int) -> Path:
    lines = shared_file("corpora", "voa_news.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    src = tmp_path / "v.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def test_second_ingest_on_same_store_is_refused(tmp_path: Path) -> None:
    src = _voa(tmp_path, 60)
    db = tmp_path / "s.db"
    Store.open(db).close()
    hold = tmp_path / "hold"
    hold.touch()
    script = _WRITER.format(tests=str(TESTS), root=str(ROOT), db=str(db), src=str(src), hold=str(hold))
    first = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None
        assert first.stdout.readline().startswith("committed")  # the first holds the store now
        again = _WRITER.format(tests=str(TESTS), root=str(ROOT), db=str(db), src=str(src), hold="")
        second = subprocess.run([sys.executable, "-c", again], capture_output=True, text=True, timeout=300)
        hold.unlink()
        assert second.returncode == 3, second.stdout + second.stderr
        assert "another sitrep run is writing to this store" in second.stdout and "pid" in second.stdout
        rest, _ = first.communicate(timeout=300)
        assert first.returncode == 0 and "done" in rest
    finally:
        if first.poll() is None:
            first.kill()
        first.wait()
        if first.stdout:
            first.stdout.close()
    store = Store.open(db, read_only=True)
    con = store._connect()
    bands, distinct = con.execute("SELECT count(*), count(DISTINCT (band, hash, article_id)) FROM article_bands"
                                  ).fetchone()
    assert bands == distinct > 0  # no duplicated near-duplicate index rows
    ids = [r[0] for r in con.execute("SELECT batch_id FROM batches").fetchall()]
    assert len(ids) == len(set(ids))  # no reused batch ids
    n_articles = store.stats()["articles"]
    store.close()
    clean = Store.open(tmp_path / "clean.db")
    ingest([src], clean, progress=False, coder=toy_coder, batch_size=5)
    assert clean.stats()["articles"] == n_articles
    clean.close()


def test_writer_lock_refuses_ingest_and_import_in_process(tmp_path: Path) -> None:
    src = _voa(tmp_path, 5)
    store = Store.open(tmp_path / "s.db")
    with writer_lock(store.path, what="test"):
        with pytest.raises(StoreBusyError, match="test, pid"):
            ingest([src], store, progress=False, coder=toy_coder)
        with pytest.raises(StoreBusyError):
            import_ucdp(store, shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl"))
    assert store.stats()["articles"] == 0 and store.stats()["events"] == 0
    assert ingest([src], store, progress=False, coder=toy_coder).articles_new == 5  # released
    assert lock_path(store.path).exists()
    store.close()
