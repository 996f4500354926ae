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


def _rules_in(css: str, at_rule: str) -> list[str]:
    """The text of every `at_rule { ... }` block of `css` (braces counted, no comments inside)."""
    blocks, start = [], 0
    while (start := css.find(at_rule, start)) >= 0:
        depth, i = 0, css.index("{", start)
        for j in range(i, len(css)):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            if depth == 0:
                blocks.append(css[i + 1 : j])
                break
        start = j
    return blocks


def test_the_dark_palette_is_for_screens_and_print_keeps_the_light_one() -> None:
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.DOTALL)
    screen = "".join(_rules_in(css, "@media screen {"))
    [printed] = _rules_in(css, "@media print {")
    outside = css
    for block in (*_rules_in(css, "@media screen {"), printed):
        outside = outside.replace(block, "")
    # Every rule for Material's dark scheme is a screen rule, but the print block's own.
    assert '[data-md-color-scheme="slate"]' not in outside
    assert screen.count('[data-md-color-scheme="slate"]') > 10
    assert '[data-md-color-scheme="slate"] {\n    color-scheme: light;' in printed
    # What print leaves out, and what it keeps whole.
    assert ".md-typeset .bf-actions { display: none; }" in printed and ".md-search," in printed
    assert "break-inside: avoid" in printed
    for part in (".bf-card", ".bf-claim", ".bf-question"):
        assert part in printed.split("break-inside: avoid")[0].rsplit("}", 1)[-1], part


def test_what_the_script_shows_stays_hidden_without_it() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    assert ".md-typeset [hidden] { display: none !important; }" in css
