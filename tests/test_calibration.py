"""coding.calibration: the logistic + isotonic fit and the shipped model."""

import json

from sitrep import code, defaults
from sitrep.coding.calibration import (
    CALIBRATION_FILE,
    Calibration,
    capped,
    default_calibration,
    event_features,
    fit,
    fit_isotonic,
    fit_logistic,
    load,
    story_features,
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


def test_story_features_only_for_records_told_past_a_story_opening():
    from sitrep import defaults

    lead = "Rebels attacked an army base in northern Mali on Monday, killing four soldiers. "
    filler = ("The region has long been one of the poorest in the country, and many of its young men "
              "have left for the cities in search of work over the past decade. ")
    late = "Police later arrested protesters in the capital."
    text = lead + filler * 3 + late
    assert text.index(late) >= defaults.CALIBRATION_STORY_START > len(lead)
    events = code(text, date="2024-03-05")
    opening = [ev for ev in events if ev.evidence.start < defaults.CALIBRATION_STORY_START]
    body = [ev for ev in events if ev.evidence.start >= defaults.CALIBRATION_STORY_START]
    assert opening and body
    assert all(story_features(ev) is None for ev in opening)  # the news told fresh speaks for itself
    feats = story_features(body[0])
    assert feats is not None
    assert feats["no_actor"] == float(not body[0].actor) and feats["raw"] == body[0].confidence
    # the same record told second in a two-sentence snippet is still in the story's opening
    short = [ev for ev in code(lead + late, date="2024-03-05") if ev.evidence.start > 0]
    assert short and all(story_features(ev) is None for ev in short)


def test_story_step_only_lowers_confidence():
    story = Calibration(0.0, {"logit": 1.0, "no_actor": -3.0, "support": 3.0})
    model = Calibration(0.0, {"raw": 2.0}, (), story)
    feats = {"raw": 0.8}
    first = model.probability(feats)
    assert model.probability(feats, None) == first  # a lead sentence: the first step alone
    assert model.probability(feats, {"no_actor": 1.0, "support": 0.0}) < first - 0.2
    assert model.probability(feats, {"no_actor": 0.0, "support": 1.0}) == first  # never raised


def test_story_step_learns_what_separates_story_records():
    rows, stories = [], []
    for i in range(200):  # the same first-step evidence; in a story, a record without an actor is mostly wrong
        named = i % 2 == 0
        rows.append((f"articles:{i % 20}", {"raw": 0.8}, (i % 10 != 1) if named else (i % 10 < 3)))
        stories.append({"no_actor": float(not named)})
    rows += [(f"s{i}", {"raw": 0.8}, i % 10 != 0) for i in range(200)]  # lone sentences: 90% right
    stories += [None] * 200
    model = fit(rows, l2=0.1, stories=stories, story_l2=0.1)
    assert model.story is not None and model.story.weights["no_actor"] < -1.0
    assert model.probability({"raw": 0.8}, {"no_actor": 1.0}) < 0.45
    # a named one is right more often than the pooled first step says, but the story step never raises it
    assert model.probability({"raw": 0.8}, {"no_actor": 0.0}) == model.probability({"raw": 0.8}) > 0.7


def test_story_step_round_trips_through_json(tmp_path):
    model = Calibration(-0.5, {"raw": 2.0}, [(0.2, 0.1), (0.8, 0.7)], Calibration(0.3, {"logit": 0.8, "no_actor": -0.9}))
    path = tmp_path / "cal.json"
    path.write_text(model.to_json("test"), encoding="utf-8")
    again = load(path)
    assert again is not None and again.story is not None
    for story in (None, {"no_actor": 1.0}, {"no_actor": 0.0}):
        assert again.probability({"raw": 0.7}, story) == model.probability({"raw": 0.7}, story)


def test_shipped_model_lowers_an_actorless_record_told_in_a_story_body():
    cal = default_calibration()
    assert cal is not None and cal.story is not None
    feats = {"raw": 0.9, "has_actor": 1.0, "event=ASSAULT": 1.0}
    told = {"raw": 0.9, "no_actor": 0.0, "no_recipient": 0.0, "undated": 0.0, "support": 0.7}
    bare = {**told, "no_actor": 1.0, "no_recipient": 1.0, "undated": 1.0, "support": 0.0}
    assert cal.probability(feats, bare) < cal.probability(feats, told) <= cal.probability(feats)


def test_a_history_tally_is_capped_whatever_the_model_says_and_the_shipped_coder_gives_that():
    # the ceiling is the coder's, applied after the model: benchmarks/calibrate.py reads its bands
    # through the same function, so the held-out bands are those of the shipped confidences
    assert capped(0.93, ["coup", "modality:aggregate", "history-tally"]) == defaults.HISTORY_TALLY_CEILING
    assert capped(0.93, ["coup", "modality:aggregate"]) == 0.93
    [tally] = [ev for ev in code("Rebels have carried out 30 attacks on the pipeline in the past five years.",
                                 date="2016-05-01") if ev.event == "ASSAULT"]
    assert "history-tally" in tally.rules and tally.confidence <= defaults.HISTORY_TALLY_CEILING

