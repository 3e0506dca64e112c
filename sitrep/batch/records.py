"""Plain rows of a partition and their Parquet files.

A partition becomes three Parquet files whose columns mirror the store's tables
(``sitrep.store.schema``), so DuckDB reads a run's output with the store's own
queries (:mod:`sitrep.batch.parquet`):

* ``articles/part-NNNNN.parquet``: one row per input item, failures included
  (``status`` ok/failed with the reason), in input order (``partition``, ``pos``);
* ``events/part-NNNNN.parquet``: one row per reported event, the store's
  ``events`` columns with the full record as JSON;
* ``actors/part-NNNNN.parquet``: the actors and recipients of those events.

Every file is written to a temporary name in its folder and renamed into place
(atomic on POSIX file systems), so a reader or a resumed run never sees half a file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.models import Article, CodingFailure, Event
from sitrep.store.db import actor_rows_of, event_row

TABLES = ("articles", "events", "actors")

ARTICLE_COLUMNS: dict[str, str] = {
    "partition": "int32", "pos": "int32", "item": "string", "source_arg": "string", "ext_id": "string",
    "article_id": "string", "content_key": "string", "text": "string", "title": "string", "date": "string",
    "url": "string", "source": "string", "status": "string", "reason": "string", "error": "string",
    "n_events": "int32", "minhash": "binary",
}
EVENT_COLUMNS: dict[str, str] = {
    "partition": "int32", "pos": "int32", "k": "int32",
    "event_id": "string", "article_id": "string", "origin": "string", "event": "string", "mode": "string",
    "modality": "string", "acled_event_type": "string", "acled_sub_event_type": "string", "cameo": "string",
    "date": "string", "date_precision": "string", "fatalities": "int64", "injured": "int64", "count": "int64",
    "confidence": "float64", "place_id": "string", "country": "string", "admin1": "string", "lat": "float64",
    "lon": "float64", "geo_precision": "int32", "record": "string",
}
ACTOR_COLUMNS: dict[str, str] = {
    "event_id": "string", "role": "string", "idx": "int32", "text": "string", "name": "string",
    "country": "string", "type": "string", "inter": "int32", "code": "string",
}
COLUMNS = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "actors": ACTOR_COLUMNS}


def article_row(partition: int, pos: int, item: str, source_arg: str, x: Article | CodingFailure, *,
                coded_id: str | None, content_key: str | None, result: list[Event] | CodingFailure | None,
                minhash: bytes | None) -> dict[str, Any]:
    """One input item: an article with how its coding went, or a failure to read it."""
    row: dict[str, Any] = dict.fromkeys(ARTICLE_COLUMNS)
    row.update(partition=partition, pos=pos, item=item, source_arg=source_arg)
    if isinstance(x, CodingFailure):
        row.update(status="failed", reason=x.reason, error=x.error, n_events=0)
        row["item"] = x.item or item
        return row
    row.update(ext_id=x.id or None, article_id=coded_id, content_key=content_key, text=x.text, title=x.title,
               date=x.date, url=x.url, source=x.source, minhash=minhash)
    if isinstance(result, CodingFailure):
        row.update(status="failed", reason=result.reason, error=result.error, n_events=0)
    else:
        row.update(status="ok", n_events=len(result or []))
    return row


def event_rows(partition: int, pos: int, events: Sequence[Event], origin: str = "sitrep"
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The store's ``events`` and ``actors`` rows of one article's events (the same place
    ids and JSON record as :meth:`sitrep.store.Store.add_events_many` writes)."""
    evs, acts = [], []
    for k, ev in enumerate(events):
        evs.append({"partition": partition, "pos": pos, "k": k, **event_row(ev, origin)})
        acts.extend(actor_rows_of(ev))
    return evs, acts


def arrow_table(rows: Sequence[dict[str, Any]], columns: dict[str, str]) -> Any:
    import pyarrow as pa

    schema = pa.schema([(name, pa.type_for_alias(kind) if kind != "binary" else pa.binary())
                        for name, kind in columns.items()])
    return pa.Table.from_pydict({name: [r.get(name) for r in rows] for name in columns}, schema=schema)


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def write_atomic(table: Any, path: Path) -> None:
    """Write a Parquet file under a temporary name and rename it into place."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp, compression=defaults.BATCH_PARQUET_COMPRESSION)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text_atomic(text: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_partition(outdir: Path, index: int, tables: dict[str, list[dict[str, Any]]]) -> None:
    """The partition's three files; ``articles`` last, so its presence means the partition is whole."""
    for name in ("events", "actors", "articles"):
        write_atomic(arrow_table(tables[name], COLUMNS[name]), outdir / name / part_name(index))


def partition_complete(outdir: Path, index: int) -> bool:
    return all((outdir / name / part_name(index)).is_file() for name in TABLES)
