"""Load one YAML document safely, keeping the node tree to point errors at line and column.

The document is composed by PyYAML's C parser when it is present (the Python one
otherwise) and checked on the node tree before anything is constructed (yamltree.py), so
the guards hold whichever parser runs. A document that uses aliases is composed again by
the Python parser, which keeps where each alias stands: a problem in a value reached
through an alias is reported at the alias, where the author wrote it.

Lines and columns count characters and `\\n` line breaks, as editors do: YAML also breaks
lines at U+0085, U+2028 and U+2029, so its own line numbers are not used.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator import versions
from generator.errors import Invalid, Loc, Problem
from generator.load import yamlslips, yamltree
from generator.model.limits import MAX_DEPTH as MAX_DEPTH
from generator.model.limits import MAX_EXPANDED_NODES as MAX_EXPANDED_NODES

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Lines:
    """Line and column of a character offset in a text, counting only `\\n` as a line break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def at(self, index: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1

    def of(self, node: Node) -> tuple[int, int]:
        return self.at(node.start_mark.index)


@dataclass(frozen=True)
class YamlDocument:
    """A loaded document: its data, and its node tree for locating keys and values."""

    path: str
    data: Any
    root: Node
    lines: Lines
    #: The ids of the nodes that stand for an alias, each at the alias.
    aliases: frozenset[int] = frozenset()
    #: Each mapping's keys, by id of the mapping node: made when first asked for.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at `loc`, or of its nearest existing parent;
        of the alias, when the way there passes through one.

        With `key`, the last step names a mapping key and its key node is pointed at.
        """
        node = self.root
        alias: Node | None = None
        for i, step in enumerate(loc):
            found = self._child(node, step, want_key=key and i == len(loc) - 1)
            if found is None:
                break
            node = found
            if alias is None and id(node) in self.aliases:
                alias = node
        return self.lines.of(alias or node)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.path, line, column, message)

    def _child(self, node: Node, step: str | int, *, want_key: bool) -> Node | None:
        if isinstance(node, MappingNode):
            keys = self._keys.get(id(node))
            if keys is None:
                # The last of a key wins, as in the data: a key of the mapping's own
                # overrides one merged in with `<<`.
                keys = self._keys[id(node)] = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
            pair = keys.get(str(step))
            return None if pair is None else pair[0] if want_key else pair[1]
        if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child: Node = node.value[step]
            return child
        return None


def load_yaml(text: str, path: str) -> YamlDocument:
    """Parse `text` (the contents of `path`) into a single mapping, or raise `Invalid`."""
    lines = Lines(text)
    loader = Loader(text)
    aliases: frozenset[int] = frozenset()
    try:
        root = loader.get_single_node()
        if root is None:
            raise Invalid(
                [Problem(path, 1, 1, "the file is empty; expected a briefing: a mapping of keys such as title, date and source")]
            )
        if not isinstance(root, MappingNode):
            message = f"the document is a {_kind(root)}; expected a mapping of keys such as title, date and source"
            raise Invalid([yamltree.at(path, lines.of, root, message)])
        if yamltree.check_tree(root, path, lines.of):
            loader.dispose()
            loader = _AliasMarkingLoader(text)
            root = loader.get_single_node()
            aliases = frozenset(loader.aliases)
        data = yamltree.construct(loader, root, path, lines.of)
    except yaml.MarkedYAMLError as error:
        raise Invalid([_yaml_error(path, lines, error)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: no mark, a position
        line, column = lines.at(error.position)
        message = f"the character U+{error.character:04X}, which YAML does not allow; expected printable text"
        raise Invalid([Problem(path, line, column, message)]) from None
    except yaml.YAMLError as error:
        raise Invalid([Problem(path, None, None, f"not readable as YAML: {' '.join(str(error).split())}")]) from None
    finally:
        loader.dispose()
    doc = YamlDocument(path, data, root, lines, aliases)
    written_for = versions.newer_format(data)
    if written_for is not None:  # before the schema: one message, not one for each key the newer format has
        raise Invalid([doc.problem((versions.FORMAT_KEY,), versions.too_new(written_for), key=True)])
    return doc


class _AliasMarkingLoader(yaml.SafeLoader):
    """PyYAML's Python loader, but each alias becomes a node of its own, at the alias.

    The node shares its value (its children) with the node the alias names, so the tree
    means what it meant; `aliases` holds their ids.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.aliases: set[int] = set()

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if not self.check_event(AliasEvent):
            node: Node | None = super().compose_node(parent, index)
            return node
        event = self.peek_event()  # type: ignore[no-untyped-call]
        named = super().compose_node(parent, index)
        if named is None:
            return None
        alias = named.__class__(named.tag, named.value, event.start_mark, event.end_mark)
        self.aliases.add(id(alias))
        return alias


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "list"
    if isinstance(node, ScalarNode):
        return f"single value ({node.value[:40]!r})"
    return "mapping"


def _yaml_error(path: str, lines: Lines, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "not valid YAML"
    if mark is None:
        return Problem(path, None, None, f"invalid YAML: {problem}")
    line, column = lines.at(mark.index)
    if "found another document" in problem:
        what = "a second YAML document starts here; expected one briefing per file"
    elif lines.text[mark.index : mark.index + 1] == "\t" or "'\\t'" in problem:
        what = "a tab character, which YAML does not allow for indentation; expected spaces"
    elif (slip := yamlslips.explain(lines.text, error)) is not None:
        return Problem(path, slip.line, slip.column, slip.message)
    else:
        what = f"invalid YAML: {problem}"
        if error.context and error.context_mark:
            context_line, context_column = lines.at(error.context_mark.index)
            what += f" ({error.context} at line {context_line}, column {context_column})"
        elif error.context:
            what += f" ({error.context})"
    return Problem(path, line, column, what)
