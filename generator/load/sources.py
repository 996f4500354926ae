"""Checks across a briefing's `sources` list: which passage quotes which text, copies, corroboration.

The `sources` list is checked on the raw data, so that one run reports everything even
where the schema failed; corroboration needs the claims and is judged on a briefing that
passed the schema. Every check is one pass over the sources, evidence and claims.

The single `source` form is a list of one that evidence need not name, and it is exempt
from the corroboration rule: one text cannot corroborate itself, and the briefings written
in that form confirmed claims on the desk's own judgment, which the rule would overturn.
Writing `sources` (even a list of one) is what opts a briefing into the rule.
"""

from __future__ import annotations

from typing import Any

from generator.load.findings import Finding, said
from generator.load.yamlfile import YamlDocument
from generator.model.limits import CORROBORATION_MIN
from generator.model.schema import Briefing, ClaimStatus, ListedSource

#: How many source ids a message names before it stops.
LISTED = 12


def _listed(ids: list[str], sep: str = ", ") -> str:
    return sep.join(ids[:LISTED]) + (f"{sep}..." if len(ids) > LISTED else "")


def check_sources(doc: YamlDocument) -> list[Finding]:
    """Two sources with one file, evidence that names no source among several, sources no
    passage quotes, and `via` chains that go round in a circle."""
    data = doc.data
    items = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []  # the single form, or a list the schema reports
    entries = [(index, item) for index, item in enumerate(items) if isinstance(item, dict)]
    ids: dict[str, int] = {}
    for index, item in entries:
        if isinstance(item.get("id"), str):
            ids.setdefault(item["id"], index)
    found = _same_files(doc, entries)
    found += _unnamed_and_unused(data.get("evidence"), len(items), ids)
    found += _circles(entries, ids)
    return found


def _same_files(doc: YamlDocument, entries: list[tuple[int, dict[str, Any]]]) -> list[Finding]:
    first: dict[str, int] = {}
    found = []
    for index, item in entries:
        name = item.get("file")
        if not isinstance(name, str):
            continue
        if name not in first:
            first[name] = index
            continue

        def say(index: int = index, name: str = name, earlier: int = first[name]) -> str:
            line, _ = doc.position(("sources", earlier, "file"))
            return (
                f"sources[{index}].file: {name!r} is already the file of sources[{earlier}] (line {line});"
                " expected each source text once, under one id"
            )

        found.append(Finding(("sources", index, "file"), say))
    return found


def _unnamed_and_unused(evidence: Any, count: int, ids: dict[str, int]) -> list[Finding]:
    if not isinstance(evidence, list):
        return []
    found = []
    used: set[str] = set()
    unnamed = False
    known = _listed(sorted(ids))
    for index, item in enumerate(evidence):
        if not isinstance(item, dict):
            continue
        named = item.get("source")
        if isinstance(named, str):
            used.add(named)
        elif named is None and count > 1:
            unnamed = True
            found.append(
                said(
                    ("evidence", index),
                    f"missing key 'source' in evidence[{index}]; expected the id of the source the passage"
                    f" quotes, as the briefing has {count} sources: {known}",
                )
            )
        elif named is None and count == 1:
            used.update(ids)
    if unnamed:
        return found  # which sources go unused cannot be told until every passage names one
    for source_id, index in ids.items():
        if source_id not in used:
            found.append(
                said(
                    ("sources", index, "id"),
                    f"sources[{index}]: {source_id!r} is quoted by no evidence; expected every source to back"
                    " a passage (quote it or remove it)",
                )
            )
    return found


def _circles(entries: list[tuple[int, dict[str, Any]]], ids: dict[str, int]) -> list[Finding]:
    """Each circle of `via` once, at the first of its sources in the list: each source is walked once."""
    via = {item["id"]: item["via"] for _, item in entries if isinstance(item.get("id"), str) and isinstance(item.get("via"), str)}
    walking, done = 1, 2
    state: dict[str, int] = {}
    found = []
    for start in ids:
        path: list[str] = []
        step: str | None = start
        while step is not None and step in ids and step not in state:
            state[step] = walking
            path.append(step)
            step = via.get(step)
        if step is not None and state.get(step) == walking:
            circle = path[path.index(step) :]
            first = min(circle, key=ids.__getitem__)
            at = circle.index(first)
            circle = circle[at:] + circle[:at]
            found.append(
                said(
                    ("sources", ids[first], "via"),
                    f"sources[{ids[first]}].via: {' → '.join([*circle, first])} goes round in a circle;"
                    " expected a chain that ends at the original text",
                )
            )
        for name in path:
            state[name] = done
    return found


def origin(source: ListedSource, by_id: dict[str, ListedSource]) -> ListedSource:
    """The text `source` goes back to through `via`: itself if it republishes none.

    Stops at a circle (reported by `check_sources`) instead of walking it for ever.
    """
    seen = {source.id}
    while source.via is not None and source.via in by_id and source.via not in seen:
        source = by_id[source.via]
        seen.add(source.id)
    return source


def independent(sources: list[ListedSource], by_id: dict[str, ListedSource]) -> int:
    """How many independent texts `sources` hold: each counts by the outlet of the text it goes back to.

    Two sources are independent when their outlets differ and neither goes back through
    `via` to the other; two copies of one report are one source, whichever outlets ran them.
    An original without an outlet counts as its own.
    """
    return len({(o.outlet, None) if o.outlet else (None, o.id) for o in (origin(s, by_id) for s in sources)})


def check_corroboration(briefing: Briefing) -> list[Finding]:
    """A confirmed claim is backed by passages of at least CORROBORATION_MIN independent sources."""
    if briefing.sources is None:
        return []
    by_id = {s.id: s for s in briefing.sources}
    quoted = {e.id: briefing.source_of(e) for e in briefing.evidence}
    found = []
    for index, claim in enumerate(briefing.claims):
        if claim.status is not ClaimStatus.CONFIRMED:
            continue
        names = list(dict.fromkeys(quoted[e] for e in claim.evidence if e in quoted))
        if not all(name in by_id for name in names):
            continue  # a source that is not listed is reported where it is named
        backing = [by_id[name] for name in names]
        count = independent(backing, by_id)
        if count >= CORROBORATION_MIN:
            continue

        def say(index: int = index, backing: list[ListedSource] = backing, count: int = count) -> str:
            shown = _listed([_shown(s, by_id) for s in backing], "; ")
            many = f"{len(backing)} sources, {count} of them independent" if len(backing) > 1 else "1 source"
            return (
                f"claims[{index}].status: 'confirmed' needs passages from at least {CORROBORATION_MIN} independent"
                f" sources; its evidence quotes {many}: {shown}; expected a passage of another outlet's"
                " own report, or a status other than 'confirmed'"
            )

        found.append(Finding(("claims", index, "status"), say))
    return found


def _shown(source: ListedSource, by_id: dict[str, ListedSource]) -> str:
    outlet = f" ({source.outlet})" if source.outlet else ""
    root = origin(source, by_id)
    copy = f", a republication of {root.id}" if root is not source else ""
    return f"{source.id}{outlet}{copy}"
