"""Where the analysis gets its events: the store, a JSONL file of events, or UCDP rows.

The analysis works on plain lists of :class:`~sitrep.models.Event`. This module
is the small adapter between those lists and their sources:

* :func:`store_events` reads canonical events through ``Store.events``;
* :func:`ucdp_hints` gives a direction to UCDP rows, which have none of their own
  (UCDP's side A is the government by convention, not the attacker). It reads
  the imported row kept in the store's ``raw`` column, which ``Store`` has no
  public reader for yet (see the report to the lead: a ``Store.raw(ids)`` method
  would replace the query here);
* :func:`read_ucdp` reads a UCDP GED file directly (through the importer's
  ``ucdp_event``) when there is no store.

**The UCDP direction proxy.** One-sided violence (type 3) is done by side A. For
the other types, the side that lost no one while the other side lost people is
taken as the side that acted (a government raid that killed ten IS fighters; an
IS attack that killed five soldiers). Rows with deaths on both sides or on
neither (clashes, civilians only) stay undirected and are left out of the
retaliation model; the report says how many.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sitrep.analysis.sides import Acting
from sitrep.errors import InputError, MalformedRecordError
from sitrep.models import Event


def store_events(store_or_path: Any, *, since: str | None = None, until: str | None = None,
                 origin: str | None = None) -> list[Event]:
    """Canonical events of a store (a ``Store`` or a path to one), date-filtered."""
    from sitrep.store import Store

    if isinstance(store_or_path, (str, Path)):
        store = Store.open(store_or_path, read_only=True, hold_lock=False)
        try:
            return store.events(since=since, until=until, origin=origin)
        finally:
            store.close()
    return store_or_path.events(since=since, until=until, origin=origin)


def ucdp_acting(row: Mapping[str, Any]) -> Acting | None:
    """Which role of a UCDP row acted (see the module docstring), or None."""

    def num(key: str) -> int:
        try:
            return int(float(row.get(key) or 0))
        except (TypeError, ValueError):
            return 0

    if str(row.get("type_of_violence") or "").strip() == "3":
        return "actor"
    da, db = num("deaths_a"), num("deaths_b")
    if db > 0 and da == 0:
        return "actor"
    if da > 0 and db == 0:
        return "recipient"
    return None


def ucdp_hints(store_or_path: Any, events: Iterable[Event]) -> dict[str, Acting]:
    """Direction hints for the UCDP events among ``events``, from their stored raw rows."""
    ids = [e.event_id for e in events if (e.rule or "") == "import:ucdp"]
    if not ids:
        return {}
    from sitrep.store import Store

    store = (Store.open(store_or_path, read_only=True, hold_lock=False)
             if isinstance(store_or_path, (str, Path)) else store_or_path)
    out: dict[str, Acting] = {}
    try:
        with store.session() as con:
            rows = con.execute("SELECT event_id, raw FROM events WHERE event_id IN (SELECT unnest($ids))",
                               {"ids": ids}).fetchall()
    finally:
        if isinstance(store_or_path, (str, Path)):
            store.close()
    for eid, raw in rows:
        if not raw:
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError:
            continue
        acting = ucdp_acting(rec) if isinstance(rec, dict) else None
        if acting:
            out[str(eid)] = acting
    return out


def _ucdp_rows(path: Path) -> Iterator[dict[str, Any]]:
    from sitrep.store.importers import ucdp_records

    for item, rec in ucdp_records(path):
        if isinstance(rec, str):
            raise MalformedRecordError(rec, item=item)
        yield rec


def read_ucdp(path: str | Path) -> tuple[list[Event], dict[str, Acting]]:
    """Events and direction hints from a UCDP GED file (JSON Lines or CSV), without a store."""
    from sitrep.store.importers import ucdp_event

    p = Path(path)
    if not p.exists():
        raise InputError("no such file", item=str(p))
    events: list[Event] = []
    hints: dict[str, Acting] = {}
    for row in _ucdp_rows(p):
        ev = ucdp_event(row)
        if isinstance(ev, str):
            continue
        events.append(ev)
        acting = ucdp_acting(row)
        if acting:
            hints[ev.event_id] = acting
    return events, hints


def read_events_jsonl(path: str | Path) -> list[Event]:
    """Events from a JSON Lines file as ``sitrep code --format jsonl`` writes it."""
    p = Path(path)
    out = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                out.append(Event.from_dict(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise MalformedRecordError(f"not an event record: {exc}", item=f"{p}:{n}") from None
    return out
