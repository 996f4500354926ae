"""Generated pages made ready for MkDocs where they are rendered, in the worker processes.

What MkDocs would do to a generated page in the build's process, one page after another,
is done here beside its rendering: its front matter read, its Markdown turned to HTML
(`tohtml.Converter`, with the site's own Markdown extensions), its table of contents and
element ids found, and the links the dead-link check follows listed. The build's process
then only hands these to MkDocs (`mkpages.GeneratedPage`).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from generator.deadlinks import links
from generator.pages.tohtml import Converter
from generator.pages.urls import Urls

#: The site's Markdown extensions and their settings, as `mkdocs.yml` gives them.
Markdown = tuple[list[Any], dict[str, Any]]


@dataclass(frozen=True)
class Prepared:
    """A generated page as MkDocs would have it once rendered; its HTML is written beside it."""

    meta: dict[str, Any]
    #: Python-Markdown's table of contents tokens, as MkDocs makes its table of contents from.
    toc: list[dict[str, Any]]
    ids: set[str]
    #: (address, file of the site) of each address the page links to (deadlinks.links).
    links: list[tuple[str, str]]


class Preparer:
    """Prepares the generated pages of one site."""

    def __init__(self, markdown: Markdown, urls: Urls) -> None:
        self.converter = Converter(*markdown)
        self.urls = urls

    def __call__(self, src: str, text: str) -> tuple[str, Prepared] | None:
        """The page's HTML and what MkDocs needs of it; None for a page that is not all
        headings and HTML blocks, which MkDocs renders itself."""
        body, meta = get_data(text)
        done = self.converter.convert(body)
        if done is None:
            return None
        html, toc, ids = done
        return html, Prepared(meta, toc, ids, links(self.urls.url(src), text))


def allowed(config: MkDocsConfig, ours: object) -> bool:
    """Whether the workers may make the pages of this site ready for MkDocs: only when no
    plugin but `ours` reads or changes a page's source or Markdown, which they would then
    miss, and when the site's Markdown settings can be sent to them."""
    for event in ("page_read_source", "page_markdown"):
        if any(getattr(method, "__self__", None) is not ours for method in config.plugins.events[event]):
            return False
    try:
        pickle.dumps((config.markdown_extensions, config.mdx_configs))
    except Exception:  # an extension set up with a function made on the spot
        return False
    return True
