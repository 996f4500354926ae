"""The source text as HTML: paragraphs kept, every cited passage highlighted and anchored."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from html import escape

from generator.load.quotes import Span
from generator.model.values import BIDI_CONTROLS
from generator.pages.anchors import passage

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class BackLink:
    """A link from a passage back to a statement that cites it."""

    href: str
    #: The statement's anchor on its page, the last part of `href`.
    anchor: str
    kind: str
    title: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets: split at blank lines when the text has any, else at every line."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile("\n")
    out, start = [], 0
    for match in [*splitter.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return out


def render_source(text: str, spans: dict[str, Span], backlinks: dict[str, list[BackLink]]) -> str:
    """HTML for `text` with each span in a `<mark id="ev-ID">` followed by its back links.

    Overlapping passages are cut into segments, each marked with every passage it belongs
    to; a passage's anchor sits on its first segment.
    """
    order = sorted(spans, key=lambda e: (spans[e].start, -spans[e].end, e))
    cuts_all = sorted({s.start for s in spans.values()} | {s.end for s in spans.values()})
    lines = []
    for p_start, p_end in paragraphs(text):
        lo, hi = bisect.bisect_right(cuts_all, p_start), bisect.bisect_left(cuts_all, p_end)
        cuts = [p_start, *cuts_all[lo:hi], p_end]
        html = []
        for a, b in itertools.pairwise(cuts):
            html.append(_segment(text, a, b, order, spans, backlinks))
        lines.append(f"<p>{''.join(html)}</p>")
    return "\n".join(lines)


def _shown(text: str) -> str:
    """`text` escaped, each bidi control of the source shown as its code point, not obeyed.

    A source is kept as received, but a right-to-left override in it would reorder what
    follows it on the page, the site's own links included (Trojan Source).
    """
    return BIDI_CONTROLS.sub(_visible_control, escape(text, quote=False))


def _visible_control(match: re.Match[str]) -> str:
    char = match.group()
    return f'<code class="bf-bidi" title="{unicodedata.name(char).lower()}">U+{ord(char):04X}</code>'


def _segment(text: str, a: int, b: int, order: list[str], spans: dict[str, Span], backlinks: dict[str, list[BackLink]]) -> str:
    active = [e for e in order if spans[e].start <= a and spans[e].end >= b]
    body = _shown(text[a:b])
    if not active:
        return body
    starting = [e for e in active if spans[e].start == a]
    anchors = "".join(f'<span class="bf-anchor" id="{passage(e)}"></span>' for e in starting[1:])
    mark_id = f' id="{passage(starting[0])}"' if starting else ""
    depth = " bf-overlap" if len(active) > 1 else ""
    html = f'{anchors}<mark class="bf-passage{depth}"{mark_id} data-evidence="{" ".join(active)}">{body}</mark>'
    for evidence in (e for e in active if spans[e].end == b):
        links = "".join(
            f'<a class="bf-backlink" href="{escape(link.href)}" title="{escape(link.title)}">{escape(link.kind)}</a>'
            for link in backlinks.get(evidence, [])
        )
        html += f'<span class="bf-backlinks" aria-label="Cited by" data-search-exclude>{links}</span>'
    return html
