"""Briefings over time: what changed, questions across briefings, the timeline, data out.

tests/cases/series/ holds three weekly briefings, each following the one before. From the
first to the second, every kind of change happens; from the second to the third, none.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from generator.errors import Invalid
from generator.load.project import Project
from generator.pages.changes import compare
from generator.pages.export import FORMAT, VERSION
from generator.pages.site import Site
from generator.pages.urls import Urls
from generator.pipeline import build, load, serial

from .conftest import CASES, REPO
from .test_site import build_site

SERIES = CASES / "series"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE = Site("Weekly desk", "Fighting, week by week.", "https://briefings.example.org/desk/")


@pytest.fixture(scope="module")
def entries() -> dict[str, object]:
    return {entry.id: entry for entry in load(Project(SERIES))}


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return build(Project(SERIES), Urls(), SITE, serial).pages


def test_every_kind_of_change_is_found(entries: dict[str, object]) -> None:
    changes = compare(entries["week-1"], entries["week-2"])  # type: ignore[arg-type]
    assert [f.id for f in changes.fronts_added] == ["charlie"]
    assert [f.id for f in changes.fronts_gone] == ["bravo"]
    assert [(f.id, str(before), str(f.trend)) for f, before in changes.trends] == [("alpha", "escalating", "de-escalating")]
    assert [q.id for q in changes.questions_opened] == ["charlie-hold"]
    assert [q.id for q in changes.questions_answered] == ["talks", "bridge"]
    assert [q.id for q in changes.questions_dropped] == ["bravo-quiet"]
    assert [(c.id, str(before), str(c.status)) for c, before in changes.claims] == [
        ("captured", "claimed", "disputed"),
        ("bridge-destroyed", "claimed", "confirmed"),
    ]
    assert [c.id for c in changes.claims_new] == ["drone-factory"]
    assert not compare(entries["week-2"], entries["week-3"])  # type: ignore[arg-type]


def test_a_following_briefing_opens_with_what_changed(pages: dict[str, str]) -> None:
    page = pages["briefings/week-2/index.md"]
    assert page.index('id="bottom-line"') < page.index("## What changed") < page.index("## Key takeaways")
    section = page[page.index("## What changed") : page.index("## Key takeaways")]
    assert 'Since <a href="../week-1/">Forces cross the border near Alpha</a>' in section
    lines = [re.sub(r"<[^>]+>", "", li).split("  ")[0] for li in re.findall(r"<li>(.*?)</li>", section)]
    assert [line.split(" ", 2)[:2] for line in lines] == [
        ["Front", "added"],
        ["Front", "no"],
        ["Trend", "moved"],
        ["Question", "opened"],
        ["Question", "answered"],
        ["Question", "answered"],
        ["Question", "no"],
        ["Claim", "re-rated"],
        ["Claim", "re-rated"],
        ["New", "claim"],
    ]
    # An answer comes with the evidence that answered it, linked to its passage.
    assert re.search(r'Question answered.*Will talks resume.*Yes; talks resumed.*href="source/#ev-resumed"', section)
    assert 'Claimed, unverified</span> → <span class="bf-badge bf-status-confirmed">Confirmed' in section
    third = pages["briefings/week-3/index.md"]
    assert "No front, trend, question, claim or figure changed." in third
    assert "## What changed" not in pages["briefings/week-1/index.md"]


def test_the_tracker_shows_each_question_once_with_its_history(pages: dict[str, str]) -> None:
    tracker = pages["questions.md"]
    assert tracker.count('id="q-bridge"') == 1
    card = tracker[tracker.index('id="q-bridge"') :].split("</article>")[0]
    assert 'Opened in <a href="../briefings/week-1/">' in card
    assert "Asked in 3 briefings:" in card and card.count('#question-bridge">') == 4  # title and 3 dates
    assert re.search(r'Answered</span> in <a href="../briefings/week-2/">.*Yes; satellite images confirmed it', card)
    dropped = tracker[tracker.index('id="q-bravo-quiet"') :].split("</article>")[0]
    assert 'No longer asked in <a href="../briefings/week-2/">' in dropped


def test_the_timeline_lists_events_once_newest_first(pages: dict[str, str]) -> None:
    timeline = pages["timeline.md"]
    assert re.findall(r'<li id="event-([a-z-]+)"', timeline) == ["geneva-talks", "crossing", "charlie-opens"]
    assert '<time datetime="2024-08">August 2024</time>' in timeline  # a month, as precise as its source
    assert 'href="../briefings/week-3/#event-crossing"' in timeline  # the newest briefing recording it
    assert 'href="../briefings/week-3/source/#ev-crossed"' in timeline
    assert '<li id="event-crossing">' in pages["briefings/week-1/index.md"]


def test_the_feed_is_atom_with_every_required_element(pages: dict[str, str]) -> None:
    feed = ET.fromstring(pages["feed.xml"].encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + required) is not None, required
    assert feed.findtext(f"{ATOM}id") == "https://briefings.example.org/desk/"
    assert feed.findtext(f"{ATOM}updated") == "2024-08-20T00:00:00+00:00"
    self_link = [link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == ["https://briefings.example.org/desk/feed.xml"]
    items = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in items] == [
        "Little moves on either front",
        "The advance stalls near Alpha as a front opens at Charlie",
        "Forces cross the border near Alpha",
    ]
    first = items[0]
    assert first.findtext(f"{ATOM}id") == "https://briefings.example.org/desk/briefings/week-3/"
    assert first.find(f"{ATOM}link").get("href") == "https://briefings.example.org/desk/briefings/week-3/"  # type: ignore[union-attr]
    assert first.findtext(f"{ATOM}summary", "").startswith("The advance near Alpha stalled")
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["alpha", "charlie"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", e.findtext(f"{ATOM}updated", "")) for e in items)


def test_without_a_site_address_the_feed_ids_are_stable_urns() -> None:
    first = build(Project(SERIES), Urls(), Site("Weekly desk"), serial).pages["feed.xml"]
    again = build(Project(SERIES), Urls(), Site("Weekly desk"), serial).pages["feed.xml"]
    assert first == again
    ids = [e.findtext(f"{ATOM}id") for e in ET.fromstring(first.encode()).iter(f"{ATOM}entry")]
    assert all(i and re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in ids) and len(set(ids)) == 3


class _LinkedData(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[object] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks.append(json.loads(data))
            self._open = False


def linked_data(markdown: str) -> list[object]:
    parser = _LinkedData()
    parser.feed(markdown)
    return parser.blocks


def test_claims_are_claim_reviews_and_passages_web_annotations(pages: dict[str, str], entries: dict[str, object]) -> None:
    reviews, annotations = linked_data(pages["briefings/week-2/index.md"])
    assert isinstance(reviews, list) and isinstance(annotations, list)
    assert [r["@type"] for r in reviews] == ["ClaimReview"] * 3
    captured = reviews[0]
    assert captured["@context"] == "https://schema.org"
    assert captured["url"] == "https://briefings.example.org/desk/briefings/week-2/#claim-captured"
    assert captured["claimReviewed"] == "200 soldiers were captured."
    assert captured["itemReviewed"] == {"@type": "Claim", "author": {"@type": "Person", "name": "Northland spokesman"}}
    assert captured["reviewRating"]["alternateName"] == "Disputed" and captured["reviewRating"]["ratingValue"] == 2
    assert captured["author"] == {"@type": "Organization", "name": "Weekly desk"}
    entry = entries["week-2"]
    source = entry.copies[0].text  # type: ignore[attr-defined]
    assert len(annotations) == len(entry.briefing.evidence)  # type: ignore[attr-defined]
    for annotation in annotations:
        assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld" and annotation["type"] == "Annotation"
        selector = annotation["target"]["selector"]
        assert selector["type"] == "TextQuoteSelector"
        # The selector picks out exactly one place in the source: prefix, exact, suffix.
        assert source.count(selector["prefix"] + selector["exact"] + selector["suffix"]) == 1
        assert annotation["body"] and all(
            b.startswith("https://briefings.example.org/desk/briefings/week-2/#") for b in annotation["body"]
        )
    resumed = next(a for a in annotations if a["id"].endswith("#ev-resumed"))
    assert resumed["target"]["selector"]["exact"] == "Talks resumed in Geneva on 12 August."
    assert resumed["body"] == [
        "https://briefings.example.org/desk/briefings/week-2/#bottom-line",
        "https://briefings.example.org/desk/briefings/week-2/#question-talks",
        "https://briefings.example.org/desk/briefings/week-2/#event-geneva-talks",
    ]


def test_the_export_follows_its_schema_and_locates_every_passage(pages: dict[str, str], entries: dict[str, object]) -> None:
    document = json.loads(pages["briefings.json"])
    schema = json.loads((REPO / "generator" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert (document["format"], document["version"]) == (FORMAT, VERSION) == ("briefing-site/annotations", 3)
    assert [b["id"] for b in document["briefings"]] == ["week-3", "week-2", "week-1"]
    week2 = document["briefings"][1]
    assert week2["page"] == "briefings/week-2/" and week2["briefing"]["follows"] == "week-1"
    source = (SERIES / "seeds" / "week.txt").read_text(encoding="utf-8")
    [copy] = week2["sources"]
    assert (copy["id"], copy["path"]) == ("source", "seeds/week.txt")
    assert copy["sha256"] == hashlib.sha256((SERIES / "seeds" / "week.txt").read_bytes()).hexdigest()
    for evidence in week2["briefing"]["evidence"]:
        span = copy["spans"][evidence["id"]]
        assert source[span["start"] : span["end"]] == evidence["exact"]
    broken = json.loads(pages["briefings.json"])
    broken["briefings"][0]["briefing"]["claims"][0]["status"] = "probably"
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


@pytest.mark.parametrize(
    ("follows", "date", "expected"),
    [
        (
            "week-9",
            None,
            "follows: 'week-9' is no briefing; expected the id of an earlier briefing (its file name without .yml) (did you mean 'week-3'?)",
        ),
        (
            "week-2",
            None,
            "follows: 'week-2' is this briefing itself; expected the id of an earlier briefing (its file name without .yml)",
        ),
        (
            "week-3",
            None,
            "follows: 'week-3' is dated 2024-08-20, after this briefing; expected a briefing dated 2024-08-13 or before",
        ),
    ],
)
def test_a_wrong_follows_names_its_place_and_what_was_expected(
    tmp_path: Path, follows: str, date: str | None, expected: str
) -> None:
    shutil.copytree(SERIES, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "briefings" / "week-2.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("follows: week-1", f"follows: {follows}"), encoding="utf-8")
    with pytest.raises(Invalid) as raised:
        load(Project(tmp_path))
    assert raised.value.report() == f"1 problem found:\nbriefings/week-2.yml:3:10: {expected}"


def test_briefings_that_follow_each_other_in_a_circle_are_refused(tmp_path: Path) -> None:
    shutil.copytree(SERIES, tmp_path, dirs_exist_ok=True)
    for name, follows in (("week-2", "week-3"), ("week-3", "week-2")):
        path = tmp_path / "briefings" / f"{name}.yml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^follows: .*$", f"follows: {follows}", text).replace("date: 2024-08-20", "date: 2024-08-13")
        path.write_text(text, encoding="utf-8")
    with pytest.raises(Invalid) as raised:
        load(Project(tmp_path))
    assert raised.value.report() == (
        "2 problems found:\n"
        "briefings/week-2.yml:3:10: follows: week-2 → week-3 → week-2 goes round in a circle; expected a chain that ends at a first briefing\n"
        "briefings/week-3.yml:3:10: follows: week-3 → week-2 → week-3 goes round in a circle; expected a chain that ends at a first briefing"
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (
            "2024-13",
            "events[0].date: '2024-13' is not a day of the calendar; expected a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
        (
            "'2024-02-30'",
            "events[0].date: '2024-02-30' is not a day of the calendar; expected a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
        (
            "last week",
            "events[0].date: 'last week' is not valid here; expected a date as YYYY-MM-DD, or YYYY-MM or YYYY when the source is no more precise",
        ),
        ("2024", None),
        ("2024-08", None),
    ],
)
def test_event_dates_are_as_precise_as_given_and_real(tmp_path: Path, date: str, expected: str | None) -> None:
    shutil.copytree(SERIES, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "briefings" / "week-1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    date: 2024-08-06\n", f"    date: {date}\n"), encoding="utf-8")
    if expected is None:
        event = next(e for e in load(Project(tmp_path)) if e.id == "week-1").briefing.events[0]
        assert event.date == date and event.precision == ("year" if len(date) == 4 else "month")
        return
    with pytest.raises(Invalid) as raised:
        load(Project(tmp_path))
    assert raised.value.report() == f"1 problem found:\nbriefings/week-1.yml:61:11: {expected}"


def test_the_built_site_links_the_feed_from_every_page_and_writes_the_data(tmp_path: Path) -> None:
    shutil.copytree(SERIES, tmp_path / "project")
    root = tmp_path / "project"
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    build_site(root, root / "site")
    site = root / "site"
    for page, feed in (("index.html", "feed.xml"), ("briefings/week-2/index.html", "../../feed.xml")):
        head = (site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert f'<link rel="alternate" type="application/atom+xml" title="Situation briefings: briefings" href="{feed}">' in head
    assert ET.parse(site / "feed.xml").getroot().tag == f"{ATOM}feed"
    assert json.loads((site / "briefings.json").read_text(encoding="utf-8"))["version"] == 3
    assert "What changed" in (site / "briefings" / "week-2" / "index.html").read_text(encoding="utf-8")
