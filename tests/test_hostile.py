"""Hostile and broken input: a clear message for each, never a traceback, nothing injected.

Each case in tests/hostile/ is a briefing file, with a `.seed` file when it needs its own
source; its outcome (the exact report, or what an accepted case matched) is the golden
`.expected` file beside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.errors import Invalid
from generator.load.project import MAX_FILE_BYTES, Project
from generator.model.values import BIDI_CONTROLS
from generator.pipeline import build, load, serial

from .conftest import CASES, check_golden
from .test_site import build_site

HOSTILE = Path(__file__).resolve().parent / "hostile"
CORPUS = sorted(HOSTILE.glob("*.yml"))


def outcome(root: Path) -> str:
    """What loading a project gives: the problem report, or each accepted passage."""
    try:
        entries = load(Project(root))
    except Invalid as error:
        return error.report() + "\n"
    lines = []
    for entry in entries:
        lines.append(f"accepted: {entry.path}")
        lines += [f"  {eid}: {copy.text[s.start : s.end]!r}" for copy in entry.copies for eid, s in copy.spans.items()]
    return "\n".join(lines) + "\n"


def hostile_project(tmp_path: Path, case: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "briefings").mkdir()
    seed = case.with_suffix(".seed")
    shutil.copy(seed if seed.exists() else CASES / "seeds" / "article.txt", tmp_path / "seeds" / "article.txt")
    shutil.copy(case, tmp_path / "briefings" / case.name)
    return tmp_path


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_hostile_case(case: Path, tmp_path: Path, update_goldens: bool) -> None:
    root = hostile_project(tmp_path, case)
    result = outcome(root)
    check_golden(case.with_suffix(".expected"), result, update_goldens)
    # What is loaded, the build renders: the build fails with `Invalid` or succeeds, never
    # anything else, exactly when loading does, and `briefing check` says so by its status.
    try:
        built = bool(build(Project(root), executor=serial).pages)
    except Invalid:
        built = False
    assert built == result.startswith("accepted")
    cli_run = CliRunner().invoke(cli, ["check", "--root", str(root)])
    assert cli_run.exit_code == (0 if built else 1), cli_run.output
    assert "Traceback" not in cli_run.output
    assert cli_run.exception is None or isinstance(cli_run.exception, SystemExit)


def test_a_source_with_bidi_controls_shows_them_and_obeys_none(tmp_path: Path) -> None:
    """A source is kept as received; its page shows each bidi control by code point, and no page carries one."""
    root = hostile_project(tmp_path, HOSTILE / "seed-bidi-controls.yml")
    pages = build(Project(root), executor=serial).pages
    for name, page in pages.items():
        # JSON-LD blocks are data that no browser shows: the selectors there quote the source as it is.
        shown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.DOTALL)
        assert not BIDI_CONTROLS.search(shown), name
    source = pages["briefings/seed-bidi-controls/source.md"]
    assert '<p><code class="bf-bidi" title="right-to-left override">U+202E</code><mark class="bf-passage" id="ev-begun"' in source
    assert '10 settlements have been liberated.</mark><span class="bf-backlinks"' in source
    assert '<code class="bf-bidi" title="left-to-right isolate">U+2066</code>' in source
    assert (
        'New <code class="bf-bidi" title="right-to-left embedding">U+202B</code>footage'
        '<code class="bf-bidi" title="pop directional formatting">U+202C</code> and '
        '<code class="bf-bidi" title="first strong isolate">U+2068</code>more'
        '<code class="bf-bidi" title="pop directional isolate">U+2069</code>'
    ) in source


def test_the_alias_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    root = hostile_project(tmp_path, HOSTILE / "yaml-billion-laughs.yml")
    tracemalloc.start()
    with pytest.raises(Invalid):
        load(Project(root))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4_000_000, f"{peak:,} bytes"


def _oversize(path: Path) -> None:
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))


def test_a_briefing_over_the_size_limit(tmp_path: Path) -> None:
    root = hostile_project(tmp_path, CASES / "valid.yml")
    _oversize(root / "briefings" / "valid.yml")
    assert outcome(root) == "1 problem found:\nbriefings/valid.yml: the file is 1,000,010 bytes; expected at most 1,000,000\n"


def test_a_source_over_the_size_limit(tmp_path: Path) -> None:
    root = hostile_project(tmp_path, CASES / "valid.yml")
    _oversize(root / "seeds" / "article.txt")
    assert outcome(root) == (
        "1 problem found:\nbriefings/valid.yml:5:9: source file 'seeds/article.txt': the file is 1,000,010 bytes; expected at most 1,000,000\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_source_that_links_outside_seeds(tmp_path: Path) -> None:
    root = hostile_project(tmp_path, CASES / "valid.yml")
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "Russia has begun a significant counteroffensive. A total of about 10 settlements have been liberated.\n",
        encoding="utf-8",
    )
    (root / "seeds" / "article.txt").unlink()
    (root / "seeds" / "article.txt").symlink_to(secret)
    assert outcome(root) == (
        "1 problem found:\nbriefings/valid.yml:5:9: source file 'seeds/article.txt' leads outside seeds/; expected a file inside it\n"
    )


def test_case_only_and_extension_collisions_of_ids(tmp_path: Path) -> None:
    root = hostile_project(tmp_path, CASES / "valid.yml")
    shutil.copy(CASES / "valid.yml", root / "briefings" / "Valid.yml")
    shutil.copy(CASES / "valid.yml", root / "briefings" / "valid.yaml")
    problems = outcome(root).splitlines()
    if (root / "briefings" / "Valid.yml").samefile(root / "briefings" / "valid.yml"):
        pytest.fail("this test needs a case-sensitive file system")
    assert problems == [
        "2 problems found:",
        "briefings/Valid.yml: the file name 'Valid' is not a briefing id; expected lower-case letters, digits and single hyphens, at most 64 characters, then .yml",
        "briefings/valid.yaml: not a briefing file; expected only NAME.yml files in briefings/",
    ]


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.script_text: list[str] = []  # scripts that run
        self.data_blocks: list[str] = []  # JSON-LD: data that browsers never run
        self._in: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "script":
            self._in = self.data_blocks if dict(attrs).get("type") == "application/ld+json" else self.script_text

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._in.append(data)


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("injection")
    hostile_project(root, HOSTILE / "injection.yml")
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(Path(__file__).resolve().parent.parent / "docs", root / "docs")
    build_site(root, root / "site")
    return root / "site"


def test_no_vector_comes_alive_in_any_page(injected_site: Path) -> None:
    pages = sorted(injected_site.rglob("*.html"))
    assert len(pages) > 10
    carried = 0
    for page in pages:
        parser = _Tags()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"{page}: <{tag}> with {handlers}"
            for name in ("href", "src", "data", "action", "formaction"):
                value = attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{page}: <{tag} {name}={value!r}>"
            assert tag not in ("iframe", "object", "embed", "style", "img", "details"), f"{page}: injected <{tag}>"
            assert not (tag == "meta" and "http-equiv" in attrs), page
            assert not (tag == "script" and "evil.example" in attrs.get("src", "")), page
        assert not any("alert" in text for text in parser.script_text), f"{page}: a script that alerts"
        for block in parser.data_blocks:  # the hostile text is there, as JSON strings that stay inside
            assert "<" not in block and ">" not in block, f"{page}: markup in a JSON-LD block"
            assert json.loads(block), f"{page}: an empty or broken JSON-LD block"
            carried += "\\u003cscript\\u003ealert(" in block
    assert carried == 1  # the briefing page's claims and passages, hostile text and all


def test_every_vector_shows_as_its_own_text(injected_site: Path) -> None:
    briefing = (injected_site / "briefings" / "injection" / "index.html").read_text(encoding="utf-8")
    source = (injected_site / "briefings" / "injection" / "source" / "index.html").read_text(encoding="utf-8")
    assert (
        "<title>&lt;/title&gt;&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; {{ 7*7 }} - Situation briefings</title>"
        in briefing
    )
    assert "<h1>&lt;/title&gt;&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; {{ 7*7 }}</h1>" in briefing
    assert "&lt;script&gt;alert(&#39;bottom line&#39;)&lt;/script&gt; **bold** `code` &amp;amp; &amp;lt;b&amp;gt;" in briefing
    assert "[stake](javascript:alert(&#39;stake&#39;))" in briefing
    assert "{% raw %}{{ config }}{% endraw %}" in briefing
    assert "<p># Not a heading</p><p>--- title: not front matter</p>" in briefing
    assert (
        "&lt;script&gt;alert(&#34;seed&#34;)&lt;/script&gt;" in source or '&lt;script&gt;alert("seed")&lt;/script&gt;' in source
    )
    assert "&lt;/div&gt;&lt;img src=x onerror=alert(2)&gt;" in source
    assert "&amp;lt;b&amp;gt;entities" in source
    assert 'href="https://example.org/a?b=1&amp;c=%22quoted%22"' in briefing


def test_the_search_index_holds_the_vectors_as_text(injected_site: Path) -> None:
    index = (injected_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script" not in index and "<img" not in index and "<svg" not in index
    assert "&lt;script&gt;alert" in index


def test_the_linked_data_carries_a_sources_bidi_controls_as_escapes() -> None:
    from generator.pages.linkeddata import script

    block = str(script([{"exact": "before \u202e after", "isolate": "\u2066x\u2069"}]))
    assert not any(char in block for char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "\\u202e" in block and "\\u2066" in block and "\\u2069" in block
