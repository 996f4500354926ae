"""Locator maps: where a briefing's places are, on a basemap drawn at build time.

`locator_map(places, title=...)` returns an inline SVG (or None when no place has usable
coordinates). The extent and projection come from the places; the basemap is the shipped
Natural Earth extract, clipped to the extent and simplified for it; every place is a link
carrying `data-place`, drawn by precision, and labelled where its label fits.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.draw.basemap import Basemap, Region, load
from generator.draw.context import context_text, country_names, region_names, scale_bar
from generator.draw.geometry import Box, Point, clip_line, clip_rings, meets, simplify
from generator.draw.labels import FONT, Anchor, Placed, marker_box, place
from generator.draw.projection import LAT_LIMIT, Projection, fit
from generator.draw.svg import esc, frame, num, path_d, shorten

Precision = Literal["exact", "approximate", "region"]

WIDTH = 460.0
#: The whole picture stays under this many bytes (issue 14): the basemap gets what the places
#: leave, its lines simplified more (the tolerance doubling) until they fit.
LIMIT = 150_000
MIN_BASEMAP = 12_000
#: Region borders are drawn on maps finer than this (km per px): on a map of Europe they are noise.
REGION_DETAIL = 4.0
LABEL_CHARS = 28
KEY_LINE = 17.0
RADIUS = {"exact": 5.0, "approximate": 8.0, "region": 4.0}
PRECISION_WORDS = {"exact": "exact location", "approximate": "approximate location", "region": "region"}


@dataclass(frozen=True)
class MapPlace:
    """A place to show: plain data, independent of the briefing models."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    precision: Precision
    href: str


@dataclass(frozen=True)
class Marker:
    place: MapPlace
    x: float
    y: float
    r: float
    region: Region | None  # the shipped region drawn for a region-precision place


@dataclass(frozen=True)
class LocatorLayout:
    """Everything a locator map draws, as data: tests check it, `render` writes it."""

    projection: Projection
    width: float
    map_height: float
    height: float  # with the key below the map, if any
    markers: tuple[Marker, ...]
    labels: tuple[Placed, ...]
    key: tuple[tuple[int, str], ...]  # (number, name) of places whose name would not fit
    context: tuple[tuple[str, float, float], ...]  # names of the regions drawn, where they fit
    regions: tuple[Region, ...]  # whose borders are drawn
    nations: tuple[tuple[str, float, float], ...]  # country names, in the middle of what the map shows of them


def usable(place: MapPlace) -> bool:
    lat, lon = place.lat, place.lon
    return (
        lat is not None
        and lon is not None
        and math.isfinite(lat)
        and math.isfinite(lon)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def layout(places: Sequence[MapPlace], *, width: float = WIDTH, basemap: Basemap | None = None) -> LocatorLayout | None:
    """Where everything goes on the map, or None when no place has coordinates."""
    chosen = sorted((p for p in places if usable(p)), key=lambda p: (p.id, p.name, p.lat, p.lon, p.precision, p.href))
    if not chosen:
        return None
    base = basemap or load()
    areas = {p: base.region_at(p.lon, p.lat) if p.precision == "region" else None for p in chosen}  # type: ignore[arg-type]
    # A region-precision place is the whole region: the map shows all of it.
    extent = [(p.lon, p.lat) for p in chosen] + [
        corner for r in areas.values() if r is not None for corner in ((r.box[0], r.box[1]), (r.box[2], r.box[3]))
    ]
    projection = fit(extent, width)  # type: ignore[arg-type]
    markers = []
    for p in chosen:
        # The projection stops short of the poles (LAT_LIMIT): a place beyond stands at its edge.
        x, y = projection(p.lon, max(-LAT_LIMIT, min(LAT_LIMIT, p.lat)))  # type: ignore[arg-type,type-var]
        markers.append(Marker(p, x, y, RADIUS[p.precision], areas[p]))
    # Top to bottom, then left to right: a stable order that labels a cluster from its edge.
    markers.sort(key=lambda m: (round(m.y, 1), round(m.x, 1), m.place.id))
    anchors = [Anchor(m.place.id, m.x, m.y, m.r + 1, shorten(m.place.name.strip() or m.place.id, LABEL_CHARS)) for m in markers]
    labels = place(anchors, (2.0, 2.0, width - 2.0, projection.height - 2.0))
    key = tuple((lab.number, shorten(m.place.name, 60)) for m, lab in zip(markers, labels, strict=True) if lab.number is not None)
    height = projection.height + (len(key) * KEY_LINE + 10 if key else 0)
    regions = _regions(markers, base) if projection.km_per_px < REGION_DETAIL else []
    taken = [lab.box for lab in labels if lab.shown] + [marker_box(a) for a in anchors]
    inner = (2.0, 2.0, width - 2.0, projection.height - 2.0)
    nations = country_names(base, projection, taken, inner)
    context = region_names(regions, projection, taken, inner)
    return LocatorLayout(
        projection, width, projection.height, height, tuple(markers), tuple(labels), key, context, tuple(regions), nations
    )


def locator_map(places: Sequence[MapPlace], *, title: str, basemap: Basemap | None = None) -> str | None:
    """An inline SVG locator map of `places`, or None when none has coordinates."""
    plan = layout(places, basemap=basemap)
    if plan is None:
        return None
    base = basemap or load()
    marks = _markers(plan) + _key(plan)
    used = sum(len(part.encode("utf-8")) for part in marks) + len(title.encode("utf-8")) * 6 + 1_000
    body = _basemap(plan, base, budget=max(LIMIT - used, MIN_BASEMAP), shipped=basemap is None) + marks
    return frame("map", plan.width, plan.height, title, body, key=title + repr(sorted(_signature(plan))))


def _signature(plan: LocatorLayout) -> list[tuple[str, str, str, str]]:
    return [(m.place.id, m.place.name, num(m.x), num(m.y)) for m in plan.markers]


def _project_lines(lines: list[list[Point]], proj: Projection, tolerance: float) -> list[list[Point]]:
    # Projection.__call__ written out, operation for operation: the same numbers, without a call a point.
    half_w, half_h, lon0, lat0, k, scale = proj.width / 2, proj.height / 2, proj.lon0, proj.lat0, proj.k, proj.scale
    out = []
    for line in lines:
        pts = simplify([(half_w + (lon - lon0) * k * scale, half_h - (lat - lat0) * scale) for lon, lat in line], tolerance)
        if len(pts) >= 2:
            out.append(pts)
    return out


#: Basemaps drawn on the shipped basemap, by what decides them (the view, the regions drawn,
#: the names placed), and by tolerance: a series of briefings on one situation names the
#: same places, and draws the same basemap again and again. A few tens of KB each.
_DRAWN: OrderedDict[Hashable, dict[float, list[str]]] = OrderedDict()
DRAWN_KEPT = 512


def _basemap(plan: LocatorLayout, base: Basemap, *, budget: int, shipped: bool = False) -> list[str]:
    """The basemap's parts at the finest tolerance (doubling from 0.4 px) that fits `budget`."""
    areas = tuple(sorted({m.region.id for m in plan.markers if m.region is not None}))
    key = (plan.projection, plan.width, plan.map_height, tuple(r.id for r in plan.regions), areas, plan.nations, plan.context)
    drawn = _DRAWN.get(key, {}) if shipped else {}
    if shipped:
        _DRAWN[key] = drawn
        _DRAWN.move_to_end(key)
        while len(_DRAWN) > DRAWN_KEPT:
            _DRAWN.popitem(last=False)
    clipped = None
    tolerance = 0.4
    while True:
        if tolerance not in drawn:
            clipped = clipped or _clipped(plan, base)
            drawn[tolerance] = _drawn(plan, clipped, tolerance)
        parts = drawn[tolerance]
        if sum(len(part) for part in parts) <= budget or tolerance > 64:
            return list(parts)
        tolerance *= 2


@dataclass(frozen=True)
class _Clipped:
    """The basemap's lines in the map's view, in degrees."""

    land: list[list[Point]]
    borders: list[list[Point]]
    regions: list[list[Point]]
    areas: dict[str, list[list[Point]]]


def _clipped(plan: LocatorLayout, base: Basemap) -> _Clipped:
    view = plan.projection.bounds(margin=6.0)
    layer = base.layer_for(view)
    areas = {m.region.id: m.region for m in plan.markers if m.region is not None}
    return _Clipped(
        land=clip_rings(layer.land, view, layer.land_boxes),
        borders=[
            piece
            for line, box in zip(layer.borders, layer.border_boxes, strict=True)
            if meets(box, view)
            for piece in clip_line(line, view)
        ],
        regions=_region_lines(plan.regions, base, view),
        areas={rid: clip_rings(r.rings, view) for rid, r in sorted(areas.items())},
    )


def _drawn(plan: LocatorLayout, clipped: _Clipped, tolerance: float) -> list[str]:
    proj = plan.projection
    parts = [
        f'<rect class="bd-sea" x="0" y="0" width="{num(plan.width)}" height="{num(plan.map_height)}" fill="#dfe8f0"/>',
        f'<path class="bd-land" fill="#f3f1ea" fill-rule="evenodd" d="{path_d(_project_lines(clipped.land, proj, tolerance), closed=True)}"/>',
    ]
    if clipped.regions:
        d = path_d(_project_lines(clipped.regions, proj, tolerance), closed=False)
        parts.append(f'<path class="bd-admin1" fill="none" stroke="#9aa3ad" d="{d}"/>')
    borders = path_d(_project_lines(clipped.borders, proj, tolerance), closed=False)
    parts.append(f'<path class="bd-border" fill="none" stroke="#5f6b78" d="{borders}"/>')
    for rid, rings in clipped.areas.items():
        d = path_d(_project_lines(rings, proj, tolerance), closed=True)
        parts.append(f'<path class="bd-area" data-region="{esc(rid)}" fill-rule="evenodd" d="{d}"/>')
    return parts + context_text(plan.nations, plan.context) + scale_bar(proj, plan.width, plan.map_height)


def _regions(markers: Sequence[Marker], base: Basemap) -> list[Region]:
    """The regions the places fall in, and their neighbours."""
    found: dict[str, Region] = {}
    for m in markers:
        region = m.region or base.region_at(m.place.lon, m.place.lat)  # type: ignore[arg-type]
        if region is None:
            continue
        found[region.id] = region
        for n in base.neighbours(region):
            found[n.id] = n
    return [found[k] for k in sorted(found)]


def _region_lines(regions: Sequence[Region], base: Basemap, view: Box) -> list[list[Point]]:
    # Only the borders between two regions: a region's outer edge is a coast or a country
    # border, drawn by the layers that are made for it.
    arcs = sorted({a for r in regions for a in r.arcs if a in base.shared_arcs})
    return [piece for a in arcs if meets(base.arc_boxes[a], view) for piece in clip_line(base.arcs[a], view)]


def _markers(plan: LocatorLayout) -> list[str]:
    parts = [f'<g class="bd-places" font-size="{num(FONT)}">']
    for m, lab in zip(plan.markers, plan.labels, strict=True):
        p = m.place
        esc(p.id)
        shape = _shape(m, plan.projection)
        what = PRECISION_WORDS[p.precision]
        parts.append(f'<a class="bd-place bd-{p.precision}" href="{esc(p.href)}"><title>{esc(p.name)} ({what})</title>{shape}')
        if lab.leader is not None:
            (x1, y1), (x2, y2) = lab.leader
            parts.append(
                f'<line class="bd-leader" x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="#5f6b78"/>'
            )
        if lab.shown:
            cls = "bd-label bd-number" if lab.number is not None else "bd-label"
            parts.append(
                f'<text class="{cls}" x="{num(lab.x)}" y="{num(lab.y)}" text-anchor="{lab.anchor}">{esc(lab.text)}</text>'
            )
        parts.append("</a>")
    parts.append("</g>")
    return parts


def _shape(m: Marker, proj: Projection) -> str:
    pid = esc(m.place.id)
    x, y = num(m.x), num(m.y)
    if m.place.precision == "exact":
        return f'<circle class="bd-mark" data-place="{pid}" cx="{x}" cy="{y}" r="{num(m.r)}"/>'
    if m.place.precision == "approximate":
        return f'<circle class="bd-mark" data-place="{pid}" cx="{x}" cy="{y}" r="{num(m.r)}" fill="none" stroke-dasharray="3 2"/>'
    # A region: its outline is drawn with the basemap (bd-area); here, a soft disc when no
    # shipped region holds the point, and a small cross at the point either way.
    cross = f'<path class="bd-cross" d="M{num(m.x - 4)} {y}h8M{x} {num(m.y - 4)}v8"/>'
    if m.region is not None:
        return f'<g class="bd-mark" data-place="{pid}" data-region="{esc(m.region.id)}">{cross}</g>'
    r = min(max(25.0 / proj.km_per_px, 10.0), 40.0)
    return f'<g class="bd-mark" data-place="{pid}"><circle class="bd-disc" cx="{x}" cy="{y}" r="{num(r)}"/>{cross}</g>'


def _key(plan: LocatorLayout) -> list[str]:
    if not plan.key:
        return []
    y = plan.map_height + 6
    parts = [f'<g class="bd-key" font-size="{num(FONT)}">']
    for number, name in plan.key:
        y += KEY_LINE
        parts.append(f'<text x="8" y="{num(y - 4)}"><tspan class="bd-number">{number}</tspan> {esc(name)}</text>')
    parts.append("</g>")
    return parts
