"""Range checks for what sitrep stores: numbers that fit their column and make sense,
real dates that are not in the future, coordinates on the globe.

Two uses:

* :func:`plausible_event` is the store's last guard (and ``sitrep code``'s): a coded
  event whose toll, count or crowd size is implausible keeps its record with that
  value unknown, and an :class:`~sitrep.errors.ImplausibleValueWarning` says what
  was dropped. Nothing larger than ``defaults.INT_COLUMN_MAX`` ever reaches an
  INTEGER column, so one misread number never stops an ingest.
* :func:`check_int`, :func:`check_date` and :func:`check_coordinates` validate an
  imported row, which is refused (with its reason) when a value is out of range.

    >>> check_int("3000000000", "fatalities", defaults.MAX_PLAUSIBLE_TOLL)
    Traceback (most recent call last):
    ...
    sitrep.errors.ImplausibleValueError: fatalities 3000000000 is implausible (over 100,000,000)
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sitrep import defaults
from sitrep.errors import BadDateError, FutureDateError, ImplausibleValueError, ImplausibleValueWarning
from sitrep.models import Actor, Event

#: Event fields holding integers, and the largest value each may take.
_EVENT_LIMITS = {
    "fatalities": defaults.MAX_PLAUSIBLE_TOLL,
    "injured": defaults.MAX_PLAUSIBLE_TOLL,
    "count": defaults.MAX_PLAUSIBLE_COUNT,
    "size": defaults.MAX_PLAUSIBLE_CROWD,
}


def _why(name: str, value: Any, limit: int) -> str | None:
    """The reason ``value`` cannot be stored as ``name``, or None when it can."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{name} {value!r} is not an integer"
    if value < 0:
        return f"{name} {value} is negative"
    if value > limit:
        return f"{name} {value} is implausible (over {limit:,})"
    return None


def check_int(value: Any, name: str, limit: int = defaults.INT_COLUMN_MAX) -> int | None:
    """``value`` (a number or its text; blank is None) as a non-negative int no larger
    than ``limit``; raises ImplausibleValueError otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ImplausibleValueError(f"{name} {value!r} is not a number")
    if isinstance(value, int):
        num = value
    else:
        try:
            f = float(value)
        except (TypeError, ValueError):
            raise ImplausibleValueError(f"{name} {str(value)[:40]!r} is not a number") from None
        if not math.isfinite(f) or f != int(f):
            raise ImplausibleValueError(f"{name} {str(value)[:40]!r} is not a whole number")
        num = int(f)
    why = _why(name, num, limit)
    if why:
        raise ImplausibleValueError(why)
    return num


def check_coordinates(lat: float | None, lon: float | None) -> None:
    """Raise ImplausibleValueError unless both are absent or both are on the globe."""
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        raise ImplausibleValueError("only one of latitude and longitude is given")
    if not (math.isfinite(lat) and -90.0 <= lat <= 90.0):
        raise ImplausibleValueError(f"latitude {lat} is outside -90..90")
    if not (math.isfinite(lon) and -180.0 <= lon <= 180.0):
        raise ImplausibleValueError(f"longitude {lon} is outside -180..180")


def latest_date(now: datetime | None = None) -> date:
    """The last date a report can carry: today (UTC) plus ``defaults.MAX_FUTURE_DAYS``."""
    return (now or datetime.now(UTC)).date() + timedelta(days=defaults.MAX_FUTURE_DAYS)


def check_not_future(iso: str | None, *, item: str | None = None, what: str = "publication date") -> str | None:
    """``iso`` (YYYY-MM-DD...) unchanged, or FutureDateError when it is after :func:`latest_date`."""
    if not iso:
        return iso
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso  # not ours to judge: callers read the date first
    if day > latest_date():
        raise FutureDateError(f"{what} {iso} is in the future (after {latest_date().isoformat()})", item=item)
    return iso


def check_date(text: str | None, *, item: str | None = None, what: str = "date") -> str | None:
    """An ISO date (YYYY-MM-DD) that is a real calendar day within
    ``defaults.MIN_YEAR..MAX_YEAR`` and not in the future; BadDateError otherwise."""
    if text is None or not text.strip():
        return None
    s = text.strip()[:10]
    try:
        day = date.fromisoformat(s)
    except ValueError:
        raise BadDateError(f"{what} {text.strip()[:40]!r} is not a real calendar date", item=item) from None
    if not defaults.MIN_YEAR <= day.year <= defaults.MAX_YEAR:
        raise BadDateError(f"{what} {s} has year {day.year}, outside {defaults.MIN_YEAR}..{defaults.MAX_YEAR}",
                           item=item)
    check_not_future(s, item=item, what=what)
    return s


def _actor_ok(actors: tuple[Actor, ...], problems: list[str], role: str) -> tuple[Actor, ...]:
    out = []
    for a in actors:
        why = _why(f"{role} inter", a.inter, defaults.INT_COLUMN_MAX)
        if why:
            problems.append(why)
            a = dataclasses.replace(a, inter=None)
        out.append(a)
    return tuple(out)


def plausible_event(ev: Event) -> tuple[Event, list[str]]:
    """``ev`` with every implausible number made unknown, and what was dropped."""
    problems: list[str] = []
    changes: dict[str, Any] = {}
    for name, limit in _EVENT_LIMITS.items():
        why = _why(name, getattr(ev, name), limit)
        if why:
            problems.append(why)
            changes[name] = None
    loc = ev.location
    if loc is not None:
        fix: dict[str, Any] = {}
        why = _why("geo_precision", loc.geo_precision, defaults.INT_COLUMN_MAX)
        if why:
            problems.append(why)
            fix["geo_precision"] = None
        try:
            check_coordinates(loc.lat, loc.lon)
        except ImplausibleValueError as exc:
            problems.append(str(exc))
            fix["lat"] = fix["lon"] = None
        if fix:
            changes["location"] = dataclasses.replace(loc, **fix)
    for role, actors in (("actor", ev.actor), ("recipient", ev.recipient)):
        fixed = _actor_ok(actors, problems, role)
        if fixed != actors:
            changes[role] = fixed
    if not changes:
        return ev, []
    return dataclasses.replace(ev, **changes), problems


def plausible_events(events: list[Event]) -> list[Event]:
    """:func:`plausible_event` on each; one ImplausibleValueWarning per event that lost a value."""
    out = []
    for ev in events:
        fixed, problems = plausible_event(ev)
        if problems:
            warnings.warn(ImplausibleValueWarning(
                f"{ev.event_id}: {'; '.join(problems)}; stored as unknown"), stacklevel=2)
        out.append(fixed)
    return out
