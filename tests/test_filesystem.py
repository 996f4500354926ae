"""What the file system can refuse is a problem with the file's name, never a traceback.

The tests run as root in CI, where a mode of 000 does not stop reading; a refusal is made
here by standing in for the one OS call that would refuse, for one path only. Links,
folders and FIFOs are real.
"""

from __future__ import annotations

import builtins
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import Invalid
from generator.load.project import Project
from generator.pipeline import load

from .conftest import CASES

posix_only = pytest.mark.skipif(os.name != "posix", reason="links and FIFOs as POSIX has them")


def report(root: Path) -> list[str]:
    """The problem lines of checking the project at `root`, as `briefing check` prints them."""
    with pytest.raises(Invalid) as raised:
        load(Project(root))
    run = CliRunner().invoke(cli, ["check", "--root", str(root)])
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    assert run.stderr.splitlines() == raised.value.report().splitlines()
    return raised.value.report().splitlines()


def project_with(tmp_path: Path, *names: str) -> Path:
    """A project whose briefings are the test cases `names` (valid.yml, or one in invalid/)."""
    shutil.copytree(CASES / "seeds", tmp_path / "seeds")
    (tmp_path / "briefings").mkdir()
    for name in names:
        source = CASES / name if (CASES / name).exists() else CASES / "invalid" / name
        shutil.copy(source, tmp_path / "briefings" / name)
    return tmp_path


def deny(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, denied: Path) -> None:
    """Make `owner.name` (an OS call that takes a path first) refuse `denied` and all inside it."""
    real: Callable[..., Any] = getattr(owner, name)

    def refusing(path: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, (str, os.PathLike)):
            given = Path(os.fspath(path))
            if given == denied or denied in given.parents:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(owner, name, refusing)


def test_a_briefings_folder_that_cannot_be_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_with(tmp_path, "valid.yml")
    deny(monkeypatch, os, "listdir", root / "briefings")
    assert report(root) == [
        "1 problem found:",
        "briefings: cannot be read (Permission denied); expected a folder of NAME.yml files that can be read",
    ]


def test_a_briefing_that_cannot_be_read_hides_no_other_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_with(tmp_path, "valid.yml", "missing-source.yml")
    deny(monkeypatch, builtins, "open", root / "briefings" / "valid.yml")
    assert report(root) == [
        "2 problems found:",
        "briefings/missing-source.yml:5:9: source file 'seeds/missing-article.txt' does not exist; expected a text file in seeds/",
        "briefings/valid.yml: cannot be read (Permission denied); expected a readable file",
    ]


def test_a_briefing_that_cannot_be_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_with(tmp_path, "valid.yml", "missing-source.yml")
    deny(monkeypatch, os, "stat", root / "briefings" / "valid.yml")
    assert report(root)[1:] == [
        "briefings/missing-source.yml:5:9: source file 'seeds/missing-article.txt' does not exist; expected a text file in seeds/",
        "briefings/valid.yml: cannot be read (Permission denied); expected a briefing file that can be read",
    ]


def test_a_seeds_folder_that_cannot_be_entered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_with(tmp_path, "valid.yml", "unused-evidence.yml")
    deny(monkeypatch, os, "stat", root / "seeds")
    assert report(root) == [
        "3 problems found:",
        "briefings/unused-evidence.yml:5:9: source file 'seeds/article.txt' cannot be read (Permission denied); expected a readable text file in seeds/",
        "briefings/unused-evidence.yml:43:9: evidence[0]: 'snagos' is cited by nothing; expected every passage to back a statement (cite it or remove it)",
        "briefings/valid.yml:5:9: source file 'seeds/article.txt' cannot be read (Permission denied); expected a readable text file in seeds/",
    ]


def test_a_source_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project_with(tmp_path, "valid.yml")
    deny(monkeypatch, builtins, "open", root / "seeds" / "article.txt")
    assert report(root) == [
        "1 problem found:",
        "briefings/valid.yml:5:9: source file 'seeds/article.txt': cannot be read (Permission denied); expected a readable file",
    ]


def test_a_briefings_path_that_is_a_file(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    (root / "briefings").rmdir()
    (root / "briefings").write_text("title: not a folder\n", encoding="utf-8")
    assert report(root) == [
        "1 problem found:",
        "briefings: the briefings folder is not a folder; expected a folder of NAME.yml files",
    ]


@posix_only
def test_a_seeds_folder_that_is_a_loop_of_links(tmp_path: Path) -> None:
    root = project_with(tmp_path, "valid.yml")
    shutil.rmtree(root / "seeds")
    (root / "seeds").symlink_to("seeds")
    assert report(root) == [
        "1 problem found:",
        "briefings/valid.yml:5:9: source file 'seeds/article.txt' cannot be read (Too many levels of symbolic links); expected a readable text file in seeds/",
    ]


@posix_only
def test_a_briefings_folder_that_is_a_loop_of_links(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    (root / "briefings").rmdir()
    (root / "briefings").symlink_to("briefings")
    assert report(root) == [
        "1 problem found:",
        "briefings: cannot be read (Too many levels of symbolic links); expected a folder of NAME.yml files that can be read",
    ]


def test_a_source_path_that_is_a_folder(tmp_path: Path) -> None:
    root = project_with(tmp_path, "valid.yml")
    (root / "seeds" / "article.txt").unlink()
    (root / "seeds" / "article.txt").mkdir()
    assert report(root) == [
        "1 problem found:",
        "briefings/valid.yml:5:9: source file 'seeds/article.txt' is a folder; expected a text file in seeds/",
    ]


@posix_only
def test_links_to_nothing_and_loops_among_the_briefings(tmp_path: Path) -> None:
    root = project_with(tmp_path, "valid.yml")
    (root / "briefings" / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    (root / "briefings" / "loop.yml").symlink_to("loop.yml")
    assert report(root) == [
        "2 problems found:",
        "briefings/gone.yml: a link to a file that does not exist; expected a briefing file",
        "briefings/loop.yml: cannot be read (Too many levels of symbolic links); expected a briefing file that can be read",
    ]


@posix_only
def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    """Reading a FIFO would wait for a writer for ever: it is refused on what it is."""
    root = project_with(tmp_path, "valid.yml")
    os.mkfifo(root / "briefings" / "pipe.yml")
    (root / "seeds" / "article.txt").unlink()
    os.mkfifo(root / "seeds" / "article.txt")
    assert report(root) == [
        "2 problems found:",
        "briefings/pipe.yml: not a briefing file; expected only NAME.yml files in briefings/",
        "briefings/valid.yml:5:9: source file 'seeds/article.txt' is not a regular file; expected a text file in seeds/",
    ]


def test_a_file_name_can_neither_forge_nor_reverse_a_line_of_the_report(tmp_path: Path) -> None:
    root = project_with(tmp_path, "valid.yml")
    (root / "briefings" / "x\nvalid.yml:1:1: fine").write_text("", encoding="utf-8")
    (root / "briefings" / "report\u202etxt.yml").write_text("", encoding="utf-8")
    assert report(root) == [
        "2 problems found:",
        "briefings/report\\u202etxt.yml: the file name 'report\\u202etxt' is not a briefing id; expected lower-case letters,"
        " digits and single hyphens, at most 64 characters, then .yml",
        "briefings/x\\nvalid.yml:1:1: fine: not a briefing file; expected only NAME.yml files in briefings/",
    ]
