"""What a briefing's pages need beyond the briefing itself: anchors, evidence numbers, back links."""

from __future__ import annotations

import functools
from html import escape

from markupsafe import Markup

from generator.load.project import Entry
from generator.load.sources import independent
from generator.model import reflect as fields
from generator.model.schema import Actor, Briefing, Claim, Event, Figure, Front, Measure, Place, Stake
from generator.pages import anchors, paths
from generator.pages.sourceview import BackLink
from generator.pages.templating import one_line, shorten
from generator.pages.urls import Urls


def anchor(briefing: Briefing, loc: tuple[str | int, ...]) -> str:
    """The id of the element, on the briefing page, that shows the statement at `loc`."""
    collection = str(loc[0])
    if collection == "bottom_line":
        return anchors.BOTTOM_LINE
    index = int(loc[1])
    item = getattr(briefing, collection)[index]
    return anchors.statement(collection, item.id if hasattr(item, "id") else index + 1)


def _words(briefing: Briefing, loc: tuple[str | int, ...]) -> str:
    """What the statement at `loc` says, on one line: a front's name, a claim, a question...
    The bottom line, of which a briefing has one, needs no words to be told apart."""
    if loc[0] == "bottom_line":
        return ""
    item = getattr(briefing, str(loc[0]))[int(loc[1])]
    text = (
        getattr(item, "name", None)
        or getattr(item, "claim", None)
        or getattr(item, "question", None)
        or getattr(item, "stake", None)
        or getattr(item, "what", None)
        or item.text
    )
    return one_line(text)


class BriefingView:
    """One briefing as its pages show it. Everything is worked out on first use: the
    cross-briefing pages touch only a little of each briefing."""

    def __init__(self, entry: Entry, urls: Urls) -> None:
        self.entry = entry
        self.urls = urls

    @functools.cached_property
    def numbers(self) -> dict[str, int]:
        return {e.id: n for n, e in enumerate(self.briefing.evidence, 1)}

    @functools.cached_property
    def actors(self) -> dict[str, Actor]:
        return {a.id: a for a in self.briefing.actors}

    @functools.cached_property
    def fronts(self) -> dict[str, Front]:
        return {f.id: f for f in self.briefing.fronts}

    @functools.cached_property
    def places(self) -> dict[str, Place]:
        return {p.id: p for p in self.briefing.places}

    @functools.cached_property
    def measures(self) -> dict[str, Measure]:
        return {m.id: m for m in self.briefing.measures}

    @functools.cached_property
    def claims(self) -> dict[str, Claim]:
        return {c.id: c for c in self.briefing.claims}

    @functools.cached_property
    def contradictions(self) -> dict[str, list[str]]:
        """For each claim, the claims it contradicts or that contradict it, each once, in the
        briefing's order: a contradiction shows on both claims."""
        linked: dict[str, set[str]] = {}
        for claim in self.briefing.claims:
            for other in claim.contradicts:
                linked.setdefault(claim.id, set()).add(other)
                linked.setdefault(other, set()).add(claim.id)
        order = {claim_id: n for n, claim_id in enumerate(self.claims)}
        return {claim_id: sorted(others, key=order.__getitem__) for claim_id, others in linked.items()}

    def figures(self) -> list[tuple[Claim, Figure]]:
        """Every figure of the briefing, in the order of its claims: the key figures."""
        return [(claim, figure) for claim in self.briefing.claims for figure in claim.figures]

    @functools.cached_property
    def backlinks(self) -> dict[str, list[BackLink]]:
        """For each passage, links back (from its source's page) to the statements that cite
        it, each statement once."""
        briefing = self.briefing
        bases = {page: self.urls.link(page, self.page) for page in self.source_pages.values()}
        statements: dict[tuple[str | int, ...], tuple[str, str]] = {}  # (list, index) -> anchor, words
        out: dict[str, list[BackLink]] = {}
        seen: set[tuple[str, str]] = set()
        for loc, collection, ref in fields.iter_refs(briefing):
            if collection != "evidence":
                continue
            key = loc[:1] if loc[0] == "bottom_line" else loc[:2]
            if key not in statements:
                statements[key] = (anchor(briefing, loc), _words(briefing, loc))
            target, words = statements[key]
            if (ref, target) in seen:
                continue
            seen.add((ref, target))
            kind = "answer" if len(loc) > 2 and loc[2] == "answer" else anchors.noun(str(loc[0]))
            base = bases[self.passage_page(ref)]
            out.setdefault(ref, []).append(BackLink(f"{base}#{target}", target, kind, words))
        return out

    @functools.cached_property
    def source_pages(self) -> dict[str, str]:
        """Each source's view, by the source's id, in the briefing's order."""
        single = self.briefing.sources is None
        return {source.id: paths.source(self.entry.id, None if single else source.id) for source in self.briefing.texts}

    @functools.cached_property
    def _quoted(self) -> dict[str, str]:
        """The id of the source each passage is quoted from."""
        briefing = self.briefing
        return {evidence.id: briefing.source_of(evidence) for evidence in briefing.evidence}

    def passage_page(self, evidence_id: str) -> str:
        """The page of the source a passage is quoted from."""
        return self.source_pages[self._quoted[evidence_id]]

    @functools.cached_property
    def quoted_counts(self) -> dict[str, int]:
        """How many passages the briefing quotes from each of its sources."""
        counts = dict.fromkeys(self.source_pages, 0)
        for source_id in self._quoted.values():
            counts[source_id] += 1
        return counts

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
        """The first source's view."""
        return next(iter(self.source_pages.values()))

    def events(self) -> list[Event]:
        """The briefing's events, oldest first (the order of the source's own story)."""
        return sorted(self.briefing.events, key=lambda e: e.date)

    def stakes_by_party(self) -> list[tuple[str, list[tuple[int, Stake]]]]:
        """Stakes grouped by party, parties in order of first mention, each stake with its number."""
        groups: dict[str, list[tuple[int, Stake]]] = {}
        for number, stake in enumerate(self.briefing.stakes, 1):
            groups.setdefault(stake.party, []).append((number, stake))
        return list(groups.items())

    def cites(self, ids: list[str], from_src: str) -> Markup:
        """Links from the page `from_src` to the passages `ids`, each titled with its words,
        in the order of their numbers (the order of the source's passages in the briefing).

        Built here rather than in a template: a briefing cites its passages dozens of
        times, and each citation's escaped title is made once.
        """
        numbers, bases = self.numbers, self._bases(from_src)
        # Spaced, so that the numbers are copied and read as numbers, not as one (the
        # stylesheet keeps them on one line).
        links = " ".join(
            f'<a class="bf-cite" href="{bases[self._quoted[e]]}#{anchors.passage(e)}" title="{self._titles[e]}">{numbers[e]}</a>'
            for e in sorted(ids, key=numbers.__getitem__)
        )
        return Markup(f'<span class="bf-cites" aria-label="Evidence" data-search-exclude>{links}</span>')

    def _bases(self, from_src: str) -> dict[str, str]:
        """The link from the page `from_src` to each source's view, by the source's id."""
        bases = self._links_from.get(from_src)
        if bases is None:
            link = self.urls.link
            bases = self._links_from[from_src] = {sid: link(from_src, page) for sid, page in self.source_pages.items()}
        return bases

    @functools.cached_property
    def _links_from(self) -> dict[str, dict[str, str]]:
        return {}

    def evidence(self, ids: list[str], from_src: str) -> Markup:
        """The labelled line of evidence links that closes a card."""
        return Markup(f'<p class="bf-evidence"><span class="bf-label">Evidence</span>{self.cites(ids, from_src)}</p>')

    @functools.cached_property
    def _titles(self) -> _Titles:
        return _Titles(self)

    def backing(self, claim: Claim) -> int | None:
        """How many independent sources the claim's passages come from; None for a briefing
        of one `source`, which cannot tell."""
        briefing = self.briefing
        if briefing.sources is None:
            return None
        by_id = {source.id: source for source in briefing.sources}
        return independent([by_id[self._quoted[e]] for e in dict.fromkeys(claim.evidence)], by_id)

    def passage(self, evidence_id: str) -> str:
        """The source's own words for a piece of evidence."""
        copy = self.entry.copy_of[evidence_id]
        span, text = copy.spans[evidence_id], copy.text
        return " … ".join(text[start:end] for start, end in span.pieces)


class _Titles(dict[str, str]):
    """A passage's escaped, shortened words for a link's title, made when first asked for."""

    def __init__(self, view: BriefingView) -> None:
        super().__init__()
        self.view = view

    def __missing__(self, evidence_id: str) -> str:
        title = self[evidence_id] = escape(f"“{shorten(self.view.passage(evidence_id), 240)}”")
        return title
