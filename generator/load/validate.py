"""Validate one loaded briefing against the schema and its own cross-references.

The cost stays linear in the file, however much is wrong with it: each problem is first
only placed, and only the first MAX_PROBLEMS by place are worded (suggestions and lists of
what is known cost more than placing). Suggestions come from `Suggestions`, made once per
list of ids.
"""

from __future__ import annotations

import datetime
import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import Loc, Problem, unlisted
from generator.load.findings import Finding as Finding
from generator.load.sources import check_corroboration, check_sources
from generator.load.suggest import Suggestions
from generator.load.yamlfile import YamlDocument
from generator.model import reflect as fields
from generator.model.limits import MAX_PROBLEMS
from generator.model.reflect import key_path
from generator.model.scales import Scale
from generator.model.schema import Briefing
from generator.model.values import Fault

#: The lists whose entries have ids, which references point into, in the schema's order.
ID_COLLECTIONS = fields.id_collections(Briefing)
#: How many of a list's ids a message about a reference into it names.
LISTED_IDS = 12


def validate(doc: YamlDocument) -> tuple[Briefing | None, list[Problem]]:
    """The briefing in `doc` and the problems found; the briefing is None if the schema failed."""
    try:
        briefing = Briefing.model_validate(doc.data)
    except ValidationError as error:
        errors = error.errors()
        findings = [_schema_finding(e) for e in errors]
        # Reference checks still run on the raw data, so one run reports everything; a
        # place the schema already faulted is not reported twice.
        faulted = {tuple(e["loc"]) for e in errors}
        crossed = check_ids(doc) + check_sources(doc)
        return None, worded(doc, findings + [f for f in crossed if tuple(f.loc) not in faulted])
    return briefing, worded(doc, check_ids(doc) + check_sources(doc) + check_corroboration(briefing))


def worded(doc: YamlDocument, findings: list[Finding]) -> list[Problem]:
    """The first MAX_PROBLEMS findings by place as problems, and one that counts the rest.

    Findings at the same place as the last one listed are worded too, so that the
    order among them (by message) is the report's.
    """
    placed = sorted((doc.position(f.loc, key=f.key), order) for order, f in enumerate(findings))
    if len(placed) > MAX_PROBLEMS:
        last = placed[MAX_PROBLEMS - 1][0]
        placed = [(at, order) for at, order in placed if at <= last]
    problems = [Problem(doc.path, line, column, findings[order].say()) for (line, column), order in placed]
    rest = len(findings) - len(placed)
    return [*problems, unlisted(doc.path, rest)] if rest else problems


def _schema_finding(error: Any) -> Finding:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return Finding(loc[:-1], lambda: _missing(loc))
    if kind == "extra_forbidden":
        return Finding(loc, lambda: _unknown_key(loc), key=True)
    # A fault of the whole briefing (its sources) has no key path to name.
    return Finding(loc, lambda: ": ".join(filter(None, (key_path(loc), _fault(kind, error, value, loc)))))


def _missing(loc: tuple[Any, ...]) -> str:
    parent = key_path(loc[:-1])
    inside = f" in {parent}" if parent else ""
    return f"missing required key {loc[-1]!r}{inside}; expected {fields.expected(loc)}"


def _fault(kind: str, error: Any, value: Any, loc: tuple[Any, ...]) -> str:
    """What is wrong with the value at `loc`, and what was expected."""
    if kind in FAULT_MESSAGES:
        return FAULT_MESSAGES[Fault(kind)](error.get("ctx", {}), value)
    if kind == "string_too_short":  # a quote of no characters at all: empty, as one of white space only
        return FAULT_MESSAGES[Fault.EMPTY_TEXT]({}, value)
    if kind == "too_short":
        return f"the list is empty; expected at least {error['ctx']['min_length']} entry"
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return f"{len(value)} characters; expected {fields.expected(loc)}"
    if kind == "too_long" and isinstance(value, list):
        return f"{len(value):,} entries; expected at most {error['ctx']['max_length']:,}"
    return f"{describe_value(value)} is not valid here; expected {fields.expected(loc)}{_quote_hint(value, loc)}"


def _unknown_key(loc: tuple[Any, ...]) -> str:
    key = str(loc[-1])
    found = fields.field_at(loc[:-1])
    known = list(found[0].model_fields) if found and isinstance(found[0], type) and issubclass(found[0], BaseModel) else []
    inside = f" in {key_path(loc[:-1])}" if loc[:-1] else ""
    message = f"unknown key {key!r}{inside}; expected one of " + ", ".join(known)
    # The keys of a model are a handful: comparing with each costs no more than naming them.
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
    return message + (f" (did you mean {guess[0]!r}?)" if guess else "")


#: The schema's own faults as messages, from each error's context and the value at fault.
FAULT_MESSAGES: dict[Fault, Callable[[dict[str, Any], Any], str]] = {
    Fault.PLACEHOLDER: lambda ctx, _: f"still holds a {ctx['placeholder']!r} placeholder; expected the real text",
    Fault.UNPRINTABLE: lambda ctx, _: f"holds the control character {ctx['code_point']}; expected printable text",
    Fault.BIDI_CONTROL: lambda ctx, _: (
        f"holds the bidirectional formatting character {ctx['code_point']} ({ctx['name']}), which can reorder the text"
        " shown around it; expected text without it"
    ),
    Fault.EMPTY_TEXT: lambda ctx, _: "the text is empty; expected at least a word",
    Fault.ANSWERED_WITHOUT_ANSWER: lambda ctx, _: (
        "status is 'answered' but there is no answer; expected an answer with text and evidence"
    ),
    Fault.NOT_A_CALENDAR_DATE: lambda ctx, value: (
        f"{describe_value(value)} is not a day of the calendar; expected a real date as YYYY-MM-DD, YYYY-MM or YYYY"
    ),
    Fault.OPEN_WITH_ANSWER: lambda ctx, _: "an answer is given but status is 'open'; expected status 'answered'",
    Fault.NO_SOURCE: lambda ctx, _: (
        "missing required key 'sources'; expected a list of the source texts the briefing annotates (or one 'source')"
    ),
    Fault.FIGURE_FORM: lambda ctx, _: (
        f"{ctx['wrong']}; expected either value (one number) or min and max (a range, or one of them for 'at least' or 'up to')"
    ),
    Fault.RANGE_INVERTED: lambda ctx, _: f"max {ctx['high']} is below min {ctx['low']}; expected max at least min",
    Fault.SELF_CONTRADICTION: lambda ctx, _: (
        f"the claim {ctx['claim']!r} is listed as contradicting itself; expected the ids of other claims of the briefing"
    ),
    Fault.HALF_COORDINATES: lambda ctx, _: (
        f"{ctx['given']} is given without {ctx['missing']}; expected both lat and lon, or neither"
    ),
    Fault.SOURCE_AND_SOURCES: lambda ctx, _: (
        "both 'source' and 'sources' are given; expected one of them: 'sources' lists every text, 'source' is the one"
    ),
}


def describe_value(value: Any) -> str:
    """How a YAML value reads in a message: its type for structures, its text for scalars."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    if value is None:
        return "an empty value"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


#: What YAML makes of an unquoted value that is not text, in words.
_READ_AS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),
    ((int, float), "a number"),
    (datetime.date, "a date"),
)


def _quote_hint(value: Any, loc: tuple[Any, ...]) -> str:
    """For a text, an id or a scale's value that YAML read as something else: put it in quotes."""
    found = fields.field_at(loc)
    if found is None:
        return ""
    annotation = found[0]
    scale = isinstance(annotation, type) and issubclass(annotation, Scale)
    read = next((words for kinds, words in _READ_AS if isinstance(value, kinds)), None)
    if read is None or not (annotation is str or scale):
        return ""
    example = next((m for m in annotation if _unquoted(str(m)) == (type(value), value)), None) if scale else None
    such = f", as in '{example}'" if example is not None else ""
    return f" (YAML read the unquoted value as {read}: put it in quotes{such})"


@functools.cache
def _unquoted(text: str) -> tuple[type, Any]:
    """What YAML reads `text` as, unquoted, with its type (False and 0 are equal in Python)."""
    value = yaml.safe_load(text)
    return type(value), value


def _entries(data: Any, collection: str) -> list[tuple[int, str]] | None:
    """The ids of a collection's entries, or None if the collection is not a list at all."""
    items = data.get(collection, []) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    return [(i, item["id"]) for i, item in enumerate(items) if isinstance(item, dict) and isinstance(item.get("id"), str)]


@dataclass
class _Known:
    """A collection's ids, with what messages about references into it need, made once."""

    index: dict[str, int]

    @functools.cached_property
    def listed(self) -> str:
        known = sorted(self.index)
        return ", ".join(known[:LISTED_IDS]) + (", ..." if len(known) > LISTED_IDS else "")

    @functools.cached_property
    def suggestions(self) -> Suggestions:
        return Suggestions(self.index)


def check_ids(doc: YamlDocument) -> list[Finding]:
    """Duplicate ids, references to ids that are not defined, and evidence that nothing cites.

    Works on the raw data, so that it runs even where the schema found problems.
    """
    found: list[Finding] = []
    defined: dict[str, _Known] = {}
    for collection in ID_COLLECTIONS:
        entries = _entries(doc.data, collection)
        if entries is None:
            continue  # the schema reports the collection itself; references into it cannot be judged
        seen: dict[str, int] = {}
        for index, entry_id in entries:
            if entry_id in seen:
                found.append(_duplicate(doc, collection, index, entry_id, seen[entry_id]))
            else:
                seen[entry_id] = index
        defined[collection] = _Known(seen)

    cited: set[str] = set()
    for ref_loc, collection, ref in fields.iter_refs(Briefing, doc.data):
        if collection == "evidence":
            cited.add(ref)
        if collection in defined and ref not in defined[collection].index:
            found.append(_undefined(ref_loc, collection, ref, defined[collection]))

    found += [
        _uncited(index, evidence_id) for index, evidence_id in _entries(doc.data, "evidence") or [] if evidence_id not in cited
    ]
    return found


def _duplicate(doc: YamlDocument, collection: str, index: int, entry_id: str, first: int) -> Finding:
    def say() -> str:
        first_line, _ = doc.position((collection, first, "id"))
        return f"{collection}[{index}].id: duplicate id {entry_id!r} (first at line {first_line}); expected each id once in {collection}"

    return Finding((collection, index, "id"), say)


def _uncited(index: int, evidence_id: str) -> Finding:
    return Finding(
        ("evidence", index, "id"),
        lambda: (
            f"evidence[{index}]: {evidence_id!r} is cited by nothing; expected every passage to back a statement (cite it or remove it)"
        ),
    )


def _undefined(loc: Loc, collection: str, ref: str, known: _Known) -> Finding:
    def say() -> str:
        expected = f"one of {known.listed}" if known.index else f"an id defined in {collection}"
        guess = known.suggestions.best(ref)
        hint = f" (did you mean {guess!r}?)" if guess else ""
        return f"{key_path(loc)}: {ref!r} is not defined in {collection}; expected {expected}{hint}"

    return Finding(loc, say)
