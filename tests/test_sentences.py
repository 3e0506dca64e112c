"""nlp.sentences: the regex splitter on real and written text."""

from conftest import seed_text

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
