"""The Atom feed of the newest briefings (RFC 4287), written by feedgen."""

from __future__ import annotations

import datetime
import uuid

from feedgen.feed import FeedGenerator

from generator.load.project import Entry
from generator.pages import paths
from generator.pages.site import Site
from generator.pages.urls import Urls

#: The feed carries this many of the newest briefings: readers poll it for what is new.
FEED_SIZE = 50


def _time(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def _id(site: Site, urls: Urls, src: str) -> str:
    """An entry's permanent id: its address once published, or else a name-based UUID."""
    return site.absolute(urls, src) or uuid.uuid5(uuid.NAMESPACE_URL, f"briefing-site:{site.name}:{src}").urn


def atom(entries: list[Entry], urls: Urls, site: Site) -> str:
    """The feed of `entries` (newest first). Links are relative to the feed, at the site's
    root, unless the site's address is known."""
    feed = FeedGenerator()
    feed.id(_id(site, urls, paths.HOME))
    feed.title(site.name)
    if site.description:
        feed.subtitle(site.description)
    feed.author({"name": site.name})
    feed.link(href=site.absolute(urls, paths.HOME) or "./", rel="alternate", type="text/html")
    feed.link(href=(site.url.rstrip("/") + "/" + paths.FEED) if site.url else paths.FEED, rel="self", type="application/atom+xml")
    feed.generator("briefing-site")
    feed.updated(_time(entries[0].briefing.date) if entries else _time(datetime.date(1970, 1, 1)))
    for entry in entries[:FEED_SIZE]:
        briefing = entry.briefing
        page = paths.briefing(entry.id)
        item = feed.add_entry(order="append")
        item.id(_id(site, urls, page))
        item.title(briefing.title)
        item.link(href=site.absolute(urls, page) or urls.url(page), rel="alternate", type="text/html")
        item.published(_time(briefing.date))
        item.updated(_time(briefing.date))
        item.summary(briefing.bottom_line.text)
        for front in briefing.fronts:
            item.category(term=front.id, label=front.name)
    return str(feed.atom_str(pretty=True).decode("utf-8"))
