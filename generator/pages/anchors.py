"""Every anchor on a generated page, defined once: the Python and the templates both call these.

A statement on a briefing page is anchored by the list it stands in and its id, or its
number for the lists whose entries have no id (takeaways, stakes): `claim-ten-settlements`,
`takeaway-2`. A passage of a source is `ev-ID` on the source page.
"""

from __future__ import annotations

import re

BOTTOM_LINE = "bottom-line"
#: The reference list of a briefing's sources, at the end of its page.
REFERENCES = "references"
#: The key figures that open a briefing's page.
KEY_FIGURES = "key-figures"


def noun(collection: str) -> str:
    """What one entry of a briefing's list is called: `claims` gives `claim`."""
    return collection.replace("_", " ").removesuffix("s")


def statement(collection: str, key: str | int) -> str:
    """The anchor of an entry of `collection` on its briefing page, by its id or 1-based number."""
    if collection == "bottom_line":
        return BOTTOM_LINE
    return f"{noun(collection)}-{key}"


def takeaway(number: int) -> str:
    return statement("takeaways", number)


def front(front_id: str) -> str:
    return statement("fronts", front_id)


def stake(number: int) -> str:
    return statement("stakes", number)


def question(question_id: str) -> str:
    return statement("questions", question_id)


def claim(claim_id: str) -> str:
    return statement("claims", claim_id)


def event(event_id: str) -> str:
    return statement("events", event_id)


def passage(evidence_id: str) -> str:
    """A cited passage on its source page."""
    return f"ev-{evidence_id}"


def claimant(actor_id: str) -> str:
    """An actor's claims on the claims page."""
    return f"claimant-{actor_id}"


def actor(actor_id: str) -> str:
    """An actor on the actors page."""
    return f"actor-{actor_id}"


def place(place_id: str) -> str:
    """A place on the places page."""
    return f"place-{place_id}"


def measure(measure_id: str) -> str:
    """A measure on the figures page."""
    return f"measure-{measure_id}"


def contest(briefing_id: str, first: str, second: str) -> str:
    """A pair of contradicting claims on the contested page."""
    return f"{briefing_id}--{first}--{second}"


def appearance(briefing_id: str) -> str:
    """A briefing's view of a front, on that front's page."""
    return f"in-{briefing_id}"


def asked(question_id: str) -> str:
    """A question on the questions page."""
    return f"q-{question_id}"


_NOT_ANCHOR = re.compile(r"[^a-z0-9]+")


def source(path: str, n: int = 1) -> str:
    """A source text on the Sources page, by its file's path; `n` tells apart the files
    whose paths make the same anchor."""
    base = "src-" + (_NOT_ANCHOR.sub("-", path.lower()).strip("-") or "text")
    return base if n == 1 else f"{base}-{n}"


def reference(source_id: str) -> str:
    """A source in the reference list that closes its briefing's page."""
    return statement("sources", source_id)


def model(name: str) -> str:
    """A model of the format in the field reference of the docs."""
    return f"ref-{name.lower()}"
