"""Load, check and render a whole project, spreading per-briefing work over processes.

Each briefing's loading, checking and own pages depend on that briefing alone, so they
run in a pool of worker processes once there are enough briefings for it to pay; the
pages across briefings follow, in one pass (in the pool too, see `generate`). The
outcome is the same either way: results come back in file order, and entries are sorted
as `Project.load` sorts them. Workers start from a fork server, which is safe under
`mkdocs serve`'s threads.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.errors import Invalid, Problem
from generator.load.project import Entry, Project, collect
from generator.pages.assemble import briefing_pages, insert_changes, site_pages
from generator.pages.site import DEFAULT_SITE, Site
from generator.pages.urls import Urls

#: Below this many briefings, starting worker processes costs more than it saves.
PARALLEL_FROM = 200

Result = tuple[Entry | None, list[Problem], dict[str, str]]


def _one(project: Project, urls: Urls | None, site: Site, path: Path) -> Result:
    """Load and check one briefing, and render its own pages unless `urls` is None."""
    entry, problems = project.load_briefing(path)
    pages = briefing_pages(entry, urls, site) if entry is not None and urls is not None else {}
    return entry, problems, pages


# In a worker process: the project, URL style and site it works for, set once when it starts.
_worker: tuple[Project, Urls | None, Site] | None = None


def _start(root: Path, briefings_dir: str, seeds_dir: str, directory_urls: bool | None, site: Site) -> None:
    global _worker
    _worker = (Project(root, briefings_dir, seeds_dir), None if directory_urls is None else Urls(directory_urls), site)


def _in_worker(path: Path) -> Result:
    assert _worker is not None, "_start runs first in every worker"
    return _one(*_worker, path)


def _pickled_in_worker(path: Path) -> tuple[bytes | None, list[Problem], dict[str, str]]:
    entry, problems, pages = _in_worker(path)
    return (None if entry is None else pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)), problems, pages


def _site_in_worker(blobs: list[bytes]) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    assert _worker is not None and _worker[1] is not None
    try:
        entries = collect([], ((pickle.loads(b), []) for b in blobs))
    except Invalid as error:  # problems across briefings; sent back as a list, which pickles
        return {}, {}, error.problems
    return *site_pages(entries, _worker[1], _worker[2]), []


def _settings(project: Project, urls: Urls | None, site: Site) -> tuple[Path, str, str, bool | None, Site]:
    return project.root, project.briefings_dir, project.seeds_dir, None if urls is None else urls.directory_urls, site


def _pool(project: Project, urls: Urls | None, workers: int, site: Site = DEFAULT_SITE) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=_settings(project, urls, site))


def _chunk(files: list[Path], workers: int) -> int:
    return max(1, len(files) // (workers * 8))


def _workers(files: list[Path], workers: int | None) -> int:
    count = workers if workers is not None else (os.cpu_count() or 1)
    return count if count > 1 and len(files) >= PARALLEL_FROM else 1


def load(project: Project, workers: int | None = None) -> list[Entry]:
    """Every briefing, checked, newest first; raises `Invalid` with every problem found."""
    files, problems = project.briefing_files()
    count = _workers(files, workers)
    if count == 1:
        return collect(problems, ((e, p) for e, p, _ in (_one(project, None, DEFAULT_SITE, f) for f in files)))
    with _pool(project, None, count) as pool:
        results = pool.map(_in_worker, files, chunksize=_chunk(files, count))
        return collect(problems, ((e, p) for e, p, _ in results))


def generate(project: Project, urls: Urls, workers: int | None = None, site: Site = DEFAULT_SITE) -> dict[str, str]:
    """Every generated page of the site; raises `Invalid` with every problem found.

    With workers, the briefings themselves never come into this process: each worker
    sends back a briefing's pages and the briefing pickled, and the pages across
    briefings are built by one last task in the pool. What stays here is the Markdown,
    which MkDocs needs anyway; the memory of loading thousands of briefings does not.
    """
    files, problems = project.briefing_files()
    count = _workers(files, workers)
    pages: dict[str, str] = {}
    if count == 1:
        results = [_one(project, urls, site, f) for f in files]
        entries = collect(problems, ((e, p) for e, p, _ in results))
        for _, _, own in results:
            pages.update(own)
        across, sections = site_pages(entries, urls, site)
        pages.update(across)
        insert_changes(pages, sections)
        return pages
    with _pool(project, urls, count, site) as pool:
        blobs = []
        for blob, found, own in pool.map(_pickled_in_worker, files, chunksize=_chunk(files, count)):
            problems.extend(found)
            pages.update(own)
            if blob is not None:
                blobs.append(blob)
        if problems:
            raise Invalid(problems)
        across, sections, problems = pool.submit(_site_in_worker, blobs).result()
        if problems:
            raise Invalid(problems)
        pages.update(across)
        insert_changes(pages, sections)
    return pages
