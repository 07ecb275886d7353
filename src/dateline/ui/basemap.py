"""Build the UI's offline base map (``world-110m.geojson``) from a world-atlas TopoJSON file.

Source: the npm package ``world-atlas`` 2.0.2 (ISC licence, Mike Bostock), file
``countries-110m.json``: Natural Earth 4.1.0 Admin 0 countries at 1:110m, which Natural Earth
places in the public domain. Rebuild with::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m dateline.ui.basemap package/countries-110m.json src/dateline/ui/world-110m.geojson
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

DIGITS = 2  # coordinate rounding: ~1 km, far below a 110m outline's own error


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (delta-decoded, de-quantized)."""
    scale = topo["transform"]["scale"]
    shift = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * scale[0] + shift[0], DIGITS),
                           round(y * scale[1] + shift[1], DIGITS)))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring stitched from arc indexes (~i means arc i reversed)."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return [list(p) for p in points]


def to_geojson(topo: dict[str, Any], layer: str = "countries") -> dict[str, Any]:
    """A GeoJSON FeatureCollection of one TopoJSON layer."""
    arcs = _decode_arcs(topo)
    features = []
    for geom in topo["objects"][layer]["geometries"]:
        if geom["type"] == "Polygon":
            coords: Any = [_ring(r, arcs) for r in geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            coords = [[_ring(r, arcs) for r in poly] for poly in geom["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "id": geom.get("id"),
                         "properties": {"name": (geom.get("properties") or {}).get("name")},
                         "geometry": {"type": geom["type"], "coordinates": coords}})
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m Admin 0 (public domain) via world-atlas 2.0.2 (ISC)",
            "features": features}


def main(argv: list[str]) -> int:
    """Convert ``argv[0]`` (TopoJSON) to ``argv[1]`` (GeoJSON)."""
    topo = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[1]).write_text(json.dumps(to_geojson(topo), separators=(",", ":")),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
