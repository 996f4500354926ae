"""The keys of a new briefing, derived from the schema's models: every field, in model order.

Required fields are written live: with a `TODO:` placeholder where only the author can say
what goes there, which `briefing check` refuses, and with a value where one can be derived
(an id, a reference, a date, a scale's value, the model's example). Optional fields are live
when the model gives them something to start from (a default, a list) and commented out
when they default to nothing. Each field carries its description from the model as a
comment, so a field added to a model appears here, described, with no change to this module.
"""

from __future__ import annotations

import datetime
import json
import re
import textwrap
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.errors import Loc
from generator.model import reflect, schema
from generator.model.values import ShorthandFor, Starter

#: The column comments are wrapped at.
WIDTH = 100

# Characters a double-quoted YAML scalar must not hold raw: those YAML reads as line breaks
# (a value would fold, and a comment would end), those it refuses in a stream at all, and lone
# surrogates, which UTF-8 cannot write. JSON leaves them raw; its escapes are YAML's too.
_YAML_RAW_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def scaffold(known: Mapping[str, str], today: datetime.date) -> list[str]:
    """The lines of a new briefing's keys, each under the comment that describes it.

    `known` holds the values that come from outside the models, by key path without list
    indices (`source.file`, `evidence.exact`, `evidence.id`). Every other id is made from
    its collection's name (`first-actor`), and a reference names the first id of its target.
    """
    ids = {f"{name}.id": f"first-{name.removesuffix('s')}" for name in reflect.id_collections(schema.Briefing)}
    writer = _Writer({**ids, **known}, today)
    lines: list[str] = []
    fields = schema.Briefing.model_fields
    # A shorthand (the single `source`) is left out, and the field it stands for is written live.
    shorthands = {name: _shorthand(info) for name, info in fields.items()}
    full = {target for target in shorthands.values() if target}
    for name, info in fields.items():
        if not shorthands[name]:
            lines += ["", *writer.field(info, (name,), 0, live=name in full)]
    return lines[1:]


def _shorthand(info: FieldInfo) -> str | None:
    _, metadata = reflect.unwrap_field(info)
    return next((m.field for m in metadata if isinstance(m, ShorthandFor)), None)


def quote(text: str) -> str:
    """`text` as a double-quoted YAML scalar on one line, read back as exactly `text`."""
    return _YAML_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def comment(text: str, indent: str = "") -> list[str]:
    """`text` as comment lines at `indent`, wrapped at WIDTH; hyphenated values stay whole."""
    lines = textwrap.wrap(" ".join(text.split()), WIDTH - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}# {line}" for line in lines]


@dataclass(frozen=True)
class _Writer:
    known: Mapping[str, str]
    today: datetime.date

    def fields(self, model: type[BaseModel], loc: Loc, indent: int) -> list[str]:
        lines: list[str] = []
        for name, info in model.model_fields.items():
            lines += self.field(info, (*loc, name), indent)
        return lines

    def field(self, info: FieldInfo, loc: Loc, indent: int, *, live: bool = False) -> list[str]:
        """The field at `loc`: its description, then its key, live or commented out.

        An optional field is live when `live` says so, or when its value is known (a pin)."""
        annotation, metadata = reflect.unwrap_field(info)
        pad, name = " " * indent, loc[-1]
        leaf = annotation
        if _is_model(annotation):
            body = [f"{pad}{name}:", *self.fields(annotation, loc, indent + 2)]
        elif typing.get_origin(annotation) is list:
            leaf, item_metadata = _at((*loc, 0))
            if _is_model(leaf):
                body = [f"{pad}{name}:", *_dash(self.fields(leaf, (*loc, 0), indent + 4), indent + 2)]
            elif reflect.ref_target(item_metadata) == loc[0]:
                body = [f"{pad}{name}: []"]  # the list's first entry is this one: it would name itself
            elif reflect.ref_target(item_metadata):
                body = [f"{pad}{name}: [{self.value((*loc, 0), leaf, item_metadata, None)}]"]
            else:
                body = [f"{pad}{name}:", f"{pad}  - {self.value((*loc, 0), leaf, item_metadata, None)}"]
        else:
            body = [f"{pad}{name}: {self.value(loc, annotation, metadata, info)}"]
        optional = not info.is_required()
        path = ".".join(step for step in loc if isinstance(step, str))
        starter = any(isinstance(m, Starter) for m in metadata)
        if optional and info.default is None and not live and not starter and path not in self.known:
            # Nothing is its natural value: the key is shown, and the author opts in.
            body = [line[:indent] + "# " + line[indent:] for line in body]
        described = info.description or _docstring(leaf) or _sentence(reflect.describe(annotation, metadata))
        if isinstance(leaf, type) and issubclass(leaf, schema.Scale):
            described += " One of: " + ", ".join(leaf) + "."
        if optional and info.default is not None:
            described += " Optional."
        return [*comment(described, pad), *body]

    def value(self, loc: Loc, annotation: Any, metadata: list[Any], info: FieldInfo | None) -> str:
        """A scalar's value as YAML text; `info` is None for the item of a list."""
        path = ".".join(step for step in loc if isinstance(step, str))
        target = reflect.ref_target(metadata)
        pattern = next((getattr(m, "pattern", None) for m in metadata if getattr(m, "pattern", None)), None)
        if path in self.known:
            return _bare(self.known[path])
        if target:
            return _bare(self.known[f"{target}.id"])
        if info is not None and isinstance(info.default, str):  # a scale's default, as status: open
            return _bare(str(info.default))
        if annotation is bool:
            return "true" if info is not None and info.default else "false"
        if isinstance(annotation, type) and issubclass(annotation, schema.Scale):
            # The middle of a scale claims least: stable, claimed, a roughly even chance.
            members = list(annotation)
            return _bare(str(members[(len(members) - 1) // 2]))
        if annotation is datetime.date or pattern == schema.EVENT_DATE_PATTERN:
            return self.today.isoformat()
        if info is not None and info.examples:
            example = info.examples[0]
            numeric = isinstance(example, int | float) and not isinstance(example, bool)
            return str(example) if numeric else _bare(str(example))
        # A text with a pattern and no example: a sample the pattern accepts, not a placeholder it refuses.
        sample = next((s for s in (f"first-{loc[-1]}", "https://example.org/") if pattern and re.fullmatch(pattern, s)), None)
        if sample:
            return _bare(sample)
        return quote(f"{schema.PLACEHOLDER} {next(s for s in reversed(loc) if isinstance(s, str))}")


def _at(loc: Loc) -> tuple[Any, list[Any]]:
    found = reflect.field_at(loc)
    assert found is not None, loc  # loc is built from the models' own fields
    return found


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _dash(lines: list[str], indent: int) -> list[str]:
    """A list item from its mapping's lines (keys at `indent` + 2): `- ` before its first live key."""
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            return [*lines[:index], f"{line[:indent]}- {line[indent + 2 :]}", *lines[index + 1 :]]
    return [*lines, " " * indent + "- {}"]  # every key commented out: the item is still there


def _bare(value: str) -> str:
    """An id or a scale's value unquoted when YAML reads it back as that text (not `false`, `2024`)."""
    return value if re.fullmatch(r"[a-z0-9-]+", value) and yaml.safe_load(value) == value else quote(value)


def _docstring(annotation: Any) -> str:
    """A model's or a scale's own docstring (not one inherited from BaseModel), else nothing."""
    if _is_model(annotation) or (isinstance(annotation, type) and issubclass(annotation, schema.Scale)):
        return str(annotation.__dict__.get("__doc__") or "")
    return ""


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + "."
