"""The rendered Markdown of the shipped briefing and of the series project, page by page,
against golden files: tests/golden/ and tests/golden/series/."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages.templating import one_line, paragraphs
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
        "contested.md",
        "feed.xml",
        "figures/index.md",
        "figures/settlements-retaken/index.md",
        "figures/ukrainian-casualties/index.md",
        "fronts/index.md",
        "fronts/kursk/index.md",
        "fronts/long-range-weapons/index.md",
        "fronts/peace-talks/index.md",
        "fronts/pokrovsk/index.md",
        "index.md",
        "places.md",
        "questions.md",
        "sources.md",
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


# What a reader sees: evidence numbers, back links, words, the source, the questions.

BRIEFING_PAGE = "briefings/kursk-counteroffensive/index.md"
SOURCE_PAGE = "briefings/kursk-counteroffensive/source.md"
TEMPLATES = REPO / "generator" / "templates"
_CITES = re.compile(r'<span class="bf-cites"[^>]*>((?: ?<a class="bf-cite"[^>]*>\d+</a>)+)</span>')


def sourced_project(root: Path) -> Path:
    """The repository's project in `root`, its briefing's source stated in full, and its
    title with a colon of its own (as "El Fasher: ..." has)."""
    for name in ("docs", "briefings", "seeds"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    path = root / "briefings" / "kursk-counteroffensive.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "title: Russia counterattacks in Kursk as it closes on Pokrovsk",
        'title: "Kursk: Russia counterattacks as it closes on Pokrovsk"',
        1,
    )
    text = text.replace(
        "  # The text came without headline, outlet, author, address or date.\n",
        "  headline: Russia launches counteroffensive in Kursk\n"
        "  outlet: The Example Herald\n"
        "  author: Jane Reporter\n"
        "  url: https://news.example.org/world/kursk-counteroffensive?ref=briefing&page=2\n"
        "  published: 2026-11-24\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sourced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = sourced_project(tmp_path_factory.mktemp("sourced"))
    return build(Project(root), Urls(), executor=serial).pages


def test_every_list_of_evidence_numbers_is_in_numeric_order(pages: dict[str, str]) -> None:
    lists = [[int(n) for n in re.findall(r">(\d+)</a>", match)] for page in pages.values() for match in _CITES.findall(page)]
    assert len(lists) > 50
    assert [numbers for numbers in lists if numbers != sorted(numbers)] == []
    # A claim that cites its passages out of their order: 11, 10, 1, 7 in the YAML.
    claim = pages[BRIEFING_PAGE].split('id="claim-ukrainian-incursion"', 1)[1]
    assert [int(n) for n in re.findall(r">(\d+)</a>", _CITES.search(claim)[1])] == [1, 7, 10, 11]  # type: ignore[index]


def test_each_passage_shows_the_number_its_evidence_links_show(pages: dict[str, str]) -> None:
    [entry] = load(Project(REPO))
    page, source = pages[BRIEFING_PAGE], pages[SOURCE_PAGE]
    for number, evidence in enumerate(entry.briefing.evidence, 1):
        assert re.search(rf'<a class="bf-cite" href="source/#ev-{evidence.id}" title="[^"]*">{number}</a>', page), evidence.id
        # Where the passage ends (the last piece of it, when passages overlap), its number,
        # then the links back to what cites it.
        label = f'<span class="bf-backlinks" data-search-exclude><span class="bf-evnum"><span class="bf-sr">Evidence </span>{number}</span> '
        assert source.count(label) == 1, evidence.id
        before = source[: source.index(label)]
        assert re.search(r"(</mark>|</span></span>)$", before), evidence.id
        last_mark = before[before.rindex("<mark ") :]
        assert evidence.id in re.search(r'data-evidence="([^"]*)"', last_mark)[1].split(), evidence.id  # type: ignore[index]


def test_back_links_say_what_they_lead_to_and_many_make_one_compact_list(pages: dict[str, str]) -> None:
    source = pages[SOURCE_PAGE]
    # Short words are shown whole; long ones are cut at a word, and the title has them whole.
    assert '<a class="bf-backlink" href="../#front-kursk">front<span class="bf-what">: Kursk region</span></a>' in source
    assert (
        '<a class="bf-backlink" href="../#claim-snagos-battles" title="Battles are going on near the settlement of Snagos.">'
        'claim<span class="bf-what">: Battles are going on near the settlement of…</span></a>'
    ) in source
    assert '<a class="bf-backlink" href="../#bottom-line">bottom line</a>' in source
    # Four back links (kartapolov-ten) stay as they are; seven (diversion-failed) are one list.
    ten = source.split('id="ev-kartapolov-ten"', 1)[1].split("</mark>", 1)[1].split("<mark", 1)[0]
    assert ten.count('class="bf-backlink"') == 4 and "bf-citers" not in ten
    diversion = source.split('id="ev-diversion-failed"', 1)[1].split("</mark>", 1)[1].split("<mark", 1)[0]
    assert (
        '<span class="bf-citers"><span class="bf-citers-head">cited by 7:</span> <a class="bf-backlink" href="../#bottom-line">bottom line</a>, '
        in (diversion)
    )
    assert diversion.count('class="bf-backlink"') == 7
    assert "↩" not in source  # the arrows are the stylesheet's, not the text's


def test_no_template_and_no_page_writes_a_plural_in_parentheses(pages: dict[str, str], sourced: dict[str, str]) -> None:
    assert [p.name for p in TEMPLATES.glob("*.j2") if "(s)" in p.read_text(encoding="utf-8")] == []
    assert [name for name, page in {**pages, **sourced}.items() if "(s)" in page] == []
    assert "· 4 fronts · 7 open questions · 14 claims</p>" in pages["index.md"]
    assert "named in 1 briefing · " in pages["actors.md"]
    assert "<p>1 briefing, newest first." in pages["index.md"]


def test_the_source_page_title_has_no_doubled_colon(pages: dict[str, str], sourced: dict[str, str]) -> None:
    assert 'title: "The source text of “Russia counterattacks in Kursk as it closes on Pokrovsk”"\n' in pages[SOURCE_PAGE]
    title = sourced[SOURCE_PAGE].split("\n")[1]
    assert title == 'title: "The source text of “Kursk: Russia counterattacks as it closes on Pokrovsk”"'
    assert title.count(":") == 2  # the YAML key's and the briefing's own


def test_the_briefing_header_gives_where_its_source_comes_from(pages: dict[str, str], sourced: dict[str, str]) -> None:
    url = "https://news.example.org/world/kursk-counteroffensive?ref=briefing&amp;page=2"
    assert (
        '<div class="bf-meta"><p>Briefing of <time datetime="2026-11-25">25 November 2026</time> · Source: '
        "“Russia launches counteroffensive in Kursk” by Jane Reporter, The Example Herald, 24 November 2026, "
        f'<a class="bf-url" href="{url}" rel="noopener noreferrer nofollow">{url}</a>'
        ' · <a href="source/">Our copy, with the cited passages marked</a></p>'
    ) in sourced[BRIEFING_PAGE]
    assert ('· Source: an unattributed text · <a href="source/">Our copy, with the cited passages marked</a></p>') in pages[
        BRIEFING_PAGE
    ]
    assert (
        f'first published at <a class="bf-url" href="{url}" rel="noopener noreferrer nofollow">{url}</a>.' in sourced[SOURCE_PAGE]
    )


def test_the_reference_list_says_what_is_stated_of_a_source_and_leaves_out_the_rest(
    pages: dict[str, str], sourced: dict[str, str]
) -> None:
    assert [name for name, page in {**pages, **sourced}.items() if "<dd>not stated</dd>" in page] == []
    [item] = re.findall(r'<ol class="bf-references" id="references">\n(.*?)\n</ol>', pages[BRIEFING_PAGE], re.DOTALL)
    assert item == (
        '<li id="source-source"><p>An unattributed text: it came without headline, author, outlet, date or address.</p>\n'
        '<p class="bf-facts"><code>seeds/kursk-counteroffensive-pokrovsk-long-range-weapons.txt</code>'
        ' · <a href="source/">29 passages cited, highlighted in our copy</a></p></li>'
    )
    [item] = re.findall(r'<ol class="bf-references" id="references">\n(.*?)\n</ol>', sourced[BRIEFING_PAGE], re.DOTALL)
    assert item.startswith(
        '<li id="source-source"><p>“Russia launches counteroffensive in Kursk” by Jane Reporter, The Example Herald,'
        ' 24 November 2026, <a class="bf-url" href="https://news.example.org/world/kursk-counteroffensive?ref=briefing&amp;page=2"'
    )


def test_the_briefing_offers_to_print_only_where_script_can(pages: dict[str, str]) -> None:
    assert (
        '<p class="bf-actions" data-search-exclude><button type="button" class="bf-print" data-bf-print hidden>Print or save as PDF</button></p></div>'
        in (pages[BRIEFING_PAGE])
    )


def test_the_questions_page_shows_what_the_briefing_shows_and_can_be_filtered(pages: dict[str, str]) -> None:
    page = pages["questions.md"]
    card = page.split('id="q-pokrovsk-falls"', 1)[1].split("</article>", 1)[0]
    assert card.startswith(' data-status="open" data-fronts="pokrovsk">')
    assert (
        "<p>Its fall would cost Ukraine supply lines and control of the Donetsk region, and open the way to deeper Russian assaults.</p>"
        in card
    )
    assert '<p class="bf-label">What would answer it</p>\n<ul class="bf-indicators">' in card
    assert '<p class="bf-evidence"><span class="bf-label">Evidence</span><span class="bf-cites"' in card
    # Every question carries what the filter reads; the filter lists the fronts and statuses there are.
    assert page.count('<article class="bf-card bf-question"') == page.count(' data-status="') - 2 == 8
    form = page.split('<form class="bf-filter"', 1)[1].split("</form>", 1)[0]
    assert form.startswith(' aria-label="Filter the questions" data-bf-filter data-search-exclude hidden>')
    assert re.findall(r'<option value="([^"]*)">', form) == [
        "",
        "kursk",
        "long-range-weapons",
        "peace-talks",
        "pokrovsk",
        "",
        "open",
        "answered",
    ]
    assert '<p class="bf-empty" data-bf-none data-search-exclude hidden>No open question matches the filter.</p>' in page


def test_one_line_folds_every_white_space_character_as_a_regex_would() -> None:
    space = re.compile(r"\s+")
    for code in range(sys.maxunicode + 1):
        text = f" a{chr(code)}{chr(code)}b\t"
        assert one_line(text) == space.sub(" ", text).strip(), hex(code)
    assert paragraphs(" one\u2003 two\n\n\u00a0three \n") == ["one two", "three"]
