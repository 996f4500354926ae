"""What a briefing's pages need beyond the briefing itself: anchors, evidence numbers, back links."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import fields, paths
from .project import Entry
from .schema import Actor, Briefing, Front, Stake
from .sourceview import BackLink
from .urls import Urls

#: How a statement cited as evidence is named in back links, by the list it stands in.
KINDS = {
    "bottom_line": "bottom line",
    "takeaways": "takeaway",
    "fronts": "front",
    "stakes": "stake",
    "questions": "question",
    "claims": "claim",
}


def anchor(briefing: Briefing, loc: tuple[str | int, ...]) -> str:
    """The id of the element, on the briefing page, that shows the statement at `loc`."""
    collection = str(loc[0])
    if collection == "bottom_line":
        return "bottom-line"
    index = int(loc[1])
    item = getattr(briefing, collection)[index]
    singular = KINDS[collection]
    return f"{singular}-{item.id}" if hasattr(item, "id") else f"{singular}-{index + 1}"


def _title(briefing: Briefing, loc: tuple[str | int, ...]) -> str:
    if loc[0] == "bottom_line":
        return "Bottom line"
    item = getattr(briefing, str(loc[0]))[int(loc[1])]
    text = (
        getattr(item, "name", None)
        or getattr(item, "claim", None)
        or getattr(item, "question", None)
        or getattr(item, "stake", None)
        or item.text
    )
    return f"{KINDS[str(loc[0])].capitalize()}: {text}"


@dataclass
class BriefingView:
    """One briefing as its pages show it."""

    entry: Entry
    urls: Urls
    numbers: dict[str, int] = field(init=False)
    backlinks: dict[str, list[BackLink]] = field(init=False)
    actors: dict[str, Actor] = field(init=False)
    fronts: dict[str, Front] = field(init=False)

    def __post_init__(self) -> None:
        briefing = self.entry.briefing
        self.numbers = {e.id: n for n, e in enumerate(briefing.evidence, 1)}
        self.actors = {a.id: a for a in briefing.actors}
        self.fronts = {f.id: f for f in briefing.fronts}
        self.backlinks = {}
        seen: set[tuple[str, str]] = set()
        for loc, collection, ref in fields.iter_refs(briefing):
            if collection != "evidence":
                continue
            target = anchor(briefing, loc)
            if (ref, target) in seen:
                continue
            seen.add((ref, target))
            kind = "answer" if len(loc) > 2 and loc[2] == "answer" else KINDS[str(loc[0])]
            href = self.urls.link(self.source_page, self.page, target)
            self.backlinks.setdefault(ref, []).append(BackLink(href, kind, _title(briefing, loc)))

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def briefing(self) -> Briefing:
        return self.entry.briefing

    @property
    def page(self) -> str:
        return paths.briefing(self.entry.id)

    @property
    def source_page(self) -> str:
        return paths.source(self.entry.id)

    def stakes_by_party(self) -> list[tuple[str, list[tuple[int, Stake]]]]:
        """Stakes grouped by party, parties in order of first mention, each stake with its number."""
        groups: dict[str, list[tuple[int, Stake]]] = {}
        for number, stake in enumerate(self.briefing.stakes, 1):
            groups.setdefault(stake.party, []).append((number, stake))
        return list(groups.items())

    def passage(self, evidence_id: str) -> str:
        """The source's own words for a piece of evidence."""
        span = self.entry.spans[evidence_id]
        return self.entry.source_text[span.start : span.end]
