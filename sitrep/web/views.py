"""What the routes hand out: records, CSV/GeoJSON, event and article details, and the
server-drawn SVG of the map and the timeline. Library calls only (no SQL here); every
piece of text that reaches HTML is escaped (markupsafe) or goes through Jinja's autoescape.
"""

from __future__ import annotations

import csv
import io
import json
import math
import secrets
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from starlette.responses import JSONResponse

from sitrep import defaults
from sitrep.errors import ReviewError
from sitrep.models import PLOVER_EVENTS, Event
from sitrep.store.reviews import ReviewState, decode_cursor, encode_cursor, record_dict

DATA = Path(__file__).parent / "data"

#: one colour per PLOVER type: the conflict types in warm, distinct hues; cooperation in cool ones
COLORS = {
    "AGREE": "#1b9e77", "CONSULT": "#66a61e", "SUPPORT": "#7570b3", "CONCEDE": "#17becf", "COOPERATE": "#1f78b4",
    "AID": "#a6cee3", "RETREAT": "#bcbd22", "REQUEST": "#999999", "ACCUSE": "#fb9a99", "REJECT": "#cab2d6",
    "THREATEN": "#ff7f00", "PROTEST": "#6a3d9a", "SANCTION": "#8c564b", "MOBILIZE": "#e6ab02", "COERCE": "#e7298a",
    "ASSAULT": "#d62728"}


def dumps(obj: Any) -> bytes:
    """JSON as the API sends it (UTF-8, compact): orjson when installed (the web extra;
    ~5x faster on a page of records), else the standard library."""
    if _orjson is not None:
        try:
            return _orjson.dumps(obj, option=_orjson.OPT_NON_STR_KEYS)  # type: ignore[no-any-return]
        except TypeError:  # a value orjson does not take: the standard library says what
            pass
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


_orjson: Any
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the web extra installs it
    _orjson = None


class FastJSONResponse(JSONResponse):
    """A JSONResponse rendered by :func:`dumps`."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def legend() -> list[tuple[str, str]]:
    return list(COLORS.items())


# --- records ---------------------------------------------------------------------------------------


def event_record(ev: Event | dict[str, Any], state: ReviewState) -> dict[str, Any]:
    """The record as ``--format jsonl`` writes it (current view) plus its review state."""
    return {**(ev if isinstance(ev, dict) else record_dict(ev)), "review": state.to_dict()}


CSV_COLUMNS = ("event_id", "event_date", "event", "mode", "event_type", "sub_event_type", "cameo", "modality",
               "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
               "fatalities", "confidence", "review", "article_id", "sentence")


def _cell(value: Any) -> Any:
    """No spreadsheet formulas: a text cell starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def events_csv(page: list[tuple[Event, ReviewState]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for ev, st in page:
        loc = ev.location
        w.writerow([_cell(v) for v in (
            ev.event_id, ev.date, ev.event, ev.mode, ev.acled_event_type, ev.acled_sub_event_type, ev.cameo,
            ev.modality, "; ".join(a.name for a in ev.actor), "; ".join(a.name for a in ev.recipient),
            loc.country if loc else None, loc.admin1 if loc else None, loc.name if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, loc.geo_precision if loc else None,
            ev.fatalities, ev.confidence, st.status or "", ev.article_id, ev.evidence.sentence)])
    return buf.getvalue()


def events_geojson(page: list[tuple[Event, ReviewState]]) -> dict[str, Any]:
    feats = []
    for ev, st in page:
        loc = ev.location
        geom = ({"type": "Point", "coordinates": [loc.lon, loc.lat]}
                if loc is not None and loc.lat is not None and loc.lon is not None else None)
        feats.append({"type": "Feature", "id": ev.event_id, "geometry": geom, "properties": {
            "event": ev.event, "event_type": ev.acled_event_type, "sub_event_type": ev.acled_sub_event_type,
            "event_date": ev.date, "fatalities": ev.fatalities, "place": loc.name if loc else None,
            "geo_precision": loc.geo_precision if loc else None, "review": st.status}})
    return {"type": "FeatureCollection", "features": feats}


def row(ev: Event, st: ReviewState) -> dict[str, Any]:
    """One line of the events table."""
    loc = ev.location
    return {"id": ev.event_id, "date": ev.date or "", "event": ev.event + (f"/{ev.mode}" if ev.mode else ""),
            "acled": ev.acled_sub_event_type or "", "actor": ", ".join(a.name for a in ev.actor),
            "recipient": ", ".join(a.name for a in ev.recipient), "place": loc.name if loc else "",
            "country": (loc.country or "") if loc else "", "fatalities": "" if ev.fatalities is None else ev.fatalities,
            "confidence": f"{ev.confidence:.2f}", "review": st.status or "", "stale": st.stale,
            "modality": ev.modality, "color": COLORS.get(ev.event, "#666")}


def events_json(store: Any, *, limit: int, cursor: str | None, filters: dict[str, Any]) -> bytes:
    """The JSON list answer ``{"data": [...], "next": cursor}``, kept until the next write."""
    from sitrep.store.reviews import filters_key

    def build() -> bytes:
        page, nxt = store.events_page(limit=limit, cursor=cursor, raw=True, **filters)
        return dumps({"data": [event_record(ev, st) for ev, st in page], "next": nxt})

    return store.cached("events_json", (int(limit), cursor, filters_key(filters)), build)  # type: ignore[no-any-return]


def event_detail(store: Any, event_id: str) -> dict[str, Any]:
    """``{"data": record, "coder": ..., "review": ..., "reports": [...], "merge": ..., "history": [...]}``
    (kept until the next write: a shared answer, do not change it)."""
    return _event_bundle(store, event_id)[0]


def _event_bundle(store: Any, event_id: str) -> tuple[dict[str, Any], dict[str, Event]]:
    """The event's details and its reports' records (for the article excerpts), kept together."""
    def build() -> tuple[dict[str, Any], dict[str, Event]]:
        coder, view, state = store.view(event_id)
        explanation = store.explain(view.event_id)
        ex = explanation.to_dict()
        detail = {"data": record_dict(view), "coder": record_dict(coder), "review": state.to_dict(),
                  "reports": ex["reports"], "merge": {"claims": ex["claims"], "blocked": ex["blocked"],
                                                      "checks": {r["event_id"]: r["checks"] for r in ex["reports"]}},
                  "history": [r.to_dict() for r in store.reviews(view.event_id)]}
        return detail, {r.event.event_id: r.event for r in explanation.reports}

    return store.cached("event_detail", event_id, build)  # type: ignore[no-any-return]


def _spans(ev: Event) -> list[dict[str, Any]]:
    out = [{"kind": "trigger", "start": ev.evidence.trigger.start, "end": ev.evidence.trigger.end,
            "text": ev.evidence.trigger.text}]
    for role, group in (("actor", ev.actor), ("recipient", ev.recipient)):
        for a in group:
            if a.start is not None and a.end is not None:
                out.append({"kind": role, "start": a.start, "end": a.end, "text": a.text, "name": a.name})
    if ev.location is not None and ev.location.start is not None and ev.location.end is not None:
        out.append({"kind": "place", "start": ev.location.start, "end": ev.location.end, "text": ev.location.text,
                    "name": ev.location.name})
    return out


def article_detail(store: Any, article_id: str) -> dict[str, Any]:
    art = store.article(article_id)
    if art is None:
        from sitrep.errors import StoreError

        raise StoreError("no such article in the store", item=article_id)
    events = []
    for ev, cid in store.article_events(art.id):
        events.append({"event_id": ev.event_id, "cluster_id": cid, "event": ev.event,
                       "sentence": {"start": ev.evidence.start, "end": ev.evidence.end}, "spans": _spans(ev)})
    return {"article_id": art.id, "title": art.title, "date": art.date, "url": art.url, "source": art.source,
            "text": art.text, "events": events, "copies": store.article_reports(art.id)}


def event_page(store: Any, event_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """What the event page shows: :func:`event_detail`, and each report's article around the
    event cut into escaped segments marked trigger/actor/place (both kept until the next write)."""
    detail, events = _event_bundle(store, event_id)
    return detail, store.cached("event_article", event_id, lambda: _highlighted(store, detail, events))


def _highlighted(store: Any, detail: dict[str, Any], events: dict[str, Event]) -> list[dict[str, Any]]:
    out = []
    texts: dict[str, Any] = {}
    for rep in detail["reports"]:
        if rep["article_id"] not in texts:
            texts[rep["article_id"]] = store.article(rep["article_id"])
        art = texts[rep["article_id"]]
        if art is None:
            continue
        ev = events.get(rep["event_id"]) or store.report_event(rep["event_id"])
        if ev is None:
            continue
        text = art.text
        lo = max(0, ev.evidence.start - defaults.SERVE_CONTEXT_CHARS)
        hi = min(len(text), ev.evidence.end + defaults.SERVE_CONTEXT_CHARS)
        marks: list[str | None] = [None] * (hi - lo)  # only the part shown (articles may be 2 MB)
        for i in range(max(lo, ev.evidence.start), min(hi, ev.evidence.end)):
            marks[i - lo] = "sentence"
        for sp in sorted(_spans(ev), key=lambda s: s["kind"] == "trigger"):  # the trigger wins overlaps
            for i in range(max(lo, sp["start"]), min(hi, sp["end"])):
                marks[i - lo] = sp["kind"]
        segs: list[tuple[str | None, str]] = []
        start = lo
        for i in range(lo + 1, hi + 1):
            if i == hi or marks[i - lo] != marks[start - lo]:
                segs.append((marks[start - lo], text[start:i]))
                start = i
        out.append({"event_id": ev.event_id, "article_id": art.id, "title": art.title, "source": art.source,
                    "url": art.url, "cut_before": lo > 0, "cut_after": hi < len(text), "segments": segs})
    return out


def neighbours(store: Any, event_id: str, *, queue: bool = False) -> tuple[str | None, str | None]:
    """The events before and after this one (for k/j): in the review queue's order when the
    page was opened from the queue, else in the event list's order."""
    if not queue:
        return store.adjacent(event_id)  # type: ignore[no-any-return]
    ids = [q.event.event_id for q in store.review_queue(limit=defaults.SERVE_QUEUE_NEIGHBOURS)]
    if event_id not in ids:
        return None, ids[0] if ids else None
    k = ids.index(event_id)
    return (ids[k - 1] if k > 0 else None), (ids[k + 1] if k + 1 < len(ids) else None)


def acled_subs() -> list[str]:
    from sitrep.coding.taxonomy import acled_sub_event_types

    return list(acled_sub_event_types())


def form_value(field: str, value: str) -> Any:
    """A correction typed into the no-JS form: numbers for the count fields."""
    value = value.strip()
    if field in ("fatalities", "injured", "count", "size"):
        if not value.isdigit():
            raise ReviewError("must be a whole number", item=field)
        return int(value)
    if field in ("latitude", "longitude") and value:
        try:
            return float(value)
        except ValueError:
            raise ReviewError("must be a number", item=field) from None
    return value or None


# --- dyads -------------------------------------------------------------------------------------------


def dyads(store: Any, *, since: str | None = None, until: str | None = None, limit: int = 50,
          cursor: str | None = None) -> tuple[list[Any], str | None]:
    """Active dyads as ``sitrep dyads`` ranks them; the cursor is the rank to go on from."""
    from sitrep.analysis.sides import active_dyads_of

    start = 0
    if cursor:
        key = decode_cursor(cursor)
        if key[0] != "dyads" or not key[1].isdigit():
            raise ReviewError("not a cursor this API gave out", item="cursor")
        start = int(key[1])
    rows = store.cached("dyads", (since, until), lambda: active_dyads_of(store, since=since, until=until))
    nxt = encode_cursor(["dyads", str(start + limit)]) if start + limit < len(rows) else None
    return rows[start:start + limit], nxt


def dyad_analysis(store: Any, a: str, b: str, since: str | None, until: str | None) -> Any:
    from sitrep.analysis.dyad import analyse
    from sitrep.analysis.sources import ucdp_hints

    events = store.events(since=since, until=until)
    return analyse(events, a, b, since=since, until=until, hints=ucdp_hints(store, events))


# --- SVG ---------------------------------------------------------------------------------------------

W, H = 1000, 500


def _xy(lon: float, lat: float) -> tuple[float, float]:
    return (lon + 180) / 360 * W, (90 - lat) / 180 * H


@lru_cache(maxsize=1)
def _countries_svg() -> str:
    world = json.loads((DATA / "world-110m.json").read_text(encoding="utf-8"))
    paths = []
    for c in world["countries"]:
        d = []
        for ring in c["rings"]:
            prev = None
            crossed = False
            for k, (lon, lat) in enumerate(ring):
                x, y = _xy(lon, lat)
                jump = prev is not None and abs(lon - prev) > 180  # crosses the antimeridian
                crossed = crossed or jump
                d.append(f"{'M' if k == 0 or jump else 'L'}{x:.1f},{y:.1f}")
                prev = lon
            if not crossed:  # closing a ring cut at the antimeridian would draw a line across the map
                d.append("Z")
        paths.append(f'<path class="land" d="{"".join(d)}"><title>{escape(c["name"] or "")}</title></path>')
    return "".join(paths)


def map_svg(points: list[dict[str, Any]]) -> Markup:
    """Country outlines and events: colour by type, area by fatalities, ring style by
    geo precision (solid: the town; dashed: near it or part of a region; dotted: a region)."""
    vx, vy, vw, vh = _view(points)
    k = vw / W  # map units per pixel of the full map: dots keep their size when zoomed in
    dots = []
    for p in sorted(points, key=lambda p: -(p["fatalities"] or 0)):  # small ones on top
        x, y = _xy(float(p["lon"]), float(p["lat"]))
        r = (3 + 1.5 * math.sqrt(min(p["fatalities"] or 0, 400))) * k
        prec = p["geo_precision"]
        cls = {1: "p1", 2: "p2", 3: "p3"}.get(prec, "p3")
        title = (f"{p['event']} {p['date'] or ''} {p['place'] or ''}: {p['fatalities'] or 0} killed; "
                 f"precision {prec if prec is not None else '?'}")
        dots.append(f'<a href="/events/{escape(p["event_id"])}"><circle class="ev {cls}" cx="{x:.1f}" cy="{y:.1f}" '
                    f'r="{r:.1f}" fill="{COLORS.get(p["event"], "#666")}"><title>{escape(title)}</title>'
                    "</circle></a>")
    return Markup(f'<svg class="map" viewBox="{vx:.1f} {vy:.1f} {vw:.1f} {vh:.1f}" role="img" '
                  f'aria-label="map of events" xmlns="http://www.w3.org/2000/svg">'
                  f'<rect class="sea" width="{W}" height="{H}"/>{_countries_svg()}{"".join(dots)}</svg>')


def _view(points: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """The part of the world the events are in (2:1, at least MAP_MIN_SPAN_DEG wide), or all of it."""
    if not points:
        return 0.0, 0.0, float(W), float(H)
    xs, ys = zip(*(_xy(float(p["lon"]), float(p["lat"])) for p in points), strict=True)
    span = max(max(xs) - min(xs), 2 * (max(ys) - min(ys))) * 1.3
    vw = min(float(W), max(span, defaults.SERVE_MAP_MIN_SPAN_DEG / 360 * W))
    vh = vw / 2
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    vx = min(max(cx - vw / 2, 0.0), W - vw)
    vy = min(max(cy - vh / 2, 0.0), H - vh)
    return vx, vy, vw, vh


def timeline_svg(rows: list[tuple[str, str, int, int]]) -> Markup:
    """Stacked bars: events per period by PLOVER type."""
    if not rows:
        return Markup('<p class="empty">no dated events for these filters</p>')
    periods = _continuous(sorted({p for p, _, _, _ in rows}))
    by: dict[str, dict[str, int]] = defaultdict(dict)
    for p, t, n, _ in rows:
        by[p][t] = n
    top = max(sum(v.values()) for v in by.values()) or 1
    w, h, pad = 1000, 320, 40
    bw = (w - pad) / len(periods)
    parts = [f'<svg class="timeline" viewBox="0 0 {w} {h + 40}" role="img" aria-label="events over time" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<text class="axis" x="0" y="12">{top}</text><text class="axis" x="0" y="{h}">0</text>']
    step = max(1, len(periods) // 12)
    for k, p in enumerate(periods):
        y: float = h
        x = pad + k * bw
        for t in PLOVER_EVENTS:
            n = by[p].get(t, 0)
            if not n:
                continue
            bh = n / top * (h - 20)
            y -= bh
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bw - 1, 1):.1f}" height="{bh:.1f}" '
                         f'fill="{COLORS[t]}"><title>{escape(p)} {t}: {n}</title></rect>')
        if k % step == 0:
            parts.append(f'<text class="axis" x="{x:.1f}" y="{h + 16}">{escape(p)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _continuous(periods: list[str]) -> list[str]:
    """Every month (YYYY-MM) or week (YYYY-MM-DD Mondays) from the first to the last, so
    quiet spells show as gaps; the periods as given when they are neither."""
    from datetime import date, timedelta

    try:
        if len(periods[0]) == 7:
            y, m = map(int, periods[0].split("-"))
            out = []
            while f"{y:04d}-{m:02d}" <= periods[-1]:
                out.append(f"{y:04d}-{m:02d}")
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return out
        d, last = date.fromisoformat(periods[0]), date.fromisoformat(periods[-1])
        out = []
        while d <= last:
            out.append(d.isoformat())
            d += timedelta(days=7)
        return out
    except ValueError:
        return periods


def dyad_svg(res: Any) -> Markup:
    rows = res.weekly.to_rows()
    if not rows:
        return Markup('<p class="empty">no dated events between these sides</p>')
    periods = sorted({r["period"] for r in rows})
    dirs = sorted({r["direction"] for r in rows})
    palette = ["#d95f02", "#1b9e77", "#7570b3", "#999999"]
    tl = [(r["period"], dirs[0] if len(dirs) == 1 else r["direction"], r["events"], r["fatalities"]) for r in rows]
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for p, d, n, _ in tl:
        counts[p][d] = counts[p].get(d, 0) + n
    top = max(sum(v.values()) for v in counts.values()) or 1
    w, h, pad = 1000, 200, 40
    bw = (w - pad) / len(periods)
    parts = [f'<svg class="timeline" viewBox="0 0 {w} {h + 40}" role="img" aria-label="dyad by week" '
             'xmlns="http://www.w3.org/2000/svg">']
    for k, p in enumerate(periods):
        y: float = h
        x = pad + k * bw
        for j, d in enumerate(dirs):
            n = counts[p].get(d, 0)
            if n:
                bh = n / top * (h - 20)
                y -= bh
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bw - 1, 1):.1f}" height="{bh:.1f}" '
                             f'fill="{palette[j % 4]}"><title>{escape(p)} {escape(d)}: {n}</title></rect>')
    parts.append("</svg>")
    legend_html = "".join(f'<span class="key"><i class="sw" data-c="{j % 4}"></i>{escape(d)}</span>'
                          for j, d in enumerate(dirs))
    return Markup("".join(parts) + f'<p class="legend">{legend_html}</p>')
