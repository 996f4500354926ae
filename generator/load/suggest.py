"""'Did you mean …?': the closest of many known names, at a cost that does not grow with them.

Comparing a name with every known one costs a scan of them all for each name that is
wrong: thousands of wrong references into thousands of ids would take minutes. Here the
known names are sorted once, forwards and by their reversed spelling, so a name's
candidates are the few that share the longest start or the longest end with it, and those
equal to it but for case and punctuation; difflib picks among those few.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable

from generator.model.limits import SLUG_MAX

#: How many known names are taken on each side of where a name sorts, forwards and backwards.
NEAR = 8
#: Names longer than any valid id are not compared: a typo of an id is about as long as it.
LONGEST = 2 * SLUG_MAX


def _folded(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


class Suggestions:
    """Close matches for names among `known`, made once for many names."""

    def __init__(self, known: Iterable[str]) -> None:
        names = sorted({name for name in known if len(name) <= LONGEST})
        self._forwards = names
        self._backwards = sorted(name[::-1] for name in names)
        self._folded: dict[str, str] = {}
        for name in names:
            self._folded.setdefault(_folded(name), name)

    def best(self, name: str, cutoff: float = 0.6, *, besides: str | None = None) -> str | None:
        """The known name closest to `name` (other than `besides`), if any is close enough."""
        if len(name) > LONGEST or not self._forwards:
            return None
        candidates = set(_around(self._forwards, name))
        candidates.update(found[::-1] for found in _around(self._backwards, name[::-1]))
        same = self._folded.get(_folded(name))
        if same is not None:
            candidates.add(same)
        candidates.discard(name)
        if besides is not None:
            candidates.discard(besides)
        guess = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=cutoff)
        if guess:
            return guess[0]
        return same if same in candidates else None


def _around(names: list[str], name: str) -> list[str]:
    at = bisect.bisect_left(names, name)
    return names[max(0, at - NEAR) : at + NEAR]
