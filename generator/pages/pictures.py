"""The pages' pictures: their data turned into the drawing layer's input (generator/draw).

Each function returns the picture's markup, or None when there is nothing to draw (a
briefing with no coordinates gets no map and no empty frame). Links in the pictures are
relative to the page that shows them, as every link on a page is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import cast

from markupsafe import Markup

from generator.draw import FigurePoint, MapPlace, TimelineEvent, TrendMark, figure_chart, locator_map, span
from generator.draw import timeline_chart as draw_timeline
from generator.draw import trend_row as draw_trend_row
from generator.draw.locator import Precision
from generator.draw.trend import Trend
from generator.load.project import Entry
from generator.model.schema import Event, Place
from generator.pages import anchors, paths
from generator.pages.catalog import Catalog, FrontHistory, MeasureRecord
from generator.pages.urls import Urls
from generator.pages.views import BriefingView

#: The timeline's lane for events that name no front.
NO_FRONT = "No front named"
#: How many of the newest events the timeline's picture shows; the list below it has them all.
TIMELINE_EVENTS = 200
#: How many of the newest briefings on a front its trend row shows; the list below has them all.
TREND_MARKS = 60
#: How many of the newest figures a measure's chart shows; the table below has them all.
CHART_FIGURES = 200
#: How many places the Places page's map shows: those the most briefings name.
MAP_PLACES = 300
#: The limits above, by picture, for the captions that say what a picture leaves out.
SHOWN = {"timeline": TIMELINE_EVENTS, "trend": TREND_MARKS, "chart": CHART_FIGURES, "places": MAP_PLACES}


def _markup(svg: str | None) -> Markup | None:
    # The drawing layer escapes every text it places.
    return None if svg is None else Markup(svg)


def _map(places: Iterable[Place], urls: Urls, src: str, title: str) -> Markup | None:
    marks = [
        MapPlace(
            place.id,
            place.name,
            place.lat,
            place.lon,
            cast(Precision, str(place.precision)),
            urls.link(src, paths.PLACES, anchors.place(place.id)),
        )
        for place in places
        if place.located
    ]
    return _drawn(locator_map, tuple(marks), title=title) if marks else None


@functools.lru_cache(maxsize=256)
def _drawn(draw: Callable[..., str | None], marks: tuple[Hashable, ...], **options: str) -> Markup | None:
    """A picture, drawn once for its marks and options: from one run of `mkdocs serve` to
    the next, most pictures across briefings are the same."""
    return _markup(draw(list(marks), **options))


def briefing_map(view: BriefingView, src: str) -> Markup | None:
    """The places of one briefing."""
    return _map(view.briefing.places, view.urls, src, f"Map of the places in “{view.briefing.title}”")


def front_map(history: FrontHistory, catalog: Catalog, urls: Urls, src: str) -> Markup | None:
    """The places of a front across the archive, each as the newest briefing has it."""
    places = [catalog.places[place_id].latest for place_id in history.places]
    return _map(places, urls, src, f"Map of the places of the front “{history.latest.name}”")


def places_map(catalog: Catalog, urls: Urls, src: str) -> Markup | None:
    """The places of the archive, up to MAP_PLACES of those the most briefings name."""
    located = [record for record in catalog.places.values() if record.latest.located]
    shown = sorted(located, key=lambda record: -len(record.briefings))[:MAP_PLACES]
    title = (
        "Map of every place the briefings name"
        if len(shown) == len(located)
        else f"Map of the {len(shown)} places the most briefings name"
    )
    return _map((record.latest for record in shown), urls, src, title)


def trend_row(history: FrontHistory, views: Mapping[str, BriefingView], urls: Urls, src: str) -> Markup | None:
    """The front's trend in each briefing that covers it, oldest first."""
    marks = [
        TrendMark(
            entry.briefing.date,
            entry.briefing.title,
            cast(Trend, str(front.trend)),
            urls.link(src, views[entry.id].page, anchors.front(front.id)),
        )
        for entry, front in reversed(history.appearances[:TREND_MARKS])
    ]
    return _drawn(draw_trend_row, tuple(marks), title=f"The trend of “{history.latest.name}”, briefing by briefing")


def measure_chart(record: MeasureRecord, views: Mapping[str, BriefingView], urls: Urls, src: str) -> Markup | None:
    """A measure's figures over time, by who gave them."""
    points = []
    for entry, claim, figure in record.over_time()[-CHART_FIGURES:]:
        view = views[entry.id]
        given = " and ".join(view.actors[actor].name for actor in claim.claimant)
        href = urls.link(src, view.page, anchors.claim(claim.id))
        points.append(FigurePoint(entry.briefing.date, given, figure.value, figure.min, figure.max, figure.approx, href))
    measure = record.latest
    return _drawn(figure_chart, tuple(points), title=f"{measure.name}, figure by figure", unit=measure.unit)


def timeline_chart(
    events: Iterable[tuple[Entry, Event]], views: Mapping[str, BriefingView], urls: Urls, src: str
) -> Markup | None:
    """Events on a time axis, a lane for each front they name, each linked to its entry on
    the timeline page; the newest TIMELINE_EVENTS of them."""
    marks = []
    for entry, event in list(events)[:TIMELINE_EVENTS]:
        view = views[entry.id]
        start, end = span(event.date)
        fronts = [view.fronts[front_id].name for front_id in event.fronts] or [NO_FRONT]
        href = urls.link(src, paths.TIMELINE, anchors.event(event.id))
        for front in fronts:
            marks.append(TimelineEvent(event.id, event.what, front, start, end, href))
    return _drawn(draw_timeline, tuple(marks), title="Events on a time axis, by front") if marks else None
