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
    # The joined text the single source page shows holds each passage where its span says.
    for evidence in entry.briefing.evidence:
        span = entry.spans[evidence.id]
        assert " … ".join(entry.source_text[a:b] for a, b in span.pieces) == evidence.exact


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
    assert "<dt>Republishes</dt><dd>the text of Example Wire (<code>seeds/wire-bridge.txt</code>)</dd>" in page
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
    assert targets["ev-crossed"]["source"] == "https://desk.example/briefings/multi/source/"
    assert targets["ev-crossed"]["selector"]["prefix"] == ""
    assert targets["ev-load-test-again"]["selector"]["suffix"] == " on Wednesday night. Heavy lorri"
    reviews = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)[0])
    assert reviews[0]["itemReviewed"]["appearance"] == {"@type": "CreativeWork", "url": "https://wire.example.org/dunmore-bridge"}
    exported = json.loads(pages["briefings.json"])["briefings"][0]["sources"]
    assert [(s["id"], s["path"], sorted(s["spans"])) for s in exported] == [
        ("wire", "seeds/wire-bridge.txt", ["load-test", "lorries", "reopened"]),
        ("courier", "seeds/courier-bridge.txt", ["load-test-again"]),
        ("radio", "seeds/radio-bridge.txt", ["both-ways", "crossed", "footing"]),
    ]


def test_an_elided_quote_is_marked_part_by_part_and_a_range_in_the_linked_data(case_project: Path) -> None:
    shutil.copy(MULTI, case_project / "briefings" / "multi.yml")
    pages = build(Project(case_project), Urls(), Site("Desk"), serial).pages
    source = pages["briefings/multi/source.md"]
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
    assert entry.spans["begun"].parts == ()
