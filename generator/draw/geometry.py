"""Plane geometry for the basemap: clip to a box, simplify, test a point against a ring.

Pure functions over (x, y) tuples; the basemap builder (bench/basemap.py) and the map
renderer use the same ones, so what is shipped and what is drawn are cut the same way.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x_min, y_min, x_max, y_max


def clip_ring(ring: Sequence[Point], box: Box) -> list[Point]:
    """Sutherland-Hodgman: the part of a closed ring inside `box`, as an open ring.

    Where a ring leaves the box and comes back, the result runs along the box's edge; those
    stretches lie on the map's frame (the renderer clips a little outside the view), so
    they are never seen.
    """
    x0, y0, x1, y1 = box
    points = list(ring[:-1]) if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    # One pass per side of the box; each is written out, as this loop draws every map.
    for coord, edge, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not points:
            break
        out: list[Point] = []
        prev = points[-1]
        prev_in = prev[coord] >= edge if keep_above else prev[coord] <= edge
        for cur in points:
            cur_in = cur[coord] >= edge if keep_above else cur[coord] <= edge
            if cur_in != prev_in:
                out.append(_cross(prev, cur, coord, edge))
            if cur_in:
                out.append(cur)
            prev, prev_in = cur, cur_in
        points = out
    return points


def _cross(a: Point, b: Point, coord: int, edge: float) -> Point:
    """Where segment a-b crosses the line `coord` = `edge`."""
    if coord == 0:
        t = (edge - a[0]) / (b[0] - a[0])
        return (edge, a[1] + t * (b[1] - a[1]))
    t = (edge - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), edge)


def clip_line(line: Sequence[Point], box: Box) -> list[list[Point]]:
    """The pieces of an open line inside `box` (Liang-Barsky, segment by segment)."""
    x0, y0, x1, y1 = box
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for a, b in itertools.pairwise(line):
        if x0 <= a[0] <= x1 and y0 <= a[1] <= y1 and x0 <= b[0] <= x1 and y0 <= b[1] <= y1:
            seg: tuple[Point, Point] | None = (a, b)  # what clip_segment gives a segment inside
        else:
            seg = clip_segment(a, b, box)
        if seg is None:
            if current:
                pieces.append(current)
                current = []
            continue
        p, q = seg
        if current and current[-1] != p:
            pieces.append(current)
            current = []
        if not current:
            current = [p]
        current.append(q)
        if q != b:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def clip_segment(a: Point, b: Point, box: Box) -> tuple[Point, Point] | None:
    """The part of segment a-b inside `box`, or None."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (a[0] + t0 * dx, a[1] + t0 * dy)
    end = b if t1 == 1 else (a[0] + t1 * dx, a[1] + t1 * dy)
    return start, end


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker with an explicit stack; the two end points always stay."""
    if tolerance <= 0 or len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        if norm == 0:
            for i in range(first + 1, last):
                px, py = points[i]
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
                if d > worst:
                    worst, index = d, i
        else:
            # The greatest distance from the line is the greatest cross product: one division, at the end.
            for i in range(first + 1, last):
                px, py = points[i]
                d = abs(dy * (px - ax) - dx * (py - ay))
                if d > worst:
                    worst, index = d, i
            worst /= norm
        if index > 0 and worst > tolerance:
            keep[index] = True
            if index - first > 1:  # a stretch with no point between its ends has nothing to measure
                stack.append((first, index))
            if last - index > 1:
                stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def contains(rings: Sequence[Sequence[Point]], p: Point) -> bool:
    """Even-odd rule over all rings: holes are rings inside rings."""
    x, y = p
    inside = False
    for ring in rings:
        n = len(ring)
        for i in range(n):
            ax, ay = ring[i]
            bx, by = ring[i - 1]
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
    return inside


def bbox(points: Sequence[Point]) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def meets(a: Box, b: Box) -> bool:
    """Whether two boxes meet, edges included."""
    return a[0] <= b[2] and a[2] >= b[0] and a[1] <= b[3] and a[3] >= b[1]


def clip_rings(rings: Sequence[Sequence[Point]], box: Box, boxes: Sequence[Box] | None = None) -> list[list[Point]]:
    """Each ring clipped to `box` and closed again; rings outside it are left out.

    `boxes`, the rings' own bounding boxes where they are known, saves finding them again."""
    out = []
    for i, ring in enumerate(rings):
        if not meets(boxes[i] if boxes is not None else bbox(ring), box):
            continue
        clipped = clip_ring(ring, box)
        if len(clipped) >= 3:
            out.append([*clipped, clipped[0]])
    return out


def area(ring: Sequence[Point]) -> float:
    """Signed area (shoelace) of a closed ring."""
    return sum(p[0] * q[1] - q[0] * p[1] for p, q in itertools.pairwise(ring)) / 2


def centroid(ring: Sequence[Point], area: float) -> Point:
    """The centroid of a closed ring of signed area `area`."""
    pairs = list(itertools.pairwise(ring))
    cx = sum((p[0] + q[0]) * (p[0] * q[1] - q[0] * p[1]) for p, q in pairs) / (6 * area)
    cy = sum((p[1] + q[1]) * (p[0] * q[1] - q[0] * p[1]) for p, q in pairs) / (6 * area)
    return cx, cy
