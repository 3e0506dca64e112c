"""Sides and dyads: which events are between two parties, and in which direction.

A :class:`Side` is a named group of actors, read from ``sitrep/data/sides.yaml``
(user-editable) or made on the spot from one actor's name ("Government of Iraq",
"IS" as UCDP spells them). An actor is on a side when its canonical name, the
organisation it belongs to (a person's ``org``) or its CAMEO code is listed.

A dyad event is an event with one side among its actors and the other among its
recipients (direction ``ab`` or ``ba``), or both among the actors ("clashes
between X and Y": ``mutual``). Imported datasets that do not say who started an
event (UCDP's side A is always the government; ACLED's actor order means nothing
for battles) give ``undirected`` events unless a direction is supplied (see
:mod:`sitrep.analysis.sources`).

    >>> from sitrep.analysis.sides import resolve_side, dyad_events
    >>> a, b = resolve_side("Iran-aligned Iraqi militias"), resolve_side("US forces")
    >>> for de in dyad_events(events, a, b): print(de.direction, de.event.event)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.models import Actor, Event

SIDES_FILE = defaults.DATA_DIR / "sides.yaml"

Direction = Literal["ab", "ba", "mutual", "undirected"]
#: What a direction hint says about an undirected event: which of its roles acted.
Acting = Literal["actor", "recipient"]


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


@dataclass(frozen=True)
class Side:
    """A named group of actors."""

    name: str
    actors: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None
    _names: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_names", frozenset(_key(a) for a in self.actors))

    def matches(self, actor: Actor) -> bool:
        """Is this actor on the side (by name, organisation or code)?"""
        if _key(actor.name) in self._names:
            return True
        if actor.org and _key(actor.org) in self._names:
            return True
        return bool(actor.code and actor.code in self.codes)

    def involved(self, actors: Iterable[Actor]) -> bool:
        return any(self.matches(a) for a in actors)


def _strings(value: Any, what: str, path: Path, entry: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{entry}: {what} must be a list of names", item=str(path))
    return tuple(v.strip() for v in value)


@cache
def load_sides(path: Path = SIDES_FILE) -> dict[str, Side]:
    """The sides of a sides file, by name (checked: raises DataFileError naming the entry)."""
    raw = read_yaml(path, "sides")
    if not isinstance(raw, dict) or not isinstance(raw.get("sides"), list):
        raise DataFileError("needs a top-level 'sides:' list", item=str(path))
    out: dict[str, Side] = {}
    taken: dict[str, str] = {}
    allowed = {"name", "aliases", "actors", "codes", "note"}
    for n, rec in enumerate(raw["sides"], start=1):
        if not isinstance(rec, dict) or not isinstance(rec.get("name"), str) or not rec["name"].strip():
            raise DataFileError(f"side #{n}: needs a name", item=str(path))
        name = rec["name"].strip()
        entry = f"side {name!r}"
        extra = set(rec) - allowed
        if extra:
            raise DataFileError(f"{entry}: unknown field(s) {', '.join(sorted(extra))}", item=str(path))
        side = Side(name=name, actors=_strings(rec.get("actors"), "actors", path, entry),
                    codes=_strings(rec.get("codes"), "codes", path, entry),
                    aliases=_strings(rec.get("aliases"), "aliases", path, entry),
                    note=str(rec["note"]).strip() if rec.get("note") else None)
        if not side.actors and not side.codes:
            raise DataFileError(f"{entry}: lists no actors and no codes", item=str(path))
        for label in (name, *side.aliases):
            k = _key(label)
            if k in taken:
                raise DataFileError(f"{entry}: {label!r} already names side {taken[k]!r}", item=str(path))
            taken[k] = name
        out[name] = side
    return out


def resolve_side(name: str, sides: Mapping[str, Side] | None = None) -> Side:
    """The side called ``name`` (or one of its aliases) in the sides file; otherwise a
    side made of the one actor of that canonical name."""
    table = load_sides() if sides is None else sides
    k = _key(name)
    for side in table.values():
        if k == _key(side.name) or k in {_key(a) for a in side.aliases}:
            return side
    return Side(name=name.strip(), actors=(name.strip(),))


# --- dyad events ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DyadEvent:
    """An event between the two sides of a dyad, with its direction."""

    event: Event
    direction: Direction

    @property
    def date(self) -> str | None:
        return self.event.date


def undirected(event: Event) -> bool:
    """Does the event's actor/recipient order say nothing about who acted?
    (defaults.ANALYSIS_UNDIRECTED: UCDP rows, ACLED battles)."""
    rule = event.rule or ""
    for prefix, types in defaults.ANALYSIS_UNDIRECTED.items():
        if rule == prefix:
            return not types or event.acled_event_type in types
    return False


def direction(event: Event, a: Side, b: Side, acting: Acting | None = None) -> Direction | None:
    """The event's direction between sides a and b, or None when it is not between them.

    ``acting``: for an undirected event, which of its roles acted (a direction hint)."""
    a_act, b_act = a.involved(event.actor), b.involved(event.actor)
    a_rec, b_rec = a.involved(event.recipient), b.involved(event.recipient)
    if not ((a_act or a_rec) and (b_act or b_rec)):
        return None
    if undirected(event):
        if acting == "actor":
            return "ab" if a_act and not b_act else "ba" if b_act and not a_act else "undirected"
        if acting == "recipient":
            return "ab" if a_rec and not b_rec else "ba" if b_rec and not a_rec else "undirected"
        return "undirected"
    if a_act and b_act:
        return "mutual"
    if a_act and b_rec:
        return "ab"
    if b_act and a_rec:
        return "ba"
    return None  # both sides only among the recipients: something done to both, not between them


def dyad_events(events: Iterable[Event], a: Side, b: Side, *,
                hints: Mapping[str, Acting] | None = None) -> list[DyadEvent]:
    """The events between sides a and b, in date order (undated last)."""
    out = []
    for ev in events:
        d = direction(ev, a, b, (hints or {}).get(ev.event_id))
        if d is not None:
            out.append(DyadEvent(ev, d))
    out.sort(key=lambda de: (de.event.date is None, de.event.date or "", de.event.event_id))
    return out


# --- most active dyads ------------------------------------------------------------------------


@dataclass
class DyadCount:
    """How much happened between two sides (unordered)."""

    side_a: str
    side_b: str
    total: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    fatalities: int = 0
    first: str | None = None
    last: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"side_a": self.side_a, "side_b": self.side_b, "total": self.total, "by_type": dict(self.by_type),
                "fatalities": self.fatalities, "first": self.first, "last": self.last}


def _labels(actors: Sequence[Actor], sides: Sequence[Side]) -> set[str]:
    out: set[str] = set()
    for actor in actors:
        hit = [s.name for s in sides if s.matches(actor)]
        out.update(hit or [actor.name])
    return out


def active_dyads(events: Iterable[Event], sides: Mapping[str, Side] | None = None, *,
                 modalities: Sequence[str] | None = None) -> list[DyadCount]:
    """Dyads by number of events, most active first. An actor on a listed side
    counts as that side; any other actor as a side of its own name."""
    table = list((load_sides() if sides is None else sides).values())
    keep = set(defaults.ANALYSIS_MODALITIES if modalities is None else modalities)
    counts: dict[tuple[str, str], DyadCount] = {}
    for ev in events:
        if ev.modality not in keep:
            continue
        act, rec = _labels(ev.actor, table), _labels(ev.recipient, table)
        pairs: set[tuple[str, str]] = {(min(x, y), max(x, y)) for x in act for y in rec if x != y}
        if not ev.recipient:
            pairs |= {(x, y) for x in act for y in act if x < y}
        for pair in pairs:
            dc = counts.get(pair)
            if dc is None:
                dc = counts[pair] = DyadCount(pair[0], pair[1])
            dc.total += 1
            dc.by_type[ev.event] += 1
            dc.fatalities += ev.fatalities or 0
            if ev.date:
                dc.first = min(dc.first or ev.date, ev.date)
                dc.last = max(dc.last or ev.date, ev.date)
    return sorted(counts.values(), key=lambda d: (-d.total, d.side_a, d.side_b))


def active_dyads_of(store: Any, sides: Mapping[str, Side] | None = None, *,
                    modalities: Sequence[str] | None = None, **filters: Any) -> list[DyadCount]:
    """:func:`active_dyads` of a store's (filtered) events, counted in the database: only the
    distinct actors come to Python (to be put on their sides), never the events."""
    table = list((load_sides() if sides is None else sides).values())
    keep = list(defaults.ANALYSIS_MODALITIES if modalities is None else modalities)
    labels: dict[tuple[str, str | None, str | None], list[str]] = {}
    for name, org, code in store.actor_keys(modalities=keep, **filters):
        hit = [s.name for s in table if _key(name) in s._names or bool(org and _key(org) in s._names)
               or bool(code and code in s.codes)]  # Side.matches, on the actor's key
        labels[(name, org, code)] = hit or [name]
    counts: dict[tuple[str, str], DyadCount] = {}
    for a, b, ev, n, fat, first, last in store.dyad_counts(labels, modalities=keep, **filters):
        dc = counts.get((a, b))
        if dc is None:
            dc = counts[(a, b)] = DyadCount(a, b)
        dc.total += n
        dc.by_type[ev] += n
        dc.fatalities += fat
        if first:
            dc.first = min(dc.first or first, first)
        if last:
            dc.last = max(dc.last or last, last)
    return sorted(counts.values(), key=lambda d: (-d.total, d.side_a, d.side_b))
