"""Claims with figures, places, several claimants and contradictions, as the pages show them.

The messages for each bad input are golden files (tests/cases/invalid/figure-*, place-*,
claim-contradictions); these tests check the pages of two briefings that use every field.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.errors import Invalid
from generator.load.project import Project
from generator.pages.site import Site
from generator.pages.urls import Urls
from generator.pipeline import build, serial

from .conftest import CASES, line_of


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("figures")
    shutil.copytree(CASES / "seeds", root / "seeds")
    shutil.copytree(CASES / "figures", root / "briefings")
    return build(Project(root), Urls(), Site("Desk", None, "https://desk.example/"), serial).pages


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_a_briefing_opens_with_its_key_figures(pages: dict[str, str]) -> None:
    page = pages["briefings/late/index.md"]
    box = _between(page, '<div class="bf-keyfigures" id="key-figures">', "</ul></div>")
    assert page.index("bf-keyfigures") < page.index("## What changed") < page.index("## Key takeaways")
    figures = re.findall(r'<a class="bf-figure" href="([^"]+)" data-value="([^"]+)">([^<]+)</a>', box)
    assert figures == [
        ("../../figures/settlements-retaken/", "10", "about 10 settlements"),
        ("../../figures/casualties/", "12000", "about 12,000 people"),
        ("../../figures/casualties/", "2000..3000", "2,000–3,000 people"),
    ]
    # Each with its status, its claimants and the evidence of its claim.
    assert (
        '<span class="bf-measure">Ukrainian casualties</span></p><p class="bf-facts"><span class="bf-badge bf-status-claimed">'
        in box
    )
    assert (
        '<span class="bf-claimant">Claimed by <a href="../../claims/#claimant-kartapolov">Andrei Kartapolov</a> and'
        ' <a href="../../claims/#claimant-russian-military">The Russian military</a></span>'
    ) in box
    assert box.count('class="bf-cites"') == 3


def test_no_figures_no_box(pages: dict[str, str], tmp_path: Path) -> None:
    shutil.copytree(CASES / "seeds", tmp_path / "seeds")
    (tmp_path / "briefings").mkdir()
    shutil.copy(CASES / "valid.yml", tmp_path / "briefings" / "valid.yml")
    page = build(Project(tmp_path), Urls(), executor=serial).pages["briefings/valid/index.md"]
    assert "bf-keyfigures" not in page
    assert "0 places" in build(Project(tmp_path), Urls(), executor=serial).pages["places.md"]


def test_an_unnamed_source_is_said_to_be_one_wherever_it_claims(pages: dict[str, str]) -> None:
    marker = (
        '<a href="../../claims/#claimant-hospital-source">A hospital source</a> <span class="bf-anon">(unnamed source)</span>'
    )
    page = pages["briefings/late/index.md"]
    assert page.count(marker) == 2  # the key figures, and the claim
    assert 'A hospital source <span class="bf-anon">(unnamed source)</span>' in pages["figures/casualties/index.md"]
    assert (
        '<a href="#claimant-hospital-source">A hospital source</a> <span class="bf-anon">(unnamed source)</span></th>'
        in pages["claims.md"]
    )
    assert '<h2>A hospital source <span class="bf-anon">(unnamed source)</span></h2>' in pages["claims.md"]
    assert '<h2>A hospital source <span class="bf-anon">(unnamed source)</span></h2>' in pages["actors.md"]
    reviews = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)[0])
    [few] = [r for r in reviews if r["url"].endswith("#claim-few-losses")]
    assert few["itemReviewed"]["author"] == {"@type": "Person", "name": "A hospital source", "description": "An unnamed source."}


def test_a_contradiction_shows_on_both_claims_and_on_the_contested_page(pages: dict[str, str]) -> None:
    page = pages["briefings/late/index.md"]
    ten = _between(page, '<li class="bf-claim" id="claim-ten">', "</li>")
    battles = _between(page, '<li class="bf-claim" id="claim-battles">', "</li>")
    assert (
        '<p class="bf-contradicts"><span class="bf-label">Contradicts</span> <a href="#claim-battles">Battles go on near Snagos.</a> (People of Snagos)</p>'
        in ten
    )
    assert '<a href="#claim-ten">About 10 settlements are retaken.</a> (Andrei Kartapolov and The Russian military)' in battles
    contested = pages["contested.md"]
    pairs = re.findall(r'<article class="bf-card bf-contest" id="([^"]+)">', contested)
    # The same pair in both briefings is listed once, as the newest has it.
    assert pairs == ["late--few-losses--casualties", "late--battles--ten"]
    assert "2 pairs of claims that contradict each other" in contested
    assert 'on the <a href="../contested/">contested claims</a> page' in pages["claims.md"]


def test_the_ledger_counts_a_claim_under_each_claimant(pages: dict[str, str]) -> None:
    tally = _between(pages["claims.md"], '<div class="bf-tally"', "</table></div>")
    rows = dict(
        re.findall(
            r'<th scope="row"><a href="#claimant-([a-z-]+)">[^<]+</a>(?: <span class="bf-anon">[^<]*</span>)?</th>((?:<td>[^<]*</td>)+)',
            tally,
        )
    )
    claimed = {actor: re.findall(r"<td>([^<]*)</td>", cells)[2] for actor, cells in rows.items()}
    assert claimed == {"hospital-source": "2", "kartapolov": "2", "russian-military": "4", "villagers": "2"}


def test_each_measure_has_its_figures_over_time_by_claimant(pages: dict[str, str]) -> None:
    series = pages["figures/casualties/index.md"]
    rows = re.findall(r'<tr data-value="([^"]+)"( data-approx)?><td><a [^>]*><time datetime="([^"]+)">', series)
    assert rows == [
        ("10000", "", "2024-09-12"),
        ("2000..3000", "", "2024-09-12"),
        ("12000", " data-approx", "2024-09-19"),
        ("2000..3000", "", "2024-09-19"),
    ]
    assert '<td class="bf-num">about 12,000</td><td>The Russian military</td>' in series
    index = pages["figures/index.md"]
    assert re.findall(r'<h2><a href="([^"]+)">', index) == ["settlements-retaken/", "casualties/"]
    cards = re.findall(r'<article class="bf-card bf-measure" id="(measure-[a-z-]+)">', index)
    assert cards == ["measure-settlements-retaken", "measure-casualties"]
    assert "4 figures in 2 briefings" in index


def test_the_places_page_lists_what_names_each_place(pages: dict[str, str]) -> None:
    page = pages["places.md"]
    cards = dict(
        re.findall(
            r'<article class="bf-card bf-place-card" id="place-([a-z-]+)" data-place="[^"]+">(.*?)</article>', page, re.DOTALL
        )
    )
    assert list(cards) == ["kursk-region", "seym", "snagos"]
    snagos = cards["snagos"]
    assert '<span class="bf-coords">51.315, 34.893</span> (approximate)' in snagos
    assert '<a href="../fronts/kursk/">Kursk</a>' in snagos
    assert snagos.count("Battles go on near Snagos.") == 1  # the same claim in both briefings, once
    assert '<a href="../briefings/late/#claim-battles">' in snagos
    assert '<time datetime="2024-09">September 2024</time>: <a href="../briefings/late/#event-snagos-fighting">' in snagos
    assert "Water · no coordinates given · named in 2 briefings" in cards["seym"]
    # A statement's places link to their entries.
    assert '<a class="bf-place" href="../../places/#place-snagos">Snagos</a>' in pages["briefings/late/index.md"]


def test_what_changed_names_a_changed_figure_and_a_new_contradiction(pages: dict[str, str]) -> None:
    section = _between(pages["briefings/late/index.md"], "## What changed", "## Key takeaways")
    assert (
        '<li><span class="bf-change">Figure changed</span> <a href="../../figures/casualties/">Ukrainian casualties</a>:'
        " 10,000; 2,000–3,000 → about 12,000; 2,000–3,000 people</li>"
    ) in section
    assert (
        '<li><span class="bf-change">New contradiction</span> <a href="#claim-battles">Battles go on near Snagos.</a>'
        ' contradicts <a href="#claim-ten">About 10 settlements are retaken.</a></li>'
    ) in section
    assert "Settlements retaken" not in section


def test_linked_data_gives_places_with_coordinates_and_figures_as_quantities(pages: dict[str, str]) -> None:
    page = pages["briefings/late/index.md"]
    reviews = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)[0])
    ten = reviews[0]["itemReviewed"]
    assert ten["author"] == [
        {"@type": "Person", "name": "Andrei Kartapolov"},
        {"@type": "Organization", "name": "The Russian military"},
    ]
    assert ten["spatialCoverage"] == [
        {"@type": "Place", "name": "Kursk region", "geo": {"@type": "GeoCoordinates", "latitude": 51.6, "longitude": 36.1}}
    ]
    assert ten["about"] == [
        {
            "@type": "QuantitativeValue",
            "name": "Settlements retaken",
            "unitText": "settlements",
            "value": 10,
            "description": "approximate",
        }
    ]
    [few] = [r["itemReviewed"] for r in reviews if r["url"].endswith("#claim-few-losses")]
    assert few["about"][0]["minValue"] == 2000 and few["about"][0]["maxValue"] == 3000


def test_the_export_carries_places_measures_and_figures(pages: dict[str, str]) -> None:
    late = next(b for b in json.loads(pages["briefings.json"])["briefings"] if b["id"] == "late")["briefing"]
    assert late["places"][1] == {
        "id": "snagos",
        "name": "Snagos",
        "kind": "settlement",
        "lat": 51.315,
        "lon": 34.893,
        "precision": "approximate",
    }
    assert late["claims"][0]["claimant"] == ["kartapolov", "russian-military"]
    assert late["claims"][0]["figures"] == [{"measure": "settlements-retaken", "value": 10, "approx": True}]


def test_a_measure_keeps_its_unit_across_briefings(tmp_path: Path) -> None:
    shutil.copytree(CASES / "seeds", tmp_path / "seeds")
    shutil.copytree(CASES / "figures", tmp_path / "briefings")
    late = tmp_path / "briefings" / "late.yml"
    text = late.read_text(encoding="utf-8").replace(
        "name: Ukrainian casualties, unit: people}", "name: Ukrainian casualties, unit: soldiers}"
    )
    late.write_text(text, encoding="utf-8")
    with pytest.raises(Invalid) as raised:
        build(Project(tmp_path), Urls(), executor=serial)
    early = (CASES / "figures" / "early.yml").read_text(encoding="utf-8")
    at, first = (
        line_of(text, "  - {id: casualties, name: Ukrainian casualties, unit: soldiers}"),
        line_of(early, "  - {id: casualties, name: Ukrainian casualties, unit: people}"),
    )
    assert [str(p) for p in raised.value.problems] == [
        f"briefings/late.yml:{at}:56: measures[1].unit: 'soldiers' is not the unit 'people' that briefings/early.yml"
        f" (line {first}) gives the measure 'casualties'; expected one unit for a measure across briefings, as the same"
        " id is one series (or another id for another series)"
    ]
