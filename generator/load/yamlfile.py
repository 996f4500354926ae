"""Load one YAML document safely, keeping the node tree to point errors at line and column.

The document is composed by PyYAML's C parser when it is present (the Python one
otherwise) and checked on the node tree before anything is constructed, so the guards
here hold whichever parser runs: duplicate keys, alias expansion, nesting depth.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Invalid, Loc, Problem
from generator.model.limits import MAX_DEPTH as MAX_DEPTH
from generator.model.limits import MAX_EXPANDED_NODES as MAX_EXPANDED_NODES

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A loaded document: its data, and its node tree for locating keys and values."""

    path: str
    data: Any
    root: Node

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at `loc`, or of its nearest existing parent.

        With `key`, the last step names a mapping key and its key node is pointed at.
        """
        node = self.root
        for i, step in enumerate(loc):
            found = _child(node, step, want_key=key and i == len(loc) - 1)
            if found is None:
                break
            node = found
        return node.start_mark.line + 1, node.start_mark.column + 1

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.path, line, column, message)


def _child(node: Node, step: str | int, *, want_key: bool) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                return key_node if want_key else value_node
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        child: Node = node.value[step]
        return child
    return None


def load_yaml(text: str, path: str) -> YamlDocument:
    """Parse `text` (the contents of `path`) into a single mapping, or raise `Invalid`."""
    loader = Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise Invalid(
                [Problem(path, 1, 1, "the file is empty; expected a briefing: a mapping of keys such as title, date and source")]
            )
        if not isinstance(root, MappingNode):
            raise Invalid(
                [_at(path, root, f"the document is a {_kind(root)}; expected a mapping of keys such as title, date and source")]
            )
        _check_tree(root, path)
        data = _construct(loader, root)
    except yaml.MarkedYAMLError as error:
        raise Invalid([_yaml_error(path, text, error)]) from None
    except yaml.YAMLError as error:  # the reader's errors carry no mark, only a position
        raise Invalid([Problem(path, None, None, f"not readable as YAML: {error}")]) from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, root)


def _check_tree(root: Node, path: str) -> None:
    """Refuse duplicate keys, deep nesting and alias bombs.

    One pass over the tree checks keys and depth; only a document that uses an alias
    (a node reached twice) pays for measuring what its aliases expand to.
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
            raise Invalid([_at(path, node, f"values nest more than {MAX_DEPTH} levels deep; expected a briefing's few levels")])
        kind = node.__class__
        if kind is MappingNode:
            keys: dict[str, Node] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is ScalarNode:
                    first = keys.setdefault(key_node.value, key_node)
                    if first is not key_node:
                        problems.append(_duplicate(path, key_node, first))
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif kind is SequenceNode:
            stack.extend((child, depth + 1) for child in node.value)
    if aliased:
        _check_expansion(root, path)
    if problems:
        raise Invalid(problems)


def _duplicate(path: str, key_node: Node, first: Node) -> Problem:
    return _at(
        path,
        key_node,
        f"duplicate key {key_node.value!r} (first at line {first.start_mark.line + 1}); expected each key once in a mapping",
    )


def _check_expansion(root: Node, path: str) -> None:
    """Refuse recursive aliases, and aliases that expand past MAX_EXPANDED_NODES values."""
    expanded: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded
    on_path: set[int] = set()
    # An explicit stack of (node, children done?): deep input must not blow Python's stack.
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            on_path.discard(id(node))
            total = 1 + sum(expanded[id(c)] for c in _children(node))
            if total > MAX_EXPANDED_NODES:
                raise Invalid(
                    [
                        _at(
                            path,
                            node,
                            f"anchors and aliases expand this document past {MAX_EXPANDED_NODES:,} values; expected a briefing without alias bombs",
                        )
                    ]
                )
            expanded[id(node)] = total
        elif id(node) in on_path:
            raise Invalid([_at(path, node, "an alias refers to a node that contains it; expected no recursive aliases")])
        elif id(node) not in expanded:
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _construct(loader: Any, root: Node) -> Any:
    """The document's data, built from a checked tree.

    Plain strings, lists and mappings (nearly all of a briefing) are built here directly;
    every other tag goes to PyYAML's safe constructor, which refuses unknown and unsafe
    ones. Several times faster than the generic construction, which matters at thousands
    of briefings a build.
    """
    memo: dict[int, Any] = {}

    def build(node: Node) -> Any:
        key = id(node)
        if key in memo:
            return memo[key]
        kind, tag = node.__class__, node.tag
        if kind is ScalarNode and tag == _STR:
            result: Any = node.value
        elif kind is SequenceNode and tag == _SEQ:
            result = memo[key] = []
            result.extend(build(child) for child in node.value)
        elif kind is MappingNode and tag == _MAP and not any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value):
            result = memo[key] = {}
            for key_node, value_node in node.value:
                name = build(key_node)
                if not isinstance(name, Hashable):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark
                    )
                result[name] = build(value_node)
        else:
            result = loader.construct_object(node, deep=True)
        memo[key] = result
        return result

    return build(root)


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _at(path: str, node: Node, message: str) -> Problem:
    return Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, message)


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    if isinstance(node, ScalarNode):
        return f"single value ({node.value[:40]!r})"
    return "mapping"


def _yaml_error(path: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "not valid YAML"
    if mark is None:
        return Problem(path, None, None, f"invalid YAML: {problem}")
    if "could not determine a constructor" in problem:
        what = f"unsupported YAML tag {problem.split('tag ', 1)[-1]}; expected plain values (strings, numbers, dates, lists, mappings)"
    elif "found another document" in problem:
        what = "a second YAML document starts here; expected one briefing per file"
    elif _char_at(text, mark.line, mark.column) == "\t" or "'\\t'" in problem:
        what = "a tab character, which YAML does not allow for indentation; expected spaces"
    else:
        what = f"invalid YAML: {problem}"
        if error.context and error.context_mark:
            what += f" ({error.context} at line {error.context_mark.line + 1}, column {error.context_mark.column + 1})"
        elif error.context:
            what += f" ({error.context})"
    return Problem(path, mark.line + 1, mark.column + 1, what)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""
