"""Taxonomy crosswalks: CAMEO codes, CAMEO -> PLOVER, ACLED event types and CASE 2021 codes.

The knowledge lives in ``sitrep/data``:

- ``cameo.tsv``          CAMEO event code -> label, ICEWS label, Goldstein value
- ``cameo_plover.tsv``   CAMEO event code -> PLOVER event, mode, context(s)
- ``cameo_sectors.tsv``  CAMEO actor role code (GOV, MIL, REB, ...) -> sitrep actor type
- ``acled.tsv``          ACLED event type / sub-event type -> CASE 2021 code, default PLOVER/CAMEO
- ``plover_legacy.tsv``  older PLOVER event and mode names -> PLOVER draft 0.8 names

Each file is read once, checked against its schema and cached; a broken file
raises :class:`sitrep.errors.DataFileError` naming the file and line. Lookups
never raise on an unknown code: they return ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sitrep.defaults import DATA_DIR
from sitrep.errors import DataFileError
from sitrep.models import ACTOR_TYPES, PLOVER_EVENTS, Event

CAMEO_FILE = DATA_DIR / "cameo.tsv"
CAMEO_PLOVER_FILE = DATA_DIR / "cameo_plover.tsv"
CAMEO_SECTORS_FILE = DATA_DIR / "cameo_sectors.tsv"
ACLED_FILE = DATA_DIR / "acled.tsv"
PLOVER_LEGACY_FILE = DATA_DIR / "plover_legacy.tsv"

_CODE_RE = re.compile(r"^\d{2,4}$")
_ROLE_RE = re.compile(r"^[A-Z]{3}$")
_CASE_RE = re.compile(r"^[A-Z_]+$")


# --- records ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    label: str
    icews_label: str | None
    goldstein: float | None


@dataclass(frozen=True, slots=True)
class PloverMapping:
    code: str
    event: str
    mode: str | None
    contexts: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class AcledSubEvent:
    event_type: str | None  # None: a CASE 2021 code that is not an ACLED event
    sub_event_type: str | None
    case_code: str
    plover_event: str | None
    plover_mode: str | None
    cameo: str | None


# --- TSV reading -------------------------------------------------------------------------


def _fail(path: Path, line: int | str, why: str) -> DataFileError:
    where = f"line {line}" if isinstance(line, int) else line
    return DataFileError(f"{where}: {why}", item=str(path))


def read_tsv(path: Path, columns: tuple[str, ...], required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a sitrep TSV data file as ``(line_number, {column: value})``.

    Lines starting with ``#`` and blank lines are comments. The first other line
    must be the header and name exactly ``columns``. Trailing empty fields may be
    left out; a row with more fields than columns, or an empty ``required`` field,
    is an error naming the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError("file is missing", item=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"not UTF-8 text ({exc.reason})", item=str(path)) from exc
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            if tuple(f.strip() for f in fields) != columns:
                raise _fail(path, number, f"header must be {'<TAB>'.join(columns)!r}, found {raw!r}")
            header_seen = True
            continue
        if len(fields) > len(columns):
            raise _fail(path, number, f"{len(fields)} fields, expected at most {len(columns)}: {raw!r}")
        row = {c: (fields[i].strip() if i < len(fields) else "") for i, c in enumerate(columns)}
        for c in required:
            if not row[c]:
                raise _fail(path, number, f"column {c!r} is empty")
        yield number, row
    if not header_seen:
        raise _fail(path, "header", "no header line")


# --- loaders (schema-checked) -----------------------------------------------------------


def load_cameo(path: Path = CAMEO_FILE) -> dict[str, CameoCode]:
    out: dict[str, CameoCode] = {}
    for n, row in read_tsv(path, ("code", "label", "icews_label", "goldstein"), required=("code", "label")):
        code = row["code"]
        if not _CODE_RE.match(code):
            raise _fail(path, n, f"bad CAMEO code {code!r} (2-4 digits)")
        if code in out:
            raise _fail(path, n, f"duplicate CAMEO code {code}")
        gs: float | None = None
        if row["goldstein"]:
            try:
                gs = float(row["goldstein"])
            except ValueError:
                raise _fail(path, n, f"goldstein {row['goldstein']!r} is not a number") from None
            if not -10.0 <= gs <= 10.0:
                raise _fail(path, n, f"goldstein {gs} outside [-10, 10]")
        out[code] = CameoCode(code, row["label"], row["icews_label"] or None, gs)
    return out


def load_cameo_plover(path: Path = CAMEO_PLOVER_FILE) -> dict[str, PloverMapping]:
    out: dict[str, PloverMapping] = {}
    cols = ("code", "event", "mode", "context", "source", "note", "label")
    for n, row in read_tsv(path, cols, required=("code", "event", "source")):
        code = row["code"]
        if not _CODE_RE.match(code):
            raise _fail(path, n, f"bad CAMEO code {code!r}")
        if code in out:
            raise _fail(path, n, f"duplicate CAMEO code {code}")
        if row["event"] not in PLOVER_EVENTS:
            raise _fail(path, n, f"unknown PLOVER event {row['event']!r}")
        if row["mode"] and not re.match(r"^[a-z][a-z_-]*$", row["mode"]):
            raise _fail(path, n, f"bad mode {row['mode']!r} (lower-case word)")
        contexts = tuple(c for c in (x.strip() for x in row["context"].split(";")) if c)
        out[code] = PloverMapping(code, row["event"], row["mode"] or None, contexts, row["source"])
    return out


def load_cameo_sectors(path: Path = CAMEO_SECTORS_FILE) -> dict[str, tuple[str, str]]:
    """CAMEO role code -> (sitrep actor type, kind)."""
    out: dict[str, tuple[str, str]] = {}
    for n, row in read_tsv(path, ("code", "type", "kind", "label"), required=("code", "type", "kind")):
        code = row["code"]
        if not _ROLE_RE.match(code):
            raise _fail(path, n, f"bad role code {code!r} (three capitals)")
        if code in out:
            raise _fail(path, n, f"duplicate role code {code}")
        if row["type"] not in ACTOR_TYPES:
            raise _fail(path, n, f"type {row['type']!r} is not one of models.ACTOR_TYPES")
        if row["kind"] not in ("role", "org", "religion"):
            raise _fail(path, n, f"kind {row['kind']!r} must be role, org or religion")
        out[code] = (row["type"], row["kind"])
    return out


def load_acled(path: Path = ACLED_FILE, cameo: dict[str, CameoCode] | None = None) -> tuple[AcledSubEvent, ...]:
    cols = ("event_type", "sub_event_type", "case_code", "plover_event", "plover_mode", "cameo", "note")
    rows: list[AcledSubEvent] = []
    seen_sub: set[str] = set()
    seen_case: set[str] = set()
    for n, row in read_tsv(path, cols, required=("case_code",)):
        et, sub, case = row["event_type"] or None, row["sub_event_type"] or None, row["case_code"]
        if (et is None) != (sub is None):
            raise _fail(path, n, "event_type and sub_event_type must both be given or both be empty")
        if not _CASE_RE.match(case):
            raise _fail(path, n, f"bad CASE code {case!r}")
        if case in seen_case:
            raise _fail(path, n, f"duplicate CASE code {case}")
        if sub is not None:
            if sub.casefold() in seen_sub:
                raise _fail(path, n, f"duplicate sub-event type {sub!r}")
            seen_sub.add(sub.casefold())
        if row["plover_event"] and row["plover_event"] not in PLOVER_EVENTS:
            raise _fail(path, n, f"unknown PLOVER event {row['plover_event']!r}")
        if row["cameo"] and cameo is not None and row["cameo"] not in cameo:
            raise _fail(path, n, f"CAMEO code {row['cameo']!r} is not in cameo.tsv")
        seen_case.add(case)
        rows.append(AcledSubEvent(et, sub, case, row["plover_event"] or None, row["plover_mode"] or None,
                                  row["cameo"] or None))
    return tuple(rows)


def load_plover_legacy(path: Path = PLOVER_LEGACY_FILE) -> dict[str, dict[str, str]]:
    """kind ('event', 'mode', 'mode-2021', 'mode-cameo') -> {legacy name: current name}."""
    out: dict[str, dict[str, str]] = {"event": {}, "mode": {}, "mode-2021": {}, "mode-cameo": {}}
    for n, row in read_tsv(path, ("kind", "legacy", "current", "note"), required=("kind", "legacy", "current")):
        kind = row["kind"]
        if kind not in out:
            raise _fail(path, n, f"kind {kind!r} must be one of {sorted(out)}")
        if kind == "event" and row["current"] not in PLOVER_EVENTS:
            raise _fail(path, n, f"unknown PLOVER event {row['current']!r}")
        if kind == "mode-cameo" and not _CODE_RE.match(row["current"]):
            raise _fail(path, n, f"bad CAMEO code {row['current']!r}")
        if row["legacy"] in out[kind]:
            raise _fail(path, n, f"duplicate {kind} {row['legacy']!r}")
        out[kind][row["legacy"]] = row["current"]
    return out


# --- cached tables ----------------------------------------------------------------------


@cache
def _cameo() -> dict[str, CameoCode]:
    return load_cameo()


@cache
def _plover() -> dict[str, PloverMapping]:
    return load_cameo_plover()


@cache
def _sectors() -> dict[str, tuple[str, str]]:
    return load_cameo_sectors()


@cache
def _acled() -> tuple[AcledSubEvent, ...]:
    return load_acled(cameo=_cameo())


@cache
def _acled_by_sub() -> dict[str, AcledSubEvent]:
    return {r.sub_event_type.casefold(): r for r in _acled() if r.sub_event_type}


@cache
def _acled_by_case() -> dict[str, AcledSubEvent]:
    return {r.case_code: r for r in _acled()}


@cache
def _legacy() -> dict[str, dict[str, str]]:
    return load_plover_legacy()


# --- CAMEO --------------------------------------------------------------------------------


def _norm_code(code: object) -> str | None:
    if code is None:
        return None
    text = str(code).strip().rstrip("?")
    return text if _CODE_RE.match(text) else None


def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code with its label and Goldstein value (roots included)."""
    return dict(_cameo())


def is_cameo_code(code: object) -> bool:
    c = _norm_code(code)
    return c is not None and c in _cameo()


def cameo_root(code: object) -> str | None:
    """The 2-digit root of a CAMEO code ("1951" -> "19"); None when not a code."""
    c = _norm_code(code)
    return c[:2] if c else None


def cameo_label(code: object) -> str | None:
    """The CAMEO label ("195" -> "Employ aerial weapons"); None for an unknown code."""
    c = _norm_code(code)
    entry = _cameo().get(c) if c else None
    return entry.label if entry else None


def _fallbacks(code: str) -> list[str]:
    """The code, its 3-digit parent, then its root's general code (19 -> 190)."""
    out = [code]
    if len(code) == 4:
        out.append(code[:3])
    out.append(code[:2] + "0")
    return list(dict.fromkeys(out))


def cameo_plover_entry(code: object) -> PloverMapping | None:
    """The CAMEO -> PLOVER row for a code, falling back to its 3- then 2-digit prefix."""
    c = _norm_code(code)
    if not c:
        return None
    table = _plover()
    for cand in _fallbacks(c):
        if cand in table:
            return table[cand]
    return None


def cameo_to_plover(code: object) -> tuple[str, str | None] | None:
    """PLOVER ``(event, mode)`` for a CAMEO code ("0871" -> ("RETREAT", "ceasefire")).

    Falls back to the 3-digit parent, then to the root's general code; None for
    CAMEO 01 (statements have no PLOVER event) and for non-codes.
    """
    entry = cameo_plover_entry(code)
    return (entry.event, entry.mode) if entry else None


@cache
def _plover_index() -> dict[tuple[str, str | None], list[str]]:
    index: dict[tuple[str, str | None], list[str]] = {}
    for code, m in _plover().items():
        index.setdefault((m.event, m.mode), []).append(code)
        index.setdefault((m.event, None), []).append(code)
    return index


#: CAMEO roots of intent codes: 03 "express intent to cooperate", 13 "threaten".
_INTENT_ROOTS = {"03": "AGREE", "13": "THREATEN"}


def plover_intent_view(ev: Event) -> str:
    """The PLOVER event type under PLOVER's (and CAMEO's) intent convention.

    sitrep codes an intended or planned act by what would happen ("will host talks": CONSULT,
    modality "hypothetical", CAMEO 036); PLOVER's coders file every stated intent under AGREE
    (to cooperate) or THREATEN (to harm), and a threatened act under THREATEN.
    """
    if ev.modality == "threatened" and ev.event != "THREATEN":
        return "THREATEN"
    if ev.modality == "hypothetical" and ev.cameo and ev.cameo[:2] in _INTENT_ROOTS:
        return _INTENT_ROOTS[ev.cameo[:2]]
    return str(ev.event)


#: PLOVER THREATEN modes for a threatened act of each type.
THREAT_MODES = {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations", "COERCE": "restrict",
                "PROTEST": "political"}


def plover_intent_mode(ev: Event) -> str | None:
    """The PLOVER mode under the intent convention of :func:`plover_intent_view`."""
    if plover_intent_view(ev) == "THREATEN" and ev.event != "THREATEN":
        return THREAT_MODES.get(str(ev.event), ev.mode)
    if plover_intent_view(ev) == "AGREE" and ev.event != "AGREE":
        return ev.mode or str(ev.event).lower()
    return ev.mode


def plover_to_cameo(event: str, mode: str | None = None) -> str | None:
    """Best-guess CAMEO code for a PLOVER event and mode: the most general code mapped to them.

    A current mode the 2021 table does not list uses ``plover_legacy.tsv``'s
    mode-cameo row (ASSAULT/aerial -> 195). With a mode that no CAMEO code
    carries, the event alone decides. Ties go to the root holding most codes of
    that event, then to the lowest code.
    """
    index = _plover_index()
    if mode:
        special = _legacy()["mode-cameo"].get(mode.strip().lower())
        entry = cameo_plover_entry(special) if special else None
        if special and entry is not None and entry.event == event:
            return special
    codes = index.get((event, mode)) if mode else None
    if not codes:
        codes = index.get((event, None))
    if not codes:
        return None
    per_root: dict[str, int] = {}
    for c in index.get((event, None), []):
        per_root[c[:2]] = per_root.get(c[:2], 0) + 1
    return min(codes, key=lambda c: (len(c), -per_root.get(c[:2], 0), c))


def plover_to_cameo_root(event: str, mode: str | None = None) -> str | None:
    """Best-guess 2-digit CAMEO root for a PLOVER event and mode (ASSAULT/firearms -> "19")."""
    code = plover_to_cameo(event, mode)
    return code[:2] if code else None


def quad_class(cameo: object) -> int | None:
    """CAMEO QuadClass: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = cameo_root(cameo)
    if root is None:
        return None
    r = int(root)
    if 1 <= r <= 5:
        return 1
    if 6 <= r <= 8:
        return 2
    if 9 <= r <= 13:
        return 3
    if 14 <= r <= 20:
        return 4
    return None


def goldstein(cameo: object) -> float | None:
    """Goldstein scale value of a CAMEO code, falling back to its parent codes."""
    c = _norm_code(cameo)
    if not c:
        return None
    table = _cameo()
    for cand in [c, c[:3], c[:2]]:
        entry = table.get(cand)
        if entry is not None and entry.goldstein is not None:
            return entry.goldstein
    return None


# --- CAMEO actor codes ---------------------------------------------------------------------


def cameo_sector_type(role: str) -> str | None:
    """sitrep actor type for a 3-letter CAMEO role code ("MIL" -> "military")."""
    entry = _sectors().get(role.upper()[:3]) if role else None
    return entry[0] if entry else None


def cameo_actor_parts(code: str | None) -> tuple[str | None, tuple[str, ...]]:
    """Split a CAMEO actor code into (country ISO3 or None, sitrep types of its roles).

    "IRQMIL" -> ("IRQ", ("military",)); "---GOV" -> (None, ("government",));
    "IGO" -> (None, ("IGO",)); "PSEREBHMS" -> ("PSE", ("rebels",)). The first
    three letters are a country when they are not an organisation code; role
    codes the sector table does not know are skipped.
    """
    if not code:
        return None, ()
    text = code.strip().upper()
    sectors = _sectors()
    country: str | None = None
    types: list[str] = []
    head, rest = text[:3], text[3:]
    if head in sectors and sectors[head][1] == "org":
        types.append(sectors[head][0])
    elif head and head != "---" and re.match(r"^[A-Z]{3}$", head):
        country = head
    for i in range(0, len(rest) - len(rest) % 3, 3):
        part = rest[i:i + 3]
        if part in sectors and sectors[part][0] not in types:
            types.append(sectors[part][0])
    return country, tuple(types)


# --- ACLED and CASE 2021 -------------------------------------------------------------------


def acled_event_types() -> tuple[str, ...]:
    """The six ACLED event types, in codebook order."""
    return tuple(dict.fromkeys(r.event_type for r in _acled() if r.event_type))


def acled_sub_event_types(event_type: str | None = None) -> tuple[str, ...]:
    """The 25 ACLED sub-event types (or those of one event type)."""
    return tuple(r.sub_event_type for r in _acled()
                 if r.sub_event_type and (event_type is None or r.event_type == event_type))


def acled_event_type(sub_event_type: str | None) -> str | None:
    """ACLED event type of a sub-event type ("Air/drone strike" -> "Explosions/Remote violence")."""
    if not sub_event_type:
        return None
    entry = _acled_by_sub().get(sub_event_type.strip().casefold())
    return entry.event_type if entry else None


def acled_entry(sub_event_type: str | None) -> AcledSubEvent | None:
    if not sub_event_type:
        return None
    return _acled_by_sub().get(sub_event_type.strip().casefold())


def case_code(sub_event_type: str | None) -> str | None:
    """CASE 2021 Task 2 code of an ACLED sub-event type ("Armed clash" -> "ARMED_CLASH")."""
    entry = acled_entry(sub_event_type)
    return entry.case_code if entry else None


def sub_event_for_case_code(code: str | None) -> str | None:
    """ACLED sub-event type of a CASE 2021 code; None for the five non-ACLED codes."""
    entry = _acled_by_case().get((code or "").strip().upper())
    return entry.sub_event_type if entry else None


def case_codes() -> tuple[str, ...]:
    """All 30 CASE 2021 Task 2 codes: 25 ACLED sub-events, then the 5 non-ACLED types."""
    return tuple(r.case_code for r in _acled())


def case_non_acled_codes() -> tuple[str, ...]:
    """CASE 2021 codes that are not ACLED events (ORG_CRIME, NATURAL_DISASTER, ...)."""
    return tuple(r.case_code for r in _acled() if r.sub_event_type is None)


# --- PLOVER versions ------------------------------------------------------------------------


def normalize_plover_event(name: str | None) -> str | None:
    """Current PLOVER event for a name, mapping older names (DEMAND -> REQUEST, FIGHT -> ASSAULT)."""
    if not name:
        return None
    up = name.strip().upper()
    up = _legacy()["event"].get(up, up)
    return up if up in PLOVER_EVENTS else None


def normalize_plover_mode(mode: str | None, *, table_2021: bool = False) -> str | None:
    """Current PLOVER mode for a name (demo-org -> demo, strike-hun -> hunger).

    With ``table_2021`` also fold modes the 2021 CAMEO table does not distinguish
    (aerial, drone -> heavy-weapons); use it on predictions compared with gold
    coded from that table.
    """
    if not mode or not mode.strip():
        return None
    m = mode.strip().lower()
    m = _legacy()["mode"].get(m, m)
    if table_2021:
        m = _legacy()["mode-2021"].get(m, m)
    return m
