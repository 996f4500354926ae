"""Every limit of the briefing format, each declared once with what it bounds.

The schema, the loaders and their messages read the numbers from here, and the
"Writing briefings" page lists them from `LIMITS`, so no number is restated by hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """One limit, as the docs table shows it: its name in words, its value, what it bounds."""

    title: str
    value: int
    unit: str
    bounds: str


_declared: list[Limit] = []


def _limit(title: str, value: int, unit: str, bounds: str) -> int:
    # Declaring a limit is what lists it in the docs: a new limit cannot be left out of the table.
    _declared.append(Limit(title, value, unit, bounds))
    return value


SLUG_MAX = _limit(
    "Id", 64, "characters", "An id (of a briefing, actor, front, question, claim, event or passage), and an actor's side."
)
SHORT_TEXT_MAX = _limit(
    "Short text", 200, "characters", "A one-line text: a title, a name, a headline, an outlet, an author, a place."
)
BOTTOM_LINE_MAX = _limit("Bottom line", 600, "characters", "The bottom line's text.")
URL_MAX = _limit("Address", 2_000, "characters", "The source's url.")
SEED_PATH_MAX = _limit("Source path", 255, "characters", "The source's file name inside the seeds folder.")
EXACT_MAX = _limit("Quoted passage", 5_000, "characters", "An evidence passage's exact words.")
CONTEXT_MAX = _limit("Quote context", 500, "characters", "An evidence passage's prefix, and its suffix.")
# Each passage is looked for in the whole of its source, and the source page marks each one:
# the work grows with passages times source, so both are bounded.
EVIDENCE_MAX = _limit("Evidence passages", 1_000, "passages", "The evidence passages of one briefing.")
# Each source is read and each of its passages looked for in it; a briefing draws on a handful.
SOURCES_MAX = _limit("Sources", 50, "sources", "The source texts one briefing annotates.")
FIGURE_MAX = _limit("Figure value", 1_000_000_000_000, "", "A figure's value, and either end of its range.")
# Not a bound on size but the rule's one number: it is listed with the others.
CORROBORATION_MIN = _limit(
    "Corroboration",
    2,
    "sources",
    "The independent sources whose passages a confirmed claim cites, in a briefing that lists its sources.",
)
# A part of an elided quote this short could stand almost anywhere in its paragraph.
ELIDED_PART_MIN_WORDS = _limit(
    "Elided quote part", 3, "words", "Each part of a quote elided with … or ..., on either side of the ellipsis."
)
# A briefing or a source this big is a mistake, not an article.
MAX_FILE_BYTES = _limit("File size", 1_000_000, "bytes", "A briefing file, and a source text.")
# Counting every alias as a copy of what it names stops alias bombs before they are built.
MAX_EXPANDED_NODES = _limit(
    "YAML aliases", 100_000, "values", "A briefing with its YAML anchors and aliases expanded, each alias counted as a copy."
)
# Briefings nest a handful of levels; anything this deep is not a briefing.
MAX_DEPTH = _limit("YAML nesting", 32, "levels", "How deep values nest inside one another in a briefing file.")

# A report stays readable, and costs no more to make, however much is wrong with a file.
MAX_PROBLEMS = _limit(
    "Problems listed", 100, "problems", "The problems listed for one file, first by place; one more line counts the rest."
)

#: Every limit, in the order declared here.
LIMITS: tuple[Limit, ...] = tuple(_declared)
