"""Plain words for the YAML slips a hurried author makes.

PyYAML says where its parser gave up, in the parser's terms ("mapping values are not
allowed here"); the slip is often elsewhere: a quote opened lines before, a key one
column off. Each rule here reads the lines around the parser's mark and, when it
recognises a slip, names it at the place the author must edit. A slip no rule knows gets
the parser's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"^(?P<indent> *)(?:- +)*(?P<key>[A-Za-z_][\w-]*):(?: +(?P<value>.*))?$")
_NO_SPACE_AFTER_COLON = re.compile(r"^(?P<indent> *)(?:- +)*(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s#].*)$")
_NO_SPACE_AFTER_DASH = re.compile(r"^(?P<indent> *)-(?P<rest>[^\s-].*)$")


@dataclass(frozen=True)
class Slip:
    """Where the author should look (1-based line and column) and what to say."""

    line: int
    column: int
    message: str


def explain(text: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """The slip behind a parser error, if a rule recognises it."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = text.split("\n")
    at = _line_of(text, mark.index)
    problem = error.problem or ""
    context = error.context or ""
    for rule in (_unclosed_quote, _no_space, _colon_in_text, _misaligned):
        slip = rule(lines, at, problem, context, error)
        if slip is not None:
            return slip
    return None


def _line_of(text: str, index: int) -> int:
    """0-based line of a character offset, counting only line feeds."""
    return text.count("\n", 0, index)


def _unclosed_quote(lines: list[str], at: int, problem: str, context: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """A quote opened and never closed: said at the line where it opens.

    A quoted text may run over several lines; one that the parser reads up to the line where
    it gave up (or to the end of the file) is the slip.
    """
    for number in range(min(at, len(lines) - 1), -1, -1):
        match = _KEY.match(lines[number])
        value = (match["value"] or "") if match else ""
        quote = value[:1]
        if quote not in ("'", '"'):
            continue
        column = len(lines[number]) - len(value) + 1
        body = value[1:].replace("''", "") if quote == "'" else re.sub(r"\\.", "", value[1:])
        if quote in body:
            if quote == "'" and number == at and body.index("'") < len(body.rstrip()) - 1:
                return Slip(
                    number + 1,
                    column,
                    "an apostrophe inside text in single quotes ends the text; expected the text in double quotes, "
                    "or the apostrophe written twice ('')",
                )
            continue  # closed on its own line
        closes = next((n for n in range(number + 1, len(lines)) if quote in lines[n]), None)
        if closes is None or closes >= at:
            return Slip(
                number + 1, column, f"a quote opened here is never closed; expected a closing {quote} at the end of the text"
            )
        return None
    return None


def _no_space(lines: list[str], at: int, problem: str, context: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """`name:Kursk` or `-id: kursk`: a missing space after ':' or '-'."""
    start = error.context_mark.line if error.context_mark is not None else at
    for number in sorted({start, at, at - 1}):
        if not 0 <= number < len(lines):
            continue
        line = lines[number]
        dash = _NO_SPACE_AFTER_DASH.match(line)
        if dash and not line.strip().startswith("---"):
            column = len(dash["indent"]) + 1
            return Slip(number + 1, column, f"no space after '-' in {line.strip()!r}; expected '- {dash['rest']}'")
        colon = _NO_SPACE_AFTER_COLON.match(line)
        if colon and "could not find expected ':'" in problem:
            column = len(colon["indent"]) + 1
            fixed = f"{colon['key']}: {colon['value']}"
            return Slip(number + 1, column, f"no space after ':' in {line.strip()!r}; expected {fixed!r}")
    return None


def _colon_in_text(lines: list[str], at: int, problem: str, context: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """Text with ': ' in it and no quotes."""
    if "mapping values are not allowed" not in problem or not 0 <= at < len(lines):
        return None
    match = _KEY.match(lines[at])
    if match is None or not match["value"] or error.problem_mark is None:
        return None
    column = len(lines[at]) - len(match["value"]) + 1
    if error.problem_mark.column + 1 < column:
        return None  # the colon is the key's own: the line is misaligned, not the text
    quoted = match["value"].replace('"', '\\"')
    return Slip(
        at + 1,
        column,
        f"the text of {match['key']!r} has ': ' in it, which YAML reads as a new key; "
        f'expected the whole text in quotes: {match["key"]}: "{_shorten(quoted)}"',
    )


def _misaligned(lines: list[str], at: int, problem: str, context: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """A key one column off from the keys of its mapping."""
    if not 0 <= at < len(lines):
        return None
    here = _KEY.match(lines[at])
    if here is None:
        return None
    for number in range(at - 1, -1, -1):
        before = _KEY.match(lines[number])
        if before is None or not lines[number].strip() or lines[number].lstrip().startswith("#"):
            continue
        indent, previous = _key_column(lines[at]), _key_column(lines[number])
        if indent == previous:
            return None
        if abs(indent - previous) > 2:
            return None
        return Slip(
            at + 1,
            indent,
            f"the key {here['key']!r} starts in column {indent}, and {before['key']!r} on line {number + 1} "
            f"in column {previous}; expected the keys of one mapping to start in the same column",
        )
    return None


def _key_column(line: str) -> int:
    """1-based column where a line's key starts, after any list dashes."""
    match = re.match(r"^[ -]*", line)
    return (match.end() if match else 0) + 1


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
