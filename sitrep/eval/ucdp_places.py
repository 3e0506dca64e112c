"""UCDP GED headlines that name their place, scored on where the coder puts the event.

The rows are those of ``ucdp_ged_world_dev.jsonl`` (Syria, Nigeria, Myanmar,
Pakistan, Sudan, the Philippines and more) and ``ucdp_ged_iraq_dev.jsonl`` with
a source headline, a town-level point (``where_prec`` 1 or 2: the place itself
or near it) and a headline that names that place: the name in
``where_coordinates`` (its feature word "town"/"village" dropped) appears in
the headline under a fixed transliteration fold (:func:`name_fold`: accents,
articles, vowels and doubled letters dropped, so "Ar Ruţbah" matches "Rutbah").
The fold is this module's own, frozen: changing the resolver never changes
which rows are scored.

The prediction is the headline's main violent event, chosen as in
:mod:`sitrep.eval.ucdp`; its ``location`` is scored:

- ``place_country``: its country is UCDP's country (no event or no place is wrong);
- ``place_within_25km``: its point lies within ``defaults.EVAL_PLACE_KM`` of UCDP's point
  (a place without coordinates is wrong: sitrep never guesses a point);
- ``place_located``: share of rows whose main event has any place at all;
- ``place_country_coded``, ``place_within_25km_coded``: the same two over the rows
  where the coder finds a main event at all (the place resolver's own share; a
  headline with no event, "October 31st 2015: Mahalabiya, Nineveh province,
  Iraq.", is the coder's event-ness, not its places).

The place resolver is also scored on its own, event or no event: ``mention_country`` and
``mention_within_25km`` read the headline with :func:`sitrep.resolve.geoparse.geoparse`
(every place the text names) and score the mention that names UCDP's place (under
:func:`name_fold`; no such mention is wrong). A list entry with no verb ("March 26th 2016:
Mosul, Nineveh province, Iraq.") has no event to put anywhere, but it names a place, and
this is where the resolver answers for it.

Rows that name their place are measured here and nowhere else: the place index
(``scripts/build_places.py``) leaves out every UCDP row this module can score
(:func:`is_measured`). A place a measured row names may still be in the index
from other UCDP rows that name it; ``details`` gives the scores apart for rows
whose place the UCDP index holds (``indexed``) and for the others (``unseen``:
the resolver with GeoNames alone).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep import defaults
from sitrep.eval.base import SetScore, iso_date, need, read_jsonl
from sitrep.eval.coder import CoderLike, TextItem
from sitrep.eval.ucdp import is_violent
from sitrep.models import Event, Place

NAME = "ucdp_places"
DESCRIPTION = "UCDP GED world + Iraq headlines naming their town -> the main event's country and point"
HEADLINE = ("place_country", "place_within_25km", "place_located", "place_country_coded", "place_within_25km_coded",
            "mention_country", "mention_within_25km")
FILES = (("ucdp", "ucdp_ged_world_dev.jsonl"), ("ucdp", "ucdp_ged_iraq_dev.jsonl"))
PRECISIONS = ("1", "2")

#: UCDP's country names that a plain lookup does not read.
UCDP_COUNTRIES = {
    "Myanmar (Burma)": "MMR", "Yemen (North Yemen)": "YEM", "DR Congo (Zaire)": "COD", "Serbia (Yugoslavia)": "SRB",
    "Russia (Soviet Union)": "RUS", "Cambodia (Kampuchea)": "KHM", "Zimbabwe (Rhodesia)": "ZWE",
    "Madagascar (Malagasy)": "MDG", "Bosnia-Herzegovina": "BIH", "Ivory Coast": "CIV", "Kingdom of eSwatini (Swaziland)": "SWZ",
}
#: Feature words UCDP appends to a place name ("Mosul town", "Kuach village").
_FEATURE = re.compile(r"\s+(?:town|village|city|suburb|neighbou?rhood|area|district|camp|island|valley|hill|"
                      r"mountain|mountains|market|junction|bridge|airport|base|road|farm|farms|quarter|"
                      r"settlement|hamlet|region|crossing|dam|plain|forest|square|port|lake|river)$", re.I)
_ARTICLES = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez)\b[\s\-]*", re.I)
_NO_VOWELS = str.maketrans("", "", "aeiouyw")
_DOUBLE = re.compile(r"(.)\1+")
_QUOTE_CHARS = re.compile(r"['’‘`ʼʻ]")
_LETTERS = re.compile(r"[a-z]+")
_PAIRS = {"kh": "k", "gh": "g", "dh": "d", "th": "t", "sh": "s", "ph": "f", "q": "k", "c": "k", "j": "g", "z": "s"}
_PAIR_RE = re.compile(r"kh|gh|dh|th|sh|ph|[qcjz]")


def name_fold(text: str) -> str:
    """A loose, fixed key for matching a UCDP place name in a headline: accents
    and quotes gone, Arabic articles dropped, kh/q/k and similar merged, vowels
    and doubled letters dropped. "Ar Ruţbah" and "Rutbah" both give "rtb"."""
    s = text.lower()
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = _ARTICLES.sub(" ", _QUOTE_CHARS.sub("", s))
    s = _PAIR_RE.sub(lambda m: _PAIRS[m.group(0)], s)
    words = []
    for w in _LETTERS.findall(s):
        if len(w) > 2 and w[-1] == "h":
            w = w[:-1]
        w = _DOUBLE.sub(r"\1", w[0] + w[1:].translate(_NO_VOWELS))
        words.append(w)
    return " ".join(words)


def place_name(where: str) -> str:
    """UCDP's ``where_coordinates`` without its feature word or brackets: "Mosul town" -> "Mosul"."""
    s = re.sub(r"\s*\(.*?\)\s*", " ", where).strip()
    return _FEATURE.sub("", s).strip()


def names_place(headline: str, where: str) -> bool:
    """Does the headline name UCDP's place (under :func:`name_fold`)?"""
    target = name_fold(place_name(where))
    if len(target.replace(" ", "")) < 3:
        return False
    words = name_fold(headline).split()
    n = len(target.split())
    return any(" ".join(words[i:i + n]) == target for i in range(len(words) - n + 1))


def ucdp_country(name: str) -> str | None:
    if name in UCDP_COUNTRIES:
        return UCDP_COUNTRIES[name]
    from sitrep.resolve.countries import country_code

    return country_code(re.sub(r"\s*\(.*\)", "", name))


@dataclass(frozen=True, slots=True)
class PlaceItem:
    id: str
    text: str
    date: str | None
    country: str | None
    lat: float
    lon: float
    where: str
    indexed: bool = False  # the shipped UCDP place index holds this place (from other rows)

    @property
    def fold_key(self) -> str:
        return f"{NAME}:{self.id}"


def files(gold_dir: Path) -> list[Path]:
    return [gold_dir.joinpath(*f) for f in FILES]


def is_measured(rec: dict[str, Any]) -> bool:
    """Is this UCDP row one this set scores (headline, town-level point, place named)?"""
    headline = str(rec.get("source_headline") or "").strip()
    where = str(rec.get("where_coordinates") or "")
    return bool(headline) and str(rec.get("where_prec")) in PRECISIONS and names_place(headline, where)


def headline_text(headline: str) -> str:
    parts = [p.strip() for p in headline.split(";") if p.strip()]
    return "\n".join(p if p[-1] in ".!?" else p + "." for p in parts)


def _indexed_places() -> set[tuple[str, str]]:
    from sitrep.resolve.places import load_ucdp_file

    return {(name_fold(name), iso3) for name, _f, iso3, *_rest in load_ucdp_file()}


def load(gold_dir: Path) -> list[PlaceItem]:
    indexed = _indexed_places()
    items = []
    seen: set[str] = set()
    for f in FILES:
        path = gold_dir.joinpath(*f)
        for n, rec in read_jsonl(path):
            if not is_measured(rec):
                continue
            rid = str(need(rec, "id", path, n))
            if rid in seen:
                continue
            seen.add(rid)
            try:
                lat, lon = float(rec["latitude"]), float(rec["longitude"])
            except (KeyError, TypeError, ValueError):
                continue
            where = str(rec.get("where_coordinates"))
            iso3 = ucdp_country(str(rec.get("country") or ""))
            items.append(PlaceItem(rid, headline_text(str(rec["source_headline"])), iso_date(rec.get("source_date")),
                                   iso3, lat, lon, where, (name_fold(place_name(where)), iso3 or "") in indexed))
    return items


def measured_ids(gold_dir: Path) -> set[str]:
    """Ids of the UCDP rows this set can score (whatever their country or file)."""
    out: set[str] = set()
    for f in FILES:
        path = gold_dir.joinpath(*f)
        if path.exists():
            out.update(str(rec.get("id")) for _, rec in read_jsonl(path) if is_measured(rec))
    return out


def predict(items: Sequence[PlaceItem], coder: CoderLike, gold_dir: Path | None = None) -> dict[str, list[Event]]:
    return coder.code_texts([TextItem(it.id, it.text, it.date) for it in items])


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def main_event(events: Sequence[Event]) -> Event | None:
    """The headline's main violent event (as the ucdp set picks it), else its most confident event."""
    violent = [ev for ev in events if is_violent(ev)]
    pool = violent or [ev for ev in events if ev.modality in defaults.EVAL_UCDP_MODALITIES]
    return max(pool, key=lambda e: (e.confidence, -e.evidence.trigger.start)) if pool else None


def named_mention(it: PlaceItem) -> Place | None:
    """The first place the headline's geoparse finds whose mention names UCDP's place."""
    from sitrep.resolve.geoparse import geoparse

    target = name_fold(place_name(it.where)).split()
    n = len(target)
    for place in geoparse(it.text):
        words = name_fold(place.text).split()
        if any(words[i:i + n] == target for i in range(len(words) - n + 1)):
            return place
    return None


def _near(place: Place | None, it: PlaceItem) -> bool:
    return (place is not None and place.lat is not None and place.lon is not None
            and km(place.lat, place.lon, it.lat, it.lon) <= defaults.EVAL_PLACE_KM)


def score(items: Sequence[PlaceItem], predictions: dict[str, list[Event]]) -> SetScore:
    country_ok = near = located = coded = mention_ok = mention_near = 0
    parts = {"indexed": [0, 0, 0], "unseen": [0, 0, 0]}  # rows, country right, within
    misses: list[dict[str, Any]] = []
    for it in items:
        main = main_event(predictions.get(it.id, []))
        loc = main.location if main is not None else None
        located += loc is not None
        ok_c = loc is not None and loc.country == it.country
        ok_p = _near(loc, it)
        mention = named_mention(it)
        mention_ok += mention is not None and mention.country == it.country
        mention_near += _near(mention, it)
        country_ok += ok_c
        near += ok_p
        coded += main is not None
        part = parts["indexed" if it.indexed else "unseen"]
        part[0] += 1
        part[1] += ok_c
        part[2] += ok_p
        if not ok_p and len(misses) < 40:
            misses.append({"id": it.id, "gold": f"{it.where} ({it.country})", "text": it.text[:160],
                           "got": None if loc is None else f"{loc.text} -> {loc.name} ({loc.country}) p{loc.geo_precision}"})
    n = len(items)
    metrics = {
        "place_country": country_ok / n if n else None,
        "place_within_25km": near / n if n else None,
        "place_located": located / n if n else None,
        "place_country_coded": country_ok / coded if coded else None,
        "place_within_25km_coded": near / coded if coded else None,
        "mention_country": mention_ok / n if n else None,
        "mention_within_25km": mention_near / n if n else None,
    }
    details: dict[str, Any] = {"n": n, "with_main_event": coded}
    for name, (rows, c_ok, p_ok) in parts.items():
        details[name] = {"n": rows, "place_country": c_ok / rows if rows else None,
                         "place_within_25km": p_ok / rows if rows else None}
    details["misses"] = misses
    return SetScore(metrics, details)
