"""Load and check every briefing of a project, with the source texts it annotates."""

from __future__ import annotations

import datetime
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator.errors import Invalid, Problem, capped
from generator.load.elision import find_elided, parts_of, too_short
from generator.load.files import file_kind, file_sha256
from generator.load.files import read_text as read_text
from generator.load.pins import check_pins
from generator.load.quotes import MAX_SPANS, FoldedSource, Span, find
from generator.load.suggest import Suggestions
from generator.load.validate import validate
from generator.load.yamlfile import YamlDocument, load_yaml
from generator.model.limits import EVIDENCE_MAX, MAX_PROBLEMS, SOURCES_MAX
from generator.model.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from generator.model.schema import SEED_PATH_PATTERN, SINGLE_SOURCE_ID, SLUG_MAX, SLUG_PATTERN, Briefing
from generator.model.values import Context, Exact

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
    #: Each measure's id and unit, with where its unit stands (line, column).
    units: tuple[tuple[str, str, int | None, int | None], ...] = ()

    @property
    def order(self) -> tuple[int, str]:
        """Newest first, then by id: the order of every list of briefings."""
        return -self.date.toordinal(), self.id


@dataclass(frozen=True)
class SourceCopy:
    """One source text of a briefing, as read: where each of its passages stands in it."""

    id: str
    #: The file's path in the project, such as seeds/article.txt.
    path: str
    text: str
    spans: dict[str, Span]
    #: The SHA-256 of the file's bytes.
    sha256: str


@dataclass(frozen=True)
class Entry:
    """A briefing that passed every check, with its source texts and where its evidence stands."""

    id: str
    path: str
    briefing: Briefing
    #: The source texts, in the briefing's order.
    copies: tuple[SourceCopy, ...]
    #: Where `follows` stands in the file (line, column), for messages about the briefing it names.
    follows_at: tuple[int | None, int | None] | None = None
    #: Where each measure's unit stands (line, column), in the order of `measures`.
    units_at: tuple[tuple[int | None, int | None], ...] = ()

    @property
    def source_path(self) -> str:
        """The first source's path."""
        return self.copies[0].path

    @functools.cached_property
    def copy_of(self) -> dict[str, SourceCopy]:
        """The source text each passage is quoted from, by the passage's id."""
        return {evidence_id: copy for copy in self.copies for evidence_id in copy.spans}

    @property
    def header(self) -> Header:
        briefing = self.briefing
        units = tuple((m.id, m.unit, *at) for m, at in zip(briefing.measures, self.units_at, strict=True))
        return Header(self.id, self.path, briefing.date, briefing.follows, self.follows_at, len(briefing.evidence), units)


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
        """The briefing files of the project, and a problem for everything else in its folder.

        Nothing the file system says stops the run: a folder or a file that cannot be read is
        a problem of its own, and the other briefings are still checked.
        """
        folder = self.root / self.briefings_dir
        shown = self.display(folder)
        expected = f"expected a folder of NAME{BRIEFING_SUFFIX} files"
        try:
            names = sorted(os.listdir(folder))
        except FileNotFoundError:
            return [], [Problem(shown, None, None, f"the briefings folder does not exist; {expected}")]
        except NotADirectoryError:
            return [], [Problem(shown, None, None, f"the briefings folder is not a folder; {expected}")]
        except OSError as error:
            return [], [Problem(shown, None, None, f"cannot be read ({error.strerror}); {expected} that can be read")]
        files, problems = [], []
        not_briefing = f"not a briefing file; expected only NAME{BRIEFING_SUFFIX} files in {self.briefings_dir}/"
        for name in names:
            if name.startswith("."):
                continue
            path = folder / name
            if not name.endswith(BRIEFING_SUFFIX):
                problems.append(Problem(self.display(path), None, None, not_briefing))
                continue
            kind = file_kind(path)
            if isinstance(kind, OSError):
                message = f"cannot be read ({kind.strerror}); expected a briefing file that can be read"
                problems.append(Problem(self.display(path), None, None, message))
            elif kind == "missing":  # listed, yet not there: a link to nothing
                message = "a link to a file that does not exist; expected a briefing file"
                problems.append(Problem(self.display(path), None, None, message))
            elif kind != "file":
                problems.append(Problem(self.display(path), None, None, not_briefing))
            else:
                files.append(path)
        return files, problems

    def load_briefing(self, path: Path) -> tuple[Entry | None, list[Problem]]:
        """The briefing at `path`, checked, or its problems: at most MAX_PROBLEMS of them listed."""
        entry, problems = self._load_briefing(path)
        return entry, capped(problems)

    def _load_briefing(self, path: Path) -> tuple[Entry | None, list[Problem]]:
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
        # The sources and the quotes are checked even when the schema failed elsewhere.
        texts: dict[str, tuple[FoldedSource, str]] = {}
        for loc, source_id, source_file in _raw_sources(doc.data):
            source = self.seed(source_file)
            if isinstance(source, Problem):
                problems.append(doc.problem((*loc, "file"), source.message))
            elif source_id is not None:
                texts.setdefault(source_id, (source, self.seed_display(source_file)))
        spans, quote_problems = match_evidence(doc, briefing, texts)
        problems += quote_problems
        problems += check_pins(doc, briefing, texts, spans)
        if problems or briefing is None:
            return None, problems
        # The pages rely on it: every passage of an accepted briefing stands in its source.
        unmatched = [
            doc.problem(
                ("evidence", index, "exact"),
                f"evidence[{index}].exact: the quote was not matched in {texts[briefing.source_of(evidence)][1]};"
                " expected the source's exact words",
            )
            for index, evidence in enumerate(briefing.evidence)
            if evidence.id not in spans
        ]
        if unmatched:
            return None, unmatched
        follows_at = doc.position(("follows",)) if briefing.follows else None
        copies = []
        for listed in briefing.texts:
            folded, shown = texts[listed.id]
            own = {e.id: spans[e.id] for e in briefing.evidence if briefing.source_of(e) == listed.id}
            copies.append(SourceCopy(listed.id, shown, folded.text, own, folded.sha256))
        units_at = tuple(doc.position(("measures", index, "unit")) for index in range(len(briefing.measures)))
        return Entry(briefing_id, display, briefing, tuple(copies), follows_at, units_at), []

    def seed_display(self, name: str) -> str:
        return f"{self.seeds_dir}/{name}"

    def seed(self, name: str) -> FoldedSource | Problem:
        """The source text `name` in the seeds folder, read once however many briefings cite it."""
        if name not in self._seeds:
            self._seeds[name] = self._read_seed(name)
        return self._seeds[name]

    def _read_seed(self, name: str) -> FoldedSource | Problem:
        folder = self.root / self.seeds_dir
        path = folder / name
        shown = self.seed_display(name)
        where = f"source file {shown!r}"
        kind = file_kind(path)
        if isinstance(kind, OSError):
            return Problem(
                shown, None, None, f"{where} cannot be read ({kind.strerror}); expected a readable text file in {self.seeds_dir}/"
            )
        if kind != "file":
            what = {"missing": "does not exist", "folder": "is a folder"}.get(kind, "is not a regular file")
            return Problem(shown, None, None, f"{where} {what}; expected a text file in {self.seeds_dir}/")
        try:
            inside = path.resolve().is_relative_to(folder.resolve())
        except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links, in Python 3.11
            reason = error.strerror if isinstance(error, OSError) else "Too many levels of symbolic links"
            return Problem(
                shown, None, None, f"{where} cannot be read ({reason}); expected a readable text file in {self.seeds_dir}/"
            )
        if not inside:
            return Problem(shown, None, None, f"{where} leads outside {self.seeds_dir}/; expected a file inside it")
        text = read_text(path, shown)
        if isinstance(text, Problem):
            at = f" at line {text.line}, column {text.column}" if text.line else ""
            return Problem(shown, None, None, f"{where}{at}: {text.message}")
        return FoldedSource(text, sha256=file_sha256(path))


def check_follows(headers: list[Header]) -> list[Problem]:
    """Each `follows` names another briefing, dated no later, in a chain that ends."""
    by_id = {header.id: header for header in headers}
    suggestions = Suggestions(by_id)
    problems = []
    for header in headers:
        followed = header.follows
        if followed is None:
            continue
        line, column = header.follows_at or (None, None)
        target = by_id.get(followed)
        if target is None or target is header:
            guess = suggestions.best(followed, besides=header.id) if target is None else None
            hint = f" (did you mean {guess!r}?)" if guess else ""
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


def check_units(headers: list[Header]) -> list[Problem]:
    """A measure keeps its unit across briefings: the same id is one series, and a series
    of people and of kilometres cannot share an axis. The oldest briefing that gives the
    measure sets its unit; a later one that gives another is refused at that unit."""
    first: dict[str, tuple[str, Header, int | None]] = {}
    problems = []
    for header in sorted(headers, key=lambda h: (h.date, h.id)):
        for measure_id, unit, line, column in header.units:
            if measure_id not in first:
                first[measure_id] = (unit, header, line)
                continue
            known, where, at = first[measure_id]
            if unit != known:
                index = [u[0] for u in header.units].index(measure_id)
                problems.append(
                    Problem(
                        header.path,
                        line,
                        column,
                        f"measures[{index}].unit: {unit!r} is not the unit {known!r} that {where.path} (line {at}) gives"
                        f" the measure {measure_id!r}; expected one unit for a measure across briefings, as the same id is"
                        " one series (or another id for another series)",
                    )
                )
    return problems


def _is_slug(name: str) -> bool:
    return len(name) <= SLUG_MAX and re.fullmatch(SLUG_PATTERN, name) is not None


def _raw(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _raw_sources(data: Any) -> list[tuple[tuple[str | int, ...], str | None, str]]:
    """Each source with a file name the schema accepts: its key path, its id (if it has one) and its file."""
    items = _raw(data, "sources")
    listed: list[tuple[tuple[str | int, ...], dict[str, Any]]]
    if isinstance(items, list):
        listed = [(("sources", index), item) for index, item in enumerate(items[:SOURCES_MAX]) if isinstance(item, dict)]
    elif isinstance(_raw(data, "source"), dict):
        listed = [(("source",), {"id": SINGLE_SOURCE_ID, **data["source"]})]
    else:
        return []
    return [
        (loc, item["id"] if isinstance(item.get("id"), str) else None, item["file"])
        for loc, item in listed
        if isinstance(item.get("file"), str) and re.fullmatch(SEED_PATH_PATTERN, item["file"])
    ]


def _default_source(data: Any) -> str | None:
    """The source that evidence naming none quotes: the only one, if there is only one."""
    items = _raw(data, "sources")
    if isinstance(items, list):
        only = items[0] if len(items) == 1 and isinstance(items[0], dict) else {}
        return only.get("id") if isinstance(only.get("id"), str) else None
    return SINGLE_SOURCE_ID


Selector = tuple[int, str, str, str | None, str | None, str | None]


def _selectors(data: Any, briefing: Briefing | None) -> list[Selector]:
    """Each evidence entry with a usable selector: index, id, exact, prefix, suffix, source id.

    From the briefing when it passed the schema, so that every passage of it is looked
    for; else from the raw data, so that quotes are checked even then.
    """
    if briefing is not None:
        return [(i, e.id, e.exact, e.prefix, e.suffix, briefing.source_of(e)) for i, e in enumerate(briefing.evidence)]
    items = _raw(data, "evidence")
    if not isinstance(items, list) or len(items) > EVIDENCE_MAX:
        return []  # the schema reports a list that is too long: each quote would cost a scan of the source
    default = _default_source(data)
    out = []
    for index, item in enumerate(items):
        # A selector the schema refuses is reported there, not looked for as well.
        if not isinstance(item, dict) or not _valid(_EXACT, item.get("exact")):
            continue
        prefix, suffix = item.get("prefix"), item.get("suffix")
        if not (_valid(_CONTEXT, prefix) and _valid(_CONTEXT, suffix)):
            continue
        named = item.get("source", default)
        out.append((index, str(item.get("id")), item["exact"], prefix, suffix, named if isinstance(named, str) else None))
    return out


_EXACT: TypeAdapter[str] = TypeAdapter(Exact)
_CONTEXT: TypeAdapter[str | None] = TypeAdapter(Context | None)


def _valid(adapter: TypeAdapter[Any], value: Any) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


def match_evidence(
    doc: YamlDocument, briefing: Briefing | None, texts: dict[str, tuple[FoldedSource, str]]
) -> tuple[dict[str, Span], list[Problem]]:
    """Where each evidence quote stands in the source it names; a problem for each that stands nowhere or twice.

    A quote whose source is unknown or unreadable is not looked for: that is reported at
    the source. The closest passage to a quote that is not found is looked for only while
    fewer than MAX_PROBLEMS quotes have failed: a later one is never listed.
    """
    spans: dict[str, Span] = {}
    problems: list[Problem] = []
    for index, evidence_id, exact, prefix, suffix, source_id in _selectors(doc.data, briefing):
        if source_id not in texts:
            continue
        source, shown = texts[source_id]
        where = f"evidence[{index}].exact"
        parts = parts_of(exact)
        if parts is not None:
            literal = find(source, exact, prefix, suffix, closest=False)  # the source's own ellipsis
            if not literal.spans:
                message = _elided(source, parts, prefix, suffix, shown, where, spans, evidence_id)
                if message:
                    problems.append(doc.problem(("evidence", index, "exact"), message))
                continue
        found = find(source, exact, prefix, suffix, closest=len(problems) < MAX_PROBLEMS)
        if len(found.spans) == 1:
            spans[evidence_id] = found.spans[0]
            continue
        if not found.spans:
            context = " with the prefix and suffix given" if prefix or suffix else ""
            differs = f": {found.differs}" if found.differs else ""
            near = f"; the closest passage (line {found.closest_line}) is {found.closest!r}" if found.closest else ""
            message = f"{where}: the quote is not in {shown}{context}{differs}{near}; expected the source's exact words (only quote marks and white space may differ)"
        else:
            lines = list(dict.fromkeys(source.line_of(s.start) for s in found.spans))  # each line once
            where_lines = ", ".join(map(str, lines[:5])) + (", ..." if len(lines) > 5 else "")
            times = f"{len(found.spans)}" if len(found.spans) < MAX_SPANS else f"{MAX_SPANS} or more"
            line_word = "line" if len(lines) == 1 else "lines"
            message = f"{where}: the quote stands {times} times in {shown} ({line_word} {where_lines}); expected a prefix or suffix that picks one"
        problems.append(doc.problem(("evidence", index, "exact"), message))
    return spans, problems


def _elided(
    source: FoldedSource,
    parts: list[str],
    prefix: str | None,
    suffix: str | None,
    shown: str,
    where: str,
    spans: dict[str, Span],
    evidence_id: str,
) -> str | None:
    """Where an elided quote stands, put in `spans`; else what is wrong with it."""
    short = too_short(parts)
    if short:
        return f"{where}: {short}"
    found = find_elided(source, parts, prefix, suffix)
    if len(found.spans) == 1:
        spans[evidence_id] = found.spans[0]
        return None
    if len(found.spans) > 1:
        lines = list(dict.fromkeys(source.line_of(s.start) for s in found.spans))
        times = f"{len(found.spans)}" if len(found.spans) < MAX_SPANS else f"{MAX_SPANS} or more"
        return (
            f"{where}: the elided quote stands {times} times in {shown} (line{'s' if len(lines) > 1 else ''}"
            f" {', '.join(map(str, lines[:5]))}); expected a prefix or suffix that picks one"
        )
    if found.missing:
        part = parts[found.missing - 1]
        shown_part = part if len(part) <= 60 else part[:57] + "..."
        return (
            f"{where}: part {found.missing} of the elided quote, {shown_part!r}, is not in {shown}; expected the"
            " source's exact words on each side of the ellipsis"
        )
    context = " with the prefix and suffix given" if prefix or suffix else ""
    return (
        f"{where}: the parts of the elided quote are each in {shown}, but not in this order within one"
        f" paragraph{context}; expected the parts in the source's order, in one paragraph"
    )
