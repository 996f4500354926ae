"""Every internal link and #anchor of the built site leads somewhere: in the HTML, in its
JSON-LD, in the feed, the sitemap and the data export."""

from __future__ import annotations

import json
import posixpath
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import REPO
from .test_series import SERIES
from .test_site import build_site

SITE_URL = "https://briefings.example.org/desk/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: The keys of a JSON-LD block whose values are addresses (schema.org ClaimReview, W3C Web Annotation).
ADDRESS_KEYS = ("url", "id", "@id", "body", "source")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.linked_data: list[str] = []
        self._in_linked_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "link", "script", "img"):
                self.links.append(str(values[key]))
        self._in_linked_data = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_linked_data:
            self.linked_data += addresses(json.loads(data))
            self._in_linked_data = False


def addresses(value: Any, key: str = "") -> Iterator[str]:
    """Every address in a JSON-LD value: the strings under ADDRESS_KEYS, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from addresses(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from addresses(item, key)
    elif isinstance(value, str) and key in ADDRESS_KEYS:
        yield value


def crawl(site: Path, site_url: str | None) -> tuple[Counter[str], list[str]]:
    """How many internal links of each kind were followed, and which of them lead nowhere."""
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    links: list[tuple[str, str, str]] = []  # kind, the file that links, the link as written
    for name, page in pages.items():
        links += [("html", name, link) for link in page.links]
        links += [("json-ld", name, link) for link in page.linked_data]
    feed = ET.parse(site / "feed.xml").getroot()
    links += [("feed", "feed.xml", str(link.get("href"))) for link in feed.iter(f"{ATOM}link")]
    links += [("feed", "feed.xml", str(i.text)) for i in feed.iter(f"{ATOM}id") if not str(i.text).startswith("urn:")]
    links += [("sitemap", "sitemap.xml", str(loc.text)) for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    export = json.loads((site / "briefings.json").read_text(encoding="utf-8"))
    links += [("export", "briefings.json", item["page"]) for item in export["briefings"]]

    root = urlsplit(site_url).path if site_url else "/"
    checked: Counter[str] = Counter()
    broken = []
    for kind, name, link in links:
        parts = urlsplit(root + link.removeprefix(site_url) if site_url and link.startswith(site_url) else link)
        if parts.scheme or parts.netloc:
            continue  # external: the theme's credit, the documentation's references
        if parts.path.startswith("/"):  # the 404 page links from the site's root
            if not parts.path.startswith(root):
                broken.append(f"{name}: {link} is outside the site, at {root}")
                continue
            target = posixpath.normpath(unquote(parts.path).removeprefix(root) or ".")
        else:
            target = name if not parts.path else posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
        if target == ".":
            target = "index.html"
        elif parts.path.endswith("/") or (site / target).is_dir():
            target = posixpath.join(target, "index.html")
        checked[kind] += 1
        if not (site / target).is_file():
            broken.append(f"{name}: {link} -> {target} does not exist")
        elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in pages[target].ids:
            broken.append(f"{name}: {link} -> no #{parts.fragment} in {target}")
    return checked, broken


@pytest.mark.parametrize(
    ("source", "directory_urls", "site_url"),
    [(REPO, True, None), (REPO, False, SITE_URL), (SERIES, True, SITE_URL), (SERIES, False, None)],
    ids=["shipped-directories", "shipped-files-with-address", "series-directories-with-address", "series-files"],
)
def test_every_internal_link_and_anchor_resolves(
    tmp_path: Path, source: Path, directory_urls: bool, site_url: str | None
) -> None:
    project = tmp_path / "project"
    for name in ("briefings", "seeds"):
        shutil.copytree(source / name, project / name)
    shutil.copytree(REPO / "docs", project / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url:
        config = f"site_url: {site_url}\n{config}"
    (project / "mkdocs.yml").write_text(f"use_directory_urls: {str(directory_urls).lower()}\n{config}", encoding="utf-8")
    build_site(project, tmp_path / "site")
    checked, broken = crawl(tmp_path / "site", site_url)
    assert broken == []
    # Each kind of link was found and followed: the crawl cannot pass by finding nothing.
    assert checked["html"] > 300
    assert checked["json-ld"] > 20
    assert checked["feed"] >= 3
    assert checked["export"] >= 1
    assert checked["sitemap"] > 10 if site_url else checked["sitemap"] == 0
