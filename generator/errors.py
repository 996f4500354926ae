"""Problems found in the input, reported together as `path:line:column: message`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model.limits import MAX_PROBLEMS

#: A key path into a document: ("fronts", 2, "trend") is fronts[2].trend.
Loc = Sequence["str | int"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, where it is and what was expected."""

    path: str
    line: int | None
    column: int | None
    message: str
    #: More than 0 only for the line that stands for a file's problems that are not listed: how many.
    unlisted: int = 0

    def __str__(self) -> str:
        # A file name may hold a line break or a bidi control: escaped, it can neither forge a
        # line of the report nor reverse one.
        where = self.path if self.path.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.path)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.message}"

    def sort_key(self) -> tuple[str, bool, int, int, str]:
        # The count of unlisted problems closes its file's problems.
        return (self.path, self.unlisted > 0, self.line or 0, self.column or 0, self.message)


def unlisted(path: str, count: int) -> Problem:
    """The line that stands for `count` problems of `path` beyond the first MAX_PROBLEMS."""
    many = "problems in this file are" if count != 1 else "problem in this file is"
    message = f"{count:,} more {many} not listed; expected at most {MAX_PROBLEMS:,} problems a file — fix these first"
    return Problem(path, None, None, message, count)


def capped(problems: Iterable[Problem]) -> list[Problem]:
    """One file's problems: the first MAX_PROBLEMS by place, then one line counting the rest.

    Lines that already count unlisted problems (of a part of the file) are added up, so a
    file's parts can be capped on their own and then together.
    """
    problems = list(problems)
    listed = sorted((p for p in problems if not p.unlisted), key=Problem.sort_key)
    counted = [p for p in problems if p.unlisted]
    more = sum(p.unlisted for p in counted) + max(0, len(listed) - MAX_PROBLEMS)
    if more == 0:
        return listed
    return [*listed[:MAX_PROBLEMS], unlisted((listed or counted)[0].path, more)]


class Invalid(Exception):
    """The input has problems; all of them are carried, sorted by place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report())

    @property
    def count(self) -> int:
        """How many problems were found, those not listed included."""
        return sum(p.unlisted or 1 for p in self.problems)

    def report(self) -> str:
        count = self.count
        head = f"{count:,} problem{'s' if count != 1 else ''} found:"
        return "\n".join([head, *map(str, self.problems)])
