"""Every generated page of a site, as Markdown in memory, keyed by its path in the docs tree."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from . import paths
from .catalog import build_catalog
from .project import Entry
from .render import render
from .schema import ClaimStatus
from .sourceview import render_source
from .urls import Urls
from .views import BriefingView


def build_pages(entries: list[Entry], urls: Urls) -> dict[str, str]:
    """Render the whole site's generated pages from checked briefings (newest first)."""
    catalog = build_catalog(entries)
    views = {entry.id: BriefingView(entry, urls) for entry in entries}
    common = {"catalog": catalog, "views": views, "paths": paths, "statuses": list(ClaimStatus)}

    def page(src: str, template: str, **context: object) -> None:
        pages[src] = render(template, link=partial(urls.link, src), page_src=src, **common, **context)

    pages: dict[str, str] = {}
    page(paths.HOME, "home.md.j2")
    for view in views.values():
        page(view.page, "briefing.md.j2", view=view)
        source_html = render_source(view.entry.source_text, view.entry.spans, view.backlinks)
        # render_source escapes every piece of text it places.
        page(view.source_page, "source.md.j2", view=view, source_html=Markup(source_html))
    page(paths.FRONTS, "fronts.md.j2")
    for front_id, history in catalog.fronts.items():
        page(paths.front(front_id), "front.md.j2", history=history)
    page(paths.QUESTIONS, "questions.md.j2")
    page(paths.CLAIMS, "claims.md.j2")
    page(paths.ACTORS, "actors.md.j2")
    return pages
