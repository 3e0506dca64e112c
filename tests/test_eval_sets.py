"""Each gold-set scorer on real gold records (read by id from ../shared/gold) and hand-built events.

A perfect prediction must score 1.0; a known miss must lower the right metric
by the right amount. No coder runs here: predictions are built by hand.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import GOLD, gold_record, shared_file

from sitrep.coding import taxonomy
from sitrep.errors import DataFileError
from sitrep.eval import (
    calibration,
    case2021,
    commands,
    event_place,
    glocon,
    m2e2,
    petrarch,
    plover,
    runner,
    ucdp,
    ucdp_places,
)
from sitrep.eval.base import Judged, iso_date
from sitrep.eval.coder import TextItem
from sitrep.models import Actor, Event, Evidence, Place, Span

# --- building events by hand ---------------------------------------------------------------


def ev(event: str = "ASSAULT", *, conf: float = 0.8, modality: str = "asserted", mode: str | None = None,
       sub: str | None = None, cameo: str | None = None, actors: Sequence[Actor] = (),
       recipients: Sequence[Actor] = (), location: Place | None = None, fatalities: int | None = None,
       trigger: tuple[int, int] = (0, 1)) -> Event:
    return Event(
        article_id="a", event_id=f"e-{event}-{trigger[0]}-{conf}", event=event, mode=mode,
        acled_event_type=taxonomy.acled_event_type(sub), acled_sub_event_type=sub, cameo=cameo,
        actor=tuple(actors), recipient=tuple(recipients),
        evidence=Evidence("sentence", 0, 100, Span("t", *trigger)), confidence=conf, modality=modality,
        location=location, fatalities=fatalities,
    )


def actor(text: str = "x", *, country: str | None = None, type: str | None = None, code: str | None = None,
          inter: int | None = None) -> Actor:
    return Actor(text=text, name=text, country=country, type=type, code=code, inter=inter)


def pick(items: Sequence[Any], *ids: str) -> list[Any]:
    by_id = {it.id: it for it in items}
    missing = [i for i in ids if i not in by_id]
    if missing:
        pytest.fail(f"gold ids {missing} not found")
    return [by_id[i] for i in ids]


class FakeCoder:
    """Answers each text with events built by ``fn``; records the actor resolvers it was given."""

    def __init__(self, fn: Callable[[TextItem], list[Event]]) -> None:
        self.fn = fn
        self.notes: list[str] = []
        self.actors_seen: list[Any] = []

    def code_texts(self, items: Sequence[TextItem], *, actors: Any = None) -> dict[str, list[Event]]:
        self.actors_seen.append(actors)
        return {it.id: self.fn(it) for it in items}


@pytest.fixture(scope="module")
def gold() -> Path:
    return shared_file("gold")


# --- case2021 ---------------------------------------------------------------------------------


def _case_oracle(item: case2021.CaseItem) -> list[Event]:
    sub = taxonomy.sub_event_for_case_code(item.label)
    return [ev(sub=sub, conf=0.9)] if sub else []


def test_case2021_loader_reads_every_snippet(gold: Path) -> None:
    items = case2021.load(gold)
    assert len(items) == 538
    assert {it.label for it in items} == set(taxonomy.case_codes())


def test_case2021_perfect_prediction_scores_one(gold: Path) -> None:
    items = case2021.load(gold)
    result = case2021.score(items, {it.id: _case_oracle(it) for it in items})
    assert result.metrics["weighted_f1"] == 1.0
    assert result.metrics["macro_f1"] == 1.0
    assert result.metrics["accuracy"] == 1.0
    assert result.metrics["non_acled_accuracy"] == 1.0
    assert all(j.correct for j in result.judged)


def test_case2021_known_misses(gold: Path) -> None:
    items = pick(case2021.load(gold), "2", "3", "7", "9", "10")
    assert [it.label for it in items] == ["NATURAL_DISASTER", "FORCE_AGAINST_PROTEST", "CHEM_WEAP",
                                          "GOV_REGAINS_TERIT", "GOV_REGAINS_TERIT"]
    preds = {it.id: _case_oracle(it) for it in items}
    preds["10"] = []  # one regained territory missed
    r = case2021.score(items, preds)
    assert r.metrics["accuracy"] == pytest.approx(4 / 5)
    assert r.details["per_class"]["GOV_REGAINS_TERIT"]["recall"] == pytest.approx(0.5)
    assert r.details["per_class"]["GOV_REGAINS_TERIT"]["precision"] == 1.0
    # an ACLED event on the natural-disaster snippet is wrong, however confident
    preds["2"] = [ev(sub="Attack", conf=0.95)]
    r = case2021.score(items, preds)
    assert r.metrics["accuracy"] == pytest.approx(3 / 5)
    assert r.metrics["non_acled_accuracy"] == 0.0
    assert {"gold": "NATURAL_DISASTER", "pred": "ATTACK", "count": 1} in r.details["confusions"]


def test_case2021_main_event_is_asserted_and_most_confident(gold: Path) -> None:
    item = pick(case2021.load(gold), "7")[0]  # CHEM_WEAP
    events = [ev(sub="Armed clash", conf=0.7, trigger=(5, 6)), ev(sub="Chemical weapon", conf=0.8, trigger=(9, 10)),
              ev(sub="Air/drone strike", conf=0.99, modality="threatened")]
    assert case2021.predicted_code(events)[0] == "CHEM_WEAP"
    assert case2021.predicted_code([ev(sub=None, conf=0.9)])[0] == case2021.NONE
    assert case2021.score([item], {item.id: events}).metrics["accuracy"] == 1.0


def test_case2021_loader_names_a_bad_line(tmp_path: Path) -> None:
    d = tmp_path / "case2021"
    d.mkdir()
    (d / "task2_dev.tsv").write_text("id\tEventSnippet\tSubType\n1\tsome text\tARMED_CLASH\n2\tno label\n",
                                     encoding="utf-8")
    with pytest.raises(DataFileError, match="line 3"):
        case2021.load(tmp_path)
    (d / "task2_dev.tsv").write_text("1\ttext\tNOT_A_CODE\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="NOT_A_CODE"):
        case2021.load(tmp_path)


# --- plover ---------------------------------------------------------------------------------------


def _plover_oracle(item: plover.PloverItem) -> list[Event]:
    types_a = sorted(item.actor.types) or [None]
    types_r = sorted(item.recipient.types) or [None]
    actors = [actor(c, country=c, type=types_a[0]) for c in sorted(item.actor.countries)] or \
        [actor("a", type=t) for t in types_a if t]
    for t in types_a[1:]:
        actors.append(actor("a2", type=t))
    recips = [actor(c, country=c, type=types_r[0]) for c in sorted(item.recipient.countries)] or \
        [actor("r", type=t) for t in types_r if t]
    for t in types_r[1:]:
        recips.append(actor("r2", type=t))
    return [ev(item.event, mode=item.mode, actors=actors, recipients=recips, conf=0.9)]


def test_plover_gold_names_are_normalized(gold: Path) -> None:
    items = plover.load(gold)
    raw_fight = [r for r in (gold_record("plover/plover_gsr.jsonl", it.id) for it in items if "#" not in it.id)
                 if r["event"] == "FIGHT"]
    assert raw_fight, "the set has FIGHT records"
    by_id = {it.id: it for it in items}
    assert all(by_id[r["id"]].event == "ASSAULT" for r in raw_fight)
    assert {it.event for it in items} <= set(taxonomy.normalize_plover_event(e) for e in
                                             ("AGREE", "DEMAND", "REJECT", "THREATEN", "PROTEST", "COERCE", "FIGHT",
                                              "DISAPPROVE", "ASSAULT", "RETREAT", "SANCTION", "SUPPORT", "CONCEDE",
                                              "CONSULT", "AID", "INVESTIGATE", "MOBILIZE", "COOPERATE"))


def test_plover_actors_from_gold_codes(gold: Path) -> None:
    first, second = pick(plover.load(gold), "PLOVER-GSR01-AGREE-0001", "PLOVER-GSR01-AGREE-0002")
    assert first.actor.countries == {"HUN", "ROU"} and first.actor.types == {"government"}
    assert second.actor.types == {"IGO"} and not second.actor.countries
    assert second.recipient.countries == frozenset()  # "JAP" is not an ISO code: not scored


def test_plover_perfect_prediction_scores_one(gold: Path) -> None:
    items = plover.load(gold)
    r = plover.score(items, {it.id: _plover_oracle(it) for it in items})
    for key in ("event_accuracy", "event_macro_f1", "event_in_any", "mode_accuracy", "actor_country_f1",
                "recipient_country_f1", "actor_sector_f1", "recipient_sector_f1"):
        assert r.metrics[key] == 1.0, key


def test_plover_known_misses(gold: Path) -> None:
    items = pick(plover.load(gold), "PLOVER-GSR01-AGREE-0001", "PLOVER-GSR01-AGREE-0003",
                 "PLOVER-GSR01-RETREAT-0023")
    preds = {it.id: _plover_oracle(it) for it in items}
    gold_countries = sum(len(it.actor.countries) for it in items)
    # drop Jordan from "The United States and Jordan have agreed ..."
    us = preds["PLOVER-GSR01-AGREE-0003"][0]
    preds["PLOVER-GSR01-AGREE-0003"] = [ev(us.event, actors=[a for a in us.actor if a.country != "JOR"], conf=0.9)]
    r = plover.score(items, preds)
    assert r.details["actors"]["actor_country"]["recall"] == pytest.approx((gold_countries - 1) / gold_countries)
    assert r.metrics["event_accuracy"] == 1.0
    # a more confident wrong event becomes the main event
    preds["PLOVER-GSR01-RETREAT-0023"] = [ev("RETREAT", conf=0.6), ev("ASSAULT", conf=0.7, trigger=(3, 4))]
    r = plover.score(items, preds)
    assert r.metrics["event_accuracy"] == pytest.approx(2 / 3)
    assert r.metrics["event_in_any"] == 1.0


def test_plover_threatened_event_reads_as_threaten() -> None:
    assert plover.plover_view(ev("ASSAULT", modality="threatened")) == "THREATEN"
    assert plover.plover_view(ev("ASSAULT")) == "ASSAULT"


# --- petrarch ---------------------------------------------------------------------------------------


def _petrarch_oracle(item: petrarch.PetrarchItem) -> list[Event]:
    return [ev(cameo=c, actors=[actor(s, code=s)] if s != "---" else [],
               recipients=[actor(t, code=t)] if t != "---" else [], conf=0.9) for s, t, c in sorted(item.triples)]


def test_petrarch_loader_keeps_subsets_and_drops_error_tests(gold: Path) -> None:
    items = petrarch.load(gold)
    ids = {it.id for it in items}
    assert {"unittest", "validate", "universal"} == {it.subset for it in items}
    assert "unittest:ERROR-01" not in ids  # an expected_error record tests error handling
    demo2 = pick(items, "unittest:DEMO-02")[0]
    assert demo2.triples == {("DAGGOV", "GON", "032"), ("GON", "DAGGOV", "033")}
    assert len(ids) == len(items)  # duplicate ids made unique


def test_petrarch_perfect_prediction_scores_one(gold: Path) -> None:
    items = petrarch.load(gold)
    r = petrarch.score(items, {it.id: _petrarch_oracle(it) for it in items})
    assert r.metrics["root_triple_f1"] == 1.0
    assert r.metrics["full_triple_f1"] == 1.0
    assert r.metrics["no_event_accuracy"] == 1.0


def test_petrarch_known_misses(gold: Path) -> None:
    items = pick(petrarch.load(gold), "unittest:DEMO-00", "unittest:DEMO-02", "unittest:DEMO-24")
    preds = {it.id: _petrarch_oracle(it) for it in items}
    assert preds["unittest:DEMO-24"] == []  # a no-event record
    preds["unittest:DEMO-02"] = preds["unittest:DEMO-02"][:1]
    r = petrarch.score(items, preds)
    assert r.metrics["root_triple_recall"] == pytest.approx(2 / 3)
    assert r.metrics["root_triple_precision"] == 1.0
    # right root, wrong full code: root triple holds, full triple fails
    preds["unittest:DEMO-00"] = [ev(cameo="060", actors=[actor("ARN", code="ARN")], recipients=[actor("GON", code="GON")])]
    r = petrarch.score(items, preds)
    assert r.details["root_triple"]["tp"] == 2
    assert r.details["full_triple"]["tp"] == 1
    # a country-level actor code matches a country+role code only in the country diagnostic
    preds["unittest:DEMO-00"] = [ev(cameo="064", actors=[actor("ARN", code="ARNGOV")], recipients=[actor("GON", code="GON")])]
    r = petrarch.score(items, preds)
    assert r.details["root_triple"]["tp"] == 1
    assert r.metrics["country_root_triple_f1"] == pytest.approx(0.8)  # 2 of 3 gold triples, no false one
    preds["unittest:DEMO-24"] = [ev(cameo="190")]
    assert petrarch.score(items, preds).metrics["no_event_accuracy"] == 0.0


def test_petrarch_codes_each_subset_with_its_dictionary(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = petrarch.load(gold)
    sample = [next(it for it in items if it.subset == s) for s in ("unittest", "validate", "universal")]
    loaded: list[tuple[str, str]] = []

    def fake_resolver(actors_path: Path, agents_path: Path) -> tuple[Any, None]:
        loaded.append((actors_path.parent.name, agents_path.name))
        return f"resolver:{actors_path.parent.name}", None

    monkeypatch.setattr(petrarch, "load_resolver", fake_resolver)
    coder = FakeCoder(lambda it: [])
    petrarch.predict(sample, coder, gold_dir=gold)
    assert loaded == [("validation_dictionaries", "PETR.Validate.agents.txt"),
                      ("validation_dictionaries_140226", "PETR.Validate.agents.txt")]
    assert coder.actors_seen == ["resolver:validation_dictionaries", "resolver:validation_dictionaries_140226", None]


def test_petrarch_without_resolver_notes_the_fallback(gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [it for it in petrarch.load(gold) if it.subset == "unittest"][:2]
    monkeypatch.setattr(petrarch, "load_resolver", lambda a, b: (None, "not written yet"))
    coder = FakeCoder(lambda it: [])
    petrarch.predict(items, coder, gold_dir=gold)
    assert coder.actors_seen == [None]
    assert any("not written yet" in n for n in coder.notes)


# --- m2e2 ---------------------------------------------------------------------------------------------

ATTACK_ID = "VOA_EN_NW_2016.07.14.3417836_21"   # sniper -> officers in Dallas
PROTEST_ID = "VOA_EN_NW_2016.04.19.3291980_14"  # protests in several Southern states
ARREST_ID = "VOA_EN_NW_2016.05.16.3331907_0"    # arrest of Kizza Besigye
DIE_ID = "VOA_EN_NW_2016.02.10.3184811_16"      # civilians die, Syrian attack
NONE_ID = "VOA_EN_NW_2016.04.19.3291980_0"      # no event


def _m2e2_oracle(item: m2e2.M2E2Item) -> list[Event]:
    out = []
    for i, mention in enumerate(item.events):
        args: dict[str, list[str]] = {}
        for role, text in mention.arguments:
            args.setdefault(role, []).append(text)
        place = Place(text=args["Place"][0], name=args["Place"][0]) if "Place" in args else None
        trig = (i, i + 1)
        if mention.type == "Conflict:Attack":
            out.append(ev("ASSAULT", actors=[actor(t) for t in args.get("Attacker", [])],
                          recipients=[actor(t) for t in args.get("Target", [])], location=place, trigger=trig))
        elif mention.type == "Conflict:Demonstrate":
            out.append(ev("PROTEST", actors=[actor(t) for t in args.get("Entity", [])], location=place, trigger=trig))
        elif mention.type == "Justice:Arrest-Jail":
            out.append(ev("COERCE", mode="arrest", actors=[actor(t) for t in args.get("Agent", [])],
                          recipients=[actor(t) for t in args.get("Person", [])], location=place, trigger=trig))
        elif mention.type == "Life:Die":
            out.append(ev("SANCTION", fatalities=1, actors=[actor(t) for t in args.get("Agent", [])],
                          recipients=[actor(t) for t in args.get("Victim", [])], location=place, trigger=trig))
    return out


def test_m2e2_perfect_prediction_scores_one(gold: Path) -> None:
    items = pick(m2e2.load(gold), ATTACK_ID, PROTEST_ID, ARREST_ID, DIE_ID, NONE_ID)
    assert items[0].date == "2016-07-14"
    r = m2e2.score(items, {it.id: _m2e2_oracle(it) for it in items})
    for key in ("attack_f1", "demonstrate_f1", "arrest_f1", "die_f1", "attacker_f1", "target_f1", "place_f1",
                "argument_micro_f1"):
        assert r.metrics[key] == 1.0, key


def test_m2e2_known_misses(gold: Path) -> None:
    items = pick(m2e2.load(gold), ATTACK_ID, PROTEST_ID, ARREST_ID, DIE_ID, NONE_ID)
    preds = {it.id: _m2e2_oracle(it) for it in items}
    preds[PROTEST_ID] = []                                     # demonstration missed
    preds[NONE_ID] = [ev("ASSAULT", conf=0.95)]                # attack where there is none
    atk = preds[ATTACK_ID][0]
    preds[ATTACK_ID] = [ev("ASSAULT", actors=atk.actor, recipients=[actor("the mayor")], location=atk.location)]
    r = m2e2.score(items, preds)
    assert r.metrics["demonstrate_recall"] == 0.0
    assert r.metrics["attack_precision"] == pytest.approx(2 / 3)   # 2 right sentences of 3 predicted
    assert r.metrics["attack_recall"] == 1.0
    assert r.metrics["target_f1"] == 0.0                           # "the mayor" is not "officers"
    assert r.metrics["attacker_f1"] == 1.0
    wrong = [j for j in r.judged if not j.correct]
    assert [j.id for j in wrong] == [NONE_ID]


def test_m2e2_counts_events_that_happened(gold: Path) -> None:
    items = pick(m2e2.load(gold), ATTACK_ID, NONE_ID)
    preds = {ATTACK_ID: _m2e2_oracle(items[0]), NONE_ID: [ev("ASSAULT", modality="negated")]}
    r = m2e2.score(items, preds)
    assert r.metrics["attack_precision"] == 1.0  # "did not attack" is no attack sentence
    preds[NONE_ID] = [ev("ASSAULT", modality="historical")]
    assert m2e2.score(items, preds).metrics["attack_precision"] == 0.5


def test_m2e2_event_types_mapping() -> None:
    assert m2e2.event_types(ev("ASSAULT")) == {"Conflict:Attack"}
    assert m2e2.event_types(ev("ASSAULT", fatalities=3)) == {"Conflict:Attack", "Life:Die"}
    assert m2e2.event_types(ev("COERCE", mode="arrest")) == {"Justice:Arrest-Jail"}
    assert m2e2.event_types(ev("COERCE", cameo="1731")) == {"Justice:Arrest-Jail"}
    assert m2e2.event_types(ev("COERCE", mode="seize")) == set()
    assert m2e2.event_types(ev("PROTEST", modality="threatened")) == {"Conflict:Demonstrate"}
    # a killing told by a kill word alone (CAMEO 1823) is ACE Life:Die, not an attack ...
    assert m2e2.event_types(ev("ASSAULT", cameo="1823")) == set()
    assert m2e2.event_types(ev("ASSAULT", cameo="1823", fatalities=2)) == {"Life:Die"}
    # ... a shooting or an air strike is
    assert m2e2.event_types(ev("ASSAULT", cameo="193", mode="firearms")) == {"Conflict:Attack"}
    # taking ground (CAMEO 192) is no ACE attack: ACE has no event for a change of control
    assert m2e2.event_types(ev("ASSAULT", cameo="192", mode="occupy")) == set()
    assert m2e2.event_types(ev("ASSAULT", cameo="192", mode="occupy", fatalities=4)) == {"Life:Die"}


def test_m2e2_type_file_is_checked(tmp_path: Path) -> None:
    p = tmp_path / "ace.yaml"
    p.write_text("types:\n  Conflict:Attack: {plover: [FIGHT]}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown PLOVER event"):
        m2e2.load_ace_types(p)
    p.write_text("types:\n  Conflict:Attack: {plover: [ASSAULT], roles: {Attacker: perpetrator}}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="roles"):
        m2e2.load_ace_types(p)


# --- event_location ---------------------------------------------------------------------------------------


def _loc_oracle(item: event_place.LocationItem) -> list[Event]:
    verb = item.verb or (0, 1)
    place = None
    if item.locations:
        s, e = item.locations[0]
        place = Place(text=item.text[s:e], name=item.text[s:e], start=s, end=e)
    return [ev("ASSAULT", trigger=verb, location=place), ev("PROTEST", trigger=(verb[1] + 50, verb[1] + 51), conf=0.99)]


def test_event_location_gold_answered_only(gold: Path) -> None:
    items = event_place.load(gold)
    # 496 gold-answered; records without a verb or with an unrepairable span drop out
    assert 470 <= len(items) <= 496
    assert sum(1 for it in items if it.locations) > 300
    assert any(it.repaired for it in items)
    for it in items:
        for s, e in it.locations:
            assert it.text[s:e].strip() and (it.text[s].isupper() or it.text[s].isdigit()), it.id


def test_event_location_perfect_and_shifted(gold: Path) -> None:
    items = event_place.load(gold)
    preds = {it.id: _loc_oracle(it) for it in items}
    r = event_place.score(items, preds)
    assert r.metrics["exact"] == 1.0 and r.metrics["overlap"] == 1.0 and r.metrics["none_accuracy"] == 1.0
    target = next(it for it in items if it.locations and it.locations[0][1] - it.locations[0][0] > 3)
    s, e = target.locations[0]
    shifted = Place(text=target.text[s + 1:e], name="x", start=s + 1, end=e)
    preds[target.id] = [ev("ASSAULT", trigger=target.verb or (0, 1), location=shifted)]
    r = event_place.score(items, preds)
    assert r.metrics["exact"] == pytest.approx(1 - 1 / len(items))
    assert r.metrics["overlap"] == 1.0
    no_loc = next(it for it in items if not it.locations)
    preds[no_loc.id] = [ev("ASSAULT", trigger=no_loc.verb or (0, 1), location=Place(text="x", name="x", start=0, end=1))]
    assert event_place.score(items, preds).metrics["none_accuracy"] < 1.0


def test_event_location_finds_span_from_text_when_offsets_missing() -> None:
    e = ev(location=Place(text="Nablus", name="Nablus"))
    assert event_place.location_span(e, "In the city of Nablus today") == (15, 21)
    assert event_place.location_span(None, "x") is None


# --- glocon --------------------------------------------------------------------------------------------------


def test_glocon_perfect_and_modality(gold: Path) -> None:
    items = [it for it in glocon.load(gold) if it.level == "sentence"][:300]
    assert any(it.label == 1 for it in items)
    preds = {it.id: [ev("PROTEST")] if it.label == 1 else [] for it in items}
    r = glocon.score(items, preds)
    assert r.metrics["sentence_f1"] == 1.0
    positives = [it for it in items if it.label == 1]
    preds[positives[0].id] = [ev("PROTEST", modality="threatened")]  # a threatened protest did not happen
    r = glocon.score(items, preds)
    n_pos = r.details["sentence"]["positives"]
    assert r.metrics["sentence_recall"] == pytest.approx((n_pos - 1) / n_pos)
    assert r.details["sentence"]["undecided_left_out"] == sum(it.label == 2 for it in items)


def test_glocon_counts_non_state_political_violence() -> None:
    # GLOCON's "protest" is contentious politics: militant attacks count, crime and police violence do not
    assert glocon.is_protest(ev("ASSAULT", actors=[actor("Al-Shabaab", type="rebels")]))
    assert glocon.is_protest(ev("ASSAULT", actors=[actor("ANC supporters", type="political party")]))
    assert not glocon.is_protest(ev("ASSAULT", actors=[actor("police", type="police")]))
    assert not glocon.is_protest(ev("ASSAULT", actors=[actor("robbers", type="criminal")]))
    assert not glocon.is_protest(ev("ASSAULT"))  # nobody known: could be crime
    assert not glocon.is_protest(ev("ASSAULT", mode="firearms"))  # an unnamed shooter: could be crime
    assert glocon.is_protest(ev("ASSAULT", mode="explosives"))  # an unclaimed bombing: political violence
    assert not glocon.is_protest(ev("ASSAULT", modality="threatened", actors=[actor("militants", type="rebels")]))


def test_glocon_sample_keeps_both_levels(gold: Path) -> None:
    items = glocon.load(gold)
    out = glocon.sample(items, 40)
    assert sum(it.level == "sentence" for it in out) == 40
    assert sum(it.level == "document" for it in out) == 10


# --- ucdp -------------------------------------------------------------------------------------------------------


def _ucdp_oracle(item: ucdp.UcdpItem) -> list[Event]:
    place = Place(text="Iraq", name="Iraq", country="IRQ")
    if item.tov == 3:
        return [ev("ASSAULT", actors=[actor("IS", type="rebels")], recipients=[actor("civilians", type="civilians")],
                   location=place, fatalities=item.best)]
    if item.tov == 1:
        return [ev("ASSAULT", actors=[actor("army", type="military", inter=1)], location=place, fatalities=item.best)]
    return [ev("ASSAULT", actors=[actor("a", type="militia")], recipients=[actor("b", type="rebels")],
               location=place, fatalities=item.best)]


def test_ucdp_perfect_prediction_scores_one(gold: Path) -> None:
    items = ucdp.load(gold)
    assert items and all(it.text for it in items)
    r = ucdp.score(items, {it.id: _ucdp_oracle(it) for it in items})
    for key in ("coverage", "country_agreement", "tov_agreement", "deaths_exact", "deaths_within"):
        assert r.metrics[key] == 1.0, key


def test_ucdp_known_misses(gold: Path) -> None:
    # "attacks kill 21" (this event: 6), "Over 50 ... militants killed" (50), "Baghdad cafe bomb kills 27" (27),
    # "camp struck by rockets" (no number)
    items = pick(ucdp.load(gold), "114179", "196787", "48347", "63757")
    assert [it.tov for it in items] == [1, 1, 3, 2]
    assert [it.states_deaths for it in items] == [False, True, True, False]
    preds = {it.id: _ucdp_oracle(it) for it in items}
    preds["196787"] = [ev("ASSAULT", actors=[actor("army", type="military")], fatalities=49,
                          location=Place(text="Syria", name="Syria", country="SYR"))]
    preds["63757"] = [ev("ASSAULT", modality="hypothetical")]  # not an event that happened
    r = ucdp.score(items, preds)
    assert r.metrics["coverage"] == pytest.approx(3 / 4)
    assert r.metrics["country_agreement"] == pytest.approx(2 / 4)
    assert r.metrics["tov_agreement"] == pytest.approx(3 / 4)
    assert r.metrics["deaths_exact"] == pytest.approx(1 / 2)


def test_ucdp_headline_numbers() -> None:
    assert ucdp.headline_numbers("Iraq attacks kill 1,200; six dead") == [1200, 6]
    assert ucdp.headline_numbers("Dozens of IS militants killed") == [12]


# --- ucdp_places ------------------------------------------------------------------------------------------------


def test_ucdp_places_name_fold_matches_transliterations() -> None:
    assert ucdp_places.place_name("Ar Ruţbah town") == "Ar Ruţbah"
    assert ucdp_places.names_place("Ten Iraqi security personnel killed in IS attack in Rutba.", "Ar Ruţbah town")
    assert ucdp_places.names_place("clashes in al-Lataminah in the north", "Al Lataminah town")
    assert not ucdp_places.names_place("Bombings near Baghdad kill 10", "Tājī town")
    assert ucdp_places.ucdp_country("Myanmar (Burma)") == "MMR" and ucdp_places.ucdp_country("Syria") == "SYR"


@pytest.fixture(scope="module")
def place_items(gold: Path) -> list[ucdp_places.PlaceItem]:
    return ucdp_places.load(gold)


def test_ucdp_places_loads_world_and_iraq_rows_that_name_their_place(place_items: list[Any]) -> None:
    items = place_items
    assert len(items) > 2000 and {"SYR", "IRQ", "NGA", "MMR"} <= {it.country for it in items}
    rutba, pulka = pick(items, "238509", "144170")
    assert rutba.country == "IRQ" and rutba.text == "Ten Iraqi security personnel killed in IS attack in Rutba."
    assert pulka.country == "NGA" and "Pilka" in pulka.text
    # the place index is built without any measured row
    assert ucdp_places.is_measured(gold_record("ucdp/ucdp_ged_iraq_dev.jsonl", "238509"))


def test_ucdp_places_scores_country_and_distance(place_items: list[Any]) -> None:
    rutba, pulka, lataminah = pick(place_items, "238509", "144170", "257373")
    at = Place(text="Rutba", name="Rutba", country="IRQ", lat=rutba.lat + 0.1, lon=rutba.lon, geo_precision=1)  # 11 km
    country_only = Place(text="", name="Nigeria", country="NGA")
    far = Place(text="Aleppo", name="Aleppo", country="SYR", lat=36.20, lon=37.16, geo_precision=1)
    preds = {rutba.id: [ev("ASSAULT", location=at)], pulka.id: [ev("ASSAULT", location=country_only)],
             lataminah.id: [ev("ASSAULT", location=far, conf=0.5), ev("ASSAULT", modality="hypothetical", conf=0.9)]}
    r = ucdp_places.score([rutba, pulka, lataminah], preds)
    assert r.metrics["place_country"] == 1.0
    assert r.metrics["place_within_25km"] == pytest.approx(1 / 3)  # a country has no point; Aleppo is 120 km off
    assert ucdp_places.km(36.20, 37.16, lataminah.lat, lataminah.lon) > 100
    r = ucdp_places.score([rutba, pulka, lataminah], {rutba.id: [ev("ASSAULT", location=at)]})
    assert r.metrics["place_country"] == pytest.approx(1 / 3) and r.metrics["place_country_coded"] == 1.0
    assert r.details["with_main_event"] == 1


# --- calibration ------------------------------------------------------------------------------------------------


def test_calibration_bands() -> None:
    judged = [Judged("s", "1", 0.55, True), Judged("s", "2", 0.65, False), Judged("s", "3", 0.7, True),
              Judged("s", "4", 0.95, True), Judged("s", "5", 1.0, False), Judged("t", "6", 0.3, True)]
    r = calibration.score(judged)
    assert r.metrics["precision_050_070"] == pytest.approx(0.5)
    assert r.metrics["precision_070_090"] == 1.0
    assert r.metrics["precision_090_100"] == pytest.approx(0.5)
    assert r.details["below_first_band"] == {"n": 1, "right": 1}
    assert calibration.score([]).metrics["precision_090_100"] is None


# --- runner, command -----------------------------------------------------------------------------------------------


def _oracle_for(gold_dir: Path) -> FakeCoder:
    items = {it.id: it for it in plover.load(gold_dir)}
    return FakeCoder(lambda t: _plover_oracle(items[t.id]) if t.id in items else [])


def test_run_eval_with_oracle_reports_folds_and_calibration(gold: Path) -> None:
    report = runner.run_eval(["plover", "calibration"], gold_dir=gold, limit=30, coder=_oracle_for(gold))
    entry = report["sets"]["plover"]
    assert entry["status"] == "ok" and entry["n"] == 30 and entry["records_in_file"] == 322
    assert entry["metrics"]["event_accuracy"] == 1.0
    assert set(entry["folds"]) == {"0", "1"}
    assert report["sets"]["calibration"]["metrics"]["precision_090_100"] == 1.0
    assert json.loads(json.dumps(report)) == report


def test_run_eval_fold_selects_one_fold(gold: Path) -> None:
    report = runner.run_eval(["plover"], gold_dir=gold, fold=1, coder=_oracle_for(gold))
    assert set(report["sets"]["plover"]["folds"]) == {"1"}
    assert report["sets"]["plover"]["n"] < 322


def test_run_eval_skips_absent_sets_and_reports_broken_ones(tmp_path: Path) -> None:
    (tmp_path / "plover").mkdir()
    (tmp_path / "plover" / "plover_gsr.jsonl").write_text('{"id": "x", "text": "t", "event": "AGREE"}\n{oops\n',
                                                           encoding="utf-8")
    report = runner.run_eval(["glocon", "plover"], gold_dir=tmp_path, coder=FakeCoder(lambda t: []))
    assert report["sets"]["glocon"]["status"] == "skipped"
    assert "absent" in report["sets"]["glocon"]["reason"]
    assert report["sets"]["plover"]["status"] == "error"
    assert "line 2" in report["sets"]["plover"]["reason"]
    report = runner.run_eval(["plover"], gold_dir=tmp_path / "nowhere", coder=FakeCoder(lambda t: []))
    assert report["sets"]["plover"]["status"] == "skipped"


def test_eval_command_prints_tables_and_writes_report(gold: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = runner.run_eval

    def with_oracle(*args: Any, **kw: Any) -> dict[str, Any]:
        kw["coder"] = _oracle_for(gold)
        return real(*args, **kw)

    monkeypatch.setattr(commands, "run_eval", with_oracle)
    out = tmp_path / "report.json"
    res = CliRunner().invoke(commands.eval_command, ["plover", "ucdp", "--gold-dir", str(gold), "--limit", "12",
                                                     "--report", str(out)])
    assert res.exit_code == 0, res.output
    assert "event_accuracy" in res.output and "coverage" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["sets"]["plover"]["metrics"]["event_accuracy"] == 1.0
    assert data["sets"]["ucdp"]["metrics"]["coverage"] == 0.0  # the oracle knows only plover


def test_eval_command_is_named_eval() -> None:
    assert commands.eval_command.name == "eval"
    res = CliRunner().invoke(commands.eval_command, ["--help"])
    assert "--fold" in res.output and "--fast" in res.output


def test_iso_date() -> None:
    assert iso_date("19950101") == "1995-01-01"
    assert iso_date("2016.04.19") == "2016-04-19"
    assert iso_date("2000-13-01") is None
    assert iso_date(None) is None
    assert GOLD.name == "gold"


# --- the eval's coder adapter -----------------------------------------------------------------------------------


def test_eval_coder_survives_a_coder_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep
    from sitrep.eval.coder import EvalCoder
    from sitrep.models import Article, CodingFailure

    def code_many(articles: list[Article], n_process: int = 1, batch_size: int = 32) -> Any:
        yield articles[0], [ev("PROTEST")]
        yield articles[1], CodingFailure(item=articles[1].id, reason="empty", error="EmptyInputError")
        raise TypeError("a bug in the coder")

    def code_article(article: Article) -> list[Event]:
        if "boom" in article.text:
            raise ValueError("boom")
        return [ev("ASSAULT")]

    monkeypatch.setattr(sitrep, "code_many", code_many)
    monkeypatch.setattr(sitrep, "code_article", code_article)
    coder = EvalCoder()
    texts = [TextItem("a", "Crowds marched."), TextItem("b", " "), TextItem("c", "boom"), TextItem("d", "Rebels attacked.")]
    out = coder.code_texts(texts)
    assert [e.event for e in out["a"]] == ["PROTEST"]
    assert out["b"] == [] and out["c"] == []
    assert [e.event for e in out["d"]] == ["ASSAULT"]
    assert coder.failures == 2
    assert any("TypeError" in n for n in coder.notes)
    assert coder.failed_ids[1].startswith("c: ValueError")
