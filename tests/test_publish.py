"""`mkdocs build` changes the site whole or not at all: any failure, even a kill, leaves the last good site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import Staging

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict"]  # not --quiet: it hides warnings from --strict


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(MKDOCS, cwd=project, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def built(project: Path) -> Path:
    """A project with a good site in site/."""
    done = mkdocs_build(project)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "index.html").is_file()
    return project


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


def test_a_build_swaps_the_new_site_in_and_leaves_nothing_beside_it(built: Path) -> None:
    (built / "site" / "stale.html").write_text("from an older build", encoding="utf-8")
    done = mkdocs_build(built)
    assert done.returncode == 0, done.stderr
    assert not (built / "site" / "stale.html").exists()
    assert (built / "site" / "index.html").is_file()
    assert leftovers(built) == []


def test_a_docs_page_at_a_generated_address_fails_the_build_and_keeps_the_site(built: Path) -> None:
    before = tree(built / "site")
    (built / "docs" / "fronts").mkdir()
    (built / "docs" / "fronts" / "kursk.md").write_text("# Mine\n", encoding="utf-8")
    done = mkdocs_build(built)
    assert done.returncode == 1
    assert (
        "docs/ has pages where the briefings plugin generates its own: fronts/kursk.md "
        "(the address of the generated fronts/kursk/index.md); expected them removed or renamed"
    ) in done.stderr
    assert tree(built / "site") == before
    assert leftovers(built) == []


def test_a_strict_warning_fails_the_build_and_keeps_the_site(built: Path) -> None:
    before = tree(built / "site")
    page = built / "docs" / "performance.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- briefing:scale odds -->\n", encoding="utf-8")
    done = mkdocs_build(built)
    assert done.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in done.stdout
    assert tree(built / "site") == before
    assert leftovers(built) == []


def test_a_killed_build_keeps_the_site_and_the_next_build_clears_what_it_left(built: Path) -> None:
    before = tree(built / "site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen(MKDOCS, cwd=built, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = built / ".site.partial"
    deadline = time.monotonic() + 60
    while not (partial / "assets").exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert partial.is_dir()  # killed half-way through writing
    assert tree(built / "site") == before
    done = mkdocs_build(built)
    assert done.returncode == 0, done.stderr
    assert leftovers(built) == []


def published(target: Path) -> list[str]:
    """Build a one-page site beside `target`, publish it, and list what stands in the folder."""
    staging = Staging(target)
    staging.path.mkdir()
    (staging.path / "index.html").write_text("new", encoding="utf-8")
    staging.publish()
    assert (target / "index.html").read_text(encoding="utf-8") == "new"
    return sorted(p.name for p in target.parent.iterdir())


def test_the_first_build_publishes_where_there_was_no_site(tmp_path: Path) -> None:
    assert published(tmp_path / "site") == ["site"]


def test_a_site_that_is_a_file_is_replaced_whole(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    assert published(tmp_path / "site") == ["site"]
