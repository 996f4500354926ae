"""Figures over time: one series per claimant, ranges as ranges, approximate values hollow.

A linear value axis that starts at zero (or below, for a negative figure) with round ticks,
a date axis, a legend that pairs each claimant's shape with its name. Every point is a link
to the figure's entry and carries its numbers in `data-value` (and `data-min`/`data-max`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.draw.axes import date_ticks, long_date, nice_ticks, tick_label
from generator.draw.svg import esc, frame, num, shorten, text_width

WIDTH = 400.0
PLOT_HEIGHT = 220.0
TOP = 26.0
BOTTOM = 30.0
RIGHT = 14.0
FONT = 13.0
SHAPES = ("circle", "square", "diamond", "up", "down", "hexagon")
DODGE = 7.0


@dataclass(frozen=True)
class FigurePoint:
    """One reported figure: a value, a range, or both, as a claimant gave it on a date."""

    date: dt.date
    claimant: str
    value: float | None
    min: float | None
    max: float | None
    approx: bool
    href: str


def _finite(v: float | None) -> float | None:
    return v if v is not None and math.isfinite(v) else None


def _fmt(v: float) -> str:
    """A number for an attribute: integers plainly, others to six significant digits."""
    return str(int(v)) if v == int(v) and abs(v) < 1e15 else f"{v:.6g}"


def _says(p: FigurePoint, unit: str) -> str:
    value, low, high = _finite(p.value), _finite(p.min), _finite(p.max)
    approx = "\u2248" if p.approx else ""
    parts = []
    if value is not None:
        parts.append(f"{approx}{tick_label(value)}")
    if low is not None and high is not None:
        parts.append(f"{'range ' if value is not None else approx}{tick_label(low)}\u2013{tick_label(high)}")
    elif low is not None:
        parts.append(f"at least {tick_label(low)}")
    elif high is not None:
        parts.append(f"at most {tick_label(high)}")
    text = ", ".join(parts)
    return f"{text} {unit}".strip()


def marker(kind: str, x: float, y: float, s: float = 4.5) -> str:
    """The claimant's mark centred on (x, y): a <circle> or a <path>, class bd-dot."""
    if kind == "circle":
        return f'<circle class="bd-dot" cx="{num(x)}" cy="{num(y)}" r="{num(s)}"/>'
    if kind == "square":
        d = f"M{num(x - s)} {num(y - s)}h{num(2 * s)}v{num(2 * s)}h{num(-2 * s)}Z"
    elif kind == "diamond":
        r = s * 1.3
        d = f"M{num(x)} {num(y - r)}L{num(x + r)} {num(y)}L{num(x)} {num(y + r)}L{num(x - r)} {num(y)}Z"
    elif kind == "up":
        r = s * 1.25
        d = f"M{num(x)} {num(y - r)}L{num(x + r)} {num(y + r * 0.75)}H{num(x - r)}Z"
    elif kind == "down":
        r = s * 1.25
        d = f"M{num(x)} {num(y + r)}L{num(x + r)} {num(y - r * 0.75)}H{num(x - r)}Z"
    else:
        r = s * 1.15
        pts = [(x + r * math.cos(math.radians(a)), y + r * math.sin(math.radians(a))) for a in range(0, 360, 60)]
        d = "M" + "L".join(f"{num(px)} {num(py)}" for px, py in pts) + "Z"
    return f'<path class="bd-dot" d="{d}"/>'


def figure_chart(points: Sequence[FigurePoint], *, title: str, unit: str) -> str | None:
    """An inline SVG chart of `points` by claimant, or None when no point has a number."""
    usable = [p for p in points if any(_finite(v) is not None for v in (p.value, p.min, p.max))]
    if not usable:
        return None
    usable.sort(
        key=lambda p: (p.date, p.claimant, _finite(p.value) or 0, _finite(p.min) or 0, _finite(p.max) or 0, p.approx, p.href)
    )
    claimants = sorted({p.claimant for p in usable}, key=lambda c: (c.casefold(), c))
    index = {c: i for i, c in enumerate(claimants)}

    numbers = [v for p in usable for v in (_finite(p.value), _finite(p.min), _finite(p.max)) if v is not None]
    ticks = nice_ticks(min(0.0, *numbers), max(0.0, *numbers))
    y_lo, y_hi = ticks[0], ticks[-1]
    left = 12 + max(text_width(tick_label(t), FONT) for t in ticks)
    plot_w = WIDTH - left - RIGHT

    first, last = usable[0].date, usable[-1].date
    # One day of data: that day is the only tick, in the middle.
    x_ticks = date_ticks(first, last, 5)
    if first == last:
        first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    span = (last - first).days
    pad = max(span * 0.04, 1)

    def x_of(d: dt.date) -> float:
        return left + ((d - first).days + pad) / (span + 2 * pad) * plot_w

    def y_of(v: float) -> float:
        return TOP + (y_hi - v) / (y_hi - y_lo) * PLOT_HEIGHT

    legend, legend_h = _legend(claimants, TOP + PLOT_HEIGHT + BOTTOM)
    height = TOP + PLOT_HEIGHT + BOTTOM + legend_h
    body = [f'<text class="bd-tick" x="{num(left)}" y="{num(TOP - 12)}" font-size="{num(FONT)}">{esc(shorten(unit, 60))}</text>']
    for t in ticks:
        y = y_of(t)
        body.append(f'<path class="bd-grid" stroke="#d6d9dd" d="M{num(left)} {num(y)}H{num(WIDTH - RIGHT)}"/>')
        body.append(
            f'<text class="bd-tick" x="{num(left - 6)}" y="{num(y + 4)}" text-anchor="end" font-size="{num(FONT)}">{tick_label(t)}</text>'
        )
    base = TOP + PLOT_HEIGHT
    body.append(f'<path class="bd-axis" stroke="#4b5563" d="M{num(left)} {num(base)}H{num(WIDTH - RIGHT)}"/>')
    for d, label in x_ticks:
        x = x_of(d)
        body.append(f'<path class="bd-axis" stroke="#4b5563" d="M{num(x)} {num(base)}v5"/>')
        body.append(
            f'<text class="bd-tick" x="{num(x)}" y="{num(base + 18)}" text-anchor="middle" font-size="{num(FONT)}">{label}</text>'
        )

    # Claimants reporting on the same day stand side by side, not on top of each other.
    same_day: dict[dt.date, list[str]] = {}
    for p in usable:
        names = same_day.setdefault(p.date, [])
        if p.claimant not in names:
            names.append(p.claimant)
    for c in claimants:
        i = index[c]
        series = [p for p in usable if p.claimant == c]
        parts = [f'<g class="bd-series bd-s{i % len(SHAPES)}" data-claimant="{esc(c)}">']
        line = []
        for p in series:
            peers = same_day[p.date]
            x = x_of(p.date) + (peers.index(c) - (len(peers) - 1) / 2) * DODGE
            value, low, high = _finite(p.value), _finite(p.min), _finite(p.max)
            attrs = ""
            if value is not None:
                attrs += f' data-value="{_fmt(value)}"'
            elif low is not None and high is not None:
                attrs += f' data-value="{_fmt(low)}\u2013{_fmt(high)}"'
            if low is not None:
                attrs += f' data-min="{_fmt(low)}"'
            if high is not None:
                attrs += f' data-max="{_fmt(high)}"'
            cls = "bd-point bd-approx" if p.approx else "bd-point"
            tip = f"{c}, {long_date(p.date)}: {_says(p, unit)}"
            shape = ""
            if low is not None and high is not None:
                y1, y2 = y_of(low), y_of(high)
                shape += f'<path class="bd-range" d="M{num(x)} {num(y1)}V{num(y2)}M{num(x - 4)} {num(y1)}h8M{num(x - 4)} {num(y2)}h8"/>'
            at = (
                value
                if value is not None
                else (None if low is not None and high is not None else (low if low is not None else high))
            )
            if at is not None:
                shape += marker(SHAPES[i % len(SHAPES)], x, y_of(at))
                if value is not None:
                    line.append((x, y_of(value)))
            parts.append(f'<a href="{esc(p.href)}"><title>{esc(tip)}</title><g class="{cls}"{attrs}>{shape}</g></a>')
        if len(line) > 1:
            trace = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in line)
            parts.insert(1, f'<path class="bd-line" d="{trace}"/>')
        parts.append("</g>")
        body.append("".join(parts))
    body.append(legend)
    key = "|".join(f"{p.date.isoformat()}/{p.claimant}/{p.value}/{p.min}/{p.max}/{p.approx}/{p.href}" for p in usable)
    return frame("chart", WIDTH, height, title, body, key=title + unit + key)


def _legend(claimants: Sequence[str], top: float) -> tuple[str, float]:
    """The claimants' shapes and names, in rows that wrap; returns the markup and its height."""
    parts = [f'<g class="bd-legend" font-size="{num(FONT)}">']
    x, y = 10.0, top + 4
    for i, c in enumerate(claimants):
        name = shorten(c, 40)
        w = 22 + text_width(name, FONT) + 14
        if x + w > WIDTH and x > 10:
            x, y = 10.0, y + 20
        parts.append(
            f'<g class="bd-series bd-s{i % len(SHAPES)}">{marker(SHAPES[i % len(SHAPES)], x + 6, y + 8)}</g>'
            f'<text x="{num(x + 18)}" y="{num(y + 12)}">{esc(name)}</text>'
        )
        x += w
    parts.append("</g>")
    return "".join(parts), y + 24 - top
