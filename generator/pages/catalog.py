"""Everything across briefings, gathered in one pass: fronts, questions, claims, actors,
events, and which briefing follows which."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.load.project import Entry
from generator.model.schema import (
    Actor,
    Claim,
    ClaimStatus,
    Event,
    Figure,
    Front,
    ListedSource,
    Measure,
    Place,
    Question,
    QuestionStatus,
    Stake,
)
from generator.pages import anchors


@dataclass
class FrontHistory:
    """One front as each briefing saw it, newest first; its stakes, questions and claims as
    the newest briefing on it has them (older ones are on their briefings' pages)."""

    id: str
    appearances: list[tuple[Entry, Front]] = field(default_factory=list)
    questions: list[tuple[Entry, Question]] = field(default_factory=list)
    claims: list[tuple[Entry, Claim]] = field(default_factory=list)
    stakes: list[tuple[Entry, Stake]] = field(default_factory=list)

    @property
    def latest(self) -> Front:
        return self.appearances[0][1]

    @property
    def places(self) -> list[str]:
        """The ids of the places the front runs through, in any briefing, newest first."""
        return list(dict.fromkeys(place_id for _, front in self.appearances for place_id in front.places))


@dataclass
class QuestionHistory:
    """One question, by its id, in each briefing that asks it, newest first."""

    id: str
    appearances: list[tuple[Entry, Question]] = field(default_factory=list)

    @property
    def latest(self) -> tuple[Entry, Question]:
        return self.appearances[0]

    @property
    def opened(self) -> Entry:
        """The first briefing that asked it."""
        return self.appearances[-1][0]

    @property
    def answered(self) -> tuple[Entry, Question] | None:
        """The briefing that first gave the answer it has now, if it is answered now."""
        found = None
        for entry, question in self.appearances:
            if question.status is not QuestionStatus.ANSWERED:
                break
            found = (entry, question)
        return found


@dataclass
class SourceRecord:
    """One source text across the archive, by its file: one text under one file, whichever
    briefings quote it and whatever id each gives it."""

    path: str
    #: Its anchor on the Sources page.
    anchor: str = ""
    #: Each briefing that quotes it, newest first, with the briefing's record of it and how
    #: many passages it quotes.
    citations: list[tuple[Entry, ListedSource, int]] = field(default_factory=list)
    #: The files this text republishes, nearest first, as the newest briefing tells it.
    republishes: list[str] = field(default_factory=list)
    #: The files that republish this text, as any briefing tells it.
    republished_by: list[str] = field(default_factory=list)

    @property
    def latest(self) -> ListedSource:
        """The newest briefing's record of the source."""
        return self.citations[0][1]

    @property
    def passages(self) -> int:
        return sum(count for _, _, count in self.citations)


@dataclass
class PlaceRecord:
    """One place, by its id, and everything across the briefings that names it, newest first,
    each front, claim, question and event once (as the newest briefing has it)."""

    id: str
    records: list[tuple[Entry, Place]] = field(default_factory=list)
    fronts: list[tuple[Entry, Front]] = field(default_factory=list)
    claims: list[tuple[Entry, Claim]] = field(default_factory=list)
    questions: list[tuple[Entry, Question]] = field(default_factory=list)
    events: list[tuple[Entry, Event]] = field(default_factory=list)
    #: (kind, id) of what is listed above.
    seen: set[tuple[str, str]] = field(default_factory=set, repr=False)

    @property
    def latest(self) -> Place:
        """The newest briefing's record of the place."""
        return self.records[0][1]

    @property
    def briefings(self) -> list[Entry]:
        """The briefings that name the place, newest first."""
        return list({id(entry): entry for entry, _ in self.records}.values())


@dataclass
class MeasureRecord:
    """One measure, by its id: a series of figures across briefings, newest first."""

    id: str
    records: list[tuple[Entry, Measure]] = field(default_factory=list)
    figures: list[tuple[Entry, Claim, Figure]] = field(default_factory=list)

    @property
    def latest(self) -> Measure:
        return self.records[0][1]

    def over_time(self) -> list[tuple[Entry, Claim, Figure]]:
        """The figures oldest first, as a series is read."""
        return sorted(self.figures, key=lambda item: (item[0].briefing.date, item[0].id))


@dataclass
class Catalog:
    """The cross-briefing views; `entries` are newest first and every list keeps that order."""

    entries: list[Entry]
    fronts: dict[str, FrontHistory] = field(default_factory=dict)
    questions: dict[str, QuestionHistory] = field(default_factory=dict)  # by id, newest first
    claims: dict[str, list[tuple[Entry, Claim]]] = field(default_factory=dict)
    actors: dict[str, list[tuple[Entry, Actor]]] = field(default_factory=dict)
    stakes: dict[str, list[tuple[Entry, int, Stake]]] = field(default_factory=dict)  # by party, with 1-based number
    events: dict[str, tuple[Entry, Event]] = field(default_factory=dict)  # by id, as the newest briefing has it
    followers: dict[str, list[Entry]] = field(default_factory=dict)  # by briefing id: the briefings that follow it
    sources: dict[str, SourceRecord] = field(default_factory=dict)  # by file, in order of first citation
    places: dict[str, PlaceRecord] = field(default_factory=dict)  # by id, sorted by name
    measures: dict[str, MeasureRecord] = field(default_factory=dict)  # by id, sorted by name
    #: Every pair of claims that contradict each other, with the briefing that says so.
    contested: list[tuple[Entry, Claim, Claim]] = field(default_factory=list)

    def timeline(self) -> list[tuple[str, list[tuple[Entry, Event]]]]:
        """Events newest first, by month (or by year, for events dated only by year)."""
        ordered = sorted(self.events.values(), key=lambda item: (item[1].date, item[1].id), reverse=True)
        groups: dict[str, list[tuple[Entry, Event]]] = {}
        for entry, event in ordered:
            groups.setdefault(event.date[:7], []).append((entry, event))
        return list(groups.items())

    def actor(self, actor_id: str) -> Actor:
        """The newest briefing's record of an actor."""
        return self.actors[actor_id][0][1]

    def questions_by_status(self) -> list[tuple[QuestionStatus, list[tuple[str, list[QuestionHistory]]]]]:
        """Questions by their status now, then by the first front each concerns (or none)."""
        out = []
        for status in QuestionStatus:
            groups: dict[str, list[QuestionHistory]] = {}
            for history in self.questions.values():
                _, question = history.latest
                if question.status is status:
                    groups.setdefault(question.fronts[0] if question.fronts else "", []).append(history)
            out.append((status, sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))))
        return out

    def question_fronts(self) -> list[str]:
        """The fronts that questions concern now, in the order of `fronts`, and "" last when
        a question concerns none: what the questions page can be filtered by."""
        named = {front_id for h in self.questions.values() for front_id in h.latest[1].fronts or [""]}
        return [front_id for front_id in [*self.fronts, ""] if front_id in named]

    def claim_counts(self, claimant: str) -> Counter[ClaimStatus]:
        """How many of the claimant's claims have each status."""
        return Counter(claim.status for _, claim in self.claims.get(claimant, []))

    def claims_by_status(self, claimant: str) -> list[tuple[ClaimStatus, list[tuple[Entry, Claim]]]]:
        claims = self.claims.get(claimant, [])
        return [(s, [c for c in claims if c[1].status is s]) for s in ClaimStatus if any(c[1].status is s for c in claims)]


def build_catalog(entries: list[Entry]) -> Catalog:
    catalog = Catalog(entries)
    contested: set[frozenset[str]] = set()  # the pairs listed, by their claims' ids
    for entry in entries:
        briefing = entry.briefing
        for front in briefing.fronts:
            catalog.fronts.setdefault(front.id, FrontHistory(front.id)).appearances.append((entry, front))
        for actor in briefing.actors:
            catalog.actors.setdefault(actor.id, []).append((entry, actor))
        # Entries come newest first: a front's first entry is the newest on it.
        newest = {f.id for f in briefing.fronts if catalog.fronts[f.id].appearances[0][0] is entry}
        for question in briefing.questions:
            catalog.questions.setdefault(question.id, QuestionHistory(question.id)).appearances.append((entry, question))
            for front_id in newest.intersection(question.fronts):
                catalog.fronts[front_id].questions.append((entry, question))
        for claim in briefing.claims:
            # A claim made by several actors counts under each of them.
            for claimant in dict.fromkeys(claim.claimant):
                catalog.claims.setdefault(claimant, []).append((entry, claim))
            for front_id in newest.intersection(claim.fronts):
                catalog.fronts[front_id].claims.append((entry, claim))
        if briefing.follows:
            catalog.followers.setdefault(briefing.follows, []).append(entry)
        for event in briefing.events:
            catalog.events.setdefault(event.id, (entry, event))
        for number, stake in enumerate(briefing.stakes, 1):
            catalog.stakes.setdefault(stake.party, []).append((entry, number, stake))
            for front_id in newest.intersection(stake.fronts):
                catalog.fronts[front_id].stakes.append((entry, stake))
        _add_sources(catalog.sources, entry)
        _add_places(catalog.places, entry)
        _add_figures(catalog, entry, contested)
    _anchor_sources(catalog.sources)
    catalog.places = dict(sorted(catalog.places.items(), key=lambda item: (item[1].latest.name.casefold(), item[0])))
    catalog.measures = dict(sorted(catalog.measures.items(), key=lambda item: (item[1].latest.name.casefold(), item[0])))
    catalog.fronts = dict(sorted(catalog.fronts.items()))
    catalog.actors = dict(sorted(catalog.actors.items()))
    catalog.claims = dict(sorted(catalog.claims.items()))
    return catalog


def _add_sources(records: dict[str, SourceRecord], entry: Entry) -> None:
    """The briefing's sources, each under its file, with how much it quotes and what
    republishes what."""
    briefing = entry.briefing
    texts = briefing.texts  # made anew on each call for a single `source`
    files = {source.id: copy.path for source, copy in zip(texts, entry.copies, strict=True)}
    quoted: dict[str, int] = dict.fromkeys(files, 0)
    for evidence in briefing.evidence:
        quoted[briefing.source_of(evidence)] += 1
    by_id = {source.id: source for source in texts}
    for source in texts:
        record = records.setdefault(files[source.id], SourceRecord(files[source.id]))
        first = not record.citations
        record.citations.append((entry, source, quoted[source.id]))
        # `via` never loops (checked on load); each step is a file of this briefing.
        step = source.via
        while step is not None:
            if first:
                record.republishes.append(files[step])
            original = records.setdefault(files[step], SourceRecord(files[step]))
            if step == source.via and files[source.id] not in original.republished_by:
                original.republished_by.append(files[source.id])
            step = by_id[step].via


def _anchor_sources(records: dict[str, SourceRecord]) -> None:
    """Each source's anchor, made from its file's path; two paths that make the same anchor
    are told apart by a number, in the order of the paths."""
    taken: set[str] = set()
    for path in sorted(records):
        n = 1
        while anchors.source(path, n) in taken:
            n += 1
        records[path].anchor = anchors.source(path, n)
        taken.add(records[path].anchor)


def _add_places(records: dict[str, PlaceRecord], entry: Entry) -> None:
    briefing = entry.briefing
    for place in briefing.places:
        records.setdefault(place.id, PlaceRecord(place.id)).records.append((entry, place))
    named: tuple[tuple[str, list[Front] | list[Claim] | list[Question] | list[Event]], ...] = (
        ("fronts", briefing.fronts),
        ("claims", briefing.claims),
        ("questions", briefing.questions),
        ("events", briefing.events),
    )
    for kind, items in named:
        for item in items:
            for place_id in dict.fromkeys(item.places):
                record = records[place_id]
                # The same id across briefings is the same front, claim, question or event:
                # listed once, as the newest briefing (the first to come) has it.
                if (kind, item.id) not in record.seen:
                    record.seen.add((kind, item.id))
                    getattr(record, kind).append((entry, item))


def _add_figures(catalog: Catalog, entry: Entry, contested: set[frozenset[str]]) -> None:
    briefing = entry.briefing
    for measure in briefing.measures:
        catalog.measures.setdefault(measure.id, MeasureRecord(measure.id)).records.append((entry, measure))
    by_id = {claim.id: claim for claim in briefing.claims}
    for claim in briefing.claims:
        for figure in claim.figures:
            catalog.measures[figure.measure].figures.append((entry, claim, figure))
        for other in claim.contradicts:
            # A claim keeps its id across briefings: a pair is listed once, as the newest
            # briefing that says so has it.
            pair = frozenset((claim.id, other))
            if pair not in contested:
                contested.add(pair)
                catalog.contested.append((entry, claim, by_id[other]))
