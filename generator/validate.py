"""Validate one loaded briefing against the schema and its own cross-references."""

from __future__ import annotations

import datetime
import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from . import fields
from .errors import Problem
from .fields import key_path
from .schema import Briefing
from .yamlfile import YamlDocument

#: The collections whose entries have ids, which references point into.
ID_COLLECTIONS = ("actors", "fronts", "questions", "claims", "evidence")


def validate(doc: YamlDocument) -> tuple[Briefing | None, list[Problem]]:
    """The briefing in `doc` and the problems found; the briefing is None if the schema failed."""
    try:
        briefing = Briefing.model_validate(doc.data)
    except ValidationError as error:
        return None, [_schema_problem(doc, e) for e in error.errors()]
    return briefing, check_ids(doc, briefing)


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
    if kind == "value_error":
        return doc.problem(loc, f"{where}: {_value_error(str(error['ctx']['error']), value)}")
    if kind == "too_short":
        return doc.problem(loc, f"{where}: the list is empty; expected at least {error['ctx']['min_length']} entry")
    if kind == "string_too_long":
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
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return message + (f" (did you mean {guess[0]!r}?)" if guess else "")


def _value_error(reason: str, value: Any) -> str:
    if "placeholder" in reason:
        return "still holds a 'TODO:' placeholder; expected the real text"
    if "empty text" in reason:
        return "the text is empty; expected at least a word"
    if "answered without answer" in reason:
        return "status is 'answered' but there is no answer; expected an answer with text and evidence"
    if "open with answer" in reason:
        return "an answer is given but status is 'open'; expected status 'answered'"
    return reason


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


def check_ids(doc: YamlDocument, briefing: Briefing) -> list[Problem]:
    """Duplicate ids, references to ids that are not defined, and evidence that nothing cites."""
    problems: list[Problem] = []
    defined: dict[str, dict[str, int]] = {}
    for collection in ID_COLLECTIONS:
        seen: dict[str, int] = {}
        for index, entry in enumerate(getattr(briefing, collection)):
            if entry.id in seen:
                first_line, _ = doc.position((collection, seen[entry.id], "id"))
                problems.append(
                    doc.problem(
                        (collection, index, "id"),
                        f"{collection}[{index}].id: duplicate id {entry.id!r} (first at line {first_line}); expected each id once in {collection}",
                    )
                )
            else:
                seen[entry.id] = index
        defined[collection] = seen

    cited: set[str] = set()
    for loc, collection, ref in fields.iter_refs(briefing):
        if collection == "evidence":
            cited.add(ref)
        if ref in defined[collection]:
            continue
        known = sorted(defined[collection])
        guess = difflib.get_close_matches(ref, known, n=1, cutoff=0.6)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        problems.append(
            doc.problem(loc, f"{key_path(loc)}: {ref!r} is not defined in {collection}; expected one of {', '.join(known)}{hint}")
        )

    for index, evidence in enumerate(briefing.evidence):
        if evidence.id not in cited:
            problems.append(
                doc.problem(
                    ("evidence", index, "id"),
                    f"evidence[{index}]: {evidence.id!r} is cited by nothing; expected every passage to back a statement (cite it or remove it)",
                )
            )
    return problems
