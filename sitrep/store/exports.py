"""Exports of the store's canonical events in formats users already read.

============  ==================================================================================
format        what
============  ==================================================================================
plover        JSON Lines, one PLOVER record per event: ``event``, ``mode``, ``context``,
              ``actor``/``recipient`` lists, ``event_loc``, ``event_text``, ``text_info``
              (offsets), ``cite_info`` (every report and outlet), plus sitrep's own fields
acled-csv     ACLED's export columns (``event_id_cnty`` ... ``timestamp``); only events that
              have an ACLED event type (ACLED covers political violence, demonstrations and
              strategic developments); fatalities 0 when none is reported, as ACLED codes it
cameo-tsv     GDELT 2.0 event-table columns with a header row; ``GLOBALEVENTID`` holds sitrep's
              event id, geographic ``CountryCode`` columns hold ISO 3166 alpha-3 (GDELT uses
              FIPS 10-4 there), ``AvgTone`` and ``FeatureID`` stay empty
parquet       one row per event with flat columns and the full JSON ``record``; needs pyarrow
              and a file (``--out``)
============  ==================================================================================

Every format parses back: :func:`read_export` reads each one and returns the
event ids (and, for plover and parquet, the records) it holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sitrep.errors import MissingDependencyError, StoreError
from sitrep.models import Actor, Event
from sitrep.store.db import event_json

FORMATS = ("plover", "acled-csv", "cameo-tsv", "parquet")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

_ACTOR_COLS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
               "Type1Code", "Type2Code", "Type3Code")
_GEO_COLS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: GDELT 2.0 event table, in order (61 columns).
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR_COLS) + tuple(f"Actor2{c}" for c in _ACTOR_COLS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO_COLS) + tuple(f"Actor2Geo_{c}" for c in _GEO_COLS)
    + tuple(f"ActionGeo_{c}" for c in _GEO_COLS) + ("DATEADDED", "SOURCEURL")
)

_TIME_PRECISION = {"day": 1, "week": 2, "publication": 2, "month": 3, "year": 3}


class _Context:
    """What exports need besides the canonical events: reports, outlets, origins.
    Read for one chunk of events at a time (:meth:`load`), never for the whole store."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.sizes: dict[str, tuple[int, int]] = {}
        self.outlets: dict[str, tuple[list[str], list[str]]] = {}
        self.origins: dict[str, str] = {}

    def load(self, events: Sequence[Event]) -> _Context:
        ids = [e.event_id for e in events]
        sel = self.store._select_in
        self.sizes = {r[0]: (r[1], r[2]) for r in sel(
            "SELECT cluster_id, n_reports, n_articles FROM clusters WHERE cluster_id IN (SELECT unnest($vals))", ids)}
        self.origins = {r[0]: r[1] for r in sel(
            "SELECT cluster_id, origin FROM clusters WHERE cluster_id IN (SELECT unnest($vals))", ids)}
        self.outlets = {cid: (sorted(src or []), sorted(urls or [])) for cid, src, urls in sel(
            "SELECT l.cluster_id, list(DISTINCT r.source) FILTER (WHERE r.source IS NOT NULL), "
            "list(DISTINCT r.url) FILTER (WHERE r.url IS NOT NULL) FROM event_links l "
            "JOIN events e ON e.event_id = l.event_id JOIN article_reports r ON r.article_id = e.article_id "
            "WHERE l.cluster_id IN (SELECT unnest($vals)) GROUP BY l.cluster_id", ids)}
        return self

    def n_reports(self, ev: Event) -> int:
        return self.sizes.get(ev.event_id, (1, 1))[0]

    def n_articles(self, ev: Event) -> int:
        return self.sizes.get(ev.event_id, (1, 1))[1]

    def sources(self, ev: Event) -> list[str]:
        return self.outlets.get(ev.event_id, ([], []))[0]

    def urls(self, ev: Event) -> list[str]:
        return self.outlets.get(ev.event_id, ([], []))[1]

    def origin(self, ev: Event) -> str:
        return self.origins.get(ev.event_id, "sitrep")


# --- PLOVER ------------------------------------------------------------------------------


def _actor_dict(a: Actor) -> dict[str, Any]:
    return {"name": a.name, "text": a.text, "code": a.code, "country": a.country, "sector": a.type,
            "inter": a.inter, "role": a.role, "org": a.org}


def plover_record(ev: Event, *, reports: int = 1, articles: int = 1, sources: Sequence[str] = (),
                  urls: Sequence[str] = (), origin: str = "sitrep") -> dict[str, Any]:
    """One event as a PLOVER-style JSON record (see module docstring)."""
    loc = ev.location
    contexts: list[str] = []
    if ev.cameo:
        try:
            from sitrep.coding.taxonomy import cameo_plover_entry

            entry = cameo_plover_entry(ev.cameo)
            if entry is not None and entry.event == ev.event:
                contexts = list(entry.contexts)
        except ImportError:
            pass
    return {
        "id": ev.event_id, "date": ev.date, "date_precision": ev.date_precision,
        "event": ev.event, "mode": ev.mode, "context": contexts, "modality": ev.modality,
        "actor": [_actor_dict(a) for a in ev.actor], "recipient": [_actor_dict(a) for a in ev.recipient],
        "event_loc": None if loc is None else {
            "name": loc.name, "text": loc.text, "country": loc.country, "admin1": loc.admin1,
            "lat": loc.lat, "lon": loc.lon, "geo_precision": loc.geo_precision},
        "event_text": ev.evidence.sentence,
        "text_info": {"article_id": ev.article_id, "sentence_start": ev.evidence.start,
                      "sentence_end": ev.evidence.end, "trigger": ev.evidence.trigger.to_dict(),
                      "actor_offsets": [[a.start, a.end] for a in ev.actor],
                      "recipient_offsets": [[a.start, a.end] for a in ev.recipient],
                      "loc_offsets": None if loc is None else [loc.start, loc.end]},
        "cite_info": {"reports": reports, "articles": articles, "sources": list(sources), "urls": list(urls),
                      "attribution": ev.attribution.to_dict() if ev.attribution else None},
        "fatalities": ev.fatalities, "injured": ev.injured, "count": ev.count,
        "cameo": ev.cameo, "acled_event_type": ev.acled_event_type,
        "acled_sub_event_type": ev.acled_sub_event_type, "confidence": ev.confidence, "origin": origin,
    }


# --- ACLED ---------------------------------------------------------------------------------


def _disorder(event_type: str | None, sub: str | None) -> str:
    if event_type == "Protests":
        return "Political violence; Demonstrations" if sub == "Excessive force against protesters" \
            else "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def _country(iso3: str | None) -> tuple[str, str]:
    """(ISO numeric, country name) for an alpha-3 code."""
    if not iso3:
        return "", ""
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError, KeyError):
        c = None
    if c is None:
        return "", iso3
    return str(int(c.numeric)), getattr(c, "common_name", None) or c.name


def acled_row(ev: Event, *, sources: Sequence[str] = ()) -> dict[str, Any]:
    loc = ev.location
    a1, a2 = ev.actor, ev.recipient
    inter1 = a1[0].inter if a1 else None
    inter2 = a2[0].inter if a2 else None
    interaction: int | str = ""
    if inter1 and inter2:
        interaction = int("".join(sorted(f"{inter1}{inter2}")))
    elif inter1 or inter2:
        interaction = int(f"{inter1 or inter2}0")
    iso, country = _country(loc.country if loc else None)
    civ = any((a.type == "civilians") for a in a2)
    return {
        "event_id_cnty": ev.event_id, "event_date": ev.date or "", "year": (ev.date or "")[:4],
        "time_precision": _TIME_PRECISION.get(ev.date_precision or "", 3), "disorder_type":
        _disorder(ev.acled_event_type, ev.acled_sub_event_type), "event_type": ev.acled_event_type,
        "sub_event_type": ev.acled_sub_event_type or "",
        "actor1": a1[0].name if a1 else "", "assoc_actor_1": "; ".join(a.name for a in a1[1:]),
        "inter1": inter1 or "", "actor2": a2[0].name if a2 else "",
        "assoc_actor_2": "; ".join(a.name for a in a2[1:]), "inter2": inter2 or "",
        "interaction": interaction, "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": iso, "region": "", "country": country, "admin1": (loc.admin1 if loc else "") or "",
        "admin2": "", "admin3": "", "location": loc.name if loc else "",
        "latitude": "" if not loc or loc.lat is None else f"{loc.lat:.4f}",
        "longitude": "" if not loc or loc.lon is None else f"{loc.lon:.4f}",
        "geo_precision": (loc.geo_precision if loc else None) or "",
        "source": "; ".join(sources), "source_scale": "", "notes": ev.evidence.sentence.strip(),
        "fatalities": ev.fatalities if ev.fatalities is not None else 0, "tags": "",
        "timestamp": int(datetime.now(UTC).timestamp()),
    }


# --- CAMEO / GDELT ------------------------------------------------------------------------------


def _role_codes() -> dict[str, str]:
    try:
        from sitrep.coding.taxonomy import load_cameo_sectors
    except ImportError:
        return {}
    out: dict[str, str] = {}
    for code, (typ, _kind) in load_cameo_sectors().items():
        out.setdefault(typ, code)
    return out


def _gdelt_actor(a: Actor | None, roles: dict[str, str]) -> list[Any]:
    if a is None:
        return [""] * len(_ACTOR_COLS)
    role = roles.get(a.type or "", "")
    code = a.code or ((a.country or "") + role)
    return [code, (a.name or "").upper(), a.country or "", "", "", "", "", role, "", ""]


def _gdelt_geo(ev: Event) -> list[Any]:
    loc = ev.location
    if loc is None:
        return [0, "", "", "", "", "", "", ""]
    if loc.lat is not None and loc.geo_precision in (1, 2):
        gtype = 4  # world city
    elif loc.admin1 or loc.geo_precision == 3:
        gtype = 5  # world state (ADM1)
    else:
        gtype = 1  # country
    full = ", ".join(x for x in (loc.name, loc.admin1) if x)
    return [gtype, full, loc.country or "", loc.admin1 or "", "", "" if loc.lat is None else loc.lat,
            "" if loc.lon is None else loc.lon, ""]


def gdelt_row(ev: Event, *, roles: dict[str, str], reports: int = 1, articles: int = 1, sources: int = 0,
              url: str = "") -> list[Any]:
    from sitrep.coding.taxonomy import goldstein, plover_to_cameo, quad_class

    code = ev.cameo or plover_to_cameo(ev.event, ev.mode) or ""
    day = (ev.date or "").replace("-", "")
    frac = ""
    try:
        d = datetime.fromisoformat(ev.date[:10]) if ev.date else None
    except ValueError:  # a stored date that is not a calendar day: no fraction, never a crash
        d = None
    if d is not None:
        frac = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    geo = _gdelt_geo(ev)
    gs = goldstein(code) if code else None
    return ([ev.event_id, day, day[:6], day[:4], frac]
            + _gdelt_actor(ev.actor[0] if ev.actor else None, roles)
            + _gdelt_actor(ev.recipient[0] if ev.recipient else None, roles)
            + [1, code, code[:3], code[:2], (quad_class(code) or "") if code else "", "" if gs is None else gs,
               reports, sources, articles, ""]
            + (geo if ev.actor else [0, "", "", "", "", "", "", ""])
            + (geo if ev.recipient else [0, "", "", "", "", "", "", ""])
            + geo + [datetime.now(UTC).strftime("%Y%m%d%H%M%S"), url])


# --- writing -------------------------------------------------------------------------------------


def export(store: Any, fmt: str, out: IO[str] | str | Path | None = None, **filters: Any) -> int:
    """Write the store's canonical events (filtered like ``store.events``) in
    ``fmt`` to ``out`` (a text stream, a path, or stdout). Returns rows written.
    Events stream in chunks of ``defaults.EXPORT_CHUNK_ROWS``: memory stays
    bounded however large the store."""
    import sys

    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    limit = filters.pop("limit", None)
    chunks = store.iter_events(**filters, limit=limit)
    ctx = _Context(store)
    if fmt == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise StoreError("parquet is binary: give a file with --out FILE.parquet")
        return _write_parquet(chunks, ctx, Path(out))
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return _write_text(chunks, ctx, fmt, fh)
    return _write_text(chunks, ctx, fmt, out or sys.stdout)


def _write_text(chunks: Iterable[list[Event]], ctx: _Context, fmt: str, fh: IO[str]) -> int:
    n = 0
    roles = _role_codes() if fmt == "cameo-tsv" else {}
    w = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w2 = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if fmt == "acled-csv":
        w.writeheader()
    elif fmt == "cameo-tsv":
        w2.writerow(GDELT_COLUMNS)
    for events in chunks:
        ctx.load(events)
        for ev in events:
            if fmt == "plover":
                rec = plover_record(ev, reports=ctx.n_reports(ev), articles=ctx.n_articles(ev),
                                    sources=ctx.sources(ev), urls=ctx.urls(ev), origin=ctx.origin(ev))
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            elif fmt == "acled-csv":
                if not ev.acled_event_type:
                    continue
                w.writerow(acled_row(ev, sources=ctx.sources(ev)))
            else:  # cameo-tsv
                urls = ctx.urls(ev)
                w2.writerow(_tsv_safe(gdelt_row(ev, roles=roles, reports=ctx.n_reports(ev),
                                                articles=ctx.n_articles(ev), sources=len(ctx.sources(ev)),
                                                url=urls[0] if urls else "")))
            n += 1
    return n


def _tsv_safe(cells: list[Any]) -> list[Any]:
    """GDELT tables are plain tab-separated text: a tab or newline inside a value becomes a space."""
    return [c.replace("\t", " ").replace("\r", " ").replace("\n", " ") if isinstance(c, str) else c for c in cells]


def _write_parquet(chunks: Iterable[list[Event]], ctx: _Context, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("pyarrow", "parquet", purpose="Parquet export") from None
    keys = ("event_id", "origin", "event", "mode", "modality", "cameo", "acled_event_type", "acled_sub_event_type",
            "date", "date_precision", "actors", "recipients", "actor_countries", "recipient_countries", "location",
            "country", "admin1", "lat", "lon", "geo_precision", "fatalities", "injured", "count", "confidence",
            "sentence", "article_id", "n_reports", "n_articles", "sources", "urls", "record")
    schema = pa.schema([
        (k, pa.list_(pa.string()) if k in ("actors", "recipients", "actor_countries", "recipient_countries",
                                           "sources", "urls")
         else pa.float64() if k in ("lat", "lon", "confidence")
         else pa.int64() if k in ("geo_precision", "fatalities", "injured", "count", "n_reports", "n_articles")
         else pa.string()) for k in keys])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for events in chunks:
            ctx.load(events)
            rows: dict[str, list[Any]] = {k: [] for k in keys}
            for ev in events:
                loc = ev.location
                vals = {
                    "event_id": ev.event_id, "origin": ctx.origin(ev), "event": ev.event, "mode": ev.mode,
                    "modality": ev.modality, "cameo": ev.cameo, "acled_event_type": ev.acled_event_type,
                    "acled_sub_event_type": ev.acled_sub_event_type, "date": ev.date,
                    "date_precision": ev.date_precision,
                    "actors": [a.name for a in ev.actor], "recipients": [a.name for a in ev.recipient],
                    "actor_countries": [a.country for a in ev.actor],
                    "recipient_countries": [a.country for a in ev.recipient],
                    "location": loc.name if loc else None, "country": loc.country if loc else None,
                    "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
                    "lon": loc.lon if loc else None,
                    "geo_precision": loc.geo_precision if loc else None, "fatalities": ev.fatalities,
                    "injured": ev.injured, "count": ev.count, "confidence": ev.confidence,
                    "sentence": ev.evidence.sentence, "article_id": ev.article_id, "n_reports": ctx.n_reports(ev),
                    "n_articles": ctx.n_articles(ev), "sources": ctx.sources(ev), "urls": ctx.urls(ev),
                    "record": event_json(ev)}
                for k, v in vals.items():
                    rows[k].append(v)
            writer.write_table(pa.table(rows, schema=schema))
            n += len(events)
    if n == 0 and not path.exists():
        pq.write_table(pa.table({k: [] for k in keys}, schema=schema), path)
    return n


# --- reading back ----------------------------------------------------------------------------------


def read_export(fmt: str, source: str | Path | IO[str]) -> list[dict[str, Any]]:
    """Parse an export back into one dict per event (``id`` always present):
    the PLOVER record, the ACLED or GDELT row, or the Parquet row."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(source)  # type: ignore[arg-type]
        return [{"id": r["event_id"], **r} for r in table.to_pylist()]
    if isinstance(source, (str, Path)):
        text = Path(source).read_text(encoding="utf-8")
    else:
        text = source.read()
    if fmt == "plover":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if fmt == "acled-csv":
        reader = csv.DictReader(io.StringIO(text))
        if tuple(reader.fieldnames or ()) != ACLED_COLUMNS:
            raise StoreError("not an ACLED CSV: columns differ")
        return [{"id": r["event_id_cnty"], **r} for r in reader]
    if fmt == "cameo-tsv":
        reader = csv.DictReader(io.StringIO(text), delimiter="\t")
        if tuple(reader.fieldnames or ()) != GDELT_COLUMNS:
            raise StoreError("not a GDELT event table: columns differ")
        return [{"id": r["GLOBALEVENTID"], **r} for r in reader]
    raise StoreError(f"unknown export format {fmt!r}")
