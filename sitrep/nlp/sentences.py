"""Fast sentence splitting with character offsets.

A regex splitter, not a model: it runs on every sentence of every article
(most of which are never parsed), so it must be much faster than spaCy's
tokenizer. It knows abbreviations ("Cmdr.", "U.S.", "Gen."), initials,
decimal numbers, newswire datelines ("BAGHDAD, March 14 (Reuters) -") and
paragraph breaks, which are always boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from sitrep import defaults
from sitrep.nlp.spans import doc_tokens, part_docs
from sitrep.resolve.dates import calendar_names, load_calendar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
    said says say told tells tell called named titled dubbed 's ’s mr mrs ms dr
    among against between during under over through toward towards across near inside outside within without
    like via amid despite after before since until behind beyond upon per both all some many every each its his
    her their our my your this these those first second third last next new former late northern southern
    eastern western central
    """.split()
)
# After the parse, the tagger says more: a capitalised word tagged as a common word (a plural
# noun, a determiner, a pronoun, an adverb: "18 soldiers Tensions between the two countries have
# spiked") right after a lower-case word opens a sentence whose full stop was lost. Names keep
# their proper-noun tags ("Police arrest Black Lives Matter leader"), and a capitalised common
# word followed by another capitalised word is read as part of a name ("Foreign Minister").
# Measured on 60 BBC articles with every sentence's full stop removed: 225 of 227 cuts right
# (precision 0.99), 28% of the boundaries found (most others open with a name or follow one).
_OPENER_TAGS = frozenset(
    "NN NNS DT PRP PRP$ JJ JJS JJR RB RBR RBS IN VB VBD VBZ VBP VBG VBN WDT WP WRB EX MD CC PDT CD".split())
#: Tags of the words of a noun phrase after its article ("A delegation of the Afghan Taliban",
#: "A top U.S. commander").
_NOUN_PHRASE_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS CD VBN HYPH DT IN POS".split())
#: Nouns that take a capital letter as a label ("vitamin A", "grade A", "Group A"): an "A" after
#: one is the label, not an article opening a sentence.
_LETTER_LABEL_NOUNS = frozenset(
    "vitamin grade type plan group class category section article exhibit company level phase option "
    "hepatitis team part block gate terminal zone area building wing platoon battery list series league "
    "division tier pool row unit ward room floor model version size".split())
#: Tags of closed-class openers, which open a sentence even before a capitalised word ("In Damascus").
_CLOSED_OPENER_TAGS = frozenset("DT PRP PRP$ IN WDT WRB EX CC".split())
#: Words that join a capitalised word with a hyphen inside one name or phrase ("al-Assad", "anti-Western").
_HYPHEN_PREFIXES = frozenset(
    "al el ad ar as ash at az an ibn bin abu anti pro non ex mid post pre neo pan trans inter intra multi semi "
    "self vice co sub super ultra counter".split())
#: Entity types a capitalised "common" word may belong to ("Syrian settlements", "Western officials").
_NAME_ENTITIES = frozenset("NORP GPE ORG PERSON LOC FAC".split())


# A headline run into its article by a hyphen, as scraped pages often give it: "Fifth Protester
# Killed as Venezuela Unrest Intensifies-CARACAS —-Venezuela's opposition was ..." (a dateline in
# capitals and a dash after the hyphen), or "Israeli Forces Work to Clear West Bank Settlement-
# Israeli security forces continued ..." (title-case words, then a sentence in ordinary case).
_TITLE_DATELINE = re.compile(
    r"-\s?(?=[A-Z][A-Z'.\u2019]+(?:[ ,/&]+[A-Z][A-Z'.\u2019\-]*)*\s*[\u2014\u2013]|[A-Z][A-Z'.\u2019]+(?:[ ,/&]+[A-Z][A-Z'.\u2019\-]*)*\s+-{1,2}\s)")
_TITLE_JOIN = re.compile(r"(?<=[A-Za-z0-9'\u2019\u201d\)])-(?=[A-Z0-9\u2018\u201c\"'])")
_TITLE_WORDS = re.compile(r"[A-Za-z\u00C0-\u024F][\w'\u2019\-]*")
#: Words a title-case headline leaves in small letters.
TITLE_SMALL = frozenset(
    "a an the and or nor but as at by for from in into of off on onto out over per to up upon via vs with "
    "is are was were be amid after against before near".split())


def leading_title_end(text: str) -> int:
    """End offset of a headline run into the article at the start of ``text`` (0: none).

    A headline has no sentence stop, at most ``defaults.TITLE_MAX_CHARS`` characters and at least
    two words, and either a capitalised dateline follows its hyphen ("-CARACAS —") or its words are
    in title case and the words after the hyphen read as an ordinary sentence (at least two of
    the next eight in small letters)."""
    head = text[: defaults.TITLE_MAX_CHARS + 2]
    if "\n" in head.strip():
        head = head[: head.strip().find("\n") + len(head) - len(head.lstrip())]
    m = _TITLE_DATELINE.search(head)
    if m is not None and _title_ok(text[: m.start()], title_case=False):
        return m.start()
    for m in _TITLE_JOIN.finditer(head):
        if not _title_ok(text[: m.start()], title_case=True):
            continue
        after = _TITLE_WORDS.findall(text[m.end(): m.end() + 100])[:8]
        if sum(1 for w in after if w[0].islower()) >= 2:
            return m.start()
    return 0


def _title_ok(title: str, *, title_case: bool) -> bool:
    words = _TITLE_WORDS.findall(title)
    if len(words) < 2 or len(title) > defaults.TITLE_MAX_CHARS or len(list(_split_paragraph(title, 0, len(title)))) > 1:
        return False
    if not title_case:
        return True
    content = [w for w in words if w.lower() not in TITLE_SMALL]
    return len(content) >= 3 and all(w[0].isupper() or w[0].isdigit() for w in content)


# A media player's controls scraped into the text: time codes ("0:01:08", "/0:01:08"), play marks
# and "<resolution> | <file size>" download links ("270p | 3.2MB"), joined by hyphens, bars or
# spaces, with the player's short labels between them ("Direct link"). No sentence of news.
_PLAYER_ITEM = re.compile(
    r"(?<![\w:./])(?:/?\d{1,2}:\d{2}(?::\d{2})?|[\u25b6\u25ba\u23f5]|\d{3,4}p[ \t]*\|[ \t]*\d+(?:\.\d+)?[ \t]?[KMG]B)"
    r"(?![\w:])")
_PLAYER_STRONG = re.compile(r"[\u25b6\u25ba\u23f5]|[KMG]B$")
#: Between two controls: separators and at most a few short words (a label: "Direct link").
_PLAYER_GAP = re.compile(r"[-|\s]*(?:[A-Za-z]{1,12}[ \t]?){0,3}[-|\s]*")
_SENTENCE_STOP = re.compile(r"[.!?][\"'\u201d\u2019]?\s")


def _player_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of a media player's controls in ``text`` (_PLAYER_ITEM: at least
    ``defaults.PLAYER_MIN_ITEMS``, one a play mark or a file size), taken back through the
    hyphen-joined fragments of at most ``defaults.PLAYER_FRAGMENT_MAX_WORDS`` words before it (the
    player's labels and the video's title: "Video size-width-x-height-pixels-<title>-Share this
    video-0:01:08-..."); the fragment where that stops loses only its words after its last
    sentence stop, or after its last turn from a small word to a capitalised one ("... in college
    Video size")."""
    if "MB" not in text and "\u25b6" not in text and "\u25ba" not in text and "\u23f5" not in text:
        return []  # (the cheap test first: almost no article has a player)
    runs: list[list[re.Match[str]]] = []
    for m in _PLAYER_ITEM.finditer(text):
        if runs and _PLAYER_GAP.fullmatch(text, runs[-1][-1].end(), m.start()):
            runs[-1].append(m)
        else:
            runs.append([m])
    spans: list[tuple[int, int]] = []
    for run in runs:
        if len(run) < defaults.PLAYER_MIN_ITEMS or not any(_PLAYER_STRONG.search(m.group()) for m in run):
            continue
        start = run[0].start()
        while start > 0 and text[start - 1] in "-|/ \t":
            start -= 1
        while start > 0:
            dash = text.rfind("-", 0, start)
            fragment = text[dash + 1: start]
            stop = next(reversed(list(_SENTENCE_STOP.finditer(fragment))), None)
            if stop is not None:
                start = dash + 1 + stop.end()
                break
            if dash < 0 or len(fragment.split()) > defaults.PLAYER_FRAGMENT_MAX_WORDS:
                turn = next(reversed(list(_CASE_TURN.finditer(text, max(dash + 1, 0), start))), None)
                start = turn.end() if turn is not None else start
                break
            start = dash
        spans.append((start, run[-1].end()))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of the sentences of ``text``.

    Offsets exclude surrounding whitespace; ``text[start:end]`` is the sentence. A headline run
    into the article (:func:`leading_title_end`) is a sentence of its own.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    title_end = leading_title_end(text)
    if title_end:
        span = _strip(text, 0, title_end)
        if span:
            spans.append(span)
        start = title_end + 1
    players = _player_spans(text)
    for p_start, p_end in _paragraphs(text, start):
        # a media player's controls are no sentence: the text either side of them is split alone
        for a, b in players:
            if p_start < b and a < p_end:
                if a > p_start:
                    spans.extend(_split_paragraph(text, p_start, a))
                p_start = max(p_start, b)
        if p_start < p_end:
            spans.extend(_split_paragraph(text, p_start, p_end))
    return spans


#: What a line that ends a sentence, a heading's paragraph before it, ends with.
_LINE_END = frozenset(".!?:;\"'\u201d\u2019)]-\u2013\u2014")


def _paragraphs(text: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    for m in _PARAGRAPH.finditer(text, pos):
        if "\n" not in m.group(0)[1:] and _wrapped(text, pos, m.start()):
            continue
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _wrapped(text: str, pos: int, at: int) -> bool:
    """Is the single line break at ``at`` a hard wrap inside a sentence (a wire's or a plain-text
    archive's lines of 60-70 characters: "A bomb blast at the Philippine Military\nAcademy killed at
    least one person")? The line before it ends with a word or a comma, not with the stop of a
    sentence, the end of a paragraph before a short line of its own (a subhead, a caption) or a
    rule of dashes between two items ("- - - -")."""
    before = text[pos:at].rstrip()
    return bool(before) and before[-1] not in _LINE_END


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
            yield from _split_captions(text, *span)
        seg_start = start + m.end(3)
    span = _strip(text, seg_start, end)
    if span:
        yield from _split_captions(text, *span)


# A photo caption whose full stop was lost: captions end with the place and the day the picture
# was taken, after a comma (", Moscow, Russia, Oct. 20, 2015"); a capitalised word right after
# that date opens the next sentence. A date told inside a sentence has no comma before its
# month ("on Oct. 20, 2015 the minister ...") or goes on in small letters.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# (the day of the week may come first: ", Friday, Oct. 9, 2015"; the next sentence may open with
# any quotation mark: "... 2015 'Shame on you' ...")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_CAPTION_DATE_END = re.compile(r",[ \t]+(?:" + _WEEKDAY + r",[ \t]+)?" + _MONTH +
                               r"\.?[ \t]+\d{1,2},[ \t]+(?:19|20)\d\d(?=[ \t]+[\"'\u201c\u2018]?[A-Z])")
# A full date with its year takes a comma after the year inside a sentence ("the attack on Feb. 3,
# 2016, killed ..."), and a caption puts the day its picture was taken right after the place, so a
# date after a place name with no comma after its year, then a capitalised word, ends a caption
# even with no comma before the month ("in Geneva, Switzerland Feb. 3, 2016 \u201cI think ...").
# Not after a preposition or another function word ("headquarters on July 9, 2016 Others ...",
# "On Oct. 20, 2015 Syrian troops ..."): a date told as a clause's adverbial is left to the parse.
_BARE_DATE_END = re.compile(r"(?<=[A-Za-z.)] )" + _MONTH + r"\.?[ \t]+\d{1,2},[ \t]+(?:19|20)\d\d"
                            r"(?=[ \t]+[\"'\u201c\u2018]?[A-Z])")
# A photographer's credit in brackets with a slash ends its caption; scraped pages run it into the
# next sentence by a hyphen or a space ("... in Cairo, June 27, 2016 (H. Elrasam/VOA)-Most public
# demonstrations ...", "(AP Photo/Hadi Mizban) Iraqi forces ...").
_PHOTO_CREDIT_END = re.compile(r"\([^()\n]{1,40}/[^()\n]{1,40}\)(?:[ \t]*[-\u2013\u2014][ \t]*|[ \t]+)(?=[\"'\u201c\u2018]?[A-Z])")


def _split_captions(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A span cut after each caption date or photo credit that runs into the next sentence, each
    piece then cut as run-on text. Whether the text is run-on is told by the whole span's
    length: a piece that a caption cut leaves shorter is no edited sentence for that."""
    runon = end - start > defaults.RUNON_MIN_CHARS
    for cut in _caption_cuts(text, start, end):
        piece = _strip(text, start, cut)
        if piece:
            yield from _split_runon(text, *piece, runon=runon)
        start = cut
    piece = _strip(text, start, end)
    if piece:
        yield from _split_runon(text, *piece, runon=runon)


def _caption_cuts(text: str, start: int, end: int) -> list[int]:
    """Offsets inside ``text[start:end]`` where a caption ends (_CAPTION_DATE_END, _BARE_DATE_END,
    _PHOTO_CREDIT_END)."""
    cuts = {m.end() for m in _CAPTION_DATE_END.finditer(text, start, end)}
    for m in _BARE_DATE_END.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, max(start, m.start() - 30), m.start() - 1)
        if before is None or before.group(1).lower() in _RUNON_NOT_AFTER:
            continue  # "on July 9, 2016 ...": a date told in a clause (see _BARE_DATE_END)
        cuts.add(m.end())
    cuts.update(m.end() for m in _PHOTO_CREDIT_END.finditer(text, start, end))
    return sorted(c for c in cuts if start < c < end)


def _split_runon(text: str, start: int, end: int, *, runon: bool = False) -> Iterator[tuple[int, int]]:
    """A long span (or a piece of one: ``runon``) cut where a lost full stop most likely was (see _RUNON)."""
    if not runon and end - start <= defaults.RUNON_MIN_CHARS:
        yield start, end
        return
    seg_start = start
    for m in _RUNON.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, max(seg_start, m.start() - 30), m.start())
        if before is None or before.group(1).lower() in _RUNON_NOT_AFTER:
            continue
        if before.group(1)[0].isupper() and m.group(1)[0].isupper():
            continue  # inside a run of capitalised words: a title ("Life In The Fast Lane")
        yield from _cap_length(text, seg_start, m.start())
        seg_start = m.end()
    yield from _cap_length(text, seg_start, end)


#: A lower-case word, then a capitalised one: where a lost full stop may have been.
_CASE_TURN = re.compile(r"(?<=[a-z0-9%,;:\"”’)])[ \t]+(?=[A-Z][a-z])")


def _cap_length(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A run-on span the opener words could not cut, cut again so that no piece is longer than
    the parser reads (``defaults.MAX_SENTENCE_CHARS``: the rest would be clipped unread): at
    the last turn from a lower-case word to a capitalised one that fits (not after a function
    word: "told The Times"), else at the last space."""
    limit = defaults.MAX_SENTENCE_CHARS
    while end - start > limit:
        cut = None
        for m in _CASE_TURN.finditer(text, start + limit // 4, start + limit):
            before = _WORD_BEFORE.search(text, max(start, m.start() - 30), m.start())
            # a lower-case word ("... said The U.S."), not the end of a name ("Rancho Mirage")
            if before is not None and before.group(1)[0].islower() and before.group(1).lower() not in _RUNON_NOT_AFTER:
                cut = m
        if cut is None:
            space = text.rfind(" ", start + limit // 4, start + limit)
            if space < 0:
                break
            piece_end, next_start = space, space + 1
        else:
            piece_end, next_start = cut.start(), cut.end()
        yield start, piece_end
        start = next_start
    yield start, end


def _article_opens_clause(doc: Doc, tok: Token) -> bool:
    """Does the one-letter "A" at ``tok`` open a sentence whose full stop was lost ("... to facilitate
    talks A delegation of the Afghan Taliban visited Islamabad")? It opens a noun phrase (a
    lower-case word follows) that a finite verb ends, as a sentence's subject is, and no noun
    that takes a letter as its label stands before it ("vitamin A deficiency")."""
    if tok.i + 1 >= len(doc) or not doc[tok.i + 1].text[:1].islower():
        return False
    if doc[tok.i - 1].lower_ in _LETTER_LABEL_NOUNS:
        return False
    for t in doc[tok.i + 1:tok.i + 10]:
        if t.tag_ in _FINITE_VERB_TAGS or t.tag_ == "MD":
            return t.i > tok.i + 1
        if t.tag_ == "RB" and t.i > tok.i + 1:
            continue  # an adverb between the subject and its verb ("A crowd also broke through")
        if t.tag_ not in _NOUN_PHRASE_TAGS:
            return False
    return False


#: Where a photo caption places a person in its picture, set off by commas after the name
#: ("Afghan President Ashraf Ghani, center, speaks with ...").
_PICTURE_POSITIONS = frozenset("left right center centre".split())


def _captioned_name_cuts(doc: Doc) -> list[int]:
    """Cuts before a photo caption run into the text before it: a caption names the people in its
    picture with their place in it set off by commas ("... in July alone Afghan President Ashraf
    Ghani, center, speaks with U.S. President Barack Obama ..."), so the capitalised words that
    end with that name open the caption where a lower-case word (not a function word) stands
    before them."""
    toks = doc_tokens(doc)
    cuts = []
    for tok in toks[2:-1]:
        if tok.lower_ not in _PICTURE_POSITIONS or toks[tok.i - 1].text != "," or toks[tok.i + 1].text != ",":
            continue
        name = toks[tok.i - 2]
        if name.pos_ != "PROPN" or name.ent_type_ != "PERSON":
            continue
        first = name.i
        while first > 0 and (toks[first - 1].is_title or toks[first - 1].is_upper) and not toks[first - 1].is_punct:
            first -= 1
        prev = toks[first - 1] if first > 0 else None
        if prev is None or not prev.text.isalpha() or not prev.text.islower() or prev.lower_ in _RUNON_NOT_AFTER:
            continue
        cuts.append(first)
    return cuts


def tagged_runon_cuts(doc: Doc) -> list[int]:
    """Token indices of a parsed sentence where a sentence whose full stop was lost begins."""
    toks = doc_tokens(doc)
    cuts = []
    # (a headline in title case capitalises every word: a capital there opens no sentence --
    # "5 Killed in Clashes", "Tiv/Jukun Crisis Escalates, 5 Killed in Wukari")
    capitals = not _in_title_case(toks)
    for tok in toks[1:] if capitals else ():
        if not (tok.is_title or tok.is_upper):
            continue  # both tests below need a capitalised word
        prev = toks[tok.i - 1]
        if tok.lower_ in load_calendar().months and _day_of_month(prev):
            continue  # "On 3 March 2023": a date written day first (the tagger may read "March" as a noun)
        if _after_subhead(doc, tok):
            cuts.append(tok.i)
            continue
        if prev.text == ")" and tok.i >= 2:  # "a video posted on YouTube (below) They were sent"
            prev = toks[tok.i - 2]
        if _opens_quotation(doc, prev):
            if _quote_runon(doc, prev):
                cuts.append(prev.i)
            continue
        if _clause_final_date(doc, prev):
            if _opens_after_date(doc, tok):
                cuts.append(tok.i)
            continue
        if _connective_after_name(doc, tok):
            cuts.append(tok.i)
            continue
        # (a one-letter word is an initial or "I" -- except the article "A" before a lower-case
        # word, which opens a noun phrase: "... to facilitate talks A delegation of ... visited")
        article = tok.text == "A" and tok.tag_ == "DT" and _article_opens_clause(doc, tok)
        if not tok.is_title or (len(tok.text) < 2 and not article) or tok.tag_ not in _OPENER_TAGS:
            continue
        if not (prev.text[-1].islower() or prev.text[-1].isdigit()) or prev.is_title or prev.is_upper:
            continue
        if prev.lower_ in _RUNON_NOT_AFTER:
            continue
        if tok.ent_type_ in _NAME_ENTITIES and tok.tag_ in ("JJ", "NN", "NNS"):
            continue
        nxt = toks[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_title and tok.tag_ not in _CLOSED_OPENER_TAGS:
            continue
        cuts.append(tok.i)
    cuts += [i for i in _clause_runon_cuts(doc) if i not in cuts]
    cuts += [i for i in _captioned_name_cuts(doc) if i not in cuts]
    cuts += [i for i in _attribution_cuts(doc) if i not in cuts]
    cuts += [i for i in _stolen_subject_cuts(doc) if i not in cuts]
    cuts += [i for i in _after_name_cuts(doc) if i not in cuts]
    cuts += [i for i in _caption_place_cuts(doc) if i not in cuts]
    cuts += [i for i in _fronted_day_cuts(doc) if i not in cuts]
    # a bare weekday between two cuts closes the clause before it ("killed five police officers
    # Saturday Officials said ..."): it is not a sentence of its own, nor the next one's subject
    return sorted(i for i in cuts if not (i + 1 in cuts and toks[i].lower_ in _weekdays()))


def _in_title_case(toks: Sequence[Token]) -> bool:
    """Is the sentence written in title case, as headlines are ("3 Soldiers Killed in Ambush
    Near Border")? Every word of letters but the small ones a title leaves in small letters
    (``TITLE_SMALL``) is capitalised, and one at least is no name (a common word capitalised
    only because the sentence is a title)."""
    common = 0
    for t in toks:
        if not t.is_alpha or t.lower_ in TITLE_SMALL:
            continue
        if not (t.is_title or t.is_upper):
            return False
        common += t.tag_ not in ("NNP", "NNPS") and not t.is_upper
    return common >= 1


def _own_complement(verb: Token) -> bool:
    """Has ``verb`` an object or complement of its own after it ("pledged support", "recovered
    the bodies", "said it killed 20"), so that the clause before it is none of its slots? A verb
    of saying or thinking needs a clause or a thing said after it ("officials reported heavy
    losses"): ", police said" and ", police told reporters" are attributions."""
    after = [ch for ch in verb.children if ch.i > verb.i]
    if verb.lemma_.lower() in _BARE_CLAUSE_VERBS:
        return any(ch.dep_ == "ccomp" or ch.dep_ == "dobj" and verb.lemma_.lower() not in _HEARER_VERBS
                   for ch in after)
    return any(ch.dep_ in _COMPLEMENT_DEPS for ch in after) or any(ch.dep_ == "auxpass" for ch in verb.children)


@cache
def _weekdays() -> frozenset[str]:
    """The lower-case weekday names of ``data/timex.yaml`` (read once)."""
    return frozenset(n.lower() for n in load_calendar().weekday_names)


def _day_of_month(tok: Token) -> bool:
    """Is ``tok`` a day's number, 1 to 31, as written before a month ("3 March", "21st May")?"""
    digits = tok.lower_[:-2] if tok.lower_.endswith(("st", "nd", "rd", "th")) else tok.lower_
    return digits.isdigit() and 1 <= int(digits) <= 31


def _fronted_day_cuts(doc: Doc) -> list[int]:
    """Cuts before a weekday that opens a sentence whose full stop was lost: "... announced they
    would coordinate their airstrikes in Syria Sunday, military leaders from 14 countries offered
    support ...". The parser hangs the day on the verb before it and joins the next clause to
    the first with no conjunction (a comma splice); news opens a sentence with "Sunday, <subject>
    <verb>", and a day at the end of a clause is followed by a full stop or by its attribution
    (", police said": the saying is then the sentence's root with no clause of its own after it,
    and no cut is made; a root with its own object or clause, "Monday, the coast guard
    recovered the bodies", cannot have the clause before as its complement). Weekday
    names: ``data/timex.yaml``."""
    toks = doc_tokens(doc)
    days = _weekdays()
    cuts: list[int] = []
    for day in toks[1:-2]:
        if not day.is_title or day.lower_ not in days or toks[day.i + 1].text != ",":
            continue
        if day.dep_ != "npadvmod" or day.head.i >= day.i or not _finite_before(doc, day.i):
            continue  # (a bare day on the clause before it: not "by Wednesday", not the next clause's)
        if any(ch.dep_ == "mark" for ch in day.head.children) or day.head.dep_ == "advcl":
            continue  # "When workers had received no payment Wednesday, they ...": a fronted clause
        subj = next((t for t in toks[day.i + 2:] if t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == day.i + 2), None)
        if subj is None:
            continue
        verb = subj.head
        if verb.i <= subj.i or not _finite(verb):
            continue
        if verb.dep_ == "conj":
            if verb.head.i >= day.i or any(ch.dep_ == "cc" and verb.head.i < ch.i < verb.i for ch in verb.head.children):
                continue  # "... in Syria Sunday, and leaders met": one sentence
        elif verb.dep_ != "ROOT" or not _own_complement(verb):
            continue  # (the text before hangs on the root: the root may be its attribution)
        cuts.append(day.i)
    return cuts


#: Verbs of saying that follow the words they report (", he said", ", police say", ", she added").
_ATTRIBUTION_VERBS = frozenset("say tell add report write tweet explain note insist warn claim state confirm".split())
#: Marks that close the reported words before a postposed attribution.
_BEFORE_ATTRIBUTION = frozenset({",", "\u201d", '"', "\u2019", "'"})
#: Dependents through which a capitalised word after a verb of saying is still that verb's: its
#: hearer or object ("told CNN", "told The Associated Press"). (A capitalised adverb or preposition
#: right after the verb opens the next sentence: "she said However, ...", "he said In Damascus ...".)
_HEARER_DEPS = frozenset("dobj dative iobj attr oprd npadvmod".split())
#: Opening quotation marks.
_OPENING_QUOTES = frozenset({"\u201c", '"', "\u2018", "'"})


def _attribution_cuts(doc: Doc) -> list[int]:
    """Cuts after a postposed attribution whose full stop was lost: "... has not been able to stop the
    bloodshed,\u201d he said Police arrest ...", "Four people were killed, authorities say Opposition
    lawmaker Alfonso Marquina said ...", "... to do so, he said \u201cMoreover, ...". An attribution
    after a comma or a closing quote ends the sentence whose words it reports; a capitalised word
    (or an opening quote before one) right after its verb begins the next sentence. Read from the
    parse: the verb of saying takes the reported clause on its left (it governs it, or hangs from
    it), its subject stands between that clause's comma or quote and the verb, and a date after
    the verb ("he said Tuesday") stays with it. A verb that reports the clause on its right ("In
    Tehran, the minister said Iran would respond") is never cut after."""
    toks = doc_tokens(doc)
    cuts: list[int] = []
    for verb in toks:
        if verb.lemma_.lower() not in _ATTRIBUTION_VERBS or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subj = [ch for ch in verb.children if ch.dep_ == "nsubj" and ch.i < verb.i]
        if not subj or subj[0].right_edge.i != verb.i - 1 or subj[0].left_edge.i < 2:
            continue
        if toks[subj[0].left_edge.i - 1].text not in _BEFORE_ATTRIBUTION:
            continue
        reported_left = (any(ch.dep_ in ("ccomp", "parataxis") and ch.i < subj[0].i for ch in verb.children)
                         or (verb.dep_ in ("ccomp", "parataxis", "conj", "advcl") and verb.head.i < verb.i))
        if not reported_left:
            continue
        i = verb.i + 1
        while i < len(doc) and toks[i].ent_type_ in ("DATE", "TIME"):
            i += 1  # "he said Tuesday"
        if i >= len(doc):
            continue
        first = toks[i + 1] if toks[i].text in _OPENING_QUOTES and i + 1 < len(doc) else toks[i]
        if first.is_punct or not (first.is_title or first.is_upper) or first.ent_type_ in ("DATE", "TIME"):
            continue
        if any(ch.dep_ in _HEARER_DEPS and ch.left_edge.i <= first.i <= ch.right_edge.i for ch in verb.children):
            continue  # the verb's own hearer or medium: "Kerry told CNN", "told The Associated Press"
        cuts.append(i)
    return cuts


#: Dependents that give a verb its subject.
_SUBJECT_DEPS = frozenset("nsubj nsubjpass csubj csubjpass expl".split())
#: Tags of the words of a noun phrase that may run from a capitalised word up to a verb.
_SUBJECT_PHRASE_TAGS = frozenset("NN NNS NNP NNPS JJ JJR JJS CD HYPH POS CC , VBN VBG".split())


def _stolen_subject_cuts(doc: Doc) -> list[int]:
    """Cuts before a subject the parser took into the sentence before a lost full stop: "... doctors
    are struggling to cope Heavy fighting is placing extreme pressure ...", "... for its coverage of
    the Rohingya issue Thai reporter Chutima Sidasathian and Australian editor Alan Morison face
    charges ...". A finite verb needs a subject; one left with none (not a conjunct sharing its
    subject, not an imperative) whose verb group follows right after a noun phrase that opens with
    a capitalised word after a lower-case one had its subject hung as the object of the clause
    before: the sentence begins with that phrase. Not after a function word or a verb that takes
    a bare clause ("said Syrian troops attacked" is one sentence whatever the parse)."""
    toks = doc_tokens(doc)
    cuts: list[int] = []
    for first in toks[2:]:
        if first.tag_ not in _FINITE_TAGS or toks[first.i - 1].tag_ in _FINITE_TAGS or toks[first.i - 1].dep_ in ("aux", "neg"):
            continue
        main = first if first.dep_ not in ("aux", "auxpass") else first.head
        if main.i < first.i or main.dep_ in ("relcl", "acl") or any(ch.dep_ in _SUBJECT_DEPS for ch in main.children):
            continue
        if main.dep_ == "conj" and any(ch.dep_ == "cc" and main.head.i < ch.i < main.i for ch in main.head.children):
            continue  # a conjunct shares its subject ("attacked the town and seized the base")
        if not first.text[:1].islower():
            continue  # a title-case headline
        np = toks[first.i - 1]
        if np.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
            continue
        while np.dep_ in ("conj", "appos") and np.head.i < np.i:
            np = np.head
        start = np.left_edge
        if start.i < 2 or not (start.is_title or start.is_upper) or len(start.text) < 2 or start.tag_ in _CLOSED_OPENER_TAGS:
            continue
        if any(t.tag_ not in _SUBJECT_PHRASE_TAGS for t in toks[start.i:first.i]):
            continue
        prev = toks[start.i - 1]
        if not prev.text[-1:].isalnum() or not (prev.text[-1].islower() or prev.text[-1].isdigit()):
            continue
        if prev.is_title or prev.is_upper or prev.lower_ in _RUNON_NOT_AFTER or prev.lower_ in _SUBORDINATORS:
            continue
        if main.pos_ == "AUX" and main.i + 1 < len(doc) and toks[main.i + 1].is_title:
            continue  # a name goes on ("Welt am Sonntag")
        if prev.tag_ not in _CLAUSE_END_TAGS and not (prev.tag_ in _VERB_TAGS and (
                _common_phrase(start, np) or _auxiliary_after_object(first, main, prev))):
            # after a verb the capitalised phrase is its object and the "verb" a noun ("to assuage
            # Damascus fears that", "blocking Russian television broadcasts") unless the phrase
            # is no name ("to cope Heavy fighting is placing") or an auxiliary follows it
            continue
        if _full_name_after_role(prev, start):
            continue
        if not _finite_before(doc, start.i):
            continue
        cuts.append(start.i)
    return cuts


#: Tags of closed-class words that open a subject: determiners and personal pronouns ("The Kurds",
#: "Another commander", "That", "He", "Their forces").
_SUBJECT_OPENER_TAGS = frozenset("DT PRP PRP$".split())


def _after_name_cuts(doc: Doc) -> list[int]:
    """Cuts where a sentence whose full stop was lost ends with a name and the next opens its subject
    with a capitalised determiner or pronoun: "... between the YPG and Damascus The Kurds will do
    anything ...", "... on the west bank of the Tigris River Another commander, Hisham Abdul
    Kadhem, said ...". Inside a sentence such a word is in small letters; in a title or a name
    ("Alexander The Great") it belongs to the name's phrase, so the cut needs the word to open
    the subject phrase of a finite verb in small letters (no title-case headline) after a clause
    of its own."""
    toks = doc_tokens(doc)
    cuts: list[int] = []
    for tok in toks[2:]:
        if not tok.is_title or tok.tag_ not in _SUBJECT_OPENER_TAGS or tok.lower_ in ("a", "i"):
            continue
        prev = toks[tok.i - 1]
        if prev.pos_ != "PROPN" or not (prev.is_title or prev.is_upper) or not prev.text[-1:].isalnum():
            continue
        subj = tok
        while subj.dep_ not in ("nsubj", "nsubjpass") and subj.head.i != subj.i and subj.head.left_edge.i == tok.i:
            subj = subj.head
        verb = subj.head
        if subj.dep_ not in ("nsubj", "nsubjpass") and subj.left_edge.i == tok.i:
            verb = _verb_group_after(doc, subj) or verb  # a subject the parser hung on the name before
        elif (subj.dep_ not in ("nsubj", "nsubjpass") or subj.left_edge.i != tok.i or verb.i <= subj.i
                or not _finite(verb)):
            continue
        if verb.i <= subj.i or not verb.text[:1].islower():
            continue
        if not any(_finite(t) and t.text[:1].islower() for t in toks[:prev.i] if t.pos_ in ("VERB", "AUX")):
            continue
        cuts.append(tok.i)
    return cuts


def _verb_group_after(doc: Doc, phrase: Token) -> Token | None:
    """The verb whose finite group in small letters follows right after the noun phrase of
    ``phrase`` (or after an attribution set off by commas: "That effort, he said, will fail")
    with no subject of its own after that phrase ("... outside Fallujah The UNHCR is already
    working ...", which the parser read as "the situation outside Fallujah, the UNHCR" and gave
    "working" an earlier subject): the phrase is that verb's subject. None otherwise."""
    toks = doc_tokens(doc)
    j = phrase.right_edge.i + 1
    if j < len(doc) and toks[j].text == ",":
        # an attribution set off by commas may stand between ("That effort, Zakhilwal said, will fail")
        close = next((k for k in range(j + 1, min(j + 8, len(doc))) if toks[k].text == ","), None)
        if close is None or not any(t.lemma_.lower() in _ATTRIBUTION_VERBS and t.pos_ == "VERB" for t in toks[j + 1:close]):
            return None
        j = close + 1
    if j >= len(doc):
        return None
    first = toks[j]
    if first.tag_ not in _FINITE_TAGS or not first.text[:1].islower() or first.pos_ not in ("VERB", "AUX"):
        return None
    verb = first.head if first.dep_ in ("aux", "auxpass") and first.head.i > first.i else first
    if any(ch.dep_ in _SUBJECT_DEPS and ch.i > phrase.i for ch in verb.children):
        return None
    return verb


#: Nouns of a place's kind that may stand before the comma of "<place>, <country>" ("Aleppo province, Syria").
_PLACE_KIND_NOUNS = frozenset("province governorate district city town village region state county area".split())


def _caption_place_cuts(doc: Doc) -> list[int]:
    """Cuts after a photo caption that ends with its place, "<place>, <country>", run into the next
    sentence: "... in Fafeen village, north of Aleppo province, Syria Rebels see Western
    'passivity' ...", "... in Sochi, Russia Obama said ...". A country after a comma closes the
    place it locates; a capitalised word right after it that is not part of its name nor a date
    ("Sochi, Russia Saturday") opens a clause with a finite verb in small letters."""
    toks = doc_tokens(doc)
    cuts: list[int] = []
    for comma in toks[1:len(doc) - 2]:  # (read from the comma: most words follow none)
        if comma.text != ",":
            continue
        country = toks[comma.i + 1]
        if country.ent_type_ != "GPE" or country.ent_iob_ != "B" or not country.is_title:
            continue
        tok, place = toks[comma.i + 2], toks[comma.i - 1]
        if not (tok.is_title or tok.is_upper) or len(tok.text) < 2 or tok.ent_type_ in ("DATE", "TIME"):
            continue
        if tok.ent_type_ == "GPE" and tok.ent_iob_ == "I":
            continue  # one name ("Saudi Arabia")
        if place.ent_type_ not in ("GPE", "LOC", "FAC") and place.lower_ not in _PLACE_KIND_NOUNS:
            continue
        if not any(_finite(t) and t.text[:1].islower() for t in toks[tok.i + 1:tok.i + 12] if t.pos_ in ("VERB", "AUX")):
            continue
        if not _finite_before(doc, place.i):
            continue
        cuts.append(tok.i)
    return cuts


#: Tags of a word that may end a clause: a noun, a number, an adverb or a particle.
_CLAUSE_END_TAGS = frozenset("NN NNS CD RB RBR RP".split())
#: Tags of a word that can close a clause right before a bare weekday ("killed five people
#: Saturday", "captured alive Saturday", "were arrested Saturday").
_BARE_DAY_AFTER_TAGS = frozenset("NN NNS CD RB RBR RP JJ VBN".split())
#: Verb tags.
_VERB_TAGS = frozenset("VB VBD VBG VBN VBP VBZ".split())


def _common_phrase(start: Token, head: Token) -> bool:
    """A noun phrase of common words whose first is capitalised only because it opens a sentence:
    no entity, a common noun as its head ("Heavy fighting")."""
    return not start.ent_type_ and not head.ent_type_ and head.text[:1].islower() and head.tag_ in ("NN", "NNS")


def _auxiliary_after_object(first: Token, main: Token, prev: Token) -> bool:
    """Is ``first`` an auxiliary of a verb after it ("is placing", "have forced", "will hold"),
    right after the phrase that a verb before (``prev``, not one that takes a bare clause: "said
    Syrian troops have attacked") took as its object? An auxiliary is never a noun, as "fears" in
    "to assuage Damascus fears that" may be, so the verb group has lost its subject to the clause
    before whatever the phrase's words (a tagger may read a capitalised adjective as a
    nationality: "to cope Heavy fighting is placing")."""
    return (first.pos_ == "AUX" and first.dep_ in ("aux", "auxpass") and main.i > first.i
            and main.text[:1].islower() and prev.lemma_.lower() not in _BARE_CLAUSE_VERBS)


#: Finite verb tags: a clause of its own.
_FINITE_TAGS = frozenset("VBD VBZ VBP MD".split())
#: Tags of a word after which a capitalised subject continues the sentence: a verb whose object
#: or complement clause follows ("said Syrian troops attacked"), a preposition, determiner,
#: conjunction, wh-word, "to", a possessive or a particle.
_NOT_BEFORE_SUBJECT_TAGS = frozenset("VB VBD VBZ VBP VBG VBN MD IN TO DT PDT CC WDT WP WP$ WRB POS RP PRP$ EX HYPH".split())
#: Subordinators that open a clause with no comma ("when Police arrived").
_SUBORDINATORS = frozenset(
    "when while where whereas because although though if unless whether once until since so then yet how why "
    "as than that which who whom whose".split())


def _clause_runon_cuts(doc: Doc) -> list[int]:
    """Cuts before a capitalised subject that opens a clause of its own where a full stop was
    lost: "... family members pray next to his body, July 10, 2016 National Police spokesman
    Kirt Chantarith said ...", "... to mark a public holiday, Sinai Liberation Day Egypt
    authorities have arrested dozens ...". Read from the parse, not from the words: the
    capitalised word begins the subject phrase of a finite verb; that verb is the sentence's
    root (the text before it then hangs from it, as a quote never does without a comma) or a
    second clause joined with no conjunction; the text before has a finite verb of its own; and
    the word before the subject ends in a small letter or a digit (no name runs on) and is no
    verb, preposition or other word a subject follows in one sentence. A comma before the
    subject only cuts a comma splice (the verb is a conjunct with no "and")."""
    toks = doc_tokens(doc)
    cuts: list[int] = []
    for subj in toks:
        if subj.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = subj.head
        left = subj.left_edge
        i = left.i
        if i < 2 or verb.i <= subj.i or not left.is_title or len(left.text) < 2 or left.tag_ in _CLOSED_OPENER_TAGS:
            continue
        if not _finite(verb):
            continue
        prev = toks[i - 1]
        comma = prev.text == ","
        if comma:
            prev = toks[i - 2]
        if not prev.text[-1:].isalnum() or not (prev.text[-1].islower() or prev.text[-1].isdigit()):
            continue  # (a name ending the text before: "Barquisimeto Gruseny Calderon" is no cue)
        if prev.is_title or prev.is_upper or prev.lower_ in _RUNON_NOT_AFTER or prev.lower_ in _SUBORDINATORS:
            continue
        if prev.tag_ in _NOT_BEFORE_SUBJECT_TAGS:
            continue
        if verb.dep_ == "ROOT":
            if comma:
                continue  # "After the troops left the town, Rebels took it": a fronted clause
        elif verb.dep_ == "conj":
            joiner = verb.head
            if joiner.i >= i or any(ch.dep_ == "cc" and joiner.i < ch.i < verb.i for ch in joiner.children):
                continue
        elif verb.dep_ == "ccomp":
            if comma:
                continue
            if verb.head.i > verb.i:
                if not _inverted_attribution(verb):
                    continue
            elif not _stray_complement(verb, subj, i):
                continue
        elif verb.dep_ == "relcl":
            if comma or verb.head.lemma_.lower() in _ADVERBIAL_RELATIVE_NOUNS or not _gapless(verb):
                continue
        elif verb.dep_ in ("advcl", "dep"):
            # (a "mark" with an object of its own is a preposition the parser hung on the verb
            # across the lost full stop: "remained under curfew Tuesday after a second night of
            # violence Police said they arrested ...": it subordinates no clause)
            if comma or verb.head.i >= i or not _gapless(verb) or any(
                    (ch.dep_ == "mark" and not _preposition_with_object(ch)) or ch.tag_ in ("WRB", "WDT", "WP")
                    for ch in verb.children if ch.i < verb.i):
                continue
        else:
            continue
        if _weak_cue(verb, i) and _continues(doc, prev, i, verb):
            continue
        if not _finite_before(doc, i):
            continue  # "In Aleppo Syrian troops attacked": a fronted phrase, no clause before
        cuts.append(i)
    return cuts


#: Verbs whose complement clause may come with no "that" ("said in a statement Russian jets
#: bombed", "believes Iraqi forces will win"): saying, thinking, knowing and perceiving.
_BARE_CLAUSE_VERBS = frozenset(
    "say tell think believe know claim report announce insist suspect hope fear warn add argue acknowledge admit "
    "agree deny expect feel find guess hear learn mean note realize recall reckon remember show suggest suppose "
    "understand wish see confirm estimate predict allege assert explain state reveal indicate decide conclude "
    "charge assure inform remind promise convince write tweet testify contend maintain worry doubt assume "
    "ensure sense notice discover acknowledge concede complain declare vow swear threaten".split())
#: Of those, the ones that take a hearer before the clause ("told reporters Russian jets bombed").
_HEARER_VERBS = frozenset("tell warn assure inform remind promise convince show".split())
#: Dependents that fill a verb's complement slot.
_COMPLEMENT_DEPS = frozenset("dobj ccomp xcomp attr acomp oprd dative".split())


def _preposition_with_object(mark: Token) -> bool:
    """Is a word parsed as a clause's subordinator ("after", "before") one that governs a noun
    phrase of its own ("after a second night of violence")? A subordinator takes no object:
    the word is a preposition, and the clause it seems to open is another sentence's."""
    return any(ch.dep_ == "pobj" for ch in mark.children)


def _stray_complement(verb: Token, subj: Token, i: int) -> bool:
    """A clause the parser hung as the complement of an earlier verb that cannot take it there:
    "... Romanian workers also died Japanese officials say ...", "... were seen on the front
    lines of the attack Iraqi security forces search a civilian": the earlier verb takes no
    clause without "that" (it is no verb of saying, thinking or perceiving), or its complement
    slot is already filled before the subject ("claiming they are part of a plot to destabilize
    the country Thousands of mourners turned out"; a hearer before "told" does not count). Not
    when the clause has a phrase of its own before the subject ("In the last two years China
    has reclaimed": the sentence may begin there), nor when a capitalised closed-class word
    follows inside the subject ("goes by the name Mal Stiff A lot has changed": a name ends
    the clause before, the next sentence begins later), nor when the clause strands a
    preposition (a relative clause with no "that": "islands Egypt plans to cede control of")."""
    gov = verb.head
    if gov.i >= i or gov.pos_ not in ("VERB", "AUX"):
        return False
    two_clauses = sum(1 for ch in verb.children if ch.dep_ == "ccomp") > 1
    if any(ch.i < i and ch.dep_ != "punct" and not _trailing_phrase(ch) and not (two_clauses and ch.dep_ == "ccomp")
           for ch in verb.children):
        return False  # (a verb reports one clause: of two, the one on the left is the text before's)
    if any(t.is_title and t.tag_ in _CLOSED_OPENER_TAGS for t in verb.doc[i + 1:subj.i + 1]):
        return False
    if any(t.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in t.children) for t in verb.subtree):
        return False  # a stranded preposition: a relative clause with no "that" ("islands Egypt plans to cede control of")
    if gov.lemma_.lower() not in _BARE_CLAUSE_VERBS or two_clauses:
        return True  # (the left one of two clauses fills the earlier verb's slot)
    for ch in gov.children:
        if ch.i < i and ch.i != verb.i and ch.dep_ in _COMPLEMENT_DEPS:
            if ch.dep_ in ("dobj", "dative") and gov.lemma_.lower() in _HEARER_VERBS:
                continue
            return True
    return False


def _weak_cue(verb: Token, i: int) -> bool:
    """Does a cut before ``i`` rest on the parse's weaker cues: a relative, adverbial or unlabelled
    clause, a verb of saying hung on the clause it reports, or words before the subject that
    :func:`_trailing_phrase` gave back to the text before?"""
    return (verb.dep_ in ("relcl", "advcl", "dep") or verb.head.i > verb.i
            or verb.dep_ == "ccomp" and any(ch.i < i and ch.dep_ != "punct" for ch in verb.children))


def _continues(doc: Doc, prev: Token, i: int, verb: Token) -> bool:
    """The text runs on across ``i``: the word before modifies what follows ("other formerly
    Al-Qaida linked groups"), or a capitalised closed-class word before the verb opens the
    sentence later ("goes by the name Mal Stiff A lot has changed")."""
    return (prev.head.i >= i or any(t.is_title and t.tag_ in _CLOSED_OPENER_TAGS for t in doc[i + 1:verb.i])
            or _full_name_after_role(prev, doc[i]))


def _full_name_after_role(prev: Token, first: Token) -> bool:
    """A singular noun, then a person's full name: the noun is the person's role, in apposition
    ("the company's main lawyer William Ohlemeyer told the BBC"); a later mention gives the
    surname alone ("... to serve as his running mate Schroeder said ...")."""
    nxt = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    return (prev.tag_ == "NN" and first.ent_type_ == "PERSON" and nxt is not None
            and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "I")


def _trailing_phrase(ch: Token) -> bool:
    """A phrase in small letters that the parser hung on the clause after it but that ends the text
    before ("naming Obama and Holder among the antagonists Johnson said ...", "pledged to do so in
    2010 Dembovsky said ..."): a phrase whose first word is not capitalised cannot open a
    sentence, so it is no fronted phrase of the clause that follows (a complementizer is: "said
    that in 2015 China ..."); nor is a clause set side by side with it ('"...," he said, naming ...')."""
    return ch.dep_ not in _CLAUSE_CORE_DEPS and (ch.left_edge.text[:1].islower() or ch.dep_ == "parataxis")


#: Dependents that belong to the clause they hang on wherever they stand: its complementizer,
#: auxiliaries, negation and subjects.
_CLAUSE_CORE_DEPS = frozenset("mark aux auxpass neg nsubj nsubjpass expl".split())


#: Nouns of time, place, manner and reason: a relative clause after them needs no "that" and
#: leaves no gap ("the first time Iran fired missiles", "the way Khouri sees it"), so a complete
#: clause after one is still part of its sentence.
_ADVERBIAL_RELATIVE_NOUNS = frozenset(
    "time way day moment year week month night morning evening afternoon hour minute place reason era period "
    "point extent instant occasion season".split())
#: Dependents that fill a verb's object or complement slot (a clause with them needs no noun from before).
_FILLED_SLOT_DEPS = frozenset("dobj attr acomp oprd".split())


def _gapless(verb: Token) -> bool:
    """Does the clause of ``verb`` leave no slot for the noun before its subject? A relative clause
    with no "that" has a gap that noun fills ("the weapons rebels seized", "the man police said was
    armed", "the town troops withdrew from"); a clause with its object or complement in place, or
    a passive, and no stranded preposition, has none, so it begins a sentence of its own whose
    full stop was lost ("... until their families can pay a ransom Morison called the case ...")."""
    def stranded(t: Token) -> bool:
        return any(c.dep_ == "prep" and not any(g.dep_ in ("pobj", "pcomp") for g in c.children)
                   for c in [t, *t.children])
    heads = [verb, *(ch for ch in verb.children if ch.dep_ in ("acomp", "dobj", "xcomp", "attr"))]
    if any(stranded(c) for h in heads for c in h.children):
        return False
    if any(ch.dep_ == "auxpass" for ch in verb.children):
        return True
    for ch in verb.children:
        if ch.i < verb.i or _opens_sentence(ch):
            continue  # a quotation or a sentence after a lost full stop fills no slot ("a war America was losing “You ...")
        if ch.dep_ in _FILLED_SLOT_DEPS:
            return True
        if ch.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in ch.children):
            return True  # "Pakistan insists it is ..." (not "the man police said was armed")
        if ch.dep_ == "xcomp" and _gapless(ch):
            return True  # "refused to supply so-called MANPADS"
    return False


def _opens_sentence(ch: Token) -> bool:
    """Does the phrase of ``ch`` open with a quotation mark or a capitalised closed-class word?"""
    first = ch.left_edge
    return first.text in _OPENING_QUOTES or (first.is_title and first.tag_ in _CLOSED_OPENER_TAGS) or (
        first.i > 0 and first.doc[first.i - 1].text in _OPENING_QUOTES)


def _inverted_attribution(verb: Token) -> bool:
    """A capitalised subject and a verb of saying that the parser hung on the clause it reports
    ("... to serve as his running mate Schroeder said the Cruz campaign has mobilized ..."): the
    reported clause on the right has its own subject, so "Schroeder said" opens a new sentence
    and is no part of a relative clause about the noun before it."""
    gov = verb.head
    return (verb.lemma_.lower() in _BARE_CLAUSE_VERBS
            and any(ch.dep_ in ("nsubj", "nsubjpass", "expl") and ch.i > verb.i for ch in gov.children))


def _finite_before(doc: Doc, i: int) -> bool:
    """Has the text before token ``i`` a finite verb, so that a clause ended before it?"""
    toks = doc_tokens(doc)
    return any(_finite(t) for t in toks[:i] if t.pos_ in ("VERB", "AUX"))


def _finite(verb: Token) -> bool:
    """A verb with a tense or a modal of its own ("said", "have arrested", "would be")."""
    if verb.tag_ in _FINITE_TAGS:
        return True
    return any(ch.dep_ in ("aux", "auxpass") and ch.tag_ in _FINITE_TAGS for ch in verb.children)


#: Connectives that open a clause and take no capital inside one: capitalised, they open a sentence.
_CLAUSE_CONNECTIVES = frozenset("however meanwhile moreover but while although though whereas nevertheless".split())


def _connective_after_name(doc: Doc, tok: Token) -> bool:
    """A capitalised clause connective right after a name that a word in small letters opens ("...
    diverted attention from atrocities in Kashmir While New Delhi accuses Pakistan ...", "... the
    community of Guarenas outside Caracas While opposition leaders ..."): inside a sentence the
    connective is in small letters, and a name run in title case from a word in small letters is
    no headline ("Army Retreats While Rebels Advance" is title case throughout)."""
    if tok.lower_ not in _CLAUSE_CONNECTIVES or not tok.is_title or tok.i < 2:
        return False
    first = tok.i - 1
    while first > 0 and doc[first].is_title and doc[first].pos_ == "PROPN" and tok.i - first <= 4:
        first -= 1
    if first == tok.i - 1 or doc[first].is_title or tok.i - first > 4:
        return False
    before = doc[first]
    return before.is_alpha and before.text.islower() and _finite_before(doc, first)


def _clause_final_date(doc: Doc, prev: Token) -> bool:
    """Does a clause end at ``prev`` with its date, a month or a weekday after a preposition ("...
    wracked with civilian unrest since July Coffins containing the bodies ...", "... marched
    through the capital on Monday Protesters chant slogans ...")? The date word is capitalised
    as a name is, but it ends the clause's adverbial: no name runs on from it. The phrase must
    close a clause (a noun or an adverb before its preposition): after a verb or a
    complementizer it may open the clause that follows ("confirmed that on Saturday Turkish
    soldiers shelled ...", "said on Monday Syrian troops ..."). A weekday needs no preposition
    (US news writes "were captured alive Saturday Undated photo ..."): then the word before it
    must close the clause itself, and no verb of saying stands there ("said Saturday Turkish
    troops ..." reports the clause after it)."""
    if prev.lower_ not in calendar_names() or not prev.is_title or prev.i < 3:
        return False
    before, end = doc[prev.i - 1], doc[prev.i - 2]
    if prev.lower_ in _weekdays() and before.text.islower() and before.tag_ in _BARE_DAY_AFTER_TAGS and (
            before.lemma_.lower() not in _BARE_CLAUSE_VERBS):
        return _finite_before(doc, before.i)
    if before.tag_ != "IN" or not before.text.islower():
        return False
    if end.tag_ not in _CLAUSE_END_TAGS | {"NNP", "NNPS"} or end.lower_ in _RUNON_NOT_AFTER or end.lower_ in _SUBORDINATORS:
        return False
    return _finite_before(doc, end.i)


def _opens_after_date(doc: Doc, tok: Token) -> bool:
    """Does the capitalised ``tok`` after a clause-final date open a sentence? The tagger reads a
    capitalised word after a month as part of a name ("July Coffins" as NNPS), so the tag tells
    less (nor does the entity type: it reads "July Coffins" as a person's name): a word that
    is no part of the date, not one letter, with a word in small letters after it ("Protesters
    chant", "Coffins containing") or a closed-class opener ("The Kurds") begins the subject of
    the next sentence."""
    if len(tok.text) < 2 or not tok.is_title or tok.ent_type_ in ("DATE", "TIME"):
        return False
    if tok.lower_ in calendar_names() or tok.tag_ not in _OPENER_TAGS | {"NNP", "NNPS"}:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is not None and (nxt.text[:1].islower() and nxt.is_alpha or tok.tag_ in _CLOSED_OPENER_TAGS)


def _opens_quotation(doc: Doc, q: Token) -> bool:
    """Is ``q`` an opening quotation mark (space before it, none after) with a capitalised word after it?"""
    return (q.text in _OPENING_QUOTES and q.i >= 1 and q.i + 1 < len(doc) and not q.whitespace_
            and bool(doc[q.i - 1].whitespace_) and doc[q.i + 1].is_title)


def _quote_runon(doc: Doc, q: Token) -> bool:
    """A quotation that opens a sentence whose full stop before it was lost: "... as he marched with
    other protesters “This is a coffin for the DNC,” he said", "... shrugged off those concerns
    “Violence is going to happen ...". Inside a sentence a quotation comes after a comma, a colon
    or the verb that utters it, or quotes a name or a title ("the film “The Interview”", "the
    slogan “We are all Charlie”"); after any other word that ends in a small letter or a
    digit (no function word, verb or preposition), a quotation that holds a clause of its own
    (a finite verb) and runs on past a short phrase begins a new sentence."""
    prev = doc[q.i - 1]
    if not prev.text[-1:].isalnum() or not (prev.text[-1].islower() or prev.text[-1].isdigit()):
        return False
    if prev.lower_ in _RUNON_NOT_AFTER or prev.lower_ in _SUBORDINATORS or prev.tag_ in _NOT_BEFORE_SUBJECT_TAGS:
        return False
    inside = []
    for t in doc[q.i + 1:q.i + 1 + defaults.RUNON_QUOTE_MIN_TOKENS]:
        if t.text in _CLOSING_QUOTES:
            return False  # a short quoted phrase: a name, a title or a slogan
        inside.append(t)
    return any(t.tag_ in _FINITE_TAGS for t in inside)


#: Closing quotation marks.
_CLOSING_QUOTES = frozenset({"\u201d", '"', "\u2019", "'"})
#: Words that open a sentence after a sub-heading run into it ("Cambodia-In Cambodia, ...").
_SUBHEAD_OPENERS = frozenset(w.lower() for w in _RUNON_OPENERS.split("|"))


def _after_subhead(doc: Doc, tok: Token) -> bool:
    """A sub-heading run into its paragraph by a hyphen: "Regional response-The U.S. coalition",
    "Kurds seize airfield-YPG commanders": a lower-case word (not a prefix such as "al", "anti",
    "pro") joined with no space by "-" to a capitalised word."""
    if tok.i < 2 or not (tok.is_title or tok.is_upper) or len(tok.text) < 2:
        return False
    dash, word = doc[tok.i - 1], doc[tok.i - 2]
    # (a dash set off from the word before but stuck to the word after, "Other attacks -Anti-Syrian
    # mourners chant", joins no compound: it ends the sub-heading as a dash with no space does)
    if (dash.text not in ("-", "\u2013") or dash.whitespace_ or word.whitespace_ and word.text[:1].isupper()
            or len(word.text) <= 3 or not word.text.isalpha() or word.lower_ in _HYPHEN_PREFIXES):
        return False
    if word.text.islower():
        return True
    # a capitalised sub-heading ("Blue Lives Matter-The killings", "Cambodia-In Cambodia"): only
    # before a closed-class word that opens sentences, which no compound of names continues
    # with ("Guinea-Bissau", "Stay-At-Home" goes on with another hyphen)
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (word.is_title and tok.is_title and tok.lower_ in _SUBHEAD_OPENERS and nxt is not None
            and nxt.text not in ("-", "\u2013") and not (doc[word.i - 1].text in ("-", "\u2013") if word.i else False))


def split_parsed(doc: Doc) -> list[tuple[int, Doc]]:
    """A parsed sentence cut at ``tagged_runon_cuts``: ``(character offset, Doc)`` per part.

    Each part keeps the parse's tags, lemmas and entities (arcs that crossed a cut are dropped);
    a sentence with no cut comes back whole.
    """
    cuts = tagged_runon_cuts(doc)
    if not cuts:
        return [(0, doc)]
    bounds = [0, *cuts, len(doc)]
    ranges = list(zip(bounds, bounds[1:], strict=False))
    parts = part_docs(doc, ranges)
    for (a, b), part in zip(ranges, parts, strict=True):
        _reattach_opening_subject(doc, a, b, part)
    return [(doc[a].idx, part) for (a, _b), part in zip(ranges, parts, strict=True)]


#: Dependents of a verb that may stand between its subject and it: auxiliaries, negation, adverbs.
_VERB_GROUP_DEPS = frozenset("aux auxpass neg advmod".split())
#: Tags of a finite verb of its own (not a participle, not an auxiliary's infinitive).
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _noun_read_as_verb(word: Token, verb: Token) -> bool:
    """Is ``word``, tagged a verb in "-s" with modifiers of a noun before it, right before a verb
    in the plural or the past, a plural noun the tagger read as a verb ("Anti-Syrian regime
    mourners chant slogans": "mourners" as "mourns")? Two finite verbs in a row with no
    conjunction cannot both be verbs, and a verb takes no adjective or noun modifier before it."""
    return (word.tag_ == "VBZ" and verb.i == word.i + 1 and verb.tag_ in ("VBP", "VBD")
            and any(ch.dep_ in ("compound", "amod", "det") and ch.i < word.i for ch in word.children))


def _reattach_opening_subject(doc: Doc, a: int, b: int, part: Doc) -> None:
    """A part of a run-on whose opening noun phrase and the finite verb right after it both had
    their arcs cut (read as one sentence, the parser hung the noun on the clause before the cut:
    "... to facilitate talks A delegation of the Afghan Taliban visited Islamabad" made
    "delegation" the object of "facilitate" and "visited" a clause of an earlier verb): a
    sentence opens with its subject, so the noun becomes the verb's subject and the verb the
    part's root (the other tokens whose arcs were cut hang from it). Read from the arcs already
    there: no second parse."""
    toks = doc_tokens(doc)
    orphans = [t for t in toks[a:b] if not a <= t.head.i < b]
    if len(orphans) < 2:
        return
    noun, verb = orphans[0], orphans[1]
    # (the verb's own auxiliaries and adverbs may stand between: "Heavy fighting is already placing")
    group = range(noun.right_edge.i + 1, verb.i)
    if (noun.left_edge.i != a or not (noun.tag_ in ("NN", "NNS", "NNP", "NNPS") or _noun_read_as_verb(noun, verb))
            or verb.i <= noun.right_edge.i
            or any(toks[j].head.i != verb.i or toks[j].dep_ not in _VERB_GROUP_DEPS for j in group)
            or not (verb.tag_ in _FINITE_VERB_TAGS or len(group) > 0 and _finite(verb)) or verb.pos_ != "VERB"
            or any(ch.dep_ in ("nsubj", "nsubjpass", "expl") and a <= ch.i < b for ch in verb.children)):
        return  # (a subject before the cut is the text before's: "Other attacks -Anti-Syrian mourners chant")
    v = part[verb.i - a]
    v.head = v
    v.dep_ = "ROOT"
    for t in orphans:
        if t is not verb:
            part[t.i - a].head = v
    part[noun.i - a].dep_ = "nsubjpass" if any(ch.dep_ == "auxpass" for ch in verb.children) else "nsubj"


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
