"""Where each generated page stands in the docs tree: one place to change the site's layout."""

from __future__ import annotations

HOME = "index.md"
FRONTS = "fronts/index.md"
QUESTIONS = "questions.md"
CLAIMS = "claims.md"
ACTORS = "actors.md"
TIMELINE = "timeline.md"
SOURCES = "sources.md"
PLACES = "places.md"
FIGURES = "figures/index.md"
CONTESTED = "contested.md"
FEED = "feed.xml"
EXPORT = "briefings.json"
STYLESHEET = "assets/briefings.css"
SEARCH_SCRIPT = "assets/briefings-search.js"


def briefing(briefing_id: str) -> str:
    return f"briefings/{briefing_id}/index.md"


def source(briefing_id: str, source_id: str | None = None) -> str:
    """A source text's view: `source.md` beside the briefing given in the single `source`
    form, one page a source under `sources/` for a briefing with a `sources` list (so that
    a source added later moves no page)."""
    if source_id is None:
        return f"briefings/{briefing_id}/source.md"
    return f"briefings/{briefing_id}/sources/{source_id}.md"


def front(front_id: str) -> str:
    return f"fronts/{front_id}/index.md"


def measure(measure_id: str) -> str:
    return f"figures/{measure_id}/index.md"
