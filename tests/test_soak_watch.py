"""A short run of benchmarks/soak_watch.py (the full 10-minute soak is a benchmark; its
figures are in the README): a feed publishing two articles a second for 12 s with
faults mixed in, the monitor killed with SIGKILL once and restarted, the generated
reports coded by the benchmark's small coder. Nothing may be lost or repeated."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _soak():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("soak_watch", ROOT / "benchmarks" / "soak_watch.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_short_soak_loses_and_repeats_nothing(tmp_path: Path) -> None:
    res = _soak().run(12.0, 2.0, [6.0], "toy", tmp_path / "soak", tmp_path, drain=60.0, every="1s", quiet=True)
    assert res["kill9_restarts"] == 1 and res["published"] >= 20
    assert res["items_lost"] == 0, res["lost_examples"]
    assert res["items_settled_twice"] == 0 and res["duplicate_reports"] == 0 and res["duplicate_articles"] == 0
    assert res["duplicate_alert_ids"] == 0 and res["duplicate_alerts_same_event_rule_kind"] == 0
    # every published article that is not a syndicated copy became an event and an alert
    assert res["store"]["articles"] == res["published"] - res["syndicated_copies"] - sum(res["items_failed_logged"].values())
    assert res["latency_s"]["n"] == res["store"]["clusters"] > 0
    assert set(res["failing_sources"]) == {"loop", "forbidden"}
