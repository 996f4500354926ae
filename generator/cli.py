"""The `briefing` command: start a site, check briefings, start new ones."""

from __future__ import annotations

import contextlib
import datetime
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from generator import standalone
from generator.authoring import starter
from generator.authoring.skeleton import create
from generator.cache import Cache
from generator.errors import Invalid
from generator.load.project import Project
from generator.model.schema import json_schema
from generator.pages import export
from generator.pages.site import Site
from generator.pages.urls import Urls
from generator.pipeline import Outcome, build
from generator.siteconfig import CONFIG_FILE, configured
from generator.versions import FORMAT, package_version
from generator.watch import watch as watch_files

T = TypeVar("T")

_ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The project folder, holding mkdocs.yml (if any), briefings/ and seeds/.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show a Python traceback when something fails unexpectedly.")
@click.version_option(
    package_version(),
    "--version",
    prog_name="briefing",
    message=f"%(prog)s %(version)s (reads briefing format up to {FORMAT})",
    help="Show the version, and the newest briefing format it reads, and exit.",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Check and write structured briefings on a source text."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
def init(directory: Path) -> None:
    """Write a new briefing site into DIRECTORY, which must be empty or not exist yet.

    It gets a mkdocs.yml with the briefings plugin, one commented example briefing on a
    short fictional source in briefings/ and seeds/, a GitHub Actions workflow (check,
    strict build, GitHub Pages), a .pre-commit-config.yaml running briefing check, the
    JSON Schema for editors, requirements.txt naming this version, and a README for
    authors. `briefing check` and `mkdocs build --strict` pass in it as written.

    Example: briefing init desk && cd desk && mkdocs serve
    """
    written = _or_fail(lambda: starter.init(directory))
    click.echo(f"wrote {len(written)} files into {directory}: see {directory / 'README.md'}")


@cli.command()
@_ROOT
@click.option("--watch", is_flag=True, help="Check again after every change to briefings, sources or mkdocs.yml, until stopped.")
def check(root: Path, watch: bool) -> None:
    """Check every briefing against the schema and its source.

    Reads the folders from the briefings plugin's options in mkdocs.yml, when the
    project has one, and renders every page as the build would. Prints each problem
    as path:line:column: message, all of them, and exits 1 if there are any. With
    --watch, checks again after each change, loading only what changed.

    Example: briefing check
    """
    root = root.resolve()
    if not watch:
        # The whole pipeline, pages included, with the site's own settings: what
        # passes here, the build renders.
        click.echo(_passed(_or_fail(lambda: build(*_configured(root)))))
        return
    cache = Cache()
    folders: list[Path] = [root / CONFIG_FILE]

    def run() -> None:
        nonlocal folders
        stamp = datetime.datetime.now().strftime("%H:%M:%S")
        try:
            project, urls, site = _configured(root)
            folders = [root / CONFIG_FILE, project.root / project.briefings_dir, project.root / project.seeds_dir]
            click.echo(f"{stamp} {_passed(build(project, urls, site, cache=cache))}")
        except Invalid as error:
            click.echo(f"{stamp} {error.report()}", err=True)
        except Exception as error:  # an unexpected failure: said, and the watch goes on
            click.echo(f"{stamp} error: {type(error).__name__}: {error}", err=True)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C ends the watch, not in error
        watch_files(lambda: folders, run)


def _passed(outcome: Outcome) -> str:
    return f"{outcome.briefings} briefing(s) checked, {outcome.passages} evidence passage(s) found in their sources: no problems"


@cli.command()
@click.argument("seed")
@click.option("--id", "briefing_id", help="The new briefing's id (its file name); by default made from the seed's name.")
@_ROOT
def new(seed: str, briefing_id: str | None, root: Path) -> None:
    """Write a skeleton briefing for SEED, a file in seeds/.

    Every section is present and commented; `briefing check` passes once every
    TODO: text is replaced. Never overwrites an existing file.

    Example: briefing new seeds/article.txt
    """
    path = _or_fail(lambda: create(Project(root.resolve()), seed, briefing_id, datetime.date.today()))
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@_ROOT
def render(out: Path, root: Path) -> None:
    """Write the site as a plain project into OUT, for MkDocs without this plugin or Zensical.

    OUT/docs gets every generated page as Markdown beside the hand-written ones, with
    the stylesheet, the feed and the export; OUT/overrides the template overrides;
    OUT/mkdocs.yml the project's own without the plugin. Build it with `mkdocs build`
    or `zensical build` in OUT. Large sites search with Pagefind: run
    `python -m pagefind_bin --site site` on the built site after. OUT must be empty.

    Example: briefing render plain && cd plain && zensical build
    """
    written = _or_fail(lambda: standalone.render(root.resolve(), out))
    click.echo(f"wrote {len(written)} files into {out}")


@cli.command()
@click.option("--export", "of_export", is_flag=True, help="The schema of the site's briefings.json export instead.")
def schema(of_export: bool) -> None:
    """Print the JSON Schema of a briefing file, for editors that complete YAML.

    The repository keeps a copy at generator/briefing.schema.json, which every
    briefing names on its first line, and one of the export at generator/export.schema.json.

    Example: briefing schema > briefing.schema.json
    """
    document = export.json_schema() if of_export else json_schema()
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


def _configured(root: Path) -> tuple[Project, Urls, Site]:
    found = configured(root)
    return found.project, found.urls, found.site


def _or_fail(action: Callable[[], T]) -> T:
    try:
        return action()
    except Invalid as error:
        click.echo(error.report(), err=True)
        sys.exit(1)
    except Exception as error:  # an unexpected failure: say what, not where
        if click.get_current_context().find_root().obj.get("debug"):
            raise
        click.echo(f"error: {type(error).__name__}: {error} (run with --debug for a traceback)", err=True)
        sys.exit(2)


def main() -> None:
    cli(prog_name="briefing")
