"""Reviews, the current view of an event, and the users of ``sitrep serve``.

A review is one decision by a person about one canonical event: ``confirm``,
``reject``, ``correct`` (``changes`` names fields as the record does, e.g.
``{"event": "PROTEST"}``), ``split``, ``merge`` or ``undo``. Reviews are
append-only rows; the coder's own records (``events``, ``clusters``) are never
overwritten. The **current view** of an event is the coder's canonical record
with its (not undone) reviews applied; every reader goes through it:
``Store.events`` (so ``sitrep events``, ``sitrep export``, the dyad report),
and the web API. ``review_state`` holds the reviews folded per event so that
filters see corrected values; it is rebuilt from ``reviews`` on every review.

A review remembers ``basis``, the md5 of the coder record it was made on.
When re-coding changes that record (same deterministic event id, other
content), the review stays attached and is flagged ``stale``; when the event
id disappears (a changed type gives another id) the review is ``orphaned``.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import math
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sitrep import defaults
from sitrep.errors import ReviewError, StoreError
from sitrep.models import DATE_PRECISIONS, MODALITIES, PLOVER_EVENTS, Event

ACTIONS = ("confirm", "reject", "correct", "split", "merge", "undo")
ROLES = ("viewer", "reviewer", "admin")
#: review= filter values of the event queries
REVIEW_FILTERS = ("unreviewed", "reviewed", "confirmed", "corrected", "rejected", "stale")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record_md5(record: str) -> str:
    """The md5 of a stored record (DuckDB's ``md5()`` of the same text gives the same)."""
    return hashlib.md5(record.encode("utf-8")).hexdigest()


# --- validating and applying corrections ---------------------------------------------------


def _opt_str(name: str, value: Any, allowed: Sequence[str] | None = None, *, upper: bool = False) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > defaults.REVIEW_MAX_FIELD_CHARS:
        raise ReviewError(f"{name} must be a non-empty string of at most {defaults.REVIEW_MAX_FIELD_CHARS} "
                          "characters", item=name)
    v = value.strip().upper() if upper else value.strip()
    if allowed is not None:
        match = next((a for a in allowed if a.casefold() == v.casefold()), None)
        if match is None:
            raise ReviewError(f"{v!r} is not one of {', '.join(allowed)}", item=name)
        v = match
    return v


def _opt_int(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= defaults.REVIEW_MAX_COUNT:
        raise ReviewError(f"must be a whole number from 0 to {defaults.REVIEW_MAX_COUNT:,}", item=name)
    return value


def _opt_date(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReviewError("must be a date YYYY-MM-DD", item=name)
    value = value.strip()
    if re.fullmatch(r"\d{4}(-\d{2})?", value):  # a month or a year: compared as a prefix of ISO dates
        year = int(value[:4])
        if not defaults.MIN_YEAR <= year <= defaults.MAX_YEAR or (len(value) == 7 and not 1 <= int(value[5:]) <= 12):
            raise ReviewError(f"{value[:40]!r} is not a date YYYY-MM-DD", item=name)
        return value
    try:
        d = date.fromisoformat(value)
    except ValueError:
        raise ReviewError(f"{value[:40]!r} is not a date YYYY-MM-DD", item=name) from None
    if not defaults.MIN_YEAR <= d.year <= defaults.MAX_YEAR:
        raise ReviewError(f"year {d.year} is outside {defaults.MIN_YEAR}-{defaults.MAX_YEAR}", item=name)
    return d.isoformat()


def _opt_country(value: Any) -> str | None:
    """A country as ISO 3166 alpha-3 ("IRQ"), from a code or a name ("Iraq")."""
    from sitrep.store.db import _country_code

    v = _opt_str("country", value)
    if v is None:
        return None
    code = _country_code(v)
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ReviewError(f"{v[:40]!r} is not a country (a name or an ISO 3166 alpha-3 code)", item="country")
    return code


def _opt_coord(name: str, value: Any, limit: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not -limit <= value <= limit:
        raise ReviewError(f"must be a number from {-limit:g} to {limit:g}", item=name)
    return float(value)


#: Fields a review can correct that are not fields of Event: named as ACLED names them.
#: actor1/actor2 replace the event's actors/recipients by one named actor (null: none);
#: country, admin1, location (the place's name), latitude, longitude change its place.
ACTOR_FIELDS = {"actor1": "actor", "actor2": "recipient"}
PLACE_FIELDS = {"country": "country", "admin1": "admin1", "location": "name", "latitude": "lat",
                "longitude": "lon"}


def field_value(ev: Event, name: str) -> Any:
    """A correctable field's value in an event (what a review's ``before`` records)."""
    if name in ACTOR_FIELDS:
        actors = getattr(ev, ACTOR_FIELDS[name])
        return "; ".join(a.name for a in actors) or None
    if name in PLACE_FIELDS:
        return getattr(ev.location, PLACE_FIELDS[name]) if ev.location is not None else None
    return getattr(ev, name)


def _apply_actor_place(ev: Event, changes: dict[str, Any]) -> Event:
    from sitrep.models import Actor, Place

    for key, attr in ACTOR_FIELDS.items():
        if key in changes:  # the reviewer gives a name, not words of the article: no offsets
            name = changes[key]
            group: dict[str, Any] = {attr: (Actor(text=name, name=name),) if name else ()}
            ev = dataclasses.replace(ev, **group)
    place: dict[str, Any] = {PLACE_FIELDS[k]: v for k, v in changes.items() if k in PLACE_FIELDS}
    if place:
        loc = ev.location
        if loc is None:
            loc = Place(text=place.get("name") or "", name=place.get("name") or "")
        if "name" in place and place["name"] != loc.name:
            # another place: the old one's coordinates, precision and offsets are not its own
            loc = dataclasses.replace(loc, text=place["name"] or "", lat=None, lon=None, geo_precision=None,
                                      start=None, end=None)
        if "lat" in place or "lon" in place:
            loc = dataclasses.replace(loc, geo_precision=None)  # unknown unless the coder set it
        given: dict[str, Any] = {k: (v if v is not None or k != "name" else "") for k, v in place.items()}
        loc = dataclasses.replace(loc, **given)
        ev = dataclasses.replace(ev, location=loc)
    return ev


def _acled_types() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from sitrep.coding.taxonomy import acled_event_types, acled_sub_event_types

    return acled_event_types(), acled_sub_event_types()


def validate_changes(changes: Any) -> dict[str, Any]:
    """Check a ``correct`` review's changes: known fields, valid values. Raises ReviewError."""
    if not isinstance(changes, dict) or not changes:
        raise ReviewError("a correction needs changes: an object of field -> value, e.g. {\"event\": \"PROTEST\"}",
                          item="changes")
    ev_types, sub_types = _acled_types()
    checks: dict[str, Any] = {
        "event": lambda v: _opt_str("event", v, PLOVER_EVENTS, upper=True),
        "mode": lambda v: _opt_str("mode", v),
        "acled_event_type": lambda v: _opt_str("acled_event_type", v, ev_types),
        "acled_sub_event_type": lambda v: _opt_str("acled_sub_event_type", v, sub_types),
        "cameo": lambda v: _opt_str("cameo", v),
        "modality": lambda v: _opt_str("modality", v, MODALITIES),
        "date": lambda v: _opt_date("date", v),
        "date_precision": lambda v: _opt_str("date_precision", v, DATE_PRECISIONS),
        "fatalities": lambda v: _opt_int("fatalities", v),
        "injured": lambda v: _opt_int("injured", v),
        "count": lambda v: _opt_int("count", v),
        "size": lambda v: _opt_int("size", v),
    }
    checks.update({
        "actor1": lambda v: _opt_str("actor1", v),
        "actor2": lambda v: _opt_str("actor2", v),
        "country": lambda v: _opt_country(v),
        "admin1": lambda v: _opt_str("admin1", v),
        "location": lambda v: _opt_str("location", v),
        "latitude": lambda v: _opt_coord("latitude", v, 90.0),
        "longitude": lambda v: _opt_coord("longitude", v, 180.0),
    })
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in checks:
            raise ReviewError(f"not a field a review can correct; one of {', '.join(checks)}", item=str(name)[:60])
        out[name] = checks[name](value)
    if out.get("event") is None and "event" in out:
        raise ReviewError("an event needs a type", item="event")
    return out


def apply_changes(ev: Event, changes: dict[str, Any]) -> Event:
    """The event with a review's corrections. A new PLOVER type without ACLED types or
    CAMEO code given gets them from the taxonomy (as the coder derives them)."""
    if not changes:
        return ev
    new = dataclasses.replace(ev, **{k: v for k, v in changes.items()
                                     if k in _EVENT_FIELDS and k not in PLACE_FIELDS})  # "location": a name
    if any(k in ACTOR_FIELDS or k in PLACE_FIELDS for k in changes):
        new = _apply_actor_place(new, changes)
    if "event" in changes or "mode" in changes:
        from sitrep.coding.acled import acled_types
        from sitrep.coding.taxonomy import plover_to_cameo

        if "cameo" not in changes:
            new = dataclasses.replace(new, cameo=plover_to_cameo(new.event, new.mode))
        if "acled_event_type" not in changes and "acled_sub_event_type" not in changes:
            et, sub = acled_types(new.event, (), [a.type for a in new.actor], [a.type for a in new.recipient],
                                  new.mode)
            new = dataclasses.replace(new, acled_event_type=et, acled_sub_event_type=sub)
    if "acled_sub_event_type" in changes and "acled_event_type" not in changes:
        from sitrep.coding.taxonomy import acled_event_type

        new = dataclasses.replace(new, acled_event_type=acled_event_type(new.acled_sub_event_type))
    return new


_EVENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Event))


def _corrected(key: str, column: str, cast: str = "VARCHAR") -> str:
    """SQL: the current view's value of a column that a review corrects through ``changes[key]``."""
    return (f"(CASE WHEN json_exists(r.changes, '$.{key}') THEN CAST(json_extract_string(r.changes, '$.{key}') "
            f"AS {cast}) ELSE {column} END)")


LAT_VIEW = _corrected("latitude", "c.lat", "DOUBLE")
LON_VIEW = _corrected("longitude", "c.lon", "DOUBLE")
#: SQL: the view's actor and recipient lists (JSON) of ``clusters c LEFT JOIN review_state r``
ACTORS_VIEW = {role: (f"(CASE WHEN json_exists(r.changes, '$.{key}') THEN CASE WHEN "
                      f"json_extract_string(r.changes, '$.{key}') IS NULL THEN '[]'::JSON ELSE json_array(json_object("
                      f"'name', json_extract_string(r.changes, '$.{key}'))) END ELSE json_extract(c.record, '$.{role}') END)")
               for key, role in (("actor1", "actor"), ("actor2", "recipient"))}


# --- plain records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """One review row, as stored (``undone``: a later undo cancelled it)."""

    review_id: str
    event_id: str
    action: str
    reviewer: str
    at: str
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None
    basis: str | None
    undoes: str | None = None
    undone: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ReviewState:
    """An event's reviews folded: ``status`` confirmed, corrected or rejected (None: unreviewed)."""

    status: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    stale: bool = False
    n_reviews: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "changes": self.changes, "stale": self.stale, "n_reviews": self.n_reviews}


@dataclass(frozen=True)
class RecodeResult:
    """What re-coding one article did: events kept, reviews kept, flagged, orphaned."""

    article_id: str
    events: int
    reviews_kept: list[str]
    reviews_changed: list[str]  # reviewed events whose coder record changed (flagged stale)
    reviews_orphaned: list[str]  # reviewed events the coder no longer produces


@dataclass(frozen=True)
class User:
    name: str
    role: str
    password_hash: str
    token_id: str
    token_hash: str


@dataclass(frozen=True)
class QueueItem:
    event: Event
    score: float
    reasons: list[str]


def fold_reviews(reviews: Sequence[Review]) -> tuple[str | None, dict[str, Any], str | None]:
    """(status, changes, basis) of reviews in time order, skipping undone ones."""
    status: str | None = None
    changes: dict[str, Any] = {}
    basis: str | None = None
    for r in reviews:
        if r.undone or r.action not in ("confirm", "reject", "correct"):
            continue
        basis = r.basis
        if r.action == "reject":
            status = "rejected"
        elif r.action == "correct":
            if "location" in r.after:  # another place: coordinates given for the one before are not its own
                for k in ("latitude", "longitude"):
                    if k not in r.after:
                        changes.pop(k, None)
            changes.update(r.after)
            status = "corrected"
        else:
            status = "corrected" if changes else "confirmed"
    return status, changes, basis


def record_dict(ev: Event) -> dict[str, Any]:
    """``ev.to_dict()``, without dataclasses.asdict's deep copies."""
    from sitrep.store.db import _plain

    return _plain(ev)  # type: ignore[no-any-return]


def filters_key(filters: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Event query filters as a hashable key (lists, e.g. a dyad, as tuples)."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in filters.items()))


def encode_cursor(key: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, TypeError):
        raise ReviewError("not a cursor this API gave out", item="cursor") from None
    if not (isinstance(key, list) and len(key) == 2 and all(isinstance(k, str) for k in key)):
        raise ReviewError("not a cursor this API gave out", item="cursor")
    return key


def parse_bbox(bbox: str) -> tuple[float, float, float, float]:
    """``lon_min,lat_min,lon_max,lat_max`` (GeoJSON order)."""
    try:
        parts = [float(p) for p in bbox.split(",")]
    except ValueError:
        raise ReviewError("bbox is lon_min,lat_min,lon_max,lat_max (numbers)", item="bbox") from None
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise ReviewError("bbox is lon_min,lat_min,lon_max,lat_max (numbers)", item="bbox")
    x0, y0, x1, y1 = parts
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise ReviewError("bbox out of range or min > max", item="bbox")
    return x0, y0, x1, y1


# --- the mixin ------------------------------------------------------------------------------


class ReviewsMixin:
    """Review, view, queue and user methods of :class:`~sitrep.store.Store`."""

    # provided by Store
    _connect: Any
    _session: Any
    atomic: Any
    _insert: Any
    _cluster_of: Any
    _members: Any
    _write_clusters: Any
    split: Any
    add_events_many: Any
    path: Any
    cached: Any

    # --- the view ----------------------------------------------------------------------------

    def _event_filters(self, *, actor: str | None = None, country: str | None = None, type: str | None = None,
                       since: str | None = None, until: str | None = None, origin: str | None = None,
                       event: str | None = None, event_type: str | None = None,
                       sub_event_type: str | None = None, modality: str | None = None,
                       min_confidence: float | None = None, review: str | None = None,
                       bbox: str | None = None, q: str | None = None, dyad: Sequence[str] | None = None,
                       include_rejected: bool = False, reviewed_only: bool = False,
                       ) -> tuple[list[str], dict[str, Any]]:
        """WHERE clauses over ``clusters c LEFT JOIN review_state r`` (the current view)."""
        from sitrep.store.db import _country_code

        where: list[str] = []
        params: dict[str, Any] = {}
        ev_col = "coalesce(r.event, c.event)"
        et_col = "coalesce(r.acled_event_type, c.acled_event_type)"
        st_col = "coalesce(r.acled_sub_event_type, c.acled_sub_event_type)"
        date_col = "coalesce(r.date, c.date)"
        if type:
            where.append(f"({ev_col} = upper($type) OR lower({et_col}) = lower($type) "
                         f"OR lower({st_col}) = lower($type))")
            params["type"] = type
        if event:
            where.append(f"{ev_col} = upper($event)")
            params["event"] = event
        if event_type:
            where.append(f"(lower({et_col}) = lower($event_type) OR {ev_col} = upper($event_type))")
            params["event_type"] = event_type
        if sub_event_type:
            where.append(f"lower({st_col}) = lower($sub_event_type)")
            params["sub_event_type"] = sub_event_type
        if modality:
            where.append("coalesce(r.modality, c.modality) = lower($modality)")
            params["modality"] = modality
        since, until = _opt_date("since", since), _opt_date("until", until)
        if since:
            where.append(f"{date_col} >= $since")
            params["since"] = since
        if until:
            where.append(f"{date_col} <= $until")
            params["until"] = until
        if origin:
            where.append("c.origin = $origin")
            params["origin"] = origin
        if country:
            iso = _country_code(country)
            where.append(f"({_corrected('country', 'c.country')} = $country OR c.cluster_id IN (SELECT l.cluster_id "
                         "FROM event_links l JOIN actors a ON a.event_id = l.event_id WHERE a.country = $country))")
            params["country"] = iso
        if actor:
            where.append("(c.cluster_id IN (SELECT l.cluster_id FROM event_links l JOIN actors a "
                         "ON a.event_id = l.event_id WHERE a.name ILIKE $actor_like ESCAPE '\\' "
                         "OR a.text ILIKE $actor_like ESCAPE '\\' OR upper(a.code) = upper($actor)) "
                         "OR json_extract_string(r.changes, '$.actor1') ILIKE $actor_like ESCAPE '\\' "
                         "OR json_extract_string(r.changes, '$.actor2') ILIKE $actor_like ESCAPE '\\')")
            params["actor_like"] = f"%{_like_escape(actor)}%"
            params["actor"] = actor
        if dyad:
            if len(dyad) != 2 or not all(s.strip() for s in dyad):
                raise ReviewError("dyad is two actor names: A,B", item="dyad")
            params["dyad_a"] = f"%{_like_escape(dyad[0].strip())}%"
            params["dyad_b"] = f"%{_like_escape(dyad[1].strip())}%"
            side = ("c.cluster_id IN (SELECT l.cluster_id FROM event_links l JOIN actors a ON a.event_id = l.event_id "
                    "WHERE a.role = '{role}' AND (a.name ILIKE ${p} ESCAPE '\\' OR a.text ILIKE ${p} ESCAPE '\\'))")
            where.append(f"(({side.format(role='actor', p='dyad_a')} AND {side.format(role='recipient', p='dyad_b')})"
                         f" OR ({side.format(role='actor', p='dyad_b')} AND {side.format(role='recipient', p='dyad_a')}))")
        if min_confidence is not None:
            where.append("CAST(json_extract(c.record, '$.confidence') AS DOUBLE) >= $min_conf")
            params["min_conf"] = float(min_confidence)
        if bbox:
            x0, y0, x1, y1 = parse_bbox(bbox)
            where.append(f"{LON_VIEW} BETWEEN $x0 AND $x1 AND {LAT_VIEW} BETWEEN $y0 AND $y1")
            params.update({"x0": x0, "y0": y0, "x1": x1, "y1": y1})
        if q:
            where.append("json_extract_string(c.record, '$.evidence.sentence') ILIKE $q ESCAPE '\\'")
            params["q"] = f"%{_like_escape(q)}%"
        if review:
            if review not in REVIEW_FILTERS:
                raise ReviewError(f"review is one of {', '.join(REVIEW_FILTERS)}", item="review")
            where.append({
                "unreviewed": "r.status IS NULL", "reviewed": "r.status IS NOT NULL",
                "stale": "r.status IS NOT NULL AND r.basis <> md5(c.record)",
            }.get(review, f"r.status = '{review}'"))
            if review == "rejected":
                include_rejected = True
        if reviewed_only:
            where.append("r.status IN ('confirmed', 'corrected')")
        if not include_rejected:
            where.append("(r.status IS NULL OR r.status <> 'rejected')")
        return where, params

    @staticmethod
    def _view_event(record: str, changes: str | None) -> Event:
        ev = Event.from_dict(json.loads(record))
        return apply_changes(ev, json.loads(changes)) if changes else ev

    def events_page(self, *, limit: int = 100, cursor: str | None = None, raw: bool = False,
                    **filters: Any) -> tuple[list[tuple[Any, ReviewState]], str | None]:
        """One page of canonical events (current view), newest first, keyset-paged:
        returns (events with their review state, cursor of the next page or None).
        ``raw=True`` gives each record as the dict ``Event.to_dict`` makes (no Event built
        when no review changed it: what the JSON API sends). With the read cache on, a page
        asked for again before the next write is the same (shared) answer: do not change it."""
        return self.cached(  # type: ignore[no-any-return]
            "events_page", (int(limit), cursor, bool(raw), filters_key(filters)),
            lambda: self._events_page(limit=limit, cursor=cursor, raw=raw, **filters))

    def _events_page(self, *, limit: int, cursor: str | None, raw: bool,
                     **filters: Any) -> tuple[list[tuple[Any, ReviewState]], str | None]:
        where, params = self._event_filters(**filters)
        key = "coalesce(coalesce(r.date, c.date), '')"
        if cursor:
            d, cid = decode_cursor(cursor)
            where.append(f"({key} < $cur_d OR ({key} = $cur_d AND c.cluster_id < $cur_id))")
            params.update({"cur_d": d, "cur_id": cid})
        # pick the page on the narrow columns first, then read the records (and hash them
        # for the stale flag) of those rows only: 100,000 records are ~200 MB of JSON
        inner = (f"SELECT c.cluster_id, {key} AS k FROM clusters c LEFT JOIN review_state r "
                 "ON r.event_id = c.cluster_id")
        if where:
            inner += " WHERE " + " AND ".join(where)
        inner += f" ORDER BY k DESC, c.cluster_id DESC LIMIT {int(limit) + 1}"
        with self._session() as con:
            picked = con.execute(inner, params).fetchall()
            got = {r[0]: r[1:] for r in con.execute(
                "SELECT c.cluster_id, c.record, r.changes, r.status, r.status IS NOT NULL AND r.basis <> md5(c.record), "
                "r.n_reviews FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id "
                "WHERE list_contains($ids, c.cluster_id)", {"ids": [p[0] for p in picked]}).fetchall()}
        rows = [(cid, *got[cid], k) for cid, k in picked if cid in got]
        view: Any = self._view_event
        if raw:
            def view(rec: str, ch: str | None) -> Any:
                return record_dict(self._view_event(rec, ch)) if ch else json.loads(rec)
        out = [(view(rec, ch), ReviewState(st, json.loads(ch) if ch else {}, bool(stale), n or 0))
               for _, rec, ch, st, stale, n, _k in rows[:limit]]
        nxt = encode_cursor([rows[limit - 1][6], rows[limit - 1][0]]) if len(rows) > limit and limit > 0 else None
        return out, nxt

    def view(self, event_id: str) -> tuple[Event, Event, ReviewState]:
        """(coder's canonical record, current view, review state) of one event
        (a cluster id or any report's id). Raises StoreError when unknown."""
        sql = ("SELECT c.record, r.changes, r.status, r.status IS NOT NULL AND r.basis <> md5(c.record), r.n_reviews "
               "FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id WHERE c.cluster_id = ?")
        with self._session() as con:
            row = (con.execute(sql, [event_id]).fetchall()[:1] or [None])[0]
            if row is None:  # a report's id: its cluster
                cid = self._cluster_of(event_id)
                if cid is None:
                    raise StoreError("no such event in the store", item=event_id)
                row = (con.execute(sql, [cid]).fetchall()[:1] or [None])[0]
        if row is None:
            raise StoreError("no such event in the store", item=event_id)
        coder = Event.from_dict(json.loads(row[0]))
        state = ReviewState(row[2], json.loads(row[1]) if row[1] else {}, bool(row[3]), row[4] or 0)
        return coder, apply_changes(coder, state.changes), state

    # --- reviews -----------------------------------------------------------------------------

    def reviews(self, event_id: str | None = None) -> list[Review]:
        """Review history (oldest first) of one event, or of the whole store."""
        sql = ("SELECT review_id, event_id, action, reviewer, reviewed_at, before, after, note, basis, undoes FROM reviews"
               + (" WHERE event_id = ?" if event_id else "") + " ORDER BY reviewed_at, review_id")
        with self._session() as con:
            rows = con.execute(sql, [event_id] if event_id else []).fetchall()
        # an undo is filed under the event of the review it undoes (review() undoes only
        # reviews of the event it is given), so the event's own rows say which are undone
        undone = {r[9] for r in rows if r[9]}
        return [Review(r[0], r[1], r[2], r[3], r[4].isoformat(timespec="seconds") if r[4] else "",
                       json.loads(r[5] or "{}"), json.loads(r[6] or "{}"), r[7], r[8], r[9], r[0] in undone)
                for r in rows]

    def review(self, event_id: str, action: str, *, reviewer: str, changes: dict[str, Any] | None = None,
               note: str | None = None) -> Review:
        """Record one review of a canonical event (see the module docstring). ``split``
        takes ``changes={"report": id}`` to detach one report (else every report
        becomes its own event); ``merge`` takes ``changes={"with": other_event_id}``;
        ``undo`` takes ``changes={"review_id": id}`` (else the latest active review)."""
        if action not in ACTIONS:
            raise ReviewError(f"action is one of {', '.join(ACTIONS)}", item="action")
        if note is not None and (not isinstance(note, str) or len(note) > defaults.REVIEW_MAX_NOTE_CHARS):
            raise ReviewError(f"note is text of at most {defaults.REVIEW_MAX_NOTE_CHARS} characters", item="note")
        changes = dict(changes or {})
        with self.atomic() as con:
            cid = self._cluster_of(event_id)
            if cid is None:
                raise StoreError("no such event in the store", item=event_id)
            _, view, _state = self.view(cid)
            row = (con.execute("SELECT record FROM clusters WHERE cluster_id = ?", [cid]).fetchall()[:1] or [None])[0]
            basis = record_md5(row[0]) if row else None
            before: dict[str, Any] = {}
            after: dict[str, Any] = {}
            undoes = None
            if action == "correct":
                after = validate_changes(changes)
                before = {k: field_value(view, k) for k in after}
            elif action in ("confirm", "reject"):
                if changes:
                    raise ReviewError(f"{action} takes no changes (use correct)", item="changes")
            elif action == "split":
                before, after = self._review_split(cid, changes)
            elif action == "merge":
                before, after = self._review_merge(cid, changes)
            else:
                undoes, before, after = self._review_undo(cid, changes)
            rev = Review(uuid.uuid4().hex[:16], cid, action, reviewer, _now().isoformat(timespec="seconds"),
                         before, after, note, basis, undoes)
            self._insert("reviews", [{
                "review_id": rev.review_id, "event_id": cid, "action": action, "reviewer": reviewer, "reviewed_at": _now(),
                "before": json.dumps(before, ensure_ascii=False), "after": json.dumps(after, ensure_ascii=False),
                "note": note, "basis": basis, "undoes": undoes}])
            self._rebuild_review_state([cid] + list(after.get("clusters", [])) + list(before.get("clusters", [])))
        return rev

    def _review_split(self, cid: str, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        report = changes.pop("report", None)
        if changes:
            raise ReviewError("split takes only {\"report\": report_id}", item="changes")
        members = {m.event_id: cid for m, _, _ in self._members(cid)}
        if len(members) < 2:
            raise ReviewError("this event has one report: nothing to split", item=cid)
        if report is not None and report not in members:
            raise ReviewError("not a report of this event", item=str(report)[:60])
        ids = self.split(report or cid)
        return {"members": members}, {"clusters": ids, "report": report}

    def _review_merge(self, cid: str, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        other = changes.pop("with", None)
        if changes or not isinstance(other, str):
            raise ReviewError("merge takes {\"with\": other_event_id}", item="changes")
        ocid = self._cluster_of(other)
        if ocid is None:
            raise StoreError("no such event in the store", item=other[:60])
        if ocid == cid:
            raise ReviewError("the two events are already one", item=other[:60])
        moved = {m.event_id: ocid for m, _, _ in self._members(ocid)}
        con = self._connect()
        ids = list(moved) + [m.event_id for m, _, _ in self._members(cid)]
        blocks = [list(b) for b in con.execute(
            "SELECT event_a, event_b FROM merge_blocks WHERE event_a IN (SELECT unnest($ids)) "
            "AND event_b IN (SELECT unnest($ids))", {"ids": ids}).fetchall()]
        con.execute("DELETE FROM merge_blocks WHERE event_a IN (SELECT unnest($ids)) "
                    "AND event_b IN (SELECT unnest($ids))", {"ids": ids})
        self._relink(dict.fromkeys(moved, cid), reason="merged by hand")
        return {"moved": moved, "blocks": blocks}, {"cluster": cid, "clusters": [cid]}

    def _review_undo(self, cid: str, changes: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
        target_id = changes.pop("review_id", None)
        if changes:
            raise ReviewError("undo takes only {\"review_id\": id}", item="changes")
        history = [r for r in self.reviews(cid) if r.action != "undo" and not r.undone]
        if not history:
            raise ReviewError("no review of this event to undo", item=cid)
        target = history[-1] if target_id is None else next((r for r in history if r.review_id == target_id), None)
        if target is None:
            raise ReviewError("no active review of this event with that id", item=str(target_id)[:60])
        before: dict[str, Any] = {"action": target.action}
        after: dict[str, Any] = {}
        con = self._connect()
        if target.action == "split":
            members: dict[str, str] = target.before["members"]
            ids = list(members)
            con.execute("DELETE FROM merge_blocks WHERE event_a IN (SELECT unnest($ids)) "
                        "AND event_b IN (SELECT unnest($ids))", {"ids": ids})
            self._relink(members, reason="split undone by hand")
            after = {"clusters": sorted(set(members.values())), "reverted": target.after.get("clusters", [])}
        elif target.action == "merge":
            moved: dict[str, str] = target.before["moved"]
            self._relink(moved, reason="merge undone by hand")
            blocks = [{"event_a": a, "event_b": b, "blocked_at": _now()} for a, b in target.before.get("blocks", [])]
            self._insert("merge_blocks", blocks)
            after = {"clusters": sorted({cid, *moved.values()})}
        return target.review_id, before, after

    def _relink(self, assign: dict[str, str], *, reason: str) -> None:
        """Move reports to clusters (event id -> cluster id) and rewrite every cluster touched."""
        from sitrep.dedup import Cluster

        con = self._connect()
        ids = list(assign)
        old = dict(con.execute("SELECT event_id, cluster_id FROM event_links WHERE event_id IN (SELECT unnest($ids))",
                               {"ids": ids}).fetchall())
        origin_rows = con.execute("SELECT DISTINCT origin FROM events WHERE event_id IN (SELECT unnest($ids))",
                                  {"ids": ids}).fetchall()
        origin = origin_rows[0][0] if origin_rows else "sitrep"
        now = _now()
        con.execute("DELETE FROM event_links WHERE event_id IN (SELECT unnest($ids))", {"ids": ids})
        note = json.dumps([{"check": "by hand", "ok": True, "detail": reason}])
        self._insert("event_links", [{"event_id": e, "cluster_id": c, "reason": note, "linked_at": now}
                                     for e, c in assign.items()])
        self._rewrite_clusters(set(old.values()) | set(assign.values()), origin=origin, now=now, cls=Cluster)

    def _rewrite_clusters(self, cids: Iterable[str], *, origin: str, now: datetime, cls: Any) -> None:
        con = self._connect()
        keep: list[Any] = []
        empty: list[Any] = []
        for c in sorted(set(cids)):
            members = [m for m, _, _ in self._members(c)]
            (keep if members else empty).append(cls(c, members))
        if empty:
            con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT unnest($ids))",
                        {"ids": [c.cluster_id for c in empty]})
        self._write_clusters(keep, origin=origin, now=now)

    def _rebuild_review_state(self, event_ids: Iterable[str]) -> None:
        con = self._connect()
        ids = sorted({e for e in event_ids if e})
        if not ids:
            return
        con.execute("DELETE FROM review_state WHERE event_id IN (SELECT unnest($ids))", {"ids": ids})
        by_event: dict[str, list[Review]] = {}
        undone = {r[0] for r in con.execute("SELECT undoes FROM reviews WHERE undoes IS NOT NULL").fetchall()}
        for r in con.execute(
                "SELECT review_id, event_id, action, reviewer, reviewed_at, before, after, note, basis, undoes FROM reviews "
                "WHERE event_id IN (SELECT unnest($ids)) ORDER BY reviewed_at, review_id", {"ids": ids}).fetchall():
            by_event.setdefault(r[1], []).append(Review(r[0], r[1], r[2], r[3], "", json.loads(r[5] or "{}"),
                                                        json.loads(r[6] or "{}"), r[7], r[8], r[9], r[0] in undone))
        rows = []
        now = _now()
        for eid, revs in by_event.items():
            status, changes, basis = fold_reviews(revs)
            if status is None:
                continue
            crow = (con.execute("SELECT record FROM clusters WHERE cluster_id = ?", [eid]).fetchall()[:1] or [None])[0]
            view = apply_changes(Event.from_dict(json.loads(crow[0])), changes) if crow else None
            rows.append({
                "event_id": eid, "status": status, "changes": json.dumps(changes, ensure_ascii=False),
                "event": view.event if view and "event" in changes else None,
                "acled_event_type": view.acled_event_type if view and changes else None,
                "acled_sub_event_type": view.acled_sub_event_type if view and changes else None,
                "modality": changes.get("modality"), "date": changes.get("date"),
                "fatalities": changes.get("fatalities"), "basis": basis,
                "n_reviews": sum(1 for r in revs if not r.undone and r.action != "undo"), "updated_at": now})
        self._insert("review_state", rows)

    def review_counts(self) -> dict[str, int]:
        """How many events are confirmed, corrected, rejected, stale; and review rows in all."""
        with self._session() as con:
            out = {s: 0 for s in ("confirmed", "corrected", "rejected")}
            for s, n in con.execute("SELECT status, count(*) FROM review_state GROUP BY status").fetchall():
                out[s] = int(n)
            out["stale"] = int(con.execute(
                "SELECT count(*) FROM review_state r JOIN clusters c ON c.cluster_id = r.event_id "
                "WHERE r.basis <> md5(c.record)").fetchall()[0][0])
            out["orphaned"] = int(con.execute(
                "SELECT count(*) FROM review_state r WHERE r.event_id NOT IN (SELECT cluster_id FROM clusters)"
            ).fetchall()[0][0])
            out["reviews"] = int(con.execute("SELECT count(*) FROM reviews").fetchall()[0][0])
        return out

    def reviewed(self) -> list[tuple[Event, Event, ReviewState]]:
        """Every reviewed event still in the store: (coder record, view, state)."""
        with self._session() as con:
            rows = con.execute(
                "SELECT c.record, r.changes, r.status, r.basis <> md5(c.record), r.n_reviews FROM review_state r "
                "JOIN clusters c ON c.cluster_id = r.event_id ORDER BY c.cluster_id").fetchall()
        out = []
        for rec, ch, st, stale, n in rows:
            coder = Event.from_dict(json.loads(rec))
            changes = json.loads(ch) if ch else {}
            out.append((coder, apply_changes(coder, changes), ReviewState(st, changes, bool(stale), n or 0)))
        return out

    # --- the review queue ----------------------------------------------------------------------

    def review_queue(self, limit: int = 50, **filters: Any) -> list[QueueItem]:
        """Unreviewed events, most worth a look first: low confidence, many killed,
        actors seen in no other event (weights in ``defaults.QUEUE_WEIGHT_*``)."""
        where, params = self._event_filters(review="unreviewed", **filters)
        w_conf, w_fat, w_new = defaults.QUEUE_WEIGHT_UNCERTAIN, defaults.QUEUE_WEIGHT_FATALITIES, \
            defaults.QUEUE_WEIGHT_NEW_ACTOR
        sql = f"""
            WITH rare AS (
                SELECT a.name FROM actors a JOIN event_links l ON l.event_id = a.event_id
                GROUP BY a.name HAVING count(DISTINCT l.cluster_id) = 1),
            cand AS (
                SELECT c.cluster_id, c.record,
                  coalesce(CAST(json_extract(c.record, '$.confidence') AS DOUBLE), 0.5) AS conf,
                  coalesce(c.fatalities, 0) AS fat,
                  EXISTS (SELECT 1 FROM event_links l JOIN actors a ON a.event_id = l.event_id
                          WHERE l.cluster_id = c.cluster_id AND a.name IN (SELECT name FROM rare)) AS new_actor
                FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id
                {"WHERE " + " AND ".join(where) if where else ""})
            SELECT cluster_id, record, conf, fat, new_actor,
                   {w_conf} * (1 - 2 * abs(conf - 0.5)) + {w_fat} * ln(1 + fat) / ln(101) + {w_new} * CAST(new_actor AS INTEGER) AS score
            FROM cand ORDER BY score DESC, cluster_id LIMIT {int(limit)}"""
        with self._session() as con:
            rows = con.execute(sql, params).fetchall()
        out = []
        for _cid, rec, conf, fat, new_actor, score in rows:
            reasons = []
            if abs(conf - 0.5) < 0.25:
                reasons.append(f"uncertain (confidence {conf:.2f})")
            if fat:
                reasons.append(f"{fat} killed")
            if new_actor:
                reasons.append("an actor seen in no other event")
            out.append(QueueItem(Event.from_dict(json.loads(rec)), round(float(score), 4), reasons))
        return out

    # --- re-coding --------------------------------------------------------------------------------

    def recode_article(self, article_id: str, events: Sequence[Event]) -> RecodeResult:
        """Replace an article's events by a new coding of it. The coder records of
        other articles and every review stay; a reviewed event coded again under
        the same id keeps its reviews (flagged stale when its record changed); a
        reviewed event no longer coded is reported as orphaned."""
        from sitrep.dedup import Cluster

        with self.atomic() as con:
            old_links = dict(con.execute(
                "SELECT l.event_id, l.cluster_id FROM event_links l JOIN events e ON e.event_id = l.event_id "
                "WHERE e.article_id = ?", [article_id]).fetchall())
            origin_row = (con.execute("SELECT origin FROM events WHERE article_id = ? LIMIT 1", [article_id]).fetchall()[:1] or [None])[0]
            origin = origin_row[0] if origin_row else "sitrep"
            affected = set(old_links.values())
            reviewed_before = {r[0]: r[1] for r in con.execute(
                "SELECT r.event_id, r.basis FROM review_state r WHERE r.event_id IN (SELECT unnest($ids))",
                {"ids": sorted(affected | set(old_links))}).fetchall()}
            ids = list(old_links)
            for table in ("events", "actors", "event_links"):
                con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest($ids))", {"ids": ids})
            now = _now()
            self._rewrite_clusters(affected, origin=origin, now=now, cls=Cluster)
            self.add_events_many([(article_id, list(events))], origin=origin)
            new_cids = {r[0] for r in con.execute(
                "SELECT l.cluster_id FROM event_links l JOIN events e ON e.event_id = l.event_id WHERE e.article_id = ?",
                [article_id]).fetchall()}
            self._rewrite_clusters(affected | new_cids, origin=origin, now=now, cls=Cluster)
            current = dict(con.execute(
                "SELECT cluster_id, md5(record) FROM clusters WHERE cluster_id IN (SELECT unnest($ids))",
                {"ids": sorted(reviewed_before)}).fetchall())
        kept = sorted(e for e in reviewed_before if e in current)
        changed = sorted(e for e in kept if reviewed_before[e] and current[e] != reviewed_before[e])
        orphaned = sorted(e for e in reviewed_before if e not in current)
        return RecodeResult(article_id, len(events), kept, changed, orphaned)

    # --- reads for the web workspace -------------------------------------------------------------

    def sibling(self) -> Any:
        """A Store on the same open database through its own cursor, for another thread
        of this process (DuckDB connections are not shared between threads)."""
        other = type(self).__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.__dict__.update(_con=self._connect().cursor(), _depth=0, _schema_ok=True, hold_lock=True)
        return other

    def adjacent(self, event_id: str) -> tuple[str | None, str | None]:
        """The events just before and after this one in the list's order (newest first),
        rejected ones left out: (previous, next)."""
        key = "coalesce(coalesce(r.date, c.date), '')"
        base = ("SELECT c.cluster_id FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id "
                "WHERE (r.status IS NULL OR r.status <> 'rejected') AND ")
        with self._session() as con:
            row = con.execute(f"SELECT {key} FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id "
                              "WHERE c.cluster_id = ?", [event_id]).fetchall()
            if not row:
                return None, None
            k = row[0][0]
            prev = con.execute(base + f"({key} > $k OR ({key} = $k AND c.cluster_id > $id)) "
                               f"ORDER BY {key}, c.cluster_id LIMIT 1", {"k": k, "id": event_id}).fetchall()
            nxt = con.execute(base + f"({key} < $k OR ({key} = $k AND c.cluster_id < $id)) "
                              f"ORDER BY {key} DESC, c.cluster_id DESC LIMIT 1", {"k": k, "id": event_id}).fetchall()
        return (prev[0][0] if prev else None), (nxt[0][0] if nxt else None)

    def report_event(self, event_id: str) -> Event | None:
        """One reported event (the coder's record of one article), by its id."""
        with self._session() as con:
            rows = con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchall()
        return Event.from_dict(json.loads(rows[0][0])) if rows else None

    def article_events(self, article_id: str) -> list[tuple[Event, str | None]]:
        """The coder's events of one article (with the event each belongs to now)."""
        with self._session() as con:
            rows = con.execute(
                "SELECT e.record, l.cluster_id FROM events e LEFT JOIN event_links l ON l.event_id = e.event_id "
                "WHERE e.article_id = ? ORDER BY e.event_id", [article_id]).fetchall()
        return [(Event.from_dict(json.loads(r)), c) for r, c in rows]

    def timeline(self, *, by: str = "month", **filters: Any) -> list[tuple[str, str, int, int]]:
        """(period, PLOVER type, events, fatalities) of the filtered view, by month or week."""
        where, params = self._event_filters(**filters)
        date_col = "coalesce(r.date, c.date)"
        period = (f"substr({date_col}, 1, 7)" if by == "month"
                  else f"strftime(date_trunc('week', TRY_CAST({date_col} AS DATE)), '%Y-%m-%d')")
        sql = (f"SELECT {period} AS p, coalesce(r.event, c.event) AS t, count(*), "
               "sum(coalesce(r.fatalities, c.fatalities, 0)) FROM clusters c "
               "LEFT JOIN review_state r ON r.event_id = c.cluster_id "
               f"WHERE {date_col} IS NOT NULL" + "".join(f" AND {w}" for w in where) + " GROUP BY p, t ORDER BY p, t")
        with self._session() as con:
            return [(p, t, int(n), int(f or 0)) for p, t, n, f in con.execute(sql, params).fetchall() if p]

    # --- dyads, aggregated in the database --------------------------------------------------------

    _ROLES_SQL = """
        WITH v AS (
            SELECT c.cluster_id AS id, coalesce(r.event, c.event) AS ev, coalesce(r.fatalities, c.fatalities) AS fat,
                   coalesce(r.date, c.date) AS d, {actors} AS actors, {recipients} AS recipients
            FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id
            WHERE list_contains($modalities, coalesce(r.modality, c.modality)){where}),
        roles AS (
            SELECT id, 'a' AS role, unnest(from_json(actors, '{shape}')) AS x FROM v
            UNION ALL
            SELECT id, 'r' AS role, unnest(from_json(recipients, '{shape}')) AS x FROM v)"""
    _ACTOR_SHAPE = '[{"name": "VARCHAR", "org": "VARCHAR", "code": "VARCHAR"}]'

    def _roles_sql(self, modalities: Sequence[str], filters: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        where, params = self._event_filters(**filters)
        params["modalities"] = list(modalities)
        return (self._ROLES_SQL.format(where="".join(f" AND {w}" for w in where), shape=self._ACTOR_SHAPE,
                                       actors=ACTORS_VIEW["actor"], recipients=ACTORS_VIEW["recipient"]), params)

    def actor_keys(self, *, modalities: Sequence[str], **filters: Any) -> list[tuple[str, str | None, str | None]]:
        """The distinct (name, org, code) of the actors and recipients of the filtered view's
        events of these modalities (what :func:`sitrep.analysis.sides.active_dyads_of` labels)."""
        sql, params = self._roles_sql(modalities, filters)
        with self._session() as con:
            return [tuple(r) for r in con.execute(  # type: ignore[misc]
                sql + " SELECT DISTINCT x.name, x.org, x.code FROM roles WHERE x.name IS NOT NULL", params).fetchall()]

    def dyad_counts(self, labels: dict[tuple[str, str | None, str | None], list[str]], *, modalities: Sequence[str],
                    **filters: Any) -> list[tuple[str, str, str, int, int, str | None, str | None]]:
        """Events between pairs of sides, counted in the database: (side a, side b, PLOVER
        type, events, fatalities, first date, last date), a < b. ``labels`` gives each actor
        key (:meth:`actor_keys`) its sides (usually one). An event with recipients pairs each actor's side
        with each recipient's (other) side; one without pairs its actors' sides."""
        sql, params = self._roles_sql(modalities, filters)
        keys = [(k, lab) for k, labs in labels.items() for lab in labs]
        params.update({"k_name": [k[0] for k, _ in keys], "k_org": [k[1] for k, _ in keys],
                       "k_code": [k[2] for k, _ in keys], "k_label": [lab for _, lab in keys]})
        sql += """,
        m AS (SELECT unnest($k_name) AS name, unnest($k_org) AS org, unnest($k_code) AS code,
                     unnest($k_label) AS label),
        lab AS (SELECT DISTINCT roles.id, roles.role, m.label FROM roles JOIN m ON m.name = roles.x.name
                AND m.org IS NOT DISTINCT FROM roles.x.org AND m.code IS NOT DISTINCT FROM roles.x.code),
        pairs AS (
            SELECT DISTINCT a.id, least(a.label, b.label) AS x, greatest(a.label, b.label) AS y
            FROM lab a JOIN lab b ON a.id = b.id AND a.role = 'a' AND b.role = 'r' AND a.label <> b.label
            UNION
            SELECT DISTINCT a.id, a.label AS x, b.label AS y
            FROM lab a JOIN lab b ON a.id = b.id AND a.role = 'a' AND b.role = 'a' AND a.label < b.label
            WHERE a.id NOT IN (SELECT id FROM roles WHERE role = 'r'))
        SELECT p.x, p.y, v.ev, count(*), sum(coalesce(v.fat, 0)), min(v.d), max(v.d)
        FROM pairs p JOIN v ON v.id = p.id GROUP BY p.x, p.y, v.ev"""
        if not keys:
            return []
        with self._session() as con:
            return [(x, y, ev, int(n), int(f or 0), d0, d1) for x, y, ev, n, f, d0, d1 in con.execute(sql, params).fetchall()]

    def map_points(self, *, limit: int = 5000, **filters: Any) -> list[dict[str, Any]]:
        """Placed events of the filtered view (newest first, at most ``limit``): id, type, date,
        lat, lon, geo precision, fatalities."""
        where, params = self._event_filters(**filters)
        sql = (f"SELECT c.cluster_id, coalesce(r.event, c.event), coalesce(r.date, c.date), {LAT_VIEW}, {LON_VIEW}, "
               "CAST(json_extract(c.record, '$.location.geo_precision') AS INTEGER), "
               "coalesce(r.fatalities, c.fatalities), json_extract_string(c.record, '$.location.name') "
               "FROM clusters c LEFT JOIN review_state r ON r.event_id = c.cluster_id "
               f"WHERE {LAT_VIEW} IS NOT NULL AND {LON_VIEW} IS NOT NULL" + "".join(f" AND {w}" for w in where)
               + f" ORDER BY coalesce(r.date, c.date) DESC NULLS LAST, c.cluster_id LIMIT {int(limit)}")
        with self._session() as con:
            rows = con.execute(sql, params).fetchall()
        keys = ("event_id", "event", "date", "lat", "lon", "geo_precision", "fatalities", "place")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- users ----------------------------------------------------------------------------------

    def add_user(self, user: User) -> None:
        """Store a user (hashes only). Raises StoreError when the name is taken."""
        if user.role not in ROLES:
            raise ReviewError(f"role is one of {', '.join(ROLES)}", item=user.role)
        with self.atomic() as con:
            if (con.execute("SELECT 1 FROM users WHERE name = ?", [user.name]).fetchall()[:1] or [None])[0]:
                raise StoreError("a user of that name exists", item=user.name)
            self._insert("users", [{**dataclasses.asdict(user), "created_at": _now()}])

    def user(self, name: str) -> User | None:
        with self._session() as con:
            row = (con.execute("SELECT name, role, password_hash, token_id, token_hash FROM users WHERE name = ?",
                              [name]).fetchall()[:1] or [None])[0]
        return User(*row) if row else None

    def user_by_token_id(self, token_id: str) -> User | None:
        with self._session() as con:
            row = (con.execute("SELECT name, role, password_hash, token_id, token_hash FROM users WHERE token_id = ?",
                              [token_id]).fetchall()[:1] or [None])[0]
        return User(*row) if row else None

    # --- logins (sitrep serve) -------------------------------------------------------------------

    def add_session(self, sid_hash: str, name: str, role: str, csrf: str, expires: float) -> None:
        """Store a login (``sid_hash``: sha256 of the session id; ``expires``: epoch seconds);
        logins that have expired go."""
        import time

        with self.atomic() as con:
            con.execute("DELETE FROM sessions WHERE expires < ?", [time.time()])
            self._insert("sessions", [{"sid_hash": sid_hash, "name": name, "role": role, "csrf": csrf,
                                       "expires": float(expires), "created_at": _now()}])

    def session_of(self, sid_hash: str) -> tuple[str, str, str, float] | None:
        """(name, role, csrf, expires) of a stored login, or None."""
        with self._session() as con:
            row = con.execute("SELECT name, role, csrf, expires FROM sessions WHERE sid_hash = ?",
                              [sid_hash]).fetchone()
        return (row[0], row[1], row[2], float(row[3])) if row else None

    def drop_session(self, sid_hash: str) -> None:
        with self.atomic() as con:
            con.execute("DELETE FROM sessions WHERE sid_hash = ?", [sid_hash])

    def users(self) -> list[User]:
        with self._session() as con:
            return [User(*r) for r in con.execute(
                "SELECT name, role, password_hash, token_id, token_hash FROM users ORDER BY name").fetchall()]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
