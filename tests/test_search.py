"""Site search: Material's index for small sites, Pagefind's for large ones, over the same text."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from generator import search

from .conftest import REPO
from .test_site import SITE_ID, build_site

BRIEFING = f"briefings/{SITE_ID}/"
PAGES = [BRIEFING, BRIEFING + "source/", "fronts/pokrovsk/", "questions/", "claims/", ""]


@pytest.mark.parametrize(
    ("choice", "pages", "expected"),
    [
        ("auto", 999, "material"),
        ("auto", 1000, "pagefind"),
        ("material", 50_000, "material"),
        ("pagefind", 1, "pagefind"),
    ],
)
def test_the_engine_follows_the_choice_and_the_size_of_the_site(choice: str, pages: int, expected: str) -> None:
    assert search.engine(choice, pages) == expected


def test_a_failed_index_says_why_and_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(search.IndexFailed) as raised:
        search.index(tmp_path)
    assert str(raised.value) == (
        f"Pagefind could not index {tmp_path}: Error: Pagefind was not able to build an index. "
        "Most likely, the directory passed to Pagefind was empty or did not contain any html files; "
        "expected a built site of HTML pages"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_missing_pagefind_says_which_package_is_expected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # import fails as if it were not installed
    with pytest.raises(search.IndexFailed) as raised:
        search.index(tmp_path)
    assert str(raised.value) == (
        "Pagefind is not installed (import of pagefind_bin halted; None in sys.modules); expected the pagefind-bin package"
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for engine in ("material", "pagefind"):
        built[engine] = tmp_path_factory.mktemp(engine)
        build_site(REPO, built[engine], search=engine)
    return built


def fragments(site: Path) -> dict[str, str]:
    """Each page's indexed text, as Pagefind keeps it: gzipped, after a 12-byte signature."""
    return fragments_in(site / "pagefind")


def fragments_in(bundle: Path) -> dict[str, str]:
    """`fragments` of one Pagefind bundle."""
    found = {}
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data[:12] == b"pagefind_dcd"
        fragment = json.loads(data[12:])
        found[fragment["url"]] = fragment["content"]
    return found


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.lower()))


def test_a_small_site_keeps_materials_search(sites: dict[str, Path]) -> None:
    site = sites["material"]
    html = (site / BRIEFING / "index.html").read_text(encoding="utf-8")
    assert '<form class="md-search__form" name="search">' in html and "data-bf-search" not in html
    assert not (site / "pagefind").exists() and not (site / "assets" / "briefings-search.js").exists()
    assert len(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]) > 40


def test_a_pagefind_site_has_its_bundle_and_no_material_index(sites: dict[str, Path]) -> None:
    site = sites["pagefind"]
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "assets" / "briefings-search.js").is_file()
    assert not (site / ".pagefind.partial").exists()
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    html = (site / BRIEFING / "index.html").read_text(encoding="utf-8")
    # Material fetches its index on every page that has a form named "search".
    assert 'name="search"' not in html and 'data-md-component="search' not in html
    assert 'data-bundle="../../pagefind/" data-root="../../"' in html
    assert '<script src="../../assets/briefings-search.js" defer></script>' in html


def test_pagefind_indexes_every_page_but_the_404(sites: dict[str, Path]) -> None:
    site = sites["pagefind"]
    folders = [page.parent.relative_to(site).as_posix() for page in site.rglob("index.html")]
    indexed = fragments(site)
    assert sorted(indexed) == sorted("/" if folder == "." else f"/{folder}/" for folder in folders)
    assert {"/" + page for page in PAGES} <= set(indexed) and (site / "404.html").is_file()


@pytest.mark.parametrize("page", PAGES)
def test_both_engines_index_the_same_words_of_a_page(sites: dict[str, Path], page: str) -> None:
    material = json.loads((sites["material"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    sections = [d for d in material["docs"] if d["location"].split("#")[0] == page]
    theirs = words(" ".join(d["title"] + " " + re.sub(r"<[^>]+>", " ", d["text"]) for d in sections))
    ours = words(fragments(sites["pagefind"])["/" + page])
    assert len(ours) > 10
    # Pagefind runs the text of some adjacent elements together ("File" + "seeds/…"): what
    # it has beyond Material's words are such joins, never text left out of search.
    joins = ours - theirs
    for word in joins:
        assert any(word[:i] in theirs and word[i:] in theirs for i in range(1, len(word))), word
    for word in theirs - ours:
        assert any(word in join for join in joins), word


def parted_fragments(site: Path) -> list[dict[str, str]]:
    """`fragments` of each part of the bundle, the first part first."""
    bundle = site / "pagefind"
    n = json.loads((bundle / "parts.json").read_text(encoding="utf-8"))["parts"]
    return [fragments(site)] + [fragments_in(bundle / "parts" / str(k)) for k in range(1, n)]


@pytest.fixture(scope="module")
def in_parts(sites: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Pagefind site indexed again, in parts of at most 5 pages."""
    site = tmp_path_factory.mktemp("parts")
    shutil.copytree(sites["pagefind"], site, dirs_exist_ok=True)
    search.index(site, part_pages=5)
    return site


def test_a_site_of_one_part_says_so(sites: dict[str, Path]) -> None:
    bundle = sites["pagefind"] / "pagefind"
    assert json.loads((bundle / "parts.json").read_text(encoding="utf-8")) == {"parts": 1}
    assert not (bundle / "parts").exists()


def test_a_large_site_is_indexed_in_parts_that_hold_every_page_once(sites: dict[str, Path], in_parts: Path) -> None:
    whole = fragments(sites["pagefind"])
    parts = parted_fragments(in_parts)
    pages = len(whole)
    # As few parts of at most 5 pages as keep both indexers busy: an even number of them.
    assert len(parts) == -(-pages // 10) * 2 and all(1 <= len(part) <= 5 for part in parts)
    assert sorted(url for part in parts for url in part) == sorted(whole)
    assert {url: text for part in parts for url, text in part.items()} == whole  # the same words of every page
    assert not (in_parts / ".pagefind.partial").exists()


def test_a_part_carries_its_index_but_not_the_code_that_searches_it(in_parts: Path) -> None:
    part = in_parts / "pagefind" / "parts" / "1"
    names = sorted(p.name for p in part.iterdir())
    assert [n for n in names if not n.endswith(".pf_meta")] == ["fragment", "index", "pagefind-entry.json"]
    assert len(names) == 4  # and one metadata file
    assert (in_parts / "pagefind" / "pagefind.js").is_file()


def test_an_index_that_cannot_be_put_in_place_says_where_and_leaves_no_work_behind(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(sites["pagefind"], site)
    shutil.rmtree(site / "pagefind")
    (site / "pagefind").write_text("a file of the author's where the index goes", encoding="utf-8")
    for part_pages in (None, 5):  # one index, and an index in parts
        with pytest.raises(search.IndexFailed) as raised:
            search.index(site, part_pages=part_pages)
        assert str(raised.value) == (
            f"Pagefind's index could not be written in {site} (Not a directory: {site / 'pagefind'}); "
            "expected a site folder it can write to"
        )
        assert not (site / ".pagefind.partial").exists()


def test_parts_are_runs_of_pages_that_weigh_alike_and_keep_both_indexers_busy() -> None:
    pages = [f"briefings/{n:04d}/index.html" for n in range(3000)] + ["claims/index.html", "questions/index.html"]
    sizes = [50_000] * 3000 + [12_000_000, 10_000_000]
    parts = search._parts(pages, lambda: sizes, 2000)
    assert [page for part in parts for page in part] == pages
    assert len(parts) == search.AT_ONCE == 2
    weights = [sum(sizes[pages.index(part[0]) : pages.index(part[0]) + len(part)]) for part in parts]
    assert max(weights) - min(weights) <= 12_000_000 and all(len(part) <= 2000 for part in parts)
    assert [len(part) for part in parts] == [1720, 1282]  # the heavy pages share the second with fewer briefings
    assert search._parts(pages[:2000], lambda: pytest.fail("weighed"), 2000) == [pages[:2000]]  # one run if they fit, unweighed


def test_parts_that_weights_would_overfill_are_equal_in_pages() -> None:
    pages = [f"p{n:04d}" for n in range(3000)]
    parts = search._parts(pages, lambda: [1] * 10 + [10**9] + [1] * 2989, 2000)  # one page outweighs the rest
    assert [len(part) for part in parts] == [1500, 1500]


def test_where_pages_cannot_be_linked_a_part_holds_copies(
    sites: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(sites["pagefind"], site)

    def refuse(source: object, target: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(search.os, "link", refuse)
    search.index(site, part_pages=5)
    assert {url: text for part in parted_fragments(site) for url, text in part.items()} == fragments(sites["pagefind"])
