"""The dyad analysis end to end on real data: UCDP GED Iraq rows (read directly and through the
store's importer), the seed article coded by sitrep; the HTML report and the CLI commands."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import SEED_DATE, gold_record, seed_text, shared_file

pytest.importorskip("scipy")
pytest.importorskip("matplotlib")

import sitrep  # noqa: E402
from sitrep.analysis.commands import COMMANDS  # noqa: E402
from sitrep.analysis.dyad import analyse  # noqa: E402
from sitrep.analysis.report import render_html, write_report  # noqa: E402
from sitrep.analysis.sources import read_ucdp, ucdp_acting  # noqa: E402

UCDP = "ucdp/ucdp_ged_iraq_dev.jsonl"


@pytest.fixture(scope="module")
def ucdp_path() -> Path:
    return shared_file("gold", "ucdp", "ucdp_ged_iraq_dev.jsonl")


@pytest.fixture(scope="module")
def ucdp_result(ucdp_path: Path):
    events, hints = read_ucdp(ucdp_path)
    return analyse(events, "Government of Iraq", "IS", hints=hints)


def cli() -> click.Group:
    @click.group()
    def main() -> None:
        pass

    for cmd in COMMANDS:
        main.add_command(cmd)
    return main


def test_ucdp_direction_proxy_on_real_rows():
    assert ucdp_acting(gold_record(UCDP, "114179")) == "recipient"  # 6 government dead, none of IS: IS acted
    assert ucdp_acting(gold_record(UCDP, "196787")) == "actor"  # 50 IS dead, none of the government
    assert ucdp_acting(gold_record(UCDP, "62366")) == "actor"  # one-sided violence by IS


def test_ucdp_iraq_dyad_counts_match_the_rows(ucdp_path: Path, ucdp_result):
    with ucdp_path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    dyad = [r for r in rows if r["side_a"] == "Government of Iraq" and r["side_b"] == "IS"
            and r["date_prec"] in ("1", "2", "3")]
    expect = Counter("ab" if int(r["deaths_b"]) > 0 and int(r["deaths_a"]) == 0 else
                     "ba" if int(r["deaths_a"]) > 0 and int(r["deaths_b"]) == 0 else "undirected" for r in dyad)
    res = ucdp_result
    assert len(res.counted) == len(dyad)
    assert res.by_direction() == expect
    assert res.fatalities() == sum(int(r["best"]) for r in dyad)
    assert res.retaliation.n_attacks == (expect["ab"], expect["ba"])


def test_ucdp_iraq_escalation_and_retaliation(ucdp_result):
    res = ucdp_result
    esc = [p for p in res.periods if p.kind == "escalation"]
    # the Islamic State's 2013-14 campaign and the fall of Mosul (June 2014) are escalations
    assert any("2013-01-01" <= p.start.isoformat() <= "2014-07-01" for p in esc)
    fit = res.retaliation.fit
    assert fit is not None and fit.converged
    assert 0 < fit.half_life.value < 60 and fit.half_life.low < fit.half_life.value < fit.half_life.high
    for row in fit.alpha:
        for a in row:
            assert 0 <= a.low <= a.value <= a.high
    assert set(fit.tests) == {"no_cross", "no_a_to_b", "no_b_to_a"}
    # a background that follows the escalation periods absorbs what a constant one reads as momentum
    const = res.retaliation.constant_fit
    assert const is not None
    assert const.alpha[0][0].value + const.alpha[1][1].value > fit.alpha[0][0].value + fit.alpha[1][1].value


def test_report_html_is_self_contained(ucdp_result, tmp_path: Path):
    paths = write_report(ucdp_result, tmp_path / "iraq.html", png=True, json_out=tmp_path / "iraq.json")
    html = paths[0].read_text(encoding="utf-8")
    assert re.search(r'(src|href)\s*=\s*"(https?:)?//', html) is None  # nothing fetched from anywhere
    assert "<script" not in html
    assert html.count('src="data:image/png;base64,') == 2
    for section in ("Timeline", "Escalation and de-escalation", "Retaliation", "Truces", "Key events"):
        assert f"<h2>{section}</h2>" in html
    assert "Government of Iraq" in html and "branching ratio" in html
    pngs = [p for p in paths if p.suffix == ".png"]
    assert {p.name for p in pngs} == {"iraq-timeline.png", "iraq-retaliation.png"}
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    numbers = json.loads((tmp_path / "iraq.json").read_text(encoding="utf-8"))
    assert numbers["events"] == len(ucdp_result.counted)


def test_cli_on_a_store_with_imported_ucdp_rows(ucdp_path: Path, ucdp_result, tmp_path: Path):
    from sitrep.store import Store
    from sitrep.store.importers import import_ucdp

    db = tmp_path / "ucdp.db"
    with Store.open(db) as store:
        import_ucdp(store, ucdp_path)
    runner = CliRunner()
    res = runner.invoke(cli(), ["dyads", "--db", str(db), "--limit", "3", "--json"])
    assert res.exit_code == 0, res.output
    top = json.loads(res.output.splitlines()[0])
    assert (top["side_a"], top["side_b"]) == ("Government of Iraq", "IS") and top["by_type"] == {"ASSAULT": 2427}
    out = tmp_path / "r.html"
    res = runner.invoke(cli(), ["report", "--dyad", "Government of Iraq", "IS", "--db", str(db), "--out", str(out),
                                "--json", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    assert out.exists() and not (tmp_path / "r-timeline.png").exists()
    got = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert got["by_direction"] == dict(ucdp_result.by_direction())  # the store gives the same directions
    want = ucdp_result.retaliation.fit.to_dict()["branching"]
    for k, v in got["retaliation"]["fit"]["branching"].items():
        assert v["value"] == pytest.approx(want[k]["value"], abs=2e-3)
    res = runner.invoke(cli(), ["report", "--dyad", "Government of Iraq", "Nobody", "--db", str(db),
                                "--out", str(tmp_path / "x.html")])
    assert res.exit_code == 1 and "no events between" in res.output


def test_report_on_the_coded_seed(tmp_path: Path):
    events = sitrep.code(seed_text(), date=SEED_DATE)
    path = tmp_path / "seed.jsonl"
    path.write_text("".join(e.to_json() + "\n" for e in events), encoding="utf-8")
    out = tmp_path / "seed.html"
    res = CliRunner().invoke(cli(), ["report", "--dyad", "Iran-aligned Iraqi militias", "US forces", "--events",
                                     str(path), "--out", str(out), "--png"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "too few directed attacks" in html  # two attacks: no model, and the report says why
    assert 'class="tag offered"' in html and "if the US ends attacks" in html
    assert "aggregate report" in html or "≥40" in html  # "at least 40 attacks" shown as an aggregate
    assert (tmp_path / "seed-timeline.png").exists() and not (tmp_path / "seed-retaliation.png").exists()


def test_render_html_escapes_evidence():
    from sitrep.models import Actor, Event, Evidence, Span

    text = 'Gunmen <script>alert(1)</script> fired "rockets" & mortars at US troops.'
    ev = Event(article_id="a-x", event_id="e-x", event="ASSAULT", mode=None, acled_event_type=None,
               acled_sub_event_type=None, cameo=None, actor=(Actor(text="KH", name="Kataib Hezbollah"),),
               recipient=(Actor(text="US troops", name="United States military"),),
               evidence=Evidence(text, 0, len(text), Span("fired", text.index("fired"), text.index("fired") + 5)),
               confidence=0.9, date="2021-07-01", date_precision="day")
    html = render_html(analyse([ev], "Iran-aligned Iraqi militias", "US forces"), {})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>fired</mark>" in html


def test_demo_report_from_a_store_of_the_seed(tmp_path: Path):
    from sitrep.analysis.report import demo_report
    from sitrep.models import Article
    from sitrep.store import Store

    article = Article(text=seed_text(), date=SEED_DATE, title="seed")
    events = sitrep.code(seed_text(), date=SEED_DATE)
    db = tmp_path / "demo.db"
    with Store.open(db) as store:
        store.add_articles([article])
        store.add_events(article, events)
    path = demo_report(db, tmp_path)
    assert path == tmp_path / "dyad-report.html"
    html = path.read_text(encoding="utf-8")
    assert "Iran-aligned Iraqi militias and US forces: dyad report" in html
    assert (tmp_path / "dyad-report-timeline.png").exists()
