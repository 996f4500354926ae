"""Axes for the charts: round value ticks (1-2-5) and calendar date ticks."""

from __future__ import annotations

import datetime as dt
import math

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Ticks at a 1, 2 or 5 times a power of ten, from at or below `low` to at or above `high`."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"axis bounds must be finite, not {low!r} and {high!r}")
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def tick_label(value: float) -> str:
    """A tick's text: thousands separated, no needless decimals."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def date_ticks(start: dt.date, end: dt.date, count: int = 6) -> list[tuple[dt.date, str]]:
    """Dates to mark between `start` and `end`: days, months or years, whichever gives about `count`."""
    days = (end - start).days
    if days <= 45:
        step = next((s for s in (1, 2, 3, 7, 14) if days / s <= count), 14)
        out = []
        d = start
        while d <= end:
            out.append((d, f"{d.day} {MONTHS[d.month - 1]}"))
            d += dt.timedelta(days=step)
        return out
    months = days / 30.4
    if months <= count * 12:
        step = next(s for s in (1, 2, 3, 6, 12) if months / s <= count)
        out = []
        y, m = start.year, start.month
        if start.day != 1:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while (y, m) <= (end.year, end.month):
            if (m - 1) % step == 0:
                label = str(y) if m == 1 else MONTHS[m - 1]
                out.append((dt.date(y, m, 1), label))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    years = end.year - start.year
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if years / s <= count)
    first = start.year + (-start.year) % step
    if dt.date(first, 1, 1) < start:
        first += step
    return [(dt.date(y, 1, 1), str(y)) for y in range(first, end.year + 1, step)]


#: The months' names, as readers write them.
FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(d: dt.date) -> str:
    """`d` as readers say it: 3 March 2026."""
    return f"{d.day} {FULL_MONTHS[d.month - 1]} {d.year}"
