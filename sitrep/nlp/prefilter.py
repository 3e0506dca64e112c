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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sitrep.coding.lexicon import Entry, Lexicon, inflections

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z]+)*")
#: Event families that PLOVER codes between political actors only.
_WORD_KEYS = ("object", "near", "compound", "head", "subject", "sentence", "agent")
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
                 events: Iterable[str] | None = None) -> None:
        #: lower-case words that name an actor kind ("police", "minister", "rebels")
        self.agent_words = frozenset(w for w in agent_words if w not in _NOT_CUES)
        #: words of names (countries, demonyms, dictionary actors); they count when capitalised
        self.name_words = frozenset(w for w in name_words if w not in _NOT_CUES)
        # surface form -> [(needed words or None, needs an actor word, sentence-level vetoes)]
        self.gates: dict[str, list[tuple[frozenset[str] | None, bool, tuple[_Veto, ...]]]] = {}
        wanted = frozenset(events) if events is not None else None
        for entry in lexicon.entries:
            if wanted is not None and not _can_code(entry, wanted):
                continue
            needs = _needed_words(entry)
            for lemma in entry.lemmas:
                gated = lemma not in lexicon.strong
                vetoes = _vetoes(entry, lemma)
                for form in inflections(lemma):
                    self.gates.setdefault(form, []).append((needs, gated, vetoes))

    def __call__(self, sentence: str) -> bool:
        raw = _WORD.findall(sentence)
        # "the Women's March", "the March on Washington": a named march, not the month
        tokens = [t for k, t in enumerate(raw) if t not in _CALENDAR
                  or (k > 0 and (raw[k - 1].lower() == "the" or raw[k - 1].endswith(("'s", "\u2019s"))))]
        words = {w.lower() for w in tokens}
        for w in list(words):
            if "-" in w:
                words.update(w.split("-"))
            if w.endswith(("'s", "\u2019s")):
                words.add(w[:-2])  # "women's" -> "women", as the parser splits it
        actor_seen: bool | None = None
        for w in words:
            gates = self.gates.get(w)
            if not gates:
                continue
            for needs, gated, vetoes in gates:
                if needs is not None and needs.isdisjoint(words):
                    continue
                if any(v.holds(words) for v in vetoes):
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


@dataclass(frozen=True)
class _Veto:
    """A lexicon sense that turns the trigger into no event on sentence words alone."""

    any_of: frozenset[str] | None  # sentence has one of these
    none_of: frozenset[str] | None  # sentence has none of these
    unless_any: frozenset[str] | None  # ... and none of these

    def holds(self, words: set[str]) -> bool:
        if self.any_of is not None and self.any_of.isdisjoint(words):
            return False
        if self.none_of is not None and not self.none_of.isdisjoint(words):
            return False
        return self.unless_any is None or self.unless_any.isdisjoint(words)


def _forms(values: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for v in values:
        out.update(inflections(str(v)))
    return frozenset(out)


def _vetoes(entry: Entry, lemma: str) -> tuple[_Veto, ...]:
    """Null senses of ``lemma`` decided by sentence words only, up to the first sense that
    could code an event for it (senses are tried in order)."""
    out: list[_Veto] = []
    for sense in entry.senses:
        when = sense.when or {}
        if "lemma" in when and lemma not in when["lemma"]:
            continue
        conds = {k: v for k, v in when.items() if k != "lemma"}
        sentence_only = set(conds) <= {"sentence", "not_sentence"} and (sense.unless is None or set(sense.unless) <= {"sentence"})
        if sense.overrides.get("event", "keep") is not None:
            if not conds:
                break  # an unconditional coding sense for this lemma: nothing after it matters
            continue
        if not sentence_only or not conds:
            continue
        out.append(_Veto(
            any_of=_forms(conds["sentence"]) if "sentence" in conds else None,
            none_of=_forms(conds["not_sentence"]) if "not_sentence" in conds else None,
            unless_any=_forms(sense.unless["sentence"]) if sense.unless else None,
        ))
    return tuple(out)


def _can_code(entry: Entry, wanted: frozenset[str]) -> bool:
    """Can any sense of the entry code one of the wanted event types?"""
    events = {entry.event} | {s.overrides["event"] for s in entry.senses if s.overrides.get("event")}
    return not events.isdisjoint(wanted)


def _needed_words(entry: Entry) -> frozenset[str] | None:
    """Words one of which must be in the sentence for the entry to fire, or None."""
    req = entry.require
    if not req:
        return None
    alternatives = req.get("any", [req]) if isinstance(req, dict) else [req]
    words: set[str] = set()
    for alt in alternatives:
        lists = [v for k, v in alt.items() if k in _WORD_KEYS]
        if not lists:
            return None  # an alternative that needs no particular word
        for values in lists:
            for v in values:
                words.update(inflections(str(v)))
    return frozenset(words)


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
    for path in actor_mod.DEFAULT_ACTOR_FILES:
        for e in actor_mod.load_actor_file(path):
            for alias in e.aliases:
                names.update(w.lower() for w in _WORD.findall(alias) if len(w) > 2 and w[0].isupper())
    return frozenset(agents), frozenset(names)


@cache
def default_prefilter(scope: str = "all") -> Prefilter:
    """The prefilter for a coding scope (see ``defaults.SCOPES``)."""
    from sitrep import defaults
    from sitrep.coding.lexicon import default_lexicon

    agents, names = actor_vocabulary()
    return Prefilter(default_lexicon(), agents, names, events=defaults.SCOPES[scope])
