"""Dead links in generated pages: every internal address they link to must be in the site.

Generated pages are raw HTML inside Markdown, and MkDocs checks no link in raw HTML: a
page that links to `method/` builds without a word on a site that has no Method page.
This module finds such links, given each page's address and content and the files the
site writes; the plugin warns about each, so that `mkdocs build --strict` stops.

Only addresses are checked, not the `#anchors` in them: anchors are the templates' own
business (generator/pages/anchors.py names them all), and tests/test_links.py follows
every one of them in a built site.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection, Iterable
from urllib.parse import unquote, urlsplit

from generator.attributes import values

#: An address that is a path alone, as the templates write most: no scheme, host, query,
#: fragment or escape, so that `urlsplit` would give it back whole as its path.
_PLAIN = re.compile(r"(?!//)[\w.~/-]+\Z", re.ASCII)


def target(page_url: str, address: str) -> str | None:
    """The file of the site that `address`, on the page at `page_url`, leads to (relative to
    the site's root, as a file's dest_uri); None for an address outside the site or on the page."""
    if _PLAIN.match(address):
        path = address
    else:
        parts = urlsplit(address)
        if parts.scheme or parts.netloc or not parts.path:
            return None  # another site, mailto:, or an anchor on this page
        path = unquote(parts.path)
    if path.startswith("/"):
        return None  # from the root of the server, which the site may not be at: not written by our templates
    here = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    joined = posixpath.normpath(posixpath.join(here, path))  # above the site's root, it keeps its ../ and is in no site
    if joined == ".":
        return "index.html"
    return f"{joined}/index.html" if path.endswith("/") else joined


def links(url: str, content: str) -> list[tuple[str, str]]:
    """(address, file) for each address of the page at `url` that leads to a file of the
    site, each address once, in the order the page first gives them."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    files: dict[str, str | None] = {}  # a page of all the claims links to each passage: one file, many anchors
    # Every address it links to or loads, in attributes as the templates write them: always in
    # double quotes, and annotation text is escaped, so that it never makes one.
    for address in values(content, "href", "src"):
        if "&" in address:
            address = html.unescape(address)
        if address in seen:
            continue
        seen.add(address)
        path = address.split("#", 1)[0]
        if path not in files:
            files[path] = target(url, path)
        file = files[path]
        if file is not None:
            out.append((address, file))
    return out


#: How a page's links are found: `links`, or a memo of it (source path, URL, content).
LinksOf = Callable[[str, str, str], list[tuple[str, str]]]


def dead_links(
    pages: Iterable[tuple[str, str, str]],
    existing: Collection[str],
    links_of: LinksOf = lambda src, url, content: links(url, content),
) -> list[tuple[str, str]]:
    """(page, address) for each address of a page that leads to no file in `existing`.

    `pages` gives each page's source path, URL and content; `existing` holds the site's
    files by the path they are written to (`method/index.html`, `feed.xml`). Each address
    is named once a page; sorted by page, then address, whatever order the pages came in.
    """
    dead: list[tuple[str, str]] = []
    for src, url, content in pages:
        for address, file in links_of(src, url, content):
            if file not in existing and f"{file}/index.html" not in existing:
                dead.append((src, address))
    return sorted(dead)
