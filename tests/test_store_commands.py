"""The store's CLI commands (ingest, events, export, explain, split, import) through click."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import SEED_DATE, seed_text, shared_file
from store_helpers import toy_coder

from sitrep.errors import BadDateError
from sitrep.ingest import run
from sitrep.store import Store
from sitrep.store.commands import COMMANDS


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("sitrep")
    for cmd in COMMANDS:
        group.add_command(cmd)
    return group


def test_command_names(cli: click.Group) -> None:
    assert sorted(cli.commands) == ["events", "explain", "export", "import", "ingest", "split"]
    assert sorted(cli.commands["import"].commands) == ["acled", "gdelt", "ucdp"]  # type: ignore[attr-defined]
    for cmd in COMMANDS:  # every option is documented
        for p in cmd.params:
            if isinstance(p, click.Option):
                assert p.help, f"{cmd.name} {p.name} has no help"


def test_ingest_events_export_explain(cli: click.Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "_default_coder", toy_coder)
    db = tmp_path / "s.db"
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "truce.txt").write_text(seed_text())
    (folder / "empty.txt").write_text("")
    runner = CliRunner()
    res = runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "--date", SEED_DATE, "--json"])
    assert res.exit_code == 1, res.output  # empty.txt failed: exit 1, the rest is stored
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["articles_new"] == 1 and summary["articles_failed"] == 1
    res = runner.invoke(cli, ["ingest", str(folder), "--db", str(db), "--no-progress"])
    assert res.exit_code == 1 and "1 already stored" in res.stdout
    res = runner.invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    ids = [json.loads(line)["event_id"] for line in res.stdout.splitlines()]
    assert ids and len(ids) == Store.open(db, read_only=True).stats()["clusters"]
    res = runner.invoke(cli, ["events", "--db", str(db)])
    assert res.exit_code == 0 and f"{len(ids)} event(s)" in res.stdout
    res = runner.invoke(cli, ["explain", ids[0], "--db", str(db)])
    assert res.exit_code == 0 and ids[0] in res.stdout
    res = runner.invoke(cli, ["explain", "e-nope", "--db", str(db)])
    assert res.exit_code == 1 and "no such event" in res.output
    res = runner.invoke(cli, ["export", "--db", str(db), "--format", "parquet"])
    assert res.exit_code == 2 and "--out" in res.output
    out = tmp_path / "e.plover"
    res = runner.invoke(cli, ["export", "--db", str(db), "--format", "plover", "--out", str(out)])
    assert res.exit_code == 0 and len(out.read_text().splitlines()) == len(ids)
    res = runner.invoke(cli, ["split", ids[0], "--db", str(db)])
    assert res.exit_code == 0


def test_import_and_env_db(cli: click.Group, tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    runner = CliRunner(env={"SITREP_DB": str(db)})
    res = runner.invoke(cli, ["import", "ucdp", str(shared_file("gold", "ucdp", "ged_iraq_dev.csv"))])
    assert res.exit_code == 0, res.output
    assert "imported" in res.stdout and db.exists()
    res = runner.invoke(cli, ["events", "--origin", "ucdp", "--since", "2014-06-10", "--until", "2014-06-10",
                              "--format", "acled-csv"])
    assert res.exit_code == 0 and res.stdout.startswith("event_id_cnty,")


def test_missing_store_is_a_clean_error(cli: click.Group, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "no store" in res.output


def test_events_and_export_read_the_reviewed_view(cli: click.Group, tmp_path: Path) -> None:
    from store_helpers import make_event
    from test_store_reviews import BAGHDAD, S3, _article

    db = tmp_path / "r.db"
    store = Store.open(db)
    a = _article(S3)
    store.add_articles([a])
    ev = make_event(a.id, S3, trigger="protest", event="PROTEST", place=BAGHDAD)
    other = make_event(a.id, S3, trigger="staged", event="MOBILIZE", place=BAGHDAD)
    store.add_events(a, [ev, other])
    store.review(ev.event_id, "correct", reviewer="ana", changes={"size": 300})
    store.review(other.event_id, "reject", reviewer="ana")
    store.close()
    out = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    recs = [json.loads(x) for x in out.output.splitlines()]
    assert [(r["event_id"], r["size"]) for r in recs] == [(ev.event_id, 300)]  # rejected one left out
    out = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "plover", "--reviewed-only"])
    assert out.exit_code == 0 and len(out.output.splitlines()) == 1
    out = CliRunner().invoke(cli, ["events", "--db", str(db), "--reviewed-only", "--type", "MOBILIZE"])
    assert "0 event(s)" in out.output


def _filled(tmp_path: Path, n: int) -> Path:
    from store_helpers import make_event

    db = tmp_path / "s.db"
    store = Store.open(db)
    sent = "Gunmen killed villagers in Kaduna on Monday."
    # three days apart: copies of one sentence on neighbouring days are one event (dedup.py)
    evs = [make_event(f"a{i}", sent, trigger="killed", date=f"2021-{6 + 3 * i // 28:02d}-{1 + 3 * i % 28:02d}")
           for i in range(n)]
    store.add_events_many([(e.article_id, [e]) for e in evs])
    store.close()
    return db


def test_events_since_garbage_is_a_usage_error(cli: click.Group, tmp_path: Path) -> None:
    db = _filled(tmp_path, 3)
    for opt in ("--since", "--until"):
        res = CliRunner().invoke(cli, ["events", "--db", str(db), opt, "garbage"])
        assert res.exit_code == 2 and "is not a date" in res.output and "0 event" not in res.output
    res = CliRunner().invoke(cli, ["events", "--db", str(db), "--since", "2021-06", "--format", "jsonl"])
    assert res.exit_code == 0 and len(res.output.splitlines()) == 3
    with pytest.raises(BadDateError):
        Store.open(db, read_only=True).events(since="2021-02-31")


def test_export_streams_in_chunks(cli: click.Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep import defaults
    from sitrep.store import exports

    db = _filled(tmp_path, 23)
    monkeypatch.setattr(defaults, "EXPORT_CHUNK_ROWS", 5)
    seen: list[int] = []
    real = exports._Context.load

    def load(self, events):  # type: ignore[no-untyped-def]
        seen.append(len(events))
        return real(self, events)

    monkeypatch.setattr(exports._Context, "load", load)
    monkeypatch.setattr(Store, "events", lambda *a, **k: pytest.fail("export must not fetch the whole store"))
    for fmt in ("plover", "cameo-tsv", "parquet"):
        seen.clear()
        out = tmp_path / f"out.{fmt}"
        res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
        assert res.exit_code == 0, res.output
        assert "23 event(s)" in res.output and seen == [5, 5, 5, 5, 3]
    assert len(exports.read_export("plover", tmp_path / "out.plover")) == 23
    res = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0 and len(res.output.splitlines()) == 23  # streamed too
