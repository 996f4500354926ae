"""Site search: Material's one-file index for small sites, Pagefind's fragments for large ones.

Material's search makes a reader download the index of every page before the first
result, about 0.75 KB gzipped a page here. Pagefind splits its index into chunks and
fragments that a query fetches on demand, so what a reader downloads does not grow with
the site. Both index the same text: neither reads elements marked `data-search-exclude`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from pathlib import Path

ENGINES = ("auto", "material", "pagefind")

#: Under `auto`, sites of this many pages or more are searched with Pagefind: at 1,000
#: pages Material's index would reach about 0.75 MB gzipped, fetched on every first visit.
PAGEFIND_FROM = 1000

#: Where the Pagefind bundle goes, inside the site.
BUNDLE = "pagefind"
#: The part of a Material page that holds its content; the header, navigation and footer
#: around it are the same on every page.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTOR = "[data-search-exclude]"


class IndexFailed(Exception):
    """Pagefind could not index the site."""


def engine(choice: str, pages: int, pagefind_from: int = PAGEFIND_FROM) -> str:
    """The search engine for a site of `pages` pages: `material` or `pagefind`."""
    if choice == "auto":
        return "pagefind" if pages >= pagefind_from else "material"
    return choice


def index(site_dir: Path, directory_urls: bool = True) -> None:
    """Write Pagefind's index of `site_dir` into `site_dir/pagefind`, whole or not at all.

    With directory URLs every page is an `index.html`, which leaves out `404.html`.

    Raises `IndexFailed` with Pagefind's own words if it fails.
    """
    partial = site_dir / f".{BUNDLE}.partial"
    target = site_dir / BUNDLE
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        _executable(),
        "--site", str(site_dir),
        "--glob", "**/index.html" if directory_urls else "**/*.html",
        "--output-path", str(partial),
        "--root-selector", ROOT_SELECTOR,
        "--exclude-selectors", EXCLUDE_SELECTOR,
        "--quiet",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, check=False)
    if done.returncode != 0 or not (partial / "pagefind.js").is_file():
        shutil.rmtree(partial, ignore_errors=True)
        lines = (line.strip() for line in (done.stderr + done.stdout).splitlines())
        said = " ".join(dict.fromkeys(line for line in lines if line)).rstrip(".") or f"exit status {done.returncode}"
        raise IndexFailed(f"Pagefind could not index {site_dir}: {said}; expected a built site of HTML pages")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(partial, target)


def _executable() -> str:
    try:
        import pagefind_bin  # a wheel that carries the binary: nothing is downloaded

        return str(pagefind_bin.get_executable())
    except (ImportError, OSError) as error:
        raise IndexFailed(f"Pagefind is not installed ({error}); expected the pagefind-bin package") from None


_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"))
_ATTRIBUTE = "data-search-exclude"


def without_excluded(html: str) -> str:
    """Generated HTML without its elements marked `data-search-exclude`.

    What Material's search indexes of a generated page is the same either way, but it
    reads every tag of what it is given: a page of all the claims is mostly excluded
    lists, and handing it only the rest saves most of a rebuild. Generated HTML is well
    formed, so an element's end is found by counting the tags of its name alone;
    `search_index.json` is compared with and without this in the tests.
    """
    out: list[str] = []
    kept_from = at = 0
    while (at := html.find(_ATTRIBUTE, at)) >= 0:
        start = html.rfind("<", kept_from, at)
        after = html[at + len(_ATTRIBUTE) : at + len(_ATTRIBUTE) + 1]
        name = _NAME.match(html, start) if start >= 0 else None
        attribute = after != "" and (after.isspace() or after in "=/>")  # not a longer name
        if name is None or ">" in html[start:at] or not html[at - 1].isspace() or not attribute:
            at += len(_ATTRIBUTE)  # words in text, or another attribute's name
            continue
        out.append(html[kept_from:start])
        kept_from = at = _end(html, start, name[1].lower())
    out.append(html[kept_from:])
    return "".join(out)


def _end(html: str, start: int, name: str) -> int:
    """Where the element whose start tag begins at `start` ends (its whole text if never closed)."""
    opened = html.find(">", start) + 1
    if opened == 0:
        return len(html)
    if name in _VOID or html[opened - 2] == "/":
        return opened
    depth = 1
    for tag in _tags(name).finditer(html, opened):
        if tag[0].endswith("/>"):
            continue
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.end()
    return len(html)


@functools.cache
def _tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
