"""Where generated pages land and how they link to each other, as MkDocs will lay them out.

Generated pages are raw HTML inside Markdown (so that no annotation text is ever read as
Markdown), and MkDocs does not rewrite links in raw HTML: links are made relative here.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    """URLs of pages given by their source path in the docs folder (`fronts/kursk.md`)."""

    directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """The page's URL relative to the site root, as MkDocs gives it."""
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def link(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link from one page to another (or to an anchor on it)."""
        fragment = f"#{anchor}" if anchor else ""
        if from_src == to_src:
            return fragment or "./"
        return self._relative(from_src, to_src) + fragment

    @functools.lru_cache(maxsize=65_536)  # noqa: B019 - Urls is a frozen value; pages link to few places
    def _relative(self, from_src: str, to_src: str) -> str:
        here, there = self.url(from_src), self.url(to_src)
        here_dir = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
        target = there.rstrip("/") or "."
        relative = _relpath(target, here_dir or ".")
        return relative + "/" if there.endswith("/") or not there else relative


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath(path, start)` for two paths relative to the same root, without
    `..` in them, as page URLs are: by their segments alone, with no call for the current
    folder (which made it most of the time a page across briefings took to link)."""
    to, here = _segments(path), _segments(start)
    common = 0
    while common < len(to) and common < len(here) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment and segment != "."]
