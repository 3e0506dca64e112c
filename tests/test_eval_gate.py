"""The CI gate: floors file, comparisons, and the gate's exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import DataFileError
from sitrep.eval import gate
from sitrep.eval.floors import below_floor, load_floors, lowered, parse_floors, raise_floors, write_floors


def _report(**sets: dict[str, float | None]) -> dict[str, Any]:
    return {"sets": {name: {"status": "ok", "n": 10, "metrics": m, "folds": {}} for name, m in sets.items()}}


def test_floors_file_of_the_repository_is_valid() -> None:
    floors = load_floors()
    assert floors, "eval-floors.json pins at least one floor"
    for name, metrics in floors.items():
        assert metrics and all(0.0 <= v <= 1.0 for v in metrics.values()), name


def test_parse_floors_rejects_bad_values() -> None:
    with pytest.raises(DataFileError, match=r"plover\.event_accuracy"):
        parse_floors({"plover": {"event_accuracy": 1.5}}, "f.json")
    with pytest.raises(DataFileError):
        parse_floors({"plover": 0.5}, "f.json")
    assert parse_floors({"_comment": "x", "plover": {"a": 0.5}}, "f.json") == {"plover": {"a": 0.5}}


def test_load_floors_names_a_broken_file(tmp_path: Path) -> None:
    p = tmp_path / "floors.json"
    p.write_text("{\n  'no': 1\n}", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        load_floors(p)
    assert load_floors(tmp_path / "absent.json") == {}


def test_below_floor_names_each_metric() -> None:
    floors = {"plover": {"event_accuracy": 0.5, "mode_accuracy": 0.2}, "glocon": {"sentence_f1": 0.3}}
    report = _report(plover={"event_accuracy": 0.45, "mode_accuracy": None}, glocon={"sentence_f1": 0.3})
    assert below_floor(report, floors) == [
        "plover.event_accuracy: 0.450 < floor 0.500",
        "plover.mode_accuracy: not measured (floor 0.200)",
    ]


def test_skipped_sets_are_not_failures_of_below_floor() -> None:
    report = {"sets": {"plover": {"status": "skipped", "reason": "absent"}}}
    assert below_floor(report, {"plover": {"event_accuracy": 0.5}}) == []


def test_raise_floors_only_moves_up() -> None:
    floors = {"plover": {"event_accuracy": 0.5, "mode_accuracy": 0.4}}
    report = _report(plover={"event_accuracy": 0.6, "mode_accuracy": 0.3, "event_in_any": 0.7})
    new, changes = raise_floors(floors, report, margin=0.02, only={"plover": ("event_accuracy", "event_in_any")})
    assert new["plover"] == {"event_accuracy": 0.58, "mode_accuracy": 0.4, "event_in_any": 0.68}
    assert len(changes) == 2
    assert lowered(floors, new) == []


def test_lowered_detects_lowered_and_removed_floors() -> None:
    old = {"plover": {"event_accuracy": 0.5, "mode_accuracy": 0.4}}
    new = {"plover": {"event_accuracy": 0.45}}
    assert lowered(old, new) == ["plover.event_accuracy: floor lowered 0.500 -> 0.450",
                                 "plover.mode_accuracy: floor 0.400 was removed"]


def test_write_then_load_round_trip(tmp_path: Path) -> None:
    p = tmp_path / "floors.json"
    write_floors({"b": {"x": 0.12345}, "a": {"y": 0.5}}, p, comment="why")
    data = json.loads(p.read_text(encoding="utf-8"))
    assert data["_comment"] == "why" and list(data)[1:] == ["a", "b"]
    assert load_floors(p) == {"a": {"y": 0.5}, "b": {"x": 0.123}}


def _fake_run(report: dict[str, Any], calls: list[dict[str, Any]]) -> Any:
    def run(sets: list[str], **kw: Any) -> dict[str, Any]:
        calls.append({"sets": sets, **kw})
        return report
    return run


def test_gate_fails_naming_the_metric(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.json"
    write_floors({"plover": {"event_accuracy": 0.5}, "glocon": {"sentence_f1": 0.4}}, floors)
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(gate, "run_eval", _fake_run(
        _report(plover={"event_accuracy": 0.49}, glocon={"sentence_f1": 0.41}), calls))
    assert gate.main(["--floors", str(floors), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "plover.event_accuracy: 0.490 < floor 0.500" in err
    assert "glocon" not in err.split("FAIL", 1)[1]
    assert calls[0]["fast"] is True and set(calls[0]["sets"]) == {"plover", "glocon"}


def test_gate_passes_and_strict_fails_on_missing_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    floors = tmp_path / "floors.json"
    write_floors({"plover": {"event_accuracy": 0.5}, "glocon": {"sentence_f1": 0.4}}, floors)
    report = _report(plover={"event_accuracy": 0.7})
    report["sets"]["glocon"] = {"status": "skipped", "reason": "absent"}
    monkeypatch.setattr(gate, "run_eval", _fake_run(report, []))
    assert gate.main(["--floors", str(floors), "--quiet"]) == 0
    assert gate.main(["--floors", str(floors), "--quiet", "--strict"]) == 2


def test_gate_update_raises_and_never_lowers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    floors = tmp_path / "floors.json"
    write_floors({"plover": {"event_accuracy": 0.5, "mode_accuracy": 0.6}}, floors)
    monkeypatch.setattr(gate, "run_eval", _fake_run(
        _report(plover={"event_accuracy": 0.8, "mode_accuracy": 0.1, "not_headline": 0.9}), []))
    assert gate.main(["--floors", str(floors), "--quiet", "--update", "--margin", "0.05"]) == 0
    new = load_floors(floors)
    assert new["plover"]["event_accuracy"] == pytest.approx(0.75)
    assert new["plover"]["mode_accuracy"] == 0.6
    assert "not_headline" not in new["plover"]


def test_gate_broken_floors_file_exits_2(tmp_path: Path) -> None:
    p = tmp_path / "floors.json"
    p.write_text('{"plover": {"event_accuracy": "high"}}', encoding="utf-8")
    assert gate.main(["--floors", str(p), "--quiet"]) == 2
