"""Pieces of the pages across briefings, kept from one run to the next of a long-running
process (`mkdocs serve`, `briefing check --watch`).

A page across briefings shows a little of each briefing, and an edit changes one
briefing: most of the page is as it was. A template marks a piece that depends only on
what it names with

    {% call memo("claim", entry, c) %}...{% endcall %}

and with a store kept between runs the piece is rendered once for that name, that page
and those values. A briefing, a view of it or anything taken from a loaded briefing is
known by its identity: a briefing is loaded again, as a new object, whenever its file
or its source changes, and is never changed once loaded; plain values (text, numbers,
None) are known by their value. A piece must depend on nothing else: not on the
catalog, and not on another briefing than those it names. tests/test_preview.py
compares the pages after edits with a clean build, byte for byte.

A run's pieces are kept until the next run, and only those it used: the objects they
were keyed by are held meanwhile, so that no identity is reused while its key is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator.pages.views import BriefingView

_PLAIN = frozenset((str, int, float, bool, type(None)))


def _key(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return tuple(_key(item) for item in value)
    if kind is BriefingView:  # made again each run: known by its briefing
        value = value.entry
    return (id(value),)  # never equal to a plain value


class Fragments:
    """The pieces of the last run, and those of this one."""

    def __init__(self, settings: Any = None) -> None:
        #: What the pieces were rendered under (the site's settings); other settings, other pieces.
        self.settings = settings
        self.kept: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}
        self.used: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = {}

    def memo(self, page_src: str) -> Callable[..., Markup]:
        """The template function `memo(name, *values, caller)` for the page `page_src`."""

        def memo(name: str, *values: Any, caller: Callable[[], str]) -> Markup:
            key = (name, page_src, *(_key(value) for value in values))
            found = self.used.get(key) or self.kept.get(key)
            if found is None:
                found = (values, Markup(caller()))
            self.used[key] = found
            return found[1]

        return memo

    def end_run(self) -> None:
        """Keep this run's pieces for the next one, and only those."""
        self.kept, self.used = self.used, {}


def rendered(name: str, *values: Any, caller: Callable[[], str]) -> Markup:
    """`memo` without a store: the piece, rendered each time."""
    return Markup(caller())
