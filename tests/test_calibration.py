"""coding.calibration: the logistic + isotonic fit and the shipped model."""

import json

from sitrep import code
from sitrep.coding.calibration import (
    CALIBRATION_FILE,
    Calibration,
    default_calibration,
    event_features,
    fit,
    fit_isotonic,
    fit_logistic,
)


def test_isotonic_fit_is_monotone_and_matches_rates():
    pairs = [(0.5, False)] * 40 + [(0.5, True)] * 10 + [(0.9, True)] * 45 + [(0.9, False)] * 5
    knots = fit_isotonic(pairs, min_n=10)
    assert [round(p, 2) for _, p in knots] == [0.2, 0.9]


def test_small_blocks_are_merged():
    pairs = [(0.1, False)] * 50 + [(0.99, True)] * 3
    knots = fit_isotonic(pairs, min_n=30)
    assert len(knots) == 1


def test_logistic_fit_learns_which_feature_predicts_right():
    rows = [({"raw": 0.6, "has_actor": 1.0}, True)] * 45 + [({"raw": 0.6, "has_actor": 1.0}, False)] * 5
    rows += [({"raw": 0.6, "has_actor": 0.0}, True)] * 10 + [({"raw": 0.6, "has_actor": 0.0}, False)] * 40
    model = fit_logistic(rows, l2=0.1)
    with_actor = model.probability({"raw": 0.6, "has_actor": 1.0})
    without = model.probability({"raw": 0.6, "has_actor": 0.0})
    assert with_actor > 0.8 and without < 0.3


def test_rare_trigger_words_get_no_weight_of_their_own():
    rows = [({"trigger=shelled": 1.0}, True)] * 3 + [({"trigger=said": 1.0}, False)] * 20
    model = fit_logistic(rows, min_trigger_count=8)
    assert "trigger=shelled" not in model.weights and "trigger=said" in model.weights


def test_stacked_fit_never_claims_more_than_its_blocks_earned():
    rows = [(f"a{i}", {"raw": 0.9}, i % 10 != 0) for i in range(100)]  # 90% right
    rows += [(f"b{i}", {"raw": 0.3}, i % 2 == 0) for i in range(100)]  # 50% right
    model = fit(rows, l2=0.1)
    assert abs(model.probability({"raw": 0.9}) - 0.9) < 0.02
    assert abs(model.probability({"raw": 0.3}) - 0.5) < 0.02


def test_model_round_trips_through_json(tmp_path):
    model = Calibration(-0.5, {"raw": 2.0, "event=ASSAULT": 0.3}, [(0.2, 0.1), (0.8, 0.7)])
    path = tmp_path / "cal.json"
    path.write_text(model.to_json("test"), encoding="utf-8")
    from sitrep.coding.calibration import load

    again = load(path)
    assert again is not None
    feats = {"raw": 0.7, "event=ASSAULT": 1.0}
    assert again.probability(feats) == model.probability(feats)


def test_shipped_model_is_monotone_in_its_scores_and_coded_events_carry_it(monkeypatch):
    import sitrep.pipeline as pipeline

    cal = default_calibration()
    assert cal is not None
    body = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    ps = [p for _, p in body["isotonic"]]
    assert ps == sorted(ps) and all(0.0 <= p <= 1.0 for p in ps)
    text = "Rebels attacked an army base in northern Mali on Monday, killing four soldiers."
    calibrated = code(text, date="2024-03-05")
    monkeypatch.setattr(pipeline, "CALIBRATE", False)
    raw = code(text, date="2024-03-05")
    assert calibrated and len(raw) == len(calibrated)
    for r, c in zip(raw, calibrated, strict=True):
        assert c.confidence == cal(r)
        assert event_features(r)["raw"] == r.confidence
