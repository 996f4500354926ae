"""Pinned source texts: a source's `sha256` holds its file to the bytes its quotes were checked against.

When the bytes change, the check stops at the pin and says which of the source's quotes
still stand in the new text and which no longer do, with the new hash to pin once each
quote is checked again. Nothing is re-anchored silently.
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import Problem
from generator.load.quotes import FoldedSource, Span
from generator.load.yamlfile import YamlDocument
from generator.model.reflect import key_path
from generator.model.schema import SINGLE_SOURCE_ID, Briefing
from generator.model.values import SHA256_PATTERN

#: How many passage ids a message about a pin names in each of its lists.
LISTED = 12


def _pins(data: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
    """Each pin the schema accepts: the key path of its source, the source's id and the pin."""
    items = data.get("sources") if isinstance(data, dict) else None
    listed: list[tuple[tuple[str | int, ...], dict[str, Any]]]
    if isinstance(items, list):
        listed = [(("sources", i), item) for i, item in enumerate(items) if isinstance(item, dict)]
    elif isinstance(data, dict) and isinstance(data.get("source"), dict):
        listed = [(("source",), {**data["source"], "id": SINGLE_SOURCE_ID})]
    else:
        return []
    return [
        (loc, item["id"], item["sha256"])
        for loc, item in listed
        if isinstance(item.get("id"), str)
        and isinstance(item.get("sha256"), str)
        and re.fullmatch(SHA256_PATTERN, item["sha256"])
    ]


def _quoting(data: Any, briefing: Briefing | None, source_id: str) -> list[str]:
    """The ids of the passages quoted from `source_id`, in the briefing's order."""
    if briefing is not None:
        return [e.id for e in briefing.evidence if briefing.source_of(e) == source_id]
    items = data.get("evidence") if isinstance(data, dict) else None
    sources = data.get("sources") if isinstance(data, dict) else None
    single = not isinstance(sources, list) or len(sources) == 1
    return [
        item["id"]
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and (item.get("source") == source_id or (single and item.get("source") is None))
    ]


def _named(ids: list[str]) -> str:
    return ", ".join(ids[:LISTED]) + (", ..." if len(ids) > LISTED else "")


def check_pins(
    doc: YamlDocument, briefing: Briefing | None, texts: dict[str, tuple[FoldedSource, str]], spans: dict[str, Span]
) -> list[Problem]:
    """A problem at each pin its file's bytes no longer match."""
    problems = []
    for loc, source_id, pin in _pins(doc.data):
        if source_id not in texts:
            continue
        folded, shown = texts[source_id]
        if not folded.sha256 or folded.sha256 == pin:
            continue
        quoted = _quoting(doc.data, briefing, source_id)
        still = [eid for eid in quoted if eid in spans]
        lost = [eid for eid in quoted if eid not in spans]
        said = []
        if still:
            said.append(f"{len(still)} of its quotes still match ({_named(still)})")
        if lost:
            said.append(f"{len(lost)} no longer {'does' if len(lost) == 1 else 'do'} ({_named(lost)})")
        summary = " and ".join(said) if said else "no quote is taken from it"
        where = key_path((*loc, "sha256"))
        message = (
            f"{where}: {shown} has changed since it was pinned; {summary}; its SHA-256 is now {folded.sha256};"
            " expected the pinned bytes, or the new hash once every quote is checked against the new text"
        )
        problems.append(doc.problem((*loc, "sha256"), message))
    return problems
