"""Everything across briefings, gathered in one pass: fronts, questions, claims, actors."""

from __future__ import annotations

from dataclasses import dataclass, field

from .project import Entry
from .schema import Actor, Claim, ClaimStatus, Front, Question, QuestionStatus, Stake


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


@dataclass
class Catalog:
    """The cross-briefing views; `entries` are newest first and every list keeps that order."""

    entries: list[Entry]
    fronts: dict[str, FrontHistory] = field(default_factory=dict)
    questions: list[tuple[Entry, Question]] = field(default_factory=list)
    claims: dict[str, list[tuple[Entry, Claim]]] = field(default_factory=dict)
    actors: dict[str, list[tuple[Entry, Actor]]] = field(default_factory=dict)
    stakes: dict[str, list[tuple[Entry, int, Stake]]] = field(default_factory=dict)  # by party, with 1-based number

    def actor(self, actor_id: str) -> Actor:
        """The newest briefing's record of an actor."""
        return self.actors[actor_id][0][1]

    def questions_by_status(self) -> list[tuple[QuestionStatus, list[tuple[str, list[tuple[Entry, Question]]]]]]:
        """Questions by status, then by the first front each concerns (or none)."""
        out = []
        for status in QuestionStatus:
            groups: dict[str, list[tuple[Entry, Question]]] = {}
            for entry, question in self.questions:
                if question.status is status:
                    groups.setdefault(question.fronts[0] if question.fronts else "", []).append((entry, question))
            out.append((status, sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))))
        return out

    def claims_by_status(self, claimant: str) -> list[tuple[ClaimStatus, list[tuple[Entry, Claim]]]]:
        claims = self.claims.get(claimant, [])
        return [(s, [c for c in claims if c[1].status is s]) for s in ClaimStatus if any(c[1].status is s for c in claims)]


def build_catalog(entries: list[Entry]) -> Catalog:
    catalog = Catalog(entries)
    for entry in entries:
        briefing = entry.briefing
        for front in briefing.fronts:
            catalog.fronts.setdefault(front.id, FrontHistory(front.id)).appearances.append((entry, front))
        for actor in briefing.actors:
            catalog.actors.setdefault(actor.id, []).append((entry, actor))
        # Entries come newest first: a front's first entry is the newest on it.
        newest = {f.id for f in briefing.fronts if catalog.fronts[f.id].appearances[0][0] is entry}
        for question in briefing.questions:
            catalog.questions.append((entry, question))
            for front_id in newest.intersection(question.fronts):
                catalog.fronts[front_id].questions.append((entry, question))
        for claim in briefing.claims:
            catalog.claims.setdefault(claim.claimant, []).append((entry, claim))
            for front_id in newest.intersection(claim.fronts):
                catalog.fronts[front_id].claims.append((entry, claim))
        for number, stake in enumerate(briefing.stakes, 1):
            catalog.stakes.setdefault(stake.party, []).append((entry, number, stake))
            for front_id in newest.intersection(stake.fronts):
                catalog.fronts[front_id].stakes.append((entry, stake))
    catalog.fronts = dict(sorted(catalog.fronts.items()))
    catalog.actors = dict(sorted(catalog.actors.items()))
    catalog.claims = dict(sorted(catalog.claims.items()))
    return catalog
