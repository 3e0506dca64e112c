"""The trigger lexicon: loading ``data/triggers.yaml`` and matching tokens.

Reads: a parsed spaCy token. Adds: a :class:`TriggerMatch` saying which event
the token signals (or nothing). The lexicon == data; this module only knows
how to evaluate the conditions documented at the top of ``triggers.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from spacy.tokens import Token

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.models import PLOVER_EVENTS
from sitrep.nlp.spans import doc_text, doc_tokens

_CONDITION_KEYS = {
    "lemma", "pos", "object", "object_ent", "object_type", "compound", "prep", "head", "subject",
    "near", "sentence", "voice", "subject_count", "subject_type", "transitive", "agent", "head_prep", "plural",
    "dep", "xcomp", "content", "target_type", "purpose", "exerted",
}
_NEGATABLE = {"object", "compound", "prep", "head", "near", "sentence", "subject", "agent", "head_prep", "dep", "xcomp",
              "content", "purpose"}
_SENSE_FIELDS = {"event", "mode", "cameo", "tags", "confidence", "modality", "frame"}
#: Nouns that measure or collect what their "of" object names (grammar, not domain knowledge).
_MEASURE_NOUNS = frozenset(
    "total number series string batch set couple dozen dozens hundred hundreds thousand thousands lot lots "
    "handful range quantity amount pair stash cache haul consignment stockpile "
    # units of goods: "seized 460 tons of wheat", "barrels of oil"
    "ton tonne barrel kilogram kilo kg litre liter gallon truckload load crate sack bag".split()
)
_PERSON_WORDS = frozenset(
    "man men woman women people person child children boy girl civilian soldier officer policeman "
    "protester demonstrator student journalist worker farmer villager resident laborer labourer teenager "
    "youth suspect pilgrim tourist passenger driver guard activist militant fighter rebel insurgent gunman "
    "commander leader official policemen soldiers hostage prisoner detainee cleric imam priest dissident "
    "blogger lawmaker politician mayor governor inmate convict spy attacker assailant kidnapper migrant refugee "
    "member supporter opponent".split()
)
#: Sums of money and the like, which stand for what they are given "in" ("$3 million in aid").
_SUM_NOUNS = frozenset("million millions billion billions thousand dollar dollars euro euros pound pounds sum".split())
#: The subject of a passive verb that stands for a person ("he was captured").
_PERSON_PRONOUNS = frozenset({"him", "her", "them", "he", "she", "they", "i", "we"})
#: Objects that only count or portion what follows their "of": "captured a
#: string of villages", "much of Liberia", "dozens of civilians".
_PORTION_NOUNS = frozenset(
    "string series number host handful dozen dozens score scores hundred hundreds thousand thousands "
    "part parts much most some all many several swathe swathes swath swaths chunk chunks rest majority "
    "half third quarter couple pair lot lots bulk section sections stretch stretches portion portions".split()
)
#: Nouns of a light verb's phrase whose "to" names what the act is done to: "set fire to a
#: flag", "put a torch to the building" (what is set alight is the object).
_TO_OBJECT_NOUNS = frozenset("fire torch".split())

_PHRASE_TAGS = frozenset("NN NNS NNP NNPS JJ DT CD HYPH POS PRP$".split())


def _noun_phrase_nouns(head: Token) -> list[Token]:
    """The common nouns of the noun phrase that opens at ``head``'s left edge and runs on while
    its words are a noun phrase's ("a paper U.S. flag bearing ...": paper, flag), whatever the
    parser hung them on."""
    out: list[Token] = []
    for tok in head.doc[head.left_edge.i: head.right_edge.i + 1]:
        if tok.tag_ not in _PHRASE_TAGS:
            break
        if tok.tag_ in ("NN", "NNS"):
            out.append(tok)
    return out


@dataclass(frozen=True)
class Sense:
    when: dict[str, Any] | None
    unless: dict[str, Any] | None
    overrides: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    id: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    event: str | None
    mode: str | None
    cameo: str | None
    tags: tuple[str, ...]
    confidence: float
    frame: str
    modality: str | None
    require: dict[str, Any] | None
    senses: tuple[Sense, ...]
    #: the prefilter lets this entry's words through without an actor word in the sentence
    #: (``prefilter_strong: true``): its ``require`` is narrow enough on its own
    ungated: bool = False


@dataclass(frozen=True)
class TriggerMatch:
    """What a trigger token codes to, after the senses are resolved."""

    entry_id: str
    event: str
    mode: str | None
    cameo: str | None
    tags: tuple[str, ...]
    confidence: float
    frame: str
    modality: str | None


class Lexicon:
    """The trigger lexicon, indexed by lemma and surface form."""

    def __init__(self, entries: Iterable[Entry], intent_recode: dict[str, tuple[str, str]] | None = None,
                 strong: Iterable[str] = (), refusal_recode: dict[str, tuple[str, str]] | None = None) -> None:
        self.entries = tuple(entries)
        #: cooperative event reported as refused or not done -> (event, CAMEO) it codes to
        self.refusal_recode = dict(refusal_recode or {})
        #: trigger lemmas that need no actor word in the sentence to be worth parsing
        self.strong = frozenset(strong)
        #: event reported as intended -> (event, CAMEO) it codes to (see triggers.yaml)
        self.intent_recode = dict(intent_recode or {})
        self._by_word: dict[str, list[Entry]] = {}
        for e in self.entries:
            for lemma in e.lemmas:
                self._by_word.setdefault(lemma, []).append(e)
        # (entry id, lemma, lower-case form) -> does a condition that can apply to the word read entities?
        self._reads_entities: dict[tuple[str, str, str], bool] = {}
        # a Doc's own memo of the matches may_match found that no entity can change (per lexicon)
        self._memo_key = f"sitrep.trigger_matches.{id(self)}"
        # a Doc's own memo of each token's entries (``_candidates``): read from the parse's
        # lemmas and words, which nothing changes after parsing, and asked of a word up to three
        # times (entity_anchors before NER, candidates and match after it)
        self._entries_key = f"sitrep.trigger_entries.{id(self)}"

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        path = path or defaults.DATA_DIR / "triggers.yaml"
        raw = read_yaml(path, "trigger lexicon")
        if not isinstance(raw, dict):
            raise DataFileError("expected a mapping with 'triggers'", item=str(path))
        recodes: dict[str, dict[str, tuple[str, str]]] = {"intent_recode": {}, "refusal_recode": {}}
        for key, recode in recodes.items():
            for ev, target in (raw.get(key) or {}).items():
                if ev not in PLOVER_EVENTS or not isinstance(target, list) or len(target) != 2 or target[0] not in PLOVER_EVENTS:
                    raise DataFileError(f"bad {key} entry {ev!r}: {target!r}", item=str(path))
                recode[ev] = (target[0], str(target[1]))
        strong = [str(w).lower() for w in raw.get("prefilter_strong") or ()]
        return cls((_parse_entry(d, path) for d in raw.get("triggers", [])), recodes["intent_recode"], strong,
                   recodes["refusal_recode"])

    @cached_property
    def word_forms(self) -> frozenset[str]:
        """Every surface form a trigger can take: the prefilter's vocabulary."""
        forms: set[str] = set()
        for word in self._by_word:
            forms.update(inflections(word))
        return frozenset(forms)

    def knows(self, token: Token) -> bool:
        """Is the token's lemma or form a trigger word at all, alone or as the end of a split
        hyphenated word? (``match`` is None when not.)"""
        return bool(self._candidates(token))

    def match(self, token: Token, sentence_words: frozenset[str] | None = None) -> TriggerMatch | None:
        """The event this token signals, or None. ``sentence_words`` (lemmas and
        lower-case forms of the token's sentence) saves recomputing them per token."""
        return self._match(token, sentence_words, self._candidates(token))

    def _match(self, token: Token, sentence_words: frozenset[str] | None, candidates: Any) -> TriggerMatch | None:
        """``match`` of a token whose entries (``_candidates``) are already looked up."""
        if not candidates:
            return None
        ctx = Context(token, sentence_words)
        for entry in candidates:
            if ctx.pos not in entry.pos:
                continue
            if entry.require and not _holds(entry.require, ctx):
                continue
            fields: dict[str, Any] = {
                "event": entry.event, "mode": entry.mode, "cameo": entry.cameo, "tags": entry.tags,
                "confidence": entry.confidence, "frame": entry.frame, "modality": entry.modality,
            }
            for sense in entry.senses:
                if sense.when is not None and not _holds(sense.when, ctx):
                    continue
                if sense.unless is not None and _holds(sense.unless, ctx):
                    continue
                fields.update(sense.overrides)
                break
            if fields["event"] is None:
                continue
            return TriggerMatch(
                entry_id=entry.id, event=fields["event"], mode=fields["mode"], cameo=fields["cameo"],
                tags=tuple(fields["tags"] or ()), confidence=float(fields["confidence"]),
                frame=fields["frame"], modality=fields["modality"],
            )
        return None


    def _candidates(self, token: Token) -> Any:
        """The entries a token may trigger: by lemma, by form, or as the end of a hyphenated word
        the tokenizer split ("sit-in" is "sit", "-", "in"); looked up once per token of a Doc."""
        doc = token.doc
        data = doc.user_data
        memo: tuple[dict[int, Any], bool] | None = data.get(self._entries_key)
        if memo is None:
            # (with whether the sentence holds a hyphen at all: most hold none, and no split compound)
            memo = data[self._entries_key] = ({}, "-" in doc_text(doc))
        found, dashed = memo
        i = token.i
        if i in found:
            return found[i]
        hit = found[i] = self._entries_of(token, dashed)
        return hit

    def _entries_of(self, token: Token, dashed: bool) -> Any:
        """``_candidates`` looked up (``dashed``: False where the sentence holds no hyphen)."""
        own = self._by_word.get(token.lemma_.lower()) or self._by_word.get(token.lower_)
        closed = closed_compound(token) if dashed else None
        if closed and closed in self._by_word:
            # "cease-fire", "air-strikes": the closed word's entries first, then the last part's
            # own ("go-slow": the protest entry's "goslow" is a noun, the go-slow entry's "slow" not)
            first = self._by_word[closed]
            return first + [e for e in own or () if e not in first]
        if own:
            return own
        i = token.i
        if dashed and i >= 2:
            toks = doc_tokens(token.doc)
            if toks[i - 1].text == "-" and not toks[i - 1].whitespace_ and not toks[i - 2].whitespace_:
                return self._by_word.get(f"{toks[i - 2].lower_}-{token.lower_}")
        return None

    def may_match(self, token: Token, sentence_words: frozenset[str] | None = None) -> bool:
        """Could ``token`` trigger an event once named entities are known?

        Asked of a Doc parsed without NER (see ``nlp.parser.parse``): entities only
        ever take a trigger away (a word inside a name) or decide a condition that
        reads them, so the answer is exact: True when ``match`` finds an event without
        entities or when one of the word's entries has a condition on entities.
        """
        lemma, lower = token.lemma_.lower(), token.lower_
        candidates = self._candidates(token)
        if not candidates:
            return False
        found = self._match(token, sentence_words, candidates)
        pos = Context(token).pos
        reads = False
        for entry in candidates:
            if pos not in entry.pos:
                continue
            key = (entry.id, lemma, lower)
            hit = self._reads_entities.get(key)
            if hit is None:
                hit = self._reads_entities[key] = _entry_reads_entities(entry, frozenset((lemma, lower)))
            if hit:
                reads = True
                break
        if not reads:
            # no condition the word can meet reads entities: the answer holds once NER has run
            # (NER sets entities only), and ``match_after_entities`` takes it from here
            token.doc.user_data.setdefault(self._memo_key, {})[token.i] = (sentence_words, found)
        return found is not None or reads

    def match_after_entities(self, token: Token, sentence_words: frozenset[str] | None = None) -> TriggerMatch | None:
        """``match`` of a token of a Doc whose entities were set after ``may_match`` asked of it:
        the match found then, where no condition the word can meet reads entities (the same
        parse and sentence words give the same answer), else matched again."""
        memo = token.doc.user_data.get(self._memo_key)
        hit = memo.get(token.i) if memo is not None else None
        if hit is not None and hit[0] is sentence_words:
            return hit[1]
        return self.match(token, sentence_words)


_ENTITY_KEYS = frozenset({"object_ent", "object_type", "subject_type", "target_type"})


def _reads_entities(cond: dict[str, Any] | None, words: frozenset[str]) -> bool:
    """Can the condition's truth for a word (its lemma and form) depend on named entities?
    A ``lemma`` test the word fails makes the whole condition false whatever the entities."""
    if not cond:
        return False
    lemmas = cond.get("lemma")
    if lemmas is not None and lemmas.isdisjoint(words):
        return False
    for key, value in cond.items():
        if key == "any":
            if any(_reads_entities(v, words) for v in value):
                return True
        elif (key[4:] if key.startswith("not_") else key) in _ENTITY_KEYS:
            return True
    return False


def _entry_reads_entities(entry: Entry, words: frozenset[str]) -> bool:
    if _reads_entities(entry.require, words):
        return True
    for sense in entry.senses:
        lemmas = (sense.when or {}).get("lemma")
        if lemmas is not None and lemmas.isdisjoint(words):
            continue  # the sense cannot apply to this word
        if _reads_entities(sense.when, words) or _reads_entities(sense.unless, words):
            return True
    return False


@cache
def default_lexicon() -> Lexicon:
    return Lexicon.load()


# --- inflection for the prefilter ---------------------------------------------

_IRREGULAR = {
    "strike": ["struck", "stricken"], "shoot": ["shot"], "fight": ["fought"], "hit": ["hit"],
    "meet": ["met"], "hold": ["held"], "slay": ["slew", "slain"], "beat": ["beaten"],
    "send": ["sent"], "seize": ["seized"], "withdraw": ["withdrew", "withdrawn"],
    "free": ["freed"], "lift": ["lifted"], "fall": ["fell", "fallen"], "overrun": ["overran"],
    "set": ["set"], "build": ["built"], "burn": ["burnt"], "take": ["took", "taken"],
    "bomb": ["bombed"], "mob": ["mobbed"], "ban": ["banned"], "rob": ["robbed"], "stab": ["stabbed"],
    "gun": ["gunned"], "shut": ["shut"], "plead": ["pled"], "beg": ["begged"], "ally": ["allied", "allies"],
    "militiaman": ["militiamen"], "rally": ["rallied", "rallies"], "supply": ["supplied", "supplies"],
    "deny": ["denied", "denies"], "decry": ["decried", "decries"], "ransack": ["ransacked"],
    "sign": ["signed"], "occupy": ["occupied", "occupies"], "mobilise": ["mobilised"], "ied": ["ieds"],
    "talks": ["talks"], "dispatch": ["dispatched", "dispatches"], "ambush": ["ambushed", "ambushes"],
    "clash": ["clashed", "clashes"], "crossfire": ["crossfire"], "throw": ["threw", "thrown"],
    "blow": ["blew", "blown"], "lay": ["laid"], "stone": ["stoned"],
    "become": ["became"], "sing": ["sang", "sung"], "sit": ["sat"],
}
_SPLIT = re.compile(r"[\s_]+")


def inflections(word: str) -> set[str]:
    """A generous set of surface forms of ``word`` (over-generation == harmless)."""
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w[:-1] + "ed"}
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    forms.update(_IRREGULAR.get(w, []))
    if w.endswith("man") and len(w) > 3:
        forms.add(w[:-3] + "men")  # "gunman": gunmen, "policeman": policemen (English's one regular irregular plural)
    for part in _SPLIT.split(w):
        forms.add(part)
    return forms


# --- condition evaluation ------------------------------------------------------


#: Prepositions that say what an act is aimed at ("an attack on", "strikes against").
_AIMED_PREPS = frozenset({"on", "upon", "against"})
#: Named-entity labels of places.
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
_T = TypeVar("_T")


class _read_once(Generic[_T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    read): a Context lives within one match in one thread, and it is built for each word a
    condition is tested on, so the lock was a measurable share of matching."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> _T:
        if obj is None:
            return self  # type: ignore[return-value]
        val = obj.__dict__[self.name] = self.func(obj)
        return val


class Context:
    """The parts of a trigger's parse that conditions test, computed lazily."""

    def __init__(self, token: Token, sentence_words: frozenset[str] | None = None) -> None:
        self.token = token
        if sentence_words is not None:
            self.__dict__["sentence"] = sentence_words  # pre-fills the cached property
        pos = token.pos_
        self.pos = "NOUN" if pos == "PROPN" else ("VERB" if pos == "AUX" else pos)
        if self.pos == "ADJ" and token.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and closed_compound(token):
            # "launched a counter-offensive": the last part of a split compound where a noun
            # phrase stands is the compound noun, whatever the tagger read the part as
            self.pos = "NOUN"

    @staticmethod
    def _words(tokens: Iterable[Token]) -> frozenset[str]:
        out: set[str] = set()
        for t in tokens:
            out.add(t.lemma_.lower())
            out.add(t.lower_)
            if t.pos_ == "PROPN" and t.lower_.endswith("s") and not t.lower_.endswith("ss") and len(t.lower_) > 4:
                out.add(t.lower_[:-1])  # a capitalised plural keeps its "s" as lemma: "Marines", "Rangers"
            closed = closed_compound(t)
            if closed:
                out.add(closed)  # "cease-fire" is the word "ceasefire" (the tokenizer split it)
        return frozenset(out)

    @_read_once
    def lemma(self) -> frozenset[str]:
        return self._words([self.token])

    @_read_once
    def passive(self) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in self.token.children)

    @_read_once
    def object_tokens(self) -> list[Token]:
        t = self.token
        objs = [c for c in t.children if c.dep_ in ("dobj", "obj")]
        if self.passive:
            objs += [c for c in t.children if c.dep_ == "nsubjpass"]
        # "captured a string of villages", "much of Liberia", "five of the attackers (were captured)":
        # the portion's "of" object is the object too
        objs += [g for o in objs if o.lemma_.lower() in _PORTION_NOUNS or o.tag_ == "CD" for c in o.children
                 if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if self.pos == "NOUN":
            objs += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if not objs and t.dep_ in ("acl", "relcl") and t.tag_ == "VBN":
            objs.append(t.head)  # "militants killed in the raid": the noun == the object
        # "set fire to a paper flag": the common nouns of the noun phrase the fire is set to
        # (the "to" of the verb or of its noun) are the object too
        if any(o.lemma_.lower() in _TO_OBJECT_NOUNS for o in objs):
            tos = [c for h in [t, *objs] for c in h.children if c.dep_ == "prep" and c.lower_ == "to"]
            objs += [n for c in tos for g in c.children if g.dep_ == "pobj" for n in _noun_phrase_nouns(g)]
        objs += [cc for o in objs for cc in o.children if cc.dep_ == "conj"]
        # "suspended $3.5 million in military aid": a sum stands for what it is given "in"
        objs += [g for o in objs if o.lemma_.lower() in _SUM_NOUNS or o.tag_ == "$" for c in o.children
                 if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"]
        # "established a total of 56 observation points", "seized a cache of weapons": the
        # measure noun stands for what it measures
        objs += [g for o in objs if o.lemma_.lower() in _MEASURE_NOUNS
                 for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        objs += [cc for o in objs for cc in o.children if cc.dep_ == "compound"]
        return objs

    @_read_once
    def object(self) -> frozenset[str]:
        return self._words(self.object_tokens)

    @_read_once
    def object_ent(self) -> frozenset[str]:
        # condition values are read in lower case (``_check_condition``)
        return frozenset(t.ent_type_.lower() for t in self.object_tokens if t.ent_type_)

    @_read_once
    def object_type(self) -> frozenset[str]:
        kinds: set[str] = set()
        for t in self.object_tokens:
            pronoun = t.lower_ in ("him", "her", "them") or (t.dep_ == "nsubjpass" and t.lower_ in _PERSON_PRONOUNS)
            if _city_taken_for_person(t):
                kinds.add("place")  # "captured Goma": one word tagged PERSON that names a city
                continue
            if t.ent_type_ == "PERSON" or t.lemma_.lower() in _PERSON_WORDS or pronoun:
                kinds.add("person")
            elif t.ent_type_ == "NORP" and t.tag_ in ("NNS", "NNPS"):
                kinds.add("person")  # "captured two Palestinians"
            elif t.dep_ == "nsubjpass" and t.pos_ == "PROPN" and not t.ent_type_ and not _known_place(t):
                kinds.add("person")  # "Montesinos was captured": an unlabelled name that is no known place
            if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.lemma_.lower() in _PERSON_WORDS:
                kinds.add("actor")
            if _known_place(t):
                kinds.add("place")
        return frozenset(kinds)

    @_read_once
    def compound(self) -> frozenset[str]:
        mods = [c for c in self.token.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss", "nummod")]
        mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "amod")]
        words = set(self._words(mods))
        # hyphenated compounds split by the tokenizer: "drone-strike", "car-bomb"
        doc = self.token.doc
        i = self.token.i
        if i >= 2 and doc[i - 1].text == "-":
            words.add(doc[i - 2].lower_)
        return frozenset(words)

    @_read_once
    def dep(self) -> frozenset[str]:
        """The trigger's own dependency relation ("compound" in "combat tactics")."""
        return frozenset({self.token.dep_.lower()})

    @_read_once
    def prep(self) -> frozenset[str]:
        return frozenset(c.lower_ for c in self.token.children if c.dep_ in ("prep", "agent", "prt", "dative"))

    @_read_once
    def head_token(self) -> Token | None:
        t = self.token
        if t.head == t:
            return None
        h = t.head
        # noun inside a prepositional phrase: "went on strike" -> go; conj: its head's head
        if t.dep_ == "pobj" and h.dep_ in ("prep", "agent") and h.head != h:
            return h.head
        if t.dep_ == "conj":
            return Context(h).head_token
        return h

    @_read_once
    def head_prep(self) -> frozenset[str]:
        """The preposition a noun hangs from ("in protest" -> in, "on strike" -> on); empty otherwise."""
        t = self.token
        if t.dep_ == "conj":
            return Context(t.head).head_prep
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
            return frozenset({t.head.lower_})
        return frozenset()

    @_read_once
    def head(self) -> frozenset[str]:
        h = self.head_token
        if h is None:
            return frozenset()
        words = set(self._words([h]))
        # phrasal verbs: "call off", "carry out"
        words.update(f"{h.lemma_.lower()}_{c.lower_}" for c in h.children if c.dep_ == "prt")
        return frozenset(words)

    @_read_once
    def subject_tokens(self) -> list[Token]:
        t = self.token
        subs = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        # a verb with no subject of its own shares the one of the verb it is coordinated with or
        # hangs from, up a chain of them ("the army issued orders, telling residents to leave, and
        # blocked roads": the army blocked them)
        v = t
        for _ in range(3):
            if subs or v.dep_ not in ("xcomp", "conj", "advcl") or v.head == v:
                break
            v = v.head
            subs = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        # "soldiers who blocked them": a relative pronoun stands for the noun the clause is about
        if t.dep_ == "relcl" and t.head != t:
            subs = [t.head if c.lower_ in ("who", "that", "which") else c for c in subs]
        return subs + [cc for s in subs for cc in s.children if cc.dep_ == "conj"]

    @_read_once
    def subject_type(self) -> frozenset[str]:
        """"actor" when the subject names a political actor by an entity ("Denmark", "the Turkish
        and Greek sides", "Ivory Coast President ..."), "person" when it is a person."""
        kinds: set[str] = set()
        for t in self.subject_tokens:
            mods = [c for c in t.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
            if t.ent_type_ == "PERSON" or t.lemma_.lower() in _PERSON_WORDS:
                kinds.add("person")
            if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or any(m.ent_type_ in ("ORG", "GPE", "NORP") for m in mods):
                kinds.add("actor")
        return frozenset(kinds)

    @_read_once
    def subject(self) -> frozenset[str]:
        toks = list(self.subject_tokens)
        # a clausal subject is an act, named by its own form, not by the noun its lemma spells:
        # "Firing by Indian troops kills a man" (firing, not a fire), "Shooting at the border..."
        acts = [t for t in toks if t.dep_ == "csubj" and t.tag_ == "VBG"]
        toks = [t for t in toks if t not in acts]
        toks += [c for s in toks for c in s.children if c.dep_ == "compound"]
        return self._words(toks) | {t.lower_ for t in acts}

    @_read_once
    def agent(self) -> frozenset[str]:
        """Lemmas of a passive verb's "by" agent ("patrolled by troops") and its compounds."""
        toks = [g for c in self.token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        toks += [cc for a in toks for cc in a.children if cc.dep_ in ("conj", "compound")]
        return self._words(toks)

    @_read_once
    def near(self) -> frozenset[str]:
        """Lemmas of the trigger's children, grandchildren, the objects' children and its head;
        not the trigger's own infinitive marker: the "to" of "moves to press a choke-hold" says
        nothing of what is pressed for, as the "to" of "pressed Moscow to withdraw" does."""
        kids = [c for c in self.token.children if not (c.dep_ == "aux" and c.tag_ == "TO")]
        grand = [g for c in kids for g in c.children]
        great = [g2 for g in grand for g2 in g.children if g.dep_ in ("pobj", "dobj", "xcomp")]
        toks = kids + grand + great
        if self.head_token is not None:
            toks.append(self.head_token)
        return self._words(toks)

    @_read_once
    def content(self) -> frozenset[str]:
        """Lemmas of what the trigger says, as ``near`` reads them but without its subject and
        without what is another party's: "Iraqi military commanders warn that Mosul will be a
        tough fight" says nothing of force ("military" describes the speakers), and "warned that
        the world cannot ignore Iran's actions" speaks of Iran's acts, not the speaker's."""
        def owned_by_other(t: Token) -> bool:
            return any(ch.dep_ == "poss" and ch.pos_ in ("PROPN", "NOUN") for ch in t.children)

        kids = [c for c in self.token.children
                if c.dep_ not in ("nsubj", "nsubjpass", "csubj", "expl") and not owned_by_other(c)]
        grand = [g for c in kids for g in c.children if not owned_by_other(g)]
        great = [g2 for g in grand for g2 in g.children if g.dep_ in ("pobj", "dobj", "xcomp") and not owned_by_other(g2)]
        return self._words(kids + grand + great)

    @_read_once
    def xcomp(self) -> frozenset[str]:
        """Lemmas of the verb's infinitive complement ("told them *to withdraw*", "ordered
        people *to report*"): what the addressee is told to do, not what the speaker says
        happened ("told reporters the army would withdraw" is a that-clause, ccomp)."""
        return self._words(c for c in self.token.children if c.dep_ == "xcomp"
                           and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))

    @_read_once
    def purpose(self) -> frozenset[str]:
        """Lemmas of the to-infinitive the verb is done for and of that infinitive's direct object
        ("phoned the governor *to offer* his *condolences*", "called him *to congratulate* him"):
        what the act was for."""
        infs = [c for c in self.token.children if c.dep_ in ("xcomp", "advcl")
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        return self._words([*infs, *(o for v in infs for o in v.children if o.dep_ in ("dobj", "obj"))])

    @_read_once
    def target_type(self) -> frozenset[str]:
        """``place`` where the trigger is aimed "on", "upon" or "against" a named place ("an
        attack on Bentiu", "renewed attacks on El Geneina"): a town is hit by force, not by words.
        A country or a capital is not counted: it stands for its government, which words attack
        as well ("his attacks on Mexico over trade", "an attack on Washington"); nor is a place a
        person's attack is aimed at ("her attack on Wall Street", "the senator's attack on
        Hollywood"): a speaker's attack is words, and a possessor leaves the reading open."""
        from sitrep.resolve.countries import lookup_country

        if any(c.dep_ == "poss" for c in self.token.children):
            return frozenset()
        aimed = [g for p in self.token.children if p.dep_ == "prep" and p.lower_ in _AIMED_PREPS
                 for g in p.children if g.dep_ == "pobj"]
        town = any((g.ent_type_ in _PLACE_ENTITIES or _known_place(g))
                   and lookup_country(g.doc[g.left_edge.i: g.i + 1].text) is None for g in aimed)
        return frozenset({"place"}) if town else frozenset()

    @_read_once
    def exerted(self) -> bool:
        """Does a party exert this noun (of pressure)? A possessor ("Beijing's pressure"), a "from"
        or "by" phrase ("pressure from donors"), or a subject of the verb the noun is the object
        of: its own ("Xi is applying pressure"), the one of the verb it is an infinitive or a
        conjunct of ("Washington wants to put pressure"), or the one a finite verb has though the
        parser hung it elsewhere. A participle or an infinitive with none ("a rush of newcomers,
        increasing the pressure on southern states", "a commitment to exert pressure", "a call
        meant to increase pressure") tells an effect or a purpose, not a party pressing another."""
        t = self.token
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by")) for c in t.children):
            return True
        v = self.head_token
        for _ in range(3):
            if v is None or v.pos_ not in ("VERB", "AUX"):
                return False
            deps = {c.dep_ for c in v.children}
            if deps & {"nsubj", "csubj", "expl"}:
                return True
            if "nsubjpass" in deps:
                return False  # "a call was meant to increase pressure": what is meant is no party
            if v.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ != "TO" for c in v.children):
                return True  # a finite verb has a subject, wherever the parser hung it
            if v.dep_ not in ("xcomp", "conj") or v.head == v:
                return False
            v = v.head
        return False

    @_read_once
    def sentence(self) -> frozenset[str]:
        return self._words(self.token.sent)

    def test(self, key: str, values: Any) -> bool:
        if key == "voice":
            return (values == "passive") == self.passive
        if key == "subject_count":
            return len(self.subject_tokens) >= int(values)
        if key == "transitive":
            # a verb with a direct object or a "that" clause: "demonstrated their belief", "demonstrated that ..."
            has = any(c.dep_ in ("dobj", "obj", "ccomp") for c in self.token.children)
            return has == bool(values)
        if key == "pos":
            return self.pos in values
        if key == "exerted":
            return self.exerted == bool(values)
        if key == "plural":
            # a plural noun ("in protests" are events, "in protest" a motive)
            return (self.token.tag_ in ("NNS", "NNPS")) == bool(values)
        if key == "any":
            return any(_holds(v, self) for v in values)
        negate = key.startswith("not_")
        name = key[4:] if negate else key
        have: frozenset[str] = getattr(self, name)
        hit = not have.isdisjoint(values)
        return not hit if negate else hit


def closed_compound(t: Token) -> str | None:
    """The closed spelling of a hyphenated compound the tokenizer split, read at its last part:
    "cease-fire" -> "ceasefire", "air-strikes" -> "airstrike" (the first part and the lemma of
    the last). None when the token does not end such a word. Newsrooms differ on the hyphen
    (AP writes "cease-fire", Reuters "ceasefire"); the lexicon lists one spelling."""
    i = t.i
    if i < 2:
        return None
    doc = t.doc
    if "-" not in doc_text(doc):
        return None  # (the cheapest test first: most sentences have no hyphen)
    toks = doc_tokens(doc)
    dash = toks[i - 1]
    if dash.text != "-" or dash.whitespace_ or not t.is_alpha:
        return None
    first = toks[i - 2]
    if first.whitespace_ or not first.is_alpha:
        return None
    return first.lower_ + t.lemma_.lower()


def person_word(lemma: str) -> bool:
    """Is this lemma a common noun for a person ("activist", "soldier", "cleric")?"""
    return lemma in _PERSON_WORDS


def _city_taken_for_person(t: Token) -> bool:
    """A one-word name the NER calls a person but the gazetteer knows as a city of
    ``defaults.PERSON_TAG_CITY_MIN_POP`` people ("rebels captured Goma"); a name with a first
    name or title beside it stays a person."""
    if t.ent_type_ != "PERSON" or t.pos_ != "PROPN":
        return False
    if any(c.dep_ in ("compound", "flat", "appos", "nmod") for c in t.children):
        return False
    from sitrep.resolve.places import Gazetteer

    return Gazetteer.default().contains(t.text, min_population=defaults.PERSON_TAG_CITY_MIN_POP)


def _known_place(t: Token) -> bool:
    """A proper name the gazetteer knows as a place, whatever the NER made of it
    ("captured Badme", tagged ORG); people's names are left alone."""
    if t.pos_ != "PROPN" or t.ent_type_ == "PERSON":
        return False
    left = t
    while left.i > 0 and left.nbor(-1).dep_ == "compound" and left.nbor(-1).head.i == t.i and left.nbor(-1).pos_ == "PROPN":
        left = left.nbor(-1)
    from sitrep.resolve.countries import lookup_country
    from sitrep.resolve.places import Gazetteer

    name = t.doc[left.i: t.i + 1].text
    if t.ent_type_ == "NORP" and lookup_country(name) is not None:
        return False  # "Kurds", "Iraqis": people ("Kisangani" tagged NORP is a town)
    return Gazetteer.default().contains(name, min_population=defaults.LOCATION_GAZ_MIN_POP)


def _holds(cond: dict[str, Any], ctx: Context) -> bool:
    return all(ctx.test(k, v) for k, v in cond.items())


def _check_condition(cond: Any, where: str) -> dict[str, Any] | None:
    if cond is None:
        return None
    if not isinstance(cond, dict):
        raise DataFileError(f"condition must be a mapping, got {cond!r}", item=where)
    for key, value in cond.items():
        base = key[4:] if key.startswith("not_") else key
        if key == "any":
            for sub in value:
                _check_condition(sub, where)
            continue
        if base not in _CONDITION_KEYS or (key.startswith("not_") and base not in _NEGATABLE):
            raise DataFileError(f"unknown condition {key!r}", item=where)
        if key in ("transitive", "plural", "exerted") and not isinstance(value, bool):
            raise DataFileError(f"condition {key!r} needs true or false", item=where)
        if key not in ("voice", "subject_count", "transitive", "plural", "exerted") and not isinstance(value, list):
            raise DataFileError(f"condition {key!r} needs a list", item=where)
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            # YAML reads a bare on, off, yes or no as a boolean: the word never matched
            raise DataFileError(f"condition {key!r} holds a boolean: quote words such as \"on\", \"off\", \"no\"",
                                item=where)
        if key == "pos":
            cond[key] = frozenset(str(v).upper() for v in value)
        elif isinstance(value, list):
            cond[key] = frozenset(str(v).lower() for v in value)
    return cond


def _parse_entry(d: dict[str, Any], path: Path) -> Entry:
    where = f"{path.name}:{d.get('id', '?')}"
    try:
        event = d["event"]
        if event not in PLOVER_EVENTS:
            raise DataFileError(f"unknown PLOVER event {event!r}", item=where)
        senses = []
        for s in d.get("senses") or ():
            over = {k: v for k, v in s.items() if k in _SENSE_FIELDS}
            unknown = set(s) - _SENSE_FIELDS - {"when", "unless"}
            if unknown:
                raise DataFileError(f"unknown sense fields {sorted(unknown)}", item=where)
            if over.get("event") not in (None, *PLOVER_EVENTS):
                raise DataFileError(f"unknown PLOVER event {over['event']!r}", item=where)
            if "tags" in over:
                over["tags"] = tuple(over["tags"] or ())
            senses.append(Sense(_check_condition(s.get("when"), where), _check_condition(s.get("unless"), where), over))
        return Entry(
            id=str(d["id"]),
            lemmas=frozenset(str(x).lower() for x in d["lemmas"]),
            pos=frozenset(d.get("pos") or ("VERB", "NOUN")),
            event=event, mode=d.get("mode"), cameo=d.get("cameo"),
            tags=tuple(d.get("tags") or ()), confidence=float(d.get("confidence", defaults.BASE_CONFIDENCE)),
            frame=d.get("frame", "agentive"), modality=d.get("modality"),
            require=_check_condition(d.get("require"), where), senses=tuple(senses),
            ungated=bool(d.get("prefilter_strong", False)),
        )
    except KeyError as exc:
        raise DataFileError(f"entry lacks field {exc}", item=where) from exc


@dataclass(frozen=True)
class WeaponCue:
    lemmas: frozenset[str]
    mode: str
    cameo: str | None
    tags: tuple[str, ...]
    rank: int
    require_near: frozenset[str] = field(default_factory=frozenset)
    sentence_wide: bool = False


WEAPONS_FILE = defaults.DATA_DIR / "weapons.yaml"
EVENTNESS_FILE = defaults.DATA_DIR / "eventness.yaml"


@cache
def eventness_words(key: str, path: Path = EVENTNESS_FILE) -> frozenset[str]:
    """A word class of data/eventness.yaml (``legal_texts``: the nouns of a legal text or a
    motion, whose content is no happening; ``possibility_nouns``: nouns whose "of" object is
    supposed; ``telling_verbs``: verbs whose addressee's act is demanded; ``effect_verbs``, ``liberty_nouns``,
    ``legality_words``, ``enabling_verbs``, ``campaign_verbs``, ``inclusion_verbs``: see the file); a DataFileError names the file when the class is missing or not a list."""
    raw = read_yaml(path, "event-ness word classes")
    words = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(words, list):
        raise DataFileError(f"{key}: expected a list of lemmas", item=str(path))
    return frozenset(str(w).lower() for w in words)


@cache
def _weapons_raw() -> dict[str, Any]:
    raw = read_yaml(WEAPONS_FILE, "weapon and protest cues")
    if not isinstance(raw, dict):
        raise DataFileError("expected a mapping with 'weapons'", item=str(WEAPONS_FILE))
    return raw


@cache
def protest_targets() -> tuple[frozenset[str], frozenset[str]]:
    """(measures, ousting): the nouns of data/weapons.yaml ``protest_targets`` that say whom a
    protest addresses when the text names no party (a government's measure; a party's going)."""
    raw = _weapons_raw().get("protest_targets") or {}
    if not isinstance(raw, dict):
        raise DataFileError("protest_targets: expected a mapping with 'measures' and 'ousting'", item=str(WEAPONS_FILE))
    return (frozenset(str(w).lower() for w in raw.get("measures") or ()),
            frozenset(str(w).lower() for w in raw.get("ousting") or ()))


@cache
def recipient_cues() -> dict[str, frozenset[str]]:
    """The verb classes of data/weapons.yaml ``recipient_cues`` that say whom an attack falls on
    when its own phrase names nobody (``suffer``, ``withstand``, ``fight_against``, ``dislodge``)."""
    raw = _weapons_raw().get("recipient_cues") or {}
    if not isinstance(raw, dict):
        raise DataFileError("recipient_cues: expected a mapping of verb lists", item=str(WEAPONS_FILE))
    return {str(k): frozenset(str(w).lower() for w in v or ()) for k, v in raw.items()}


@cache
def weapon_cues() -> tuple[WeaponCue, ...]:
    path = WEAPONS_FILE
    raw = _weapons_raw()
    try:
        return tuple(
            WeaponCue(
                lemmas=frozenset(str(x).lower() for x in w["lemmas"]), mode=w["mode"], cameo=w.get("cameo"),
                tags=tuple(w.get("tags") or ()), rank=int(w.get("rank", 9)),
                require_near=frozenset(w.get("require_near") or ()),
                sentence_wide=bool(w.get("sentence_wide", False)),
            )
            for w in raw["weapons"]
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"broken weapons file: {exc}", item=str(path)) from exc


@dataclass(frozen=True)
class ProtestCue:
    tag: str
    pattern: re.Pattern[str]
    with_any: re.Pattern[str] | None


@cache
def protest_cues() -> tuple[ProtestCue, ...]:
    """How a protest went (data/weapons.yaml ``protest_cues``), strongest first."""
    path = WEAPONS_FILE
    raw = _weapons_raw()
    try:
        out = []
        for cue in raw.get("protest_cues") or ():
            words = sorted((str(w).lower() for w in cue["lemmas"]), key=len, reverse=True)
            # a cue word naming crowd-control gear is no cue: "riot police", "anti-riot squad"
            gear = [str(w).lower() for w in cue.get("not_followed_by") or ()]
            ahead = r"(?!\s+(?:" + "|".join(re.escape(w) for w in gear) + r")\b)" if gear else ""
            behind = r"(?<!anti-)(?<!anti )" if gear else ""
            pat = re.compile(behind + r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b" + ahead, re.IGNORECASE)
            also = cue.get("with_any") or []
            wpat = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in also) + r")\b", re.IGNORECASE) if also else None
            out.append(ProtestCue(tag=str(cue["tag"]), pattern=pat, with_any=wpat))
        return tuple(out)
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"broken protest_cues: {exc}", item=str(path)) from exc
