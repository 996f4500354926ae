"""What changed between a briefing and the one it follows, matched by id.

A front, a question or a claim keeps its id from one briefing to the next; that is what
lets a change be told from something new.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.load.project import Entry
from generator.model.schema import Briefing, Claim, ClaimStatus, Figure, Front, Measure, Question, QuestionStatus, Trend
from generator.pages.figures import amount


@dataclass(frozen=True)
class Changes:
    """Everything `current` says differently from `previous`, in `current`'s order."""

    previous: Entry
    fronts_added: list[Front]
    fronts_gone: list[Front]
    trends: list[tuple[Front, Trend]]  # the front now, and its trend before
    questions_opened: list[Question]
    questions_answered: list[Question]
    questions_dropped: list[Question]  # open before, and not asked any more
    claims: list[tuple[Claim, ClaimStatus]]  # the claim now, and its status before
    claims_new: list[Claim]
    #: A measure whose figures differ: the measure now, its figures before and now, in words.
    figures: list[tuple[Measure, list[str], list[str]]]
    #: Pairs of claims newly said to contradict each other.
    contradictions: list[tuple[Claim, Claim]]

    def __bool__(self) -> bool:
        return any(
            (self.fronts_added, self.fronts_gone, self.trends, self.questions_opened, self.questions_answered,
             self.questions_dropped, self.claims, self.claims_new, self.figures, self.contradictions)
        )  # fmt: skip


def compare(previous: Entry, current: Entry) -> Changes:
    before, now = previous.briefing, current.briefing
    fronts = {f.id: f for f in before.fronts}
    questions = {q.id: q for q in before.questions}
    claims = {c.id: c for c in before.claims}
    asked = {q.id for q in now.questions}
    was_answered = {q.id for q in before.questions if q.status is QuestionStatus.ANSWERED}
    current_fronts = {f.id for f in now.fronts}
    return Changes(
        previous=previous,
        fronts_added=[f for f in now.fronts if f.id not in fronts],
        fronts_gone=[f for f in before.fronts if f.id not in current_fronts],
        trends=[(f, fronts[f.id].trend) for f in now.fronts if f.id in fronts and fronts[f.id].trend is not f.trend],
        questions_opened=[q for q in now.questions if q.id not in questions and q.status is QuestionStatus.OPEN],
        questions_answered=[q for q in now.questions if q.status is QuestionStatus.ANSWERED and q.id not in was_answered],
        questions_dropped=[q for q in before.questions if q.id not in asked and q.status is QuestionStatus.OPEN],
        claims=[(c, claims[c.id].status) for c in now.claims if c.id in claims and claims[c.id].status is not c.status],
        claims_new=[c for c in now.claims if c.id not in claims],
        figures=_figures(before, now),
        contradictions=[pair for pair in _pairs(now) if frozenset((pair[0].id, pair[1].id)) not in _ids(_pairs(before))],
    )


def _by_measure(briefing: Briefing) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for claim in briefing.claims:
        for figure in claim.figures:
            out.setdefault(figure.measure, []).append(figure)
    return out


def _figures(before: Briefing, now: Briefing) -> list[tuple[Measure, list[str], list[str]]]:
    """The measures both briefings give figures for, whose figures are not the same."""
    then, current = _by_measure(before), _by_measure(now)
    out = []
    for measure in now.measures:
        if measure.id in then and measure.id in current:
            old, new = [amount(f) for f in then[measure.id]], [amount(f) for f in current[measure.id]]
            if old != new:
                out.append((measure, old, new))
    return out


def _pairs(briefing: Briefing) -> list[tuple[Claim, Claim]]:
    by_id = {claim.id: claim for claim in briefing.claims}
    return [(claim, by_id[other]) for claim in briefing.claims for other in claim.contradicts if other in by_id]


def _ids(pairs: list[tuple[Claim, Claim]]) -> set[frozenset[str]]:
    return {frozenset((a.id, b.id)) for a, b in pairs}
