"""Killed and injured counts stated in a parsed sentence.

:func:`find_casualties` reads one ``spacy.tokens.Span`` (a sentence of a parsed
Doc) and returns a :class:`Casualty` for each statement of deaths or injuries:

* the word that states it, the *anchor* ("killed", "dead", "wounded",
  "deaths", "toll", "casualties"), as a Doc token index, so the caller can
  attach the casualty to the event whose trigger governs or is governed by it;
* the count, read with :func:`sitrep.resolve.numbers.find_counts` (value and
  qualifier: "at least 12" -> 12 "at least", "dozens" -> 12 "vague");
* the victims' words when the sentence names them.

How the victims are found, by the anchor's grammar (dependency parse first,
a short surface window where the parse of a headline fails):

=======================================  ===========================================
"killed 12 people", "killing him"        object of an active verb
"four fighters were killed"              passive subject
"12 people killed in ..."                noun modified by a participle
"12 soldiers died"                       subject of die/perish
"12 dead", "left 5 dead and 20 wounded"  the adjective's own figure, or its subject
"30 deaths", "the deaths of 12"          the noun's figure or its of-phrase
"the death toll rose to 30"              the figure the toll rises/stands to
"suffered no casualties"                 0 killed and 0 injured (ACLED)
=======================================  ===========================================

Victims joined by "and" are added ("two soldiers and a civilian" -> 3). A
singular noun or pronoun without a figure counts 1 ("a soldier was killed",
"killed him"); a plural one without a figure ("soldiers were killed") gives
``value=None`` with qualifier ``"plural"``: ACLED would code 10 for a plural
with no number, but that choice belongs to the caller. A negated anchor ("no
one was hurt", "were not injured", "did not kill anyone") gives 0. Nothing
else ever gives 0: a sentence that does not state casualties gives nothing,
and "no reports of casualties" is not a statement that nobody died.

Offsets in :class:`Casualty` are character offsets into the *Doc*
(``token.idx``), end exclusive.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.nlp.spans import span_text, tokens_of
from sitrep.nlp.timex import find_time_expressions
from sitrep.resolve.numbers import (
    ABOUT,
    AT_LEAST,
    EXACT,
    UP_TO,
    VAGUE,
    find_counts,
    non_person_units,
    parse_count,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CASUALTIES_FILE = defaults.DATA_DIR / "casualties.yaml"
KILLED = "killed"
INJURED = "injured"
#: qualifier of a plural victim without a figure ("soldiers were killed")
PLURAL = "plural"


@dataclass(frozen=True, slots=True)
class Casualty:
    """One statement of deaths or injuries in a sentence.

    ``start``/``end`` cover the statement from the count to the anchor (Doc
    character offsets); ``anchor`` is the Doc token index of the word that
    states the casualty; ``victim``/``victim_start``/``victim_end`` the
    victims' words when named; ``rule`` the pattern that fired.
    """

    kind: str  # "killed" | "injured"
    value: int | None
    qualifier: str
    start: int
    end: int
    anchor: int
    victim: str | None = None
    victim_start: int | None = None
    victim_end: int | None = None
    rule: str = ""
    #: a running total over many events ("2013 toll tops 5,500", "the day's death toll")
    cumulative: bool = False


# --- lexicon -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    verbs: frozenset[str]
    verbs_count_only: frozenset[str]
    intransitive: frozenset[str]
    adjectives: frozenset[str]
    nouns: frozenset[str]
    toll: frozenset[str]
    lives_verbs: frozenset[str]
    adverbs: frozenset[str]  # make a verb of another kind this kind's: "fatally shot"
    phrasal: frozenset[str]  # "lemma particle": "gun down"
    result_verbs: frozenset[str]  # violence whose result phrase "to death" makes it this kind's: "beat to death"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    kinds: dict[str, _Kind]
    casualty_nouns: frozenset[str]
    collective: frozenset[str]
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    nobody_pronouns: frozenset[str]
    remains: frozenset[str]
    #: word form -> the kinds a zero statement of it sets ("no casualties": killed and injured)
    zero_words: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)


def _words(raw: Any, where: str, path: Path) -> frozenset[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise DataFileError(f"entry {where!r}: must be a list of words", item=path.name)
    return frozenset(w.strip().lower() for w in raw)


@cache
def load_lexicon(path: Path = CASUALTIES_FILE) -> _Lexicon:
    """Read and check ``casualties.yaml``; raises DataFileError naming the entry."""
    raw = read_yaml(path, "casualty words")
    if not isinstance(raw, dict):
        raise DataFileError("entry '<top>': must be a mapping", item=path.name)
    kinds: dict[str, _Kind] = {}
    for kind in (KILLED, INJURED):
        section = raw.get(kind)
        if not isinstance(section, dict):
            raise DataFileError(f"entry {kind!r}: must be a mapping of word lists", item=path.name)
        fields = {f.name: _words(section.get(f.name, []), f"{kind}.{f.name}", path)
                  for f in dataclasses.fields(_Kind)}
        kinds[kind] = _Kind(**fields)
    return _Lexicon(
        kinds=kinds,
        casualty_nouns=_words(raw.get("casualty_nouns"), "casualty_nouns", path),
        collective=_words(raw.get("collective_nouns"), "collective_nouns", path),
        singular_pronouns=_words(raw.get("singular_pronouns"), "singular_pronouns", path),
        plural_pronouns=_words(raw.get("plural_pronouns"), "plural_pronouns", path),
        nobody_pronouns=_words(raw.get("nobody_pronouns"), "nobody_pronouns", path),
        remains=_words(raw.get("remains_nouns", []), "remains_nouns", path),
        zero_words=_zero_words(raw.get("zero_statement", {}), path),
    )


def _zero_words(raw: Any, path: Path) -> dict[str, frozenset[str]]:
    if not isinstance(raw, dict) or set(raw) - {KILLED, INJURED}:
        raise DataFileError("entry 'zero_statement': must map killed/injured to word lists", item=path.name)
    out: dict[str, set[str]] = {}
    for kind, words in raw.items():
        for w in _words(words, f"zero_statement.{kind}", path):
            out.setdefault(w, set()).add(kind)
    return {w: frozenset(k) for w, k in out.items()}


@cache
def _zero_pattern() -> re.Pattern[str] | None:
    words = load_lexicon().zero_words
    if not words:
        return None
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    # "No casualties (or injuries) ...", "There were no fatalities ...", "No one / Nobody was hurt ..."
    return re.compile(
        rf"\s*(?:(?:there\s+(?:were|was)\s+)?no|(?:no\s*one|nobody)\s+(?:was|were)(?:\s+(?:reported|reportedly))?)"
        rf"\s+(?P<a>{alt})(?:\s+(?:or|and|nor)\s+(?P<b>{alt}))?\b(?P<rest>[^.!?\d]{{0,{defaults.ZERO_STATEMENT_TAIL}}})[.!]",
        re.IGNORECASE)


def zero_statement(text: str, pos: int) -> frozenset[str]:
    """The casualty kinds (``killed``, ``injured``) a sentence starting at ``pos`` says were
    none ("No casualties were reported.", "There were no fatalities.", "No one was hurt."):
    empty where the sentence is no such statement, gives a figure, or goes on past
    ``defaults.ZERO_STATEMENT_TAIL`` characters (words of the lexicon's ``zero_statement``)."""
    pattern = _zero_pattern()
    m = pattern.match(text, pos) if pattern is not None else None
    if m is None:
        return frozenset()
    words = load_lexicon().zero_words
    return frozenset().union(*(words[g.lower()] for g in (m.group("a"), m.group("b")) if g))


def remains_count(verb: Token) -> int | None:
    """The dead a verb of finding counts by their remains (``remains_nouns``): "found 22
    bodies", "70 bodies found near ...", "the bodies of 5 villagers were found" (the figure on
    the noun or on its "of" phrase), "a body was found" (1); None where its object names none."""
    remains = load_lexicon().remains
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    if verb.dep_ == "acl":
        objs.append(verb.head)  # "70 bodies found near the town"
    for o in objs:
        if o.lemma_.lower() not in remains and o.lower_ not in remains:
            continue
        for n in (o, *(g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj")):
            # (the words before the noun: "at least 70 bodies", "the bodies of 172 of ..."; "many
            # bodies" gives no figure, and the bodies of a toll told beside them are its own dead)
            value, qualifier = parse_count(n.doc[n.left_edge.i: n.i + 1].text)
            if value is not None:
                return None if qualifier == VAGUE else value
        if o.tag_ == "NN":
            return 1
    return None


# --- counting a victim phrase ----------------------------------------------------------------

#: A count of victims: value, qualifier, first and last token index of the figure (or None).
_Found = tuple[int | None, str, int | None, int | None]
_NP_WINDOW = defaults.CASUALTY_NP_WINDOW
_LEFT_WINDOW = defaults.CASUALTY_LEFT_WINDOW
_RIGHT_WINDOW = defaults.CASUALTY_RIGHT_WINDOW
_STOP_DEPS = frozenset({"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advcl", "ccomp"})
_YEARLIKE = re.compile(r"^(?:19|20)\d\d$")
_RELATIVE = frozenset({"who", "that", "which", "whom"})
#: verbs a left window may cross: "Forty militants said killed", "reportedly killed"
_REPORTED = frozenset({"say", "report", "believe", "fear", "think", "confirm", "feared"})


class _Ctx:
    """Per-sentence state: tokens that belong to dates, lexicon."""

    def __init__(self, sent: Span) -> None:
        self.sent = sent
        self.doc = sent.doc
        self.lex = load_lexicon()
        self.anchor_words = _anchor_words(self.lex)  # (read once per sentence, not per word)
        self.units = non_person_units()
        self._time_tokens: set[int] | None = None

    @property
    def time_tokens(self) -> set[int]:
        """Tokens inside time expressions ("in 2014", "June 27"): never counts of people."""
        if self._time_tokens is None:
            self._time_tokens = set()
            sent = self.sent
            for s, e, _ in find_time_expressions(span_text(sent)):
                span = self.doc.char_span(sent.start_char + s, sent.start_char + e, alignment_mode="expand")
                if span is not None:
                    self._time_tokens.update(range(span.start, span.end))
        return self._time_tokens

    def counts_in(self, start: int, end: int) -> list[tuple[int, str, int, int]]:
        """Counts among tokens ``start..end`` (Doc indices, end exclusive) that may count people."""
        start = max(start, self.sent.start)
        if start > self.sent.start and self.doc[start - 1].lower_ == "between":
            start -= 1  # "left between 500,000 and 1 million dead": read the range
        end = min(end, self.sent.end)
        if start >= end:
            return []
        words = [t.text for t in self.doc[start:end]]
        out = []
        for c in find_counts(words):
            first, last = start + c.start, start + c.end - 1
            if any(i in self.time_tokens for i in range(first, last + 1)):
                continue
            nxt = self.doc[last + 1] if last + 1 < self.sent.end else None
            if nxt is not None and (nxt.lower_ in self.units or (nxt.text in "-–" and last + 2 < self.sent.end
                                                                   and self.doc[last + 2].lower_ in self.units)):
                continue
            if self.doc[last].text.startswith("$") or (first > 0 and self.doc[first - 1].text in "$€£#"):
                continue
            if first == last and _YEARLIKE.match(self.doc[first].text):
                continue  # "as 2013 toll tops 5,800": news writes counts of thousands with a comma
            out.append((c.value, c.qualifier, first, last))
        return out


def _np_count(ctx: _Ctx, v: Token) -> _Found:
    """The count of one victim phrase headed by ``v`` (without its conjuncts)."""
    lex = ctx.lex
    left = v.i
    for child in v.lefts:
        if child.dep_ in _STOP_DEPS:
            continue
        left = min(left, child.left_edge.i)
        break
    left = max(left, v.i - _NP_WINDOW)
    counts = ctx.counts_in(left, v.i + 1)
    if counts:
        value, qual, first, last = counts[-1]
        return value, qual, first, last
    low = v.lower_
    if low in lex.singular_pronouns:
        return 1, EXACT, None, None
    if low in lex.plural_pronouns:
        return None, PLURAL, None, None
    if low in lex.nobody_pronouns:
        neg = any(c.dep_ == "neg" for c in v.head.children)
        return (0, EXACT, None, None) if neg else (None, PLURAL, None, None)
    # "a family of five": the figure sits in the of-phrase
    for child in v.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NUM":
                    sub = ctx.counts_in(pobj.left_edge.i, pobj.i + 1)
                    if sub:
                        value, qual, first, last = sub[-1]
                        return value, qual, first, last
    if v.pos_ == "ADJ" and v.dep_ in ("dobj", "nsubj", "nsubjpass", "appos", "ROOT", "conj"):
        # a nominalised adjective tagged JJ: "kills civilian", "general killed"
        return (None, PLURAL, None, None) if low.endswith("s") else (1, EXACT, None, None)
    if v.pos_ == "PROPN" or v.tag_ in ("NN", "NNP"):
        if v.lemma_.lower() in lex.collective or v.tag_ == "NNPS":
            return None, PLURAL, None, None
        return 1, EXACT, None, None
    if v.tag_ in ("NNS", "NNPS"):
        return None, PLURAL, None, None
    return None, "", None, None


def _conjuncts(v: Token) -> list[Token]:
    out = [v]
    for c in v.conjuncts:
        if c.i > v.i and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            out.append(c)
    return out


def _combine(parts: list[_Found]) -> _Found:
    known = [p for p in parts if p[0] is not None]
    firsts = [p[2] for p in parts if p[2] is not None]
    lasts = [p[3] for p in parts if p[3] is not None]
    first = min(firsts) if firsts else None
    last = max(lasts) if lasts else None
    if not known:
        qual = PLURAL if any(p[1] == PLURAL for p in parts) else ""
        return None, qual, first, last
    total = sum(p[0] for p in known if p[0] is not None)
    if len(known) < len(parts):
        return total, AT_LEAST, first, last
    quals = {p[1] for p in known} - {EXACT}
    if not quals:
        return total, EXACT, first, last
    if len(quals) == 1:
        return total, quals.pop(), first, last
    return total, ABOUT, first, last


def _listed_appositive(ctx: _Ctx, v: Token) -> list[Token] | None:
    """[first, second] when ``v`` and an appositive beside it both carry a figure."""
    if v.dep_ == "appos" and v.head.i < v.i and v.head.pos_ in ("NOUN", "PROPN", "NUM"):
        first, second = v.head, v
    else:
        app = [c for c in v.children if c.dep_ == "appos" and c.i > v.i]
        if not app:
            return None
        first, second = v, app[0]
    if any(c.dep_ == "prep" and c.lower_ in ("of", "including") for c in second.children):
        return None  # "12 people, three of them children"
    if _np_count(ctx, first)[2] is None or _np_count(ctx, second)[2] is None:
        return None
    return [first, second]


def _victims_count(ctx: _Ctx, v: Token) -> tuple[_Found, list[Token]]:
    listed = _listed_appositive(ctx, v)
    if listed is not None:
        # "Four militants, two civilians killed": a list written with a comma
        parts = [_np_count(ctx, h) for h in listed]
        return _combine(parts), listed
    if v.dep_ == "appos" and v.tag_ == "NNS" and v.head.tag_ in ("NNS", "CD") and v.head.i < v.i:
        v = v.head  # "Fourteen soldiers, tribesmen killed": the count sits on the first noun
    for prep in _children(v, "prep"):
        if prep.lower_ == "among":
            # "three soldiers among 7 killed": the total is the among-phrase
            for pobj in _children(prep, "pobj"):
                counts = ctx.counts_in(pobj.left_edge.i, pobj.i + 1)
                if counts:
                    value, qual, first, last = counts[-1]
                    return (value, qual, first, last), [pobj]
    heads = _conjuncts(v)
    if len(heads) > 1 and v.dep_ in ("nsubj", "nsubjpass") and _singular_verb(v.head):
        heads = heads[-1:]  # "activist and commentator Kem Ley was shot dead": one person, two roles
    return _combine([_np_count(ctx, h) for h in heads]), heads


def _singular_verb(verb: Token) -> bool:
    """Does the verb (or its auxiliary) agree with a singular subject ("was", "has", "is")?"""
    finite = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] + [verb]
    return any(t.tag_ == "VBZ" or t.lower_ == "was" for t in finite)


# --- anchors --------------------------------------------------------------------------


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "get", "got", "gotten"})


def _is_passive_like(tok: Token) -> bool:
    """A participle whose subject or head noun is the victim ("were killed", "12 people killed")."""
    if tok.tag_ not in ("VBN", "VBD"):
        return False  # "kills", "killing": active whatever the parse says
    if _children(tok, "nsubjpass") or any(a.lower_ in _BE for a in _children(tok, "auxpass")):
        return True
    if tok.dep_ in ("acl", "amod"):
        return True  # a reduced relative is passive by form: "25 killed in ..."
    if tok.tag_ == "VBN" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REPORTED:
        return True  # "Two policemen said killed in ..."
    if tok.tag_ == "VBN" and tok.dep_ in ("relcl", "oprd", "acomp", "advcl", "conj", "ROOT", "xcomp", "ccomp"):
        return not _children(tok, "dobj")
    return False


def _unrelative(victim: Token | None) -> Token | None:
    """"men who were killed": the victims are the noun the relative clause modifies."""
    if victim is None or victim.lower_ not in _RELATIVE:
        return victim
    tok = victim.head
    while tok.dep_ != "relcl" and tok.head.i != tok.i:
        tok = tok.head
    return tok.head if tok.dep_ == "relcl" else None


def _subject(tok: Token) -> Token | None:
    """The victim of a passive-like or intransitive anchor ("who" resolved to its noun)."""
    return _unrelative(_subject_raw(tok))


def _subject_raw(tok: Token) -> Token | None:
    subj = _children(tok, "nsubjpass", "nsubj")
    if subj:
        return subj[0]
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
        return tok.head
    if tok.dep_ in ("oprd", "acomp", "xcomp", "advcl", "ccomp"):
        # "were found dead", "left 5 dead", "shot dead", "leaves 17 killed", "militants said killed"
        head = tok.head
        obj = _children(head, "dobj")
        if obj:
            return obj[0]
        subj = _children(head, "nsubjpass", "nsubj")
        if subj:
            return subj[0]
        if head.dep_ in ("relcl", "acl") and head.tag_ == "VBN":
            return head.head
    if tok.dep_ == "conj":
        # "were killed or wounded", "X, IS minister of war, was killed": the first verb's subject
        subj = _children(tok.head, "nsubjpass", "nsubj")
        if subj:
            return subj[0]
    if _children(tok, "auxpass"):
        # the parse lost the subject: the nearest noun before the auxiliary
        i = tok.i - 1
        while i >= tok.sent.start and tok.doc[i].pos_ in ("AUX", "ADV", "PART"):
            i -= 1
        if i >= tok.sent.start and tok.doc[i].pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            victim = tok.doc[i]
            while victim.dep_ == "conj" and victim.head.i < victim.i:
                victim = victim.head
            return victim
    return None


def _window_count(ctx: _Ctx, anchor: Token, side: str) -> _Found | None:
    """The nearest count beside ``anchor`` within its clause (surface fallback)."""
    sent = ctx.sent
    if side == "left":
        i = anchor.i - 1
        lo = anchor.i
        while i >= max(sent.start, anchor.i - _LEFT_WINDOW):
            t = ctx.doc[i]
            passable = t.dep_ == "amod" or t.tag_ == "VBG" or t.lemma_.lower() in _REPORTED
            if t.text in ";:()[]," or (t.pos_ == "VERB" and not passable) or t.lower_ in ("and", "or", "in", "on"):
                break
            lo = i
            i -= 1
        counts = ctx.counts_in(lo, anchor.i)
        if counts:
            value, qual, first, last = counts[-1]
            return value, qual, first, last
        return None
    hi = anchor.i + 1
    i = anchor.i + 1
    while i < min(sent.end, anchor.i + 1 + _RIGHT_WINDOW):
        t = ctx.doc[i]
        if t.text in ";:()[]," or t.pos_ == "VERB" or t.lower_ in ("in", "on", "and", "or", "since"):
            break
        i += 1
        hi = i
    counts = ctx.counts_in(anchor.i + 1, hi)
    if counts:
        value, qual, first, last = counts[0]
        return value, qual, first, last
    return None


def _misparsed_object(ctx: _Ctx, verb: Token, obj: Token) -> bool:
    """Objects a headline parse invents: "killed thwarting ...", "killed near X - army spokesman"."""
    if obj.tag_ == "NN" and obj.lower_.endswith("ing") and not ctx.counts_in(obj.left_edge.i, obj.i + 1):
        return True
    lo, hi = sorted((verb.i, obj.i))
    # a free-standing dash or colon: "killed near X - army spokesman" (not "ISIS-linked")
    return any(t.text == ":" or (t.text in ("-", "–", "—") and t.whitespace_ and ctx.doc[t.i - 1].whitespace_)
               for t in ctx.doc[lo + 1:hi])


def _next_noun(ctx: _Ctx, anchor: Token) -> Token | None:
    """The head noun of the phrase right after ``anchor`` (when the parse gave no object)."""
    end = min(ctx.sent.end, anchor.i + 1 + _RIGHT_WINDOW)
    for i in range(anchor.i + 1, end):
        t = ctx.doc[i]
        if t.is_punct or t.pos_ in ("ADP", "CCONJ", "SCONJ", "AUX") or t.lower_ in ("as", "after"):
            return None
        if (t.tag_ == "NN" and t.lower_.endswith("ing")) or t.lower_ in ctx.units:
            return None  # "killed thwarting an assault", "wounds 2 days later"
        if t.pos_ in ("NOUN", "PRON", "NUM"):
            nxt = ctx.doc[i + 1] if i + 1 < ctx.sent.end else None
            if nxt is None or nxt.pos_ not in ("NOUN", "PROPN"):
                return t
    return None


_ANCHOR_WORDS: dict[int, tuple[_Lexicon, frozenset[str]]] = {}


def _anchor_words(lex: _Lexicon) -> frozenset[str]:
    """Every word ``_anchor_kind`` can answer for, as lemma or lower-case form."""
    hit = _ANCHOR_WORDS.get(id(lex))
    if hit is None or hit[0] is not lex:
        out = set(lex.casualty_nouns) | {"kill", "kills", "life"}
        for k in lex.kinds.values():
            out |= k.verbs | k.intransitive | k.adjectives | k.nouns | k.toll
        hit = _ANCHOR_WORDS[id(lex)] = (lex, frozenset(out))
    return hit[1]


def _anchor_kind(ctx: _Ctx, tok: Token) -> tuple[str, str] | None:
    """(kind, role) of a token that may state casualties, or None.

    role: "verb" (transitive), "intrans", "adj", "noun", "toll", "lives", "casualty".
    """
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if tok.pos_ == "VERB":
        # (the verb's adverbs and particles read once for all kinds)
        kids = [(c.dep_, c.lower_) for c in tok.children if c.dep_ in ("advmod", "prt")]
        for kind, words in ctx.lex.kinds.items() if kids else ():
            if any(dep == "advmod" and low_c in words.adverbs
                   or dep == "prt" and f"{lemma} {low_c}" in words.phrasal for dep, low_c in kids):
                return kind, "verb"  # "fatally shot a teenager", "was mortally wounded", "was gunned down"
        for kind, words in ctx.lex.kinds.items():
            if lemma in words.result_verbs and any(
                    c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.lower_ == "death" for g in c.children)
                    for c in tok.children):
                return kind, "verb"  # the result phrase: "beat two men to death" (not "sentenced him to death")
    known = ctx.anchor_words
    if lemma not in known and low not in known and low[:-1] not in known and low[:-2] not in known:
        return None  # neither the word nor a stem the headline rules below try is a casualty word
    lex = ctx.lex
    pos = tok.pos_
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    after = tok.doc[tok.i + 2] if tok.i + 2 < len(tok.doc) else None
    if pos == "NOUN" and low.endswith("s") and nxt is not None and nxt.like_num and tok.i > tok.sent.start \
            and (after is None or after.lower_ not in ctx.units):
        # headline verbs tagged as plural nouns: "kills two refugees, wounds six"
        if any(low[:-1] in k.verbs for k in lex.kinds.values()):
            lemma, pos = low[:-1], "VERB"
    if pos == "PROPN" and (tok.is_title or tok.is_upper):
        # Title Case headlines: "Turkish Airstrike Kills 14 Militants" tags the verb as a name
        for stem in (low, low[:-1], low[:-2]):
            if any(stem in k.verbs or stem in k.intransitive
                                                 for k in lex.kinds.values()):
                lemma, pos = stem, "VERB"
                break
    for kind, words in lex.kinds.items():
        if lemma in words.verbs and pos in ("VERB", "AUX") and not low.endswith(("er", "ers")):
            return kind, "verb"
        if pos == "NOUN" and low in ("kill", "kills") and "kill" in words.verbs:
            return kind, "verb"  # headline verbs tagged as nouns: "Iraq violence kills 12"
        if (low in words.adjectives or lemma in words.adjectives) and pos in ("ADJ", "VERB", "NOUN"):
            if pos == "VERB" and lemma in words.verbs:
                return kind, "verb"
            return kind, "adj"
        if lemma in words.intransitive and pos in ("VERB", "AUX"):
            return kind, "intrans"
        if lemma in words.nouns and pos in ("NOUN", "PROPN") and tok.dep_ != "compound":
            return kind, "noun"
        if lemma in words.toll and pos == "NOUN":
            return kind, "toll"
        if lemma == "life" and pos == "NOUN" and tok.head.lemma_.lower() in words.lives_verbs:
            return kind, "lives"
    if lemma in lex.casualty_nouns and pos in ("NOUN", "PROPN"):
        return KILLED, "casualty"
    return None


def _one_person(t: Token) -> bool:
    """A singular noun naming one person ("executed the Kurdish activist", "executed Nimr"):
    for a verb like "execute", whose singular object is often a plan, this is one death."""
    from sitrep.coding.lexicon import person_word

    if t.tag_ not in ("NN", "NNP"):
        return False
    return t.ent_type_ == "PERSON" or person_word(t.lemma_.lower())


def _negated(tok: Token) -> bool:
    if _children(tok, "neg"):
        return True
    # "did not kill": the negation may sit on an auxiliary
    return any(c.dep_ == "neg" for a in _children(tok, "aux") for c in a.children)


_PERIOD_WORDS = frozenset({"year", "month", "week", "day", "overall", "total", "cumulative", "annual", "monthly"})


def _cumulative(toll: Token) -> bool:
    """A toll over a period or a whole conflict rather than one event."""
    near = [t for t in toll.doc[max(toll.sent.start, toll.i - 3):toll.i]]
    for c in [*toll.subtree, *near]:
        if c.i >= toll.i and c.dep_ != "prep":
            continue
        if c.lemma_.lower() in _PERIOD_WORDS or (c.like_num and len(c.text) == 4 and c.text[:2] in ("19", "20")):
            return True
    return any(p.lower_ == "since" for p in toll.children if p.dep_ == "prep")


def _toll_count(ctx: _Ctx, tok: Token) -> _Found | None:
    candidates: list[Token] = []
    for prep in _children(tok, "prep"):
        if prep.lower_ in ("of", "at"):
            candidates += _children(prep, "pobj")
    head = tok.head
    if head.i != tok.i:
        for prep in _children(head, "prep"):
            if prep.lower_ in ("to", "at", "of"):
                candidates += _children(prep, "pobj")
        candidates += [c for c in head.children if c.dep_ in ("attr", "dobj", "npadvmod") and c.i != tok.i]
    for cand in candidates:
        counts = ctx.counts_in(cand.left_edge.i, cand.i + 1)
        if counts and cand.i > tok.i:
            value, qual, first, last = counts[-1]
            return value, qual, first, last
    return _window_count(ctx, tok, "right")


def _span_text(ctx: _Ctx, heads: list[Token]) -> tuple[str, int, int] | None:
    if not heads:
        return None
    start = min(h.left_edge.i for h in heads)
    start = max(start, heads[0].i - _NP_WINDOW)
    end = max(h.i for h in heads) + 1
    while end < ctx.sent.end and ctx.doc[end].dep_ in ("compound", "flat", "nummod") and ctx.doc[end].head.i < end:
        end += 1
    span = ctx.doc[start:end]
    return span.text, span.start_char, span.end_char


def _make(ctx: _Ctx, kind: str, found: _Found, anchor: Token, heads: list[Token], rule: str) -> Casualty:
    value, qual, first, last = found
    toks = [anchor.i] + [i for i in (first, last) if i is not None] + [h.i for h in heads]
    lo, hi = min(toks), max(toks)
    victim = _span_text(ctx, heads)
    return Casualty(
        kind=kind, value=value, qualifier=qual,
        start=ctx.doc[lo].idx, end=ctx.doc[hi].idx + len(ctx.doc[hi].text), anchor=anchor.i,
        victim=victim[0] if victim else None,
        victim_start=victim[1] if victim else None, victim_end=victim[2] if victim else None,
        rule=rule,
    )


def _or_joined(tok: Token) -> bool:
    """"killed or wounded": the count covers both kinds, so it is an upper bound."""
    if tok.dep_ == "conj" and any(c.lower_ == "or" for c in tok.head.children if c.dep_ == "cc"):
        return True
    return any(c.dep_ == "conj" and any(cc.lower_ == "or" for cc in tok.children if cc.dep_ == "cc")
               for c in tok.children)


def _read_anchor(ctx: _Ctx, tok: Token, kind: str, role: str) -> list[Casualty]:
    lex = ctx.lex
    found: _Found = (None, "", None, None)
    heads: list[Token] = []
    if role == "casualty":
        dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
        without = tok.head.lower_ == "without" and tok.dep_ == "pobj"
        if "no" in dets or without or _negated(tok.head):
            found = (0, EXACT, None, None)
            return [_make(ctx, KILLED, found, tok, [], "casualty-none"),
                    _make(ctx, INJURED, found, tok, [], "casualty-none")]
        return []
    if role == "toll":
        if any(c.lower_ in ("injury", "casualty", "casualties") for c in _children(tok, "compound")):
            return []
        got = _toll_count(ctx, tok)
        if not got:
            return []
        cas = _make(ctx, kind, got, tok, [], "toll")
        return [dataclasses.replace(cas, cumulative=True, rule="toll-cumulative")] if _cumulative(tok) else [cas]
    if role in ("noun", "lives"):
        own = ctx.counts_in(max(tok.left_edge.i, tok.i - _NP_WINDOW), tok.i)
        if own:
            value, qual, first, last = own[-1]
            return [_make(ctx, kind, (value, qual, first, last), tok, [], role + "-count")]
        for prep in _children(tok, "prep"):
            if prep.lower_ == "of":
                for pobj in _children(prep, "pobj"):
                    found, heads = _victims_count(ctx, pobj)
                    if (tok.lemma_.lower() in lex.kinds[kind].verbs_count_only and found[2] is None
                            and not _one_person(pobj)):
                        continue  # "the execution of the plan"
                    if found[0] is not None or found[1] == PLURAL:
                        return [_make(ctx, kind, found, tok, heads, role + "-of")]
        if role == "lives" and tok.head.lemma_.lower() == "lose":
            subj = _children(tok.head, "nsubj")
            if subj:
                found, heads = _victims_count(ctx, subj[0])
                if found[0] is not None or found[1] == PLURAL:
                    return [_make(ctx, kind, found, tok.head, heads, "lives-lost")]
        return []
    words = lex.kinds[kind]
    victim: Token | None = None
    rule = role
    if role == "verb" and not _is_passive_like(tok):
        objs = [o for o in _children(tok, "dobj") if not _misparsed_object(ctx, tok, o)]
        if objs:
            victim, rule = objs[0], "object"
        else:
            subj = _children(tok, "nsubj")
            victim, rule = _next_noun(ctx, tok), "window-object"
            if victim is None and subj and tok.tag_ in ("VBN", "VBD") and subj[0].lower_ not in _RELATIVE:
                # kill is transitive: "Officer killed, ..." with no object is a headline passive
                victim, rule = subj[0], "headline-subject"
    elif role == "adj":
        own = ctx.counts_in(max(tok.left_edge.i, tok.i - _NP_WINDOW), tok.i)
        before = [c for c in ctx.counts_in(tok.i - 4, tok.i) if c[3] == tok.i - 1]
        if own or before:
            value, qual, first, last = (own or before)[-1]
            return [_make(ctx, kind, (value, qual, first, last), tok, [], "adjective-count")]
        victim = _subject(tok)
        rule = "adjective"
    else:  # passive-like verb or intransitive
        victim = _subject(tok)
        rule = "subject" if role == "intrans" else "passive"
    if victim is not None and victim.i != tok.i:
        found, heads = _victims_count(ctx, victim)
        if (role == "verb" and tok.lemma_.lower() in words.verbs_count_only and found[2] is None
                and victim.lower_ not in lex.singular_pronouns and not _one_person(victim)):
            found = (None, PLURAL if found[1] == PLURAL else "", None, None)
    if found[0] is None:
        # the parse gave no figure (headlines): look beside the anchor
        side = "right" if role == "verb" and not _is_passive_like(tok) else "left"
        got = _window_count(ctx, tok, side)
        if got is None and role == "verb" and tok.tag_ == "VBD" and side == "right" and victim is None:
            got = _window_count(ctx, tok, "left")
        if got is not None:
            found, rule = got, rule + "+window-" + side
        elif found[1] != PLURAL:
            return []
    if _negated(tok):
        found = (0, EXACT, found[2], found[3])
        rule += "-negated"
    elif _or_joined(tok) and found[0] is not None:
        found = (found[0], UP_TO, found[2], found[3])
    return [_make(ctx, kind, found, tok, heads, rule)]


@cache
def _doc_class() -> type:
    from spacy.tokens import Doc

    return Doc


def find_casualties(sent: Span | Doc) -> list[Casualty]:
    """Every killed/injured statement in a parsed sentence, in text order.

    ``sent`` is a sentence Span of a parsed Doc, or a Doc holding one
    sentence (tagger, lemmatizer and parser are used). At most one Casualty
    per anchor word and kind.
    """
    span: Span = sent[:] if isinstance(sent, _doc_class()) else sent  # type: ignore[assignment]
    ctx = _Ctx(span)
    anchors = [(tok, kk) for tok in tokens_of(span) if (kk := _anchor_kind(ctx, tok)) is not None]
    out: list[Casualty] = []
    seen_counts: set[tuple[str, int]] = set()
    paired: dict[int, Casualty] = {}
    for n, (tok, (kind, role)) in enumerate(anchors):
        if tok.i in paired:
            first = paired[tok.i]
            found = [dataclasses.replace(first, kind=kind, anchor=tok.i, end=tok.idx + len(tok.text),
                                         rule=first.rule + "+shared")]
        else:
            found = _read_anchor(ctx, tok, kind, role)
            nxt = anchors[n + 1] if n + 1 < len(anchors) else None
            if found and nxt is not None and _shares_victims(ctx, tok, kind, role, nxt[0], nxt[1]) \
                    and found[0].value is not None:
                # "11 people killed, injured": one count for both kinds, so an upper bound for each
                found = [dataclasses.replace(found[0], qualifier=UP_TO, rule=found[0].rule + "+either")]
                paired[nxt[0].i] = found[0]
        for cas in found:
            key_tok = _count_token(cas, ctx)
            if key_tok is not None and (cas.kind, key_tok) in seen_counts and not cas.rule.endswith("+shared"):
                continue
            if key_tok is not None:
                seen_counts.add((cas.kind, key_tok))
            if role in ("verb", "adj") and not cas.cumulative and _over_a_period(tok):
                cas = dataclasses.replace(cas, cumulative=True, rule=cas.rule + "+period")
            out.append(cas)
    return out


#: Nouns naming a whole conflict or campaign: "have died in the war", "killed during the uprising".
_CONFLICT_NOUNS = frozenset("war conflict insurgency uprising fighting violence crisis campaign revolution".split())


def _over_a_period(verb: Token) -> bool:
    """Does a killing verb count deaths over a period or a whole conflict ("attacks that have
    killed more than 1,000 people this year", "have died in the war since 2011") rather than
    in one event? Such a toll never becomes one event's fatalities (ACLED). Deaths told as
    those of one happening or one site ("last month, 16 soldiers were killed in one attack",
    "killed 49 people at a nightclub last month") are not."""
    if any(ch.dep_ == "prep" and ch.lower_ in ("in", "during") and any(
            g.tag_ == "NN" and g.lemma_.lower() not in _CONFLICT_NOUNS | _PERIOD_WORDS
            and any(d.lower_ in ("a", "an", "one", "the", "single") for d in g.children if d.dep_ in ("det", "nummod"))
            for g in ch.children if g.dep_ == "pobj") for ch in verb.children):
        return False
    for ch in verb.children:
        if ch.dep_ == "prep" and ch.lower_ == "since":
            return True
        if ch.dep_ == "prep" and ch.lower_ in ("in", "during", "throughout", "over") and any(
                g.lemma_.lower() in _CONFLICT_NOUNS or g.lemma_.lower() in _PERIOD_WORDS
                for g in ch.children if g.dep_ == "pobj"):
            return True
        if ch.dep_ in ("npadvmod", "advmod") and (
                ch.lemma_.lower() in _PERIOD_WORDS and any(d.lower_ in ("this", "last", "past") for d in ch.children)
                or ch.lower_ in ("so", "overall") and any(d.lower_ == "far" for d in (ch, *ch.children))):
            return True
    return False


def _shares_victims(ctx: _Ctx, a: Token, a_kind: str, a_role: str, b: Token, b_kk: tuple[str, str]) -> bool:
    """"killed, wounded" / "killed or injured": two participles of different kinds side by side."""
    b_kind, b_role = b_kk
    if a_role not in ("verb", "adj") or b_role not in ("verb", "adj"):
        return False
    if a_kind == b_kind or not 1 <= b.i - a.i <= 3:
        return False
    between = ctx.doc[a.i + 1:b.i]
    if not all(t.text in (",", "/", "&") or t.lower_ in ("and", "or") for t in between):
        return False
    # "killed 12 and wounded 20" has its own figure after each verb
    return not (a_role == "verb" and not _is_passive_like(a)) and b.tag_ in ("VBN", "VBD", "JJ")


def _count_token(cas: Casualty, ctx: _Ctx) -> int | None:
    """The first token of the statement when it is not the anchor (to avoid counting one figure twice)."""
    for t in ctx.sent:
        if t.idx == cas.start:
            return None if t.i == cas.anchor else t.i
    return None


def killed_and_injured(casualties: Iterable[Casualty]) -> tuple[int | None, int | None]:
    """Killed and injured for one event from the casualties attached to it.

    Takes the largest known value per kind, not the sum (and ignores running
    totals such as "the 2013 toll" when an event count exists): an article restates
    a toll ("12 were killed ... the toll rose to 12") far more often than it
    adds separate victims in separate statements. A kind with no known value
    is None (never 0 unless the text said none).
    """
    casualties = list(casualties)
    per_event = {c.kind for c in casualties if not c.cumulative and c.value is not None}
    best: dict[str, int | None] = {KILLED: None, INJURED: None}
    for c in casualties:
        if c.cumulative and c.kind in per_event:
            continue
        if c.value is not None and (best[c.kind] is None or c.value > best[c.kind]):  # type: ignore[operator]
            best[c.kind] = c.value
    return best[KILLED], best[INJURED]
