"""The annotation schema, declared once: validation, the JSON Schema and the docs derive from it.

A briefing annotates one source text or several (`sources`; the single `source` is a list
of one). Every statement in it cites evidence: exact passages of a source, given as W3C
Web Annotation text-quote selectors (`exact`, and `prefix` /
`suffix` to tell repeated passages apart). Annotation text is plain text: it is shown as
written, never interpreted as Markdown or HTML.

The models are here; the scales they use are in `scales`, the constrained values in
`values` and the numeric limits in `limits`. This module re-exports the names the rest
of the generator imports from it.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from generator.model.limits import EVIDENCE_MAX, SOURCES_MAX
from generator.model.limits import SLUG_MAX as SLUG_MAX
from generator.model.scales import SCALES as SCALES
from generator.model.scales import ActorKind as ActorKind
from generator.model.scales import ClaimStatus as ClaimStatus
from generator.model.scales import Confidence as Confidence
from generator.model.scales import FrontKind as FrontKind
from generator.model.scales import Likelihood as Likelihood
from generator.model.scales import PlaceKind as PlaceKind
from generator.model.scales import PlacePrecision as PlacePrecision
from generator.model.scales import QuestionStatus as QuestionStatus
from generator.model.scales import Scale as Scale
from generator.model.scales import Trend as Trend
from generator.model.values import EVENT_DATE_PATTERN as EVENT_DATE_PATTERN
from generator.model.values import PLACEHOLDER as PLACEHOLDER
from generator.model.values import SEED_PATH_PATTERN as SEED_PATH_PATTERN
from generator.model.values import SLUG_PATTERN as SLUG_PATTERN
from generator.model.values import UNPRINTABLE as UNPRINTABLE
from generator.model.values import (
    ActorRef,
    Amount,
    BottomLineText,
    Claimants,
    ClaimRef,
    Context,
    EventDate,
    Evidence_,
    Exact,
    Fault,
    FrontRef,
    Language,
    Latitude,
    Longitude,
    MeasureRef,
    PlaceRef,
    SeedPath,
    Sha256,
    ShorthandFor,
    ShortText,
    Slug,
    SourceRef,
    Starter,
    Text,
    Url,
    fault,
    readable,
)
from generator.model.values import Expects as Expects
from generator.model.values import RefTo as RefTo
from generator.versions import FORMAT

PIN = "The SHA-256 of the file's bytes: the check stops if the file changes, so that no quote moves silently."
#: The id of the source in the single `source` form, where none is written.
SINGLE_SOURCE_ID = "source"


class Model(BaseModel):
    """A part of a briefing: unknown keys are refused, and a validated part is never changed."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Source(Model):
    """The one source text a briefing annotates, in the single `source` form."""

    file: SeedPath = Field(description="The source's file, relative to the seeds folder.", examples=["kursk-article.txt"])
    headline: ShortText | None = Field(None, description="The source's own headline, when it has one.")
    outlet: ShortText | None = Field(None, description="Who published it.")
    author: ShortText | None = Field(None, description="Who wrote it.")
    url: Url | None = Field(
        None, description="Where it was published (http or https).", examples=["https://example.org/news/kursk"]
    )
    published: EventDate | None = Field(
        None,
        description="When it was published: the day, or only the month or year when no more is known.",
        examples=["2024-08-27", "2024-08", "2024"],
    )
    retrieved: datetime.date | None = Field(None, description="The day the text was received or copied.")
    language: Language | None = Field(None, description="The text's language, as a BCP 47 tag.", examples=["en", "uk"])
    sha256: Sha256 | None = Field(None, description=PIN)


class ListedSource(Model):
    """One of the source texts a briefing annotates, in the `sources` list: the fields of the
    single form (its date may be only a month or a year), with an id and what it republishes."""

    id: Slug = Field(description="The source's id, by which evidence names it.", examples=["wire"])
    file: SeedPath = Field(description="The source's file, relative to the seeds folder.", examples=["wire-2024-09-12.txt"])
    headline: ShortText | None = Field(None, description="The source's own headline, when it has one.")
    outlet: ShortText | None = Field(
        None, description="Who published it: sources of different outlets can corroborate each other."
    )
    author: ShortText | None = Field(None, description="Who wrote it.")
    url: Url | None = Field(
        None, description="Where it was published (http or https).", examples=["https://example.org/news/kursk"]
    )
    published: EventDate | None = Field(
        None,
        description="When it was published: the day, or only the month or year when no more is known.",
        examples=["2024-09-12", "2024-09", "2024"],
    )
    retrieved: datetime.date | None = Field(None, description="The day the text was received or copied.")
    language: Language | None = Field(None, description="The text's language, as a BCP 47 tag.", examples=["en", "uk"])
    via: SourceRef | None = Field(
        None, description="The id of the source this text republishes, when it is a copy of another's report."
    )
    sha256: Sha256 | None = Field(None, description=PIN)


class Statement(Model):
    """A statement of the briefing's own, with the evidence that backs it."""

    text: Text = Field(description="The statement, in plain text.")
    evidence: Evidence_


class BottomLine(Statement):
    """The bottom line up front: one to three sentences."""

    text: BottomLineText = Field(description="The bottom line, in one to three sentences of plain text.")


class Actor(Model):
    """A party to the situation, or a source of claims about it."""

    id: Slug = Field(description="The actor's id, by which stakes, claims and events name it.", examples=["russia"])
    name: ShortText = Field(description="The actor's name, as readers see it.")
    kind: ActorKind = Field(description="What kind of party the actor is.")
    side: Slug | None = Field(
        None,
        description="Which side the actor is on, as a short id such as russia or ukraine.",
        examples=["russia", "ukraine"],
    )
    anonymous: bool = Field(
        False, description="Whether the actor is an unnamed source (a hospital source, an official who asked not to be named)."
    )


class Place(Model):
    """A place the situation touches; the same id across briefings is the same place."""

    id: Slug = Field(description="The place's id, by which fronts, claims, questions and events name it.", examples=["pokrovsk"])
    name: ShortText = Field(description="The place's name, as readers see it.")
    kind: PlaceKind = Field(description="What kind of place it is.")
    lat: Latitude | None = Field(None, description="Its latitude in degrees north (WGS 84); given with lon.", examples=[51.35])
    lon: Longitude | None = Field(None, description="Its longitude in degrees east (WGS 84); given with lat.", examples=[35.46])
    precision: PlacePrecision = Field(PlacePrecision.APPROXIMATE, description="How sure the point is.")

    @model_validator(mode="after")
    def _both_coordinates(self) -> Place:
        if (self.lat is None) != (self.lon is None):
            given, missing = ("lat", "lon") if self.lon is None else ("lon", "lat")
            raise fault(Fault.HALF_COORDINATES, "{given} is given without {missing}", given=given, missing=missing)
        return self

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


class Measure(Model):
    """Something counted, whose figures claims give; the same id across briefings is one series."""

    id: Slug = Field(description="The measure's id, by which figures name it.", examples=["settlements-retaken"])
    name: ShortText = Field(description="What is counted, as readers see it.", examples=["Settlements retaken by Russia"])
    unit: ShortText = Field(description="What one unit of it is, in the plural.", examples=["settlements", "people", "km²"])


class Figure(Model):
    """A number a claim gives: one value, or a range (min, max or both)."""

    measure: MeasureRef = Field(description="The id of the measure the figure counts.")
    value: Annotated[Amount | None, Starter()] = Field(None, description="The number, when the claim gives one.", examples=[10])
    min: Amount | None = Field(
        None, description="The least it is, when the claim gives a range or says 'at least'.", examples=[8]
    )
    max: Amount | None = Field(None, description="The most it is, when the claim gives a range or says 'up to'.", examples=[12])
    approx: bool = Field(False, description="Whether the claim gives the number as approximate ('about 10').")

    @field_validator("max")
    @classmethod
    def _range_in_order(cls, value: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("min")
        if value is not None and low is not None and low > value:
            raise fault(Fault.RANGE_INVERTED, "max {high} is below min {low}", high=readable(value), low=readable(low))
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Figure:
        ranged = self.min is not None or self.max is not None
        if self.value is not None and ranged:
            raise fault(Fault.FIGURE_FORM, "{wrong}", wrong="both a value and a range are given")
        if self.value is None and not ranged:
            raise fault(Fault.FIGURE_FORM, "{wrong}", wrong="neither a value nor a range is given")
        return self


class Front(Model):
    """An arena the situation plays out on; the same id across briefings is the same front."""

    id: Slug = Field(description="The front's id; the same id across briefings is the same front.", examples=["kursk"])
    name: ShortText = Field(description="The front's name, as readers see it.")
    kind: FrontKind = Field(description="What kind of arena the front is.")
    situation: Text = Field(description="The situation on this front, as the source shows it.")
    trend: Trend = Field(description="Which way the situation on this front is moving.")
    places: list[PlaceRef] = Field(default_factory=list, description="Ids of the places the front runs through.")
    evidence: Evidence_


class Stake(Model):
    """What one party stands to gain or lose."""

    party: ActorRef = Field(description="The id of the actor that has something at stake.")
    stake: Text = Field(description="What is at stake for the party.")
    why: Text = Field(description="Why it matters.")
    fronts: list[FrontRef] = Field(min_length=1, description="Ids of the fronts the stake plays out on.")
    evidence: Evidence_


class Judgment(Model):
    """The desk's judgment on a question: a likelihood and, separately, a confidence."""

    text: Text = Field(description="The judgment, in plain text.")
    likelihood: Likelihood = Field(description="How likely the judgment is.")
    confidence: Confidence = Field(description="How far the sources and reasoning behind the judgment hold up.")


class Question(Model):
    """A question the situation leaves open, and what would answer it."""

    id: Slug = Field(
        description="The question's id; the same id across briefings is the same question, even reworded.",
        examples=["pokrovsk-falls"],
    )
    question: Text = Field(description="The question, in plain text.")
    why: Text = Field(description="Why the answer matters.")
    indicators: list[Text] = Field(min_length=1, description="What would answer the question or move it.")
    status: QuestionStatus = Field(QuestionStatus.OPEN, description="Whether the question has been answered.")
    answer: Statement | None = Field(None, description="The answer, with its evidence; required once answered.")
    fronts: list[FrontRef] = Field(default_factory=list, description="Ids of the fronts the question bears on.")
    judgment: Judgment | None = Field(None, description="The desk's judgment on the question, when it gives one.")
    places: list[PlaceRef] = Field(default_factory=list, description="Ids of the places the question concerns.")
    evidence: Evidence_

    @model_validator(mode="after")
    def _answered_has_answer(self) -> Question:
        if self.status is QuestionStatus.ANSWERED and self.answer is None:
            raise fault(Fault.ANSWERED_WITHOUT_ANSWER, "status is 'answered' but there is no answer")
        if self.status is QuestionStatus.OPEN and self.answer is not None:
            raise fault(Fault.OPEN_WITH_ANSWER, "an answer is given but status is 'open'")
        return self


class Claim(Model):
    """Something a party asserts, who asserts it, and how far it is verified."""

    id: Slug = Field(description="The claim's id; the same id across briefings is the same claim.")
    claim: Text = Field(description="What is claimed, in plain text.")
    claimant: Claimants = Field(
        description="The id of the actor that makes the claim, or a list of the actors that make it together."
    )
    status: ClaimStatus = Field(description="How far the claim is verified.")
    basis: Text | None = Field(None, description="Why the claim has this status.")
    fronts: list[FrontRef] = Field(default_factory=list, description="Ids of the fronts the claim concerns.")
    contradicts: list[ClaimRef] = Field(
        default_factory=list, description="Ids of the briefing's claims this one contradicts; both show the contradiction."
    )
    places: list[PlaceRef] = Field(default_factory=list, description="Ids of the places the claim concerns.")
    figures: list[Figure] = Field(default_factory=list, description="The numbers the claim gives, each of a measure.")
    evidence: Evidence_

    @field_validator("contradicts")
    @classmethod
    def _not_itself(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("id") in value:
            raise fault(Fault.SELF_CONTRADICTION, "the claim {claim!r} is listed as contradicting itself", claim=info.data["id"])
        return value


class Event(Model):
    """Something that happened, dated as precisely as the source allows; the timeline page
    gathers the events of every briefing, and the same id across briefings is the same event."""

    id: Slug = Field(description="The event's id; the same id across briefings is the same event.")
    date: EventDate = Field(
        description="When it happened: the day, or only the month or year when the source is no more precise.",
        examples=["2024-08-06", "2024-08", "2024"],
    )
    what: Text = Field(description="What happened.")
    where: ShortText | None = Field(None, description="Where it happened, in words.")
    places: list[PlaceRef] = Field(default_factory=list, description="Ids of the places where it happened.")
    fronts: list[FrontRef] = Field(
        default_factory=list, description="Ids of the fronts it happened on: its lanes on the timeline."
    )
    actors: list[ActorRef] = Field(default_factory=list, description="Ids of the actors who took part.")
    evidence: Evidence_

    @property
    def precision(self) -> str:
        """`day`, `month` or `year`."""
        return ("year", "month", "day")[self.date.count("-")]


class Evidence(Model):
    """An exact passage of the source, as a W3C Web Annotation text-quote selector."""

    id: Slug = Field(description="The passage's id, by which statements cite it.")
    exact: Exact = Field(
        description="The passage word for word; only quote marks and white space may differ from the source,"
        " and … (or ...) leaves out words between parts that stand in order in one paragraph."
    )
    prefix: Context | None = Field(None, description="The words just before the passage, to tell a repeated passage apart.")
    suffix: Context | None = Field(None, description="The words just after the passage, to tell a repeated passage apart.")
    source: SourceRef | None = Field(
        None, description="The id of the source the passage is quoted from; required when the briefing has several."
    )


class Briefing(Model):
    """One briefing: the annotations of one source text."""

    format: Annotated[int, Field(strict=True, ge=1, le=FORMAT), Expects(f"a whole number from 1 to {FORMAT}")] | None = Field(
        None,
        description="The version of the briefing format the file is written for; a package too old to read it says so.",
        examples=[FORMAT],
    )
    title: ShortText = Field(description="The briefing's headline.")
    date: datetime.date = Field(description="The day the briefing was published.", examples=["2024-08-27"])
    follows: Slug | None = Field(
        None,
        description="The id of the briefing this one follows (its file name without .yml): its page says what changed since.",
        examples=["kursk-counteroffensive"],
    )
    source: Annotated[Source | None, ShorthandFor("sources")] = Field(
        None, description="The one source text the briefing annotates: a shorthand for sources with one entry."
    )
    sources: list[ListedSource] | None = Field(
        None,
        min_length=1,
        max_length=SOURCES_MAX,
        description="The source texts the briefing annotates, each with an id that evidence names.",
    )
    bottom_line: BottomLine = Field(description="The bottom line up front, with its evidence.")
    takeaways: list[Statement] = Field(min_length=1, description="What a reader must take away: one statement each.")
    actors: list[Actor] = Field(min_length=1, description="Every party to the situation and every source of claims.")
    places: list[Place] = Field(default_factory=list, description="The places that fronts, claims, questions and events name.")
    measures: list[Measure] = Field(default_factory=list, description="What the claims' figures count.")
    fronts: list[Front] = Field(min_length=1, description="The arenas the situation plays out on.")
    stakes: list[Stake] = Field(default_factory=list, description="What each party stands to gain or lose.")
    questions: list[Question] = Field(default_factory=list, description="The questions the situation leaves open or answers.")
    claims: list[Claim] = Field(default_factory=list, description="Who claims what, and how far it is verified.")
    events: list[Event] = Field(default_factory=list, description="What happened, for the timeline.")
    evidence: list[Evidence] = Field(
        min_length=1,
        max_length=EVIDENCE_MAX,
        description="The passages of the source that the statements cite; each must be cited.",
    )

    @model_validator(mode="after")
    def _one_form_of_source(self) -> Briefing:
        if self.source is None and self.sources is None:
            raise fault(Fault.NO_SOURCE, "no source is given")
        if self.source is not None and self.sources is not None:
            raise fault(Fault.SOURCE_AND_SOURCES, "both source and sources are given")
        return self

    @property
    def texts(self) -> list[ListedSource]:
        """Every source text, as listed; the single `source` form as a list of one, whose id is `source`."""
        if self.sources is not None:
            return self.sources
        assert self.source is not None
        single = self.source.model_dump(exclude_unset=True)
        return [ListedSource(id=SINGLE_SOURCE_ID, **single)]

    def source_of(self, evidence: Evidence) -> str:
        """The id of the source `evidence` is quoted from."""
        if evidence.source:
            return evidence.source
        return self.sources[0].id if self.sources is not None else SINGLE_SOURCE_ID  # texts[0].id, without making the list


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a briefing file, for editors: each scale's values carry their meaning."""
    document = Briefing.model_json_schema()
    for name, definition in document.get("$defs", {}).items():
        scale = next((s for s in SCALES.values() if s.__name__ == name), None)
        if scale is not None:
            definition["enumDescriptions"] = [f"{m.label}: {m.meaning}" for m in scale]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}
