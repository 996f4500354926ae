"""A claim's figures in words, as every page writes them: `about 10 settlements`, `10–12 people`."""

from __future__ import annotations

from generator.model.schema import Figure
from generator.model.values import readable, whole

#: A number as readers write it: thousands grouped, no trailing `.0`.
number = readable


def amount(figure: Figure) -> str:
    """The figure's number or range, without its unit: `about 10`, `10–12`, `at least 5`."""
    about = "about " if figure.approx else ""
    if figure.value is not None:
        return about + number(figure.value)
    if figure.min is not None and figure.max is not None:
        if figure.min == figure.max:
            return about + number(figure.min)
        return f"{about}{number(figure.min)}–{number(figure.max)}"
    if figure.min is not None:
        return f"at least {about}{number(figure.min)}"
    assert figure.max is not None  # a figure has a value or a range (the schema checks it)
    return f"up to {about}{number(figure.max)}"


def data_value(figure: Figure) -> str:
    """The figure as a machine reads it, for a `data-value` attribute: `10`, `10..12`, `5..`, `..7`."""
    if figure.value is not None:
        return _plain(figure.value)
    low = "" if figure.min is None else _plain(figure.min)
    high = "" if figure.max is None else _plain(figure.max)
    return f"{low}..{high}"


def _plain(value: float) -> str:
    return str(whole(value))
