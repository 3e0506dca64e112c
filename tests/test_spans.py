"""nlp.spans: the text of a Doc read once, and the tokens in a character range, as spaCy gives them."""

from sitrep.nlp.parser import parse
from sitrep.nlp.spans import doc_text, span_text, tokens_between


def test_texts_and_token_ranges_match_spacy():
    sentences = [
        "Gunmen killed 12 villagers near Maiduguri on Sunday, police said. ",  # trailing space kept by the Doc
        "Protesters  gathered\noutside the  parliament in Kampala.",  # runs of spaces become SPACE tokens
    ]
    for doc in parse(sentences):
        assert doc_text(doc) == doc.text
        n = len(doc)
        for i in range(n + 1):
            for j in range(i, n + 1):
                assert span_text(doc[i:j]) == doc[i:j].text
        for p0 in range(0, len(doc.text) + 1, 3):
            for p1 in range(p0, len(doc.text) + 2, 5):
                assert tokens_between(doc, p0, p1) == [t for t in doc if p0 <= t.idx < p1]
