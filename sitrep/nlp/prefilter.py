"""Cheap decision of which sentences can hold an event.

Reads: raw sentence text. Adds: yes/no. Most sentences of general news hold
no event; they are never parsed. A sentence goes on to the parser when it
holds a surface form of a lexicon trigger and, for that trigger:

- the words its lexicon entry *requires* (``require`` in triggers.yaml: the
  objects of "launch", the "up" of "set up", ...) appear somewhere in the
  sentence, when the entry lists any; and
- unless the trigger is one of the unambiguous conflict words listed in
  ``prefilter_strong`` (triggers.yaml), the sentence names an actor: an agent
  word ("minister", "rebels", "police") or a capitalised word of a country,
  demonym, capital or dictionary actor. Events are between political actors;
  in business or sports news "agreed", "hit" and "met" are everywhere and
  code nothing.

The filter only ever loses a sentence the coder could not have coded, save
for inflected forms the inflector does not generate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep.coding.lexicon import Entry, Lexicon, inflections

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z]+)*")
_PARTS = re.compile(r"[-'\u2019]")
#: Too common to say a sentence names an actor.
_NOT_CUES = frozenset(
    "the of and a an in on for to at by with from new state states united national people party group "
    "union member members court house office world news company bank general republic democratic "
    "christmas island islands coast saint san santa cape green virgin central north south east west "
    "northern southern eastern western great little holy city town river lake mount".split()
)
#: Capitalised, these are months or days, not protest marches or actor names.
_CALENDAR = frozenset("January February March April May June July August September October November December "
                      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


class Prefilter:
    def __init__(self, lexicon: Lexicon, agent_words: Iterable[str] = (), name_words: Iterable[str] = (),
                 events: Iterable[str] | None = None, irregular: Mapping[str, Iterable[str]] | None = None,
                 one_token: Callable[[str], bool] | None = None) -> None:
        #: lower-case words that name an actor kind ("police", "minister", "rebels")
        self.agent_words = frozenset(w for w in agent_words if w not in _NOT_CUES)
        #: words of names (countries, demonyms, dictionary actors); they count when capitalised
        self.name_words = frozenset(w for w in name_words if w not in _NOT_CUES)
        #: irregular forms -> lemmas ("gave": give): the lemmas a sentence's conditions can read
        self.irregular = {form: frozenset(lemmas) for form, lemmas in (irregular or {}).items()}
        irregular_forms: dict[str, set[str]] = {}  # lemma -> irregular forms ("freeze": frozen, froze)
        for form, lemmas in self.irregular.items():
            for lemma in lemmas:
                irregular_forms.setdefault(lemma, set()).add(form)
        # surface form -> [(lexicon lemma, needs an actor word, the entry's conditions)]
        self.gates: dict[str, list[tuple[str, bool, _Rules]]] = {}
        wanted = frozenset(events) if events is not None else None
        for entry in lexicon.entries:
            if wanted is not None and not _can_code(entry, wanted):
                continue
            rules = _Rules.of(entry, one_token)
            for lemma in entry.lemmas:
                gated = lemma not in lexicon.strong and not entry.ungated
                for form in inflections(lemma) | irregular_forms.get(lemma, set()):
                    self.gates.setdefault(form, []).append((lemma, gated, rules))

    def __call__(self, sentence: str) -> bool:
        # (a closing single quote is no part of its word: "IS 'executes' 15 civilians", "soldiers' base")
        raw = [w.rstrip("'\u2019") for w in _WORD.findall(sentence)]
        # "the Women's March", "the March on Washington": a named march, not the month
        tokens = [t for k, t in enumerate(raw) if t not in _CALENDAR
                  or (k > 0 and (raw[k - 1].lower() == "the" or raw[k - 1].endswith(("'s", "\u2019s"))))]
        words = {w.lower() for w in tokens}
        for w in list(words):
            if "-" in w:
                words.update(w.split("-"))
                words.add(w.replace("-", ""))  # "cease-fire" is the lexicon's "ceasefire"
        # the parser also splits "police's", "don't": the lexicon's conditions read those parts
        parts = words.union(*(_PARTS.split(w) for w in words if "'" in w or "\u2019" in w))
        # ... and may lemmatise an irregular form to a lemma not written ("gave": give)
        lemmas = parts.union(*(self.irregular.get(w, ()) for w in parts))
        actor_seen: bool | None = None
        for w in words:
            gates = self.gates.get(w)
            if not gates:
                continue
            for lemma, gated, rules in gates:
                if not rules.may_code(lemma, w, parts, lemmas):
                    continue
                if gated:
                    if actor_seen is None:
                        actor_seen = self._names_actor(tokens, words)
                    if not actor_seen:
                        continue
                return True
        return False

    def _names_actor(self, tokens: list[str], words: set[str]) -> bool:
        if not self.agent_words.isdisjoint(words):
            return True
        return any(t[0].isupper() and t.lower() in self.name_words for t in tokens[1:]) or (
            bool(tokens) and tokens[0].lower() in self.name_words
        )


# A lexicon condition read from the sentence's words alone, before any parse: each test is
# True or False when the words decide it and None when only the parse can. Every word a
# condition reads (object, near, head, ...) is a word of the sentence, so a condition that
# needs one of a list of words is False when none of them (in any inflection) is there, and
# its negation True. Parts of speech, voice and entities are always None.
_Test = tuple[str, str, frozenset[str], frozenset[str], bool] | tuple[str, tuple["_Conj", ...]]
_Conj = tuple[_Test, ...]
_SENTENCE_KEYS = frozenset({"object", "near", "compound", "head", "subject", "sentence", "prep", "agent", "head_prep", "xcomp"})


def _compile(cond: dict[str, Any] | None, one_token: Callable[[str], bool] | None = None) -> _Conj | None:
    """``one_token``: is a value one token for the parser's tokenizer? Conditions compare
    single tokens' words, so a value the tokenizer splits ("power-sharing", "sit-in") can never
    be there; without it such values are taken as undecidable."""
    if cond is None:
        return None
    out: list[_Test] = []
    for key, value in cond.items():
        if key == "any":
            out.append(("any", tuple(c for c in (_compile(v, one_token) for v in value) if c is not None)))
            continue
        negate = key.startswith("not_")
        base = key[4:] if negate else key
        if base == "lemma":
            out.append(("not_lemma" if negate else "lemma", "", frozenset(value), frozenset(), False))
        elif base in _SENTENCE_KEYS:
            if one_token is not None:
                value = [v for v in value if one_token(str(v).lower())]
            raw = frozenset(str(v).lower() for v in value)
            # a value the word pattern cannot produce ("$", "power-sharing") is never seen absent
            opaque = any(_WORD.fullmatch(v) is None or "-" in v for v in raw)
            out.append(("not" if negate else "has", base, _forms(value), raw, opaque))
        else:
            out.append(("parse", base, frozenset(), frozenset(), False))
    return tuple(out)


def _test(t: _Test, lemma: str, form: str, words: set[str], lemmas: set[str]) -> bool | None:
    if t[0] == "any":
        results = [_conj(c, lemma, form, words, lemmas) for c in t[1]]  # type: ignore[arg-type]
        if any(r is True for r in results):
            return True
        return False if all(r is False for r in results) else None
    kind, base, forms, raw, opaque = t  # type: ignore[misc]
    if kind in ("lemma", "not_lemma"):
        # the gate stands for a token of this form with this lemma ("fell": fall)
        hit = lemma in forms or form in forms
        return hit if kind == "lemma" else not hit
    if kind == "parse":
        return None
    if base == "sentence" and not raw.isdisjoint(words):
        return kind == "has"  # the very word is there (an inflected form may have another lemma)
    if opaque or not forms.isdisjoint(lemmas):
        return None  # the word may be there; only the parse says whether it is the object, the head, ...
    return kind == "not"


def _conj(c: _Conj, lemma: str, form: str, words: set[str], lemmas: set[str]) -> bool | None:
    result: bool | None = True
    for t in c:
        r = _test(t, lemma, form, words, lemmas)
        if r is False:
            return False
        if r is None:
            result = None
    return result


@dataclass(frozen=True)
class _Rules:
    """An entry's require and senses, compiled for reading off sentence words."""

    require: _Conj | None
    senses: tuple[tuple[_Conj | None, _Conj | None, bool], ...]  # (when, unless, codes an event)
    codes: bool  # the entry's own event, when no sense applies

    @classmethod
    def of(cls, entry: Entry, one_token: Callable[[str], bool] | None = None) -> _Rules:
        return cls(_compile(entry.require, one_token), tuple(
            (_compile(s.when, one_token), _compile(s.unless, one_token), s.overrides.get("event", entry.event) is not None)
            for s in entry.senses),
            entry.event is not None)

    def may_code(self, lemma: str, form: str, words: set[str], lemmas: set[str] | None = None) -> bool:
        """False when the words alone show the entry codes no event for this trigger:
        its require fails, or the first sense that surely applies is a null sense and no
        coding sense before it may apply (senses are tried in order, as in Lexicon.match).
        ``words``: the sentence's words; ``lemmas``: those and the lemmas of its irregular forms."""
        lemmas = words if lemmas is None else lemmas
        if self.require is not None and _conj(self.require, lemma, form, words, lemmas) is False:
            return False
        for when, unless, codes in self.senses:
            w = True if when is None else _conj(when, lemma, form, words, lemmas)
            if w is False:
                continue
            u = False if unless is None else _conj(unless, lemma, form, words, lemmas)
            if u is True:
                continue
            if w is True and u is False:
                return codes  # this sense applies
            if codes:
                return True  # a coding sense may apply
        return self.codes


def _forms(values: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for v in values:
        out.update(inflections(str(v)))
    return frozenset(out)


def _can_code(entry: Entry, wanted: frozenset[str]) -> bool:
    """Can any sense of the entry code one of the wanted event types?"""
    events = {entry.event} | {s.overrides["event"] for s in entry.senses if s.overrides.get("event")}
    return not events.isdisjoint(wanted)


@cache
def actor_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(agent words, name words): lower-case words for actor kinds ("police",
    "ministers") and the words of actor names (countries, demonyms, capitals,
    dictionary actors), which count only when written with a capital."""
    from sitrep.resolve import actors as actor_mod
    from sitrep.resolve.countries import country_keys

    agents: set[str] = set()
    for agent in actor_mod.load_agents():
        # one-word agents only ("high court" would make "high" an actor word); firms are no actors here
        if " " not in agent.words and agent.type not in (None, "business"):
            agents.update(inflections(agent.words))
    names: set[str] = set()
    for key in country_keys():
        names.update(key.split())
    for path in actor_mod.OWN_ACTOR_FILES:  # the 25,000 Phoenix names would cost seconds per process
        for e in actor_mod.load_actor_file(path):
            for alias in e.aliases:
                names.update(w.lower() for w in _WORD.findall(alias) if len(w) > 2 and w[0].isupper())
    return frozenset(agents), frozenset(names)


@cache
def default_prefilter(scope: str = "all") -> Prefilter:
    """The prefilter for a coding scope (see ``defaults.SCOPES``)."""
    from sitrep import defaults
    from sitrep.coding.lexicon import default_lexicon
    from sitrep.nlp.parser import lemma_exceptions, one_token

    agents, names = actor_vocabulary()
    return Prefilter(default_lexicon(), agents, names, events=defaults.SCOPES[scope], irregular=lemma_exceptions(),
                     one_token=one_token)
