"""coding.extract: a mass noun of violent or protest activity in general names no happening."""

import pytest

import sitrep
from sitrep.coding.extract import activity_in_general
from sitrep.nlp.parser import parse

DATE = "2020-03-03"


def _token(sentence: str, word: str):
    doc = next(iter(parse([sentence])))
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("sentence", "word"), [
    ("Doctors said the hospitals are struggling to cope with heavy fighting.", "fighting"),
    ("A charity said it helps the victims of violence against journalists.", "violence"),
    ("As further unrest gripped the region, the president said he would not resign.", "unrest"),
])
def test_activity_in_general_is_no_happening(sentence, word):
    assert activity_in_general(_token(sentence, word))


@pytest.mark.parametrize(("sentence", "word"), [
    # said to take place
    ("Heavy fighting broke out in the northern town of Kobani.", "fighting"),
    ("Heavy fighting raged near the border.", "fighting"),
    ("Violence flared after the vote.", "Violence"),
    # placed, or a side named in its own phrase
    ("Fighting in Aleppo killed 12 civilians.", "Fighting"),
    ("Kurdish gunfire hit the convoy, officials said.", "gunfire"),
    # the cause of a death or a hit the verb tells, or a side named after "with"
    ("A detainee died as a result of torture in custody, a doctor said.", "torture"),
    ("Two aid trucks were hit by gunfire near the port.", "gunfire"),
    ("Troops retook the village after fierce fighting with guerrillas.", "fighting"),
    # taken part in, or dated by its verb's clause
    ("Dock workers went on strike over pay.", "strike"),
    ("Residents fled the district during fighting on Tuesday.", "fighting"),
    # a stretch of it, or the particular fighting people fled
    ("The city remained tense after a second night of violence.", "violence"),
    ("Civilians fled the fighting.", "fighting"),
])
def test_told_placed_or_counted_activity_may_be_a_happening(sentence, word):
    assert not activity_in_general(_token(sentence, word))


def test_heavy_fighting_the_hospitals_cope_with_makes_no_record():
    text = "Doctors said the hospitals are struggling to cope with heavy fighting."
    assert [e for e in sitrep.code(text, date=DATE) if e.event == "ASSAULT"] == []


def test_fighting_that_broke_out_is_recorded():
    text = "Heavy fighting broke out in the northern town of Kobani on Monday."
    assert [e.evidence.trigger.text for e in sitrep.code(text, date=DATE) if e.event == "ASSAULT"] == ["fighting"]


def _triggers(text: str, event: str) -> list[str]:
    return [e.evidence.trigger.text for e in sitrep.code(text, date=DATE) if e.event == event]


@pytest.mark.parametrize("text", [
    "Our farmers are being killed by the bandits we armed, the governor wrote.",
    "Journalists are being arrested for what they write, the group said.",
])
def test_what_keeps_befalling_a_kind_of_people_is_no_happening(text: str) -> None:
    assert _triggers(text, "ASSAULT") + _triggers(text, "COERCE") == []


@pytest.mark.parametrize(("text", "event", "trigger"), [
    ("The former minister is being detained by the army, officials said.", "COERCE", "detained"),
    ("Five journalists are being held by the rebels, the group said.", "COERCE", "held"),
    ("Journalists were arrested for what they wrote, the group said.", "COERCE", "arrested"),
    ("Journalists are being arrested in the capital on Tuesday, the group said.", "COERCE", "arrested"),
])
def test_a_party_named_counted_or_dated_keeps_its_happening(text: str, event: str, trigger: str) -> None:
    assert trigger in _triggers(text, event)


def test_who_claimed_an_attack_on_its_noun_is_its_actor():
    evs = sitrep.code("It was retaliation for the IS-claimed twin terror attacks in Tehran on June 7.", date="2017-06-20")
    ev = next(e for e in evs if e.event == "ASSAULT")
    assert [a.name for a in ev.actor] == ["Islamic State"]
    evs = sitrep.code("The bombing, claimed by the Taliban, killed 12 people in Kabul on Monday.", date="2017-06-20")
    ev = next(e for e in evs if e.event == "ASSAULT")
    assert [a.name for a in ev.actor] == ["Taliban"]
