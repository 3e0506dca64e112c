"""coding.typemodel: features, the softmax fit, conservative overrides, the shipped weights."""

import dataclasses
import json

import pytest

from sitrep import code
from sitrep.coding import taxonomy, typemodel
from sitrep.coding.typemodel import NO_ACLED, TypeModel, event_features, fit, load, sentence_words
from sitrep.errors import DataFileError

SHELLING = "Shelling/artillery/missile attack"
CHEMICAL = "Chemical weapon"


def _shelling_event():
    events = code("Rebels fired shells at the town of Kafr Nabl on Tuesday, killing three civilians.", date="2021-03-02")
    ev = next(e for e in events if e.acled_sub_event_type == SHELLING)
    return ev


def test_sentence_words_are_stemmed_content_words():
    words = sentence_words("The bombs were bombing the bombed towns and the villages")
    assert {"bomb", "town", "village"} <= words
    assert "the" not in words and "and" not in words


def test_features_read_the_rules_type_trigger_and_sentence():
    ev = _shelling_event()
    f = event_features(ev)
    assert f["event=ASSAULT"] == 1.0
    assert f["rules-event=Explosions/Remote violence"] == 1.0
    assert any(k.startswith("trigger=fir") for k in f)
    assert f["w=shell"] == 1.0 and f["w=civilian"] == 1.0
    assert any(k.startswith("entry=") for k in f)


def _rows(n_gas: int = 20, n_plain: int = 40):
    """Synthetic training rows: the rules say shelling; when 'gas' is in the sentence the gold says chemical."""
    gas = {"event=ASSAULT": 1.0, "w=shell": 1.0, "w=gas": 1.0}
    plain = {"event=ASSAULT": 1.0, "w=shell": 1.0}
    return [(gas, SHELLING, CHEMICAL)] * n_gas + [(plain, SHELLING, SHELLING)] * n_plain


def test_fit_learns_a_word_that_corrects_the_rules():
    model = fit(_rows(), l2=1.0, min_count=3)
    with_gas = model.probabilities({"event=ASSAULT": 1.0, "w=shell": 1.0, "w=gas": 1.0}, SHELLING)
    without = model.probabilities({"event=ASSAULT": 1.0, "w=shell": 1.0}, SHELLING)
    assert max(with_gas, key=with_gas.get) == CHEMICAL
    assert max(without, key=without.get) == SHELLING
    assert model.agree > 0  # the rules' label is right more often than not
    assert abs(sum(with_gas.values()) - 1.0) < 1e-9


def test_rare_features_get_no_weight():
    rows = _rows() + [({"event=ASSAULT": 1.0, "w=sarin": 1.0}, SHELLING, CHEMICAL)] * 2
    model = fit(rows, l2=1.0, min_count=3)
    assert all("w=sarin" not in w for _, w in model.heads.values())


def _gas_model(min_prob: float = 0.5, min_margin: float = 0.2) -> TypeModel:
    return TypeModel({CHEMICAL: (0.0, {"w=gas": 6.0}), SHELLING: (0.0, {}), NO_ACLED: (0.0, {"w=claim": 6.0})},
                     agree=1.0, min_prob=min_prob, min_margin=min_margin)


def test_confident_model_overrides_and_says_so():
    ev = _shelling_event()
    gassed = dataclasses.replace(ev, evidence=dataclasses.replace(
        ev.evidence, sentence=ev.evidence.sentence + " Residents suspect the shells held poison gas."))
    out = _gas_model()(gassed)
    assert out.acled_sub_event_type == CHEMICAL
    assert out.acled_event_type == taxonomy.acled_event_type(CHEMICAL)
    assert "typemodel:CHEM_WEAP" in (out.rule or "")
    assert out.event == ev.event and out.actor == ev.actor  # only the ACLED type moves


def test_unsure_model_leaves_the_rules_type():
    ev = _shelling_event()  # no "gas": the model agrees with the rules
    assert _gas_model()(ev) is ev
    gassed = dataclasses.replace(ev, evidence=dataclasses.replace(ev.evidence, sentence="Shells with gas hit the town."))
    assert _gas_model(min_prob=0.999)(gassed) is gassed  # not sure enough


def test_model_can_say_no_acled_event():
    ev = _shelling_event()
    claimed = dataclasses.replace(ev, evidence=dataclasses.replace(ev.evidence, sentence="The group made a claim for the shelling."))
    out = _gas_model()(claimed)
    assert out.acled_sub_event_type is None and out.acled_event_type is None


def test_never_gives_an_acled_type_to_unreal_events():
    ev = dataclasses.replace(_shelling_event(), modality="threatened", acled_event_type=None, acled_sub_event_type=None)
    gassed = dataclasses.replace(ev, evidence=dataclasses.replace(ev.evidence, sentence="They threaten to use gas."))
    assert _gas_model()(gassed) is gassed


def test_round_trip_and_bad_files(tmp_path):
    path = tmp_path / "typemodel.json"
    path.write_text(_gas_model().to_json("test"), encoding="utf-8")
    again = load(path)
    assert again is not None and again.agree == 1.0
    feats = {"w=gas": 1.0}
    assert again.probabilities(feats, SHELLING) == pytest.approx(_gas_model().probabilities(feats, SHELLING), abs=1e-4)
    assert load(tmp_path / "absent.json") is None
    path.write_text(json.dumps({"heads": {"Not a type": {"bias": 0, "weights": {}}}}), encoding="utf-8")
    with pytest.raises(DataFileError):
        load(path)


def test_shipped_weights_load_and_keep_the_rules_on_plain_reports():
    model = typemodel.default_type_model()
    if model is None:
        pytest.skip("sitrep/data/typemodel.json is absent (benchmarks/fit_typemodel.py --write makes it)")
    assert set(model.heads) <= set(typemodel.labels())
    assert model.min_prob >= 0.4 and model.agree > 0
    # a plain shelling report: the model has no reason to overrule the rules
    assert _shelling_event().acled_sub_event_type == SHELLING


def test_coder_without_the_model_codes_by_rules(monkeypatch):
    from sitrep import pipeline

    text = "Rebels fired shells at the town of Kafr Nabl on Tuesday, killing three civilians."
    monkeypatch.setattr(pipeline, "RETYPE", False)
    plain = code(text, date="2021-03-02")
    assert all("typemodel:" not in (e.rule or "") for e in plain)
    assert any(e.acled_sub_event_type == SHELLING for e in plain)
