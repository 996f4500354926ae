"""The map projection: equirectangular, scaled by the cosine of the centre's latitude.

For the extents these maps show (a few hundred to a few thousand kilometres) it keeps
shapes close to true around the centre, and it is linear in longitude and latitude, so a
border is clipped to the map in degrees and stays straight between its vertices: no
antipode, no seam to cut. A map that would span more than a hemisphere is not what a
briefing needs, and the extent is capped well before that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: The smallest extent shown, in degrees of latitude: one point still shows its country...
MIN_SPAN = 3.0
#: ...and places close together are spread enough to be told apart.
MIN_SPAN_MANY = 1.5
#: Room kept around the places, as a share of their spread.
PAD = 0.18
#: Height over width, kept within these bounds by widening the narrower side.
MIN_ASPECT, MAX_ASPECT = 0.6, 1.0
LAT_LIMIT = 82.0


@dataclass(frozen=True)
class Projection:
    """Longitude/latitude to viewBox pixels, and back."""

    lon0: float
    lat0: float
    k: float  # cos(lat0): how much shorter a degree of longitude is here
    scale: float  # pixels per degree of latitude
    width: float
    height: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.width / 2 + (lon - self.lon0) * self.k * self.scale,
            self.height / 2 - (lat - self.lat0) * self.scale,
        )

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.lon0 + (x - self.width / 2) / (self.k * self.scale),
            self.lat0 - (y - self.height / 2) / self.scale,
        )

    def bounds(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """The geographic box the map shows (lon_min, lat_min, lon_max, lat_max), `margin` px wider."""
        lon_min, lat_max = self.inverse(-margin, -margin)
        lon_max, lat_min = self.inverse(self.width + margin, self.height + margin)
        return lon_min, lat_min, lon_max, lat_max

    @property
    def km_per_px(self) -> float:
        return 111.32 / self.scale


def fit(points: Sequence[tuple[float, float]], width: float) -> Projection:
    """The projection that shows every (lon, lat) in `points`, padded, on a map `width` px wide."""
    min_span = MIN_SPAN if len(set(points)) == 1 else MIN_SPAN_MANY
    lons = [p[0] for p in points]
    lats = [max(-LAT_LIMIT, min(LAT_LIMIT, p[1])) for p in points]
    lat0 = (min(lats) + max(lats)) / 2
    lon0 = (min(lons) + max(lons)) / 2
    k = max(math.cos(math.radians(lat0)), 0.2)
    # Spans in "projected degrees": degrees of latitude, and degrees of longitude times k.
    span_x = (max(lons) - min(lons)) * k * (1 + 2 * PAD)
    span_y = (max(lats) - min(lats)) * (1 + 2 * PAD)
    span_x, span_y = max(span_x, min_span), max(span_y, min_span)
    span_y = min(max(span_y, span_x * MIN_ASPECT), 2 * LAT_LIMIT * (1 + 2 * PAD))
    span_x = max(span_x, span_y / MAX_ASPECT)
    scale = width / span_x
    height = round(span_y * scale)
    return Projection(lon0=lon0, lat0=lat0, k=k, scale=scale, width=width, height=height)
