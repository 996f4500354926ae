"""The closed scales of the briefing format: each value with the label and meaning readers see.

The method page places a scale's table by its name in `SCALES`; the JSON Schema gives
editors each value's meaning; messages list the values a field accepts.
"""

from __future__ import annotations

from enum import StrEnum


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
    POPULATION = "population", "Population", "The people of a place or a group, speaking or affected as one."


class PlaceKind(Scale):
    """What kind of place a place is."""

    SETTLEMENT = "settlement", "Settlement", "A city, town or village."
    REGION = "region", "Region", "An administrative region, such as an oblast, or an area known by name."
    COUNTRY = "country", "Country", "A country as a whole."
    SITE = "site", "Site", "A single site: a plant, a base, a bridge, a border crossing."
    WATER = "water", "Water", "A sea, a river, a lake or a reservoir."
    ROUTE = "route", "Route", "A road, a railway or a supply line."


class PlacePrecision(Scale):
    """How sure a place's coordinates are."""

    EXACT = "exact", "Exact", "The point is the place itself, such as a town's centre or a plant's gate."
    APPROXIMATE = "approximate", "Approximate", "The place is near the point; the source does not say exactly where."
    REGION = "region", "Region", "The point stands for an area around it, such as a region's middle."


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
    "place-kind": PlaceKind,
    "place-precision": PlacePrecision,
}
