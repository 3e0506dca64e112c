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


def test_part_docs_carry_the_same_annotation_as_span_as_doc():
    import numpy as np
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, SPACY, TAG

    from sitrep.nlp.spans import part_docs

    sentence = ("Islamic State fighters attacked Kirkuk on Sunday and Iraqi forces killed 12 of them "
                "The United Nations said the fighting in northern Iraq displaced thousands of families")
    doc = next(parse([sentence], entity_anchors=lambda d: list(range(len(d)))))
    assert doc.ents
    n = len(doc)
    # cuts inside an entity, at its edges and at the ends, the way split_parsed and NER windows cut
    cut_sets = [[0, n], [0, 2, n], [0, 1, 5, 9, n], [0, 14, n], [3, 7]]
    cut_sets.append([0, next(e.start for e in doc.ents if len(e) > 1) + 1, n])
    attrs = [ORTH, SPACY, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
    for cuts in cut_sets:
        bounds = list(zip(cuts, cuts[1:], strict=False))
        for (a, b), part in zip(bounds, part_docs(doc, bounds), strict=True):
            want = doc[a:b].as_doc()
            assert part.text == want.text
            assert np.array_equal(part.to_array(attrs), want.to_array(attrs)), (a, b)
            assert [(e.start, e.end, e.label_) for e in part.ents] == [(e.start, e.end, e.label_) for e in want.ents]
            assert np.array_equal(part.tensor, want.tensor)
            assert [t.lemma_ for t in part] == [t.lemma_ for t in want]
    assert part_docs(doc, []) == []


def test_parsed_docs_and_their_parts_keep_the_text_they_were_made_from():
    # the Doc's text is the sentence's own: given to doc_text as the Doc is made, not rebuilt
    # from the Doc's tokens on the first read (nor a part's, cut from it)
    from sitrep.nlp.spans import _KEY, part_docs

    sentences = ["Gunmen killed 12 villagers near Maiduguri on Sunday, police said. ",
                 "Rebels Seize Control of Malakal, Government Says",  # a headline parsed recased
                 "Protesters  gathered\noutside the  parliament in Kampala."]
    docs = list(parse(sentences))
    for text, doc in zip(sentences, docs, strict=True):
        assert doc.user_data.get(_KEY) == text == doc.text
        n = len(doc)
        bounds = [(0, n // 3), (n // 3, n - 1), (n - 1, n)]
        for (a, b), part in zip(bounds, part_docs(doc, bounds), strict=True):
            assert part.user_data.get(_KEY) == part.text == doc[a:b].as_doc().text


def test_sentence_bounds_match_token_sent():
    from sitrep.nlp.spans import sentence_bounds, sentence_of

    text = ("Gunmen killed 12 villagers near Maiduguri on Sunday. Police arrested two suspects on Monday, "
            "the governor said. The army sent troops to the area.")
    doc = next(parse([text]))
    assert len(list(doc.sents)) >= 2  # (a Doc of several sentences: the bounds differ by token)
    for tok in doc:
        assert sentence_bounds(tok) == (tok.sent.start, tok.sent.end)
        assert sentence_of(tok) == tok.sent


def test_doc_tokens_are_the_docs_tokens_read_once():
    from sitrep.nlp.spans import doc_tokens, tokens_of

    doc = next(parse(["Rebels seized the town of Bakwa on Friday after heavy fighting with government troops."]))
    toks = doc_tokens(doc)
    assert toks is doc_tokens(doc)
    assert toks == list(doc)
    assert tokens_of(doc[3:7]) == list(doc[3:7])
    assert tokens_of(doc) == list(doc)
    # a Token reads its annotation from the Doc: an arc set after the list was built is seen
    toks[4].head = toks[0]
    assert doc_tokens(doc)[4].head.i == 0 == doc[4].head.i
