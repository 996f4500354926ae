"""A one-off build's generated pages put through the theme by several processes at once.

MkDocs puts each page through the theme's template in turn, in one process: at thousands
of briefings that is most of what a build does once the pages are made, while the other
processors wait. Once every page is read and its HTML made (the `env` event), the plugin
forks: each child puts a share of the generated pages through MkDocs' own `_build_page`,
plugin events and all, and writes them, while the build's process builds the rest; MkDocs
skips the children's pages, which are marked excluded there. What the children log is
logged again in the build's process, where `mkdocs build --strict` counts it; a child that
fails fails the build.

Forking needs a POSIX system whose libraries allow it; this runs on Linux only, and
everywhere else MkDocs builds every page itself, as it would without the plugin.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from jinja2 import Environment
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: Below this many generated pages, a child costs more than it saves.
SHARE_FROM = 400
#: At most this many processes build pages, the build's own included.
MOST = 8

#: A log record as it crosses back: the logger's name, the level and the message.
Said = tuple[str, int, str]


class ShareFailed(Exception):
    """A child could not build its pages; the message says which and why."""


@dataclass
class Shared:
    """The children building pages beside the build's process."""

    children: list[tuple[BaseProcess, Connection]]

    def finish(self) -> None:
        """Wait for every child, log again what each logged, and raise `ShareFailed` if one failed."""
        failures = []
        for process, receive in self.children:
            try:
                said, failure = receive.recv()
            except EOFError:
                said, failure = [], None
            receive.close()
            process.join()
            for name, level, message in said:
                logging.getLogger(name).log(level, message)
            if failure is None and process.exitcode != 0:
                failure = f"it ended with exit status {process.exitcode}"
            if failure is not None:
                failures.append(failure)
        self.children = []
        if failures:
            raise ShareFailed(
                "a process building pages beside the build failed: " + "; ".join(failures) + "; expected every page built"
            )

    def stop(self) -> None:
        """End every child now: the build has failed."""
        for process, receive in self.children:
            process.terminate()
            process.join()
            receive.close()
        self.children = []


def allowed(config: MkDocsConfig, ours: object, search_engine: str) -> bool:
    """Whether children may build this site's pages: only when no plugin but `ours` keeps
    anything from the events they run there, which the build's process would then miss.
    Material's search keeps each page it indexes, so it may only be there when the site is
    searched with Pagefind and it indexes none."""
    for event in ("page_context", "post_page"):
        for method in config.plugins.events[event]:
            owner = getattr(method, "__self__", None)
            if owner is ours:
                continue
            if type(owner).__module__ == "material.plugins.search.plugin" and search_engine != "material":
                continue
            return False
    return True


def start(pages: Sequence[Page], documents: list[File], config: MkDocsConfig, nav: Navigation, env: Environment) -> Shared | None:
    """Fork children to build shares of `pages`, and mark their pages excluded here; None
    when this system or this many pages does not call for it. `documents` are every page
    of the site, as MkDocs gives them to a page's template."""
    processes = min(os.cpu_count() or 1, MOST)
    if sys.platform != "linux" or processes < 2 or len(pages) < SHARE_FROM:
        return None
    context = multiprocessing.get_context("fork")
    shares = [pages[i::processes] for i in range(1, processes)]
    children: list[tuple[BaseProcess, Connection]] = []
    for share in shares:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_build, args=(os.getpid(), share, documents, config, nav, env, send), daemon=True)
        child.start()
        send.close()
        children.append((child, receive))
    for share in shares:
        for page in share:
            page.file.inclusion = InclusionLevel.EXCLUDED  # MkDocs builds them no more here
    return Shared(children)


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.said: list[Said] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append((record.name, record.levelno, record.getMessage()))


#: prctl(2): the signal a process gets when its parent ends.
_PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> None:
    """End this process when the process `parent` ends, however it ends: a build killed
    half-way leaves no child writing pages into the next build's folder."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # it ended before it could be told
        os._exit(1)


def _build(
    parent: int,
    pages: Sequence[Page],
    documents: list[File],
    config: MkDocsConfig,
    nav: Navigation,
    env: Environment,
    send: Connection,
) -> None:
    """In a child: build `pages` as MkDocs would, and send back what was logged and what failed."""
    die_with(parent)
    keep = _Keep()
    logger = logging.getLogger("mkdocs")
    logger.handlers = [keep]  # printed and counted by the build's process, once
    logger.propagate = False
    failure = None
    for page in pages:
        try:
            mkdocs_build._build_page(page, config, documents, nav, env)
        except Exception as error:  # told to the build's process, which fails with it
            failure = f"{page.file.src_uri}: {type(error).__name__}: {error}"
            break
    send.send((keep.said, failure))
    send.close()
