"""`briefing new` writes a scaffold derived from the models: every field, described, valid once filled."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.authoring.scaffold import quote
from generator.authoring.skeleton import skeleton
from generator.load.project import Project
from generator.model import reflect, schema
from generator.model.values import ShorthandFor, Starter

from .test_cli import run


def shorthand(model: type[BaseModel], name: str) -> bool:
    """A field that is a shorthand for another (the single `source`): new briefings use the other."""
    _, metadata = reflect.unwrap_field(model.model_fields[name])
    return any(isinstance(m, ShorthandFor) for m in metadata)


def models() -> list[type[BaseModel]]:
    """Briefing and every model reachable from it but through a shorthand, walked here rather
    than by the code under test."""
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [schema.Briefing]
    while todo:
        model = todo.pop()
        if model not in found:
            found.append(model)
            todo += [
                sub for name in model.model_fields if not shorthand(model, name) and (sub := reflect.field_at_model(model, name))
            ]
    return found


def fields(model: type[BaseModel]) -> list[str]:
    return [name for name in model.model_fields if not shorthand(model, name)]


FIELD_NAMES = {name for model in models() for name in model.model_fields}


def new_briefing(project: Path, seed: str = "article.txt") -> str:
    result = run("new", seed, "--id", "new", "--root", str(project))
    assert result.exit_code == 0, result.output
    return (project / "briefings" / "new.yml").read_text(encoding="utf-8")


def uncomment(text: str) -> str:
    """Every commented-out key made live: `# key:` and the deeper lines under it lose their `# `.

    Repeated until nothing changes, so that a commented-out key inside another comes out too.
    """
    while True:
        out, block = [], None
        for line in text.splitlines():
            indent = len(line) - len(line.lstrip(" "))
            key = re.match(r"# ([a-z_]+):", line[indent:])
            if block is not None and line.startswith(" " * block + "#  "):
                out.append(line[:block] + line[block + 2 :])
            elif key and key[1] in FIELD_NAMES:
                block = indent
                out.append(line[:indent] + line[indent + 2 :])
            else:
                block = None
                out.append(line)
        if out == text.splitlines():
            return text
        text = "\n".join(out) + "\n"


def fill(text: str) -> str:
    return re.sub(r'"TODO: ([^"]*)"', r'"Filled in: \1."', text)


def keys_by_model(model: type[BaseModel], data: Any, where: str, seen: dict[str, list[str]]) -> None:
    """Record the keys of each mapping the scaffold holds, by model, at each key path."""
    assert isinstance(data, dict), where
    seen[f"{where} ({model.__name__})"] = list(data)
    for name, value in data.items():
        sub = reflect.field_at_model(model, name)
        if sub is not None:
            for index, item in enumerate(value) if isinstance(value, list) else [(None, value)]:
                keys_by_model(sub, item, f"{where}.{name}" + ("" if index is None else f"[{index}]"), seen)


def test_every_field_of_every_model_is_in_the_scaffold_in_model_order(case_project: Path) -> None:
    data = yaml.safe_load(uncomment(new_briefing(case_project)))
    seen: dict[str, list[str]] = {}
    keys_by_model(schema.Briefing, data, "briefing", seen)
    by_model = {where.split(" ")[-1].strip("()"): keys for where, keys in seen.items()}
    assert by_model == {model.__name__: fields(model) for model in models()}


def test_required_fields_and_those_with_a_default_are_live_the_rest_commented_out(case_project: Path) -> None:
    text = new_briefing(case_project)
    seen: dict[str, list[str]] = {}
    keys_by_model(schema.Briefing, yaml.safe_load(text), "briefing", seen)
    # Live besides: the full form of a shorthand (sources), the pin, whose value is known,
    # and a starter (a figure's value, the usual one of its forms).
    live = {
        model.__name__: [
            name
            for name, info in model.model_fields.items()
            if info.is_required()
            or info.default is not None
            or name in ("sources", "sha256")
            or any(isinstance(m, Starter) for m in reflect.unwrap_field(info)[1])
        ]
        for model in models()
    }
    for where, keys in seen.items():
        assert keys == live[where.split(" ")[-1].strip("()")], where
    assert "\n# follows: " in text
    for commented in ("url:", "judgment:", "where:", "prefix:"):
        assert f"# {commented}" in text


def test_follows_and_events_are_written(case_project: Path) -> None:
    text = new_briefing(case_project)
    assert re.search(r"^# follows: [a-z0-9-]+$", text, re.MULTILINE)
    assert re.search(r"^events:\n(?:    #.*\n)*  - id: first-event\n", text, re.MULTILINE)


def test_every_field_carries_its_description_and_every_scale_its_values(case_project: Path) -> None:
    text = new_briefing(case_project)
    comments = " ".join(re.sub(r"^[ #]*", "", line) for line in text.splitlines() if line.lstrip().startswith("#"))
    for model in models():
        for name in fields(model):
            info = model.model_fields[name]
            if info.description:
                assert " ".join(info.description.split()) in comments, f"{model.__name__}.{name}"
            annotation, _ = reflect.unwrap_field(info)
            if isinstance(annotation, type) and issubclass(annotation, schema.Scale):
                assert "One of: " + ", ".join(annotation) + "." in comments, f"{model.__name__}.{name}"


def test_the_scaffold_for_the_shipped_seed_checks_once_filled(project: Path) -> None:
    seed = next((project / "seeds").iterdir()).name
    (project / "briefings" / "new.yml").write_text(fill(new_briefing(project, seed)), encoding="utf-8")
    result = run("check", "--root", str(project))
    assert result.exit_code == 0, result.stderr
    assert result.output.startswith("2 briefing(s) checked")


def test_uncommented_and_filled_the_scaffold_is_a_valid_briefing(case_project: Path) -> None:
    """Each optional key, uncommented, holds a value its field accepts.

    The check runs on the models, not `briefing check`: a `follows` or a `prefix` made up
    without the author cannot name a real briefing or the words before the passage.
    """
    data = yaml.safe_load(fill(uncomment(new_briefing(case_project))))
    with pytest.raises(pydantic.ValidationError) as raised:
        schema.Briefing.model_validate(data)
    # The two rules no scaffold can keep with every key in, on a figure and a question as
    # a whole: a figure is a value or a range, not both; an answer needs status answered.
    # No field refuses its value.
    assert [e["loc"] for e in raised.value.errors()] == [("questions", 0), ("claims", 0, "figures", 0)]
    del data["claims"][0]["figures"][0]["value"]
    data["questions"][0]["status"] = "answered"
    schema.Briefing.model_validate(data)


HOSTILE_NAMES = ["odd\nfollows: x.txt", "odd # title: x.txt", "odd: title.txt", "odd\u2028title: x\x85.txt", "odd\x7f.txt"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_seed_name_cannot_write_a_key(case_project: Path, name: str) -> None:
    """`briefing new` refuses a name no briefing can cite; the scaffold quotes it safely all the same."""
    try:
        (case_project / "seeds" / name).write_text("A sentence. Another.\n", encoding="utf-8")
    except OSError:
        pytest.skip(f"the file system refuses the name {name!r}")
    result = run("new", name, "--id", "new", "--root", str(case_project))
    assert result.exit_code == 1
    assert f"the source path {name!r} cannot be cited by a briefing" in result.stderr
    assert list((case_project / "briefings").iterdir()) == []

    text = skeleton(Project(case_project), name, datetime.date(2024, 9, 13))
    data = yaml.safe_load(text)
    assert list(data) == [
        name for name, info in schema.Briefing.model_fields.items() if info.default is not None or name == "sources"
    ]
    assert data["sources"][0]["file"] == name
    assert data["evidence"] == [{"id": "first-passage", "exact": "A sentence."}]
    header = text.split("\n\n")[0].splitlines()
    assert all(line.startswith("# ") for line in header)


@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_a_quoted_value_reads_back_as_itself_on_one_line(text: str) -> None:
    quoted = quote(text)
    assert yaml.safe_load(quoted) == text
    assert not set(quoted) & set("\n\r\x85\u2028\u2029")
