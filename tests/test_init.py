"""`briefing init DIR` writes a site that checks, builds strictly and serves its example as written."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import readers
from generator.authoring import starter
from generator.cli import cli
from generator.load.files import file_sha256
from generator.versions import FORMAT, package_version

from .test_deadlinks import nav_of
from .test_links import crawl
from .test_serve import _free_port, _wait_for
from .test_site import build_site

EXAMPLE = "briefings/orsa-reservoir/index.html"
TITLE = "Lake Orsa&#x27;s water cut sets Kelden against Maraval"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "desk"
    result = CliRunner().invoke(cli, ["init", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 9 files into {root}: see {root / 'README.md'}\n"
    return root


@pytest.fixture(scope="module")
def site(desk: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("init-site")
    logs: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = logs.append  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(desk, out)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert [r.getMessage() for r in logs] == []
    yield out


def test_init_writes_the_site_and_nothing_else(desk: Path) -> None:
    written = sorted(p.relative_to(desk).as_posix() for p in desk.rglob("*") if p.is_file())
    assert written == sorted([*starter.FILES, starter.SCHEMA])
    text = (desk / starter.BRIEFING).read_text(encoding="utf-8")
    assert f"sha256: {file_sha256(desk / starter.SEED)}\n" in text and starter.PIN not in text
    assert text.startswith(f"# yaml-language-server: $schema=../{starter.SCHEMA}\n")
    assert f"\nformat: {FORMAT}\n" in text
    assert f"briefing-site=={package_version()}\n" in (desk / "requirements.txt").read_text(encoding="utf-8")


def test_briefing_check_passes_right_after_init(desk: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--root", str(desk)])
    assert result.exit_code == 0, result.output
    assert result.output == "1 briefing(s) checked, 10 evidence passage(s) found in their sources: no problems\n"


def test_the_site_builds_strictly_with_the_example_and_no_dead_link(site: Path) -> None:
    assert f"<h1>{TITLE}</h1>" in (site / EXAMPLE).read_text(encoding="utf-8")
    assert "orsa-reservoir/" in (site / "index.html").read_text(encoding="utf-8")
    assert nav_of(site / "index.html")[-3:] == ["Method", "Data", "Writing briefings"]
    checked, broken = crawl(site, None)
    assert broken == []
    assert checked["html"] > 100


def test_mkdocs_serve_shows_the_example(desk: Path) -> None:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=desk, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/briefings/orsa-reservoir/", TITLE)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not (desk / "site").exists()  # serve builds elsewhere: the folder stays as init wrote it


def test_the_workflow_and_the_pre_commit_config_are_valid(desk: Path) -> None:
    def tool(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", *args], cwd=desk, capture_output=True, text=True, check=False)

    workflow = tool("check_jsonschema", "--builtin-schema", "vendor.github-workflows", ".github/workflows/site.yml")
    assert workflow.returncode == 0, workflow.stdout + workflow.stderr
    steps = yaml.safe_load((desk / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "briefing check" in runs and "mkdocs build --strict" in runs
    config = tool("pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert config.returncode == 0, config.stdout + config.stderr
    [hook] = yaml.safe_load((desk / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["id"] == "briefing-check" and hook["entry"] == "briefing check"


def test_briefing_new_in_the_site_names_its_schema(desk: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(desk, copy)
    (copy / "seeds" / "second.txt").write_text("A second source, in one sentence.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", "second.txt", "--root", str(copy)])
    assert result.exit_code == 0, result.output
    header = (copy / "briefings" / "second.yml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == f"# yaml-language-server: $schema=../{starter.SCHEMA}"
    assert (copy / "briefings" / "second.yml" / ".." / ".." / starter.SCHEMA).resolve().is_file()


def test_render_writes_the_readers_pages_and_the_plugins_nav_for_plain_mkdocs(desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain"
    result = CliRunner().invoke(cli, ["render", str(out), "--root", str(desk)])
    assert result.exit_code == 0, result.output
    for page in readers.PAGES:
        assert "<!-- briefing:" not in (out / "docs" / page).read_text(encoding="utf-8")
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["nav"] == readers.default_nav([], {})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=out, env=env, capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr
    assert nav_of(out / "site" / "index.html") == [*readers.SECTIONS.values(), *readers.PAGES.values()]
    assert f"<h1>{TITLE}</h1>" in (out / "site" / EXAMPLE).read_text(encoding="utf-8")


def test_init_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"1 problem found:\n{tmp_path}: is not empty; expected a new or empty folder for the site\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "site.txt"
    target.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 1
    assert result.output == f"1 problem found:\n{target}: is not a folder; expected a new or empty folder for the site\n"


def test_init_writes_into_an_empty_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mkdocs.yml").is_file()
