"""The export is written a briefing at a time: one line for the site, then one a briefing."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages import memo
from generator.pages.export import export
from generator.pages.site import Site
from generator.pages.urls import Urls
from generator.pipeline import load

from .conftest import CASES, REPO


@pytest.mark.parametrize("root", [REPO, CASES / "series"], ids=["shipped", "series"])
@pytest.mark.parametrize("urls", [Urls(), Urls(directory_urls=False)], ids=["directories", "files"])
def test_the_export_has_a_line_a_briefing(root: Path, urls: Urls) -> None:
    entries = load(Project(root))
    site = Site("Desk", None, "https://briefings.example/")
    written = export(entries, urls, site)
    head, *briefings, close, end = written.split("\n")
    assert json.loads(head + "]}")["site"] == {"name": "Desk", "url": "https://briefings.example/"}
    assert [json.loads(line.rstrip(","))["id"] for line in briefings] == [e.id for e in entries]
    assert (close, end) == ("]}", "")
    assert json.loads(written)["briefings"][0]["id"] == entries[0].id
    assert [b["id"] for b in json.loads(written)["briefings"]] == [e.id for e in entries]
    assert export(entries, urls, site) == written  # and again, from each briefing's memo


def test_an_empty_export_lists_no_briefing() -> None:
    assert json.loads(export([], Urls(), Site()))["briefings"] == []


def test_a_memo_goes_with_its_briefing() -> None:
    [entry] = load(Project(REPO))
    memo.of(entry)["x"] = 1
    key = id(entry)
    assert memo._memos[key] == {"x": 1}
    del entry
    gc.collect()
    assert key not in memo._memos
