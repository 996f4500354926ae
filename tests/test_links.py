"""Every internal link and #anchor of the built site leads somewhere."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import REPO
from .test_site import build_site


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "link", "script", "img"):
                self.links.append(str(values[key]))


def crawl(site: Path) -> tuple[int, list[str]]:
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    broken, checked = [], 0
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external: the source's own address, the theme's credit
            if parts.path.startswith("/"):  # the 404 page links from the site root
                target = posixpath.normpath(unquote(parts.path).lstrip("/") or ".")
            else:
                target = (
                    name if not parts.path else posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                )
            if target == ".":
                target = "index.html"
            elif parts.path.endswith("/") or (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            checked += 1
            if not (site / target).is_file():
                broken.append(f"{name}: {link} -> {target} does not exist")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{name}: {link} -> no #{parts.fragment} in {target}")
    return checked, broken


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_internal_link_and_anchor_resolves(tmp_path: Path, directory_urls: bool) -> None:
    project = tmp_path / "project"
    for name in ("docs", "briefings", "seeds"):
        (project / name).mkdir(parents=True)
        for path in (REPO / name).iterdir():
            (project / name / path.name).write_bytes(path.read_bytes())
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(f"use_directory_urls: {str(directory_urls).lower()}\n{config}", encoding="utf-8")
    build_site(project, tmp_path / "site")
    checked, broken = crawl(tmp_path / "site")
    assert broken == []
    assert checked > 500
