"""The rendered Markdown of the shipped briefing and of the series project, page by page,
against golden files: tests/golden/ and tests/golden/series/."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages.urls import Urls
from generator.pipeline import build, load, serial

from .conftest import REPO, check_golden
from .test_series import SERIES, SITE

GOLDEN = Path(__file__).resolve().parent / "golden"
#: The pages of tests/cases/series/: briefings that follow each other, and a timeline.
SERIES_GOLDEN = GOLDEN / "series"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return build(Project(REPO), Urls(), executor=serial).pages


def check_pages(pages: dict[str, str], folder: Path, update: bool, skip: Path | None = None) -> None:
    """Every page against its golden file in `folder`, and no golden file without a page."""
    for src, markdown in pages.items():
        check_golden(folder / src, markdown, update)
    if not update:
        on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and skip not in p.parents}
        assert on_disk == set(pages), "golden files and generated pages differ; run pytest --update-goldens"


def test_every_generated_page_matches_its_golden_file(pages: dict[str, str], update_goldens: bool) -> None:
    check_pages(pages, GOLDEN, update_goldens, skip=SERIES_GOLDEN)


def test_every_page_of_briefings_over_time_matches_its_golden_file(update_goldens: bool) -> None:
    pages = build(Project(SERIES), Urls(), SITE, serial).pages
    # What the shipped briefing leaves out: a page that says what changed, a timeline.
    assert "## What changed" in pages["briefings/week-2/index.md"]
    assert '<li id="event-' in pages["timeline.md"]
    check_pages(pages, SERIES_GOLDEN, update_goldens)


def test_the_site_layout(pages: dict[str, str]) -> None:
    assert sorted(pages) == [
        "actors.md",
        "briefings.json",
        "briefings/kursk-counteroffensive/index.md",
        "briefings/kursk-counteroffensive/source.md",
        "claims.md",
        "feed.xml",
        "fronts/index.md",
        "fronts/kursk/index.md",
        "fronts/long-range-weapons/index.md",
        "fronts/peace-talks/index.md",
        "fronts/pokrovsk/index.md",
        "index.md",
        "questions.md",
        "timeline.md",
    ]


def test_the_briefing_page_puts_the_bottom_line_before_fronts_stakes_and_questions(pages: dict[str, str]) -> None:
    page = pages["briefings/kursk-counteroffensive/index.md"]
    order = [
        page.index(s)
        for s in ('id="bottom-line"', "## Key takeaways", "## Fronts", "## Stakes", "## Questions", "## Claims", "## Source")
    ]
    assert order == sorted(order)


def test_every_cited_passage_links_to_its_anchor_in_the_source_view(pages: dict[str, str]) -> None:
    [entry] = load(Project(REPO))
    page = pages["briefings/kursk-counteroffensive/index.md"]
    source = pages["briefings/kursk-counteroffensive/source.md"]
    for evidence in entry.briefing.evidence:
        assert f'href="source/#ev-{evidence.id}"' in page
        assert f'id="ev-{evidence.id}"' in source


def test_links_follow_the_url_style() -> None:
    pages = build(Project(REPO), Urls(directory_urls=False), executor=serial).pages
    assert 'href="source.html#ev-gamble"' in pages["briefings/kursk-counteroffensive/index.md"]
    assert 'href="index.html#bottom-line"' in pages["briefings/kursk-counteroffensive/source.md"]
    assert 'href="fronts/kursk/index.html"' in pages["questions.md"]
