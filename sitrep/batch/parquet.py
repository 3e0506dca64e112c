"""A batch run's Parquet output, read two ways.

* :func:`load_into_store` (``sitrep ingest --from-parquet DIR``) replays the
  run into a store through :func:`sitrep.ingest.run.ingest`: the same batches,
  the same article planning (exact and near duplicates) and the same merging
  as a single-machine ingest, with the coding already done (the events of each
  article come from the Parquet files instead of the coder). The store's
  articles, events and clusters therefore equal those of ``sitrep ingest`` on
  the same input.
* :class:`ParquetStore` (``sitrep events --parquet DIR``, ``sitrep export
  --parquet DIR``) reads the files in place through DuckDB: the store's own
  queries run over views of the Parquet tables (the clusters of the
  corpus-wide steps when the run has them, else one event per report).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from sitrep.batch import records
from sitrep.batch.runner import read_manifest
from sitrep.errors import BatchError
from sitrep.models import Article, CodingFailure, Event
from sitrep.store.db import Store


def _files(outdir: Path, table: str, indexes: list[int] | None = None) -> list[Path]:
    if indexes is None:
        return sorted((outdir / table).glob("part-*.parquet"))
    return [outdir / table / records.part_name(i) for i in indexes]


def _done(outdir: Path) -> tuple[dict[str, Any], list[int]]:
    manifest = read_manifest(outdir)
    if manifest is None:
        raise BatchError("no manifest.json: not the output of a batch run", item=str(outdir))
    done = [e["index"] for e in manifest["partitions"]
            if e.get("status") == "done" and records.partition_complete(outdir, e["index"])]
    return manifest, done


def load_into_store(outdir: str | Path, store: Store, *, progress: bool = True, batch_size: int | None = None
                    ) -> Any:
    """Ingest a complete ``mode="ingest"`` run into ``store``; returns the IngestSummary."""
    import json

    import pyarrow.parquet as pq

    from sitrep.ingest.run import ingest

    out = Path(outdir)
    manifest, done = _done(out)
    if manifest.get("mode") != "ingest":
        raise BatchError("this run coded articles under their own ids (sitrep code); load the output of "
                         "`sitrep ingest --dask ... --parquet-out DIR` instead", item=str(out))
    if manifest.get("status") != "complete" or len(done) != len(manifest["partitions"]):
        raise BatchError(f"the run is incomplete ({len(done)} of {len(manifest['partitions'])} partitions); "
                         "run the same command again to finish it", item=str(out))
    results: dict[str, list[Event] | CodingFailure] = {}
    yielded: list[str] = []

    def items() -> Iterator[tuple[str, Article | CodingFailure]]:
        for index in done:
            evs: dict[int, list[tuple[int, Event]]] = {}
            for r in pq.read_table(out / "events" / records.part_name(index),
                                   columns=["pos", "k", "record"]).to_pylist():
                evs.setdefault(r["pos"], []).append((r["k"], Event.from_dict(json.loads(r["record"]))))
            for r in pq.read_table(out / "articles" / records.part_name(index)).to_pylist():
                if r["content_key"] is None:  # could not be read
                    yield r["source_arg"], CodingFailure(item=r["item"], reason=r["reason"], error=r["error"])
                    continue
                key = r["content_key"]
                if r["status"] == "ok":
                    results[key] = [e for _, e in sorted(evs.get(r["pos"], []), key=lambda ke: ke[0])]
                else:
                    results[key] = CodingFailure(item=key, reason=r["reason"], error=r["error"])
                yielded.append(key)
                yield r["source_arg"], Article(text=r["text"], id=r["ext_id"] or "", title=r["title"],
                                               date=r["date"], url=r["url"], source=r["source"])

    def coder(articles: Any) -> list[tuple[Article, list[Event] | CodingFailure]]:
        missing = CodingFailure(item="", reason="not in the batch output", error="BatchError")
        got = [(a, results.get(a.id, missing)) for a in articles]
        for key in yielded:  # the batch being coded is everything read so far
            results.pop(key, None)
        yielded.clear()
        return got

    return ingest([], store, progress=progress, batch_size=batch_size, coder=coder, items=items())


class ParquetStore(Store):
    """A read-only view of a batch run's Parquet output with the store's query methods
    (``events``, ``cluster_sizes``, ``cluster_outlets``, exports)."""

    def __init__(self, outdir: str | Path) -> None:
        out = Path(outdir)
        super().__init__(out, read_only=True)
        _, done = _done(out)
        if not done:
            raise BatchError("the run has no finished partition yet", item=str(out))
        con = duckdb.connect(":memory:")

        def src(table: str) -> str:
            files = ", ".join("'" + str(f).replace("'", "''") + "'" for f in _files(out, table, done))
            return f"read_parquet([{files}])"

        con.execute(f"CREATE VIEW events AS SELECT * EXCLUDE (partition, pos, k) FROM {src('events')}")
        con.execute(f"CREATE VIEW actors AS SELECT * FROM {src('actors')}")
        merged = all(_files(out, t) for t in ("clusters", "event_links", "article_reports"))
        if merged:
            for table in ("clusters", "event_links", "article_reports"):
                files = ", ".join("'" + str(f).replace("'", "''") + "'" for f in _files(out, table))
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{files}])")
        else:  # a `sitrep code` run: every report is its own event
            con.execute(
                "CREATE VIEW clusters AS SELECT event_id AS cluster_id, origin, event, mode, modality, "
                "acled_event_type, acled_sub_event_type, date, date_precision, country, admin1, lat, lon, "
                "fatalities, 1 AS n_reports, 1 AS n_articles, record, NULL::TIMESTAMP AS updated_at FROM events")
            con.execute("CREATE VIEW event_links AS SELECT event_id, event_id AS cluster_id, '[]' AS reason, "
                        "NULL::TIMESTAMP AS linked_at FROM events")
            con.execute(f"CREATE VIEW article_reports AS SELECT article_id, source, url FROM {src('articles')} "
                        "WHERE status = 'ok'")
        con.execute("CREATE TABLE merge_blocks (event_a VARCHAR, event_b VARCHAR, blocked_at TIMESTAMP)")
        # a batch run has no reviews: the store's queries read the current view through these
        # (empty) tables, so a run's events are the coder's records
        from sitrep.store.schema import MIGRATIONS

        for stmt in MIGRATIONS[2]:
            con.execute(stmt)
        self._con = con
        self._schema_ok = True
        self.merged = merged

    def _connect(self) -> duckdb.DuckDBPyConnection:
        assert self._con is not None
        return self._con

    def release(self) -> None:
        return None
