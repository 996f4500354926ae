"""Pictures drawn at build time as inline SVG: plain data in, a `str` of SVG out.

Independent of the briefing models: the pages turn their places, trends, figures and
events into the small dataclasses here. Each function returns None when it has nothing to
draw, so a page shows no empty frame. The same input gives the same bytes.
"""

from __future__ import annotations

from generator.draw.chart import FigurePoint, figure_chart
from generator.draw.locator import LocatorLayout, MapPlace, layout, locator_map
from generator.draw.timeline import TimelineEvent, span, timeline_chart
from generator.draw.trend import TrendMark, trend_row

__all__ = [
    "FigurePoint",
    "LocatorLayout",
    "MapPlace",
    "TimelineEvent",
    "TrendMark",
    "figure_chart",
    "layout",
    "locator_map",
    "span",
    "timeline_chart",
    "trend_row",
]
