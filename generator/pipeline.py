"""Load, check and render a project: the one pipeline that the plugin, the CLI, the
benchmark and the tests all run.

1. Each briefing is read and checked against the schema and its source, alone.
2. Across briefings, here: the `follows` chain is checked and the briefings are put in
   order, newest first, on small headers.
3. Each briefing's own pages are rendered, with the briefing it follows (its page says what
   changed since); the pages across briefings are rendered in one more task.

Stages 1 and 3 run on an executor, given as a parameter: `serial` in this process, or
`processes(n)`, a pool of worker processes, which `auto` picks from `PARALLEL_FROM`
briefings. Either gives the same pages. In the pool, briefings travel between stages
pickled and are never unpickled in this process: the memory of thousands of loaded
briefings stays in the workers. Workers start from a fork server, which is safe under
`mkdocs serve`'s threads.

Given a `spool` folder, a one-off build writes each page there as it is made
(pages/spool.py), and returns only their names: the pages never cross between processes
nor sit in memory all at once.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol, TypeVar

from generator.cache import Cache, Loaded, digest, file_digest
from generator.errors import Invalid, Problem
from generator.load.project import Entry, Project, check_follows, check_units
from generator.pages.assemble import Pages, briefing_pages, site_pages
from generator.pages.fragments import Fragments
from generator.pages.prepare import Markdown, Prepared, Preparer
from generator.pages.site import DEFAULT_SITE, Site
from generator.pages.spool import Spool
from generator.pages.urls import Urls

#: Below this many briefings, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
#: A worker's collector thresholds: Python's are (700, 10, 10).
WORKER_GC = (20_000, 20, 20)

T = TypeVar("T")
R = TypeVar("R")

#: A loaded briefing as it travels between stages: itself, or pickled in a pool.
Packed = Entry | bytes


@dataclass(frozen=True)
class Context:
    """What every task of one run works with; a worker process rebuilds its own."""

    project: Project
    urls: Urls
    site: Site
    #: In a worker process, loaded briefings are sent back pickled.
    in_worker: bool = False
    #: Where pages are written as they are made, if not kept in memory.
    spool: Path | None = None
    #: With a spool: the site's Markdown settings, to make the pages ready for MkDocs as well.
    markdown: Markdown | None = None

    def pages(self) -> Pages:
        """Where a task puts the pages it makes."""
        return {} if self.spool is None else Spool(self.spool, self._preparer)

    @functools.cached_property
    def _preparer(self) -> Preparer | None:
        return None if self.markdown is None else Preparer(self.markdown, self.urls)

    def pack(self, entry: Entry) -> Packed:
        return pickle.dumps(entry, pickle.HIGHEST_PROTOCOL) if self.in_worker else entry

    @staticmethod
    def unpack(packed: Packed) -> Entry:
        return pickle.loads(packed) if isinstance(packed, bytes) else packed

    def settings(self) -> tuple[Path, str, str, bool, Site]:
        project = self.project
        return project.root, project.briefings_dir, project.seeds_dir, self.urls.directory_urls, self.site


class Executor(Protocol):
    """Runs tasks `task(context, item)`, results in the order of the items."""

    def map(self, task: Callable[[Context, T], R], items: Iterable[T]) -> Iterator[R]: ...

    def submit(self, task: Callable[[Context, T], R], item: T) -> Callable[[], R]:
        """Start one task; the returned function waits for its result."""
        ...

    def close(self) -> None: ...


class Serial:
    """Every task in this process, one after another."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def map(self, task: Callable[[Context, T], R], items: Iterable[T]) -> Iterator[R]:
        return (task(self.context, item) for item in items)

    def submit(self, task: Callable[[Context, T], R], item: T) -> Callable[[], R]:
        result = task(self.context, item)
        return lambda: result

    def close(self) -> None:
        pass


# In a worker process: its context, made once when it starts.
_worker: Context | None = None


def _start(
    root: Path,
    briefings_dir: str,
    seeds_dir: str,
    directory_urls: bool,
    site: Site,
    spool: Path | None,
    markdown: Markdown | None,
) -> None:
    global _worker
    project, urls = Project(root, briefings_dir, seeds_dir), Urls(directory_urls)
    _worker = Context(project, urls, site, in_worker=True, spool=spool, markdown=markdown)
    # A task makes hundreds of thousands of small objects that live until it ends, and the
    # cyclic collector, run every 700 of them, walks them and the modules' objects again
    # and again: 5 to 9% of a worker's time. The modules' objects are set aside for good
    # (they live as long as the worker), and the collector runs less often.
    gc.freeze()
    gc.set_threshold(*WORKER_GC)


def _in_worker(task: Callable[[Context, T], R], item: T) -> R:
    assert _worker is not None, "_start runs first in every worker"
    return task(_worker, item)


class Processes:
    """Tasks in a pool of worker processes, handed out in chunks."""

    def __init__(self, context: Context, workers: int) -> None:
        self.workers = workers
        mp = multiprocessing.get_context("forkserver")
        mp.set_forkserver_preload([__name__])
        self._pool = ProcessPoolExecutor(
            workers, mp_context=mp, initializer=_start, initargs=(*context.settings(), context.spool, context.markdown)
        )

    def map(self, task: Callable[[Context, T], R], items: Iterable[T]) -> Iterator[R]:
        items = list(items)
        chunk = max(1, len(items) // (self.workers * 8))
        return self._pool.map(partial(_in_worker, task), items, chunksize=chunk)

    def submit(self, task: Callable[[Context, T], R], item: T) -> Callable[[], R]:
        return self._pool.submit(_in_worker, task, item).result

    def close(self) -> None:
        self._pool.shutdown()


#: Makes the executor of a run from its context and its number of briefing files.
ExecutorFactory = Callable[[Context, int], Executor]


def serial(context: Context, files: int) -> Executor:
    return Serial(context)


def processes(workers: int | None = None) -> ExecutorFactory:
    """Worker processes, `workers` of them or one a processor."""

    def make(context: Context, files: int) -> Executor:
        return Processes(context, workers or os.cpu_count() or 1)

    return make


def auto(context: Context, files: int) -> Executor:
    """Worker processes from PARALLEL_FROM briefings on a machine with more than one processor."""
    workers = os.cpu_count() or 1
    return Processes(context, workers) if workers > 1 and files >= PARALLEL_FROM else Serial(context)


@dataclass(frozen=True)
class Outcome:
    """Every generated page of a site, by its path in the docs tree, and what was checked."""

    pages: dict[str, str]
    briefings: int
    passages: int
    #: With a spool, the pages written there (`pages` is then empty), in a stable order...
    spooled: list[str] = field(default_factory=list)
    #: ...and, given the site's Markdown settings, what MkDocs needs of those it could prepare.
    prepared: dict[str, Prepared] = field(default_factory=dict)


def build(
    project: Project,
    urls: Urls | None = None,
    site: Site = DEFAULT_SITE,
    executor: ExecutorFactory = auto,
    cache: Cache | None = None,
    spool: Path | None = None,
    markdown: Markdown | None = None,
) -> Outcome:
    """Load, check and render `project`; raises `Invalid` with every problem found.

    With a `cache` from an earlier run, only what changed is loaded and rendered again;
    a process that keeps a cache (`mkdocs serve`, `briefing check --watch`) keeps the
    loaded briefings whole and renders the pages across briefings itself, so that the
    next run reuses their pieces (pages/fragments.py). With a `spool` folder (and no
    cache), the pages are written there instead of returned; with the site's `markdown`
    settings too, they are made ready for MkDocs there (pages/prepare.py).
    """
    if cache is not None and spool is not None:
        raise ValueError("a build keeps its pages in memory for a cache, or writes them to a spool, not both")
    context = Context(project, urls or Urls(), site, spool=spool, markdown=markdown if spool is not None else None)
    files, problems = project.briefing_files()
    keep = cache is not None
    cache = cache if cache is not None else Cache()
    reused = cache.reusable(project.root, files)
    run = executor(context, len(files) - len(reused))
    try:
        ordered = _load(run, files, problems, reused, cache)
        settings = context.settings()
        by_id = {loaded.header.id: loaded for loaded in ordered}
        site_key = (settings, tuple(loaded.key for loaded in ordered))
        stale = cache.site_pages is None or cache.site_pages[0] != site_key
        here = keep or isinstance(run, Serial)  # the pages across briefings are rendered in this process
        across = None
        if stale and not here:  # the longest task: it starts first
            across = run.submit(_site_task, [loaded.packed for loaded in ordered])
        todo, keys = [], {}
        for loaded in sorted(ordered, key=lambda loaded: loaded.header.path):
            previous = by_id.get(loaded.header.follows or "")
            keys[loaded.header.id] = (settings, loaded.key, previous.key if previous else None)
            if cache.own_pages.get(loaded.header.id, (None,))[0] != keys[loaded.header.id]:
                todo.append((loaded.header.id, (loaded.packed, previous.packed if previous else None)))
        own_pages = run.map(_briefing_task, [item for _, item in todo])  # in a pool, under way from here
        if here:
            for loaded in ordered:  # kept whole here from now on: no unpickling each run
                loaded.packed = Context.unpack(loaded.packed)
            if stale:
                if cache.fragments.settings != settings:
                    cache.fragments = Fragments(settings)
                across = Serial(context).submit(
                    partial(_site_task, fragments=cache.fragments), [loaded.packed for loaded in ordered]
                )
        for (briefing_id, _), own in zip(todo, own_pages, strict=True):
            cache.own_pages[briefing_id] = (keys[briefing_id], own)
        if across is not None:
            cache.site_pages = (site_key, across())
    finally:
        run.close()
    cache.own_pages = {bid: cache.own_pages[bid] for bid in sorted(keys)}
    assert cache.site_pages is not None
    found = sum(loaded.header.passages for loaded in ordered)
    made = [own for _, own in cache.own_pages.values()] + [cache.site_pages[1]]
    if spool is not None:
        prepared = {src: ready for pages in made if isinstance(pages, Spool) for src, ready in pages.prepared.items()}
        return Outcome({}, len(ordered), found, [src for pages in made for src in pages], prepared)
    return Outcome({src: text for pages in made for src, text in pages.items()}, len(ordered), found)


def load(project: Project, executor: ExecutorFactory = serial) -> list[Entry]:
    """Every briefing of `project`, checked, newest first; raises `Invalid` with every problem found."""
    context = Context(project, Urls(), DEFAULT_SITE)
    files, problems = project.briefing_files()
    run = executor(context, len(files))
    try:
        return [Context.unpack(loaded.packed) for loaded in _load(run, files, problems, {}, Cache())]
    finally:
        run.close()


def _load(run: Executor, files: list[Path], problems: list[Problem], reused: dict[Path, Loaded], cache: Cache) -> list[Loaded]:
    """Stages 1 and 2: every briefing loaded and checked (or reused), newest first, or `Invalid`."""
    todo = [path for path in files if path not in reused]
    loaded: list[Loaded] = list(reused.values())
    for path, (result, found) in zip(todo, run.map(_load_task, todo), strict=True):
        problems.extend(found)
        if result is None:
            cache.forget(path)
        else:
            loaded.append(result)
            cache.remember(path, result)
    if not problems:
        headers = [item.header for item in loaded]
        problems = check_follows(headers) + check_units(headers)
    if problems:
        raise Invalid(problems)
    return sorted(loaded, key=lambda item: item.header.order)


def _load_task(context: Context, path: Path) -> tuple[Loaded | None, list[Problem]]:
    read = file_digest(path)  # before loading: if the file changes meanwhile, the next run sees it
    entry, problems = context.project.load_briefing(path)
    if entry is None or read is None:
        return None, problems
    key = (read, tuple((copy.path, digest(copy.text)) for copy in entry.copies))
    return Loaded(key, entry.header, context.pack(entry)), problems


def _briefing_task(context: Context, item: tuple[Packed, Packed | None]) -> Pages:
    entry, previous = item
    return briefing_pages(
        context.unpack(entry),
        None if previous is None else context.unpack(previous),
        context.urls,
        context.site,
        context.pages(),
    )


def _site_task(context: Context, packed: list[Packed], fragments: Fragments | None = None) -> Pages:
    entries = []
    for i, item in enumerate(packed):
        entries.append(context.unpack(item))
        packed[i] = b""  # each pickle goes once its briefing is whole: thousands of them add up
    if context.in_worker:
        gc.freeze()  # the briefings live as long as the task: the collector need not walk them
    return site_pages(entries, context.urls, context.site, fragments, context.pages())
