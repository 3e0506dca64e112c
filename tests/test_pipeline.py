"""pipeline: whole articles, the seed end to end, bad input, batch runs."""

import json

import pytest
from conftest import SEED_DATE, gold_record, seed_text, shared_file

import sitrep
from sitrep import defaults
from sitrep.errors import BadDateError, EmptyInputError, OversizeError
from sitrep.models import Article, CodingFailure, Event


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    return sitrep.code(seed_text(), date=SEED_DATE, article_id="seed")


def _find(events, event, **want):
    for ev in events:
        if ev.event != event:
            continue
        if all(getattr(ev, k) == v for k, v in want.items()):
            return ev
    raise AssertionError(f"no {event} {want} in {[(e.event, e.mode, e.modality, e.evidence.trigger.text) for e in events]}")


def _types(actors):
    return {a.type for a in actors}


def _countries(actors):
    return {a.country for a in actors}


def test_seed_conditional_truce_offer(seed_events):
    ev = _find(seed_events, "AGREE", modality="hypothetical", mode="ceasefire")
    assert "IRQ" in _countries(ev.actor) and "militia" in _types(ev.actor)
    assert "USA" in _countries(ev.recipient)


def test_seed_us_air_strikes_with_four_killed(seed_events):
    ev = _find(seed_events, "ASSAULT", mode="aerial", modality="asserted")
    assert ev.acled_sub_event_type == "Air/drone strike"
    assert "USA" in _countries(ev.actor) and "militia" in _types(ev.recipient)
    assert ev.fatalities == 4
    assert ev.support, "the later mentions of the strikes are merged into this record"


def test_seed_rocket_attack_on_us_base(seed_events):
    ev = _find(seed_events, "ASSAULT", mode="heavy-weapons")
    assert ev.acled_sub_event_type == "Shelling/artillery/missile attack"
    assert "militia" in _types(ev.actor) and "USA" in _countries(ev.recipient)
    assert ev.fatalities == 0  # "US troops suffered no casualties"


def test_seed_protest_threat_meeting(seed_events):
    protest = _find(seed_events, "PROTEST")
    assert protest.size == 1000 and protest.location is not None and protest.location.country == "IRQ"
    threat = _find(seed_events, "THREATEN")
    assert threat.modality == "threatened" and "militia" in _types(threat.actor)
    meeting = _find(seed_events, "CONSULT")
    assert any("Amiri" in a.name for a in meeting.actor)


def test_seed_background_and_aggregates(seed_events):
    hist = _find(seed_events, "ASSAULT", mode="drone", modality="historical")
    assert {a.name for a in hist.recipient} >= {"Abu Mahdi al-Muhandis"} and hist.fatalities == 2
    assert hist.date.startswith("2020-01") and hist.date_precision == "month"
    agg = _find(seed_events, "ASSAULT", modality="aggregate", count=40)
    assert "USA" in _countries(agg.recipient)
    drones = _find(seed_events, "ASSAULT", mode="drone", modality="asserted")
    assert drones.count == 5


def test_seed_non_events(seed_events):
    text = seed_text()
    for phrase in ("Death to America", "drones can be flown", "fixed launch sites", "to fight Islamic State",
                   "has not yet responded"):
        at = text.index(phrase)
        hits = [e for e in seed_events if e.evidence.trigger.start <= at + len(phrase) and at <= e.evidence.trigger.end
                and e.event == "ASSAULT"]
        assert not hits, phrase
    assert not [e for e in seed_events if "responded" in e.evidence.trigger.text]


def test_every_event_has_evidence_inside_the_article(seed_events):
    text = seed_text()
    for ev in seed_events:
        t = ev.evidence.trigger
        assert text[t.start:t.end] == t.text
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.sentence
        assert 0.0 <= ev.confidence <= 1.0
        for a in ev.actor + ev.recipient:
            assert a.start is None or text[a.start:a.end] == a.text
        assert Event.from_dict(json.loads(ev.to_json())) == ev


def test_event_ids_are_deterministic(seed_events):
    again = sitrep.code(seed_text(), date=SEED_DATE, article_id="seed")
    assert [e.event_id for e in again] == [e.event_id for e in seed_events]


@pytest.mark.parametrize(
    ("article", "error"),
    [
        (Article(text="   \n ", id="blank"), EmptyInputError),
        (Article(text="x" * 3_000_000, id="huge"), OversizeError),
        (Article(text="Rebels attacked the town.", id="bad-date", date="31/02/2021"), BadDateError),
    ],
)
def test_bad_input_names_the_item(article, error):
    with pytest.raises(error) as err:
        sitrep.code_article(article)
    assert article.id in str(err.value)


def test_batch_records_failures_and_goes_on():
    items = [
        {"id": "ok-1", "text": "Police arrested 12 protesters in Lagos on Monday.", "date": "2024-01-02"},
        {"id": "empty", "text": ""},
        {"id": "bad-date", "text": "Troops shelled the town.", "date": "2021-02-31"},
        {"id": "ok-2", "text": "Gunmen killed three villagers in Zamfara.", "date": "2024-01-03"},
    ]
    out = list(sitrep.code_many(items))
    assert [a.id for a, _ in out] == ["ok-1", "empty", "bad-date", "ok-2"]
    assert isinstance(out[1][1], CodingFailure) and isinstance(out[2][1], CodingFailure)
    assert out[2][1].error == "BadDateError"
    assert any(e.event == "COERCE" for e in out[0][1]) and any(e.event == "ASSAULT" for e in out[3][1])


def test_worker_processes_give_the_same_events():
    path = shared_file("corpora", "voa_news.jsonl")
    with path.open(encoding="utf-8") as fh:
        recs = [json.loads(next(fh)) for _ in range(6)]
    one = [(a.id, [e.event_id for e in r]) for a, r in sitrep.code_many(recs, n_process=1, batch_size=2)]
    two = [(a.id, [e.event_id for e in r]) for a, r in sitrep.code_many(recs, n_process=2, batch_size=2)]
    assert one == two and sum(len(ids) for _, ids in one) > 0


# --- the coded event's place on real event_location sentences, by record id ----------------

EVENT_PLACE_IDS = [
    ("APW_ENG_19990715.0362_10_capture", "ASSAULT", "Badme"),  # "Eritrea captured Badme": a place object tagged ORG
    ("APW_ENG_20071115.0576_12_capture", "ASSAULT", "Swat"),   # "captured a string of villages and towns in Swat"
    ("APW_ENG_20070306.0909_20_shoot", "ASSAULT", "Moscow"),   # "was fatally shot in Moscow": no film shot
    ("APW_ENG_19970929.0132_13_patrol", "MOBILIZE", "Kut"),    # "The area around Kut is patrolled by ... jets"
    ("APW_ENG_20031105.0169_7_shoot", "ASSAULT", "Sofia"),     # "the owner of a posh Sofia restaurant was shot dead"
]


@pytest.mark.parametrize(("record_id", "event", "place"), EVENT_PLACE_IDS)
def test_event_place_on_gold_sentences(record_id, event, place):
    rec = gold_record("event_location/event_location_labeled.jsonl", record_id, key="_id")
    verb = next(s for s in rec["spans"] if s["label"] == "VERB")
    events = sitrep.code(rec["text"])
    at_verb = [e for e in events if e.evidence.trigger.start < verb["end"] and verb["start"] < e.evidence.trigger.end]
    assert [e.event for e in at_verb] == [event], [(e.event, e.evidence.trigger.text) for e in events]
    assert at_verb[0].location is not None and at_verb[0].location.text == place


def test_casualties_go_to_the_violent_event():
    import sitrep

    evs = sitrep.code("The United Nations condemned the execution of 47 people in Saudi Arabia on Saturday.",
                      date="2016-01-03")
    assert {(e.event, e.fatalities) for e in evs} == {("ACCUSE", None), ("ASSAULT", 47)}
    # events still come out in the order of the sentence
    assert [e.evidence.trigger.text for e in evs] == ["condemned", "execution"]


def test_worker_chunks_shrink_at_the_end_of_the_input():
    from sitrep.models import Article
    from sitrep.pipeline import _chunks, _guided_chunks

    arts = [Article(text="x", id=str(i)) for i in range(224)]
    chunks = list(_guided_chunks(_chunks(arts, 1), 32, 2))
    sizes = [len(c) for c in chunks]
    assert [a.id for c in chunks for a in c] == [a.id for a in arts]  # all, in order
    assert max(sizes) == 32 and sizes == sorted(sizes, reverse=True)
    assert sizes[-1] <= 2 and sum(sizes[-4:]) < 32  # the last chunks are small: workers finish together
    assert [len(c) for c in _guided_chunks(_chunks(arts[:3], 1), 32, 2)] == [2, 1]


def test_deal_money_is_never_a_count_or_toll():
    """"$3 billion deal" and the BBC's "dollars 6bn (pounds 3.12bn) deal" are money: no
    event reads them as a count of events or a toll (they once stopped ingest for good)."""
    path = shared_file("corpora", "bbc_news.jsonl")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
             if "pounds 3.12bn" in line or "pounds 14bn" in line]
    assert len(texts) >= 2
    texts.append("A $3 billion arms deal was signed on Monday as rebels launched 12 attacks on army posts.")
    for text in texts:
        for ev in sitrep.code(text, date="2021-06-01"):
            for value in (ev.count, ev.fatalities, ev.injured):
                assert value is None or value < 1_000_000, (ev.evidence.sentence, value)
    counts = [e.count for e in sitrep.code(texts[-1], date="2021-06-01")]
    assert 12 in counts


@pytest.mark.parametrize(
    ("text", "place", "iso3"),
    [
        # no place hangs on the trigger: the headline's one town is the event's
        ("Baghdad market hit by car bomb attack.", "Baghdad", "IRQ"),
        ("Iraq's Fallujah falls to Qaeda militants as 65 killed.", "Fallujah", "IRQ"),
        # a headline's source tag after a spaced dash
        ("Dozens of militants killed in Ramadi - Iraqi police.", "Ramadi", "IRQ"),
        # the town after a headline's first word, capitalised only for being first
        ("Huge Baghdad car bomb kills at least 39: police.", "Baghdad", "IRQ"),
        ("Deadly Kabul truck bomb kills 12.", "Kabul", "AFG"),
        # a town before the event noun of a flat compound ("the toll of the Kabul bomb attack")
        ("Kabul bomb attack toll rises to 40.", "Kabul", "AFG"),
        # a headline's kicker: the town before its colon is the sentence's root
        ("Maiduguri: Twelve Killed.", "Maiduguri", "NGA"),
    ],
)
def test_a_headlines_lone_town_places_its_event(text, place, iso3):
    import sitrep

    events = [e for e in sitrep.code(text) if e.event == "ASSAULT"]
    assert events and events[0].location is not None
    assert (events[0].location.text, events[0].location.country) == (place, iso3)
    assert events[0].location.lat is not None


def test_a_headline_the_parse_reads_no_place_in_takes_the_geoparsers_one_town():
    # an ALL CAPS kicker the NER reads as no place: the geoparser's one town is the event's
    raid = next(e for e in sitrep.code("GWOZA: SCORES OF VILLAGERS KILLED IN NIGHT RAID.", date="2016-01-05")
                if e.event == "ASSAULT")
    assert raid.location is not None and (raid.location.name, raid.location.country) == ("Gwoza", "NGA")
    assert "place:geoparse" in (raid.rule or "") and raid.location.text == "GWOZA"
    # in running text the parse has spoken: a capitalised word is no town ("the YPG Media Center")
    text = "Two fighters were killed during the recent clashes, according to the YPG Media Center."
    for e in sitrep.code(text, date="2016-01-05"):
        assert "place:geoparse" not in (e.rule or ""), (e.location, e.rule)


def test_a_lone_town_that_is_a_party_or_partner_does_not_place_the_event():
    import sitrep

    # "Ankara-loyal" says who; "the border with Iskenderun" is no place of the attack
    for text in ("Ankara-loyal factions shell the villages.",
                 "Less than 10 km from the border with Iskenderun, militants launch a violent attack."):
        for e in sitrep.code(text):
            assert e.location is None or e.location.text not in ("Ankara", "Iskenderun"), (text, e.location)


def test_an_attack_with_no_place_of_its_own_takes_the_storys_one_town():
    text = "Gunmen killed 12 people on Monday. Troops later clashed with militants in Maiduguri, Nigeria."
    killed = next(e for e in sitrep.code(text, date="2016-01-05") if e.evidence.trigger.text == "killed")
    assert killed.location is not None and killed.location.name == "Maiduguri" and killed.location.geo_precision == 2
    assert "place:story-town" in (killed.rule or "") and killed.location.start is None
    # an attack placed only in the country (or a part of it) is in the story's one town there
    text = "Two dead in double blast in northeast Nigeria. Troops later clashed with militants in Maiduguri."
    blast = next(e for e in sitrep.code(text, date="2016-01-05") if e.evidence.trigger.text == "blast")
    assert blast.location is not None and blast.location.name == "Maiduguri" and blast.location.text == "Nigeria"
    # two towns apart: no one town, the country only
    text = ("Gunmen killed 12 people on Monday. Troops clashed with militants in Maiduguri, Nigeria. "
            "A bomb exploded in Lagos on Tuesday.")
    killed = next(e for e in sitrep.code(text, date="2016-01-05") if e.evidence.trigger.text == "killed")
    assert killed.location is not None and killed.location.country == "NGA" and killed.location.lat is None


def test_an_attack_placed_in_a_province_takes_the_storys_one_town_there():
    text = "Gunmen killed 12 villagers in Adamawa state on Monday. Troops repelled a night attack on Gombi on Tuesday."
    killed = next(e for e in sitrep.code(text, date="2016-01-05") if e.evidence.trigger.text == "killed")
    assert killed.location is not None and killed.location.name == "Gombi" and killed.location.geo_precision == 2
    assert "place:region-town" in (killed.rule or "") and killed.location.text == "Adamawa"
    # a town of another province leaves the province as it is
    text = "Gunmen killed 12 villagers in Adamawa state on Monday. Troops repelled a night attack on Zaria on Tuesday."
    killed = next(e for e in sitrep.code(text, date="2016-01-05") if e.evidence.trigger.text == "killed")
    assert killed.location is not None and killed.location.name == "Adamawa" and killed.location.geo_precision == 3


def test_an_arrest_with_no_place_of_its_own_takes_the_town_the_story_last_named():
    text = ("Thousands of protesters marched in Bangkok, Thailand on Saturday. The army chief said the junta "
            "would stay. Police arrested 20 protesters on Sunday.")
    arrested = next(e for e in sitrep.code(text, date="2014-05-25") if e.evidence.trigger.text == "arrested")
    assert arrested.location is not None and arrested.location.name == "Bangkok"
    assert arrested.location.geo_precision == 2 and "place:carried" in (arrested.rule or "")
    # a statement or an agreement is the country's, not the town's
    text = ("Thousands of protesters marched in Bangkok, Thailand on Saturday. The government agreed to hold "
            "talks with the opposition on Sunday.")
    agreed = next(e for e in sitrep.code(text, date="2014-05-25") if e.evidence.trigger.text == "agreed")
    assert agreed.location is not None and agreed.location.name == "Thailand" and agreed.location.lat is None
    # far back in the story the town fades: the country
    filler = " ".join(f"The junta's spokesman repeated its demand number {n} on television." for n in range(30))
    text = f"Thousands of protesters marched in Bangkok, Thailand on Saturday. {filler} Police arrested 20 protesters."
    arrested = next(e for e in sitrep.code(text, date="2014-05-25") if e.evidence.trigger.text == "arrested")
    assert arrested.location is not None and arrested.location.lat is None and arrested.location.country == "THA"


def test_a_town_is_the_namesake_inside_the_province_its_sentence_names():
    text = "Fierce clashes broke out on Monday in Kabani, north of Latakia."
    clash = next(e for e in sitrep.code(text, date="2016-01-05") if e.evidence.trigger.text == "clashes")
    assert clash.location is not None and clash.location.name == "Kabanah" and clash.location.admin1 == "Latakia"


# --- actors across sentences (articles written for these tests) --------------------------------

def test_bare_state_institution_is_the_one_of_the_events_country():
    text = ("BANGKOK - The U.S. military has cancelled joint exercises with Thailand after the coup. "
            "The former prime minister, Somchai Wongsawat, is being detained by the military in Bangkok.")
    ev = _find(sitrep.code(text, date="2014-05-24"), "COERCE")
    assert [(a.country, a.type) for a in ev.actor] == [("THA", "military")]


def test_unnamed_crowd_at_a_protest_is_its_protesters_of_the_country():
    text = ("CARACAS - Opposition leaders called for more marches against the government. "
            "Several hundred citizens took to the streets of Caracas on Saturday to protest the ruling.")
    ev = _find(sitrep.code(text, date="2017-04-22"), "PROTEST", modality="asserted")
    assert [(a.text, a.country, a.type) for a in ev.actor] == [("Several hundred citizens", "VEN", "protesters")]


def test_demonym_heading_its_own_phrase_is_no_states_forces():
    # "Turkish shelling": the adjective names the state's forces; "the Palestinian stabbed": a person,
    # who attacks, so an attacker of that people (ACLED's unidentified armed actor), as "the man who
    # killed" is (test_one_of_a_people_who_attacks_is_an_attacker_not_the_state)
    stab = _find(sitrep.code("The Palestinian stabbed two guards at the gate.", date="2016-02-20"), "ASSAULT")
    shell = _find(sitrep.code("Turkish shelling struck YPG positions near Azaz.", date="2016-02-20"), "ASSAULT")
    assert [(a.country, a.type) for a in stab.actor] == [("PSE", "militia")]
    assert [(a.country, a.type) for a in shell.actor] == [("TUR", "military")]


def test_a_demonym_the_parser_made_the_subject_of_an_ing_noun_still_names_the_states_forces():
    # "The Turkish shelling continued": parsed as "Turkish" the subject of "shelling"
    ev = _find(sitrep.code("The Turkish shelling continued Sunday near Azaz.", date="2016-02-14"), "ASSAULT")
    assert [(a.country, a.type) for a in ev.actor] == [("TUR", "military")]


def test_a_country_that_is_another_verbs_agent_gives_a_generic_actor_no_country():
    # "inflicted by US" names who inflicted the fatalities: neither the place of the accord nor
    # the country of the commanders who struck it
    [ev] = [e for e in sitrep.code("Commanders of Iran-sponsored fighters strike accord after fatalities inflicted by US",
                                   date="2021-07-01") if e.event == "AGREE"]
    assert ev.location is None
    assert [a.country for a in ev.actor] == [None] and "Iran" in ev.actor[0].name


def test_a_later_toll_counts_the_attack_told_before_it_only():
    import sitrep

    attack = "Militiamen fired rockets at a US base near al-Omari oil field in eastern Syria on Sunday."
    toll = ("While four Iraqi fighters were killed in US strikes, a coalition spokesman tweeted that US troops "
            "suffered no casualties.")
    after = _find(sitrep.code(f"{attack} {toll}", date="2024-01-08"), "ASSAULT", mode="heavy-weapons")
    assert after.fatalities == 0
    before = _find(sitrep.code(f"{toll} {attack}", date="2024-01-08"), "ASSAULT", mode="heavy-weapons")
    assert before.fatalities is None  # a toll told before the attack is not its toll


def test_a_protest_takes_the_outcome_told_of_it_not_of_another_city():
    import sitrep

    text = ("Several hundred people gathered outside the U.S. embassy in London on Friday, chanting slogans against "
            "the new president. The crowd left after two hours and police said the gathering was orderly. "
            "Organisers said they would return next week with more supporters and a larger stage for speakers. "
            "Officials in the city praised the organisers for the calm and said traffic had been diverted for the "
            "day. In Portland, Oregon, thousands of protesters marched through downtown streets on Friday. Some of "
            "them smashed shop windows and hurled rocks at police.")
    evs = sitrep.code(text, date="2017-01-21")
    london = next(e for e in evs if e.event == "PROTEST" and e.location and e.location.name == "London")
    assert (london.acled_event_type, london.acled_sub_event_type) == ("Protests", "Peaceful protest")
    assert any(e.event == "PROTEST" and e.acled_event_type == "Riots" for e in evs)  # Portland's stones


def test_a_request_or_pledge_needs_the_parties_that_make_it_one():
    # a call to the public at large, or one nobody makes, is no REQUEST record
    assert not [e for e in sitrep.code("Obama asked Americans to share their ideas for healing.", date="2016-01-05")
                if e.event == "REQUEST"]
    assert not [e for e in sitrep.code("The killing sparked calls for better treatment of minorities by police.",
                                       date="2016-01-05") if e.event == "REQUEST"]
    ev = [e for e in sitrep.code("Turkish Prime Minister Ahmet Davutoglu demanded the YPG withdraw from Azaz.",
                                 date="2016-01-05") if e.event == "REQUEST"]
    assert len(ev) == 1 and ev[0].actor and ev[0].recipient
    # a pledge of policy given to no other party is no agreement; an offer to a party, or of an act, is
    assert not [e for e in sitrep.code("President Ghani has promised to reform the judicial system.", date="2016-01-05")
                if e.event == "AGREE"]
    assert [e.modality for e in sitrep.code("Military leaders from 14 countries offered support for Turkey at a meeting "
                                            "in Riyadh.", date="2016-01-05") if e.event == "AGREE"] == ["hypothetical"]
    assert [e.event for e in sitrep.code("Egypt offered to host talks between Hamas and Fatah.", date="2016-01-05")] == [
        "AGREE"]


# --- arguments: holders, members, datelines, deployments, arrests, names ------------------------

def test_a_place_held_by_a_party_makes_that_party_the_one_hit():
    shelled = _find(sitrep.code("Turkish troops shelled positions near the border controlled by fighters "
                                "from the Kurdish People's Protection Units.", date="2016-02-14"), "ASSAULT")
    assert [(a.name, a.country) for a in shelled.recipient] == [("People's Protection Units", "SYR")]
    retaken = _find(sitrep.code("Iraqi forces have retaken the airport in Mosul that had been controlled by "
                                "the Islamic State group since 2014.", date="2017-02-24"), "ASSAULT")
    assert [a.name for a in retaken.recipient] == ["Islamic State"]


def test_a_dateline_is_never_a_party():
    ev = _find(sitrep.code("BANGKOK — The U.S. military has canceled training exercises with Thailand, "
                           "the Pentagon said.", date="2014-05-24"), "SANCTION")
    assert [(a.country, a.type) for a in ev.actor] == [("USA", "military")]


def test_forces_deployed_are_the_mobilizing_side_and_their_destination_no_party():
    ev = _find(sitrep.code("In Australia last year, over 1,000 U.S. Marines were deployed to the city of Darwin.",
                           date="2016-06-01"), "MOBILIZE")
    assert [(a.country, a.type) for a in ev.actor] == [("USA", "military")]
    assert ev.recipient == ()


def test_an_arrest_with_no_arrester_is_by_the_police_of_its_country():
    arrest = _find(sitrep.code("CAIRO — More than 250 protesters were arrested in Egypt on Friday.",
                               date="2016-04-17"), "COERCE")
    # no words name the arrester: no text, no span, and the rule says why it is there
    assert [(a.text, a.start, a.country, a.type) for a in arrest.actor] == [("", None, "EGY", "police")]
    assert "actor:arresting-police" in arrest.rule
    named = _find(sitrep.code("Rebels in Syria were arrested by Turkish troops on Friday.", date="2016-04-17"), "COERCE")
    assert [(a.country, a.type) for a in named.actor] == [("TUR", "military")]


def test_an_arrest_with_no_arrester_is_by_the_named_police_body_that_announced_it():
    text = ("PHNOM PENH - National Police spokesman Sok Vanna said on Monday that a suspect had been arrested "
            "over the shooting.")
    arrest = _find(sitrep.code(text, date="2016-07-11"), "COERCE")
    assert [(a.name, a.country, a.type) for a in arrest.actor] == [("Cambodian National Police", "KHM", "police")]
    # a body told by its kind alone is the country's police, as with no announcement at all
    text = "PHNOM PENH - A police spokesman said on Monday that a suspect had been arrested over the shooting."
    arrest = _find(sitrep.code(text, date="2016-07-11"), "COERCE")
    assert [(a.name, a.type) for a in arrest.actor] == [("Cambodian police", "police")]


def test_a_state_that_sends_a_warship_acts_through_its_navy():
    text = "WASHINGTON - The United States on Friday sent the destroyer USS Porter to patrol off the coast of Libya."
    ev = _find(sitrep.code(text, date="2017-02-03"), "MOBILIZE")
    assert [(a.name, a.country, a.type) for a in ev.actor] == [("United States Navy", "USA", "military")]
    text = "MOSCOW - Russia deployed two frigates to the eastern Mediterranean on Monday, the ministry said."
    ev = _find(sitrep.code(text, date="2017-02-03"), "MOBILIZE")
    assert [(a.country, a.type) for a in ev.actor] == [("RUS", "military")]
    # troops sent are the state's act as told; only a naval vessel names the navy
    text = "WASHINGTON - The United States on Friday sent 200 troops to Syria."
    ev = _find(sitrep.code(text, date="2017-02-03"), "MOBILIZE")
    assert [a.name for a in ev.actor] != ["United States Navy"]


def test_a_ban_on_a_party_with_no_one_banning_is_the_government_of_its_country():
    for text in ("Last month's move to ban opposition leader Juan Perez from holding office angered "
                 "his supporters in Caracas.",
                 "Opposition leader Juan Perez was banned from holding office in Caracas on Monday."):
        ban = _find(sitrep.code(text, date="2017-04-10"), "COERCE")
        # no words name the banner: no text, no span, and the rule says why it is there
        assert [(a.text, a.start, a.country, a.type) for a in ban.actor] == [("", None, "VEN", "government")]
        assert "actor:banning-government" in ban.rule
    # a banner named keeps its own; a state banned is banned by others, not by itself
    named = _find(sitrep.code("Rebels in Raqqa banned the opposition leader Juan Perez from the town.",
                              date="2017-04-10"), "COERCE")
    assert [(a.country, a.type) for a in named.actor] == [("SYR", "rebels")]
    state = sitrep.code("Russia was banned from the Olympic Games in Moscow on Monday.", date="2017-04-10")
    assert all(ev.actor == () for ev in state if ev.event == "COERCE")


def test_an_attacker_shot_with_no_shooter_after_attacking_guards_is_shot_by_them():
    events = sitrep.code("A man stabbed two police officers outside a station in Lyon on Friday before he was "
                         "shot, prosecutors said.", date="2017-04-10")
    stab = next(e for e in events if e.evidence.trigger.text == "stabbed")
    shot = next(e for e in events if e.evidence.trigger.text == "shot")
    assert [(a.country, a.type) for a in stab.recipient] == [("FRA", "police")]
    assert shot.recipient == stab.actor
    # no words of the shooting's clause name the shooters: no text, no span
    assert [(a.name, a.text, a.start) for a in shot.actor] == [(r.name, "", None) for r in stab.recipient]
    assert "actor:attacked-guards" in shot.rule
    # a shooter named keeps the record as told
    named = sitrep.code("A man stabbed two police officers in Lyon on Friday before he was shot by a "
                        "passer-by.", date="2017-04-10")
    assert all(e.actor == () for e in named if e.evidence.trigger.text == "shot")


def test_armed_men_captured_with_no_captor_are_taken_by_the_security_forces_of_their_country():
    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2013.01.21.1587732")
    gold = next(e for e in rec["events"] if e["evidence"].startswith("Algeria says five of the attackers"))
    text = "Islamist militants stormed a gas plant in Algeria. " + gold["evidence"] + "."
    capture = next(e for e in sitrep.code(text, date=rec["date"]) if e.event == "COERCE")
    assert [(a.name, a.text, a.start) for a in capture.actor] == [("Algerian military", "", None)] == [
        (gold["actor"][0], "", None)]
    assert "actor:capturing-forces" in capture.rule
    # a state's soldiers captured are the enemy's captives: nobody is read in
    soldiers = _find(sitrep.code("Three Syrian soldiers were captured near Aleppo on Friday.", date="2016-04-17"), "COERCE")
    assert soldiers.actor == ()


def test_a_verbs_own_auxiliary_after_a_name_hung_on_the_clause_before_makes_the_name_its_subject():
    # a full stop lost before "Washington": the parser reads it as the object of "of" and joins
    # "is providing" to the earlier clause, whose subject ("the return") is no party
    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2016.02.19.3197746")
    start = rec["text"].index("The return of the U.S. military to the Philippines")
    end = rec["text"].index("patrol ships", start) + len("patrol ships")
    aid = _find(sitrep.code(rec["text"][start:end], date=rec["date"]), "AID")
    assert [(a.country, a.type) for a in aid.actor] == [("USA", "government")]
    assert "Washington" in aid.actor[0].text
    # joined by "and", the clause shares the subject before it
    raid = _find(sitrep.code("Turkish troops entered the town and have also attacked the base.", date="2016-02-19"),
                 "ASSAULT")
    assert [a.text for a in raid.actor] == ["Turkish troops"]


def test_a_lone_name_word_takes_up_the_fuller_name_written_before():
    from sitrep.pipeline import _earlier_full_name

    text = ("Thailand's Prime Minister Yingluck Shinawatra talks to reporters. Officer Darren Wilson shot "
            "Michael Brown. The Thai military banned Yingluck from leaving Thailand.")
    end = len(text)
    assert _earlier_full_name(text, "Yingluck", end) == "Yingluck Shinawatra"
    assert _earlier_full_name(text, "Wilson", end) == "Darren Wilson"
    assert _earlier_full_name(text, "Thai", end) is None
    assert _earlier_full_name(text, "Yingluck", text.index("Yingluck")) is None
    ev = _find(sitrep.code(text, date="2014-05-25"), "COERCE")
    assert [(a.name, a.text) for a in ev.recipient] == [("Yingluck Shinawatra", "Yingluck")]


def test_an_event_nouns_possessive_pronoun_is_its_clause_subject():
    visit = _find(sitrep.code("U.S. Defense Secretary Jim Mattis, during his day-long visit to Kabul on Monday, "
                              "also warned of a tough year.", date="2017-04-25"), "CONSULT")
    assert [a.country for a in visit.actor] == ["USA"] and "Mattis" in visit.actor[0].text
    assert [(a.country, a.type) for a in visit.recipient] == [("AFG", "government")]
    meeting = _find(sitrep.code("U.S. Vice President Joe Biden shakes hands with Turkish Prime Minister Ahmet "
                                "Davutoglu following a joint news conference after their meeting in Istanbul.",
                                date="2016-01-23"), "CONSULT")
    assert [a.name for a in meeting.actor] == ["Joe Biden"] and [a.name for a in meeting.recipient] == ["Ahmet Davutoglu"]
    # "their" does not agree with one minister: nobody is read into the talks
    talks = _find(sitrep.code("The minister said their talks with Iran were useful.", date="2016-01-23"), "CONSULT")
    assert talks.actor == ()


def test_a_parenthesis_after_a_name_gives_its_possessive_event_noun_that_name():
    # the full stop before the name lost (as scraped articles lose them): read as one sentence the
    # parser hangs the name on the earlier clause; the commas still set the visit off as his
    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2017.04.25.3825261")
    start = rec["text"].index("It went on to say the assault")
    text = rec["text"][start:rec["text"].index("also warned", start)] + "also warned of a tough year."
    visit = _find(sitrep.code(text, date=rec["date"]), "CONSULT")
    assert "Jim Mattis" in visit.actor[0].text
    # no verb after the closing comma: the phrase is not set between a subject and its verb
    # ("his" may be the envoy's as well as Khan's)
    other = _find(sitrep.code("The envoy thanked Ali Khan, during his visit to Kabul on Monday, for the aid.",
                              date="2017-04-25"), "CONSULT")
    assert all("Khan" not in a.text for a in other.actor)


def test_a_caption_that_places_a_person_in_its_picture_gives_their_meeting_that_person():
    # the caption's verb read as a noun ("arrive"): no clause subject for "their" to take
    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2015.10.21.3017239")
    gold = next(e for e in rec["events"] if "Putin, right," in e["evidence"])
    meeting = _find(sitrep.code(gold["evidence"], date=rec["date"]), "CONSULT")
    assert [a.name for a in meeting.actor] == ["Vladimir V. Putin"] and gold["actor"] == ["Vladimir Putin"]
    assert [a.name for a in meeting.recipient] == ["Bashar al-Assad"] == gold["recipient"]
    # "his" is the one person so placed; with no one placed by the commas, nobody is read in
    visit = _find(sitrep.code("Supporters greet Ali Khan, left, after his visit to Kabul, May 2, 2015.",
                              date="2015-05-03"), "CONSULT")
    assert [a.text for a in visit.actor] == ["Ali Khan"]
    talks = _find(sitrep.code("Supporters greet Ali Khan and Omar Shah after their talks in Kabul, May 2, 2015.",
                              date="2015-05-03"), "CONSULT")
    assert all(a.text != "Ali Khan" for a in talks.actor)


def test_attack_nouns_name_the_attacker_after_from_and_the_state_attacked_after_of():
    strikes = _find(sitrep.code("Rebels in Aleppo are under relentless airstrikes from Russian warplanes.",
                                date="2016-02-10"), "ASSAULT")
    assert [(a.country, a.type) for a in strikes.actor] == [("RUS", "military")]
    invasion = _find(sitrep.code("He points to the 1979 Soviet invasion of Afghanistan.", date="2014-09-10"), "ASSAULT")
    assert [a.country for a in invasion.recipient] == ["AFG"]
    rockets = _find(sitrep.code("Rockets from Gaza hit Sderot on Monday.", date="2014-07-10"), "ASSAULT")
    assert rockets.actor == ()  # a place it came from says where, not who


def test_a_sanction_is_on_whom_the_cut_thing_was_with():
    ties = _find(sitrep.code("The Saudis and their Gulf partners cut ties to Qatar.", date="2017-06-20"), "SANCTION")
    aid = _find(sitrep.code("The United States has suspended $3.5 million in military aid to Thailand.",
                            date="2014-05-25"), "SANCTION")
    assert [a.country for a in ties.recipient] == ["QAT"]
    assert [a.country for a in aid.recipient] == ["THA"]


def test_a_generic_partys_own_in_phrase_says_whose_it_is():
    ev = _find(sitrep.code("WASHINGTON — American officials said the U.S. airdropped 50 tons of small-arms "
                           "ammunition to rebels in northern Syria.", date="2017-07-21"), "AID")
    assert [(a.country, a.type) for a in ev.recipient] == [("SYR", "rebels")]


def test_a_recipient_pronoun_is_not_the_events_own_actor():
    ev = _find(sitrep.code("Police said they arrested about two dozen protesters in the St. Louis suburb after "
                           "demonstrators pelted them with rocks and bottles.", date="2015-08-11"), "PROTEST")
    assert [a.type for a in ev.recipient] == ["police"]


def test_a_sanction_takes_no_place_from_the_story():
    # the story is about Iran; a sanction it announces is decided in a capital, not placed in Iran
    text = ("TEHRAN — Iran has test-fired a new ballistic missile in Iran, officials said on Monday. "
            "The foreign ministry said Iran will impose legal restrictions on some American companies.")
    ev = _find(sitrep.code(text, date="2017-02-03"), "SANCTION")
    assert ev.location is None and "place:story-country" not in (ev.rule or ""), (ev.location, ev.rule)


def test_a_country_read_only_off_a_persons_name_places_nothing():
    # "Livingstone" is a Zambian town, here only the mayor's name: no Zambian place nor police
    text = ("Mayor under fire over remarks\n\nMayor Ken Livingstone said he would not apologise. "
            "Mr Livingstone said he had been attacked by newspapers for years. "
            "Police arrested two men after the protest.")
    events = sitrep.code(text, date="2005-02-20")
    assert events
    for ev in events:
        assert ev.location is None or ev.location.country != "ZMB", (ev.event, ev.location, ev.rule)
        assert all(a.country != "ZMB" for a in (*ev.actor, *ev.recipient)), (ev.event, ev.actor, ev.recipient)


def test_a_states_strike_on_another_states_target_is_not_placed_in_the_strikers_country():
    # the story is told from the striker's side; the rig struck is Iran's, not in the United States
    text = ("U.S. Navy shells Iranian oil rig\n\nU.S. Navy destroyers shelled an Iranian oil rig on Monday, "
            "the Pentagon said. The United States said the raid answered a missile attack on an American "
            "tanker. U.S. officials said the United States would meet any escalation by Iran.")
    ev = _find(sitrep.code(text, date="1987-10-20"), "ASSAULT")
    assert ev.location is not None and ev.location.country == "IRN", (ev.location, ev.rule)
    assert "place:target-country" in ev.rule
    # a state's police shooting an attacker is no strike abroad: the story's country stands
    text = ("Police shoot attacker in Israel\n\nIsraeli police said they shot a Palestinian assailant "
            "who had stabbed two officers. Israel has seen months of such attacks, Israeli officials said.")
    ev = _find(sitrep.code(text, date="2016-02-19"), "ASSAULT")
    assert "place:target-country" not in (ev.rule or ""), (ev.location, ev.rule)


def test_a_countrys_waters_coast_or_airspace_named_by_its_people_is_that_country():
    ev = _find(sitrep.code("Gunboats attacked a Greek-owned freighter in Libyan waters on Sunday, "
                           "the shipping agency said.", date="2019-05-12"), "ASSAULT")
    assert ev.location is not None and ev.location.country == "LBY", (ev.location, ev.rule)
    assert ev.location.text == "Libyan waters"
    ev = _find(sitrep.code("Jets bombed two fishing boats off the Yemeni coast overnight.", date="2019-05-12"), "ASSAULT")
    assert ev.location is not None and ev.location.country == "YEM", (ev.location, ev.rule)
    # a noun after the area word makes it a modifier: the coast guard is no coast
    ev = _find(sitrep.code("Turkish coast guard boats rammed a migrant dinghy, killing two.", date="2019-05-12"),
               "ASSAULT")
    assert ev.location is None or ev.location.text != "Turkish coast", (ev.location, ev.rule)


def test_a_bare_state_institution_in_an_event_placed_by_the_story_is_that_countrys():
    text = ("Police clashed with students in Cairo on Sunday, Egypt. Protesters who mounted rare "
            "anti-government demonstrations on April 15 have vowed to stage mass sit-ins Monday.")
    ev = _find(sitrep.code(text, date="2016-04-24"), "PROTEST")
    assert "place:story-country" in ev.rule
    assert [(a.country, a.type) for a in ev.recipient] == [("EGY", "government")]


def test_a_description_coordinated_with_a_persons_name_is_that_person():
    ev = _find(sitrep.code("Prominent Cambodian political activist and commentator Kem Ley was shot dead in "
                           "broad daylight in Phnom Penh Sunday.", date="2016-07-11"), "ASSAULT")
    assert [(a.name, a.text) for a in ev.recipient] == [("Kem Ley", "Kem Ley")]


def test_a_storys_protests_address_the_authority_it_named():
    text = ("CARACAS - Thousands of demonstrators rallied against President Nicolas Maduro in Caracas on Monday. "
            "On Tuesday, students marched through the city center and blocked a highway.")
    evs = [e for e in sitrep.code(text, date="2017-04-12") if e.event == "PROTEST"]
    later = [e for e in evs if e.evidence.start >= text.index("On Tuesday")]
    assert later and all("Nicolas Maduro" in {r.name for r in e.recipient} for e in later)
    assert all("recipient:story-protest" in (e.rule or "") for e in later)


def test_the_group_that_attacked_is_the_armed_group_named_before():
    text = ("KABUL - Officials say the Haqqani network is behind a wave of bombings in the capital. "
            "NATO said on Monday it would send more advisers. "
            "Officials blame the group for a deadly attack in Kabul in April that killed nearly 70 people.")
    ev = _find(sitrep.code(text, date="2017-06-01"), "ASSAULT", modality="historical")
    assert [a.name for a in ev.actor] == ["Haqqani Network"]


def test_a_pronoun_subject_is_not_its_own_verbs_object():
    # "he attacked Davutoglu": "he" is not Davutoglu, however recently he was named
    text = "Prime Minister Ahmet Davutoglu met the militants on Monday. Later he attacked Davutoglu in a speech."
    ev = _find(sitrep.code(text, date="2016-02-15"), "ASSAULT")
    assert {r.name for r in ev.recipient} == {"Ahmet Davutoglu"}
    assert "Ahmet Davutoglu" not in {a.name for a in ev.actor}


def test_an_attacker_in_no_other_attack_fights_the_storys_enemy():
    # the US warplanes attack nowhere else in the story; the story's attacks fall on Islamic State twice
    text = ("Iraqi forces retook the town of Hit from Islamic State militants on Monday. Iraqi troops also "
            "attacked Islamic State positions near Ramadi on Sunday. U.S. warplanes launched airstrikes near the "
            "town on Tuesday.")
    strikes = next(e for e in sitrep.code(text, date="2020-03-03") if e.evidence.trigger.text == "airstrikes")
    assert [r.name for r in strikes.recipient] == ["Islamic State"]
    assert "recipient:story-enemy" in (strikes.rule or "").split(";")
    # one attack on a party is no story enemy
    once = ("Iraqi forces retook the town of Hit from Islamic State militants on Monday. U.S. warplanes launched "
            "airstrikes near the town on Tuesday.")
    strikes = next(e for e in sitrep.code(once, date="2020-03-03") if e.evidence.trigger.text == "airstrikes")
    assert strikes.recipient == ()


def test_an_attack_with_no_target_takes_the_side_its_attacker_fights_in_the_story():
    text = ("Iraqi forces attacked Islamic State fighters in Mosul on Monday, officials said. "
            "Iraqi troops also shelled Islamic State positions near the airport. On Tuesday, Iraqi forces retook the airport.")
    evs = sitrep.code(text, date="2017-02-21")
    retook = next(e for e in evs if e.evidence.trigger.text == "retook")
    assert [r.name for r in retook.recipient] == ["Islamic State"]
    assert "recipient:story-side" in (retook.rule or "")
    # the side keeps the offsets of a mention that names it
    r = retook.recipient[0]
    assert r.start is not None and r.end is not None and "Islamic State" in text[r.start:r.end]


def test_an_attack_on_an_armed_side_with_no_attacker_is_by_the_foe_it_fights_in_the_story():
    text = ("Nigerian troops attacked Boko Haram fighters near the town of Bama on Monday. The army also shelled "
            "Boko Haram camps in the Sambisa forest. On Tuesday, five Nigerian soldiers were killed in an ambush "
            "near Bama.")
    ambush = next(e for e in sitrep.code(text, date="2020-03-03") if e.evidence.trigger.text == "ambush")
    assert [a.name for a in ambush.actor] == ["Boko Haram"]
    assert "actor:story-side" in (ambush.rule or "").split(";")
    a = ambush.actor[0]
    assert a.start is not None and a.end is not None and "Boko Haram" in text[a.start:a.end]
    # told alone, after one other attack, or with two foes fought as often, the ambush has no
    # attacker: nothing is guessed
    alone = "On Tuesday, five Nigerian soldiers were killed in an ambush near Bama."
    once = ("Nigerian troops attacked Boko Haram fighters near the town of Bama on Monday. On Tuesday, five "
            "Nigerian soldiers were killed in an ambush near Bama.")
    for told in (alone, once):
        ambush = next(e for e in sitrep.code(told, date="2020-03-03") if e.evidence.trigger.text == "ambush")
        assert ambush.actor == ()
    two = ("Nigerian troops attacked Boko Haram fighters near the town of Bama on Monday. Nigerian troops also "
           "attacked Fulani militiamen in Zamfara. On Tuesday, five Nigerian soldiers were killed in an ambush.")
    ambush = next(e for e in sitrep.code(two, date="2020-03-03") if e.evidence.trigger.text == "ambush")
    assert "actor:story-side" not in (ambush.rule or "").split(";")


def test_a_body_the_story_calls_country_led_is_that_countrys_where_named_otherwise():
    text = ("Operation Inherent Resolve, as the U.S.-led coalition's campaign is known, began airstrikes on "
            "Islamic State in Iraq in June 2014. The Pentagon said the coalition had conducted 7,000 strikes.")
    evs = [e for e in sitrep.code(text, date="2015-10-21") if e.event == "ASSAULT"]
    named = [a for e in evs for a in e.actor if a.name == "Global Coalition Against Daesh"]
    assert named and {a.country for a in named} == {"USA"}
    # with no "-led" mention the entry keeps no country: nothing is guessed
    alone = "Operation Inherent Resolve began airstrikes on Islamic State in Iraq in June 2014."
    named = [a for e in sitrep.code(alone, date="2015-10-21") for a in e.actor if a.name == "Global Coalition Against Daesh"]
    assert named and {a.country for a in named} == {None}
    # two leaders of coalitions in one story: which one is meant is unknown
    two = ("The Saudi-led coalition and the U.S.-led coalition both struck targets in Yemen. "
           "Operation Inherent Resolve began airstrikes on Islamic State in Iraq in June 2014.")
    named = [a for e in sitrep.code(two, date="2015-10-21") for a in e.actor if a.name == "Global Coalition Against Daesh"]
    assert named and {a.country for a in named} == {None}


def test_officials_from_countries_are_those_governments():
    text = "Kenya will host talks in Nairobi next week with ministers from Uganda, Rwanda and other members of the bloc."
    ev = next(e for e in sitrep.code(text, date="2016-03-01") if e.event == "CONSULT")
    assert {(a.country, a.type) for a in ev.recipient} == {("UGA", "government"), ("RWA", "government")}
    # fighters "from" a country are not its state's
    text = "Fighters from Syria attacked a police post in Lebanon."
    ev = next(e for e in sitrep.code(text, date="2016-03-01") if e.event == "ASSAULT")
    assert not [a for a in ev.actor if a.country == "SYR" and a.type == "government"]


def test_division_word_after_the_place_makes_it_the_province():
    """"in Idlib province": the place's span is the bare name, but the event is in the
    province (precision 3), not the town; without the word it is the town."""
    province = [e for e in sitrep.code("Clashes in Idlib province killed 12 fighters.", date="2016-05-01")
                if e.event == "ASSAULT"]
    town = [e for e in sitrep.code("Clashes in Idlib killed 12 fighters.", date="2016-05-01") if e.event == "ASSAULT"]
    assert province and province[0].location is not None and town and town[0].location is not None
    assert (province[0].location.text, province[0].location.geo_precision) == ("Idlib", 3)
    assert (town[0].location.text, town[0].location.geo_precision) == ("Idlib", 1)


def test_an_unknown_place_takes_the_country_its_sentence_names():
    # a story led by the US that tells China's moves: China's unknown island is China's,
    # not the story's leading country
    text = ("The United States sent two destroyers to the Pacific on Tuesday, officials in Washington said. "
            "The United States and China have argued for years over the sea. "
            "China deployed troops on Qorvanek Island on Monday, the Pentagon said. "
            "The United States said it would sail near the islands. Officials in New York and Washington met. "
            "China said the United States was meddling, and Beijing protested.")
    events = [e for e in sitrep.code(text, date="2016-02-19")
              if e.location is not None and e.location.text == "Qorvanek Island"]
    assert events and all(e.location is not None and e.location.country == "CHN" and e.location.lat is None
                          for e in events)


@pytest.mark.parametrize("said", [
    "Speaking in New York on Monday, a United States admiral said China deployed troops on Qorvanek Island.",
    "The United States said China had deployed troops on Qorvanek Island.",
    # an adverbial clause inside what was said tells another happening
    "The United States said China deployed troops on Qorvanek Island, drawing protests from the United States.",
])
def test_a_speaker_and_venue_are_not_the_reported_events_country(said):
    """The country of whoever reports an event, and where they spoke, are not the sentence's
    country for an unknown place in what they said: China's island stays China's."""
    text = ("The United States sent two destroyers to the Pacific on Tuesday, officials in Washington said. "
            "The United States and China have argued for years over the sea. " + said + " "
            "The United States said it would sail near the islands. Officials in New York and Washington met. "
            "China said the United States was meddling, and Beijing protested.")
    events = [e for e in sitrep.code(text, date="2016-02-19")
              if e.event == "MOBILIZE" and e.location is not None and e.location.text == "Qorvanek Island"]
    assert events and all(e.location is not None and e.location.country == "CHN" and e.location.lat is None
                          for e in events)


@pytest.mark.parametrize(
    ("text", "place", "iso3"),
    [
        # a town modifying the event's target says where the target was hit
        ("Gunmen attack Kandahar checkpoint guards, kill four.", "Kandahar", "AFG"),
        ("Karachi lawyer shot dead outside his home.", "Karachi", "PAK"),
    ],
)
def test_a_town_naming_the_target_places_a_headlines_event(text, place, iso3):
    events = [e for e in sitrep.code(text) if e.event == "ASSAULT"]
    assert events and events[0].location is not None, [(e.event, e.location) for e in sitrep.code(text)]
    assert (events[0].location.text, events[0].location.country) == (place, iso3)
    assert events[0].location.lat is not None


def test_a_town_naming_the_agent_does_not_place_the_event():
    # "Kabul government forces" say whose forces, not where they struck
    for e in sitrep.code("Kabul government forces attack Taliban fighters."):
        assert e.location is None or e.location.text != "Kabul", e.location


def test_a_country_word_qualifying_the_place_kind_gives_its_country():
    # "the Syrian village of X": the text's own hierarchy, even for a village no gazetteer holds
    events = sitrep.code("Rebels seize the Syrian village of Qundarah from jihadists.")
    placed = [e for e in events if e.location is not None and e.location.text == "Qundarah"]
    assert placed and placed[0].location.country == "SYR", [(e.event, e.location) for e in events]


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        # the NER leaves the first word of the name out
        ("Car bomb hits Tal Abyad market.", "Tall Abyad", "SYR"),
        # "Town" is no place of its own when the story names no country (nor is "Junta" La Junta)
        ("Junta base in Mohnyin Town shelled.", "Mohnyin", "MMR"),
    ],
)
def test_a_headlines_town_is_read_with_its_name_and_country(text, name, iso3):
    events = [e for e in sitrep.code(text) if e.event == "ASSAULT"]
    assert events and events[0].location is not None, [(e.event, e.location) for e in sitrep.code(text)]
    assert (events[0].location.name, events[0].location.country) == (name, iso3)
    assert events[0].location.lat is not None


def test_a_list_after_a_town_is_not_its_country():
    events = [e for e in sitrep.code("Bombs exploded in Kabul, Pakistan and India on Monday.")
              if e.location is not None and e.location.text == "Kabul"]
    assert events and events[0].location.country == "AFG"

def test_an_unnamed_agent_with_no_place_takes_the_country_the_story_is_about():
    # the first country resolved as a place (the islands handed to Saudi Arabia) is not the story's
    text = ("Egypt's decision to hand two Red Sea islands to Saudi Arabia angered many Egyptians. "
            "Egyptian activists say the protests were the largest since 2013. "
            "Security forces arrested dozens of activists on Monday.")
    ev = _find(sitrep.code(text, date="2016-04-25"), "COERCE")
    assert [(a.country, a.type) for a in ev.actor] == [("EGY", "military")]


def test_a_country_only_names_of_people_share_gives_an_unnamed_agent_no_country():
    ev = _find(sitrep.code("Gunmen shot a local journalist, Maria Lopez Garcia, in the town on Friday.",
                           date="2016-04-25"), "ASSAULT")
    assert [a.country for a in ev.actor] == [None]
    assert [a.name for a in ev.recipient] == ["Maria Lopez Garcia"]


def test_a_run_on_sentence_is_parsed_again_part_by_part(monkeypatch):
    # read as one sentence, "Two young men" hangs on the clause before the lost full stop
    monkeypatch.setattr(defaults, "REPARSE_RUNON_PARTS", True)
    text = ("The mayor said he wanted residents to listen to each other Two young men were shot by "
            "police officers in Louisiana on Sunday.")
    ev = _find(sitrep.code(text, date="2016-07-14"), "ASSAULT")
    assert [a.text for a in ev.recipient] == ["Two young men"]


def test_a_possessive_name_takes_up_the_fuller_name_told_before():
    text = ("Police named the gunman as Micah Xavier Johnson, 25. "
            "During a search of Johnson's home, detectives found bomb-making materials.")
    ev = _find(sitrep.code(text, date="2016-07-09"), "COERCE")
    assert [a.name for a in ev.recipient] == ["Micah Xavier Johnson"]


def test_a_name_apposed_to_a_person_noun_is_the_person_whatever_the_ner_read():
    text = ("The three lawmakers, Jamal Zahalka, Haneen Zoabi, and Basel Ghattas of the National Democratic "
            "Assembly, met the families in Jerusalem.")
    ev = _find(sitrep.code(text, date="2016-02-05"), "CONSULT")
    assert [(a.name, a.country) for a in ev.actor] == [("Jamal Zahalka", "ISR")]


def test_an_act_placed_before_the_story_is_background():
    """"has previously arrested", "has in the past arrested": told as before the story's time;
    "in the past 10 days" is a span up to now, not before it."""
    def modalities(text: str) -> list[str]:
        return [e.modality for e in sitrep.code(text, date="2016-02-19") if e.event == "COERCE"]

    assert modalities("Police have previously arrested the opposition leader in Cairo.") == ["historical"]
    assert modalities("Police have in the past arrested the opposition leader in Cairo.") == ["historical"]
    assert modalities("Police arrested the opposition leader in Cairo.") == ["asserted"]
    # (a tally up to now: aggregate, never background)
    assert modalities("Police have arrested the opposition leader in the past 10 days.") == ["aggregate"]


def test_bombers_hitting_a_market_is_an_attack():
    """"Female Suicide Bombers Hit Potiskum GSM Market": a market hit by bombers is a target,
    not the economy's "hit the market" (read from ../shared at run time)."""
    from conftest import gold_record

    import sitrep

    text = str(gold_record("ucdp/ucdp_ged_world_dev.jsonl", "194312")["source_headline"]).split(";")[0] + "."
    assert any(e.event == "ASSAULT" and e.evidence.trigger.text == "Hit" for e in sitrep.code(text))
    assert not sitrep.code("Investors hit the stock market hard.")


def test_a_short_acronym_is_no_place():
    """"SDF kills about 50 IS around Menbej": IS is the group killed, not a village called Is
    (read as a name, nlp.parser.acronyms_as_names, it would otherwise be a place candidate)."""
    import sitrep

    events = [e for e in sitrep.code("SDF kills about 50 IS around Menbej.") if e.event == "ASSAULT"]
    assert events and events[0].location is not None and events[0].location.country == "SYR"


def test_a_headlines_source_after_its_colon_is_no_place():
    """"At least 13 dead in car bomb in Syrian border town: Ankara": Ankara said so; the bomb was
    not there."""
    import sitrep

    events = [e for e in sitrep.code("At least 13 dead in car bomb in Syrian border town: Ankara.") if e.event == "ASSAULT"]
    assert events and (events[0].location is None or events[0].location.lat is None)


def test_an_official_who_says_their_state_will_strike_back_is_the_threats_actor():
    text = ("Iranian president Hassan Rouhani said the Islamic Republic will respond more decisively "
            "to any future terrorist attack on Iran's soil.")
    ev = _find(sitrep.code(text, date="2017-06-20"), "THREATEN")
    assert [a.name for a in ev.actor] == ["Hassan Rouhani", "Iran"]
    assert "actor:speaker" in ev.rules


def test_a_speaker_of_another_state_is_no_actor_of_the_threat():
    # the speaker reports what another state threatens: the state alone acts
    text = "Israeli Prime Minister Benjamin Netanyahu said Iran will respond to any attack on its soil."
    ev = _find(sitrep.code(text, date="2017-06-20"), "THREATEN")
    assert [a.country for a in ev.actor] == ["IRN"]


def test_a_state_body_that_announces_an_agentless_act_is_its_actor():
    text = ("Jordan's army took over the northern border post on Monday. The government announced Tuesday "
            "that the borders with Syria and Iraq would be considered closed military zones.")
    ev = next(e for e in sitrep.code(text, date="2016-06-22") if e.event == "COERCE" and "zones" in e.evidence.sentence)
    assert [(a.country, a.type) for a in ev.actor] == [("JOR", "government")]
    assert "actor:announcer" in ev.rules


def test_a_state_body_a_report_is_according_to_announces_its_own_act_on_its_people():
    # "according to police" is the police's word as "police said" is; a raid on the country's own
    # people is the police's act (a state body's own state on the receiving side is not: below)
    for text in ("A man's home in Chisinau was raided on Sunday, according to police.",
                 "A man's home in Chisinau was raided on Sunday, police said."):
        ev = _find(sitrep.code(text, date="2015-10-07"), "COERCE")
        assert [(a.country, a.type) for a in ev.actor] == [("MDA", "police")]
        assert "actor:announcer" in ev.rules


def test_a_military_that_announces_strikes_abroad_with_no_agent_made_them():
    text = "According to a statement from the Russian Defence Ministry, airstrikes hit 40 targets in Idlib province overnight."
    ev = _find(sitrep.code(text, date="2019-05-06"), "ASSAULT")
    assert [(a.country, a.type) for a in ev.actor] == [("RUS", "military")]
    assert "actor:announcer" in ev.rules
    # strikes on its own country, or told by where they came from, are the enemy's: no actor
    for text in ("The Syrian army said airstrikes hit a rebel base near Idlib on Sunday.",
                 "The Israeli military said rockets fired from Gaza hit the town of Sderot on Sunday."):
        for ev in sitrep.code(text, date="2019-05-06"):
            assert "actor:announcer" not in ev.rules and all(a.type != "military" for a in ev.actor)


def test_the_announcing_body_names_a_strike_another_mention_gave_only_its_state():
    # the first mention tells the state's forces in general, the announced one the body that
    # fired: the record keeps the most specific name of that side
    text = ("Iranian forces fired missiles at Islamic State targets in eastern Syria on Sunday. According to a "
            "statement released by the Revolutionary Guards, the missile strikes hit the group's command "
            "centers in Deir Ezzor.")
    ev = _find(sitrep.code(text, date="2017-06-19"), "ASSAULT")
    assert [(a.text, a.country, a.type) for a in ev.actor] == [("Revolutionary Guards", "IRN", "military")]
    assert "actor:announcer-named" in ev.rules
    # a party of another kind than the announcing body keeps its place
    text = ("Iranian officials ordered missile strikes on Islamic State targets in eastern Syria on Sunday. "
            "According to a statement released by the Revolutionary Guards, the missile strikes hit the "
            "group's command centers in Deir Ezzor.")
    for ev in sitrep.code(text, date="2017-06-19"):
        assert "actor:announcer-named" not in ev.rules


def test_officials_acting_in_a_police_bodys_announcement_are_the_police_the_story_named():
    # "a police statement" is the police's word; the officials it tells acting are theirs, and the
    # police of the story are the ones it named before ("Chicago police")
    text = ("Chicago police received an anonymous threat against officers on Saturday. The threat led officials "
            "to lock down the headquarters and several blocks around it, a police statement said.")
    ev = _find(sitrep.code(text, date="2016-07-09"), "MOBILIZE")
    assert [(a.text, a.country, a.type) for a in ev.actor] == [("Chicago police", "USA", "police")]
    assert "actor:announcer-named" in ev.rules
    # told with no agent, the act is the announcing body's, named as the story named it
    text = ("Chicago police received an anonymous threat against officers on Saturday. The headquarters was "
            "locked down as a precaution, a police statement said.")
    ev = _find(sitrep.code(text, date="2016-07-09"), "MOBILIZE")
    assert [(a.text, a.type) for a in ev.actor] == [("Chicago police", "police")]
    # officials of the body's own office, or named, keep their place
    text = ("Chicago police received an anonymous threat against officers on Saturday. The threat led Mayor "
            "Rahm Emanuel to lock down the city hall, a police statement said.")
    for ev in sitrep.code(text, date="2016-07-09"):
        assert "actor:announcer-named" not in ev.rules


def test_a_toll_goes_to_the_mention_whose_words_tell_it_not_the_first_violent_one():
    # the one killed is the attacker the soldiers shot: the shooting's toll, not the stabbing's
    for text in ("A man stabbed two guards outside the embassy before he was shot and killed by soldiers.",
                 "A man stabbed two guards outside the embassy before he was shot dead by soldiers."):
        evs = sitrep.code(text, date="2016-02-19")
        stab = next(e for e in evs if e.evidence.trigger.text == "stabbed")
        shot = next(e for e in evs if e.evidence.trigger.text == "shot")
        assert (stab.fatalities, shot.fatalities) == (None, 1)


def test_bare_forces_after_a_foreign_force_acted_on_the_ground_there_are_that_force():
    # the story told Turkish troops shelling in Syria: "the troops" that fire there next are theirs
    text = ("Turkish troops shelled Kurdish positions near Afrin in northern Syria on Sunday. The troops also "
            "fired on a village nearby, killing two civilians.")
    ev = next(e for e in sitrep.code(text, date="2018-01-22") if e.evidence.trigger.text == "fired")
    assert [(a.country, a.type) for a in ev.actor] == [("TUR", "military")]
    # a foreign force only dealing with the country is not there: the bare institution is the country's
    text = ("The U.S. military has canceled training exercises with Thailand, the Pentagon said. The military "
            "seized power in Thailand on Thursday.")
    ev = _find(sitrep.code(text, date="2014-05-24"), "COERCE")
    assert [(a.country, a.type) for a in ev.actor] == [("THA", "military")]


def test_coalition_forces_are_the_coalition_the_story_named_not_the_country_they_strike_in():
    text = ("The Saudi-led coalition has bombed Houthi positions for months. Coalition jets struck Sanaa "
            "airport on Tuesday.")
    ev = next(e for e in sitrep.code(text, date="2016-08-10") if e.evidence.trigger.text == "struck")
    assert [(a.text, a.country) for a in ev.actor] == [("Coalition jets", "SAU")]


def test_an_announcement_of_another_partys_act_gives_it_no_actor():
    # China deployed the missiles for its exercises; the admiral only reports it
    text = "U.S. Admiral Scott Swift said China has twice deployed missiles on Woody Island for exercises."
    for ev in sitrep.code(text, date="2016-02-19"):
        assert "Scott Swift" not in [a.name for a in ev.actor]


def test_the_subject_of_a_relative_clause_on_an_event_noun_is_its_actor():
    text = ("Trump said he was willing to rip up the nuclear deal former President Barack Obama and other "
            "world leaders negotiated with Iran.")
    ev = _find(sitrep.code(text, date="2017-02-03"), "AGREE")
    assert "Barack Obama" in ev.actor[0].text
    text = "Officials condemned the attack the Taliban carried out in Kabul on Monday."
    ev = _find(sitrep.code(text, date="2017-02-03"), "ASSAULT")
    assert [a.name for a in ev.actor] == ["Taliban"]


def test_a_peoples_word_takes_up_the_group_of_theirs_named_before():
    text = ("Turkish troops shelled positions near the border controlled by fighters from the Kurdish People's "
            "Protection Units, or YPG. According to Turkish military officials, the shelling came in retaliation "
            "for Kurdish gunfire on Saturday.")
    ev = _find(sitrep.code(text, date="2016-02-14"), "ASSAULT", mode="firearms")
    assert [a.name for a in ev.actor] == ["People's Protection Units"]


def test_a_people_told_by_its_plural_noun_is_the_group_of_theirs_named_before():
    # "the Kurds" who seize a base are the Kurdish group the story named, not a people of no kind
    text = ("Syrian rebels said fighters of the Kurdish People's Protection Units attacked their positions near "
            "Tal Rifaat on Friday. The Kurds captured the village of Kafr Naya from the rebels on Saturday.")
    ev = next(e for e in sitrep.code(text, date="2016-02-14") if e.evidence.trigger.text == "captured")
    assert [a.name for a in ev.actor] == ["People's Protection Units"]


def test_the_agent_of_a_passive_light_verb_did_what_its_subject_names():
    ev = _find(sitrep.code("The attack on the checkpoint was carried out by the Taliban, officials said.",
                           date="2017-04-22"), "ASSAULT")
    assert [a.name for a in ev.actor] == ["Taliban"]


def test_an_attacker_identified_by_name_is_that_person_in_every_mention():
    text = ("Five police officers were killed by a gunman in downtown Dallas on Thursday. The mayor confirmed "
            "that the shooting of the officers was carried out by a lone gunman, identified as Micah Johnson.")
    ev = _find(sitrep.code(text, date="2016-07-09"), "ASSAULT")
    assert [a.name for a in ev.actor] == ["Micah Johnson"]
    assert [a.country for a in ev.actor] == ["USA"]
    assert "gunman" in ev.actor[0].text  # the mention keeps its own words


def test_a_person_noun_that_attacks_is_an_attacker_not_a_civilian():
    text = "The man who killed nine people at a historic church in Charleston last year was sentenced on Monday."
    ev = _find(sitrep.code(text, date="2016-07-09"), "ASSAULT")
    assert [(a.text, a.type) for a in ev.actor] == [("man", "militia")]


def test_a_person_noun_whose_attack_is_a_crime_is_a_criminal_not_an_armed_group():
    # a robbery, a rape, a man who kills his wife: ACLED codes no criminal violence
    for text in ("Police said the man who hacked his wife to death with an axe last week was arrested on Monday.",
                 "While the shop owner was at the counter, the man shot him during the robbery and fled."):
        ev = _find(sitrep.code(text, date="2016-07-09"), "ASSAULT")
        assert [a.type for a in ev.actor] == ["criminal"], text


def test_a_victim_read_as_subject_stays_no_attacker():
    text = "One laborer has been and another injured as the boiler of a chemical plant exploded."
    for ev in sitrep.code(text, date="2016-07-09"):
        assert "militia" not in _types(ev.actor)


def test_a_speaker_whose_title_names_no_country_speaks_for_the_state_the_clause_names():
    # a story about Iran: the adviser's title alone would read as Iran's
    text = ("Iran tested a ballistic missile in Semnan on Sunday, Iranian officials said. "
            "National Security Adviser Michael Flynn announced the U.S. was officially putting Iran on notice.")
    ev = _find(sitrep.code(text, date="2017-02-03"), "THREATEN")
    assert [(a.name, a.country) for a in ev.actor][:1] == [("Michael Flynn", "USA")]


def test_a_name_set_off_by_commas_after_a_description_names_the_victim():
    # the parser makes "Giulio Regini" the subject of "has added", not an apposition of "student"
    text = ("The torture and death of an Italian doctoral student, Giulio Regini, who disappeared in Cairo "
            "in January has added to Western alarm.")
    torture = next(e for e in sitrep.code(text, date="2016-04-24") if e.event == "ASSAULT")
    assert [(a.name, a.country, a.type) for a in torture.recipient] == [("Giulio Regini", "ITA", "civilians")]


@pytest.mark.parametrize(("text", "trigger"), [
    ("The injuries were sustained in a Russian airstrike on Tell Rifaat, a town in northern Syria.", "airstrike"),
    ("Government forces shelled the village of Teldau in central Syria on Friday.", "shelled"),
])
def test_a_town_struck_from_afar_with_no_party_named_befalls_its_civilians(text, trigger):
    ev = next(e for e in sitrep.code(text, date="2016-02-14") if e.event == "ASSAULT")
    assert ev.evidence.trigger.text == trigger
    assert [(a.country, a.type) for a in ev.recipient] == [("SYR", "civilians")]


def test_a_town_fought_over_on_the_ground_is_no_party_of_civilians():
    ev = next(e for e in sitrep.code("Rebels stormed the town of Bakwa in Syria on Friday.", date="2016-02-14")
              if e.event == "ASSAULT")
    assert all(a.type != "civilians" for a in ev.recipient)


@pytest.mark.parametrize("text", [
    "Police officers killed two black men in Minnesota on Tuesday. On Thursday hundreds of people held a "
    "demonstration against the killing in Dallas.",
    "Police officers shot two black men in Minnesota on Tuesday. Hundreds of people turned out on Thursday "
    "in Dallas to protest the shootings.",
])
def test_a_protest_against_a_deed_addresses_whoever_did_it(text):
    protest = next(e for e in sitrep.code(text, date="2016-07-08") if e.event == "PROTEST")
    assert [(a.country, a.type) for a in protest.recipient] == [("USA", "police")]


def test_a_government_fought_is_fought_through_its_forces():
    text = "The rebels seized Menagh from the Syrian government after a lengthy siege in August 2013."
    ev = next(e for e in sitrep.code(text, date="2016-02-14") if e.event == "ASSAULT")
    assert [(a.country, a.type) for a in ev.recipient] == [("SYR", "military")]


@pytest.mark.parametrize(("text", "target"), [
    ("Hundreds of people protested against the new tax law outside parliament in Accra on Monday.",
     ("GHA", "government")),
    ("Thousands marched in Caracas on Saturday to demand the resignation of President Nicolas Maduro.",
     ("VEN", "government")),
])
def test_a_protest_with_no_party_named_addresses_the_maker_of_the_measure_or_whoever_must_go(text, target):
    protest = next(e for e in sitrep.code(text, date="2017-04-20") if e.event == "PROTEST")
    assert [(a.country, a.type) for a in protest.recipient] == [target]


def test_a_protest_against_no_measure_gets_no_guessed_government():
    protest = next(e for e in sitrep.code("Protesters rallied in Paris against the war in Ukraine.", date="2022-03-05")
                   if e.event == "PROTEST")
    assert protest.recipient == ()


@pytest.mark.parametrize("text", ["Eight civilians were among the 15 persons killed in the Jableh bombing.",
                                  "The Jableh bombing killed 15 people."])
def test_a_town_compounded_onto_the_event_noun_places_it(text):
    # the NER reads "Jableh" as a people or a group and the parser makes it the actor; the actor
    # dictionary does not know it, the gazetteer knows it as a town (by an alternate name)
    events = [e for e in sitrep.code(text) if e.event == "ASSAULT"]
    assert events and events[0].location is not None, [(e.event, e.location) for e in events]
    loc = events[0].location
    assert (loc.text, loc.country, loc.lat is not None) == ("Jableh", "SYR", True)


def test_a_group_compounded_onto_the_event_noun_is_no_place():
    # "the Boko Haram attack": the name is the actor's, not where it happened
    for e in sitrep.code("Five villagers died in the Boko Haram attack on Monday."):
        assert e.location is None or "Haram" not in (e.location.text or ""), e.location


def test_a_conflict_village_the_ner_missed_places_a_headline():
    # an ALL CAPS headline whose village the NER does not tag: the UCDP index vouches for it
    events = [e for e in sitrep.code("MORE THAN 200 PEOPLE KILLED IN REVENGE ATTACK ON DUGURI.") if e.event == "ASSAULT"]
    assert events and events[0].location is not None, [(e.event, e.location) for e in events]
    assert (events[0].location.name, events[0].location.country) == ("Duguri", "NGA")


def test_its_forces_are_the_forces_of_the_state_last_named_not_of_the_storys_country():
    # a story told from Japan (Japan named most) about a siege in Algeria: "Its forces" after
    # "Algeria's army" are Algeria's, whatever country the story names most
    text = ("Japan said Monday that five Japanese engineers died in the siege. Japanese officials in Tokyo "
            "met the families of the Japanese victims. Japan has questions about the response of Algeria's army. "
            "Its forces on Thursday opened fire on the kidnappers.")
    ev = _find(sitrep.code(text, date="2013-01-21"), "ASSAULT")
    assert ev.evidence.trigger.text == "opened" and _countries(ev.actor) == {"DZA"}, ev.actor



def test_the_group_takes_up_the_name_an_apposed_description_called_a_group():
    # "the group" is the Haqqani Network that was introduced as "a ... group", not the Taliban
    # named since
    text = ("Officials said Pakistan took no steps against the Haqqani Network, an Afghan Taliban group that "
            "NATO calls lethal. Officials said the group now controls the Afghan Taliban. "
            "They blame the group for a deadly attack in Kabul that killed nearly 70 people.")
    ev = _find(sitrep.code(text, date="2016-04-20"), "ASSAULT")
    assert [a.name for a in ev.actor] == ["Haqqani Network"], ev.actor


@pytest.mark.parametrize("second", [
    "Soldiers, who had been deployed to the town on Saturday, arrested 12 suspects.",
    "Soldiers that reached the town Saturday arrested 12 suspects.",
])
def test_a_sentence_that_tells_another_time_is_not_dated_by_the_narrative_before_it(second):
    # Saturday dates another clause than the arrest, but the story's clock has moved past
    # Thursday: the arrest is not of Thursday (the report's date is all the text supports)
    events = sitrep.code("Gunmen attacked a police station in the town on Thursday. " + second, date="2013-01-21")
    arrest = _find(events, "COERCE")
    assert "date:narrative" not in arrest.rule
    assert (arrest.date, arrest.date_precision) == ("2013-01-21", "publication")


def test_a_time_within_the_narratives_period_keeps_the_narrative_going():
    events = sitrep.code("Gunmen attacked a police station in the town on Thursday. "
                         "Soldiers who reached the town in January arrested 12 suspects.", date="2013-01-21")
    arrest = _find(events, "COERCE")
    assert "date:narrative" in arrest.rule
    assert (arrest.date, arrest.date_precision) == ("2013-01-17", "day")


def test_a_flashback_in_the_past_perfect_does_not_move_the_narratives_time():
    # the capture told in the past perfect is of early March; the sentence after goes on in the
    # time of the offensive on Friday, not in the flashback's
    text = ("Rebels launched a new offensive on the northern district on Friday after saying in early March "
            "that they had captured the southern villages. Government troops shelled the rebel positions.")
    events = sitrep.code(text, date="2017-03-27")
    shelling = next(e for e in events if e.evidence.trigger.text == "shelled")
    assert "date:narrative" in shelling.rule
    assert (shelling.date, shelling.date_precision) == ("2017-03-24", "day")
    # the backshift of reported speech is no flashback: its time is the story's
    events = sitrep.code("Police said militants had attacked the base on Sunday. Protesters marched in the "
                         "capital.", date="2017-03-27")
    march = _find(events, "PROTEST")
    assert "date:narrative" in march.rule
    assert (march.date, march.date_precision) == ("2017-03-26", "day")


# --- dates told with no calendar date of their own (date12) --------------------------

@pytest.mark.parametrize("text", [
    "Many months ago, the regime forces withdrew from the Kurdish towns.",
    "Eight years later, after surging 100,000 troops into Afghanistan, the United States has little to show.",
])
def test_a_distant_time_that_names_no_date_leaves_the_event_undated(text):
    # months or years away, but no calendar date: not the report's day, and told as background
    ev = next(e for e in sitrep.code(text, date="2016-09-02") if e.event in ("RETREAT", "MOBILIZE"))
    assert (ev.date, ev.date_precision, ev.modality) == (None, None, "historical"), ev.rule
    assert "date:unplaced" in ev.rule


def test_a_clause_placed_years_away_leaves_the_happening_it_speaks_of_undated():
    # "in recent years" dates the criticism, years long and with no calendar date; the
    # withdrawal it is about lies no later: not of the report's day
    text = ("Critics have attacked the president's record in recent years for his decision to announce "
            "the withdrawal of troops from the country.")
    ev = _find(sitrep.code(text, date="2016-09-02"), "RETREAT")
    assert (ev.date, ev.date_precision, ev.modality) == (None, None, "historical"), ev.rule
    assert "date:unplaced" in ev.rule


def test_a_superlatives_range_is_not_the_events_time():
    # "since 2003" is the range the superlative compares over: the clashes are today's news
    ev = _find(sitrep.code("The most violent clashes since 2003 erupted in Basra.", date="2016-09-27"), "ASSAULT")
    assert ev.modality == "asserted" and ev.date == "2016-09-27", ev.rule


def test_a_sentence_told_as_recent_does_not_go_on_in_last_years_narrative():
    # "recently" places the arrests just before the report, not in last year's exercises
    text = ("Last year, over 1,000 Marines were deployed to the city of Darwin for exercises. "
            "The army recently arrested two rebel commanders in the south.")
    ev = _find(sitrep.code(text, date="2016-02-19"), "COERCE")
    assert "date:narrative" not in ev.rule
    assert (ev.date, ev.modality) == ("2016-02-19", "asserted"), ev.rule
    # without it the narrative goes on in last year's time
    ev = _find(sitrep.code(text.replace(" recently", ""), date="2016-02-19"), "COERCE")
    assert "date:narrative" in ev.rule


def test_a_clause_measured_from_the_narratives_day_is_that_far_from_it():
    # the unrest is Monday's (the narrative); the shooting a day before it
    text = ("Protesters clashed with police in the capital on Monday. "
            "The unrest came a day after soldiers shot dead two students.")
    ev = next(e for e in sitrep.code(text, date="2016-07-15") if e.evidence.trigger.text == "shot")
    assert (ev.date, ev.date_precision) == ("2016-07-10", "day"), ev.rule
    # a noun trigger measured from a stated day: the airstrike is the day before the march
    text = "Thousands marched in the capital on Sunday, a day after an airstrike killed 12 civilians in the north."
    ev = _find(sitrep.code(text, date="2016-07-15"), "ASSAULT")
    assert (ev.date, ev.date_precision) == ("2016-07-09", "day"), ev.rule


def test_the_narratives_time_carries_through_a_sentence_that_makes_no_record():
    # the middle sentence goes on in the simple past with no time of its own: the skirmishes are
    # still of April 15, not of the report's day
    text = ("Protests broke out in Cairo on April 15. At one of the biggest protests, demonstrators were "
            "granted safe passage by security forces when they decided to leave. There were some skirmishes "
            "between the police and the protesters who remained.")
    ev = _find(sitrep.code(text, date="2016-04-24"), "ASSAULT")
    assert (ev.date, ev.date_precision) == ("2016-04-15", "day"), ev.rule
    # a sentence in the present ends the narrative: what follows it is not carried back
    text = ("Protests broke out in Cairo on April 15. Demonstrators say they are afraid of the police. "
            "There were some skirmishes between the police and the protesters who remained.")
    ev = _find(sitrep.code(text, date="2016-04-24"), "ASSAULT")
    assert ev.date == "2016-04-24", ev.rule


def test_a_following_phrase_dates_a_noun_when_the_sentences_day_is_another_clauses():
    # "Monday's march" is the compared march's day; the arrests followed the April protests
    text = ("Recent demonstrations have been more tense than Monday's march, with scores of arrests "
            "following April protests against the government.")
    ev = _find(sitrep.code(text, date="2016-06-27"), "COERCE")
    assert (ev.date, ev.date_precision) == ("2016-04-01", "month"), ev.rule


@pytest.mark.parametrize("text", [
    "China has twice previously deployed missiles on the island.",
    # the exercises are a second mention of the deployment, dated only by the report: that default
    # does not replace the undated mention's timing when the two fold into one record
    "China has twice previously deployed surface-to-air missiles on the island for missile defense exercises.",
])
def test_a_happening_told_as_before_with_no_time_of_its_own_is_undated(text):
    # ("twice" counts two deployments: a series told as one, so an aggregate, told as before)
    ev = _find(sitrep.code(text, date="2016-02-19"), "MOBILIZE")
    assert (ev.date, ev.modality) == (None, "aggregate"), ev.rule


def test_the_cause_of_a_past_perfect_with_no_time_of_its_own_is_undated_background():
    # the stalling lies before the story's time, the invasion that caused it before that
    text = "The senator argued that the peace talks had stalled because of the Russian invasion of Crimea."
    ev = _find(sitrep.code(text, date="2016-09-02"), "ASSAULT")
    assert (ev.date, ev.modality) == (None, "historical"), ev.rule
    # told in the simple past, the cause keeps the report's day
    text = "The peace talks stalled because of the Russian invasion of Crimea."
    ev = _find(sitrep.code(text, date="2016-09-02"), "ASSAULT")
    assert (ev.date, ev.modality) == ("2016-09-02", "asserted"), ev.rule


def test_a_happening_going_on_in_a_period_holding_the_reports_day_is_of_that_day():
    text = "This weekend, Ferguson is holding marches to mark the anniversary of the shooting."
    events = sitrep.code(text, date="2015-08-08")  # a Saturday
    assert (_find(events, "PROTEST").date, _find(events, "PROTEST").date_precision) == ("2015-08-08", "day")
    # the shooting an anniversary is of lies years back, however many: not of this weekend
    assert (_find(events, "ASSAULT").date, _find(events, "ASSAULT").modality) == (None, "historical")
    # told in the past, the weekend stays a period: which day of it is not said
    ev = _find(sitrep.code("Last weekend, thousands marched in Ferguson.", date="2015-08-10"), "PROTEST")
    assert ev.date_precision == "week"


def test_without_a_report_date_an_unresolved_distance_is_not_background():
    # no publication date: "two years ago" cannot resolve, which does not make it unplaced
    ev = _find(sitrep.code("Two years ago, the regime forces withdrew from the Kurdish towns."), "RETREAT")
    assert ev.modality == "asserted" and "date:unplaced" not in ev.rule


# --- a happening told as following, within hours, one the story dated (date14) ------------

@pytest.mark.parametrize("link", ["in the hours after the coup", "shortly after the coup"])
def test_a_happening_told_hours_after_a_dated_one_takes_its_day(link):
    # the coup is Thursday's; the middle sentence (in the present) ends the narrative, so only
    # the "after the coup" phrase can date the eviction
    text = ("Army chief Prayuth Chan-ocha led the coup Thursday. Many protesters claim no alliance with "
            f"the older movements. Soldiers forced those protesters from their camps {link}.")
    ev = next(e for e in sitrep.code(text, date="2014-05-25") if e.evidence.trigger.text == "forced")
    assert (ev.date, ev.date_precision) == ("2014-05-22", "day"), ev.rule
    assert "date:after-told" in ev.rule


def test_a_definite_noun_after_phrase_retells_a_record_of_its_verb():
    # "the bombing" retells Monday's "bombed"; the arrests hours later are of Monday
    text = ("Militants bombed a market in the city on Monday. Officials say the city remains tense. "
            "Shortly after the bombing, police arrested three men.")
    ev = _find(sitrep.code(text, date="2016-05-25"), "COERCE")
    assert (ev.date, ev.date_precision) == ("2016-05-23", "day"), ev.rule


@pytest.mark.parametrize("link", ["after the coup", "in the hours after a coup"])
def test_a_plain_or_indefinite_after_phrase_does_not_date_by_the_told_happening(link):
    # "after the coup" may be any time later; "a coup" names none the story told
    text = ("Army chief Prayuth Chan-ocha led the coup Thursday. Many protesters claim no alliance with "
            f"the older movements. Soldiers forced those protesters from their camps {link}.")
    ev = next(e for e in sitrep.code(text, date="2014-05-25") if e.evidence.trigger.text == "forced")
    assert ev.date_precision == "publication", ev.rule


def test_a_happening_retold_as_a_weekdays_takes_that_day():
    # the attack's own sentence has no time; a later caption's protest against "Sunday's attack"
    # (the caption shows Wednesday, Sept. 21) names its day: Sunday, Sept. 18, not the report's day
    text = ("Modi vowed to isolate Pakistan in the wake of a terror attack on an army base that killed 18 "
            "soldiers. Pakistan denies any role. A demonstrator hits a poster during a protest against "
            "Sunday's attack at an army base in Jammu, India, Sept. 21, 2016")
    events = sitrep.code(text, date="2016-09-27")
    ev = next(e for e in events if e.evidence.trigger.text == "attack" and "terror attack" in e.evidence.sentence)
    assert (ev.date, ev.date_precision) == ("2016-09-18", "day"), ev.rule
    assert "date:named-day" in ev.rule
    # a happening with a stated day of its own before the retelling keeps it
    text = ("An attack on an army base on Saturday killed five soldiers. A protest against Sunday's attack "
            "was held in Jammu on Monday.")
    ev = next(e for e in sitrep.code(text, date="2016-09-27") if e.evidence.trigger.text == "attack"
              and "Saturday" in e.evidence.sentence)
    assert ev.date == "2016-09-24", ev.rule


@pytest.mark.parametrize(("report", "modality"), [("2016-09-28", "historical"), ("2016-09-22", "asserted")])
def test_a_weekdays_happening_a_week_before_the_report_is_background(report, modality):
    # the day a retold weekday names dates the attack as a stated day would: more than a week
    # before the report it is context (Sunday, Sept. 18, in a report of the Wednesday after next)
    text = ("Modi vowed to isolate Pakistan in the wake of a terror attack on an army base that killed 18 "
            "soldiers. Pakistan denies any role. A demonstrator hits a poster during a protest against "
            "Sunday's attack at an army base in Jammu, India, Sept. 21, 2016")
    ev = next(e for e in sitrep.code(text, date=report) if e.evidence.trigger.text == "attack"
              and "terror attack" in e.evidence.sentence)
    assert (ev.date, ev.modality) == ("2016-09-18", modality), ev.rule


def test_days_ago_in_a_caption_run_into_the_text_count_from_the_captions_day():
    # the caption (its full stop lost) was written the day its picture was taken, Feb. 9; the
    # report is of Feb. 12: "10 days ago" is Jan. 30, not Feb. 2
    text = ("Doctors in the border town treat dozens of wounded every day. The two children were among "
            "the few refugees admitted by border guards Nour Hamdan, 7, wounded in an airstrike 10 days ago "
            "in her hometown in Syria, lies on her bed at a hospital in Kilis, Turkey, Feb. 9, 2016")
    ev = next(e for e in sitrep.code(text, date="2016-02-12") if e.evidence.trigger.text == "airstrike")
    assert (ev.date, ev.date_precision) == ("2016-01-30", "day"), ev.rule


def test_armed_forces_fighting_each_other_are_both_actors():
    # an armed clash has both sides as actors (gold GUIDELINES.md); police against a crowd, a fight
    # "against" a party and one side's aim ("to battle") keep the side acted on
    fight = _find(sitrep.code("Kurdish Peshmerga forces have been fighting Islamist militants in northern Iraq since June.",
                              date="2014-08-10"), "ASSAULT")
    assert {a.name for a in fight.actor} == {"Peshmerga", "Iraqi rebels"} and fight.recipient == ()
    skirmish = _find(sitrep.code("There were skirmishes between the police, who fired tear-gas, and the protesters who remained.",
                                 date="2016-04-15"), "ASSAULT")
    assert [a.type for a in skirmish.actor] == ["police"] and [a.type for a in skirmish.recipient] == ["protesters"]
    against = _find(sitrep.code("The Peshmerga are fighting against Islamic State militants near Mosul.",
                                date="2016-10-20"), "ASSAULT")
    assert [a.name for a in against.recipient] == ["Islamic State"]
    # a clash noun another clause owns keeps its "with" side as the one fought ("retook the village
    # after fierce fighting with guerrillas")
    after = _find(sitrep.code("Government troops retook the village after fierce fighting with Maoist guerrillas.",
                              date="2016-10-20"), "ASSAULT")
    assert after.recipient



def test_two_crowds_clashing_are_both_actors_of_a_riot():
    ev = _find(sitrep.code("Israeli settlers clashed with Palestinian villagers near Hebron on Friday.",
                           date="2015-10-10"), "ASSAULT")
    assert {a.type for a in ev.actor} == {"civilians"} and len(ev.actor) == 2 and ev.recipient == ()
    assert (ev.acled_event_type, ev.acled_sub_event_type) == ("Riots", "Mob violence")
    # communal violence told as a noun has no side acted on either
    noun = _find(sitrep.code("Israeli settlers threw stones during clashes with Palestinian villagers near Hebron.",
                             date="2015-10-10"), "ASSAULT")
    assert len(noun.actor) == 2 and noun.recipient == ()


def test_a_protest_against_a_states_government_addresses_the_leader_the_story_protests():
    text = ("CARACAS - Thousands of demonstrators rallied against President Nicolas Maduro in Caracas on Monday. "
            "Police fired tear gas at the crowd. Students protested against the Venezuelan government in "
            "Valencia on Tuesday, local media reported.")
    calls = [ev for ev in sitrep.code(text, date="2017-04-11") if ev.event == "PROTEST" and "Valencia" in ev.evidence.sentence]
    assert calls and all([a.name for a in ev.recipient] == ["Nicolas Maduro"] for ev in calls)


def test_a_consultation_held_only_by_the_press_is_reporting() -> None:
    # a reporter's visit gathers the news; a minister's visit is parties consulting
    told = sitrep.code("VOA reporter Jane Doe visits a police checkpoint in the Achin district, Nov. 3, 2015.",
                       date="2015-11-05")
    assert not [e for e in told if e.event == "CONSULT"]
    visit = sitrep.code("The Pakistani foreign minister visited Kabul on Monday for talks with the Afghan president.",
                        date="2015-11-05")
    assert [e for e in visit if e.event == "CONSULT"]


def test_a_happening_a_caption_tells_of_is_of_no_later_day_than_the_picture():
    # the picture shows the mark an attack left, on the day the caption closes with: the attack is
    # of that day at the latest, not of the report's later day
    text = ("A wrecked car is pictured near a police bus which was targeted in a bomb attack in a "
            "central Ankara district, Turkey, March 12, 2016.")
    ev = next(e for e in sitrep.code(text, date="2016-03-15") if e.event == "ASSAULT")
    assert (ev.date, ev.date_precision) == ("2016-03-12", "day"), ev.rule
    assert "date:caption-told" in ev.rule


def test_a_generic_agent_set_beside_members_of_a_named_group_is_that_group():
    # "the attackers, members of the Pakistani Taliban": the apposed description names whose
    # members they are, so the attack is that group's, not unnamed Pakistani militias'
    text = "The attackers, members of the Pakistani Taliban, stormed a school in Peshawar on Tuesday."
    ev = next(e for e in sitrep.code(text, date="2016-07-10") if e.event == "ASSAULT")
    assert [a.name for a in ev.actor] == ["Tehrik-i-Taliban Pakistan"]


def test_the_leaders_of_an_armed_group_act_for_it_named_or_described():
    # "commanders of Iran-sponsored fighters strike accord" (the seed's headline shape): the accord is
    # the fighters', not a government's or an army's; a named group's leader acts for the group too
    ev = next(e for e in sitrep.code("Leaders of Iran-backed militias agreed to a truce on Monday.", date="2021-07-01")
              if e.event == "AGREE")
    assert [(a.name, a.type) for a in ev.actor] == [("Iran-backed militias", "militia")]
    ev = next(e for e in sitrep.code("The leader of Hezbollah threatened Israel on Monday.", date="2021-07-01")
              if e.event == "THREATEN")
    assert [a.name for a in ev.actor] == ["Hezbollah"]
    # the head of the phrase decides: "Israel's militia ally" is an ally, not an Israeli militia
    ev = next(e for e in sitrep.code("Guerrillas killed the deputy chief of Israel's militia ally in southern "
                                     "Lebanon on Sunday.", date="2021-07-01") if e.event == "ASSAULT")
    assert all(r.type != "militia" or r.country != "ISR" for r in ev.recipient)


def test_the_seed_headline_accord_is_the_militias():
    ev = next(e for e in sitrep.code(seed_text(), date=SEED_DATE) if e.event == "AGREE"
              and e.evidence.sentence.startswith("Commanders of"))
    assert [a.type for a in ev.actor] == ["militia"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a story that names no country: the rebel group's own country keeps a loose spelling home
        ("SDF fighters clashed with ISIS in al-Tabaqa on Monday.", "Al-Tabqa"),
        ("Jaish al-Islam fighters repelled an attack on the outskirts of Mudaira.", "Mudayra"),
    ],
)
def test_a_rebel_group_named_in_the_story_vouches_for_its_country(text, name):
    events = [e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT"]
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == (name, "SYR")


def test_a_peoples_fighters_do_not_vouch_for_their_country():
    # "Chechen fighters" are Russia's people fighting in Syria: no home for the gas field's name
    text = "Warplanes killed six Chechen fighters near the Shaer gas field on Monday."
    killed = next(e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT")
    assert killed.location is not None and killed.location.country == "SYR"


def test_an_armed_groups_name_is_no_place():
    # "losses in Boko Haram": the group's ranks; the town the battles are named after is the place
    text = "Maiduguri battles cause heavy losses in Boko Haram."
    battle = next(e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT")
    assert battle.location is not None and (battle.location.text, battle.location.country) == ("Maiduguri", "NGA")
    # a real headline (UCDP GED, SOHR): fighters killed "in Jabhat Al-Nusra" are its members, and
    # the town the sentence names with the attack is the place
    rec = gold_record("ucdp/ucdp_ged_world_dev.jsonl", "226396")
    events = [e for e in sitrep.code(rec["source_headline"], date=rec["date_start"]) if e.event == "ASSAULT"]
    assert events and all(e.location is not None and "Nusra" not in e.location.text for e in events)
    assert events[0].location is not None and events[0].location.country == "SYR"


def test_an_attacks_target_the_gazetteer_knows_as_a_town_is_its_place():
    # the NER reads a transliterated town as an organisation; the story's rebel group says whose
    text = "SDF fighters repelled renewed attacks by ISIS on al-Tabaqa."
    attack = next(e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT")
    assert attack.location is not None and (attack.location.name, attack.location.country) == ("Al-Tabqa", "SYR")
    # with no country in the story, nothing is guessed; a group attacked is no town
    for text in ("ISIS fighters attacked al-Tabaqa on Monday.", "Militants attacked Hamas on Monday."):
        for e in sitrep.code(text, date="2016-07-11"):
            assert e.location is None, (text, e.location)


def test_a_small_namesake_across_the_border_gives_way_to_the_sentences_country():
    # "Hamdaniya" is a village of Aleppo the gazetteer lacks, and a town of Iraq: the sentence names
    # Aleppo, so the Iraqi namesake is a guess; no point is invented, the sentence's country stands
    text = "Renewed clashes on the outskirts of Aleppo city and casualties in the shelling of Hamdaniya."
    for e in sitrep.code(text, date="2016-07-11"):
        if e.event == "ASSAULT" and e.location is not None and e.location.text == "Hamdaniya":
            assert e.location.country == "SYR", e.location
            break
    else:
        pytest.fail("no attack placed at Hamdaniya")
    # a country named in passing ("the border with Jordan") is no sign: the town stays where it is
    text = "Warplanes raided Nasib town at the border with Jordan on Monday."
    raid = next(e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT")
    assert raid.location is not None and raid.location.country == "SYR"


def test_voa_a_body_the_story_calls_us_led_is_one_side_with_that_coalition_when_folding():
    """"Operation Inherent Resolve, as the U.S.-led coalition's military operation is called, began
    airstrikes ...": the operation (read as the U.S.-led coalition's) and the airstrikes (read as
    the coalition entry of no country) are one side, placed before mentions are folded, so the
    sentence tells one happening."""
    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2015.10.21.3017239")
    evs = sitrep.code_article(Article(text=rec["text"], id=rec["id"], date=rec["date"]))
    here = [e for e in evs if e.event == "ASSAULT" and e.evidence.sentence.startswith("Operation Inherent Resolve, as")]
    assert len(here) == 1 and {a.country for a in here[0].actor} == {"USA"}
    assert {s.trigger.text for s in here[0].support} & {"operation", "airstrikes"}


def test_a_small_namesake_on_another_continent_than_every_party_is_no_place():
    # GeoNames spells Germany's small Helsa "Khelsa" too; a battle whose only named party is a
    # Lebanese group is no German town's: the mention stays, with no point and no country guessed
    text = "Heavy battles in Khelsa leave losses among Hezbollah fighters."
    fights = [e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT"]
    assert fights
    for e in fights:
        assert e.location is None or (e.location.country != "DEU" and e.location.lat is None), e.location
    # a story in that town's own country keeps it
    text = "German police said a man was stabbed in Khelsa on Monday."
    stab = next(e for e in sitrep.code(text, date="2016-07-11") if e.event == "ASSAULT")
    assert stab.location is not None and stab.location.country == "DEU", stab.location


@pytest.mark.parametrize("text", [
    "The commander running the coalition's air war in Syria is urging Syrian forces to hold their positions.",
    "The general leading the coalition's ground campaign in Iraq is urging Iraqi forces to slow down.",
])
def test_a_request_never_names_its_addressee_as_its_maker(text: str) -> None:
    requests = [e for e in sitrep.code(text, date="2020-03-03") if e.event == "REQUEST"]
    assert requests
    for e in requests:
        assert e.recipient
        assert not {a.name for a in e.actor} & {r.name for r in e.recipient}


@pytest.mark.parametrize(("partyless", "partys", "event", "modality"), [
    # a possibility, a fear, a state suffered: no party plans, offers or threatens them; the
    # same told of a party, or dated, is that party's plan or threat
    ("Residents fear that the bridge will be bombed again.",
     "The army said it would bomb the bridge again.", "ASSAULT", "hypothetical"),
    ("Analysts expect that the town will be shelled again.",
     "The rebels said they would shell the town again.", "ASSAULT", "hypothetical"),
    ("Journalists in the province have been threatened with arrest, the group said.",
     "Journalists in the province have been threatened with arrest this week, the group said.", "THREATEN", "threatened"),
    ("Journalists in the province have been threatened with arrest, the group said.",
     "Officials warned that journalists who report on the protests will be arrested.", "THREATEN", "threatened"),
])
def test_a_hypothetical_or_threat_of_no_party_makes_no_record(partyless, partys, event, modality):
    assert [e for e in sitrep.code(partyless, date="2020-03-03") if e.event == event] == []
    assert [e.modality for e in sitrep.code(partys, date="2020-03-03") if e.event == event] == [modality]


def test_a_bare_event_noun_used_as_a_topic_with_no_party_is_no_record():
    # "dissolved into clashes": the outcome of the marches, no happening told on its own (the
    # lead keeps its bare nouns: a headline drops its articles)
    text = ("Thousands of opposition supporters marched through Caracas on Saturday. "
            "Several of the marches later dissolved into clashes, witnesses said.")
    evs = sitrep.code(text, date="2024-05-20")
    assert [e.evidence.trigger.text for e in evs] == ["marched"]


def test_a_characterised_definite_mention_is_support_of_the_happening_told_before():
    # "the new sanctions are a culmination of ...": what the sanctions told before were
    text = ("The European Union imposed sanctions on three Russian officials on Monday. "
            "The new sanctions are a culmination of months of pressure, diplomats said.")
    evs = [e for e in sitrep.code(text, date="2024-05-20") if e.event == "SANCTION"]
    assert len(evs) == 1
    assert {a.name for a in evs[0].actor} == {"European Union"}
    assert any("culmination" in s.sentence for s in evs[0].support)
    # the article fold reads a characterising description without its predicate (corefer:anaphor);
    # where it does not, the presupposition pass does (support:presupposed)
    assert {"support:presupposed", "corefer:anaphor"} & set(evs[0].rules)


def test_a_definite_event_noun_with_no_party_of_its_own_folds_into_the_happening_told_before():
    # voa_dev: "nearby camps of those fleeing the ongoing fighting outside Mosul are already
    # full" takes up a battle the article told before; it is no record of its own
    item = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2016.06.26.3392569")
    evs = sitrep.code(item["text"], date=item["date"])
    flee = [e for e in evs if "fleeing the ongoing fighting" in e.evidence.sentence
            and e.evidence.trigger.text == "fighting"]
    assert flee == []
    # support of the happening told before, by the article fold (corefer) or the presupposition pass
    assert any("fleeing the ongoing fighting" in s.sentence
               and {"support:presupposed", "corefer:anaphor"} & set(e.rules)
               for e in evs for s in e.support)


@pytest.mark.parametrize("text", [
    ("Kurdish forces retook two villages east of Raqqa on Sunday, a monitoring group said. "
     "Commanders warn that Raqqa itself will be a much tougher fight."),
    ("Police fired tear gas at protesters in Nairobi on Tuesday. "
     "Threats from militants and the war in Somalia remain the priorities of the government."),
])
def test_a_plan_or_threat_of_nobody_against_nobody_after_the_lead_is_no_record(text):
    evs = sitrep.code(text, date="2024-05-20")
    assert [e.modality for e in evs] == ["asserted"]
    # the headline or lead is the news: its parties are named in the words that follow
    lead = text.split(". ", 1)[1]
    assert [e.modality for e in sitrep.code(lead, date="2024-05-20")] == ["threatened"]


def test_a_tally_of_nobody_after_the_lead_is_no_record():
    # voa_dev: "raising fears ... of attacks": a tally that no step tied to a side, a toll or a count
    item = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2016.06.21.3385836")
    evs = sitrep.code(item["text"], date=item["date"])
    first = min(e.evidence.start for e in evs)
    assert not [e.evidence.trigger.text for e in evs if e.modality == "aggregate" and not e.actor
                and not e.recipient and e.fatalities is None and e.injured is None and e.count is None
                and e.evidence.start > first]


@pytest.mark.parametrize(("text", "kept"), [
    ("Soldiers began clearing an illegal settlement in the West Bank on Monday. "
     "It is the largest of the outposts erected without permission.", []),
    ("Rebels shelled a government base near Kidal on Sunday. "
     "We knew that the moment we started talking to locals, our cover would be gone.", ["shelled"]),
])
def test_an_untensed_verb_with_no_side_after_the_lead_is_no_record(text, kept):
    # "outposts erected without permission", "started talking to locals": a verb form with no
    # tense of its own and no side any step could find describes or names an activity
    assert [e.evidence.trigger.text for e in sitrep.code(text, date="2024-05-20")] == kept


def test_a_person_pronoun_takes_up_the_person_named_in_its_own_sentence():
    # "him" is Pedro Alvarez, named in the same sentence, not the president named a sentence before
    text = ("President Joe Biden spoke about crime on Monday. An eyewitness said two men walked into the shop "
            "where Pedro Alvarez was drinking coffee and shot him in the head.")
    ev = next(e for e in sitrep.code(text, date="2020-03-03") if e.evidence.trigger.text == "shot")
    assert [a.name for a in ev.recipient] == ["Pedro Alvarez"]


@pytest.mark.parametrize("text", [
    "Three men armed with knives attacked passengers at a railway station on Saturday.",
    "Two men stabbed a shopkeeper in the market on Sunday.",
    "Men in military uniform abducted an opposition activist from his home in Harare.",
    "Men on motorbikes shot dead a trader in the market in Kano.",
])
def test_people_counted_out_or_picked_out_by_dress_who_attack_are_attackers_not_civilians(text):
    # (ACLED's unidentified armed actor, or a criminal where the sentence tells a crime)
    ev = next(e for e in sitrep.code(text, date="2020-03-03") if e.event == "ASSAULT")
    assert len(ev.actor) == 1 and ev.actor[0].type not in (None, "civilians")


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("President Bashar al-Assad's forces recaptured the town on Monday.", "Syrian military", "military"),
    ("Maduro's soldiers fired on the crowd in Caracas on Monday.", "Venezuelan military", "military"),
])
def test_a_leaders_forces_are_his_states_military_or_his_group(text, name, kind):
    ev = next(e for e in sitrep.code(text, date="2020-03-03") if e.event == "ASSAULT")
    assert [(a.name, a.type) for a in ev.actor] == [(name, kind)]


def test_a_conjunct_that_says_whose_forces_is_a_party_of_its_own():
    # "the suicide bombers and gunmen" a named group sent are its fighters; "Syrian troops" beside
    # "Hezbollah fighters" are Syria's
    ev = next(e for e in sitrep.code("Hezbollah fighters and Syrian troops captured the town of Qusair on Wednesday.",
                                     date="2020-03-03") if e.event == "ASSAULT")
    assert [(a.country, a.type) for a in ev.actor] == [("LBN", "militia"), ("SYR", "military")]


def test_forces_of_a_people_with_no_state_are_its_group_named_before():
    text = ("The Kurdish People's Protection Units control much of the border. "
            "Kurdish forces captured the town of Tabqa on Sunday.")
    ev = next(e for e in sitrep.code(text, date="2020-03-03") if e.event == "ASSAULT")
    assert [a.name for a in ev.actor] == ["People's Protection Units"]


def test_they_does_not_take_up_a_capital_named_as_a_place():
    text = "Heavy gunfire was heard near a hotel in Mogadishu on Sunday. They killed at least 15 people, police said."
    ev = next(e for e in sitrep.code(text, date="2020-03-03") if e.event == "ASSAULT" and e.evidence.trigger.text == "killed")
    assert all(a.type != "government" for a in ev.actor)


def test_loaded_tables_are_frozen_once_as_the_first_batch_ends(monkeypatch):
    import sitrep.pipeline as P

    calls: list[str] = []
    monkeypatch.setattr(P.gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(P.gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(P, "_BATCHES_CODED", [0])
    coder = P.get_coder()
    article = P.Article(text="Gunmen killed five villagers in Borno on Sunday.", id="fz", date="2021-03-01")
    real = P.Coder._code_batch

    def batch(self, *args, **kw):  # type: ignore[no-untyped-def]
        calls.append("batch")
        return real(self, *args, **kw)

    monkeypatch.setattr(P.Coder, "_code_batch", batch)
    coder.code_articles([article])  # the first batch: its garbage, then the freeze, once it is coded
    assert calls == ["batch", "collect", "freeze"]
    coder.code_articles([article])
    assert calls == ["batch", "collect", "freeze", "batch"]  # once per process
    monkeypatch.setattr(P, "_BATCHES_CODED", [0])
    monkeypatch.setattr(P.defaults, "GC_FREEZE_LOADED_TABLES", False)
    coder.code_articles([article])
    assert calls == ["batch", "collect", "freeze", "batch", "batch"]


def test_the_collector_is_spaced_while_a_batch_is_coded_and_given_back_after(monkeypatch):
    import gc

    import sitrep.pipeline as P

    seen: list[tuple[int, ...]] = []
    coder = P.get_coder()
    real = P.Coder._code_sentence

    def spy(self, *args):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return real(self, *args)

    monkeypatch.setattr(P.Coder, "_code_sentence", spy)
    before = gc.get_threshold()
    try:
        gc.set_threshold(900, 11, 12)
        events = coder.code_article(P.Article(text="Gunmen killed five villagers in Borno on Sunday, police said.",
                                              id="gc-1", date="2021-03-01"))
        assert gc.get_threshold() == (900, 11, 12)  # the process's own, back
    finally:
        gc.set_threshold(*before)
    assert events and seen and set(seen) == {tuple(P.defaults.GC_THRESHOLDS)}
    # two batches coded at once (threads): the thresholds come back when the last one ends, whichever it is
    try:
        gc.set_threshold(900, 11, 12)
        first, second = P._collector_spaced(), P._collector_spaced()
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        assert gc.get_threshold() == tuple(P.defaults.GC_THRESHOLDS)
        second.__exit__(None, None, None)
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)
    monkeypatch.setattr(P.defaults, "GC_THRESHOLDS", ())
    seen.clear()
    coder.code_article(P.Article(text="Gunmen killed five villagers in Borno on Sunday, police said.", id="gc-2",
                                 date="2021-03-01"))
    assert seen and set(seen) == {gc.get_threshold()}  # left alone


def test_coded_docs_are_freed_without_the_cyclic_collector(monkeypatch):
    import gc

    import sitrep.pipeline as P
    from sitrep.nlp import spans

    released: list[int] = []
    real = spans.release
    monkeypatch.setattr(P, "release", lambda doc: (released.append(len(doc)), real(doc))[-1])
    # a run-on sentence (its full stop lost) is cut into new Docs: the whole and its parts are let go
    text = ("Gunmen killed five villagers in Borno on Sunday police said The army sent troops to the area "
            "on Monday and arrested two suspects.")
    events = P.get_coder().code_article(P.Article(text=text, id="rel-1", date="2021-03-01"))
    assert events and released
    gc.disable()
    try:
        doc = list(P.parse(["Gunmen killed five villagers in Borno on Sunday."]))[0]
        assert spans.doc_tokens(doc) and spans.sentence_bounds(doc[0]) and doc.user_data
        gc.collect()  # (the parse's own garbage)
        real(doc)
        assert not doc.user_data and spans.doc_text(doc) == doc.text  # read again on demand
        real(doc)
        del doc
        assert gc.collect() == 0  # nothing left for the collector: the Doc went with its last reference
    finally:
        gc.enable()


def test_a_states_diplomacy_with_no_place_of_its_own_is_at_home_not_in_the_storys_country():
    # a story told from Washington; the Philippine court decides in the Philippines
    text = ("WASHINGTON — The United States will send more warships to the region, officials in Washington said "
            "on Friday. The Philippines' Supreme Court on Tuesday approved a defence agreement with the "
            "United States.")
    agree = _find(sitrep.code(text, date="2016-02-19"), "AGREE")
    assert agree.location is not None and agree.location.country == "PHL", (agree.location, agree.rule)
    assert "place:state-home" in agree.rule


def test_a_states_demand_about_a_town_of_the_story_keeps_the_storys_country():
    # the demand's own clauses name no place, but its sentence names a town of the story's country
    text = ("Syrian rebels fought Kurdish forces near Aleppo, Syria, on Saturday. Turkish Prime Minister "
            "Ahmet Davutoglu confirmed the shelling and demanded the YPG pull out of the Syrian border town "
            "of Azaz and hand back an air base.")
    ev = _find(sitrep.code(text, date="2016-02-13"), "REQUEST")
    assert ev.location is not None and ev.location.country == "SYR", (ev.location, ev.rule)
    assert "place:state-home" not in (ev.rule or "")


def test_a_refused_meeting_is_not_placed_where_the_meeting_would_have_been():
    text = ("Nepal said on Tuesday that Prime Minister Sher Bahadur Deuba will not attend a regional conference "
            "to be held in Dhaka in March.")
    ev = _find(sitrep.code(text, date="2016-09-27"), "REJECT")
    assert ev.location is None or ev.location.country != "BGD", (ev.location, ev.rule)
    assert ev.location is not None and ev.location.country == "NPL"


@pytest.mark.parametrize(("text", "trigger"), [
    ("Police arrested two men over the bombing of a mosque on Monday.", "bombing"),
    ("Police detained three men over the bombing of a bus station.", "bombing"),
])
def test_an_attack_noun_naming_the_site_it_hit_is_a_happening(text, trigger):
    # no party, place name or toll, but one site hit: one bombing, which the arrest followed
    assert any(e.event == "ASSAULT" and e.evidence.trigger.text == trigger for e in sitrep.code(text, date="2020-03-03"))
    # (attacks on a kind of site in general are none)
    assert not any(e.event == "ASSAULT" for e in sitrep.code("The government condemned attacks on schools.", date="2020-03-03"))


def test_gunmen_storming_a_building_is_an_attack():
    # (the prefilter lost the sentence: "storm" needs an armed party, and "gunmen" was not "gunman")
    ev = next(e for e in sitrep.code("Gunmen stormed a hotel in Mogadishu on Friday.", date="2020-03-03"))
    assert ev.event == "ASSAULT" and [a.text for a in ev.actor] == ["Gunmen"]


def test_masked_men_who_kidnap_are_an_armed_group():
    ev = next(e for e in sitrep.code("Masked men kidnapped a journalist in Aleppo on Monday.", date="2020-03-03")
              if e.event == "ASSAULT")
    assert [a.type for a in ev.actor] == ["militia"]


def test_a_suicide_car_bomber_is_an_armed_group_not_an_aircraft():
    ev = next(e for e in sitrep.code("A suicide car bomber attacked a military checkpoint in Sinai.", date="2020-03-03")
              if e.event == "ASSAULT")
    assert [a.type for a in ev.actor] == ["rebels"]



@pytest.mark.parametrize(("text", "country"), [
    ("The Palestinian stabbed two officers before he was shot and killed, police said.", "PSE"),
    ("He was the Muslim American who killed 49 people at an Orlando nightclub last month.", "USA"),
])
def test_one_of_a_people_who_attacks_is_an_attacker_not_the_state(text, country):
    # "the Palestinian", "the Muslim American": one person of that people, not Palestine or the
    # United States; a knife says nothing of a crime (ACLED's unidentified armed actor)
    ev = next(e for e in sitrep.code(text, date="2016-07-09") if e.event == "ASSAULT" and e.actor)
    assert [(a.country, a.type) for a in ev.actor] == [(country, "militia")]
    # (while "the Sudanese army" stays the state's forces)
    ev = next(e for e in sitrep.code("The Sudanese army shelled rebel positions in Darfur on Monday.", date="2016-07-09")
              if e.event == "ASSAULT")
    assert [(a.country, a.type) for a in ev.actor] == [("SDN", "military")]


def test_a_named_party_coordinated_with_a_country_before_a_shared_head_is_a_party_of_its_own():
    # "Taliban and US officials": Taliban officials and US officials, not officials of the venue's state
    ev = next(e for e in sitrep.code("Taliban and US officials held talks in Doha on Saturday.", date="2020-03-03")
              if e.event == "CONSULT")
    assert {a.country for a in ev.actor + ev.recipient} == {"AFG", "USA"}


def test_the_noun_of_an_x_led_body_takes_up_that_body() -> None:
    # "the coalition" after "the U.S.-led coalition" is that coalition, not the last state's force named
    text = ("The U.S.-led coalition in Syria is keeping a close eye on the Syrian army near Raqqa. "
            "The coalition will not hesitate to defend partner forces from any threat, a spokesman said on Monday.")
    threat = _find(sitrep.code(text, date="2017-06-21"), "THREATEN")
    assert [(a.name, a.country) for a in threat.actor] == [("United States-led coalition", "USA")]


@pytest.mark.parametrize("text, trigger", [
    # a surname that is also a town's name (Warren, Michigan; Clinton, Maryland), named in full first
    ("Police officer Brian Warren shot a teenager in Tulsa on Saturday, witnesses said. "
     "Protesters accused Warren of using excessive force.", "accused"),
    ("Senator Hillary Clinton spoke in Des Moines on Monday. Her rival later blamed Clinton for the delay.", "blamed"),
    # the generation suffix is no surname: "King Jr." is King
    ("Martin Luther King Jr. led a protest march across the bridge in Selma. State troopers attacked King "
     "and the marchers with clubs.", "attacked"),
])
def test_a_surname_of_a_person_the_story_named_is_no_place(text: str, trigger: str) -> None:
    ev = next(e for e in sitrep.code(text, date="2016-07-15") if e.evidence.trigger.text == trigger)
    surname = ev.evidence.sentence.split(trigger)[1].split()[0]
    assert ev.location is None or ev.location.text != surname, ev.location


def test_a_big_city_named_like_a_person_of_the_story_stays_a_place() -> None:
    # a city of 500,000 or more is named for itself: "Whitney Houston" does not unmake Houston,
    # while the small namesake town of an officer's surname is the officer
    text = ("Singer Whitney Houston was filmed at a rally with officer Brian Warren in 1992. "
            "Hundreds of protesters marched in Houston on Sunday against the new law. "
            "The protesters accused Warren of lying.")
    evs = sitrep.code(text, date="2016-07-15")
    march = next(e for e in evs if e.event == "PROTEST" and e.evidence.trigger.text == "marched")
    assert march.location is not None and march.location.name == "Houston", march.location
    accused = next(e for e in evs if e.evidence.trigger.text == "accused")
    assert accused.location is None or accused.location.text != "Warren", accused.location


def test_a_consonant_namesake_in_a_country_named_in_passing_is_no_place() -> None:
    # "Khazir" folds to the consonants of Keizer, Oregon; a story led by Iraq that names the United
    # States once has a village the gazetteer lacks, not a town in Oregon
    text = ("Iraqi and Kurdish forces pushed toward Mosul on Monday as the battle for Iraq's second city "
            "entered its second week. Officials in Baghdad said the army retook two villages in Nineveh. "
            "The United States has sent advisers to Iraq. Islamic State fighters attacked Khazir with car "
            "bombs on Tuesday.")
    attack = next(e for e in sitrep.code(text, date="2016-10-25") if e.evidence.trigger.text == "attacked")
    assert attack.location is not None and attack.location.country == "IRQ", attack.location
    assert {a.country for a in attack.recipient} <= {"IRQ", None}, attack.recipient


@pytest.mark.parametrize("text", [
    "Aid groups told Reuters on Monday that they had been attacked by gunmen near the camp.",
    "Villagers told the BBC they were beaten by soldiers during the raid on Tuesday.",
])
def test_a_news_outlet_told_of_an_attack_is_not_who_they_are(text):
    # the outlet a report comes through is no party; "they" is the group that tells of it
    ev = next(e for e in sitrep.code(text, date="2021-05-04") if e.event == "ASSAULT")
    assert all(a.type != "media" for a in ev.actor + ev.recipient)
    assert [a.type for a in ev.recipient] in (["NGO"], ["civilians"])


def test_a_kind_named_at_home_lends_no_country_to_its_kind_abroad():
    # "terrorists" read as American off a San Bernardino shooting say nothing of who attacked in Paris
    text = ("WASHINGTON - Police said on Friday that al-Qaida-inspired terrorists planned the shooting in "
            "San Bernardino, California. Separately, last month's terrorist attacks in Paris killed 130 people, "
            "French officials said.")
    paris = next(e for e in sitrep.code(text, date="2015-12-05")
                 if e.event == "ASSAULT" and e.location is not None and e.location.country == "FRA")
    assert [(a.type, a.country) for a in paris.actor] == [("rebels", "FRA")]


@pytest.mark.parametrize(("text", "victim"), [
    ("President Donald Trump spoke in Ohio on Monday. On July 11, two men followed a woman out of a store in "
     "San Leandro, California, and attacked her with blows to her head.", "woman"),
    ("Prime Minister Haider al-Abadi visited the front on Sunday. The body of a man was buried in a garden "
     "after he was shot dead by militants for smoking.", "man"),
])
def test_a_pronoun_takes_up_the_man_or_woman_its_sentence_tells_of(text, victim):
    # "attacked her": the woman the sentence names, not the leader named sentences before
    ev = next(e for e in sitrep.code(text, date="2017-06-26") if e.event == "ASSAULT" and e.recipient)
    assert [(a.text, a.type) for a in ev.recipient] == [(victim, "civilians")]


def test_a_hyphenated_town_name_is_no_modifier_glued_to_a_hyphen():
    # the parser may make "al" the head of "Ras al-Ain"; the name still ends in its own word, not in
    # a hyphen that glues it to the noun after it as in "US-led"
    note = "On 9 October 2019, Turkish forces shelled the town of Ras al-Ain (Ras Al Ain, Al-Hasakeh)."
    ev = next(e for e in sitrep.code(note, date="2019-10-20") if e.evidence.trigger.text == "shelled")
    assert ev.location is not None and ev.location.text == "Ras al-Ain" and ev.location.country == "SYR"
    led = next(e for e in sitrep.code("US-led coalition aircraft struck a bridge in Raqqa on Monday.", date="2019-10-20")
               if e.evidence.trigger.text == "struck")
    assert led.location is not None and led.location.text == "Raqqa"


def test_a_place_in_brackets_after_a_village_is_where_not_whom():
    # ACLED-style "<village> (<district>, <province>)": the brackets give the village's place in
    # the text's hierarchy, not the name of the people raided
    note = ("On 2 June 2022, Myanmar military troops raided Kinma village (Pauk, Magway) and burned "
            "houses. 2 civilians were killed.")
    raid = next(e for e in sitrep.code(note, date="2024-03-01") if e.evidence.trigger.text == "raided")
    assert "Pauk" not in [a.name for a in raid.recipient]
    assert raid.location is not None and raid.location.country == "MMR"


@pytest.mark.parametrize("text, trigger, name, country", [
    # a source that lost its full stops: the place ending one sentence and the next one's first word
    ("Police detained dozens of people at an unauthorized rally in Moscow Organizers said more protests "
     "were planned for the weekend.", "detained", "Moscow", "RUS"),
    ("Violence has risen in Iraq this month. Masked gunmen attacked a police station in Baghdad-Officials said the toll could rise.", "attacked",
     "Baghdad", "IRQ"),
    ("Police arrested nine suspects after a raid on a warehouse in Italy Prosecutors also seized documents.",
     "raid", "Italy", "ITA"),
])
def test_a_place_run_into_the_next_sentences_first_word_is_that_place(text: str, trigger: str, name: str,
                                                                     country: str) -> None:
    ev = next(e for e in sitrep.code(text, date="2017-03-27") if e.evidence.trigger.text == trigger)
    assert ev.location is not None and (ev.location.name, ev.location.country) == (name, country), ev.location
    # a natural feature called after a place is one name, not the place run on
    sea = sitrep.code("Indonesia said on Monday that pirates attacked a tanker in the Malacca Straits.", date="2017-03-27")
    assert [e.location.text for e in sea if e.event == "ASSAULT" and e.location] == ["Malacca Straits"]


@pytest.mark.parametrize("text, trigger, named", [
    # an organisation or a person the actor dictionary knows, by a name no place has, is no place
    ("Iraqi troops advanced on Mosul on Monday. Two car bombs driving at the Peshmerga were destroyed by "
     "airstrikes near the front line.", "destroyed", "Peshmerga"),
    ("Syrian government forces shelled rebel districts of Aleppo on Tuesday. The envoy accused the rebels "
     "of violating the truce at the United Nations on Wednesday.", "accused", "United Nations"),
])
def test_a_known_party_named_where_a_place_stands_is_no_place(text: str, trigger: str, named: str) -> None:
    ev = next(e for e in sitrep.code(text, date="2016-10-18") if e.evidence.trigger.text == trigger)
    assert ev.location is None or ev.location.text != named, ev.location


def test_a_big_city_stays_itself_beside_a_province_holding_a_namesake() -> None:
    # Havana, Florida is a small town of the state named beside it; Cuba's capital is named for itself
    text = "Dissidents protested in Havana on Sunday as exiles gathered in Miami, Florida."
    protest = next(e for e in sitrep.code(text, date="2015-12-17") if e.evidence.trigger.text == "protested")
    assert protest.location is not None and protest.location.country == "CUB", protest.location


@pytest.mark.parametrize("note, country", [
    # the village the gazetteer lacks falls back to the places in its brackets; the Kani it knows
    # is Japan's, the text puts it in Myanmar's Sagaing
    ("On 2 September 2023, the Myanmar military conducted airstrikes on Let Pan Hla village (Kani, Sagaing).", "MMR"),
    ("On 2 September 2023, soldiers attacked Kani, Sagaing.", "MMR"),
    ("On 14 May 2022, gunmen shot dead a deputy sheriff in Paris, Texas.", "USA"),
])
def test_a_town_the_text_puts_in_a_province_of_another_country_is_a_namesake(note: str, country: str) -> None:
    ev = next(e for e in sitrep.code(note, date="2024-06-30") if e.event == "ASSAULT")
    assert ev.location is not None and ev.location.country == country, ev.location
    # a list of towns chains no province: each keeps its own country
    listed = next(e for e in sitrep.code("Rebels attacked Aleppo, Mosul and Sirte on Monday.", date="2024-06-30")
                  if e.event == "ASSAULT")
    assert listed.location is not None and (listed.location.name, listed.location.country) == ("Aleppo", "SYR")


def test_a_hamlet_abroad_beside_an_unknown_village_is_no_fallback():
    # the NER ran "Boulkessi (Soum, Sahel" into one name; the Soum the gazetteer knows is a
    # Senegalese village of 5,000, in a country the note gives no weight: the place stays unknown
    note = "On 5 January 2024, JNIM militants attacked a military position in Boulkessi (Soum, Sahel)."
    ev = next(e for e in sitrep.code(note, date="2024-06-30") if e.event == "ASSAULT")
    assert ev.location is not None and ev.location.country != "SEN" and ev.location.lat is None


def test_names_the_ner_ran_into_one_entity_are_each_a_place():
    # "between Dikwa and Marte (Borno)" read as one organisation: cut at "and" and the brackets,
    # each name is a town; "between" two towns is ACLED's precision 2
    note = "On 13 June 2023, ISWAP militants ambushed a Nigerian army convoy between Dikwa and Marte (Borno)."
    ev = next(e for e in sitrep.code(note, date="2024-06-30") if e.event == "ASSAULT")
    assert ev.location is not None and (ev.location.name, ev.location.country) == ("Dikwa", "NGA")
    assert ev.location.geo_precision == 2
    # a country whose name holds "and" stays whole
    war = next(e for e in sitrep.code("Fighting broke out in Bosnia and Herzegovina on Monday.", date="1992-04-10")
               if e.event == "ASSAULT")
    assert war.location is not None and war.location.country == "BIH"


@pytest.mark.parametrize("text, trigger", [
    ("On 27 February 2023, rioters set fire to a police station in Karachi after the death of a detainee.", "set"),
    ("Hundreds of people protested in Lagos on Monday after the death of a student in police custody.", "protested"),
    ("Thousands marched in the capital on Friday over the killing of two students by police.", "marched"),
])
def test_a_death_told_as_what_came_before_is_no_toll_of_the_act(text: str, trigger: str) -> None:
    # the riot's and the protest's own dead are none: the death they answer is another happening's
    ev = next(e for e in sitrep.code(text, date="2024-06-30") if e.evidence.trigger.text == trigger)
    assert ev.fatalities is None
    # a toll of the act's own clause stays
    own = next(e for e in sitrep.code("Gunmen killed five villagers after storming the market on Monday.",
                                      date="2024-06-30") if e.evidence.trigger.text == "killed")
    assert own.fatalities == 5


def _assault_parties(text: str) -> list[tuple[list[str], list[str]]]:
    return [([a.name for a in e.actor], [r.name for r in e.recipient])
            for e in sitrep.code(text, date="2021-03-04") if e.event == "ASSAULT"]


@pytest.mark.parametrize("text, side, contrast", [
    ("Ethiopian troops killed 300 Eritreans in a fierce battle near the border on Monday, the army said.", "recipient",
     "Ethiopian troops killed 30 Eritreans in a village on Monday, the army said."),  # no battle told
    ("The Eritreans launched a major assault on the positions of two Ethiopian divisions overnight.", "actor",
     "Ethiopian artillery shelled the front on Monday, killing 12 Eritreans in a market."),  # a shelling's dead
    ("ETHIOPIA SAYS ITS TROOPS KILLED 500 ERITREANS IN BATTLE", "recipient",
     "Sudanese soldiers killed 40 Eritreans in a village raid on Tuesday."),
])
def test_a_people_named_by_its_demonym_in_a_battle_between_states_is_their_forces(text, side, contrast):
    parties = _assault_parties(text)
    named = [n for a, r in parties for n in (r if side == "recipient" else a)]
    assert "Eritrean military" in named
    assert "Eritrean civilians" not in named
    # people killed where no battle is told, or by a shelling, stay civilians
    killed = [n for _, r in _assault_parties(contrast) for n in r]
    assert "Eritrean civilians" in killed
    assert "Eritrean military" not in killed


def test_a_past_perfect_its_own_clause_dates_to_the_news_is_news() -> None:
    # a wire's reported act, told in the past perfect a sentence away from its reporting verb, with
    # a day of the news in its own clause: the attack on Monday is the news of a Tuesday report
    [attack] = [e for e in sitrep.code("The rebel attack on the garrison on Monday had forced the army to pull "
                                       "back from the town.", date="1987-04-07") if e.event == "ASSAULT"]
    assert (attack.modality, attack.date) == ("asserted", "1987-04-06")
    # one dated weeks back, or not dated, is background
    [old] = [e for e in sitrep.code("Government troops had shelled the rebel camp near the border on March 3.",
                                    date="1987-04-07") if e.event == "ASSAULT"]
    assert (old.modality, old.date) == ("historical", "1987-03-03")


@pytest.mark.parametrize("text, country", [
    # a state's own forces act at home: Lebanon's Tripoli, a sixth of Libya's capital, is theirs
    ("On 6 May 2024, the Lebanese army deployed troops in Tripoli.", "LBN"),
    ("Libyan forces clashed with militias in Tripoli on Monday.", "LBY"),
    # a namesake at home much smaller than the town named is no sign (Paris, Texas)
    ("US police arrested two men in Paris on Monday.", "FRA"),
])
def test_a_states_own_forces_take_the_namesake_town_of_their_country(text: str, country: str) -> None:
    ev = next(e for e in sitrep.code(text, date="2024-07-20") if e.location is not None)
    assert ev.location is not None and ev.location.country == country, ev.location


def test_the_past_progressive_goes_on_in_the_narratives_time():
    # "Police were firing tear gas at them": the background of the march told before, in its time
    text = "Thousands of protesters marched to parliament on 3 March 2023. Police were firing tear gas at them."
    fire = next(e for e in sitrep.code(text, date="2023-03-20") if e.evidence.trigger.text == "firing")
    assert (fire.date, fire.date_precision) == ("2023-03-03", "day") and "date:narrative" in fire.rules


@pytest.mark.parametrize("text", [
    # a firm's deal, merger talks or wage bargaining with its own workers is commerce, no political event
    "Bellmont Foods Corp said it signed a definitive agreement to buy the frozen pizza unit of a rival.",
    "Kestrel Aviation Inc said it and two machinists' union locals agreed to a new three-year contract, "
    "ending a six-week strike.",
    "A company spokesman said the company and the union met informally on Tuesday.",
    "Two small shipping companies struck a pay accord with their crews yesterday.",
    "Delmar Holdings Inc said it has suspended merger talks with other parties.",
    "Norland Mining Corp refused to go to arbitration talks with its workers.",
    # the firm named again by its first word is that firm
    "Pinecrest Lens Products Inc said it has ended talks on being acquired by Dorval Drug Inc. "
    "Pinecrest said it had suspended merger talks with other parties.",
])
def test_a_dealing_of_firms_and_their_unions_is_no_event(text: str) -> None:
    evs = [e for e in sitrep.code(text, date="2021-05-04") if e.event in defaults.FIRM_DEALING_EVENTS]
    assert evs == [], [(e.event, [a.name for a in e.actor]) for e in evs]


@pytest.mark.parametrize("text, event", [
    # a state at the table with banks, or two states trading, stays a dealing between parties
    ("Argentina is negotiating new terms with its creditor banks, the economy minister said.", "CONSULT"),
    ("Kenya signed a trade agreement with Tanzania on Monday.", "AGREE"),
])
def test_a_dealing_with_a_state_stays(text: str, event: str) -> None:
    assert event in {e.event for e in sitrep.code(text, date="2021-05-04")}


@pytest.mark.parametrize("text, crowd", [
    # a state does not strike: named only as the possessor of the strikers or of the strike, its people do
    ("A strike by Peru's 40,000 seafarers who want pay rises of up to 80 pct has cost the state oil company "
     "millions.", "Protesters (Peru)"),
    ("An accord is in sight in Chile's 20-day-old national dockers' strike, which has delayed copper exports, "
     "a union official said.", "Protesters (Chile)"),
])
def test_a_strike_is_the_countrys_people_not_its_state(text: str, crowd: str) -> None:
    [strike] = [e for e in sitrep.code(text, date="2021-05-04") if e.event == "PROTEST"]
    assert [a.name for a in strike.actor] == [crowd]


@pytest.mark.parametrize("note, trigger", [
    # the parser hangs the district on the verb as its object across the bracket
    ("On 9 June 2023, SDF members arrested 9 men during a raid in Hajin (Deir ez-Zor, Deir ez-Zor).", "arrested"),
    # the district apposed to the victim, a name the gazetteer does not know, its province one it does
    ("On 4 August 2023, a mob beat to death a man accused of theft in Sokoto (Sokoto South, Sokoto).", "beat"),
    # the province apposed to the district, itself apposed to a village the gazetteer does not know
    ("On 7 August 2023, Turkish forces fired artillery shells at Umm al-Kaif (Tal Tamer, Al Hasakeh).", "fired"),
])
def test_names_in_a_place_bracket_are_no_party(note: str, trigger: str) -> None:
    # ACLED-style "<town> (<district>, <province>)": whatever the parse, a name inside the
    # brackets after a place is that place's district or province, never a side of the event
    evs = sitrep.code(note, date="2024-03-01")
    # (the act may be told by its own verb or, a mob's, by its riot: "a mob beat to death")
    assert any(trigger in e.evidence.sentence for e in evs)
    bracket = note[note.index("(") + 1:note.index(")")]
    for ev in evs:
        assert not [a.name for a in ev.recipient + ev.actor if a.text in bracket or a.name in bracket]


@pytest.mark.parametrize("note, fatalities, injured", [
    ("On 2 June 2023, Israeli forces fired tank shells at the outskirts of Khiam (Marjayoun, Nabatieh). "
     "No casualties were reported.", 0, 0),
    ("Unidentified gunmen opened fire on an army checkpoint near Nawa in Daraa province on Sunday. "
     "There were no fatalities.", 0, None),
    ("On 8 June 2023, militants fired two mortar rounds at a police station in Baidoa (Baidoa, Bay). "
     "No one was hurt.", None, 0),
    # a sentence that goes on to tell more is not a zero statement about the attack before it
    ("On 8 June 2023, militants fired two mortar rounds at a police station in Baidoa (Baidoa, Bay). "
     "No casualties were reported at first, but residents later said the shells damaged two houses near the market.",
     None, None),
])
def test_a_zero_statement_after_an_attack_is_its_toll(note: str, fatalities: int | None, injured: int | None) -> None:
    # ACLED notes end an attack that harmed no one with a sentence of its own: the toll is 0
    ev = next(e for e in sitrep.code(note, date="2024-03-01") if e.evidence.trigger.text in ("fired", "opened"))
    assert (ev.fatalities, ev.injured) == (fatalities, injured)


@pytest.mark.parametrize("note, trigger, place", [
    ("On 14 August 2023, Israeli forces fired tank shells at Aitaroun (Bint Jbeil, Nabatieh).", "fired", "Aitaroun"),
    ("On 3 July 2023, Israeli forces raided Balata camp (Nablus, Nablus).", "raided", "Balata"),
])
def test_a_name_given_a_district_and_province_is_a_place_not_a_party(note: str, trigger: str, place: str) -> None:
    # a name the dictionaries do not know, followed by its district and province in brackets, is
    # where the act happened: never a side named as written
    ev = next(e for e in sitrep.code(note, date="2024-03-01") if e.evidence.trigger.text == trigger)
    names = [a.name for a in ev.recipient + ev.actor]
    bracket = note[note.index("(") + 1:note.index(")")]
    assert place not in names and not [n for n in names if n in bracket]
