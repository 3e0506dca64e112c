"""ACLED event and sub-event types from the codebook (coding/acled.py, data/acled.yaml).

Each test states one rule of ACLED's codebook as the coder applies it. Real snippets are read
from ../shared/gold/case2021 by id at run time (skipped when the folder is absent); the other
sentences are written for these tests.
"""

from functools import cache

import pytest
from conftest import shared_file

import sitrep
from sitrep.coding.acled import reread_by_sides, side_readings
from sitrep.eval import case2021
from sitrep.models import Article

DATE = "2024-05-20"


@cache
def _case_items() -> dict[str, case2021.CaseItem]:
    gold = shared_file("gold", "case2021", "task2_dev.tsv").parent.parent
    return {it.id: it for it in case2021.load(gold)}


def _case_text(record_id: str) -> str:
    items = _case_items()
    if record_id not in items:
        pytest.fail(f"{record_id} not in case2021/task2_dev.tsv")
    return items[record_id].text


def _pairs(text: str, event: str) -> list[tuple[str | None, str | None]]:
    return [(e.acled_event_type, e.acled_sub_event_type) for e in sitrep.code(text, date=DATE) if e.event == event]


@pytest.mark.parametrize("text", [
    "The army ousted the elected president in a coup on Monday.",
    "Authorities imposed a curfew on the city of Kano on Tuesday after two days of rioting.",
    "Police raided the offices of the opposition newspaper on Tuesday.",
    "Police evicted hundreds of squatters from a camp in the capital on Tuesday.",
])
def test_coercive_measures_of_a_state_are_strategic_developments(text):
    # ACLED: a coup, a curfew, a raid on premises, an eviction by the forces are strategic
    # developments even when nobody is arrested
    assert _pairs(text, "COERCE") == [("Strategic developments", "Other")]


def test_a_state_of_emergency_over_a_disaster_is_no_acled_event():
    text = "The government declared a state of emergency in three provinces on Monday after floods killed 30 people."
    assert _pairs(text, "COERCE") == [(None, None)]
    # the same measure over unrest is one
    unrest = "The government declared a state of emergency in three provinces on Monday after riots killed 30 people."
    assert _pairs(unrest, "COERCE") == [("Strategic developments", "Other")]


def test_an_invasion_is_a_battle():
    # an invasion, an offensive, a military operation: fighting an armed enemy (ACLED battles),
    # even where the text names a state rather than its army as the one invaded
    text = "The U.S. invasion of Iraq began in March 2003."
    assert _pairs(text, "ASSAULT") == [("Battles", "Armed clash")]


def test_a_clash_between_police_and_protesters_is_a_riot():
    # case2021 333: "Heavy clashes broke out between police and Palestinian protesters ..."
    ev = [e for e in sitrep.code(_case_text("333")) if e.event == "ASSAULT"]
    assert ev and (ev[0].acled_event_type, ev[0].acled_sub_event_type) == ("Riots", "Violent demonstration")


def test_protesters_shot_by_gunmen_is_violence_against_civilians():
    # excessive force is what state forces do; anyone else who shoots protesters attacks civilians
    text = "Two protesters were shot dead by unidentified gunmen during a rally in the capital on Tuesday."
    assert _pairs(text, "ASSAULT") == [("Violence against civilians", "Attack")]
    by_police = "Two protesters were shot dead by riot police during a rally in the capital on Tuesday."
    assert _pairs(by_police, "ASSAULT") == [("Protests", "Excessive force against protesters")]


def test_security_posture_is_no_acled_event_but_a_deployment_is():
    assert _pairs("Police locked down the headquarters and several surrounding blocks on Friday.", "MOBILIZE") == [(None, None)]
    assert _pairs("Troops were deployed to the border town on Friday.", "MOBILIZE") == [
        ("Strategic developments", "Change to group/activity")]


def test_expelled_embassy_staff_is_a_sanction_not_a_coercive_measure():
    # case2021 182: "Russia has said it expelled two US Embassy staff members ..." (PLOVER: SANCTION)
    events = sitrep.code(_case_text("182"))
    assert [e.event for e in events if e.evidence.trigger.text == "expelled"] == ["SANCTION"]


def test_reread_by_sides_replaces_only_a_side_reading():
    battle = ("Battles", "Armed clash")
    attack = ("Violence against civilians", "Attack")
    assert battle in side_readings() and attack in side_readings()
    # an attack by the army told with no target, whose target the story later names as rebels
    assert reread_by_sides(attack, "ASSAULT", {"firearms"}, ["military"], ["rebels"]) == battle
    # a weapon reading stays whatever the sides ("Air/drone strike" is no side reading)
    air = ("Explosions/Remote violence", "Air/drone strike")
    assert reread_by_sides(air, "ASSAULT", {"air"}, ["military"], ["civilians"]) is None
    # and so does a reading the sides confirm
    assert reread_by_sides(battle, "ASSAULT", {"clash"}, ["military"], ["rebels"]) is None


def test_a_story_opponent_turns_an_attack_into_a_battle():
    # the troops' fire has no target in its own sentence; the story's other attack names the
    # side they fight, and with it the interaction ACLED reads: a battle, not an attack on civilians
    text = ("Syrian government forces attacked rebel fighters near Idlib on Monday. On Tuesday, government troops "
            "opened fire near the town of Saraqeb, residents said.")
    fire = [e for e in sitrep.code_article(Article(text=text, id="t", date=DATE)) if e.evidence.trigger.text == "opened"]
    assert len(fire) == 1
    assert "acled:sides" in fire[0].rules
    assert (fire[0].acled_event_type, fire[0].acled_sub_event_type) == ("Battles", "Armed clash")
