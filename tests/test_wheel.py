"""The package as a desk installs it: a wheel, in a virtual environment of its own, with no
checkout beside it. `briefing init` writes a site there, and it checks and builds strictly:
every template, asset, override, page and data file the site needs is in the wheel.

Offline: the wheel is built without build isolation by the setuptools of the test extras,
and installed without its dependencies, which the new environment reads from this one's
site-packages (a .pth file), so that nothing is fetched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from generator.authoring import starter

from .conftest import REPO

#: Files of the package that are not shipped on purpose: compiled modules, and notes beside
#: data files on how they were made, which nothing reads.
NOT_SHIPPED = ("__pycache__",)
NOTES = "data/*.md"


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command}:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (a build writes build/ and egg-info beside them)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns(*NOT_SHIPPED))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", tmp / "dist", source], cwd=tmp)
    [built] = (tmp / "dist").glob("briefing_site-*-py3-none-any.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed, and this one's dependencies readable."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=root).stdout.strip())
    # After the new site-packages on sys.path: the wheel's `generator` comes first. A path in a
    # .pth file is added as it is, its own .pth files (this checkout's editable install) unread.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python]
    run([*pip, "install", "--no-index", "--no-deps", "-q", wheel], cwd=root)
    return root


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("generator/")}
    package = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "generator").rglob("*")
        if path.is_file() and not any(part in NOT_SHIPPED for part in path.parts) and not path.match(NOTES)
    }
    assert sorted(package - shipped) == []
    assert wheel.stat().st_size < 2_000_000  # no stray build output


def test_briefing_init_builds_a_site_with_the_installed_package_alone(venv: Path, tmp_path: Path) -> None:
    bin_dir = venv / "bin"
    where = run([bin_dir / "python", "-c", "import generator; print(generator.__file__)"], cwd=tmp_path).stdout
    assert Path(where.strip()).is_relative_to(venv), where  # not this checkout
    run([bin_dir / "briefing", "init", "desk"], cwd=tmp_path)
    desk = tmp_path / "desk"
    checked = run([bin_dir / "briefing", "check"], cwd=desk)
    assert "no problems" in checked.stdout
    built = run([bin_dir / "python", "-m", "mkdocs", "build", "--strict"], cwd=desk)
    assert "WARNING" not in built.stderr, built.stderr
    site = desk / "site"
    for page in (
        "index.html",
        "briefings/orsa-reservoir/index.html",
        "claims/index.html",
        "method/index.html",
        "data/index.html",
        "reference/index.html",
        "assets/briefings.css",
        "assets/briefings-reader.js",
        "feed.xml",
        "briefings.json",
    ):
        assert (site / page).is_file(), page
    assert "Almost certain" in (site / "method" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.relative_to(desk).as_posix() for p in desk.rglob("*") if p.is_file() and "site" not in p.parts) == sorted(
        [*starter.FILES, starter.SCHEMA]
    )
