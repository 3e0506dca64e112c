"""The watch demo (make watch-demo, last step of make demo) on the illustrations, which need
no ../shared: a loopback feed publishes them one by one and the watcher alerts on them."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.watch.demo import run_demo


def test_watch_demo_prints_and_writes_alerts(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    path = run_demo(tmp_path / "no-shared", tmp_path / "watch", interval=0.0, echo=lines.append)
    alerts = [json.loads(x) for x in path.read_text().splitlines()]
    assert any(a["rule"] == "protests" and "Khartoum" in a["evidence"] for a in alerts)
    assert sum(1 for x in lines if x.startswith("-- published")) == 3
    assert any(x.startswith("status: demo wire: 3 items") for x in lines)
    assert (tmp_path / "watch" / "watch.yaml").exists()
