"""Killed and injured counts in parsed sentences: sitrep.nlp.casualties."""

from __future__ import annotations

import json

import pytest
import spacy
from conftest import gold_record, shared_file

import sitrep
from sitrep import defaults
from sitrep.errors import DataFileError
from sitrep.nlp.casualties import Casualty, find_casualties, killed_and_injured, load_lexicon


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(defaults.SPACY_MODEL)


def read(nlp, text: str) -> list[tuple[str, int | None, str]]:
    doc = nlp(text)
    return [(c.kind, c.value, c.qualifier) for sent in doc.sents for c in find_casualties(sent)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Four Iraqi fighters were killed in the strike.", [("killed", 4, "exact")]),
    ("The blast killed at least 12 people and wounded dozens more.",
     [("killed", 12, "at least"), ("injured", 12, "vague")]),
    ("The attack left 5 dead and 20 wounded.", [("killed", 5, "exact"), ("injured", 20, "exact")]),
    ("The death toll rose to 30 on Sunday.", [("killed", 30, "exact")]),
    ("The coalition suffered no casualties.", [("killed", 0, "exact"), ("injured", 0, "exact")]),
    ("There were no casualties, a spokesman said.", [("killed", 0, "exact"), ("injured", 0, "exact")]),
    ("The rocket attack did not cause any casualties.", [("killed", 0, "exact"), ("injured", 0, "exact")]),
    ("A soldier was killed late on Tuesday.", [("killed", 1, "exact")]),
    ("Gunmen killed him.", [("killed", 1, "exact")]),
    ("Two civilians were wounded.", [("injured", 2, "exact")]),
    ("Dozens of people were killed.", [("killed", 12, "vague")]),
    ("Hundreds were wounded.", [("injured", 100, "vague")]),
    ("More than 40 civilians died.", [("killed", 40, "more than")]),
    ("Two soldiers and three civilians were killed.", [("killed", 5, "exact")]),
    ("No one was hurt.", [("injured", 0, "exact")]),
    ("The strike did not kill anyone.", [("killed", 0, "exact")]),
    ("Soldiers were killed in the clashes.", [("killed", None, "plural")]),
    ("The US drone strike killed Qassem Suleimani and Abu Mahdi al-Muhandis.", [("killed", 2, "exact")]),
    ("The suicide bomber blew himself up, killing himself and 12 others.", [("killed", 13, "exact")]),
    ("Twelve people were killed or wounded.", [("killed", 12, "up to"), ("injured", 12, "up to")]),
    ("The bombing claimed the lives of 15 people.", [("killed", 15, "exact")]),
    ("Three people died of their wounds on Monday.", [("killed", 3, "exact")]),
    ("Police found the bodies of 12 men who had been shot dead.", [("killed", 12, "exact")]),
    ("The explosion killed a family of five.", [("killed", 5, "exact")]),
    ("The war has left between 500,000 and 1 million dead.", [("killed", 500_000, "range")]),
    ("The massacre of 40 villagers was condemned.", [("killed", 40, "exact")]),
    ("The deaths of 12 soldiers were confirmed.", [("killed", 12, "exact")]),
    # "execute" counts a singular victim only when it names a person
    ("Iran executed the Kurdish activist on Tuesday.", [("killed", 1, "exact")]),
    ("Rights groups condemned the execution of the opposition leader.", [("killed", 1, "exact")]),
    # years and distances are not victims
    ("Two people were killed in 2014 when a bomb exploded 2 km from the market.", [("killed", 2, "exact")]),
])
def test_written_sentences(nlp, sentence: str, expected: list[tuple[str, int | None, str]]) -> None:
    assert read(nlp, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "There were no immediate reports of casualties.",  # not a statement that nobody died
    "The hospital treated 12 casualties.",  # killed or injured: not ours to split
    "Protesters chanted Death to America.",
    "The court sentenced him to death.",
    "Rockets were fired at the base.",
    "The army executed the plan.",
    "The execution of the plan was delayed.",
])
def test_no_casualty_statement(nlp, sentence: str) -> None:
    assert read(nlp, sentence) == []


def test_offsets_anchor_and_victim(nlp) -> None:
    doc = nlp("Militants said on Sunday that their rockets killed at least 12 Iraqi soldiers near Mosul.")
    (cas,) = find_casualties(doc[:])
    assert isinstance(cas, Casualty)
    assert doc.text[cas.start:cas.end] == "killed at least 12 Iraqi soldiers"
    assert doc[cas.anchor].text == "killed"
    assert cas.victim == "at least 12 Iraqi soldiers"
    assert doc.text[cas.victim_start:cas.victim_end] == cas.victim
    assert not cas.cumulative


def test_doc_input_equals_sentence_input(nlp) -> None:
    doc = nlp("The attack left 5 dead and 20 wounded.")
    assert find_casualties(doc) == find_casualties(doc[:])


def test_cumulative_toll_is_marked_and_ignored_when_an_event_count_exists(nlp) -> None:
    doc = nlp("Iraq attacks kill 13 people, as 2013 toll tops 5,500")
    found = find_casualties(doc[:])
    assert [(c.value, c.cumulative) for c in found] == [(13, False), (5500, True)]
    assert killed_and_injured(found) == (13, None)


def test_killed_and_injured_keeps_unknown_as_none(nlp) -> None:
    assert killed_and_injured([]) == (None, None)
    doc = nlp("Soldiers were killed in the clashes.")
    assert killed_and_injured(find_casualties(doc[:])) == (None, None)


@pytest.mark.parametrize("record_id", [
    "PLOVER-GSR01-ASSAULT-0001", "PLOVER-GSR01-ASSAULT-0006", "PLOVER-GSR01-ASSAULT-0007",
    "PLOVER-GSR01-ASSAULT-0008", "PLOVER-GSR01-ASSAULT-0009", "PLOVER-GSR01-ASSAULT-0011",
    "PLOVER-GSR01-ASSAULT-0012", "PLOVER-GSR01-FIGHT-0005", "PLOVER-GSR01-FIGHT-0006",
    "PLOVER-GSR01-FIGHT-0008", "PLOVER-GSR01-FIGHT-0014",
])
def test_plover_gold_dead_and_injured(nlp, record_id: str) -> None:
    rec = gold_record("plover/plover_gsr.jsonl", record_id)
    doc = nlp(rec["text"])
    killed, injured = killed_and_injured(c for sent in doc.sents for c in find_casualties(sent))
    if rec.get("dead") is not None:
        assert killed == int(rec["dead"])
    if rec.get("injured") is not None:
        assert injured == int(rec["injured"])


@pytest.mark.parametrize("row_id", [
    "113958",  # Suicide car bomber kills at least 12 in Iraq
    "114605",  # 59 dead as police battle militants in Iraq's Mosul
    "216506",  # Dozens of IS militants killed in air strikes north of Baghdad
    "197041",  # Bomb blast kills two refugees, wounds six on Iraq's Kirkuk frontline
    "258893",  # Iraqi Shia militia fighter killed, six injured in Kirkuk blast
    "114710",  # Twelve killed in Mosul clashes between Iraqi insurgent group, ISIL - TV
    "196787",  # Over 50 Islamic State militants killed in clashes northern Iraq - website
    "62839",  # 18 Shiite family members killed as Iraq unrest surges
])
def test_ucdp_headlines(nlp, row_id: str) -> None:
    row = gold_record("ucdp/ucdp_ged_iraq_dev.jsonl", row_id)
    doc = nlp(row["source_headline"])
    killed, _ = killed_and_injured(c for sent in doc.sents for c in find_casualties(sent))
    assert killed == int(row["best"])


def test_seed_article_statements(nlp) -> None:
    text = shared_file("seed", "militias-truce.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    found = [c for sent in doc.sents for c in find_casualties(sent)]
    kinds = [(c.kind, c.value) for c in found]
    assert ("killed", 4) in kinds  # "four Iraqi fighters were killed in US strikes"
    assert ("killed", 0) in kinds and ("injured", 0) in kinds  # "US troops suffered no casualties"
    assert all(v is None or v >= 0 for _k, v in kinds)


def test_broken_lexicon_names_the_entry(tmp_path) -> None:
    assert "kill" in load_lexicon().kinds["killed"].verbs
    bad = tmp_path / "casualties.yaml"
    bad.write_text("killed: {verbs: kill}\ninjured: {verbs: [wound]}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(bad)
    assert err.value.item == "casualties.yaml"
    assert "killed.verbs" in str(err.value)


def test_every_plover_casualty_is_well_formed(nlp) -> None:
    path = shared_file("gold", "plover", "plover_gsr.jsonl")
    with path.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    for doc in nlp.pipe(texts[:150]):
        for sent in doc.sents:
            for c in find_casualties(sent):
                assert c.kind in ("killed", "injured")
                assert c.value is None or c.value >= 0
                assert 0 <= c.start < c.end <= len(doc.text)
                assert sent.start <= c.anchor < sent.end


def test_an_attempted_killing_claims_no_dead():
    import sitrep

    tried = [e for e in sitrep.code("Rebels tried to kill 12 soldiers near the border.", date="2016-01-03")
             if e.event == "ASSAULT"]
    assert tried and tried[0].fatalities is None and tried[0].modality == "asserted"  # the attempt happened
    done = [e for e in sitrep.code("Rebels killed 12 soldiers near the border.", date="2016-01-03") if e.event == "ASSAULT"]
    assert done[0].fatalities == 12


# --- issue 11: counts an analyst can trust ------------------------------------------------------


def test_a_period_toll_in_the_same_sentence_is_not_the_events_toll():
    import sitrep

    evs = sitrep.code("Rebels shelled the town on Friday, killing 7 civilians, the latest of attacks that "
                      "have killed more than 1,000 people this year.", date="2024-05-20")
    assert [e.fatalities for e in evs if e.event == "ASSAULT" and e.modality == "asserted"] == [7]


def test_a_war_long_toll_makes_no_event_and_no_fatalities():
    import sitrep

    evs = sitrep.code("More than 400,000 people have died in the war since 2011.", date="2024-05-20")
    assert all(e.fatalities is None for e in evs)


def test_a_threatened_killing_carries_no_dead():
    import sitrep

    evs = sitrep.code("The group threatened to kill 20 hostages if its demands were not met.", date="2024-05-20")
    assert evs and all(e.fatalities is None for e in evs)


def test_including_is_part_of_the_toll():
    import sitrep

    evs = sitrep.code("At least 12 people, including three children, were killed in the air strike on Idlib "
                      "on Monday.", date="2024-05-20")
    assert [e.fatalities for e in evs if e.event == "ASSAULT"] == [12]


def test_a_fatal_adverb_makes_a_wounding_verb_a_killing(nlp) -> None:
    # "... when police fatally shot Alton Sterling, a 37-year-old black CD vendor outside a convenience store ..."
    rec = gold_record("m2e2_voa/m2e2_text_only_event_sentences.jsonl", "VOA_EN_NW_2016.07.12.3415627_17",
                      key="sentence_id")
    assert read(nlp, rec["sentence"]) == [("killed", 1, "exact")]
    assert read(nlp, "Two soldiers were mortally wounded in the attack.") == [("killed", 2, "exact")]
    assert read(nlp, "Police shot the suspect in the leg.") == []  # shot, not said to be dead


def test_deaths_in_one_happening_last_month_are_that_happenings_toll(nlp) -> None:
    one = find_casualties(nlp("Last month, 16 Turkish soldiers were killed in one attack in al-Bab."))
    assert [(c.value, c.cumulative) for c in one] == [(16, False)]
    tally = find_casualties(nlp("Last month, 16 soldiers were killed in clashes."))
    assert [(c.value, c.cumulative) for c in tally] == [(16, True)]  # a month's clashes: a tally


def test_a_singular_verb_makes_two_roles_one_person(nlp) -> None:
    one = read(nlp, "Political activist and commentator Kem Ley was shot dead in broad daylight on Sunday.")
    assert one == [("killed", 1, "exact")]
    assert read(nlp, "A soldier and a civilian were killed.") == [("killed", 2, "exact")]


def test_gunned_down_is_killed(nlp) -> None:
    assert read(nlp, "Chut Wutty, an environmentalist who was gunned down in 2012, left her with little faith.") == [
        ("killed", 1, "exact")]


@pytest.mark.parametrize(("sentence", "verb", "dead"), [
    ("Police found 22 bodies near the river.", "found", 22),
    ("At least 70 bodies found near the market town.", "found", 70),
    ("Soldiers recovered the bodies of 5 villagers on Monday.", "recovered", 5),
    ("The body of a young man was found outside the village.", "found", 1),
    ("Police found 12 corpses near the border.", "found", 12),
    # no figure for "many bodies", and a grave is no body
    ("Many bodies were dumped in a well.", "dumped", None),
    ("Villagers discovered 2 mass graves outside the town.", "discovered", None),
])
def test_remains_count_reads_the_dead_from_their_remains(sentence, verb, dead):
    from sitrep.nlp.casualties import remains_count
    from sitrep.nlp.parser import parse

    doc = next(iter(parse([sentence])))
    assert remains_count(next(t for t in doc if t.text == verb)) == dead


def test_bodies_found_carry_their_count_as_the_toll():
    import sitrep

    events = [e for e in sitrep.code("Police find 12 bodies in Kandahar.", date="2016-07-15") if e.event == "ASSAULT"]
    assert len(events) == 1 and events[0].fatalities == 12 and events[0].actor == ()
    # a headline's passive with its auxiliary dropped, the remains read as the subject
    events = [e for e in sitrep.code("Raid On Border Villages...40 Corpses Recovered In Kandahar.", date="2016-07-15")
              if e.event == "ASSAULT" and e.fatalities == 40]
    assert len(events) == 1 and events[0].location is not None and events[0].location.country == "AFG"


@pytest.mark.parametrize("text, dead", [
    ("Soldiers beat two men to death in Lahore on Monday.", 2),
    ("Two villagers were hacked to death by militiamen on Monday.", 2),
    ("Gunmen stabbed a teacher to death on Monday.", 1),
])
def test_a_verb_with_the_result_to_death_kills(text: str, dead: int) -> None:
    # "beat ... to death": the result phrase makes the beating a killing of its victims
    ev = next(e for e in sitrep.code(text, date="2024-07-20") if e.event == "ASSAULT")
    assert ev.fatalities == dead
