"""The MkDocs glue: check briefings before the site is touched, then add their pages in memory."""

from __future__ import annotations

import logging
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator import partials, readers, share
from generator import search as site_search
from generator.authoring import reference
from generator.deadlinks import dead_links, links
from generator.errors import Invalid
from generator.load.project import Project
from generator.mkpages import GeneratedPage, ReusedPage, nav_titles
from generator.pages import paths, prepare
from generator.pages.assemble import site_pages
from generator.pages.prepare import Prepared
from generator.pages.site import Site
from generator.pages.spool import Spool, fresh_spool, spool_of
from generator.pages.tohtml import Converter
from generator.pages.urls import Urls
from generator.pipeline import build
from generator.preview import Preview, insert
from generator.publish import Staging

log = logging.getLogger("mkdocs.plugins.briefings")
_DEAD_EXPECTED = "expected a page or file of the site there"


class BriefingsConfig(Config):  # type: ignore[no-untyped-call]
    briefings_dir = c.Type(str, default="briefings")
    seeds_dir = c.Type(str, default="seeds")
    #: `auto` searches with Material's index below `pagefind_from` pages, Pagefind's from there.
    search = c.Choice(site_search.ENGINES, default="auto")
    pagefind_from = c.Type(int, default=site_search.PAGEFIND_FROM)


def project_of(config: MkDocsConfig, options: BriefingsConfig) -> Project:
    """The project a site's configuration names: its folders, relative to mkdocs.yml."""
    root = Path(config.config_file_path or ".").resolve().parent
    return Project(root, options.briefings_dir, options.seeds_dir)


def site_of(config: MkDocsConfig) -> tuple[Urls, Site]:
    """How the site's pages link to each other, and what the site is called and where it is."""
    return Urls(config.use_directory_urls), Site(config.site_name, config.site_description, config.site_url)


class BriefingsPlugin(BasePlugin[BriefingsConfig]):  # type: ignore[no-untyped-call]
    """Validates `briefings/` against `seeds/` and generates the briefing pages."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.generated: set[str] = set()
        #: The readers' pages this site takes from the package (generator/readers.py).
        self.readers: set[str] = set()
        #: `material` or `pagefind`, for this build; partials/search.html reads it.
        self.search_engine = "material"
        #: Whether this run builds the whole site from the command line (not serve, not --dirty).
        self.whole_build = False
        self.staging: Staging | None = None
        self.built = False
        #: Under `mkdocs serve`, what is kept from one build to the next.
        self.preview: Preview | None = None
        self.order: list[tuple[str, str]] = []
        #: Every page of the site, in MkDocs' order, those the preview skips included.
        self.documents: list[File] = []
        #: In a one-off build, the folder the generated pages are written to, and their names.
        self.spool: Path | None = None
        self.spooled: list[str] = []
        self.prepared: dict[str, Prepared] = {}
        self.nav: Navigation | None = None
        #: In a one-off build of many pages, the processes building some of them (share.py).
        self.shared: share.Shared | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.whole_build = command in ("build", "gh-deploy") and not dirty
        self.preview = Preview(dirty=dirty) if command == "serve" else None

    def _project(self, config: MkDocsConfig) -> Project:
        return project_of(config, self.config)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.whole_build:
            # Build beside site_dir; on_shutdown swaps it in once MkDocs has finished,
            # its strict check included.
            self.staging = Staging(Path(config.site_dir))
            config.site_dir = str(self.staging.path)
            self.built = False
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
        project = self._project(config)
        if self.preview is not None:
            self.preview.files.hold(config.site_dir)  # before MkDocs empties it
            urls, site = site_of(config)
            self.pages = self.preview.pages(
                project.root,
                lambda cache: build(project, urls, site, cache=cache).pages,
                lambda: dict(site_pages([], urls, site)),
            )
            return
        # A one-off build writes its pages to a spool beside the site, not to memory; MkDocs
        # reads each from there (pages/spool.py).
        folder = self.staging.target if self.staging is not None else Path(config.site_dir)
        markdown = (config.markdown_extensions, config.mdx_configs) if prepare.allowed(config, self) else None
        try:
            self.spool = fresh_spool(folder)
            outcome = build(project, *site_of(config), spool=self.spool, markdown=markdown)
            self.spooled, self.prepared = outcome.spooled, outcome.prepared
        except Invalid as error:
            self._drop_spool()
            raise PluginError(error.report()) from None
        except OSError as error:  # a full disk, a folder it may not write in
            self._drop_spool()
            raise PluginError(
                f"{spool_of(folder)}: the generated pages could not be written there ({error.strerror or error}); "
                "expected room and leave to write beside the site's folder"
            ) from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        generated = [
            File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            for src, content in self.pages.items()
        ]
        spool = None if self.spool is None else Spool(self.spool)
        if spool is not None:
            generated += [
                File.generated(config, src, abs_src_path=str(spool.path(src)), inclusion=InclusionLevel.NOT_IN_NAV)
                for src in self.spooled
            ]
        self.pages, self.spooled = {}, []  # the files hold them now
        assets = resources.files("generator").joinpath("assets")
        generated.append(File.generated(config, paths.STYLESHEET, content=assets.joinpath("briefings.css").read_bytes()))
        count = len(files.documentation_pages()) + sum(f.is_documentation_page() for f in generated)
        self.search_engine = site_search.engine(self.config.search, count, self.config.pagefind_from)
        if self.preview is not None and self.config.search == "auto":
            # Pagefind indexes the whole site again after every build; the preview searches
            # with Material's index, which a rebuild updates page by page (preview.py).
            self.search_engine = "material"
        if self.search_engine == "pagefind":
            script = assets.joinpath("briefings-search.js").read_bytes()
            generated.append(File.generated(config, paths.SEARCH_SCRIPT, content=script))
        # By the address each file is written to: docs/fronts/kursk.md and a generated
        # fronts/kursk/index.md are two names for one page.
        ours = {f.dest_uri: f.src_uri for f in generated}
        clashes = sorted(_clash(f.src_uri, ours[f.dest_uri]) for f in files if f.dest_uri in ours)
        if clashes:
            raise PluginError(
                "docs/ has pages where the briefings plugin generates its own: "
                + ", ".join(clashes)
                + "; expected them removed or renamed"
            )
        pages = [f for f in generated if f.is_documentation_page()]
        if self.preview is not None:
            markdown = {f.src_uri: f.content_string for f in pages}
            self.preview.plan(markdown, list(files), config.config_file_path, self.search_engine)
        for file in generated:
            files.append(file)
        self.generated = {f.src_uri for f in generated}
        used = self._add_readers(files, config, nav_titles(config.nav))
        if config.nav is None:
            not_own = self.generated | set(used.values())
            own = [f.src_uri for f in files.documentation_pages() if f.src_uri not in not_own]
            config.nav = readers.default_nav(own, used)
        converter = Converter(config.markdown_extensions, config.mdx_configs)
        titles = nav_titles(config.nav)
        prepared, self.prepared = self.prepared, {}
        for file in pages:
            if self.preview is not None and self.preview.reused(file.src_uri):
                ReusedPage(titles.get(file.src_uri), file, config, converter)
                continue
            ready = prepared.get(file.src_uri)
            made = None if ready is None or spool is None else (spool.html(file.src_uri), ready)
            GeneratedPage(titles.get(file.src_uri), file, config, converter, made)
        existing = {f.dest_uri for f in files}
        # One page in memory at a time; a prepared page's links were listed by its worker.
        checked = ((f.src_uri, f.url, "" if f.src_uri in prepared else f.content_string) for f in pages)
        if self.preview is not None:
            found = dead_links(checked, existing, self.preview.links)
        else:
            found = dead_links(
                checked, existing, lambda src, url, text: prepared[src].links if src in prepared else links(url, text)
            )
        for page, address in found:
            log.warning("%s: the generated page links to %s, which is not in the site; %s", page, address, _DEAD_EXPECTED)
        self.documents = list(files.documentation_pages())
        self.order = [(f.src_uri, f.url) for f in self.documents]
        if self.preview is not None:
            # A page written back as last built, and in no nav: MkDocs need not read,
            # render or write it at all; on_post_build writes it back.
            for file in pages:
                if self.preview.reused(file.src_uri) and file.src_uri not in titles:
                    file.inclusion = InclusionLevel.EXCLUDED
                    self.preview.skipped.append(file)
        return files

    def _add_readers(self, files: Files, config: MkDocsConfig, titles: dict[str, str | None]) -> dict[str, str]:
        """Add the readers' pages at whose address docs/ has none; for each, the page used."""
        self.readers = set()
        taken = {f.dest_uri: f.src_uri for f in files}
        used: dict[str, str] = {}
        for src in readers.PAGES:
            file = File.generated(config, src, content=readers.text(src))
            if file.dest_uri in taken:
                used[src] = taken[file.dest_uri]  # the desk's own page at that address
                continue
            if config.nav is not None and src not in titles:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # a nav that leaves it out is not told it forgot it
            files.append(file)
            used[src] = src
            self.readers.add(src)
        return used

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.search_engine == "pagefind":
            page.meta["search"] = {"exclude": True}  # Pagefind indexes it instead of Material
        if page.file.src_uri in self.generated:
            # The page has its Markdown now; the file's copy, front matter and all, would
            # only double what thousands of briefings hold in memory.
            page.file.content_string = ""
            return markdown
        if page.file.generated_by and page.file.src_uri not in self.readers:
            return markdown
        expanded, unknown = reference.expand(markdown)
        for marker in unknown:
            log.warning("%s: unknown marker %s; expected %s", page.file.src_uri, marker, reference.EXPECTED_MARKERS)
        return expanded

    @event_priority(100)  # before Material's search reads the page
    def _on_page_context_search(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if isinstance(page, GeneratedPage):  # a generated page (ReusedPage is one too)
            # Material's search is shown the page without what it would skip anyway, and
            # nothing under Pagefind, where it indexes no page; the page is whole again
            # once the search has read it (_on_page_context_whole). Either way Material's
            # search then removes every `data-search-*="..."` attribute from what it was
            # shown, which generated pages do not have: their one such attribute has no value.
            page.show(site_search.without_excluded(page.content or "") if self.search_engine == "material" else "")
        return context

    @event_priority(-100)  # after Material's search has read the page
    def _on_page_context_whole(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if isinstance(page, GeneratedPage):
            page.end_show()
        return context

    on_page_context = CombinedEvent(_on_page_context_search, _on_page_context_whole)

    @event_priority(-100)  # the nav as MkDocs will build with it, after every plugin's changes
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)  # the environment as MkDocs will build with it
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        if self.nav is not None:  # before the children fork, who render with it
            partials.keep(env, self.nav, config, self.generated)
        if (
            self.preview is None
            and self.spool is not None
            and self.nav is not None
            and share.allowed(config, self, self.search_engine)
        ):
            pages = [f.page for f in self.documents if f.src_uri in self.generated and f.page is not None]
            self.shared = share.start(pages, self.documents, config, self.nav, env)
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, GeneratedPage):
            page.let_go()
        return output if self.preview is None else self.preview.output(page.file.src_uri, output, page.file.abs_dest_path)

    def on_template_context(self, context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
        if (self.preview is not None and self.preview.skipped) or self.shared is not None:
            context["pages"] = self.documents  # the sitemap lists the pages built elsewhere too
        return context

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if self.preview is None or not self.preview.panel or not template_name.endswith(".html"):
            return output_content
        return insert(output_content, self.preview.panel)

    @event_priority(50)  # before Material's search writes its index
    def _on_post_build(self, config: MkDocsConfig) -> None:
        if self.preview is not None:
            self.preview.write_skipped()
        if self.preview is not None and self.search_engine == "material":
            for plugin in config.plugins.values():
                index = getattr(plugin, "search_index", None)
                if index is not None and hasattr(index, "entries"):
                    index.entries = self.preview.search_entries(index.entries, self.order)
        if self.preview is not None:
            self.preview.taken()
        if self.search_engine == "pagefind":
            try:
                site_search.index(Path(config.site_dir), config.use_directory_urls)
            except site_search.IndexFailed as error:
                raise PluginError(str(error)) from None
        self.built = True

    @event_priority(100)  # before any plugin reads the built site
    def _on_post_build_shared(self, config: MkDocsConfig) -> None:
        shared, self.shared = self.shared, None
        if shared is not None:
            try:
                shared.finish()
            except share.ShareFailed as error:
                raise PluginError(str(error)) from None

    @event_priority(-100)  # after every plugin that may read a generated file
    def _on_post_build_spool(self, config: MkDocsConfig) -> None:
        self._drop_spool()

    on_post_build = CombinedEvent(_on_post_build_shared, _on_post_build, _on_post_build_spool)

    def on_build_error(self, error: Exception) -> None:
        self.built = False  # a strict build's warnings come here too, after on_post_build
        self._end_children()
        self._drop_spool()
        if self.preview is not None:
            self.preview.failed()

    def _end_children(self) -> None:
        if self.shared is not None:
            self.shared.stop()
            self.shared = None

    def _drop_spool(self) -> None:
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
            self.spool = None

    def on_shutdown(self) -> None:
        self._end_children()  # an interrupted build's children end with it
        self._drop_spool()
        if self.preview is not None:
            self.preview.close()
        self.preview = None
        if self.staging is None:
            return
        staging, self.staging = self.staging, None
        if self.built:
            staging.publish()
        else:
            staging.discard()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        project = self._project(config)
        for folder in (project.briefings_dir, project.seeds_dir):
            server.watch(str(project.root / folder))
        return server


def _clash(theirs: str, ours: str) -> str:
    return theirs if theirs == ours else f"{theirs} (the address of the generated {ours})"
