"""Under `mkdocs serve`, the folders of the generated pages kept in the site's folder from
one build to the next, rather than emptied by MkDocs and made again page by page.

MkDocs empties the site's folder before every build, all but its hidden entries. A
generated page that did not change is not rendered again (preview.py), but its file has
to be back after the build. Before MkDocs empties the folder, each top-level folder that
holds such pages is renamed to a hidden name beside it. After the build, what MkDocs
wrote in its place is moved into it, what the build no longer makes is removed from it,
and it is renamed back: a few renames and a walk, where putting each page back took a
folder made and a file linked or written a page (about 0.3 s at 1,000 briefings).

Where a folder cannot be set aside or put back whole (a file of the build where the
folder set aside has a folder, a link, a refused rename), what the build wrote stays
where it wrote it and the pages that were to be kept are written instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil

#: The hidden name of a folder set aside: this, then the folder's name.
PREFIX = ".briefings-held-"


class HeldFolders:
    """The generated pages' files as the last build left them, set aside while MkDocs
    builds and put back after. Disabled (`enabled=False`), nothing is set aside, and every
    page MkDocs skipped is written (`mkdocs serve --dirty`, which does not empty the
    folder but writes over its files)."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.site: str | None = None
        #: By page: the digest of its Markdown and its file, for each page the build wrote
        #: (or was about to write) as a build without problems shown writes it.
        self.last: dict[str, tuple[str, str]] = {}
        #: During a build, the same, as the last build left them: what was set aside.
        self.aside: dict[str, tuple[str, str]] = {}
        #: The folders set aside: each folder's path, and its hidden path.
        self.hidden: dict[str, str] = {}
        #: Under each folder set aside, the files to keep as they are (relative to it).
        self.kept: dict[str, set[str]] = {}

    def written(self, src: str, key: str, dest: str) -> None:
        """The page `src`, for the Markdown of digest `key`, goes to `dest` as a build
        without problems shown writes it (MkDocs writes it after `on_post_page`, and writes
        no empty page: `put` looks for the file)."""
        self.last[src] = (key, dest)

    def hold(self, site_dir: str) -> None:
        """Before MkDocs empties `site_dir`: set aside the folders of the pages the last
        build wrote there (and remove what a build that stopped half-way set aside)."""
        self.site, self.aside, self.last = os.path.abspath(site_dir), self.last, {}
        self.hidden, self.kept = {}, {}
        try:
            for name in os.listdir(self.site):
                if name.startswith(PREFIX):
                    _remove(os.path.join(self.site, name))
        except OSError:
            self.aside = {}
        if not self.enabled:
            self.aside = {}
        for top in sorted({top for _, dest in self.aside.values() if (top := _top(self.site, dest)) is not None}):
            folder, hidden = os.path.join(self.site, top), os.path.join(self.site, PREFIX + top)
            if os.path.isdir(folder) and not os.path.islink(folder):
                try:
                    os.rename(folder, hidden)
                except OSError:
                    continue  # its pages are written
                self.hidden[folder], self.kept[folder] = hidden, set()

    def put(self, src: str, key: str, dest: str) -> bool:
        """Whether the page's file was set aside as a build writes it for `key`: if so, it
        goes back with its folder (`restore`); if not, the caller writes it."""
        if self.site is None or self.aside.get(src) != (key, dest):
            return False
        top = _top(self.site, dest)
        folder = "" if top is None else os.path.join(self.site, top)
        hidden = self.hidden.get(folder)
        relative = dest[len(folder) + 1 :]
        if hidden is None or not os.path.isfile(os.path.join(hidden, relative)):
            return False  # not set aside, or never written (a write that failed, an empty page)
        self.kept[folder].add(relative)
        return True

    def restore(self) -> bool:
        """After the build: each folder set aside takes what the build wrote in its place,
        loses what the build no longer makes, and goes back. False if one could not: the
        folder then holds what the build wrote, and not the pages `put` kept there."""
        done = True
        for folder, hidden in self.hidden.items():
            try:
                _merge(folder, hidden, self.kept[folder])
            except OSError:
                done = False
                _remove(hidden)
        self.hidden, self.kept, self.aside = {}, {}, {}
        return done

    def close(self) -> None:
        """At the end of `mkdocs serve`: nothing is left set aside."""
        for hidden in self.hidden.values():
            _remove(hidden)
        self.hidden, self.kept, self.aside, self.last = {}, {}, {}, {}


def _top(site: str, dest: str) -> str | None:
    """The top-level folder of the site that the file `dest` is in, if it is in one."""
    if not dest.startswith(site + os.sep):
        return None
    top, sep, _ = dest[len(site) + 1 :].partition(os.sep)
    return top if sep else None


def _files(root: str) -> list[str]:
    """Every file under `root`, and every link to a folder, by its path relative to it."""
    out: list[str] = []
    for folder, dirs, names in os.walk(root, onerror=_raise):
        base = folder[len(root) + 1 :]
        links = [name for name in dirs if os.path.islink(os.path.join(folder, name))]
        out.extend(os.path.join(base, name) if base else name for name in names + links)
    return out


def _raise(error: OSError) -> None:
    raise error


def _merge(folder: str, hidden: str, kept: set[str]) -> None:
    """Make `hidden` what the build made of `folder`: `folder`'s files and the `kept` of
    its own; then put it in `folder`'s place. If that cannot be done, raise with what the
    build wrote back in `folder`; nothing is moved where a file of the one stands where
    the other has a folder, or a link to one."""
    if os.path.islink(folder):
        raise IsADirectoryError(folder)
    wrote = _files(folder) if os.path.isdir(folder) else []
    for relative in wrote:
        if os.path.isdir(os.path.join(hidden, relative)) or _file_above(hidden, relative):
            raise IsADirectoryError(relative)
    moved: list[str] = []
    try:
        for relative in wrote:
            target = os.path.join(hidden, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(folder, relative), target)
            moved.append(relative)
        if os.path.lexists(folder):
            shutil.rmtree(folder)  # folders alone, now
        _prune(hidden, kept.union(wrote))
        if os.listdir(hidden):
            os.rename(hidden, folder)
        else:
            os.rmdir(hidden)  # the build makes nothing there: a clean build has no such folder
    except OSError:
        for relative in moved:  # what the build wrote goes back where it wrote it
            with contextlib.suppress(OSError):
                os.makedirs(os.path.dirname(os.path.join(folder, relative)), exist_ok=True)
                os.replace(os.path.join(hidden, relative), os.path.join(folder, relative))
        raise


def _prune(root: str, keep: set[str]) -> None:
    """Remove from under `root` every file and link not in `keep`, and every folder left empty."""
    for folder, dirs, names in os.walk(root, topdown=False, onerror=_raise):
        base = folder[len(root) + 1 :]
        for name in names:
            if (os.path.join(base, name) if base else name) not in keep:
                os.unlink(os.path.join(folder, name))
        for name in dirs:
            path = os.path.join(folder, name)
            if os.path.islink(path):  # a link to a folder: the walk does not go in
                if (os.path.join(base, name) if base else name) not in keep:
                    os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)  # a clean build makes no empty folder


def _file_above(root: str, relative: str) -> bool:
    """Whether a file, or a link, stands under `root` where `relative` has a folder."""
    parent = os.path.dirname(relative)
    while parent:
        path = os.path.join(root, parent)
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
            return True
        parent = os.path.dirname(parent)
    return False


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.unlink(path)
