"""Every generated page of a site, as Markdown in memory, keyed by its path in the docs tree.

A briefing's own pages (the briefing and its source view) depend on that briefing alone;
the site's pages (home, fronts, trackers, ledger, actors) on all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from markupsafe import Markup

from . import paths
from .catalog import build_catalog
from .project import Entry
from .render import render
from .schema import ClaimStatus
from .sourceview import render_source
from .urls import Urls
from .views import BriefingView


def _renderer(urls: Urls, pages: dict[str, str], common: dict[str, Any]) -> Callable[..., None]:
    def page(src: str, template: str, **context: Any) -> None:
        pages[src] = render(template, link=partial(urls.link, src), page_src=src, paths=paths, **common, **context)

    return page


def briefing_pages(entry: Entry, urls: Urls) -> dict[str, str]:
    """The briefing's page and its source view."""
    pages: dict[str, str] = {}
    page = _renderer(urls, pages, {})
    view = BriefingView(entry, urls)
    page(view.page, "briefing.md.j2", view=view)
    # render_source escapes every piece of text it places.
    page(
        view.source_page,
        "source.md.j2",
        view=view,
        source_html=Markup(render_source(entry.source_text, entry.spans, view.backlinks)),
    )
    return pages


def site_pages(entries: list[Entry], urls: Urls) -> dict[str, str]:
    """The pages across briefings (newest first), each built in one pass over them."""
    catalog = build_catalog(entries)
    views = {entry.id: BriefingView(entry, urls) for entry in entries}
    pages: dict[str, str] = {}
    page = _renderer(urls, pages, {"catalog": catalog, "views": views, "statuses": list(ClaimStatus)})
    page(paths.HOME, "home.md.j2")
    page(paths.FRONTS, "fronts.md.j2")
    for front_id, history in catalog.fronts.items():
        page(paths.front(front_id), "front.md.j2", history=history)
    page(paths.QUESTIONS, "questions.md.j2")
    page(paths.CLAIMS, "claims.md.j2")
    page(paths.ACTORS, "actors.md.j2")
    return pages


def build_pages(entries: list[Entry], urls: Urls) -> dict[str, str]:
    """Every generated page, rendered in this process."""
    pages: dict[str, str] = {}
    for entry in entries:
        pages.update(briefing_pages(entry, urls))
    pages.update(site_pages(entries, urls))
    return pages
