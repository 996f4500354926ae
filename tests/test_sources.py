"""Briefings from many sources: each quote found in the source it names, pins, corroboration.

The messages for each bad input are golden files (tests/cases/invalid/source-*.expected);
these tests check what a briefing that passes is loaded as, and the rules' edge cases.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.errors import Invalid
from generator.load.project import Project
from generator.load.sources import independent
from generator.model.schema import SINGLE_SOURCE_ID, ListedSource
from generator.pages.site import Site
from generator.pages.urls import Urls
from generator.pipeline import build, load, serial

from .conftest import CASES

MULTI = CASES / "multi-source.yml"


def _project(case_project: Path, text: str) -> Project:
    (case_project / "briefings" / "multi.yml").write_text(text, encoding="utf-8")
    return Project(case_project)


def test_each_quote_stands_in_the_source_it_names(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    [entry] = load(Project(case_project))
    assert [(c.id, c.path) for c in entry.copies] == [
        ("wire", "seeds/wire-bridge.txt"),
        ("courier", "seeds/courier-bridge.txt"),
        ("radio", "seeds/radio-bridge.txt"),
    ]
    for copy in entry.copies:
        assert copy.sha256 == hashlib.sha256((case_project / copy.path).read_bytes()).hexdigest()
        for evidence_id, span in copy.spans.items():
            exact = next(e.exact for e in entry.briefing.evidence if e.id == evidence_id)
            assert " … ".join(copy.text[start:end] for start, end in span.pieces) == exact
    # The same words stand in the wire report and its copy: each is found in its own.
    courier = entry.copies[1]
    assert courier.text[courier.spans["load-test-again"].start :].startswith("the repaired pier")
    assert {eid: copy.id for eid, copy in entry.copy_of.items()} == {
        e.id: entry.briefing.source_of(e) for e in entry.briefing.evidence
    }


def test_the_single_source_form_is_a_list_of_one(case_project: Path) -> None:
    shutil.copy(CASES / "valid.yml", case_project / "briefings" / "valid.yml")
    [entry] = load(Project(case_project))
    [text] = entry.briefing.texts
    assert (text.id, text.file) == (SINGLE_SOURCE_ID, "article.txt")
    assert entry.briefing.sources is None
    assert [c.id for c in entry.copies] == [SINGLE_SOURCE_ID]


def test_a_list_of_one_needs_no_source_on_its_evidence(case_project: Path) -> None:
    text = (CASES / "valid.yml").read_text(encoding="utf-8").replace("source:\n  file:", "sources:\n  - id: only\n    file:")
    [entry] = load(_project(case_project, text))
    assert [c.id for c in entry.copies] == ["only"]
    assert set(entry.copies[0].spans) == {"begun", "ten"}


def test_a_pin_that_matches_passes(case_project: Path) -> None:
    pin = hashlib.sha256((case_project / "seeds" / "wire-bridge.txt").read_bytes()).hexdigest()
    text = MULTI.read_text(encoding="utf-8").replace(
        "    retrieved: 2024-09-13\n", f"    retrieved: 2024-09-13\n    sha256: {pin}\n"
    )
    [entry] = load(_project(case_project, text))
    assert entry.briefing.texts[0].sha256 == pin


def test_a_changed_pinned_file_stops_the_check_and_nothing_moves(case_project: Path) -> None:
    seed = case_project / "seeds" / "wire-bridge.txt"
    pin = hashlib.sha256(seed.read_bytes()).hexdigest()
    text = MULTI.read_text(encoding="utf-8").replace(
        "    retrieved: 2024-09-13\n", f"    retrieved: 2024-09-13\n    sha256: {pin}\n"
    )
    # Every quote still stands, one of them elsewhere: the pin still stops the check.
    seed.write_text("A new first line.\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    with pytest.raises(Invalid) as raised:
        load(_project(case_project, text))
    assert [str(p) for p in raised.value.problems] == [
        f"briefings/multi.yml:13:13: sources[0].sha256: seeds/wire-bridge.txt has changed since it was pinned; 3 of its"
        f" quotes still match (reopened, lorries, load-test); its SHA-256 is now {new}; expected the pinned bytes, or the"
        " new hash once every quote is checked against the new text"
    ]


def _source(source_id: str, outlet: str | None, via: str | None = None) -> ListedSource:
    return ListedSource(id=source_id, file=f"{source_id}.txt", outlet=outlet, via=via)


def test_independence_counts_the_outlets_of_the_originals() -> None:
    wire, copy, radio = _source("wire", "Wire"), _source("copy", "Paper", via="wire"), _source("radio", "Radio")
    same_outlet = _source("wire-2", "Wire")
    copy_of_copy = _source("copy-2", "Other paper", via="copy")
    anonymous, anonymous_2 = _source("leaflet", None), _source("leaflet-2", None)
    by_id = {s.id: s for s in (wire, copy, radio, same_outlet, copy_of_copy, anonymous, anonymous_2)}
    assert independent([wire, radio], by_id) == 2
    assert independent([wire, copy], by_id) == 1  # a republication is its original
    assert independent([copy, copy_of_copy], by_id) == 1  # two copies of one report are one source
    assert independent([wire, same_outlet], by_id) == 1  # one outlet's two texts
    assert independent([copy, radio], by_id) == 2
    assert independent([anonymous, anonymous_2], by_id) == 2  # no outlet: each text counts as its own


def test_a_via_circle_does_not_hang_the_count() -> None:
    a, b = _source("a", "A", via="b"), _source("b", "B", via="a")
    assert independent([a, b], {"a": a, "b": b}) in (1, 2)


def test_the_single_source_form_is_exempt_from_corroboration(case_project: Path) -> None:
    """A confirmed claim in a briefing of one `source` passes: the shipped briefing confirms claims so."""
    text = (CASES / "valid.yml").read_text(encoding="utf-8").replace("status: claimed", "status: confirmed")
    [entry] = load(_project(case_project, text))
    assert entry.briefing.claims[0].status == "confirmed"


def test_a_list_of_one_source_cannot_confirm(case_project: Path) -> None:
    text = (
        (CASES / "valid.yml")
        .read_text(encoding="utf-8")
        .replace("status: claimed", "status: confirmed")
        .replace("source:\n  file:", "sources:\n  - id: only\n    file:")
    )
    with pytest.raises(Invalid) as raised:
        load(_project(case_project, text))
    assert [str(p) for p in raised.value.problems] == [
        "briefings/multi.yml:40:13: claims[0].status: 'confirmed' needs passages from at least 2 independent sources; its"
        " evidence quotes 1 source: only; expected a passage of another outlet's own report, or a status other than"
        " 'confirmed'"
    ]


def test_the_pages_name_each_source_and_each_annotation_targets_its_own(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    pages = build(Project(case_project), Urls(), Site("Desk", None, "https://desk.example/"), serial).pages
    page = pages["briefings/multi/index.md"]
    assert (
        ' · Sources: a text by Jo Lane, Example Wire, 12 September 2024, <a class="bf-url"'
        ' href="https://wire.example.org/dunmore-bridge" rel="noopener noreferrer nofollow">'
        "https://wire.example.org/dunmore-bridge</a>; Dunmore Courier, September 2024; Valley Radio, 2024 · "
    ) in page
    assert "## Sources" in page
    # Each claim says how many independent sources back it: the wire report and its reprint are one.
    assert re.findall(r'<span class="bf-backing">([^<]*)</span>', page) == [
        "2 independent sources",
        "1 independent source",
        "1 independent source",
    ]
    annotations = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)[1])
    targets = {a["id"].rsplit("#", 1)[1]: a["target"] for a in annotations}
    assert targets["ev-reopened"]["source"] == "https://wire.example.org/dunmore-bridge"
    # A source without an address is targeted at our copy, and its selector is cut from its own text.
    assert targets["ev-crossed"]["source"] == "https://desk.example/briefings/multi/sources/radio/"
    assert annotations[0]["id"] == "https://desk.example/briefings/multi/sources/wire/#ev-reopened"
    assert targets["ev-crossed"]["selector"]["prefix"] == ""
    assert targets["ev-load-test-again"]["selector"]["suffix"] == " on Wednesday night. Heavy lorri"
    reviews = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)[0])
    assert reviews[0]["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "url": "https://wire.example.org/dunmore-bridge"}
    # The feed links each source that has an address, as related to the briefing.
    assert (
        '<link href="https://wire.example.org/dunmore-bridge" rel="related" type="text/html" title="Example Wire"/>'
        in pages["feed.xml"]
    )
    assert pages["feed.xml"].count('rel="related"') == 1
    exported = json.loads(pages["briefings.json"])["briefings"][0]["sources"]
    assert [(s["id"], s["path"], sorted(s["spans"])) for s in exported] == [
        ("wire", "seeds/wire-bridge.txt", ["load-test", "lorries", "reopened"]),
        ("courier", "seeds/courier-bridge.txt", ["load-test-again"]),
        ("radio", "seeds/radio-bridge.txt", ["both-ways", "crossed", "footing"]),
    ]


def test_each_source_has_its_own_view_with_its_own_passages(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    pages = build(Project(case_project), Urls(), Site("Desk"), serial).pages
    assert "briefings/multi/source.md" not in pages
    marked = {
        sid: re.findall(r'<mark class="bf-passage" id="ev-([^"]+)"', pages[f"briefings/multi/sources/{sid}.md"])
        for sid in ("wire", "courier", "radio")
    }
    assert marked == {
        "wire": ["reopened", "load-test", "lorries"],
        "courier": ["load-test-again"],
        "radio": ["crossed", "both-ways", "footing"],
    }
    courier = pages["briefings/multi/sources/courier.md"]
    assert 'title: "Source: Dunmore Courier (The Dunmore bridge reopens)"' in courier
    assert ", which republishes Example Wire." in courier
    assert (
        '<p>The briefing\'s other sources: <a href="../wire/">Example Wire</a>; <a href="../radio/">Valley Radio</a>.</p>'
        in courier
    )
    # Back links lead from each source's view to the briefing's statements.
    assert '<a class="bf-backlink" href="../../#claim-load-test"' in courier
    # And the briefing's evidence links lead to the view of the source each passage is from.
    page = pages["briefings/multi/index.md"]
    assert 'href="sources/courier/#ev-load-test-again"' in page
    assert 'href="sources/wire/#ev-reopened"' in page


def test_the_briefing_closes_with_a_reference_list(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    page = build(Project(case_project), Urls(), Site("Desk"), serial).pages["briefings/multi/index.md"]
    references = page[page.index('<ol class="bf-references" id="references">') :]
    items = re.findall(r'<li id="(source-[a-z]+)">(.*?)</li>', references, re.DOTALL)
    assert [anchor for anchor, _ in items] == ["source-wire", "source-courier", "source-radio"]
    assert items[1][1] == (
        "<p>Dunmore Courier, September 2024</p>\n"
        '<p class="bf-facts"><code>seeds/courier-bridge.txt</code> · republishes <a href="#source-wire">Example Wire</a>'
        ' · <a href="sources/courier/">1 passage cited, highlighted in our copy</a></p>'
    )
    assert (
        '<code>seeds/wire-bridge.txt</code> · in <span lang="en">en</span> · received <time datetime="2024-09-13">13 September 2024</time>'
        in items[0][1]
    )
    assert '<a href="#references">Our copies, with the cited passages marked</a>' in page


def test_the_sources_page_lists_every_text_once_with_its_citations_and_chain(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    # A later briefing quotes the same three texts, the radio report under another id.
    later = MULTI.read_text(encoding="utf-8").replace("date: 2024-09-13", "date: 2024-09-20")
    later = later.replace("- id: radio", "- id: valley").replace("source: radio", "source: valley")
    (case_project / "briefings" / "later.yml").write_text(later, encoding="utf-8")
    page = build(Project(case_project), Urls(), Site("Desk"), serial).pages["sources.md"]
    cards = re.findall(r'<article class="bf-card bf-source-card" id="([^"]+)">(.*?)</article>', page, re.DOTALL)
    assert [anchor for anchor, _ in cards] == [
        "src-seeds-wire-bridge-txt",
        "src-seeds-courier-bridge-txt",
        "src-seeds-radio-bridge-txt",
    ]
    wire, courier, radio = (body for _, body in cards)
    assert "<dt>Cited</dt><dd>6 passages in 2 briefings</dd>" in radio
    citations = re.findall(r'<a href="([^"]+)">(\d+ passages?), highlighted</a>', radio)
    assert citations == [
        ("../briefings/later/sources/valley/", "3 passages"),
        ("../briefings/multi/sources/radio/", "3 passages"),
    ]
    assert '<dt>Republishes</dt><dd><a href="#src-seeds-wire-bridge-txt">Example Wire</a></dd>' in courier
    assert '<dt>Republished by</dt><dd><a href="#src-seeds-courier-bridge-txt">Dunmore Courier</a></dd>' in wire
    assert "3 source texts from 3 outlets" in page


def test_an_elided_quote_is_marked_part_by_part_and_a_range_in_the_linked_data(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    pages = build(Project(case_project), Urls(), Site("Desk"), serial).pages
    source = pages["briefings/multi/sources/radio.md"]
    marked = re.findall(r'<mark class="bf-passage"[^>]*data-evidence="both-ways">([^<]*)</mark>', source)
    assert marked == ["Cars moved in both directions", "waited at the eastern end."]
    assert 'id="ev-both-ways"' in source
    page = pages["briefings/multi/index.md"]
    annotations = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)[1])
    [elided] = [a for a in annotations if a["id"].endswith("#ev-both-ways")]
    selector = elided["target"]["selector"]
    assert selector["type"] == "RangeSelector"
    assert selector["startSelector"]["type"] == selector["endSelector"]["type"] == "TextQuoteSelector"
    assert selector["startSelector"]["exact"] == "Cars moved in both directions"
    assert selector["endSelector"]["exact"] == "waited at the eastern end."
    assert selector["endSelector"]["prefix"].endswith("and a police car ")
    spans = json.loads(pages["briefings.json"])["briefings"][0]["sources"][2]["spans"]
    assert len(spans["both-ways"]["parts"]) == 2 and "parts" not in spans["crossed"]


def test_an_ellipsis_that_stands_in_the_source_is_quoted_whole(case_project: Path) -> None:
    (case_project / "seeds" / "article.txt").write_text("He said: wait... and then nothing at all.\n", encoding="utf-8")
    text = (
        (CASES / "valid.yml")
        .read_text(encoding="utf-8")
        .replace("exact: Russia has begun a significant counteroffensive", "exact: 'He said: wait... and then'")
        .replace("exact: A total of about 10 settlements have been liberated.", "exact: nothing at all.")
    )
    [entry] = load(_project(case_project, text))
    assert entry.copy_of["begun"].spans["begun"].parts == ()
