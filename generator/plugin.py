"""The MkDocs glue: check briefings before the site is touched, then add their pages in memory."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import search as site_search
from generator.authoring import reference
from generator.errors import Invalid
from generator.load.project import Project
from generator.model import schema
from generator.pages import paths
from generator.pages.site import Site
from generator.pages.urls import Urls
from generator.pipeline import build

log = logging.getLogger("mkdocs.plugins.briefings")


class BriefingsConfig(Config):  # type: ignore[no-untyped-call]
    briefings_dir = c.Type(str, default="briefings")
    seeds_dir = c.Type(str, default="seeds")
    #: `auto` searches with Material's index below `pagefind_from` pages, Pagefind's from there.
    search = c.Choice(site_search.ENGINES, default="auto")
    pagefind_from = c.Type(int, default=site_search.PAGEFIND_FROM)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):  # type: ignore[no-untyped-call]
    """Validates `briefings/` against `seeds/` and generates the briefing pages."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.generated: set[str] = set()
        #: `material` or `pagefind`, for this build; partials/search.html reads it.
        self.search_engine = "material"

    def _project(self, config: MkDocsConfig) -> Project:
        root = Path(config.config_file_path or ".").resolve().parent
        return Project(root, self.config.briefings_dir, self.config.seeds_dir)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if paths.STYLESHEET not in config.extra_css:
            config.extra_css.append(paths.STYLESHEET)
        # Our template overrides come before the theme's own (see generator/overrides/), and
        # after the project's custom_dir, whose own overrides win.
        overrides = str(resources.files("generator").joinpath("overrides"))
        if overrides not in config.theme.dirs:
            custom = config.theme.custom_dir
            config.theme.dirs.insert(1 if custom and config.theme.dirs[0] == custom else 0, overrides)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Before MkDocs empties site_dir: a failed check leaves the last good site in place.
        try:
            site = Site(config.site_name, config.site_description, config.site_url)
            self.pages = build(self._project(config), Urls(config.use_directory_urls), site).pages
        except Invalid as error:
            raise PluginError(error.report()) from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        generated = self.pages
        clashes = sorted(src for src in [*generated, paths.STYLESHEET, paths.SEARCH_SCRIPT] if files.get_file_from_path(src))
        if clashes:
            raise PluginError(
                "docs/ has pages where the briefings plugin generates its own: "
                + ", ".join(clashes)
                + "; expected them removed or renamed"
            )
        for src, content in generated.items():
            files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        self.generated = set(generated)
        self.pages = {}  # the files hold them now
        assets = resources.files("generator").joinpath("assets")
        files.append(File.generated(config, paths.STYLESHEET, content=assets.joinpath("briefings.css").read_bytes()))
        self.search_engine = site_search.engine(self.config.search, len(files.documentation_pages()), self.config.pagefind_from)
        if self.search_engine == "pagefind":
            script = assets.joinpath("briefings-search.js").read_bytes()
            files.append(File.generated(config, paths.SEARCH_SCRIPT, content=script))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.search_engine == "pagefind":
            page.meta["search"] = {"exclude": True}  # Pagefind indexes it instead of Material
        if page.file.src_uri in self.generated:
            # The page has its Markdown now; the file's copy, front matter and all, would
            # only double what thousands of briefings hold in memory.
            page.file.content_string = ""
            return markdown
        if page.file.generated_by:
            return markdown
        expanded, unknown = reference.expand(markdown)
        for marker in unknown:
            log.warning(
                "%s: unknown marker %s; expected <!-- briefing:scale NAME --> (NAME one of %s) or <!-- briefing:fields -->",
                page.file.src_uri,
                marker,
                ", ".join(schema.SCALES),
            )
        return expanded

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.search_engine == "pagefind":
            try:
                site_search.index(Path(config.site_dir), config.use_directory_urls)
            except site_search.IndexFailed as error:
                raise PluginError(str(error)) from None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.briefings_dir, project.seeds_dir):
            server.watch(str(project.root / folder))
        return server
