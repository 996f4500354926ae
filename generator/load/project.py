"""Load and check every briefing of a project, with the source texts they annotate."""

from __future__ import annotations

import datetime
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Invalid, Problem
from generator.load.quotes import MAX_SPANS, FoldedSource, Span, find
from generator.load.validate import validate
from generator.load.yamlfile import YamlDocument, load_yaml
from generator.model.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from generator.model.schema import SEED_PATH_PATTERN, SLUG_MAX, SLUG_PATTERN, UNPRINTABLE, Briefing

BRIEFING_SUFFIX = ".yml"


@dataclass(frozen=True)
class Header:
    """What the checks and the order across briefings need of one: small enough to send
    between processes where the briefing itself stays."""

    id: str
    path: str
    date: datetime.date
    follows: str | None
    #: Where `follows` stands in the file (line, column), for messages about the briefing it names.
    follows_at: tuple[int | None, int | None] | None
    passages: int

    @property
    def order(self) -> tuple[int, str]:
        """Newest first, then by id: the order of every list of briefings."""
        return -self.date.toordinal(), self.id


@dataclass(frozen=True)
class Entry:
    """A briefing that passed every check, with its source text and where its evidence stands."""

    id: str
    path: str
    briefing: Briefing
    source_path: str
    source_text: str
    spans: dict[str, Span]
    #: Where `follows` stands in the file (line, column), for messages about the briefing it names.
    follows_at: tuple[int | None, int | None] | None = None

    @property
    def header(self) -> Header:
        briefing = self.briefing
        return Header(self.id, self.path, briefing.date, briefing.follows, self.follows_at, len(briefing.evidence))


@dataclass
class Project:
    """Where a project's briefings and sources live; `root` is where paths in messages start."""

    root: Path
    briefings_dir: str = "briefings"
    seeds_dir: str = "seeds"
    _seeds: dict[str, FoldedSource | Problem] = field(default_factory=dict, repr=False)

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def briefing_files(self) -> tuple[list[Path], list[Problem]]:
        folder = self.root / self.briefings_dir
        if not folder.is_dir():
            return [], [
                Problem(
                    self.display(folder), None, None, "the briefings folder does not exist; expected a folder of NAME.yml files"
                )
            ]
        files, problems = [], []
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.suffix != BRIEFING_SUFFIX or not path.is_file():
                problems.append(
                    Problem(
                        self.display(path),
                        None,
                        None,
                        f"not a briefing file; expected only NAME{BRIEFING_SUFFIX} files in {self.briefings_dir}/",
                    )
                )
            else:
                files.append(path)
        return files, problems

    def load_briefing(self, path: Path) -> tuple[Entry | None, list[Problem]]:
        display = self.display(path)
        briefing_id = path.name[: -len(BRIEFING_SUFFIX)]
        if not _is_slug(briefing_id):
            return None, [
                Problem(
                    display,
                    None,
                    None,
                    f"the file name {briefing_id!r} is not a briefing id; expected lower-case letters, digits and single hyphens, at most {SLUG_MAX} characters, then {BRIEFING_SUFFIX}",
                )
            ]
        text = read_text(path, display)
        if isinstance(text, Problem):
            return None, [text]
        try:
            doc = load_yaml(text, display)
        except Invalid as error:
            return None, error.problems
        briefing, problems = validate(doc)
        # The source and the quotes are checked even when the schema failed elsewhere.
        source_file = _raw(doc.data, "source", "file")
        if not (isinstance(source_file, str) and re.fullmatch(SEED_PATH_PATTERN, source_file)):
            return None, problems
        source = self.seed(source_file)
        if isinstance(source, Problem):
            return None, [*problems, doc.problem(("source", "file"), source.message)]
        spans, quote_problems = match_evidence(doc, source, self.seed_display(source_file))
        problems += quote_problems
        if problems or briefing is None:
            return None, problems
        follows_at = doc.position(("follows",)) if briefing.follows else None
        return Entry(briefing_id, display, briefing, self.seed_display(source_file), source.text, spans, follows_at), []

    def seed_display(self, name: str) -> str:
        return f"{self.seeds_dir}/{name}"

    def seed(self, name: str) -> FoldedSource | Problem:
        """The source text `name` in the seeds folder, read once however many briefings cite it."""
        if name not in self._seeds:
            self._seeds[name] = self._read_seed(name)
        return self._seeds[name]

    def _read_seed(self, name: str) -> FoldedSource | Problem:
        folder = (self.root / self.seeds_dir).resolve()
        path = self.root / self.seeds_dir / name
        shown = self.seed_display(name)
        if not path.is_file():
            return Problem(shown, None, None, f"source file {shown!r} does not exist; expected a text file in {self.seeds_dir}/")
        if not path.resolve().is_relative_to(folder):
            return Problem(shown, None, None, f"source file {shown!r} leads outside {self.seeds_dir}/; expected a file inside it")
        text = read_text(path, shown)
        if isinstance(text, Problem):
            at = f" at line {text.line}, column {text.column}" if text.line else ""
            return Problem(shown, None, None, f"source file {shown!r}{at}: {text.message}")
        return FoldedSource(text)


def check_follows(headers: list[Header]) -> list[Problem]:
    """Each `follows` names another briefing, dated no later, in a chain that ends."""
    by_id = {header.id: header for header in headers}
    problems = []
    for header in headers:
        followed = header.follows
        if followed is None:
            continue
        line, column = header.follows_at or (None, None)
        target = by_id.get(followed)
        if target is None or target is header:
            known = sorted(h.id for h in headers if h is not header)
            guess = difflib.get_close_matches(followed, known, n=1, cutoff=0.6) if target is None else []
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            what = "this briefing itself" if target is header else "no briefing"
            message = (
                f"follows: {followed!r} is {what}; expected the id of an earlier briefing (its file name without .yml){hint}"
            )
        elif target.date > header.date:
            message = f"follows: {followed!r} is dated {target.date}, after this briefing; expected a briefing dated {header.date} or before"
        else:
            # Dates never rise along a chain, so a circle can only join briefings of one day.
            chain: list[str] = [header.id]
            step: str | None = followed
            while step in by_id and step not in chain and by_id[step].date == header.date:
                chain.append(step)
                step = by_id[step].follows
            if step != header.id:
                continue
            message = f"follows: {' → '.join([*chain, header.id])} goes round in a circle; expected a chain that ends at a first briefing"
        problems.append(Problem(header.path, line, column, message))
    return problems


def _is_slug(name: str) -> bool:
    return len(name) <= SLUG_MAX and re.fullmatch(SLUG_PATTERN, name) is not None


def read_text(path: Path, display: str) -> str | Problem:
    """A file's text: UTF-8 with or without a BOM, line endings as `\\n`, Unicode as NFC."""
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            return Problem(display, None, None, f"the file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as error:
        return Problem(display, None, None, f"cannot be read ({error.strerror}); expected a readable file")
    nul = data.find(b"\0")
    if nul >= 0:
        return Problem(display, None, None, f"NUL byte at byte offset {nul}; expected text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Problem(
            display, None, None, f"not UTF-8: byte 0x{data[error.start]:02x} at byte offset {error.start}; expected UTF-8 text"
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    bad = UNPRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return Problem(display, line, column, f"control character U+{ord(bad.group()):04X}; expected text")
    return text


def _raw(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _selectors(data: Any) -> list[tuple[int, str, str, str | None, str | None]]:
    """Each evidence entry of the raw data with a usable selector: index, id, exact, prefix, suffix."""
    items = _raw(data, "evidence")
    out = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("exact"), str) or not item["exact"].strip():
            continue
        prefix, suffix = item.get("prefix"), item.get("suffix")
        prefix = prefix if isinstance(prefix, str) else None
        suffix = suffix if isinstance(suffix, str) else None
        out.append((index, str(item.get("id")), item["exact"], prefix, suffix))
    return out


def match_evidence(doc: YamlDocument, source: FoldedSource, shown: str) -> tuple[dict[str, Span], list[Problem]]:
    """Where each evidence quote stands in the source; a problem for each that stands nowhere or twice."""
    spans: dict[str, Span] = {}
    problems = []
    for index, evidence_id, exact, prefix, suffix in _selectors(doc.data):
        found = find(source, exact, prefix, suffix)
        where = f"evidence[{index}].exact"
        if len(found.spans) == 1:
            spans[evidence_id] = found.spans[0]
            continue
        if not found.spans:
            context = " with the prefix and suffix given" if prefix or suffix else ""
            near = f"; the closest passage (line {found.closest_line}) is {found.closest!r}" if found.closest else ""
            message = f"{where}: the quote is not in {shown}{context}{near}; expected the source's exact words (only quote marks and white space may differ)"
        else:
            lines = list(dict.fromkeys(source.line_of(s.start) for s in found.spans))  # each line once
            where_lines = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
            times = f"{len(found.spans)}" if len(found.spans) < MAX_SPANS else f"{MAX_SPANS} or more"
            line_word = "line" if len(lines) == 1 else "lines"
            message = f"{where}: the quote stands {times} times in {shown} ({line_word} {where_lines}); expected a prefix or suffix that picks one"
        problems.append(doc.problem(("evidence", index, "exact"), message))
    return spans, problems
