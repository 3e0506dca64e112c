"""The read cache (sitrep/store/cache.py): answers kept per store version, dropped by every
write through the store or its siblings, bounded per kind."""

from __future__ import annotations

from pathlib import Path

from store_helpers import make_event

from sitrep.models import Article, article_id_for
from sitrep.store import Store
from sitrep.store.cache import ReadCache

S1 = "Gunmen attacked a checkpoint near Mosul, killing three soldiers."
S2 = "Hundreds of students staged a protest in Basra on Tuesday."


def _store(path: Path) -> tuple[Store, Article]:
    s = Store.open(path)
    art = Article(text=S1, id=article_id_for(S1), date="2021-06-28")
    s.add_articles([art])
    s.add_events(art, [make_event(art.id, S1, S1, trigger="attacked")])
    return s, art


def test_an_answer_is_computed_once_per_version(tmp_path: Path) -> None:
    s, _ = _store(tmp_path / "c.db")
    s.enable_read_cache({"k": 10})
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    first = s.cached("k", "a", compute)
    assert s.cached("k", "a", compute) is first and len(calls) == 1
    assert s.cached("other kind", "a", compute) == [2]  # kinds without a size are not kept
    v = s.version
    art = Article(text=S2, id=article_id_for(S2), date="2021-06-29")
    s.add_articles([art])  # any commit is a new version
    assert s.version == v + 1
    assert s.cached("k", "a", compute) == [3]
    s.close()


def test_an_answer_computed_across_a_write_is_not_kept(tmp_path: Path) -> None:
    s, _ = _store(tmp_path / "c.db")
    s.enable_read_cache({"k": 10})
    n = [0]

    def compute_while_someone_writes() -> int:
        n[0] += 1
        if n[0] == 1:
            s.add_articles([Article(text=S2, id=article_id_for(S2), date="2021-06-29")])
        return n[0]

    assert s.cached("k", "a", compute_while_someone_writes) == 1
    assert s.cached("k", "a", compute_while_someone_writes) == 2  # the first answer was not kept
    assert s.cached("k", "a", compute_while_someone_writes) == 2
    s.close()


def test_a_write_through_a_sibling_invalidates_and_pages_see_it(tmp_path: Path) -> None:
    s, _ = _store(tmp_path / "c.db")
    other = s.sibling()  # made before the cache is on: still shares it (the watcher's Store)
    s.enable_read_cache()
    reader = s.sibling()
    page, _ = reader.events_page(limit=10)
    assert reader.events_page(limit=10)[0] is page and len(page) == 1
    art = Article(text=S2, id=article_id_for(S2), date="2021-06-29")
    other.add_articles([art])
    other.add_events(art, [make_event(art.id, S2, S2, trigger="protest", event="PROTEST", date="2021-06-29")])
    fresh, _ = reader.events_page(limit=10)
    assert [e.event for e, _ in fresh] == ["PROTEST", "ASSAULT"]
    s.close()


def test_each_kind_keeps_at_most_its_size() -> None:
    c = ReadCache({"k": 2})
    for key in ("a", "b", "a", "c"):  # "a" used again: "b" is the oldest when "c" comes
        c.get("k", key, 0, lambda key=key: key.upper(), lambda: 0)
    assert set(c._maps["k"]) == {"a", "c"}
    assert (c.hits, c.misses) == (1, 3)
