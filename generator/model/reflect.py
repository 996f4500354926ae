"""Reflection over the schema: which field sits at a key path, and what it expects."""

from __future__ import annotations

import datetime
import functools
import types
import typing
from collections.abc import Iterator
from typing import Any, Union

from annotated_types import MaxLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from generator.errors import Loc
from generator.model import schema
from generator.model.scales import Scale
from generator.model.values import Expects, RefTo


def key_path(loc: Loc) -> str:
    """`('fronts', 2, 'trend')` as `fronts[2].trend`."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip `Annotated` and `X | None`, returning the bare type and the metadata found."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation, metadata


def field_at(loc: Loc) -> tuple[Any, list[Any]] | None:
    """The bare type and metadata of the value at `loc` in a briefing, or None if there is none."""
    annotation: Any = schema.Briefing
    metadata: list[Any] = []
    for step in loc:
        if isinstance(step, int):
            if typing.get_origin(annotation) is not list:
                return None
            annotation, metadata = _unwrap(typing.get_args(annotation)[0])
        else:
            if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
                return None
            field = annotation.model_fields.get(step)
            if field is None:
                return None
            annotation, metadata = unwrap_field(field)
    return annotation, metadata


def unwrap_field(field: FieldInfo) -> tuple[Any, list[Any]]:
    """A model field's bare type and all its metadata."""
    annotation, metadata = _unwrap(field.annotation)
    return annotation, [*field.metadata, *metadata]


def field_at_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model a field of `model` holds, directly or as a list of them, if any."""
    annotation, _ = unwrap_field(model.model_fields[name])
    if typing.get_origin(annotation) is list:
        annotation, _ = _unwrap(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def ref_target(metadata: list[Any]) -> str | None:
    return next((m.collection for m in metadata if isinstance(m, RefTo)), None)


def expected(loc: Loc) -> str:
    """What the schema expects at `loc`, in words."""
    found = field_at(loc)
    if found is None:
        return "a value the schema knows"
    return describe(*found)


def describe(annotation: Any, metadata: list[Any]) -> str:
    """What a value of this type and metadata is, in words: a constrained type says it itself."""
    said = next((m.words for m in metadata if isinstance(m, RefTo | Expects)), None)
    if said:
        return said
    if isinstance(annotation, type) and issubclass(annotation, Scale):
        return "one of " + ", ".join(str(m) for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "a mapping with keys " + ", ".join(annotation.model_fields)
    if typing.get_origin(annotation) is list:
        item, item_meta = _unwrap(typing.get_args(annotation)[0])
        return f"a list of {_plural(describe(item, item_meta))}"
    if annotation is datetime.date:
        return "a date as YYYY-MM-DD"
    if annotation is str:
        limit = next((m.max_length for m in metadata if isinstance(m, MaxLen | StringConstraints) and m.max_length), None)
        return f"text of at most {limit} characters" if limit else "text"
    return getattr(annotation, "__name__", str(annotation))


def id_collections(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that are lists of models with an `id`."""
    names = []
    for name, field in model.model_fields.items():
        annotation, _ = _unwrap(field.annotation)
        if typing.get_origin(annotation) is list:
            item, _ = _unwrap(typing.get_args(annotation)[0])
            if isinstance(item, type) and issubclass(item, BaseModel) and "id" in item.model_fields:
                names.append(name)
    return tuple(names)


def _plural(description: str) -> str:
    for article in ("an ", "a "):
        if description.startswith(article):
            return description[len(article) :].replace("id ", "ids ", 1).replace("mapping ", "mappings ", 1)
    return description


@functools.cache
def _ref_plan(model: type[BaseModel]) -> tuple[tuple[str, str | None, bool, type[BaseModel] | None], ...]:
    """For each field of `model` that holds references or models: name, target, is-list, model."""
    plan = []
    for name, field in model.model_fields.items():
        annotation, metadata = _unwrap(field.annotation)
        is_list = typing.get_origin(annotation) is list
        if is_list:
            annotation, item_meta = _unwrap(typing.get_args(annotation)[0])
            metadata = [*metadata, *item_meta]
        target = ref_target([*field.metadata, *metadata])
        sub = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
        if target or sub:
            plan.append((name, target, is_list, sub))
    return tuple(plan)


def iter_refs(
    model: type[BaseModel] | BaseModel, data: Any = None, loc: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every reference in a briefing: its key path, the collection it points into, and the id.

    Works on a validated model or on the raw data of one that failed validation, where
    it passes over whatever does not have the expected shape.
    """
    cls, data = (type(model), model) if isinstance(model, BaseModel) else (model, data)
    for name, target, is_list, sub in _ref_plan(cls):
        value = _get(data, name)
        if value is None:
            continue
        if is_list and isinstance(value, str) and target:
            items: list[tuple[int | None, Any]] = [(None, value)]  # one id where a list may stand (a claimant)
        elif is_list and not isinstance(value, list):
            continue
        else:
            items = list(enumerate(value)) if is_list else [(None, value)]
        for index, item in items:
            item_loc = (*loc, name) if index is None else (*loc, name, index)
            if target:
                if isinstance(item, str):
                    yield item_loc, target, item
            elif sub:
                yield from iter_refs(sub, item, item_loc)


def _get(data: Any, name: str) -> Any:
    if isinstance(data, BaseModel):
        return getattr(data, name)
    return data.get(name) if isinstance(data, dict) else None
