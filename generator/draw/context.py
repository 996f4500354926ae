"""What tells a reader where a map is: country and region names, and a scale bar.

Names are placed after the places' own labels and only where they clear them: a place's
label always wins over the name of the country it is in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from generator.draw.basemap import Basemap, Region
from generator.draw.geometry import Box, area, centroid, clip_rings, contains, overlaps
from generator.draw.projection import Projection
from generator.draw.svg import esc, num, text_width

CONTEXT_FONT = 11.0
NATION_FONT = 12.0
Names = tuple[tuple[str, float, float], ...]


def country_names(base: Basemap, proj: Projection, taken: list[Box], frame: Box) -> Names:
    """Country names, each at the centre of the largest part of the country the map shows."""
    view = proj.bounds()
    out = []
    for country in base.countries:
        b = country.box
        if b[0] > view[2] or b[2] < view[0] or b[1] > view[3] or b[3] < view[1]:
            continue
        pieces = [[proj(*p) for p in ring] for ring in clip_rings(country.rings, view)]
        if not pieces:
            continue
        piece = max(pieces, key=lambda r: abs(area(r)))
        a = area(piece)
        if abs(a) < 1:
            continue
        cx, cy = centroid(piece, a)
        name = country.name.upper()
        w = text_width(name, NATION_FONT) * 1.15  # letter-spaced
        xs = [p[0] for p in piece]
        box = (cx - w / 2, cy - NATION_FONT * 0.7, cx + w / 2, cy + NATION_FONT * 0.5)
        fits = w < (max(xs) - min(xs)) * 0.9 and contains([piece], (cx, cy))
        inside = frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]
        if fits and inside and not any(overlaps(box, t) for t in taken):
            taken.append(box)
            out.append((name, cx, cy))
    return tuple(out)


def region_names(regions: Sequence[Region], proj: Projection, taken: list[Box], frame: Box) -> Names:
    """Region names, muted, where they clear every label and marker: they say where the map is."""
    out = []
    for region in regions:
        spot = region.label_point
        if spot is None:
            continue
        x, y = proj(*spot)
        w = text_width(region.name, CONTEXT_FONT)
        box = (x - w / 2, y - CONTEXT_FONT * 0.7, x + w / 2, y + CONTEXT_FONT * 0.5)
        inside = frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]
        if inside and not any(overlaps(box, t) for t in taken):
            taken.append(box)
            out.append((region.name, x, y))
    return tuple(out)


def context_text(nations: Names, regions: Names) -> list[str]:
    out = []
    if nations:
        texts = "".join(f'<text x="{num(x)}" y="{num(y)}">{esc(name)}</text>' for name, x, y in nations)
        out.append(f'<g class="bd-nation" font-size="{num(NATION_FONT)}" text-anchor="middle" letter-spacing="1">{texts}</g>')
    if regions:
        texts = "".join(f'<text x="{num(x)}" y="{num(y)}">{esc(name)}</text>' for name, x, y in regions)
        out.append(f'<g class="bd-context" font-size="{num(CONTEXT_FONT)}" text-anchor="middle">{texts}</g>')
    return out


def scale_bar(proj: Projection, width: float, height: float) -> list[str]:
    """A bar of a round number of kilometres, about a fifth of the map's width, bottom left."""
    km = proj.km_per_px * width / 5
    step = 10 ** math.floor(math.log10(km))
    length = max(s * step for s in (1, 2, 5) if s * step <= km)
    px = length / proj.km_per_px
    x, y = 10.0, height - 10
    return [
        f'<g class="bd-scale"><path class="bd-scale-bar" fill="none" stroke="#1f2937" d="M{num(x)} {num(y - 4)}v4h{num(px)}v-4"/>'
        f'<text x="{num(x + px + 4)}" y="{num(y)}" font-size="11">{length:,.0f} km</text></g>'
    ]
