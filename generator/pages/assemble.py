"""Every generated page of a site, as Markdown in memory, keyed by its path in the docs tree.

A briefing's own pages (the briefing and its source view) depend on that briefing and on
the one it follows, whose differences its page opens with; the site's pages (home,
fronts, trackers, ledger, actors, timeline) and files (the feed and the export) depend on
all of them. Each page is rendered once, with everything it shows.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from functools import partial
from typing import Any

from markupsafe import Markup

from generator.load.project import Entry
from generator.model.schema import ClaimStatus
from generator.pages import anchors, export, feed, linkeddata, paths, pictures
from generator.pages.catalog import build_catalog
from generator.pages.changes import compare
from generator.pages.fragments import Fragments, rendered
from generator.pages.site import DEFAULT_SITE, Site
from generator.pages.sourceview import render_source
from generator.pages.templating import render
from generator.pages.urls import Urls
from generator.pages.views import BriefingView

Pages = MutableMapping[str, str]


def _renderer(urls: Urls, pages: Pages, common: dict[str, Any], fragments: Fragments | None = None) -> Callable[..., None]:
    def page(src: str, template: str, **context: Any) -> None:
        memo = rendered if fragments is None else fragments.memo(src)
        pages[src] = render(
            template, link=partial(urls.link, src), page_src=src, paths=paths, anchors=anchors, memo=memo, **common, **context
        )

    return page


def briefing_pages(
    entry: Entry, previous: Entry | None, urls: Urls, site: Site = DEFAULT_SITE, pages: Pages | None = None
) -> Pages:
    """The briefing's page, which says what changed since `previous` if it follows one, and
    its source view, put into `pages` (a new dict by default) as each is made."""
    pages = {} if pages is None else pages
    page = _renderer(urls, pages, {})
    view = BriefingView(entry, urls)
    linked = [
        linkeddata.script(data) for data in (linkeddata.claim_reviews(view, site), linkeddata.web_annotations(view, site)) if data
    ]
    page(
        view.page,
        "briefing.md.j2",
        view=view,
        previous=None if previous is None else BriefingView(previous, urls),
        changes=None if previous is None else compare(previous, entry),
        linked_data=linked,
        locator=pictures.briefing_map(view, view.page),
    )
    # render_source escapes every piece of text it places.
    for source, copy in zip(view.briefing.texts, entry.copies, strict=True):
        page(
            view.source_pages[source.id],
            "source.md.j2",
            view=view,
            source=source,
            copy=copy,
            source_html=Markup(render_source(copy.text, copy.spans, view.backlinks, view.numbers)),
        )
    return pages


def site_pages(
    entries: list[Entry], urls: Urls, site: Site = DEFAULT_SITE, fragments: Fragments | None = None, pages: Pages | None = None
) -> Pages:
    """The pages and files across briefings (newest first), each built in one pass over them
    and put into `pages` (a new dict by default); with `fragments` from an earlier run, the
    pieces of them that no edit changed are reused."""
    catalog = build_catalog(entries)
    views = {entry.id: BriefingView(entry, urls) for entry in entries}
    pages = {} if pages is None else pages
    common = {"catalog": catalog, "views": views, "statuses": list(ClaimStatus), "shown": pictures.SHOWN}
    page = _renderer(urls, pages, common, fragments)
    page(paths.HOME, "home.md.j2")
    page(paths.FRONTS, "fronts.md.j2")
    for front_id, history in catalog.fronts.items():
        src = paths.front(front_id)
        page(
            src,
            "front.md.j2",
            history=history,
            trend_row=pictures.trend_row(history, views, urls, src),
            locator=pictures.front_map(history, catalog, urls, src),
        )
    page(paths.QUESTIONS, "questions.md.j2")
    page(paths.CLAIMS, "claims.md.j2")
    page(paths.ACTORS, "actors.md.j2")
    periods = catalog.timeline()
    events = [item for _, group in periods for item in group]
    picture = pictures.timeline_chart(events, views, urls, paths.TIMELINE)
    page(paths.TIMELINE, "timeline.md.j2", periods=periods, picture=picture)
    page(paths.SOURCES, "sources.md.j2")
    page(paths.PLACES, "places.md.j2", locator=pictures.places_map(catalog, urls, paths.PLACES))
    page(paths.FIGURES, "figures.md.j2")
    for measure_id, record in catalog.measures.items():
        src = paths.measure(measure_id)
        page(src, "measure.md.j2", record=record, chart=pictures.measure_chart(record, views, urls, src))
    page(paths.CONTESTED, "contested.md.j2")
    pages[paths.FEED] = feed.atom(entries, urls, site)
    pages[paths.EXPORT] = export.export(entries, urls, site)
    if fragments is not None:
        fragments.end_run()
    return pages
