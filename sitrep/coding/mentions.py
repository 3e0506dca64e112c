"""Mentions that name nothing of their own fold into the article's telling of their happening.

Reads: the events of one article after ``coding.corefer`` has folded the mentions it can tie.
Adds: nothing new; a bare mention joins a record of its kind as support.

A piece of discourse an analyst applies to a whole article (issue 11, event-ness): a **bare
mention** (:func:`bare_mention`) names no actor, no target, no place, no date of its own and no
figure ("heavy fighting is placing pressure on the health system", "afraid of dying in the
crossfire", "all protests across the country were dispersed"). In an article that tells a
happening of the same kind, such a mention refers back (or forward) to it or to the conflict it
belongs to: the analyst records the happening once, from its telling, and keeps the mention as
support. Only where the article tells no happening of that kind does the bare mention stay a
record. A mention marked as new ("another attack", "a protest") or said to take place ("there
were scuffles", "fighting broke out": the coder's ``existence`` rule) is a happening of its own
and stays.

A sentence-level set codes one sentence at a time, so the rule never fires there: it needs
another mention of the kind in the same article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sitrep.coding.corefer import mention_kind
from sitrep.models import Event

#: Modalities of a happening told as having taken place: a bare mention of one folds into a
#: telling of any of them (a bare "protests" in an article about a week of protests).
_TOLD = frozenset({"asserted", "historical", "aggregate"})
#: Rules that give a field the mention itself does not state (the story's, or the narrative's).
_BORROWED = ("date:narrative",)
#: How ``mention_kind`` marks a mention that brings in a happening of its own.
_NEW_KINDS = frozenset({"distinct", "indefinite"})


def bare_mention(ev: Event) -> bool:
    """Does the record name nothing of its own: no actor, no target, no place, no date the
    sentence gives, no toll, count or crowd size, and no sign that the sentence says it took
    place or brings it in as new?"""
    if ev.actor or ev.recipient or ev.location is not None:
        return False
    if any(x is not None for x in (ev.fatalities, ev.injured, ev.count, ev.size)):
        return False
    rules = ev.rules
    if ev.date_precision not in (None, "publication") and not any(r in rules for r in _BORROWED):
        return False
    if "existence" in rules:
        return False
    return mention_kind(ev) not in _NEW_KINDS


def _joins(host: Event, ev: Event) -> bool:
    if host.event != ev.event:
        return False
    if ev.modality in _TOLD:
        return host.modality in _TOLD
    return host.modality == ev.modality


def fold_bare_mentions(events: Sequence[Event]) -> list[Event]:
    """The article's events with each bare mention folded, as support, into the nearest
    telling of the same kind before it (else after it); text order kept. A bare mention with
    no such telling stays a record."""
    events = list(events)
    bare = {k for k, ev in enumerate(events) if bare_mention(ev)}
    if not bare or len(bare) == len(events):
        return events
    out: dict[int, Event] = {k: ev for k, ev in enumerate(events) if k not in bare}
    for k in sorted(bare):
        ev = events[k]
        hosts = [j for j in out if j not in bare and _joins(events[j], ev)]
        if not hosts:
            out[k] = ev
            continue
        before = [j for j in hosts if j < k]
        j = max(before) if before else min(hosts)
        host = out[j]
        out[j] = replace(host, support=(*host.support, ev.evidence, *ev.support),
                         rule=(host.rule or "") + ";support:bare")
    return [out[k] for k in sorted(out)]
