"""Corpus-wide steps of a Dask run: near-duplicates across partitions and cross-report merging
by blocks give the store a single-machine ingest gives (after ``ingest --from-parquet``)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_file

from sitrep.batch.parquet import ParquetStore, load_into_store
from sitrep.batch.runner import run_batch
from sitrep.ingest.run import ingest
from sitrep.store import Store

pytest.importorskip("distributed", reason="needs the dask extra: pip install 'sitrep[dask]'")

#: VOA reports whose events merge with other VOA reports (found by a single-machine ingest of the corpus).
MERGING_VOA = (
    "VOA_EN_NW_2016.02.08.3181623", "VOA_EN_NW_2016.02.10.3184811", "VOA_EN_NW_2016.02.14.3190340",
    "VOA_EN_NW_2016.02.17.3194684", "VOA_EN_NW_2016.06.15.3376531", "VOA_EN_NW_2016.06.27.3393580",
    "VOA_EN_NW_2016.07.11.3412014", "VOA_EN_NW_2016.07.12.3415627", "VOA_EN_NW_2016.07.14.3417836",
    "VOA_EN_NW_2016.07.19.3424061", "VOA_EN_NW_2016.07.23.3431608", "VOA_EN_NW_2016.09.21.3519438",
    "VOA_EN_NW_2016.09.27.3527025", "VOA_EN_NW_2016.10.18.3556203", "VOA_EN_NW_2016.10.19.3557471",
    "VOA_EN_NW_2017.04.05.3797975", "VOA_EN_NW_2017.04.07.3800274",
)


def _corpus(tmp_path: Path) -> Path:
    """Merging VOA reports and short Reuters items, with exact and near copies placed in
    other partitions than their originals, and one unreadable line."""
    voa = {}
    with shared_file("corpora", "voa_news.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in MERGING_VOA:
                voa[rec["id"]] = rec
    assert len(voa) == len(MERGING_VOA)
    with shared_file("corpora", "reuters21578.jsonl").open(encoding="utf-8") as fh:
        reuters = [json.loads(line) for line in itertools.islice(fh, 30)]
    originals = [voa[i] for i in MERGING_VOA]
    exact = [{**originals[i], "id": f"copy-{i}", "source": "Syndicator"} for i in (0, 5, 9)]
    near = []
    for i in (2, 7, 12):
        words = originals[i]["text"].split(" ")
        words[len(words) // 2] = "reportedly"  # one word changed and a line added: a near copy
        near.append({**originals[i], "id": f"near-{i}", "source": "Aggregator",
                     "text": " ".join(words) + "\nThis report was compiled from agency material."})
    # another outlet running the first paragraph of a report: another article (too short to be a near
    # copy), whose events are told in the same words, so they merge with the original's (dedup.py)
    leads = []
    for i in (3, 8, 11):
        text = originals[i]["text"]
        cut = max(text.find(". ", 300), 300)
        leads.append({**originals[i], "id": f"lead-{i}", "source": "Wire", "text": text[:cut + 1]})
    rows = (originals[:9] + reuters[:15] + exact[:1] + near[:1] + leads[:1] + originals[9:] + reuters[15:]
            + exact[1:] + near[1:] + leads[1:])
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(r) for r in rows]
    lines.insert(20, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(store: Any) -> dict[str, Any]:
    con = store._connect()

    def q(sql: str) -> list[Any]:
        return sorted(con.execute(sql).fetchall())

    return {
        "articles": q("SELECT article_id, text, title, date, source, ext_id FROM articles"),
        "reports": q("SELECT content_key, article_id, relation, round(similarity, 6), ext_id, source, item "
                     "FROM article_reports"),
        "events": q("SELECT event_id, article_id, record FROM events"),
        "clusters": q("SELECT l.cluster_id, list(l.event_id ORDER BY l.event_id) FROM event_links l GROUP BY 1"),
        "canonical": q("SELECT cluster_id, record, n_reports, n_articles FROM clusters"),
    }


def test_dask_ingest_then_from_parquet_equals_a_single_machine_ingest(tmp_path: Path) -> None:
    from sitrep.batch.runner import local_cluster

    path = _corpus(tmp_path)
    out = tmp_path / "run"
    with local_cluster(2) as cl:
        manifest = run_batch([str(path)], out, mode="ingest", dask=cl.scheduler_address, partition_size=8)
    assert manifest["status"] == "complete"
    dups = manifest["corpus"]["articles"]
    assert dups["exact"] >= 3 and dups["near"] >= 3  # our copies (Reuters has some of its own), across partitions
    assert manifest["corpus"]["events"]["merged"] > 0  # reports merged across articles

    single = Store.open(tmp_path / "single.db")
    summary = ingest([str(path)], single, progress=False)
    assert summary.articles_duplicate == dups["exact"] + dups["near"] and summary.events_merged > 0

    loaded = Store.open(tmp_path / "loaded.db")
    from_parquet = load_into_store(out, loaded, progress=False)
    assert from_parquet.to_dict() | {"seconds": 0} == summary.to_dict() | {"seconds": 0}
    want = _snapshot(single)
    assert _snapshot(loaded) == want
    failures = [(f.item, f.reason, f.error) for f in single.failures()]
    assert [(f.item, f.reason, f.error) for f in loaded.failures()] == failures
    assert f"{path}:21" in [item for item, _, _ in failures]  # the broken line, named as ingest names it

    # the corpus-wide steps on the cluster found the same copies and the same clusters
    view = ParquetStore(out)
    got = _snapshot_view(view)
    assert got["reports"] == want["reports"]
    assert got["clusters"] == want["clusters"]
    assert got["canonical"] == want["canonical"]
    assert [e.to_json() for e in view.events()] == [e.to_json() for e in single.events()]


def _snapshot_view(view: ParquetStore) -> dict[str, Any]:
    con = view._connect()

    def q(sql: str) -> list[Any]:
        return sorted(con.execute(sql).fetchall())

    return {
        "reports": q("SELECT content_key, article_id, relation, round(similarity, 6), ext_id, source, item "
                     "FROM article_reports"),
        "clusters": q("SELECT l.cluster_id, list(l.event_id ORDER BY l.event_id) FROM event_links l GROUP BY 1"),
        "canonical": q("SELECT cluster_id, record, n_reports, n_articles FROM clusters"),
    }


def test_blocks_never_split_reports_that_can_merge() -> None:
    from sitrep.batch.corpus import plan_blocks

    keys = [
        (1, "ASSAULT", "2024-01-01", "2024-01-01"),
        (2, "ASSAULT", "2024-01-02", "2024-01-02"),  # within a day's slack of 1: same block
        (3, "ASSAULT", "2024-01-10", "2024-01-10"),  # far from the others: its own block
        (4, "PROTEST", "2024-01-01", "2024-01-01"),  # another type: its own block
        (5, "ASSAULT", "2024-01-03", "2024-01-09"),  # a week-long date chains 2 and 3 together
        (6, "ASSAULT", None, None),  # never merges: alone
    ]
    blocks = sorted(plan_blocks(keys))
    assert blocks == [[1, 2, 3, 5], [4], [6]]
