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

    def __init__(self, text: str, sha256: str = "") -> None:
        self.text = text
        #: The SHA-256 of the file's bytes the text was read from.
        self.sha256 = sha256
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
    """Where a quote stands in the original source text: [start, end).

    An elided quote (`…`) stands in parts: `parts` holds each part's [start, end), the first
    starting at `start` and the last ending at `end`; a whole quote has none.
    """

    start: int
    end: int
    parts: tuple[tuple[int, int], ...] = ()

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """What the source page marks: the parts, or the whole span."""
        return self.parts or ((self.start, self.end),)

    def shifted(self, by: int) -> Span:
        return Span(self.start + by, self.end + by, tuple((s + by, e + by) for s, e in self.parts))


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets: split at blank lines when the text has any, else at every line."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile("\n")
    out, start = [], 0
    for match in [*splitter.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return out


@dataclass(frozen=True)
class Found:
    """The outcome of matching one selector: its spans (one is a match) and, if none, the nearest text."""

    spans: tuple[Span, ...]
    closest: str | None = None
    closest_line: int | None = None
    #: How the quote first differs from the closest passage, in words: see `difference`.
    differs: str | None = None


#: Matching stops counting here: a quote that stands this often is ambiguous, however often more.
MAX_SPANS = 10
#: How much of a quote that is not found is compared when looking for the closest passage.
_CLOSEST_SPAN = 300
#: The closest passage offered in a message is cut to this many characters, at a word's end:
#: a message stays a line, whatever the quote and the source.
CLOSEST_MAX = 160


def find(
    source: FoldedSource, exact: str, prefix: str | None = None, suffix: str | None = None, *, closest: bool = True
) -> Found:
    """The places where `prefix + exact + suffix` stands in `source`, as spans of `exact`.

    At most MAX_SPANS are returned; when there are none, the closest passage is, unless
    `closest` is False (looking for it costs a few scans of the source).
    """
    core = fold(exact)
    before = fold_edge(prefix or "", keep="end")
    after = fold_edge(suffix or "", keep="start")
    needle = before + core + after
    haystack = source.folded
    spans: list[Span] = []
    start = haystack.find(needle) if core else -1
    while start >= 0 and len(spans) < MAX_SPANS:
        begin = start + len(before)
        end = begin + len(core)
        spans.append(Span(source.original(begin), source.original(end - 1) + 1))
        start = haystack.find(needle, start + 1)
    if spans or not closest:
        return Found(tuple(spans))
    near, line = _closest(source, core)
    return Found((), near, line, difference(core, near) if near else None)


def fold_edge(text: str, *, keep: str) -> str:
    """Fold a prefix or suffix, keeping a white-space run where it meets the quote as one space."""
    folded = _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_QUOTES))
    return folded.lstrip() if keep == "end" else folded.rstrip()


def _longest_found(haystack: str, part: str, *, from_end: bool) -> tuple[int, int]:
    """The longest start (or end) of `part` that stands in `haystack`: its length and place.

    Binary search over lengths with str.find: a few scans of the source, whatever its size.
    """
    lo, hi, place = 0, len(part), -1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        piece = part[-mid:] if from_end else part[:mid]
        at = haystack.find(piece)
        if at >= 0:
            lo, place = mid, at
        else:
            hi = mid - 1
    return lo, place


def _closest(source: FoldedSource, core: str) -> tuple[str, int]:
    """The passage of the source most like `core`, about as long, cut at word boundaries.

    Anchored where the longest start or end of the quote stands in the source, then the
    most similar of the word starts near that anchor is kept.
    """
    haystack = source.folded
    core = core[:_CLOSEST_SPAN]
    if not core or not haystack:
        return "", 1
    head, head_at = _longest_found(haystack, core, from_end=False)
    tail, tail_at = _longest_found(haystack, core, from_end=True)
    if head == 0 and tail == 0:
        return "", 1
    anchor = head_at if head >= tail else max(0, tail_at + tail - len(core))
    lo, hi = max(0, anchor - 40), min(len(haystack), anchor + 40)
    starts = {anchor} | {lo + m.start() for m in re.finditer(r"(?<!\w)\w", haystack[lo:hi])}
    scorer = difflib.SequenceMatcher(None, "", core, autojunk=False)
    best = (-1.0, anchor)
    for start in sorted(starts):
        scorer.set_seq1(haystack[start : start + len(core)])
        best = max(best, (scorer.ratio(), -start))
    start = -best[1]
    end = min(len(haystack), start + len(core), start + CLOSEST_MAX)
    word_end = re.compile(r"\W|$").search(haystack, end, min(len(haystack), end + 40))  # finish the word, if short
    if word_end is not None and word_end.start() - start <= CLOSEST_MAX:
        end = word_end.start()
    passage = haystack[start:end].strip()
    if end < len(haystack) and end - start >= CLOSEST_MAX:
        passage = (passage.rsplit(" ", 1)[0] if " " in passage else passage) + "…"
    return passage, source.line_of(source.original(start))


ELLIPSES = ("…", "...")
_EDGE_PUNCTUATION = "\"'.,;:!?()[]«»“”‘’"


def difference(quote: str, passage: str) -> str | None:
    """The first place where a quote's words part from a passage's, in plain words:
    "it says 'powerplant' where the source says 'powerhouse'"."""
    said, source = _words(fold(quote)), _words(passage.removesuffix("…"))
    if any(ellipsis in quote for ellipsis in ELLIPSES) and not any(ellipsis in passage for ellipsis in ELLIPSES):
        return "it has an ellipsis (…), which the source does not"
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, said, source, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "insert" and i1 == 0):  # the passage may start a little before
            continue
        if tag == "replace":
            ours, theirs = _shown(said[i1:i2]), _shown(source[j1:j2])
            if ours == theirs:  # they differ in punctuation only: show it
                ours, theirs = _shown(said[i1:i2], bare=False), _shown(source[j1:j2], bare=False)
            return f"it says {ours} where the source says {theirs}"
        if tag == "delete":
            return f"it says {_shown(said[i1:i2])}, which the source does not"
        if j2 < len(source) or i1 < len(said):  # words left out, not the passage running on
            return f"it leaves out {_shown(source[j1:j2])}"
        return None
    return None


def _words(text: str) -> list[str]:
    return text.split()


def _shown(words: list[str], most: int = 6, *, bare: bool = True) -> str:
    """Words for a message: at most `most`, without the punctuation at their edges if `bare`."""
    shown = [(word.strip(_EDGE_PUNCTUATION) or word) if bare else word for word in words[:most]]
    return repr(" ".join(shown) + (" …" if len(words) > most else ""))
