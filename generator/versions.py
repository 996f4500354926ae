"""Versions: of the package, and of the briefing format it reads.

A briefing file may name the format it is written for, at its top: `format: 3`. The key is
optional; a package reads every format up to FORMAT. A file written for a newer format
would otherwise meet a package that refuses each key it does not know, one message a key:
`newer_format` finds such a file before the schema is applied and says it once, at the key.
CHANGELOG.md records what each format added.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

#: The distribution this package is installed as.
DISTRIBUTION = "briefing-site"

#: The newest briefing format this package reads. 1: the single `source:` mapping, `follows`,
#: `events`. 2: the `sources:` list (ids, `via`, pins), evidence naming its source, elided quotes.
#: 3: `places`, `measures`, claims' `figures` and `contradicts`, several claimants, `format`.
FORMAT = 3

#: The key a briefing names its format with.
FORMAT_KEY = "format"


def package_version() -> str:
    """The installed package's version, as its metadata gives it."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def newer_format(data: Any) -> int | None:
    """The format a briefing's data names, if it is newer than FORMAT; a value that is not a
    whole number is left to the schema, which says what it expects."""
    written_for = data.get(FORMAT_KEY) if isinstance(data, dict) else None
    return written_for if type(written_for) is int and written_for > FORMAT else None


def too_new(written_for: int) -> str:
    """What is said, at its format key, of a briefing written for a newer format."""
    return f"this briefing is written for format {written_for}; this package reads up to {FORMAT}; upgrade the package"
