"""The basemap shipped with the package: land, country borders, first-level regions.

`data/basemap.json` is built by `bench/basemap.py` from Natural Earth (public domain); see
`data/MAKE.md`. It is read once per process, from the package, never from the network.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources

from generator.draw.geometry import Box, Point, area, bbox, centroid, contains

Line = tuple[Point, ...]


@dataclass(frozen=True)
class Layer:
    """Land polygons (rings, even-odd) and country borders (open lines) at one scale."""

    land: tuple[Line, ...]
    borders: tuple[Line, ...]
    box: Box  # where the layer has data
    #: The bounding box of each land ring and each border, in order: every map tests them all.
    land_boxes: tuple[Box, ...] = field(init=False, repr=False, compare=False)
    border_boxes: tuple[Box, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "land_boxes", tuple(map(bbox, self.land)))
        object.__setattr__(self, "border_boxes", tuple(map(bbox, self.borders)))


@dataclass(frozen=True)
class Region:
    """A first-level region (oblast, krai, republic) with the arcs that bound it."""

    id: str  # ISO 3166-2, e.g. "UA-14"
    name: str
    country: str  # ISO 3166-1 alpha-2
    rings: tuple[Line, ...]
    arcs: frozenset[int]
    box: Box

    @functools.cached_property
    def label_point(self) -> Point | None:
        """A point inside the region's largest ring: its centroid, or failing that its box's centre."""
        ring = max(self.rings, key=lambda r: abs(area(r)))
        a = area(ring)
        if a:
            cx, cy = centroid(ring, a)
            if contains([ring], (cx, cy)):
                return cx, cy
        b = self.box
        centre = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
        return centre if contains([ring], centre) else None


@dataclass(frozen=True)
class Country:
    """A country's 1:110m outline: where to write its name, not a line to draw."""

    id: str  # ISO 3166-1 alpha-3, as Natural Earth has it
    name: str
    rings: tuple[Line, ...]
    box: Box


@dataclass(frozen=True)
class Basemap:
    europe: Layer
    world: Layer
    arcs: tuple[Line, ...]
    regions: tuple[Region, ...]
    countries: tuple[Country, ...]
    #: The bounding box of each arc, in order.
    arc_boxes: tuple[Box, ...] = field(init=False, repr=False, compare=False)
    #: The arcs that two regions share: the borders between regions, not their outer edges.
    shared_arcs: frozenset[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        uses: dict[int, int] = {}
        for r in self.regions:
            for a in r.arcs:
                uses[a] = uses.get(a, 0) + 1
        object.__setattr__(self, "arc_boxes", tuple(map(bbox, self.arcs)))
        object.__setattr__(self, "shared_arcs", frozenset(a for a, n in uses.items() if n > 1))

    def layer_for(self, box: Box) -> Layer:
        """The most detailed layer that covers `box` (lon_min, lat_min, lon_max, lat_max)."""
        e = self.europe.box
        inside = e[0] <= box[0] and e[1] <= box[1] and box[2] <= e[2] and box[3] <= e[3]
        return self.europe if inside else self.world

    def region_at(self, lon: float, lat: float) -> Region | None:
        """The region holding a point, if a shipped region does."""
        for region in self.regions:
            b = region.box
            if b[0] <= lon <= b[2] and b[1] <= lat <= b[3] and contains(region.rings, (lon, lat)):
                return region
        return None

    def neighbours(self, region: Region) -> tuple[Region, ...]:
        """The regions that share a border with `region` (in the same country's data)."""
        return tuple(r for r in self.regions if r.id != region.id and r.arcs & region.arcs)


def _decode(flat: Sequence[int], scale: float) -> Line:
    x = y = 0
    out = []
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        out.append((x / scale, y / scale))
    return tuple(out)


def _layer(raw: dict[str, list[list[int]]], scale: float, box: Box) -> Layer:
    return Layer(
        land=tuple(_decode(r, scale) for r in raw["land"]),
        borders=tuple(_decode(r, scale) for r in raw["borders"]),
        box=box,
    )


def _ring(arc_ids: Sequence[int], arcs: Sequence[Line]) -> Line:
    points: list[Point] = []
    for a in arc_ids:
        arc = arcs[a] if a >= 0 else arcs[~a][::-1]
        points.extend(arc[1:] if points else arc)
    return tuple(points)


@functools.cache
def load() -> Basemap:
    """The shipped basemap, decoded."""
    raw = json.loads(resources.files("generator.draw").joinpath("data/basemap.json").read_text(encoding="utf-8"))
    scale = float(raw["scale"])
    arcs = tuple(_decode(a, scale) for a in raw["admin1"]["arcs"])
    regions = []
    for r in raw["admin1"]["regions"]:
        rings = tuple(_ring(ring, arcs) for ring in r["rings"])
        regions.append(
            Region(
                id=r["id"],
                name=r["name"],
                country=r["country"],
                rings=rings,
                arcs=frozenset(a if a >= 0 else ~a for ring in r["rings"] for a in ring),
                box=bbox([p for ring in rings for p in ring]),
            )
        )
    return Basemap(
        europe=_layer(raw["europe"], scale, tuple(raw["europe"]["box"])),
        world=_layer(raw["world"], scale, (-180.0, -90.0, 180.0, 90.0)),
        arcs=arcs,
        regions=tuple(regions),
        countries=tuple(
            Country(c["id"], c["name"], rings, bbox([p for ring in rings for p in ring]))
            for c in raw["countries"]
            for rings in [tuple(_decode(r, scale) for r in c["rings"])]
        ),
    )
