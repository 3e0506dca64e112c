"""The DuckDB store: schema and migrations, article dedup, transactions, queries, locking."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest
from conftest import SEED_DATE, seed_text, shared_file
from store_helpers import make_event

from sitrep.errors import StoreError
from sitrep.models import Actor, Article, Place, article_id_for
from sitrep.store import Store
from sitrep.store.schema import SCHEMA_VERSION

US = Actor(text="US", name="United States", country="USA", type="military", inter=8, code="USAMIL")
KH = Actor(text="Kataeb Hizbullah", name="Kataib Hezbollah", country="IRQ", type="militia", inter=3)


def seed_article(**kw: object) -> Article:
    return Article(text=seed_text(), id="militias-truce", date=SEED_DATE, **kw)  # type: ignore[arg-type]


def edited(text: str) -> str:
    """A light syndication edit: new dateline, one sentence reworded, a tagline."""
    lines = text.splitlines()
    out = ["BAGHDAD (Wire) - " + lines[0]] + lines[1:]
    body = "\n".join(out).replace("have reportedly agreed", "reportedly agreed", 1)
    return body + "\n\n(Reporting by the wire desk; editing by the news desk)\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "t.db")
    yield s
    s.close()


# --- schema ------------------------------------------------------------------------------


def test_new_store_has_current_schema(store: Store) -> None:
    assert store.schema_version == SCHEMA_VERSION
    assert store.stats() == {"articles": 0, "article_reports": 0, "events": 0, "clusters": 0,
                             "merged_clusters": 0, "failures": 0, "batches": 0}


def test_migrates_an_empty_duckdb_file(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE unrelated (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="migrate"):
        Store.open(path, read_only=True)
    s = Store.open(path)
    assert s.schema_version == SCHEMA_VERSION
    s.close()


def test_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_read_only_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store.open(tmp_path / "missing.db", read_only=True)
    Store.open(tmp_path / "s.db").close()
    ro = Store.open(tmp_path / "s.db", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.add_articles([seed_article()])


# --- articles ------------------------------------------------------------------------------


def test_seed_twice_and_an_edited_copy_is_one_article(store: Store) -> None:
    first = store.add_articles([seed_article(url="https://example.org/a", source="The Irish Times")])
    assert len(first.new) == 1 and first.new[0].id == article_id_for(seed_text())
    again = store.add_articles([seed_article(url="https://example.org/a", source="The Irish Times")])
    assert len(again.seen) == 1 and not again.new
    copy = store.add_articles([seed_article(url="https://wire.example/b", source="Wire")])
    assert len(copy.duplicate) == 1 and copy.duplicate[0][2] == 1.0
    near = store.add_articles([Article(text=edited(seed_text()), id="wire-123", url="https://other.example/c",
                                       source="Other Post")])
    assert len(near.duplicate) == 1
    _, target, sim = near.duplicate[0]
    assert target == first.new[0].id and 0.8 <= sim < 1.0
    assert store.stats()["articles"] == 1
    reports = store.article_reports(target)
    assert [r["relation"] for r in reports] == ["original", "exact", "near"]
    assert {r["source"] for r in reports} == {"The Irish Times", "Wire", "Other Post"}
    assert store.article("wire-123").id == target  # found by an external id too


def test_a_different_article_is_not_a_near_duplicate(store: Store) -> None:
    voa = [json.loads(line) for line in shared_file("corpora", "voa_news.jsonl").read_text().splitlines()[:40]]
    res = store.add_articles([Article.from_dict(r) for r in voa] + [seed_article()])
    assert len(res.new) == 41 and not res.duplicate


def test_copies_within_one_batch(store: Store) -> None:
    res = store.add_articles([seed_article(source="A"), seed_article(source="B"),
                              Article(text=edited(seed_text()), id="x", source="C")])
    assert len(res.new) == 1 and len(res.duplicate) == 2


def test_duplicate_id_with_different_text_is_refused(store: Store) -> None:
    voa = json.loads(shared_file("corpora", "voa_news.jsonl").read_text().splitlines()[0])
    store.add_articles([(seed_article(), "batch.jsonl:1")])
    res = store.add_articles([(Article(text=voa["text"], id="militias-truce"), "batch.jsonl:7")])
    assert not res.new and len(res.failed) == 1
    assert "duplicate id" in res.failed[0].reason and res.failed[0].item == "batch.jsonl:7"
    # the same id in another file or from another outlet is another article
    other = store.add_articles([(Article(text=voa["text"], id="militias-truce"), "other.jsonl:1")])
    assert len(other.new) == 1


def test_short_texts_only_exact(store: Store) -> None:
    a = Article(text="Rockets hit a US base in eastern Syria on Monday, officials said.", id="s1")
    b = Article(text="Rockets hit a US base in eastern Syria on Tuesday, officials said.", id="s2")
    res = store.add_articles([a, b])
    assert len(res.new) == 2


# --- transactions and concurrency -----------------------------------------------------------


def test_atomic_rolls_back_everything(store: Store) -> None:
    ev = make_event(article_id_for(seed_text()), "Four fighters were killed in US strikes.", trigger="strikes",
                    actor=[US], recipient=[KH])
    with pytest.raises(RuntimeError), store.atomic():
        store.add_articles([seed_article()])
        store.add_events(ev.article_id, [ev])
        raise RuntimeError("crash mid-batch")
    assert store.stats()["articles"] == 0 and store.stats()["events"] == 0


def test_reader_sees_only_committed_batches(store: Store) -> None:
    reader = store.reader()
    with store.atomic():
        store.add_articles([seed_article()])
        assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_waits_for_another_process_and_gives_up_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    Store.open(path).close()
    script = textwrap.dedent(f"""
        import sys, duckdb
        con = duckdb.connect({str(path)!r})
        print("held", flush=True)
        sys.stdin.readline()
        con.close()
    """)
    with subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as holder:
        try:
            assert holder.stdout.readline().strip() == "held"
            with pytest.raises(StoreError, match="another process"):
                Store.open(path, read_only=True, lock_timeout=0.3)
            holder.stdin.write("\n")
            holder.stdin.flush()
            s = Store.open(path, read_only=True, lock_timeout=60)  # waits until the holder lets go
            assert s.stats()["articles"] == 0
            s.close()
        finally:
            holder.kill()


def test_waits_for_this_process_s_read_write_connection(tmp_path: Path) -> None:
    """A read-only open while this process still holds the file read-write (a server's last
    request finishing in a worker thread) waits for it to let go, as for another process."""
    path = tmp_path / "inproc.db"
    holder = Store.open(path)
    holder.add_articles([seed_article()])
    with pytest.raises(StoreError, match="another process or connection"):
        Store.open(path, read_only=True, lock_timeout=0.2)
    timer = threading.Timer(0.3, holder.close)
    timer.start()
    try:
        s = Store.open(path, read_only=True, lock_timeout=30)  # waits until the holder lets go
        assert s.stats()["articles"] == 1
        s.close()
    finally:
        timer.cancel()
        holder.close()


def test_hold_lock_false_lets_others_in(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    w = Store.open(path, hold_lock=False)
    w.add_articles([seed_article()])
    out = subprocess.run(
        [sys.executable, "-c", f"from sitrep.store import Store; print(Store.open({str(path)!r}, read_only=True, "
                               "lock_timeout=5).stats()['articles'])"],
        capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


# --- queries ----------------------------------------------------------------------------------


def test_event_filters(store: Store) -> None:
    text = seed_text()
    aid = article_id_for(text)
    strike = make_event(aid, next(s for s in text.splitlines() if "killed in US strikes" in s), text,
                        trigger="strikes", mode="aerial", actor=[US], recipient=[KH], fatalities=4,
                        place=Place(text="Syria", name="Abu Kamal", country="SYR", lat=34.45, lon=40.92,
                                    geo_precision=2), date="2021-06-27")
    strike = dataclasses.replace(strike, acled_event_type="Explosions/Remote violence",
                                 acled_sub_event_type="Air/drone strike")
    march = make_event(aid, next(s for s in text.splitlines() if "Tahrir" in s or "Liberation" in s), text,
                       trigger="march" if "march" in text else "Square", event="PROTEST",
                       actor=[Actor(text="fighters", name="Iraqi militias", country="IRQ", type="militia")],
                       place=Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.34, lon=44.40,
                                   geo_precision=1), date="2021-06-29")
    store.add_events(aid, [strike, march])
    assert [e.event for e in store.events(type="assault")] == ["ASSAULT"]
    assert [e.event for e in store.events(type="Air/drone strike")] == ["ASSAULT"]
    assert [e.event for e in store.events(actor="kataib")] == ["ASSAULT"]
    assert [e.event for e in store.events(actor="USAMIL")] == ["ASSAULT"]
    assert [e.event for e in store.events(country="Iraq")] == ["ASSAULT", "PROTEST"]  # KH is Iraqi
    assert [e.event for e in store.events(country="SYR")] == ["ASSAULT"]
    assert [e.event for e in store.events(since="2021-06-28")] == ["PROTEST"]
    assert [e.event for e in store.events(until="2021-06-28")] == ["ASSAULT"]
    assert store.events(origin="ucdp") == []
    assert store.events()[0] == strike  # a one-report event is its report, unchanged


def test_failures_are_logged_once(store: Store) -> None:
    from sitrep.models import CodingFailure

    f = CodingFailure(item="x.txt", reason="no text to code", error="EmptyInputError")
    store.log_failures([f])
    store.log_failures([f])
    assert store.failures() == [f]
