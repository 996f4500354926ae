"""The few pieces every picture shares: escaping, number formatting, the <svg> frame.

Numbers are written with a fixed number of decimals and no float repr, so the same input
gives the same bytes on every machine; text is escaped and stripped of what could reorder
or break it (bidi controls, characters XML does not allow).
"""

from __future__ import annotations

import hashlib
import re

# Bidi embeddings, overrides, isolates and marks: a name holding one could reorder the label
# around it. They are shown as U+FFFD, not obeyed.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# What XML 1.0 does not allow at all (C0 controls but tab and line breaks, lone surrogates,
# U+FFFE/U+FFFF); a literal one would make the picture unreadable for every parser.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_SPECIAL = re.compile("[&<>\"']")


def clean(text: str) -> str:
    """`text` without bidi controls or characters XML forbids (each becomes U+FFFD)."""
    return _NOT_XML.sub("\ufffd", _BIDI.sub("\ufffd", text))


def esc(text: str) -> str:
    """`text` cleaned and escaped for an attribute value or element content."""
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group()], clean(text))


def num(value: float, digits: int = 1) -> str:
    """`value` with at most `digits` decimals, no trailing zeros, never `-0`."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


#: In path data: a coordinate's ".0" (before the next coordinate, command or the end), and a
#: "-0" left alone once that is gone.
_WHOLE = re.compile(r"\.0(?=[ MZ]|$)")
_MINUS_ZERO = re.compile(r"(?<=[ M])-0(?=[ MZ]|$)")


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of `text` in a sans-serif face at `size` px.

    Wide letters count more than narrow ones, so a label box holds its text in the fonts
    readers have; it errs on the wide side so boxes that do not overlap hold texts that do not.
    """
    units = 0.0
    for char in text:
        if char in "il.,:;'|!ftjI()[] ":
            units += 0.36
        elif char in "mwMW@%":
            units += 0.92
        elif char.isupper() or char.isdigit():
            units += 0.68
        else:
            units += 0.58
    return units * size


def ident(kind: str, *parts: str) -> str:
    """A stable id for a picture's title: the same data gives the same id."""
    digest = hashlib.sha1("\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"bd-{kind}-{digest[:10]}"


def frame(kind: str, width: float, height: float, title: str, body: list[str], *, key: str) -> str:
    """The <svg> element: a viewBox that scales to its container, a title that names it.

    Its role is `group`, not `img`: an image's children are presentational, so the links
    inside (each mark leads to its entry) would be hidden from assistive technology, and
    axe reports them as nested controls. The group is named by the title all the same.
    """
    title_id = ident(kind, key)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bd-pic bd-{kind}" viewBox="0 0 {num(width)} {num(height)}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" role="group" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">{esc(title)}</title>' + "".join(body) + "</svg>"
    )


def path_d(lines: list[list[tuple[float, float]]], *, closed: bool) -> str:
    """SVG path data for `lines`, one subpath each, coordinates to 0.1 px written as `num`
    writes them: a map's path has thousands of coordinates, so each is formatted alone and
    the trailing ".0" and the sign of "-0" are taken off the whole at once."""
    end = "Z" if closed else ""
    d = "".join("M" + " ".join(f"{x:.1f} {y:.1f}" for x, y in line) + end for line in lines)
    return _MINUS_ZERO.sub("0", _WHOLE.sub("", d))
