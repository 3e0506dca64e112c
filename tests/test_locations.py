"""Choosing the event's place in a sentence (sitrep.nlp.locations)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import gold_record

import sitrep
from sitrep import defaults
from sitrep.eval.event_location import fold_of, prepare, repair_span, score_event_location
from sitrep.nlp.locations import pick_event_place, rank_event_places

spacy = pytest.importorskip("spacy")

GOLD_SET = "event_location/event_location_labeled.jsonl"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.load(defaults.SPACY_MODEL)


def _pick(nlp: Any, text: str, trigger: str) -> str | None:
    doc = nlp(text)
    trig = next(t for t in doc if t.text == trigger)
    span = pick_event_place(doc[:], trig)
    return doc.text[span[0]:span[1]] if span else None


# --- real sentences from the event_location gold set, by record id ------------------

GOLD_IDS = [
    "APW_ENG_20021123.0314_26_capture",   # a person ("Abu Zubaydah") is not the place; "in Pakistan" is
    "AFP_ENG_20031101.0343_17_kill ",     # "in Taji, just north of Baghdad": the specific place, not the reference
    "AFP_ENG_20040927.0131_3_kill ",      # "Sadr City in eastern Baghdad", with "US" as actor and Iraq in another clause
    "APW_ENG_20030615.0274_35_patrol",    # "Mecca's Al-Nur hospital": the owner city is the wider place
    "masdar_kill_458",                    # "the village of Sheikh Najjar in ... Aleppo province, north of Syria"
    "masdar_shell_21",                    # a list of villages, each with its province in brackets
    "2073080776729557445",                # "at her Reshimbagh residence": a name the gazetteer lacks
    "-8120553093685303937",               # "Shelling hit a trolleybus in Donetsk"
    "liberate_masdar_72",                 # "liberated the cities of Palmyra ... in the Homs province": the object
    "AFP_ENG_19970416.0410_8_capture ",   # "captured Lubumbashi in ... Shaba province": the object, not its province
    "APW_ENG_19950420.0005_25_patrol",    # "Grozny's streets are ... patrolled": a passive trigger's place subject
    "AFP_ENG_20070802.0143_27_demonstrate ",  # "demonstrated against the French company and Libya": no place
]


@pytest.mark.parametrize("record_id", GOLD_IDS)
def test_gold_sentences(nlp: Any, record_id: str) -> None:
    rec = gold_record(GOLD_SET, record_id, key="_id")
    doc = nlp(rec["text"])
    verb = next(s for s in rec["spans"] if s["label"] == "VERB")
    trigger = doc.char_span(verb["start"], verb["end"], alignment_mode="expand").root
    gold = [(s["start"], s["end"]) for s in rec["spans"] if s["label"] == "LOCATION"]
    pick = pick_event_place(doc[:], trigger)
    if gold:
        assert pick in gold, (rec["text"], [rec["text"][a:b] for a, b in gold], pick and rec["text"][pick[0]:pick[1]])
    else:
        assert pick is None


# --- sentences written for these rules -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # where someone spoke is not where it happened
        ("Speaking in Washington, the spokesman said rebels attacked a convoy in Kandahar.", "attacked", "Kandahar"),
        ("The minister told reporters in Paris that gunmen killed four soldiers in Gao.", "killed", "Gao"),
        # origin and destination of movement
        ("Fighters who crossed from Syria ambushed a patrol in Sinjar on Monday.", "ambushed", "Sinjar"),
        # the specific place over its wider container
        ("A roadside bomb killed two policemen in Baquba, north of Baghdad.", "killed", "Baquba"),
        ("Gunmen shot dead a shopkeeper in Mosul, Iraq, on Sunday.", "shot", "Mosul"),
        ("Militants attacked the Syrian town of Kobani overnight.", "attacked", "Kobani"),
        # a name the NER may miss, after "the town of"
        ("Government troops shelled the town of Kafr Nabuda on Monday.", "shelled", "Kafr Nabuda"),
        # a known site grows to its full name
        ("Militiamen fired rockets at a US base near the al-Omar oil field in eastern Syria.", "fired", "al-Omar oil field"),
        # the dateline is a fallback only
        ("BAGHDAD (Reuters) - Gunmen killed three policemen in Mosul on Tuesday.", "killed", "Mosul"),
        ("BAGHDAD (Reuters) - Gunmen killed three policemen on Tuesday.", "killed", "BAGHDAD"),
        ("AMMAN, JORDAN \u2014 Gunmen attacked a checkpoint on Sunday.", "attacked", "AMMAN"),
        ("AMMAN, JORDAN \u2014 Gunmen attacked a checkpoint on Sunday, officials from Syria said.", "attacked", "AMMAN"),
        # a name the tokenizer cuts at its hyphens and the NER reads as two
        ("Afghan soldiers stand guard at a military base in Mazar-i-Sharif after an attack on Friday.", "attack",
         "Mazar-i-Sharif"),
        # the place the trigger acts on, not the province holding it
        ("Rebels seized Kindu in Maniema province on Friday.", "seized", "Kindu"),
        # "north of X" on the verb places the event near X; the object of the verb the trigger hangs on
        ("Gunmen killed two farmers north of Kirkuk.", "killed", "Kirkuk"),
        ("Wave of bombings hit Kirkuk as 20 killed.", "bombings", "Kirkuk"),
        # a passive trigger whose subject is the place
        ("The Gulf of Aden is patrolled by warships from a dozen navies.", "patrolled", "Gulf of Aden"),
        # a headline's source tag after a spaced dash is not what the place modifies
        ("Top Pakistani Taleban leader killed in Karachi - paper.", "killed", "Karachi"),
        ("At least 7 dead in suicide bomb attack in northern Baghdad -sources.", "attack", "Baghdad"),
        # a town modifying the site after "at" says where the site is
        ("Gunmen kill nine at Baghdad alcohol shops: officials.", "kill", "Baghdad"),
        # the object of an event noun is its place
        ("He said the war had been neglected because of the U.S. invasion of Iraq.", "invasion", "Iraq"),
        # a town the NER read as a date
        ("Explosion in Manbij.", "Explosion", "Manbij"),
        # a clause on the event's own participant still says where it happened
        ("Gunmen killed two guards who were posted in Kabul.", "killed", "Kabul"),
    ],
)
def test_written_sentences(nlp: Any, text: str, trigger: str, place: str) -> None:
    assert _pick(nlp, text, trigger) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # places inside actor phrases are not event places
        ("Iraqi bases hosting US forces were attacked on Sunday.", "attacked"),
        ("The Baghdad government condemned the attack.", "condemned"),
        # no place at all
        ("Unknown gunmen killed two men on Tuesday evening.", "killed"),
        # a country that is what people protest against, tied to no verb by a locative word
        ("Thousands of students protested against the oil company and Nigeria.", "protested"),
        # a country as the object of the verb above the trigger is a party, not the place
        ("Several countries joined Britain in the airstrikes.", "airstrikes"),
        # where the news came from is not where the event was
        ("The commander was killed on Monday, according to local media sources in Mosul.", "killed"),
        # a correspondent's dateline is no fallback when the sentence names another place
        ("GAZIANTEP, TURKEY \u2014 Refugees arriving from Syria said warplanes bombed a market on Sunday.", "bombed"),
        # a passive's agent is who did it, not where ("by" is no "by the river" here)
        ("The convoy was attacked by Russia on Monday.", "attacked"),
        ("Commanders of the fighters agreed a truce after fatalities inflicted by Iraq.", "agreed"),
        # a clause on a person tells that person's past, not where the event was
        ("During a search of the house, detectives found rifles. The gunman was a veteran who served "
         "in Afghanistan.", "search"),
    ],
)
def test_no_event_place(nlp: Any, text: str, trigger: str) -> None:
    assert _pick(nlp, text, trigger) is None


def test_offsets_are_doc_offsets(nlp: Any) -> None:
    doc = nlp("Talks went on in Geneva. Later, gunmen killed two men in Kirkuk.")
    sent = list(doc.sents)[1]
    trigger = next(t for t in sent if t.text == "killed")
    span = pick_event_place(sent, trigger)
    assert span is not None and doc.text[span[0]:span[1]] == "Kirkuk"
    assert span[0] > sent.start_char  # article (Doc) offsets, not sentence offsets


def test_ranking_explains_itself(nlp: Any) -> None:
    doc = nlp("Speaking in Washington, the spokesman said rebels attacked a convoy in Kandahar.")
    trigger = next(t for t in doc if t.text == "attacked")
    ranked = rank_event_places(doc[:], trigger)
    assert [c.text for c in ranked] == ["Kandahar", "Washington"]
    assert ranked[0].score > ranked[1].score
    assert any("'in' on the trigger" in r for r in ranked[0].reasons)
    assert any("Speaking" in r for r in ranked[1].reasons)


def test_each_trigger_of_a_sentence_ranks_its_places_from_one_reading(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # what a candidate place is (its gazetteer entry, a country, vouched for) does not depend on
    # the trigger: read once per sentence, each trigger leaving out the runs that hold it
    import sitrep.nlp.locations as loc

    calls: list[str] = []
    entry = loc._entry
    monkeypatch.setattr(loc, "_entry", lambda gaz, text, ctx=(): calls.append(text) or entry(gaz, text, ctx))
    doc = nlp("Rebels attacked a convoy near Kandahar and shelled a police post in Helmand, officials in Kabul said.")
    ranked = {w: rank_event_places(doc[:], next(t for t in doc if t.text == w)) for w in ("attacked", "shelled")}
    once = len(calls)
    assert once > 0
    assert [c.text for c in ranked["attacked"]][0] == "Kandahar"
    assert [c.text for c in ranked["shelled"]][0] == "Helmand"
    assert {c.text for c in ranked["attacked"]} == {c.text for c in ranked["shelled"]} == {"Kandahar", "Helmand", "Kabul"}
    doc.user_data.pop("sitrep.place_ranks", None)  # (the ranks kept per trigger, not the runs)
    rank_event_places(doc[:], next(t for t in doc if t.text == "attacked"))
    assert len(calls) == once  # (a third reading reads no entry again)


def test_a_place_in_the_happening_an_event_answers_is_not_its_own(nlp: Any) -> None:
    # "in retaliation for the arrest of their leader in Peshawar": Peshawar is where the arrest
    # was, which the attack answers; it is never picked for the attack, but is for the arrest
    doc = nlp("Gunmen attacked a checkpoint in retaliation for the arrest of their leader in Peshawar.")
    attacked = next(t for t in doc if t.text == "attacked")
    (cand,) = rank_event_places(doc[:], attacked)
    assert cand.text == "Peshawar" and cand.score < defaults.LOCATION_MIN_SCORE
    assert any("'retaliation' answers" in r for r in cand.reasons)
    assert pick_event_place(doc[:], attacked) is None
    assert _pick(nlp, doc.text, "arrest") == "Peshawar"


# --- the scorer ---------------------------------------------------------------------------


def test_repair_span_reads_token_indices() -> None:
    text = "Around 100,000 people demonstrated in Rome on Saturday."
    bounds = [(0, 6), (7, 14), (15, 21), (22, 34), (35, 37), (38, 42), (43, 45), (46, 54), (54, 55)]
    assert repair_span(text, {"start": 38, "end": 42}, bounds) == (38, 42)  # a clean char span stays
    assert repair_span(text, {"start": 5, "end": 5}, bounds) == (38, 42)    # token 5 is "Rome"
    assert repair_span(text, {"start": 2, "end": 2}, bounds) is None         # "people" is no name


def test_folds_are_stable_halves() -> None:
    ids = [f"id-{i}" for i in range(400)]
    folds = [fold_of(i) for i in ids]
    assert folds == [fold_of(i) for i in ids]
    assert 150 < folds.count("A") < 250


def test_score_event_location_counts(nlp: Any) -> None:
    recs = [
        {"_id": "t1", "text": "Gunmen killed two men in Kirkuk.",
         "spans": [{"start": 7, "end": 13, "label": "VERB"}, {"start": 25, "end": 31, "label": "LOCATION"}]},
        {"_id": "t2", "text": "Gunmen killed two men in Kirkuk.",
         "spans": [{"start": 7, "end": 13, "label": "VERB"}, {"start": 0, "end": 6, "label": "LOCATION"}]},
        {"_id": "t3", "text": "Unknown gunmen killed two men.",
         "spans": [{"start": 15, "end": 21, "label": "VERB"}]},
    ]
    res = score_event_location(prepare(recs, nlp))
    assert (res["located"], res["unlocated"]) == (2, 1)
    assert res["exact"] == 0.5 and res["none_correct"] == 1.0


# --- the sentence's own countries decide between namesakes (issue 12) -----------------------


def test_a_namesake_abroad_does_not_hide_a_known_name(nlp: Any) -> None:
    # m2e2, VOA_EN_NW_2016.02.17.3194684_67: "striking at IS" names a group; the hamlet of Is in
    # Russia lies outside the sentence's countries, yet the gazetteer lists the name, so Turkey
    # keeps its place (it is no container of an "unlisted" village)
    rec = gold_record("m2e2_voa/m2e2_text_only_event_sentences.jsonl", "VOA_EN_NW_2016.02.17.3194684_67",
                      key="sentence_id")
    assert _pick(nlp, rec["sentence"], "agree") == "Turkey"


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # Taji is an Iraqi conflict town (UCDP) and a Chinese hamlet (GeoNames); Baghdad names the country
        ("A bomb killed two soldiers in Taji, just north of Baghdad.", "killed", "Taji"),
        # a village the UCDP index knows, beside its province
        ("Warplanes killed five people in Kafr Hamrah in the countryside of Aleppo.", "killed", "Kafr Hamrah"),
        # the text's own hierarchy: "X village in Y", "X in the north-east of Y", "X town of Y"
        ("Five killed in fresh attack on Kadarko village in Nasarawa.", "attack", "Kadarko"),
        ("Clashes in Tadef in the north-east of Aleppo leave casualties.", "Clashes", "Tadef"),
        ("A new massacre committed by warplanes in al-Atareb town of Aleppo western countryside.", "massacre",
         "Atareb"),
        # ...but not "the N of X", which names the N
        ("In the south Baghdad neighbourhood of Al-Bayaa, a roadside bomb killed one civilian.", "killed", "Al-Bayaa"),
        # the NER's misreadings: a name read as a person after a glued article, a language, a people
        ("2 persons killed at al-Qameshly.", "killed", "Qameshly"),
        ("21 killed in a massacre by regime warplanes in eastern Aleppo.", "massacre", "Aleppo"),
        ("Violent clashes in Maardis town after attacks by the regime forces.", "clashes", "Maardis"),
        # what an attack hits, a name the gazetteer knows: "airstrikes on X", "warplanes bomb X"
        ("5 airstrikes on JEsr al-Shughour kill 3 children.", "airstrikes", "JEsr al-Shughour"),
        ("The warplanes bomb Kafr Nubl and kill and injure several citizens.", "bomb", "Kafr Nubl"),
        # a country's possessive between the preposition and the name; a town's neighbourhoods
        ("Car bomb in Iraq's Tal Afar kills two.", "bomb", "Tal Afar"),
        ("Continued clashes in Aleppo neighborhoods amid bombardment.", "clashes", "Aleppo"),
        # "X east of Y": the town is named, the bigger place only says where it lies
        ("Gunmen assassinated a teacher in al-Busayrah east of Deir Ezzor on Monday.", "assassinated", "Busayrah"),
        ("Three fighters were killed in an explosion on the outskirts of al-Mayadin city east of Deir Ezzor.",
         "killed", "Mayadin"),
    ],
)
def test_small_places_beside_their_city(nlp: Any, text: str, trigger: str, place: str) -> None:
    assert _pick(nlp, text, trigger) == place


def test_name_ending_in_a_kind_of_place_is_a_place() -> None:
    """"TNLA takes control of Namhsan Town in northern Shan State" (a UCDP GED headline): the NER
    reads "Namhsan Town" and "Shan State" as people; a name that ends in a kind of place and whose
    rest the gazetteer knows is a place, and what the taking of control is "of" is where it was."""
    import sitrep

    text = str(gold_record("ucdp/ucdp_ged_world_dev.jsonl", "512285")["source_headline"]) + "."
    events = [e for e in sitrep.code(text, date="2023-11-01") if e.event == "ASSAULT"]
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country, events[0].location.geo_precision) == ("Namhsan", "MMR", 1)


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a headline's place label before a colon is its dateline: the fallback when it names no other place
        ("Turbat: 2 men killed in firing, armed group claims responsibility.", "killed", "Turbat"),
        ("Tijuana, Baja California: 4 men captured after a homicide.", "captured", "Tijuana"),
        ("Turbat: gunmen killed two men in Quetta on Monday.", "killed", "Quetta"),
    ],
)
def test_headline_place_label(nlp: Any, text: str, trigger: str, place: str) -> None:
    assert _pick(nlp, text, trigger) == place


def test_speaker_label_is_no_place(nlp: Any) -> None:
    # a label the NER reads as a person is a speaker ("Obama" is also a Japanese town)
    assert _pick(nlp, "Obama: the gunmen who killed two men will be caught.", "killed") is None


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # a name the NER reads as a group or a date, after a locative preposition or before a place
        # noun, is a place when the gazetteer holds it, spelt as headlines spell it (Talmenes, Jisrein)
        ("Two children were killed in aerial bombardment on Telmins.", "killed", "Telmins"),
        ("Human losses in aerial bombardment on Telmins.", "losses", "Telmins"),
        # an event noun's "by" names its doer, not a place
        ("More than 30 fighters were killed in an attack by groups of Failaq al-Rahman in Jisreen area.",
         "attack", "Jisreen"),
        # the place that "witnesses" an event is where it happened
        ("The city of Manbij witnesses a new explosion that kills seven people.", "explosion", "Manbij"),
        ("Afrin area witnesses more killing and an assault on a local council.", "assault", "Afrin"),
        # what an event noun is "of" is its place when the gazetteer knows the name
        ("The violent clashes of Tlul al-Safa continue for a third week.", "clashes", "Tlul al-Safa"),
        # the tagger reads "attack" as a noun and the town as its apposition: still what is attacked
        ("With an intense ground shelling, the Turkish Forces and loyal factions attack Ras al-Ayn city from 3 sides.",
         "attack", "Ras al-Ayn"),
        ("The army and allied militias attack Tal Abyad town from the east.", "attack", "Tal Abyad"),
    ],
)
def test_place_the_ner_misread(nlp: Any, text: str, trigger: str, place: str) -> None:
    assert _pick(nlp, text, trigger) == place


@pytest.mark.parametrize(
    ("text", "trigger", "place"),
    [
        # an event "reported in" a place was seen there: no speaker stands in it
        ("Clashes have been reported in Aleppo.", "Clashes", "Aleppo"),
        ("Dozens of shells and air strikes have been reported in areas of Kafr Nabl.", "strikes", "Kafr Nabl"),
    ],
)
def test_a_reported_event_happened_where_it_was_reported(nlp: Any, text: str, trigger: str, place: str) -> None:
    assert _pick(nlp, text, trigger) == place


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # a country after "by" is the doer: there is no riverbank of Russia to stand by
        ("Civilian casualties in massacres by warplanes of the Coalition, the regime and Russia.", "massacres"),
        ("Twelve people were killed in shelling by Turkey on the village.", "shelling"),
    ],
)
def test_country_after_by_is_no_place(nlp: Any, text: str, trigger: str) -> None:
    assert _pick(nlp, text, trigger) is None


def test_a_place_name_ends_at_an_opening_bracket():
    # ACLED-style "near <town> (<district>, <province>)": the NER may run one name across the bracket
    note = ("On 5 May 2022, a drone strike attributed to the Turkish military hit a vehicle near Qamishli "
            "(Qamishli, Al-Hasakeh), killing 2 SDF members.")
    ev = next(e for e in sitrep.code(note, date="2024-03-01") if e.event == "ASSAULT")
    assert ev.location is not None and ev.location.text == "Qamishli" and ev.location.country == "SYR"


@pytest.mark.parametrize("note, trigger, place", [
    # the brackets cut the parse: the town taken is tied to no verb, and its district wins
    ("On 5 May 2023, JNIM militants took control of the town of Boni (Douentza, Mopti).", "control", "Boni"),
    # the town in the subject's phrase of the protest, the arrest protested placed there too
    ("On 12 April 2023, residents of Nawa (Izra, Daraa) protested against the arrest of a teacher.", "arrest", "Nawa"),
])
def test_a_name_given_its_district_and_province_in_brackets_is_the_where(note: str, trigger: str, place: str) -> None:
    ev = next(e for e in sitrep.code(note, date="2024-03-01") if e.evidence.trigger.text == trigger)
    assert ev.location is not None and ev.location.text == place
