"""Publish a built site whole: build beside the site folder, then swap the new one in.

Readers of the site folder (a web server, a deploy step, the author) see the last good
site or the new one, never a half-written one: a failed build, a strict build's warning
or a killed process leaves the last good site byte for byte.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class Staging:
    """A folder beside `target` to build into; `publish` puts it in place of `target`."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = target.with_name(f".{target.name}.partial")
        # What a killed build left behind is not a site: start afresh.
        shutil.rmtree(self.path, ignore_errors=True)

    def publish(self) -> None:
        """The built site in place of the last one, swapped in one step where the system can."""
        if self.target.is_dir() and not self.target.is_symlink() and _exchange(self.path, self.target):
            shutil.rmtree(self.path, ignore_errors=True)  # the last site, swapped out
            return
        old = self.target.with_name(f".{self.target.name}.old")
        _remove(old)
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, old)
        os.replace(self.path, self.target)
        _remove(old)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where it cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)
