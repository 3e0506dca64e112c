"""Partitions of a batch run: planned on the driver, read on workers, named like read_sources."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sitrep.batch.partitions import fingerprint, plan_partitions, read_partition
from sitrep.errors import BatchError
from sitrep.ingest.sources import read_sources
from sitrep.models import Article, CodingFailure


def _jsonl(path: Path, n: int, bad: set[int] = frozenset()) -> Path:  # type: ignore[assignment]
    lines = []
    for i in range(n):
        if i in bad:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"id": f"a{i}", "text": f"Article number {i} about rain.", "date": "2024-05-01"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _items(parts: list, **kw: object) -> list:  # type: ignore[type-arg]
    return [x for p in parts for x in read_partition(p, **kw)]  # type: ignore[arg-type]


def _same(a: Article | CodingFailure, b: Article | CodingFailure) -> bool:
    if isinstance(a, CodingFailure) or isinstance(b, CodingFailure):
        return isinstance(a, CodingFailure) and isinstance(b, CodingFailure) and (a.item, a.reason) == (b.item, b.reason)
    return a == b


def test_jsonl_partitions_read_what_read_sources_reads(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "news.jsonl", 23, bad={4, 17})
    parts = plan_partitions([str(path)], size=5)
    assert [p.kind for p in parts] == ["jsonl"] * 5
    assert [p.first_line for p in parts] == [1, 6, 11, 16, 21]
    assert [p.seq0 for p in parts] == [0, 5, 10, 15, 20]
    got = [x for _, x in _items(parts)]
    want = list(read_sources([str(path)]))
    assert len(got) == len(want) == 23
    assert all(_same(a, b) for a, b in zip(got, want, strict=True))
    failed = [x for x in got if isinstance(x, CodingFailure)]
    assert [f.item for f in failed] == [f"{path}:5", f"{path}:18"]  # real line numbers, not partition-relative


def test_folder_partitions_keep_relative_ids_and_order(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    (root / "b").mkdir(parents=True)
    for name in ("a1.txt", "a2.txt", "b/c3.txt"):
        (root / name).write_text(f"Police said {name} was quiet.\n", encoding="utf-8")
    _jsonl(root / "b" / "more.jsonl", 3)
    parts = plan_partitions([str(root)], size=2)
    assert [p.kind for p in parts] == ["files", "files", "jsonl", "jsonl"]  # a1+a2, b/c3, more.jsonl in 2+1 lines
    got = [x for _, x in _items(parts)]
    want = list(read_sources([str(root)]))
    assert [getattr(x, "id", None) for x in got] == [getattr(x, "id", None) for x in want]
    assert [x.id for x in got if isinstance(x, Article)][:3] == ["a1", "a2", "b/c3"]


def test_parquet_input_is_split_by_rows(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(7)], "text": [f"Text {i} here." for i in range(6)] + [None],
                             "title": ["t"] * 7}), path)
    parts = plan_partitions([str(path)], size=3)
    assert [(p.start, p.stop) for p in parts] == [(0, 3), (3, 6), (6, 7)]
    got = _items(parts)
    assert [x.id for _, x in got if isinstance(x, Article)] == [f"p{i}" for i in range(6)]
    bad = got[-1][1]
    assert isinstance(bad, CodingFailure) and bad.item.startswith(f"{path}:7") and "text" in bad.reason


def test_unsupported_inputs_are_refused_with_the_item(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="stdin or URLs"):
        plan_partitions(["-"])
    with pytest.raises(BatchError, match="no such file") as exc:
        plan_partitions([str(tmp_path / "missing.jsonl")])
    assert exc.value.item == str(tmp_path / "missing.jsonl")


def test_fingerprint_follows_the_input_and_settings(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "news.jsonl", 6)
    parts = plan_partitions([str(path)], size=4)
    fp = fingerprint(parts, mode="code")
    assert fingerprint(plan_partitions([str(path)], size=4), mode="code") == fp
    assert fingerprint(parts, mode="ingest") != fp
    assert fingerprint(plan_partitions([str(path)], size=3), mode="code") != fp
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert fingerprint(plan_partitions([str(path)], size=4), mode="code") != fp


def test_partitions_close_at_the_byte_cap(tmp_path: Path) -> None:
    """Long reports make smaller partitions than short items: a partition holds ``size``
    items or about ``max_bytes`` of input, whichever comes first."""
    path = tmp_path / "news.jsonl"
    short = [json.dumps({"id": f"s{i}", "text": f"Short item {i}."}) for i in range(6)]
    long = [json.dumps({"id": f"l{i}", "text": "Police said the town was calm. " * 100}) for i in range(4)]
    path.write_text("\n".join(short + long) + "\n", encoding="utf-8")
    parts = plan_partitions([str(path)], size=5, max_bytes=5000)
    # 5 short items (the item cap); 1 short + 2 long (~3.1 KB each: the second passes the cap); 2 long
    assert [p.first_line for p in parts] == [1, 6, 9]
    assert sum(p.nbytes for p in parts) == path.stat().st_size
    assert all(p.nbytes < 5000 + 3200 for p in parts)  # the cap, passed by one line at most
    got = [x for _, x in _items(parts)]
    assert [x.id for x in got if isinstance(x, Article)] == [f"s{i}" for i in range(6)] + [f"l{i}" for i in range(4)]


def test_folder_and_parquet_partitions_follow_the_byte_cap(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path / "archive"
    root.mkdir()
    for i in range(6):
        (root / f"a{i}.txt").write_text("Troops were seen near the border. " * 30, encoding="utf-8")  # ~1 KB
    parts = plan_partitions([str(root)], size=100, max_bytes=2500)
    assert [len(p.files) for p in parts] == [3, 3]
    assert [p.nbytes for p in parts] == [sum((root / f"a{i}.txt").stat().st_size for i in k) for k in ((0, 1, 2),
                                                                                                        (3, 4, 5))]
    path = tmp_path / "news.parquet"
    texts = [f"Rebels shelled village {i}. " * 40 for i in range(40)]  # ~1 KB each, all different
    pq.write_table(pa.table({"id": [f"p{i}" for i in range(40)], "text": texts}), path, compression="none")
    parts = plan_partitions([str(path)], size=100, max_bytes=8 * 1024)
    assert 1 < len(parts) < 40 and parts[-1].stop == 40
    assert [x.id for _, x in _items(parts)] == [f"p{i}" for i in range(40)]
