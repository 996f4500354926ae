"""A plain project of the site, for engines that run no plugin: `briefing render OUT`.

OUT/docs holds the hand-written pages and the readers' pages the plugin would add (their
reference markers expanded), every page the plugin generates as a Markdown file, the
stylesheet, the feed and the export; OUT/overrides the template overrides; OUT/mkdocs.yml
the project's own, without the plugin, and with the plugin's default nav if it has none.
Plain MkDocs and Zensical build it into the plugin's pages. Pagefind, which the plugin
runs after a build of 1,000 pages or more, runs on the built site after:
`python -m pagefind_bin --site site` (see generator/search.py for the options the plugin uses).
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import yaml

from generator import readers
from generator.authoring import reference
from generator.errors import Invalid, Problem
from generator.pages import paths
from generator.pipeline import build
from generator.siteconfig import CONFIG_FILE, configured

#: The plugin's entry in mkdocs.yml's plugins, with its options, comments included.
_PLUGIN_ENTRY = re.compile(r"(?m)^(?P<indent>[ \t]*)- briefings:?[ \t]*(?:#.*)?\n(?:(?P=indent)[ \t]+(?![ \t]*- ).*\n|[ \t]*\n)*")
_THEME = re.compile(r"(?m)^theme:[ \t]*\n")
_DOCS_DIR = re.compile(r"(?m)^docs_dir:.*\n")
_EXTRA_CSS = re.compile(r"(?m)^extra_css:[ \t]*\n(?=(?P<indent>[ \t]*)- )")
OVERRIDES = "overrides"


def render(root: Path, out: Path) -> list[str]:
    """Write the plain project of `root` into `out`, which must not hold anything yet;
    returns the paths written, relative to `out`."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise Invalid([Problem(str(out), None, None, "is not empty; expected a new or empty folder to write the project into")])
    found = configured(root)
    if found.mkdocs is None:
        raise Invalid(
            [Problem(CONFIG_FILE, None, None, f"there is no {CONFIG_FILE} in {root}; expected the project's site configuration")]
        )
    pages = build(found.project, found.urls, found.site).pages
    docs = out / "docs"
    written: list[str] = []
    shutil.copytree(found.mkdocs.docs_dir, docs, dirs_exist_ok=True)
    # The readers' pages the plugin would add: those at whose address docs/ has no page.
    used: dict[str, str] = {}
    for src in readers.PAGES:
        theirs = next((s for s in _same_address(src) if (docs / s).is_file()), None)
        if theirs is None:
            (docs / src).write_text(readers.text(src), encoding="utf-8")
            written.append(f"docs/{src}")
        used[src] = theirs or src
    for page in sorted(docs.rglob("*.md")):
        expanded, unknown = reference.expand(page.read_text(encoding="utf-8"))
        if unknown:
            shown = page.relative_to(docs).as_posix()
            raise Invalid(
                [Problem(f"docs/{shown}", None, None, f"unknown marker {unknown[0]}; expected {reference.EXPECTED_MARKERS}")]
            )
        page.write_text(expanded, encoding="utf-8")
    assets = resources.files("generator").joinpath("assets")
    generated = {**pages, paths.STYLESHEET: assets.joinpath("briefings.css").read_text(encoding="utf-8")}
    clashes = sorted(src for src in generated if (docs / src).exists())
    if clashes:
        raise Invalid(
            [
                Problem(f"docs/{src}", None, None, "is a page the plugin generates; expected it removed or renamed")
                for src in clashes
            ]
        )
    for src, text in generated.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(text, encoding="utf-8")
        written.append(f"docs/{src}")
    overrides = out / OVERRIDES
    _copy_overrides(overrides)
    custom = found.mkdocs.theme.custom_dir
    if custom:  # the project's own overrides win over ours, as with the plugin
        shutil.copytree(custom, overrides, dirs_exist_ok=True)
    config = _plain_config((root / CONFIG_FILE).read_text(encoding="utf-8"))
    if found.mkdocs.nav is None:  # the nav the plugin would give the site
        from mkdocs.structure.files import get_files  # only here: loading MkDocs takes a while

        ours = {*generated, *used.values()}
        own = [f.src_uri for f in get_files(found.mkdocs).documentation_pages() if f.src_uri not in ours]
        nav = yaml.safe_dump({"nav": readers.default_nav(own, used)}, allow_unicode=True, sort_keys=False)
        config = config.rstrip("\n") + "\n\n" + nav
    (out / CONFIG_FILE).write_text(config, encoding="utf-8")
    return sorted([CONFIG_FILE, *written])


def _same_address(src: str) -> tuple[str, str]:
    """The two paths in docs/ of a page at the address of `src`: `method.md` and `method/index.md`."""
    return src, src.removesuffix(".md") + "/index.md"


def _copy_overrides(target: Path) -> None:
    source = resources.files("generator").joinpath("overrides")
    with resources.as_file(source) as folder:
        shutil.copytree(folder, target, ignore=shutil.ignore_patterns("briefings-reuse.html"))


def _plain_config(text: str) -> str:
    """The project's mkdocs.yml without the plugin, with our overrides and stylesheet."""
    text, found = _PLUGIN_ENTRY.subn("", text)
    if not found:
        raise Invalid(
            [Problem(CONFIG_FILE, None, None, "has no '- briefings' entry under plugins; expected the briefings plugin in it")]
        )
    text = _DOCS_DIR.sub("", text)
    text = re.sub(r"(?m)^  custom_dir:.*\n", "", text)
    if not _THEME.search(text):
        raise Invalid([Problem(CONFIG_FILE, None, None, "has no theme: mapping; expected theme: with name: material")])
    text = _THEME.sub(f"theme:\n  custom_dir: {OVERRIDES}\n", text, count=1)
    if (listed := _EXTRA_CSS.search(text)) is not None:  # one more item, indented as the others
        item = f"{listed['indent']}- {paths.STYLESHEET}\n"
        text = text[: listed.end()] + item + text[listed.end() :]
    else:
        text = text.rstrip("\n") + f"\n\nextra_css:\n  - {paths.STYLESHEET}\n"
    return f"# Written by `briefing render`: the site without the briefings plugin.\ndocs_dir: docs\n{text}"
