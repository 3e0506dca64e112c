"""Finding time expressions and the one that dates an event: sitrep.nlp.timex."""

from __future__ import annotations

import pytest
import spacy
from conftest import gold_record

from sitrep import defaults
from sitrep.nlp.timex import (
    expression_tense,
    find_time_expressions,
    measured_gap_days,
    night_before_gap,
    night_before_state,
    pick_event_time,
)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(defaults.SPACY_MODEL)


def texts(sentence: str) -> list[str]:
    return [t for _s, _e, t in find_time_expressions(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("US air strikes late on Sunday killed four fighters, officials said on Monday.",
     ["late on Sunday", "on Monday"]),
    ("Thousands marched on Saturday, June 26, 2021, and again overnight.",
     ["on Saturday, June 26, 2021", "overnight"]),
    ("The drone strike in January 2020 killed him; since January 2020 parliament has pressed for a withdrawal.",
     ["in January 2020", "since January 2020"]),
    ("Initial strikes in February were followed by at least 40 attacks so far this year.",
     ["in February", "so far this year"]),
    ("Sept. 11, 2001 and 27 June 2021 and the 27th of June", ["Sept. 11, 2001", "27 June 2021", "the 27th of June"]),
    ("He was wounded 10 days ago and again two weeks ago.", ["10 days ago", "two weeks ago"]),
    ("The group struck last week, earlier this month and in recent days.",
     ["last week", "earlier this month", "in recent days"]),
    ("Clashes over the past 24 hours and last night left the town empty.", ["over the past 24 hours", "last night"]),
    ("Troops arrived in 2014, mid-2017 and the summer of 2018.", ["in 2014", "mid-2017", "the summer of 2018"]),
    ("Troops entered the town earlier in the week; three weeks later they left, in the first week of June.",
     ["earlier in the week", "three weeks later", "in the first week of June"]),
    ("The report is dated 2021-06-28.", ["2021-06-28"]),
])
def test_find_time_expressions(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Police said 12 people were killed.",
    "Some 2,000 troops and 2000 more may march on the capital.",  # figures, and the verbs may/march
    "The court may rule soon.",
    "Killed 1,500 fighters, the army said.",
])
def test_no_time_expression(sentence: str) -> None:
    assert find_time_expressions(sentence) == []


def test_ambiguous_month_names_need_context() -> None:
    assert texts("He may march in May. March 5 was quiet. In March the group left.") == [
        "in May", "March 5", "In March"]


def test_offsets_index_the_text() -> None:
    sentence = "Militants attacked the base late on Tuesday and fled before dawn on Wednesday."
    for s, e, text in find_time_expressions(sentence):
        assert sentence[s:e] == text


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def _pick(doc, trigger_word: str) -> str | None:
    span = pick_event_time(doc[:], _token(doc, trigger_word))
    return None if span is None else doc.text[span[0]:span[1]]


def test_pick_the_expression_of_the_trigger_clause(nlp) -> None:
    doc = nlp("Militants attacked the base on Tuesday, officials said on Wednesday.")
    assert _pick(doc, "attacked") == "on Tuesday"
    assert _pick(doc, "said") == "on Wednesday"


def test_pick_for_a_nominal_trigger(nlp) -> None:
    doc = nlp("The US launched air strikes on militia sites on Sunday night, the Pentagon said on Monday.")
    assert _pick(doc, "strikes") == "on Sunday night"


def test_a_happening_told_as_the_time_of_another_does_not_take_its_date(nlp) -> None:
    doc = nlp("The army chief stepped down on Monday following the attack on the base.")
    assert _pick(doc, "stepped") == "on Monday"
    assert _pick(doc, "attack") is None  # Monday dates the resignation
    doc = nlp("Ministers met on Monday after the attack on the base on Friday.")
    assert _pick(doc, "attack") == "on Friday"  # the trigger's own date


def test_a_time_inside_a_reference_phrase_that_holds_the_trigger_is_the_trigger_s(nlp) -> None:
    doc = nlp("Rebels launched a new push to take the northern district on Friday after claiming in "
              "early March that they had captured the southern villages.")
    assert _pick(doc, "captured") == "in early March"  # the claim's phrase holds the capture itself
    assert _pick(doc, "take") == "on Friday"
    doc = nlp("Police detained two men on Tuesday after the bombing of the station on Sunday.")
    assert _pick(doc, "detained") == "on Tuesday"


def test_a_year_before_an_event_noun_dates_it(nlp) -> None:
    doc = nlp("Analysts trace the group to the 1979 Soviet invasion of Afghanistan.")
    assert _pick(doc, "invasion") == "1979"
    doc = nlp("Some 2014 protesters marched on Friday.")
    assert _pick(doc, "marched") == "on Friday"  # a count of people is no year of the march


def test_pick_none_without_expression(nlp) -> None:
    doc = nlp("Gunmen killed four soldiers near the border.")
    assert pick_event_time(doc[:], _token(doc, "killed")) is None
    assert pick_event_time(doc, _token(doc, "killed")) is None  # a Doc works too


@pytest.mark.parametrize(("sentence_id", "trigger", "expected"), [
    # "Besigye, runner-up in the February 18 presidential election ..., was arrested Wednesday in Kampala"
    ("VOA_EN_NW_2016.05.16.3331907_1", "arrested", "Wednesday"),
    # "Van Dyke was arrested Tuesday and charged with murder"
    ("VOA_EN_NW_2015.11.26.3074855_2", "arrested", "Tuesday"),
    # "Syrian Aya Sharqawi, 6, wounded in an airstrike 10 days ago ..., Feb. 9, 2016"
    ("VOA_EN_NW_2016.02.10.3184811_6", "airstrike", "10 days ago"),
])
def test_pick_on_voa_sentences(nlp, sentence_id: str, trigger: str, expected: str) -> None:
    rec = gold_record("m2e2_voa/m2e2_text_only_event_sentences.jsonl", sentence_id, key="sentence_id")
    doc = nlp(rec["sentence"])
    assert _pick(doc, trigger) == expected


@pytest.mark.parametrize(("sentence", "expr", "tense"), [
    ("On Thursday, Modi is due to hold a meeting to review the treaty.", "On Thursday", "future"),
    ("Gazprom will present the company with a bill in June.", "in June", "future"),
    ("The talks are to resume on Monday.", "on Monday", "future"),
    ("Militants attacked the base on Tuesday.", "on Tuesday", "past"),
    ("He said he will retaliate after the attack on Sunday killed 12 people.", "on Sunday", "past"),
    ("Defense Minister Sergei Shoigu said Wednesday the military will send missiles.", "Wednesday", "past"),
    ("The militia has been attacking US bases since January 2020.", "since January 2020", "past"),
    # a commissive verb's infinitive is still to come; a date on the verb itself dates the vow
    ("Opposition groups have vowed to stage mass sit-ins Monday in the capital.", "Monday", "future"),
    ("Teachers have pledged to march on Thursday.", "on Thursday", "future"),
    ("The group vowed on Monday to stage sit-ins.", "on Monday", "past"),
    ("The union promised on Tuesday to end the strike.", "on Tuesday", "past"),
    # a headline's "<subject> to <verb>" is its future; what is called for is still to come
    ("Syria peace talks to begin on Tuesday in Geneva", "on Tuesday", "future"),
    ("Opposition parties have called for a general strike on Thursday.", "on Thursday", "future"),
])
def test_expression_tense(nlp, sentence: str, expr: str, tense: str) -> None:
    doc = nlp(sentence)
    start = sentence.index(expr)
    assert expression_tense(doc[:], start, start + len(expr)) == tense


def test_a_scheduled_event_is_dated_forward_and_is_not_yet_asserted():
    import sitrep

    talks = sitrep.code("Peace talks between the two sides are to begin on Tuesday in Geneva.", date="2024-05-22")
    assert [(e.event, e.modality, e.date) for e in talks] == [("CONSULT", "hypothetical", "2024-05-28")]
    said = sitrep.code("The government said it would hold talks with the rebels on Friday.", date="2024-05-22")
    assert [(e.event, e.date) for e in said] == [("CONSULT", "2024-05-24")]
    done = sitrep.code("Rebels attacked the town on Tuesday.", date="2024-05-22")
    assert [(e.modality, e.date) for e in done] == [("asserted", "2024-05-21")]


def test_a_date_in_a_relative_clause_dates_that_clause_only():
    import sitrep

    evs = sitrep.code("The report came out on Friday. Yingluck, whose party won a landslide victory in the election "
                      "in 2011, was detained by the military on Thursday.", date="2014-05-25")
    assert [(e.event, e.date) for e in evs if e.event == "COERCE"] == [("COERCE", "2014-05-22")]


def test_a_date_in_an_ahead_of_or_after_phrase_dates_the_reference_event():
    import sitrep

    evs = sitrep.code("Egypt authorities have arrested dozens of activists ahead of Monday's planned "
                      "anti-government protests.", date="2016-04-24")
    arrests = [e for e in evs if e.event == "COERCE"]
    assert [(e.modality, e.date_precision) for e in arrests] == [("asserted", "publication")]
    evs = sitrep.code("Police arrested two men after Monday night.", date="2016-04-24")
    assert [e.date for e in evs if e.event == "COERCE"] == ["2016-04-18"]


def test_a_passive_infinitive_after_a_noun_dates_ahead(nlp) -> None:
    sentence = "India said Modi will not attend a regional summit to be held in Islamabad in November."
    doc = nlp(sentence)
    start = sentence.index("in November")
    assert expression_tense(doc[:], start, start + len("in November")) == "future"
    assert texts("a devastating attack in December of 2014 in which") == ["in December of 2014"]


def test_narrative_in_the_simple_past_keeps_the_sentence_before_its_date():
    import sitrep

    text = ("Students marched in Cairo on April 15. Police arrested dozens of them in the square. "
            "Officials have since detained more students.")
    evs = sitrep.code(text, date="2016-06-27")
    arrests = [(e.evidence.trigger.text, e.date, e.date_precision) for e in evs if e.event == "COERCE"]
    assert ("arrested", "2016-04-15", "day") in arrests
    # a perfect is told from the report's time, not the story's: it takes no date from before
    assert ("detained", "2016-06-27", "publication") in arrests


def test_a_date_inside_an_apposition_tells_the_thing_described(nlp) -> None:
    doc = nlp("Later in the day, students were arrested in Tahrir Square, the epicenter of mass protests in 2011.")
    assert _pick(doc, "arrested") == "Later in the day"
    doc = nlp("Students were arrested in Tahrir Square, the epicenter of mass protests in 2011.")
    assert _pick(doc, "arrested") is None  # 2011 is the square's story, not the arrests' date
    assert _pick(doc, "protests") == "in 2011"


def test_a_date_in_an_infinitive_after_another_noun_dates_that_thing(nlp) -> None:
    """"a summit to be held in November": November dates the summit, not the refusal to attend
    it nor a happening of the main clause; a trigger that heads the infinitive keeps it."""
    doc = nlp("India announced that Prime Minister Modi will not attend a regional summit to be held in "
              "Islamabad in November.")
    assert _pick(doc, "attend") is None
    assert _pick(doc, "summit") == "in November"
    # a past participle after a noun ("a raid launched on Sunday") tells the same time
    doc = nlp("Militants were killed in a raid launched on Sunday.")
    assert _pick(doc, "killed") == "on Sunday"


def _gap(nlp, sentence: str, trigger_word: str) -> int | None:
    doc = nlp(sentence)
    span = pick_event_time(doc, _token(doc, trigger_word))
    assert span is not None
    return measured_gap_days(_token(doc, trigger_word), span)


def test_a_clause_measured_from_another_time_is_that_far_from_it(nlp) -> None:
    # "two days after X": X lies two days before the time of the clause the date belongs to
    assert _gap(nlp, "Mourners gather at the square on March 12, 2019, three days after a bomber killed "
                     "nine people at the market.", "killed") == -3
    assert _gap(nlp, "The ministers met in Geneva on May 4, 2018, a week before rebels seized the town.",
                "seized") == 7
    assert _gap(nlp, "Police patrolled Ferguson on Monday, one night after officers shot a suspect.", "shot") == -1
    # the clause's own date is its own, and an unmeasured "after" says nothing of the gap
    assert _gap(nlp, "Two days after rebels seized the town on Friday, the ministers met.", "seized") is None
    assert _gap(nlp, "The ministers met in Geneva on May 4, 2018, after rebels seized the town.", "seized") is None


def test_a_measure_the_parser_hung_on_the_main_verb_still_measures_the_gap(nlp) -> None:
    """"came one night after officers shot": the parser makes "night" the main verb's, right
    before the "after" clause; it still measures that clause from the main one."""
    doc = nlp("The police presence in the town came one night after officers shot and wounded a teenager.")
    assert measured_gap_days(_token(doc, "wounded"), None) == -1
    assert measured_gap_days(_token(doc, "shot"), None) == -1
    # a measure of the main clause that is not right before the "after" clause measures nothing
    doc = nlp("Troops stayed one night in the town after rebels shelled it.")
    assert measured_gap_days(_token(doc, "shelled"), None) is None


def test_the_news_of_a_report_after_a_night_of_unrest_is_that_nights() -> None:
    """A report of Tuesday telling the city's state "on Tuesday after a second night of violence" tells
    the night's news: an undated happening it tells in the simple past, past a quote that ends the
    narrative, is of Monday night, and one measured from it counts back from there."""
    from sitrep.pipeline import code

    events = code('The city remained under a curfew on Tuesday after a second night of violence. "We are not '
                  'afraid of them," a resident said. The beefed-up police presence came one night after officers '
                  'shot and wounded a teenager.', date="2016-03-15")
    dated = {e.evidence.trigger.text: (e.date, e.date_precision) for e in events}
    assert dated.get("presence") == ("2016-03-14", "day"), dated
    assert dated.get("wounded") == ("2016-03-13", "day"), dated
    # a report of a later day than the one the state is told of keeps its own day
    events = code('The city remained under a curfew on Tuesday after a second night of violence. "We are not '
                  'afraid of them," a resident said. The beefed-up police presence came one night after officers '
                  'shot and wounded a teenager.', date="2016-03-17")
    dated = {e.evidence.trigger.text: (e.date, e.date_precision) for e in events}
    assert dated.get("presence") == ("2016-03-17", "publication"), dated


def test_a_measured_clause_is_dated_back_from_the_day_given() -> None:
    from sitrep.pipeline import code

    events = code("Mourners gather at the square on March 12, 2019, three days after a bomber killed nine "
                  "people at the market in Kabul.", date="2019-03-13")
    killing = [e for e in events if e.evidence.trigger.text == "killed"]
    assert killing and killing[0].date == "2019-03-09" and killing[0].date_precision == "day"


def test_the_happening_of_a_night_a_dated_day_comes_after_is_of_the_day_before(nlp) -> None:
    """"Calm on Sunday after a night of clashes": the clashes were Saturday night."""
    def night(sentence: str, trigger_word: str) -> int | None:
        doc = nlp(sentence)
        span = pick_event_time(doc, _token(doc, trigger_word))
        assert span is not None
        return night_before_gap(_token(doc, trigger_word), span)

    assert night("The capital remained under a curfew on Tuesday after a second night of clashes between "
                 "police and protesters.", "clashes") == -1
    assert night("The capital remained under a curfew on Tuesday after a second night of clashes between "
                 "police and protesters.", "protesters") == -1
    # a night dated itself, and a night the clause does not come after, say nothing of the day before
    assert night("Kiev was calm after a night of clashes on Saturday.", "clashes") is None
    assert night("The capital remained under a curfew on Tuesday after three nights of clashes.", "clashes") is None
    assert night("Troops fought a night of clashes with rebels on Tuesday.", "clashes") is None


def test_a_night_a_dated_day_comes_after_dates_the_story_after_it() -> None:
    from sitrep.pipeline import code

    events = code("The capital remained under a curfew on Tuesday after a second night of clashes between "
                  "police and protesters. Police said they arrested 40 people after rioters torched cars.",
                  date="2016-03-15")
    dated = {e.evidence.trigger.text: e.date for e in events}
    assert dated.get("clashes") == "2016-03-14" and dated.get("arrested") == "2016-03-14", dated
    assert dated.get("curfew") == "2016-03-15", dated


def test_a_state_told_after_a_night_of_happenings_is_dated_by_its_day(nlp) -> None:
    """"remained under a state of emergency Tuesday after a second night of violence": the
    sentence tells Tuesday's state; the night it comes after is the one before Tuesday."""
    def told(sentence: str) -> str | None:
        doc = nlp(sentence)
        span = night_before_state(doc)
        return doc.text[span[0]:span[1]] if span is not None else None

    assert told("The city remained under a state of emergency on Tuesday after a second night of violence.") \
        == "on Tuesday"
    assert told("Kiev was calm on Sunday after a night of clashes between police and protesters.") == "on Sunday"
    # a night dated itself, an act (no state) after the night, and no night at all
    assert told("Kiev was calm after a night of clashes on Saturday.") is None
    assert told("Troops shelled the town on Tuesday after a night of clashes.") is None
    assert told("The city remained under a curfew on Tuesday after a week of violence.") is None


def test_the_story_after_a_state_told_after_a_night_is_of_that_night() -> None:
    from sitrep.pipeline import code

    # (the night's violence makes no record of its own to carry the narrative: the state's day
    # would, and the arrests are not of Tuesday)
    events = code("The city remained under a curfew on Tuesday after a second night of violence. "
                  "Police said they arrested 40 people after rioters torched cars.", date="2016-03-15")
    dated = {e.evidence.trigger.text: e.date for e in events}
    assert dated.get("curfew") == "2016-03-15", dated
    assert dated.get("arrested") == "2016-03-14" and dated.get("torched") == "2016-03-14", dated


def test_a_time_still_to_come_does_not_date_an_act_told_as_done(nlp) -> None:
    """A visit "scheduled for June" is a plan; June cannot date the cancelling, which is done."""
    sentence = ("The U.S. military has canceled exercises with Thailand and a visit by its fleet commander "
                "originally scheduled for June, the Pentagon said Saturday.")
    assert _pick(nlp(sentence), "canceled") == "Saturday"
    doc = nlp("The army will cancel a visit planned for next week, officials said on Monday.")
    assert _pick(doc, "cancel") == "for next week"  # an act still to come may take it


def test_a_date_in_a_complement_clause_dates_what_the_clause_tells(nlp) -> None:
    """What is demanded, warned of or said has its own time: a year in it is not the demand's."""
    doc = nlp("Protesters demanded that the governor resign because police attacked marchers in 2019.")
    assert _pick(doc, "demanded") is None
    assert _pick(doc, "attacked") == "in 2019"
    doc = nlp("The minister warned that the rebels would attack the city in June.")
    assert _pick(doc, "warned") is None


def test_a_relative_clause_on_the_happening_dates_it(nlp) -> None:
    """"the truce which began on April 12" tells of the truce itself; a clause where the happening
    is only the object ("the truce which the rebels broke") tells of another act."""
    doc = nlp("Monitors are in Syria to observe the truce which began on April 12.")
    assert _pick(doc, "truce") == "on April 12"
    doc = nlp("Monitors are in Syria to observe the truce which the rebels broke on April 12.")
    assert _pick(doc, "truce") is None


def test_the_next_day_counts_from_the_story_day_told_before():
    import sitrep

    text = ("Protesters marched through the capital on June 3. The next day, police arrested 40 of them. "
            "The army had issued a curfew the day before.")
    evs = sitrep.code(text, date="2016-06-10")
    dates = {e.evidence.trigger.text: e.date for e in evs}
    assert dates["arrested"] == "2016-06-04"
    assert dates["curfew"] == "2016-06-03"


def test_early_in_a_month_is_over_before_the_news_week():
    """"In early June" in a report of June 21 is context (background), though June is this month;
    the date stays June at month precision, as ACLED codes it."""
    import sitrep

    evs = sitrep.code("In early June, five intelligence officers were killed in an attack near the capital.",
                      date="2016-06-21")
    assert {(e.date, e.date_precision, e.modality) for e in evs if e.event == "ASSAULT"} == {
        ("2016-06-01", "month", "historical")}
    evs = sitrep.code("In mid-June, five intelligence officers were killed in an attack near the capital.",
                      date="2016-06-21")
    assert {e.modality for e in evs if e.event == "ASSAULT"} == {"asserted"}


def test_what_an_anniversary_is_of_lies_whole_years_back(nlp) -> None:
    import sitrep
    from sitrep.nlp.timex import anniversary_of

    doc = nlp("Violence marked the first anniversary of the shooting death of an unarmed man.")
    assert anniversary_of(_token(doc, "shooting")) == (True, 1)
    doc = nlp("Thousands rallied on the 10th anniversary of the bombing.")
    assert anniversary_of(_token(doc, "bombing")) == (True, 10)
    assert anniversary_of(_token(doc, "rallied")) == (False, None)
    doc = nlp("Protesters marked the anniversary of the massacre.")
    assert anniversary_of(_token(doc, "massacre")) == (True, None)
    evs = sitrep.code("Thousands rallied in Baghdad on the 10th anniversary of the bombing that killed 50 people.",
                      date="2015-08-11")
    assert [(e.date, e.date_precision, e.modality) for e in evs if e.event == "ASSAULT"] == [
        ("2005-08-01", "month", "historical")]


def test_a_days_possessive_under_against_or_over_dates_the_happening_answered(nlp) -> None:
    """"a protest against Sunday's attack": Sunday is the attack's day, not the protest's."""
    doc = nlp("Hundreds of students joined a protest against Sunday's attack on the army base.")
    assert _pick(doc, "attack") == "Sunday"
    assert _pick(doc, "protest") is None
    doc = nlp("Anger grew in the city over Friday's killing of a student.")
    assert _pick(doc, "Anger") is None
    # a caption's closing date hangs on its last noun: still the caption's own
    doc = nlp("A demonstrator is arrested by riot police while rallying against the government "
              "in Caracas, Venezuela, April 10, 2017")
    assert _pick(doc, "arrested") == "April 10, 2017"


def test_a_past_time_on_a_saying_in_the_present_dates_what_is_said(nlp) -> None:
    """A saying in the present is now: "Later in the day, observers say students were arrested"
    dates the arrests, before a year told of a place in the clause, also where a caption run into
    the sentence (VOA dev) leaves a parse that hangs the year under the arrest."""
    import sitrep

    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2016.06.27.3393616")
    evs = [e for e in sitrep.code(rec["text"], date=rec["date"])
           if e.event == "COERCE" and "Later in the day" in e.evidence.sentence]
    assert evs and {(e.date, e.modality) for e in evs} == {("2016-06-27", "asserted")}
    doc = nlp("Officials said on Monday that militants attacked a checkpoint.")
    assert _pick(doc, "attacked") == "on Monday"  # (a saying in the past keeps its own date)


def test_a_photo_caption_is_dated_by_the_day_it_closes_with():
    """A caption's own happening is of the day its picture was taken, and "10 days ago" in it counts
    from that day, not from the report's."""
    import sitrep

    evs = sitrep.code("A demonstrator hits a poster during a protest against Sunday's attack on an army base "
                      "in Jammu, India, Sept. 21, 2016", date="2016-09-27")
    assert {(e.date, e.date_precision) for e in evs if e.event == "PROTEST"} == {("2016-09-21", "day")}
    evs = sitrep.code("Syrian Aya Sharqawi, 6, wounded in an airstrike 10 days ago in her hometown of Tel Rifaat, "
                      "Syria, lays on her bed at a hospital in Kilis, Turkey, Feb. 9, 2016", date="2016-02-10")
    assert {e.date for e in evs if e.event == "ASSAULT"} == {"2016-01-30"}


def test_a_planned_protest_and_a_headlines_talks_are_dated_forward():
    """"have called for a general strike on Thursday" is the strike planned for the coming Thursday;
    "Talks to begin on Tuesday" is still to come, not last Tuesday's."""
    import sitrep

    evs = sitrep.code("Opposition parties have called for a general strike on Thursday.", date="2017-03-01")
    assert {(e.event, e.date, e.modality) for e in evs} == {("PROTEST", "2017-03-02", "hypothetical")}
    evs = sitrep.code("Peace talks between the government and the rebels to begin on Tuesday in Geneva",
                      date="2017-03-01")
    assert {(e.event, e.date, e.modality) for e in evs} == {("CONSULT", "2017-03-07", "hypothetical")}


def test_a_happening_told_as_following_one_of_a_named_month_is_of_that_month(nlp) -> None:
    """"seized the base after a lengthy siege in August 2013": with no date of its own, the
    seizure is of August 2013 (background), not of the report's day; a day of its own wins."""
    import sitrep
    from sitrep.nlp.timex import after_reference_time

    doc = nlp("The rebels seized the air base from the army after a lengthy siege in August 2013.")
    span = after_reference_time(doc[:], _token(doc, "seized"))
    assert span is not None and doc.text[span[0]:span[1]] == "in August 2013"
    evs = sitrep.code(doc.text, date="2016-02-10")
    assert {(e.date, e.date_precision, e.modality) for e in evs if e.evidence.trigger.text == "seized"} == {
        ("2013-08-01", "month", "historical")}
    evs = sitrep.code("The rebels seized the air base on Tuesday after a lengthy siege in August 2013.",
                      date="2016-02-10")
    assert {e.date for e in evs if e.evidence.trigger.text == "seized"} == {"2016-02-09"}


def test_a_thing_done_dated_just_after_the_report_stays_asserted():
    """A verb in the simple past tells a thing done: "On March 3, troops killed five militants" in a
    report stamped March 1 keeps the story's date and is no plan."""
    import sitrep

    evs = sitrep.code("On March 3, troops killed five militants near the border.", date="2017-03-01")
    assert {(e.date, e.modality) for e in evs if e.event == "ASSAULT"} == {("2017-03-03", "asserted")}
    evs = sitrep.code("Troops will attack the militants near the border on March 3.", date="2017-03-01")
    assert {(e.date, e.modality) for e in evs if e.event == "ASSAULT"} == {("2017-03-03", "hypothetical")}


def test_a_decade_is_a_time_expression_that_places_its_event_years_back() -> None:
    import sitrep

    assert texts("Churches sheltered refugees during the 1980s; in the late 1990s the army returned.") == [
        "during the 1980s", "in the late 1990s"]
    # the decade names no date of its own: the event is background, not of the report's day
    evs = sitrep.code("In the 1990s, the army arrested hundreds of opposition activists in the capital.",
                      date="2017-03-01")
    assert {(e.date, e.modality) for e in evs if e.event == "COERCE"} == {(None, "historical")}


def test_in_recent_years_is_a_time_expression() -> None:
    assert texts("Attacks on the border have grown in recent years.") == ["in recent years"]


def test_a_superlatives_range_dates_no_happening(nlp) -> None:
    # "since 2003", "in recent years": the range the superlative on the trigger compares over,
    # not the happening's time
    for sentence, trigger in [("The most violent clashes since 2003 erupted in Basra.", "clashes"),
                              ("Students staged the largest protests in recent years outside parliament.", "protests")]:
        doc = nlp(sentence)
        trig = next(t for t in doc if t.text == trigger)
        assert pick_event_time(doc[:], trig) is None, sentence
    # "Iraq's second-largest city on Sunday": a superlative describing another noun is no range
    doc = nlp("Iraqi forces launched a new bid to retake the western areas of Iraq's second-largest city on Sunday.")
    trig = next(t for t in doc if t.text == "retake")
    span = pick_event_time(doc[:], trig)
    assert span is not None and doc.text[span[0]:span[1]] == "on Sunday"


def test_a_noun_trigger_is_measured_by_the_verb_it_is_the_subject_of(nlp) -> None:
    # "a day after an airstrike killed 12 civilians": the airstrike is the killing's day
    assert _gap(nlp, "Thousands marched in the capital on Sunday, a day after an airstrike killed 12 "
                     "civilians in the north.", "airstrike") == -1
    assert _gap(nlp, "Police arrested three suspects on Wednesday, two days after a bomb killed 12 people "
                     "at a market.", "bomb") == -2


def test_a_measured_clause_in_a_sentence_with_no_time_is_measured_from_the_story(nlp) -> None:
    # no expression in the sentence: the gap still holds, from the time the story gives the clause
    doc = nlp("The unrest came a day after soldiers shot dead two students.")
    assert measured_gap_days(_token(doc, "shot"), None) == -1


def test_a_time_right_after_a_verb_of_saying_is_the_sayings(nlp) -> None:
    # the parser hangs "on Thursday" on "killed"; it dates the saying, and "on Tuesday" the killing
    doc = nlp("The army said on Thursday it had killed 20 militants in airstrikes on Tuesday.")
    span = pick_event_time(doc[:], _token(doc, "killed"))
    assert span is not None and doc.text[span[0]:span[1]] == "on Tuesday"
    # with no other time in the sentence, the saying's still dates what is said
    doc = nlp("The army said on Thursday it had killed 20 militants.")
    span = pick_event_time(doc[:], _token(doc, "killed"))
    assert span is not None and doc.text[span[0]:span[1]] == "on Thursday"


@pytest.mark.parametrize("text", [
    "Gunmen attacked a village in Borno state on Tuesday, killing 12 people.",
    "The strike came two days after rebels shelled the town in late MARCH.",
    "Fighting resumed at dawn as the army moved on the city.",
    "Police said the bombing on 3 Ju\u0131y killed four people",  # non-ASCII: the regex decides
    "Troops entered the Kelvin \u212aarkh district on Sunday morning",
    "",
])
def test_time_gates_open_as_their_regexes_match(text):
    from sitrep.nlp.timex import _gate_open, _gate_words, _gates

    low = text.lower() if text.isascii() else None
    for gate, words in zip(_gates(), _gate_words(), strict=True):
        assert _gate_open(gate, words, text, low) == (gate.search(text) is not None)


def test_a_clause_with_its_verb_left_out_tells_another_time(nlp) -> None:
    """'as they had last year': a subordinate clause of subject and auxiliary alone says the act
    was done before (or again); its time is that other act's, not the trigger's."""
    doc = nlp("The rebels claimed responsibility for the ambush, as they had last year after the raid on the airport.")
    assert _pick(doc, "ambush") is None
    doc = nlp("The army attacked the village again, just as it had in May.")
    assert _pick(doc, "attacked") is None
    doc = nlp("The rebels claimed responsibility for the ambush on Monday, as they had last year.")
    assert _pick(doc, "ambush") == "on Monday"
    # a clause with a verb of its own still shares the trigger's time
    doc = nlp("Police fired tear gas as protesters marched on Sunday.")
    assert _pick(doc, "fired") == "on Sunday"
