"""`mkdocs serve` as a run of builds: after any sequence of edits the site equals a clean
build of the same files, byte for byte; problems show in every page, and go."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.preview import Preview

from .conftest import line_of

SERVE_URL = "http://127.0.0.1:8000/"
SITE_ID = "kursk-counteroffensive"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def configured(project: Path, site: Path) -> MkDocsConfig:
    """A configuration as `mkdocs serve` loads it for each build."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    return config


class Serve:
    """Builds as `mkdocs serve` runs them: one plugin instance kept from build to build."""

    def __init__(self, project: Path, site: Path, *, dirty: bool = False) -> None:
        self.project, self.site, self.dirty = project, site, dirty
        self.config = configured(project, site)
        self.config.plugins.on_startup(command="serve", dirty=dirty)
        self.plugin = self.config.plugins["briefings"]

    def rebuild(self) -> dict[str, bytes]:
        config = configured(self.project, self.site)
        assert config.plugins["briefings"] is self.plugin  # MkDocs keeps plugins across reloads
        if self.dirty:
            config.strict = False  # MkDocs warns of every dirty build
        build(config, serve_url=SERVE_URL, dirty=self.dirty)
        return tree(self.site)

    def __enter__(self) -> Serve:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.dirty:
            # MkDocs keeps one instance of each plugin a process, for every configuration it
            # loads: Material's search would go on merging a dirty build's index into the
            # builds of later tests.
            self.config.plugins.on_startup(command="serve", dirty=False)
            for plugin in self.config.plugins.values():
                if hasattr(plugin, "search_index_prev"):
                    plugin.search_index_prev = None
        self.config.plugins.on_shutdown()


@pytest.fixture
def serve(project: Path, tmp_path: Path) -> Iterator[Serve]:
    with Serve(project, tmp_path / "served") as running:
        yield running


def clean(serve: Serve, site: Path) -> dict[str, bytes]:
    """A first serve build of the same files, with nothing kept.

    MkDocs keeps one plugin instance a process: what the running preview keeps is put
    aside meanwhile, and back after.
    """
    kept = serve.plugin.preview
    assert kept is not None
    try:
        serve.plugin.preview = Preview()
        build(configured(serve.project, site), serve_url=SERVE_URL)
        return tree(site)
    finally:
        serve.plugin.preview = kept


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text


def test_after_edits_the_served_site_equals_a_clean_build(serve: Serve, project: Path, tmp_path: Path) -> None:
    serve.rebuild()
    briefing = project / "briefings" / f"{SITE_ID}.yml"
    edit(briefing, "title: Russia counterattacks in Kursk", "title: Edited, Russia counterattacks in Kursk")
    served = serve.rebuild()
    assert serve.plugin.preview is not None
    assert "index.md" not in serve.plugin.preview.reuse  # the home page shows the title
    assert "fronts/index.md" in serve.plugin.preview.reuse  # the list of fronts does not
    assert served == clean(serve, tmp_path / "clean-1")
    # An edit of a docs page only: the generated pages are written back as they were.
    edit(project / "docs" / "performance.md", "# ", "# Edited: ")
    served = serve.rebuild()
    assert served == clean(serve, tmp_path / "clean-2")


@pytest.fixture
def serve_several(several: Path, tmp_path: Path) -> Iterator[Serve]:
    with Serve(several, tmp_path / "served") as running:
        yield running


def test_after_edits_across_a_series_the_served_site_equals_a_clean_build(
    serve_several: Serve, several: Path, tmp_path: Path
) -> None:
    """The pages across briefings reuse the pieces no edit changed (pages/fragments.py):
    each kind of edit below changes a piece that shows another briefing's words too."""
    serve = serve_several
    serve.rebuild()
    briefings = several / "briefings"
    newest = briefings / "kursk-counteroffensive.yml"
    steps = [
        # A claim's words: the ledger, the front pages, the places.
        (briefings / "update-2.yml", "claim: Battles are going on near", "claim: Fierce battles are going on near"),
        # The newest name of a front: every older briefing's account of it says it was named otherwise.
        (newest, "    name: Kursk region\n", "    name: The Kursk region\n"),
        # The question a series first asked: where each later briefing asks it, it says where it was opened.
        (briefings / "update-0.yml", "title: Update 0, Russia", "title: Opening, Russia"),
        # The newest briefing's words for a question that every briefing of the series asks.
        (newest, "fall to Russian forces?", "fall to the Russian forces?"),
        # The newest briefing joins the series, then stops asking a question: the one before
        # it says the question is no longer asked; then it leaves the series, and that goes.
        (newest, "\nsource:", "\nfollows: update-4\nsource:"),
        (newest, "id: pokrovsk-falls", "id: pokrovsk-fell"),
        (newest, "\nfollows: update-4\n", "\n"),
    ]
    for n, (path, old, new) in enumerate(steps):
        edit(path, old, new)
        served = serve.rebuild()
        assert serve.plugin.preview is not None and not serve.plugin.preview.problems
        assert served == clean(serve, tmp_path / f"clean-{n}"), f"after edit {n}: {new!r}"
    # The newest of the series goes: the one before it is no longer followed.
    (briefings / "update-4.yml").unlink()
    served = serve.rebuild()
    assert served == clean(serve, tmp_path / "clean-removed")


def test_the_folders_of_unchanged_pages_stay_and_are_not_made_again(serve: Serve, project: Path, tmp_path: Path) -> None:
    """MkDocs empties the site's folder before each build; the folders of the generated
    pages are set aside meanwhile (generator/held.py), not emptied and made again."""
    site = tmp_path / "served"
    serve.rebuild()
    folders = {p.relative_to(site).as_posix(): p.stat().st_ino for p in (site / "fronts").rglob("*") if p.is_dir()}
    assert folders  # the front pages, in no nav
    edit(project / "briefings" / f"{SITE_ID}.yml", "title: Russia counterattacks", "title: Edited, Russia counterattacks")
    served = serve.rebuild()
    assert serve.plugin.preview is not None and serve.plugin.preview.skipped
    assert {p.relative_to(site).as_posix(): p.stat().st_ino for p in (site / "fronts").rglob("*") if p.is_dir()} == folders
    assert not [p for p in site.rglob("*") if p.is_dir() and not any(p.iterdir())]  # no empty folder left
    assert served == clean(serve, tmp_path / "clean")


@pytest.mark.parametrize("refused", ["rename", "replace"])
def test_where_folders_cannot_be_set_aside_or_put_back_the_skipped_pages_are_written(
    serve: Serve, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: str
) -> None:
    def refuse(source: object, target: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    serve.rebuild()
    monkeypatch.setattr(f"generator.held.os.{refused}", refuse)
    edit(project / "briefings" / f"{SITE_ID}.yml", "title: Russia counterattacks", "title: Edited, Russia counterattacks")
    served = serve.rebuild()
    assert serve.plugin.preview is not None and serve.plugin.preview.skipped  # MkDocs did not write them
    assert served == clean(serve, tmp_path / "clean-1")
    monkeypatch.undo()  # and the next build sets them aside again
    edit(project / "briefings" / f"{SITE_ID}.yml", "title: Edited, Russia counterattacks", "title: Russia counterattacks")
    served = serve.rebuild()
    assert served == clean(serve, tmp_path / "clean-2")


def test_after_a_build_that_stopped_half_way_the_next_equals_a_clean_build(
    serve: Serve, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages rendered by a build that then failed are rendered again, their search
    entries with them: the failed build took none."""
    serve.rebuild()
    edit(project / "briefings" / f"{SITE_ID}.yml", "title: Russia counterattacks", "title: Edited, Russia counterattacks")
    real, built = mkdocs_build._build_page, []

    def fails_at_the_fifth(page: Any, *args: Any, **kwargs: Any) -> None:
        built.append(page)
        if len(built) == 5:
            raise RuntimeError("a page could not be built")
        real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", fails_at_the_fifth)
    with pytest.raises(Exception, match="could not be built"):
        serve.rebuild()
    monkeypatch.undo()
    served = serve.rebuild()
    assert served == clean(serve, tmp_path / "clean")
    site = tmp_path / "served"
    assert not [p for p in site.rglob("*") if p.is_dir() and not any(p.iterdir())]


def test_a_strict_build_stopped_by_a_warning_at_its_end_is_not_rendered_again(
    serve: Serve, project: Path, tmp_path: Path
) -> None:
    """MkDocs counts a strict build's warnings after the last event: the pages and their
    search entries were all taken, and the next build reuses them."""
    serve.rebuild()
    (project / "docs" / "performance.md").write_text("# Performance\n\n[gone](gone.md)\n", encoding="utf-8")
    page = f"briefings/{SITE_ID}/index.md"
    edit(project / "briefings" / f"{SITE_ID}.yml", "title: Russia counterattacks", "title: Edited, Russia counterattacks")
    with pytest.raises(Exception, match="strict mode"):
        serve.rebuild()
    assert serve.plugin.preview is not None and page not in serve.plugin.preview.reuse  # rendered for the edit
    with pytest.raises(Exception, match="strict mode"):
        serve.rebuild()
    assert page in serve.plugin.preview.reuse


def test_a_dirty_serve_writes_the_skipped_pages_and_sets_nothing_aside(project: Path, tmp_path: Path) -> None:
    """`mkdocs serve --dirty` does not empty the site's folder, and writes over its files."""
    with Serve(project, tmp_path / "served", dirty=True) as serve:
        serve.rebuild()
        edit(project / "briefings" / f"{SITE_ID}.yml", "title: Russia counterattacks", "title: Edited, Russia counterattacks")
        served = serve.rebuild()
        preview = serve.plugin.preview
        assert preview is not None and preview.skipped and not preview.files.aside
        assert not [name for name in served if name.startswith(".")]
        assert "Edited, Russia counterattacks" in served[f"briefings/{SITE_ID}/index.html"].decode("utf-8")


def test_an_unchanged_rebuild_renders_no_generated_page_again(serve: Serve) -> None:
    first = serve.rebuild()
    again = serve.rebuild()
    assert serve.plugin.preview is not None
    assert serve.plugin.preview.reuse == set(serve.plugin.preview.keys)
    assert again == first


def test_problems_show_in_every_page_each_time_and_go_once_fixed(
    serve: Serve, project: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    good = serve.rebuild()
    briefing = project / "briefings" / f"{SITE_ID}.yml"
    text = edit(briefing, "claimant: kartapolov", "claimant: kremlin")
    at = line_of(text, "    claimant: kartapolov")
    capfd.readouterr()
    for _ in range(2):  # the same mistake twice: reported twice
        shown = serve.rebuild()
        page = shown[f"briefings/{SITE_ID}/index.html"].decode("utf-8")
        assert '<div class="bf-build-errors" role="alert"' in page
        assert "<strong>1 problem in the briefings.</strong> The pages show the last build without problems;" in page
        assert f"briefings/{SITE_ID}.yml:{at}:15: claims[0].claimant: &#x27;kremlin&#x27; is not defined in actors;" in page
        assert f"&gt;  {at} |     claimant: kremlin" in page
        assert "bf-build-errors" in shown["404.html"].decode("utf-8")
        assert "bf-build-errors" in shown["method/index.html"].decode("utf-8")
    printed = capfd.readouterr().err
    assert printed.count("ERROR    -  1 problem found:\n") == 2
    assert printed.count(f"briefings/{SITE_ID}.yml:{at}:15: claims[0].claimant: 'kremlin' is not defined in actors;") == 2
    briefing.write_text(text, encoding="utf-8")
    assert serve.rebuild() == good


def test_a_first_build_with_problems_still_serves_a_page_that_shows_them(serve: Serve, project: Path) -> None:
    edit(project / "briefings" / f"{SITE_ID}.yml", "trend: escalating", "trend: upward")
    shown = serve.rebuild()["index.html"].decode("utf-8")
    assert "<strong>4 problems in the briefings.</strong> No briefing is shown until they are fixed;" in shown
