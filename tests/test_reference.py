"""coding.reference: descriptions of people by a happening fold into the article's own telling."""

from conftest import gold_record

import sitrep
from sitrep.coding.reference import fold_references, is_reference
from sitrep.models import Article

DATE = "2016-07-10"


def test_the_man_who_attacked_them_is_the_attack_already_told():
    text = ("A gunman shot dead five police officers in Dallas on Thursday night. "
            "The mayor said the man who attacked the officers in Dallas was a coward.")
    evs = [e for e in sitrep.code(text, date=DATE) if e.event == "ASSAULT"]
    assert len(evs) == 1, [(e.evidence.trigger.text, e.rule) for e in evs]
    assert evs[0].evidence.sentence.startswith("A gunman")
    assert any("man who attacked" in s.sentence for s in evs[0].support)


def test_a_description_with_nothing_to_tie_it_stays_a_record():
    # nothing says the men who stormed the bank are the gunmen of the market attack
    text = ("Gunmen killed five villagers in Kano on Monday. "
            "Police in Lagos arrested the men who stormed a bank in Lagos on Friday.")
    evs = [e for e in sitrep.code(text, date=DATE) if e.event == "ASSAULT"]
    assert len(evs) == 2, [(e.evidence.trigger.text, e.rule) for e in evs]


def test_only_references_are_folded_and_order_is_kept():
    text = ("Rebels attacked a checkpoint in Idlib on Monday. "
            "Soldiers clashed with protesters in Homs on Tuesday.")
    evs = sitrep.code(text, date=DATE)
    assert evs and not any(is_reference(e) for e in evs)
    assert fold_references(evs) == evs


def test_voa_caption_of_an_arrest_is_support_of_the_arrests_the_story_tells():
    # "Police make an arrest on West Florissant in Ferguson, Missouri, Aug. 10, 2015": a caption
    # showing the arrests told earlier ("Police said they arrested about two dozen protesters"):
    # one record, the story's telling its evidence. The telling is dated the night before the
    # report (Aug. 10, the day the caption gives: pipeline._night_before), so the ordinary tie of
    # place and sides folds the caption in ("corefer:anchor") before the caption rule
    # (coding.corefer._depicted, covered in test_corefer) is needed
    row = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2015.08.11.2913225")
    evs = sitrep.code_article(Article(text=row["text"], id=row["id"], date=row["date"]))
    told = [e for e in evs if any(s.sentence.startswith("Police make an arrest") for s in (e.evidence, *e.support))]
    assert len(told) == 1, [(e.evidence.trigger.text, e.rule) for e in told]
    assert "arrested about two dozen" in told[0].evidence.sentence and "corefer:anchor" in told[0].rule.split(";")
    assert told[0].date == "2015-08-10"


def test_a_time_anchor_folds_into_the_description_that_dates_the_happening():
    # "until the bloodless coup" points at the coup; "who led the coup Thursday" tells who and
    # when: the record is told from the description, the anchor is its support
    text = ("Army chief Prayuth Chan-ocha, who led the coup Thursday, declared himself acting prime "
            "minister Friday. Until the bloodless coup, he had been in charge of the army on an acting basis.")
    coups = [e for e in sitrep.code(text, date="2014-05-25") if e.event == "COERCE"]
    assert len(coups) == 1
    assert coups[0].evidence.sentence.startswith("Army chief")
    assert [s.sentence[:9] for s in coups[0].support] == ["Until the"]


def test_a_folded_reference_gives_its_town_to_a_telling_placed_only_in_the_country():
    """Two tellings of one strike, the town in the one folded as support: the record is at the
    town, not only in the country."""
    import sitrep

    text = ("3 Pak Taliban militants killed in Lahore.\n"
            "Report says three Uzbeks killed in drone strike in Pakistan's tribal area.")
    events = [e for e in sitrep.code(text) if e.event == "ASSAULT"]
    assert len(events) == 1 and events[0].support
    assert events[0].location is not None and events[0].location.name == "Lahore"
    assert events[0].location.lat is not None


def test_one_happening_never_folds_into_a_tally_of_many():
    # "the coup Thursday" is one coup; "three coups in the past five years" is a tally: the anchor
    # "until the bloodless coup" belongs to the coup the description dates, not to the tally (a
    # tally over decades, "12 coups in the last 80 years", is history and no record at all)
    text = ("Army chief Prayuth Chan-ocha, who led the coup Thursday, declared himself acting prime "
            "minister Friday. Until the bloodless coup, he had been in charge of the army on an acting "
            "basis. Thailand's army has staged three coups in the past five years.")
    coups = {e.modality: e for e in sitrep.code(text, date="2014-05-25") if e.event == "COERCE"}
    assert set(coups) == {"asserted", "aggregate"}
    assert not coups["aggregate"].support
    assert [s.sentence[:9] for s in coups["asserted"].support] == ["Until the"]
