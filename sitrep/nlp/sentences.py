"""Fast sentence splitting with character offsets.

A regex splitter, not a model: it runs on every sentence of every article
(most of which are never parsed), so it must be much faster than spaCy's
tokenizer. It knows abbreviations ("Cmdr.", "U.S.", "Gen."), initials,
decimal numbers, newswire datelines ("BAGHDAD, March 14 (Reuters) -") and
paragraph breaks, which are always boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sitrep import defaults

# Tokens after which a full stop does not end a sentence. Lower-cased, no dot.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr cdr adm sgt cpl pvt brig cmdt
    gov sen rep rev hon pres supt insp det amb
    jan feb mar apr jun jul aug sep sept oct nov dec
    no nos vs etc approx est inc ltd corp co dept univ assn bros
    u.s u.k u.n e.u a.m p.m i.e e.g
    """.split()
)

# A boundary candidate: sentence punctuation, optional closing quotes/brackets,
# whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"""([.!?]+)(["'\u201d\u2019)\]]*)(\s+)(?=["'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F])""")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\u2018\u2019'\"\u201c]?[A-Z][^\n]{0,80}\n)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# Newswire dateline at the start of a paragraph: "BAGHDAD, March 14 (Reuters) -"
DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Z][a-z]+\.? \d{1,2})?\s*(?:\((?:Reuters|AP|AFP|VOA|dpa)\))?\s*[-\u2013\u2014]{1,2}\s*"
)


# Wire-service slugs before a headline ("REFILE-", "UPDATE 2-", "WRAPUP 3-"): labels of the
# wire copy, not words of the sentence; the parser reads "REFILE-Insurgents attack" as a noun.
WIRE_SLUG = re.compile(
    r"^\s*(?:(?:REFILE|RPT|CORRECTED|UPDATE(?: \d+)?|WRAPUP(?: \d+)?|EXCLUSIVE|INSIGHT|ANALYSIS|FACTBOX|PREVIEW|TIMELINE)\s?-\s?)+"
)


def wire_slug_length(sentence: str) -> int:
    """How many leading characters of the sentence are a wire slug (0 when none)."""
    m = WIRE_SLUG.match(sentence)
    return 0 if m is None or m.end() >= len(sentence) else m.end()


# Run-on text (sentence-final full stops lost when the page was scraped: "... is discriminatory
# The 4th Circuit Appeals Court referenced ..."): inside a "sentence" longer than
# defaults.RUNON_MIN_CHARS, a capitalised closed-class word that opens sentences, right after a
# word that ends in a small letter or a digit, starts a new one. Function words and speech verbs
# before it mean a title or a name instead ("according to The Associated Press", "told The Times").
_RUNON_OPENERS = (
    "The|An|In|On|At|But|And|He|She|It|They|We|This|These|Those|His|Her|Their|Its|There|After|When|"
    "While|Earlier|Meanwhile|However|Since|Despite|During|Although|If|Last|Some|Many|Most|Other|Others"
)
_RUNON = re.compile(r"(?<=[a-z0-9%])[ \t]+(?=(?:" + _RUNON_OPENERS + r") (\w+))")
_RUNON_NOT_AFTER = frozenset(
    """
    a an the to of by in on at for from with into onto about and or nor but as than that which who whom
    said says say told tells tell called named titled dubbed
    """.split()
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the sentences of ``text``.

    Offsets exclude surrounding whitespace; ``text[start:end]`` is the sentence.
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        spans.extend(_split_paragraph(text, p_start, p_end))
    return spans


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _split_paragraph(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    seg_start = start
    para = text[start:end]
    for m in _BOUNDARY.finditer(para):
        dot_pos = start + m.start(1)
        if m.group(1) == "." and not _is_boundary_after(text, seg_start, dot_pos):
            continue
        cut = start + m.end(2)
        span = _strip(text, seg_start, cut)
        if span:
            yield from _split_runon(text, *span)
        seg_start = start + m.end(3)
    span = _strip(text, seg_start, end)
    if span:
        yield from _split_runon(text, *span)


def _split_runon(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A long span cut where a lost full stop most likely was (see _RUNON)."""
    if end - start <= defaults.RUNON_MIN_CHARS:
        yield start, end
        return
    seg_start = start
    for m in _RUNON.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, max(seg_start, m.start() - 30), m.start())
        if before is None or before.group(1).lower() in _RUNON_NOT_AFTER:
            continue
        if before.group(1)[0].isupper() and m.group(1)[0].isupper():
            continue  # inside a run of capitalised words: a title ("Life In The Fast Lane")
        yield seg_start, m.start()
        seg_start = m.end()
    yield seg_start, end


def _is_boundary_after(text: str, seg_start: int, dot_pos: int) -> bool:
    """Is the full stop at ``dot_pos`` a sentence end (not an abbreviation)?"""
    m = _WORD_BEFORE.search(text, max(seg_start, dot_pos - 20), dot_pos)
    if not m:
        return True
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return False
    # single capital letter initial ("George W. Bush"), but not a sentence ending in "I."
    if len(word) == 1 and word != "i":
        return False
    return True


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
