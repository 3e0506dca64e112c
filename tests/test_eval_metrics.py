"""Metric arithmetic, sampling and folds of the evaluation."""

from __future__ import annotations

import pytest

from sitrep.eval.metrics import (
    PRF,
    binary_prf,
    classification_scores,
    content_tokens,
    head_match,
    main_event,
    match_count,
    micro_prf,
    overlaps,
    set_prf,
)
from sitrep.eval.sampling import every_kth, every_kth_by, fold_of, unique_ids
from sitrep.models import Event, Evidence, Span


def _ev(event: str, conf: float, start: int = 0, modality: str = "asserted", sub: str | None = None) -> Event:
    return Event(article_id="a", event_id=f"e{start}{event}", event=event, mode=None, acled_event_type=None,
                 acled_sub_event_type=sub, cameo=None, actor=(), recipient=(),
                 evidence=Evidence("s", 0, 10, Span("x", start, start + 1)), confidence=conf, modality=modality)


def test_main_event_is_no_background_event_while_another_stands() -> None:
    import dataclasses

    lifted = dataclasses.replace(_ev("CONCEDE", 0.6, 7), rule="retreat")
    killed = dataclasses.replace(_ev("ASSAULT", 0.7, 40), rule="kill;background:killed")
    assert main_event([lifted, killed]) is lifted  # "lifted a curfew in X, where 28 were killed"
    assert main_event([killed]) is killed
    side = dataclasses.replace(_ev("AGREE", 0.8, 30), rule="agree;clause:sub")  # "... who agreed to ..."
    assert main_event([lifted, side]) is lifted  # a subordinate clause's event is no main event either


def test_prf_values() -> None:
    p = PRF(tp=3, fp=1, fn=2)
    assert p.precision == pytest.approx(0.75)
    assert p.recall == pytest.approx(0.6)
    assert p.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_prf_edge_cases() -> None:
    assert PRF().f1 is None and PRF().precision is None
    assert PRF(fn=2).precision == 0.0 and PRF(fn=2).f1 == 0.0
    assert PRF(fp=1).recall == 0.0


def test_set_and_micro_prf() -> None:
    assert set_prf({"a", "b"}, {"b", "c"}).as_dict()["f1"] == pytest.approx(0.5)
    total = micro_prf([({"a"}, {"a"}), ({"b", "c"}, {"b"}), (set(), {"z"})])
    assert (total.tp, total.fp, total.fn) == (2, 1, 1)


def test_binary_prf() -> None:
    p = binary_prf([(True, True), (True, False), (False, True), (False, False)])
    assert (p.tp, p.fp, p.fn) == (1, 1, 1)


def test_classification_scores_by_hand() -> None:
    # gold A A B C ; pred A B B NONE
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", "NONE")]
    s = classification_scores(pairs, ["A", "B", "C"])
    assert s["accuracy"] == pytest.approx(0.5)
    # A: P 1, R .5, F 2/3 ; B: P .5, R 1, F 2/3 ; C: F 0
    assert s["per_class"]["A"]["f1"] == pytest.approx(2 / 3)
    assert s["per_class"]["B"]["precision"] == pytest.approx(0.5)
    assert s["weighted_f1"] == pytest.approx((2 * 2 / 3 + 1 * 2 / 3 + 0) / 4)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert {(c["gold"], c["pred"]) for c in s["confusions"]} == {("A", "B"), ("C", "NONE")}


def test_classification_perfect_and_unknown_label() -> None:
    s = classification_scores([("A", "A"), ("B", "B")], ["A", "B", "C"])
    assert s["weighted_f1"] == 1.0 and s["macro_f1"] == 1.0
    assert "C" not in s["per_class"]  # no support and never predicted
    s = classification_scores([("A", "?x")], ["A"])
    assert s["weighted_f1"] == 0.0


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Southern states", "several Southern states", True),
    ("U.S. Appeals Court", "the court", True),
    ("ISIS militants", "Islamic State", False),
    ("the", "the", False),
    ("Syrian army", "Syrian rebels", False),
])
def test_head_match(a: str, b: str, same: bool) -> None:
    assert head_match(a, b) is same


def test_match_count_is_one_to_one() -> None:
    assert match_count(["police", "police officers"], ["police"]) == 1
    assert match_count(["Baghdad", "Mosul"], ["Mosul", "in Baghdad"]) == 2


def test_content_tokens_drop_function_words() -> None:
    assert content_tokens("the Islamic State's fighters") == ["islamic", "state's", "fighters"]


def test_overlaps() -> None:
    assert overlaps((0, 5), (4, 9)) and not overlaps((0, 5), (5, 9))


def test_main_event_picks_highest_confidence_then_earliest() -> None:
    a, b, c = _ev("ASSAULT", 0.7, 10), _ev("PROTEST", 0.9, 20, modality="threatened"), _ev("AGREE", 0.7, 5)
    assert main_event([a, b, c]) is b
    assert main_event([a, b, c], modalities=("asserted",)) is c
    assert main_event([a, c], require_acled=True) is None
    d = _ev("ASSAULT", 0.6, 1, sub="Attack")
    assert main_event([a, d], require_acled=True) is d
    assert main_event([]) is None


def test_main_event_reads_close_confidences_as_a_tie() -> None:
    import dataclasses

    from sitrep.defaults import EVAL_MAIN_TIE

    # "X intercepted missiles fired at Y": a refit may put the missiles a hair above the interception
    intercepted = _ev("DISRUPT", 0.56, 5, sub="Disrupted weapons use")
    missiles = _ev("ASSAULT", 0.56 + EVAL_MAIN_TIE / 2, 20, sub="Shelling/artillery/missile attack")
    assert main_event([missiles, intercepted]) is intercepted  # a tie: the text's order decides
    surer = _ev("ASSAULT", 0.56 + 2 * EVAL_MAIN_TIE, 20, sub="Shelling/artillery/missile attack")
    assert main_event([surer, intercepted]) is surer  # a clear gap still decides
    # a record that the story retells (folded mentions) is its main event among close ones
    retold = dataclasses.replace(_ev("PROTEST", 0.57, 30, sub="Violent demonstration"),
                                 support=(Evidence("s", 40, 50, Span("y", 45, 46)),))
    assert main_event([missiles, intercepted, retold]) is retold
    assert main_event([surer, retold]) is surer


def test_fold_of_is_deterministic_and_balanced() -> None:
    keys = [f"set:{i}" for i in range(2000)]
    folds = [fold_of(k) for k in keys]
    assert folds == [fold_of(k) for k in keys]
    assert set(folds) == {0, 1}
    assert 850 < folds.count(0) < 1150
    assert all(0 <= fold_of(k, 5) < 5 for k in keys[:50])


def test_every_kth() -> None:
    items = list(range(10))
    assert every_kth(items, 5) == [0, 2, 4, 6, 8]
    assert every_kth(items, 3) == [0, 4, 8]
    assert every_kth(items, None) == items and every_kth(items, 50) == items
    assert every_kth(items, 0) == []


def test_every_kth_by_samples_each_group() -> None:
    items = [("s", i) for i in range(10)] + [("d", i) for i in range(4)]
    out = every_kth_by(items, 2, lambda x: x[0])
    assert out == [("s", 0), ("s", 5), ("d", 0), ("d", 2)]


def test_unique_ids() -> None:
    assert unique_ids(["a", "b", "a", "a"]) == ["a", "b", "a#2", "a#3"]
