"""coding.lexicon: the trigger lexicon as data, its checks and its matching."""

import pytest

from sitrep.coding.lexicon import Lexicon, default_lexicon, inflections
from sitrep.errors import DataFileError
from sitrep.nlp.parser import get_nlp


def test_default_lexicon_loads_and_covers_every_plover_family():
    lex = default_lexicon()
    events = {e.event for e in lex.entries}
    assert {"ASSAULT", "PROTEST", "COERCE", "THREATEN", "AGREE", "CONSULT", "REQUEST", "RETREAT"} <= events
    assert {"struck", "attacked", "shelling", "protesters", "kidnapped"} <= lex.word_forms


def test_inflections_generate_regular_and_irregular_forms():
    assert {"attacks", "attacked", "attacking"} <= inflections("attack")
    assert {"struck", "striking"} <= inflections("strike")
    assert {"shot"} <= inflections("shoot")


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("triggers:\n  - {id: x, lemmas: [a], event: NOT_A_TYPE}\n", "unknown PLOVER event"),
        ("triggers:\n  - {id: x, lemmas: [a], event: ASSAULT, require: {colour: [red]}}\n", "unknown condition"),
        ("triggers:\n  - {id: x, event: ASSAULT}\n", "lacks field"),
    ],
)
def test_broken_lexicon_names_the_entry(tmp_path, yaml_text, message):
    path = tmp_path / "triggers.yaml"
    path.write_text(yaml_text)
    with pytest.raises(DataFileError, match=message) as err:
        Lexicon.load(path)
    assert "x" in str(err.value)


@pytest.mark.parametrize(
    ("sentence", "word", "event"),
    [
        ("Workers went on strike over unpaid wages.", "strike", "PROTEST"),
        ("Israeli jets carried out an air strike on the camp.", "strike", "ASSAULT"),
        ("The two leaders struck a deal on trade.", "struck", "AGREE"),
        ("The company fired its chief executive.", "fired", None),
        ("Militants fired mortars at the base.", "fired", "ASSAULT"),
        ("Police arrested 12 protesters.", "arrested", "COERCE"),
    ],
)
def test_senses_pick_the_event(sentence, word, event):
    doc = get_nlp()(sentence)
    tok = next(t for t in doc if t.text == word)
    m = default_lexicon().match(tok)
    assert (m.event if m else None) == event
