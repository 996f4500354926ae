"""The constrained values a briefing's fields hold: ids, texts, addresses, paths, dates, references.

Each type says where it is declared what it expects, in words (an `Expects` or `RefTo`
in its `Annotated` metadata), and its validators fail with a `Fault`: a structured error
whose type and context the loader turns into a message, without reading exception text.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, Strict, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.model import limits

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SEED_PATH_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*$"
# No backslash before the quote: editors read JSON Schema patterns as ECMA-262 regexes in
# Unicode mode, where `\"` is an invalid escape.
URL_PATTERN = r"""^https?://[^\s<>"'`]+$"""
#: A day, a month or a year: as precise as the source allows.
EVENT_DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
PLACEHOLDER = "TODO:"
#: A BCP 47 language tag, by its shape: a primary language, then subtags.
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

#: Characters no text may hold: C0/C1 controls other than tab and line breaks, and lone
#: surrogates (which YAML escapes can produce but no UTF-8 page can carry).
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: The bidirectional embedding, override and isolate controls: in a title or a name they
#: would reorder the page's own text around it (Trojan Source, CVE-2021-42574). No
#: annotation text may hold them. The marks (U+200E, U+200F, U+061C) only settle the
#: direction of the punctuation next to them, which right-to-left text needs: text may
#: hold them, an address may not.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
BIDI_MARKS = re.compile("[\u200e\u200f\u061c]")


class Fault(StrEnum):
    """The error types the schema's own validators raise, beyond pydantic's built-in ones."""

    EMPTY_TEXT = "empty_text"
    UNPRINTABLE = "unprintable"
    BIDI_CONTROL = "bidi_control"
    PLACEHOLDER = "placeholder"
    NOT_A_CALENDAR_DATE = "not_a_calendar_date"
    ANSWERED_WITHOUT_ANSWER = "answered_without_answer"
    OPEN_WITH_ANSWER = "open_with_answer"
    NO_SOURCE = "no_source"
    SOURCE_AND_SOURCES = "source_and_sources"
    FIGURE_FORM = "figure_form"
    RANGE_INVERTED = "range_inverted"
    SELF_CONTRADICTION = "self_contradiction"
    HALF_COORDINATES = "half_coordinates"


def fault(kind: Fault, message: str, **context: Any) -> PydanticCustomError:
    """A validation error of type `kind`; `message` may name `{context}` keys."""
    return PydanticCustomError(str(kind), message, context or None)


@dataclass(frozen=True)
class Expects:
    """Marks a constrained type with what it expects, in words, for messages and the field reference."""

    words: str


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value is the id of an item in another list of the same briefing."""

    collection: str

    @property
    def words(self) -> str:
        return f"the id of an entry in {self.collection}"


@dataclass(frozen=True)
class ShorthandFor:
    """Marks a field as a shorter way to write another field, which new briefings are written in."""

    field: str


@dataclass(frozen=True)
class Starter:
    """Marks an optional field that `briefing new` writes live, with its example: the one of
    several ways to write a value that most entries use (a figure's single value)."""


def _visible(value: str, *, marks: bool = True) -> str:
    """`value` unchanged, if it holds no control character and no bidi control (nor mark, unless `marks`)."""
    bad = UNPRINTABLE.search(value)
    if bad:
        raise fault(Fault.UNPRINTABLE, "holds the control character {code_point}", code_point=f"U+{ord(bad.group()):04X}")
    bad = BIDI_CONTROLS.search(value) or (None if marks else BIDI_MARKS.search(value))
    if bad:
        char = bad.group()
        raise fault(
            Fault.BIDI_CONTROL,
            "holds the bidirectional formatting character {code_point} ({name})",
            code_point=f"U+{ord(char):04X}",
            name=unicodedata.name(char),
        )
    return value


def _address(value: str) -> str:
    return _visible(value, marks=False)


def _not_blank(value: str) -> str:
    """A quote or a text must hold more than white space: white space alone is empty text."""
    if not value.strip():
        raise fault(Fault.EMPTY_TEXT, "the text is empty")
    return _visible(value)


def _plain_text(value: str) -> str:
    value = _not_blank(value).strip()
    if PLACEHOLDER in value:
        raise fault(Fault.PLACEHOLDER, "still holds a '{placeholder}' placeholder", placeholder=PLACEHOLDER)
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
        raise fault(Fault.NOT_A_CALENDAR_DATE, "not a day of the calendar") from None
    return value


# Every text is `Strict`: a value YAML or a caller gives as bytes is not text, and is refused
# rather than decoded.
Slug = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=SLUG_PATTERN, max_length=limits.SLUG_MAX),
    Expects("an id of lower-case letters, digits and single hyphens, such as 'pokrovsk-direction'"),
]
Text = Annotated[str, Strict(), AfterValidator(_plain_text)]
#: A name or headline: one line, its white space folded to single spaces.
ShortText = Annotated[str, Strict(), AfterValidator(_one_line), StringConstraints(max_length=limits.SHORT_TEXT_MAX)]
BottomLineText = Annotated[str, Strict(), AfterValidator(_plain_text), StringConstraints(max_length=limits.BOTTOM_LINE_MAX)]
Url = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=URL_PATTERN, max_length=limits.URL_MAX),
    AfterValidator(_address),
    Expects("an http:// or https:// address"),
]
SeedPath = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=SEED_PATH_PATTERN, max_length=limits.SEED_PATH_MAX),
    Expects("a file name inside the seeds folder, such as 'kursk-article.txt'"),
]
#: A quote is kept exactly as written, for matching: only checked.
Exact = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=limits.EXACT_MAX), AfterValidator(_not_blank)]
Context = Annotated[str, Strict(), StringConstraints(max_length=limits.CONTEXT_MAX), AfterValidator(_visible)]
ActorRef = Annotated[str, Strict(), RefTo("actors")]
FrontRef = Annotated[str, Strict(), RefTo("fronts")]
EvidenceRef = Annotated[str, Strict(), RefTo("evidence")]
SourceRef = Annotated[str, Strict(), RefTo("sources")]
PlaceRef = Annotated[str, Strict(), RefTo("places")]
MeasureRef = Annotated[str, Strict(), RefTo("measures")]
ClaimRef = Annotated[str, Strict(), RefTo("claims")]


def _one_or_list(value: Any) -> Any:
    """One id written alone is a list of one."""
    return [value] if isinstance(value, str) else value


#: One actor's id, or a list of them: who makes a claim.
Claimants = Annotated[
    list[ActorRef],
    BeforeValidator(_one_or_list),
    Field(min_length=1),
    Expects("the id of an entry in actors, or a list of them"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN},
                {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}, "minItems": 1},
            ]
        }
    ),
]
Latitude = Annotated[
    float,
    Strict(),
    Field(ge=-90, le=90, allow_inf_nan=False),
    Expects("a latitude in degrees north, from -90 to 90 (WGS 84), such as 51.35"),
]
Longitude = Annotated[
    float,
    Strict(),
    Field(ge=-180, le=180, allow_inf_nan=False),
    Expects("a longitude in degrees east, from -180 to 180 (WGS 84), such as 35.46"),
]


def whole(value: float) -> int | float:
    """A figure as JSON and the pages write it: 10, not 10.0."""
    return int(value) if value.is_integer() else value


def readable(value: float) -> str:
    """A figure as readers write it: thousands grouped, no trailing `.0` (10,000; 2.5)."""
    return f"{whole(value):,}"


#: A figure counts something: no negative numbers, nothing beyond the format's limit.
Amount = Annotated[
    float,
    Strict(),
    Field(ge=0, le=limits.FIGURE_MAX, allow_inf_nan=False),
    PlainSerializer(whole, return_type=int | float),
    Expects(f"a number from 0 to {limits.FIGURE_MAX:,}, such as 10000 or 2.5"),
]
Language = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=LANGUAGE_PATTERN, max_length=limits.SLUG_MAX),
    Expects("a BCP 47 language tag, such as 'en' or 'pt-BR'"),
]
Sha256 = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=SHA256_PATTERN),
    Expects("the SHA-256 of the file's bytes, as 64 lower-case hexadecimal digits"),
]
EventDate = Annotated[
    str,
    BeforeValidator(_date_text),
    Strict(),
    StringConstraints(pattern=EVENT_DATE_PATTERN),
    AfterValidator(_calendar_date),
    # YAML hands an editor a bare year as a number, which the checker accepts as text.
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": EVENT_DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
    ),
    Expects("a date as YYYY-MM-DD, or YYYY-MM or YYYY when the source is no more precise"),
]
Evidence_ = Annotated[list[EvidenceRef], Field(min_length=1, description="Ids of the evidence passages that back this.")]
