"""`briefing render OUT`: a plain project that MkDocs without the plugin, and Zensical, build
into the plugin's pages; and a list of what each engine does differently."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

from .conftest import REPO
from .test_determinism import tree
from .test_site import build_site

ZENSICAL = Path(sys.executable).parent / "zensical"
#: Files under these folders are each engine's own theme: scripts, styles, search workers.
THEME = ("assets/javascripts/", "assets/stylesheets/")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("engines") / "plain"
    result = CliRunner().invoke(cli, ["render", str(out), "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    site = tmp_path_factory.mktemp("plugin") / "site"
    build_site(REPO, site)
    return tree(site)


def engine_build(command: list[str], project: Path) -> dict[str, bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return tree(project / "site")


def test_render_writes_every_generated_page_and_a_config_without_the_plugin(rendered: Path) -> None:
    config = (rendered / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- briefings" not in config and "custom_dir: overrides" in config
    assert (rendered / "docs" / "briefings" / "kursk-counteroffensive" / "source.md").is_file()
    assert (rendered / "docs" / "feed.xml").is_file() and (rendered / "docs" / "briefings.json").is_file()
    assert "<!-- briefing:" not in (rendered / "docs" / "reference.md").read_text(encoding="utf-8")
    assert (rendered / "overrides" / "main.html").is_file()


def test_render_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(tmp_path), "--root", str(REPO)])
    assert result.exit_code == 1
    assert (
        result.output == f"1 problem found:\n{tmp_path}: is not empty; expected a new or empty folder to write the project into\n"
    )


def test_plain_mkdocs_builds_the_plugins_site(rendered: Path, plugin_site: dict[str, bytes]) -> None:
    plain = engine_build([sys.executable, "-m", "mkdocs", "build", "--strict"], rendered)
    assert plain.keys() == plugin_site.keys()
    assert [name for name in plain if plain[name] != plugin_site[name]] == ["search/search_index.json"]
    # Material's own search reads the same pages; the plugin hands it generated pages in
    # another order and without what they exclude from search.
    locations = [{d["location"] for d in json.loads(site["search/search_index.json"])["docs"]} for site in (plain, plugin_site)]
    assert locations[0] == locations[1]


def test_zensical_builds_every_page_with_its_content(rendered: Path, plugin_site: dict[str, bytes]) -> None:
    assert ZENSICAL.is_file(), "zensical is one of the test extras: pip install -e '.[test]'"
    built = engine_build([str(ZENSICAL), "build"], rendered)
    pages = sorted(name for name in plugin_site if name.endswith(".html"))
    missing = [name for name in pages if name not in built]
    assert missing == []
    for name in pages:
        ours, theirs = plugin_site[name].decode("utf-8"), built[name].decode("utf-8")
        content = set(re.findall(r'\sid="((?:ev|claim|front|question|stake|takeaway|event|claimant|actor|in|q)-[^"]+)"', ours))
        assert content <= set(re.findall(r'\sid="([^"]+)"', theirs)), name
        assert "assets/briefings.css" in theirs and "application/atom+xml" in theirs, name
    for data in ("feed.xml", "briefings.json"):
        assert built[data] == plugin_site[data]
    # What Zensical does its own way, as the README says: its theme's files, its search
    # index, and no gzipped copy of the sitemap.
    only_ours = sorted(n for n in set(plugin_site) - set(built) if not n.startswith(THEME))
    only_theirs = sorted(n for n in set(built) - set(plugin_site) if not n.startswith(THEME))
    assert (only_ours, only_theirs) == (["search/search_index.json", "sitemap.xml.gz"], ["search.json"])


def render_problem(root: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["render", str(out), "--root", str(root)])
    assert result.exit_code == 1
    return result.output


def test_render_needs_a_mkdocs_yml(tmp_path: Path) -> None:
    assert render_problem(tmp_path, tmp_path / "out") == (
        f"1 problem found:\nmkdocs.yml: there is no mkdocs.yml in {tmp_path}; expected the project's site configuration\n"
    )


def test_render_needs_the_plugin_in_mkdocs_yml(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^  - briefings:\n(?:      .*\n)*", "", text), encoding="utf-8")
    assert render_problem(project, tmp_path / "out") == (
        "1 problem found:\nmkdocs.yml: has no '- briefings' entry under plugins; expected the briefings plugin in it\n"
    )


def test_render_refuses_a_docs_page_where_a_page_is_generated(project: Path, tmp_path: Path) -> None:
    (project / "docs" / "claims.md").write_text("# Mine\n", encoding="utf-8")
    assert render_problem(project, tmp_path / "out") == (
        "1 problem found:\ndocs/claims.md: is a page the plugin generates; expected it removed or renamed\n"
    )
