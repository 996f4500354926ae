"""Write a new briefing file for a source: every field of the models present, described, to be filled in."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.authoring.scaffold import comment, quote, scaffold
from generator.errors import Invalid, Problem
from generator.load.project import BRIEFING_SUFFIX, Project, read_text
from generator.model import schema
from generator.pages.sourceview import paragraphs

SCHEMA_FILE = "briefing.schema.json"
PASSAGE_ID = "first-passage"
_SENTENCE = re.compile(r".+?[.!?](?=\s|$)", re.DOTALL)


def suggest_id(seed_name: str) -> str:
    """A briefing id from a seed file name: lower case, runs of other characters as hyphens."""
    stem = Path(seed_name).stem.lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[: schema.SLUG_MAX].strip("-") or "briefing"


def skeleton(project: Project, seed_name: str, today: datetime.date) -> str:
    """The text of a new briefing file for `seeds/<seed_name>`: a header, then the scaffold of the models."""
    text = read_text(project.root / project.seeds_dir / seed_name, project.seed_display(seed_name))
    if isinstance(text, Problem):
        raise Invalid([text])
    first = paragraphs(text)
    if not first:
        raise Invalid(
            [Problem(project.seed_display(seed_name), None, None, "the source is empty; expected the text to annotate")]
        )
    start, end = first[0]
    sentence = _SENTENCE.match(text, start, end)
    passage = text[start : sentence.end() if sentence else end].strip()
    depth = len(Path(project.briefings_dir).parts)
    header = [
        f"# yaml-language-server: $schema={'../' * depth}generator/{SCHEMA_FILE}",
        # Quoted: a character YAML refuses anywhere in a file (U+007F) would make all of it unreadable.
        *comment(
            f"A new briefing on {quote(project.seed_display(seed_name))}. Replace every {schema.PLACEHOLDER!r} text: "
            "`briefing check` fails until none is left. Optional keys are commented out: to use one, remove the "
            "'# ' before it and before the lines under it. Text is plain text, shown as written (no Markdown, no HTML)."
        ),
    ]
    # The one passage every evidence list cites: the source's first sentence, so that it is found.
    known = {"source.file": seed_name, "evidence.id": PASSAGE_ID, "evidence.exact": passage}
    return "\n".join([*header, "", *scaffold(known, today)]) + "\n"


def create(project: Project, seed: str, briefing_id: str | None, today: datetime.date) -> Path:
    """Write the skeleton for `seed` (a path to a file in the seeds folder); never overwrite."""
    seeds = (project.root / project.seeds_dir).resolve()
    given = Path(seed)
    path = (given if given.is_absolute() else Path.cwd() / given).resolve()
    if not path.is_relative_to(seeds):
        path = (seeds / seed).resolve()
    if not path.is_relative_to(seeds) or not path.is_file():
        raise Invalid(
            [
                Problem(
                    seed,
                    None,
                    None,
                    f"no such source file in {project.seeds_dir}/; expected a file there, such as {project.seeds_dir}/article.txt",
                )
            ]
        )
    seed_name = path.relative_to(seeds).as_posix()
    briefing_id = briefing_id or suggest_id(seed_name)
    if not re.fullmatch(schema.SLUG_PATTERN, briefing_id) or len(briefing_id) > schema.SLUG_MAX:
        raise Invalid(
            [Problem(briefing_id, None, None, "not a briefing id; expected lower-case letters, digits and single hyphens")]
        )
    target = project.root / project.briefings_dir / f"{briefing_id}{BRIEFING_SUFFIX}"
    if target.exists():
        raise Invalid(
            [Problem(project.display(target), None, None, "already exists; expected a new briefing id (choose one with --id)")]
        )
    content = skeleton(project, seed_name, today)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never replace a file made meanwhile
        out.write(content)
    return target
