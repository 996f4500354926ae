"""What a long-running process (`mkdocs serve`, `briefing check --watch`) keeps between runs.

A briefing is loaded again only when its file's bytes or its source's text changed; its
own pages are rendered again only when it, the briefing it follows or the site's
settings changed; the pages across briefings only when any briefing changed. Keys are
digests of content, never times, so a file saved unchanged costs nothing and a file
changed twice within a clock tick is still seen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.project import Header, read_text
from generator.pages.fragments import Fragments

#: What a loaded briefing was loaded from: its file's digest, and each source's path and text digest.
SourceKey = tuple[str, tuple[tuple[str, str], ...]]


def digest(data: bytes | str) -> str:
    return hashlib.blake2b(data.encode("utf-8") if isinstance(data, str) else data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


@dataclass
class Loaded:
    """A briefing that loaded without problems, with what it was loaded from."""

    key: SourceKey
    header: Header
    packed: Any


@dataclass
class Cache:
    """Loaded briefings by file, and rendered pages by what they were rendered from."""

    loaded: dict[Path, Loaded] = field(default_factory=dict)
    own_pages: dict[str, tuple[Any, Mapping[str, str]]] = field(default_factory=dict)
    site_pages: tuple[Any, Mapping[str, str]] | None = None
    #: Pieces of the pages across briefings, when they are rendered in this process.
    fragments: Fragments = field(default_factory=Fragments)

    def reusable(self, root: Path, files: list[Path]) -> dict[Path, Loaded]:
        """The briefings among `files` whose file and source are as they were loaded."""
        sources: dict[str, str | None] = {}
        out = {}
        for path in files:
            known = self.loaded.get(path)
            if known is None:
                continue
            briefing_digest, source_digests = known.key
            for source_path, _ in source_digests:
                if source_path not in sources:
                    text = read_text(root / source_path, source_path)
                    sources[source_path] = digest(text) if isinstance(text, str) else None
            same = all(sources[source_path] == source_digest for source_path, source_digest in source_digests)
            if same and file_digest(path) == briefing_digest:
                out[path] = known
        self.loaded = {path: self.loaded[path] for path in files if path in self.loaded}
        return out

    def remember(self, path: Path, loaded: Loaded) -> None:
        self.loaded[path] = loaded

    def forget(self, path: Path) -> None:
        self.loaded.pop(path, None)
