"""The generated pages' Markdown as HTML, without parsing their HTML again.

A generated page is headings and raw HTML blocks, nothing else: Python-Markdown would
pass the blocks through untouched, but only after reading every tag of them with the
standard library's HTML parser, twice with MkDocs' anchor search, which is most of a
build's time. Here the headings alone go through Python-Markdown, with the site's own
extensions (so their ids, permalinks and table of contents are what it makes), and the
blocks are put back between them as it would put them. A page with anything else in it
is left to Python-Markdown. Tests hold the output equal to Python-Markdown's, page by page.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import markdown

from generator.attributes import values

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"#{1,6} \S[^\n]*")
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")


class Converter:
    """Converts the generated pages of one site, with its Markdown extensions."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self.raw_tags = set(self.md.block_level_elements)
        #: Converted headings by the page's headings: most pages of a kind have the same ones.
        self._headings: dict[tuple[str, ...], tuple[list[str], list[dict[str, Any]]]] = {}

    def convert(self, text: str) -> tuple[str, list[dict[str, Any]], set[str]] | None:
        """The HTML, the table of contents' tokens and the element ids of a generated page's
        Markdown (front matter removed), or None if it holds more than headings and HTML blocks."""
        blocks = [b for b in _BLOCK_BREAK.split(text.strip("\n")) if b.strip()]
        headings = []
        for block in blocks:
            if block.startswith("#"):
                if not _HEADING.fullmatch(block):
                    return None
                headings.append(block)
            else:
                tag = _START_TAG.match(block)
                if tag is None or tag.group(1).lower() not in self.raw_tags:
                    return None
        converted, toc = self._convert_headings(tuple(headings))
        if len(converted) != len(headings):
            return None
        out, ids, n = [], set(), 0
        for block in blocks:
            if block.startswith("#"):
                out.append(converted[n])
                n += 1
            else:
                out.append(block + "\n")  # Python-Markdown ends a raw block with a blank line
            ids.update(values(out[-1], "id", "name"))
        return "\n".join(out).rstrip("\n"), toc, ids

    def _convert_headings(self, headings: tuple[str, ...]) -> tuple[list[str], list[dict[str, Any]]]:
        if headings not in self._headings:
            self.md.reset()
            converted = self.md.convert("\n\n".join(headings)).split("\n") if headings else []
            self._headings[headings] = (converted, list(getattr(self.md, "toc_tokens", [])))
        converted, toc = self._headings[headings]
        return converted, copy.deepcopy(toc)  # each page's own: MkDocs builds its table of contents from it
