"""One record per event per article: merging mentions of the same event.

Reads: the events of one article in text order. Adds: nothing new; an event
mentioned again ("US air raids ..." then "four fighters were killed in US
strikes") becomes one record whose first mention is the evidence and whose
later mentions are ``support``, with missing facts (fatalities, place,
attribution, arguments) filled from them. Historical and aggregate mentions
never merge; neither do mentions that disagree on place country, date,
counts or actors.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.coding.acled import specificity
from sitrep.models import Actor, Event

_MERGEABLE = frozenset({"asserted", "hypothetical", "threatened"})


def merge_in_article(events: list[Event]) -> list[Event]:
    kept: list[Event] = []
    for ev in events:
        target = next((i for i in range(len(kept) - 1, -1, -1) if _same(kept[i], ev)), None)
        if target is None:
            kept.append(ev)
        else:
            kept[target] = _absorb(kept[target], ev)
    return kept


def _same(a: Event, b: Event) -> bool:
    if a.event != b.event or a.modality != b.modality or a.modality not in _MERGEABLE:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.count != b.count:
        return False
    if a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities:
        return False
    if a.location and b.location and a.location.country != b.location.country:
        return False
    if a.location and b.location and a.location.geo_precision == 1 and b.location.geo_precision == 1 and a.location.name != b.location.name:
        return False
    if a.date_precision != "publication" and b.date_precision != "publication" and a.date != b.date:
        return False
    if not _compatible(a.actor, b.actor) or not _compatible(a.recipient, b.recipient):
        return False
    # a mention with no participants ("the latest strikes") joins an event only when it
    # names it the same way (same trigger word or the same weapon)
    if not (b.actor or b.recipient) or not (a.actor or a.recipient):
        same_word = a.evidence.trigger.text.lower() == b.evidence.trigger.text.lower()
        return same_word or (a.mode is not None and a.mode == b.mode)
    return True


def _compatible(xs: tuple[Actor, ...], ys: tuple[Actor, ...]) -> bool:
    if not xs or not ys:
        return True
    for x in xs:
        for y in ys:
            if x.name == y.name:
                return True
            if x.country and x.country == y.country and (x.type == y.type or not x.type or not y.type):
                return True
            if not x.country and not y.country and x.type and x.type == y.type:
                return True
    return False


def _absorb(a: Event, b: Event) -> Event:
    changes: dict[str, object] = {}
    for name in ("mode", "location", "fatalities", "injured", "attribution", "size", "acled_event_type", "acled_sub_event_type"):
        if getattr(a, name) is None and getattr(b, name) is not None:
            changes[name] = getattr(b, name)
    # two mentions of one event: the more specific ACLED reading wins ("12 were killed" is an
    # Attack until a later mention says "in a landmine attack")
    if specificity(b.acled_event_type, b.acled_sub_event_type) < specificity(a.acled_event_type, a.acled_sub_event_type):
        changes["acled_event_type"] = b.acled_event_type
        changes["acled_sub_event_type"] = b.acled_sub_event_type
    if not a.actor and b.actor:
        changes["actor"] = b.actor
    if not a.recipient and b.recipient:
        changes["recipient"] = b.recipient
    if a.date_precision == "publication" and b.date_precision not in (None, "publication"):
        changes["date"], changes["date_precision"] = b.date, b.date_precision
    if b.cameo and (a.cameo is None or (len(b.cameo) > len(a.cameo) and b.cameo.startswith(a.cameo[:2]))):
        changes["cameo"] = b.cameo
    changes["confidence"] = round(min(0.97, max(a.confidence, b.confidence) + 0.04), 3)
    changes["support"] = a.support + (b.evidence,) + b.support
    changes["rule"] = (a.rule or "") + ";corefer"
    return replace(a, **changes)  # type: ignore[arg-type]
