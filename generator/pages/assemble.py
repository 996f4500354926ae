"""Every generated page of a site, as Markdown in memory, keyed by its path in the docs tree.

A briefing's own pages (the briefing and its source view) depend on that briefing alone;
the site's pages (home, fronts, trackers, ledger, actors, timeline) and files (the feed
and the export) on all of them, and so does what a briefing page says changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.load.project import Entry
from generator.model.schema import ClaimStatus
from generator.pages import export, feed, linkeddata, paths
from generator.pages.catalog import build_catalog
from generator.pages.changes import all_changes
from generator.pages.site import DEFAULT_SITE, Site
from generator.pages.sourceview import render_source
from generator.pages.templating import render
from generator.pages.urls import Urls
from generator.pages.views import BriefingView

#: Where a briefing page that follows another says what changed: a briefing's own pages are
#: rendered before the briefing it follows need be loaded, so the section is put in after.
CHANGES_MARKER = "<!-- briefing:changes -->"


def _renderer(urls: Urls, pages: dict[str, str], common: dict[str, Any]) -> Callable[..., None]:
    def page(src: str, template: str, **context: Any) -> None:
        pages[src] = render(template, link=partial(urls.link, src), page_src=src, paths=paths, **common, **context)

    return page


def briefing_pages(entry: Entry, urls: Urls, site: Site = DEFAULT_SITE) -> dict[str, str]:
    """The briefing's page and its source view."""
    pages: dict[str, str] = {}
    page = _renderer(urls, pages, {})
    view = BriefingView(entry, urls)
    linked = [
        linkeddata.script(data) for data in (linkeddata.claim_reviews(view, site), linkeddata.web_annotations(view, site)) if data
    ]
    page(view.page, "briefing.md.j2", view=view, changes_marker=Markup(CHANGES_MARKER), linked_data=linked)
    # render_source escapes every piece of text it places.
    page(
        view.source_page,
        "source.md.j2",
        view=view,
        source_html=Markup(render_source(entry.source_text, entry.spans, view.backlinks)),
    )
    return pages


def site_pages(entries: list[Entry], urls: Urls, site: Site = DEFAULT_SITE) -> tuple[dict[str, str], dict[str, str]]:
    """The pages across briefings (newest first), each built in one pass over them; and, by
    page, the "what changed" sections of briefings that follow another (see `insert_changes`)."""
    catalog = build_catalog(entries)
    views = {entry.id: BriefingView(entry, urls) for entry in entries}
    sections: dict[str, str] = {}
    section = _renderer(urls, sections, {})
    for briefing_id, changes in all_changes(entries).items():
        view = views[briefing_id]
        section(view.page, "changes.md.j2", view=view, previous=views[changes.previous.id], changes=changes)
    pages: dict[str, str] = {}
    page = _renderer(urls, pages, {"catalog": catalog, "views": views, "statuses": list(ClaimStatus)})
    page(paths.HOME, "home.md.j2")
    page(paths.FRONTS, "fronts.md.j2")
    for front_id, history in catalog.fronts.items():
        page(paths.front(front_id), "front.md.j2", history=history)
    page(paths.QUESTIONS, "questions.md.j2")
    page(paths.CLAIMS, "claims.md.j2")
    page(paths.ACTORS, "actors.md.j2")
    page(paths.TIMELINE, "timeline.md.j2")
    pages[paths.FEED] = feed.atom(entries, urls, site)
    pages[paths.EXPORT] = export.export(entries, urls, site)
    return pages, sections


def insert_changes(pages: dict[str, str], sections: dict[str, str]) -> None:
    """Put each "what changed" section in its briefing page, in place of the marker."""
    for src, section in sections.items():
        pages[src] = pages[src].replace(CHANGES_MARKER, section, 1)


def build_pages(entries: list[Entry], urls: Urls, site: Site = DEFAULT_SITE) -> dict[str, str]:
    """Every generated page, rendered in this process."""
    pages: dict[str, str] = {}
    for entry in entries:
        pages.update(briefing_pages(entry, urls, site))
    across, sections = site_pages(entries, urls, site)
    pages.update(across)
    insert_changes(pages, sections)
    return pages
