"""Shared fixtures: the repository's own project, scratch projects, golden files, log capture."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from .goldens import excerpt, first_difference, logical_lines, wrap

# 150 examples a property in a normal run; `pytest --hypothesis-profile=long` digs deeper.
settings.register_profile("default", max_examples=150)
settings.register_profile("long", max_examples=3000)
settings.load_profile("default")

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"

# Material prints an end-of-life notice on import under `mkdocs`; it is not a build warning.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare `actual` with the golden file at `path`, or rewrite it with --update-goldens.

    The file is stored wrapped (see goldens.py); here, in a module whose asserts pytest
    rewrites, so that a failure shows the difference of the texts themselves.
    """
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(wrap(actual).encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path}; run pytest --update-goldens and review the diff"
    # Bytes, not text: reading text would turn a \r\n of the output into \n.
    lines = logical_lines(path.read_bytes().decode("utf-8"))
    expected = "\n".join(line.text for line in lines)
    if actual == expected:
        return
    row, column = first_difference(expected, actual)
    stored_line = lines[row].stored_line(column) if row < len(lines) else lines[-1].pieces[-1][0] + 1
    assert actual == expected, (
        f"{path}: the output differs from the golden file at line {row + 1}, column {column + 1}"
        f" (line {stored_line} of the file)\n"
        f"  golden: {excerpt(expected, row, column)}\n"
        f"  output: {excerpt(actual, row, column)}\n"
        "If the change is intended, run pytest --update-goldens and review the diff."
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project: the repository's mkdocs.yml, docs, briefings and seeds, copied."""
    for name in ("docs", "briefings", "seeds"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture
def case_project(tmp_path: Path) -> Path:
    """An empty project whose seeds are the test seeds."""
    shutil.copytree(CASES / "seeds", tmp_path / "seeds")
    (tmp_path / "briefings").mkdir()
    return tmp_path


@pytest.fixture
def no_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Fail the test if MkDocs or a plugin logs a warning or worse."""
    caplog.set_level(logging.INFO)
    yield
    bad = [f"{r.levelname}: {r.getMessage()}" for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, "unexpected log messages:\n" + "\n".join(bad)


@pytest.fixture
def several(project: Path) -> Path:
    """The shipped briefing and five updates of it, each following the one before."""
    text = (project / "briefings" / "kursk-counteroffensive.yml").read_text(encoding="utf-8")
    for n in range(5):
        changed = text.replace("date: 2026-11-25", f"date: 2026-11-{10 + n}").replace(
            "Russia counterattacks", f"Update {n}, Russia counterattacks"
        )
        if n:  # each update follows the one before: their pages say what changed
            changed = changed.replace("\nsource:", f"\nfollows: update-{n - 1}\nsource:", 1)
        (project / "briefings" / f"update-{n}.yml").write_text(changed, encoding="utf-8")
    return project


def line_of(text: str, line: str) -> int:
    """The number (from 1) of the first line of `text` that is `line`: where a message about
    it points, however the file above it grows."""
    return text.splitlines().index(line) + 1
