"""No dead link in generated pages: a site of a desk that only installed the package has every
page its generated pages link to, and a link to a page that is not there stops a strict build."""

from __future__ import annotations

import itertools
import logging
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort

from generator import readers
from generator.deadlinks import _PLAIN, dead_links, target

from .conftest import REPO
from .test_site import build_site

#: What a desk that installs the package writes: no nav, no docs of its own.
MINIMAL_CONFIG = "site_name: A desk\ntheme: material\nplugins: [search, briefings]\n"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """The minimal configuration, with the shipped briefing and its seed copied in."""
    root = tmp_path / "desk"
    for name in ("briefings", "seeds"):
        shutil.copytree(REPO / name, root / name)
    (root / "docs").mkdir()  # MkDocs refuses a docs_dir that does not exist
    (root / "mkdocs.yml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    return root


def nav_of(page: Path) -> list[str]:
    """The titles of the nav's links on a built page, in order."""
    html = page.read_text(encoding="utf-8")
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', html)


@pytest.mark.parametrize(
    ("page_url", "address", "expected"),
    [
        ("claims/", "../method/", "method/index.html"),
        ("", "method/", "method/index.html"),
        ("", "./", "index.html"),
        ("claims.html", "method.html", "method.html"),
        ("fronts/kursk.html", "../method.html#likelihood", "method.html"),
        ("briefings/a/", "../../assets/briefings.css", "assets/briefings.css"),
        ("briefings/a/", "source/#ev-1", "briefings/a/source/index.html"),
        ("claims/", "../../outside/", "../outside/index.html"),
        ("claims/", "#claim-x", None),
        ("claims/", "https://example.org/news", None),
        ("claims/", "mailto:desk@example.org", None),
    ],
)
def test_an_address_leads_to_the_file_the_site_writes_for_it(page_url: str, address: str, expected: str | None) -> None:
    assert target(page_url, address) == expected


def test_each_dead_address_is_named_once_with_its_page() -> None:
    pages = [
        ("index.md", "", '<img src="assets/gone.png"> <a href="https://example.org/">x</a> <a href="#top">t</a>'),
        ("claims.md", "claims/", '<a href="../method/">m</a> <a href="../method/">again</a> <a href="../actors/">a</a>'),
    ]
    existing = {"actors/index.html", "index.html", "claims/index.html"}
    assert dead_links(pages, existing) == [("claims.md", "../method/"), ("index.md", "assets/gone.png")]


def test_escaped_text_that_looks_like_a_link_is_not_an_address() -> None:
    page = [("index.md", "", "<p>href=&#34;../gone/&#34; and href=&quot;x&quot;</p>")]
    assert dead_links(page, set()) == []


def test_a_minimal_desk_builds_strictly_with_the_readers_pages(desk: Path, tmp_path: Path, no_warnings: None) -> None:
    site = tmp_path / "site"
    build_site(desk, site)
    for page in ("index.html", "method/index.html", "data/index.html", "reference/index.html", "claims/index.html"):
        assert (site / page).is_file(), page
    method = (site / "method" / "index.html").read_text(encoding="utf-8")
    assert "<!-- briefing:" not in method and "Almost certain" in method
    assert nav_of(site / "index.html") == [*readers.SECTIONS.values(), *readers.PAGES.values()]


def test_a_desks_own_page_at_a_readers_address_is_used_instead(desk: Path, tmp_path: Path, no_warnings: None) -> None:
    (desk / "docs" / "method.md").write_text("# How we work\n\nOur own method.\n", encoding="utf-8")
    (desk / "docs" / "about.md").write_text("# About\n\nThe desk.\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(desk, site)
    assert "Our own method." in (site / "method" / "index.html").read_text(encoding="utf-8")
    # The desk's own pages stand between the sections and the readers' pages, its Method in ours' place.
    assert nav_of(site / "index.html")[len(readers.SECTIONS) :] == ["About", "Method", "Data", "Writing briefings"]


def test_a_generated_link_to_a_missing_page_fails_the_build_naming_page_and_address(
    desk: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a site without the Method page that the home, claims and questions pages link to.
    monkeypatch.setattr(readers, "PAGES", {k: v for k, v in readers.PAGES.items() if k != readers.METHOD})
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        build_site(desk, tmp_path / "site")
    said = "the generated page links to {}, which is not in the site; expected a page or file of the site there"
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"claims.md: {said.format('../method/')}",
        f"index.md: {said.format('method/')}",
        f"questions.md: {said.format('../method/')}",
    ]


def test_an_address_taken_as_a_path_alone_is_what_urlsplit_makes_of_it() -> None:
    pieces = ["a", "..", ".", "/", "//", "x.html", "~u", "-", "_", "é", "%20", "?q", "#f", ":", "http:", " ", "\t"]
    plain = 0
    for k in range(1, 4):
        for combo in itertools.product(pieces, repeat=k):
            address = "".join(combo)
            if _PLAIN.match(address):
                plain += 1
                assert tuple(urlsplit(address)) == ("", "", address, "", "") and unquote(address) == address, address
    assert plain > 500
