"""Judging cross-report merges on UCDP rows (sitrep.eval.merges)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_file
from store_helpers import make_event

from sitrep.eval import merges
from sitrep.models import Article


def test_sources_are_read_from_ucdp_source_article() -> None:
    src = ('"Agence France Presse,2013-03-01,New clashes over death sentence";'
           '"BBC Monitoring South Asia,2013-03-01,Violence over war crime trials kills two"')
    assert merges.parse_sources(src) == [
        ("Agence France Presse", "2013-03-01", "New clashes over death sentence"),
        ("BBC Monitoring South Asia", "2013-03-01", "Violence over war crime trials kills two")]
    assert merges.parse_sources("BBC 2/28/1991 Election - some clashes reported.  AFP") == []  # older shape


def _rows(tmp_path: Path) -> Path:
    rows = [
        {"id": "1", "country": "Nigeria", "source_article": '"AFP,2015-02-02,Gunmen kill 12 at market";'
                                                            '"Reuters,2015-02-02,Twelve killed at market"'},
        {"id": "2", "country": "Nigeria", "source_article": '"AP,2015-02-02,Bomb kills 5 at mosque"'},
        {"id": "3", "country": "Nigeria", "source_article": '"AP,2015-02-02,Bomb kills 5 at mosque"'},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_reports_and_merges_are_judged_by_shared_rows(tmp_path: Path) -> None:
    reports = merges.load_reports(_rows(tmp_path))
    assert len(reports) == 3  # the mosque headline is one report cited by two rows
    by_text = {r.article.text: r for r in reports}
    assert by_text["Bomb kills 5 at mosque"].rows == {"2", "3"}
    events = {r.article.id: [make_event(r.article.id, r.article.text, trigger="kill" if "kill" in r.article.text
                                        else "killed", date="2015-02-02")] for r in reports}
    eid = {r.article.text: events[r.article.id][0].event_id for r in reports}
    right = ("c1", [eid["Gunmen kill 12 at market"], eid["Twelve killed at market"]])
    wrong = ("c2", [eid["Bomb kills 5 at mosque"]])
    score = merges.score_merges(reports, events, [right, wrong])
    assert (score.merges, score.right, score.wrong, score.copy_pairs, score.copy_pairs_merged) == (1, 1, 0, 1, 1)
    lumped = ("c1", [eid["Gunmen kill 12 at market"], eid["Bomb kills 5 at mosque"], eid["Twelve killed at market"]])
    score = merges.score_merges(reports, events, [lumped])
    assert (score.merges, score.wrong, score.copies) == (2, 1, 0) and score.wrong_rate == 0.5
    assert score.examples[0][0] == "Bomb kills 5 at mosque"


def test_near_identical_corpus_texts_are_paired() -> None:
    base = " ".join(f"word{i}" for i in range(80))
    arts = [Article(text=base, id="a"), Article(text=base + " corrected", id="b"),
            Article(text=" ".join(f"other{i}" for i in range(80)), id="c")]
    pairs = merges.near_duplicate_pairs(arts)
    assert [(a.id, b.id) for a, b in pairs] == [("a", "b")]


def test_real_rows_with_two_outlets() -> None:
    path = shared_file("gold", *merges.FILE)
    reports = merges.load_reports(path, countries=["Bangladesh"])
    two = [r for r in reports if "71138" in r.rows]
    assert len(two) >= 2 and len({r.outlet for r in two}) >= 2
    assert all(r.article.date == "2013-03-01" for r in two)
