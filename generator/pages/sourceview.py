"""The source text as HTML: paragraphs kept, every cited passage highlighted and anchored."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from html import escape

from generator.load.quotes import Span
from generator.load.quotes import paragraphs as paragraphs
from generator.model.values import BIDI_CONTROLS
from generator.pages.anchors import passage
from generator.pages.templating import shorten


@dataclass(frozen=True)
class BackLink:
    """A link from a passage back to a statement that cites it."""

    href: str
    #: The statement's anchor on its page, the last part of `href`.
    anchor: str
    #: What the statement is: `claim`, `front`, `bottom line`...
    kind: str
    #: What it says, on one line; empty for the bottom line, which needs no words.
    words: str


#: From this many back links on, a passage's are listed compactly, each by its kind.
MANY_BACKLINKS = 5
#: How much of a statement's words a back link shows (phones show less: briefings.css).
BACKLINK_WORDS = 48


def render_source(text: str, spans: dict[str, Span], backlinks: dict[str, list[BackLink]], numbers: dict[str, int]) -> str:
    """HTML for `text` with each span in a `<mark id="ev-ID">` followed by its evidence
    number (as the briefing's evidence links show it) and its back links.

    Overlapping passages are cut into segments, each marked with every passage it belongs
    to; a passage's anchor sits on its first segment.
    """
    ends = {e: _passage_end(numbers[e], backlinks.get(e, [])) for e in spans}
    order = sorted(spans, key=lambda e: (spans[e].start, -spans[e].end, e))
    # An elided passage is marked part by part: its parts' edges are cuts too.
    cuts_all = sorted({edge for s in spans.values() for part in s.pieces for edge in part})
    lines = []
    for p_start, p_end in paragraphs(text):
        lo, hi = bisect.bisect_right(cuts_all, p_start), bisect.bisect_left(cuts_all, p_end)
        cuts = [p_start, *cuts_all[lo:hi], p_end]
        html = []
        for a, b in itertools.pairwise(cuts):
            html.append(_segment(text, a, b, order, spans, ends))
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


def _segment(text: str, a: int, b: int, order: list[str], spans: dict[str, Span], ends: dict[str, str]) -> str:
    active = [e for e in order if any(start <= a and end >= b for start, end in spans[e].pieces)]
    body = _shown(text[a:b])
    if not active:
        return body
    starting = [e for e in active if spans[e].start == a]
    anchors = "".join(f'<span class="bf-anchor" id="{passage(e)}"></span>' for e in starting[1:])
    mark_id = f' id="{passage(starting[0])}"' if starting else ""
    depth = " bf-overlap" if len(active) > 1 else ""
    html = f'{anchors}<mark class="bf-passage{depth}"{mark_id} data-evidence="{" ".join(active)}">{body}</mark>'
    return html + "".join(ends[e] for e in active if spans[e].end == b)


def _passage_end(number: int, links: list[BackLink]) -> str:
    """What follows a passage: its number, then a link back to each statement that cites
    it, each saying what it leads to; a run of MANY_BACKLINKS or more, as one compact list."""
    label = f'<span class="bf-evnum"><span class="bf-sr">Evidence </span>{number}</span>'
    many = len(links) >= MANY_BACKLINKS
    shown = [_backlink(link, many) for link in links]
    if many:
        cited = f'<span class="bf-citers"><span class="bf-citers-head">cited by {len(links)}:</span> {", ".join(shown)}</span>'
    else:
        cited = " ".join(shown)
    return f'<span class="bf-backlinks" data-search-exclude>{label} {cited}</span>'


def _backlink(link: BackLink, compact: bool) -> str:
    """A back link: `claim: About 10 settlements…`. When `compact`, its words are hidden
    (briefings.css) but heard; its title holds them whole whenever they are not all seen."""
    words = shorten(link.words, BACKLINK_WORDS)
    title = f' title="{escape(link.words)}"' if link.words and (compact or words != link.words) else ""
    tail = f'<span class="bf-what">: {escape(words)}</span>' if words else ""
    return f'<a class="bf-backlink" href="{escape(link.href)}"{title}>{escape(link.kind)}{tail}</a>'
