"""Reference material generated from the schema, placed into hand-written docs pages.

A docs page asks for it with a marker comment on a line of its own:
`<!-- briefing:scale claim-status -->` for one scale, `<!-- briefing:fields -->` for the
field reference of the briefing file format, `<!-- briefing:limits -->` for the table of
the format's limits.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from generator.model import limits, schema
from generator.model import reflect as fields
from generator.pages import anchors
from generator.pages.templating import render

MARKER = re.compile(r"^<!-- briefing:(?P<what>[a-z-]+)(?: (?P<arg>[a-z-]+))? -->$", re.MULTILINE)

#: Every marker `expand` knows, as a message lists them: the scale marker names its choices.
KNOWN_MARKERS: tuple[str, ...] = (
    f"<!-- briefing:scale NAME --> (NAME one of {', '.join(schema.SCALES)})",
    "<!-- briefing:fields -->",
    "<!-- briefing:limits -->",
)
#: The known markers as one phrase, for a warning about one that is not known.
EXPECTED_MARKERS = ", ".join(KNOWN_MARKERS[:-1]) + " or " + KNOWN_MARKERS[-1]


def models() -> list[type[BaseModel]]:
    """The briefing model and every model it contains, in the order a file shows them."""
    out: list[type[BaseModel]] = []
    stack: list[type[BaseModel]] = [schema.Briefing]
    while stack:
        model = stack.pop(0)
        if model in out:
            continue
        out.append(model)
        for name in model.model_fields:
            found = fields.field_at_model(model, name)
            if found is not None:
                stack.append(found)
    return out


def field_rows(model: type[BaseModel]) -> list[dict[str, object]]:
    """One row per field of `model`: its key, what it expects, whether it is required, its meaning."""
    rows = []
    for name, info in model.model_fields.items():
        annotation, metadata = fields.unwrap_field(info)
        rows.append(
            {
                "name": name,
                "expects": fields.describe(annotation, metadata),
                "required": info.is_required(),
                "meaning": info.description or "",
            }
        )
    return rows


def expand(markdown: str) -> tuple[str, list[str]]:
    """The page with its markers replaced, and the markers it did not know."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        what, arg = match["what"], match["arg"]
        if what == "scale" and arg in schema.SCALES:
            return render("scale.md.j2", scale=schema.SCALES[arg])
        if what == "fields" and arg is None:
            return render("fields.md.j2", models=[(m, field_rows(m)) for m in models()], anchors=anchors)
        if what == "limits" and arg is None:
            return render("limits.md.j2", limits=limits.LIMITS)
        unknown.append(match.group(0))
        return match.group(0)

    return MARKER.sub(replace, markdown), unknown
