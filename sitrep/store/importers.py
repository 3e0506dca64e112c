"""Bring existing event datasets into the store, source-tagged, to line up against coded news.

    sitrep import acled FILE.csv      ACLED export (its own column names)
    sitrep import ucdp FILE.csv|.jsonl UCDP GED (CSV, HDX layout with its HXL tag row, or JSON Lines)
    sitrep import gdelt FILE          GDELT event table (tab-separated; 1.0 or 2.0 layout, or sitrep's
                                      own cameo-tsv export with its header row)

Each row becomes an :class:`~sitrep.models.Event` with ``origin`` acled / ucdp /
gdelt, event id ``<origin>-<row id>`` (so importing twice is a no-op), the
dataset's own row kept as JSON in the store's ``raw`` column, and its own
cluster: imported events are never merged with each other or with coded news.
Every row is checked before it is stored: a real date (not in the future),
coordinates on the globe, plausible numbers (``sitrep/plausible.py``). A row that
fails, cannot be mapped or is cut short (a truncated last line) is refused and
logged in the store with its line number and reason (``store.failures()``); the
rest of the file is imported. Files are read as UTF-8 (a byte-order mark is
dropped), UTF-16 with its mark, else cp1252/Latin-1; a binary file is refused by
name. GDELT files are plain tab-separated text: no CSV quoting.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.datafiles import read_tsv
from sitrep.errors import (
    DataFileError,
    EncodingError,
    ImplausibleValueError,
    InputError,
    MalformedRecordError,
)
from sitrep.models import Actor, CodingFailure, Event, Evidence, Place, Span
from sitrep.plausible import check_coordinates, check_date, check_int
from sitrep.store.lock import writer_lock

UCDP_FILE = defaults.DATA_DIR / "ucdp.tsv"
IMPORT_BATCH_ROWS = defaults.IMPORT_BATCH_ROWS
ACLED_LEGACY_FILE = defaults.DATA_DIR / "acled_legacy.tsv"


@dataclass
class ImportSummary:
    origin: str
    rows: int = 0
    imported: int = 0
    already: int = 0  # stored by an earlier import
    skipped: Counter[str] = field(default_factory=Counter)
    #: the first refused rows: (file:line, reason); all of them are logged in the store
    rejected: list[tuple[str, str]] = field(default_factory=list)
    encoding: str = "utf-8"

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
    except (TypeError, ValueError, OverflowError):
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


def sniff_encoding(p: Path) -> str:
    """The encoding to read ``p`` with: "utf-8-sig" when every byte is UTF-8 (a BOM
    or none), "utf-16" with a UTF-16 byte-order mark, else "cp1252" (Windows
    Latin-1, which Excel writes), or "latin-1" when cp1252 leaves a byte undefined.
    NUL bytes in the header line or in more than 1% of the first MB mean a binary
    file: EncodingError (a stray NUL further on refuses only its row)."""
    import codecs

    with p.open("rb") as fh:
        head = fh.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        fh.seek(0)
        dec = codecs.getincrementaldecoder("utf-8")()
        utf8 = True
        cp1252 = True
        first = True
        while chunk := fh.read(1 << 20):
            # binary: NULs in the header line or in more than 1% of the first MB; a stray NUL
            # further on refuses only its row
            if first and (b"\0" in chunk.split(b"\n", 1)[0] or chunk.count(b"\0") > len(chunk) // 100):
                raise EncodingError("binary data (NUL bytes), not a text table", item=str(p))
            first = False
            if utf8:
                try:
                    dec.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if not utf8 and cp1252:
                try:
                    chunk.decode("cp1252")
                except UnicodeDecodeError:
                    cp1252 = False
        if utf8:
            try:
                dec.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False  # the file ends inside a character: read what is there as cp1252
    return "utf-8-sig" if utf8 else "cp1252" if cp1252 else "latin-1"


def _open_text(p: Path, summary: ImportSummary | None = None) -> Any:
    enc = sniff_encoding(p)
    if summary is not None:
        summary.encoding = enc
    return p.open(encoding=enc, newline="")


def _csv_rows(path: Path, delimiter: str = ",", summary: ImportSummary | None = None
              ) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(line, row) for each data row of a CSV file, or (line, reason) for a row that
    cannot be read (a field over the size limit, a row cut short)."""
    csv.field_size_limit(defaults.IMPORT_MAX_FIELD_CHARS)
    with _open_text(path, summary) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header: list[str] | None = None
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if header is None:
                    raise MalformedRecordError(f"line {line}: the header row does not parse ({exc})",
                                               item=str(path)) from None
                yield line, f"does not parse as CSV ({exc})"
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if not any(c.strip() for c in cells):
                continue
            if any("\0" in c for c in cells):
                yield line, "NUL byte in the row: binary data, not text"
                continue
            if len(cells) != len(header):
                short = len(cells) < len(header)
                yield line, (f"{len(cells)} of {len(header)} columns: the row is cut short (truncated)" if short
                             else f"{len(cells)} columns, the header has {len(header)}")
                continue
            row = dict(zip(header, cells, strict=True))
            vals = [v for v in cells if v.strip()]
            if vals and sum(v.startswith("#") for v in vals) >= max(1, len(vals) // 2):
                continue  # an HXL hashtag row (HDX files): tags, not data
            yield line, row


def _store_rows(store: Any, origin: str, rows: Iterator[tuple[str, Event | str, dict[str, Any]]],
                summary: ImportSummary) -> ImportSummary:
    with writer_lock(getattr(store, "path", ":memory:"), what=f"sitrep import {origin}"):
        return _store_locked(store, origin, rows, summary)


def _store_locked(store: Any, origin: str, rows: Iterator[tuple[str, Event | str, dict[str, Any]]],
                  summary: ImportSummary) -> ImportSummary:
    batch: list[tuple[Event, str]] = []
    refused: list[CodingFailure] = []

    def flush() -> None:
        if not batch and not refused:
            return
        with store.atomic():
            if batch:
                res = store.add_events_many([(ev.article_id, [ev]) for ev, _ in batch], origin=origin,
                                            raw=[raw for _, raw in batch])
                summary.imported += res.new
                summary.already += res.seen
            store.log_failures(refused)
        batch.clear()
        refused.clear()

    for where, ev, raw in rows:
        summary.rows += 1
        if isinstance(ev, str):
            summary.skipped[_reason_kind(ev)] += 1
            if len(summary.rejected) < defaults.IMPORT_REJECTS_SHOWN:
                summary.rejected.append((where, ev))
            refused.append(CodingFailure(item=where, reason=ev, error="MalformedRecordError"))
        else:
            batch.append((ev, json.dumps(raw, ensure_ascii=False, default=str)))
        if len(batch) + len(refused) >= IMPORT_BATCH_ROWS:
            flush()
    flush()
    return summary


def _reason_kind(reason: str) -> str:
    """A reason without its values, for the summary's counts ("latitude 999.0 is outside
    -90..90" -> "latitude out of range")."""
    for key, kind in (("latitude", "latitude out of range"), ("longitude", "longitude out of range"),
                      ("implausible", "implausible number"), ("not a number", "not a number"),
                      ("not a whole number", "not a number"), ("negative", "negative number"),
                      ("in the future", "date in the future"), ("calendar date", "not a real date"),
                      ("outside 1900", "year out of range"), ("truncated", "truncated row"),
                      ("columns", "wrong number of columns")):
        if key in reason:
            return kind
    return reason


def _checked(ev: Event) -> Event | str:
    """``ev`` when its date, coordinates and numbers are plausible, else the reason it is refused."""
    try:
        date = check_date(ev.date, what="date")
        loc = ev.location
        if loc is not None:
            check_coordinates(loc.lat, loc.lon)
            check_int(loc.geo_precision, "geo_precision", defaults.INT_COLUMN_MAX)
        for a in (*ev.actor, *ev.recipient):
            check_int(a.inter, "inter", defaults.INT_COLUMN_MAX)
        check_int(ev.fatalities, "fatalities", defaults.MAX_PLAUSIBLE_TOLL)
    except (ImplausibleValueError, InputError) as exc:
        return exc.reason
    return ev if date == ev.date else dataclasses.replace(ev, date=date)


# --- ACLED ---------------------------------------------------------------------------------


def _acled_actor(name: str | None, inter: Any, assoc: str | None) -> tuple[Actor, ...]:
    out = []
    if name:
        out.append(Actor(text=name, name=name, inter=check_int(inter, "inter")))
    for extra in (assoc or "").split(";"):
        if extra.strip():
            out.append(Actor(text=extra.strip(), name=extra.strip()))
    return tuple(out)


@dataclass(frozen=True)
class _Legacy:
    old_event_type: str
    inter1: str
    notes_words: tuple[str, ...]
    event_type: str
    sub_event_type: str
    plover_event: str
    plover_mode: str
    cameo: str


@cache
def acled_legacy_types(path: Path = ACLED_LEGACY_FILE) -> tuple[_Legacy, ...]:
    """ACLED's older event types (before sub-event types, 2019) mapped to today's,
    from sitrep/data/acled_legacy.tsv (checked)."""
    from sitrep.coding.taxonomy import acled_entry
    from sitrep.models import PLOVER_EVENTS

    need = ("old_event_type", "inter1", "notes_words", "event_type", "sub_event_type", "plover_event",
            "plover_mode", "cameo")
    out: list[_Legacy] = []
    for n, cells in read_tsv(path, need):
        rec = _Legacy(cells[0].casefold(), cells[1], tuple(w.strip().casefold() for w in cells[2].split(",")
                                                            if w.strip()), *cells[3:])
        if rec.sub_event_type and acled_entry(rec.sub_event_type) is None:
            raise DataFileError(f"line {n}: {rec.sub_event_type!r} is not an ACLED sub-event type", item=str(path))
        if not rec.sub_event_type and rec.plover_event not in PLOVER_EVENTS:
            raise DataFileError(f"line {n}: a row without a sub-event type needs a PLOVER event", item=str(path))
        out.append(rec)
    if not out:
        raise DataFileError("no rows", item=str(path))
    return tuple(out)


def _acled_legacy(row: dict[str, str]) -> _Legacy | None:
    """Today's type for a row of ACLED's older layout (event_type only)."""
    import re

    old = (_str(row.get("event_type")) or "").casefold()
    inter1 = _str(row.get("inter1")) or ""
    notes = (_str(row.get("notes")) or "").casefold()
    for rec in acled_legacy_types():
        if rec.old_event_type != old or (rec.inter1 and rec.inter1 != inter1):
            continue
        if rec.notes_words and not any(re.search(rf"\b{re.escape(w)}", notes) for w in rec.notes_words):
            continue
        return rec
    return None


def acled_event(row: dict[str, str]) -> Event | str:
    """One ACLED CSV row -> Event, or the reason it cannot be imported.

    Rows of ACLED's older layout (no ``sub_event_type``; event types such as
    "Battle-No change of territory", "Remote violence", "Riots/Protests") are
    mapped to today's types by ``sitrep/data/acled_legacy.tsv``."""
    from sitrep.coding.taxonomy import acled_entry, cameo_to_plover

    rid = _str(row.get("event_id_cnty")) or _str(row.get("data_id"))
    if not rid:
        return "no event_id_cnty"
    sub = _str(row.get("sub_event_type"))
    event_type = _str(row.get("event_type"))
    entry = acled_entry(sub)
    plover_event = plover_mode = cameo = None
    if entry is None and not sub:
        legacy = _acled_legacy(row)
        if legacy is None:
            return f"no sub_event_type, and event type {event_type!r} is not one of ACLED's older types"
        event_type = legacy.event_type
        sub = legacy.sub_event_type or None
        entry = acled_entry(sub)
        if entry is None:
            plover_event, plover_mode, cameo = legacy.plover_event, legacy.plover_mode or None, legacy.cameo or None
    if entry is not None:
        if not entry.plover_event:
            return f"no PLOVER event for ACLED sub-event type {sub!r}"
        plover_event, plover_mode, cameo = entry.plover_event, entry.plover_mode, entry.cameo
    if plover_event is None:
        return f"no PLOVER event for ACLED sub-event type {sub!r}"
    date = _str(row.get("event_date"))
    if not date:
        return "no event_date"
    if not (len(date) >= 10 and date[:4].isdigit() and date[4] == "-"):
        from sitrep.resolve.dates import parse_publication_date

        try:
            date = parse_publication_date(date)
        except InputError:
            return f"unreadable event_date {date[:40]!r}"
    try:
        tp = check_int(row.get("time_precision"), "time_precision")
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        country = _str(row.get("iso3")) or _country_code(_str(row.get("country")))
        loc_name = _str(row.get("location"))
        place = Place(text=loc_name or "", name=loc_name or (row.get("country") or ""), country=country,
                      admin1=_str(row.get("admin1")), lat=lat, lon=lon,
                      geo_precision=check_int(row.get("geo_precision"), "geo_precision")) if (loc_name or country) else None
        notes = _str(row.get("notes")) or f"ACLED event {rid}"
        mode = plover_mode
        if cameo:
            mapped = cameo_to_plover(cameo)
            mode = mode or (mapped[1] if mapped else None)
        fatalities = check_int(row.get("fatalities"), "fatalities", defaults.MAX_PLAUSIBLE_TOLL)
        ev = Event(
            article_id=f"acled:{rid}", event_id=f"acled-{rid}", event=plover_event, mode=mode,
            acled_event_type=event_type, acled_sub_event_type=sub, cameo=cameo,
            actor=_acled_actor(_str(row.get("actor1")), row.get("inter1"), _str(row.get("assoc_actor_1"))),
            recipient=_acled_actor(_str(row.get("actor2")), row.get("inter2"), _str(row.get("assoc_actor_2"))),
            evidence=_evidence(notes), confidence=1.0, modality="asserted", location=place, date=date,
            date_precision={1: "day", 2: "week", 3: "month"}.get(tp or 1, "day"),
            fatalities=fatalities, rule="import:acled")
    except ImplausibleValueError as exc:
        return exc.reason
    return _checked(ev)


def import_acled(store: Any, path: str | Path) -> ImportSummary:
    p = Path(path)
    _check_file(p)
    summary = ImportSummary("acled")

    def rows() -> Iterator[tuple[str, Event | str, dict[str, Any]]]:
        for line, row in _csv_rows(p, summary=summary):
            yield f"{p}:{line}", row if isinstance(row, str) else acled_event(row), {} if isinstance(row, str) else row

    return _store_rows(store, "acled", rows(), summary)


# --- UCDP ----------------------------------------------------------------------------------


@cache
def ucdp_types(path: Path = UCDP_FILE) -> dict[str, dict[str, str]]:
    """type_of_violence -> sitrep coding, from sitrep/data/ucdp.tsv (checked)."""
    need = ("type_of_violence", "label", "plover_event", "acled_event_type", "acled_sub_event_type", "cameo")
    from sitrep.models import PLOVER_EVENTS

    out: dict[str, dict[str, str]] = {}
    for n, cells in read_tsv(path, need):
        rec = dict(zip(need, cells, strict=True))
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
        return f"unknown type_of_violence {str(row.get('type_of_violence'))[:40]!r}"
    date = _str(row.get("date_start"))
    if not date or not date[:4].isdigit():
        return "no date_start"
    try:
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        country = _str(row.get("iso3")) or _country_code(_str(row.get("country")))
        where = _str(row.get("where_coordinates")) or _str(row.get("adm_1")) or _str(row.get("country")) or ""
        place = Place(text=where, name=where, country=country, admin1=_str(row.get("adm_1")), lat=lat, lon=lon,
                      geo_precision=_UCDP_WHERE_PREC.get(_int(row.get("where_prec")) or 0))
        headline = _str(row.get("source_headline"))
        text = headline or f"UCDP GED event {rid}: {row.get('dyad_name') or ''}".strip()
        ev = Event(
            article_id=f"ucdp:{rid}", event_id=f"ucdp-{rid}", event=kind["plover_event"], mode=None,
            acled_event_type=kind["acled_event_type"] or None,
            acled_sub_event_type=kind["acled_sub_event_type"] or None,
            cameo=kind["cameo"] or None, actor=_ucdp_side(_str(row.get("side_a"))),
            recipient=_ucdp_side(_str(row.get("side_b"))), evidence=_evidence(text), confidence=1.0,
            modality="asserted", location=place, date=date[:10],
            date_precision=_UCDP_DATE_PREC.get(_int(row.get("date_prec")) or 1, "day"),
            fatalities=check_int(row.get("best"), "best (fatalities)", defaults.MAX_PLAUSIBLE_TOLL), rule="import:ucdp")
    except ImplausibleValueError as exc:
        return exc.reason
    return _checked(ev)


def ucdp_records(p: Path, summary: ImportSummary | None = None) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """(item, row) for each row of a UCDP GED file (JSON Lines or the HDX CSV with its
    HXL tag row), or (item, reason) for a row that cannot be read."""
    if p.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with _open_text(p, summary) as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    yield f"{p}:{n}", ("the line is cut short (truncated): not valid JSON"
                                       if not line.endswith("\n") else "line is not valid JSON")
                    continue
                yield f"{p}:{n}", rec if isinstance(rec, dict) else "not a JSON object"
    else:
        for n, row in _csv_rows(p, summary=summary):
            yield f"{p}:{n}", row


def import_ucdp(store: Any, path: str | Path) -> ImportSummary:
    p = Path(path)
    _check_file(p)
    summary = ImportSummary("ucdp")

    def rows() -> Iterator[tuple[str, Event | str, dict[str, Any]]]:
        for item, rec in ucdp_records(p, summary):
            if isinstance(rec, str):
                yield item, rec, {}
            else:
                yield item, ucdp_event(rec), rec

    return _store_rows(store, "ucdp", rows(), summary)


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
    """One GDELT event row -> Event, or the reason it cannot be imported."""
    from sitrep.coding.taxonomy import cameo_to_plover

    rid = _str(row.get("GLOBALEVENTID"))
    if not rid:
        return "no GLOBALEVENTID"
    code = _str(row.get("EventCode"))
    mapped = cameo_to_plover(code) if code else None
    if mapped is None:
        return f"no PLOVER event for CAMEO {(code or '')[:20]!r}"
    day = _str(row.get("SQLDATE")) or ""
    if len(day) != 8 or not day.isdigit():
        return f"SQLDATE {day[:20]!r} is not a YYYYMMDD date"
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
    ev = Event(
        article_id=f"gdelt:{rid}", event_id=f"gdelt-{rid}",
        event=mapped[0], mode=mapped[1], acled_event_type=None, acled_sub_event_type=None, cameo=code,
        actor=_gdelt_actor(row, 1), recipient=_gdelt_actor(row, 2),
        evidence=_evidence(url or f"GDELT event {rid}"), confidence=0.5, modality="asserted", location=place,
        date=date, date_precision="day", rule="import:gdelt")
    return _checked(ev)


def gdelt_rows(p: Path, summary: ImportSummary | None = None) -> Iterator[tuple[str, dict[str, str] | str]]:
    """(item, row) for each row of a GDELT event table, or (item, reason) for a row
    that cannot be read. GDELT files are plain tab-separated text (a quote is an
    ordinary character); the layout comes from a header row (sitrep's cameo-tsv
    export) or from each row's number of columns (61: GDELT 2.0; 58 or 57: 1.0). A
    row with another number of columns is refused, and the last line of a file that
    does not end in a newline is reported as truncated when it has fewer columns
    than the row before."""
    header: tuple[str, ...] | None = None
    prev_cols = 0
    with _open_text(p, summary) as fh:
        for n, line in enumerate(fh, start=1):
            ended = line.endswith("\n")
            text = line.rstrip("\r\n")
            if not text.strip():
                continue
            if "\0" in text:
                yield f"{p}:{n}", "NUL byte in the row: binary data, not text"
                continue
            cells = text.split("\t")
            if header is None and n == 1 and cells[0] == "GLOBALEVENTID":
                header = tuple(cells)
                continue
            if not ended and prev_cols and len(cells) < prev_cols:
                yield f"{p}:{n}", f"{len(cells)} of {prev_cols} columns: the file ends inside this row (truncated)"
                continue
            cols = header or _gdelt_columns(len(cells))
            if cols is None or len(cols) != len(cells):
                expect = len(header) if header else "61 (GDELT 2.0), 58 or 57 (1.0)"
                yield f"{p}:{n}", f"{len(cells)} columns, expected {expect}: not a GDELT event row"
                continue
            prev_cols = len(cells)
            yield f"{p}:{n}", dict(zip(cols, cells, strict=True))


def import_gdelt(store: Any, path: str | Path) -> ImportSummary:
    p = Path(path)
    _check_file(p)
    summary = ImportSummary("gdelt")

    def rows() -> Iterator[tuple[str, Event | str, dict[str, Any]]]:
        for item, row in gdelt_rows(p, summary):
            if isinstance(row, str):
                yield item, row, {}
            else:
                yield item, gdelt_event(row), row

    return _store_rows(store, "gdelt", rows(), summary)


def _check_file(p: Path) -> None:
    if not p.exists():
        raise InputError("no such file", item=str(p))
    if p.is_dir():
        raise MalformedRecordError("is a folder; give a file", item=str(p))


IMPORTERS = {"acled": import_acled, "ucdp": import_ucdp, "gdelt": import_gdelt}
