"""nlp.sentences: the regex splitter on real and written text."""

import json

import pytest
from conftest import gold_record, seed_text, shared_file

import sitrep
from sitrep.nlp.sentences import split_sentences


def test_offsets_point_at_the_sentence_text():
    text = "Gen. Smith met Cmdr. Jones in the U.S. on Monday. They agreed.\n\nNew paragraph here"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Gen. Smith met Cmdr. Jones in the U.S. on Monday.", "They agreed.", "New paragraph here",
    ]


def test_initials_and_decimals_do_not_split():
    text = "George W. Bush said 3.5 million people voted. Turnout rose."
    assert len(split_sentences(text)) == 2


def test_seed_article_sentences():
    text = seed_text()
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert "The US has not yet responded to the proposal." in sents
    assert any(s.startswith("Pentagon spokeswoman Cmdr Jessica McNulty told Military Times") for s in sents)
    # every span is stripped and inside the text
    for s, e in split_sentences(text):
        assert text[s:e] == text[s:e].strip() and 0 <= s < e <= len(text)


def test_run_on_text_is_cut_at_sentence_openers():
    # full stops lost in scraping: a long "sentence" is cut where a capitalised opener follows a lower-case word
    text = (
        "Government troops shelled rebel positions around the northern town for a third day on Tuesday, "
        "residents said, and at least a dozen houses were destroyed in the fighting near the market "
        "The army said its units had repelled an attack on a checkpoint outside the town and killed "
        "several fighters, a claim that could not be independently verified, according to The Associated "
        "Press In the capital, hundreds of people marched to the parliament to demand an end to the war "
        "and the release of detained activists"
    )
    assert len(text) > 400
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert [s.split()[0] for s in sents] == ["Government", "The", "In"]
    assert "according to The Associated Press" in sents[1]  # a title after "to" is not an opener
    short = "Police said the protest ended peacefully The organisers disagreed"
    assert split_sentences(short) == [(0, len(short))]  # short text is left alone


def test_run_on_voa_report_is_split():
    path = shared_file("corpora", "voa_news.jsonl")
    with path.open(encoding="utf-8") as fh:
        text = json.loads(fh.readline())["text"]
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert "The ruling will allow high school student Gavin Grimm to move forward with a lawsuit he filed last year" in sents
    assert any(s.startswith("In North Carolina, boycotts of the state") for s in sents)


def test_wire_slugs_are_not_words():
    from sitrep.nlp.sentences import wire_slug_length

    assert wire_slug_length("REFILE-Insurgents attack town north of Baghdad.") == len("REFILE-")
    assert wire_slug_length("UPDATE 4-Urban killings, air strikes as bloodshed worsens") == len("UPDATE 4-")
    assert wire_slug_length("Update on the talks in Geneva.") == 0  # only the wire's capitals


def test_a_slug_number_is_no_death_toll():
    import sitrep

    text = "UPDATE 3-Gunmen kill 12 in attack on Baghdad market."
    evs = [e for e in sitrep.code(text, date="2016-01-01") if e.event == "ASSAULT"]
    assert evs and {e.fatalities for e in evs} == {12}
    assert all(e.evidence.sentence.startswith("Gunmen") for e in evs)


# --- full stops lost in scraping, found again from the tagger (sentences.split_parsed) ------------


def _parsed_parts(text: str) -> list[str]:
    """The parts a parsed text is cut into after the parse (run-on cuts), as strings."""
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    return [d.text for _, d in split_parsed(next(parse([text])))]


def _voa_article(article_id: str) -> str:
    return str(gold_record("articles/voa_dev.jsonl", article_id)["text"])


def test_a_run_on_is_cut_where_a_capitalised_common_word_follows_a_lower_case_one():
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    text = _voa_article("VOA_EN_NW_2016.09.27.3527025")
    start = text.index("They are believed to be Afghanistan and Bangladesh")
    end = text.index("Modi's decision to stay away")
    doc = next(parse([text[start:end]]))
    parts = [text[start + off:start + off + len(d.text.rstrip())] for off, d in split_parsed(doc)]
    assert parts[0].endswith("which also blame Pakistan for supporting terror groups"), parts
    assert parts[1].startswith("Neither country has publicly disclosed such reservations"), parts


def test_a_run_on_is_cut_at_an_article_a_whose_noun_phrase_a_verb_ends_and_the_phrase_is_its_subject():
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    text = _voa_article("VOA_EN_NW_2016.05.12.3327048")
    start = text.index("Pakistan insists it is continuing")
    end = text.index("as part of those efforts", start)
    doc = next(parse([text[start:end]]))
    parts = split_parsed(doc)
    assert [d.text.split()[:2] for _, d in parts] == [["Pakistan", "insists"], ["A", "delegation"]]
    # the noun phrase the parser hung on the clause before the cut is the subject of its own verb
    visited = next(t for t in parts[1][1] if t.text == "visited")
    assert [t.text for t in visited.children if t.dep_ == "nsubj"] == ["delegation"] and visited.dep_ == "ROOT"
    # a letter label is no article, nor an "A" that no verb follows
    assert _parsed_parts("Children with vitamin A deficiency go blind.") == ["Children with vitamin A deficiency go blind."]
    assert len(_parsed_parts("He rated the show a grade A performance in every way.")) == 1


def test_an_article_a_opens_a_sentence_when_an_adverb_stands_between_its_noun_and_the_verb():
    # a lost full stop, then "A <noun> <adverb> <verb>": the adverb sits between the subject and its verb
    parts = _parsed_parts("Residents of the border villages have burned tyres and blocked the main road for three days "
                          "A group of farmers later marched to the governor's office on Wednesday, chanting slogans")
    assert [p.split()[:2] for p in parts] == [["Residents", "of"], ["A", "group"]], parts
    # an adverb with no noun before it is no subject's ("they rated it A very good")
    assert len(_parsed_parts("The inspectors rated the new hospital building A very good score last year.")) == 1


def test_a_run_on_is_cut_before_a_caption_that_places_a_named_person_in_its_picture():
    import sitrep

    rec = gold_record("articles/voa_dev.jsonl", "VOA_EN_NW_2016.09.02.3491404")
    text = rec["text"]
    start = text.index("A top U.S. commander said Afghan forces")
    end = text.index("July 9, 2016", start) + len("July 9, 2016")
    assert _parsed_parts(text[start:end])[-1].startswith("Afghan President Ashraf Ghani, center, speaks")
    # cut from the words before it, the caption's clause keeps its parties: who speaks with whom
    summit = next(e for e in sitrep.code(text[start:end], date=rec["date"]) if e.event == "CONSULT")
    assert [a.name for a in summit.actor] == ["Ashraf Ghani"]
    # a name in its place in a picture right after a function word is no run-on
    assert len(_parsed_parts("The photo shows officials with President Ashraf Ghani, center, at the ceremony.")) == 1


def test_a_run_on_is_cut_before_a_capitalised_subject_that_opens_a_clause_of_its_own():
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    # a date, then the next sentence's subject (a name: no opener word to cut at)
    text = _voa_article("VOA_EN_NW_2016.07.10.3411182")
    start = text.index("Police survey the crime scene")
    end = text.index("over a debt") + len("over a debt")
    doc = next(parse([text[start:end]]))
    parts = [text[start + off:start + off + len(d.text.rstrip())] for off, d in split_parsed(doc)]
    assert [p[:30] for p in parts][-1] == "National Police spokesman Kirt", parts
    # a comma splice: the second clause joined with no "and"
    text = _voa_article("VOA_EN_NW_2016.04.24.3300395")
    start = text.index("have vowed to stage mass sit-ins")
    end = text.index("according to a group of")
    doc = next(parse([text[start:end]]))
    assert [d.text.split()[0] for _, d in split_parsed(doc)] == ["have", "Sinai"]


@pytest.mark.parametrize(("text", "second"), [
    # the parser hangs the second sentence as the complement of a verb that takes no clause
    ("Hundreds of soldiers were offering special Friday prayers Afghan soldiers stand guard at the gate.",
     "Afghan soldiers stand guard"),
    ("The minister said the bill would protect Israel as a Jewish and democratic state "
     "Israeli Prime Minister Binyamin Netanyahu initiated the legislation last month.",
     "Israeli Prime Minister Binyamin Netanyahu"),
    # a verb of saying whose complement is already there before the capitalised subject
    ("Officials claimed the protesters were part of an outside plot to destabilize the country "
     "Thousands of mourners turned out Saturday in the city.", "Thousands of mourners"),
])
def test_a_run_on_is_cut_where_a_stray_complement_clause_begins(text, second):
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith(second), parts


@pytest.mark.parametrize("sentence", [
    # a complement clause with no "that", a fronted phrase, a fronted clause with its comma
    "The army said in a statement Russian jets bombed the town.",
    "In Aleppo Syrian troops attacked the town.",
    "After the troops left the village, Rebels took it back.",
    "Officials said the attack in 2015 Syrian troops carried out was planned.",
    # a complement clause after a hearer, a fronted phrase inside the second clause, a comma
    "The commander told reporters in a briefing Syrian troops had taken the town.",
    "The report said that in the last two years China has reclaimed 1,170 hectares.",
    "As settlers bemoaned their fate, Arabs in a neighboring Palestinian village clapped.",
])
def test_a_capitalised_subject_inside_one_sentence_is_not_cut(sentence):
    assert len(_parsed_parts(sentence)) == 1


@pytest.mark.parametrize("sentence", [
    "Police arrest Black Lives Matter leader DeRay McKesson during a protest.",
    "India's Foreign Minister Sushma Swaraj told the U.N. General Assembly in New York it is time.",
    "Rebels are rising among Syrian rebel factions and civilians alike.",
    "Abu Bakr al-Baghdadi leads the group.",
])
def test_names_and_demonyms_are_not_cut(sentence):
    assert len(_parsed_parts(sentence)) == 1


def test_a_subheading_run_into_its_paragraph_is_cut():
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    text = _voa_article("VOA_EN_NW_2014.09.10.2444962")
    start = text.index("Gulf outreach-The Arab League")
    doc = next(parse([text[start:start + 120]]))
    offsets = [off for off, _ in split_parsed(doc)]
    assert len("Gulf outreach-") in offsets


@pytest.mark.parametrize(("text", "title"), [
    # a headline run into its story by a hyphen, before a capitalised dateline
    ("Rebels Seize Border Town After Week of Fighting-GOMA, CONGO —\u00a0-Rebels took the town of Bunagana on "
     "Monday after a week of clashes with the army.", "Rebels Seize Border Town After Week of Fighting"),
    ("S. Sudan Troops Accused of Looting Aid Convoy -JUBA —\u00a0-Soldiers looted a convoy of aid trucks on Friday.",
     "S. Sudan Troops Accused of Looting Aid Convoy"),
    # no dateline: title-case words, then a sentence in ordinary case
    ("Police Break Up Student March in Capital-Police fired tear gas at hundreds of students who marched on "
     "parliament on Tuesday.", "Police Break Up Student March in Capital"),
    ("Minister: No Plans to Send More Troops North-U.S. Defense Secretary John Doe says the country is not "
     "considering more troops.", "Minister: No Plans to Send More Troops North"),
])
def test_a_headline_run_into_its_article_is_a_sentence_of_its_own(text, title):
    from sitrep.nlp.sentences import leading_title_end

    end = leading_title_end(text)
    assert text[:end].strip() == title
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents[0] == title and not sents[1].startswith("-")


@pytest.mark.parametrize("text", [
    "Government forces shelled the town of Bunagana-Kisoro on Monday, residents said.",  # a sentence, not title case
    "Anti-government protesters marched in the capital on Friday.",  # a prefix, not a headline
    "U.S.-backed forces took the airport on Sunday after a day of fighting.",
    "Rebels Seize Border Town",  # nothing after it
])
def test_ordinary_openings_are_no_headline(text):
    from sitrep.nlp.sentences import leading_title_end

    assert leading_title_end(text) == 0


@pytest.mark.parametrize(("record_id", "title"), [
    ("VOA_EN_NW_2017.04.13.3808915", "Fifth Protester Killed as Venezuela Unrest Intensifies"),
    # the headline comes again further down, run into a video box ("...in Egypt-Share this video-0:01:08")
    ("VOA_EN_NW_2016.06.27.3393616", "Students Protest Facebook Cheating Scandal in Egypt"),
])
def test_a_headline_in_a_real_article_gives_no_record_of_its_own(record_id, title):
    # the gold set's analysts never take evidence from a headline: the story tells its news itself
    from sitrep import code
    from sitrep.nlp.sentences import leading_title_end

    rec = gold_record("articles/voa_dev.jsonl", record_id)
    text = rec["text"]
    end = leading_title_end(text)
    assert end and text[:end].strip() == title
    events = code(text, date=rec["date"])
    assert events and all(ev.evidence.start >= end and not text.startswith(title, ev.evidence.start) for ev in events)


def test_run_on_text_longer_than_the_parser_reads_is_cut_so_nothing_is_clipped():
    from sitrep import defaults
    from sitrep.nlp.sentences import split_sentences

    # lost full stops and no opener word to cut at: lower-case words turning into names
    clause = "rebels said fighting went on near the river Soldiers of the army said nothing more "
    text = clause * 40
    spans = split_sentences(text)
    assert all(e - s <= defaults.MAX_SENTENCE_CHARS for s, e in spans)
    assert spans[-1][1] == len(text.rstrip())
    # nothing is lost between the pieces but the spaces they were cut at
    assert sum(e - s for s, e in spans) >= len(text.rstrip()) - len(spans)
    assert any(text[s:].startswith("Soldiers") for s, _ in spans[1:])
    # a capitalised word after a capitalised one is inside a name, never a cut
    named = "leaders met at Sunnylands in Rancho Mirage for a summit on trade and security " * 40
    assert not any(named[s:].startswith("Mirage") for s, _ in split_sentences(named))


def test_a_caption_date_ends_its_sentence_when_the_full_stop_was_lost():
    caption = ("Russian President Vladimir Putin, right, and Syrian President Bashar Assad arrive for their meeting in "
               "the Kremlin in Moscow, Russia, Oct. 20, 2015")
    text = caption + " Moderate Muslims were asked to take a more active role. On Oct. 20, 2015 the minister flew home."
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == [caption, "Moderate Muslims were asked to take a more active role.",
                     "On Oct. 20, 2015 the minister flew home."]
    # a date inside a sentence, after a comma, that goes on in small letters stays in it
    inside = "Talks began in Geneva, April 10, 2017 and ended without a deal."
    assert [inside[s:e] for s, e in split_sentences(inside)] == [inside]


def test_a_caption_date_with_its_weekday_ends_its_sentence():
    """", Friday, Oct. 9, 2015" ends a caption as ", Oct. 9, 2015" does, and the next sentence may
    open with a single quotation mark."""
    caption = ("Settlers throw stones during clashes with Palestinians outside the settlement of Kiryat Arba "
               "in the West Bank, Friday, Oct. 9, 2015")
    text = caption + " \u2018Shame on you\u2019 was heard in parliament as legislators backed the motion."
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents[0] == caption
    assert len(sents) == 2


# --- caption ends and postposed attributions (run-on text, issue 11) ---------------------------


def test_a_caption_date_after_a_place_name_ends_its_sentence_with_no_comma_before_the_month():
    """Prose puts a comma after a full date's year; a caption puts the day right after the place."""
    caption = "The envoy arrives for a news conference in Geneva, Switzerland Feb. 3, 2016"
    text = caption + " \u201cI think they are trying to force a deal,\u201d he said."
    assert [text[s:e] for s, e in split_sentences(text)][0] == caption
    court = "Defendants wait in a cage as they arrive at a Cairo court November 14, 2001"
    text = court + " Rights groups say the trials were unfair."
    assert [text[s:e] for s, e in split_sentences(text)] == [court, "Rights groups say the trials were unfair."]
    # a date told after a preposition, or opening its sentence, is left to the parse
    for sentence in ("Protesters rallied outside the headquarters on July 9, 2016 Others stayed home.",
                     "On Oct. 20, 2015 Syrian troops attacked the town."):
        assert [sentence[s:e] for s, e in split_sentences(sentence)] == [sentence]


def test_a_photo_credit_ends_its_caption():
    caption = "Students protest outside the ministry in Cairo, June 27, 2016 (J. Smith/VOA)-"
    text = caption + "Most public demonstrations have been banned since 2013."
    assert [text[s:e] for s, e in split_sentences(text)] == [caption, "Most public demonstrations have been banned since 2013."]
    spaced = "Iraqi troops patrol a street in Mosul (AP Photo/Jane Doe) Iraqi forces retook the district on Monday."
    assert [spaced[s:e] for s, e in split_sentences(spaced)][1] == "Iraqi forces retook the district on Monday."


def test_a_photo_credit_ends_its_caption_in_real_text():
    text = _voa_article("VOA_EN_NW_2016.06.27.3393616")
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert any(s.startswith("Most public demonstrations have been banned in Egypt") for s in sents)


@pytest.mark.parametrize(("text", "second"), [
    ("\u201cThe administration has not been able to stop the bloodshed,\u201d he said Police arrest the "
     "movement's leader during a protest.", "Police arrest"),
    ("Four people were killed during protests over the last week, authorities say Opposition lawmaker "
     "Alfonso Marquina said on Thursday a fifth protester died.", "Opposition lawmaker"),
    ("Targeting the gay community is an easy way for the government to do so, he said \u201cMoreover, it is "
     "a very easy way to win votes.", "\u201cMoreover"),
    ("The talks will go on, she said However, barring a prolonged fight at the convention, he will win.",
     "However"),
])
def test_a_run_on_is_cut_after_a_postposed_attribution(text, second):
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith(second), parts


@pytest.mark.parametrize("sentence", [
    # a verb of saying that reports the clause on its right, a date after the attribution
    "In Tehran, the minister said Iran would respond to any attack.",
    "The town fell to the rebels, officials said Tuesday.",
    "\u201cWe will win,\u201d Assad said in a speech.",
    # the verb's own hearer, capitalised as a name is
    "\u201cWe think the accusations are irresponsible,\u201d Kerry told CNN on Sunday.",
    "\"We are going for an acquittal,\" the lawyer told The Associated Press by telephone.",
])
def test_an_attribution_inside_its_sentence_is_not_cut(sentence):
    assert _parsed_parts(sentence) == [sentence]


def test_a_run_on_is_cut_after_a_postposed_attribution_in_real_text():

    text = _voa_article("VOA_EN_NW_2016.07.27.3436565")
    start = text.index("\u201cFor people of color in this country")
    end = text.index("Others have been critical")
    parts = _parsed_parts(text[start:end].strip())
    assert any(p.startswith("Police arrest Black Lives Matter leader") for p in parts), parts


def _cut_before(article_id: str, phrase: str, second: str) -> bool:
    """Is the parsed sentence of a voa_dev article that holds ``phrase`` cut right before ``second``
    (the words of ``phrase`` after its lost full stop)?"""
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    text = _voa_article(article_id)
    at = text.index(phrase) + phrase.index(second)
    start, end = next((s, e) for s, e in split_sentences(text) if s <= at < e)
    return any(start + off == at for off, _ in split_parsed(next(parse([text[start:end]]))))


@pytest.mark.parametrize(("article_id", "phrase", "second"), [
    # a complete clause the parser hung as a relative clause on the noun before ("a ransom")
    ("VOA_EN_NW_2014.04.16.1894548", "pay a ransom Morison called", "Morison"),
    ("VOA_EN_NW_2017.02.01.3702375", "leading to the outpost Israel was furious", "Israel"),
    # a complete clause hung with no label on an earlier verb
    ("VOA_EN_NW_2015.07.02.2845998", "jail terms Eleven of the police", "Eleven"),
    # a verb of saying hung on the clause it reports ("Schroeder said the Cruz campaign has mobilized")
    ("VOA_EN_NW_2016.04.30.3309655", "running mate Schroeder said", "Schroeder"),
    # the text before hangs on the verb: a quotation set side by side with it ('"...," he said, naming ... among
    # the antagonists Johnson said ...'), or the left one of two reported clauses ("Palestinians say [...]
    # are a major impediment to peace Israel says the Palestinians' refusal ... is blocking ...")
    ("VOA_EN_NW_2015.08.08.2908562", "antagonists Johnson said", "Johnson"),
    ("VOA_EN_NW_2017.02.01.3702375", "peace Israel says", "Israel"),
])
def test_a_run_on_is_cut_before_a_named_subject_whose_clause_is_complete(article_id, phrase, second):
    assert _cut_before(article_id, phrase, second)


@pytest.mark.parametrize("sentence", [
    # a relative clause with no "that": after a noun of time or manner, or with its gap (object, stranded
    # preposition, a quotation that fills no slot), or a word before that modifies what follows
    "The strike was the first time Iran fired missiles outside its borders in three decades.",
    "The way Khouri sees it, three groups are fighting.",
    "Few Africans are worried about the policy changes Trump may implement, he said.",
    "The insurgents are among millions of Afghan refugees Pakistan has been hosting for more than three decades.",
    "They gave support to ISIS and other formerly Al-Qaida linked groups, the report said.",
])
def test_a_named_subject_of_a_relative_clause_is_not_cut(sentence):
    assert len(_parsed_parts(sentence)) == 1


def test_a_run_on_is_cut_before_a_subject_the_parser_gave_to_the_clause_before():
    # "... for its coverage of the Rohingya issue Thai reporter Chutima Sidasathian and Australian editor
    # Alan Morison face charges ...": "face" is left with no subject
    assert _cut_before("VOA_EN_NW_2014.04.16.1894548", "Rohingya issue Thai reporter", "Thai")


@pytest.mark.parametrize("sentence", [
    # after a verb, the capitalised phrase is its object and the "verb" a plural noun
    "The prime minister appears to be eager to assuage Damascus fears that the Turkish military will stay.",
    "Lavrov accused Ukraine of blocking Russian television broadcasts onto its territory.",
    # a name in apposition shares the verb of the phrase it names
    "Raghubir Gaur and his wife Kusum are confident their card will work.",
    # a conjunct shares the subject of the first clause
    "Police said the gunmen stormed the building and Kurdish fighters returned fire.",
])
def test_a_capitalised_object_or_conjunct_is_not_cut_as_a_stolen_subject(sentence):
    assert len(_parsed_parts(sentence)) == 1


@pytest.mark.parametrize(("article_id", "phrase", "second"), [
    ("VOA_EN_NW_2016.02.10.3184811", "YPG and Damascus The Kurds", "The Kurds"),
    ("VOA_EN_NW_2017.02.23.3736556", "Tigris River Another commander", "Another"),
    ("VOA_EN_NW_2016.10.19.3557471", "outskirts of Mosul The Kurdish", "The Kurdish"),
])
def test_a_run_on_is_cut_where_a_subject_opens_with_a_capitalised_determiner_after_a_name(article_id, phrase, second):
    assert _cut_before(article_id, phrase, second)


def test_a_capitalised_pronoun_after_a_name_opens_a_sentence():
    assert _parsed_parts("Officials met in Geneva They agreed to a ceasefire.") == [
        "Officials met in Geneva ", "They agreed to a ceasefire."]


@pytest.mark.parametrize("sentence", [
    # a capitalised determiner inside a name or a title-case headline is no opener
    "Alexander The Great conquered Persia and the army crossed into India.",
    "The band played Rage Against The Machine songs while fans sang along.",
    "Obama Meets Putin The Talks Go On said the headline that ran on Monday.",
])
def test_a_capitalised_determiner_inside_a_name_or_headline_is_not_cut(sentence):
    assert len(_parsed_parts(sentence)) == 1


@pytest.mark.parametrize(("article_id", "phrase", "second"), [
    ("VOA_EN_NW_2016.02.14.3190340", "Hasaka city, Syria Rebel commanders", "Rebel"),
    ("VOA_EN_NW_2016.02.10.3184811", "Aleppo province, Syria Rebels see", "Rebels"),
])
def test_a_caption_that_ends_with_its_place_and_country_ends_its_sentence(article_id, phrase, second):
    assert _cut_before(article_id, phrase, second)


@pytest.mark.parametrize("sentence", [
    # a date after the country stays with the caption; a two-word country is one name
    "Troops patrol a street in Aleppo, Syria Monday as residents returned to their homes.",
    "The envoy flew from Geneva to Riyadh, Saudi Arabia last week and met the king.",
])
def test_a_place_and_its_country_inside_a_sentence_are_not_cut(sentence):
    assert len(_parsed_parts(sentence)) == 1


def test_a_role_before_a_full_name_is_no_sentence_end():
    # (a singular noun, then a person's full name: the role of the person, in apposition)
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import _full_name_after_role

    doc = next(parse(["Tobacco firms deny that nicotine is harmful, and the company's main lawyer "
                      "William Ohlemeyer told the BBC last year that smoking was a choice."]))
    lawyer = next(t for t in doc if t.text == "lawyer")
    assert _full_name_after_role(lawyer, doc[lawyer.i + 1])
    assert len(_parsed_parts(doc.text)) == 1


@pytest.mark.parametrize(("text", "second"), [
    ("The two governments announced they would coordinate their patrols along the border Sunday, army chiefs "
     "from six countries pledged support for the mission at a meeting in the capital.", "Sunday, army chiefs"),
    ("Fighting between the army and rebels raged in the north Saturday, local officials reported heavy losses "
     "on both sides.", "Saturday, local officials"),
])
def test_a_run_on_is_cut_before_a_weekday_that_opens_a_comma_spliced_clause(text, second):
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith(second), parts


@pytest.mark.parametrize("sentence", [
    # the day ends its clause: an attribution, a participle, a conjunction follow
    "A car bomb exploded in the capital Sunday, police said.",
    "Militants stormed an army post in the north Monday, the ministry told reporters.",
    "Gunmen attacked a school in the northwestern city on Tuesday, killing and wounding scores.",
    "Rebels shelled the town Monday, and government troops answered with air strikes.",
    "When the workers had received no pay by Wednesday, they surrounded the office of the director.",
    "When the workers had received no pay Wednesday, they surrounded the office of the director.",
])
def test_a_weekday_that_ends_its_clause_is_not_cut(sentence):
    assert len(_parsed_parts(sentence)) == 1


# --- run-on seams: file photo markers, quotations, clause-final dates, sub-headings (issue 11) ---


def test_a_run_on_cut_at_a_caption_date_is_still_cut_at_its_openers():
    """A long run-on span is cut at its openers even where the caption cut leaves pieces shorter
    than defaults.RUNON_MIN_CHARS: the whole span told that its full stops were lost."""
    from sitrep import defaults

    first = ("Government troops shelled rebel positions around the northern town for a third day on Tuesday, "
             "residents said, and at least a dozen houses were destroyed in the fighting near the market")
    caption = "The army says its soldiers patrol a street in the northern town, May 17, 2015"
    after = ("Rebel commanders said they would not leave the hills above the town until the government freed "
             "the prisoners it took last year, and aid groups warned that food was running out")
    text = f"{first} {caption} {after}"
    assert len(text) > defaults.RUNON_MIN_CHARS and len(f"{first} {caption}") <= defaults.RUNON_MIN_CHARS
    assert [text[s:e] for s, e in split_sentences(text)] == [first, caption, after]


def test_a_quotation_after_a_word_in_small_letters_opens_a_sentence():
    text = ("Hundreds of farmers blocked the highway for a second day over unpaid subsidies \u201cWe have "
            "waited six months and nobody listens,\u201d said one of them.")
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith("\u201cWe have waited"), parts


@pytest.mark.parametrize("sentence", [
    # a short quoted name, title or slogan, and the words a verb utters, are inside the sentence
    "The crowd chanted the slogan \u201cWe are all Charlie\u201d outside the embassy on Sunday.",
    "Critics of the film \u201cThe Interview\u201d staged a protest outside the cinema.",
    "The commander said \u201cWe will push on to the river before the rains come\u201d and left.",
])
def test_a_quotation_inside_its_sentence_is_not_cut(sentence):
    assert _parsed_parts(sentence) == [sentence]


def test_a_clause_final_date_before_a_capitalised_subject_ends_its_sentence():
    text = "Gunmen stormed a police post in the district on Sunday Officials said five officers were killed."
    assert _parsed_parts(text) == ["Gunmen stormed a police post in the district on Sunday ",
                                   "Officials said five officers were killed."]


@pytest.mark.parametrize(("text", "second"), [
    # US news writes a weekday with no preposition: after a word that closes the clause, a
    # capitalised word with a small one after it opens the next sentence (here a photo caption)
    ("Officials say three of the gunmen were captured alive Saturday Undated photo released by the army "
     "shows the leader of the group at a camp.", "Undated photo released"),
    ("Gunmen killed five police officers Saturday Officials said the attackers fled.", "Officials said"),
])
def test_a_bare_weekday_closing_a_clause_ends_its_sentence(text, second):
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith(second), parts


def test_a_bare_weekday_after_a_verb_of_saying_opens_the_clause_it_reports():
    sentence = "Officials said Saturday Turkish troops shelled the village near the border."
    assert _parsed_parts(sentence) == [sentence]


def test_a_preposition_parsed_as_a_subordinator_does_not_hold_the_next_sentence():
    """"... Tuesday after a second night of violence Police said they arrested ...": the parser
    makes "after" the mark of "said"; a mark with an object of its own is a preposition."""
    text = ("The city remained under a state of emergency Tuesday after a second night of violence marking the "
            "anniversary of the killing of a teenager by a police officer Police said they arrested about two "
            "dozen protesters after demonstrators pelted them with rocks.")
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith("Police said they arrested"), parts


@pytest.mark.parametrize("sentence", [
    # a date that opens the clause after a complementizer or a verb of saying, or that goes on in a name
    "Turkish officials confirmed that on Saturday Turkish soldiers shelled the border post.",
    "The ministry said on Monday Syrian troops had entered the town.",
    "Fireworks lit the sky over the capital on July Fourth as crowds gathered.",
])
def test_a_date_inside_its_sentence_is_not_cut(sentence):
    assert _parsed_parts(sentence) == [sentence]


def test_a_capitalised_sub_heading_run_into_its_paragraph_is_cut():
    text = ("Dozens of activists remain in detention without trial Malaysia-In Malaysia, rights groups raised "
            "concerns about a new security law.")
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith("In Malaysia"), parts
    # a compound of names keeps its hyphen
    compound = "The President of Guinea-Bissau met the envoy from Austria-Hungary in the capital on Monday."
    assert _parsed_parts(compound) == [compound]


def test_a_capitalised_connective_after_a_name_opens_a_sentence():
    text = ("Shelling hit the market in the old quarter of Taiz However the coalition denied carrying out "
            "any strike on the city that day.")
    parts = _parsed_parts(text)
    assert len(parts) == 2 and parts[1].startswith("However the coalition"), parts
    # a title-case headline keeps its connective
    headline = "Army Retreats While Rebels Advance on the capital, the paper said."
    assert _parsed_parts(headline) == [headline]


@pytest.mark.parametrize("headline", [
    "5 Killed in Clashes Near Kandahar",
    "Tribal Crisis Deepens, 12 Killed in Market Town",
])
def test_a_title_case_headline_is_not_cut_at_its_capitals(headline):
    # a headline in title case capitalises every word: "Killed" after a number opens no sentence
    assert _parsed_parts(headline) == [headline]
    # in ordinary case a capitalised common word after a number still does
    assert len(_parsed_parts("The convoy was hit at about 5 Officials said the road was closed.")) == 2


def test_a_title_case_headline_keeps_its_toll_and_place():
    events = [e for e in sitrep.code("5 Killed in Kandahar.", date="2016-07-15") if e.event == "ASSAULT"]
    assert len(events) == 1 and events[0].fatalities == 5
    assert events[0].location is not None and events[0].location.country == "AFG"


@pytest.mark.parametrize(("article_id", "phrase", "second"), [
    # an auxiliary cannot be a noun ("fears" in "to assuage Damascus fears that" may be): the
    # capitalised phrase before it is its subject, whatever the tagger made of its first word
    ("VOA_EN_NW_2016.02.10.3184811", "struggling to cope Heavy fighting is placing", "Heavy"),
    # a phrase the parser hung on the name before as an apposition, right before a finite verb group
    ("VOA_EN_NW_2016.06.26.3392569", "outside Fallujah The UNHCR is already", "The UNHCR"),
    # ... or with an attribution set off by commas between the phrase and its verb group
    ("VOA_EN_NW_2016.05.12.3327048", "peace in Afghanistan That effort, Zakhilwal said, will", "That effort"),
])
def test_a_run_on_is_cut_before_a_subject_its_verb_group_follows(article_id, phrase, second):
    assert _cut_before(article_id, phrase, second)


def test_a_sub_heading_whose_dash_is_stuck_to_the_next_word_is_cut():
    text = ("Officials said the talks would resume next week Border clashes -Armed men stormed a police post "
            "near the frontier on Monday.")
    parts = _parsed_parts(text)
    assert parts[-1].startswith("Armed men stormed"), parts
    assert parts[-2].rstrip().endswith("clashes -"), parts
    # a dash with a space on each side sets off a clause, and a hyphen with none joins a compound
    aside = "The convoy reached the town - Armed men had left it the day before, residents said."
    assert not any(p.startswith("Armed") for p in _parsed_parts(aside))


def test_a_media_players_controls_scraped_into_the_text_are_no_sentence():
    # a video's labels, title and download links run between two paragraphs by hyphens
    text = ("Residents said the army had shelled the market in the morning Video size-width-x-height-pixels-"
            "Rebels Attack Army Checkpoint-Share this video-0:02:14-\u25b6-0:00:00-/0:02:14-\u25b6-\u25b6-Direct link-"
            "270p | 4.1MB-360p | 6.0MB-720p | 33.2MB-Rebels attacked an army checkpoint near the town on Sunday.")
    sentences = [text[a:b] for a, b in split_sentences(text)]
    assert sentences[0] == "Residents said the army had shelled the market in the morning"
    assert sentences[-1].endswith("Rebels attacked an army checkpoint near the town on Sunday.")
    assert not any("Share this video" in s or "MB" in s or "Checkpoint-" in s for s in sentences)
    # times and figures told in a sentence stay
    told = "The curfew runs from 22:00 to 05:00, and the file was 3.2MB."
    assert [told[a:b] for a, b in split_sentences(told)] == [told]


def test_a_date_written_day_first_is_no_run_on_cut():
    # ACLED-style notes open "On 3 March 2023, ..."; the tagger may read "March" as the noun, and
    # a capitalised noun after a digit looked like a sentence whose full stop was lost
    from sitrep.nlp.parser import parse
    from sitrep.nlp.sentences import split_parsed

    text = "On 3 March 2023, Al Shabaab militants attacked an SNA base in Bulo Fulay village (Baidoa, Bay)."
    doc = next(parse([text], entity_anchors=lambda d: list(range(len(d)))))
    assert [off for off, _part in split_parsed(doc)] == [0]
    attack = next(e for e in sitrep.code(text, date="2023-03-20") if e.evidence.trigger.text == "attacked")
    assert (attack.date, attack.date_precision) == ("2023-03-03", "day")
    assert attack.evidence.sentence.startswith("On 3 March 2023")


def test_a_hard_wrapped_line_is_no_sentence_boundary() -> None:
    # a wire's lines of about 65 characters: a line that ends with a word goes on in the next,
    # even where that one opens with a name
    text = ("MANILA, March 18 - A bomb blast at the Philippine Military\n"
            "Academy killed at least one person and wounded about 40 during\n"
            "rehearsals, military officials said.\n"
            "    Troops sealed off the academy grounds in the city of\n"
            "Baguio.")
    assert [text[a:b].split()[0] for a, b in split_sentences(text)] == ["MANILA,", "Troops"]
    # a short line after a paragraph's last stop, or after a rule of dashes, stands alone
    text = ("Rebels shelled the town on Monday, killing three people, the\narmy said.\n"
            "Fighting in the North\nTroops and rebels fought for the hills above the town all day long and\n"
            "into the night, witnesses said.\n     - - - -\n"
            "    BEIRUT - Gunmen kidnapped a teacher in the\nsouth of the city on Tuesday.")
    starts = [text[a:b].split()[0] for a, b in split_sentences(text)]
    assert starts[0] == "Rebels" and "Fighting" in starts and "BEIRUT" in starts
