"""Greedy label placement: each label beside its marker, clear of every other label and marker.

Markers are taken in a fixed order; each tries the eight positions around it (right first,
as maps are read), then the same positions farther out with a leader line back to the
marker. A label with no free position becomes a number: a short tag placed the same way,
the full name going to a key under the picture. The result is data (`Placed`), so tests
can check what was drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.draw.geometry import Box, Point, overlaps
from generator.draw.svg import text_width

FONT = 14.0
LINE = FONT * 1.3
GAP = 3.0
# Directions in the order tried: right, left, above, below, then the diagonals.
DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))
LEADER_STEPS = (16.0, 32.0, 52.0, 80.0)
#: A number is small: it may go farther out before giving up.
NUMBER_STEPS = (*LEADER_STEPS, 110.0, 140.0, 180.0)


@dataclass(frozen=True)
class Anchor:
    """What a label names: a point, and the radius its marker covers."""

    key: str
    x: float
    y: float
    r: float
    text: str


@dataclass(frozen=True)
class Placed:
    """A placed label: its text, where the text is written, the box it covers."""

    key: str
    text: str
    x: float  # where the text is anchored (SVG x, y of the baseline)
    y: float
    anchor: str  # "start", "middle" or "end"
    box: Box
    leader: tuple[Point, Point] | None  # from the marker's edge to the label, when moved aside
    number: int | None  # set when the name went to the key
    shown: bool = True  # False when not even the number found room


def marker_box(a: Anchor) -> Box:
    return (a.x - a.r, a.y - a.r, a.x + a.r, a.y + a.r)


def _candidate(a: Anchor, text: str, dx: int, dy: int, extra: float) -> tuple[Box, float, float, str]:
    w = text_width(text, FONT) + 2
    d = a.r + GAP + extra
    if dx and dy:
        d *= 0.75
    cx, cy = a.x + dx * d, a.y + dy * d
    if dx > 0:
        x0, anchor, tx = cx, "start", cx + 1
    elif dx < 0:
        x0, anchor, tx = cx - w, "end", cx - 1
    else:
        x0, anchor, tx = cx - w / 2, "middle", cx
    if dy < 0:
        y0 = cy - LINE
    elif dy > 0:
        y0 = cy
    else:
        y0 = cy - LINE / 2
    box = (x0, y0, x0 + w, y0 + LINE)
    baseline = y0 + LINE / 2 + FONT * 0.36
    return box, tx, baseline, anchor


def _leader(a: Anchor, box: Box) -> tuple[Point, Point]:
    # From the marker's edge towards the nearest point of the label box.
    nx = min(max(a.x, box[0]), box[2])
    ny = min(max(a.y, box[1]), box[3])
    dx, dy = nx - a.x, ny - a.y
    dist = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    return (a.x + dx / dist * a.r, a.y + dy / dist * a.r), (nx, ny)


def place(anchors: Sequence[Anchor], frame: Box) -> list[Placed]:
    """Labels for `anchors`, in their order, inside `frame`, none overlapping another or a marker."""
    markers = [marker_box(a) for a in anchors]
    taken: list[Box] = []
    out: list[Placed] = []
    numbers = 0

    def free(box: Box, own: int) -> bool:
        if box[0] < frame[0] or box[1] < frame[1] or box[2] > frame[2] or box[3] > frame[3]:
            return False
        if any(overlaps(box, t) for t in taken):
            return False
        return not any(overlaps(box, m) for i, m in enumerate(markers) if i != own)

    def attempt(i: int, a: Anchor, text: str, number: int | None) -> Placed | None:
        for step, extra in enumerate((0.0, *(LEADER_STEPS if number is None else NUMBER_STEPS))):
            for dx, dy in DIRECTIONS:
                box, tx, ty, anchor = _candidate(a, text, dx, dy, extra)
                if free(box, i):
                    leader = _leader(a, box) if step else None
                    return Placed(a.key, text, tx, ty, anchor, box, leader, number)
        return None

    for i, a in enumerate(anchors):
        placed = attempt(i, a, a.text, None)
        if placed is None:
            numbers += 1
            placed = attempt(i, a, str(numbers), numbers)
            if placed is None:
                # Nowhere to write even the number: the key still lists the place, and its
                # marker's title names it.
                out.append(Placed(a.key, str(numbers), a.x, a.y, "middle", (a.x, a.y, a.x, a.y), None, numbers, shown=False))
                continue
        taken.append(placed.box)
        out.append(placed)
    return out
