"""Load, check and render a whole project, spreading per-briefing work over processes.

Each briefing's loading, checking and own pages depend on that briefing alone, so they
run in a pool of worker processes once there are enough briefings for it to pay; the
pages across briefings are then built here, in one pass. The outcome is the same either
way: results come back in file order, and entries are sorted as `Project.load` sorts
them. Workers start from a fork server, which is safe under `mkdocs serve`'s threads.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .errors import Problem
from .pages import briefing_pages, site_pages
from .project import Entry, Project, collect
from .urls import Urls

#: Below this many briefings, starting worker processes costs more than it saves.
PARALLEL_FROM = 200

Result = tuple[Entry | None, list[Problem], dict[str, str]]

_worker: tuple[Project, Urls | None] | None = None


def _start(root: Path, briefings_dir: str, seeds_dir: str, directory_urls: bool | None) -> None:
    global _worker
    urls = None if directory_urls is None else Urls(directory_urls)
    _worker = (Project(root, briefings_dir, seeds_dir), urls)


def _one(path: Path) -> Result:
    assert _worker is not None, "_start runs first in every worker"
    project, urls = _worker
    entry, problems = project.load_briefing(path)
    pages = briefing_pages(entry, urls) if entry is not None and urls is not None else {}
    return entry, problems, pages


def _results(project: Project, files: list[Path], urls: Urls | None, workers: int | None) -> Iterator[Result]:
    workers = workers if workers is not None else (os.cpu_count() or 1)
    settings = (project.root, project.briefings_dir, project.seeds_dir, None if urls is None else urls.directory_urls)
    if workers <= 1 or len(files) < PARALLEL_FROM:
        _start(*settings)
        yield from map(_one, files)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    chunk = max(1, len(files) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=settings) as pool:
        yield from pool.map(_one, files, chunksize=chunk)


def load(project: Project, workers: int | None = None) -> list[Entry]:
    """Every briefing, checked, newest first; raises `Invalid` with every problem found."""
    files, problems = project.briefing_files()
    return collect(problems, ((e, p) for e, p, _ in _results(project, files, None, workers)))


def generate(project: Project, urls: Urls, workers: int | None = None) -> dict[str, str]:
    """Every generated page of the site; raises `Invalid` with every problem found."""
    files, problems = project.briefing_files()
    own: dict[str, str] = {}

    def loaded() -> Iterator[tuple[Entry | None, list[Problem]]]:
        for entry, found, pages in _results(project, files, urls, workers):
            own.update(pages)
            yield entry, found

    entries = collect(problems, loaded())
    return {**own, **site_pages(entries, urls)}
