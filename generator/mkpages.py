"""Generated pages as MkDocs pages: handed over as HTML, not as Markdown to parse again.

MkDocs makes a `Page` for each file and renders its Markdown; a generated page gets one
of these instead, whose `render` is `Converter.convert` (Python-Markdown for the
headings only, see generator/pages/tohtml.py), or, under `mkdocs serve`, nothing at all
when the page is written back as last built.

MkDocs renders every page before it writes the first, so it holds the HTML of all of them
at once. A page a worker prepared holds none of it: its content is read from the spool
each time it is asked for, and only what a plugin sets on it is held. Another generated
page holds its HTML as UTF-8 bytes, which most of it fits in one byte a character of,
where a Python string of text with a single curly quote in it takes two.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from generator.pages.prepare import Prepared
from generator.pages.tohtml import Converter

#: The template of a page written back as last built: rendering it costs nothing.
REUSE_TEMPLATE = "briefings-reuse.html"


class GeneratedPage(Page):
    """A generated page: its HTML blocks go to the page as they are."""

    def __init__(
        self,
        title: str | None,
        file: File,
        config: MkDocsConfig,
        converter: Converter,
        prepared: tuple[Path, Prepared] | None = None,
    ) -> None:
        self._held: bytes | None = None
        self._shown: str | None = None
        #: Once a prepared page is rendered: the file its content is read from, and what was
        #: last read from it, until it is handed back or the page is written (`let_go`).
        self._from: Path | None = None
        self._lent: str | None = None
        super().__init__(title, file, config)
        self.converter = converter
        #: Where a worker wrote the page's HTML, and what else it found (pages/prepare.py).
        self.prepared = prepared

    @property  # Page.content is a plain attribute; here a property over the bytes held
    def content(self) -> str | None:
        if self._shown is not None:
            return self._shown
        if self._from is not None:
            if self._lent is None:
                self._lent = self._from.read_bytes().decode("utf-8")  # as written: no newline translated
            return self._lent
        return None if self._held is None else self._held.decode("utf-8", "surrogatepass")

    @content.setter
    def content(self, html: str | None) -> None:
        if self._shown is not None:
            self._shown = html if html is not None else ""
        elif self._from is not None and html is not None and html is self._lent:
            self._lent = None  # handed back as it was read, as MkDocs does after its `page_content` event
        else:
            self._from = self._lent = None
            self._held = None if html is None else html.encode("utf-8", "surrogatepass")

    def let_go(self) -> None:
        """The page is written: what was read for it goes (a prepared page's is still in its file)."""
        self._lent = None

    def show(self, html: str) -> None:
        """Until `end_show`, the page's content is `html`, and what is set is set on that;
        the page's own content is kept as it was."""
        self._shown = html

    def end_show(self) -> None:
        self._shown = None

    def read_source(self, config: MkDocsConfig) -> None:
        if self.prepared is None:
            super().read_source(config)
            return
        # Prepared: nothing to read but its front matter, which the worker read.
        self.markdown, self.meta = "", self.prepared[1].meta

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.prepared is not None:
            self._from, prepared = self.prepared
            self._held = None
            self._made(prepared.toc, prepared.ids)
            return
        assert self.markdown is not None
        done = self.converter.convert(self.markdown)
        if done is None:  # more than headings and HTML blocks: Python-Markdown's, as any page
            super().render(config, files)
            return
        self.content, tokens, ids = done
        self._made(tokens, ids)
        self.markdown = ""  # nothing reads it again: thousands of pages need not keep it twice

    def _made(self, tokens: list[dict[str, Any]], ids: set[str]) -> None:
        self.present_anchor_ids = ids
        self.toc = get_toc(tokens)  # type: ignore[arg-type]  # Python-Markdown's tokens, as MkDocs passes them
        self._title_from_render = next((str(t["name"]) for t in tokens if t["level"] == 1), None)
        self.links_to_anchors = {}  # raw HTML: MkDocs checks no links in it


class ReusedPage(GeneratedPage):
    """A generated page written back as last built: nothing is read or rendered, its
    template is empty, and Material's search leaves it out (see `Preview.search_entries`)."""

    def read_source(self, config: MkDocsConfig) -> None:
        _, meta = get_data(self.file.content_string)  # its title, for the nav and its neighbours
        self.markdown = ""
        self.meta = {**meta, "template": REUSE_TEMPLATE, "search": {"exclude": True}}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = None  # not checked: its links were checked when it was built


def nav_titles(nav: Any) -> dict[str, str | None]:
    """The pages `mkdocs.yml`'s nav names, by path, with the title it gives each (None if none).

    MkDocs keeps a page made before the nav and does not give it the nav's title, so the
    generated pages are made with it.
    """
    out: dict[str, str | None] = {}
    stack: list[tuple[str | None, Any]] = [(None, nav or [])]
    while stack:
        title, item = stack.pop()
        if isinstance(item, str):
            out.setdefault(posixpath.normpath(item).lstrip("/"), title)
        elif isinstance(item, dict):
            stack.extend(item.items())
        elif isinstance(item, list):
            stack.extend((None, child) for child in item)
    return out
