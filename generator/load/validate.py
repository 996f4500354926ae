"""Validate one loaded briefing against the schema and its own cross-references."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.errors import Loc, Problem
from generator.load.yamlfile import YamlDocument
from generator.model import reflect as fields
from generator.model.reflect import key_path
from generator.model.schema import Briefing
from generator.model.values import Fault

#: The lists whose entries have ids, which references point into, in the schema's order.
ID_COLLECTIONS = fields.id_collections(Briefing)


def validate(doc: YamlDocument) -> tuple[Briefing | None, list[Problem]]:
    """The briefing in `doc` and the problems found; the briefing is None if the schema failed."""
    try:
        briefing = Briefing.model_validate(doc.data)
    except ValidationError as error:
        problems = [_schema_problem(doc, e) for e in error.errors()]
        # Reference checks still run on the raw data, so one run reports everything; a
        # place the schema already faulted is not reported twice.
        faulted = {tuple(e["loc"]) for e in error.errors()}
        return None, problems + [p for loc, p in check_ids(doc) if loc not in faulted]
    return briefing, [p for _, p in check_ids(doc)]


def _schema_problem(doc: YamlDocument, error: Any) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    where = key_path(loc)
    if kind == "missing":
        parent = key_path(loc[:-1])
        inside = f" in {parent}" if parent else ""
        return doc.problem(loc[:-1], f"missing required key {loc[-1]!r}{inside}; expected {fields.expected(loc)}")
    if kind == "extra_forbidden":
        return doc.problem(loc, _unknown_key(loc), key=True)
    if kind in FAULT_MESSAGES:
        return doc.problem(loc, f"{where}: {FAULT_MESSAGES[Fault(kind)](error.get('ctx', {}), value)}")
    if kind == "too_short":
        return doc.problem(loc, f"{where}: the list is empty; expected at least {error['ctx']['min_length']} entry")
    if kind in ("string_too_long", "too_long") and isinstance(value, str):
        return doc.problem(loc, f"{where}: {len(value)} characters; expected {fields.expected(loc)}")
    return doc.problem(
        loc, f"{where}: {describe_value(value)} is not valid here; expected {fields.expected(loc)}{_quote_hint(value, loc)}"
    )


def _unknown_key(loc: tuple[Any, ...]) -> str:
    key = str(loc[-1])
    found = fields.field_at(loc[:-1])
    known = list(found[0].model_fields) if found and isinstance(found[0], type) and issubclass(found[0], BaseModel) else []
    inside = f" in {key_path(loc[:-1])}" if loc[:-1] else ""
    message = f"unknown key {key!r}{inside}; expected one of " + ", ".join(known)
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
    return message + (f" (did you mean {guess[0]!r}?)" if guess else "")


#: The schema's own faults as messages, from each error's context and the value at fault.
FAULT_MESSAGES: dict[Fault, Callable[[dict[str, Any], Any], str]] = {
    Fault.PLACEHOLDER: lambda ctx, _: f"still holds a {ctx['placeholder']!r} placeholder; expected the real text",
    Fault.UNPRINTABLE: lambda ctx, _: f"holds the control character {ctx['code_point']}; expected printable text",
    Fault.EMPTY_TEXT: lambda ctx, _: "the text is empty; expected at least a word",
    Fault.ANSWERED_WITHOUT_ANSWER: lambda ctx, _: (
        "status is 'answered' but there is no answer; expected an answer with text and evidence"
    ),
    Fault.NOT_A_CALENDAR_DATE: lambda ctx, value: (
        f"{describe_value(value)} is not a day of the calendar; expected a real date as YYYY-MM-DD, YYYY-MM or YYYY"
    ),
    Fault.OPEN_WITH_ANSWER: lambda ctx, _: "an answer is given but status is 'open'; expected status 'answered'",
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
    if value is None:
        return "an empty value"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _quote_hint(value: Any, loc: tuple[Any, ...]) -> str:
    found = fields.field_at(loc)
    wants_text = found is not None and found[0] is str
    if wants_text and isinstance(value, (bool, int, float, datetime.date)):
        return " (YAML read this as a non-text value: put it in quotes)"
    return ""


def _entries(data: Any, collection: str) -> list[tuple[int, str]] | None:
    """The ids of a collection's entries, or None if the collection is not a list at all."""
    items = data.get(collection, []) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    return [(i, item["id"]) for i, item in enumerate(items) if isinstance(item, dict) and isinstance(item.get("id"), str)]


def check_ids(doc: YamlDocument) -> list[tuple[Loc, Problem]]:
    """Duplicate ids, references to ids that are not defined, and evidence that nothing cites.

    Works on the raw data, so that it runs even where the schema found problems.
    """
    found: list[tuple[Loc, Problem]] = []
    defined: dict[str, dict[str, int]] = {}
    for collection in ID_COLLECTIONS:
        entries = _entries(doc.data, collection)
        if entries is None:
            continue  # the schema reports the collection itself; references into it cannot be judged
        seen: dict[str, int] = {}
        for index, entry_id in entries:
            loc: Loc = (collection, index, "id")
            if entry_id in seen:
                first_line, _ = doc.position((collection, seen[entry_id], "id"))
                found.append(
                    (
                        loc,
                        doc.problem(
                            loc,
                            f"{collection}[{index}].id: duplicate id {entry_id!r} (first at line {first_line}); expected each id once in {collection}",
                        ),
                    )
                )
            else:
                seen[entry_id] = index
        defined[collection] = seen

    cited: set[str] = set()
    for ref_loc, collection, ref in fields.iter_refs(Briefing, doc.data):
        if collection == "evidence":
            cited.add(ref)
        if collection not in defined or ref in defined[collection]:
            continue
        known = sorted(defined[collection])
        guess = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        expected = f"one of {listed}" if known else f"an id defined in {collection}"
        found.append(
            (
                ref_loc,
                doc.problem(ref_loc, f"{key_path(ref_loc)}: {ref!r} is not defined in {collection}; expected {expected}{hint}"),
            )
        )

    for index, evidence_id in _entries(doc.data, "evidence") or []:
        if evidence_id not in cited:
            loc = ("evidence", index, "id")
            found.append(
                (
                    loc,
                    doc.problem(
                        loc,
                        f"evidence[{index}]: {evidence_id!r} is cited by nothing; expected every passage to back a statement (cite it or remove it)",
                    ),
                )
            )
    return found
