"""The timeline as a picture: events on a time axis, one lane per front.

An event's date may be partial: `span("2026")` and `span("2026-03")` give the first and last
day of the year or month, and an event is drawn as a bar over its span (a month, a year, a
week of fighting) or as a diamond on its day. Each mark links to the event's anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.draw.axes import FULL_MONTHS, date_ticks, long_date
from generator.draw.svg import esc, frame, num, shorten, text_width

WIDTH = 400.0
FONT = 13.0
SUB = 13.0  # height of one row of marks inside a lane
LANE_PAD = 9.0
AXIS = 30.0
LANES = 6  # colours before they repeat; lanes are told apart by position and label first
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class TimelineEvent:
    """An event in a front's lane, over [start, end] (the same day for a dated event)."""

    id: str
    label: str
    front: str
    start: dt.date
    end: dt.date
    href: str


def span(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day that a date written as YYYY, YYYY-MM or YYYY-MM-DD can mean."""
    m = _PARTIAL.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m.group(2))
    if m.group(3) is None:
        start = dt.date(year, month, 1)
        following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
        return start, following - dt.timedelta(days=1)
    day = dt.date(year, month, int(m.group(3)))
    return day, day


def when(start: dt.date, end: dt.date) -> str:
    """A span as readers say it: a day, a month, a year, or from one day to another."""
    if start == end:
        return long_date(start)
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        if start.month == 1 and end.month == 12 and start.year == end.year:
            return str(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return f"{FULL_MONTHS[start.month - 1]} {start.year}"
    return f"{long_date(start)} \u2013 {long_date(end)}"


def timeline_chart(events: Sequence[TimelineEvent], *, title: str) -> str | None:
    """An inline SVG of `events` in lanes by front, or None when there is none."""
    for e in events:
        if e.end < e.start:
            raise ValueError(f"event {e.id!r}: ends ({e.end.isoformat()}) before it starts ({e.start.isoformat()})")
    if not events:
        return None
    ordered = sorted(events, key=lambda e: (e.start, e.end, e.front, e.id, e.label, e.href))
    fronts = sorted({e.front for e in ordered}, key=lambda f: (f.casefold(), f))
    label_w = min(150.0, max(text_width(shorten(f, 24), FONT) for f in fronts)) + 14
    left, right = label_w, WIDTH - 12
    first, last = ordered[0].start, max(e.end for e in ordered)
    if (last - first).days < 14:
        first, last = first - dt.timedelta(days=7), last + dt.timedelta(days=7)
    days = (last - first).days + 1

    def x_of(d: dt.date) -> float:
        return left + (d - first).days / days * (right - left)

    body: list[str] = []
    y = 6.0
    for i, front in enumerate(fronts):
        # Rows inside the lane: a mark goes to the first row where it clears the one before.
        rows: list[float] = []
        placed = []
        for e in (e for e in ordered if e.front == front):
            x0 = x_of(e.start)
            x1 = max(x_of(e.end + dt.timedelta(days=1)), x0 + 8) if e.end != e.start else x0
            lo, hi = (x0 - 6, x0 + 6) if e.end == e.start else (x0, x1)
            row = next((r for r, end in enumerate(rows) if end + 3 < lo), len(rows))
            if row == len(rows):
                rows.append(hi)
            else:
                rows[row] = hi
            placed.append((e, row, x0, x1))
        lane_h = max(len(rows), 1) * SUB + 2 * LANE_PAD
        mid = y + lane_h / 2
        body.append(f'<path class="bd-grid" stroke="#d6d9dd" d="M{num(left)} {num(y + lane_h)}H{num(right)}"/>')
        body.append(
            f'<text class="bd-lane-label" x="{num(left - 8)}" y="{num(mid + 4)}" text-anchor="end" font-size="{num(FONT)}">{esc(shorten(front, 24))}</text>'
        )
        parts = [f'<g class="bd-lane bd-s{i % LANES}" data-front="{esc(front)}">']
        for e, row, x0, x1 in placed:
            cy = y + LANE_PAD + row * SUB + SUB / 2
            tip = f"{when(e.start, e.end)}: {e.label}"
            if e.end == e.start:
                mark = f'<path class="bd-event bd-day" d="M{num(x0)} {num(cy - 6)}l6 6l-6 6l-6 -6Z"/>'
            else:
                mark = (
                    f'<rect class="bd-event bd-span" x="{num(x0)}" y="{num(cy - 4.5)}" width="{num(x1 - x0)}" height="9" rx="2"/>'
                )
            parts.append(
                f'<a href="{esc(e.href)}" data-event="{esc(e.id)}" data-start="{e.start.isoformat()}" data-end="{e.end.isoformat()}">'
                f"<title>{esc(tip)}</title>{mark}</a>"
            )
        parts.append("</g>")
        body.append("".join(parts))
        y += lane_h
    body.append(f'<path class="bd-axis" stroke="#4b5563" d="M{num(left)} {num(y)}H{num(right)}"/>')
    for d, label in date_ticks(first, last, 5):
        x = x_of(d)
        body.append(f'<path class="bd-axis" stroke="#4b5563" d="M{num(x)} {num(y)}v5"/>')
        body.append(
            f'<text class="bd-tick" x="{num(x)}" y="{num(y + 18)}" text-anchor="middle" font-size="{num(FONT)}">{label}</text>'
        )
    key = "|".join(f"{e.id}/{e.front}/{e.start.isoformat()}/{e.end.isoformat()}/{e.label}/{e.href}" for e in ordered)
    return frame("timeline", WIDTH, y + AXIS, title, body, key=title + key)
