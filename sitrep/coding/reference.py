"""Descriptions of people by a happening fold into the article's own telling of it.

Reads: the events of one article, before ``coding.corefer`` folds mentions. Adds: nothing
new; a *reference mention* joins the record of the same happening as support.

A description of people by what they did or suffered refers to a happening rather than
tells it ("the man who attacked the officers was cowardly", "funerals for three of the five
officers killed last week", "four men involved in the mob killing of a woman"); the coder
marks it (``coding.extract.describes_party``). An analyst records the happening once, from the
article's telling. So a reference mention joins a told event of the same PLOVER type that
nothing contradicts (no other place, no other dates, no other named sides, no other weapon,
both told as having happened) and that something ties to it: a named side or a town both
give, the same toll, or a definite description ("killed in the attack"). A reference with no
such event is the only mention of its happening and stays a record.

Photo captions are not folded here: annotators record a caption's happening where the article
tells it nowhere else, and ``coding.corefer`` already prefers the article's telling to a
caption's when it folds the mentions of one happening (folding every caption into a record
tied by place alone cost voa_dev recall: "clashes ... fleeing Mosul" in a caption is not the
offensive on Mosul the article tells).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sitrep.coding.corefer import (
    _dates_clash,
    _modes_clash,
    _named_sides_clash,
    _places_clash,
    default_cues,
    mention_kind,
    tie,
)
from sitrep.models import Event, Place

#: Modalities of a happening told as having taken place: a reference and the telling may differ
#: in timing only (a caption dated the day before the report is still the report's news).
_TOLD = frozenset({"asserted", "historical", "aggregate"})


def is_reference(ev: Event) -> bool:
    """Did the coder find the mention in a description of people by a happening?"""
    return any(r.startswith("reference:") for r in ev.rules)


def _compatible(told: Event, ref: Event) -> bool:
    if told.event != ref.event or told.modality not in _TOLD or ref.modality not in _TOLD:
        return False
    # a tally and one happening are never the same: "12 coups in the last 80 years" is no
    # telling of "the coup Thursday", nor one coup of a tally
    if (ref.modality == "aggregate") != (told.modality == "aggregate"):
        return False
    if (_places_clash(told.location, ref.location) or _dates_clash(told, ref)
            or _named_sides_clash(told, ref) or _modes_clash(told.mode, ref.mode, default_cues())):
        return False
    # something must say it is the same happening: a named side or a town both give, the same
    # toll, or a definite description ("killed in the attack"); the same day is not enough
    # (protests in many cities on one day of action)
    return tie(told, ref) == "anchor" or mention_kind(ref) == "anaphoric"


def _anchor(ev: Event) -> bool:
    """Is the mention a known happening that marks a point in time ("until the coup")?"""
    return "reference:anchor" in ev.rules


def _finer_place(host: Event, ref: Event) -> Place | None:
    """The place of a happening told twice: the reference's town where the telling gives only
    its country or region ("militants killed in Lahore" folded into "killed in a drone strike in
    Pakistan": Lahore), else the telling's own (the two do not clash, or they would not fold)."""
    here, there = host.location, ref.location
    if there is None or there.lat is None or there.geo_precision not in (1, 2):
        return here
    if here is None or (here.lat is None or here.geo_precision == 3) and here.country in (None, there.country):
        return there
    return here


def fold_references(events: list[Event]) -> list[Event]:
    """The article's events with each reference mention folded, as support, into the nearest
    told event of its happening (text order kept; references with none stay). A time anchor
    ("until the bloodless coup") then folds into the nearest record of its happening left,
    a description of people by it included ("the general who led the coup Thursday")."""
    out = _fold(events, lambda ev: not is_reference(ev))
    return _fold(out, lambda ev: not _anchor(ev))


def _fold(events: list[Event], hosts_ok: Callable[[Event], bool]) -> list[Event]:
    told = [k for k, ev in enumerate(events) if hosts_ok(ev)]
    if len(told) == len(events):
        return events
    out: dict[int, Event] = {k: events[k] for k in told}
    for k, ev in enumerate(events):
        if k in out:
            continue
        hosts = [j for j in told if _compatible(events[j], ev)]
        if not hosts:
            out[k] = ev
            continue
        j = min(hosts, key=lambda j: abs(events[j].evidence.start - ev.evidence.start))
        host = out[j]
        out[j] = replace(host, support=(*host.support, ev.evidence, *ev.support),
                         location=_finer_place(host, ev), rule=(host.rule or "") + ";support:reference")
    return [out[k] for k in sorted(out)]
