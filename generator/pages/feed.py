"""The Atom feed of the newest briefings (RFC 4287), written by feedgen."""

from __future__ import annotations

import datetime
import uuid

from feedgen.feed import FeedGenerator
from lxml import etree

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
    return _with_sources(feed.atom_str(pretty=True), entries[:FEED_SIZE])


ATOM = "{http://www.w3.org/2005/Atom}"


def _with_sources(document: bytes, entries: list[Entry]) -> str:
    """The feed with, in each entry, a `related` link to each source it quotes that has an
    address: where a reader can check it.

    Added to feedgen's output rather than through it: feedgen writes an entry's links
    without their `rel`, which would make a source the entry's `alternate`.
    """
    root = etree.fromstring(document)
    for element, entry in zip(root.iter(f"{ATOM}entry"), entries, strict=True):
        after = element.find(f"{ATOM}link")
        assert after is not None  # every entry has its page's link
        for source in reversed(entry.briefing.texts):
            if source.url:
                link = etree.Element(f"{ATOM}link", href=source.url, rel="related", type="text/html")
                link.set("title", source.headline or source.outlet or source.url)
                link.tail = after.tail
                after.addnext(link)
    return str(etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode("utf-8"))
