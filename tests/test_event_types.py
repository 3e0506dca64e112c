"""Event and ACLED sub-event types: which reading of a report the coder records.

Real snippets are read from ../shared/gold/case2021 by id at run time (skipped
when the folder is absent); the other sentences are written for these tests.
"""

from functools import cache

import pytest
from conftest import shared_file

import sitrep
from sitrep.coding.acled import specificity
from sitrep.eval import case2021

DATE = "2024-05-20"


@cache
def _case_items() -> dict[str, case2021.CaseItem]:
    gold = shared_file("gold", "case2021", "task2_dev.tsv").parent.parent
    return {it.id: it for it in case2021.load(gold)}


def case_code(record_id: str) -> tuple[str, str]:
    """(gold label, the CASE code of the coder's main event) for one CASE 2021 snippet."""
    items = _case_items()
    if record_id not in items:
        pytest.fail(f"{record_id} not in case2021/task2_dev.tsv")
    it = items[record_id]
    code, _ = case2021.predicted_code(sitrep.code(it.text))
    return it.label, code


def test_acled_rules_rank_weapon_readings_above_the_fallback_attack():
    mine = specificity("Explosions/Remote violence", "Remote explosive/landmine/IED")
    attack = specificity("Violence against civilians", "Attack")
    assert mine < attack
    assert attack < specificity(None, None)


@pytest.mark.parametrize("record_id", [
    "846",  # "... were killed and fourteen others wounded in a landmine attack by leftist rebels"
    "897",  # "three civilians were killed ... in a US-led coalition airstrike"
])
def test_a_killing_takes_the_weapon_of_its_attack(record_id):
    gold, pred = case_code(record_id)
    assert pred == gold


def test_a_killing_told_beside_a_bombing_is_the_bombing():
    evs = sitrep.code("Two policemen were killed when a roadside bomb planted by militants exploded in Kandahar on Monday.",
                      date=DATE)
    kills = [e for e in evs if e.evidence.trigger.text == "killed"]
    assert kills and kills[0].mode == "explosives"
    assert kills[0].acled_sub_event_type == "Remote explosive/landmine/IED"


def test_event_in_an_after_clause_is_background():
    plain = [e for e in sitrep.code("Police arrested three activists in Lagos on Monday.", date=DATE) if e.event == "COERCE"]
    after = [e for e in sitrep.code("Protesters blocked roads in Lagos on Monday after police arrested three activists.",
                                    date=DATE) if e.event == "COERCE"]
    assert plain and after
    assert "background" not in (plain[0].rule or "")
    # (the after clause names its own doer, so it stays its own record, marked as background by its mark)
    assert "background:after" in (after[0].rule or "")
    assert after[0].confidence < plain[0].confidence


@pytest.mark.parametrize("record_id", [
    "108",  # students rioted "after police fatally shot a student": the riot is the news
    "309",  # "demonstrators clashed with police": violent demonstration, not mob violence
    "428",  # soldiers "violently suppressed a peaceful anti-wall protest": excessive force
    "474",  # forces "suppressed a peaceful demonstration": protest with intervention
    "605",  # "rioters set fire on a street"
    "216",  # security forces "freed several villages from" IS: government regains territory
    "478",  # "The army units drove back the ISIL terrorists from a key village"
])
def test_real_snippets_get_their_acled_sub_event(record_id):
    gold, pred = case_code(record_id)
    assert pred == gold


def test_attack_on_a_demonstration_is_force_against_protesters():
    ev = next(e for e in sitrep.code("Riot police attacked a peaceful student demonstration in Dhaka on Sunday.", date=DATE)
              if e.event == "ASSAULT")
    assert {a.type for a in ev.recipient} == {"protesters"}
    assert ev.acled_sub_event_type == "Excessive force against protesters"


def test_property_destroyed_by_rioters_is_a_riot_and_a_ceasefire_sets_no_fire():
    ev = next(e for e in sitrep.code("Rioters set fire to shops in the market.", date=DATE))
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Riots", "Violent demonstration")
    # "set to take effect" is no fire
    assert not [e for e in sitrep.code("The cease-fire agreement between the army and the rebels is set to take effect "
                                       "tomorrow.", date=DATE) if "set-fire" in (e.rule or "")]


def test_coerce_modes_follow_the_cameo_plover_table():
    ev = next(e for e in sitrep.code("The army imposed a curfew in Cizre on Tuesday.", date=DATE) if e.event == "COERCE")
    assert (ev.mode, ev.cameo) == ("curfew", "1723")
    ev = next(e for e in sitrep.code("Thailand deported 40 Uighur refugees to China on Thursday.", date=DATE)
              if e.event == "COERCE")
    assert (ev.mode, ev.cameo) == ("deport", "174")


def test_a_labour_strike_is_a_boycott_in_the_2021_table():
    from sitrep.coding import taxonomy

    ev = next(e for e in sitrep.code("Some 500,000 workers went on strike on Monday over a controversial labour bill.",
                                     date=DATE) if e.event == "PROTEST")
    assert ev.mode == "strike"
    assert taxonomy.normalize_plover_mode(ev.mode, table_2021=True) == "boycott"
    assert taxonomy.normalize_plover_mode(ev.mode) == "strike"


def test_a_state_that_agrees_is_an_agree_event_and_a_pundit_who_agrees_is_not():
    rec_text = "Greece and Turkey have agreed to share information on missing people from both communities."
    assert [e.event for e in sitrep.code(rec_text, date=DATE)] == ["AGREE"]
    assert not [e for e in sitrep.code("Most economists agree that prices will rise in Greece next year.", date=DATE)
                if e.event == "AGREE"]


def test_sexual_violence_and_investigations_take_their_plover_readings():
    ev = next(e for e in sitrep.code("Two women were sexually assaulted by soldiers in Goma on Friday.", date=DATE)
              if e.event == "ASSAULT")
    assert ev.mode == "sexual" and ev.acled_sub_event_type == "Sexual violence"
    ev = next(e for e in sitrep.code("Kenya has launched an investigation into the killing of two activists.", date=DATE)
              if e.evidence.trigger.text == "investigation")
    assert (ev.event, ev.mode) == ("ACCUSE", "investigate")
    # abuse without a sexual word is no event
    assert not [e for e in sitrep.code("The minister abused his office, the Kenyan court said.", date=DATE)
                if e.evidence.trigger.text == "abused"]


def test_event_in_a_relative_clause_about_a_place_is_background():
    evs = sitrep.code("Serbia lifted a night curfew in Montenegro, where 28 people have been killed in riots this year.",
                      date=DATE)
    # (a toll over "this year" is one aggregate of the riots, which "killed" is told of)
    told = [e for e in evs if e.evidence.trigger.text in ("killed", "riots")]
    assert told and all("background:" in (e.rule or "") for e in told)
    assert not [e for e in evs if e.event == "COERCE"]  # the lifted curfew is no new curfew
    # a relative clause on the event noun itself is the same event, not background
    blast = sitrep.code("A car bomb that killed 12 people exploded in Kabul on Monday.", date=DATE)
    assert blast and not any("background" in (e.rule or "") for e in blast)


def test_industrial_accidents_are_no_attacks():
    assert not sitrep.code("The Suezmax tanker was struck by a bulk carrier off the coast of China.", date=DATE)
    assert not [e for e in sitrep.code("One laborer was killed and another injured as the boiler of a pesticide "
                                       "chemical plant exploded.", date=DATE) if e.event == "ASSAULT"]
    hit = [e for e in sitrep.code("The army convoy was struck by a car bomb near Kabul.", date=DATE) if e.event == "ASSAULT"]
    assert hit and hit[0].acled_sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize("record_id", [
    "132",  # hundreds of demonstrators on a "Peaceful March": a crowd, not a tally of events
    "517",  # a shop looted, told by a community policing forum: no crowd did it
])
def test_crowd_words_keep_their_snippet_reading(record_id):
    gold, code = case_code(record_id)
    assert code == gold


@pytest.mark.parametrize("record_id", [
    "721",  # riot police chase demonstrators: the police's gear is no riot, the chase an intervention
    "745",  # riot police officers beat a protester
])
def test_riot_police_do_not_make_a_protest_violent(record_id):
    gold, code = case_code(record_id)
    assert code == gold


@pytest.mark.parametrize(("text", "sub_event"), [
    ("Rebels used poisonous gas against the village of Kafr Zita on Sunday.", "Chemical weapon"),
    ("The regime used chemical weapons against civilians in Douma.", "Chemical weapon"),
    ("Unknown assailants threw a bomb at a police station in Kano.", "Remote explosive/landmine/IED"),
    ("The Islamic State group recaptured Palmyra yesterday.", "Non-state actor overtakes territory"),
    ("Houthi rebel fighters seized the capital of a northwestern Yemeni province early Sunday.",
     "Non-state actor overtakes territory"),
])
def test_weapon_use_and_territory_verbs(text, sub_event):
    assert any(e.acled_sub_event_type == sub_event for e in sitrep.code(text, date=DATE))


@pytest.mark.parametrize("text", [
    "Police used tear gas against the crowd.",  # crowd control, not a chemical weapon
    "He threw the ball to his son.",
    "The company will release a new chemical product.",
])
def test_no_weapon_event_in_ordinary_use(text):
    assert not any(e.event == "ASSAULT" for e in sitrep.code(text, date=DATE))


def test_real_snippet_of_a_captured_provincial_capital():
    gold, pred = case_code("647")  # Houthi fighters "seized the capital of a northwestern Yemeni province"
    assert pred == gold


def test_a_hyphenated_trigger_split_by_the_tokenizer_is_found():
    # "sit-in" is three tokens ("sit", "-", "in"); the lexicon looks the joined word up
    evs = sitrep.code("Thousands of teachers joined a sit-in outside parliament in Nairobi on Monday.", date=DATE)
    assert any(e.event == "PROTEST" for e in evs)
    assert not any(e.event == "PROTEST" for e in sitrep.code("He sat in the garden in Nairobi on Monday.", date=DATE))


def test_a_city_tagged_as_a_person_is_taken_not_arrested():
    # the small NER model tags "Goma" PERSON; the gazetteer knows it as a city of ~700,000
    ev = [e for e in sitrep.code("M23 rebels captured Goma on Tuesday.", date=DATE) if e.evidence.trigger.text == "captured"]
    assert ev and ev[0].acled_sub_event_type == "Non-state actor overtakes territory"
    arrest = sitrep.code("Police captured Hassan Ali in Nairobi.", date=DATE)
    assert [e.acled_sub_event_type for e in arrest] == ["Arrests"]


def test_a_violated_ceasefire_is_no_agreement():
    ev = [e for e in sitrep.code("Kataib Hezbollah violated the ceasefire on Tuesday.", date=DATE)]
    assert [(e.event, e.cameo, e.acled_sub_event_type) for e in ev] == [("ASSAULT", "196", "Armed clash")]
    assert [a.name for a in ev[0].actor] == ["Kataib Hezbollah"]
    kept = sitrep.code("Kataib Hezbollah did not violate the ceasefire.", date=DATE)
    assert [e.modality for e in kept] == ["negated"]


def test_a_lifted_blockade_is_no_new_blockade():
    evs = sitrep.code("The Israeli army lifted a day-old blockade on Palestinian lorries on Friday.", date=DATE)
    assert [e.event for e in evs] == ["CONCEDE"]
    assert [e.mode for e in sitrep.code("Israel imposed a blockade on Gaza.", date=DATE)] == ["blockade"]


@pytest.mark.parametrize(("text", "event", "mode"), [
    # goods seized, counted by a measure: the measure's "of" object is what was seized
    ("Rebel fighters seized 300 tons of wheat from a silo outside the town on Monday.", "COERCE", "seize"),
    # an envoy summoned is a meeting; people summoned by soldiers are ordered to report
    ("The foreign ministry summoned the Iranian ambassador on Monday.", "CONSULT", None),
    ("Two former ministers were summoned by the army on Sunday.", "COERCE", "restrict"),
    # coercive steps of a junta
    ("The junta dissolved the senate on Saturday.", "COERCE", "restrict"),
    ("The army banned 40 politicians from leaving the country.", "COERCE", "restrict"),
    ("The generals imposed censorship on all newspapers.", "COERCE", "restrict"),
    # a raid by police, verb or noun, is a coercive search; by militants, an attack
    ("Police raided the homes of three activists on Friday.", "COERCE", None),
    ("Militants raided a village and killed 12 people.", "ASSAULT", None),
])
def test_coercive_acts_named_by_their_objects(text, event, mode):
    events = [(e.event, e.mode) for e in sitrep.code(text, date=DATE)]
    assert (event, mode) in events, events


@pytest.mark.parametrize(("text", "event"), [
    # a sum stands for what it is given in
    ("The United States has suspended $3.5 million in military aid to the country.", "SANCTION"),
    # joint exercises cancelled cut cooperation
    ("The U.S. military has canceled training and readiness exercises with the Thai army.", "SANCTION"),
    # a capitalised plural ("Marines") is the troops it names
    ("Over 1,000 U.S. Marines were deployed to the city of Darwin on Monday.", "MOBILIZE"),
    # "five of the attackers": a number's "of" object is what was captured
    ("Officials said five of the attackers were captured alive on Saturday.", "COERCE"),
    # people held by an armed party
    ("Roughly 850 men and boys have been held since June 3 by paramilitary groups.", "COERCE"),
])
def test_events_named_by_what_they_act_on(text, event):
    assert event in [e.event for e in sitrep.code(text, date=DATE)]


@pytest.mark.parametrize("text", [
    "The prime minister dissolved parliament and called early elections.",  # ordinary politics
    "The striker was banned from the next three matches.",  # not a person kept from leaving
    "The court summoned the witness to testify next week.",  # a court's summons
    "The meeting was held by the foreign ministers on Monday.",  # an event held is no detention
])
def test_no_coercion_in_ordinary_use(text):
    assert not [e for e in sitrep.code(text, date=DATE) if e.event == "COERCE"]


def test_an_activity_a_decree_prohibits_is_not_held():
    events = sitrep.code("Protesters defied the junta's decree prohibiting public gatherings of more than five people.",
                         date=DATE)
    assert ("COERCE", "prohibiting") in [(e.event, e.evidence.trigger.text) for e in events]
    assert not [e for e in events if e.event == "PROTEST" and e.evidence.trigger.text == "gatherings"]


def test_looting_told_with_no_party_is_a_riot_and_armed_mens_looting_is_not():
    # ACLED: looting by a crowd is a riot; soldiers' or militants' looting is the seizure of property
    riot = sitrep.code("Looting was reported overnight in the poorer districts of the port city, residents said.",
                       date=DATE)
    assert [(e.event, e.mode) for e in riot] == [("PROTEST", "riot")]
    armed = sitrep.code("Residents accused soldiers of looting in the town after the militants withdrew.", date=DATE)
    assert "PROTEST" not in {e.event for e in armed}
