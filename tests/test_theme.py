"""Our overrides of Material's templates stay what they claim to be: Material's, plus one fix."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import material

OVERRIDES = Path(str(resources.files("generator").joinpath("overrides")))
MATERIAL = Path(material.__file__).parent / "templates"


def test_the_material_search_partial_is_materials_with_an_accessible_name() -> None:
    ours = (OVERRIDES / "partials" / "search-material.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    header, body = ours.split("-#}\n", 1)
    assert "aria-dialog-name" in header
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert body == theirs.replace(dialog, dialog[:-1] + " aria-label=\"{{ lang.t('search') }}\">"), (
        "Material's partials/search.html changed: copy it again and re-apply the aria-label"
    )


def test_the_pagefind_search_partial_has_materials_structure_without_its_index() -> None:
    ours = (OVERRIDES / "partials" / "search-pagefind.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    # The same elements with the same classes, so that Material's styles apply as they are.
    classes = re.compile(r'class="([^"]+)"')
    # Only search suggestions are left out: Pagefind does not offer them.
    assert set(classes.findall(ours)) == set(classes.findall(theirs)) - {"md-search__suggest"}
    # Nothing that would start Material's search: its form name and component markers.
    assert 'name="search"' in theirs and 'name="search"' not in ours
    assert "data-md-component" in theirs and "data-md-component" not in ours


def test_every_override_is_checked_here() -> None:
    assert sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()) == [
        "assets/briefings-reader.js",  # copied into the site as a theme file: below, and tests/test_browser.py
        "briefings-reuse.html",  # mkdocs serve: a page written back as it was last built
        "main.html",  # adds the feed's link to the head (tests/test_feed.py) and the reader's script
        "partials/search-material.html",
        "partials/search-pagefind.html",
        "partials/search.html",  # includes one of the two; tests/test_search.py builds both
    ]


READER = OVERRIDES / "assets" / "briefings-reader.js"
STYLESHEET = Path(str(resources.files("generator").joinpath("assets", "briefings.css")))


def test_the_reader_script_is_loaded_on_every_page_and_fetches_nothing() -> None:
    main = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert "<script src=\"{{ 'assets/briefings-reader.js' | url }}\" defer></script>" in main
    script = READER.read_text(encoding="utf-8")
    for call in ("fetch(", "XMLHttpRequest", "import(", "sendBeacon", "WebSocket", "EventSource", "http:", "https:", ".src ="):
        assert call not in script, call
    assert "</script" not in script


def test_what_the_script_shows_stays_hidden_without_it() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    assert ".md-typeset [hidden] { display: none !important; }" in css
