"""The annotation schema, declared once: validation, the JSON Schema and the docs derive from it.

A briefing annotates one source text. Every statement in it cites evidence: exact passages
of the source, given as W3C Web Annotation text-quote selectors (`exact`, and `prefix` /
`suffix` to tell repeated passages apart). Annotation text is plain text: it is shown as
written, never interpreted as Markdown or HTML.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from generator.model import limits
from generator.model.limits import SLUG_MAX as SLUG_MAX

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEED_PATH_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*$"
#: A day, a month or a year: as precise as the source allows.
EVENT_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
PLACEHOLDER = "TODO:"


class Scale(StrEnum):
    """A closed set of values, each with the label and meaning shown to readers."""

    label: str
    meaning: str

    def __new__(cls, value: str, label: str, meaning: str) -> Scale:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.meaning = meaning
        return member

    def __str__(self) -> str:
        return str(self.value)


class Trend(Scale):
    """Which way the situation on a front is moving."""

    ESCALATING = "escalating", "Escalating", "Fighting, pressure or rhetoric on this front is intensifying."
    STABLE = "stable", "Stable", "No significant change in either direction."
    DE_ESCALATING = "de-escalating", "De-escalating", "Fighting, pressure or rhetoric on this front is easing."


class FrontKind(Scale):
    """The kind of arena a front is."""

    MILITARY = "military-direction", "Military direction", "A sector of the line of contact where forces are engaged."
    CROSS_BORDER = "cross-border", "Cross-border", "Operations across an international border, onto the other party's territory."
    ESCALATION = "escalation", "Escalation", "Decisions that could widen the conflict: weapons, red lines, new parties."
    DIPLOMATIC = "diplomatic", "Diplomatic", "Negotiations, talks and the positions taken on them."
    POLITICAL = "political", "Political", "Domestic politics, leadership decisions and public opinion."
    INFORMATION = "information", "Information", "Claims, counter-claims and the contest over what is believed."
    ECONOMIC = "economic", "Economic", "Sanctions, trade, industry and resources."
    HUMANITARIAN = "humanitarian", "Humanitarian", "Civilians, displacement, prisoners and aid."


class ActorKind(Scale):
    """What kind of party an actor is."""

    STATE = "state", "State", "A country acting through its government."
    GOVERNMENT_BODY = "government-body", "Government body", "A ministry, agency or office of a state."
    ARMED_FORCE = "armed-force", "Armed force", "A military, a branch of one, or an armed formation or unit."
    OFFICIAL = "official", "Official", "A person speaking or acting in an official capacity."
    ALLIANCE = "alliance", "Alliance", "A group of states acting together, such as NATO."
    OUTLET = "outlet", "Outlet", "A news organisation."
    CHANNEL = "channel", "Channel", "A social-media channel or blogger, named or as a group."
    ORGANISATION = "organisation", "Organisation", "Any other organisation."
    PERSON = "person", "Person", "A private person."


class QuestionStatus(Scale):
    """Whether an open question has been answered."""

    OPEN = "open", "Open", "Not yet answered; the indicators say what would answer it."
    ANSWERED = "answered", "Answered", "Answered by the evidence cited with the answer."


class Likelihood(Scale):
    """How likely a judgment is, in the seven words of US Intelligence Community Directive 203."""

    ALMOST_NO_CHANCE = "almost-no-chance", "Almost no chance", "1–5%: remote."
    VERY_UNLIKELY = "very-unlikely", "Very unlikely", "5–20%: highly improbable."
    UNLIKELY = "unlikely", "Unlikely", "20–45%: improbable."
    ROUGHLY_EVEN = "roughly-even-chance", "Roughly even chance", "45–55%: roughly even odds."
    LIKELY = "likely", "Likely", "55–80%: probable."
    VERY_LIKELY = "very-likely", "Very likely", "80–95%: highly probable."
    ALMOST_CERTAIN = "almost-certain", "Almost certain", "95–99%: nearly certain."


class Confidence(Scale):
    """How far the sources and reasoning behind a judgment hold up; separate from likelihood."""

    LOW = (
        "low",
        "Low confidence",
        "Sources are scant, questionable or fragmented, or the reasoning rests on assumptions that may not hold.",
    )
    MODERATE = (
        "moderate",
        "Moderate confidence",
        "Sources are credibly sourced and plausible but not corroborated enough for high confidence.",
    )
    HIGH = (
        "high",
        "High confidence",
        "Sources are of high quality and corroborated, or the nature of the issue allows a solid judgment.",
    )


class ClaimStatus(Scale):
    """How far a claim is verified."""

    CONFIRMED = "confirmed", "Confirmed", "Established by evidence independent of the claimant."
    ASSESSED = "assessed", "Assessed", "Not confirmed, but judged true on the evidence available; the basis says why."
    CLAIMED = "claimed", "Claimed, unverified", "Asserted by the claimant, with no independent confirmation either way."
    DISPUTED = "disputed", "Disputed", "Contested by another party or by evidence; neither side established."
    FALSE = "false", "False", "Shown to be untrue by the evidence."


#: The scales readers see explained on the method page, by the name used to place them there.
SCALES: dict[str, type[Scale]] = {
    "claim-status": ClaimStatus,
    "likelihood": Likelihood,
    "confidence": Confidence,
    "trend": Trend,
    "front-kind": FrontKind,
    "actor-kind": ActorKind,
    "question-status": QuestionStatus,
}


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value is the id of an item in another list of the same briefing."""

    collection: str


#: Characters no text may hold: C0/C1 controls other than tab and line breaks, and lone
#: surrogates (which YAML escapes can produce but no UTF-8 page can carry).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _plain_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("empty text")
    bad = UNPRINTABLE.search(value)
    if bad:
        raise ValueError(f"unprintable U+{ord(bad.group()):04X}")
    if PLACEHOLDER in value:
        raise ValueError("placeholder")
    return value


def _one_line(value: str) -> str:
    return " ".join(_plain_text(value).split())


def _date_text(value: Any) -> Any:
    """YAML reads 2024-08-06 as a date and 2024 as a number; an event date keeps them as text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _calendar_date(value: str) -> str:
    year, month, day = ([*map(int, value.split("-")), 1, 1])[:3]
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise ValueError("not a calendar date") from None
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=limits.SLUG_MAX)]
Text = Annotated[str, AfterValidator(_plain_text)]
#: A name or headline: one line, its white space folded to single spaces.
ShortText = Annotated[str, AfterValidator(_one_line), StringConstraints(max_length=limits.SHORT_TEXT_MAX)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'`]+$", max_length=limits.URL_MAX)]
SeedPath = Annotated[str, StringConstraints(pattern=SEED_PATH_PATTERN, max_length=limits.SEED_PATH_MAX)]
ActorRef = Annotated[str, RefTo("actors")]
FrontRef = Annotated[str, RefTo("fronts")]
EvidenceRef = Annotated[str, RefTo("evidence")]
EventDate = Annotated[
    str, BeforeValidator(_date_text), StringConstraints(pattern=EVENT_DATE_PATTERN), AfterValidator(_calendar_date)
]
Evidence_ = Annotated[list[EvidenceRef], Field(min_length=1, description="Ids of the evidence passages that back this.")]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Source(Model):
    """The source text a briefing annotates."""

    file: SeedPath = Field(description="The source's file, relative to the seeds folder.")
    headline: ShortText | None = Field(None, description="The source's own headline, when it has one.")
    outlet: ShortText | None = Field(None, description="Who published it.")
    author: ShortText | None = Field(None, description="Who wrote it.")
    url: Url | None = Field(None, description="Where it was published (http or https).")
    published: datetime.date | None = Field(None, description="When it was published.")


class Statement(Model):
    """A statement of the briefing's own, with the evidence that backs it."""

    text: Text
    evidence: Evidence_


class BottomLine(Statement):
    """The bottom line up front: one to three sentences."""

    text: Annotated[str, AfterValidator(_plain_text), StringConstraints(max_length=limits.BOTTOM_LINE_MAX)]


class Actor(Model):
    """A party to the situation, or a source of claims about it."""

    id: Slug
    name: ShortText
    kind: ActorKind
    side: Slug | None = Field(None, description="Which side the actor is on, as a short id such as russia or ukraine.")


class Front(Model):
    """An arena the situation plays out on; the same id across briefings is the same front."""

    id: Slug
    name: ShortText
    kind: FrontKind
    situation: Text = Field(description="The situation on this front, as the source shows it.")
    trend: Trend
    evidence: Evidence_


class Stake(Model):
    """What one party stands to gain or lose."""

    party: ActorRef
    stake: Text = Field(description="What is at stake for the party.")
    why: Text = Field(description="Why it matters.")
    fronts: list[FrontRef] = Field(min_length=1)
    evidence: Evidence_


class Judgment(Model):
    """The desk's judgment on a question: a likelihood and, separately, a confidence."""

    text: Text
    likelihood: Likelihood
    confidence: Confidence


class Question(Model):
    """A question the situation leaves open, and what would answer it."""

    id: Slug
    question: Text
    why: Text = Field(description="Why the answer matters.")
    indicators: list[Text] = Field(min_length=1, description="What would answer the question or move it.")
    status: QuestionStatus = QuestionStatus.OPEN
    answer: Statement | None = Field(None, description="The answer, with its evidence; required once answered.")
    fronts: list[FrontRef] = Field(default_factory=list)
    judgment: Judgment | None = None
    evidence: Evidence_

    @model_validator(mode="after")
    def _answered_has_answer(self) -> Question:
        if self.status is QuestionStatus.ANSWERED and self.answer is None:
            raise ValueError("answered without answer")
        if self.status is QuestionStatus.OPEN and self.answer is not None:
            raise ValueError("open with answer")
        return self


class Claim(Model):
    """Something a party asserts, who asserts it, and how far it is verified."""

    id: Slug
    claim: Text
    claimant: ActorRef
    status: ClaimStatus
    basis: Text | None = Field(None, description="Why the claim has this status.")
    fronts: list[FrontRef] = Field(default_factory=list)
    evidence: Evidence_


class Event(Model):
    """Something that happened, dated as precisely as the source allows; the timeline page
    gathers the events of every briefing, and the same id across briefings is the same event."""

    id: Slug
    date: EventDate = Field(description="YYYY-MM-DD, or YYYY-MM or YYYY when the source is no more precise.")
    what: Text = Field(description="What happened.")
    where: ShortText | None = Field(None, description="Where it happened.")
    actors: list[ActorRef] = Field(default_factory=list, description="Who took part.")
    evidence: Evidence_

    @property
    def precision(self) -> str:
        """`day`, `month` or `year`."""
        return ("year", "month", "day")[self.date.count("-")]


class Evidence(Model):
    """An exact passage of the source, as a W3C Web Annotation text-quote selector."""

    id: Slug
    exact: Annotated[str, StringConstraints(min_length=1, max_length=limits.EXACT_MAX)]
    prefix: Annotated[str, StringConstraints(max_length=limits.CONTEXT_MAX)] | None = None
    suffix: Annotated[str, StringConstraints(max_length=limits.CONTEXT_MAX)] | None = None


class Briefing(Model):
    """One briefing: the annotations of one source text."""

    title: ShortText
    date: datetime.date
    follows: Slug | None = Field(
        None,
        description="The id of the briefing this one follows (its file name without .yml): its page says what changed since.",
    )
    source: Source
    bottom_line: BottomLine
    takeaways: list[Statement] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=1)
    fronts: list[Front] = Field(min_length=1)
    stakes: list[Stake] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    evidence: list[Evidence] = Field(min_length=1)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a briefing file, for editors: each scale's values carry their meaning."""
    document = Briefing.model_json_schema()
    for name, definition in document.get("$defs", {}).items():
        scale = next((s for s in SCALES.values() if s.__name__ == name), None)
        if scale is not None:
            definition["enumDescriptions"] = [f"{m.label}: {m.meaning}" for m in scale]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}
