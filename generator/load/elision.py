"""Elided quotes: `exact` with `…` (or `...`) between parts that stand in this order in one
paragraph of the source. A quote whose ellipsis stands in the source itself is a whole quote.

The parts are looked for from each place the first stands (at most MAX_SPANS of them), each
after the one before, so the cost stays a few scans of the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.load.quotes import MAX_SPANS, FoldedSource, Span, fold, fold_edge, paragraphs
from generator.model.limits import ELIDED_PART_MIN_WORDS

_ELLIPSIS = re.compile(r"…|\.\.\.")


def parts_of(exact: str) -> list[str] | None:
    """The parts of an elided quote, or None if it has no ellipsis (an ellipsis at an edge elides nothing)."""
    if not _ELLIPSIS.search(exact):
        return None
    parts = [fold(part) for part in _ELLIPSIS.split(exact)]
    while parts and not parts[0]:
        parts.pop(0)
    while parts and not parts[-1]:
        parts.pop()
    return parts if len(parts) > 1 else None


def too_short(parts: list[str]) -> str | None:
    """What is wrong with the first part that is too short, if any."""
    for number, part in enumerate(parts, 1):
        words = len(part.split())
        if words < ELIDED_PART_MIN_WORDS:
            shown = repr(part) if part else "nothing"
            return (
                f"part {number} of the elided quote is {shown}, {words} word{'s' if words != 1 else ''}; expected at least"
                f" {ELIDED_PART_MIN_WORDS} words of the source on each side of an ellipsis"
            )
    return None


@dataclass(frozen=True)
class Elided:
    """Where an elided quote stands, or why it does not."""

    spans: tuple[Span, ...]
    #: When there is no span: the part not in the source at all, by its number, or 0 for
    #: parts that are each there, but not in this order within one paragraph.
    missing: int | None = None


def find_elided(source: FoldedSource, parts: list[str], prefix: str | None, suffix: str | None) -> Elided:
    """Each place the parts stand in order in one paragraph, the prefix before the first and the suffix after the last."""
    haystack = source.folded
    before = fold_edge(prefix or "", keep="end")
    after = fold_edge(suffix or "", keep="start")
    ends = [end for _, end in paragraphs(source.text)]
    first = before + parts[0]
    spans: list[Span] = []
    at = haystack.find(first)
    tried = 0
    while at >= 0 and len(spans) < MAX_SPANS and tried < MAX_SPANS * 10:
        tried += 1
        found = _from(source, parts, at + len(before), after, ends)
        if found is not None:
            spans.append(found)
        at = haystack.find(first, at + 1)
    if spans:
        return Elided(tuple(spans))
    missing = next((n for n, part in enumerate(parts, 1) if haystack.find(part) < 0), 0)
    return Elided((), missing)


def _from(source: FoldedSource, parts: list[str], start: int, after: str, ends: list[int]) -> Span | None:
    """The parts in order from folded offset `start`, within the paragraph they start in."""
    haystack = source.folded
    original_start = source.original(start)
    paragraph = bisect.bisect_left(ends, original_start + 1)
    limit = ends[paragraph] if paragraph < len(ends) else len(source.text)
    # Where the paragraph ends in the folded text: each part is looked for up to there only.
    stop = bisect.bisect_left(range(len(haystack)), limit, key=source.original)
    pieces = []
    at = start
    for index, part in enumerate(parts):
        needle = part + after if index == len(parts) - 1 else part
        at = haystack.find(needle, at, stop + len(after))
        if at < 0:
            return None
        end = source.original(at + len(part) - 1) + 1
        if end > limit:
            return None
        pieces.append((source.original(at), end))
        at += len(part)
    return Span(pieces[0][0], pieces[-1][1], tuple(pieces))
