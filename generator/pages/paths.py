"""Where each generated page stands in the docs tree: one place to change the site's layout."""

from __future__ import annotations

HOME = "index.md"
FRONTS = "fronts/index.md"
QUESTIONS = "questions.md"
CLAIMS = "claims.md"
ACTORS = "actors.md"
TIMELINE = "timeline.md"
FEED = "feed.xml"
EXPORT = "briefings.json"
STYLESHEET = "assets/briefings.css"
SEARCH_SCRIPT = "assets/briefings-search.js"


def briefing(briefing_id: str) -> str:
    return f"briefings/{briefing_id}/index.md"


def source(briefing_id: str) -> str:
    return f"briefings/{briefing_id}/source.md"


def front(front_id: str) -> str:
    return f"fronts/{front_id}/index.md"
