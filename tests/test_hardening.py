"""Failures outside any one item end in one line, never a traceback: disk full, a full
output device, a damaged store, closed stdin. Exit status 0 / 1 (some items failed) /
2 (nothing could be done). Terminal escape sequences never reach the terminal."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner
from store_helpers import make_event

from sitrep.cli import main
from sitrep.hardening import HardenedGroup, exit_status, strip_controls
from sitrep.models import Actor, Place
from sitrep.store import Store

SENT = "Gunmen killed villagers in Kaduna on Monday."
ESC = "\x1b[2J\x1b]0;owned\x07\x1b[31m"


def _sitrep(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    code = "import sys; from sitrep.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, *args], text=True, capture_output="stdout" not in kw,
                          timeout=120, **kw)  # type: ignore[call-overload]


def _small_store(path: Path, n: int = 300) -> Path:
    store = Store.open(path)
    evs = [make_event(f"a{i}", SENT, trigger="killed", fatalities=i % 7) for i in range(n)]
    store.add_events_many([(e.article_id, [e]) for e in evs])
    store.close()
    return path


def test_strip_controls() -> None:
    assert strip_controls(f"a{ESC}b\tc\nd\x07\x9b") == "ab\tc\nd"
    assert strip_controls("plain – text “quoted”") == "plain – text “quoted”"


def test_exit_status() -> None:
    assert (exit_status(5, 0), exit_status(5, 2), exit_status(0, 3), exit_status(0, 0)) == (0, 1, 2, 0)


@pytest.mark.parametrize(("exc", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), "no space left"),
    (duckdb.IOException("IO Error: Could not write file: No space left on device"), "no space left"),
    (duckdb.Error("Corrupt database file: computed checksum 1 does not match"), "damaged"),
    (MemoryError(), "out of memory"),
])
def test_failures_that_stop_a_command_are_one_line(exc: BaseException, words: str) -> None:
    @click.group(cls=HardenedGroup)
    def grp() -> None:
        pass

    @grp.command("boom")
    def boom() -> None:
        raise exc

    res = CliRunner().invoke(grp, ["boom"])
    assert res.exit_code == 1 and words in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_disk_full_during_ingest_is_one_line_and_keeps_committed_batches(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": f"Item {i}: nothing happened here today.",
                                       "date": "2021-06-01"}) + "\n" for i in range(6)), encoding="utf-8")
    db = tmp_path / "s.db"
    real = Store.record_batch
    calls = {"n": 0}

    def full_disk(self: Store, *a: object, **k: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise duckdb.IOException('IO Error: Could not write to file "s.db.wal": No space left on device')
        real(self, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "record_batch", full_disk)
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--batch-size", "3", "--no-progress"])
    assert res.exit_code == 1 and "no space left" in res.output and "Traceback" not in res.output
    store = Store.open(db, read_only=True)
    assert store.stats()["batches"] == 1 and store.stats()["articles"] == 3  # the first batch stays
    store.close()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_output_to_full_device_is_one_line(tmp_path: Path, fmt: str) -> None:
    db = _small_store(tmp_path / "s.db")
    with open("/dev/full", "w") as full:
        res = _sitrep(["events", "--db", str(db), "--format", fmt], stdout=full, stderr=subprocess.PIPE)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "no space left" in lines[0], res.stderr


def test_corrupt_store_file_is_one_line(tmp_path: Path) -> None:
    db = _small_store(tmp_path / "s.db", n=50)
    data = bytearray(db.read_bytes())
    data[12288:] = b"\xff" * (len(data) - 12288)  # every block after DuckDB's three headers
    bad = tmp_path / "bad.db"
    bad.write_bytes(bytes(data))
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(50_000))
    cut = tmp_path / "cut.db"
    cut.write_bytes(db.read_bytes()[: len(data) // 3])
    for path in (bad, junk, cut):
        for args in (["events"], ["export", "--format", "plover"], ["ingest", str(tmp_path / "none.txt")]):
            res = CliRunner().invoke(main, [*args, "--db", str(path)])
            assert res.exit_code == 1, (path, args, res.output)
            assert "Traceback" not in res.output and str(path.name) in res.output, res.output


def test_closed_stdin_is_one_line(tmp_path: Path) -> None:
    code = "import sys; from sitrep.cli import main; sys.exit(main())"
    for args in (["code", "-"], ["ingest", "-", "--db", str(tmp_path / "s.db")]):
        cmd = " ".join([sys.executable, "-c", f'"{code}"', *args]) + " <&-"
        res = subprocess.run(["bash", "-c", cmd], text=True, capture_output=True, timeout=120)
        assert res.returncode == 2, res.stderr  # nothing could be done
        assert "standard input is closed" in res.stderr and "Traceback" not in res.stderr


def test_exit_status_1_when_some_items_failed_2_when_none_could_be_done(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Troops shelled the town of Idlib on Monday, killing two civilians.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    run = CliRunner().invoke
    assert run(main, ["code", str(good), "--date", "2021-06-01"]).exit_code == 0
    assert run(main, ["code", str(good), str(empty), "--date", "2021-06-01"]).exit_code == 1
    assert run(main, ["code", str(empty)]).exit_code == 2
    db = str(tmp_path / "s.db")
    assert run(main, ["ingest", str(empty), "--db", db, "--no-progress"]).exit_code == 2
    assert run(main, ["ingest", str(good), str(empty), "--db", db, "--no-progress"]).exit_code == 1


def test_control_characters_stripped_from_table_output(tmp_path: Path) -> None:
    from rich.console import Console

    from sitrep.report_table import events_table

    ev = make_event("a1", f"Gunmen{ESC} killed villagers [bold]in[/bold] Kaduna.", trigger="killed",
                    actor=(Actor(text="gunmen", name=f"Gun{ESC}men"),),
                    place=Place(text="Kaduna", name=f"Kad{ESC}una"))
    buf = io.StringIO()
    Console(file=buf, width=200, force_terminal=False).print(events_table([ev], title=f"T{ESC}itle"))
    out = buf.getvalue()
    assert "\x1b" not in out and "\x07" not in out
    assert "Gunmen" in out and "[bold]in[/bold]" in out  # markup in article text is shown, not obeyed
    store = Store.open(tmp_path / "s.db")
    store.add_events("a1", [ev])
    store.close()
    for args in (["events"], ["explain", ev.event_id]):
        res = CliRunner().invoke(main, [*args, "--db", str(tmp_path / "s.db")])
        assert res.exit_code == 0 and "\x1b" not in res.output and "\x07" not in res.output, res.output
