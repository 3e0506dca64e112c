"""A readable table of events for terminals (``sitrep code`` and ``make demo``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape as _escape_markup
from rich.table import Table

from sitrep.hardening import strip_controls
from sitrep.models import Actor, Event


def escape(text: str) -> str:
    """Text from an article as a table cell: no terminal escape sequences, no rich markup."""
    return _escape_markup(strip_controls(text))


def _actors(actors: Sequence[Actor]) -> str:
    return " + ".join(a.name for a in actors) or "-"


def events_table(events: Sequence[Event], *, title: str | None = None) -> Table:
    table = Table(title=escape(title) if title else None, show_lines=True, expand=False)
    for col, kw in (
        ("#", {"justify": "right"}), ("event (mode)", {}), ("ACLED sub-event", {}), ("actor -> recipient", {"max_width": 38}),
        ("where", {"max_width": 22}), ("when", {}), ("killed", {"justify": "right"}), ("modality / source", {"max_width": 24}),
        ("conf", {"justify": "right"}), ("evidence", {"max_width": 60}),
    ):
        table.add_column(col, **kw)  # type: ignore[arg-type]
    for i, ev in enumerate(events, 1):
        where = "-"
        if ev.location is not None:
            where = ev.location.name + (f" ({ev.location.country})" if ev.location.country else "")
        when = f"{ev.date or '?'} ({ev.date_precision})" if ev.date else "-"
        killed = "-" if ev.fatalities is None else str(ev.fatalities)
        if ev.injured is not None:
            killed += f" / {ev.injured} hurt"
        mod = ev.modality + (f" x{ev.count}" if ev.count else "")
        if ev.attribution is not None:
            mod += f"\nper {ev.attribution.name}"
        trig = ev.evidence.trigger
        s = ev.evidence.sentence
        rel = trig.start - ev.evidence.start
        snippet = escape(s[max(0, rel - 60):rel]) + "[bold]" + escape(trig.text) + "[/bold]" + escape(s[rel + len(trig.text):rel + len(trig.text) + 60])
        table.add_row(
            str(i), escape(ev.event + (f" ({ev.mode})" if ev.mode else "")), escape(ev.acled_sub_event_type or "-"),
            escape(f"{_actors(ev.actor)} -> {_actors(ev.recipient)}"), escape(where), escape(when), killed, escape(mod), f"{ev.confidence:.2f}", snippet.strip(),
        )
    return table
