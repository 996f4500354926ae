"""Golden files: stored with their long lines wrapped, so that a review reads them, and
compared unwrapped, so that a failure shows the real difference.

A line longer than WIDTH is broken at a space: the space is dropped, and the rest of the line
goes on a continuation line that starts with MARK and a space:

    <p>Russia has begun a counteroffensive to retake the ground Ukraine seized in the Kursk
    ↪ region while it keeps closing in on Pokrovsk in the east, …

A line that itself starts with MARK is stored with one more MARK in front of it. So a stored
line that starts with MARK and a space is always a continuation, one that starts with MARK
and anything else is a line of the text with a MARK added, and unwrapping gives back the
text exactly. A line without a space to break at stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Starts a continuation line (Vim's `showbreak` sign for a wrapped line).
MARK = "↪"
#: Lines longer than this are broken where they can be.
WIDTH = 200
#: Characters shown on each side of the first difference in a failure message.
EXCERPT = 60


def wrap(text: str) -> str:
    """`text` with every line longer than WIDTH broken into continuation lines."""
    return "\n".join(stored for line in text.split("\n") for stored in _break(MARK + line if line.startswith(MARK) else line))


def unwrap(stored: str) -> str:
    """The text that `wrap` stored as `stored`."""
    return "\n".join(line.text for line in logical_lines(stored))


@dataclass
class Line:
    """A line of the text, and where its pieces are stored: (stored line number, offset in `text`)."""

    text: str
    pieces: list[tuple[int, int]]

    def stored_line(self, column: int) -> int:
        """The number of the stored line that holds `column` of the text."""
        return [number for number, offset in self.pieces if offset <= column][-1]


def logical_lines(stored: str) -> list[Line]:
    """Each line of the text that `wrap` stored as `stored`."""
    lines: list[Line] = []
    for number, line in enumerate(stored.split("\n"), 1):
        if line.startswith(MARK + " "):
            if not lines:
                raise ValueError(f"line {number} continues a line, but it is the first line")
            last = lines[-1]
            last.text += " "
            last.pieces.append((number, len(last.text)))
            last.text += line[2:]
        else:
            lines.append(Line(line.removeprefix(MARK), [(number, 0)]))
    return lines


def _break(line: str) -> list[str]:
    """`line` as one or more stored lines, each broken off at a space."""
    out: list[str] = []
    prefix = ""
    while len(prefix) + len(line) > WIDTH:
        cut = _cut(line, WIDTH - len(prefix))
        if cut is None:
            break
        out.append(prefix + line[:cut])
        line = line[cut + 1 :]
        prefix = MARK + " "
    out.append(prefix + line)
    return out


def _cut(line: str, limit: int) -> int | None:
    """Where to break `line`: the last space within `limit`, or else the first after it.

    Only the first space of a run qualifies, so that no stored line ends with a space, and
    none among the line's trailing spaces, so that no continuation holds only spaces.
    """
    end = len(line.rstrip(" "))
    fits = [i for i in range(1, min(limit, end - 1) + 1) if line[i] == " " and line[i - 1] != " "]
    if fits:
        return fits[-1]
    return next((i for i in range(limit + 1, end) if line[i] == " " and line[i - 1] != " "), None)


def first_difference(expected: str, actual: str) -> tuple[int, int]:
    """The 0-based line and column where `actual` first differs from `expected`."""
    ours, theirs = expected.split("\n"), actual.split("\n")
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return number, next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return min(len(ours), len(theirs)), 0


def excerpt(text: str, row: int, column: int) -> str:
    """Line `row` of `text`, around `column`, for a failure message."""
    lines = text.split("\n")
    if row >= len(lines):
        return "(no such line: the text ends before it)"
    line = lines[row]
    start = max(0, column - EXCERPT)
    return ("…" if start else "") + repr(line[start : column + EXCERPT]) + ("…" if column + EXCERPT < len(line) else "")
