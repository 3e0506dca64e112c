"""Bring existing event datasets into the store, source-tagged, to line up against coded news.

    sitrep import acled FILE.csv      ACLED export (its own column names)
    sitrep import ucdp FILE.csv|.jsonl UCDP GED (CSV, HDX layout with its HXL tag row, or JSON Lines)
    sitrep import gdelt FILE          GDELT event table (tab-separated; 1.0 or 2.0 layout, or sitrep's
                                      own cameo-tsv export with its header row)

Each row becomes an :class:`~sitrep.models.Event` with ``origin`` acled / ucdp /
gdelt, event id ``<origin>-<row id>`` (so importing twice is a no-op), the
dataset's own row kept as JSON in the store's ``raw`` column, and its own
cluster: imported events are never merged with each other or with coded news.
Rows that cannot be mapped are counted by reason and logged once per reason.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.errors import DataFileError, InputError, MalformedRecordError
from sitrep.models import Actor, CodingFailure, Event, Evidence, Place, Span

UCDP_FILE = defaults.DATA_DIR / "ucdp.tsv"
IMPORT_BATCH_ROWS = 5_000


@dataclass
class ImportSummary:
    origin: str
    rows: int = 0
    imported: int = 0
    already: int = 0  # stored by an earlier import
    skipped: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        skipped = sum(self.skipped.values())
        why = "; ".join(f"{n} {r}" for r, n in self.skipped.most_common(5))
        return (f"{self.origin}: {self.rows} rows, {self.imported} events imported, {self.already} already "
                f"stored, {skipped} skipped{' (' + why + ')' if why else ''}")


# --- helpers -------------------------------------------------------------------------------


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _country_code(name: str | None) -> str | None:
    if not name:
        return None
    try:
        from sitrep.resolve.countries import country_code
    except ImportError:
        return None
    return country_code(name)


def _evidence(text: str) -> Evidence:
    return Evidence(sentence=text, start=0, end=len(text), trigger=Span("", 0, 0))


def _csv_rows(path: Path, delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        for i, row in enumerate(reader, start=2):
            vals = [v for v in row.values() if isinstance(v, str) and v.strip()]
            if vals and sum(v.startswith("#") for v in vals) >= max(1, len(vals) // 2):
                continue  # an HXL hashtag row (HDX files): tags, not data
            yield i, row


def _store_rows(store: Any, origin: str, rows: Iterator[tuple[str, Event | str, dict[str, Any]]],
                summary: ImportSummary) -> ImportSummary:
    batch: list[tuple[Event, str]] = []

    def flush() -> None:
        if not batch:
            return
        with store.atomic():
            res = store.add_events_many([(ev.article_id, [ev]) for ev, _ in batch], origin=origin,
                                        raw=[raw for _, raw in batch])
        summary.imported += res.new
        summary.already += res.seen
        batch.clear()

    for _where, ev, raw in rows:
        summary.rows += 1
        if isinstance(ev, str):
            summary.skipped[ev] += 1
            continue
        batch.append((ev, json.dumps(raw, ensure_ascii=False, default=str)))
        if len(batch) >= IMPORT_BATCH_ROWS:
            flush()
    flush()
    if summary.skipped:
        store.log_failures([CodingFailure(item=f"import {origin}", reason=f"{n} row(s) skipped: {why}",
                                          error="MalformedRecordError")
                            for why, n in summary.skipped.items()])
    return summary


# --- ACLED ---------------------------------------------------------------------------------


def _acled_actor(name: str | None, inter: Any, assoc: str | None) -> tuple[Actor, ...]:
    out = []
    if name:
        out.append(Actor(text=name, name=name, inter=_int(inter)))
    for extra in (assoc or "").split(";"):
        if extra.strip():
            out.append(Actor(text=extra.strip(), name=extra.strip()))
    return tuple(out)


def acled_event(row: dict[str, str]) -> Event | str:
    """One ACLED CSV row -> Event, or the reason it cannot be imported."""
    from sitrep.coding.taxonomy import acled_entry, cameo_to_plover

    rid = _str(row.get("event_id_cnty")) or _str(row.get("data_id"))
    if not rid:
        return "no event_id_cnty"
    sub = _str(row.get("sub_event_type"))
    entry = acled_entry(sub)
    if entry is None or not entry.plover_event:
        return f"no PLOVER event for ACLED sub-event type {sub!r}"
    date = _str(row.get("event_date"))
    if date and not (len(date) >= 10 and date[:4].isdigit() and date[4] == "-"):
        from sitrep.resolve.dates import parse_publication_date

        try:
            date = parse_publication_date(date)
        except InputError:
            return "unreadable event_date"
    tp = _int(row.get("time_precision"))
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    country = _str(row.get("iso3")) or _country_code(_str(row.get("country")))
    loc_name = _str(row.get("location"))
    place = Place(text=loc_name or "", name=loc_name or (row.get("country") or ""), country=country,
                  admin1=_str(row.get("admin1")), lat=lat, lon=lon,
                  geo_precision=_int(row.get("geo_precision"))) if (loc_name or country) else None
    notes = _str(row.get("notes")) or f"ACLED event {rid}"
    mode = entry.plover_mode
    if entry.cameo:
        mapped = cameo_to_plover(entry.cameo)
        mode = mode or (mapped[1] if mapped else None)
    eid = f"acled-{rid}"
    return Event(
        article_id=f"acled:{rid}", event_id=eid, event=entry.plover_event, mode=mode,
        acled_event_type=_str(row.get("event_type")), acled_sub_event_type=sub, cameo=entry.cameo,
        actor=_acled_actor(_str(row.get("actor1")), row.get("inter1"), _str(row.get("assoc_actor_1"))),
        recipient=_acled_actor(_str(row.get("actor2")), row.get("inter2"), _str(row.get("assoc_actor_2"))),
        evidence=_evidence(notes), confidence=1.0, modality="asserted", location=place, date=date,
        date_precision={1: "day", 2: "week", 3: "month"}.get(tp or 1, "day"),
        fatalities=_int(row.get("fatalities")), rule="import:acled")


def import_acled(store: Any, path: str | Path) -> ImportSummary:
    p = Path(path)
    _check_file(p)

    def rows() -> Iterator[tuple[str, Event | str, dict[str, Any]]]:
        for line, row in _csv_rows(p):
            yield f"{p}:{line}", acled_event(row), row

    return _store_rows(store, "acled", rows(), ImportSummary("acled"))


# --- UCDP ----------------------------------------------------------------------------------


@cache
def ucdp_types(path: Path = UCDP_FILE) -> dict[str, dict[str, str]]:
    """type_of_violence -> sitrep coding, from sitrep/data/ucdp.tsv (checked)."""
    need = ("type_of_violence", "label", "plover_event", "acled_event_type", "acled_sub_event_type", "cameo")
    from sitrep.models import PLOVER_EVENTS

    out: dict[str, dict[str, str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc}", item=str(path)) from None
    header: list[str] | None = None
    for n, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != need:
                raise DataFileError(f"line {n}: columns must be {', '.join(need)}", item=str(path))
            continue
        if len(cells) != len(header):
            raise DataFileError(f"line {n}: {len(cells)} cells, expected {len(header)}", item=str(path))
        rec = dict(zip(header, cells, strict=True))
        if rec["plover_event"] not in PLOVER_EVENTS:
            raise DataFileError(f"line {n}: {rec['plover_event']!r} is not a PLOVER event", item=str(path))
        out[rec["type_of_violence"]] = rec
    if not out:
        raise DataFileError("no rows", item=str(path))
    return out


_UCDP_DATE_PREC = {1: "day", 2: "week", 3: "week", 4: "month", 5: "year"}
_UCDP_WHERE_PREC = {1: 1, 2: 2, 3: 3, 4: 3}


def _ucdp_side(name: str | None) -> tuple[Actor, ...]:
    if not name:
        return ()
    if name.lower() == "civilians":
        return (Actor(text=name, name="Civilians", type="civilians", inter=7),)
    if name.startswith("Government of "):
        country = _country_code(name[len("Government of "):])
        return (Actor(text=name, name=name, country=country, type="government", inter=1),)
    return (Actor(text=name, name=name),)


def ucdp_event(row: dict[str, Any]) -> Event | str:
    """One UCDP GED row (CSV or JSON) -> Event, or the reason it cannot be imported."""
    rid = _str(row.get("id"))
    if not rid:
        return "no id"
    kind = ucdp_types().get(str(_int(row.get("type_of_violence"))))
    if kind is None:
        return f"unknown type_of_violence {row.get('type_of_violence')!r}"
    date = _str(row.get("date_start"))
    if not date or not date[:4].isdigit():
        return "no date_start"
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    country = _str(row.get("iso3")) or _country_code(_str(row.get("country")))
    where = _str(row.get("where_coordinates")) or _str(row.get("adm_1")) or _str(row.get("country")) or ""
    place = Place(text=where, name=where, country=country, admin1=_str(row.get("adm_1")), lat=lat, lon=lon,
                  geo_precision=_UCDP_WHERE_PREC.get(_int(row.get("where_prec")) or 0))
    headline = _str(row.get("source_headline"))
    text = headline or f"UCDP GED event {rid}: {row.get('dyad_name') or ''}".strip()
    return Event(
        article_id=f"ucdp:{rid}", event_id=f"ucdp-{rid}", event=kind["plover_event"], mode=None,
        acled_event_type=kind["acled_event_type"] or None, acled_sub_event_type=kind["acled_sub_event_type"] or None,
        cameo=kind["cameo"] or None, actor=_ucdp_side(_str(row.get("side_a"))),
        recipient=_ucdp_side(_str(row.get("side_b"))), evidence=_evidence(text), confidence=1.0,
        modality="asserted", location=place, date=date[:10],
        date_precision=_UCDP_DATE_PREC.get(_int(row.get("date_prec")) or 1, "day"),
        fatalities=_int(row.get("best")), rule="import:ucdp")


def ucdp_records(p: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """(item, row) for each row of a UCDP GED file (JSON Lines or the HDX CSV with its
    HXL tag row), or (item, reason) for a row that cannot be read."""
    if p.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with p.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    yield f"{p}:{n}", "line is not valid JSON"
                    continue
                yield f"{p}:{n}", rec if isinstance(rec, dict) else "not a JSON object"
    else:
        for n, row in _csv_rows(p):
            yield f"{p}:{n}", row


def import_ucdp(store: Any, path: str | Path) -> ImportSummary:
    p = Path(path)
    _check_file(p)

    def rows() -> Iterator[tuple[str, Event | str, dict[str, Any]]]:
        for item, rec in ucdp_records(p):
            if isinstance(rec, str):
                yield item, rec, {}
            else:
                yield item, ucdp_event(rec), rec

    return _store_rows(store, "ucdp", rows(), ImportSummary("ucdp"))


# --- GDELT ---------------------------------------------------------------------------------


def _gdelt_columns(n: int) -> tuple[str, ...] | None:
    from sitrep.store.exports import GDELT_COLUMNS

    if n == len(GDELT_COLUMNS):
        return GDELT_COLUMNS
    # GDELT 1.0: geographies have no ADM2Code; 57 columns, 58 with SOURCEURL (from April 2013)
    v1 = tuple(c for c in GDELT_COLUMNS if not c.endswith("ADM2Code"))
    if n == len(v1):
        return v1
    if n == len(v1) - 1:
        return v1[:-1]
    return None


def _gdelt_actor(row: dict[str, str], n: int) -> tuple[Actor, ...]:
    from sitrep.coding.taxonomy import cameo_actor_parts

    name = _str(row.get(f"Actor{n}Name"))
    code = _str(row.get(f"Actor{n}Code"))
    if not name and not code:
        return ()
    country, types = cameo_actor_parts(code)
    country = _str(row.get(f"Actor{n}CountryCode")) or country
    return (Actor(text=name or code or "", name=(name or code or "").title(), country=country,
                  type=types[0] if types else None, code=code),)


def gdelt_event(row: dict[str, str]) -> Event | str:
    from sitrep.coding.taxonomy import cameo_to_plover

    rid = _str(row.get("GLOBALEVENTID"))
    if not rid:
        return "no GLOBALEVENTID"
    code = _str(row.get("EventCode"))
    mapped = cameo_to_plover(code) if code else None
    if mapped is None:
        return f"no PLOVER event for CAMEO {code!r}"
    day = _str(row.get("SQLDATE")) or ""
    if len(day) != 8 or not day.isdigit():
        return "no SQLDATE"
    date = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    gtype = _int(row.get("ActionGeo_Type")) or 0
    lat, lon = _float(row.get("ActionGeo_Lat")), _float(row.get("ActionGeo_Long"))
    full = _str(row.get("ActionGeo_FullName"))
    cc = _str(row.get("ActionGeo_CountryCode"))
    place = None
    if full or lat is not None:
        place = Place(text=full or "", name=(full or "").split(",")[0], country=cc if cc and len(cc) == 3 else None,
                      admin1=None, lat=lat, lon=lon,
                      geo_precision={3: 1, 4: 1, 2: 3, 5: 3}.get(gtype))
    url = _str(row.get("SOURCEURL"))
    return Event(
        article_id=f"gdelt:{rid}", event_id=f"gdelt-{rid}",
        event=mapped[0], mode=mapped[1], acled_event_type=None, acled_sub_event_type=None, cameo=code,
        actor=_gdelt_actor(row, 1), recipient=_gdelt_actor(row, 2),
        evidence=_evidence(url or f"GDELT event {rid}"), confidence=0.5, modality="asserted", location=place,
        date=date, date_precision="day", rule="import:gdelt")


def import_gdelt(store: Any, path: str | Path) -> ImportSummary:
    p = Path(path)
    _check_file(p)

    def rows() -> Iterator[tuple[str, Event | str, dict[str, Any]]]:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        with p.open(encoding="utf-8", errors="replace", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
            header: tuple[str, ...] | None = None
            for n, cells in enumerate(reader, start=1):
                if not cells:
                    continue
                if n == 1 and cells[0] == "GLOBALEVENTID":
                    header = tuple(cells)
                    continue
                cols = header or _gdelt_columns(len(cells))
                if cols is None or len(cols) != len(cells):
                    yield f"{p}:{n}", f"{len(cells)} columns: not a GDELT event row", {}
                    continue
                row = dict(zip(cols, cells, strict=True))
                yield f"{p}:{n}", gdelt_event(row), row

    return _store_rows(store, "gdelt", rows(), ImportSummary("gdelt"))


def _check_file(p: Path) -> None:
    if not p.exists():
        raise InputError("no such file", item=str(p))
    if p.is_dir():
        raise MalformedRecordError("is a folder; give a file", item=str(p))


IMPORTERS = {"acled": import_acled, "ucdp": import_ucdp, "gdelt": import_gdelt}
