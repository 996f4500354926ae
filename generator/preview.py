"""The preview that `mkdocs serve` keeps between builds: fast after an edit, and showing
problems in the page instead of stopping.

- Between builds it keeps the pipeline's cache (the loaded briefings, and the pieces of
  the pages across briefings), and each generated page's last output: a page whose
  Markdown and site are as last time is not rendered again, and its search entries are
  put back where a full build puts them. If it is in no nav, MkDocs does not see it at
  all and its last file stays, in a folder set aside while MkDocs builds (held.py); in a
  nav, its template is swapped for an empty one and its last output written back.
- While the briefings have problems, the build goes on with the last pages built without
  problems, and every page opens with the problems and the lines of YAML around each: an
  open page reloads with them shown, and again by itself once they are fixed. Every
  failed build prints its problems in the terminal, the same ones a second time included.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import click
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import File
from mkdocs.utils import write_file

from generator import deadlinks
from generator.cache import Cache, digest
from generator.errors import Invalid, Problem
from generator.held import HeldFolders


class Preview:
    """What `mkdocs serve` keeps from one build to the next. `dirty`: MkDocs does not empty
    the site's folder between builds (`mkdocs serve --dirty`): the pages it skips are
    written, and nothing is set aside."""

    def __init__(self, *, dirty: bool = False) -> None:
        self.cache = Cache()
        self.last_pages: dict[str, str] | None = None
        self.problems: list[Problem] = []
        #: The problems as every page shows them, made once a build.
        self.panel = ""
        #: For each generated page, by its source path: the digest of its Markdown and its output.
        self.outputs: dict[str, tuple[str, str]] = {}
        #: Material's search entries of each page, by the page's address.
        self.search: dict[str, list[dict[str, Any]]] = {}
        self.keys: dict[str, str] = {}
        #: Each generated page's Markdown and its digest, as last planned.
        self.digested: dict[str, tuple[str, str]] = {}
        self.reuse: set[str] = set()
        #: The pages whose output this build recorded: until its search entries are taken
        #: too (after the build), a build that fails leaves them to be rendered again.
        self.fresh: set[str] = set()
        self.site: str | None = None
        self.templates = TemplateCache()
        self.files = HeldFolders(enabled=not dirty)
        #: The generated pages MkDocs does not see this build: written back by `write_skipped`.
        self.skipped: list[File] = []
        #: Each generated page's links to files of the site, by its path, URL and Markdown digest.
        self.link_memo: dict[str, tuple[tuple[str, str], list[tuple[str, str]]]] = {}

    def pages(self, root: Path, make: Callable[[Cache], dict[str, str]], empty: Callable[[], dict[str, str]]) -> dict[str, str]:
        """The pages `make` builds with the cache; while there are problems, the last good
        ones, or `empty`'s (the site's pages with no briefing) if none were ever built."""
        try:
            pages = make(self.cache)
        except Invalid as error:
            self.problems = error.problems
            self.panel = panel(error.problems, root, kept=self.last_pages is not None)
            # Printed, not logged: a logged error would fail a strict build, and the preview
            # would stop; and MkDocs prints a message it logged before only once.
            click.echo(f"ERROR    -  {error.report()}", err=True)
            return self.last_pages if self.last_pages is not None else empty()
        self.problems, self.panel = [], ""
        if self.last_pages is None:
            # The briefings just loaded live as long as the preview and are most of its
            # objects; left to the garbage collector, each rebuild walks them all again
            # (0.2 s at 400 briefings). Moved out of its reach once, after the first build.
            gc.collect()
            gc.freeze()
        self.last_pages = pages
        return pages

    def close(self) -> None:
        """At the end of `mkdocs serve`: what the preview set aside goes."""
        self.files.close()
        gc.unfreeze()

    def plan(self, generated: dict[str, str], others: list[Any], config_file: str | None, engine: str) -> None:
        """Which generated pages can be written back as last built: the same Markdown, the same site."""
        site = digest(repr((_stamp(config_file), engine, sorted((f.src_uri, _stamp(f.abs_src_path)) for f in others))))
        same_site, self.site = site == self.site, site
        # A page the pipeline kept is the same string as last time: no need to digest it again.
        known = self.digested
        self.digested = {
            src: (markdown, known[src][1] if src in known and known[src][0] is markdown else digest(markdown))
            for src, markdown in generated.items()
        }
        self.keys = {src: key for src, (_, key) in self.digested.items()}
        self.skipped, self.fresh = [], set()
        self.reuse = {src for src, key in self.keys.items() if same_site and self.outputs.get(src, ("",))[0] == key}
        self.outputs = {src: self.outputs[src] for src in self.keys if src in self.outputs}
        self.link_memo = {src: self.link_memo[src] for src in self.keys if src in self.link_memo}

    def links(self, src: str, url: str, content: str) -> list[tuple[str, str]]:
        """The page's links to files of the site (deadlinks.links), found again only when
        its Markdown or its address changed."""
        key = (url, self.keys[src])
        known = self.link_memo.get(src)
        if known is None or known[0] != key:
            known = self.link_memo[src] = (key, deadlinks.links(url, content))
        return known[1]

    def reused(self, src: str) -> bool:
        return src in self.reuse

    def output(self, src: str, output: str, dest: str) -> str:
        """The page as written to `dest`: its last output if reused, with the problems on top if any."""
        if src in self.reuse:
            output = self.outputs[src][1]
        elif src in self.keys:
            self.outputs[src] = (self.keys[src], output)
            self.fresh.add(src)
        if self.panel:
            return insert(output, self.panel)
        if src in self.keys:
            self.files.written(src, self.keys[src], dest)
        return output

    def taken(self) -> None:
        """The build's pages and their search entries are all taken: a failure from here
        (a strict build's warnings, counted at its very end) leaves nothing to render again."""
        self.fresh = set()

    def failed(self) -> None:
        """The build stopped: the pages it rendered are rendered again by the next, which
        takes their search entries then (a failed build took none)."""
        for src in self.fresh:
            self.outputs.pop(src, None)
        self.fresh = set()

    def write_skipped(self) -> None:
        """Put back the pages MkDocs skipped, as last built: in the folders set aside if
        their files are there as a build writes them, else written."""
        held: list[File] = []
        written: list[File] = []
        for file in self.skipped:
            src, dest = file.src_uri, file.abs_dest_path
            (held if not self.panel and self.files.put(src, self.keys[src], dest) else written).append(file)
        if not self.files.restore():
            written += held  # a folder could not be put back whole: its pages are written
            held = []
        for file in held:
            self.files.written(file.src_uri, self.keys[file.src_uri], file.abs_dest_path)
        for file in written:
            output = self.output(file.src_uri, "", file.abs_dest_path)
            if output.strip():
                write_file(output.encode("utf-8", errors="xmlcharrefreplace"), file.abs_dest_path)

    def search_entries(self, entries: list[dict[str, Any]], pages: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """Material's search entries in the order a full build makes them, the reused pages'
        from the build that rendered them. `pages` are (source path, address) in build order."""
        built: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            built.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
        out = []
        for src, url in pages:
            if src not in self.reuse:
                self.search[url] = built.get(url, [])
            out.extend(self.search.get(url, []))
        return out


class TemplateCache(BytecodeCache):
    """The theme's compiled templates, kept between builds: MkDocs makes a new Jinja
    environment each build, and compiling Material's templates takes a second."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _stamp(path: str | None) -> tuple[int, int] | None:
    try:
        status = os.stat(path) if path else None
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size) if status else None


#: Lines of the file shown before and after the line of a problem.
AROUND = 2
#: Problems shown in full; the rest are counted.
SHOWN = 50
_WIDTH = 160


def panel(problems: list[Problem], root: Path, *, kept: bool = True) -> str:
    """The HTML of the problems, each with the lines of its file around it. `kept`: the
    pages are those of the last build without problems (False: there was none yet)."""
    files: dict[str, list[str] | None] = {}
    items = []
    for problem in problems[:SHOWN]:
        if problem.path not in files:
            files[problem.path] = _lines(root / problem.path)
        items.append(f"<li><p><code>{escape(str(problem))}</code></p>{_excerpt(files[problem.path], problem)}</li>")
    more = len(problems) - SHOWN
    rest = f"<p>And {more} more: <code>briefing check</code> lists them all.</p>" if more > 0 else ""
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    shown = "The pages show the last build without problems" if kept else "No briefing is shown until they are fixed"
    return (
        '<div class="bf-build-errors" role="alert" data-search-exclude>'
        f"<p><strong>{count} in the briefings.</strong> {shown}; this page reloads by itself once they are fixed.</p>"
        f"<ol>{''.join(items)}</ol>{rest}</div>"
    )


def insert(page: str, html: str) -> str:
    """`page` with `html` at the start of its content (or of its body)."""
    for anchor in ('<article class="md-content__inner md-typeset">', "<body"):
        at = page.find(anchor)
        if at >= 0:
            end = page.index(">", at) + 1
            return page[:end] + html + page[end:]
    return html + page


def _lines(path: Path) -> list[str] | None:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace").split("\n")
    except OSError:
        return None


def _excerpt(lines: list[str] | None, problem: Problem) -> str:
    if lines is None or problem.line is None or not 0 < problem.line <= len(lines):
        return ""
    first, last = max(1, problem.line - AROUND), min(len(lines), problem.line + AROUND)
    rows = []
    for number in range(first, last + 1):
        text = lines[number - 1].rstrip("\r")
        text = text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"
        mark = ">" if number == problem.line else " "
        rows.append(escape(f"{mark}{number:>5} | {text}"))
    return f'<pre class="bf-excerpt">{chr(10).join(rows)}</pre>'
