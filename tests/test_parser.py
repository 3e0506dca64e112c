"""nlp.parser: NER only where a word could still trigger an event, with the same events as always running it."""

from conftest import SEED_DATE, seed_text

import sitrep.pipeline as pipeline
from sitrep.models import Article
from sitrep.nlp.parser import parse


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
    monkeypatch.setattr(pipeline, "parse", lambda texts, needs_entities=None: parse(texts))
    full = coder.code_articles([article], strict=True)[0]
    assert isinstance(lazy, list) and isinstance(full, list) and lazy
    assert [e.to_dict() for e in lazy] == [e.to_dict() for e in full]
