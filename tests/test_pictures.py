"""The pictures on the pages: which pages get which, what each marks, and none left empty.

The drawing itself (projections, labels, sizes, escaping) is tested in test_draw.py; here,
that the pages hand it the right data and show the data beside each picture.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages.urls import Urls
from generator.pipeline import build, serial

from .conftest import CASES, REPO

SVG = re.compile(r"<svg .*?</svg>", re.DOTALL)
LIMIT = 150 * 1024


def _svgs(page: str) -> list[str]:
    return SVG.findall(page)


@pytest.fixture(scope="module")
def shipped() -> dict[str, str]:
    return build(Project(REPO), Urls(), executor=serial).pages


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("desk")
    shutil.copytree(CASES / "seeds", root / "seeds")
    shutil.copytree(CASES / "figures", root / "briefings")
    return build(Project(root), Urls(), executor=serial).pages


@pytest.fixture(scope="module")
def series() -> dict[str, str]:
    return build(Project(CASES / "series"), Urls(), executor=serial).pages


def test_the_briefing_page_maps_its_places_with_their_names_beside(shipped: dict[str, str]) -> None:
    page = shipped["briefings/kursk-counteroffensive/index.md"]
    [svg] = _svgs(page)
    ET.fromstring(svg)  # well-formed
    assert len(svg.encode()) < LIMIT
    assert sorted(re.findall(r'data-place="([^"]+)"', svg)) == [
        "donetsk-region",
        "kursk-region",
        "luhansk-region",
        "pokrovsk",
        "snagos",
    ]
    assert re.search(r'<a [^>]*href="../../places/#place-snagos"', svg)
    caption = (
        page[page.index('<figure data-search-exclude class="bf-picture bf-locator">') :]
        .split("<figcaption>", 1)[1]
        .split("</figcaption>", 1)[0]
    )
    assert caption.startswith(
        'The places this briefing names: <a href="../../places/#place-kursk-region">Kursk region</a> (region), '
    )
    # The map comes after the bottom line and the key figures, before the takeaways.
    assert page.index("bf-keyfigures") < page.index("bf-locator") < page.index("## Key takeaways")


def test_no_coordinates_no_map_and_no_empty_frame(desk: dict[str, str], series: dict[str, str]) -> None:
    assert "<svg" not in series["briefings/week-2/index.md"] and "bf-locator" not in series["briefings/week-2/index.md"]
    assert "bf-locator" not in series["places.md"]
    # The Seym river has no coordinates: the map of the desk's places leaves it out, the list keeps it.
    [svg] = _svgs(desk["places.md"])
    assert sorted(re.findall(r'data-place="([^"]+)"', svg)) == ["kursk-region", "snagos"]
    assert 'id="place-seym"' in desk["places.md"]


def test_a_front_page_shows_its_trend_in_each_briefing_oldest_first(series: dict[str, str]) -> None:
    page = series["fronts/alpha/index.md"]
    trend = page.split('<figure data-search-exclude class="bf-picture bf-trends">', 1)[1].split("</figure>", 1)[0]
    marks = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(?:(?!</a>).)*?data-trend="([a-z-]+)"', trend, re.DOTALL)
    assert [href for href, _ in marks] == [
        "../../briefings/week-1/#front-alpha",
        "../../briefings/week-2/#front-alpha",
        "../../briefings/week-3/#front-alpha",
    ]
    # The badges of the list below, newest first, are the same trends read the other way.
    badges = re.findall(r'<span class="bf-badge bf-trend-([a-z-]+)">', page.split("## Situation by briefing", 1)[1])
    assert [trend for _, trend in marks] == badges[::-1]


def test_a_measure_page_charts_its_figures_beside_their_table(desk: dict[str, str]) -> None:
    page = desk["figures/casualties/index.md"]
    [svg] = _svgs(page)
    charted = re.findall(r'data-value="([^"]+)"', svg)
    tabled = re.findall(r'<tr data-value="([^"]+)"', page)
    assert len(charted) == len(tabled) == 4
    assert charted.count("2000–3000") == 2 and "10000" in charted and "12000" in charted
    assert page.index("<svg") < page.index('<div class="bf-series"')


def test_the_timeline_draws_its_events_by_front(desk: dict[str, str]) -> None:
    page = desk["timeline.md"]
    [svg] = _svgs(page)
    assert sorted(re.findall(r'data-event="([^"]+)"', svg)) == ["offensive-begins", "snagos-fighting"]
    assert "Kursk" in svg and "No front named" in svg
    assert 'href="#event-snagos-fighting"' in svg


def test_a_front_page_maps_the_places_of_the_front(shipped: dict[str, str]) -> None:
    pokrovsk = shipped["fronts/pokrovsk/index.md"]
    svgs = _svgs(pokrovsk)
    assert len(svgs) == 2  # the trend row and the map
    assert sorted(re.findall(r'data-place="([^"]+)"', svgs[1])) == ["donetsk-region", "luhansk-region", "pokrovsk"]
    assert "<svg" in shipped["fronts/long-range-weapons/index.md"]  # its trend row
    assert "bf-locator" not in shipped["fronts/long-range-weapons/index.md"]  # it names no place


def test_every_picture_is_small_well_formed_and_titled(shipped: dict[str, str], desk: dict[str, str]) -> None:
    for pages in (shipped, desk):
        for name, page in pages.items():
            for svg in _svgs(page):
                assert len(svg.encode()) < LIMIT, name
                root = ET.fromstring(svg)
                assert root.get("aria-labelledby"), name
                assert root.find("{http://www.w3.org/2000/svg}title") is not None, name
                assert "\n\n" not in svg, name  # one HTML block, as Markdown reads it


def test_a_place_off_every_border_still_draws(tmp_path: Path) -> None:
    shutil.copytree(CASES / "seeds", tmp_path / "seeds")
    (tmp_path / "briefings").mkdir()
    text = (CASES / "valid.yml").read_text(encoding="utf-8")
    text = text.replace(
        "fronts:\n  - id: kursk",
        "places:\n  - {id: mid-atlantic, name: Mid-Atlantic, kind: water, lat: 30.5, lon: -40.25}\nfronts:\n  - id: kursk",
        1,
    ).replace("    trend: escalating\n", "    trend: escalating\n    places: [mid-atlantic]\n", 1)
    (tmp_path / "briefings" / "valid.yml").write_text(text, encoding="utf-8")
    [svg] = _svgs(build(Project(tmp_path), Urls(), executor=serial).pages["briefings/valid/index.md"])
    assert 'data-place="mid-atlantic"' in svg


def test_a_long_archive_draws_only_the_newest_and_says_so(tmp_path: Path) -> None:
    from generator.pages import pictures
    from generator.pages.catalog import build_catalog
    from generator.pages.views import BriefingView
    from generator.pipeline import load

    shutil.copytree(CASES / "seeds", tmp_path / "seeds")
    shutil.copytree(CASES / "figures", tmp_path / "briefings")
    entries = load(Project(tmp_path))
    catalog = build_catalog(entries)
    urls = Urls()
    views = {entry.id: BriefingView(entry, urls) for entry in entries}
    history = catalog.fronts["kursk"]
    history.appearances = history.appearances * 40  # 80 briefings on the front
    row = str(pictures.trend_row(history, views, urls, "fronts/kursk/index.md"))
    assert row.count("data-trend=") == pictures.TREND_MARKS
    record = catalog.measures["casualties"]
    record.figures = record.figures * 100  # 400 figures
    chart = str(pictures.measure_chart(record, views, urls, "figures/casualties/index.md"))
    assert len(re.findall(r"<[a-z]+ [^>]*data-value=", chart)) == pictures.CHART_FIGURES
    assert len(chart.encode()) < LIMIT
