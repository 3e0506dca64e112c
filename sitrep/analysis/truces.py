"""Truces between two sides: a state machine built from events.

Which events matter:

* **truce events**: AGREE or RETREAT with mode ``ceasefire`` (or CAMEO 0871,
  "declare truce, ceasefire") that involve the dyad: one side acting and the other
  receiving, both sides acting together ("X and Y agreed to a ceasefire"), or one
  side acting with no named counterpart ("X announced a ceasefire": a unilateral
  truce counts for every dyad of X). Their modality says what they are:
  ``hypothetical`` (conditional, "would halt attacks if...") or ``threatened`` is
  an **offer**, ``asserted`` an **agreement**, ``negated`` a **refusal**; a REJECT
  with mode ``ceasefire`` ("did not agree to a truce") is a refusal too.
* **violations**: an asserted ASSAULT between the two sides (CAMEO 196, "violate
  ceasefire", included), dated after the day of the agreement.

States of one truce episode, in order::

    offered --(agreement within defaults.TRUCE_OFFER_LAPSE_DAYS)--> agreed -> in force --(attack)--> violated
       |--(refusal by the other side)--> rejected
       '--(no agreement in time)--> lapsed

An agreement with no offer before it opens an episode at ``agreed``. Attacks
while an offer is open are recorded (``attacks_while_offered``), not counted as
violations: there is nothing to violate yet. After ``violated`` or ``lapsed``
the next truce event opens a new episode. Same-day order is unknown, so an
attack on the day of the agreement is not a violation. An agreement by one side
only is ``unilateral``; a later agreement by the other side makes it bilateral.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from sitrep import defaults
from sitrep.analysis.sides import Acting, Side, direction
from sitrep.models import Event

State = Literal["offered", "rejected", "lapsed", "agreed", "in force", "violated"]
Role = Literal["offer", "agreement", "refusal"]

#: Clauses that state a truce's conditions, from the conditional word to the sentence end.
_CONDITION = re.compile(
    r"\b(?:if|provided(?: that)?|providing|on (?:the )?condition(?:s)? that|as long as|so long as|unless|"
    r"in (?:exchange|return) for)\b[^.;!?]*", re.IGNORECASE)


def truce_role(event: Event) -> Role | None:
    """What a truce event is, from its modality; None for other events."""
    if event.event == "REJECT" and event.mode == "ceasefire":
        return "refusal"  # "did not agree to a truce": the coder codes a refusal as REJECT
    is_truce = ((event.event in ("AGREE", "RETREAT") and event.mode == "ceasefire")
                or (event.cameo or "").startswith("0871"))
    if not is_truce:
        return None
    if event.modality in ("hypothetical", "threatened"):
        return "offer"
    if event.modality == "asserted":
        return "agreement"
    if event.modality == "negated":
        return "refusal"
    return None


def is_violation(event: Event) -> bool:
    return event.modality == "asserted" and (event.event == "ASSAULT" or (event.cameo or "") == "196")


def conditions(sentence: str) -> str | None:
    """The conditional clause of an offer ("if the US ends attacks ..."), or None."""
    m = _CONDITION.search(sentence)
    if not m:
        return None
    text = m.group(0).strip().rstrip(",\"'”’ ")
    return text or None


def _day(event: Event) -> date | None:
    try:
        return date.fromisoformat((event.date or "")[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Transition:
    day: date
    state: State
    event: Event | None
    by: tuple[str, ...] = ()


@dataclass
class Truce:
    """One truce episode between sides ``a`` and ``b``."""

    a: str
    b: str
    state: State
    offered_on: date | None = None
    offered_by: tuple[str, ...] = ()
    offer: Event | None = None
    conditions: str | None = None
    agreed_on: date | None = None
    agreed_by: tuple[str, ...] = ()
    agreements: list[Event] = field(default_factory=list)
    in_force_from: date | None = None
    violated_on: date | None = None
    violated_by: tuple[str, ...] = ()  # side(s) of the first violation; "unknown" when undirected
    first_violation: Event | None = None
    violations: list[Event] = field(default_factory=list)
    rejected_by: tuple[str, ...] = ()
    lapsed_on: date | None = None
    attacks_while_offered: list[Event] = field(default_factory=list)
    history: list[Transition] = field(default_factory=list)

    @property
    def unilateral(self) -> bool:
        return bool(self.agreed_by) and len(set(self.agreed_by)) == 1

    @property
    def start(self) -> date | None:
        return self.offered_on or self.agreed_on

    @property
    def end(self) -> date | None:
        """When the episode stopped being open or in force (None: still is)."""
        return self.violated_on or self.lapsed_on or (self.history[-1].day if self.state == "rejected" else None)

    def _go(self, day: date, state: State, event: Event | None, by: Sequence[str] = ()) -> None:
        self.state = state
        self.history.append(Transition(day, state, event, tuple(by)))

    def to_dict(self) -> dict[str, Any]:
        def d(x: date | None) -> str | None:
            return x.isoformat() if x else None

        return {
            "sides": [self.a, self.b], "state": self.state, "offered_on": d(self.offered_on),
            "offered_by": list(self.offered_by), "conditions": self.conditions,
            "offer_event": self.offer.event_id if self.offer else None,
            "agreed_on": d(self.agreed_on), "agreed_by": list(self.agreed_by), "unilateral": self.unilateral,
            "in_force_from": d(self.in_force_from), "violated_on": d(self.violated_on),
            "violated_by": list(self.violated_by),
            "first_violation": self.first_violation.event_id if self.first_violation else None,
            "violations": len(self.violations), "rejected_by": list(self.rejected_by), "lapsed_on": d(self.lapsed_on),
            "attacks_while_offered": len(self.attacks_while_offered),
            "history": [{"day": t.day.isoformat(), "state": t.state, "by": list(t.by),
                         "event": t.event.event_id if t.event else None} for t in self.history],
        }


def _truce_parties(event: Event, a: Side, b: Side) -> tuple[str, ...] | None:
    """Which sides a truce event is by, when it concerns the dyad."""
    a_act, b_act = a.involved(event.actor), b.involved(event.actor)
    a_rec, b_rec = a.involved(event.recipient), b.involved(event.recipient)
    if a_act and b_act:
        return (a.name, b.name)
    if a_act and (b_rec or not event.recipient):
        return (a.name,)
    if b_act and (a_rec or not event.recipient):
        return (b.name,)
    return None


def truces(events: Iterable[Event], a: Side, b: Side, *, hints: Mapping[str, Acting] | None = None,
           until: date | str | None = None) -> list[Truce]:
    """The truce episodes between sides a and b, oldest first.

    ``until``: the last day the data covers (default: the last event's day); an
    offer still open then has not lapsed yet.
    """
    items: list[tuple[date, int, Event, str, tuple[str, ...]]] = []
    for ev in events:
        day = _day(ev)
        if day is None or ev.modality == "historical":
            continue
        truce = truce_role(ev)
        if truce:
            parties = _truce_parties(ev, a, b)
            if parties:
                items.append((day, 0, ev, truce, parties))
            continue
        if is_violation(ev):
            d = direction(ev, a, b, (hints or {}).get(ev.event_id))
            if d is None:
                continue
            by = {"ab": (a.name,), "ba": (b.name,), "mutual": (a.name, b.name)}.get(d, ("unknown",))
            items.append((day, 1, ev, "attack", by))
    # truce events before attacks of the same day: an attack that day is then seen after the
    # agreement and, by the same-day rule, not counted against it
    items.sort(key=lambda t: (t[0], t[1], t[2].event_id))
    last_day = (date.fromisoformat(until) if isinstance(until, str) else until) or (items[-1][0] if items else None)
    out: list[Truce] = []
    cur: Truce | None = None
    lapse = timedelta(days=defaults.TRUCE_OFFER_LAPSE_DAYS)

    def check_lapse(now: date) -> None:
        nonlocal cur
        if cur is not None and cur.state == "offered" and cur.offered_on and now > cur.offered_on + lapse:
            cur.lapsed_on = cur.offered_on + lapse
            cur._go(cur.lapsed_on, "lapsed", None)
            cur = None

    for day, _, ev, role, by in items:
        check_lapse(day)
        if role == "attack":
            if cur is None:
                continue
            if cur.state == "offered":
                cur.attacks_while_offered.append(ev)
            elif cur.state in ("agreed", "in force", "violated") and cur.agreed_on and day > cur.agreed_on:
                if cur.state != "violated":
                    cur.violated_on, cur.violated_by, cur.first_violation = day, by, ev
                    cur._go(day, "violated", ev, by)
                cur.violations.append(ev)
            continue
        if cur is not None and cur.state == "violated":
            cur = None  # a violated truce stays violated; a new truce event opens a new episode
        if role == "offer":
            if cur is None:
                cur = Truce(a.name, b.name, "offered", offered_on=day, offered_by=by, offer=ev,
                            conditions=conditions(ev.evidence.sentence))
                cur._go(day, "offered", ev, by)
                out.append(cur)
            elif cur.state == "offered":
                cur.offered_by = tuple(dict.fromkeys(cur.offered_by + by))  # counter-offer or repeat
                cur.conditions = cur.conditions or conditions(ev.evidence.sentence)
            # an offer while a truce is agreed or in force restates it: nothing changes
        elif role == "refusal":
            if cur is not None and cur.state == "offered" and set(by) - set(cur.offered_by):
                cur.rejected_by = by
                cur._go(day, "rejected", ev, by)
                cur = None
        elif role == "agreement":
            if cur is None:
                cur = Truce(a.name, b.name, "agreed")
                out.append(cur)
            if cur.agreed_on is None:
                cur.agreed_on, cur.agreed_by = day, by
                cur.in_force_from = day + timedelta(days=1)
                cur._go(day, "agreed", ev, by)
                cur._go(cur.in_force_from, "in force", None, by)
            elif set(by) - set(cur.agreed_by):
                cur.agreed_by = tuple(dict.fromkeys(cur.agreed_by + by))
                cur.history.append(Transition(day, cur.state, ev, by))
            cur.agreements.append(ev)
    if last_day is not None:
        check_lapse(last_day)
    return out


def state_on(episodes: Sequence[Truce], day: date) -> State | None:
    """The truce state between the two sides on ``day`` (None: no truce episode then)."""
    for t in reversed(episodes):
        hist = [h for h in t.history if h.day <= day]
        if hist:
            st = hist[-1].state
            if st in ("lapsed", "rejected") and hist[-1].day < day:
                return None
            return st
    return None
