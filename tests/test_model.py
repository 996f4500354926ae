"""The schema is the one source of the format: every field says what it means, every limit is named once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from generator.authoring import reference
from generator.load import project, validate, yamlfile
from generator.model import limits, reflect, schema
from generator.model.values import Expects, Fault

from .conftest import REPO


@pytest.mark.parametrize("model", reference.models(), ids=lambda m: m.__name__)
def test_every_field_says_what_it_means(model: type[schema.Model]) -> None:
    assert (model.__doc__ or "").strip(), f"{model.__name__} has no docstring"
    bare = [name for name, info in model.model_fields.items() if not (info.description or "").strip()]
    assert not bare, f"{model.__name__}: fields without a description: {', '.join(bare)}"


def test_every_property_in_the_json_schema_has_hover_text() -> None:
    missing = [
        f"{name}.{key}"
        for name, definition in schema.json_schema()["$defs"].items()
        for key, prop in definition.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert not missing


def test_the_reference_walks_every_model_of_the_schema() -> None:
    declared = {m for m in vars(schema).values() if isinstance(m, type) and issubclass(m, schema.Model)}
    assert set(reference.models()) == declared - {schema.Model}


def test_every_limit_constant_is_in_the_table() -> None:
    constants = {name: value for name, value in vars(limits).items() if name.isupper() and isinstance(value, int)}
    assert sorted(constants.values()) == sorted(limit.value for limit in limits.LIMITS)


def test_the_loaders_and_the_schema_read_the_limits() -> None:
    assert yamlfile.MAX_DEPTH is limits.MAX_DEPTH
    assert yamlfile.MAX_EXPANDED_NODES is limits.MAX_EXPANDED_NODES
    assert project.MAX_FILE_BYTES is limits.MAX_FILE_BYTES
    definitions = schema.json_schema()["$defs"]

    def max_length(model: str, key: str) -> Any:
        prop = definitions[model]["properties"][key]
        return next(p["maxLength"] for p in [prop, *prop.get("anyOf", [])] if "maxLength" in p)

    assert max_length("Actor", "id") == limits.SLUG_MAX
    assert max_length("Actor", "name") == limits.SHORT_TEXT_MAX
    assert max_length("BottomLine", "text") == limits.BOTTOM_LINE_MAX
    assert max_length("Source", "url") == limits.URL_MAX
    assert max_length("Source", "file") == limits.SEED_PATH_MAX
    assert max_length("Evidence", "exact") == limits.EXACT_MAX
    assert max_length("Evidence", "prefix") == max_length("Evidence", "suffix") == limits.CONTEXT_MAX


def test_the_limits_marker_renders_every_limit() -> None:
    page, unknown = reference.expand("# Limits\n\n<!-- briefing:limits -->\n")
    assert not unknown
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", page)
    assert rows[:2] == [
        (
            "Id",
            "64 characters",
            "An id (of a briefing, actor, front, question, claim, event or passage), and an actor&#39;s side.",
        ),
        ("Short text", "200 characters", "A one-line text: a title, a name, a headline, an outlet, an author, a place."),
    ]
    assert [(title, at_most) for title, at_most, _ in rows] == [
        (limit.title, f"{limit.value:,} {limit.unit}") for limit in limits.LIMITS
    ]
    assert ("File size", "1,000,000 bytes") in [(t, a) for t, a, _ in rows]


def test_the_docs_restate_no_limit_by_hand() -> None:
    page = (REPO / "generator" / "docs" / "reference.md").read_text(encoding="utf-8")
    assert "<!-- briefing:limits -->\n" in page
    for limit in limits.LIMITS:
        for written in {str(limit.value), f"{limit.value:,}"}:
            # Not inside a word: the 3 of W3C is no limit.
            assert not re.search(rf"(?<![\w,.]){re.escape(written)}(?![\d,])", page), f"{written} is restated in the docs"


def test_every_marker_the_docs_may_use_is_known() -> None:
    for marker in ("<!-- briefing:fields -->", "<!-- briefing:limits -->", "<!-- briefing:scale trend -->"):
        assert reference.expand(marker)[1] == []
    assert reference.expand("<!-- briefing:odds -->")[1] == ["<!-- briefing:odds -->"]
    assert reference.EXPECTED_MARKERS == (
        "<!-- briefing:scale NAME --> (NAME one of claim-status, likelihood, confidence, trend, front-kind, "
        "actor-kind, question-status, place-kind, place-precision), <!-- briefing:fields --> or <!-- briefing:limits -->"
    )


def test_every_fault_of_the_schema_has_a_message() -> None:
    assert set(validate.FAULT_MESSAGES) == set(Fault)


def test_a_constrained_type_describes_itself_where_it_is_declared() -> None:
    assert reflect.describe(str, [Expects("a colour such as 'red'")]) == "a colour such as 'red'"
    assert reflect.expected(("source", "url")) == "an http:// or https:// address"
    assert reflect.expected(("source", "file")) == "a file name inside the seeds folder, such as 'kursk-article.txt'"
    assert (
        reflect.expected(("events", 0, "date")) == "a date as YYYY-MM-DD, or YYYY-MM or YYYY when the source is no more precise"
    )
    assert reflect.expected(("claims", 0, "claimant")) == "the id of an entry in actors, or a list of them"
    assert reflect.expected(("claims", 0, "claimant", 0)) == "the id of an entry in actors"
    assert reflect.expected(("title",)) == f"text of at most {limits.SHORT_TEXT_MAX} characters"


@pytest.mark.parametrize(
    ("text", "fault", "context"),
    [
        ("  ", Fault.EMPTY_TEXT, None),
        ("a\x07b", Fault.UNPRINTABLE, {"code_point": "U+0007"}),
        ("TODO: write it", Fault.PLACEHOLDER, {"placeholder": "TODO:"}),
    ],
)
def test_text_faults_carry_their_type_and_context(text: str, fault: Fault, context: dict[str, str] | None) -> None:
    with pytest.raises(ValidationError) as raised:
        schema.Statement.model_validate({"text": text, "evidence": ["x"]})
    [error] = raised.value.errors()
    assert (error["type"], error.get("ctx")) == (str(fault), context)
