"""Build sitrep/web/data/world-110m.json: country outlines for the workspace map.

Source: Natural Earth 1:110m admin-0 countries (public domain), as TopoJSON in the
npm package world-atlas 2.0.2 (ISC). Get it with the ordinary npm client and run:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-110m.json

The output keeps, per country, its ISO numeric id, name and rings of [lon, lat]
rounded to 0.1 degree (ample for a 1,000-pixel map), about 100 KB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sitrep" / "web" / "data" / "world-110m.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs: delta-encoded quantized positions -> absolute lon/lat."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[list[float]]:
    out: list[tuple[float, float]] = []
    for r in refs:
        pts = arcs[r] if r >= 0 else list(reversed(arcs[~r]))
        out.extend(pts if not out else pts[1:])  # consecutive arcs share their end point
    rounded: list[list[float]] = []
    for lon, lat in out:
        p = [round(lon, 1), round(lat, 1)]
        if not rounded or p != rounded[-1]:
            rounded.append(p)
    return rounded


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs", [])
        rings = [ring(arcs, r) for poly in polys for r in poly]
        rings = [r for r in rings if len(r) >= 3]
        if rings:
            countries.append({"id": g.get("id"), "name": g.get("properties", {}).get("name"), "rings": rings})
    OUT.write_text(json.dumps({"source": "Natural Earth 1:110m admin-0 countries (public domain), via the npm "
                                         "package world-atlas 2.0.2; built by scripts/build_world_map.py",
                               "countries": countries}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(countries)} countries -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
