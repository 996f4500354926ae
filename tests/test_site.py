"""End to end: a real strict MkDocs build of a project into tmp_path, checked in its HTML."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.load.project import Project
from generator.pipeline import load

from .conftest import REPO

SITE_ID = "kursk-counteroffensive"
#: The theme's footer credit: the one absolute link on every page that no author wrote.
MATERIAL_CREDIT = "https://squidfunk.github.io/mkdocs-material/"


def build_site(project: Path, site: Path, search: str | None = None) -> None:
    """A strict build of `project` into `site`; `search` overrides the plugin's search engine."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    if search is not None:
        config.plugins["briefings"].config["search"] = search
    build(config)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(REPO, out)
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_briefing_page_is_built(site: Path) -> None:
    html = read(site, f"briefings/{SITE_ID}/index.html")
    assert "<h1>Russia counterattacks in Kursk as it closes on Pokrovsk</h1>" in html
    assert '<div class="bf-bluf" id="bottom-line">' in html
    assert 'id="front-pokrovsk"' in html and 'id="claim-ten-settlements"' in html
    assert '<link rel="stylesheet" href="../../assets/briefings.css">' in html


def test_the_source_view_highlights_and_anchors_every_passage(site: Path) -> None:
    html = read(site, f"briefings/{SITE_ID}/source/index.html")
    assert '<mark class="bf-passage" id="ev-snagos" data-evidence="snagos">The Russian Defense Ministry has also reported' in html
    assert html.count('class="bf-passage') >= 29
    assert '<a class="bf-backlink" href="../#claim-snagos-battles"' in html
    # Overlapping passages: the second "bold incursion" lies inside the Putin passage.
    assert 'data-evidence="putin-no-talks incursion-later"' in html


def test_front_pages_and_trackers_are_built(site: Path) -> None:
    for path in (
        "fronts/index.html",
        "fronts/kursk/index.html",
        "fronts/pokrovsk/index.html",
        "fronts/long-range-weapons/index.html",
        "questions/index.html",
        "claims/index.html",
        "actors/index.html",
        "method/index.html",
    ):
        assert (site / path).is_file(), path
    assert 'href="../../briefings/kursk-counteroffensive/#question-pokrovsk-falls"' in read(site, "fronts/pokrovsk/index.html")
    assert 'id="claimant-kartapolov"' in read(site, "claims/index.html")


def test_the_method_page_carries_the_scales_from_the_schema(site: Path) -> None:
    html = read(site, "method/index.html")
    assert "<td>Roughly even chance</td><td><code>roughly-even-chance</code></td><td>45–55%: roughly even odds.</td>" in html
    assert "<td>Claimed, unverified</td>" in html
    assert "<!-- briefing:" not in html


def test_the_search_index_holds_words_of_the_source_and_of_the_annotations(site: Path) -> None:
    docs = json.loads(read(site, "search/search_index.json"))["docs"]

    def pages_with(word: str) -> set[str]:
        return {d["location"].split("#")[0] for d in docs if word in d["text"]}

    # "turmoil" stands only in the source; "leverage" only in an annotation.
    assert "turmoil" not in (REPO / "briefings" / f"{SITE_ID}.yml").read_text(encoding="utf-8")
    assert f"briefings/{SITE_ID}/source/" in pages_with("turmoil")
    assert "leverage" not in (REPO / "seeds/kursk-counteroffensive-pokrovsk-long-range-weapons.txt").read_text(encoding="utf-8")
    assert f"briefings/{SITE_ID}/" in pages_with("leverage")


class _Addresses(HTMLParser):
    """The addresses a page fetches (`src`, `srcset`, `data`, a `<link>`'s `href`) and links to."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.linked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if not value:
                continue
            if name in ("src", "data") or (name == "href" and tag != "a"):
                self.fetched.append(value)
            elif name == "srcset":
                self.fetched += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            elif name == "href":
                self.linked.append(value)


def test_no_page_asks_a_third_party_host_for_anything(site: Path) -> None:
    # A link may lead anywhere the authors chose; nothing else may leave the site.
    docs = [*(REPO / "docs").rglob("*.md"), *(REPO / "generator" / "docs").rglob("*.md")]  # ours and the readers' pages
    written = {m for page in docs for m in re.findall(r"https?://[^\s)>\"'`]+", page.read_text("utf-8"))}
    sources = {str(entry.briefing.source.url) for entry in load(Project(REPO)) if entry.briefing.source.url}
    allowed = written | sources | {MATERIAL_CREDIT}
    linked = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        parser = _Addresses()
        parser.feed(html)
        fetched = [url for url in parser.fetched if urlsplit(url).scheme or urlsplit(url).netloc]
        assert fetched == [], f"{page}: fetches {fetched}"
        linked |= {url for url in parser.linked if urlsplit(url).scheme or urlsplit(url).netloc}
    assert MATERIAL_CREDIT in linked
    assert linked - allowed == set()


def test_a_failed_check_stops_the_build_and_leaves_the_last_site(project: Path, tmp_path: Path, no_warnings: None) -> None:
    site = tmp_path / "out"
    build_site(project, site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = project / "briefings" / f"{SITE_ID}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("claimant: kartapolov", "claimant: kremlin"), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, site)
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_a_build_writes_nothing_into_the_authors_folders(project: Path, tmp_path: Path, no_warnings: None) -> None:
    def snapshot() -> dict[Path, bytes]:
        return {p: p.read_bytes() for name in ("docs", "briefings", "seeds") for p in (project / name).rglob("*") if p.is_file()}

    before = snapshot()
    build_site(project, tmp_path / "out")
    assert snapshot() == before


def test_a_docs_page_where_a_page_is_generated_is_refused(
    project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "docs" / "questions.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project, tmp_path / "out")
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "docs/ has pages where the briefings plugin generates its own: questions.md; expected them removed or renamed"
    ]


def test_an_unknown_marker_in_a_docs_page_is_a_warning(project: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # The desk's own page at the address of a readers' page: its markers are expanded too.
    (project / "docs" / "method.md").write_text("# Method\n\n<!-- briefing:scale odds -->\n", encoding="utf-8")
    with pytest.raises(Abort):  # strict: a warning fails the build
        build_site(project, tmp_path / "out")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "method.md: unknown marker <!-- briefing:scale odds -->; expected <!-- briefing:scale NAME --> (NAME one of "
        "claim-status, likelihood, confidence, trend, front-kind, actor-kind, question-status, place-kind, place-precision), <!-- briefing:fields --> "
        "or <!-- briefing:limits -->"
    ]


def mkdocs_build_strict(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project`, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


def test_mkdocs_build_strict_of_the_repository_prints_no_warning(tmp_path: Path) -> None:
    run = mkdocs_build_strict(REPO, tmp_path / "site")
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr and "WARNING" not in run.stdout
    assert "Documentation built" in run.stderr


def test_mkdocs_build_reports_every_problem_with_its_place(project: Path, tmp_path: Path) -> None:
    path = project / "briefings" / f"{SITE_ID}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("claimant: kartapolov", "claimant: kremlin").replace("trend: escalating", "trend: rising", 1),
        encoding="utf-8",
    )
    lines = text.splitlines()
    trend = next(n for n, line in enumerate(lines, 1) if line == "    trend: escalating")
    claimant = next(n for n, line in enumerate(lines, 1) if line == "    claimant: kartapolov")
    run = mkdocs_build_strict(project, tmp_path / "site")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "2 problems found:" in run.stderr
    assert (
        f"briefings/{SITE_ID}.yml:{trend}:12: fronts[0].trend: 'rising' is not valid here; expected one of escalating, stable,"
        " de-escalating"
    ) in run.stderr
    assert f"briefings/{SITE_ID}.yml:{claimant}:15: claims[0].claimant: 'kremlin' is not defined in actors;" in run.stderr
    assert not (tmp_path / "site").exists()


def test_serve_rebuilds_when_briefings_or_seeds_change() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    plugin = config.plugins["briefings"]

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    assert server.watched == [str(REPO / "briefings"), str(REPO / "seeds")]


def test_the_search_index_holds_each_annotation_once(site: Path) -> None:
    docs = json.loads(read(site, "search/search_index.json"))["docs"]
    # A stake's words, a claim's and a front's situation: each on its briefing page only,
    # not again on the front, questions, claims or actors pages that list them too.
    for words in (
        "takes that leverage with it",
        "Battles are going on near the settlement of Snagos",
        "keeps closing in",
        "Reported by the source without quoting Putin",
    ):
        pages = {d["location"].split("#")[0] for d in docs if words in d["text"]}
        assert pages <= {f"briefings/{SITE_ID}/"}, (words, pages)
    assert any(d["location"] == "claims/" for d in docs)  # the page itself is still found by its title
