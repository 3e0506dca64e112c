"""Coding with a user's PETRARCH/TABARI verb dictionary.

Reads: a parsed sentence and a :class:`~sitrep.resolve.petrarch_verbs.VerbDictionary`.
Adds: for each verb the dictionary knows, the CAMEO code of its best matching
pattern (the one saying most, as PETRARCH tries longer patterns first; the verb's
own code when none matches) and the words its markers point at:

- pattern words before ``*`` are looked for before the verb, words after it in the
  verb's phrase (its dependency subtree); ``_`` joins adjacent words, a blank
  lets others stand between;
- ``$`` / ``+`` / ``%`` / ``^`` match a noun phrase (a spaCy noun chunk, with the
  chunks coordinated with it: "Arnor, Osgiliath and Gondor");
- without a ``$`` the source is the verb's subject (sitrep's subject logic:
  passives, control and coordinated verbs); without a ``+`` the target is the
  first phrase after the verb in the verb's phrase that the actor dictionary knows,
  looked for in word order through objects and prepositional objects ("restore
  ties *with Gondor*", "left *for Minas Tirith*", "signed an accord to supply
  *Gondor*"), clauses included as in PETRARCH.

A code ``A:B`` also codes the reverse event B (target to source); ``%`` codes the
event between every ordered pair of the compound's members. Tokens the
dictionary knows are its own: a known verb with no code ("---") codes nothing,
and sitrep's lexicon is not asked about them. As PETRARCH codes the innermost
event, a verb whose reported clause (``ccomp``/``parataxis``: "..., officials
said") holds another coded verb, and a verb in the ``xcomp`` of a coded verb
("urged Bree to help"), code nothing themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitrep import defaults
from sitrep.coding.extract import Candidate, SentenceCoder
from sitrep.coding.lexicon import TriggerMatch
from sitrep.coding.taxonomy import cameo_to_plover
from sitrep.resolve.petrarch_verbs import Element, Pattern, VerbDictionary, VerbEntry

#: dependency labels of clauses that report another event ("X did Y, Z said")
_REPORTED = frozenset({"ccomp", "parataxis"})
#: dependency labels of phrases that can be a target
_TARGET_DEPS = frozenset({"dobj", "obj", "pobj", "dative", "attr", "oprd", "npadvmod", "appos", "conj",
                          "nsubj", "nsubjpass"})
#: the largest synset phrase looked for (words)
_MAX_PHRASE = 8


@dataclass
class VerbMatch:
    """A dictionary verb in a sentence and what its best pattern says."""

    verb: Token
    entry: VerbEntry
    pattern: Pattern | None
    code: str | None
    reverse: str | None
    source: Token | None = None
    target: Token | None = None
    compound: Token | None = None
    covered: set[int] = field(default_factory=set)  # token ids of the verb (and its particles)

    @property
    def rule(self) -> str:
        where = f"line {self.pattern.line}" if self.pattern is not None else f"line {self.entry.line}"
        return f"petrarch:{self.entry.word}:{where}"


class _Chunks:
    """Noun phrases of a sentence as token ranges, alone and with their coordinated phrases."""

    def __init__(self, doc: Doc) -> None:
        chunks = [(c.start, c.end, c.root) for c in doc.noun_chunks]
        by_root = {root.i: (s, e) for s, e, root in chunks}
        spans: dict[tuple[int, int], Token] = {}
        for s, e, root in chunks:
            members = conj_members(root)
            ranges = [by_root.get(m.i, (m.i, m.i + 1)) for m in members]
            if len(members) > 1:
                spans.setdefault((min(r[0] for r in ranges), max(r[1] for r in ranges)), root)
            spans.setdefault((s, e), root)
        for tok in doc:  # a proper name the chunker left out
            if tok.pos_ == "PROPN" and not any(s <= tok.i < e for s, e in spans):
                spans[(tok.i, tok.i + 1)] = tok
        # larger phrases first: a marker takes the whole compound
        self.by_start: dict[int, list[tuple[int, Token]]] = {}
        self.by_end: dict[int, list[tuple[int, Token]]] = {}
        for (s, e), root in sorted(spans.items(), key=lambda kv: kv[0][0] - kv[0][1]):
            self.by_start.setdefault(s, []).append((e, root))
            self.by_end.setdefault(e, []).append((s, root))


def conj_members(head: Token) -> list[Token]:
    """A phrase head and the heads coordinated with it, in word order."""
    top = head
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "PRON"):
        top = top.head
    out = [top]
    stack = [top]
    while stack:
        cur = stack.pop()
        for ch in cur.children:
            if ch.dep_ == "conj" and ch.pos_ in ("NOUN", "PROPN", "PRON") and ch not in out:
                out.append(ch)
                stack.append(ch)
    return sorted(out, key=lambda t: t.i)


class VerbMatcher:
    """Finds the dictionary's verbs in a parsed sentence and matches their patterns."""

    def __init__(self, verbs: VerbDictionary) -> None:
        self.verbs = verbs

    # -- discards ------------------------------------------------------------------
    @staticmethod
    def _has_phrase(words: list[str], phrases: list[tuple[str, ...]]) -> bool:
        for ph in phrases:
            n = len(ph)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == ph:
                    return True
        return False

    def discards_story(self, words: list[str]) -> bool:
        """Does a story-level discard phrase occur (``words`` upper case)?"""
        return self._has_phrase(words, self.verbs.story_discards)

    def discards_sentence(self, doc: Doc) -> bool:
        return self._has_phrase([t.text.upper() for t in doc], self.verbs.sentence_discards)

    # -- verbs -----------------------------------------------------------------------
    def known(self, tok: Token) -> list[VerbEntry]:
        """Entries for a token: by its own form first, then by its lemma."""
        return self.verbs.lookup(tok.text) or self.verbs.lookup(tok.lemma_)

    def matches(self, doc: Doc) -> tuple[list[VerbMatch], set[int]]:
        """(verb matches, ids of every token the dictionary claims)."""
        claimed: set[int] = set()
        out: list[VerbMatch] = []
        chunks: _Chunks | None = None
        for tok in doc:
            if not tok.is_alpha:
                continue
            entries = self.known(tok)
            if not entries:
                continue
            claimed.add(tok.i)
            if not (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith(("VB", "MD"))):
                continue  # PETRARCH codes verbs: a known word used as a noun codes nothing
            if chunks is None:
                chunks = _Chunks(doc)
            best: VerbMatch | None = None
            for entry in entries:
                end = self._verb_end(doc, tok, entry)
                if end is None:
                    continue
                m = self._best_pattern(doc, tok, end, entry, chunks)
                if best is None or _rank(m) > _rank(best):
                    best = m
            if best is not None:
                claimed |= best.covered
                out.append(best)
        return out, claimed

    @staticmethod
    def _verb_end(doc: Doc, tok: Token, entry: VerbEntry) -> int | None:
        """Index after the verb and its fixed words, or None when they are not there."""
        for k, w in enumerate(reversed(entry.before), 1):
            if tok.i - k < 0 or doc[tok.i - k].text.upper() != w:
                return None
        end = tok.i + 1
        for w in entry.after:
            if end >= len(doc) or doc[end].text.upper() != w:
                return None
            end += 1
        return end

    def _best_pattern(self, doc: Doc, verb: Token, end: int, entry: VerbEntry, chunks: _Chunks) -> VerbMatch:
        covered = set(range(verb.i - len(entry.before), end))
        hi = max(verb.right_edge.i + 1, end)
        for pat in entry.patterns:  # longest first
            caps = self._match(doc, pat, verb.i - len(entry.before), end, hi, chunks)
            if caps is None:
                continue
            m = VerbMatch(verb, entry, pat, pat.code, pat.reverse, covered=covered)
            for kind, root in caps:
                if kind == "source" and m.source is None:
                    m.source = root
                elif kind == "target" and m.target is None:
                    m.target = root
                elif kind == "compound" and m.compound is None:
                    m.compound = root
            return m
        return VerbMatch(verb, entry, None, entry.code, entry.reverse, covered=covered)

    # -- pattern matching --------------------------------------------------------------
    def _match(self, doc: Doc, pat: Pattern, vstart: int, vend: int, hi: int,
               chunks: _Chunks) -> list[tuple[str, Token]] | None:
        after = pat.after
        caps_after = self._forward(doc, after, 0, vend, hi, chunks, first_gap=after[0].gap_before if after else True)
        if caps_after is None:
            return None
        before = list(reversed(pat.before))
        verb_el = next(e for e in pat.elements if e.kind == "verb")
        # each element before the verb is joined to the one after it when that one has no gap before it
        joined = []
        nxt = verb_el
        for el in before:
            joined.append(not nxt.gap_before)
            nxt = el
        caps_before = self._backward(doc, before, joined, 0, vstart, chunks)
        if caps_before is None:
            return None
        return caps_before + caps_after

    def _forward(self, doc: Doc, els: tuple[Element, ...], k: int, pos: int, hi: int, chunks: _Chunks,
                 first_gap: bool) -> list[tuple[str, Token]] | None:
        if k == len(els):
            return []
        el = els[k]
        gap = el.gap_before if k else first_gap
        for s in (range(pos, hi) if gap else (pos,)):
            for e, cap in self._at(doc, el, s, hi, chunks):
                rest = self._forward(doc, els, k + 1, e, hi, chunks, first_gap)
                if rest is not None:
                    return cap + rest
        return None

    def _backward(self, doc: Doc, els: list[Element], joined: list[bool], k: int, pos: int,
                  chunks: _Chunks) -> list[tuple[str, Token]] | None:
        if k == len(els):
            return []
        el = els[k]
        for e in (range(pos, 0, -1) if not joined[k] else (pos,)):
            for s, cap in self._at_back(doc, el, e, chunks):
                rest = self._backward(doc, els, joined, k + 1, s, chunks)
                if rest is not None:
                    return cap + rest
        return None

    def _at(self, doc: Doc, el: Element, s: int, hi: int, chunks: _Chunks) -> list[tuple[int, list[tuple[str, Token]]]]:
        """Ways ``el`` can start at token ``s``: (end, captures)."""
        if s >= hi:
            return []
        if el.kind == "word":
            return [(s + 1, [])] if _word_ok(doc[s], el) else []
        if el.kind == "synset":
            return [(e, []) for e in self._synset_ends(doc, el.value, s, hi, set())]
        return [(e, [(el.kind, root)]) for e, root in chunks.by_start.get(s, []) if e <= hi]

    def _at_back(self, doc: Doc, el: Element, e: int, chunks: _Chunks) -> list[tuple[int, list[tuple[str, Token]]]]:
        """Ways ``el`` can end right before token ``e``: (start, captures)."""
        if e <= 0:
            return []
        if el.kind == "word":
            return [(e - 1, [])] if _word_ok(doc[e - 1], el) else []
        if el.kind == "synset":
            return [(s, []) for s in range(e - 1, max(-1, e - 1 - _MAX_PHRASE), -1)
                    if e in self._synset_ends(doc, el.value, s, e, set())]
        return [(s, [(el.kind, root)]) for s, root in chunks.by_end.get(e, [])]

    def _synset_ends(self, doc: Doc, name: str, s: int, hi: int, seen: set[str]) -> list[int]:
        if name in seen:  # a synset holding itself
            return []
        ends: list[int] = []
        for phrase in self.verbs.synsets.get(name, []):
            positions = {s}
            for el in phrase:  # the words of a synset phrase are adjacent
                nxt: set[int] = set()
                for p in positions:
                    if p >= hi:
                        continue
                    if el.kind == "word":
                        if _word_ok(doc[p], el):
                            nxt.add(p + 1)
                    elif el.kind == "synset":
                        nxt.update(self._synset_ends(doc, el.value, p, hi, seen | {name}))
                positions = nxt
            ends.extend(sorted(positions))
        return ends


def _word_ok(tok: Token, el: Element) -> bool:
    t = tok.text.upper()
    if t == el.value or tok.lemma_.upper() == el.value:
        return True
    return el.stem and t.startswith(el.value)


def _rank(m: VerbMatch) -> tuple[int, int]:
    return (m.pattern.size if m.pattern is not None else -1, len(m.covered))


def inner_events(matches: list[VerbMatch], coded: set[int]) -> list[VerbMatch]:
    """The coded matches that stand: not a verb reporting another coded one (``coded``: ids of
    verbs with participants), nor one in the ``xcomp`` of a coded verb."""
    out: list[VerbMatch] = []
    for m in matches:
        if m.code is None:
            continue
        v = m.verb
        if v.dep_ == "xcomp" and v.head.i in coded:
            continue
        if v.dep_ == "parataxis" and v.head.i in coded:
            continue
        if any(ch.dep_ in _REPORTED and any(t.i in coded and t.i != v.i for t in ch.subtree) for ch in v.children):
            continue
        out.append(m)
    return out


def members(head: Token) -> list[Token]:
    """The heads of a possibly compound phrase: coordinated heads, and the parts of a noun
    chunk the parser left uncoordinated ("Arnor, Calenardhon and the evil Gondor")."""
    out = conj_members(head)
    chunk = next((c for c in head.doc.noun_chunks if c.start <= head.i < c.end), None)
    if chunk is not None and any(t.dep_ == "cc" or t.text == "," for t in chunk):
        seg: list[Token] = []
        for t in list(chunk) + [None]:  # type: ignore[list-item]
            if t is None or t.dep_ == "cc" or t.text == ",":
                names = [x for x in seg if x.pos_ in ("PROPN", "NOUN")]
                if names and all(n.i != names[-1].i for n in out):
                    out.append(names[-1])
                seg = []
            else:
                seg.append(t)
    return sorted(out, key=lambda t: t.i)


def _trigger_match(m: VerbMatch, code: str) -> TriggerMatch:
    plover = cameo_to_plover(code)
    event, mode = plover if plover is not None else (defaults.UNMAPPED_CAMEO_EVENT, None)
    return TriggerMatch(entry_id=m.rule, event=event, mode=mode, cameo=code, tags=(),
                        confidence=defaults.VERB_DICTIONARY_CONFIDENCE, frame="petrarch", modality=None)


def _sides(doc: Doc, m: VerbMatch, base: Candidate, resolves: Callable[[Token], bool]) -> list[tuple[str, str, list[Token], list[Token]]]:
    """(code, id key, sources, targets) of the events one match codes."""
    assert m.code is not None
    if m.compound is not None:
        group = members(m.compound)
        if len(group) > 1:
            return [(m.code, f":{a.i}>{b.i}", [a], [b]) for a in group for b in group if a.i != b.i]
    if m.source is not None:
        sources = members(m.source)
    elif m.compound is not None:
        sources = [m.compound]
    elif any(ch.dep_ == "auxpass" for ch in m.verb.children):
        # a passive verb's source is its agent ("by X") or nobody, not a subject it would inherit
        sources = [g for ch in m.verb.children if ch.dep_ == "agent" for g in ch.children if g.dep_ == "pobj"]
    else:
        sources = [x for h in base.actors for x in members(h)]
        sources = list({t.i: t for t in sources}.values())
    if m.target is not None:
        targets = members(m.target)
        taken = {x.i for x in targets}
        if any(t.i in taken for t in sources):
            sources = _governing_subject(m.verb, taken)
    else:
        skip = {t.i for x in sources for t in doc[x.left_edge.i:x.right_edge.i + 1]}
        targets = first_target(m.verb, resolves, skip)
    out = [(m.code, "", sources, targets)]
    if m.reverse is not None and targets:
        out.append((m.reverse, ":reverse", targets, sources))
    return out


def _governing_subject(verb: Token, exclude: set[int]) -> list[Token]:
    """The subject of a clause above the verb ("Gondor noted that X regretted ..." -> Gondor)."""
    cur = verb
    for _ in range(4):
        if cur.head == cur:
            break
        cur = cur.head
        subs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in exclude]
        if subs:
            return subs
    return []


def dictionary_candidates(doc: Doc, matches: list[VerbMatch], coder: SentenceCoder,
                          resolves: Callable[[Token], bool]) -> list[Candidate]:
    """Candidates for a sentence's dictionary matches: code from the best pattern, source and
    target from its markers, else the verb's subject and the first known actor after it.
    ``resolves`` says whether the actor dictionary knows a phrase head."""
    built: list[tuple[VerbMatch, Candidate, list[tuple[str, str, list[Token], list[Token]]]]] = []
    for m in matches:
        if m.code is None:
            continue
        tm = _trigger_match(m, m.code)
        base = Candidate(trigger=m.verb, match=tm, event=tm.event, mode=tm.mode, cameo=m.code, tags=set(),
                         confidence=tm.confidence, anchors=[m.verb], rules=[m.rule])
        coder.code_given(base, doc)
        built.append((m, base, _sides(doc, m, base, resolves)))
    coded = {m.verb.i for m, _, sides in built if any(src or tgt for _, _, src, tgt in sides)}
    keep = {id(m) for m in inner_events([m for m, _, _ in built], coded)}
    out: list[Candidate] = []
    for m, base, sides in built:
        if id(m) not in keep:
            continue
        for code, key, src, tgt in sides:
            tm = _trigger_match(m, code)
            out.append(dataclasses.replace(base, match=tm, event=tm.event, mode=tm.mode, cameo=code, actors=src,
                                           recipients=tgt, id_key=key))
    return out


def first_target(verb: Token, resolves: Callable[[Token], bool], skip: set[int]) -> list[Token]:
    """The first phrase after the verb, in its dependency subtree, that the actor dictionary
    knows, with its coordinated phrases: PETRARCH's target. Tokens in ``skip`` (the source)
    are left out."""
    heads: list[Token] = []
    for t in verb.subtree:
        if t.i <= verb.i or t.i in skip or t.dep_ not in _TARGET_DEPS or t.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            continue
        if t.dep_ == "conj" and heads:
            continue
        if resolves(t):
            heads = [m for m in conj_members(t) if m.i not in skip]
            break
    return heads
