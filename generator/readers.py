"""The pages a briefing site's readers need beside the briefings, shipped with the package.

How to read a claim's status, a likelihood and a confidence (`method.md`), what the site
publishes for other tools (`data.md`), and how to write a briefing (`reference.md`): every
site needs them, and the generated pages link to them. They are kept in `generator/docs/`
and hold reference markers (see generator/authoring/reference.py), expanded as a page of
the desk's own `docs/` would be. A desk that writes its own page at one of these addresses
gets its own, and this one is left out.
"""

from __future__ import annotations

from importlib import resources

from generator.pages import paths

METHOD = "method.md"
DATA = "data.md"
REFERENCE = "reference.md"

#: The readers' pages, by their path in the docs tree, with their title in the default nav.
PAGES: dict[str, str] = {METHOD: "Method", DATA: "Data", REFERENCE: "Writing briefings"}

#: The generated sections, in the default nav's order, with their titles.
SECTIONS: dict[str, str] = {
    paths.HOME: "Briefings",
    paths.FRONTS: "Fronts",
    paths.QUESTIONS: "Questions",
    paths.CLAIMS: "Claims",
    paths.FIGURES: "Figures",
    paths.TIMELINE: "Timeline",
    paths.PLACES: "Places",
    paths.ACTORS: "Actors",
    paths.SOURCES: "Sources",
}


def text(src: str) -> str:
    """The Markdown of the shipped page `src` (one of PAGES), markers unexpanded."""
    return resources.files("generator").joinpath("docs", src).read_text(encoding="utf-8")


def default_nav(own: list[str], used: dict[str, str]) -> list[dict[str, str] | str]:
    """The nav of a site whose mkdocs.yml has none: the generated sections, the desk's own
    pages (`own`, paths in docs/, in that order), then the readers' pages; `used` gives,
    for each of PAGES, the path of the page at its address: ours, or the desk's own."""
    return [
        *({title: src} for src, title in SECTIONS.items()),
        *own,
        *({title: used.get(src, src)} for src, title in PAGES.items()),
    ]
