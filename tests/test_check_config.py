"""`briefing check` checks what the build builds: the folders mkdocs.yml gives the plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import cli

from .conftest import REPO


def check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", "--root", str(root)])
    return result.exit_code, result.output


def configured(tmp_path: Path, options: str) -> Path:
    """The repository's site with the plugin's options replaced by `options`."""
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    default = "      briefings_dir: briefings\n"
    assert default in config
    (tmp_path / "mkdocs.yml").write_text(config.replace(default, options), encoding="utf-8")
    return tmp_path


def test_check_reads_the_briefings_folder_from_mkdocs_yml(tmp_path: Path) -> None:
    root = configured(tmp_path, "      briefings_dir: notes\n")
    shutil.copytree(REPO / "briefings", root / "notes")
    assert check(root) == (0, "1 briefing(s) checked, 29 evidence passage(s) found in their sources: no problems\n")
    (root / "notes" / "kursk-counteroffensive.yml").rename(root / "notes" / "Kursk.yml")
    code, output = check(root)
    assert code == 1
    assert output.splitlines()[1].startswith("notes/Kursk.yml: the file name 'Kursk' is not a briefing id")


def test_check_without_mkdocs_yml_uses_the_default_folders(tmp_path: Path) -> None:
    shutil.copytree(REPO / "briefings", tmp_path / "briefings")
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    assert check(tmp_path)[0] == 0


def test_a_plugin_option_mkdocs_refuses_is_reported_by_check(tmp_path: Path) -> None:
    root = configured(tmp_path, "      briefings_dir: 3\n")
    assert check(root) == (
        1,
        "1 problem found:\n"
        "mkdocs.yml: Config value 'plugins': Plugin 'briefings' option 'briefings_dir': Expected type: <class 'str'> "
        "but received: <class 'int'>; expected a configuration that mkdocs build accepts\n",
    )


def test_an_unreadable_mkdocs_yml_is_one_problem_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    code, output = check(tmp_path)
    assert code == 1
    assert output.startswith("1 problem found:\nmkdocs.yml: MkDocs encountered an error parsing the configuration file: ")
    assert output.endswith("; expected a configuration that mkdocs build accepts\n")
    assert output.count("\n") == 2
