"""Write a new briefing file for a source: every field of the models present, described, to be filled in."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

from generator.authoring.scaffold import comment, quote, scaffold
from generator.errors import Invalid, Problem
from generator.load.files import file_kind, file_sha256, read_text
from generator.load.project import BRIEFING_SUFFIX, Project
from generator.model import schema
from generator.model.limits import SEED_PATH_MAX
from generator.model.values import BIDI_CONTROLS
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
    # A quote may not hold a bidi control (the source may): the longest stretch without one.
    stretches = BIDI_CONTROLS.split(text[start : sentence.end() if sentence else end])
    passage = max((part.strip() for part in stretches), key=len)
    depth = len(Path(project.briefings_dir).parts)
    # A site of its own (`briefing init`) keeps the schema at its root; this repository, in generator/.
    schema_path = SCHEMA_FILE if (project.root / SCHEMA_FILE).is_file() else f"generator/{SCHEMA_FILE}"
    header = [
        f"# yaml-language-server: $schema={'../' * depth}{schema_path}",
        # Quoted: a character YAML refuses anywhere in a file (U+007F) would make all of it unreadable.
        *comment(
            f"A new briefing on {quote(project.seed_display(seed_name))}. Replace every {schema.PLACEHOLDER!r} text: "
            "`briefing check` fails until none is left. Optional keys are commented out: to use one, remove the "
            "'# ' before it and before the lines under it. Text is plain text, shown as written (no Markdown, no HTML)."
        ),
    ]
    # The one passage every evidence list cites: the source's first sentence, so that it is found.
    # The source is pinned to the bytes its first passage was taken from.
    known = {
        "sources.file": seed_name,
        "sources.sha256": file_sha256(project.root / project.seeds_dir / seed_name),
        "evidence.id": PASSAGE_ID,
        "evidence.exact": passage,
    }
    return "\n".join([*header, "", *scaffold(known, today)]) + "\n"


#: The characters a source path may hold, in words: what the schema's SEED_PATH_PATTERN allows.
SEED_NAME_WORDS = "letters a-z and A-Z, digits, '.', '_' and '-', each part of the path starting with a letter or digit"


def create(project: Project, seed: str, briefing_id: str | None, today: datetime.date) -> Path:
    """Write the skeleton for `seed` (a path to a file in the seeds folder); never overwrite.

    Every failure is a problem, never an exception: a seed that is not a readable file in
    the seeds folder or whose name no briefing may cite, a target that exists in any form
    (a file, a folder, a link, even one to nothing) or that cannot be written.
    """
    seed_name = _seed_name(project, seed)
    briefing_id = briefing_id or suggest_id(seed_name)
    if not re.fullmatch(schema.SLUG_PATTERN, briefing_id) or len(briefing_id) > schema.SLUG_MAX:
        raise Invalid(
            [Problem(briefing_id, None, None, "not a briefing id; expected lower-case letters, digits and single hyphens")]
        )
    target = project.root / project.briefings_dir / f"{briefing_id}{BRIEFING_SUFFIX}"
    shown = project.display(target)
    if os.path.lexists(target):
        what = " (as a link to nothing)" if target.is_symlink() and not target.exists() else ""
        raise Invalid([Problem(shown, None, None, f"already exists{what}; expected a new briefing id (choose one with --id)")])
    content = skeleton(project, seed_name, today)
    folder = project.display(target.parent)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        message = f"the briefings folder is not a folder; expected a folder of NAME{BRIEFING_SUFFIX} files"
        raise Invalid([Problem(folder, None, None, message)]) from None
    except OSError as error:
        message = f"cannot be made ({error.strerror}); expected a folder where the new briefing can be written"
        raise Invalid([Problem(folder, None, None, message)]) from None
    try:
        with open(target, "x", encoding="utf-8") as out:  # "x": never replace a file, nor follow a link, made meanwhile
            out.write(content)
    except FileExistsError:
        raise Invalid([Problem(shown, None, None, "already exists; expected a new briefing id (choose one with --id)")]) from None
    except OSError as error:
        message = f"cannot be written ({error.strerror}); expected a folder {folder}/ where new files can be written"
        raise Invalid([Problem(shown, None, None, message)]) from None
    return target


def _seed_name(project: Project, seed: str) -> str:
    """The path of `seed` inside the seeds folder, as a briefing cites it; `seed` is a path
    from here or from the seeds folder."""
    seeds_dir = project.root / project.seeds_dir
    expected = f"expected a file there, such as {project.seeds_dir}/article.txt"
    try:
        seeds = seeds_dir.resolve()
        given = Path(seed)
        path = (given if given.is_absolute() else Path.cwd() / given).resolve()
        if not path.is_relative_to(seeds):
            path = (seeds / seed).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, in Python 3.11
        raise Invalid([Problem(seed, None, None, f"cannot be followed to a file in {project.seeds_dir}/; {expected}")]) from None
    kind = file_kind(path) if path.is_relative_to(seeds) else "missing"
    if isinstance(kind, OSError):
        raise Invalid([Problem(seed, None, None, f"cannot be read ({kind.strerror}); expected a readable text file")])
    if kind == "folder":
        message = f"is a folder; expected a text file in {project.seeds_dir}/, such as {project.seeds_dir}/article.txt"
        raise Invalid([Problem(seed, None, None, message)])
    if kind != "file":
        raise Invalid([Problem(seed, None, None, f"no such source file in {project.seeds_dir}/; {expected}")])
    name = path.relative_to(seeds).as_posix()
    if not re.fullmatch(schema.SEED_PATH_PATTERN, name) or len(name) > SEED_PATH_MAX:
        # A briefing could never cite it: say so now, not after the author has filled one in.
        renamed = _citable(name)
        such = f", such as {renamed!r}" if renamed else ""
        message = (
            f"the source path {name!r} cannot be cited by a briefing; expected a path of at most {SEED_PATH_MAX} "
            f"characters, of {SEED_NAME_WORDS}: rename the file{such}"
        )
        raise Invalid([Problem(project.seed_display(name), None, None, message)])
    return name


def _citable(name: str) -> str | None:
    """`name` with each run of characters a source path may not hold as one hyphen, if that leaves a name."""
    parts = []
    for part in name.split("/"):
        stem, dot, suffix = part.rpartition(".") if "." in part.lstrip(".") else (part, "", "")
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")
        suffix = re.sub(r"[^A-Za-z0-9_-]+", "", suffix)
        if not stem:
            return None
        parts.append(stem + (dot + suffix if suffix else ""))
    renamed = "/".join(parts)
    return renamed if re.fullmatch(schema.SEED_PATH_PATTERN, renamed) and len(renamed) <= SEED_PATH_MAX else None
