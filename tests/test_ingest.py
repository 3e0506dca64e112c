"""ingest(): sources -> dedup -> coder -> store, per batch in one transaction.

Most tests use store_helpers.toy_coder (deterministic, one event per trigger
sentence) so they test the ingest path, not the coder; one end-to-end test
runs the real coder on the seed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SEED_DATE, seed_text, shared_file
from store_helpers import toy_coder

from sitrep.ingest.run import IngestSummary, ingest
from sitrep.models import article_id_for
from sitrep.store import Store

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def voa_lines(n: int) -> list[str]:
    return shared_file("corpora", "voa_news.jsonl").read_text(encoding="utf-8").splitlines()[:n]


def edited(text: str) -> str:
    lines = text.splitlines()
    body = "\n".join(["(Wire) " + lines[0]] + lines[1:]).replace("have reportedly agreed", "reportedly agreed", 1)
    return body + "\n\nAdditional reporting by the wire desk.\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "t.db")
    yield s
    s.close()


def test_seed_twice_and_edited_copy_end_to_end(tmp_path: Path, store: Store) -> None:
    """The real coder: one article cluster, no duplicate events, however often it comes."""
    a = tmp_path / "irish-times" / "militias-truce.txt"
    a.parent.mkdir()
    a.write_text(seed_text(), encoding="utf-8")
    b = tmp_path / "wire" / "truce-copy.txt"
    b.parent.mkdir()
    b.write_text(edited(seed_text()), encoding="utf-8")
    first = ingest([a], store, progress=False, default_date=SEED_DATE)
    assert (first.articles_new, first.articles_failed) == (1, 0)
    events_after_first = store.stats()["events"]
    again = ingest([a, b], store, progress=False, default_date=SEED_DATE)
    assert again.articles_new == 0 and again.articles_seen == 1 and again.articles_duplicate == 1
    assert again.events_new == 0
    assert store.stats()["articles"] == 1
    assert store.stats()["events"] == events_after_first
    reports = store.article_reports(article_id_for(seed_text()))
    assert [r["relation"] for r in reports] == ["original", "near"]
    ids = [e.event_id for e in store.events(reports=True)]
    assert len(ids) == len(set(ids)) == events_after_first


def test_summary_counts_and_failures(tmp_path: Path, store: Store) -> None:
    lines = voa_lines(6)
    f = tmp_path / "batch.jsonl"
    bad = json.dumps({"id": "refused", "text": "FAILME " + seed_text()})
    f.write_text("\n".join(lines[:3] + ["{not json", bad] + lines[3:] + [lines[0]]) + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n")
    s = ingest([f, tmp_path / "empty.txt"], store, progress=False, coder=toy_coder, batch_size=3)
    assert isinstance(s, IngestSummary)
    assert (s.articles_new, s.articles_duplicate, s.articles_failed) == (6, 0, 3)
    assert s.articles_seen == 1  # the repeated first line: the very same copy
    assert s.events_new == store.stats()["events"] > 0
    items = {fl.item.split(" ")[0]: fl.error for fl in store.failures()}
    assert items[f"{f}:4"] == "MalformedRecordError"
    assert items[str(tmp_path / "empty.txt")] == "EmptyInputError"
    assert any(k.startswith(f"{f}:refused") for k in items)  # the coder's failure names the item
    assert "6 new" in str(s) and "3 failed" in str(s)
    again = ingest([f], store, progress=False, coder=toy_coder, batch_size=4)
    assert again.articles_new == 0 and again.events_new == 0 and again.articles_seen == 7
    # the article the coder refused was not stored, so a later run tries it again
    assert again.articles_failed == 2


def test_events_merge_across_articles(tmp_path: Path, store: Store) -> None:
    # toy events carry no place or actor: nothing anchors them, so nothing merges
    f = tmp_path / "v.jsonl"
    f.write_text("\n".join(voa_lines(30)) + "\n")
    s = ingest([f], store, progress=False, coder=toy_coder)
    assert s.events_merged == 0 and store.stats()["clusters"] == store.stats()["events"]


# --- crash safety -----------------------------------------------------------------------------

_WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}, {root!r}]
    from sitrep.store import Store
    from sitrep.ingest.run import ingest
    from store_helpers import toy_coder
    store = Store.open({db!r}, hold_lock=False)
    ingest([{src!r}], store, progress=False, coder=toy_coder, batch_size=5,
           on_batch=lambda bid, s: print("committed", bid, flush=True))
    print("done", flush=True)
""")


def _state(db: Path) -> dict:
    s = Store.open(db, read_only=True)
    con = s.reader()
    st = {
        "articles": sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()),
        "events": sorted(r[0] for r in con.execute("SELECT event_id FROM events").fetchall()),
        "reports": con.execute("SELECT count(*), count(DISTINCT report_id) FROM article_reports").fetchone(),
        "batch_articles": con.execute("SELECT coalesce(sum(n_articles), 0) FROM batches").fetchone()[0],
        "batch_events": con.execute("SELECT coalesce(sum(n_events), 0) FROM batches").fetchone()[0],
        "texts": dict(con.execute("SELECT article_id, text FROM articles").fetchall()),
        "links": con.execute("SELECT count(*), count(DISTINCT event_id) FROM event_links").fetchone(),
    }
    s.close()
    return st


def _complete(st: dict) -> None:
    """No half-written batch: every stored article has exactly the events the coder gives it."""
    from sitrep.models import Article

    expected = set()
    for aid, text in st["texts"].items():
        for _, evs in toy_coder([Article(text=text, id=aid)]):
            expected.update(e.event_id for e in evs)
    assert set(st["events"]) == expected
    assert st["batch_articles"] == len(st["articles"])
    assert st["batch_events"] == len(st["events"])
    assert st["reports"][0] == st["reports"][1]
    assert st["links"][0] == st["links"][1] == len(st["events"])


def test_kill_9_mid_ingest_then_resume(tmp_path: Path) -> None:
    src = tmp_path / "v.jsonl"
    src.write_text("\n".join(voa_lines(120)) + "\n")
    db = tmp_path / "k.db"
    script = _WRITER.format(tests=str(TESTS), root=str(ROOT), db=str(db), src=str(src))
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as proc:
        committed = 0
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.startswith("committed"):
                committed += 1
            if committed == 4:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _state(db)
    assert 20 <= len(partial["articles"]) < 120
    _complete(partial)
    # resume: the same command again
    store = Store.open(db)
    s = ingest([src], store, progress=False, coder=toy_coder, batch_size=5)
    store.close()
    assert s.articles_seen >= len(partial["articles"])
    final = _state(db)
    _complete(final)
    # exactly what one uninterrupted run stores
    clean_db = tmp_path / "clean.db"
    clean = Store.open(clean_db)
    ingest([src], clean, progress=False, coder=toy_coder, batch_size=7)
    clean.close()
    ref = _state(clean_db)
    assert final["articles"] == ref["articles"] and final["events"] == ref["events"]


_READER = textwrap.dedent("""
    import json, os, sys, time
    sys.path[:0] = [{root!r}]
    from sitrep.store import Store
    seen, bad = [], []
    while True:
        done = os.path.exists({flag!r})
        s = Store.open({db!r}, read_only=True, lock_timeout=120)
        con = s.reader()
        con.execute("BEGIN TRANSACTION")
        n_art = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_ev = con.execute("SELECT count(*) FROM events").fetchone()[0]
        b_art, b_ev = con.execute("SELECT coalesce(sum(n_articles),0), coalesce(sum(n_events),0) FROM batches").fetchone()
        orphans = con.execute("SELECT count(*) FROM events e WHERE NOT EXISTS "
                              "(SELECT 1 FROM articles a WHERE a.article_id = e.article_id)").fetchone()[0]
        unlinked = con.execute("SELECT count(*) FROM events e WHERE NOT EXISTS "
                               "(SELECT 1 FROM event_links l WHERE l.event_id = e.event_id)").fetchone()[0]
        con.execute("COMMIT")
        s.close()
        seen.append([n_art, n_ev])
        if (n_art, n_ev) != (b_art, b_ev) or orphans or unlinked:
            bad.append([n_art, n_ev, b_art, b_ev, orphans, unlinked])
        if done:
            break
        time.sleep(0.1)
    print(json.dumps({{"seen": seen, "bad": bad}}), flush=True)
""")


def test_two_readers_while_one_writer_ingests(tmp_path: Path) -> None:
    src = tmp_path / "v.jsonl"
    src.write_text("\n".join(voa_lines(60)) + "\n")
    db = tmp_path / "rw.db"
    flag = tmp_path / "writer-done"
    Store.open(db).close()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER.format(tests=str(TESTS), root=str(ROOT), db=str(db),
                                                                    src=str(src))],
                              stdout=subprocess.PIPE, text=True)
    reader_script = _READER.format(root=str(ROOT), db=str(db), flag=str(flag))
    readers = [subprocess.Popen([sys.executable, "-c", reader_script], stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    try:
        out, _ = writer.communicate(timeout=300)
        assert writer.returncode == 0 and "done" in out
        flag.write_text("x")
        results = [json.loads(r.communicate(timeout=300)[0]) for r in readers]
    finally:
        for p in [writer, *readers]:
            if p.poll() is None:
                p.kill()
            p.wait()
            if p.stdout:
                p.stdout.close()
    final = _state(db)
    for res in results:
        assert res["bad"] == []
        assert res["seen"], "the reader never got in"
        assert res["seen"][-1] == [len(final["articles"]), len(final["events"])]
        counts = [a for a, _ in res["seen"]]
        assert counts == sorted(counts)  # never saw the store go backwards


def test_jobs_capped_at_cores_with_warning() -> None:
    from sitrep.errors import WorkersCappedWarning
    from sitrep.ingest.run import cap_workers

    with pytest.warns(WorkersCappedWarning, match="64 workers asked, 2 used .*2 core"):
        assert cap_workers(64, cores=2, available_mb=100_000) == 2
    assert cap_workers(2, cores=2, available_mb=100_000) == 2  # no warning when it fits
    assert cap_workers(1, cores=1, available_mb=10) == 1


def test_jobs_capped_by_available_memory() -> None:
    from sitrep import defaults
    from sitrep.errors import WorkersCappedWarning
    from sitrep.ingest.run import cap_workers

    with pytest.warns(WorkersCappedWarning, match="MB available"):
        assert cap_workers(8, cores=16, available_mb=3 * defaults.WORKER_MEMORY_MB + 10) == 3
    with pytest.warns(WorkersCappedWarning):
        assert cap_workers(8, cores=16, available_mb=10) == 1  # never below one worker
