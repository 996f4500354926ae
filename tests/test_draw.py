"""The pictures drawn at build time (generator/draw): maps, trend rows, charts, the timeline.

Each is plain data in and SVG text out, so most tests parse the SVG and look at it: the same
bytes for the same input, under 150 KB however many items, one marked element per item,
hostile names inert, labels clear of each other. The last tests open a page of pictures in
Chromium at 1280 and 390 px, light and dark, and keep screenshots in tests/artifacts/draw-*.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.draw import (
    FigurePoint,
    MapPlace,
    TimelineEvent,
    TrendMark,
    figure_chart,
    layout,
    locator_map,
    span,
    timeline_chart,
    trend_row,
)
from generator.draw.axes import nice_ticks
from generator.draw.basemap import load
from generator.draw.geometry import overlaps, simplify
from generator.draw.labels import marker_box
from generator.draw.svg import esc, num, path_d

from .conftest import REPO
from .test_browser import ARTIFACTS, CHROMIUM, FLAGS

SVG = "{http://www.w3.org/2000/svg}"
LIMIT = 150_000
HOSTILE = "Bad <script>alert(\"x\")</script> & 'q' \u202eevil\u202c \x00end"
D = dt.date

KURSK = MapPlace("kursk-region", "Kursk region", 51.5, 36.0, "region", "../places/#kursk-region")
# Snagost (Korenevo district): 51°18′54″N 34°53′36″E, the seat of its rural settlement.
SNAGOST = MapPlace("snagost", "Snagost", 51.315, 34.893, "approximate", "../places/#snagost")
SUDZHA = MapPlace("sudzha", "Sudzha", 51.19, 35.27, "exact", "../places/#sudzha")
POKROVSK = MapPlace("pokrovsk", "Pokrovsk", 48.28, 37.18, "exact", "../places/#pokrovsk")
DONETSK = MapPlace("donetsk-oblast", "Donetsk oblast", 48.0, 37.8, "region", "../places/#donetsk-oblast")
LUHANSK = MapPlace("luhansk-oblast", "Luhansk oblast", 48.57, 39.3, "region", "../places/#luhansk-oblast")


def parse(svg: str | None) -> ET.Element:
    assert svg is not None
    return ET.fromstring(svg)


def europe(n: int = 60) -> list[MapPlace]:
    rng = random.Random(14)
    kinds = ("exact", "approximate", "region")
    return [
        MapPlace(f"p{i:02d}", f"Place number {i}", rng.uniform(36, 68), rng.uniform(-9, 45), kinds[i % 3], f"#p{i}")
        for i in range(n)
    ]


def cluster(n: int = 25) -> list[MapPlace]:
    rng = random.Random(7)
    return [
        MapPlace(f"c{i:02d}", f"Village {i}", 48.3 + rng.uniform(-0.15, 0.15), 37.2 + rng.uniform(-0.2, 0.2), "exact", f"#c{i}")
        for i in range(n)
    ]


def trends(n: int = 14) -> list[TrendMark]:
    kinds = ("escalating", "stable", "de-escalating")
    # Given out of order: the row sorts them.
    return [
        TrendMark(D(2026, 3, 1) + dt.timedelta(days=7 * ((i * 5) % n)), f"Briefing {i}", kinds[i % 3], f"#b{i}") for i in range(n)
    ]  # type: ignore[arg-type]


def figures(n: int = 200) -> list[FigurePoint]:
    rng = random.Random(3)
    claimants = ("Ukraine General Staff", "Russian MoD", "ISW", "UN OHCHR", "Oryx", "Mediazona", "Reuters")
    out = []
    for i in range(n):
        low = rng.uniform(100, 5000)
        kind = i % 3
        out.append(
            FigurePoint(
                D(2025, 1, 1) + dt.timedelta(days=rng.randrange(500)),
                claimants[i % len(claimants)],
                None if kind == 1 else round(low, 1),
                round(low * 0.8) if kind else None,
                round(low * 1.3) if kind else None,
                i % 4 == 0,
                f"#f{i}",
            )
        )
    return out


def events(n: int = 9) -> list[TimelineEvent]:
    dates = ["2024-08-06", "2024-08", "2024-09-12", "2025", "2025-03-10", "2025-03-12", "2025-03-11", "2024-11-20", "2025-06"]
    fronts = ("Kursk", "Pokrovsk", "Black Sea")
    return [TimelineEvent(f"e{i}", f"Event {i}", fronts[i % 3], *span(dates[i % len(dates)]), f"#e{i}") for i in range(n)]


# --- the basemap shipped -------------------------------------------------------------


def test_basemap_ships_with_the_package_and_holds_the_regions() -> None:
    data = REPO / "generator" / "draw" / "data" / "basemap.json"
    assert data.stat().st_size < 400_000
    base = load()
    ids = [r.id for r in base.regions]
    assert len(ids) == len(set(ids))
    assert sum(r.country == "UA" for r in base.regions) == 27
    for rid in ("UA-14", "UA-09", "UA-59", "UA-63", "UA-23", "RU-KRS", "RU-BEL", "RU-BRY", "RU-ROS", "RU-VOR"):
        assert rid in ids
    assert base.region_at(36.0, 51.5).id == "RU-KRS"  # type: ignore[union-attr]
    assert base.region_at(37.18, 48.28).id == "UA-14"  # type: ignore[union-attr]
    assert base.region_at(39.3, 48.57).id == "UA-09"  # type: ignore[union-attr]
    assert base.region_at(-35.0, 40.0) is None
    assert {"UKR", "RUS", "BLR", "POL"} <= {c.id for c in base.countries}
    kursk = base.region_at(36.0, 51.5)
    assert {r.id for r in base.neighbours(kursk)} >= {"RU-BEL", "RU-BRY", "RU-VOR"}  # type: ignore[arg-type]


def test_basemap_builder_is_the_documented_one() -> None:
    make = (REPO / "generator" / "draw" / "data" / "MAKE.md").read_text(encoding="utf-8")
    assert "bench/basemap.py" in make
    assert re.search(r"[0-9a-f]{40}", make)
    assert "public domain" in make
    assert (REPO / "bench" / "basemap.py").is_file()


# --- what every picture promises ------------------------------------------------------


def pictures() -> dict[str, Any]:
    return {
        "map": lambda: locator_map([KURSK, SNAGOST, SUDZHA, POKROVSK], title="Places"),
        "trend": lambda: trend_row(trends(), title="Trend"),
        "chart": lambda: figure_chart(figures(40), title="Losses", unit="soldiers"),
        "timeline": lambda: timeline_chart(events(), title="Timeline"),
    }


@pytest.mark.parametrize("kind", ["map", "trend", "chart", "timeline"])
def test_same_input_same_bytes(kind: str) -> None:
    draw = pictures()[kind]
    first, second = draw(), draw()
    assert first == second
    root = parse(first)
    assert root.get("role") == "group"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", root.get("viewBox", ""))
    title = root.find(f"{SVG}title")
    assert title is not None and title.get("id") == root.get("aria-labelledby")


def test_same_bytes_under_another_hash_seed() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests'); from tests.test_draw import pictures;"
        "import hashlib; print(hashlib.sha256(''.join(f() for f in pictures().values()).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env={"PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "4242")
    }
    assert len(digests) == 1


def test_none_when_there_is_nothing_to_draw() -> None:
    assert locator_map([], title="t") is None
    no_coords = [
        MapPlace("a", "A", None, None, "exact", "#a"),
        MapPlace("b", "B", math.nan, 30.0, "exact", "#b"),
        MapPlace("c", "C", 95.0, 30.0, "exact", "#c"),
    ]
    assert locator_map(no_coords, title="t") is None
    assert trend_row([], title="t") is None
    assert figure_chart([], title="t", unit="u") is None
    assert figure_chart([FigurePoint(D(2026, 1, 1), "X", None, None, None, False, "#")], title="t", unit="u") is None
    assert timeline_chart([], title="t") is None


def test_under_150_kb_with_many_items() -> None:
    big = {
        "map of 60 places over Europe": locator_map(europe(60), title="Europe"),
        "map of 400 places over the world": locator_map(
            [MapPlace(f"w{i}", f"World place {i}", (i * 37) % 140 - 60, (i * 71) % 340 - 170, "exact", "#") for i in range(400)],
            title="World",
        ),
        "200 figure points": figure_chart(figures(200), title="Many", unit="people"),
        "300 trend marks": trend_row(trends(300), title="Many"),
        "300 events": timeline_chart(events(300), title="Many"),
    }
    for what, svg in big.items():
        assert svg is not None
        assert len(svg.encode("utf-8")) < LIMIT, what
        parse(svg)


# --- hostile text -----------------------------------------------------------------------


def hostile_pictures() -> dict[str, str | None]:
    return {
        "map": locator_map([MapPlace(HOSTILE, HOSTILE, 50.0, 30.0, "exact", 'x" onclick="alert(1)')], title=HOSTILE),
        "trend": trend_row([TrendMark(D(2026, 1, 1), HOSTILE, "stable", HOSTILE)], title=HOSTILE),
        "chart": figure_chart([FigurePoint(D(2026, 1, 1), HOSTILE, 5.0, None, None, True, HOSTILE)], title=HOSTILE, unit=HOSTILE),
        "timeline": timeline_chart(
            [TimelineEvent(HOSTILE, HOSTILE, HOSTILE, D(2026, 1, 1), D(2026, 1, 1), HOSTILE)], title=HOSTILE
        ),
    }


@pytest.mark.parametrize("kind", ["map", "trend", "chart", "timeline"])
def test_hostile_names_stay_text(kind: str) -> None:
    svg = hostile_pictures()[kind]
    root = parse(svg)  # well-formed, or this raises
    assert svg is not None
    assert "\u202e" not in svg and "\x00" not in svg
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert not [e for e in root.iter() for a in e.attrib if a.startswith("on")]
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None and "<script>" in title.text and "&" in title.text


def test_escaping_helpers() -> None:
    assert esc('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    assert esc("a\u202eb\u2066c\x07d") == "a\ufffdb\ufffdc\ufffdd"
    assert [num(v) for v in (0.0, -0.0, -0.04, 1.25, 1.0, 12345.678, 2.05)] == [
        "0",
        "0",
        "0",
        "1.2",
        "1",
        "12345.7",
        "2" if f"{2.05:.1f}" == "2.0" else "2.1",
    ]


coordinate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False) | st.sampled_from(
    [0.0, -0.0, -0.04, 0.05, -0.05, 9.95, -10.0]
)
lines = st.lists(st.lists(st.tuples(coordinate, coordinate), min_size=0, max_size=8), max_size=4)


@given(lines, st.booleans())
def test_path_data_writes_each_coordinate_as_num_does(drawn: list[list[tuple[float, float]]], closed: bool) -> None:
    each = "".join("M" + " ".join(f"{num(x)} {num(y)}" for x, y in line) + ("Z" if closed else "") for line in drawn)
    assert path_d(drawn, closed=closed) == each


def douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The textbook recursion, for comparison."""
    if len(points) < 3:
        return list(points)
    (ax, ay), (bx, by) = points[0], points[-1]
    dx, dy = bx - ax, by - ay
    norm = math.hypot(dx, dy)

    def far(p: tuple[float, float]) -> float:  # the cross product, divided by the norm at the end
        if norm == 0:
            return math.hypot(p[0] - ax, p[1] - ay)
        return abs(dy * (p[0] - ax) - dx * (p[1] - ay))

    distances = [far(p) for p in points[1:-1]]
    if max(distances) / (norm or 1) <= tolerance:
        return [points[0], points[-1]]
    index = distances.index(max(distances)) + 1
    return douglas_peucker(points[: index + 1], tolerance)[:-1] + douglas_peucker(points[index:], tolerance)


@given(st.lists(st.tuples(st.integers(-50, 50), st.integers(-50, 50)), max_size=40), st.sampled_from([0.4, 1.0, 3.0]))
def test_simplify_keeps_what_douglas_peucker_keeps(grid: list[tuple[int, int]], tolerance: float) -> None:
    points = [(x / 4, y / 4) for x, y in grid]  # on a grid: ties between distances happen
    assert simplify(points, tolerance) == douglas_peucker(points, tolerance)


# --- locator maps ---------------------------------------------------------------------


def places_in(svg: str | None) -> list[str]:
    return [e.get("data-place", "") for e in parse(svg).iter() if e.get("data-place") is not None]


def test_every_place_is_a_linked_marker_with_a_label() -> None:
    svg = locator_map([KURSK, SNAGOST, SUDZHA], title="Kursk")
    root = parse(svg)
    links = [a for a in root.iter(f"{SVG}a")]
    assert sorted(places_in(svg)) == ["kursk-region", "snagost", "sudzha"]
    for a in links:
        assert a.get("href", "").startswith("../places/#")
        assert len([e for e in a.iter() if e.get("data-place")]) == 1
        assert a.find(f"{SVG}text") is not None
    assert sorted(places_in(locator_map(europe(60), title="Europe"))) == sorted(p.id for p in europe(60))


def test_precisions_draw_different_marks() -> None:
    root = parse(locator_map([KURSK, SNAGOST, SUDZHA, MapPlace("sea", "Sea", 45.0, 31.0, "region", "#s")], title="t"))
    marks = {e.get("data-place"): e for e in root.iter() if e.get("data-place")}
    exact, approx, region, sea = marks["sudzha"], marks["snagost"], marks["kursk-region"], marks["sea"]
    assert exact.tag == f"{SVG}circle" and exact.get("fill") is None
    assert approx.tag == f"{SVG}circle" and approx.get("fill") == "none" and approx.get("stroke-dasharray")
    assert float(approx.get("r", 0)) > float(exact.get("r", 0))
    # A region in the shipped data is drawn as its outline; one outside it as a soft disc.
    assert region.tag == f"{SVG}g" and region.get("data-region") == "RU-KRS"
    assert [e for e in root.iter(f"{SVG}path") if e.get("class") == "bd-area" and e.get("data-region") == "RU-KRS"]
    assert sea.tag == f"{SVG}g" and sea.find(f"{SVG}circle") is not None and sea.get("data-region") is None


def test_regions_where_the_places_need_them() -> None:
    near = parse(locator_map([POKROVSK, LUHANSK], title="Donbas"))
    assert [e for e in near.iter(f"{SVG}path") if e.get("class") == "bd-admin1"]
    assert {e.text for e in near.iter(f"{SVG}text")} & {"Donetsk", "Kharkiv", "Zaporizhzhia", "Dnipropetrovsk"}
    far = parse(locator_map(europe(60), title="Europe"))
    assert not [e for e in far.iter(f"{SVG}path") if e.get("class") == "bd-admin1"]


def test_countries_are_named_where_there_is_room() -> None:
    plan = layout([KURSK, SNAGOST, SUDZHA])
    assert plan is not None
    assert {name for name, _, _ in plan.nations} >= {"RUSSIA", "UKRAINE"}
    assert {name for name, _, _ in plan.context} >= {"Kursk", "Belgorod"}


def test_a_place_on_the_ocean_still_draws() -> None:
    svg = locator_map([MapPlace("atlantic", "Mid-Atlantic", 40.0, -35.0, "exact", "#a")], title="Sea")
    assert places_in(svg) == ["atlantic"]
    root = parse(svg)
    assert root.find(f"{SVG}rect") is not None  # the sea


def test_markers_inside_the_view() -> None:
    poles = [MapPlace("n", "North Pole", 90.0, 0.0, "exact", "#"), MapPlace("s", "South Pole", -90.0, 180.0, "region", "#")]
    cases = [
        [SUDZHA],
        [SUDZHA, POKROVSK],
        europe(60),
        cluster(),
        [MapPlace("n", "North", 80.0, 20.0, "exact", "#"), SUDZHA],
        poles[:1],  # beyond the projection's edge (82°), a place stands at it
        poles,
        [MapPlace("e", "East", 0.0, 180.0, "exact", "#"), MapPlace("w", "West", 0.0, -180.0, "exact", "#")],
    ]
    for places in cases:
        plan = layout(places)
        assert plan is not None
        for m in plan.markers:
            assert m.r <= m.x <= plan.width - m.r and m.r <= m.y <= plan.map_height - m.r, m.place.id


def test_labels_do_not_overlap_in_a_dense_cluster() -> None:
    plan = layout(cluster(25))
    assert plan is not None
    shown = [lab for lab in plan.labels if lab.shown]
    assert len(shown) == len(plan.labels)
    for a, b in itertools.combinations(shown, 2):
        assert not overlaps(a.box, b.box), (a, b)
    markers = [marker_box_of(m) for m in plan.markers]
    for lab in shown:
        assert not any(overlaps(lab.box, m) for m in markers), lab
        assert lab.box[0] >= 0 and lab.box[2] <= plan.width and lab.box[1] >= 0 and lab.box[3] <= plan.map_height
    # What did not fit went aside with a leader, or to the key by number.
    moved = [lab for lab in shown if lab.leader is not None or lab.number is not None]
    assert moved
    numbered = [lab.number for lab in plan.labels if lab.number is not None]
    assert [n for n, _ in plan.key] == numbered == list(range(1, len(numbered) + 1))


def marker_box_of(m: Any) -> tuple[float, float, float, float]:
    from generator.draw.labels import Anchor

    return marker_box(Anchor(m.place.id, m.x, m.y, m.r, ""))


def test_one_place_shows_its_surroundings() -> None:
    plan = layout([SUDZHA])
    assert plan is not None
    assert plan.projection.km_per_px * plan.width > 250  # at least a few hundred km across


# --- trend row, chart, timeline --------------------------------------------------------


def test_trend_marks_in_date_order_with_shapes() -> None:
    marks = trends(14)
    root = parse(trend_row(marks, title="Trend"))
    drawn = [e for e in root.iter() if e.get("data-trend")]
    expected = sorted(marks, key=lambda m: (m.date, m.label))
    assert [e.get("data-trend") for e in drawn] == [m.trend for m in expected]
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == [m.href for m in expected]
    # Shape, not only colour: a triangle pointing up, a level bar, a triangle pointing down.
    for e in drawn:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", e.get("d", ""))]
        trend = e.get("data-trend")
        if trend == "stable":
            assert re.fullmatch(r"M\S+ \S+h\S+v\S+h\S+Z", e.get("d", ""))
        else:
            apex_y, base_y = numbers[1], numbers[3]
            assert (apex_y < base_y) == (trend == "escalating"), e.get("d")
    with pytest.raises(ValueError, match="'worse' is not one of"):
        trend_row([TrendMark(D(2026, 1, 1), "x", "worse", "#")], title="t")  # type: ignore[arg-type]


def test_chart_points_carry_their_numbers() -> None:
    points = [
        FigurePoint(D(2026, 1, 5), "A", 1200.0, None, None, False, "#1"),
        FigurePoint(D(2026, 2, 5), "A", None, 1300.0, 1700.0, True, "#2"),
        FigurePoint(D(2026, 2, 5), "B", 800.0, 700.0, 900.0, False, "#3"),
        FigurePoint(D(2026, 3, 5), "B", 2.5, None, None, True, "#4"),
    ]
    root = parse(figure_chart(points, title="t", unit="people"))
    values = [(e.get("data-value"), e.get("data-min"), e.get("data-max")) for e in root.iter() if e.get("data-value")]
    assert values == [("1200", None, None), ("1300\u20131700", "1300", "1700"), ("800", "700", "900"), ("2.5", None, None)]
    approx = [e for e in root.iter() if "bd-approx" in (e.get("class") or "")]
    assert len(approx) == 2
    titles = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any("\u22481,300\u20131,700 people" in t for t in titles)
    assert any("\u22482.5 people" in t for t in titles)
    ranges = [e for e in root.iter(f"{SVG}path") if e.get("class") == "bd-range"]
    assert len(ranges) == 2
    legend = [e.text for e in root.iter(f"{SVG}text") if e.text in ("A", "B")]
    assert legend == ["A", "B"]


def test_chart_of_one_point() -> None:
    root = parse(figure_chart([FigurePoint(D(2026, 1, 5), "A", 7.0, None, None, False, "#")], title="t", unit="u"))
    ticks = [e.text for e in root.iter(f"{SVG}text") if e.get("class") == "bd-tick"]
    assert "0" in ticks and "5 Jan" in ticks
    assert [e.get("data-value") for e in root.iter() if e.get("data-value")] == ["7"]


def test_value_ticks_are_round() -> None:
    assert nice_ticks(0, 1234) == [0, 500, 1000, 1500]
    assert nice_ticks(0, 7) == [0, 2, 4, 6, 8]
    assert nice_ticks(-5, 17) == [-5, 0, 5, 10, 15, 20]
    with pytest.raises(ValueError, match="finite"):
        nice_ticks(0, math.inf)


def test_partial_dates_are_spans() -> None:
    assert span("2024") == (D(2024, 1, 1), D(2024, 12, 31))
    assert span("2024-02") == (D(2024, 2, 1), D(2024, 2, 29))
    assert span("2024-12") == (D(2024, 12, 1), D(2024, 12, 31))
    assert span("2024-02-03") == (D(2024, 2, 3), D(2024, 2, 3))
    for bad in ("24", "2024-13", "2024-02-30", "March 2024"):
        with pytest.raises(ValueError):
            span(bad)


def test_timeline_lanes_and_marks() -> None:
    evs = events(9)
    root = parse(timeline_chart(evs, title="t"))
    lanes = [g.get("data-front") for g in root.iter(f"{SVG}g") if g.get("data-front")]
    assert lanes == ["Black Sea", "Kursk", "Pokrovsk"]
    marks = {a.get("data-event"): a for a in root.iter(f"{SVG}a")}
    assert sorted(marks) == sorted(e.id for e in evs)
    assert all(a.get("href", "").startswith("#e") for a in marks.values())
    # A day is a diamond, a month or a year a bar.
    assert marks["e0"].find(f"{SVG}path") is not None
    assert marks["e1"].find(f"{SVG}rect") is not None
    assert (marks["e1"].find(f"{SVG}title").text or "").startswith("August 2024")  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="ends"):
        timeline_chart([TimelineEvent("x", "x", "f", D(2026, 2, 1), D(2026, 1, 1), "#")], title="t")


# --- colours ----------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def draw_css() -> str:
    """The pictures' part of the site's stylesheet."""
    css = (REPO / "generator" / "assets" / "briefings.css").read_text(encoding="utf-8")
    return css[css.index("/* Pictures drawn at build time") :]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palettes() -> dict[str, dict[str, str]]:
    css = draw_css()
    light = css[css.index(".bd-pic {") : css.index("@media screen")]
    dark = css[css.index("@media screen") : css.index(".bd-pic text")]
    return {
        name: dict(re.findall(r"--(bd-[\w-]+):\s*(#[0-9a-f]{6});", block)) for name, block in (("light", light), ("dark", dark))
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_pass_aa(scheme: str) -> None:
    p = palettes()[scheme]
    grounds = ("bd-bg", "bd-land", "bd-sea")
    for text in ("bd-ink", "bd-muted"):
        for ground in grounds:
            assert contrast(p[text], p[ground]) >= 4.5, (text, ground)
    marks = ("bd-mark", "bd-border", "bd-up", "bd-flat", "bd-down", *(f"bd-s{i}" for i in range(6)))
    for mark in marks:
        for ground in grounds:
            assert contrast(p[mark], p[ground]) >= 3.0, (mark, ground)
    # The series colours name claimants in the legend's text too.
    for i in range(6):
        assert contrast(p[f"bd-s{i}"], p["bd-bg"]) >= 4.5


# --- in a browser -----------------------------------------------------------------------


def gallery() -> str:
    """A page of pictures, styled by the shipped stylesheet, with nothing else to load."""
    css = draw_css()
    figures_ = [
        (
            "Kursk: a region, an approximate and an exact place",
            locator_map([KURSK, SNAGOST, SUDZHA], title="Places in Kursk region"),
        ),
        ("Donbas", locator_map([POKROVSK, DONETSK, LUHANSK], title="Places in Donetsk and Luhansk")),
        ("A dense cluster", locator_map(cluster(12), title="Villages around Pokrovsk")),
        ("Europe", locator_map(europe(24), title="Places across Europe")),
        ("Trend", trend_row(trends(14), title="Trend of the front, by briefing")),
        ("Figures", figure_chart(figures(30), title="Reported figures by claimant", unit="people")),
        ("Timeline", timeline_chart(events(9), title="Events by front")),
    ]
    body = "".join(f"<h2>{esc(h)}</h2><figure>{svg}</figure>" for h, svg in figures_)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Pictures</title>'
        f"<style>{css}\nbody{{font-family:sans-serif;margin:16px;background:#fff;color:#1f2937}}"
        "body[data-md-color-scheme=slate]{background:#1e2129;color:#e5e7eb} figure{margin:0}</style></head>"
        f'<body data-md-color-scheme="default"><main><h1>Pictures</h1>{body}</main></body></html>'
    )


@pytest.fixture(scope="module")
def browser() -> Any:
    if not CHROMIUM.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pictures_in_chromium(browser: Any, tmp_path: Path, scheme: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page_file = tmp_path / "pictures.html"
    page_file.write_text(gallery(), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(page_file.as_uri())
        page.evaluate(f"document.body.dataset.mdColorScheme = {('slate' if scheme == 'dark' else 'default')!r}")
        assert errors == []
        assert requests == [page_file.as_uri()]
        # Nothing wider than the screen: the pictures scale.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        findings = Axe().run(page).response["violations"]
        assert [f"{v['id']}: {v['help']}" for v in findings if v["impact"] in ("serious", "critical")] == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"draw-{width}-{scheme}.png"), full_page=True)
    finally:
        context.close()
