"""Run a check again whenever the files it reads change: `briefing check --watch`.

Changes are found by polling the files' sizes and modification times: nothing to
install, the same on every system, and cheap beside a check.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

Stamp = tuple[tuple[str, int, int], ...]


def stamp(paths: Iterable[Path]) -> Stamp:
    """Every file under `paths` (files or folders), with its size and modification time."""
    found = []
    for path in paths:
        walk = os.walk(path) if path.is_dir() else [(str(path.parent), [], [path.name])]
        for folder, _, names in walk:
            for name in names:
                full = os.path.join(folder, name)
                try:
                    status = os.stat(full)
                except OSError:
                    continue
                found.append((full, status.st_mtime_ns, status.st_size))
    return tuple(sorted(found))


def watch(paths: Callable[[], list[Path]], run: Callable[[], None], interval: float = 0.25, runs: int | None = None) -> None:
    """Run `run` now and after every change to the files under `paths()` (asked again
    after each run: a run can change what is watched), `runs` times at most."""
    done = 0
    while runs is None or done < runs:
        run()
        done += 1
        watched = paths()
        seen = stamp(watched)
        while stamp(watched) == seen:
            time.sleep(interval)
