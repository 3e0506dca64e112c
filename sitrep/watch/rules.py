"""Alert rules over new and updated events (canonical events, after merging).

An alert is a plain dict (what the sinks send and the ledger keeps)::

    {"alert_id", "rule", "kind", "created_at", "event_id", "summary", "event": {...},
     "evidence": "the sentence", "sources": [urls], "outlets": [...], "link": "{base_url}/events/{id}",
     "fatalities", "previous_fatalities", "count", "events", "dyad", "state", "period"}

Kinds:

* ``new`` -- the first time an event matches a rule (one per event per rule);
* ``toll`` -- a follow-up when the event's fatalities rise above what was alerted;
* ``count`` -- "N or more matching events within a window": fired by the event
  that reaches N, then quiet for the rest of that window;
* ``escalation`` -- a new escalation period of the dyad (:mod:`sitrep.analysis.escalation`);
* ``truce`` -- a truce episode of the dyad changes state (:mod:`sitrep.analysis.truces`).

Alert ids are hashes of (rule, event or period or episode, kind, value): the
ledger refuses an id it holds, so nothing is alerted twice.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sitrep import defaults
from sitrep.models import Event
from sitrep.store import Store
from sitrep.watch.config import Conditions, RuleConfig
from sitrep.watch.state import WatchState, now


def alert_id(*parts: object) -> str:
    return "a-" + hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Changed:
    """A canonical event touched by the batches under evaluation."""

    cluster_id: str
    event: Event


def _sides(pair: tuple[str, str]) -> tuple[Any, Any]:
    from sitrep.analysis.sides import resolve_side

    return resolve_side(pair[0]), resolve_side(pair[1])


def matches(ev: Event, c: Conditions, sides: tuple[Any, Any] | None = None) -> bool:
    """Does the event meet every condition given (window, escalation and truce aside)?"""
    if c.events and ev.event not in c.events:
        return False
    if c.acled_types and not ({(ev.acled_event_type or "").lower(), (ev.acled_sub_event_type or "").lower()}
                              & set(c.acled_types)):
        return False
    if c.modalities and ev.modality not in c.modalities:
        return False
    loc = ev.location
    if c.countries and (loc is None or loc.country not in c.countries):
        return False
    if c.admin1 and (loc is None or (loc.admin1 or "").casefold() not in c.admin1):
        return False
    if c.bbox is not None:
        if loc is None or loc.lat is None or loc.lon is None:
            return False
        x0, y0, x1, y1 = c.bbox
        if not (x0 <= loc.lon <= x1 and y0 <= loc.lat <= y1):
            return False
    if c.actors:
        people = [*ev.actor, *ev.recipient]
        wanted = [a.casefold() for a in c.actors]
        if not any(w in (p.name or "").casefold() or w in (p.text or "").casefold() or w == (p.code or "").casefold()
                   for p in people for w in wanted):
            return False
    if c.dyad is not None and not (c.escalation or c.truce):
        from sitrep.analysis.sides import direction

        a, b = sides if sides is not None else _sides(c.dyad)
        if direction(ev, a, b) is None:
            return False
    if c.fatalities_at_least is not None and (ev.fatalities is None or ev.fatalities < c.fatalities_at_least):
        return False
    if c.confidence_at_least is not None and ev.confidence < c.confidence_at_least:
        return False
    return True


def _day(ev: Event) -> date | None:
    try:
        return date.fromisoformat((ev.date or "")[:10])
    except ValueError:
        return None


def summary(ev: Event) -> str:
    who = ", ".join(a.name for a in ev.actor) or "unknown actor"
    whom = ", ".join(a.name for a in ev.recipient)
    where = ev.location.name if ev.location else "place unknown"
    toll = f"; {ev.fatalities} killed" if ev.fatalities is not None else ""
    return f"{ev.event}{' (' + ev.mode + ')' if ev.mode else ''}: {who}{' -> ' + whom if whom else ''}, " \
           f"{where}, {ev.date or 'date unknown'}{toll}"


class Evaluator:
    """Turns the canonical events touched by new batches into alerts."""

    def __init__(self, store: Store, rules: Sequence[RuleConfig], base_url: str) -> None:
        self.store = store
        self.state = WatchState(store)
        self.rules = list(rules)
        self.base_url = base_url.rstrip("/")
        self._sides = {r.name: _sides(r.when.dyad) for r in self.rules if r.when.dyad is not None}

    # --- reading the store -----------------------------------------------------------------

    def changed(self, after_batch: int, upto_batch: int) -> list[Changed]:
        """Canonical events with a report stored in batches (after, upto]."""
        with self.store.session() as con:
            rows = con.execute(
                "SELECT DISTINCT c.cluster_id, c.record FROM events e JOIN event_links l ON l.event_id = e.event_id "
                "JOIN clusters c ON c.cluster_id = l.cluster_id WHERE e.batch_id > ? AND e.batch_id <= ? "
                "ORDER BY c.cluster_id", [after_batch, upto_batch]).fetchall()
        return [Changed(cid, Event.from_dict(json.loads(rec))) for cid, rec in rows]

    def _sources_of(self, cluster_ids: list[str]) -> dict[str, tuple[list[str], list[str]]]:
        if not cluster_ids:
            return {}
        with self.store.session() as con:
            rows = con.execute(
                "SELECT l.cluster_id, list(DISTINCT r.url) FILTER (WHERE r.url IS NOT NULL), "
                "list(DISTINCT r.source) FILTER (WHERE r.source IS NOT NULL) FROM event_links l "
                "JOIN events e ON e.event_id = l.event_id JOIN article_reports r ON r.article_id = e.article_id "
                "WHERE l.cluster_id IN (SELECT unnest($c)) GROUP BY l.cluster_id", {"c": cluster_ids}).fetchall()
        return {c: (sorted(u or []), sorted(s or [])) for c, u, s in rows}

    def _history(self, changed: Sequence[Changed], days: int) -> list[tuple[str, Event]]:
        """Canonical events from ``days`` before the earliest touched event (not before
        today: a backfill of old news is judged against its own time)."""
        days_of = [d for d in (_day(c.event) for c in changed) if d is not None]
        since = (min(days_of, default=date.today()) - timedelta(days=days)).isoformat()
        with self.store.session() as con:
            rows = con.execute("SELECT cluster_id, record FROM clusters WHERE origin = 'sitrep' AND "
                               "(date IS NULL OR date >= ?) ORDER BY date, cluster_id", [since]).fetchall()
        return [(cid, Event.from_dict(json.loads(rec))) for cid, rec in rows]

    # --- building alerts ----------------------------------------------------------------------

    def _alert(self, rule: RuleConfig, kind: str, ch: Changed, aid: str, srcs: Mapping[str, tuple[list[str], list[str]]],
               **extra: Any) -> dict[str, Any]:
        ev = ch.event
        urls, outlets = srcs.get(ch.cluster_id, ([], []))
        return {"alert_id": aid, "rule": rule.name, "kind": kind, "created_at": now().isoformat() + "Z",
                "event_id": ch.cluster_id, "summary": summary(ev), "event": ev.to_dict(),
                "evidence": ev.evidence.sentence, "sources": urls, "outlets": outlets,
                "link": f"{self.base_url}/events/{ch.cluster_id}", "fatalities": ev.fatalities, **extra}

    def evaluate(self, changed: Sequence[Changed]) -> list[dict[str, Any]]:
        """Alerts for these touched events, none already in the ledger."""
        if not changed:
            return []
        srcs = self._sources_of([c.cluster_id for c in changed])
        out: list[dict[str, Any]] = []
        history: list[tuple[str, Event]] | None = None
        for rule in self.rules:
            c = rule.when
            sides = self._sides.get(rule.name)
            if c.escalation or c.truce:
                assert sides is not None
                from sitrep.analysis.sides import direction

                if not any(direction(ch.event, *sides) is not None for ch in changed):
                    continue
                if history is None:
                    history = self._history(changed, defaults.WATCH_HISTORY_DAYS)
                out.extend(self._dyad_rule(rule, sides, changed, history, srcs))
                continue
            hits = [ch for ch in changed if matches(ch.event, c, sides)]
            if not hits:
                continue
            if c.count_at_least is not None:
                if history is None:
                    history = self._history(changed, defaults.WATCH_HISTORY_DAYS)
                out.extend(self._count_rule(rule, hits, history, srcs))
                continue
            prior = self.state.alerted(rule.name, [h.cluster_id for h in hits])
            for ch in hits:
                seen = prior.get(ch.cluster_id)
                if seen is None or "new" not in seen["kinds"]:
                    out.append(self._alert(rule, "new", ch, alert_id(rule.name, ch.cluster_id, "new"), srcs))
                elif rule.follow_up and ch.event.fatalities is not None and \
                        ch.event.fatalities > (seen["fatalities"] or 0):
                    out.append(self._alert(rule, "toll", ch, alert_id(rule.name, ch.cluster_id, "toll",
                                                                       ch.event.fatalities), srcs,
                                           previous_fatalities=seen["fatalities"]))
        return out

    def _count_rule(self, rule: RuleConfig, hits: Sequence[Changed], history: Sequence[tuple[str, Event]],
                    srcs: Mapping[str, tuple[list[str], list[str]]]) -> list[dict[str, Any]]:
        c = rule.when
        assert c.count_at_least is not None and c.within_s is not None
        days = max(1, math.ceil(c.within_s / 86400))
        sides = self._sides.get(rule.name)
        matching = [(cid, ev, _day(ev)) for cid, ev in history if matches(ev, c, sides)]
        fired = [date.fromisoformat(a["window_end"]) for a in self.state.recent_alerts(rule.name, "count")
                 if a.get("window_end")]
        out = []
        for ch in sorted(hits, key=lambda h: (h.event.date or "", h.cluster_id)):
            d = _day(ch.event)
            if d is None:
                continue
            lo = d - timedelta(days=days - 1)
            members = [cid for cid, _, dd in matching if dd is not None and lo <= dd <= d]
            if ch.cluster_id not in members:
                members.append(ch.cluster_id)
            if len(members) < c.count_at_least:
                continue
            if any(abs((d - f).days) < days for f in fired):
                continue  # this burst was alerted already
            fired.append(d)
            out.append(self._alert(rule, "count", ch, alert_id(rule.name, "count", ch.cluster_id), srcs,
                                   count=len(members), events=sorted(members), window_start=lo.isoformat(),
                                   window_end=d.isoformat()))
        return out

    def _dyad_rule(self, rule: RuleConfig, sides: tuple[Any, Any], changed: Sequence[Changed],
                   history: Sequence[tuple[str, Event]], srcs: Mapping[str, tuple[list[str], list[str]]]
                   ) -> list[dict[str, Any]]:
        from sitrep.analysis.sides import direction, dyad_events

        a, b = sides
        evs = [ev for _, ev in history]
        trigger = next(ch for ch in reversed(changed) if direction(ch.event, a, b) is not None)
        dyad = {"a": a.name, "b": b.name}
        if rule.when.escalation:
            from sitrep.analysis.escalation import periods
            from sitrep.analysis.series import build_series

            pers = periods(build_series(dyad_events(evs, a, b), freq="W"))
            if not pers or pers[-1].kind != "escalation":
                return []
            p = pers[-1]
            aid = alert_id(rule.name, "escalation", a.name, b.name, p.start.isoformat())
            if self.state.has_alert(aid):
                return []
            return [self._alert(rule, "escalation", trigger, aid, srcs, dyad=dyad, period={
                "start": p.start.isoformat(), "end": p.last_day.isoformat(), "rate": round(p.rate, 2),
                "previous_rate": None if p.previous_rate is None else round(p.previous_rate, 2),
                "drivers": [d.event.event_id for d in p.drivers]})]
        from sitrep.analysis.truces import truces

        episodes = truces([e for e in evs if e.date], a, b)
        if not episodes:
            return []
        t = episodes[-1]
        opened = t.offered_on or t.agreed_on
        aid = alert_id(rule.name, "truce", a.name, b.name, opened, t.state)
        if self.state.has_alert(aid):
            return []
        last = t.history[-1] if t.history else None
        trig = trigger
        if last is not None and last.event is not None:
            cid = next((c for c, e in history if e.event_id == last.event.event_id), last.event.event_id)
            trig = Changed(cid, last.event)
        return [self._alert(rule, "truce", trig, aid, srcs, dyad=dyad, state=t.state,
                            opened=opened.isoformat() if opened else None,
                            by=list(last.by) if last is not None else [])]
