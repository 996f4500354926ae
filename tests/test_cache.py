"""A run with a cache loads and renders only what changed, and gives what a fresh run gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import Cache
from generator.errors import Invalid
from generator.load.project import Project
from generator.pages import assemble
from generator.pages.urls import Urls


class Counts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.loaded: list[str] = []
        self.rendered: list[str] = []
        self.sites = 0
        load, own, site = Project.load_briefing, assemble.briefing_pages, pipeline.site_pages

        def load_briefing(project: Project, path: Path):  # type: ignore[no-untyped-def]
            self.loaded.append(path.stem)
            return load(project, path)

        def briefing_pages(entry, *rest):  # type: ignore[no-untyped-def]
            self.rendered.append(entry.id)
            return own(entry, *rest)

        def site_pages(*args):  # type: ignore[no-untyped-def]
            self.sites += 1
            return site(*args)

        monkeypatch.setattr(Project, "load_briefing", load_briefing)
        monkeypatch.setattr(pipeline, "briefing_pages", briefing_pages)
        monkeypatch.setattr(pipeline, "site_pages", site_pages)

    def reset(self) -> None:
        self.loaded, self.rendered, self.sites = [], [], 0


def fresh(root: Path) -> dict[str, str]:
    return pipeline.build(Project(root), Urls(), executor=pipeline.serial).pages


def test_an_edit_loads_one_briefing_and_renders_what_shows_it(several: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache()
    counts = Counts(monkeypatch)
    first = pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache).pages
    assert sorted(counts.loaded) == ["kursk-counteroffensive", "update-0", "update-1", "update-2", "update-3", "update-4"]
    assert first == fresh(several)

    counts.reset()
    again = pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache).pages
    assert (counts.loaded, counts.rendered, counts.sites) == ([], [], 0)
    assert again == first

    path = several / "briefings" / "update-1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Update 1,", "Edited 1,"), encoding="utf-8")
    counts.reset()
    edited = pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache).pages
    assert counts.loaded == ["update-1"]
    assert sorted(counts.rendered) == ["update-1", "update-2"]  # the edited one, and what follows it
    assert counts.sites == 1
    assert edited == fresh(several)
    assert list(edited) == list(fresh(several))


def test_a_changed_source_reloads_the_briefings_that_cite_it(several: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache()
    pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache)
    counts = Counts(monkeypatch)
    [seed] = (several / "seeds").iterdir()
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA paragraph added at the end.\n", encoding="utf-8")
    pages = pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache).pages
    assert len(counts.loaded) == 6
    assert pages == fresh(several)


def test_a_bad_edit_then_its_fix_give_the_fresh_pages(several: Path) -> None:
    cache = Cache()
    pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache)
    path = several / "briefings" / "update-2.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("claimant: kartapolov", "claimant: kremlin"), encoding="utf-8")
    with pytest.raises(Invalid):
        pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache)
    path.write_text(good, encoding="utf-8")
    (several / "briefings" / "update-4.yml").unlink()  # and a briefing removed meanwhile
    pages = pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache).pages
    assert pages == fresh(several)
    assert "briefings/update-4/index.md" not in pages


def test_a_cache_filled_by_worker_processes_serves_a_serial_run(several: Path) -> None:
    cache = Cache()
    pipeline.build(Project(several), Urls(), executor=pipeline.processes(2), cache=cache)
    path = several / "briefings" / "update-0.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Update 0,", "Edited 0,"), encoding="utf-8")
    assert pipeline.build(Project(several), Urls(), executor=pipeline.serial, cache=cache).pages == fresh(several)
