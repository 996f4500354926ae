"""Find text-quote selectors in a source text.

Matching tolerates exactly three things: Unicode normalisation (both sides are NFC),
typographic quotes and apostrophes against plain ones, and runs of white space against a
single space. Nothing fuzzier: a quote either stands in the source or it does not.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
# White space that folding changes: any run that is not already a single plain space.
_RUN = re.compile(r"[^\S ]\s*| \s+")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """A quote as it is compared: NFC, plain quotes, single spaces, no outer white space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES)).strip()


class FoldedSource:
    """A source text folded for matching, able to map folded offsets back to the original.

    `text` must already be NFC; folding then only shortens white-space runs, so the map
    back is a sorted list of the places where a run was shortened.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        translated = text.translate(_QUOTES)
        self._at: list[int] = []  # folded offset of each shortened run
        self._shift: list[int] = []  # original minus folded offset just after that run
        shift = 0
        for match in _RUN.finditer(translated):
            self._at.append(match.start() - shift)
            shift += match.end() - match.start() - 1
            self._shift.append(shift)
        self.folded = _RUN.sub(" ", translated)
        self._line_starts: list[int] | None = None

    def original(self, folded_offset: int) -> int:
        """The offset in the original text of the character at `folded_offset`."""
        i = bisect.bisect_left(self._at, folded_offset) - 1
        return folded_offset + (self._shift[i] if i >= 0 else 0)

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset in the original text."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return bisect.bisect_right(self._line_starts, offset)


@dataclass(frozen=True)
class Span:
    """Where a quote stands in the original source text: [start, end)."""

    start: int
    end: int


@dataclass(frozen=True)
class Found:
    """The outcome of matching one selector: its spans (one is a match) and, if none, the nearest text."""

    spans: tuple[Span, ...]
    closest: str | None = None
    closest_line: int | None = None


def find(source: FoldedSource, exact: str, prefix: str | None = None, suffix: str | None = None) -> Found:
    """Every place where `prefix + exact + suffix` stands in `source`, as spans of `exact`."""
    core = fold(exact)
    before = _fold_edge(prefix or "", keep="end")
    after = _fold_edge(suffix or "", keep="start")
    needle = before + core + after
    haystack = source.folded
    spans = []
    start = haystack.find(needle)
    while start >= 0 and needle:
        begin = start + len(before)
        end = begin + len(core)
        spans.append(Span(source.original(begin), source.original(end - 1) + 1))
        start = haystack.find(needle, start + 1)
    if spans:
        return Found(tuple(spans))
    near, line = _closest(source, core)
    return Found((), near, line)


def _fold_edge(text: str, *, keep: str) -> str:
    """Fold a prefix or suffix, keeping a white-space run where it meets the quote as one space."""
    folded = _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES))
    return folded.lstrip() if keep == "end" else folded.rstrip()


def _closest(source: FoldedSource, core: str) -> tuple[str, int]:
    """The passage of the source most like `core`, about as long, cut at word boundaries."""
    haystack = source.folded
    if not core or not haystack:
        return "", 1
    matcher = difflib.SequenceMatcher(None, haystack, core, autojunk=False)
    block = matcher.find_longest_match(0, len(haystack), 0, len(core))
    anchor = max(0, block.a - block.b)
    best = (-1.0, anchor)
    # Try starts on word boundaries around the anchor and keep the most similar window.
    lo, hi = max(0, anchor - 40), min(len(haystack), anchor + 40)
    starts = {anchor} | {lo + m.start() for m in re.finditer(r"(?<!\w)\w", haystack[lo:hi])}
    scorer = difflib.SequenceMatcher(None, "", core, autojunk=False)
    for start in sorted(starts):
        window = haystack[start : start + len(core)]
        scorer.set_seq1(window)
        ratio = scorer.ratio()
        if ratio > best[0]:
            best = (ratio, start)
    start = best[1]
    end = min(len(haystack), start + len(core))
    while end < len(haystack) and haystack[end - 1].isalnum() and haystack[end].isalnum():
        end += 1
    return haystack[start:end].strip(), source.line_of(source.original(start))
