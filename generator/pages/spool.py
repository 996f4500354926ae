"""Generated pages written to a folder as they are made, rather than held in memory.

A one-off build of thousands of briefings makes hundreds of megabytes of pages. Held as
Python strings until MkDocs has read them all, they were most of the build's peak memory,
and each crossed from a worker process to the build's in a pickle. Written to a spool
folder instead, each page is on disk the moment it is made, and MkDocs reads it from there
(`File.generated(..., abs_src_path=...)`) when it gets to it. Given a `Preparer`, a spool
also writes each page's HTML beside it and keeps what MkDocs needs of it (pages/prepare.py).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator, MutableMapping
from pathlib import Path, PurePosixPath

from generator.pages.prepare import Prepared, Preparer


def spool_of(site: Path) -> Path:
    """The spool folder of the site folder `site`, beside it: `.site.spool` for `site/`."""
    resolved = site.resolve()
    return resolved.with_name(f".{resolved.name}.spool")


def fresh_spool(site: Path) -> Path:
    """An empty spool folder for the site folder `site` (`spool_of`). What a build killed
    half-way left there is removed first."""
    folder = spool_of(site)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


class Spool(MutableMapping[str, str]):
    """Pages by their path in the docs tree, each written to `folder` when it is put in;
    only their names stay in memory. Safe to fill from several processes at once, as long
    as no two write the same page."""

    def __init__(self, folder: Path, prepare: Preparer | None = None) -> None:
        self.folder = folder
        self.prepare = prepare
        self._names: dict[str, None] = {}
        #: What `prepare` made of each page it could prepare, by the page's path.
        self.prepared: dict[str, Prepared] = {}

    def path(self, src: str) -> Path:
        """Where the page is written: one folder of files named by a digest of the page's
        path, so that no folder has to be made for it."""
        name = hashlib.blake2b(src.encode("utf-8"), digest_size=16).hexdigest()
        return self.folder / (name + PurePosixPath(src).suffix)

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "prepare": None}  # what it wrote travels back, not how

    def html(self, src: str) -> Path:
        """Where a prepared page's HTML is written."""
        return self.path(src).with_suffix(".html")

    def __setitem__(self, src: str, text: str) -> None:
        self.path(src).write_bytes(text.encode("utf-8"))
        self._names[src] = None
        made = self.prepare(src, text) if self.prepare is not None and src.endswith(".md") else None
        if made is not None:
            self.html(src).write_bytes(made[0].encode("utf-8"))
            self.prepared[src] = made[1]

    def __getitem__(self, src: str) -> str:
        if src not in self._names:
            raise KeyError(src)
        return self.path(src).read_text(encoding="utf-8")

    def __delitem__(self, src: str) -> None:
        del self._names[src]
        self.path(src).unlink()
        if self.prepared.pop(src, None) is not None:
            self.html(src).unlink()

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
