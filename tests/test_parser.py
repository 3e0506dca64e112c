"""nlp.parser: NER only where a word could still trigger an event, with the same events as always running it."""

import pytest
from conftest import SEED_DATE, seed_text

import sitrep.pipeline as pipeline
from sitrep.models import Article
from sitrep.nlp.parser import english_word, parse


def test_entities_only_on_sentences_that_need_them():
    coder = pipeline.get_coder()
    sentences = [
        "Rebels attacked the town of Goma in eastern Congo on Monday, killing 12 civilians.",
        "The company said its profits in Germany rose by 4% in the third quarter.",
    ]
    attack, profits = parse(sentences, needs_entities=coder.sentence_coder.needs_entities)
    assert {e.text for e in attack.ents} >= {"Goma", "Congo"}
    assert not profits.ents  # no trigger word: NER skipped
    assert profits[0].lemma_ == "the" and profits[2].pos_ == "VERB"  # the rest of the parse is there
    full = list(parse(sentences[1:]))[0]
    assert "Germany" in {e.text for e in full.ents}  # without the test, NER runs on everything


def test_seed_article_codes_the_same_without_needless_ner(monkeypatch):
    article = Article(text=seed_text(), id="seed", date=SEED_DATE)
    coder = pipeline.get_coder()
    lazy = coder.code_articles([article], strict=True)[0]
    monkeypatch.setattr(pipeline, "parse", lambda texts, **_: parse(texts))
    full = coder.code_articles([article], strict=True)[0]
    assert isinstance(lazy, list) and isinstance(full, list) and lazy
    assert [e.to_dict() for e in lazy] == [e.to_dict() for e in full]


def test_fast_attributes_equal_spacy_components():
    """nlp.attributes sets the same part of speech, morphology and lemma as spaCy's
    attribute_ruler + lemmatizer, on real news sentences and on contractions and expletives."""
    import json

    from conftest import shared_file

    from sitrep.nlp.attributes import FastAttributes
    from sitrep.nlp.parser import get_nlp
    from sitrep.nlp.sentences import split_sentences

    texts = [
        "There are gonna be protests, y'all know it; let's go and we're gotta stay.",
        "It was he who gave them the guns, and they've been doin' nothin' since 'em arrests.",
    ]
    with shared_file("corpora", "bbc_news.jsonl").open(encoding="utf-8") as fh:
        for _, line in zip(range(30), fh, strict=False):
            text = json.loads(line)["text"]
            texts += [text[s:e] for s, e in split_sentences(text)]
    nlp = get_nlp()
    fast = FastAttributes(nlp)
    n = 0
    for ref, doc in zip(nlp.pipe(texts, disable=["ner"]),
                        nlp.pipe(texts, disable=["ner", "attribute_ruler", "lemmatizer"]), strict=True):
        fast(doc)
        for a, b in zip(ref, doc, strict=True):
            assert (a.pos_, str(a.morph), a.lemma_) == (b.pos_, str(b.morph), b.lemma_), (a.text, a.sent.text)
            n += 1
    assert n > 5000


def test_lemma_repairs():
    # the rule lemmatizer takes the first stem in its index ("rap" for "raped"); an undoubled
    # consonant says the verb ends in "e"; a past form tagged as present keeps its own lemma
    docs = list(parse([
        "Soldiers raped women and fined traders.",
        "Rebels waged war and staged attacks; they hoped to win.",
        "Troops retook the town.",
        "Police rapped on doors and barred the gates.",
    ]))
    lemmas = [{t.lower_: t.lemma_ for t in d if t.pos_ == "VERB"} for d in docs]
    assert lemmas[0] == {"raped": "rape", "fined": "fine"}
    assert lemmas[1]["waged"] == "wage" and lemmas[1]["staged"] == "stage" and lemmas[1]["hoped"] == "hope"
    assert lemmas[2]["retook"] == "retake"
    assert lemmas[3]["rapped"] == "rap" and lemmas[3]["barred"] == "bar"


def test_rule_lemmas_equal_spacy_rule_lemmatizer():
    import json

    from conftest import shared_file

    from sitrep.nlp.parser import _fast_attributes, get_nlp

    nlp = get_nlp()
    fast = _fast_attributes()
    assert fast is not None
    with shared_file("corpora", "voa_news.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(next(fh))["text"][:3000] for _ in range(8)]
    n = 0
    lemmatizer = nlp.get_pipe("lemmatizer")
    for doc in nlp.pipe(texts, disable=["ner"]):
        for tok in doc:
            if tok.pos_:
                assert fast.rule_lemmas(tok) == lemmatizer.rule_lemmatize(tok)[0], tok.text  # type: ignore[attr-defined]
                n += 1
    assert n > 2000


def test_long_sentences_get_entities_around_their_triggers():
    """A run-on "sentence" over defaults.NER_WINDOW_MIN_TOKENS: NER reads only the windows
    around words that could trigger; there its entities are those of a whole-sentence NER."""
    from sitrep import defaults
    from sitrep.nlp.parser import entity_windows

    coder = pipeline.get_coder()
    filler = " ".join(["The weather in the region was mild and the harvest was good this year."] * 6)
    text = (filler + " Rebels attacked the town of Goma in eastern Congo on Monday, killing 12 civilians. "
            + filler + " Officials in Nairobi and Kampala said nothing.")
    windowed = next(parse([text], entity_anchors=coder.sentence_coder.entity_anchors))
    full = next(parse([text]))
    assert len(full) > defaults.NER_WINDOW_MIN_TOKENS
    assert {e.text for e in windowed.ents} >= {"Goma", "Congo"}
    anchors = coder.sentence_coder.entity_anchors(windowed)
    windows = entity_windows(windowed, anchors)
    inside = {(e.start, e.end, e.label_) for e in full.ents if any(a <= e.start and e.end <= b for a, b in windows)}
    assert {(e.start, e.end, e.label_) for e in windowed.ents} == inside
    assert "Nairobi" not in {e.text for e in windowed.ents}  # far from any trigger: not read
    assert sum(b - a for a, b in windows) < len(full) / 2


def test_entity_windows_merge_and_keep_names_whole():
    from sitrep.nlp.parser import entity_windows

    doc = next(parse(["they said that it was so " * 5 + "and Abu Bakr al Baghdadi attacked " + "they said that it was so " * 5
                      + "they attacked it and then they attacked"]))
    trig = [t.i for t in doc if t.text == "attacked"]
    name = [t.i for t in doc if t.text == "Abu"][0]
    windows = entity_windows(doc, trig, width=3)
    assert windows[0][0] <= name < trig[0] - 3  # widened back over the name before the first trigger
    assert len(windows) == 2 and windows[1] == (trig[1] - 3, len(doc))  # the last two merged


def test_a_dash_glued_to_a_capitalised_word_is_its_own_token():
    # scraped pages run a dateline into the text: "KABUL —\u00a0-Afghanistan's largest station"
    from sitrep.nlp.parser import get_nlp

    words = [t.text for t in get_nlp().tokenizer("KABUL \u2014\u00a0-Afghanistan\u2019s largest U.S.-led coalition")]
    assert "Afghanistan" in words and "-Afghanistan" not in words
    assert "U.S.-led" in words  # hyphens inside words are left to the tokenizer's own rules


def test_matrix_products_go_where_defaults_say():
    """Every layer of the pipeline was made with ops whose gemm is BLIS or numpy's BLAS as
    defaults.SPACY_USE_BLIS says (the layers keep the ops they were made with)."""
    from sitrep import defaults
    from sitrep.nlp.parser import get_nlp

    nlp = get_nlp()
    models = [pipe.model for _name, pipe in nlp.pipeline if getattr(pipe, "model", None) is not None]
    assert len(models) >= 4  # tok2vec, tagger, parser, ner
    for model in models:
        for node in model.walk():
            assert getattr(node.ops, "use_blis", None) is defaults.SPACY_USE_BLIS, node.name


def test_blas_threads_held_only_while_spacy_runs():
    """While a batch is parsed, numpy's BLAS runs defaults.SPACY_BLAS_THREADS threads; between the
    Docs handed back (the caller's code) and after, it has its own number again."""
    from sitrep import defaults
    from sitrep.nlp import parser

    # the BLAS libraries loaded when the pipeline was (numpy's, which thinc's Ops.gemm calls);
    # one loaded later (scipy's own) is not spaCy's
    blas = parser._blas().select(user_api="blas")
    if not blas.lib_controllers:
        return  # numpy without a BLAS that threadpoolctl knows: nothing is limited
    own = [c.num_threads for c in blas.lib_controllers]
    seen: list[int] = []
    nlp = parser.get_nlp()
    real_pipe = nlp.pipe

    def pipe(*args, **kw):  # type: ignore[no-untyped-def]
        seen.extend(c.num_threads for c in blas.lib_controllers)
        return real_pipe(*args, **kw)

    nlp.pipe = pipe  # type: ignore[method-assign]
    try:
        for _doc in parser.parse(["Rebels attacked a police post.", "Troops shelled the town."], batch_size=1):
            assert [c.num_threads for c in blas.lib_controllers] == own
    finally:
        del nlp.pipe
    assert seen and set(seen) == {defaults.SPACY_BLAS_THREADS}
    assert [c.num_threads for c in blas.lib_controllers] == own


# --- headline grammar (issue 12): reduced passives, Title Case, scare-quoted verbs ------------


def _ucdp_headline(set_file: str, rid: str) -> str:
    """A UCDP GED row's (first) source headline, read from ../shared at run time by file and id."""
    from conftest import gold_record

    return str(gold_record(f"ucdp/{set_file}", rid)["source_headline"]).split(";")[0] + "."


def _violent(text: str) -> list:
    import sitrep

    return [e for e in sitrep.code(text, date="2016-05-01") if e.event == "ASSAULT"]


def test_reduced_passive_subject_is_the_victim():
    """"Policeman shot dead in Karachi": a headline drops the passive's auxiliary; the
    officer is who was shot, and the shooting is an event."""
    (doc,) = parse(["Pakistani police officer shot dead in Peshawar."])
    officer = next(t for t in doc if t.text == "officer")
    assert officer.dep_ == "nsubjpass" and officer.head.text == "shot" and officer.head.tag_ == "VBN"
    events = _violent(_ucdp_headline("ucdp_ged_world_dev.jsonl", "155319"))
    assert events and events[0].location is not None and events[0].location.name == "Peshawar"
    assert events[0].location.country == "PAK"


def test_active_verbs_keep_their_subject():
    """With an object, a shared object or an aim, or in prose (a sentence with articles), the same
    verbs are active: the subject acts."""
    for text, subject in [("Gunmen shot dead two policemen in Karachi.", "Gunmen"),
                          ("Police shot at protesters in Karachi.", "Police"),
                          ("Gunmen killed and wounded dozens in Kano.", "Gunmen"),
                          ("Militants attacked overnight in the north of Kano.", "Militants")]:  # prose
        (doc,) = parse([text])
        tok = next(t for t in doc if t.text == subject)
        assert tok.dep_ == "nsubj", (text, [(t.text, t.dep_) for t in doc])


def test_title_case_headline_is_parsed_in_small_letters():
    """"Army Kills Scores of Terrorists in Adamawa": Title Case makes every word a name to the
    tagger; parsed recased, "Kills" is the verb, and the Doc keeps the headline's own words."""
    from sitrep.nlp.parser import recased

    text = _ucdp_headline("ucdp_ged_world_dev.jsonl", "193491")
    assert recased(text) == "Army kills scores of Terrorists in Adamawa."
    # verbs, adjectives and function words go small; nouns only ("Town") and peoples keep capitals
    assert recased("Iraqi Forces Retake Sudan Border Town") == "Iraqi forces retake Sudan border Town"
    assert recased("Iraqi forces retook the town on Monday.") is None  # not a Title Case headline
    (doc,) = parse([text])
    assert doc.text == text and doc[1].text == "Kills" and doc[1].pos_ == "VERB"
    events = _violent(text)
    assert events and events[0].location is not None and events[0].location.country == "NGA"


def test_title_case_entity_holding_the_verb_is_no_name():
    """NER reads "Rebels Seize Control of Malakal, Government Says" as one organisation; a name
    holds no finite verb, so the seizure is coded, at Malakal."""
    text = _ucdp_headline("ucdp_ged_world_dev.jsonl", "150492")
    (doc,) = parse([text])
    assert not any(any(t.text == "Seize" for t in e) for e in doc.ents)
    events = _violent(text)
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Malakal", "SSD")


def test_scare_quoted_verb_is_a_verb():
    """'Islamic State "executes" Iraqi photojournalist in Mosul': the quoted verb of a claim."""
    from sitrep.nlp.parser import unquoted

    text = _ucdp_headline("ucdp_ged_iraq_dev.jsonl", "233504")
    assert unquoted(text) == "Islamic State  executes  Iraqi photojournalist in Mosul."
    assert unquoted('The group called it a "caliphate" in Mosul.') is None  # not a headline
    (doc,) = parse([text])
    assert doc.text == text and next(t for t in doc if t.text == "executes").pos_ == "VERB"
    events = _violent(text)
    assert events and events[0].location is not None and events[0].location.name == "Mosul"


def test_a_broken_headline_grammar_file_names_itself(tmp_path, monkeypatch):
    from sitrep.errors import DataFileError
    from sitrep.nlp import parser

    bad = tmp_path / "headlines.yaml"
    bad.write_text("passive_verbs: kill\n", encoding="utf-8")
    monkeypatch.setattr(parser, "HEADLINES_FILE", bad)
    parser.headline_passive_verbs.cache_clear()
    try:
        with pytest.raises(DataFileError, match="passive_verbs"):
            parser.headline_passive_verbs()
    finally:
        parser.headline_passive_verbs.cache_clear()
    monkeypatch.undo()
    assert "kill" in parser.headline_passive_verbs()  # the packaged file again


def test_the_headline_grammar_file_is_read_once_for_all_sentences(monkeypatch):
    """Parsing reads headlines.yaml's lists once, not once per sentence parsed: after the first
    sentence, more sentences through the headline repairs read the file no more."""
    from sitrep.nlp import parser

    reads: list[str] = []
    real = parser.read_yaml

    def counting(path, what):
        reads.append(str(path))
        return real(path, what)

    monkeypatch.setattr(parser, "read_yaml", counting)
    sentences = [f"Rebels advance on Kafr Nabl as troops pull back, village {k} residents say" for k in range(6)]
    assert len(list(parse(sentences[:1]))) == 1  # what the repairs read, read now
    reads.clear()
    assert len(list(parse(sentences))) == 6
    assert "advance" in parser.headline_intransitive_verbs()
    assert reads == []


def test_a_headlines_noun_spelt_verb_is_its_verb():
    """"Iraqi forces storm Mosul airport": with its articles dropped the tagger reads "storm" as a
    noun; as the root with a subject and an object it is the headline's verb, and the storming
    is coded at Mosul. A noun with no subject and object stays a noun."""
    text = _ucdp_headline("ucdp_ged_iraq_dev.jsonl", "245494")
    (doc,) = parse([text])
    assert next(t for t in doc if t.text == "storm").pos_ == "VERB"
    events = _violent(text)
    assert events and events[0].location is not None and events[0].location.name == "Mosul"
    (doc,) = parse(["Heavy storm hits coastal towns."])
    assert next(t for t in doc if t.text == "storm").pos_ == "NOUN"


def test_a_group_acronym_is_read_as_a_name_in_a_headline():
    """"Iraqi army shells IS positions in western Mosul": read as the verb "is", IS hides the
    headline's verb; read as a name, the shelling is coded, at Mosul. Prose where it modifies a
    noun and headlines in capitals throughout are left as written."""
    from sitrep.nlp.parser import acronyms_as_names

    text = _ucdp_headline("ucdp_ged_iraq_dev.jsonl", "245148")
    assert acronyms_as_names(text) == "Iraqi army shells UN positions in western Mosul."
    assert acronyms_as_names("The army seized an IS weapons depot.") is None
    assert acronyms_as_names("THE ARMY IS ATTACKING MOSUL.") is None
    (doc,) = parse([text])
    assert doc.text == text and next(t for t in doc if t.text == "shells").pos_ == "VERB"
    events = _violent(text)
    assert events and events[0].location is not None and events[0].location.name == "Mosul"


def test_a_name_in_an_all_capitals_headline_is_parsed_as_a_name():
    """"MONGUNO: AT LEAST 100 PEOPLE KILLED": recased, common words go small and the other long
    words read as names ("Monguno"), so the town is found, and it places the killing (read
    from ../shared at run time). Short acronyms keep their capitals."""
    from sitrep.nlp.parser import recased

    text = _ucdp_headline("ucdp_ged_world_dev.jsonl", "201703")
    assert recased(text) == "Monguno: at least 100 people killed."
    assert recased("CIVILIANS KILLED BY RSF IN KADUGLI") == "civilians killed by RSF in Kadugli"
    events = _violent(text)
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Monguno", "NGA")
    events = _violent(_ucdp_headline("ucdp_ged_world_dev.jsonl", "307957"))
    assert events and events[0].location is not None and events[0].location.name == "Ekpoma"


def test_a_headline_verb_read_inside_a_compound_is_its_verb():
    """"Government forces shell areas held by rebels": with no verb of its own the tagger reads
    "forces shell areas" as one compound noun; a plural before the bare form agrees as subject and
    verb, so "shell" is the root, "areas" its object, "forces" its subject, and the shelling is
    coded. A scare-quoted verb after a plural is read the same way."""
    (doc,) = parse(["Government forces shell areas held by rebels in Daraa."])
    shell = next(t for t in doc if t.text == "shell")
    assert shell.pos_ == "VERB" and shell.dep_ == "ROOT"
    assert {(c.text, c.dep_) for c in shell.children} >= {("forces", "nsubj"), ("areas", "dobj")}
    events = _violent("Government forces shell areas held by rebels in Daraa.")
    assert events and events[0].evidence.trigger.text == "shell"
    assert events[0].location is not None and events[0].location.country == "SYR"
    (doc,) = parse(['Afghan forces "storm" centre of Kunduz city.'])
    assert next(t for t in doc if t.text == "storm").dep_ == "ROOT"
    # a compound with a verb of its own stays a compound
    (doc,) = parse(["Army shell casings litter streets of Homs."])
    assert next(t for t in doc if t.text == "shell").pos_ == "NOUN"


def test_a_modifier_read_as_the_subject_of_a_noun_spelt_verb():
    """"Renewed bombardment targets Hama neighborhoods": the root "targets" has an object but the
    parser hung the noun before it as a modifier; that noun is its subject."""
    (doc,) = parse(["Renewed bombardment targets Hama neighborhoods."])
    targets = next(t for t in doc if t.text == "targets")
    assert targets.pos_ == "VERB"
    assert next(t for t in doc if t.text == "bombardment").dep_ == "nsubj"


def test_a_plural_noun_read_as_the_verb_forces_is_the_subject():
    """"The regime forces advance in the northern suburbs": "forces" read as the root verb with a
    bare verb after it is the plural head of the subject, and "advance" the verb; the verb
    "forces" with an object ("forces residents to leave") is left alone."""
    (doc,) = parse(["The regime forces advance in the northern suburbs of Hama."])
    forces = next(t for t in doc if t.text == "forces")
    assert forces.pos_ == "NOUN" and forces.dep_ == "nsubj" and forces.head.text == "advance"
    assert forces.head.dep_ == "ROOT"
    (doc,) = parse(["The regime forces residents to leave."])
    forces = next(t for t in doc if t.text == "forces")
    assert forces.pos_ == "VERB" and forces.dep_ == "ROOT"


def test_a_headline_verb_before_a_compound_object_is_its_verb():
    """"Rebels overrun army base in Rutshuru": the verb read as the first word of the noun
    compound "overrun army base" is the verb, the compound's head its object."""
    (doc,) = parse(["Rebels overrun army base in Rutshuru."])
    overrun = next(t for t in doc if t.text == "overrun")
    assert overrun.pos_ == "VERB" and overrun.dep_ == "ROOT"
    assert next(t for t in doc if t.text == "base").dep_ == "dobj"


def test_a_name_after_a_headline_verb_is_its_object():
    """"Army recaptures Bama from Boko Haram": the town the parser hung as an adverbial noun is
    what was recaptured; a day name stays a time."""
    (doc,) = parse(["Army recaptures Bama from Boko Haram."])
    assert next(t for t in doc if t.text == "Bama").dep_ == "dobj"
    (doc,) = parse(["Rebels attack Monday in Aleppo."])
    assert next(t for t in doc if t.text == "Monday").dep_ != "dobj"


def test_a_retaken_town_in_a_headline_is_what_was_retaken():
    """"Key town recaptured from rebels": a capture verb's reduced passive, like a killing's."""
    (doc,) = parse(["Key town recaptured from rebels in eastern Congo."])
    town = next(t for t in doc if t.text == "town")
    assert town.dep_ == "nsubjpass" and town.head.tag_ == "VBN"


def test_an_adjective_spelt_noun_heading_a_phrase_is_a_noun():
    """"Syrian forces launch second phase of Palmyra offensive": "offensive", read as an adjective
    though it is the object of "of" with "Palmyra" as its compound, is the noun, and the offensive
    is coded; an adjective in its own place stays one."""
    text = "Syrian forces launch second phase of Palmyra offensive against jihadists."
    (doc,) = parse([text])
    assert next(t for t in doc if t.text == "offensive").pos_ == "NOUN"
    assert [e.evidence.trigger.text for e in _violent(text)] == ["offensive"]
    (doc,) = parse(["The remarks were offensive to many voters."])
    assert next(t for t in doc if t.text == "offensive").pos_ == "ADJ"


def test_a_trigger_word_in_an_all_capitals_headline_is_no_name():
    """"HEAVY BOMBARDMENT OF AREAS SOUTH OF KADUGLI": recased, a word of the trigger lexicon
    goes small like any common word (the pipeline's noun table is no guide, it holds towns), so
    the bombardment is coded at Kadugli; the town keeps its capital."""
    from sitrep.nlp.parser import recased

    text = "HEAVY BOMBARDMENT OF AREAS SOUTH OF KADUGLI."
    out = recased(text)
    assert out is not None and out.split()[:2] == ["heavy", "bombardment"] and out.endswith("Kadugli.")
    events = _violent(text)
    assert [(e.evidence.trigger.text, e.location.country if e.location else None) for e in events] == [
        ("BOMBARDMENT", "SDN")]


def test_a_group_acronym_standing_alone_in_prose_is_read_as_a_name():
    """In prose, "IS" as a clause's subject or a preposition's object ("IS targeted the commander",
    "shot dead by IS") is the group, not the verb "is"; where it modifies a noun ("an IS weapons
    depot", "IS fighters") the tagger reads it right and it is left as written."""
    from sitrep.nlp.parser import acronyms_as_names

    assert acronyms_as_names("The man was shot dead by IS for smoking.") == "The man was shot dead by UN for smoking."
    assert acronyms_as_names("The fighters said IS fighters held the town.") is None
    for text in ("Two months ago IS targeted a rebel commander in a car bombing.",
                 "A local man was shot dead by IS for smoking, residents said."):
        events = [e for e in pipeline.code(text, date="2017-06-27") if e.event == "ASSAULT"]
        assert [[a.name for a in e.actor] for e in events] == [["Islamic State"]]


def test_a_headlines_intransitive_move_after_a_name_is_its_verb():
    # no verb in the sentence: "advance" after the coordinated names is their verb, not a noun
    for text in ("The government troops and Hezbollah advance in the western farms of Qusayr.",
                 "Regime forces and Hezbollah advance in the farms of the Eastern Ghouta."):
        doc = next(iter(parse([text])))
        adv = next(t for t in doc if t.lower_ == "advance")
        assert (adv.pos_, adv.dep_) == ("VERB", "ROOT"), text
        assert any(c.dep_ == "nsubj" for c in adv.children), text
    # a sentence with a verb of its own keeps the noun
    doc = next(iter(parse(["The army's advance in the north stalled on Monday."])))
    assert next(t for t in doc if t.lower_ == "advance").pos_ == "NOUN"


def test_an_event_noun_placed_by_a_compass_point_heads_its_headline():
    """"Clashes southwest of Rif Dimashq": the compass point read as the root with the event noun
    as its compound places the noun, which heads the headline, as in "Clashes north of Hama"."""
    (doc,) = parse(["Clashes southwest of Rif Dimashq, casualties in the eastern Ghouta."])
    clashes = next(t for t in doc if t.text == "Clashes")
    point = next(t for t in doc if t.text == "southwest")
    assert clashes.dep_ == "ROOT" and point.head == clashes
    assert next(t for t in doc if t.text == "casualties").head == clashes


def test_english_word_knows_words_of_every_kind_and_their_forms():
    assert all(english_word(w) for w in ("still", "kill", "killed", "farmers", "the", "quickly"))
    assert not any(english_word(w) for w in ("kadugli", "mainok", "gamboru"))
