"""A one-off build writes its pages to a spool and shares their theme rendering with forked
children: the site is the same as one process builds, and `--strict` still counts
everything a child logs."""

from __future__ import annotations

import gzip
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from generator import pipeline, share
from generator.cache import Cache
from generator.deadlinks import links
from generator.load.project import Project
from generator.mkpages import GeneratedPage
from generator.pages.prepare import Prepared
from generator.pages.spool import Spool
from generator.pages.tohtml import Converter
from generator.pages.urls import Urls

from .conftest import REPO

PARENT = os.getpid()


def files_of(site: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return out


class Counter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Another plugin that keeps something from every page it is shown."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self.seen.append(page.file.src_uri)
        return output


def built(
    project: Path,
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    shared: bool,
    search: str = "pagefind",
    also: BasePlugin | None = None,  # type: ignore[type-arg]
) -> list[int | None]:
    """Build `project` strictly into `site`, with children (two processes in all) or without;
    how many children `share.start` started (None: it started none)."""
    monkeypatch.setattr(share, "SHARE_FROM", 1 if shared else 10**9)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    started: list[int | None] = []
    start = share.start

    def spy(*args: Any) -> share.Shared | None:
        result = start(*args)
        started.append(None if result is None else len(result.children))
        return result

    monkeypatch.setattr(share, "start", spy)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True, site_url="https://example.org/desk/")
    config.plugins["briefings"].config["search"] = search
    if also is not None:
        config.plugins["also"] = also
    mkdocs_build.build(config)
    return started


def in_children(action: Callable[[str], None]) -> Callable[..., None]:
    """MkDocs' `_build_page`, doing `action` first (given the page's path) in a child only."""
    original = mkdocs_build._build_page

    def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
        if os.getpid() != PARENT:
            action(page.file.src_uri)
        original(page, *args, **kwargs)

    return build_page


def test_a_site_built_by_several_processes_is_the_site_one_builds(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert built(several, tmp_path / "shared", monkeypatch, shared=True) == [1]
    assert built(several, tmp_path / "one", monkeypatch, shared=False) == [None]
    shared, alone = files_of(tmp_path / "shared"), files_of(tmp_path / "one")
    assert list(shared) == list(alone)
    assert [name for name in shared if shared[name] != alone[name]] == []
    # The sitemap lists the pages the children built, though MkDocs skipped them here.
    assert b"briefings/update-3/source/" in shared["sitemap.xml"]
    assert not list(tmp_path.glob(".*.spool")), "the spool is removed after the build"


def test_the_spool_beside_the_site_is_removed_and_what_a_killed_build_left_there_too(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    left = tmp_path / ".site.spool"
    left.mkdir()
    (left / "stale.md").write_text("from a build killed half-way", encoding="utf-8")
    seen = []
    monkeypatch.setattr(share, "start", lambda *args: seen.append(sorted(p.name for p in left.iterdir())))
    built(several, tmp_path / "site", monkeypatch, shared=True)
    assert seen and "stale.md" not in seen[0] and len(seen[0]) > 50  # the pages while the build runs
    assert {name.rsplit(".", 1)[1] for name in seen[0]} == {"md", "html", "xml", "json"}
    assert not left.exists() and not (left / "stale.md").exists()


def test_under_materials_search_one_process_builds_every_page(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Material's search keeps each page it reads, in the process that reads it.
    assert built(several, tmp_path / "site", monkeypatch, shared=True, search="material") == []
    index = (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"briefings/update-3/source/' in index


def test_beside_another_plugin_that_keeps_what_it_sees_one_process_builds_every_page(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = Counter()
    assert built(several, tmp_path / "site", monkeypatch, shared=True, also=counter) == []
    assert "briefings/update-3/source.md" in counter.seen and len(counter.seen) == len(set(counter.seen)) > 30


def test_what_a_child_warns_fails_a_strict_build(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    warn = in_children(lambda src: logging.getLogger("mkdocs.plugins.test").warning("%s: a warning from a child", src))
    monkeypatch.setattr(mkdocs_build, "_build_page", warn)
    with pytest.raises(Abort, match=r"^Aborted with \d+ warnings in strict mode!$"):
        built(several, tmp_path / "site", monkeypatch, shared=True)
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert said and all(message.endswith(": a warning from a child") for message in said)
    assert not list(tmp_path.glob(".*.spool"))


def test_a_child_that_fails_fails_the_build_and_says_why(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(src: str) -> None:
        raise RuntimeError(f"cannot build {src}")

    monkeypatch.setattr(mkdocs_build, "_build_page", in_children(fail))
    with pytest.raises(Abort, match="BuildError"):
        built(several, tmp_path / "site", monkeypatch, shared=True)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    page = errors[0].split(": ")[1]
    assert errors[0] == (
        f"a process building pages beside the build failed: {page}: RuntimeError: cannot build {page}; expected every page built"
    )
    assert not list(tmp_path.glob(".*.spool"))


def test_a_child_that_is_killed_fails_the_build(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(mkdocs_build, "_build_page", in_children(lambda src: os.kill(os.getpid(), signal.SIGKILL)))
    with pytest.raises(Abort, match="BuildError"):
        built(several, tmp_path / "site", monkeypatch, shared=True)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "a process building pages beside the build failed: it ended with exit status -9; expected every page built" in errors


def test_a_spooled_build_gives_the_pages_a_build_in_memory_gives(several: Path, tmp_path: Path) -> None:
    in_memory = pipeline.build(Project(several), Urls(), executor=pipeline.serial).pages
    for executor in (pipeline.serial, pipeline.processes(2)):
        folder = tmp_path / f"spool-{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        outcome = pipeline.build(Project(several), Urls(), executor=executor, spool=folder)
        assert outcome.pages == {} and outcome.spooled == list(in_memory)
        spool = Spool(folder)
        assert {src: spool.path(src).read_text(encoding="utf-8") for src in outcome.spooled} == in_memory
        assert sorted(p.name for p in folder.iterdir()) == sorted(spool.path(src).name for src in in_memory)


def test_a_build_keeps_its_pages_for_a_cache_or_spools_them_not_both(several: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"^a build keeps its pages in memory for a cache, or writes them to a spool, not both$"):
        pipeline.build(Project(several), Urls(), cache=Cache(), spool=tmp_path)


def test_the_workers_prepare_each_generated_page_as_mkdocs_would(several: Path, tmp_path: Path) -> None:
    markdown = (["toc", "attr_list"], {"toc": {"permalink": True}})
    outcome = pipeline.build(Project(several), Urls(), executor=pipeline.processes(2), spool=tmp_path, markdown=markdown)
    pages = [src for src in outcome.spooled if src.endswith(".md")]
    assert sorted(outcome.prepared) == sorted(pages) and len(pages) > 20
    spool, converter = Spool(tmp_path), Converter(*markdown)
    for src in pages:
        body, meta = get_data(spool.path(src).read_text(encoding="utf-8"))
        html, toc, ids = converter.convert(body)  # type: ignore[misc]
        ready = outcome.prepared[src]
        assert (spool.html(src).read_text(encoding="utf-8"), ready.toc, ready.ids, ready.meta) == (html, toc, ids, meta)
        assert ready.links == links(Urls().url(src), spool.path(src).read_text(encoding="utf-8"))


class Shouter(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Another plugin that changes every page's Markdown."""

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        return markdown.replace("Russia counterattacks", "RUSSIA COUNTERATTACKS")


def test_beside_a_plugin_that_changes_markdown_the_build_process_renders_the_pages(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(several, tmp_path / "site", monkeypatch, shared=False, also=Shouter())
    html = (tmp_path / "site" / "briefings" / "update-3" / "index.html").read_text(encoding="utf-8")
    assert "RUSSIA COUNTERATTACKS in Kursk" in html  # in the body; the title comes from the front matter


class Stamper(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Another plugin that changes one page's HTML, and notes which generated pages hold
    their HTML in memory once MkDocs has rendered them all."""

    def __init__(self) -> None:
        self.pages: list[GeneratedPage] = []
        self.held: list[str] = []
        self.held_after: list[str] = []
        self.prepared = 0

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        if page.file.src_uri == "briefings/update-3/index.md":
            return html.replace("Russia counterattacks", "Russia COUNTERATTACKS")
        return html

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        self.pages = [f.page for f in files.documentation_pages() if isinstance(f.page, GeneratedPage)]
        self.prepared = sum(page.prepared is not None for page in self.pages)
        self.held = [page.file.src_uri for page in self.pages if page._held is not None or page._lent is not None]
        return env

    def on_post_build(self, config: Any) -> None:
        self.held_after = [page.file.src_uri for page in self.pages if page._held is not None or page._lent is not None]


def test_a_prepared_page_is_held_on_disk_unless_a_plugin_changes_its_html(
    several: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamper = Stamper()
    built(several, tmp_path / "site", monkeypatch, shared=True, also=stamper)
    assert stamper.prepared > 20 and stamper.held == stamper.held_after == ["briefings/update-3/index.md"]
    html = (tmp_path / "site" / "briefings" / "update-3" / "index.html").read_text(encoding="utf-8")
    assert "Russia COUNTERATTACKS in Kursk" in html
    other = (tmp_path / "site" / "briefings" / "update-2" / "index.html").read_text(encoding="utf-8")
    assert "Russia counterattacks in Kursk" in other


def test_a_prepared_pages_content_is_its_file_until_something_else_is_set(tmp_path: Path) -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    html = tmp_path / "page.html"
    html.write_bytes("<p>Kursk\r\n“as written”</p>".encode())
    (tmp_path / "page.md").write_text("# Page", encoding="utf-8")
    file = File("page.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    page = GeneratedPage(None, file, config, Converter([], {}), (html, Prepared({}, [], set(), [])))
    page.render(config, Files([file]))
    assert page.content == "<p>Kursk\r\n“as written”</p>"  # bytes as written: no newline translated
    page.content = page.content  # MkDocs' page_content round trip
    assert page._held is None and page._lent is None
    page.content = None  # nothing was lent: set, not taken for the file handed back
    assert page.content is None
    page.content = "<p>changed</p>"
    assert page.content == "<p>changed</p>" and page._held is not None


def test_a_child_ends_when_the_build_is_killed(tmp_path: Path) -> None:
    # A build process that forks a child as share.start does, then is killed outright.
    script = (
        "import multiprocessing, os, signal, time\n"
        "from generator.share import die_with\n"
        "def child(parent):\n"
        "    die_with(parent)\n"
        "    time.sleep(60)\n"
        "if __name__ == '__main__':\n"
        "    p = multiprocessing.get_context('fork').Process(target=child, args=(os.getpid(),))\n"
        "    p.start()\n"
        "    print(p.pid, flush=True)\n"
        "    time.sleep(0.5)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == -signal.SIGKILL
    child = int(done.stdout.split()[0])
    for _ in range(50):
        if not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the child {child} outlived the build")


def test_a_spool_that_cannot_be_written_fails_the_build_with_a_clear_message(
    several: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    site = tmp_path / "a-file" / "site"
    with pytest.raises(Abort, match="BuildError"):
        mkdocs_build.build(load_config(str(several / "mkdocs.yml"), site_dir=str(site), strict=True))
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [
        f"{tmp_path / 'a-file' / '.site.spool'}: the generated pages could not be written there (Not a directory); "
        "expected room and leave to write beside the site's folder"
    ]


def test_markdown_settings_that_cannot_travel_keep_the_pages_in_the_build_process(several: Path) -> None:
    from generator.pages import prepare

    config = load_config(str(several / "mkdocs.yml"))
    ours = config.plugins["briefings"]
    assert prepare.allowed(config, ours)
    config.mdx_configs["toc"] = {"slugify": lambda value, separator: value}  # made on the spot: no pickle
    assert not prepare.allowed(config, ours)
