"""A problem placed but not yet worded, shared by the checks that `validate` gathers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.errors import Loc


@dataclass(frozen=True)
class Finding:
    """A problem placed but not yet worded: its key path, and how to say what is wrong."""

    loc: Loc
    say: Callable[[], str]
    #: The last step of `loc` names a mapping key, and the key is pointed at.
    key: bool = False


def said(loc: Loc, message: str) -> Finding:
    """A finding whose words cost no more than placing it."""
    return Finding(loc, lambda: message)
