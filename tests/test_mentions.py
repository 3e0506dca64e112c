"""coding.mentions: a mention naming nothing of its own folds into the article's telling."""

import sitrep
from sitrep.coding.mentions import bare_mention, fold_bare_mentions

DATE = "2020-03-03"
TOLD = "Rebels attacked an army post near the town of Saraqib on Monday, killing four soldiers, the military said. "


def _assaults(text: str) -> list[sitrep.Event]:
    return [e for e in sitrep.code(text, date=DATE) if e.event == "ASSAULT"]


def test_a_bare_dispersal_folds_into_the_arrests_the_article_tells():
    text = ("Police arrested 20 students in the capital on Sunday. "
            "Officials said all marches across the province were dispersed.")
    evs = [e for e in sitrep.code(text, date=DATE) if e.event == "COERCE"]
    assert len(evs) == 1, [(e.evidence.trigger.text, e.rule) for e in evs]
    assert evs[0].evidence.trigger.text == "arrested"
    assert any("were dispersed" in s.sentence for s in evs[0].support)
    assert "support:bare" in (evs[0].rule or "")


def test_a_lone_bare_mention_stays_a_record():
    # with nothing else of its kind told, the mention is the article's only telling
    evs = [e for e in sitrep.code("Officials said all marches across the province were dispersed.", date=DATE)
           if e.event == "COERCE"]
    assert [e.evidence.trigger.text for e in evs] == ["dispersed"]
    assert bare_mention(evs[0])


def test_clashes_said_to_take_place_are_a_happening_of_their_own():
    evs = _assaults(TOLD + "Later there were brief clashes, residents said.")
    assert sorted(e.evidence.trigger.text for e in evs) == ["attacked", "clashes"]
    assert not any(bare_mention(e) for e in evs)


def test_mentions_that_name_something_are_left_alone():
    evs = _assaults(TOLD + "Government troops shelled the village of Kafr Nabl on Tuesday.")
    assert len(evs) == 2
    assert not any(bare_mention(e) for e in evs)
    assert fold_bare_mentions(evs) == evs
