"""A briefing's claims and evidence as linked data embedded in its page.

Each claim is a schema.org ClaimReview of a Claim; each evidence passage is a W3C Web
Annotation whose target is the source, picked out by a TextQuoteSelector, and whose body
is the statements the passage backs. Addresses are absolute when the site's address is
known, and otherwise relative to the page (JSON-LD resolves them against it).
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from generator.load.quotes import Span
from generator.model.schema import Actor, ActorKind, ClaimStatus, Figure, Measure, Place
from generator.model.values import whole
from generator.pages import anchors
from generator.pages.site import Site
from generator.pages.views import BriefingView

#: Characters of the source kept on each side of a passage in its selector.
CONTEXT = 32
#: ClaimReview's rating runs from 1 (false) to 5 (confirmed).
RATING = {status: len(ClaimStatus) - n for n, status in enumerate(ClaimStatus)}
_PERSONS = {ActorKind.OFFICIAL, ActorKind.PERSON}


def _address(view: BriefingView, site: Site, src: str, from_src: str, anchor: str = "") -> str:
    return site.absolute(view.urls, src, anchor) or view.urls.link(from_src, src, anchor)


def claim_reviews(view: BriefingView, site: Site) -> list[dict[str, Any]]:
    briefing, page = view.briefing, view.page
    by_id = {source.id: source for source in briefing.texts}
    quoted = {evidence.id: briefing.source_of(evidence) for evidence in briefing.evidence}
    reviews = []
    for claim in briefing.claims:
        authors = [_author(view.actors[actor_id]) for actor_id in dict.fromkeys(claim.claimant)]
        item: dict[str, Any] = {"@type": "Claim", "author": authors[0] if len(authors) == 1 else authors}
        places = [_place(view.places[place_id]) for place_id in dict.fromkeys(claim.places)]
        if places:
            item["spatialCoverage"] = places
        if claim.figures:
            item["about"] = [_quantity(figure, view.measures[figure.measure]) for figure in claim.figures]
        # Where the claim appears: each source its evidence quotes that has an address.
        appears = [by_id[quoted[e]].url for e in claim.evidence if e in quoted]
        addresses = list(dict.fromkeys(url for url in appears if url))
        if addresses:
            item["appearance"] = [{"@type": "CreativeWork", "url": url} for url in addresses]
            if len(addresses) == 1:
                item["appearance"] = item["appearance"][0]
        rating: dict[str, Any] = {
            "@type": "Rating",
            "ratingValue": RATING[claim.status],
            "bestRating": len(ClaimStatus),
            "worstRating": 1,
            "alternateName": claim.status.label,
        }
        if claim.basis:
            rating["ratingExplanation"] = claim.basis
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": _address(view, site, page, page, anchors.claim(claim.id)),
                "claimReviewed": claim.claim,
                "datePublished": briefing.date.isoformat(),
                "author": {"@type": "Organization", "name": site.name},
                "itemReviewed": item,
                "reviewRating": rating,
            }
        )
    return reviews


def _author(actor: Actor) -> dict[str, Any]:
    kind = "Person" if actor.kind in _PERSONS else "Organization"
    if actor.anonymous:
        return {"@type": kind, "name": actor.name, "description": "An unnamed source."}
    return {"@type": kind, "name": actor.name}


def _place(place: Place) -> dict[str, Any]:
    """A place as schema.org has it, with its coordinates when they are known."""
    out: dict[str, Any] = {"@type": "Place", "name": place.name}
    if place.lat is not None and place.lon is not None:
        out["geo"] = {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon}
    return out


def _quantity(figure: Figure, measure: Measure) -> dict[str, Any]:
    """A figure as a schema.org QuantitativeValue: a value, or the ends of a range."""
    out: dict[str, Any] = {"@type": "QuantitativeValue", "name": measure.name, "unitText": measure.unit}
    for key, value in (("value", figure.value), ("minValue", figure.min), ("maxValue", figure.max)):
        if value is not None:
            out[key] = whole(value)
    if figure.approx:
        out["description"] = "approximate"
    return out


def web_annotations(view: BriefingView, site: Site) -> list[dict[str, Any]]:
    entry, page = view.entry, view.page
    by_id = {source.id: source for source in entry.briefing.texts}
    out = []
    for evidence in entry.briefing.evidence:
        # Each passage's target is its own source, and its selector is cut from that text alone.
        copy = entry.copy_of[evidence.id]
        text, span = copy.text, copy.spans[evidence.id]
        source_page = view.source_pages[copy.id]
        target_source = by_id[copy.id].url or _address(view, site, source_page, page)
        backs = [link.anchor for link in view.backlinks.get(evidence.id, [])]
        out.append(
            {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": _address(view, site, source_page, page, anchors.passage(evidence.id)),
                "type": "Annotation",
                "motivation": "linking",
                "created": entry.briefing.date.isoformat(),
                "body": [_address(view, site, page, page, anchor) for anchor in backs],
                "target": {
                    "source": target_source,
                    "selector": _selector(text, span),
                },
            }
        )
    return out


def _quote(text: str, start: int, end: int) -> dict[str, str]:
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT) : start],
        "suffix": text[end : end + CONTEXT],
    }


def _selector(text: str, span: Span) -> dict[str, Any]:
    """A TextQuoteSelector; for an elided passage, a RangeSelector from its first part to its last."""
    if not span.parts:
        return _quote(text, span.start, span.end)
    (first_start, first_end), (last_start, last_end) = span.parts[0], span.parts[-1]
    return {
        "type": "RangeSelector",
        "startSelector": _quote(text, first_start, first_end),
        "endSelector": _quote(text, last_start, last_end),
    }


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def lines(data: Any) -> str:
    """JSON with each item of a list on a line of its own: readable, diffs well, and
    written by the standard library's C encoder (with `indent` it runs in Python). Its
    separators keep their spaces, where a long line can be broken for reading."""
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in data) + "\n]"
    return json.dumps(data, ensure_ascii=False)


def script(data: Any) -> Markup:
    """`data` as a JSON-LD script element that no text inside it can close or break."""
    encoded = lines(data)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        encoded = encoded.replace(char, escape)
    # A source's bidi controls, written as escapes: the same JSON, and nothing that reorders
    # the page's source when it is read.
    encoded = _BIDI.sub(lambda found: f"\\u{ord(found.group()):04x}", encoded)
    return Markup(f'<script type="application/ld+json">{encoded}</script>')
