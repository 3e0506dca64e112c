"""The batch options on the CLI: code --dask, ingest --from-parquet, events/export --parquet."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import shared_file

from sitrep.batch.runner import run_batch
from sitrep.cli import main


def _sample(tmp_path: Path, n: int) -> Path:
    """Two VOA reports (conflict news: many events) and short Reuters items, ``n`` in all."""
    with shared_file("corpora", "voa_news.jsonl").open(encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, min(2, n)))
    with shared_file("corpora", "reuters21578.jsonl").open(encoding="utf-8") as fh:
        lines += list(itertools.islice(fh, n - len(lines)))
    path = tmp_path / "news.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_code_dask_writes_partitions_that_events_parquet_reads(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="needs the dask extra: pip install 'sitrep[dask]'")
    path = _sample(tmp_path, 12)
    out = tmp_path / "run"
    runner = CliRunner()
    res = runner.invoke(main, ["code", "--input", str(path), "--output", str(out), "--dask", "local:1",
                               "--partition-size", "6"])
    assert res.exit_code == 0, res.output
    assert "12 articles" in res.output and "2/2 partitions" in res.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and manifest["mode"] == "code"

    local = runner.invoke(main, ["code", str(path), "--format", "jsonl"])
    want = sorted(json.loads(line)["event_id"] for line in local.output.splitlines() if line.startswith("{"))
    res = runner.invoke(main, ["events", "--parquet", str(out), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    got = sorted(json.loads(line)["event_id"] for line in res.output.splitlines())
    assert got == want and len(got) > 5
    res = runner.invoke(main, ["export", "--parquet", str(out), "--format", "acled-csv", "--type", "ASSAULT"])
    assert res.exit_code == 0 and res.output.startswith("event_id_cnty,")


def test_ingest_from_parquet_loads_a_finished_run(tmp_path: Path) -> None:
    path = _sample(tmp_path, 12)
    out = tmp_path / "run"
    run_batch([str(path)], out, mode="ingest", partition_size=5)  # local, in this process
    runner = CliRunner()
    db = tmp_path / "s.db"
    res = runner.invoke(main, ["ingest", "--from-parquet", str(out), "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["articles_new"] + summary["articles_duplicate"] + summary["articles_failed"] == 12
    assert summary["events_new"] > 0
    stored = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl"]).output.splitlines()
    viewed = runner.invoke(main, ["events", "--parquet", str(out), "--format", "jsonl"]).output.splitlines()
    assert stored == viewed


def test_batch_options_refuse_what_they_cannot_do(tmp_path: Path) -> None:
    path = _sample(tmp_path, 2)
    runner = CliRunner()
    res = runner.invoke(main, ["code", "--input", str(path), "--dask", "local:1"])
    assert res.exit_code == 2 and "--output DIR" in res.output
    res = runner.invoke(main, ["ingest", "--db", str(tmp_path / "s.db")])
    assert res.exit_code == 2 and "at least one SOURCE" in res.output
    res = runner.invoke(main, ["ingest", str(path), "--from-parquet", str(tmp_path), "--db", str(tmp_path / "s.db")])
    assert res.exit_code == 2 and "give no SOURCES" in res.output
    code_run = tmp_path / "code-run"
    run_batch([str(path)], code_run, mode="code", partition_size=5)
    res = runner.invoke(main, ["ingest", "--from-parquet", str(code_run), "--db", str(tmp_path / "s.db")])
    assert res.exit_code == 1 and "own ids (sitrep code)" in res.output
    res = runner.invoke(main, ["events", "--parquet", str(tmp_path)])
    assert res.exit_code == 1 and "no manifest.json" in res.output
