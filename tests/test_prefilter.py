"""nlp.prefilter: which sentences are worth parsing."""

import json

from conftest import gold_record, shared_file

from sitrep.nlp.prefilter import default_prefilter


def test_conflict_sentences_pass():
    pf = default_prefilter()
    assert pf("Four people were killed in an explosion on Monday.")  # strong word, no actor needed
    assert pf("The minister agreed to hold talks with the rebels.")  # verbal event between actors
    assert pf("Gunmen opened fire on a bus near Peshawar.")


def test_general_news_sentences_stop():
    pf = default_prefilter()
    assert not pf("Shares in the retailer fell 3% after profits were hit by a weak Christmas.")
    assert not pf("The company agreed a new deal with its suppliers.")
    assert not pf("She said the film would be released in March.")


def test_conflict_scope_is_narrower():
    text = "The two ministers met in Paris and discussed trade."
    assert default_prefilter("all")(text)
    assert not default_prefilter("conflict")(text)


def test_gold_event_sentences_pass():
    # real sentences that hold events must never be filtered out
    pf = default_prefilter()
    for rid in ("PLOVER-GSR01-ASSAULT-0003", "PLOVER-GSR01-THREATEN-0004", "PLOVER-GSR01-CONSULT-0003",
                "PLOVER-GSR01-AGREE-0001", "PLOVER-GSR01-PROTEST-0004"):
        assert pf(gold_record("plover/plover_gsr.jsonl", rid)["text"]), rid


def test_most_general_news_sentences_stop():
    path = shared_file("corpora", "bbc_news.jsonl")
    from sitrep.nlp.sentences import split_sentences

    pf = default_prefilter()
    n = passed = 0
    with path.open(encoding="utf-8") as fh:
        for _, line in zip(range(200), fh, strict=False):
            text = json.loads(line)["text"]
            for s, e in split_sentences(text):
                n += 1
                passed += pf(text[s:e])
    assert passed / n < 0.35, f"{passed}/{n} sentences of general news would be parsed"
