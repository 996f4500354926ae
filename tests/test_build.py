"""The parallel path gives exactly what the serial one gives: the same pages, the same problems."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import Invalid
from generator.load.project import Project
from generator.pages.urls import Urls

from .conftest import CASES


def test_workers_give_the_pages_one_process_gives(several: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = pipeline.build(Project(several), Urls(), executor=pipeline.serial).pages
    parallel = pipeline.build(Project(several), Urls(), executor=pipeline.processes(2)).pages
    assert list(parallel) == list(serial)
    assert parallel == serial
    assert len(serial) == 2 * 6 + 18  # six briefings' own pages, then the site's pages (two measures) and files
    assert serial["briefings/update-3/index.md"].count("## What changed") == 1


def test_workers_report_every_problem_one_process_reports(several: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("unknown-key", "duplicate-id", "quote-ambiguous"):
        shutil.copy(CASES / "invalid" / f"{name}.yml", several / "briefings")
    shutil.copy(CASES / "seeds" / "article.txt", several / "seeds" / "article.txt")
    with pytest.raises(Invalid) as serial:
        pipeline.load(Project(several))
    with pytest.raises(Invalid) as parallel:
        pipeline.build(Project(several), Urls(), executor=pipeline.processes(2))
    assert parallel.value.problems == serial.value.problems
    assert len(serial.value.problems) == 5


def _collector(context: pipeline.Context, item: int) -> tuple[tuple[int, int, int], bool]:
    return gc.get_threshold(), gc.get_freeze_count() > 0


def test_a_worker_sets_the_modules_aside_and_collects_less_often(several: Path) -> None:
    context = pipeline.Context(Project(several), Urls(), pipeline.DEFAULT_SITE)
    run = pipeline.Processes(context, 2)
    try:
        assert set(run.map(_collector, range(4))) == {(pipeline.WORKER_GC, True)}
    finally:
        run.close()
    assert gc.get_threshold() != pipeline.WORKER_GC  # the build's own process is left as it was
