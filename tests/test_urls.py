"""Relative links between generated pages, in both of MkDocs' URL styles."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from generator.pages.urls import Urls, _relpath


@pytest.mark.parametrize(
    ("src", "dst", "directory", "flat"),
    [
        ("index.md", "briefings/x/index.md", "briefings/x/", "briefings/x/index.html"),
        ("briefings/x/index.md", "briefings/x/source.md", "source/", "source.html"),
        ("briefings/x/source.md", "briefings/x/index.md", "../", "index.html"),
        ("fronts/kursk/index.md", "index.md", "../../", "../../index.html"),
        ("fronts/kursk/index.md", "briefings/x/index.md", "../../briefings/x/", "../../briefings/x/index.html"),
        ("questions.md", "fronts/kursk/index.md", "../fronts/kursk/", "fronts/kursk/index.html"),
        ("claims.md", "claims.md", "./", "./"),
    ],
)
def test_links(src: str, dst: str, directory: str, flat: str) -> None:
    assert Urls(directory_urls=True).link(src, dst) == directory
    assert Urls(directory_urls=False).link(src, dst) == flat


def test_an_anchor_on_the_same_page_is_just_the_fragment() -> None:
    assert Urls().link("claims.md", "claims.md", "claimant-x") == "#claimant-x"


def test_relative_paths_are_the_standard_librarys_for_every_pair_of_page_folders() -> None:
    folders = [".", "briefings", "briefings/a", "briefings/a/source", "briefings/ab", "claims", "a/b/c", "a/./b", "x.html"]
    for path, start in itertools.product(folders, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)
