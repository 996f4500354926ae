"""Checks on a composed YAML node tree, and the data built from a tree that passed them.

Everything here works on nodes before any value is made: a tag the format has no use for,
a key written twice, nesting past MAX_DEPTH and aliases that expand past
MAX_EXPANDED_NODES are refused without building anything. Building then turns what YAML
cannot make into a value (an unquoted 2024-02-30, a number of 5,000 digits, a key read as
a boolean) into problems at the node, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Invalid, Problem
from generator.model.limits import MAX_DEPTH, MAX_EXPANDED_NODES

_CORE = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = _CORE + "str", _CORE + "seq", _CORE + "map", _CORE + "merge"
#: Plain values: strings, numbers, booleans, nulls, dates, lists, mappings (and merge keys).
#: Every other tag is refused, YAML's own included: a !!set has no order, so a page built
#: from one would differ from build to build, and !!binary is not text.
ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "seq", "map", "int", "float", "bool", "null", "timestamp", "merge"))
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Where a node stands, as (line, column): given by the document, which counts lines as editors do.
Where = Callable[[Node], tuple[int, int]]


def check_tree(root: Node, path: str, where: Where) -> bool:
    """Refuse unknown tags, duplicate keys, deep nesting and alias bombs; True if the tree has aliases.

    One pass over the tree checks tags, keys and depth; only a document that uses an
    alias (a node reached twice) pays for measuring what its aliases expand to.
    """
    problems: list[Problem] = []
    seen: set[int] = set()
    aliased = False
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            aliased = True
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise Invalid(
                [at(path, where, node, f"values nest more than {MAX_DEPTH} levels deep; expected a briefing's few levels")]
            )
        if node.tag not in ALLOWED_TAGS:
            problems.append(
                at(
                    path,
                    where,
                    node,
                    f"unsupported YAML tag {node.tag!r}; expected plain values (strings, numbers, dates, lists, mappings)",
                )
            )
            continue
        kind = node.__class__
        if kind is MappingNode:
            keys: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is ScalarNode:
                    first = keys.setdefault(key_node.value, key_node)
                    if first is not key_node:
                        line = where(first)[0]
                        message = f"duplicate key {key_node.value!r} (first at line {line}); expected each key once in a mapping"
                        problems.append(at(path, where, key_node, message))
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif kind is SequenceNode:
            stack.extend((child, depth + 1) for child in node.value)
    if problems:
        raise Invalid(problems)
    if aliased:
        _check_expansion(root, path, where)
    return aliased


def _check_expansion(root: Node, path: str, where: Where) -> None:
    """Refuse recursive aliases, and aliases that expand past MAX_EXPANDED_NODES values."""
    expanded: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded
    on_path: set[int] = set()
    # An explicit stack of (node, children done?): deep input must not blow Python's stack.
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            on_path.discard(id(node))
            total = 1 + sum(expanded[id(c)] for c in children(node))
            if total > MAX_EXPANDED_NODES:
                message = f"anchors and aliases expand this document past {MAX_EXPANDED_NODES:,} values; expected a briefing without alias bombs"
                raise Invalid([at(path, where, node, message)])
            expanded[id(node)] = total
        elif id(node) in on_path:
            raise Invalid([at(path, where, node, "an alias refers to a node that contains it; expected no recursive aliases")])
        elif id(node) not in expanded:
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children(node)))


def construct(loader: Any, root: Node, path: str, where: Where) -> Any:
    """The document's data, built from a checked tree; raises `Invalid` with every value YAML cannot make.

    Plain strings, lists and mappings (nearly all of a briefing) are built here directly;
    other scalars go to PyYAML's safe constructor. Several times faster than the generic
    construction, which matters at thousands of briefings a build.
    """
    memo: dict[int, Any] = {}
    problems: list[Problem] = []

    def build(node: Node) -> Any:
        key = id(node)
        if key in memo:
            return memo[key]
        kind, tag = node.__class__, node.tag
        if kind is ScalarNode and tag == _STR:
            result: Any = node.value
        elif kind is SequenceNode:
            result = memo[key] = []
            result.extend(build(child) for child in node.value)
        elif kind is MappingNode and not any(k.tag == _MERGE for k, _ in node.value):
            result = memo[key] = {}
            for key_node, value_node in node.value:
                name = build(key_node)
                if not isinstance(name, str):
                    problems.append(at(path, where, key_node, _key_problem(key_node, name)))
                    name = key_node.value if isinstance(key_node, ScalarNode) else f"key at {where(key_node)}"
                result[name] = build(value_node)
        else:
            try:
                result = loader.construct_object(node, deep=True)
            except (ValueError, OverflowError) as error:
                problems.append(at(path, where, node, _value_problem(node, error)))
                result = None
        memo[key] = result
        return result

    data = build(root)
    if problems:
        raise Invalid(problems)
    return data


def _key_problem(key_node: Node, name: Any) -> str:
    if not isinstance(key_node, ScalarNode) or not isinstance(name, Hashable):
        return "a list or mapping as a key; expected a key name, such as title"
    if isinstance(name, bool):
        read = f"the boolean {str(name).lower()}"
    elif name is None:
        read = "an empty value"
    elif isinstance(name, (int, float)):
        read = f"the number {name!r}"
    else:
        read = f"the date {name}"
    return f"YAML reads the key {key_node.value!r} as {read}; expected a key name (put it in quotes: {key_node.value!r})"


def _value_problem(node: Node, error: Exception) -> str:
    value = str(node.value)
    if node.tag == _CORE + "timestamp":
        if _DAY.fullmatch(value):
            return f"{value} is not a day of the calendar; expected a real date as YYYY-MM-DD"
        return f"{value[:40]} is not a real date and time; expected a real day, a time before 24:00 and an offset under 24 hours"
    if node.tag == _CORE + "int":
        return f"a number {len(value):,} characters long; expected a number of at most 4,300 digits, or text in quotes"
    return f"{value[:40]!r} cannot be read as {node.tag.removeprefix(_CORE)} ({error}); expected a plain value, or text in quotes"


def children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def at(path: str, where: Where, node: Node, message: str) -> Problem:
    return Problem(path, *where(node), message)
