"""The trend row: one mark per briefing, in date order, its shape and colour saying its trend.

Like CrisisWatch's arrows: up for escalating, a level bar for stable, down for
de-escalating. The shape alone tells the trend; the colour repeats it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.draw.axes import MONTHS, long_date
from generator.draw.svg import esc, frame, num

Trend = Literal["escalating", "stable", "de-escalating"]

WIDTH = 400.0
CELL = 36.0
PER_ROW = 10
ROW = 76.0
LEGEND = 28.0
TRENDS = ("escalating", "stable", "de-escalating")
CLASSES = {"escalating": "bd-up", "stable": "bd-flat", "de-escalating": "bd-down"}
FILLS = {"escalating": "#a61b1b", "stable": "#4b5563", "de-escalating": "#166534"}


@dataclass(frozen=True)
class TrendMark:
    """One briefing's trend for a front."""

    date: dt.date
    label: str  # the briefing's title, said in the mark's tooltip
    trend: Trend
    href: str


def shape(trend: str, x: float, y: float, size: float = 9.0) -> str:
    """Path data of the trend's mark centred on (x, y)."""
    s = size
    if trend == "escalating":
        return f"M{num(x)} {num(y - s)}L{num(x + s)} {num(y + s * 0.7)}H{num(x - s)}Z"
    if trend == "de-escalating":
        return f"M{num(x)} {num(y + s)}L{num(x + s)} {num(y - s * 0.7)}H{num(x - s)}Z"
    if trend == "stable":
        return f"M{num(x - s)} {num(y - 3)}h{num(2 * s)}v6h{num(-2 * s)}Z"
    raise ValueError(f"unknown trend {trend!r}: expected one of {TRENDS!r}")


def trend_row(marks: Sequence[TrendMark], *, title: str) -> str | None:
    """An inline SVG row of trend marks, oldest first, or None when there is none."""
    if not marks:
        return None
    for m in marks:
        if m.trend not in TRENDS:
            raise ValueError(f"trend of the mark dated {m.date.isoformat()}: {m.trend!r} is not one of {TRENDS!r}")
    ordered = sorted(marks, key=lambda m: (m.date, m.label, m.trend, m.href))
    rows = (len(ordered) + PER_ROW - 1) // PER_ROW
    height = rows * ROW + LEGEND
    body = []
    last_year: int | None = None
    for i, m in enumerate(ordered):
        row, col = divmod(i, PER_ROW)
        x = 20 + col * CELL + CELL / 2
        y = row * ROW + 16
        tip = f"{long_date(m.date)}: {m.trend} — {m.label}"
        # Day over month, and the year under the first mark of a row or of a new year.
        year = f'<tspan x="{num(x)}" dy="13">{m.date.year}</tspan>' if m.date.year != last_year or col == 0 else ""
        last_year = m.date.year
        body.append(
            f'<a class="bd-mark-link" href="{esc(m.href)}"><title>{esc(tip)}</title>'
            f'<path class="{CLASSES[m.trend]}" data-trend="{m.trend}" fill="{FILLS[m.trend]}" d="{shape(m.trend, x, y)}"/>'
            f'<text class="bd-date" x="{num(x)}" y="{num(y + 26)}" text-anchor="middle" font-size="12">'
            f'{m.date.day}<tspan x="{num(x)}" dy="13">{MONTHS[m.date.month - 1]}</tspan>{year}</text></a>'
        )
    body.append(_legend(rows * ROW + 8))
    key = "|".join(f"{m.date.isoformat()}/{m.trend}/{m.label}/{m.href}" for m in ordered)
    return frame("trend", WIDTH, height, title, body, key=title + key)


def _legend(y: float) -> str:
    parts = ['<g class="bd-legend" font-size="12">']
    x = 20.0
    for trend in TRENDS:
        parts.append(f'<path class="{CLASSES[trend]}" fill="{FILLS[trend]}" d="{shape(trend, x + 8, y + 8, 6)}"/>')
        parts.append(f'<text x="{num(x + 20)}" y="{num(y + 12)}">{trend}</text>')
        x += 125
    parts.append("</g>")
    return "".join(parts)
