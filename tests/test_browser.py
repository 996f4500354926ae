"""The built site in a real browser: Debian's Chromium, driven by Playwright, on 127.0.0.1.

Screenshots of every page checked are kept in tests/artifacts/ (ignored by git), at 1280
and 390 px wide, light and dark, and the pages of a printed briefing as PDF and PNG.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from generator import search

from .conftest import CASES, REPO
from .test_pages import sourced_project
from .test_site import build_site

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
BRIEFING = "briefings/kursk-counteroffensive/"
PAGES = {
    "home": "",
    "briefing": BRIEFING,
    "source": BRIEFING + "source/",
    "fronts": "fronts/",
    "front": "fronts/pokrovsk/",
    "questions": "questions/",
    "claims": "claims/",
    "actors": "actors/",
    "timeline": "timeline/",
    "places": "places/",
    "figures": "figures/",
    "measure": "figures/ukrainian-casualties/",
    "contested": "contested/",
    "sources": "sources/",
    "method": "method/",
    "data": "data/",
    "reference": "reference/",
    "performance": "performance/",
}
DESKTOP = (1280, 900)
PHONE = (390, 844)
#: The pages with parts of their own on a phone (shortened back links, the filter, tables
#: that scroll), which axe checks at both widths; the others it checks at 1280 px.
PHONE_PARTS = {"briefing", "source", "questions", "claims", "measure", "performance"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` over HTTP on 127.0.0.1, at the URL given."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser-site")
    build_site(REPO, site)
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site, searched with Pagefind as a large site is."""
    site = tmp_path_factory.mktemp("pagefind-site")
    build_site(REPO, site, search="pagefind")
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def parted_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Pagefind site with its index in parts of at most 4 pages, as a site of thousands
    of pages has it (generator/search.py)."""
    site = tmp_path_factory.mktemp("parted-site")
    build_site(REPO, site, search="pagefind")
    search.index(site, part_pages=4)
    assert json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"] > 3
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every console error, page error, failed and foreign request recorded."""

    def __init__(self, browser: Any, scheme: str = "light", viewport: tuple[int, int] = (1280, 900)) -> None:
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, color_scheme=scheme)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url} {r.failure}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, url: str) -> Any:
        self.page.goto(url, wait_until="networkidle")
        return self.page

    def foreign(self) -> list[str]:
        return [
            u for u in self.requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith(("data:", "blob:"))
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def serious_violations(page: Any) -> list[str]:
    """axe's serious and critical findings on the page as it stands, once its transitions
    have ended: Material fades its tabs in one after another, and a loaded machine can catch
    the last of twelve half-faded, which axe would measure as too faint."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def check_page(
    browser: Any, url: str, shot_name: str, scheme: str, viewport: tuple[int, int] = DESKTOP, axe: bool = True
) -> None:
    """No console error, no failed or foreign request, no serious axe violation (unless not
    `axe`), and nothing wider than the screen; a screenshot named by page, width and scheme."""
    watched = Watched(browser, scheme, viewport)
    try:
        page = watched.open(url)
        assert page.locator("h1").first.inner_text().strip()
        shot(page, f"{shot_name}-{viewport[0]}-{scheme}")
        if axe:
            assert serious_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
        assert watched.errors == []
        assert watched.foreign() == []
        assert len(watched.requests) > 3  # the page, its stylesheets and scripts were loaded
    finally:
        watched.close()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_page_renders_clean_and_local_and_accessible(
    browser: Any, site_url: str, name: str, scheme: str, viewport: tuple[int, int]
) -> None:
    check_page(browser, site_url + PAGES[name], name, scheme, viewport, axe=viewport == DESKTOP or name in PHONE_PARTS)


@pytest.fixture(scope="module")
def series_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Three briefings that follow each other (tests/cases/series), with the repository's site."""
    root = tmp_path_factory.mktemp("series")
    shutil.copytree(CASES / "series", root, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    build_site(root, root / "site")
    with served(root / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["briefings/week-2/", "briefings/week-2/source/", "timeline/", "questions/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_over_time_render_clean_and_accessible(browser: Any, series_url: str, path: str, scheme: str) -> None:
    check_page(browser, series_url + path, "series-" + path.strip("/").replace("/", "-"), scheme)


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A desk's briefings from several sources, with figures, places and contradictions
    (tests/cases/multi-source.yml and tests/cases/figures), with the repository's site."""
    root = tmp_path_factory.mktemp("desk")
    shutil.copytree(CASES / "seeds", root / "seeds")
    shutil.copytree(CASES / "figures", root / "briefings")
    shutil.copy(CASES / "multi-source.yml", root / "briefings" / "multi.yml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    build_site(root, root / "site")
    with served(root / "site") as url:
        yield url


@pytest.mark.parametrize(
    "path",
    ["briefings/multi/", "briefings/multi/sources/courier/", "briefings/late/", "sources/", "contested/", "places/", "timeline/"],
)
@pytest.mark.parametrize(("scheme", "viewport"), [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE)])
def test_a_desks_pages_of_many_sources_and_figures_render_clean_and_accessible(
    browser: Any, desk_url: str, path: str, scheme: str, viewport: tuple[int, int]
) -> None:
    check_page(browser, desk_url + path, "desk-" + path.strip("/").replace("/", "-"), scheme, viewport)


def test_the_claims_ledger_orders_claims_by_their_independent_sources(browser: Any, desk_url: str) -> None:
    watched = Watched(browser, "light", PHONE)
    try:
        page = watched.open(desk_url + "claims/")
        # The tally of every status fits a phone: no column held to Material's width for tables.
        tally = page.locator(".bf-tally table")
        assert tally.evaluate("t => t.scrollWidth <= t.clientWidth && t.clientWidth <= 390"), tally.evaluate("t => t.scrollWidth")
        backing = "els => els.map(e => Number(e.dataset.backing))"
        before = page.eval_on_selector_all("ul.bf-claims > li", backing)
        page.select_option("select[name=order]", "backing")
        lists = page.eval_on_selector_all(
            "ul.bf-claims", "ls => ls.map(l => Array.from(l.children).map(e => Number(e.dataset.backing)))"
        )
        assert all(counts == sorted(counts, reverse=True) for counts in lists)
        assert sorted(n for counts in lists for n in counts) == sorted(before) and any(n >= 2 for n in before)
        assert urlparse(page.url).query == "order=backing"
        shot(page, "desk-claims-by-backing-390-light")
        page.select_option("select[name=order]", "")
        assert page.eval_on_selector_all("ul.bf-claims > li", backing) == before
        assert watched.errors == []
    finally:
        watched.close()


def test_the_claims_ledger_offers_no_order_where_no_count_is_known(browser: Any, site_url: str) -> None:
    watched = Watched(browser, "light", DESKTOP)
    try:
        page = watched.open(site_url + "claims/")
        assert page.locator("form[data-bf-sort]").is_hidden()
    finally:
        watched.close()


def search_for(page: Any, word: str, opener: str = ".md-search__input") -> Any:
    """Open the search box and type `word` key by key, as a reader does; the first result."""
    page.locator(opener).click()
    # Material builds its index in a worker after load and says when it is ready (Pagefind's
    # box says so at once); Material answers key events, not a bare input event.
    page.locator(".md-search-result__meta").filter(has_text="Type to start searching").wait_for(timeout=15_000)
    page.keyboard.type(word, delay=20)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(state="visible", timeout=10_000)
    return result


@pytest.mark.parametrize("engine", ["material", "pagefind", "parted"])
@pytest.mark.parametrize(
    ("word", "lands_on"),
    [
        ("turmoil", BRIEFING + "source/"),  # only in the source text
        ("leverage", BRIEFING),  # only in an annotation
    ],
)
def test_search_finds_the_briefing_by_a_word_of_its_source_or_annotations(
    watched: Watched, request: pytest.FixtureRequest, engine: str, word: str, lands_on: str
) -> None:
    url = request.getfixturevalue({"material": "site_url", "pagefind": "pagefind_url"}.get(engine, "parted_url"))
    page = watched.open(url)
    result = search_for(page, word)
    assert "Russia counterattacks in Kursk" in page.locator(".md-search-result__list").inner_text()
    assert page.locator(".md-search-result__list mark").first.inner_text().lower() == word
    shot(page, f"search-{engine}-{word}")
    result.click()
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/" + lands_on
    assert watched.errors == [] and watched.foreign() == []


def test_pagefind_search_fetches_little_and_nothing_before_it_is_used(watched: Watched, pagefind_url: str) -> None:
    page = watched.open(pagefind_url + BRIEFING)
    loaded = list(watched.requests)
    assert not any("/pagefind/" in u or "search_index" in u for u in loaded), loaded
    fetched: list[int] = []
    page.on("response", lambda r: fetched.append(len(r.body())) if r.ok else None)
    search_for(page, "pokrovsk")
    # Beside Pagefind's files, only what the theme fetches for itself whenever the browser
    # gets round to it (the favicon; the sitemap, which Material reads for its links).
    theme = ("/assets/images/favicon.png", "/sitemap.xml")
    assert [u for u in watched.requests[len(loaded) :] if "/pagefind/" not in u and not u.endswith(theme)] == []
    assert 50_000 < sum(fetched) < 400_000  # Pagefind's script and WebAssembly, one chunk, some fragments
    assert watched.errors == []


def test_an_index_in_parts_is_searched_whole(watched: Watched, pagefind_url: str, parted_url: str) -> None:
    counts: list[str] = []
    shown: list[list[str]] = []
    for url in (pagefind_url, parted_url):
        page = watched.open(url)
        search_for(page, "kursk")
        page.wait_for_timeout(500)  # every part has answered
        counts.append(page.locator(".md-search-result__meta").inner_text())
        links = page.locator(".md-search-result__item a")
        shown.append(sorted(links.nth(i).get_attribute("href") or "" for i in range(links.count())))
    assert counts[0] == counts[1] and re.fullmatch(r"\d+ matching documents", counts[0]), counts
    assert int(counts[0].split()[0]) > 4  # more pages than one part holds
    # Each result links to its page in the site, from whichever part found it.
    assert len(shown[1]) == min(10, int(counts[1].split()[0]))
    for href in shown[1]:
        assert urlparse(href).path.startswith("/") and page.request.get(href).status == 200, href
    assert watched.errors == [] and watched.foreign() == []


def test_pagefind_search_on_a_phone_and_by_keyboard(browser: Any, pagefind_url: str) -> None:
    watched = Watched(browser, viewport=PHONE)
    try:
        page = watched.open(pagefind_url + "questions/")
        search_for(page, "kursk", opener='label.md-header__button[for="__search"]')
        assert page.locator(".md-search-result__item").count() > 1
        # What the reader sees fits the screen (Material's own overlay, a scaled circle behind
        # the dialog, is wider while search is open, with its own search as with ours).
        for part in (".md-search__form", ".md-search-result"):
            box = page.locator(part).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (part, box)
        shot(page, "search-pagefind-phone")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked()
        page.keyboard.press("/")
        assert page.locator("#__search").is_checked()
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        assert watched.errors == []
    finally:
        watched.close()


def test_an_evidence_link_lands_on_its_highlighted_passage_and_the_back_link_returns(watched: Watched, site_url: str) -> None:
    page = watched.open(site_url + BRIEFING)
    page.locator('#claim-snagos-battles a.bf-cite[href$="#ev-snagos"]').click()
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/" + BRIEFING + "source/"
    passage = page.locator("mark#ev-snagos")
    assert passage.evaluate("el => el.matches(':target')")
    box = passage.bounding_box()
    assert box is not None
    header = page.locator(".md-header").bounding_box()
    assert header is not None
    assert header["height"] <= box["y"] and box["y"] + box["height"] <= 900, box
    assert passage.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "evidence-link")

    page.locator('mark#ev-snagos ~ .bf-backlinks a[href$="#claim-snagos-battles"]').first.click()
    page.wait_for_load_state("networkidle")
    assert urlparse(page.url).path == "/" + BRIEFING
    claim = page.locator("#claim-snagos-battles")
    assert claim.evaluate("el => el.matches(':target')")
    assert claim.is_visible()
    claim_box = claim.bounding_box()
    assert claim_box is not None and 0 <= claim_box["y"] < 900
    assert watched.errors == []


def test_pagefind_results_show_hostile_text_as_text(browser: Any, tmp_path: Path) -> None:
    from .test_hostile import HOSTILE, hostile_project

    root = hostile_project(tmp_path, HOSTILE / "injection.yml")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    build_site(root, root / "site", search="pagefind")
    watched = Watched(browser)
    dialogs: list[str] = []
    watched.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        with served(root / "site") as url:
            page = watched.open(url)
            search_for(page, "alert")
            page.wait_for_timeout(500)  # every result's excerpt in place
            listing = page.locator(".md-search-result__list")
            assert "<script>alert(" in listing.inner_text()
            tags = listing.evaluate("el => [...new Set([...el.querySelectorAll('*')].map(e => e.localName))].sort()")
            assert tags == ["a", "article", "div", "h1", "li", "mark", "p"]
            assert dialogs == [] and watched.errors == []
    finally:
        watched.close()


# The reader's details: tap targets, the questions filter, print.


@pytest.mark.parametrize("name", ["briefing", "source", "front", "questions", "claims"])
def test_evidence_and_back_links_are_targets_of_24_px_on_a_phone(browser: Any, site_url: str, name: str) -> None:
    """WCAG 2.2, 2.5.8: every evidence link and back link is at least 24 by 24 px at 390 px."""
    watched = Watched(browser, viewport=PHONE)
    try:
        page = watched.open(site_url + PAGES[name])
        boxes = page.eval_on_selector_all(
            "a.bf-cite, a.bf-backlink",
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.className, e.textContent, r.width, r.height]; })",
        )
        assert len(boxes) >= {"briefing": 80, "source": 60}.get(name, 1)
        assert [b for b in boxes if b[2] < 24 or b[3] < 24] == []
    finally:
        watched.close()


def test_a_list_of_evidence_numbers_stays_on_one_line(browser: Any, site_url: str) -> None:
    watched = Watched(browser, viewport=PHONE)
    try:
        page = watched.open(site_url + BRIEFING)
        lines = page.eval_on_selector_all(
            ".bf-cites",
            "els => els.map(e => new Set([...e.querySelectorAll('a.bf-cite')].map(a => Math.round(a.getBoundingClientRect().top))).size)",
        )
        assert len(lines) > 30 and set(lines) == {1}
        # Numbers, as the briefing cites them out of order: in their order on the page.
        numbers = page.locator("#claim-ukrainian-incursion .bf-cites").inner_text().split()
        assert numbers == ["1", "7", "10", "11"]
    finally:
        watched.close()


def test_a_passage_shows_its_number_and_where_its_back_links_lead(browser: Any, site_url: str) -> None:
    watched = Watched(browser, viewport=PHONE)
    try:
        page = watched.open(site_url + BRIEFING)
        link = page.locator('#front-kursk a.bf-cite[href$="#ev-snagos"]')
        number = link.inner_text()
        link.click()
        page.wait_for_load_state("networkidle")
        ends = page.locator("mark#ev-snagos ~ .bf-backlinks").first
        assert ends.locator(".bf-evnum").inner_text().split() == ["Evidence", number]
        hidden = ends.locator(".bf-evnum .bf-sr").bounding_box()  # "Evidence" is heard, not seen
        assert hidden is not None and hidden["width"] <= 1 and hidden["height"] <= 1
        back = ends.locator('a[href$="#claim-snagos-battles"]')
        assert back.inner_text().startswith("claim: Battles are going on")
        assert back.evaluate("el => getComputedStyle(el, '::before').content") == '"↩\u00a0"'
        box = back.locator(".bf-what").bounding_box()
        assert box is not None and box["width"] <= 11 * 13  # shortened on a phone: 11em of its small type
        # Seven statements cite diversion-failed: one list, by kind, each heard in full.
        many = page.locator("mark#ev-diversion-failed ~ .bf-backlinks .bf-citers").first
        assert many.locator(".bf-citers-head").inner_text() == "cited by 7:"
        kinds = many.locator("a").evaluate_all("els => els.map(a => a.firstChild.textContent)")
        assert kinds == ["bottom line", "takeaway", "front", "stake", "question", "answer", "claim"]
        words = many.locator(".bf-what").evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
        assert len(words) == 6 and max(words) <= 1  # heard, with the title, not seen
        assert many.locator("a").nth(1).get_attribute("title", timeout=1000)
        shot(page, "source-numbers-390-light")
        assert watched.errors == []
    finally:
        watched.close()


def _shown_questions(page: Any) -> list[str]:
    return page.eval_on_selector_all("article.bf-question", "els => els.filter(e => e.checkVisibility()).map(e => e.id)")


def _questions_with(page: Any, front: str = "", status: str = "") -> list[str]:
    return page.eval_on_selector_all(
        "article.bf-question",
        "(els, [front, status]) => els.filter(e => (!front || e.dataset.fronts.split(' ').includes(front))"
        " && (!status || e.dataset.status === status)).map(e => e.id)",
        [front, status],
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_questions_can_be_filtered_by_front_and_status(browser: Any, site_url: str, scheme: str) -> None:
    watched = Watched(browser, scheme, PHONE)
    try:
        page = watched.open(site_url + "questions/")
        everything = _questions_with(page)
        assert len(everything) == 8 and _shown_questions(page) == everything
        count = page.locator(".bf-filter-count")
        assert count.inner_text() == "8 of 8 questions shown"

        page.select_option("select[name=front]", "peace-talks")
        wanted = _questions_with(page, "peace-talks")
        assert 0 < len(wanted) < 8 and _shown_questions(page) == wanted
        assert count.inner_text() == f"{len(wanted)} of 8 questions shown"
        assert urlparse(page.url).query == "front=peace-talks"
        # A front's group shows only while it holds a question shown.
        groups = page.eval_on_selector_all(".bf-group", "els => els.filter(e => e.checkVisibility()).length")
        assert 0 < groups < page.locator(".bf-group").count()

        page.select_option("select[name=status]", "answered")
        wanted = _questions_with(page, "peace-talks", "answered")
        assert _shown_questions(page) == wanted
        assert urlparse(page.url).query == "front=peace-talks&status=answered"
        if not wanted:
            assert page.locator('.bf-status-block[data-status="answered"] [data-bf-none]').is_visible()
        assert page.locator('.bf-status-block[data-status="open"] [data-bf-none]').is_visible()
        shot(page, f"questions-filtered-390-{scheme}")
        assert serious_violations(page) == []

        # The choice stands in the address: a filtered list can be linked to.
        page.goto(site_url + "questions/?front=kursk&status=open", wait_until="networkidle")
        assert page.locator("select[name=front]").input_value() == "kursk"
        assert _shown_questions(page) == _questions_with(page, "kursk", "open") != []
        page.select_option("select[name=front]", "")
        page.select_option("select[name=status]", "")
        assert _shown_questions(page) == everything and urlparse(page.url).query == ""
        assert watched.errors == [] and watched.foreign() == []
    finally:
        watched.close()


def test_without_script_every_question_shows_and_no_control_is_offered(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "questions/", wait_until="networkidle")
        assert not page.locator("form[data-bf-filter]").is_visible()
        assert len(_shown_questions(page)) == page.locator("article.bf-question").count() == 8
        assert not page.locator("[data-bf-none]").first.is_visible()
        page.goto(site_url + BRIEFING, wait_until="networkidle")
        assert not page.locator("button.bf-print").is_visible()
        shot(page, "briefing-noscript-1280-light")
    finally:
        context.close()


def test_a_wide_table_scrolls_in_a_named_region_a_keyboard_reaches(browser: Any, site_url: str) -> None:
    watched = Watched(browser, viewport=PHONE)
    try:
        page = watched.open(site_url + "performance/")
        region = page.locator(".md-typeset__scrollwrap").first
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label") == "Table: Latest figures (scrolls sideways)"
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
        assert watched.errors == []
    finally:
        watched.close()


@pytest.fixture(scope="module")
def sourced_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's site, its briefing's source stated in full (outlet, address...)."""
    root = sourced_project(tmp_path_factory.mktemp("sourced-site"))
    build_site(root, root / "site")
    with served(root / "site") as url:
        yield url


SOURCE_URL = "https://news.example.org/world/kursk-counteroffensive?ref=briefing&page=2"


def test_the_briefing_header_names_its_source_and_offers_to_print(browser: Any, sourced_url: str) -> None:
    watched = Watched(browser)
    try:
        page = watched.open(sourced_url + BRIEFING)
        meta = page.locator(".bf-meta")
        assert "The Example Herald" in meta.inner_text()
        assert meta.locator("a.bf-url").get_attribute("href") == SOURCE_URL
        page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
        button = page.get_by_role("button", name="Print or save as PDF")
        button.click()
        assert page.evaluate("window.printed") == 1
        page.emulate_media(media="print")
        assert not button.is_visible()
        for scheme in ("light", "dark"):
            for viewport in (DESKTOP, PHONE):
                other = Watched(browser, scheme, viewport)
                try:
                    shot(other.open(sourced_url + BRIEFING), f"briefing-sourced-{viewport[0]}-{scheme}")
                    assert other.errors == []
                finally:
                    other.close()
    finally:
        watched.close()


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is missing: install Debian's poppler-utils package (apt-get install poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_briefing_prints_its_text_alone_on_a_few_pages(browser: Any, sourced_url: str, paper: str, scheme: str) -> None:
    watched = Watched(browser, scheme)
    try:
        page = watched.open(sourced_url + BRIEFING)
        page.emulate_media(media="print")
        # The site around the briefing is not printed; cards and claims are kept whole.
        for part in (".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top", ".bf-print"):
            assert page.locator(part).evaluate_all("els => els.filter(e => e.checkVisibility()).length") == 0, part
        kept = page.eval_on_selector_all(
            ".bf-card, .bf-claim, .bf-question", "els => els.map(e => getComputedStyle(e).breakInside)"
        )
        assert len(kept) > 20 and set(kept) == {"avoid"}
        assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color") == "rgba(0, 0, 0, 0.87)"
        pdf = ARTIFACTS / f"print-{paper.lower()}-{scheme}.pdf"
        ARTIFACTS.mkdir(exist_ok=True)
        page.pdf(path=str(pdf), format=paper)
    finally:
        watched.close()

    info = subprocess.run([_poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)[1])  # type: ignore[index]
    assert 3 <= pages <= 8, pages
    text = subprocess.run([_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Kursk: Russia counterattacks as it closes on Pokrovsk" in flat
    assert re.search(r"EVIDENCE 1 15 19 25 27\b", flat)  # the bottom line's evidence numbers
    assert SOURCE_URL in "".join(text.split())  # the source, with its address, in the Source list at the end
    assert flat.rindex("The Example Herald") > flat.index("Source Every statement above links to the passages")
    for absent in (
        "Situation briefings",
        "Table of contents",
        "Made with",
        "Print or save as PDF",
        "Writing briefings",
        "Search",
    ):
        assert absent not in flat, absent
    # Each page as a picture, to look at.
    prefix = ARTIFACTS / pdf.stem
    for old in ARTIFACTS.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run([_poppler("pdftoppm"), "-r", "60", "-png", str(pdf), str(prefix)], check=True)
    assert len(list(ARTIFACTS.glob(f"{pdf.stem}-*.png"))) == pages
