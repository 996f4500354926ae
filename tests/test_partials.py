"""Material's navigation, tabs, search box and colour switch are rendered once for the pages
outside the nav that link to the same addresses: the site is the same, byte for byte."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader, FunctionLoader
from jinja2.runtime import Context
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from generator import partials

from .test_share import files_of


def build(project: Path, site: Path, search: str = "material", also: BasePlugin | None = None, **settings: Any) -> None:  # type: ignore[type-arg]
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True, **settings)
    config.plugins["briefings"].config["search"] = search
    if also is not None:
        config.plugins["also"] = also
    mkdocs_build.build(config)


class Adopter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Another plugin that puts a page outside the nav under a section of it, as Material's
    blog does with its posts: while that page is rendered, the section is active."""

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        section = next(item for item in nav.items if item.title == "Data")
        files.get_file_from_path("briefings/aside.md").page.parent = section
        return nav


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often a kept partial was rendered, and how often it was given as rendered before."""
    counts = {"rendered": 0, "given": 0}
    memo = partials._memo

    def counted(template: Any, key: partials.Key) -> Callable[[Context], Iterator[str]]:
        def render(context: Context) -> Iterator[str]:
            counts["rendered"] += 1
            yield from original(context)

        original = template.root_render_func
        template.root_render_func = render
        root = memo(template, key)

        def given(context: Context) -> Iterator[str]:
            before = counts["rendered"]
            yield from root(context)
            counts["given"] += counts["rendered"] == before

        return given

    monkeypatch.setattr(partials, "_memo", counted)
    return counts


@pytest.mark.parametrize("search", ["material", "pagefind"])
def test_a_site_whose_partials_are_rendered_once_is_the_site_rendered_page_by_page(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, search: str
) -> None:
    # A nav with a link and a section nested in a section: every kind of item it can hold.
    config = (several / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - Writing briefings: reference.md\n",
        "  - Writing briefings: reference.md\n"
        "  - Elsewhere:\n"
        "      - Deeper:\n"
        "          - Upstream: https://example.org/upstream/\n",
    )
    (several / "mkdocs.yml").write_text(config, encoding="utf-8")
    counts = counting(monkeypatch)
    build(several, tmp_path / "kept", search)
    assert counts["given"] > 0, counts  # pages were given a partial rendered for another
    monkeypatch.setattr(partials, "KEPT", ())
    build(several, tmp_path / "each", search)
    kept, each = files_of(tmp_path / "kept"), files_of(tmp_path / "each")
    assert list(kept) == list(each)
    assert [name for name in kept if kept[name] != each[name]] == []
    assert b"https://example.org/upstream/" in kept["briefings/update-3/index.html"]


def test_a_page_another_plugin_puts_under_a_section_has_its_own_nav(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At the same depth as the briefings' pages, under the same folder: the same addresses.
    (several / "docs" / "briefings").mkdir()
    (several / "docs" / "briefings" / "aside.md").write_text("# Aside\n\nA page of the desk's own.\n", encoding="utf-8")
    counts = counting(monkeypatch)
    build(several, tmp_path / "kept", also=Adopter())
    assert counts["given"] > 0
    monkeypatch.setattr(partials, "KEPT", ())
    build(several, tmp_path / "each", also=Adopter())
    kept, each = files_of(tmp_path / "kept"), files_of(tmp_path / "each")
    assert [name for name in kept if kept[name] != each[name]] == []
    assert b"md-tabs__item md-tabs__item--active" in kept["briefings/aside/index.html"]
    assert b"md-tabs__item md-tabs__item--active" not in kept["briefings/update-1/index.html"]


def test_without_directory_urls_the_site_is_the_same_too(several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = counting(monkeypatch)
    build(several, tmp_path / "kept", use_directory_urls=False)
    assert counts["given"] > 0
    monkeypatch.setattr(partials, "KEPT", ())
    build(several, tmp_path / "each", use_directory_urls=False)
    kept, each = files_of(tmp_path / "kept"), files_of(tmp_path / "each")
    assert list(kept) == list(each)
    assert [name for name in kept if kept[name] != each[name]] == []


@pytest.mark.parametrize(
    ("partial", "search"),
    [
        ("partials/nav.html", "material"),  # a kept partial itself
        ("partials/search-pagefind.html", "pagefind"),  # one that a kept partial includes
    ],
)
def test_a_partial_the_project_overrides_is_rendered_for_every_page(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, partial: str, search: str
) -> None:
    # The project's own partial names the page it is on: rendered once, every page would name the first.
    own = several / "theme" / partial
    own.parent.mkdir(parents=True)
    own.write_text('<div class="own" data-on="{{ page.url }}"></div>\n', encoding="utf-8")
    config = (several / "mkdocs.yml").read_text(encoding="utf-8")
    (several / "mkdocs.yml").write_text(
        config.replace("  name: material\n", "  name: material\n  custom_dir: theme\n"), encoding="utf-8"
    )
    counts = counting(monkeypatch)
    build(several, tmp_path / "site", search)
    for name in ("update-1", "update-2"):
        page = (tmp_path / "site" / "briefings" / name / "index.html").read_text(encoding="utf-8")
        assert f'<div class="own" data-on="briefings/{name}/"></div>' in page
    assert counts["given"] > 0  # the other partials, Material's own, were still rendered once


def test_a_partial_whose_include_is_not_found_is_not_kept() -> None:
    # Its own file is audited, but what it includes is found nowhere: rendering will say so.
    search = Path(partials.__file__).parent / "overrides" / "partials" / "search.html"

    def only_search(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        return (search.read_text(encoding="utf-8"), str(search), lambda: True) if name == "partials/search.html" else None

    assert not partials._audited(Environment(loader=FunctionLoader(only_search)), "partials/search.html", set())
    assert partials._audited(Environment(loader=FileSystemLoader(str(search.parent.parent))), "partials/search.html", set())
