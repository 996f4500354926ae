"""Generated pages become HTML without Python-Markdown reading their HTML, and exactly as it would."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from generator.load.project import Project
from generator.pages.tohtml import Converter
from generator.pages.urls import Urls
from generator.pipeline import build, serial

from .conftest import CASES, REPO

sys.path.insert(0, str(REPO / "bench"))
from synth import synthesise


def projects(tmp: Path) -> list[Path]:
    hostile = tmp / "hostile"
    (hostile / "briefings").mkdir(parents=True)
    shutil.copytree(CASES / "seeds", hostile / "seeds")
    shutil.copy(REPO / "tests" / "hostile" / "injection.yml", hostile / "briefings")
    shutil.copy(REPO / "tests" / "hostile" / "injection.seed", hostile / "seeds" / "article.txt")
    return [REPO, CASES / "series", hostile, synthesise(tmp / "synthetic", 12)]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = {}
    for root in projects(tmp_path_factory.mktemp("projects")):
        for src, text in build(Project(root), Urls(), executor=serial).pages.items():
            if src.endswith(".md"):
                out[f"{root.name}/{src}"] = get_data(text)[0]
    return out


def python_markdown(extensions: list[Any], configs: dict[str, Any], text: str) -> tuple[str, list[dict[str, Any]]]:
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return md.convert(text), md.toc_tokens


@pytest.mark.parametrize(
    ("extensions", "configs"),
    [
        (["toc", "tables", "fenced_code", "attr_list"], {"toc": {"permalink": True}}),  # the repository's
        (["toc", "tables", "fenced_code"], {}),  # MkDocs' defaults
        (["toc", "smarty", "md_in_html", "abbr", "def_list", "footnotes"], {"toc": {"permalink": "#", "toc_depth": 2}}),
    ],
)
def test_every_generated_page_converts_as_python_markdown_converts_it(
    pages: dict[str, str], extensions: list[Any], configs: dict[str, Any]
) -> None:
    converter = Converter(extensions, configs)
    assert len(pages) > 40
    for name, text in pages.items():
        done = converter.convert(text)
        assert done is not None, name
        html, toc, _ = done
        assert (html, toc) == python_markdown(extensions, configs, text), name


def test_the_ids_on_a_page_are_found() -> None:
    converter = Converter(["toc"], {})
    done = converter.convert('## Claims\n\n<ul>\n<li id="claim-ten"><a name="x">10</a></li>\n</ul>')
    assert done is not None and done[2] == {"claims", "claim-ten", "x"}


@pytest.mark.parametrize(
    "text",
    [
        "Some *Markdown* text.\n\n## Heading",
        "<span>inline first</span>\n\n## Heading",
        "## Heading\nwith a second line",
        "#NotAHeading\n\n<div></div>",
    ],
)
def test_anything_but_headings_and_html_blocks_is_left_to_python_markdown(text: str) -> None:
    assert Converter(["toc"], {}).convert(text) is None


def test_the_repository_config_is_one_of_those_tested() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    names = [e if isinstance(e, str) else type(e).__name__ for e in config["markdown_extensions"]]
    assert names == ["toc", "tables", "fenced_code", "attr_list"]


def test_the_built_site_is_the_one_python_markdown_builds(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.structure.pages import Page

    from generator import mkpages

    from .test_determinism import tree
    from .test_site import build_site

    shutil.copytree(CASES / "series" / "briefings", project / "briefings", dirs_exist_ok=True)
    shutil.copytree(CASES / "series" / "seeds", project / "seeds", dirs_exist_ok=True)
    build_site(project, tmp_path / "fast")
    with monkeypatch.context() as patched:  # rendered as MkDocs renders any page, by Python-Markdown
        patched.setattr(mkpages.GeneratedPage, "read_source", Page.read_source)
        patched.setattr(mkpages.GeneratedPage, "render", Page.render)
        build_site(project, tmp_path / "stock")
    fast, stock = tree(tmp_path / "fast"), tree(tmp_path / "stock")
    assert fast.keys() == stock.keys()
    assert [name for name in fast if fast[name] != stock[name]] == []


@pytest.mark.parametrize(
    ("html", "searched"),
    [
        ("<p>a <span data-search-exclude>b <span>c</span> d</span> e</p>", "<p>a  e</p>"),
        ('<div data-search-exclude><div>x</div><br><img src="i"></div><p>y</p>', "<p>y</p>"),
        ("<ul><li data-search-exclude>1</li><li>2</li></ul>", "<ul><li>2</li></ul>"),
        ('<p data-search-excluded="no">kept</p>', '<p data-search-excluded="no">kept</p>'),
        ('<span class="x" data-search-exclude="">gone</span>after', "after"),
        ("<p>no exclusion</p>", "<p>no exclusion</p>"),
        ("<p>the words data-search-exclude in text</p>", "<p>the words data-search-exclude in text</p>"),
        ("<div data-search-exclude><div><div>a</div></div>b</div>c<div>d</div>", "c<div>d</div>"),
        ('<p>a<br data-search-exclude>b<img data-search-exclude src="i"/>c</p>', "<p>abc</p>"),
        ("<SPAN data-search-exclude>x<span>y</span></Span>z", "z"),
    ],
)
def test_search_reads_a_generated_page_without_its_excluded_elements(html: str, searched: str) -> None:
    from generator.search import without_excluded

    assert without_excluded(html) == searched
