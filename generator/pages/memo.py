"""What is derived from one loaded briefing, kept as long as the briefing is.

Under `mkdocs serve` and `briefing check --watch` a briefing that did not change is the
same object from run to run (generator/cache.py), so what was derived from it once, such
as its part of the export, is not derived again. The memo of a briefing goes with it.
"""

from __future__ import annotations

import weakref
from typing import Any

_memos: dict[int, dict[Any, Any]] = {}


def of(thing: object) -> dict[Any, Any]:
    """The memo of `thing`, emptied when `thing` is no more."""
    key = id(thing)
    memo = _memos.get(key)
    if memo is None:
        memo = _memos[key] = {}
        weakref.finalize(thing, _memos.pop, key, None)
    return memo
