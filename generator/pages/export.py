"""All annotations as one JSON document, in a versioned format declared here.

Each briefing is exported as its author wrote it (the briefing schema), with where its
page is and where each evidence passage stands in the source it quotes: character offsets
into the source text as the generator reads it (UTF-8 decoded, line ends as \\n, Unicode NFC).
A change that could break a reader of the format raises `VERSION`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.load.project import Entry
from generator.load.quotes import Span
from generator.model.schema import Briefing
from generator.pages import paths
from generator.pages.memo import of
from generator.pages.site import Site
from generator.pages.urls import Urls

FORMAT = "briefing-site/annotations"
#: 2: each briefing's `sources` (path, pin, spans) replace its `source_path` and `spans`, and
#: its briefing may hold `sources` where version 1 always held `source`.
#: 3: a briefing may hold `places` and `measures`; a claim's `claimant` is a list of ids
#: (version 2 held one id), and a claim may hold `contradicts`, `places` and `figures`;
#: fronts, questions and events may hold `places`, and events `fronts`; an actor holds `anonymous`.
VERSION = 3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PassageSpan(_Strict):
    """Where a passage stands in the source text: [start, end) in characters."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    parts: list[tuple[int, int]] | None = Field(
        None, description="For a quote elided with an ellipsis: each part's [start, end), from start to end."
    )


class ExportedSource(_Strict):
    id: str = Field(description="The source's id; `source` for a briefing that gives its one source as `source`.")
    path: str = Field(description="The source text's path in the project, such as seeds/article.txt.")
    sha256: str = Field(description="The SHA-256 of the source file's bytes, as read for this export.")
    spans: dict[str, PassageSpan] = Field(description="For each evidence id quoted from it, where its passage stands in it.")


class ExportedBriefing(_Strict):
    id: str = Field(description="The briefing's id: its file name without .yml.")
    page: str = Field(description="The briefing page's address, relative to the site's root.")
    briefing: Briefing
    sources: list[ExportedSource] = Field(description="The briefing's source texts, in its order.")


class ExportedSite(_Strict):
    name: str
    url: str | None = Field(None, description="The site's published address, when it is configured.")


class Export(_Strict):
    """Every briefing of a site, newest first."""

    format: Literal["briefing-site/annotations"]
    version: Literal[3]
    site: ExportedSite
    briefings: list[ExportedBriefing]


def export(entries: list[Entry], urls: Urls, site: Site) -> str:
    """The export: one line for the format and the site, then one line a briefing. Each
    briefing's line is written once and kept with the briefing (pages.memo)."""
    head = json.dumps({"format": FORMAT, "version": VERSION, "site": {"name": site.name, "url": site.url}}, ensure_ascii=False)
    parts = ",\n".join(_part(entry, urls) for entry in entries)
    return f'{head[:-1]}, "briefings": [\n{parts}\n]}}\n' if parts else f'{head[:-1]}, "briefings": []}}\n'


def _part(entry: Entry, urls: Urls) -> str:
    memo = of(entry)
    key = ("export", urls.directory_urls)
    if key not in memo:
        item = {
            "id": entry.id,
            "page": urls.url(paths.briefing(entry.id)),
            "briefing": entry.briefing.model_dump(mode="json", exclude_none=True),
            "sources": [
                {
                    "id": copy.id,
                    "path": copy.path,
                    "sha256": copy.sha256,
                    "spans": {eid: _span(span) for eid, span in copy.spans.items()},
                }
                for copy in entry.copies
            ],
        }
        memo[key] = json.dumps(item, ensure_ascii=False)
    return str(memo[key])


def _span(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"start": span.start, "end": span.end}
    if span.parts:
        out["parts"] = [list(part) for part in span.parts]
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the export."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **Export.model_json_schema()}
